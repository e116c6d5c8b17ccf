//! Equality and ordering with Python semantics: numbers compare exactly
//! across int/float/bool, sequences compare lexicographically, and ordering
//! unrelated types raises `TypeError` with CPython's message.
//!
//! Rich comparison of user-defined classes arrives with the object-model issue.

use crate::exceptions::{recursion_error, type_error, PyResult};
use crate::numbers::{num_cmp, num_eq, Num};
use crate::value::Value;
use crate::Interp;
use pvm_frontend::CompareOperator as Cmp;
use std::borrow::Borrow;
use std::cell::Cell;
use std::cmp::Ordering;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Guards recursive container comparisons against unbounded nesting.
fn nested<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let depth = DEPTH.with(|d| d.get());
    if depth > 5000 || crate::native_stack::exhausted() {
        return Err(recursion_error(
            "maximum recursion depth exceeded in comparison",
        ));
    }
    DEPTH.with(|d| d.set(depth + 1));
    let result = f();
    DEPTH.with(|d| d.set(depth));
    result
}

/// `a == b`.
pub fn equal(interp: &mut Interp, a: &Value, b: &Value) -> PyResult<bool> {
    if crate::special::is_user(a) || crate::special::is_user(b) {
        let result = crate::special::compare(interp, Cmp::Eq, a, b)?;
        return crate::special::truthy(interp, &result);
    }
    if let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) {
        return Ok(num_eq(&x, &y));
    }
    Ok(match (a, b) {
        (Value::Str(x), Value::Str(y)) => std::rc::Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
        (Value::List(x), Value::List(y)) => {
            if std::rc::Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            x.len() == y.len() && items_equal(interp, x.iter_items(), y.iter_items())?
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.items.len() == y.items.len() && items_equal(interp, x.items.iter(), y.items.iter())?
        }
        (Value::Dict(x), Value::Dict(y)) => {
            if std::rc::Rc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (x, y) = (x.map().clone(), y.map().clone());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (key, value) in x.iter() {
                match y.get(key) {
                    Some(other) if nested(|| equal(interp, value, other))? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (Value::Set(x), Value::Set(y)) => crate::sets::equal(x, y),
        (Value::Bytes(x), Value::Bytes(y)) => x.data == y.data,
        // Looked up twice, a builtin method is two objects that are equal.
        (Value::MethodDescriptor(x), Value::MethodDescriptor(y)) => {
            std::ptr::eq(x.owner, y.owner) && std::ptr::eq(x.method, y.method)
        }
        (Value::Method(x), Value::Method(y)) => {
            std::ptr::eq(x.method, y.method) && x.receiver.is(&y.receiver)
        }
        (Value::Native(n), other) => match n.0.equal(interp, other) {
            Some(result) => result?,
            None => a.is(b),
        },
        (Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_), Value::Native(n)) => {
            match n.0.equal(interp, a) {
                Some(result) => result?,
                None => false,
            }
        }
        (Value::Range(_), Value::Native(n)) => match n.0.equal(interp, a) {
            Some(result) => result?,
            None => false,
        },
        (Value::Range(x), Value::Range(y)) => {
            let (lx, ly) = (x.len(), y.len());
            lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
        }
        (Value::Slice(x), Value::Slice(y)) => {
            equal(interp, &x.start, &y.start)?
                && equal(interp, &x.stop, &y.stop)?
                && equal(interp, &x.step, &y.step)?
        }
        _ => a.is(b),
    })
}

/// Item-by-item equality (the caller compares lengths).
fn items_equal<T: Borrow<Value>>(
    interp: &mut Interp,
    x: impl Iterator<Item = T>,
    y: impl Iterator<Item = T>,
) -> PyResult<bool> {
    for (a, b) in x.zip(y) {
        let (a, b) = (a.borrow(), b.borrow());
        if !a.is(b) && !nested(|| equal(interp, a, b))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The index of the first item that is, or equals, `needle`.
pub fn position<T: Borrow<Value>>(
    interp: &mut Interp,
    items: impl Iterator<Item = T>,
    needle: &Value,
) -> PyResult<Option<usize>> {
    for (i, item) in items.enumerate() {
        let item = item.borrow();
        if item.is(needle) || equal(interp, item, needle)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// Equality for dict keys (hashable values only; cannot fail and runs no
/// Python code: keys whose class defines `__eq__` are refused when the key
/// is made).
pub fn equal_hashable(a: &Value, b: &Value) -> bool {
    // An `int` or `str` subclass without an `__eq__` of its own compares
    // as its value.
    let (a, b) = (
        crate::subclass::plain_value(a).unwrap_or(a),
        crate::subclass::plain_value(b).unwrap_or(b),
    );
    if let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) {
        return num_eq(&x, &y);
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => std::rc::Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Value::Set(x), Value::Set(y)) => crate::sets::equal(x, y),
        (Value::Bytes(x), Value::Bytes(y)) => x.data == y.data,
        // Looked up twice, a builtin method is two objects that are equal.
        (Value::MethodDescriptor(x), Value::MethodDescriptor(y)) => {
            std::ptr::eq(x.owner, y.owner) && std::ptr::eq(x.method, y.method)
        }
        (Value::Method(x), Value::Method(y)) => {
            std::ptr::eq(x.method, y.method) && x.receiver.is(&y.receiver)
        }
        (Value::Native(_), _) | (_, Value::Native(_))
            if crate::complex::numbers_equal(a, b).is_some() =>
        {
            crate::complex::numbers_equal(a, b).unwrap_or(false)
        }
        (Value::Instance(x), Value::Instance(y))
            if crate::modules::collections::is_namedtuple(x.class)
                && crate::modules::collections::is_namedtuple(y.class) =>
        {
            let (x, y) = (
                crate::modules::collections::values_of(a),
                crate::modules::collections::values_of(b),
            );
            x.len() == y.len()
                && x.iter()
                    .zip(&y)
                    .all(|(p, q)| p.is(q) || equal_hashable(p, q))
        }
        (Value::Instance(_), _) | (_, Value::Instance(_))
            if crate::subclass::plain_value(a).is_some()
                || crate::subclass::plain_value(b).is_some() =>
        {
            let x = crate::subclass::plain_value(a).unwrap_or(a);
            let y = crate::subclass::plain_value(b).unwrap_or(b);
            !matches!(x, Value::Instance(_))
                && !matches!(y, Value::Instance(_))
                && equal_hashable(x, y)
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.items.len() == y.items.len()
                && x.items
                    .iter()
                    .zip(y.items.iter())
                    .all(|(a, b)| a.is(b) || equal_hashable(a, b))
        }
        _ => a.is(b),
    }
}

/// Orders two values for `<`, `<=`, `>`, `>=`; `None` means unordered (NaN).
pub fn order(interp: &mut Interp, op: Cmp, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
    if crate::special::is_user(a) || crate::special::is_user(b) {
        // Only the truth of `a <op> b` is known: express it as an ordering
        // that `compare` turns back into the same answer.
        let result = crate::special::compare(interp, op, a, b)?;
        let holds = crate::special::truthy(interp, &result)?;
        return Ok(Some(match (op, holds) {
            (Cmp::Lt | Cmp::Le, true) | (Cmp::Gt | Cmp::Ge, false) => Ordering::Less,
            _ => Ordering::Greater,
        }));
    }
    if let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) {
        return Ok(num_cmp(&x, &y));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(Some(x.as_str().cmp(y.as_str()))),
        (Value::Bytes(x), Value::Bytes(y)) => Ok(Some(x.data.cmp(&y.data))),
        (Value::Set(x), Value::Set(y)) => {
            // Subset order is partial: express the answer for `op` itself.
            let holds = crate::sets::order(op, x, y);
            Ok(Some(match (op, holds) {
                (Cmp::Lt | Cmp::Le, true) | (Cmp::Gt | Cmp::Ge, false) => Ordering::Less,
                (Cmp::Lt | Cmp::Le, false) | (Cmp::Gt | Cmp::Ge, true) => Ordering::Greater,
                _ => return Ok(None),
            }))
        }
        (Value::List(x), Value::List(y)) => {
            order_items(interp, op, x.iter_items(), y.iter_items(), || {
                x.len().cmp(&y.len())
            })
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            order_items(interp, op, x.items.iter(), y.items.iter(), || {
                x.items.len().cmp(&y.items.len())
            })
        }
        _ => Err(type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        ))),
    }
}

/// Lexicographic order: the first unequal items decide, else the lengths.
fn order_items<T: Borrow<Value>>(
    interp: &mut Interp,
    op: Cmp,
    x: impl Iterator<Item = T>,
    y: impl Iterator<Item = T>,
    lengths: impl FnOnce() -> Ordering,
) -> PyResult<Option<Ordering>> {
    for (a, b) in x.zip(y) {
        let (a, b) = (a.borrow(), b.borrow());
        if !a.is(b) && !nested(|| equal(interp, a, b))? {
            return nested(|| order(interp, op, a, b));
        }
    }
    Ok(Some(lengths()))
}

/// The rich comparison `a <op> b`, as a bool.
pub fn compare(interp: &mut Interp, op: Cmp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(match op {
        Cmp::Eq => equal(interp, a, b)?,
        Cmp::Ne => !equal(interp, a, b)?,
        _ => match order(interp, op, a, b)? {
            None => false,
            Some(ordering) => match op {
                Cmp::Lt => ordering == Ordering::Less,
                Cmp::Le => ordering != Ordering::Greater,
                Cmp::Gt => ordering == Ordering::Greater,
                Cmp::Ge => ordering != Ordering::Less,
                Cmp::Eq | Cmp::Ne => unreachable!("handled above"),
            },
        },
    })
}

/// `a < b` for sorting and `min`/`max`.
pub fn less_than(interp: &mut Interp, a: &Value, b: &Value) -> PyResult<bool> {
    compare(interp, Cmp::Lt, a, b)
}
