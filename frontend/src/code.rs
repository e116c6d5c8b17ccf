//! Code objects: the unit of compiled bytecode shared by every backend.
//!
//! A `CodeObject` holds wordcode, its constants pool, names, a position table
//! (one source range per code unit, like CPython 3.11's `co_positions`) and an
//! exception table (zero-cost handlers, like CPython 3.11). It knows nothing
//! about run-time values: constants are plain data that the runtime turns into
//! objects once per code object.

use crate::opcode::{CodeUnit, Opcode};
use crate::positions::PositionTable;
use num_bigint::BigInt;
use std::rc::Rc;

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    /// A complex number: real and imaginary parts (`2j` is `Complex(0.0, 2.0)`).
    Complex(f64, f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Constant]>),
    /// A frozenset of constants, in source order (duplicates included): the
    /// runtime builds it as CPython's compiler does, which decides its order.
    FrozenSet(Rc<[Constant]>),
    Code(Rc<CodeObject>),
    Ellipsis,
}

/// Where an instruction came from: 1-based lines, 0-based UTF-8 byte columns
/// (CPython's convention for `co_positions`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One entry of the exception table: an exception raised by an instruction in
/// `start..end` unwinds the value stack to `depth` items and jumps to `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    /// Whether the offset of the raising instruction is pushed before the exception.
    pub push_lasti: bool,
}

/// Flags describing the kind of code object (values as in CPython's `co_flags`).
pub mod flags {
    pub const OPTIMIZED: u32 = 0x1;
    pub const NEWLOCALS: u32 = 0x2;
    pub const VARARGS: u32 = 0x4;
    pub const VARKEYWORDS: u32 = 0x8;
    pub const NESTED: u32 = 0x10;
    pub const GENERATOR: u32 = 0x20;
    pub const COROUTINE: u32 = 0x80;
    pub const ASYNC_GENERATOR: u32 = 0x200;
    /// The function has a docstring, and it is `constants[0]` (CPython
    /// 3.14's `CO_HAS_DOCSTRING`; 3.11 makes the first constant `None`
    /// instead when there is none).
    pub const HAS_DOCSTRING: u32 = 0x4000000;
    /// pvm's own: no parameter and no return annotation (pvm does not yet
    /// build a function's `__annotations__`, but knows when it is `{}`).
    pub const NO_ANNOTATIONS: u32 = 0x8000000;
}

/// A compiled function, module or class body.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub first_line: u32,
    pub flags: u32,
    pub arg_count: u32,
    pub posonly_arg_count: u32,
    pub kwonly_arg_count: u32,
    pub instructions: Box<[CodeUnit]>,
    pub positions: PositionTable,
    pub constants: Box<[Constant]>,
    pub names: Box<[Rc<str>]>,
    /// Fast locals; the parameters come first.
    pub varnames: Box<[Rc<str>]>,
    /// Locals captured by inner functions.
    pub cellvars: Box<[Rc<str>]>,
    /// Variables captured from enclosing functions.
    pub freevars: Box<[Rc<str>]>,
    pub max_stack: u32,
    pub exception_table: Box<[ExceptionEntry]>,
}

/// A decoded instruction: `EXTENDED_ARG` prefixes folded into `arg`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Index of the first code unit (the first `EXTENDED_ARG`, if any).
    pub start: usize,
    /// Index of the code unit holding the opcode.
    pub offset: usize,
    pub op: Opcode,
    pub arg: u32,
}

impl CodeObject {
    /// How many of the first locals are parameters: the positional and
    /// keyword-only ones, then `*args` and `**kwargs` when flagged. In
    /// `u64`, so that no forged count can overflow the sum.
    pub fn parameter_count(&self) -> u64 {
        let flagged = |flag: u32| u64::from(self.flags & flag != 0);
        self.arg_count as u64
            + self.kwonly_arg_count as u64
            + flagged(flags::VARARGS)
            + flagged(flags::VARKEYWORDS)
    }

    /// Decodes the instruction whose first code unit is at `start`.
    pub fn decode_at(&self, start: usize) -> Option<Instruction> {
        let mut arg = 0u32;
        let mut offset = start;
        loop {
            let unit = self.instructions.get(offset)?;
            arg = (arg << 8) | unit.arg as u32;
            if unit.op != Opcode::EXTENDED_ARG {
                return Some(Instruction {
                    start,
                    offset,
                    op: unit.op,
                    arg,
                });
            }
            offset += 1;
        }
    }

    /// Every instruction in order, with extended arguments folded.
    pub fn decoded(&self) -> impl Iterator<Item = Instruction> + '_ {
        let mut next = 0;
        std::iter::from_fn(move || {
            let instruction = self.decode_at(next)?;
            next = instruction.offset + 1;
            Some(instruction)
        })
    }

    /// The source line of every code unit, decoding the position table once
    /// (for walks over all instructions; `line_at` decodes up to one unit).
    pub fn lines(&self) -> Vec<u32> {
        let mut lines: Vec<u32> = self.positions.iter().map(|p| p.line).collect();
        lines.resize(self.instructions.len(), self.first_line);
        lines
    }

    /// The source line of the code unit at `offset`.
    pub fn line_at(&self, offset: usize) -> u32 {
        self.positions
            .get(offset)
            .map(|p| p.line)
            .unwrap_or(self.first_line)
    }

    /// The names of all local slots: fast locals, then the cells that are
    /// not parameters, then the free variables (CPython's "localsplus").
    pub fn slot_names(&self) -> impl Iterator<Item = &Rc<str>> {
        let cells = self.cellvars.iter().filter(|c| !self.varnames.contains(c));
        self.varnames
            .iter()
            .chain(cells)
            .chain(self.freevars.iter())
    }

    /// How many local slots a frame of this code needs.
    pub fn slot_count(&self) -> usize {
        self.slot_names().count()
    }

    /// Nested code objects, in constant-pool order.
    pub fn nested_code(&self) -> impl Iterator<Item = &Rc<CodeObject>> {
        self.constants.iter().filter_map(|c| match c {
            Constant::Code(code) => Some(code),
            _ => None,
        })
    }
}
