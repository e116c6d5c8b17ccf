//! The frame protocol, written once for every backend: the frame record,
//! pushing a Python frame (argument binding, recursion accounting, and for
//! runs nested inside Rust code the native stack check),
//! returning, unwinding an exception through the exception table, and
//! running a function from any code-unit offset with given slots, which is
//! what resuming a generator and (for the JIT) deoptimising both are.
//!
//! Backends only decode and dispatch: they run the frame on top of a
//! `FrameStack` (`Backend::execute`) and call this module to push, pop and
//! unwind frames. This module runs no bytecode itself.
//!
//! **Moving slots.** All frames of one run share one value stack, a `Vec`.
//! `FrameStack::push` reserves room for the new frame's locals and deepest
//! operand stack, and that may move the whole buffer. The rule every backend
//! (and compiled code) follows: a pointer into `values` is good until the
//! next `call`, `unwind` or `resume` on the same stack, and is derived again
//! from `values` and the top frame's `base` afterwards. Debug builds move
//! the buffer on every push and poison the old one, so a stale pointer makes
//! the test suite fail instead of reading old values by luck.

use crate::exceptions::{handler_at, PyResult};
use crate::generators::{Resume, Resumed, Suspended};
use crate::value::{Function, PyDict, PyStr, Value};
use crate::{call, Interp, PyErr, RtCode};
use std::rc::Rc;

/// An activation record. It owns nothing: its function object sits in the
/// value-stack slot just below its locals (`base - 1`) for as long as the
/// frame exists, and that is what keeps the code and globals alive.
pub struct Frame {
    function: *const Function,
    /// The code unit to continue at: while a callee runs, the unit after the
    /// `CALL`; after an exception, the unit after the instruction that
    /// raised (tracebacks report `pc - 1`); at a handler, its target.
    pub pc: usize,
    /// Value-stack index of local 0.
    pub base: usize,
    /// The dispatcher's own form of `pc` (the threaded VM's instruction
    /// pointer), or 0 when only `pc` is known. Nothing here reads it.
    pub resume: usize,
}

impl Frame {
    /// The frame's function.
    #[inline(always)]
    pub fn function(&self) -> &Function {
        // SAFETY: the function object lives in stack slot `base - 1`, which
        // is only cleared when this frame is popped (see `Frame`).
        unsafe { &*self.function }
    }

    /// The same, as a raw pointer (for dispatchers that keep it in a register).
    #[inline(always)]
    pub fn function_ptr(&self) -> *const Function {
        self.function
    }
}

/// The frames of one run and the value stack they share.
#[derive(Default)]
pub struct FrameStack {
    /// Each frame's function, locals and operand stack, frame after frame.
    pub values: Vec<Value>,
    pub frames: Vec<Frame>,
    /// `Backend::execute` stops when the frame count drops below this (its
    /// entry frame returned) or the entry frame yields.
    pub entry_depth: usize,
    /// The run this one is nested in (the builtin's caller that called
    /// back into Python, or a generator's resumer), while it runs.
    outer: Option<std::ptr::NonNull<FrameStack>>,
}

/// How a run of `Backend::execute` ended.
pub enum Exit {
    /// The entry frame returned this value (and is gone).
    Returned(Value),
    /// The entry (generator) frame yielded this value; it is still on top,
    /// its `pc` just after the `YIELD_VALUE`.
    Yielded(Value),
}

/// Where a `RETURN_VALUE` continues.
pub enum Returned {
    /// In the caller, now on top, with the value pushed on its operand stack.
    ToCaller,
    /// Nowhere: the entry frame returned this value.
    FromEntry(Value),
}

thread_local! {
    /// Stacks of finished nested runs, reused by the next one.
    static SPARE: std::cell::RefCell<Vec<FrameStack>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Frame records of finished generators, for the next generator's first run.
    static SPARE_FRAMES: std::cell::RefCell<Vec<Vec<Frame>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Gives a finished generator's frame records back for the next one.
fn give_frames(mut frames: Vec<Frame>) {
    frames.clear();
    if frames.capacity() > 0 && frames.capacity() <= 1 << 12 {
        SPARE_FRAMES.with(|s| {
            let mut spare = s.borrow_mut();
            if spare.len() < 64 {
                spare.push(frames);
            }
        });
    }
}

impl FrameStack {
    /// An empty stack for a nested run, recycled when there is one, so a
    /// builtin calling back into Python allocates nothing.
    pub fn pooled() -> FrameStack {
        SPARE.with(|s| s.borrow_mut().pop()).unwrap_or_default()
    }

    /// Gives the stack back for the next nested run (kept while small).
    pub fn recycle(mut self) {
        self.values.clear();
        self.frames.clear();
        self.entry_depth = 0;
        if self.values.capacity() <= 1 << 16 && self.frames.capacity() <= 1 << 12 {
            SPARE.with(|s| {
                let mut spare = s.borrow_mut();
                if spare.len() < 64 {
                    spare.push(self);
                }
            });
        }
    }

    /// Pushes a frame for `function`, whose bound arguments are its first
    /// locals from `base` on, with its other locals unbound and room for
    /// its deepest operand stack (so dispatchers push unchecked). It starts
    /// at code unit 0. May move `values` (see the module docs).
    #[inline(always)]
    pub fn push(&mut self, interp: &mut Interp, function: &Function, base: usize) -> PyResult<()> {
        interp.enter_frame()?;
        let code = &function.code;
        let locals_end = base + code.local_count;
        let needed = locals_end + code.code.max_stack as usize;
        self.reserve_for(needed);
        if self.values.len() > locals_end {
            self.values.truncate(locals_end);
        }
        // Reserved above, so these pushes never reallocate.
        while self.values.len() < locals_end {
            self.values.push(Value::Unbound);
        }
        self.frames.push(Frame {
            function,
            pc: 0,
            base,
            resume: 0,
        });
        Ok(())
    }

    /// Makes room for `needed` values in all.
    #[inline(always)]
    fn reserve_for(&mut self, needed: usize) {
        if cfg!(debug_assertions) {
            relocate(&mut self.values, needed);
        } else {
            self.values
                .reserve(needed.saturating_sub(self.values.len()));
        }
    }

    /// Calls Python `function`, which sits at `callee` with `argc` arguments
    /// above it (the last `kwnames.len()` by keyword): binds them, unless
    /// they already are its first locals, and pushes its frame. The caller
    /// has recorded its own `pc` in its frame, and the stack is synced.
    #[inline(always)]
    pub fn call(
        &mut self,
        interp: &mut Interp,
        function: &Function,
        callee: usize,
        argc: usize,
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<()> {
        interp.check_interrupt()?;
        let base = callee + 1;
        if !call::binds_in_place(function, argc, kwnames) {
            call::bind_on_stack(&mut self.values, base, function, kwnames)?;
        }
        self.push(interp, function, base)
    }

    /// `call` in the common case where it has nothing to bind or make room
    /// for: `function` takes exactly its `argc` positional arguments (no
    /// defaults, keywords or `*args`), the value stack has room for its
    /// frame, and no interrupt or recursion error is due. Then its frame is
    /// pushed (its other locals unbound, written through the buffer, which
    /// does not move; `values.len()` is left to the caller) and the answer
    /// is true; otherwise nothing changed and the caller uses `call`.
    #[inline(always)]
    pub fn call_in_place(
        &mut self,
        interp: &mut Interp,
        function: &Function,
        callee: usize,
        argc: usize,
    ) -> bool {
        let code = &function.code;
        let base = callee + 1;
        let locals_end = base + code.local_count;
        if !call::binds_in_place(function, argc, &[])
            || locals_end + code.code.max_stack as usize > self.values.capacity()
            || self.frames.len() == self.frames.capacity()
            || interp.depth >= interp.recursion_limit
            || interp.interrupt_pending()
        {
            return false;
        }
        interp.depth += 1;
        let slots = self.values.as_mut_ptr();
        for at in base + argc..locals_end {
            // SAFETY: within the capacity checked above; these slots hold
            // no value (they are above the caller's operands).
            unsafe { slots.add(at).write(Value::Unbound) };
        }
        self.frames.push(Frame {
            function,
            pc: 0,
            base,
            resume: 0,
        });
        true
    }

    /// `RETURN_VALUE` with the stack synced: pops the result, releases the
    /// frame's slots (its function last, since it owns the code) and pops
    /// the frame.
    #[inline(always)]
    pub fn return_value(&mut self, interp: &mut Interp) -> Returned {
        let frame = self.frames.pop().expect("a returning frame");
        let values = &mut self.values;
        let top = values.len();
        debug_assert!(top > frame.base, "return with an empty operand stack");
        // SAFETY: slots `0..top` hold live values. The length drops first,
        // so the `Vec` owns only what is left; each released slot is read
        // exactly once.
        let slots = values.as_mut_ptr();
        let value = unsafe {
            values.set_len(frame.base - 1);
            let value = slots.add(top - 1).read();
            let mut at = top - 1;
            while at >= frame.base {
                at -= 1;
                slots.add(at).read().discard();
            }
            value
        };
        interp.leave_frame();
        if self.frames.len() < self.entry_depth {
            return Returned::FromEntry(value);
        }
        // The result takes the function's slot, just freed.
        // SAFETY: slot `base - 1` is within the buffer and holds no value.
        unsafe {
            slots.add(frame.base - 1).write(value);
            values.set_len(frame.base);
        }
        Returned::ToCaller
    }

    /// `return_value` for a dispatcher that keeps the value stack's length
    /// to itself, as after `call_in_place`: `top` is one past the result.
    /// When the returning frame is not the entry frame, its slots are
    /// released as `return_value` releases them (its function last), the
    /// result takes the function's slot, the frame is popped, and the answer
    /// is the caller's new operand-stack top (the returned frame's `base`);
    /// `values.len()` is left alone. For the entry frame nothing changes and
    /// the answer is `None`: the dispatcher syncs and uses `return_value`.
    #[inline(always)]
    pub fn return_in_place(&mut self, interp: &mut Interp, top: usize) -> Option<usize> {
        if self.frames.len() <= self.entry_depth {
            return None;
        }
        let frame = self.frames.pop()?;
        debug_assert!(top > frame.base, "return with an empty operand stack");
        let slots = self.values.as_mut_ptr();
        // SAFETY: slots `frame.base - 1..top` hold live values owned by the
        // dispatcher; each is read exactly once, and the function's slot
        // then receives the result.
        unsafe {
            let value = slots.add(top - 1).read();
            let mut at = top - 1;
            while at >= frame.base {
                at -= 1;
                slots.add(at).read().discard();
            }
            slots.add(frame.base - 1).write(value);
        }
        interp.leave_frame();
        Some(frame.base)
    }

    /// Records the traceback and pops frames until a handler in the
    /// exception table catches the error: then the handler's frame is on
    /// top with `pc` at the handler (`resume` cleared) and its operand stack
    /// set up as the table says. If the entry frame is popped too, the error
    /// comes back. The stack is synced, and each frame's `pc` is just after
    /// the instruction it was running.
    #[cold]
    #[inline(never)]
    pub fn unwind(&mut self, interp: &mut Interp, mut error: PyErr) -> PyResult<()> {
        // Raised while handling another exception: chain it as the context.
        error.attach_context(&interp.handled);
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return Err(error);
            };
            let offset = frame.pc.saturating_sub(1);
            // SAFETY: as in `Frame::function`; the borrow ends before the
            // frame is popped below.
            let function = unsafe { &*frame.function };
            let code = &function.code;
            if let Some(Value::Function(owner)) = self.values.get(frame.base - 1) {
                error.add_traceback(owner, offset);
            }
            let handler = handler_at(code, offset);
            let operands = frame.base + code.local_count;
            if let Some(handler) =
                handler.filter(|h| self.values.len() < operands + h.depth as usize)
            {
                // The handler expects more operands than there are: only a
                // forged cache file gets here (the verifier checks depths
                // per path, not per handler range). The frame cannot go on;
                // its caller gets the error.
                error = crate::exceptions::runtime_error(format!(
                    "corrupt bytecode: an exception at code unit {offset} is below the stack depth {} of its handler",
                    handler.depth
                ));
                if let Some(Value::Function(owner)) = self.values.get(frame.base - 1) {
                    error.add_traceback(owner, offset);
                }
            } else if let Some(handler) = handler {
                frame.pc = handler.target as usize;
                frame.resume = 0;
                self.values.truncate(operands + handler.depth as usize);
                if handler.push_lasti {
                    self.values.push(Value::Int(offset as i64));
                }
                self.values
                    .push(Value::Exception(error.0.exception.clone()));
                return Ok(());
            }
            let frame = self.frames.pop().expect("checked above");
            interp.leave_frame();
            self.values.truncate(frame.base - 1);
            if self.frames.len() < self.entry_depth {
                return Err(error);
            }
        }
    }
}

/// Debug builds: moves the values to a new buffer of at least `needed` and
/// poisons the old one, so code that kept a pointer across a push fails.
/// (Past a few thousand values it only reserves, to keep deep recursion
/// linear.)
#[cold]
fn relocate(values: &mut Vec<Value>, needed: usize) {
    let len = values.len();
    if len > 4096 {
        values.reserve(needed.saturating_sub(len));
        return;
    }
    // Never smaller than before: the frames below need their room too.
    let mut moved: Vec<Value> = Vec::with_capacity(needed.max(values.capacity()).max(16));
    // SAFETY: the `len` values move to the new buffer; the old `Vec` is
    // emptied before its bytes are overwritten and freed, so nothing is
    // dropped twice.
    unsafe {
        std::ptr::copy_nonoverlapping(values.as_ptr(), moved.as_mut_ptr(), len);
        moved.set_len(len);
        values.set_len(0);
        let bytes = values.capacity() * std::mem::size_of::<Value>();
        std::ptr::write_bytes(values.as_mut_ptr().cast::<u8>(), 0xA5, bytes);
    }
    *values = moved;
}

/// An execution engine for pvm bytecode: everything a backend provides.
/// Backends differ only in how they dispatch; semantics and frames come
/// from this crate. A backend is registered once, in `pvm`'s backend list.
pub trait Backend {
    /// The name used by `pvm run --backend NAME` and in reports.
    fn name(&self) -> &'static str;
    /// One line describing the dispatch technique.
    fn description(&self) -> &'static str;
    /// Runs the frame on top of `stack`, from its `pc`, until the frame at
    /// depth `stack.entry_depth` returns or yields. Calls push frames on the
    /// same stack (through `FrameStack::call`); an exception that escapes
    /// the entry frame comes back as the error, after `FrameStack::unwind`
    /// has popped it.
    fn execute(&self, interp: &mut Interp, stack: &mut FrameStack) -> PyResult<Exit>;
}

/// Runs module code in `globals` to completion on `backend`, which also
/// runs everything the program calls back into Python from builtins.
pub fn run_module(
    interp: &mut Interp,
    backend: &'static dyn Backend,
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
) -> PyResult<Value> {
    interp.backend = backend;
    crate::interrupt::watch(&interp.interrupt, interp.time_limit_seconds);
    let module = call::module_function(code, globals);
    let mut stack = FrameStack::default();
    stack.values.push(Value::Function(module.clone()));
    stack.push(interp, &module, 1)?;
    stack.entry_depth = 1;
    match execute(interp, backend, &mut stack)? {
        Exit::Returned(value) => Ok(value),
        Exit::Yielded(_) => Err(crate::exceptions::runtime_error("module code cannot yield")),
    }
}

/// Runs a Python function to completion on a fresh value stack: how a
/// builtin (`sorted(key=f)`, a class's `__init__`) calls back into Python.
pub fn call_function(
    interp: &mut Interp,
    function: &Rc<Function>,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    // This run nests on the native stack inside the builtin that called.
    crate::native_stack::check(" while calling a Python object")?;
    let mut stack = FrameStack::pooled();
    stack.values.push(Value::Function(function.clone()));
    stack.values.extend_from_slice(args);
    stack.entry_depth = 1;
    let backend = interp.backend;
    let result = match stack.call(interp, function, 0, args.len(), kwnames) {
        Ok(()) => execute(interp, backend, &mut stack),
        Err(error) => Err(error),
    };
    stack.recycle();
    match result? {
        Exit::Returned(value) => Ok(value),
        Exit::Yielded(_) => Err(crate::exceptions::runtime_error(
            "a called function cannot yield",
        )),
    }
}

/// Resumes a suspended generator frame (`suspended.slots`: its function
/// object, its locals, then its operand stack) at `suspended.pc`, until it
/// yields or returns. The slots and frame records are taken over whole for
/// the run and handed back when it yields, so nothing is copied or
/// allocated.
pub fn resume(
    interp: &mut Interp,
    function: &Rc<Function>,
    suspended: &mut Suspended,
    how: Resume,
) -> PyResult<Resumed> {
    // The frame runs on its own slots and frame records, taken over whole
    // (the records from the pool on its first run, back there when done).
    let frames = match suspended.frames.capacity() {
        0 => SPARE_FRAMES
            .with(|s| s.borrow_mut().pop())
            .unwrap_or_default(),
        _ => std::mem::take(&mut suspended.frames),
    };
    let mut stack = FrameStack {
        values: std::mem::take(&mut suspended.slots),
        frames,
        entry_depth: 0,
        outer: None,
    };
    // The dispatcher's own resume point, if this backend wrote it.
    let backend = interp.backend as *const dyn Backend as *const ();
    let hint = match suspended.resume {
        (word, writer) if writer == backend => word,
        _ => 0,
    };
    let result = run_on(
        interp,
        function,
        (suspended.pc, hint),
        &mut stack,
        Some(how),
    );
    let resumed = match result {
        Ok(Exit::Yielded(value)) => {
            let frame = stack.frames.pop().expect("the yielding frame");
            interp.leave_frame();
            suspended.pc = frame.pc;
            suspended.resume = (frame.resume, backend);
            suspended.slots = std::mem::take(&mut stack.values);
            suspended.frames = std::mem::take(&mut stack.frames);
            Ok(Resumed::Yielded(value))
        }
        Ok(Exit::Returned(value)) => Ok(Resumed::Returned(value)),
        Err(error) => Err(error),
    };
    if !matches!(resumed, Ok(Resumed::Yielded(_))) {
        give_frames(std::mem::take(&mut stack.frames));
    }
    resumed
}

/// Runs `function` from code unit `pc` on `slots` (its function object,
/// its locals, then its operand stack as they are at `pc`) until it returns
/// or yields: the one way into the middle of a function. Generators resume
/// through it (`resume`), and so does code the JIT hands back to the
/// interpreter. A yielding frame is left on top of the returned stack.
pub fn run_from(
    interp: &mut Interp,
    function: &Rc<Function>,
    pc: usize,
    slots: Vec<Value>,
) -> (PyResult<Exit>, FrameStack) {
    let mut stack = FrameStack::pooled();
    stack.values = slots;
    let result = run_on(interp, function, (pc, 0), &mut stack, None);
    (result, stack)
}

/// Pushes the frame of `function` whose slots are all of `stack.values`, to
/// continue at `pc` (with `resume` as its dispatcher's word for it, or 0),
/// first sending a value into it or raising an exception at `pc - 1` (for
/// generators), and runs it as the entry frame.
fn run_on(
    interp: &mut Interp,
    function: &Function,
    (pc, resume): (usize, usize),
    stack: &mut FrameStack,
    how: Option<Resume>,
) -> PyResult<Exit> {
    let code = &function.code;
    let owned =
        matches!(stack.values.first(), Some(Value::Function(f)) if std::ptr::eq(&**f, function));
    let operands = stack.values.len().saturating_sub(1 + code.local_count);
    if !owned
        || stack.values.len() < 1 + code.local_count
        || operands > code.code.max_stack as usize
        || pc > code.code.instructions.len()
    {
        return Err(crate::exceptions::runtime_error(
            "pvm internal error: a frame resumed with slots that are not its own",
        ));
    }
    // A resumed generator nests on the native stack inside its caller.
    crate::native_stack::check("")?;
    interp.enter_frame()?;
    stack.reserve_for(1 + code.local_count + code.code.max_stack as usize);
    stack.frames.push(Frame {
        function,
        pc,
        base: 1,
        resume,
    });
    stack.entry_depth = 1;
    match how {
        None => {}
        Some(Resume::Send(value)) => stack.values.push(value),
        // Raised at the instruction the frame stopped in (`pc - 1`).
        Some(Resume::Throw(error)) => stack.unwind(interp, error)?,
    }
    let backend = interp.backend;
    execute(interp, backend, stack)
}

/// `backend.execute`, with `stack` registered as the innermost run for
/// `caller` while it runs.
fn execute(interp: &mut Interp, backend: &dyn Backend, stack: &mut FrameStack) -> PyResult<Exit> {
    let outer = std::mem::replace(&mut interp.running, stack as *const FrameStack);
    stack.outer = std::ptr::NonNull::new(outer as *mut FrameStack);
    let result = backend.execute(interp, stack);
    stack.outer = None;
    interp.running = outer;
    result
}

/// What a builtin that reads its caller's frame (`globals()`, `locals()`,
/// `exec`, ...) sees of it.
pub struct Caller {
    pub globals: Rc<PyDict>,
    /// The class namespace of a class body (or of code `exec` runs with
    /// separate locals); `None` for functions and module code.
    pub namespace: Option<Rc<PyDict>>,
    pub code: Rc<RtCode>,
    /// The bound fast locals, cells and free variables of a function, by
    /// name, in slot order (cells read through); empty for other code.
    pub locals: Vec<(Rc<PyStr>, Value)>,
}

impl Caller {
    /// Whether the frame runs a function body (its locals are fast slots).
    pub fn is_function(&self) -> bool {
        self.code.code.flags & pvm_frontend::code::flags::OPTIMIZED != 0
    }
}

/// The Python frame that called the running builtin: the top frame of the
/// innermost run. `None` when no Python code is running.
///
/// Builtins run while their caller's dispatcher is stopped at the call,
/// with its frame in the frame protocol's form (its locals in their slots),
/// and nothing else touches the stack until the builtin returns; the slots
/// are read through the buffer, whose length a dispatcher may not keep
/// current (only `push` moves the buffer, and that updates the `Vec`).
pub fn caller(interp: &Interp) -> Option<Caller> {
    // SAFETY: `running` is the stack `execute` registered, alive for the
    // whole run, and restored when the run ends.
    let stack = unsafe { interp.running.as_ref()? };
    let frame = stack.frames.last()?;
    let function = frame.function();
    let code = function.code.clone();
    // SAFETY: a pushed frame's locals are initialised slots of the buffer
    // (see above).
    let locals = unsafe { bound_locals(&code, stack.values.as_ptr().add(frame.base)) };
    Some(Caller {
        globals: function.globals.clone(),
        namespace: function.namespace.clone(),
        code,
        locals,
    })
}

/// The bound fast locals, cells (read through) and free variables of a
/// function frame whose slots start at `slots`, by name in slot order;
/// empty for module and class-body code.
///
/// # Safety
/// `slots` points at the frame's `local_count` initialised local slots.
unsafe fn bound_locals(code: &RtCode, slots: *const Value) -> Vec<(Rc<PyStr>, Value)> {
    let mut locals = Vec::new();
    if code.code.flags & pvm_frontend::code::flags::OPTIMIZED != 0 {
        let fast = code.code.varnames.len();
        for (i, name) in code.varnames.iter().enumerate().take(code.local_count) {
            let value = &*slots.add(i);
            let is_cell = i >= fast || code.code.cellvars.iter().any(|c| **c == *name.as_str());
            let value = match value {
                Value::Cell(cell) if is_cell => cell.value.borrow().clone(),
                other => other.clone(),
            };
            if !matches!(value, Value::Unbound) {
                locals.push((name.clone(), value));
            }
        }
    }
    locals
}

/// A Python frame as `sys._getframe` finds it: its function, the code
/// unit it is running, and its bound locals at this moment.
pub struct RunningFrame {
    pub function: Rc<Function>,
    pub offset: usize,
    pub locals: Vec<(Rc<PyStr>, Value)>,
}

/// The Python frames live now, innermost first, through every nested run
/// (a builtin's callback, a generator's body) out to the program's module
/// frame, skipping the first `skip`.
pub fn running_frames(interp: &Interp, skip: usize) -> Vec<RunningFrame> {
    let mut found = Vec::new();
    let mut seen = 0;
    let mut run = interp.running;
    // SAFETY: each registered run stays alive while the runs nested in it
    // execute (`execute` links and unlinks them), and its frames are in the
    // frame protocol's form while it waits on a nested run (see `caller`).
    while let Some(stack) = unsafe { run.as_ref() } {
        for frame in stack.frames.iter().rev() {
            seen += 1;
            if seen <= skip {
                continue;
            }
            // The buffer is read through its pointer: a dispatcher may not
            // keep its length current (see `caller`).
            let slots = stack.values.as_ptr();
            let Value::Function(function) = (unsafe { &*slots.add(frame.base - 1) }) else {
                continue;
            };
            found.push(RunningFrame {
                function: function.clone(),
                offset: frame.pc.saturating_sub(1),
                locals: unsafe { bound_locals(&function.code, slots.add(frame.base)) },
            });
        }
        run = stack
            .outer
            .map_or(std::ptr::null(), |p| p.as_ptr() as *const FrameStack);
    }
    found
}

/// The backend `Interp` starts with: it runs nothing.
pub struct NoBackend;

impl Backend for NoBackend {
    fn name(&self) -> &'static str {
        "none"
    }

    fn description(&self) -> &'static str {
        "no backend is installed"
    }

    fn execute(&self, _: &mut Interp, _: &mut FrameStack) -> PyResult<Exit> {
        Err(crate::exceptions::runtime_error(
            "no backend is running Python code",
        ))
    }
}
