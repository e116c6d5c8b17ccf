//! Arithmetic on `int`, `bool` and `float` with exact Python semantics:
//! machine integers promote to big integers on overflow, floor division and
//! modulo take the sign of the divisor, `/` is true division, `**` with a
//! negative exponent gives a float, and mixed int/float operations convert
//! the int exactly or raise `OverflowError`.
//!
//! Only numbers live here; `ops.rs` dispatches the other types.

use crate::exceptions::{overflow_error, value_error, zero_division_error, PyResult};
use crate::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use pvm_frontend::BinaryOperator as Op;

/// A numeric operand.
pub enum Num<'a> {
    Int(i64),
    Big(&'a BigInt),
    Float(f64),
}

impl<'a> Num<'a> {
    pub fn of(value: &'a Value) -> Option<Num<'a>> {
        Some(match value {
            Value::Int(i) => Num::Int(*i),
            Value::Bool(b) => Num::Int(*b as i64),
            Value::BigInt(b) => Num::Big(b),
            Value::Float(f) => Num::Float(*f),
            _ => return None,
        })
    }

    /// The number as a float (OverflowError for huge ints).
    pub fn to_f64(&self) -> PyResult<f64> {
        to_f64(self)
    }

    fn big(&self) -> BigInt {
        match self {
            Num::Int(i) => BigInt::from(*i),
            Num::Big(b) => (*b).clone(),
            Num::Float(_) => BigInt::zero(),
        }
    }
}

/// An int converted to float, as Python does for mixed arithmetic.
pub fn bigint_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(overflow_error("int too large to convert to float")),
    }
}

fn to_f64(n: &Num) -> PyResult<f64> {
    match n {
        Num::Int(i) => Ok(*i as f64),
        Num::Big(b) => bigint_to_f64(b),
        Num::Float(f) => Ok(*f),
    }
}

/// `a <op> b` for two numbers; `None` if the operator does not apply
/// (e.g. `1.5 << 2`), so the caller can raise the usual TypeError.
pub fn binary(op: Op, a: &Num, b: &Num) -> Option<PyResult<Value>> {
    match (a, b) {
        (Num::Float(_), _) | (_, Num::Float(_)) => float_op(op, a, b),
        (Num::Int(x), Num::Int(y)) => Some(small_int_op(op, *x, *y)),
        _ => Some(big_int_op(op, &a.big(), &b.big())),
    }
}

/// The operators `float` defines (the rest raise TypeError on floats).
#[inline(always)]
pub fn is_float_op(op: Op) -> bool {
    matches!(
        op,
        Op::Add
            | Op::Subtract
            | Op::Multiply
            | Op::TrueDivide
            | Op::FloorDivide
            | Op::Remainder
            | Op::Power
    )
}

fn float_op(op: Op, a: &Num, b: &Num) -> Option<PyResult<Value>> {
    if !is_float_op(op) {
        return None;
    }
    let (x, y) = match (to_f64(a), to_f64(b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
    };
    Some(float_arith(op, x, y))
}

pub fn float_arith(op: Op, x: f64, y: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        Op::Add => x + y,
        Op::Subtract => x - y,
        Op::Multiply => x * y,
        Op::TrueDivide => {
            if y == 0.0 {
                return Err(zero_division_error("float division by zero"));
            }
            x / y
        }
        Op::FloorDivide => {
            if y == 0.0 {
                return Err(zero_division_error("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        Op::Remainder => {
            if y == 0.0 {
                return Err(zero_division_error("float modulo"));
            }
            float_divmod(x, y).1
        }
        Op::Power => return float_pow(x, y),
        _ => unreachable!("float_op filters operators"),
    }))
}

/// CPython's `float_divmod`: the remainder has the sign of the divisor.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn float_pow(x: f64, y: f64) -> PyResult<Value> {
    if x == 0.0 && y < 0.0 {
        return Err(zero_division_error(
            "0.0 cannot be raised to a negative power",
        ));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        // a negative number to a fractional power is complex
        let complex = |v| crate::complex::Complex { real: v, imag: 0.0 };
        return crate::complex::power(complex(x), complex(y));
    }
    let result = x.powf(y);
    if result.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(Value::Float(result))
}

/// Python's `x // y` (rounded toward minus infinity) on machine integers,
/// with one machine division: `None` when `y` is 0 or the quotient is no
/// `i64` (`i64::MIN // -1`).
#[inline]
pub fn floor_divide_i64(x: i64, y: i64) -> Option<i64> {
    let quotient = x.checked_div(y)?;
    // `x % y` cannot overflow once the division did not.
    Some(if x % y != 0 && (x ^ y) < 0 {
        quotient - 1
    } else {
        quotient
    })
}

/// Python's `x % y` (with the sign of `y`) on machine integers: `None`
/// where `floor_divide_i64` answers `None`.
#[inline]
pub fn floor_remainder_i64(x: i64, y: i64) -> Option<i64> {
    let remainder = x.checked_rem(y)?;
    Some(if remainder != 0 && (remainder ^ y) < 0 {
        remainder + y
    } else {
        remainder
    })
}

/// Both operands are machine integers: the fast path with overflow checks.
#[inline]
pub fn small_int_op(op: Op, x: i64, y: i64) -> PyResult<Value> {
    let checked = match op {
        Op::Add => x.checked_add(y),
        Op::Subtract => x.checked_sub(y),
        Op::Multiply => x.checked_mul(y),
        Op::And => Some(x & y),
        Op::Or => Some(x | y),
        Op::Xor => Some(x ^ y),
        Op::FloorDivide => {
            if y == 0 {
                return Err(zero_division_error("integer division or modulo by zero"));
            }
            floor_divide_i64(x, y)
        }
        Op::Remainder => {
            if y == 0 {
                return Err(zero_division_error("integer modulo by zero"));
            }
            floor_remainder_i64(x, y)
        }
        Op::TrueDivide => return int_true_divide(&BigInt::from(x), &BigInt::from(y), Some((x, y))),
        Op::LShift => {
            if y < 0 {
                return Err(value_error("negative shift count"));
            }
            if y < 63 && x.unsigned_abs().leading_zeros() as i64 > y + 1 {
                Some(x << y)
            } else {
                None
            }
        }
        Op::RShift => {
            if y < 0 {
                return Err(value_error("negative shift count"));
            }
            Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            })
        }
        Op::Power => {
            if y < 0 {
                return float_pow(x as f64, y as f64);
            }
            u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
        }
        Op::MatMul => return Err(matmul_error()),
    };
    match checked {
        Some(v) => Ok(Value::Int(v)),
        None => big_int_op(op, &BigInt::from(x), &BigInt::from(y)),
    }
}

fn matmul_error() -> crate::PyErr {
    crate::exceptions::type_error("unsupported operand type(s) for @: 'int' and 'int'")
}

/// Results this many bits long or longer are computed where the time limit
/// and Ctrl-C can stop waiting for them (`interrupt::long_running`):
/// about a million decimal digits, a tenth of a second's work.
const LONG_RUNNING_BITS: u64 = 1 << 22;

pub fn big_int_op(op: Op, x: &BigInt, y: &BigInt) -> PyResult<Value> {
    let result = match op {
        Op::Add => x + y,
        Op::Subtract => x - y,
        Op::Multiply if x.bits() + y.bits() > LONG_RUNNING_BITS => {
            let (x, y) = (x.clone(), y.clone());
            crate::interrupt::long_running(move || x * y)?
        }
        Op::Multiply => x * y,
        Op::And => x & y,
        Op::Or => x | y,
        Op::Xor => x ^ y,
        Op::FloorDivide => {
            if y.is_zero() {
                return Err(zero_division_error("integer division or modulo by zero"));
            }
            x.div_floor(y)
        }
        Op::Remainder => {
            if y.is_zero() {
                return Err(zero_division_error("integer modulo by zero"));
            }
            x.mod_floor(y)
        }
        Op::TrueDivide => return int_true_divide(x, y, None),
        Op::LShift => {
            if y.is_negative() {
                return Err(value_error("negative shift count"));
            }
            let shift = y
                .to_usize()
                .filter(|s| *s < (1 << 32))
                .ok_or_else(|| overflow_error("too many digits in integer"))?;
            x << shift
        }
        Op::RShift => {
            if y.is_negative() {
                return Err(value_error("negative shift count"));
            }
            match y.to_usize() {
                Some(shift) => x >> shift,
                None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        Op::Power => {
            if y.is_negative() {
                return float_pow(bigint_to_f64(x)?, bigint_to_f64(y)?);
            }
            let exponent = y
                .to_u32()
                .ok_or_else(|| overflow_error("exponent too large"))?;
            let bits = x.bits().saturating_mul(exponent as u64);
            if bits > 1 << 34 {
                return Err(crate::memory::no_memory());
            }
            let base = x.clone();
            let power = move || num_traits::pow(base, exponent as usize);
            if bits > LONG_RUNNING_BITS {
                crate::interrupt::long_running(power)?
            } else {
                power()
            }
        }
        Op::MatMul => return Err(matmul_error()),
    };
    Ok(Value::from_bigint(result))
}

/// `int / int`, correctly rounded like CPython for operands below 2**53.
fn int_true_divide(x: &BigInt, y: &BigInt, small: Option<(i64, i64)>) -> PyResult<Value> {
    if y.is_zero() {
        return Err(zero_division_error("division by zero"));
    }
    const EXACT: i64 = 1 << 53;
    if let Some((a, b)) = small {
        if a.unsigned_abs() <= EXACT as u64 && b.unsigned_abs() <= EXACT as u64 {
            return Ok(Value::Float(a as f64 / b as f64));
        }
    }
    if x.is_zero() {
        // Zero keeps the sign of the quotient, as with floats: 0 / -n is -0.0.
        let negative = y.sign() == num_bigint::Sign::Minus;
        return Ok(Value::Float(if negative { -0.0 } else { 0.0 }));
    }
    // Scale so the quotient keeps 64+ significant bits, then divide exactly.
    let shift = (y.bits() as i64 - x.bits() as i64 + 66).max(0);
    let scaled = x << (shift as usize);
    let (q, r) = scaled.div_rem(y);
    let mut q = q;
    if !r.is_zero() {
        q = (q << 1usize) | BigInt::from(1);
        let f = q.to_f64().unwrap_or(f64::INFINITY);
        let value = f * 2f64.powi(-(shift as i32) - 1);
        return finite(value);
    }
    let f = q.to_f64().unwrap_or(f64::INFINITY);
    finite(f * 2f64.powi(-(shift as i32)))
}

fn finite(value: f64) -> PyResult<Value> {
    if value.is_finite() {
        Ok(Value::Float(value))
    } else {
        Err(overflow_error(
            "integer division result too large for a float",
        ))
    }
}

/// Converts a float to an int (truncating), as `int(x)` does.
pub fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::from_bigint(num_bigint::BigInt::from_f64_exact(t)))
}

pub(crate) trait FromF64Exact {
    fn from_f64_exact(f: f64) -> BigInt;
}

impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> BigInt {
        use num_traits::FromPrimitive;
        BigInt::from_f64(f).unwrap_or_default()
    }
}

/// Whether two numbers are equal, exactly (no rounding of big ints).
pub fn num_eq(a: &Num, b: &Num) -> bool {
    num_cmp(a, b) == Some(std::cmp::Ordering::Equal)
}

/// Exact ordering of two numbers; `None` when a NaN is involved.
pub fn num_cmp(a: &Num, b: &Num) -> Option<std::cmp::Ordering> {
    use num_traits::FromPrimitive;
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Float(x), other) => num_cmp(other, &Num::Float(*x)).map(|o| o.reverse()),
        (int, Num::Float(y)) => {
            if y.is_nan() {
                return None;
            }
            if y.is_infinite() {
                return Some(if *y > 0.0 {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                });
            }
            if let Num::Int(x) = int {
                if x.unsigned_abs() < (1 << 53) {
                    return (*x as f64).partial_cmp(y);
                }
            }
            // Compare exactly: floor of y as a big int, then the fraction.
            let floor = BigInt::from_f64(y.floor())?;
            let x = int.big();
            match x.cmp(&floor) {
                std::cmp::Ordering::Equal if y.fract() != 0.0 => Some(std::cmp::Ordering::Less),
                ordering => Some(ordering),
            }
        }
        _ => Some(a.big().cmp(&b.big())),
    }
}

/// Python's `round(x)` / `round(x, n)` for floats (ties to even, exact decimal).
pub fn round_float(x: f64, digits: Option<i64>) -> PyResult<Value> {
    match digits {
        None => float_to_int(round_half_even(x)),
        Some(n) => {
            if !x.is_finite() || n > 308 {
                return Ok(Value::Float(x));
            }
            if n < -308 {
                return Ok(Value::Float(0.0f64.copysign(x)));
            }
            if n >= 0 {
                // Formatting rounds the exact binary value half-to-even, like CPython.
                let text = format!("{:.*}", n as usize, x);
                Ok(Value::Float(text.parse().unwrap_or(x)))
            } else {
                round_to_tens(x, (-n) as u32).map(Value::Float)
            }
        }
    }
}

/// `round(x, -k)`: `x`'s exact binary value rounded half-to-even to a
/// multiple of `10**k`, then converted back correctly rounded, as CPython's
/// `dtoa`-based rounding does (dividing by `10.0**k` in floating point
/// would round twice).
fn round_to_tens(x: f64, k: u32) -> PyResult<f64> {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), exponent - 1075)
    };
    // |x| = mantissa * 2**exponent = numerator / denominator
    let (numerator, denominator) = if exponent >= 0 {
        (BigInt::from(mantissa) << exponent as usize, BigInt::from(1))
    } else {
        (
            BigInt::from(mantissa),
            BigInt::from(1) << (-exponent) as usize,
        )
    };
    let unit = num_traits::pow(BigInt::from(10), k as usize);
    let divisor = &denominator * &unit;
    let (mut quotient, remainder) = numerator.div_rem(&divisor);
    let twice: BigInt = remainder * 2;
    if twice > divisor || (twice == divisor && quotient.is_odd()) {
        quotient += 1;
    }
    let rounded = bigint_to_f64(&(quotient * unit))
        .map_err(|_| overflow_error("rounded value too large to represent"))?;
    Ok(rounded.copysign(x))
}

pub fn round_half_even(x: f64) -> f64 {
    x.round_ties_even()
}

/// `round(i, n)` for ints: exact, ties to even.
pub fn round_int(value: &Value, digits: i64) -> PyResult<Value> {
    if digits >= 0 {
        return Ok(value.clone());
    }
    let x = match Num::of(value) {
        Some(n) => n.big(),
        None => return Ok(value.clone()),
    };
    let scale = num_traits::pow(BigInt::from(10), (-digits) as usize);
    let (q, r) = x.div_mod_floor(&scale);
    let twice: BigInt = &r * 2;
    let q = match twice.cmp(&scale) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    Ok(Value::from_bigint(q * scale))
}

/// `divmod(a, b)`.
pub fn divmod(a: &Num, b: &Num) -> Option<PyResult<Value>> {
    let q = binary(Op::FloorDivide, a, b)?;
    let r = binary(Op::Remainder, a, b)?;
    Some(match (q, r) {
        (Ok(q), Ok(r)) => Ok(Value::tuple(vec![q, r])),
        (Err(e), _) | (_, Err(e)) => Err(e),
    })
}

/// `-x` for a number.
pub fn negate(n: &Num) -> Value {
    match n {
        Num::Int(i) => match i.checked_neg() {
            Some(v) => Value::Int(v),
            None => Value::from_bigint(-BigInt::from(*i)),
        },
        Num::Big(b) => Value::from_bigint(-(*b).clone()),
        Num::Float(f) => Value::Float(-f),
    }
}

/// `pow(base, exp, mod)` for ints.
pub fn pow_mod(base: &Num, exp: &Num, modulus: &Num) -> PyResult<Value> {
    let (b, e, m) = (base.big(), exp.big(), modulus.big());
    if m.is_zero() {
        return Err(value_error("pow() 3rd argument cannot be 0"));
    }
    let result = if e.is_negative() {
        let inverse = mod_inverse(&b, &m)
            .ok_or_else(|| value_error("base is not invertible for the given modulus"))?;
        inverse.modpow(&-e, &m.abs())
    } else {
        b.modpow(&e, &m.abs())
    };
    // Python's result takes the sign of the modulus.
    let result = if m.is_negative() && !result.is_zero() {
        result + &m
    } else {
        result
    };
    Ok(Value::from_bigint(result))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let e = a.mod_floor(&m).extended_gcd(&m);
    if e.gcd != BigInt::from(1) {
        return None;
    }
    Some(e.x.mod_floor(&m))
}
