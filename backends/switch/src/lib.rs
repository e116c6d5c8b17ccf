//! The reference backend: a `loop { match op { ... } }` over the wordcode,
//! shaped like CPython's ceval loop without computed gotos.
//!
//! Python-to-Python calls never recurse on the Rust stack: each call pushes a
//! `Frame` on a heap frame stack and the same loop continues in the callee,
//! whose locals live in place on one shared value stack (the caller's
//! arguments become the callee's first locals, as in CPython 3.11). This
//! crate decides nothing about semantics: every operation calls `pvm-runtime`.

use pvm_frontend::{BinaryOperator, CompareOperator, Opcode};
use pvm_runtime::exceptions::{name_error, type_error, unbound_local_error, unsupported};
use pvm_runtime::value::PySlice;
use pvm_runtime::{
    call, globals, iter, methods, ops, subscript, Backend, Function, Interp, PyDict, PyErr,
    PyResult, PyStr, RtCode, Value,
};
use std::rc::Rc;

/// The switch-dispatch backend.
pub struct SwitchBackend;

impl Backend for SwitchBackend {
    fn name(&self) -> &'static str {
        "switch"
    }

    fn description(&self) -> &'static str {
        "reference PVM: one central match over the opcode, like CPython's ceval"
    }

    fn run_module(
        &self,
        interp: &mut Interp,
        code: Rc<RtCode>,
        globals: Rc<PyDict>,
    ) -> PyResult<Value> {
        interp.call_function = call_function;
        let mut vm = Vm::default();
        vm.stack.push(Value::None);
        push_frame(&mut vm.stack, &mut vm.frames, interp, code, globals, 1)?;
        vm.run(interp)
    }
}

/// Runs a Python function to completion on a fresh value stack (for builtins
/// that call back into Python).
fn call_function(
    interp: &mut Interp,
    function: &Rc<Function>,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let mut vm = Vm::default();
    vm.stack.push(Value::Function(function.clone()));
    vm.stack.extend_from_slice(args);
    call_python(
        &mut vm.stack,
        &mut vm.frames,
        interp,
        function,
        0,
        args.len(),
        kwnames,
    )?;
    vm.run(interp)
}

struct Frame {
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
    /// Index of the instruction to resume at (saved while a callee runs).
    pc: usize,
    /// Stack index of local 0; the callable sits just below it.
    base: usize,
}

#[derive(Default)]
struct Vm {
    stack: Vec<Value>,
    frames: Vec<Frame>,
}

macro_rules! pop {
    ($stack:expr) => {
        $stack.pop().unwrap_or(Value::None)
    };
}

#[inline(always)]
fn push_frame(
    stack: &mut Vec<Value>,
    frames: &mut Vec<Frame>,
    interp: &mut Interp,
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
    base: usize,
) -> PyResult<()> {
    interp.enter_frame()?;
    let locals_end = base + code.local_count;
    if stack.len() != locals_end {
        stack.resize(locals_end, Value::Unbound);
    }
    frames.push(Frame {
        code,
        globals,
        pc: 0,
        base,
    });
    Ok(())
}

/// Sets up a frame for `function` called with the `argc` values above
/// `callee` on the stack (the last `kwnames.len()` of them by keyword).
fn call_python(
    stack: &mut Vec<Value>,
    frames: &mut Vec<Frame>,
    interp: &mut Interp,
    function: &Rc<Function>,
    callee: usize,
    argc: usize,
    kwnames: &[Rc<PyStr>],
) -> PyResult<()> {
    let code = function.code.clone();
    let base = callee + 1;
    if function.simple && kwnames.is_empty() && argc == code.code.arg_count as usize {
        return push_frame(stack, frames, interp, code, function.globals.clone(), base);
    }
    let args: Vec<Value> = stack.drain(base..).collect();
    let mut locals = vec![Value::Unbound; code.local_count];
    call::bind_arguments(function, &args, kwnames, &mut locals)?;
    stack.extend(locals);
    push_frame(stack, frames, interp, code, function.globals.clone(), base)
}

impl Vm {
    /// Runs until the frame that was on top when called returns.
    fn run(&mut self, interp: &mut Interp) -> PyResult<Value> {
        let entry_depth = self.frames.len();
        loop {
            match self.dispatch(interp, entry_depth) {
                Ok(value) => return Ok(value),
                Err(error) => {
                    if let Err(error) = self.unwind(interp, error, entry_depth) {
                        return Err(error);
                    }
                }
            }
        }
    }

    /// Records the traceback and pops frames until a handler in the exception
    /// table catches the error (then returns `Ok` to resume) or the entry
    /// frame is gone (then returns the error).
    #[cold]
    fn unwind(
        &mut self,
        interp: &mut Interp,
        mut error: PyErr,
        entry_depth: usize,
    ) -> Result<(), PyErr> {
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return Err(error);
            };
            let offset = frame.pc.saturating_sub(1);
            error.add_traceback(&frame.code, offset);
            let handler = frame
                .code
                .code
                .exception_table
                .iter()
                .find(|e| (e.start as usize..e.end as usize).contains(&offset))
                .copied();
            if let Some(handler) = handler {
                let stack_base = frame.base + frame.code.local_count;
                frame.pc = handler.target as usize;
                self.stack.truncate(stack_base + handler.depth as usize);
                if handler.push_lasti {
                    self.stack.push(Value::Int(offset as i64));
                }
                self.stack.push(Value::Exception(error.0.exception.clone()));
                return Ok(());
            }
            let frame = self.frames.pop().expect("checked above");
            interp.leave_frame();
            self.stack.truncate(frame.base - 1);
            if self.frames.len() < entry_depth {
                return Err(error);
            }
        }
    }

    /// The dispatch loop. Returns when the entry frame returns, or with the
    /// first exception (the caller unwinds and re-enters).
    fn dispatch(&mut self, interp: &mut Interp, entry_depth: usize) -> PyResult<Value> {
        let stack = &mut self.stack;
        let mut extended: u32 = 0;
        // Each pass of this outer loop enters a frame (a call, a return, or the
        // first entry); the inner loop runs its instructions with the frame's
        // code, constants and names held in locals.
        'frame: loop {
            let frame = self.frames.last().expect("dispatch needs a frame");
            // SAFETY: the frame keeps its code and globals alive through `Rc`s,
            // and it stays on the frame stack for as long as this pass of the
            // inner loop runs: every path that pushes or pops a frame leaves
            // the inner loop (`continue 'frame` or `return`) before these
            // references are used again. Moving `Frame`s when the vector grows
            // does not move what the `Rc`s point to.
            let code: &RtCode = unsafe { &*Rc::as_ptr(&frame.code) };
            let globals: &PyDict = unsafe { &*Rc::as_ptr(&frame.globals) };
            let mut pc = frame.pc;
            let base = frame.base;
            let instructions = &code.code.instructions[..];
            let constants = &code.constants[..];

            // Saves the program counter so tracebacks and unwinding see it.
            macro_rules! fail {
                ($error:expr) => {{
                    if let Some(frame) = self.frames.last_mut() {
                        frame.pc = pc;
                    }
                    return Err($error);
                }};
            }
            macro_rules! check {
                ($result:expr) => {
                    match $result {
                        Ok(value) => value,
                        Err(error) => fail!(error),
                    }
                };
            }

            loop {
                let Some(&unit) = instructions.get(pc) else {
                    fail!(bad_argument(Opcode::NOP, pc as u32));
                };
                pc += 1;
                let arg = extended | unit.arg as u32;
                extended = 0;
                match unit.op {
                    Opcode::NOP => {}
                    Opcode::EXTENDED_ARG => extended = arg << 8,
                    Opcode::POP_TOP => {
                        pop!(stack).discard();
                    }
                    Opcode::COPY => {
                        let value = stack[stack.len() - arg as usize].clone();
                        stack.push(value);
                    }
                    Opcode::SWAP => {
                        let top = stack.len() - 1;
                        stack.swap(top, top + 1 - arg as usize);
                    }
                    Opcode::LOAD_CONST => stack.push(constants[arg as usize].clone()),
                    Opcode::LOAD_FAST => {
                        let value = &stack[base + arg as usize];
                        if let Value::Unbound = value {
                            fail!(unbound_local(code, arg));
                        }
                        let value = value.clone();
                        stack.push(value);
                    }
                    Opcode::STORE_FAST => {
                        let value = pop!(stack);
                        std::mem::replace(&mut stack[base + arg as usize], value).discard();
                    }
                    Opcode::DELETE_FAST => {
                        let slot = &mut stack[base + arg as usize];
                        if let Value::Unbound = slot {
                            fail!(unbound_local(code, arg));
                        }
                        *slot = Value::Unbound;
                    }
                    Opcode::LOAD_GLOBAL | Opcode::LOAD_NAME => {
                        let value =
                            check!(globals::load_global(interp, globals, code, arg as usize));
                        stack.push(value);
                    }
                    Opcode::STORE_GLOBAL | Opcode::STORE_NAME => {
                        let value = pop!(stack);
                        globals.set_str(&code.names[arg as usize], value);
                    }
                    Opcode::DELETE_GLOBAL | Opcode::DELETE_NAME => {
                        let name = &code.names[arg as usize];
                        let removed = globals
                            .map_mut()
                            .shift_remove(&pvm_runtime::hash::DictKey::from_str_key(name.clone()));
                        if removed.is_none() {
                            fail!(name_error(format!(
                                "name '{}' is not defined",
                                name.as_str()
                            )));
                        }
                    }
                    Opcode::LOAD_ATTR => {
                        let owner = pop!(stack);
                        let value = check!(methods::get_attr(&owner, &code.names[arg as usize]));
                        stack.push(value);
                    }
                    Opcode::STORE_ATTR => {
                        let owner = pop!(stack);
                        let _value = pop!(stack);
                        check!(methods::set_attr(&owner, &code.names[arg as usize]));
                    }
                    Opcode::BINARY_OP => {
                        let (op, inplace) = match BinaryOperator::decode(arg) {
                            Some(decoded) => decoded,
                            None => fail!(bad_argument(unit.op, arg)),
                        };
                        if let [.., lhs, rhs] = &mut stack[..] {
                            if let Some(result) = ops::binary_op_fast(op, lhs, rhs) {
                                // Unboxed operands: overwrite in place, nothing to drop.
                                std::mem::replace(lhs, result).discard();
                                pop!(stack).discard();
                                continue;
                            }
                        }
                        let rhs = pop!(stack);
                        let lhs = pop!(stack);
                        let result = check!(ops::binary_op(op, inplace, &lhs, &rhs));
                        stack.push(result);
                    }
                    Opcode::UNARY_NEGATIVE => {
                        let value = pop!(stack);
                        stack.push(check!(ops::negative(&value)));
                    }
                    Opcode::UNARY_POSITIVE => {
                        let value = pop!(stack);
                        stack.push(check!(ops::positive(&value)));
                    }
                    Opcode::UNARY_NOT => {
                        let value = pop!(stack);
                        stack.push(Value::Bool(!value.truthy()));
                    }
                    Opcode::UNARY_INVERT => {
                        let value = pop!(stack);
                        stack.push(check!(ops::invert(&value)));
                    }
                    Opcode::COMPARE_OP => {
                        let op = match CompareOperator::decode(arg) {
                            Some(op) => op,
                            None => fail!(bad_argument(unit.op, arg)),
                        };
                        if let [.., lhs, rhs] = &mut stack[..] {
                            if let Some(result) = ops::compare_op_fast(op, lhs, rhs) {
                                std::mem::replace(lhs, Value::Bool(result)).discard();
                                pop!(stack).discard();
                                continue;
                            }
                        }
                        let rhs = pop!(stack);
                        let lhs = pop!(stack);
                        stack.push(check!(ops::compare_op(op, &lhs, &rhs)));
                    }
                    Opcode::IS_OP => {
                        let rhs = pop!(stack);
                        let lhs = pop!(stack);
                        stack.push(Value::Bool(lhs.is(&rhs) != (arg == 1)));
                    }
                    Opcode::CONTAINS_OP => {
                        let container = pop!(stack);
                        let item = pop!(stack);
                        let found = check!(ops::contains(&container, &item));
                        stack.push(Value::Bool(found != (arg == 1)));
                    }
                    Opcode::BINARY_SUBSCR => {
                        let key = pop!(stack);
                        let container = pop!(stack);
                        stack.push(check!(subscript::get_item(&container, &key)));
                    }
                    Opcode::STORE_SUBSCR => {
                        let key = pop!(stack);
                        let container = pop!(stack);
                        let value = pop!(stack);
                        check!(subscript::set_item(&container, &key, value));
                    }
                    Opcode::DELETE_SUBSCR => {
                        let key = pop!(stack);
                        let container = pop!(stack);
                        check!(subscript::del_item(&container, &key));
                    }
                    Opcode::BUILD_SLICE => {
                        let step = if arg == 3 { pop!(stack) } else { Value::None };
                        let stop = pop!(stack);
                        let start = pop!(stack);
                        stack.push(Value::Slice(Rc::new(PySlice { start, stop, step })));
                    }
                    Opcode::BUILD_TUPLE => {
                        let items = stack.split_off(stack.len() - arg as usize);
                        stack.push(Value::tuple(items));
                    }
                    Opcode::BUILD_LIST => {
                        let items = stack.split_off(stack.len() - arg as usize);
                        stack.push(Value::list(items));
                    }
                    Opcode::BUILD_MAP => {
                        let items = stack.split_off(stack.len() - 2 * arg as usize);
                        let map = check!(build_map(items));
                        stack.push(map);
                    }
                    Opcode::UNPACK_SEQUENCE => {
                        let sequence = pop!(stack);
                        check!(unpack(&sequence, arg as usize, stack));
                    }
                    Opcode::JUMP => {
                        if (arg as usize) < pc {
                            check!(interp.check_interrupt());
                        }
                        pc = arg as usize;
                    }
                    Opcode::POP_JUMP_IF_FALSE => {
                        let condition = pop!(stack);
                        if !condition.truthy() {
                            pc = arg as usize;
                        }
                        condition.discard();
                    }
                    Opcode::POP_JUMP_IF_TRUE => {
                        let condition = pop!(stack);
                        if condition.truthy() {
                            pc = arg as usize;
                        }
                        condition.discard();
                    }
                    Opcode::JUMP_IF_FALSE_OR_POP => {
                        if stack.last().is_some_and(|v| !v.truthy()) {
                            pc = arg as usize;
                        } else {
                            stack.pop();
                        }
                    }
                    Opcode::JUMP_IF_TRUE_OR_POP => {
                        if stack.last().is_some_and(Value::truthy) {
                            pc = arg as usize;
                        } else {
                            stack.pop();
                        }
                    }
                    Opcode::GET_ITER => {
                        let iterable = pop!(stack);
                        stack.push(check!(iter::get_iter(&iterable)));
                    }
                    Opcode::FOR_ITER => {
                        let next = match stack.last() {
                            Some(Value::Iterator(it)) => check!(it.next()),
                            Some(other) => check!(iter::next(other)),
                            None => None,
                        };
                        match next {
                            Some(item) => stack.push(item),
                            None => {
                                stack.pop();
                                pc = arg as usize;
                            }
                        }
                    }
                    Opcode::CALL | Opcode::CALL_KW => {
                        let keywords;
                        let kwnames: &[Rc<PyStr>] = if unit.op == Opcode::CALL_KW {
                            keywords = check!(keyword_names(&pop!(stack)));
                            &keywords
                        } else {
                            &[]
                        };
                        let argc = arg as usize;
                        let callee = stack.len() - argc - 1;
                        if let Value::Function(function) = &stack[callee] {
                            check!(interp.check_interrupt());
                            if let Some(frame) = self.frames.last_mut() {
                                frame.pc = pc;
                            }
                            if function.simple
                                && kwnames.is_empty()
                                && argc == function.code.code.arg_count as usize
                            {
                                // The arguments already sit where the callee's locals go.
                                let (callee_code, callee_globals) =
                                    (function.code.clone(), function.globals.clone());
                                check!(push_frame(
                                    stack,
                                    &mut self.frames,
                                    interp,
                                    callee_code,
                                    callee_globals,
                                    callee + 1
                                ));
                            } else {
                                let function = function.clone();
                                check!(call_python(
                                    stack,
                                    &mut self.frames,
                                    interp,
                                    &function,
                                    callee,
                                    argc,
                                    kwnames
                                ));
                            }
                            continue 'frame;
                        }
                        let args = stack.split_off(callee + 1);
                        let target = pop!(stack);
                        if let Some(frame) = self.frames.last_mut() {
                            frame.pc = pc;
                        }
                        let result = check!(call::call(interp, &target, &args, kwnames));
                        stack.push(result);
                    }
                    Opcode::MAKE_FUNCTION => {
                        let Value::Code(function_code) = pop!(stack) else {
                            fail!(bad_argument(unit.op, arg));
                        };
                        let kwdefaults = (arg & 2 != 0).then(|| pop!(stack));
                        let defaults = (arg & 1 != 0).then(|| pop!(stack));
                        let globals = self.frames.last().expect("running frame").globals.clone();
                        let function = call::make_function(
                            function_code,
                            globals,
                            defaults.as_ref(),
                            kwdefaults.as_ref(),
                        );
                        stack.push(function);
                    }
                    Opcode::RETURN_VALUE => {
                        let value = pop!(stack);
                        let finished = self.frames.pop().expect("returning frame exists");
                        interp.leave_frame();
                        stack.truncate(finished.base - 1);
                        if self.frames.len() < entry_depth {
                            return Ok(value);
                        }
                        stack.push(value);
                        continue 'frame;
                    }
                    Opcode::BUILD_STRING => {
                        let parts = stack.split_off(stack.len() - arg as usize);
                        let mut text = String::new();
                        for part in &parts {
                            text.push_str(part.as_str().unwrap_or_default());
                        }
                        stack.push(Value::str(text));
                    }
                    Opcode::FORMAT_VALUE => {
                        let spec = (arg & 4 != 0).then(|| pop!(stack));
                        let value = pop!(stack);
                        let spec_text = spec.as_ref().and_then(Value::as_str);
                        stack.push(check!(pvm_runtime::format::format_value(
                            &value,
                            arg & 3,
                            spec_text
                        )));
                    }
                    Opcode::RAISE_UNSUPPORTED => {
                        let what = constants[arg as usize]
                            .as_str()
                            .unwrap_or("this construct")
                            .to_string();
                        fail!(unsupported(&what));
                    }
                }
            }
        }
    }
}

#[cold]
fn unbound_local(code: &RtCode, slot: u32) -> PyErr {
    let name = code
        .varnames
        .get(slot as usize)
        .map(|n| n.as_str())
        .unwrap_or("?");
    unbound_local_error(format!(
        "cannot access local variable '{name}' where it is not associated with a value"
    ))
}

#[cold]
fn bad_argument(op: Opcode, arg: u32) -> PyErr {
    pvm_runtime::exceptions::runtime_error(format!(
        "corrupt bytecode: {} with argument {arg}",
        op.name()
    ))
}

fn keyword_names(names: &Value) -> PyResult<Rc<[Rc<PyStr>]>> {
    match names {
        Value::Tuple(t) => t
            .items
            .iter()
            .map(|n| match n {
                Value::Str(s) => Ok(s.clone()),
                _ => Err(type_error("keywords must be strings")),
            })
            .collect(),
        _ => Err(type_error("keywords must be strings")),
    }
}

fn build_map(items: Vec<Value>) -> PyResult<Value> {
    let mut map = pvm_runtime::value::Dict::default();
    let mut items = items.into_iter();
    while let (Some(key), Some(value)) = (items.next(), items.next()) {
        map.insert(pvm_runtime::hash::DictKey::new(key)?, value);
    }
    Ok(Value::dict(map))
}

/// Pushes the `count` items of `sequence` so the first ends on top.
fn unpack(sequence: &Value, count: usize, stack: &mut Vec<Value>) -> PyResult<()> {
    let items = match sequence {
        Value::Tuple(t) => t.items.to_vec(),
        Value::List(l) => l.items.borrow().clone(),
        other => {
            if iter::get_iter(other).is_err() {
                return Err(type_error(format!(
                    "cannot unpack non-iterable {} object",
                    other.type_name()
                )));
            }
            iter::collect(other)?
        }
    };
    if items.len() < count {
        return Err(pvm_runtime::exceptions::value_error(format!(
            "not enough values to unpack (expected {count}, got {})",
            items.len()
        )));
    }
    if items.len() > count {
        return Err(pvm_runtime::exceptions::value_error(format!(
            "too many values to unpack (expected {count})"
        )));
    }
    stack.extend(items.into_iter().rev());
    Ok(())
}
