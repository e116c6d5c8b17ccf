//! Compile-time errors (`SyntaxError`, `IndentationError`) and the source
//! index that turns byte offsets into CPython-style line and column numbers.
//!
//! The parser's messages are translated into CPython's in
//! `parse_messages/`. Printing the error is left to the caller.

use ruff_python_ast::Expr;
use ruff_text_size::{TextRange, TextSize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    /// Indentation that depends on the width of a tab (an `IndentationError`).
    TabError,
    /// Nesting too deep to compile (CPython: `RecursionError` during compilation).
    RecursionError,
    /// Stopped from outside through `compile_until`'s flag; the caller
    /// knows why and reports it.
    Interrupted,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::RecursionError => "RecursionError",
            ErrorKind::Interrupted => "KeyboardInterrupt",
        }
    }
}

/// An error found while parsing or compiling, located by byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub kind: ErrorKind,
    pub message: String,
    pub range: TextRange,
}

/// A compile error resolved against its source, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedError {
    pub kind: ErrorKind,
    pub message: String,
    pub filename: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters, as CPython reports `offset`.
    pub column: u32,
    /// Where the offending code ends, as CPython's `end_lineno` and
    /// `end_offset` (equal to the start for a point).
    pub end_line: u32,
    pub end_column: u32,
    /// The source line, without its newline.
    pub text: String,
}

impl CompileError {
    pub fn syntax(message: impl Into<String>, range: TextRange) -> CompileError {
        CompileError {
            kind: ErrorKind::SyntaxError,
            message: message.into(),
            range,
        }
    }

    pub fn locate(&self, source: &str, filename: &str) -> LocatedError {
        let index = LineIndex::new(source);
        let (line, column) = index.line_col(source, self.range.start());
        let (end_line, end_column) = index.line_col(source, self.range.end());
        LocatedError {
            kind: self.kind,
            message: self.message.clone(),
            filename: filename.to_string(),
            line,
            column: column + 1,
            end_line,
            end_column: end_column + 1,
            text: index.line_text(source, line).to_string(),
        }
    }
}

impl LocatedError {
    /// The text CPython prints on stderr for an uncaught `SyntaxError`: the
    /// line without its indentation, and carets from the offset to the end
    /// offset (to the end of the line when the error spans lines), or none
    /// when the offset is inside the indentation.
    pub fn render(&self) -> String {
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.line);
        if !self.text.trim().is_empty() {
            let stripped = self.text.trim_start_matches([' ', '\t', '\x0c']);
            let indent = (self.text.chars().count() - stripped.chars().count()) as i64;
            let length = stripped.chars().count() as i64;
            let offset = (self.column as i64 - 1 - indent).min(length);
            out.push_str(&format!("    {stripped}\n"));
            if offset >= 0 {
                let end = if self.end_line > self.line {
                    length
                } else {
                    self.end_column as i64 - 1 - indent
                };
                let carets = (end - offset).max(1) as usize;
                out.push_str(&format!(
                    "    {}{}\n",
                    " ".repeat(offset as usize),
                    "^".repeat(carets)
                ));
            }
        }
        out.push_str(&format!("{}: {}\n", self.kind.name(), self.message));
        out
    }
}

/// Byte offsets of line starts, for offset → (line, column) lookups.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 0-based UTF-8 byte column of `offset`.
    pub fn line_col_bytes(&self, offset: TextSize) -> (u32, u32) {
        let offset = offset.to_usize();
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        (line as u32, (offset - self.starts[line - 1]) as u32)
    }

    /// 1-based line and 0-based character column of `offset`.
    pub fn line_col(&self, source: &str, offset: TextSize) -> (u32, u32) {
        let (line, _) = self.line_col_bytes(offset);
        let start = self.starts[line as usize - 1];
        let end = offset.to_usize().min(source.len());
        let column = source
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line, column as u32)
    }

    pub fn line_text<'s>(&self, source: &'s str, line: u32) -> &'s str {
        let start = self
            .starts
            .get(line as usize - 1)
            .copied()
            .unwrap_or(source.len());
        let rest = source.get(start..).unwrap_or("");
        rest.split('\n').next().unwrap_or("").trim_end_matches('\r')
    }
}

/// CPython's name for an expression in messages such as "cannot assign
/// to ..." (its `_PyPegen_get_expr_name`).
pub(crate) fn expression_name(expr: &Expr) -> &'static str {
    match expr {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        _ => "literal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str, start: u32, end: u32) -> String {
        let range = TextRange::new(TextSize::new(start), TextSize::new(end));
        CompileError::syntax("m", range)
            .locate(source, "f.py")
            .render()
    }

    /// As CPython 3.11 prints them (checked against `python3.11`).
    #[test]
    fn carets_span_the_range_like_cpython() {
        assert_eq!(
            render("if x:\n    break\n", 10, 15),
            "  File \"f.py\", line 2\n    break\n    ^^^^^\nSyntaxError: m\n"
        );
        // A range over several lines runs to the end of the first.
        assert_eq!(
            render("def f(a,\n      b): pass\n", 0, 20),
            "  File \"f.py\", line 1\n    def f(a,\n    ^^^^^^^^\nSyntaxError: m\n"
        );
        // A point gets one caret; one inside the indentation gets none.
        assert_eq!(
            render("x = (1,\n", 4, 4),
            "  File \"f.py\", line 1\n    x = (1,\n        ^\nSyntaxError: m\n"
        );
        assert_eq!(
            render("if x:\n\ty = 2\n", 6, 6),
            "  File \"f.py\", line 2\n    y = 2\nSyntaxError: m\n"
        );
    }
}
