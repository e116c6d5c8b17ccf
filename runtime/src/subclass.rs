//! Classes that derive from `list` or `dict`. Each instance of such a class
//! carries the builtin object it extends (`PyInstance::base`); builtin
//! methods found through the MRO act on that object, and every operation the
//! class does not override (`len`, `[]`, `in`, iteration, `==`, `+`, `repr`)
//! falls back to it, as CPython's inherited slots do.
//!
//! Classes deriving from the immutable `int`, `str`, `float` and `tuple`
//! carry their value the same way; it is made by the base's `__new__`
//! (`IMMUTABLE_NEW`) when the instance is. A subclass of `io.StringIO`
//! extends an empty one (its methods act on it). Other builtin bases
//! (`set`, `bytes`, ...) are not covered: `class` statements refuse them with
//! `NotImplementedError`.

use crate::call;
use crate::exceptions::{type_error, PyResult};
use crate::types::{self, PyType};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// Whether a `class` statement may name `base` as a builtin base.
pub fn extendable(base: &'static PyType) -> bool {
    std::ptr::eq(base, &types::LIST)
        || std::ptr::eq(base, &types::DICT)
        || std::ptr::eq(base, &crate::modules::io::STRING_IO)
        || immutable(base)
}

/// Whether `base` is a builtin type whose value a subclass instance gets
/// from `__new__` (and never changes).
pub fn immutable(base: &'static PyType) -> bool {
    [&types::INT, &types::STR, &types::FLOAT, &types::TUPLE]
        .iter()
        .any(|t| std::ptr::eq(base, *t))
}

/// `int.__new__(cls, ...)`, `str.__new__`, `float.__new__` and
/// `tuple.__new__`: the builtin value made from the arguments, carried by
/// a new instance of `cls` when `cls` is a user class.
pub static IMMUTABLE_NEW: Builtin = Builtin {
    name: "__new__",
    func: immutable_new,
};

fn immutable_new(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let Some(Value::Type(class)) = args.first() else {
        return Err(type_error("__new__(X): X is not a type object"));
    };
    let builtin = match class.class.as_ref().and_then(|c| c.extends) {
        Some(t) if immutable(t) => t,
        Some(_) | None if class.is_user_class() => {
            return Err(type_error(format!(
                "__new__({}): {} is not a subtype of a builtin immutable type",
                class.name, class.name
            )))
        }
        _ => class,
    };
    let value = crate::construct::call_type(interp, builtin, &args[1..], kwnames)?;
    if !class.is_user_class() {
        return Ok(value);
    }
    let value = match part(&value) {
        Some(inner) => inner.clone(),
        None => value,
    };
    Ok(crate::classes::instance_with_base(class, value))
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
        Some(t) if std::ptr::eq(t, &types::LIST) => Value::list(Vec::new()),
        Some(t) if std::ptr::eq(t, &types::INT) => Value::Int(0),
        Some(t) if std::ptr::eq(t, &types::FLOAT) => Value::Float(0.0),
        Some(t) if std::ptr::eq(t, &types::STR) => Value::str(""),
        Some(t) if std::ptr::eq(t, &crate::modules::io::STRING_IO) => {
            crate::modules::io::empty_string_io()
        }
        Some(_) => Value::tuple(Vec::new()),
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

/// The `int`, `str`, `float` or `tuple` a user instance extends, when its
/// class defines neither `__eq__` nor `__hash__` (so it compares and
/// hashes as that value).
pub fn plain_value(value: &Value) -> Option<&Value> {
    let base = part(value)?;
    if matches!(base, Value::List(_) | Value::Dict(_)) {
        return None;
    }
    let class = value.type_of();
    let overrides = crate::attributes::user_lookup(class, "__eq__").is_some()
        || crate::attributes::user_lookup(class, "__hash__").is_some();
    (!overrides).then_some(base)
}

/// The `int`, `str`, `float` or `tuple` a user instance extends, else
/// the value itself: what conversions such as `int(x)` read.
pub fn value_of(value: &Value) -> &Value {
    match part(value) {
        Some(base) if !matches!(base, Value::List(_) | Value::Dict(_)) => base,
        _ => value,
    }
}

/// `args` with each int, float or str subclass instance replaced by the
/// value it extends, when there is one (what `int()`, `float()` and
/// `range()` read); `None` when no argument needs it.
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
    Some(args.iter().map(|v| value_of(v).clone()).collect())
}

/// The `int` a user instance extends, when it indexes a sequence (a
/// `list`, `tuple`, `str` or `range`).
pub fn index_value<'a>(container: &Value, key: &'a Value) -> Option<&'a Value> {
    let sequence = matches!(
        container,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_)
    );
    match part(key) {
        Some(base @ (Value::Int(_) | Value::BigInt(_))) if sequence => Some(base),
        _ => None,
    }
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
    if std::ptr::eq(owner, &crate::modules::io::STRING_IO) {
        return crate::modules::io::STRING_IO_METHODS
            .iter()
            .find(|m| m.name == name);
    }
    let init =
        if std::ptr::eq(owner, &types::LIST) {
            &LIST_INIT
        } else if std::ptr::eq(owner, &types::DICT) {
            &DICT_INIT
        } else if immutable(owner) {
            return VALUE_DUNDERS
                .iter()
                .chain(DUNDERS.iter().filter(|_| {
                    std::ptr::eq(owner, &types::STR) || std::ptr::eq(owner, &types::TUPLE)
                }))
                .chain(crate::methods::type_methods(owner))
                .chain(if std::ptr::eq(owner, &types::STR) {
                    crate::strings::METHODS
                } else {
                    &[]
                })
                .find(|m| m.name == name && !matches!(m.name, "__setitem__" | "__delitem__"));
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
        Value::Dict(_) => dict_init,
        Value::List(_) => list_init,
        Value::Native(_) if !args.is_empty() || !kwnames.is_empty() => {
            return Err(crate::exceptions::unsupported(
                "arguments to the constructor of a StringIO subclass",
            ))
        }
        // An immutable value was made by `__new__`; `object.__init__`
        // ignores the arguments.
        _ => return Ok(()),
    };
    crate::call::with_first(base, args, |full| init(interp, full, kwnames)).map(drop)
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

// The special methods of `int`, `str`, `float` and `tuple` as bases.
builtin_table!(VALUE_DUNDERS {
    "__repr__" => repr,
    "__str__" => str_,
    "__format__" => format,
    "__hash__" => hash,
    "__eq__" => eq,
});

fn str_(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    arity("__str__", args, kwnames, 0)?;
    Ok(Value::str(crate::repr::str(interp, &args[0])?))
}

fn format(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let [spec] = arity("__format__", args, kwnames, 1)? else {
        unreachable!("arity checked")
    };
    let Value::Str(spec) = spec else {
        return Err(type_error(format!(
            "__format__() argument must be str, not {}",
            spec.type_name()
        )));
    };
    Ok(Value::str(crate::format::format(
        interp,
        &args[0],
        spec.as_str(),
    )?))
}

fn hash(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    arity("__hash__", args, kwnames, 0)?;
    Ok(Value::Int(crate::hash::hash(&args[0])?))
}

fn eq(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let [other] = arity("__eq__", args, kwnames, 1)? else {
        unreachable!("arity checked")
    };
    let other = part(other).unwrap_or(other);
    Ok(Value::Bool(crate::compare::equal(interp, &args[0], other)?))
}

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
