//! The rest of `math`, next to `math.rs`: `modf`, `frexp`, `ldexp`, `fsum`
//! (exact, CPython's algorithm), `lcm`, `dist`, the inverse hyperbolic
//! functions, `exp2`, `expm1`, `log1p`, `erf`, `erfc`, `remainder`,
//! `nextafter` and `ulp`, with CPython's domain and range errors; `erf` and
//! `erfc` come from the C library, as CPython's do.
//!
//! Not offered: `gamma`, `lgamma` and `cbrt` (CPython's answers differ
//! from the C library's in the last bit; pvm does not have CPython's).

use super::float_arg;
use crate::call::no_keywords;
use crate::exceptions::{overflow_error, type_error, value_error, PyResult};
use crate::value::{PyStr, Value};
use crate::Interp;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};
use std::rc::Rc;

extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
    fn remainder(x: f64, y: f64) -> f64;
    fn nextafter(x: f64, y: f64) -> f64;
    fn frexp(x: f64, exp: *mut i32) -> f64;
    fn ldexp(x: f64, exp: i32) -> f64;
}

fn floats<const N: usize>(name: &str, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<[f64; N]> {
    no_keywords(name, kw)?;
    if args.len() != N {
        return Err(type_error(if N == 1 {
            format!(
                "math.{name}() takes exactly one argument ({} given)",
                args.len()
            )
        } else {
            format!("{name} expected {N} arguments, got {}", args.len())
        }));
    }
    let mut out = [0.0; N];
    for (slot, value) in out.iter_mut().zip(args) {
        *slot = float_arg(value)?;
    }
    Ok(out)
}

fn domain_error() -> crate::exceptions::PyErr {
    value_error("math domain error")
}

/// A result that must be finite when the argument was (else a range error).
fn finite(x: f64, result: f64) -> PyResult<Value> {
    if result.is_infinite() && x.is_finite() {
        return Err(overflow_error("math range error"));
    }
    Ok(Value::Float(result))
}

macro_rules! unary {
    ($($fn:ident = $name:literal => |$x:ident| $body:expr;)*) => {
        $(fn $fn(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
            let [$x] = floats::<1>($name, args, kw)?;
            if $x.is_nan() {
                return Ok(Value::Float($x));
            }
            $body
        })*
    };
}

unary! {
    m_acosh = "acosh" => |x| if x < 1.0 { Err(domain_error()) } else { Ok(Value::Float(x.acosh())) };
    m_asinh = "asinh" => |x| Ok(Value::Float(x.asinh()));
    m_atanh = "atanh" => |x| if x.abs() >= 1.0 { Err(domain_error()) } else { Ok(Value::Float(x.atanh())) };
    m_exp2 = "exp2" => |x| finite(x, x.exp2());
    m_expm1 = "expm1" => |x| finite(x, x.exp_m1());
    m_log1p = "log1p" => |x| if x <= -1.0 { Err(domain_error()) } else { Ok(Value::Float(x.ln_1p())) };
    // SAFETY (these four): pure C library functions of a double.
    m_erf = "erf" => |x| Ok(Value::Float(unsafe { erf(x) }));
    m_erfc = "erfc" => |x| Ok(Value::Float(unsafe { erfc(x) }));
    m_ulp = "ulp" => |x| {
        let x = x.abs();
        if x.is_infinite() {
            return Ok(Value::Float(x));
        }
        // SAFETY: pure C library function.
        let next = unsafe { nextafter(x, f64::INFINITY) };
        if next.is_infinite() {
            let previous = unsafe { nextafter(x, 0.0) };
            return Ok(Value::Float(x - previous));
        }
        Ok(Value::Float(next - x))
    };
}

fn m_modf(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let [x] = floats::<1>("modf", args, kw)?;
    let (fraction, whole) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        (x.fract(), x.trunc())
    };
    Ok(Value::tuple(vec![
        Value::Float(fraction),
        Value::Float(whole),
    ]))
}

fn m_frexp(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let [x] = floats::<1>("frexp", args, kw)?;
    if x.is_nan() || x.is_infinite() || x == 0.0 {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let mut exponent = 0;
    // SAFETY: `exponent` is a valid place for the C function to write.
    let mantissa = unsafe { frexp(x, &mut exponent) };
    Ok(Value::tuple(vec![
        Value::Float(mantissa),
        Value::Int(exponent as i64),
    ]))
}

fn m_ldexp(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("ldexp", kw)?;
    let [x, i] = args else {
        return Err(type_error(format!(
            "ldexp expected 2 arguments, got {}",
            args.len()
        )));
    };
    let x = float_arg(x)?;
    let i: i64 = match i {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => {
            if b.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        _ => return Err(type_error("Expected an int as second argument to ldexp.")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let i = i.clamp(-10_000, 10_000) as i32;
    // SAFETY: pure C library function.
    let result = unsafe { ldexp(x, i) };
    finite(x, result)
}

/// `fsum(iterable)`: the correctly rounded sum (CPython's `math_fsum`,
/// Shewchuk's partials with the final half-way correction).
fn m_fsum(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("fsum", kw)?;
    let [iterable] = args else {
        return Err(type_error(format!(
            "math.fsum() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for item in crate::iter::collect(interp, iterable)? {
        let mut x = float_arg(&item)?;
        let original = x;
        let mut kept = 0;
        for i in 0..partials.len() {
            let mut y = partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        if x != 0.0 {
            if !x.is_finite() {
                if original.is_finite() {
                    return Err(overflow_error("intermediate overflow in fsum"));
                }
                if original.is_infinite() {
                    inf_sum += original;
                }
                special += original;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(0).filter(|n| *n > 0) {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

fn m_lcm(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("lcm", kw)?;
    let mut result = BigInt::from(1);
    for value in args {
        let n = crate::builtins::integer_arg(value)?;
        if n.is_zero() || result.is_zero() {
            result = BigInt::zero();
            continue;
        }
        result = result.lcm(&n).abs();
    }
    Ok(Value::from_bigint(result))
}

fn m_remainder(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let [x, y] = floats::<2>("remainder", args, kw)?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::Float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain_error());
    }
    // SAFETY: pure C library function.
    Ok(Value::Float(unsafe { remainder(x, y) }))
}

fn m_nextafter(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let [x, y] = floats::<2>("nextafter", args, kw)?;
    // SAFETY: pure C library function.
    Ok(Value::Float(unsafe { nextafter(x, y) }))
}

fn m_dist(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("dist", kw)?;
    let [p, q] = args else {
        return Err(type_error(format!(
            "dist expected 2 arguments, got {}",
            args.len()
        )));
    };
    let p = crate::iter::collect(interp, p)?;
    let q = crate::iter::collect(interp, q)?;
    if p.len() != q.len() {
        return Err(value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut total = 0.0f64;
    let mut scale = 0.0f64;
    let mut diffs = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(&q) {
        let d = (float_arg(a)? - float_arg(b)?).abs();
        scale = scale.max(d);
        diffs.push(d);
    }
    if scale == 0.0 || scale.is_infinite() {
        return Ok(Value::Float(scale));
    }
    for d in diffs {
        let r = d / scale;
        total += r * r;
    }
    Ok(Value::Float(scale * total.sqrt()))
}

builtin_table!(pub FUNCTIONS {
    "acosh" => m_acosh,
    "asinh" => m_asinh,
    "atanh" => m_atanh,
    "exp2" => m_exp2,
    "expm1" => m_expm1,
    "log1p" => m_log1p,
    "erf" => m_erf,
    "erfc" => m_erfc,
    "ulp" => m_ulp,
    "modf" => m_modf,
    "frexp" => m_frexp,
    "ldexp" => m_ldexp,
    "fsum" => m_fsum,
    "lcm" => m_lcm,
    "remainder" => m_remainder,
    "nextafter" => m_nextafter,
    "dist" => m_dist,
});
