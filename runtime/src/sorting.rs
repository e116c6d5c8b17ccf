//! The order `list.sort` and `sorted` compare in: only `<`, one call per
//! comparison, stable, and never a crash when a class's `__lt__` is not a
//! total order (it only decides where items land, as in CPython).
//!
//! Lists shorter than 64 are sorted exactly as CPython's `listsort` sorts
//! them, comparison for comparison: the leading run (reversed when strictly
//! descending), then binary insertion of the rest; so a comparison that
//! raises raises between the same two items, with CPython's message. Longer
//! lists are cut into runs the same way (at least CPython's `minrun`
//! long) and merged pairwise, left before right on ties, without CPython's
//! galloping: the same result for a total order, other comparisons on the
//! way. Keys that are all ints, all strs or all floats without a NaN are
//! sorted by Rust's stable sort instead (`sort_total`): no Python code runs
//! then, so only the result shows. This module sorts positions; what `<`
//! means is the caller's.

use crate::exceptions::PyResult;
use crate::value::Value;

/// Sorts `order` by the keys `key` gives when they are all ints, all strs
/// or all floats without a NaN: total orders, whose comparisons run no
/// Python code and cannot fail, so the order of comparisons cannot show
/// and a stable sort gives CPython's result. Answers false, having done
/// nothing, for any other keys.
pub fn sort_total<'a>(order: &mut [usize], key: &dyn Fn(usize) -> &'a Value) -> bool {
    let all = |test: fn(&Value) -> bool| order.iter().all(|&i| test(key(i)));
    if all(|v| matches!(v, Value::Int(_))) {
        order.sort_by_key(|&i| match key(i) {
            Value::Int(n) => *n,
            _ => 0,
        });
    } else if all(|v| matches!(v, Value::Str(_))) {
        order.sort_by(|&a, &b| match (key(a), key(b)) {
            (Value::Str(x), Value::Str(y)) => x.as_str().cmp(y.as_str()),
            _ => std::cmp::Ordering::Equal,
        });
    } else if all(|v| matches!(v, Value::Float(f) if !f.is_nan())) {
        order.sort_by(|&a, &b| match (key(a), key(b)) {
            (Value::Float(x), Value::Float(y)) => {
                x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal)
            }
            _ => std::cmp::Ordering::Equal,
        });
    } else {
        return false;
    }
    true
}

/// Sorts `order` (positions into the caller's items) by `lt`, which says
/// whether the item at the first position is less than the one at the
/// second. Stops at the first error `lt` returns.
pub fn sort(
    order: &mut [usize],
    lt: &mut dyn FnMut(usize, usize) -> PyResult<bool>,
) -> PyResult<()> {
    let n = order.len();
    if n < 2 {
        return Ok(());
    }
    let minrun = min_run(n);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut lo = 0;
    while lo < n {
        let rest = &mut order[lo..];
        let mut len = count_run(rest, lt)?;
        if len < minrun {
            let force = minrun.min(rest.len());
            binary_insertion(&mut rest[..force], len, lt)?;
            len = force;
        }
        runs.push((lo, len));
        lo += len;
    }
    let mut merged = Vec::with_capacity(n);
    while runs.len() > 1 {
        let mut next = Vec::with_capacity(runs.len().div_ceil(2));
        for pair in runs.chunks(2) {
            match *pair {
                [(start, left), (_, right)] => {
                    merge(
                        &mut order[start..start + left + right],
                        left,
                        &mut merged,
                        lt,
                    )?;
                    next.push((start, left + right));
                }
                [one] => next.push(one),
                _ => unreachable!("chunks of two"),
            }
        }
        runs = next;
    }
    Ok(())
}

/// CPython's `merge_compute_minrun`: `n` itself below 64, else between 32
/// and 64 such that `n / minrun` is a power of two or just under one.
fn min_run(mut n: usize) -> usize {
    let mut extra = 0;
    while n >= 64 {
        extra |= n & 1;
        n >>= 1;
    }
    n + extra
}

/// CPython's `count_run`: the length of the run at the start of `items`,
/// ascending (each item not less than the one before) or strictly
/// descending, which is reversed in place.
fn count_run(
    items: &mut [usize],
    lt: &mut dyn FnMut(usize, usize) -> PyResult<bool>,
) -> PyResult<usize> {
    if items.len() == 1 {
        return Ok(1);
    }
    let mut n = 2;
    if lt(items[1], items[0])? {
        while n < items.len() && lt(items[n], items[n - 1])? {
            n += 1;
        }
        items[..n].reverse();
    } else {
        while n < items.len() && !lt(items[n], items[n - 1])? {
            n += 1;
        }
    }
    Ok(n)
}

/// CPython's `binarysort`: `items[..sorted]` is in order; each later item
/// is inserted after every item it is not less than.
fn binary_insertion(
    items: &mut [usize],
    sorted: usize,
    lt: &mut dyn FnMut(usize, usize) -> PyResult<bool>,
) -> PyResult<()> {
    for start in sorted.max(1)..items.len() {
        let pivot = items[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(pivot, items[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        items[l..=start].rotate_right(1);
    }
    Ok(())
}

/// Merges the sorted halves `items[..left]` and `items[left..]`, taking
/// from the right only when its item is less than the left's (stable).
fn merge(
    items: &mut [usize],
    left: usize,
    scratch: &mut Vec<usize>,
    lt: &mut dyn FnMut(usize, usize) -> PyResult<bool>,
) -> PyResult<()> {
    scratch.clear();
    let (mut i, mut j) = (0, left);
    while i < left && j < items.len() {
        if lt(items[j], items[i])? {
            scratch.push(items[j]);
            j += 1;
        } else {
            scratch.push(items[i]);
            i += 1;
        }
    }
    scratch.extend_from_slice(&items[i..left]);
    scratch.extend_from_slice(&items[j..]);
    items.copy_from_slice(scratch);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted_by_value(values: &[i64]) -> (Vec<usize>, usize) {
        let mut order: Vec<usize> = (0..values.len()).collect();
        let mut comparisons = 0;
        sort(&mut order, &mut |a, b| {
            comparisons += 1;
            Ok(values[a] < values[b])
        })
        .expect("no errors");
        (order, comparisons)
    }

    #[test]
    fn sorts_stably_at_every_size() {
        for n in [0, 1, 2, 3, 10, 63, 64, 65, 100, 1000, 5000] {
            // Many equal keys, so stability shows.
            let values: Vec<i64> = (0..n as i64).map(|i| (i * 7919) % 13).collect();
            let (order, _) = sorted_by_value(&values);
            for pair in order.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                assert!(
                    values[a] < values[b] || (values[a] == values[b] && a < b),
                    "n = {n}"
                );
            }
        }
    }

    #[test]
    fn small_lists_compare_as_cpython_does() {
        // CPython 3.11 sorts [3, 1, 2] with four comparisons: 1 < 3 starts
        // a descending run, 2 < 1 ends it, then 2 < 3 and 2 < 1 place the 2
        // (printed by a class whose __lt__ records them).
        let values = [3, 1, 2];
        let mut seen = Vec::new();
        let mut order: Vec<usize> = (0..3).collect();
        sort(&mut order, &mut |a, b| {
            seen.push((values[a], values[b]));
            Ok(values[a] < values[b])
        })
        .expect("no errors");
        assert_eq!(order, vec![1, 2, 0]);
        assert_eq!(seen, vec![(1, 3), (2, 1), (2, 3), (2, 1)]);
    }

    #[test]
    fn an_inconsistent_order_is_no_crash() {
        let mut state = 12345u64;
        for n in [5, 63, 64, 200, 3000] {
            let mut order: Vec<usize> = (0..n).collect();
            sort(&mut order, &mut |_, _| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                Ok(state >> 63 == 1)
            })
            .expect("no errors");
            let mut seen = order.clone();
            seen.sort();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }
}
