//! Special methods of user-defined classes, as the operators and builtins
//! use them: arithmetic with reflected operands and `NotImplemented`, rich
//! comparisons, truth value, `len`, `hash`, containers, iteration, `str`
//! and `repr`, and the context-manager protocol of `with`.
//!
//! Special methods are looked up on the class only (`user_lookup`), never
//! through the attribute protocol of `attributes/`. Each function here is
//! reached only from the slow path of an operation, after the builtin types
//! have been ruled out; it does not define what the operators mean for
//! builtin values.

use crate::attributes::{bind, user_lookup};
use crate::call;
use crate::exceptions::{type_error, PyResult};
use crate::subclass::part;
use crate::value::{BoundMethod, Value};
use crate::Interp;
use pvm_frontend::{BinaryOperator as Op, CompareOperator as Cmp};
use std::rc::Rc;

/// Whether a value's class is user-defined (so operators consult its
/// special methods).
#[inline]
pub fn is_user(value: &Value) -> bool {
    match value {
        Value::Instance(_) => true,
        Value::Exception(e) => e.kind.is_user_class(),
        Value::Type(t) => t.has_user_metaclass(),
        _ => false,
    }
}

// ----- calling special methods ------------------------------------------

/// Calls the special method `name` of `value`'s class, if a user class
/// defines it: `Ok(None)` when it does not.
pub fn call_special(
    interp: &mut Interp,
    value: &Value,
    name: &str,
    args: &[Value],
) -> PyResult<Option<Value>> {
    let class = value.type_of();
    let Some(method) = user_lookup(class, name) else {
        return Ok(None);
    };
    let result = match method {
        Value::Function(_) => {
            call::with_first(value, args, |full| call::call(interp, &method, full, &[]))?
        }
        Value::None => {
            return Err(type_error(format!(
                "'{}' object is not callable",
                class.name
            )))
        }
        other => {
            let bound = bind(other, value, class);
            call::call(interp, &bound, args, &[])?
        }
    };
    Ok(Some(result))
}

/// `str(value)` through a user-defined `__str__`, if its class has one.
pub fn user_str(interp: &mut Interp, value: &Value) -> PyResult<Option<String>> {
    text_special(interp, value, "__str__")
}

/// `repr(value)` through a user-defined `__repr__`, if its class has one.
pub fn user_repr(interp: &mut Interp, value: &Value) -> PyResult<Option<String>> {
    text_special(interp, value, "__repr__")
}

fn text_special(interp: &mut Interp, value: &Value, name: &str) -> PyResult<Option<String>> {
    let class = value.type_of();
    let Some(method) = user_lookup(class, name) else {
        return Ok(None);
    };
    let method = bind(method, value, class);
    match call::call(interp, &method, &[], &[])? {
        Value::Str(s) => Ok(Some(s.as_str().to_string())),
        other => Err(type_error(format!(
            "{name} returned non-string (type {})",
            other.type_name()
        ))),
    }
}

// ----- operators --------------------------------------------------------

fn names(op: Op) -> (&'static str, &'static str, &'static str) {
    match op {
        Op::Add => ("__add__", "__radd__", "__iadd__"),
        Op::And => ("__and__", "__rand__", "__iand__"),
        Op::FloorDivide => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        Op::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        Op::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        Op::Multiply => ("__mul__", "__rmul__", "__imul__"),
        Op::Remainder => ("__mod__", "__rmod__", "__imod__"),
        Op::Or => ("__or__", "__ror__", "__ior__"),
        Op::Power => ("__pow__", "__rpow__", "__ipow__"),
        Op::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        Op::Subtract => ("__sub__", "__rsub__", "__isub__"),
        Op::TrueDivide => ("__truediv__", "__rtruediv__", "__itruediv__"),
        Op::Xor => ("__xor__", "__rxor__", "__ixor__"),
    }
}

fn implemented(result: Option<Value>) -> Option<Value> {
    result.filter(|v| !matches!(v, Value::NotImplemented))
}

/// `a <op> b` through `__op__`, `__rop__` (and `__iop__` when in place):
/// `Ok(None)` when neither operand's class supports it.
pub fn binary(
    interp: &mut Interp,
    op: Op,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> PyResult<Option<Value>> {
    let (forward, reflected, in_place) = names(op);
    if inplace {
        if let Some(v) = implemented(call_special(interp, a, in_place, std::slice::from_ref(b))?) {
            return Ok(Some(v));
        }
    }
    let same_type = std::ptr::eq(a.type_of(), b.type_of());
    // A subclass's reflected method goes first, as in CPython.
    let subclass_first = !same_type
        && b.type_of().is_subtype(a.type_of())
        && user_lookup(b.type_of(), reflected).is_some();
    if subclass_first {
        if let Some(v) = implemented(call_special(interp, b, reflected, std::slice::from_ref(a))?) {
            return Ok(Some(v));
        }
    }
    if let Some(v) = implemented(call_special(interp, a, forward, std::slice::from_ref(b))?) {
        return Ok(Some(v));
    }
    if !same_type && !subclass_first {
        if let Some(v) = implemented(call_special(interp, b, reflected, std::slice::from_ref(a))?) {
            return Ok(Some(v));
        }
    }
    inherited_binary(interp, op, inplace, a, b)
}

/// `a <op> b` by the `list` or `dict` an operand extends, when its class
/// does not define the operator. In place, the extended object changes and
/// the subclass instance is the result, as with `list.__iadd__`.
fn inherited_binary(
    interp: &mut Interp,
    op: Op,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> PyResult<Option<Value>> {
    let (x, y) = (part(a), part(b));
    if x.is_none() && y.is_none() {
        return Ok(None);
    }
    let (x, y) = (x.unwrap_or(a), y.unwrap_or(b));
    if is_user(x) || is_user(y) {
        return Ok(None);
    }
    let result = crate::ops::binary_op(interp, op, inplace, x, y)?;
    if inplace && part(a).is_some() && result.is(x) {
        return Ok(Some(a.clone()));
    }
    Ok(Some(result))
}

fn compare_names(op: Cmp) -> (&'static str, &'static str) {
    match op {
        Cmp::Lt => ("__lt__", "__gt__"),
        Cmp::Le => ("__le__", "__ge__"),
        Cmp::Eq => ("__eq__", "__eq__"),
        Cmp::Ne => ("__ne__", "__ne__"),
        Cmp::Gt => ("__gt__", "__lt__"),
        Cmp::Ge => ("__ge__", "__le__"),
    }
}

/// The rich comparison `a <op> b` when either operand has a user class; the
/// result is whatever the special method returned.
pub fn compare(interp: &mut Interp, op: Cmp, a: &Value, b: &Value) -> PyResult<Value> {
    let (forward, reflected) = compare_names(op);
    let subclass_first = !std::ptr::eq(a.type_of(), b.type_of())
        && b.type_of().is_subtype(a.type_of())
        && is_user(b);
    let order: [(&Value, &str, &Value); 2] = if subclass_first {
        [(b, reflected, a), (a, forward, b)]
    } else {
        [(a, forward, b), (b, reflected, a)]
    };
    for (receiver, name, other) in order {
        if is_user(receiver) {
            if let Some(v) = implemented(call_special(
                interp,
                receiver,
                name,
                std::slice::from_ref(other),
            )?) {
                return Ok(v);
            }
        }
    }
    if part(a).is_some() || part(b).is_some() {
        let (x, y) = (part(a).unwrap_or(a), part(b).unwrap_or(b));
        if !is_user(x) && !is_user(y) {
            return crate::compare::compare(interp, op, x, y).map(Value::Bool);
        }
    }
    match op {
        Cmp::Eq => Ok(Value::Bool(a.is(b))),
        Cmp::Ne => {
            // The default `__ne__` inverts `__eq__`.
            if is_user(a) && user_lookup(a.type_of(), "__eq__").is_some() {
                let eq = compare(interp, Cmp::Eq, a, b)?;
                return Ok(Value::Bool(!truthy(interp, &eq)?));
            }
            Ok(Value::Bool(!a.is(b)))
        }
        _ => Err(type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        ))),
    }
}

/// `bool(value)` for any value.
#[inline]
pub fn truthy(interp: &mut Interp, value: &Value) -> PyResult<bool> {
    if is_user(value) {
        return user_truthy(interp, value);
    }
    Ok(value.truthy())
}

#[cold]
fn user_truthy(interp: &mut Interp, value: &Value) -> PyResult<bool> {
    if let Some(result) = call_special(interp, value, "__bool__", &[])? {
        return match result {
            Value::Bool(b) => Ok(b),
            other => Err(type_error(format!(
                "__bool__ should return bool, returned {}",
                other.type_name()
            ))),
        };
    }
    if user_lookup(value.type_of(), "__len__").is_none() {
        if let Some(base) = hashable_part(value) {
            return Ok(base.truthy());
        }
    }
    match len(interp, value)? {
        Some(n) => Ok(n != 0),
        None => Ok(true),
    }
}

/// `len(value)` through `__len__`: `Ok(None)` when the class has none.
pub fn len(interp: &mut Interp, value: &Value) -> PyResult<Option<usize>> {
    let Some(result) = call_special(interp, value, "__len__", &[])? else {
        return match part(value) {
            Some(base) => crate::builtins::length(base).map(Some),
            None => Ok(None),
        };
    };
    match result {
        Value::Int(n) if n >= 0 => Ok(Some(n as usize)),
        Value::Int(_) => Err(crate::exceptions::value_error(
            "__len__() should return >= 0",
        )),
        Value::Bool(b) => Ok(Some(b as usize)),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// `hash(value)` for a user-defined class.
pub fn hash(interp: &mut Interp, value: &Value) -> PyResult<i64> {
    let class = value.type_of();
    if part(value).is_some() && user_lookup(class, "__hash__").is_none() {
        if let Some(base) = hashable_part(value) {
            if user_lookup(class, "__eq__").is_none() {
                return crate::hash::hash(base);
            }
        }
        return Err(unhashable(value));
    }
    match user_lookup(class, "__hash__") {
        Some(Value::None) => Err(unhashable(value)),
        Some(_) => match call_special(interp, value, "__hash__", &[])? {
            Some(Value::Int(h)) => Ok(if h == -1 { -2 } else { h }),
            Some(Value::Bool(b)) => Ok(b as i64),
            _ => Err(type_error("__hash__ method should return an integer")),
        },
        None if user_lookup(class, "__eq__").is_some() => Err(unhashable(value)),
        None => Ok(crate::object::identity_hash(value)),
    }
}

/// The hash of a user object used as a dict key or set member, without
/// running Python code: a `__hash__` written in Python has been run and its
/// result cached by `hash::prepare` first.
pub fn key_hash(value: &Value) -> PyResult<i64> {
    let class = value.type_of();
    if crate::modules::collections::is_namedtuple(class) {
        return crate::hash::hash(&Value::tuple(crate::modules::collections::values_of(value)));
    }
    match (user_lookup(class, "__hash__"), user_lookup(class, "__eq__")) {
        (Some(Value::None), _) | (None, Some(_)) => Err(unhashable(value)),
        (None, None) if hashable_part(value).is_some() => {
            crate::hash::hash(hashable_part(value).unwrap_or(value))
        }
        (None, None) if part(value).is_some() => Err(unhashable(value)),
        (None, None) => Ok(crate::object::identity_hash(value)),
        _ => match value {
            Value::Instance(i) if i.hash.get() != -1 => Ok(i.hash.get()),
            _ => Err(crate::exceptions::unsupported(
                "some uses as keys of objects whose class defines __hash__",
            )),
        },
    }
}

/// Whether instances of `class` hash by a `__hash__` written in Python
/// (and so compare as keys by their `__eq__`).
pub fn python_hashed(class: &'static crate::types::PyType) -> bool {
    matches!(user_lookup(class, "__hash__"), Some(h) if !matches!(h, Value::None))
}

/// The `int`, `str`, `float` or `tuple` a user instance extends (which
/// hashes as itself).
fn hashable_part(value: &Value) -> Option<&Value> {
    part(value).filter(|base| !matches!(base, Value::List(_) | Value::Dict(_)))
}

fn unhashable(value: &Value) -> crate::PyErr {
    type_error(format!("unhashable type: '{}'", value.type_name()))
}

/// `item in container` through `__contains__`, else by iterating.
pub fn contains(interp: &mut Interp, container: &Value, item: &Value) -> PyResult<bool> {
    if let Some(result) = call_special(
        interp,
        container,
        "__contains__",
        std::slice::from_ref(item),
    )? {
        return truthy(interp, &result);
    }
    if let Some(base) = part(container) {
        if user_lookup(container.type_of(), "__iter__").is_none() {
            return crate::ops::contains(interp, base, item);
        }
    }
    if user_lookup(container.type_of(), "__iter__").is_none()
        && user_lookup(container.type_of(), "__getitem__").is_none()
    {
        return Err(type_error(format!(
            "argument of type '{}' is not iterable",
            container.type_name()
        )));
    }
    let iterator = crate::iter::get_iter(interp, container)?;
    while let Some(x) = crate::iter::next(interp, &iterator)? {
        if x.is(item) || crate::compare::equal(interp, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `container[key]`, `container[key] = value`, `del container[key]`.
pub fn get_item(interp: &mut Interp, container: &Value, key: &Value) -> PyResult<Value> {
    match call_special(interp, container, "__getitem__", std::slice::from_ref(key))? {
        Some(v) => Ok(v),
        None if part(container).is_some() => inherited_get_item(interp, container, key),
        None => Err(type_error(format!(
            "'{}' object is not subscriptable",
            container.type_name()
        ))),
    }
}

/// `container[key]` by the `list` or `dict` the container extends; a dict
/// subclass's `__missing__` answers for absent keys.
fn inherited_get_item(interp: &mut Interp, container: &Value, key: &Value) -> PyResult<Value> {
    let base = part(container).unwrap_or(container);
    match crate::subscript::get_item(interp, base, key) {
        Err(e) if e.is(&crate::types::KEY_ERROR) && matches!(base, Value::Dict(_)) => {
            match call_special(interp, container, "__missing__", std::slice::from_ref(key))? {
                Some(v) => Ok(v),
                None => Err(e),
            }
        }
        other => other,
    }
}

pub fn set_item(interp: &mut Interp, container: &Value, key: &Value, value: Value) -> PyResult<()> {
    if let Some(base) = part(container) {
        if user_lookup(container.type_of(), "__setitem__").is_none() {
            return crate::subscript::set_item(interp, base, key, value);
        }
    }
    match call_special(interp, container, "__setitem__", &[key.clone(), value])? {
        Some(_) => Ok(()),
        None => Err(type_error(format!(
            "'{}' object does not support item assignment",
            container.type_name()
        ))),
    }
}

pub fn del_item(interp: &mut Interp, container: &Value, key: &Value) -> PyResult<()> {
    match call_special(interp, container, "__delitem__", std::slice::from_ref(key))? {
        Some(_) => Ok(()),
        None if part(container).is_some() => {
            crate::subscript::del_item(interp, part(container).unwrap_or(container), key)
        }
        None => Err(type_error(format!(
            "'{}' object does not support item deletion",
            container.type_name()
        ))),
    }
}

/// `iter(value)` for a user object: what `__iter__` returns.
pub fn iter(interp: &mut Interp, value: &Value) -> PyResult<Value> {
    let Some(iterator) = call_special(interp, value, "__iter__", &[])? else {
        if let Some(base) = part(value) {
            return crate::iter::get_iter(interp, base);
        }
        if user_lookup(value.type_of(), "__getitem__").is_some() {
            return Ok(crate::iter::native(
                &crate::types::SEQUENCE_ITERATOR,
                SequenceIterator {
                    object: value.clone(),
                    index: 0,
                },
            ));
        }
        return Err(type_error(format!(
            "'{}' object is not iterable",
            value.type_name()
        )));
    };
    let is_iterator = match &iterator {
        Value::Iterator(_) | Value::Generator(_) => true,
        other if is_user(other) => user_lookup(other.type_of(), "__next__").is_some(),
        _ => false,
    };
    if !is_iterator {
        return Err(type_error(format!(
            "iter() returned non-iterator of type '{}'",
            iterator.type_name()
        )));
    }
    Ok(iterator)
}

/// Iteration over an object that has `__getitem__` and no `__iter__`:
/// `object[0]`, `object[1]`, ... until `IndexError` or `StopIteration`.
struct SequenceIterator {
    object: Value,
    index: i64,
}

impl crate::iter::NativeIterator for SequenceIterator {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        if matches!(self.object, Value::None) {
            return Ok(None);
        }
        match get_item(interp, &self.object, &Value::Int(self.index)) {
            Ok(item) => {
                self.index += 1;
                Ok(Some(item))
            }
            Err(e) if e.is(&crate::types::INDEX_ERROR) || e.is(&crate::types::STOP_ITERATION) => {
                self.object = Value::None;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// `next(value)` for a user iterator: `Ok(None)` once `__next__` raises
/// `StopIteration`.
pub fn next(interp: &mut Interp, value: &Value) -> PyResult<Option<Value>> {
    match call_special(interp, value, "__next__", &[]) {
        Ok(Some(v)) => Ok(Some(v)),
        Ok(None) => Err(type_error(format!(
            "'{}' object is not an iterator",
            value.type_name()
        ))),
        Err(e) if e.is(&crate::types::STOP_ITERATION) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Unary `-x`, `+x`, `~x`, `abs(x)` through `__neg__` and friends.
pub fn unary(interp: &mut Interp, value: &Value, name: &str, symbol: &str) -> PyResult<Value> {
    match call_special(interp, value, name, &[])? {
        Some(v) => Ok(v),
        // The int or float a subclass's instance extends.
        None if matches!(
            part(value),
            Some(Value::Int(_) | Value::BigInt(_) | Value::Float(_))
        ) =>
        {
            let base = part(value).cloned().unwrap_or_default();
            match name {
                "__neg__" => crate::ops::negative(interp, &base),
                "__pos__" => crate::ops::positive(interp, &base),
                "__invert__" => crate::ops::invert(interp, &base),
                _ => match &base {
                    Value::Float(f) => Ok(Value::Float(f.abs())),
                    Value::Int(i) => Ok(i.checked_abs().map_or_else(
                        || {
                            Value::from_bigint(num_traits::Signed::abs(&num_bigint::BigInt::from(
                                *i,
                            )))
                        },
                        Value::Int,
                    )),
                    Value::BigInt(b) => Ok(Value::from_bigint(num_traits::Signed::abs(&**b))),
                    _ => Ok(base.clone()),
                },
            }
        }
        None => Err(type_error(format!(
            "bad operand type for {symbol}: '{}'",
            value.type_name()
        ))),
    }
}

// ----- context managers ---------------------------------------------------

/// `BEFORE_WITH`: the manager's bound `__exit__` and what `__enter__` returned.
pub fn enter_context(interp: &mut Interp, manager: &Value) -> PyResult<(Value, Value)> {
    if let Value::Native(n) = manager {
        if let (Some(enter), Some(exit)) = (n.0.method("__enter__"), n.0.method("__exit__")) {
            let bound = |method| {
                Value::Method(Rc::new(BoundMethod {
                    receiver: manager.clone(),
                    method,
                }))
            };
            let entered = call::call(interp, &bound(enter), &[], &[])?;
            return Ok((bound(exit), entered));
        }
    }
    let class = manager.type_of();
    let (Some(enter), Some(exit)) = (
        user_lookup(class, "__enter__"),
        user_lookup(class, "__exit__"),
    ) else {
        let missing = if user_lookup(class, "__enter__").is_none() {
            ""
        } else {
            " (missed __exit__ method)"
        };
        return Err(type_error(format!(
            "'{}' object does not support the context manager protocol{missing}",
            class.name
        )));
    };
    let exit = bind(exit, manager, class);
    let enter = bind(enter, manager, class);
    let entered = call::call(interp, &enter, &[], &[])?;
    Ok((exit, entered))
}

/// `WITH_EXCEPT_START`: `__exit__(type(exception), exception, None)`,
/// its result written to `slot`. Returning only the error keeps the
/// threaded VM's handler free of a result temporary, so it still tail-calls.
#[inline(never)]
pub fn exit_context_in_place(
    interp: &mut Interp,
    exit: &Value,
    exception: &Value,
    slot: &mut Value,
) -> PyResult<()> {
    let kind = Value::Type(exception.type_of());
    let result = call::call(interp, exit, &[kind, exception.clone(), Value::None], &[])?;
    std::mem::replace(slot, result).discard();
    Ok(())
}
