//! Messages for operands in the wrong place: invalid assignment, delete,
//! augmented-assignment, walrus and annotation targets, `=` written where
//! `==` was meant (in a header, a display or a call), and two operands with
//! no comma between them. Each names the expression as CPython does,
//! re-reading only its text.

use super::{first_word, point, text};
use crate::brackets;
use crate::error::{expression_name, CompileError, LineIndex};
use ruff_python_parser::ParseErrorType;
use ruff_text_size::{TextRange, TextSize};

/// The messages of the parser's invalid-target errors, or `None` for
/// other errors.
pub(super) fn invalid_target(
    kind: &ParseErrorType,
    source: &str,
    range: TextRange,
) -> Option<CompileError> {
    let name = || name_of(text(source, range));
    let message = match kind {
        ParseErrorType::InvalidAssignmentTarget => match name()? {
            "yield expression" => "assignment to yield expression not possible".to_string(),
            name if maybe_comparison(name, source, range) => {
                format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
            }
            name => format!("cannot assign to {name}"),
        },
        ParseErrorType::InvalidDeleteTarget => format!("cannot delete {}", name()?),
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            format!(
                "'{}' is an illegal expression for augmented assignment",
                name()?
            )
        }
        ParseErrorType::InvalidNamedAssignmentTarget => {
            format!("cannot use assignment expressions with {}", name()?)
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => match name()? {
            "tuple" => "only single target (not tuple) can be annotated".to_string(),
            "list" => "only single target (not list) can be annotated".to_string(),
            _ => "illegal target for annotation".to_string(),
        },
        _ => return None,
    };
    Some(CompileError::syntax(message, range))
}

/// CPython's name for the expression written as `text`.
pub(super) fn name_of(text: &str) -> Option<&'static str> {
    if text.starts_with('*') {
        return Some("starred");
    }
    let parsed = ruff_python_parser::parse_expression(&format!("({text})")).ok()?;
    Some(expression_name(parsed.expr()))
}

/// CPython adds "Maybe you meant '==' instead of '='?" when the target is
/// an operand-level expression (not a list, tuple, generator expression,
/// `True`, `False` or `None`) directly followed by `=` and a value that no
/// further `=` follows, as in `if x = 1`-like slips.
fn maybe_comparison(name: &str, source: &str, range: TextRange) -> bool {
    if matches!(
        name,
        "list"
            | "tuple"
            | "generator expression"
            | "True"
            | "False"
            | "None"
            | "comparison"
            | "conditional expression"
            | "lambda"
            | "starred"
    ) {
        return false;
    }
    let target = text(source, range);
    if target.trim_start().starts_with("not ") {
        return false;
    }
    let rest = &source[range.end().to_usize()..];
    let rest = rest.trim_start_matches([' ', '\t']);
    let Some(value) = rest.strip_prefix('=') else {
        return false;
    };
    if value.starts_with('=') {
        return false;
    }
    !has_assignment(value)
}

/// Whether the rest of the logical line has a top-level `=`.
fn has_assignment(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'#' if depth == 0 => return false,
            b'"' | b'\'' => i = brackets::skip_string(bytes, i),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'=' if depth == 0 => {
                let previous = if i > 0 { bytes[i - 1] } else { b' ' };
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                if next != b'=' && !matches!(previous, b'=' | b'<' | b'>' | b'!' | b':') {
                    return true;
                }
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// `f(a b)`: two operands side by side inside brackets, on one line.
pub(super) fn missing_comma(
    source: &str,
    range: TextRange,
    index: &LineIndex,
) -> Option<CompileError> {
    let start = range.start().to_usize();
    let found = &source[start..];
    if !found.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"' || c == '\'') {
        return None;
    }
    let word = found
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    if STATEMENT_KEYWORDS.contains(&word) {
        return None;
    }
    let before = source[..start].trim_end_matches([' ', '\t']);
    if before.ends_with([',', '(', '[', '{', '\n']) {
        return None;
    }
    // `1abc`: a number running into a name.
    if before.len() == start && before.ends_with(|c: char| c.is_ascii_digit()) {
        let number = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
        if number.len() < before.len()
            && before[number.len()..].starts_with(|c: char| c.is_ascii_digit())
        {
            return Some(CompileError::syntax(
                "invalid decimal literal",
                point(start),
            ));
        }
    }
    let (line, _) = index.line_col_bytes(range.start());
    let (previous_line, _) = index.line_col_bytes(TextSize::new(before.len() as u32));
    if line != previous_line || !inside_brackets(&source[..start]) {
        return None;
    }
    let operand = operand_start(before);
    // A name then a string is no missing comma to CPython (`print "x"`).
    let name_then_string = found.starts_with(['"', '\''])
        && before[operand..].starts_with(|c: char| c.is_alphabetic() || c == '_');
    if name_then_string {
        return None;
    }
    let end = start
        + found
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(found.len());
    Some(CompileError::syntax(
        "invalid syntax. Perhaps you forgot a comma?",
        TextRange::new(TextSize::new(operand as u32), TextSize::new(end as u32)),
    ))
}

/// Where the operand that ends `before` starts: a name, number or
/// attribute chain with its calls and subscripts (`type(x).y[0]`).
pub(super) fn operand_start(before: &str) -> usize {
    let bytes = before.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        match bytes[i - 1] {
            b')' | b']' | b'}' => {
                let mut depth = 0usize;
                while i > 0 {
                    i -= 1;
                    match bytes[i] {
                        b')' | b']' | b'}' => depth += 1,
                        b'(' | b'[' | b'{' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c >= 0x80 => i -= 1,
            _ => break,
        }
    }
    i
}

/// Keywords that cannot begin an operand.
const STATEMENT_KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "nonlocal", "or",
    "pass", "raise", "return", "try", "while", "with", "yield",
];

/// `[1, x=2]`, `{P=(1, 1)}`: an `=` after an operand inside brackets. A
/// name gets CPython's hint at `==` or `:=`, anything else is an invalid
/// assignment target.
pub(super) fn assignment_in_display(source: &str, range: TextRange) -> Option<CompileError> {
    let equals = range.start().to_usize();
    if source[equals..].starts_with("==") {
        return None;
    }
    let before = source[..equals].trim_end_matches([' ', '\t']);
    let operand = operand_start(before);
    let target = &before[operand..];
    if target.is_empty() {
        return None;
    }
    let name = name_of(target)?;
    let target_range = TextRange::new(
        TextSize::new(operand as u32),
        TextSize::new(before.len() as u32),
    );
    if name != "name" {
        return Some(CompileError::syntax(
            format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"),
            target_range,
        ));
    }
    Some(CompileError::syntax(
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        target_range,
    ))
}

fn inside_brackets(prefix: &str) -> bool {
    brackets::scan(prefix).unclosed.is_some()
}

/// `a, b += 1`: an augmented assignment to a tuple.
pub(super) fn tuple_augmented_assignment(
    source: &str,
    range: TextRange,
    line_text: &str,
    index: &LineIndex,
) -> Option<CompileError> {
    let found = text(source, range);
    let augmented = [
        "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "^=", "|=", "@=",
    ];
    if !augmented.contains(&found) {
        return None;
    }
    let (_, column) = index.line_col_bytes(range.start());
    let indent = line_text.len() - line_text.trim_start().len();
    let line_start = range.start().to_usize() - column as usize;
    let target_end = line_start + line_text[..column as usize].trim_end().len();
    Some(CompileError::syntax(
        "'tuple' is an illegal expression for augmented assignment",
        TextRange::new(
            TextSize::new((line_start + indent) as u32),
            TextSize::new(target_end as u32),
        ),
    ))
}

/// `if x = 1:`: a name gets CPython's hint at `==` or `:=`, anything else
/// is an invalid assignment target.
pub(super) fn assignment_in_header(
    source: &str,
    range: TextRange,
    line_text: &str,
    index: &LineIndex,
) -> Option<CompileError> {
    let equals = range.start().to_usize();
    let (_, column) = index.line_col_bytes(range.start());
    let line_start = equals - column as usize;
    let header = &line_text[..column as usize];
    let keyword = first_word(line_text);
    let target_start = line_start + header.find(keyword)? + keyword.len();
    let target_start =
        target_start + (source[target_start..].len() - source[target_start..].trim_start().len());
    let target = source[target_start..equals].trim_end();
    if target.is_empty() {
        return None;
    }
    let target_range = TextRange::new(
        TextSize::new(target_start as u32),
        TextSize::new((target_start + target.len()) as u32),
    );
    let name = name_of(target)?;
    if name != "name" {
        return Some(CompileError::syntax(
            format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"),
            target_range,
        ));
    }
    let value_end = line_start + line_text.trim_end().strip_suffix(':')?.trim_end().len();
    Some(CompileError::syntax(
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        TextRange::new(target_range.start(), TextSize::new(value_end as u32)),
    ))
}
