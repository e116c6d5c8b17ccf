//! The builtin `open()` and the file objects it returns: text files
//! (UTF-8, Latin-1 or ASCII, with universal newlines unless `newline=''`)
//! and binary files, for reading (`r`), writing (`w`), appending (`a`) or
//! creating (`x`); `read`, `readline`, `readlines`, iteration by line,
//! `write`, `writelines`, `flush`, `close` and `with`.
//!
//! Files being read can `seek` (binary files anywhere; text files to the
//! start or the end) and `tell` (binary files). `open(name, 'rb',
//! buffering=0)` and `io.FileIO(name)` give an `_io.FileIO`.
//!
//! Not provided: `+` modes (reading and writing one file), seeking in
//! files being written, other encodings and `errors=` handlers; asking for
//! them raises `NotImplementedError`. A file being read is read whole when
//! opened.

use crate::call::Args;
use crate::exceptions::{type_error, unsupported, value_error, PyErr, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::io::Write;
use std::rc::Rc;

pub static TEXT_FILE: PyType = PyType {
    name: "_io.TextIOWrapper",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

pub static BINARY_READER: PyType = PyType {
    name: "_io.BufferedReader",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

pub static BINARY_WRITER: PyType = PyType {
    name: "_io.BufferedWriter",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

pub static FILE_IO: PyType = PyType {
    name: "_io.FileIO",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

#[derive(Clone, Copy, PartialEq)]
enum Encoding {
    Utf8,
    Latin1,
    Ascii,
}

impl Encoding {
    fn parse(name: &str) -> Option<Encoding> {
        let name = name.to_ascii_lowercase().replace('_', "-");
        Some(match name.as_str() {
            "utf-8" | "utf8" => Encoding::Utf8,
            "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => Encoding::Latin1,
            "ascii" | "us-ascii" => Encoding::Ascii,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Latin1 => "latin1",
            Encoding::Ascii => "ascii",
        }
    }

    fn decode(self, bytes: &[u8]) -> PyResult<String> {
        match self {
            Encoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(text) => Ok(text.to_string()),
                Err(e) => Err(value_error(format!(
                    "'utf-8' codec can't decode byte {:#04x} in position {}: invalid start byte",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ))),
            },
            Encoding::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
            Encoding::Ascii => match bytes.iter().position(|b| !b.is_ascii()) {
                None => Ok(bytes.iter().map(|&b| b as char).collect()),
                Some(i) => Err(value_error(format!(
                    "'ascii' codec can't decode byte {:#04x} in position {i}: ordinal not in range(128)",
                    bytes[i]
                ))),
            },
        }
    }

    fn encode(self, text: &str) -> PyResult<Vec<u8>> {
        let limit = match self {
            Encoding::Utf8 => return Ok(text.as_bytes().to_vec()),
            Encoding::Latin1 => 256,
            Encoding::Ascii => 128,
        };
        let mut out = Vec::with_capacity(text.len());
        for (i, c) in text.chars().enumerate() {
            if (c as u32) >= limit {
                return Err(value_error(format!(
                    "'{}' codec can't encode character '\\u{:04x}' in position {i}: ordinal not in range({limit})",
                    if limit == 256 { "latin-1" } else { "ascii" },
                    c as u32
                )));
            }
            out.push(c as u8);
        }
        Ok(out)
    }
}

/// What an open file holds: the whole content for reading, or a buffered
/// writer.
enum Handle {
    Reading { data: Vec<u8>, position: usize },
    Writing(std::io::BufWriter<std::fs::File>),
    Closed,
}

pub struct File {
    name: String,
    mode: String,
    /// `None` for binary files.
    encoding: Option<Encoding>,
    /// Whether this is an unbuffered binary file (`_io.FileIO`).
    raw: bool,
    /// Whether `\r\n` and `\r` read as `\n` (text files without `newline=''`).
    universal: bool,
    /// Whether lines also end at `\r` and `\r\n` (`newline=''`).
    any_ending: bool,
    handle: RefCell<Handle>,
    /// The text read but not yet returned, for text files (decoded once).
    text: RefCell<Option<(String, usize)>>,
    closed: Cell<bool>,
}

builtin_table!(METHODS {
    "read" => file_read,
    "readline" => file_readline,
    "readlines" => file_readlines,
    "write" => file_write,
    "writelines" => file_writelines,
    "flush" => file_flush,
    "close" => file_close,
    "readable" => file_readable,
    "writable" => file_writable,
    "seekable" => file_seekable,
    "seek" => file_seek,
    "tell" => file_tell,
    "read1" => file_read,
    "isatty" => file_isatty,
    "__enter__" => file_enter,
    "__exit__" => file_exit,
});

/// The `OSError` subclass CPython raises for an I/O error, with `errno`,
/// `strerror` and `filename` set.
pub(super) fn os_error(error: &std::io::Error, filename: &str) -> PyErr {
    use std::io::ErrorKind as K;
    let kind = match error.kind() {
        K::NotFound => &types::FILE_NOT_FOUND_ERROR,
        K::AlreadyExists => &types::FILE_EXISTS_ERROR,
        K::PermissionDenied => &types::PERMISSION_ERROR,
        _ if error.raw_os_error() == Some(21) => &types::IS_A_DIRECTORY_ERROR,
        _ => &types::OS_ERROR,
    };
    let errno = error.raw_os_error().unwrap_or(0);
    let strerror = error.to_string();
    let strerror = match strerror.find(" (os error") {
        Some(cut) => strerror[..cut].to_string(),
        None => strerror,
    };
    let filename_repr = pvm_frontend::float_repr::str_repr(filename);
    let err = PyErr::with_message(kind, format!("[Errno {errno}] {strerror}: {filename_repr}"));
    let attrs = &err.0.exception.attrs;
    attrs.set_str(&crate::intern("errno"), Value::Int(errno as i64));
    attrs.set_str(&crate::intern("strerror"), Value::str(strerror));
    attrs.set_str(&crate::intern("filename"), Value::str(filename));
    err
}

fn closed_error() -> PyErr {
    value_error("I/O operation on closed file.")
}

impl File {
    fn readable(&self) -> bool {
        self.mode.contains('r')
    }

    fn check(&self) -> PyResult<()> {
        if self.closed.get() {
            return Err(closed_error());
        }
        Ok(())
    }

    fn check_readable(&self) -> PyResult<()> {
        self.check()?;
        if !self.readable() {
            return Err(PyErr::with_message(&types::OS_ERROR, "not readable"));
        }
        Ok(())
    }

    fn check_writable(&self) -> PyResult<()> {
        self.check()?;
        if self.readable() {
            return Err(PyErr::with_message(&types::OS_ERROR, "not writable"));
        }
        Ok(())
    }

    /// Decodes the rest of a text file once, and calls `f` on the text and
    /// the read position in it.
    fn with_text<T>(&self, f: impl FnOnce(&str, &mut usize) -> T) -> PyResult<T> {
        self.check_readable()?;
        let mut text = self.text.borrow_mut();
        if text.is_none() {
            let bytes = match &mut *self.handle.borrow_mut() {
                Handle::Reading { data, position } => {
                    let rest = data[*position..].to_vec();
                    *position = data.len();
                    rest
                }
                _ => Vec::new(),
            };
            let mut decoded = self.encoding.unwrap_or(Encoding::Utf8).decode(&bytes)?;
            if self.universal && decoded.contains('\r') {
                decoded = decoded.replace("\r\n", "\n").replace('\r', "\n");
            }
            *text = Some((decoded, 0));
        }
        let (content, position) = text
            .as_mut()
            .unwrap_or_else(|| unreachable!("decoded above"));
        Ok(f(content, position))
    }

    /// Calls `f` on the bytes of a binary file and the read position.
    fn with_bytes<T>(&self, f: impl FnOnce(&[u8], &mut usize) -> T) -> PyResult<T> {
        self.check_readable()?;
        match &mut *self.handle.borrow_mut() {
            Handle::Reading { data, position } => Ok(f(data, position)),
            _ => Err(closed_error()),
        }
    }

    fn write_bytes(&self, bytes: &[u8]) -> PyResult<()> {
        self.check_writable()?;
        match &mut *self.handle.borrow_mut() {
            Handle::Writing(writer) => writer
                .write_all(bytes)
                .map_err(|e| os_error(&e, &self.name)),
            _ => Err(closed_error()),
        }
    }

    fn close(&self) -> PyResult<()> {
        if self.closed.replace(true) {
            return Ok(());
        }
        let handle = std::mem::replace(&mut *self.handle.borrow_mut(), Handle::Closed);
        *self.text.borrow_mut() = None;
        if let Handle::Writing(mut writer) = handle {
            writer.flush().map_err(|e| os_error(&e, &self.name))?;
        }
        Ok(())
    }

    /// The next line (with its newline), or empty at the end.
    fn next_line(&self) -> PyResult<Value> {
        if self.encoding.is_none() {
            let line = self.with_bytes(|data, position| {
                let rest = &data[*position..];
                let end = rest
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(rest.len(), |i| i + 1);
                *position += end;
                rest[..end].to_vec()
            })?;
            return Ok(crate::bytes::new(line));
        }
        let any_ending = self.any_ending;
        let line = self.with_text(|text, position| {
            let rest = &text[*position..];
            let end = if any_ending {
                match rest.find(['\n', '\r']) {
                    Some(i) if rest[i..].starts_with("\r\n") => i + 2,
                    Some(i) => i + 1,
                    None => rest.len(),
                }
            } else {
                rest.find('\n').map_or(rest.len(), |i| i + 1)
            };
            *position += end;
            rest[..end].to_string()
        })?;
        Ok(Value::str(line))
    }

    fn lines(&self) -> PyResult<Vec<Value>> {
        let mut lines = Vec::new();
        loop {
            let line = self.next_line()?;
            if crate::builtins::length(&line)? == 0 {
                return Ok(lines);
            }
            lines.push(line);
        }
    }
}

impl NativeObject for File {
    fn type_of(&self) -> &'static PyType {
        match (self.encoding, self.readable()) {
            (Some(_), _) => &TEXT_FILE,
            (None, _) if self.raw => &FILE_IO,
            (None, true) => &BINARY_READER,
            (None, false) => &BINARY_WRITER,
        }
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        let name = pvm_frontend::float_repr::str_repr(&self.name);
        Ok(match self.encoding {
            Some(encoding) => format!(
                "<_io.TextIOWrapper name={name} mode='{}' encoding='{}'>",
                self.mode,
                encoding.name()
            ),
            None if self.raw => {
                format!("<_io.FileIO name={name} mode='{}' closefd=True>", self.mode)
            }
            None => format!("<{} name={name}>", self.type_of().name),
        })
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        Some(
            self.lines()
                .and_then(|lines| crate::iter::get_iter(interp, &Value::list(lines))),
        )
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "name" => Some(Value::str(self.name.as_str())),
            "mode" => Some(Value::str(self.mode.as_str())),
            "closed" => Some(Value::Bool(self.closed.get())),
            "encoding" => self.encoding.map(|e| Value::str(e.name())),
            _ => None,
        }
    }
}

fn this(args: &[Value]) -> PyResult<&File> {
    args.first()
        .and_then(native::downcast::<File>)
        .ok_or_else(|| type_error("descriptor requires a file object"))
}

/// The optional size argument of `read` and `readline` (-1 or None: all).
pub(super) fn size_arg(args: &[Value]) -> PyResult<Option<usize>> {
    match args.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(n)) if *n < 0 => Ok(None),
        Some(Value::Int(n)) => Ok(Some(*n as usize)),
        Some(other) => Err(type_error(format!(
            "argument should be integer or None, not '{}'",
            other.type_name()
        ))),
    }
}

fn file_read(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("read", kw)?;
    let file = this(args)?;
    let size = size_arg(args)?;
    if file.encoding.is_none() {
        let chunk = file.with_bytes(|data, position| {
            let rest = &data[*position..];
            let n = size.map_or(rest.len(), |s| s.min(rest.len()));
            *position += n;
            rest[..n].to_vec()
        })?;
        return Ok(crate::bytes::new(chunk));
    }
    let chunk = file.with_text(|text, position| {
        let rest = &text[*position..];
        let end = match size {
            None => rest.len(),
            Some(n) => rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i),
        };
        *position += end;
        rest[..end].to_string()
    })?;
    Ok(Value::str(chunk))
}

fn file_readline(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("readline", kw)?;
    if size_arg(args)?.is_some() {
        return Err(unsupported("size limits on readline()"));
    }
    this(args)?.next_line()
}

fn file_readlines(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("readlines", kw)?;
    Ok(Value::list(this(args)?.lines()?))
}

fn write_one(file: &File, value: &Value) -> PyResult<usize> {
    match (file.encoding, value) {
        (Some(encoding), Value::Str(s)) => {
            file.check_writable()?;
            file.write_bytes(&encoding.encode(s.as_str())?)?;
            Ok(s.char_len())
        }
        (Some(_), other) => Err(type_error(format!(
            "write() argument must be str, not {}",
            other.type_name()
        ))),
        (None, Value::Bytes(b)) => {
            file.write_bytes(&b.data)?;
            Ok(b.data.len())
        }
        (None, other) => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

fn file_write(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("write", kw)?;
    let file = this(args)?;
    let [_, value] = args else {
        return Err(type_error(format!(
            "write() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    Ok(Value::Int(write_one(file, value)? as i64))
}

fn file_writelines(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("writelines", kw)?;
    let file = this(args)?;
    let [_, lines] = args else {
        return Err(type_error(format!(
            "writelines() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    for line in crate::iter::collect(interp, lines)? {
        write_one(file, &line)?;
    }
    Ok(Value::None)
}

fn file_flush(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let file = this(args)?;
    file.check()?;
    if let Handle::Writing(writer) = &mut *file.handle.borrow_mut() {
        writer.flush().map_err(|e| os_error(&e, &file.name))?;
    }
    Ok(Value::None)
}

fn file_close(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.close()?;
    Ok(Value::None)
}

fn file_readable(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let file = this(args)?;
    file.check()?;
    Ok(Value::Bool(file.readable()))
}

fn file_writable(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let file = this(args)?;
    file.check()?;
    Ok(Value::Bool(!file.readable()))
}

fn file_seekable(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let file = this(args)?;
    file.check()?;
    Ok(Value::Bool(file.readable()))
}

fn file_isatty(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.check()?;
    Ok(Value::Bool(false))
}

/// `seek(offset, whence=0)`: anywhere in a binary file being read; to the
/// start or the end of a text file being read.
fn file_seek(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("seek", kw)?;
    let file = this(args)?;
    file.check()?;
    let offset = match args.get(1) {
        Some(Value::Int(n)) => *n,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
        None => return Err(type_error("seek expected at least 1 argument, got 0")),
    };
    let whence = match args.get(2) {
        None => 0,
        Some(Value::Int(w @ 0..=2)) => *w,
        Some(Value::Int(w)) => {
            return Err(value_error(format!(
                "invalid whence ({w}, should be 0, 1 or 2)"
            )))
        }
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    if !file.readable() {
        return Err(unsupported("seek() on files being written"));
    }
    if file.encoding.is_some() {
        if offset != 0 || whence == 1 {
            return Err(unsupported(
                "seeking text files other than to the start or the end",
            ));
        }
        return file.with_text(|text, position| {
            *position = if whence == 2 { text.len() } else { 0 };
            Value::Int(0)
        });
    }
    file.with_bytes(|data, position| {
        let base = match whence {
            0 => 0,
            1 => *position as i64,
            _ => data.len() as i64,
        };
        let target = base + offset;
        if target < 0 {
            return Err(os_error(&std::io::Error::from_raw_os_error(22), &file.name));
        }
        *position = (target as usize).min(data.len());
        Ok(Value::Int(target))
    })?
}

fn file_tell(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let file = this(args)?;
    file.check()?;
    if !file.readable() {
        return Err(unsupported("tell() on files being written"));
    }
    if file.encoding.is_some() {
        let position = file.with_text(|_, position| *position)?;
        if position != 0 {
            return Err(unsupported("tell() on text files after reading"));
        }
        return Ok(Value::Int(0));
    }
    file.with_bytes(|_, position| Value::Int(*position as i64))
}

/// `io.FileIO(name, mode='r')`: an unbuffered binary file.
pub fn file_io(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("FileIO", args, kwnames);
    let name = a.positional.first().or(a.keyword("file")).cloned();
    let mode = a.positional.get(1).or(a.keyword("mode")).cloned();
    a.finish()?;
    a.arity(1, 2)?;
    let mode = match mode {
        None => "r".to_string(),
        Some(Value::Str(m)) => m.as_str().replace('b', ""),
        Some(other) => {
            return Err(type_error(format!(
                "FileIO() argument 'mode' must be str, not {}",
                other.type_name()
            )))
        }
    };
    let name = name.unwrap_or(Value::None);
    open(
        interp,
        &[name, Value::str(format!("{mode}b")), Value::Int(0)],
        &[],
    )
}

fn file_enter(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.check()?;
    Ok(args[0].clone())
}

fn file_exit(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    this(args)?.close()?;
    Ok(Value::Bool(false))
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None)`.
pub fn open(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("open", args, kwnames);
    let names = ["file", "mode", "buffering", "encoding", "errors", "newline"];
    let mut given: [Option<&Value>; 6] = Default::default();
    for (i, slot) in given.iter_mut().enumerate() {
        *slot = a.positional.get(i).or(a.keyword(names[i]));
    }
    a.finish()?;
    if a.positional.len() > names.len() {
        return Err(type_error(format!(
            "open() takes at most 6 arguments ({} given)",
            a.positional.len()
        )));
    }
    let text_arg = |i: usize, default: Option<&str>| -> PyResult<Option<String>> {
        match given[i] {
            None | Some(Value::None) => Ok(default.map(str::to_string)),
            Some(Value::Str(s)) => Ok(Some(s.as_str().to_string())),
            Some(other) => Err(type_error(format!(
                "open() argument '{}' must be str or None, not {}",
                names[i],
                other.type_name()
            ))),
        }
    };
    let name = match given[0] {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                other.type_name()
            )))
        }
        None => {
            return Err(type_error(
                "open() missing required argument 'file' (pos 1)",
            ))
        }
    };
    let mode = text_arg(1, Some("r"))?.unwrap_or_default();
    let repeated = mode
        .char_indices()
        .any(|(i, c)| mode[i + c.len_utf8()..].contains(c));
    if mode.is_empty() || repeated || !mode.chars().all(|c| "rwaxbt+".contains(c)) {
        return Err(value_error(format!("invalid mode: '{mode}'")));
    }
    if mode.contains('b') && mode.contains('t') {
        return Err(value_error("can't have text and binary mode at once"));
    }
    if mode.chars().filter(|c| "rwax".contains(*c)).count() != 1 {
        return Err(value_error(
            "must have exactly one of create/read/write/append mode",
        ));
    }
    if mode.contains('+') {
        return Err(unsupported("open() modes with '+'"));
    }
    let binary = mode.contains('b');
    let encoding = text_arg(3, None)?;
    let newline = text_arg(5, None)?;
    if binary && encoding.is_some() {
        return Err(value_error("binary mode doesn't take an encoding argument"));
    }
    if binary && newline.is_some() {
        return Err(value_error("binary mode doesn't take a newline argument"));
    }
    let encoding = match (binary, encoding) {
        (true, _) => None,
        (false, None) => Some(Encoding::Utf8),
        (false, Some(e)) => match Encoding::parse(&e) {
            Some(encoding) => Some(encoding),
            None => {
                return Err(unsupported(&format!(
                    "encodings other than UTF-8, Latin-1 and ASCII (here '{e}')"
                )))
            }
        },
    };
    let universal = match newline.as_deref() {
        None => true,
        Some("") | Some("\n") => false,
        Some(other) if ["\r", "\r\n"].contains(&other) => {
            return Err(unsupported("the newline values '\\r' and '\\r\\n'"))
        }
        Some(other) => {
            return Err(value_error(format!(
                "illegal newline value: {}",
                pvm_frontend::float_repr::str_repr(other)
            )))
        }
    };
    let handle = if mode.contains('r') {
        let data = std::fs::read(&name).map_err(|e| os_error(&e, &name))?;
        Handle::Reading { data, position: 0 }
    } else {
        let mut options = std::fs::OpenOptions::new();
        if mode.contains('a') {
            options.append(true).create(true);
        } else if mode.contains('x') {
            options.write(true).create_new(true);
        } else {
            options.write(true).create(true).truncate(true);
        }
        let file = options.open(&name).map_err(|e| os_error(&e, &name))?;
        Handle::Writing(std::io::BufWriter::new(file))
    };
    let shown_mode = if binary {
        mode.clone()
    } else {
        mode.replace('t', "")
    };
    let raw = binary && matches!(given[2], Some(Value::Int(0)));
    if !binary && matches!(given[2], Some(Value::Int(0))) {
        return Err(value_error("can't have unbuffered text I/O"));
    }
    Ok(native::new(File {
        name,
        mode: shown_mode,
        encoding,
        raw,
        universal,
        any_ending: newline.as_deref() == Some(""),
        handle: RefCell::new(handle),
        text: RefCell::new(None),
        closed: Cell::new(false),
    }))
}

pub static OPEN: Builtin = Builtin {
    name: "open",
    func: open,
};
