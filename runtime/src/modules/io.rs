//! The native module `_io`: `StringIO`, the `sys.stdout`/`sys.stderr`
//! objects (which `print(file=...)` writes to), and the types and functions
//! that pvm's `io.py` builds the `io` module from.
//!
//! Real files (`open`) are `files.rs`, `BytesIO` is `bytes_io.rs`. The
//! abstract classes and `TextIOWrapper` over any buffer are Python (`io.py`
//! over CPython's `_pyio`), not here. `sys.stdout` writes through the
//! interpreter's output, so captured output (tests, `pvm compare`) sees it.

use super::module;
use crate::exceptions::{type_error, unsupported, value_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::io::Write;
use std::rc::Rc;

pub static STRING_IO: PyType = PyType {
    name: "_io.StringIO",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

pub struct StringIo {
    buffer: RefCell<String>,
    /// Read position, in bytes of `buffer`.
    position: Cell<usize>,
    closed: Cell<bool>,
}

builtin_table!(pub STRING_IO_METHODS {
    "write" => sio_write,
    "getvalue" => sio_getvalue,
    "read" => sio_read,
    "readline" => sio_readline,
    "readlines" => sio_readlines,
    "seek" => sio_seek,
    "tell" => sio_tell,
    "close" => sio_close,
    "flush" => stream_flush,
    "truncate" => sio_truncate,
    "writelines" => sio_writelines,
    "readable" => sio_true,
    "writable" => sio_true,
    "seekable" => sio_true,
    "isatty" => sio_false,
    "__enter__" => sio_enter,
    "__exit__" => sio_exit,
});

impl NativeObject for StringIo {
    fn type_of(&self) -> &'static PyType {
        &STRING_IO
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<_io.StringIO object at {:#x}>",
            self as *const _ as usize
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        STRING_IO_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        let lines = self.remaining_lines();
        Some(crate::iter::get_iter(interp, &Value::list(lines)))
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "closed" => Some(Value::Bool(self.closed.get())),
            // A StringIO holds text: no encoding, as in CPython.
            "encoding" | "errors" => Some(Value::None),
            _ => None,
        }
    }
}

impl StringIo {
    fn check_open(&self) -> PyResult<()> {
        if self.closed.get() {
            return Err(value_error("I/O operation on closed file"));
        }
        Ok(())
    }

    fn remaining_lines(&self) -> Vec<Value> {
        let buffer = self.buffer.borrow();
        let rest = &buffer[self.position.get().min(buffer.len())..];
        self.position.set(buffer.len());
        rest.split_inclusive('\n').map(Value::str).collect()
    }

    /// Writes at the current position (overwriting, as `StringIO` does).
    fn write(&self, text: &str) {
        let mut buffer = self.buffer.borrow_mut();
        let at = self.position.get().min(buffer.len());
        let end = (at + text.len()).min(buffer.len());
        let mut end = end;
        while !buffer.is_char_boundary(end) {
            end += 1;
        }
        buffer.replace_range(at..end, text);
        self.position.set(at + text.len());
    }
}

fn this(args: &[Value]) -> PyResult<&StringIo> {
    args.first()
        .and_then(native::downcast::<StringIo>)
        .ok_or_else(|| type_error("descriptor requires a '_io.StringIO' object"))
}

fn sio_write(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = this(args)?;
    stream.check_open()?;
    match args.get(1) {
        Some(Value::Str(s)) => {
            stream.write(s.as_str());
            Ok(Value::Int(s.char_len() as i64))
        }
        Some(other) => Err(type_error(format!(
            "string argument expected, got '{}'",
            other.type_name()
        ))),
        None => Err(type_error("write() takes exactly one argument (0 given)")),
    }
}

fn sio_getvalue(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = this(args)?;
    stream.check_open()?;
    let text = stream.buffer.borrow().clone();
    Ok(Value::str(text))
}

fn sio_read(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = this(args)?;
    stream.check_open()?;
    let buffer = stream.buffer.borrow();
    let start = stream.position.get().min(buffer.len());
    let rest = &buffer[start..];
    let taken = match args.get(1) {
        Some(Value::Int(n)) if *n >= 0 => {
            let end = rest
                .char_indices()
                .nth(*n as usize)
                .map_or(rest.len(), |(i, _)| i);
            &rest[..end]
        }
        _ => rest,
    };
    stream.position.set(start + taken.len());
    Ok(Value::str(taken))
}

fn sio_readline(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = this(args)?;
    stream.check_open()?;
    let buffer = stream.buffer.borrow();
    let start = stream.position.get().min(buffer.len());
    let rest = &buffer[start..];
    let line = match rest.find('\n') {
        Some(i) => &rest[..=i],
        None => rest,
    };
    stream.position.set(start + line.len());
    Ok(Value::str(line))
}

fn sio_readlines(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = this(args)?;
    stream.check_open()?;
    Ok(Value::list(stream.remaining_lines()))
}

fn sio_seek(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = this(args)?;
    stream.check_open()?;
    match args.get(1) {
        Some(Value::Int(n)) if *n >= 0 => {
            stream.position.set(*n as usize);
            Ok(Value::Int(*n))
        }
        Some(Value::Int(n)) => Err(value_error(format!("Negative seek position {n}"))),
        _ => Err(type_error("seek() takes an integer position")),
    }
}

fn sio_tell(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = this(args)?;
    stream.check_open()?;
    Ok(Value::Int(stream.position.get() as i64))
}

fn sio_close(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.closed.set(true);
    Ok(Value::None)
}

fn sio_truncate(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = this(args)?;
    stream.check_open()?;
    let mut buffer = stream.buffer.borrow_mut();
    let size = match args.get(1) {
        None | Some(Value::None) => buffer[..stream.position.get().min(buffer.len())]
            .chars()
            .count(),
        Some(Value::Int(n)) if *n >= 0 => *n as usize,
        Some(Value::Int(n)) => return Err(value_error(format!("Negative size value {n}"))),
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let cut = buffer
        .char_indices()
        .nth(size)
        .map_or(buffer.len(), |(i, _)| i);
    buffer.truncate(cut);
    Ok(Value::Int(size as i64))
}

fn sio_writelines(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let Some(lines) = args.get(1) else {
        return Err(type_error(
            "writelines() takes exactly one argument (0 given)",
        ));
    };
    for line in crate::iter::collect(interp, lines)? {
        sio_write(interp, &[args[0].clone(), line], &[])?;
    }
    Ok(Value::None)
}

fn sio_true(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.check_open()?;
    Ok(Value::Bool(true))
}

fn sio_false(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.check_open()?;
    Ok(Value::Bool(false))
}

fn sio_enter(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.check_open()?;
    Ok(args[0].clone())
}

fn sio_exit(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.closed.set(true);
    Ok(Value::Bool(false))
}

/// `StringIO(initial_value='', newline='\n')`; only the newline values
/// that leave text as written (`'\n'`, `''`, `None`) are provided.
pub fn string_io(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = crate::call::Args::new("StringIO", args, kwnames);
    let initial = a.positional.first().or(a.keyword("initial_value")).cloned();
    let newline = a.positional.get(1).or(a.keyword("newline")).cloned();
    a.finish()?;
    a.arity(0, 2)?;
    match &newline {
        None | Some(Value::None) => {}
        Some(Value::Str(s)) if s.as_str().is_empty() || s.as_str() == "\n" => {}
        Some(Value::Str(s)) if s.as_str() == "\r" || s.as_str() == "\r\n" => {
            return Err(unsupported("StringIO newline values '\\r' and '\\r\\n'"))
        }
        Some(Value::Str(s)) => {
            return Err(value_error(format!(
                "illegal newline value: {}",
                pvm_frontend::float_repr::str_repr(s.as_str())
            )))
        }
        Some(other) => {
            return Err(type_error(format!(
                "newline must be str or None, not {}",
                other.type_name()
            )))
        }
    }
    let initial = match initial.as_ref() {
        None | Some(Value::None) => String::new(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "initial_value must be str or None, not {}",
                other.type_name()
            )))
        }
    };
    Ok(native::new(StringIo {
        buffer: RefCell::new(initial),
        position: Cell::new(0),
        closed: Cell::new(false),
    }))
}

/// An empty `StringIO`: what an instance of a subclass extends.
pub fn empty_string_io() -> Value {
    native::new(StringIo {
        buffer: RefCell::new(String::new()),
        position: Cell::new(0),
        closed: Cell::new(false),
    })
}

// ----- sys.stdout and sys.stderr ---------------------------------------------

pub struct TextStream {
    stderr: bool,
}

builtin_table!(STREAM_METHODS {
    "write" => stream_write,
    "flush" => stream_flush,
    "isatty" => stream_isatty,
    "fileno" => stream_fileno,
    "writable" => sio_true_any,
    "readable" => sio_false_any,
    "seekable" => sio_false_any,
    "close" => stream_close,
});

impl NativeObject for TextStream {
    fn type_of(&self) -> &'static PyType {
        &super::files::TEXT_FILE
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        let name = if self.stderr { "<stderr>" } else { "<stdout>" };
        Ok(format!(
            "<_io.TextIOWrapper name='{name}' mode='w' encoding='utf-8'>"
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        STREAM_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        Some(match name {
            "name" => Value::str(if self.stderr { "<stderr>" } else { "<stdout>" }),
            "mode" => Value::str("w"),
            "encoding" => Value::str("utf-8"),
            "errors" => Value::str(if self.stderr {
                "backslashreplace"
            } else {
                "strict"
            }),
            "closed" => Value::Bool(false),
            "line_buffering" => Value::Bool(false),
            "newlines" => Value::None,
            _ => return None,
        })
    }
}

fn stream_of(args: &[Value]) -> PyResult<&TextStream> {
    args.first()
        .and_then(native::downcast::<TextStream>)
        .ok_or_else(|| type_error("descriptor requires a '_io.TextIOWrapper' object"))
}

fn stream_isatty(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let fd = if stream_of(args)?.stderr { 2 } else { 1 };
    // SAFETY: isatty only inspects the descriptor.
    Ok(Value::Bool(unsafe { libc::isatty(fd) } == 1))
}

fn stream_fileno(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(if stream_of(args)?.stderr { 2 } else { 1 }))
}

/// `sys.stdout.close()`: pvm keeps its standard streams open; flushing is
/// all closing does.
fn stream_close(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    stream_flush(interp, args, kw)
}

fn sio_true_any(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(true))
}

fn sio_false_any(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

fn stream_write(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let text = match args.get(1) {
        Some(Value::Str(text)) => text,
        Some(other) => {
            return Err(type_error(format!(
                "write() argument must be str, not {}",
                other.type_name()
            )))
        }
        None => return Err(type_error("write() takes exactly one argument (0 given)")),
    };
    write_to(interp, &args[0], text.as_str())?;
    Ok(Value::Int(text.char_len() as i64))
}

fn stream_flush(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    if native::downcast::<TextStream>(&args[0]).is_some_and(|s| !s.stderr) {
        let _ = interp.stdout.flush();
    }
    Ok(Value::None)
}

/// `sys.stdout` or `sys.stderr`.
pub fn stream(stderr: bool) -> Value {
    native::new(TextStream { stderr })
}

/// Writes `text` to a file-like object: a `StringIO`, `sys.stdout`,
/// `sys.stderr`, or anything with a `write` method.
/// Whether `file` is `sys.stdout`, `sys.stderr` or a `StringIO`, which take
/// text without running Python code.
pub fn is_builtin_stream(file: &Value) -> bool {
    native::downcast::<TextStream>(file).is_some() || native::downcast::<StringIo>(file).is_some()
}

pub fn write_to(interp: &mut Interp, file: &Value, text: &str) -> PyResult<()> {
    if let Some(stream) = native::downcast::<TextStream>(file) {
        if stream.stderr {
            let _ = interp.stdout.flush();
            let _ = std::io::stderr().write_all(text.as_bytes());
            return Ok(());
        }
        return interp.write_stdout(text.as_bytes());
    }
    if let Some(buffer) = native::downcast::<StringIo>(file) {
        buffer.check_open()?;
        buffer.write(text);
        return Ok(());
    }
    let write = crate::attributes::get_attr(interp, file, &crate::intern("write"))?;
    crate::call::call(interp, &write, &[Value::str(text)], &[])?;
    Ok(())
}

/// `io.open_code(path)`: the file opened for reading bytes.
fn open_code(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = crate::call::Args::new("open_code", args, kwnames);
    let path = a.positional.first().or(a.keyword("path")).cloned();
    a.finish()?;
    a.arity(0, 1)?;
    match path {
        Some(Value::Str(path)) => {
            super::files::open(interp, &[Value::Str(path), Value::str("rb")], &[])
        }
        Some(other) => Err(type_error(format!(
            "open_code() argument 'path' must be str, not {}",
            other.type_name()
        ))),
        None => Err(type_error(
            "open_code() missing required argument 'path' (pos 1)",
        )),
    }
}

builtin_table!(FUNCTIONS {
    "open_code" => open_code,
});

/// The types `_io` provides and whether calling one makes an instance.
const TYPES: &[(&str, &PyType)] = &[
    ("StringIO", &STRING_IO),
    ("BytesIO", &super::bytes_io::BYTES_IO),
    ("FileIO", &super::files::FILE_IO),
    ("BufferedReader", &super::files::BINARY_READER),
    ("BufferedWriter", &super::files::BINARY_WRITER),
    ("TextIOWrapper", &super::files::TEXT_FILE),
];

/// Whether `t` is one of `_io`'s types that calling makes an instance of.
pub fn constructs(t: &'static PyType) -> bool {
    [
        &STRING_IO,
        &super::bytes_io::BYTES_IO,
        &super::files::FILE_IO,
    ]
    .iter()
    .any(|&known| std::ptr::eq(t, known))
}

/// `StringIO(...)`, `BytesIO(...)` or `FileIO(...)` (`t` is one of them).
pub fn construct(
    interp: &mut Interp,
    t: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    if std::ptr::eq(t, &STRING_IO) {
        string_io(interp, args, kwnames)
    } else if std::ptr::eq(t, &super::bytes_io::BYTES_IO) {
        super::bytes_io::construct(interp, args, kwnames)
    } else {
        super::files::file_io(interp, args, kwnames)
    }
}

/// The native module `_io` (pvm's `io.py` imports it).
pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    let mut constants: Vec<(&str, Value)> = TYPES
        .iter()
        .map(|&(name, t)| (name, Value::Type(t)))
        .collect();
    constants.push(("open", Value::Builtin(&super::files::OPEN)));
    constants.push(("DEFAULT_BUFFER_SIZE", Value::Int(8192)));
    module("_io", &functions, constants)
}
