//! The `random` module: CPython's Mersenne Twister with CPython's seeding
//! (`init_by_array` over the 32-bit words of the seed's absolute value), so
//! a program seeded with the same integer draws the same numbers as under
//! CPython: `random`, `getrandbits`, `randrange`, `randint`, `choice`,
//! `shuffle`, `sample`, `uniform`, `gauss`.
//!
//! String and bytes seeds are hashed with SHA-512 as CPython's are.
//! `random.Random` is `random_class.rs`.

use super::{float_arg, module};
use crate::exceptions::{index_error, type_error, value_error, PyResult};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

const N: usize = 624;
const M: usize = 397;

/// The generator state (one per interpreter).
pub struct MersenneTwister {
    state: [u32; N],
    index: usize,
    gauss_next: Option<f64>,
}

impl MersenneTwister {
    fn from_key(key: &[u32]) -> MersenneTwister {
        let mut mt = MersenneTwister {
            state: [0; N],
            index: N,
            gauss_next: None,
        };
        mt.init_genrand(19650218);
        let mut i = 1usize;
        let mut j = 0usize;
        let length = key.len().max(1);
        for _ in 0..N.max(length) {
            let previous = mt.state[i - 1] ^ (mt.state[i - 1] >> 30);
            mt.state[i] = (mt.state[i] ^ previous.wrapping_mul(1664525))
                .wrapping_add(*key.get(j).unwrap_or(&0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt.state[0] = mt.state[N - 1];
                i = 1;
            }
            if j >= length {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = mt.state[i - 1] ^ (mt.state[i - 1] >> 30);
            mt.state[i] = (mt.state[i] ^ previous.wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt.state[0] = mt.state[N - 1];
                i = 1;
            }
        }
        mt.state[0] = 0x8000_0000;
        mt
    }

    fn init_genrand(&mut self, seed: u32) {
        self.state[0] = seed;
        for i in 1..N {
            let previous = self.state[i - 1] ^ (self.state[i - 1] >> 30);
            self.state[i] = previous.wrapping_mul(1812433253).wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// Seeds from an integer as CPython does (its absolute value's words).
    fn from_int(seed: &BigInt) -> MersenneTwister {
        let (_, mut digits) = seed.abs().to_u32_digits();
        if digits.is_empty() {
            digits.push(0);
        }
        MersenneTwister::from_key(&digits)
    }

    fn from_time() -> MersenneTwister {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let key = [nanos as u32, (nanos >> 32) as u32, std::process::id()];
        MersenneTwister::from_key(&key)
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.state[k] & 0x8000_0000) | (self.state[(k + 1) % N] & 0x7fff_ffff);
                let mut value = self.state[(k + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    value ^= 0x9908_b0df;
                }
                self.state[k] = value;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    fn getrandbits(&mut self, k: u64) -> BigInt {
        if k == 0 {
            return BigInt::zero();
        }
        if k <= 32 {
            return BigInt::from(self.next_u32() >> (32 - k as u32));
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut out = Vec::with_capacity(words);
        let mut remaining = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if remaining < 32 {
                r >>= 32 - remaining;
            }
            out.push(r);
            remaining = remaining.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &out)
    }

    /// A uniform integer in [0, n), by rejection as CPython does.
    fn below(&mut self, n: &BigInt) -> BigInt {
        if n.is_zero() {
            return BigInt::zero();
        }
        let k = n.bits();
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }

    fn below_usize(&mut self, n: usize) -> usize {
        self.below(&BigInt::from(n)).to_usize().unwrap_or(0)
    }
}

fn state(interp: &mut Interp) -> &mut MersenneTwister {
    interp
        .random
        .get_or_insert_with(|| Box::new(MersenneTwister::from_time()))
}

fn int_arg(value: &Value, what: &str) -> PyResult<BigInt> {
    match value {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::BigInt(b) => Ok((**b).clone()),
        Value::Float(f) if f.fract() == 0.0 && what == "seed" => Ok(BigInt::from(*f as i64)),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn seed(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let generator = match args.first() {
        None | Some(Value::None) => MersenneTwister::from_time(),
        Some(Value::Str(text)) => text_seed(text.as_str().as_bytes()),
        Some(value) => match crate::bytes::buffer(value) {
            Some(data) => text_seed(&data),
            None => MersenneTwister::from_int(&int_arg(value, "seed")?),
        },
    };
    interp.random = Some(Box::new(generator));
    Ok(Value::None)
}

/// CPython's version-2 seeding of a `str` (as UTF-8) or bytes seed: the
/// integer whose big-endian bytes are the seed followed by its SHA-512.
fn text_seed(data: &[u8]) -> MersenneTwister {
    let mut bytes = data.to_vec();
    bytes.extend(super::digests::sha512(data, false));
    MersenneTwister::from_int(&BigInt::from_bytes_be(Sign::Plus, &bytes))
}

fn random(interp: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Float(state(interp).random()))
}

fn getrandbits(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let k = match args.first() {
        Some(Value::Int(k)) if *k >= 0 => *k as u64,
        Some(Value::Int(_)) => return Err(value_error("number of bits must be non-negative")),
        _ => return Err(type_error("getrandbits() takes exactly one argument")),
    };
    Ok(Value::from_bigint(state(interp).getrandbits(k)))
}

/// `randrange(start, stop=None, step=1)`.
fn randrange_of(interp: &mut Interp, args: &[Value]) -> PyResult<BigInt> {
    let start = int_arg(args.first().unwrap_or(&Value::None), "randrange")?;
    let stop = match args.get(1) {
        None | Some(Value::None) => {
            if start.is_positive() {
                return Ok(state(interp).below(&start));
            }
            return Err(value_error("empty range for randrange()"));
        }
        Some(v) => int_arg(v, "randrange")?,
    };
    let step = match args.get(2) {
        Some(v) => int_arg(v, "randrange")?,
        None => BigInt::from(1),
    };
    let width = &stop - &start;
    if step == BigInt::from(1) {
        if width.is_positive() {
            return Ok(&start + state(interp).below(&width));
        }
        return Err(value_error(format!(
            "empty range for randrange() ({start}, {stop}, {width})"
        )));
    }
    if step.is_zero() {
        return Err(value_error("zero step for randrange()"));
    }
    let n: BigInt = if step.is_positive() {
        (&width + &step - BigInt::from(1)).div_floor(&step)
    } else {
        (&width + &step + BigInt::from(1)).div_floor(&step)
    };
    if !n.is_positive() {
        return Err(value_error("empty range for randrange()"));
    }
    Ok(&start + &step * state(interp).below(&n))
}

fn randrange(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::from_bigint(randrange_of(interp, args)?))
}

fn randint(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let [a, b] = args else {
        return Err(type_error(format!(
            "randint() takes 2 positional arguments but {} were given",
            args.len()
        )));
    };
    let stop = Value::from_bigint(int_arg(b, "randint")? + 1);
    Ok(Value::from_bigint(randrange_of(
        interp,
        &[a.clone(), stop],
    )?))
}

fn choice(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let [sequence] = args else {
        return Err(type_error("choice() takes exactly one argument"));
    };
    let length = crate::builtins::length(sequence)?;
    if length == 0 {
        return Err(index_error("Cannot choose from an empty sequence"));
    }
    let i = state(interp).below_usize(length);
    crate::subscript::get_item(interp, sequence, &Value::Int(i as i64))
}

/// The running totals of `weights` (ints and floats, as floats).
fn accumulated(interp: &mut Interp, weights: &Value) -> PyResult<Vec<f64>> {
    let mut total = 0.0;
    let mut out = Vec::new();
    for weight in crate::iter::collect(interp, weights)? {
        total += float_arg(&weight)?;
        out.push(total);
    }
    Ok(out)
}

/// `choices(population, weights=None, *, cum_weights=None, k=1)`, drawing
/// as CPython's `Random.choices` does (one `random()` per pick).
fn choices(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = crate::call::Args::new("choices", args, kwnames);
    let cum_weights = call.keyword("cum_weights").cloned();
    let k = call.keyword("k").cloned();
    let weights = call.keyword("weights").cloned();
    call.finish()?;
    call.arity(1, 2)?;
    let population = call.positional[0].clone();
    let weights = call.positional.get(1).cloned().or(weights);
    let k = match k {
        None => 1,
        Some(Value::Int(k)) => k.max(0) as usize,
        Some(other) => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let n = crate::builtins::length(&population)?;
    let pick = |interp: &mut Interp, i: usize| {
        crate::subscript::get_item(interp, &population, &Value::Int(i as i64))
    };
    let cumulative = match (weights, cum_weights) {
        (None | Some(Value::None), None | Some(Value::None)) => {
            let mut out = Vec::with_capacity(k);
            for _ in 0..k {
                let i = (state(interp).random() * n as f64).floor() as usize;
                out.push(pick(interp, i)?);
            }
            return Ok(Value::list(out));
        }
        (Some(weights), None | Some(Value::None)) => accumulated(interp, &weights)?,
        (None | Some(Value::None), Some(cumulative)) => crate::iter::collect(interp, &cumulative)?
            .iter()
            .map(float_arg)
            .collect::<PyResult<_>>()?,
        _ => {
            return Err(type_error(
                "Cannot specify both weights and cumulative weights",
            ))
        }
    };
    if cumulative.len() != n {
        return Err(value_error(
            "The number of weights does not match the population",
        ));
    }
    let total = cumulative.last().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return Err(value_error("Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(value_error("Total of weights must be finite"));
    }
    let hi = n - 1;
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = state(interp).random() * total;
        // bisect_right(cumulative, x, 0, hi)
        let i = cumulative[..hi].partition_point(|w| *w <= x);
        out.push(pick(interp, i)?);
    }
    Ok(Value::list(out))
}

fn shuffle(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let [Value::List(list)] = args else {
        return Err(type_error("shuffle() argument must be a list"));
    };
    let length = list.len();
    for i in (1..length).rev() {
        let j = state(interp).below_usize(i + 1);
        list.items.borrow_mut().swap(i, j);
    }
    Ok(Value::None)
}

fn sample(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("sample", kwnames)?;
    let [population, k] = args else {
        return Err(type_error("sample() takes exactly 2 arguments"));
    };
    let population = crate::iter::collect(interp, population)?;
    let n = population.len();
    let k = match k {
        Value::Int(k) if *k >= 0 && (*k as usize) <= n => *k as usize,
        Value::Int(_) => return Err(value_error("Sample larger than population or is negative")),
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let mut set_size = 21usize;
    if k > 5 {
        set_size += 4usize.pow(((k * 3) as f64).log(4.0).ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= set_size {
        let mut pool = population.clone();
        for i in 0..k {
            let j = state(interp).below_usize(n - i);
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = state(interp).below_usize(n);
            while selected.contains(&j) {
                j = state(interp).below_usize(n);
            }
            selected.insert(j);
            result.push(population[j].clone());
        }
    }
    Ok(Value::list(result))
}

fn uniform(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let [a, b] = args else {
        return Err(type_error("uniform() takes exactly 2 arguments"));
    };
    let (a, b) = (float_arg(a)?, float_arg(b)?);
    Ok(Value::Float(a + (b - a) * state(interp).random()))
}

fn gauss(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let mu = args.first().map(float_arg).transpose()?.unwrap_or(0.0);
    let sigma = args.get(1).map(float_arg).transpose()?.unwrap_or(1.0);
    let generator = state(interp);
    let z = match generator.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = generator.random() * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - generator.random()).ln()).sqrt();
            generator.gauss_next = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    };
    Ok(Value::Float(mu + z * sigma))
}

static FUNCTIONS: &[Builtin] = &[
    Builtin {
        name: "seed",
        func: seed,
    },
    Builtin {
        name: "random",
        func: random,
    },
    Builtin {
        name: "getrandbits",
        func: getrandbits,
    },
    Builtin {
        name: "randrange",
        func: randrange,
    },
    Builtin {
        name: "randint",
        func: randint,
    },
    Builtin {
        name: "choice",
        func: choice,
    },
    Builtin {
        name: "shuffle",
        func: shuffle,
    },
    Builtin {
        name: "sample",
        func: sample,
    },
    Builtin {
        name: "uniform",
        func: uniform,
    },
    Builtin {
        name: "gauss",
        func: gauss,
    },
    Builtin {
        name: "choices",
        func: choices,
    },
];

/// The module-level function `name` (`random_class.rs` runs them on an
/// instance's generator).
pub fn function(name: &str) -> Option<&'static Builtin> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    let constants = super::random_class::class()
        .map(|class| vec![("Random", class)])
        .unwrap_or_default();
    module("random", &functions, constants)
}
