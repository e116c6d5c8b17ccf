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
//! | 16..n-8 | the module's code object |
//! | n-8..n | a 64-bit checksum of the code object's bytes |
//!
//! A code object is its scalar fields, its strings, its code units, its
//! positions (the encoded table of `positions`, copied as it is and decoded
//! only when a traceback needs a line), its exception table and its
//! constants, each constant a one-byte tag and its payload (nested code
//! objects recursively). Numbers are LEB128 varints (signed ones zigzagged)
//! and a string written once is referred back to by index, like marshal's
//! references. Reading never panics: every length is checked
//! against what is left, nesting is bounded, and `verify` checks every
//! operand against the tables it indexes before the code can run.
//!
//! This module knows bytes and code objects only; where cache files live and
//! when they are stale is the runtime's `pycache` module.

use crate::code::{CodeObject, Constant, ExceptionEntry};
use crate::opcode::{CodeUnit, Opcode};
use crate::positions::PositionTable;
pub use crate::verify::verify;
use num_bigint::{BigInt, Sign};
use std::rc::Rc;

/// Bump when the serialisation itself changes (the instruction table is
/// hashed into the magic number automatically).
const FORMAT_VERSION: u8 = 2;

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

pub(crate) fn corrupt(why: impl Into<String>) -> PycError {
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

/// A whole cache file: header, code and checksum.
pub fn serialize(header: &Header, code: &CodeObject) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    write_header(&mut out, header);
    write_code(&mut out, code);
    let checksum = checksum(&out[HEADER_LEN..]);
    out.extend_from_slice(&checksum.to_le_bytes());
    out
}

/// The body's checksum: FNV-style mixing of eight bytes at a time in four
/// independent lanes (a byte-at-a-time hash would cost as much as decoding
/// the file, and one lane waits on each multiplication).
fn checksum(bytes: &[u8]) -> u64 {
    let mut lanes: [u64; 4] = [
        0xcbf2_9ce4_8422_2325,
        0x8422_2325_cbf2_9ce4,
        0x9ce4_8422_2325_cbf2,
        0x2325_cbf2_9ce4_8422,
    ];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = mix(*lane, word);
        }
    }
    let mut hash = lanes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, lane| {
        mix(hash, &lane.to_le_bytes())
    });
    let mut words = blocks.remainder().chunks_exact(8);
    for word in &mut words {
        hash = mix(hash, word);
    }
    fnv1a_continue(hash, words.remainder())
}

/// One eight-byte step of the checksum.
#[inline(always)]
fn mix(hash: u64, word: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(word);
    let hash = (hash ^ u64::from_le_bytes(bytes)).wrapping_mul(0x0000_0100_0000_01b3);
    hash ^ (hash >> 29)
}

/// Parses and verifies a whole cache file.
pub fn deserialize(bytes: &[u8]) -> Result<(Header, Rc<CodeObject>), PycError> {
    let header = read_header(bytes)?;
    if bytes.len() < HEADER_LEN + 8 {
        return Err(PycError::Truncated);
    }
    let (body, trailer) = bytes[HEADER_LEN..].split_at(bytes.len() - HEADER_LEN - 8);
    let mut stored = [0u8; 8];
    stored.copy_from_slice(trailer);
    if checksum(body) != u64::from_le_bytes(stored) {
        return Err(corrupt("checksum mismatch"));
    }
    let mut reader = Reader {
        bytes: body,
        at: 0,
        strings: Vec::new(),
    };
    let code = reader.code(0)?;
    if reader.at != reader.bytes.len() {
        return Err(corrupt("trailing bytes"));
    }
    verify(&code)?;
    Ok((header, code))
}

// ----- writing -------------------------------------------------------------

/// Serialisation state: strings already written get a back-reference (as
/// marshal's `FLAG_REF`), so names and the filename are stored once.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    strings: std::collections::HashMap<Rc<str>, u32>,
    /// For `layout` (when `recording`): where each field of the outermost
    /// code object ends, what it is and its value.
    marks: Vec<(usize, &'static str, String)>,
    recording: bool,
    /// Code objects being written (nested ones are constants).
    depth: usize,
}

impl Writer {
    /// LEB128: seven bits per byte, high bit set while more follow.
    fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn signed(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }

    fn string(&mut self, s: &Rc<str>) {
        if let Some(&index) = self.strings.get(s) {
            self.varint(((index as u64) << 1) | 1);
            return;
        }
        let index = self.strings.len() as u32;
        self.strings.insert(s.clone(), index);
        self.varint((s.len() as u64) << 1);
        self.out.extend_from_slice(s.as_bytes());
    }

    fn strings(&mut self, items: &[Rc<str>]) {
        self.varint(items.len() as u64);
        for s in items {
            self.string(s);
        }
    }

    /// Notes that the outermost code object's field `what` ends here.
    fn mark(&mut self, what: &'static str, value: impl FnOnce() -> String) {
        if self.recording && self.depth == 1 {
            self.marks.push((self.out.len(), what, value()));
        }
    }

    fn code(&mut self, code: &CodeObject) {
        self.depth += 1;
        self.string(&code.name);
        self.mark("name", || format!("{:?}", &*code.name));
        self.string(&code.qualname);
        self.mark("qualified name", || format!("{:?}", &*code.qualname));
        self.string(&code.filename);
        self.mark("file name", || format!("{:?}", &*code.filename));
        for (v, what) in [
            (code.first_line, "first line"),
            (code.flags, "flags (co_flags)"),
            (code.arg_count, "argument count"),
            (code.posonly_arg_count, "positional-only argument count"),
            (code.kwonly_arg_count, "keyword-only argument count"),
            (code.max_stack, "max stack depth"),
        ] {
            self.varint(v as u64);
            self.mark(what, || v.to_string());
        }
        self.varint(code.instructions.len() as u64);
        self.mark("number of code units", || {
            code.instructions.len().to_string()
        });
        for unit in code.instructions.iter() {
            self.out.push(unit.op as u8);
            self.out.push(unit.arg);
        }
        self.mark("code units: (opcode, argument) byte pairs", || {
            let first: Vec<String> = code
                .instructions
                .iter()
                .take(3)
                .map(|unit| format!("{} {}", unit.op.name(), unit.arg))
                .collect();
            format!("{}, ...", first.join(", "))
        });
        // Positions are stored as the code object keeps them (see
        // `positions`), behind their length, so loading is a copy.
        let positions = code.positions.as_bytes();
        self.varint(positions.len() as u64);
        self.out.extend_from_slice(positions);
        self.mark("positions table (line and column of each unit)", || {
            format!("{} bytes", positions.len())
        });
        self.varint(code.exception_table.len() as u64);
        for e in code.exception_table.iter() {
            for v in [e.start, e.end, e.target, e.depth, e.push_lasti as u32] {
                self.varint(v as u64);
            }
        }
        self.mark("exception table", || {
            format!("{} entries", code.exception_table.len())
        });
        self.strings(&code.names);
        self.mark("names (globals and attributes)", || {
            format!("{:?}", code.names)
        });
        self.strings(&code.varnames);
        self.mark("local variable names", || format!("{:?}", code.varnames));
        self.strings(&code.cellvars);
        self.mark("cell variable names", || format!("{:?}", code.cellvars));
        self.strings(&code.freevars);
        self.mark("free variable names", || format!("{:?}", code.freevars));
        self.varint(code.constants.len() as u64);
        for c in code.constants.iter() {
            self.constant(c);
        }
        self.mark("constants (nested code objects among them)", || {
            format!("{} constants", code.constants.len())
        });
        self.depth -= 1;
    }

    fn constant(&mut self, constant: &Constant) {
        match constant {
            Constant::None => self.out.push(b'N'),
            Constant::Bool(false) => self.out.push(b'F'),
            Constant::Bool(true) => self.out.push(b'T'),
            Constant::Int(i) => {
                self.out.push(b'i');
                self.signed(*i);
            }
            Constant::BigInt(b) => {
                self.out.push(b'l');
                let (sign, magnitude) = b.to_bytes_le();
                self.out.push(matches!(sign, Sign::Minus) as u8);
                self.varint(magnitude.len() as u64);
                self.out.extend_from_slice(&magnitude);
            }
            Constant::Float(f) => {
                self.out.push(b'g');
                self.out.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Constant::Complex(real, imag) => {
                self.out.push(b'y');
                self.out.extend_from_slice(&real.to_bits().to_le_bytes());
                self.out.extend_from_slice(&imag.to_bits().to_le_bytes());
            }
            Constant::Str(s) => {
                self.out.push(b'u');
                self.string(s);
            }
            Constant::Bytes(b) => {
                self.out.push(b's');
                self.varint(b.len() as u64);
                self.out.extend_from_slice(b);
            }
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                self.out.push(if matches!(constant, Constant::Tuple(_)) {
                    b'('
                } else {
                    b'>'
                });
                self.varint(items.len() as u64);
                for item in items.iter() {
                    self.constant(item);
                }
            }
            Constant::Code(code) => {
                self.out.push(b'c');
                self.code(code);
            }
            Constant::Ellipsis => self.out.push(b'.'),
        }
    }
}

fn write_code(out: &mut Vec<u8>, code: &CodeObject) {
    let mut writer = Writer {
        out: std::mem::take(out),
        ..Writer::default()
    };
    writer.code(code);
    *out = writer.out;
}

/// What each byte range of a cache file's body holds: the fields of the
/// module's code object, in order, with offsets into the whole file
/// (`serialize`'s output), for `pvm explain`.
pub fn layout(code: &CodeObject) -> Vec<Part> {
    let mut writer = Writer {
        recording: true,
        ..Writer::default()
    };
    writer.code(code);
    let mut start = HEADER_LEN;
    let mut parts = Vec::new();
    for (end, what, value) in writer.marks {
        parts.push(Part {
            start,
            end: HEADER_LEN + end,
            what,
            value,
        });
        start = HEADER_LEN + end;
    }
    let checksum = checksum(&writer.out);
    parts.push(Part {
        start,
        end: start + 8,
        what: "checksum of the body",
        value: format!("0x{checksum:016x}"),
    });
    parts
}

/// One field of a cache file, for `layout`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Byte offsets in the whole file.
    pub start: usize,
    pub end: usize,
    pub what: &'static str,
    /// The value stored there, as `pvm explain` shows it.
    pub value: String,
}

// ----- reading -------------------------------------------------------------

/// Nested code objects and tuples deeper than this are refused.
const MAX_DEPTH: usize = 200;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    strings: Vec<Rc<str>>,
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

    #[inline]
    fn varint(&mut self) -> Result<u64, PycError> {
        // Most numbers fit in one byte.
        if let Some(&byte) = self.bytes.get(self.at) {
            if byte & 0x80 == 0 {
                self.at += 1;
                return Ok(byte as u64);
            }
        }
        self.varint_long()
    }

    fn varint_long(&mut self) -> Result<u64, PycError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= ((byte & 0x7f) as u64) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(corrupt("varint too long"))
    }

    #[inline]
    fn signed(&mut self) -> Result<i64, PycError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    fn u32(&mut self) -> Result<u32, PycError> {
        u32::try_from(self.varint()?).map_err(|_| corrupt("number out of range"))
    }

    /// A count of items at least `item_size` bytes each, checked against
    /// what is left so a corrupt length cannot make us allocate wildly.
    fn count(&mut self, item_size: usize) -> Result<usize, PycError> {
        let n = self.varint()? as usize;
        if n.saturating_mul(item_size.max(1)) > self.bytes.len() - self.at {
            return Err(PycError::Truncated);
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<Rc<str>, PycError> {
        let tag = self.varint()?;
        let n = (tag >> 1) as usize;
        if tag & 1 == 1 {
            return self
                .strings
                .get(n)
                .cloned()
                .ok_or_else(|| corrupt("bad string reference"));
        }
        if n > self.bytes.len() - self.at {
            return Err(PycError::Truncated);
        }
        let bytes = self.take(n)?;
        let text: Rc<str> = std::str::from_utf8(bytes)
            .map(Rc::from)
            .map_err(|_| corrupt("a string is not UTF-8"))?;
        self.strings.push(text.clone());
        Ok(text)
    }

    fn strings(&mut self) -> Result<Box<[Rc<str>]>, PycError> {
        let n = self.count(1)?;
        // Sized exactly up front: `collect` over a fallible iterator would
        // grow by doubling and then shrink, reallocating twice.
        let mut strings = Vec::with_capacity(n);
        for _ in 0..n {
            strings.push(self.string()?);
        }
        Ok(strings.into_boxed_slice())
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
        let raw = self.take(2 * n)?;
        // Check every opcode byte first (a loop without branches), then
        // convert by table lookup.
        if raw
            .chunks_exact(2)
            .any(|pair| pair[0] as usize >= Opcode::ALL.len())
        {
            return Err(corrupt("unknown opcode"));
        }
        let mut instructions: Vec<CodeUnit> = Vec::with_capacity(n);
        // SAFETY: `CodeUnit` is `repr(C)`: an `Opcode` byte then a `u8`.
        // Every opcode byte was just checked to be below `Opcode::ALL.len()`,
        // and `Opcode` is `repr(u8)` with exactly the discriminants
        // `0..ALL.len()` (`opcode::tests::every_byte_round_trips`), so each
        // pair of bytes is a valid `CodeUnit`.
        unsafe {
            std::ptr::copy_nonoverlapping(
                raw.as_ptr(),
                instructions.as_mut_ptr().cast::<u8>(),
                2 * n,
            );
            instructions.set_len(n);
        }
        let n = self.count(1)?;
        let positions = PositionTable::from_encoded(first_line, self.take(n)?);
        let n = self.count(5)?;
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
            positions,
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
            b'i' => Constant::Int(self.signed()?),
            b'l' => {
                let negative = self.u8()? != 0;
                let n = self.count(1)?;
                let magnitude = self.take(n)?;
                let sign = if negative { Sign::Minus } else { Sign::Plus };
                Constant::BigInt(Rc::new(BigInt::from_bytes_le(sign, magnitude)))
            }
            b'g' => {
                let b = self.take(8)?;
                let mut word = [0u8; 8];
                word.copy_from_slice(b);
                Constant::Float(f64::from_bits(u64::from_le_bytes(word)))
            }
            b'y' => {
                let mut part = || -> Result<f64, PycError> {
                    let mut word = [0u8; 8];
                    word.copy_from_slice(self.take(8)?);
                    Ok(f64::from_bits(u64::from_le_bytes(word)))
                };
                let real = part()?;
                Constant::Complex(real, part()?)
            }
            b'u' => Constant::Str(self.string()?),
            b's' => {
                let n = self.count(1)?;
                Constant::Bytes(self.take(n)?.into())
            }
            tag @ (b'(' | b'>') => {
                let n = self.count(1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.constant(depth + 1)?);
                }
                if tag == b'(' {
                    Constant::Tuple(items.into())
                } else {
                    Constant::FrozenSet(items.into())
                }
            }
            b'c' => Constant::Code(self.code(depth + 1)?),
            b'.' => Constant::Ellipsis,
            other => return Err(corrupt(format!("unknown constant tag {other:#x}"))),
        })
    }
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

    /// Including `max_stack`, which must be exactly the verifier's deepest
    /// stack, and handler depths: a cache file the compiler writes is never
    /// refused. CPython's own library, where installed, is a larger and
    /// more varied corpus (it found generator lambdas and exits from `try`
    /// bodies the verifier refused).
    #[test]
    fn everything_the_compiler_makes_passes_verification() {
        let mut paths = Vec::new();
        let mut folders: Vec<std::path::PathBuf> =
            ["../tests/conformance", "../tests/dis", "../bench-suite"]
                .iter()
                .map(Into::into)
                .collect();
        folders.push("/usr/lib/python3.11".into());
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = entry.path();
                let skipped = path.ends_with("site-packages") || path.ends_with("test");
                if path.is_dir() && !skipped {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "py") {
                    paths.push(path);
                }
            }
        }
        assert!(paths.len() > 100, "the corpus is missing");
        for path in paths {
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            if let Ok(code) = crate::compile(&source, "t.py") {
                verify(&code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
        }
    }

    /// Code no compiler of ours writes: a backward jump to code the
    /// one-pass check has not reached sends it to the work list, which still
    /// finds the underflow behind it.
    #[test]
    fn a_backward_jump_into_unreached_code_is_still_checked() {
        let forged = |op_at_1: Opcode| {
            let mut code = (*crate::compile("pass\n", "f.py").expect("compiles")).clone();
            let unit = |op, arg| CodeUnit { op, arg };
            code.instructions = vec![
                unit(Opcode::JUMP, 3),
                unit(op_at_1, 0),
                unit(Opcode::RETURN_VALUE, 0),
                unit(Opcode::JUMP, 1),
            ]
            .into();
            code.exception_table = Box::new([]);
            code.max_stack = 1;
            code
        };
        assert!(verify(&forged(Opcode::LOAD_CONST)).is_ok());
        let error = verify(&forged(Opcode::POP_TOP)).expect_err("underflow found");
        assert!(error.to_string().contains("POP_TOP"), "{error}");
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
        // Flip each byte in turn: the magic number or the checksum refuses
        // it (the validation fields are compared with the source by the
        // cache policy instead).
        for i in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x5a;
            let refused = deserialize(&damaged).is_err();
            assert!(
                refused || (4..HEADER_LEN).contains(&i),
                "byte {i} flipped and accepted"
            );
        }
        // Damage that comes with a matching checksum (a file made to look
        // right) must still be refused or verified, never panic.
        let body_end = bytes.len() - 8;
        for i in HEADER_LEN..body_end {
            for flip in [0x01u8, 0x5a, 0xff] {
                let mut damaged = bytes[..body_end].to_vec();
                damaged[i] ^= flip;
                let sum = checksum(&damaged[HEADER_LEN..]);
                damaged.extend_from_slice(&sum.to_le_bytes());
                let _ = deserialize(&damaged);
            }
        }
    }
}
