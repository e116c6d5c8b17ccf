//! Attributes of classes made by `class` statements and of their instances:
//! lookup through the MRO with descriptors (functions bind, `property`,
//! `staticmethod`, `classmethod`), `super()`, assignment and deletion, the
//! context-manager protocol and the methods of `object` and `BaseException`.
//! Building classes and instances is `classes.rs`.
//!
//! Special methods (`__add__`, `__eq__`, `__len__`, ...) are in `special.rs`.
//! Nothing here runs bytecode: Python methods are called through `call::call`.

use crate::call;
use crate::code::intern;
use crate::exceptions::{attribute_error, type_error, PyResult};
use crate::hash::DictKey;
use crate::types::{self, PyType};
use crate::value::{
    BoundFunction, BoundMethod, Builtin, Descriptor, MethodDescriptor, PyDict, PyStr, PySuper,
    Value,
};
use crate::Interp;
use std::rc::Rc;

/// `name` looked up in the MRO of `t` (class namespaces and the methods of
/// builtin bases such as `object`), unbound.
pub fn lookup(t: &'static PyType, name: &Rc<PyStr>) -> Option<Value> {
    if !t.is_user_class() {
        return builtin_lookup(t, name.as_str());
    }
    crate::attributes::cache::locate(t, name)
        .and_then(|found| crate::attributes::cache::value_at(&found))
}

/// `name` defined by a user class in the MRO of `t` (builtin bases skipped):
/// how special methods are found.
pub fn user_lookup(t: &'static PyType, name: &str) -> Option<Value> {
    if !t.is_user_class() {
        return None;
    }
    match lookup(t, &intern(name)) {
        Some(Value::MethodDescriptor(d)) if !d.owner.is_user_class() => None,
        found => found,
    }
}

builtin_table!(OBJECT_METHODS {
    "__init__" => object_init,
    "__repr__" => object_repr,
    "__str__" => object_str,
    "__eq__" => object_eq,
    "__ne__" => object_ne,
    "__hash__" => object_hash,
    "__setattr__" => object_setattr,
    "__getattribute__" => object_getattribute,
    "__delattr__" => object_delattr,
});

builtin_table!(EXCEPTION_METHODS {
    "__init__" => exception_init,
    "__str__" => exception_str,
    "__repr__" => exception_repr,
});

pub(crate) fn builtin_lookup(t: &'static PyType, name: &str) -> Option<Value> {
    t.find_in_mro(|owner| {
        let table = if std::ptr::eq(owner, &types::OBJECT) {
            OBJECT_METHODS
        } else if std::ptr::eq(owner, &types::BASE_EXCEPTION) {
            EXCEPTION_METHODS
        } else {
            let method = crate::subclass::method(owner, name)?;
            return Some(Value::MethodDescriptor(Rc::new(MethodDescriptor {
                owner,
                method,
            })));
        };
        let method = table.iter().find(|m| m.name == name)?;
        Some(Value::MethodDescriptor(Rc::new(MethodDescriptor {
            owner,
            method,
        })))
    })
}

/// Binds what a class lookup found to the value it was looked up on.
pub(crate) fn bind(found: Value, receiver: &Value, class: &'static PyType) -> Value {
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

/// The instance attributes of a value, if it has any.
fn instance_dict(value: &Value) -> Option<&PyDict> {
    match value {
        Value::Instance(i) => Some(&i.dict),
        Value::Exception(e) => Some(&e.attrs),
        _ => None,
    }
}

/// `value.name` for every value.
pub fn get_attr(interp: &mut Interp, value: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    match value {
        Value::Instance(i) => instance_attr(interp, value, i.class, name),
        Value::Exception(e) => {
            if let Some(found) = e.attrs.get_str(name) {
                return Ok(found);
            }
            if e.kind.is_user_class() {
                if let Some(found) = lookup(e.kind, name) {
                    if !matches!(found, Value::MethodDescriptor(_)) {
                        return descriptor_get(interp, found, value, e.kind);
                    }
                }
            }
            crate::methods::get_attr(value, name)
        }
        Value::Type(t) => class_attr(interp, t, name),
        Value::Super(s) => super_attr(s, name),
        Value::BoundFunction(m) => match name.as_str() {
            "__self__" => Ok(m.receiver.clone()),
            "__func__" => Ok(m.function.clone()),
            _ => get_attr(interp, &m.function, name),
        },
        Value::Descriptor(d) => descriptor_attr(d, value, name),
        Value::Function(f) => function_attr(f, name),
        Value::Set(s) => match crate::sets::method(s, name.as_str()) {
            Some(method) => Ok(Value::Method(Rc::new(BoundMethod {
                receiver: value.clone(),
                method,
            }))),
            None => crate::methods::get_attr(value, name),
        },
        Value::Native(n) => match n.0.method(name.as_str()) {
            Some(method) => Ok(Value::Method(Rc::new(BoundMethod {
                receiver: value.clone(),
                method,
            }))),
            None => n.0.attribute(name.as_str()).ok_or_else(|| {
                attribute_error(format!(
                    "'{}' object has no attribute '{}'",
                    value.type_name(),
                    name.as_str()
                ))
            }),
        },
        Value::Bytes(_) => match crate::bytes::method(name.as_str()) {
            Some(method) => Ok(Value::Method(Rc::new(BoundMethod {
                receiver: value.clone(),
                method,
            }))),
            None => crate::methods::get_attr(value, name),
        },
        Value::Generator(_) => match crate::generators::method(name.as_str()) {
            Some(method) => Ok(Value::Method(Rc::new(BoundMethod {
                receiver: value.clone(),
                method,
            }))),
            None => crate::methods::get_attr(value, name),
        },
        _ => crate::methods::get_attr(value, name),
    }
}

/// `f.name` for a Python function: attributes set on it first, then what
/// every function has.
fn function_attr(f: &Rc<crate::value::Function>, name: &Rc<PyStr>) -> PyResult<Value> {
    if let Some(attrs) = &*f.attrs.borrow() {
        if let Some(found) = attrs.get_str(name) {
            return Ok(found);
        }
    }
    let tuple_or_none = |items: &[Value]| {
        if items.is_empty() {
            Value::None
        } else {
            Value::tuple(items.to_vec())
        }
    };
    Ok(match name.as_str() {
        "__module__" => f.globals.get_str(&intern("__name__")).unwrap_or_default(),
        "__defaults__" => tuple_or_none(&f.defaults),
        "__kwdefaults__" => f.kwdefaults.clone().map(Value::Dict).unwrap_or_default(),
        "__closure__" => tuple_or_none(&f.closure),
        "__globals__" => Value::Dict(f.globals.clone()),
        "__code__" => Value::Code(f.code.clone()),
        "__dict__" => Value::Dict(function_dict(f)),
        "__doc__" => {
            return Err(crate::exceptions::unsupported(
                "function docstrings (__doc__ that was not assigned)",
            ))
        }
        "__annotations__" => {
            return Err(crate::exceptions::unsupported("function __annotations__"))
        }
        _ => return crate::methods::get_attr(&Value::Function(f.clone()), name),
    })
}

/// The attribute dict of a function, made on first use.
fn function_dict(f: &crate::value::Function) -> Rc<PyDict> {
    f.attrs
        .borrow_mut()
        .get_or_insert_with(|| Rc::new(PyDict::new()))
        .clone()
}

fn descriptor_get(
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

fn instance_attr(
    interp: &mut Interp,
    value: &Value,
    class: &'static PyType,
    name: &Rc<PyStr>,
) -> PyResult<Value> {
    let found = lookup(class, name);
    match &found {
        Some(Value::Descriptor(d)) if matches!(&**d, Descriptor::Property { .. }) => {
            return descriptor_get(interp, found.clone().unwrap_or_default(), value, class);
        }
        // A data descriptor (its class defines `__set__` or `__delete__`)
        // comes before the instance's own attributes.
        Some(descriptor @ Value::Instance(d))
            if user_lookup(d.class, "__set__").is_some()
                || user_lookup(d.class, "__delete__").is_some() =>
        {
            if let Some(result) = user_descriptor_get(interp, descriptor, value, class)? {
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
        if let Some(result) = user_descriptor_get(interp, &found, value, class)? {
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

/// `descriptor.__get__(instance, owner)` when `descriptor` is an object
/// whose class defines `__get__` (`Ok(None)` otherwise).
fn user_descriptor_get(
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

fn class_attr(interp: &mut Interp, t: &'static PyType, name: &Rc<PyStr>) -> PyResult<Value> {
    let Some(class) = &t.class else {
        match name.as_str() {
            "__mro__" => return Ok(Value::tuple(t.mro().into_iter().map(Value::Type).collect())),
            "__bases__" => return Ok(Value::tuple(t.base.map(Value::Type).into_iter().collect())),
            "__base__" => return Ok(t.base.map(Value::Type).unwrap_or_default()),
            "__qualname__" => return Ok(Value::str(t.name)),
            _ => {}
        }
        return match lookup(t, name) {
            Some(found) => Ok(found),
            None => crate::methods::get_attr(&Value::Type(t), name),
        };
    };
    match name.as_str() {
        "__name__" => return Ok(Value::str(t.name)),
        "__qualname__" => return Ok(Value::str(class.qualname.as_str())),
        "__mro__" => {
            return Ok(Value::tuple(
                class.mro.iter().map(|t| Value::Type(t)).collect(),
            ))
        }
        "__bases__" => {
            return Ok(Value::tuple(
                class.bases.iter().map(|t| Value::Type(t)).collect(),
            ))
        }
        "__base__" => return Ok(t.base.map(Value::Type).unwrap_or_default()),
        "__dict__" => return Ok(Value::dict(class.dict.map().clone())),
        // A class's own annotations, made empty on first access (bases'
        // annotations are not inherited), as `type.__annotations__` does.
        "__annotations__" => {
            if let Some(own) = class.dict.get_str(name) {
                return Ok(own);
            }
            let annotations = Value::dict(Default::default());
            class.dict.set_str(name, annotations.clone());
            crate::attributes::cache::invalidate();
            return Ok(annotations);
        }
        _ => {}
    }
    match lookup(t, name) {
        Some(Value::Descriptor(d)) => match &*d {
            Descriptor::StaticMethod(f) => Ok(f.clone()),
            Descriptor::ClassMethod(f) => Ok(Value::BoundFunction(Rc::new(BoundFunction {
                receiver: Value::Type(t),
                function: f.clone(),
            }))),
            Descriptor::Property { .. } => Ok(Value::Descriptor(d.clone())),
        },
        Some(found) => Ok(user_descriptor_get(interp, &found, &Value::None, t)?.unwrap_or(found)),
        None => Err(attribute_error(format!(
            "type object '{}' has no attribute '{}'",
            t.name,
            name.as_str()
        ))),
    }
}

fn descriptor_attr(d: &Rc<Descriptor>, value: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    let method: Option<&'static Builtin> = match name.as_str() {
        "getter" => Some(&PROPERTY_GETTER),
        "setter" => Some(&PROPERTY_SETTER),
        "deleter" => Some(&PROPERTY_DELETER),
        _ => None,
    };
    match (&**d, method, name.as_str()) {
        (Descriptor::Property { .. }, Some(method), _) => Ok(bound(Value::Builtin(method), value)),
        (Descriptor::Property { getter, .. }, None, "fget") => Ok(getter.clone()),
        (Descriptor::Property { setter, .. }, None, "fset") => Ok(setter.clone()),
        (Descriptor::Property { deleter, .. }, None, "fdel") => Ok(deleter.clone()),
        (Descriptor::StaticMethod(f) | Descriptor::ClassMethod(f), _, "__func__") => Ok(f.clone()),
        _ => crate::methods::get_attr(value, name),
    }
}

fn bound(function: Value, receiver: &Value) -> Value {
    Value::BoundFunction(Rc::new(BoundFunction {
        receiver: receiver.clone(),
        function,
    }))
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

fn super_attr(s: &PySuper, name: &Rc<PyStr>) -> PyResult<Value> {
    let (start, class) = match &s.object {
        Value::Type(t) => (*t, *t),
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
                (Value::Type(_), Value::Function(f)) => Value::Function(f),
                (Value::Type(_), Value::MethodDescriptor(d)) => Value::MethodDescriptor(d),
                (object, found) => bind(found, object, class),
            });
        }
    }
    Err(attribute_error(format!(
        "'super' object has no attribute '{}'",
        name.as_str()
    )))
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

/// `target.name = value`.
pub fn set_attr(
    interp: &mut Interp,
    target: &Value,
    name: &Rc<PyStr>,
    value: Value,
) -> PyResult<()> {
    let class = target.type_of();
    if class.is_user_class() {
        if let Some(Value::Descriptor(d)) = lookup(class, name) {
            if let Descriptor::Property {
                setter,
                name: known,
                ..
            } = &*d
            {
                if matches!(setter, Value::None) {
                    return Err(attribute_error(property_message(known, class, "setter")));
                }
                call::call(interp, setter, &[target.clone(), value], &[])?;
                return Ok(());
            }
        }
    }
    match target {
        Value::Instance(i) => {
            if let Some(descriptor @ Value::Instance(d)) = lookup(i.class, name).as_ref() {
                if let Some(set) = user_lookup(d.class, "__set__") {
                    let set = bind(set, descriptor, d.class);
                    call::call(interp, &set, &[target.clone(), value], &[])?;
                    return Ok(());
                }
            }
            if let Some(data) = &i.class.class {
                if !data.shadowed.get() && matches!(lookup(i.class, name), Some(Value::Function(_)))
                {
                    data.shadowed.set(true);
                }
            }
            i.dict.set_str(name, value);
            Ok(())
        }
        Value::Exception(e) => {
            e.attrs.set_str(name, value);
            Ok(())
        }
        Value::Type(t) if t.is_user_class() => {
            if let Some(class) = &t.class {
                let key = DictKey::from_str_key(name.clone());
                // Whether the old and new values are active is decided before
                // the namespace is borrowed for writing: deciding it can look
                // up attributes of this very class.
                let same_shape = !crate::attributes::cache::is_active(&value)
                    && class
                        .dict
                        .map()
                        .get(&key)
                        .cloned()
                        .is_some_and(|old| !crate::attributes::cache::is_active(&old));
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
            crate::attributes::cache::invalidate();
            Ok(())
        }
        Value::Type(t) => Err(type_error(format!(
            "cannot set '{}' attribute of immutable type '{}'",
            name.as_str(),
            t.name
        ))),
        Value::Function(f) => match name.as_str() {
            "__code__" | "__globals__" | "__closure__" | "__defaults__" | "__kwdefaults__"
            | "__dict__" => Err(crate::exceptions::unsupported(&format!(
                "assignments to a function's {}",
                name.as_str()
            ))),
            _ => {
                function_dict(f).set_str(name, value);
                Ok(())
            }
        },
        _ => crate::methods::set_attr(target, name),
    }
}

/// `del target.name`.
pub fn del_attr(interp: &mut Interp, target: &Value, name: &Rc<PyStr>) -> PyResult<()> {
    let class = target.type_of();
    if class.is_user_class() {
        if let Some(Value::Descriptor(d)) = lookup(class, name) {
            if let Descriptor::Property {
                deleter,
                name: known,
                ..
            } = &*d
            {
                if matches!(deleter, Value::None) {
                    return Err(attribute_error(property_message(known, class, "deleter")));
                }
                call::call(interp, deleter, std::slice::from_ref(target), &[])?;
                return Ok(());
            }
        }
    }
    let key = DictKey::from_str_key(name.clone());
    let removed = match target {
        Value::Type(t) if t.is_user_class() => {
            let removed = t
                .class
                .as_ref()
                .and_then(|c| c.dict.map_mut().shift_remove(&key));
            crate::attributes::cache::invalidate();
            removed
        }
        other => instance_dict(other).and_then(|d| d.map_mut().shift_remove(&key)),
    };
    match removed {
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

/// `LOAD_METHOD`: `Some((function, receiver))` when `value.name` is a plain
/// method (so the call can pass the receiver without a bound-method object).
pub fn method_of(value: &Value, name: &Rc<PyStr>) -> Option<Value> {
    let class = match value {
        Value::Instance(i) => i.class,
        Value::Set(s) => return crate::sets::method(s, name.as_str()).map(Value::Builtin),
        Value::Generator(_) => return crate::generators::method(name.as_str()).map(Value::Builtin),
        Value::Bytes(_) => return crate::bytes::method(name.as_str()).map(Value::Builtin),
        Value::Native(n) => return n.0.method(name.as_str()).map(Value::Builtin),
        _ => return crate::methods::builtin_method(value, name).map(Value::Builtin),
    };
    let found = lookup(class, name)?;
    match found {
        Value::Function(_) => {
            if let Some(dict) = instance_dict(value) {
                if !dict.map().is_empty() && dict.get_str(name).is_some() {
                    return None;
                }
            }
            Some(found)
        }
        _ => None,
    }
}

// ----- context managers ---------------------------------------------------

/// `BEFORE_WITH`: the manager's bound `__exit__` and what `__enter__` returned.
pub fn enter_context(interp: &mut Interp, manager: &Value) -> PyResult<(Value, Value)> {
    if let Value::Native(n) = manager {
        if let (Some(enter), Some(exit)) = (n.0.method("__enter__"), n.0.method("__exit__")) {
            let bound = |method| {
                Value::Method(Rc::new(BoundMethod {
                    receiver: manager.clone(),
                    method,
                }))
            };
            let entered = call::call(interp, &bound(enter), &[], &[])?;
            return Ok((bound(exit), entered));
        }
    }
    let class = manager.type_of();
    let (Some(enter), Some(exit)) = (
        user_lookup(class, "__enter__"),
        user_lookup(class, "__exit__"),
    ) else {
        let missing = if user_lookup(class, "__enter__").is_none() {
            ""
        } else {
            " (missed __exit__ method)"
        };
        return Err(type_error(format!(
            "'{}' object does not support the context manager protocol{missing}",
            class.name
        )));
    };
    let exit = bind(exit, manager, class);
    let enter = bind(enter, manager, class);
    let entered = call::call(interp, &enter, &[], &[])?;
    Ok((exit, entered))
}

/// `WITH_EXCEPT_START`: `__exit__(type(exception), exception, None)`,
/// its result written to `slot`. Returning only the error keeps the
/// threaded VM's handler free of a result temporary, so it still tail-calls.
#[inline(never)]
pub fn exit_context_in_place(
    interp: &mut Interp,
    exit: &Value,
    exception: &Value,
    slot: &mut Value,
) -> PyResult<()> {
    let kind = Value::Type(exception.type_of());
    let result = call::call(interp, exit, &[kind, exception.clone(), Value::None], &[])?;
    std::mem::replace(slot, result).discard();
    Ok(())
}

pub use crate::classes::{
    build_class, instantiate, load_class_name, make_class, make_descriptor, make_super, new_object,
};

// ----- the methods of `object` and `BaseException` -----------------------

fn object_init(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(type_error(
            "object.__init__() takes exactly one argument (the instance to initialize)",
        ));
    }
    Ok(Value::None)
}

/// `<__main__.C object at 0x...>`.
pub fn default_repr(value: &Value) -> String {
    let class = value.type_of();
    let module = match class.class.as_ref().map(|c| &c.module) {
        Some(Value::Str(m)) => format!("{}.", m.as_str()),
        _ => String::new(),
    };
    let name = class
        .class
        .as_ref()
        .map_or(class.name, |c| c.qualname.as_str());
    format!(
        "<{module}{name} object at {:#x}>",
        value.object_ptr().unwrap_or(0)
    )
}

fn object_repr(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(default_repr(receiver(args)?)))
}

fn object_str(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(crate::repr::repr(interp, receiver(args)?)?))
}

fn object_eq(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [a, b] if a.is(b) => Ok(Value::Bool(true)),
        [_, _] => Ok(Value::NotImplemented),
        _ => Err(type_error("expected 1 argument")),
    }
}

fn object_ne(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [a, b] => Ok(Value::Bool(!crate::compare::equal(interp, a, b)?)),
        _ => Err(type_error("expected 1 argument")),
    }
}

fn object_hash(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(identity_hash(receiver(args)?)))
}

/// The hash of an object compared by identity (CPython: its address / 16).
pub fn identity_hash(value: &Value) -> i64 {
    (value.object_ptr().unwrap_or(0) >> 4) as i64
}

fn object_setattr(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [target, Value::Str(name), value] => {
            set_attr(interp, target, &intern(name.as_str()), value.clone())?;
            Ok(Value::None)
        }
        _ => Err(type_error("expected 2 arguments")),
    }
}

fn object_getattribute(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [target, Value::Str(name)] => get_attr(interp, target, &intern(name.as_str())),
        _ => Err(type_error("expected 1 argument")),
    }
}

fn object_delattr(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [target, Value::Str(name)] => {
            del_attr(interp, target, &intern(name.as_str()))?;
            Ok(Value::None)
        }
        _ => Err(type_error("expected 1 argument")),
    }
}

fn receiver(args: &[Value]) -> PyResult<&Value> {
    args.first()
        .ok_or_else(|| type_error("descriptor needs an argument"))
}

fn exception_init(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    match args.first() {
        Some(Value::Exception(e)) => {
            if !kwnames.is_empty() {
                return Err(type_error(format!(
                    "{}() takes no keyword arguments",
                    e.kind.name
                )));
            }
            *e.args.borrow_mut() = args[1..].to_vec();
            Ok(Value::None)
        }
        _ => Err(type_error(
            "descriptor '__init__' requires a 'BaseException' object",
        )),
    }
}

fn exception_str(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args.first() {
        Some(Value::Exception(e)) => Ok(Value::str(e.builtin_message(interp)?)),
        _ => Err(type_error(
            "descriptor '__str__' requires a 'BaseException' object",
        )),
    }
}

fn exception_repr(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(crate::repr::repr(interp, receiver(args)?)?))
}

/// `str(value)` through a user-defined `__str__`, if its class has one.
pub fn user_str(interp: &mut Interp, value: &Value) -> PyResult<Option<String>> {
    text_special(interp, value, "__str__")
}

/// `repr(value)` through a user-defined `__repr__`, if its class has one.
pub fn user_repr(interp: &mut Interp, value: &Value) -> PyResult<Option<String>> {
    text_special(interp, value, "__repr__")
}

fn text_special(interp: &mut Interp, value: &Value, name: &str) -> PyResult<Option<String>> {
    let class = value.type_of();
    let Some(method) = user_lookup(class, name) else {
        return Ok(None);
    };
    let method = bind(method, value, class);
    match call::call(interp, &method, &[], &[])? {
        Value::Str(s) => Ok(Some(s.as_str().to_string())),
        other => Err(type_error(format!(
            "{name} returned non-string (type {})",
            other.type_name()
        ))),
    }
}

/// Calls the special method `name` of `value`'s class, if a user class
/// defines it: `Ok(None)` when it does not.
pub fn call_special(
    interp: &mut Interp,
    value: &Value,
    name: &str,
    args: &[Value],
) -> PyResult<Option<Value>> {
    let class = value.type_of();
    let Some(method) = user_lookup(class, name) else {
        return Ok(None);
    };
    let result = match method {
        Value::Function(_) => {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(value.clone());
            full.extend_from_slice(args);
            call::call(interp, &method, &full, &[])?
        }
        Value::None => {
            return Err(type_error(format!(
                "'{}' object is not callable",
                class.name
            )))
        }
        other => {
            let bound = bind(other, value, class);
            call::call(interp, &bound, args, &[])?
        }
    };
    Ok(Some(result))
}
