//! The JIT's `extern "C"` helpers: one per opcode, each expanded from the
//! shared `pvm_runtime::opcode_body!`, the way CPython builds its JIT's
//! templates from `bytecodes.c`; plus the few value operations compiled code
//! calls out of line (releasing the last owner of an object, polling for
//! Ctrl-C and the time limit), and the call and return paths compiled code
//! takes for compiled Python functions (`call_compiled`, `return_released`),
//! which use the runtime's frame protocol like the `CALL` helper and fall
//! back to it for everything else.
//!
//! Compiled code and the warm-up interpreter (`warm.rs`) call the same
//! helpers, so neither holds a second copy of what an opcode means. A helper
//! runs one instruction on the frame `Ctx` describes, given the operand
//! stack's height before it, and answers a status word (`status`). It
//! decides nothing about dispatch: where control goes next is the caller's.
//! Nothing here unwinds: an error is stored in `Ctx::error` and answered as
//! `RAISED`, and the caller hands it to the shared unwinder.

#![allow(unused_macros)]

use crate::status::{EXITED, JUMPED, LEFT, NEXT, RAISED};
use crate::Ctx;
use pvm_runtime::frames::Returned;
use pvm_runtime::{call, Function, PyErr, PyStr, Value};
use std::rc::Rc;

/// What compiled code and the warm-up interpreter call for an instruction:
/// `(ctx, offset of its opcode unit, operand-stack depth before it,
/// argument)`; the depth counts from `Ctx::operands`.
/// The answer is a status in the low byte and the stack height after it
/// above (`status`).
pub(crate) type Helper = unsafe extern "C" fn(*mut Ctx, u32, u32, u32) -> u64;

/// Defines the helper of one opcode.
macro_rules! helper {
    ($name:ident) => {
        #[allow(
            non_snake_case,
            unused_mut,
            unused_variables,
            unused_assignments,
            unreachable_code,
            clippy::missing_safety_doc
        )]
        pub(crate) unsafe extern "C" fn $name(ctx: *mut Ctx, at: u32, depth: u32, arg: u32) -> u64 {
            let ctx = &mut *ctx;
            let slots = ctx.slots;
            let base = ctx.base;
            let mut sp = ctx.operands as usize + depth as usize;
            let mut status = NEXT;
            macro_rules! arg {
                () => {
                    arg
                };
            }
            macro_rules! push {
                ($value:expr) => {{
                    let value = $value;
                    slots.add(sp).write(value);
                    sp += 1;
                }};
            }
            macro_rules! pop {
                () => {{
                    sp -= 1;
                    slots.add(sp).read()
                }};
            }
            macro_rules! peek {
                ($n:expr) => {
                    &mut *slots.add(sp - $n as usize)
                };
            }
            macro_rules! pop_n {
                ($n:expr) => {{
                    let n = $n as usize;
                    sp -= n;
                    (0..n)
                        .map(|i| slots.add(sp + i).read())
                        .collect::<Vec<Value>>()
                }};
            }
            // Operands were checked against the code object by the verifier
            // (`JitCode::analyse`) before anything here runs.
            macro_rules! local {
                ($index:expr) => {
                    &mut *slots.add(base + $index as usize)
                };
            }
            macro_rules! constant {
                ($index:expr) => {
                    &(&(*ctx.function).code).constants[$index as usize]
                };
            }
            macro_rules! name {
                ($index:expr) => {
                    &(&(*ctx.function).code).names[$index as usize]
                };
            }
            macro_rules! code {
                () => {
                    &*(&(*ctx.function).code)
                };
            }
            macro_rules! function {
                () => {
                    &*ctx.function
                };
            }
            macro_rules! interp {
                () => {
                    &mut *ctx.interp
                };
            }
            // The frame's function sits just below its locals (see `Frame`).
            macro_rules! function_value {
                () => {
                    &*slots.add(base - 1)
                };
            }
            macro_rules! fail {
                ($error:expr) => {{
                    let error = $error;
                    return raise(ctx, at, sp, error);
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
            // The target is the instruction's argument; the caller knows it.
            // A backward jump is where a loop can spin forever.
            macro_rules! jump {
                ($target:expr) => {{
                    if ($target as u32) <= at {
                        check!((*ctx.interp).check_interrupt());
                    }
                    status = JUMPED;
                }};
            }
            macro_rules! branch_on {
                ($result:expr) => {
                    push!(Value::Bool($result))
                };
            }
            // Tier 1 records no type feedback: arguments unevaluated.
            macro_rules! profile {
                ($kind:ident, $a:expr) => {};
                ($kind:ident, $a:expr, $b:expr) => {};
            }
            // Prefixes are folded into the argument when code is decoded.
            macro_rules! extended_arg {
                () => {
                    fail!(pvm_runtime::handlers::corrupt("EXTENDED_ARG", arg))
                };
            }
            macro_rules! call {
                ($argc:expr, $kwnames:expr) => {{
                    match call_any(ctx, at, sp, $argc, $kwnames) {
                        Ok(height) => sp = height,
                        Err(status) => return status,
                    }
                }};
            }
            macro_rules! return_value {
                () => {
                    return return_from(ctx, sp)
                };
            }
            macro_rules! yield_value {
                () => {{
                    let value = pop!();
                    return yield_from(ctx, at, sp, value);
                }};
            }
            {
                pvm_runtime::opcode_body!($name);
            }
            status | ((sp as u64) << 8)
        }
    };
}

macro_rules! all_helpers {
    ($($name:ident)*) => {
        $( helper!($name); )*

        /// The helper of every opcode, indexed by its byte value.
        pub(crate) static HELPERS: &[Helper] = &[$($name),*];
    };
}

pvm_frontend::for_each_opcode!(all_helpers);

/// Leaves an instruction with `error`: the stack is handed back to its
/// `Vec` and the frame records where it stopped, for the unwinder.
#[cold]
#[inline(never)]
unsafe fn raise(ctx: &mut Ctx, at: u32, sp: usize, error: PyErr) -> u64 {
    let stack = &mut *ctx.stack;
    stack.values.set_len(sp);
    if let Some(frame) = stack.frames.last_mut() {
        frame.pc = at as usize + 1;
    }
    ctx.error = Some(error);
    RAISED
}

/// How many Python calls deep compiled code runs callees nested on the
/// native stack (`call_any`); deeper calls go back through the driver, so
/// recursion as deep as the recursion limit allows never exhausts it.
const NESTED_CALLS: u32 = 4000;

thread_local! {
    static NESTED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// `CALL`: a Python function gets a new frame (pushed by the runtime's frame
/// protocol) and runs to completion right here, nested, so the caller goes
/// on after the call without leaving its machine code; anything else is
/// called through the runtime. Answers the stack height after the call,
/// or (`Err`) the status to leave with: `LEFT` when the driver must take
/// over (the callee is too deep to nest, or the value stack moved while it
/// ran, so the caller's slot addresses are stale), `RAISED`.
#[inline(always)]
unsafe fn call_any(
    ctx: &mut Ctx,
    at: u32,
    sp: usize,
    argc: usize,
    kwnames: &[Rc<PyStr>],
) -> Result<usize, u64> {
    let slots = ctx.slots;
    let callee = sp - argc - 1;
    let stack = &mut *ctx.stack;
    if let Some(frame) = stack.frames.last_mut() {
        frame.pc = at as usize + 1;
    }
    if let Value::Function(function) = &*slots.add(callee) {
        // The callee stays in its slot for the whole call, which keeps it
        // alive (see `Frame`).
        let function: &Function = function;
        if kwnames.is_empty() && stack.call_in_place(&mut *ctx.interp, function, callee, argc) {
            stack.values.set_len(callee + 1 + function.code.local_count);
            return call_nested(ctx, function, callee);
        }
        stack.values.set_len(sp);
        if let Err(error) = stack.call(&mut *ctx.interp, function, callee, argc, kwnames) {
            ctx.error = Some(error);
            return Err(RAISED);
        }
        return call_nested(ctx, function, callee);
    }
    // The callable and its arguments stay in their slots for the call.
    let target = &*slots.add(callee);
    let args = std::slice::from_raw_parts(slots.add(callee + 1), argc);
    match call::call(&mut *ctx.interp, target, args, kwnames) {
        Ok(result) => {
            for at in (callee..sp).rev() {
                slots.add(at).read().discard();
            }
            slots.add(callee).write(result);
            Ok(callee + 1)
        }
        Err(error) => Err(raise(ctx, at, sp, error)),
    }
}

/// `CALL` from compiled code: a Python function with machine code that
/// takes its arguments as they are runs nested right here, on the caller's
/// own `Ctx` (its frame fields switched to the callee's for the call and
/// back after), so the common call costs one native call into its machine
/// code and no second context. Anything else goes through the opcode's
/// helper (`CALL`).
pub(crate) unsafe extern "C" fn call_compiled(
    context: *mut Ctx,
    at: u32,
    depth: u32,
    argc: u32,
) -> u64 {
    let ctx = &mut *context;
    let sp = ctx.operands as usize + depth as usize;
    let callee = sp - argc as usize - 1;
    let nested = NESTED.get();
    let Value::Function(function) = &*ctx.slots.add(callee) else {
        return CALL(context, at, depth, argc);
    };
    // The callee stays in its slot for the whole call, which keeps it
    // alive (see `Frame`).
    let function: &Function = function;
    let Some(entry) = crate::JitCode::compiled_entry(&function.code) else {
        return CALL(context, at, depth, argc);
    };
    if nested >= NESTED_CALLS || (nested % 16 == 0 && pvm_runtime::native_stack::exhausted()) {
        return CALL(context, at, depth, argc);
    }
    let stack = &mut *ctx.stack;
    let outer_frames = stack.frames.len();
    if let Some(frame) = stack.frames.last_mut() {
        frame.pc = at as usize + 1;
    }
    if !stack.call_in_place(&mut *ctx.interp, function, callee, argc as usize) {
        return CALL(context, at, depth, argc);
    }
    let caller = (ctx.base, ctx.function, ctx.frame, ctx.operands);
    ctx.base = callee + 1;
    ctx.function = function;
    NESTED.set(nested + 1);
    let status = entry(context, 0);
    NESTED.set(nested);
    let ctx = &mut *context;
    let stack = &mut *ctx.stack;
    if status & 0xff == LEFT
        && stack.frames.len() == outer_frames
        && stack.values.as_mut_ptr() == ctx.slots
    {
        // The callee returned: its result is in its slot.
        (ctx.base, ctx.function, ctx.frame, ctx.operands) = caller;
        stack.values.set_len(0);
        return NEXT | (((callee + 1) as u64) << 8);
    }
    call_compiled_rest(ctx, caller, status, callee, outer_frames, nested)
}

/// `CALL_METHOD` from compiled code: a method found by `LOAD_METHOD` (no
/// marker below the arguments) is a `CALL` with its owner as the first
/// argument, as the opcode's body says; the rest goes through its helper.
pub(crate) unsafe extern "C" fn call_method_compiled(
    context: *mut Ctx,
    at: u32,
    depth: u32,
    argc: u32,
) -> u64 {
    let ctx = &*context;
    let below = ctx.operands as usize + depth as usize - argc as usize - 1;
    if let Value::Unbound = &*ctx.slots.add(below) {
        return CALL_METHOD(context, at, depth, argc);
    }
    call_compiled(context, at, depth, argc + 1)
}

/// The rest of `call_compiled` when the callee did not simply return:
/// `ctx` still describes the callee's frame, which goes on in a context of
/// its own; the caller's fields (`caller`) come back.
#[cold]
#[inline(never)]
unsafe fn call_compiled_rest(
    ctx: &mut Ctx,
    caller: (usize, *const Function, *mut Value, u64),
    status: u64,
    callee: usize,
    outer_frames: usize,
    nested: u32,
) -> u64 {
    let mut inner = Ctx {
        slots: ctx.slots,
        base: ctx.base,
        interrupt: ctx.interrupt,
        interp: ctx.interp,
        stack: ctx.stack,
        function: ctx.function,
        error: ctx.error.take(),
        exit: ctx.exit,
        frame: ctx.frame,
        operands: ctx.operands,
    };
    (ctx.base, ctx.function, ctx.frame, ctx.operands) = caller;
    let stack = &mut *ctx.stack;
    let result = if status & 0xff == LEFT && stack.frames.len() == outer_frames {
        // Returned, but the value stack moved meanwhile.
        Err(LEFT)
    } else {
        run_nested(
            ctx,
            callee,
            outer_frames,
            nested,
            Some((&mut inner, status)),
        )
    };
    match result {
        Ok(height) => NEXT | ((height as u64) << 8),
        Err(status) => status,
    }
}

/// Runs the frame just pushed for `function` (in slot `callee`) until it
/// returns, as the entry frame of a nested run: straight in its machine
/// code when it has some, through the driver otherwise.
///
/// Compiled callees run without raising the stack's `entry_depth`: their
/// `RETURN_VALUE` then goes back to this caller through the frame protocol
/// as to any caller (the result in the callee's slot, status `LEFT` with
/// this frame on top again), with no exit record to fill and read back.
/// Only when the callee raises or hands its frames to the driver is the
/// entry depth raised to it, before anything unwinds or runs them.
#[inline(never)]
unsafe fn call_nested(ctx: &mut Ctx, function: &Function, callee: usize) -> Result<usize, u64> {
    let depth = NESTED.get();
    // Too deep to nest (by count, or the native stack is nearly used up
    // through builtins calling back in; looked at every 16 levels, far
    // inside its margin): the driver runs the callee.
    if depth >= NESTED_CALLS || (depth % 16 == 0 && pvm_runtime::native_stack::exhausted()) {
        return Err(LEFT);
    }
    let stack = &mut *ctx.stack;
    let outer_frames = stack.frames.len() - 1;
    let Some(entry) = crate::JitCode::compiled_entry(&function.code) else {
        return run_nested(ctx, callee, outer_frames, depth, None);
    };
    NESTED.set(depth + 1);
    let mut inner = Ctx {
        slots: stack.values.as_mut_ptr(),
        base: callee + 1,
        interrupt: ctx.interrupt,
        interp: ctx.interp,
        stack: ctx.stack,
        function,
        error: None,
        exit: ctx.exit,
        frame: std::ptr::null_mut(),
        operands: 0,
    };
    stack.values.set_len(0);
    let status = entry(&mut inner, 0);
    if status & 0xff == LEFT && stack.frames.len() == outer_frames {
        // The callee returned: its result is in its slot.
        NESTED.set(depth);
        if stack.values.as_mut_ptr() != ctx.slots {
            return Err(LEFT);
        }
        stack.values.set_len(0);
        return Ok(callee + 1);
    }
    run_nested(ctx, callee, outer_frames, depth, Some((&mut inner, status)))
}

/// The rest of a nested call, through the driver with the entry depth at
/// the callee: all of it (`entered: None`, the callee has no machine code),
/// or after its machine code answered `status` other than a return.
#[cold]
#[inline(never)]
unsafe fn run_nested(
    ctx: &mut Ctx,
    callee: usize,
    outer_frames: usize,
    depth: u32,
    entered: Option<(&mut Ctx, u64)>,
) -> Result<usize, u64> {
    let stack = &mut *ctx.stack;
    let outer = std::mem::replace(&mut stack.entry_depth, outer_frames + 1);
    NESTED.set(depth + 1);
    let mut exit = crate::ExitSlot::new();
    let status = match entered {
        Some((inner, status)) => {
            inner.exit = &mut exit;
            let function: &Function = &*inner.function;
            let operands = callee + 1 + function.code.local_count;
            crate::continue_compiled(inner, status, operands, 0)
        }
        None => crate::execute_into(&mut *ctx.interp, stack, &mut exit),
    };
    NESTED.set(depth);
    stack.entry_depth = outer;
    if let Err(error) = status {
        // The callee's frame is unwound and gone; the error is raised at
        // the call (the caller's `pc` is just after it).
        ctx.error = Some(error);
        return Err(RAISED);
    }
    let Some(words) = exit.take_returned_words() else {
        return Err(called_frame_yielded(ctx, &mut exit, outer_frames, callee));
    };
    // The callee's slots are released; its result takes its slot.
    let values = stack.values.as_mut_ptr();
    store_words(values.add(callee), words);
    if values != ctx.slots {
        stack.values.set_len(callee + 1);
        return Err(LEFT);
    }
    stack.values.set_len(0);
    Ok(callee + 1)
}

/// Only a generator's own frame yields, and it never runs nested (the
/// verifier does not check that, so forged code could): drops the value
/// and the suspended callee's frame, and raises at the call.
#[cold]
unsafe fn called_frame_yielded(
    ctx: &mut Ctx,
    exit: &mut crate::ExitSlot,
    outer_frames: usize,
    callee: usize,
) -> u64 {
    let stack = &mut *ctx.stack;
    drop(exit.take());
    if stack.frames.len() > outer_frames {
        stack.frames.truncate(outer_frames);
        (*ctx.interp).leave_frame();
    }
    stack.values.truncate(callee);
    ctx.error = Some(crate::internal("a called frame yielded"));
    RAISED
}

/// Writes a value given as its two words into `slot` with one 16-byte
/// store (see `ExitSlot`).
#[inline(always)]
unsafe fn store_words(slot: *mut Value, words: [u64; 2]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_set_epi64x, _mm_storeu_si128};
        _mm_storeu_si128(
            slot.cast(),
            _mm_set_epi64x(words[1] as i64, words[0] as i64),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        slot.write(std::mem::transmute::<[u64; 2], Value>(words));
    }
}

/// `RETURN_VALUE`, through the frame protocol.
#[inline(always)]
unsafe fn return_from(ctx: &mut Ctx, sp: usize) -> u64 {
    let stack = &mut *ctx.stack;
    stack.values.set_len(sp);
    match stack.return_value(&mut *ctx.interp) {
        Returned::ToCaller => LEFT,
        Returned::FromEntry(value) => {
            (*ctx.exit).set(false, value);
            EXITED
        }
    }
}

/// `RETURN_VALUE` from compiled code, which has released the frame's
/// locals and other operands itself and passes the result as its two
/// words: the rest through the frame protocol (`return_released`).
pub(crate) unsafe extern "C" fn return_released(ctx: *mut Ctx, tag: u64, payload: u64) -> u64 {
    let ctx = &mut *ctx;
    let value = std::mem::transmute::<[u64; 2], Value>([tag, payload]);
    match (*ctx.stack).return_released(&mut *ctx.interp, value) {
        Returned::ToCaller => LEFT,
        Returned::FromEntry(value) => {
            (*ctx.exit).set(false, value);
            EXITED
        }
    }
}

/// `YIELD_VALUE`: the generator's frame stops after `at`, with its stack.
unsafe fn yield_from(ctx: &mut Ctx, at: u32, sp: usize, value: Value) -> u64 {
    let stack = &mut *ctx.stack;
    stack.values.set_len(sp);
    if let Some(frame) = stack.frames.last_mut() {
        frame.pc = at as usize + 1;
    }
    (*ctx.exit).set(true, value);
    EXITED
}

/// Drops the value at `slot` (compiled code inlines the common cases and
/// calls this for the last owner of an object).
pub(crate) unsafe extern "C" fn drop_value(slot: *mut Value) {
    slot.read().discard();
}

/// The interrupt flag was seen set at a backward jump: raises what it means
/// (`KeyboardInterrupt`, the time limit) as the instruction at `at`.
#[cold]
pub(crate) unsafe extern "C" fn interrupted(ctx: *mut Ctx, at: u32, depth: u32) -> u64 {
    let ctx = &mut *ctx;
    let sp = ctx.operands as u32 + depth;
    match (*ctx.interp).check_interrupt() {
        Ok(()) => NEXT | ((sp as u64) << 8),
        Err(error) => raise(ctx, at, sp as usize, error),
    }
}
