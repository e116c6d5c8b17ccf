//! How much of the running thread's native (Rust) stack is left, for the
//! places where Rust code recurses with the program: a builtin calling
//! back into Python (`frames::call_function`), a generator resumed inside
//! another (`frames::run_on`), compiled code nesting a call, `repr` and
//! comparison of nested containers. Each asks `check` before it goes one
//! level deeper, and past the floor the program gets `RecursionError`
//! instead of the process dying of a stack overflow, however high
//! `sys.setrecursionlimit` was set.
//!
//! The floor is the bottom of the thread's stack (from
//! `pthread_getattr_np`, so it is right for the 1 GiB interpreter thread,
//! the main thread and test threads alike) plus a margin for the Rust code
//! that runs between two checks, and at most 256 MiB below the top.
//! Interpreted Python-to-Python calls never come here: they take no
//! native stack.

use crate::exceptions::{recursion_error, PyErr, PyResult};
use std::cell::Cell;

thread_local! {
    /// The lowest stack address a check lets code go on below: the
    /// highest address until this thread's stack is measured, so that the
    /// first check takes the slow path, which measures it.
    static FLOOR: Cell<usize> = const { Cell::new(usize::MAX) };
    static MEASURED: Cell<bool> = const { Cell::new(false) };
}

/// Raises `RecursionError` ("maximum recursion depth exceeded" and
/// `context`, CPython's wording for where it was) when the native stack
/// is nearly used up.
#[inline]
pub fn check(context: &'static str) -> PyResult<()> {
    if exhausted() {
        return Err(exceeded(context));
    }
    Ok(())
}

/// Whether the stack is below the floor here: a thread-local load and a
/// comparison with the stack pointer.
#[inline]
pub fn exhausted() -> bool {
    let here = stack_pointer();
    here < FLOOR.with(Cell::get) && below_measured_floor(here)
}

/// The current stack pointer (near enough: the address of a local where
/// the architecture gives no cheaper way).
#[inline(always)]
fn stack_pointer() -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let sp: usize;
        // SAFETY: reads the stack pointer register; touches no memory.
        unsafe {
            std::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags));
        }
        sp
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let marker = 0u8;
        std::hint::black_box(&marker) as *const u8 as usize
    }
}

/// The slow side of `exhausted`: measures the stack on a thread's first
/// check, then compares again.
#[cold]
#[inline(never)]
fn below_measured_floor(here: usize) -> bool {
    if !MEASURED.with(Cell::get) {
        MEASURED.with(|m| m.set(true));
        FLOOR.with(|f| f.set(measure()));
    }
    here < FLOOR.with(Cell::get)
}

#[cold]
fn exceeded(context: &str) -> PyErr {
    recursion_error(format!("maximum recursion depth exceeded{context}"))
}

/// The most native stack that recursion through Rust may take: thousands
/// of levels even in a debug build (CPython's C stack allows fewer), while
/// a runaway one touches no more memory than this.
const MOST: usize = 256 << 20;

/// Reads this thread's stack bounds and records its floor: the lowest
/// address plus an eighth of the size (between 256 KiB and 64 MiB), or
/// `MOST` below the top if that is higher.
#[cold]
fn measure() -> usize {
    match stack_bounds() {
        Some((lowest, size)) => {
            let margin = (size / 8).clamp(256 << 10, 64 << 20);
            (lowest + margin).max((lowest + size).saturating_sub(MOST))
        }
        // Unknown bounds: never refuse (the recursion limit still holds).
        None => 0,
    }
}

/// The lowest address and the size of the calling thread's stack.
fn stack_bounds() -> Option<(usize, usize)> {
    // SAFETY: `attr` is initialised by pthread_getattr_np before it is read
    // and destroyed once; the out-pointers are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut lowest: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let found = libc::pthread_attr_getstack(&attr, &mut lowest, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        (found == 0 && size > 0).then_some((lowest as usize, size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recurse(levels: usize) -> PyResult<usize> {
        check(" while testing")?;
        let padding = std::hint::black_box([0u8; 512]);
        Ok(recurse(levels + 1)? + padding[levels % 512] as usize)
    }

    #[test]
    fn unbounded_rust_recursion_ends_in_a_recursion_error() {
        let error = std::thread::Builder::new()
            .stack_size(4 << 20)
            .spawn(|| match recurse(0) {
                Err(error) => error.0.exception.args.borrow()[0]
                    .as_str()
                    .map(String::from),
                Ok(_) => None,
            })
            .expect("a thread")
            .join()
            .expect("no stack overflow");
        assert_eq!(
            error.as_deref(),
            Some("maximum recursion depth exceeded while testing")
        );
        assert!(!exhausted());
    }
}
