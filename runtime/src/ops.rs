//! Operators: the semantics behind `BINARY_OP`, the unary opcodes,
//! `COMPARE_OP`, `IS_OP` and `CONTAINS_OP`. Every backend calls these, so all
//! backends agree on what `a + b` means.
//!
//! `binary_op` inlines the int/float fast paths and sends everything else to
//! a `#[cold]` slow path. Operator overloading on user classes arrives with
//! the object-model issue.

use crate::compare;
use crate::exceptions::{type_error, PyResult};
use crate::memory;
use crate::numbers::{self, is_float_op, Num};
use crate::special;
use crate::value::Value;
use crate::Interp;
use pvm_frontend::{BinaryOperator as Op, CompareOperator};

/// The overflow-free int and float cases of `a <op> b`, for backends to
/// apply in place without popping; `None` means "use `binary_op`".
#[inline(always)]
pub fn binary_op_fast(op: Op, a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => match op {
            Op::Add => x.checked_add(*y).map(Value::Int),
            Op::Subtract => x.checked_sub(*y).map(Value::Int),
            Op::Multiply => x.checked_mul(*y).map(Value::Int),
            Op::Remainder if *y > 0 && *x >= 0 => Some(Value::Int(x % y)),
            Op::FloorDivide if *y > 0 && *x >= 0 => Some(Value::Int(x / y)),
            Op::And => Some(Value::Int(x & y)),
            Op::Or => Some(Value::Int(x | y)),
            Op::Xor => Some(Value::Int(x ^ y)),
            _ => None,
        },
        (Value::Float(x), Value::Float(y)) => match op {
            Op::Add => Some(Value::Float(x + y)),
            Op::Subtract => Some(Value::Float(x - y)),
            Op::Multiply => Some(Value::Float(x * y)),
            Op::TrueDivide if *y != 0.0 => Some(Value::Float(x / y)),
            _ => None,
        },
        _ => None,
    }
}

/// The int and float cases of a comparison, for in-place use by backends.
#[inline(always)]
pub fn compare_op_fast(op: CompareOperator, a: &Value, b: &Value) -> Option<bool> {
    let ordering = match (a, b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y)?,
        _ => return None,
    };
    Some(match op {
        CompareOperator::Lt => ordering.is_lt(),
        CompareOperator::Le => ordering.is_le(),
        CompareOperator::Eq => ordering.is_eq(),
        CompareOperator::Ne => ordering.is_ne(),
        CompareOperator::Gt => ordering.is_gt(),
        CompareOperator::Ge => ordering.is_ge(),
    })
}

/// `a <op> b` (or `a <op>= b` when `inplace`).
#[inline(always)]
pub fn binary_op(
    interp: &mut Interp,
    op: Op,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> PyResult<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let fast = match op {
                Op::Add => x.checked_add(*y),
                Op::Subtract => x.checked_sub(*y),
                Op::Multiply => x.checked_mul(*y),
                _ => None,
            };
            match fast {
                Some(v) => Ok(Value::Int(v)),
                None => numbers::small_int_op(op, *x, *y),
            }
        }
        (Value::Float(x), Value::Float(y)) => match op {
            Op::Add => Ok(Value::Float(x + y)),
            Op::Subtract => Ok(Value::Float(x - y)),
            Op::Multiply => Ok(Value::Float(x * y)),
            _ if is_float_op(op) => numbers::float_arith(op, *x, *y),
            _ => binary_op_slow(interp, op, inplace, a, b),
        },
        // Mixed float and int: the int converts exactly as CPython's
        // `PyLong_AsDouble` does (to nearest, ties to even) for any i64.
        (Value::Float(x), Value::Int(y)) if is_float_op(op) => {
            numbers::float_arith(op, *x, *y as f64)
        }
        (Value::Int(x), Value::Float(y)) if is_float_op(op) => {
            numbers::float_arith(op, *x as f64, *y)
        }
        _ => binary_op_slow(interp, op, inplace, a, b),
    }
}

#[cold]
#[inline(never)]
fn binary_op_slow(
    interp: &mut Interp,
    op: Op,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> PyResult<Value> {
    if let Some(result) = crate::sets::binary(op, inplace, a, b) {
        return Ok(result);
    }
    if let Value::Native(n) = a {
        if let Some(result) = n.0.binary(interp, a, op, b, false, inplace) {
            return result;
        }
    }
    if let Value::Native(n) = b {
        if let Some(result) = n.0.binary(interp, b, op, a, true, inplace) {
            return result;
        }
    }
    if op == Op::Or {
        if let Some(result) = crate::union::or(interp, a, b) {
            return result;
        }
    }
    if special::is_user(a) || special::is_user(b) {
        return match special::binary(interp, op, inplace, a, b)? {
            Some(result) => Ok(result),
            None => Err(operand_error(op, inplace, a, b)),
        };
    }
    if let Value::Dict(x) = a {
        if let Some(result) = dict_binary(interp, op, inplace, x, b) {
            return result;
        }
    }
    if let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) {
        if let Some(result) = numbers::binary(op, &x, &y) {
            return match (op, a, b, result) {
                (Op::And | Op::Or | Op::Xor, Value::Bool(_), Value::Bool(_), Ok(Value::Int(v))) => {
                    Ok(Value::Bool(v != 0))
                }
                (_, _, _, result) => result,
            };
        }
    }
    match (op, a, b) {
        (Op::Add, Value::Str(x), Value::Str(y)) => {
            let mut s = String::new();
            let total = x.as_str().len().checked_add(y.as_str().len());
            memory::reserve_str(&mut s, total.ok_or_else(memory::no_memory)?)?;
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            Ok(Value::str(s))
        }
        (Op::Add, Value::Str(_), other) => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            other.type_name()
        ))),
        (Op::Add, Value::List(x), Value::List(y)) => {
            if inplace {
                let extra = y.items.borrow().clone();
                let mut items = x.items.borrow_mut();
                memory::reserve(&mut items, extra.len())?;
                items.extend(extra);
                return Ok(a.clone());
            }
            let items = memory::concat(&x.items.borrow(), &y.items.borrow())?;
            Ok(Value::list(items))
        }
        (Op::Add, Value::List(x), other) if inplace => {
            let extra = crate::iter::collect(interp, other)?;
            let mut items = x.items.borrow_mut();
            memory::reserve(&mut items, extra.len())?;
            items.extend(extra);
            Ok(a.clone())
        }
        (Op::Add, Value::List(_), other) => Err(type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            other.type_name()
        ))),
        (Op::Add, Value::Bytes(x), Value::Bytes(y)) => {
            Ok(crate::bytes::new(memory::concat(&x.data, &y.data)?))
        }
        (Op::Multiply, Value::Bytes(b), Value::Int(n))
        | (Op::Multiply, Value::Int(n), Value::Bytes(b)) => {
            let count = (*n).max(0) as usize;
            too_long(b.data.len(), count, "repeated bytes are too long")?;
            Ok(crate::bytes::new(memory::repeat(&b.data, count)?))
        }
        (Op::Add, Value::Tuple(x), Value::Tuple(y)) => {
            Ok(Value::tuple(memory::concat(&x.items, &y.items)?))
        }
        (Op::Add, Value::Tuple(_), other) => Err(type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            other.type_name()
        ))),
        (Op::Multiply, seq @ (Value::Str(_) | Value::List(_) | Value::Tuple(_)), n)
        | (Op::Multiply, n, seq @ (Value::Str(_) | Value::List(_) | Value::Tuple(_)))
            if matches!(n, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) =>
        {
            repeat(seq, n, inplace)
        }
        (Op::Remainder, Value::Str(s), args) => crate::printf::percent(interp, s.as_str(), args),
        _ => Err(operand_error(op, inplace, a, b)),
    }
}

/// The operators of dicts: `|` and `|=`, and a `Counter`'s arithmetic.
fn dict_binary(
    interp: &mut Interp,
    op: Op,
    inplace: bool,
    a: &std::rc::Rc<crate::value::PyDict>,
    b: &Value,
) -> Option<PyResult<Value>> {
    use crate::modules::counter;
    if let Value::Dict(y) = b {
        if counter::is_counter(a) && (inplace || counter::is_counter(y)) {
            if let Some(result) = counter::binary(interp, op, inplace, a, y) {
                return Some(result);
            }
        }
    }
    if op == Op::Or {
        return crate::methods::dict_union(interp, inplace, a, b);
    }
    None
}

fn repeat(seq: &Value, n: &Value, inplace: bool) -> PyResult<Value> {
    let count = match n {
        Value::Int(i) => (*i).max(0) as usize,
        Value::Bool(b) => *b as usize,
        _ => {
            return Err(crate::exceptions::overflow_error(
                "cannot fit 'int' into an index-sized integer",
            ))
        }
    };
    Ok(match seq {
        Value::Str(s) => {
            too_long(s.as_str().len(), count, "repeated string is too long")?;
            Value::str(memory::repeat_str(s.as_str(), count)?)
        }
        Value::List(l) => {
            let items = memory::repeat(&l.items.borrow(), count)?;
            if inplace {
                *l.items.borrow_mut() = items;
                return Ok(seq.clone());
            }
            Value::list(items)
        }
        Value::Tuple(t) => Value::tuple(memory::repeat(&t.items, count)?),
        _ => unreachable!("repeat is only called on sequences"),
    })
}

/// CPython's `OverflowError` for a str or bytes repetition longer than
/// `sys.maxsize` (lists and tuples say `MemoryError`).
fn too_long(len: usize, count: usize, message: &str) -> PyResult<()> {
    match len.checked_mul(count) {
        Some(total) if total <= isize::MAX as usize => Ok(()),
        _ => Err(crate::exceptions::overflow_error(message)),
    }
}

/// Whether `value` repeats under `*` (CPython's `sq_repeat`): str, bytes,
/// list, tuple and subclasses of them.
fn repeats(value: &Value) -> bool {
    let value = crate::subclass::part(value).unwrap_or(value);
    matches!(
        value,
        Value::Str(_) | Value::Bytes(_) | Value::List(_) | Value::Tuple(_)
    )
}

#[cold]
fn operand_error(op: Op, inplace: bool, a: &Value, b: &Value) -> crate::PyErr {
    // `*` falls back to repeating a sequence, which wants an int
    if op == Op::Multiply && (repeats(a) || repeats(b)) {
        let count = if repeats(a) { b } else { a };
        return type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            count.type_name()
        ));
    }
    let symbol = if op == Op::Power && !inplace {
        "** or pow()"
    } else {
        op.symbol()
    };
    let eq = if inplace { "=" } else { "" };
    type_error(format!(
        "unsupported operand type(s) for {symbol}{eq}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

pub fn negative(interp: &mut Interp, v: &Value) -> PyResult<Value> {
    if special::is_user(v) {
        return special::unary(interp, v, "__neg__", "unary -");
    }
    if let Some(result) = crate::complex::unary(v, '-') {
        return result;
    }
    match Num::of(v) {
        Some(n) => Ok(numbers::negate(&n)),
        None => Err(type_error(format!(
            "bad operand type for unary -: '{}'",
            v.type_name()
        ))),
    }
}

pub fn positive(interp: &mut Interp, v: &Value) -> PyResult<Value> {
    if special::is_user(v) {
        return special::unary(interp, v, "__pos__", "unary +");
    }
    if let Some(result) = crate::complex::unary(v, '+') {
        return result;
    }
    match v {
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) => Ok(v.clone()),
        _ => Err(type_error(format!(
            "bad operand type for unary +: '{}'",
            v.type_name()
        ))),
    }
}

pub fn invert(interp: &mut Interp, v: &Value) -> PyResult<Value> {
    if special::is_user(v) {
        return special::unary(interp, v, "__invert__", "unary ~");
    }
    match v {
        Value::Int(i) => Ok(Value::Int(!i)),
        Value::Bool(b) => Ok(Value::Int(!(*b as i64))),
        Value::BigInt(b) => Ok(Value::from_bigint(-(**b).clone() - 1)),
        _ => Err(type_error(format!(
            "bad operand type for unary ~: '{}'",
            v.type_name()
        ))),
    }
}

#[inline]
pub fn compare_op(
    interp: &mut Interp,
    op: CompareOperator,
    a: &Value,
    b: &Value,
) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(Value::Bool(match op {
            CompareOperator::Lt => x < y,
            CompareOperator::Le => x <= y,
            CompareOperator::Eq => x == y,
            CompareOperator::Ne => x != y,
            CompareOperator::Gt => x > y,
            CompareOperator::Ge => x >= y,
        }));
    }
    if special::is_user(a) || special::is_user(b) {
        return special::compare(interp, op, a, b);
    }
    compare::compare(interp, op, a, b).map(Value::Bool)
}

/// `item in container`.
pub fn contains(interp: &mut Interp, container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        _ if special::is_user(container) => special::contains(interp, container, item),
        Value::Set(s) => crate::sets::contains(interp, s, item),
        Value::Bytes(b) => crate::bytes::contains(&b.data, item),
        Value::Native(n) => match n.0.contains(interp, item) {
            Some(result) => result,
            None => {
                let iterator = crate::iter::get_iter(interp, container)?;
                while let Some(x) = crate::iter::next(interp, &iterator)? {
                    if x.is(item) || compare::equal(interp, &x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        },
        Value::List(l) => Ok(compare::position(interp, l.iter_items(), item)?.is_some()),
        Value::Tuple(t) => Ok(compare::position(interp, t.items.iter(), item)?.is_some()),
        Value::Str(s) => match item {
            Value::Str(needle) => Ok(s.as_str().contains(needle.as_str())),
            other => Err(type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                other.type_name()
            ))),
        },
        Value::Dict(d) => {
            let key = crate::hash::dict_key(interp, d, item.clone())?;
            Ok(d.map().contains_key(&key))
        }
        Value::Range(r) => Ok(match Num::of(item) {
            Some(Num::Int(i)) if !matches!(item, Value::Float(_)) => {
                let offset = i as i128 - r.start as i128;
                let in_bounds = if r.step > 0 {
                    i >= r.start && i < r.stop
                } else {
                    i <= r.start && i > r.stop
                };
                in_bounds && offset % r.step as i128 == 0
            }
            // a range that fits in an i64 holds no bigger int
            Some(Num::Big(_)) => false,
            Some(_) => {
                let items = crate::iter::collect(interp, container)?;
                items.iter().any(|x| compare::equal_hashable(x, item))
            }
            None => false,
        }),
        Value::DictView(v) if v.part == crate::iter::DictPart::Keys => {
            let key = crate::hash::dict_key(interp, &v.dict, item.clone())?;
            Ok(v.dict.map().contains_key(&key))
        }
        Value::Iterator(_) | Value::DictView(_) => {
            let container = &crate::iter::get_iter(interp, container)?;
            while let Some(x) = crate::iter::next(interp, container)? {
                if x.is(item) || compare::equal(interp, &x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error(format!(
            "argument of type '{}' is not iterable",
            container.type_name()
        ))),
    }
}
