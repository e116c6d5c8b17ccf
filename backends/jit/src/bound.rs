//! Which fast locals are bound before each instruction on every path that
//! reaches it, so compiled code can load them without testing for
//! `Unbound` (and without a cold block that raises `UnboundLocalError`).
//!
//! A forward data-flow pass over the instructions: a local is bound where
//! every path from the frame's start assigns it (`STORE_FAST`) or it is a
//! parameter; a local that any `DELETE_FAST` names is never assumed bound,
//! and an exception handler is assumed to start with only the parameters.
//! It reads the bytecode only; it emits nothing and knows no values.

use crate::jitcode::{JitCode, UNREACHED};
use pvm_frontend::Opcode;
use pvm_runtime::RtCode;

/// Bits per word of a set of locals.
const WORD: usize = 64;

pub(crate) struct Bound {
    words: usize,
    /// `words` words per instruction: the locals bound before it.
    before: Vec<u64>,
}

impl Bound {
    /// Whether local `local` is bound before instruction `index` on every
    /// path (false for instructions no path reaches).
    pub fn at(&self, index: usize, local: u32) -> bool {
        let local = local as usize;
        self.before
            .get(index * self.words + local / WORD)
            .is_some_and(|word| word >> (local % WORD) & 1 == 1)
    }

    pub fn analyse(code: &RtCode, jit: &JitCode) -> Bound {
        let locals = code.local_count;
        let words = locals.div_ceil(WORD).max(1);
        let count = jit.instrs.len();
        let mut deleted = vec![0u64; words];
        for instr in jit.instrs.iter() {
            if instr.op == Opcode::DELETE_FAST && (instr.arg as usize) < locals {
                deleted[instr.arg as usize / WORD] |= 1 << (instr.arg as usize % WORD);
            }
        }
        let mut entry = vec![0u64; words];
        let parameters = (code.code.parameter_count() as usize).min(locals);
        for local in 0..parameters {
            entry[local / WORD] |= 1 << (local % WORD);
        }
        for (word, gone) in entry.iter_mut().zip(&deleted) {
            *word &= !gone;
        }
        let mut before = vec![u64::MAX; count * words];
        let mut reached = vec![false; count];
        let mut work = Vec::new();
        let index_at = |unit: u32| jit.index_of.get(unit as usize).map(|&i| i as usize);
        // Meets `state` into instruction `index`'s set; queues it if it
        // changed.
        let meet = |index: usize,
                    state: &[u64],
                    before: &mut Vec<u64>,
                    reached: &mut Vec<bool>,
                    work: &mut Vec<usize>| {
            if index >= count || jit.depth[index] == UNREACHED {
                return;
            }
            let set = &mut before[index * words..(index + 1) * words];
            let mut changed = !reached[index];
            for (word, &incoming) in set.iter_mut().zip(state) {
                let met = *word & incoming;
                changed |= met != *word;
                *word = met;
            }
            if changed {
                reached[index] = true;
                work.push(index);
            }
        };
        meet(0, &entry, &mut before, &mut reached, &mut work);
        for handler in code.code.exception_table.iter() {
            if let Some(index) = index_at(handler.target) {
                meet(index, &entry, &mut before, &mut reached, &mut work);
            }
        }
        let mut state = vec![0u64; words];
        while let Some(index) = work.pop() {
            state.copy_from_slice(&before[index * words..(index + 1) * words]);
            let instr = jit.instrs[index];
            if instr.op == Opcode::STORE_FAST && (instr.arg as usize) < locals {
                state[instr.arg as usize / WORD] |= 1 << (instr.arg as usize % WORD);
            }
            for (word, gone) in state.iter_mut().zip(&deleted) {
                *word &= !gone;
            }
            let flow = instr.op.flow();
            if flow.falls_through() {
                meet(index + 1, &state, &mut before, &mut reached, &mut work);
            }
            if flow.jumps() {
                if let Some(target) = index_at(instr.arg) {
                    meet(target, &state, &mut before, &mut reached, &mut work);
                }
            }
        }
        for (index, reached) in reached.iter().enumerate() {
            if !reached {
                before[index * words..(index + 1) * words].fill(0);
            }
        }
        Bound { words, before }
    }
}
