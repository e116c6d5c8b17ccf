//! `_struct`, the module under CPython's `struct`: `pack`, `unpack`,
//! `unpack_from`, `iter_unpack`, `calcsize` and `Struct`, over the format
//! language (byte order `@ = < > !`, counts, `x c b B ? h H i I l L q Q n N
//! f d s p P`), with native sizes and alignment as on x86-64 Linux and
//! CPython's `struct.error` messages.
//!
//! Not offered: `pack_into` (pvm has no writable buffers), the half float
//! `e` (it raises NotImplementedError), and `Struct` is a function, not a
//! class one can test with `isinstance`.

use super::module;
use crate::call::Args;
use crate::exceptions::{type_error, PyErr, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyDict, PyStr, Value};
use crate::Interp;
use num_traits::ToPrimitive;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// `struct.error`, a class made when the module is first imported.
    static ERROR: RefCell<Option<Value>> = const { RefCell::new(None) };
}

fn error(message: impl Into<String>) -> PyErr {
    let class = ERROR.with(|e| e.borrow().clone());
    match class {
        Some(Value::Type(t)) => PyErr::with_message(t, message.into()),
        _ => PyErr::with_message(&types::VALUE_ERROR, message.into()),
    }
}

/// One item of a format: its code, how many, its size and where it starts.
#[derive(Clone, Copy)]
struct Item {
    code: u8,
    count: usize,
    offset: usize,
}

/// A parsed format.
struct Layout {
    little: bool,
    native: bool,
    items: Vec<Item>,
    size: usize,
    /// How many values `pack` takes and `unpack` gives.
    values: usize,
}

/// The size of one `code` item (in native or standard sizes).
fn item_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' => 2,
        b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

fn parse(format: &str) -> PyResult<Layout> {
    let bytes = format.as_bytes();
    let (little, native, mut i) = match bytes.first() {
        Some(b'<') => (true, false, 1),
        Some(b'>' | b'!') => (false, false, 1),
        Some(b'=') => (true, false, 1),
        Some(b'@') => (true, true, 1),
        _ => (true, true, 0),
    };
    let mut items = Vec::new();
    let mut size = 0usize;
    let mut values = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = None;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            let digit = (bytes[i] - b'0') as usize;
            count = Some(
                count
                    .unwrap_or(0usize)
                    .checked_mul(10)
                    .and_then(|n: usize| n.checked_add(digit))
                    .ok_or_else(|| error("total struct size too long"))?,
            );
            i += 1;
        }
        let Some(&code) = bytes.get(i) else {
            return Err(error("repeat count given without format specifier"));
        };
        i += 1;
        let count = count.unwrap_or(1);
        let Some(one) = item_size(code, native) else {
            return Err(error("bad char in struct format"));
        };
        if code == b'e' {
            return Err(crate::exceptions::unsupported("struct half floats ('e')"));
        }
        if native && one > 1 && !matches!(code, b's' | b'p') {
            size = size.div_ceil(one) * one;
        }
        items.push(Item {
            code,
            count,
            offset: size,
        });
        size = size
            .checked_add(
                one.checked_mul(count)
                    .ok_or_else(|| error("total struct size too long"))?,
            )
            .ok_or_else(|| error("total struct size too long"))?;
        values += match code {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => count,
        };
    }
    Ok(Layout {
        little,
        native,
        items,
        size,
        values,
    })
}

/// The integer range of an integer code, and its name in messages.
fn int_range(code: u8, size: usize) -> (i128, i128) {
    let bits = size as u32 * 8;
    if code.is_ascii_uppercase() {
        (0, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    }
}

fn range_message(code: u8, low: i128, high: i128) -> String {
    match code {
        b'b' => format!("byte format requires {low} <= number <= {high}"),
        b'B' => format!("ubyte format requires {low} <= number <= {high}"),
        b'h' => format!("short format requires {low} <= number <= {high}"),
        b'H' => format!("ushort format requires {low} <= number <= {high}"),
        _ => format!(
            "'{}' format requires {low} <= number <= {high}",
            code as char
        ),
    }
}

fn integer(value: &Value) -> PyResult<i128> {
    match value {
        Value::Int(i) => Ok(*i as i128),
        Value::Bool(b) => Ok(*b as i128),
        Value::BigInt(b) => b.to_i128().ok_or_else(|| error("argument out of range")),
        _ => Err(error("required argument is not an integer")),
    }
}

fn put(out: &mut [u8], bytes: &[u8], little: bool) {
    if little {
        out.copy_from_slice(bytes);
    } else {
        for (o, b) in out.iter_mut().zip(bytes.iter().rev()) {
            *o = *b;
        }
    }
}

fn pack_layout(layout: &Layout, args: &[Value]) -> PyResult<Value> {
    if args.len() != layout.values {
        return Err(error(format!(
            "pack expected {} items for packing (got {})",
            layout.values,
            args.len()
        )));
    }
    let mut out = vec![0u8; layout.size];
    let mut next = args.iter();
    for item in &layout.items {
        let one = item_size(item.code, layout.native).unwrap_or(1);
        if matches!(item.code, b's' | b'p') {
            let value = next.next().cloned().unwrap_or_default();
            let Value::Bytes(data) = &value else {
                return Err(error(format!(
                    "argument for '{}' must be a bytes object",
                    item.code as char
                )));
            };
            let room = &mut out[item.offset..item.offset + item.count];
            if item.code == b's' {
                let n = data.data.len().min(room.len());
                room[..n].copy_from_slice(&data.data[..n]);
            } else if !room.is_empty() {
                let n = data.data.len().min(room.len() - 1).min(255);
                room[0] = n as u8;
                room[1..=n].copy_from_slice(&data.data[..n]);
            }
            continue;
        }
        for k in 0..item.count {
            let at = item.offset + k * one;
            let slot = &mut out[at..at + one];
            if item.code == b'x' {
                continue;
            }
            let value = next.next().cloned().unwrap_or_default();
            match item.code {
                b'c' => match &value {
                    Value::Bytes(b) if b.data.len() == 1 => slot[0] = b.data[0],
                    _ => return Err(error("char format requires a bytes object of length 1")),
                },
                b'?' => slot[0] = value.truthy() as u8,
                b'f' | b'd' => {
                    let x = match &value {
                        Value::Float(f) => *f,
                        Value::Int(i) => *i as f64,
                        Value::Bool(b) => *b as i64 as f64,
                        _ => return Err(error("required argument is not a float")),
                    };
                    if item.code == b'f' {
                        if x.is_finite() && (x as f32).is_infinite() {
                            return Err(crate::exceptions::overflow_error(
                                "float too large to pack with f format",
                            ));
                        }
                        put(slot, &(x as f32).to_le_bytes(), layout.little);
                    } else {
                        put(slot, &x.to_le_bytes(), layout.little);
                    }
                }
                code => {
                    let n = integer(&value)?;
                    let (low, high) = int_range(code, one);
                    if n < low || n > high {
                        // CPython converts unsigned ints of 4 or more bytes
                        // and all 8-byte ints through C longs first.
                        let wide = one == 8 || (code.is_ascii_uppercase() && one >= 4 && n < 0);
                        return Err(error(if wide {
                            "argument out of range".to_string()
                        } else {
                            range_message(code, low, high)
                        }));
                    }
                    put(slot, &n.to_le_bytes()[..one], layout.little);
                }
            }
        }
    }
    Ok(crate::bytes::new(out))
}

fn get(data: &[u8], little: bool) -> [u8; 16] {
    let mut bytes = [0u8; 16];
    if little {
        bytes[..data.len()].copy_from_slice(data);
    } else {
        for (o, b) in bytes.iter_mut().zip(data.iter().rev()) {
            *o = *b;
        }
    }
    bytes
}

fn unpack_layout(layout: &Layout, data: &[u8]) -> Vec<Value> {
    let mut values = Vec::with_capacity(layout.values);
    for item in &layout.items {
        let one = item_size(item.code, layout.native).unwrap_or(1);
        match item.code {
            b's' => {
                values.push(crate::bytes::new(
                    &data[item.offset..item.offset + item.count],
                ));
                continue;
            }
            b'p' => {
                let room = &data[item.offset..item.offset + item.count];
                let n = room
                    .first()
                    .map_or(0, |n| (*n as usize).min(room.len().saturating_sub(1)));
                values.push(crate::bytes::new(room.get(1..=n).unwrap_or(&[])));
                continue;
            }
            b'x' => continue,
            _ => {}
        }
        for k in 0..item.count {
            let at = item.offset + k * one;
            let slot = &data[at..at + one];
            let raw = get(slot, layout.little);
            values.push(match item.code {
                b'c' => crate::bytes::new(slot),
                b'?' => Value::Bool(slot[0] != 0),
                b'f' => Value::Float(f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as f64),
                b'd' => Value::Float(f64::from_le_bytes(raw[..8].try_into().unwrap_or([0; 8]))),
                code => {
                    let unsigned = u128::from_le_bytes(raw);
                    let n = if code.is_ascii_uppercase() {
                        unsigned as i128
                    } else {
                        let shift = 128 - one as u32 * 8;
                        ((unsigned << shift) as i128) >> shift
                    };
                    match i64::try_from(n) {
                        Ok(small) => Value::Int(small),
                        Err(_) => Value::from_bigint(n.into()),
                    }
                }
            });
        }
    }
    values
}

fn format_arg(value: &Value) -> PyResult<String> {
    match value {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.data).into_owned()),
        other => Err(type_error(format!(
            "Struct() argument 1 must be a str or bytes object, not {}",
            other.type_name()
        ))),
    }
}

fn buffer(value: &Value) -> PyResult<&[u8]> {
    match value {
        Value::Bytes(b) => Ok(&b.data),
        other => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

fn unpack_exact(layout: &Layout, data: &[u8]) -> PyResult<Value> {
    if data.len() != layout.size {
        return Err(error(format!(
            "unpack requires a buffer of {} bytes",
            layout.size
        )));
    }
    Ok(Value::tuple(unpack_layout(layout, data)))
}

fn unpack_from_offset(layout: &Layout, data: &[u8], offset: i64) -> PyResult<Value> {
    let offset = if offset < 0 {
        offset + data.len() as i64
    } else {
        offset
    };
    if offset < 0 {
        return Err(error(format!(
            "offset {offset} out of range for {}-byte buffer",
            data.len()
        )));
    }
    let offset = offset as usize;
    if data.len() < offset || data.len() - offset < layout.size {
        return Err(error(format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {offset} (actual buffer size is {})",
            layout.size + offset,
            layout.size,
            data.len()
        )));
    }
    Ok(Value::tuple(unpack_layout(
        layout,
        &data[offset..offset + layout.size],
    )))
}

fn iter_values(interp: &mut Interp, layout: &Layout, data: &[u8]) -> PyResult<Value> {
    if layout.size == 0 {
        return Err(error("cannot iteratively unpack with a struct of length 0"));
    }
    if data.len() % layout.size != 0 {
        return Err(error(format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            layout.size
        )));
    }
    let chunks: Vec<Value> = data
        .chunks(layout.size)
        .map(|chunk| Value::tuple(unpack_layout(layout, chunk)))
        .collect();
    crate::iter::get_iter(interp, &Value::list(chunks))
}

fn pack(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("pack", kw)?;
    let Some(format) = args.first() else {
        return Err(type_error("pack expected at least 1 argument, got 0"));
    };
    pack_layout(&parse(&format_arg(format)?)?, &args[1..])
}

fn unpack(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("unpack", args, kw);
    call.finish()?;
    call.arity(2, 2)?;
    unpack_exact(&parse(&format_arg(&args[0])?)?, buffer(&args[1])?)
}

fn unpack_from(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("unpack_from", args, kw);
    let data = call.keyword("buffer").or(call.positional.get(1)).cloned();
    let offset = call.keyword("offset").or(call.positional.get(2)).cloned();
    call.finish()?;
    let layout = parse(&format_arg(&args[0])?)?;
    let data =
        data.ok_or_else(|| type_error("unpack_from() missing required argument 'buffer' (pos 2)"))?;
    let offset = match offset {
        Some(Value::Int(o)) => o,
        None => 0,
        Some(_) => return Err(type_error("offset must be an integer")),
    };
    unpack_from_offset(&layout, buffer(&data)?, offset)
}

fn iter_unpack(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("iter_unpack", args, kw);
    call.finish()?;
    call.arity(2, 2)?;
    iter_values(interp, &parse(&format_arg(&args[0])?)?, buffer(&args[1])?)
}

fn calcsize(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("calcsize", args, kw);
    call.finish()?;
    call.arity(1, 1)?;
    Ok(Value::Int(parse(&format_arg(&args[0])?)?.size as i64))
}

fn clear_cache(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::None)
}

// ----- Struct objects --------------------------------------------------------

static STRUCT: PyType = PyType {
    name: "Struct",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

struct Struct {
    format: Value,
    layout: Layout,
}

builtin_table!(STRUCT_METHODS {
    "pack" => struct_pack,
    "unpack" => struct_unpack,
    "unpack_from" => struct_unpack_from,
    "iter_unpack" => struct_iter_unpack,
});

impl NativeObject for Struct {
    fn type_of(&self) -> &'static PyType {
        &STRUCT
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "Struct({})",
            crate::repr::repr(interp, &self.format)?
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        STRUCT_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "format" => Some(self.format.clone()),
            "size" => Some(Value::Int(self.layout.size as i64)),
            _ => None,
        }
    }
}

fn this(args: &[Value]) -> PyResult<&Struct> {
    args.first()
        .and_then(native::downcast::<Struct>)
        .ok_or_else(|| type_error("descriptor requires a '_struct.Struct' object"))
}

fn new_struct(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("Struct", args, kw);
    let format = call.keyword("format").or(call.positional.first()).cloned();
    call.finish()?;
    let format =
        format.ok_or_else(|| type_error("Struct() missing required argument 'format' (pos 1)"))?;
    let layout = parse(&format_arg(&format)?)?;
    let format = match format {
        Value::Bytes(b) => Value::str(String::from_utf8_lossy(&b.data).into_owned()),
        other => other,
    };
    Ok(native::new(Struct { format, layout }))
}

fn struct_pack(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("pack", kw)?;
    pack_layout(&this(args)?.layout, &args[1..])
}

fn struct_unpack(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("unpack", &args[1..], kw);
    call.finish()?;
    call.arity(1, 1)?;
    unpack_exact(&this(args)?.layout, buffer(&args[1])?)
}

fn struct_unpack_from(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("unpack_from", &args[1..], kw);
    let data = call.keyword("buffer").or(call.positional.first()).cloned();
    let offset = call.keyword("offset").or(call.positional.get(1)).cloned();
    call.finish()?;
    let data =
        data.ok_or_else(|| type_error("unpack_from() missing required argument 'buffer' (pos 1)"))?;
    let offset = match offset {
        Some(Value::Int(o)) => o,
        None => 0,
        Some(_) => return Err(type_error("offset must be an integer")),
    };
    unpack_from_offset(&this(args)?.layout, buffer(&data)?, offset)
}

fn struct_iter_unpack(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let call = Args::new("iter_unpack", &args[1..], kw);
    call.finish()?;
    call.arity(1, 1)?;
    iter_values(interp, &this(args)?.layout, buffer(&args[1])?)
}

builtin_table!(FUNCTIONS {
    "pack" => pack,
    "unpack" => unpack,
    "unpack_from" => unpack_from,
    "iter_unpack" => iter_unpack,
    "calcsize" => calcsize,
    "_clearcache" => clear_cache,
    "Struct" => new_struct,
});

pub fn create() -> PyResult<Value> {
    let namespace = PyDict::new();
    namespace.set_str(&crate::intern("__module__"), Value::str("struct"));
    let class = crate::classes::make_class(
        "error",
        vec![&types::EXCEPTION],
        &namespace,
        Value::str("struct"),
    )?;
    ERROR.with(|e| *e.borrow_mut() = Some(Value::Type(class)));
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    Ok(module(
        "_struct",
        &functions,
        vec![
            ("error", Value::Type(class)),
            (
                "__doc__",
                Value::str("Functions to convert between Python values and C structs."),
            ),
        ],
    ))
}
