//! Start-up time with a cold and a warm bytecode cache: what `__pycache__`
//! buys each interpreter.
//!
//! One measurement is a fresh process that only imports a program as a
//! module (its `if __name__ == "__main__"` part does not run), so the time
//! is start-up plus compiling or loading that module. *Cold*: the cache
//! folder (a `--pycache-prefix` of the run's own) is empty, so the module is
//! compiled and its cache file written. *Warm*: the same folder straight
//! after, so the cache file is read instead. A last row imports every
//! program of the suite in one process, where compiling weighs more. This
//! module measures and tabulates; it never touches the suite's folder.

use super::process::{self, Cache, Interpreter, Outcome};
use super::stats;
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

/// The name of the row that imports every program at once.
pub const ALL_PROGRAMS: &str = "(all programs)";

/// One (modules, interpreter) pair: whole-process wall times in ms.
#[derive(Serialize, Clone)]
pub struct Startup {
    pub program: String,
    pub backend: String,
    pub cold_ms: Vec<f64>,
    pub warm_ms: Vec<f64>,
}

impl Startup {
    pub fn new(program: &str, backend: &str) -> Startup {
        Startup {
            program: program.to_string(),
            backend: backend.to_string(),
            cold_ms: Vec::new(),
            warm_ms: Vec::new(),
        }
    }

    fn medians(&self) -> Option<(f64, f64)> {
        (!self.cold_ms.is_empty() && !self.warm_ms.is_empty())
            .then(|| (stats::median(&self.cold_ms), stats::median(&self.warm_ms)))
    }
}

/// Runs one cold and one warm process for `entry`, importing `modules`
/// from `folder`; `scratch` is a folder of this run's own. A process that
/// fails records nothing (the correctness gate reports failures).
pub fn measure(
    entry: &mut Startup,
    interpreter: &Interpreter,
    modules: &[String],
    folder: &Path,
    scratch: &Path,
    timeout: Duration,
) {
    let Ok(cache) = tempfile::tempdir_in(scratch) else {
        return;
    };
    let script = cache.path().join("start.py");
    let imports: String = modules.iter().map(|m| format!("import {m}\n")).collect();
    let text = format!(
        "import sys\nsys.path.insert(0, {:?})\n{imports}",
        folder.display().to_string()
    );
    if std::fs::write(&script, text).is_err() {
        return;
    }
    let prefix = Cache::Under(cache.path().join("pycache"));
    let args = [script.display().to_string()];
    let time = || match process::run(&interpreter.command, &args, timeout, &prefix) {
        Outcome::Completed { seconds, .. } => Some(seconds * 1000.0),
        _ => None,
    };
    if let (Some(cold), Some(warm)) = (time(), time()) {
        entry.cold_ms.push(cold);
        entry.warm_ms.push(warm);
    }
}

/// The report's section: median cold and warm times per program and
/// backend, and how much the warm cache saves.
pub fn markdown(entries: &[Startup], backends: &[String]) -> String {
    let mut md = String::from(
        "\n## Start-up with a cold and a warm cache\n\nWhole-process wall time of a process that only imports the program (median over processes): *cold* compiles it and writes the cache file, *warm* reads that file. Both include the interpreter's own start-up.\n\n| program |",
    );
    for b in backends {
        md.push_str(&format!(" {b} cold → warm |"));
    }
    md.push_str("\n|---|");
    md.push_str(&"---|".repeat(backends.len()));
    md.push('\n');
    let mut programs: Vec<&str> = entries.iter().map(|e| e.program.as_str()).collect();
    programs.dedup();
    for program in programs {
        md.push_str(&format!("| {program} |"));
        for backend in backends {
            let cell = entries
                .iter()
                .find(|e| e.program == program && &e.backend == backend)
                .and_then(Startup::medians)
                .map(|(cold, warm)| format!(" {cold:.1} → {warm:.1} ms ({:+.1} ms) |", warm - cold))
                .unwrap_or_else(|| " — |".to_string());
            md.push_str(&cell);
        }
        md.push('\n');
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_shows_medians_and_the_saving() {
        let mut fib = Startup::new("fib", "switch");
        fib.cold_ms = vec![12.0, 10.0, 11.0];
        fib.warm_ms = vec![8.0, 9.0, 7.0];
        let failed = Startup::new("fib", "cpython");
        let md = markdown(&[fib, failed], &["switch".into(), "cpython".into()]);
        assert!(md.contains("| fib | 11.0 → 8.0 ms (-3.0 ms) | — |"), "{md}");
    }
}
