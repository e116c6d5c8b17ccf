//! pvm's shared front end: Python source in, code objects out.
//!
//! It parses with `ruff_python_parser` (the only crate in the workspace that
//! knows the parser library), resolves scopes in a symbol-table pass, compiles
//! to the wordcode declared once in [`opcode`], and disassembles. It never
//! executes code and depends on no backend.

pub mod assemble;
mod brackets;
mod checks;
pub mod code;
mod compiler;
pub mod dis;
pub mod error;
pub mod explain;
pub mod float_repr;
pub mod opcode;
mod parse_messages;
pub mod positions;
pub mod pyc;
pub mod symtable;
mod tabs;
pub mod unicode_data;
pub mod verify;

pub use code::{CodeObject, Constant, ExceptionEntry, Instruction, Position};
pub use error::{CompileError, ErrorKind, LocatedError};
pub use opcode::{BinaryOperator, CodeUnit, CompareOperator, Flow, Opcode, Operand};

use std::rc::Rc;
use std::sync::atomic::AtomicU8;

/// Compiles a module's source text. `filename` is recorded in every code
/// object and shown in tracebacks.
pub fn compile(source: &str, filename: &str) -> Result<Rc<CodeObject>, LocatedError> {
    compile_until(source, filename, &AtomicU8::new(0))
}

/// `compile`, giving up with an `ErrorKind::Interrupted` error once `stop`
/// is nonzero (read before every statement and expression), so a caller's
/// Ctrl-C handler or time limit stops a long compilation. What the value
/// means is the caller's business.
pub fn compile_until(
    source: &str,
    filename: &str,
    stop: &AtomicU8,
) -> Result<Rc<CodeObject>, LocatedError> {
    compile_unlocated(source, filename, stop).map_err(|e| e.locate(source, filename))
}

fn compile_unlocated(
    source: &str,
    filename: &str,
    stop: &AtomicU8,
) -> Result<Rc<CodeObject>, CompileError> {
    brackets::check_nesting_depth(source)?;
    let tab_error = tabs::check(source);
    let parsed = match ruff_python_parser::parse_module(source) {
        Ok(parsed) => parsed,
        Err(parse_error) => {
            // CPython's tokenizer finds a TabError when it reaches that line.
            if let Some(tab_error) = tab_error {
                if tab_error.range.start() <= parse_error.location.start() {
                    return Err(tab_error);
                }
            }
            return Err(parse_messages::from_parse_error(&parse_error, source));
        }
    };
    if let Some(tab_error) = tab_error {
        return Err(tab_error);
    }
    compiler::compile_module(&parsed.syntax().body, source, filename, stop)
}

/// CPython 3.11's traceback anchors for a one-line expression segment: for a
/// binary operation, the character span of its operator; for a subscript,
/// the span of `[...]`. Used to draw `~~~^^^~~~` under the failing part.
pub fn caret_anchors(segment: &str) -> Option<(usize, usize)> {
    use ruff_python_ast::Expr;
    use ruff_text_size::Ranged;
    let parsed = ruff_python_parser::parse_expression(segment).ok()?;
    let chars = |byte: usize| segment.get(..byte).map(|s| s.chars().count());
    match parsed.expr() {
        Expr::BinOp(binary) => {
            let left_end = binary.left.range().end().to_usize();
            let right_start = binary.right.range().start().to_usize();
            let between = segment.get(left_end..right_start)?;
            let offset = between.len() - between.trim_start().len();
            let left = left_end + offset;
            let wide = between
                .get(offset + 1..offset + 2)
                .is_some_and(|c| !c.trim().is_empty());
            let right = left + if wide { 2 } else { 1 };
            Some((chars(left)?, chars(right)?))
        }
        Expr::Subscript(subscript) => {
            let start = subscript.value.range().end().to_usize();
            let end = subscript.slice.range().end().to_usize() + 1;
            Some((chars(start)?, chars(end)?))
        }
        _ => None,
    }
}
