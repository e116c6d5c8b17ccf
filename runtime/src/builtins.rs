//! The builtin functions (`print`, `len`, `sorted`, ...) and the behaviour of
//! calling a builtin type (`int("12")`, `range(3)`, `list(xs)`).
//!
//! Each builtin is a static `Builtin` with CPython's name, argument rules and
//! error messages. Methods of builtin types live in `methods.rs`.

use crate::call::{self, Args};
use crate::classes::build_class;
use crate::compare;
use crate::exceptions::{type_error, value_error, PyResult};
use crate::iter;
use crate::numbers::{self, Num};
use crate::repr;
use crate::types::{self, PyType};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
use std::io::Write;
use std::rc::Rc;

macro_rules! builtins {
    ($($ident:ident = $name:literal => $func:ident;)*) => {
        $(pub static $ident: Builtin = Builtin { name: $name, func: $func };)*
        /// Every builtin function bound to a builtin name.
        pub static FUNCTIONS: &[&Builtin] = &[$(&$ident),*];
    };
}

builtins! {
    PRINT = "print" => print;
    LEN = "len" => len;
    ABS = "abs" => abs;
    MIN = "min" => min;
    MAX = "max" => max;
    SUM = "sum" => sum;
    REPR = "repr" => repr_builtin;
    ISINSTANCE = "isinstance" => isinstance;
    ISSUBCLASS = "issubclass" => issubclass;
    ROUND = "round" => round;
    DIVMOD = "divmod" => divmod;
    POW = "pow" => pow;
    CHR = "chr" => chr;
    ORD = "ord" => ord;
    HEX = "hex" => hex;
    BIN = "bin" => bin;
    OCT = "oct" => oct;
    SORTED = "sorted" => sorted;
    ITER = "iter" => iter_builtin;
    NEXT = "next" => next;
    ANY = "any" => any;
    ALL = "all" => all;
    HASH = "hash" => hash;
    ID = "id" => id;
    CALLABLE = "callable" => callable;
    FORMAT = "format" => format;
    GETATTR = "getattr" => getattr;
    HASATTR = "hasattr" => hasattr;
    SETATTR = "setattr" => setattr;
    DELATTR = "delattr" => delattr;
    BUILD_CLASS = "__build_class__" => build_class;
}

fn one<'a>(name: &'static str, args: &'a [Value], kwnames: &[Rc<PyStr>]) -> PyResult<&'a Value> {
    call::no_keywords(name, kwnames)?;
    match args {
        [x] => Ok(x),
        _ => Err(type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

fn print(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("print", args, kwnames);
    let text_arg = |v: Option<&Value>, default: &str, what: &str| -> PyResult<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.as_str().to_string()),
            Some(other) => Err(type_error(format!(
                "{what} must be None or a string, not {}",
                other.type_name()
            ))),
        }
    };
    let sep = text_arg(a.keyword("sep"), " ", "sep")?;
    let end = text_arg(a.keyword("end"), "\n", "end")?;
    let flush = a.keyword("flush").is_some_and(Value::truthy);
    let file = a
        .keyword("file")
        .filter(|f| !matches!(f, Value::None))
        .cloned();
    a.finish()?;
    // Without `file=`, print writes to `sys.stdout`, which a program (or
    // doctest) may have replaced.
    let file = file.or_else(|| match interp.module("sys") {
        Some(Value::Module(sys)) => sys.dict.get_str(&crate::code::intern("stdout")),
        _ => None,
    });
    // CPython writes each piece as it goes: when an argument's `__str__`
    // fails, what came before it (and its separator) is still written. A
    // file written by Python code sees every piece as its own `write`
    // (`ends` marks where each piece of `line` ends).
    let piecewise = file
        .as_ref()
        .is_some_and(|f| !crate::modules::io::is_builtin_stream(f));
    let mut line = String::new();
    let mut ends = Vec::new();
    let mut failed = None;
    for (i, value) in a.positional.iter().enumerate() {
        if i > 0 {
            line.push_str(&sep);
            if piecewise {
                ends.push(line.len());
            }
        }
        match repr::str(interp, value) {
            Ok(text) => line.push_str(&text),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
        if piecewise {
            ends.push(line.len());
        }
    }
    if failed.is_none() {
        line.push_str(&end);
        if piecewise {
            ends.push(line.len());
        }
    }
    match file {
        Some(file) if piecewise => {
            let mut from = 0;
            for to in ends {
                crate::modules::io::write_to(interp, &file, &line[from..to])?;
                from = to;
            }
        }
        Some(file) => crate::modules::io::write_to(interp, &file, &line)?,
        None => interp.write_stdout(line.as_bytes())?,
    }
    if let Some(e) = failed {
        return Err(e);
    }
    if flush {
        let _ = interp.stdout.flush();
    }
    Ok(Value::None)
}

pub fn length(value: &Value) -> PyResult<usize> {
    Ok(match value {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.items.borrow().len(),
        Value::Tuple(t) => t.items.len(),
        Value::Dict(d) => d.map().len(),
        Value::Range(r) => r.len() as usize,
        Value::DictView(v) => v.dict.map().len(),
        Value::Set(s) => s.table.borrow().len(),
        Value::Bytes(b) => b.data.len(),
        Value::Native(_) if crate::big_range::len(value).is_some() => {
            return crate::big_range::len(value).unwrap_or(Ok(0))
        }
        Value::Native(n) if n.0.len().is_some() => n.0.len().unwrap_or(0),
        other => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )))
        }
    })
}

fn len(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let value = one("len", args, kwnames)?;
    if crate::special::is_user(value) {
        if let Some(n) = crate::special::len(interp, value)? {
            return Ok(Value::Int(n as i64));
        }
    }
    Ok(Value::Int(length(value)? as i64))
}

fn abs(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let x = one("abs", args, kwnames)?;
    Ok(match x {
        _ if crate::special::is_user(x) => {
            return crate::special::unary(interp, x, "__abs__", "abs()");
        }
        Value::Int(i) => match i.checked_abs() {
            Some(v) => Value::Int(v),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Float(f) => Value::Float(f.abs()),
        Value::Native(_) if crate::complex::of(x).is_some() => {
            return crate::complex::unary(x, 'a').unwrap_or(Ok(Value::None))
        }
        other => {
            return Err(type_error(format!(
                "bad operand type for abs(): '{}'",
                other.type_name()
            )))
        }
    })
}

/// Calls `key` on `item` when a key function was given.
fn keyed(interp: &mut Interp, key: Option<&Value>, item: &Value) -> PyResult<Value> {
    match key {
        None | Some(Value::None) => Ok(item.clone()),
        Some(f) => call::call(interp, f, std::slice::from_ref(item), &[]),
    }
}

fn min_max(
    interp: &mut Interp,
    name: &'static str,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
    want_max: bool,
) -> PyResult<Value> {
    let mut a = Args::new(name, args, kwnames);
    let key = a.keyword("key");
    let default = a.keyword("default");
    a.finish()?;
    let items = match a.positional {
        [] => {
            return Err(type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        [single] => iter::collect(interp, single)?,
        many => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            many.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = keyed(interp, key, &item)?;
        let better = match &best {
            None => true,
            Some((_, best_key)) => {
                if want_max {
                    // As CPython asks: is the new item greater?
                    compare::compare(interp, pvm_frontend::CompareOperator::Gt, &k, best_key)?
                } else {
                    compare::less_than(interp, &k, best_key)?
                }
            }
        };
        if better {
            best = Some((item, k));
        }
    }
    match (best, default) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(value_error(format!("{name}() arg is an empty sequence"))),
    }
}

fn min(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    min_max(interp, "min", args, kwnames, false)
}

fn max(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    min_max(interp, "max", args, kwnames, true)
}

fn sum(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("sum", args, kwnames);
    let start_kw = a.keyword("start");
    a.finish()?;
    a.arity(1, 2)?;
    let mut total = a
        .positional
        .get(1)
        .or(start_kw)
        .cloned()
        .unwrap_or(Value::Int(0));
    if let Value::Str(_) = total {
        return Err(type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let it = iter::get_iter(interp, &a.positional[0])?;
    while let Some(item) = iter::next(interp, &it)? {
        total = crate::ops::binary_op(
            interp,
            pvm_frontend::BinaryOperator::Add,
            false,
            &total,
            &item,
        )?;
    }
    Ok(total)
}

fn repr_builtin(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(repr::repr(interp, one("repr", args, kwnames)?)?))
}

/// The types named by `isinstance`'s second argument.
/// Whether `t` is a subclass of one of the classes `spec` names: a class,
/// a tuple of them (nested), or a union. As in CPython, the members are
/// tried in order and a bad one is an error only when it is reached.
fn matches_spec(
    interp: &mut Interp,
    t: &'static PyType,
    spec: &Value,
    function: &str,
) -> PyResult<bool> {
    let members: &[Value] = match spec {
        Value::Type(class) => return subclass_of(interp, t, class),
        Value::Tuple(items) => &items.items,
        _ => match crate::union::alternatives(spec) {
            Some(members) => members,
            None if crate::native::downcast::<crate::alias::GenericAlias>(spec).is_some() => {
                return Err(type_error(format!(
                    "{function}() argument 2 cannot be a parameterized generic"
                )))
            }
            None => {
                let (one, many) = if function == "isinstance" {
                    ("type", "types")
                } else {
                    ("class", "classes")
                };
                return Err(type_error(format!(
                    "{function}() arg 2 must be a {one}, a tuple of {many}, or a union"
                )));
            }
        },
    };
    for member in members {
        if matches_spec(interp, t, member, function)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn isinstance(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("isinstance", kwnames)?;
    let [value, spec] = args else {
        return Err(type_error(format!(
            "isinstance expected 2 arguments, got {}",
            args.len()
        )));
    };
    Ok(Value::Bool(instance_of(interp, value, spec)?))
}

/// The `__instancecheck__` or `__subclasscheck__` a user metaclass of the
/// class `spec` defines, bound to it.
fn metaclass_check(spec: &Value, hook: &str) -> Option<Value> {
    let meta = match spec {
        Value::Type(class) if class.has_user_metaclass() => class.metaclass(),
        // An object standing for a class (`typing.Hashable`).
        Value::Instance(i) => i.class,
        _ => return None,
    };
    crate::attributes::user_lookup(meta, hook)
        .map(|found| crate::attributes::bind(found, spec, meta))
}

/// `isinstance(value, spec)`: a metaclass's `__instancecheck__` decides
/// for its classes (an exact type match aside), a tuple by its members.
fn instance_of(interp: &mut Interp, value: &Value, spec: &Value) -> PyResult<bool> {
    match spec {
        Value::Type(class) if std::ptr::eq(value.type_of(), *class) => Ok(true),
        Value::Tuple(items)
            if items
                .items
                .iter()
                .any(|i| metaclass_check(i, "__instancecheck__").is_some()) =>
        {
            for item in items.items.iter() {
                if instance_of(interp, value, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => match metaclass_check(spec, "__instancecheck__") {
            Some(hook) => {
                let answer = call::call(interp, &hook, std::slice::from_ref(value), &[])?;
                crate::special::truthy(interp, &answer)
            }
            None => matches_spec(interp, value.type_of(), spec, "isinstance"),
        },
    }
}

/// `issubclass(t, spec)`, with a metaclass's `__subclasscheck__`.
fn subclass_spec(interp: &mut Interp, t: &'static PyType, spec: &Value) -> PyResult<bool> {
    match spec {
        Value::Tuple(items)
            if items
                .items
                .iter()
                .any(|i| metaclass_check(i, "__subclasscheck__").is_some()) =>
        {
            for item in items.items.iter() {
                if subclass_spec(interp, t, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => match metaclass_check(spec, "__subclasscheck__") {
            Some(hook) => {
                let answer = call::call(interp, &hook, &[Value::Type(t)], &[])?;
                crate::special::truthy(interp, &answer)
            }
            None => matches_spec(interp, t, spec, "issubclass"),
        },
    }
}

fn issubclass(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("issubclass", kwnames)?;
    let [Value::Type(t), spec] = args else {
        return Err(type_error("issubclass() arg 1 must be a class"));
    };
    Ok(Value::Bool(subclass_spec(interp, t, spec)?))
}

/// Whether `t` counts as a subclass of `class`: it inherits from it, or
/// `class` defines `__subclasshook__` and that says so (how the abstract
/// base classes of `collections.abc` recognise types by their methods, as
/// `ABCMeta` makes them do in CPython).
pub(crate) fn subclass_of(
    interp: &mut Interp,
    t: &'static crate::types::PyType,
    class: &'static crate::types::PyType,
) -> PyResult<bool> {
    if t.is_subtype(class) {
        return Ok(true);
    }
    let Some(hook) = crate::attributes::user_lookup(class, "__subclasshook__") else {
        return Ok(false);
    };
    let hook = crate::attributes::bind(hook, &Value::Type(class), class);
    match call::call(interp, &hook, &[Value::Type(t)], &[])? {
        Value::Bool(answer) => Ok(answer),
        _ => Ok(false),
    }
}

fn round(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("round", args, kwnames);
    let ndigits_kw = a.keyword("ndigits");
    a.finish()?;
    a.arity(1, 2)?;
    let number = &a.positional[0];
    if crate::special::is_user(number) {
        // `number.__round__(ndigits)`, else the int or float it extends.
        let given: Vec<Value> = a
            .positional
            .get(1)
            .or(ndigits_kw)
            .cloned()
            .into_iter()
            .collect();
        if let Some(result) = crate::special::call_special(interp, number, "__round__", &given)? {
            return Ok(result);
        }
        if let Some(base @ (Value::Int(_) | Value::BigInt(_) | Value::Float(_))) =
            crate::subclass::part(number)
        {
            let mut full = vec![base.clone()];
            full.extend(given);
            return round(interp, &full, &[]);
        }
    }
    let digits = match a.positional.get(1).or(ndigits_kw) {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) => Some(*n),
        Some(Value::Bool(b)) => Some(*b as i64),
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    match &a.positional[0] {
        Value::Float(f) => numbers::round_float(*f, digits),
        v @ (Value::Int(_) | Value::BigInt(_)) => numbers::round_int(v, digits.unwrap_or(0)),
        Value::Bool(b) => numbers::round_int(&Value::Int(*b as i64), digits.unwrap_or(0)),
        other => Err(type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

fn divmod(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("divmod", kwnames)?;
    let [a, b] = args else {
        return Err(type_error(format!(
            "divmod expected 2 arguments, got {}",
            args.len()
        )));
    };
    // `a.__divmod__(b)`, then `b.__rdivmod__(a)`, for classes that define them.
    for (receiver, other, name) in [(a, b, "__divmod__"), (b, a, "__rdivmod__")] {
        if crate::special::is_user(receiver) {
            if let Some(result) =
                crate::special::call_special(interp, receiver, name, std::slice::from_ref(other))?
            {
                if !matches!(result, Value::NotImplemented) {
                    return Ok(result);
                }
            }
        }
    }
    match (Num::of(a), Num::of(b)) {
        (Some(x), Some(y)) => numbers::divmod(&x, &y)
            .unwrap_or_else(|| Err(type_error("unsupported operand type(s) for divmod()"))),
        _ => Err(type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))),
    }
}

fn pow(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("pow", args, kwnames);
    let base_kw = a.keyword("base");
    let exp_kw = a.keyword("exp");
    let mod_kw = a.keyword("mod");
    a.finish()?;
    let p = a.positional;
    let base = p
        .first()
        .or(base_kw)
        .ok_or_else(|| type_error("pow() missing required argument 'base' (pos 1)"))?;
    let exp = p
        .get(1)
        .or(exp_kw)
        .ok_or_else(|| type_error("pow() missing required argument 'exp' (pos 2)"))?;
    match p.get(2).or(mod_kw) {
        None | Some(Value::None) => crate::ops::binary_op(
            interp,
            pvm_frontend::BinaryOperator::Power,
            false,
            base,
            exp,
        ),
        Some(m) => match (Num::of(base), Num::of(exp), Num::of(m)) {
            (
                Some(b @ (Num::Int(_) | Num::Big(_))),
                Some(e @ (Num::Int(_) | Num::Big(_))),
                Some(m @ (Num::Int(_) | Num::Big(_))),
            ) => numbers::pow_mod(&b, &e, &m),
            _ if [base, exp].iter().any(|v| crate::complex::of(v).is_some()) => {
                Err(value_error("complex modulo"))
            }
            _ => Err(type_error(
                "pow() 3rd argument not allowed unless all arguments are integers",
            )),
        },
    }
}

/// An int argument as a big integer (bools count as ints).
pub(crate) fn integer_arg(value: &Value) -> PyResult<BigInt> {
    match value {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::BigInt(b) => Ok((**b).clone()),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn chr(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let code = integer_arg(one("chr", args, kwnames)?)?;
    code.to_u32()
        .and_then(char::from_u32)
        .map(|c| Value::str(c.to_string()))
        .ok_or_else(|| value_error("chr() arg not in range(0x110000)"))
}

fn ord(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    match one("ord", args, kwnames)? {
        Value::Str(s) => {
            let mut chars = s.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                ))),
            }
        }
        other => Err(type_error(format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}

fn radix(
    args: &[Value],
    kwnames: &[Rc<PyStr>],
    name: &'static str,
    base: u32,
    prefix: &str,
) -> PyResult<Value> {
    let n = integer_arg(one(name, args, kwnames)?)?;
    let sign = if n.is_negative() { "-" } else { "" };
    Ok(Value::str(format!(
        "{sign}{prefix}{}",
        n.abs().to_str_radix(base)
    )))
}

fn hex(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    radix(args, kwnames, "hex", 16, "0x")
}

fn bin(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    radix(args, kwnames, "bin", 2, "0b")
}

fn oct(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    radix(args, kwnames, "oct", 8, "0o")
}

/// Stable sort by `<`, with an optional key function, comparing as CPython
/// does (`sorting.rs`); the first comparison error ends it.
pub fn sort_values(
    interp: &mut Interp,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let mut keyed_items = Vec::with_capacity(items.len());
    for item in items {
        let k = keyed(interp, key, &item)?;
        keyed_items.push((k, item));
    }
    if reverse {
        keyed_items.reverse();
    }
    let mut order: Vec<usize> = (0..keyed_items.len()).collect();
    if !crate::sorting::sort_total(&mut order, &|i| &keyed_items[i].0) {
        crate::sorting::sort(&mut order, &mut |a, b| {
            interp.check_interrupt()?;
            compare::less_than(interp, &keyed_items[a].0, &keyed_items[b].0)
        })?;
    }
    let mut slots: Vec<Option<Value>> = keyed_items
        .into_iter()
        .map(|(_, item)| Some(item))
        .collect();
    let mut sorted: Vec<Value> = order.iter().filter_map(|&i| slots[i].take()).collect();
    if reverse {
        sorted.reverse();
    }
    Ok(sorted)
}

fn sorted(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("sorted", args, kwnames);
    let key = a.keyword("key");
    let reverse = a.keyword("reverse").is_some_and(Value::truthy);
    a.finish()?;
    let [iterable] = a.positional else {
        return Err(type_error(format!(
            "sorted expected 1 argument, got {}",
            a.positional.len()
        )));
    };
    let items = iter::collect(interp, iterable)?;
    Ok(Value::list(sort_values(interp, items, key, reverse)?))
}

fn iter_builtin(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    iter::get_iter(interp, one("iter", args, kwnames)?)
}

fn next(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("next", kwnames)?;
    let (it, default) = match args {
        [it] => (it, None),
        [it, default] => (it, Some(default)),
        _ => {
            return Err(type_error(format!(
                "next expected at least 1 argument, got {}",
                args.len()
            )))
        }
    };
    if let (Value::Generator(g), None) = (it, default) {
        return match g.resume(interp, crate::generators::Resume::Send(Value::None))? {
            crate::generators::Resumed::Yielded(v) => Ok(v),
            crate::generators::Resumed::Returned(v) => Err(crate::generators::stop_iteration(v)),
        };
    }
    match (iter::next(interp, it)?, default) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(crate::exceptions::stop_iteration()),
    }
}

fn any(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let it = iter::get_iter(interp, one("any", args, kwnames)?)?;
    while let Some(v) = iter::next(interp, &it)? {
        if v.truthy() {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let it = iter::get_iter(interp, one("all", args, kwnames)?)?;
    while let Some(v) = iter::next(interp, &it)? {
        if !v.truthy() {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn hash(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(crate::hash::hash_value(
        interp,
        one("hash", args, kwnames)?,
    )?))
}

fn id(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let v = one("id", args, kwnames)?;
    Ok(Value::Int(match v.object_ptr() {
        Some(p) => p as i64,
        None => crate::hash::hash(v).unwrap_or(0),
    }))
}

fn callable(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(is_callable(one("callable", args, kwnames)?)))
}

/// `callable(v)`.
pub fn is_callable(v: &Value) -> bool {
    matches!(
        v,
        Value::Function(_)
            | Value::Builtin(_)
            | Value::Method(_)
            | Value::MethodDescriptor(..)
            | Value::Type(_)
            | Value::BoundFunction(_)
    ) || (crate::special::is_user(v)
        && crate::attributes::user_lookup(v.type_of(), "__call__").is_some())
}

fn attribute_name<'a>(function: &str, name: &'a Value) -> PyResult<&'a Rc<PyStr>> {
    match name {
        Value::Str(s) => Ok(s),
        other => Err(type_error(format!(
            "{function}(): attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
}

fn getattr(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("getattr", kwnames)?;
    let (object, name, default) = match args {
        [object, name] => (object, name, None),
        [object, name, default] => (object, name, Some(default)),
        _ => {
            return Err(type_error(format!(
                "getattr expected 2 or 3 arguments, got {}",
                args.len()
            )))
        }
    };
    match (
        crate::attributes::get_attr(
            interp,
            object,
            &crate::code::intern(attribute_name("getattr", name)?.as_str()),
        ),
        default,
    ) {
        (Err(error), Some(default)) if error.is(&types::ATTRIBUTE_ERROR) => Ok(default.clone()),
        (result, _) => result,
    }
}

fn hasattr(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("hasattr", kwnames)?;
    let [object, name] = args else {
        return Err(type_error(format!(
            "hasattr expected 2 arguments, got {}",
            args.len()
        )));
    };
    let name = crate::code::intern(attribute_name("hasattr", name)?.as_str());
    match crate::attributes::get_attr(interp, object, &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(error) if error.is(&types::ATTRIBUTE_ERROR) => Ok(Value::Bool(false)),
        Err(error) => Err(error),
    }
}

fn setattr(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("setattr", kwnames)?;
    let [object, name, value] = args else {
        return Err(type_error(format!(
            "setattr expected 3 arguments, got {}",
            args.len()
        )));
    };
    let name = crate::code::intern(attribute_name("setattr", name)?.as_str());
    crate::attributes::set_attr(interp, object, &name, value.clone())?;
    Ok(Value::None)
}

fn delattr(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("delattr", kwnames)?;
    let [object, name] = args else {
        return Err(type_error(format!(
            "delattr expected 2 arguments, got {}",
            args.len()
        )));
    };
    let name = crate::code::intern(attribute_name("delattr", name)?.as_str());
    crate::attributes::del_attr(interp, object, &name)?;
    Ok(Value::None)
}

fn format(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("format", kwnames)?;
    match args {
        [v] => Ok(Value::str(crate::format::format(interp, v, "")?)),
        [v, Value::Str(spec)] => Ok(Value::str(crate::format::format(interp, v, spec.as_str())?)),
        [_, other] => Err(type_error(format!(
            "format() argument 2 must be str, not {}",
            other.type_name()
        ))),
        _ => Err(type_error(format!(
            "format expected at most 2 arguments, got {}",
            args.len()
        ))),
    }
}

/// The builtins namespace: every builtin function and named type.
pub fn namespace() -> crate::value::PyDict {
    let dict = crate::value::PyDict::new();
    for f in FUNCTIONS {
        dict.set_str(&crate::code::intern(f.name), Value::Builtin(f));
    }
    for t in types::NAMED.iter().filter(|t| t.name != "NoneType") {
        dict.set_str(&crate::code::intern(t.name), Value::Type(t));
    }
    for f in crate::scope::builtins().chain(crate::exec::FUNCTIONS) {
        dict.set_str(&crate::code::intern(f.name), Value::Builtin(f));
    }
    for (name, t) in types::ALIASES {
        dict.set_str(&crate::code::intern(name), Value::Type(t));
    }
    dict.set_str(
        &crate::code::intern("ascii"),
        Value::Builtin(&crate::introspect::ASCII),
    );
    dict.set_str(
        &crate::code::intern("dir"),
        Value::Builtin(&crate::introspect::DIR),
    );
    dict.set_str(
        &crate::code::intern("open"),
        Value::Builtin(&crate::modules::files::OPEN),
    );
    dict.set_str(
        &crate::code::intern("NotImplemented"),
        Value::NotImplemented,
    );
    dict.set_str(&crate::code::intern("Ellipsis"), Value::Ellipsis);
    dict
}
