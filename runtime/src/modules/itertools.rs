//! The `itertools` module: lazy iterators in the order CPython produces
//! their items (`count`, `cycle`, `repeat`, `chain`, `islice`, `product`,
//! `permutations`, `combinations`, `combinations_with_replacement`,
//! `accumulate`, `zip_longest`, `starmap`, `takewhile`, `dropwhile`,
//! `pairwise`, `groupby`, `compress`).
//!
//! `groupby` materialises each group as it reaches it, so a group iterator
//! stays valid after the outer iterator moves on (CPython's does not).
//! `tee` and `filterfalse` are `itertools_tee.rs`; `product`, `permutations`
//! and the combinations are `itertools_combinatorics.rs`.

use super::module;
use crate::call::{call, Args};
use crate::exceptions::{type_error, value_error, PyResult};
use crate::iter::{collect, get_iter, native, next, NativeIterator};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// Static opaque types for iterator objects, one per `NAME = "name";`
/// (`itertools_combinatorics.rs` uses it too).
macro_rules! iterator_types {
    ($($ident:ident = $name:literal;)*) => {
        $(static $ident: crate::types::PyType = crate::types::PyType {
            name: $name,
            base: Some(&crate::types::OBJECT),
            kind: crate::types::TypeKind::Opaque,
            class: None,
        };)*
    };
}
pub(super) use iterator_types;

iterator_types! {
    COUNT = "count";
    CYCLE = "cycle";
    REPEAT = "repeat";
    CHAIN = "chain";
    ISLICE = "islice";
    ACCUMULATE = "accumulate";
    ZIP_LONGEST = "zip_longest";
    STARMAP = "starmap";
    TAKEWHILE = "takewhile";
    DROPWHILE = "dropwhile";
    PAIRWISE = "pairwise";
    GROUPBY = "groupby";
    COMPRESS = "compress";
}

pub(super) fn index_arg(value: &Value, what: &str) -> PyResult<usize> {
    match value {
        Value::Int(i) if *i >= 0 => Ok(*i as usize),
        Value::Int(_) => Err(value_error(format!(
            "{what} must be a non-negative integer or None."
        ))),
        Value::Bool(b) => Ok(*b as usize),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

// ----- count, cycle, repeat ------------------------------------------------

struct Count {
    next: Value,
    step: Value,
}

impl NativeIterator for Count {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        let following = crate::ops::binary_op(
            interp,
            pvm_frontend::BinaryOperator::Add,
            false,
            &self.next,
            &self.step,
        )?;
        Ok(Some(std::mem::replace(&mut self.next, following)))
    }
}

fn count(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("count", args, kwnames);
    let start = a.keyword("start").cloned();
    let step = a.keyword("step").cloned();
    a.finish()?;
    a.arity(0, 2)?;
    let start = a
        .positional
        .first()
        .cloned()
        .or(start)
        .unwrap_or(Value::Int(0));
    let step = a
        .positional
        .get(1)
        .cloned()
        .or(step)
        .unwrap_or(Value::Int(1));
    Ok(native(&COUNT, Count { next: start, step }))
}

struct Cycle {
    source: Option<Value>,
    saved: Vec<Value>,
    index: usize,
}

impl NativeIterator for Cycle {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        if let Some(source) = &self.source {
            if let Some(item) = next(interp, source)? {
                self.saved.push(item.clone());
                return Ok(Some(item));
            }
            self.source = None;
        }
        if self.saved.is_empty() {
            return Ok(None);
        }
        let item = self.saved[self.index % self.saved.len()].clone();
        self.index += 1;
        Ok(Some(item))
    }
}

fn cycle(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let a = Args::new("cycle", args, kwnames);
    a.finish()?;
    a.arity(1, 1)?;
    let source = get_iter(interp, &args[0])?;
    Ok(native(
        &CYCLE,
        Cycle {
            source: Some(source),
            saved: Vec::new(),
            index: 0,
        },
    ))
}

struct Repeat {
    value: Value,
    left: Option<usize>,
}

impl NativeIterator for Repeat {
    fn next(&mut self, _: &mut Interp) -> PyResult<Option<Value>> {
        match &mut self.left {
            Some(0) => Ok(None),
            Some(n) => {
                *n -= 1;
                Ok(Some(self.value.clone()))
            }
            None => Ok(Some(self.value.clone())),
        }
    }
}

fn repeat(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("repeat", args, kwnames);
    let times = a.keyword("times").cloned();
    a.finish()?;
    a.arity(1, 2)?;
    let left = match a.positional.get(1).cloned().or(times) {
        Some(Value::Int(n)) => Some(n.max(0) as usize),
        Some(other) => Some(index_arg(&other, "times")?),
        None => None,
    };
    Ok(native(
        &REPEAT,
        Repeat {
            value: a.positional[0].clone(),
            left,
        },
    ))
}

// ----- chain, islice -----------------------------------------------------

struct Chain {
    sources: Value,
    current: Option<Value>,
}

impl NativeIterator for Chain {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        loop {
            if let Some(current) = &self.current {
                if let Some(item) = next(interp, current)? {
                    return Ok(Some(item));
                }
            }
            match next(interp, &self.sources)? {
                Some(iterable) => self.current = Some(get_iter(interp, &iterable)?),
                None => return Ok(None),
            }
        }
    }
}

fn chain(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("chain", kwnames)?;
    let sources = get_iter(interp, &Value::tuple(args.to_vec()))?;
    Ok(native(
        &CHAIN,
        Chain {
            sources,
            current: None,
        },
    ))
}

fn chain_from_iterable(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let a = Args::new("from_iterable", args, kwnames);
    a.finish()?;
    a.arity(1, 1)?;
    let sources = get_iter(interp, &args[0])?;
    Ok(native(
        &CHAIN,
        Chain {
            sources,
            current: None,
        },
    ))
}

/// `itertools.chain.from_iterable`.
pub static CHAIN_FROM_ITERABLE: Builtin = Builtin {
    name: "from_iterable",
    func: chain_from_iterable,
};

struct Islice {
    source: Value,
    next_index: usize,
    position: usize,
    stop: Option<usize>,
    step: usize,
}

impl NativeIterator for Islice {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        if self.stop.is_some_and(|stop| self.next_index >= stop) {
            return Ok(None);
        }
        while self.position < self.next_index {
            if next(interp, &self.source)?.is_none() {
                self.stop = Some(0);
                return Ok(None);
            }
            self.position += 1;
        }
        let Some(item) = next(interp, &self.source)? else {
            self.stop = Some(0);
            return Ok(None);
        };
        self.position += 1;
        self.next_index += self.step;
        Ok(Some(item))
    }
}

fn islice(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let a = Args::new("islice", args, kwnames);
    a.finish()?;
    a.arity(2, 4)?;
    let bound = |v: &Value| -> PyResult<Option<usize>> {
        match v {
            Value::None => Ok(None),
            other => index_arg(other, "Indices for islice()").map(Some),
        }
    };
    let (start, stop, step) = match a.positional {
        [_, stop] => (0, bound(stop)?, 1),
        [_, start, stop] => (bound(start)?.unwrap_or(0), bound(stop)?, 1),
        [_, start, stop, step] => (
            bound(start)?.unwrap_or(0),
            bound(stop)?,
            bound(step)?.unwrap_or(1),
        ),
        _ => unreachable!("arity checked"),
    };
    if step == 0 {
        return Err(value_error(
            "Step for islice() must be a positive integer or None.",
        ));
    }
    let source = get_iter(interp, &args[0])?;
    Ok(native(
        &ISLICE,
        Islice {
            source,
            next_index: start,
            position: 0,
            stop,
            step,
        },
    ))
}

// ----- accumulate, zip_longest, starmap, takewhile, dropwhile, pairwise ------

struct Accumulate {
    source: Value,
    function: Value,
    total: Option<Value>,
    initial: Option<Value>,
}

impl NativeIterator for Accumulate {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        if let Some(initial) = self.initial.take() {
            self.total = Some(initial.clone());
            return Ok(Some(initial));
        }
        let Some(item) = next(interp, &self.source)? else {
            return Ok(None);
        };
        let total = match self.total.take() {
            None => item,
            Some(total) => match &self.function {
                Value::None => crate::ops::binary_op(
                    interp,
                    pvm_frontend::BinaryOperator::Add,
                    false,
                    &total,
                    &item,
                )?,
                f => call(interp, f, &[total, item], &[])?,
            },
        };
        self.total = Some(total.clone());
        Ok(Some(total))
    }
}

fn accumulate(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("accumulate", args, kwnames);
    let function = a.keyword("func").cloned();
    let initial = a.keyword("initial").cloned();
    a.finish()?;
    a.arity(1, 2)?;
    let source = get_iter(interp, &a.positional[0])?;
    let function = a
        .positional
        .get(1)
        .cloned()
        .or(function)
        .unwrap_or_default();
    Ok(native(
        &ACCUMULATE,
        Accumulate {
            source,
            function,
            total: None,
            initial: initial.filter(|v| !matches!(v, Value::None)),
        },
    ))
}

struct ZipLongest {
    sources: Vec<Option<Value>>,
    fill: Value,
}

impl NativeIterator for ZipLongest {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        let mut items = Vec::with_capacity(self.sources.len());
        let mut any = false;
        for source in self.sources.iter_mut() {
            let item = match source {
                Some(iterator) => match next(interp, iterator)? {
                    Some(item) => {
                        any = true;
                        item
                    }
                    None => {
                        *source = None;
                        self.fill.clone()
                    }
                },
                None => self.fill.clone(),
            };
            items.push(item);
        }
        Ok(any.then(|| Value::tuple(items)))
    }
}

fn zip_longest(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("zip_longest", args, kwnames);
    let fill = a.keyword("fillvalue").cloned().unwrap_or_default();
    a.finish()?;
    let mut sources = Vec::new();
    for iterable in a.positional {
        sources.push(Some(get_iter(interp, iterable)?));
    }
    Ok(native(&ZIP_LONGEST, ZipLongest { sources, fill }))
}

struct Starmap {
    function: Value,
    source: Value,
}

impl NativeIterator for Starmap {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        let Some(arguments) = next(interp, &self.source)? else {
            return Ok(None);
        };
        let arguments = collect(interp, &arguments)?;
        call(interp, &self.function, &arguments, &[]).map(Some)
    }
}

fn starmap(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let a = Args::new("starmap", args, kwnames);
    a.finish()?;
    a.arity(2, 2)?;
    let source = get_iter(interp, &args[1])?;
    Ok(native(
        &STARMAP,
        Starmap {
            function: args[0].clone(),
            source,
        },
    ))
}

struct While {
    predicate: Value,
    source: Value,
    /// `takewhile` stops at the first false; `dropwhile` starts there.
    take: bool,
    switched: bool,
}

impl NativeIterator for While {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        loop {
            if self.take && self.switched {
                return Ok(None);
            }
            let Some(item) = next(interp, &self.source)? else {
                return Ok(None);
            };
            if !self.take && self.switched {
                return Ok(Some(item));
            }
            let verdict = call(interp, &self.predicate, std::slice::from_ref(&item), &[])?;
            let holds = crate::special::truthy(interp, &verdict)?;
            if self.take {
                if holds {
                    return Ok(Some(item));
                }
                self.switched = true;
            } else if !holds {
                self.switched = true;
                return Ok(Some(item));
            }
        }
    }
}

fn while_of(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
    take: bool,
) -> PyResult<Value> {
    let a = Args::new(if take { "takewhile" } else { "dropwhile" }, args, kwnames);
    a.finish()?;
    a.arity(2, 2)?;
    let source = get_iter(interp, &args[1])?;
    Ok(native(
        if take { &TAKEWHILE } else { &DROPWHILE },
        While {
            predicate: args[0].clone(),
            source,
            take,
            switched: false,
        },
    ))
}

fn takewhile(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    while_of(interp, args, kwnames, true)
}

fn dropwhile(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    while_of(interp, args, kwnames, false)
}

struct Compress {
    data: Value,
    selectors: Value,
}

impl NativeIterator for Compress {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        loop {
            let Some(item) = next(interp, &self.data)? else {
                return Ok(None);
            };
            let Some(selector) = next(interp, &self.selectors)? else {
                return Ok(None);
            };
            if crate::special::truthy(interp, &selector)? {
                return Ok(Some(item));
            }
        }
    }
}

fn compress(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("compress", args, kwnames);
    let data = a.keyword("data").cloned();
    let selectors = a.keyword("selectors").cloned();
    a.finish()?;
    let n = a.positional.len() + kwnames.len();
    if n > 2 {
        return Err(type_error(format!(
            "compress() takes at most 2 arguments ({n} given)"
        )));
    }
    let mut given = a.positional.iter().cloned();
    let Some(data) = given.next().or(data) else {
        return Err(type_error(
            "compress() missing required argument 'data' (pos 1)",
        ));
    };
    let Some(selectors) = given.next().or(selectors) else {
        return Err(type_error(
            "compress() missing required argument 'selectors' (pos 2)",
        ));
    };
    let data = get_iter(interp, &data)?;
    let selectors = get_iter(interp, &selectors)?;
    Ok(native(&COMPRESS, Compress { data, selectors }))
}

struct Pairwise {
    source: Value,
    previous: Option<Value>,
}

impl NativeIterator for Pairwise {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        let previous = match self.previous.take() {
            Some(previous) => previous,
            None => match next(interp, &self.source)? {
                Some(first) => first,
                None => return Ok(None),
            },
        };
        let Some(item) = next(interp, &self.source)? else {
            return Ok(None);
        };
        self.previous = Some(item.clone());
        Ok(Some(Value::tuple(vec![previous, item])))
    }
}

fn pairwise(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let a = Args::new("pairwise", args, kwnames);
    a.finish()?;
    a.arity(1, 1)?;
    let source = get_iter(interp, &args[0])?;
    Ok(native(
        &PAIRWISE,
        Pairwise {
            source,
            previous: None,
        },
    ))
}

struct GroupBy {
    source: Value,
    key: Value,
    pending: Option<(Value, Value)>,
}

impl GroupBy {
    fn key_of(&self, interp: &mut Interp, item: &Value) -> PyResult<Value> {
        match &self.key {
            Value::None => Ok(item.clone()),
            f => call(interp, f, std::slice::from_ref(item), &[]),
        }
    }
}

impl NativeIterator for GroupBy {
    fn next(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        let (key, first) = match self.pending.take() {
            Some(pending) => pending,
            None => match next(interp, &self.source)? {
                Some(item) => (self.key_of(interp, &item)?, item),
                None => return Ok(None),
            },
        };
        let mut group = vec![first];
        while let Some(item) = next(interp, &self.source)? {
            let item_key = self.key_of(interp, &item)?;
            if crate::compare::equal(interp, &item_key, &key)? {
                group.push(item);
            } else {
                self.pending = Some((item_key, item));
                break;
            }
        }
        let group = get_iter(interp, &Value::list(group))?;
        Ok(Some(Value::tuple(vec![key, group])))
    }
}

fn groupby(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("groupby", args, kwnames);
    let key = a.keyword("key").cloned();
    a.finish()?;
    a.arity(1, 2)?;
    let source = get_iter(interp, &a.positional[0])?;
    let key = a.positional.get(1).cloned().or(key).unwrap_or_default();
    Ok(native(
        &GROUPBY,
        GroupBy {
            source,
            key,
            pending: None,
        },
    ))
}

static FUNCTIONS: &[Builtin] = &[
    Builtin {
        name: "count",
        func: count,
    },
    Builtin {
        name: "cycle",
        func: cycle,
    },
    Builtin {
        name: "repeat",
        func: repeat,
    },
    Builtin {
        name: "chain",
        func: chain,
    },
    Builtin {
        name: "islice",
        func: islice,
    },
    Builtin {
        name: "product",
        func: super::itertools_combinatorics::product,
    },
    Builtin {
        name: "permutations",
        func: super::itertools_combinatorics::permutations,
    },
    Builtin {
        name: "combinations",
        func: super::itertools_combinatorics::combinations,
    },
    Builtin {
        name: "combinations_with_replacement",
        func: super::itertools_combinatorics::combinations_with_replacement,
    },
    Builtin {
        name: "accumulate",
        func: accumulate,
    },
    Builtin {
        name: "zip_longest",
        func: zip_longest,
    },
    Builtin {
        name: "starmap",
        func: starmap,
    },
    Builtin {
        name: "takewhile",
        func: takewhile,
    },
    Builtin {
        name: "dropwhile",
        func: dropwhile,
    },
    Builtin {
        name: "pairwise",
        func: pairwise,
    },
    Builtin {
        name: "groupby",
        func: groupby,
    },
    Builtin {
        name: "compress",
        func: compress,
    },
    Builtin {
        name: "tee",
        func: super::itertools_tee::tee,
    },
    Builtin {
        name: "filterfalse",
        func: super::itertools_tee::filterfalse,
    },
];

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    module("itertools", &functions, Vec::new())
}
