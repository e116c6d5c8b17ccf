//! Iterators over the builtin containers and the builtin iterator types
//! (`enumerate`, `zip`, `reversed`).
//!
//! Iterator state lives in `Cell`s, so advancing a `range` or list iterator in
//! a `for` loop borrows nothing. Generators arrive with the language issue.

use crate::exceptions::{runtime_error, type_error, PyResult};
use crate::types::{self, PyType};
use crate::value::{PyDict, PyList, PyStr, PyTuple, Value};
use crate::Interp;
use std::cell::Cell;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictPart {
    Keys,
    Values,
    Items,
}

pub enum PyIterator {
    Range {
        next: Cell<i64>,
        remaining: Cell<i64>,
        step: i64,
    },
    List {
        list: Rc<PyList>,
        index: Cell<usize>,
    },
    Tuple {
        tuple: Rc<PyTuple>,
        index: Cell<usize>,
    },
    Str {
        text: Rc<PyStr>,
        byte: Cell<usize>,
    },
    Dict {
        dict: Rc<PyDict>,
        index: Cell<usize>,
        size: usize,
        part: DictPart,
    },
    Enumerate {
        inner: Value,
        count: Cell<i64>,
    },
    Zip {
        inners: Vec<Value>,
    },
    Reversed {
        items: Vec<Value>,
        index: Cell<usize>,
    },
    Bytes {
        bytes: Rc<crate::bytes::PyBytes>,
        index: Cell<usize>,
    },
    Map {
        function: Value,
        inners: Vec<Value>,
    },
    /// An iterator implemented by a runtime module (`itertools`, ...).
    Native {
        kind: &'static PyType,
        state: std::cell::RefCell<Box<dyn NativeIterator>>,
    },
    Filter {
        function: Value,
        inner: Value,
    },
    Set {
        set: Rc<crate::sets::PySet>,
        position: Cell<usize>,
        size: usize,
    },
}

impl PyIterator {
    pub fn type_of(&self) -> &'static PyType {
        match self {
            PyIterator::Range { .. } => &types::RANGE_ITERATOR,
            PyIterator::List { .. } => &types::LIST_ITERATOR,
            PyIterator::Tuple { .. } => &types::TUPLE_ITERATOR,
            PyIterator::Str { .. } => &types::STR_ITERATOR,
            PyIterator::Dict {
                part: DictPart::Keys,
                ..
            } => &types::DICT_KEY_ITERATOR,
            PyIterator::Dict {
                part: DictPart::Values,
                ..
            } => &types::DICT_VALUE_ITERATOR,
            PyIterator::Dict {
                part: DictPart::Items,
                ..
            } => &types::DICT_ITEM_ITERATOR,
            PyIterator::Enumerate { .. } => &types::ENUMERATE,
            PyIterator::Zip { .. } => &types::ZIP,
            PyIterator::Reversed { .. } => &types::REVERSED,
            PyIterator::Set { .. } => &types::SET_ITERATOR,
            PyIterator::Map { .. } => &types::MAP,
            PyIterator::Native { kind, .. } => kind,
            PyIterator::Bytes { .. } => &types::BYTES_ITERATOR,
            PyIterator::Filter { .. } => &types::FILTER,
        }
    }

    /// Advances the iterator: `Ok(None)` when exhausted.
    #[inline]
    pub fn next(&self, interp: &mut Interp) -> PyResult<Option<Value>> {
        match self.next_simple() {
            Some(next) => Ok(next),
            None => self.next_slow(interp),
        }
    }

    /// Advances a range, list or tuple iterator (which cannot fail or run
    /// Python code): `Some(None)` when exhausted; `None` for the other
    /// iterators, which `next` handles. Compiled code calls this first.
    #[inline(always)]
    pub fn next_simple(&self) -> Option<Option<Value>> {
        Some(match self {
            PyIterator::Range {
                next,
                remaining,
                step,
            } => {
                let left = remaining.get();
                if left <= 0 {
                    return Some(None);
                }
                remaining.set(left - 1);
                let value = next.get();
                next.set(value.wrapping_add(*step));
                Some(Value::Int(value))
            }
            PyIterator::List { list, index } => {
                let i = index.get();
                let item = list.items.borrow().get(i).cloned();
                if item.is_some() {
                    index.set(i + 1);
                } else {
                    index.set(usize::MAX);
                }
                item
            }
            PyIterator::Tuple { tuple, index } => {
                let i = index.get();
                index.set(i + 1);
                tuple.items.get(i).cloned()
            }
            _ => return None,
        })
    }

    /// The iterators that are not inlined into `FOR_ITER`: their code passes
    /// addresses of locals to calls, which would keep the threaded VM's
    /// handler from ending in a tail call.
    #[inline(never)]
    fn next_slow(&self, interp: &mut Interp) -> PyResult<Option<Value>> {
        match self {
            PyIterator::Range { .. } | PyIterator::List { .. } | PyIterator::Tuple { .. } => {
                Ok(self.next_simple().flatten())
            }
            PyIterator::Str { text, byte } => {
                let at = byte.get();
                let Some(c) = text.as_str().get(at..).and_then(|rest| rest.chars().next()) else {
                    return Ok(None);
                };
                byte.set(at + c.len_utf8());
                Ok(Some(Value::str(c.to_string())))
            }
            PyIterator::Dict {
                dict,
                index,
                size,
                part,
            } => {
                let map = dict.map();
                if map.len() != *size {
                    return Err(runtime_error("dictionary changed size during iteration"));
                }
                let i = index.get();
                let Some((k, v)) = map.get_index(i) else {
                    return Ok(None);
                };
                index.set(i + 1);
                Ok(Some(match part {
                    DictPart::Keys => k.0.clone(),
                    DictPart::Values => v.clone(),
                    DictPart::Items => Value::tuple(vec![k.0.clone(), v.clone()]),
                }))
            }
            PyIterator::Enumerate { inner, count } => {
                let Some(item) = next(interp, inner)? else {
                    return Ok(None);
                };
                let n = count.get();
                count.set(n + 1);
                Ok(Some(Value::tuple(vec![Value::Int(n), item])))
            }
            PyIterator::Zip { inners } => {
                if inners.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(inners.len());
                for inner in inners {
                    match next(interp, inner)? {
                        Some(item) => items.push(item),
                        None => return Ok(None),
                    }
                }
                Ok(Some(Value::tuple(items)))
            }
            PyIterator::Bytes { bytes, index } => {
                let i = index.get();
                index.set(i + 1);
                Ok(bytes.data.get(i).map(|b| Value::Int(*b as i64)))
            }
            PyIterator::Native { state, .. } => match state.try_borrow_mut() {
                Ok(mut state) => state.next(interp),
                Err(_) => Err(crate::exceptions::value_error("iterator already executing")),
            },
            PyIterator::Map { function, inners } => {
                let mut args = Vec::with_capacity(inners.len());
                for inner in inners {
                    match next(interp, inner)? {
                        Some(item) => args.push(item),
                        None => return Ok(None),
                    }
                }
                crate::call::call(interp, function, &args, &[]).map(Some)
            }
            PyIterator::Filter { function, inner } => loop {
                let Some(item) = next(interp, inner)? else {
                    return Ok(None);
                };
                let keep = match function {
                    Value::None => crate::special::truthy(interp, &item)?,
                    f => {
                        let verdict =
                            crate::call::call(interp, f, std::slice::from_ref(&item), &[])?;
                        crate::special::truthy(interp, &verdict)?
                    }
                };
                if keep {
                    return Ok(Some(item));
                }
            },
            PyIterator::Set {
                set,
                position,
                size,
            } => {
                let table = set.table.borrow();
                if table.len() != *size {
                    return Err(runtime_error("Set changed size during iteration"));
                }
                match table.member_from(position.get()) {
                    Some((next, item)) => {
                        position.set(next);
                        Ok(Some(item))
                    }
                    None => Ok(None),
                }
            }
            PyIterator::Reversed { items, index } => {
                let i = index.get();
                if i == 0 {
                    return Ok(None);
                }
                index.set(i - 1);
                Ok(items.get(i - 1).cloned())
            }
        }
    }
}

/// `FOR_ITER`: stores the next item of the iterator in `iterator` into
/// `item` and answers `true`, or, once it is exhausted, releases the
/// iterator (leaving `None` in its slot) and answers `false`.
#[inline(never)]
pub fn for_iter(interp: &mut Interp, iterator: &mut Value, item: &mut Value) -> PyResult<bool> {
    let next = match &*iterator {
        Value::Iterator(it) => it.next(interp)?,
        other => next(interp, other)?,
    };
    match next {
        Some(value) => {
            *item = value;
            Ok(true)
        }
        None => {
            *iterator = Value::None;
            Ok(false)
        }
    }
}

/// The state of an iterator implemented in Rust by a runtime module.
pub trait NativeIterator {
    /// The next item, `None` when exhausted.
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>>;
}

/// A `Value` for a native iterator of type `kind`.
pub fn native(kind: &'static PyType, state: impl NativeIterator + 'static) -> Value {
    iterator(PyIterator::Native {
        kind,
        state: std::cell::RefCell::new(Box::new(state)),
    })
}

fn iterator(state: PyIterator) -> Value {
    Value::Iterator(Rc::new(state))
}

/// `iter(value)`.
pub fn get_iter(interp: &mut Interp, value: &Value) -> PyResult<Value> {
    Ok(match value {
        Value::Iterator(_) | Value::Generator(_) => value.clone(),
        Value::Native(n) => match n.0.iter(interp) {
            Some(result) => return result,
            None => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    value.type_name()
                )))
            }
        },
        Value::Bytes(b) => iterator(PyIterator::Bytes {
            bytes: b.clone(),
            index: Cell::new(0),
        }),
        Value::Set(s) => iterator(PyIterator::Set {
            set: s.clone(),
            position: Cell::new(0),
            size: s.table.borrow().len(),
        }),
        _ if crate::special::is_user(value) => return crate::special::iter(interp, value),
        Value::Range(r) => iterator(PyIterator::Range {
            next: Cell::new(r.start),
            remaining: Cell::new(r.len()),
            step: r.step,
        }),
        Value::List(l) => iterator(PyIterator::List {
            list: l.clone(),
            index: Cell::new(0),
        }),
        Value::Tuple(t) => iterator(PyIterator::Tuple {
            tuple: t.clone(),
            index: Cell::new(0),
        }),
        Value::Str(s) => iterator(PyIterator::Str {
            text: s.clone(),
            byte: Cell::new(0),
        }),
        Value::Dict(d) => dict_iter(d, DictPart::Keys),
        Value::DictView(v) => dict_iter(&v.dict, v.part),
        _ => {
            return Err(type_error(format!(
                "'{}' object is not iterable",
                value.type_name()
            )))
        }
    })
}

pub fn dict_iter(dict: &Rc<PyDict>, part: DictPart) -> Value {
    let size = dict.map().len();
    iterator(PyIterator::Dict {
        dict: dict.clone(),
        index: Cell::new(0),
        size,
        part,
    })
}

/// `next(iterator)` on a value known to be an iterator (or iterable).
pub fn next(interp: &mut Interp, value: &Value) -> PyResult<Option<Value>> {
    // Builtins loop over iterators here: the time limit and Ctrl-C stop them.
    interp.check_interrupt()?;
    match value {
        Value::Iterator(it) => it.next(interp),
        Value::Generator(g) => crate::generators::next(interp, g),
        other if crate::special::is_user(other) => crate::special::next(interp, other),
        other => Err(type_error(format!(
            "'{}' object is not an iterator",
            other.type_name()
        ))),
    }
}

/// Collects any iterable into a vector.
pub fn collect(interp: &mut Interp, value: &Value) -> PyResult<Vec<Value>> {
    match value {
        Value::List(l) => return Ok(l.items.borrow().clone()),
        Value::Tuple(t) => return Ok(t.items.to_vec()),
        _ => {}
    }
    let it = get_iter(interp, value)?;
    let mut items = Vec::new();
    while let Some(item) = next(interp, &it)? {
        crate::memory::push(&mut items, item)?;
    }
    Ok(items)
}

/// Runs `body` on the items of any iterable: a list's or tuple's own items
/// in place (so `body` must not run Python code, which could change the
/// list), anything else collected first.
pub fn with_items<T>(
    interp: &mut Interp,
    value: &Value,
    body: impl FnOnce(&[Value]) -> PyResult<T>,
) -> PyResult<T> {
    match value {
        Value::List(l) => body(&l.items.borrow()),
        Value::Tuple(t) => body(&t.items),
        _ => body(&collect(interp, value)?),
    }
}

pub fn enumerate(interp: &mut Interp, iterable: &Value, start: i64) -> PyResult<Value> {
    Ok(iterator(PyIterator::Enumerate {
        inner: get_iter(interp, iterable)?,
        count: Cell::new(start),
    }))
}

pub fn zip(interp: &mut Interp, iterables: &[Value]) -> PyResult<Value> {
    let inners = iterables
        .iter()
        .map(|i| get_iter(interp, i))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(iterator(PyIterator::Zip { inners }))
}

/// `map(function, *iterables)`.
pub fn map(interp: &mut Interp, args: &[Value]) -> PyResult<Value> {
    let [function, iterables @ ..] = args else {
        return Err(type_error("map() must have at least two arguments."));
    };
    if iterables.is_empty() {
        return Err(type_error("map() must have at least two arguments."));
    }
    let inners = iterables
        .iter()
        .map(|i| get_iter(interp, i))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(iterator(PyIterator::Map {
        function: function.clone(),
        inners,
    }))
}

/// `filter(function, iterable)`.
pub fn filter(interp: &mut Interp, args: &[Value]) -> PyResult<Value> {
    let [function, iterable] = args else {
        return Err(type_error(format!(
            "filter expected 2 arguments, got {}",
            args.len()
        )));
    };
    Ok(iterator(PyIterator::Filter {
        function: function.clone(),
        inner: get_iter(interp, iterable)?,
    }))
}

pub fn reversed(interp: &mut Interp, sequence: &Value) -> PyResult<Value> {
    let items = match sequence {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) => {
            collect(interp, sequence)?
        }
        Value::Dict(d) => d.map().keys().map(|k| k.0.clone()).collect(),
        Value::DictView(_) => collect(interp, sequence)?,
        other => {
            return Err(type_error(format!(
                "'{}' object is not reversible",
                other.type_name()
            )))
        }
    };
    let index = Cell::new(items.len());
    Ok(iterator(PyIterator::Reversed { items, index }))
}
