//! Text streams: `io.StringIO` and the `sys.stdout`/`sys.stderr` objects,
//! which `print(file=...)` writes to.
//!
//! Real files (`open`) are `files.rs`. `sys.stdout` writes through the
//! interpreter's output, so captured output (tests, `pvm compare`) sees it.

use super::module;
use crate::exceptions::{type_error, value_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::io::Write;
use std::rc::Rc;

static STRING_IO: PyType = PyType {
    name: "StringIO",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

static TEXT_WRAPPER: PyType = PyType {
    name: "TextIOWrapper",
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

builtin_table!(STRING_IO_METHODS {
    "write" => sio_write,
    "getvalue" => sio_getvalue,
    "read" => sio_read,
    "readline" => sio_readline,
    "readlines" => sio_readlines,
    "seek" => sio_seek,
    "tell" => sio_tell,
    "close" => sio_close,
    "flush" => stream_flush,
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

fn string_io(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("StringIO", kwnames)?;
    let initial = match args.first() {
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

// ----- sys.stdout and sys.stderr ---------------------------------------------

pub struct TextStream {
    stderr: bool,
}

builtin_table!(STREAM_METHODS {
    "write" => stream_write,
    "flush" => stream_flush,
});

impl NativeObject for TextStream {
    fn type_of(&self) -> &'static PyType {
        &TEXT_WRAPPER
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
}

fn stream_write(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let Some(Value::Str(text)) = args.get(1) else {
        return Err(type_error("write() argument must be str"));
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

static FUNCTIONS: &[Builtin] = &[Builtin {
    name: "StringIO",
    func: string_io,
}];

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    module("io", &functions, Vec::new())
}
