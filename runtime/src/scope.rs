//! The builtins that read the namespaces of the Python code calling them:
//! `globals()`, `locals()`, `vars()` (with and without an object) and the
//! names `dir()` lists without an argument. They see their caller through
//! `frames::caller`.
//!
//! A function's `locals()` is a fresh snapshot each call: writing to it
//! changes no variable, as in CPython. Module code and class bodies get
//! their live namespace.

use crate::call;
use crate::exceptions::{type_error, PyResult};
use crate::frames::{caller, Caller};
use crate::hash::DictKey;
use crate::value::{Builtin, PyDict, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

builtin_table!(pub FUNCTIONS {
    "globals" => globals,
    "locals" => locals,
    "vars" => vars,
});

fn no_caller() -> crate::PyErr {
    crate::exceptions::runtime_error("no Python frame is running")
}

/// The namespace `locals()` gives for `frame`.
pub fn locals_of(frame: &Caller) -> Rc<PyDict> {
    if let Some(namespace) = &frame.namespace {
        return namespace.clone();
    }
    if !frame.is_function() {
        return frame.globals.clone();
    }
    let mut map = crate::value::Dict::default();
    for (name, value) in &frame.locals {
        map.insert(DictKey::from_str_key(name.clone()), value.clone());
    }
    Rc::new(PyDict::from_map(map))
}

fn globals(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    no_arguments("globals", args, kwnames)?;
    let frame = caller(interp).ok_or_else(no_caller)?;
    Ok(Value::Dict(frame.globals))
}

fn locals(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    no_arguments("locals", args, kwnames)?;
    let frame = caller(interp).ok_or_else(no_caller)?;
    Ok(Value::Dict(locals_of(&frame)))
}

fn no_arguments(name: &str, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<()> {
    call::no_keywords(name, kwnames)?;
    if args.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!(
            "{name}() takes no arguments ({} given)",
            args.len()
        )))
    }
}

/// `vars()` is `locals()`; `vars(object)` is `object.__dict__`.
fn vars(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("vars", kwnames)?;
    match args {
        [] => locals(interp, args, kwnames),
        [object] => {
            let name = crate::intern("__dict__");
            match crate::attributes::get_attr(interp, object, &name) {
                Ok(dict) => Ok(dict),
                Err(e) if e.is(&crate::types::ATTRIBUTE_ERROR) => {
                    Err(type_error("vars() argument must have __dict__ attribute"))
                }
                Err(e) => Err(e),
            }
        }
        _ => Err(type_error(format!(
            "vars expected at most 1 argument, got {}",
            args.len()
        ))),
    }
}

/// The names `dir()` without an argument lists: the caller's local names.
pub fn caller_names(interp: &Interp) -> PyResult<Vec<String>> {
    let frame = caller(interp).ok_or_else(no_caller)?;
    let locals = locals_of(&frame);
    let mut names: Vec<String> = locals
        .map()
        .keys()
        .filter_map(|k| k.0.as_str().map(str::to_string))
        .collect();
    names.sort();
    Ok(names)
}

/// The builtins of this file, for the builtins namespace.
pub fn builtins() -> impl Iterator<Item = &'static Builtin> {
    FUNCTIONS.iter()
}
