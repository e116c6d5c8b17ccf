//! The format-spec mini-language behind f-strings and `format()`:
//! `[[fill]align][sign][z][#][0][width][,|_][.precision][type]` for int,
//! float and str, with CPython's rounding and exponent layout.

use crate::exceptions::{type_error, value_error, PyResult};
use crate::numbers::Num;
use crate::value::Value;
use crate::Interp;

struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    /// `z`: a float that rounds to zero prints without its minus sign.
    no_negative_zero: bool,
    alternate: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse(spec: &str, type_name: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec {
        fill: ' ',
        align: None,
        sign: '-',
        no_negative_zero: false,
        alternate: false,
        width: 0,
        grouping: None,
        precision: None,
        kind: None,
    };
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = chars[0];
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if let Some(&c) = chars.get(i) {
        if matches!(c, '+' | '-' | ' ') {
            s.sign = c;
            i += 1;
        }
    }
    if chars.get(i) == Some(&'z') {
        s.no_negative_zero = true;
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        s.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        if s.align.is_none() {
            s.fill = '0';
            s.align = Some('=');
        }
        i += 1;
    }
    let digits = |i: &mut usize| -> Option<usize> {
        let start = *i;
        while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>().parse().ok()
    };
    s.width = digits(&mut i).unwrap_or(0);
    if let Some(&c) = chars.get(i) {
        if c == ',' || c == '_' {
            s.grouping = Some(c);
            i += 1;
            if matches!(chars.get(i), Some(',' | '_')) {
                return Err(value_error("Cannot specify both ',' and '_'."));
            }
        }
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        s.precision =
            Some(digits(&mut i).ok_or_else(|| value_error("Format specifier missing precision"))?);
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return Err(value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    Ok(s)
}

/// `format(value, spec)`.
pub fn format(interp: &mut Interp, value: &Value, spec: &str) -> PyResult<String> {
    if crate::special::is_user(value) {
        let spec_value = Value::str(spec);
        if let Some(result) =
            crate::special::call_special(interp, value, "__format__", &[spec_value])?
        {
            return match result {
                Value::Str(s) => Ok(s.as_str().to_string()),
                other => Err(type_error(format!(
                    "__format__ must return a str, not {}",
                    other.type_name()
                ))),
            };
        }
        let base = crate::subclass::value_of(value);
        if !base.is(value) {
            return format(interp, base, spec);
        }
        if !spec.is_empty() {
            return Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                value.type_name()
            )));
        }
    }
    if spec.is_empty() {
        return crate::repr::str(interp, value);
    }
    if let Some(z) = crate::complex::of(value) {
        return crate::complex::format(interp, z, spec);
    }
    let s = parse(spec, value.type_name())?;
    check_grouping(&s, value)?;
    match value {
        Value::Str(text) => {
            if !matches!(s.kind, None | Some('s')) {
                return Err(unknown_code(s.kind, "str"));
            }
            if s.no_negative_zero {
                return Err(value_error(
                    "Negative zero coercion (z) not allowed in string format specifier",
                ));
            }
            let text: String = match s.precision {
                Some(p) => text.as_str().chars().take(p).collect(),
                None => text.as_str().to_string(),
            };
            Ok(pad(&s, "", &text, '<'))
        }
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => match s.kind {
            Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
                let f = match Num::of(value) {
                    Some(Num::Int(i)) => i as f64,
                    Some(Num::Big(b)) => crate::numbers::bigint_to_f64(b)?,
                    _ => 0.0,
                };
                format_float(&s, f)
            }
            _ if s.kind.is_none()
                && s.precision.is_none()
                && matches!(value, Value::Bool(_))
                && s.width == 0 =>
            {
                crate::repr::str(interp, value)
            }
            _ => format_int(&s, value),
        },
        Value::Float(f) => format_float(&s, *f),
        other => Err(type_error(format!(
            "unsupported format string passed to {}.__format__",
            other.type_name()
        ))),
    }
}

/// A thousands separator is refused, as CPython's spec parser refuses it,
/// with a type that takes none (`'_'` also goes with `b`, `o`, `x`, `X`); a
/// string's type is `s` when none is given.
fn check_grouping(s: &Spec, value: &Value) -> PyResult<()> {
    let Some(separator) = s.grouping else {
        return Ok(());
    };
    let kind = match (s.kind, value) {
        (None, Value::Str(_)) => Some('s'),
        (kind, _) => kind,
    };
    let allowed = match kind {
        None => true,
        Some(k) if "defgEFG%".contains(k) => true,
        Some(k) => separator == '_' && "boxX".contains(k),
    };
    if allowed {
        return Ok(());
    }
    Err(value_error(format!(
        "Cannot specify '{separator}' with '{}'.",
        kind.unwrap_or(' ')
    )))
}

fn unknown_code(kind: Option<char>, type_name: &str) -> crate::PyErr {
    value_error(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        kind.unwrap_or(' ')
    ))
}

fn format_int(s: &Spec, value: &Value) -> PyResult<String> {
    if s.precision.is_some() {
        return Err(value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if s.no_negative_zero {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let big = match value {
        Value::Int(i) => num_bigint::BigInt::from(*i),
        Value::Bool(b) => num_bigint::BigInt::from(*b as i64),
        Value::BigInt(b) => (**b).clone(),
        _ => unreachable!("format_int takes ints"),
    };
    let negative = big.sign() == num_bigint::Sign::Minus;
    let magnitude = if negative { -big } else { big };
    let (digits, prefix) = match s.kind {
        None | Some('d') | Some('n') => (crate::repr::bigint_to_string(&magnitude)?, ""),
        Some('b') => (magnitude.to_str_radix(2), "0b"),
        Some('o') => (magnitude.to_str_radix(8), "0o"),
        Some('x') => (magnitude.to_str_radix(16), "0x"),
        Some('X') => (magnitude.to_str_radix(16).to_uppercase(), "0X"),
        Some('c') => {
            if magnitude.bits() >= 64 {
                return Err(crate::exceptions::overflow_error(
                    "Python int too large to convert to C long",
                ));
            }
            let code = u32::try_from(&magnitude)
                .ok()
                .filter(|_| !negative)
                .and_then(char::from_u32);
            return Ok(pad(
                s,
                "",
                &code
                    .ok_or_else(|| {
                        crate::exceptions::overflow_error("%c arg not in range(0x110000)")
                    })?
                    .to_string(),
                '>',
            ));
        }
        other => return Err(unknown_code(other, "int")),
    };
    let grouped = match s.grouping {
        Some(sep) => group(
            &digits,
            sep,
            if s.kind.is_some_and(|k| "bxXo".contains(k)) {
                4
            } else {
                3
            },
        ),
        None => digits,
    };
    let sign = sign_text(negative, s.sign);
    let prefix = if s.alternate { prefix } else { "" };
    Ok(pad(s, &format!("{sign}{prefix}"), &grouped, '>'))
}

fn sign_text(negative: bool, sign: char) -> &'static str {
    match (negative, sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    }
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let bytes: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, c) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % every == 0 {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

/// `d.ddde+XX` from Rust's `d.ddde-X`.
fn exponent_form(text: &str, upper: bool) -> String {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let e = if upper { 'E' } else { 'e' };
    format!(
        "{mantissa}{e}{}{:02}",
        if exponent < 0 { '-' } else { '+' },
        exponent.abs()
    )
}

fn format_float(s: &Spec, f: f64) -> PyResult<String> {
    let mut negative = f.is_sign_negative() && !f.is_nan();
    let x = f.abs();
    let upper = s.kind.is_some_and(|k| k.is_ascii_uppercase());
    let body = if !x.is_finite() {
        let text = if x.is_nan() { "nan" } else { "inf" };
        let text = if upper {
            text.to_uppercase()
        } else {
            text.to_string()
        };
        // `%` keeps its sign after an infinity or NaN too (`inf%`).
        if s.kind == Some('%') {
            text + "%"
        } else {
            text
        }
    } else {
        match s.kind {
            Some('f' | 'F') => format!("{:.*}", s.precision.unwrap_or(6), x),
            Some('e' | 'E') => {
                exponent_form(&format!("{:.*e}", s.precision.unwrap_or(6), x), upper)
            }
            Some('%') => format!("{:.*}%", s.precision.unwrap_or(6), x * 100.0),
            Some('g' | 'G') => general(
                x,
                s.precision.unwrap_or(6).max(1),
                s.alternate,
                upper,
                false,
            ),
            None => match s.precision {
                None => pvm_frontend::float_repr::repr(x),
                Some(p) => general(x, p.max(1), s.alternate, false, true),
            },
            Some('n') => general(
                x,
                s.precision.unwrap_or(6).max(1),
                s.alternate,
                false,
                false,
            ),
            other => return Err(unknown_code(other, "float")),
        }
    };
    let body = if s.alternate && x.is_finite() && !body.contains('.') {
        // `#` shows the point even with no digits after it (`1.e+20`)
        let at = body.find(['e', 'E', '%']).unwrap_or(body.len());
        format!("{}.{}", &body[..at], &body[at..])
    } else {
        body
    };
    if s.no_negative_zero && negative {
        let mantissa = body.split(['e', 'E']).next().unwrap_or("");
        negative = mantissa.chars().any(|c| c.is_ascii_digit() && c != '0');
    }
    let body = match s.grouping {
        Some(sep) => {
            let (whole, rest) = body
                .find(['.', 'e', '%'])
                .map(|i| body.split_at(i))
                .unwrap_or((&body, ""));
            if whole.chars().all(|c| c.is_ascii_digit()) {
                format!("{}{rest}", group(whole, sep, 3))
            } else {
                body.clone()
            }
        }
        None => body,
    };
    Ok(pad(s, sign_text(negative, s.sign), &body, '>'))
}

/// The `g` presentation: significant digits, fixed or scientific by exponent.
fn general(x: f64, precision: usize, alternate: bool, upper: bool, repr_style: bool) -> String {
    let sci = format!("{:.*e}", precision - 1, x);
    let exponent: i32 = sci
        .split_once('e')
        .map(|(_, e)| e.parse().unwrap_or(0))
        .unwrap_or(0);
    // `#` keeps trailing zeros and always shows the point
    let strip = |t: String| -> String {
        if alternate && !t.contains('.') {
            t + "."
        } else if alternate || !t.contains('.') {
            t
        } else {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    // without a type (`repr_style`) a result that would need `.0` added
    // goes scientific one digit sooner (CPython's `Py_DTSF_ADD_DOT_0`)
    let limit = precision as i32 - i32::from(repr_style);
    if exponent >= -4 && exponent < limit {
        let decimals = (precision as i32 - 1 - exponent).max(0) as usize;
        let text = strip(format!("{:.*}", decimals, x));
        if repr_style && !text.contains('.') {
            format!("{text}.0")
        } else {
            text
        }
    } else {
        let (mantissa, _) = sci.split_once('e').unwrap_or((&sci, ""));
        exponent_form(
            &format!("{}e{exponent}", strip(mantissa.to_string())),
            upper,
        )
    }
}

fn pad(s: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    if s.width <= len {
        return format!("{sign}{body}");
    }
    let fill = s.width - len;
    let f = |n: usize| s.fill.to_string().repeat(n);
    match s.align.unwrap_or(default_align) {
        '<' => format!("{sign}{body}{}", f(fill)),
        '^' => format!("{}{sign}{body}{}", f(fill / 2), f(fill - fill / 2)),
        '=' => format!("{sign}{}{body}", f(fill)),
        _ => format!("{}{sign}{body}", f(fill)),
    }
}

/// `FORMAT_VALUE`: conversion (0 none, 1 str, 2 repr, 3 ascii) then spec.
pub fn format_value(
    interp: &mut Interp,
    value: &Value,
    conversion: u32,
    spec: Option<&str>,
) -> PyResult<Value> {
    let converted = match conversion {
        1 => Value::str(crate::repr::str(interp, value)?),
        2 => Value::str(crate::repr::repr(interp, value)?),
        3 => Value::str(crate::repr::ascii(interp, value)?),
        _ => value.clone(),
    };
    match (spec, &converted) {
        (None | Some(""), Value::Str(_)) => Ok(converted),
        (spec, v) => Ok(Value::str(format(interp, v, spec.unwrap_or(""))?)),
    }
}
