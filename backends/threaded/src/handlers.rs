//! One handler function per opcode (and per superinstruction), each expanded
//! from the shared `pvm_runtime::opcode_body!` and ending in a tail call of
//! the next instruction's handler.
//!
//! A handler's registers are its arguments: `ip` (this instruction), `sp`
//! (one past the top of the operand stack) and `fp` (local 0). The body's
//! locals are dropped at the end of its block, before the tail call, so the
//! call really is in tail position. Control transfers (`jump!`, `call!`,
//! `return_value!`) only set the next `(ip, sp, fp)`. Errors leave the chain
//! with `Control::Raised`, and so does the entry frame's return.

#![allow(unused_macros)]

use crate::translate::{self, Instr};
use crate::{Control, Vm};
use pvm_frontend::{Opcode, Operand};
use pvm_runtime::frames::Returned;
use pvm_runtime::{call, interrupt, Function, PyErr, PyStr, Value};
use std::rc::Rc;
use std::sync::atomic::Ordering::Relaxed;

pub(crate) type Handler = unsafe fn(&mut Vm, *const Instr, *mut Value, *mut Value) -> Control;

/// Continues with the handler of `next`: a real tail call in optimised
/// builds, a return to the trampoline loop otherwise.
#[cfg(pvm_tail_calls)]
macro_rules! tail {
    ($vm:ident, $next:ident, $sp:ident, $fp:ident) => {
        return ((*$next).handler)($vm, $next, $sp, $fp)
    };
}

#[cfg(not(pvm_tail_calls))]
macro_rules! tail {
    ($vm:ident, $next:ident, $sp:ident, $fp:ident) => {{
        $vm.ip = $next;
        $vm.sp = $sp;
        $vm.fp = $fp;
        return Control::Next;
    }};
}

/// The `ARG` of a handler instance that reads its argument from the
/// instruction: every handler has this instance.
pub(crate) const DYNAMIC: u32 = u32::MAX;

/// Whether translation picks an instance of a handler compiled for the
/// instruction's argument when the handler runs `op`. The body is the same;
/// its argument is a constant, so the operator's `match` (a jump through a
/// table) folds away. (`instance!` below lists the same opcode.)
///
/// `BINARY_OP` too, for the frequent operators only (`instance!`): with
/// the operator known, the handler tests the operand types and runs the
/// operation, without decoding the argument or jumping through a table on
/// the operator. (Each of those instances must still end in a tail call:
/// an operator whose slow path LLVM inlined with temporaries whose
/// addresses escape would not, and `tail_calls` runs every one of them.)
const fn specialised_on_arg(op: Opcode) -> bool {
    matches!(op, Opcode::COMPARE_OP | Opcode::BINARY_OP)
}

/// The opcode a part of a superinstruction is followed by in the same
/// handler, if any (`NONE` for the last part).
macro_rules! followed_by {
    (NONE) => {
        None
    };
    ($next:ident) => {
        Some(Opcode::$next)
    };
}

/// Defines a handler that runs the bodies of its parts in sequence, the
/// `n`th part reading the `n`th instruction's operands. One part is an
/// ordinary handler; two make a superinstruction. `ARG`, when not
/// `DYNAMIC`, is the argument of its `COMPARE_OP` part.
macro_rules! handler {
    ($fn_name:ident: $first:ident) => {
        handler!(@parts $fn_name: $first => NONE);
    };
    ($fn_name:ident: $first:ident $second:ident) => {
        handler!(@parts $fn_name: $first => $second, $second => NONE);
    };
    (@parts $fn_name:ident: $($part:ident => $next_part:ident),+) => {
        #[allow(non_snake_case, unused_mut, unused_assignments, unused_variables, unreachable_code)]
        pub(crate) unsafe fn $fn_name<const ARG: u32>(vm: &mut Vm, ip: *const Instr, sp: *mut Value, fp: *mut Value) -> Control {
            let mut sp = sp;
            let mut fp = fp;
            // The instruction whose body is running, and the one to run next.
            let mut this = ip;
            let mut next = ip;
            macro_rules! push {
                ($value:expr) => {{
                    let value = $value;
                    sp.write(value);
                    sp = sp.add(1);
                }};
            }
            macro_rules! pop { () => {{ sp = sp.sub(1); sp.read() }}; }
            macro_rules! peek { ($n:expr) => { &mut *sp.sub($n as usize) }; }
            macro_rules! pop_n {
                ($n:expr) => {{
                    let n = $n as usize;
                    sp = sp.sub(n);
                    (0..n).map(|i| sp.add(i).read()).collect::<Vec<Value>>()
                }};
            }
            // Operands were checked against the code object at translation.
            macro_rules! local { ($index:expr) => { &mut *fp.add($index as usize) }; }
            macro_rules! constant { ($index:expr) => { &*((*this).operand as *const Value) }; }
            macro_rules! name { ($index:expr) => { &(&*vm.function).code.names[$index as usize] }; }
            macro_rules! code { () => { &*(&*vm.function).code }; }
            macro_rules! function { () => { &*vm.function }; }
            macro_rules! interp { () => { &mut *vm.interp }; }
            // The frame's function sits just below its locals (see `Frame`).
            macro_rules! function_value { () => { &*fp.sub(1) }; }
            macro_rules! fail { ($error:expr) => {{ let error = $error; return raise(vm, this, sp, error); }}; }
            macro_rules! check {
                ($result:expr) => {
                    match $result {
                        Ok(value) => value,
                        Err(error) => fail!(error),
                    }
                };
            }
            // Debug builds: whether the running part jumped (see below).
            #[cfg(debug_assertions)]
            let mut jumped: bool;
            // Backward jumps are where a loop can spin forever: check for
            // Ctrl-C and the time limit there.
            macro_rules! jump {
                ($target:expr) => {{
                    let target = (*this).operand as *const Instr;
                    if target <= this {
                        // Each way out is one call in tail position, so the
                        // jump itself saves no registers.
                        if (*vm.interp).interrupt.load(Relaxed) != interrupt::NONE {
                            return raise_interrupt(vm, this, sp, fp);
                        }
                        if chain_grew(vm) {
                            return raise_chain_grew(vm, this, sp);
                        }
                    }
                    next = target;
                    #[cfg(debug_assertions)]
                    {
                        jumped = true;
                    }
                }};
            }
            // No type feedback here: nothing at all, arguments unevaluated.
            macro_rules! profile {
                ($kind:ident, $a:expr) => {};
                ($kind:ident, $a:expr, $b:expr) => {};
            }
            macro_rules! extended_arg {
                () => { fail!(pvm_runtime::handlers::corrupt("EXTENDED_ARG", arg!())) };
            }
            // Calls and returns leave the next registers in `vm` and answer
            // with a word, so nothing is returned through memory that would
            // keep this handler from tail-calling.
            macro_rules! take_registers {
                ($control:expr) => {{
                    match $control {
                        Control::Next => {
                            next = vm.ip;
                            sp = vm.sp;
                            fp = vm.fp;
                        }
                        control => return control,
                    }
                }};
            }
            macro_rules! call {
                ($argc:expr, $kwnames:expr) => {
                    take_registers!(call_any(vm, this, sp, $argc, $kwnames))
                };
            }
            macro_rules! yield_value {
                () => {
                    return yield_from_frame(vm, this, sp)
                };
            }
            macro_rules! return_value {
                () => {
                    take_registers!(return_from_frame(vm, sp))
                };
            }
            $(
                next = this.add(1);
                #[cfg(debug_assertions)]
                let (depth, frame) = (sp, fp);
                // The part's argument: a constant in an instance made for
                // it (`instance!`), else the instruction's.
                macro_rules! arg {
                    () => {
                        if ARG != DYNAMIC && specialised_on_arg(Opcode::$part) {
                            ARG
                        } else {
                            (*this).arg
                        }
                    };
                }
                // A comparison followed by a conditional jump in the same
                // handler runs the jump too, like the switch's `branch_on!`
                // (and ceval's PREDICT): the bool is never pushed. Otherwise
                // the result is pushed for the next part or instruction.
                macro_rules! branch_on {
                    ($result:expr) => {{
                        let result: bool = $result;
                        const NEXT_PART: Option<Opcode> = followed_by!($next_part);
                        let jump_if = match NEXT_PART {
                            Some(Opcode::POP_JUMP_IF_FALSE) => Some(false),
                            Some(Opcode::POP_JUMP_IF_TRUE) => Some(true),
                            _ => None,
                        };
                        match jump_if {
                            Some(jump_if) => {
                                #[cfg(debug_assertions)]
                                pvm_runtime::stackcheck::check(
                                    Opcode::$part,
                                    arg!(),
                                    sp.offset_from(depth),
                                    pvm_runtime::stackcheck::Exit::Predicted {
                                        next: NEXT_PART.expect("a following part"),
                                        next_arg: (*this.add(1)).arg,
                                        taken: result == jump_if,
                                    },
                                );
                                // Runs as the jump instruction from here on.
                                this = this.add(1);
                                next = this.add(1);
                                if result == jump_if {
                                    jump!(());
                                }
                                tail!(vm, next, sp, fp);
                            }
                            None => push!(Value::Bool(result)),
                        }
                    }};
                }
                #[cfg(debug_assertions)]
                {
                    jumped = false;
                    pvm_runtime::stackcheck::entered::<{ Opcode::$part as u8 }>();
                }
                {
                    pvm_runtime::opcode_body!($part);
                }
                // Debug builds compare how far the part moved `sp` with its
                // declared stack effect. Not when it left the frame: a call
                // into Python or a return changed `fp`; a yield or a raise
                // (on its way to unwinding) returned above. EXTENDED_ARG
                // never runs here (translation folds it into the argument).
                #[cfg(debug_assertions)]
                if fp == frame {
                    use pvm_runtime::stackcheck::{check, Exit};
                    let exit = if jumped { Exit::Jumped } else { Exit::Next };
                    check(Opcode::$part, arg!(), sp.offset_from(depth), exit);
                }
                // A part that transferred control ends the superinstruction.
                if next != this.add(1) {
                    tail!(vm, next, sp, fp);
                }
                this = next;
            )+
            tail!(vm, next, sp, fp)
        }
    };
}

/// The instance of handler `$fn` (running `$parts`) for an instruction
/// whose `COMPARE_OP` or `BINARY_OP` part has argument `$first` (first part) or `$second`
/// (second part): one compiled for that argument when it is a valid one,
/// else the `DYNAMIC` one, which reads it (and raises on a bad one).
macro_rules! instance {
    ($first:ident $second:ident; $fn:ident: COMPARE_OP $($rest:ident)?) => {
        instance!(@compare $fn, $first)
    };
    ($first:ident $second:ident; $fn:ident: $part:ident COMPARE_OP) => {
        instance!(@compare $fn, $second)
    };
    ($first:ident $second:ident; $fn:ident: BINARY_OP $($rest:ident)?) => {
        instance!(@binary $fn, $first)
    };
    ($first:ident $second:ident; $fn:ident: $part:ident BINARY_OP) => {
        instance!(@binary $fn, $second)
    };
    ($first:ident $second:ident; $fn:ident: $($part:ident)+) => {
        $fn::<DYNAMIC> as Handler
    };
    // `+`, `&`, `*`, `|`, `-`, `^`, `+=`, `*=` and `-=`
    // (`BinaryOperator`'s encoding): the frequent operators whose instance
    // still tail-calls. Not `/`, `//`, `%` or the shifts: with one of those
    // known, LLVM inlines its slow path (`numbers::float_arith`,
    // `small_int_op`), whose error temporaries keep the handler from
    // tail-calling; keeping those out of line made the other instances
    // save more registers and run more instructions (nbody +3%).
    (@binary $fn:ident, $arg:ident) => {
        match $arg {
            0 => $fn::<0> as Handler,
            1 => $fn::<1> as Handler,
            5 => $fn::<5> as Handler,
            7 => $fn::<7> as Handler,
            10 => $fn::<10> as Handler,
            12 => $fn::<12> as Handler,
            13 => $fn::<13> as Handler,
            18 => $fn::<18> as Handler,
            23 => $fn::<23> as Handler,
            _ => $fn::<DYNAMIC> as Handler,
        }
    };
    (@compare $fn:ident, $arg:ident) => {
        match $arg {
            0 => $fn::<0> as Handler,
            1 => $fn::<1> as Handler,
            2 => $fn::<2> as Handler,
            3 => $fn::<3> as Handler,
            4 => $fn::<4> as Handler,
            5 => $fn::<5> as Handler,
            _ => $fn::<DYNAMIC> as Handler,
        }
    };
}

/// What translation needs to know of an opcode, in one load: the handler
/// that reads its argument, whether an instance compiled for the argument
/// may replace it (`handler_for`), its operand's kind, and whether it can
/// start a superinstruction.
#[derive(Clone, Copy)]
pub(crate) struct OpInfo {
    pub handler: Handler,
    pub on_arg: bool,
    pub operand: Operand,
    pub starts_pair: bool,
}

macro_rules! single_handlers {
    ($($name:ident)*) => {
        $( handler!($name: $name); )*

        /// Each opcode's `OpInfo`, indexed by its byte.
        pub(crate) static OP_INFO: [OpInfo; Opcode::ALL.len()] = [$(OpInfo {
            handler: $name::<DYNAMIC> as Handler,
            on_arg: specialised_on_arg(Opcode::$name),
            operand: Opcode::$name.operand(),
            starts_pair: starts_pair(Opcode::$name),
        },)*];
        // The table is indexed by byte: each opcode's entry is its own.
        $(const _: () = assert!(Opcode::ALL[Opcode::$name as usize] as u8 == Opcode::$name as u8);)*

        /// The handler of one (unfused) instruction.
        pub(crate) fn handler_for(op: Opcode, arg: u32) -> Handler {
            match op {
                $(Opcode::$name => instance!(arg arg; $name: $name),)*
            }
        }
    };
}

pvm_frontend::for_each_opcode!(single_handlers);

/// Defines a handler per superinstruction (the pairs are listed once, in
/// `pvm_runtime::superinstructions`) and the lookup translation uses.
macro_rules! superinstructions {
    ($($fn_name:ident: $first:ident $second:ident;)*) => {
        $( handler!($fn_name: $first $second); )*

        /// Whether some superinstruction starts with `op` (several start
        /// with the same opcode).
        #[allow(unreachable_patterns)]
        const fn starts_pair(op: Opcode) -> bool {
            matches!(op, $(Opcode::$first)|*)
        }

        /// The fused handler for `first` followed by `second` (with their
        /// arguments), if any.
        pub(crate) fn fused_handler(
            (first, first_arg): (Opcode, u32),
            (second, second_arg): (Opcode, u32),
        ) -> Option<Handler> {
            match (first, second) {
                $((Opcode::$first, Opcode::$second) => {
                    Some(instance!(first_arg second_arg; $fn_name: $first $second))
                })*
                _ => None,
            }
        }
    };
}

pvm_runtime::for_each_superinstruction!(superinstructions);

/// How deep below `Vm::run` a chain of handlers may reach. Chained by tail
/// calls, every handler runs at the same depth (a few hundred bytes down);
/// only a handler that stopped tail-calling makes a loop go deeper.
#[cfg(pvm_tail_calls)]
const CHAIN_STACK_LIMIT: usize = 256 * 1024;

/// Whether the running chain has grown the native stack past
/// `CHAIN_STACK_LIMIT` (checked at backward jumps, so a loop through a
/// handler that does not tail-call stops with an error instead of
/// overflowing the stack). Reads the stack pointer directly: taking the
/// address of a local would itself keep handlers from tail-calling.
#[inline(always)]
fn chain_grew(vm: &Vm) -> bool {
    #[cfg(all(pvm_tail_calls, any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        let sp: usize;
        // SAFETY: reads the stack pointer register; touches nothing else.
        unsafe {
            #[cfg(target_arch = "x86_64")]
            std::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags));
            #[cfg(target_arch = "aarch64")]
            std::arch::asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags));
        }
        vm.chain_base.wrapping_sub(sp) > CHAIN_STACK_LIMIT
    }
    #[cfg(not(all(pvm_tail_calls, any(target_arch = "x86_64", target_arch = "aarch64"))))]
    {
        let _ = vm;
        false
    }
}

#[cold]
#[inline(never)]
unsafe fn raise_chain_grew(vm: &mut Vm, at: *const Instr, sp: *mut Value) -> Control {
    let error = pvm_runtime::exceptions::runtime_error(
        "pvm internal error: a threaded-VM handler did not tail-call, so this loop \
         kept growing the native stack (please report it; --backend switch runs \
         the program)",
    );
    raise(vm, at, sp, error)
}

/// Leaves the chain with the error of the interrupt that is pending (Ctrl-C,
/// the time limit; `Interp::check_interrupt` takes it), or, when it was a
/// signal whose Python handler ran and returned, goes on at the backward
/// jump's target (`at` is the jump).
#[cold]
#[inline(never)]
unsafe fn raise_interrupt(
    vm: &mut Vm,
    at: *const Instr,
    sp: *mut Value,
    fp: *mut Value,
) -> Control {
    match (*vm.interp).check_interrupt() {
        Err(error) => raise(vm, at, sp, error),
        Ok(()) => {
            vm.ip = (*at).operand as *const Instr;
            vm.sp = sp;
            vm.fp = fp;
            Control::Next
        }
    }
}

/// Leaves the chain with `error`, recording where it happened. The answer
/// is always `Raised`, but hidden from the optimiser: a handler that knew
/// it would call `raise` and then return the constant itself, where
/// `return raise(..)` is a jump that needs no registers saved.
#[cold]
#[inline(never)]
unsafe fn raise(vm: &mut Vm, at: *const Instr, sp: *mut Value, error: PyErr) -> Control {
    if let Some(frame) = vm.stack.frames.last_mut() {
        frame.pc = (*at).offset as usize + 1;
    }
    vm.sync(sp);
    vm.error = Some(error);
    std::hint::black_box(Control::Raised)
}

/// Records in the running frame that it continues after `at`, as a code
/// unit (`pc`, for the runtime) and as an instruction (`resume`, for us).
#[inline(always)]
unsafe fn stop_after(vm: &mut Vm, at: *const Instr) {
    if let Some(frame) = vm.stack.frames.last_mut() {
        frame.pc = (*at).offset as usize + 1;
        frame.resume = at.add(1) as usize;
    }
}

/// The `Instr` of an `EXTENDED_ARG` prefix (its argument is folded into
/// the instruction that follows): runs the next unit's.
pub(crate) unsafe fn skip_prefix(
    vm: &mut Vm,
    ip: *const Instr,
    sp: *mut Value,
    fp: *mut Value,
) -> Control {
    let next = ip.add(1);
    tail!(vm, next, sp, fp)
}

/// Reached only by falling off the end of a code object, which no code
/// object from our compiler does.
pub(crate) unsafe fn end_of_code(
    vm: &mut Vm,
    ip: *const Instr,
    sp: *mut Value,
    _fp: *mut Value,
) -> Control {
    raise(
        vm,
        ip,
        sp,
        pvm_runtime::handlers::corrupt("<end of code>", 0),
    )
}

/// `CALL`: a Python function gets a new frame (pushed by the runtime's
/// frame protocol); anything else is called through the runtime. Answers
/// `Next` with the next registers in `vm`.
#[inline(always)]
unsafe fn call_any(
    vm: &mut Vm,
    at: *const Instr,
    sp: *mut Value,
    argc: usize,
    kwnames: &[Rc<PyStr>],
) -> Control {
    let slots = vm.stack.values.as_mut_ptr();
    let callee = sp.offset_from(slots) as usize - argc - 1;
    if let Value::Function(function) = &*slots.add(callee) {
        // The callee stays in its slot for the whole call, which is what
        // keeps it alive (see `Frame`).
        let function: *const Function = &**function;
        let mut entry = translate::entry_if_made(&(*function).code, vm.superinstructions);
        if entry.is_null() {
            entry = match translate::entry(&(*function).code, vm.superinstructions) {
                Ok(entry) => entry,
                Err(error) => return raise(vm, at, sp, error),
            };
        }
        stop_after(vm, at);
        // The common case (exact positional arguments, room on the stack,
        // no interrupt or recursion error due): the runtime pushes the frame
        // without touching the `Vec`'s length, so the slots stay ours and
        // the registers follow from `callee` alone.
        if kwnames.is_empty()
            && vm
                .stack
                .call_in_place(&mut *vm.interp, &*function, callee, argc)
        {
            let fp = slots.add(callee + 1);
            vm.function = function;
            vm.ip = entry;
            vm.sp = fp.add((&(*function).code).local_count);
            vm.fp = fp;
            return Control::Next;
        }
        vm.sync(sp);
        return match vm
            .stack
            .call(&mut *vm.interp, &*function, callee, argc, kwnames)
        {
            Ok(()) => {
                vm.function = function;
                vm.ip = entry;
                vm.unsync();
                Control::Next
            }
            Err(error) => {
                // The stack is synced and the frames are as before the call.
                vm.error = Some(error);
                Control::Raised
            }
        };
    }
    call_object(vm, at, sp, callee, kwnames)
}

#[inline(never)]
unsafe fn call_object(
    vm: &mut Vm,
    at: *const Instr,
    sp: *mut Value,
    callee: usize,
    kwnames: &[Rc<PyStr>],
) -> Control {
    let slots = vm.stack.values.as_mut_ptr();
    let first_arg = slots.add(callee + 1);
    let argc = sp.offset_from(first_arg) as usize;
    // The callable and its arguments stay in their slots for the call; nothing
    // else uses this stack meanwhile (a builtin that calls back into Python
    // runs on a fresh stack).
    let args = std::slice::from_raw_parts(first_arg, argc);
    // The callee may look at this frame (`sys._getframe`, `traceback`):
    // its `pc` says which call it is in.
    if let Some(frame) = vm.stack.frames.last_mut() {
        frame.pc = (*at).offset as usize + 1;
    }
    match call::call(&mut *vm.interp, &*slots.add(callee), args, kwnames) {
        Ok(result) => {
            let mut top = sp;
            let sp = slots.add(callee);
            while top > sp {
                top = top.sub(1);
                top.read().discard();
            }
            sp.write(result);
            vm.ip = at.add(1);
            vm.sp = sp.add(1);
            vm.fp = vm.fp_of_top();
            Control::Next
        }
        Err(error) => raise(vm, at, sp, error),
    }
}

/// `RETURN_VALUE`: the runtime's frame protocol pops the frame; this
/// continues in the caller at the instruction its `resume` word holds
/// (`Next`), or ends the chain for the entry frame (`Returned`).
#[inline(always)]
unsafe fn return_from_frame(vm: &mut Vm, sp: *mut Value) -> Control {
    let slots = vm.stack.values.as_mut_ptr();
    let top = sp.offset_from(slots) as usize;
    // A frame that returns to a caller in this run: the slots stay ours
    // (the `Vec` keeps length 0) and the registers come from the caller.
    if let Some(top) = vm.stack.return_in_place(&mut *vm.interp, top) {
        let caller = vm.stack.frames.last().expect("caller frame exists");
        debug_assert!(caller.resume != 0, "a caller without a resume point");
        vm.function = caller.function_ptr();
        vm.ip = caller.resume as *const Instr;
        vm.sp = slots.add(top);
        vm.fp = slots.add(caller.base);
        return Control::Next;
    }
    vm.sync(sp);
    match vm.stack.return_value(&mut *vm.interp) {
        Returned::FromEntry(value) => {
            std::ptr::write(&mut vm.result, value);
            Control::Returned
        }
        Returned::ToCaller => {
            let caller = vm.stack.frames.last().expect("caller frame exists");
            vm.function = caller.function_ptr();
            vm.ip = caller.resume as *const Instr;
            vm.unsync();
            Control::Next
        }
    }
}

/// `YIELD_VALUE`: pops the value and ends the chain; the generator's frame
/// (always the entry frame of this run) stays for `frames::resume`.
#[cold]
#[inline(never)]
unsafe fn yield_from_frame(vm: &mut Vm, at: *const Instr, mut sp: *mut Value) -> Control {
    sp = sp.sub(1);
    // `run_chains` took the last result, leaving `None`: nothing to drop.
    std::ptr::write(&mut vm.result, sp.read());
    stop_after(vm, at);
    vm.sync(sp);
    Control::Yielded
}

impl Vm<'_> {
    /// The running frame's `fp` (local 0).
    fn fp_of_top(&mut self) -> *mut Value {
        let base = self.stack.frames.last().map_or(0, |f| f.base);
        // SAFETY: `base` is within the stack's allocation.
        unsafe { self.stack.values.as_mut_ptr().add(base) }
    }
}
