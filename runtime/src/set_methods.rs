//! The methods of `set` and `frozenset` (`add`, `update`, `union`,
//! `difference_update`, `issubset`, ...), following CPython's
//! `setobject.c`: the in-place updates change the table itself, and an
//! iterable argument is taken in its own order. The table and the
//! operators are `sets.rs`.

use crate::exceptions::{key_error, type_error, PyResult};
use crate::sets::{
    copy, difference, intersection, is_subset, member, new_set, table_from, update, PySet, SetTable,
};
use crate::value::{PyStr, Value};
use crate::Interp;
use std::cell::RefCell;
use std::rc::Rc;

/// `set.difference_update(other)` and `-=`: in place, as CPython does it
/// (a set discards itself by clearing).
fn difference_update(interp: &mut Interp, set: &PySet, other: &Value) -> PyResult<()> {
    match other {
        Value::Set(o) if std::ptr::eq(&**o, set) => set.table.borrow_mut().clear(),
        Value::Set(o) => {
            let o = o.table.borrow();
            set.table.borrow_mut().discard_all(&o);
        }
        other => {
            for item in crate::iter::collect(interp, other)? {
                let (item, hash) = member(interp, &set.table, item)?;
                set.table.borrow_mut().discard(&item, hash);
            }
            set.table.borrow_mut().drop_dummies();
        }
    }
    Ok(())
}

/// `set.symmetric_difference_update(other)` and `^=`: in place.
fn symmetric_difference_update(interp: &mut Interp, set: &PySet, other: &Value) -> PyResult<()> {
    match other {
        Value::Set(o) if std::ptr::eq(&**o, set) => set.table.borrow_mut().clear(),
        Value::Set(o) => {
            let o = o.table.borrow();
            set.table.borrow_mut().toggle_all(&o);
        }
        other => {
            let o = table_from(interp, other)?;
            set.table.borrow_mut().toggle_all(&o);
        }
    }
    Ok(())
}

/// CPython's `set_intersection`: a new table of the members of `table`
/// that `other` holds: for a set, walking the smaller of the two; for any
/// other iterable, in its order.
fn intersection_with(
    interp: &mut Interp,
    table: &RefCell<SetTable>,
    other: &Value,
) -> PyResult<SetTable> {
    if let Value::Set(o) = other {
        return Ok(intersection(&table.borrow(), &o.table.borrow()));
    }
    let mut result = SetTable::default();
    for item in crate::iter::collect(interp, other)? {
        let (item, hash) = member(interp, table, item)?;
        if table.borrow().contains(&item, hash) {
            result.add(item, hash);
        }
    }
    Ok(result)
}

/// `set_update_internal`: a set is merged, anything else added item by
/// item in its order.
fn update_table(interp: &mut Interp, table: &RefCell<SetTable>, other: &Value) -> PyResult<()> {
    if let Value::Set(o) = other {
        let o = o.table.borrow().clone();
        table.borrow_mut().merge(&o);
        return Ok(());
    }
    for item in crate::iter::collect(interp, other)? {
        let (item, hash) = member(interp, table, item)?;
        table.borrow_mut().add(item, hash);
    }
    Ok(())
}

builtin_table!(pub(crate) METHODS {
    "add" => set_add,
    "remove" => set_remove,
    "discard" => set_discard,
    "pop" => set_pop,
    "clear" => set_clear,
    "copy" => set_copy,
    "update" => set_update,
    "union" => set_union,
    "intersection" => set_intersection,
    "difference" => set_difference,
    "symmetric_difference" => set_symmetric_difference,
    "intersection_update" => set_intersection_update,
    "difference_update" => set_difference_update,
    "symmetric_difference_update" => set_symmetric_difference_update,
    "issubset" => set_issubset,
    "issuperset" => set_issuperset,
    "isdisjoint" => set_isdisjoint,
});

builtin_table!(pub(crate) FROZEN_METHODS {
    "copy" => set_copy,
    "union" => set_union,
    "intersection" => set_intersection,
    "difference" => set_difference,
    "symmetric_difference" => set_symmetric_difference,
    "issubset" => set_issubset,
    "issuperset" => set_issuperset,
    "isdisjoint" => set_isdisjoint,
});

const MUTATORS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "clear",
    "update",
    "intersection_update",
    "difference_update",
    "symmetric_difference_update",
];

/// The method `name` of a set (frozensets lack the mutating ones).
pub fn method(set: &PySet, name: &str) -> Option<&'static crate::value::Builtin> {
    if set.frozen && MUTATORS.contains(&name) {
        return None;
    }
    METHODS.iter().find(|m| m.name == name)
}

type Args<'a> = &'a [Value];

fn this<'a>(args: Args<'a>, name: &str) -> PyResult<&'a Rc<PySet>> {
    match args.first() {
        Some(Value::Set(s)) => Ok(s),
        _ => Err(type_error(format!(
            "descriptor '{name}' requires a 'set' object"
        ))),
    }
}

fn one<'a>(
    args: Args<'a>,
    name: &str,
    kwnames: &[Rc<PyStr>],
) -> PyResult<(&'a Rc<PySet>, &'a Value)> {
    crate::call::no_keywords(name, kwnames)?;
    let set = this(args, name)?;
    match args {
        [_, item] => Ok((set, item)),
        _ => Err(type_error(format!(
            "set.{name}() takes exactly one argument ({} given)",
            args.len() - 1
        ))),
    }
}

fn set_add(interp: &mut Interp, args: Args, kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let (set, item) = one(args, "add", kwnames)?;
    let (item, hash) = member(interp, &set.table, item.clone())?;
    set.table.borrow_mut().add(item, hash);
    Ok(Value::None)
}

fn set_remove(interp: &mut Interp, args: Args, kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let (set, item) = one(args, "remove", kwnames)?;
    let (member, hash) = member(interp, &set.table, item.clone())?;
    if !set.table.borrow_mut().discard(&member, hash) {
        return Err(key_error(item.clone()));
    }
    Ok(Value::None)
}

fn set_discard(interp: &mut Interp, args: Args, kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let (set, item) = one(args, "discard", kwnames)?;
    let (item, hash) = member(interp, &set.table, item.clone())?;
    set.table.borrow_mut().discard(&item, hash);
    Ok(Value::None)
}

fn set_pop(_: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    let set = this(args, "pop")?;
    let popped = set.table.borrow_mut().pop();
    popped.ok_or_else(|| key_error(Value::str("pop from an empty set")))
}

fn set_clear(_: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    let set = this(args, "clear")?;
    let old = std::mem::take(&mut *set.table.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn set_copy(_: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    let set = this(args, "copy")?;
    if set.frozen {
        // An immutable set is its own copy, as in CPython.
        return Ok(Value::Set(set.clone()));
    }
    let mut table = SetTable::default();
    table.merge(&set.table.borrow());
    Ok(new_set(set.frozen, table))
}

fn set_update(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args, "update")?;
    for other in &args[1..] {
        update(interp, &args[0], other)?;
    }
    Ok(Value::None)
}

/// A copy of the receiver's table, for the methods that make a new set.
fn receiver_copy(args: Args, name: &str) -> PyResult<(Rc<PySet>, RefCell<SetTable>)> {
    let set = this(args, name)?.clone();
    let table = RefCell::new(copy(&set.table.borrow()));
    Ok((set, table))
}

fn set_union(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (set, table) = receiver_copy(args, "union")?;
    for other in &args[1..] {
        update_table(interp, &table, other)?;
    }
    Ok(new_set(set.frozen, table.into_inner()))
}

/// CPython's `set_intersection_multi`: a copy without arguments, else
/// the intersection with each in turn.
fn intersection_multi(
    interp: &mut Interp,
    args: Args,
    name: &str,
) -> PyResult<(Rc<PySet>, SetTable)> {
    let set = this(args, name)?.clone();
    let Some((first, rest)) = args[1..].split_first() else {
        return Ok((set.clone(), copy(&set.table.borrow())));
    };
    let mut table = intersection_with(interp, &set.table, first)?;
    for other in rest {
        table = intersection_with(interp, &RefCell::new(table), other)?;
    }
    Ok((set, table))
}

fn set_intersection(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (set, table) = intersection_multi(interp, args, "intersection")?;
    Ok(new_set(set.frozen, table))
}

fn set_intersection_update(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (set, table) = intersection_multi(interp, args, "intersection_update")?;
    *set.table.borrow_mut() = table;
    Ok(Value::None)
}

/// CPython's `set_difference_multi`: the first difference makes the new
/// set (copying and discarding when the receiver is much larger than the
/// argument, or the argument is not a set), the others update it.
fn set_difference(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    let set = this(args, "difference")?.clone();
    let Some((first, rest)) = args[1..].split_first() else {
        return Ok(new_set(set.frozen, copy(&set.table.borrow())));
    };
    let result = match first {
        Value::Set(other) => {
            let table = difference(&set.table.borrow(), &other.table.borrow());
            PySet {
                frozen: set.frozen,
                table: RefCell::new(table),
            }
        }
        other => {
            let result = PySet {
                frozen: set.frozen,
                table: RefCell::new(copy(&set.table.borrow())),
            };
            difference_update(interp, &result, other)?;
            result
        }
    };
    for other in rest {
        difference_update(interp, &result, other)?;
    }
    Ok(Value::Set(Rc::new(result)))
}

fn set_difference_update(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    let set = this(args, "difference_update")?.clone();
    for other in &args[1..] {
        difference_update(interp, &set, other)?;
    }
    Ok(Value::None)
}

fn set_symmetric_difference(interp: &mut Interp, args: Args, kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let (set, other) = one(args, "symmetric_difference", kw)?;
    let mut table = table_from(interp, other)?;
    table.toggle_all(&set.table.borrow());
    Ok(new_set(set.frozen, table))
}

fn set_symmetric_difference_update(
    interp: &mut Interp,
    args: Args,
    kw: &[Rc<PyStr>],
) -> PyResult<Value> {
    let (set, other) = one(args, "symmetric_difference_update", kw)?;
    symmetric_difference_update(interp, &set.clone(), other)?;
    Ok(Value::None)
}

fn relation(
    interp: &mut Interp,
    args: Args,
    name: &str,
    test: fn(&SetTable, &SetTable) -> bool,
) -> PyResult<Value> {
    let set = this(args, name)?;
    let [_, other] = args else {
        return Err(type_error(format!(
            "set.{name}() takes exactly one argument ({} given)",
            args.len() - 1
        )));
    };
    let other = table_from(interp, other)?;
    let mine = set.table.borrow();
    Ok(Value::Bool(test(&mine, &other)))
}

fn set_issubset(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    relation(interp, args, "issubset", is_subset)
}

fn set_issuperset(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    relation(interp, args, "issuperset", |a, b| is_subset(b, a))
}

fn set_isdisjoint(interp: &mut Interp, args: Args, _: &[Rc<PyStr>]) -> PyResult<Value> {
    relation(interp, args, "isdisjoint", |a, b| {
        intersection(a, b).is_empty()
    })
}
