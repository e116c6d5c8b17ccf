//! The position table of a code object, kept in its compact encoded form
//! (like CPython's `co_linetable`) and decoded only when a traceback or the
//! disassembler asks for a position.
//!
//! Each code unit's position is four LEB128 varints: the line as a zigzagged
//! change from the previous unit's line, the end line as a change from the
//! line, the column, and the end column as a change from the column. The
//! `.pyc` writer stores these bytes as they are and the loader copies them,
//! which is most of why loading a cache file is cheap. Decoding never panics:
//! bytes that end early or overflow give no position, never garbage indices.
//! This module does not know where positions come from (the assembler).

use crate::code::Position;

/// Encoded positions, one entry per code unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PositionTable {
    first_line: u32,
    bytes: Box<[u8]>,
}

impl PositionTable {
    /// Encodes one position per code unit; lines are relative to `first_line`.
    pub fn encode(first_line: u32, positions: &[Position]) -> PositionTable {
        let mut bytes = Vec::with_capacity(positions.len() * 4);
        let mut line = first_line as i64;
        for p in positions {
            push_signed(&mut bytes, p.line as i64 - line);
            line = p.line as i64;
            push_signed(&mut bytes, p.end_line as i64 - p.line as i64);
            push_varint(&mut bytes, p.col as u64);
            push_signed(&mut bytes, p.end_col as i64 - p.col as i64);
        }
        PositionTable {
            first_line,
            bytes: bytes.into(),
        }
    }

    /// A table from bytes written by `as_bytes` (read from a cache file);
    /// nothing is decoded or checked until a position is asked for.
    pub fn from_encoded(first_line: u32, bytes: &[u8]) -> PositionTable {
        PositionTable {
            first_line,
            bytes: bytes.into(),
        }
    }

    /// The encoded bytes, as a cache file stores them.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Every position in order, until the bytes end (or stop making sense).
    pub fn iter(&self) -> impl Iterator<Item = Position> + '_ {
        let mut decoder = Decoder {
            bytes: &self.bytes,
            at: 0,
            line: self.first_line as i64,
        };
        std::iter::from_fn(move || decoder.next_position())
    }

    /// The position of the code unit at `offset`, if the table has one.
    pub fn get(&self, offset: usize) -> Option<Position> {
        self.iter().nth(offset)
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn push_signed(out: &mut Vec<u8>, v: i64) {
    push_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
    line: i64,
}

impl Decoder<'_> {
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            value |= ((byte & 0x7f) as u64) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn signed(&mut self) -> Option<i64> {
        let v = self.varint()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    fn next_position(&mut self) -> Option<Position> {
        let line = self.line.checked_add(self.signed()?)?;
        self.line = line;
        let end_line = line.checked_add(self.signed()?)?;
        let col = self.varint()?;
        let end_col = (col as i64).checked_add(self.signed()?)?;
        Some(Position {
            line: u32::try_from(line).ok()?,
            end_line: u32::try_from(end_line).ok()?,
            col: u32::try_from(col).ok()?,
            end_col: u32::try_from(end_col).ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, col: u32) -> Position {
        Position {
            line,
            end_line: line + 1,
            col,
            end_col: col + 7,
        }
    }

    #[test]
    fn positions_round_trip_and_are_found_by_offset() {
        let positions = vec![at(3, 0), at(3, 4), at(10, 300), at(2, 1), at(0, 0)];
        let table = PositionTable::encode(3, &positions);
        assert_eq!(table.iter().collect::<Vec<_>>(), positions);
        assert_eq!(table.get(2), Some(at(10, 300)));
        assert_eq!(table.get(5), None);
    }

    #[test]
    fn garbage_bytes_give_no_position_rather_than_a_panic() {
        for bytes in [&[0xff_u8; 20][..], &[0x80, 0x80], &[3, 0x7f, 0x7f, 0x7f]] {
            let table = PositionTable::from_encoded(0, bytes);
            assert!(table.iter().count() <= 1);
        }
    }
}
