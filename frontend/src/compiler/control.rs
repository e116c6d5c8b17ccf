//! Control flow that crosses blocks: loops, `break`/`continue`/`return`,
//! `try`/`except`/`else`/`finally`, `raise` and `assert`.
//!
//! Handlers are zero-cost, as in CPython 3.11: a protected range of
//! instructions is an exception-table entry, not an instruction. The block
//! stack records what leaving a block early must undo. `break`, `continue`
//! and `return` emit that undo code inline: pop a loop's iterator, leave an
//! `except` body (`POP_EXCEPT`), run a `finally` body. Each block also knows
//! how many values it keeps on the operand stack, which is the depth an
//! exception-table entry unwinds to.

use super::regions::Region;
use super::{Access, Compiler};
use crate::assemble::Label;
use crate::code::Constant;
use crate::error::CompileError;
use crate::opcode::Opcode;
use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::{Ranged, TextRange};

type Result<T = ()> = std::result::Result<T, CompileError>;

#[derive(Clone)]
pub(super) enum Block {
    Loop {
        continue_to: Label,
        break_to: Label,
        pops_iterator: bool,
    },
    /// An `except` body: the previously handled exception is on the stack.
    Handler {
        name: Option<(String, TextRange)>,
        region: Region,
    },
    /// A `try` body with `except` handlers: nothing to undo on the way
    /// out, but its region ends there.
    TryExcept { region: Region },
    /// A `try` body whose `finally` must run on the way out.
    FinallyTry { body: Vec<Stmt>, region: Region },
    /// A `finally` body run because of an exception: the previously handled
    /// exception and the exception are on the stack.
    FinallyHandler { region: Region },
    /// A `with` body: the bound `__exit__` is on the stack.
    With { region: Region },
}

impl Block {
    /// How many values the block keeps on the operand stack.
    fn stack_items(&self) -> u32 {
        match self {
            Block::Loop { pops_iterator, .. } => *pops_iterator as u32,
            Block::Handler { .. } => 1,
            Block::TryExcept { .. } | Block::FinallyTry { .. } => 0,
            Block::FinallyHandler { .. } => 2,
            Block::With { .. } => 1,
        }
    }

    /// The protected region the block's code is in, closed while leaving.
    fn region(&self) -> Option<Region> {
        match self {
            Block::Loop { .. } => None,
            Block::Handler { region, .. }
            | Block::TryExcept { region }
            | Block::FinallyTry { region, .. }
            | Block::FinallyHandler { region }
            | Block::With { region } => Some(*region),
        }
    }
}

impl Compiler<'_> {
    /// Values kept on the operand stack by the enclosing blocks.
    pub(super) fn block_depth(&mut self) -> u32 {
        self.unit().blocks.iter().map(Block::stack_items).sum()
    }

    /// Compiles `body` nested `count` frame blocks deeper, as CPython counts
    /// them: one for a loop, a `with` item, a `try` body and a `finally`
    /// run by an exception, two for an `except` handler's body. It refuses
    /// more than 20 at once, with the statement's range.
    pub(super) fn counted_blocks(
        &mut self,
        count: u32,
        range: TextRange,
        body: impl FnOnce(&mut Self) -> Result,
    ) -> Result {
        const MAX_FRAME_BLOCKS: u32 = 20;
        if self.unit().frame_blocks + count > MAX_FRAME_BLOCKS {
            return Err(CompileError::syntax(
                "too many statically nested blocks",
                range,
            ));
        }
        self.unit().frame_blocks += count;
        let result = body(self);
        self.unit().frame_blocks -= count;
        result
    }

    /// Compiles `body` inside `block`.
    pub(super) fn in_block(
        &mut self,
        block: Block,
        body: impl FnOnce(&mut Self) -> Result,
    ) -> Result {
        self.unit().blocks.push(block);
        let result = body(self);
        self.unit().blocks.pop();
        result
    }

    /// Emits what leaving the blocks above `keep` requires, innermost
    /// first, each with its protected region closed, then `leave` (the jump
    /// or return), and protects the blocks' code again after it. While a
    /// block's exit code is compiled (a `finally` body), the block stack is
    /// what it is at that point.
    fn unwind_blocks(&mut self, keep: usize, leave: impl FnOnce(&mut Self)) -> Result {
        let saved = self.unit().blocks.clone();
        let mut result = Ok(());
        let mut closed = Vec::new();
        for index in (keep..saved.len()).rev() {
            self.unit().blocks.truncate(index);
            if let Some(region) = saved[index].region() {
                self.close_region(region);
                closed.push(region);
            }
            result = self.exit_block(&saved[index]);
            if result.is_err() {
                break;
            }
        }
        self.unit().blocks = saved;
        result?;
        leave(self);
        for region in closed {
            self.reopen_region(region);
        }
        Ok(())
    }

    fn exit_block(&mut self, block: &Block) -> Result {
        match block {
            Block::Loop { pops_iterator, .. } => {
                if *pops_iterator {
                    self.emit(Opcode::POP_TOP, 0);
                }
            }
            Block::Handler { name, .. } => {
                self.emit(Opcode::POP_EXCEPT, 0);
                if let Some((name, range)) = name {
                    self.clear_exception_name(name, *range);
                }
            }
            Block::TryExcept { .. } => {}
            Block::FinallyTry { body, .. } => self.body(body)?,
            Block::FinallyHandler { .. } => {
                self.emit(Opcode::POP_TOP, 0);
                self.emit(Opcode::POP_EXCEPT, 0);
            }
            Block::With { .. } => self.call_exit_normally(),
        }
        Ok(())
    }

    /// `__exit__(None, None, None)` for the `__exit__` on top of the stack.
    fn call_exit_normally(&mut self) {
        for _ in 0..3 {
            self.emit_const(Constant::None);
        }
        self.emit(Opcode::CALL, 3);
        self.emit(Opcode::POP_TOP, 0);
    }

    /// `with a as x, b: body`, as nested single-item `with` blocks.
    pub(super) fn with_stmt(&mut self, s: &ast::StmtWith) -> Result {
        if s.is_async {
            self.require_coroutine("'async with' outside async function", s.range)?;
            self.unsupported("'async with' statements", s.range);
            return Ok(());
        }
        self.with_items(&s.items, &s.body, s.range)
    }

    fn with_items(&mut self, items: &[ast::WithItem], body: &[Stmt], range: TextRange) -> Result {
        let Some((item, rest)) = items.split_first() else {
            return self.body(body);
        };
        let depth = self.block_depth();
        let saved = self.set_position(item.context_expr.range());
        self.expr(&item.context_expr)?;
        self.emit(Opcode::BEFORE_WITH, 0);
        self.restore_position(saved);
        match &item.optional_vars {
            Some(target) => self.store(target)?,
            None => self.emit(Opcode::POP_TOP, 0),
        }
        let handler = self.new_label();
        let end = self.new_label();
        let region = self.open_region(handler, depth + 1);
        self.emit(Opcode::NOP, 0);
        self.counted_blocks(1, range, |c| {
            c.in_block(Block::With { region }, |c| c.with_items(rest, body, range))
        })?;
        self.close_region(region);
        let saved = self.set_position(item.context_expr.range());
        self.call_exit_normally();
        self.emit_jump(Opcode::JUMP, end);
        // An exception left the body: `__exit__` decides whether it goes on.
        self.bind(handler);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        let handler_start = self.new_label();
        let handler_end = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.bind(handler_start);
        self.emit(Opcode::WITH_EXCEPT_START, 0);
        self.emit_jump(Opcode::POP_JUMP_IF_TRUE, suppress);
        self.emit(Opcode::RERAISE, 0);
        self.bind(handler_end);
        self.bind(suppress);
        self.emit(Opcode::POP_TOP, 0);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::POP_TOP, 0);
        self.emit_jump(Opcode::JUMP, end);
        self.unit()
            .asm
            .add_handler(handler_start, handler_end, cleanup, depth + 2);
        self.exception_cleanup(cleanup);
        self.restore_position(saved);
        self.bind(end);
        Ok(())
    }

    /// `except E as name:` unbinds `name` when the handler ends, as Python does.
    fn clear_exception_name(&mut self, name: &str, range: TextRange) {
        self.emit_const(Constant::None);
        self.name_op(name, Access::Store, range);
        self.name_op(name, Access::Delete, range);
    }

    pub(super) fn break_or_continue(&mut self, range: TextRange, is_break: bool) -> Result {
        let found = self
            .unit()
            .blocks
            .iter()
            .rposition(|b| matches!(b, Block::Loop { .. }));
        let Some(index) = found else {
            let message = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(CompileError::syntax(message, range));
        };
        let Block::Loop {
            continue_to,
            break_to,
            pops_iterator,
        } = self.unit().blocks[index].clone()
        else {
            unreachable!("found a loop at this index")
        };
        self.unwind_blocks(index + 1, |c| {
            if is_break {
                if pops_iterator {
                    c.emit(Opcode::POP_TOP, 0);
                }
                c.emit_jump(Opcode::JUMP, break_to);
            } else {
                c.emit_jump(Opcode::JUMP, continue_to);
            }
        })
    }

    /// `return value`, running the exit code of every enclosing block first.
    pub(super) fn return_value(&mut self, value: Option<&ast::Expr>) -> Result {
        match value {
            Some(value) => self.expr(value)?,
            None => self.emit_const(Constant::None),
        }
        // `try` bodies with only handlers have nothing to undo, and
        // RETURN_VALUE cannot raise inside their regions.
        let nothing_to_undo = self
            .unit()
            .blocks
            .iter()
            .all(|b| matches!(b, Block::TryExcept { .. }));
        if nothing_to_undo {
            self.emit(Opcode::RETURN_VALUE, 0);
            return Ok(());
        }
        let slot = self.local_slot(".return");
        self.emit(Opcode::STORE_FAST, slot);
        self.unwind_blocks(0, |c| {
            c.emit(Opcode::LOAD_FAST, slot);
            c.emit(Opcode::RETURN_VALUE, 0);
        })
    }

    pub(super) fn try_stmt(&mut self, s: &ast::StmtTry) -> Result {
        if s.is_star {
            self.unsupported("'except*' clauses", s.range);
            return Ok(());
        }
        if s.finalbody.is_empty() {
            return self.try_except(s);
        }
        let finally: Vec<Stmt> = s.finalbody.to_vec();
        let protected = |c: &mut Self| -> Result {
            if s.handlers.is_empty() {
                c.body(&s.body)?;
                c.body(&s.orelse)
            } else {
                c.try_except(s)
            }
        };
        self.try_finally(protected, &finally, s.range)
    }

    fn try_finally(
        &mut self,
        protected: impl FnOnce(&mut Self) -> Result,
        finally: &[Stmt],
        range: TextRange,
    ) -> Result {
        let depth = self.block_depth();
        let handler = self.new_label();
        let end = self.new_label();
        let region = self.open_region(handler, depth);
        self.emit(Opcode::NOP, 0);
        self.counted_blocks(1, range, |c| {
            c.in_block(
                Block::FinallyTry {
                    body: finally.to_vec(),
                    region,
                },
                protected,
            )
        })?;
        self.close_region(region);
        // Leaving normally: run the finally body.
        self.body(finally)?;
        self.emit_jump(Opcode::JUMP, end);
        // Leaving by an exception: run it, then raise the exception again.
        self.bind(handler);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        let cleanup = self.new_label();
        let region = self.open_region(cleanup, depth + 1);
        self.counted_blocks(1, range, |c| {
            c.in_block(Block::FinallyHandler { region }, |c| c.body(finally))
        })?;
        self.emit(Opcode::RERAISE, 0);
        self.close_region(region);
        self.exception_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    fn try_except(&mut self, s: &ast::StmtTry) -> Result {
        let (body, handlers, orelse) = (&s.body, &s.handlers, &s.orelse);
        let depth = self.block_depth();
        let dispatch = self.new_label();
        let end = self.new_label();
        let body_region = self.open_region(dispatch, depth);
        self.emit(Opcode::NOP, 0);
        self.counted_blocks(1, s.range, |c| {
            c.in_block(
                Block::TryExcept {
                    region: body_region,
                },
                |c| c.body(body),
            )
        })?;
        self.close_region(body_region);
        self.body(orelse)?;
        self.emit_jump(Opcode::JUMP, end);

        self.bind(dispatch);
        self.emit(Opcode::PUSH_EXC_INFO, 0);
        let cleanup = self.new_label();
        let region = self.open_region(cleanup, depth + 1);
        for (i, handler) in handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            let next = self.new_label();
            let saved = self.set_position(handler.range);
            match &handler.type_ {
                Some(kind) => {
                    // CHECK_EXC_MATCH pops the type and keeps the exception.
                    self.expr(kind)?;
                    self.emit(Opcode::CHECK_EXC_MATCH, 0);
                    self.emit_jump(Opcode::POP_JUMP_IF_FALSE, next);
                }
                None if i + 1 < handlers.len() => {
                    return Err(CompileError::syntax(
                        "default 'except:' must be last",
                        handler.range,
                    ));
                }
                None => {}
            }
            let name = handler
                .name
                .as_ref()
                .map(|n| (n.as_str().to_string(), n.range));
            match &name {
                Some((name, range)) => self.name_op(name, Access::Store, *range),
                None => self.emit(Opcode::POP_TOP, 0),
            }
            self.restore_position(saved);
            self.counted_blocks(2, handler.range, |c| {
                let block = Block::Handler {
                    name: name.clone(),
                    region,
                };
                c.in_block(block, |c| c.body(&handler.body))
            })?;
            // Leaving the handler is outside its region, as in CPython.
            self.close_region(region);
            self.emit(Opcode::POP_EXCEPT, 0);
            if let Some((name, range)) = &name {
                self.clear_exception_name(name, *range);
            }
            self.emit_jump(Opcode::JUMP, end);
            self.bind(next);
            self.reopen_region(region);
        }
        // No handler matched: the exception goes on.
        self.emit(Opcode::RERAISE, 0);
        self.close_region(region);
        self.exception_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    /// An exception escaping a handler: restore the previously handled
    /// exception (under it on the stack) and let the new one go on.
    fn exception_cleanup(&mut self, cleanup: Label) {
        self.bind(cleanup);
        self.emit(Opcode::SWAP, 2);
        self.emit(Opcode::POP_EXCEPT, 0);
        self.emit(Opcode::RERAISE, 0);
    }

    pub(super) fn raise_stmt(&mut self, s: &ast::StmtRaise) -> Result {
        let count = match (&s.exc, &s.cause) {
            (None, _) => 0,
            (Some(exception), None) => {
                self.expr(exception)?;
                1
            }
            (Some(exception), Some(cause)) => {
                self.expr(exception)?;
                self.expr(cause)?;
                2
            }
        };
        self.emit(Opcode::RAISE_VARARGS, count);
        Ok(())
    }

    pub(super) fn assert_stmt(&mut self, s: &ast::StmtAssert) -> Result {
        let end = self.new_label();
        self.expr(&s.test)?;
        self.emit_jump(Opcode::POP_JUMP_IF_TRUE, end);
        self.name_op("AssertionError", Access::Load, s.range);
        if let Some(message) = &s.msg {
            self.expr(message)?;
            self.emit(Opcode::CALL, 1);
        }
        self.emit(Opcode::RAISE_VARARGS, 1);
        self.bind(end);
        Ok(())
    }
}
