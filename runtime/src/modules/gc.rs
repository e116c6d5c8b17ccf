//! `gc`: pvm frees objects by reference counting alone and has no cycle
//! collector, so `collect()` finds nothing (0) and `enable`/`disable` only
//! record a flag that `isenabled` reports. Reference cycles are never
//! freed; nothing else here is offered.

use super::module;
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::cell::Cell;
use std::rc::Rc;

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(true) };
}

fn collect(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> crate::PyResult<Value> {
    Ok(Value::Int(0))
}

fn enable(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> crate::PyResult<Value> {
    ENABLED.with(|e| e.set(true));
    Ok(Value::None)
}

fn disable(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> crate::PyResult<Value> {
    ENABLED.with(|e| e.set(false));
    Ok(Value::None)
}

fn isenabled(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> crate::PyResult<Value> {
    Ok(Value::Bool(ENABLED.with(Cell::get)))
}

builtin_table!(FUNCTIONS {
    "collect" => collect,
    "enable" => enable,
    "disable" => disable,
    "isenabled" => isenabled,
});

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    module("gc", &functions, Vec::new())
}
