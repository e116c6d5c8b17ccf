//! The warm-up interpreter: runs a frame instruction by instruction through
//! the same helpers compiled code calls (`helpers.rs`), counting loop
//! back-edges, until the frame leaves (a call, a return, an exception, a
//! yield) or its code object gets hot and the frame moves into compiled
//! code at a loop head (on-stack replacement).
//!
//! The moves between slots (locals, constants, dropping the top) it does
//! itself, as compiled code does inline. It is deliberately simple: code
//! only runs here until it has been called or has looped
//! `--jit-threshold` times, or for good when the JIT declined it. It
//! knows nothing else of what opcodes mean.

use crate::helpers::HELPERS;
use crate::jitcode::{JitCode, UNREACHED};
use crate::status::{JUMPED, NEXT, RAISED, SWITCHED};
use crate::{stats, Config, Ctx};
use pvm_frontend::Opcode;
use pvm_runtime::{RtCode, Value};

/// Runs the frame `ctx` describes from instruction `index` until it leaves
/// or moves into compiled code; answers the status that ended it.
pub(crate) unsafe fn run(
    ctx: &mut Ctx,
    jit_code: &JitCode,
    code: &RtCode,
    mut index: usize,
    config: &Config,
) -> u64 {
    let operands = ctx.base + code.local_count;
    ctx.operands = operands as u64;
    let mut executed = 0u64;
    let status = loop {
        let (Some(instr), Some(&depth)) = (jit_code.instrs.get(index), jit_code.depth.get(index))
        else {
            break corrupt(ctx, operands, "<end of code>");
        };
        if depth == UNREACHED {
            break corrupt(ctx, operands, "<unreachable instruction>");
        }
        executed += 1;
        let sp = operands + depth as usize;
        if simple(ctx, instr, sp) {
            index += 1;
            continue;
        }
        let helper = HELPERS[instr.op as usize];
        let answer = helper(ctx, instr.offset, depth, instr.arg);
        match answer & 0xff {
            NEXT => index += 1,
            JUMPED => {
                let target = instr.arg as usize;
                let Some(&next) = jit_code.index_of.get(target) else {
                    break corrupt(ctx, operands, "<jump out of code>");
                };
                if target <= instr.start as usize && jit_code.back_edge(code, config).is_some() {
                    // Hand the frame, stopped at the loop head, to compiled code.
                    let stack = &mut *ctx.stack;
                    stack.values.set_len((answer >> 8) as usize);
                    if let Some(frame) = stack.frames.last_mut() {
                        frame.pc = target;
                    }
                    break SWITCHED;
                }
                index = next as usize;
            }
            _ => break answer,
        }
    };
    if config.count_instructions {
        stats::count_warm(executed);
    }
    status
}

/// Runs `instr` right here when it only moves a value between the frame's
/// slots (the moves compiled code also emits inline): a bound local or a
/// constant pushed, the top stored into a local or dropped. Answers false,
/// having done nothing, for anything else (an unbound local included: its
/// helper raises). `sp` is the operand stack's top slot.
#[inline(always)]
unsafe fn simple(ctx: &mut Ctx, instr: &crate::jitcode::Instr, sp: usize) -> bool {
    let slots = ctx.slots;
    match instr.op {
        Opcode::LOAD_FAST => {
            let local = &*slots.add(ctx.base + instr.arg as usize);
            if matches!(local, Value::Unbound) {
                return false;
            }
            slots.add(sp).write(local.clone());
        }
        Opcode::LOAD_CONST => {
            let constant = &(&(*ctx.function).code).constants[instr.arg as usize];
            slots.add(sp).write(constant.clone());
        }
        Opcode::STORE_FAST => {
            let value = slots.add(sp - 1).read();
            std::mem::replace(&mut *slots.add(ctx.base + instr.arg as usize), value).discard();
        }
        Opcode::POP_TOP => slots.add(sp - 1).read().discard(),
        _ => return false,
    }
    true
}

/// Leaves with an error for code that runs off its end or into an
/// instruction no path reaches (which verified code never does).
#[cold]
unsafe fn corrupt(ctx: &mut Ctx, operands: usize, what: &str) -> u64 {
    let stack = &mut *ctx.stack;
    ctx.error = Some(pvm_runtime::handlers::corrupt(what, 0));
    // The operand stack's height is unknown here; the frame's locals are
    // what is sure (anything above them leaks rather than drops twice).
    stack.values.set_len(operands);
    RAISED
}
