//! Modules provided by the runtime (`math`, `time`, `sys`) and the import
//! operations that bind them: `import m`, `from m import a`, `from m import *`.
//!
//! Finding and running modules written in Python is `importer.rs`; this
//! file lists the modules provided in Rust and binds imported names.

mod array;
mod binascii;
mod bytes_io;
mod cmath;
pub mod collections;
pub mod counter;
mod digests;
mod errno;
mod errno_table;
pub mod files;
mod gc;
mod hashes;
pub mod importer;
pub mod io;
mod itertools;
mod itertools_combinatorics;
mod itertools_tee;
pub(crate) mod mappingproxy;
mod math;
mod math_more;
mod namedtuple;
mod posix;
mod posix_fd;
mod python;
pub mod random;
mod random_class;
pub mod signal;
mod sre;
mod stdin;
pub mod stdlib;
mod string_format;
mod structs;
mod sys;
mod thread;
mod time;
mod time_struct;
mod types_module;
mod weak;

use crate::exceptions::{PyErr, PyResult};
use crate::types;
use crate::value::{Builtin, PyDict, PyStr, Value};
use crate::{intern, Interp};
use std::rc::Rc;

/// A module object: a name and its namespace.
pub struct PyModule {
    pub name: Rc<PyStr>,
    pub dict: Rc<PyDict>,
    /// The source file, for modules imported from one.
    pub file: Option<Rc<str>>,
}

/// Builds a module from builtin functions and constants.
fn module(name: &str, functions: &[&'static Builtin], constants: Vec<(&str, Value)>) -> Value {
    let dict = PyDict::new();
    dict.set_str(&intern("__name__"), Value::str(name));
    for function in functions {
        dict.set_str(&intern(function.name), Value::Builtin(function));
    }
    for (constant, value) in constants {
        dict.set_str(&intern(constant), value);
    }
    Value::Module(Rc::new(PyModule {
        name: intern(name),
        dict: Rc::new(dict),
        file: None,
    }))
}

/// The modules `builtin_module` provides (`sys.builtin_module_names`).
pub const BUILTIN_MODULE_NAMES: &[&str] = &[
    "_blake2",
    "_io",
    "_md5",
    "_pvm_collections",
    "_pvm_types",
    "_pvm_weakref",
    "_sha1",
    "_signal",
    "_sha256",
    "_sha3",
    "_sha512",
    "_sre",
    "_string",
    "_struct",
    "_thread",
    "array",
    "binascii",
    "builtins",
    "cmath",
    "errno",
    "gc",
    "itertools",
    "math",
    "posix",
    "sys",
    "time",
];

/// A module implemented in Rust that `import` finds before `sys.path`
/// (CPython's builtin and C extension modules).
pub fn builtin_module(interp: &mut Interp, name: &str) -> Option<Value> {
    Some(match name {
        "math" => math::create(),
        "time" => time::create(),
        "sys" => sys::create(interp),
        "itertools" => itertools::create(),
        "array" => array::create(),
        "_thread" => thread::create(),
        "_io" => io::create(),
        "_signal" => signal::create(),
        "posix" => posix::create(interp),
        "errno" => errno::create(interp),
        "_pvm_weakref" => weak::create(),
        "_pvm_types" => types_module::create(),
        "_pvm_collections" => collections::create(),
        "gc" => gc::create(),
        "_sre" => sre::create(),
        "_struct" => structs::create().ok()?,
        "cmath" => cmath::create(),
        "binascii" => binascii::create().ok()?,
        "_string" => string_format::create(),
        "_md5" | "_sha1" | "_sha256" | "_sha512" | "_blake2" | "_sha3" => hashes::create(name)?,
        "builtins" => Value::Module(Rc::new(PyModule {
            name: intern("builtins"),
            dict: interp.builtins.clone(),
            file: None,
        })),
        _ => return None,
    })
}

/// A standard-library module that CPython writes in Python and pvm
/// provides in Rust: found after `sys.path`, so a program's own `random.py`
/// shadows it, as under CPython.
pub fn stdlib_module(_interp: &mut Interp, name: &str) -> Option<Value> {
    Some(match name {
        "random" => random::create(),
        _ => return None,
    })
}

/// `types.GenericAlias`'s constructor.
pub fn types_generic_alias() -> &'static Builtin {
    &types_module::GENERIC_ALIAS
}

/// `itertools.chain.from_iterable`.
pub fn chain_from_iterable() -> &'static Builtin {
    &itertools::CHAIN_FROM_ITERABLE
}

/// `from module import name`.
pub fn import_from(module: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    if let Value::Module(m) = module {
        if let Some(value) = m.dict.get_str(name) {
            return Ok(value);
        }
        let location = m.file.as_deref().unwrap_or("unknown location");
        let partly = if m.dict.get_str(&intern("__pvm_initializing__")).is_some() {
            "partially initialized module "
        } else {
            ""
        };
        let circular = if partly.is_empty() {
            ""
        } else {
            " (most likely due to a circular import)"
        };
        return Err(PyErr::with_message(
            &types::IMPORT_ERROR,
            format!(
                "cannot import name '{}' from {partly}'{}'{circular} ({location})",
                name.as_str(),
                m.name.as_str()
            ),
        ));
    }
    // Something else put in `sys.modules`: only what builtin values share
    // is looked up (not `attributes::get_attr`, as CPython would).
    crate::attributes::builtin::common(module, name)
}

/// `from module import *`: every public name into `globals`.
pub fn import_star(module: &Value, globals: &PyDict) -> PyResult<()> {
    if let Value::Module(m) = module {
        let entries = m.dict.items();
        for (key, value) in entries {
            if let Value::Str(name) = &key {
                if !name.as_str().starts_with('_') {
                    globals.set_str(name, value);
                }
            }
        }
    }
    Ok(())
}

/// A float argument of a math function (ints convert exactly or overflow).
fn float_arg(value: &Value) -> PyResult<f64> {
    match value {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => crate::numbers::bigint_to_f64(b),
        other => Err(crate::exceptions::type_error(format!(
            "must be real number, not {}",
            other.type_name()
        ))),
    }
}
