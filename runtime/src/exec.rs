//! Code made while a program runs: the builtins `compile`, `exec` and
//! `eval` (source goes through the shared front end, `pvm_frontend`, as
//! imported modules do), `__import__` (the `IMPORT_NAME` machinery), and
//! what `PRINT_EXPR` does with the values of `'single'` code
//! (`sys.displayhook`).
//!
//! Code runs on the backend running the program, through
//! `frames::call_function`. Namespaces are dicts: a mapping of another
//! type as `locals` is refused, and `compile` does not make ASTs.

use crate::call::{self, Args};
use crate::exceptions::{type_error, value_error, PyErr, PyResult};
use crate::value::{Builtin, PyDict, PyStr, Value};
use crate::{intern, Interp, RtCode};
use pvm_frontend::Mode;
use std::rc::Rc;

builtin_table!(pub FUNCTIONS {
    "compile" => compile,
    "exec" => exec,
    "eval" => eval,
    "__import__" => import,
});

pub static DISPLAYHOOK: Builtin = Builtin {
    name: "displayhook",
    func: displayhook,
};

/// `PRINT_EXPR`: shows `value` through `sys.displayhook` when the program
/// replaced it, else as the default hook does.
pub fn display(interp: &mut Interp, value: &Value) -> PyResult<()> {
    if let Some(Value::Module(sys)) = interp.module("sys") {
        if let Some(hook) = sys.dict.get_str(&intern("displayhook")) {
            if !matches!(hook, Value::Builtin(b) if std::ptr::eq(b, &DISPLAYHOOK)) {
                call::call(interp, &hook, std::slice::from_ref(value), &[])?;
                return Ok(());
            }
        }
    }
    show(interp, value)
}

/// `sys.displayhook(value)`: the repr of a value that is not `None`,
/// written to `sys.stdout` and kept as `builtins._`.
fn displayhook(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("displayhook", kwnames)?;
    let [value] = args else {
        return Err(type_error(format!(
            "sys.displayhook() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    show(interp, value)?;
    Ok(Value::None)
}

fn show(interp: &mut Interp, value: &Value) -> PyResult<()> {
    if matches!(value, Value::None) {
        return Ok(());
    }
    let underscore = intern("_");
    interp.builtins.set_str(&underscore, Value::None);
    let text = crate::repr::repr(interp, value)?;
    let stdout = match interp.module("sys") {
        Some(Value::Module(sys)) => sys.dict.get_str(&intern("stdout")),
        _ => None,
    };
    // The repr and the newline are two writes, as in CPython.
    match stdout {
        Some(stream) => {
            crate::modules::io::write_to(interp, &stream, &text)?;
            crate::modules::io::write_to(interp, &stream, "\n")?;
        }
        None => interp.write_stdout(format!("{text}\n").as_bytes())?,
    }
    interp.builtins.set_str(&underscore, value.clone());
    Ok(())
}

// ----- compile ---------------------------------------------------------------

/// The text of a source argument (str, or bytes as UTF-8), or `None` for
/// anything else.
fn source_text(source: &Value) -> PyResult<Option<String>> {
    let text = match source {
        Value::Str(s) => s.as_str().to_string(),
        Value::Bytes(b) => match std::str::from_utf8(&b.data) {
            Ok(text) => text.to_string(),
            Err(_) => {
                return Err(PyErr::with_message(
                    &crate::types::SYNTAX_ERROR,
                    "(unicode error) 'utf-8' codec can't decode the source bytes",
                ))
            }
        },
        _ => return Ok(None),
    };
    if text.contains('\0') {
        // CPython 3.11.2's error (later 3.11 releases raise SyntaxError).
        return Err(value_error("source code string cannot contain null bytes"));
    }
    Ok(Some(text))
}

/// Compiles `source` as `mode` through the front end; a syntax error is
/// the `SyntaxError` CPython raises, with its location.
fn compile_text(
    interp: &mut Interp,
    source: &str,
    filename: &str,
    mode: Mode,
) -> PyResult<Rc<RtCode>> {
    // CPython ends exec-mode source with a newline.
    let source = match mode {
        Mode::Exec if !source.ends_with('\n') => format!("{source}\n"),
        _ => source.to_string(),
    };
    let compiled = loop {
        match pvm_frontend::compile_mode(&source, filename, mode, &interp.interrupt) {
            // A signal's Python handler ran and returned: compile again.
            Err(error) if error.kind == pvm_frontend::ErrorKind::Interrupted => {
                interp.check_interrupt()?
            }
            other => break other,
        }
    };
    match compiled {
        Ok(code) => Ok(RtCode::new(&code)),
        Err(error) => Err(crate::exceptions::syntax_error(
            &error,
            filename,
            Some(&source),
        )),
    }
}

/// `compile()`'s file name: str, or bytes.
fn filename_arg(value: &Value) -> PyResult<String> {
    match value {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.data).into_owned()),
        other => Err(type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            other.type_name()
        ))),
    }
}

/// `compile()`'s mode.
fn mode_arg(value: &Value) -> PyResult<Mode> {
    match value.as_str() {
        Some("exec") => Ok(Mode::Exec),
        Some("eval") => Ok(Mode::Eval),
        Some("single") => Ok(Mode::Single),
        Some(_) => Err(value_error(
            "compile() mode must be 'exec', 'eval' or 'single'",
        )),
        None => Err(type_error(format!(
            "compile() argument 'mode' must be str, not {}",
            value.type_name()
        ))),
    }
}

/// `compile()`'s flags: the `__future__` features and `PyCF_*` bits
/// CPython knows are accepted (and have no effect), `PyCF_ONLY_AST` is
/// not provided, anything else is CPython's error.
fn check_flags(flags: Option<Value>) -> PyResult<()> {
    const ONLY_AST: i64 = 0x400;
    const FUTURE_FEATURES: i64 = 0x1fe_0000;
    const COMPILER_FLAGS: i64 = 0x7f00;
    match flags {
        None | Some(Value::Bool(_)) => Ok(()),
        Some(Value::Int(flags)) if flags & ONLY_AST != 0 => Err(crate::exceptions::unsupported(
            "syntax trees (ast) from compile()",
        )),
        Some(Value::Int(flags)) if flags & !(FUTURE_FEATURES | COMPILER_FLAGS) != 0 => {
            Err(value_error("compile(): unrecognised flags"))
        }
        Some(Value::Int(_)) => Ok(()),
        Some(other) => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
fn compile(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("compile", args, kwnames);
    let keywords = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ]
    .map(|name| a.keyword(name).cloned());
    let _ = a.keyword("_feature_version");
    a.finish()?;
    if a.positional.len() > 6 {
        return Err(type_error(format!(
            "compile() takes at most 6 arguments ({} given)",
            a.positional.len()
        )));
    }
    let argument = |i: usize| a.positional.get(i).cloned().or_else(|| keywords[i].clone());
    let names = ["source", "filename", "mode"];
    let mut required = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match argument(i) {
            Some(value) => required.push(value),
            None => {
                return Err(type_error(format!(
                    "compile() missing required argument '{name}' (pos {})",
                    i + 1
                )))
            }
        }
    }
    let filename = filename_arg(&required[1])?;
    let mode = mode_arg(&required[2])?;
    check_flags(argument(3))?;
    if let Value::Code(code) = &required[0] {
        return Ok(Value::Code(code.clone()));
    }
    let Some(source) = source_text(&required[0])? else {
        return Err(type_error(
            "compile() arg 1 must be a string, bytes or AST object",
        ));
    };
    Ok(Value::Code(compile_text(interp, &source, &filename, mode)?))
}

// ----- exec and eval ---------------------------------------------------------

/// The namespaces `exec` and `eval` run in: the caller's when `globals` is
/// `None`, else `globals` (given `'__builtins__'` when it lacks one) and
/// `locals` (the globals when `None`).
fn namespaces(
    interp: &mut Interp,
    name: &str,
    globals: Option<&Value>,
    locals: Option<&Value>,
) -> PyResult<(Rc<PyDict>, Rc<PyDict>)> {
    let locals = match locals {
        None | Some(Value::None) => None,
        Some(Value::Dict(d)) => Some(d.clone()),
        Some(_) => return Err(type_error("locals must be a mapping")),
    };
    let globals = match globals {
        None | Some(Value::None) => {
            let frame = crate::frames::caller(interp)
                .ok_or_else(|| crate::exceptions::runtime_error("no Python frame is running"))?;
            let locals = locals.unwrap_or_else(|| crate::scope::locals_of(&frame));
            return Ok((frame.globals, locals));
        }
        Some(Value::Dict(d)) => d.clone(),
        Some(other) => {
            return Err(type_error(if name == "eval" {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                format!("exec() globals must be a dict, not {}", other.type_name())
            }))
        }
    };
    let builtins = intern("__builtins__");
    if globals.get_str(&builtins).is_none() {
        globals.set_str(&builtins, Value::Dict(interp.builtins.clone()));
    }
    let locals = locals.unwrap_or_else(|| globals.clone());
    Ok((globals, locals))
}

/// Runs `code` in the namespaces: module code whose names go to `locals`
/// (a class body's way) when they are not the globals.
fn run(
    interp: &mut Interp,
    name: &str,
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
    locals: Rc<PyDict>,
) -> PyResult<Value> {
    if !code.code.freevars.is_empty() {
        return Err(type_error(format!(
            "code object passed to {name}() may not contain free variables"
        )));
    }
    let namespace = (!Rc::ptr_eq(&globals, &locals)).then_some(locals);
    let function = crate::call::namespace_function(code, globals, namespace);
    crate::frames::call_function(interp, &function, &[], &[])
}

/// The code `exec` or `eval` runs: a code object as it is, source compiled
/// in the builtin's mode (`eval` strips leading spaces and tabs first).
fn code_of(interp: &mut Interp, name: &str, source: &Value, mode: Mode) -> PyResult<Rc<RtCode>> {
    if let Value::Code(code) = source {
        return Ok(code.clone());
    }
    let Some(text) = source_text(source)? else {
        return Err(type_error(format!(
            "{name}() arg 1 must be a string, bytes or code object"
        )));
    };
    let text = match mode {
        Mode::Eval => text.trim_start_matches([' ', '\t']),
        _ => &text,
    };
    compile_text(interp, text, "<string>", mode)
}

/// `exec(source, globals=None, locals=None)`.
fn exec(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("exec", args, kwnames);
    let closure = a.keyword("closure").cloned();
    a.finish()?;
    if !matches!(closure, None | Some(Value::None)) {
        return Err(crate::exceptions::unsupported("exec() with a closure"));
    }
    let (source, globals, locals) = match a.positional {
        [] => {
            return Err(type_error(
                "exec() takes at least 1 positional argument (0 given)",
            ))
        }
        [source, rest @ ..] if rest.len() <= 2 => (source, rest.first(), rest.get(1)),
        more => {
            return Err(type_error(format!(
                "exec expected at most 3 arguments, got {}",
                more.len()
            )))
        }
    };
    let (globals, locals) = namespaces(interp, "exec", globals, locals)?;
    let code = code_of(interp, "exec", source, Mode::Exec)?;
    run(interp, "exec", code, globals, locals)?;
    Ok(Value::None)
}

/// `eval(source, globals=None, locals=None)`.
fn eval(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("eval", kwnames)?;
    Args::new("eval", args, kwnames).arity(1, 3)?;
    let (globals, locals) = namespaces(interp, "eval", args.get(1), args.get(2))?;
    let code = code_of(interp, "eval", &args[0], Mode::Eval)?;
    run(interp, "eval", code, globals, locals)
}

// ----- __import__ --------------------------------------------------------------

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`:
/// what `import` statements do, with the package for a relative import
/// taken from `globals`.
fn import(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("__import__", args, kwnames);
    let keywords =
        ["name", "globals", "locals", "fromlist", "level"].map(|name| a.keyword(name).cloned());
    a.finish()?;
    if a.positional.len() > 5 {
        return Err(type_error(format!(
            "__import__() takes at most 5 arguments ({} given)",
            a.positional.len()
        )));
    }
    let argument = |i: usize| a.positional.get(i).cloned().or_else(|| keywords[i].clone());
    let name = match argument(0) {
        Some(Value::Str(name)) => name,
        Some(_) => return Err(type_error("module name must be a string")),
        None => {
            return Err(type_error(
                "__import__() missing required argument 'name' (pos 1)",
            ))
        }
    };
    let globals = match argument(1) {
        Some(Value::Dict(d)) => d,
        _ => Rc::new(PyDict::new()),
    };
    let fromlist = match argument(3) {
        None | Some(Value::None) => Value::tuple(Vec::new()),
        Some(list @ Value::Tuple(_)) => list,
        Some(other) => Value::tuple(crate::iter::collect(interp, &other)?),
    };
    let level = match argument(4) {
        None => 0,
        Some(Value::Int(level)) => level,
        Some(Value::Bool(level)) => level as i64,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    if level < 0 {
        return Err(value_error("level must be >= 0"));
    }
    let name = intern(name.as_str());
    crate::modules::importer::import_name(interp, &globals, &name, &Value::Int(level), &fromlist)
}
