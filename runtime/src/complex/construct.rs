//! `complex(real=0, imag=0)` and `complex(string)`, with CPython 3.11's
//! argument rules and error messages. Only the constructor lives here.

use super::{new, of, Complex};
use crate::call::Args;
use crate::exceptions::{type_error, value_error, PyResult};
use crate::numbers::Num;
use crate::value::Value;

/// `complex(...)`, called with `a` (keywords `real` and `imag` allowed).
pub fn construct(mut a: Args) -> PyResult<Value> {
    let real = a.keyword("real");
    let imag = a.keyword("imag");
    a.finish()?;
    a.arity(0, 2)?;
    let mut given = a.positional.iter();
    let real = given.next().or(real);
    let imag = given.next().or(imag);
    let Some(real) = real else {
        return match imag {
            None => Ok(new(0.0, 0.0)),
            Some(imag) => combine(
                Complex {
                    real: 0.0,
                    imag: 0.0,
                },
                false,
                imag,
            ),
        };
    };
    if let Value::Str(text) = real {
        if imag.is_some() {
            return Err(type_error(
                "complex() can't take second arg if first is a string",
            ));
        }
        return parse(text.as_str())
            .map(|z| new(z.real, z.imag))
            .ok_or_else(|| value_error("complex() arg is a malformed string"));
    }
    let Some(first) = number(real) else {
        return Err(type_error(format!(
            "complex() first argument must be a string or a number, not '{}'",
            real.type_name()
        )));
    };
    let (first, first_complex) = first?;
    match imag {
        None => Ok(new(first.real, first.imag)),
        Some(imag) => combine(first, first_complex, imag),
    }
}

/// A number argument as a complex, and whether it was one; `None` for
/// anything else.
fn number(value: &Value) -> Option<PyResult<(Complex, bool)>> {
    if let Some(z) = of(value) {
        return Some(Ok((z, true)));
    }
    let n = Num::of(value)?;
    Some(n.to_f64().map(|real| (Complex { real, imag: 0.0 }, false)))
}

/// `real + imag * 1j` as CPython's constructor computes it: a part is
/// only added to when the other argument is complex (so `complex(0.0,
/// -0.0)` keeps its negative zero).
fn combine(first: Complex, first_complex: bool, imag: &Value) -> PyResult<Value> {
    if let Value::Str(_) = imag {
        return Err(type_error("complex() second arg can't be a string"));
    }
    let Some(second) = number(imag) else {
        return Err(type_error(format!(
            "complex() second argument must be a number, not '{}'",
            imag.type_name()
        )));
    };
    let (second, second_complex) = second?;
    let real = if second_complex {
        first.real - second.imag
    } else {
        first.real
    };
    let imag = if first_complex {
        second.real + first.imag
    } else {
        second.real
    };
    Ok(new(real, imag))
}

/// A complex literal in a string: `1`, `2j`, `1+2j`, `-j`, `(1-2.5e3j)`,
/// with spaces around and inside the parentheses.
fn parse(text: &str) -> Option<Complex> {
    let mut s = text.trim();
    if let Some(inner) = s.strip_prefix('(') {
        s = inner.strip_suffix(')')?.trim();
    }
    if s.is_empty() || s.contains(char::is_whitespace) {
        return None;
    }
    let Some(body) = s.strip_suffix(['j', 'J']) else {
        return Some(Complex {
            real: float(s)?,
            imag: 0.0,
        });
    };
    // the imaginary part starts at the last sign not after an exponent mark
    let split = body
        .char_indices()
        .filter(|&(i, c)| (c == '+' || c == '-') && i > 0 && !body[..i].ends_with(['e', 'E']))
        .map(|(i, _)| i)
        .last();
    let (real, imag) = match split {
        Some(i) => (float(&body[..i])?, &body[i..]),
        None => (0.0, body),
    };
    let imag = match imag {
        "" | "+" => 1.0,
        "-" => -1.0,
        digits => float(digits)?,
    };
    Some(Complex { real, imag })
}

fn float(text: &str) -> Option<f64> {
    if text.is_empty() || text.contains(['j', 'J', '(', ')']) {
        return None;
    }
    crate::construct::parse_float(text)
}
