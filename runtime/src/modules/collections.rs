//! `_pvm_collections`, the Rust half of pvm's `collections` module
//! (`python/collections.py` re-exports it): `deque` (a native object), the dict flavours
//! `defaultdict`, `Counter` and `OrderedDict` (plain dicts that carry a
//! `DictFlavor`), and `namedtuple` (`namedtuple.rs`).
//!
//! `ChainMap` and `UserDict` are the Python half; `Counter` arithmetic is
//! `counter.rs`.

use super::module;
use crate::call::Args;
use crate::exceptions::{index_error, type_error, value_error, PyResult};
use crate::hash::DictKey;
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, DictFlavor, PyDict, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::namedtuple::namedtuple;
pub use super::namedtuple::{is_namedtuple, struct_seq, values_of};

// ----- deque ----------------------------------------------------------------

pub static DEQUE: PyType = PyType {
    name: "deque",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

pub struct Deque {
    items: RefCell<VecDeque<Value>>,
    maxlen: Option<usize>,
}

impl Deque {
    fn push_back(&self, value: Value) {
        let mut items = self.items.borrow_mut();
        if self.maxlen == Some(0) {
            return;
        }
        if self.maxlen.is_some_and(|max| items.len() >= max) {
            items.pop_front();
        }
        items.push_back(value);
    }

    fn push_front(&self, value: Value) {
        let mut items = self.items.borrow_mut();
        if self.maxlen == Some(0) {
            return;
        }
        if self.maxlen.is_some_and(|max| items.len() >= max) {
            items.pop_back();
        }
        items.push_front(value);
    }
}

builtin_table!(DEQUE_METHODS {
    "append" => deque_append,
    "appendleft" => deque_appendleft,
    "pop" => deque_pop,
    "popleft" => deque_popleft,
    "extend" => deque_extend,
    "extendleft" => deque_extendleft,
    "clear" => deque_clear,
    "rotate" => deque_rotate,
    "count" => deque_count,
    "reverse" => deque_reverse,
    "copy" => deque_copy,
});

impl NativeObject for Deque {
    fn type_of(&self) -> &'static PyType {
        &DEQUE
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let items: Vec<Value> = self.items.borrow().iter().cloned().collect();
        let list = crate::repr::repr(interp, &Value::list(items))?;
        Ok(match self.maxlen {
            Some(max) => format!("deque({list}, maxlen={max})"),
            None => format!("deque({list})"),
        })
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        DEQUE_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn len(&self) -> Option<usize> {
        Some(self.items.borrow().len())
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        let snapshot: Vec<Value> = self.items.borrow().iter().cloned().collect();
        Some(crate::iter::get_iter(interp, &Value::list(snapshot)))
    }

    fn get_item(&self, _: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        let items = self.items.borrow();
        Some(match key {
            Value::Int(i) => {
                let index = if *i < 0 { *i + items.len() as i64 } else { *i };
                usize::try_from(index)
                    .ok()
                    .and_then(|i| items.get(i).cloned())
                    .ok_or_else(|| index_error("deque index out of range"))
            }
            other => Err(type_error(format!(
                "sequence index must be integer, not '{}'",
                other.type_name()
            ))),
        })
    }

    fn set_item(&self, _: &mut Interp, key: &Value, value: Value) -> Option<PyResult<()>> {
        let mut items = self.items.borrow_mut();
        let Value::Int(i) = key else {
            return Some(Err(type_error("sequence index must be integer")));
        };
        let index = if *i < 0 { *i + items.len() as i64 } else { *i };
        Some(
            match usize::try_from(index).ok().and_then(|i| items.get_mut(i)) {
                Some(slot) => {
                    *slot = value;
                    Ok(())
                }
                None => Err(index_error("deque assignment index out of range")),
            },
        )
    }

    fn equal(&self, interp: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        let other = native::downcast::<Deque>(other)?;
        let mine: Vec<Value> = self.items.borrow().iter().cloned().collect();
        let theirs: Vec<Value> = other.items.borrow().iter().cloned().collect();
        Some(crate::compare::equal(
            interp,
            &Value::list(mine),
            &Value::list(theirs),
        ))
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "maxlen" => Some(self.maxlen.map_or(Value::None, |m| Value::Int(m as i64))),
            _ => None,
        }
    }
}

fn deque_of(args: &[Value]) -> PyResult<&Deque> {
    args.first()
        .and_then(native::downcast::<Deque>)
        .ok_or_else(|| type_error("descriptor requires a 'collections.deque' object"))
}

fn one_arg<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Value> {
    match args {
        [_, value] => Ok(value),
        _ => Err(type_error(format!(
            "deque.{name}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

fn deque_append(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    deque_of(args)?.push_back(one_arg(args, "append")?.clone());
    Ok(Value::None)
}

fn deque_appendleft(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    deque_of(args)?.push_front(one_arg(args, "appendleft")?.clone());
    Ok(Value::None)
}

fn deque_pop(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let popped = deque_of(args)?.items.borrow_mut().pop_back();
    popped.ok_or_else(|| index_error("pop from an empty deque"))
}

fn deque_popleft(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let popped = deque_of(args)?.items.borrow_mut().pop_front();
    popped.ok_or_else(|| index_error("pop from an empty deque"))
}

fn deque_extend(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let deque = deque_of(args)?;
    for item in crate::iter::collect(interp, one_arg(args, "extend")?)? {
        deque.push_back(item);
    }
    Ok(Value::None)
}

fn deque_extendleft(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let deque = deque_of(args)?;
    for item in crate::iter::collect(interp, one_arg(args, "extendleft")?)? {
        deque.push_front(item);
    }
    Ok(Value::None)
}

fn deque_clear(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let old = std::mem::take(&mut *deque_of(args)?.items.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn deque_rotate(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let deque = deque_of(args)?;
    let n = match args.get(1) {
        Some(Value::Int(n)) => *n,
        None => 1,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let mut items = deque.items.borrow_mut();
    let len = items.len() as i64;
    if len > 0 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(Value::None)
}

fn deque_count(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let needle = one_arg(args, "count")?;
    let items: Vec<Value> = deque_of(args)?.items.borrow().iter().cloned().collect();
    let mut count = 0;
    for item in &items {
        if item.is(needle) || crate::compare::equal(interp, item, needle)? {
            count += 1;
        }
    }
    Ok(Value::Int(count))
}

fn deque_reverse(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    deque_of(args)?
        .items
        .borrow_mut()
        .make_contiguous()
        .reverse();
    Ok(Value::None)
}

fn deque_copy(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let deque = deque_of(args)?;
    Ok(native::new(Deque {
        items: RefCell::new(deque.items.borrow().clone()),
        maxlen: deque.maxlen,
    }))
}

pub fn deque(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("deque", args, kwnames);
    let maxlen = a.keyword("maxlen").cloned();
    a.finish()?;
    a.arity(0, 2)?;
    let maxlen = match a.positional.get(1).cloned().or(maxlen) {
        None | Some(Value::None) => None,
        Some(Value::Int(m)) if m >= 0 => Some(m as usize),
        Some(Value::Int(_)) => return Err(value_error("maxlen must be non-negative")),
        Some(other) => {
            return Err(type_error(format!(
                "an integer is required, not {}",
                other.type_name()
            )))
        }
    };
    let deque = Deque {
        items: RefCell::new(VecDeque::new()),
        maxlen,
    };
    if let Some(iterable) = a.positional.first() {
        for item in crate::iter::collect(interp, iterable)? {
            deque.push_back(item);
        }
    }
    Ok(native::new(deque))
}

// ----- defaultdict, Counter, OrderedDict --------------------------------------

fn flavored(map: crate::value::Dict, flavor: DictFlavor) -> Value {
    let mut dict = PyDict::from_map(map);
    dict.flavor = Some(Box::new(flavor));
    Value::Dict(Rc::new(dict))
}

fn plain_map(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<crate::value::Dict> {
    match crate::construct::call_type(interp, &types::DICT, args, kwnames)? {
        Value::Dict(d) => Ok(d.map().clone()),
        _ => Ok(Default::default()),
    }
}

/// `defaultdict(factory, ...)`, `Counter(...)`, `OrderedDict(...)`.
pub fn construct(
    interp: &mut Interp,
    kind: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    if std::ptr::eq(kind, &types::DEFAULTDICT) {
        let positional = args.len() - kwnames.len();
        let (factory, rest) = match args[..positional].split_first() {
            Some((factory, _)) => (factory.clone(), &args[1..]),
            None => (Value::None, args),
        };
        let callable = matches!(
            factory,
            Value::None
                | Value::Function(_)
                | Value::Builtin(_)
                | Value::Type(_)
                | Value::BoundFunction(_)
                | Value::Method(_)
                | Value::Instance(_)
        );
        if !callable {
            return Err(type_error("first argument must be callable or None"));
        }
        let map = plain_map(interp, rest, kwnames)?;
        return Ok(flavored(map, DictFlavor::Default(factory)));
    }
    if std::ptr::eq(kind, &types::COUNTER) {
        let counter = flavored(Default::default(), DictFlavor::Counter);
        counter_update(
            interp,
            &[counter.clone()]
                .iter()
                .chain(args)
                .cloned()
                .collect::<Vec<_>>(),
            kwnames,
        )?;
        return Ok(counter);
    }
    let map = plain_map(interp, args, kwnames)?;
    Ok(flavored(map, DictFlavor::Ordered))
}

/// A missing key in a flavoured dict: `Some(value)` when the flavour
/// supplies one (`defaultdict` also stores it).
pub fn missing(interp: &mut Interp, dict: &Rc<PyDict>, key: &Value) -> Option<PyResult<Value>> {
    match dict.flavor.as_deref()? {
        DictFlavor::Default(Value::None) | DictFlavor::Ordered => None,
        DictFlavor::Default(factory) => Some((|| {
            let value = crate::call::call(interp, factory, &[], &[])?;
            dict.map_mut()
                .insert(DictKey::new(key.clone())?, value.clone());
            Ok(value)
        })()),
        DictFlavor::Counter => Some(Ok(Value::Int(0))),
    }
}

/// The repr of a flavoured dict, given the plain dict's repr.
pub fn flavored_repr(interp: &mut Interp, dict: &PyDict, plain: String) -> PyResult<String> {
    Ok(match dict.flavor.as_deref() {
        None => plain,
        Some(DictFlavor::Default(factory)) => {
            format!(
                "defaultdict({}, {plain})",
                crate::repr::repr(interp, factory)?
            )
        }
        Some(DictFlavor::Counter) if dict.map().is_empty() => "Counter()".into(),
        Some(DictFlavor::Counter) => {
            let entries = most_common_entries(interp, dict)?;
            let mut out = String::from("Counter({");
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&crate::repr::repr(interp, k)?);
                out.push_str(": ");
                out.push_str(&crate::repr::repr(interp, v)?);
            }
            out.push_str("})");
            out
        }
        Some(DictFlavor::Ordered) if dict.map().is_empty() => "OrderedDict()".into(),
        Some(DictFlavor::Ordered) => {
            let items: Vec<Value> = dict
                .map()
                .iter()
                .map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()]))
                .collect();
            format!(
                "OrderedDict({})",
                crate::repr::repr(interp, &Value::list(items))?
            )
        }
    })
}

/// Entries by count, largest first; equal counts keep insertion order.
fn most_common_entries(interp: &mut Interp, dict: &PyDict) -> PyResult<Vec<(Value, Value)>> {
    let mut entries = dict.items();
    let mut error = None;
    entries.sort_by(|a, b| match crate::compare::less_than(interp, &a.1, &b.1) {
        Ok(true) => std::cmp::Ordering::Greater,
        Ok(false) => match crate::compare::less_than(interp, &b.1, &a.1) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => std::cmp::Ordering::Equal,
            Err(e) => {
                error.get_or_insert(e);
                std::cmp::Ordering::Equal
            }
        },
        Err(e) => {
            error.get_or_insert(e);
            std::cmp::Ordering::Equal
        }
    });
    match error {
        Some(e) => Err(e),
        None => Ok(entries),
    }
}

builtin_table!(COUNTER_METHODS {
    "most_common" => counter_most_common,
    "update" => counter_update,
    "subtract" => counter_subtract,
    "elements" => counter_elements,
    "total" => counter_total,
});

builtin_table!(ORDERED_METHODS {
    "move_to_end" => ordered_move_to_end,
});

/// The extra methods of a flavoured dict.
pub fn flavor_method(dict: &PyDict, name: &str) -> Option<&'static Builtin> {
    let table = match dict.flavor.as_deref()? {
        DictFlavor::Counter => COUNTER_METHODS,
        DictFlavor::Ordered => ORDERED_METHODS,
        DictFlavor::Default(_) => return None,
    };
    table.iter().find(|m| m.name == name)
}

fn dict_of(args: &[Value]) -> PyResult<&Rc<PyDict>> {
    match args.first() {
        Some(Value::Dict(d)) => Ok(d),
        _ => Err(type_error("descriptor requires a dict")),
    }
}

fn counter_most_common(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let dict = dict_of(args)?.clone();
    let mut entries = most_common_entries(interp, &dict)?;
    if let Some(Value::Int(n)) = args.get(1) {
        entries.truncate((*n).max(0) as usize);
    }
    Ok(Value::list(
        entries
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    ))
}

fn add_count(
    interp: &mut Interp,
    dict: &PyDict,
    key: Value,
    amount: &Value,
    sign: i64,
) -> PyResult<()> {
    let dict_key = DictKey::new(key)?;
    let current = dict.map().get(&dict_key).cloned().unwrap_or(Value::Int(0));
    let op = if sign > 0 {
        pvm_frontend::BinaryOperator::Add
    } else {
        pvm_frontend::BinaryOperator::Subtract
    };
    let updated = crate::ops::binary_op(interp, op, false, &current, amount)?;
    dict.map_mut().insert(dict_key, updated);
    Ok(())
}

fn counter_change(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
    sign: i64,
) -> PyResult<Value> {
    let dict = dict_of(args)?.clone();
    let positional = &args[1..args.len() - kwnames.len()];
    if let Some(source) = positional.first() {
        match source {
            Value::Dict(other) => {
                let entries = other.items();
                for (k, v) in entries {
                    add_count(interp, &dict, k, &v, sign)?;
                }
            }
            iterable => {
                for item in crate::iter::collect(interp, iterable)? {
                    add_count(interp, &dict, item, &Value::Int(1), sign)?;
                }
            }
        }
    }
    for (name, value) in kwnames.iter().zip(&args[args.len() - kwnames.len()..]) {
        add_count(interp, &dict, Value::Str(name.clone()), value, sign)?;
    }
    Ok(Value::None)
}

fn counter_update(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    counter_change(interp, args, kwnames, 1)
}

fn counter_subtract(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    counter_change(interp, args, kwnames, -1)
}

fn counter_elements(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let dict = dict_of(args)?;
    let mut out = Vec::new();
    for (k, v) in dict.map().iter() {
        if let Value::Int(n) = v {
            for _ in 0..(*n).max(0) {
                out.push(k.0.clone());
            }
        }
    }
    crate::iter::get_iter(interp, &Value::list(out))
}

fn counter_total(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let values: Vec<Value> = dict_of(args)?.map().values().cloned().collect();
    let mut total = Value::Int(0);
    for v in values {
        total =
            crate::ops::binary_op(interp, pvm_frontend::BinaryOperator::Add, false, &total, &v)?;
    }
    Ok(total)
}

fn ordered_move_to_end(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let dict = dict_of(args)?;
    let mut a = Args::new("move_to_end", &args[1..], kwnames);
    let last = a.keyword("last").is_none_or(Value::truthy);
    a.finish()?;
    let Some(key) = a.positional.first() else {
        return Err(type_error("move_to_end() missing required argument 'key'"));
    };
    let key = DictKey::new(key.clone())?;
    let mut map = dict.map_mut();
    let Some(index) = map.get_index_of(&key) else {
        return Err(crate::exceptions::key_error(key.0.clone()));
    };
    if last {
        let end = map.len() - 1;
        map.move_index(index, end);
    } else {
        map.move_index(index, 0);
    }
    Ok(Value::None)
}

// ----- the module ------------------------------------------------------------

static FUNCTIONS: &[Builtin] = &[Builtin {
    name: "namedtuple",
    func: namedtuple,
}];

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    module(
        "_pvm_collections",
        &functions,
        vec![
            ("deque", Value::Type(&DEQUE)),
            ("defaultdict", Value::Type(&types::DEFAULTDICT)),
            ("Counter", Value::Type(&types::COUNTER)),
            ("OrderedDict", Value::Type(&types::ORDERED_DICT)),
        ],
    )
}
