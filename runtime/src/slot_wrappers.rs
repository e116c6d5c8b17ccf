//! The special methods of builtin containers as attributes
//! (`frozenset(xs).__contains__`, `d.__getitem__`, `s.__len__`, ...), as
//! CPython's slot wrappers expose them: each calls the operation the
//! matching syntax runs (`in`, `[]`, `len()`, `iter()`), so it means
//! exactly what the syntax does.
//!
//! It covers only the container protocol of builtin containers and
//! iterators and `int.__index__`; the
//! special methods of user classes are found on the class (`special.rs`),
//! and those of numbers (`int.__add__`) are not offered.

use crate::call::Args;
use crate::exceptions::PyResult;
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// The wrapper for `name` on `value`, unbound (its first argument is the
/// receiver), if `value` is a builtin container that has it.
pub fn slot(value: &Value, name: &str) -> Option<&'static Builtin> {
    if matches!(value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) {
        return (name == "__index__").then_some(&INDEX);
    }
    if matches!(value, Value::Iterator(_)) {
        return match name {
            "__next__" => Some(&NEXT),
            "__iter__" => Some(&ITER),
            _ => None,
        };
    }
    let container = matches!(
        value,
        Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Bytes(_)
            | Value::Range(_)
            | Value::DictView(_)
    );
    if !container {
        return None;
    }
    Some(match name {
        "__contains__" => &CONTAINS,
        "__getitem__" => &GETITEM,
        "__len__" => &LEN,
        "__iter__" => &ITER,
        _ => return None,
    })
}

static INDEX: Builtin = Builtin {
    name: "__index__",
    func: index,
};
static NEXT: Builtin = Builtin {
    name: "__next__",
    func: next,
};
static CONTAINS: Builtin = Builtin {
    name: "__contains__",
    func: contains,
};
static GETITEM: Builtin = Builtin {
    name: "__getitem__",
    func: get_item,
};
static LEN: Builtin = Builtin {
    name: "__len__",
    func: len,
};
static ITER: Builtin = Builtin {
    name: "__iter__",
    func: iter,
};

/// The receiver and the one argument of a one-argument wrapper.
fn receiver_and_one<'a>(
    name: &'static str,
    args: &'a [Value],
    kwnames: &'a [Rc<PyStr>],
) -> PyResult<(&'a Value, &'a Value)> {
    let args = Args::new(name, args, kwnames);
    args.finish()?;
    args.arity(2, 2).map_err(|_| {
        crate::exceptions::type_error(format!(
            "expected 1 argument, got {}",
            args.positional.len().saturating_sub(1)
        ))
    })?;
    Ok((&args.positional[0], &args.positional[1]))
}

/// The receiver of a wrapper that takes no arguments.
fn receiver_only<'a>(
    name: &'static str,
    args: &'a [Value],
    kwnames: &'a [Rc<PyStr>],
) -> PyResult<&'a Value> {
    let args = Args::new(name, args, kwnames);
    args.finish()?;
    args.arity(1, 1).map_err(|_| {
        crate::exceptions::type_error(format!(
            "expected 0 arguments, got {}",
            args.positional.len().saturating_sub(1)
        ))
    })?;
    Ok(&args.positional[0])
}

fn contains(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let (container, item) = receiver_and_one("__contains__", args, kwnames)?;
    crate::ops::contains(interp, container, item).map(Value::Bool)
}

fn get_item(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let (container, key) = receiver_and_one("__getitem__", args, kwnames)?;
    crate::subscript::get_item(interp, container, key)
}

fn len(_interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let container = receiver_only("__len__", args, kwnames)?;
    crate::builtins::length(container).map(|n| Value::Int(n as i64))
}

fn iter(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let container = receiver_only("__iter__", args, kwnames)?;
    crate::iter::get_iter(interp, container)
}

fn index(_interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(match receiver_only("__index__", args, kwnames)? {
        Value::Bool(b) => Value::Int(*b as i64),
        other => other.clone(),
    })
}

fn next(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let iterator = receiver_only("__next__", args, kwnames)?;
    match crate::iter::next(interp, iterator)? {
        Some(item) => Ok(item),
        None => Err(crate::exceptions::stop_iteration()),
    }
}
