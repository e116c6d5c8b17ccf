//! The common methods of `list`, `dict`, `str` (more of `str`'s are in
//! `strings.rs`) and `float`, and `dict.fromkeys`.
//!
//! What `obj.name` means, binding these methods to their receiver included,
//! is `attributes/`; this file only lists and implements them.

use crate::call::{self, Args};
use crate::exceptions::{index_error, type_error, value_error, PyResult};
use crate::iter::{self, DictPart};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

builtin_table!(LIST_METHODS {
    "append" => list_append,
    "extend" => list_extend,
    "pop" => list_pop,
    "insert" => list_insert,
    "remove" => list_remove,
    "index" => crate::search::sequence_index,
    "count" => crate::search::sequence_count,
    "reverse" => list_reverse,
    "sort" => list_sort,
    "copy" => list_copy,
    "clear" => list_clear,
});

builtin_table!(DICT_METHODS {
    "get" => dict_get,
    "keys" => dict_keys,
    "values" => dict_values,
    "items" => dict_items,
    "pop" => dict_pop,
    "setdefault" => dict_setdefault,
    "update" => dict_update,
    "copy" => dict_copy,
    "clear" => dict_clear,
    "popitem" => dict_popitem,
});

builtin_table!(TUPLE_METHODS {
    "index" => crate::search::sequence_index,
    "count" => crate::search::sequence_count,
});

builtin_table!(INT_METHODS {
    "bit_length" => int_bit_length,
    "bit_count" => int_bit_count,
    "conjugate" => int_conjugate,
});

builtin_table!(FLOAT_METHODS {
    "is_integer" => float_is_integer,
});

pub(crate) static DICT_FROMKEYS: Builtin = Builtin {
    name: "fromkeys",
    func: dict_fromkeys,
};

builtin_table!(STR_METHODS {
    "join" => str_join,
    "split" => str_split,
    "strip" => str_strip,
    "lstrip" => str_lstrip,
    "rstrip" => str_rstrip,
    "upper" => str_upper,
    "lower" => str_lower,
    "replace" => str_replace,
    "startswith" => crate::search::startswith,
    "endswith" => crate::search::endswith,
    "find" => crate::search::find,
    "count" => crate::search::count,
    "isdigit" => str_isdigit,
    "isalpha" => str_isalpha,
    "isspace" => str_isspace,
    "format" => str_format,
    "encode" => str_encode,
});

/// The builtin method `name` of a list, dict or str, unbound (for `LOAD_METHOD`).
pub fn builtin_method(value: &Value, name: &Rc<PyStr>) -> Option<&'static Builtin> {
    let table = match value {
        Value::List(_) => LIST_METHODS,
        Value::Tuple(_) => TUPLE_METHODS,
        Value::Float(_) => FLOAT_METHODS,
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => INT_METHODS,
        Value::Dict(d) => {
            if let Some(method) = crate::modules::collections::flavor_method(d, name.as_str()) {
                return Some(method);
            }
            DICT_METHODS
        }
        Value::Str(_) => STR_METHODS,
        _ => return None,
    };
    table.iter().find(|m| m.name == name.as_str()).or_else(|| {
        extra_methods(value.type_of())
            .iter()
            .find(|m| m.name == name.as_str())
    })
}

/// The methods of the builtin type `t` defined outside `methods.rs`
/// (`strings.rs`, `number_methods.rs`), searched after `type_methods`.
pub fn extra_methods(t: &'static crate::types::PyType) -> &'static [Builtin] {
    if std::ptr::eq(t, &crate::types::BYTEARRAY) {
        return crate::bytearray::METHODS;
    }
    match t.kind {
        crate::types::TypeKind::Str => crate::strings::METHODS,
        crate::types::TypeKind::Int | crate::types::TypeKind::Bool => {
            crate::number_methods::INT_METHODS
        }
        crate::types::TypeKind::Float => crate::number_methods::FLOAT_METHODS,
        _ => &[],
    }
}

/// The static and class methods of builtin types, as plain builtins
/// (`dict.fromkeys`, `int.from_bytes`, `str.maketrans`).
pub fn static_method(t: &'static crate::types::PyType, name: &str) -> Option<&'static Builtin> {
    use crate::types::TypeKind;
    match (t.kind, name) {
        (TypeKind::Dict, "fromkeys") => Some(&DICT_FROMKEYS),
        (TypeKind::Int, "from_bytes") => Some(&crate::number_methods::INT_FROM_BYTES),
        (TypeKind::Str, "maketrans") => Some(&crate::strings::MAKETRANS),
        (TypeKind::Bytes, "fromhex") => Some(&crate::bytes_methods::FROMHEX),
        (TypeKind::Bytes, "maketrans") => Some(&crate::bytes_methods::MAKETRANS),
        _ => None,
    }
}

/// The methods of the builtin type `t` that `methods.rs` defines (empty for
/// types without any here).
pub fn type_methods(t: &'static crate::types::PyType) -> &'static [Builtin] {
    if std::ptr::eq(t, &crate::types::BYTEARRAY) {
        return crate::bytearray::METHODS;
    }
    match t.kind {
        crate::types::TypeKind::List => LIST_METHODS,
        crate::types::TypeKind::Tuple => TUPLE_METHODS,
        crate::types::TypeKind::Dict => DICT_METHODS,
        crate::types::TypeKind::Str => STR_METHODS,
        crate::types::TypeKind::Float => FLOAT_METHODS,
        crate::types::TypeKind::Int | crate::types::TypeKind::Bool => INT_METHODS,
        crate::types::TypeKind::Set => crate::set_methods::METHODS,
        crate::types::TypeKind::FrozenSet => crate::set_methods::FROZEN_METHODS,
        _ => &[],
    }
}

// ----- float -----------------------------------------------------------------

/// `float.is_integer()`: finite with no fractional part.
fn float_is_integer(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("float.is_integer", args, kw, 0)?;
    match &args[0] {
        Value::Float(f) => Ok(Value::Bool(f.is_finite() && f.fract() == 0.0)),
        other => Err(type_error(format!(
            "descriptor 'is_integer' for 'float' objects doesn't apply to a '{}' object",
            other.type_name()
        ))),
    }
}

// ----- int -------------------------------------------------------------------

/// How many bits the magnitude of an int method's receiver has, and how
/// many of them are ones.
fn int_receiver(name: &'static str, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<(u64, u64)> {
    exact(name, args, kw, 0)?;
    match crate::numbers::Num::of(&args[0]) {
        Some(crate::numbers::Num::Int(i)) => {
            let magnitude = i.unsigned_abs();
            Ok((
                u64::from(64 - magnitude.leading_zeros()),
                u64::from(magnitude.count_ones()),
            ))
        }
        Some(crate::numbers::Num::Big(b)) => Ok((b.bits(), b.magnitude().count_ones())),
        _ => Err(type_error(format!(
            "descriptor '{}' for 'int' objects doesn't apply to a '{}' object",
            name.trim_start_matches("int."),
            args[0].type_name()
        ))),
    }
}

/// `int.bit_length()`: the bits of the absolute value.
fn int_bit_length(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(
        int_receiver("int.bit_length", args, kw)?.0 as i64,
    ))
}

/// `int.bit_count()`: the one bits of the absolute value.
fn int_bit_count(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(
        int_receiver("int.bit_count", args, kw)?.1 as i64,
    ))
}

/// `int.conjugate()`: the int itself (a bool gives its int).
fn int_conjugate(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("int.conjugate", args, kw, 0)?;
    match &args[0] {
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Int(_) | Value::BigInt(_) => Ok(args[0].clone()),
        other => Err(type_error(format!(
            "descriptor 'conjugate' for 'int' objects doesn't apply to a '{}' object",
            other.type_name()
        ))),
    }
}

// ----- list ------------------------------------------------------------------

fn list_of(args: &[Value]) -> &Rc<crate::value::PyList> {
    match &args[0] {
        Value::List(l) => l,
        _ => unreachable!("list methods are bound to lists"),
    }
}

fn exact(name: &'static str, args: &[Value], kwnames: &[Rc<PyStr>], n: usize) -> PyResult<()> {
    call::no_keywords(name, kwnames)?;
    let given = args.len() - 1;
    if given == n {
        return Ok(());
    }
    Err(type_error(match n {
        0 => format!("{name}() takes no arguments ({given} given)"),
        1 => format!("{name}() takes exactly one argument ({given} given)"),
        _ => format!("{name} expected {n} arguments, got {given}"),
    }))
}

fn list_append(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("list.append", args, kw, 1)?;
    crate::memory::push(&mut list_of(args).items.borrow_mut(), args[1].clone())?;
    Ok(Value::None)
}

fn list_extend(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("list.extend", args, kw, 1)?;
    let extra = iter::collect(interp, &args[1])?;
    let mut items = list_of(args).items.borrow_mut();
    crate::memory::reserve(&mut items, extra.len())?;
    items.extend(extra);
    Ok(Value::None)
}

fn int_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn list_pop(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("pop", kw)?;
    let mut items = list_of(args).items.borrow_mut();
    if items.is_empty() {
        return Err(index_error("pop from empty list"));
    }
    let len = items.len() as i64;
    let index = match args.get(1) {
        Some(i) => int_arg(i)?,
        None => len - 1,
    };
    let index = if index < 0 { index + len } else { index };
    if !(0..len).contains(&index) {
        return Err(index_error("pop index out of range"));
    }
    Ok(items.remove(index as usize))
}

fn list_insert(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("insert", args, kw, 2)?;
    let mut items = list_of(args).items.borrow_mut();
    let len = items.len() as i64;
    let index = int_arg(&args[1])?;
    let index = if index < 0 {
        (index + len).max(0)
    } else {
        index.min(len)
    };
    crate::memory::reserve(&mut items, 1)?;
    items.insert(index as usize, args[2].clone());
    Ok(Value::None)
}

fn list_remove(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("list.remove", args, kw, 1)?;
    match crate::compare::position(interp, list_of(args).iter_items(), &args[1])? {
        Some(i) => {
            list_of(args).items.borrow_mut().remove(i);
            Ok(Value::None)
        }
        None => Err(value_error("list.remove(x): x not in list")),
    }
}

fn list_reverse(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("reverse", args, kw, 0)?;
    list_of(args).items.borrow_mut().reverse();
    Ok(Value::None)
}

fn list_sort(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("sort", &args[1..], kw);
    let key = a.keyword("key");
    let reverse = a.keyword("reverse").is_some_and(Value::truthy);
    a.finish()?;
    if !a.positional.is_empty() {
        return Err(type_error("sort() takes no positional arguments"));
    }
    // The list is empty while it sorts, as in CPython. Whatever a key or
    // `__lt__` adds to it meanwhile gives it storage (CPython's check is on
    // its allocation too), is dropped, and is an error unless one is
    // already on its way.
    let items = std::mem::take(&mut *list_of(args).items.borrow_mut());
    let sorted = crate::builtins::sort_values(interp, items.clone(), key, reverse);
    let modified = list_of(args).items.borrow().capacity() > 0;
    *list_of(args).items.borrow_mut() = match sorted {
        Ok(sorted) => sorted,
        Err(e) => {
            *list_of(args).items.borrow_mut() = items;
            return Err(e);
        }
    };
    if modified {
        return Err(value_error("list modified during sort"));
    }
    Ok(Value::None)
}

fn list_copy(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("copy", args, kw, 0)?;
    Ok(Value::list(list_of(args).items.borrow().clone()))
}

fn list_clear(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("clear", args, kw, 0)?;
    list_of(args).items.borrow_mut().clear();
    Ok(Value::None)
}

// ----- dict ------------------------------------------------------------------

fn dict_of(args: &[Value]) -> &Rc<crate::value::PyDict> {
    match &args[0] {
        Value::Dict(d) => d,
        _ => unreachable!("dict methods are bound to dicts"),
    }
}

fn dict_get(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("get", kw)?;
    if !(2..=3).contains(&args.len()) {
        return Err(type_error(format!(
            "get expected at least 1 argument, got {}",
            args.len() - 1
        )));
    }
    let key = crate::hash::dict_key(interp, dict_of(args), args[1].clone())?;
    Ok(dict_of(args)
        .map()
        .get(&key)
        .cloned()
        .unwrap_or_else(|| args.get(2).cloned().unwrap_or(Value::None)))
}

/// `keys()`, `values()` and `items()` return live views of the dict.
fn dict_part(args: &[Value], part: DictPart) -> PyResult<Value> {
    Ok(Value::DictView(Rc::new(crate::value::DictView {
        dict: dict_of(args).clone(),
        part,
    })))
}

fn dict_keys(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("keys", args, kw, 0)?;
    dict_part(args, DictPart::Keys)
}

fn dict_values(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("values", args, kw, 0)?;
    dict_part(args, DictPart::Values)
}

fn dict_items(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("items", args, kw, 0)?;
    dict_part(args, DictPart::Items)
}

fn dict_pop(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("pop", kw)?;
    let key = crate::hash::dict_key(
        interp,
        dict_of(args),
        args.get(1)
            .cloned()
            .ok_or_else(|| type_error("pop expected at least 1 argument, got 0"))?,
    )?;
    match (dict_of(args).map_mut().shift_remove(&key), args.get(2)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(crate::exceptions::key_error(args[1].clone())),
    }
}

fn dict_popitem(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("popitem", args, kw, 0)?;
    let popped = dict_of(args).map_mut().pop();
    match popped {
        Some((key, value)) => Ok(Value::tuple(vec![key.0, value])),
        None => Err(crate::exceptions::key_error(Value::str(
            "popitem(): dictionary is empty",
        ))),
    }
}

fn dict_fromkeys(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("fromkeys", kw)?;
    let (keys, value) = match args {
        [keys] => (keys, Value::None),
        [keys, value] => (keys, value.clone()),
        _ => {
            return Err(type_error(format!(
                "fromkeys expected at most 2 arguments, got {}",
                args.len()
            )))
        }
    };
    let dict = crate::value::PyDict::new();
    for key in iter::collect(interp, keys)? {
        let key = crate::hash::dict_key(interp, &dict, key)?;
        dict.map_mut().insert(key, value.clone());
    }
    Ok(Value::Dict(Rc::new(dict)))
}

fn dict_setdefault(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("setdefault", kw)?;
    let key = crate::hash::dict_key(
        interp,
        dict_of(args),
        args.get(1)
            .cloned()
            .ok_or_else(|| type_error("setdefault expected at least 1 argument, got 0"))?,
    )?;
    let default = args.get(2).cloned().unwrap_or(Value::None);
    Ok(dict_of(args)
        .map_mut()
        .entry(key)
        .or_insert(default)
        .clone())
}

fn dict_update(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let updated = crate::construct::call_type(interp, &crate::types::DICT, &args[1..], kw)?;
    if let Value::Dict(other) = updated {
        let entries = other.map().clone();
        dict_of(args).map_mut().extend(entries);
    }
    Ok(Value::None)
}

/// `a | b` and `a |= b` for dicts (`|=` takes what `update` takes). The
/// result keeps the flavour of `a`, or else of `b` (`dict | OrderedDict`
/// is an `OrderedDict`, through its reflected operator), except `Counter`'s:
/// a counter and a plain dict make a plain dict.
pub(crate) fn dict_union(
    interp: &mut Interp,
    inplace: bool,
    a: &Rc<crate::value::PyDict>,
    b: &Value,
) -> Option<PyResult<Value>> {
    if inplace {
        let args = [Value::Dict(a.clone()), b.clone()];
        return Some(dict_update(interp, &args, &[]).map(|_| args[0].clone()));
    }
    let Value::Dict(b) = b else {
        return None;
    };
    let mut union = crate::value::PyDict::from_map(a.map().clone());
    union.map_mut().extend(b.map().clone());
    let kept = |flavor: &Option<Box<crate::value::DictFlavor>>| {
        flavor
            .clone()
            .filter(|f| !matches!(**f, crate::value::DictFlavor::Counter))
    };
    union.flavor = kept(&a.flavor).or_else(|| kept(&b.flavor));
    Some(Ok(Value::Dict(Rc::new(union))))
}

fn dict_copy(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("copy", args, kw, 0)?;
    Ok(Value::dict(dict_of(args).map().clone()))
}

fn dict_clear(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("clear", args, kw, 0)?;
    dict_of(args).map_mut().clear();
    Ok(Value::None)
}

// ----- str -------------------------------------------------------------------

fn text(args: &[Value]) -> &str {
    args[0].as_str().unwrap_or_default()
}

fn str_arg<'a>(v: &'a Value, method: &str) -> PyResult<&'a str> {
    v.as_str()
        .ok_or_else(|| type_error(format!("{method} arg must be None or str")))
}

fn str_join(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("str.join", args, kw, 1)?;
    let joined = iter::with_items(interp, &args[1], |items| {
        if let Some((i, item)) = items.iter().enumerate().find(|(_, v)| v.as_str().is_none()) {
            return Err(type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                item.type_name()
            )));
        }
        let part = |i: usize| items[i].as_str().unwrap_or_default().as_bytes();
        crate::memory::join(text(args).as_bytes(), items.len(), part)
    })?;
    // SAFETY: UTF-8 strings joined with a UTF-8 separator.
    Ok(Value::str(unsafe { String::from_utf8_unchecked(joined) }))
}

fn str_split(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("split", &args[1..], kw);
    let sep = a.keyword("sep").cloned();
    let maxsplit = a.keyword("maxsplit").cloned();
    a.finish()?;
    let sep = a.positional.first().cloned().or(sep).unwrap_or(Value::None);
    let limit = match a.positional.get(1).cloned().or(maxsplit) {
        Some(v) => int_arg(&v)?,
        None => -1,
    };
    let limit = if limit < 0 {
        usize::MAX
    } else {
        limit as usize
    };
    let s = text(args);
    let parts: Vec<Value> = match &sep {
        Value::None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if out.len() == limit {
                    out.push(Value::str(rest));
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(Value::str(&rest[..end]));
                rest = rest[end..].trim_start();
            }
            out
        }
        Value::Str(sep) if sep.as_str().is_empty() => return Err(value_error("empty separator")),
        Value::Str(sep) => s
            .splitn(limit.saturating_add(1), sep.as_str())
            .map(Value::str)
            .collect(),
        other => {
            return Err(type_error(format!(
                "must be str or None, not {}",
                other.type_name()
            )))
        }
    };
    Ok(Value::list(parts))
}

fn strip_with(
    args: &[Value],
    kw: &[Rc<PyStr>],
    name: &'static str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    call::no_keywords(name, kw)?;
    let s = text(args);
    let chars: Option<Vec<char>> = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(str_arg(v, name)?.chars().collect()),
    };
    let matches = |c: char| {
        chars
            .as_ref()
            .map_or(c.is_whitespace(), |set| set.contains(&c))
    };
    let mut out = s;
    if left {
        out = out.trim_start_matches(matches);
    }
    if right {
        out = out.trim_end_matches(matches);
    }
    Ok(Value::str(out))
}

fn str_strip(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    strip_with(args, kw, "strip", true, true)
}

fn str_lstrip(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    strip_with(args, kw, "lstrip", true, false)
}

fn str_rstrip(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    strip_with(args, kw, "rstrip", false, true)
}

fn str_upper(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("str.upper", args, kw, 0)?;
    Ok(Value::str(crate::unicode_case::upper(text(args))))
}

fn str_lower(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    exact("str.lower", args, kw, 0)?;
    Ok(Value::str(crate::unicode_case::lower(text(args))))
}

fn str_replace(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("replace", kw)?;
    if !(3..=4).contains(&args.len()) {
        return Err(type_error(format!(
            "replace expected at least 2 arguments, got {}",
            args.len() - 1
        )));
    }
    let old = str_arg(&args[1], "replace")?;
    let new = str_arg(&args[2], "replace")?;
    let count = match args.get(3) {
        Some(v) => int_arg(v)?,
        None => -1,
    };
    Ok(Value::str(if count < 0 {
        text(args).replace(old, new)
    } else {
        text(args).replacen(old, new, count as usize)
    }))
}

fn classify(
    args: &[Value],
    kw: &[Rc<PyStr>],
    name: &'static str,
    test: fn(char) -> bool,
) -> PyResult<Value> {
    exact(name, args, kw, 0)?;
    let s = text(args);
    Ok(Value::Bool(!s.is_empty() && s.chars().all(test)))
}

fn str_isdigit(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    classify(args, kw, "str.isdigit", |c| c.is_ascii_digit())
}

fn str_isalpha(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    classify(args, kw, "str.isalpha", char::is_alphabetic)
}

fn str_encode(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("encode", args, kw);
    let encoding_kw = a.keyword("encoding").cloned();
    let errors_kw = a.keyword("errors").cloned();
    a.finish()?;
    a.arity(1, 3)?;
    let Some(Value::Str(text)) = a.positional.first() else {
        return Err(type_error("descriptor 'encode' requires a 'str' object"));
    };
    let argument = |value: Option<&Value>, default: &str, what: &str| match value {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(other) => Err(type_error(format!(
            "encode() argument '{what}' must be str, not {}",
            other.type_name()
        ))),
    };
    let encoding = argument(
        a.positional.get(1).or(encoding_kw.as_ref()),
        "utf-8",
        "encoding",
    )?;
    let errors = argument(
        a.positional.get(2).or(errors_kw.as_ref()),
        "strict",
        "errors",
    )?;
    let text = Value::Str(text.clone());
    crate::bytes::encode_any(interp, &text, &encoding, &errors)
}

fn str_format(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let positional = &args[..args.len() - kw.len()];
    let Some(Value::Str(template)) = positional.first() else {
        return Err(type_error("descriptor 'format' requires a 'str' object"));
    };
    let keywords: Vec<(Rc<PyStr>, Value)> = kw
        .iter()
        .cloned()
        .zip(args[positional.len()..].iter().cloned())
        .collect();
    let text =
        crate::printf::format_method(interp, template.as_str(), &positional[1..], &keywords)?;
    Ok(Value::str(text))
}

fn str_isspace(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    classify(args, kw, "str.isspace", char::is_whitespace)
}
