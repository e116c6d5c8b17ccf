//! What a pattern runs over: a `str` (positions in characters, mapped to
//! byte offsets when the text is not ASCII) or `bytes`.

use super::Pattern;
use crate::bytes::PyBytes;
use crate::exceptions::{type_error, PyResult};
use crate::value::{PyStr, Value};
use std::rc::Rc;

#[derive(Clone)]
pub enum Subject {
    /// Text, with each character's byte offset (and the length last) when
    /// it is not ASCII.
    Str(Rc<PyStr>, Option<Rc<[usize]>>),
    Bytes(Rc<PyBytes>),
}

impl Subject {
    /// The subject `value`, if the pattern can run over it.
    pub fn of(pattern: &Pattern, value: &Value) -> PyResult<Subject> {
        let subject = match value {
            Value::Str(text) => {
                let offsets = (!text.is_ascii()).then(|| {
                    let s = text.as_str();
                    s.char_indices()
                        .map(|(b, _)| b)
                        .chain(std::iter::once(s.len()))
                        .collect::<Rc<[usize]>>()
                });
                Subject::Str(text.clone(), offsets)
            }
            Value::Bytes(bytes) => Subject::Bytes(bytes.clone()),
            other => {
                return Err(type_error(format!(
                    "expected string or bytes-like object, got '{}'",
                    other.type_name()
                )))
            }
        };
        match (&pattern.source, &subject) {
            (Value::Str(_), Subject::Bytes(_)) => Err(type_error(
                "cannot use a string pattern on a bytes-like object",
            )),
            (Value::Bytes(_), Subject::Str(..)) => Err(type_error(
                "cannot use a bytes pattern on a string-like object",
            )),
            _ => Ok(subject),
        }
    }

    /// Its length in characters (or bytes).
    pub fn len(&self) -> usize {
        match self {
            Subject::Str(text, None) => text.as_str().len(),
            Subject::Str(_, Some(offsets)) => offsets.len() - 1,
            Subject::Bytes(bytes) => bytes.data.len(),
        }
    }

    /// The subject itself.
    pub fn value(&self) -> Value {
        match self {
            Subject::Str(text, _) => Value::Str(text.clone()),
            Subject::Bytes(bytes) => Value::Bytes(bytes.clone()),
        }
    }

    /// `subject[start:end]`.
    pub fn slice(&self, start: usize, end: usize) -> Value {
        let end = end.max(start);
        match self {
            Subject::Str(text, None) => Value::str(&text.as_str()[start..end]),
            Subject::Str(text, Some(offsets)) => {
                Value::str(&text.as_str()[offsets[start]..offsets[end]])
            }
            Subject::Bytes(bytes) => crate::bytes::new(&bytes.data[start..end]),
        }
    }

    /// The empty string of the subject's kind.
    pub fn empty(&self) -> Value {
        match self {
            Subject::Str(..) => Value::str(""),
            Subject::Bytes(_) => crate::bytes::new(Vec::new()),
        }
    }

    /// `pieces` joined into one value of the subject's kind.
    pub fn join(&self, pieces: &[Value]) -> PyResult<Value> {
        match self {
            Subject::Str(..) => {
                let mut out = String::new();
                for (i, piece) in pieces.iter().enumerate() {
                    match piece {
                        Value::Str(s) => out.push_str(s.as_str()),
                        other => {
                            return Err(type_error(format!(
                                "sequence item {i}: expected str instance, {} found",
                                other.type_name()
                            )))
                        }
                    }
                }
                Ok(Value::str(out))
            }
            Subject::Bytes(_) => {
                let mut out = Vec::new();
                for (i, piece) in pieces.iter().enumerate() {
                    match piece {
                        Value::Bytes(b) => out.extend_from_slice(&b.data),
                        other => {
                            return Err(type_error(format!(
                                "sequence item {i}: expected a bytes-like object, {} found",
                                other.type_name()
                            )))
                        }
                    }
                }
                Ok(crate::bytes::new(out))
            }
        }
    }
}
