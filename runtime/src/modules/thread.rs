//! `_thread` for a single-threaded pvm: locks and re-entrant locks that
//! behave as CPython's do when one thread uses them (`allocate_lock`,
//! `RLock`, `with lock:`, non-blocking and timed `acquire`), and
//! `get_ident`, which is enough for `reprlib`, `functools` and the
//! `threading` module's own locks; `_local` (a plain class: one thread's
//! data) and `_excepthook`/`_ExceptHookArgs` (which raise: no thread fails).
//!
//! It does not start threads: `start_new_thread` raises `RuntimeError`
//! saying so. A blocking `acquire` without a timeout of a lock that is
//! already held would wait forever in one thread; it raises `RuntimeError`
//! instead of hanging.

use super::module;
use crate::call::Args;
use crate::exceptions::{runtime_error, type_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

static LOCK: PyType = PyType {
    name: "lock",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

static RLOCK: PyType = PyType {
    name: "RLock",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

/// The one thread's identifier (what `get_ident` answers).
fn ident() -> i64 {
    std::process::id() as i64
}

/// `_thread.lock`: held or not.
struct Lock {
    held: Cell<bool>,
}

/// `_thread.RLock`: how many times the one thread holds it.
struct RLock {
    count: Cell<i64>,
}

builtin_table!(LOCK_METHODS {
    "acquire" => lock_acquire,
    "acquire_lock" => lock_acquire,
    "__enter__" => lock_acquire,
    "release" => lock_release,
    "release_lock" => lock_release,
    "__exit__" => lock_exit,
    "locked" => lock_locked,
    "locked_lock" => lock_locked,
});

builtin_table!(RLOCK_METHODS {
    "acquire" => rlock_acquire,
    "__enter__" => rlock_acquire,
    "release" => rlock_release,
    "__exit__" => rlock_exit,
    "_is_owned" => rlock_is_owned,
    "_release_save" => rlock_release_save,
    "_acquire_restore" => rlock_acquire_restore,
});

impl NativeObject for Lock {
    fn type_of(&self) -> &'static PyType {
        &LOCK
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        let state = if self.held.get() {
            "locked"
        } else {
            "unlocked"
        };
        Ok(format!(
            "<{state} _thread.lock object at {:#x}>",
            self as *const _ as usize
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        LOCK_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObject for RLock {
    fn type_of(&self) -> &'static PyType {
        &RLOCK
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        let count = self.count.get();
        let (state, owner) = if count > 0 {
            ("locked", ident())
        } else {
            ("unlocked", 0)
        };
        Ok(format!(
            "<{state} _thread.RLock object owner={owner} count={count} at {:#x}>",
            self as *const _ as usize
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        RLOCK_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn this<'a, T: NativeObject>(args: &'a [Value], kind: &str) -> PyResult<&'a T> {
    args.first()
        .and_then(native::downcast::<T>)
        .ok_or_else(|| type_error(format!("descriptor requires a '_thread.{kind}' object")))
}

/// `acquire(blocking=True, timeout=-1)`'s arguments after the receiver:
/// whether to wait, and for how long (`None`: forever).
fn wait_arguments(mut args: Args) -> PyResult<(bool, Option<f64>)> {
    let blocking = args
        .keyword("blocking")
        .or(args.positional.get(1))
        .map_or(true, Value::truthy);
    let timeout = match args.keyword("timeout").or(args.positional.get(2)) {
        None => -1.0,
        Some(value) => super::float_arg(value)?,
    };
    args.finish()?;
    if !blocking && timeout != -1.0 {
        return Err(crate::exceptions::value_error(
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(crate::exceptions::value_error(
            "timeout value must be a non-negative number",
        ));
    }
    Ok((blocking, (timeout >= 0.0).then_some(timeout)))
}

/// What acquiring a lock held by the only thread does: fail at once, wait
/// out the timeout and fail, or (waiting forever) raise.
fn acquire_held(blocking: bool, timeout: Option<f64>) -> PyResult<Value> {
    match (blocking, timeout) {
        (false, _) => Ok(Value::Bool(false)),
        (true, Some(seconds)) => {
            std::thread::sleep(std::time::Duration::from_secs_f64(seconds.min(1e6)));
            Ok(Value::Bool(false))
        }
        (true, None) => Err(runtime_error(
            "pvm runs one thread: acquiring a lock it already holds would wait forever",
        )),
    }
}

fn lock_acquire(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let lock = this::<Lock>(args, "lock")?;
    let (blocking, timeout) = wait_arguments(Args::new("acquire", args, kw))?;
    if lock.held.get() {
        return acquire_held(blocking, timeout);
    }
    lock.held.set(true);
    Ok(Value::Bool(true))
}

fn lock_release(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let lock = this::<Lock>(args, "lock")?;
    if !lock.held.replace(false) {
        return Err(runtime_error("release unlocked lock"));
    }
    Ok(Value::None)
}

fn lock_exit(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    lock_release(interp, &args[..1.min(args.len())], &[])
}

fn lock_locked(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(this::<Lock>(args, "lock")?.held.get()))
}

fn rlock_acquire(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let lock = this::<RLock>(args, "RLock")?;
    wait_arguments(Args::new("acquire", args, kw))?;
    lock.count.set(lock.count.get() + 1);
    Ok(Value::Bool(true))
}

fn rlock_release(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let lock = this::<RLock>(args, "RLock")?;
    if lock.count.get() == 0 {
        return Err(runtime_error("cannot release un-acquired lock"));
    }
    lock.count.set(lock.count.get() - 1);
    Ok(Value::None)
}

fn rlock_exit(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    rlock_release(interp, &args[..1.min(args.len())], &[])
}

fn rlock_is_owned(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(this::<RLock>(args, "RLock")?.count.get() > 0))
}

fn rlock_release_save(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let lock = this::<RLock>(args, "RLock")?;
    if lock.count.get() == 0 {
        return Err(runtime_error("cannot release un-acquired lock"));
    }
    let count = lock.count.replace(0);
    Ok(Value::tuple(vec![Value::Int(count), Value::Int(ident())]))
}

fn rlock_acquire_restore(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let lock = this::<RLock>(args, "RLock")?;
    let count = match args.get(1) {
        Some(Value::Tuple(state)) => match state.items.first() {
            Some(Value::Int(count)) => *count,
            _ => 1,
        },
        _ => {
            return Err(type_error(
                "_acquire_restore() takes a (count, owner) tuple",
            ))
        }
    };
    lock.count.set(count);
    Ok(Value::None)
}

fn allocate_lock(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(native::new(Lock {
        held: Cell::new(false),
    }))
}

fn new_rlock(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(native::new(RLock {
        count: Cell::new(0),
    }))
}

fn get_ident(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(ident()))
}

fn start_new_thread(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Err(runtime_error(
        "pvm runs one thread: _thread.start_new_thread cannot start another",
    ))
}

fn count(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn stack_size(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn daemon_threads_allowed(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Bool(true))
}

builtin_table!(FUNCTIONS {
    "allocate_lock" => allocate_lock,
    "allocate" => allocate_lock,
    "_set_sentinel" => allocate_lock,
    "RLock" => new_rlock,
    "get_ident" => get_ident,
    "get_native_id" => get_ident,
    "start_new_thread" => start_new_thread,
    "start_new" => start_new_thread,
    "_count" => count,
    "stack_size" => stack_size,
    "daemon_threads_allowed" => daemon_threads_allowed,
});

/// `_thread._excepthook` and `_thread._ExceptHookArgs`, which `threading`
/// imports: only a failing thread would use them, and pvm starts none.
fn no_thread_exceptions(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Err(runtime_error(
        "pvm does not start threads, so no thread exception can be reported",
    ))
}

builtin_table!(HOOKS {
    "_excepthook" => no_thread_exceptions,
    "_ExceptHookArgs" => no_thread_exceptions,
});

/// `_thread._local`: with one thread, thread-local data is an ordinary
/// object with attributes, so this is a plain class.
fn local_class() -> Value {
    let namespace = crate::value::PyDict::new();
    match crate::classes::make_class("_local", Vec::new(), &namespace, Value::str("_thread")) {
        Ok(class) => Value::Type(class),
        Err(_) => Value::None,
    }
}

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().chain(HOOKS).collect();
    module(
        "_thread",
        &functions,
        vec![
            ("LockType", Value::Type(&LOCK)),
            ("lock", Value::Type(&LOCK)),
            ("error", Value::Type(&types::RUNTIME_ERROR)),
            ("TIMEOUT_MAX", Value::Float(9223372036.0)),
            ("_local", local_class()),
        ],
    )
}
