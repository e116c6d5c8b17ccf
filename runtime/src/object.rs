//! The methods of `object` and `BaseException`, the builtin bases of the
//! classes that `class` statements make (the methods of `list` and `dict`
//! as bases are `subclass.rs`), and what they fall back on: the default
//! `repr` and the identity hash.
//!
//! Finding these methods through a class's MRO is `attributes/mro.rs`.

use crate::attributes;
use crate::code::intern;
use crate::exceptions::{type_error, PyResult};
use crate::value::{PyStr, Value};
use crate::Interp;
use std::rc::Rc;

builtin_table!(pub(crate) OBJECT_METHODS {
    "__init__" => object_init,
    "__repr__" => object_repr,
    "__str__" => object_str,
    "__eq__" => object_eq,
    "__ne__" => object_ne,
    "__hash__" => object_hash,
    "__setattr__" => object_setattr,
    "__getattribute__" => object_getattribute,
    "__delattr__" => object_delattr,
    "__init_subclass__" => object_init_subclass,
    "__format__" => object_format,
    "__reduce_ex__" => object_reduce,
    "__reduce__" => object_reduce,
});

/// `object.__format__(self, spec)`: `str(self)` for an empty spec.
fn object_format(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [value, Value::Str(spec)] if spec.as_str().is_empty() => {
            Ok(Value::str(crate::repr::str(interp, value)?))
        }
        [value, Value::Str(_)] => Err(type_error(format!(
            "unsupported format string passed to {}.__format__",
            value.type_name()
        ))),
        [_, other] => Err(type_error(format!(
            "__format__() argument must be str, not {}",
            other.type_name()
        ))),
        _ => Err(type_error("__format__() takes exactly one argument")),
    }
}

/// `object.__reduce_ex__` and `__reduce__`: pvm does not pickle objects.
fn object_reduce(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Err(crate::exceptions::unsupported(
        "pickling protocols (__reduce__)",
    ))
}

/// `object.__init_subclass__()`: does nothing, and takes no keywords.
fn object_init_subclass(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        let name = match args.first() {
            Some(Value::Type(t)) => t.name,
            _ => "object",
        };
        return Err(type_error(format!(
            "{name}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::None)
}

builtin_table!(pub(crate) EXCEPTION_METHODS {
    "__init__" => exception_init,
    "__str__" => exception_str,
    "__repr__" => exception_repr,
});

fn object_init(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    // As in CPython, extra arguments are an error only when the class
    // overrides `__init__` or does not override `__new__`.
    let excess_allowed = args.first().is_some_and(|receiver| {
        let class = receiver.type_of();
        crate::attributes::user_lookup(class, "__init__").is_none()
            && crate::instance_new::user_new(class).is_some()
    });
    if args.len() > 1 && !excess_allowed {
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
        .map_or(class.name.to_string(), |c| c.qualname.borrow().clone());
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
            attributes::generic_set_attr(interp, target, &intern(name.as_str()), value.clone())?;
            Ok(Value::None)
        }
        _ => Err(type_error("expected 2 arguments")),
    }
}

fn object_getattribute(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [target, Value::Str(name)] => {
            attributes::generic_get_attr(interp, target, &intern(name.as_str()))
        }
        _ => Err(type_error("expected 1 argument")),
    }
}

fn object_delattr(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [target, Value::Str(name)] => {
            attributes::generic_del_attr(interp, target, &intern(name.as_str()))?;
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
