//! Protected regions: the exception-table ranges of `try` bodies, `except`
//! and `finally` handlers and `with` bodies, with holes where code leaves
//! the block (CPython's `POP_BLOCK`).
//!
//! While `break`, `continue` or `return` runs a block's exit code (leave an
//! `except` body, call `__exit__`, run a `finally` body) and jumps out, the
//! block's region is closed, so an exception raised there is not caught by
//! the block it is leaving, and every instruction a region covers runs with
//! at least the stack depth its handler unwinds to (which the verifier
//! checks). This module only records ranges; what the blocks emit is
//! `control.rs`'s.

use super::Compiler;
use crate::assemble::Label;

/// One protected region of the unit being compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Region(usize);

/// A region's handler, the depth it unwinds to, and where its current
/// segment started (`None` while it is closed).
pub(super) struct RegionState {
    handler: Label,
    depth: u32,
    open_since: Option<Label>,
}

impl Compiler<'_> {
    /// Protects the code emitted from here on: an exception in it unwinds
    /// the operand stack to `depth` and jumps to `handler`.
    pub(super) fn open_region(&mut self, handler: Label, depth: u32) -> Region {
        let start = self.new_label();
        self.bind(start);
        let regions = &mut self.unit().regions;
        regions.push(RegionState {
            handler,
            depth,
            open_since: Some(start),
        });
        Region(regions.len() - 1)
    }

    /// Stops protecting here: the segment since the region was (re)opened
    /// becomes an exception-table entry. Inner regions close first (they
    /// end first, or are left first), so entries stay inner before outer.
    pub(super) fn close_region(&mut self, region: Region) {
        let Some(start) = self.unit().regions[region.0].open_since.take() else {
            return;
        };
        let end = self.new_label();
        self.bind(end);
        let state = &self.unit().regions[region.0];
        let (handler, depth) = (state.handler, state.depth);
        self.unit().asm.add_handler(start, end, handler, depth);
    }

    /// Protects again from here (after the jump that left the block).
    pub(super) fn reopen_region(&mut self, region: Region) {
        if self.unit().regions[region.0].open_since.is_none() {
            let start = self.new_label();
            self.bind(start);
            self.unit().regions[region.0].open_since = Some(start);
        }
    }
}
