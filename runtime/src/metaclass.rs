//! Metaclasses: classes deriving from `type`. Choosing the metaclass of a
//! `class` statement (the `metaclass=` keyword and the bases' metaclasses,
//! with CPython's "metaclass conflict"), `__mro_entries__` of non-class
//! bases, `__prepare__`, calling a metaclass (its `__new__` and `__init__`),
//! a metaclass's `__call__` when its classes are called, `__init_subclass__`
//! with the class keywords, and the methods of `type` a metaclass reaches
//! through `super()` (`type.__new__`, `type.__init__`, `type.__call__`).
//!
//! Making the class object itself is `classes.rs`; attribute lookup that
//! falls back to the metaclass is `attributes/user.rs`; the metaclass's
//! special methods apply to class objects through `special.rs`.

use crate::attributes::{bind, user_lookup};
use crate::call;
use crate::code::intern;
use crate::exceptions::{type_error, PyResult};
use crate::types::{self, PyType};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// `type.__new__(metaclass, name, bases, namespace, **keywords)`, a builtin
/// that does not bind (a static method, like `object.__new__`).
pub static TYPE_NEW: Builtin = Builtin {
    name: "__new__",
    func: type_new_builtin,
};

/// `type.__prepare__(name, bases, **keywords)`: a fresh dict (a class
/// method in CPython; it needs nothing of the class, so it does not bind).
pub static TYPE_PREPARE: Builtin = Builtin {
    name: "__prepare__",
    func: type_prepare,
};

builtin_table!(pub(crate) TYPE_METHODS {
    "__init__" => type_init,
    "__call__" => type_call,
    "__repr__" => type_repr,
    "__instancecheck__" => type_instancecheck,
    "__subclasscheck__" => type_subclasscheck,
    "__subclasses__" => type_subclasses,
    "mro" => type_mro,
});

/// The most derived of `meta` and the metaclasses of `bases`, or the
/// `TypeError` CPython raises when they are unrelated.
pub fn calculate_meta(
    meta: &'static PyType,
    bases: &[&'static PyType],
) -> PyResult<&'static PyType> {
    let mut winner = meta;
    for base in bases {
        let base_meta = base.metaclass();
        if winner.is_subtype(base_meta) {
            continue;
        }
        if base_meta.is_subtype(winner) {
            winner = base_meta;
            continue;
        }
        return Err(type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// The bases a `class` statement names, with every base that is not a
/// class replaced by what its `__mro_entries__` returns (`Generic[T]`,
/// `NamedTuple`): `None` when no base has one.
pub fn resolve_bases(interp: &mut Interp, bases: &[Value]) -> PyResult<Option<Vec<Value>>> {
    if bases.iter().all(|b| matches!(b, Value::Type(_))) {
        return Ok(None);
    }
    let original = Value::tuple(bases.to_vec());
    let mut resolved = Vec::with_capacity(bases.len());
    let mut changed = false;
    for base in bases {
        if matches!(base, Value::Type(_)) {
            resolved.push(base.clone());
            continue;
        }
        let entries = match crate::attributes::get_attr(interp, base, &intern("__mro_entries__")) {
            Ok(method) => call::call(interp, &method, std::slice::from_ref(&original), &[])?,
            Err(e) if e.is(&types::ATTRIBUTE_ERROR) => {
                resolved.push(base.clone());
                continue;
            }
            Err(e) => return Err(e),
        };
        let Value::Tuple(entries) = entries else {
            return Err(type_error("__mro_entries__ must return a tuple"));
        };
        resolved.extend(entries.items.iter().cloned());
        changed = true;
    }
    Ok(changed.then_some(resolved))
}

/// The namespace a class body runs in: what the metaclass's `__prepare__`
/// returns (a fresh dict for `type`).
pub fn prepare(
    interp: &mut Interp,
    meta: &Value,
    name: &Rc<PyStr>,
    bases: &[Value],
    keywords: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let plain = matches!(meta, Value::Type(t) if !t.is_user_class());
    if plain {
        return Ok(Value::dict(Default::default()));
    }
    let prepare = match crate::attributes::get_attr(interp, meta, &intern("__prepare__")) {
        Ok(prepare) => prepare,
        Err(e) if e.is(&types::ATTRIBUTE_ERROR) => return Ok(Value::dict(Default::default())),
        Err(e) => return Err(e),
    };
    let mut args = vec![Value::Str(name.clone()), Value::tuple(bases.to_vec())];
    let kwnames: Vec<Rc<PyStr>> = keywords.iter().map(|(k, _)| k.clone()).collect();
    args.extend(keywords.iter().map(|(_, v)| v.clone()));
    let namespace = call::call(interp, &prepare, &args, &kwnames)?;
    let is_mapping = matches!(namespace, Value::Dict(_))
        || matches!(crate::subclass::part(&namespace), Some(Value::Dict(_)));
    if !is_mapping {
        let who = match meta {
            Value::Type(t) => t.name,
            _ => "<metaclass>",
        };
        return Err(type_error(format!(
            "{who}.__prepare__() must return a mapping, not {}",
            namespace.type_name()
        )));
    }
    Ok(namespace)
}

/// Calls the metaclass `meta` (a user class deriving from `type`): its
/// `__new__` (else `type.__new__`), then its `__init__` when the result is
/// an instance of it.
pub fn call_metaclass(
    interp: &mut Interp,
    meta: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let made = match crate::instance_new::user_new(meta) {
        Some(new) => crate::instance_new::call_new(interp, &new, meta, args, kwnames)?,
        None => new_class(interp, meta, args, kwnames)?,
    };
    let Value::Type(class) = &made else {
        return Ok(made);
    };
    if !class.metaclass().is_subtype(meta) {
        return Ok(made);
    }
    if let Some(init) = user_lookup(meta, "__init__") {
        let init = bind(init, &made, meta);
        call::call(interp, &init, args, kwnames)?;
    }
    Ok(made)
}

/// Calls the class `class`: through its metaclass's `__call__` when a user
/// metaclass defines one, else `type.__call__` (`__new__` and `__init__`).
pub fn call_class(
    interp: &mut Interp,
    class: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    if class.has_user_metaclass() {
        let meta = class.metaclass();
        if let Some(hook) = user_lookup(meta, "__call__") {
            let hook = bind(hook, &Value::Type(class), meta);
            return call::call(interp, &hook, args, kwnames);
        }
    }
    crate::classes::instantiate(interp, class, args, kwnames)
}

/// `type.__new__(meta, name, bases, namespace, **keywords)`.
pub fn new_class(
    interp: &mut Interp,
    meta: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let positional = &args[..args.len() - kwnames.len()];
    let [name, bases, namespace] = positional else {
        return Err(type_error(format!(
            "type.__new__() takes exactly 3 arguments ({} given)",
            positional.len()
        )));
    };
    let keywords: Vec<(Rc<PyStr>, Value)> = kwnames
        .iter()
        .cloned()
        .zip(args[positional.len()..].iter().cloned())
        .collect();
    crate::classes::type_new_with(interp, meta, name, bases, namespace, &keywords)
}

/// `type(name, bases, namespace, **keywords)`: a class whose metaclass is
/// the most derived of its bases' (whose `__new__` then makes it, as
/// CPython's `type_new` hands over to it).
pub fn type_call_new(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    if let Some(Value::Tuple(bases)) = args.get(1) {
        let bases: Vec<&'static PyType> = bases
            .items
            .iter()
            .filter_map(|b| match b {
                Value::Type(t) => Some(*t),
                _ => None,
            })
            .collect();
        let winner = calculate_meta(&types::TYPE, &bases)?;
        if winner.is_user_class() {
            if let Some(new) = crate::instance_new::user_new(winner) {
                return crate::instance_new::call_new(interp, &new, winner, args, kwnames);
            }
        }
    }
    new_class(interp, &types::TYPE, args, kwnames)
}

/// `super(C, C).__init_subclass__(**keywords)` for a new class `class`:
/// the first `__init_subclass__` its bases define, else `object`'s, which
/// takes no keywords.
pub fn init_subclass(
    interp: &mut Interp,
    class: &'static PyType,
    keywords: &[(Rc<PyStr>, Value)],
) -> PyResult<()> {
    let name = intern("__init_subclass__");
    let mro = class.mro();
    let found = mro[1..].iter().find_map(|owner| {
        owner
            .class
            .as_ref()
            .and_then(|data| data.dict.get_str(&name))
    });
    let Some(hook) = found else {
        if !keywords.is_empty() {
            return Err(type_error(format!(
                "{}.__init_subclass__() takes no keyword arguments",
                class.name
            )));
        }
        return Ok(());
    };
    let hook = bind(hook, &Value::Type(class), class);
    let kwnames: Vec<Rc<PyStr>> = keywords.iter().map(|(k, _)| k.clone()).collect();
    let args: Vec<Value> = keywords.iter().map(|(_, v)| v.clone()).collect();
    call::call(interp, &hook, &args, &kwnames)?;
    Ok(())
}

// ----- the methods of `type` ----------------------------------------------

fn type_new_builtin(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let Some(first) = args.first() else {
        return Err(type_error("type.__new__(): not enough arguments"));
    };
    let Value::Type(meta) = first else {
        return Err(type_error(format!(
            "type.__new__(X): X is not a type object ({})",
            first.type_name()
        )));
    };
    if !meta.is_subtype(&types::TYPE) {
        return Err(type_error(format!(
            "type.__new__({}): {} is not a subtype of type",
            meta.name, meta.name
        )));
    }
    new_class(interp, meta, &args[1..], kwnames)
}

fn type_init(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args.len() {
        2 | 4 => Ok(Value::None),
        _ => Err(type_error("type.__init__() takes 1 or 3 arguments")),
    }
}

fn type_call(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    match args.first() {
        Some(Value::Type(class)) if class.is_user_class() => {
            crate::classes::instantiate(interp, class, &args[1..], kwnames)
        }
        Some(Value::Type(class)) => crate::construct::call_type(interp, class, &args[1..], kwnames),
        _ => Err(type_error("descriptor '__call__' requires a 'type' object")),
    }
}

fn type_prepare(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::dict(Default::default()))
}

fn type_repr(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args.first() {
        Some(Value::Type(class)) => Ok(Value::str(crate::repr::class_repr(class))),
        Some(other) => Ok(Value::str(crate::repr::repr(interp, other)?)),
        None => Err(type_error(
            "descriptor '__repr__' of 'type' object needs an argument",
        )),
    }
}

fn type_instancecheck(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [Value::Type(class), instance] => Ok(Value::Bool(crate::builtins::subclass_of(
            interp,
            instance.type_of(),
            class,
        )?)),
        _ => Err(type_error("__instancecheck__ expected 1 argument")),
    }
}

fn type_subclasscheck(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [Value::Type(class), Value::Type(sub)] => Ok(Value::Bool(crate::builtins::subclass_of(
            interp, sub, class,
        )?)),
        [_, _] => Err(type_error("issubclass() arg 1 must be a class")),
        _ => Err(type_error("__subclasscheck__ expected 1 argument")),
    }
}

thread_local! {
    /// The direct subclasses of each class, in the order they were made
    /// (keyed by the base's address; classes live for the whole run).
    static SUBCLASSES: std::cell::RefCell<rustc_hash::FxHashMap<usize, Vec<&'static PyType>>> =
        Default::default();
}

/// Records `class` as a direct subclass of each of its `bases`.
pub fn record_subclass(class: &'static PyType, bases: &[&'static PyType]) {
    SUBCLASSES.with(|s| {
        let mut map = s.borrow_mut();
        for base in bases {
            map.entry(*base as *const PyType as usize)
                .or_default()
                .push(class);
        }
    });
}

/// `C.__subclasses__()`: the classes made with `C` as a direct base (of
/// the classes pvm made; builtin types' own subclasses are not listed).
fn type_subclasses(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let Some(Value::Type(class)) = args.first() else {
        return Err(type_error(
            "descriptor '__subclasses__' of 'type' object needs an argument",
        ));
    };
    let key = *class as *const PyType as usize;
    let found = SUBCLASSES.with(|s| s.borrow().get(&key).cloned().unwrap_or_default());
    Ok(Value::list(found.into_iter().map(Value::Type).collect()))
}

fn type_mro(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args.first() {
        Some(Value::Type(class)) => Ok(Value::list(
            class.mro().into_iter().map(Value::Type).collect(),
        )),
        _ => Err(type_error(
            "descriptor 'mro' of 'type' object needs an argument",
        )),
    }
}
