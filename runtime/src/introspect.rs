//! The builtins that describe an object rather than compute with it:
//! `ascii()`. Registered in `builtins::namespace`.

use crate::call;
use crate::exceptions::{type_error, PyResult};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

pub static ASCII: Builtin = Builtin {
    name: "ascii",
    func: ascii,
};

fn ascii(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    call::no_keywords("ascii", kwnames)?;
    match args {
        [value] => Ok(Value::str(crate::repr::ascii(interp, value)?)),
        _ => Err(type_error(format!(
            "ascii() takes exactly one argument ({} given)",
            args.len()
        ))),
    }
}
