//! The results of `pvm compare`: per (program, backend) statistics, the
//! table's cells (drawn for a terminal by `terminal.rs`), and the report folder: `report.md`,
//! `results.json` (versioned schema, every raw time and the run's metadata)
//! and `results.csv` (one row per iteration).

use super::process::{Interpreter, Outcome};
use super::stats::{self, Estimate, Rng, Verdict};
use super::suite::Program;
use super::{CompareArgs, Measurement};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Version of the `results.json` layout.
pub const SCHEMA: u32 = 1;
/// Speedups inside ±2% are "same".
const NOISE_BAND: f64 = 0.02;
const RESAMPLES: usize = 2000;

#[derive(Serialize, Clone)]
pub struct Summary {
    pub program: String,
    pub backend: String,
    pub status: &'static str,
    /// Mean in-process iteration time (ns) with its 95% interval.
    pub time_ns: Option<Estimate>,
    pub median_ns: Option<f64>,
    /// Baseline time ÷ this backend's time (above 1: faster).
    pub speedup: Option<Estimate>,
    pub verdict: Option<Verdict>,
    pub coefficient_of_variation: Option<f64>,
    pub median_process_ms: Option<f64>,
    /// Each process's warm-up analysis (changepoints, class, steady state).
    pub warmup: Vec<super::warmup::Analysis>,
    /// The median over processes of the steady state's mean time (ns).
    pub steady_state_ns: Option<f64>,
    pub warnings: Vec<String>,
}

#[derive(Serialize)]
pub struct Analysis {
    pub summaries: Vec<Summary>,
    /// Per backend: the geometric mean of its speedups over the programs
    /// every backend completed.
    pub geometric_means: Vec<(String, Estimate)>,
}

pub fn analyse(measurements: &[Measurement], baseline: &str, seed: u64) -> Analysis {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut summaries = Vec::new();
    for m in measurements {
        let completed = m.gate.is_completed() && !m.processes.is_empty();
        let mut summary = Summary {
            program: m.program.clone(),
            backend: m.backend.clone(),
            status: m.gate.mark(),
            time_ns: None,
            median_ns: None,
            speedup: None,
            verdict: None,
            coefficient_of_variation: None,
            median_process_ms: (!m.wall_ms.is_empty()).then(|| stats::median(&m.wall_ms)),
            warmup: m
                .processes
                .iter()
                .map(|p| super::warmup::analyse(p))
                .collect(),
            steady_state_ns: None,
            warnings: Vec::new(),
        };
        if !summary.warmup.is_empty() {
            let steady: Vec<f64> = summary.warmup.iter().map(|w| w.steady_mean).collect();
            summary.steady_state_ns = Some(stats::median(&steady));
        }
        if completed {
            let all: Vec<f64> = m.processes.iter().flatten().copied().collect();
            summary.time_ns = Some(stats::bootstrap_mean(&m.processes, RESAMPLES, &mut rng));
            summary.median_ns = Some(stats::median(&all));
            let cv = stats::coefficient_of_variation(&all);
            summary.coefficient_of_variation = Some(cv);
            if cv >= 0.10 {
                summary.warnings.push(format!(
                    "noisy: coefficient of variation {:.0}%",
                    cv * 100.0
                ));
            }
            if stats::median(&all) < 1e6 {
                summary.warnings.push("iterations shorter than 1 ms".into());
            }
            let base = measurements
                .iter()
                .find(|b| b.program == m.program && b.backend == baseline);
            if let Some(base) = base.filter(|b| b.gate.is_completed() && !b.processes.is_empty()) {
                let speedup =
                    stats::bootstrap_speedup(&base.processes, &m.processes, RESAMPLES, &mut rng);
                summary.verdict = Some(stats::judge(&base.processes, &m.processes, NOISE_BAND));
                summary.speedup = Some(speedup);
            }
        }
        summaries.push(summary);
    }
    let mut backends: Vec<String> = Vec::new();
    for s in &summaries {
        if !backends.contains(&s.backend) {
            backends.push(s.backend.clone());
        }
    }
    let programs: Vec<&String> = {
        let mut p: Vec<&String> = summaries.iter().map(|s| &s.program).collect();
        p.dedup();
        p
    };
    let complete_everywhere: Vec<&&String> = programs
        .iter()
        .filter(|p| {
            summaries
                .iter()
                .filter(|s| s.program == ***p)
                .all(|s| s.speedup.is_some())
        })
        .collect();
    let geometric_means = backends
        .iter()
        .filter_map(|backend| {
            let ratios: Vec<Estimate> = summaries
                .iter()
                .filter(|s| &s.backend == backend && complete_everywhere.contains(&&&s.program))
                .filter_map(|s| s.speedup)
                .collect();
            stats::geometric_mean(&ratios).map(|g| (backend.clone(), g))
        })
        .collect();
    Analysis {
        summaries,
        geometric_means,
    }
}

fn class_name(class: super::warmup::Class) -> &'static str {
    match class {
        super::warmup::Class::Flat => "flat",
        super::warmup::Class::Warmup => "warm-up",
        super::warmup::Class::Slowdown => "slowdown",
        super::warmup::Class::NoSteadyState => "no steady state",
    }
}

pub(super) fn time_text(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.1} ms", ns / 1e6)
    } else {
        format!("{:.0} µs", ns / 1e3)
    }
}

/// A ratio with two decimals, or two significant digits below 0.1
/// (`1.25`, `0.047`, `0.0031`), so a large slow-down never reads 0.00.
pub(super) fn ratio(value: f64) -> String {
    let decimals = if value >= 0.1 || value <= 0.0 || !value.is_finite() {
        2
    } else {
        (1.0 - value.log10().floor()).clamp(2.0, 8.0) as usize
    };
    format!("{value:.decimals$}")
}

/// A verdict as the tables say it.
pub(super) fn verdict_word(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Faster) => "faster",
        Some(Verdict::Slower) => "slower",
        Some(Verdict::Inconclusive) => "?",
        _ => "same",
    }
}

/// The full cell: time ± half its interval, and against the baseline the
/// speed-up and its verdict; `!` when the run has a warning.
pub(super) fn full_cell(summary: Option<&Summary>, baseline: &str) -> String {
    let Some(s) = summary else {
        return "-".into();
    };
    let Some(time) = s.time_ns else {
        return s.status.to_string();
    };
    let spread = (time.high - time.low) / 2.0;
    let mut text = format!("{} ±{}", time_text(time.value), time_text(spread));
    if let Some(speedup) = s.speedup {
        if s.backend != baseline {
            text.push_str(&format!(
                " ({}×, {})",
                ratio(speedup.value),
                verdict_word(s.verdict)
            ));
        }
    }
    if !s.warnings.is_empty() {
        text.push_str(" !");
    }
    text
}

/// The table's cells: a header, a row per program and a last row of
/// geometric means, each (program, backend) cell drawn by `cell` and each
/// mean by `mean`.
pub(super) fn grid(
    programs: &[Program],
    backends: &[String],
    analysis: &Analysis,
    mean_label: &str,
    cell: &dyn Fn(Option<&Summary>) -> String,
    mean: &dyn Fn(&Estimate) -> String,
) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut header = vec!["program".to_string()];
    header.extend(backends.iter().cloned());
    rows.push(header);
    for program in programs {
        let mut row = vec![program.name.clone()];
        for backend in backends {
            let summary = analysis
                .summaries
                .iter()
                .find(|s| s.program == program.name && &s.backend == backend);
            row.push(cell(summary));
        }
        rows.push(row);
    }
    let mut geo = vec![mean_label.to_string()];
    for backend in backends {
        geo.push(
            analysis
                .geometric_means
                .iter()
                .find(|(b, _)| b == backend)
                .map(|(_, g)| mean(g))
                .unwrap_or_else(|| "-".into()),
        );
    }
    rows.push(geo);
    rows
}

pub fn markdown(
    programs: &[Program],
    backends: &[String],
    analysis: &Analysis,
    baseline: &str,
) -> String {
    let rows = grid(
        programs,
        backends,
        analysis,
        &format!("geometric mean (speed-up vs {baseline})"),
        &|s| full_cell(s, baseline),
        &|g| format!("{}× [{}–{}]", ratio(g.value), ratio(g.low), ratio(g.high)),
    );
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
        if i == 0 {
            out.push_str(&format!("|{}\n", "---|".repeat(row.len())));
        }
    }
    out
}

/// What was run where: recorded in `results.json`.
#[derive(Serialize)]
pub struct Metadata {
    pub schema: u32,
    pub created_utc: String,
    pub pvm_commit: String,
    pub cpu: String,
    pub cores: usize,
    pub kernel: String,
    pub processes: usize,
    pub seed: u64,
    pub timeout_seconds: f64,
    pub interpreters: Vec<Interpreter>,
    /// The one-minute load average when the run started, and a warning
    /// when it says the machine was busy (`busy_machine`).
    pub load_at_start: Option<f64>,
    pub busy_warning: Option<String>,
}

impl Metadata {
    pub fn collect(
        interpreters: &[Interpreter],
        args: &CompareArgs,
        processes: usize,
        load_at_start: Option<f64>,
    ) -> Metadata {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_default();
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let commit = std::process::Command::new("git")
            .args(["rev-parse", "HEAD"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        Metadata {
            schema: SCHEMA,
            created_utc: now_utc(),
            pvm_commit: commit,
            cpu,
            cores,
            kernel,
            processes,
            seed: args.seed,
            timeout_seconds: args.timeout,
            interpreters: interpreters.to_vec(),
            load_at_start,
            busy_warning: load_at_start.and_then(|load| busy_machine(load, cores)),
        }
    }
}

/// Where a run without `--out` writes: `reports/runs/` and the date and
/// time (UTC), with a suffix if two runs start in the same second.
pub fn fresh_run_folder() -> PathBuf {
    let stamp = now_utc().replace(':', "-");
    let runs = Path::new("reports").join("runs");
    let mut folder = runs.join(&stamp);
    let mut n = 2;
    while folder.exists() {
        folder = runs.join(format!("{stamp}-{n}"));
        n += 1;
    }
    folder
}

/// Points `reports/runs/latest` at the run just written (a relative
/// symbolic link; a failure only costs the shortcut).
pub fn point_latest_at(run: &Path) {
    let (Some(parent), Some(name)) = (run.parent(), run.file_name()) else {
        return;
    };
    let link = parent.join("latest");
    if std::fs::symlink_metadata(&link).is_ok() {
        let _ = std::fs::remove_file(&link);
    }
    #[cfg(unix)]
    let _ = std::os::unix::fs::symlink(name, &link);
}

/// The one-minute load average (`/proc/loadavg`), where there is one.
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// A warning when other work was running (a load average of half the
/// cores or more before the first benchmark started), as `pyperf system`
/// warns: timings then move more than their intervals say.
pub fn busy_machine(load: f64, cores: usize) -> Option<String> {
    (load >= 0.5 * cores as f64).then(|| {
        format!(
            "the machine was busy when the run started (load average {load:.1} on {cores} cores): \
             timings are noisier than their intervals suggest; rerun on a quiet machine for figures to quote"
        )
    })
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ`.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + (month <= 2) as i64;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn small_ratios_keep_two_significant_digits() {
        assert_eq!(super::ratio(1.234), "1.23");
        assert_eq!(super::ratio(0.1), "0.10");
        assert_eq!(super::ratio(0.047), "0.047");
        assert_eq!(super::ratio(0.0031), "0.0031");
    }
}

#[derive(Serialize)]
struct RawRun<'a> {
    program: &'a str,
    backend: &'a str,
    outcome: &'a Outcome,
    iteration_ns: &'a [Vec<f64>],
    process_wall_ms: &'a [f64],
}

pub fn write_files(
    out: &Path,
    programs: &[Program],
    measurements: &[Measurement],
    analysis: &Analysis,
    metadata: &Metadata,
    baseline: &str,
    startup: &[super::startup::Startup],
) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let raw: Vec<RawRun> = measurements
        .iter()
        .map(|m| RawRun {
            program: &m.program,
            backend: &m.backend,
            outcome: &m.gate,
            iteration_ns: &m.processes,
            process_wall_ms: &m.wall_ms,
        })
        .collect();
    let json = serde_json::json!({
        "schema": SCHEMA,
        "metadata": metadata,
        "programs": programs,
        "runs": raw,
        "summaries": analysis.summaries,
        "geometric_means": analysis.geometric_means,
        "startup": startup,
    });
    std::fs::write(
        out.join("results.json"),
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )?;
    let mut csv = String::from("program,backend,process,iteration,ns\n");
    for m in measurements {
        for (p, times) in m.processes.iter().enumerate() {
            for (i, ns) in times.iter().enumerate() {
                csv.push_str(&format!("{},{},{p},{i},{ns}\n", m.program, m.backend));
            }
        }
    }
    std::fs::write(out.join("results.csv"), csv)?;
    let backends: Vec<String> = metadata
        .interpreters
        .iter()
        .map(|i| i.name.clone())
        .collect();
    let mut md = format!(
        "# pvm compare\n\nRun {} on {} ({} cores, Linux {}), pvm commit `{}`. {} processes per program and backend; seed {}.\n\n",
        metadata.created_utc,
        metadata.cpu,
        metadata.cores,
        metadata.kernel,
        metadata.pvm_commit,
        metadata.processes,
        metadata.seed
    );
    if let Some(warning) = &metadata.busy_warning {
        md.push_str(&format!("**Warning:** {warning}.\n\n"));
    }
    md.push_str(&markdown(programs, &backends, analysis, baseline));
    md.push_str("\nTimes: mean in-process iteration time ± half its 95% two-level bootstrap interval (processes, then iterations). Speedups are mean-time ratios against the baseline with bootstrap intervals; \"faster\"/\"slower\" only when a 99% Welch t-interval on the process means (each process is one sample) lies wholly outside ±2%, \"same\" only when it lies wholly within ±10%, and otherwise no verdict (`?`), as from fewer than 3 processes on a side.\n\n## Interpreters\n\n");
    for i in &metadata.interpreters {
        md.push_str(&format!(
            "- **{}**: `{}` — {}\n",
            i.name, i.executable, i.version
        ));
    }
    md.push_str("\n## Programs\n\n");
    for p in programs {
        md.push_str(&format!(
            "- **{}** ({}): {}\n",
            p.name,
            p.tags.join(", "),
            p.description
        ));
    }
    md.push_str("\n## Warm-up\n\nPer process: the changepoints PELT finds in the iteration series (mean and variance, penalty 15·ln n) and the class they give, with the steady state (the last segment) and where it starts.\n\n| program | backend | processes: class (steady state from iteration) | steady-state time |\n|---|---|---|---|\n");
    for s in analysis.summaries.iter().filter(|s| !s.warmup.is_empty()) {
        let classes: Vec<String> = s
            .warmup
            .iter()
            .map(|w| format!("{} ({})", class_name(w.class), w.steady_from))
            .collect();
        md.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            s.program,
            s.backend,
            classes.join(", "),
            s.steady_state_ns.map(time_text).unwrap_or_default()
        ));
    }
    md.push_str(&super::startup::markdown(startup, &backends));
    let problems: Vec<&Summary> = analysis
        .summaries
        .iter()
        .filter(|s| s.status != "ok" || !s.warnings.is_empty())
        .collect();
    if !problems.is_empty() {
        md.push_str("\n## Problems and warnings\n\n");
        for s in problems {
            md.push_str(&format!("- {} on {}: {}", s.program, s.backend, s.status));
            if !s.warnings.is_empty() {
                md.push_str(&format!(" ({})", s.warnings.join("; ")));
            }
            md.push('\n');
        }
    }
    std::fs::write(out.join("report.md"), md)?;
    let page = super::html::page(
        programs,
        &backends,
        measurements,
        analysis,
        baseline,
        metadata,
        &super::startup::markdown(startup, &backends),
    );
    std::fs::write(out.join("report.html"), page)?;
    if let Ok(svg) = super::html::speedup_chart(programs, &backends, analysis, baseline) {
        std::fs::write(out.join("speedups.svg"), svg)?;
    }
    Ok(())
}
