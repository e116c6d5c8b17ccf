//! Memory a program asks for, answered with `MemoryError` instead of an
//! abort: sizes computed with checked arithmetic, and the buffers of
//! lists, strings and bytes grown through fallible reservation
//! (`try_reserve`), never through `Vec::push`'s growth, which calls
//! `handle_alloc_error` and aborts the process when the allocator fails.
//!
//! One object may take at most the memory limit: `pvm run --memory-limit`,
//! or by default half the machine's memory, lowered to the process's
//! `RLIMIT_AS` or `RLIMIT_DATA` when those are smaller. Past it, or when
//! the allocator refuses, the growth raises `MemoryError` (CPython's, with
//! no message). With overcommit a reservation the kernel grants may still
//! fail later when touched; the limit keeps any one object well inside the
//! machine so that does not happen to a single runaway container.
//!
//! Small allocations elsewhere (a new object, a short string) still go
//! through the infallible global allocator: this module does not track
//! the process's total use, and it is not on the hot paths' fast side
//! (`reserve` costs one capacity comparison when there is room).

use crate::exceptions::{PyErr, PyResult};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Bytes one object may take; 0 until set or first computed.
static LIMIT: AtomicUsize = AtomicUsize::new(0);

/// Sets the limit on one object's size, in bytes (`--memory-limit`).
pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes.max(1 << 20), Relaxed);
}

/// The most bytes one object may take.
pub fn limit() -> usize {
    match LIMIT.load(Relaxed) {
        0 => {
            let computed = default_limit();
            LIMIT.store(computed, Relaxed);
            computed
        }
        set => set,
    }
}

/// Half the physical memory, or the address-space or data limit if lower.
#[cold]
fn default_limit() -> usize {
    // SAFETY: sysconf and getrlimit only write the given struct.
    unsafe {
        let pages = libc::sysconf(libc::_SC_PHYS_PAGES);
        let page = libc::sysconf(libc::_SC_PAGESIZE);
        let mut limit = if pages > 0 && page > 0 {
            (pages as usize).saturating_mul(page as usize) / 2
        } else {
            isize::MAX as usize
        };
        for resource in [libc::RLIMIT_AS, libc::RLIMIT_DATA] {
            let mut rlimit: libc::rlimit = std::mem::zeroed();
            if libc::getrlimit(resource, &mut rlimit) == 0 && rlimit.rlim_cur != libc::RLIM_INFINITY
            {
                limit = limit.min(rlimit.rlim_cur as usize);
            }
        }
        limit
    }
}

/// `MemoryError()`, as CPython raises it when an allocation fails.
#[cold]
pub fn no_memory() -> PyErr {
    PyErr::new(&crate::types::MEMORY_ERROR, Vec::new())
}

/// The bytes of `count` items of `each` bytes, if one object may take them.
#[inline]
pub fn size_of(count: usize, each: usize) -> PyResult<usize> {
    match count.checked_mul(each) {
        Some(bytes) if bytes <= limit() => Ok(bytes),
        _ => Err(no_memory()),
    }
}

/// Room for `additional` more items in `items`, growing it by at least
/// half (amortised, like `Vec`'s own growth) within the limit.
#[inline(always)]
pub fn reserve<T>(items: &mut Vec<T>, additional: usize) -> PyResult<()> {
    if items.capacity() - items.len() >= additional {
        return Ok(());
    }
    grow(items, additional)
}

#[cold]
#[inline(never)]
fn grow<T>(items: &mut Vec<T>, additional: usize) -> PyResult<()> {
    let each = std::mem::size_of::<T>().max(1);
    let wanted = items.len().checked_add(additional).ok_or_else(no_memory)?;
    size_of(wanted, each)?;
    let most = limit() / each;
    let target = wanted.max(items.capacity().saturating_mul(2)).max(8);
    let target = target.min(most).max(wanted);
    if items.try_reserve_exact(target - items.len()).is_ok() {
        return Ok(());
    }
    items.try_reserve_exact(additional).map_err(|_| no_memory())
}

/// Appends `item`, or raises `MemoryError`.
#[inline(always)]
pub fn push<T>(items: &mut Vec<T>, item: T) -> PyResult<()> {
    reserve(items, 1)?;
    items.push(item);
    Ok(())
}

/// An empty vector with room for `count` items.
pub fn with_capacity<T>(count: usize) -> PyResult<Vec<T>> {
    let mut items = Vec::new();
    reserve(&mut items, count)?;
    Ok(items)
}

/// Room for `additional` more bytes in `text`.
pub fn reserve_str(text: &mut String, additional: usize) -> PyResult<()> {
    let wanted = text.len().checked_add(additional).ok_or_else(no_memory)?;
    size_of(wanted, 1)?;
    text.try_reserve_exact(additional).map_err(|_| no_memory())
}

/// `items * count` for any slice of clonable items (list, tuple, bytes).
pub fn repeat<T: Clone>(items: &[T], count: usize) -> PyResult<Vec<T>> {
    let total = items.len().checked_mul(count).ok_or_else(no_memory)?;
    let mut out = with_capacity(total)?;
    if !items.is_empty() {
        for _ in 0..count {
            out.extend_from_slice(items);
        }
    }
    Ok(out)
}

/// `text * count`.
pub fn repeat_str(text: &str, count: usize) -> PyResult<String> {
    let total = text.len().checked_mul(count).ok_or_else(no_memory)?;
    let mut out = String::new();
    reserve_str(&mut out, total)?;
    if !text.is_empty() {
        for _ in 0..count {
            out.push_str(text);
        }
    }
    Ok(out)
}

/// `a + b` for two slices, sized with checked arithmetic.
pub fn concat<T: Clone>(a: &[T], b: &[T]) -> PyResult<Vec<T>> {
    let total = a.len().checked_add(b.len()).ok_or_else(no_memory)?;
    let mut out = with_capacity(total)?;
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    Ok(out)
}

/// `separator.join(parts)` for `count` parts, `part(i)` each: sized in a
/// first pass with checked arithmetic, then filled, so the result is
/// allocated once and nothing else is.
pub fn join<'a, T: Copy + 'a>(
    separator: &[T],
    count: usize,
    part: impl Fn(usize) -> &'a [T],
) -> PyResult<Vec<T>> {
    let mut total = separator
        .len()
        .checked_mul(count.saturating_sub(1))
        .ok_or_else(no_memory)?;
    for i in 0..count {
        total = total.checked_add(part(i).len()).ok_or_else(no_memory)?;
    }
    let mut out = with_capacity(total)?;
    for i in 0..count {
        if i > 0 {
            out.extend_from_slice(separator);
        }
        out.extend_from_slice(part(i));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_memory_error<T>(result: PyResult<T>) -> bool {
        matches!(result, Err(e) if e.is(&crate::types::MEMORY_ERROR))
    }

    #[test]
    fn sizes_past_the_limit_or_overflowing_are_memory_errors() {
        assert!(is_memory_error(size_of(usize::MAX, 2)));
        assert!(is_memory_error(size_of(limit() + 1, 1)));
        assert!(is_memory_error(repeat(&[1u64], 1 << 62)));
        assert!(is_memory_error(repeat_str("ab", usize::MAX / 2 + 1)));
        assert!(is_memory_error(with_capacity::<u128>(usize::MAX / 4)));
        assert_eq!(size_of(3, 16).ok(), Some(48));
    }

    #[test]
    fn repetition_and_growth_keep_their_items() {
        assert_eq!(repeat(&[1, 2], 3).ok(), Some(vec![1, 2, 1, 2, 1, 2]));
        assert_eq!(repeat::<u8>(&[], 1 << 40).ok(), Some(vec![]));
        assert_eq!(repeat_str("ab", 2).ok().as_deref(), Some("abab"));
        assert_eq!(repeat_str("", usize::MAX).ok().as_deref(), Some(""));
        let mut items = vec![1u8];
        for i in 0..100 {
            push(&mut items, i).expect("room");
        }
        assert_eq!(items.len(), 101);
        assert_eq!(concat(&[1], &[2, 3]).ok(), Some(vec![1, 2, 3]));
        let parts: [&[u8]; 3] = [b"a", b"", b"bc"];
        assert_eq!(join(b", ", 3, |i| parts[i]).ok(), Some(b"a, , bc".to_vec()));
        assert_eq!(join(b", ", 0, |i| parts[i]).ok(), Some(vec![]));
    }
}
