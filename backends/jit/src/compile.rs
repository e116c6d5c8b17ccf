//! Translates one code object into one Cranelift function.
//!
//! The function is `(ctx, instruction index) -> status`: its entry block
//! loads the frame's slot address from `Ctx` and jumps through a table to
//! the block of the instruction to start at, so a frame can enter at any
//! instruction (the first one, a loop head for on-stack replacement, the
//! instruction after a call that returned, an exception handler). Locals
//! and operands live in the frame's slots at addresses fixed by the
//! verifier's stack heights; no value is kept in a register from one
//! instruction to the next, so every instruction boundary is a state the
//! interpreters share.
//!
//! Simple opcodes are emitted inline, with fast paths for ints and floats
//! that fall back to the opcode's helper when their guard fails; every
//! other opcode calls its helper and branches on the status it answers.
//! This module does not run code and keeps no state between compilations.

use crate::helpers::{self, HELPERS};
use crate::jitcode::{Decline, Entry, Instr, JitCode};
use crate::status::{BROKEN, JUMPED, NEXT, NOT_ENTERED};
use crate::{machine, stats, Ctx};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    types, AbiParam, Block, InstBuilder, JumpTableData, MemFlagsData, SigRef, Signature, SourceLoc,
    Value,
};
use cranelift_frontend::FunctionBuilder;
use cranelift_module::Module;
use pvm_frontend::opcode::{BinaryOperator, CompareOperator};
use pvm_frontend::Opcode;
use pvm_runtime::RtCode;
use std::time::Instant;

/// The largest code object (in code units) compiled as one function.
pub(crate) const MAX_UNITS: usize = 50_000;

/// Bytes per value slot.
const SLOT: i32 = 16;

/// Tag words of the variants compiled code handles inline.
#[derive(Clone, Copy)]
struct Tags {
    none: i64,
    bool: i64,
    int: i64,
    float: i64,
    unbound: i64,
    /// Bit `t` set when tag `t` owns nothing (`Value::unboxed_tags`).
    unboxed: i64,
}

impl Tags {
    fn new() -> Tags {
        use pvm_runtime::Value as V;
        Tags {
            none: V::None.tag() as i64,
            bool: V::Bool(false).tag() as i64,
            int: V::Int(0).tag() as i64,
            float: V::Float(0.0).tag() as i64,
            unbound: V::Unbound.tag() as i64,
            unboxed: V::unboxed_tags() as i64,
        }
    }
}

/// Compiles `code` (analysed as `jit`) and answers its entry.
pub(crate) fn compile(code: &RtCode, jit: &JitCode) -> Result<Entry, Decline> {
    let units = code.code.instructions.len();
    if units > MAX_UNITS {
        return Err(Decline::TooLarge(units));
    }
    const _: () = assert!(std::mem::size_of::<pvm_runtime::Value>() == SLOT as usize);
    let dump = crate::config()
        .dump
        .as_deref()
        .is_some_and(|name| name == &*code.code.name || name == &*code.code.qualname);
    machine::with(|machine| {
        let started = Instant::now();
        let module = &mut machine.module;
        let pointer = module.target_config().pointer_type();
        let mut signature = module.make_signature();
        signature.params.push(AbiParam::new(pointer));
        signature.params.push(AbiParam::new(types::I32));
        signature.returns.push(AbiParam::new(types::I64));
        let id = module
            .declare_anonymous_function(&signature)
            .map_err(|error| Decline::Cranelift(error.to_string()))?;
        machine.context.clear();
        machine.context.func.signature = signature;
        machine.context.set_disasm(dump);
        let counts = {
            let builder = FunctionBuilder::new(&mut machine.context.func, &mut machine.builder);
            let mut translator = Translator::new(builder, code, jit, pointer, module);
            translator.translate();
            translator.b.seal_all_blocks();
            translator.b.finalize(module.target_config());
            (translator.inline, translator.helpers)
        };
        let clif = dump.then(|| machine.context.func.display().to_string());
        if let Err(error) = module.define_function(id, &mut machine.context) {
            module.clear_context(&mut machine.context);
            return Err(Decline::Cranelift(format!("{error:?}")));
        }
        module
            .finalize_definitions()
            .map_err(|error| Decline::Cranelift(error.to_string()))?;
        let (code_bytes, traps) = machine.context.compiled_code().map_or((0, 0), |compiled| {
            (compiled.code_buffer().len(), compiled.buffer.traps().len())
        });
        if traps > 0 {
            // Never run code that can trap: it would kill the process.
            machine.module.clear_context(&mut machine.context);
            return Err(Decline::Cranelift(format!(
                "{traps} trap sites in the machine code"
            )));
        }
        let entry = machine.module.get_finalized_function(id);
        let compile_time = started.elapsed();
        if let Some(clif) = clif {
            let optimised = machine.context.func.display().to_string();
            stats::dump(dump_text(code, jit, &clif, &optimised, machine));
        }
        machine.module.clear_context(&mut machine.context);
        stats::compiled(stats::Compiled {
            name: code.code.qualname.to_string(),
            first_line: code.code.first_line,
            compile_time,
            code_bytes,
            instructions: counts.0 + counts.1,
            inline: counts.0,
            helpers: counts.1,
        });
        // SAFETY: the function was defined with exactly `Entry`'s signature
        // (pointer, i32) -> i64 in the platform's C calling convention.
        Ok(unsafe { std::mem::transmute::<*const u8, Entry>(entry) })
    })
}

/// `--jit-dump`: the bytecode, the CLIF as built and after optimisation,
/// and the machine code labelled with bytecode offsets.
fn dump_text(
    code: &RtCode,
    jit: &JitCode,
    clif: &str,
    optimised: &str,
    machine: &machine::Machine,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "=== jit: {} (line {}) ===",
        code.code.qualname, code.code.first_line
    );
    let _ = writeln!(
        out,
        "--- bytecode (offset, stack height before, instruction) ---"
    );
    for (instr, &depth) in jit.instrs.iter().zip(jit.depth.iter()) {
        let height = if depth == crate::jitcode::UNREACHED {
            "-".to_string()
        } else {
            depth.to_string()
        };
        let _ = writeln!(
            out,
            "  {:>5} {:>3}  {} {}",
            instr.offset,
            height,
            instr.op.name(),
            instr.arg
        );
    }
    let _ = writeln!(
        out,
        "--- Cranelift IR as built (srcloc = bytecode offset) ---"
    );
    out.push_str(clif);
    let _ = writeln!(out, "--- Cranelift IR after optimisation ---");
    out.push_str(optimised);
    let _ = writeln!(out, "--- machine code ---");
    let name_of = |offset: u32| {
        jit.instrs
            .iter()
            .find(|instr| instr.offset == offset)
            .map_or(format!("{offset}"), |instr| {
                format!("{offset} {} {}", instr.op.name(), instr.arg)
            })
    };
    out.push_str(&machine::listing(machine, jit.instrs.len() + 1, &name_of));
    out
}

struct Translator<'a> {
    b: FunctionBuilder<'a>,
    code: &'a RtCode,
    jit: &'a JitCode,
    pointer: types::Type,
    tags: Tags,
    trusted: MemFlagsData,
    /// The block of each reachable instruction.
    blocks: Vec<Option<Block>>,
    /// Returns its one parameter (a status word).
    exit: Block,
    /// Returns `BROKEN`: where control would go if the bytecode fell off
    /// its end (which verified code never does).
    broken: Block,
    helper_signature: SigRef,
    drop_signature: SigRef,
    poll_signature: SigRef,
    // Defined in the entry block, so available everywhere.
    ctx: Value,
    frame: Value,
    interrupt: Value,
    /// Slot index of operand 0, as the helpers' `u32`.
    operands: Value,
    /// Where each instruction is counted, when counting.
    counter: Option<i64>,
    /// Cold blocks asked for while an instruction's block is being filled,
    /// emitted once it is.
    pending: Vec<Pending>,
    inline: usize,
    helpers: usize,
}

/// A cold block to fill after the current instruction's.
enum Pending {
    /// Poll the interrupt flag, then go to `target` (a back-edge).
    Poll {
        block: Block,
        target: Block,
        instr: Instr,
        depth: u32,
    },
    /// Run the instruction through its helper (an inline guard failed).
    Fallback {
        block: Block,
        instr: Instr,
        depth: u32,
        index: usize,
    },
}

impl<'a> Translator<'a> {
    fn new(
        mut b: FunctionBuilder<'a>,
        code: &'a RtCode,
        jit: &'a JitCode,
        pointer: types::Type,
        module: &cranelift_jit::JITModule,
    ) -> Translator<'a> {
        let signature = |params: &[types::Type], returns: &[types::Type]| {
            let mut signature: Signature = module.make_signature();
            signature
                .params
                .extend(params.iter().map(|&t| AbiParam::new(t)));
            signature
                .returns
                .extend(returns.iter().map(|&t| AbiParam::new(t)));
            signature
        };
        let helper_signature = b.import_signature(signature(
            &[pointer, types::I32, types::I32, types::I32],
            &[types::I64],
        ));
        let drop_signature = b.import_signature(signature(&[pointer], &[]));
        let poll_signature =
            b.import_signature(signature(&[pointer, types::I32, types::I32], &[types::I64]));
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let ctx = b.block_params(entry)[0];
        let index = b.block_params(entry)[1];
        let trusted = MemFlagsData::trusted();
        let slots = b.ins().load(
            pointer,
            trusted,
            ctx,
            std::mem::offset_of!(Ctx, slots) as i32,
        );
        let base = b.ins().load(
            types::I64,
            trusted,
            ctx,
            std::mem::offset_of!(Ctx, base) as i32,
        );
        let interrupt = b.ins().load(
            pointer,
            trusted,
            ctx,
            std::mem::offset_of!(Ctx, interrupt) as i32,
        );
        let offset = b.ins().ishl_imm_u(base, 4);
        let frame = b.ins().iadd(slots, offset);
        let base32 = b.ins().ireduce(types::I32, base);
        let operands = b.ins().iadd_imm_s(base32, code.local_count as i64);
        let exit = b.create_block();
        b.append_block_param(exit, types::I64);
        let broken = b.create_block();
        let counter = crate::config()
            .count_instructions
            .then(|| std::ptr::addr_of_mut!(stats::COMPILED_INSTRUCTIONS) as i64);
        let mut translator = Translator {
            b,
            code,
            jit,
            pointer,
            tags: Tags::new(),
            trusted,
            blocks: Vec::new(),
            exit,
            broken,
            helper_signature,
            drop_signature,
            poll_signature,
            ctx,
            frame,
            interrupt,
            operands,
            counter,
            pending: Vec::new(),
            inline: 0,
            helpers: 0,
        };
        translator.blocks = jit
            .depth
            .iter()
            .map(|&depth| (depth != crate::jitcode::UNREACHED).then(|| translator.b.create_block()))
            .collect();
        // The entry table: each reachable instruction's block, or an
        // answer that says the instruction cannot be entered.
        let refuse = translator.b.create_block();
        let mut table = Vec::with_capacity(translator.blocks.len());
        for block in &translator.blocks {
            let block = block.unwrap_or(refuse);
            table.push(translator.b.func.dfg.block_call(block, &[]));
        }
        let default = translator.b.func.dfg.block_call(refuse, &[]);
        let table = translator
            .b
            .create_jump_table(JumpTableData::new(default, &table));
        translator.b.ins().br_table(index, table);
        translator.b.switch_to_block(refuse);
        let refused = translator.b.ins().iconst(types::I64, NOT_ENTERED as i64);
        translator.b.ins().return_(&[refused]);
        translator.b.switch_to_block(exit);
        let status = translator.b.block_params(exit)[0];
        translator.b.ins().return_(&[status]);
        translator.b.switch_to_block(broken);
        let status = translator.b.ins().iconst(types::I64, BROKEN as i64);
        translator.b.ins().return_(&[status]);
        translator
    }

    fn translate(&mut self) {
        for index in 0..self.jit.instrs.len() {
            let Some(block) = self.blocks[index] else {
                continue;
            };
            let instr = self.jit.instrs[index];
            let depth = self.jit.depth[index];
            self.b.switch_to_block(block);
            self.b.set_srcloc(SourceLoc::new(instr.offset));
            if let Some(counter) = self.counter {
                let address = self.b.ins().iconst(self.pointer, counter);
                let count = self.b.ins().load(types::I64, self.trusted, address, 0);
                let count = self.b.ins().iadd_imm_s(count, 1);
                self.b.ins().store(self.trusted, count, address, 0);
            }
            if self.inline(index, instr, depth) {
                self.inline += 1;
            } else {
                self.helpers += 1;
                let status = self.call_helper(instr, depth);
                self.after_helper(instr, status, index);
            }
            while let Some(pending) = self.pending.pop() {
                self.fill(pending);
            }
        }
    }

    fn fill(&mut self, pending: Pending) {
        match pending {
            Pending::Poll {
                block,
                target,
                instr,
                depth,
            } => {
                self.b.switch_to_block(block);
                let flag = self
                    .b
                    .ins()
                    .uload8(types::I32, self.trusted, self.interrupt, 0);
                let interrupted = self.b.create_block();
                self.b.set_cold_block(interrupted);
                self.b.ins().brif(flag, interrupted, &[], target, &[]);
                self.b.switch_to_block(interrupted);
                let function = self.b.ins().iconst(
                    self.pointer,
                    helpers::interrupted as *const () as usize as i64,
                );
                let at = self.b.ins().iconst(types::I32, instr.offset as i64);
                let sp = self.b.ins().iadd_imm_s(self.operands, depth as i64);
                let call =
                    self.b
                        .ins()
                        .call_indirect(self.poll_signature, function, &[self.ctx, at, sp]);
                let status = self.b.inst_results(call)[0];
                let low = self.b.ins().band_imm_u(status, 0xff);
                let next = self.b.ins().icmp_imm_s(IntCC::Equal, low, NEXT as i64);
                self.b
                    .ins()
                    .brif(next, target, &[], self.exit, &[status.into()]);
            }
            Pending::Fallback {
                block,
                instr,
                depth,
                index,
            } => {
                self.b.switch_to_block(block);
                let status = self.call_helper(instr, depth);
                self.after_helper(instr, status, index);
            }
        }
    }

    // ----- addresses and blocks -----

    /// Offset from the frame (local 0) of local `index`.
    fn local(&self, index: u32) -> i32 {
        index as i32 * SLOT
    }

    /// Offset from the frame of operand-stack slot `depth` (0 = bottom).
    fn operand(&self, depth: u32) -> i32 {
        (self.code.local_count as i32 + depth as i32) * SLOT
    }

    /// The block of the instruction after `index` (which must fall through).
    fn next(&self, index: usize) -> Block {
        self.blocks
            .get(index + 1)
            .copied()
            .flatten()
            .unwrap_or(self.broken)
    }

    /// The block of the instruction starting at code unit `target`.
    fn target(&self, target: u32) -> Block {
        self.jit
            .index_of
            .get(target as usize)
            .and_then(|&index| self.blocks.get(index as usize).copied().flatten())
            .unwrap_or(self.broken)
    }

    /// Where a jump from `instr` to `target` goes on an inline path: the
    /// target's block, through an interrupt poll if it is a back-edge.
    fn edge(&mut self, instr: Instr, target: u32) -> Block {
        let block = self.target(target);
        if target > instr.start {
            return block;
        }
        let depth = self
            .jit
            .enterable(target as usize)
            .map_or(0, |(_, depth)| depth);
        let poll = self.b.create_block();
        self.pending.push(Pending::Poll {
            block: poll,
            target: block,
            instr,
            depth,
        });
        poll
    }

    // ----- helpers -----

    fn call_helper(&mut self, instr: Instr, depth: u32) -> Value {
        let helper = HELPERS[instr.op as usize];
        let function = self
            .b
            .ins()
            .iconst(self.pointer, helper as *const () as usize as i64);
        let at = self.b.ins().iconst(types::I32, instr.offset as i64);
        let sp = self.b.ins().iadd_imm_s(self.operands, depth as i64);
        let arg = self.b.ins().iconst(types::I32, instr.arg as i64);
        let call =
            self.b
                .ins()
                .call_indirect(self.helper_signature, function, &[self.ctx, at, sp, arg]);
        self.b.inst_results(call)[0]
    }

    /// Continues after a helper ran `instr` (at instruction `index`): with
    /// the next instruction, the jump target, or out to the driver.
    fn after_helper(&mut self, instr: Instr, status: Value, index: usize) {
        let flow = instr.op.flow();
        let low = self.b.ins().band_imm_u(status, 0xff);
        let exit = self.exit;
        match (
            flow.falls_through() && flow != pvm_frontend::opcode::Flow::Yield,
            flow.jumps(),
        ) {
            (true, false) => {
                let next = self.next(index);
                let is_next = self.b.ins().icmp_imm_s(IntCC::Equal, low, NEXT as i64);
                self.b
                    .ins()
                    .brif(is_next, next, &[], exit, &[status.into()]);
            }
            (falls, true) => {
                // The helper's own jump polled already at a back-edge.
                let target = self.target(instr.arg);
                let jumped = self.b.create_block();
                if falls {
                    let next = self.next(index);
                    let is_next = self.b.ins().icmp_imm_s(IntCC::Equal, low, NEXT as i64);
                    self.b.ins().brif(is_next, next, &[], jumped, &[]);
                } else {
                    self.b.ins().jump(jumped, &[]);
                }
                self.b.switch_to_block(jumped);
                let is_jump = self.b.ins().icmp_imm_s(IntCC::Equal, low, JUMPED as i64);
                self.b
                    .ins()
                    .brif(is_jump, target, &[], exit, &[status.into()]);
            }
            // Returns, raises and yields always leave the frame.
            (false, false) => {
                self.b.ins().jump(exit, &[status.into()]);
            }
        }
    }

    /// A cold block that runs `instr` through its helper (when an inline
    /// guard fails) and continues as `after_helper` says.
    fn fallback(&mut self, instr: Instr, depth: u32, index: usize) -> Block {
        let block = self.b.create_block();
        self.b.set_cold_block(block);
        self.pending.push(Pending::Fallback {
            block,
            instr,
            depth,
            index,
        });
        block
    }

    // ----- reference counts -----

    /// Whether `tag` owns nothing (a nonzero i64 when unboxed).
    fn unboxed(&mut self, tag: Value) -> Value {
        let mask = self.b.ins().iconst(types::I64, self.tags.unboxed);
        let shifted = self.b.ins().ushr(mask, tag);
        self.b.ins().band_imm_u(shifted, 1)
    }

    /// Counts one more owner of a value with `tag` and `payload`.
    fn count_owner(&mut self, tag: Value, payload: Value) {
        let unboxed = self.unboxed(tag);
        let boxed = self.b.create_block();
        let done = self.b.create_block();
        self.b.ins().brif(unboxed, done, &[], boxed, &[]);
        self.b.switch_to_block(boxed);
        let count = self.b.ins().load(types::I64, self.trusted, payload, 0);
        let count = self.b.ins().iadd_imm_s(count, 1);
        self.b.ins().store(self.trusted, count, payload, 0);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Drops the value with `tag` and `payload`, which sits in the slot at
    /// `offset` from the frame (where the drop glue reads it for the last
    /// owner).
    fn release(&mut self, tag: Value, payload: Value, offset: i32) {
        let unboxed = self.unboxed(tag);
        let boxed = self.b.create_block();
        let shared = self.b.create_block();
        let last = self.b.create_block();
        let done = self.b.create_block();
        self.b.set_cold_block(last);
        self.b.ins().brif(unboxed, done, &[], boxed, &[]);
        self.b.switch_to_block(boxed);
        let count = self.b.ins().load(types::I64, self.trusted, payload, 0);
        let more = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedGreaterThan, count, 1);
        self.b.ins().brif(more, shared, &[], last, &[]);
        self.b.switch_to_block(shared);
        let count = self.b.ins().iadd_imm_s(count, -1);
        self.b.ins().store(self.trusted, count, payload, 0);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(last);
        let function = self.b.ins().iconst(
            self.pointer,
            helpers::drop_value as *const () as usize as i64,
        );
        let slot = self.b.ins().iadd_imm_s(self.frame, offset as i64);
        self.b
            .ins()
            .call_indirect(self.drop_signature, function, &[slot]);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    fn load_slot(&mut self, offset: i32) -> (Value, Value) {
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
    fn store_slot(&mut self, offset: i32, tag: Value, payload: Value) {
        let both = self.b.ins().scalar_to_vector(types::I64X2, tag);
        let both = self.b.ins().insertlane(both, payload, 1);
        self.b.ins().store(self.trusted, both, self.frame, offset);
    }

    fn is_tag(&mut self, tag: Value, expected: i64) -> Value {
        self.b.ins().icmp_imm_s(IntCC::Equal, tag, expected)
    }

    /// Whether both operands have tag `expected`.
    fn both_tagged(&mut self, lhs_tag: Value, rhs_tag: Value, expected: i64) -> Value {
        let lhs = self.is_tag(lhs_tag, expected);
        let rhs = self.is_tag(rhs_tag, expected);
        self.b.ins().band(lhs, rhs)
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

    /// Two float payloads as `f64`s.
    fn as_floats(&mut self, lhs_payload: Value, rhs_payload: Value) -> (Value, Value) {
        let lhs = self
            .b
            .ins()
            .bitcast(types::F64, MemFlagsData::new(), lhs_payload);
        let rhs = self
            .b
            .ins()
            .bitcast(types::F64, MemFlagsData::new(), rhs_payload);
        (lhs, rhs)
    }

    // ----- inline instructions -----

    /// Emits `instr` inline when it has an inline form; says whether it did.
    fn inline(&mut self, index: usize, instr: Instr, depth: u32) -> bool {
        match instr.op {
            Opcode::NOP => {
                let next = self.next(index);
                self.b.ins().jump(next, &[]);
            }
            Opcode::LOAD_FAST => self.load_fast(index, instr, depth),
            Opcode::STORE_FAST => {
                let top = self.operand(depth - 1);
                let local = self.local(instr.arg);
                let (tag, payload) = self.load_slot(top);
                let (old_tag, old_payload) = self.load_slot(local);
                self.store_slot(local, tag, payload);
                // The old value goes where the operand was, for the drop.
                self.store_slot(top, old_tag, old_payload);
                self.release(old_tag, old_payload, top);
                let next = self.next(index);
                self.b.ins().jump(next, &[]);
            }
            Opcode::LOAD_CONST => self.load_const(index, instr, depth),
            Opcode::POP_TOP => {
                let top = self.operand(depth - 1);
                let (tag, payload) = self.load_slot(top);
                self.release(tag, payload, top);
                let next = self.next(index);
                self.b.ins().jump(next, &[]);
            }
            Opcode::COPY => {
                let (tag, payload) = self.load_slot(self.operand(depth - instr.arg));
                self.store_slot(self.operand(depth), tag, payload);
                self.count_owner(tag, payload);
                let next = self.next(index);
                self.b.ins().jump(next, &[]);
            }
            Opcode::SWAP => {
                let (top, other) = (self.operand(depth - 1), self.operand(depth - instr.arg));
                let (tag, payload) = self.load_slot(top);
                let (other_tag, other_payload) = self.load_slot(other);
                self.store_slot(top, other_tag, other_payload);
                self.store_slot(other, tag, payload);
                let next = self.next(index);
                self.b.ins().jump(next, &[]);
            }
            Opcode::JUMP => {
                let target = self.edge(instr, instr.arg);
                self.b.ins().jump(target, &[]);
            }
            Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => {
                self.pop_jump(index, instr, depth)
            }
            Opcode::COMPARE_OP => return self.compare(index, instr, depth),
            Opcode::IS_OP => self.is_op(index, instr, depth),
            Opcode::BINARY_OP => return self.binary(index, instr, depth),
            _ => return false,
        }
        true
    }

    fn load_fast(&mut self, index: usize, instr: Instr, depth: u32) {
        let (tag, payload) = self.load_slot(self.local(instr.arg));
        let unbound = self.is_tag(tag, self.tags.unbound);
        let bound = self.b.create_block();
        let raise = self.fallback(instr, depth, index);
        self.b.ins().brif(unbound, raise, &[], bound, &[]);
        self.b.switch_to_block(bound);
        self.store_slot(self.operand(depth), tag, payload);
        self.count_owner(tag, payload);
        let next = self.next(index);
        self.b.ins().jump(next, &[]);
    }

    fn load_const(&mut self, index: usize, instr: Instr, depth: u32) {
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
        let tag_value = self.b.ins().iconst(types::I64, tag as i64);
        let payload_value = self.b.ins().iconst(types::I64, payload);
        self.store_slot(self.operand(depth), tag_value, payload_value);
        if !constant.is_unboxed() {
            // The constant's object outlives this code; count the new owner.
            let count = self
                .b
                .ins()
                .load(types::I64, self.trusted, payload_value, 0);
            let count = self.b.ins().iadd_imm_s(count, 1);
            self.b.ins().store(self.trusted, count, payload_value, 0);
        }
        let next = self.next(index);
        self.b.ins().jump(next, &[]);
    }

    /// `POP_JUMP_IF_FALSE`/`TRUE`: bools, `None` and ints inline; anything
    /// else asks the helper (which calls `__bool__`/`__len__`).
    fn pop_jump(&mut self, index: usize, instr: Instr, depth: u32) {
        let top = self.operand(depth - 1);
        let (tag, payload) = self.load_slot(top);
        let jump_if = instr.op == Opcode::POP_JUMP_IF_TRUE;
        let (when_true, when_false) = if jump_if {
            (self.edge(instr, instr.arg), self.next(index))
        } else {
            (self.next(index), self.edge(instr, instr.arg))
        };
        let fallback = self.fallback(instr, depth, index);
        let is_bool = self.is_tag(tag, self.tags.bool);
        let bool_block = self.b.create_block();
        let other = self.b.create_block();
        self.b.ins().brif(is_bool, bool_block, &[], other, &[]);
        self.b.switch_to_block(bool_block);
        let truth = self
            .b
            .ins()
            .uload8(types::I32, self.trusted, self.frame, top + 8);
        self.b.ins().brif(truth, when_true, &[], when_false, &[]);
        self.b.switch_to_block(other);
        let is_none = self.is_tag(tag, self.tags.none);
        let not_none = self.b.create_block();
        self.b.ins().brif(is_none, when_false, &[], not_none, &[]);
        self.b.switch_to_block(not_none);
        let is_int = self.is_tag(tag, self.tags.int);
        let int_block = self.b.create_block();
        self.b.ins().brif(is_int, int_block, &[], fallback, &[]);
        self.b.switch_to_block(int_block);
        self.b.ins().brif(payload, when_true, &[], when_false, &[]);
    }

    /// `COMPARE_OP` on two ints or two floats inline; branching straight to
    /// the destinations of a `POP_JUMP_IF_*` that follows.
    fn compare(&mut self, index: usize, instr: Instr, depth: u32) -> bool {
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
        let (lhs, rhs) = (self.operand(depth - 2), self.operand(depth - 1));
        let (lhs_tag, lhs_payload) = self.load_slot(lhs);
        let (rhs_tag, rhs_payload) = self.load_slot(rhs);
        let fallback = self.fallback(instr, depth, index);
        let destinations = self.branch_after(index);
        let both_int = self.both_tagged(lhs_tag, rhs_tag, self.tags.int);
        let int_block = self.b.create_block();
        let not_int = self.b.create_block();
        let result = self.b.create_block();
        self.b.append_block_param(result, types::I8);
        self.b.ins().brif(both_int, int_block, &[], not_int, &[]);
        self.b.switch_to_block(int_block);
        let truth = self.b.ins().icmp(int_cc, lhs_payload, rhs_payload);
        self.b.ins().jump(result, &[truth.into()]);
        self.b.switch_to_block(not_int);
        let both_float = self.both_tagged(lhs_tag, rhs_tag, self.tags.float);
        let float_block = self.b.create_block();
        self.b
            .ins()
            .brif(both_float, float_block, &[], fallback, &[]);
        self.b.switch_to_block(float_block);
        let (a, b) = self.as_floats(lhs_payload, rhs_payload);
        let truth = self.b.ins().fcmp(float_cc, a, b);
        self.b.ins().jump(result, &[truth.into()]);
        self.b.switch_to_block(result);
        let truth = self.b.block_params(result)[0];
        self.finish_bool(truth, destinations, index, lhs);
        true
    }

    /// Where a bool computed by instruction `index` goes when a
    /// `POP_JUMP_IF_*` follows it: `(when true, when false)`, so the bool is
    /// never stored (the jump's own block stays, for entries and for the
    /// helper path).
    fn branch_after(&mut self, index: usize) -> Option<(Block, Block)> {
        let next = self
            .jit
            .instrs
            .get(index + 1)
            .filter(|next| {
                matches!(
                    next.op,
                    Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE
                ) && self.blocks[index + 1].is_some()
            })
            .copied()?;
        let after = self.next(index + 1);
        let taken = self.edge(next, next.arg);
        Some(if next.op == Opcode::POP_JUMP_IF_TRUE {
            (taken, after)
        } else {
            (after, taken)
        })
    }

    /// Ends an instruction whose result is the bool `truth` (an `i8`):
    /// branches to `destinations`, or stores it in the slot at `offset` and
    /// goes on with the next instruction.
    fn finish_bool(
        &mut self,
        truth: Value,
        destinations: Option<(Block, Block)>,
        index: usize,
        offset: i32,
    ) {
        match destinations {
            Some((when_true, when_false)) => {
                self.b.ins().brif(truth, when_true, &[], when_false, &[]);
            }
            None => {
                let tag = self.b.ins().iconst(types::I64, self.tags.bool);
                let payload = self.b.ins().uextend(types::I64, truth);
                self.store_slot(offset, tag, payload);
                let next = self.next(index);
                self.b.ins().jump(next, &[]);
            }
        }
    }

    /// `IS_OP` when either side is `None` (the common `x is None`): true
    /// exactly when both are. Other identities ask the helper.
    fn is_op(&mut self, index: usize, instr: Instr, depth: u32) {
        let (lhs, rhs) = (self.operand(depth - 2), self.operand(depth - 1));
        let (lhs_tag, lhs_payload) = self.load_slot(lhs);
        let (rhs_tag, rhs_payload) = self.load_slot(rhs);
        let fallback = self.fallback(instr, depth, index);
        let destinations = self.branch_after(index);
        let lhs_none = self.is_tag(lhs_tag, self.tags.none);
        let rhs_none = self.is_tag(rhs_tag, self.tags.none);
        let either = self.b.ins().bor(lhs_none, rhs_none);
        let inline = self.b.create_block();
        self.b.ins().brif(either, inline, &[], fallback, &[]);
        self.b.switch_to_block(inline);
        let same = self.b.ins().band(lhs_none, rhs_none);
        let truth = if instr.arg == 1 {
            self.b.ins().bxor_imm_u(same, 1)
        } else {
            same
        };
        // The operands are popped: drop them (`None` owns nothing).
        self.release(rhs_tag, rhs_payload, rhs);
        self.release(lhs_tag, lhs_payload, lhs);
        self.finish_bool(truth, destinations, index, lhs);
    }

    /// `BINARY_OP` on two ints (`+ - * & | ^`, overflow to the helper) or
    /// two floats (`+ - * /`, division by zero to the helper) inline.
    fn binary(&mut self, index: usize, instr: Instr, depth: u32) -> bool {
        let Some((operator, _inplace)) = BinaryOperator::decode(instr.arg) else {
            return false;
        };
        use BinaryOperator::*;
        let ints = matches!(operator, Add | Subtract | Multiply | And | Or | Xor);
        let floats = matches!(operator, Add | Subtract | Multiply | TrueDivide);
        if !ints && !floats {
            return false;
        }
        let (lhs, rhs) = (self.operand(depth - 2), self.operand(depth - 1));
        let (lhs_tag, lhs_payload) = self.load_slot(lhs);
        let (rhs_tag, rhs_payload) = self.load_slot(rhs);
        let fallback = self.fallback(instr, depth, index);
        let next = self.next(index);
        let not_int = self.b.create_block();
        if ints {
            let both_int = self.both_tagged(lhs_tag, rhs_tag, self.tags.int);
            let int_block = self.b.create_block();
            self.b.ins().brif(both_int, int_block, &[], not_int, &[]);
            self.b.switch_to_block(int_block);
            let (a, b) = (lhs_payload, rhs_payload);
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
                _ => (self.b.ins().bxor(a, b), None),
            };
            let store = self.b.create_block();
            match overflow {
                Some(overflow) => {
                    self.b.ins().brif(overflow, fallback, &[], store, &[]);
                }
                None => {
                    self.b.ins().jump(store, &[]);
                }
            }
            self.b.switch_to_block(store);
            let tag = self.b.ins().iconst(types::I64, self.tags.int);
            self.store_slot(lhs, tag, value);
            self.b.ins().jump(next, &[]);
        } else {
            self.b.ins().jump(not_int, &[]);
        }
        self.b.switch_to_block(not_int);
        if floats {
            // Two floats first; then a float and an int, the int converted
            // as CPython converts it (correctly rounded); and two ints
            // divide as floats when both are within ±2**53, where
            // CPython's true division does the same.
            let both_float = self.both_tagged(lhs_tag, rhs_tag, self.tags.float);
            let float_block = self.b.create_block();
            self.b.append_block_param(float_block, types::F64);
            self.b.append_block_param(float_block, types::F64);
            let mixed_block = self.b.create_block();
            let (a, b) = self.as_floats(lhs_payload, rhs_payload);
            self.b.ins().brif(
                both_float,
                float_block,
                &[a.into(), b.into()],
                mixed_block,
                &[],
            );
            self.b.switch_to_block(mixed_block);
            let lhs_float = self.is_tag(lhs_tag, self.tags.float);
            let rhs_float = self.is_tag(rhs_tag, self.tags.float);
            let lhs_int = self.is_tag(lhs_tag, self.tags.int);
            let rhs_int = self.is_tag(rhs_tag, self.tags.int);
            let lhs_number = self.b.ins().bor(lhs_float, lhs_int);
            let rhs_number = self.b.ins().bor(rhs_float, rhs_int);
            let numbers = self.b.ins().band(lhs_number, rhs_number);
            let mut eligible = self.b.ins().bor(lhs_float, rhs_float);
            if operator == TrueDivide {
                let exact = |b: &mut FunctionBuilder, payload: Value| {
                    let shifted = b.ins().iadd_imm_s(payload, 1 << 53);
                    b.ins()
                        .icmp_imm_u(IntCC::UnsignedLessThanOrEqual, shifted, 1 << 54)
                };
                let lhs_exact = exact(&mut self.b, lhs_payload);
                let rhs_exact = exact(&mut self.b, rhs_payload);
                let both_exact = self.b.ins().band(lhs_exact, rhs_exact);
                eligible = self.b.ins().bor(eligible, both_exact);
            }
            let eligible = self.b.ins().band(numbers, eligible);
            let converted = self.b.create_block();
            self.b.set_cold_block(converted);
            self.b.ins().brif(eligible, converted, &[], fallback, &[]);
            self.b.switch_to_block(converted);
            let a = self.as_float(lhs_float, lhs_payload);
            let b = self.as_float(rhs_float, rhs_payload);
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
            self.store_slot(lhs, tag, bits);
            self.b.ins().jump(next, &[]);
        } else {
            self.b.ins().jump(fallback, &[]);
        }
        true
    }
}
