//! Translating a code object, once and lazily, into threaded code: one
//! `Instr` per code unit, holding its handler and pre-decoded operands, so
//! a code unit's instruction is found by indexing (no table from units to
//! instructions). An instruction's `EXTENDED_ARG` prefixes are folded into
//! its argument, and each prefix's own `Instr` only passes on to the next
//! unit (for a jump that lands on it; jumps go straight to the opcode).
//! Jump targets become instruction pointers and constants become pointers
//! to the constant.
//!
//! Translation also checks every operand against the code object (local
//! slots, constants, names, jump targets). That is what lets the handlers
//! access them without bounds checks. Superinstructions (`fuse.rs`) are
//! applied here too.

use crate::handlers::{end_of_code, handler_for, skip_prefix, Handler, OP_INFO};
use pvm_frontend::{Opcode, Operand};
use pvm_runtime::code::Tier;
use pvm_runtime::exceptions::runtime_error;
use pvm_runtime::{PyResult, RtCode};

/// One pre-decoded instruction.
#[repr(C)]
pub(crate) struct Instr {
    pub handler: Handler,
    /// Jump target (`*const Instr`) or constant (`*const Value`), else 0.
    pub operand: usize,
    /// The argument; for jumps, the target's code unit.
    pub arg: u32,
    /// Code-unit offset of the opcode, for tracebacks.
    pub offset: u32,
}

pub(crate) struct Translation {
    /// One per code unit, then one that raises if code runs off the end.
    pub instrs: Box<[Instr]>,
}

impl Translation {
    /// The instruction that starts at code unit `unit`.
    pub fn instr_at(&self, unit: usize) -> PyResult<*const Instr> {
        if unit + 1 < self.instrs.len() {
            Ok(&self.instrs[unit])
        } else {
            Err(corrupt("jump target out of range"))
        }
    }
}

fn corrupt(what: &str) -> pvm_runtime::PyErr {
    runtime_error(format!("corrupt bytecode: {what}"))
}

/// The tier that holds translations made with or without superinstructions.
fn tier(superinstructions: bool) -> Tier {
    if superinstructions {
        Tier::Threaded
    } else {
        Tier::ThreadedUnfused
    }
}

/// The translation of `code`, made on first use.
pub(crate) fn translation(code: &RtCode, superinstructions: bool) -> PyResult<&Translation> {
    let slot = code.tiers.slot(tier(superinstructions));
    let translation = slot.get_or_make(|| translate(code, superinstructions))?;
    slot.entry.set(translation.instrs.as_ptr() as usize);
    Ok(translation)
}

/// The first instruction of `code`'s translation if it is made (one load),
/// else null.
#[inline(always)]
pub(crate) fn entry_if_made(code: &RtCode, superinstructions: bool) -> *const Instr {
    code.tiers.slot(tier(superinstructions)).entry.get() as *const Instr
}

/// The first instruction of `code`'s translation, made now if need be.
#[cold]
#[inline(never)]
pub(crate) fn entry(code: &RtCode, superinstructions: bool) -> PyResult<*const Instr> {
    Ok(translation(code, superinstructions)?.instrs.as_ptr())
}

fn translate(code: &RtCode, superinstructions: bool) -> PyResult<Translation> {
    let units = &code.code.instructions[..];
    // One pass over the code units decodes, checks and fuses, branching as
    // little as it can: for a long code object run once (a module body,
    // unpack_sequence's 400 unpackings), translating costs as much as
    // running, so it does no more than it must.
    let mut instrs: Vec<Instr> = Vec::with_capacity(units.len() + 1);
    let first: *const Instr = instrs.as_ptr();
    let mut fuser = crate::fuse::Fuser::new(superinstructions);
    // The bound of each kind of operand (none for the kinds the handler
    // checks, and for jumps, checked apart).
    let mut bound = [u32::MAX; OPERAND_KINDS];
    bound[Operand::Const as usize] = clamp(code.constants.len());
    bound[Operand::Local as usize] = clamp(code.local_count);
    bound[Operand::Name as usize] = clamp(code.names.len());
    let constants = code.constants.as_ptr();
    let mut arg = 0u32;
    for (offset, unit) in units.iter().enumerate() {
        arg = (arg << 8) | unit.arg as u32;
        let op = unit.op;
        if op == Opcode::EXTENDED_ARG {
            instrs.push(Instr {
                handler: skip_prefix,
                operand: 0,
                arg: 0,
                offset: offset as u32,
            });
            fuser.prefix();
            continue;
        }
        let info = &OP_INFO[op as usize];
        if arg >= bound[info.operand as usize] {
            return Err(corrupt(&format!("{} with argument {arg}", op.name())));
        }
        let operand = match info.operand {
            // SAFETY: `arg` is below the number of constants (checked).
            Operand::Const => (unsafe { constants.add(arg as usize) }) as usize,
            // SAFETY: `jump_target` answers a unit below `units.len()`,
            // and `instrs` will hold one `Instr` per unit.
            Operand::Jump => match jump_target(units, arg as usize) {
                Some(target) => (unsafe { first.add(target) }) as usize,
                None => return Err(corrupt(&format!("{} with argument {arg}", op.name()))),
            },
            _ => 0,
        };
        instrs.push(Instr {
            handler: if info.on_arg {
                handler_for(op, arg)
            } else {
                info.handler
            },
            operand,
            arg,
            offset: offset as u32,
        });
        fuser.push(&mut instrs, op, arg, info.starts_pair);
        arg = 0;
    }
    // Falling off the end is impossible for compiled code; if it happens, it
    // raises instead of running off the array.
    let last_offset = instrs.last().map_or(0, |i| i.offset);
    instrs.push(Instr {
        handler: end_of_code,
        operand: 0,
        arg: 0,
        offset: last_offset,
    });
    // Sized exactly, so boxing neither moves nor copies (the jump targets
    // above point into this buffer).
    let instrs = instrs.into_boxed_slice();
    debug_assert!(std::ptr::eq(instrs.as_ptr(), first));
    Ok(Translation { instrs })
}

/// The code unit holding the opcode of the instruction a jump to `unit`
/// runs (past the prefixes that start there), if there is one.
#[inline(always)]
fn jump_target(units: &[pvm_frontend::CodeUnit], mut unit: usize) -> Option<usize> {
    loop {
        match units.get(unit)? {
            prefix if prefix.op == Opcode::EXTENDED_ARG => unit += 1,
            _ => return Some(unit),
        }
    }
}

/// How many kinds of operand there are (`Operand`'s variants).
const OPERAND_KINDS: usize = Operand::Raw as usize + 1;

/// A count as an operand bound (no code object has 2^32 of anything).
fn clamp(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}
