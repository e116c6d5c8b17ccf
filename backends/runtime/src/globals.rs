//! Global and builtin name lookup, with an inline cache per name of each
//! code object (CPython 3.11's `LOAD_GLOBAL` specialisation in spirit).
//!
//! A cache entry remembers where the name was found (its index in the
//! globals or builtins dict) and the versions of both dicts' key sets at
//! that time. Versions change only when a key is added or removed, so
//! rebinding a global keeps the cache valid and still reads the new value.

use crate::exceptions::{name_error, PyResult};
use crate::hash::DictKey;
use crate::value::{PyDict, PyStr, Value};
use crate::{Interp, RtCode};
use std::rc::Rc;

#[derive(Clone, Copy, Default)]
pub struct GlobalCache {
    globals_version: u64,
    builtins_version: u64,
    index: u32,
    in_builtins: bool,
}

/// The value of global `code.names[name]`, falling back to the builtins.
#[inline]
pub fn load_global(
    interp: &Interp,
    globals: &PyDict,
    code: &RtCode,
    name: usize,
) -> PyResult<Value> {
    let entry = code.global_cache[name].get();
    if entry.globals_version == globals.version() {
        let dict = if !entry.in_builtins {
            Some(globals)
        } else if entry.builtins_version == interp.builtins.version() {
            Some(&*interp.builtins)
        } else {
            None
        };
        if let Some(dict) = dict {
            if let Some((_, value)) = dict.map().get_index(entry.index as usize) {
                return Ok(value.clone());
            }
        }
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
    let key = &code.names[name];
    let mut entry = GlobalCache {
        globals_version: globals.version(),
        builtins_version: interp.builtins.version(),
        index: 0,
        in_builtins: false,
    };
    let found = find(globals, key).or_else(|| {
        entry.in_builtins = true;
        find(&interp.builtins, key)
    });
    match found {
        Some((index, value)) => {
            entry.index = index as u32;
            code.global_cache[name].set(entry);
            Ok(value)
        }
        None => Err(name_error(format!(
            "name '{}' is not defined",
            key.as_str()
        ))),
    }
}

fn find(dict: &PyDict, key: &Rc<PyStr>) -> Option<(usize, Value)> {
    dict.map()
        .get_full(&DictKey::from_str_key(key.clone()))
        .map(|(i, _, v)| (i, v.clone()))
}
