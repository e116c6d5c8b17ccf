//! `pvm compare`: runs every benchmark program on every backend (pvm's own
//! and external interpreters such as CPython and PyPy), checks that they all
//! print the same thing, times them in two levels (fresh processes ×
//! in-process iterations, in a seeded interleaved order), measures start-up
//! with a cold and a warm bytecode cache, and reports.
//!
//! This file holds the command-line options and the orchestration; the
//! statistics are `stats.rs`, running processes `process.rs`, start-up
//! `startup.rs`, the tables and report files `report.rs`, pyperf's file
//! format `pyperf.rs`, and comparing saved runs `saved.rs`.

mod baseline;
mod html;
mod process;
mod pyperf;
mod pyperformance;
mod report;
mod saved;
mod startup;
pub mod stats;
mod suite;
mod terminal;
mod warmup;

use process::{Interpreter, Outcome};
use std::path::PathBuf;
use std::time::Duration;

/// The options of `pvm compare` (see `pvm compare --help`).
#[derive(clap::Args, Clone)]
pub struct CompareArgs {
    /// The folder of benchmark programs (each defines `bench()`), with an
    /// optional `suite.toml` giving tags, iteration counts and descriptions.
    #[arg(default_value = "bench-suite")]
    pub suite: PathBuf,
    /// Run pyperformance's benchmark programs (pinned, downloaded with pip
    /// into the user's cache the first time, run unchanged at their
    /// default sizes) instead of a suite folder.
    #[arg(long, conflicts_with = "suite")]
    pub pyperformance: bool,
    /// Which backends to run, comma-separated (default: every pvm backend,
    /// plus `cpython` and `pypy` when found).
    #[arg(long, value_delimiter = ',')]
    pub backends: Vec<String>,
    /// Only programs whose name or tag is listed (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub filter: Vec<String>,
    /// Fresh processes per program and backend.
    #[arg(long, default_value_t = 3)]
    pub processes: usize,
    /// In-process iterations of `bench()` per process (default: the suite's
    /// count for each program, else 5).
    #[arg(long)]
    pub iterations: Option<usize>,
    /// A smoke run: one process, two iterations (too few for a verdict).
    #[arg(long)]
    pub quick: bool,
    /// Seconds before one process is stopped and marked "timed out".
    #[arg(long, default_value_t = 60.0)]
    pub timeout: f64,
    /// Where to write the report (report.md, report.html, results.json,
    /// results.csv, and pyperf/BACKEND.json in pyperf's format). Default: a new folder `reports/runs/DATE-TIME`, with
    /// `reports/runs/latest` pointing at the newest (both outside version
    /// control, so a run leaves the checkout clean).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// What to print on stdout at the end.
    #[arg(long, default_value = "table", value_parser = ["table", "md", "json", "csv"])]
    pub format: String,
    /// The backend speedups are relative to (default: cpython when present,
    /// else switch).
    #[arg(long)]
    pub baseline_backend: Option<String>,
    /// An extra interpreter, as NAME=COMMAND (for example
    /// `--interp graalpy=/opt/graalpy/bin/graalpy`); may be repeated.
    #[arg(long = "interp", value_name = "NAME=COMMAND")]
    pub interps: Vec<String>,
    /// Seed of the run order and of the bootstrap resampling.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Keep this run's results as `reports/baselines/NAME.json`.
    #[arg(long, value_name = "NAME")]
    pub save_baseline: Option<String>,
    /// Compare this run with the saved baseline NAME, program by program.
    #[arg(long, value_name = "NAME")]
    pub compare_to: Option<String>,
    /// Compare saved runs instead of running anything: each a
    /// `results.json` or a run folder holding one, the first being the
    /// baseline. Files holding one interpreter each are compared with each
    /// other; otherwise each backend is compared across the files.
    #[arg(long, value_name = "RESULTS", num_args = 2.., conflicts_with_all = ["suite", "pyperformance", "compare_to", "save_baseline"])]
    pub compare_results: Vec<PathBuf>,
    /// With --compare-to: exit with status 1 when a program on a backend is
    /// slower than the baseline by more than PCT percent (the whole 95%
    /// interval beyond it).
    #[arg(long, value_name = "PCT", requires = "compare_to")]
    pub fail_on_regression: Option<f64>,
}

/// Prints a line on stdout like `println!`, but a reader that went away
/// (`pvm compare ... | head`) ends the output instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
pub(crate) use say;

/// What one (program, backend) pair produced.
pub struct Measurement {
    pub program: String,
    pub backend: String,
    pub gate: Outcome,
    /// Iteration times in nanoseconds, one list per process.
    pub processes: Vec<Vec<f64>>,
    /// Whole-process wall times (start-up included), milliseconds.
    pub wall_ms: Vec<f64>,
}

pub fn run(mut args: CompareArgs) -> u8 {
    if !args.compare_results.is_empty() {
        return saved::run(&args.compare_results, &args);
    }
    if args.pyperformance {
        match pyperformance::prepare() {
            Ok(folder) => args.suite = folder,
            Err(message) => {
                eprintln!("pvm compare: the pyperformance programs are not available: {message}");
                return 2;
            }
        }
    }
    let programs = match suite::load(&args.suite, &args.filter) {
        Ok(programs) if !programs.is_empty() => programs,
        Ok(_) => {
            eprintln!(
                "pvm compare: no benchmark programs in {}",
                args.suite.display()
            );
            return 2;
        }
        Err(message) => {
            eprintln!("pvm compare: {message}");
            return 2;
        }
    };
    let interpreters = match process::interpreters(&args) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("pvm compare: {message}");
            return 2;
        }
    };
    let reference = if interpreters.iter().any(|i| i.name == "cpython") {
        "cpython"
    } else {
        "switch"
    };
    let baseline = args
        .baseline_backend
        .clone()
        .unwrap_or_else(|| reference.to_string());
    if !interpreters.iter().any(|i| i.name == baseline) {
        eprintln!("pvm compare: the baseline backend '{baseline}' is not among the backends run");
        return 2;
    }
    let (process_count, default_iterations) = if args.quick {
        (1, Some(2))
    } else {
        (args.processes.max(1), args.iterations)
    };
    let timeout = Duration::from_secs_f64(args.timeout.max(0.1));
    let load_at_start = report::load_average();
    let scratch = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("pvm compare: cannot make a scratch folder: {error}");
            return 1;
        }
    };

    let gate_runs = programs.len() * interpreters.len();
    let timed_runs = programs.len() * interpreters.len() * process_count * 2;
    // Start-up: each program alone, then all of them, cold and warm.
    let startup_groups: Vec<(String, Vec<String>)> = programs
        .iter()
        .map(|p| (p.name.clone(), vec![p.name.clone()]))
        .chain(std::iter::once((
            startup::ALL_PROGRAMS.to_string(),
            programs.iter().map(|p| p.name.clone()).collect(),
        )))
        .collect();
    let startup_runs = startup_groups.len() * interpreters.len() * process_count;
    let bar = indicatif::ProgressBar::new((gate_runs + timed_runs + startup_runs) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );

    // 1. The correctness gate: each program once per backend.
    let mut measurements: Vec<Measurement> = Vec::new();
    for program in &programs {
        let mut expected: Option<(String, i32)> = None;
        let ordered: Vec<&Interpreter> = interpreters
            .iter()
            .filter(|i| i.name == reference)
            .chain(interpreters.iter().filter(|i| i.name != reference))
            .collect();
        for interpreter in ordered {
            bar.set_message(format!("checking {} on {}", program.name, interpreter.name));
            let mut outcome = process::run_plain(interpreter, program, timeout);
            if let Outcome::Completed { stdout, status, .. } = &outcome {
                match &expected {
                    None if interpreter.name == reference => {
                        expected = Some((stdout.clone(), *status))
                    }
                    Some((want, want_status)) if want != stdout || want_status != status => {
                        outcome = Outcome::WrongOutput {
                            expected: want.clone(),
                            got: stdout.clone(),
                        };
                    }
                    _ => {}
                }
            }
            measurements.push(Measurement {
                program: program.name.clone(),
                backend: interpreter.name.clone(),
                gate: outcome,
                processes: Vec::new(),
                wall_ms: Vec::new(),
            });
            bar.inc(1);
        }
    }

    // 2. Timing and start-up, in one seeded interleaved order so drift
    // spreads evenly.
    enum Job {
        Timed(usize),
        Startup(usize),
    }
    let mut jobs: Vec<Job> = Vec::new();
    for (index, m) in measurements.iter().enumerate() {
        if m.gate.is_completed() {
            jobs.extend((0..process_count).map(|_| Job::Timed(index)));
        } else {
            bar.inc((process_count * 2) as u64);
        }
    }
    let suite_folder = std::path::absolute(&args.suite).unwrap_or_else(|_| args.suite.clone());
    let mut startups: Vec<startup::Startup> = Vec::new();
    for (group, modules) in &startup_groups {
        for interpreter in &interpreters {
            // Only where every module imported passed the gate.
            let passed = modules.iter().all(|module| {
                measurements.iter().any(|m| {
                    m.program == *module && m.backend == interpreter.name && m.gate.is_completed()
                })
            });
            if passed {
                jobs.extend((0..process_count).map(|_| Job::Startup(startups.len())));
            } else {
                bar.inc(process_count as u64);
            }
            startups.push(startup::Startup::new(group, &interpreter.name));
        }
    }
    stats::Rng::new(args.seed).shuffle(&mut jobs);
    for job in jobs {
        match job {
            Job::Timed(index) => {
                time_one(
                    &mut measurements[index],
                    &programs,
                    &interpreters,
                    default_iterations,
                    scratch.path(),
                    timeout,
                    &bar,
                );
            }
            Job::Startup(index) => {
                let entry = &mut startups[index];
                bar.set_message(format!(
                    "start-up of {} on {}",
                    entry.program, entry.backend
                ));
                let modules = startup_groups
                    .iter()
                    .find(|(group, _)| *group == entry.program)
                    .map(|(_, modules)| modules.as_slice())
                    .unwrap_or_default();
                if let Some(interpreter) = interpreters.iter().find(|i| i.name == entry.backend) {
                    startup::measure(
                        entry,
                        interpreter,
                        modules,
                        &suite_folder,
                        scratch.path(),
                        timeout,
                    );
                }
                bar.inc(1);
            }
        }
    }
    bar.finish_and_clear();

    let analysis = report::analyse(&measurements, &baseline, args.seed);
    let (out, fresh) = match &args.out {
        Some(out) => (out.clone(), false),
        None => (report::fresh_run_folder(), true),
    };
    let metadata = report::Metadata::collect(&interpreters, &args, process_count, load_at_start);
    if let Some(warning) = &metadata.busy_warning {
        eprintln!("pvm compare: warning: {warning}");
    }
    if let Err(error) = report::write_files(
        &out,
        &programs,
        &measurements,
        &analysis,
        &metadata,
        &baseline,
        &startups,
    ) {
        eprintln!(
            "pvm compare: cannot write the report to {}: {error}",
            out.display()
        );
        return 1;
    }
    if let Err(error) = pyperf::write(&out.join("pyperf"), &programs, &measurements, &metadata) {
        eprintln!(
            "pvm compare: cannot write the pyperf files to {}: {error}",
            out.display()
        );
        return 1;
    }
    if fresh {
        report::point_latest_at(&out);
    }
    let names: Vec<String> = interpreters.iter().map(|i| i.name.clone()).collect();
    let text = match args.format.as_str() {
        "md" => report::markdown(&programs, &names, &analysis, &baseline),
        "json" => std::fs::read_to_string(out.join("results.json")).unwrap_or_default(),
        "csv" => std::fs::read_to_string(out.join("results.csv")).unwrap_or_default(),
        _ => terminal::table(&programs, &names, &analysis, &baseline, terminal::width()),
    };
    say!("{text}");
    if args.format == "table" {
        say!(
            "\nThe report, with start-up times, warm-up and every process: {0}/report.html \
             (and report.md); pyperf's format: {0}/pyperf/",
            out.display()
        );
    }
    let mut status = 0;
    if let Some(name) = &args.compare_to {
        match baseline::compare(name, &measurements, args.seed, args.fail_on_regression) {
            Ok(changes) => {
                say!("\n{}", baseline::table(name, &changes));
                if args.fail_on_regression.is_some() {
                    let regressed = baseline::regressions(&changes);
                    for c in &regressed {
                        eprintln!(
                            "pvm compare: regression: {} on {} is {:.1}% slower than baseline '{name}'",
                            c.program,
                            c.backend,
                            (c.ratio.value - 1.0) * 100.0
                        );
                    }
                    if !regressed.is_empty() {
                        status = 1;
                    }
                }
            }
            Err(message) => {
                eprintln!("pvm compare: {message}");
                return 2;
            }
        }
    }
    if let Some(name) = &args.save_baseline {
        match baseline::save(name, &out.join("results.json")) {
            Ok(path) => say!("Baseline '{name}' saved to {}", path.display()),
            Err(error) => {
                eprintln!("pvm compare: cannot save the baseline '{name}': {error}");
                return 1;
            }
        }
    }
    status
}

/// One timed process and one whole-process wall time for `measurement`.
fn time_one(
    measurement: &mut Measurement,
    programs: &[suite::Program],
    interpreters: &[Interpreter],
    default_iterations: Option<usize>,
    scratch: &std::path::Path,
    timeout: Duration,
    bar: &indicatif::ProgressBar,
) {
    let program = programs.iter().find(|p| p.name == measurement.program);
    let interpreter = interpreters.iter().find(|i| i.name == measurement.backend);
    let (Some(program), Some(interpreter)) = (program, interpreter) else {
        bar.inc(2);
        return;
    };
    let iterations = default_iterations.unwrap_or(program.iterations).max(1);
    bar.set_message(format!("timing {} on {}", program.name, interpreter.name));
    match process::run_timed(interpreter, program, iterations, scratch, timeout) {
        Ok(times) => measurement.processes.push(times),
        Err(outcome) => measurement.gate = outcome,
    }
    bar.inc(1);
    if let Some(ms) = process::wall_time(interpreter, program, timeout) {
        measurement.wall_ms.push(ms);
    }
    bar.inc(1);
}
