//! The out-of-line work of the opcode bodies in `mod.rs`: decoding
//! operator arguments, building functions and slices, raising and matching
//! exceptions, cells, the list, dict and unpacking steps of displays and
//! calls, and the errors of unbound names and corrupt bytecode. Bodies reach
//! these as `$crate::handlers::NAME`; nothing here dispatches.

use crate::exceptions::{name_error, runtime_error, unbound_local_error, PyResult};
use crate::value::{PyDict, PySlice, PyStr, Value};
use crate::{PyErr, RtCode};
use pvm_frontend::{BinaryOperator, CompareOperator};
use std::rc::Rc;

#[inline(always)]
pub fn binary_operator(arg: u32) -> Option<(BinaryOperator, bool)> {
    BinaryOperator::decode(arg)
}

#[inline(always)]
pub fn compare_operator(arg: u32) -> Option<CompareOperator> {
    CompareOperator::decode(arg)
}

pub fn slice(start: Value, stop: Value, step: Value) -> Value {
    Value::Slice(Rc::new(PySlice { start, stop, step }))
}

/// `MAKE_FUNCTION` from its operands, oldest first: the defaults tuple
/// (when `flags & 1`), the keyword defaults dict (when `flags & 2`), the
/// closure tuple (when `flags & 8`), the code.
pub fn make_function(globals: &Rc<PyDict>, flags: u32, parts: &[Value]) -> PyResult<Value> {
    let mut parts = parts.iter();
    let defaults = if flags & 1 != 0 { parts.next() } else { None };
    let kwdefaults = if flags & 2 != 0 { parts.next() } else { None };
    let closure = if flags & 8 != 0 { parts.next() } else { None };
    match parts.next() {
        Some(Value::Code(code)) => Ok(crate::call::make_function(
            code.clone(),
            globals.clone(),
            defaults,
            kwdefaults,
            closure,
        )),
        _ => Err(corrupt("MAKE_FUNCTION", flags)),
    }
}

/// `raise value` / `raise value from cause`: an exception instance, or a
/// class to instantiate with no arguments.
#[cold]
pub fn raise_value(interp: &mut crate::Interp, value: &Value, cause: Option<&Value>) -> PyErr {
    let exception = match instantiate(interp, value) {
        Ok(exception) => exception,
        Err(error) => return error,
    };
    if let Some(cause) = cause {
        let cause = match cause {
            Value::None => Value::None,
            other => match instantiate(interp, other) {
                Ok(exception) => Value::Exception(exception),
                Err(_) => {
                    return crate::exceptions::type_error(
                        "exception causes must derive from BaseException",
                    );
                }
            },
        };
        *exception.cause.borrow_mut() = cause;
        exception.suppress_context.set(true);
    }
    PyErr::from_exception(exception)
}

fn instantiate(
    interp: &mut crate::Interp,
    value: &Value,
) -> PyResult<Rc<crate::exceptions::PyException>> {
    match value {
        Value::Exception(exception) => Ok(exception.clone()),
        Value::Type(t) if t.is_subtype(&crate::types::BASE_EXCEPTION) => {
            match crate::construct::call_type(interp, t, &[], &[])? {
                Value::Exception(exception) => Ok(exception),
                _ => Err(crate::exceptions::type_error(
                    "exceptions must derive from BaseException",
                )),
            }
        }
        _ => Err(crate::exceptions::type_error(
            "exceptions must derive from BaseException",
        )),
    }
}

/// A bare `raise`.
#[cold]
pub fn reraise_handled(interp: &crate::Interp) -> PyErr {
    match &interp.handled {
        Value::Exception(exception) => PyErr::reraise(exception.clone()),
        _ => runtime_error("No active exception to reraise"),
    }
}

/// `RERAISE`: the exception leaves a handler that did not catch it.
#[cold]
pub fn reraise(value: &Value) -> PyErr {
    match value {
        Value::Exception(exception) => PyErr::reraise(exception.clone()),
        _ => corrupt("RERAISE", 0),
    }
}

/// `except kind:` — whether `exception` is an instance of `kind` (a class
/// or a tuple of classes).
pub fn exception_matches(exception: &Value, kind: &Value) -> PyResult<bool> {
    let of = exception.type_of();
    match kind {
        Value::Type(t) if t.is_subtype(&crate::types::BASE_EXCEPTION) => Ok(of.is_subtype(t)),
        Value::Tuple(kinds) => {
            for kind in kinds.items.iter() {
                if exception_matches(exception, kind)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(crate::exceptions::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}

/// The value in the cell at local slot `slot`, or the error CPython raises
/// for an unassigned one.
#[inline(always)]
pub fn load_cell(code: &RtCode, slot: u32, cell: &Value) -> PyResult<Value> {
    if let Value::Cell(cell) = cell {
        let value = cell.value.borrow();
        if !matches!(*value, Value::Unbound) {
            return Ok(value.clone());
        }
    }
    Err(unassigned_cell(code, slot))
}

#[cold]
fn unassigned_cell(code: &RtCode, slot: u32) -> PyErr {
    let name = code
        .varnames
        .get(slot as usize)
        .map(|n| n.as_str())
        .unwrap_or("?");
    if slot as usize >= code.local_count - code.code.freevars.len() {
        name_error(format!(
            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
        ))
    } else {
        unbound_local_error(format!(
            "cannot access local variable '{name}' where it is not associated with a value"
        ))
    }
}

/// Assigns the cell at a local slot.
#[inline(always)]
pub fn store_cell(cell: &Value, value: Value) {
    if let Value::Cell(cell) = cell {
        let previous = cell.value.replace(value);
        previous.discard();
    }
}

/// `LIST_APPEND`: appends to the comprehension's list.
#[inline(always)]
pub fn list_append(list: &Value, value: Value) -> PyResult<()> {
    match list {
        Value::List(list) => crate::memory::push(&mut list.items.borrow_mut(), value),
        _ => Ok(()),
    }
}

/// `LIST_EXTEND`: `list.extend(iterable)` for displays and calls.
pub fn list_extend(interp: &mut crate::Interp, list: &Value, iterable: &Value) -> PyResult<()> {
    let items = match iterable {
        Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Str(_) | Value::Range(_) => {
            crate::iter::collect(interp, iterable)?
        }
        other => crate::iter::collect(interp, other).map_err(|error| {
            if error.is(&crate::types::TYPE_ERROR) && crate::iter::get_iter(interp, other).is_err()
            {
                crate::exceptions::type_error(format!(
                    "Value after * must be an iterable, not {}",
                    other.type_name()
                ))
            } else {
                error
            }
        })?,
    };
    if let Value::List(list) = list {
        let mut list = list.items.borrow_mut();
        crate::memory::reserve(&mut list, items.len())?;
        list.extend(items);
    }
    Ok(())
}

/// `LIST_TO_TUPLE`.
pub fn list_to_tuple(list: &Value) -> Value {
    match list {
        Value::List(list) => Value::tuple(list.items.borrow().clone()),
        other => other.clone(),
    }
}

/// `DICT_MERGE`: the `**mapping` of a call, refusing keywords given twice.
pub fn dict_merge(dict: &Value, mapping: &Value) -> PyResult<()> {
    let Value::Dict(target) = dict else {
        return Err(corrupt("DICT_MERGE", 0));
    };
    let mapping = crate::subclass::part(mapping).unwrap_or(mapping);
    let Value::Dict(source) = mapping else {
        return Err(crate::exceptions::type_error(format!(
            "argument after ** must be a mapping, not {}",
            mapping.type_name()
        )));
    };
    let entries = source.items();
    for (key, value) in entries {
        if !matches!(key, Value::Str(_)) {
            return Err(crate::exceptions::type_error("keywords must be strings"));
        }
        // Already hashed when it became a key of `source`.
        let key = crate::hash::DictKey(key);
        if target.map().contains_key(&key) {
            let name = key.0.as_str().unwrap_or_default().to_string();
            return Err(crate::exceptions::type_error(format!(
                "got multiple values for keyword argument '{name}'"
            )));
        }
        target.map_mut().insert(key, value);
    }
    Ok(())
}

/// `DICT_UPDATE`: `{**mapping}` in a dict display.
pub fn dict_update(dict: &Value, mapping: &Value) -> PyResult<()> {
    let mapping = crate::subclass::part(mapping).unwrap_or(mapping);
    let (Value::Dict(target), Value::Dict(source)) = (dict, mapping) else {
        return Err(crate::exceptions::type_error(format!(
            "'{}' object is not a mapping",
            mapping.type_name()
        )));
    };
    let entries = source.items();
    let mut map = target.map_mut();
    for (key, value) in entries {
        map.insert(crate::hash::DictKey(key), value);
    }
    Ok(())
}

/// `CALL_FUNCTION_EX`: a call with `*args` and `**kwargs` unpacked. The
/// callee is in `slot` with the arguments tuple (and keywords dict) in the
/// `depth - 1` slots above it; the result replaces the callee.
pub fn call_function_ex(
    interp: &mut crate::Interp,
    slot: *mut Value,
    depth: usize,
) -> PyResult<()> {
    // SAFETY: the handler passes the lowest of `depth` consecutive live
    // stack slots.
    let slots = unsafe { std::slice::from_raw_parts_mut(slot, depth) };
    let result = call_unpacked(interp, &slots[0], &slots[1], slots.get(2))?;
    std::mem::replace(&mut slots[0], result).discard();
    Ok(())
}

fn call_unpacked(
    interp: &mut crate::Interp,
    callee: &Value,
    args: &Value,
    kwargs: Option<&Value>,
) -> PyResult<Value> {
    let mut all: Vec<Value> = match args {
        Value::Tuple(t) => t.items.to_vec(),
        other => crate::iter::collect(interp, other)?,
    };
    let mut names = Vec::new();
    if let Some(Value::Dict(kwargs)) = kwargs {
        for (key, value) in kwargs.map().iter() {
            if let Value::Str(name) = &key.0 {
                names.push(crate::code::intern(name.as_str()));
                all.push(value.clone());
            }
        }
    }
    crate::call::call(interp, callee, &all, &names)
}

/// `MAP_ADD`: stores into the comprehension's dict.
pub fn map_add(
    interp: &mut crate::Interp,
    dict: &Value,
    key: &Value,
    value: &Value,
) -> PyResult<()> {
    if let Value::Dict(dict) = dict {
        let key = crate::hash::dict_key(interp, dict, key.clone())?;
        dict.map_mut().insert(key, value.clone());
    }
    Ok(())
}

/// `del name` for a global or module-level name.
pub fn delete_name(globals: &PyDict, name: &Rc<PyStr>) -> PyResult<()> {
    let removed = globals
        .map_mut()
        .shift_remove(&crate::hash::DictKey::from_str_key(name.clone()));
    match removed {
        Some(_) => Ok(()),
        None => Err(name_error(format!(
            "name '{}' is not defined",
            name.as_str()
        ))),
    }
}

#[cold]
pub fn unbound_local(code: &RtCode, slot: u32) -> PyErr {
    let name = code
        .varnames
        .get(slot as usize)
        .map(|n| n.as_str())
        .unwrap_or("?");
    unbound_local_error(format!(
        "cannot access local variable '{name}' where it is not associated with a value"
    ))
}

/// The error for bytecode that no compiler of ours produces.
#[cold]
pub fn corrupt(opname: &str, arg: u32) -> PyErr {
    runtime_error(format!("corrupt bytecode: {opname} with argument {arg}"))
}
