//! The `array` module: typed arrays of numbers (`array('d', ...)`,
//! `array('i', ...)` and the other integer and float type codes), stored as
//! plain Rust vectors of `i64` or `f64`, with CPython's conversions, range
//! checks and reprs.
//!
//! Byte-level methods (`tobytes`, `frombytes`, `byteswap`) and the `'u'`
//! type code are not provided.

use super::module;
use crate::exceptions::{index_error, overflow_error, type_error, value_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

static ARRAY: PyType = PyType {
    name: "array",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

enum Items {
    Int(Vec<i64>),
    Float(Vec<f64>),
}

pub struct Array {
    code: char,
    items: RefCell<Items>,
}

/// Item size in bytes and the integer range of a type code.
fn describe(code: char) -> Option<(usize, i128, i128)> {
    Some(match code {
        'b' => (1, -128, 127),
        'B' => (1, 0, 255),
        'h' => (2, -32768, 32767),
        'H' => (2, 0, 65535),
        'i' => (4, i32::MIN as i128, i32::MAX as i128),
        'I' => (4, 0, u32::MAX as i128),
        'l' | 'q' => (8, i64::MIN as i128, i64::MAX as i128),
        'L' | 'Q' => (8, 0, u64::MAX as i128),
        'f' => (4, 0, 0),
        'd' => (8, 0, 0),
        _ => return None,
    })
}

fn is_float(code: char) -> bool {
    matches!(code, 'f' | 'd')
}

impl Array {
    fn int_item(&self, value: &Value) -> PyResult<i64> {
        let n = match value {
            Value::Int(i) => *i as i128,
            Value::Bool(b) => *b as i128,
            Value::BigInt(_) => i128::MAX,
            other => {
                return Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )))
            }
        };
        let (_, low, high) = describe(self.code).unwrap_or((8, 0, 0));
        if n < low || n > high {
            let message = if low == 0 && n < 0 {
                format!("unsigned {} is less than minimum", kind_name(self.code))
            } else if n > high {
                format!("signed {} is greater than maximum", kind_name(self.code))
            } else {
                format!("signed {} is less than minimum", kind_name(self.code))
            };
            return Err(overflow_error(message));
        }
        Ok(n as i64)
    }

    fn float_item(value: &Value) -> PyResult<f64> {
        match crate::numbers::Num::of(value) {
            Some(n) => n.to_f64(),
            None => Err(type_error(format!(
                "must be real number, not {}",
                value.type_name()
            ))),
        }
    }

    fn push(&self, value: &Value) -> PyResult<()> {
        let mut items = self.items.borrow_mut();
        match &mut *items {
            Items::Int(v) => v.push(self.int_item(value)?),
            Items::Float(v) => v.push(Self::float_item(value)?),
        }
        Ok(())
    }

    fn values(&self) -> Vec<Value> {
        match &*self.items.borrow() {
            Items::Int(v) => v.iter().map(|i| Value::Int(*i)).collect(),
            Items::Float(v) => v.iter().map(|f| Value::Float(*f)).collect(),
        }
    }

    fn len(&self) -> usize {
        match &*self.items.borrow() {
            Items::Int(v) => v.len(),
            Items::Float(v) => v.len(),
        }
    }

    /// `self * count` (also `count * self`).
    fn repeated(&self, count: &Value) -> PyResult<Array> {
        let count = match count {
            Value::Int(n) => (*n).max(0) as usize,
            Value::Bool(b) => *b as usize,
            _ => {
                return Err(overflow_error(
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
        };
        let items = match &*self.items.borrow() {
            Items::Int(v) => Items::Int(crate::memory::repeat(v, count)?),
            Items::Float(v) => Items::Float(crate::memory::repeat(v, count)?),
        };
        Ok(Array {
            code: self.code,
            items: RefCell::new(items),
        })
    }

    /// `self + other` for another array of the same type code.
    fn concatenated(&self, other: &Array) -> PyResult<Array> {
        if other.code != self.code {
            return Err(type_error("bad argument type for built-in operation"));
        }
        let items = match (&*self.items.borrow(), &*other.items.borrow()) {
            (Items::Int(a), Items::Int(b)) => Items::Int([&a[..], &b[..]].concat()),
            (Items::Float(a), Items::Float(b)) => Items::Float([&a[..], &b[..]].concat()),
            _ => return Err(type_error("bad argument type for built-in operation")),
        };
        Ok(Array {
            code: self.code,
            items: RefCell::new(items),
        })
    }

    /// `self[slice] = other`, where `other` is an array of the same type
    /// code (extended slices must match in length, as for lists).
    fn set_slice(&self, interp: &mut Interp, key: &Value, value: &Value) -> PyResult<()> {
        let source = match native::downcast::<Array>(value) {
            Some(array) if array.code == self.code => array.values(),
            Some(_) => return Err(type_error("bad argument type for built-in operation")),
            None => {
                return Err(type_error(format!(
                    "can only assign array (not \"{}\") to array slice",
                    value.type_name()
                )))
            }
        };
        let list = Value::list(self.values());
        crate::subscript::set_item(interp, &list, key, Value::list(source)).map_err(|e| {
            let args = e.0.exception.args.borrow().clone();
            match args.first().and_then(Value::as_str) {
                Some(text) if text.starts_with("attempt to assign sequence") => {
                    value_error(text.replacen("sequence", "array", 1))
                }
                _ => e,
            }
        })?;
        let Value::List(list) = list else {
            return Ok(());
        };
        let rebuilt = new_array(self.code);
        for item in list.items.borrow().iter() {
            rebuilt.push(item)?;
        }
        drop(std::mem::replace(
            &mut *self.items.borrow_mut(),
            rebuilt.items.into_inner(),
        ));
        Ok(())
    }

    fn with_values(&self, values: &[Value]) -> PyResult<Value> {
        let array = new_array(self.code);
        for value in values {
            array.push(value)?;
        }
        Ok(native::new(array))
    }
}

fn kind_name(code: char) -> &'static str {
    match code {
        'b' | 'B' => "char",
        'h' | 'H' => "short integer",
        'i' | 'I' => "integer",
        _ => "long integer",
    }
}

fn new_array(code: char) -> Array {
    Array {
        code,
        items: RefCell::new(if is_float(code) {
            Items::Float(Vec::new())
        } else {
            Items::Int(Vec::new())
        }),
    }
}

builtin_table!(METHODS {
    "append" => array_append,
    "extend" => array_extend,
    "tolist" => array_tolist,
    "tobytes" => array_tobytes,
    "pop" => array_pop,
    "index" => array_index,
    "count" => array_count,
    "reverse" => array_reverse,
    "insert" => array_insert,
});

fn index_in(len: usize, key: &Value) -> PyResult<usize> {
    let Value::Int(i) = key else {
        return Err(type_error("array indices must be integers"));
    };
    let i = if *i < 0 { *i + len as i64 } else { *i };
    usize::try_from(i)
        .ok()
        .filter(|i| *i < len)
        .ok_or_else(|| index_error("array index out of range"))
}

impl NativeObject for Array {
    fn type_of(&self) -> &'static PyType {
        &ARRAY
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
        let made = match (op, other) {
            (Op::Multiply, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) => {
                self.repeated(other)
            }
            (Op::Multiply, _) => Err(type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.type_name()
            ))),
            (Op::Add, _) if reflected => return None,
            (Op::Add, _) => match native::downcast::<Array>(other) {
                Some(array) => self.concatenated(array),
                None => Err(type_error(format!(
                    "can only {} array (not \"{}\") to array",
                    if inplace { "extend" } else { "append" },
                    other.type_name()
                ))),
            },
            _ => return None,
        };
        Some(made.map(|array| {
            if inplace && !reflected {
                let items = array.items.into_inner();
                drop(std::mem::replace(&mut *self.items.borrow_mut(), items));
                this.clone()
            } else {
                native::new(array)
            }
        }))
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        if self.len() == 0 {
            return Ok(format!("array('{}')", self.code));
        }
        let list = crate::repr::repr(interp, &Value::list(self.values()))?;
        Ok(format!("array('{}', {list})", self.code))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn len(&self) -> Option<usize> {
        Some(Array::len(self))
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        Some(crate::iter::get_iter(interp, &Value::list(self.values())))
    }

    fn get_item(&self, interp: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        Some(match key {
            Value::Slice(_) => crate::subscript::get_item(interp, &Value::list(self.values()), key)
                .and_then(|picked| match picked {
                    Value::List(l) => self.with_values(&l.items.borrow()),
                    other => Ok(other),
                }),
            _ => index_in(self.len(), key).map(|i| match &*self.items.borrow() {
                Items::Int(v) => Value::Int(v[i]),
                Items::Float(v) => Value::Float(v[i]),
            }),
        })
    }

    fn set_item(&self, interp: &mut Interp, key: &Value, value: Value) -> Option<PyResult<()>> {
        if let Value::Slice(_) = key {
            return Some(self.set_slice(interp, key, &value));
        }
        Some((|| {
            let i = index_in(self.len(), key)?;
            let int = if is_float(self.code) {
                None
            } else {
                Some(self.int_item(&value)?)
            };
            let float = if is_float(self.code) {
                Some(Self::float_item(&value)?)
            } else {
                None
            };
            match &mut *self.items.borrow_mut() {
                Items::Int(v) => v[i] = int.unwrap_or_default(),
                Items::Float(v) => v[i] = float.unwrap_or_default(),
            }
            Ok(())
        })())
    }

    fn equal(&self, interp: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        let other = native::downcast::<Array>(other)?;
        Some(crate::compare::equal(
            interp,
            &Value::list(self.values()),
            &Value::list(other.values()),
        ))
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "typecode" => Some(Value::str(self.code.to_string())),
            "itemsize" => describe(self.code).map(|(size, _, _)| Value::Int(size as i64)),
            _ => None,
        }
    }
}

fn this(args: &[Value]) -> PyResult<&Array> {
    args.first()
        .and_then(native::downcast::<Array>)
        .ok_or_else(|| type_error("descriptor requires an 'array.array' object"))
}

fn array_append(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let array = this(args)?;
    let value = args
        .get(1)
        .ok_or_else(|| type_error("append() takes exactly one argument (0 given)"))?;
    array.push(value)?;
    Ok(Value::None)
}

fn array_extend(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let array = this(args)?;
    let source = args.get(1).cloned().unwrap_or_default();
    for value in crate::iter::collect(interp, &source)? {
        array.push(&value)?;
    }
    Ok(Value::None)
}

fn array_tolist(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::list(this(args)?.values()))
}

/// The items as machine values in native (little-endian) byte order.
fn array_tobytes(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let array = this(args)?;
    let (size, _, _) = describe(array.code).unwrap_or((8, 0, 0));
    let mut out = Vec::with_capacity(array.len() * size);
    match &*array.items.borrow() {
        Items::Int(v) => {
            for i in v {
                out.extend_from_slice(&i.to_le_bytes()[..size]);
            }
        }
        Items::Float(v) if size == 4 => {
            for f in v {
                out.extend_from_slice(&(*f as f32).to_le_bytes());
            }
        }
        Items::Float(v) => {
            for f in v {
                out.extend_from_slice(&f.to_le_bytes());
            }
        }
    }
    Ok(crate::bytes::new(out))
}

fn array_pop(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let array = this(args)?;
    let len = array.len();
    if len == 0 {
        return Err(index_error("pop from empty array"));
    }
    let i = match args.get(1) {
        Some(key) => index_in(len, key).map_err(|_| index_error("pop index out of range"))?,
        None => len - 1,
    };
    Ok(match &mut *array.items.borrow_mut() {
        Items::Int(v) => Value::Int(v.remove(i)),
        Items::Float(v) => Value::Float(v.remove(i)),
    })
}

fn array_index(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let needle = args.get(1).cloned().unwrap_or_default();
    for (i, value) in this(args)?.values().iter().enumerate() {
        if crate::compare::equal(interp, value, &needle)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(value_error("array.index(x): x not in array"))
}

fn array_count(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let needle = args.get(1).cloned().unwrap_or_default();
    let mut count = 0;
    for value in this(args)?.values() {
        if crate::compare::equal(interp, &value, &needle)? {
            count += 1;
        }
    }
    Ok(Value::Int(count))
}

fn array_reverse(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match &mut *this(args)?.items.borrow_mut() {
        Items::Int(v) => v.reverse(),
        Items::Float(v) => v.reverse(),
    }
    Ok(Value::None)
}

fn array_insert(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let array = this(args)?;
    let (Some(Value::Int(i)), Some(value)) = (args.get(1), args.get(2)) else {
        return Err(type_error("insert() takes exactly 2 arguments"));
    };
    let len = array.len() as i64;
    let at = if *i < 0 {
        (*i + len).max(0)
    } else {
        (*i).min(len)
    } as usize;
    let probe = new_array(array.code);
    probe.push(value)?;
    match (&mut *array.items.borrow_mut(), &*probe.items.borrow()) {
        (Items::Int(v), Items::Int(p)) => v.insert(at, p[0]),
        (Items::Float(v), Items::Float(p)) => v.insert(at, p[0]),
        _ => {}
    }
    Ok(Value::None)
}

fn array(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("array", kwnames)?;
    let code = match args.first() {
        Some(Value::Str(s)) if s.char_len() == 1 => s.as_str().chars().next().unwrap_or('?'),
        Some(Value::Str(_)) | None => {
            return Err(type_error(
                "array() argument 1 must be a unicode character, not str",
            ))
        }
        Some(other) => {
            return Err(type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                other.type_name()
            )))
        }
    };
    if describe(code).is_none() {
        return Err(value_error(
            "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
        ));
    }
    let array = new_array(code);
    if let Some(initial) = args.get(1) {
        for value in crate::iter::collect(interp, initial)? {
            array.push(&value)?;
        }
    }
    Ok(native::new(array))
}

static FUNCTIONS: &[Builtin] = &[Builtin {
    name: "array",
    func: array,
}];

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    module(
        "array",
        &functions,
        vec![("typecodes", Value::str("bBuhHiIlLqQfd"))],
    )
}
