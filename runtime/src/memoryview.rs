//! `memoryview` over `bytes` and `bytearray`, read-only: `len`, indexing
//! and slicing, `cast` to another item format, `tolist`, `tobytes`, `hex`,
//! `nbytes`, `itemsize`, `format`, `obj`, `release` and `with`, and
//! comparison with other bytes-like objects.
//!
//! A view reads its object's bytes when asked, so it sees later changes to
//! a `bytearray`. Not provided: writing through a view, multi-dimensional
//! shapes and formats other than the native integer ones (`B b c H h I i
//! L l Q q N n`); asking for them raises `NotImplementedError`.

use crate::exceptions::{index_error, type_error, unsupported, value_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

pub struct MemoryView {
    object: Value,
    /// The viewed bytes of `object`: `start..start + len * itemsize`.
    start: usize,
    len: usize,
    format: char,
    released: Cell<bool>,
}

builtin_table!(METHODS {
    "cast" => mv_cast,
    "tolist" => mv_tolist,
    "tobytes" => mv_tobytes,
    "hex" => mv_hex,
    "release" => mv_release,
    "__enter__" => mv_enter,
    "__exit__" => mv_exit,
});

fn itemsize(format: char) -> Option<usize> {
    Some(match format {
        'B' | 'b' | 'c' => 1,
        'H' | 'h' => 2,
        'I' | 'i' => 4,
        'L' | 'l' | 'Q' | 'q' | 'N' | 'n' => 8,
        _ => return None,
    })
}

impl NativeObject for MemoryView {
    fn type_of(&self) -> &'static PyType {
        &types::MEMORYVIEW
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        let state = if self.released.get() { "released " } else { "" };
        Ok(format!(
            "<{state}memory at {:#x}>",
            self as *const _ as usize
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn len(&self) -> Option<usize> {
        Some(self.len)
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        Some(
            self.items()
                .and_then(|items| crate::iter::get_iter(interp, &Value::list(items))),
        )
    }

    fn get_item(&self, _: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        Some(self.item(key))
    }

    fn equal(&self, _: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        let mine = match self.bytes() {
            Ok(bytes) => bytes,
            Err(e) => return Some(Err(e)),
        };
        let theirs = match native::downcast::<MemoryView>(other) {
            Some(view) => view.bytes().ok(),
            None => crate::bytes::buffer(other),
        };
        Some(Ok(theirs.is_some_and(|t| t == mine)))
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        let size = itemsize(self.format).unwrap_or(1);
        Some(match name {
            "obj" => self.object.clone(),
            "nbytes" => Value::Int((self.len * size) as i64),
            "itemsize" => Value::Int(size as i64),
            "format" => Value::str(self.format.to_string()),
            "ndim" => Value::Int(1),
            "shape" => Value::tuple(vec![Value::Int(self.len as i64)]),
            "readonly" => Value::Bool(true),
            "contiguous" | "c_contiguous" | "f_contiguous" => Value::Bool(true),
            _ => return None,
        })
    }
}

impl MemoryView {
    fn bytes(&self) -> PyResult<Vec<u8>> {
        if self.released.get() {
            return Err(value_error(
                "operation forbidden on released memoryview object",
            ));
        }
        let data = crate::bytes::buffer(&self.object).unwrap_or_default();
        let size = itemsize(self.format).unwrap_or(1);
        let end = (self.start + self.len * size).min(data.len());
        Ok(data[self.start.min(end)..end].to_vec())
    }

    fn decode(&self, chunk: &[u8]) -> Value {
        let mut raw = [0u8; 8];
        raw[..chunk.len()].copy_from_slice(chunk);
        let unsigned = u64::from_ne_bytes(raw);
        let bits = chunk.len() * 8;
        match self.format {
            'c' => crate::bytes::new(chunk.to_vec()),
            'b' | 'h' | 'i' | 'l' | 'q' | 'n' => {
                let shift = 64 - bits;
                Value::Int(((unsigned << shift) as i64) >> shift)
            }
            _ if unsigned > i64::MAX as u64 => Value::from_bigint(unsigned.into()),
            _ => Value::Int(unsigned as i64),
        }
    }

    fn items(&self) -> PyResult<Vec<Value>> {
        let size = itemsize(self.format).unwrap_or(1);
        Ok(self
            .bytes()?
            .chunks_exact(size)
            .map(|chunk| self.decode(chunk))
            .collect())
    }

    fn item(&self, key: &Value) -> PyResult<Value> {
        let size = itemsize(self.format).unwrap_or(1);
        match crate::subclass::value_of(key) {
            Value::Int(i) => {
                let index = if *i < 0 { *i + self.len as i64 } else { *i };
                if index < 0 || index >= self.len as i64 {
                    return Err(index_error("index out of bounds on dimension 1"));
                }
                let bytes = self.bytes()?;
                let at = index as usize * size;
                Ok(self.decode(&bytes[at..at + size]))
            }
            Value::Slice(slice) => {
                let (start, _, step, len) = crate::subscript::slice_indices(slice, self.len)?;
                if step != 1 {
                    return Err(unsupported("memoryview slices with a step"));
                }
                let start = start as usize;
                Ok(native::new(MemoryView {
                    object: self.object.clone(),
                    start: self.start + start * size,
                    len,
                    format: self.format,
                    released: Cell::new(false),
                }))
            }
            _ => Err(type_error("memoryview: invalid slice key")),
        }
    }
}

/// The bytes a memoryview shows, for `bytes(view)` and the other readers
/// of bytes-like objects.
pub fn bytes_of(value: &Value) -> Option<Vec<u8>> {
    native::downcast::<MemoryView>(value).and_then(|view| view.bytes().ok())
}

fn this(args: &[Value]) -> PyResult<&MemoryView> {
    args.first()
        .and_then(native::downcast::<MemoryView>)
        .ok_or_else(|| type_error("descriptor requires a 'memoryview' object"))
}

fn mv_cast(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let view = this(args)?;
    let format = match args.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "cast() argument 'format' must be str, not {}",
                other.type_name()
            )))
        }
        None => {
            return Err(type_error(
                "cast() missing required argument 'format' (pos 1)",
            ))
        }
    };
    if args.len() > 2 {
        return Err(unsupported("memoryview.cast() with a shape"));
    }
    let mut chars = format.chars();
    let (Some(code), None) = (chars.next(), chars.next()) else {
        return Err(value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    let Some(size) = itemsize(code) else {
        return Err(unsupported(&format!("memoryview formats like '{format}'")));
    };
    let nbytes = view.bytes()?.len();
    if nbytes % size != 0 {
        return Err(type_error(
            "memoryview: length is not a multiple of itemsize",
        ));
    }
    Ok(native::new(MemoryView {
        object: view.object.clone(),
        start: view.start,
        len: nbytes / size,
        format: code,
        released: Cell::new(false),
    }))
}

fn mv_tolist(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::list(this(args)?.items()?))
}

fn mv_tobytes(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(crate::bytes::new(this(args)?.bytes()?))
}

fn mv_hex(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let bytes = this(args)?.bytes()?;
    Ok(Value::str(
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>(),
    ))
}

fn mv_release(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.released.set(true);
    Ok(Value::None)
}

fn mv_enter(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.bytes()?;
    Ok(args[0].clone())
}

fn mv_exit(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.released.set(true);
    Ok(Value::Bool(false))
}

/// `memoryview(object)`.
pub fn construct(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = crate::call::Args::new("memoryview", args, kwnames);
    let object = a.positional.first().or(a.keyword("object")).cloned();
    a.finish()?;
    a.arity(1, 1)?;
    let object = object.unwrap_or(Value::None);
    if let Some(view) = native::downcast::<MemoryView>(&object) {
        return Ok(native::new(MemoryView {
            object: view.object.clone(),
            start: view.start,
            len: view.len,
            format: view.format,
            released: Cell::new(false),
        }));
    }
    let Some(data) = crate::bytes::buffer(&object) else {
        return Err(type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            object.type_name()
        )));
    };
    Ok(native::new(MemoryView {
        object,
        start: 0,
        len: data.len(),
        format: 'B',
        released: Cell::new(false),
    }))
}
