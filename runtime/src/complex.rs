//! The `complex` type, as CPython 3.11's `complexobject.c` computes and
//! prints it: arithmetic with ints, floats and complexes (CPython's
//! division and power algorithms, so results agree to the bit), `abs`,
//! `hash`, equality with any number and no ordering, `repr`, `format` with
//! the `e`/`f`/`g` types, `.real`/`.imag`/`.conjugate()`, and the
//! `complex()` constructor, strings included. A complex is a native object
//! (`native.rs`), so `Value` has no variant for it (`cmath` is
//! `modules/cmath.rs`). Not provided: `format` without a type but with a
//! precision, `__complex__` on user classes.

use crate::exceptions::{overflow_error, type_error, value_error, zero_division_error, PyResult};
use crate::native::{self, NativeObject};
use crate::numbers::Num;
use crate::types::PyType;
use crate::value::{Builtin, Value};
use crate::Interp;
use pvm_frontend::float_repr;
use pvm_frontend::BinaryOperator as Op;

#[derive(Clone, Copy, PartialEq, Default)]
pub struct Complex {
    pub real: f64,
    pub imag: f64,
}

pub fn new(real: f64, imag: f64) -> Value {
    native::new(Complex { real, imag })
}

pub fn of(value: &Value) -> Option<Complex> {
    native::downcast::<Complex>(value).copied()
}

/// `value` as a complex when it is an int, a float or a complex; an int
/// too big for a float is an OverflowError.
fn operand(value: &Value) -> Option<PyResult<Complex>> {
    if let Some(c) = of(value) {
        return Some(Ok(c));
    }
    let n = Num::of(value)?;
    Some(n.to_f64().map(|real| Complex { real, imag: 0.0 }))
}

fn product(a: Complex, b: Complex) -> Complex {
    Complex {
        real: a.real * b.real - a.imag * b.imag,
        imag: a.real * b.imag + a.imag * b.real,
    }
}

/// CPython's `_Py_c_quot`; `None` for a zero divisor.
pub fn quotient(a: Complex, b: Complex) -> Option<Complex> {
    let (abs_real, abs_imag) = (b.real.abs(), b.imag.abs());
    Some(if abs_real >= abs_imag {
        if abs_real == 0.0 {
            return None;
        }
        let ratio = b.imag / b.real;
        let denominator = b.real + b.imag * ratio;
        Complex {
            real: (a.real + a.imag * ratio) / denominator,
            imag: (a.imag - a.real * ratio) / denominator,
        }
    } else if abs_imag >= abs_real {
        let ratio = b.real / b.imag;
        let denominator = b.real * ratio + b.imag;
        Complex {
            real: (a.real * ratio + a.imag) / denominator,
            imag: (a.imag * ratio - a.real) / denominator,
        }
    } else {
        Complex {
            real: f64::NAN,
            imag: f64::NAN,
        }
    })
}

const ONE: Complex = Complex {
    real: 1.0,
    imag: 0.0,
};

/// `a ** b` (CPython's `complex_pow`: repeated squaring for small integer
/// exponents, polar form otherwise).
pub fn power(a: Complex, b: Complex) -> PyResult<Value> {
    let negative_power = || zero_division_error("0.0 to a negative or complex power");
    let result = if b.imag == 0.0 && b.real == b.real.floor() && b.real.abs() <= 100.0 {
        let n = b.real as i64;
        let mut result = ONE;
        let mut square = a;
        let mut bits = n.unsigned_abs();
        while bits > 0 {
            if bits & 1 == 1 {
                result = product(result, square);
            }
            square = product(square, square);
            bits >>= 1;
        }
        if n > 0 {
            result
        } else {
            quotient(ONE, result).ok_or_else(negative_power)?
        }
    } else if b.real == 0.0 && b.imag == 0.0 {
        ONE
    } else if a.real == 0.0 && a.imag == 0.0 {
        if b.imag != 0.0 || b.real < 0.0 {
            return Err(negative_power());
        }
        Complex {
            real: 0.0,
            imag: 0.0,
        }
    } else {
        let modulus = a.real.hypot(a.imag);
        let mut length = modulus.powf(b.real);
        let angle = a.imag.atan2(a.real);
        let mut phase = angle * b.real;
        if b.imag != 0.0 {
            length /= (angle * b.imag).exp();
            phase += b.imag * modulus.ln();
        }
        Complex {
            real: length * phase.cos(),
            imag: length * phase.sin(),
        }
    };
    if result.real.is_infinite() || result.imag.is_infinite() {
        return Err(overflow_error("complex exponentiation"));
    }
    Ok(new(result.real, result.imag))
}

/// `a <op> b` when either is a complex and the other a number; `None`
/// when the other is not a number (the caller raises its TypeError).
fn arithmetic(op: Op, a: Complex, b: Complex) -> Option<PyResult<Value>> {
    let c = |real, imag| Some(Ok(new(real, imag)));
    match op {
        Op::Add => c(a.real + b.real, a.imag + b.imag),
        Op::Subtract => c(a.real - b.real, a.imag - b.imag),
        Op::Multiply => {
            let p = product(a, b);
            c(p.real, p.imag)
        }
        Op::TrueDivide => Some(match quotient(a, b) {
            Some(q) => Ok(new(q.real, q.imag)),
            None => Err(zero_division_error("complex division by zero")),
        }),
        Op::Power => Some(power(a, b)),
        _ => None,
    }
}

/// `abs(z)`: the modulus, infinite if either part is.
pub fn modulus(z: Complex) -> PyResult<f64> {
    if z.real.is_infinite() || z.imag.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if z.real.is_nan() || z.imag.is_nan() {
        return Ok(f64::NAN);
    }
    let result = z.real.hypot(z.imag);
    if result.is_infinite() {
        return Err(overflow_error("absolute value too large"));
    }
    Ok(result)
}

/// `hash(z)`: the parts' float hashes combined as CPython combines them.
pub fn hash(z: Complex) -> i64 {
    let part = |x: f64| crate::hash::hash(&Value::Float(x)).unwrap_or(0) as u64;
    let combined = part(z.real).wrapping_add(1000003u64.wrapping_mul(part(z.imag)));
    if combined == u64::MAX {
        -2
    } else {
        combined as i64
    }
}

pub fn repr(z: Complex) -> String {
    float_repr::complex_repr(z.real, z.imag)
}

/// `format(z, spec)` for the `e`, `f`, `g` (and upper-case) types: each
/// part formatted as a float, the imaginary one always signed.
pub fn format(interp: &mut Interp, z: Complex, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(repr(z));
    }
    let kind = spec.chars().last().unwrap_or(' ');
    if !"eEfFgG".contains(kind) {
        return Err(value_error(format!(
            "pvm formats complex numbers only with the e, f and g types, not {spec:?}"
        )));
    }
    // split `[[fill]align][sign][width]` from the precision and type
    let tail_start = spec.find('.').unwrap_or(spec.len() - 1);
    let (head, tail) = spec.split_at(tail_start);
    let width_start = head
        .char_indices()
        .find(|&(i, c)| c.is_ascii_digit() && !(i == 0 && head[1..].starts_with(['<', '>', '^'])))
        .map_or(head.len(), |(i, _)| i);
    let (layout, width) = head.split_at(width_start);
    let sign = layout.chars().last().filter(|c| "+- ".contains(*c));
    let align = layout.trim_end_matches(['+', '-', ' ']);
    let sign = sign.map(String::from).unwrap_or_default();
    let real = crate::format::format(interp, &Value::Float(z.real), &format!("{sign}{tail}"))?;
    let imag = crate::format::format(interp, &Value::Float(z.imag), &format!("+{tail}"))?;
    let body = Value::str(format!("{real}{imag}j"));
    let align = if align.is_empty() { ">" } else { align };
    crate::format::format(interp, &body, &format!("{align}{width}"))
}

/// `z == other` for any number `other`.
fn equal(z: Complex, other: &Value) -> Option<bool> {
    if let Some(w) = of(other) {
        return Some(z == w);
    }
    let n = Num::of(other)?;
    Some(z.imag == 0.0 && crate::numbers::num_eq(&Num::Float(z.real), &n))
}

/// `a == b` when one is a complex and the other a number; `None` otherwise.
pub fn numbers_equal(a: &Value, b: &Value) -> Option<bool> {
    match (of(a), of(b)) {
        (Some(z), _) => equal(z, b),
        (None, Some(z)) => equal(z, a),
        (None, None) => None,
    }
}

/// `-z`, `+z`, `abs(z)` and `bool(z)` for a complex `z`; `None` when
/// `value` is not one.
pub fn unary(value: &Value, what: char) -> Option<PyResult<Value>> {
    let z = of(value)?;
    Some(match what {
        '-' => Ok(new(-z.real, -z.imag)),
        '+' => Ok(new(z.real, z.imag)),
        'a' => modulus(z).map(Value::Float),
        _ => Ok(Value::Bool(z.real != 0.0 || z.imag != 0.0)),
    })
}

builtin_table!(METHODS {
    "conjugate" => conjugate,
});

fn conjugate(
    _: &mut Interp,
    args: &[Value],
    kw: &[std::rc::Rc<crate::value::PyStr>],
) -> PyResult<Value> {
    crate::call::no_keywords("complex.conjugate", kw)?;
    match (args, args.first().and_then(of)) {
        ([_], Some(z)) => Ok(new(z.real, -z.imag)),
        (_, Some(_)) => Err(type_error(format!(
            "complex.conjugate() takes no arguments ({} given)",
            args.len() - 1
        ))),
        _ => Err(type_error(
            "descriptor 'conjugate' requires a 'complex' object",
        )),
    }
}

impl NativeObject for Complex {
    fn type_of(&self) -> &'static PyType {
        &crate::types::COMPLEX
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(repr(*self))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn equal(&self, _: &mut Interp, other: &Value) -> Option<PyResult<bool>> {
        Some(Ok(equal(*self, other).unwrap_or(false)))
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "real" => Some(Value::Float(self.real)),
            "imag" => Some(Value::Float(self.imag)),
            _ => None,
        }
    }

    fn binary(
        &self,
        _: &mut Interp,
        _: &Value,
        op: pvm_frontend::BinaryOperator,
        other: &Value,
        reflected: bool,
        _: bool,
    ) -> Option<PyResult<Value>> {
        let other = match operand(other)? {
            Ok(other) => other,
            Err(e) => return Some(Err(e)),
        };
        let (a, b) = if reflected {
            (other, *self)
        } else {
            (*self, other)
        };
        arithmetic(op, a, b)
    }
}

mod construct;
pub use construct::construct;
