//! Calling a builtin type: `int("12", 16)`, `float(" 1.5 ")`, `str(x)`,
//! `range(a, b, c)`, `dict(pairs, **kw)`, `enumerate`, `zip`, exception
//! types, ... with CPython's parsing rules and error messages.
//!
//! User-defined classes are not constructed here; they arrive with the
//! object-model issue.

use crate::call::Args;
use crate::exceptions::{type_error, value_error, PyResult};
use crate::hash::DictKey;
use crate::iter;
use crate::numbers;
use crate::repr;
use crate::types::{PyType, TypeKind};
use crate::value::{PyRange, PySlice, PyStr, Value};
use crate::Interp;
use num_bigint::BigInt;
use num_traits::{Num as _, ToPrimitive};
use std::rc::Rc;

/// `int(text, base)` parsing with Python's rules (underscores, prefixes, spaces).
pub fn parse_int(text: &str, base: u32) -> Option<Value> {
    let trimmed = text.trim();
    let (negative, body) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let lower = body.to_ascii_lowercase();
    let (digits, base, prefixed) = match (base, lower.get(..2)) {
        (16 | 0, Some("0x")) => (&lower[2..], 16, true),
        (8 | 0, Some("0o")) => (&lower[2..], 8, true),
        (2 | 0, Some("0b")) => (&lower[2..], 2, true),
        (0, _) => (lower.as_str(), 10, false),
        _ => (lower.as_str(), base, false),
    };
    // One underscore may follow a base prefix (`0x_ff`), never lead otherwise.
    let digits = if prefixed {
        digits.strip_prefix('_').unwrap_or(digits)
    } else {
        digits
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
    if !cleaned.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let magnitude = BigInt::from_str_radix(&cleaned, base).ok()?;
    Some(Value::from_bigint(if negative {
        -magnitude
    } else {
        magnitude
    }))
}

/// `int(text, base)` for a str or the ASCII text of bytes; `shown` is how
/// the message quotes the argument.
fn parse_int_literal(text: &str, base: u32, shown: impl FnOnce() -> String) -> PyResult<Value> {
    let digit_count = text.trim().trim_start_matches(['-', '+']).len();
    if base == 10 && digit_count > repr::str_digits_limit() {
        return Err(value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {digit_count} digits; use sys.set_int_max_str_digits() to increase the limit",
            repr::str_digits_limit()
        )));
    }
    parse_int(text, base).ok_or_else(|| {
        value_error(format!(
            "invalid literal for int() with base {base}: {}",
            shown()
        ))
    })
}

fn int_from(args: &Args) -> PyResult<Value> {
    let base = match args.positional.get(1) {
        None => None,
        Some(b) => Some(
            crate::builtins::integer_arg(b)?
                .to_u32()
                .filter(|b| *b == 0 || (2..=36).contains(b))
                .ok_or_else(|| value_error("int() base must be >= 2 and <= 36, or 0"))?,
        ),
    };
    let Some(x) = args.positional.first() else {
        return Ok(Value::Int(0));
    };
    let x = crate::subclass::value_of(x);
    let converted;
    let x = match crate::native::downcast::<crate::bytearray::ByteArray>(x) {
        Some(array) => {
            converted = crate::bytes::new(array.data.borrow().clone());
            &converted
        }
        None => x,
    };
    match (x, base) {
        (Value::Str(s), base) => parse_int_literal(s.as_str(), base.unwrap_or(10), || {
            pvm_frontend::float_repr::str_repr(s.as_str())
        }),
        (Value::Bytes(b), base) => {
            let shown = || pvm_frontend::float_repr::bytes_repr(&b.data);
            match std::str::from_utf8(&b.data) {
                Ok(text) if text.is_ascii() => parse_int_literal(text, base.unwrap_or(10), shown),
                _ => Err(value_error(format!(
                    "invalid literal for int() with base {}: {}",
                    base.unwrap_or(10),
                    shown()
                ))),
            }
        }
        (_, Some(_)) => Err(type_error(
            "int() can't convert non-string with explicit base",
        )),
        (Value::Int(_) | Value::BigInt(_), None) => Ok(x.clone()),
        (Value::Bool(b), None) => Ok(Value::Int(*b as i64)),
        (Value::Float(f), None) => numbers::float_to_int(*f),
        (other, None) => Err(type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "inf" | "infinity" | "nan") {
        return lower
            .parse::<f64>()
            .ok()
            .or(Some(if lower.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }));
    }
    if t.is_empty() || t.contains("__") || t.starts_with('_') || t.ends_with('_') {
        return None;
    }
    let cleaned: String = t.chars().filter(|c| *c != '_').collect();
    if !cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    cleaned.parse::<f64>().ok()
}

fn float_from(args: &Args) -> PyResult<Value> {
    let Some(x) = args.positional.first() else {
        return Ok(Value::Float(0.0));
    };
    Ok(Value::Float(match crate::subclass::value_of(x) {
        Value::Float(f) => *f,
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        Value::BigInt(b) => numbers::bigint_to_f64(b)?,
        Value::Str(s) => parse_float(s.as_str()).ok_or_else(|| {
            value_error(format!(
                "could not convert string to float: {}",
                pvm_frontend::float_repr::str_repr(s.as_str())
            ))
        })?,
        other => {
            return Err(type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                other.type_name()
            )))
        }
    }))
}

/// `int(x)` for an instance of a user class: its `__int__`, else its
/// `__index__`, else its `__trunc__` (each must answer an int), else what
/// it extends.
fn int_of_object(interp: &mut Interp, x: &Value, args: &Args) -> PyResult<Value> {
    for name in ["__int__", "__index__", "__trunc__"] {
        if let Some(result) = crate::special::call_special(interp, x, name, &[])? {
            return match crate::subclass::value_of(&result) {
                int @ (Value::Int(_) | Value::BigInt(_)) => Ok(int.clone()),
                Value::Bool(b) => Ok(Value::Int(*b as i64)),
                _ => Err(type_error(format!(
                    "{name} returned non-int (type {})",
                    result.type_name()
                ))),
            };
        }
    }
    int_from(args)
}

/// `float(x)` for an instance of a user class: its `__float__` (which must
/// answer a float), else its `__index__`, else what it extends.
fn float_of_object(interp: &mut Interp, x: &Value, args: &Args) -> PyResult<Value> {
    if let Some(result) = crate::special::call_special(interp, x, "__float__", &[])? {
        return match crate::subclass::value_of(&result) {
            Value::Float(f) => Ok(Value::Float(*f)),
            _ => Err(type_error(format!(
                "{}.__float__ returned non-float (type {})",
                x.type_name(),
                result.type_name()
            ))),
        };
    }
    if let Some(index) = crate::special::call_special(interp, x, "__index__", &[])? {
        return match index {
            Value::Int(i) => Ok(Value::Float(i as f64)),
            Value::BigInt(b) => Ok(Value::Float(numbers::bigint_to_f64(&b)?)),
            other => Err(type_error(format!(
                "__index__ returned non-int (type {})",
                other.type_name()
            ))),
        };
    }
    float_from(args)
}

/// A bound of `range()`; `i64::MIN` stands for a big int, which
/// `range_from` then reads itself (`big_range`).
fn range_bound(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Ok(i64::MIN),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn range_from(args: &Args) -> PyResult<Value> {
    let p = args.positional;
    let (start, stop, step) = match p {
        [stop] => (0, range_bound(stop)?, 1),
        [start, stop] => (range_bound(start)?, range_bound(stop)?, 1),
        [start, stop, step] => (range_bound(start)?, range_bound(stop)?, range_bound(step)?),
        [] => return Err(type_error("range expected at least 1 argument, got 0")),
        _ => {
            return Err(type_error(format!(
                "range expected at most 3 arguments, got {}",
                p.len()
            )))
        }
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    let range = PyRange { start, stop, step };
    if start == i64::MIN || stop == i64::MIN || step == i64::MIN || range.len() == i64::MAX {
        // a bound or the length may not fit in an i64
        let big = |v: &Value| match v {
            Value::BigInt(b) => (**b).clone(),
            other => range_bound(other).unwrap_or(0).into(),
        };
        let (start, stop, step) = match p {
            [stop] => (0.into(), big(stop), 1.into()),
            [start, stop] => (big(start), big(stop), 1.into()),
            [start, stop, step] => (big(start), big(stop), big(step)),
            _ => unreachable!("the argument count was checked above"),
        };
        return Ok(crate::big_range::new(start, stop, step));
    }
    Ok(Value::Range(Rc::new(range)))
}

fn dict_from(
    interp: &mut Interp,
    args: &Args,
    keywords: Vec<(Rc<PyStr>, Value)>,
) -> PyResult<Value> {
    let dict = crate::value::PyDict::new();
    if let Some(source) = args.positional.first() {
        let source = crate::subclass::part(source).unwrap_or(source);
        if let Value::Dict(d) = source {
            *dict.map_mut() = d.map().clone();
        } else if let Some(keys) = mapping_keys(interp, source)? {
            // A mapping that is not a dict (`mappingproxy`, a user class
            // with `keys` and `__getitem__`), as CPython's `PyDict_Merge`.
            for key in iter::collect(interp, &keys)? {
                let value = crate::subscript::get_item(interp, source, &key)?;
                let key = crate::hash::dict_key(interp, &dict, key)?;
                dict.map_mut().insert(key, value);
            }
        } else {
            for (i, pair) in iter::collect(interp, source)?.into_iter().enumerate() {
                let items = iter::collect(interp, &pair).map_err(|_| {
                    type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                let [k, v] = <[Value; 2]>::try_from(items).map_err(|items| {
                    value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        items.len()
                    ))
                })?;
                let key = crate::hash::dict_key(interp, &dict, k)?;
                dict.map_mut().insert(key, v);
            }
        }
    }
    for (name, value) in keywords {
        dict.map_mut().insert(DictKey::from_str_key(name), value);
    }
    Ok(Value::Dict(Rc::new(dict)))
}

/// `source.keys()` when `source` has a `keys` method (is a mapping).
fn mapping_keys(interp: &mut Interp, source: &Value) -> PyResult<Option<Value>> {
    if !matches!(source, Value::Native(_) | Value::Instance(_)) {
        return Ok(None);
    }
    match crate::attributes::get_attr(interp, source, &crate::code::intern("keys")) {
        Ok(keys) => crate::call::call(interp, &keys, &[], &[]).map(Some),
        Err(e) if e.is(&crate::types::ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `types.ModuleType(name, doc=None)`: an empty module, as CPython's
/// `module.__init__` leaves it.
fn new_module(args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("module", args, kwnames);
    let name_kw = a.keyword("name").cloned();
    let doc_kw = a.keyword("doc").cloned();
    a.finish()?;
    if args.len() > 2 {
        return Err(type_error(format!(
            "module() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let name = match a.positional.first().cloned().or(name_kw) {
        Some(Value::Str(name)) => name,
        Some(other) => {
            return Err(type_error(format!(
                "module() argument 'name' must be str, not {}",
                other.type_name()
            )))
        }
        None => {
            return Err(type_error(
                "module() missing required argument 'name' (pos 1)",
            ))
        }
    };
    let doc = a.positional.get(1).cloned().or(doc_kw).unwrap_or_default();
    let dict = crate::PyDict::new();
    dict.set_str(&crate::intern("__name__"), Value::Str(name.clone()));
    dict.set_str(&crate::intern("__doc__"), doc);
    for unset in ["__package__", "__loader__", "__spec__"] {
        dict.set_str(&crate::intern(unset), Value::None);
    }
    Ok(Value::Module(Rc::new(crate::modules::PyModule {
        name: crate::intern(name.as_str()),
        dict: Rc::new(dict),
        file: None,
    })))
}

/// `T(args...)` for a builtin type `T`.
pub fn call_type(
    interp: &mut Interp,
    t: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let name = t.name;
    if t.is_user_class() {
        return crate::metaclass::call_class(interp, t, args, kwnames);
    }
    if t.kind == TypeKind::Dict && !std::ptr::eq(t, &crate::types::DICT) {
        return crate::modules::collections::construct(interp, t, args, kwnames);
    }
    if t.kind == TypeKind::Dict {
        let split = args.len() - kwnames.len();
        let keywords = kwnames
            .iter()
            .cloned()
            .zip(args[split..].iter().cloned())
            .collect();
        let a = Args::new("dict", &args[..split], &[]);
        a.arity(0, 1)?;
        return dict_from(interp, &a, keywords);
    }
    if std::ptr::eq(t, &crate::types::BYTEARRAY) {
        return crate::bytearray::construct(interp, args, kwnames);
    }
    if std::ptr::eq(t, &crate::types::MODULE) {
        return new_module(args, kwnames);
    }
    if std::ptr::eq(t, &crate::types::MEMORYVIEW) {
        return crate::memoryview::construct(interp, args, kwnames);
    }
    // A subclass's own `__float__` (or `__int__`, `__index__`) answers
    // `float(x)` (`int(x)`), not the value it extends.
    let converts_itself = |v: &Value| {
        let hooks: &[&str] = match t.kind {
            TypeKind::Float => &["__float__"],
            TypeKind::Int => &["__int__", "__index__"],
            _ => &[],
        };
        crate::special::is_user(v)
            && hooks
                .iter()
                .any(|hook| crate::attributes::user_lookup(v.type_of(), hook).is_some())
    };
    if matches!(t.kind, TypeKind::Int | TypeKind::Float | TypeKind::Range)
        && !(args.len() == 1 && kwnames.is_empty() && converts_itself(&args[0]))
    {
        if let Some(unwrapped) = crate::subclass::unwrapped_args(args) {
            return call_type(interp, t, &unwrapped, kwnames);
        }
    }
    let mut a = Args::new(name, args, kwnames);
    let result = match t.kind {
        TypeKind::Int => {
            if let Some(base) = a.keyword("base") {
                let x = a
                    .positional
                    .first()
                    .cloned()
                    .ok_or_else(|| type_error("int() missing string argument"))?;
                a.finish()?;
                return int_from(&Args::new("int", &[x, base.clone()], &[]));
            }
            a.finish()?;
            a.arity(0, 2)?;
            match a.positional {
                [x] if crate::special::is_user(x) => int_of_object(interp, x, &a),
                _ => int_from(&a),
            }
        }
        TypeKind::Float => {
            a.finish()?;
            a.arity(0, 1)?;
            match a.positional.first() {
                Some(x) if crate::special::is_user(x) => float_of_object(interp, x, &a),
                _ => float_from(&a),
            }
        }
        TypeKind::Complex => crate::complex::construct(a),
        TypeKind::Str => {
            let encoding = a.keyword("encoding").cloned();
            let errors = a.keyword("errors").cloned();
            a.finish()?;
            a.arity(0, 3)?;
            // `str(b, encoding[, errors])`: the bytes decoded.
            if let Some(encoding) = a.positional.get(1).cloned().or(encoding) {
                let Value::Str(encoding) = &encoding else {
                    return Err(type_error(format!(
                        "str() argument 'encoding' must be str, not {}",
                        encoding.type_name()
                    )));
                };
                let source = &a.positional[0];
                if crate::bytes::buffer(source).is_none() {
                    return Err(type_error(format!(
                        "decoding to str: need a bytes-like object, {} found",
                        source.type_name()
                    )));
                }
                let errors = match a.positional.get(2).cloned().or(errors) {
                    None => "strict".to_string(),
                    Some(Value::Str(e)) => e.as_str().to_string(),
                    Some(other) => {
                        return Err(type_error(format!(
                            "str() argument 'errors' must be str, not {}",
                            other.type_name()
                        )))
                    }
                };
                return crate::bytes::decode_any(interp, source, encoding.as_str(), &errors);
            }
            a.arity(0, 1)?;
            Ok(Value::str(match a.positional.first() {
                Some(v) => repr::str(interp, v)?,
                None => String::new(),
            }))
        }
        TypeKind::Bool => {
            a.finish()?;
            a.arity(0, 1)?;
            match a.positional.first() {
                Some(v) => Ok(Value::Bool(crate::special::truthy(interp, v)?)),
                None => Ok(Value::Bool(false)),
            }
        }
        TypeKind::List => {
            a.finish()?;
            a.arity(0, 1)?;
            Ok(Value::list(match a.positional.first() {
                Some(v) => iter::collect(interp, v)?,
                None => Vec::new(),
            }))
        }
        TypeKind::Tuple => {
            a.finish()?;
            a.arity(0, 1)?;
            match a.positional.first() {
                Some(v @ Value::Tuple(_)) => Ok(v.clone()),
                Some(v) => Ok(Value::tuple(iter::collect(interp, v)?)),
                None => Ok(Value::tuple(Vec::new())),
            }
        }
        TypeKind::Range => {
            a.finish()?;
            range_from(&a)
        }
        TypeKind::Type if args.len() - kwnames.len() == 3 => {
            crate::metaclass::type_call_new(interp, args, kwnames)
        }
        TypeKind::Type => {
            a.finish()?;
            match a.positional {
                [v] => Ok(Value::Type(v.type_of())),
                [name, bases, dict] => crate::classes::type_new(interp, name, bases, dict),
                _ => Err(type_error("type() takes 1 or 3 arguments")),
            }
        }
        TypeKind::Slice => {
            a.finish()?;
            a.arity(1, 3)?;
            let p = a.positional;
            let (start, stop, step) = match p {
                [stop] => (Value::None, stop.clone(), Value::None),
                [start, stop] => (start.clone(), stop.clone(), Value::None),
                [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
                _ => unreachable!("arity checked"),
            };
            Ok(Value::Slice(Rc::new(PySlice { start, stop, step })))
        }
        TypeKind::Enumerate => {
            let start = a.keyword("start").cloned();
            a.finish()?;
            a.arity(1, 2)?;
            let start = match a.positional.get(1).or(start.as_ref()) {
                Some(v) => range_bound(v)?,
                None => 0,
            };
            iter::enumerate(interp, &a.positional[0], start)
        }
        TypeKind::Zip => {
            a.finish()?;
            iter::zip(interp, a.positional)
        }
        TypeKind::Reversed => {
            a.finish()?;
            a.arity(1, 1)?;
            iter::reversed(interp, &a.positional[0])
        }
        TypeKind::Exception if std::ptr::eq(t, &crate::types::BASE_EXCEPTION_GROUP) => Err(
            crate::exceptions::unsupported("exception groups (BaseExceptionGroup)"),
        ),
        TypeKind::Exception => {
            a.finish()?;
            Ok(Value::Exception(Rc::new(
                crate::exceptions::PyException::new(t, a.positional.to_vec()),
            )))
        }
        TypeKind::NoneType => {
            a.finish()?;
            a.arity(0, 0)?;
            Ok(Value::None)
        }
        TypeKind::Object => {
            a.finish()?;
            a.arity(0, 0)?;
            Ok(crate::classes::new_object())
        }
        TypeKind::Bytes => {
            a.finish()?;
            crate::bytes::construct(interp, a.positional)
        }
        TypeKind::Map => {
            a.finish()?;
            iter::map(interp, a.positional)
        }
        TypeKind::Filter => {
            a.finish()?;
            iter::filter(interp, a.positional)
        }
        TypeKind::Set | TypeKind::FrozenSet => {
            a.finish()?;
            a.arity(0, 1)?;
            let frozen = t.kind == TypeKind::FrozenSet;
            match a.positional.first() {
                Some(v @ Value::Set(s)) if frozen && s.frozen => Ok(v.clone()),
                Some(v) => Ok(crate::sets::new_set(
                    frozen,
                    crate::sets::table_from(interp, v)?,
                )),
                None => Ok(crate::sets::new_set(frozen, Default::default())),
            }
        }
        TypeKind::Property | TypeKind::StaticMethod | TypeKind::ClassMethod => {
            a.finish()?;
            a.arity(1, if t.kind == TypeKind::Property { 3 } else { 1 })?;
            crate::classes::make_descriptor(t.kind, a.positional)
        }
        TypeKind::Super => {
            a.finish()?;
            crate::classes::make_super(a.positional)
        }
        TypeKind::Instance => unreachable!("user classes are instantiated above"),
        TypeKind::Opaque if std::ptr::eq(t, &crate::modules::collections::DEQUE) => {
            crate::modules::collections::deque(interp, args, kwnames)
        }
        TypeKind::Opaque if crate::modules::io::constructs(t) => {
            crate::modules::io::construct(interp, t, args, kwnames)
        }
        TypeKind::Opaque if std::ptr::eq(t, &crate::modules::mappingproxy::MAPPING_PROXY) => {
            (crate::modules::mappingproxy::MAPPING_PROXY_TYPE.func)(interp, args, kwnames)
        }
        TypeKind::Opaque if std::ptr::eq(t, &crate::alias::GENERIC_ALIAS) => {
            (crate::modules::types_generic_alias().func)(interp, args, kwnames)
        }
        TypeKind::Opaque if std::ptr::eq(t, &crate::types::METHOD) => {
            a.finish()?;
            bound_method(a.positional)
        }
        TypeKind::Dict | TypeKind::Opaque => {
            Err(type_error(format!("cannot create '{name}' instances")))
        }
    };
    result
}

/// `types.MethodType(function, instance)`: `function` bound to `instance`.
fn bound_method(args: &[Value]) -> PyResult<Value> {
    match args {
        [function, receiver] => {
            if !crate::builtins::is_callable(function) {
                return Err(type_error("first argument must be callable"));
            }
            if matches!(receiver, Value::None) {
                return Err(type_error("instance must not be None"));
            }
            Ok(Value::BoundFunction(Rc::new(crate::value::BoundFunction {
                receiver: receiver.clone(),
                function: function.clone(),
            })))
        }
        _ => Err(type_error(format!(
            "method expected 2 arguments, got {}",
            args.len()
        ))),
    }
}
