//! Attributes of classes made by `class` statements, of their instances
//! (and of exceptions, which keep attributes like instances) and of
//! `super()` objects: the order in which data descriptors, the instance's
//! own dict, class attributes and `__getattr__` are consulted, and how
//! assignment and deletion change instance dicts and class namespaces.
//!
//! Finding a name in the MRO is `mro.rs`, binding what was found is
//! `descriptors.rs`; the dispatch by kind of receiver is `mod.rs`. Building
//! classes is `classes.rs`, and special methods (`__add__`, `__len__`, ...)
//! are `special.rs`. Nothing here runs bytecode: Python methods are called
//! through `call::call`.

use crate::call;
use crate::exceptions::{attribute_error, PyException, PyResult};
use crate::hash::DictKey;
use crate::types::{ClassData, PyType};
use crate::value::{Descriptor, PyDict, PyInstance, PyStr, PySuper, Value};
use crate::Interp;
use std::rc::Rc;

use super::descriptors::{self, bind};
use super::mro::{self, builtin_lookup, lookup, user_lookup};

/// The instance attributes of a value, if it has any.
fn instance_dict(value: &Value) -> Option<&PyDict> {
    match value {
        Value::Instance(i) => Some(&i.dict),
        Value::Exception(e) => Some(&e.attrs),
        _ => None,
    }
}

// ----- getting ------------------------------------------------------------

/// `value.name` for an instance of `class`: a property or data descriptor
/// of the class, then the instance's own attributes, then the class
/// attribute (bound), then `__class__` and `__dict__`, then `__getattr__`.
pub(super) fn instance_attr(
    interp: &mut Interp,
    value: &Value,
    class: &'static PyType,
    name: &Rc<PyStr>,
) -> PyResult<Value> {
    let found = lookup(class, name);
    match &found {
        Some(Value::Descriptor(d)) if matches!(&**d, Descriptor::Property { .. }) => {
            return descriptors::get(interp, found.clone().unwrap_or_default(), value, class);
        }
        // A data descriptor (its class defines `__set__` or `__delete__`)
        // comes before the instance's own attributes.
        Some(descriptor @ Value::Instance(d)) if descriptors::is_data_descriptor(d.class) => {
            if let Some(result) = descriptors::user_get(interp, descriptor, value, class)? {
                return Ok(result);
            }
        }
        _ => {}
    }
    if let Some(dict) = instance_dict(value) {
        if let Some(own) = dict.get_str(name) {
            return Ok(own);
        }
    }
    if let Some(found) = found {
        if let Some(result) = descriptors::user_get(interp, &found, value, class)? {
            return Ok(result);
        }
        return Ok(bind(found, value, class));
    }
    match name.as_str() {
        "__class__" => return Ok(Value::Type(class)),
        "__dict__" => {
            if let Some(dict) = instance_dict(value) {
                return Ok(Value::dict(dict.map().clone()));
            }
        }
        _ => {}
    }
    // The data attributes of the int or float a subclass extends
    // (`real`, `imag`, `numerator`, `denominator`).
    if let Some(base @ (Value::Int(_) | Value::BigInt(_) | Value::Float(_))) =
        crate::subclass::part(value)
    {
        if let Ok(found) = super::builtin::common(base, name) {
            return Ok(found);
        }
    }
    // The data attributes of a native object a subclass extends
    // (`StringIO.closed`).
    if let Some(base @ Value::Native(_)) = crate::subclass::part(value) {
        if let Ok(found) = super::builtin::get(base, name) {
            return Ok(found);
        }
    }
    if let Some(hook) = user_lookup(class, "__getattr__") {
        let hook = bind(hook, value, class);
        return call::call(interp, &hook, &[Value::Str(name.clone())], &[]);
    }
    Err(attribute_error(format!(
        "'{}' object has no attribute '{}'",
        class.name,
        name.as_str()
    )))
}

/// `e.name` for an exception: its own attributes, then what a user
/// exception class defines (not the methods of `BaseException`), then
/// what every exception has (`args`, `__cause__`, ...).
pub(super) fn exception_attr(
    interp: &mut Interp,
    value: &Value,
    e: &PyException,
    name: &Rc<PyStr>,
) -> PyResult<Value> {
    if let Some(found) = crate::frame_objects::exception_data(e, name.as_str()) {
        return Ok(found);
    }
    if let Some(found) = e.attrs.get_str(name) {
        return Ok(found);
    }
    if e.kind.is_user_class() {
        if let Some(found) = lookup(e.kind, name) {
            if !matches!(found, Value::MethodDescriptor(_)) {
                return descriptors::get(interp, found, value, e.kind);
            }
        }
    }
    if let Some(found) = crate::frame_objects::exception_method(value, name.as_str()) {
        return Ok(found);
    }
    super::builtin::get(value, name)
}

/// `C.name` for a user class `t` (whose class data is `class`).
pub(super) fn class_attr(
    interp: &mut Interp,
    t: &'static PyType,
    class: &ClassData,
    name: &Rc<PyStr>,
) -> PyResult<Value> {
    if let Some(found) = class_data_attr(t, class, name) {
        return Ok(found);
    }
    let meta = class.metaclass.get();
    // A data descriptor of the metaclass (a property, say) comes first.
    let meta_found = if meta.is_user_class() {
        lookup(meta, name)
    } else {
        None
    };
    let receiver = Value::Type(t);
    match &meta_found {
        Some(Value::Descriptor(d)) if matches!(&**d, Descriptor::Property { .. }) => {
            return descriptors::get(
                interp,
                meta_found.clone().unwrap_or_default(),
                &receiver,
                meta,
            );
        }
        Some(descriptor @ Value::Instance(d)) if descriptors::is_data_descriptor(d.class) => {
            if let Some(result) = descriptors::user_get(interp, descriptor, &receiver, meta)? {
                return Ok(result);
            }
        }
        _ => {}
    }
    match lookup(t, name) {
        Some(found @ Value::Descriptor(_)) => return Ok(bind(found, &receiver, t)),
        Some(found) => {
            return Ok(descriptors::user_get(interp, &found, &Value::None, t)?.unwrap_or(found))
        }
        None => {}
    }
    if name.as_str() == "__class__" {
        return Ok(Value::Type(meta));
    }
    if let Some(found) = meta_found {
        if let Some(result) = descriptors::user_get(interp, &found, &receiver, meta)? {
            return Ok(result);
        }
        return Ok(bind(found, &receiver, meta));
    }
    if meta.is_user_class() {
        if let Some(hook) = user_lookup(meta, "__getattr__") {
            let hook = bind(hook, &receiver, meta);
            return call::call(interp, &hook, &[Value::Str(name.clone())], &[]);
        }
    }
    // `type`'s own methods that a class answers for itself.
    if matches!(name.as_str(), "mro" | "__subclasses__") {
        if let Some(method) = super::mro::builtin_lookup(&crate::types::TYPE, name.as_str()) {
            return Ok(bind(method, &receiver, meta));
        }
    }
    Err(attribute_error(format!(
        "type object '{}' has no attribute '{}'",
        t.name,
        name.as_str()
    )))
}

/// The attributes every user class has of its own (`__name__`, `__mro__`,
/// `__dict__`, ...), which come before its namespace.
fn class_data_attr(t: &'static PyType, class: &ClassData, name: &Rc<PyStr>) -> Option<Value> {
    Some(match name.as_str() {
        "__name__" => match &*class.renamed.borrow() {
            Some(name) => Value::str(name.as_str()),
            None => Value::str(t.name),
        },
        "__qualname__" => Value::str(class.qualname.borrow().as_str()),
        "__mro__" => Value::tuple(class.mro.iter().map(|t| Value::Type(t)).collect()),
        "__bases__" => Value::tuple(class.bases.iter().map(|t| Value::Type(t)).collect()),
        "__base__" => t.base.map(Value::Type).unwrap_or_default(),
        "__dict__" => Value::dict(class.dict.map().clone()),
        // Not inherited: a class without a docstring has `None`.
        "__doc__" => class.dict.get_str(name).unwrap_or_default(),
        // A class's own annotations, made empty on first access (bases'
        // annotations are not inherited), as `type.__annotations__` does.
        "__annotations__" => {
            if let Some(own) = class.dict.get_str(name) {
                return Some(own);
            }
            let annotations = Value::dict(Default::default());
            class.dict.set_str(name, annotations.clone());
            mro::invalidate();
            annotations
        }
        _ => return None,
    })
}

/// `super(C, obj).name`: the MRO of `obj`'s class (or of `obj`, a class)
/// after `C`, bound to `obj`.
pub(super) fn super_attr(s: &PySuper, name: &Rc<PyStr>) -> PyResult<Value> {
    // A class that derives from `after` is searched itself (`super()` in
    // a class method); anything else, a class whose metaclass derives from
    // `after` included, through its type.
    let class_mode = matches!(&s.object, Value::Type(t) if t.is_subtype(s.after));
    let (start, class) = match &s.object {
        Value::Type(t) if class_mode => (*t, *t),
        other => (other.type_of(), other.type_of()),
    };
    let mro = start.mro();
    let after = mro
        .iter()
        .position(|t| std::ptr::eq(*t, s.after))
        .map_or(mro.len(), |i| i + 1);
    for owner in &mro[after..] {
        let found = match &owner.class {
            Some(data) => data.dict.get_str(name),
            None => builtin_lookup(owner, name.as_str()).filter(|found| match found {
                Value::MethodDescriptor(d) => std::ptr::eq(d.owner, *owner),
                _ => true,
            }),
        };
        if let Some(found) = found {
            return Ok(match (&s.object, found) {
                (Value::Type(_), Value::Function(f)) if class_mode => Value::Function(f),
                // `object.__init_subclass__` is a class method.
                (Value::Type(_), Value::MethodDescriptor(d))
                    if class_mode && d.method.name != "__init_subclass__" =>
                {
                    Value::MethodDescriptor(d)
                }
                (object, found) => bind(found, object, class),
            });
        }
    }
    Err(attribute_error(format!(
        "'super' object has no attribute '{}'",
        name.as_str()
    )))
}

/// `LOAD_METHOD` on an instance: the plain function `name` of its class,
/// unless the instance has an attribute of that name of its own.
pub(super) fn instance_method(object: &PyInstance, name: &Rc<PyStr>) -> Option<Value> {
    let found = lookup(object.class, name)?;
    match found {
        Value::Function(_) => {
            if !object.dict.map().is_empty() && object.dict.get_str(name).is_some() {
                return None;
            }
            Some(found)
        }
        _ => None,
    }
}

// ----- setting and deleting -------------------------------------------------

/// `object.name = value` for an instance of a user class: a data
/// descriptor's `__set__`, else into the instance's dict.
pub(super) fn set_instance_attr(
    interp: &mut Interp,
    target: &Value,
    object: &PyInstance,
    name: &Rc<PyStr>,
    value: Value,
) -> PyResult<()> {
    let value = match lookup(object.class, name) {
        Some(descriptor) => match descriptors::user_set(interp, &descriptor, target, value) {
            Ok(done) => return done,
            Err(value) => value,
        },
        None => value,
    };
    if let Some(data) = &object.class.class {
        if !data.shadowed.get() && matches!(lookup(object.class, name), Some(Value::Function(_))) {
            data.shadowed.set(true);
        }
    }
    object.dict.set_str(name, value);
    Ok(())
}

/// `C.name = value` for a user class `C`. Inline caches stay valid when a
/// plain class attribute is replaced by another plain one.
pub(super) fn set_class_attr(t: &'static PyType, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
    if let (Some(class), "__name__" | "__qualname__") = (&t.class, name.as_str()) {
        let Value::Str(text) = &value else {
            return Err(crate::exceptions::type_error(format!(
                "can only assign string to {}.{}, not '{}'",
                t.name,
                name.as_str(),
                value.type_name()
            )));
        };
        let text = text.as_str().to_string();
        match name.as_str() {
            "__name__" => *class.renamed.borrow_mut() = Some(text),
            _ => *class.qualname.borrow_mut() = text,
        }
        return Ok(());
    }
    if let Some(class) = &t.class {
        let key = DictKey::from_str_key(name.clone());
        // Whether the old and new values are active is decided before
        // the namespace is borrowed for writing: deciding it can look
        // up attributes of this very class.
        let same_shape = !mro::is_active(&value)
            && class
                .dict
                .map()
                .get(&key)
                .cloned()
                .is_some_and(|old| !mro::is_active(&old));
        let mut map = class.dict.map_mut();
        if let Some(slot) = map.get_mut(&key) {
            if same_shape {
                // Same shape: cached locations stay right.
                let previous = std::mem::replace(slot, value);
                drop(map);
                drop(previous);
                return Ok(());
            }
        }
        let previous = map.insert(key, value);
        drop(map);
        drop(previous);
    }
    mro::invalidate();
    Ok(())
}

/// Removes `name` from a user class's namespace or from the attributes of
/// an instance or exception: the removed value, if there was one.
pub(super) fn remove(target: &Value, name: &Rc<PyStr>) -> Option<Value> {
    let key = DictKey::from_str_key(name.clone());
    match target {
        Value::Type(t) if t.is_user_class() => {
            let removed = t
                .class
                .as_ref()
                .and_then(|c| c.dict.map_mut().shift_remove(&key));
            mro::invalidate();
            removed
        }
        Value::Module(m) => m.dict.map_mut().shift_remove(&key),
        other => instance_dict(other).and_then(|d| d.map_mut().shift_remove(&key)),
    }
}
