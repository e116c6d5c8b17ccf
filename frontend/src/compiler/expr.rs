//! Compiling expressions: literals, operators, comparisons (chained),
//! boolean short-circuits, calls, subscripts, displays, f-strings and lambdas.

use super::{Access, Compiler};
use crate::code::Constant;
use crate::error::CompileError;
use crate::opcode::{BinaryOperator, CompareOperator, Opcode};
use crate::symtable::{NameScope, ScopeKind};
use num_bigint::BigInt;
use num_traits::Num;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;
use std::rc::Rc;

type Result<T = ()> = std::result::Result<T, CompileError>;

pub(super) fn binary_operator(op: ast::Operator) -> BinaryOperator {
    use ast::Operator as O;
    match op {
        O::Add => BinaryOperator::Add,
        O::Sub => BinaryOperator::Subtract,
        O::Mult => BinaryOperator::Multiply,
        O::MatMult => BinaryOperator::MatMul,
        O::Div => BinaryOperator::TrueDivide,
        O::Mod => BinaryOperator::Remainder,
        O::Pow => BinaryOperator::Power,
        O::LShift => BinaryOperator::LShift,
        O::RShift => BinaryOperator::RShift,
        O::BitOr => BinaryOperator::Or,
        O::BitXor => BinaryOperator::Xor,
        O::BitAnd => BinaryOperator::And,
        O::FloorDiv => BinaryOperator::FloorDivide,
    }
}

/// Parses an integer literal token (`0x_ff`, `1_000`, `0o17`, `0b101`).
fn parse_int_token(token: &str) -> Option<Constant> {
    let cleaned: String = token.chars().filter(|c| *c != '_').collect();
    let lower = cleaned.to_ascii_lowercase();
    let (digits, radix) = match lower.get(..2) {
        Some("0x") => (&lower[2..], 16),
        Some("0o") => (&lower[2..], 8),
        Some("0b") => (&lower[2..], 2),
        _ => (lower.as_str(), 10),
    };
    let big = BigInt::from_str_radix(digits, radix).ok()?;
    Some(match i64::try_from(&big) {
        Ok(small) => Constant::Int(small),
        Err(_) => Constant::BigInt(Rc::new(big)),
    })
}

impl Compiler<'_> {
    pub(super) fn expr(&mut self, expr: &Expr) -> Result {
        self.enter_nesting(expr.range())?;
        let saved = self.set_position(expr.range());
        let result = self.expr_inner(expr);
        self.restore_position(saved);
        self.leave_nesting();
        result
    }

    fn expr_inner(&mut self, expr: &Expr) -> Result {
        match expr {
            Expr::NumberLiteral(n) => {
                let constant = self.number(&n.value, expr)?;
                self.emit_const(constant);
            }
            Expr::StringLiteral(s) => self.emit_const(Constant::Str(s.value.to_str().into())),
            Expr::BooleanLiteral(b) => self.emit_const(Constant::Bool(b.value)),
            Expr::NoneLiteral(_) => self.emit_const(Constant::None),
            Expr::EllipsisLiteral(_) => self.emit_const(Constant::Ellipsis),
            Expr::Name(name) => self.name_op(name.id.as_str(), Access::Load, name.range),
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Opcode::BINARY_OP, binary_operator(b.op) as u32);
            }
            Expr::UnaryOp(u) => self.unary(u)?,
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let op = match b.op {
                    ast::BoolOp::And => Opcode::JUMP_IF_FALSE_OR_POP,
                    ast::BoolOp::Or => Opcode::JUMP_IF_TRUE_OR_POP,
                };
                for (i, value) in b.values.iter().enumerate() {
                    self.expr(value)?;
                    if i + 1 < b.values.len() {
                        self.emit_jump(op, end);
                    }
                }
                self.bind(end);
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(e) => {
                let otherwise = self.new_label();
                let end = self.new_label();
                self.expr(&e.test)?;
                self.emit_jump(Opcode::POP_JUMP_IF_FALSE, otherwise);
                self.expr(&e.body)?;
                self.emit_jump(Opcode::JUMP, end);
                self.bind(otherwise);
                self.expr(&e.orelse)?;
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Opcode::COPY, 1);
                self.store(&n.target)?;
            }
            Expr::Call(call) => self.call(call)?,
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let index = self.add_name(a.attr.as_str());
                self.emit(Opcode::LOAD_ATTR, index);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Opcode::BINARY_SUBSCR, 0);
            }
            Expr::Tuple(t) => self.sequence(&t.elts, Opcode::BUILD_TUPLE)?,
            Expr::List(l) => self.sequence(&l.elts, Opcode::BUILD_LIST)?,
            Expr::Dict(d) => {
                if d.items.iter().any(|item| item.key.is_none()) {
                    self.emit(Opcode::BUILD_MAP, 0);
                    for item in &d.items {
                        if let Some(key) = &item.key {
                            self.expr(key)?;
                            self.expr(&item.value)?;
                            self.emit(Opcode::BUILD_MAP, 1);
                        } else {
                            self.expr(&item.value)?;
                        }
                        self.emit(Opcode::DICT_UPDATE, 1);
                    }
                    return Ok(());
                }
                for item in &d.items {
                    if let Some(key) = &item.key {
                        self.expr(key)?;
                    }
                    self.expr(&item.value)?;
                }
                self.emit(Opcode::BUILD_MAP, d.items.len() as u32);
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::Lambda(lambda) => {
                let empty = ast::Parameters::default();
                let parameters = lambda.parameters.as_deref().unwrap_or(&empty);
                let line = self.offset_line(lambda.range.start());
                let generator = super::generator::expression_yields(&lambda.body);
                self.make_function("<lambda>", parameters, lambda.range, line, |c| {
                    if generator {
                        c.unit().flags |= crate::code::flags::GENERATOR;
                        c.start_generator();
                    }
                    c.expr(&lambda.body)?;
                    c.emit(Opcode::RETURN_VALUE, 0);
                    Ok(())
                })?;
            }
            Expr::Slice(_) => return Err(CompileError::syntax("invalid syntax", expr.range())),
            Expr::Starred(_) => {
                return Err(CompileError::syntax(
                    "can't use starred expression here",
                    expr.range(),
                ));
            }
            Expr::Set(s) => self.sequence(&s.elts, Opcode::BUILD_SET)?,
            Expr::ListComp(c) => {
                self.comprehension(c.range, "<listcomp>", &c.generators, Element::List(&c.elt))?
            }
            Expr::SetComp(c) => {
                self.comprehension(c.range, "<setcomp>", &c.generators, Element::Set(&c.elt))?
            }
            Expr::DictComp(c) => match &c.key {
                Some(key) => self.comprehension(
                    c.range,
                    "<dictcomp>",
                    &c.generators,
                    Element::Dict(key, &c.value),
                )?,
                None => {
                    // `{**d for d in ds}`: the value is what follows `**`.
                    let start = c.value.range().start() - ruff_text_size::TextSize::new(2);
                    return Err(CompileError::syntax(
                        "dict unpacking cannot be used in dict comprehension",
                        ruff_text_size::TextRange::new(start, c.value.range().end()),
                    ));
                }
            },
            Expr::Generator(c) => self.comprehension(
                c.range,
                "<genexpr>",
                &c.generators,
                Element::Generator(&c.elt),
            )?,
            Expr::Yield(y) => self.yield_expr(y.value.as_deref(), y.range)?,
            Expr::YieldFrom(y) => self.yield_from(&y.value, y.range)?,
            Expr::Await(a) => self.await_expr(&a.value, a.range)?,
            Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.bytes().collect();
                self.emit_const(Constant::Bytes(bytes.into()));
            }
            Expr::TString(_) => return Err(CompileError::syntax("invalid syntax", expr.range())),
            Expr::IpyEscapeCommand(_) => {
                return Err(CompileError::syntax("invalid syntax", expr.range()))
            }
        }
        Ok(())
    }

    /// A list or dict comprehension: a nested function, called with an
    /// iterator over the first iterable (which is evaluated here, in the
    /// enclosing scope), as in CPython 3.11.
    fn comprehension(
        &mut self,
        range: ruff_text_size::TextRange,
        name: &str,
        generators: &[ast::Comprehension],
        element: Element,
    ) -> Result {
        if let Element::List(Expr::Starred(starred))
        | Element::Set(Expr::Starred(starred))
        | Element::Generator(Expr::Starred(starred)) = element
        {
            return Err(CompileError::syntax(
                "iterable unpacking cannot be used in comprehension",
                starred.range,
            ));
        }
        if generators.iter().any(|g| g.is_async) {
            let in_coroutine = self.unit().flags & crate::code::flags::COROUTINE != 0
                || self.in_async_comprehension();
            if !in_coroutine && !matches!(element, Element::Generator(_)) {
                return Err(CompileError::syntax(
                    "asynchronous comprehension outside of an asynchronous function",
                    range,
                ));
            }
            self.unsupported("asynchronous comprehensions", range);
            self.emit_const(Constant::None);
            return Ok(());
        }
        let Some(scope) = self.symbols.scope_of(range) else {
            return Err(CompileError::syntax(
                "internal error: comprehension scope not found",
                range,
            ));
        };
        let first_line = self.offset_line(range.start());
        let qualname = self.child_qualname(name);
        self.push_unit(scope, name.into(), qualname, first_line);
        self.unit().arg_count = 1;
        if let Element::Generator(_) = element {
            self.unit().flags |= crate::code::flags::GENERATOR;
        }
        self.closure_prologue();
        self.start_generator();
        let result = self.comprehension_body(generators, &element);
        let code = self.pop_unit();
        result?;
        self.emit_function(code, 0);
        self.expr(&generators[0].iter)?;
        self.emit(Opcode::GET_ITER, 0);
        self.emit(Opcode::CALL, 1);
        Ok(())
    }

    fn comprehension_body(
        &mut self,
        generators: &[ast::Comprehension],
        element: &Element,
    ) -> Result {
        match element {
            Element::List(_) => self.emit(Opcode::BUILD_LIST, 0),
            Element::Set(_) => self.emit(Opcode::BUILD_SET, 0),
            Element::Dict(..) => self.emit(Opcode::BUILD_MAP, 0),
            Element::Generator(_) => {}
        }
        let mut loops = Vec::new();
        for (i, generator) in generators.iter().enumerate() {
            if i == 0 {
                // The iterator over the first iterable is the argument `.0`.
                self.emit(Opcode::LOAD_FAST, 0);
            } else {
                self.expr(&generator.iter)?;
                self.emit(Opcode::GET_ITER, 0);
            }
            let start = self.new_label();
            let end = self.new_label();
            self.bind(start);
            self.emit_jump(Opcode::FOR_ITER, end);
            self.store(&generator.target)?;
            for condition in &generator.ifs {
                self.condition(condition, start)?;
            }
            loops.push((start, end));
        }
        // Below the element: the result and one iterator per `for`.
        let depth = generators.len() as u32 + 1;
        match element {
            Element::List(value) => {
                self.expr(value)?;
                self.emit(Opcode::LIST_APPEND, depth);
            }
            Element::Set(value) => {
                self.expr(value)?;
                self.emit(Opcode::SET_ADD, depth);
            }
            Element::Generator(value) => {
                self.expr(value)?;
                self.emit(Opcode::YIELD_VALUE, 0);
                self.emit(Opcode::POP_TOP, 0);
            }
            Element::Dict(key, value) => {
                self.expr(key)?;
                self.expr(value)?;
                self.emit(Opcode::MAP_ADD, depth);
            }
        }
        for (start, end) in loops.into_iter().rev() {
            self.emit_jump(Opcode::JUMP, start);
            self.bind(end);
        }
        if let Element::Generator(_) = element {
            self.emit_const(Constant::None);
        }
        self.emit(Opcode::RETURN_VALUE, 0);
        Ok(())
    }

    fn number(&mut self, number: &ast::Number, expr: &Expr) -> Result<Constant> {
        Ok(match number {
            ast::Number::Int(int) => match int.as_i64() {
                Some(small) => Constant::Int(small),
                None => {
                    let token = &self.source
                        [expr.range().start().to_usize()..expr.range().end().to_usize()];
                    parse_int_token(token).ok_or_else(|| {
                        CompileError::syntax("invalid decimal literal", expr.range())
                    })?
                }
            },
            ast::Number::Float(f) => Constant::Float(*f),
            ast::Number::Complex { real, imag } => Constant::Complex(*real, *imag),
        })
    }

    fn unary(&mut self, u: &ast::ExprUnaryOp) -> Result {
        // Fold `-literal` so negative numbers are constants, as CPython does.
        if u.op == ast::UnaryOp::USub {
            if let Expr::NumberLiteral(n) = &*u.operand {
                if let Some(constant) = negated(self.number(&n.value, &u.operand)?) {
                    self.emit_const(constant);
                    return Ok(());
                }
            }
        }
        self.expr(&u.operand)?;
        let op = match u.op {
            ast::UnaryOp::USub => Opcode::UNARY_NEGATIVE,
            ast::UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
            ast::UnaryOp::Not => Opcode::UNARY_NOT,
            ast::UnaryOp::Invert => Opcode::UNARY_INVERT,
        };
        self.emit(op, 0);
        Ok(())
    }

    fn compare_op(&mut self, op: ast::CmpOp) {
        use ast::CmpOp as C;
        let (opcode, arg) = match op {
            C::Eq => (Opcode::COMPARE_OP, CompareOperator::Eq as u32),
            C::NotEq => (Opcode::COMPARE_OP, CompareOperator::Ne as u32),
            C::Lt => (Opcode::COMPARE_OP, CompareOperator::Lt as u32),
            C::LtE => (Opcode::COMPARE_OP, CompareOperator::Le as u32),
            C::Gt => (Opcode::COMPARE_OP, CompareOperator::Gt as u32),
            C::GtE => (Opcode::COMPARE_OP, CompareOperator::Ge as u32),
            C::Is => (Opcode::IS_OP, 0),
            C::IsNot => (Opcode::IS_OP, 1),
            C::In => (Opcode::CONTAINS_OP, 0),
            C::NotIn => (Opcode::CONTAINS_OP, 1),
        };
        self.emit(opcode, arg);
    }

    /// `a < b < c` evaluates `b` once and stops at the first false link.
    fn compare(&mut self, c: &ast::ExprCompare) -> Result {
        self.expr(&c.left)?;
        let links = c.ops.len();
        if links == 1 {
            self.expr(&c.comparators[0])?;
            self.compare_op(c.ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            if i + 1 < links {
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::COPY, 2);
                self.compare_op(*op);
                self.emit_jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
            } else {
                self.compare_op(*op);
            }
        }
        self.emit_jump(Opcode::JUMP, end);
        self.bind(cleanup);
        self.emit(Opcode::SWAP, 2);
        self.emit(Opcode::POP_TOP, 0);
        self.bind(end);
        Ok(())
    }

    fn call(&mut self, call: &ast::ExprCall) -> Result {
        let args = &call.arguments;
        let starred = args.args.iter().any(Expr::is_starred_expr);
        let double_starred = args.keywords.iter().any(|k| k.arg.is_none());
        if starred || double_starred {
            self.expr(&call.func)?;
            return self.call_unpacking(call);
        }
        if let Expr::Attribute(attribute) = &*call.func {
            if args.keywords.is_empty() && attribute.ctx == ast::ExprContext::Load {
                // `obj.method(args)`: no bound-method object is made.
                self.expr(&attribute.value)?;
                let index = self.add_name(attribute.attr.as_str());
                let saved = self.set_position(attribute.range);
                self.emit(Opcode::LOAD_METHOD, index);
                self.restore_position(saved);
                for arg in args.args.iter() {
                    self.expr(arg)?;
                }
                self.emit(Opcode::CALL_METHOD, args.args.len() as u32);
                return Ok(());
            }
        }
        if self.zero_argument_super(call)? {
            return Ok(());
        }
        self.expr(&call.func)?;
        for arg in args.args.iter() {
            self.expr(arg)?;
        }
        let mut names = Vec::new();
        for keyword in args.keywords.iter() {
            self.expr(&keyword.value)?;
            let name = keyword.arg.as_ref().map(|n| n.as_str()).unwrap_or_default();
            if names
                .iter()
                .any(|n: &Constant| *n == Constant::Str(name.into()))
            {
                return Err(CompileError::syntax(
                    format!("keyword argument repeated: {name}"),
                    keyword.range,
                ));
            }
            names.push(Constant::Str(name.into()));
        }
        let count = (args.args.len() + names.len()) as u32;
        if names.is_empty() {
            self.emit(Opcode::CALL, count);
        } else {
            self.emit_const(Constant::Tuple(names.into()));
            self.emit(Opcode::CALL_KW, count);
        }
        Ok(())
    }

    /// `super()` in a method becomes `super(__class__, <first argument>)`,
    /// which is what CPython's zero-argument form looks up in the frame.
    fn zero_argument_super(&mut self, call: &ast::ExprCall) -> Result<bool> {
        let Expr::Name(name) = &*call.func else {
            return Ok(false);
        };
        if name.id.as_str() != "super"
            || !call.arguments.args.is_empty()
            || !call.arguments.keywords.is_empty()
        {
            return Ok(false);
        }
        let (kind, class_scope) = self.name_scope("__class__");
        let (_, super_scope) = self.name_scope("super");
        let first = self.unit().varnames.first().cloned();
        let has_positional = self.unit().arg_count > 0;
        let (Some(first), true, ScopeKind::Function, NameScope::Free) =
            (first, has_positional, kind, class_scope)
        else {
            return Ok(false);
        };
        if !matches!(super_scope, NameScope::GlobalImplicit) {
            return Ok(false);
        }
        self.expr(&call.func)?;
        self.name_op("__class__", Access::Load, name.range);
        self.name_op(&first, Access::Load, name.range);
        self.emit(Opcode::CALL, 2);
        Ok(true)
    }

    /// `f(*args, **kwargs)`: the positional arguments become one tuple and
    /// the keyword arguments one dict, for `CALL_FUNCTION_EX`.
    fn call_unpacking(&mut self, call: &ast::ExprCall) -> Result {
        let args = &call.arguments;
        self.emit(Opcode::BUILD_LIST, 0);
        for arg in args.args.iter() {
            match arg {
                Expr::Starred(starred) => {
                    self.expr(&starred.value)?;
                    self.emit(Opcode::LIST_EXTEND, 1);
                }
                other => {
                    self.expr(other)?;
                    self.emit(Opcode::LIST_APPEND, 1);
                }
            }
        }
        self.emit(Opcode::LIST_TO_TUPLE, 0);
        let mut flags = 0;
        if !args.keywords.is_empty() {
            flags = 1;
            self.emit(Opcode::BUILD_MAP, 0);
            for keyword in args.keywords.iter() {
                match &keyword.arg {
                    Some(name) => {
                        self.emit_const(Constant::Str(name.as_str().into()));
                        self.expr(&keyword.value)?;
                        self.emit(Opcode::BUILD_MAP, 1);
                    }
                    None => self.expr(&keyword.value)?,
                }
                self.emit(Opcode::DICT_MERGE, 1);
            }
        }
        let saved = self.set_position(call.range());
        self.emit(Opcode::CALL_FUNCTION_EX, flags);
        self.restore_position(saved);
        Ok(())
    }

    /// Compiles the key of a subscript, building a slice object for `a:b:c`.
    pub(super) fn subscript_key(&mut self, key: &Expr) -> Result {
        let Expr::Slice(slice) = key else {
            return self.expr(key);
        };
        for bound in [&slice.lower, &slice.upper] {
            match bound {
                Some(bound) => self.expr(bound)?,
                None => self.emit_const(Constant::None),
            }
        }
        match &slice.step {
            Some(step) => {
                self.expr(step)?;
                self.emit(Opcode::BUILD_SLICE, 3);
            }
            None => self.emit(Opcode::BUILD_SLICE, 2),
        }
        Ok(())
    }

    fn sequence(&mut self, elements: &[Expr], build: Opcode) -> Result {
        if elements.iter().any(Expr::is_starred_expr) {
            // Build a list (or set) item by item, extending it at each `*`.
            let (start, add, extend) = if build == Opcode::BUILD_SET {
                (Opcode::BUILD_SET, Opcode::SET_ADD, Opcode::SET_UPDATE)
            } else {
                (Opcode::BUILD_LIST, Opcode::LIST_APPEND, Opcode::LIST_EXTEND)
            };
            self.emit(start, 0);
            for element in elements {
                match element {
                    Expr::Starred(s) => {
                        self.expr(&s.value)?;
                        self.emit(extend, 1);
                    }
                    other => {
                        self.expr(other)?;
                        self.emit(add, 1);
                    }
                }
            }
            if build == Opcode::BUILD_TUPLE {
                self.emit(Opcode::LIST_TO_TUPLE, 0);
            }
            return Ok(());
        }
        let folds = match build {
            Opcode::BUILD_TUPLE => !elements.is_empty(),
            // CPython folds a set display of more than two constants into a
            // frozenset constant and updates an empty set from it; that
            // decides the order the set iterates in (see `sets::frozen`)
            Opcode::BUILD_SET => elements.len() > 2,
            _ => false,
        };
        if folds {
            if let Some(constants) = self.literal_constants(elements)? {
                if build == Opcode::BUILD_TUPLE {
                    self.emit_const(Constant::Tuple(constants.into()));
                } else {
                    self.emit(Opcode::BUILD_SET, 0);
                    self.emit_const(Constant::FrozenSet(constants.into()));
                    self.emit(Opcode::SET_UPDATE, 1);
                }
                return Ok(());
            }
        }
        for element in elements {
            self.expr(element)?;
        }
        self.emit(build, elements.len() as u32);
        Ok(())
    }

    /// The constant values of literal elements (numbers, negated numbers,
    /// strings, `True`/`False`/`None` and tuples of them), for folding
    /// constant tuples and sets; `None` when any element is not one.
    fn literal_constants(&mut self, elements: &[Expr]) -> Result<Option<Vec<Constant>>> {
        let mut constants = Vec::with_capacity(elements.len());
        for element in elements {
            let constant = match element {
                Expr::NumberLiteral(n) => self.number(&n.value, element)?,
                Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => match &*u.operand {
                    Expr::NumberLiteral(n) => match negated(self.number(&n.value, &u.operand)?) {
                        Some(constant) => constant,
                        None => return Ok(None),
                    },
                    _ => return Ok(None),
                },
                Expr::StringLiteral(s) => Constant::Str(s.value.to_str().into()),
                Expr::BooleanLiteral(b) => Constant::Bool(b.value),
                Expr::NoneLiteral(_) => Constant::None,
                Expr::Tuple(t) if !t.elts.is_empty() => match self.literal_constants(&t.elts)? {
                    Some(items) => Constant::Tuple(items.into()),
                    None => return Ok(None),
                },
                _ => return Ok(None),
            };
            constants.push(constant);
        }
        Ok(Some(constants))
    }

    fn fstring(&mut self, f: &ast::ExprFString) -> Result {
        let mut pieces = 0u32;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(literal) => {
                    self.emit_const(Constant::Str(literal.value.as_ref().into()));
                    pieces += 1;
                }
                ast::FStringPart::FString(fstring) => {
                    pieces += self.interpolated(&fstring.elements)?
                }
            }
        }
        if pieces != 1 {
            self.emit(Opcode::BUILD_STRING, pieces);
        }
        Ok(())
    }

    /// Pushes one string per element; returns how many were pushed.
    fn interpolated(&mut self, elements: &ast::InterpolatedStringElements) -> Result<u32> {
        let mut pieces = 0;
        for element in elements.iter() {
            match element {
                ast::InterpolatedStringElement::Literal(literal) => {
                    self.emit_const(Constant::Str(literal.value.as_ref().into()));
                }
                ast::InterpolatedStringElement::Interpolation(field) => {
                    let mut conversion = match field.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(debug) = &field.debug_text {
                        let text = format!(
                            "{}{}{}",
                            debug.leading(),
                            debug.expression(),
                            debug.trailing()
                        );
                        self.emit_const(Constant::Str(text.into()));
                        pieces += 1;
                        if conversion == 0 && field.format_spec.is_none() {
                            conversion = 2;
                        }
                    }
                    self.expr(&field.expression)?;
                    let mut flags = conversion;
                    if let Some(spec) = &field.format_spec {
                        let count = self.interpolated(&spec.elements)?;
                        if count != 1 {
                            self.emit(Opcode::BUILD_STRING, count);
                        }
                        flags |= 4;
                    }
                    self.emit(Opcode::FORMAT_VALUE, flags);
                }
            }
            pieces += 1;
        }
        if pieces == 0 {
            self.emit_const(Constant::Str("".into()));
            pieces = 1;
        }
        Ok(pieces)
    }
}

/// What a comprehension collects.
enum Element<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Generator(&'a Expr),
    Dict(&'a Expr, &'a Expr),
}

/// `-constant` for a number, as CPython's AST optimiser folds it.
fn negated(constant: Constant) -> Option<Constant> {
    match constant {
        Constant::Int(i) if i != i64::MIN => Some(Constant::Int(-i)),
        Constant::Int(i) => Some(Constant::BigInt(Rc::new(-BigInt::from(i)))),
        Constant::BigInt(b) => Some(match i64::try_from(-(&*b)) {
            Ok(small) => Constant::Int(small),
            Err(_) => Constant::BigInt(Rc::new(-(&*b))),
        }),
        Constant::Float(f) => Some(Constant::Float(-f)),
        Constant::Complex(real, imag) => Some(Constant::Complex(-real, -imag)),
        _ => None,
    }
}
