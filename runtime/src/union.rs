//! `X | Y` on classes: CPython's `types.UnionType` (`int | None`,
//! `list[int] | None`), with its flattening, its removal of repeated
//! members, its repr, its equality regardless of order, and membership for
//! `isinstance` and `issubclass`.
//!
//! A union is not subscriptable and not callable, and `typing.Union[...]`
//! is not this type (it belongs to `typing`).

use crate::alias::GenericAlias;
use crate::exceptions::PyResult;
use crate::native::{self, NativeObject};
use crate::types::{self, PyType};
use crate::value::{Builtin, Value};
use crate::Interp;
use std::any::Any;

pub static UNION_TYPE: PyType = PyType {
    name: "types.UnionType",
    base: Some(&types::OBJECT),
    kind: types::TypeKind::Opaque,
    class: None,
};

/// `X | Y | ...`: its members in order, each once, `None` as `NoneType`.
pub struct Union {
    pub args: Vec<Value>,
}

/// Whether `value` can be a member of a union (CPython's `is_unionable`).
fn unionable(value: &Value) -> bool {
    matches!(value, Value::None | Value::Type(_))
        || native::downcast::<GenericAlias>(value).is_some()
        || native::downcast::<Union>(value).is_some()
}

/// The members `value` brings to a union: a union's own members, else
/// itself (with `None` as `NoneType`).
fn members(value: &Value) -> Vec<Value> {
    match native::downcast::<Union>(value) {
        Some(union) => union.args.clone(),
        None if matches!(value, Value::None) => vec![Value::Type(&types::NONE_TYPE)],
        None => vec![value.clone()],
    }
}

/// Whether two members are the same: aliases by equality, the rest by
/// identity.
fn same(interp: &mut Interp, a: &Value, b: &Value) -> PyResult<bool> {
    if native::downcast::<GenericAlias>(a).is_some()
        && native::downcast::<GenericAlias>(b).is_some()
    {
        return crate::compare::equal(interp, a, b);
    }
    Ok(a.is(b))
}

/// `a | b` when both are classes, `None`, aliases or unions; `None` (the
/// operator is not defined) otherwise.
pub fn or(interp: &mut Interp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    if !unionable(a) || !unionable(b) {
        return None;
    }
    let mut check = || -> PyResult<Value> {
        let mut args: Vec<Value> = Vec::new();
        for member in members(a).into_iter().chain(members(b)) {
            let mut seen = false;
            for kept in &args {
                if same(interp, kept, &member)? {
                    seen = true;
                    break;
                }
            }
            if !seen {
                args.push(member);
            }
        }
        Ok(match <[Value; 1]>::try_from(args) {
            Ok([only]) => only,
            Err(args) => native::new(Union { args }),
        })
    };
    Some(check())
}

/// The classes an `isinstance`/`issubclass` check against a union tries,
/// in order (an alias among them is refused when it is reached).
pub fn alternatives(value: &Value) -> Option<&[Value]> {
    native::downcast::<Union>(value).map(|u| u.args.as_slice())
}

/// How a union prints one member (CPython's `union_repr_item`).
fn repr_member(interp: &mut Interp, value: &Value) -> PyResult<String> {
    match value {
        Value::Type(t) if std::ptr::eq(*t, &types::NONE_TYPE) => Ok("None".into()),
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
        other => crate::repr::repr(interp, other),
    }
}

impl NativeObject for Union {
    fn type_of(&self) -> &'static PyType {
        &UNION_TYPE
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let mut parts = Vec::with_capacity(self.args.len());
        for arg in &self.args {
            parts.push(repr_member(interp, arg)?);
        }
        Ok(parts.join(" | "))
    }

    fn method(&self, _name: &str) -> Option<&'static Builtin> {
        None
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    /// Equal when both have the same members, in any order.
    fn equal(&self, interp: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        let other = native::downcast::<Union>(other)?;
        let mut check = || -> PyResult<bool> {
            for (mine, theirs) in [(&self.args, &other.args), (&other.args, &self.args)] {
                for a in mine {
                    let mut found = false;
                    for b in theirs {
                        if crate::compare::equal(interp, a, b)? {
                            found = true;
                            break;
                        }
                    }
                    if !found {
                        return Ok(false);
                    }
                }
            }
            Ok(true)
        };
        Some(check())
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "__args__" => Some(Value::tuple(self.args.clone())),
            _ => None,
        }
    }

    fn binary(
        &self,
        interp: &mut Interp,
        this: &Value,
        op: pvm_frontend::BinaryOperator,
        other: &Value,
        reflected: bool,
        _inplace: bool,
    ) -> Option<PyResult<Value>> {
        if op != pvm_frontend::BinaryOperator::Or {
            return None;
        }
        if reflected {
            or(interp, other, this)
        } else {
            or(interp, this, other)
        }
    }
}
