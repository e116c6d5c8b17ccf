//! The `math` module: the usual functions and constants, with CPython's
//! domain errors (`ValueError: math domain error`) and integer results for
//! `floor`, `ceil`, `trunc`, `gcd`, `factorial` and `comb`; the rest
//! (`fsum`, `modf`, `gamma`, ...) is `math_more.rs`.

use super::{float_arg, module};
use crate::call::no_keywords;
use crate::exceptions::{overflow_error, type_error, value_error, PyResult};
use crate::numbers::{self, Num};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::rc::Rc;

type Args<'a> = (&'a mut Interp, &'a [Value], &'a [Rc<PyStr>]);

fn exactly<'a>(
    name: &str,
    args: &'a [Value],
    kwnames: &[Rc<PyStr>],
    n: usize,
) -> PyResult<&'a [Value]> {
    no_keywords(name, kwnames)?;
    if args.len() == n {
        return Ok(args);
    }
    Err(type_error(if n == 1 {
        format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.len()
        )
    } else {
        format!("{name} expected {n} arguments, got {}", args.len())
    }))
}

fn domain(result: f64) -> PyResult<Value> {
    if result.is_nan() {
        Err(value_error("math domain error"))
    } else if result.is_infinite() {
        Err(overflow_error("math range error"))
    } else {
        Ok(Value::Float(result))
    }
}

macro_rules! unary {
    ($($ident:ident = $name:literal => |$x:ident| $body:expr;)*) => {
        $(
            fn $ident(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
                let $x = float_arg(&exactly($name, args, kwnames, 1)?[0])?;
                if $x.is_nan() {
                    return Ok(Value::Float(f64::NAN));
                }
                $body
            }
        )*
    };
}

unary! {
    sqrt = "sqrt" => |x| if x < 0.0 { Err(value_error("math domain error")) } else { Ok(Value::Float(x.sqrt())) };
    exp = "exp" => |x| domain(x.exp()).or_else(|e| if x < 0.0 { Ok(Value::Float(0.0)) } else { Err(e) });
    log2 = "log2" => |x| if x <= 0.0 { Err(value_error("math domain error")) } else { Ok(Value::Float(x.log2())) };
    log10 = "log10" => |x| if x <= 0.0 { Err(value_error("math domain error")) } else { Ok(Value::Float(x.log10())) };
    sin = "sin" => |x| if x.is_infinite() { Err(value_error("math domain error")) } else { Ok(Value::Float(x.sin())) };
    cos = "cos" => |x| if x.is_infinite() { Err(value_error("math domain error")) } else { Ok(Value::Float(x.cos())) };
    tan = "tan" => |x| if x.is_infinite() { Err(value_error("math domain error")) } else { Ok(Value::Float(x.tan())) };
    asin = "asin" => |x| domain(x.asin());
    acos = "acos" => |x| domain(x.acos());
    atan = "atan" => |x| Ok(Value::Float(x.atan()));
    sinh = "sinh" => |x| Ok(Value::Float(x.sinh()));
    cosh = "cosh" => |x| Ok(Value::Float(x.cosh()));
    tanh = "tanh" => |x| Ok(Value::Float(x.tanh()));
    fabs = "fabs" => |x| Ok(Value::Float(x.abs()));
    degrees = "degrees" => |x| Ok(Value::Float(x.to_degrees()));
    radians = "radians" => |x| Ok(Value::Float(x.to_radians()));
}

fn isnan(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(
        float_arg(&exactly("isnan", args, kw, 1)?[0])?.is_nan(),
    ))
}

fn isinf(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(
        float_arg(&exactly("isinf", args, kw, 1)?[0])?.is_infinite(),
    ))
}

fn isfinite(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(
        float_arg(&exactly("isfinite", args, kw, 1)?[0])?.is_finite(),
    ))
}

/// `floor`, `ceil`, `trunc`: ints stay exact; floats round to an int.
fn rounding(args: &[Value], kw: &[Rc<PyStr>], name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let value = &exactly(name, args, kw, 1)?[0];
    match value {
        Value::Int(_) | Value::BigInt(_) => Ok(value.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        other => numbers::float_to_int(f(float_arg(other)?)),
    }
}

fn floor(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    rounding(args, kw, "floor", f64::floor)
}

fn ceil(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    rounding(args, kw, "ceil", f64::ceil)
}

fn trunc(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    rounding(args, kw, "trunc", f64::trunc)
}

fn log(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("log", kw)?;
    let ln = |v: &Value| -> PyResult<f64> {
        let x = float_arg(v)?;
        if x <= 0.0 {
            return Err(value_error("math domain error"));
        }
        Ok(x.ln())
    };
    match args {
        [x] => Ok(Value::Float(ln(x)?)),
        [x, base] => {
            let denominator = ln(base)?;
            if denominator == 0.0 {
                return Err(crate::exceptions::zero_division_error(
                    "float division by zero",
                ));
            }
            Ok(Value::Float(ln(x)? / denominator))
        }
        _ => Err(type_error(format!(
            "log expected 1 or 2 arguments, got {}",
            args.len()
        ))),
    }
}

fn binary_float(name: &str, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<(f64, f64)> {
    let args = exactly(name, args, kw, 2)?;
    Ok((float_arg(&args[0])?, float_arg(&args[1])?))
}

fn atan2(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let (y, x) = binary_float("atan2", args, kw)?;
    Ok(Value::Float(y.atan2(x)))
}

fn copysign(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let (x, y) = binary_float("copysign", args, kw)?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let (x, y) = binary_float("fmod", args, kw)?;
    if y == 0.0 || x.is_infinite() {
        return Err(value_error("math domain error"));
    }
    Ok(Value::Float(x % y))
}

fn pow(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let (x, y) = binary_float("pow", args, kw)?;
    if x == 0.0 && y < 0.0 {
        return Err(value_error("math domain error"));
    }
    domain(x.powf(y))
}

fn hypot(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("hypot", kw)?;
    let mut total = 0.0f64;
    for value in args {
        let x = float_arg(value)?;
        total = total.hypot(x);
    }
    Ok(Value::Float(total))
}

fn isclose(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = crate::call::Args::new("isclose", args, kw);
    let rel = a
        .keyword("rel_tol")
        .map(float_arg)
        .transpose()?
        .unwrap_or(1e-9);
    let abs = a
        .keyword("abs_tol")
        .map(float_arg)
        .transpose()?
        .unwrap_or(0.0);
    a.finish()?;
    let [x, y] = a.positional else {
        return Err(type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            a.positional.len()
        )));
    };
    let (x, y) = (float_arg(x)?, float_arg(y)?);
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (x - y).abs();
    Ok(Value::Bool(
        diff <= (rel * y.abs()).max(rel * x.abs()) || diff <= abs,
    ))
}

fn int_arg(value: &Value, name: &str) -> PyResult<BigInt> {
    match Num::of(value) {
        Some(Num::Int(i)) => Ok(BigInt::from(i)),
        Some(Num::Big(b)) => Ok(b.clone()),
        _ => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            value.type_name()
        )))
        .map_err(|e| {
            let _ = name;
            e
        }),
    }
}

fn gcd(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("gcd", kw)?;
    let mut result = BigInt::zero();
    for value in args {
        result = result.gcd(&int_arg(value, "gcd")?);
    }
    Ok(Value::from_bigint(result))
}

fn factorial(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let value = &exactly("factorial", args, kw, 1)?[0];
    if let Value::Float(_) = value {
        return Err(type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = int_arg(value, "factorial")?;
    if n.is_negative() {
        return Err(value_error("factorial() not defined for negative values"));
    }
    let n = n.to_u64().ok_or_else(|| {
        overflow_error("factorial() argument should not exceed 9223372036854775807")
    })?;
    let mut result = BigInt::one();
    for k in 2..=n {
        result *= k;
    }
    Ok(Value::from_bigint(result))
}

fn comb(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let args = exactly("comb", args, kw, 2)?;
    let (n, k) = (int_arg(&args[0], "comb")?, int_arg(&args[1], "comb")?);
    if n.is_negative() {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.clone().min(&n - &k).to_u64().unwrap_or(0);
    let mut result = BigInt::one();
    for i in 0..k {
        result = result * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(result))
}

/// `math.perm(n, k=None)`: `n! / (n - k)!`, and `n!` without `k`.
fn perm(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("perm", kw)?;
    if args.is_empty() || args.len() > 2 {
        let bound = if args.is_empty() {
            "least 1 argument"
        } else {
            "most 2 arguments"
        };
        return Err(type_error(format!(
            "perm expected at {bound}, got {}",
            args.len()
        )));
    }
    let n = int_arg(&args[0], "perm")?;
    let k = match args.get(1) {
        None | Some(Value::None) if n.is_negative() => {
            return Err(value_error("factorial() not defined for negative values"))
        }
        None | Some(Value::None) => n.clone(),
        Some(k) => int_arg(k, "perm")?,
    };
    if n.is_negative() {
        return Err(value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k
        .to_u64()
        .ok_or_else(|| overflow_error("k must not exceed 9223372036854775807"))?;
    let mut result = BigInt::one();
    for i in 0..k {
        interp.check_interrupt()?;
        result *= &n - i;
    }
    Ok(Value::from_bigint(result))
}

/// `math.isqrt(n)`: the floor of the square root of a non-negative int.
fn isqrt(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let n = int_arg(&exactly("isqrt", args, kw, 1)?[0], "isqrt")?;
    if n.is_negative() {
        return Err(value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(num_integer::Roots::sqrt(&n)))
}

fn prod(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = crate::call::Args::new("prod", args, kw);
    let start = a.keyword("start").cloned();
    a.finish()?;
    let [iterable] = a.positional else {
        return Err(type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            a.positional.len()
        )));
    };
    let _ = interp;
    let mut total = start.unwrap_or(Value::Int(1));
    for item in crate::iter::collect(interp, iterable)? {
        total = crate::ops::binary_op(
            interp,
            pvm_frontend::BinaryOperator::Multiply,
            false,
            &total,
            &item,
        )?;
    }
    Ok(total)
}

macro_rules! table {
    ($($ident:ident),* $(,)?) => {
        &[$(&Builtin { name: stringify!($ident), func: $ident }),*]
    };
}

pub(super) fn create() -> Value {
    static FUNCTIONS: &[&Builtin] = table![
        sqrt, exp, log, log2, log10, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh,
        fabs, degrees, radians, isnan, isinf, isfinite, floor, ceil, trunc, copysign, fmod, pow,
        hypot, isclose, gcd, factorial, comb, perm, isqrt, prod,
    ];
    let _: Option<Args> = None;
    let functions: Vec<&'static Builtin> = FUNCTIONS
        .iter()
        .copied()
        .chain(super::math_more::FUNCTIONS)
        .collect();
    module(
        "math",
        &functions,
        vec![
            ("pi", Value::Float(std::f64::consts::PI)),
            ("e", Value::Float(std::f64::consts::E)),
            ("tau", Value::Float(std::f64::consts::TAU)),
            ("inf", Value::Float(f64::INFINITY)),
            ("nan", Value::Float(f64::NAN)),
        ],
    )
}
