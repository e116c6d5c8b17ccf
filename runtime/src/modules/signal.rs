//! The native module `_signal`, which CPython's `signal.py` wraps in enums:
//! the Linux signal numbers, `signal`, `getsignal`, `raise_signal`,
//! `alarm`, `pause`, `setitimer`/`getitimer`, `strsignal`,
//! `valid_signals`, `siginterrupt` and `default_int_handler`.
//!
//! A signal with a Python handler is caught by a C handler that only
//! records it and sets the interrupt flag; the handler runs at the next
//! point that polls the flag (`Interp::check_interrupt` calls
//! `run_pending`), with `None` for the frame argument (pvm has no frame
//! objects to pass). Not provided: `set_wakeup_fd`, `sigwait`,
//! `pthread_sigmask` and the other thread and mask functions.

use super::module;
use crate::call::Args;
use crate::exceptions::{type_error, value_error, PyErr, PyResult};
use crate::types;
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicPtr, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;
const NSIG: i64 = 65;

const SIGNALS: &[(&str, i64)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
];

/// The signals caught since `run_pending` last ran: bit `n - 1` for
/// signal `n`.
static PENDING: AtomicU64 = AtomicU64::new(0);
/// The interrupt flag of the program that installed a handler (a leaked
/// `Arc`, so it never dangles).
static FLAG: AtomicPtr<AtomicU8> = AtomicPtr::new(std::ptr::null_mut());

thread_local! {
    /// What `getsignal` answers for each signal, once one was set.
    static HANDLERS: RefCell<Vec<Option<Value>>> = RefCell::new(vec![None; NSIG as usize]);
}

extern "C" fn caught(signal: libc::c_int) {
    if (1..=64).contains(&signal) {
        PENDING.fetch_or(1 << (signal - 1), Ordering::SeqCst);
    }
    let flag = FLAG.load(Ordering::SeqCst);
    if !flag.is_null() {
        // SAFETY: FLAG holds a leaked Arc's pointer, never freed.
        let flag = unsafe { &*flag };
        let _ = flag.compare_exchange(
            crate::interrupt::NONE,
            crate::interrupt::SIGNAL,
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
    }
}

/// Whether a caught signal still waits for its Python handler.
pub fn pending() -> bool {
    PENDING.load(Ordering::SeqCst) != 0
}

/// Runs the Python handlers of the signals caught since the last call.
#[cold]
pub fn run_pending(interp: &mut Interp) -> PyResult<()> {
    let caught = PENDING.swap(0, Ordering::SeqCst);
    for signal in 1..NSIG {
        if caught & (1 << (signal - 1)) == 0 {
            continue;
        }
        let handler = HANDLERS.with(|h| h.borrow()[signal as usize].clone());
        match handler {
            Some(Value::Int(_)) | None => {}
            Some(handler) => {
                crate::call::call(interp, &handler, &[Value::Int(signal), Value::None], &[])?;
            }
        }
    }
    Ok(())
}

fn signal_number(value: Option<&Value>, function: &str) -> PyResult<i64> {
    match value.map(crate::subclass::value_of) {
        Some(Value::Int(n)) if (1..NSIG).contains(n) => Ok(*n),
        Some(Value::Int(_)) => Err(value_error("signal number out of range")),
        Some(Value::Bool(b)) => signal_number(Some(&Value::Int(*b as i64)), function),
        Some(other) => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
        None => Err(type_error(format!(
            "{function}() missing required argument 'signalnum' (pos 1)"
        ))),
    }
}

/// The handler in effect for `signal`: the one set from Python, or what
/// the process had at start (CPython's view: SIGINT raises
/// `KeyboardInterrupt`, ignored signals are `SIG_IGN`).
fn current(signal: i64) -> Value {
    if let Some(handler) = HANDLERS.with(|h| h.borrow()[signal as usize].clone()) {
        return handler;
    }
    if signal == libc::SIGINT as i64 {
        return Value::Builtin(&DEFAULT_INT_HANDLER);
    }
    // SAFETY: a null new action only reads the current one.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    let ignored = unsafe { libc::sigaction(signal as i32, std::ptr::null(), &mut old) } == 0
        && old.sa_sigaction == libc::SIG_IGN;
    Value::Int(if ignored { SIG_IGN } else { SIG_DFL })
}

fn signal(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut a = Args::new("signal", args, kw);
    let number = a.positional.first().or(a.keyword("signalnum")).cloned();
    let handler = a.positional.get(1).or(a.keyword("handler")).cloned();
    a.finish()?;
    a.arity(0, 2)?;
    let number = signal_number(number.as_ref(), "signal")?;
    let Some(handler) = handler else {
        return Err(type_error(
            "signal() missing required argument 'handler' (pos 2)",
        ));
    };
    let action = match crate::subclass::value_of(&handler) {
        Value::Int(SIG_DFL) => libc::SIG_DFL,
        Value::Int(SIG_IGN) => libc::SIG_IGN,
        other if crate::builtins::is_callable(other) => {
            caught as extern "C" fn(libc::c_int) as usize
        }
        _ => {
            return Err(type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ))
        }
    };
    if number == libc::SIGKILL as i64 || number == libc::SIGSTOP as i64 {
        return Err(invalid_argument());
    }
    if FLAG.load(Ordering::SeqCst).is_null() {
        let flag: Arc<AtomicU8> = interp.interrupt.clone();
        FLAG.store(Arc::into_raw(flag) as *mut AtomicU8, Ordering::SeqCst);
    }
    let old = current(number);
    // SAFETY: `caught` only touches atomics, as a signal handler must.
    if unsafe { libc::signal(number as i32, action) } == libc::SIG_ERR {
        return Err(invalid_argument());
    }
    HANDLERS.with(|h| h.borrow_mut()[number as usize] = Some(handler));
    Ok(old)
}

fn invalid_argument() -> PyErr {
    let err = PyErr::with_message(&types::OS_ERROR, "[Errno 22] Invalid argument");
    let attrs = &err.0.exception.attrs;
    attrs.set_str(&crate::intern("errno"), Value::Int(22));
    attrs.set_str(&crate::intern("strerror"), Value::str("Invalid argument"));
    err
}

fn getsignal(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("getsignal", kw)?;
    Ok(current(signal_number(args.first(), "getsignal")?))
}

fn default_int_handler(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Err(PyErr::new(&types::KEYBOARD_INTERRUPT, Vec::new()))
}

static DEFAULT_INT_HANDLER: Builtin = Builtin {
    name: "default_int_handler",
    func: default_int_handler,
};

fn raise_signal(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("raise_signal", kw)?;
    let number = signal_number(args.first(), "raise_signal")?;
    if number == libc::SIGINT as i64 && HANDLERS.with(|h| h.borrow()[2].is_none()) {
        // SIGINT under pvm's own Ctrl-C handling: what it would raise.
        return Err(PyErr::new(&types::KEYBOARD_INTERRUPT, Vec::new()));
    }
    // SAFETY: raising a signal in this process.
    if unsafe { libc::raise(number as i32) } != 0 {
        return Err(invalid_argument());
    }
    run_pending(interp)?;
    Ok(Value::None)
}

fn seconds_arg(value: Option<&Value>, function: &str) -> PyResult<i64> {
    match value.map(crate::subclass::value_of) {
        Some(Value::Int(n)) => Ok(*n),
        Some(other) => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
        None => Err(type_error(format!(
            "{function}() takes exactly one argument (0 given)"
        ))),
    }
}

fn alarm(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let seconds = seconds_arg(args.get(0), "alarm")?;
    // SAFETY: alarm only schedules SIGALRM.
    Ok(Value::Int(
        unsafe { libc::alarm(seconds.clamp(0, u32::MAX as i64) as u32) } as i64,
    ))
}

fn pause(interp: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    // SAFETY: pause waits for any signal.
    unsafe { libc::pause() };
    run_pending(interp)?;
    interp.check_interrupt()?;
    Ok(Value::None)
}

fn timer_value(value: &libc::itimerval) -> Value {
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Value::tuple(vec![
        Value::Float(seconds(value.it_value)),
        Value::Float(seconds(value.it_interval)),
    ])
}

fn timeval(seconds: f64) -> libc::timeval {
    libc::timeval {
        tv_sec: seconds.trunc() as libc::time_t,
        tv_usec: (seconds.fract() * 1e6) as libc::suseconds_t,
    }
}

fn setitimer(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let which = seconds_arg(args.get(0), "setitimer")?;
    let float = |v: Option<&Value>| -> PyResult<f64> {
        match v {
            None => Ok(0.0),
            Some(Value::Int(n)) => Ok(*n as f64),
            Some(Value::Float(f)) => Ok(*f),
            Some(other) => Err(type_error(format!(
                "must be real number, not {}",
                other.type_name()
            ))),
        }
    };
    let new = libc::itimerval {
        it_value: timeval(float(args.get(1))?),
        it_interval: timeval(float(args.get(2))?),
    };
    // SAFETY: both pointers are to live values.
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    if unsafe { libc::setitimer(which as libc::c_int, &new, &mut old) } != 0 {
        return Err(invalid_argument());
    }
    Ok(timer_value(&old))
}

fn getitimer(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let which = seconds_arg(args.get(0), "getitimer")?;
    // SAFETY: the pointer is to a live value.
    let mut current: libc::itimerval = unsafe { std::mem::zeroed() };
    if unsafe { libc::getitimer(which as libc::c_int, &mut current) } != 0 {
        return Err(invalid_argument());
    }
    Ok(timer_value(&current))
}

fn strsignal(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let number = signal_number(args.first(), "strsignal")?;
    // SAFETY: strsignal returns a static or thread-local C string.
    let text = unsafe { libc::strsignal(number as i32) };
    if text.is_null() {
        return Ok(Value::None);
    }
    let text = unsafe { std::ffi::CStr::from_ptr(text) }
        .to_string_lossy()
        .into_owned();
    if text.starts_with("Unknown signal") || text.starts_with("Real-time signal") {
        return Ok(Value::None);
    }
    Ok(Value::str(text))
}

fn valid_signals(interp: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let numbers = (1..NSIG)
        .filter(|n| !(32..34).contains(n))
        .map(Value::Int)
        .collect();
    crate::sets::build(interp, numbers)
}

fn siginterrupt(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    signal_number(args.first(), "siginterrupt")?;
    Ok(Value::None)
}

builtin_table!(FUNCTIONS {
    "signal" => signal,
    "getsignal" => getsignal,
    "raise_signal" => raise_signal,
    "alarm" => alarm,
    "pause" => pause,
    "setitimer" => setitimer,
    "getitimer" => getitimer,
    "strsignal" => strsignal,
    "valid_signals" => valid_signals,
    "siginterrupt" => siginterrupt,
});

/// The native module `_signal`.
pub fn create() -> Value {
    let mut functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    functions.push(&DEFAULT_INT_HANDLER);
    let mut constants: Vec<(&str, Value)> = SIGNALS
        .iter()
        .map(|&(name, number)| (name, Value::Int(number)))
        .collect();
    constants.extend([
        ("SIG_DFL", Value::Int(SIG_DFL)),
        ("SIG_IGN", Value::Int(SIG_IGN)),
        ("NSIG", Value::Int(NSIG)),
        ("ITIMER_REAL", Value::Int(0)),
        ("ITIMER_VIRTUAL", Value::Int(1)),
        ("ITIMER_PROF", Value::Int(2)),
        ("ItimerError", Value::Type(&types::OS_ERROR)),
    ]);
    module("_signal", &functions, constants)
}
