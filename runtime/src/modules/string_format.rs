//! `_string`, the parser under CPython's `string.Formatter`:
//! `formatter_parser` splits a format string into (literal, field name,
//! format spec, conversion) tuples and `formatter_field_name_split` splits
//! a field name into its first part and its `.attr`/`[key]` steps, with
//! the parsing rules and messages of CPython's `unicode_format.h`. As in
//! CPython, an error is raised when iteration reaches it, after the parts
//! before it.
//!
//! It does not format anything (`str.format` is `format.rs`).

use super::module;
use crate::call::Args;
use crate::exceptions::{type_error, value_error, PyResult};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

static PARTS: PyType = PyType {
    name: "formatteriterator",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

/// The parts found, then the error that stopped parsing, if any.
struct Parts {
    items: std::vec::IntoIter<Value>,
    error: Option<String>,
}

impl crate::iter::NativeIterator for Parts {
    fn next(&mut self, _: &mut Interp) -> PyResult<Option<Value>> {
        if let Some(item) = self.items.next() {
            return Ok(Some(item));
        }
        match self.error.take() {
            Some(message) => Err(value_error(message)),
            None => Ok(None),
        }
    }
}

/// An iterator over `items` that raises `error` at its end.
fn parts(items: Vec<Value>, error: Option<String>) -> Value {
    crate::iter::native(
        &PARTS,
        Parts {
            items: items.into_iter(),
            error,
        },
    )
}

fn text(chars: &[char]) -> Value {
    Value::str(chars.iter().collect::<String>())
}

/// One field after its `{`: (name, spec, conversion), moving `pos` past
/// its `}`. CPython's `parse_field`.
fn parse_field(s: &[char], pos: &mut usize) -> Result<(Value, Value, Value), String> {
    let start = *pos;
    let mut c = '\0';
    while *pos < s.len() {
        c = s[*pos];
        *pos += 1;
        match c {
            '{' => return Err("unexpected '{' in field name".into()),
            '[' => {
                while *pos < s.len() && s[*pos] != ']' {
                    *pos += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let name = text(&s[start..pos.saturating_sub(1).max(start)]);
    let mut conversion = Value::None;
    if c == '!' || c == ':' {
        if c == '!' {
            let Some(&converted) = s.get(*pos) else {
                return Err("end of string while looking for conversion specifier".into());
            };
            *pos += 1;
            conversion = Value::str(converted.to_string());
            if let Some(&after) = s.get(*pos) {
                *pos += 1;
                if after == '}' {
                    return Ok((name, Value::str(""), conversion));
                }
                if after != ':' {
                    return Err("expected ':' after conversion specifier".into());
                }
            }
        }
        let spec_start = *pos;
        let mut depth = 1;
        while *pos < s.len() {
            let c = s[*pos];
            *pos += 1;
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok((name, text(&s[spec_start..*pos - 1]), conversion));
                    }
                }
                _ => {}
            }
        }
        return Err("unmatched '{' in format spec".into());
    }
    if c != '}' {
        return Err("expected '}' before end of string".into());
    }
    Ok((name, Value::str(""), conversion))
}

fn formatter_parser(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("formatter_parser", args, kw);
    call.finish()?;
    call.arity(1, 1)?;
    let Value::Str(format) = &args[0] else {
        return Err(type_error(format!(
            "expected str, got {}",
            args[0].type_name()
        )));
    };
    let s: Vec<char> = format.as_str().chars().collect();
    let mut items = Vec::new();
    let mut pos = 0;
    let error = loop {
        if pos >= s.len() {
            break None;
        }
        let start = pos;
        let mut c = '\0';
        let mut markup = false;
        while pos < s.len() {
            c = s[pos];
            pos += 1;
            if c == '{' || c == '}' {
                markup = true;
                break;
            }
        }
        let at_end = pos >= s.len();
        let mut len = pos - start;
        if c == '}' && (at_end || s[pos] != c) {
            break Some("Single '}' encountered in format string".to_string());
        }
        if at_end && c == '{' {
            break Some("Single '{' encountered in format string".to_string());
        }
        if !at_end {
            if s[pos] == c {
                pos += 1;
                markup = false;
            } else {
                len -= 1;
            }
        }
        let literal = text(&s[start..start + len]);
        if !markup {
            items.push(Value::tuple(vec![
                literal,
                Value::None,
                Value::None,
                Value::None,
            ]));
            continue;
        }
        match parse_field(&s, &mut pos) {
            Ok((name, spec, conversion)) => {
                items.push(Value::tuple(vec![literal, name, spec, conversion]));
            }
            Err(message) => break Some(message),
        }
    };
    Ok(parts(items, error))
}

/// A field-name part: an int when it is all digits, else the text.
fn key(chars: &[char]) -> Result<Value, String> {
    if chars.is_empty() || !chars.iter().all(|c| c.is_ascii_digit()) {
        return Ok(text(chars));
    }
    let digits: String = chars.iter().collect();
    digits
        .parse::<i64>()
        .map(Value::Int)
        .map_err(|_| "Too many decimal digits in format string".to_string())
}

fn formatter_field_name_split(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("formatter_field_name_split", args, kw);
    call.finish()?;
    call.arity(1, 1)?;
    let Value::Str(name) = &args[0] else {
        return Err(type_error(format!(
            "expected str, got {}",
            args[0].type_name()
        )));
    };
    let s: Vec<char> = name.as_str().chars().collect();
    let first_end = s
        .iter()
        .position(|c| *c == '.' || *c == '[')
        .unwrap_or(s.len());
    let first = key(&s[..first_end]).map_err(value_error)?;
    let mut steps = Vec::new();
    let mut pos = first_end;
    let error = loop {
        let Some(&c) = s.get(pos) else { break None };
        pos += 1;
        match c {
            '.' => {
                let start = pos;
                while pos < s.len() && s[pos] != '.' && s[pos] != '[' {
                    pos += 1;
                }
                if pos == start {
                    break Some("Empty attribute in format string".to_string());
                }
                steps.push(Value::tuple(vec![Value::Bool(true), text(&s[start..pos])]));
            }
            '[' => {
                let start = pos;
                while pos < s.len() && s[pos] != ']' {
                    pos += 1;
                }
                if pos >= s.len() {
                    break Some("Missing ']' in format string".to_string());
                }
                let item = &s[start..pos];
                pos += 1;
                if item.is_empty() {
                    break Some("Empty attribute in format string".to_string());
                }
                match key(item) {
                    Ok(k) => steps.push(Value::tuple(vec![Value::Bool(false), k])),
                    Err(message) => break Some(message),
                }
                if pos < s.len() && s[pos] != '.' && s[pos] != '[' {
                    break Some(
                        "Only '.' or '[' may follow ']' in format field specifier".to_string(),
                    );
                }
            }
            _ => {
                break Some("Only '.' or '[' may follow ']' in format field specifier".to_string())
            }
        }
    };
    let rest = parts(steps, error);
    Ok(Value::tuple(vec![first, rest]))
}

builtin_table!(FUNCTIONS {
    "formatter_parser" => formatter_parser,
    "formatter_field_name_split" => formatter_field_name_split,
});

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    module("_string", &functions, Vec::new())
}
