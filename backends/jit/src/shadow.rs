//! The translator's picture of the frame while it emits one straight run of
//! instructions: which operands are held in registers instead of in the
//! frame's slots, which locals it has already read (or written), and what it
//! knows of each value's type.
//!
//! Between the heads of runs (jump targets, exception handlers, the
//! instruction after a helper call or a branch) every value lives in the
//! frame's slots, which is the state the interpreters and the driver share;
//! inside a run, an operand pushed by one instruction and popped by the next
//! never touches memory. Before anything that reads the frame (a helper, a
//! jump to a head, leaving) the dirty operands are written back: that is
//! `flush`. Locals are written through at once, so they are never dirty; the
//! picture only remembers them to avoid loading them again.
//!
//! An operand `LOAD_FAST` pushed is *borrowed*: the local still holds the
//! reference, so the copy is not counted while it stays in registers. An
//! instruction that consumes it inline (arithmetic, a compare, a lookup)
//! then neither counts nor releases it. It is counted where it becomes an
//! owner: written to its slot (`flush`, a helper's fallback), stored
//! somewhere, or before its local is overwritten.
//!
//! This module emits only loads, stores and reference counts; it knows no
//! opcode.

use crate::compile::Translator;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, Block, InstBuilder, Value};

/// What the translator knows of a value's variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Unknown,
    Int,
    Float,
    Bool,
    NoneValue,
    /// Some other variant that owns nothing (`Value::is_unboxed`).
    Unboxed,
    /// A variant that owns a counted object.
    Boxed,
}

impl Kind {
    /// Whether copies and drops of the value can skip its count.
    pub fn owns_nothing(self) -> bool {
        matches!(
            self,
            Kind::Int | Kind::Float | Kind::Bool | Kind::NoneValue | Kind::Unboxed
        )
    }

    /// The kind of a constant.
    pub fn of(value: &pvm_runtime::Value) -> Kind {
        use pvm_runtime::Value as V;
        match value {
            V::Int(_) => Kind::Int,
            V::Float(_) => Kind::Float,
            V::Bool(_) => Kind::Bool,
            V::None => Kind::NoneValue,
            other if other.is_unboxed() => Kind::Unboxed,
            _ => Kind::Boxed,
        }
    }
}

/// A value held in registers: its tag and payload words.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reg {
    pub tag: Value,
    pub payload: Value,
    pub kind: Kind,
    /// The frame's slot does not hold this value yet (operands only).
    pub dirty: bool,
    /// A copy of this local, not counted (operands only, always dirty).
    pub borrowed: Option<u32>,
}

impl Reg {
    pub fn new(tag: Value, payload: Value, kind: Kind) -> Reg {
        Reg {
            tag,
            payload,
            kind,
            dirty: true,
            borrowed: None,
        }
    }
}

/// The operand stack (bottom first, `None` = only in the frame's slot) and
/// the locals already in registers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Shadow {
    pub operands: Vec<Option<Reg>>,
    pub locals: Vec<Option<Reg>>,
}

impl Shadow {
    /// Everything in the frame's slots, `depth` operands deep.
    pub fn in_memory(depth: u32, locals: usize) -> Shadow {
        Shadow {
            operands: vec![None; depth as usize],
            locals: vec![None; locals],
        }
    }

    pub fn depth(&self) -> u32 {
        self.operands.len() as u32
    }
}

impl Translator<'_> {
    /// The operand `depth` slots above the bottom, loaded if not in
    /// registers yet.
    pub(crate) fn operand_reg(&mut self, depth: u32) -> Reg {
        if let Some(reg) = self.state.operands[depth as usize] {
            return reg;
        }
        let (tag, payload) = self.load_slot(self.operand(depth));
        let reg = Reg {
            tag,
            payload,
            kind: Kind::Unknown,
            dirty: false,
            borrowed: None,
        };
        self.state.operands[depth as usize] = Some(reg);
        reg
    }

    /// Pops the top operand (its slot's contents are dead from now on).
    pub(crate) fn pop(&mut self) -> Reg {
        let top = self.state.depth() - 1;
        let reg = self.operand_reg(top);
        self.state.operands.pop();
        reg
    }

    pub(crate) fn push(&mut self, reg: Reg) {
        self.state.operands.push(Some(Reg { dirty: true, ..reg }));
    }

    /// Local `index`, loaded if not in registers yet; `None` when it must be
    /// loaded and checked for being unbound by the caller.
    pub(crate) fn cached_local(&self, index: u32) -> Option<Reg> {
        self.state.locals[index as usize]
    }

    /// Writes the dirty operands of `state` to their slots, counting the
    /// borrowed ones (the slots own what they hold).
    pub(crate) fn write_back(&mut self, state: &Shadow) {
        for (depth, reg) in state.operands.iter().enumerate() {
            if let Some(reg) = reg.filter(|reg| reg.dirty) {
                if reg.borrowed.is_some() {
                    self.count_owner(reg);
                }
                self.store_slot(self.operand(depth as u32), reg.tag, reg.payload);
            }
        }
    }

    /// Writes the dirty operands back; they stay in registers, now clean
    /// (and owned by their slots).
    pub(crate) fn flush(&mut self) {
        let state = std::mem::take(&mut self.state);
        self.write_back(&state);
        self.state = state;
        for reg in self.state.operands.iter_mut().flatten() {
            reg.dirty = false;
            reg.borrowed = None;
        }
    }

    /// Counts operand `depth` as an owner if it is borrowed, for an
    /// instruction that moves it somewhere.
    pub(crate) fn own_operand(&mut self, depth: u32) {
        let reg = self.operand_reg(depth);
        if reg.borrowed.is_some() {
            self.count_owner(reg);
            self.state.operands[depth as usize] = Some(Reg {
                borrowed: None,
                ..reg
            });
        }
    }

    /// Counts every operand borrowed from `local` as an owner, before the
    /// local lets its value go.
    pub(crate) fn own_copies_of(&mut self, local: u32) {
        for depth in 0..self.state.depth() {
            let from_local =
                self.state.operands[depth as usize].is_some_and(|reg| reg.borrowed == Some(local));
            if from_local {
                self.own_operand(depth);
            }
        }
    }

    // ----- reference counts -----

    /// Whether `tag` owns nothing (a nonzero i64 when unboxed).
    fn unboxed(&mut self, tag: Value) -> Value {
        let mask = self.b.ins().iconst(types::I64, self.tags.unboxed);
        let shifted = self.b.ins().ushr(mask, tag);
        self.b.ins().band_imm_u(shifted, 1)
    }

    /// Goes on in `boxed` when `reg`'s value owns an object, otherwise to
    /// `done`.
    fn when_boxed(&mut self, reg: Reg, boxed: Block, done: Block) {
        if reg.kind == Kind::Boxed {
            self.b.ins().jump(boxed, &[]);
        } else {
            let unboxed = self.unboxed(reg.tag);
            self.b.ins().brif(unboxed, done, &[], boxed, &[]);
        }
        self.b.switch_to_block(boxed);
    }

    /// Counts one more owner of `reg`'s value.
    pub(crate) fn count_owner(&mut self, reg: Reg) {
        if reg.kind.owns_nothing() {
            return;
        }
        let boxed = self.b.create_block();
        let done = self.b.create_block();
        self.when_boxed(reg, boxed, done);
        let count = self.b.ins().load(types::I64, self.trusted, reg.payload, 0);
        let count = self.b.ins().iadd_imm_s(count, 1);
        self.b.ins().store(self.trusted, count, reg.payload, 0);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Drops `reg`'s value. `scratch` is the offset of a dead slot, where
    /// the drop glue reads the value if this was its last owner.
    pub(crate) fn release(&mut self, reg: Reg, scratch: i32) {
        if reg.kind.owns_nothing() || reg.borrowed.is_some() {
            return;
        }
        let boxed = self.b.create_block();
        let shared = self.b.create_block();
        let last = self.b.create_block();
        let done = self.b.create_block();
        self.b.set_cold_block(last);
        self.when_boxed(reg, boxed, done);
        let count = self.b.ins().load(types::I64, self.trusted, reg.payload, 0);
        let more = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedGreaterThan, count, 1);
        self.b.ins().brif(more, shared, &[], last, &[]);
        self.b.switch_to_block(shared);
        let count = self.b.ins().iadd_imm_s(count, -1);
        self.b.ins().store(self.trusted, count, reg.payload, 0);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(last);
        self.store_slot(scratch, reg.tag, reg.payload);
        let function = self.b.ins().iconst(
            self.pointer,
            crate::helpers::drop_value as *const () as usize as i64,
        );
        let slot = self.b.ins().iadd_imm_s(self.frame, scratch as i64);
        self.b
            .ins()
            .call_indirect(self.drop_signature, function, &[slot]);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    // ----- slots -----

    pub(crate) fn load_slot(&mut self, offset: i32) -> (Value, Value) {
        let tag = self
            .b
            .ins()
            .load(types::I64, self.trusted, self.frame, offset);
        let payload = self
            .b
            .ins()
            .load(types::I64, self.trusted, self.frame, offset + 8);
        (tag, payload)
    }

    /// Writes a value with one 16-byte store, as Rust moves values: a
    /// helper's 16-byte load of a slot written as two 8-byte halves would
    /// stall on store forwarding (measured: richards ran 30% slower).
    pub(crate) fn store_slot(&mut self, offset: i32, tag: Value, payload: Value) {
        let both = self.b.ins().scalar_to_vector(types::I64X2, tag);
        let both = self.b.ins().insertlane(both, payload, 1);
        self.b.ins().store(self.trusted, both, self.frame, offset);
    }
}
