//! Saved runs: reads the `results.json` a run writes back into
//! measurements, and `--compare-results`, which sets saved runs side by
//! side through the very analysis and table a live run uses
//! (`report::analyse`, so `stats::judge`'s verdicts), without running
//! anything. It never writes a results file and never changes one.

use super::process::Outcome;
use super::report;
use super::say;
use super::suite::Program;
use super::{CompareArgs, Measurement};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The parts of a `results.json` that a comparison needs.
#[derive(Deserialize)]
pub struct Saved {
    pub schema: u32,
    #[serde(default)]
    pub programs: Vec<Program>,
    pub runs: Vec<SavedRun>,
}

#[derive(Deserialize)]
pub struct SavedRun {
    pub program: String,
    pub backend: String,
    pub outcome: Outcome,
    #[serde(default)]
    pub iteration_ns: Vec<Vec<f64>>,
    #[serde(default)]
    pub process_wall_ms: Vec<f64>,
}

impl SavedRun {
    fn measurement(&self, backend: &str) -> Measurement {
        Measurement {
            program: self.program.clone(),
            backend: backend.to_string(),
            gate: self.outcome.clone(),
            processes: self
                .iteration_ns
                .iter()
                .filter(|p| !p.is_empty())
                .cloned()
                .collect(),
            wall_ms: self.process_wall_ms.clone(),
        }
    }
}

/// Reads a saved run: a `results.json`, or a run folder holding one.
pub fn read(path: &Path) -> Result<Saved, String> {
    let file = if path.is_dir() {
        path.join("results.json")
    } else {
        path.to_path_buf()
    };
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let saved: Saved = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} is not a results file of pvm compare: {e}",
            file.display()
        )
    })?;
    if saved.schema != report::SCHEMA {
        return Err(format!(
            "{}: results schema {} (this pvm reads {})",
            file.display(),
            saved.schema,
            report::SCHEMA
        ));
    }
    Ok(saved)
}

/// What a saved file is called in the tables: a run folder's name for its
/// `results.json` (`2026-11-27T18-42-13Z`), else the file's own stem.
fn label(path: &Path) -> String {
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let named = if resolved.is_dir() {
        Some(resolved.as_path())
    } else if resolved.file_name().is_some_and(|n| n == "results.json") {
        resolved.parent()
    } else {
        None
    };
    match named {
        Some(folder) => folder.file_name(),
        None => resolved.file_stem(),
    }
    .map(|n| n.to_string_lossy().into_owned())
    .unwrap_or_else(|| path.display().to_string())
}

/// Makes names unique by numbering repeats (`before`, `before#2`).
fn unique(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let mut candidate = name.clone();
        let mut n = 2;
        while out.contains(&candidate) {
            candidate = format!("{name}#{n}");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// One table of a comparison: its columns (the first is the baseline)
/// and the measurements under those column names.
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub measurements: Vec<Measurement>,
}

/// The tables comparing `files`, the first being the baseline. When each
/// file holds one interpreter (as pyperf's files do), they are compared
/// with each other in one table. Otherwise each backend gets a table of
/// its own that compares the files on it, program by program.
pub fn tables(files: &[(String, Saved)]) -> Vec<Table> {
    let backends_of = |saved: &Saved| -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for run in &saved.runs {
            if !names.contains(&run.backend) {
                names.push(run.backend.clone());
            }
        }
        names
    };
    let per_file: Vec<Vec<String>> = files.iter().map(|(_, s)| backends_of(s)).collect();
    let one_each = per_file.iter().all(|b| b.len() == 1);
    let distinct = one_each && {
        let mut all: Vec<&String> = per_file.iter().flatten().collect();
        all.sort();
        all.dedup();
        all.len() == files.len()
    };
    if distinct {
        let columns: Vec<String> = per_file.iter().map(|b| b[0].clone()).collect();
        let measurements = files
            .iter()
            .flat_map(|(_, saved)| saved.runs.iter().map(|r| r.measurement(&r.backend)))
            .collect();
        let labels: Vec<&str> = files.iter().map(|(l, _)| l.as_str()).collect();
        return vec![Table {
            title: format!("{} (files: {})", columns.join(" vs "), labels.join(", ")),
            columns,
            measurements,
        }];
    }
    let labels: Vec<String> = files.iter().map(|(l, _)| l.clone()).collect();
    per_file[0]
        .iter()
        .map(|backend| {
            let mut columns = Vec::new();
            let mut measurements = Vec::new();
            for (label, (_, saved)) in labels.iter().zip(files) {
                let runs: Vec<&SavedRun> = saved
                    .runs
                    .iter()
                    .filter(|r| &r.backend == backend)
                    .collect();
                if !runs.is_empty() {
                    columns.push(label.clone());
                    measurements.extend(runs.iter().map(|r| r.measurement(label)));
                }
            }
            Table {
                title: format!("{backend}: {}", columns.join(" vs ")),
                columns,
                measurements,
            }
        })
        .collect()
}

/// The programs of all files, the baseline's order first.
fn programs(files: &[(String, Saved)]) -> Vec<Program> {
    let mut all: Vec<Program> = Vec::new();
    for (_, saved) in files {
        for program in &saved.programs {
            if !all.iter().any(|p| p.name == program.name) {
                all.push(program.clone());
            }
        }
        for run in &saved.runs {
            if !all.iter().any(|p| p.name == run.program) {
                all.push(Program {
                    name: run.program.clone(),
                    path: PathBuf::new(),
                    description: String::new(),
                    tags: Vec::new(),
                    iterations: 0,
                    driver: Default::default(),
                    arguments: Vec::new(),
                });
            }
        }
    }
    all
}

/// `pvm compare --compare-results A B ...`: prints the tables (or their
/// Markdown or JSON) and answers the exit status.
pub fn run(paths: &[PathBuf], args: &CompareArgs) -> u8 {
    let mut files = Vec::new();
    for path in paths {
        match read(path) {
            Ok(saved) => files.push(saved),
            Err(message) => {
                eprintln!("pvm compare: {message}");
                return 2;
            }
        }
    }
    let labels = unique(paths.iter().map(|p| label(p)).collect());
    let files: Vec<(String, Saved)> = labels.into_iter().zip(files).collect();
    let programs = programs(&files);
    let mut json_tables = Vec::new();
    for table in tables(&files) {
        if table.columns.len() < 2 {
            eprintln!(
                "pvm compare: {} is only in one file: nothing to compare",
                table.title
            );
            continue;
        }
        let baseline = &table.columns[0];
        let analysis = report::analyse(&table.measurements, baseline, args.seed);
        match args.format.as_str() {
            "json" => json_tables.push(serde_json::json!({
                "title": table.title,
                "baseline": baseline,
                "columns": table.columns,
                "summaries": analysis.summaries,
                "geometric_means": analysis.geometric_means,
            })),
            "md" => say!(
                "## {}\n\n{}",
                table.title,
                report::markdown(&programs, &table.columns, &analysis, baseline)
            ),
            _ => say!(
                "{}\n{}\n",
                table.title,
                super::terminal::table(
                    &programs,
                    &table.columns,
                    &analysis,
                    baseline,
                    super::terminal::width()
                )
            ),
        }
    }
    if args.format == "json" {
        say!(
            "{}",
            serde_json::to_string_pretty(&json_tables).unwrap_or_default()
        );
    }
    0
}
