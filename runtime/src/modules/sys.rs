//! The `sys` module: `argv`, `path`, `modules`-free basics, the recursion
//! limit, `exit`, `maxsize`, `version`, the records (`flags`,
//! `version_info`, `float_info`, ...), `exc_info`, `excepthook`, and the
//! attributes the library reads (`warnoptions`, `audit`, `byteorder`, ...).
//! No tracing hooks (`settrace` accepts only `None`). `_getframe` is
//! `frame_objects.rs`.

use super::module;
use crate::call::no_keywords;
use crate::exceptions::{type_error, value_error, PyErr, PyResult};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

fn getrecursionlimit(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("getrecursionlimit", kw)?;
    if !args.is_empty() {
        return Err(type_error(format!(
            "sys.getrecursionlimit() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(Value::Int(interp.recursion_limit as i64))
}

fn setrecursionlimit(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("setrecursionlimit", kw)?;
    match args {
        [Value::Int(limit)] if *limit >= 1 => {
            interp.recursion_limit = *limit as usize;
            Ok(Value::None)
        }
        [Value::Int(_)] => Err(value_error(
            "recursion limit must be greater or equal than 1",
        )),
        [other] => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
        _ => Err(type_error(format!(
            "sys.setrecursionlimit() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

fn get_int_max_str_digits(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("get_int_max_str_digits", kw)?;
    if !args.is_empty() {
        return Err(type_error(format!(
            "sys.get_int_max_str_digits() takes no arguments ({} given)",
            args.len()
        )));
    }
    Ok(Value::Int(crate::repr::str_digits_setting() as i64))
}

fn set_int_max_str_digits(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let value = match (args, kw) {
        ([value], []) => value,
        ([value], [name]) if name.as_str() == "maxdigits" => value,
        _ => {
            return Err(type_error(
                "set_int_max_str_digits() takes exactly one argument (maxdigits)",
            ))
        }
    };
    let n = match value {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(crate::exceptions::overflow_error(
                "Python int too large to convert to C int",
            ))
        }
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    if i32::try_from(n).is_err() {
        return Err(crate::exceptions::overflow_error(
            "Python int too large to convert to C int",
        ));
    }
    if n < 0 || (n > 0 && n < 640) {
        return Err(value_error("maxdigits must be 0 or larger than 640"));
    }
    crate::repr::set_str_digits_limit(n as usize);
    Ok(Value::None)
}

fn exit(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("exit", kw)?;
    let args = match args {
        [] => Vec::new(),
        [code] => vec![code.clone()],
        _ => {
            return Err(type_error(format!(
                "exit expected at most 1 argument, got {}",
                args.len()
            )))
        }
    };
    Err(PyErr::new(&crate::types::SYSTEM_EXIT, args))
}

/// `sys.getfilesystemencoding()`: pvm's paths are UTF-8.
fn getfilesystemencoding(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str("utf-8"))
}

fn getfilesystemencodeerrors(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str("surrogateescape"))
}

/// `sys.audit(event, *args)` and `sys.addaudithook(hook)`: pvm raises no
/// audit events, so neither does anything.
fn audit(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args.first() {
        Some(Value::Str(_)) => Ok(Value::None),
        Some(other) => Err(type_error(format!(
            "expected str for argument 'event', not {}",
            other.type_name()
        ))),
        None => Err(type_error(
            "audit() missing 1 required positional argument: 'event'",
        )),
    }
}

fn addaudithook(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::None)
}

fn intern_str(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("intern", kw)?;
    match args {
        [Value::Str(s)] => Ok(Value::Str(crate::intern(s.as_str()))),
        [other] => Err(type_error(format!(
            "intern() argument must be str, not {}",
            other.type_name()
        ))),
        _ => Err(type_error(format!(
            "intern() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}

fn getdefaultencoding(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str("utf-8"))
}

/// `sys.gettrace()` / `sys.getprofile()`: pvm has no tracing hooks.
fn no_hook(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::None)
}

/// `sys.settrace(f)` / `sys.setprofile(f)`: only `None` (no hook) is
/// accepted; pvm cannot call a hook per line or call.
fn set_hook(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [Value::None] => Ok(Value::None),
        _ => Err(crate::exceptions::not_implemented_error(
            "sys.settrace() and sys.setprofile() hooks are not supported by pvm",
        )),
    }
}

fn getswitchinterval(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Float(0.005))
}

fn setswitchinterval(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    match args {
        [Value::Float(f)] if *f > 0.0 => Ok(Value::None),
        [Value::Int(i)] if *i > 0 => Ok(Value::None),
        [Value::Float(_) | Value::Int(_)] => {
            Err(value_error("switch interval must be strictly positive"))
        }
        _ => Err(type_error("must be real number")),
    }
}

/// `sys.excepthook(type, value, traceback)`: prints `value` with its
/// traceback to stderr, as an uncaught exception is printed.
fn excepthook(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("excepthook", kw)?;
    let [_, value, _] = args else {
        return Err(type_error(format!(
            "excepthook expected 3 arguments, got {}",
            args.len()
        )));
    };
    let Value::Exception(exception) = value else {
        return Err(type_error("excepthook: value is not an exception"));
    };
    let text = crate::traceback::render(interp, &PyErr::from_exception(exception.clone()));
    eprint!("{text}");
    Ok(Value::None)
}

/// `sys.exc_info()`: the exception being handled as (type, value,
/// traceback), or three `None`s.
fn exc_info(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("exc_info", kw)?;
    if !args.is_empty() {
        return Err(type_error(format!(
            "sys.exc_info() takes no arguments ({} given)",
            args.len()
        )));
    }
    let value = interp.handled.clone();
    if matches!(value, Value::None) {
        return Ok(Value::tuple(vec![Value::None, Value::None, Value::None]));
    }
    let traceback = crate::attributes::get_attr(interp, &value, &crate::intern("__traceback__"))
        .unwrap_or(Value::None);
    Ok(Value::tuple(vec![
        Value::Type(value.type_of()),
        value,
        traceback,
    ]))
}

/// `sys.exception()`: the exception being handled, or `None`.
fn exception(interp: &mut Interp, _: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("exception", kw)?;
    Ok(interp.handled.clone())
}

fn is_finalizing(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

/// The struct sequences of `sys` (`flags`, `float_info`, `int_info`,
/// `hash_info`, `version_info`), as records that are also tuples.
fn records(interp: &mut Interp) -> PyResult<Vec<(&'static str, Value)>> {
    let int = |i: i64| Value::Int(i);
    let mut flags: Vec<(&str, Value)> = [
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
    ]
    .into_iter()
    .map(|f| (f, int((f == "hash_randomization") as i64)))
    .collect();
    flags.extend([
        ("dev_mode", Value::Bool(false)),
        ("utf8_mode", int(0)),
        ("warn_default_encoding", int(0)),
        ("safe_path", Value::Bool(false)),
        ("int_max_str_digits", int(-1)),
    ]);
    let float_info = [
        ("max", Value::Float(f64::MAX)),
        ("max_exp", int(f64::MAX_EXP as i64)),
        ("max_10_exp", int(f64::MAX_10_EXP as i64)),
        ("min", Value::Float(f64::MIN_POSITIVE)),
        ("min_exp", int(f64::MIN_EXP as i64)),
        ("min_10_exp", int(f64::MIN_10_EXP as i64)),
        ("dig", int(f64::DIGITS as i64)),
        ("mant_dig", int(f64::MANTISSA_DIGITS as i64)),
        ("epsilon", Value::Float(f64::EPSILON)),
        ("radix", int(f64::RADIX as i64)),
        ("rounds", int(1)),
    ];
    let int_info = [
        ("bits_per_digit", int(30)),
        ("sizeof_digit", int(4)),
        ("default_max_str_digits", int(4300)),
        ("str_digits_check_threshold", int(640)),
    ];
    let hash_info = [
        ("width", int(64)),
        ("modulus", int((1 << 61) - 1)),
        ("inf", int(314159)),
        ("nan", int(0)),
        ("imag", int(1000003)),
        ("algorithm", Value::str("siphash13")),
        ("hash_bits", int(64)),
        ("seed_bits", int(128)),
        ("cutoff", int(0)),
    ];
    let version_info = [
        ("major", int(3)),
        ("minor", int(11)),
        ("micro", int(0)),
        ("releaselevel", Value::str("final")),
        ("serial", int(0)),
    ];
    let seq = super::collections::struct_seq;
    Ok(vec![
        ("flags", seq(interp, "sys", "flags", &flags)?),
        ("float_info", seq(interp, "sys", "float_info", &float_info)?),
        ("int_info", seq(interp, "sys", "int_info", &int_info)?),
        ("hash_info", seq(interp, "sys", "hash_info", &hash_info)?),
        (
            "version_info",
            seq(interp, "sys", "version_info", &version_info)?,
        ),
    ])
}

pub(super) fn create(interp: &mut Interp) -> Value {
    static FUNCTIONS: &[&Builtin] = &[
        &Builtin {
            name: "getrecursionlimit",
            func: getrecursionlimit,
        },
        &Builtin {
            name: "setrecursionlimit",
            func: setrecursionlimit,
        },
        &Builtin {
            name: "exit",
            func: exit,
        },
        &Builtin {
            name: "getfilesystemencoding",
            func: getfilesystemencoding,
        },
        &Builtin {
            name: "getfilesystemencodeerrors",
            func: getfilesystemencodeerrors,
        },
        &Builtin {
            name: "get_int_max_str_digits",
            func: get_int_max_str_digits,
        },
        &Builtin {
            name: "set_int_max_str_digits",
            func: set_int_max_str_digits,
        },
        &Builtin {
            name: "audit",
            func: audit,
        },
        &Builtin {
            name: "addaudithook",
            func: addaudithook,
        },
        &Builtin {
            name: "intern",
            func: intern_str,
        },
        &Builtin {
            name: "getdefaultencoding",
            func: getdefaultencoding,
        },
        &Builtin {
            name: "gettrace",
            func: no_hook,
        },
        &Builtin {
            name: "getprofile",
            func: no_hook,
        },
        &Builtin {
            name: "settrace",
            func: set_hook,
        },
        &Builtin {
            name: "setprofile",
            func: set_hook,
        },
        &Builtin {
            name: "getswitchinterval",
            func: getswitchinterval,
        },
        &Builtin {
            name: "setswitchinterval",
            func: setswitchinterval,
        },
        &Builtin {
            name: "is_finalizing",
            func: is_finalizing,
        },
        &Builtin {
            name: "excepthook",
            func: excepthook,
        },
        &Builtin {
            name: "exc_info",
            func: exc_info,
        },
        &Builtin {
            name: "_getframe",
            func: crate::frame_objects::getframe,
        },
        &Builtin {
            name: "exception",
            func: exception,
        },
        &Builtin {
            name: "__excepthook__",
            func: excepthook,
        },
    ];
    let argv = Value::list(interp.argv.iter().map(|a| Value::str(a.as_str())).collect());
    let path = Value::list(
        interp
            .search_path
            .iter()
            .map(|p| Value::str(p.display().to_string()))
            .collect(),
    );
    interp.path_list = Some(path.clone());
    let stdout = super::io::stream(false);
    let stderr = super::io::stream(true);
    let mut constants = vec![
        (
            "orig_argv",
            Value::list(interp.argv.iter().map(|a| Value::str(a.as_str())).collect()),
        ),
        ("warnoptions", Value::list(Vec::new())),
        ("_xoptions", Value::dict(Default::default())),
        ("hexversion", Value::Int(0x030B_00F0)),
        ("api_version", Value::Int(1013)),
        ("maxunicode", Value::Int(0x10FFFF)),
        ("float_repr_style", Value::str("short")),
        ("dont_write_bytecode", Value::Bool(false)),
        ("pycache_prefix", Value::None),
        ("abiflags", Value::str("")),
        ("platlibdir", Value::str("lib")),
        ("meta_path", Value::list(Vec::new())),
        ("path_hooks", Value::list(Vec::new())),
        ("path_importer_cache", Value::dict(Default::default())),
        (
            "byteorder",
            Value::str(if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            }),
        ),
        ("__stdout__", stdout.clone()),
        ("__stderr__", stderr.clone()),
    ];
    for prefix in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        constants.push((prefix, Value::str("/usr")));
    }
    // The records are namedtuple classes, built by the runtime's own
    // `collections`; failing to build one is a pvm bug, so it is left out.
    constants.extend(records(interp).unwrap_or_default());
    let mut m = module(
        "sys",
        FUNCTIONS,
        vec![
            ("argv", argv),
            ("path", path),
            ("modules", Value::Dict(interp.modules.clone())),
            ("maxsize", Value::Int(i64::MAX)),
            ("version", Value::str("3.11.0 (pvm)")),
            ("platform", Value::str(std::env::consts::OS)),
            (
                "executable",
                Value::str(
                    std::env::current_exe()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                ),
            ),
            (
                "builtin_module_names",
                Value::tuple(
                    super::BUILTIN_MODULE_NAMES
                        .iter()
                        .map(|name| Value::str(*name))
                        .collect(),
                ),
            ),
            ("stdout", stdout),
            ("displayhook", Value::Builtin(&crate::exec::DISPLAYHOOK)),
            ("__displayhook__", Value::Builtin(&crate::exec::DISPLAYHOOK)),
            ("stderr", stderr),
        ],
    );
    if let Value::Module(module) = &mut m {
        for (name, value) in constants {
            module.dict.set_str(&crate::intern(name), value);
        }
    }
    m
}
