//! The less central `bytes` methods, next to `bytes.rs`: the `is...`
//! predicates, stripping with a set of bytes, padding (`ljust`, `rjust`,
//! `center`, `zfill`), `partition`/`rpartition`, `removeprefix` and
//! `removesuffix`, case changes, `splitlines`, `translate`, and the
//! static methods `bytes.fromhex` and `bytes.maketrans`.
//!
//! `bytes.rs` lists these after its own; `bytearray` does not offer them.

use crate::exceptions::{type_error, value_error, PyResult};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

builtin_table!(pub METHODS {
    "isalnum" => isalnum,
    "isalpha" => isalpha,
    "isdigit" => isdigit,
    "islower" => islower,
    "isupper" => isupper,
    "isspace" => isspace,
    "isascii" => isascii,
    "lstrip" => lstrip,
    "rstrip" => rstrip,
    "ljust" => ljust,
    "rjust" => rjust,
    "center" => center,
    "zfill" => zfill,
    "partition" => partition,
    "rpartition" => rpartition,
    "removeprefix" => removeprefix,
    "removesuffix" => removesuffix,
    "capitalize" => capitalize,
    "swapcase" => swapcase,
    "title" => title,
    "splitlines" => splitlines,
    "translate" => translate,
});

pub static FROMHEX: Builtin = Builtin {
    name: "fromhex",
    func: fromhex,
};

pub static MAKETRANS: Builtin = Builtin {
    name: "maketrans",
    func: maketrans,
};

fn this(args: &[Value]) -> PyResult<&[u8]> {
    match args.first() {
        Some(Value::Bytes(b)) => Ok(&b.data),
        _ => Err(type_error("descriptor requires a 'bytes' object")),
    }
}

fn bytes_like(value: &Value) -> PyResult<Vec<u8>> {
    crate::bytes::buffer(value).ok_or_else(|| {
        type_error(format!(
            "a bytes-like object is required, not '{}'",
            value.type_name()
        ))
    })
}

fn predicate(args: &[Value], test: fn(&u8) -> bool) -> PyResult<Value> {
    let data = this(args)?;
    Ok(Value::Bool(!data.is_empty() && data.iter().all(test)))
}

fn isalnum(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, u8::is_ascii_alphanumeric)
}

fn isalpha(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, u8::is_ascii_alphabetic)
}

fn isdigit(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, u8::is_ascii_digit)
}

fn isspace(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, |b| {
        matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
    })
}

fn isascii(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(this(args)?.is_ascii()))
}

/// `islower`/`isupper`: some cased byte, and none of the other case.
fn cased(args: &[Value], lower: bool) -> PyResult<Value> {
    let data = this(args)?;
    let (want, other): (fn(&u8) -> bool, fn(&u8) -> bool) = if lower {
        (u8::is_ascii_lowercase, u8::is_ascii_uppercase)
    } else {
        (u8::is_ascii_uppercase, u8::is_ascii_lowercase)
    };
    Ok(Value::Bool(
        data.iter().any(want) && !data.iter().any(other),
    ))
}

fn islower(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    cased(args, true)
}

fn isupper(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    cased(args, false)
}

fn strip_set(args: &[Value]) -> PyResult<Vec<u8>> {
    match args.get(1) {
        None | Some(Value::None) => Ok(b" \t\n\r\x0b\x0c".to_vec()),
        Some(chars) => bytes_like(chars),
    }
}

fn lstrip(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let set = strip_set(args)?;
    let start = data
        .iter()
        .position(|b| !set.contains(b))
        .unwrap_or(data.len());
    Ok(crate::bytes::new(&data[start..]))
}

fn rstrip(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let set = strip_set(args)?;
    let end = data
        .iter()
        .rposition(|b| !set.contains(b))
        .map_or(0, |i| i + 1);
    Ok(crate::bytes::new(&data[..end]))
}

/// The width and fill byte of `ljust`, `rjust` and `center`.
fn padding(args: &[Value], name: &str) -> PyResult<(usize, u8)> {
    let width = match args.get(1) {
        Some(Value::Int(w)) => (*w).max(0) as usize,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
        None => {
            return Err(type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
    };
    let fill = match args.get(2) {
        None => b' ',
        Some(value) => match crate::bytes::buffer(value) {
            Some(b) if b.len() == 1 => b[0],
            _ => {
                return Err(type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    value.type_name()
                )))
            }
        },
    };
    Ok((width, fill))
}

fn pad(data: &[u8], width: usize, fill: u8, left: usize) -> Value {
    let total = width.saturating_sub(data.len());
    let mut out = vec![fill; left.min(total)];
    out.extend_from_slice(data);
    out.resize(data.len() + total, fill);
    crate::bytes::new(out)
}

fn ljust(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (width, fill) = padding(args, "ljust")?;
    Ok(pad(this(args)?, width, fill, 0))
}

fn rjust(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let (width, fill) = padding(args, "rjust")?;
    Ok(pad(data, width, fill, width.saturating_sub(data.len())))
}

fn center(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let (width, fill) = padding(args, "center")?;
    let total = width.saturating_sub(data.len());
    // CPython's rule: the extra byte goes left when both are odd.
    let left = total / 2 + (total & width & 1);
    Ok(pad(data, width, fill, left))
}

fn zfill(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let (width, _) = padding(args, "zfill")?;
    if data.len() >= width {
        return Ok(crate::bytes::new(data));
    }
    let (sign, digits) = match data.first() {
        Some(b'+' | b'-') => (&data[..1], &data[1..]),
        _ => (&data[..0], data),
    };
    let mut out = sign.to_vec();
    out.resize(width - digits.len(), b'0');
    out.extend_from_slice(digits);
    Ok(crate::bytes::new(out))
}

fn find(haystack: &[u8], needle: &[u8], last: bool) -> Option<usize> {
    if needle.is_empty() {
        return Some(if last { haystack.len() } else { 0 });
    }
    let mut windows = haystack.windows(needle.len());
    if last {
        windows.rposition(|w| w == needle)
    } else {
        windows.position(|w| w == needle)
    }
}

fn partition_at(args: &[Value], last: bool) -> PyResult<Value> {
    let data = this(args)?;
    let separator = bytes_like(args.get(1).unwrap_or(&Value::None))?;
    if separator.is_empty() {
        return Err(value_error("empty separator"));
    }
    let parts = match find(data, &separator, last) {
        Some(i) => [&data[..i], &separator[..], &data[i + separator.len()..]],
        None if last => [&[][..], &[][..], data],
        None => [data, &[][..], &[][..]],
    };
    Ok(Value::tuple(
        parts.iter().map(|p| crate::bytes::new(*p)).collect(),
    ))
}

fn partition(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    partition_at(args, false)
}

fn rpartition(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    partition_at(args, true)
}

fn removeprefix(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let prefix = bytes_like(args.get(1).unwrap_or(&Value::None))?;
    Ok(crate::bytes::new(
        data.strip_prefix(&prefix[..]).unwrap_or(data),
    ))
}

fn removesuffix(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let suffix = bytes_like(args.get(1).unwrap_or(&Value::None))?;
    Ok(crate::bytes::new(
        data.strip_suffix(&suffix[..]).unwrap_or(data),
    ))
}

fn capitalize(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let out: Vec<u8> = data
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if i == 0 {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(crate::bytes::new(out))
}

fn swapcase(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let out: Vec<u8> = this(args)?
        .iter()
        .map(|b| {
            if b.is_ascii_lowercase() {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(crate::bytes::new(out))
}

fn title(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut previous_cased = false;
    let out: Vec<u8> = this(args)?
        .iter()
        .map(|b| {
            let out = if previous_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            previous_cased = b.is_ascii_alphabetic();
            out
        })
        .collect();
    Ok(crate::bytes::new(out))
}

fn splitlines(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let mut call = crate::call::Args::new("splitlines", args, kw);
    let keep = call.keyword("keepends").cloned();
    call.finish()?;
    let keep = match call.positional.get(1).cloned().or(keep) {
        Some(value) => crate::special::truthy(interp, &value)?,
        None => false,
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < data.len() {
        let end_len = match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        let stop = if keep { i + end_len } else { i };
        lines.push(crate::bytes::new(&data[start..stop]));
        i += end_len;
        start = i;
    }
    if start < data.len() {
        lines.push(crate::bytes::new(&data[start..]));
    }
    Ok(Value::list(lines))
}

fn translate(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = this(args)?;
    let mut call = crate::call::Args::new("translate", args, kw);
    let delete = call.keyword("delete").cloned();
    call.finish()?;
    let table = match args.get(1) {
        None | Some(Value::None) => None,
        Some(table) => {
            let table = bytes_like(table)?;
            if table.len() != 256 {
                return Err(value_error("translation table must be 256 characters long"));
            }
            Some(table)
        }
    };
    let delete = match args.get(2).cloned().or(delete) {
        Some(d) => bytes_like(&d)?,
        None => Vec::new(),
    };
    let out: Vec<u8> = data
        .iter()
        .filter(|b| !delete.contains(b))
        .map(|b| table.as_ref().map_or(*b, |t| t[*b as usize]))
        .collect();
    Ok(crate::bytes::new(out))
}

/// `bytes.fromhex(string)`: pairs of hex digits, spaces between pairs.
fn fromhex(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("fromhex", kw)?;
    let text = match args.last() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "fromhex() argument must be str, not {}",
                other.type_name()
            )))
        }
        None => return Err(type_error("fromhex() takes exactly one argument (0 given)")),
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let high = chars[i].to_digit(16);
        let low = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (high, low) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) => {
                return Err(value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    i + 1
                )))
            }
            _ => {
                return Err(value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                )))
            }
        }
        i += 2;
    }
    Ok(crate::bytes::new(out))
}

/// `bytes.maketrans(from, to)`: the 256-byte table `translate` takes.
fn maketrans(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("maketrans", kw)?;
    let [from, to] = args else {
        return Err(type_error(format!(
            "maketrans expected 2 arguments, got {}",
            args.len()
        )));
    };
    let (from, to) = (bytes_like(from)?, bytes_like(to)?);
    if from.len() != to.len() {
        return Err(value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (a, b) in from.iter().zip(&to) {
        table[*a as usize] = *b;
    }
    Ok(crate::bytes::new(table))
}
