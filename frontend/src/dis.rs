//! The disassembler: a stable, readable listing of a code object and every
//! code object nested in it, in the spirit of `python -m dis`.
//!
//! The same printer serves `pvm dis`, `pvm run --trace` and `pvm explain`.
//! Columns: source line (when it changes), `>>` for jump targets, code-unit
//! offset, opcode name, argument, and the argument's resolved meaning. It
//! reads code objects only; it never executes anything.

use crate::code::{CodeObject, Constant, Instruction};
use crate::opcode::{BinaryOperator, CompareOperator, Opcode, Operand};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Disassembles `code` and, after it, each nested code object.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    write_code(&mut out, code, &|_| None, true);
    out
}

/// Disassembles `code` alone (not its nested code objects), writing
/// `source(line)` (when it gives a text) above the first instruction of
/// each source line: the listing `pvm explain` interleaves with the source.
pub fn disassemble_with_source(
    code: &CodeObject,
    source: &dyn Fn(u32) -> Option<String>,
) -> String {
    let mut out = String::new();
    write_code(&mut out, code, source, false);
    out
}

fn write_code(
    out: &mut String,
    code: &CodeObject,
    source: &dyn Fn(u32) -> Option<String>,
    nested: bool,
) {
    let _ = writeln!(
        out,
        "Disassembly of <code object {} at \"{}\", line {}>:",
        code.qualname, code.filename, code.first_line
    );
    let targets: BTreeSet<usize> = code
        .decoded()
        .filter(|i| i.op.operand() == Operand::Jump)
        .map(|i| i.arg as usize)
        .collect();
    let lines = code.lines();
    let mut last_line = 0;
    for instruction in code.decoded() {
        let line = lines[instruction.offset];
        let line_column = if line != last_line {
            last_line = line;
            if let Some(text) = source(line) {
                let _ = writeln!(out, "{text}");
            }
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let marker = if targets.contains(&instruction.start) {
            ">>"
        } else {
            "  "
        };
        let text = instruction_text(code, &instruction);
        let _ = writeln!(out, "{line_column} {marker}{text}");
    }
    if !code.exception_table.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for entry in code.exception_table.iter() {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                entry.start,
                entry.end.saturating_sub(1),
                entry.target,
                entry.depth,
                if entry.push_lasti { " lasti" } else { "" }
            );
        }
    }
    if nested {
        for inner in code.nested_code() {
            out.push('\n');
            write_code(out, inner, source, true);
        }
    }
}

/// One instruction as the listing shows it, after the line and jump-target
/// columns: offset, opcode name, argument and its meaning (`pvm run
/// --trace` prints the same text).
pub fn instruction_text(code: &CodeObject, instruction: &Instruction) -> String {
    let mut text = format!("{:>5} {:<22}", instruction.start, instruction.op.name());
    if instruction.op.operand() != Operand::None {
        let _ = write!(text, " {:>4}", instruction.arg);
        if let Some(meaning) = resolve(code, instruction.op, instruction.arg) {
            let _ = write!(text, " ({meaning})");
        }
    }
    text.trim_end().to_string()
}

/// What an instruction's argument means, as the listing shows it in
/// parentheses (`fib`, `+`, `to 12`); `None` where it shows nothing.
pub fn resolve(code: &CodeObject, op: Opcode, arg: u32) -> Option<String> {
    let index = arg as usize;
    Some(match op.operand() {
        Operand::Const => constant_repr(code.constants.get(index)?),
        Operand::Local => code.slot_names().nth(index)?.to_string(),
        Operand::Name => code.names.get(index)?.to_string(),
        Operand::Jump => format!("to {arg}"),
        Operand::BinaryOp => {
            let (operator, inplace) = BinaryOperator::decode(arg)?;
            format!("{}{}", operator.symbol(), if inplace { "=" } else { "" })
        }
        Operand::CompareOp => CompareOperator::decode(arg)?.symbol().to_string(),
        Operand::Invert => (if arg == 0 { "" } else { "not" }).to_string(),
        Operand::Raw if op == Opcode::MAKE_FUNCTION => {
            let mut parts = Vec::new();
            if arg & 1 != 0 {
                parts.push("defaults");
            }
            if arg & 2 != 0 {
                parts.push("kwdefaults");
            }
            if arg & 8 != 0 {
                parts.push("closure");
            }
            if parts.is_empty() {
                return None;
            }
            parts.join(", ")
        }
        Operand::Raw if op == Opcode::FORMAT_VALUE => {
            let conversion = ["", "str", "repr", "ascii"][(arg & 3) as usize];
            let spec = if arg & 4 != 0 { "with format" } else { "" };
            let text = [conversion, spec]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if text.is_empty() {
                return None;
            }
            text
        }
        _ => return None,
    })
    .filter(|s| !s.is_empty())
}

/// A constant as Python's `repr` would show it (code objects by name).
pub fn constant_repr(constant: &Constant) -> String {
    match constant {
        Constant::None => "None".into(),
        Constant::Bool(b) => (if *b { "True" } else { "False" }).into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(b) => b.to_string(),
        Constant::Float(f) => crate::float_repr::repr(*f),
        Constant::Complex(real, imag) => crate::float_repr::complex_repr(*real, *imag),
        Constant::Str(s) => crate::float_repr::str_repr(s),
        Constant::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(constant_repr).collect();
            if inner.len() == 1 {
                format!("({},)", inner[0])
            } else {
                format!("({})", inner.join(", "))
            }
        }
        Constant::FrozenSet(items) => {
            let inner: Vec<String> = items.iter().map(constant_repr).collect();
            format!("frozenset({{{}}})", inner.join(", "))
        }
        Constant::Code(code) => format!("<code object {}, line {}>", code.name, code.first_line),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Bytes(b) => crate::float_repr::bytes_repr(b),
    }
}
