//! The `int` and `float` methods the standard library leans on beyond
//! arithmetic: `int.to_bytes`, `int.from_bytes`, `int.as_integer_ratio`,
//! `float.as_integer_ratio`, `float.hex` and `float.conjugate`, with
//! CPython's defaults, errors and messages.
//!
//! `float.fromhex` is not here. `methods.rs` lists these in the types'
//! tables; `int.from_bytes` is reached through `static_method`.

use crate::call::Args;
use crate::exceptions::{overflow_error, type_error, value_error, PyResult};
use crate::numbers::Num;
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use num_bigint::{BigInt, Sign};
use num_traits::{One, Zero};
use std::rc::Rc;

builtin_table!(pub INT_METHODS {
    "to_bytes" => int_to_bytes,
    "as_integer_ratio" => int_as_integer_ratio,
});

builtin_table!(pub FLOAT_METHODS {
    "as_integer_ratio" => float_as_integer_ratio,
    "hex" => float_hex,
    "conjugate" => float_conjugate,
});

pub static INT_FROM_BYTES: Builtin = Builtin {
    name: "from_bytes",
    func: int_from_bytes,
};

fn int_of(value: &Value, method: &str) -> PyResult<BigInt> {
    match Num::of(value) {
        Some(Num::Int(i)) => Ok(BigInt::from(i)),
        Some(Num::Big(b)) => Ok(b.clone()),
        _ => Err(type_error(format!(
            "descriptor '{method}' for 'int' objects doesn't apply to a '{}' object",
            value.type_name()
        ))),
    }
}

/// `byteorder`: true for big-endian.
fn big_endian(value: Option<&Value>) -> PyResult<bool> {
    match value {
        None => Ok(true),
        Some(Value::Str(s)) => match s.as_str() {
            "big" => Ok(true),
            "little" => Ok(false),
            _ => Err(value_error("byteorder must be either 'little' or 'big'")),
        },
        Some(other) => Err(type_error(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            other.type_name()
        ))),
    }
}

fn signed(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::None) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Int(i)) => *i != 0,
        Some(_) => true,
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("to_bytes", args, kw);
    let length = call.keyword("length").cloned();
    let order = call.keyword("byteorder").cloned();
    let is_signed = signed(call.keyword("signed"));
    call.finish()?;
    call.arity(1, 3)?;
    let n = int_of(&call.positional[0], "to_bytes")?;
    let length = match call.positional.get(1).cloned().or(length) {
        None => 1,
        Some(Value::Int(l)) if l >= 0 => l as usize,
        Some(Value::Int(_)) => return Err(value_error("length argument must be non-negative")),
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let big = big_endian(call.positional.get(2).or(order.as_ref()))?;
    if !is_signed && n.sign() == Sign::Minus {
        return Err(overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = n.to_signed_bytes_le();
    if !is_signed && bytes.len() > 1 && bytes.last() == Some(&0) {
        // A positive number's sign byte is not needed unsigned.
        bytes.pop();
    }
    if n.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length {
        return Err(overflow_error("int too big to convert"));
    }
    let fill = if n.sign() == Sign::Minus { 0xff } else { 0 };
    bytes.resize(length, fill);
    if big {
        bytes.reverse();
    }
    Ok(crate::bytes::new(bytes))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
fn int_from_bytes(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("from_bytes", args, kw);
    let given = call.keyword("bytes").cloned();
    let order = call.keyword("byteorder").cloned();
    let is_signed = signed(call.keyword("signed"));
    call.finish()?;
    call.arity(0, 2)?;
    let Some(source) = call.positional.first().cloned().or(given) else {
        return Err(type_error(
            "from_bytes() missing required argument 'bytes' (pos 1)",
        ));
    };
    let big = big_endian(call.positional.get(1).or(order.as_ref()))?;
    let mut data = match crate::bytes::buffer(&source) {
        Some(data) => data,
        None if matches!(source, Value::Str(_)) => {
            return Err(type_error("cannot convert 'str' object to bytes"))
        }
        None => {
            let mut out = Vec::new();
            for item in crate::iter::collect(interp, &source)? {
                match item {
                    Value::Int(i) if (0..256).contains(&i) => out.push(i as u8),
                    Value::Int(_) => return Err(value_error("bytes must be in range(0, 256)")),
                    other => {
                        return Err(type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.type_name()
                        )))
                    }
                }
            }
            out
        }
    };
    if big {
        data.reverse();
    }
    let n = if is_signed {
        BigInt::from_signed_bytes_le(&data)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &data)
    };
    Ok(Value::from_bigint(n))
}

fn int_as_integer_ratio(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("as_integer_ratio", kw)?;
    let n = int_of(&args[0], "as_integer_ratio")?;
    Ok(Value::tuple(vec![Value::from_bigint(n), Value::Int(1)]))
}

fn float_of(value: &Value, method: &str) -> PyResult<f64> {
    match value {
        Value::Float(f) => Ok(*f),
        other => Err(type_error(format!(
            "descriptor '{method}' for 'float' objects doesn't apply to a '{}' object",
            other.type_name()
        ))),
    }
}

/// The mantissa and exponent of a finite float: `f == m * 2**e`, with
/// `m` an integer.
fn decompose(f: f64) -> (i64, i32) {
    let bits = f.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = (bits & ((1 << 52) - 1)) as i64;
    let (mantissa, exponent) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    };
    (if f < 0.0 { -mantissa } else { mantissa }, exponent)
}

fn float_as_integer_ratio(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("as_integer_ratio", kw)?;
    let f = float_of(&args[0], "as_integer_ratio")?;
    if f.is_infinite() {
        return Err(overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(value_error("cannot convert NaN to integer ratio"));
    }
    let (mut mantissa, mut exponent) = decompose(f);
    if mantissa == 0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    while mantissa % 2 == 0 && exponent < 0 {
        mantissa /= 2;
        exponent += 1;
    }
    let (numerator, denominator) = if exponent >= 0 {
        (BigInt::from(mantissa) << exponent as usize, BigInt::one())
    } else {
        (
            BigInt::from(mantissa),
            BigInt::one() << (-exponent) as usize,
        )
    };
    Ok(Value::tuple(vec![
        Value::from_bigint(numerator),
        Value::from_bigint(denominator),
    ]))
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exp>` (`0x0.` for subnormals).
fn float_hex(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("hex", kw)?;
    let f = float_of(&args[0], "hex")?;
    if f.is_nan() {
        return Ok(Value::str("nan"));
    }
    if f.is_infinite() {
        return Ok(Value::str(if f > 0.0 { "inf" } else { "-inf" }));
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return Ok(Value::str(format!("{sign}0x0.0p+0")));
    }
    let bits = f.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (lead, exponent) = if exponent == 0 {
        (0, -1022)
    } else {
        (1, exponent - 1023)
    };
    Ok(Value::str(format!(
        "{sign}0x{lead}.{fraction:013x}p{exponent:+}"
    )))
}

fn float_conjugate(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("conjugate", kw)?;
    Ok(Value::Float(float_of(&args[0], "conjugate")?))
}
