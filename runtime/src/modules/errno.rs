//! `errno`: the C library's error numbers under their names, and
//! `errorcode`, from the table CPython 3.11 defines on Linux
//! (`errno_table.rs`, generated). It offers nothing else.

use super::{errno_table, module};
use crate::value::{PyDict, Value};
use crate::Interp;
use std::rc::Rc;

pub fn create(interp: &mut Interp) -> Value {
    let errorcode = Value::Dict(Rc::new(PyDict::new()));
    for (number, name) in errno_table::ERRORCODE {
        // Keys are small ints: setting one cannot fail.
        let _ =
            crate::subscript::set_item(interp, &errorcode, &Value::Int(*number), Value::str(*name));
    }
    let mut constants: Vec<(&str, Value)> = errno_table::NAMES
        .iter()
        .map(|(name, number)| (*name, Value::Int(*number)))
        .collect();
    constants.push(("errorcode", errorcode));
    module("errno", &[], constants)
}
