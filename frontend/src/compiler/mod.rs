//! The compiler from ruff's AST to code objects.
//!
//! This file holds the driver and the per-code-object state (constants, names,
//! locals, loop labels, current source position). Statements are compiled in
//! `stmt.rs` and expressions in `expr.rs`. Constructs that the runtime does not
//! support yet compile to `RAISE_UNSUPPORTED`, which raises
//! `NotImplementedError` with file and line when (and only when) reached. The
//! compiler does not optimise beyond folding negative numeric literals and
//! the constant tuples and sets CPython folds (which decide a set's order).

mod class;
mod control;
mod expr;
mod generator;
mod pattern;
mod regions;
mod stmt;

use crate::assemble::{Assembler, Label};
use crate::code::{flags, CodeObject, Constant, Position};
use crate::error::{CompileError, ErrorKind, LineIndex};
use crate::opcode::Opcode;
use crate::positions::PositionTable;
use crate::symtable::{NameScope, ScopeKind, SymbolTable};
use ruff_python_ast::Stmt;
use ruff_text_size::{TextRange, TextSize};
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, Ordering::Relaxed};

/// CPython 3.11 allows 3× the recursion limit of nesting while compiling.
const MAX_NESTING: u32 = 3000;
/// CPython's tokenizer refuses more than 100 levels of indentation.
const MAX_BLOCK_DEPTH: u32 = 100;

/// One code object under construction.
struct Unit {
    asm: Assembler,
    scope: usize,
    name: Rc<str>,
    qualname: Rc<str>,
    first_line: u32,
    flags: u32,
    arg_count: u32,
    posonly_arg_count: u32,
    kwonly_arg_count: u32,
    constants: Vec<Constant>,
    /// Where each constant is in `constants`, so interning is one lookup.
    constant_index: FxHashMap<ConstKey, u32>,
    names: Vec<Rc<str>>,
    name_index: FxHashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    /// Enclosing loops, handlers and `finally` blocks, innermost last.
    blocks: Vec<control::Block>,
    /// How many of CPython's "frame blocks" enclose the code being
    /// compiled (it counts some statements twice; see `counted_blocks`).
    frame_blocks: u32,
    /// The protected regions opened so far (see `regions.rs`).
    regions: Vec<regions::RegionState>,
    position: Position,
}

pub struct Compiler<'src> {
    source: &'src str,
    /// `from __future__ import annotations`: annotations are stored as
    /// their source text, never evaluated.
    future_annotations: bool,
    filename: Rc<str>,
    lines: LineIndex,
    symbols: SymbolTable,
    units: Vec<Unit>,
    nesting: u32,
    block_depth: u32,
    /// Compiling stops when this is nonzero (see `crate::compile_until`).
    stop: &'src AtomicU8,
    /// What the module-level code is (`compile()`'s mode): in `'single'`
    /// mode its expression statements show their values.
    mode: crate::Mode,
}

/// Compiles a parsed module body.
pub fn compile_module<'src>(
    body: &[Stmt],
    source: &'src str,
    filename: &str,
    mode: crate::Mode,
    stop: &'src AtomicU8,
) -> Result<Rc<CodeObject>, CompileError> {
    // CPython's order: future imports, then the symbol table, then the
    // compiler's own checks.
    let future = crate::checks::future_imports(body)?;
    let symbols = SymbolTable::build(body)?;
    crate::checks::forbidden_names(body)?;
    let mut compiler = Compiler {
        source,
        future_annotations: future.annotations,
        filename: filename.into(),
        lines: LineIndex::new(source),
        symbols,
        units: Vec::new(),
        nesting: 0,
        block_depth: 0,
        stop,
        mode,
    };
    compiler.push_unit(0, "<module>".into(), "<module>".into(), 1);
    compiler.unit().position = Position {
        line: 1,
        end_line: 1,
        col: 0,
        end_col: 0,
    };
    if let (crate::Mode::Eval, [Stmt::Expr(expression)]) = (mode, body) {
        // `'eval'` mode: the code returns the expression's value.
        compiler.expr(&expression.value)?;
        compiler.emit(Opcode::RETURN_VALUE, 0);
        return Ok(Rc::new(compiler.pop_unit()));
    }
    compiler.setup_annotations(body);
    // Interactive ('single') input has no docstring: a string on its own
    // is a value to show.
    if mode != crate::Mode::Single {
        compiler.store_docstring(body);
    }
    compiler.body(body)?;
    compiler.emit_implicit_return(body);
    Ok(Rc::new(compiler.pop_unit()))
}

impl<'src> Compiler<'src> {
    fn unit(&mut self) -> &mut Unit {
        self.units
            .last_mut()
            .expect("a unit is always open while compiling")
    }

    fn push_unit(&mut self, scope: usize, name: Rc<str>, qualname: Rc<str>, first_line: u32) {
        let kind = self.symbols.scopes[scope].kind;
        let mut unit = Unit {
            asm: Assembler::default(),
            scope,
            name,
            qualname,
            first_line,
            flags: 0,
            arg_count: 0,
            posonly_arg_count: 0,
            kwonly_arg_count: 0,
            constants: Vec::new(),
            constant_index: FxHashMap::default(),
            names: Vec::new(),
            name_index: FxHashMap::default(),
            varnames: Vec::new(),
            blocks: Vec::new(),
            frame_blocks: 0,
            regions: Vec::new(),
            position: Position {
                line: first_line,
                end_line: first_line,
                col: 0,
                end_col: 0,
            },
        };
        if matches!(kind, ScopeKind::Function | ScopeKind::Comprehension) {
            unit.flags |= flags::OPTIMIZED | flags::NEWLOCALS;
            if self.units.len() > 1 {
                unit.flags |= flags::NESTED;
            }
            for p in &self.symbols.scopes[scope].parameters {
                unit.varnames.push(p.as_str().into());
            }
        }
        self.units.push(unit);
    }

    /// The qualified name of a function or class defined in the current
    /// unit: `f`, `C.method` or `outer.<locals>.inner`, as CPython names them.
    fn child_qualname(&mut self, name: &str) -> Rc<str> {
        if self.units.len() == 1 {
            return name.into();
        }
        let outer = self.unit().qualname.clone();
        let scope = self.unit().scope;
        let kind = self.symbols.scopes[scope].kind;
        match kind {
            ScopeKind::Class => format!("{outer}.{name}").into(),
            _ => format!("{outer}.<locals>.{name}").into(),
        }
    }

    /// The cells and free variables of the current scope, in slot order.
    fn closure_names(&self, scope: usize) -> (Box<[Rc<str>]>, Box<[Rc<str>]>) {
        let scope = &self.symbols.scopes[scope];
        if scope.kind == ScopeKind::Module {
            return (Box::default(), Box::default());
        }
        let collect =
            |kind: NameScope| -> Box<[Rc<str>]> { scope.names_with(kind).map(Rc::from).collect() };
        (collect(NameScope::Cell), collect(NameScope::Free))
    }

    /// A cell's or free variable's index among the cells, then the free
    /// variables. Instructions carry it until `pop_unit` turns it into a slot.
    fn deref_index(&mut self, name: &str) -> u32 {
        let scope = self.unit().scope;
        let (cells, frees) = self.closure_names(scope);
        match cells.iter().position(|c| &**c == name) {
            Some(i) => i as u32,
            None => (cells.len() + frees.iter().position(|f| &**f == name).unwrap_or(0)) as u32,
        }
    }

    /// Builds a function object from a finished code object, with a
    /// closure tuple of the cells it captures (defaults already pushed).
    fn emit_function(&mut self, code: CodeObject, mut make_flags: u32) {
        if !code.freevars.is_empty() {
            for name in code.freevars.iter() {
                let index = self.deref_index(name);
                self.emit(Opcode::LOAD_CLOSURE, index);
            }
            self.emit(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
            make_flags |= 8;
        }
        self.emit_const(Constant::Code(Rc::new(code)));
        self.emit(Opcode::MAKE_FUNCTION, make_flags);
    }

    /// Emitted first in a function: parameters and locals captured by inner
    /// functions become cells, and the closure's cells are copied in.
    fn closure_prologue(&mut self) {
        let scope = self.unit().scope;
        let (cells, frees) = self.closure_names(scope);
        for index in 0..cells.len() {
            self.emit(Opcode::MAKE_CELL, index as u32);
        }
        if !frees.is_empty() {
            self.emit(Opcode::COPY_FREE_VARS, frees.len() as u32);
        }
    }

    fn pop_unit(&mut self) -> CodeObject {
        let scope = self.unit().scope;
        let (cellvars, freevars) = self.closure_names(scope);
        let mut unit = self.units.pop().expect("pop_unit follows push_unit");
        // Slots: fast locals, then cells that are not parameters, then free
        // variables (CPython's "localsplus").
        let own_cells: Vec<&Rc<str>> = cellvars
            .iter()
            .filter(|c| !unit.varnames.contains(c))
            .collect();
        let first_own_cell = unit.varnames.len();
        let first_free = first_own_cell + own_cells.len();
        let slot = |index: u32| -> u32 {
            let index = index as usize;
            match cellvars.get(index) {
                Some(name) => match unit.varnames.iter().position(|v| v == name) {
                    Some(parameter) => parameter as u32,
                    None => {
                        (first_own_cell + own_cells.iter().position(|c| *c == name).unwrap_or(0))
                            as u32
                    }
                },
                None => (first_free + index - cellvars.len()) as u32,
            }
        };
        unit.asm.map_args(|op, arg| match op {
            Opcode::MAKE_CELL | Opcode::LOAD_DEREF | Opcode::STORE_DEREF | Opcode::LOAD_CLOSURE => {
                slot(arg)
            }
            _ => arg,
        });
        let assembled = unit.asm.finish();
        CodeObject {
            name: unit.name,
            qualname: unit.qualname,
            filename: self.filename.clone(),
            first_line: unit.first_line,
            flags: unit.flags,
            arg_count: unit.arg_count,
            posonly_arg_count: unit.posonly_arg_count,
            kwonly_arg_count: unit.kwonly_arg_count,
            instructions: assembled.units.into(),
            positions: PositionTable::encode(unit.first_line, &assembled.positions),
            constants: unit.constants.into(),
            names: unit.names.into(),
            varnames: unit.varnames.into(),
            cellvars,
            freevars,
            max_stack: assembled.max_stack,
            exception_table: assembled.exception_table.into(),
        }
    }

    // ----- positions -----------------------------------------------------

    fn position_of(&self, range: TextRange) -> Position {
        let (line, col) = self.lines.line_col_bytes(range.start());
        let (end_line, end_col) = self.lines.line_col_bytes(range.end());
        Position {
            line,
            end_line,
            col,
            end_col,
        }
    }

    /// Makes `range` the source position of the instructions emitted next and
    /// returns the previous one so the caller can restore it.
    fn set_position(&mut self, range: TextRange) -> Position {
        let position = self.position_of(range);
        std::mem::replace(&mut self.unit().position, position)
    }

    fn restore_position(&mut self, position: Position) {
        self.unit().position = position;
    }

    /// Counts one more level of nesting (every statement and expression
    /// comes here), and stops if asked to from outside.
    fn enter_nesting(&mut self, range: TextRange) -> Result<(), CompileError> {
        if self.stop.load(Relaxed) != 0 {
            return Err(CompileError {
                kind: ErrorKind::Interrupted,
                message: "compiling was interrupted".into(),
                range,
            });
        }
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(CompileError {
                kind: ErrorKind::RecursionError,
                message: "maximum recursion depth exceeded during compilation".into(),
                range,
            });
        }
        Ok(())
    }

    fn leave_nesting(&mut self) {
        self.nesting -= 1;
    }

    // ----- emitting ------------------------------------------------------

    fn emit(&mut self, op: Opcode, arg: u32) {
        let unit = self.unit();
        let position = unit.position;
        unit.asm.emit(op, arg, position);
    }

    fn emit_jump(&mut self, op: Opcode, target: Label) {
        let unit = self.unit();
        let position = unit.position;
        unit.asm.emit_jump(op, target, position);
    }

    fn new_label(&mut self) -> Label {
        self.unit().asm.new_label()
    }

    fn bind(&mut self, label: Label) {
        self.unit().asm.bind(label);
    }

    /// The `return None` that ends a body, attributed to its last statement's
    /// line as CPython does.
    fn emit_implicit_return(&mut self, body: &[Stmt]) {
        if let Some(last) = body.last() {
            let position = self.position_of(ruff_text_size::Ranged::range(last));
            self.unit().position = Position {
                line: position.end_line,
                end_line: position.end_line,
                ..position
            };
        }
        self.emit_return_none();
    }

    fn emit_return_none(&mut self) {
        if !self.unit().asm.ends_in_terminator() {
            self.emit_const(Constant::None);
            self.emit(Opcode::RETURN_VALUE, 0);
        }
    }

    fn emit_const(&mut self, constant: Constant) {
        let index = self.add_const(constant);
        self.emit(Opcode::LOAD_CONST, index);
    }

    pub(super) fn add_const(&mut self, constant: Constant) -> u32 {
        let unit = self.unit();
        let next = unit.constants.len() as u32;
        let index = *unit
            .constant_index
            .entry(ConstKey(constant.clone()))
            .or_insert(next);
        if index == next {
            unit.constants.push(constant);
        }
        index
    }

    fn add_name(&mut self, name: &str) -> u32 {
        let unit = self.unit();
        if let Some(&i) = unit.name_index.get(name) {
            return i;
        }
        let name: Rc<str> = name.into();
        let index = unit.names.len() as u32;
        unit.names.push(name.clone());
        unit.name_index.insert(name, index);
        index
    }

    fn local_slot(&mut self, name: &str) -> u32 {
        let varnames = &mut self.unit().varnames;
        if let Some(i) = varnames.iter().position(|n| &**n == name) {
            return i as u32;
        }
        varnames.push(name.into());
        (varnames.len() - 1) as u32
    }

    /// Emits code that raises `NotImplementedError` for `what` when reached.
    fn unsupported(&mut self, what: &str, range: TextRange) {
        let saved = self.set_position(range);
        let index = self.add_const(Constant::Str(what.into()));
        self.emit(Opcode::RAISE_UNSUPPORTED, index);
        self.restore_position(saved);
    }

    // ----- names ---------------------------------------------------------

    fn name_scope(&mut self, name: &str) -> (ScopeKind, NameScope) {
        let id = self.unit().scope;
        let scope = &self.symbols.scopes[id];
        (scope.kind, scope.lookup(name))
    }

    /// Emits the load, store or delete of `name` in the current scope.
    fn name_op(&mut self, name: &str, access: Access, range: TextRange) {
        // A constant, as in CPython (which refuses any store or delete).
        if name == "__debug__" && access == Access::Load {
            return self.emit_const(Constant::Bool(true));
        }
        let (kind, scope) = self.name_scope(name);
        let op = match (kind, scope, access) {
            (_, NameScope::Free | NameScope::Cell, Access::Delete) => {
                return self.unsupported("deleting variables captured by a closure", range);
            }
            (_, NameScope::Free | NameScope::Cell, _) => {
                let index = self.deref_index(name);
                let op = if access == Access::Load {
                    Opcode::LOAD_DEREF
                } else {
                    Opcode::STORE_DEREF
                };
                return self.emit(op, index);
            }
            (ScopeKind::Function | ScopeKind::Comprehension, NameScope::Local, _) => {
                let slot = self.local_slot(name);
                let op = match access {
                    Access::Load => Opcode::LOAD_FAST,
                    Access::Store => Opcode::STORE_FAST,
                    Access::Delete => Opcode::DELETE_FAST,
                };
                return self.emit(op, slot);
            }
            (
                ScopeKind::Module | ScopeKind::Class,
                NameScope::Local | NameScope::GlobalImplicit,
                _,
            ) => match access {
                Access::Load => Opcode::LOAD_NAME,
                Access::Store => Opcode::STORE_NAME,
                Access::Delete => Opcode::DELETE_NAME,
            },
            (_, _, Access::Load) => Opcode::LOAD_GLOBAL,
            (_, _, Access::Store) => Opcode::STORE_GLOBAL,
            (_, _, Access::Delete) => Opcode::DELETE_GLOBAL,
        };
        let index = self.add_name(name);
        self.emit(op, index);
    }

    fn offset_line(&self, offset: TextSize) -> u32 {
        self.lines.line_col_bytes(offset).0
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Load,
    Store,
    Delete,
}

/// A constant as a key of a unit's constant index: two keys are equal
/// exactly when `same_constant` says so, and hash alike then.
struct ConstKey(Constant);

impl PartialEq for ConstKey {
    fn eq(&self, other: &ConstKey) -> bool {
        same_constant(&self.0, &other.0)
    }
}

impl Eq for ConstKey {}

impl Hash for ConstKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_constant(&self.0, state);
    }
}

/// Hashes what `same_constant` compares: the kind, then the value (a
/// float by its bits, a code object by its address).
fn hash_constant<H: Hasher>(constant: &Constant, state: &mut H) {
    std::mem::discriminant(constant).hash(state);
    match constant {
        Constant::None | Constant::Ellipsis => {}
        Constant::Bool(b) => b.hash(state),
        Constant::Int(i) => i.hash(state),
        Constant::BigInt(b) => b.hash(state),
        Constant::Float(f) => f.to_bits().hash(state),
        Constant::Complex(real, imag) => (real.to_bits(), imag.to_bits()).hash(state),
        Constant::Str(s) => s.hash(state),
        Constant::Bytes(b) => b.hash(state),
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            items.len().hash(state);
            items.iter().for_each(|item| hash_constant(item, state));
        }
        Constant::Code(code) => Rc::as_ptr(code).hash(state),
    }
}

/// Constant-pool identity: `0`, `0.0`, `-0.0` and `False` stay distinct.
fn same_constant(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Float(x), Constant::Float(y)) => x.to_bits() == y.to_bits(),
        (Constant::Complex(a, b), Constant::Complex(c, d)) => {
            a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
        }
        (Constant::Tuple(x), Constant::Tuple(y))
        | (Constant::FrozenSet(x), Constant::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same_constant(a, b))
        }
        (Constant::Code(x), Constant::Code(y)) => Rc::ptr_eq(x, y),
        _ => std::mem::discriminant(a) == std::mem::discriminant(b) && a == b,
    }
}
