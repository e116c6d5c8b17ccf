//! `bytearray`: a mutable byte string, as a native object with its own
//! methods (`append`, `extend`, `pop`, `insert`, `remove`, `reverse`,
//! `clear`, `copy`), indexing and slice assignment, `+`, `+=`, `*`, `==`
//! and `in`; the read-only `bytes` methods (`decode`, `hex`, `find`,
//! `split`, ...) run on a copy of its bytes, and those that make byte
//! strings answer bytearrays.
//!
//! Not done: `del b[i]`, ordering (`<`), the buffer protocol beyond
//! `bytes(b)` and the functions that take bytes-like arguments through
//! `bytes::buffer`, and subclassing `bytearray`.

use crate::exceptions::{index_error, type_error, value_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

pub struct ByteArray {
    pub data: RefCell<Vec<u8>>,
}

pub fn new(data: Vec<u8>) -> Value {
    native::new(ByteArray {
        data: RefCell::new(data),
    })
}

/// The bytearray behind `value`, if it is one.
pub fn of(value: &Value) -> Option<&ByteArray> {
    native::downcast::<ByteArray>(value)
}

fn byte_of(value: &Value) -> PyResult<u8> {
    match value {
        Value::Int(i) if (0..256).contains(i) => Ok(*i as u8),
        Value::Bool(b) => Ok(*b as u8),
        Value::Int(_) | Value::BigInt(_) => Err(value_error("byte must be in range(0, 256)")),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// The bytes of an argument that must be bytes-like, or of an iterable of
/// ints (`extend`, the constructor).
fn bytes_from(interp: &mut Interp, value: &Value) -> PyResult<Vec<u8>> {
    if let Some(data) = crate::bytes::buffer(value) {
        return Ok(data);
    }
    if let Value::Str(_) = value {
        return Err(type_error("expected iterable of integers; got: 'str'"));
    }
    crate::iter::collect(interp, value)?
        .iter()
        .map(byte_of)
        .collect()
}

/// `bytearray(source=b'', encoding=None, errors=None)`.
pub fn construct(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = crate::call::Args::new("bytearray", args, kw);
    let source = call.keyword("source").cloned();
    let encoding = call.keyword("encoding").cloned();
    let errors = call.keyword("errors").cloned();
    call.finish()?;
    call.arity(0, 3)?;
    let source = call.positional.first().cloned().or(source);
    let encoding = call.positional.get(1).cloned().or(encoding);
    let errors = call.positional.get(2).cloned().or(errors);
    let data = match (source, encoding) {
        (None, None) => Vec::new(),
        (Some(Value::Str(text)), Some(Value::Str(encoding))) => {
            let errors = match errors {
                Some(Value::Str(e)) => e.as_str().to_string(),
                _ => "strict".to_string(),
            };
            let encoded =
                crate::bytes::encode_any(interp, &Value::Str(text), encoding.as_str(), &errors)?;
            crate::bytes::buffer(&encoded).unwrap_or_default()
        }
        (Some(Value::Str(_)), Some(other)) => {
            return Err(type_error(format!(
                "bytearray() argument 'encoding' must be str, not {}",
                other.type_name()
            )))
        }
        (Some(Value::Str(_)), None) => {
            return Err(type_error("string argument without an encoding"))
        }
        (_, Some(_)) => return Err(type_error("encoding without a string argument")),
        (Some(Value::Int(n)), None) if n < 0 => return Err(value_error("negative count")),
        (Some(Value::Int(n)), None) => vec![0; n as usize],
        (Some(source), None) => bytes_from(interp, &source)?,
    };
    Ok(new(data))
}

impl NativeObject for ByteArray {
    fn type_of(&self) -> &'static PyType {
        &types::BYTEARRAY
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "bytearray({})",
            pvm_frontend::float_repr::bytes_repr(&self.data.borrow())
        ))
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
        let snapshot = crate::bytes::new(self.data.borrow().clone());
        Some(crate::iter::get_iter(interp, &snapshot))
    }

    fn get_item(&self, interp: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        let snapshot = crate::bytes::new(self.data.borrow().clone());
        Some(
            crate::subscript::get_item(interp, &snapshot, key).map(|item| match item {
                Value::Bytes(b) => new(b.data.to_vec()),
                other => other,
            }),
        )
    }

    fn set_item(&self, interp: &mut Interp, key: &Value, value: Value) -> Option<PyResult<()>> {
        Some(self.assign(interp, key, value))
    }

    fn contains(&self, _: &mut Interp, item: &Value) -> Option<PyResult<bool>> {
        let data = self.data.borrow();
        Some(match crate::bytes::buffer(item) {
            Some(needle) => {
                Ok(needle.is_empty() || data.windows(needle.len()).any(|w| w == needle))
            }
            None => crate::bytes::contains(&data, item),
        })
    }

    fn equal(&self, _: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        let other = crate::bytes::buffer(other)?;
        Some(Ok(*self.data.borrow() == other))
    }

    fn binary(
        &self,
        _: &mut Interp,
        this: &Value,
        op: pvm_frontend::BinaryOperator,
        other: &Value,
        reflected: bool,
        inplace: bool,
    ) -> Option<PyResult<Value>> {
        use pvm_frontend::BinaryOperator as Op;
        match op {
            Op::Add => {
                let Some(more) = crate::bytes::buffer(other) else {
                    return Some(Err(type_error(format!(
                        "can't concat {} to bytearray",
                        other.type_name()
                    ))));
                };
                if inplace && !reflected {
                    self.data.borrow_mut().extend_from_slice(&more);
                    return Some(Ok(this.clone()));
                }
                let mine = self.data.borrow();
                // `bytes + bytearray` is bytes: the left operand decides.
                Some(Ok(if reflected {
                    crate::bytes::new([&more[..], &mine[..]].concat())
                } else {
                    new([&mine[..], &more[..]].concat())
                }))
            }
            Op::Multiply => {
                let times = match other {
                    Value::Int(n) => (*n).max(0) as usize,
                    Value::Bool(b) => *b as usize,
                    _ => {
                        return Some(Err(type_error(format!(
                            "can't multiply sequence by non-int of type '{}'",
                            other.type_name()
                        ))))
                    }
                };
                let repeated = self.data.borrow().repeat(times);
                if inplace {
                    *self.data.borrow_mut() = repeated;
                    return Some(Ok(this.clone()));
                }
                Some(Ok(new(repeated)))
            }
            _ => None,
        }
    }
}

impl ByteArray {
    /// `b[key] = value`: one byte, or a slice replaced by bytes.
    fn assign(&self, interp: &mut Interp, key: &Value, value: Value) -> PyResult<()> {
        if let Value::Slice(_) = key {
            let replacement: Vec<Value> = bytes_from(interp, &value)?
                .into_iter()
                .map(|b| Value::Int(b as i64))
                .collect();
            let items: Vec<Value> = self
                .data
                .borrow()
                .iter()
                .map(|b| Value::Int(*b as i64))
                .collect();
            let list = Value::list(items);
            crate::subscript::set_item(interp, &list, key, Value::list(replacement))?;
            let updated = crate::iter::collect(interp, &list)?
                .iter()
                .map(byte_of)
                .collect::<PyResult<Vec<u8>>>()?;
            *self.data.borrow_mut() = updated;
            return Ok(());
        }
        let index = match key {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            other => {
                return Err(type_error(format!(
                    "bytearray indices must be integers or slices, not {}",
                    other.type_name()
                )))
            }
        };
        let byte = byte_of(&value)?;
        let mut data = self.data.borrow_mut();
        let len = data.len() as i64;
        let i = if index < 0 { index + len } else { index };
        if !(0..len).contains(&i) {
            return Err(index_error("bytearray index out of range"));
        }
        data[i as usize] = byte;
        Ok(())
    }
}

fn this(args: &[Value]) -> PyResult<&ByteArray> {
    args.first()
        .and_then(of)
        .ok_or_else(|| type_error("descriptor requires a 'bytearray' object"))
}

fn one_arg<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Value> {
    match args {
        [_, value] => Ok(value),
        _ => Err(type_error(format!(
            "bytearray.{name}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

fn append(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("append", kw)?;
    let byte = byte_of(one_arg(args, "append")?)?;
    this(args)?.data.borrow_mut().push(byte);
    Ok(Value::None)
}

fn extend(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("extend", kw)?;
    let more = bytes_from(interp, one_arg(args, "extend")?)?;
    this(args)?.data.borrow_mut().extend(more);
    Ok(Value::None)
}

fn pop(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("pop", kw)?;
    let array = this(args)?;
    let mut data = array.data.borrow_mut();
    if data.is_empty() {
        return Err(index_error("pop from empty bytearray"));
    }
    let len = data.len() as i64;
    let index = match args.get(1) {
        None => len - 1,
        Some(Value::Int(i)) if *i < 0 => i + len,
        Some(Value::Int(i)) => *i,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    if !(0..len).contains(&index) {
        return Err(index_error("pop index out of range"));
    }
    Ok(Value::Int(data.remove(index as usize) as i64))
}

fn insert(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("insert", kw)?;
    let [_, Value::Int(index), value] = args else {
        return Err(type_error("insert expected 2 arguments"));
    };
    let byte = byte_of(value)?;
    let mut data = this(args)?.data.borrow_mut();
    let len = data.len() as i64;
    let at = if *index < 0 {
        (index + len).max(0)
    } else {
        (*index).min(len)
    };
    data.insert(at as usize, byte);
    Ok(Value::None)
}

fn remove(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("remove", kw)?;
    let byte = byte_of(one_arg(args, "remove")?)?;
    let mut data = this(args)?.data.borrow_mut();
    match data.iter().position(|b| *b == byte) {
        Some(i) => {
            data.remove(i);
            Ok(Value::None)
        }
        None => Err(value_error("value not found in bytearray")),
    }
}

fn reverse(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.data.borrow_mut().reverse();
    Ok(Value::None)
}

fn clear(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.data.borrow_mut().clear();
    Ok(Value::None)
}

/// `__reduce_ex__(protocol)` / `__reduce__()`: `(bytearray, (bytes,), None)`,
/// which `copy` and `pickle` rebuild from.
fn reduce(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let data = crate::bytes::new(this(args)?.data.borrow().clone());
    Ok(Value::tuple(vec![
        Value::Type(&types::BYTEARRAY),
        Value::tuple(vec![data]),
        Value::None,
    ]))
}

fn copy(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(new(this(args)?.data.borrow().clone()))
}

/// A `bytes` method run on a copy of the bytearray's bytes; byte strings
/// in its answer (alone or in a list) come back as bytearrays.
fn delegate(interp: &mut Interp, name: &str, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let snapshot = crate::bytes::new(this(args)?.data.borrow().clone());
    let method = crate::bytes::method(name)
        .ok_or_else(|| type_error(format!("bytearray.{name}() is not supported by pvm yet")))?;
    let answer = crate::call::with_first(&snapshot, &args[1..], |full| {
        (method.func)(interp, full, kw)
    })?;
    let rewrap = |value: Value| match value {
        Value::Bytes(b) => new(b.data.to_vec()),
        other => other,
    };
    Ok(match answer {
        Value::List(list) => Value::list(list.items.borrow().iter().cloned().map(rewrap).collect()),
        other => rewrap(other),
    })
}

macro_rules! delegated {
    ($($fn:ident = $name:literal;)*) => {
        $(fn $fn(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
            delegate(interp, $name, args, kw)
        })*
    };
}

delegated! {
    b_decode = "decode";
    b_hex = "hex";
    b_startswith = "startswith";
    b_endswith = "endswith";
    b_find = "find";
    b_rfind = "rfind";
    b_index = "index";
    b_rindex = "rindex";
    b_count = "count";
    b_join = "join";
    b_split = "split";
    b_strip = "strip";
    b_upper = "upper";
    b_lower = "lower";
    b_replace = "replace";
    b_isalnum = "isalnum";
    b_isalpha = "isalpha";
    b_isdigit = "isdigit";
    b_islower = "islower";
    b_isupper = "isupper";
    b_isspace = "isspace";
    b_isascii = "isascii";
    b_lstrip = "lstrip";
    b_rstrip = "rstrip";
    b_ljust = "ljust";
    b_rjust = "rjust";
    b_center = "center";
    b_zfill = "zfill";
    b_partition = "partition";
    b_rpartition = "rpartition";
    b_removeprefix = "removeprefix";
    b_removesuffix = "removesuffix";
    b_capitalize = "capitalize";
    b_swapcase = "swapcase";
    b_title = "title";
    b_splitlines = "splitlines";
    b_translate = "translate";
}

builtin_table!(pub METHODS {
    "append" => append,
    "extend" => extend,
    "pop" => pop,
    "insert" => insert,
    "remove" => remove,
    "reverse" => reverse,
    "clear" => clear,
    "copy" => copy,
    "__reduce_ex__" => reduce,
    "__reduce__" => reduce,
    "decode" => b_decode,
    "hex" => b_hex,
    "startswith" => b_startswith,
    "endswith" => b_endswith,
    "find" => b_find,
    "rfind" => b_rfind,
    "index" => b_index,
    "rindex" => b_rindex,
    "count" => b_count,
    "join" => b_join,
    "split" => b_split,
    "strip" => b_strip,
    "upper" => b_upper,
    "lower" => b_lower,
    "replace" => b_replace,
    "isalnum" => b_isalnum,
    "isalpha" => b_isalpha,
    "isdigit" => b_isdigit,
    "islower" => b_islower,
    "isupper" => b_isupper,
    "isspace" => b_isspace,
    "isascii" => b_isascii,
    "lstrip" => b_lstrip,
    "rstrip" => b_rstrip,
    "ljust" => b_ljust,
    "rjust" => b_rjust,
    "center" => b_center,
    "zfill" => b_zfill,
    "partition" => b_partition,
    "rpartition" => b_rpartition,
    "removeprefix" => b_removeprefix,
    "removesuffix" => b_removesuffix,
    "capitalize" => b_capitalize,
    "swapcase" => b_swapcase,
    "title" => b_title,
    "splitlines" => b_splitlines,
    "translate" => b_translate,
});
