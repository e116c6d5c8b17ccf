//! `bytes`: immutable byte strings with the basic operations and methods
//! (`decode`, `hex`, `split`, `join`, ...; the searches are `search.rs`) and
//! `str.encode`.
//!
//! Only UTF-8, ASCII and Latin-1 are known as encodings; other names raise
//! `LookupError` as CPython does for an unknown codec. `bytearray` and
//! `memoryview` are not provided.

use crate::exceptions::{index_error, type_error, value_error, PyErr, PyResult};
use crate::types;
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

pub struct PyBytes {
    pub data: Box<[u8]>,
}

pub fn new(data: impl Into<Box<[u8]>>) -> Value {
    Value::Bytes(Rc::new(PyBytes { data: data.into() }))
}

fn lookup_error(encoding: &str) -> PyErr {
    PyErr::with_message(
        &types::LOOKUP_ERROR,
        format!("unknown encoding: {encoding}"),
    )
}

fn normalise(encoding: &str) -> String {
    encoding.to_ascii_lowercase().replace(['-', '_'], "")
}

/// `text.encode(encoding)`.
pub fn encode(text: &str, encoding: &str) -> PyResult<Value> {
    match normalise(encoding).as_str() {
        "utf8" => Ok(new(text.as_bytes())),
        "ascii" | "latin1" | "iso88591" => {
            let limit = if normalise(encoding) == "ascii" {
                0x80
            } else {
                0x100
            };
            let mut out = Vec::with_capacity(text.len());
            for (i, c) in text.chars().enumerate() {
                if (c as u32) >= limit {
                    let codec = if limit == 0x80 { "ascii" } else { "latin-1" };
                    return Err(PyErr::with_message(
                        &types::VALUE_ERROR,
                        format!(
                            "'{codec}' codec can't encode character '\\x{:02x}' in position {i}: ordinal not in range({limit})",
                            c as u32
                        ),
                    ));
                }
                out.push(c as u8);
            }
            Ok(new(out))
        }
        _ => Err(lookup_error(encoding)),
    }
}

/// `data.decode(encoding)`.
pub fn decode(data: &[u8], encoding: &str) -> PyResult<Value> {
    match normalise(encoding).as_str() {
        "utf8" => match std::str::from_utf8(data) {
            Ok(text) => Ok(Value::str(text)),
            Err(e) => Err(value_error(format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                data[e.valid_up_to()],
                e.valid_up_to()
            ))),
        },
        "ascii" => match data.iter().position(|b| *b >= 0x80) {
            Some(i) => Err(value_error(format!(
                "'ascii' codec can't decode byte 0x{:02x} in position {i}: ordinal not in range(128)",
                data[i]
            ))),
            None => Ok(Value::str(String::from_utf8_lossy(data).into_owned())),
        },
        "latin1" | "iso88591" => Ok(Value::str(data.iter().map(|b| *b as char).collect::<String>())),
        _ => Err(lookup_error(encoding)),
    }
}

/// `bytes(...)`.
pub fn construct(interp: &mut Interp, args: &[Value]) -> PyResult<Value> {
    match args {
        [] => Ok(new(Vec::new())),
        [Value::Int(n)] if *n >= 0 => Ok(new(vec![0u8; *n as usize])),
        [Value::Int(_)] => Err(value_error("negative count")),
        [Value::Str(_)] => Err(type_error("string argument without an encoding")),
        [Value::Str(s), Value::Str(encoding), ..] => encode(s.as_str(), encoding.as_str()),
        [Value::Bytes(b)] => Ok(Value::Bytes(b.clone())),
        [iterable] => {
            let mut out = Vec::new();
            for item in crate::iter::collect(interp, iterable)? {
                out.push(byte_of(&item)?);
            }
            Ok(new(out))
        }
        _ => Err(type_error("bytes() takes at most 3 arguments")),
    }
}

fn byte_of(value: &Value) -> PyResult<u8> {
    match value {
        Value::Int(i) if (0..256).contains(i) => Ok(*i as u8),
        Value::Int(_) => Err(value_error("bytes must be in range(0, 256)")),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// `data[index]`.
pub fn index(data: &[u8], index: i64) -> PyResult<Value> {
    let i = if index < 0 {
        index + data.len() as i64
    } else {
        index
    };
    match usize::try_from(i).ok().and_then(|i| data.get(i)) {
        Some(b) => Ok(Value::Int(*b as i64)),
        None => Err(index_error("index out of range")),
    }
}

/// `needle in data`.
pub fn contains(data: &[u8], needle: &Value) -> PyResult<bool> {
    match needle {
        Value::Int(_) => Ok(data.contains(&byte_of(needle)?)),
        Value::Bytes(n) => Ok(find(data, &n.data).is_some()),
        other => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

builtin_table!(METHODS {
    "decode" => b_decode,
    "hex" => b_hex,
    "startswith" => crate::search::startswith,
    "endswith" => crate::search::endswith,
    "find" => crate::search::find,
    "rfind" => crate::search::rfind,
    "index" => crate::search::index,
    "rindex" => crate::search::rindex,
    "count" => crate::search::count,
    "join" => b_join,
    "split" => b_split,
    "strip" => b_strip,
    "upper" => b_upper,
    "lower" => b_lower,
    "replace" => b_replace,
});

pub fn method(name: &str) -> Option<&'static Builtin> {
    METHODS.iter().find(|m| m.name == name)
}

fn this(args: &[Value]) -> PyResult<&[u8]> {
    match args.first() {
        Some(Value::Bytes(b)) => Ok(&b.data),
        _ => Err(type_error("descriptor requires a 'bytes' object")),
    }
}

fn bytes_arg<'a>(args: &'a [Value], i: usize, method: &str) -> PyResult<&'a [u8]> {
    match args.get(i) {
        Some(Value::Bytes(b)) => Ok(&b.data),
        Some(other) => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
        None => Err(type_error(format!(
            "{method}() takes at least 1 argument (0 given)"
        ))),
    }
}

/// `bytes.decode`, for `bytearray` to forward to.
pub(crate) fn decode_method(
    interp: &mut Interp,
    args: &[Value],
    kw: &[Rc<PyStr>],
) -> PyResult<Value> {
    b_decode(interp, args, kw)
}

/// `bytes.hex`, for `bytearray` to forward to.
pub(crate) fn hex_method(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    b_hex(interp, args, kw)
}

fn b_decode(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let encoding = match (args.get(1), kwnames.first()) {
        (Some(Value::Str(e)), _) => e.as_str().to_string(),
        _ => "utf-8".to_string(),
    };
    decode(data, &encoding)
}

fn b_hex(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    Ok(Value::str(
        data.iter().map(|b| format!("{b:02x}")).collect::<String>(),
    ))
}

fn b_join(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let separator = this(args)?.to_vec();
    let iterable = args.get(1).unwrap_or(&Value::None);
    let joined = crate::iter::with_items(interp, iterable, |items| {
        if let Some((i, other)) = items
            .iter()
            .enumerate()
            .find(|(_, v)| !matches!(v, Value::Bytes(_)))
        {
            return Err(type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                other.type_name()
            )));
        }
        let part = |i: usize| match &items[i] {
            Value::Bytes(b) => &b.data[..],
            _ => &[][..],
        };
        crate::memory::join(&separator, items.len(), part)
    })?;
    Ok(new(joined))
}

fn b_split(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let parts: Vec<Value> = match args.get(1) {
        None | Some(Value::None) => data
            .split(|b| b.is_ascii_whitespace())
            .filter(|p| !p.is_empty())
            .map(|p| new(p))
            .collect(),
        Some(_) => {
            let separator = bytes_arg(args, 1, "split")?;
            if separator.is_empty() {
                return Err(value_error("empty separator"));
            }
            let mut parts = Vec::new();
            let mut rest = data;
            while let Some(i) = find(rest, separator) {
                parts.push(new(&rest[..i]));
                rest = &rest[i + separator.len()..];
            }
            parts.push(new(rest));
            parts
        }
    };
    Ok(Value::list(parts))
}

fn b_strip(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let start = data
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(data.len());
    let end = data
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    Ok(new(&data[start..end.max(start)]))
}

fn b_upper(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(new(this(args)?.to_ascii_uppercase()))
}

fn b_lower(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(new(this(args)?.to_ascii_lowercase()))
}

fn b_replace(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let (old, replacement) = (
        bytes_arg(args, 1, "replace")?,
        bytes_arg(args, 2, "replace")?,
    );
    if old.is_empty() {
        return Ok(new(data));
    }
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    while let Some(i) = find(rest, old) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(replacement);
        rest = &rest[i + old.len()..];
    }
    out.extend_from_slice(rest);
    Ok(new(out))
}
