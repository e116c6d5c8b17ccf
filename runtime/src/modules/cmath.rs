//! `cmath`: functions of complex numbers, computed with the formulas of
//! CPython 3.11's `cmathmodule.c` for finite arguments (its scaled `sqrt`,
//! `log1p` near the unit circle, the `sqrt`-based inverse functions), the
//! constants, and the classification functions.
//!
//! Not done: CPython's tables of special values for infinite and NaN
//! arguments and its overflow checks for huge ones; such arguments give
//! what the formulas give (often `nan`) instead of CPython's answer.

use super::module;
use crate::call::Args;
use crate::complex::{self, Complex};
use crate::exceptions::{type_error, value_error, PyResult};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// A number argument as a complex.
fn arg(value: &Value) -> PyResult<Complex> {
    if let Some(z) = complex::of(value) {
        return Ok(z);
    }
    let real = match value {
        Value::Float(f) => *f,
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        Value::BigInt(b) => crate::numbers::bigint_to_f64(b)?,
        other => {
            return Err(type_error(format!(
                "must be real number, not {}",
                other.type_name()
            )))
        }
    };
    Ok(Complex { real, imag: 0.0 })
}

/// The C library's `asinh`, which CPython calls (Rust's own rounds
/// differently in the last place).
fn libm_asinh(x: f64) -> f64 {
    extern "C" {
        fn asinh(x: f64) -> f64;
    }
    // SAFETY: C's `asinh` (in the math library std links) reads one
    // double and touches no memory.
    unsafe { asinh(x) }
}

fn c(real: f64, imag: f64) -> Complex {
    Complex { real, imag }
}

fn sqrt(z: Complex) -> Complex {
    if z.real == 0.0 && z.imag == 0.0 {
        return c(0.0, z.imag);
    }
    let ax = z.real.abs();
    let ay = z.imag.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        // Scaled up and back down, as CPython does for subnormal results.
        let scaled = ax * 2f64.powi(53);
        (scaled + scaled.hypot(ay * 2f64.powi(53))).sqrt() * 2f64.powi(-27)
    } else {
        let ax = ax / 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.real >= 0.0 {
        c(s, d.copysign(z.imag))
    } else {
        c(d, s.copysign(z.imag))
    }
}

fn exp(z: Complex) -> Complex {
    let l = z.real.exp();
    c(l * z.imag.cos(), l * z.imag.sin())
}

fn log(z: Complex) -> Complex {
    let ax = z.real.abs();
    let ay = z.imag.abs();
    let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
    let h = ax.hypot(ay);
    let real = if (0.71..=1.73).contains(&h) {
        ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
    } else {
        h.ln()
    };
    c(real, z.imag.atan2(z.real))
}

fn sinh(z: Complex) -> Complex {
    c(z.imag.cos() * z.real.sinh(), z.imag.sin() * z.real.cosh())
}

fn cosh(z: Complex) -> Complex {
    c(z.imag.cos() * z.real.cosh(), z.imag.sin() * z.real.sinh())
}

fn tanh(z: Complex) -> Complex {
    let tx = z.real.tanh();
    let ty = z.imag.tan();
    let cx = 1.0 / z.real.cosh();
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    c(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
}

/// `f(z) = -i g(iz)`: how `sin`, `tan`, `asin` and `atan` come from the
/// hyperbolic functions.
fn rotated(z: Complex, g: fn(Complex) -> Complex) -> Complex {
    let r = g(c(-z.imag, z.real));
    c(r.imag, -r.real)
}

fn asinh(z: Complex) -> Complex {
    let s1 = sqrt(c(1.0 + z.imag, -z.real));
    let s2 = sqrt(c(1.0 - z.imag, z.real));
    c(
        libm_asinh(s1.real * s2.imag - s2.real * s1.imag),
        z.imag.atan2(s1.real * s2.real - s1.imag * s2.imag),
    )
}

fn acos(z: Complex) -> Complex {
    let s1 = sqrt(c(1.0 - z.real, -z.imag));
    let s2 = sqrt(c(1.0 + z.real, z.imag));
    c(
        2.0 * s1.real.atan2(s2.real),
        libm_asinh(s2.real * s1.imag - s2.imag * s1.real),
    )
}

fn acosh(z: Complex) -> Complex {
    let s1 = sqrt(c(z.real - 1.0, z.imag));
    let s2 = sqrt(c(z.real + 1.0, z.imag));
    c(
        libm_asinh(s1.real * s2.real + s1.imag * s2.imag),
        2.0 * s1.imag.atan2(s2.real),
    )
}

fn atanh(z: Complex) -> Complex {
    if z.real < 0.0 {
        let r = atanh(c(-z.real, -z.imag));
        return c(-r.real, -r.imag);
    }
    let ay = z.imag.abs();
    if z.real == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        if ay == 0.0 {
            // A pole: CPython's domain error (NaN makes `answer` say so).
            return c(f64::NAN, z.imag);
        }
        return c(
            -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln(),
            (2.0f64.atan2(-ay) / 2.0).copysign(z.imag),
        );
    }
    c(
        (4.0 * z.real / ((1.0 - z.real) * (1.0 - z.real) + ay * ay)).ln_1p() / 4.0,
        -(-2.0 * z.imag).atan2((1.0 - z.real) * (1.0 + z.real) - ay * ay) / 2.0,
    )
}

fn one(name: &'static str, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Complex> {
    let call = Args::new(name, args, kw);
    call.finish()?;
    call.arity(1, 1)?;
    arg(&args[0])
}

/// A result, checked as CPython checks: a finite argument with a NaN or
/// infinite result is a domain or range error.
fn answer(z: Complex, r: Complex) -> PyResult<Value> {
    let finite = |x: Complex| x.real.is_finite() && x.imag.is_finite();
    if finite(z) && !finite(r) {
        if r.real.is_nan() || r.imag.is_nan() {
            return Err(value_error("math domain error"));
        }
        return Err(crate::exceptions::overflow_error("math range error"));
    }
    Ok(complex::new(r.real, r.imag))
}

macro_rules! functions {
    ($($name:literal => $func:ident = $body:expr,)*) => {
        $(fn $func(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
            let z = one($name, args, kw)?;
            let f: fn(Complex) -> Complex = $body;
            answer(z, f(z))
        })*
        builtin_table!(SIMPLE { $($name => $func,)* });
    };
}

functions! {
    "sqrt" => cmath_sqrt = sqrt,
    "exp" => cmath_exp = exp,
    "sinh" => cmath_sinh = sinh,
    "cosh" => cmath_cosh = cosh,
    "tanh" => cmath_tanh = tanh,
    "sin" => cmath_sin = |z| rotated(z, sinh),
    "cos" => cmath_cos = |z| cosh(c(-z.imag, z.real)),
    "tan" => cmath_tan = |z| rotated(z, tanh),
    "asinh" => cmath_asinh = asinh,
    "acosh" => cmath_acosh = acosh,
    "atanh" => cmath_atanh = atanh,
    "asin" => cmath_asin = |z| rotated(z, asinh),
    "acos" => cmath_acos = acos,
    "atan" => cmath_atan = |z| rotated(z, atanh),
    "log10" => cmath_log10 = |z| {
        let r = log(z);
        c(r.real / std::f64::consts::LN_10, r.imag / std::f64::consts::LN_10)
    },
}

fn cmath_log(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("log", args, kw);
    call.finish()?;
    call.arity(1, 2)?;
    let z = arg(&args[0])?;
    if z.real == 0.0 && z.imag == 0.0 {
        return Err(value_error("math domain error"));
    }
    let r = log(z);
    let Some(base) = args.get(1) else {
        return answer(z, r);
    };
    let b = arg(base)?;
    if b.real == 0.0 && b.imag == 0.0 {
        return Err(value_error("math domain error"));
    }
    match complex::quotient(r, log(b)) {
        Some(q) => answer(z, q),
        None => Err(crate::exceptions::zero_division_error(
            "complex division by zero",
        )),
    }
}

fn phase(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let z = one("phase", args, kw)?;
    Ok(Value::Float(z.imag.atan2(z.real)))
}

fn polar(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let z = one("polar", args, kw)?;
    let r = complex::modulus(z)?;
    Ok(Value::tuple(vec![
        Value::Float(r),
        Value::Float(z.imag.atan2(z.real)),
    ]))
}

fn real_arg(value: &Value) -> PyResult<f64> {
    let z = arg(value)?;
    if complex::of(value).is_some() {
        return Err(type_error("must be real number, not complex"));
    }
    Ok(z.real)
}

fn rect(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("rect", args, kw);
    call.finish()?;
    call.arity(2, 2)?;
    let (r, phi) = (real_arg(&args[0])?, real_arg(&args[1])?);
    if phi == 0.0 {
        return Ok(complex::new(r, phi * r));
    }
    Ok(complex::new(r * phi.cos(), r * phi.sin()))
}

fn test(
    args: &[Value],
    kw: &[Rc<PyStr>],
    name: &'static str,
    f: fn(f64) -> bool,
    any: bool,
) -> PyResult<Value> {
    let z = one(name, args, kw)?;
    Ok(Value::Bool(if any {
        f(z.real) || f(z.imag)
    } else {
        f(z.real) && f(z.imag)
    }))
}

fn isfinite(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    test(args, kw, "isfinite", f64::is_finite, false)
}

fn isinf(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    test(args, kw, "isinf", f64::is_infinite, true)
}

fn isnan(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    test(args, kw, "isnan", f64::is_nan, true)
}

fn isclose(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("isclose", args, kw);
    let rel = call
        .keyword("rel_tol")
        .map(real_arg)
        .transpose()?
        .unwrap_or(1e-9);
    let abs = call
        .keyword("abs_tol")
        .map(real_arg)
        .transpose()?
        .unwrap_or(0.0);
    call.finish()?;
    call.arity(2, 2)?;
    if rel < 0.0 || abs < 0.0 {
        return Err(value_error("tolerances must be non-negative"));
    }
    let (a, b) = (arg(&args[0])?, arg(&args[1])?);
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.real.is_infinite() || a.imag.is_infinite() || b.real.is_infinite() || b.imag.is_infinite()
    {
        return Ok(Value::Bool(false));
    }
    let diff = complex::modulus(c(a.real - b.real, a.imag - b.imag))?;
    let close =
        diff <= rel * complex::modulus(b)? || diff <= rel * complex::modulus(a)? || diff <= abs;
    Ok(Value::Bool(close))
}

builtin_table!(OTHERS {
    "log" => cmath_log,
    "phase" => phase,
    "polar" => polar,
    "rect" => rect,
    "isfinite" => isfinite,
    "isinf" => isinf,
    "isnan" => isnan,
    "isclose" => isclose,
});

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = SIMPLE.iter().chain(OTHERS.iter()).collect();
    module(
        "cmath",
        &functions,
        vec![
            ("pi", Value::Float(std::f64::consts::PI)),
            ("e", Value::Float(std::f64::consts::E)),
            ("tau", Value::Float(std::f64::consts::TAU)),
            ("inf", Value::Float(f64::INFINITY)),
            ("nan", Value::Float(f64::NAN)),
            ("infj", complex::new(0.0, f64::INFINITY)),
            ("nanj", complex::new(0.0, f64::NAN)),
        ],
    )
}
