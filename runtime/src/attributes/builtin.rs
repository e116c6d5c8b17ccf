//! Attributes of builtin values: their methods, bound to the receiver (the
//! tables live with each type: `methods.rs` for `list`, `dict` and `str`,
//! `sets.rs`, `bytes.rs`, `generators.rs`, native objects' own), the
//! methods and names of builtin types, module namespaces, the attributes of
//! Python functions, and a few data attributes (`range.start`, `int.real`,
//! `e.args`, ...). Builtin values take no new attributes.
//!
//! User classes and their instances are `user.rs`; which of these
//! functions a receiver reaches is decided in `mod.rs`.

use crate::code::intern;
use crate::exceptions::{attribute_error, PyResult};
use crate::modules::PyModule;
use crate::types::{self, PyType, TypeKind};
use crate::value::{
    BoundMethod, Builtin, DictFlavor, Function, MethodDescriptor, PyDict, PyStr, Value,
};
use std::rc::Rc;

/// The builtin method `name` of a builtin value, unbound (`LOAD_METHOD`).
#[inline]
pub(super) fn method(value: &Value, name: &Rc<PyStr>) -> Option<&'static Builtin> {
    let found = match value {
        Value::Set(s) => crate::sets::method(s, name.as_str()),
        Value::Generator(_) => crate::generators::method(name.as_str()),
        Value::Bytes(_) => crate::bytes::method(name.as_str()),
        Value::Code(_) => crate::frame_objects::CODE_METHODS
            .iter()
            .find(|m| m.name == name.as_str()),
        Value::Native(n) => n.0.method(name.as_str()),
        _ => crate::methods::builtin_method(value, name),
    };
    found.or_else(|| slot_wrapper(value, name))
}

#[cold]
fn slot_wrapper(value: &Value, name: &Rc<PyStr>) -> Option<&'static Builtin> {
    crate::slot_wrappers::slot(value, name.as_str())
}

/// `value.name` for a builtin value: its method, bound, else what
/// `common` finds (or a native object's own attribute).
pub(super) fn get(value: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    if let Some(method) = method(value, name) {
        return Ok(Value::Method(Rc::new(BoundMethod {
            receiver: value.clone(),
            method,
        })));
    }
    match value {
        Value::Native(n) => {
            n.0.attribute(name.as_str())
                .ok_or_else(|| no_attribute(value, name))
        }
        _ => common(value, name),
    }
}

/// `value.name` as far as the `list`, `dict` and `str` method tables, the
/// builtin types, modules and the data attributes know it: not the methods
/// of sets, bytes, generators or native objects. `set` and `from x import
/// y` on a value that is not a module ask only this.
pub(crate) fn common(value: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    if let Some(method) = crate::methods::builtin_method(value, name) {
        return Ok(Value::Method(Rc::new(BoundMethod {
            receiver: value.clone(),
            method,
        })));
    }
    if let Value::Type(t) = value {
        if let Some(method) = type_method(t, name) {
            return Ok(method);
        }
    }
    if let Value::Module(module) = value {
        return module_attr(module, name);
    }
    data(value, name).ok_or_else(|| match value {
        Value::Type(t) => no_type_attribute(t, name),
        _ => no_attribute(value, name),
    })
}

/// `value.name = x` for a builtin value: never allowed. The message says
/// "read-only" for a name that `common` knows.
pub(super) fn set(value: &Value, name: &Rc<PyStr>) -> PyResult<()> {
    let known = common(value, name).is_ok();
    Err(attribute_error(if known {
        format!(
            "'{}' object attribute '{}' is read-only",
            value.type_name(),
            name.as_str()
        )
    } else {
        format!(
            "'{}' object has no attribute '{}'",
            value.type_name(),
            name.as_str()
        )
    }))
}

fn no_attribute(value: &Value, name: &Rc<PyStr>) -> crate::PyErr {
    attribute_error(format!(
        "'{}' object has no attribute '{}'",
        value.type_name(),
        name.as_str()
    ))
}

fn no_type_attribute(t: &'static PyType, name: &Rc<PyStr>) -> crate::PyErr {
    attribute_error(format!(
        "type object '{}' has no attribute '{}'",
        t.name,
        name.as_str()
    ))
}

/// The data attributes of builtin values.
fn data(value: &Value, name: &Rc<PyStr>) -> Option<Value> {
    match (value, name.as_str()) {
        // `None.__new__` and friends: the type's static `__new__`.
        (Value::Type(_), "__new__") => None,
        (_, "__class__") => Some(Value::Type(value.type_of())),
        (_, "__new__") => super::mro::lookup(value.type_of(), name),
        (Value::Range(r), "start") => Some(Value::Int(r.start)),
        (Value::Range(r), "stop") => Some(Value::Int(r.stop)),
        (Value::Range(r), "step") => Some(Value::Int(r.step)),
        (Value::Exception(e), "args") => Some(Value::tuple(e.args.borrow().clone())),
        (Value::Exception(e), "__cause__") => Some(e.cause.borrow().clone()),
        (Value::Exception(e), "value") if e.kind.is_subtype(&types::STOP_ITERATION) => {
            Some(e.args.borrow().first().cloned().unwrap_or_default())
        }
        (Value::Exception(e), "__context__") => Some(e.context.borrow().clone()),
        (Value::Function(f), "__name__") => Some(Value::Str(f.code.name.clone())),
        (Value::Function(f), "__qualname__") => Some(Value::Str(f.code.qualname.clone())),
        (Value::Code(c), "co_firstlineno") => Some(Value::Int(c.code.first_line as i64)),
        (Value::Code(c), "co_name") => Some(Value::Str(c.name.clone())),
        (Value::Code(c), "co_qualname") => Some(Value::Str(c.qualname.clone())),
        (Value::Code(c), "co_filename") => Some(Value::str(&*c.code.filename)),
        (Value::Code(c), _) => crate::frame_objects::code_attribute(c, name.as_str()),
        (Value::Type(t), "__name__") if t.is_user_class() => Some(Value::str(t.name)),
        // A builtin type's name may carry its module (`_io.FileIO`).
        (Value::Type(t), "__name__") => {
            Some(Value::str(t.name.rsplit('.').next().unwrap_or(t.name)))
        }
        (Value::Builtin(b), "__name__" | "__qualname__") => Some(Value::str(b.name)),
        (Value::Builtin(_), "__module__") => Some(Value::str("builtins")),
        (Value::Builtin(_), "__doc__") => Some(Value::None),
        (Value::Method(m), "__self__") => Some(m.receiver.clone()),
        (Value::Method(m), "__name__") => Some(Value::str(m.method.name)),
        (Value::Dict(d), "default_factory") => match d.flavor.as_deref() {
            Some(DictFlavor::Default(factory)) => Some(factory.clone()),
            _ => None,
        },
        (Value::Builtin(b), "from_iterable") if b.name == "chain" => {
            Some(Value::Builtin(crate::modules::chain_from_iterable()))
        }
        (Value::Float(f), "real") => Some(Value::Float(*f)),
        (Value::Float(_), "imag") => Some(Value::Float(0.0)),
        (Value::Int(_) | Value::BigInt(_), "real" | "numerator") => Some(value.clone()),
        (Value::Int(_) | Value::BigInt(_), "imag") => Some(Value::Int(0)),
        (Value::Int(_) | Value::BigInt(_), "denominator") => Some(Value::Int(1)),
        _ => None,
    }
}

// ----- builtin types and modules -----------------------------------------

/// `T.name` for a builtin type `T`: a few names of its own, then the
/// methods of its MRO (`object`, `BaseException`, `list`, `dict`), then
/// what `common` finds.
pub(super) fn type_attr(t: &'static PyType, name: &Rc<PyStr>) -> PyResult<Value> {
    match name.as_str() {
        "__mro__" => return Ok(Value::tuple(t.mro().into_iter().map(Value::Type).collect())),
        "__bases__" => return Ok(Value::tuple(t.base.map(Value::Type).into_iter().collect())),
        "__base__" => return Ok(t.base.map(Value::Type).unwrap_or_default()),
        "__qualname__" => return Ok(Value::str(t.name)),
        "__dict__" => return Ok(builtin_namespace(t)),
        "__module__" => return Ok(Value::str("builtins")),
        _ => {}
    }
    match super::mro::lookup(t, name) {
        Some(found) => Ok(found),
        None => common(&Value::Type(t), name),
    }
}

/// `vars(t)` for a builtin type: a read-only view of the names CPython
/// defines in its namespace, each bound to what pvm finds for it on `t`
/// (`None` for the ones pvm does not implement).
fn builtin_namespace(t: &'static PyType) -> Value {
    let table = crate::type_namespaces::TYPE_NAMESPACES;
    let mut map = crate::value::Dict::default();
    if let Ok(i) = table.binary_search_by_key(&t.name, |&(name, _)| name) {
        for name in table[i].1 {
            let key = crate::code::intern(name);
            let value = super::mro::lookup(t, &key)
                .or_else(|| type_method(t, &key))
                .unwrap_or_default();
            map.insert(crate::hash::DictKey::from_str_key(key), value);
        }
    }
    crate::modules::mappingproxy::proxy(Value::dict(map))
}

/// A method of the builtin type `t` from the `list`, `dict` and `str`
/// tables, unbound (`dict.fromkeys` is a plain builtin).
fn type_method(t: &'static PyType, name: &Rc<PyStr>) -> Option<Value> {
    if let Some(method) = crate::methods::static_method(t, name.as_str()) {
        return Some(Value::Builtin(method));
    }
    if t.kind == TypeKind::Bytes {
        let method = crate::bytes::method(name.as_str())?;
        return Some(Value::MethodDescriptor(Rc::new(MethodDescriptor {
            owner: t,
            method,
        })));
    }
    let table = crate::methods::type_methods(t);
    let extra = crate::methods::extra_methods(t);
    let method = table
        .iter()
        .chain(extra)
        .find(|m| m.name == name.as_str())?;
    Some(Value::MethodDescriptor(Rc::new(MethodDescriptor {
        owner: t,
        method,
    })))
}

/// `module.name`.
pub(super) fn module_attr(module: &PyModule, name: &Rc<PyStr>) -> PyResult<Value> {
    if name.as_str() == "__dict__" {
        return Ok(Value::Dict(module.dict.clone()));
    }
    module.dict.get_str(name).ok_or_else(|| {
        attribute_error(format!(
            "module '{}' has no attribute '{}'",
            module.name.as_str(),
            name.as_str()
        ))
    })
}

// ----- functions ----------------------------------------------------------

/// `f.name` for a Python function: attributes set on it first, then what
/// every function has.
pub(super) fn function_attr(f: &Rc<Function>, name: &Rc<PyStr>) -> PyResult<Value> {
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
        "__doc__" => match f.code.constants.first() {
            Some(doc @ Value::Str(_))
                if f.code.code.flags & pvm_frontend::code::flags::HAS_DOCSTRING != 0 =>
            {
                doc.clone()
            }
            _ => Value::None,
        },
        "__annotations__" if f.code.code.flags & pvm_frontend::code::flags::NO_ANNOTATIONS != 0 => {
            // Made once, so changes to it stay (as CPython's do).
            let empty = Value::Dict(Rc::new(PyDict::new()));
            function_dict(f).set_str(name, empty.clone());
            empty
        }
        "__annotations__" => {
            return Err(crate::exceptions::unsupported(
                "function __annotations__ (of functions with annotations)",
            ))
        }
        "__get__" => Value::Method(Rc::new(BoundMethod {
            receiver: Value::Function(f.clone()),
            method: &FUNCTION_GET,
        })),
        _ => return get(&Value::Function(f.clone()), name),
    })
}

static FUNCTION_GET: Builtin = Builtin {
    name: "__get__",
    func: function_get,
};

/// `f.__get__(instance, owner=None)`: `f` itself for no instance, else `f`
/// bound to it (functions are descriptors, as the class machinery uses).
fn function_get(_: &mut crate::Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("__get__", kw)?;
    match args {
        [function, Value::None] | [function, Value::None, _] => Ok(function.clone()),
        [function, instance] | [function, instance, _] => {
            Ok(Value::BoundFunction(Rc::new(crate::value::BoundFunction {
                receiver: instance.clone(),
                function: function.clone(),
            })))
        }
        _ => Err(crate::exceptions::type_error(format!(
            "expected at least 1 argument, got {}",
            args.len().saturating_sub(1)
        ))),
    }
}

/// `f.name = value` for a Python function: into its attribute dict, except
/// the attributes pvm does not let a program replace.
pub(super) fn set_function_attr(f: &Function, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
    match name.as_str() {
        "__code__" | "__globals__" | "__closure__" | "__defaults__" | "__kwdefaults__"
        | "__dict__" => Err(crate::exceptions::unsupported(&format!(
            "assignments to a function's {}",
            name.as_str()
        ))),
        _ => {
            function_dict(f).set_str(name, value);
            Ok(())
        }
    }
}

/// The attribute dict of a function, made on first use.
fn function_dict(f: &Function) -> Rc<PyDict> {
    f.attrs
        .borrow_mut()
        .get_or_insert_with(|| Rc::new(PyDict::new()))
        .clone()
}
