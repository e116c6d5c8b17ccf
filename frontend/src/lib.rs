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

/// What `compile()` makes of its source (CPython's `mode` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module (`'exec'`).
    Exec,
    /// One expression, whose value the code returns (`'eval'`).
    Eval,
    /// One statement as typed at the interactive prompt (`'single'`): the
    /// values of its expression statements are shown (`PRINT_EXPR`).
    Single,
}

/// `compile_until` in any `mode`.
pub fn compile_mode(
    source: &str,
    filename: &str,
    mode: Mode,
    stop: &AtomicU8,
) -> Result<Rc<CodeObject>, LocatedError> {
    let normalized = universal_newlines(source);
    let source = normalized.as_deref().unwrap_or(source);
    compile_unlocated_mode(source, filename, mode, stop).map_err(|e| {
        let mut located = e.locate(source, filename);
        // CPython's eval- and single-mode parsers report a syntax error at
        // the very end of a source without a final newline at offset 0.
        if mode != Mode::Exec
            && e.range.start().to_usize() == source.len()
            && !source.ends_with('\n')
            && e.message == "invalid syntax"
        {
            located.column = 0;
            located.end_column = 0;
        }
        located
    })
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
    let normalized = universal_newlines(source);
    let source = normalized.as_deref().unwrap_or(source);
    compile_unlocated(source, filename, stop).map_err(|e| e.locate(source, filename))
}

/// The source with `\r\n` line ends made `\n`, as CPython's tokenizer
/// reads them (a docstring then holds no `\r`); `None` when it has none.
fn universal_newlines(source: &str) -> Option<String> {
    source
        .contains("\r\n")
        .then(|| source.replace("\r\n", "\n"))
}

fn compile_unlocated(
    source: &str,
    filename: &str,
    stop: &AtomicU8,
) -> Result<Rc<CodeObject>, CompileError> {
    compile_unlocated_mode(source, filename, Mode::Exec, stop)
}

fn compile_unlocated_mode(
    source: &str,
    filename: &str,
    mode: Mode,
    stop: &AtomicU8,
) -> Result<Rc<CodeObject>, CompileError> {
    brackets::check_nesting_depth(source)?;
    if mode == Mode::Eval {
        return compile_expression(source, filename, stop);
    }
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
    let body = &parsed.syntax().body;
    if mode == Mode::Single {
        checks::single_statement(body, source)?;
    }
    compiler::compile_module(body, source, filename, mode, stop)
}

/// `'eval'` mode: the expression is compiled as the one statement of a
/// module that returns its value.
fn compile_expression(
    source: &str,
    filename: &str,
    stop: &AtomicU8,
) -> Result<Rc<CodeObject>, CompileError> {
    let tab_error = tabs::check(source);
    let parsed = match ruff_python_parser::parse_expression(source) {
        Ok(parsed) => parsed,
        Err(parse_error) => {
            // What is wrong with it as a module is what CPython reports
            // (indentation, brackets never closed, ...); a module that is
            // fine but no expression fails where the expression parser stops.
            if let Err(module_error) = ruff_python_parser::parse_module(source) {
                if let Some(tab_error) = tab_error {
                    if tab_error.range.start() <= module_error.location.start() {
                        return Err(tab_error);
                    }
                }
                return Err(parse_messages::from_parse_error(&module_error, source));
            }
            return Err(parse_messages::from_parse_error(&parse_error, source));
        }
    };
    if let Some(tab_error) = tab_error {
        return Err(tab_error);
    }
    let expression = parsed.into_syntax();
    let statement = ruff_python_ast::Stmt::Expr(ruff_python_ast::StmtExpr {
        node_index: Default::default(),
        range: expression.range,
        value: expression.body,
    });
    compiler::compile_module(&[statement], source, filename, Mode::Eval, stop)
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
