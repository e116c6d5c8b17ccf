//! Saved baselines: `--save-baseline NAME` keeps a run's `results.json` as
//! `reports/baselines/NAME.json`; `--compare-to NAME` sets each (program,
//! backend) of the new run against it, with a bootstrap interval on the
//! change; `--fail-on-regression PCT` makes the command fail when any of
//! them got slower by more than PCT percent beyond doubt (`stats::judge`:
//! a 99% interval from the process means, and only from runs of at least
//! `stats::MIN_PROCESSES` processes).

use super::stats::{self, Estimate, Rng};
use super::Measurement;
use std::path::{Path, PathBuf};

/// Where baselines live.
pub fn path(name: &str) -> PathBuf {
    Path::new("reports")
        .join("baselines")
        .join(format!("{name}.json"))
}

pub fn save(name: &str, results: &Path) -> std::io::Result<PathBuf> {
    let target = path(name);
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::copy(results, &target)?;
    Ok(target)
}

/// One (program, backend) against the baseline.
pub struct Change {
    pub program: String,
    pub backend: String,
    /// New mean time ÷ baseline mean time (above 1: slower now).
    pub ratio: Estimate,
    /// Whether the processes of the two runs differ beyond the
    /// regression threshold (`stats::judge`, the baseline's times first:
    /// `Slower` is a regression); `None` without a threshold.
    pub verdict: Option<stats::Verdict>,
}

/// The raw iteration times of every completed run in a saved `results.json`.
fn load(name: &str) -> Result<Vec<(String, String, Vec<Vec<f64>>)>, String> {
    let saved = super::saved::read(&path(name))?;
    Ok(saved
        .runs
        .into_iter()
        .filter_map(|run| {
            let processes: Vec<Vec<f64>> = run
                .iteration_ns
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            (!processes.is_empty()).then_some((run.program, run.backend, processes))
        })
        .collect())
}

/// The changes of every (program, backend) timed in both runs.
/// With `threshold` (a percentage), each change also gets its verdict.
pub fn compare(
    name: &str,
    measurements: &[Measurement],
    seed: u64,
    threshold: Option<f64>,
) -> Result<Vec<Change>, String> {
    let old = load(name)?;
    let mut rng = Rng::new(seed ^ 0xba5e);
    let mut changes = Vec::new();
    for m in measurements.iter().filter(|m| !m.processes.is_empty()) {
        let Some((_, _, before)) = old
            .iter()
            .find(|(p, b, _)| *p == m.program && *b == m.backend)
        else {
            continue;
        };
        // speedup(before, now) = before ÷ now; the change is its inverse.
        let speedup = stats::bootstrap_speedup(before, &m.processes, 2000, &mut rng);
        changes.push(Change {
            program: m.program.clone(),
            backend: m.backend.clone(),
            ratio: Estimate {
                value: 1.0 / speedup.value,
                low: 1.0 / speedup.high,
                high: 1.0 / speedup.low,
            },
            verdict: threshold.map(|percent| stats::judge(before, &m.processes, percent / 100.0)),
        });
    }
    Ok(changes)
}

/// The changes judged slower than the threshold `compare` was given:
/// never from runs with too few processes.
pub fn regressions(changes: &[Change]) -> Vec<&Change> {
    changes
        .iter()
        .filter(|c| c.verdict == Some(stats::Verdict::Slower))
        .collect()
}

/// A Markdown table of the changes.
pub fn table(name: &str, changes: &[Change]) -> String {
    let mut out = format!(
        "Against baseline `{name}` (time now ÷ time then, 95% interval; above 1 is slower):\n\n| program | backend | change |\n|---|---|---|\n"
    );
    for c in changes {
        out.push_str(&format!(
            "| {} | {} | {:+.1}% [{:+.1}% … {:+.1}%]{} |\n",
            c.program,
            c.backend,
            (c.ratio.value - 1.0) * 100.0,
            (c.ratio.low - 1.0) * 100.0,
            (c.ratio.high - 1.0) * 100.0,
            if c.verdict == Some(stats::Verdict::Inconclusive) {
                " ?"
            } else {
                ""
            }
        ));
    }
    if changes
        .iter()
        .any(|c| c.verdict == Some(stats::Verdict::Inconclusive))
    {
        out.push_str(&format!(
            "\n`?`: fewer than {} processes in one of the runs, too few to call a change a regression.\n",
            stats::MIN_PROCESSES
        ));
    }
    out
}
