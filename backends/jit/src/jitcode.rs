//! What the JIT keeps on each code object (in its `Tier::Compiled` slot):
//! the decoded instructions with the operand-stack height before each, and
//! the machine code once the code object is hot, or why it was declined.
//!
//! The heights come from the bytecode verifier (`stack_depths`): every
//! instruction has one, which is what lets compiled code address operand
//! slots at fixed offsets. This module decides when to compile; it does
//! not translate (`compile.rs`) or run anything.

use crate::compile;
use crate::stats;
use crate::Config;
use pvm_frontend::Opcode;
use pvm_runtime::code::Tier;
use pvm_runtime::{PyResult, RtCode};
use std::cell::{Cell, OnceCell};

/// One instruction, with its `EXTENDED_ARG` prefixes folded in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Instr {
    /// Its first code unit (where jumps land).
    pub start: u32,
    /// The unit holding its opcode (tracebacks report this one).
    pub offset: u32,
    pub op: Opcode,
    pub arg: u32,
}

/// No height: no path reaches the instruction.
pub(crate) const UNREACHED: u32 = u32::MAX;

/// Compiled code: `(ctx, instruction index to start at) -> status`.
pub(crate) type Entry = unsafe extern "C" fn(*mut crate::Ctx, u32) -> u64;

/// Why a code object runs in the warm-up interpreter for good.
#[derive(Clone, Debug)]
pub enum Decline {
    /// More code units than the JIT compiles in one function.
    TooLarge(usize),
    /// No Cranelift backend for this machine.
    NoTarget(String),
    /// Cranelift refused the function.
    Cranelift(String),
}

impl std::fmt::Display for Decline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Decline::TooLarge(units) => write!(
                f,
                "too large: {units} code units (the JIT compiles up to {})",
                compile::MAX_UNITS
            ),
            Decline::NoTarget(why) => write!(f, "no code generator for this machine: {why}"),
            Decline::Cranelift(why) => write!(f, "Cranelift failed: {why}"),
        }
    }
}

pub(crate) struct JitCode {
    pub instrs: Box<[Instr]>,
    /// Code unit → index in `instrs` (of the instruction starting there).
    pub index_of: Box<[u32]>,
    /// Operand-stack height before each instruction (`UNREACHED`).
    pub depth: Box<[u32]>,
    /// The machine code's entry, once compiled.
    pub entry: Cell<Option<Entry>>,
    /// Set when the code object was declined (never compiled).
    pub declined: OnceCell<Decline>,
}

impl JitCode {
    /// The JIT's state for `code`, analysed on first use.
    #[inline]
    pub fn of(code: &RtCode) -> PyResult<&JitCode> {
        // The slot's `entry` word holds this state's address once made (the
        // state is never replaced), so a call finds it with one load.
        let slot = code.tiers.slot(Tier::Compiled);
        let made = slot.entry.get();
        if made != 0 {
            // SAFETY: set below from the state the slot owns for good.
            return Ok(unsafe { &*(made as *const JitCode) });
        }
        let state = slot.get_or_make(|| JitCode::analyse(code))?;
        slot.entry.set(state as *const JitCode as usize);
        Ok(state)
    }

    /// The machine code of `code` if it has been compiled: two loads, and
    /// nothing analysed or compiled on the way (a call's fast path).
    #[inline(always)]
    pub fn compiled_entry(code: &RtCode) -> Option<Entry> {
        let made = code.tiers.slot(Tier::Compiled).entry.get();
        if made == 0 {
            return None;
        }
        // SAFETY: set by `of` from the state the slot owns for good.
        unsafe { &*(made as *const JitCode) }.entry.get()
    }

    fn analyse(code: &RtCode) -> PyResult<JitCode> {
        let depths = pvm_frontend::verify::stack_depths(&code.code).map_err(|error| {
            crate::internal(&format!("bytecode the JIT cannot analyse: {error}"))
        })?;
        let units = code.code.instructions.len();
        let mut instrs = Vec::new();
        let mut depth = Vec::new();
        let mut index_of = vec![u32::MAX; units];
        let mut start = 0;
        while start < units {
            let Some(decoded) = code.code.decode_at(start) else {
                return Err(crate::internal("undecodable instruction"));
            };
            index_of[start] = instrs.len() as u32;
            instrs.push(Instr {
                start: start as u32,
                offset: decoded.offset as u32,
                op: decoded.op,
                arg: decoded.arg,
            });
            depth.push(depths[start].unwrap_or(UNREACHED));
            start = decoded.offset + 1;
        }
        Ok(JitCode {
            instrs: instrs.into(),
            index_of: index_of.into(),
            depth: depth.into(),
            entry: Cell::new(None),
            declined: OnceCell::new(),
        })
    }

    /// The instruction starting at code unit `pc` and its stack height,
    /// when some path reaches it.
    #[inline]
    pub fn enterable(&self, pc: usize) -> Option<(usize, u32)> {
        if pc == 0 {
            // Every call starts here, with an empty operand stack.
            return Some((0, 0));
        }
        let index = *self.index_of.get(pc)? as usize;
        let depth = *self.depth.get(index)?;
        (depth != UNREACHED).then_some((index, depth))
    }

    /// The machine code to run `code` in now: compiled before, or now if it
    /// is warm enough; `None` while it is cold. A cold code object is not
    /// even analysed (most code objects never get warm).
    #[inline]
    pub fn ready(code: &RtCode, threshold: u32) -> PyResult<Option<Entry>> {
        if let Some(entry) = JitCode::compiled_entry(code) {
            return Ok(Some(entry));
        }
        if code.tiers.warmth.get() < threshold {
            return Ok(None);
        }
        Ok(JitCode::of(code)?.compiled(code, threshold))
    }

    /// The machine code for this code object: compiled now if it is warm
    /// enough and was never declined.
    #[inline]
    pub fn compiled(&self, code: &RtCode, threshold: u32) -> Option<Entry> {
        if let Some(entry) = self.entry.get() {
            return Some(entry);
        }
        if self.declined.get().is_some() || code.tiers.warmth.get() < threshold {
            return None;
        }
        self.compile_now(code)
    }

    #[cold]
    #[inline(never)]
    fn compile_now(&self, code: &RtCode) -> Option<Entry> {
        match compile::compile(code, self) {
            Ok(entry) => {
                self.entry.set(Some(entry));
                Some(entry)
            }
            Err(decline) => {
                stats::declined(code, &decline);
                let _ = self.declined.set(decline);
                None
            }
        }
    }

    /// Whether the warm-up tier should stop at a loop head and move into
    /// compiled code (counting the back-edge as warmth).
    #[inline]
    pub fn back_edge(code: &RtCode, config: &Config) -> PyResult<Option<Entry>> {
        code.tiers.warm_up(1);
        JitCode::ready(code, config.threshold)
    }
}
