//! `binascii`: hexadecimal (`hexlify`/`b2a_hex` with a separator,
//! `unhexlify`/`a2b_hex`), base64 (`b2a_base64`, `a2b_base64`, lenient or
//! strict), `crc32` and `crc_hqx`, with `binascii.Error` (a `ValueError`)
//! and CPython's messages.
//!
//! Not offered: uuencode (`a2b_uu`/`b2a_uu`), quoted-printable
//! (`a2b_qp`/`b2a_qp`) and the `Incomplete` exception.

use super::module;
use crate::call::Args;
use crate::exceptions::{type_error, PyErr, PyResult};
use crate::types;
use crate::value::{Builtin, PyDict, PyStr, Value};
use crate::Interp;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    static ERROR: RefCell<Option<Value>> = const { RefCell::new(None) };
}

fn error(message: impl Into<String>) -> PyErr {
    match ERROR.with(|e| e.borrow().clone()) {
        Some(Value::Type(t)) => PyErr::with_message(t, message.into()),
        _ => PyErr::with_message(&types::VALUE_ERROR, message.into()),
    }
}

/// Binary data: bytes, or (for the decoders) an ASCII str.
fn data(value: &Value, text_allowed: bool) -> PyResult<Vec<u8>> {
    match value {
        Value::Bytes(b) => Ok(b.data.to_vec()),
        Value::Str(s) if text_allowed => {
            if !s.is_ascii() {
                return Err(crate::exceptions::value_error(
                    "string argument should contain only ASCII characters",
                ));
            }
            Ok(s.as_str().as_bytes().to_vec())
        }
        other if text_allowed => Err(type_error(format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            other.type_name()
        ))),
        other => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

fn hexlify(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("hexlify", args, kw);
    let sep = call.keyword("sep").or(call.positional.get(1)).cloned();
    let per = call
        .keyword("bytes_per_sep")
        .or(call.positional.get(2))
        .cloned();
    let input = call.keyword("data").or(call.positional.first()).cloned();
    call.finish()?;
    let input =
        input.ok_or_else(|| type_error("hexlify() missing required argument 'data' (pos 1)"))?;
    let bytes = data(&input, false)?;
    let hex: Vec<u8> = bytes
        .iter()
        .flat_map(|b| format!("{b:02x}").into_bytes())
        .collect();
    let sep = match sep {
        None | Some(Value::None) => return Ok(crate::bytes::new(hex)),
        Some(Value::Str(s)) if s.as_str().len() == 1 && s.is_ascii() => s.as_str().as_bytes()[0],
        Some(Value::Bytes(b)) if b.data.len() == 1 => b.data[0],
        Some(_) => return Err(crate::exceptions::value_error("sep must be length 1.")),
    };
    let per = match per {
        None => 1,
        Some(Value::Int(n)) => n,
        Some(_) => return Err(type_error("bytes_per_sep must be an integer")),
    };
    let group = per.unsigned_abs().max(1) as usize;
    if per == 0 || bytes.len() <= group {
        return Ok(crate::bytes::new(hex));
    }
    // Groups count from the right for a positive `bytes_per_sep`.
    let chunks: Vec<&[u8]> = if per > 0 {
        let first = bytes.len() % group;
        let mut out = Vec::new();
        if first > 0 {
            out.push(&hex[..first * 2]);
        }
        out.extend(hex[first * 2..].chunks(group * 2));
        out
    } else {
        hex.chunks(group * 2).collect()
    };
    Ok(crate::bytes::new(chunks.join(&sep)))
}

fn unhexlify(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("unhexlify", args, kw);
    call.finish()?;
    call.arity(1, 1)?;
    let text = data(&args[0], true)?;
    if text.len() % 2 != 0 {
        return Err(error("Odd-length string"));
    }
    let digit = |c: u8| {
        (c as char)
            .to_digit(16)
            .ok_or_else(|| error("Non-hexadecimal digit found"))
    };
    let mut out = Vec::with_capacity(text.len() / 2);
    for pair in text.chunks(2) {
        out.push((digit(pair[0])? * 16 + digit(pair[1])?) as u8);
    }
    Ok(crate::bytes::new(out))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b2a_base64(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("b2a_base64", args, kw);
    let newline = call.keyword("newline").map_or(true, Value::truthy);
    call.finish()?;
    call.arity(1, 1)?;
    let bytes = data(&call.positional[0], false)?;
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4 + 1);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | *b as u32) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(crate::bytes::new(out))
}

fn a2b_base64(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("a2b_base64", args, kw);
    let strict = call.keyword("strict_mode").is_some_and(Value::truthy);
    call.finish()?;
    call.arity(1, 1)?;
    let text = data(&call.positional[0], true)?;
    let value_of = |c: u8| ALPHABET.iter().position(|a| *a == c).map(|p| p as u32);
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut quad = 0u32;
    let mut count = 0usize;
    let mut padding = 0usize;
    let mut seen_padding = false;
    for (i, &c) in text.iter().enumerate() {
        if c == b'=' {
            if strict && i == 0 {
                return Err(error("Leading padding not allowed"));
            }
            // Enough padding ends the data, as CPython's lenient decoder does.
            if count >= 2 && count + padding + 1 >= 4 {
                seen_padding = true;
                if strict && i + 1 != text.len() {
                    return Err(error("Excess data after padding"));
                }
                break;
            }
            padding += 1;
            seen_padding = true;
            continue;
        }
        let Some(v) = value_of(c) else {
            if strict {
                return Err(error("Only base64 data is allowed"));
            }
            continue;
        };
        if strict && seen_padding {
            return Err(error("Discontinuous padding not allowed"));
        }
        padding = 0;
        quad = (quad << 6) | v;
        count += 1;
        if count == 4 {
            out.extend_from_slice(&[(quad >> 16) as u8, (quad >> 8) as u8, quad as u8]);
            quad = 0;
            count = 0;
        }
    }
    match count {
        0 => {}
        1 => {
            let characters = text.iter().filter(|c| value_of(**c).is_some()).count();
            return Err(error(format!(
                "Invalid base64-encoded string: number of data characters ({characters}) cannot be 1 more than a multiple of 4"
            )));
        }
        _ if !seen_padding => return Err(error("Incorrect padding")),
        2 => out.push((quad >> 4) as u8),
        _ => out.extend_from_slice(&[(quad >> 10) as u8, (quad >> 2) as u8]),
    }
    Ok(crate::bytes::new(out))
}

fn start_value(value: Option<&Value>, name: &str) -> PyResult<u32> {
    match value {
        None => Ok(0),
        Some(Value::Int(n)) => Ok(*n as u32),
        Some(Value::BigInt(b)) => {
            use num_traits::ToPrimitive;
            Ok((b.as_ref() & num_bigint::BigInt::from(u32::MAX))
                .to_u32()
                .unwrap_or(0))
        }
        Some(other) => Err(type_error(format!(
            "{name}: an integer is required, not '{}'",
            other.type_name()
        ))),
    }
}

fn crc32(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("crc32", args, kw);
    call.finish()?;
    call.arity(1, 2)?;
    let bytes = data(&args[0], false)?;
    let mut crc = !start_value(args.get(1), "crc32")?;
    for b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    Ok(Value::Int(!crc as i64))
}

fn crc_hqx(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("crc_hqx", args, kw);
    call.finish()?;
    call.arity(2, 2)?;
    let bytes = data(&args[0], false)?;
    let mut crc = start_value(args.get(1), "crc_hqx")? & 0xffff;
    for b in bytes {
        crc ^= (b as u32) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
            crc &= 0xffff;
        }
    }
    Ok(Value::Int(crc as i64))
}

builtin_table!(FUNCTIONS {
    "hexlify" => hexlify,
    "b2a_hex" => hexlify,
    "unhexlify" => unhexlify,
    "a2b_hex" => unhexlify,
    "b2a_base64" => b2a_base64,
    "a2b_base64" => a2b_base64,
    "crc32" => crc32,
    "crc_hqx" => crc_hqx,
});

pub fn create() -> PyResult<Value> {
    let namespace = PyDict::new();
    namespace.set_str(&crate::intern("__module__"), Value::str("binascii"));
    let class = crate::classes::make_class(
        "Error",
        vec![&types::VALUE_ERROR],
        &namespace,
        Value::str("binascii"),
    )?;
    ERROR.with(|e| *e.borrow_mut() = Some(Value::Type(class)));
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    Ok(module(
        "binascii",
        &functions,
        vec![("Error", Value::Type(class))],
    ))
}
