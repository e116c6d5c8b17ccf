//! The switch: one `match` over the opcode of each instruction, executed for
//! the frame on top of the frame stack.
//!
//! The operand stack's top lives in a local (`sp`), as `stack_pointer` does
//! in CPython's ceval, so pushes and pops are a register update and a
//! 16-byte move. While the inner loop runs, the `Vec` that stores the values
//! has length 0 and the loop owns slots `0..sp` through a raw pointer; the
//! `sync!` macro hands ownership back to the `Vec` before anything that uses
//! it as a `Vec` (pushing a frame, unwinding, returning). A panic in between
//! can therefore only leak values, never drop one twice. Capacity for
//! `locals + max_stack` is reserved when a frame is pushed; debug builds check
//! every push against it, so the test suite also checks the assembler's
//! stack-depth computation.

use crate::{bad_argument, call_python, push_frame, unbound_local, Vm};
use pvm_frontend::{BinaryOperator, CompareOperator, Opcode};
use pvm_runtime::exceptions::{name_error, unsupported};
use pvm_runtime::value::PySlice;
use pvm_runtime::{build, call, globals, hash::DictKey, iter, methods, ops, subscript};
use pvm_runtime::{Function, Interp, PyDict, PyResult, PyStr, RtCode, Value};
use std::rc::Rc;

impl Vm {
    /// Runs instructions until the entry frame returns (its value) or an
    /// exception is raised (the caller unwinds and calls again).
    pub(crate) fn dispatch(&mut self, interp: &mut Interp, entry_depth: usize) -> PyResult<Value> {
        let mut extended: u32 = 0;
        // Each pass of this outer loop enters the frame on top of the frame
        // stack (after a call, a return, or an exception being handled).
        'frame: loop {
            let frame = self.frames.last().expect("dispatch needs a frame");
            // SAFETY: the function object lives in stack slot `base - 1` until
            // this frame is popped, and every path that pops (or pushes) a
            // frame leaves the inner loop (`continue 'frame` or `return`)
            // before these references are used again.
            let function: &Function = unsafe { &*frame.function };
            let code: &RtCode = &function.code;
            let globals: &PyDict = &function.globals;
            let mut pc = frame.pc;
            let base = frame.base;
            let instructions = &code.code.instructions[..];
            let constants = &code.constants[..];

            let stack = &mut self.stack;
            let mut sp = stack.len();
            let capacity = stack.capacity();
            let slots = stack.as_mut_ptr();
            // SAFETY: the loop now owns the values in `0..sp` (see module docs).
            unsafe { stack.set_len(0) };

            // Gives the values back to the `Vec`.
            macro_rules! sync {
                () => {
                    // SAFETY: slots `0..sp` hold initialised values owned by the loop.
                    unsafe { stack.set_len(sp) }
                };
            }
            macro_rules! push {
                ($value:expr) => {{
                    let value = $value;
                    debug_assert!(sp < capacity, "operand stack overflow: max_stack is wrong");
                    // SAFETY: `sp < capacity` (reserved at frame push), and slot
                    // `sp` holds no live value.
                    unsafe { slots.add(sp).write(value) };
                    sp += 1;
                }};
            }
            macro_rules! pop {
                () => {{
                    debug_assert!(sp > base, "operand stack underflow");
                    sp -= 1;
                    // SAFETY: slot `sp` held a live value, now moved out.
                    unsafe { slots.add(sp).read() }
                }};
            }
            // The `n`th value from the top (1 = top), borrowed.
            macro_rules! peek {
                ($n:expr) => {{
                    debug_assert!(sp >= base + $n);
                    // SAFETY: slots below `sp` hold live values.
                    unsafe { &mut *slots.add(sp - $n) }
                }};
            }
            macro_rules! local {
                ($index:expr) => {{
                    let index = base + $index as usize;
                    assert!(index < sp, "local slot out of range");
                    // SAFETY: checked to be below `sp`, so initialised.
                    unsafe { &mut *slots.add(index) }
                }};
            }
            // Pops `n` values, oldest first.
            macro_rules! pop_n {
                ($n:expr) => {{
                    let n = $n as usize;
                    debug_assert!(sp >= base + n);
                    sp -= n;
                    // SAFETY: the `n` slots from `sp` held live values, now moved out.
                    (0..n)
                        .map(|i| unsafe { slots.add(sp + i).read() })
                        .collect::<Vec<Value>>()
                }};
            }
            // Records where we are and leaves with the error.
            macro_rules! fail {
                ($error:expr) => {{
                    let error = $error;
                    sync!();
                    if let Some(frame) = self.frames.last_mut() {
                        frame.pc = pc;
                    }
                    return Err(error);
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

            // Calls the callable below `argc` arguments: a Python function gets
            // a new frame in this loop; anything else is called through the
            // runtime.
            macro_rules! call {
                ($argc:expr, $kwnames:expr) => {{
                    let kwnames: &[Rc<PyStr>] = $kwnames;
                    let argc: usize = $argc;
                    let callee = sp - argc - 1;
                    // SAFETY: the callee slot is below `sp`.
                    if let Value::Function(function) = unsafe { &*slots.add(callee) } {
                        check!(interp.check_interrupt());
                        sync!();
                        if let Some(frame) = self.frames.last_mut() {
                            frame.pc = pc;
                        }
                        // The callee stays in its slot for the whole call,
                        // which is what keeps it alive (see `Frame`).
                        let pushed = if function.simple
                            && kwnames.is_empty()
                            && argc == function.code.code.arg_count as usize
                        {
                            // The arguments already sit where the callee's locals go.
                            push_frame(stack, &mut self.frames, interp, function, callee + 1)
                        } else {
                            call_python(
                                stack,
                                &mut self.frames,
                                interp,
                                function,
                                callee,
                                argc,
                                kwnames,
                            )
                        };
                        if let Err(error) = pushed {
                            return Err(error);
                        }
                        continue 'frame;
                    }
                    let args = pop_n!(argc);
                    let target = pop!();
                    if let Some(frame) = self.frames.last_mut() {
                        frame.pc = pc;
                    }
                    push!(check!(call::call(interp, &target, &args, kwnames)));
                }};
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
                    Opcode::POP_TOP => pop!().discard(),
                    Opcode::COPY => {
                        let value = peek!(arg as usize).clone();
                        push!(value);
                    }
                    Opcode::SWAP => {
                        let n = arg as usize;
                        debug_assert!(n >= 1 && sp >= base + n);
                        // SAFETY: both slots are below `sp`.
                        unsafe { std::ptr::swap(slots.add(sp - 1), slots.add(sp - n)) };
                    }
                    Opcode::LOAD_CONST => push!(constants[arg as usize].clone()),
                    Opcode::LOAD_FAST => {
                        let value = local!(arg);
                        if let Value::Unbound = value {
                            fail!(unbound_local(code, arg));
                        }
                        let value = value.clone();
                        push!(value);
                    }
                    Opcode::STORE_FAST => {
                        let value = pop!();
                        std::mem::replace(local!(arg), value).discard();
                    }
                    Opcode::DELETE_FAST => {
                        let slot = local!(arg);
                        if let Value::Unbound = slot {
                            fail!(unbound_local(code, arg));
                        }
                        std::mem::replace(slot, Value::Unbound).discard();
                    }
                    Opcode::LOAD_GLOBAL | Opcode::LOAD_NAME => {
                        push!(check!(globals::load_global(
                            interp,
                            globals,
                            code,
                            arg as usize
                        )));
                    }
                    Opcode::STORE_GLOBAL | Opcode::STORE_NAME => {
                        let value = pop!();
                        globals.set_str(&code.names[arg as usize], value);
                    }
                    Opcode::DELETE_GLOBAL | Opcode::DELETE_NAME => {
                        let name = &code.names[arg as usize];
                        let removed = globals
                            .map_mut()
                            .shift_remove(&DictKey::from_str_key(name.clone()));
                        if removed.is_none() {
                            fail!(name_error(format!(
                                "name '{}' is not defined",
                                name.as_str()
                            )));
                        }
                    }
                    Opcode::LOAD_ATTR => {
                        let owner = pop!();
                        push!(check!(methods::get_attr(&owner, &code.names[arg as usize])));
                    }
                    Opcode::STORE_ATTR => {
                        let owner = pop!();
                        let _value = pop!();
                        check!(methods::set_attr(&owner, &code.names[arg as usize]));
                    }
                    Opcode::BINARY_OP => {
                        let Some((op, inplace)) = BinaryOperator::decode(arg) else {
                            fail!(bad_argument(unit.op, arg));
                        };
                        let (lhs, rhs) = (peek!(2), peek!(1));
                        if let Some(result) = ops::binary_op_fast(op, lhs, rhs) {
                            // Unboxed operands: overwrite in place, nothing to drop.
                            std::mem::replace(lhs, result).discard();
                            pop!().discard();
                            continue;
                        }
                        let rhs = pop!();
                        let lhs = pop!();
                        push!(check!(ops::binary_op(op, inplace, &lhs, &rhs)));
                    }
                    Opcode::UNARY_NEGATIVE => {
                        let value = pop!();
                        push!(check!(ops::negative(&value)));
                    }
                    Opcode::UNARY_POSITIVE => {
                        let value = pop!();
                        push!(check!(ops::positive(&value)));
                    }
                    Opcode::UNARY_NOT => {
                        let value = pop!();
                        push!(Value::Bool(!value.truthy()));
                    }
                    Opcode::UNARY_INVERT => {
                        let value = pop!();
                        push!(check!(ops::invert(&value)));
                    }
                    Opcode::COMPARE_OP => {
                        let Some(op) = CompareOperator::decode(arg) else {
                            fail!(bad_argument(unit.op, arg));
                        };
                        let (lhs, rhs) = (peek!(2), peek!(1));
                        if let Some(result) = ops::compare_op_fast(op, lhs, rhs) {
                            // Unboxed operands: nothing to drop.
                            pop!().discard();
                            // Like ceval's PREDICT(): a comparison is usually
                            // followed by a conditional jump, which can take
                            // the branch without materialising the bool.
                            match instructions.get(pc) {
                                Some(next) if next.op == Opcode::POP_JUMP_IF_FALSE => {
                                    pop!().discard();
                                    pc = if result { pc + 1 } else { next.arg as usize };
                                }
                                Some(next) if next.op == Opcode::POP_JUMP_IF_TRUE => {
                                    pop!().discard();
                                    pc = if result { next.arg as usize } else { pc + 1 };
                                }
                                _ => std::mem::replace(peek!(1), Value::Bool(result)).discard(),
                            }
                            continue;
                        }
                        let rhs = pop!();
                        let lhs = pop!();
                        push!(check!(ops::compare_op(op, &lhs, &rhs)));
                    }
                    Opcode::IS_OP => {
                        let rhs = pop!();
                        let lhs = pop!();
                        push!(Value::Bool(lhs.is(&rhs) != (arg == 1)));
                    }
                    Opcode::CONTAINS_OP => {
                        let container = pop!();
                        let item = pop!();
                        let found = check!(ops::contains(&container, &item));
                        push!(Value::Bool(found != (arg == 1)));
                    }
                    Opcode::BINARY_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        push!(check!(subscript::get_item(&container, &key)));
                    }
                    Opcode::STORE_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        let value = pop!();
                        check!(subscript::set_item(&container, &key, value));
                    }
                    Opcode::DELETE_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        check!(subscript::del_item(&container, &key));
                    }
                    Opcode::BUILD_SLICE => {
                        let step = if arg == 3 { pop!() } else { Value::None };
                        let stop = pop!();
                        let start = pop!();
                        push!(Value::Slice(Rc::new(PySlice { start, stop, step })));
                    }
                    Opcode::BUILD_TUPLE => {
                        let items = pop_n!(arg);
                        push!(Value::tuple(items));
                    }
                    Opcode::BUILD_LIST => {
                        let items = pop_n!(arg);
                        push!(Value::list(items));
                    }
                    Opcode::BUILD_MAP => {
                        let items = pop_n!(2 * arg);
                        push!(check!(build::map(items)));
                    }
                    Opcode::BUILD_STRING => {
                        let parts = pop_n!(arg);
                        push!(build::string(&parts));
                    }
                    Opcode::UNPACK_SEQUENCE => {
                        let sequence = pop!();
                        let items = check!(build::unpack(&sequence, arg as usize));
                        for item in items.into_iter().rev() {
                            push!(item);
                        }
                    }
                    Opcode::JUMP => {
                        if (arg as usize) < pc {
                            check!(interp.check_interrupt());
                        }
                        pc = arg as usize;
                    }
                    Opcode::POP_JUMP_IF_FALSE => {
                        let condition = pop!();
                        if !condition.truthy() {
                            pc = arg as usize;
                        }
                        condition.discard();
                    }
                    Opcode::POP_JUMP_IF_TRUE => {
                        let condition = pop!();
                        if condition.truthy() {
                            pc = arg as usize;
                        }
                        condition.discard();
                    }
                    Opcode::JUMP_IF_FALSE_OR_POP => {
                        if !peek!(1).truthy() {
                            pc = arg as usize;
                        } else {
                            pop!().discard();
                        }
                    }
                    Opcode::JUMP_IF_TRUE_OR_POP => {
                        if peek!(1).truthy() {
                            pc = arg as usize;
                        } else {
                            pop!().discard();
                        }
                    }
                    Opcode::GET_ITER => {
                        let iterable = pop!();
                        push!(check!(iter::get_iter(&iterable)));
                    }
                    Opcode::FOR_ITER => {
                        let next = match peek!(1) {
                            Value::Iterator(it) => check!(it.next()),
                            other => check!(iter::next(other)),
                        };
                        match next {
                            Some(item) => push!(item),
                            None => {
                                pop!().discard();
                                pc = arg as usize;
                            }
                        }
                    }
                    Opcode::CALL => call!(arg as usize, &[]),
                    Opcode::CALL_KW => {
                        let keywords = check!(build::keyword_names(&pop!()));
                        call!(arg as usize, &keywords)
                    }
                    Opcode::MAKE_FUNCTION => {
                        let Value::Code(function_code) = pop!() else {
                            fail!(bad_argument(unit.op, arg));
                        };
                        let kwdefaults = (arg & 2 != 0).then(|| pop!());
                        let defaults = (arg & 1 != 0).then(|| pop!());
                        let globals = function.globals.clone();
                        push!(call::make_function(
                            function_code,
                            globals,
                            defaults.as_ref(),
                            kwdefaults.as_ref()
                        ));
                    }
                    Opcode::RETURN_VALUE => {
                        let value = pop!();
                        // Release the locals, any leftover operands and, last,
                        // the function itself (which owns `code`: nothing of
                        // this frame is used after this point).
                        while sp >= base {
                            sp -= 1;
                            // SAFETY: slots below `sp` hold live values; this
                            // one is moved out and released.
                            unsafe { slots.add(sp).read() }.discard();
                        }
                        self.frames.pop();
                        interp.leave_frame();
                        if self.frames.len() < entry_depth {
                            sync!();
                            return Ok(value);
                        }
                        push!(value);
                        sync!();
                        continue 'frame;
                    }
                    Opcode::FORMAT_VALUE => {
                        let spec = (arg & 4 != 0).then(|| pop!());
                        let value = pop!();
                        let spec_text = spec.as_ref().and_then(Value::as_str);
                        push!(check!(pvm_runtime::format::format_value(
                            &value,
                            arg & 3,
                            spec_text
                        )));
                    }
                    Opcode::RAISE_UNSUPPORTED => {
                        let what = constants[arg as usize].as_str().unwrap_or("this construct");
                        fail!(unsupported(what));
                    }
                }
            }
        }
    }
}
