//! The opcodes compiled code runs without a helper call: locals, constants,
//! stack shuffles and jumps always; compares, identity tests, truth tests
//! and arithmetic when their operands are ints, floats, bools or `None`,
//! with a guard that sends any other operand to the opcode's helper.
//!
//! Each emitter works on the translator's picture of the frame
//! (`shadow.rs`), so an operand one instruction pushes and the next pops
//! stays in registers. A failed guard writes the picture back and calls the
//! helper (`Translator::fallback`), whose result joins the fast path again.
//! The container and lookup opcodes are in `containers.rs`. This module
//! does not decide where runs start or end (`compile.rs`).

use crate::compile::Translator;
use crate::jitcode::Instr;
use crate::shadow::{Kind, Reg};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, Block, InstBuilder, MemFlagsData, Value};
use pvm_frontend::opcode::{BinaryOperator, CompareOperator};
use pvm_frontend::Opcode;

/// A type test, decided at compile time when the kinds say so.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Test {
    Always,
    Never,
    /// Decided at run time by this `i8`.
    When(Value),
}

impl Translator<'_> {
    /// Emits `instr` (instruction `index`) inline when it has an inline
    /// form; says whether it did.
    pub(crate) fn inline(&mut self, index: usize, instr: Instr) -> bool {
        let depth = self.state.depth();
        match instr.op {
            Opcode::NOP => {}
            Opcode::LOAD_FAST => self.load_fast(index, instr),
            Opcode::STORE_FAST => {
                // The value moves into the local, whose old value goes:
                // copies borrowed from either become owners first.
                self.own_operand(depth - 1);
                self.own_copies_of(instr.arg);
                let value = self.pop();
                let local = self.local(instr.arg);
                let old = match self.cached_local(instr.arg) {
                    Some(old) => old,
                    None => {
                        let (tag, payload) = self.load_slot(local);
                        Reg::new(tag, payload, Kind::Unknown)
                    }
                };
                self.store_slot(local, value.tag, value.payload);
                self.state.locals[instr.arg as usize] = Some(Reg {
                    dirty: false,
                    ..value
                });
                // The popped operand's slot is dead: the old value can go
                // there for the drop.
                self.release(old, self.operand(depth - 1));
            }
            Opcode::LOAD_CONST => self.load_const(instr),
            Opcode::POP_TOP => {
                let value = self.pop();
                self.release(value, self.operand(depth - 1));
            }
            Opcode::COPY => {
                let value = self.operand_reg(depth - instr.arg);
                if value.borrowed.is_none() {
                    self.count_owner(value);
                }
                self.push(value);
            }
            Opcode::SWAP => {
                let (top, other) = (depth - 1, depth - instr.arg);
                let top_value = self.operand_reg(top);
                let other_value = self.operand_reg(other);
                let moved = |reg: Reg| Some(Reg { dirty: true, ..reg });
                self.state.operands[top as usize] = moved(other_value);
                self.state.operands[other as usize] = moved(top_value);
            }
            Opcode::JUMP => {
                self.flush();
                let target = self.edge(instr, instr.arg);
                self.b.ins().jump(target, &[]);
                self.open = false;
            }
            Opcode::RETURN_VALUE => return self.return_value(depth),
            Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => self.pop_jump(index, instr),
            Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                self.jump_or_pop(index, instr)
            }
            Opcode::COMPARE_OP => return self.compare(index, instr),
            Opcode::IS_OP => return self.is_op(index, instr),
            Opcode::BINARY_OP => return self.binary(index, instr),
            Opcode::BINARY_SUBSCR => return self.subscript(index, instr),
            Opcode::STORE_SUBSCR => return self.store_subscript(index, instr),
            Opcode::UNPACK_SEQUENCE => return self.unpack(index, instr),
            Opcode::FOR_ITER => self.for_iter(index, instr),
            Opcode::LOAD_GLOBAL => self.load_global(index, instr),
            Opcode::LOAD_ATTR => return self.load_attr(index, instr),
            Opcode::LOAD_METHOD => return self.load_method(index, instr),
            Opcode::STORE_ATTR => return self.store_attr(index, instr),
            _ => return false,
        }
        true
    }

    fn load_fast(&mut self, index: usize, instr: Instr) {
        let value = match self.cached_local(instr.arg) {
            Some(value) => value,
            None => {
                let (tag, payload) = self.load_slot(self.local(instr.arg));
                if !self.bound.at(index, instr.arg) {
                    let unbound = self
                        .b
                        .ins()
                        .icmp_imm_s(IntCC::Equal, tag, self.tags.unbound);
                    let bound = self.b.create_block();
                    let before = self.state.clone();
                    // The helper raises `UnboundLocalError`.
                    let raise = self.fallback(index, instr, before, None);
                    self.b.ins().brif(unbound, raise, &[], bound, &[]);
                    self.b.switch_to_block(bound);
                }
                let value = Reg {
                    tag,
                    payload,
                    kind: Kind::Unknown,
                    dirty: false,
                    borrowed: None,
                };
                self.state.locals[instr.arg as usize] = Some(value);
                value
            }
        };
        // Borrowed from the local: counted only if it becomes an owner.
        let borrowed = (!value.kind.owns_nothing()).then_some(instr.arg);
        self.push(Reg { borrowed, ..value });
    }

    /// `RETURN_VALUE`: releases the locals and the operands below the
    /// result inline (skipping what owns nothing), then leaves through the
    /// frame protocol (`helpers::return_released`). Frames with many slots
    /// return through the helper, which loops over them.
    fn return_value(&mut self, depth: u32) -> bool {
        if self.code.local_count + depth as usize > 16 {
            return false;
        }
        // The caller gets its own reference.
        self.own_operand(depth - 1);
        let value = self.pop();
        for below in (0..depth - 1).rev() {
            let reg = self.operand_reg(below);
            self.release(reg, self.operand(below));
        }
        for index in 0..self.code.local_count as u32 {
            let local = self.local(index);
            let reg = match self.cached_local(index) {
                Some(reg) => reg,
                None => {
                    let (tag, payload) = self.load_slot(local);
                    Reg::new(tag, payload, Kind::Unknown)
                }
            };
            self.release(reg, local);
        }
        let status = self.call_lean(
            crate::helpers::return_released as *const () as usize,
            &[self.ctx, value.tag, value.payload],
        );
        self.b.ins().jump(self.exit, &[status.into()]);
        self.state.operands.clear();
        self.open = false;
        true
    }

    fn load_const(&mut self, instr: Instr) {
        let constant = &self.code.constants[instr.arg as usize];
        let tag = constant.tag();
        let payload: i64 = match constant {
            pvm_runtime::Value::Bool(b) => *b as i64,
            pvm_runtime::Value::None
            | pvm_runtime::Value::Ellipsis
            | pvm_runtime::Value::NotImplemented
            | pvm_runtime::Value::Unbound => 0,
            // SAFETY: every other variant has a full word of payload at
            // offset 8 (an int, a float's bits, or a pointer).
            other => unsafe { *(other as *const pvm_runtime::Value).cast::<i64>().add(1) },
        };
        let kind = Kind::of(constant);
        let tag = self.b.ins().iconst(types::I64, tag as i64);
        let payload = self.b.ins().iconst(types::I64, payload);
        let value = Reg::new(tag, payload, kind);
        // The constant's object outlives this code; count the new owner.
        self.count_owner(value);
        self.push(value);
    }

    // ----- type tests -----

    fn tag_test(&mut self, reg: Reg, kind: Kind, tag: i64) -> Test {
        if reg.kind == kind {
            Test::Always
        } else if reg.kind != Kind::Unknown {
            Test::Never
        } else {
            Test::When(self.b.ins().icmp_imm_s(IntCC::Equal, reg.tag, tag))
        }
    }

    pub(crate) fn is_int(&mut self, reg: Reg) -> Test {
        self.tag_test(reg, Kind::Int, self.tags.int)
    }

    fn is_float(&mut self, reg: Reg) -> Test {
        self.tag_test(reg, Kind::Float, self.tags.float)
    }

    fn both(&mut self, a: Test, b: Test) -> Test {
        match (a, b) {
            (Test::Never, _) | (_, Test::Never) => Test::Never,
            (Test::Always, other) | (other, Test::Always) => other,
            (Test::When(a), Test::When(b)) => Test::When(self.b.ins().band(a, b)),
        }
    }

    fn either(&mut self, a: Test, b: Test) -> Test {
        match (a, b) {
            (Test::Always, _) | (_, Test::Always) => Test::Always,
            (Test::Never, other) | (other, Test::Never) => other,
            (Test::When(a), Test::When(b)) => Test::When(self.b.ins().bor(a, b)),
        }
    }

    /// The test's outcome as an `i8` (0 or 1).
    fn test_value(&mut self, test: Test) -> Value {
        match test {
            Test::Always => self.b.ins().iconst(types::I8, 1),
            Test::Never => self.b.ins().iconst(types::I8, 0),
            Test::When(value) => value,
        }
    }

    pub(crate) fn branch(&mut self, test: Test, then: Block, otherwise: Block) {
        match test {
            Test::Always => self.b.ins().jump(then, &[]),
            Test::Never => self.b.ins().jump(otherwise, &[]),
            Test::When(value) => self.b.ins().brif(value, then, &[], otherwise, &[]),
        };
    }

    // ----- branches and bools -----

    /// `POP_JUMP_IF_FALSE`/`TRUE`: bools, `None` and ints inline; anything
    /// else asks the helper (which calls `__bool__`/`__len__`).
    fn pop_jump(&mut self, index: usize, instr: Instr) {
        let value = self.pop();
        self.flush();
        // The helper path writes only the value: the rest is flushed.
        let mut before = self.state.clone();
        before.operands.push(Some(value));
        self.open = false;
        let jump_if = instr.op == Opcode::POP_JUMP_IF_TRUE;
        let (when_true, when_false) = if jump_if {
            (self.edge(instr, instr.arg), self.next_head(index))
        } else {
            (self.next_head(index), self.edge(instr, instr.arg))
        };
        match value.kind {
            Kind::Bool => {
                let truth = self.b.ins().band_imm_u(value.payload, 0xff);
                self.b.ins().brif(truth, when_true, &[], when_false, &[]);
            }
            Kind::Int => {
                self.b
                    .ins()
                    .brif(value.payload, when_true, &[], when_false, &[]);
            }
            Kind::NoneValue => {
                self.b.ins().jump(when_false, &[]);
            }
            Kind::Unknown => {
                let fallback = self.fallback(index, instr, before, None);
                self.truth_by_tag(value, when_true, when_false, fallback);
            }
            _ => {
                let fallback = self.fallback(index, instr, before, None);
                self.b.ins().jump(fallback, &[]);
            }
        }
    }

    /// `JUMP_IF_FALSE_OR_POP`/`JUMP_IF_TRUE_OR_POP`: the value stays on
    /// the stack where it jumps and is popped where it goes on. Bools,
    /// `None` and ints (which own nothing, so the pop releases nothing)
    /// inline; anything else through the helper.
    fn jump_or_pop(&mut self, index: usize, instr: Instr) {
        let depth = self.state.depth();
        // Written back (and so owned by its slot) for the jump.
        self.flush();
        let value = self.operand_reg(depth - 1);
        let before = self.state.clone();
        self.open = false;
        let jump = self.edge(instr, instr.arg);
        let next = self.next_head(index);
        let (when_true, when_false) = if instr.op == Opcode::JUMP_IF_TRUE_OR_POP {
            (jump, next)
        } else {
            (next, jump)
        };
        let fallback = self.fallback(index, instr, before, None);
        self.truth_by_tag(value, when_true, when_false, fallback);
    }

    /// Branches on the truth of a value whose type is known only at run
    /// time: bools by their low byte, `None` as false, ints by their
    /// payload, anything else to `fallback` (the helper, which calls
    /// `__bool__`/`__len__`).
    fn truth_by_tag(&mut self, value: Reg, when_true: Block, when_false: Block, fallback: Block) {
        let bool_block = self.b.create_block();
        let other = self.b.create_block();
        let is_bool = self.tag_flag(value.tag, self.tags.bool);
        self.b.ins().brif(is_bool, bool_block, &[], other, &[]);
        self.b.switch_to_block(bool_block);
        let truth = self.b.ins().band_imm_u(value.payload, 0xff);
        self.b.ins().brif(truth, when_true, &[], when_false, &[]);
        self.b.switch_to_block(other);
        let is_none = self.tag_flag(value.tag, self.tags.none);
        let not_none = self.b.create_block();
        self.b.ins().brif(is_none, when_false, &[], not_none, &[]);
        self.b.switch_to_block(not_none);
        let is_int = self.tag_flag(value.tag, self.tags.int);
        let int_block = self.b.create_block();
        self.b.ins().brif(is_int, int_block, &[], fallback, &[]);
        self.b.switch_to_block(int_block);
        self.b
            .ins()
            .brif(value.payload, when_true, &[], when_false, &[]);
    }

    /// The `POP_JUMP_IF_*` after instruction `index` that can take its bool
    /// straight from a register, when there is one: its destinations
    /// `(when true, when false)`.
    fn fused_branch(&mut self, index: usize) -> Option<(Block, Block)> {
        let next = *self.jit.instrs.get(index + 1)?;
        let jumps = matches!(
            next.op,
            Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE
        );
        if !jumps || self.heads[index + 1].is_some() {
            return None;
        }
        let after = self.next_head(index + 1);
        let taken = self.edge(next, next.arg);
        Some(if next.op == Opcode::POP_JUMP_IF_TRUE {
            (taken, after)
        } else {
            (after, taken)
        })
    }

    /// A block taking the two words of each of an instruction's `outputs`
    /// results: where the fast paths and the helper path meet.
    pub(crate) fn join_block(&mut self, outputs: usize) -> Block {
        let join = self.b.create_block();
        for _ in 0..2 * outputs {
            self.b.append_block_param(join, types::I64);
        }
        join
    }

    /// Continues in `join` with its results pushed (of unknown kind: the
    /// helper path can make anything).
    pub(crate) fn continue_in(&mut self, join: Block) {
        self.b.switch_to_block(join);
        let params = self.b.block_params(join).to_vec();
        for words in params.chunks(2) {
            self.push(Reg::new(words[0], words[1], Kind::Unknown));
        }
        self.open = true;
    }

    /// Calls a function of `lean.rs` with `args` (all words) and answers
    /// its one result word.
    pub(crate) fn call_lean(&mut self, function: usize, args: &[Value]) -> Value {
        let signature = self.lean_signatures[args.len()];
        let function = self.b.ins().iconst(self.pointer, function as i64);
        let call = self.b.ins().call_indirect(signature, function, args);
        self.b.inst_results(call)[0]
    }

    /// The address of operand slot `depth`, for a function to write to.
    pub(crate) fn operand_address(&mut self, depth: u32) -> Value {
        let offset = self.operand(depth) as i64;
        self.b.ins().iadd_imm_s(self.frame, offset)
    }

    /// Ends an instruction whose fast paths computed the bool `truth` (an
    /// `i8`) at `result`: branches on it when a `POP_JUMP_IF_*` follows
    /// (the jump's own code stays, for the helper path), or pushes it.
    fn finish_bool(&mut self, truth: Value, fused: Option<(Block, Block)>, join: Block) {
        match fused {
            Some((when_true, when_false)) => {
                self.flush();
                self.b.ins().brif(truth, when_true, &[], when_false, &[]);
            }
            None => {
                let tag = self.b.ins().iconst(types::I64, self.tags.bool);
                let payload = self.b.ins().uextend(types::I64, truth);
                self.b.ins().jump(join, &[tag.into(), payload.into()]);
            }
        }
        self.continue_in(join);
    }

    /// `COMPARE_OP` on two ints or two floats inline.
    fn compare(&mut self, index: usize, instr: Instr) -> bool {
        let Some(operator) = CompareOperator::decode(instr.arg) else {
            return false;
        };
        let (int_cc, float_cc) = match operator {
            CompareOperator::Lt => (IntCC::SignedLessThan, FloatCC::LessThan),
            CompareOperator::Le => (IntCC::SignedLessThanOrEqual, FloatCC::LessThanOrEqual),
            CompareOperator::Eq => (IntCC::Equal, FloatCC::Equal),
            CompareOperator::Ne => (IntCC::NotEqual, FloatCC::NotEqual),
            CompareOperator::Gt => (IntCC::SignedGreaterThan, FloatCC::GreaterThan),
            CompareOperator::Ge => (IntCC::SignedGreaterThanOrEqual, FloatCC::GreaterThanOrEqual),
        };
        let before = self.state.clone();
        let rhs = self.pop();
        let lhs = self.pop();
        let possible = |kind: Kind| matches!(kind, Kind::Unknown | Kind::Int | Kind::Float);
        if !possible(lhs.kind) || !possible(rhs.kind) {
            self.state = before;
            return false;
        }
        let join = self.join_block(1);
        let fallback = self.fallback(index, instr, before, Some(join));
        let fused = self.fused_branch(index);
        let result = self.b.create_block();
        self.b.append_block_param(result, types::I8);
        let lhs_int = self.is_int(lhs);
        let rhs_int = self.is_int(rhs);
        let both_int = self.both(lhs_int, rhs_int);
        let int_block = self.b.create_block();
        let not_int = self.b.create_block();
        self.branch(both_int, int_block, not_int);
        self.b.switch_to_block(int_block);
        let truth = self.b.ins().icmp(int_cc, lhs.payload, rhs.payload);
        self.b.ins().jump(result, &[truth.into()]);
        self.b.switch_to_block(not_int);
        let lhs_float = self.is_float(lhs);
        let rhs_float = self.is_float(rhs);
        let both_float = self.both(lhs_float, rhs_float);
        let float_block = self.b.create_block();
        self.branch(both_float, float_block, fallback);
        self.b.switch_to_block(float_block);
        let (a, b) = self.as_floats(lhs.payload, rhs.payload);
        let truth = self.b.ins().fcmp(float_cc, a, b);
        self.b.ins().jump(result, &[truth.into()]);
        self.b.switch_to_block(result);
        let truth = self.b.block_params(result)[0];
        self.finish_bool(truth, fused, join);
        true
    }

    /// `IS_OP` when either side is `None` (the common `x is None`): true
    /// exactly when both are. Other identities ask the helper.
    fn is_op(&mut self, index: usize, instr: Instr) -> bool {
        let depth = self.state.depth();
        let before = self.state.clone();
        let rhs = self.pop();
        let lhs = self.pop();
        let lhs_none = self.tag_test(lhs, Kind::NoneValue, self.tags.none);
        let rhs_none = self.tag_test(rhs, Kind::NoneValue, self.tags.none);
        let either = self.either(lhs_none, rhs_none);
        if either == Test::Never {
            self.state = before;
            return false;
        }
        let join = self.join_block(1);
        let fallback = self.fallback(index, instr, before, Some(join));
        let fused = self.fused_branch(index);
        let inline = self.b.create_block();
        self.branch(either, inline, fallback);
        self.b.switch_to_block(inline);
        let both = self.both(lhs_none, rhs_none);
        let same = self.test_value(both);
        let truth = if instr.arg == 1 {
            self.b.ins().bxor_imm_u(same, 1)
        } else {
            same
        };
        // The operands are popped: drop them (`None` owns nothing).
        self.release(rhs, self.operand(depth - 1));
        self.release(lhs, self.operand(depth - 2));
        self.finish_bool(truth, fused, join);
        true
    }

    // ----- arithmetic -----

    /// Two float payloads as `f64`s.
    fn as_floats(&mut self, lhs_payload: Value, rhs_payload: Value) -> (Value, Value) {
        let flags = MemFlagsData::new();
        let lhs = self.b.ins().bitcast(types::F64, flags, lhs_payload);
        let rhs = self.b.ins().bitcast(types::F64, flags, rhs_payload);
        (lhs, rhs)
    }

    /// An operand known to be a float (`is_float` set) or an int as `f64`.
    fn as_float(&mut self, is_float: Value, payload: Value) -> Value {
        let float = self
            .b
            .ins()
            .bitcast(types::F64, MemFlagsData::new(), payload);
        let converted = self.b.ins().fcvt_from_sint(types::F64, payload);
        self.b.ins().select(is_float, float, converted)
    }

    /// `BINARY_OP` on two ints (`+ - * & | ^ % //`, overflow and division
    /// by zero to the helper) or two floats (`+ - * /`) inline.
    fn binary(&mut self, index: usize, instr: Instr) -> bool {
        let Some((operator, _inplace)) = BinaryOperator::decode(instr.arg) else {
            return false;
        };
        use BinaryOperator::*;
        let ints = matches!(
            operator,
            Add | Subtract | Multiply | And | Or | Xor | Remainder | FloorDivide
        );
        let floats = matches!(operator, Add | Subtract | Multiply | TrueDivide);
        let before = self.state.clone();
        let rhs = self.pop();
        let lhs = self.pop();
        let number = |kind: Kind| matches!(kind, Kind::Unknown | Kind::Int | Kind::Float);
        let both_ints = lhs.kind == Kind::Int && rhs.kind == Kind::Int;
        let int_test = if ints {
            let lhs_int = self.is_int(lhs);
            let rhs_int = self.is_int(rhs);
            self.both(lhs_int, rhs_int)
        } else {
            Test::Never
        };
        let float_possible = floats
            && number(lhs.kind)
            && number(rhs.kind)
            && !(both_ints && operator != TrueDivide);
        if int_test == Test::Never && !float_possible {
            self.state = before;
            return false;
        }
        let join = self.join_block(1);
        let fallback = self.fallback(index, instr, before, Some(join));
        let not_int = self.b.create_block();
        if int_test != Test::Never {
            let int_block = self.b.create_block();
            self.branch(int_test, int_block, not_int);
            self.b.switch_to_block(int_block);
            let value = self.int_arithmetic(operator, lhs.payload, rhs.payload, fallback);
            let tag = self.b.ins().iconst(types::I64, self.tags.int);
            self.b.ins().jump(join, &[tag.into(), value.into()]);
        } else {
            self.b.ins().jump(not_int, &[]);
        }
        self.b.switch_to_block(not_int);
        if float_possible {
            self.float_arithmetic(operator, lhs, rhs, fallback, join);
        } else {
            self.b.ins().jump(fallback, &[]);
        }
        self.continue_in(join);
        true
    }

    /// An int operation on two `i64` payloads; jumps to `fallback` where
    /// the result would not fit or the helper must raise.
    fn int_arithmetic(
        &mut self,
        operator: BinaryOperator,
        a: Value,
        b: Value,
        fallback: Block,
    ) -> Value {
        use BinaryOperator::*;
        let (value, overflow) = match operator {
            Add => {
                let (v, o) = self.b.ins().sadd_overflow(a, b);
                (v, Some(o))
            }
            Subtract => {
                let (v, o) = self.b.ins().ssub_overflow(a, b);
                (v, Some(o))
            }
            Multiply => {
                let (v, o) = self.b.ins().smul_overflow(a, b);
                (v, Some(o))
            }
            And => (self.b.ins().band(a, b), None),
            Or => (self.b.ins().bor(a, b), None),
            Xor => (self.b.ins().bxor(a, b), None),
            _ => {
                // `%` and `//` out of line (Cranelift's division would be a
                // trap site), after the cases that raise or overflow.
                let zero = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
                let minus_one = self.b.ins().icmp_imm_s(IntCC::Equal, b, -1);
                let min = self.b.ins().icmp_imm_s(IntCC::Equal, a, i64::MIN);
                let overflow = self.b.ins().band(minus_one, min);
                let refused = self.b.ins().bor(zero, overflow);
                let divide = self.b.create_block();
                self.b.ins().brif(refused, fallback, &[], divide, &[]);
                self.b.switch_to_block(divide);
                let function = if operator == FloorDivide {
                    crate::lean::int_floor_divide as *const () as usize
                } else {
                    crate::lean::int_remainder as *const () as usize
                };
                (self.call_lean(function, &[a, b]), None)
            }
        };
        if let Some(overflow) = overflow {
            let fits = self.b.create_block();
            self.b.ins().brif(overflow, fallback, &[], fits, &[]);
            self.b.switch_to_block(fits);
        }
        value
    }

    /// Float arithmetic on two floats, or a float and an int (converted
    /// as CPython converts it, correctly rounded), or for `/` two ints
    /// within ±2**53 (where CPython's true division does the same).
    fn float_arithmetic(
        &mut self,
        operator: BinaryOperator,
        lhs: Reg,
        rhs: Reg,
        fallback: Block,
        join: Block,
    ) {
        use BinaryOperator::*;
        let lhs_float = self.is_float(lhs);
        let rhs_float = self.is_float(rhs);
        let both_float = self.both(lhs_float, rhs_float);
        let float_block = self.b.create_block();
        self.b.append_block_param(float_block, types::F64);
        self.b.append_block_param(float_block, types::F64);
        let mixed_block = self.b.create_block();
        let (a, b) = self.as_floats(lhs.payload, rhs.payload);
        match both_float {
            Test::Always => {
                self.b.ins().jump(float_block, &[a.into(), b.into()]);
            }
            Test::Never => {
                self.b.ins().jump(mixed_block, &[]);
            }
            Test::When(both_float) => {
                self.b.ins().brif(
                    both_float,
                    float_block,
                    &[a.into(), b.into()],
                    mixed_block,
                    &[],
                );
            }
        }
        self.b.switch_to_block(mixed_block);
        let lhs_float = self.tag_flag(lhs.tag, self.tags.float);
        let rhs_float = self.tag_flag(rhs.tag, self.tags.float);
        let lhs_int = self.tag_flag(lhs.tag, self.tags.int);
        let rhs_int = self.tag_flag(rhs.tag, self.tags.int);
        let lhs_number = self.b.ins().bor(lhs_float, lhs_int);
        let rhs_number = self.b.ins().bor(rhs_float, rhs_int);
        let numbers = self.b.ins().band(lhs_number, rhs_number);
        let mut eligible = self.b.ins().bor(lhs_float, rhs_float);
        if operator == TrueDivide {
            let exact = |this: &mut Self, payload: Value| {
                let shifted = this.b.ins().iadd_imm_s(payload, 1 << 53);
                this.b
                    .ins()
                    .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, shifted, 1 << 54)
            };
            let lhs_exact = exact(self, lhs.payload);
            let rhs_exact = exact(self, rhs.payload);
            let both_exact = self.b.ins().band(lhs_exact, rhs_exact);
            eligible = self.b.ins().bor(eligible, both_exact);
        }
        let eligible = self.b.ins().band(numbers, eligible);
        let converted = self.b.create_block();
        self.b.set_cold_block(converted);
        self.b.ins().brif(eligible, converted, &[], fallback, &[]);
        self.b.switch_to_block(converted);
        let a = self.as_float(lhs_float, lhs.payload);
        let b = self.as_float(rhs_float, rhs.payload);
        self.b.ins().jump(float_block, &[a.into(), b.into()]);
        self.b.switch_to_block(float_block);
        let (a, b) = (
            self.b.block_params(float_block)[0],
            self.b.block_params(float_block)[1],
        );
        let value = match operator {
            Add => self.b.ins().fadd(a, b),
            Subtract => self.b.ins().fsub(a, b),
            Multiply => self.b.ins().fmul(a, b),
            _ => {
                // Division by zero raises: the helper says how.
                let zero = self.b.ins().f64const(0.0);
                let is_zero = self.b.ins().fcmp(FloatCC::Equal, b, zero);
                let divide = self.b.create_block();
                self.b.ins().brif(is_zero, fallback, &[], divide, &[]);
                self.b.switch_to_block(divide);
                self.b.ins().fdiv(a, b)
            }
        };
        let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), value);
        let tag = self.b.ins().iconst(types::I64, self.tags.float);
        self.b.ins().jump(join, &[tag.into(), bits.into()]);
    }

    /// Whether `tag` is `expected`, as an `i8` computed at run time.
    fn tag_flag(&mut self, tag: Value, expected: i64) -> Value {
        self.b.ins().icmp_imm_s(IntCC::Equal, tag, expected)
    }
}
