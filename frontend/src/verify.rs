//! The bytecode verifier: what every backend assumes of a code object,
//! checked before code read from a cache file may run.
//!
//! Every operand must stay inside the table it indexes, every jump and
//! handler must land on an instruction, and the operand stack must have
//! one depth at each instruction, within `max_stack`, never below what the
//! instruction uses, and `max_stack` itself must be no more than the deepest
//! stack some path reaches (frames reserve that much up front). The argument
//! counts and the `*args`/`**kwargs` flags must describe parameters that
//! exist among the local slots, since calls bind into them unchecked.
//! Compiler output settles in one pass in code order
//! (every backward jump lands where that pass has already been); anything
//! else, a forged file say, is settled by following each path from a work
//! list. This module checks; it never repairs and never runs code.

use crate::code::{flags, CodeObject, Instruction};
use crate::opcode::{Opcode, Operand};
use crate::pyc::{corrupt, PycError};

/// No depth known yet.
const UNREACHED: i32 = i32::MIN;

/// Buffers reused from one code object to the next.
#[derive(Default)]
struct Scratch {
    starts: Vec<bool>,
    depth_at: Vec<i32>,
    /// The deepest stack any checked instruction leaves or starts with.
    deepest: i32,
}

thread_local! {
    /// The buffers of the last verification, kept for the next one (one
    /// import after another would otherwise each fault in fresh pages).
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

/// Checks `code` and every code object nested in it.
pub fn verify(code: &CodeObject) -> Result<(), PycError> {
    let mut scratch = SCRATCH.take();
    let result = verify_with(code, &mut scratch);
    SCRATCH.set(scratch);
    result
}

/// The operand-stack depth before each instruction of `code` (not of the
/// code nested in it), indexed by the instruction's first code unit: `None`
/// where no path reaches and inside `EXTENDED_ARG` prefixes. Checks what
/// `verify` checks, so the depths are the ones every backend relies on
/// (the JIT compiles stack slots to fixed addresses from them).
pub fn stack_depths(code: &CodeObject) -> Result<Vec<Option<u32>>, PycError> {
    let mut scratch = Scratch::default();
    check_one(code, &mut scratch)?;
    Ok(scratch
        .depth_at
        .iter()
        .zip(&scratch.starts)
        .map(|(&depth, &start)| (start && depth != UNREACHED).then_some(depth as u32))
        .collect())
}

fn verify_with(code: &CodeObject, scratch: &mut Scratch) -> Result<(), PycError> {
    check_one(code, scratch)?;
    for nested in code.nested_code() {
        verify_with(nested, scratch)?;
    }
    Ok(())
}

/// Checks one code object, leaving its depths in `scratch`.
fn check_one(code: &CodeObject, scratch: &mut Scratch) -> Result<(), PycError> {
    let units = code.instructions.len();
    if units == 0 {
        return Err(corrupt("empty code"));
    }
    for entry in code.exception_table.iter() {
        if entry.start > entry.end || entry.end as usize > units || entry.target as usize >= units {
            return Err(corrupt("exception table entry out of range"));
        }
        if entry.depth > code.max_stack {
            return Err(corrupt("exception handler depth above max_stack"));
        }
    }
    check_parameters(code)?;
    check_generator(code)?;
    scratch.starts.clear();
    scratch.starts.resize(units, false);
    scratch.depth_at.clear();
    scratch.depth_at.resize(units, UNREACHED);
    scratch.deepest = 0;
    let settled = one_pass(code, scratch)?;
    if !settled {
        follow_paths(code, scratch)?;
    }
    check_handler_depths(code, scratch)?;
    if code.max_stack as i64 > scratch.deepest as i64 {
        return Err(corrupt(format!(
            "max_stack {} is deeper than any path's stack ({})",
            code.max_stack, scratch.deepest
        )));
    }
    Ok(())
}

/// An exception unwinds the operand stack down to its handler's depth, so
/// wherever an instruction can raise, the stack must hold at least that
/// many values. Bodies keep their operands in place while they work, but
/// a call's operands are gone with the callee's frame when its exception
/// comes back, and a `YIELD_VALUE`'s value is gone when an exception is
/// thrown in. The handler is the first entry covering the instruction, as
/// the runtime finds it.
fn check_handler_depths(code: &CodeObject, scratch: &Scratch) -> Result<(), PycError> {
    if code.exception_table.is_empty() {
        return Ok(());
    }
    let table = table();
    for (start, &depth) in scratch.depth_at.iter().enumerate() {
        if depth == UNREACHED || !scratch.starts[start] {
            continue;
        }
        let instruction = code
            .decode_at(start)
            .ok_or_else(|| corrupt("undecodable instruction"))?;
        if !instruction.op.can_raise() {
            continue;
        }
        let handler = code
            .exception_table
            .iter()
            .find(|entry| (entry.start as usize..entry.end as usize).contains(&instruction.offset));
        if let Some(handler) = handler {
            let consumed = match instruction.op {
                Opcode::CALL | Opcode::CALL_KW | Opcode::CALL_METHOD | Opcode::YIELD_VALUE => {
                    stack_use(table, instruction.op, instruction.arg).inputs
                }
                _ => 0,
            };
            if (handler.depth as i64) > depth as i64 - consumed {
                return Err(corrupt(format!(
                    "{} at {} can raise below its handler's stack depth",
                    instruction.op.name(),
                    instruction.offset
                )));
            }
        }
    }
    Ok(())
}

/// A frame may only yield once `RETURN_GENERATOR` has made it a
/// generator's: code that yields is flagged a generator or coroutine and
/// starts (after its cell prologue) with `RETURN_GENERATOR`, which nothing
/// jumps back to, and code flagged so has it. Instructions are decoded
/// safely here (they are checked afterwards).
fn check_generator(code: &CodeObject) -> Result<(), PycError> {
    let flagged = code.flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0;
    let mut prologue = true;
    let mut started: Option<usize> = None;
    for instruction in code.decoded() {
        let op = instruction.op;
        if prologue {
            match op {
                Opcode::MAKE_CELL | Opcode::COPY_FREE_VARS => continue,
                Opcode::RETURN_GENERATOR => {
                    started = Some(instruction.offset);
                    prologue = false;
                    continue;
                }
                _ => prologue = false,
            }
        }
        if op == Opcode::RETURN_GENERATOR {
            return Err(corrupt("RETURN_GENERATOR after the prologue"));
        }
        if op.flow() == crate::opcode::Flow::Yield && started.is_none() {
            return Err(corrupt(format!(
                "{} in code that is no generator",
                op.name()
            )));
        }
        if let (Some(start), Operand::Jump) = (started, op.operand()) {
            if instruction.arg as usize <= start {
                return Err(corrupt("a jump back into a generator's prologue"));
            }
        }
    }
    if flagged != started.is_some() {
        return Err(corrupt(
            "generator flags without RETURN_GENERATOR, or RETURN_GENERATOR without them",
        ));
    }
    if let Some(start) = started {
        if code
            .exception_table
            .iter()
            .any(|entry| entry.start as usize <= start || entry.target as usize <= start)
        {
            return Err(corrupt("a handler covering a generator's prologue"));
        }
    }
    Ok(())
}

/// What binding arguments relies on: `posonly <= argcount`, and the
/// parameters (positional, keyword-only, then `*args` and `**kwargs` when
/// flagged) are the first local names. Counted in `u64`: no forged count
/// can overflow the sum.
fn check_parameters(code: &CodeObject) -> Result<(), PycError> {
    if code.posonly_arg_count > code.arg_count {
        return Err(corrupt("more positional-only arguments than arguments"));
    }
    if code.parameter_count() > code.varnames.len() as u64 {
        return Err(corrupt("more parameters than local names"));
    }
    Ok(())
}

/// Where execution starts: the first instruction and every handler.
fn entry_points(code: &CodeObject) -> impl Iterator<Item = (usize, i32)> + '_ {
    let handlers = code.exception_table.iter().map(|entry| {
        (
            entry.target as usize,
            entry.depth as i32 + entry.push_lasti as i32 + 1,
        )
    });
    std::iter::once((0, 0)).chain(handlers)
}

/// Decodes every instruction once, checking its operand, and carries stack
/// depths forward. Says whether that settled every depth (false when a
/// backward jump reached code the pass had skipped as unreached).
fn one_pass(code: &CodeObject, scratch: &mut Scratch) -> Result<bool, PycError> {
    let units = code.instructions.len();
    let limits = operand_limits(code, code.slot_count());
    let table = table();
    let Scratch {
        starts,
        depth_at,
        deepest,
    } = scratch;
    for (target, depth) in entry_points(code) {
        record(depth_at, target, depth)?;
        *deepest = (*deepest).max(depth);
    }
    let mut settled = true;
    let mut pc = 0;
    while pc < units {
        let start = pc;
        let mut arg = 0u32;
        let op = loop {
            let unit = code.instructions[pc];
            arg = (arg << 8) | unit.arg as u32;
            if unit.op != Opcode::EXTENDED_ARG {
                break unit.op;
            }
            pc += 1;
            if pc == units {
                return Err(corrupt("code ends in EXTENDED_ARG"));
            }
            // A jump or handler seen earlier must not land after the prefix.
            if depth_at[pc] != UNREACHED {
                return Err(corrupt("a jump or handler lands inside an instruction"));
            }
        };
        starts[start] = true;
        check_operand(code, table, op, arg, &limits)?;
        let depth = depth_at[start];
        if depth != UNREACHED {
            let instruction = Instruction {
                start,
                offset: pc,
                op,
                arg,
            };
            let (jump, fall) = successors(code, table, &instruction, depth, deepest)?;
            if let Some((next, depth)) = fall {
                record(depth_at, next, depth)?;
            }
            if let Some((target, depth)) = jump {
                if target <= start {
                    if !starts[target] {
                        return Err(corrupt("a jump or handler lands inside an instruction"));
                    }
                    if depth_at[target] == UNREACHED {
                        settled = false;
                    }
                }
                record(depth_at, target, depth)?;
            }
        }
        pc += 1;
    }
    Ok(settled)
}

/// The slow path: every path from every entry point, with `starts` known.
fn follow_paths(code: &CodeObject, scratch: &mut Scratch) -> Result<(), PycError> {
    let Scratch {
        starts,
        depth_at,
        deepest,
    } = scratch;
    let table = table();
    depth_at.fill(UNREACHED);
    let mut work: Vec<(usize, i32)> = entry_points(code).collect();
    while let Some((start, depth)) = work.pop() {
        if depth_at.get(start) == Some(&depth) {
            continue;
        }
        if !starts.get(start).copied().unwrap_or(false) {
            return Err(corrupt("a jump or handler lands inside an instruction"));
        }
        record(depth_at, start, depth)?;
        let instruction = code
            .decode_at(start)
            .ok_or_else(|| corrupt("undecodable instruction"))?;
        let (jump, fall) = successors(code, table, &instruction, depth, deepest)?;
        work.extend(jump.into_iter().chain(fall));
    }
    Ok(())
}

/// For each operand kind, the bound its argument must stay under (as a
/// table rather than a `match`, so the pass does not branch on the kind).
fn operand_limits(code: &CodeObject, slots: usize) -> [usize; OPERAND_KINDS] {
    let mut limits = [usize::MAX; OPERAND_KINDS];
    limits[Operand::Const as usize] = code.constants.len();
    limits[Operand::Name as usize] = code.names.len();
    limits[Operand::Local as usize] = slots;
    limits[Operand::Jump as usize] = code.instructions.len();
    limits
}

const OPERAND_KINDS: usize = Operand::Raw as usize + 1;

fn check_operand(
    code: &CodeObject,
    table: &[Row],
    op: Opcode,
    arg: u32,
    limits: &[usize; OPERAND_KINDS],
) -> Result<(), PycError> {
    let arg = arg as usize;
    let ok = arg < limits[table[op as usize].operand as usize]
        && (op != Opcode::COPY_FREE_VARS || arg == code.freevars.len())
        // With 0 these would reach the slot above the top, or name one
        // slot twice.
        && (!matches!(
            op,
            Opcode::COPY
                | Opcode::SWAP
                | Opcode::LIST_APPEND
                | Opcode::LIST_EXTEND
                | Opcode::SET_ADD
                | Opcode::SET_UPDATE
                | Opcode::MAP_ADD
                | Opcode::DICT_UPDATE
                | Opcode::DICT_MERGE
        ) || arg >= 1)
        // The bodies of these read their argument as no more than these
        // cases, and move the stack as declared only for them.
        && (op != Opcode::BUILD_SLICE || arg == 2 || arg == 3)
        && (op != Opcode::RAISE_VARARGS || arg <= 2);
    if ok {
        Ok(())
    } else {
        Err(corrupt(format!("{} operand {arg} out of range", op.name())))
    }
}

/// Records that the instruction at `target` is reached with `depth`.
fn record(depth_at: &mut [i32], target: usize, depth: i32) -> Result<(), PycError> {
    match depth_at.get(target) {
        None => Err(corrupt("a jump or handler lands outside the code")),
        Some(&UNREACHED) => {
            depth_at[target] = depth;
            Ok(())
        }
        Some(&known) if known != depth => {
            Err(corrupt("an instruction is reached with two stack depths"))
        }
        Some(_) => Ok(()),
    }
}

/// Checks one instruction run at `depth` and gives where control goes next,
/// with the depth there: where it jumps (jumps only) and the next
/// instruction (when it falls through: `Flow::falls_through`). Raises
/// `deepest` to the depths it starts with, leaves and jumps with.
#[inline(always)]
fn successors(
    code: &CodeObject,
    table: &[Row],
    instruction: &Instruction,
    depth: i32,
    deepest: &mut i32,
) -> Result<(Option<(usize, i32)>, Option<(usize, i32)>), PycError> {
    let max = code.max_stack as i64;
    let (op, arg) = (instruction.op, instruction.arg);
    let stack = stack_use(table, op, arg);
    let depth = depth as i64;
    let after = depth + stack.effect;
    if depth < stack.inputs || depth > max || after < 0 || after > max {
        return Err(corrupt(format!(
            "stack underflow or overflow at {}",
            op.name()
        )));
    }
    let (depth, after) = (depth as i32, after as i32);
    *deepest = (*deepest).max(depth).max(after);
    let mut jump = None;
    if table[op as usize].operand == Operand::Jump {
        let taken = depth as i64 + stack.jump;
        let taken = taken as i32;
        if taken < 0 || taken as i64 > max {
            return Err(corrupt(format!(
                "stack depth out of range at {}'s target",
                op.name()
            )));
        }
        *deepest = (*deepest).max(taken);
        jump = Some((arg as usize, taken));
    }
    let next = instruction.offset + 1;
    let falls_through = table[op as usize].falls_through;
    if falls_through && next >= code.instructions.len() {
        return Err(corrupt(format!(
            "code runs off its end after {}",
            op.name()
        )));
    }
    let fall = falls_through.then_some((next, after));
    Ok((jump, fall))
}

/// An instruction's use of the stack, in `i64` so that no argument, however
/// forged, can overflow the arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct StackUse {
    effect: i64,
    jump: i64,
    inputs: i64,
}

/// `base + per_arg * arg`.
#[derive(Clone, Copy, Debug, Default)]
struct Linear {
    base: i64,
    per_arg: i64,
}

impl Linear {
    #[inline(always)]
    fn at(self, arg: u32) -> i64 {
        self.base + self.per_arg * arg as i64
    }
}

/// The declared stack effects of one opcode as straight lines in the
/// argument, when they are (`None` for the few that decode flag bits).
#[derive(Clone, Copy, Debug)]
struct Row {
    linear: Option<[Linear; 3]>,
    /// `Opcode::operand`, looked up here rather than called.
    operand: Operand,
    /// `Opcode::flow().falls_through()`, likewise.
    falls_through: bool,
}

/// Arguments at which a declaration must agree with its straight line when
/// the table is made (once per process that loads a cache file, so a few:
/// the unit test below checks every declaration at over a thousand more,
/// so a line that fits these but not the declaration fails the suite).
fn sample_args() -> impl Iterator<Item = u32> {
    (0..=16u32).chain([
        255,
        256,
        4095,
        4096,
        65535,
        65536,
        1 << 20,
        (1 << 24) - 1,
        1 << 24,
    ])
}

/// Derives `Row`s from `Opcode::stack_info`, the one declaration: the verifier
/// then looks effects up in a table instead of jumping on the opcode for
/// each instruction. Only arguments that fit the wordcode's 8-bit units
/// with up to three prefixes (`arg < 2^24`) are sampled, and the arithmetic
/// of a declaration is `i32`, so a line is trusted only below that bound.
fn derive(op: Opcode) -> Row {
    let info = |arg: u32| op.stack_info(arg);
    let line = |get: &dyn Fn(u32) -> i32| {
        let base = get(0) as i64;
        let per_arg = get(1) as i64 - base;
        let line = Linear { base, per_arg };
        sample_args()
            .all(|arg| line.at(arg) == get(arg) as i64)
            .then_some(line)
    };
    let effect = line(&|arg| info(arg).effect);
    let jump = line(&|arg| info(arg).jump);
    let inputs = line(&|arg| info(arg).inputs);
    Row {
        linear: match (effect, jump, inputs) {
            (Some(e), Some(j), Some(i)) => Some([e, j, i]),
            _ => None,
        },
        operand: op.operand(),
        falls_through: op.flow().falls_through(),
    }
}

/// Arguments below this use the table; above it, the declaration itself.
const TABLE_ARG_LIMIT: u32 = 1 << 24;

fn table() -> &'static [Row] {
    static TABLE: std::sync::OnceLock<Box<[Row]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| Opcode::ALL.iter().map(|&op| derive(op)).collect())
}

/// What `op` with `arg` does to the stack.
#[inline(always)]
fn stack_use(table: &[Row], op: Opcode, arg: u32) -> StackUse {
    if arg <= TABLE_ARG_LIMIT {
        if let Some([effect, jump, inputs]) = table[op as usize].linear {
            return StackUse {
                effect: effect.at(arg),
                jump: jump.at(arg),
                inputs: inputs.at(arg),
            };
        }
    }
    let info = op.stack_info(arg);
    StackUse {
        effect: info.effect as i64,
        jump: info.jump as i64,
        inputs: info.inputs as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_every_declaration() {
        let mut general = Vec::new();
        for &op in Opcode::ALL {
            if table()[op as usize].linear.is_none() {
                general.push(op.name());
            }
            for arg in (0..=1024u32).chain(sample_args()).chain([257, 1 << 23]) {
                let info = op.stack_info(arg);
                let expected = StackUse {
                    effect: info.effect as i64,
                    jump: info.jump as i64,
                    inputs: info.inputs as i64,
                };
                assert_eq!(stack_use(table(), op, arg), expected, "{} {arg}", op.name());
            }
        }
        // The opcodes whose argument is a set of flags or two packed counts.
        general.sort();
        assert_eq!(
            general,
            [
                "CALL_FUNCTION_EX",
                "FORMAT_VALUE",
                "MAKE_FUNCTION",
                "UNPACK_EX"
            ]
        );
    }

    /// `x = 1` compiled, with its instructions replaced.
    fn forged(units: &[(Opcode, u8)]) -> CodeObject {
        let mut code = (*crate::compile("x = 1\n", "forged.py").expect("compiles")).clone();
        code.instructions = units
            .iter()
            .map(|&(op, arg)| crate::opcode::CodeUnit { op, arg })
            .collect();
        code
    }

    #[test]
    fn code_that_runs_off_its_end_is_refused() {
        let code = forged(&[(Opcode::LOAD_CONST, 0), (Opcode::POP_TOP, 0)]);
        let error = verify(&code).expect_err("falls off the end");
        assert!(error.to_string().contains("runs off its end"), "{error}");
        let code = forged(&[(Opcode::LOAD_CONST, 0), (Opcode::RETURN_VALUE, 0)]);
        assert!(verify(&code).is_ok());
    }

    /// The code of `f` in `def f(a, b, /, c, *args, d, **kwargs): pass`.
    fn function() -> CodeObject {
        let module = crate::compile(
            "def f(a, b, /, c, *args, d, **kwargs):\n    e = 1\n",
            "forged.py",
        )
        .expect("compiles");
        let code = module.nested_code().next().expect("f's code");
        (**code).clone()
    }

    fn refused(code: &CodeObject, why: &str) {
        let error = verify(code).expect_err(why);
        assert!(error.to_string().contains(why), "{error}");
    }

    #[test]
    fn argument_counts_must_fit_the_local_names() {
        let code = function();
        assert!(verify(&code).is_ok());
        let mut forged = code.clone();
        forged.posonly_arg_count = forged.arg_count + 1;
        refused(&forged, "positional-only");
        // Seven locals: five parameters counted, plus `*args`, `**kwargs`.
        let mut forged = code.clone();
        forged.arg_count += 2;
        refused(&forged, "more parameters than local names");
        let mut forged = code.clone();
        forged.kwonly_arg_count += 2;
        refused(&forged, "more parameters than local names");
        // No room left for the tuple or dict the flags promise.
        let mut forged = code.clone();
        forged.varnames = forged.varnames[..5].into();
        forged.instructions = [(Opcode::LOAD_CONST, 0), (Opcode::RETURN_VALUE, 0)]
            .iter()
            .map(|&(op, arg)| crate::opcode::CodeUnit { op, arg })
            .collect();
        refused(&forged, "more parameters than local names");
        forged.flags &= !(flags::VARARGS | flags::VARKEYWORDS);
        assert!(verify(&forged).is_ok());
        // Counts whose sum overflows `u32`.
        let mut forged = code.clone();
        forged.arg_count = u32::MAX;
        forged.posonly_arg_count = 0;
        forged.kwonly_arg_count = u32::MAX;
        refused(&forged, "more parameters than local names");
    }

    #[test]
    fn max_stack_deeper_than_any_path_is_refused() {
        let code = function();
        let mut forged = code.clone();
        forged.max_stack = 1 << 31;
        refused(&forged, "deeper than any path");
        let mut forged = code.clone();
        forged.max_stack += 1;
        refused(&forged, "deeper than any path");
        // Less than the code needs is an overflow, as before.
        let mut forged = code;
        forged.max_stack -= 1;
        refused(&forged, "overflow");
    }

    #[test]
    fn copy_and_swap_of_nothing_are_refused() {
        for op in [Opcode::COPY, Opcode::SWAP] {
            let code = forged(&[(Opcode::LOAD_CONST, 0), (op, 0), (Opcode::RETURN_VALUE, 0)]);
            assert!(verify(&code).is_err(), "{} 0", op.name());
        }
    }

    /// Arguments whose bodies would move the stack otherwise than declared.
    #[test]
    fn arguments_outside_what_the_bodies_handle_are_refused() {
        let three = [(Opcode::LOAD_CONST, 0); 3];
        for (op, arg) in [
            (Opcode::BUILD_SLICE, 0),
            (Opcode::BUILD_SLICE, 1),
            (Opcode::BUILD_SLICE, 4),
            (Opcode::LIST_APPEND, 0),
            (Opcode::MAP_ADD, 0),
            (Opcode::RAISE_VARARGS, 3),
        ] {
            let mut units = three.to_vec();
            units.extend([(op, arg), (Opcode::RETURN_VALUE, 0)]);
            let mut code = forged(&units);
            code.max_stack = 3;
            let error = verify(&code).expect_err(op.name());
            assert!(error.to_string().contains("out of range"), "{error}");
        }
        let mut units = three.to_vec();
        units.extend([(Opcode::BUILD_SLICE, 3), (Opcode::RETURN_VALUE, 0)]);
        let mut code = forged(&units);
        code.max_stack = 3;
        assert!(verify(&code).is_ok());
    }

    #[test]
    fn handler_ranges_cover_only_code_at_their_depth() {
        let source = "try:\n    pass\nexcept E as e:\n    pass\n";
        let code = (*crate::compile(source, "h.py").expect("compiles")).clone();
        assert!(verify(&code).is_ok());
        // The handler's range stretched over `del e`, after `POP_EXCEPT`.
        let mut forged = code;
        let units = forged.instructions.len() as u32;
        let mut table = forged.exception_table.to_vec();
        for entry in table.iter_mut().filter(|e| e.depth == 1) {
            entry.end = units;
        }
        forged.exception_table = table.into();
        refused(&forged, "below its handler's stack depth");
    }

    #[test]
    fn only_generators_yield_and_only_after_their_prologue() {
        let module = crate::compile("def g():\n    yield 1\n", "g.py").expect("compiles");
        let generator = (**module.nested_code().next().expect("g")).clone();
        assert!(verify(&generator).is_ok());
        let mut forged = generator.clone();
        forged.flags &= !flags::GENERATOR;
        refused(&forged, "generator flags");
        // A function (no RETURN_GENERATOR) with a yield in it.
        let mut forged = function();
        let mut units = forged.instructions.to_vec();
        let at = units.len() - 2;
        units[at] = crate::opcode::CodeUnit {
            op: Opcode::YIELD_VALUE,
            arg: 0,
        };
        forged.instructions = units.into();
        refused(&forged, "no generator");
        let mut forged = generator;
        let last = forged.instructions.len() - 1;
        let mut units = forged.instructions.to_vec();
        units[last - 1] = crate::opcode::CodeUnit {
            op: Opcode::JUMP,
            arg: 0,
        };
        forged.instructions = units.into();
        refused(&forged, "prologue");
    }
}
