//! `repr()` and `str()` of every builtin value, exactly as CPython 3.11
//! prints them, including the 4300-digit limit on int-to-decimal conversion
//! and `[...]` for containers that contain themselves.
//!
//! User-defined `__repr__`/`__str__` arrive with the object-model issue.

use crate::exceptions::{recursion_error, value_error, PyResult};
use crate::value::Value;
use crate::Interp;
use pvm_frontend::float_repr;
use std::cell::RefCell;
use std::fmt::Write;

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

thread_local! {
    /// `sys.get_int_max_str_digits()`: 0 for no limit.
    static STR_DIGITS_LIMIT: std::cell::Cell<usize> = const { std::cell::Cell::new(MAX_STR_DIGITS) };
}

/// The most decimal digits an int may have to be converted to or from a
/// string (`sys.set_int_max_str_digits`); `usize::MAX` for no limit.
pub fn str_digits_limit() -> usize {
    match STR_DIGITS_LIMIT.with(|limit| limit.get()) {
        0 => usize::MAX,
        n => n,
    }
}

/// `sys.get_int_max_str_digits()`.
pub fn str_digits_setting() -> usize {
    STR_DIGITS_LIMIT.with(|limit| limit.get())
}

/// `sys.set_int_max_str_digits(n)`, `n` already checked.
pub fn set_str_digits_limit(n: usize) {
    STR_DIGITS_LIMIT.with(|limit| limit.set(n));
}

thread_local! {
    /// Containers whose repr is being built, to print `[...]` on cycles.
    static IN_PROGRESS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

pub fn str(interp: &mut Interp, value: &Value) -> PyResult<String> {
    if let Value::Instance(_) = value {
        if let Some(text) = crate::special::user_str(interp, value)? {
            return Ok(text);
        }
        // `str.__str__` of a str subclass's instance is its str.
        if let Some(Value::Str(s)) = crate::subclass::part(value) {
            return Ok(s.as_str().to_string());
        }
    }
    match value {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Exception(e) => e.message(interp),
        _ => repr(interp, value),
    }
}

pub fn repr(interp: &mut Interp, value: &Value) -> PyResult<String> {
    let mut out = String::new();
    write_repr(interp, &mut out, value)?;
    Ok(out)
}

/// `ascii(value)`: its repr with every non-ASCII character escaped.
pub fn ascii(interp: &mut Interp, value: &Value) -> PyResult<String> {
    Ok(float_repr::ascii_escaped(&repr(interp, value)?))
}

/// Decimal text of a big int, refusing more than 4300 digits like CPython.
pub fn bigint_to_string(b: &num_bigint::BigInt) -> PyResult<String> {
    // Cheap bound first: bits * log10(2) digits.
    let limit = str_digits_limit();
    if (b.bits() as f64) * std::f64::consts::LOG10_2 > limit.saturating_add(1) as f64 {
        return Err(int_digits_error());
    }
    let text = b.to_string();
    let digits = text.trim_start_matches('-').len();
    if digits > limit {
        return Err(int_digits_error());
    }
    Ok(text)
}

fn int_digits_error() -> crate::PyErr {
    value_error(format!(
        "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
        str_digits_limit()
    ))
}

fn write_repr(interp: &mut Interp, out: &mut String, value: &Value) -> PyResult<()> {
    match value {
        Value::None => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::BigInt(b) => out.push_str(&bigint_to_string(b)?),
        Value::Float(f) => out.push_str(&float_repr::repr(*f)),
        Value::Str(s) => out.push_str(&float_repr::str_repr(s.as_str())),
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::List(l) => {
            let items = l.items.borrow().clone();
            guarded(out, value, "[...]", |out| {
                write_sequence(interp, out, "[", &items, "]")
            })?;
        }
        Value::Tuple(t) => {
            if t.items.len() == 1 {
                out.push('(');
                write_repr(interp, out, &t.items[0])?;
                out.push_str(",)");
            } else {
                guarded(out, value, "(...)", |out| {
                    write_sequence(interp, out, "(", &t.items, ")")
                })?;
            }
        }
        Value::Dict(d) => {
            let mut body = String::new();
            write_dict_body(interp, &mut body, value, d)?;
            if d.flavor.is_some() {
                body = crate::modules::collections::flavored_repr(interp, d, body)?;
            }
            out.push_str(&body);
        }
        Value::Range(r) => {
            if r.step == 1 {
                let _ = write!(out, "range({}, {})", r.start, r.stop);
            } else {
                let _ = write!(out, "range({}, {}, {})", r.start, r.stop, r.step);
            }
        }
        Value::Slice(s) => {
            out.push_str("slice(");
            write_repr(interp, out, &s.start)?;
            out.push_str(", ");
            write_repr(interp, out, &s.stop)?;
            out.push_str(", ");
            write_repr(interp, out, &s.step)?;
            out.push(')');
        }
        Value::Function(f) => {
            let _ = write!(
                out,
                "<function {} at {:#x}>",
                f.code.qualname.as_str(),
                value.object_ptr().unwrap_or(0)
            );
        }
        Value::Builtin(b) => {
            let _ = write!(out, "<built-in function {}>", b.name);
        }
        Value::Method(m) => {
            let _ = write!(
                out,
                "<built-in method {} of {} object at {:#x}>",
                m.method.name,
                m.receiver.type_name(),
                m.receiver.object_ptr().unwrap_or(0)
            );
        }
        Value::MethodDescriptor(d) => {
            let _ = write!(
                out,
                "<method '{}' of '{}' objects>",
                d.method.name, d.owner.name
            );
        }
        Value::DictView(_) => {
            let items = crate::iter::collect(interp, value)?;
            out.push_str(value.type_name());
            out.push('(');
            guarded(out, value, "...", |out| {
                write_sequence(interp, out, "[", &items, "]")
            })?;
            out.push(')');
        }
        Value::Module(m) => match &m.file {
            Some(file) => {
                let _ = write!(out, "<module '{}' from '{file}'>", m.name.as_str());
            }
            // Made by `types.ModuleType(name)`: no loader, so no origin.
            None if matches!(
                m.dict.get_str(&crate::intern("__loader__")),
                Some(Value::None)
            ) =>
            {
                let _ = write!(out, "<module '{}'>", m.name.as_str());
            }
            None => {
                let _ = write!(out, "<module '{}' (built-in)>", m.name.as_str());
            }
        },
        Value::Cell(_) => {
            let _ = write!(out, "<cell at {:#x}>", value.object_ptr().unwrap_or(0));
        }
        Value::Type(t) => match &t.class {
            Some(class) => {
                let module = match &class.module {
                    Value::Str(m) => format!("{}.", m.as_str()),
                    _ => String::new(),
                };
                let _ = write!(out, "<class '{module}{}'>", class.qualname);
            }
            None => {
                let _ = write!(out, "<class '{}'>", t.name);
            }
        },
        Value::Exception(e) => {
            if let Some(text) = crate::special::user_repr(interp, value)? {
                out.push_str(&text);
                return Ok(());
            }
            out.push_str(e.kind.name);
            let items = e.args.borrow().clone();
            let args = Value::tuple(items.clone());
            if items.len() == 1 {
                out.push('(');
                write_repr(interp, out, &items[0])?;
                out.push(')');
            } else {
                write_repr(interp, out, &args)?;
            }
        }
        Value::Code(c) => {
            let _ = write!(
                out,
                "<code object {} at {:#x}, file \"{}\", line {}>",
                c.name.as_str(),
                value.object_ptr().unwrap_or(0),
                c.code.filename,
                c.code.first_line
            );
        }
        Value::Iterator(_) => {
            let _ = write!(
                out,
                "<{} object at {:#x}>",
                value.type_name(),
                value.object_ptr().unwrap_or(0)
            );
        }
        Value::Unbound => out.push_str("<unbound>"),
        Value::NotImplemented => out.push_str("NotImplemented"),
        Value::Instance(_) => match crate::special::user_repr(interp, value)? {
            Some(text) => out.push_str(&text),
            None => match crate::subclass::part(value) {
                Some(base) => write_repr(interp, out, base)?,
                None => out.push_str(&crate::object::default_repr(value)),
            },
        },
        Value::BoundFunction(m) => {
            let name = match &m.function {
                Value::Function(f) => f.code.qualname.as_str().to_string(),
                _ => "?".into(),
            };
            out.push_str("<bound method ");
            out.push_str(&name);
            out.push_str(" of ");
            write_repr(interp, out, &m.receiver)?;
            out.push('>');
        }
        Value::Bytes(b) => out.push_str(&float_repr::bytes_repr(&b.data)),
        Value::Native(n) => out.push_str(&n.0.repr(interp)?),
        Value::Set(s) => {
            let items = crate::sets::members(s);
            let name = if s.frozen { "frozenset" } else { "set" };
            if items.is_empty() {
                out.push_str(name);
                out.push_str("()");
            } else {
                guarded(out, value, &format!("{name}(...)"), |out| {
                    if s.frozen {
                        out.push_str("frozenset(");
                    }
                    write_sequence(interp, out, "{", &items, "}")?;
                    if s.frozen {
                        out.push(')');
                    }
                    Ok(())
                })?;
            }
        }
        Value::Generator(g) => {
            let _ = write!(
                out,
                "<{} object {} at {:#x}>",
                g.kind(),
                g.function.code.qualname.as_str(),
                value.object_ptr().unwrap_or(0)
            );
        }
        Value::Descriptor(_) | Value::Super(_) => {
            let _ = write!(
                out,
                "<{} object at {:#x}>",
                value.type_name(),
                value.object_ptr().unwrap_or(0)
            );
        }
    }
    Ok(())
}

/// `{k: v, ...}` for a dict's entries (read once, then formatted).
fn write_dict_body(
    interp: &mut Interp,
    out: &mut String,
    value: &Value,
    dict: &crate::value::PyDict,
) -> PyResult<()> {
    let entries = dict.items();
    guarded(out, value, "{...}", |out| {
        out.push('{');
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_repr(interp, out, k)?;
            out.push_str(": ");
            write_repr(interp, out, v)?;
        }
        out.push('}');
        Ok(())
    })
}

fn write_sequence(
    interp: &mut Interp,
    out: &mut String,
    open: &str,
    items: &[Value],
    close: &str,
) -> PyResult<()> {
    out.push_str(open);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(interp, out, item)?;
    }
    out.push_str(close);
    Ok(())
}

/// Runs `body` unless `value` is already being printed (a cycle), in which
/// case writes `cycle`. Also bounds nesting depth.
fn guarded(
    out: &mut String,
    value: &Value,
    cycle: &str,
    body: impl FnOnce(&mut String) -> PyResult<()>,
) -> PyResult<()> {
    let id = value.object_ptr().unwrap_or(0);
    let state = IN_PROGRESS.with(|p| {
        let p = p.borrow();
        if p.contains(&id) {
            Some(true)
        } else if p.len() > 5000 || crate::native_stack::exhausted() {
            None
        } else {
            Some(false)
        }
    });
    match state {
        None => Err(recursion_error(
            "maximum recursion depth exceeded while getting the repr of an object",
        )),
        Some(true) => {
            out.push_str(cycle);
            Ok(())
        }
        Some(false) => {
            IN_PROGRESS.with(|p| p.borrow_mut().push(id));
            let result = body(out);
            IN_PROGRESS.with(|p| p.borrow_mut().pop());
            result
        }
    }
}
