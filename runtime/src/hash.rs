//! Python's hash function and the dictionary key wrapper.
//!
//! Numbers hash exactly as in CPython (`hash(1) == hash(1.0) == hash(True)`,
//! modulo 2**61 - 1), tuples use CPython's xxHash-based combination. Strings
//! use a fast non-cryptographic hash (CPython randomises its string hash, so
//! no program can depend on the values). Unhashable values are refused when
//! a key is made, so `Hash` and `Eq` on `DictKey` never fail.

use crate::exceptions::{type_error, PyResult};
use crate::value::{PyStr, Value};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

const MODULUS: u64 = (1 << 61) - 1;

/// A hashable value used as a dict key.
#[derive(Clone)]
pub struct DictKey(pub Value);

impl DictKey {
    pub fn new(value: Value) -> PyResult<DictKey> {
        hash(&value)?;
        Ok(DictKey(value))
    }

    pub fn from_str_key(key: Rc<PyStr>) -> DictKey {
        DictKey(Value::Str(key))
    }
}

impl Hash for DictKey {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Strings (names, the common case) hash from their cached hash.
        let h = match &self.0 {
            Value::Str(s) => fix((s.hash() >> 1) as i64),
            Value::Int(i) => hash_int(*i),
            other => hash(other).unwrap_or(0),
        };
        state.write_i64(h);
    }
}

impl PartialEq for DictKey {
    #[inline]
    fn eq(&self, other: &DictKey) -> bool {
        match (&self.0, &other.0) {
            (Value::Str(a), Value::Str(b)) => {
                Rc::ptr_eq(a, b) || (a.hash() == b.hash() && a.as_str() == b.as_str())
            }
            (Value::Int(a), Value::Int(b)) => a == b,
            // Identity first, as CPython's lookup compares the key objects
            // before calling `==`: a NaN finds itself (floats are unboxed,
            // so the same bits count as the same object, as for `is`).
            (a, b) => a.is(b) || crate::compare::equal_hashable(a, b),
        }
    }
}

impl Eq for DictKey {}

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

#[inline]
pub fn hash_int(i: i64) -> i64 {
    let magnitude = (i.unsigned_abs() % MODULUS) as i64;
    fix(if i < 0 { -magnitude } else { magnitude })
}

pub fn hash_bigint(b: &BigInt) -> i64 {
    let magnitude = b
        .abs()
        .mod_floor(&BigInt::from(MODULUS))
        .to_i64()
        .unwrap_or(0);
    fix(if b.is_negative() {
        -magnitude
    } else {
        magnitude
    })
}

pub fn hash_float(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    fix(x as i64 * sign)
}

/// Splits `v` into a mantissa in [0.5, 1) and a power of two.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exponent - 1022)
}

/// Whether using `value` as a key runs Python code: it is, or is a tuple
/// holding, an object whose class defines `__hash__` (and maybe `__eq__`).
#[inline]
pub fn needs_python(value: &Value) -> bool {
    match value {
        Value::Instance(i) => crate::special::python_hashed(i.class),
        Value::Tuple(t) => t.items.iter().any(needs_python),
        _ => false,
    }
}

/// Runs the `__hash__` of every such object in `value` and caches what it
/// returned in the object, where `hash` (which runs no Python) reads it.
/// Run again at each use as a key, as CPython hashes a key at each use.
pub fn prepare(interp: &mut crate::Interp, value: &Value) -> PyResult<()> {
    match value {
        Value::Instance(i) if crate::special::python_hashed(i.class) => {
            let h = crate::special::hash(interp, value)?;
            i.hash.set(h);
        }
        Value::Tuple(t) => {
            for item in t.items.iter() {
                prepare(interp, item)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Of `candidates` (keys already present with the same hash), the first
/// that `__eq__` says equals `key`.
pub fn equal_candidate(
    interp: &mut crate::Interp,
    candidates: Vec<Value>,
    key: &Value,
) -> PyResult<Option<Value>> {
    for candidate in candidates {
        if crate::compare::equal(interp, &candidate, key)? {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

/// `value` as a key of `dict`. A value whose hashing or comparison runs
/// Python code is hashed first, and when `dict` already holds a key that
/// its `__eq__` says is equal, that key is returned instead: lookups,
/// stores and deletions with it then find the entry (`DictKey`'s own `Eq`
/// never runs Python code, and compares such objects by identity).
pub fn dict_key(
    interp: &mut crate::Interp,
    dict: &crate::value::PyDict,
    value: Value,
) -> PyResult<DictKey> {
    if !needs_python(&value) {
        return DictKey::new(value);
    }
    prepare(interp, &value)?;
    let python_hash = hash(&value)?;
    let probe = DictKey(value);
    let candidates = {
        use indexmap::map::RawEntryApiV1;
        use std::hash::BuildHasher;
        let map = dict.map();
        let raw = map.hasher().hash_one(&probe);
        let mut found = Vec::new();
        map.raw_entry_v1().from_hash(raw, |key| {
            if !key.0.is(&probe.0) && hash(&key.0).ok() == Some(python_hash) {
                found.push(key.0.clone());
            }
            false
        });
        found
    };
    Ok(match equal_candidate(interp, candidates, &probe.0)? {
        Some(existing) => DictKey(existing),
        None => probe,
    })
}

/// `hash(value)` for the builtin `hash()`: user classes' `__hash__` included.
pub fn hash_value(interp: &mut crate::Interp, value: &Value) -> PyResult<i64> {
    if crate::special::is_user(value) {
        return crate::special::hash(interp, value);
    }
    hash(value)
}

/// The hash of a dict key or set member (never runs Python code).
pub fn hash(value: &Value) -> PyResult<i64> {
    Ok(match value {
        Value::Int(i) => hash_int(*i),
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => hash_bigint(b),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                hash_int(*f as i64)
            } else {
                hash_float(*f)
            }
        }
        Value::Str(s) => fix((s.hash() >> 1) as i64),
        Value::None => 0x5f3759df,
        Value::Ellipsis => 0x1badb002,
        Value::Tuple(t) => {
            const P1: u64 = 11400714785074694791;
            const P2: u64 = 14029467366897019727;
            const P5: u64 = 2870177450012600261;
            let mut acc = P5;
            for item in t.items.iter() {
                let lane = hash(item)? as u64;
                acc = acc.wrapping_add(lane.wrapping_mul(P2));
                acc = acc.rotate_left(31);
                acc = acc.wrapping_mul(P1);
            }
            acc = acc.wrapping_add((t.items.len() as u64) ^ (P5 ^ 3527539));
            if acc == u64::MAX {
                1546275796
            } else {
                acc as i64
            }
        }
        _ if crate::special::is_user(value) => crate::special::key_hash(value)?,
        Value::Native(_) if crate::complex::of(value).is_some() => {
            crate::complex::hash(crate::complex::of(value).unwrap_or_default())
        }
        Value::Set(s) if s.frozen => s.table.borrow().hash(),
        Value::Bytes(b) => {
            use std::hash::{BuildHasher, Hasher};
            let mut hasher = rustc_hash::FxBuildHasher.build_hasher();
            hasher.write(&b.data);
            fix((hasher.finish() >> 1) as i64)
        }
        Value::Set(_) => {
            return Err(type_error("unhashable type: 'set'"));
        }
        Value::List(_) | Value::Dict(_) | Value::Slice(_) => {
            return Err(type_error(format!(
                "unhashable type: '{}'",
                value.type_name()
            )));
        }
        // Equal when looked up twice (`compare.rs`), so hashed alike.
        Value::MethodDescriptor(d) => {
            ((d.owner as *const _ as usize >> 4) ^ (d.method as *const _ as usize >> 3)) as i64
        }
        other => (other.object_ptr().unwrap_or(0) >> 4) as i64,
    })
}
