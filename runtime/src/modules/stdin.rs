//! `sys.stdin`: standard input as a text stream, read as the program asks
//! (`readline`, `read`, `readlines`, iteration by line), UTF-8 decoded.
//!
//! It is not a general file object: no `seek`, no `buffer`, and closing
//! it does nothing. Files and the other streams are `files.rs` and `io.rs`.

use crate::exceptions::{type_error, value_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::io::{BufRead, Read};
use std::rc::Rc;

static STDIN: PyType = PyType {
    name: "_io.TextIOWrapper",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

struct Stdin;

/// The `sys.stdin` object.
pub fn stdin() -> Value {
    native::new(Stdin)
}

fn decode(bytes: Vec<u8>) -> PyResult<Value> {
    String::from_utf8(bytes).map(Value::str).map_err(|e| {
        value_error(format!(
            "'utf-8' codec can't decode byte {:#04x} in position {}: invalid start byte",
            e.as_bytes()[e.utf8_error().valid_up_to()],
            e.utf8_error().valid_up_to()
        ))
    })
}

fn os_error(error: std::io::Error) -> crate::PyErr {
    crate::exceptions::PyErr::with_message(&types::OS_ERROR, error.to_string())
}

/// The optional size argument of `read(size=-1)` and `readline(size=-1)`.
fn size(args: &[Value], name: &str) -> PyResult<Option<usize>> {
    super::files::size_arg(args).and_then(|size| match args.len() {
        0..=2 => Ok(size),
        n => Err(type_error(format!(
            "{name} expected at most 1 argument, got {}",
            n - 1
        ))),
    })
}

fn read_line(limit: Option<usize>) -> PyResult<Vec<u8>> {
    let mut line = Vec::new();
    let stdin = std::io::stdin();
    let mut locked = stdin.lock();
    match limit {
        None => {
            locked.read_until(b'\n', &mut line).map_err(os_error)?;
        }
        Some(limit) => {
            let mut byte = [0u8];
            while line.len() < limit && locked.read(&mut byte).map_err(os_error)? == 1 {
                line.push(byte[0]);
                if byte[0] == b'\n' {
                    break;
                }
            }
        }
    }
    Ok(line)
}

fn readline(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    decode(read_line(size(args, "readline")?)?)
}

fn read(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut bytes = Vec::new();
    let stdin = std::io::stdin();
    let mut locked = stdin.lock();
    match size(args, "read")? {
        None => {
            locked.read_to_end(&mut bytes).map_err(os_error)?;
        }
        Some(n) => {
            locked
                .take(n as u64)
                .read_to_end(&mut bytes)
                .map_err(os_error)?;
        }
    }
    decode(bytes)
}

/// Every line left, as `readlines()` and iteration see them.
fn lines() -> PyResult<Vec<Value>> {
    let mut lines = Vec::new();
    loop {
        let line = read_line(None)?;
        if line.is_empty() {
            return Ok(lines);
        }
        lines.push(decode(line)?);
    }
}

fn readlines(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::list(lines()?))
}

fn fileno(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn isatty(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(unsafe { libc::isatty(0) } == 1))
}

fn yes(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(true))
}

fn no(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

fn nothing(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::None)
}

fn this(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(args.first().cloned().unwrap_or_default())
}

builtin_table!(METHODS {
    "readline" => readline,
    "read" => read,
    "readlines" => readlines,
    "fileno" => fileno,
    "isatty" => isatty,
    "readable" => yes,
    "writable" => no,
    "seekable" => no,
    "close" => nothing,
    "flush" => nothing,
    "__enter__" => this,
    "__exit__" => nothing,
});

impl NativeObject for Stdin {
    fn type_of(&self) -> &'static PyType {
        &STDIN
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok("<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>".into())
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        Some(match name {
            "name" => Value::str("<stdin>"),
            "mode" => Value::str("r"),
            "encoding" => Value::str("utf-8"),
            "errors" => Value::str("strict"),
            "closed" => Value::Bool(false),
            "newlines" => Value::None,
            "line_buffering" => Value::Bool(false),
            _ => return None,
        })
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        // The lines are read when iteration starts.
        Some(lines().and_then(|lines| crate::iter::get_iter(interp, &Value::list(lines))))
    }
}
