//! The inline caches that let `LOAD_ATTR`, `STORE_ATTR` and `LOAD_METHOD`
//! skip lookups on instances of user classes (CPython 3.11's
//! `LOAD_ATTR_INSTANCE_VALUE` and `LOAD_METHOD_WITH_VALUES` in spirit), and
//! the opcode-level entry points that use them.
//!
//! One cache sits on each name of each code object. An entry is valid for
//! one class and `mro.rs`'s epoch and says where the value is: at an index
//! of the instance's own dict (checked by comparing the key there with the
//! interned name), at a location in a class namespace, or is a plain
//! method. These caches are also the type feedback a specialising backend
//! can read.
//!
//! A miss, and every receiver that is not an instance, goes to the
//! attribute protocol (`mod.rs`): the caches never decide what an
//! attribute means, they only remember where the protocol found it.

use crate::types::PyType;
use crate::value::{PyInstance, PyStr, Value};
use crate::{Interp, PyResult, RtCode};
use std::cell::{Cell, UnsafeCell};
use std::rc::Rc;

use super::mro::user_lookup;
use super::mro::{class_value, epoch, is_active, locate, value_at, Found};

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Empty,
    /// In the instance's dict at `index`.
    Slot,
    /// A plain method: the function in `value`.
    Method,
    /// A plain class attribute at `index` of `owner`'s namespace.
    ClassValue,
}

/// One class's entry in an inline cache.
#[derive(Default)]
struct Entry {
    class: Cell<usize>,
    epoch: Cell<u64>,
    kind: Cell<Kind>,
    index: Cell<usize>,
    owner: Cell<usize>,
    value: UnsafeCell<Value>,
}

/// How many classes one cache remembers: a call site such as `task.run()`
/// in a scheduler sees a handful of classes, and one entry per class keeps
/// them from evicting each other.
const WAYS: usize = 4;

/// One inline cache: a few entries, one per class seen, replaced in turn.
#[derive(Default)]
pub struct AttrCache {
    entries: [Entry; WAYS],
    next: Cell<u8>,
}

impl AttrCache {
    #[inline(always)]
    fn hit(&self, class: &'static PyType) -> Option<&Entry> {
        let class = class as *const PyType as usize;
        let epoch = epoch();
        self.entries
            .iter()
            .find(|e| e.class.get() == class && e.epoch.get() == epoch)
    }

    fn fill(&self, class: &'static PyType, kind: Kind, index: usize, owner: usize, value: Value) {
        let key = class as *const PyType as usize;
        let slot = match self.entries.iter().position(|e| e.class.get() == key) {
            Some(i) => i,
            None => {
                let i = self.next.get() as usize % WAYS;
                self.next.set(((i + 1) % WAYS) as u8);
                i
            }
        };
        let entry = &self.entries[slot];
        // SAFETY: nothing borrows a cached value outside this module, and
        // no reference to this one is alive here.
        let previous = std::mem::replace(unsafe { &mut *entry.value.get() }, value);
        entry.class.set(key);
        entry.epoch.set(epoch());
        entry.kind.set(kind);
        entry.index.set(index);
        entry.owner.set(owner);
        drop(previous);
    }
}

impl Entry {
    #[inline(always)]
    fn cached_value(&self) -> Value {
        // SAFETY: replaced only by `fill`, which cannot run during this clone.
        unsafe { &*self.value.get() }.clone()
    }
}

/// `LOAD_ATTR` of `code.names[name]`. Not inlined into handlers: the
/// threaded VM's handlers must end in a tail call, which LLVM gives up on
/// once a handler passes the address of one of its locals to a call.
#[inline(never)]
fn load_attr(interp: &mut Interp, owner: &Value, code: &RtCode, name: u32) -> PyResult<Value> {
    let Value::Instance(object) = owner else {
        return super::get_attr(interp, owner, &code.names[name as usize]);
    };
    let cache = &code.attr_cache[name as usize];
    let names = &code.names[name as usize];
    if let Some(entry) = cache.hit(object.class) {
        match entry.kind.get() {
            Kind::Slot => {
                if let Some(value) = object.dict.value_at(entry.index.get(), names) {
                    return Ok(value);
                }
            }
            Kind::ClassValue => {
                if let Some(value) = class_value_hit(object, entry, names) {
                    return Ok(value);
                }
            }
            _ => {}
        }
    }
    load_attr_slow(interp, owner, object, cache, names)
}

/// A cached plain class attribute, unless the instance has its own.
/// Out of line: the dict lookup passes a pointer to a local key, and a
/// handler that inlined it could no longer end in a tail call.
#[inline(never)]
fn class_value_hit(object: &PyInstance, entry: &Entry, name: &Rc<PyStr>) -> Option<Value> {
    if !object.dict.map().is_empty() && object.dict.get_str(name).is_some() {
        return None;
    }
    // SAFETY: `owner` was stored from a `&'static PyType`.
    let owner: &'static PyType = unsafe { &*(entry.owner.get() as *const PyType) };
    class_value(owner, entry.index.get())
}

#[cold]
#[inline(never)]
fn load_attr_slow(
    interp: &mut Interp,
    owner: &Value,
    object: &PyInstance,
    cache: &AttrCache,
    name: &Rc<PyStr>,
) -> PyResult<Value> {
    let result = super::get_attr(interp, owner, name)?;
    match locate(object.class, name) {
        None => {
            if let Some(index) = object.dict.index_of(name) {
                cache.fill(object.class, Kind::Slot, index, 0, Value::None);
            }
        }
        Some(Found::Class(class_owner, index)) => {
            let plain = value_at(&Found::Class(class_owner, index)).is_some_and(|v| !is_active(&v));
            if plain && object.dict.index_of(name).is_none() {
                cache.fill(
                    object.class,
                    Kind::ClassValue,
                    index,
                    class_owner as *const PyType as usize,
                    Value::None,
                );
            }
        }
        Some(Found::Builtin(_)) => {}
    }
    Ok(result)
}

/// `LOAD_ATTR` in place: replaces the owner in `slot` with its attribute.
/// Returning only the error keeps the threaded VM's handler free of a
/// result temporary (see `load_attr`). The common case, an instance
/// attribute where the cache says, is handled here without a further call.
#[inline(never)]
pub fn load_attr_in_place(
    interp: &mut Interp,
    slot: &mut Value,
    code: &RtCode,
    name: u32,
) -> PyResult<()> {
    if let Value::Instance(object) = &*slot {
        if let Some(value) = instance_slot_hit(object, code, name) {
            std::mem::replace(slot, value).discard();
            return Ok(());
        }
    }
    load_attr_in_place_slow(interp, slot, code, name)
}

/// The attribute the inline cache places in the instance's own dict.
#[inline(always)]
fn instance_slot_hit(object: &PyInstance, code: &RtCode, name: u32) -> Option<Value> {
    let entry = code.attr_cache.get(name as usize)?.hit(object.class)?;
    if entry.kind.get() != Kind::Slot {
        return None;
    }
    object
        .dict
        .value_at(entry.index.get(), code.names.get(name as usize)?)
}

#[inline(never)]
fn load_attr_in_place_slow(
    interp: &mut Interp,
    slot: &mut Value,
    code: &RtCode,
    name: u32,
) -> PyResult<()> {
    let value = load_attr(interp, slot, code, name)?;
    std::mem::replace(slot, value).discard();
    Ok(())
}

/// `LOAD_METHOD` in place: `slot` holds the owner and `above` (the slot
/// over it) the empty marker; afterwards they hold the method and the owner,
/// or the attribute and the marker.
#[inline(never)]
pub fn load_method_in_place(
    interp: &mut Interp,
    slot: &mut Value,
    above: &mut Value,
    code: &RtCode,
    name: u32,
) -> PyResult<()> {
    if let Value::Instance(object) = &*slot {
        if let Some(method) = cached_method(object, code, name) {
            let owner = std::mem::replace(slot, method);
            std::mem::replace(above, owner).discard();
            return Ok(());
        }
    }
    match find_method(slot, code, name) {
        Some(method) => {
            let owner = std::mem::replace(slot, method);
            std::mem::replace(above, owner).discard();
        }
        None => {
            let attribute = load_attr(interp, slot, code, name)?;
            std::mem::replace(slot, attribute).discard();
        }
    }
    Ok(())
}

/// The plain method the inline cache holds for the instance's class.
#[inline(always)]
fn cached_method(object: &PyInstance, code: &RtCode, name: u32) -> Option<Value> {
    let entry = code.attr_cache.get(name as usize)?.hit(object.class)?;
    if entry.kind.get() != Kind::Method || shadowed(object.class) {
        return None;
    }
    Some(entry.cached_value())
}

/// `STORE_ATTR` of `code.names[name]` (not inlined, like `load_attr`).
#[inline(never)]
pub fn store_attr(
    interp: &mut Interp,
    owner: &Value,
    code: &RtCode,
    name: u32,
    value: Value,
) -> PyResult<()> {
    let value = match store_attr_hit(owner, code, name, value) {
        Ok(()) => return Ok(()),
        Err(value) => value,
    };
    let names = &code.names[name as usize];
    let Value::Instance(object) = owner else {
        return super::set_attr(interp, owner, names, value);
    };
    store_attr_slow(
        interp,
        owner,
        object,
        &code.attr_cache[name as usize],
        names,
        value,
    )
}

/// `STORE_ATTR`'s cache hit alone: stores `value` where the inline cache
/// places the attribute in an instance's own dict (or appends it there, as
/// `self.x = x` in `__init__` does), running no Python code; gives the
/// value back, nothing done, otherwise.
#[inline(always)]
pub fn store_attr_hit(owner: &Value, code: &RtCode, name: u32, value: Value) -> Result<(), Value> {
    let Value::Instance(object) = owner else {
        return Err(value);
    };
    let (Some(cache), Some(names)) = (
        code.attr_cache.get(name as usize),
        code.names.get(name as usize),
    ) else {
        return Err(value);
    };
    match cache.hit(object.class) {
        Some(entry) if entry.kind.get() == Kind::Slot => {
            let index = entry.index.get();
            match object.dict.replace_at(index, names, value) {
                Ok(()) => Ok(()),
                // A new attribute where instances of this class keep it
                // (`self.x = x` in `__init__`): no class lookup needed.
                Err(value) if object.dict.len() == index => {
                    object.dict.set_str(names, value);
                    Ok(())
                }
                Err(value) => Err(value),
            }
        }
        _ => Err(value),
    }
}

/// `LOAD_ATTR`'s cache hit alone: the attribute the inline cache places
/// in an instance's own dict, found without running Python code; `None`
/// otherwise (the caller goes through `load_attr_in_place`).
#[inline(always)]
pub fn load_attr_hit(owner: &Value, code: &RtCode, name: u32) -> Option<Value> {
    match owner {
        Value::Instance(object) => instance_slot_hit(object, code, name),
        _ => None,
    }
}

/// `LOAD_METHOD`'s cache hit alone: the plain method the inline cache
/// holds for an instance's class; `None` otherwise.
#[inline(always)]
pub fn load_method_hit(owner: &Value, code: &RtCode, name: u32) -> Option<Value> {
    match owner {
        Value::Instance(object) => cached_method(object, code, name),
        _ => None,
    }
}

#[cold]
#[inline(never)]
fn store_attr_slow(
    interp: &mut Interp,
    owner: &Value,
    object: &PyInstance,
    cache: &AttrCache,
    name: &Rc<PyStr>,
    value: Value,
) -> PyResult<()> {
    super::set_attr(interp, owner, name, value)?;
    if let Some(class) = &object.class.class {
        let size = object.dict.len();
        if size > class.attribute_hint.get() {
            class.attribute_hint.set(size);
        }
    }
    // (A class with its own `__setattr__` sees every store.)
    if locate(object.class, name).is_none() && user_lookup(object.class, "__setattr__").is_none() {
        if let Some(index) = object.dict.index_of(name) {
            cache.fill(object.class, Kind::Slot, index, 0, Value::None);
        }
    }
    Ok(())
}

/// `LOAD_METHOD`: the plain method `code.names[name]` of `owner`, if it is
/// one (not inlined, like `load_attr`).
#[inline(never)]
fn find_method(owner: &Value, code: &RtCode, name: u32) -> Option<Value> {
    let Value::Instance(object) = owner else {
        return super::load_method(owner, &code.names[name as usize]);
    };
    let cache = &code.attr_cache[name as usize];
    if let Some(entry) = cache.hit(object.class) {
        if entry.kind.get() == Kind::Method && !shadowed(object.class) {
            return Some(entry.cached_value());
        }
    }
    find_method_slow(owner, object, cache, &code.names[name as usize])
}

#[cold]
#[inline(never)]
fn find_method_slow(
    owner: &Value,
    object: &PyInstance,
    cache: &AttrCache,
    name: &Rc<PyStr>,
) -> Option<Value> {
    let method = super::load_method(owner, name)?;
    if !shadowed(object.class) {
        cache.fill(object.class, Kind::Method, 0, 0, method.clone());
    }
    Some(method)
}

/// What the inline cache for `code.names[name]` says about instances of
/// `class`, if it has a current entry (read by `feedback`, not on any hot
/// path of the interpreters).
pub fn cached(code: &RtCode, name: u32, class: &'static PyType) -> Option<Cached> {
    let entry = code.attr_cache.get(name as usize)?.hit(class)?;
    Some(match entry.kind.get() {
        Kind::Empty => return None,
        Kind::Slot => Cached::Slot(entry.index.get()),
        Kind::Method => Cached::Method,
        Kind::ClassValue => Cached::ClassValue,
    })
}

/// Where a cache entry says a class's attribute is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cached {
    /// At this index of the instance's own dict.
    Slot(usize),
    /// A plain method of the class.
    Method,
    /// A plain class attribute.
    ClassValue,
}

/// Whether some instance of `class` has an attribute named like one of the
/// class's methods (then methods must be looked for in instance dicts too).
#[inline(always)]
fn shadowed(class: &'static PyType) -> bool {
    class.class.as_ref().is_some_and(|c| c.shadowed.get())
}
