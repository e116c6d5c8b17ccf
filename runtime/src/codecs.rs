//! The text encodings pvm runs natively (UTF-8, ASCII, Latin-1) with
//! CPython's error handlers (`strict`, `ignore`, `replace`,
//! `backslashreplace`, `xmlcharrefreplace` when encoding; `strict`,
//! `ignore`, `replace`, `backslashreplace` when decoding) and CPython's
//! `UnicodeEncodeError`/`UnicodeDecodeError` messages.
//!
//! Not here: other codecs (CPython's `encodings` package reaches them
//! through `_codecs`, `modules/python/_codecs.py`), handlers registered
//! with `codecs.register_error`, and `surrogateescape`/`surrogatepass`
//! (pvm's strings hold no lone surrogates): those raise `LookupError`.

use crate::exceptions::{PyErr, PyResult};
use crate::types;

/// A native codec.
#[derive(Clone, Copy, PartialEq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The codec an encoding name means, as CPython normalises names.
    pub fn named(encoding: &str) -> Option<Codec> {
        let name: String = encoding
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect();
        Some(match name.as_str() {
            "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
            "ascii" | "usascii" | "646" | "us" => Codec::Ascii,
            "latin1" | "latin" | "l1" | "iso88591" | "iso885911987" | "cp819" | "8859" => {
                Codec::Latin1
            }
            _ => return None,
        })
    }

    /// The name CPython's messages use.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x110000,
            Codec::Ascii => 0x80,
            Codec::Latin1 => 0x100,
        }
    }
}

fn unknown_handler(errors: &str) -> PyErr {
    PyErr::with_message(
        &types::LOOKUP_ERROR,
        format!("unknown error handler name '{errors}'"),
    )
}

fn escaped(c: char) -> String {
    match c as u32 {
        n if n < 0x100 => format!("\\x{n:02x}"),
        n if n < 0x10000 => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

/// `str()` of a `UnicodeEncodeError` or `UnicodeDecodeError` made from its
/// five arguments (encoding, object, start, end, reason), as CPython's.
pub fn unicode_error_message(
    encoding: &str,
    object: &crate::value::Value,
    start: i64,
    end: i64,
    reason: &str,
) -> Option<String> {
    use crate::value::Value;
    let one = end == start + 1;
    let position = match object {
        Value::Str(text) => {
            let c = text.as_str().chars().nth(usize::try_from(start).ok()?)?;
            if one {
                format!("encode character '{}' in position {start}", escaped(c))
            } else {
                format!("encode characters in position {start}-{}", end - 1)
            }
        }
        other => {
            let data = crate::bytes::buffer(other)?;
            let byte = *data.get(usize::try_from(start).ok()?)?;
            if one {
                format!("decode byte 0x{byte:02x} in position {start}")
            } else {
                format!("decode bytes in position {start}-{}", end - 1)
            }
        }
    };
    Some(format!("'{encoding}' codec can't {position}: {reason}"))
}

/// `text.encode(codec, errors)`.
pub fn encode(text: &str, codec: Codec, errors: &str) -> PyResult<Vec<u8>> {
    if codec == Codec::Utf8 {
        return Ok(text.as_bytes().to_vec());
    }
    let limit = codec.limit();
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| (chars[j] as u32) < limit)
            .unwrap_or(chars.len());
        match errors {
            "strict" => {
                let position = if end - i == 1 {
                    format!("character '{}' in position {i}", escaped(c))
                } else {
                    format!("characters in position {i}-{}", end - 1)
                };
                return Err(PyErr::with_message(
                    &types::UNICODE_ENCODE_ERROR,
                    format!(
                        "'{}' codec can't encode {position}: ordinal not in range({limit})",
                        codec.name()
                    ),
                ));
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat(b'?').take(end - i)),
            "backslashreplace" => {
                for c in &chars[i..end] {
                    out.extend(escaped(*c).bytes());
                }
            }
            "xmlcharrefreplace" => {
                for c in &chars[i..end] {
                    out.extend(format!("&#{};", *c as u32).bytes());
                }
            }
            _ => return Err(unknown_handler(errors)),
        }
        i = end;
    }
    Ok(out)
}

/// Why the bytes from `start` do not decode, and how many of them the
/// error covers (CPython's maximal-subpart rule, as Rust's decoder).
fn utf8_error(data: &[u8], start: usize) -> (&'static str, usize) {
    match std::str::from_utf8(&data[start..]) {
        Err(e) if e.valid_up_to() == 0 => match e.error_len() {
            None => ("unexpected end of data", data.len() - start),
            Some(n) => {
                let first = data[start];
                let reason = if (0x80..0xC2).contains(&first) || first >= 0xF5 {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                };
                (reason, n)
            }
        },
        _ => ("invalid start byte", 1),
    }
}

/// `data.decode(codec, errors)`.
pub fn decode(data: &[u8], codec: Codec, errors: &str) -> PyResult<String> {
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let (reason, length) = match codec {
            Codec::Latin1 => {
                out.extend(data[i..].iter().map(|b| *b as char));
                break;
            }
            Codec::Ascii => {
                let run = data[i..]
                    .iter()
                    .position(|b| *b >= 0x80)
                    .unwrap_or(data.len() - i);
                out.extend(data[i..i + run].iter().map(|b| *b as char));
                i += run;
                if i == data.len() {
                    break;
                }
                ("ordinal not in range(128)", 1)
            }
            Codec::Utf8 => match std::str::from_utf8(&data[i..]) {
                Ok(text) => {
                    out.push_str(text);
                    break;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    out.push_str(std::str::from_utf8(&data[i..i + valid]).unwrap_or_default());
                    i += valid;
                    utf8_error(data, i)
                }
            },
        };
        match errors {
            "strict" => {
                let position = if length == 1 {
                    format!("byte 0x{:02x} in position {i}", data[i])
                } else {
                    format!("bytes in position {i}-{}", i + length - 1)
                };
                return Err(PyErr::with_message(
                    &types::UNICODE_DECODE_ERROR,
                    format!("'{}' codec can't decode {position}: {reason}", codec.name()),
                ));
            }
            "ignore" => {}
            "replace" => out.push('\u{FFFD}'),
            "backslashreplace" => {
                for b in &data[i..i + length] {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            _ => return Err(unknown_handler(errors)),
        }
        i += length;
    }
    Ok(out)
}
