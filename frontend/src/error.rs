//! Compile-time errors (`SyntaxError`, `IndentationError`) and the source
//! index that turns byte offsets into CPython-style line and column numbers.
//!
//! The parser's own messages are translated into the messages CPython 3.11
//! prints for the same mistake where the two differ; anything without a
//! specific translation becomes CPython's generic `invalid syntax`. Printing
//! the error is left to the caller.

use ruff_python_parser::{LexicalErrorType, ParseError, ParseErrorType};
use ruff_text_size::{TextRange, TextSize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    /// Indentation that depends on the width of a tab (an `IndentationError`).
    TabError,
    /// Nesting too deep to compile (CPython: `RecursionError` during compilation).
    RecursionError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::RecursionError => "RecursionError",
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

/// Translates a parser error into CPython 3.11's message for the same mistake.
/// The error points at where the parser stopped (one caret), not at the
/// range ruff gives, which is often wider than the token CPython shows.
pub fn from_parse_error(error: &ParseError, source: &str) -> CompileError {
    let range = TextRange::empty(error.location.start());
    let index = LineIndex::new(source);
    let (line, _) = index.line_col_bytes(range.start());
    let indentation = |message: String| CompileError {
        kind: ErrorKind::IndentationError,
        message,
        range,
    };
    match &error.error {
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            let text = source.get(range.start().to_usize()..).unwrap_or("");
            let triple = text.starts_with("\"\"\"") || text.starts_with("'''");
            let last_line = index.line_col_bytes(TextSize::new(source.len() as u32)).0;
            if triple {
                CompileError::syntax(
                    format!(
                        "unterminated triple-quoted string literal (detected at line {last_line})"
                    ),
                    range,
                )
            } else {
                CompileError::syntax(
                    format!("unterminated string literal (detected at line {line})"),
                    range,
                )
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            // CPython's offset is the end of the line.
            let end = index.line_text(source, line).len() as u32;
            let start = index.line_col_bytes(range.start());
            CompileError {
                kind: ErrorKind::IndentationError,
                message: "unindent does not match any outer indentation level".into(),
                range: TextRange::empty(
                    range.start() - TextSize::new(start.1) + TextSize::new(end),
                ),
            }
        }
        ParseErrorType::UnexpectedIndentation => indentation("unexpected indent".into()),
        ParseErrorType::ExpectedToken { expected, .. } if format!("{expected}") == "indent" => {
            indentation(expected_block(source, &index, line))
        }
        ParseErrorType::OtherError(message)
            if message.starts_with("Expected an indented block") =>
        {
            indentation(expected_block(source, &index, line))
        }
        ParseErrorType::Lexical(LexicalErrorType::Eof) => {
            CompileError::syntax("unexpected EOF while parsing", range)
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
            CompileError::syntax(
                format!("invalid character '{tok}' (U+{:04X})", *tok as u32),
                range,
            )
        }
        ParseErrorType::PositionalAfterKeywordArgument => {
            CompileError::syntax("positional argument follows keyword argument", range)
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            CompileError::syntax("non-default argument follows default argument", range)
        }
        _ => CompileError::syntax("invalid syntax", range),
    }
}

/// CPython's message for a compound statement with no indented body.
fn expected_block(source: &str, index: &LineIndex, error_line: u32) -> String {
    let header_line = (1..error_line)
        .rev()
        .find(|&l| index.line_text(source, l).trim_end().ends_with(':'))
        .unwrap_or(error_line.saturating_sub(1).max(1));
    let header = index.line_text(source, header_line).trim_start();
    let keyword = header
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    let what = match keyword {
        "def" => "function definition".to_string(),
        "class" => "class definition".to_string(),
        "if" | "elif" | "else" | "for" | "while" | "try" | "except" | "finally" | "with" => {
            format!("'{keyword}' statement")
        }
        _ => return "expected an indented block".into(),
    };
    format!("expected an indented block after {what} on line {header_line}")
}

/// CPython's tokenizer refuses more than 200 nested brackets; checking this
/// before parsing also keeps deeply nested input from exhausting the parser's
/// stack.
pub fn check_nesting_depth(source: &str) -> Result<(), CompileError> {
    scan_brackets(source, true)
}

/// After a parse error: reports an unclosed or unmatched bracket the way
/// CPython's tokenizer does, which is more helpful than `invalid syntax`.
pub fn check_brackets(source: &str) -> Result<(), CompileError> {
    scan_brackets(source, false)
}

fn scan_brackets(source: &str, depth_only: bool) -> Result<(), CompileError> {
    const MAX_DEPTH: usize = 200;
    let at = |i: usize| TextRange::empty(TextSize::new(i as u32));
    let mut stack: Vec<(char, usize)> = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' => i = skip_string(bytes, i),
            b'(' | b'[' | b'{' => {
                stack.push((c as char, i));
                if stack.len() > MAX_DEPTH {
                    return Err(CompileError::syntax("too many nested parentheses", at(i)));
                }
            }
            b')' | b']' | b'}' => {
                if stack.pop().is_none() && !depth_only {
                    return Err(CompileError::syntax(
                        format!("unmatched '{}'", c as char),
                        at(i),
                    ));
                }
            }
            _ => {}
        }
        i += 1;
    }
    match stack.first() {
        Some((open, start)) if !depth_only => Err(CompileError::syntax(
            format!("'{open}' was never closed"),
            at(*start),
        )),
        _ => Ok(()),
    }
}

/// Returns the index of the last byte of the string literal starting at `start`
/// (or the end of input for an unterminated one; the parser reports those).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start + 1) == Some(&quote) && bytes.get(start + 2) == Some(&quote);
    let mut i = if triple { start + 3 } else { start + 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' if !triple => return i,
            c if c == quote => {
                if !triple {
                    return i;
                }
                if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                    return i + 2;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
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
