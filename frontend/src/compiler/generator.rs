//! Generators and coroutines: `yield`, `yield from`, `await`, and the
//! `RETURN_GENERATOR` prologue that makes calling such a function return a
//! generator object instead of running its body.
//!
//! `yield from` and `await` compile to CPython 3.11's `SEND` loop. What
//! suspending and resuming a frame means is the backends' and the runtime's
//! business; nothing here knows how frames are stored.

use super::Compiler;
use crate::code::{flags, Constant};
use crate::error::CompileError;
use crate::opcode::Opcode;
use crate::symtable::ScopeKind;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprDictComp, ExprGenerator, ExprListComp, ExprSetComp, Stmt};
use ruff_text_size::TextRange;

type Result<T = ()> = std::result::Result<T, CompileError>;

/// Whether a lambda's body contains `yield` or `yield from` (a generator
/// lambda, as `type((lambda: (yield))())` in `_collections_abc`).
pub(super) fn expression_yields(body: &Expr) -> bool {
    let mut finder = YieldFinder(false);
    finder.visit_expr(body);
    finder.0
}

/// Whether a function body contains `yield` or `yield from` (in its own
/// scope, not in nested functions, classes or lambdas).
pub(super) fn contains_yield(body: &[Stmt]) -> bool {
    let mut finder = YieldFinder(false);
    finder.visit_body(body);
    finder.0
}

struct YieldFinder(bool);

impl<'a> Visitor<'a> for YieldFinder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            _ => visitor::walk_stmt(self, stmt),
        }
    }
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Yield(_) | Expr::YieldFrom(_) => self.0 = true,
            Expr::Lambda(_) => {}
            // A comprehension's first iterable is evaluated in the
            // enclosing scope.
            Expr::ListComp(ExprListComp { generators, .. })
            | Expr::SetComp(ExprSetComp { generators, .. })
            | Expr::DictComp(ExprDictComp { generators, .. })
            | Expr::Generator(ExprGenerator { generators, .. }) => {
                if let Some(first) = generators.first() {
                    self.visit_expr(&first.iter);
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

impl Compiler<'_> {
    /// After the closure prologue of a generator or coroutine: return the
    /// generator object at once; the first resumption continues after it
    /// (and drops the `None` it is sent).
    pub(super) fn start_generator(&mut self) {
        if self.unit().flags & (flags::GENERATOR | flags::COROUTINE) != 0 {
            self.emit(Opcode::RETURN_GENERATOR, 0);
            self.emit(Opcode::POP_TOP, 0);
        }
    }

    fn in_function(&mut self) -> bool {
        let scope = self.unit().scope;
        matches!(
            self.symbols.scopes[scope].kind,
            ScopeKind::Function | ScopeKind::Comprehension
        )
    }

    /// Whether the current unit is a comprehension nested (through other
    /// comprehensions only) in an `async def`: `await` makes it asynchronous.
    pub(super) fn in_async_comprehension(&self) -> bool {
        let mut units = self.units.iter().rev();
        for unit in units.by_ref() {
            if self.symbols.scopes[unit.scope].kind != ScopeKind::Comprehension {
                return unit.flags & flags::COROUTINE != 0;
            }
        }
        false
    }

    /// Fails with `message` unless the current unit is an `async def`.
    pub(super) fn require_coroutine(&mut self, message: &str, range: TextRange) -> Result {
        if self.unit().flags & flags::COROUTINE == 0 {
            return Err(CompileError::syntax(message, range));
        }
        Ok(())
    }

    pub(super) fn yield_expr(&mut self, value: Option<&Expr>, range: TextRange) -> Result {
        if !self.in_function() {
            return Err(CompileError::syntax("'yield' outside function", range));
        }
        match value {
            Some(value) => self.expr(value)?,
            None => self.emit_const(Constant::None),
        }
        let saved = self.set_position(range);
        self.emit(Opcode::YIELD_VALUE, 0);
        self.restore_position(saved);
        Ok(())
    }

    pub(super) fn yield_from(&mut self, value: &Expr, range: TextRange) -> Result {
        if !self.in_function() {
            return Err(CompileError::syntax("'yield' outside function", range));
        }
        if self.unit().flags & flags::COROUTINE != 0 {
            return Err(CompileError::syntax(
                "'yield from' inside async function",
                range,
            ));
        }
        self.expr(value)?;
        let saved = self.set_position(range);
        self.emit(Opcode::GET_YIELD_FROM_ITER, 0);
        self.send_loop();
        self.restore_position(saved);
        Ok(())
    }

    pub(super) fn await_expr(&mut self, value: &Expr, range: TextRange) -> Result {
        if !self.in_function() {
            return Err(CompileError::syntax("'await' outside function", range));
        }
        if self.unit().flags & flags::COROUTINE == 0 {
            let id = self.unit().scope;
            let (kind, comprehension) =
                (self.symbols.scopes[id].kind, self.symbols.scopes[id].range);
            if kind == ScopeKind::Comprehension {
                // `await` makes a comprehension asynchronous: allowed in an
                // `async def`, and for a generator expression anywhere.
                if !self.in_async_comprehension() && &*self.unit().name != "<genexpr>" {
                    return Err(CompileError::syntax(
                        "asynchronous comprehension outside of an asynchronous function",
                        comprehension,
                    ));
                }
                // pvm does not run asynchronous comprehensions yet; stand in
                // for the awaited value.
                self.unsupported("asynchronous comprehensions", range);
                self.emit_const(Constant::None);
                return Ok(());
            }
            return Err(CompileError::syntax(
                "'await' outside async function",
                range,
            ));
        }
        self.expr(value)?;
        let saved = self.set_position(range);
        self.emit(Opcode::GET_AWAITABLE, 0);
        self.send_loop();
        self.restore_position(saved);
        Ok(())
    }

    /// Drives the iterator on top of the stack until it returns, passing on
    /// what it yields and what is sent in; leaves its return value.
    fn send_loop(&mut self) {
        let send = self.new_label();
        let exit = self.new_label();
        self.emit_const(Constant::None);
        self.bind(send);
        self.emit_jump(Opcode::SEND, exit);
        self.emit(Opcode::YIELD_VALUE, 0);
        self.emit_jump(Opcode::JUMP, send);
        self.bind(exit);
    }
}
