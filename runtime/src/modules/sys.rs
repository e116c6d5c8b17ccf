//! The `sys` module: `argv`, `path`, `modules`-free basics, the recursion
//! limit, `exit`, `maxsize`, `version` and `version_info`.

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
    module(
        "sys",
        FUNCTIONS,
        vec![
            ("argv", argv),
            ("path", path),
            ("modules", Value::Dict(interp.modules.clone())),
            ("maxsize", Value::Int(i64::MAX)),
            ("version", Value::str("3.11.0 (pvm)")),
            (
                "version_info",
                Value::tuple(vec![Value::Int(3), Value::Int(11), Value::Int(0)]),
            ),
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
            ("warnoptions", Value::list(Vec::new())),
            (
                "byteorder",
                Value::str(if cfg!(target_endian = "little") {
                    "little"
                } else {
                    "big"
                }),
            ),
            ("_xoptions", Value::dict(Default::default())),
            ("stdout", super::io::stream(false)),
            ("displayhook", Value::Builtin(&crate::exec::DISPLAYHOOK)),
            ("__displayhook__", Value::Builtin(&crate::exec::DISPLAYHOOK)),
            ("stderr", super::io::stream(true)),
        ],
    )
}
