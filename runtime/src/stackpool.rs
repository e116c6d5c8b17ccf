//! Spare value and frame stacks for nested runs. A builtin that calls back
//! into Python (every `__init__` of a new object, `key=` functions, each
//! generator resumption) runs on a fresh stack; taking it from here means
//! that run allocates nothing. Each backend keeps one pool per thread of its
//! own frame type; this module holds the policy, not the pool.

use crate::Value;

/// Recycled `(values, frames)` stack pairs.
pub struct StackPool<F> {
    spare: Vec<(Vec<Value>, Vec<F>)>,
}

impl<F> StackPool<F> {
    pub const fn new() -> StackPool<F> {
        StackPool { spare: Vec::new() }
    }

    /// A pair of empty stacks, recycled when there is one.
    pub fn take(&mut self) -> (Vec<Value>, Vec<F>) {
        self.spare.pop().unwrap_or_default()
    }

    /// Gives stacks back (emptied); kept only while small and few.
    pub fn give(&mut self, mut values: Vec<Value>, mut frames: Vec<F>) {
        values.clear();
        frames.clear();
        if values.capacity() <= 1 << 16 && frames.capacity() <= 1 << 12 && self.spare.len() < 64 {
            self.spare.push((values, frames));
        }
    }
}

impl<F> Default for StackPool<F> {
    fn default() -> Self {
        Self::new()
    }
}
