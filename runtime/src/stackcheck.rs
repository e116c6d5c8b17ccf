//! Debug builds: the check that each opcode body moves the operand stack by
//! what its declaration says (`Opcode::stack_info`). Both dispatchers call
//! `check` after every body that stays in its frame. A mismatch panics,
//! which pvm reports as an internal error, so every test that runs the
//! opcode fails.
//!
//! The module also records, for the whole process, which opcodes started a
//! body and which were checked going on to the next instruction or
//! jumping, so a test can show that the check reaches every opcode, both
//! ways. Release builds never call it: the dispatchers' calls are behind
//! `cfg(debug_assertions)`. It does not decide where the check applies;
//! each dispatcher says that where it calls `check`.

use pvm_frontend::{Flow, Opcode};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// How a body that stayed in its frame went on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// To the next instruction.
    Next,
    /// To its jump target.
    Jumped,
    /// It also ran the conditional jump after it, `next`, as the switch's
    /// `branch_on!` does (like ceval's `PREDICT`); `taken` says whether
    /// that jump was taken.
    Predicted {
        next: Opcode,
        next_arg: u32,
        taken: bool,
    },
}

/// Panics unless `actual`, how far the body of `op` with `arg` moved the
/// stack pointer, is the effect declared for the way it went on.
#[track_caller]
pub fn check(op: Opcode, arg: u32, actual: isize, exit: Exit) {
    let declared = declared_effect(op, arg, exit);
    if actual != declared as isize {
        mismatch(op, arg, actual, exit, declared);
    }
    let jumped = matches!(exit, Exit::Jumped);
    mark(if jumped { &JUMPED } else { &WENT_ON }, op);
}

#[cold]
#[track_caller]
fn mismatch(op: Opcode, arg: u32, actual: isize, exit: Exit, declared: i32) -> ! {
    panic!(
        "{} with argument {arg} ({exit:?}) moved the stack by {actual}, \
         but its declared stack effect is {declared}",
        op.name()
    );
}

/// The declared effect of `op` with `arg` when it goes on by `exit`.
pub fn declared_effect(op: Opcode, arg: u32, exit: Exit) -> i32 {
    let info = op.stack_info(arg);
    match exit {
        Exit::Next => info.effect,
        Exit::Jumped => info.jump,
        Exit::Predicted {
            next,
            next_arg,
            taken,
        } => {
            let then = next.stack_info(next_arg);
            info.effect + if taken { then.jump } else { then.effect }
        }
    }
}

/// Records that a body of opcode `OP` (its byte) starts, when it is one
/// that always leaves the frame (returns, raises or yields), which the
/// check never sees; `check` records the rest. For those the call is
/// empty: cheap enough for every instruction of an unoptimised build.
#[inline(always)]
pub fn entered<const OP: u8>() {
    if const { leaves_frame(OP) } {
        mark(&LEFT, Opcode::ALL[OP as usize]);
    }
}

/// Whether opcode byte `op` always leaves the frame.
const fn leaves_frame(op: u8) -> bool {
    matches!(
        Opcode::ALL[op as usize].flow(),
        Flow::Return | Flow::Raise | Flow::Yield
    )
}

/// The opcodes run since coverage was last taken, each list in byte order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Started, of those that always leave the frame (not checked).
    pub left: Vec<Opcode>,
    /// Checked going on to the next instruction (`Exit::Next`, or
    /// `Exit::Predicted`, which also ran the conditional jump after it).
    pub went_on: Vec<Opcode>,
    /// Checked jumping (`Exit::Jumped`).
    pub jumped: Vec<Opcode>,
}

/// Takes the coverage so far, leaving it empty. Runs on other threads
/// (another test, say) count too.
pub fn take_coverage() -> Coverage {
    Coverage {
        left: take(&LEFT),
        went_on: take(&WENT_ON),
        jumped: take(&JUMPED),
    }
}

/// One bit per opcode byte. Process-wide atomics rather than thread-locals:
/// marking runs once per instruction, and a thread-local access costs more
/// than the rest of the check in an unoptimised build.
type Set = [AtomicU64; 4];

static LEFT: Set = [const { AtomicU64::new(0) }; 4];
static WENT_ON: Set = [const { AtomicU64::new(0) }; 4];
static JUMPED: Set = [const { AtomicU64::new(0) }; 4];

#[inline(always)]
fn mark(set: &Set, op: Opcode) {
    let byte = op as usize;
    let (word, bit) = (&set[byte / 64], 1 << (byte % 64));
    if word.load(Relaxed) & bit == 0 {
        word.fetch_or(bit, Relaxed);
    }
}

fn take(set: &Set) -> Vec<Opcode> {
    let words: Vec<u64> = set.iter().map(|word| word.swap(0, Relaxed)).collect();
    Opcode::ALL
        .iter()
        .copied()
        .filter(|&op| words[op as usize / 64] & 1 << (op as usize % 64) != 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_predicted_jump_adds_its_own_effect() {
        let predicted = |taken| Exit::Predicted {
            next: Opcode::POP_JUMP_IF_FALSE,
            next_arg: 0,
            taken,
        };
        assert_eq!(declared_effect(Opcode::COMPARE_OP, 2, Exit::Next), -1);
        assert_eq!(declared_effect(Opcode::COMPARE_OP, 2, predicted(true)), -2);
        assert_eq!(declared_effect(Opcode::COMPARE_OP, 2, predicted(false)), -2);
        assert_eq!(declared_effect(Opcode::FOR_ITER, 9, Exit::Jumped), -1);
    }

    #[test]
    fn coverage_is_taken_once() {
        let _ = take_coverage();
        entered::<{ Opcode::NOP as u8 }>();
        check(Opcode::NOP, 0, 0, Exit::Next);
        check(Opcode::JUMP, 0, 0, Exit::Jumped);
        entered::<{ Opcode::RETURN_VALUE as u8 }>();
        let coverage = take_coverage();
        assert_eq!(coverage.left, [Opcode::RETURN_VALUE]);
        assert_eq!(coverage.went_on, [Opcode::NOP]);
        assert_eq!(coverage.jumped, [Opcode::JUMP]);
        assert_eq!(take_coverage(), Coverage::default());
    }

    #[test]
    #[should_panic(expected = "BUILD_TUPLE with argument 3 (Next) moved the stack by -3")]
    fn a_mismatch_panics_with_the_opcode_and_both_effects() {
        check(Opcode::BUILD_TUPLE, 3, -3, Exit::Next);
    }
}
