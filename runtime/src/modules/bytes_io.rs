//! `io.BytesIO`: an in-memory binary stream with a read/write position
//! (`read`, `read1`, `readline`, `readlines`, `write`, `writelines`, `seek`
//! with `whence`, `tell`, `truncate`, `getvalue`, iteration by line, `with`).
//!
//! Not provided: `getbuffer()` (pvm has no `memoryview`) and `readinto()`;
//! asking for them raises `NotImplementedError`.

use crate::exceptions::{type_error, unsupported, value_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub static BYTES_IO: PyType = PyType {
    name: "_io.BytesIO",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

pub struct BytesIo {
    buffer: RefCell<Vec<u8>>,
    position: Cell<usize>,
    closed: Cell<bool>,
}

builtin_table!(METHODS {
    "write" => bio_write,
    "writelines" => bio_writelines,
    "getvalue" => bio_getvalue,
    "read" => bio_read,
    "read1" => bio_read,
    "readline" => bio_readline,
    "readlines" => bio_readlines,
    "seek" => bio_seek,
    "tell" => bio_tell,
    "truncate" => bio_truncate,
    "close" => bio_close,
    "flush" => bio_check,
    "readable" => bio_true,
    "writable" => bio_true,
    "seekable" => bio_true,
    "isatty" => bio_false,
    "getbuffer" => bio_getbuffer,
    "readinto" => bio_readinto,
    "__enter__" => bio_enter,
    "__exit__" => bio_exit,
});

impl NativeObject for BytesIo {
    fn type_of(&self) -> &'static PyType {
        &BYTES_IO
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<_io.BytesIO object at {:#x}>",
            self as *const _ as usize
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        Some(
            self.check_open()
                .and_then(|()| crate::iter::get_iter(interp, &Value::list(self.lines()))),
        )
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "closed" => Some(Value::Bool(self.closed.get())),
            _ => None,
        }
    }
}

impl BytesIo {
    fn check_open(&self) -> PyResult<()> {
        if self.closed.get() {
            return Err(value_error("I/O operation on closed file."));
        }
        Ok(())
    }

    /// Takes up to `size` bytes (all when `None`) from the position on.
    fn take(&self, size: Option<usize>) -> Vec<u8> {
        let buffer = self.buffer.borrow();
        let start = self.position.get().min(buffer.len());
        let end = size.map_or(buffer.len(), |n| (start + n).min(buffer.len()));
        self.position.set(end.max(self.position.get()));
        buffer[start..end].to_vec()
    }

    fn line(&self, limit: Option<usize>) -> Vec<u8> {
        let buffer = self.buffer.borrow();
        let start = self.position.get().min(buffer.len());
        let rest = &buffer[start..];
        let mut end = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        if let Some(limit) = limit {
            end = end.min(limit);
        }
        self.position.set(start + end);
        rest[..end].to_vec()
    }

    fn lines(&self) -> Vec<Value> {
        let mut lines = Vec::new();
        loop {
            let line = self.line(None);
            if line.is_empty() {
                return lines;
            }
            lines.push(crate::bytes::new(line));
        }
    }

    /// Writes at the position, padding with zero bytes past the end.
    fn write(&self, data: &[u8]) {
        let mut buffer = self.buffer.borrow_mut();
        let at = self.position.get();
        if buffer.len() < at {
            buffer.resize(at, 0);
        }
        let overlap = (buffer.len() - at).min(data.len());
        buffer[at..at + overlap].copy_from_slice(&data[..overlap]);
        buffer.extend_from_slice(&data[overlap..]);
        self.position.set(at + data.len());
    }
}

fn this(args: &[Value]) -> PyResult<&BytesIo> {
    args.first()
        .and_then(native::downcast::<BytesIo>)
        .ok_or_else(|| type_error("descriptor requires a '_io.BytesIO' object"))
}

fn open_this(args: &[Value]) -> PyResult<&BytesIo> {
    let stream = this(args)?;
    stream.check_open()?;
    Ok(stream)
}

/// The optional size argument (-1 or None: no limit).
fn size_arg(args: &[Value]) -> PyResult<Option<usize>> {
    match args.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(n)) => Ok((*n >= 0).then_some(*n as usize)),
        Some(other) => Err(type_error(format!(
            "argument should be integer or None, not '{}'",
            other.type_name()
        ))),
    }
}

fn bytes_arg(value: &Value) -> PyResult<Vec<u8>> {
    crate::bytes::buffer(value).ok_or_else(|| {
        type_error(format!(
            "a bytes-like object is required, not '{}'",
            value.type_name()
        ))
    })
}

fn bio_write(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = open_this(args)?;
    let Some(value) = args.get(1) else {
        return Err(type_error("write() takes exactly one argument (0 given)"));
    };
    let data = bytes_arg(value)?;
    stream.write(&data);
    Ok(Value::Int(data.len() as i64))
}

fn bio_writelines(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = open_this(args)?;
    let Some(lines) = args.get(1) else {
        return Err(type_error(
            "writelines() takes exactly one argument (0 given)",
        ));
    };
    for line in crate::iter::collect(interp, lines)? {
        stream.write(&bytes_arg(&line)?);
    }
    Ok(Value::None)
}

fn bio_getvalue(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = open_this(args)?;
    let data = stream.buffer.borrow().clone();
    Ok(crate::bytes::new(data))
}

fn bio_read(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = open_this(args)?;
    let size = size_arg(args)?;
    Ok(crate::bytes::new(stream.take(size)))
}

fn bio_readline(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = open_this(args)?;
    let limit = size_arg(args)?;
    Ok(crate::bytes::new(stream.line(limit)))
}

fn bio_readlines(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::list(open_this(args)?.lines()))
}

fn bio_seek(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = open_this(args)?;
    let Some(Value::Int(offset)) = args.get(1) else {
        return Err(type_error("seek() takes an integer position"));
    };
    let whence = match args.get(2) {
        None => 0,
        Some(Value::Int(w)) => *w,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let base = match whence {
        0 if *offset < 0 => return Err(value_error(format!("negative seek value {offset}"))),
        0 => 0,
        1 => stream.position.get() as i64,
        2 => stream.buffer.borrow().len() as i64,
        _ => {
            return Err(value_error(format!(
                "invalid whence ({whence}, should be 0, 1 or 2)"
            )))
        }
    };
    let position = (base + offset).max(0);
    stream.position.set(position as usize);
    Ok(Value::Int(position))
}

fn bio_tell(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(open_this(args)?.position.get() as i64))
}

fn bio_truncate(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let stream = open_this(args)?;
    let size = match args.get(1) {
        None | Some(Value::None) => stream.position.get(),
        Some(Value::Int(n)) if *n >= 0 => *n as usize,
        Some(Value::Int(n)) => return Err(value_error(format!("negative size value {n}"))),
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    stream.buffer.borrow_mut().truncate(size);
    Ok(Value::Int(size as i64))
}

fn bio_close(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.closed.set(true);
    Ok(Value::None)
}

fn bio_check(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    open_this(args)?;
    Ok(Value::None)
}

fn bio_true(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    open_this(args)?;
    Ok(Value::Bool(true))
}

fn bio_false(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    open_this(args)?;
    Ok(Value::Bool(false))
}

fn bio_getbuffer(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Err(unsupported("BytesIO.getbuffer() and memoryview objects"))
}

fn bio_readinto(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Err(unsupported("BytesIO.readinto() and memoryview objects"))
}

fn bio_enter(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    open_this(args)?;
    Ok(args[0].clone())
}

fn bio_exit(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.closed.set(true);
    Ok(Value::Bool(false))
}

/// `BytesIO(initial_bytes=b'')`.
pub fn construct(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = crate::call::Args::new("BytesIO", args, kwnames);
    let initial = a.positional.first().or(a.keyword("initial_bytes")).cloned();
    a.finish()?;
    a.arity(0, 1)?;
    let data = match initial {
        None | Some(Value::None) => Vec::new(),
        Some(value) => bytes_arg(&value)?,
    };
    Ok(native::new(BytesIo {
        buffer: RefCell::new(data),
        position: Cell::new(0),
        closed: Cell::new(false),
    }))
}
