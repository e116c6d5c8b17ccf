//! `repr` of floats and strings exactly as CPython 3.11 prints them.
//!
//! Floats use the shortest digits that round-trip, the nearest such (Rust's
//! formatter finds how many, exact rounding picks them), laid out by
//! CPython's rules: fixed notation while the decimal exponent is in
//! -4 < exp <= 16, scientific (`1e+16`, `1.5e-07`) outside. Strings escape
//! what `str.isprintable` rejects, by CPython 3.11's own table.
//! Only formatting lives here; parsing and arithmetic are the runtime's.

/// `repr(x)` for a float.
pub fn repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let scientific = shortest_digits(x.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let point = exponent + 1;
    let body = if !(-4 < point && point <= 16) {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!("{first}{fraction}e{exp_sign}{:02}", exponent.abs())
    } else if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{whole}.{fraction}")
    };
    format!("{sign}{body}")
}

/// `repr()` of a complex number, as CPython writes it: `2j`, `(1-2.5j)`,
/// `(-0-0j)`; each part in repr's digits without a trailing `.0`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let part = |x: f64| {
        let text = repr(x);
        match text.strip_suffix(".0") {
            Some(whole) => whole.to_string(),
            None => text,
        }
    };
    if real == 0.0 && real.is_sign_positive() {
        return format!("{}j", part(imag));
    }
    let imag = part(imag);
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{imag}j)", part(real))
}

/// The shortest digits that round-trip, as `d.ddde±x`. Rust finds how
/// many digits that takes; when two such strings are equally near `x`
/// (`1372599391685083.25` between `...83.2` and `...83.3`) its choice may
/// differ from David Gay's, which CPython uses and which takes the correctly
/// rounded one (ties to even). Rounding `x` exactly to that many digits
/// gives Gay's.
fn shortest_digits(x: f64) -> String {
    let shortest = format!("{x:e}");
    let digits = shortest.split('e').next().map_or(1, |mantissa| {
        mantissa.chars().filter(char::is_ascii_digit).count()
    });
    let nearest = format!("{x:.*e}", digits.saturating_sub(1));
    // at a power of two the interval that rounds to x is narrower below
    // it, where the nearest may fall outside; Rust's choice then stands
    if nearest.parse::<f64>() == Ok(x) {
        nearest
    } else {
        shortest
    }
}

/// `repr()` of a bytes object: `b'...'`, quoted and escaped as CPython does.
pub fn bytes_repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push('b');
    out.push(quote);
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

/// `repr(s)` for a string: quotes chosen and characters escaped like CPython.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable` for one character: not in CPython 3.11's table of
/// the characters it rejects (controls, separators but the space, format
/// characters, surrogates, private use and unassigned code points).
pub fn is_printable(c: char) -> bool {
    use crate::unicode_data::{in_ranges, NOT_PRINTABLE};
    !in_ranges(NOT_PRINTABLE, c)
}

/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh`, the shortest that holds `c`.
fn push_escape(out: &mut String, c: char) {
    let code = c as u32;
    if code <= 0xff {
        out.push_str(&format!("\\x{code:02x}"));
    } else if code <= 0xffff {
        out.push_str(&format!("\\u{code:04x}"));
    } else {
        out.push_str(&format!("\\U{code:08x}"));
    }
}

/// `ascii(s)` for a string: its repr with every non-ASCII character escaped.
pub fn str_ascii(s: &str) -> String {
    ascii_escaped(&str_repr(s))
}

/// `text` with every non-ASCII character escaped, as `ascii()` does to a repr.
pub fn ascii_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_escape(&mut out, c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::repr;

    #[test]
    fn floats_print_like_cpython() {
        let cases = [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (f64::INFINITY, "inf"),
            (-0.0, "-0.0"),
            (123456789.125, "123456789.125"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2.5e-310, "2.5e-310"),
            (-3.14, "-3.14"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1372599391685083.25, "1372599391685083.2"),
            (5e-324, "5e-324"),
        ];
        for (value, expected) in cases {
            assert_eq!(repr(value), expected, "repr({value:e})");
        }
    }
}
