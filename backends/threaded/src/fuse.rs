//! Superinstructions: replacing the handler of an instruction with a fused
//! handler that also runs the next instruction's body, saving one dispatch.
//! The pairs, and the counts behind them, are listed once for every backend
//! in `pvm_runtime::superinstructions`; this pass applies them, as
//! translation appends each instruction. It decides nothing about what a
//! pair does (the handlers run the two bodies).
//!
//! The second instruction keeps its own handler, so a jump into the middle of
//! a fused pair still works. Fusion is greedy from left to right, over
//! instructions in adjacent code units only.

use crate::handlers::fused_handler;
use crate::translate::Instr;
use pvm_frontend::Opcode;

/// Fuses pairs as translation appends instructions.
pub(crate) struct Fuser {
    enabled: bool,
    /// The previous instruction, if it can start a pair and is not already
    /// the second of one.
    previous: Option<(Opcode, u32)>,
}

impl Fuser {
    pub(crate) fn new(enabled: bool) -> Fuser {
        Fuser {
            enabled,
            previous: None,
        }
    }

    /// A prefix was just appended: the instruction before it is not
    /// adjacent to the next one, and a pair's parts must be (its handler
    /// runs the second part at the next `Instr`).
    #[inline(always)]
    pub(crate) fn prefix(&mut self) {
        self.previous = None;
    }

    /// `op` with argument `arg` was just appended to `instrs`: fuses it into
    /// the instruction before it when the two make a pair.
    #[inline(always)]
    pub(crate) fn push(&mut self, instrs: &mut [Instr], op: Opcode, arg: u32, starts_pair: bool) {
        if !self.enabled {
            return;
        }
        if let Some(first) = self.previous.take() {
            if let Some(handler) = fused_handler(first, (op, arg)) {
                let at = instrs.len() - 2;
                instrs[at].handler = handler;
                return;
            }
        }
        if starts_pair {
            self.previous = Some((op, arg));
        }
    }
}
