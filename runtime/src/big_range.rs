//! `range` objects whose bounds or length do not fit in an `i64`
//! (`range(2**64, 2**65, 2**62)`, `range(-2**63, 2**63)`), as CPython's
//! `rangeobject.c` handles them with Python ints: `len()` raising
//! OverflowError past `sys.maxsize`, iteration (`longrange_iterator`),
//! indexing and slicing, `in` for numbers, equality, `repr` and the
//! `start`/`stop`/`step` attributes. `construct` builds one only when
//! `Value::Range` cannot hold the range, so the common case stays on the
//! `i64` path. Not provided here: `reversed()`, `index()`/`count()`, and
//! `in` testing by `__eq__` for objects other than numbers.

use crate::exceptions::{index_error, overflow_error, type_error, value_error, PyResult};
use crate::iter::NativeIterator;
use crate::native::{self, NativeObject};
use crate::numbers::Num;
use crate::types::PyType;
use crate::value::{Builtin, PyRange, Value};
use crate::Interp;
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::rc::Rc;

pub struct BigRange {
    start: BigInt,
    stop: BigInt,
    step: BigInt,
    len: BigInt,
}

pub static LONGRANGE_ITERATOR: PyType = PyType {
    name: "longrange_iterator",
    base: Some(&crate::types::OBJECT),
    kind: crate::types::TypeKind::Opaque,
    class: None,
};

fn length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let (low, high, step) = if step.is_positive() {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if low >= high {
        BigInt::zero()
    } else {
        (high - low - 1u8) / step + 1u8
    }
}

/// The range `start`, `stop`, `step` (a nonzero step): a `Value::Range`
/// when its bounds and length fit in an `i64`, a `BigRange` otherwise.
pub fn new(start: BigInt, stop: BigInt, step: BigInt) -> Value {
    let len = length(&start, &stop, &step);
    if let (Some(start), Some(stop), Some(step), Some(_)) =
        (start.to_i64(), stop.to_i64(), step.to_i64(), len.to_i64())
    {
        return Value::Range(Rc::new(PyRange { start, stop, step }));
    }
    native::new(BigRange {
        start,
        stop,
        step,
        len,
    })
}

/// A range's `start`, `stop`, `step` and length, whichever kind it is.
pub fn parts(value: &Value) -> Option<(BigInt, BigInt, BigInt, BigInt)> {
    match value {
        Value::Range(r) => Some((r.start.into(), r.stop.into(), r.step.into(), r.len().into())),
        _ => native::downcast::<BigRange>(value).map(|r| {
            (
                r.start.clone(),
                r.stop.clone(),
                r.step.clone(),
                r.len.clone(),
            )
        }),
    }
}

/// `len(r)` for a big range: OverflowError past `sys.maxsize`.
pub fn len(value: &Value) -> Option<PyResult<usize>> {
    let range = native::downcast::<BigRange>(value)?;
    Some(
        range
            .len
            .to_i64()
            .map(|n| n as usize)
            .ok_or_else(|| overflow_error("Python int too large to convert to C ssize_t")),
    )
}

fn int_of(value: &Value) -> Option<BigInt> {
    match Num::of(value) {
        Some(Num::Int(i)) if !matches!(value, Value::Float(_)) => Some(i.into()),
        Some(Num::Big(b)) => Some(b.clone()),
        _ => None,
    }
}

impl BigRange {
    fn item(&self, index: &BigInt) -> BigInt {
        &self.start + index * &self.step
    }

    fn contains_int(&self, x: &BigInt) -> bool {
        let inside = if self.step.is_positive() {
            &self.start <= x && x < &self.stop
        } else {
            &self.stop < x && x <= &self.start
        };
        inside && ((x - &self.start) % &self.step).is_zero()
    }

    /// `r[slice]`, as CPython computes it: the slice's indices clamped to
    /// the length, then mapped through the range.
    fn slice(&self, slice: &crate::value::PySlice) -> PyResult<Value> {
        let bound = |v: &Value| -> PyResult<Option<BigInt>> {
            match v {
                Value::None => Ok(None),
                other => int_of(other).map(Some).ok_or_else(|| {
                    type_error("slice indices must be integers or None or have an __index__ method")
                }),
            }
        };
        let step = bound(&slice.step)?.unwrap_or_else(BigInt::one);
        if step.is_zero() {
            return Err(value_error("slice step cannot be zero"));
        }
        let (lower, upper) = if step.is_negative() {
            (BigInt::from(-1), &self.len - 1u8)
        } else {
            (BigInt::zero(), self.len.clone())
        };
        let clamp = |v: Option<BigInt>, default: &BigInt| -> BigInt {
            match v {
                None => default.clone(),
                Some(v) => {
                    let v = if v.is_negative() { v + &self.len } else { v };
                    v.clamp(lower.clone(), upper.clone())
                }
            }
        };
        let (default_start, default_stop) = if step.is_negative() {
            (&upper, &lower)
        } else {
            (&lower, &upper)
        };
        let start = clamp(bound(&slice.start)?, default_start);
        let stop = clamp(bound(&slice.stop)?, default_stop);
        Ok(new(self.item(&start), self.item(&stop), &step * &self.step))
    }
}

/// `r[slice]` for a range that fits in an i64 but whose slice does not.
pub fn slice(range: &PyRange, slice: &crate::value::PySlice) -> PyResult<Value> {
    let big = BigRange {
        start: range.start.into(),
        stop: range.stop.into(),
        step: range.step.into(),
        len: range.len().into(),
    };
    big.slice(slice)
}

impl NativeObject for BigRange {
    fn type_of(&self) -> &'static PyType {
        &crate::types::RANGE
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(if self.step.is_one() {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        })
    }

    fn method(&self, _: &str) -> Option<&'static Builtin> {
        None
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    /// Only truthiness reads this (`len()` goes through `big_range::len`).
    fn len(&self) -> Option<usize> {
        Some(self.len.to_usize().unwrap_or(usize::MAX))
    }

    fn iter(&self, _: &mut Interp) -> Option<PyResult<Value>> {
        Some(Ok(crate::iter::native(
            &LONGRANGE_ITERATOR,
            BigRangeIterator {
                next: self.start.clone(),
                step: self.step.clone(),
                remaining: self.len.clone(),
            },
        )))
    }

    fn get_item(&self, _: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        Some(match key {
            Value::Slice(slice) => self.slice(slice),
            _ => match int_of(key) {
                Some(index) => {
                    let index = if index.is_negative() {
                        index + &self.len
                    } else {
                        index
                    };
                    if index.is_negative() || index >= self.len {
                        Err(index_error("range object index out of range"))
                    } else {
                        Ok(Value::from_bigint(self.item(&index)))
                    }
                }
                None => Err(type_error(format!(
                    "range indices must be integers or slices, not {}",
                    key.type_name()
                ))),
            },
        })
    }

    fn contains(&self, _: &mut Interp, item: &Value) -> Option<PyResult<bool>> {
        Some(Ok(match (item, int_of(item)) {
            (_, Some(x)) => self.contains_int(&x),
            (Value::Float(f), _) if f.is_finite() && f.fract() == 0.0 => self.contains_int(
                &<BigInt as crate::numbers::FromF64Exact>::from_f64_exact(*f),
            ),
            _ => false,
        }))
    }

    fn equal(&self, _: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        let Some((start, _, step, len)) = parts(other) else {
            return Some(Ok(false));
        };
        Some(Ok(len == self.len
            && (len.is_zero()
                || (start == self.start
                    && (len.is_one() || step == self.step)))))
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "start" => Some(Value::from_bigint(self.start.clone())),
            "stop" => Some(Value::from_bigint(self.stop.clone())),
            "step" => Some(Value::from_bigint(self.step.clone())),
            _ => None,
        }
    }
}

struct BigRangeIterator {
    next: BigInt,
    step: BigInt,
    remaining: BigInt,
}

impl NativeIterator for BigRangeIterator {
    fn next(&mut self, _: &mut Interp) -> PyResult<Option<Value>> {
        if !self.remaining.is_positive() {
            return Ok(None);
        }
        self.remaining -= 1u8;
        let item = self.next.clone();
        self.next += &self.step;
        Ok(Some(Value::from_bigint(item)))
    }
}
