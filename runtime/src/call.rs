//! Calling: binding arguments to a Python function's parameters (positional,
//! defaults, keywords, `*args`, `**kwargs`, keyword-only) with CPython's error
//! messages, and calling everything that is not a Python function.
//!
//! Running a Python function's body is the frame protocol's job
//! (`frames`): backends push a frame for Python-to-Python calls, and
//! builtins (`sorted(key=...)`) call back into Python through
//! `frames::call_function`.

use crate::exceptions::{type_error, PyResult};
use crate::value::{Function, PyStr, Value};
use crate::{hash::DictKey, Interp};
use pvm_frontend::code::flags;
use std::rc::Rc;

/// Runs `f` on `first` followed by `args` as one slice (a receiver put
/// before the arguments): on the native stack when they are few, as most
/// calls' are, else in a new vector.
#[inline]
pub fn with_first<R>(first: &Value, args: &[Value], f: impl FnOnce(&[Value]) -> R) -> R {
    const FEW: usize = 6;
    if args.len() < FEW {
        let mut full: [Value; FEW] = Default::default();
        full[0] = first.clone();
        full[1..=args.len()].clone_from_slice(args);
        return f(&full[..=args.len()]);
    }
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(first.clone());
    full.extend_from_slice(args);
    f(&full)
}

/// Calls any callable value.
pub fn call(
    interp: &mut Interp,
    callee: &Value,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    match callee {
        Value::Builtin(b) => (b.func)(interp, args, kwnames),
        Value::Method(m) => with_first(&m.receiver, args, |full| {
            (m.method.func)(interp, full, kwnames)
        }),
        Value::Type(t) => crate::construct::call_type(interp, t, args, kwnames),
        Value::MethodDescriptor(d) => match args.first() {
            Some(receiver) if receiver.type_of().is_subtype(d.owner) => {
                match crate::subclass::part(receiver) {
                    Some(base) if crate::subclass::extendable(d.owner) => {
                        let mut full = args.to_vec();
                        full[0] = base.clone();
                        (d.method.func)(interp, &full, kwnames)
                    }
                    _ => (d.method.func)(interp, args, kwnames),
                }
            }
            Some(other) => Err(type_error(format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                d.method.name,
                d.owner.name,
                other.type_name()
            ))),
            None => Err(type_error(format!(
                "unbound method {}.{}() needs an argument",
                d.owner.name, d.method.name
            ))),
        },
        Value::Function(f) => crate::frames::call_function(interp, f, args, kwnames),
        Value::BoundFunction(m) => with_first(&m.receiver, args, |full| {
            call(interp, &m.function, full, kwnames)
        }),
        Value::Descriptor(d) => match &**d {
            crate::value::Descriptor::StaticMethod(f) => call(interp, f, args, kwnames),
            _ => Err(type_error(format!(
                "'{}' object is not callable",
                callee.type_name()
            ))),
        },
        _ if crate::special::is_user(callee) => {
            match crate::attributes::user_lookup(callee.type_of(), "__call__") {
                Some(method) => {
                    with_first(callee, args, |full| call(interp, &method, full, kwnames))
                }
                None => Err(type_error(format!(
                    "'{}' object is not callable",
                    callee.type_name()
                ))),
            }
        }
        other => Err(type_error(format!(
            "'{}' object is not callable",
            other.type_name()
        ))),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn name_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`.
#[cold]
fn missing_arguments(qualname: &str, kind: &str, missing: &[&str]) -> crate::PyErr {
    let noun = if missing.len() == 1 {
        "argument"
    } else {
        "arguments"
    };
    type_error(format!(
        "{qualname}() missing {} required {kind} {noun}: {}",
        missing.len(),
        name_list(missing)
    ))
}

/// Binds `args` (the last `kwnames.len()` of them by keyword) into `locals`,
/// which has one slot per local variable and starts all `Unbound`.
pub fn bind_arguments(
    function: &Function,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
    locals: &mut [Value],
) -> PyResult<()> {
    let code = &function.code.code;
    let qualname = function.code.qualname.as_str();
    let argc = code.arg_count as usize;
    let kwonly = code.kwonly_arg_count as usize;
    let has_varargs = code.flags & flags::VARARGS != 0;
    let has_varkw = code.flags & flags::VARKEYWORDS != 0;
    let positional = &args[..args.len() - kwnames.len()];
    let keyword_values = &args[args.len() - kwnames.len()..];

    if positional.len() > argc && !has_varargs {
        let defaults = function.defaults.len();
        let takes = if defaults > 0 {
            format!(
                "from {} to {} positional arguments",
                argc.saturating_sub(defaults),
                argc
            )
        } else {
            plural(argc, "positional argument")
        };
        let given = positional.len();
        let was = if given == 1 { "was" } else { "were" };
        return Err(type_error(format!(
            "{qualname}() takes {takes} but {given} {was} given"
        )));
    }
    for (slot, value) in locals.iter_mut().zip(positional.iter().take(argc)) {
        *slot = value.clone();
    }
    let mut next_slot = argc + kwonly;
    if has_varargs {
        let rest = positional.get(argc..).unwrap_or(&[]).to_vec();
        locals[next_slot] = Value::tuple(rest);
        next_slot += 1;
    }
    let kwargs = has_varkw.then(|| {
        let dict = Value::dict(Default::default());
        locals[next_slot] = dict.clone();
        dict
    });
    let varnames = &function.code.varnames;
    let posonly = code.posonly_arg_count as usize;
    for (name, value) in kwnames.iter().zip(keyword_values) {
        let found = varnames[posonly..argc + kwonly]
            .iter()
            .position(|v| v.as_str() == name.as_str());
        match (found, &kwargs) {
            (Some(i), _) => {
                let slot = &mut locals[posonly + i];
                if !matches!(slot, Value::Unbound) {
                    return Err(type_error(format!(
                        "{qualname}() got multiple values for argument '{}'",
                        name.as_str()
                    )));
                }
                *slot = value.clone();
            }
            (None, Some(Value::Dict(d))) => {
                d.map_mut()
                    .insert(DictKey::from_str_key(name.clone()), value.clone());
            }
            _ => {
                return Err(type_error(format!(
                    "{qualname}() got an unexpected keyword argument '{}'",
                    name.as_str()
                )));
            }
        }
    }
    // The defaults belong to the last parameters; a tuple longer than the
    // parameters (forged bytecode only) has its first items ignored.
    let defaults = function.defaults.len();
    let mut missing = Vec::new();
    for i in positional.len().min(argc)..argc {
        if matches!(locals[i], Value::Unbound) {
            if i + defaults >= argc {
                locals[i] = function.defaults[i + defaults - argc].clone();
            } else {
                missing.push(varnames[i].as_str());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(qualname, "positional", &missing));
    }
    for i in argc..argc + kwonly {
        if matches!(locals[i], Value::Unbound) {
            let default = function
                .kwdefaults
                .as_ref()
                .and_then(|d| d.get_str(&varnames[i]));
            match default {
                Some(v) => locals[i] = v,
                None => missing.push(varnames[i].as_str()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(qualname, "keyword-only", &missing));
    }
    Ok(())
}

/// Module code as a function object, so that backends run every frame the
/// same way: its code and globals found through the callable below its locals.
pub fn module_function(
    code: Rc<crate::code::RtCode>,
    globals: Rc<crate::value::PyDict>,
) -> Rc<Function> {
    namespace_function(code, globals, None)
}

/// Top-level code (a module's, or what `exec` runs) as a function object,
/// with `namespace` as its separate locals dict if it has one.
pub fn namespace_function(
    code: Rc<crate::code::RtCode>,
    globals: Rc<crate::value::PyDict>,
    namespace: Option<Rc<crate::value::PyDict>>,
) -> Rc<Function> {
    Rc::new(Function {
        code,
        globals,
        defaults: Box::default(),
        kwdefaults: None,
        closure: Box::default(),
        simple: true,
        namespace,
        mapping: None,
        attrs: Default::default(),
    })
}

/// Whether a call of `function` with `argc` arguments can use them as its
/// first locals as they are (no defaults, keywords or `*args` to bind).
#[inline(always)]
pub fn binds_in_place(function: &Function, argc: usize, kwnames: &[Rc<PyStr>]) -> bool {
    function.simple && kwnames.is_empty() && argc == function.code.code.arg_count as usize
}

/// Replaces the arguments in `stack[base..]` with the bound locals of
/// `function` (defaults, keywords, `*args`, `**kwargs`). Kept out of line: a
/// backend's hot path only needs `binds_in_place`.
#[inline(never)]
pub fn bind_on_stack(
    stack: &mut Vec<Value>,
    base: usize,
    function: &Function,
    kwnames: &[Rc<PyStr>],
) -> PyResult<()> {
    let args: Vec<Value> = stack.drain(base..).collect();
    let mut locals = vec![Value::Unbound; function.code.local_count];
    bind_arguments(function, &args, kwnames, &mut locals)?;
    stack.extend(locals);
    Ok(())
}

/// Builds a function object for `MAKE_FUNCTION`.
pub fn make_function(
    code: Rc<crate::code::RtCode>,
    globals: Rc<crate::value::PyDict>,
    defaults: Option<&Value>,
    kwdefaults: Option<&Value>,
    closure: Option<&Value>,
) -> Value {
    let defaults: Box<[Value]> = match defaults {
        Some(Value::Tuple(t)) => t.items.clone(),
        _ => Box::default(),
    };
    let kwdefaults = match kwdefaults {
        Some(Value::Dict(d)) => Some(d.clone()),
        _ => None,
    };
    let closure: Box<[Value]> = match closure {
        Some(Value::Tuple(t)) => t.items.clone(),
        _ => Box::default(),
    };
    let c = &code.code;
    // Cells and free variables are set up by the code's own prologue
    // (`MAKE_CELL`, `COPY_FREE_VARS`), so they do not stop in-place binding.
    let simple = c.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0 && c.kwonly_arg_count == 0;
    Value::Function(Rc::new(Function {
        code,
        globals,
        defaults,
        kwdefaults,
        closure,
        simple,
        namespace: None,
        mapping: None,
        attrs: Default::default(),
    }))
}

/// Rejects keyword arguments for builtins that take none.
pub fn no_keywords(name: &str, kwnames: &[Rc<PyStr>]) -> PyResult<()> {
    if kwnames.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// Splits builtin arguments into positional ones and a keyword lookup.
pub struct Args<'a> {
    pub positional: &'a [Value],
    keywords: Vec<(&'a str, &'a Value)>,
    function: &'static str,
}

impl<'a> Args<'a> {
    pub fn new(function: &'static str, args: &'a [Value], kwnames: &'a [Rc<PyStr>]) -> Args<'a> {
        let split = args.len() - kwnames.len();
        let keywords = kwnames
            .iter()
            .map(|n| n.as_str())
            .zip(&args[split..])
            .collect();
        Args {
            positional: &args[..split],
            keywords,
            function,
        }
    }

    /// Takes an optional keyword argument.
    pub fn keyword(&mut self, name: &str) -> Option<&'a Value> {
        let i = self.keywords.iter().position(|(n, _)| *n == name)?;
        Some(self.keywords.remove(i).1)
    }

    /// Fails on keywords nobody took.
    pub fn finish(&self) -> PyResult<()> {
        match self.keywords.first() {
            None => Ok(()),
            Some((name, _)) => Err(type_error(format!(
                "'{name}' is an invalid keyword argument for {}()",
                self.function
            ))),
        }
    }

    /// Checks the positional count is within `min..=max`.
    pub fn arity(&self, min: usize, max: usize) -> PyResult<()> {
        let n = self.positional.len();
        if n >= min && n <= max {
            return Ok(());
        }
        let f = self.function;
        Err(type_error(if min == max {
            match min {
                0 => format!("{f}() takes no arguments ({n} given)"),
                1 => format!("{f}() takes exactly one argument ({n} given)"),
                _ => format!("{f} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!(
                "{f} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{f} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        }))
    }
}
