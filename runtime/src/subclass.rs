//! Classes that derive from `list`, `dict`, `tuple`, `int`, `float` or
//! `str`. Each instance of such a class carries the builtin object it
//! extends (`PyInstance::base`); builtin methods found through the MRO act
//! on that object, and every operation the class does not override (`len`,
//! `[]`, `in`, iteration, `==`, `+`, `repr`, and for the immutable ones
//! `hash`, use as a key, unary operators, `int()`/`float()`, indexing and
//! `round`) falls back to it, as CPython's inherited slots do. The
//! immutable ones are made by their type's `__new__` (`builtin_new`).
//!
//! Other builtin bases (`set`, `bytes`, `type`, ...) are not covered:
//! `class` statements refuse them with `NotImplementedError`. Places that
//! need an exact int (a `range` step, `%d`) may still refuse an int
//! subclass's instance.

use crate::call;
use crate::exceptions::{type_error, PyResult};
use crate::types::{self, PyType};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// Whether a `class` statement may name `base` as a builtin base.
pub fn extendable(base: &'static PyType) -> bool {
    std::ptr::eq(base, &types::LIST) || std::ptr::eq(base, &types::DICT) || immutable(base)
}

/// The immutable builtin types a class may extend: their object is made
/// once, by the type's `__new__` (`builtin_new`).
fn immutable(base: &'static PyType) -> bool {
    [&types::TUPLE, &types::INT, &types::FLOAT, &types::STR]
        .iter()
        .any(|t| std::ptr::eq(base, *t))
}

/// The builtin type whose object instances of `mro` carry, if any.
pub fn extended(mro: &[&'static PyType]) -> Option<&'static PyType> {
    mro.iter()
        .copied()
        .find(|t| !t.is_user_class() && extendable(t))
}

/// A fresh, empty object of the builtin type `extends` (or `None`).
pub fn new_base(extends: Option<&'static PyType>) -> Value {
    match extends {
        Some(t) if std::ptr::eq(t, &types::DICT) => Value::dict(Default::default()),
        Some(t) if std::ptr::eq(t, &types::TUPLE) => Value::tuple(Vec::new()),
        Some(t) if std::ptr::eq(t, &types::INT) => Value::Int(0),
        Some(t) if std::ptr::eq(t, &types::FLOAT) => Value::Float(0.0),
        Some(t) if std::ptr::eq(t, &types::STR) => Value::str(""),
        Some(_) => Value::list(Vec::new()),
        None => Value::None,
    }
}

/// The builtin object a user instance extends, if it extends one.
#[inline]
pub fn part(value: &Value) -> Option<&Value> {
    match value {
        Value::Instance(i) if !matches!(i.base, Value::None) => Some(&i.base),
        _ => None,
    }
}

/// The immutable object (tuple, int, float, str) a subclass instance
/// extends, when its class does not define `__eq__`: such an instance
/// hashes and compares as a key like that object.
pub fn hashable_part(value: &Value) -> Option<&Value> {
    match part(value)? {
        base @ (Value::Tuple(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::Float(_)
        | Value::Str(_))
            if crate::attributes::user_lookup(value.type_of(), "__eq__").is_none() =>
        {
            Some(base)
        }
        _ => None,
    }
}

/// `args` with each instance of an int, float or str subclass replaced by
/// the object it extends (`int(x)`, `float(x)`), or `None` if there is none.
pub fn unwrapped_args(args: &[Value]) -> Option<Vec<Value>> {
    let scalar = |v: &Value| {
        matches!(
            part(v),
            Some(Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Str(_))
        )
    };
    if !args.iter().any(scalar) {
        return None;
    }
    Some(
        args.iter()
            .map(|v| {
                if scalar(v) {
                    part(v).cloned().unwrap_or_default()
                } else {
                    v.clone()
                }
            })
            .collect(),
    )
}

/// What a method of the builtin type `owner` receives as `self` when it is
/// called on `value`: the extended object for instances of subclasses.
pub fn receiver(owner: &'static PyType, value: &Value) -> Value {
    match part(value) {
        Some(base) if extendable(owner) => base.clone(),
        _ => value.clone(),
    }
}

/// The builtin method `name` of `list` or `dict` as a class attribute
/// (`list.append`, `super().__getitem__`), if there is one.
pub fn method(owner: &'static PyType, name: &str) -> Option<&'static Builtin> {
    let init = if std::ptr::eq(owner, &types::LIST) {
        &LIST_INIT
    } else if std::ptr::eq(owner, &types::DICT) {
        &DICT_INIT
    } else if immutable(owner) {
        // These are made by `__new__` (`builtin_new`); `__init__` is
        // `object`'s.
        return DUNDERS
            .iter()
            .chain(crate::methods::type_methods(owner))
            .chain(crate::methods::extra_methods(owner))
            .find(|m| m.name == name);
    } else {
        return None;
    };
    std::iter::once(init)
        .chain(DUNDERS)
        .chain(crate::methods::type_methods(owner))
        .find(|m| m.name == name)
}

/// `list.__init__` or `dict.__init__` on the object an instance extends,
/// when its class defines no `__init__` of its own.
pub fn init(
    interp: &mut Interp,
    base: &Value,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<()> {
    let init = match base {
        Value::Tuple(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) => return Ok(()),
        Value::Dict(_) => dict_init,
        _ => list_init,
    };
    crate::call::with_first(base, args, |full| init(interp, full, kwnames)).map(drop)
}

/// The `__new__` of an extendable builtin type, if it has its own
/// (`tuple.__new__`: a tuple subclass's instance is made with its items).
pub fn builtin_new(owner: &'static PyType) -> Option<&'static Builtin> {
    [
        (&types::TUPLE, &TUPLE_NEW),
        (&types::INT, &INT_NEW),
        (&types::FLOAT, &FLOAT_NEW),
        (&types::STR, &STR_NEW),
    ]
    .into_iter()
    .find(|(t, _)| std::ptr::eq(owner, *t))
    .map(|(_, new)| new)
}

static TUPLE_NEW: Builtin = Builtin {
    name: "__new__",
    func: tuple_new,
};

static INT_NEW: Builtin = Builtin {
    name: "__new__",
    func: int_new,
};

static FLOAT_NEW: Builtin = Builtin {
    name: "__new__",
    func: float_new,
};

static STR_NEW: Builtin = Builtin {
    name: "__new__",
    func: str_new,
};

fn tuple_new(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    immutable_new(interp, &types::TUPLE, args, kwnames)
}

fn int_new(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    immutable_new(interp, &types::INT, args, kwnames)
}

fn float_new(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    immutable_new(interp, &types::FLOAT, args, kwnames)
}

fn str_new(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    immutable_new(interp, &types::STR, args, kwnames)
}

/// `T.__new__(cls, *args)` for an immutable builtin `T`: a `T`, or an
/// instance of the subclass `cls` extending one.
fn immutable_new(
    interp: &mut Interp,
    owner: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let Some(Value::Type(class)) = args.first() else {
        return Err(type_error(format!(
            "{}.__new__(X): X is not a type object",
            owner.name
        )));
    };
    if !class.is_subtype(owner) {
        return Err(type_error(format!(
            "{}.__new__({}): {} is not a subtype of {}",
            owner.name, class.name, class.name, owner.name
        )));
    }
    // The value itself: an instance of a subclass passed in stands for
    // the object it extends.
    let given: Vec<Value> = args[1..]
        .iter()
        .map(|v| part(v).cloned().unwrap_or_else(|| v.clone()))
        .collect();
    let items = crate::construct::call_type(interp, owner, &given, kwnames)?;
    if !class.is_user_class() {
        return Ok(items);
    }
    Ok(Value::Instance(Rc::new(crate::value::PyInstance {
        class,
        dict: crate::value::PyDict::new(),
        base: items,
        hash: std::cell::Cell::new(-1),
    })))
}

static LIST_INIT: Builtin = Builtin {
    name: "__init__",
    func: list_init,
};

static DICT_INIT: Builtin = Builtin {
    name: "__init__",
    func: dict_init,
};

// The special methods `list` and `dict` share, acting on the object they
// are called on (after `receiver` has swapped in the extended object).
builtin_table!(DUNDERS {
    "__len__" => len,
    "__getitem__" => get_item,
    "__setitem__" => set_item,
    "__delitem__" => del_item,
    "__contains__" => contains,
    "__iter__" => iter,
    "__repr__" => repr,
});

fn arity<'a>(
    name: &str,
    args: &'a [Value],
    kwnames: &[Rc<PyStr>],
    n: usize,
) -> PyResult<&'a [Value]> {
    call::no_keywords(name, kwnames)?;
    let given = &args[1..];
    if given.len() != n {
        return Err(type_error(format!(
            "expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            given.len()
        )));
    }
    Ok(given)
}

fn list_init(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let made = crate::construct::call_type(interp, &types::LIST, &args[1..], kwnames)?;
    if let (Value::List(target), Value::List(made)) = (&args[0], made) {
        let items = std::mem::take(&mut *made.items.borrow_mut());
        let old = std::mem::replace(&mut *target.items.borrow_mut(), items);
        drop(old);
    }
    Ok(Value::None)
}

fn dict_init(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let made = crate::construct::call_type(interp, &types::DICT, &args[1..], kwnames)?;
    if let (Value::Dict(target), Value::Dict(made)) = (&args[0], made) {
        let entries = made.map().clone();
        target.map_mut().extend(entries);
    }
    Ok(Value::None)
}

fn len(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    arity("__len__", args, kwnames, 0)?;
    Ok(Value::Int(crate::builtins::length(&args[0])? as i64))
}

fn get_item(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let [key] = arity("__getitem__", args, kwnames, 1)? else {
        unreachable!("arity checked")
    };
    crate::subscript::get_item(interp, &args[0], key)
}

fn set_item(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let [key, value] = arity("__setitem__", args, kwnames, 2)? else {
        unreachable!("arity checked")
    };
    crate::subscript::set_item(interp, &args[0], key, value.clone())?;
    Ok(Value::None)
}

fn del_item(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let [key] = arity("__delitem__", args, kwnames, 1)? else {
        unreachable!("arity checked")
    };
    crate::subscript::del_item(interp, &args[0], key)?;
    Ok(Value::None)
}

fn contains(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let [item] = arity("__contains__", args, kwnames, 1)? else {
        unreachable!("arity checked")
    };
    Ok(Value::Bool(crate::ops::contains(interp, &args[0], item)?))
}

fn iter(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    arity("__iter__", args, kwnames, 0)?;
    crate::iter::get_iter(interp, &args[0])
}

fn repr(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    arity("__repr__", args, kwnames, 0)?;
    Ok(Value::str(crate::repr::repr(interp, &args[0])?))
}
