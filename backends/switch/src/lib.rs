//! The reference backend: a `loop { match op { ... } }` over the wordcode,
//! shaped like CPython's ceval loop without computed gotos.
//!
//! Python-to-Python calls never recurse on the Rust stack: each call pushes a
//! `Frame` on a heap frame stack and the same loop continues in the callee,
//! whose locals live in place on one shared value stack (the caller's
//! arguments become the callee's first locals, as in CPython 3.11). This
//! crate decides nothing about semantics: every operation calls `pvm-runtime`.

mod dispatch;
mod fuse;

use pvm_frontend::Opcode;
use pvm_runtime::generators::{Resume, Resumed, Suspended};
use pvm_runtime::{call, Backend, Function, Interp, PyDict, PyErr, PyResult, PyStr, RtCode, Value};
use std::rc::Rc;

/// The switch-dispatch backend. `superinstructions` selects whether frequent
/// instruction pairs run as one operation (`fuse.rs`), as CPython 3.11 runs
/// `LOAD_FAST__LOAD_FAST`.
pub struct SwitchBackend {
    pub superinstructions: bool,
}

impl Default for SwitchBackend {
    fn default() -> SwitchBackend {
        SwitchBackend {
            superinstructions: true,
        }
    }
}

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
        SUPERINSTRUCTIONS.with(|s| s.set(self.superinstructions));
        Vm::default().run_module(interp, code, globals)
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
    let mut vm = Vm::pooled();
    vm.stack.push(Value::Function(function.clone()));
    vm.stack.extend_from_slice(args);
    let result = call_python(
        &mut vm.stack,
        &mut vm.frames,
        interp,
        function,
        0,
        args.len(),
        kwnames,
    )
    .and_then(|()| vm.run(interp));
    vm.recycle();
    result
}

thread_local! {
    /// Whether runs on this thread use superinstructions (nested runs too).
    static SUPERINSTRUCTIONS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
    /// Whether runs on this thread record type feedback (nested runs too).
    static TYPE_FEEDBACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Stacks of finished nested runs, reused by the next one.
    static SPARE: std::cell::RefCell<pvm_runtime::stackpool::StackPool<Frame>> =
        const { std::cell::RefCell::new(pvm_runtime::stackpool::StackPool::new()) };
}

impl Vm {
    /// A VM for a nested run, on recycled stacks when there are some.
    fn pooled() -> Vm {
        let (stack, frames) = SPARE.with(|s| s.borrow_mut().take());
        Vm {
            stack,
            frames,
            ..Vm::default()
        }
    }

    /// Gives the stacks back for the next nested run.
    fn recycle(mut self) {
        let (stack, frames) = (
            std::mem::take(&mut self.stack),
            std::mem::take(&mut self.frames),
        );
        SPARE.with(|s| s.borrow_mut().give(stack, frames));
    }
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
    let mut vm = Vm::pooled();
    std::mem::swap(&mut vm.stack, &mut suspended.slots);
    interp.enter_frame()?;
    // Room for the deepest operand stack, so the loop pushes unchecked.
    let needed = 1 + function.code.local_count + function.code.code.max_stack as usize;
    vm.stack.reserve(needed.saturating_sub(vm.stack.len()));
    vm.frames.push(Frame {
        function: &**function,
        pc: suspended.pc,
        base: 1,
    });
    match how {
        Resume::Send(value) => vm.stack.push(value),
        Resume::Throw(error) => vm.unwind(interp, error, 1)?,
    }
    let value = vm.run(interp)?;
    if !vm.suspended {
        vm.recycle();
        return Ok(Resumed::Returned(value));
    }
    let frame = vm.frames.pop().expect("the yielding frame");
    interp.leave_frame();
    suspended.pc = frame.pc;
    std::mem::swap(&mut vm.stack, &mut suspended.slots);
    vm.recycle();
    Ok(Resumed::Yielded(value))
}

/// An activation record. It owns nothing: its function object sits in the
/// stack slot just below its locals (`base - 1`) for as long as the frame
/// exists, and that is what keeps the code and globals alive.
pub(crate) struct Frame {
    function: *const Function,
    /// Index of the instruction to resume at (saved while a callee runs).
    pc: usize,
    /// Stack index of local 0.
    base: usize,
}

impl Frame {
    /// The running function.
    fn function(&self) -> &Function {
        // SAFETY: the function object lives in stack slot `base - 1`, which
        // is only cleared when this frame is popped (see `Frame`).
        unsafe { &*self.function }
    }
}

impl Default for Vm {
    fn default() -> Vm {
        Vm {
            stack: Vec::new(),
            frames: Vec::new(),
            pairs: None,
            suspended: false,
            superinstructions: SUPERINSTRUCTIONS.with(|s| s.get()),
            type_feedback: TYPE_FEEDBACK.with(|f| f.get()),
        }
    }
}

pub(crate) struct Vm {
    stack: Vec<Value>,
    frames: Vec<Frame>,
    /// Dynamic opcode-pair counts, when profiling.
    pairs: Option<Box<PairCounts>>,
    /// Set when the entry frame yielded instead of returning.
    suspended: bool,
    /// Whether to run superinstructions (`fuse.rs`).
    superinstructions: bool,
    /// Whether `profile!` records type feedback (`pvm_runtime::feedback`).
    type_feedback: bool,
}

/// How often each opcode ran right after each other opcode
/// (`counts[first][second]`), `EXTENDED_ARG` prefixes not counted.
pub struct PairCounts {
    pub counts: Vec<[u64; 256]>,
    previous: Option<Opcode>,
}

impl PairCounts {
    fn new() -> PairCounts {
        PairCounts {
            counts: vec![[0; 256]; 256],
            previous: None,
        }
    }

    #[inline]
    pub(crate) fn record(&mut self, op: Opcode) {
        if op == Opcode::EXTENDED_ARG {
            return;
        }
        if let Some(previous) = self.previous {
            self.counts[previous as usize][op as usize] += 1;
        }
        self.previous = Some(op);
    }

    /// The pairs that ran, most frequent first.
    pub fn ranked(&self) -> Vec<(u64, Opcode, Opcode)> {
        let mut pairs = Vec::new();
        for (first, row) in self.counts.iter().enumerate() {
            for (second, &count) in row.iter().enumerate() {
                if let (true, Some(a), Some(b)) = (
                    count > 0,
                    Opcode::from_u8(first as u8),
                    Opcode::from_u8(second as u8),
                ) {
                    pairs.push((count, a, b));
                }
            }
        }
        pairs.sort_by(|x, y| {
            y.0.cmp(&x.0)
                .then(x.1.name().cmp(y.1.name()))
                .then(x.2.name().cmp(y.2.name()))
        });
        pairs
    }
}

/// Runs module code on the switch PVM while counting which opcode follows
/// which (`pvm run --opcode-pairs`): the data behind superinstructions.
pub fn run_counting_pairs(
    interp: &mut Interp,
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
) -> (PyResult<Value>, Box<PairCounts>) {
    let mut vm = Vm {
        pairs: Some(Box::new(PairCounts::new())),
        ..Vm::default()
    };
    let result = vm.run_module(interp, code, globals);
    (result, vm.pairs.take().expect("set above"))
}

/// Runs module code on the switch PVM while recording what each profiled
/// instruction sees (`pvm run --type-feedback`): the type feedback a tiering
/// JIT specialises on, read back with `pvm_runtime::feedback::take_recorded`.
pub fn run_recording_feedback(
    interp: &mut Interp,
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
) -> PyResult<Value> {
    TYPE_FEEDBACK.with(|f| f.set(true));
    let result = Vm::default().run_module(interp, code, globals);
    TYPE_FEEDBACK.with(|f| f.set(false));
    result
}

#[inline(always)]
fn push_frame(
    stack: &mut Vec<Value>,
    frames: &mut Vec<Frame>,
    interp: &mut Interp,
    function: &Function,
    base: usize,
) -> PyResult<()> {
    interp.enter_frame()?;
    let code = &function.code;
    let locals_end = base + code.local_count;
    // Room for the locals and the deepest operand stack the code can reach,
    // so the dispatch loop can push without capacity checks.
    let needed = locals_end + code.code.max_stack as usize;
    stack.reserve(needed.saturating_sub(stack.len()));
    if stack.len() > locals_end {
        stack.truncate(locals_end);
    }
    // Reserved above, so these pushes never reallocate.
    while stack.len() < locals_end {
        stack.push(Value::Unbound);
    }
    frames.push(Frame {
        function,
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
    let base = callee + 1;
    if !call::binds_in_place(function, argc, kwnames) {
        call::bind_on_stack(stack, base, function, kwnames)?;
    }
    push_frame(stack, frames, interp, function, base)
}

impl Vm {
    fn run_module(
        &mut self,
        interp: &mut Interp,
        code: Rc<RtCode>,
        globals: Rc<PyDict>,
    ) -> PyResult<Value> {
        interp.call_function = call_function;
        interp.resume_generator = resume_generator;
        let module = call::module_function(code, globals);
        self.stack.push(Value::Function(module.clone()));
        push_frame(&mut self.stack, &mut self.frames, interp, &module, 1)?;
        self.run(interp)
    }

    /// Runs until the frame that was on top when called returns.
    fn run(&mut self, interp: &mut Interp) -> PyResult<Value> {
        let entry_depth = self.frames.len();
        loop {
            let outcome = if self.pairs.is_some() {
                self.dispatch::<true, false>(interp, entry_depth)
            } else if self.type_feedback {
                self.dispatch::<false, true>(interp, entry_depth)
            } else {
                self.dispatch::<false, false>(interp, entry_depth)
            };
            match outcome {
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
        // Raised while handling another exception: chain it as the context.
        error.attach_context(&interp.handled);
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return Err(error);
            };
            let offset = frame.pc.saturating_sub(1);
            let code = &frame.function().code;
            error.add_traceback(code, offset);
            let handler = pvm_runtime::exceptions::handler_at(code, offset);
            if let Some(handler) = handler {
                let stack_base = frame.base + code.local_count;
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
}
