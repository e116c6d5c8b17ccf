//! `set` and `frozenset`, laid out like CPython's `setobject.c`: an open
//! addressing table with linear probing and perturbation, the same resize
//! rules and the same merge shortcuts. Iteration walks the table, so a set
//! of numbers prints in exactly the order CPython prints it.
//!
//! Members are compared without running Python code (see `hash::DictKey`).
//! The operators of sets are at the end of this file, their methods in
//! `set_methods.rs`; nothing here knows about dicts.

use crate::compare::equal_hashable;
use crate::exceptions::PyResult;
use crate::value::Value;
use crate::Interp;
use std::cell::RefCell;
use std::rc::Rc;

pub use crate::set_methods::method;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Full(i64, Value),
}

/// The slots a hash visits, in CPython's order: a run of up to
/// `LINEAR_PROBES` neighbours (when they fit before the end of the table),
/// then a jump mixed with the hash's higher bits. Never ends: a table always
/// has an empty slot, where callers stop.
struct Probe {
    mask: usize,
    perturb: u64,
    /// Start of the current run of neighbours, and the step within it.
    start: usize,
    step: usize,
    run: usize,
}

impl Probe {
    #[inline]
    fn new(hash: i64, mask: usize) -> Probe {
        let start = (hash as u64 as usize) & mask;
        Probe {
            mask,
            perturb: hash as u64,
            start,
            step: 0,
            run: Self::run_at(start, mask),
        }
    }

    #[inline]
    fn run_at(start: usize, mask: usize) -> usize {
        if start + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        }
    }
}

impl Iterator for Probe {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.step > self.run {
            self.perturb >>= PERTURB_SHIFT;
            self.start = (self
                .start
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(self.perturb as usize))
                & self.mask;
            self.step = 0;
            self.run = Self::run_at(self.start, self.mask);
        }
        let index = self.start + self.step;
        self.step += 1;
        Some(index)
    }
}

/// The hash table of a set.
#[derive(Clone)]
pub struct SetTable {
    slots: Vec<Slot>,
    fill: usize,
    used: usize,
    /// Where `pop` continues its search.
    finger: usize,
}

pub struct PySet {
    pub frozen: bool,
    pub table: RefCell<SetTable>,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            slots: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

impl SetTable {
    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The members in table order.
    pub fn members(&self) -> impl Iterator<Item = &Value> {
        self.slots.iter().filter_map(|slot| match slot {
            Slot::Full(_, v) => Some(v),
            _ => None,
        })
    }

    fn entries(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.slots.iter().filter_map(|slot| match slot {
            Slot::Full(h, v) => Some((*h, v)),
            _ => None,
        })
    }

    /// The member at table position `index` or after it, and the next position.
    pub fn member_from(&self, index: usize) -> Option<(usize, Value)> {
        self.slots[index.min(self.slots.len())..]
            .iter()
            .enumerate()
            .find_map(|(offset, slot)| match slot {
                Slot::Full(_, v) => Some((index + offset + 1, v.clone())),
                _ => None,
            })
    }

    fn find(&self, key: &Value, hash: i64) -> Option<usize> {
        for index in Probe::new(hash, self.mask()) {
            match &self.slots[index] {
                Slot::Empty => return None,
                Slot::Full(h, v) if *h == hash && (v.is(key) || equal_hashable(v, key)) => {
                    return Some(index)
                }
                _ => {}
            }
        }
        None
    }

    /// The members with hash `hash` that are not `key` itself, in probe
    /// order (for comparing `key` with them by `__eq__`).
    fn same_hash(&self, key: &Value, hash: i64) -> Vec<Value> {
        let mut found = Vec::new();
        for index in Probe::new(hash, self.mask()) {
            match &self.slots[index] {
                Slot::Empty => break,
                Slot::Full(h, v) if *h == hash && !v.is(key) => found.push(v.clone()),
                _ => {}
            }
        }
        found
    }

    pub fn contains(&self, key: &Value, hash: i64) -> bool {
        self.find(key, hash).is_some()
    }

    /// Adds `key`; `false` if it was already there.
    pub fn add(&mut self, key: Value, hash: i64) -> bool {
        let mask = self.mask();
        let mut free: Option<usize> = None;
        let mut unused = 0;
        for index in Probe::new(hash, mask) {
            match &self.slots[index] {
                Slot::Empty => {
                    unused = index;
                    break;
                }
                Slot::Full(h, v) if *h == hash && (v.is(&key) || equal_hashable(v, &key)) => {
                    return false;
                }
                Slot::Dummy if free.is_none() => free = Some(index),
                _ => {}
            }
        }
        if let Some(free) = free {
            self.used += 1;
            self.slots[free] = Slot::Full(hash, key);
            return true;
        }
        self.fill += 1;
        self.used += 1;
        self.slots[unused] = Slot::Full(hash, key);
        if self.fill * 5 >= mask * 3 {
            let target = if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(target);
        }
        true
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Full(hash, key) = slot {
                self.insert_clean(key, hash);
            }
        }
    }

    /// Inserts a key known to be absent into a table without dummies.
    fn insert_clean(&mut self, key: Value, hash: i64) {
        for index in Probe::new(hash, self.mask()) {
            if let Slot::Empty = self.slots[index] {
                self.slots[index] = Slot::Full(hash, key);
                return;
            }
        }
    }

    /// Removes `key`; `false` if it was not there.
    pub fn discard(&mut self, key: &Value, hash: i64) -> bool {
        match self.find(key, hash) {
            Some(index) => {
                self.slots[index] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    /// `set.pop()`: the first member from the finger on.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mut index = self.finger & self.mask();
        loop {
            if let Slot::Full(..) = self.slots[index] {
                break;
            }
            index = (index + 1) & self.mask();
        }
        let Slot::Full(_, key) = std::mem::replace(&mut self.slots[index], Slot::Dummy) else {
            unreachable!("found a full slot above")
        };
        self.used -= 1;
        self.finger = index + 1;
        Some(key)
    }

    pub fn clear(&mut self) {
        *self = SetTable::default();
    }

    /// Adds every member of `other` (CPython's `set_merge`, shortcuts included).
    pub fn merge(&mut self, other: &SetTable) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            for (mine, theirs) in self.slots.iter_mut().zip(other.slots.iter()) {
                if let Slot::Full(..) = theirs {
                    *mine = theirs.clone();
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for (hash, key) in other.entries() {
                self.insert_clean(key.clone(), hash);
            }
            return;
        }
        for (hash, key) in other.entries() {
            self.add(key.clone(), hash);
        }
    }

    /// `hash(frozenset)`, as CPython computes it.
    pub fn hash(&self) -> i64 {
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
        }
        let mut hash: u64 = 0;
        for (h, _) in self.entries() {
            hash ^= shuffle(h as u64);
        }
        hash ^= (self.used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == u64::MAX {
            590923713
        } else {
            hash as i64
        }
    }
}

fn key_hash(value: &Value) -> PyResult<i64> {
    crate::hash::hash(value)
}

/// `item` as a member of `table`, with its hash. An item whose hashing or
/// comparison runs Python code is hashed first, and when the table holds a
/// member its `__eq__` says is equal, that member stands in for it (the
/// table itself compares such objects by identity).
pub(crate) fn member(
    interp: &mut Interp,
    table: &RefCell<SetTable>,
    item: Value,
) -> PyResult<(Value, i64)> {
    if !crate::hash::needs_python(&item) {
        let hash = key_hash(&item)?;
        return Ok((item, hash));
    }
    crate::hash::prepare(interp, &item)?;
    let hash = key_hash(&item)?;
    let candidates = table.borrow().same_hash(&item, hash);
    Ok(
        match crate::hash::equal_candidate(interp, candidates, &item)? {
            Some(existing) => (existing, hash),
            None => (item, hash),
        },
    )
}

pub fn new_set(frozen: bool, table: SetTable) -> Value {
    Value::Set(Rc::new(PySet {
        frozen,
        table: RefCell::new(table),
    }))
}

/// A table holding the members of any iterable.
pub fn table_from(interp: &mut Interp, iterable: &Value) -> PyResult<SetTable> {
    let table = RefCell::new(SetTable::default());
    match iterable {
        Value::Set(s) => table.borrow_mut().merge(&s.table.borrow()),
        other => {
            for item in crate::iter::collect(interp, other)? {
                let (item, hash) = member(interp, &table, item)?;
                table.borrow_mut().add(item, hash);
            }
        }
    }
    Ok(table.into_inner())
}

/// A frozenset constant (`Constant::FrozenSet`), built as CPython's
/// compiler builds one: from the items in source order, then again from
/// that set's iteration order (its `merge_consts_recursive` makes a new
/// frozenset from the first one's members), which is the order the
/// constant iterates in. Constants hash without running Python code; one
/// that cannot be hashed (only a forged cache file could hold one) is left
/// out.
pub fn frozen_constant(items: Vec<Value>) -> Value {
    let add_all = |items: Vec<Value>| {
        let mut table = SetTable::default();
        for item in items {
            if let Ok(hash) = key_hash(&item) {
                table.add(item, hash);
            }
        }
        table
    };
    let first = add_all(items);
    let again = first.members().cloned().collect();
    new_set(true, add_all(again))
}

/// `BUILD_SET`: a set of the items, added in order.
pub fn build(interp: &mut Interp, items: Vec<Value>) -> PyResult<Value> {
    let table = RefCell::new(SetTable::default());
    for item in items {
        let (item, hash) = member(interp, &table, item)?;
        table.borrow_mut().add(item, hash);
    }
    Ok(new_set(false, table.into_inner()))
}

/// `SET_UPDATE`: `{*iterable}` in a set display.
/// Sets are merged table to table; anything else is added item by item,
/// straight into the set, as CPython's `set_update_internal` does (which
/// decides the order the set iterates in).
pub fn update(interp: &mut Interp, set: &Value, iterable: &Value) -> PyResult<()> {
    let Value::Set(s) = set else {
        return Ok(());
    };
    if let Value::Set(other) = iterable {
        let other = other.table.borrow().clone();
        s.table.borrow_mut().merge(&other);
        return Ok(());
    }
    for item in crate::iter::collect(interp, iterable)? {
        let (item, hash) = member(interp, &s.table, item)?;
        s.table.borrow_mut().add(item, hash);
    }
    Ok(())
}

/// `SET_ADD`: moves the item out of its stack `slot` into `set`. Taking the
/// slot, not the value, keeps the threaded VM's handler free of a temporary
/// (which would keep it from tail-calling).
#[inline(never)]
pub fn add_from(interp: &mut Interp, set: &Value, slot: &mut Value) -> PyResult<()> {
    add(interp, set, std::mem::replace(slot, Value::Unbound))
}

/// Adds `item` to `set`.
pub fn add(interp: &mut Interp, set: &Value, item: Value) -> PyResult<()> {
    if let Value::Set(s) = set {
        let (item, hash) = member(interp, &s.table, item)?;
        s.table.borrow_mut().add(item, hash);
    }
    Ok(())
}

pub fn contains(interp: &mut Interp, set: &PySet, item: &Value) -> PyResult<bool> {
    let (item, hash) = match item {
        Value::Set(s) => (item.clone(), s.table.borrow().hash()),
        other => member(interp, &set.table, other.clone())?,
    };
    Ok(set.table.borrow().contains(&item, hash))
}

/// Set equality (`==` on two sets).
pub fn equal(a: &PySet, b: &PySet) -> bool {
    let (a, b) = (a.table.borrow(), b.table.borrow());
    a.len() == b.len() && a.entries().all(|(h, v)| b.contains(v, h))
}

pub(crate) fn is_subset(a: &SetTable, b: &SetTable) -> bool {
    a.len() <= b.len() && a.entries().all(|(h, v)| b.contains(v, h))
}

/// `a <op> b` for two sets: subset and superset tests.
pub fn order(op: pvm_frontend::CompareOperator, a: &PySet, b: &PySet) -> bool {
    use pvm_frontend::CompareOperator as Cmp;
    let (x, y) = (a.table.borrow(), b.table.borrow());
    match op {
        Cmp::Le => is_subset(&x, &y),
        Cmp::Lt => x.len() < y.len() && is_subset(&x, &y),
        Cmp::Ge => is_subset(&y, &x),
        Cmp::Gt => y.len() < x.len() && is_subset(&y, &x),
        Cmp::Eq => x.len() == y.len() && is_subset(&x, &y),
        Cmp::Ne => !(x.len() == y.len() && is_subset(&x, &y)),
    }
}

/// A copy made as CPython's `set_copy` makes one (a merge into an empty table).
pub(crate) fn copy(a: &SetTable) -> SetTable {
    let mut result = SetTable::default();
    result.merge(a);
    result
}

pub(crate) fn union(a: &SetTable, b: &SetTable) -> SetTable {
    let mut result = copy(a);
    result.merge(b);
    result
}

pub(crate) fn intersection(a: &SetTable, b: &SetTable) -> SetTable {
    let (small, large) = if b.len() > a.len() { (a, b) } else { (b, a) };
    let mut result = SetTable::default();
    for (hash, key) in small.entries() {
        if large.contains(key, hash) {
            result.add(key.clone(), hash);
        }
    }
    result
}

pub(crate) fn difference(a: &SetTable, b: &SetTable) -> SetTable {
    if (a.len() >> 2) > b.len() {
        let mut result = copy(a);
        result.discard_all(b);
        return result;
    }
    let mut result = SetTable::default();
    for (hash, key) in a.entries() {
        if !b.contains(key, hash) {
            result.add(key.clone(), hash);
        }
    }
    result
}

pub(crate) fn symmetric_difference(a: &SetTable, b: &SetTable) -> SetTable {
    let mut result = copy(b);
    result.toggle_all(a);
    result
}

impl SetTable {
    /// CPython's `set_difference_update_internal` for a set argument:
    /// discards its members in place (no copy, so it costs what the
    /// argument's size costs), then drops the dummies when they are more
    /// than a quarter of the table.
    pub(crate) fn discard_all(&mut self, other: &SetTable) {
        for (hash, key) in other.entries() {
            self.discard(key, hash);
        }
        self.drop_dummies();
    }

    /// The end of `set_difference_update_internal`: a resize (which
    /// reorders the members) once more than a quarter of the slots are
    /// dummies.
    pub(crate) fn drop_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            let target = if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(target);
        }
    }

    /// CPython's `set_symmetric_difference_update` loop: each member of
    /// `other` is removed when present, else added.
    pub(crate) fn toggle_all(&mut self, other: &SetTable) {
        for (hash, key) in other.entries() {
            if !self.discard(key, hash) {
                self.add(key.clone(), hash);
            }
        }
    }
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` on sets (`None` for other operators).
pub fn binary(
    op: pvm_frontend::BinaryOperator,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> Option<Value> {
    use pvm_frontend::BinaryOperator as Op;
    let (Value::Set(x), Value::Set(y)) = (a, b) else {
        return None;
    };
    if inplace && !x.frozen && matches!(op, Op::Or | Op::Subtract | Op::Xor) {
        if Rc::ptr_eq(x, y) {
            if op != Op::Or {
                x.table.borrow_mut().clear();
            }
            return Some(a.clone());
        }
        let other = y.table.borrow();
        let mut mine = x.table.borrow_mut();
        match op {
            Op::Or => mine.merge(&other),
            Op::Subtract => mine.discard_all(&other),
            _ => mine.toggle_all(&other),
        }
        return Some(a.clone());
    }
    let table = {
        let (tx, ty) = (x.table.borrow(), y.table.borrow());
        match op {
            Op::Or => union(&tx, &ty),
            Op::And => intersection(&tx, &ty),
            Op::Subtract => difference(&tx, &ty),
            Op::Xor => symmetric_difference(&tx, &ty),
            _ => return None,
        }
    };
    if inplace && !x.frozen {
        *x.table.borrow_mut() = table;
        return Some(a.clone());
    }
    Some(new_set(x.frozen, table))
}

/// `repr` of a set: `{1, 2}`, `set()`, `frozenset({1})`.
pub fn members(set: &PySet) -> Vec<Value> {
    set.table.borrow().members().cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_of(items: &[i64]) -> SetTable {
        let mut table = SetTable::default();
        for &i in items {
            table.add(Value::Int(i), crate::hash::hash_int(i));
        }
        table
    }

    fn order(table: &SetTable) -> Vec<i64> {
        table
            .members()
            .map(|v| match v {
                Value::Int(i) => *i,
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn iteration_order_matches_cpython() {
        // Values printed by CPython 3.11 for the same sets.
        assert_eq!(order(&table_of(&[10, 5, 100])), [10, 100, 5]);
        assert_eq!(order(&table_of(&[3, 1, 2])), [1, 2, 3]);
        assert_eq!(order(&table_of(&[-1, 8, 16, 0])), [8, 16, -1, 0]);
        let many: Vec<i64> = (0..40).map(|i| i * 37 % 101).collect();
        let table = table_of(&many);
        assert_eq!(table.len(), 40);
        assert_eq!(order(&table)[..5], [0, 3, 6, 9, 10]);
    }
}
