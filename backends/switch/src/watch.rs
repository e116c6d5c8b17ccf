//! Watching the switch run a program: `pvm run --trace` prints each
//! executed instruction with the operand stack it finds (as clox's trace
//! mode does), and `pvm explain` counts the instructions and the
//! superinstructions that fired.
//!
//! The watching happens in the instance of the dispatch loop that also
//! counts opcode pairs (its `COUNT` parameter), so the loop that runs
//! programs holds no check for it. The listing is the disassembler's (`pvm_frontend::dis`); this module
//! only decides when to print and how a value on the stack is shown,
//! without running any Python code (no `__repr__`).

use crate::fuse::Op;
use pvm_frontend::{CodeObject, Instruction, Opcode};
use pvm_runtime::{Interp, Value};
use std::cell::Cell;
use std::io::Write;

/// What a watched run records: each executed instruction by opcode, each
/// dispatch by operation (superinstructions included), and the trace's
/// budget of lines when tracing.
pub struct Watch {
    instructions: [Cell<u64>; 256],
    dispatches: [Cell<u64>; 256],
    /// Lines the trace may still print (`None`: not tracing).
    trace_left: Option<Cell<u64>>,
    trace_limit: u64,
}

/// What a watched run counted.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    /// Executed instructions per opcode, most frequent first
    /// (`EXTENDED_ARG` prefixes not counted).
    pub instructions: Vec<(Opcode, u64)>,
    /// How many times the loop dispatched (a superinstruction is one).
    pub dispatches: u64,
    /// Each superinstruction that fired and how often, most frequent first.
    pub superinstructions: Vec<(&'static str, u64)>,
}

impl Counts {
    /// All executed instructions.
    pub fn total(&self) -> u64 {
        self.instructions.iter().map(|(_, n)| n).sum()
    }
}

impl Watch {
    /// Counts only.
    pub fn counting() -> Watch {
        Watch {
            instructions: std::array::from_fn(|_| Cell::new(0)),
            dispatches: std::array::from_fn(|_| Cell::new(0)),
            trace_left: None,
            trace_limit: 0,
        }
    }

    /// Counts, and prints at most `lines` lines of trace to the program's
    /// standard output (so they interleave with what it prints).
    pub fn tracing(lines: u64) -> Watch {
        Watch {
            trace_left: Some(Cell::new(lines)),
            trace_limit: lines,
            ..Watch::counting()
        }
    }

    pub(crate) fn traces(&self) -> bool {
        self.trace_left.is_some()
    }

    /// The loop is about to run `op` (an opcode, or a superinstruction
    /// whose second half `instruction` hears about separately) from the
    /// unit at `unit`, with the operand stack `stack` (bottom first).
    #[inline(never)]
    pub(crate) fn dispatched(
        &self,
        interp: &mut Interp,
        code: &CodeObject,
        unit: usize,
        op: Op,
        arg: u32,
        stack: &[Value],
    ) {
        let count = &self.dispatches[op as usize];
        count.set(count.get() + 1);
        self.instruction(interp, code, unit, op.first(), arg, stack);
    }

    /// The instruction whose opcode is at `unit` is about to run with the
    /// operand stack `stack` (bottom first).
    #[inline(never)]
    pub(crate) fn instruction(
        &self,
        interp: &mut Interp,
        code: &CodeObject,
        unit: usize,
        op: Opcode,
        arg: u32,
        stack: &[Value],
    ) {
        if op == Opcode::EXTENDED_ARG {
            return;
        }
        let count = &self.instructions[op as usize];
        count.set(count.get() + 1);
        if let Some(left) = &self.trace_left {
            if left.get() > 0 {
                self.trace(interp, left, code, unit, op, arg, stack);
            }
        }
    }

    #[cold]
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn trace(
        &self,
        interp: &mut Interp,
        left: &Cell<u64>,
        code: &CodeObject,
        unit: usize,
        op: Opcode,
        arg: u32,
        stack: &[Value],
    ) {
        let start = (0..unit)
            .rev()
            .take_while(|&at| code.instructions[at].op == Opcode::EXTENDED_ARG)
            .last()
            .unwrap_or(unit);
        let instruction = Instruction {
            start,
            offset: unit,
            op,
            arg,
        };
        let text = pvm_frontend::dis::instruction_text(code, &instruction);
        let shown: Vec<String> = stack.iter().map(short_repr).collect();
        let _ = writeln!(
            interp.stdout,
            "{:<16} {text:<44} stack: [{}]",
            code.qualname,
            shown.join(", ")
        );
        left.set(left.get() - 1);
        if left.get() == 0 {
            let _ = writeln!(
                interp.stdout,
                "(--trace stopped after {} lines; the program runs on untraced)",
                self.trace_limit
            );
        }
    }

    /// What was counted so far.
    pub fn counts(&self) -> Counts {
        let mut instructions: Vec<(Opcode, u64)> = Opcode::ALL
            .iter()
            .map(|&op| (op, self.instructions[op as usize].get()))
            .filter(|&(_, n)| n > 0)
            .collect();
        instructions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name().cmp(b.0.name())));
        let mut superinstructions: Vec<(&'static str, u64)> = (0..256u16)
            .filter_map(|byte| {
                let op = Op::from_byte(byte as u8)?;
                let name = op.fused_name()?;
                let n = self.dispatches[byte as usize].get();
                (n > 0).then_some((name, n))
            })
            .collect();
        superinstructions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        Counts {
            instructions,
            dispatches: self.dispatches.iter().map(Cell::get).sum(),
            superinstructions,
        }
    }
}

/// A value on the stack as the trace shows it: numbers, strings and the
/// constants as Python's `repr` would, anything else by its type, so the
/// trace never runs the program's own code.
fn short_repr(value: &Value) -> String {
    match value {
        Value::None => "None".into(),
        Value::Bool(b) => (if *b { "True" } else { "False" }).into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(i) => i.to_string(),
        Value::Float(f) => pvm_frontend::float_repr::repr(*f),
        Value::Str(s) => {
            let text = s.as_str();
            if text.chars().count() > 20 {
                let head: String = text.chars().take(17).collect();
                format!("{}...", pvm_frontend::float_repr::str_repr(&head))
            } else {
                pvm_frontend::float_repr::str_repr(text)
            }
        }
        Value::Function(function) => format!("<function {}>", function.code.qualname.as_str()),
        Value::Code(code) => format!("<code object {}>", code.qualname.as_str()),
        Value::Builtin(builtin) => format!("<built-in function {}>", builtin.name),
        Value::Type(class) => format!("<class '{}'>", class.name),
        Value::Module(_) | Value::Instance(_) | Value::Exception(_) => {
            format!("<{} object>", value.type_name())
        }
        other => format!("<{}>", other.type_name()),
    }
}
