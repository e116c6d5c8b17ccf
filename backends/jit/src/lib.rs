//! The Cranelift JIT backend: code starts in the switch's dispatch loop
//! (the warm-up tier, `warm.rs`), which counts calls and loop back-edges
//! per code object; past a threshold the
//! code object is compiled to machine code, one Cranelift function per code
//! object, which a running frame enters at the head of any run of
//! instructions (on-stack replacement for long loops, re-entry after a
//! call returns or an exception is caught).
//!
//! Simple opcodes (locals, constants, stack shuffles, jumps, int and float
//! arithmetic and comparisons) are emitted inline, and the commonest
//! container operations call small out-of-line fast paths (`lean.rs`);
//! every other opcode calls the helper generated from the shared
//! `opcode_body!` (`helpers.rs`), the body the switch expands too.
//! Within a run of instructions operands stay in registers; at its head,
//! and before any helper call, compiled code holds exactly the state the
//! interpreters would have in the frame's slots on the shared value stack,
//! so leaving it (a call, a return, an exception, a yield) needs no
//! reconstruction, and the runtime's frame protocol does the rest.
//!
//! This crate does not decide what any opcode means and keeps no frames of
//! its own. It does not record or specialise on observed types yet: that is
//! the next tier, which will reuse the entry and exit protocol defined here.

mod bound;
mod compile;
mod containers;
mod helpers;
mod inline;
mod jitcode;
mod lean;
mod machine;
mod shadow;
pub mod stats;
mod warm;

use jitcode::JitCode;
use pvm_runtime::{Backend, Exit, FrameStack, Function, Interp, PyErr, PyResult, Value};
use std::sync::atomic::{AtomicPtr, AtomicU8, Ordering};
use std::sync::OnceLock;

/// What a helper, the warm-up interpreter or compiled code answers, in the
/// low byte of its status word.
pub(crate) mod status {
    /// The instruction finished; go on with the next one.
    pub const NEXT: u64 = 0;
    /// The instruction jumped to its target (its argument).
    pub const JUMPED: u64 = 1;
    /// The top frame changed (a call pushed one, a return popped one), or
    /// its slots moved: the driver enters whatever frame is now on top, at
    /// its `pc`.
    pub const LEFT: u64 = 2;
    /// An exception is in `Ctx::error`; the frame's `pc` says where.
    pub const RAISED: u64 = 3;
    /// The entry frame returned or yielded: `Ctx::exit`.
    pub const EXITED: u64 = 4;
    /// Compiled code has no entry at the instruction it was asked to start
    /// at (one no path reaches); nothing ran.
    pub const NOT_ENTERED: u64 = 6;
    /// Compiled code ran off its end or into an unreachable instruction,
    /// which verified bytecode never does: an internal error.
    pub const BROKEN: u64 = 7;
}

/// What compiled code and the helpers share about the running frame. The
/// first three fields are read by compiled code at fixed offsets.
#[repr(C)]
pub(crate) struct Ctx {
    /// The value stack's buffer (slot 0), good until the frame changes.
    pub slots: *mut Value,
    /// Slot index of the running frame's local 0.
    pub base: usize,
    /// The interrupt flag (Ctrl-C, the time limit), polled at back-edges.
    pub interrupt: *const AtomicU8,
    pub interp: *mut Interp,
    pub stack: *mut FrameStack,
    pub function: *const Function,
    pub error: Option<PyErr>,
    /// Where the entry frame's return or yield is recorded.
    pub exit: *mut ExitSlot,
    /// The address of local 0: written by compiled code's entry block and
    /// read back at the head of each run, so no value but `Ctx` itself
    /// lives across the whole function (long live ranges made Cranelift's
    /// register allocator the larger part of compiling).
    pub frame: *mut Value,
    /// Slot index of operand 0 (helpers are given operand depths from
    /// here): written by compiled code's entry block.
    pub operands: u64,
}

/// How the entry frame of a run left, and its value as two words. The
/// value crosses from the helper that returns to the caller of the run
/// word by word, never as one 16-byte load of two 8-byte stores, which
/// stalls store forwarding: perf showed most of a nested call's time on
/// that one load before (`helpers::call_nested` writes the words into the
/// caller's slot with one 16-byte store).
pub(crate) struct ExitSlot {
    kind: u64,
    words: [u64; 2],
}

const EXIT_NONE: u64 = 0;
const EXIT_RETURNED: u64 = 1;
const EXIT_YIELDED: u64 = 2;

impl ExitSlot {
    pub(crate) fn new() -> ExitSlot {
        ExitSlot {
            kind: EXIT_NONE,
            words: [0; 2],
        }
    }

    /// Records that the entry frame returned (`yielded: false`) or yielded
    /// `value`, which moves in.
    pub(crate) fn set(&mut self, yielded: bool, value: Value) {
        // SAFETY: a `Value` is two words; its ownership moves into `words`.
        let words: [u64; 2] = unsafe { std::mem::transmute(value) };
        unsafe {
            std::ptr::write_volatile(&mut self.words[0], words[0]);
            std::ptr::write_volatile(&mut self.words[1], words[1]);
        }
        self.kind = if yielded { EXIT_YIELDED } else { EXIT_RETURNED };
    }

    /// Takes whatever was recorded: whether it was a yield, and the words.
    fn take_words(&mut self) -> Option<(bool, [u64; 2])> {
        let yielded = match std::mem::replace(&mut self.kind, EXIT_NONE) {
            EXIT_NONE => return None,
            kind => kind == EXIT_YIELDED,
        };
        // SAFETY: plain reads of the words `set` wrote.
        let words = unsafe {
            [
                std::ptr::read_volatile(&self.words[0]),
                std::ptr::read_volatile(&self.words[1]),
            ]
        };
        Some((yielded, words))
    }

    /// Takes the returned value's two words (`None` unless it returned).
    pub(crate) fn take_returned_words(&mut self) -> Option<[u64; 2]> {
        if self.kind != EXIT_RETURNED {
            return None;
        }
        self.take_words().map(|(_, words)| words)
    }

    /// Takes what was recorded, as the runtime's `Exit`.
    pub(crate) fn take(&mut self) -> Option<Exit> {
        let (yielded, words) = self.take_words()?;
        // SAFETY: `set` moved a value into these words; taken once.
        let value: Value = unsafe { std::mem::transmute(words) };
        Some(if yielded {
            Exit::Yielded(value)
        } else {
            Exit::Returned(value)
        })
    }
}

/// How the JIT is set up for a run (`pvm run --jit-threshold`,
/// `--jit-stats`, `--jit-dump`).
#[derive(Clone, Debug)]
pub struct Config {
    /// Calls plus loop back-edges a code object runs in the warm-up
    /// interpreter before it is compiled (0: compile at the first call).
    pub threshold: u32,
    /// Count executed instructions (warm-up and compiled) for the stats.
    pub count_instructions: bool,
    /// Keep the CLIF and machine code of code objects with this name (or
    /// qualified name) for `--jit-dump`.
    pub dump: Option<String>,
}

/// The default threshold: calls plus back-edges before a code object is
/// compiled (see the README for how it was chosen).
pub const DEFAULT_THRESHOLD: u32 = 1000;

impl Default for Config {
    fn default() -> Config {
        Config {
            threshold: DEFAULT_THRESHOLD,
            count_instructions: false,
            dump: None,
        }
    }
}

/// The configuration in force: null until `configure` is first called.
static CONFIG: AtomicPtr<Config> = AtomicPtr::new(std::ptr::null_mut());

/// Sets the JIT up before a program runs. `pvm run` calls it once; `pvm
/// explain` calls it before each of its runs (timed, counted, dumped),
/// which then compile fresh code objects under the new settings. Each
/// call keeps its `Config` for the rest of the process (a few words), as
/// code compiled before may still read the old one.
pub fn configure(config: Config) {
    CONFIG.store(Box::into_raw(Box::new(config)), Ordering::Release);
}

pub(crate) fn config() -> &'static Config {
    static DEFAULT: OnceLock<Config> = OnceLock::new();
    let configured = CONFIG.load(Ordering::Acquire);
    if configured.is_null() {
        DEFAULT.get_or_init(Config::default)
    } else {
        // SAFETY: set only from `Box::into_raw` and never freed.
        unsafe { &*configured }
    }
}

/// The JIT backend.
pub struct JitBackend;

/// The JIT as `pvm run --backend jit` uses it.
pub static JIT: JitBackend = JitBackend;

impl Backend for JitBackend {
    fn name(&self) -> &'static str {
        "jit"
    }

    fn description(&self) -> &'static str {
        "Cranelift JIT: warm-up interpreter, then hot code objects compiled to machine code"
    }

    fn execute(&self, interp: &mut Interp, stack: &mut FrameStack) -> PyResult<Exit> {
        execute(interp, stack)
    }
}

/// `Backend::execute`: runs frames, unwinding exceptions through the
/// runtime's frame protocol, until the entry frame returns or yields.
pub(crate) fn execute(interp: &mut Interp, stack: &mut FrameStack) -> PyResult<Exit> {
    let mut exit = ExitSlot::new();
    // SAFETY: as for `run`.
    match unsafe { enter_directly(interp, stack, &mut exit) } {
        Some(result) => result?,
        None => execute_into(interp, stack, &mut exit)?,
    }
    exit.take()
        .ok_or_else(|| internal("a frame left without its value"))
}

/// The same, leaving how the entry frame left in `exit`.
pub(crate) fn execute_into(
    interp: &mut Interp,
    stack: &mut FrameStack,
    exit: &mut ExitSlot,
) -> PyResult<()> {
    loop {
        // SAFETY: `stack` is this run's frame stack, its top frame's slots
        // are all in `values`, and nothing else uses it meanwhile.
        match unsafe { run(interp, stack, exit) } {
            Ok(()) => return Ok(()),
            Err(error) => stack.unwind(interp, error)?,
        }
    }
}

/// The common cases of a nested run: a frame just pushed by a builtin (a
/// class calling `__init__`, `sorted`'s key, `map`), or a generator
/// resumed after its `yield`, whose code is compiled with an entry where
/// the frame stands. It runs straight in its machine code, as a call from
/// compiled code does (`helpers::call_nested`), without the driver's loop.
/// `None` (nothing done) for anything else.
unsafe fn enter_directly(
    interp: &mut Interp,
    stack: &mut FrameStack,
    exit: &mut ExitSlot,
) -> Option<PyResult<()>> {
    let frame = stack.frames.last()?;
    let function = frame.function_ptr();
    let code = &(*function).code;
    let entry = JitCode::compiled_entry(code)?;
    let (index, depth) = JitCode::of(code).ok()?.enterable(frame.pc)?;
    let base = frame.base;
    let operands = base + code.local_count;
    if stack.values.len() != operands + depth as usize {
        return None;
    }
    let mut ctx = Ctx {
        slots: stack.values.as_mut_ptr(),
        base,
        interrupt: &*interp.interrupt,
        interp,
        stack,
        function,
        error: None,
        exit,
        frame: std::ptr::null_mut(),
        operands: 0,
    };
    (*ctx.stack).values.set_len(0);
    let status = entry(&mut ctx, index as u32);
    Some(if status & 0xff == status::EXITED {
        Ok(())
    } else {
        continue_compiled(&mut ctx, status, operands, depth)
    })
}

/// Runs frames until the entry frame returns or yields, or an exception is
/// raised (the caller unwinds and calls again). Each pass enters the frame
/// on top: in compiled code if its code object has some, otherwise in the
/// warm-up interpreter.
unsafe fn run(interp: &mut Interp, stack: &mut FrameStack, exit: &mut ExitSlot) -> PyResult<()> {
    let config = config();
    let mut ctx = Ctx {
        slots: std::ptr::null_mut(),
        base: 0,
        interrupt: &*interp.interrupt,
        interp,
        stack,
        function: std::ptr::null(),
        error: None,
        exit,
        frame: std::ptr::null_mut(),
        operands: 0,
    };
    loop {
        let stack = &mut *ctx.stack;
        let Some(frame) = stack.frames.last() else {
            return Err(internal("the JIT was asked to run without a frame"));
        };
        let function = frame.function_ptr();
        let (pc, base) = (frame.pc, frame.base);
        let code = &(*function).code;
        if pc == 0 {
            code.tiers.warm_up(1);
        }
        ctx.slots = stack.values.as_mut_ptr();
        ctx.base = base;
        ctx.function = function;
        let status = match JitCode::ready(code, config.threshold)? {
            Some(entry) => {
                let jit_code = JitCode::of(code)?;
                let Some((index, depth)) = jit_code.enterable(pc) else {
                    return Err(internal(
                        "a frame continues at an instruction no path reaches",
                    ));
                };
                let height = base + code.local_count + depth as usize;
                if stack.values.len() != height {
                    return Err(internal(
                        "a frame's operand stack is not the height its code says",
                    ));
                }
                // The running code owns the slots now; whatever leaves hands
                // them back (`helpers::raise` and friends set the length).
                stack.values.set_len(0);
                let status = entry(&mut ctx, index as u32);
                if status & 0xff == status::NOT_ENTERED {
                    // Nothing ran: the switch takes the frame as it is.
                    (*ctx.stack).values.set_len(height);
                    warm::run(&mut ctx, config)
                } else {
                    status
                }
            }
            None => warm::run(&mut ctx, config),
        };
        if let Some(result) = after_entry(&mut ctx, status, base + code.local_count) {
            return result;
        }
    }
}

/// What the driver does once compiled code or the warm-up interpreter
/// answered `status` for a frame whose locals end at slot `operands`:
/// `None` to enter the frame now on top, or how the run ends (the caller
/// unwinds an error and calls again).
#[inline(always)]
unsafe fn after_entry(ctx: &mut Ctx, status: u64, operands: usize) -> Option<PyResult<()>> {
    match status & 0xff {
        status::LEFT => None,
        status::RAISED => Some(Err(ctx
            .error
            .take()
            .unwrap_or_else(|| internal("an exception was raised but not recorded")))),
        status::EXITED => Some(Ok(())),
        // `BROKEN` (verified code never gets there) or a status no helper
        // answers: the frame's operands are lost (leaked, never dropped
        // twice); its locals go back to the stack for unwinding.
        _ => {
            (*ctx.stack).values.set_len(operands);
            Some(Err(internal("compiled code ran off its verified paths")))
        }
    }
}

/// Goes on with a nested run whose entry frame's compiled code answered
/// `status` other than `EXITED` (a call that left, an exception, code that
/// was not entered); `operands` is where the entry frame's locals end and
/// `depth` its operand stack's height where it was entered.
/// The rest runs through the driver.
#[cold]
#[inline(never)]
pub(crate) unsafe fn continue_compiled(
    ctx: &mut Ctx,
    status: u64,
    operands: usize,
    depth: u32,
) -> PyResult<()> {
    let stack = &mut *ctx.stack;
    if status & 0xff == status::NOT_ENTERED {
        // Nothing ran: the driver takes the frame as it is.
        stack.values.set_len(operands + depth as usize);
    } else if let Some(result) = after_entry(ctx, status, operands) {
        match result {
            Ok(()) => return Ok(()),
            Err(error) => stack.unwind(&mut *ctx.interp, error)?,
        }
    }
    execute_into(&mut *ctx.interp, stack, &mut *ctx.exit)
}

/// An error in pvm itself, not in the program.
#[cold]
fn internal(what: &str) -> PyErr {
    pvm_runtime::exceptions::runtime_error(&format!("pvm internal error (jit): {what}"))
}
