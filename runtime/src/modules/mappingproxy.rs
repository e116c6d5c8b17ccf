//! `types.MappingProxyType`: a read-only view of a mapping. Reading
//! (`[]`, `in`, `len`, iteration, `keys`, `values`, `items`, `get`, `copy`)
//! goes to the mapping, which stays live; it offers no way to change it.
//!
//! It does not make class namespaces read-only (`C.__dict__` is pvm's own
//! business); it only wraps what a program gives it.

use crate::exceptions::{type_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::rc::Rc;

pub static MAPPING_PROXY: PyType = PyType {
    name: "mappingproxy",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

struct MappingProxy {
    mapping: Value,
}

/// Calls `mapping.<name>(*args)` for the proxy in `args[0]`.
fn forward(interp: &mut Interp, name: &str, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let proxy = args
        .first()
        .and_then(native::downcast::<MappingProxy>)
        .ok_or_else(|| type_error("descriptor requires a 'mappingproxy' object"))?;
    let method = crate::attributes::get_attr(interp, &proxy.mapping, &crate::intern(name))?;
    crate::call::call(interp, &method, &args[1..], kw)
}

macro_rules! forwarders {
    ($($name:literal => $func:ident,)*) => {
        $(fn $func(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
            forward(interp, $name, args, kw)
        })*
        builtin_table!(METHODS { $($name => $func,)* });
    };
}

forwarders! {
    "keys" => keys,
    "values" => values,
    "items" => items,
    "get" => get,
    "copy" => copy,
}

impl NativeObject for MappingProxy {
    fn type_of(&self) -> &'static PyType {
        &MAPPING_PROXY
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "mappingproxy({})",
            crate::repr::repr(interp, &self.mapping)?
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn len(&self) -> Option<usize> {
        crate::builtins::length(&self.mapping).ok()
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        Some(crate::iter::get_iter(interp, &self.mapping))
    }

    fn get_item(&self, interp: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        Some(crate::subscript::get_item(interp, &self.mapping, key))
    }

    fn contains(&self, interp: &mut Interp, item: &Value) -> Option<PyResult<bool>> {
        Some(crate::ops::contains(interp, &self.mapping, item))
    }

    fn equal(&self, interp: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        Some(crate::compare::equal(interp, &self.mapping, other))
    }
}

/// A read-only view of `mapping`.
pub fn proxy(mapping: Value) -> Value {
    native::new(MappingProxy { mapping })
}

fn new(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("mappingproxy", kw)?;
    match args {
        [mapping @ (Value::Dict(_) | Value::Instance(_) | Value::Native(_))] => {
            Ok(native::new(MappingProxy {
                mapping: mapping.clone(),
            }))
        }
        [other] => Err(type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            other.type_name()
        ))),
        _ => Err(type_error(format!(
            "mappingproxy() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

/// `types.MappingProxyType`.
pub static MAPPING_PROXY_TYPE: Builtin = Builtin {
    name: "MappingProxyType",
    func: new,
};
