//! `itertools.tee` and `itertools.filterfalse`, next to the rest of
//! `itertools` (`itertools.rs`).
//!
//! The iterators of one `tee` share a buffer of the items some of them
//! have not reached yet; an item is dropped once every live iterator has
//! passed it. Not offered: copying a tee iterator (`copy.copy`, `__copy__`)
//! and the `_tee_dataobject` type.

use crate::call::{call, Args};
use crate::exceptions::{value_error, PyResult};
use crate::iter::{get_iter, native, next, NativeIterator};
use crate::types::{PyType, TypeKind, OBJECT};
use crate::value::{PyStr, Value};
use crate::Interp;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

static TEE: PyType = PyType {
    name: "_tee",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

static FILTERFALSE: PyType = PyType {
    name: "filterfalse",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

struct Shared {
    source: Value,
    /// Items from position `offset` on.
    items: VecDeque<Value>,
    offset: usize,
    /// Each iterator's next position (`usize::MAX` once it is dropped).
    positions: Vec<usize>,
}

impl Shared {
    /// Drops the items every live iterator has passed.
    fn trim(&mut self) {
        let lowest = self.positions.iter().copied().min().unwrap_or(usize::MAX);
        while self.offset < lowest && !self.items.is_empty() {
            self.items.pop_front();
            self.offset += 1;
        }
    }
}

struct Tee {
    shared: Rc<RefCell<Shared>>,
    id: usize,
}

impl NativeIterator for Tee {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        let (position, buffered, source) = {
            let shared = self.shared.borrow();
            let position = shared.positions[self.id];
            let buffered = shared.items.get(position - shared.offset).cloned();
            (position, buffered, shared.source.clone())
        };
        let item = match buffered {
            Some(item) => item,
            None => match next(interp, &source)? {
                Some(item) => {
                    self.shared.borrow_mut().items.push_back(item.clone());
                    item
                }
                None => return Ok(None),
            },
        };
        let mut shared = self.shared.borrow_mut();
        shared.positions[self.id] = position + 1;
        shared.trim();
        Ok(Some(item))
    }
}

impl Drop for Tee {
    fn drop(&mut self) {
        if let Ok(mut shared) = self.shared.try_borrow_mut() {
            shared.positions[self.id] = usize::MAX;
            shared.trim();
        }
    }
}

/// `tee(iterable, n=2)`: a tuple of `n` independent iterators.
pub fn tee(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let a = Args::new("tee", args, kwnames);
    a.finish()?;
    a.arity(1, 2)?;
    let n = match a.positional.get(1) {
        None => 2,
        Some(Value::Int(n)) if *n >= 0 => *n as usize,
        Some(Value::Int(_)) => return Err(value_error("n must be >= 0")),
        Some(other) => {
            return Err(crate::exceptions::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let source = get_iter(interp, &a.positional[0])?;
    let shared = Rc::new(RefCell::new(Shared {
        source,
        items: VecDeque::new(),
        offset: 0,
        positions: vec![0; n],
    }));
    Ok(Value::tuple(
        (0..n)
            .map(|id| {
                native(
                    &TEE,
                    Tee {
                        shared: shared.clone(),
                        id,
                    },
                )
            })
            .collect(),
    ))
}

struct FilterFalse {
    predicate: Value,
    source: Value,
}

impl NativeIterator for FilterFalse {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        loop {
            let Some(item) = next(interp, &self.source)? else {
                return Ok(None);
            };
            let verdict = match &self.predicate {
                Value::None => item.clone(),
                predicate => call(interp, predicate, std::slice::from_ref(&item), &[])?,
            };
            if !crate::special::truthy(interp, &verdict)? {
                return Ok(Some(item));
            }
        }
    }
}

/// `filterfalse(predicate, iterable)`: the items the predicate rejects.
pub fn filterfalse(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let a = Args::new("filterfalse", args, kwnames);
    a.finish()?;
    a.arity(2, 2)?;
    let source = get_iter(interp, &args[1])?;
    Ok(native(
        &FILTERFALSE,
        FilterFalse {
            predicate: args[0].clone(),
            source,
        },
    ))
}
