//! `os` functions on file descriptors: `open`, `close`, `read`, `write`,
//! `lseek`, `isatty` and `get_terminal_size`, over the C library (what
//! `shutil`, `argparse`, `tempfile` and `_pyio.FileIO` call).
//!
//! Not provided: `dir_fd` and `opener` arguments, `fstat`, `dup`, pipes.

use crate::call::Args;
use crate::exceptions::{type_error, PyResult};
use crate::value::{PyStr, Value};
use crate::Interp;
use std::rc::Rc;

fn int_arg(value: Option<&Value>, function: &str, name: &str, position: usize) -> PyResult<i64> {
    match value.map(crate::subclass::value_of) {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Bool(b)) => Ok(*b as i64),
        Some(other) => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
        None => Err(type_error(format!(
            "{function}() missing required argument '{name}' (pos {position})"
        ))),
    }
}

/// The `OSError` for the C library's `errno`, naming `filename` if given.
fn last_error(filename: Option<&str>) -> crate::exceptions::PyErr {
    let error = std::io::Error::last_os_error();
    match filename {
        Some(name) => super::files::os_error(&error, name),
        None => {
            let errno = error.raw_os_error().unwrap_or(0);
            let err = crate::exceptions::PyErr::with_message(
                &crate::types::OS_ERROR,
                format!("[Errno {errno}] {}", super::posix::message_of(errno)),
            );
            let attrs = &err.0.exception.attrs;
            attrs.set_str(&crate::intern("errno"), Value::Int(errno as i64));
            err
        }
    }
}

/// `os.open(path, flags, mode=0o777)`.
pub fn open(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("open", args, kw);
    let path = a.positional.first().or(a.keyword("path")).cloned();
    let flags = a.positional.get(1).or(a.keyword("flags")).cloned();
    let mode = a.positional.get(2).or(a.keyword("mode")).cloned();
    a.finish()?;
    let Some(path) = path else {
        return Err(type_error(
            "open() missing required argument 'path' (pos 1)",
        ));
    };
    let path = super::posix::path_arg(interp, &path, "open")?;
    let flags = int_arg(flags.as_ref(), "open", "flags", 2)?;
    let mode = match mode {
        None => 0o777,
        some => int_arg(some.as_ref(), "open", "mode", 3)?,
    };
    let Ok(c_path) = std::ffi::CString::new(path.as_str()) else {
        return Err(crate::exceptions::value_error("embedded null byte"));
    };
    // SAFETY: a valid C string; the descriptor is the caller's to close.
    let fd = unsafe { libc::open(c_path.as_ptr(), flags as libc::c_int, mode as libc::c_uint) };
    if fd < 0 {
        return Err(last_error(Some(&path)));
    }
    Ok(Value::Int(fd as i64))
}

pub fn close(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let fd = int_arg(args.first(), "close", "fd", 1)?;
    // SAFETY: closing a descriptor the program names.
    if unsafe { libc::close(fd as libc::c_int) } != 0 {
        return Err(last_error(None));
    }
    Ok(Value::None)
}

pub fn read(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let fd = int_arg(args.first(), "read", "fd", 1)?;
    let size = int_arg(args.get(1), "read", "length", 2)?.max(0) as usize;
    let mut buffer = vec![0u8; size];
    loop {
        // SAFETY: the buffer holds `size` bytes.
        let n = unsafe { libc::read(fd as libc::c_int, buffer.as_mut_ptr().cast(), size) };
        if n >= 0 {
            buffer.truncate(n as usize);
            return Ok(crate::bytes::new(buffer));
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return Err(last_error(None));
        }
        interp.check_interrupt()?;
    }
}

pub fn write(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let fd = int_arg(args.first(), "write", "fd", 1)?;
    let Some(data) = args.get(1).and_then(crate::bytes::buffer) else {
        return Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            args.get(1).map_or("NoneType", |v| v.type_name())
        )));
    };
    loop {
        // SAFETY: the buffer holds `data.len()` bytes.
        let n = unsafe { libc::write(fd as libc::c_int, data.as_ptr().cast(), data.len()) };
        if n >= 0 {
            return Ok(Value::Int(n as i64));
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return Err(last_error(None));
        }
        interp.check_interrupt()?;
    }
}

pub fn lseek(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let fd = int_arg(args.first(), "lseek", "fd", 1)?;
    let position = int_arg(args.get(1), "lseek", "position", 2)?;
    let whence = int_arg(args.get(2), "lseek", "whence", 3)?;
    // SAFETY: moving a descriptor's offset.
    let at = unsafe {
        libc::lseek(
            fd as libc::c_int,
            position as libc::off_t,
            whence as libc::c_int,
        )
    };
    if at < 0 {
        return Err(last_error(None));
    }
    Ok(Value::Int(at as i64))
}

pub fn isatty(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let fd = int_arg(args.first(), "isatty", "fd", 1)?;
    // SAFETY: isatty only inspects the descriptor.
    Ok(Value::Bool(unsafe { libc::isatty(fd as libc::c_int) } == 1))
}

thread_local! {
    /// `os.terminal_size`, once `posix` imported it.
    static TERMINAL_SIZE: std::cell::RefCell<Option<Value>> = const { std::cell::RefCell::new(None) };
}

/// `os.terminal_size` (from pvm's `_pvm_terminal.py`), for `posix` to
/// export; `None` if that module could not be imported.
pub fn terminal_size_class(interp: &mut Interp) -> Option<Value> {
    let module = super::importer::import_module(interp, "_pvm_terminal").ok()?;
    let class =
        crate::attributes::get_attr(interp, &module, &crate::intern("terminal_size")).ok()?;
    TERMINAL_SIZE.with(|t| *t.borrow_mut() = Some(class.clone()));
    Some(class)
}

/// `os.get_terminal_size(fd=1)`.
pub fn get_terminal_size(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let fd = match args.first() {
        None => 1,
        some => int_arg(some, "get_terminal_size", "fd", 1)?,
    };
    // SAFETY: TIOCGWINSZ fills the winsize it is given.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    if unsafe { libc::ioctl(fd as libc::c_int, libc::TIOCGWINSZ, &mut size) } != 0 {
        return Err(last_error(None));
    }
    let Some(class) = TERMINAL_SIZE.with(|t| t.borrow().clone()) else {
        return Err(crate::exceptions::unsupported(
            "os.terminal_size without _pvm_terminal",
        ));
    };
    let pair = Value::tuple(vec![
        Value::Int(size.ws_col as i64),
        Value::Int(size.ws_row as i64),
    ]);
    crate::call::call(interp, &class, &[pair], &[])
}
