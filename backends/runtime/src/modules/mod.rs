//! Modules provided by the runtime (`math`, `time`, `sys`) and the import
//! operations that bind them: `import m`, `from m import a`, `from m import *`.
//!
//! Importing Python source files (the `__pycache__` issue) is not done here
//! yet: a module found as a `.py` file raises a clear `NotImplementedError`,
//! and any other unknown name raises CPython's `ModuleNotFoundError`.

mod array;
pub mod collections;
pub mod io;
mod itertools;
mod math;
pub mod random;
mod sys;
mod time;

use crate::exceptions::{not_implemented_error, PyErr, PyResult};
use crate::types;
use crate::value::{Builtin, PyDict, PyStr, Value};
use crate::{intern, Interp};
use std::rc::Rc;

/// A module object: a name and its namespace.
pub struct PyModule {
    pub name: Rc<PyStr>,
    pub dict: Rc<PyDict>,
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
    }))
}

/// `import name`: each module is created once per run (like `sys.modules`).
pub fn import(interp: &mut Interp, name: &Rc<PyStr>) -> PyResult<Value> {
    if let Some(module) = interp.modules.get(name.as_str()) {
        return Ok(module.clone());
    }
    let module = match name.as_str() {
        "math" => math::create(),
        "time" => time::create(),
        "sys" => sys::create(interp),
        "random" => random::create(),
        "itertools" => itertools::create(),
        "collections" => collections::create(),
        "io" => io::create(),
        "array" => array::create(),
        "__future__" => module(
            "__future__",
            &[],
            [
                "annotations",
                "division",
                "absolute_import",
                "generators",
                "generator_stop",
                "nested_scopes",
                "print_function",
                "unicode_literals",
                "with_statement",
            ]
            .into_iter()
            .map(|feature| (feature, Value::Bool(true)))
            .collect(),
        ),
        other => return Err(not_found(interp, other)),
    };
    interp
        .modules
        .insert(name.as_str().to_string(), module.clone());
    Ok(module)
}

#[cold]
fn not_found(interp: &Interp, name: &str) -> PyErr {
    let as_file = interp.search_path.iter().any(|dir| {
        let base = dir.join(name.replace('.', "/"));
        base.with_extension("py").is_file() || base.join("__init__.py").is_file()
    });
    if as_file {
        return not_implemented_error(format!(
            "importing the Python module '{name}' from source is not supported by pvm yet"
        ));
    }
    PyErr::with_message(
        &types::MODULE_NOT_FOUND_ERROR,
        format!("No module named '{name}'"),
    )
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
        return Err(PyErr::with_message(
            &types::IMPORT_ERROR,
            format!(
                "cannot import name '{}' from '{}' (unknown location)",
                name.as_str(),
                m.name.as_str()
            ),
        ));
    }
    crate::methods::get_attr(module, name)
}

/// `from module import *`: every public name into `globals`.
pub fn import_star(module: &Value, globals: &PyDict) -> PyResult<()> {
    if let Value::Module(m) = module {
        let entries: Vec<(Value, Value)> = m
            .dict
            .map()
            .iter()
            .map(|(k, v)| (k.0.clone(), v.clone()))
            .collect();
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
