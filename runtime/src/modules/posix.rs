//! `posix`, the module CPython's `os` is built on: the working folder,
//! listing, `stat`, making, renaming and removing files and folders, the
//! environment (`environ` as bytes, `putenv`, `unsetenv`), `getpid`,
//! `strerror`, `urandom`, `cpu_count`, `access`, `scandir` (for `os.walk`)
//! and `_exit`, with the `OSError` subclasses and messages CPython raises.
//!
//! It does not offer file descriptors (`open`, `read`, `write`, `close`),
//! processes (`fork`, `exec*`, `spawn*`, `waitpid`), users and
//! groups, or `dir_fd`/`follow_symlinks` arguments: `os` defines its
//! functions over those only where `posix` has them, and a program that
//! calls one gets `AttributeError`.

use super::module;
use crate::call::Args;
use crate::exceptions::{type_error, PyErr, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyDict, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::io::Write as _;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::rc::Rc;

static STAT_RESULT: PyType = PyType {
    name: "stat_result",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

/// The fields of `os.stat_result` that its tuple form holds, in order.
const STAT_FIELDS: [&str; 10] = [
    "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime",
    "st_mtime", "st_ctime",
];

/// `os.stat_result`: ten integers (the times in whole seconds) and the
/// times as floats and nanoseconds.
struct StatResult {
    fields: [i64; 10],
    /// `st_atime`, `st_mtime`, `st_ctime` in nanoseconds.
    nanoseconds: [i64; 3],
    blksize: i64,
    blocks: i64,
}

impl StatResult {
    fn of(meta: &std::fs::Metadata) -> StatResult {
        let seconds_and_nanos = |s: i64, n: i64| (s, s * 1_000_000_000 + n);
        let (atime, atime_ns) = seconds_and_nanos(meta.atime(), meta.atime_nsec());
        let (mtime, mtime_ns) = seconds_and_nanos(meta.mtime(), meta.mtime_nsec());
        let (ctime, ctime_ns) = seconds_and_nanos(meta.ctime(), meta.ctime_nsec());
        StatResult {
            fields: [
                meta.mode() as i64,
                meta.ino() as i64,
                meta.dev() as i64,
                meta.nlink() as i64,
                meta.uid() as i64,
                meta.gid() as i64,
                meta.size() as i64,
                atime,
                mtime,
                ctime,
            ],
            nanoseconds: [atime_ns, mtime_ns, ctime_ns],
            blksize: meta.blksize() as i64,
            blocks: meta.blocks() as i64,
        }
    }
}

impl NativeObject for StatResult {
    fn type_of(&self) -> &'static PyType {
        &STAT_RESULT
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        let fields: Vec<String> = STAT_FIELDS
            .iter()
            .zip(self.fields)
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        Ok(format!("os.stat_result({})", fields.join(", ")))
    }

    fn method(&self, _: &str) -> Option<&'static Builtin> {
        None
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn len(&self) -> Option<usize> {
        Some(STAT_FIELDS.len())
    }

    fn get_item(&self, interp: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        let items = Value::tuple(self.fields.iter().map(|v| Value::Int(*v)).collect());
        Some(crate::subscript::get_item(interp, &items, key))
    }

    fn iter(&self, interp: &mut Interp) -> Option<PyResult<Value>> {
        let items = Value::tuple(self.fields.iter().map(|v| Value::Int(*v)).collect());
        Some(crate::iter::get_iter(interp, &items))
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        let time = |i: usize| self.nanoseconds[i] as f64 / 1e9;
        Some(match name {
            "st_atime" => Value::Float(time(0)),
            "st_mtime" => Value::Float(time(1)),
            "st_ctime" => Value::Float(time(2)),
            "st_atime_ns" => Value::Int(self.nanoseconds[0]),
            "st_mtime_ns" => Value::Int(self.nanoseconds[1]),
            "st_ctime_ns" => Value::Int(self.nanoseconds[2]),
            "st_blksize" => Value::Int(self.blksize),
            "st_blocks" => Value::Int(self.blocks),
            _ => {
                let i = STAT_FIELDS.iter().position(|f| *f == name)?;
                Value::Int(self.fields[i])
            }
        })
    }
}

/// A path argument: `str`, `bytes`, or an object with `__fspath__`
/// (answered as text; `bytes` paths are decoded as UTF-8).
pub(super) fn path_arg(interp: &mut Interp, value: &Value, function: &str) -> PyResult<String> {
    match value {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.data).into_owned()),
        _ => match crate::special::call_special(interp, value, "__fspath__", &[])? {
            Some(Value::Str(s)) => Ok(s.as_str().to_string()),
            _ => Err(type_error(format!(
                "{function}: path should be string, bytes or os.PathLike, not {}",
                value.type_name()
            ))),
        },
    }
}

/// The path argument `index` of a call, or `default` when it is absent.
fn path_at(
    interp: &mut Interp,
    args: &Args,
    index: usize,
    name: &str,
    function: &'static str,
    default: Option<&str>,
) -> PyResult<String> {
    match args.positional.get(index) {
        Some(value) => path_arg(interp, value, function),
        None => default.map(str::to_string).ok_or_else(|| {
            type_error(format!(
                "{function}() missing required argument '{name}' (pos {})",
                index + 1
            ))
        }),
    }
}

fn io_error(error: &std::io::Error, filename: &str) -> PyErr {
    super::files::os_error(error, filename)
}

/// An error with two file names, as `rename` raises it.
fn io_error2(error: &std::io::Error, source: &str, target: &str) -> PyErr {
    let err = io_error(error, source);
    let message = match &err.0.exception.args.borrow().first() {
        Some(Value::Str(text)) => format!(
            "{} -> {}",
            text.as_str(),
            pvm_frontend::float_repr::str_repr(target)
        ),
        _ => String::new(),
    };
    let renamed = PyErr::with_message(err.0.exception.kind, message);
    for name in ["errno", "strerror", "filename"] {
        if let Some(v) = err.0.exception.attrs.get_str(&crate::intern(name)) {
            renamed.0.exception.attrs.set_str(&crate::intern(name), v);
        }
    }
    renamed
        .0
        .exception
        .attrs
        .set_str(&crate::intern("filename2"), Value::str(target));
    renamed
}

static DIR_ENTRY: PyType = PyType {
    name: "DirEntry",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

static SCANDIR_ITERATOR: PyType = PyType {
    name: "ScandirIterator",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

/// `os.DirEntry`: one entry of a folder listed by `scandir`.
struct DirEntry {
    name: String,
    path: String,
    kind: Option<std::fs::FileType>,
}

builtin_table!(DIR_ENTRY_METHODS {
    "is_dir" => entry_is_dir,
    "is_file" => entry_is_file,
    "is_symlink" => entry_is_symlink,
    "stat" => entry_stat,
    "__fspath__" => entry_fspath,
});

impl NativeObject for DirEntry {
    fn type_of(&self) -> &'static PyType {
        &DIR_ENTRY
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<DirEntry {}>",
            pvm_frontend::float_repr::str_repr(&self.name)
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        DIR_ENTRY_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "name" => Some(Value::str(self.name.as_str())),
            "path" => Some(Value::str(self.path.as_str())),
            _ => None,
        }
    }
}

fn entry(args: &[Value]) -> PyResult<&DirEntry> {
    args.first()
        .and_then(native::downcast::<DirEntry>)
        .ok_or_else(|| type_error("descriptor requires a 'posix.DirEntry' object"))
}

/// Whether the entry is a `wanted` kind of file (following a symbolic
/// link to what it names unless `follow_symlinks=False`).
fn entry_is(
    args: &[Value],
    kw: &[Rc<PyStr>],
    wanted: fn(&std::fs::FileType) -> bool,
) -> PyResult<Value> {
    let this = entry(args)?;
    let mut call = Args::new("is_dir", args, kw);
    let follow = call.keyword("follow_symlinks").map_or(true, Value::truthy);
    call.finish()?;
    let kind = match this.kind {
        Some(kind) if !(follow && kind.is_symlink()) => Some(kind),
        _ => std::fs::metadata(&this.path).ok().map(|m| m.file_type()),
    };
    Ok(Value::Bool(kind.as_ref().is_some_and(wanted)))
}

fn entry_is_dir(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    entry_is(args, kw, std::fs::FileType::is_dir)
}

fn entry_is_file(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    entry_is(args, kw, std::fs::FileType::is_file)
}

fn entry_is_symlink(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(
        entry(args)?.kind.is_some_and(|k| k.is_symlink()),
    ))
}

fn entry_stat(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let this = entry(args)?;
    let mut call = Args::new("stat", args, kw);
    let follow = call.keyword("follow_symlinks").map_or(true, Value::truthy);
    call.finish()?;
    let meta = if follow {
        std::fs::metadata(&this.path)
    } else {
        std::fs::symlink_metadata(&this.path)
    };
    let meta = meta.map_err(|e| io_error(&e, &this.path))?;
    Ok(native::new(StatResult::of(&meta)))
}

fn entry_fspath(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(entry(args)?.path.as_str()))
}

/// What `scandir` returns: its entries, read at once, iterated and usable
/// in `with`.
struct ScandirIterator {
    entries: Value,
}

builtin_table!(SCANDIR_METHODS {
    "__enter__" => scandir_enter,
    "__exit__" => scandir_close,
    "close" => scandir_close,
    "__next__" => scandir_next,
});

impl NativeObject for ScandirIterator {
    fn type_of(&self) -> &'static PyType {
        &SCANDIR_ITERATOR
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<posix.ScandirIterator object at {:#x}>",
            self as *const _ as usize
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        SCANDIR_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn iter(&self, _: &mut Interp) -> Option<PyResult<Value>> {
        Some(Ok(self.entries.clone()))
    }
}

fn scandir_enter(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(args.first().cloned().unwrap_or_default())
}

fn scandir_close(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::None)
}

fn scandir_next(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let this = args
        .first()
        .and_then(native::downcast::<ScandirIterator>)
        .ok_or_else(|| type_error("descriptor requires a 'posix.ScandirIterator' object"))?;
    crate::iter::next(interp, &this.entries)?.ok_or_else(crate::exceptions::stop_iteration)
}

fn scandir(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let args = Args::new("scandir", args, kw);
    args.finish()?;
    args.arity(0, 1)?;
    let folder = path_at(interp, &args, 0, "path", "scandir", Some("."))?;
    let listing = std::fs::read_dir(&folder).map_err(|e| io_error(&e, &folder))?;
    let mut entries = Vec::new();
    for item in listing {
        let item = item.map_err(|e| io_error(&e, &folder))?;
        let name = item.file_name().to_string_lossy().into_owned();
        let path = if args.positional.is_empty() {
            name.clone()
        } else if folder.ends_with('/') {
            format!("{folder}{name}")
        } else {
            format!("{folder}/{name}")
        };
        entries.push(native::new(DirEntry {
            name,
            path,
            kind: item.file_type().ok(),
        }));
    }
    let entries = crate::iter::get_iter(interp, &Value::list(entries))?;
    Ok(native::new(ScandirIterator { entries }))
}

fn getcwd(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Args::new("getcwd", args, kw).arity(0, 0)?;
    let folder = std::env::current_dir().map_err(|e| io_error(&e, "."))?;
    Ok(Value::str(folder.display().to_string()))
}

fn listdir(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let args = Args::new("listdir", args, kw);
    args.finish()?;
    args.arity(0, 1)?;
    let as_bytes = matches!(args.positional.first(), Some(Value::Bytes(_)));
    let folder = path_at(interp, &args, 0, "path", "listdir", Some("."))?;
    let entries = std::fs::read_dir(&folder).map_err(|e| io_error(&e, &folder))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(&e, &folder))?;
        let name = entry.file_name();
        names.push(if as_bytes {
            crate::bytes::new(name.as_bytes())
        } else {
            Value::str(name.to_string_lossy().into_owned())
        });
    }
    Ok(Value::list(names))
}

fn stat_with(
    interp: &mut Interp,
    args: &[Value],
    kw: &[Rc<PyStr>],
    function: &'static str,
    follow: bool,
) -> PyResult<Value> {
    let args = Args::new(function, args, kw);
    args.arity(1, 1)?;
    let path = path_at(interp, &args, 0, "path", function, None)?;
    let meta = if follow {
        std::fs::metadata(&path)
    } else {
        std::fs::symlink_metadata(&path)
    };
    let meta = meta.map_err(|e| io_error(&e, &path))?;
    Ok(native::new(StatResult::of(&meta)))
}

fn stat(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    stat_with(interp, args, kw, "stat", true)
}

fn lstat(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    stat_with(interp, args, kw, "lstat", false)
}

/// A call with one path argument whose result is `None`.
fn one_path(
    interp: &mut Interp,
    args: &[Value],
    kw: &[Rc<PyStr>],
    function: &'static str,
    action: fn(&str) -> std::io::Result<()>,
) -> PyResult<Value> {
    let mut args = Args::new(function, args, kw);
    let _mode = args.keyword("mode");
    args.finish()?;
    args.arity(1, 2)?;
    let path = path_at(interp, &args, 0, "path", function, None)?;
    action(&path).map_err(|e| io_error(&e, &path))?;
    Ok(Value::None)
}

fn mkdir(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    one_path(interp, args, kw, "mkdir", |p| std::fs::create_dir(p))
}

fn rmdir(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    one_path(interp, args, kw, "rmdir", |p| std::fs::remove_dir(p))
}

fn remove(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    one_path(interp, args, kw, "remove", |p| std::fs::remove_file(p))
}

fn chdir(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    one_path(interp, args, kw, "chdir", |p| std::env::set_current_dir(p))
}

fn rename(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let args = Args::new("rename", args, kw);
    args.finish()?;
    args.arity(2, 2)?;
    let source = path_at(interp, &args, 0, "src", "rename", None)?;
    let target = path_at(interp, &args, 1, "dst", "rename", None)?;
    std::fs::rename(&source, &target).map_err(|e| io_error2(&e, &source, &target))?;
    Ok(Value::None)
}

fn access(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let args = Args::new("access", args, kw);
    args.finish()?;
    args.arity(2, 2)?;
    let path = path_at(interp, &args, 0, "path", "access", None)?;
    let Value::Int(mode) = args.positional[1] else {
        return Err(type_error("access: mode must be an integer"));
    };
    let Ok(c_path) = std::ffi::CString::new(path) else {
        return Err(crate::exceptions::value_error("access: embedded null byte"));
    };
    // SAFETY: `c_path` is a NUL-terminated string that outlives the call.
    let status = unsafe { libc::access(c_path.as_ptr(), mode as libc::c_int) };
    Ok(Value::Bool(status == 0))
}

fn getpid(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(std::process::id() as i64))
}

fn cpu_count(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(std::thread::available_parallelism().map_or(Value::None, |n| Value::Int(n.get() as i64)))
}

fn strerror(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Args::new("strerror", args, kw).arity(1, 1)?;
    let Value::Int(code) = args[0] else {
        return Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            args[0].type_name()
        )));
    };
    Ok(Value::str(message_of(code as i32)))
}

/// The C library's message for `errno` `code`, as `os.strerror` gives it.
pub fn message_of(code: i32) -> String {
    let text = std::io::Error::from_raw_os_error(code).to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

fn urandom(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Args::new("urandom", args, kw).arity(1, 1)?;
    let Value::Int(size) = args[0] else {
        return Err(type_error("urandom: size must be an integer"));
    };
    if size < 0 {
        return Err(crate::exceptions::value_error(
            "negative argument not allowed",
        ));
    }
    let mut bytes = vec![0u8; size as usize];
    use std::io::Read;
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| io_error(&e, "/dev/urandom"))?;
    Ok(crate::bytes::new(bytes))
}

/// Text of an environment argument (`str`, or `bytes` taken as UTF-8).
fn env_text(value: &Value) -> PyResult<String> {
    match value {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.data).into_owned()),
        other => Err(type_error(format!(
            "str expected, not {}",
            other.type_name()
        ))),
    }
}

fn putenv(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Args::new("putenv", args, kw).arity(2, 2)?;
    let (name, value) = (env_text(&args[0])?, env_text(&args[1])?);
    if name.is_empty() || name.contains('=') || name.contains('\0') || value.contains('\0') {
        return Err(crate::exceptions::value_error(
            "illegal environment variable name",
        ));
    }
    // pvm runs one thread, so nothing reads the environment meanwhile.
    std::env::set_var(name, value);
    Ok(Value::None)
}

fn unsetenv(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Args::new("unsetenv", args, kw).arity(1, 1)?;
    let name = env_text(&args[0])?;
    if name.is_empty() || name.contains('=') || name.contains('\0') {
        return Err(crate::exceptions::value_error(
            "illegal environment variable name",
        ));
    }
    std::env::remove_var(name);
    Ok(Value::None)
}

fn exit_now(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Args::new("_exit", args, kw).arity(1, 1)?;
    let Value::Int(status) = args[0] else {
        return Err(type_error("_exit: status must be an integer"));
    };
    let _ = interp.stdout.flush();
    std::process::exit(status as i32)
}

builtin_table!(FUNCTIONS {
    "getcwd" => getcwd,
    "listdir" => listdir,
    "stat" => stat,
    "lstat" => lstat,
    "mkdir" => mkdir,
    "rmdir" => rmdir,
    "remove" => remove,
    "unlink" => remove,
    "rename" => rename,
    "replace" => rename,
    "chdir" => chdir,
    "access" => access,
    "getpid" => getpid,
    "cpu_count" => cpu_count,
    "strerror" => strerror,
    "urandom" => urandom,
    "putenv" => putenv,
    "unsetenv" => unsetenv,
    "_exit" => exit_now,
    "scandir" => scandir,
    "open" => super::posix_fd::open,
    "close" => super::posix_fd::close,
    "read" => super::posix_fd::read,
    "write" => super::posix_fd::write,
    "lseek" => super::posix_fd::lseek,
    "isatty" => super::posix_fd::isatty,
    "get_terminal_size" => super::posix_fd::get_terminal_size,
});

/// `posix.environ`: the environment at start-up, bytes to bytes.
fn environ(interp: &mut Interp) -> PyResult<Value> {
    let dict = Value::Dict(Rc::new(PyDict::new()));
    for (name, value) in std::env::vars_os() {
        let name = crate::bytes::new(name.as_bytes());
        let value = crate::bytes::new(value.as_bytes());
        crate::subscript::set_item(interp, &dict, &name, value)?;
    }
    Ok(dict)
}

pub fn create(interp: &mut Interp) -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    let environ = environ(interp).unwrap_or_else(|_| Value::Dict(Rc::new(PyDict::new())));
    let int = |n: i32| Value::Int(n as i64);
    let terminal_size = super::posix_fd::terminal_size_class(interp);
    let mut constants = vec![
        ("environ", environ),
        ("error", Value::Type(&types::OS_ERROR)),
        ("stat_result", Value::Type(&STAT_RESULT)),
        ("DirEntry", Value::Type(&DIR_ENTRY)),
        // No `dir_fd`, `fd` or `follow_symlinks` support to announce.
        ("_have_functions", Value::list(Vec::new())),
        ("F_OK", int(libc::F_OK)),
        ("R_OK", int(libc::R_OK)),
        ("W_OK", int(libc::W_OK)),
        ("X_OK", int(libc::X_OK)),
        ("O_RDONLY", int(libc::O_RDONLY)),
        ("O_WRONLY", int(libc::O_WRONLY)),
        ("O_RDWR", int(libc::O_RDWR)),
        ("O_APPEND", int(libc::O_APPEND)),
        ("O_CREAT", int(libc::O_CREAT)),
        ("O_EXCL", int(libc::O_EXCL)),
        ("O_TRUNC", int(libc::O_TRUNC)),
        ("O_NONBLOCK", int(libc::O_NONBLOCK)),
        ("O_DIRECTORY", int(libc::O_DIRECTORY)),
        ("O_NOFOLLOW", int(libc::O_NOFOLLOW)),
        ("O_CLOEXEC", int(libc::O_CLOEXEC)),
    ];
    if let Some(class) = terminal_size {
        constants.push(("terminal_size", class));
    }
    module("posix", &functions, constants)
}
