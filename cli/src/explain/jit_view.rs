//! The JIT stage's main listing: each bytecode instruction of a compiled
//! function followed by the Cranelift IR and the machine code made from
//! it, read from the JIT's own `--jit-dump` listing (which labels every IR
//! instruction with its bytecode offset as `@XXXX` and every machine-code
//! range with `; bytecode N`).
//!
//! It only regroups that listing's lines by offset; it compiles and
//! disassembles nothing.

use super::{Block, Line};
use std::collections::BTreeMap;

/// The parts of one dump that belong to each bytecode offset.
#[derive(Default)]
struct ByOffset {
    /// (offset, the instruction as the dump lists it).
    bytecode: Vec<(u32, String)>,
    clif: BTreeMap<u32, Vec<String>>,
    machine: BTreeMap<u32, Vec<String>>,
    /// Machine code that belongs to no instruction: the entry (prologue
    /// and the jump table to each instruction) and the shared exits.
    entry_and_exits: Vec<String>,
}

fn parse(listing: &str) -> ByOffset {
    let mut parts = ByOffset::default();
    let mut section = "";
    let mut current: Option<u32> = None;
    for line in listing.lines() {
        if let Some(title) = line.strip_prefix("--- ") {
            section = if title.starts_with("bytecode") {
                "bytecode"
            } else if title.starts_with("Cranelift IR as built") {
                "clif"
            } else if title.starts_with("machine code") {
                "machine"
            } else {
                "other"
            };
            continue;
        }
        match section {
            "bytecode" => {
                let mut fields = line.split_whitespace();
                let offset = fields.next().and_then(|f| f.parse().ok());
                let _height = fields.next();
                let text: Vec<&str> = fields.collect();
                if let Some(offset) = offset {
                    parts.bytecode.push((offset, text.join(" ")));
                }
            }
            "clif" => {
                let Some(rest) = line.strip_prefix('@') else {
                    continue;
                };
                let (hex, instruction) = rest.split_at(rest.len().min(4));
                if let Ok(offset) = u32::from_str_radix(hex, 16) {
                    parts
                        .clif
                        .entry(offset)
                        .or_default()
                        .push(instruction.trim().to_string());
                }
            }
            "machine" => {
                let trimmed = line.trim();
                if let Some(label) = trimmed.strip_prefix("; bytecode ") {
                    current = label.split_whitespace().next().and_then(|n| n.parse().ok());
                } else if trimmed.starts_with("; entry and exits") {
                    current = None;
                } else if !trimmed.is_empty() {
                    match current {
                        Some(offset) => parts
                            .machine
                            .entry(offset)
                            .or_default()
                            .push(trimmed.to_string()),
                        None => parts.entry_and_exits.push(trimmed.to_string()),
                    }
                }
            }
            _ => {}
        }
    }
    parts
}

/// The interleaved listing of one `--jit-dump` listing.
pub fn interleaved(listing: &str) -> Vec<Block> {
    let parts = parse(listing);
    if parts.bytecode.is_empty() {
        return vec![Block::Text(
            "The JIT's listing of this function could not be read.".into(),
        )];
    }
    let mut lines = Vec::new();
    for (offset, instruction) in &parts.bytecode {
        let clif = parts.clif.get(offset).map_or(&[][..], Vec::as_slice);
        let machine = parts.machine.get(offset).map_or(&[][..], Vec::as_slice);
        let branches = clif.iter().filter(|l| l.contains("brif ")).count();
        lines.push(Line::source(format!(
            "{offset:>4} {instruction}   (IR: {}, machine code: {}, conditional branches: {branches})",
            clif.len(),
            machine.len()
        )));
        for ir in clif {
            lines.push(Line::plain(format!("       clif  {ir}")));
        }
        for instruction in machine {
            lines.push(Line::note(format!("       asm   {instruction}")));
        }
    }
    vec![
        Block::Text(
            "Each bytecode instruction (highlighted), then the Cranelift IR pvm built for it \
             and the machine code Cranelift made of that, with its address in the function. \
             A conditional branch is a guard (is this value an int? did the add overflow?) \
             or a loop or reference-count test; a guard that fails goes to the slow path, \
             which calls the opcode's helper."
                .into(),
        ),
        Block::Code(lines),
        Block::Text(format!(
            "Machine instructions that belong to no single bytecode instruction: {}. They \
             are the entry, which jumps through a table to whichever instruction the frame \
             resumes at, and the exits back to the interpreter's driver.",
            parts.entry_and_exits.len()
        )),
    ]
}
