//! Translating a code object, once and lazily, into threaded code: one
//! `Instr` per instruction, holding its handler and pre-decoded operands.
//! `EXTENDED_ARG` prefixes are folded away, jump targets become instruction
//! pointers and constants become pointers to the constant.
//!
//! Translation also checks every operand against the code object (local
//! slots, constants, names, jump targets). That is what lets the handlers
//! access them without bounds checks. Superinstructions (`fuse.rs`) are
//! applied here too.

use crate::handlers::{end_of_code, handler_for, Handler};
use pvm_frontend::{Instruction, Opcode, Operand};
use pvm_runtime::code::Tier;
use pvm_runtime::exceptions::runtime_error;
use pvm_runtime::{PyResult, RtCode};

/// One pre-decoded instruction.
#[repr(C)]
pub(crate) struct Instr {
    pub handler: Handler,
    /// Jump target (`*const Instr`) or constant (`*const Value`), else 0.
    pub operand: usize,
    /// The argument; for jumps, the target's instruction index.
    pub arg: u32,
    /// Code-unit offset of the opcode, for tracebacks.
    pub offset: u32,
}

pub(crate) struct Translation {
    pub instrs: Box<[Instr]>,
    /// Instruction index of each code unit (prefixes map to their instruction).
    unit_to_instr: Box<[u32]>,
}

impl Translation {
    /// The instruction that starts at code unit `unit`.
    pub fn instr_at(&self, unit: usize) -> PyResult<*const Instr> {
        match self.unit_to_instr.get(unit) {
            Some(&index) if (index as usize) < self.instrs.len() => {
                Ok(&self.instrs[index as usize])
            }
            _ => Err(corrupt("jump target out of range")),
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
    let units = code.code.instructions.len();
    // Sized once (no instruction is shorter than a unit), so neither this
    // nor `instrs` below is copied while it grows: for a long code object
    // run briefly, the copies cost as much as the rest of translating.
    let mut decoded: Vec<Instruction> = Vec::with_capacity(units);
    decoded.extend(code.code.decoded());
    let mut unit_to_instr = vec![u32::MAX; units + 1].into_boxed_slice();
    for (index, instruction) in decoded.iter().enumerate() {
        for unit in instruction.start..=instruction.offset {
            unit_to_instr[unit] = index as u32;
        }
    }
    let last_offset = decoded.last().map_or(0, |i| i.offset as u32);
    let mut instrs: Vec<Instr> = Vec::with_capacity(decoded.len() + 1);
    instrs.extend(decoded.iter().map(|i| Instr {
        handler: handler_for(i.op, i.arg),
        operand: 0,
        arg: i.arg,
        offset: i.offset as u32,
    }));
    // Falling off the end is impossible for compiled code; if it happens, it
    // raises instead of running off the array.
    instrs.push(Instr {
        handler: end_of_code,
        operand: 0,
        arg: 0,
        offset: last_offset,
    });
    let mut instrs = instrs.into_boxed_slice();
    let first: *const Instr = instrs.as_ptr();
    for (index, instruction) in decoded.iter().enumerate() {
        let arg = instruction.arg as usize;
        let valid = match instruction.op.operand() {
            Operand::Jump => match unit_to_instr.get(arg) {
                Some(&target) if (target as usize) < decoded.len() => {
                    instrs[index].arg = target;
                    // SAFETY: `target` indexes `instrs`.
                    instrs[index].operand = unsafe { first.add(target as usize) } as usize;
                    true
                }
                _ => false,
            },
            Operand::Const => match code.constants.get(arg) {
                Some(constant) => {
                    instrs[index].operand = constant as *const _ as usize;
                    true
                }
                None => false,
            },
            Operand::Local => arg < code.local_count,
            Operand::Name => arg < code.names.len(),
            _ => instruction.op != Opcode::EXTENDED_ARG,
        };
        if !valid {
            return Err(corrupt(&format!(
                "{} with argument {arg}",
                instruction.op.name()
            )));
        }
    }
    if superinstructions {
        crate::fuse::fuse(&mut instrs, &decoded, &unit_to_instr);
    }
    Ok(Translation {
        instrs,
        unit_to_instr,
    })
}
