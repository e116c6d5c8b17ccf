//! Descriptors: what a value found on a class becomes when it is reached
//! through an instance or a class. Functions bind to the receiver, builtin
//! method descriptors to the receiver (or the `list`/`dict` it extends),
//! `staticmethod`, `classmethod` and `property` do what they do in CPython,
//! and objects whose class defines `__get__` are asked. Also the attributes
//! of the descriptor objects themselves (`prop.setter`, `prop.fget`,
//! `sm.__func__`).
//!
//! Which descriptor is found, and in which order descriptors and instance
//! dicts are consulted, is decided by `user.rs` and `mod.rs`, not here.

use crate::call;
use crate::exceptions::{attribute_error, type_error, PyResult};
use crate::types::PyType;
use crate::value::{BoundFunction, BoundMethod, Builtin, Descriptor, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

use super::mro::{lookup, user_lookup};

/// Binds what a class lookup found to the value it was looked up on.
pub fn bind(found: Value, receiver: &Value, class: &'static PyType) -> Value {
    match found {
        Value::Function(_) => Value::BoundFunction(Rc::new(BoundFunction {
            receiver: receiver.clone(),
            function: found,
        })),
        Value::MethodDescriptor(d) => Value::Method(Rc::new(BoundMethod {
            receiver: crate::subclass::receiver(d.owner, receiver),
            method: d.method,
        })),
        Value::Descriptor(d) => match &*d {
            Descriptor::StaticMethod(f) => f.clone(),
            Descriptor::ClassMethod(f) => Value::BoundFunction(Rc::new(BoundFunction {
                receiver: Value::Type(class),
                function: f.clone(),
            })),
            Descriptor::Property { .. } => Value::Descriptor(d.clone()),
        },
        other => other,
    }
}

/// What a class attribute gives when reached through `receiver`: a
/// property's getter called, anything else bound.
pub(super) fn get(
    interp: &mut Interp,
    found: Value,
    receiver: &Value,
    class: &'static PyType,
) -> PyResult<Value> {
    if let Value::Descriptor(d) = &found {
        if let Descriptor::Property { getter, .. } = &**d {
            if matches!(getter, Value::None) {
                return Err(attribute_error(format!(
                    "property of '{}' object has no getter",
                    class.name
                )));
            }
            return call::call(interp, getter, std::slice::from_ref(receiver), &[]);
        }
    }
    Ok(bind(found, receiver, class))
}

/// `descriptor.__get__(instance, owner)` when `descriptor` is an object
/// whose class defines `__get__` (`Ok(None)` otherwise).
pub(super) fn user_get(
    interp: &mut Interp,
    descriptor: &Value,
    instance: &Value,
    owner: &'static PyType,
) -> PyResult<Option<Value>> {
    let Value::Instance(d) = descriptor else {
        return Ok(None);
    };
    let Some(get) = user_lookup(d.class, "__get__") else {
        return Ok(None);
    };
    let get = bind(get, descriptor, d.class);
    call::call(interp, &get, &[instance.clone(), Value::Type(owner)], &[]).map(Some)
}

/// Whether `class` defines `__set__` or `__delete__` (so its instances are
/// data descriptors, which come before an instance's own attributes).
pub(super) fn is_data_descriptor(class: &'static PyType) -> bool {
    user_lookup(class, "__set__").is_some() || user_lookup(class, "__delete__").is_some()
}

/// `descriptor.__set__(instance, value)` when `descriptor` is an object
/// whose class defines `__set__`: `Err(value)` hands the value back otherwise.
pub(super) fn user_set(
    interp: &mut Interp,
    descriptor: &Value,
    instance: &Value,
    value: Value,
) -> Result<PyResult<()>, Value> {
    let Value::Instance(d) = descriptor else {
        return Err(value);
    };
    let Some(set) = user_lookup(d.class, "__set__") else {
        return Err(value);
    };
    let set = bind(set, descriptor, d.class);
    Ok(call::call(interp, &set, &[instance.clone(), value], &[]).map(drop))
}

// ----- properties ---------------------------------------------------------

/// `target.name = value` through a property of `target`'s user class
/// `class`: `Err(value)` hands the value back when the attribute is not one.
pub(super) fn property_set(
    interp: &mut Interp,
    target: &Value,
    class: &'static PyType,
    name: &Rc<PyStr>,
    value: Value,
) -> Result<PyResult<()>, Value> {
    let Some(Value::Descriptor(d)) = lookup(class, name) else {
        return Err(value);
    };
    let Descriptor::Property {
        setter,
        name: known,
        ..
    } = &*d
    else {
        return Err(value);
    };
    if matches!(setter, Value::None) {
        return Ok(Err(attribute_error(property_message(
            known, class, "setter",
        ))));
    }
    Ok(call::call(interp, setter, &[target.clone(), value], &[]).map(drop))
}

/// `del target.name` through a property of `target`'s user class `class`
/// (`None` when the attribute is not one).
pub(super) fn property_delete(
    interp: &mut Interp,
    target: &Value,
    class: &'static PyType,
    name: &Rc<PyStr>,
) -> Option<PyResult<()>> {
    let Some(Value::Descriptor(d)) = lookup(class, name) else {
        return None;
    };
    let Descriptor::Property {
        deleter,
        name: known,
        ..
    } = &*d
    else {
        return None;
    };
    if matches!(deleter, Value::None) {
        return Some(Err(attribute_error(property_message(
            known, class, "deleter",
        ))));
    }
    Some(call::call(interp, deleter, std::slice::from_ref(target), &[]).map(drop))
}

/// CPython's "property 'x' of 'C' object has no setter" (the name only when
/// the property got one in a class body).
fn property_message(name: &Option<Rc<PyStr>>, class: &'static PyType, what: &str) -> String {
    match name {
        Some(name) => format!(
            "property '{}' of '{}' object has no {what}",
            name.as_str(),
            class.name
        ),
        None => format!("property of '{}' object has no {what}", class.name),
    }
}

// ----- attributes of descriptor objects -----------------------------------

/// `d.name` for a `property`, `staticmethod` or `classmethod` object.
pub(super) fn attribute(d: &Rc<Descriptor>, value: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    let method: Option<&'static Builtin> = match name.as_str() {
        "getter" => Some(&PROPERTY_GETTER),
        "setter" => Some(&PROPERTY_SETTER),
        "deleter" => Some(&PROPERTY_DELETER),
        "__get__" => Some(&DESCRIPTOR_GET),
        "__set__" if matches!(&**d, Descriptor::Property { .. }) => Some(&PROPERTY_SET),
        "__delete__" if matches!(&**d, Descriptor::Property { .. }) => Some(&PROPERTY_DELETE),
        _ => None,
    };
    if let Some(method) = method.filter(|m| m.name.starts_with("__")) {
        return Ok(bound(Value::Builtin(method), value));
    }
    match (&**d, method, name.as_str()) {
        (Descriptor::Property { .. }, Some(method), _) => Ok(bound(Value::Builtin(method), value)),
        (Descriptor::Property { getter, .. }, None, "fget") => Ok(getter.clone()),
        (Descriptor::Property { setter, .. }, None, "fset") => Ok(setter.clone()),
        (Descriptor::Property { deleter, .. }, None, "fdel") => Ok(deleter.clone()),
        (Descriptor::StaticMethod(f) | Descriptor::ClassMethod(f), _, "__func__") => Ok(f.clone()),
        _ => super::builtin::get(value, name),
    }
}

fn bound(function: Value, receiver: &Value) -> Value {
    Value::BoundFunction(Rc::new(BoundFunction {
        receiver: receiver.clone(),
        function,
    }))
}

/// `descriptor.__get__(instance, owner=None)` of a property, static
/// method or class method.
static DESCRIPTOR_GET: Builtin = Builtin {
    name: "__get__",
    func: descriptor_get,
};
static PROPERTY_SET: Builtin = Builtin {
    name: "__set__",
    func: |interp, args, _| match args {
        [Value::Descriptor(d), instance, value] => match &**d {
            Descriptor::Property { setter, .. } if !matches!(setter, Value::None) => {
                call::call(interp, setter, &[instance.clone(), value.clone()], &[])
                    .map(|_| Value::None)
            }
            _ => Err(attribute_error("can't set attribute")),
        },
        _ => Err(type_error("__set__ expected 2 arguments")),
    },
};
static PROPERTY_DELETE: Builtin = Builtin {
    name: "__delete__",
    func: |interp, args, _| match args {
        [Value::Descriptor(d), instance] => match &**d {
            Descriptor::Property { deleter, .. } if !matches!(deleter, Value::None) => {
                call::call(interp, deleter, std::slice::from_ref(instance), &[])
                    .map(|_| Value::None)
            }
            _ => Err(attribute_error("can't delete attribute")),
        },
        _ => Err(type_error("__delete__ expected 1 argument")),
    },
};

fn descriptor_get(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (d, instance, owner) = match args {
        [Value::Descriptor(d), instance] => (d, instance, None),
        [Value::Descriptor(d), instance, owner] => (d, instance, Some(owner)),
        _ => return Err(type_error("__get__ expected 1 or 2 arguments")),
    };
    let owner = match (owner, instance) {
        (Some(Value::Type(t)), _) => *t,
        (_, Value::None) => return Err(type_error("__get__(None, None) is invalid")),
        (_, instance) => instance.type_of(),
    };
    match &**d {
        Descriptor::Property { .. } if matches!(instance, Value::None) => {
            Ok(Value::Descriptor(d.clone()))
        }
        _ if matches!(instance, Value::None) => Ok(bind(
            Value::Descriptor(d.clone()),
            &Value::Type(owner),
            owner,
        )),
        _ => get(interp, Value::Descriptor(d.clone()), instance, owner),
    }
}

static PROPERTY_GETTER: Builtin = Builtin {
    name: "getter",
    func: |_, args, _| property_with(args, 0),
};
static PROPERTY_SETTER: Builtin = Builtin {
    name: "setter",
    func: |_, args, _| property_with(args, 1),
};
static PROPERTY_DELETER: Builtin = Builtin {
    name: "deleter",
    func: |_, args, _| property_with(args, 2),
};

/// `prop.setter(f)` and friends: a copy of the property with one function replaced.
fn property_with(args: &[Value], slot: usize) -> PyResult<Value> {
    let [Value::Descriptor(d), f] = args else {
        return Err(type_error("property method takes exactly one argument"));
    };
    let Descriptor::Property {
        getter,
        setter,
        deleter,
        name,
    } = &**d
    else {
        return Err(type_error("not a property"));
    };
    let mut parts = [getter.clone(), setter.clone(), deleter.clone()];
    parts[slot] = f.clone();
    let [getter, setter, deleter] = parts;
    Ok(Value::Descriptor(Rc::new(Descriptor::Property {
        getter,
        setter,
        deleter,
        name: name.clone(),
    })))
}
