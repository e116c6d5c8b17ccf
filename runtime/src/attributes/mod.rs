//! The attribute protocol: `obj.name` (`get_attr`), `obj.name = value`
//! (`set_attr`), `del obj.name` (`del_attr`) and the method lookup of
//! `LOAD_METHOD` (`load_method`). Every attribute access in the runtime
//! goes through these four functions, which dispatch by kind of receiver:
//!
//! - instances of user classes, exceptions, user classes and `super()`
//!   objects: `user.rs`, which finds names through `mro.rs` and binds what
//!   it finds through `descriptors.rs`;
//! - builtin values, builtin types, modules and functions: `builtin.rs`;
//! - `property`, `staticmethod` and `classmethod` objects: `descriptors.rs`.
//!
//! The opcodes reach them through the inline caches of `cache.rs`, which
//! answer the common cases on instances without a lookup.
//!
//! Special methods (`__add__`, `__len__`, ...) are looked up on the class
//! only, by `special.rs`, not through this protocol.

pub mod builtin;
pub mod cache;
pub mod descriptors;
pub mod mro;
pub mod user;

pub use descriptors::bind;
pub use mro::{lookup, user_lookup};

use crate::exceptions::{attribute_error, type_error, PyResult};
use crate::value::{PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// `value.name`.
pub fn get_attr(interp: &mut Interp, value: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    // A metaclass's `__getattribute__` (an instance's is refused when its
    // class is made).
    if matches!(value, Value::Type(t) if t.has_user_metaclass()) {
        if let Some(hook) = metaclass_hook(value, "__getattribute__") {
            return crate::call::call(interp, &hook, &[Value::Str(name.clone())], &[]);
        }
    }
    generic_get_attr(interp, value, name)
}

/// `object.__getattribute__(value, name)`: `value.name` without a
/// metaclass's `__getattribute__`.
pub fn generic_get_attr(interp: &mut Interp, value: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    match value {
        Value::Instance(i) => user::instance_attr(interp, value, i.class, name),
        Value::Exception(e) => user::exception_attr(interp, value, e, name),
        Value::Type(t) => match &t.class {
            Some(class) => user::class_attr(interp, t, class, name),
            None => builtin::type_attr(t, name),
        },
        Value::Super(s) => user::super_attr(s, name),
        Value::BoundFunction(m) => match name.as_str() {
            "__self__" => Ok(m.receiver.clone()),
            "__func__" => Ok(m.function.clone()),
            _ => get_attr(interp, &m.function, name),
        },
        Value::Descriptor(d) => descriptors::attribute(d, value, name),
        Value::Function(f) => builtin::function_attr(f, name),
        Value::Module(m) => builtin::module_attr(m, name),
        Value::Native(n) => match n.0.attribute_with(interp, name.as_str()) {
            Some(result) => result,
            None => builtin::get(value, name),
        },
        _ => builtin::get(value, name),
    }
}

/// The `__setattr__` or `__delattr__` a user class defines for its
/// instances (a user metaclass for its classes), bound to `target`.
fn metaclass_hook(target: &Value, hook: &str) -> Option<Value> {
    let class = match target {
        Value::Instance(i) => i.class,
        Value::Type(t) if t.has_user_metaclass() => t.metaclass(),
        _ => return None,
    };
    user_lookup(class, hook).map(|found| bind(found, target, class))
}

/// `target.name = value`.
pub fn set_attr(
    interp: &mut Interp,
    target: &Value,
    name: &Rc<PyStr>,
    value: Value,
) -> PyResult<()> {
    if let Some(hook) = metaclass_hook(target, "__setattr__") {
        crate::call::call(interp, &hook, &[Value::Str(name.clone()), value], &[])?;
        return Ok(());
    }
    generic_set_attr(interp, target, name, value)
}

/// `object.__setattr__(target, name, value)`: assignment without a
/// metaclass's `__setattr__`.
pub fn generic_set_attr(
    interp: &mut Interp,
    target: &Value,
    name: &Rc<PyStr>,
    value: Value,
) -> PyResult<()> {
    let class = target.type_of();
    let value = if class.is_user_class() {
        match descriptors::property_set(interp, target, class, name, value) {
            Ok(done) => return done,
            Err(value) => value,
        }
    } else {
        value
    };
    match target {
        Value::Instance(i) => user::set_instance_attr(interp, target, i, name, value),
        Value::Exception(e) => {
            if let Some(done) =
                crate::frame_objects::set_exception_attribute(e, name.as_str(), &value)
            {
                return done;
            }
            e.attrs.set_str(name, value);
            Ok(())
        }
        Value::Type(t) if t.is_user_class() => {
            let meta = t.metaclass();
            let value = match lookup(meta, name).filter(|_| meta.is_user_class()) {
                Some(descriptor) => match descriptors::user_set(interp, &descriptor, target, value)
                {
                    Ok(done) => return done,
                    Err(value) => value,
                },
                None => value,
            };
            user::set_class_attr(t, name, value)
        }
        Value::Type(t) => Err(type_error(format!(
            "cannot set '{}' attribute of immutable type '{}'",
            name.as_str(),
            t.name
        ))),
        Value::Function(f) => builtin::set_function_attr(f, name, value),
        Value::Module(m) => {
            m.dict.set_str(name, value);
            Ok(())
        }
        Value::Native(n) => match n.0.set_attribute(name.as_str(), &value) {
            Some(done) => done,
            None => builtin::set(target, name),
        },
        _ => builtin::set(target, name),
    }
}

/// `del target.name`.
pub fn del_attr(interp: &mut Interp, target: &Value, name: &Rc<PyStr>) -> PyResult<()> {
    if let Some(hook) = metaclass_hook(target, "__delattr__") {
        crate::call::call(interp, &hook, &[Value::Str(name.clone())], &[])?;
        return Ok(());
    }
    generic_del_attr(interp, target, name)
}

/// `object.__delattr__(target, name)`: deletion without a metaclass's
/// `__delattr__`.
pub fn generic_del_attr(interp: &mut Interp, target: &Value, name: &Rc<PyStr>) -> PyResult<()> {
    let class = target.type_of();
    if class.is_user_class() {
        if let Some(done) = descriptors::property_delete(interp, target, class, name) {
            return done;
        }
    }
    match user::remove(target, name) {
        Some(old) => {
            drop(old);
            Ok(())
        }
        None => Err(attribute_error(match target {
            Value::Type(t) => format!(
                "type object '{}' has no attribute '{}'",
                t.name,
                name.as_str()
            ),
            _ => format!(
                "'{}' object has no attribute '{}'",
                target.type_name(),
                name.as_str()
            ),
        })),
    }
}

/// `LOAD_METHOD`: the function or builtin method `value.name` would bind,
/// unbound, when it is a plain method (so the call can pass the receiver
/// without a bound-method object); `None` when `get_attr` must answer.
#[inline]
pub fn load_method(value: &Value, name: &Rc<PyStr>) -> Option<Value> {
    match value {
        Value::Instance(i) => user::instance_method(i, name),
        _ => builtin::method(value, name).map(Value::Builtin),
    }
}
