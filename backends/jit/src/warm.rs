//! The warm-up tier: cold code, and code the JIT declined, runs in the
//! switch's dispatch loop (`pvm_switch::run_tiered`), so nothing runs
//! slower on the JIT than on the switch. The switch asks this module at
//! each frame it enters and at each loop back-edge whether the frame moves
//! up; this module counts those calls and back-edges as the code object's
//! warmth, has it compiled past `--jit-threshold`, and then claims the
//! frame, which the driver enters in its machine code (at the loop head
//! for a back-edge: on-stack replacement).
//!
//! It knows nothing of what opcodes mean and runs nothing itself: the
//! switch does, through the runtime's frame protocol.

use crate::jitcode::JitCode;
use crate::status::{EXITED, LEFT, RAISED};
use crate::{stats, Config, Ctx};
use pvm_runtime::{Exit, RtCode};
use pvm_switch::{Tiered, Tiering};

/// What the switch asks while it runs cold code for the JIT.
struct Warmth<'c> {
    config: &'c Config,
}

impl Tiering for Warmth<'_> {
    fn entering(&self, code: &RtCode, pc: usize) -> bool {
        if pc == 0 {
            code.tiers.warm_up(1);
        }
        // Code the JIT cannot analyse goes to the driver, which says why.
        JitCode::ready(code, self.config.threshold).map_or(true, |entry| entry.is_some())
    }

    fn looping(&self, code: &RtCode) -> bool {
        JitCode::back_edge(code, self.config).map_or(true, |entry| entry.is_some())
    }
}

/// Runs the frame on top of the stack `ctx` describes (its slots owned by
/// the stack's `Vec`, at their full height) in the switch until the entry
/// frame leaves, an exception is raised, or a frame moves into compiled
/// code; answers the status that ended it (`LEFT` for the last: the driver
/// enters the frame now on top).
pub(crate) unsafe fn run(ctx: &mut Ctx, config: &Config) -> u64 {
    let warmth = Warmth { config };
    let (outcome, executed) = pvm_switch::run_tiered(&mut *ctx.interp, &mut *ctx.stack, &warmth);
    if config.count_instructions {
        stats::count_warm(executed);
    }
    match outcome {
        Ok(Tiered::Exited(Exit::Returned(value))) => {
            (*ctx.exit).set(false, value);
            EXITED
        }
        Ok(Tiered::Exited(Exit::Yielded(value))) => {
            (*ctx.exit).set(true, value);
            EXITED
        }
        Ok(Tiered::HandedOver) => LEFT,
        Err(error) => {
            ctx.error = Some(error);
            RAISED
        }
    }
}
