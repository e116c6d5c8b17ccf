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

use crate::fuse::{self, Op};
use crate::Vm;
use pvm_frontend::Opcode;
use pvm_runtime::call;
use pvm_runtime::frames::Returned;
use pvm_runtime::{Exit, Function, Interp, PyResult, PyStr, RtCode, Value};
use std::rc::Rc;

impl Vm<'_> {
    /// Runs instructions until the entry frame returns or yields, or an
    /// exception is raised (the caller unwinds and calls again).
    /// `COUNT` is the instance that counts opcode pairs or watches
    /// (`watch.rs`); `PROFILE` the one that records type feedback; `TIER`
    /// the one that runs another backend's cold code (`run_tiered`), which
    /// stops where `self.tiering` claims a frame (`self.handed_over`, with
    /// a placeholder exit) and counts instructions.
    pub(crate) fn dispatch<const COUNT: bool, const PROFILE: bool, const TIER: bool>(
        &mut self,
        interp: &mut Interp,
    ) -> PyResult<Exit> {
        let mut extended: u32 = 0;
        // The tiered run's first frame is the one the tier above gave it.
        let mut entered = false;
        // Each pass of this outer loop enters the frame on top of the frame
        // stack (after a call, a return, or an exception being handled).
        'frame: loop {
            let frame = self.stack.frames.last().expect("dispatch needs a frame");
            // SAFETY: the function object lives in stack slot `base - 1` until
            // this frame is popped, and every path that pops (or pushes) a
            // frame leaves the inner loop (`continue 'frame` or `return`)
            // before these references are used again.
            let function: &Function = unsafe { &*frame.function_ptr() };
            let code: &RtCode = &function.code;
            let mut pc = frame.pc;
            let base = frame.base;
            if TIER {
                if let Some(tiering) = self.tiering {
                    if entered && tiering.entering(code, pc) {
                        self.handed_over = true;
                        return Ok(Exit::Returned(Value::None));
                    }
                }
                entered = true;
            }
            // Counting pairs reads the bytecode as compiled; running reads
            // the same units with superinstructions fused in (`fuse.rs`).
            // A trace shows the bytecode as compiled too (`Watched`).
            let instructions = if (COUNT && self.pairs.is_some()) || !self.superinstructions {
                fuse::plain(code)
            } else {
                fuse::fused(code)
            };
            let constants = &code.constants[..];

            let stack = &mut self.stack.values;
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
                    if let Some(frame) = self.stack.frames.last_mut() {
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
            // Type feedback for the instruction at `pc - 1` (its opcode's
            // unit, also in a superinstruction's second half); nothing
            // unless profiling (`pvm run --type-feedback`).
            macro_rules! profile {
                ($kind:ident $(, $operand:expr)*) => {
                    if PROFILE {
                        pvm_runtime::feedback::record::$kind(code, pc - 1 $(, $operand)*);
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
                        sync!();
                        if let Some(frame) = self.stack.frames.last_mut() {
                            frame.pc = pc;
                        }
                        // The callee stays in its slot for the whole call,
                        // which is what keeps it alive (see `Frame`).
                        let function: &Function = function;
                        if let Err(error) = self.stack.call(interp, function, callee, argc, kwnames)
                        {
                            return Err(error);
                        }
                        continue 'frame;
                    }
                    if let Some(frame) = self.stack.frames.last_mut() {
                        frame.pc = pc;
                    }
                    // The callable and its arguments stay in their slots for
                    // the call; nothing is copied.
                    // SAFETY: slots `callee..sp` hold live values, and nothing
                    // else uses this stack during the call (a builtin that
                    // calls back into Python runs on a fresh VM).
                    let (target, args) = unsafe {
                        (
                            &*slots.add(callee),
                            std::slice::from_raw_parts(slots.add(callee + 1), argc),
                        )
                    };
                    let result = check!(call::call(interp, target, args, kwnames));
                    while sp > callee {
                        pop!().discard();
                    }
                    push!(result);
                }};
            }

            // The operand stack, bottom first, for a watched run.
            macro_rules! operands {
                () => {{
                    let bottom = base + code.local_count;
                    // SAFETY: slots `bottom..sp` hold live values; the
                    // slice is dropped before anything moves them.
                    unsafe {
                        std::slice::from_raw_parts(slots.add(bottom), sp.saturating_sub(bottom))
                    }
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
            macro_rules! constant {
                ($index:expr) => {
                    &constants[$index as usize]
                };
            }
            macro_rules! name {
                ($index:expr) => {
                    &code.names[$index as usize]
                };
            }
            macro_rules! code {
                () => {
                    code
                };
            }
            macro_rules! function {
                () => {
                    function
                };
            }
            macro_rules! function_value {
                () => {{
                    // SAFETY: slot `base - 1` holds the frame's function (see `Frame`).
                    unsafe { &*slots.add(base - 1) }
                }};
            }
            macro_rules! interp {
                () => {
                    interp
                };
            }
            // Only a generator's own frame yields, and it is always the
            // entry frame of the run that resumed it (`frames::resume`).
            macro_rules! yield_value {
                () => {{
                    let value = pop!();
                    sync!();
                    if let Some(frame) = self.stack.frames.last_mut() {
                        frame.pc = pc;
                    }
                    return Ok(Exit::Yielded(value));
                }};
            }
            macro_rules! return_value {
                () => {{
                    sync!();
                    match self.stack.return_value(interp) {
                        Returned::FromEntry(value) => return Ok(Exit::Returned(value)),
                        Returned::ToCaller => continue 'frame,
                    }
                }};
            }

            loop {
                let Some(&unit) = instructions.get(pc) else {
                    fail!(pvm_runtime::handlers::corrupt("<end of code>", pc as u32));
                };
                pc += 1;
                #[allow(unused_mut)]
                let mut arg = extended | unit.arg as u32;
                extended = 0;
                if TIER {
                    self.executed += 1;
                }
                macro_rules! arg {
                    () => {
                        arg
                    };
                }
                macro_rules! extended_arg {
                    () => {{
                        if TIER {
                            self.executed -= 1;
                        }
                        extended = arg << 8
                    }};
                }
                // Debug builds: whether the running body jumped (`checked!`).
                #[cfg(debug_assertions)]
                let mut jumped: bool;
                // Backward jumps are where a loop can spin forever: check for
                // Ctrl-C and the time limit there.
                macro_rules! jump {
                    ($target:expr) => {{
                        let target = $target as usize;
                        if target < pc {
                            check!(interp.check_interrupt());
                            if TIER {
                                if let Some(tiering) = self.tiering {
                                    if tiering.looping(code) {
                                        sync!();
                                        if let Some(frame) = self.stack.frames.last_mut() {
                                            frame.pc = target;
                                        }
                                        self.handed_over = true;
                                        return Ok(Exit::Returned(Value::None));
                                    }
                                }
                            }
                        }
                        pc = target;
                        #[cfg(debug_assertions)]
                        {
                            jumped = true;
                        }
                    }};
                }
                // Like ceval's PREDICT(): a comparison is usually followed by
                // a conditional jump, which can take the branch without
                // materialising the bool.
                macro_rules! branch_on {
                    ($result:expr) => {{
                        let result: bool = $result;
                        if COUNT {
                            if let (Some(pairs), Some(next)) = (self.pairs, instructions.get(pc)) {
                                if matches!(
                                    next.op.first(),
                                    Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE
                                ) {
                                    pairs.record(next.op.first());
                                }
                            }
                        }
                        if COUNT {
                            if let (Some(watch), Some(next)) = (self.watch, instructions.get(pc)) {
                                if matches!(
                                    next.op.first(),
                                    Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE
                                ) {
                                    watch.instruction(
                                        interp,
                                        &code.code,
                                        pc,
                                        next.op.first(),
                                        next.arg as u32,
                                        operands!(),
                                    );
                                }
                            }
                        }
                        // (A fused jump is predicted the same way: its second
                        // unit is there to fall through to.)
                        match instructions.get(pc) {
                            Some(next) if next.op.first() == Opcode::POP_JUMP_IF_FALSE => {
                                if TIER {
                                    self.executed += 1;
                                }
                                pc = if result { pc + 1 } else { next.arg as usize };
                            }
                            Some(next) if next.op.first() == Opcode::POP_JUMP_IF_TRUE => {
                                if TIER {
                                    self.executed += 1;
                                }
                                pc = if result { next.arg as usize } else { pc + 1 };
                            }
                            _ => push!(Value::Bool(result)),
                        }
                    }};
                }
                if COUNT {
                    if let Some(pairs) = self.pairs {
                        pairs.record(unit.op.first());
                    }
                }
                // The hooks of a watched run are few and out of line: one
                // in each of the 112 arms made LLVM compile the plain
                // instance 3% worse (callgrind, int_loop).
                if COUNT {
                    if let Some(watch) = self.watch {
                        watch.dispatched(interp, &code.code, pc - 1, unit.op, arg, operands!());
                    }
                }
                // Runs the body of `$name`; debug builds then compare how far
                // it moved `sp` with its declared stack effect. Only a body
                // that stays in this frame gets there: a call that pushes a
                // frame, a return, a yield and a raise (on its way to
                // unwinding) leave by `continue 'frame` or `return`.
                // EXTENDED_ARG is checked like the rest (its effect is 0).
                macro_rules! checked {
                    ($name:ident) => {{
                        // (Unused where the body always leaves.)
                        #[cfg(debug_assertions)]
                        #[allow(unused_variables, unused_assignments)]
                        let (depth, after) = (sp, pc);
                        #[cfg(debug_assertions)]
                        #[allow(unused_assignments)]
                        {
                            jumped = false;
                            pvm_runtime::stackcheck::entered::<{ Opcode::$name as u8 }>();
                        }
                        pvm_runtime::opcode_body!($name);
                        #[cfg(debug_assertions)]
                        #[allow(unreachable_code)]
                        pvm_runtime::stackcheck::check(
                            Opcode::$name,
                            arg,
                            sp as isize - depth as isize,
                            exit_of_body(jumped, after, pc, instructions),
                        );
                    }};
                }
                // One arm per opcode, and one per superinstruction that runs
                // the first body, then (unless it transferred control) the
                // second with the next unit's argument, skipping that unit.
                macro_rules! arms {
                    ([$($name:ident)*] $($fused:ident: $first:ident $second:ident;)*) => {
                        match unit.op {
                            $(Op::$name => checked!($name),)*
                            $(Op::$fused => {
                                let after = pc;
                                checked!($first);
                                if pc == after {
                                    let Some(&second) = instructions.get(pc) else {
                                        fail!(pvm_runtime::handlers::corrupt("<end of code>", pc as u32));
                                    };
                                    pc += 1;
                                    arg = second.arg as u32;
                                    if TIER {
                                        self.executed += 1;
                                    }
                                    if COUNT {
                                        if let Some(watch) = self.watch {
                                            watch.instruction(
                                                interp,
                                                &code.code,
                                                pc - 1,
                                                Opcode::$second,
                                                arg,
                                                operands!(),
                                            );
                                        }
                                    }
                                    checked!($second);
                                }
                            })*
                        }
                    };
                }
                macro_rules! all_arms {
                    ($($name:ident)*) => {
                        pvm_runtime::for_each_superinstruction!(arms, [$($name)*])
                    };
                }
                pvm_frontend::for_each_opcode!(all_arms);
            }
        }
    }
}

/// Debug builds: how a body that started with `pc == after` (the unit after
/// its own) went on, for the stack-effect check. Moving `pc` without
/// `jump!` is `branch_on!` running the conditional jump that follows too.
#[cfg(debug_assertions)]
fn exit_of_body(
    jumped: bool,
    after: usize,
    pc: usize,
    instructions: &[fuse::Unit],
) -> pvm_runtime::stackcheck::Exit {
    use pvm_runtime::stackcheck::Exit;
    if jumped {
        return Exit::Jumped;
    }
    if pc == after {
        return Exit::Next;
    }
    let next = instructions[after];
    Exit::Predicted {
        next: next.op.first(),
        next_arg: next.arg as u32,
        taken: pc != after + 1,
    }
}
