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
//! Python-to-Python calls push a `Frame` and continue in the callee's
//! instructions; they never recurse on the Rust stack. This crate decides
//! nothing about semantics.

mod fuse;
mod handlers;
mod translate;

use pvm_runtime::generators::{Resume, Resumed, Suspended};
use pvm_runtime::{call, Backend, Function, Interp, PyDict, PyErr, PyResult, PyStr, RtCode, Value};
use std::rc::Rc;
use translate::Instr;

/// The threaded-code backend. `superinstructions` selects whether frequent
/// instruction pairs are fused at translation time.
pub struct ThreadedBackend {
    pub superinstructions: bool,
}

impl Default for ThreadedBackend {
    fn default() -> Self {
        ThreadedBackend {
            superinstructions: true,
        }
    }
}

impl Backend for ThreadedBackend {
    fn name(&self) -> &'static str {
        "threaded"
    }

    fn description(&self) -> &'static str {
        "threaded code: pre-decoded instructions, handlers chained by tail calls"
    }

    fn run_module(
        &self,
        interp: &mut Interp,
        code: Rc<RtCode>,
        globals: Rc<PyDict>,
    ) -> PyResult<Value> {
        interp.call_function = call_function;
        interp.resume_generator = resume_generator;
        translate::set_superinstructions(self.superinstructions);
        let module = call::module_function(code, globals);
        let mut vm = Vm::new(interp);
        vm.stack.push(Value::Function(module.clone()));
        vm.enter(&module, 1, std::ptr::null())?;
        vm.run()
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
    let mut vm = Vm::pooled(interp);
    vm.stack.push(Value::Function(function.clone()));
    vm.stack.extend_from_slice(args);
    let result = vm
        .bind_and_enter(function, 0, args.len(), kwnames, std::ptr::null())
        .and_then(|()| vm.run());
    vm.recycle();
    result
}

thread_local! {
    /// Stacks of finished nested runs, reused by the next one.
    static SPARE: std::cell::RefCell<pvm_runtime::stackpool::StackPool<Frame>> =
        const { std::cell::RefCell::new(pvm_runtime::stackpool::StackPool::new()) };
}

/// Runs a suspended generator frame until it yields or returns. The frame
/// runs on its own saved stack (`Suspended::slots`), taken over whole by a
/// nested run and handed back when it yields.
fn resume_generator(
    interp: &mut Interp,
    function: &Rc<Function>,
    suspended: &mut Suspended,
    how: Resume,
) -> PyResult<Resumed> {
    let mut vm = Vm::pooled(interp);
    let translation = translate::translation(&function.code)?;
    let at = translation.instr_at(suspended.pc)?;
    // The frame runs on its own saved stack, taken over whole.
    std::mem::swap(&mut vm.stack, &mut suspended.slots);
    vm.resume_frame(function, at)?;
    vm.sync(vm.sp);
    vm.entry_depth = 1;
    match how {
        Resume::Send(value) => {
            vm.stack.push(value);
            vm.unsync();
        }
        Resume::Throw(error) => {
            // The exception is raised at the `yield` the frame stopped in.
            let yielded_at = translation.instr_at(suspended.pc.saturating_sub(1))?;
            if let Some(frame) = vm.frames.last_mut() {
                frame.current = yielded_at;
            }
            vm.unwind(error)?;
        }
    }
    let value = vm.run()?;
    if !vm.suspended {
        vm.recycle();
        return Ok(Resumed::Returned(value));
    }
    let frame = vm.frames.pop().expect("the yielding frame");
    vm.interp().leave_frame();
    // SAFETY: `current` points into the frame's translation.
    suspended.pc = unsafe { (*frame.current).offset } as usize + 1;
    std::mem::swap(&mut vm.stack, &mut suspended.slots);
    vm.recycle();
    Ok(Resumed::Yielded(value))
}

/// An activation record. It owns nothing: its function object sits in the
/// stack slot just below its locals (`base - 1`) for as long as it exists.
struct Frame {
    function: *const Function,
    /// The caller's `CALL` instruction (null for the entry frame).
    caller: *const Instr,
    /// The instruction this frame was running when it last stopped (for
    /// tracebacks and exception handlers).
    current: *const Instr,
    base: usize,
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
/// `stack` has length 0 and the handlers own its slots up to `sp` through raw
/// pointers; `sync` hands them back before anything uses the `Vec`.
pub(crate) struct Vm {
    stack: Vec<Value>,
    frames: Vec<Frame>,
    interp: *mut Interp,
    entry_depth: usize,
    /// The native stack pointer where `run` starts chains (see
    /// `handlers::chain_grew`).
    chain_base: usize,
    /// The running frame's function (kept alive by its stack slot).
    function: *const Function,
    result: Value,
    error: Option<PyErr>,
    /// Set when the entry frame yielded instead of returning.
    suspended: bool,
    // Registers, saved between chains (and between trampoline steps).
    ip: *const Instr,
    sp: *mut Value,
    fp: *mut Value,
}

impl Vm {
    /// A VM for a nested run, on recycled stacks when there are some.
    fn pooled(interp: &mut Interp) -> Vm {
        let (stack, frames) = SPARE.with(|s| s.borrow_mut().take());
        let mut vm = Vm::new(interp);
        vm.stack = stack;
        vm.frames = frames;
        vm
    }

    /// Gives the stacks back for the next nested run.
    fn recycle(mut self) {
        let (stack, frames) = (
            std::mem::take(&mut self.stack),
            std::mem::take(&mut self.frames),
        );
        SPARE.with(|s| s.borrow_mut().give(stack, frames));
    }

    fn new(interp: &mut Interp) -> Vm {
        Vm {
            stack: Vec::new(),
            frames: Vec::new(),
            interp,
            entry_depth: 0,
            chain_base: 0,
            function: std::ptr::null(),
            result: Value::None,
            error: None,
            suspended: false,
            ip: std::ptr::null(),
            sp: std::ptr::null_mut(),
            fp: std::ptr::null_mut(),
        }
    }

    fn interp(&mut self) -> &mut Interp {
        // SAFETY: `interp` outlives the VM (both live for one backend run).
        unsafe { &mut *self.interp }
    }

    /// Gives the slots below `sp` back to the `Vec`.
    fn sync(&mut self, sp: *mut Value) {
        // SAFETY: `sp` points into the stack's buffer, at or above its start,
        // and every slot below it holds a live value.
        unsafe {
            let len = sp.offset_from(self.stack.as_ptr()) as usize;
            self.stack.set_len(len);
        }
    }

    /// Takes the slots back from the `Vec` and points the registers at them.
    fn unsync(&mut self) {
        let len = self.stack.len();
        // SAFETY: the loop owns slots `0..len` until the next `sync`.
        unsafe { self.stack.set_len(0) };
        let slots = self.stack.as_mut_ptr();
        let base = self.frames.last().map_or(0, |f| f.base);
        // SAFETY: both offsets are within the allocation (`base <= len`).
        unsafe {
            self.sp = slots.add(len);
            self.fp = slots.add(base);
        }
    }

    /// Pushes a frame for `function`, whose arguments are bound and whose
    /// locals start at `base` (stack synced), and points the registers at it.
    #[inline(always)]
    fn enter(&mut self, function: &Function, base: usize, caller: *const Instr) -> PyResult<()> {
        self.interp().enter_frame()?;
        let code = &function.code;
        let mut entry = code.translation_entry.get() as *const Instr;
        if entry.is_null() {
            entry = translate::translation(code)?.instrs.as_ptr();
            code.translation_entry.set(entry as usize);
        }
        let locals_end = base + code.local_count;
        // Room for the locals and the deepest operand stack the code can
        // reach, so handlers can push without capacity checks.
        let needed = locals_end + code.code.max_stack as usize;
        self.stack.reserve(needed.saturating_sub(self.stack.len()));
        if self.stack.len() != locals_end {
            self.stack.resize(locals_end, Value::Unbound);
        }
        self.frames.push(Frame {
            function,
            caller,
            current: entry,
            base,
        });
        self.function = function;
        self.ip = entry;
        self.unsync();
        Ok(())
    }

    /// Pushes the frame of a suspended generator, whose function, locals and
    /// operands are the whole (synced) stack, to continue at `at`.
    fn resume_frame(&mut self, function: &Function, at: *const Instr) -> PyResult<()> {
        self.interp().enter_frame()?;
        let code = &function.code;
        let needed = 1 + code.local_count + code.code.max_stack as usize;
        self.stack.reserve(needed.saturating_sub(self.stack.len()));
        self.frames.push(Frame {
            function,
            caller: std::ptr::null(),
            current: at,
            base: 1,
        });
        self.function = function;
        self.ip = at;
        self.unsync();
        Ok(())
    }

    /// Binds arguments (when the fast path does not apply) and enters.
    #[inline(always)]
    fn bind_and_enter(
        &mut self,
        function: &Function,
        callee: usize,
        argc: usize,
        kwnames: &[Rc<PyStr>],
        caller: *const Instr,
    ) -> PyResult<()> {
        let base = callee + 1;
        if !call::binds_in_place(function, argc, kwnames) {
            call::bind_on_stack(&mut self.stack, base, function, kwnames)?;
        }
        self.enter(function, base, caller)
    }

    /// Runs handler chains until the entry frame returns or an exception
    /// escapes it.
    fn run(&mut self) -> PyResult<Value> {
        let marker = 0u8;
        let base = std::hint::black_box(&marker) as *const u8 as usize;
        let outer = std::mem::replace(&mut self.chain_base, base);
        let result = self.run_chains();
        self.chain_base = outer;
        result
    }

    fn run_chains(&mut self) -> PyResult<Value> {
        self.entry_depth = self.frames.len();
        loop {
            let (ip, sp, fp) = (self.ip, self.sp, self.fp);
            // SAFETY: `ip` points at an instruction of the running frame's
            // translation, and `sp`/`fp` at its slots (set by `enter`,
            // `unsync` or the previous handler).
            let control = unsafe { ((*ip).handler)(self, ip, sp, fp) };
            match control {
                Control::Next => {}
                Control::Returned => return Ok(std::mem::take(&mut self.result)),
                Control::Yielded => {
                    self.suspended = true;
                    return Ok(std::mem::take(&mut self.result));
                }
                Control::Raised => {
                    let error = self.error.take().expect("a raised chain leaves its error");
                    self.unwind(error)?;
                }
            }
        }
    }

    /// Records the traceback and pops frames until a handler in the exception
    /// table catches the error (then the registers point at it) or the entry
    /// frame is gone (then the error is returned). The stack is synced.
    #[cold]
    fn unwind(&mut self, mut error: PyErr) -> PyResult<()> {
        // Raised while handling another exception: chain it as the context.
        error.attach_context(&self.interp().handled);
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return Err(error);
            };
            // SAFETY: the frame's function is alive (see `Frame`) and
            // `current` points into its translation.
            let function = unsafe { &*frame.function };
            let offset = unsafe { (*frame.current).offset } as usize;
            error.add_traceback(&function.code, offset);
            let handler = pvm_runtime::exceptions::handler_at(&function.code, offset);
            if let Some(handler) = handler {
                let translation = translate::translation(&function.code)?;
                let target = translation.instr_at(handler.target as usize)?;
                let stack_base = frame.base + function.code.local_count;
                self.stack.truncate(stack_base + handler.depth as usize);
                if handler.push_lasti {
                    self.stack.push(Value::Int(offset as i64));
                }
                self.stack.push(Value::Exception(error.0.exception.clone()));
                self.function = function;
                self.ip = target;
                self.unsync();
                return Ok(());
            }
            let frame = self.frames.pop().expect("checked above");
            self.interp().leave_frame();
            self.stack.truncate(frame.base - 1);
            if self.frames.len() < self.entry_depth {
                return Err(error);
            }
        }
    }
}
