//! Where a name is in a class's method resolution order: the namespaces of
//! user classes, then the methods of builtin bases (`object`,
//! `BaseException`, `list`, `dict`).
//!
//! A lookup is remembered as a *location* (which class's namespace, at
//! which index), not a value, so rebinding a plain class attribute
//! (`Counter.total += 1`) changes nothing remembered. Adding or removing a
//! class attribute, or rebinding one that binds or is a descriptor, bumps a
//! global epoch: that forgets every location here and invalidates every
//! inline cache (`cache.rs`) and every class's remembered `__init__`.
//!
//! This file finds things; it does not bind them (`descriptors.rs`) or
//! decide what `obj.name` means (`mod.rs`).

use crate::code::intern;
use crate::hash::DictKey;
use crate::types::{self, PyType};
use crate::value::{MethodDescriptor, PyStr, Value};
use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Where a name was found in a class's method resolution order.
#[derive(Clone)]
pub enum Found {
    /// In the namespace of a user class, at this index.
    Class(&'static PyType, usize),
    /// A method of a builtin base (`object.__init__`, ...).
    Builtin(Value),
}

thread_local! {
    static LOOKUPS: RefCell<FxHashMap<(usize, DictKey), Option<Found>>> =
        RefCell::new(FxHashMap::default());
    static EPOCH: Cell<u64> = const { Cell::new(1) };
}

/// Forgets every cached lookup (the shape of a class namespace changed).
pub fn invalidate() {
    EPOCH.with(|e| e.set(e.get() + 1));
    let old = LOOKUPS.with(|l| std::mem::take(&mut *l.borrow_mut()));
    drop(old);
}

#[inline(always)]
pub fn epoch() -> u64 {
    EPOCH.with(|e| e.get())
}

/// Whether a class attribute binds or is a descriptor (so replacing it
/// changes what lookups mean, not just what they return).
pub fn is_active(value: &Value) -> bool {
    match value {
        Value::Function(_) | Value::Descriptor(_) | Value::MethodDescriptor(_) => true,
        Value::Instance(i) => user_lookup(i.class, "__get__").is_some(),
        _ => false,
    }
}

/// Where `name` is in the MRO of the user class `t`.
pub fn locate(t: &'static PyType, name: &Rc<PyStr>) -> Option<Found> {
    let key = (
        t as *const PyType as usize,
        DictKey::from_str_key(name.clone()),
    );
    if let Some(found) = LOOKUPS.with(|l| l.borrow().get(&key).cloned()) {
        return found;
    }
    let key_in_dict = DictKey::from_str_key(name.clone());
    let found = t.find_in_mro(|owner| match &owner.class {
        Some(class) => class
            .dict
            .map()
            .get_index_of(&key_in_dict)
            .map(|i| Found::Class(owner, i)),
        None => builtin_lookup(owner, name.as_str()).map(Found::Builtin),
    });
    LOOKUPS.with(|l| l.borrow_mut().insert(key, found.clone()));
    found
}

/// The value at a location.
pub fn value_at(found: &Found) -> Option<Value> {
    match found {
        Found::Class(owner, index) => class_value(owner, *index),
        Found::Builtin(value) => Some(value.clone()),
    }
}

/// The value at `index` of a user class's namespace. Takes everything by
/// value: handlers inline this, and a pointer to one of their locals must
/// not escape (see `handlers/mod.rs`).
#[inline]
pub(super) fn class_value(owner: &'static PyType, index: usize) -> Option<Value> {
    owner
        .class
        .as_ref()
        .and_then(|c| c.dict.map().get_index(index).map(|(_, v)| v.clone()))
}

/// `name` looked up in the MRO of `t` (class namespaces and the methods of
/// builtin bases such as `object`), unbound.
pub fn lookup(t: &'static PyType, name: &Rc<PyStr>) -> Option<Value> {
    if !t.is_user_class() {
        return builtin_lookup(t, name.as_str());
    }
    locate(t, name).and_then(|found| value_at(&found))
}

/// `name` defined by a user class in the MRO of `t` (builtin bases skipped):
/// how special methods are found.
pub fn user_lookup(t: &'static PyType, name: &str) -> Option<Value> {
    if !t.is_user_class() {
        return None;
    }
    // A builtin base's method is not an override; one a class body
    // stored (`__str__ = int.__repr__`) is.
    match locate(t, &intern(name))? {
        Found::Builtin(Value::MethodDescriptor(_)) => None,
        found => value_at(&found),
    }
}

/// `name` among the methods of the builtin types in the MRO of the builtin
/// type `t`, as an unbound method descriptor.
pub(crate) fn builtin_lookup(t: &'static PyType, name: &str) -> Option<Value> {
    t.find_in_mro(|owner| {
        if std::ptr::eq(owner, &types::OBJECT) && name == "__new__" {
            return Some(Value::Builtin(&crate::instance_new::OBJECT_NEW));
        }
        if std::ptr::eq(owner, &types::TYPE) && name == "__new__" {
            return Some(Value::Builtin(&crate::metaclass::TYPE_NEW));
        }
        // `Counter.__repr__` is not `dict.__repr__` (pprint dispatches on it).
        if name == "__repr__"
            && owner.kind == types::TypeKind::Dict
            && !std::ptr::eq(owner, &types::DICT)
        {
            let method = crate::subclass::method(&types::DICT, name)?;
            return Some(Value::MethodDescriptor(Rc::new(MethodDescriptor {
                owner,
                method,
            })));
        }
        if name == "__new__" && crate::subclass::immutable(owner) {
            return Some(Value::Builtin(&crate::subclass::IMMUTABLE_NEW));
        }
        if std::ptr::eq(owner, &types::TYPE) && name == "__prepare__" {
            return Some(Value::Builtin(&crate::metaclass::TYPE_PREPARE));
        }
        let table = if std::ptr::eq(owner, &types::OBJECT) {
            crate::object::OBJECT_METHODS
        } else if std::ptr::eq(owner, &types::TYPE) {
            crate::metaclass::TYPE_METHODS
        } else if std::ptr::eq(owner, &types::BASE_EXCEPTION) {
            crate::object::EXCEPTION_METHODS
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
