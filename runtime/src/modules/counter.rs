//! The multiset arithmetic of `collections.Counter`: `+`, `-`, `|` and `&`
//! between two counters and their in-place forms, in the order and with
//! the rule CPython's `collections/__init__.py` follows (only positive
//! counts are kept; the left counter's keys come first).
//!
//! Unary `+c` and `-c`, and mixing a counter with a plain dict, are not
//! provided here (`Counter | dict` is a dict union, as in CPython).

use crate::exceptions::PyResult;
use crate::hash::{dict_key, DictKey};
use crate::value::{DictFlavor, PyDict, Value};
use crate::Interp;
use pvm_frontend::BinaryOperator as Op;
use std::rc::Rc;

/// Whether `dict` is a `Counter`.
pub fn is_counter(dict: &PyDict) -> bool {
    matches!(dict.flavor.as_deref(), Some(DictFlavor::Counter))
}

/// `a <op> b` (or `a <op>= b`) for two counters; `None` for operators
/// counters do not define.
pub fn binary(
    interp: &mut Interp,
    op: Op,
    inplace: bool,
    a: &Rc<PyDict>,
    b: &Rc<PyDict>,
) -> Option<PyResult<Value>> {
    if !matches!(op, Op::Add | Op::Subtract | Op::Or | Op::And) {
        return None;
    }
    Some(if inplace {
        update(interp, op, a, b).map(|()| Value::Dict(a.clone()))
    } else {
        combine(interp, op, a, b)
    })
}

/// `dict[key]`, or 0 when it is missing (a counter's missing count).
fn count_of(interp: &mut Interp, dict: &PyDict, key: &Value) -> PyResult<Value> {
    let key = dict_key(interp, dict, key.clone())?;
    Ok(dict.map().get(&key).cloned().unwrap_or(Value::Int(0)))
}

fn contains(interp: &mut Interp, dict: &PyDict, key: &Value) -> PyResult<bool> {
    let key = dict_key(interp, dict, key.clone())?;
    Ok(dict.map().contains_key(&key))
}

fn less(interp: &mut Interp, a: &Value, b: &Value) -> PyResult<bool> {
    crate::compare::less_than(interp, a, b)
}

fn arithmetic(interp: &mut Interp, op: Op, a: &Value, b: &Value) -> PyResult<Value> {
    crate::ops::binary_op(interp, op, false, a, b)
}

/// The count `op` gives for a key the left counter has.
fn merged(interp: &mut Interp, op: Op, mine: &Value, theirs: &Value) -> PyResult<Value> {
    Ok(match op {
        Op::Add | Op::Subtract => arithmetic(interp, op, mine, theirs)?,
        // `|` keeps the larger count, `&` the smaller.
        Op::Or if less(interp, mine, theirs)? => theirs.clone(),
        Op::And if !less(interp, mine, theirs)? => theirs.clone(),
        _ => mine.clone(),
    })
}

fn combine(interp: &mut Interp, op: Op, a: &PyDict, b: &PyDict) -> PyResult<Value> {
    let zero = Value::Int(0);
    let mut result = PyDict::new();
    result.flavor = Some(Box::new(DictFlavor::Counter));
    for (key, mine) in a.items() {
        let theirs = count_of(interp, b, &key)?;
        let count = merged(interp, op, &mine, &theirs)?;
        if less(interp, &zero, &count)? {
            result.map_mut().insert(DictKey(key), count);
        }
    }
    if op != Op::And {
        for (key, theirs) in b.items() {
            if contains(interp, a, &key)? {
                continue;
            }
            if op == Op::Subtract {
                if less(interp, &theirs, &zero)? {
                    let count = arithmetic(interp, Op::Subtract, &zero, &theirs)?;
                    result.map_mut().insert(DictKey(key), count);
                }
            } else if less(interp, &zero, &theirs)? {
                result.map_mut().insert(DictKey(key), theirs);
            }
        }
    }
    Ok(Value::Dict(Rc::new(result)))
}

fn store(interp: &mut Interp, dict: &PyDict, key: Value, count: Value) -> PyResult<()> {
    let key = dict_key(interp, dict, key)?;
    dict.map_mut().insert(key, count);
    Ok(())
}

fn update(interp: &mut Interp, op: Op, a: &PyDict, b: &PyDict) -> PyResult<()> {
    match op {
        Op::And => {
            for (key, mine) in a.items() {
                let theirs = count_of(interp, b, &key)?;
                if less(interp, &theirs, &mine)? {
                    store(interp, a, key, theirs)?;
                }
            }
        }
        _ => {
            for (key, theirs) in b.items() {
                let mine = count_of(interp, a, &key)?;
                if op == Op::Or {
                    if less(interp, &mine, &theirs)? {
                        store(interp, a, key, theirs)?;
                    }
                } else {
                    let count = arithmetic(interp, op, &mine, &theirs)?;
                    store(interp, a, key, count)?;
                }
            }
        }
    }
    keep_positive(interp, a)
}

/// CPython's `Counter._keep_positive`: drops the keys whose count is not
/// above zero.
fn keep_positive(interp: &mut Interp, dict: &PyDict) -> PyResult<()> {
    let zero = Value::Int(0);
    for (key, count) in dict.items() {
        if !less(interp, &zero, &count)? {
            let key = dict_key(interp, dict, key)?;
            dict.map_mut().shift_remove(&key);
        }
    }
    Ok(())
}
