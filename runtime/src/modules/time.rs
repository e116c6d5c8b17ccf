//! The `time` module: the clocks benchmark code reads (`perf_counter`,
//! `perf_counter_ns`, `time`, `monotonic`, `process_time`) and `sleep`;
//! `struct_time`, `gmtime`, `strftime` and the rest are `time_struct.rs`.

use super::module;
use crate::call::no_keywords;
use crate::exceptions::{type_error, PyResult};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The origin of the monotonic clocks (the first time one is read).
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

fn none(name: &str, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<()> {
    no_keywords(name, kw)?;
    if args.is_empty() {
        Ok(())
    } else {
        Err(type_error(format!(
            "time.{name}() takes no arguments ({} given)",
            args.len()
        )))
    }
}

fn perf_counter(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    none("perf_counter", args, kw)?;
    Ok(Value::Float(origin().elapsed().as_secs_f64()))
}

fn perf_counter_ns(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    none("perf_counter_ns", args, kw)?;
    Ok(Value::Int(origin().elapsed().as_nanos() as i64))
}

fn monotonic(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    none("monotonic", args, kw)?;
    Ok(Value::Float(origin().elapsed().as_secs_f64()))
}

fn process_time(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    none("process_time", args, kw)?;
    Ok(Value::Float(origin().elapsed().as_secs_f64()))
}

fn time(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    none("time", args, kw)?;
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Ok(Value::Float(since_epoch.as_secs_f64()))
}

fn sleep(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("sleep", kw)?;
    let [seconds] = args else {
        return Err(type_error(format!(
            "time.sleep() takes exactly one argument ({} given)",
            args.len()
        )));
    };
    let seconds = super::float_arg(seconds)?;
    if seconds < 0.0 {
        return Err(crate::exceptions::value_error(
            "sleep length must be non-negative",
        ));
    }
    // Sleep in slices so Ctrl-C and the time limit still interrupt it.
    let deadline = Instant::now() + Duration::from_secs_f64(seconds.min(1e9));
    while Instant::now() < deadline {
        interp.check_interrupt()?;
        std::thread::sleep((deadline - Instant::now()).min(Duration::from_millis(20)));
    }
    Ok(Value::None)
}

pub(super) fn create() -> Value {
    static FUNCTIONS: &[&Builtin] = &[
        &Builtin {
            name: "perf_counter",
            func: perf_counter,
        },
        &Builtin {
            name: "perf_counter_ns",
            func: perf_counter_ns,
        },
        &Builtin {
            name: "monotonic",
            func: monotonic,
        },
        &Builtin {
            name: "process_time",
            func: process_time,
        },
        &Builtin {
            name: "time",
            func: time,
        },
        &Builtin {
            name: "sleep",
            func: sleep,
        },
    ];
    origin();
    let functions: Vec<&'static Builtin> = FUNCTIONS
        .iter()
        .copied()
        .chain(super::time_struct::FUNCTIONS)
        .collect();
    module("time", &functions, super::time_struct::constants())
}
