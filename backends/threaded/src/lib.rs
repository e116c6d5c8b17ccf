//! The threaded-code backend. Each code object is translated once, lazily,
//! into pre-decoded instructions (`translate.rs`): a handler pointer plus
//! decoded operands. The handlers (`handlers.rs`) are generated from the same
//! per-opcode bodies as the switch PVM (`pvm_runtime::opcode_body!`). Each
//! ends by calling the next instruction's handler in tail position, with the
//! instruction pointer, stack pointer and frame pointer passed as arguments,
//! so they stay in registers. In optimised builds LLVM turns those calls into
//! jumps. Unoptimised builds chain the same handlers through a trampoline
//! loop instead (`build.rs` chooses; see `pvm_tail_calls`).
//!
//! Python-to-Python calls push a frame on the run's `FrameStack` (the
//! runtime's frame protocol) and continue in the callee's instructions; they
//! never recurse on the Rust stack. This crate decides nothing about
//! semantics and keeps no frames of its own: a frame's `resume` word holds
//! the instruction pointer to return to, its `pc` the same as a code unit.

mod fuse;
mod handlers;
mod translate;

use pvm_runtime::{Backend, Exit, FrameStack, Function, Interp, PyErr, PyResult, Value};
use translate::Instr;

/// The threaded-code backend. `superinstructions` selects whether frequent
/// instruction pairs are fused at translation time.
pub struct ThreadedBackend {
    pub superinstructions: bool,
}

/// The threaded VM as `pvm run` uses it.
pub static THREADED: ThreadedBackend = ThreadedBackend {
    superinstructions: true,
};

impl Backend for ThreadedBackend {
    fn name(&self) -> &'static str {
        "threaded"
    }

    fn description(&self) -> &'static str {
        "threaded code: pre-decoded instructions, handlers chained by tail calls"
    }

    fn execute(&self, interp: &mut Interp, stack: &mut FrameStack) -> PyResult<Exit> {
        let mut vm = Vm::new(interp, stack, self.superinstructions);
        vm.start().and_then(|()| vm.run())
    }
}

/// How a chain of handlers ended.
#[repr(usize)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Control {
    /// The entry frame returned; the value is in `Vm::result`.
    Returned,
    /// An exception is in `Vm::error`; unwind.
    Raised,
    /// Continue with the registers saved in `Vm` (after calls and returns,
    /// and after every instruction in trampoline mode).
    Next,
    /// The entry (generator) frame yielded; the value is in `Vm::result`.
    Yielded,
}

/// Interpreter state that does not live in registers. While handlers run,
/// `stack.values` has length 0 and the handlers own its slots up to `sp`
/// through raw pointers; `sync` hands them back before anything uses the
/// `Vec`.
pub(crate) struct Vm<'s> {
    stack: &'s mut FrameStack,
    interp: *mut Interp,
    /// Whether code is translated with superinstructions.
    superinstructions: bool,
    /// The native stack pointer where `run` starts chains (see
    /// `handlers::chain_grew`).
    chain_base: usize,
    /// The running frame's function (kept alive by its stack slot).
    function: *const Function,
    result: Value,
    error: Option<PyErr>,
    // Registers, saved between chains (and between trampoline steps).
    ip: *const Instr,
    sp: *mut Value,
    fp: *mut Value,
}

impl<'s> Vm<'s> {
    fn new(interp: &mut Interp, stack: &'s mut FrameStack, superinstructions: bool) -> Vm<'s> {
        Vm {
            stack,
            interp,
            superinstructions,
            chain_base: 0,
            function: std::ptr::null(),
            result: Value::None,
            error: None,
            ip: std::ptr::null(),
            sp: std::ptr::null_mut(),
            fp: std::ptr::null_mut(),
        }
    }

    /// Gives the slots below `sp` back to the `Vec`.
    fn sync(&mut self, sp: *mut Value) {
        // SAFETY: `sp` points into the stack's buffer, at or above its start,
        // and every slot below it holds a live value.
        unsafe {
            let len = sp.offset_from(self.stack.values.as_ptr()) as usize;
            self.stack.values.set_len(len);
        }
    }

    /// Takes the slots back from the `Vec` and points the registers at them.
    fn unsync(&mut self) {
        let len = self.stack.values.len();
        // SAFETY: the loop owns slots `0..len` until the next `sync`.
        unsafe { self.stack.values.set_len(0) };
        let slots = self.stack.values.as_mut_ptr();
        let base = self.stack.frames.last().map_or(0, |f| f.base);
        // SAFETY: both offsets are within the allocation (`base <= len`).
        unsafe {
            self.sp = slots.add(len);
            self.fp = slots.add(base);
        }
    }

    /// Points the registers at the frame on top, at its `resume` word when
    /// it has one (a generator this VM suspended), else at its `pc` (the
    /// stack is synced): where a run starts, and where an exception was
    /// caught.
    fn start(&mut self) -> PyResult<()> {
        let frame = self.stack.frames.last().expect("a frame to run");
        let (function, pc, resume) = (frame.function_ptr(), frame.pc, frame.resume);
        self.function = function;
        // SAFETY: the frame's function is alive (see `Frame`).
        let code = unsafe { &(*function).code };
        let entry = translate::entry_if_made(code, self.superinstructions);
        self.ip = if resume != 0 {
            resume as *const Instr
        } else if pc == 0 && !entry.is_null() {
            // A call from a builtin (`__init__`, `key=`): one load.
            entry
        } else {
            translate::translation(code, self.superinstructions)?.instr_at(pc)?
        };
        self.unsync();
        Ok(())
    }

    /// Runs handler chains until the entry frame returns or yields, or an
    /// exception escapes it.
    fn run(&mut self) -> PyResult<Exit> {
        let marker = 0u8;
        let base = std::hint::black_box(&marker) as *const u8 as usize;
        let outer = std::mem::replace(&mut self.chain_base, base);
        let result = self.run_chains();
        self.chain_base = outer;
        result
    }

    fn run_chains(&mut self) -> PyResult<Exit> {
        loop {
            let (ip, sp, fp) = (self.ip, self.sp, self.fp);
            // SAFETY: `ip` points at an instruction of the running frame's
            // translation, and `sp`/`fp` at its slots (set by `start`,
            // `unsync` or the previous handler).
            let control = unsafe { ((*ip).handler)(self, ip, sp, fp) };
            match control {
                Control::Next => {}
                Control::Returned => return Ok(Exit::Returned(std::mem::take(&mut self.result))),
                Control::Yielded => return Ok(Exit::Yielded(std::mem::take(&mut self.result))),
                Control::Raised => {
                    let error = self.error.take().expect("a raised chain leaves its error");
                    // SAFETY: `interp` outlives the VM (both live for one run).
                    let interp = unsafe { &mut *self.interp };
                    self.stack.unwind(interp, error)?;
                    self.start()?;
                }
            }
        }
    }
}
