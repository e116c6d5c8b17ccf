//! `TabError`: indentation whose meaning depends on how wide a tab is.
//!
//! CPython's tokenizer measures each logical line's indentation twice, with
//! tabs to multiples of 8 columns and with tabs as 1 column, and refuses a
//! line that the two measures place differently relative to the
//! indentation stack. The parser pvm uses does not, so this scan does it
//! over the source text. It reports nothing else: other indentation errors
//! are the parser's.

use crate::brackets::skip_string;
use crate::error::{CompileError, ErrorKind};
use ruff_text_size::{TextRange, TextSize};

const TAB_SIZE: u32 = 8;

/// The first line whose indentation is inconsistent in CPython's sense, if
/// it comes before any other indentation error.
pub fn check(source: &str) -> Option<CompileError> {
    let mut stack: Vec<(u32, u32)> = vec![(0, 0)];
    for line_start in logical_line_starts(source) {
        let (col, alt, rest) = measure(&source[line_start..]);
        if rest.is_empty() || rest.starts_with(['#', '\n', '\r']) {
            continue;
        }
        let &(top, top_alt) = stack.last().expect("the stack keeps its base");
        let consistent = if col == top {
            alt == top_alt
        } else if col > top {
            let ok = alt > top_alt;
            stack.push((col, alt));
            ok
        } else {
            while stack.len() > 1 && col < stack.last().expect("non-empty").0 {
                stack.pop();
            }
            let &(top, top_alt) = stack.last().expect("the stack keeps its base");
            if col != top {
                // "unindent does not match any outer indentation level".
                return None;
            }
            alt == top_alt
        };
        if !consistent {
            return Some(CompileError {
                kind: ErrorKind::TabError,
                message: "inconsistent use of tabs and spaces in indentation".into(),
                range: TextRange::empty(TextSize::new(line_start as u32)),
            });
        }
    }
    None
}

/// Indentation measured with 8-column tabs and with 1-column tabs, and the
/// text after it.
fn measure(line: &str) -> (u32, u32, &str) {
    let (mut col, mut alt) = (0, 0);
    for (i, c) in line.char_indices() {
        match c {
            ' ' => {
                col += 1;
                alt += 1;
            }
            '\t' => {
                col = (col / TAB_SIZE + 1) * TAB_SIZE;
                alt += 1;
            }
            '\x0c' => {
                col = 0;
                alt = 0;
            }
            _ => return (col, alt, &line[i..]),
        }
    }
    (col, alt, "")
}

/// Byte offsets of the lines that begin a logical line: not inside
/// brackets or a triple-quoted string, and not after a backslash
/// continuation.
fn logical_line_starts(source: &str) -> Vec<usize> {
    let bytes = source.as_bytes();
    let mut starts = vec![0];
    let mut depth = 0usize;
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
            b'"' | b'\'' => i = skip_string(bytes, i),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' if depth == 0 => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts.retain(|&s| s < bytes.len());
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of_error(source: &str) -> Option<usize> {
        let error = check(source)?;
        Some(
            source[..error.range.start().to_usize()]
                .matches('\n')
                .count()
                + 1,
        )
    }

    #[test]
    fn tabs_and_spaces_that_only_agree_at_one_tab_width_are_refused() {
        // Eight spaces, then a tab: equal at width 8, not at width 1.
        assert_eq!(line_of_error("if x:\n        a\n\tb\n"), Some(3));
        assert_eq!(
            line_of_error("if x:\n\tif y:\n\t    a\n        b\n"),
            Some(4)
        );
        // Consistent tabs, consistent spaces, blank lines and comments,
        // and continuation lines inside brackets or strings are fine.
        assert_eq!(line_of_error("if x:\n\ta\n\tb\n"), None);
        assert_eq!(line_of_error("if x:\n    a\n\n  # c\n    b\n"), None);
        assert_eq!(line_of_error("x = (1,\n\t2)\ny = '''\n\t\n'''\n"), None);
        assert_eq!(line_of_error("x = 1 + \\\n\t2\n"), None);
        // A dedent to no known level is the parser's error, not this one.
        assert_eq!(line_of_error("if x:\n    a\n  b\n"), None);
    }
}
