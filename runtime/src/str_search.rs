//! `str.find`, `rfind`, `index`, `rindex` and `count` with their optional
//! `start` and `end` arguments, read like slice bounds (negative counts
//! from the end, `None` is absent, out-of-range is clamped), answering
//! positions in characters of the whole string, as CPython does.
//!
//! The other `str` methods are `methods.rs` and `strings.rs`.

use crate::call::no_keywords;
use crate::exceptions::{type_error, value_error, PyResult};
use crate::value::{PyStr, Value};
use std::rc::Rc;

/// Which search a method makes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Search {
    Find,
    RFind,
    Index,
    RIndex,
    Count,
}

impl Search {
    fn name(self) -> &'static str {
        match self {
            Search::Find => "find",
            Search::RFind => "rfind",
            Search::Index => "index",
            Search::RIndex => "rindex",
            Search::Count => "count",
        }
    }
}

/// A `start` or `end` argument: an index, or `None` for absent.
fn bound(value: Option<&Value>) -> PyResult<Option<i64>> {
    match value {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(Value::Bool(b)) => Ok(Some(*b as i64)),
        Some(Value::BigInt(b)) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        })),
        Some(_) => Err(type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// The byte offset of character `index` of `text` (its length past the end).
fn byte_at(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// `text.<search>(sub[, start[, end]])` with `args` = receiver, sub, ...
pub fn search(args: &[Value], kwnames: &[Rc<PyStr>], how: Search) -> PyResult<Value> {
    let name = how.name();
    no_keywords(name, kwnames)?;
    let given = args.len().saturating_sub(1);
    if given == 0 {
        return Err(type_error(format!(
            "{name}() takes at least 1 argument (0 given)"
        )));
    }
    if given > 3 {
        return Err(type_error(format!(
            "{name}() takes at most 3 arguments ({given} given)"
        )));
    }
    let Value::Str(text) = &args[0] else {
        return Err(type_error(format!(
            "descriptor '{name}' requires a 'str' object but received a '{}'",
            args[0].type_name()
        )));
    };
    let needle = match &args[1] {
        Value::Str(s) => s.as_str(),
        other => {
            return Err(type_error(format!(
                "must be str, not {}",
                other.type_name()
            )))
        }
    };
    let text = text.as_str();
    let length = text.chars().count() as i64;
    let clamp = |i: i64| {
        if i < 0 {
            (i + length).max(0)
        } else {
            i.min(length)
        }
    };
    let start = bound(args.get(2))?.map_or(0, clamp);
    let end = bound(args.get(3))?.map_or(length, clamp);
    let raw_start = bound(args.get(2))?.unwrap_or(0);
    // A start past the end finds nothing, not even the empty string.
    let empty_range = end < start || (raw_start > length);
    let found = if empty_range {
        None
    } else {
        let (from, to) = (byte_at(text, start as usize), byte_at(text, end as usize));
        let window = &text[from..to];
        match how {
            Search::Count => {
                let count = if needle.is_empty() {
                    end - start + 1
                } else {
                    window.matches(needle).count() as i64
                };
                return Ok(Value::Int(count));
            }
            Search::Find | Search::Index => window.find(needle),
            Search::RFind | Search::RIndex => window.rfind(needle),
        }
        .map(|byte| start + window[..byte].chars().count() as i64)
    };
    match (found, how) {
        (Some(position), _) => Ok(Value::Int(position)),
        (None, Search::Count) => Ok(Value::Int(0)),
        (None, Search::Find | Search::RFind) => Ok(Value::Int(-1)),
        (None, _) => Err(value_error("substring not found")),
    }
}
