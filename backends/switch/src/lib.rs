//! The reference backend: a `loop { match op { ... } }` over the wordcode,
//! shaped like CPython's ceval loop without computed gotos.
//!
//! Python-to-Python calls never recurse on the Rust stack: each call pushes a
//! frame on the run's `FrameStack` (the runtime's frame protocol) and the
//! same loop continues in the callee. This crate decides nothing about
//! semantics and keeps no frames of its own: it only decodes and dispatches.

mod dispatch;
mod fuse;
mod watch;

pub use watch::{Counts, Watch};

use pvm_frontend::Opcode;
use pvm_runtime::{Backend, Exit, FrameStack, Interp, PyDict, PyResult, RtCode, Value};
use std::cell::Cell;
use std::rc::Rc;

/// The switch-dispatch backend. `superinstructions` selects whether frequent
/// instruction pairs run as one operation (`fuse.rs`), as CPython 3.11 runs
/// `LOAD_FAST__LOAD_FAST`.
pub struct SwitchBackend {
    pub superinstructions: bool,
}

/// The switch as `pvm run` uses it.
pub static SWITCH: SwitchBackend = SwitchBackend {
    superinstructions: true,
};

impl Backend for SwitchBackend {
    fn name(&self) -> &'static str {
        "switch"
    }

    fn description(&self) -> &'static str {
        "reference PVM: one central match over the opcode, like CPython's ceval"
    }

    fn execute(&self, interp: &mut Interp, stack: &mut FrameStack) -> PyResult<Exit> {
        Vm::new(stack, self.superinstructions).run(interp)
    }
}

pub(crate) struct Vm<'s> {
    stack: &'s mut FrameStack,
    /// Dynamic opcode-pair counts, when profiling.
    pairs: Option<&'s PairCounts>,
    /// Whether to run superinstructions (`fuse.rs`).
    superinstructions: bool,
    /// Whether `profile!` records type feedback (`pvm_runtime::feedback`).
    type_feedback: bool,
    /// Tracing or counting instructions (`watch.rs`), when watched.
    watch: Option<&'s Watch>,
    /// The tier above, when another backend runs its cold code here
    /// (`run_tiered`).
    tiering: Option<&'s dyn Tiering>,
    /// Set when the run stopped to hand the top frame to `tiering`.
    handed_over: bool,
    /// Instructions run, when tiered (for the tier above's statistics).
    executed: u64,
}

impl<'s> Vm<'s> {
    /// A VM that runs programs (neither counting nor profiling).
    fn new(stack: &'s mut FrameStack, superinstructions: bool) -> Vm<'s> {
        Vm {
            stack,
            pairs: None,
            superinstructions,
            type_feedback: false,
            watch: None,
            tiering: None,
            handed_over: false,
            executed: 0,
        }
    }

    /// Runs until the entry frame returns or yields, unwinding exceptions
    /// through the runtime's frame protocol.
    fn run(&mut self, interp: &mut Interp) -> PyResult<Exit> {
        loop {
            // Counting pairs and watching share one instance of the loop:
            // a fourth made LLVM compile the plain one worse (3% more
            // instructions on int_loop under callgrind).
            let outcome = if self.pairs.is_some() || self.watch.is_some() {
                self.dispatch::<true, false, false>(interp)
            } else if self.type_feedback {
                self.dispatch::<false, true, false>(interp)
            } else {
                self.dispatch::<false, false, false>(interp)
            };
            match outcome {
                Ok(exit) => return Ok(exit),
                Err(error) => self.stack.unwind(interp, error)?,
            }
        }
    }
}

/// How often each opcode ran right after each other opcode
/// (`counts[first][second]`), `EXTENDED_ARG` prefixes not counted.
/// Shared by nested runs (a builtin calling back into Python counts too).
pub struct PairCounts {
    counts: Box<[[Cell<u64>; 256]]>,
    previous: Cell<Option<Opcode>>,
}

impl PairCounts {
    fn new() -> PairCounts {
        PairCounts {
            counts: (0..256)
                .map(|_| std::array::from_fn(|_| Cell::new(0)))
                .collect(),
            previous: Cell::new(None),
        }
    }

    #[inline]
    pub(crate) fn record(&self, op: Opcode) {
        if op == Opcode::EXTENDED_ARG {
            return;
        }
        if let Some(previous) = self.previous.get() {
            let count = &self.counts[previous as usize][op as usize];
            count.set(count.get() + 1);
        }
        self.previous.set(Some(op));
    }

    /// The pairs that ran, most frequent first.
    pub fn ranked(&self) -> Vec<(u64, Opcode, Opcode)> {
        let mut pairs = Vec::new();
        for (first, row) in self.counts.iter().enumerate() {
            for (second, count) in row.iter().enumerate() {
                let count = count.get();
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

/// The switch while counting which opcode follows which.
struct CountingPairs(PairCounts);

impl Backend for CountingPairs {
    fn name(&self) -> &'static str {
        "switch"
    }

    fn description(&self) -> &'static str {
        "the reference PVM, counting opcode pairs"
    }

    fn execute(&self, interp: &mut Interp, stack: &mut FrameStack) -> PyResult<Exit> {
        // Pairs are counted in the code as compiled, unfused.
        Vm {
            pairs: Some(&self.0),
            ..Vm::new(stack, false)
        }
        .run(interp)
    }
}

/// Runs module code on the switch PVM while counting which opcode follows
/// which (`pvm run --opcode-pairs`): the data behind superinstructions.
pub fn run_counting_pairs(
    interp: &mut Interp,
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
) -> (PyResult<Value>, &'static PairCounts) {
    // One per process (the program's backend must outlive the program).
    let backend: &'static CountingPairs = Box::leak(Box::new(CountingPairs(PairCounts::new())));
    let result = pvm_runtime::frames::run_module(interp, backend, code, globals);
    (result, &backend.0)
}

/// The switch while recording what each profiled instruction sees.
struct RecordingFeedback;

impl Backend for RecordingFeedback {
    fn name(&self) -> &'static str {
        "switch"
    }

    fn description(&self) -> &'static str {
        "the reference PVM, recording type feedback"
    }

    fn execute(&self, interp: &mut Interp, stack: &mut FrameStack) -> PyResult<Exit> {
        Vm {
            type_feedback: true,
            ..Vm::new(stack, true)
        }
        .run(interp)
    }
}

/// Runs module code on the switch PVM while recording what each profiled
/// instruction sees (`pvm run --type-feedback`): the type feedback a tiering
/// JIT specialises on, read back with `pvm_runtime::feedback::take_recorded`.
pub fn run_recording_feedback(
    interp: &mut Interp,
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
) -> PyResult<Value> {
    pvm_runtime::frames::run_module(interp, &RecordingFeedback, code, globals)
}

/// The switch while tracing or counting (`watch.rs`).
struct Watched(Watch);

impl Backend for Watched {
    fn name(&self) -> &'static str {
        "switch"
    }

    fn description(&self) -> &'static str {
        "the reference PVM, tracing or counting instructions"
    }

    fn execute(&self, interp: &mut Interp, stack: &mut FrameStack) -> PyResult<Exit> {
        // A trace lists the bytecode as compiled; counting runs it fused,
        // as `pvm run` does, to see which superinstructions fire.
        Vm {
            watch: Some(&self.0),
            ..Vm::new(stack, !self.0.traces())
        }
        .run(interp)
    }
}

/// Runs module code on the switch PVM under `watch` (`pvm run --trace`,
/// `pvm explain`'s counts); answers what it counted.
pub fn run_watched(
    interp: &mut Interp,
    code: Rc<RtCode>,
    globals: Rc<PyDict>,
    watch: Watch,
) -> (PyResult<Value>, Counts) {
    // One per run, kept for the process (the program's backend must
    // outlive the program, and nested runs may still refer to it).
    let backend: &'static Watched = Box::leak(Box::new(Watched(watch)));
    let result = pvm_runtime::frames::run_module(interp, backend, code, globals);
    (result, backend.0.counts())
}

/// What a tiering backend (the JIT) asks of the switch when the switch runs
/// its cold code (`run_tiered`): where a frame may move up a tier. The
/// switch only asks; what is warm and what is compiled is the caller's.
pub trait Tiering {
    /// A frame of `code` is about to run from code unit `pc` (called, or
    /// returned into); `true` stops the run there for the tier above.
    fn entering(&self, code: &RtCode, pc: usize) -> bool;
    /// A backward jump in `code` (a loop went round once); `true` stops the
    /// run at the jump's target for the tier above.
    fn looping(&self, code: &RtCode) -> bool;
}

/// How a tiered run ended.
pub enum Tiered {
    /// The entry frame returned or yielded.
    Exited(Exit),
    /// The frame on top, stopped at its `pc`, is for the tier above.
    HandedOver,
}

/// Runs the frame on top of `stack` in the switch, as the cold tier of
/// another backend: like `Backend::execute`, but the run stops when
/// `tiering` claims a frame (never the one it starts with), and an
/// exception is answered to the caller to unwind rather than unwound here.
/// Also answers how many instructions ran (a superinstruction counts as
/// two, `EXTENDED_ARG` prefixes not at all).
pub fn run_tiered(
    interp: &mut Interp,
    stack: &mut FrameStack,
    tiering: &dyn Tiering,
) -> (PyResult<Tiered>, u64) {
    let mut vm = Vm {
        tiering: Some(tiering),
        ..Vm::new(stack, true)
    };
    let outcome = vm.dispatch::<false, false, true>(interp);
    let outcome = match outcome {
        Ok(_) if vm.handed_over => Ok(Tiered::HandedOver),
        Ok(exit) => Ok(Tiered::Exited(exit)),
        Err(error) => Err(error),
    };
    (outcome, vm.executed)
}
