//! The objects through which Python code looks at its own execution:
//! frame objects (`sys._getframe`, `tb.tb_frame`), traceback objects
//! (`e.__traceback__`, `sys.exc_info()[2]`), the introspection attributes
//! of code objects (`co_varnames`, `co_positions()`, ...) and the
//! exception attributes and methods that hold a traceback
//! (`__traceback__`, `with_traceback`, `__cause__`, ...).
//!
//! A frame object is a snapshot taken when it is asked for: its function,
//! the instruction it was running, its bound locals then, and its caller's
//! frame object. It does not follow the frame as it goes on running, and
//! the frames a traceback names keep no locals (pvm does not copy them as
//! an exception unwinds). Walking the live frames is `frames.rs`'s job.

use crate::exceptions::{type_error, value_error, PyException, PyResult, TracebackEntry};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{BoundMethod, Builtin, Function, PyDict, PyStr, Value};
use crate::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

pub static FRAME: PyType = PyType {
    name: "frame",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

pub static TRACEBACK: PyType = PyType {
    name: "traceback",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

/// What a frame object knows of the frame's local variables.
enum Locals {
    /// A function frame's bound locals when the snapshot was taken.
    Bound(Vec<(Rc<PyStr>, Value)>),
    /// A function frame seen through a traceback: not kept.
    Lost,
}

struct FrameObject {
    function: Rc<Function>,
    /// The code unit that was running.
    offset: usize,
    locals: Locals,
    back: Value,
}

impl FrameObject {
    fn line(&self) -> u32 {
        self.function.code.code.line_at(self.offset)
    }

    fn f_locals(&self) -> PyResult<Value> {
        let code = &self.function.code.code;
        if code.flags & pvm_frontend::code::flags::OPTIMIZED == 0 {
            let namespace = self.function.namespace.as_ref();
            return Ok(Value::Dict(
                namespace.unwrap_or(&self.function.globals).clone(),
            ));
        }
        match &self.locals {
            Locals::Bound(locals) => {
                let dict = PyDict::new();
                for (name, value) in locals {
                    dict.set_str(name, value.clone());
                }
                Ok(Value::Dict(Rc::new(dict)))
            }
            Locals::Lost => Err(crate::exceptions::not_implemented_error(
                "pvm keeps no f_locals for a frame reached through a traceback",
            )),
        }
    }
}

impl NativeObject for FrameObject {
    fn type_of(&self) -> &'static PyType {
        &FRAME
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        let code = &self.function.code.code;
        Ok(format!(
            "<frame at {:#x}, file '{}', line {}, code {}>",
            self as *const FrameObject as usize,
            code.filename,
            self.line(),
            code.name
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        FRAME_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        Some(match name {
            "f_code" => Value::Code(self.function.code.clone()),
            "f_globals" => Value::Dict(self.function.globals.clone()),
            "f_lineno" => Value::Int(self.line() as i64),
            "f_lasti" => Value::Int(2 * self.offset as i64),
            "f_back" => self.back.clone(),
            "f_trace" => Value::None,
            "f_trace_lines" => Value::Bool(true),
            "f_trace_opcodes" => Value::Bool(false),
            _ => return None,
        })
    }

    fn attribute_with(&self, interp: &mut Interp, name: &str) -> Option<PyResult<Value>> {
        match name {
            "f_locals" => Some(self.f_locals()),
            "f_builtins" => Some(Ok(
                match self
                    .function
                    .globals
                    .get_str(&crate::intern("__builtins__"))
                {
                    Some(Value::Dict(d)) => Value::Dict(d),
                    Some(Value::Module(m)) => Value::Dict(m.dict.clone()),
                    _ => Value::Dict(interp.builtins.clone()),
                },
            )),
            _ => None,
        }
    }
}

builtin_table!(FRAME_METHODS {
    "clear" => frame_clear,
});

/// `frame.clear()`: there is nothing to release in a snapshot.
fn frame_clear(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::None)
}

/// `sys._getframe(depth=0)`.
pub fn getframe(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("_getframe", kw)?;
    let depth = match args {
        [] => 0,
        [Value::Int(depth)] => *depth,
        [Value::Bool(depth)] => *depth as i64,
        [other] => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
        _ => {
            return Err(type_error(format!(
                "_getframe expected at most 1 argument, got {}",
                args.len()
            )))
        }
    };
    let frames = crate::frames::running_frames(interp, depth.max(0) as usize);
    let mut back = Value::None;
    for frame in frames.into_iter().rev() {
        back = native::new(FrameObject {
            function: frame.function,
            offset: frame.offset,
            locals: Locals::Bound(frame.locals),
            back,
        });
    }
    match back {
        Value::None => Err(value_error("call stack is not deep enough")),
        frame => Ok(frame),
    }
}

/// A traceback object: entry `index` of a snapshot of an exception's
/// traceback entries (innermost first), its `tb_next` the entry before,
/// made once when first read and replaced by assigning `tb_next` (as
/// unittest does to cut its own frames off a failure's traceback).
struct TracebackObject {
    entries: Rc<[TracebackEntry]>,
    index: usize,
    next: RefCell<Option<Value>>,
}

impl TracebackObject {
    fn entry(&self) -> &TracebackEntry {
        &self.entries[self.index]
    }

    /// The frame of entry `index`, its callers those of the entries after.
    fn frame(&self) -> Value {
        let mut back = Value::None;
        for entry in self.entries[self.index..].iter().rev() {
            back = native::new(FrameObject {
                function: entry.function.clone(),
                offset: entry.offset,
                locals: Locals::Lost,
                back,
            });
        }
        back
    }
}

impl NativeObject for TracebackObject {
    fn type_of(&self) -> &'static PyType {
        &TRACEBACK
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<traceback object at {:#x}>",
            self as *const TracebackObject as usize
        ))
    }

    fn method(&self, _: &str) -> Option<&'static Builtin> {
        None
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        let entry = self.entry();
        Some(match name {
            "tb_frame" => self.frame(),
            "tb_lineno" => Value::Int(entry.code().code.line_at(entry.offset) as i64),
            "tb_lasti" => Value::Int(2 * entry.offset as i64),
            "tb_next" => self
                .next
                .borrow_mut()
                .get_or_insert_with(|| match self.index {
                    0 => Value::None,
                    index => native::new(TracebackObject {
                        entries: self.entries.clone(),
                        index: index - 1,
                        next: RefCell::new(None),
                    }),
                })
                .clone(),
            _ => return None,
        })
    }

    fn set_attribute(&self, name: &str, value: &Value) -> Option<PyResult<()>> {
        if name != "tb_next" {
            return None;
        }
        if !matches!(value, Value::None) && native::downcast::<TracebackObject>(value).is_none() {
            return Some(Err(type_error(format!(
                "expected traceback object or None, got '{}'",
                value.type_name()
            ))));
        }
        *self.next.borrow_mut() = Some(value.clone());
        Some(Ok(()))
    }
}

/// `e.__traceback__`: the outermost entry, or `None`.
fn traceback_of(exception: &PyException) -> Value {
    let entries: Rc<[TracebackEntry]> = exception.traceback.borrow().as_slice().into();
    match entries.len() {
        0 => Value::None,
        n => native::new(TracebackObject {
            entries,
            index: n - 1,
            next: RefCell::new(None),
        }),
    }
}

/// Replaces an exception's traceback with `traceback` (a traceback object
/// or `None`), as `e.__traceback__ = tb` and `e.with_traceback(tb)` do.
fn set_traceback(exception: &PyException, traceback: &Value) -> PyResult<()> {
    let entries = match traceback {
        Value::None => Vec::new(),
        other => match native::downcast::<TracebackObject>(other) {
            Some(tb) => tb.entries[..=tb.index].to_vec(),
            None => return Err(type_error("__traceback__ must be a traceback or None")),
        },
    };
    *exception.traceback.borrow_mut() = entries;
    Ok(())
}

/// The data attributes every exception has for its traceback (read before
/// the exception's own, as CPython's getset descriptors are).
pub fn exception_data(exception: &PyException, name: &str) -> Option<Value> {
    Some(match name {
        "__traceback__" => traceback_of(exception),
        "__suppress_context__" => Value::Bool(exception.suppress_context.get()),
        _ => return None,
    })
}

/// `BaseException`'s methods for tracebacks and notes, bound to `value`
/// (after the class's own methods, which may replace them).
pub fn exception_method(value: &Value, name: &str) -> Option<Value> {
    Some(match name {
        "with_traceback" => bound(value, &WITH_TRACEBACK),
        "add_note" => bound(value, &ADD_NOTE),
        _ => return None,
    })
}

/// `e.name = value` for the attributes above; `None` for any other name.
pub fn set_exception_attribute(
    exception: &PyException,
    name: &str,
    value: &Value,
) -> Option<PyResult<()>> {
    Some(match name {
        "__traceback__" => set_traceback(exception, value),
        "__suppress_context__" => {
            exception.suppress_context.set(value.truthy());
            Ok(())
        }
        "__cause__" | "__context__" => {
            if !matches!(value, Value::None | Value::Exception(_)) {
                return Some(Err(type_error(format!(
                    "exception {} must be None or derive from BaseException",
                    if name == "__cause__" {
                        "cause"
                    } else {
                        "context"
                    }
                ))));
            }
            if name == "__cause__" {
                *exception.cause.borrow_mut() = value.clone();
                exception.suppress_context.set(true);
            } else {
                *exception.context.borrow_mut() = value.clone();
            }
            Ok(())
        }
        _ => return None,
    })
}

fn bound(receiver: &Value, method: &'static Builtin) -> Value {
    Value::Method(Rc::new(BoundMethod {
        receiver: receiver.clone(),
        method,
    }))
}

static WITH_TRACEBACK: Builtin = Builtin {
    name: "with_traceback",
    func: with_traceback,
};

static ADD_NOTE: Builtin = Builtin {
    name: "add_note",
    func: add_note,
};

/// `e.with_traceback(tb)`: sets the traceback and returns `e`.
fn with_traceback(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("with_traceback", kw)?;
    match args {
        [this @ Value::Exception(e), traceback] => {
            set_traceback(e, traceback)?;
            Ok(this.clone())
        }
        _ => Err(type_error(format!(
            "BaseException.with_traceback() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

/// `e.add_note(note)`: appends to `e.__notes__`, made on first use.
fn add_note(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("add_note", kw)?;
    let [this @ Value::Exception(e), note] = args else {
        return Err(type_error(format!(
            "BaseException.add_note() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    if !matches!(note, Value::Str(_)) {
        return Err(type_error(format!(
            "note must be a str, not '{}'",
            note.type_name()
        )));
    }
    let key = crate::intern("__notes__");
    let notes = match e.attrs.get_str(&key) {
        Some(notes) => notes,
        None => {
            let notes = Value::list(Vec::new());
            e.attrs.set_str(&key, notes.clone());
            notes
        }
    };
    match &notes {
        Value::List(list) => list.items.borrow_mut().push(note.clone()),
        _ => {
            let append = crate::attributes::get_attr(interp, &notes, &crate::intern("append"))
                .map_err(|_| type_error("Cannot add note: __notes__ is not a list"))?;
            crate::call::call(interp, &append, std::slice::from_ref(note), &[])?;
        }
    }
    let _ = this;
    Ok(Value::None)
}

// ----- code objects ---------------------------------------------------------

/// The flags pvm keeps in `co_flags` for itself, not CPython's.
const PVM_FLAGS: u32 =
    pvm_frontend::code::flags::HAS_DOCSTRING | pvm_frontend::code::flags::NO_ANNOTATIONS;

/// The data attributes of a code object beyond its names and place.
pub fn code_attribute(code: &crate::RtCode, name: &str) -> Option<Value> {
    let object = &code.code;
    let names = |names: &[Rc<str>]| Value::tuple(names.iter().map(|n| Value::str(&**n)).collect());
    Some(match name {
        "co_argcount" => Value::Int(object.arg_count as i64),
        "co_posonlyargcount" => Value::Int(object.posonly_arg_count as i64),
        "co_kwonlyargcount" => Value::Int(object.kwonly_arg_count as i64),
        "co_nlocals" => Value::Int(object.varnames.len() as i64),
        "co_varnames" => names(&object.varnames),
        "co_cellvars" => names(&object.cellvars),
        "co_freevars" => names(&object.freevars),
        "co_names" => Value::tuple(code.names.iter().map(|n| Value::Str(n.clone())).collect()),
        "co_consts" => Value::tuple(code.constants.to_vec()),
        "co_flags" => Value::Int((object.flags & !PVM_FLAGS) as i64),
        "co_stacksize" => Value::Int(object.max_stack as i64),
        _ => return None,
    })
}

builtin_table!(pub CODE_METHODS {
    "co_positions" => co_positions,
    "co_lines" => co_lines,
});

fn code_receiver<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Rc<crate::RtCode>> {
    match args {
        [Value::Code(code)] => Ok(code),
        _ => Err(type_error(format!("code.{name}() takes no arguments"))),
    }
}

/// `code.co_positions()`: (line, end line, column, end column) for each
/// instruction (each code unit; pvm's `f_lasti` counts two per unit, as
/// CPython's does), `None` where there is no position.
fn co_positions(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let code = code_receiver(args, "co_positions")?;
    let object = &code.code;
    let units = object.instructions.len();
    let mut positions = object.positions.iter();
    let items = (0..units)
        .map(|_| match positions.next() {
            Some(p) if p.line != 0 => Value::tuple(vec![
                Value::Int(p.line as i64),
                Value::Int(p.end_line as i64),
                Value::Int(p.col as i64),
                Value::Int(p.end_col as i64),
            ]),
            _ => Value::tuple(vec![Value::None; 4]),
        })
        .collect();
    crate::iter::get_iter(interp, &Value::tuple(items))
}

/// `code.co_lines()`: (start, end, line) for each run of bytecode (in
/// bytes, two per code unit) that belongs to one line.
fn co_lines(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let code = code_receiver(args, "co_lines")?;
    let object = &code.code;
    let units = object.instructions.len();
    let mut lines: Vec<(usize, usize, u32)> = Vec::new();
    let mut positions = object.positions.iter();
    for unit in 0..units {
        let line = positions.next().map_or(0, |p| p.line);
        match lines.last_mut() {
            Some(last) if last.2 == line => last.1 = unit + 1,
            _ => lines.push((unit, unit + 1, line)),
        }
    }
    let items = lines
        .into_iter()
        .map(|(start, end, line)| {
            Value::tuple(vec![
                Value::Int(2 * start as i64),
                Value::Int(2 * end as i64),
                if line == 0 {
                    Value::None
                } else {
                    Value::Int(line as i64)
                },
            ])
        })
        .collect();
    crate::iter::get_iter(interp, &Value::tuple(items))
}
