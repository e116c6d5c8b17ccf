//! Compiling statements: assignment, control flow, loops and function
//! definitions. Expressions are delegated to `expr.rs`.

use super::control::Block;
use super::{Access, Compiler};
use crate::code::{flags, Constant};
use crate::error::{expression_name, CompileError};
use crate::opcode::{BinaryOperator, Opcode};
use crate::symtable::ScopeKind;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::rc::Rc;

type Result<T = ()> = std::result::Result<T, CompileError>;

impl Compiler<'_> {
    /// Compiles an indented block (or the module body, at depth 0).
    pub(super) fn body(&mut self, body: &[Stmt]) -> Result {
        if self.block_depth > super::MAX_BLOCK_DEPTH {
            if let Some(first) = body.first() {
                return Err(CompileError {
                    kind: crate::error::ErrorKind::IndentationError,
                    message: "too many levels of indentation".into(),
                    range: first.range(),
                });
            }
        }
        self.block_depth += 1;
        let result = body.iter().try_for_each(|stmt| self.stmt(stmt));
        self.block_depth -= 1;
        result
    }

    fn stmt(&mut self, stmt: &Stmt) -> Result {
        self.enter_nesting(stmt.range())?;
        let saved = self.set_position(stmt.range());
        let result = self.stmt_inner(stmt);
        self.restore_position(saved);
        self.leave_nesting();
        result
    }

    fn stmt_inner(&mut self, stmt: &Stmt) -> Result {
        match stmt {
            Stmt::Expr(s) => {
                self.expr(&s.value)?;
                // At the top level of `'single'` code the value is shown.
                let shown = self.mode == crate::Mode::Single && self.units.len() == 1;
                self.emit(
                    if shown {
                        Opcode::PRINT_EXPR
                    } else {
                        Opcode::POP_TOP
                    },
                    0,
                );
            }
            Stmt::Assign(s) => {
                if let [target] = s.targets.as_slice() {
                    if self.swap_assign(target, &s.value)? {
                        return Ok(());
                    }
                }
                self.expr(&s.value)?;
                for (i, target) in s.targets.iter().enumerate() {
                    if i + 1 < s.targets.len() {
                        self.emit(Opcode::COPY, 1);
                    }
                    self.store(target)?;
                }
            }
            Stmt::AugAssign(s) => self.aug_assign(s)?,
            Stmt::AnnAssign(s) => {
                if let Some(value) = &s.value {
                    self.expr(value)?;
                    self.store(&s.target)?;
                }
                self.record_annotation(s)?;
            }
            Stmt::If(s) => self.if_stmt(s)?,
            Stmt::While(s) => self.while_stmt(s)?,
            Stmt::For(s) if !s.is_async => self.for_stmt(s)?,
            Stmt::Break(_) => self.break_or_continue(stmt.range(), true)?,
            Stmt::Continue(_) => self.break_or_continue(stmt.range(), false)?,
            Stmt::Return(s) => {
                if self.units.len() == 1 || self.unit().flags & flags::OPTIMIZED == 0 {
                    return Err(CompileError::syntax("'return' outside function", s.range));
                }
                if s.value.is_some() && self.unit().flags & flags::ASYNC_GENERATOR != 0 {
                    return Err(CompileError::syntax(
                        "'return' with value in async generator",
                        s.range,
                    ));
                }
                self.return_value(s.value.as_deref())?;
            }
            Stmt::FunctionDef(def) => self.function_def(def)?,
            Stmt::Delete(s) => {
                for target in &s.targets {
                    self.delete(target)?;
                }
            }
            Stmt::Pass(_) => self.emit(Opcode::NOP, 0),
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::ClassDef(def) => self.class_def(def)?,
            Stmt::Try(s) => self.try_stmt(s)?,
            Stmt::Raise(s) => self.raise_stmt(s)?,
            Stmt::With(s) => self.with_stmt(s)?,
            Stmt::Assert(s) => self.assert_stmt(s)?,
            Stmt::Import(s) => self.import(s),
            Stmt::ImportFrom(s) => self.import_from(s)?,
            Stmt::Match(s) => self.match_stmt(s)?,
            Stmt::For(_) => {
                self.require_coroutine("'async for' outside async function", stmt.range())?;
                self.unsupported("'async for' statements", stmt.range())
            }
            Stmt::TypeAlias(_) => self.unsupported("'type' statements", stmt.range()),
            Stmt::IpyEscapeCommand(_) => {
                return Err(CompileError::syntax("invalid syntax", stmt.range()))
            }
        }
        Ok(())
    }

    /// `a, b = x, y` (two or three names or other targets, a tuple display
    /// of as many plain values): the values are evaluated in order and
    /// stored in order with a `SWAP` between, with no tuple made and
    /// unpacked, as CPython 3.11 compiles it. Says whether it applied.
    fn swap_assign(&mut self, target: &Expr, value: &Expr) -> Result<bool> {
        let (Expr::Tuple(ast::ExprTuple { elts: targets, .. })
        | Expr::List(ast::ExprList { elts: targets, .. })) = target
        else {
            return Ok(false);
        };
        let Expr::Tuple(ast::ExprTuple { elts: values, .. }) = value else {
            return Ok(false);
        };
        let plain = |elts: &[Expr]| !elts.iter().any(|e| e.is_starred_expr());
        if !matches!(targets.len(), 2 | 3)
            || targets.len() != values.len()
            || !plain(targets)
            || !plain(values)
        {
            return Ok(false);
        }
        for value in values {
            self.expr(value)?;
        }
        self.emit(Opcode::SWAP, targets.len() as u32);
        for target in targets {
            self.store(target)?;
        }
        Ok(true)
    }

    /// Stores the value on top of the stack into `target`.
    pub(super) fn store(&mut self, target: &Expr) -> Result {
        match target {
            Expr::Name(name) => self.name_op(name.id.as_str(), Access::Store, name.range),
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                let saved = self.set_position(s.range);
                self.emit(Opcode::STORE_SUBSCR, 0);
                self.restore_position(saved);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let index = self.add_name(a.attr.as_str());
                let saved = self.set_position(a.range);
                self.emit(Opcode::STORE_ATTR, index);
                self.restore_position(saved);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let starred: Vec<usize> = elts
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.is_starred_expr())
                    .map(|(i, _)| i)
                    .collect();
                let saved = self.set_position(target.range());
                match starred.as_slice() {
                    [] => self.emit(Opcode::UNPACK_SEQUENCE, elts.len() as u32),
                    [star] => {
                        let after = elts.len() - star - 1;
                        if *star > 0xff || after > 0xff {
                            return Err(CompileError::syntax(
                                "too many expressions in star-unpacking assignment",
                                target.range(),
                            ));
                        }
                        self.emit(Opcode::UNPACK_EX, (*star | (after << 8)) as u32);
                    }
                    _ => {
                        return Err(CompileError::syntax(
                            "multiple starred expressions in assignment",
                            target.range(),
                        ))
                    }
                }
                self.restore_position(saved);
                for element in elts {
                    match element {
                        Expr::Starred(s) => self.store(&s.value)?,
                        other => self.store(other)?,
                    }
                }
            }
            Expr::Starred(_) => {
                return Err(CompileError::syntax(
                    "starred assignment target must be in a list or tuple",
                    target.range(),
                ))
            }
            _ => {
                return Err(CompileError::syntax(
                    cannot_assign(target, "assign to"),
                    target.range(),
                ))
            }
        }
        Ok(())
    }

    fn delete(&mut self, target: &Expr) -> Result {
        match target {
            Expr::Name(name) => self.name_op(name.id.as_str(), Access::Delete, name.range),
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_key(&s.slice)?;
                self.emit(Opcode::DELETE_SUBSCR, 0);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    self.delete(element)?;
                }
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let index = self.add_name(a.attr.as_str());
                let saved = self.set_position(a.range);
                self.emit(Opcode::DELETE_ATTR, index);
                self.restore_position(saved);
            }
            _ => {
                return Err(CompileError::syntax(
                    cannot_assign(target, "delete"),
                    target.range(),
                ))
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, s: &ast::StmtAugAssign) -> Result {
        let op = super::expr::binary_operator(s.op) as u32 + BinaryOperator::INPLACE;
        match &*s.target {
            Expr::Name(name) => {
                self.name_op(name.id.as_str(), Access::Load, name.range);
                self.expr(&s.value)?;
                self.emit(Opcode::BINARY_OP, op);
                self.name_op(name.id.as_str(), Access::Store, name.range);
            }
            Expr::Subscript(sub) => {
                self.expr(&sub.value)?;
                self.subscript_key(&sub.slice)?;
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::BINARY_SUBSCR, 0);
                self.expr(&s.value)?;
                self.emit(Opcode::BINARY_OP, op);
                self.emit(Opcode::SWAP, 3);
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_SUBSCR, 0);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.emit(Opcode::COPY, 1);
                let index = self.add_name(a.attr.as_str());
                self.emit(Opcode::LOAD_ATTR, index);
                self.expr(&s.value)?;
                self.emit(Opcode::BINARY_OP, op);
                self.emit(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_ATTR, index);
            }
            target => {
                let message = format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expression_name(target)
                );
                return Err(CompileError::syntax(message, target.range()));
            }
        }
        Ok(())
    }

    fn if_stmt(&mut self, s: &ast::StmtIf) -> Result {
        let end = self.new_label();
        let mut next = self.new_label();
        self.condition(&s.test, next)?;
        self.body(&s.body)?;
        for clause in &s.elif_else_clauses {
            self.emit_jump(Opcode::JUMP, end);
            self.bind(next);
            next = self.new_label();
            if let Some(test) = &clause.test {
                let saved = self.set_position(clause.range);
                self.condition(test, next)?;
                self.restore_position(saved);
            }
            self.body(&clause.body)?;
        }
        self.bind(next);
        self.bind(end);
        Ok(())
    }

    /// Evaluates `test` and jumps to `otherwise` when it is false. `not x`
    /// tests `x` and jumps when it is true, as CPython does.
    pub(super) fn condition(&mut self, test: &Expr, otherwise: crate::assemble::Label) -> Result {
        let (tested, jump) = match test {
            Expr::UnaryOp(ast::ExprUnaryOp {
                op: ast::UnaryOp::Not,
                operand,
                ..
            }) => (&**operand, Opcode::POP_JUMP_IF_TRUE),
            _ => (test, Opcode::POP_JUMP_IF_FALSE),
        };
        self.expr(tested)?;
        let saved = self.set_position(test.range());
        self.emit_jump(jump, otherwise);
        self.restore_position(saved);
        Ok(())
    }

    fn while_stmt(&mut self, s: &ast::StmtWhile) -> Result {
        let start = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        self.bind(start);
        self.condition(&s.test, orelse)?;
        let block = Block::Loop {
            continue_to: start,
            break_to: end,
            pops_iterator: false,
        };
        self.counted_blocks(1, s.range, |c| c.in_block(block, |c| c.body(&s.body)))?;
        self.emit_jump(Opcode::JUMP, start);
        self.bind(orelse);
        self.body(&s.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn for_stmt(&mut self, s: &ast::StmtFor) -> Result {
        let start = self.new_label();
        let exhausted = self.new_label();
        let end = self.new_label();
        self.expr(&s.iter)?;
        let saved = self.set_position(s.iter.range());
        self.emit(Opcode::GET_ITER, 0);
        // CPython attributes FOR_ITER to the whole statement (so a traceback
        // through a generator's `next` shows no carets).
        self.set_position(s.range);
        self.bind(start);
        self.emit_jump(Opcode::FOR_ITER, exhausted);
        self.restore_position(saved);
        self.store(&s.target)?;
        let block = Block::Loop {
            continue_to: start,
            break_to: end,
            pops_iterator: true,
        };
        self.counted_blocks(1, s.range, |c| c.in_block(block, |c| c.body(&s.body)))?;
        self.emit_jump(Opcode::JUMP, start);
        self.bind(exhausted);
        self.body(&s.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `import m`, `import m as n`.
    /// `import a.b.c` binds `a`; `import a.b.c as x` binds the submodule,
    /// reached from the top package with `IMPORT_FROM`, as CPython 3.11 does.
    fn import(&mut self, s: &ast::StmtImport) {
        for alias in &s.names {
            let name = alias.name.as_str();
            let saved = self.set_position(alias.range);
            self.emit_const(Constant::Int(0));
            self.emit_const(Constant::None);
            let index = self.add_name(name);
            self.emit(Opcode::IMPORT_NAME, index);
            self.restore_position(saved);
            match &alias.asname {
                Some(asname) => {
                    let mut parts = name.split('.').skip(1).peekable();
                    while let Some(part) = parts.next() {
                        let index = self.add_name(part);
                        self.emit(Opcode::IMPORT_FROM, index);
                        if parts.peek().is_some() {
                            self.emit(Opcode::SWAP, 2);
                            self.emit(Opcode::POP_TOP, 0);
                        }
                    }
                    if name.contains('.') {
                        self.emit(Opcode::SWAP, 2);
                        self.emit(Opcode::POP_TOP, 0);
                    }
                    self.name_op(asname.as_str(), Access::Store, alias.range);
                }
                None => {
                    let top = name.split('.').next().unwrap_or(name);
                    self.name_op(top, Access::Store, alias.range);
                }
            }
        }
    }

    /// `from m import a, b as c` and `from m import *`.
    fn import_from(&mut self, s: &ast::StmtImportFrom) -> Result {
        let module = s.module.as_ref().map(|m| m.as_str()).unwrap_or("");
        let names: Vec<Constant> = s
            .names
            .iter()
            .map(|alias| Constant::Str(alias.name.as_str().into()))
            .collect();
        let saved = self.set_position(s.range);
        self.emit_const(Constant::Int(s.level as i64));
        self.emit_const(Constant::Tuple(names.into()));
        let index = self.add_name(module);
        self.emit(Opcode::IMPORT_NAME, index);
        self.restore_position(saved);
        if let Some(star) = s.names.iter().find(|alias| alias.name.as_str() == "*") {
            if self.unit().flags & flags::OPTIMIZED != 0 {
                return Err(CompileError::syntax(
                    "import * only allowed at module level",
                    star.range,
                ));
            }
            self.emit(Opcode::IMPORT_STAR, 0);
            return Ok(());
        }
        for alias in &s.names {
            let index = self.add_name(alias.name.as_str());
            self.emit(Opcode::IMPORT_FROM, index);
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            self.name_op(bound.as_str(), Access::Store, alias.range);
        }
        self.emit(Opcode::POP_TOP, 0);
        Ok(())
    }

    fn function_def(&mut self, def: &ast::StmtFunctionDef) -> Result {
        for decorator in &def.decorator_list {
            self.expr(&decorator.expression)?;
        }
        let first_line = self.offset_line(def.range.start());
        let first_line = def
            .decorator_list
            .first()
            .map(|d| self.offset_line(d.range.start()))
            .unwrap_or(first_line);
        let generator = super::generator::contains_yield(&def.body);
        if def.is_async && generator {
            self.unsupported("asynchronous generators", def.range);
        }
        self.make_function(
            def.name.as_str(),
            &def.parameters,
            def.range,
            first_line,
            |c| {
                if def.is_async {
                    c.unit().flags |= flags::COROUTINE;
                    if generator {
                        c.unit().flags |= flags::ASYNC_GENERATOR;
                    }
                } else if generator {
                    c.unit().flags |= flags::GENERATOR;
                }
                let parameters = &def.parameters;
                let annotated = def.returns.is_some()
                    || parameters
                        .posonlyargs
                        .iter()
                        .chain(&parameters.args)
                        .chain(&parameters.kwonlyargs)
                        .any(|p| p.parameter.annotation.is_some())
                    || parameters
                        .vararg
                        .iter()
                        .chain(&parameters.kwarg)
                        .any(|p| p.annotation.is_some());
                if !annotated {
                    c.unit().flags |= flags::NO_ANNOTATIONS;
                }
                if let Some(Stmt::Expr(ast::StmtExpr { value, .. })) = def.body.first() {
                    if let Expr::StringLiteral(doc) = &**value {
                        c.add_const(Constant::Str(doc.value.to_str().into()));
                        c.unit().flags |= flags::HAS_DOCSTRING;
                    }
                }
                c.start_generator();
                c.body(&def.body)?;
                c.emit_implicit_return(&def.body);
                Ok(())
            },
        )?;
        for _ in &def.decorator_list {
            self.emit(Opcode::CALL, 1);
        }
        self.name_op(def.name.as_str(), Access::Store, def.name.range);
        Ok(())
    }

    /// Compiles a function body into a new code object and emits the code
    /// that builds the function object (defaults first) onto the stack.
    pub(super) fn make_function(
        &mut self,
        name: &str,
        parameters: &ast::Parameters,
        range: TextRange,
        first_line: u32,
        body: impl FnOnce(&mut Self) -> Result,
    ) -> Result {
        let mut make_flags = 0;
        let positional: Vec<_> = parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .collect();
        let defaults: Vec<&Expr> = positional
            .iter()
            .filter_map(|p| p.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for default in &defaults {
                self.expr(default)?;
            }
            self.emit(Opcode::BUILD_TUPLE, defaults.len() as u32);
            make_flags |= 1;
        }
        let kw_defaults: Vec<_> = parameters
            .kwonlyargs
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kw_defaults.is_empty() {
            for p in &kw_defaults {
                self.emit_const(Constant::Str(p.parameter.name.as_str().into()));
                self.expr(p.default.as_deref().expect("filtered on default"))?;
            }
            self.emit(Opcode::BUILD_MAP, kw_defaults.len() as u32);
            make_flags |= 2;
        }
        let Some(scope) = self.symbols.scope_of(range) else {
            return Err(CompileError::syntax(
                "internal error: function scope not found",
                range,
            ));
        };
        let qualname = self.child_qualname(name);
        self.push_unit(scope, name.into(), qualname, first_line);
        {
            let unit = self.unit();
            unit.arg_count = positional.len() as u32;
            unit.posonly_arg_count = parameters.posonlyargs.len() as u32;
            unit.kwonly_arg_count = parameters.kwonlyargs.len() as u32;
            if parameters.vararg.is_some() {
                unit.flags |= flags::VARARGS;
            }
            if parameters.kwarg.is_some() {
                unit.flags |= flags::VARKEYWORDS;
            }
        }
        // The symbol table lists parameters as written: positional, *args,
        // keyword-only, **kwargs. Code objects order them like CPython:
        // positional, keyword-only, *args, **kwargs.
        let mut ordered: Vec<Rc<str>> = positional
            .iter()
            .map(|p| p.parameter.name.as_str().into())
            .collect();
        ordered.extend(
            parameters
                .kwonlyargs
                .iter()
                .map(|p| p.parameter.name.as_str().into()),
        );
        ordered.extend(parameters.vararg.iter().map(|p| p.name.as_str().into()));
        ordered.extend(parameters.kwarg.iter().map(|p| p.name.as_str().into()));
        self.unit().varnames = ordered;
        self.unit().position = self.position_of(range);
        self.closure_prologue();
        let result = body(self);
        let code = self.pop_unit();
        result?;
        self.emit_function(code, make_flags);
        Ok(())
    }
}

fn cannot_assign(target: &Expr, verb: &str) -> String {
    format!("cannot {verb} {}", expression_name(target))
}

/// Whether a module or class body annotates a plain name anywhere outside
/// nested functions and classes (CPython's `find_ann`).
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::AnnAssign(s) => s.simple && s.target.is_name_expr(),
        Stmt::If(s) => {
            has_annotations(&s.body) || s.elif_else_clauses.iter().any(|c| has_annotations(&c.body))
        }
        Stmt::For(s) => has_annotations(&s.body) || has_annotations(&s.orelse),
        Stmt::While(s) => has_annotations(&s.body) || has_annotations(&s.orelse),
        Stmt::With(s) => has_annotations(&s.body),
        Stmt::Try(s) => {
            has_annotations(&s.body)
                || has_annotations(&s.orelse)
                || has_annotations(&s.finalbody)
                || s.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    has_annotations(&h.body)
                })
        }
        _ => false,
    })
}

impl Compiler<'_> {
    /// Starts a module or class body that annotates names with an empty
    /// `__annotations__` dict (CPython's `SETUP_ANNOTATIONS`).
    pub(super) fn setup_annotations(&mut self, body: &[Stmt]) {
        if has_annotations(body) {
            self.emit(Opcode::BUILD_MAP, 0);
            let index = self.add_name("__annotations__");
            self.emit(Opcode::STORE_NAME, index);
        }
    }

    /// `name: annotation` in a module or class body stores the annotation
    /// (evaluated, or its source text under `from __future__ import
    /// annotations`) in `__annotations__`. Elsewhere annotations are not
    /// evaluated, as in CPython for local variables.
    fn record_annotation(&mut self, s: &ast::StmtAnnAssign) -> Result {
        let scope = self.unit().scope;
        let kind = self.symbols.scopes[scope].kind;
        let Expr::Name(name) = &*s.target else {
            return Ok(());
        };
        if !s.simple || !matches!(kind, ScopeKind::Module | ScopeKind::Class) {
            return Ok(());
        }
        if self.future_annotations {
            let range = s.annotation.range();
            let text = &self.source[range.start().to_usize()..range.end().to_usize()];
            self.emit_const(Constant::Str(text.into()));
        } else {
            self.expr(&s.annotation)?;
        }
        let annotations = self.add_name("__annotations__");
        self.emit(Opcode::LOAD_NAME, annotations);
        self.emit_const(Constant::Str(name.id.as_str().into()));
        self.emit(Opcode::STORE_SUBSCR, 0);
        Ok(())
    }
}
