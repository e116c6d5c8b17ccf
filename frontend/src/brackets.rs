//! The errors of CPython's tokenizer that the parser pvm uses reports
//! otherwise or later: more than 200 nested brackets, a closing bracket
//! with nothing open or the wrong one open, an unterminated string, and
//! brackets still open at the end of the file.
//!
//! It scans the source text skipping comments and string literals (an
//! f-string is one token in Python 3.11, so its braces do not count). It
//! knows nothing of the grammar: which of these errors CPython reports for
//! a given parse error is decided in `parse_messages/`.

use crate::error::CompileError;
use ruff_text_size::{TextRange, TextSize};

/// CPython's tokenizer refuses more than 200 nested brackets.
const MAX_DEPTH: usize = 200;

/// What the tokenizer would find in the brackets of a whole file.
#[derive(Debug, Default)]
pub struct Brackets {
    /// The first closing bracket that matches nothing open or the wrong
    /// bracket, or unterminated string: CPython's message and the offset.
    pub bad_token: Option<(String, usize)>,
    /// The innermost bracket still open at the end (or at the bad closer):
    /// the bracket and its byte offset.
    pub unclosed: Option<(char, usize)>,
}

fn at(offset: usize) -> TextRange {
    TextRange::empty(TextSize::new(offset as u32))
}

/// Refuses nesting deeper than CPython's tokenizer allows (checked before
/// parsing, which also keeps deep nesting from exhausting the parser's stack).
pub fn check_nesting_depth(source: &str) -> Result<(), CompileError> {
    let mut depth = 0usize;
    let mut result = Ok(());
    walk(source, |offset, c| {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b'"' | b'\'' => {}
            _ => depth = depth.saturating_sub(1),
        }
        if depth > MAX_DEPTH {
            result = Err(CompileError::syntax(
                "too many nested parentheses",
                at(offset),
            ));
            return false;
        }
        true
    });
    result
}

/// Scans the whole file as CPython's tokenizer would, up to the first bad
/// closing bracket.
pub fn scan(source: &str) -> Brackets {
    let index = crate::error::LineIndex::new(source);
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut bad_token = None;
    walk(source, |offset, c| {
        if matches!(c, b'"' | b'\'') {
            let bytes = source.as_bytes();
            let triple = bytes.get(offset + 1) == Some(&c) && bytes.get(offset + 2) == Some(&c);
            // CPython names the line it noticed on: the string's own for a
            // one-line string, the last line for a triple-quoted one.
            let noticed = if triple {
                source.trim_end().len()
            } else {
                offset
            };
            let line = index.line_col_bytes(TextSize::new(noticed as u32)).0;
            let kind = if triple { "triple-quoted " } else { "" };
            bad_token = Some((
                format!("unterminated {kind}string literal (detected at line {line})"),
                offset,
            ));
            return false;
        }
        if matches!(c, b'(' | b'[' | b'{') {
            open.push((c, offset));
            return true;
        }
        let closer = c as char;
        let expected = match open.last() {
            None => {
                bad_token = Some((format!("unmatched '{closer}'"), offset));
                return false;
            }
            Some(&(opener, _)) => match opener {
                b'(' => b')',
                b'[' => b']',
                _ => b'}',
            },
        };
        if c != expected {
            let (opener, opened) = open.last().copied().expect("checked above");
            let (line, _) = index.line_col_bytes(TextSize::new(opened as u32));
            let (here, _) = index.line_col_bytes(TextSize::new(offset as u32));
            let mut message = format!(
                "closing parenthesis '{closer}' does not match opening parenthesis '{}'",
                opener as char
            );
            if line != here {
                message.push_str(&format!(" on line {line}"));
            }
            bad_token = Some((message, offset));
            return false;
        }
        open.pop();
        true
    });
    Brackets {
        bad_token,
        unclosed: open.last().map(|&(c, offset)| (c as char, offset)),
    }
}

impl Brackets {
    /// The bad closing bracket as an error.
    pub fn bad_token_error(&self) -> Option<CompileError> {
        let (message, offset) = self.bad_token.as_ref()?;
        Some(CompileError::syntax(message.clone(), at(*offset)))
    }

    /// The innermost unclosed bracket as an error.
    pub fn unclosed_error(&self) -> Option<CompileError> {
        let (bracket, offset) = self.unclosed?;
        Some(CompileError::syntax(
            format!("'{bracket}' was never closed"),
            at(offset),
        ))
    }
}

/// Calls `visit` with the offset and byte of every bracket outside
/// comments and strings, and with the opening quote of an unterminated
/// string, until it answers false.
fn walk(source: &str, mut visit: impl FnMut(usize, u8) -> bool) {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\\' => i += 1,
            quote @ (b'"' | b'\'') => {
                let end = skip_string(bytes, i);
                let terminated = end > i && end < bytes.len() && bytes[end] == quote;
                if !terminated && !visit(i, quote) {
                    return;
                }
                i = end;
            }
            c @ (b'(' | b'[' | b'{' | b')' | b']' | b'}') if !visit(i, c) => return,
            _ => {}
        }
        i += 1;
    }
}

/// Whether `offset` is inside an f-string literal (its prefix has `f`).
pub fn in_f_string(source: &str, offset: usize) -> bool {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() && i <= offset {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\\' => i += 1,
            b'"' | b'\'' => {
                let end = skip_string(bytes, i);
                if (i..=end).contains(&offset) {
                    let prefix = source[..i]
                        .bytes()
                        .rev()
                        .take_while(|c| c.is_ascii_alphabetic())
                        .collect::<Vec<u8>>();
                    return prefix.iter().any(|c| c.eq_ignore_ascii_case(&b'f'));
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// The index of the closing quote of the string starting at `start` (the
/// character before the newline for an unterminated one-line string, the
/// end of input for an unterminated triple-quoted one).
pub(crate) fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start + 1) == Some(&quote) && bytes.get(start + 2) == Some(&quote);
    let mut i = if triple { start + 3 } else { start + 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' if !triple => return i - 1,
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

    #[test]
    fn closers_and_the_innermost_unclosed_bracket() {
        let scanned = scan("x = [(1,\n");
        assert_eq!(scanned.unclosed, Some(('(', 5)));
        assert_eq!(scanned.bad_token, None);
        let scanned = scan("x = (1, 2]\n");
        assert_eq!(
            scanned.bad_token,
            Some((
                "closing parenthesis ']' does not match opening parenthesis '('".into(),
                9
            ))
        );
        let scanned = scan("x = (1,\n2]\n");
        assert_eq!(
            scanned.bad_token.map(|(m, _)| m).as_deref(),
            Some("closing parenthesis ']' does not match opening parenthesis '(' on line 1")
        );
        let scanned = scan("print(1))\n# (\ns = ')' + f'{x[}'\n");
        assert_eq!(scanned.bad_token, Some(("unmatched ')'".into(), 8)));
        let scanned = scan("x = (1,\ny = 'abc\nz = 2\n");
        assert_eq!(
            scanned.bad_token,
            Some((
                "unterminated string literal (detected at line 2)".into(),
                12
            ))
        );
        let scanned = scan("x = \"\"\"abc\n\ny\n");
        assert_eq!(
            scanned.bad_token.map(|(m, _)| m).as_deref(),
            Some("unterminated triple-quoted string literal (detected at line 3)")
        );
        assert_eq!(scan("s = '' + \"\\\"\" + '''a\nb'''\n").bad_token, None);
        assert!(check_nesting_depth(&"(".repeat(201)).is_err());
        assert!(check_nesting_depth(&"(".repeat(200)).is_ok());
    }
}
