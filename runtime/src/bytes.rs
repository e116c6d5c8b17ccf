//! `bytes`: immutable byte strings with the basic operations and methods
//! (`decode`, `hex`, `split`, `join`, ...; the searches are `search.rs`) and
//! `str.encode`.
//!
//! UTF-8, ASCII and Latin-1 run natively (`codecs.rs`); `str.encode` and
//! `bytes.decode` reach any other codec through `_codecs`'s registry. `bytearray` is
//! `bytearray.rs`; `memoryview` is not provided.

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

/// The bytes of a bytes-like object (`bytes`, `bytearray`), copied.
pub fn buffer(value: &Value) -> Option<Vec<u8>> {
    match value {
        Value::Bytes(b) => Some(b.data.to_vec()),
        _ => crate::bytearray::of(value)
            .map(|b| b.data.borrow().clone())
            .or_else(|| crate::memoryview::bytes_of(value)),
    }
}

fn lookup_error(encoding: &str) -> PyErr {
    PyErr::with_message(
        &types::LOOKUP_ERROR,
        format!("unknown encoding: {encoding}"),
    )
}

/// `text.encode(encoding, errors)` through the codec registry when the
/// codec is not a native one (`_codecs._text_codec`, which imports
/// CPython's `encodings`): `cp1252`, `utf-16`, ...
pub fn encode_any(
    interp: &mut Interp,
    text: &Value,
    encoding: &str,
    errors: &str,
) -> PyResult<Value> {
    if let (Value::Str(s), Some(_)) = (text, crate::codecs::Codec::named(encoding)) {
        return encode_with(s.as_str(), encoding, errors);
    }
    through_registry(interp, "_encode_text", text, encoding, errors)
}

/// `data.decode(encoding, errors)`, as `encode_any`.
pub fn decode_any(
    interp: &mut Interp,
    data: &Value,
    encoding: &str,
    errors: &str,
) -> PyResult<Value> {
    if crate::codecs::Codec::named(encoding).is_some() {
        let bytes = buffer(data).unwrap_or_default();
        return decode_with(&bytes, encoding, errors);
    }
    through_registry(interp, "_decode_text", data, encoding, errors)
}

fn through_registry(
    interp: &mut Interp,
    function: &str,
    value: &Value,
    encoding: &str,
    errors: &str,
) -> PyResult<Value> {
    let module = crate::modules::importer::import_module(interp, "_codecs")?;
    let function = crate::attributes::get_attr(interp, &module, &crate::intern(function))?;
    crate::call::call(
        interp,
        &function,
        &[value.clone(), Value::str(encoding), Value::str(errors)],
        &[],
    )
}

/// `text.encode(encoding)`.
pub fn encode(text: &str, encoding: &str) -> PyResult<Value> {
    encode_with(text, encoding, "strict")
}

/// `text.encode(encoding, errors)` for the native codecs (`codecs.rs`).
pub fn encode_with(text: &str, encoding: &str, errors: &str) -> PyResult<Value> {
    let codec = crate::codecs::Codec::named(encoding).ok_or_else(|| lookup_error(encoding))?;
    Ok(new(crate::codecs::encode(text, codec, errors)?))
}

/// `data.decode(encoding)`.
pub fn decode(data: &[u8], encoding: &str) -> PyResult<Value> {
    decode_with(data, encoding, "strict")
}

/// `data.decode(encoding, errors)` for the native codecs (`codecs.rs`).
pub fn decode_with(data: &[u8], encoding: &str, errors: &str) -> PyResult<Value> {
    let codec = crate::codecs::Codec::named(encoding).ok_or_else(|| lookup_error(encoding))?;
    Ok(Value::str(crate::codecs::decode(data, codec, errors)?))
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
    METHODS
        .iter()
        .chain(crate::bytes_methods::METHODS)
        .find(|m| m.name == name)
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

fn b_decode(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?;
    let mut call = crate::call::Args::new("decode", args, kwnames);
    let encoding = call.keyword("encoding").cloned();
    let errors = call.keyword("errors").cloned();
    call.finish()?;
    call.arity(1, 3)?;
    let text = |value: Option<Value>, default: &str, what: &str| match value {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(other) => Err(type_error(format!(
            "decode() argument '{what}' must be str, not {}",
            other.type_name()
        ))),
    };
    let encoding = text(
        call.positional.get(1).cloned().or(encoding),
        "utf-8",
        "encoding",
    )?;
    let errors = text(
        call.positional.get(2).cloned().or(errors),
        "strict",
        "errors",
    )?;
    decode_any(interp, &args[0], &encoding, &errors)
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
