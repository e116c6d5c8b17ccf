//! Building and taking apart values for the `BUILD_*`, `UNPACK_SEQUENCE`,
//! `CALL_KW` and `MAKE_FUNCTION` opcodes, with CPython's error messages.
//! Backends move the operands; these functions decide what they mean.

use crate::exceptions::{type_error, value_error, PyResult};
use crate::hash::DictKey;
use crate::value::{PyStr, Value};
use std::rc::Rc;

/// A dict from alternating keys and values (`BUILD_MAP`).
pub fn map(interp: &mut crate::Interp, items: &[Value]) -> PyResult<Value> {
    let dict = crate::value::PyDict::new();
    for pair in items.chunks_exact(2) {
        let key = if crate::hash::needs_python(&pair[0]) {
            crate::hash::dict_key(interp, &dict, pair[0].clone())?
        } else {
            DictKey::new(pair[0].clone())?
        };
        dict.map_mut().insert(key, pair[1].clone());
    }
    Ok(Value::Dict(Rc::new(dict)))
}

/// The concatenation of f-string pieces (`BUILD_STRING`).
pub fn string<'a>(parts: impl IntoIterator<Item = &'a Value>) -> Value {
    let mut text = String::new();
    for part in parts {
        text.push_str(part.as_str().unwrap_or_default());
    }
    Value::str(text)
}

/// Every item of a sequence being unpacked, or CPython's error for a value
/// that cannot be iterated.
fn items_to_unpack(interp: &mut crate::Interp, sequence: &Value) -> PyResult<Vec<Value>> {
    Ok(match sequence {
        Value::Tuple(t) => t.items.to_vec(),
        Value::List(l) => l.items.borrow().clone(),
        other => {
            if crate::iter::get_iter(interp, other).is_err() {
                return Err(type_error(format!(
                    "cannot unpack non-iterable {} object",
                    other.type_name()
                )));
            }
            crate::iter::collect(interp, other)?
        }
    })
}

/// The items of `sequence`, which must have exactly `count` of them.
pub fn unpack(interp: &mut crate::Interp, sequence: &Value, count: usize) -> PyResult<Vec<Value>> {
    let items = items_to_unpack(interp, sequence)?;
    if items.len() < count {
        return Err(value_error(format!(
            "not enough values to unpack (expected {count}, got {})",
            items.len()
        )));
    }
    if items.len() > count {
        return Err(value_error(format!(
            "too many values to unpack (expected {count})"
        )));
    }
    Ok(items)
}

/// `UNPACK_SEQUENCE` on the stack: `slot` holds the sequence and the
/// `count - 1` slots above it placeholders; afterwards the `count` slots
/// hold the items, the first on top. With `count == 0` the slot is left
/// holding `None`.
pub fn unpack_in_place(interp: &mut crate::Interp, slot: *mut Value, count: usize) -> PyResult<()> {
    // SAFETY: the handler passes the sequence's slot with `count - 1` live
    // slots above it, all inside the frame's reserved stack.
    let slots = unsafe { std::slice::from_raw_parts_mut(slot, count.max(1)) };
    // The sequence stays alive through this clone while its slot is
    // overwritten.
    let sequence = slots[0].clone();
    match with_exact_items(&sequence, count, |items| write(slots, items)) {
        Some(()) => {}
        None => {
            let items = unpack(interp, &slots[0], count)?;
            if count == 0 {
                slots[0] = Value::None;
            } else {
                write(slots, &items);
            }
        }
    }
    Ok(())
}

/// Calls `f` with the items of a tuple or list of exactly `count` items
/// (the common case of unpacking); `None` for anything else.
#[inline]
pub fn with_exact_items<R>(
    sequence: &Value,
    count: usize,
    f: impl FnOnce(&[Value]) -> R,
) -> Option<R> {
    match sequence {
        Value::Tuple(t) if t.items.len() == count => Some(f(&t.items)),
        Value::List(l) => {
            let items = l.items.try_borrow().ok()?;
            (items.len() == count).then(|| f(&items))
        }
        _ => None,
    }
}

/// Writes `items` into `slots`, last item lowest (the order
/// `UNPACK_SEQUENCE` leaves them in), letting go of what was there.
#[inline(always)]
fn write(slots: &mut [Value], items: &[Value]) {
    for (slot, item) in slots.iter_mut().zip(items.iter().rev()) {
        std::mem::replace(slot, item.clone()).discard();
    }
}

/// `UNPACK_EX`: `before` items, a list of the rest, `after` items.
pub fn unpack_starred(
    interp: &mut crate::Interp,
    sequence: &Value,
    before: usize,
    after: usize,
) -> PyResult<Vec<Value>> {
    let mut items = items_to_unpack(interp, sequence)?;
    if items.len() < before + after {
        return Err(value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let tail = items.split_off(items.len() - after);
    let middle = items.split_off(before);
    items.push(Value::list(middle));
    items.extend(tail);
    Ok(items)
}

/// The keyword names of a `CALL_KW` (a constant tuple of strings).
pub fn keyword_names(names: &Value) -> PyResult<Rc<[Rc<PyStr>]>> {
    let keywords_must_be_strings = || type_error("keywords must be strings");
    match names {
        Value::Tuple(t) => t
            .items
            .iter()
            .map(|n| match n {
                Value::Str(s) => Ok(s.clone()),
                _ => Err(keywords_must_be_strings()),
            })
            .collect(),
        _ => Err(keywords_must_be_strings()),
    }
}
