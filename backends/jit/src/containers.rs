//! The container and lookup opcodes compiled code runs through the
//! out-of-line fast paths of `lean.rs` without leaving its run: an int
//! index into a list or tuple, a store into a list, unpacking a tuple or
//! list of the right length, the next item of a range, list or tuple
//! iterator, a global found in its cache (checked inline), and an
//! instance attribute or method where the inline cache places it. Anything
//! else, and any case
//! a fast path refuses, runs the opcode's helper (`Translator::fallback`).
//! This module emits code only; what the operations mean is the runtime's.

use crate::compile::Translator;
use crate::jitcode::Instr;
use crate::shadow::{Kind, Reg};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder};
use pvm_runtime::globals::GlobalCache;
use pvm_runtime::{Function, Interp, PyDict};

impl Translator<'_> {
    /// Whether `kind` could be a list or tuple (or an iterator).
    pub(crate) fn container(kind: Kind) -> bool {
        matches!(kind, Kind::Unknown | Kind::Boxed)
    }

    /// `BINARY_SUBSCR` of a list or tuple by an int in range (`lean.rs`).
    pub(crate) fn subscript(&mut self, index: usize, instr: Instr) -> bool {
        let depth = self.state.depth();
        let before = self.state.clone();
        let key = self.pop();
        let container = self.pop();
        if !matches!(key.kind, Kind::Unknown | Kind::Int) || !Self::container(container.kind) {
            self.state = before;
            return false;
        }
        let join = self.join_block(1);
        let fallback = self.fallback(index, instr, before, Some(join));
        let key_int = self.is_int(key);
        let call = self.b.create_block();
        self.branch(key_int, call, fallback);
        self.b.switch_to_block(call);
        // The result goes to the key's slot (an int's: nothing to drop).
        let out = self.operand_address(depth - 1);
        let found = self.call_lean(
            crate::lean::subscript_int as *const () as usize,
            &[container.tag, container.payload, key.payload, out],
        );
        let got = self.b.create_block();
        self.b.ins().brif(found, got, &[], fallback, &[]);
        self.b.switch_to_block(got);
        let (tag, payload) = self.load_slot(self.operand(depth - 1));
        self.release(container, self.operand(depth - 1));
        self.b.ins().jump(join, &[tag.into(), payload.into()]);
        self.continue_in(join);
        true
    }

    /// `STORE_SUBSCR` into a list at an int in range (`lean.rs`).
    pub(crate) fn store_subscript(&mut self, index: usize, instr: Instr) -> bool {
        let depth = self.state.depth();
        // The list takes the value.
        self.own_operand(depth - 3);
        let before = self.state.clone();
        let key = self.pop();
        let container = self.pop();
        let value = self.pop();
        if !matches!(key.kind, Kind::Unknown | Kind::Int) || !Self::container(container.kind) {
            self.state = before;
            return false;
        }
        let join = self.join_block(0);
        let fallback = self.fallback(index, instr, before, Some(join));
        let key_int = self.is_int(key);
        let call = self.b.create_block();
        self.branch(key_int, call, fallback);
        self.b.switch_to_block(call);
        let stored = self.call_lean(
            crate::lean::store_subscript_int as *const () as usize,
            &[
                container.tag,
                container.payload,
                key.payload,
                value.tag,
                value.payload,
            ],
        );
        let done = self.b.create_block();
        self.b.ins().brif(stored, done, &[], fallback, &[]);
        self.b.switch_to_block(done);
        self.release(container, self.operand(depth - 1));
        self.b.ins().jump(join, &[]);
        self.continue_in(join);
        true
    }

    /// `UNPACK_SEQUENCE` of a tuple or list of the right length
    /// (`lean.rs`): the items land in their slots.
    pub(crate) fn unpack(&mut self, index: usize, instr: Instr) -> bool {
        let depth = self.state.depth();
        let count = instr.arg;
        // The sequence is taken (and released) on the fast path.
        self.own_operand(depth - 1);
        let before = self.state.clone();
        let sequence = self.pop();
        if count == 0 || !Self::container(sequence.kind) {
            self.state = before;
            return false;
        }
        let join = self.join_block(0);
        let fallback = self.fallback(index, instr, before, Some(join));
        let out = self.operand_address(depth - 1);
        let count_value = self.b.ins().iconst(types::I64, count as i64);
        let unpacked = self.call_lean(
            crate::lean::unpack_exact as *const () as usize,
            &[sequence.tag, sequence.payload, count_value, out],
        );
        self.b.ins().brif(unpacked, join, &[], fallback, &[]);
        self.continue_in(join);
        self.state
            .operands
            .extend(std::iter::repeat_n(None, count as usize));
        true
    }

    /// `FOR_ITER` on a range, list or tuple iterator (`lean.rs`); any other
    /// iterator through the helper. The loop body goes on in the same run.
    pub(crate) fn for_iter(&mut self, index: usize, instr: Instr) {
        let depth = self.state.depth();
        self.own_operand(depth - 1);
        let before = self.state.clone();
        let iterator = self.operand_reg(depth - 1);
        let join = self.join_block(1);
        let fallback = self.fallback(index, instr, before, Some(join));
        let out = self.operand_address(depth);
        let status = self.call_lean(
            crate::lean::next_simple as *const () as usize,
            &[iterator.tag, iterator.payload, out],
        );
        let got = self.b.create_block();
        let not_got = self.b.create_block();
        let exhausted = self.b.create_block();
        let is_item = self.b.ins().icmp_imm_s(IntCC::Equal, status, 1);
        self.b.ins().brif(is_item, got, &[], not_got, &[]);
        self.b.switch_to_block(not_got);
        self.b.ins().brif(status, fallback, &[], exhausted, &[]);
        self.b.switch_to_block(exhausted);
        // The iterator is popped: drop it, write the rest back, and leave
        // the loop.
        self.release(iterator, self.operand(depth - 1));
        let mut rest = self.state.clone();
        rest.operands.truncate(depth as usize - 1);
        self.write_back(&rest);
        let target = self.edge(instr, instr.arg);
        self.b.ins().jump(target, &[]);
        self.b.switch_to_block(got);
        let (tag, payload) = self.load_slot(self.operand(depth));
        self.b.ins().jump(join, &[tag.into(), payload.into()]);
        self.continue_in(join);
    }

    /// `LOAD_GLOBAL` from the code object's cache, checked inline: a hit
    /// is the entry's globals and builtins versions equal to the versions
    /// of the running function's globals and of the builtins (versions are
    /// unique across dicts, so equal means the same dict unchanged). A miss
    /// runs the helper, which looks the name up, refills the entry or
    /// raises `NameError`.
    pub(crate) fn load_global(&mut self, index: usize, instr: Instr) {
        let before = self.state.clone();
        let join = self.join_block(1);
        let fallback = self.fallback(index, instr, before, Some(join));
        let [globals_at, builtins_at, value_at] = GlobalCache::LAYOUT.map(|at| at as i32);
        let entry: *const GlobalCache = &self.code.global_cache[instr.arg as usize];
        let entry = self.b.ins().iconst(self.pointer, entry as i64);
        // The running function's globals, then the builtins.
        let globals = (
            std::mem::offset_of!(crate::Ctx, function),
            std::mem::offset_of!(Function, globals),
        );
        let builtins = (
            std::mem::offset_of!(crate::Ctx, interp),
            std::mem::offset_of!(Interp, builtins),
        );
        self.same_version(globals, entry, globals_at, fallback);
        self.same_version(builtins, entry, builtins_at, fallback);
        let flags = self.trusted;
        let tag = self.b.ins().load(types::I64, flags, entry, value_at);
        let payload = self.b.ins().load(types::I64, flags, entry, value_at + 8);
        self.count_owner(Reg::new(tag, payload, Kind::Unknown));
        self.b.ins().jump(join, &[tag.into(), payload.into()]);
        self.continue_in(join);
    }

    /// Goes on only when the version of the dict that `ctx.(path.0)` ->
    /// `.(path.1)` holds (an `Rc<PyDict>` in a struct the `Ctx` points to)
    /// is the `u64` cached at `entry + cached_at`; jumps to `fallback`
    /// otherwise.
    fn same_version(
        &mut self,
        path: (usize, usize),
        entry: cranelift_codegen::ir::Value,
        cached_at: i32,
        fallback: cranelift_codegen::ir::Block,
    ) {
        let flags = self.trusted;
        let version_at = (rc_value_offset() + PyDict::VERSION_OFFSET) as i32;
        let holder = self
            .b
            .ins()
            .load(self.pointer, flags, self.ctx, path.0 as i32);
        let dict = self
            .b
            .ins()
            .load(self.pointer, flags, holder, path.1 as i32);
        let current = self.b.ins().load(types::I64, flags, dict, version_at);
        let cached = self.b.ins().load(types::I64, flags, entry, cached_at);
        let same = self.b.ins().icmp(IntCC::Equal, current, cached);
        let next = self.b.create_block();
        self.b.ins().brif(same, next, &[], fallback, &[]);
        self.b.switch_to_block(next);
    }

    /// The code object's address and a name index, as words for `lean.rs`.
    fn code_and_name(
        &mut self,
        name: u32,
    ) -> (cranelift_codegen::ir::Value, cranelift_codegen::ir::Value) {
        let code = self
            .b
            .ins()
            .iconst(self.pointer, self.code as *const _ as i64);
        let name = self.b.ins().iconst(types::I64, name as i64);
        (code, name)
    }

    /// Pops the owner of `LOAD_ATTR` or `LOAD_METHOD` and calls the
    /// `lean.rs` lookup `function`, which writes what it finds to operand
    /// slot `out`; continues where it found it, the instruction's helper
    /// (joining `join`, with `outputs` results) where it did not. `None`,
    /// with nothing emitted, when the owner cannot be an instance.
    fn attribute_lookup(
        &mut self,
        index: usize,
        instr: Instr,
        outputs: usize,
        out: u32,
        function: usize,
    ) -> Option<(Reg, cranelift_codegen::ir::Block)> {
        let before = self.state.clone();
        let owner = self.pop();
        if !Self::container(owner.kind) {
            self.state = before;
            return None;
        }
        let join = self.join_block(outputs);
        let fallback = self.fallback(index, instr, before, Some(join));
        let out = self.operand_address(out);
        let (code, name) = self.code_and_name(instr.arg);
        let found = self.call_lean(function, &[code, name, owner.tag, owner.payload, out]);
        let got = self.b.create_block();
        self.b.ins().brif(found, got, &[], fallback, &[]);
        self.b.switch_to_block(got);
        Some((owner, join))
    }

    /// `LOAD_ATTR` of an instance attribute where the inline cache places
    /// it (`lean.rs`).
    pub(crate) fn load_attr(&mut self, index: usize, instr: Instr) -> bool {
        // The attribute goes to the owner's slot; the owner stays in
        // registers until it is released.
        let top = self.state.depth() - 1;
        let function = crate::lean::load_attr as *const () as usize;
        let Some((owner, join)) = self.attribute_lookup(index, instr, 1, top, function) else {
            return false;
        };
        let (tag, payload) = self.load_slot(self.operand(top));
        self.release(owner, self.operand(top));
        self.b.ins().jump(join, &[tag.into(), payload.into()]);
        self.continue_in(join);
        true
    }

    /// `LOAD_METHOD` of a plain method the inline cache holds for an
    /// instance's class (`lean.rs`): the method, then the owner.
    pub(crate) fn load_method(&mut self, index: usize, instr: Instr) -> bool {
        // The method goes to the slot above the owner (the instruction's
        // second result), free until then.
        let above = self.state.depth();
        // The owner stays on the stack as the second result.
        self.own_operand(above - 1);
        let function = crate::lean::load_method as *const () as usize;
        let Some((owner, join)) = self.attribute_lookup(index, instr, 2, above, function) else {
            return false;
        };
        let (tag, payload) = self.load_slot(self.operand(above));
        self.b.ins().jump(
            join,
            &[
                tag.into(),
                payload.into(),
                owner.tag.into(),
                owner.payload.into(),
            ],
        );
        self.continue_in(join);
        true
    }

    /// `STORE_ATTR` where the inline cache places the attribute in an
    /// instance's own dict (`lean.rs`).
    pub(crate) fn store_attr(&mut self, index: usize, instr: Instr) -> bool {
        let depth = self.state.depth();
        // The instance's dict takes the value.
        self.own_operand(depth - 2);
        let before = self.state.clone();
        let owner = self.pop();
        let value = self.pop();
        if !Self::container(owner.kind) {
            self.state = before;
            return false;
        }
        let join = self.join_block(0);
        let fallback = self.fallback(index, instr, before, Some(join));
        let (code, name) = self.code_and_name(instr.arg);
        let stored = self.call_lean(
            crate::lean::store_attr as *const () as usize,
            &[
                code,
                name,
                owner.tag,
                owner.payload,
                value.tag,
                value.payload,
            ],
        );
        let done = self.b.create_block();
        self.b.ins().brif(stored, done, &[], fallback, &[]);
        self.b.switch_to_block(done);
        self.release(owner, self.operand(depth - 1));
        self.b.ins().jump(join, &[]);
        self.continue_in(join);
        true
    }
}

/// Where an `Rc`'s value sits from the start of its allocation, which is
/// what an `Rc` field holds (measured once on a real `Rc<PyDict>`: the
/// layout of `Rc`'s allocation is not public, but fixed for a type).
fn rc_value_offset() -> usize {
    static OFFSET: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *OFFSET.get_or_init(|| {
        let dict = std::rc::Rc::new(PyDict::new());
        // SAFETY: an `Rc` is one pointer to its allocation.
        let start: usize = unsafe { std::mem::transmute_copy(&dict) };
        std::rc::Rc::as_ptr(&dict) as usize - start
    })
}
