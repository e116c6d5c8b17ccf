//! pvm's `.pyc` format: a 16-byte header like CPython's (PEP 552) and a
//! marshal-like serialisation of a code object, with a verifier so that a
//! file from anywhere can be run without trusting it.
//!
//! Layout (all integers little-endian):
//!
//! | bytes | contents |
//! |---|---|
//! | 0..4 | magic: `b"pv"` and a 16-bit hash of the format version and the instruction table |
//! | 4..8 | flags: 0 = validated by source mtime and size; bit 0 = by source hash; bit 1 = check the hash |
//! | 8..16 | source mtime (u32 seconds) and size (u32), or the 64-bit FNV-1a hash of the source |
//! | 16.. | the module's code object |
//!
//! A code object is its scalar fields, its strings, its code units, its
//! positions (delta-free, four u32 each), its exception table and its
//! constants, each constant a one-byte tag and its payload (nested code
//! objects recursively). Reading never panics: every length is checked
//! against what is left, nesting is bounded, and `verify` checks every
//! operand against the tables it indexes before the code can run.
//!
//! This module knows bytes and code objects only; where cache files live and
//! when they are stale is the runtime's `pycache` module.

use crate::code::{CodeObject, Constant, ExceptionEntry, Position};
use crate::opcode::{CodeUnit, Opcode, Operand};
use num_bigint::{BigInt, Sign};
use std::rc::Rc;

/// Bump when the serialisation itself changes (the instruction table is
/// hashed into the magic number automatically).
const FORMAT_VERSION: u8 = 1;

/// The header's first four bytes for this build of pvm.
pub fn magic() -> [u8; 4] {
    let mut hash = fnv1a(&[FORMAT_VERSION]);
    for op in Opcode::ALL {
        hash = fnv1a_continue(hash, op.name().as_bytes());
        hash = fnv1a_continue(hash, format!("{:?}", op.operand()).as_bytes());
    }
    let folded = (hash ^ (hash >> 16) ^ (hash >> 32) ^ (hash >> 48)) as u16;
    let [lo, hi] = folded.to_le_bytes();
    [b'p', b'v', lo, hi]
}

/// The 64-bit FNV-1a hash used for hash-validated cache files.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_continue(0xcbf2_9ce4_8422_2325, bytes)
}

fn fnv1a_continue(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// How a cache file proves it matches its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validation {
    /// Source modification time (seconds) and size, as CPython does by default.
    Timestamp { mtime: u32, size: u32 },
    /// A hash of the source; `check` says whether to compare it on load.
    Hash { hash: u64, check: bool },
}

/// A parsed header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub validation: Validation,
}

pub const HEADER_LEN: usize = 16;

/// Why a cache file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PycError {
    /// Shorter than the header, or than what the header promises.
    Truncated,
    /// Not a pvm cache file, or one from a pvm with another bytecode format.
    BadMagic,
    /// Structurally invalid contents.
    Corrupt(String),
}

impl std::fmt::Display for PycError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PycError::Truncated => write!(f, "truncated"),
            PycError::BadMagic => write!(f, "bad magic number"),
            PycError::Corrupt(why) => write!(f, "corrupt ({why})"),
        }
    }
}

fn corrupt(why: impl Into<String>) -> PycError {
    PycError::Corrupt(why.into())
}

pub fn write_header(out: &mut Vec<u8>, header: &Header) {
    out.extend_from_slice(&magic());
    match header.validation {
        Validation::Timestamp { mtime, size } => {
            out.extend_from_slice(&0u32.to_le_bytes());
            out.extend_from_slice(&mtime.to_le_bytes());
            out.extend_from_slice(&size.to_le_bytes());
        }
        Validation::Hash { hash, check } => {
            let flags = 1u32 | if check { 2 } else { 0 };
            out.extend_from_slice(&flags.to_le_bytes());
            out.extend_from_slice(&hash.to_le_bytes());
        }
    }
}

pub fn read_header(bytes: &[u8]) -> Result<Header, PycError> {
    if bytes.len() < 4 {
        return Err(PycError::Truncated);
    }
    if bytes[..4] != magic() {
        return Err(PycError::BadMagic);
    }
    if bytes.len() < HEADER_LEN {
        return Err(PycError::Truncated);
    }
    let word =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let flags = word(4);
    let validation = match flags {
        0 => Validation::Timestamp {
            mtime: word(8),
            size: word(12),
        },
        1 | 3 => Validation::Hash {
            hash: u64::from_le_bytes(bytes[8..16].try_into().map_err(|_| PycError::Truncated)?),
            check: flags == 3,
        },
        other => return Err(corrupt(format!("unknown flags {other}"))),
    };
    Ok(Header { validation })
}

/// A whole cache file: header and code.
pub fn serialize(header: &Header, code: &CodeObject) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    write_header(&mut out, header);
    write_code(&mut out, code);
    out
}

/// Parses and verifies a whole cache file.
pub fn deserialize(bytes: &[u8]) -> Result<(Header, Rc<CodeObject>), PycError> {
    let header = read_header(bytes)?;
    let mut reader = Reader {
        bytes: &bytes[HEADER_LEN..],
        at: 0,
    };
    let code = reader.code(0)?;
    if reader.at != reader.bytes.len() {
        return Err(corrupt("trailing bytes"));
    }
    verify(&code)?;
    Ok((header, code))
}

// ----- writing -------------------------------------------------------------

fn u32_(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn str_(out: &mut Vec<u8>, s: &str) {
    u32_(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn strs(out: &mut Vec<u8>, items: &[Rc<str>]) {
    u32_(out, items.len() as u32);
    for s in items {
        str_(out, s);
    }
}

fn write_code(out: &mut Vec<u8>, code: &CodeObject) {
    str_(out, &code.name);
    str_(out, &code.qualname);
    str_(out, &code.filename);
    for v in [
        code.first_line,
        code.flags,
        code.arg_count,
        code.posonly_arg_count,
        code.kwonly_arg_count,
        code.max_stack,
    ] {
        u32_(out, v);
    }
    u32_(out, code.instructions.len() as u32);
    for unit in code.instructions.iter() {
        out.push(unit.op as u8);
        out.push(unit.arg);
    }
    u32_(out, code.positions.len() as u32);
    for p in code.positions.iter() {
        for v in [p.line, p.end_line, p.col, p.end_col] {
            u32_(out, v);
        }
    }
    u32_(out, code.exception_table.len() as u32);
    for e in code.exception_table.iter() {
        for v in [e.start, e.end, e.target, e.depth, e.push_lasti as u32] {
            u32_(out, v);
        }
    }
    strs(out, &code.names);
    strs(out, &code.varnames);
    strs(out, &code.cellvars);
    strs(out, &code.freevars);
    u32_(out, code.constants.len() as u32);
    for c in code.constants.iter() {
        write_constant(out, c);
    }
}

fn write_constant(out: &mut Vec<u8>, constant: &Constant) {
    match constant {
        Constant::None => out.push(b'N'),
        Constant::Bool(false) => out.push(b'F'),
        Constant::Bool(true) => out.push(b'T'),
        Constant::Int(i) => {
            out.push(b'i');
            out.extend_from_slice(&i.to_le_bytes());
        }
        Constant::BigInt(b) => {
            out.push(b'l');
            let (sign, magnitude) = b.to_bytes_le();
            out.push(matches!(sign, Sign::Minus) as u8);
            u32_(out, magnitude.len() as u32);
            out.extend_from_slice(&magnitude);
        }
        Constant::Float(f) => {
            out.push(b'g');
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Constant::Str(s) => {
            out.push(b'u');
            str_(out, s);
        }
        Constant::Bytes(b) => {
            out.push(b's');
            u32_(out, b.len() as u32);
            out.extend_from_slice(b);
        }
        Constant::Tuple(items) => {
            out.push(b'(');
            u32_(out, items.len() as u32);
            for item in items.iter() {
                write_constant(out, item);
            }
        }
        Constant::Code(code) => {
            out.push(b'c');
            write_code(out, code);
        }
        Constant::Ellipsis => out.push(b'.'),
    }
}

// ----- reading -------------------------------------------------------------

/// Nested code objects and tuples deeper than this are refused.
const MAX_DEPTH: usize = 200;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], PycError> {
        let end = self.at.checked_add(n).ok_or(PycError::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(PycError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, PycError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, PycError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, PycError> {
        let b = self.take(8)?;
        let mut word = [0u8; 8];
        word.copy_from_slice(b);
        Ok(u64::from_le_bytes(word))
    }

    /// A count of items at least `item_size` bytes each, checked against
    /// what is left so a corrupt length cannot make us allocate wildly.
    fn count(&mut self, item_size: usize) -> Result<usize, PycError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item_size.max(1)) > self.bytes.len() - self.at {
            return Err(PycError::Truncated);
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<Rc<str>, PycError> {
        let n = self.count(1)?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes)
            .map(Rc::from)
            .map_err(|_| corrupt("a string is not UTF-8"))
    }

    fn strings(&mut self) -> Result<Box<[Rc<str>]>, PycError> {
        let n = self.count(4)?;
        (0..n).map(|_| self.string()).collect()
    }

    fn code(&mut self, depth: usize) -> Result<Rc<CodeObject>, PycError> {
        if depth > MAX_DEPTH {
            return Err(corrupt("code objects nested too deeply"));
        }
        let name = self.string()?;
        let qualname = self.string()?;
        let filename = self.string()?;
        let mut scalars = [0u32; 6];
        for s in scalars.iter_mut() {
            *s = self.u32()?;
        }
        let [first_line, flags, arg_count, posonly_arg_count, kwonly_arg_count, max_stack] =
            scalars;
        let n = self.count(2)?;
        let mut instructions = Vec::with_capacity(n);
        for _ in 0..n {
            let op = Opcode::from_u8(self.u8()?).ok_or_else(|| corrupt("unknown opcode"))?;
            let arg = self.u8()?;
            instructions.push(CodeUnit { op, arg });
        }
        let n = self.count(16)?;
        let mut positions = Vec::with_capacity(n);
        for _ in 0..n {
            positions.push(Position {
                line: self.u32()?,
                end_line: self.u32()?,
                col: self.u32()?,
                end_col: self.u32()?,
            });
        }
        let n = self.count(20)?;
        let mut exception_table = Vec::with_capacity(n);
        for _ in 0..n {
            exception_table.push(ExceptionEntry {
                start: self.u32()?,
                end: self.u32()?,
                target: self.u32()?,
                depth: self.u32()?,
                push_lasti: self.u32()? != 0,
            });
        }
        let names = self.strings()?;
        let varnames = self.strings()?;
        let cellvars = self.strings()?;
        let freevars = self.strings()?;
        let n = self.count(1)?;
        let mut constants = Vec::with_capacity(n);
        for _ in 0..n {
            constants.push(self.constant(depth + 1)?);
        }
        Ok(Rc::new(CodeObject {
            name,
            qualname,
            filename,
            first_line,
            flags,
            arg_count,
            posonly_arg_count,
            kwonly_arg_count,
            instructions: instructions.into(),
            positions: positions.into(),
            constants: constants.into(),
            names,
            varnames,
            cellvars,
            freevars,
            max_stack,
            exception_table: exception_table.into(),
        }))
    }

    fn constant(&mut self, depth: usize) -> Result<Constant, PycError> {
        if depth > MAX_DEPTH {
            return Err(corrupt("constants nested too deeply"));
        }
        Ok(match self.u8()? {
            b'N' => Constant::None,
            b'F' => Constant::Bool(false),
            b'T' => Constant::Bool(true),
            b'i' => Constant::Int(self.u64()? as i64),
            b'l' => {
                let negative = self.u8()? != 0;
                let n = self.count(1)?;
                let magnitude = self.take(n)?;
                let sign = if negative { Sign::Minus } else { Sign::Plus };
                Constant::BigInt(Rc::new(BigInt::from_bytes_le(sign, magnitude)))
            }
            b'g' => Constant::Float(f64::from_bits(self.u64()?)),
            b'u' => Constant::Str(self.string()?),
            b's' => {
                let n = self.count(1)?;
                Constant::Bytes(self.take(n)?.into())
            }
            b'(' => {
                let n = self.count(1)?;
                let items = (0..n)
                    .map(|_| self.constant(depth + 1))
                    .collect::<Result<Vec<_>, _>>()?;
                Constant::Tuple(items.into())
            }
            b'c' => Constant::Code(self.code(depth + 1)?),
            b'.' => Constant::Ellipsis,
            other => return Err(corrupt(format!("unknown constant tag {other:#x}"))),
        })
    }
}

// ----- verifying -----------------------------------------------------------

/// Checks that every operand of every instruction (and every exception-table
/// entry) stays inside the tables it indexes, recursively: what the backends
/// assume of code our compiler produced.
pub fn verify(code: &CodeObject) -> Result<(), PycError> {
    let units = code.instructions.len();
    if code.positions.len() != units {
        return Err(corrupt("position table length"));
    }
    if units == 0 {
        return Err(corrupt("empty code"));
    }
    let slots = code.slot_count();
    for instruction in code.decoded() {
        let arg = instruction.arg as usize;
        let ok = match instruction.op.operand() {
            Operand::Const => arg < code.constants.len(),
            Operand::Name => arg < code.names.len(),
            Operand::Local => arg < slots,
            Operand::Jump => arg < units,
            _ => true,
        };
        if !ok {
            return Err(corrupt(format!(
                "{} operand {arg} out of range",
                instruction.op.name()
            )));
        }
    }
    // A trailing EXTENDED_ARG would decode past the end.
    if code.instructions.last().map(|u| u.op) == Some(Opcode::EXTENDED_ARG) {
        return Err(corrupt("code ends in EXTENDED_ARG"));
    }
    for entry in code.exception_table.iter() {
        if entry.start > entry.end || entry.end as usize > units || entry.target as usize >= units {
            return Err(corrupt("exception table entry out of range"));
        }
        if entry.depth > code.max_stack {
            return Err(corrupt("exception handler depth above max_stack"));
        }
    }
    if (code.arg_count + code.kwonly_arg_count) as usize > code.varnames.len() {
        return Err(corrupt("more arguments than local names"));
    }
    for instruction in code.decoded() {
        if instruction.op == Opcode::COPY_FREE_VARS
            && instruction.arg as usize != code.freevars.len()
        {
            return Err(corrupt("COPY_FREE_VARS does not match the free variables"));
        }
    }
    verify_stack(code)?;
    for nested in code.nested_code() {
        verify(nested)?;
    }
    Ok(())
}

/// Follows every path through the code (and into every handler) with the
/// operand stack's depth, as CPython's compiler computes `co_stacksize`:
/// each instruction must find the values it uses, never push past
/// `max_stack`, and be reached with one depth only.
fn verify_stack(code: &CodeObject) -> Result<(), PycError> {
    let units = code.instructions.len();
    let mut starts = vec![false; units];
    for instruction in code.decoded() {
        starts[instruction.start] = true;
    }
    let max = code.max_stack as i32;
    let mut depth_at: Vec<Option<i32>> = vec![None; units];
    let mut work: Vec<(usize, i32)> = vec![(0, 0)];
    for entry in code.exception_table.iter() {
        work.push((
            entry.target as usize,
            entry.depth as i32 + entry.push_lasti as i32 + 1,
        ));
    }
    while let Some((start, depth)) = work.pop() {
        if start >= units || !starts[start] {
            return Err(corrupt("a jump or handler lands inside an instruction"));
        }
        match depth_at[start] {
            Some(known) if known == depth => continue,
            Some(_) => return Err(corrupt("an instruction is reached with two stack depths")),
            None => depth_at[start] = Some(depth),
        }
        let instruction = code
            .decode_at(start)
            .ok_or_else(|| corrupt("undecodable instruction"))?;
        let (op, arg) = (instruction.op, instruction.arg);
        if depth < op.stack_inputs(arg) || depth > max {
            return Err(corrupt(format!(
                "stack underflow or overflow at {}",
                op.name()
            )));
        }
        let after = depth + op.stack_effect(arg);
        if after < 0 || after > max {
            return Err(corrupt(format!(
                "stack depth out of range after {}",
                op.name()
            )));
        }
        if op.operand() == Operand::Jump {
            let taken = depth + op.jump_stack_effect(arg);
            if taken < 0 || taken > max {
                return Err(corrupt(format!(
                    "stack depth out of range at {}'s target",
                    op.name()
                )));
            }
            work.push((arg as usize, taken));
        }
        let ends_flow = matches!(
            op,
            Opcode::JUMP
                | Opcode::RETURN_VALUE
                | Opcode::RAISE_VARARGS
                | Opcode::RERAISE
                | Opcode::RAISE_UNSUPPORTED
        );
        if !ends_flow && instruction.offset + 1 < units {
            work.push((instruction.offset + 1, after));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rc<CodeObject> {
        crate::compile(
            "import math\nclass A:\n    def f(self, *a, k=1, **kw):\n        return [x for x in a] + [k, 1.5, -2**70, b'x', (1, 'y'), ...]\nprint(A().f(1, 2))\n",
            "sample.py",
        )
        .expect("compiles")
    }

    #[test]
    fn a_code_object_round_trips() {
        let code = sample();
        let header = Header {
            validation: Validation::Timestamp { mtime: 7, size: 9 },
        };
        let bytes = serialize(&header, &code);
        let (read_header, read_code) = deserialize(&bytes).expect("reads back");
        assert_eq!(read_header, header);
        assert_eq!(*read_code, *code);
    }

    #[test]
    fn everything_the_compiler_makes_passes_verification() {
        for path in std::fs::read_dir("../tests/conformance")
            .expect("corpus")
            .flatten()
        {
            let path = path.path();
            if path.extension().is_some_and(|e| e == "py") {
                let source = std::fs::read_to_string(&path).expect("readable");
                if let Ok(code) = crate::compile(&source, "t.py") {
                    verify(&code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                }
            }
        }
    }

    #[test]
    fn every_truncation_and_many_corruptions_are_refused_without_panicking() {
        let code = sample();
        let header = Header {
            validation: Validation::Hash {
                hash: 42,
                check: true,
            },
        };
        let bytes = serialize(&header, &code);
        for len in 0..bytes.len() {
            assert!(deserialize(&bytes[..len]).is_err(), "length {len} accepted");
        }
        // Flip each byte in turn: the result must be an error or a code
        // object that passed verification, never a panic.
        for i in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x5a;
            let _ = deserialize(&damaged);
        }
    }
}
