//! Exception objects and `PyErr`, the error half of every fallible runtime
//! operation.
//!
//! A `PyErr` is one pointer wide so `PyResult<Value>` stays small. It carries
//! the exception object and the traceback entries added as frames unwind.
//! Formatting a traceback is `traceback.rs`'s job; deciding which handler
//! catches an exception is the backend's (through the code object's exception
//! table).

use crate::code::RtCode;
use crate::types::{self, PyType};
use crate::value::{Function, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct PyException {
    pub kind: &'static PyType,
    /// `e.args` (replaced by `BaseException.__init__`).
    pub args: RefCell<Vec<Value>>,
    /// Attributes set on the exception (`self.code = 2` in a subclass).
    pub attrs: crate::value::PyDict,
    /// Where it was raised and every frame it passed through, innermost first
    /// (Python's `__traceback__`).
    pub traceback: RefCell<Vec<TracebackEntry>>,
    /// `raise ... from cause` (`__cause__`).
    pub cause: RefCell<Value>,
    /// The exception being handled when this one was raised (`__context__`).
    pub context: RefCell<Value>,
    /// `raise ... from ...` hides the context when the traceback is printed.
    pub suppress_context: Cell<bool>,
}

/// One line of a traceback: the frame's function (its code and globals)
/// and the instruction that was running.
#[derive(Clone)]
pub struct TracebackEntry {
    pub function: Rc<Function>,
    pub offset: usize,
}

impl TracebackEntry {
    pub fn code(&self) -> &Rc<RtCode> {
        &self.function.code
    }
}

pub struct PyErrInner {
    pub exception: Rc<PyException>,
    /// Set by a re-raise (`raise` alone, or leaving an unmatched handler):
    /// the frame it happens in is already in the traceback.
    pub reraised: bool,
}

/// A raised exception in flight.
pub struct PyErr(pub Box<PyErrInner>);

pub type PyResult<T> = Result<T, PyErr>;

impl PyException {
    pub fn new(kind: &'static PyType, args: Vec<Value>) -> PyException {
        PyException {
            kind,
            args: RefCell::new(args),
            attrs: crate::value::PyDict::new(),
            traceback: RefCell::new(Vec::new()),
            cause: RefCell::new(Value::None),
            context: RefCell::new(Value::None),
            suppress_context: Cell::new(false),
        }
    }
}

impl PyErr {
    #[cold]
    pub fn new(kind: &'static PyType, args: Vec<Value>) -> PyErr {
        PyErr::from_exception(Rc::new(PyException::new(kind, args)))
    }

    #[cold]
    pub fn with_message(kind: &'static PyType, message: impl Into<String>) -> PyErr {
        let message: String = message.into();
        PyErr::new(kind, vec![Value::str(message)])
    }

    pub fn from_exception(exception: Rc<PyException>) -> PyErr {
        PyErr(Box::new(PyErrInner {
            exception,
            reraised: false,
        }))
    }

    /// Re-raises an exception that was caught, keeping its traceback.
    pub fn reraise(exception: Rc<PyException>) -> PyErr {
        PyErr(Box::new(PyErrInner {
            exception,
            reraised: true,
        }))
    }

    pub fn kind(&self) -> &'static PyType {
        self.0.exception.kind
    }

    pub fn is(&self, kind: &'static PyType) -> bool {
        self.kind().is_subtype(kind)
    }

    /// Records that the exception passed through `code` at `offset` (unless
    /// it was just re-raised there).
    pub fn add_traceback(&mut self, function: &Rc<Function>, offset: usize) {
        if std::mem::take(&mut self.0.reraised) {
            return;
        }
        self.0
            .exception
            .traceback
            .borrow_mut()
            .push(TracebackEntry {
                function: function.clone(),
                offset,
            });
    }

    /// Links the exception being handled (if any) as this one's context, as
    /// Python does for an exception raised inside an `except` or `finally`.
    pub fn attach_context(&self, handled: &Value) {
        let exception = &self.0.exception;
        if let Value::Exception(handled) = handled {
            let unset = matches!(*exception.context.borrow(), Value::None);
            if unset && !Rc::ptr_eq(handled, exception) {
                *exception.context.borrow_mut() = Value::Exception(handled.clone());
            }
        }
    }
}

macro_rules! error_constructors {
    ($($fn_name:ident => $kind:ident),* $(,)?) => {
        $(
            #[cold]
            pub fn $fn_name(message: impl Into<String>) -> PyErr {
                PyErr::with_message(&types::$kind, message)
            }
        )*
    };
}

error_constructors! {
    type_error => TYPE_ERROR,
    value_error => VALUE_ERROR,
    index_error => INDEX_ERROR,
    name_error => NAME_ERROR,
    attribute_error => ATTRIBUTE_ERROR,
    zero_division_error => ZERO_DIVISION_ERROR,
    overflow_error => OVERFLOW_ERROR,
    runtime_error => RUNTIME_ERROR,
    recursion_error => RECURSION_ERROR,
    not_implemented_error => NOT_IMPLEMENTED_ERROR,
    unbound_local_error => UNBOUND_LOCAL_ERROR,
    memory_error => MEMORY_ERROR,
}

/// The exception-table entry that handles an exception raised by the
/// instruction at code-unit `offset`, if any.
pub fn handler_at(code: &RtCode, offset: usize) -> Option<pvm_frontend::ExceptionEntry> {
    code.code
        .exception_table
        .iter()
        .find(|e| (e.start as usize..e.end as usize).contains(&offset))
        .copied()
}

/// `KeyError(key)`: its message is the key's repr.
#[cold]
pub fn key_error(key: Value) -> PyErr {
    PyErr::new(&types::KEY_ERROR, vec![key])
}

#[cold]
pub fn stop_iteration() -> PyErr {
    PyErr::new(&types::STOP_ITERATION, Vec::new())
}

/// `NotImplementedError` for a language feature pvm does not run yet.
#[cold]
pub fn unsupported(what: &str) -> PyErr {
    not_implemented_error(format!("{what} are not supported by pvm yet"))
}

/// The `SyntaxError` (or `IndentationError`, ...) for a compile error in
/// `filename`, as CPython raises it: `args` is the message and the location
/// tuple, the location is in its attributes, and the traceback prints the
/// file, line and caret block. `text` ends in a newline unless the source
/// (when given) has none after that line.
pub fn syntax_error(
    located: &pvm_frontend::LocatedError,
    filename: &str,
    source: Option<&str>,
) -> PyErr {
    let kind = match located.kind {
        pvm_frontend::ErrorKind::IndentationError => &types::INDENTATION_ERROR,
        pvm_frontend::ErrorKind::TabError => &types::TAB_ERROR,
        pvm_frontend::ErrorKind::RecursionError => &types::RECURSION_ERROR,
        _ => &types::SYNTAX_ERROR,
    };
    let number = |n: u32| Value::Int(n as i64);
    let last_line = source.is_some_and(|source| {
        !source.ends_with('\n') && source.split('\n').count() <= located.line as usize
    });
    let newline = if last_line { "" } else { "\n" };
    let details = [
        ("filename", Value::str(filename)),
        ("lineno", number(located.line)),
        ("offset", number(located.column)),
        ("text", Value::str(format!("{}{newline}", located.text))),
        ("end_lineno", number(located.end_line)),
        ("end_offset", number(located.end_column)),
    ];
    let message = Value::str(located.message.clone());
    let args = if kind.is_subtype(&types::SYNTAX_ERROR) {
        let location = details.iter().map(|(_, v)| v.clone()).collect();
        vec![message.clone(), Value::tuple(location)]
    } else {
        vec![message.clone()]
    };
    let error = PyErr::new(kind, args);
    let attrs = &error.0.exception.attrs;
    // The traceback prints this block (file, line, caret) as CPython
    // prints an uncaught SyntaxError.
    attrs.set_str(
        &crate::intern("__pvm_rendered__"),
        Value::str(located.render()),
    );
    // What `except SyntaxError as e` finds, as in CPython.
    attrs.set_str(&crate::intern("msg"), message);
    for (name, value) in details {
        attrs.set_str(&crate::intern(name), value);
    }
    error
}

impl PyException {
    /// `str(exception)`, which is what the last traceback line shows.
    pub fn message(self: &Rc<Self>, interp: &mut crate::Interp) -> crate::PyResult<String> {
        if let Some(text) = crate::special::user_str(interp, &Value::Exception(self.clone()))? {
            return Ok(text);
        }
        self.builtin_message(interp)
    }

    /// What `str()` of a SyntaxError adds to its message, as CPython's
    /// `SyntaxError_str`: `file, line N` from its `filename` (the base name)
    /// and `lineno` attributes, either alone, or nothing.
    fn syntax_error_location(&self) -> Option<String> {
        let filename = match self.attrs.get_str(&crate::intern("filename")) {
            Some(Value::Str(name)) => {
                let name = name.as_str();
                Some(name.rsplit('/').next().unwrap_or(name).to_string())
            }
            _ => None,
        };
        let line = match self.attrs.get_str(&crate::intern("lineno")) {
            Some(Value::Int(line)) => Some(line),
            _ => None,
        };
        match (filename, line) {
            (Some(file), Some(line)) => Some(format!("{file}, line {line}")),
            (Some(file), None) => Some(file),
            (None, Some(line)) => Some(format!("line {line}")),
            (None, None) => None,
        }
    }

    /// `BaseException.__str__`: the text made from `args`.
    pub fn builtin_message(&self, interp: &mut crate::Interp) -> crate::PyResult<String> {
        let args = self.args.borrow().clone();
        match args.as_slice() {
            [] => Ok(String::new()),
            [single] if std::ptr::eq(self.kind, &types::KEY_ERROR) => {
                crate::repr::repr(interp, single)
            }
            [single, _] | [single] if self.kind.is_subtype(&types::SYNTAX_ERROR) => {
                let message = crate::repr::str(interp, single)?;
                Ok(match self.syntax_error_location() {
                    Some(location) => format!("{message} ({location})"),
                    None => message,
                })
            }
            [single] => crate::repr::str(interp, single),
            [Value::Str(encoding), object, Value::Int(start), Value::Int(end), Value::Str(reason)]
                if self.kind.is_subtype(&types::UNICODE_ERROR) =>
            {
                match crate::codecs::unicode_error_message(
                    encoding.as_str(),
                    object,
                    *start,
                    *end,
                    reason.as_str(),
                ) {
                    Some(text) => Ok(text),
                    None => crate::repr::repr(interp, &Value::tuple(args.to_vec())),
                }
            }
            many => crate::repr::repr(interp, &Value::tuple(many.to_vec())),
        }
    }
}

impl std::fmt::Debug for PyErr {
    /// `Type: message`, as the last line of a traceback shows it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let exception = &self.0.exception;
        write!(
            f,
            "{}: {}",
            exception.kind.name,
            exception
                .message(&mut crate::Interp::new(Box::new(std::io::sink())))
                .unwrap_or_default()
        )
    }
}
