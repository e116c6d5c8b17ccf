//! `_pvm_weakref`: the weak handles under pvm's `_weakref` (which is
//! Python, `python/_weakref.py`, so that `weakref.WeakMethod` can derive
//! from `ref`). `handle(obj)` holds an object without keeping it alive,
//! `target(handle)` answers it or `None` once it is gone, and
//! `count(obj)` says how many handles hold it.
//!
//! Instances of classes, functions, bound methods, sets, generators,
//! modules and exceptions can be held weakly; classes never die, so their
//! handles hold them. It does not run callbacks when an object dies:
//! nothing in pvm is told when the last owner goes.

use super::module;
use crate::call::Args;
use crate::exceptions::{type_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::rc::{Rc, Weak};

static HANDLE: PyType = PyType {
    name: "weak_handle",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

/// The object a handle holds, weakly.
enum Held {
    Instance(Weak<crate::value::PyInstance>),
    Function(Weak<crate::value::Function>),
    BoundFunction(Weak<crate::value::BoundFunction>),
    Set(Weak<crate::sets::PySet>),
    Generator(Weak<crate::generators::PyGenerator>),
    Module(Weak<super::PyModule>),
    Exception(Weak<crate::exceptions::PyException>),
    /// A class: never freed, so held as it is.
    Class(&'static PyType),
}

struct Handle(Held);

impl NativeObject for Handle {
    fn type_of(&self) -> &'static PyType {
        &HANDLE
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!("<weak_handle at {:#x}>", self as *const _ as usize))
    }

    fn method(&self, _: &str) -> Option<&'static Builtin> {
        None
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn hold(value: &Value) -> Option<Held> {
    Some(match value {
        Value::Instance(x) => Held::Instance(Rc::downgrade(x)),
        Value::Function(x) => Held::Function(Rc::downgrade(x)),
        Value::BoundFunction(x) => Held::BoundFunction(Rc::downgrade(x)),
        Value::Set(x) => Held::Set(Rc::downgrade(x)),
        Value::Generator(x) => Held::Generator(Rc::downgrade(x)),
        Value::Module(x) => Held::Module(Rc::downgrade(x)),
        Value::Exception(x) => Held::Exception(Rc::downgrade(x)),
        Value::Type(t) => Held::Class(t),
        _ => return None,
    })
}

fn upgrade(held: &Held) -> Option<Value> {
    Some(match held {
        Held::Instance(w) => Value::Instance(w.upgrade()?),
        Held::Function(w) => Value::Function(w.upgrade()?),
        Held::BoundFunction(w) => Value::BoundFunction(w.upgrade()?),
        Held::Set(w) => Value::Set(w.upgrade()?),
        Held::Generator(w) => Value::Generator(w.upgrade()?),
        Held::Module(w) => Value::Module(w.upgrade()?),
        Held::Exception(w) => Value::Exception(w.upgrade()?),
        Held::Class(t) => Value::Type(t),
    })
}

fn one<'a>(name: &'static str, args: &'a [Value], kw: &'a [Rc<PyStr>]) -> PyResult<&'a Value> {
    let args = Args::new(name, args, kw);
    args.finish()?;
    args.arity(1, 1)?;
    Ok(&args.positional[0])
}

fn handle(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let object = one("handle", args, kw)?;
    match hold(object) {
        Some(held) => Ok(native::new(Handle(held))),
        None => Err(type_error(format!(
            "cannot create weak reference to '{}' object",
            object.type_name()
        ))),
    }
}

fn target(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let held = one("target", args, kw)?;
    let handle = native::downcast::<Handle>(held)
        .ok_or_else(|| type_error("target() takes a weak handle"))?;
    Ok(upgrade(&handle.0).unwrap_or_default())
}

fn count(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let object = one("count", args, kw)?;
    Ok(Value::Int(match object {
        Value::Instance(x) => Rc::weak_count(x),
        Value::Function(x) => Rc::weak_count(x),
        Value::BoundFunction(x) => Rc::weak_count(x),
        Value::Set(x) => Rc::weak_count(x),
        Value::Generator(x) => Rc::weak_count(x),
        Value::Module(x) => Rc::weak_count(x),
        Value::Exception(x) => Rc::weak_count(x),
        _ => 0,
    } as i64))
}

builtin_table!(FUNCTIONS {
    "handle" => handle,
    "target" => target,
    "count" => count,
});

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    module("_pvm_weakref", &functions, Vec::new())
}
