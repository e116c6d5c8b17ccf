//! What the JIT did in a run, for `pvm run --jit-stats` and `--jit-dump`:
//! per compiled code object its compile time, machine-code size and how
//! many of its instructions are inline or call helpers; the code objects
//! declined and why; and (when counting) how many executed instructions ran
//! in compiled code. It only records; it never decides anything.

use crate::jitcode::Decline;
use pvm_runtime::RtCode;
use std::cell::RefCell;
use std::time::Duration;

/// One compiled code object.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub name: String,
    pub first_line: u32,
    pub compile_time: Duration,
    pub code_bytes: usize,
    /// Bytecode instructions compiled (reachable ones).
    pub instructions: usize,
    /// Of those, how many are emitted inline (no helper on their fast path).
    pub inline: usize,
    /// How many always call their opcode's helper.
    pub helpers: usize,
}

/// One declined code object.
#[derive(Clone, Debug)]
pub struct Declined {
    pub name: String,
    pub first_line: u32,
    pub reason: Decline,
}

/// Everything recorded so far in this thread's runs.
#[derive(Default, Clone, Debug)]
pub struct Stats {
    pub compiled: Vec<Compiled>,
    pub declined: Vec<Declined>,
    /// Instructions run by the warm-up interpreter (when counting).
    pub warm_instructions: u64,
    /// Instructions run in compiled code (when counting).
    pub compiled_instructions: u64,
    /// `--jit-dump`: the listing of each code object that matched.
    pub dumps: Vec<String>,
}

impl Stats {
    /// The share of executed instructions that ran in compiled code.
    pub fn compiled_share(&self) -> f64 {
        let total = self.warm_instructions + self.compiled_instructions;
        if total == 0 {
            0.0
        } else {
            self.compiled_instructions as f64 / total as f64
        }
    }

    /// The report `--jit-stats` prints.
    pub fn report(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let total: Duration = self.compiled.iter().map(|c| c.compile_time).sum();
        let _ = writeln!(
            out,
            "jit: {} code objects compiled in {:.2} ms, {} declined",
            self.compiled.len(),
            total.as_secs_f64() * 1e3,
            self.declined.len()
        );
        let executed = self.warm_instructions + self.compiled_instructions;
        if executed > 0 {
            let _ = writeln!(
                out,
                "jit: {} instructions executed, {:.2}% in compiled code ({} in the warm-up interpreter)",
                executed,
                100.0 * self.compiled_share(),
                self.warm_instructions
            );
        }
        if !self.compiled.is_empty() {
            let _ = writeln!(
                out,
                "{:>10} {:>8} {:>7} {:>7} {:>7}  code object",
                "compile µs", "bytes", "instrs", "inline", "helper"
            );
        }
        for c in &self.compiled {
            let _ = writeln!(
                out,
                "{:>10.0} {:>8} {:>7} {:>7} {:>7}  {} (line {})",
                c.compile_time.as_secs_f64() * 1e6,
                c.code_bytes,
                c.instructions,
                c.inline,
                c.helpers,
                c.name,
                c.first_line
            );
        }
        for d in &self.declined {
            let _ = writeln!(
                out,
                "declined: {} (line {}): {}",
                d.name, d.first_line, d.reason
            );
        }
        out
    }
}

thread_local! {
    static STATS: RefCell<Stats> = RefCell::new(Stats::default());
}

/// A snapshot of what has been recorded.
pub fn take() -> Stats {
    STATS.with(|s| {
        let mut stats = s.borrow().clone();
        stats.compiled_instructions += compiled_counter();
        stats
    })
}

/// Forgets everything recorded so far, so the next run's statistics are
/// its own (`pvm explain` runs a program several times in one process).
pub fn reset() {
    STATS.with(|s| *s.borrow_mut() = Stats::default());
    // SAFETY: written on the thread that runs compiled code, between runs.
    unsafe { std::ptr::addr_of_mut!(COMPILED_INSTRUCTIONS).write(0) };
}

pub(crate) fn compiled(record: Compiled) {
    STATS.with(|s| s.borrow_mut().compiled.push(record));
}

pub(crate) fn dump(listing: String) {
    STATS.with(|s| s.borrow_mut().dumps.push(listing));
}

pub(crate) fn declined(code: &RtCode, reason: &Decline) {
    STATS.with(|s| {
        s.borrow_mut().declined.push(Declined {
            name: code.qualname.as_str().to_string(),
            first_line: code.code.first_line,
            reason: reason.clone(),
        })
    });
}

pub(crate) fn count_warm(executed: u64) {
    STATS.with(|s| s.borrow_mut().warm_instructions += executed);
}

/// The counter compiled code increments once per instruction when counting
/// (a plain word at a fixed address; pvm runs Python on one thread).
pub(crate) static mut COMPILED_INSTRUCTIONS: u64 = 0;

fn compiled_counter() -> u64 {
    // SAFETY: read on the thread that runs compiled code, between runs.
    unsafe { std::ptr::addr_of!(COMPILED_INSTRUCTIONS).read() }
}
