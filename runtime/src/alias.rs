//! Subscripted classes: `list[int]`, `dict[str, float]` (CPython's
//! `types.GenericAlias`, what annotations evaluate to) and a user class's
//! `__class_getitem__`.
//!
//! An alias records its origin and arguments and prints like CPython's; it
//! is not callable and does not take part in `isinstance`, which CPython
//! refuses for parameterised generics anyway.

use crate::call;
use crate::exceptions::{type_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType};
use crate::value::{Builtin, Value};
use crate::Interp;
use std::any::Any;

pub static GENERIC_ALIAS: PyType = PyType {
    name: "types.GenericAlias",
    base: Some(&types::OBJECT),
    kind: types::TypeKind::Opaque,
    class: None,
};

/// `origin[args]`.
pub struct GenericAlias {
    pub origin: Value,
    pub args: Vec<Value>,
}

/// `types.GenericAlias(origin, args)`: `args` is one value or a tuple.
pub fn new(origin: Value, args: &Value) -> Value {
    let args = match args {
        Value::Tuple(t) => t.items.to_vec(),
        other => vec![other.clone()],
    };
    native::new(GenericAlias { origin, args })
}

/// Whether `t[...]` makes an alias for a builtin type (the generic
/// containers CPython parameterises).
fn generic_builtin(t: &'static PyType) -> bool {
    use types::TypeKind as K;
    matches!(
        t.kind,
        K::List | K::Dict | K::Tuple | K::Set | K::FrozenSet | K::Type | K::Enumerate
    ) || ["deque", "defaultdict", "OrderedDict", "Counter"].contains(&t.name)
}

/// `t[key]` for a class `t`.
pub fn class_getitem(interp: &mut Interp, t: &'static PyType, key: &Value) -> PyResult<Value> {
    if t.is_user_class() {
        let Some(hook) = crate::attributes::lookup(t, &crate::intern("__class_getitem__")) else {
            return Err(type_error(format!(
                "type '{}' is not subscriptable",
                t.name
            )));
        };
        // `__class_getitem__` is a class method even when not declared one.
        return match hook {
            Value::Function(_) => call::call(interp, &hook, &[Value::Type(t), key.clone()], &[]),
            other => {
                let bound = crate::attributes::bind(other, &Value::Type(t), t);
                call::call(interp, &bound, std::slice::from_ref(key), &[])
            }
        };
    }
    if generic_builtin(t) {
        return Ok(new(Value::Type(t), key));
    }
    Err(type_error(format!(
        "type '{}' is not subscriptable",
        t.name
    )))
}

/// How an alias prints one of its arguments (CPython's `ga_repr_item`).
fn repr_item(interp: &mut Interp, value: &Value) -> PyResult<String> {
    match value {
        Value::Ellipsis => Ok("...".to_string()),
        Value::Type(t) => Ok(match &t.class {
            Some(class) => {
                let module = crate::repr::str(interp, &class.module)?;
                if module == "builtins" {
                    class.qualname.borrow().clone()
                } else {
                    format!("{module}.{}", class.qualname.borrow())
                }
            }
            None => t.name.to_string(),
        }),
        Value::List(l) => {
            let mut parts = Vec::new();
            for item in l.iter_items() {
                parts.push(repr_item(interp, &item)?);
            }
            Ok(format!("[{}]", parts.join(", ")))
        }
        other => crate::repr::repr(interp, other),
    }
}

impl NativeObject for GenericAlias {
    fn type_of(&self) -> &'static PyType {
        &GENERIC_ALIAS
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let origin = repr_item(interp, &self.origin)?;
        let mut args = Vec::with_capacity(self.args.len());
        for arg in &self.args {
            args.push(repr_item(interp, arg)?);
        }
        if args.is_empty() {
            args.push("()".to_string());
        }
        Ok(format!("{origin}[{}]", args.join(", ")))
    }

    fn method(&self, _name: &str) -> Option<&'static Builtin> {
        None
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn equal(&self, interp: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        let other = native::downcast::<GenericAlias>(other)?;
        let mut check = || -> PyResult<bool> {
            if !crate::compare::equal(interp, &self.origin, &other.origin)?
                || self.args.len() != other.args.len()
            {
                return Ok(false);
            }
            for (a, b) in self.args.iter().zip(&other.args) {
                if !crate::compare::equal(interp, a, b)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        Some(check())
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "__origin__" => Some(self.origin.clone()),
            "__args__" => Some(Value::tuple(self.args.clone())),
            _ => None,
        }
    }
}
