//! Objects implemented in Rust by runtime modules (`collections.deque`,
//! `io.StringIO`, `array.array`): one `Value` variant and one trait, so a
//! module adds a type without touching the operations that dispatch on
//! `Value`.
//!
//! Each hook defaults to "not supported", which the caller turns into the
//! usual `TypeError`. Nothing here is on a hot path of the builtin types.

use crate::exceptions::PyResult;
use crate::types::PyType;
use crate::value::{Builtin, Value};
use crate::Interp;
use std::any::Any;
use std::rc::Rc;

pub trait NativeObject: Any {
    fn type_of(&self) -> &'static PyType;
    fn repr(&self, interp: &mut Interp) -> PyResult<String>;
    /// The method `name`, unbound (its first argument is the object).
    fn method(&self, name: &str) -> Option<&'static Builtin>;
    fn as_any(&self) -> &dyn Any;
    fn len(&self) -> Option<usize> {
        None
    }
    /// An iterator over the object.
    fn iter(&self, _interp: &mut Interp) -> Option<PyResult<Value>> {
        None
    }
    fn get_item(&self, _interp: &mut Interp, _key: &Value) -> Option<PyResult<Value>> {
        None
    }
    fn set_item(&self, _interp: &mut Interp, _key: &Value, _value: Value) -> Option<PyResult<()>> {
        None
    }
    fn contains(&self, _interp: &mut Interp, _item: &Value) -> Option<PyResult<bool>> {
        None
    }
    fn equal(&self, _interp: &mut Interp, _other: &Value) -> Option<PyResult<bool>> {
        None
    }
    /// A data attribute (`deque.maxlen`, `array.typecode`).
    fn attribute(&self, _name: &str) -> Option<Value> {
        None
    }
    /// A data attribute that needs the interpreter or can fail (asked
    /// before `method` and `attribute`).
    fn attribute_with(&self, _interp: &mut Interp, _name: &str) -> Option<PyResult<Value>> {
        None
    }
    /// `object.name = value`, for the attributes the object lets a program
    /// set (`None`: it takes no such attribute).
    fn set_attribute(&self, _name: &str, _value: &Value) -> Option<PyResult<()>> {
        None
    }
    /// `self <op> other` (`other <op> self` when `reflected`; in place when
    /// `inplace`, where returning `this` keeps the object).
    fn binary(
        &self,
        _interp: &mut Interp,
        _this: &Value,
        _op: pvm_frontend::BinaryOperator,
        _other: &Value,
        _reflected: bool,
        _inplace: bool,
    ) -> Option<PyResult<Value>> {
        None
    }
}

/// The box behind `Value::Native` (a thin pointer keeps `Value` two words).
pub struct NativeBox(pub Box<dyn NativeObject>);

pub fn new(object: impl NativeObject) -> Value {
    Value::Native(Rc::new(NativeBox(Box::new(object))))
}

/// The object behind `value` as a `T`, if it is one.
pub fn downcast<T: NativeObject>(value: &Value) -> Option<&T> {
    match value {
        Value::Native(native) => native.0.as_any().downcast_ref::<T>(),
        _ => None,
    }
}
