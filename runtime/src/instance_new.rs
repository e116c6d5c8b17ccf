//! `__new__`: a class that defines it makes its own instances. Calling
//! the class calls `cls.__new__(cls, *args, **kwargs)` and then, when the
//! result is an instance of the class, its `__init__`; `object.__new__`
//! (reached by `super().__new__(cls)`) makes the bare instance. A
//! `__new__` in a class body is a static method, as in CPython.
//!
//! Making the bare instance and running `__init__` is `classes.rs`; this
//! file only decides who makes the instance.

use crate::attributes::user_lookup;
use crate::exceptions::{type_error, PyResult};
use crate::types::{PyType, TypeKind};
use crate::value::{Builtin, Descriptor, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// `object.__new__`, a builtin that does not bind (a static method).
pub static OBJECT_NEW: Builtin = Builtin {
    name: "__new__",
    func: object_new,
};

/// The `__new__` a user class (or one of its bases) defines, if any.
pub fn user_new(class: &'static PyType) -> Option<Value> {
    match user_lookup(class, "__new__")? {
        Value::Builtin(b) if std::ptr::eq(b, &OBJECT_NEW) => None,
        Value::Builtin(b) if std::ptr::eq(b, &crate::metaclass::TYPE_NEW) => None,
        Value::Descriptor(d) => match &*d {
            Descriptor::StaticMethod(f) => Some(f.clone()),
            _ => Some(Value::Descriptor(d.clone())),
        },
        other => Some(other),
    }
}

/// What a class body binds to `__new__`: a plain function becomes a
/// static method.
pub fn wrap_in_class_body(value: Value) -> Value {
    match value {
        Value::Function(_) => Value::Descriptor(Rc::new(Descriptor::StaticMethod(value))),
        other => other,
    }
}

/// Calls `new(class, *args)`: the object the class call answers.
pub fn call_new(
    interp: &mut Interp,
    new: &Value,
    class: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(Value::Type(class));
    full.extend_from_slice(args);
    crate::call::call(interp, new, &full, kwnames)
}

/// `object.__new__(cls, *args)`: a new, bare instance of `cls`.
fn object_new(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let Some(first) = args.first() else {
        return Err(type_error("object.__new__(): not enough arguments"));
    };
    let Value::Type(class) = first else {
        return Err(type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            first.type_name()
        )));
    };
    // (`BaseException.__new__`, which this also is, takes any arguments.)
    let extra = (args.len() > 1 || !kwnames.is_empty()) && class.kind != TypeKind::Exception;
    if extra {
        if user_new(class).is_some() {
            return Err(type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if user_lookup(class, "__init__").is_none() {
            return Err(type_error(format!("{}() takes no arguments", class.name)));
        }
    }
    if !class.is_user_class() {
        if class.kind == TypeKind::Object {
            return Ok(crate::classes::new_object());
        }
        return Err(type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            class.name, class.name
        )));
    }
    let positional = &args[1..args.len() - kwnames.len()];
    Ok(crate::classes::bare_instance(class, positional))
}
