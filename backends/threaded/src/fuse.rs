//! Superinstructions: replacing the handler of an instruction with a fused
//! handler that also runs the next instruction's body, saving one dispatch.
//! The pairs, and the counts behind them, are listed once for every backend
//! in `pvm_runtime::superinstructions`; this pass applies them.
//!
//! The second instruction keeps its own handler, so a jump into the middle of
//! a fused pair still works. Fusion is greedy from left to right.

use crate::handlers::fused_handler;
use crate::translate::Instr;
use pvm_frontend::Instruction;

pub(crate) fn fuse(instrs: &mut [Instr], decoded: &[Instruction], _unit_to_instr: &[u32]) {
    let mut index = 0;
    while index + 1 < decoded.len() {
        let (first, second) = (&decoded[index], &decoded[index + 1]);
        match fused_handler((first.op, first.arg), (second.op, second.arg)) {
            Some(handler) => {
                instrs[index].handler = handler;
                index += 2;
            }
            None => index += 1,
        }
    }
}
