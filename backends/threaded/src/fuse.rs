//! Superinstructions: replacing the handler of an instruction with a fused
//! handler that also runs the next instruction's body, saving one dispatch.
//! The fused pairs are declared in `handlers.rs`; this pass applies them.
//!
//! The second instruction keeps its own handler, so a jump into the middle of
//! a fused pair still works. Fusion is greedy from left to right.
//!
//! The pairs are the most frequent dynamic ones over the conformance corpus
//! and `bench-suite/`, counted with `pvm run --opcode-pairs` on each program
//! and summed (2026-11-24). Pairs whose first instruction always transfers
//! control (`JUMP LOAD_FAST`, 6.0M) are left out, because nothing follows it:
//!
//! | pair | executions |
//! |---|---|
//! | `LOAD_FAST LOAD_FAST` | 21,338,234 |
//! | `LOAD_FAST LOAD_CONST` | 20,588,990 |
//! | `LOAD_CONST BINARY_OP` | 13,152,502 |
//! | `COMPARE_OP POP_JUMP_IF_FALSE` | 9,710,559 |
//! | `POP_JUMP_IF_FALSE LOAD_FAST` | 8,968,342 |
//! | `BINARY_OP STORE_FAST` | 8,564,910 |
//! | `LOAD_FAST BINARY_OP` | 7,693,305 |
//! | `STORE_FAST JUMP` | 6,755,657 |
//! | `STORE_FAST LOAD_FAST` | 6,397,943 |
//! | `STORE_SUBSCR LOAD_FAST` | 5,680,245 |
//! | `LOAD_FAST COMPARE_OP` | 5,532,197 |

use crate::handlers::fused_handler;
use crate::translate::Instr;
use pvm_frontend::Instruction;

pub(crate) fn fuse(instrs: &mut [Instr], decoded: &[Instruction], _unit_to_instr: &[u32]) {
    let mut index = 0;
    while index + 1 < decoded.len() {
        match fused_handler(decoded[index].op, decoded[index + 1].op) {
            Some(handler) => {
                instrs[index].handler = handler;
                index += 2;
            }
            None => index += 1,
        }
    }
}
