//! Global and builtin name lookup, with an inline cache per name of each
//! code object (CPython 3.11's `LOAD_GLOBAL` specialisation in spirit).
//!
//! A cache entry holds the value found and the versions of the globals and
//! builtins dicts at that time. A dict's version changes on every write, so a
//! hit is two comparisons and a clone; a miss (the first lookup, or any
//! lookup after the globals changed) hashes as usual and refills the entry.

use crate::exceptions::{name_error, PyResult};
use crate::hash::DictKey;
use crate::value::{PyDict, Value};
use crate::{Interp, RtCode};
use std::cell::{Cell, UnsafeCell};

#[derive(Default)]
pub struct GlobalCache {
    globals_version: Cell<u64>,
    builtins_version: Cell<u64>,
    value: UnsafeCell<Value>,
}

impl GlobalCache {
    /// Byte offsets of an entry's globals version, builtins version and
    /// value, for compiled code that checks a hit inline (each version is
    /// a `u64`, the value two words).
    pub const LAYOUT: [usize; 3] = [
        std::mem::offset_of!(GlobalCache, globals_version),
        std::mem::offset_of!(GlobalCache, builtins_version),
        std::mem::offset_of!(GlobalCache, value),
    ];
}

/// The value of global `code.names[name]`, falling back to the builtins.
#[inline]
pub fn load_global(
    interp: &Interp,
    globals: &PyDict,
    code: &RtCode,
    name: usize,
) -> PyResult<Value> {
    let entry = &code.global_cache[name];
    if entry.globals_version.get() == globals.version()
        && entry.builtins_version.get() == interp.builtins.version()
    {
        // SAFETY: the cached value is only replaced by `load_global_slow`,
        // which cannot run while this clone (which runs no Python code) does.
        return Ok(unsafe { &*entry.value.get() }.clone());
    }
    load_global_slow(interp, globals, code, name)
}

#[cold]
#[inline(never)]
fn load_global_slow(
    interp: &Interp,
    globals: &PyDict,
    code: &RtCode,
    name: usize,
) -> PyResult<Value> {
    let key = DictKey::from_str_key(code.names[name].clone());
    let found = globals
        .map()
        .get(&key)
        .cloned()
        .or_else(|| interp.builtins.map().get(&key).cloned());
    let Some(value) = found else {
        return Err(name_error(format!(
            "name '{}' is not defined",
            code.names[name].as_str()
        )));
    };
    let entry = &code.global_cache[name];
    // SAFETY: no reference into the cached value is alive (see `load_global`).
    // The replaced value is dropped after the entry is consistent again.
    let previous = std::mem::replace(unsafe { &mut *entry.value.get() }, value.clone());
    entry.globals_version.set(globals.version());
    entry.builtins_version.set(interp.builtins.version());
    drop(previous);
    Ok(value)
}
