//! The builtins that describe an object rather than compute with it:
//! `ascii()` and `dir(object)`, registered in `builtins::namespace`.
//! `dir()` lists builtin types' names from CPython's own namespaces
//! (`type_namespaces.rs`), so it prints what CPython prints even for names
//! pvm does not implement. `dir()` without an argument lists the caller's
//! local names (`scope.rs`).

use crate::call;
use crate::exceptions::{type_error, PyResult};
use crate::types::PyType;
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::collections::BTreeSet;
use std::rc::Rc;

pub static DIR: Builtin = Builtin {
    name: "dir",
    func: dir,
};

pub static ASCII: Builtin = Builtin {
    name: "ascii",
    func: ascii,
};

fn ascii(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("ascii", kwnames)?;
    match args {
        [value] => Ok(Value::str(crate::repr::ascii(interp, value)?)),
        _ => Err(type_error(format!(
            "ascii() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

fn dir(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("dir", kwnames)?;
    let object = match args {
        [object] => object,
        [] => {
            let names = crate::scope::caller_names(interp)?;
            return Ok(Value::list(names.into_iter().map(Value::str).collect()));
        }
        _ => {
            return Err(type_error(format!(
                "dir expected at most 1 argument, got {}",
                args.len()
            )))
        }
    };
    let mut names = BTreeSet::new();
    match object {
        Value::Module(module) => dict_names(&module.dict, &mut names),
        Value::Type(t) => type_names(t, &mut names),
        Value::Instance(instance) => {
            dict_names(&instance.dict, &mut names);
            type_names(instance.class, &mut names);
        }
        other => type_names(other.type_of(), &mut names),
    }
    Ok(Value::list(names.into_iter().map(Value::str).collect()))
}

fn dict_names(dict: &crate::value::PyDict, names: &mut BTreeSet<String>) {
    for key in dict.map().keys() {
        if let Value::Str(name) = &key.0 {
            names.insert(name.as_str().to_string());
        }
    }
}

/// The names of `t`'s namespace and its bases', as `type.__dir__` gives.
fn type_names(t: &'static PyType, names: &mut BTreeSet<String>) {
    for t in t.mro() {
        match &t.class {
            Some(class) => {
                dict_names(&class.dict, names);
                // what `type()` adds to a class namespace (pvm keeps the
                // qualified name elsewhere)
                names.remove("__qualname__");
                names.extend(["__module__", "__doc__"].map(String::from));
                match class.dict.get_str(&crate::code::intern("__slots__")) {
                    // each slot is a member descriptor in the namespace
                    Some(Value::Str(slot)) => {
                        names.insert(slot.as_str().to_string());
                    }
                    Some(Value::Tuple(slots)) => {
                        let slots = slots.items.iter().filter_map(Value::as_str);
                        names.extend(slots.map(String::from));
                    }
                    Some(Value::List(slots)) => {
                        let slots = slots.items.borrow();
                        names.extend(slots.iter().filter_map(Value::as_str).map(String::from));
                    }
                    Some(_) => {}
                    None => names.extend(["__dict__", "__weakref__"].map(String::from)),
                }
            }
            None => {
                let table = crate::type_namespaces::TYPE_NAMESPACES;
                if let Ok(i) = table.binary_search_by_key(&t.name, |&(name, _)| name) {
                    names.extend(table[i].1.iter().map(|name| name.to_string()));
                }
            }
        }
    }
}
