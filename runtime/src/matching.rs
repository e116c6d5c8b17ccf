//! What the opcodes of `match` statements mean: which subjects sequence and
//! mapping patterns accept, looking keys up for `MATCH_KEYS`, the `**rest`
//! dict, and class patterns (`isinstance`, `__match_args__`, attributes),
//! with CPython 3.11's errors.
//!
//! A class counts as a sequence or a mapping when it is one of the builtin
//! ones, extends one, or inherits `collections.abc.Sequence` or `Mapping`;
//! `register()` with those ABCs is not seen.

use crate::exceptions::{type_error, value_error, PyResult};
use crate::types::{self, PyType};
use crate::value::{PyDict, Value};
use crate::{intern, Interp};
use std::rc::Rc;

/// Whether a class inherits the `collections.abc` class `name`.
fn inherits_abc(class: &'static PyType, name: &str) -> bool {
    class.mro().iter().any(|t| {
        t.name == name
            && t.class.as_ref().is_some_and(
                |c| matches!(&c.module, Value::Str(m) if m.as_str() == "collections.abc"),
            )
    })
}

/// `MATCH_SEQUENCE`: list, tuple, range, deque, array and their kind, not
/// str, bytes or bytearray.
pub fn is_sequence(value: &Value) -> bool {
    match value {
        Value::List(_) | Value::Tuple(_) | Value::Range(_) => true,
        Value::Native(n) => matches!(n.0.type_of().name, "deque" | "array" | "range"),
        Value::Instance(i) => {
            matches!(i.base, Value::List(_))
                || crate::modules::collections::is_namedtuple(i.class)
                || inherits_abc(i.class, "Sequence")
        }
        _ => false,
    }
}

/// `MATCH_MAPPING`: dicts (of every flavour) and their kind.
pub fn is_mapping(value: &Value) -> bool {
    match value {
        Value::Dict(_) => true,
        Value::Instance(i) => matches!(i.base, Value::Dict(_)) || inherits_abc(i.class, "Mapping"),
        _ => false,
    }
}

/// The dict a mapping subject is, when it is one (or extends one).
fn as_dict(subject: &Value) -> Option<&Rc<PyDict>> {
    match crate::subclass::part(subject).unwrap_or(subject) {
        Value::Dict(d) => Some(d),
        _ => None,
    }
}

/// `GET_LEN`: `len(value)`.
pub fn length(interp: &mut Interp, value: &Value) -> PyResult<Value> {
    (crate::builtins::LEN.func)(interp, std::slice::from_ref(value), &[])
}

/// `MATCH_KEYS`: the values of `keys` in `subject` as a tuple, or `None`
/// when one is missing (looked up as `get` does: a `defaultdict` makes
/// nothing, a `Counter` answers no 0).
pub fn keys(interp: &mut Interp, subject: &Value, keys: &Value) -> PyResult<Value> {
    let Value::Tuple(keys) = keys else {
        return Err(type_error("MATCH_KEYS needs a tuple of keys"));
    };
    let mut seen: Vec<Value> = Vec::with_capacity(keys.items.len());
    let mut values = Vec::with_capacity(keys.items.len());
    for key in keys.items.iter() {
        for earlier in &seen {
            if crate::compare::equal(interp, earlier, key)? {
                return Err(value_error(format!(
                    "mapping pattern checks duplicate key ({})",
                    crate::repr::repr(interp, key)?
                )));
            }
        }
        seen.push(key.clone());
        let found = match as_dict(subject) {
            Some(dict) => {
                let dict_key = crate::hash::dict_key(interp, dict, key.clone())?;
                dict.map().get(&dict_key).cloned()
            }
            None => {
                let get = crate::attributes::get_attr(interp, subject, &intern("get"))?;
                let missing = crate::classes::new_object();
                let value = crate::call::call(interp, &get, &[key.clone(), missing.clone()], &[])?;
                (!value.is(&missing)).then_some(value)
            }
        };
        match found {
            Some(value) => values.push(value),
            None => return Ok(Value::None),
        }
    }
    Ok(Value::tuple(values))
}

/// `COPY_DICT_WITHOUT_KEYS`: a new dict of the subject's items but `keys`.
pub fn without_keys(interp: &mut Interp, subject: &Value, keys: &Value) -> PyResult<Value> {
    let copy = match as_dict(subject) {
        Some(dict) => Rc::new(PyDict::from_map(dict.map().clone())),
        None => match crate::construct::call_type(
            interp,
            &types::DICT,
            std::slice::from_ref(subject),
            &[],
        )? {
            Value::Dict(d) => d,
            _ => Rc::new(PyDict::new()),
        },
    };
    if let Value::Tuple(keys) = keys {
        for key in keys.items.iter() {
            let dict_key = crate::hash::dict_key(interp, &copy, key.clone())?;
            copy.map_mut().shift_remove(&dict_key);
        }
    }
    Ok(Value::Dict(copy))
}

/// The builtin types whose one positional sub-pattern matches the whole
/// subject (CPython's `MATCH_SELF` types).
fn matches_self(class: &'static PyType) -> bool {
    use types::TypeKind as K;
    !class.is_user_class()
        && matches!(
            class.kind,
            K::Bool
                | K::Bytes
                | K::Dict
                | K::Float
                | K::FrozenSet
                | K::Int
                | K::List
                | K::Set
                | K::Str
                | K::Tuple
        )
}

/// `MATCH_CLASS`: the `positional` attributes named by `__match_args__`
/// then the `keywords` of a subject that is an instance of `class`, as a
/// tuple; `None` when it is not one or lacks an attribute.
pub fn class(
    interp: &mut Interp,
    subject: &Value,
    class: &Value,
    keywords: &Value,
    positional: usize,
) -> PyResult<Value> {
    let Value::Type(t) = class else {
        return Err(type_error("called match pattern must be a type"));
    };
    let is_instance =
        (crate::builtins::ISINSTANCE.func)(interp, &[subject.clone(), class.clone()], &[])?;
    if !is_instance.truthy() {
        return Ok(Value::None);
    }
    let mut names: Vec<Value> = Vec::new();
    let mut values = Vec::new();
    if positional > 0 {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        match crate::attributes::get_attr(interp, class, &intern("__match_args__")) {
            Ok(Value::Tuple(args)) => {
                if positional > args.items.len() {
                    return Err(type_error(format!(
                        "{}() accepts {} positional sub-pattern{} ({positional} given)",
                        t.name,
                        args.items.len(),
                        plural(args.items.len())
                    )));
                }
                for name in args.items.iter().take(positional) {
                    if !matches!(name, Value::Str(_)) {
                        return Err(type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            name.type_name()
                        )));
                    }
                    names.push(name.clone());
                }
            }
            Ok(other) => {
                return Err(type_error(format!(
                    "{}.__match_args__ must be a tuple (got {})",
                    t.name,
                    other.type_name()
                )))
            }
            Err(e) if e.is(&types::ATTRIBUTE_ERROR) => {
                if !matches_self(t) {
                    return Err(type_error(format!(
                        "{}() accepts 0 positional sub-patterns ({positional} given)",
                        t.name
                    )));
                }
                if positional > 1 {
                    return Err(type_error(format!(
                        "{}() accepts 1 positional sub-pattern ({positional} given)",
                        t.name
                    )));
                }
                values.push(subject.clone());
            }
            Err(e) => return Err(e),
        }
    }
    if let Value::Tuple(keywords) = keywords {
        names.extend(keywords.items.iter().cloned());
    }
    for (i, name) in names.iter().enumerate() {
        for earlier in &names[..i] {
            if earlier.as_str() == name.as_str() {
                return Err(type_error(format!(
                    "{}() got multiple sub-patterns for attribute {}",
                    t.name,
                    crate::repr::repr(interp, name)?
                )));
            }
        }
        let attribute = intern(name.as_str().unwrap_or_default());
        match crate::attributes::get_attr(interp, subject, &attribute) {
            Ok(value) => values.push(value),
            Err(e) if e.is(&types::ATTRIBUTE_ERROR) => return Ok(Value::None),
            Err(e) => return Err(e),
        }
    }
    Ok(Value::tuple(values))
}

// ----- in place, for the opcode bodies ------------------------------------
//
// Each writes its result into a stack slot and answers only the error, so
// the threaded VM's handlers keep no temporary (see ARCHITECTURE.md).

/// `GET_LEN`: `len(value)` into `out`.
#[inline(never)]
pub fn length_into(interp: &mut Interp, value: &Value, out: &mut Value) -> PyResult<()> {
    *out = length(interp, value)?;
    Ok(())
}

/// `MATCH_KEYS`: the values (or `None`) into `out`.
#[inline(never)]
pub fn keys_into(
    interp: &mut Interp,
    subject: &Value,
    names: &Value,
    out: &mut Value,
) -> PyResult<()> {
    *out = keys(interp, subject, names)?;
    Ok(())
}

/// `COPY_DICT_WITHOUT_KEYS`: the rest dict in place of the keys.
#[inline(never)]
pub fn without_keys_in_place(
    interp: &mut Interp,
    subject: &Value,
    keys: &mut Value,
) -> PyResult<()> {
    let rest = without_keys(interp, subject, keys)?;
    *keys = rest;
    Ok(())
}

/// `MATCH_CLASS`: the attributes (or `None`) in place of the subject.
#[inline(never)]
pub fn class_in_place(
    interp: &mut Interp,
    subject: &mut Value,
    class_value: &Value,
    keywords: &Value,
    positional: u32,
) -> PyResult<()> {
    let result = class(interp, subject, class_value, keywords, positional as usize)?;
    *subject = result;
    Ok(())
}
