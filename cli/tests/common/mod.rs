//! Helpers the `pvm` command's integration tests share: which backends are
//! registered, and every way a program is run to be checked (each backend,
//! and the JIT both at its default threshold and compiling everything at
//! the first call, with its statistics read back to prove compiled code ran).

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The backends `pvm backends` lists, by name.
pub fn registered_backends() -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .arg("backends")
        .output()
        .expect("pvm runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

/// One way of running programs: a backend and its options.
#[derive(Clone, Debug)]
pub struct Configuration {
    /// How failures name it (`jit`, `jit --jit-threshold 0`).
    pub label: String,
    pub backend: String,
    /// `--jit-threshold`, for the JIT.
    pub threshold: Option<u32>,
}

/// Every registered backend; the JIT twice, at its default threshold and
/// at 0 (every code object compiled at its first call).
pub fn configurations() -> Vec<Configuration> {
    let mut all = Vec::new();
    for backend in registered_backends() {
        all.push(Configuration {
            label: backend.clone(),
            backend: backend.clone(),
            threshold: None,
        });
        if backend == "jit" {
            all.push(Configuration {
                label: "jit --jit-threshold 0".into(),
                backend,
                threshold: Some(0),
            });
        }
    }
    all
}

/// How many instructions a JIT run executed, and how many of them in
/// compiled code (from `--jit-stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Executed {
    pub total: u64,
    pub compiled: u64,
    /// Code objects the JIT declined as too large to compile.
    pub too_large: u64,
}

impl std::ops::AddAssign for Executed {
    fn add_assign(&mut self, other: Executed) {
        self.total += other.total;
        self.compiled += other.compiled;
        self.too_large += other.too_large;
    }
}

impl Executed {
    pub fn share(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.compiled as f64 / self.total as f64
        }
    }
}

impl Configuration {
    /// Runs `pvm run` with this configuration, `args` after the backend
    /// options; for the JIT, also what its statistics say ran.
    pub fn run(&self, args: &[&str], dir: Option<&std::path::Path>) -> (Output, Option<Executed>) {
        let stats = self.is_jit().then(|| {
            tempfile::Builder::new()
                .prefix("pvm-jit-stats")
                .tempfile()
                .expect("a temporary file")
                .into_temp_path()
        });
        let mut command = Command::new(env!("CARGO_BIN_EXE_pvm"));
        command.args(["run", "--backend", &self.backend]);
        if let Some(threshold) = self.threshold {
            command.args(["--jit-threshold", &threshold.to_string()]);
        }
        if let Some(path) = &stats {
            command.arg(format!("--jit-stats={}", path.display()));
        }
        command.args(args);
        if let Some(dir) = dir {
            command.current_dir(dir);
        }
        let output = command.output().expect("pvm runs");
        let executed = stats.map(|path| {
            let report = std::fs::read_to_string(&path).unwrap_or_default();
            executed_from(&report)
        });
        (output, executed)
    }

    pub fn is_jit(&self) -> bool {
        self.backend == "jit"
    }
}

/// Reads "jit: N instructions executed, P% in compiled code (W in the
/// warm-up interpreter)" and the "declined: ...: too large" lines from a
/// `--jit-stats` report.
fn executed_from(report: &str) -> Executed {
    let mut executed = Executed::default();
    for line in report.lines() {
        if line.starts_with("declined: ") && line.contains(": too large: ") {
            executed.too_large += 1;
        }
        let Some(rest) = line.strip_prefix("jit: ") else {
            continue;
        };
        let Some((total, rest)) = rest.split_once(" instructions executed") else {
            continue;
        };
        let warm = rest
            .split_once('(')
            .and_then(|(_, w)| w.split_whitespace().next())
            .and_then(|w| w.parse::<u64>().ok());
        if let (Ok(total), Some(warm)) = (total.parse::<u64>(), warm) {
            executed.total = total;
            executed.compiled = total - warm.min(total);
        }
    }
    executed
}

/// A scratch folder for one test's files.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pvm-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    dir
}
