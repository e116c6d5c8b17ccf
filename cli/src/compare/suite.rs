//! The benchmark suite: the programs of a folder (every `.py` file that
//! defines `bench()`), described by an optional `suite.toml`:
//!
//! ```toml
//! [programs.fib]
//! description = "Recursive Fibonacci: call overhead"
//! tags = ["recursion", "calls"]
//! iterations = 10
//! ```
//!
//! A program written for pyperf instead (pyperformance's, unchanged) says
//! `driver = "pyperf"`: it needs no `bench()`, runs as a script with
//! `arguments`, and the folder's own `pyperf.py` times the function it
//! hands to `Runner.bench_func` (see `pyperformance.rs`). This module only
//! reads the folder; it never runs anything.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize, Default)]
struct Manifest {
    #[serde(default)]
    programs: BTreeMap<String, Entry>,
}

#[derive(Deserialize, Default, Clone)]
struct Entry {
    #[serde(default)]
    description: String,
    #[serde(default)]
    tags: Vec<String>,
    iterations: Option<usize>,
    #[serde(default)]
    driver: Driver,
    #[serde(default)]
    arguments: Vec<String>,
}

/// How a program is timed in-process.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Driver {
    /// pvm's driver imports the program and times each call of `bench()`.
    #[default]
    Bench,
    /// The program runs as a script; the folder's `pyperf.py` stand-in
    /// times what it gives `Runner.bench_func`/`bench_time_func`.
    Pyperf,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
pub struct Program {
    pub name: String,
    pub path: PathBuf,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub iterations: usize,
    #[serde(default)]
    pub driver: Driver,
    /// Command-line arguments of a `pyperf`-driven program.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arguments: Vec<String>,
}

/// The programs of `folder` whose name or one of whose tags is in `filter`
/// (all when `filter` is empty), sorted by name.
pub fn load(folder: &Path, filter: &[String]) -> Result<Vec<Program>, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        format!(
            "cannot read the suite folder {}: {e}\n\
             (give the folder of benchmark programs, each defining bench(): \
             `pvm compare PATH/TO/pvm/bench-suite/`, or `pvm compare --pyperformance`)",
            folder.display()
        )
    })?;
    let manifest: Manifest = match std::fs::read_to_string(folder.join("suite.toml")) {
        Ok(text) => toml::from_str(&text).map_err(|e| format!("suite.toml: {e}"))?,
        Err(_) => Manifest::default(),
    };
    let mut programs = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "py") {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entry = manifest.programs.get(&name).cloned().unwrap_or_default();
        if entry.driver == Driver::Bench && !source.contains("def bench(") {
            continue;
        }
        let program = Program {
            name,
            path: std::path::absolute(&path).unwrap_or(path),
            description: entry.description,
            tags: entry.tags,
            iterations: entry.iterations.unwrap_or(5),
            driver: entry.driver,
            arguments: entry.arguments,
        };
        let wanted = filter.is_empty()
            || filter
                .iter()
                .any(|f| *f == program.name || program.tags.contains(f));
        if wanted {
            programs.push(program);
        }
    }
    programs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(programs)
}
