//! Generator and coroutine objects: the saved frame of a suspended function
//! and the protocol around it (`next`, `send`, `throw`, `close`,
//! `StopIteration.value`, PEP 479's `RuntimeError`).
//!
//! Running the frame is the frame protocol's: `frames::resume` takes the
//! saved locals and operand stack, runs them on the program's backend until
//! the next `YIELD_VALUE` or `RETURN_VALUE`, and saves them again. A
//! suspended frame is stored in a backend-neutral form (slots plus a
//! code-unit offset), so a generator made by one backend could be resumed
//! by another.

use crate::exceptions::{runtime_error, type_error, value_error, PyException, PyResult};
use crate::types;
use crate::value::{Builtin, Function, PyStr, Value};
use crate::{Interp, PyErr};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A suspended frame: the index of the code unit to continue at, and the
/// stack it runs on, which a backend takes over whole while the frame runs
/// (so resuming and suspending copy and allocate nothing).
pub struct Suspended {
    /// The generator's function (slot 0, where a frame's function sits just
    /// below its locals), its locals, then its operand stack.
    pub slots: Vec<Value>,
    /// The frame records the frame and its callees use while it runs
    /// (empty while suspended), kept so resuming allocates nothing.
    pub frames: Vec<crate::frames::Frame>,
    pub pc: usize,
    /// The yielding frame's `Frame::resume` word and the backend that wrote
    /// it: handed back to that backend only (`frames::resume`).
    pub resume: (usize, *const ()),
    /// Whether the frame has run at all (a fresh generator only accepts `None`).
    pub started: bool,
}

/// Where a generator is in its life.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Suspended,
    Running,
    Finished,
}

pub struct PyGenerator {
    pub function: Rc<Function>,
    pub coroutine: bool,
    status: Cell<Status>,
    /// The saved frame, borrowed by the backend while it runs (`Running`
    /// turns away a resumption from inside, so the borrow never clashes).
    /// Emptied when the generator finishes.
    frame: RefCell<Suspended>,
}

/// How a suspended frame is resumed.
pub enum Resume {
    /// The value the `yield` expression evaluates to.
    Send(Value),
    /// An exception raised at the `yield`.
    Throw(PyErr),
}

/// How a resumed frame stopped.
pub enum Resumed {
    Yielded(Value),
    Returned(Value),
}

/// `RETURN_GENERATOR`: a generator holding the frame's function and locals
/// (`slots`, laid out as `Suspended::slots`), to start just after that
/// instruction.
pub fn create(function: &Value, slots: Vec<Value>) -> Value {
    let Value::Function(function) = function else {
        return Value::None;
    };
    let function = function.clone();
    let code = &function.code.code;
    let pc = code
        .instructions
        .iter()
        .position(|unit| unit.op == pvm_frontend::Opcode::RETURN_GENERATOR)
        .map_or(code.instructions.len(), |i| i + 1);
    let coroutine = code.flags & pvm_frontend::code::flags::COROUTINE != 0;
    Value::Generator(Rc::new(PyGenerator {
        function,
        coroutine,
        status: Cell::new(Status::Suspended),
        frame: RefCell::new(Suspended {
            slots,
            frames: Vec::new(),
            pc,
            resume: (0, std::ptr::null()),
            started: false,
        }),
    }))
}

impl PyGenerator {
    pub fn kind(&self) -> &'static str {
        if self.coroutine {
            "coroutine"
        } else {
            "generator"
        }
    }

    /// Runs the frame until it yields or returns.
    pub fn resume(&self, interp: &mut Interp, how: Resume) -> PyResult<Resumed> {
        match self.status.get() {
            Status::Suspended => {}
            Status::Running => {
                return Err(value_error(format!("{} already executing", self.kind())));
            }
            Status::Finished => {
                return match how {
                    Resume::Send(_) if self.coroutine => {
                        Err(runtime_error("cannot reuse already awaited coroutine"))
                    }
                    Resume::Send(_) => Ok(Resumed::Returned(Value::None)),
                    Resume::Throw(error) => Err(error),
                };
            }
        }
        let mut frame = self.frame.borrow_mut();
        if !frame.started {
            if let Resume::Send(value) = &how {
                if !matches!(value, Value::None) {
                    return Err(type_error(format!(
                        "can't send non-None value to a just-started {}",
                        self.kind()
                    )));
                }
            }
        }
        frame.started = true;
        self.status.set(Status::Running);
        let result = crate::frames::resume(interp, &self.function, &mut frame, how);
        if let Ok(Resumed::Yielded(value)) = result {
            self.status.set(Status::Suspended);
            return Ok(Resumed::Yielded(value));
        }
        drop(frame);
        self.finish();
        match result {
            Err(error) if error.is(&types::STOP_ITERATION) => {
                let replacement = runtime_error(format!("{} raised StopIteration", self.kind()));
                *replacement.0.exception.cause.borrow_mut() =
                    Value::Exception(error.0.exception.clone());
                *replacement.0.exception.context.borrow_mut() =
                    Value::Exception(error.0.exception.clone());
                Err(replacement)
            }
            other => other,
        }
    }

    /// Marks the generator finished, letting go of its locals at once.
    fn finish(&self) {
        self.status.set(Status::Finished);
        let slots = std::mem::take(&mut self.frame.borrow_mut().slots);
        drop(slots);
    }
}

/// `next(generator)` as iteration sees it: `None` once it has returned.
pub fn next(interp: &mut Interp, generator: &PyGenerator) -> PyResult<Option<Value>> {
    match generator.resume(interp, Resume::Send(Value::None))? {
        Resumed::Yielded(value) => Ok(Some(value)),
        Resumed::Returned(_) => Ok(None),
    }
}

/// `StopIteration(value)` for a generator that returned through `send`.
pub fn stop_iteration(value: Value) -> PyErr {
    let args = if matches!(value, Value::None) {
        Vec::new()
    } else {
        vec![value]
    };
    PyErr::from_exception(Rc::new(PyException::new(&types::STOP_ITERATION, args)))
}

/// `SEND`: sends `value` into the iterator of a `yield from` or `await`:
/// `Ok(Yielded)` to pass on, `Ok(Returned)` when it is done.
pub fn send(interp: &mut Interp, iterator: &Value, value: &Value) -> PyResult<Resumed> {
    match iterator {
        Value::Generator(g) => g.resume(interp, Resume::Send(value.clone())),
        other => {
            let next = if matches!(value, Value::None) {
                crate::iter::next(interp, other)
            } else {
                let method = crate::attributes::get_attr(interp, other, &crate::intern("send"))?;
                match crate::call::call(interp, &method, std::slice::from_ref(value), &[]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.is(&types::STOP_ITERATION) => {
                        let value = e.0.exception.args.borrow().first().cloned();
                        return Ok(Resumed::Returned(value.unwrap_or_default()));
                    }
                    Err(e) => Err(e),
                }
            };
            Ok(match next? {
                Some(v) => Resumed::Yielded(v),
                None => Resumed::Returned(Value::None),
            })
        }
    }
}

/// `GET_AWAITABLE`.
pub fn awaitable(interp: &mut Interp, value: &Value) -> PyResult<Value> {
    match value {
        Value::Generator(g) if g.coroutine => Ok(value.clone()),
        _ if crate::special::is_user(value) => {
            match crate::special::call_special(interp, value, "__await__", &[])? {
                Some(iterator) => Ok(iterator),
                None => Err(not_awaitable(value)),
            }
        }
        _ => Err(not_awaitable(value)),
    }
}

fn not_awaitable(value: &Value) -> PyErr {
    type_error(format!(
        "object {} can't be used in 'await' expression",
        value.type_name()
    ))
}

/// `GET_YIELD_FROM_ITER`.
pub fn yield_from_iter(interp: &mut Interp, value: &Value) -> PyResult<Value> {
    match value {
        Value::Generator(g) if g.coroutine => Err(type_error(
            "cannot 'yield from' a coroutine object in a non-coroutine generator",
        )),
        Value::Generator(_) => Ok(value.clone()),
        other => crate::iter::get_iter(interp, other),
    }
}

builtin_table!(METHODS {
    "send" => gen_send,
    "throw" => gen_throw,
    "close" => gen_close,
    "__next__" => gen_next,
});

/// A method of generator objects, unbound.
pub fn method(name: &str) -> Option<&'static Builtin> {
    METHODS.iter().find(|m| m.name == name)
}

fn receiver(args: &[Value]) -> PyResult<&Rc<PyGenerator>> {
    match args.first() {
        Some(Value::Generator(g)) => Ok(g),
        _ => Err(type_error("descriptor requires a 'generator' object")),
    }
}

fn gen_send(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("send", kwnames)?;
    let generator = receiver(args)?;
    let [_, value] = args else {
        return Err(type_error(format!(
            "{}.send() takes exactly one argument ({} given)",
            generator.kind(),
            args.len() - 1
        )));
    };
    match generator.resume(interp, Resume::Send(value.clone()))? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration(v)),
    }
}

fn gen_next(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let generator = receiver(args)?;
    match generator.resume(interp, Resume::Send(Value::None))? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration(v)),
    }
}

fn gen_throw(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let generator = receiver(args)?;
    let error = match args.get(1) {
        Some(value) => {
            // `throw(type, value)` with `value` already an instance of
            // `type` throws that instance, as CPython does.
            let value = match (value, args.get(2)) {
                (Value::Type(t), Some(instance)) if instance.type_of().is_subtype(t) => {
                    instance.clone()
                }
                _ => value.clone(),
            };
            let error = crate::handlers::raise_value(interp, &value, None);
            if let (Value::Type(_), Some(argument)) = (&value, args.get(2)) {
                *error.0.exception.args.borrow_mut() = vec![argument.clone()];
            }
            error
        }
        None => return Err(type_error("throw expected at least 1 argument, got 0")),
    };
    match generator.resume(interp, Resume::Throw(error))? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration(v)),
    }
}

fn gen_close(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let generator = receiver(args)?;
    let not_started = match generator.status.get() {
        Status::Finished => true,
        Status::Suspended => !generator.frame.borrow().started,
        Status::Running => false,
    };
    if not_started {
        generator.finish();
        return Ok(Value::None);
    }
    let exit = PyErr::new(&types::GENERATOR_EXIT, Vec::new());
    match generator.resume(interp, Resume::Throw(exit)) {
        Ok(Resumed::Yielded(_)) => Err(runtime_error(format!(
            "{} ignored GeneratorExit",
            generator.kind()
        ))),
        Ok(Resumed::Returned(_)) => Ok(Value::None),
        Err(e) if e.is(&types::GENERATOR_EXIT) || e.is(&types::STOP_ITERATION) => Ok(Value::None),
        Err(e) => Err(e),
    }
}
