//! Translates one code object into one Cranelift function.
//!
//! The function is `(ctx, instruction index) -> status`: its entry block
//! loads the frame's slot address from `Ctx` and jumps through a table to
//! the instruction to start at. The code is cut into runs: a run starts at
//! the first instruction, a jump target, an exception handler, or after an
//! instruction that does not simply fall through (a branch, a helper call);
//! only run heads are in the table, and every value is in the frame's slots
//! there, as the interpreters keep it. Inside a run the translator tracks
//! which operands are in registers and what it knows of their types
//! (`shadow.rs`), and writes them back before anything that reads the frame.
//! Asked to start anywhere else, the function answers `NOT_ENTERED` and the
//! frame runs in the warm-up interpreter from there.
//!
//! Simple opcodes are emitted inline (`inline.rs`), with fast paths that
//! fall back to the opcode's helper when their guard fails; every other
//! opcode calls its helper and branches on the status it answers. This
//! module does not run code and keeps no state between compilations.

use crate::bound::Bound;
use crate::helpers::{self, HELPERS};
use crate::jitcode::{Decline, Entry, Instr, JitCode, UNREACHED};
use crate::shadow::{Reg, Shadow};
use crate::status::{BROKEN, JUMPED, NEXT, NOT_ENTERED};
use crate::{machine, stats, Ctx};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types, AbiParam, Block, InstBuilder, JumpTableData, MemFlagsData, SigRef, Signature, SourceLoc,
    Value,
};
use cranelift_frontend::FunctionBuilder;
use cranelift_module::Module;
use pvm_frontend::Opcode;
use pvm_runtime::RtCode;
use std::time::Instant;

/// The largest code object (in code units) compiled as one function.
/// Cranelift's register allocator takes superlinear time in a function's
/// size (measured: 5 ms for 152 instructions, 23 ms for 332, 568 ms for
/// the 4 819 of pyperformance's `unpack_sequence`), so longer code objects
/// stay in the warm-up interpreter.
pub(crate) const MAX_UNITS: usize = 2_000;

/// Bytes per value slot.
const SLOT: i32 = 16;

/// Tag words of the variants compiled code handles inline.
#[derive(Clone, Copy)]
pub(crate) struct Tags {
    pub none: i64,
    pub bool: i64,
    pub int: i64,
    pub float: i64,
    pub unbound: i64,
    /// Bit `t` set when tag `t` owns nothing (`Value::unboxed_tags`).
    pub unboxed: i64,
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

pub(crate) struct Translator<'a> {
    pub b: FunctionBuilder<'a>,
    pub code: &'a RtCode,
    pub jit: &'a JitCode,
    pub pointer: types::Type,
    pub tags: Tags,
    pub trusted: MemFlagsData,
    /// The block of each instruction that starts a run: the first one, jump
    /// targets, exception handlers, and whatever follows an instruction
    /// that does not simply fall through. Every value is in the frame's
    /// slots there.
    pub heads: Vec<Option<Block>>,
    /// Where the entry table sends each instruction: the heads, and the
    /// instructions after a helper call (where a frame resumes after a
    /// call that left). Other instructions cannot be entered: a frame
    /// stopped there runs in the warm-up interpreter.
    entries: Vec<Option<Block>>,
    /// Jumps through the entry table (filled last, once the entries are
    /// known).
    dispatch: Block,
    /// Answers `NOT_ENTERED`.
    refuse: Block,
    /// Returns its one parameter (a status word).
    pub exit: Block,
    /// Returns `BROKEN`: where control would go if the bytecode fell off
    /// its end (which verified code never does).
    broken: Block,
    helper_signature: SigRef,
    pub drop_signature: SigRef,
    poll_signature: SigRef,
    /// `(i64 × n) -> i64` for each arity `n`, to call `lean.rs`.
    pub lean_signatures: Vec<SigRef>,
    /// Defined in the entry block, so available everywhere.
    pub ctx: Value,
    /// The address of local 0, loaded from `Ctx` at the head of each run:
    /// a value live across the whole function costs Cranelift's register
    /// allocator more than the load costs the code.
    pub frame: Value,
    /// Where each instruction is counted, when counting.
    counter: Option<i64>,
    /// The locals bound before each instruction on every path: loading
    /// one needs no check (and no cold block raising `UnboundLocalError`).
    pub bound: Bound,
    /// Cold blocks asked for while the runs are emitted, filled at the end.
    pending: Vec<Pending>,
    /// The frame as the instruction being emitted finds it.
    pub state: Shadow,
    /// Whether the current block is still open, falling into the next
    /// instruction with `state`.
    pub open: bool,
    inline: usize,
    helpers: usize,
}

/// A cold block to fill once the runs are emitted.
enum Pending {
    /// Poll the interrupt flag, then go to `target` (a back-edge).
    Poll {
        block: Block,
        target: Block,
        instr: Instr,
        depth: u32,
        frame: Value,
    },
    /// Run the instruction through its helper (an inline guard failed):
    /// write `before` back, call, and go on at `join` with the result, at
    /// the instruction's jump target or next head, or out.
    Fallback {
        block: Block,
        instr: Instr,
        index: usize,
        before: Shadow,
        join: Option<Block>,
        frame: Value,
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
        let lean_signatures = (0..=6)
            .map(|arity| b.import_signature(signature(&vec![types::I64; arity], &[types::I64])))
            .collect();
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let ctx = b.block_params(entry)[0];
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
        let offset = b.ins().ishl_imm_u(base, 4);
        let frame = b.ins().iadd(slots, offset);
        let operands = b.ins().iadd_imm_s(base, code.local_count as i64);
        b.ins()
            .store(trusted, frame, ctx, std::mem::offset_of!(Ctx, frame) as i32);
        b.ins().store(
            trusted,
            operands,
            ctx,
            std::mem::offset_of!(Ctx, operands) as i32,
        );
        let dispatch = b.create_block();
        b.ins().jump(dispatch, &[]);
        let refuse = b.create_block();
        b.switch_to_block(refuse);
        let refused = b.ins().iconst(types::I64, NOT_ENTERED as i64);
        b.ins().return_(&[refused]);
        let exit = b.create_block();
        b.append_block_param(exit, types::I64);
        b.switch_to_block(exit);
        let status = b.block_params(exit)[0];
        b.ins().return_(&[status]);
        let broken = b.create_block();
        b.switch_to_block(broken);
        let status = b.ins().iconst(types::I64, BROKEN as i64);
        b.ins().return_(&[status]);
        let counter = crate::config()
            .count_instructions
            .then(|| std::ptr::addr_of_mut!(stats::COMPILED_INSTRUCTIONS) as i64);
        let heads = run_heads(code, jit)
            .into_iter()
            .map(|head| head.then(|| b.create_block()))
            .collect();
        Translator {
            b,
            code,
            jit,
            pointer,
            tags: Tags::new(),
            trusted,
            heads,
            entries: vec![None; jit.instrs.len()],
            dispatch,
            refuse,
            exit,
            broken,
            helper_signature,
            drop_signature,
            poll_signature,
            lean_signatures,
            ctx,
            frame,
            counter,
            pending: Vec::new(),
            bound: Bound::analyse(code, jit),
            state: Shadow::default(),
            open: false,
            inline: 0,
            helpers: 0,
        }
    }

    fn translate(&mut self) {
        let locals = self.code.local_count;
        for index in 0..self.jit.instrs.len() {
            let instr = self.jit.instrs[index];
            let depth = self.jit.depth[index];
            if depth == crate::jitcode::UNREACHED {
                continue;
            }
            match self.heads[index] {
                Some(head) => {
                    if self.open {
                        self.flush();
                        self.b.ins().jump(head, &[]);
                    }
                    self.begin_run(index, head, depth);
                }
                None if !self.open => {
                    let block = self.b.create_block();
                    self.begin_run(index, block, depth);
                }
                None => {}
            }
            debug_assert_eq!(self.state.depth(), depth, "at instruction {index}");
            debug_assert_eq!(self.state.locals.len(), locals);
            self.b.set_srcloc(SourceLoc::new(instr.offset));
            if let Some(counter) = self.counter {
                let address = self.b.ins().iconst(self.pointer, counter);
                let count = self.b.ins().load(types::I64, self.trusted, address, 0);
                let count = self.b.ins().iadd_imm_s(count, 1);
                self.b.ins().store(self.trusted, count, address, 0);
            }
            if self.inline(index, instr) {
                self.inline += 1;
            } else {
                self.helpers += 1;
                self.flush();
                let status = self.call_helper(instr, depth);
                self.after_helper(instr, status, index);
            }
        }
        if self.open {
            self.b.ins().jump(self.broken, &[]);
        }
        while let Some(pending) = self.pending.pop() {
            self.fill(pending);
        }
        // The entry table: each enterable instruction's block, or an
        // answer that says the instruction cannot be entered here.
        self.b.switch_to_block(self.dispatch);
        let mut table = Vec::with_capacity(self.entries.len());
        for block in &self.entries {
            let block = block.unwrap_or(self.refuse);
            table.push(self.b.func.dfg.block_call(block, &[]));
        }
        let default = self.b.func.dfg.block_call(self.refuse, &[]);
        let table = self
            .b
            .create_jump_table(JumpTableData::new(default, &table));
        let index = self
            .b
            .block_params(self.b.func.layout.entry_block().expect("entry"))[1];
        // A call enters at instruction 0: one test before the table.
        let first = self.entries[0].unwrap_or(self.refuse);
        let elsewhere = self.b.create_block();
        self.b.ins().brif(index, elsewhere, &[], first, &[]);
        self.b.switch_to_block(elsewhere);
        self.b.ins().br_table(index, table);
    }

    /// Starts a run at instruction `index` in `block`, with every value in
    /// the frame's slots (so the block can also be entered from outside).
    fn begin_run(&mut self, index: usize, block: Block, depth: u32) {
        self.b.switch_to_block(block);
        self.entries[index] = Some(block);
        self.frame = self.b.ins().load(
            self.pointer,
            self.trusted,
            self.ctx,
            std::mem::offset_of!(Ctx, frame) as i32,
        );

        self.state = Shadow::in_memory(depth, self.code.local_count);
        self.open = true;
    }

    fn fill(&mut self, pending: Pending) {
        match pending {
            Pending::Poll {
                block,
                target,
                instr,
                depth,
                frame,
            } => {
                self.b.switch_to_block(block);
                self.frame = frame;
                let interrupt = self.b.ins().load(
                    self.pointer,
                    self.trusted,
                    self.ctx,
                    std::mem::offset_of!(Ctx, interrupt) as i32,
                );
                let flag = self.b.ins().uload8(types::I32, self.trusted, interrupt, 0);
                let interrupted = self.b.create_block();
                self.b.set_cold_block(interrupted);
                self.b.ins().brif(flag, interrupted, &[], target, &[]);
                self.b.switch_to_block(interrupted);
                let function = self.b.ins().iconst(
                    self.pointer,
                    helpers::interrupted as *const () as usize as i64,
                );
                let at = self.b.ins().iconst(types::I32, instr.offset as i64);
                let depth = self.b.ins().iconst(types::I32, depth as i64);
                let call = self.b.ins().call_indirect(
                    self.poll_signature,
                    function,
                    &[self.ctx, at, depth],
                );
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
                index,
                before,
                join,
                frame,
            } => {
                self.b.switch_to_block(block);
                self.frame = frame;
                self.b.set_srcloc(SourceLoc::new(instr.offset));
                self.write_back(&before);
                let status = self.call_helper(instr, before.depth());
                let jumps = instr.op.flow().jumps();
                let Some(join) = join else {
                    if jumps {
                        // A truth test: both ways lead to heads.
                        debug_assert!(self.heads.get(index + 1).copied().flatten().is_some());
                        self.after_helper(instr, status, index);
                    } else {
                        // The helper only raises here.
                        let low = self.b.ins().band_imm_u(status, 0xff);
                        let is_next = self.b.ins().icmp_imm_s(IntCC::Equal, low, NEXT as i64);
                        self.b
                            .ins()
                            .brif(is_next, self.broken, &[], self.exit, &[status.into()]);
                    }
                    return;
                };
                let low = self.b.ins().band_imm_u(status, 0xff);
                let is_next = self.b.ins().icmp_imm_s(IntCC::Equal, low, NEXT as i64);
                let rejoin = self.b.create_block();
                self.b.set_cold_block(rejoin);
                if jumps {
                    let other = self.b.create_block();
                    self.b.set_cold_block(other);
                    self.b.ins().brif(is_next, rejoin, &[], other, &[]);
                    self.b.switch_to_block(other);
                    let target = self.target(instr.arg);
                    let is_jump = self.b.ins().icmp_imm_s(IntCC::Equal, low, JUMPED as i64);
                    self.b
                        .ins()
                        .brif(is_jump, target, &[], self.exit, &[status.into()]);
                } else {
                    self.b
                        .ins()
                        .brif(is_next, rejoin, &[], self.exit, &[status.into()]);
                }
                // The helper left its results in their slots.
                self.b.switch_to_block(rejoin);
                // Operands below its inputs stay on the fast path's picture
                // as borrowed: their counts taken for the helper go back.
                let untouched = before.depth().saturating_sub(inputs(instr, before.depth()));
                for depth in 0..untouched {
                    if let Some(reg) = before.operands[depth as usize] {
                        if reg.dirty && reg.borrowed.is_some() {
                            let owned = Reg {
                                borrowed: None,
                                ..reg
                            };
                            self.release(owned, self.operand(depth));
                        }
                    }
                }
                let outputs = self.b.block_params(join).len() as i32 / 2;
                let after = before.depth() as i32 + instr.op.stack_effect(instr.arg);
                let mut words = Vec::new();
                for depth in after - outputs..after {
                    let (tag, payload) = self.load_slot(self.operand(depth as u32));
                    words.push(tag.into());
                    words.push(payload.into());
                }
                self.b.ins().jump(join, &words);
            }
        }
    }

    // ----- addresses and blocks -----

    /// Offset from the frame (local 0) of local `index`.
    pub(crate) fn local(&self, index: u32) -> i32 {
        index as i32 * SLOT
    }

    /// Offset from the frame of operand-stack slot `depth` (0 = bottom).
    pub(crate) fn operand(&self, depth: u32) -> i32 {
        (self.code.local_count as i32 + depth as i32) * SLOT
    }

    /// The head after instruction `index` (which does not simply fall
    /// through, so the next instruction starts a run).
    pub(crate) fn next_head(&self, index: usize) -> Block {
        self.heads
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
            .and_then(|&index| self.heads.get(index as usize).copied().flatten())
            .unwrap_or(self.broken)
    }

    /// Where a jump from `instr` to `target` goes on an inline path (with
    /// everything written back): the target's block, through an interrupt
    /// poll if it is a back-edge.
    pub(crate) fn edge(&mut self, instr: Instr, target: u32) -> Block {
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
            frame: self.frame,
        });
        poll
    }

    // ----- helpers -----

    fn call_helper(&mut self, instr: Instr, depth: u32) -> Value {
        let helper = match instr.op {
            Opcode::CALL => helpers::call_compiled,
            Opcode::CALL_METHOD => helpers::call_method_compiled,
            op => HELPERS[op as usize],
        };
        let function = self
            .b
            .ins()
            .iconst(self.pointer, helper as *const () as usize as i64);
        let at = self.b.ins().iconst(types::I32, instr.offset as i64);
        let depth = self.b.ins().iconst(types::I32, depth as i64);
        let arg = self.b.ins().iconst(types::I32, instr.arg as i64);
        let call = self.b.ins().call_indirect(
            self.helper_signature,
            function,
            &[self.ctx, at, depth, arg],
        );
        self.b.inst_results(call)[0]
    }

    /// Continues after a helper ran `instr` (instruction `index`): with the
    /// next instruction, the jump target, or out to the driver. The next
    /// instruction starts a run, with everything in the frame's slots (the
    /// helper may have changed any of them).
    fn after_helper(&mut self, instr: Instr, status: Value, index: usize) {
        let flow = instr.op.flow();
        let low = self.b.ins().band_imm_u(status, 0xff);
        let exit = self.exit;
        let falls = flow.falls_through() && flow != pvm_frontend::opcode::Flow::Yield;
        // The instruction after: a head already, or a new run.
        let mut new_run = None;
        let next = if !falls {
            self.broken
        } else if let Some(head) = self.heads.get(index + 1).copied().flatten() {
            head
        } else if self
            .jit
            .depth
            .get(index + 1)
            .is_some_and(|&depth| depth != UNREACHED)
        {
            let block = self.b.create_block();
            new_run = Some(block);
            block
        } else {
            self.broken
        };
        match (falls, flow.jumps()) {
            (true, false) => {
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
        self.open = false;
        if let Some(block) = new_run {
            self.begin_run(index + 1, block, self.jit.depth[index + 1]);
        }
    }

    /// A cold block that runs `instr` through its helper when an inline
    /// guard fails, with the frame as `before` pictures it.
    pub(crate) fn fallback(
        &mut self,
        index: usize,
        instr: Instr,
        before: Shadow,
        join: Option<Block>,
    ) -> Block {
        let block = self.b.create_block();
        self.b.set_cold_block(block);
        self.pending.push(Pending::Fallback {
            block,
            instr,
            index,
            before,
            join,
            frame: self.frame,
        });
        block
    }
}

/// How many operands an instruction with an inline fast path (and so a
/// fallback that rejoins it) takes from a stack `depth` deep: the ones its
/// helper consumes. Anything else counts as taking them all.
fn inputs(instr: Instr, depth: u32) -> u32 {
    match instr.op {
        Opcode::LOAD_FAST | Opcode::LOAD_GLOBAL | Opcode::FOR_ITER => 0,
        Opcode::UNPACK_SEQUENCE | Opcode::LOAD_ATTR | Opcode::LOAD_METHOD => 1,
        Opcode::BINARY_OP
        | Opcode::COMPARE_OP
        | Opcode::IS_OP
        | Opcode::BINARY_SUBSCR
        | Opcode::STORE_ATTR => 2,
        Opcode::STORE_SUBSCR => 3,
        _ => depth,
    }
}

/// Which instructions start a run (see `Translator::heads`).
fn run_heads(code: &RtCode, jit: &JitCode) -> Vec<bool> {
    let count = jit.instrs.len();
    let mut heads = vec![false; count];
    let mut mark = |index: Option<usize>| {
        if let Some(index) = index.filter(|&index| index < count) {
            heads[index] = jit.depth[index] != UNREACHED;
        }
    };
    let index_at = |unit: u32| jit.index_of.get(unit as usize).map(|&index| index as usize);
    mark(Some(0));
    for (index, instr) in jit.instrs.iter().enumerate() {
        let flow = instr.op.flow();
        if flow.jumps() {
            mark(index_at(instr.arg));
        }
        // `FOR_ITER` is always compiled inline, its helper path joining
        // the loop body's run.
        if flow != pvm_frontend::opcode::Flow::Next && instr.op != Opcode::FOR_ITER {
            mark(Some(index + 1));
        }
    }
    for handler in code.code.exception_table.iter() {
        mark(index_at(handler.target));
    }
    heads
}
