//! The search methods that take optional `start, end` bounds: `find`,
//! `rfind`, `index`, `rindex`, `count`, `startswith` and `endswith` of
//! `str` and `bytes`, and `index` and `count` of `list` and `tuple`, with
//! CPython's clamping of the bounds (`ADJUST_INDICES`) and its messages.
//!
//! A `str` is searched as UTF-8 bytes (a valid needle only matches at
//! character boundaries) and positions are converted to and from
//! characters at the edges. The other methods of these types live with
//! them (`methods.rs`, `strings.rs`, `bytes.rs`).

use crate::call;
use crate::exceptions::{type_error, value_error, PyResult};
use crate::value::{PyStr, Value};
use crate::Interp;
use std::rc::Rc;

// ----- bounds ----------------------------------------------------------------

/// One `start` or `end` argument: `None` (or absent) is no bound; an int
/// too large for an index is clamped, as `_PyEval_SliceIndex` does.
fn bound(value: Option<&Value>, none_allowed: bool) -> PyResult<Option<i64>> {
    match value {
        None => Ok(None),
        Some(Value::None) if none_allowed => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(Value::Bool(b)) => Ok(Some(*b as i64)),
        Some(Value::BigInt(b)) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        })),
        Some(_) => Err(type_error(if none_allowed {
            "slice indices must be integers or None or have an __index__ method"
        } else {
            "slice indices must be integers or have an __index__ method"
        })),
    }
}

/// CPython's `ADJUST_INDICES`: `end` clamped to `0..=len`, `start` to
/// `0..` (a `start` past `len` stays there, and finds nothing).
fn adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let clamp = |v: i64| {
        if v < 0 {
            (v.saturating_add(len)).max(0)
        } else {
            v
        }
    };
    let end = clamp(end.unwrap_or(len)).min(len);
    let start = clamp(start.unwrap_or(0));
    (start as usize, end as usize)
}

/// The `start, end` at `args[2..4]` of a method called as `name`.
fn bounds(args: &[Value], name: &str, len: usize) -> PyResult<(usize, usize)> {
    if args.len() > 4 {
        return Err(type_error(format!(
            "{name}() takes at most 3 arguments ({} given)",
            args.len() - 1
        )));
    }
    Ok(adjust(
        bound(args.get(2), true)?,
        bound(args.get(3), true)?,
        len,
    ))
}

// ----- str and bytes ---------------------------------------------------------

/// A receiver or needle: its bytes, and for a `str` its text, whose
/// positions are characters.
#[derive(Clone, Copy)]
struct Text<'a> {
    bytes: &'a [u8],
    text: Option<&'a PyStr>,
}

impl<'a> Text<'a> {
    fn of(value: &'a Value) -> Option<Text<'a>> {
        match value {
            Value::Str(s) => Some(Text {
                bytes: s.as_str().as_bytes(),
                text: Some(s),
            }),
            Value::Bytes(b) => Some(Text {
                bytes: &b.data,
                text: None,
            }),
            _ => None,
        }
    }

    fn len(self) -> usize {
        match self.text {
            Some(s) => s.char_len(),
            None => self.bytes.len(),
        }
    }

    /// The byte offset of position `at` (`at <= len`).
    fn byte(self, at: usize) -> usize {
        match self.text {
            Some(s) if !s.is_ascii() => s
                .as_str()
                .char_indices()
                .nth(at)
                .map_or(self.bytes.len(), |(byte, _)| byte),
            _ => at,
        }
    }

    /// The position of byte offset `byte` of the slice starting at `from`.
    fn position(self, from: usize, byte: usize) -> usize {
        match self.text {
            Some(s) if !s.is_ascii() => s.as_str()[from..from + byte].chars().count(),
            _ => byte,
        }
    }

    fn type_name(self) -> &'static str {
        if self.text.is_some() {
            "str"
        } else {
            "bytes"
        }
    }
}

/// What `find`, `count`, `index` (and their right-hand forms) look for.
enum Needle<'a> {
    /// A str, with its length in characters.
    Str(&'a str, usize),
    Bytes(&'a [u8]),
    /// A byte given as an int (`b"abc".find(98)`).
    Byte([u8; 1]),
}

impl Needle<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Needle::Str(s, _) => s.as_bytes(),
            Needle::Bytes(b) => b,
            Needle::Byte(b) => b,
        }
    }

    /// Its length in the receiver's positions.
    fn len(&self) -> usize {
        match self {
            Needle::Str(_, chars) => *chars,
            other => other.bytes().len(),
        }
    }
}

/// The needle at `args[1]` for `receiver`: a str for a str, bytes or a
/// byte value for bytes.
fn needle<'a>(args: &'a [Value], name: &str, receiver: Text) -> PyResult<Needle<'a>> {
    let Some(arg) = args.get(1) else {
        return Err(type_error(format!(
            "{name}() takes at least 1 argument (0 given)"
        )));
    };
    match (receiver.text, arg) {
        (Some(_), Value::Str(s)) => Ok(Needle::Str(s.as_str(), s.char_len())),
        (Some(_), other) => Err(type_error(format!(
            "must be str, not {}",
            other.type_name()
        ))),
        (None, Value::Bytes(b)) => Ok(Needle::Bytes(&b.data)),
        (None, Value::Int(i)) => match u8::try_from(*i) {
            Ok(byte) => Ok(Needle::Byte([byte])),
            Err(_) => Err(value_error("byte must be in range(0, 256)")),
        },
        (None, other) => Err(type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            other.type_name()
        ))),
    }
}

/// Where `needle` first (or last) starts in bytes `lo..hi` of `text`, as
/// a byte offset from `lo`: a str is searched as text (Rust's substring
/// search), bytes byte by byte.
fn locate(text: Text, (lo, hi): (usize, usize), needle: &Needle, last: bool) -> Option<usize> {
    if let (Some(s), Needle::Str(n, _)) = (text.text, needle) {
        let haystack = &s.as_str()[lo..hi];
        return if last {
            haystack.rfind(n)
        } else {
            haystack.find(n)
        };
    }
    let window = &text.bytes[lo..hi];
    if last {
        rfind_bytes(window, needle.bytes())
    } else {
        find_bytes(window, needle.bytes())
    }
}

/// The receiver of a str or bytes method (bound, so always one of them).
fn receiver<'a>(args: &'a [Value], name: &str, kw: &[Rc<PyStr>]) -> PyResult<Text<'a>> {
    let text = args
        .first()
        .and_then(Text::of)
        .ok_or_else(|| type_error("descriptor requires a 'str' or 'bytes' object"))?;
    if !kw.is_empty() {
        call::no_keywords(&format!("{}.{name}", text.type_name()), kw)?;
    }
    Ok(text)
}

/// Where the needle first (or last) occurs within the bounds, as a position.
fn find_position(
    args: &[Value],
    kw: &[Rc<PyStr>],
    name: &str,
    last: bool,
) -> PyResult<Option<usize>> {
    let text = receiver(args, name, kw)?;
    let needle = needle(args, name, text)?;
    let (start, end) = bounds(args, name, text.len())?;
    if start > end || end - start < needle.len() {
        return Ok(None);
    }
    let lo = text.byte(start);
    let found = locate(text, (lo, text.byte(end)), &needle, last);
    Ok(found.map(|byte| start + text.position(lo, byte)))
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(haystack.len());
    }
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn not_found(args: &[Value]) -> crate::PyErr {
    value_error(match args[0] {
        Value::Bytes(_) => "subsection not found",
        _ => "substring not found",
    })
}

/// `str.find` and `bytes.find`.
pub fn find(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let found = find_position(args, kw, "find", false)?;
    Ok(Value::Int(found.map_or(-1, |at| at as i64)))
}

/// `str.rfind` and `bytes.rfind`.
pub fn rfind(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let found = find_position(args, kw, "rfind", true)?;
    Ok(Value::Int(found.map_or(-1, |at| at as i64)))
}

/// `str.index` and `bytes.index`.
pub fn index(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    match find_position(args, kw, "index", false)? {
        Some(at) => Ok(Value::Int(at as i64)),
        None => Err(not_found(args)),
    }
}

/// `str.rindex` and `bytes.rindex`.
pub fn rindex(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    match find_position(args, kw, "rindex", true)? {
        Some(at) => Ok(Value::Int(at as i64)),
        None => Err(not_found(args)),
    }
}

/// `str.count` and `bytes.count`: non-overlapping occurrences.
pub fn count(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let text = receiver(args, "count", kw)?;
    let needle = needle(args, "count", text)?;
    let (start, end) = bounds(args, "count", text.len())?;
    if start > end {
        return Ok(Value::Int(0));
    }
    if needle.bytes().is_empty() {
        return Ok(Value::Int((end - start) as i64 + 1));
    }
    let (lo, hi) = (text.byte(start), text.byte(end));
    if let (Some(s), Needle::Str(n, _)) = (text.text, &needle) {
        return Ok(Value::Int(s.as_str()[lo..hi].matches(n).count() as i64));
    }
    let mut window = &text.bytes[lo..hi];
    let mut n = 0;
    while let Some(i) = find_bytes(window, needle.bytes()) {
        n += 1;
        window = &window[i + needle.bytes().len()..];
    }
    Ok(Value::Int(n))
}

/// CPython's `tailmatch`: whether `affix` starts (or ends) the part of
/// `text` within the bounds.
fn tailmatch(text: Text, affix: Text, start: usize, end: usize, at_end: bool) -> bool {
    let affix_len = affix.len();
    if start > end || end - start < affix_len {
        return false;
    }
    let (lo, hi) = (text.byte(start), text.byte(end));
    let window = &text.bytes[lo..hi];
    if at_end {
        window.ends_with(affix.bytes)
    } else {
        window.starts_with(affix.bytes)
    }
}

fn affix(args: &[Value], kw: &[Rc<PyStr>], name: &str, at_end: bool) -> PyResult<Value> {
    let text = receiver(args, name, kw)?;
    let kind = text.type_name();
    let Some(prefix) = args.get(1) else {
        return Err(type_error(format!(
            "{name}() takes at least 1 argument (0 given)"
        )));
    };
    let (start, end) = bounds(args, name, text.len())?;
    let is_str = text.text.is_some();
    fn same_kind(v: &Value, is_str: bool) -> Option<Text<'_>> {
        Text::of(v).filter(|t| t.text.is_some() == is_str)
    }
    if let Value::Tuple(options) = prefix {
        for option in options.items.iter() {
            let Some(affix) = same_kind(option, is_str) else {
                return Err(type_error(match text.text {
                    Some(_) => format!(
                        "tuple for {name} must only contain str, not {}",
                        option.type_name()
                    ),
                    None => format!(
                        "a bytes-like object is required, not '{}'",
                        option.type_name()
                    ),
                }));
            };
            if tailmatch(text, affix, start, end, at_end) {
                return Ok(Value::Bool(true));
            }
        }
        return Ok(Value::Bool(false));
    }
    let Some(affix) = same_kind(prefix, is_str) else {
        return Err(type_error(format!(
            "{name} first arg must be {kind} or a tuple of {kind}, not {}",
            prefix.type_name()
        )));
    };
    Ok(Value::Bool(tailmatch(text, affix, start, end, at_end)))
}

/// `str.startswith` and `bytes.startswith`.
pub fn startswith(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    affix(args, kw, "startswith", false)
}

/// `str.endswith` and `bytes.endswith`.
pub fn endswith(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    affix(args, kw, "endswith", true)
}

// ----- list and tuple --------------------------------------------------------

/// The item at `i` of a list or tuple receiver, read afresh each time (a
/// comparison may change the list).
fn item(sequence: &Value, i: usize) -> Option<Value> {
    match sequence {
        Value::List(l) => l.items.borrow().get(i).cloned(),
        Value::Tuple(t) => t.items.get(i).cloned(),
        _ => None,
    }
}

fn length(sequence: &Value) -> usize {
    match sequence {
        Value::List(l) => l.items.borrow().len(),
        Value::Tuple(t) => t.items.len(),
        _ => 0,
    }
}

fn sequence_name(sequence: &Value) -> &'static str {
    match sequence {
        Value::Tuple(_) => "tuple",
        _ => "list",
    }
}

/// `list.index(x[, start[, stop]])` and `tuple.index(...)`.
pub fn sequence_index(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let kind = sequence_name(&args[0]);
    if !kw.is_empty() {
        call::no_keywords(&format!("{kind}.index"), kw)?;
    }
    let given = args.len() - 1;
    if given == 0 {
        return Err(type_error("index expected at least 1 argument, got 0"));
    }
    if given > 3 {
        return Err(type_error(format!(
            "index expected at most 3 arguments, got {given}"
        )));
    }
    let len = length(&args[0]) as i64;
    let clamp = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(v) if v < 0 => v.saturating_add(len).max(0),
        Some(v) => v,
    };
    let start = clamp(bound(args.get(2), false)?, 0);
    let stop = clamp(bound(args.get(3), false)?, len);
    let needle = &args[1];
    let mut i = start;
    while i < stop {
        let Some(candidate) = item(&args[0], i as usize) else {
            break;
        };
        if candidate.is(needle) || crate::compare::equal(interp, &candidate, needle)? {
            return Ok(Value::Int(i));
        }
        i += 1;
    }
    Err(value_error(match args[0] {
        Value::Tuple(_) => "tuple.index(x): x not in tuple".to_string(),
        _ => format!("{} is not in list", crate::repr::repr(interp, needle)?),
    }))
}

/// `list.count(x)` and `tuple.count(x)`: items that are, or equal, `x`.
pub fn sequence_count(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let kind = sequence_name(&args[0]);
    if !kw.is_empty() {
        call::no_keywords(&format!("{kind}.count"), kw)?;
    }
    if args.len() != 2 {
        return Err(type_error(format!(
            "{kind}.count() takes exactly one argument ({} given)",
            args.len() - 1
        )));
    }
    let mut n = 0;
    let mut i = 0;
    while let Some(candidate) = item(&args[0], i) {
        if candidate.is(&args[1]) || crate::compare::equal(interp, &candidate, &args[1])? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}
