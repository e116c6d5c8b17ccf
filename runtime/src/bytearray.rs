//! `bytearray`: a mutable sequence of bytes, as a native object. Indexing,
//! slicing, item and slice assignment, `+`, `+=`, `*`, `in`, `==`,
//! iteration, the mutating methods (`append`, `extend`, `pop`, `insert`,
//! `clear`, `copy`, `reverse`) and `translate`; the read-only methods
//! (`find`, `count`, `decode`, `hex`, `startswith`, ...) run `bytes`'s on a
//! snapshot.
//!
//! Not provided: `memoryview` and the buffer protocol, so `struct` and
//! file writes take `bytes(ba)`; `bytearray` cannot be subclassed.

use crate::exceptions::{index_error, type_error, value_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::BYTEARRAY;
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use pvm_frontend::BinaryOperator as Op;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

pub struct ByteArray {
    pub data: RefCell<Vec<u8>>,
}

/// A new `bytearray` holding `data`.
pub fn new(data: Vec<u8>) -> Value {
    native::new(ByteArray {
        data: RefCell::new(data),
    })
}

/// The bytes of a `bytes` or `bytearray` value.
pub fn bytes_of(value: &Value) -> Option<Vec<u8>> {
    match value {
        Value::Bytes(b) => Some(b.data.to_vec()),
        _ => native::downcast::<ByteArray>(value).map(|b| b.data.borrow().clone()),
    }
}

/// `bytearray(...)`.
pub fn construct(interp: &mut Interp, args: &[Value]) -> PyResult<Value> {
    let made = match args {
        [] => Vec::new(),
        [Value::Int(n)] if *n >= 0 => vec![0u8; *n as usize],
        [Value::Int(_)] => return Err(value_error("negative count")),
        [value] if bytes_of(value).is_some() => bytes_of(value).unwrap_or_default(),
        _ => match crate::bytes::construct(interp, args)? {
            Value::Bytes(b) => b.data.to_vec(),
            _ => Vec::new(),
        },
    };
    Ok(new(made))
}

fn this(args: &[Value]) -> PyResult<&ByteArray> {
    args.first()
        .and_then(native::downcast::<ByteArray>)
        .ok_or_else(|| type_error("descriptor requires a 'bytearray' object"))
}

fn byte(value: &Value) -> PyResult<u8> {
    match crate::subclass::value_of(value) {
        Value::Int(i) if (0..256).contains(i) => Ok(*i as u8),
        Value::Int(_) => Err(value_error("byte must be in range(0, 256)")),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// The bytes an iterable of ints, or a bytes-like object, stands for.
fn bytes_from(interp: &mut Interp, value: &Value) -> PyResult<Vec<u8>> {
    if let Some(data) = bytes_of(value) {
        return Ok(data);
    }
    if matches!(value, Value::Str(_)) {
        return Err(type_error(
            "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
        ));
    }
    crate::iter::collect(interp, value)?
        .iter()
        .map(byte)
        .collect()
}

impl NativeObject for ByteArray {
    fn type_of(&self) -> &'static crate::types::PyType {
        &BYTEARRAY
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let bytes = crate::bytes::new(self.data.borrow().clone());
        Ok(format!("bytearray({})", crate::repr::repr(interp, &bytes)?))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn len(&self) -> Option<usize> {
        Some(self.data.borrow().len())
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        let items = self
            .data
            .borrow()
            .iter()
            .map(|b| Value::Int(*b as i64))
            .collect();
        Some(crate::iter::get_iter(interp, &Value::list(items)))
    }

    fn get_item(&self, _: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        let data = self.data.borrow();
        Some(match crate::subclass::value_of(key) {
            Value::Int(i) => {
                let index = if *i < 0 { *i + data.len() as i64 } else { *i };
                usize::try_from(index)
                    .ok()
                    .and_then(|i| data.get(i))
                    .map(|b| Value::Int(*b as i64))
                    .ok_or_else(|| index_error("bytearray index out of range"))
            }
            Value::Slice(s) => {
                crate::subscript::slice_indices(s, data.len()).map(|(start, _, step, count)| {
                    let picked = (0..count)
                        .map(|k| data[(start + k as i64 * step) as usize])
                        .collect();
                    new(picked)
                })
            }
            other => Err(type_error(format!(
                "bytearray indices must be integers or slices, not {}",
                other.type_name()
            ))),
        })
    }

    fn set_item(&self, interp: &mut Interp, key: &Value, value: Value) -> Option<PyResult<()>> {
        Some(match crate::subclass::value_of(key) {
            Value::Int(i) => byte(&value).and_then(|b| {
                let mut data = self.data.borrow_mut();
                let index = if *i < 0 { *i + data.len() as i64 } else { *i };
                match usize::try_from(index).ok().and_then(|i| data.get_mut(i)) {
                    Some(slot) => {
                        *slot = b;
                        Ok(())
                    }
                    None => Err(index_error("bytearray index out of range")),
                }
            }),
            Value::Slice(s) => bytes_from(interp, &value).and_then(|new| {
                let mut data = self.data.borrow_mut();
                let (start, stop, step, count) = crate::subscript::slice_indices(s, data.len())?;
                if step == 1 {
                    let stop = stop.max(start) as usize;
                    data.splice(start as usize..stop, new);
                    return Ok(());
                }
                if new.len() != count {
                    return Err(value_error(format!(
                        "attempt to assign bytes of size {} to extended slice of size {count}",
                        new.len()
                    )));
                }
                for (k, b) in new.into_iter().enumerate() {
                    data[(start + k as i64 * step) as usize] = b;
                }
                Ok(())
            }),
            other => Err(type_error(format!(
                "bytearray indices must be integers or slices, not {}",
                other.type_name()
            ))),
        })
    }

    fn contains(&self, _: &mut Interp, item: &Value) -> Option<PyResult<bool>> {
        let data = self.data.borrow().clone();
        Some(match bytes_of(item) {
            Some(needle) => {
                Ok(needle.is_empty() || data.windows(needle.len()).any(|w| w == needle.as_slice()))
            }
            None => byte(item).map(|b| data.contains(&b)),
        })
    }

    fn equal(&self, _: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        bytes_of(other).map(|data| Ok(data == *self.data.borrow()))
    }

    fn binary(
        &self,
        interp: &mut Interp,
        this: &Value,
        op: Op,
        other: &Value,
        reflected: bool,
        inplace: bool,
    ) -> Option<PyResult<Value>> {
        match op {
            Op::Add => {
                let other = bytes_of(other)?;
                if inplace && !reflected {
                    self.data.borrow_mut().extend(other);
                    return Some(Ok(this.clone()));
                }
                let mine = self.data.borrow().clone();
                let joined = if reflected {
                    [other, mine].concat()
                } else {
                    [mine, other].concat()
                };
                Some(Ok(new(joined)))
            }
            Op::Multiply => {
                let Value::Int(n) = crate::subclass::value_of(other) else {
                    return None;
                };
                let repeated = self.data.borrow().repeat((*n).max(0) as usize);
                let _ = interp;
                if inplace && !reflected {
                    *self.data.borrow_mut() = repeated;
                    return Some(Ok(this.clone()));
                }
                Some(Ok(new(repeated)))
            }
            _ => None,
        }
    }
}

builtin_table!(pub METHODS {
    "append" => append,
    "extend" => extend,
    "pop" => pop,
    "insert" => insert,
    "clear" => clear,
    "copy" => copy,
    "reverse" => reverse,
    "translate" => translate,
    "find" => forward_find,
    "rfind" => forward_rfind,
    "index" => forward_index,
    "count" => forward_count,
    "decode" => forward_decode,
    "hex" => forward_hex,
    "startswith" => forward_startswith,
    "endswith" => forward_endswith,
});

fn append(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("append", kw)?;
    let [_, item] = args else {
        return Err(type_error("append() takes exactly one argument"));
    };
    let b = byte(item)?;
    this(args)?.data.borrow_mut().push(b);
    Ok(Value::None)
}

fn extend(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("extend", kw)?;
    let [_, items] = args else {
        return Err(type_error("extend() takes exactly one argument"));
    };
    let items = bytes_from(interp, items)?;
    this(args)?.data.borrow_mut().extend(items);
    Ok(Value::None)
}

fn pop(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("pop", kw)?;
    let mut data = this(args)?.data.borrow_mut();
    if data.is_empty() {
        return Err(index_error("pop from empty bytearray"));
    }
    let index = match args.get(1).map(crate::subclass::value_of) {
        None => data.len() as i64 - 1,
        Some(Value::Int(i)) if *i < 0 => *i + data.len() as i64,
        Some(Value::Int(i)) => *i,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    match usize::try_from(index).ok().filter(|i| *i < data.len()) {
        Some(i) => Ok(Value::Int(data.remove(i) as i64)),
        None => Err(index_error("pop index out of range")),
    }
}

fn insert(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("insert", kw)?;
    let [_, Value::Int(index), item] = args else {
        return Err(type_error("insert expected 2 arguments"));
    };
    let b = byte(item)?;
    let mut data = this(args)?.data.borrow_mut();
    let len = data.len() as i64;
    let at = if *index < 0 {
        (*index + len).max(0)
    } else {
        (*index).min(len)
    };
    data.insert(at as usize, b);
    Ok(Value::None)
}

fn clear(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.data.borrow_mut().clear();
    Ok(Value::None)
}

fn copy(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(new(this(args)?.data.borrow().clone()))
}

fn reverse(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.data.borrow_mut().reverse();
    Ok(Value::None)
}

/// `ba.translate(table, delete=b'')`: each byte mapped through the
/// 256-byte `table` (or kept, for `None`), the bytes in `delete` dropped.
fn translate(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("translate", kw)?;
    let data = this(args)?.data.borrow().clone();
    let table = match args.get(1) {
        None | Some(Value::None) => None,
        Some(table) => match bytes_of(table) {
            Some(t) if t.len() == 256 => Some(t),
            _ => return Err(value_error("translation table must be 256 characters long")),
        },
    };
    let delete = args.get(2).and_then(bytes_of).unwrap_or_default();
    let out = data
        .into_iter()
        .filter(|b| !delete.contains(b))
        .map(|b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    Ok(new(out))
}

/// Runs the `bytes` method `func` on a snapshot of the receiver.
fn forward(
    interp: &mut Interp,
    args: &[Value],
    kw: &[Rc<PyStr>],
    func: crate::value::BuiltinFn,
) -> PyResult<Value> {
    let mut full = args.to_vec();
    full[0] = crate::bytes::new(this(args)?.data.borrow().clone());
    for arg in full.iter_mut().skip(1) {
        if let Some(data) = native::downcast::<ByteArray>(arg).map(|b| b.data.borrow().clone()) {
            *arg = crate::bytes::new(data);
        }
    }
    func(interp, &full, kw)
}

macro_rules! forwarders {
    ($($name:ident => $target:path,)*) => {
        $(fn $name(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
            forward(interp, args, kw, $target)
        })*
    };
}

forwarders! {
    forward_find => crate::search::find,
    forward_rfind => crate::search::rfind,
    forward_index => crate::search::index,
    forward_count => crate::search::count,
    forward_decode => crate::bytes::decode_method,
    forward_hex => crate::bytes::hex_method,
    forward_startswith => crate::search::startswith,
    forward_endswith => crate::search::endswith,
}
