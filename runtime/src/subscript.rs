//! Subscription: `x[i]`, `x[a:b:c]`, `x[k] = v` and `del x[k]` for the
//! builtin sequences and dicts, with CPython's index-normalisation rules and
//! error messages.

use crate::exceptions::{index_error, key_error, type_error, value_error, PyResult};
use crate::value::{PyRange, PySlice, Value};
use crate::Interp;
use std::rc::Rc;

/// An index operand as an `i64` (bools count as ints).
fn index_of(key: &Value, what: &str) -> PyResult<i64> {
    match key {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(index_error("cannot fit 'int' into an index-sized integer")),
        // An int subclass's instance indexes by its int.
        Value::Instance(_) if matches!(crate::subclass::part(key), Some(Value::Int(_))) => {
            index_of(crate::subclass::part(key).unwrap_or(&Value::None), what)
        }
        other => Err(type_error(format!(
            "{what} indices must be integers or slices, not {}",
            other.type_name()
        ))),
    }
}

/// Resolves a possibly negative index against `len`.
#[inline(always)]
fn normalize(index: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let i = if index < 0 { index + len } else { index };
    (0..len).contains(&i).then_some(i as usize)
}

/// The list slot `key` names, for `x[i] = v` and `del x[i]`.
fn assignment_slot(key: &Value, len: usize) -> PyResult<usize> {
    normalize(index_of(key, "list")?, len)
        .ok_or_else(|| index_error("list assignment index out of range"))
}

/// CPython's `PySlice_AdjustIndices`: (start, stop, step, count) for `len`.
pub fn slice_indices(slice: &PySlice, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let bound = |v: &Value| -> PyResult<Option<i64>> {
        match v {
            Value::None => Ok(None),
            Value::Int(i) => Ok(Some(*i)),
            Value::Bool(b) => Ok(Some(*b as i64)),
            Value::BigInt(b) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            })),
            _ => Err(type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let step = bound(&slice.step)?.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(v) if v < 0 => {
                let v = v.saturating_add(len);
                if v < 0 {
                    if step < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    v
                }
            }
            Some(v) if v >= len => {
                if step < 0 {
                    len - 1
                } else {
                    len
                }
            }
            Some(v) => v,
        }
    };
    let (start, stop) = if step > 0 {
        (
            clamp(bound(&slice.start)?, 0),
            clamp(bound(&slice.stop)?, len),
        )
    } else {
        (
            clamp(bound(&slice.start)?, len - 1),
            clamp(bound(&slice.stop)?, -1),
        )
    };
    let count = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, stop, step, count as usize))
}

fn pick<T: Clone>(items: &[T], slice: &PySlice) -> PyResult<Vec<T>> {
    let (start, _, step, count) = slice_indices(slice, items.len())?;
    Ok((0..count)
        .map(|k| items[(start + k as i64 * step) as usize].clone())
        .collect())
}

/// The common case of `container[index]` (CPython's BINARY_SUBSCR_LIST_INT
/// and BINARY_SUBSCR_TUPLE_INT): an int index inside a list or tuple.
/// `None` for anything else, which `get_item` handles (compiled code calls
/// this first, with the container still in registers).
#[inline]
pub fn get_int(container: &Value, index: i64) -> Option<Value> {
    match container {
        Value::List(l) => {
            let items = l.items.try_borrow().ok()?;
            normalize(index, items.len()).map(|i| items[i].clone())
        }
        Value::Tuple(t) => normalize(index, t.items.len()).map(|i| t.items[i].clone()),
        _ => None,
    }
}

/// The common case of `container[index] = value` (CPython's
/// STORE_SUBSCR_LIST_INT): an int index inside a list. Anything else
/// gives the value back, for `set_item`.
#[inline]
pub fn set_int(container: &Value, index: i64, value: Value) -> Result<(), Value> {
    let Value::List(l) = container else {
        return Err(value);
    };
    let Ok(mut items) = l.items.try_borrow_mut() else {
        return Err(value);
    };
    let Some(i) = normalize(index, items.len()) else {
        return Err(value);
    };
    let previous = std::mem::replace(&mut items[i], value);
    // Let go of the old item once the list is no longer borrowed.
    drop(items);
    previous.discard();
    Ok(())
}

/// `BINARY_SUBSCR` in place: replaces the container in `slot` with
/// `container[key]`. Returning only the error keeps the threaded VM's
/// handler free of a result temporary, so it can still tail-call the next
/// handler (see `load_attr_in_place`).
#[inline(never)]
pub fn get_item_in_place(interp: &mut Interp, slot: &mut Value, key: &Value) -> PyResult<()> {
    let result = get_item(interp, slot, key)?;
    std::mem::replace(slot, result).discard();
    Ok(())
}

/// `container[key]`.
pub fn get_item(interp: &mut Interp, container: &Value, key: &Value) -> PyResult<Value> {
    if let Value::Int(index) = key {
        if let Some(value) = get_int(container, *index) {
            return Ok(value);
        }
    }
    match (container, key) {
        // A class whose metaclass has no `__getitem__` is subscripted
        // through `__class_getitem__`, below.
        (Value::Type(t), _)
            if crate::attributes::user_lookup(t.metaclass(), "__getitem__").is_none() =>
        {
            get_item_plain(interp, container, key)
        }
        _ if crate::special::is_user(container) => crate::special::get_item(interp, container, key),
        _ => get_item_plain(interp, container, key),
    }
}

/// `container[key]` for a container whose class defines no `__getitem__`
/// in Python.
fn get_item_plain(interp: &mut Interp, container: &Value, key: &Value) -> PyResult<Value> {
    match (container, key) {
        // An `int` subclass as an index or a `str` subclass as a key.
        (_, Value::Instance(_)) if crate::subclass::index_value(container, key).is_some() => {
            get_item(interp, container, crate::subclass::value_of(key))
        }
        (Value::Native(n), _) if n.0.get_item(interp, key).is_some() => {
            n.0.get_item(interp, key).unwrap_or(Ok(Value::None))
        }
        (Value::List(l), Value::Slice(s)) => Ok(Value::list(pick(&l.items.borrow(), s)?)),
        (Value::List(l), _) => {
            let items = l.items.borrow();
            let i = index_of(key, "list")?;
            normalize(i, items.len())
                .map(|i| items[i].clone())
                .ok_or_else(|| index_error("list index out of range"))
        }
        (Value::Tuple(t), Value::Slice(s)) => Ok(Value::tuple(pick(&t.items, s)?)),
        (Value::Tuple(t), _) => {
            let i = index_of(key, "tuple")?;
            normalize(i, t.items.len())
                .map(|i| t.items[i].clone())
                .ok_or_else(|| index_error("tuple index out of range"))
        }
        (Value::Bytes(b), Value::Slice(slice)) => Ok(crate::bytes::new(pick(&b.data, slice)?)),
        (Value::Bytes(b), _) => crate::bytes::index(&b.data, index_of(key, "byte")?),
        (Value::Str(s), Value::Slice(slice)) => {
            let chars: Vec<char> = s.as_str().chars().collect();
            Ok(Value::str(
                pick(&chars, slice)?.into_iter().collect::<String>(),
            ))
        }
        (Value::Str(s), _) => {
            let i = match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => index_of(key, "string")?,
                other => {
                    return Err(type_error(format!(
                        "string indices must be integers, not '{}'",
                        other.type_name()
                    )))
                }
            };
            normalize(i, s.char_len())
                .and_then(|i| s.char_at(i))
                .map(|c| Value::str(c.to_string()))
                .ok_or_else(|| index_error("string index out of range"))
        }
        (Value::Dict(d), _) => {
            let lookup = crate::hash::dict_key(interp, d, key.clone())?;
            let found = d.map().get(&lookup).cloned();
            match found {
                Some(value) => Ok(value),
                None => match crate::modules::collections::missing(interp, d, key) {
                    Some(result) => result,
                    None => Err(key_error(key.clone())),
                },
            }
        }
        (Value::Range(r), Value::Slice(s)) => {
            // CPython maps the clamped slice bounds through the range
            let (start, stop, step, _) = slice_indices(s, r.len() as usize)?;
            let item = |i: i64| r.step.checked_mul(i).and_then(|d| r.start.checked_add(d));
            match (item(start), item(stop), r.step.checked_mul(step)) {
                (Some(start), Some(stop), Some(step)) => {
                    Ok(Value::Range(Rc::new(PyRange { start, stop, step })))
                }
                // the slice's bounds or step overflow an i64
                _ => crate::big_range::slice(r, s),
            }
        }
        (Value::Range(_), Value::BigInt(_)) => Err(index_error("range object index out of range")),
        (Value::Range(r), _) => {
            let i = index_of(key, "range")?;
            normalize(i, r.len() as usize)
                .map(|i| Value::Int(r.get(i as i64)))
                .ok_or_else(|| index_error("range object index out of range"))
        }
        (Value::Type(t), _) => crate::alias::class_getitem(interp, t, key),
        _ => Err(type_error(format!(
            "'{}' object is not subscriptable",
            container.type_name()
        ))),
    }
}

/// `container[key] = value`.
pub fn set_item(interp: &mut Interp, container: &Value, key: &Value, value: Value) -> PyResult<()> {
    let value = match key {
        Value::Int(index) => match set_int(container, *index, value) {
            Ok(()) => return Ok(()),
            Err(value) => value,
        },
        _ => value,
    };
    match (container, key) {
        _ if crate::special::is_user(container) => {
            crate::special::set_item(interp, container, key, value)
        }
        (Value::Native(n), _) => match n.0.set_item(interp, key, value) {
            Some(result) => result,
            None => Err(type_error(format!(
                "'{}' object does not support item assignment",
                container.type_name()
            ))),
        },
        (Value::List(l), Value::Slice(s)) => {
            let replacement = crate::iter::collect(interp, &value)?;
            let mut items = l.items.borrow_mut();
            let (start, stop, step, count) = slice_indices(s, items.len())?;
            if step == 1 {
                let stop = stop.max(start);
                items.splice(start as usize..stop as usize, replacement);
            } else {
                if replacement.len() != count {
                    return Err(value_error(format!(
                        "attempt to assign sequence of size {} to extended slice of size {count}",
                        replacement.len()
                    )));
                }
                for (k, item) in replacement.into_iter().enumerate() {
                    items[(start + k as i64 * step) as usize] = item;
                }
            }
            Ok(())
        }
        (Value::List(l), _) => {
            let mut items = l.items.borrow_mut();
            let slot = assignment_slot(key, items.len())?;
            items[slot] = value;
            Ok(())
        }
        (Value::Dict(d), _) => {
            let key = crate::hash::dict_key(interp, d, key.clone())?;
            d.map_mut().insert(key, value);
            Ok(())
        }
        _ => Err(type_error(format!(
            "'{}' object does not support item assignment",
            container.type_name()
        ))),
    }
}

/// `del container[key]`.
pub fn del_item(interp: &mut Interp, container: &Value, key: &Value) -> PyResult<()> {
    match (container, key) {
        _ if crate::special::is_user(container) => crate::special::del_item(interp, container, key),
        (Value::List(l), Value::Slice(s)) => {
            let mut items = l.items.borrow_mut();
            let (start, _, step, count) = slice_indices(s, items.len())?;
            let mut doomed: Vec<usize> = (0..count)
                .map(|k| (start + k as i64 * step) as usize)
                .collect();
            doomed.sort_unstable();
            for index in doomed.into_iter().rev() {
                items.remove(index);
            }
            Ok(())
        }
        (Value::List(l), _) => {
            let mut items = l.items.borrow_mut();
            let slot = assignment_slot(key, items.len())?;
            items.remove(slot);
            Ok(())
        }
        (Value::Dict(d), _) => {
            let lookup = crate::hash::dict_key(interp, d, key.clone())?;
            d.map_mut()
                .shift_remove(&lookup)
                .map(|_| ())
                .ok_or_else(|| key_error(key.clone()))
        }
        _ => Err(type_error(format!(
            "'{}' object does not support item deletion",
            container.type_name()
        ))),
    }
}
