//! Stopping a program from outside. Ctrl-C, `--time-limit` and signals
//! with Python handlers store a reason in `Interp::interrupt`; the dispatch loops poll it at backward
//! jumps and calls (`Interp::check_interrupt`), the compiler between
//! expressions, and builtins in their own long loops (every item an
//! iterator hands to a builtin, every comparison of a sort).
//!
//! One operation that runs long inside a library and cannot poll (a huge
//! `**` or `*` of big integers) runs on a worker thread while the
//! interpreter thread waits on the flag (`long_running`): when the flag is
//! set the program gets its exception at once, and the abandoned worker
//! finishes in the background (its result is dropped).

use crate::exceptions::{PyErr, PyResult};
use crate::types;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub const NONE: u8 = 0;
pub const KEYBOARD: u8 = 1;
pub const TIME_LIMIT: u8 = 2;
/// A signal with a Python handler arrived (`modules/signal.rs`).
pub const SIGNAL: u8 = 3;

thread_local! {
    /// The flag of the program running on this thread, and its time limit
    /// in seconds (for the message), once `watch` registered them.
    static WATCHED: RefCell<Option<(Arc<AtomicU8>, f64)>> = const { RefCell::new(None) };
}

/// Makes `long_running` on this thread wait on `flag`.
pub fn watch(flag: &Arc<AtomicU8>, time_limit_seconds: f64) {
    WATCHED.with(|w| *w.borrow_mut() = Some((flag.clone(), time_limit_seconds)));
}

/// The exception for interrupt `reason`: `TimeoutError` for the time
/// limit, `KeyboardInterrupt` otherwise.
#[cold]
pub fn error(reason: u8, time_limit_seconds: f64) -> PyErr {
    match reason {
        TIME_LIMIT => PyErr::with_message(
            &types::TIMEOUT_ERROR,
            format!("pvm: the program ran past its time limit of {time_limit_seconds} seconds"),
        ),
        _ => PyErr::new(&types::KEYBOARD_INTERRUPT, Vec::new()),
    }
}

/// Runs `job` where an interrupt can stop waiting for it: on a worker
/// thread, polling the watched flag, when one is registered; inline
/// otherwise (or when no thread can be started).
#[cold]
pub fn long_running<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> PyResult<T> {
    let Some((flag, seconds)) = WATCHED.with(|w| w.borrow().clone()) else {
        return Ok(job());
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    let job = Arc::new(std::sync::Mutex::new(Some(job)));
    let worker_job = job.clone();
    let spawned = std::thread::Builder::new()
        .name("pvm-long-op".into())
        .spawn(move || {
            let job = worker_job.lock().ok().and_then(|mut j| j.take());
            if let Some(job) = job {
                let _ = sender.send(job());
            }
        });
    if spawned.is_err() {
        let job = job.lock().ok().and_then(|mut j| j.take());
        return Ok(job
            .expect("the worker never started, so the job is still here")(
        ));
    }
    loop {
        match receiver.recv_timeout(Duration::from_millis(10)) {
            Ok(result) => return Ok(result),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let reason = flag.swap(NONE, Ordering::Relaxed);
                if reason != NONE {
                    return Err(error(reason, seconds));
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(crate::exceptions::runtime_error(
                    "pvm internal error: a long operation's worker stopped",
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_operation_returns_its_result_or_the_interrupt() {
        assert_eq!(long_running(|| 6 * 7).ok(), Some(42));
        let flag = Arc::new(AtomicU8::new(NONE));
        watch(&flag, 2.5);
        assert_eq!(long_running(|| 6 * 7).ok(), Some(42));
        flag.store(TIME_LIMIT, Ordering::Relaxed);
        let stopped = long_running(|| std::thread::sleep(Duration::from_secs(5)));
        let error = stopped.expect_err("interrupted");
        assert!(error.is(&types::TIMEOUT_ERROR));
        assert_eq!(flag.load(Ordering::Relaxed), NONE);
    }
}
