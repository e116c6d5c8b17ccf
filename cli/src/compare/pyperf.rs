//! pyperf's JSON format: a run's iteration times written as one pyperf
//! `BenchmarkSuite` file per backend (`pyperf/BACKEND.json` in the run's
//! folder), so that `python -m pyperf stats`, `compare_to` and `hist` read
//! pvm's results. The layout follows pyperf 2.x's `_bench.py` (format
//! version "1.0"): a suite's `metadata` is what all its benchmarks share,
//! each benchmark has its `name` and `unit`, and each run is one process
//! with its values in seconds.
//!
//! Each value is one in-process iteration exactly as pvm's tables use it
//! (every iteration, warm-up included, `loops` 1), so pyperf's mean is
//! pvm's. This module only writes; it never reads pyperf files or runs
//! pyperf.

use super::process::Interpreter;
use super::report::Metadata;
use super::suite::Program;
use super::Measurement;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

/// pyperf's file-format version (`pyperf._bench._JSON_VERSION`).
const FORMAT: &str = "1.0";

/// Inserts a string only when it is not empty: pyperf rejects empty
/// metadata values and values with line breaks.
fn put_text(metadata: &mut Map<String, Value>, key: &str, text: &str) {
    let text = text.replace(['\n', '\r'], " ");
    let text = text.trim();
    if !text.is_empty() {
        metadata.insert(key.to_string(), Value::from(text));
    }
}

/// The metadata every benchmark of one interpreter's file shares.
fn suite_metadata(metadata: &Metadata, interpreter: &Interpreter) -> Map<String, Value> {
    let mut m = Map::new();
    // pyperf's "date" is local ISO time with a space; pvm records UTC.
    put_text(
        &mut m,
        "date",
        &metadata.created_utc.replace('T', " ").replace('Z', ""),
    );
    put_text(&mut m, "cpu_model_name", &metadata.cpu);
    m.insert("cpu_count".into(), Value::from(metadata.cores as u64));
    put_text(&mut m, "platform", &format!("Linux-{}", metadata.kernel));
    put_text(&mut m, "pvm_commit", &metadata.pvm_commit);
    put_text(&mut m, "interpreter", &interpreter.name);
    put_text(&mut m, "command", &interpreter.command.join(" "));
    put_text(&mut m, "python_executable", &interpreter.executable);
    put_text(
        &mut m,
        "python_version",
        interpreter.version.split_whitespace().next().unwrap_or(""),
    );
    let is_pvm = interpreter.command.iter().any(|w| w == "--backend");
    put_text(
        &mut m,
        "python_implementation",
        if is_pvm { "pvm" } else { &interpreter.name },
    );
    if let Some(load) = metadata.load_at_start.filter(|l| *l >= 0.0) {
        m.insert("load_avg_1min".into(), Value::from(load));
    }
    m.insert("unit".into(), Value::from("second"));
    m.insert("loops".into(), Value::from(1u64));
    m
}

/// One benchmark: its processes as pyperf runs. `None` when no process
/// gave a time pyperf accepts (every value must be above zero).
fn benchmark(program: &Program, measurement: &Measurement) -> Option<Value> {
    let runs: Vec<Value> = measurement
        .processes
        .iter()
        .map(|times| {
            times
                .iter()
                .filter(|ns| **ns > 0.0)
                .map(|ns| ns / 1e9)
                .collect::<Vec<f64>>()
        })
        .filter(|values| !values.is_empty())
        .map(|values| json!({ "values": values }))
        .collect();
    if runs.is_empty() {
        return None;
    }
    let mut metadata = Map::new();
    put_text(&mut metadata, "name", &program.name);
    put_text(&mut metadata, "description", &program.description);
    // pyperf groups `compare_to`'s output by tag; it refuses "all" and "".
    let tags: Vec<&String> = program
        .tags
        .iter()
        .filter(|t| !t.is_empty() && *t != "all" && !t.contains(['\n', '\r']))
        .collect();
    if !tags.is_empty() {
        metadata.insert("tags".into(), json!(tags));
    }
    Some(json!({ "metadata": metadata, "runs": runs }))
}

/// Writes `folder/BACKEND.json` for each interpreter that timed at least
/// one program, and answers the files written.
pub fn write(
    folder: &Path,
    programs: &[Program],
    measurements: &[Measurement],
    metadata: &Metadata,
) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for interpreter in &metadata.interpreters {
        let benchmarks: Vec<Value> = programs
            .iter()
            .filter_map(|program| {
                let m = measurements
                    .iter()
                    .find(|m| m.program == program.name && m.backend == interpreter.name)?;
                benchmark(program, m)
            })
            .collect();
        if benchmarks.is_empty() {
            continue;
        }
        let suite = json!({
            "version": FORMAT,
            "metadata": suite_metadata(metadata, interpreter),
            "benchmarks": benchmarks,
        });
        std::fs::create_dir_all(folder)?;
        let file = folder.join(format!("{}.json", file_name(&interpreter.name)));
        std::fs::write(
            &file,
            serde_json::to_string(&suite).unwrap_or_default() + "\n",
        )?;
        written.push(file);
    }
    Ok(written)
}

/// An interpreter's name as a file name (`--interp` names are free text).
fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_values_pyperf_would_refuse_are_left_out() {
        let mut m = Map::new();
        put_text(&mut m, "empty", "  ");
        put_text(&mut m, "lines", "3.9.16 (7.3.11)\n[PyPy 7.3.11]");
        assert!(!m.contains_key("empty"));
        assert_eq!(m["lines"], "3.9.16 (7.3.11) [PyPy 7.3.11]");
    }

    #[test]
    fn times_become_seconds_and_empty_processes_no_run() {
        let program = Program {
            name: "fib".into(),
            path: PathBuf::new(),
            description: String::new(),
            tags: vec!["calls".into(), "all".into()],
            iterations: 2,
            driver: Default::default(),
            arguments: Vec::new(),
        };
        let measurement = Measurement {
            program: "fib".into(),
            backend: "switch".into(),
            gate: super::super::process::Outcome::TimedOut { seconds: 1.0 },
            processes: vec![vec![2e9, 0.0, 5e8], vec![]],
            wall_ms: Vec::new(),
        };
        let b = benchmark(&program, &measurement).expect("one run");
        assert_eq!(b["runs"], json!([{ "values": [2.0, 0.5] }]));
        assert_eq!(b["metadata"]["tags"], json!(["calls"]));
        assert!(b["metadata"].get("description").is_none());
        let none = Measurement {
            processes: vec![vec![0.0]],
            ..measurement
        };
        assert!(benchmark(&program, &none).is_none());
    }
}
