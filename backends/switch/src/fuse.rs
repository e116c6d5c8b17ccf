//! The switch's own instruction set: every opcode, plus one operation per
//! superinstruction (the pairs listed in `pvm_runtime::superinstructions`),
//! and the pass that fuses a code object's pairs into a copy of its code.
//!
//! An `Op` below `Opcode::ALL.len()` is the opcode with the same byte, so
//! unfused code is the code object's own units, read in place. A fused unit
//! keeps its argument and the next unit is left as it was: the dispatch loop
//! reads that unit's argument and skips it, and a jump to it runs it alone.
//! Fused code has exactly as many units as the code object, so every
//! instruction index (jump targets, tracebacks, exception tables, the pc of a
//! suspended generator) means the same in both. This module decides which
//! units fuse; what they do is the runtime's `opcode_body!`.

use pvm_frontend::{CodeUnit, Opcode};
use pvm_runtime::code::Tier;
use pvm_runtime::RtCode;

macro_rules! declare_ops {
    ($($name:ident)*) => {
        pvm_runtime::for_each_superinstruction!(declare_all, [$($name)*]);
    };
}

macro_rules! declare_all {
    ([$($name:ident)*] $($fused:ident: $first:ident $second:ident;)*) => {
                /// An operation of the switch: an opcode or a fused pair.
                #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
                #[derive(Clone, Copy, Debug, PartialEq, Eq)]
                #[repr(u8)]
                pub(crate) enum Op {
                    $($name,)*
                    $($fused,)*
                }

                // Every opcode is the `Op` with the same byte, which is what
                // lets unfused code be read in place.
                $(const _: () = assert!(Op::$name as u8 == Opcode::$name as u8);)*

                impl Op {
                    /// The opcode this operation starts with.
                    #[inline(always)]
                    pub(crate) fn first(self) -> Opcode {
                        match self {
                            $(Op::$name => Opcode::$name,)*
                            $(Op::$fused => Opcode::$first,)*
                        }
                    }

                    /// The operation whose byte is `byte`, if there is one.
                    pub(crate) fn from_byte(byte: u8) -> Option<Op> {
                        const ALL: &[Op] = &[$(Op::$name,)* $(Op::$fused,)*];
                        ALL.get(byte as usize).copied()
                    }

                    /// A superinstruction's name (`None` for a plain opcode).
                    pub(crate) fn fused_name(self) -> Option<&'static str> {
                        match self {
                            $(Op::$fused => Some(stringify!($fused)),)*
                            _ => None,
                        }
                    }

                    /// The fused operation for `first` followed by `second`.
                    fn fused(first: Opcode, second: Opcode) -> Option<Op> {
                        match (first, second) {
                            $((Opcode::$first, Opcode::$second) => Some(Op::$fused),)*
                            _ => None,
                        }
                    }
                }
    };
}

pvm_frontend::for_each_opcode!(declare_ops);

/// One unit of the switch's code: laid out exactly like a `CodeUnit`.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub(crate) struct Unit {
    pub op: Op,
    pub arg: u8,
}

const _: () = assert!(std::mem::size_of::<Unit>() == std::mem::size_of::<CodeUnit>());
const _: () = assert!(std::mem::align_of::<Unit>() == std::mem::align_of::<CodeUnit>());

/// The code object's own units, unfused.
#[inline(always)]
pub(crate) fn plain(code: &RtCode) -> &[Unit] {
    let units: &[CodeUnit] = &code.code.instructions;
    // SAFETY: `Unit` and `CodeUnit` are both `repr(C)` pairs of bytes, and
    // every `Opcode` byte is a valid `Op` with the same meaning (checked by
    // the assertions above).
    unsafe { std::slice::from_raw_parts(units.as_ptr().cast::<Unit>(), units.len()) }
}

/// The fused code of `code`, made on first use.
#[inline(always)]
pub(crate) fn fused(code: &RtCode) -> &[Unit] {
    let entry = code.tiers.slot(Tier::SwitchFused).entry.get();
    if entry == 0 {
        return make_fused(code);
    }
    // SAFETY: a non-zero entry was set by `make_fused` below to the first
    // unit of the fused code it stored in the switch's own tier slot, which
    // has as many units as the code object and lives as long as `code`.
    unsafe { std::slice::from_raw_parts(entry as *const Unit, code.code.instructions.len()) }
}

/// The switch's translation of a code object.
struct Fused(Box<[Unit]>);

#[cold]
#[inline(never)]
fn make_fused(code: &RtCode) -> &[Unit] {
    let slot = code.tiers.slot(Tier::SwitchFused);
    match slot.get_or_make(|| Ok(Fused(fuse(plain(code))))) {
        Ok(Fused(units)) => {
            slot.entry.set(units.as_ptr() as usize);
            units
        }
        // (Never: only this function fills the slot.)
        Err(_) => plain(code),
    }
}

/// Fuses adjacent pairs greedily from left to right.
fn fuse(units: &[Unit]) -> Box<[Unit]> {
    let mut fused = units.to_vec();
    let mut index = 0;
    while index + 1 < fused.len() {
        let pair = Op::fused(units[index].op.first(), units[index + 1].op.first());
        match pair {
            Some(op) => {
                fused[index].op = op;
                index += 2;
            }
            None => index += 1,
        }
    }
    fused.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(op: Opcode, arg: u8) -> Unit {
        let units = [CodeUnit { op, arg }];
        // SAFETY: as in `plain`.
        unsafe { *units.as_ptr().cast::<Unit>() }
    }

    #[test]
    fn fuses_pairs_greedily_and_keeps_the_second_unit() {
        let code = [
            unit(Opcode::LOAD_FAST, 0),
            unit(Opcode::LOAD_FAST, 1),
            unit(Opcode::LOAD_FAST, 2),
            unit(Opcode::LOAD_ATTR, 3),
            unit(Opcode::RETURN_VALUE, 0),
        ];
        let fused = fuse(&code);
        let ops: Vec<Op> = fused.iter().map(|u| u.op).collect();
        assert_eq!(
            ops,
            [
                Op::LOAD_FAST__LOAD_FAST,
                Op::LOAD_FAST,
                Op::LOAD_FAST__LOAD_ATTR,
                Op::LOAD_ATTR,
                Op::RETURN_VALUE
            ]
        );
        let args: Vec<u8> = fused.iter().map(|u| u.arg).collect();
        assert_eq!(args, [0, 1, 2, 3, 0]);
        assert_eq!(Op::LOAD_FAST__LOAD_ATTR.first(), Opcode::LOAD_FAST);
    }

    #[test]
    fn an_extended_argument_between_two_units_stops_fusion() {
        let code = [
            unit(Opcode::LOAD_FAST, 0),
            unit(Opcode::EXTENDED_ARG, 1),
            unit(Opcode::LOAD_FAST, 2),
        ];
        let ops: Vec<Op> = fuse(&code).iter().map(|u| u.op).collect();
        assert_eq!(ops, [Op::LOAD_FAST, Op::EXTENDED_ARG, Op::LOAD_FAST]);
    }
}
