//! `itertools.product`, `permutations`, `combinations` and
//! `combinations_with_replacement`: index vectors over tuples of the
//! inputs, in the order CPython produces them.
//!
//! The other iterators of `itertools` are `itertools.rs` and
//! `itertools_tee.rs`; this file holds no module table.

use super::itertools::{index_arg, iterator_types};
use crate::call::Args;
use crate::exceptions::{type_error, PyResult};
use crate::iter::{collect, native, NativeIterator};
use crate::value::{PyStr, Value};
use crate::Interp;
use std::rc::Rc;

iterator_types! {
    PRODUCT = "product";
    PERMUTATIONS = "permutations";
    COMBINATIONS = "combinations";
    COMBINATIONS_WR = "combinations_with_replacement";
}

struct Product {
    pools: Vec<Vec<Value>>,
    indices: Vec<usize>,
    first: bool,
    done: bool,
}

impl NativeIterator for Product {
    fn next(&mut self, _: &mut Interp) -> PyResult<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        if self.first {
            self.first = false;
            if self.pools.iter().any(Vec::is_empty) {
                self.done = true;
                return Ok(None);
            }
        } else {
            let mut i = self.pools.len();
            loop {
                if i == 0 {
                    self.done = true;
                    return Ok(None);
                }
                i -= 1;
                self.indices[i] += 1;
                if self.indices[i] < self.pools[i].len() {
                    break;
                }
                self.indices[i] = 0;
            }
        }
        Ok(Some(Value::tuple(
            self.indices
                .iter()
                .zip(&self.pools)
                .map(|(&i, pool)| pool[i].clone())
                .collect(),
        )))
    }
}

pub(super) fn product(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let mut a = Args::new("product", args, kwnames);
    let times = match a.keyword("repeat") {
        Some(v) => index_arg(v, "repeat")?,
        None => 1,
    };
    a.finish()?;
    let mut pools = Vec::new();
    for iterable in a.positional {
        pools.push(collect(interp, iterable)?);
    }
    let pools: Vec<Vec<Value>> = (0..times).flat_map(|_| pools.iter().cloned()).collect();
    let indices = vec![0; pools.len()];
    Ok(native(
        &PRODUCT,
        Product {
            pools,
            indices,
            first: true,
            done: false,
        },
    ))
}

struct Permutations {
    pool: Vec<Value>,
    r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    first: bool,
    done: bool,
}

impl NativeIterator for Permutations {
    fn next(&mut self, _: &mut Interp) -> PyResult<Option<Value>> {
        let n = self.pool.len();
        if self.done || self.r > n {
            return Ok(None);
        }
        if self.first {
            self.first = false;
        } else {
            let mut advanced = false;
            for i in (0..self.r).rev() {
                self.cycles[i] -= 1;
                if self.cycles[i] == 0 {
                    let moved = self.indices.remove(i);
                    self.indices.push(moved);
                    self.cycles[i] = n - i;
                } else {
                    let j = self.cycles[i];
                    self.indices.swap(i, n - j);
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                self.done = true;
                return Ok(None);
            }
        }
        Ok(Some(Value::tuple(
            self.indices[..self.r]
                .iter()
                .map(|&i| self.pool[i].clone())
                .collect(),
        )))
    }
}

pub(super) fn permutations(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let mut a = Args::new("permutations", args, kwnames);
    let r_keyword = a.keyword("r").cloned();
    a.finish()?;
    a.arity(1, 2)?;
    let pool = collect(interp, &a.positional[0])?;
    let n = pool.len();
    let r = match a.positional.get(1).cloned().or(r_keyword) {
        None | Some(Value::None) => n,
        Some(v) => index_arg(&v, "r")?,
    };
    Ok(native(
        &PERMUTATIONS,
        Permutations {
            pool,
            r,
            indices: (0..n).collect(),
            cycles: (0..r.min(n)).map(|i| n - i).collect(),
            first: true,
            done: false,
        },
    ))
}

struct Combinations {
    pool: Vec<Value>,
    indices: Vec<usize>,
    with_replacement: bool,
    first: bool,
    done: bool,
}

impl NativeIterator for Combinations {
    fn next(&mut self, _: &mut Interp) -> PyResult<Option<Value>> {
        let n = self.pool.len();
        let r = self.indices.len();
        if self.done {
            return Ok(None);
        }
        if self.first {
            self.first = false;
            if (!self.with_replacement && r > n) || (n == 0 && r > 0) {
                self.done = true;
                return Ok(None);
            }
        } else {
            let limit = |i: usize| {
                if self.with_replacement {
                    n - 1
                } else {
                    i + n - r
                }
            };
            let Some(i) = (0..r).rev().find(|&i| self.indices[i] != limit(i)) else {
                self.done = true;
                return Ok(None);
            };
            self.indices[i] += 1;
            for j in i + 1..r {
                self.indices[j] = if self.with_replacement {
                    self.indices[i]
                } else {
                    self.indices[j - 1] + 1
                };
            }
        }
        Ok(Some(Value::tuple(
            self.indices.iter().map(|&i| self.pool[i].clone()).collect(),
        )))
    }
}

fn combinations_of(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
    with_replacement: bool,
) -> PyResult<Value> {
    let name = if with_replacement {
        "combinations_with_replacement"
    } else {
        "combinations"
    };
    let mut a = Args::new(name, args, kwnames);
    let r_keyword = a.keyword("r").cloned();
    a.finish()?;
    let (Some(iterable), Some(r)) = (
        a.positional.first(),
        a.positional.get(1).cloned().or(r_keyword),
    ) else {
        return Err(type_error(format!(
            "{name}() missing required argument 'r' (pos 2)"
        )));
    };
    let pool = collect(interp, iterable)?;
    let r = index_arg(&r, "r")?;
    let indices = if with_replacement {
        vec![0; r]
    } else {
        (0..r).collect()
    };
    let kind = if with_replacement {
        &COMBINATIONS_WR
    } else {
        &COMBINATIONS
    };
    Ok(native(
        kind,
        Combinations {
            pool,
            indices,
            with_replacement,
            first: true,
            done: false,
        },
    ))
}

pub(super) fn combinations(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    combinations_of(interp, args, kwnames, false)
}

pub(super) fn combinations_with_replacement(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    combinations_of(interp, args, kwnames, true)
}
