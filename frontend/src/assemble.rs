//! The assembler: turns a list of instructions with symbolic labels into
//! wordcode, a position table and a maximum stack depth.
//!
//! It sizes `EXTENDED_ARG` prefixes to a fixed point (a jump's own width can
//! move its target) and computes `max_stack` by flow analysis over the stack
//! effects declared in the instruction table. It does not optimise.

use crate::code::{ExceptionEntry, Position};
use crate::opcode::{CodeUnit, Opcode, Operand};

/// A jump target not yet placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(usize);

#[derive(Clone, Copy, Debug)]
enum Arg {
    Value(u32),
    Label(Label),
}

#[derive(Clone, Copy, Debug)]
struct Pending {
    op: Opcode,
    arg: Arg,
    position: Position,
}

/// Collects instructions for one code object.
#[derive(Default)]
pub struct Assembler {
    instructions: Vec<Pending>,
    /// For each label, the index of the instruction it precedes.
    labels: Vec<Option<usize>>,
    /// Protected ranges, innermost first: `start..end` → `handler`, with
    /// the stack depth to unwind to.
    handlers: Vec<(Label, Label, Label, u32)>,
}

/// The assembled result.
pub struct Assembled {
    pub units: Vec<CodeUnit>,
    pub positions: Vec<Position>,
    pub max_stack: u32,
    pub exception_table: Vec<ExceptionEntry>,
}

fn width(arg: u32) -> usize {
    match arg {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xff_ffff => 3,
        _ => 4,
    }
}

impl Assembler {
    pub fn emit(&mut self, op: Opcode, arg: u32, position: Position) {
        debug_assert!(op.operand() != Operand::Jump, "jumps take labels");
        self.instructions.push(Pending {
            op,
            arg: Arg::Value(arg),
            position,
        });
    }

    pub fn emit_jump(&mut self, op: Opcode, target: Label, position: Position) {
        debug_assert!(op.operand() == Operand::Jump);
        self.instructions.push(Pending {
            op,
            arg: Arg::Label(target),
            position,
        });
    }

    /// An exception raised by an instruction between `start` and `end`
    /// unwinds the stack to `depth` items, pushes the exception and jumps to
    /// `handler`. Add inner ranges before the ranges that enclose them.
    pub fn add_handler(&mut self, start: Label, end: Label, handler: Label, depth: u32) {
        self.handlers.push((start, end, handler, depth));
    }

    /// Rewrites the arguments of already emitted (non-jump) instructions.
    pub fn map_args(&mut self, f: impl Fn(Opcode, u32) -> u32) {
        for pending in &mut self.instructions {
            if let Arg::Value(arg) = pending.arg {
                pending.arg = Arg::Value(f(pending.op, arg));
            }
        }
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() - 1)
    }

    /// Places `label` before the next emitted instruction.
    pub fn bind(&mut self, label: Label) {
        self.labels[label.0] = Some(self.instructions.len());
    }

    /// Whether execution can never reach the end of the code emitted so far:
    /// the last instruction does not fall through and no label points past it.
    pub fn ends_in_terminator(&self) -> bool {
        let end = self.instructions.len();
        let label_at_end = self.labels.iter().any(|l| *l == Some(end));
        !label_at_end
            && self
                .instructions
                .last()
                .is_some_and(|p| matches!(p.op, Opcode::RETURN_VALUE | Opcode::JUMP))
    }

    fn label_index(&self, label: Label) -> usize {
        // Every label the compiler creates is bound before assembly; an
        // unbound one points past the end, which assembly rejects below.
        self.labels[label.0].unwrap_or(self.instructions.len())
    }

    pub fn finish(self) -> Assembled {
        let count = self.instructions.len();
        let mut widths = vec![1usize; count];
        let mut starts = vec![0usize; count + 1];
        loop {
            for i in 0..count {
                starts[i + 1] = starts[i] + widths[i];
            }
            let mut changed = false;
            for (i, pending) in self.instructions.iter().enumerate() {
                let arg = self.resolve(pending.arg, &starts);
                let w = width(arg);
                if w > widths[i] {
                    widths[i] = w;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut units = Vec::with_capacity(starts[count]);
        let mut positions = Vec::with_capacity(starts[count]);
        for (i, pending) in self.instructions.iter().enumerate() {
            let arg = self.resolve(pending.arg, &starts);
            for shift in (1..widths[i]).rev() {
                units.push(CodeUnit {
                    op: Opcode::EXTENDED_ARG,
                    arg: (arg >> (8 * shift)) as u8,
                });
                positions.push(pending.position);
            }
            units.push(CodeUnit {
                op: pending.op,
                arg: arg as u8,
            });
            positions.push(pending.position);
        }
        let max_stack = self.max_stack();
        let exception_table = self
            .handlers
            .iter()
            .map(|&(start, end, handler, depth)| ExceptionEntry {
                start: starts[self.label_index(start)] as u32,
                end: starts[self.label_index(end)] as u32,
                target: starts[self.label_index(handler)] as u32,
                depth,
                push_lasti: false,
            })
            .filter(|entry| entry.start < entry.end)
            .collect();
        Assembled {
            units,
            positions,
            max_stack,
            exception_table,
        }
    }

    fn resolve(&self, arg: Arg, starts: &[usize]) -> u32 {
        match arg {
            Arg::Value(v) => v,
            Arg::Label(label) => starts[self.label_index(label)] as u32,
        }
    }

    /// Flow analysis: the deepest stack any path through the code reaches.
    /// It follows the paths the verifier follows (which refuses a
    /// `max_stack` deeper than that): from the start and from each handler
    /// that covers some code, stopping after instructions that do not fall
    /// through.
    fn max_stack(&self) -> u32 {
        let count = self.instructions.len();
        let mut depth_at: Vec<Option<i32>> = vec![None; count + 1];
        let mut work = vec![(0usize, 0i32)];
        // Handlers are entered by unwinding, with the exception pushed.
        for &(start, end, handler, depth) in &self.handlers {
            if self.label_index(start) < self.label_index(end) {
                work.push((self.label_index(handler), depth as i32 + 1));
            }
        }
        let mut max = 0i32;
        while let Some((mut i, mut depth)) = work.pop() {
            while i < count {
                if depth_at[i].is_some_and(|d| d >= depth) {
                    break;
                }
                depth_at[i] = Some(depth);
                let pending = &self.instructions[i];
                let arg = match pending.arg {
                    Arg::Value(v) => v,
                    Arg::Label(_) => 0,
                };
                if let Arg::Label(label) = pending.arg {
                    let jumped = depth + pending.op.jump_stack_effect(arg);
                    max = max.max(jumped);
                    work.push((self.label_index(label), jumped));
                }
                depth += pending.op.stack_effect(arg);
                max = max.max(depth);
                if !pending.op.flow().falls_through() {
                    break;
                }
                i += 1;
            }
        }
        max.max(0) as u32
    }
}
