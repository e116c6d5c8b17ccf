//! Out-of-line fast paths that compiled code calls with values still in
//! registers (as their tag and payload words): an int index into a list or
//! tuple, storing into a list, unpacking a tuple or list of the right
//! length, the next item of a range, list or tuple iterator, int `//`
//! and `%`, and an instance attribute or method found where the code
//! object's inline cache says.
//!
//! Each is a thin wrapper over the runtime function the interpreters' own
//! fast paths use, so the meaning is written once. None of them touches the
//! frame's slots, raises or runs Python code: when one cannot do the work it says
//! so, leaves every value as it was, and compiled code runs the opcode's
//! helper instead.

use pvm_runtime::attributes::cache;
use pvm_runtime::numbers::{floor_divide_i64, floor_remainder_i64};
use pvm_runtime::{build, subscript, RtCode, Value};
use std::mem::ManuallyDrop;

/// The value whose two words are `tag` and `payload`, borrowed from its
/// owner (never dropped here).
unsafe fn borrowed(tag: u64, payload: u64) -> ManuallyDrop<Value> {
    // SAFETY (caller): the words are a live value's, as compiled code holds
    // them in registers.
    ManuallyDrop::new(std::mem::transmute::<[u64; 2], Value>([tag, payload]))
}

/// Answers 1 with `found` written to `out`, or 0 when nothing was found.
unsafe fn written(found: Option<Value>, out: *mut Value) -> u64 {
    match found {
        Some(value) => {
            out.write(value);
            1
        }
        None => 0,
    }
}

/// Answers 1 when a store took its value, or 0 (the value handed back
/// goes on belonging to the caller's slot, so it is not dropped here).
fn taken(stored: Result<(), Value>) -> u64 {
    match stored {
        Ok(()) => 1,
        Err(value) => {
            std::mem::forget(value);
            0
        }
    }
}

/// `container[index]` for a list or tuple and an int in range: writes the
/// item to `out` and answers 1; otherwise 0.
pub(crate) unsafe extern "C" fn subscript_int(
    tag: u64,
    payload: u64,
    index: i64,
    out: *mut Value,
) -> u64 {
    let container = borrowed(tag, payload);
    written(subscript::get_int(&container, index), out)
}

/// `container[index] = value` for a list and an int in range: takes the
/// value and answers 1; otherwise leaves it with its owner and answers 0.
pub(crate) unsafe extern "C" fn store_subscript_int(
    tag: u64,
    payload: u64,
    index: i64,
    value_tag: u64,
    value_payload: u64,
) -> u64 {
    let container = borrowed(tag, payload);
    let value = ManuallyDrop::into_inner(borrowed(value_tag, value_payload));
    taken(subscript::set_int(&container, index, value))
}

/// `UNPACK_SEQUENCE count` of a tuple or list of exactly `count` items:
/// writes them to `out[0..count]` (last item first, as the stack holds
/// them), takes the sequence and answers 1; otherwise 0.
pub(crate) unsafe extern "C" fn unpack_exact(
    tag: u64,
    payload: u64,
    count: u64,
    out: *mut Value,
) -> u64 {
    let sequence = borrowed(tag, payload);
    let written = build::with_exact_items(&sequence, count as usize, |items| {
        for (at, item) in items.iter().rev().enumerate() {
            out.add(at).write(item.clone());
        }
    });
    match written {
        Some(()) => {
            drop(ManuallyDrop::into_inner(sequence));
            1
        }
        None => 0,
    }
}

/// `FOR_ITER` on a range, list or tuple iterator: 1 with the next item
/// written to `out`, 0 when exhausted, 2 for any other iterator.
pub(crate) unsafe extern "C" fn next_simple(tag: u64, payload: u64, out: *mut Value) -> u64 {
    let iterator = borrowed(tag, payload);
    let Value::Iterator(iterator) = &*iterator else {
        return 2;
    };
    match iterator.next_simple() {
        Some(Some(item)) => {
            out.write(item);
            1
        }
        Some(None) => 0,
        None => 2,
    }
}

/// Python's `a // b` on two ints, for compiled code, which has ruled out
/// `b == 0` and `i64::MIN // -1` (where the result is no `i64`).
pub(crate) extern "C" fn int_floor_divide(a: i64, b: i64) -> i64 {
    floor_divide_i64(a, b).unwrap_or(0)
}

/// Python's `a % b` on two ints (with the sign of `b`), under the same
/// conditions.
pub(crate) extern "C" fn int_remainder(a: i64, b: i64) -> i64 {
    floor_remainder_i64(a, b).unwrap_or(0)
}

/// `LOAD_ATTR` of `(*code).names[name]` on the owner: the instance
/// attribute the inline cache places, written to `out`, answering 1; 0 on
/// any other case.
pub(crate) unsafe extern "C" fn load_attr(
    code: *const RtCode,
    name: u64,
    tag: u64,
    payload: u64,
    out: *mut Value,
) -> u64 {
    let owner = borrowed(tag, payload);
    written(cache::load_attr_hit(&owner, &*code, name as u32), out)
}

/// `LOAD_METHOD`: the plain method the inline cache holds for the owner's
/// class, written to `out`, answering 1; 0 on any other case.
pub(crate) unsafe extern "C" fn load_method(
    code: *const RtCode,
    name: u64,
    tag: u64,
    payload: u64,
    out: *mut Value,
) -> u64 {
    let owner = borrowed(tag, payload);
    written(cache::load_method_hit(&owner, &*code, name as u32), out)
}

/// `STORE_ATTR` where the inline cache places the attribute: takes the
/// value and answers 1; otherwise leaves it with its owner and answers 0.
pub(crate) unsafe extern "C" fn store_attr(
    code: *const RtCode,
    name: u64,
    tag: u64,
    payload: u64,
    value_tag: u64,
    value_payload: u64,
) -> u64 {
    let owner = borrowed(tag, payload);
    let value = ManuallyDrop::into_inner(borrowed(value_tag, value_payload));
    taken(cache::store_attr_hit(&owner, &*code, name as u32, value))
}
