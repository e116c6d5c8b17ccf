//! `pvm compare --pyperformance`: prepares a suite folder of pyperformance's
//! benchmark programs, so that it runs exactly like `pvm compare
//! bench-suite/`. The programs are the pinned release's (`fetch.rs`),
//! copied unchanged as `NAME.py` and run at their default sizes, beside
//! `pyperf.py`, a stand-in for the pyperf module that is their in-process
//! driver (its docstring says how it times), and a generated `suite.toml`
//! that marks them `driver = "pyperf"` and gives each an iteration count.
//!
//! The folder lives in the user's cache (`$XDG_CACHE_HOME/pvm`, else
//! `~/.cache/pvm`), outside the checkout; only files whose content changed
//! are written. This module prepares; it never runs a program.

mod fetch;

use std::path::{Path, PathBuf};

/// The stand-in `pyperf` module, the programs' driver.
const STAND_IN: &str = include_str!("pyperf.py");

/// Per program: in-process iterations, the arguments it runs with, and
/// what it exercises. Iterations are chosen so one process times about
/// 0.3–1 s of work on CPython 3.11 (one call takes from 3 ms, deltablue,
/// to 0.6 s, fannkuch), enough iterations for the warm-up analysis where
/// calls are short. unpack_sequence's function is a few microseconds at
/// pyperf's one loop, so it runs 1000 loops per iteration (`--loops`).
const PROGRAMS: &[(&str, usize, &[&str], &str)] = &[
    (
        "chaos",
        6,
        &[],
        "Chaos-game fractal drawn with splines: floats, objects",
    ),
    (
        "coroutines",
        10,
        &[],
        "Recursive Fibonacci through coroutines driven by send()",
    ),
    (
        "deltablue",
        15,
        &[],
        "DeltaBlue one-way constraint solver: objects, method calls",
    ),
    ("fannkuch", 3, &[], "Fannkuch-redux: list permutations"),
    (
        "float",
        6,
        &[],
        "Creates, normalises and maximises 3-D points: floats, objects",
    ),
    (
        "generators",
        10,
        &[],
        "Walks a tree through recursive generators",
    ),
    (
        "go",
        5,
        &[],
        "Plays Go by Monte Carlo tree search: objects, lists",
    ),
    (
        "hexiom",
        15,
        &[],
        "Solves a Hexiom board by constraint search",
    ),
    (
        "meteor_contest",
        6,
        &[],
        "Meteor puzzle solver: sets, lists, recursion",
    ),
    (
        "nbody",
        6,
        &[],
        "N-body simulation of the gas giants: float arithmetic",
    ),
    (
        "nqueens",
        5,
        &[],
        "N-queens by brute force: permutations, generators, sets",
    ),
    ("pidigits", 4, &[], "Digits of pi by spigot: big integers"),
    (
        "raytrace",
        3,
        &[],
        "A ray tracer: objects, float arithmetic",
    ),
    (
        "richards",
        15,
        &[],
        "Richards operating-system simulation: objects, calls",
    ),
    (
        "scimark",
        3,
        &[],
        "SciMark 2 kernels (FFT, LU, Monte Carlo, SOR, sparse matrix) summed",
    ),
    (
        "spectral_norm",
        6,
        &[],
        "Spectral norm of an infinite matrix: nested loops",
    ),
    (
        "unpack_sequence",
        10,
        &["--loops", "1000"],
        "Tuple and list unpacking, 1000 loops",
    ),
];

/// Where pvm keeps what it downloads.
pub fn cache_folder() -> PathBuf {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = non_empty("XDG_CACHE_HOME") {
        return PathBuf::from(dir).join("pvm");
    }
    if let Some(home) = non_empty("HOME") {
        return PathBuf::from(home).join(".cache").join("pvm");
    }
    std::env::temp_dir().join("pvm-cache")
}

/// Writes `text` to `path` unless it already holds exactly that.
fn write_if_changed(path: &Path, text: &[u8]) -> Result<(), String> {
    if std::fs::read(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A TOML string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// pyperformance's own tags for a program (its `pyproject.toml`), if any.
fn tags(benchmark: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(benchmark.join("pyproject.toml")) else {
        return Vec::new();
    };
    let Ok(manifest) = toml::from_str::<toml::Value>(&text) else {
        return Vec::new();
    };
    manifest
        .get("tool")
        .and_then(|t| t.get("pyperformance"))
        .and_then(|p| p.get("tags"))
        .and_then(|t| t.as_str())
        .map(|t| t.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

/// The `suite.toml` for the programs.
fn manifest(benchmarks: &Path) -> String {
    let mut text = format!(
        "# Written by `pvm compare --pyperformance`: pyperformance {}'s programs,\n\
         # unchanged, timed in-process by the stand-in pyperf.py beside them.\n",
        fetch::VERSION
    );
    for (name, iterations, arguments, description) in PROGRAMS {
        let mut tags = vec!["pyperformance".to_string()];
        tags.extend(tags_of(benchmarks, name));
        let tags: Vec<String> = tags.iter().map(|t| quoted(t)).collect();
        let arguments: Vec<String> = arguments.iter().map(|a| quoted(a)).collect();
        text.push_str(&format!(
            "\n[programs.{name}]\ndescription = {}\ntags = [{}]\niterations = {iterations}\n\
             driver = \"pyperf\"\narguments = [{}]\n",
            quoted(description),
            tags.join(", "),
            arguments.join(", ")
        ));
    }
    text
}

fn tags_of(benchmarks: &Path, name: &str) -> Vec<String> {
    tags(&benchmarks.join(format!("bm_{name}")))
}

/// The suite folder, fetched (the first time) and written: the folder
/// `pvm compare` then runs like any suite.
pub fn prepare() -> Result<PathBuf, String> {
    let cache = cache_folder();
    let benchmarks = fetch::benchmarks(&cache)?;
    let suite = cache.join(format!("pyperformance-{}-suite", fetch::VERSION));
    std::fs::create_dir_all(&suite).map_err(|e| format!("{}: {e}", suite.display()))?;
    for name in fetch::PROGRAMS {
        let source = benchmarks.join(format!("bm_{name}/run_benchmark.py"));
        let text = std::fs::read(&source).map_err(|e| format!("{}: {e}", source.display()))?;
        write_if_changed(&suite.join(format!("{name}.py")), &text)?;
    }
    write_if_changed(&suite.join("pyperf.py"), STAND_IN.as_bytes())?;
    write_if_changed(&suite.join("suite.toml"), manifest(&benchmarks).as_bytes())?;
    Ok(suite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fetched_program_has_an_entry_and_the_manifest_reads_back() {
        let listed: Vec<&str> = PROGRAMS.iter().map(|(name, ..)| *name).collect();
        assert_eq!(listed, fetch::PROGRAMS);
        let text = manifest(Path::new("/nonexistent"));
        let parsed: toml::Value = toml::from_str(&text).expect("valid TOML");
        let entry = &parsed["programs"]["unpack_sequence"];
        assert_eq!(entry["driver"].as_str(), Some("pyperf"));
        assert_eq!(entry["arguments"][1].as_str(), Some("1000"));
        assert_eq!(entry["tags"][0].as_str(), Some("pyperformance"));
        let text = "naïve \"x\" 'y'";
        let back: toml::Value = toml::from_str(&format!("x = {}", quoted(text))).expect("TOML");
        assert_eq!(back["x"].as_str(), Some(text));
    }
}
