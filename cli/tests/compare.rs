//! `pvm compare` end to end on a tiny suite: a correct interpreter, one that
//! prints the wrong answer, one that crashes and one that hangs. The bad
//! ones are flagged as such and the run still completes with a report;
//! one interpreter against itself is never called faster or slower.
//! (The statistics are unit-tested in `cli/src/compare/stats.rs`.)

use std::path::Path;
use std::process::Command;

#[path = "../src/compare/pyperformance/fetch.rs"]
#[allow(dead_code)]
mod fetch;

fn script(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("writable");
    let mut permissions = std::fs::metadata(&path).expect("exists").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&path, permissions).expect("chmod");
    path.display().to_string()
}

#[test]
fn wrong_crashing_and_hanging_interpreters_are_flagged_and_the_run_completes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = dir.path().join("suite");
    std::fs::create_dir_all(&suite).expect("writable");
    std::fs::write(
        suite.join("tiny.py"),
        "def bench():\n    return sum(range(1000))\n\nif __name__ == \"__main__\":\n    print(bench())\n",
    )
    .expect("writable");
    std::fs::write(
        suite.join("suite.toml"),
        "[programs.tiny]\ndescription = \"a sum\"\ntags = [\"numeric\"]\niterations = 3\n",
    )
    .expect("writable");
    let liar = script(dir.path(), "liar.sh", "echo 42");
    let crash = script(dir.path(), "crash.sh", "echo boom >&2; exit 3");
    let hang = script(dir.path(), "hang.sh", "sleep 30");
    let out = dir.path().join("report");
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args([
            "compare",
            suite.to_str().expect("utf-8"),
            "--backends",
            "switch,threaded,liar,crash,hang",
            "--interp",
            &format!("liar={liar}"),
            "--interp",
            &format!("crash={crash}"),
            "--interp",
            &format!("hang={hang}"),
            "--processes",
            "2",
            "--timeout",
            "2",
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .env("COLUMNS", "100")
        .output()
        .expect("pvm runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("WRONG OUTPUT")
            && stdout.contains("CRASHED")
            && stdout.contains("TIMED OUT"),
        "{stdout}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("results.json")).expect("results.json written"),
    )
    .expect("valid JSON");
    assert_eq!(json["schema"], 1);
    let status = |backend: &str| -> String {
        json["summaries"]
            .as_array()
            .expect("summaries")
            .iter()
            .find(|s| s["backend"] == backend)
            .map(|s| s["status"].as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    assert_eq!(status("switch"), "ok");
    assert_eq!(status("threaded"), "ok");
    assert_eq!(status("liar"), "WRONG OUTPUT");
    assert_eq!(status("crash"), "CRASHED");
    assert_eq!(status("hang"), "TIMED OUT");
    // Only completed runs carry times: 2 processes × 3 iterations each.
    let csv = std::fs::read_to_string(out.join("results.csv")).expect("results.csv written");
    for backend in ["switch", "threaded"] {
        let rows = csv
            .lines()
            .filter(|l| l.starts_with(&format!("tiny,{backend},")))
            .count();
        assert_eq!(rows, 6, "{csv}");
    }
    assert!(!csv.contains(",liar,") && !csv.contains(",crash,") && !csv.contains(",hang,"));
    let report = std::fs::read_to_string(out.join("report.md")).expect("report.md written");
    assert!(report.contains("tiny on liar: WRONG OUTPUT"), "{report}");
    assert!(
        report.contains("| tiny | switch | "),
        "no warm-up row: {report}"
    );
    // Start-up: cold and warm times for each process of the backends that
    // passed the gate, none for the others.
    let startup = json["startup"].as_array().expect("startup results");
    let times = |backend: &str, which: &str| -> usize {
        startup
            .iter()
            .filter(|s| s["backend"] == backend && s["program"] == "tiny")
            .map(|s| s[which].as_array().map_or(0, |t| t.len()))
            .sum()
    };
    assert_eq!(
        (times("switch", "cold_ms"), times("switch", "warm_ms")),
        (2, 2)
    );
    assert_eq!(
        (times("threaded", "cold_ms"), times("threaded", "warm_ms")),
        (2, 2)
    );
    assert_eq!(times("hang", "cold_ms") + times("liar", "warm_ms"), 0);
    assert!(
        report.contains("## Start-up with a cold and a warm cache"),
        "{report}"
    );
    assert!(report.contains("| (all programs) |"), "{report}");
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html written");
    // The summary first, then the run, then the programs: the speed-up
    // chart and, in the program's collapsible section, one run-sequence
    // chart per completed backend.
    let at = |text: &str| html.find(text).unwrap_or_else(|| panic!("no {text}"));
    assert!(at("<h2>Summary</h2>") < at("<h2>The run</h2>"));
    assert!(at("<h2>The run</h2>") < at("<h2>Programs</h2>"));
    assert_eq!(html.matches("<svg").count(), 3, "{html}");
    assert!(html.contains("<details><summary>tiny</summary>"));
    // The table fits the terminal it is given.
    for line in stdout
        .lines()
        .filter(|l| l.starts_with(['╭', '│', '├', '╰']))
    {
        assert!(
            line.chars().count() <= 100,
            "wider than COLUMNS=100:\n{stdout}"
        );
    }
}

#[test]
fn a_saved_baseline_catches_a_regression() {
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = |work: u32| {
        let folder = dir.path().join(format!("suite{work}"));
        std::fs::create_dir_all(&folder).expect("writable");
        std::fs::write(
            folder.join("tiny.py"),
            format!("def bench():\n    return sum(range({work}))\n\nif __name__ == \"__main__\":\n    print(bench())\n"),
        )
        .expect("writable");
        folder
    };
    let run = |folder: &Path, extra: &[&str]| {
        let mut args = vec![
            "compare".to_string(),
            folder.display().to_string(),
            "--backends".into(),
            "switch".into(),
            // Five processes: with three, the 99% interval's t is 9.9,
            // and one process slowed by a busy machine hides even a
            // hundredfold change.
            "--processes".into(),
            "5".into(),
            "--iterations".into(),
            "3".into(),
            "--out".into(),
            dir.path().join("out").display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        Command::new(env!("CARGO_BIN_EXE_pvm"))
            .args(&args)
            .current_dir(dir.path())
            .output()
            .expect("pvm runs")
    };
    // Iterations of about a millisecond even in a debug build, so that a
    // scheduling hiccup on a busy machine is not most of a process's time.
    let fast = suite(20_000);
    let saved = run(&fast, &["--save-baseline", "before"]);
    assert_eq!(
        saved.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    assert!(dir.path().join("reports/baselines/before.json").is_file());
    // The same work again is no regression.
    let same = run(
        &fast,
        &["--compare-to", "before", "--fail-on-regression", "500"],
    );
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    assert!(String::from_utf8_lossy(&same.stdout).contains("Against baseline `before`"));
    // A hundred times the work is.
    let slow = suite(2_000_000);
    let regressed = run(
        &slow,
        &["--compare-to", "before", "--fail-on-regression", "50"],
    );
    assert_eq!(regressed.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&regressed.stderr).contains("regression: tiny on switch"),
        "{}",
        String::from_utf8_lossy(&regressed.stderr)
    );
}

#[test]
fn one_interpreter_against_itself_gets_no_verdict_either_way() {
    // An A/A run: the switch against the switch under another name (added
    // by --interp alone, without naming it in --backends). A quick run and
    // a two-process run are too small for any verdict; a three-process run
    // may say "same", or (on a busy machine, with an interval too wide) no
    // verdict, but never "faster" or "slower".
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = dir.path().join("suite");
    std::fs::create_dir_all(&suite).expect("writable");
    std::fs::write(
        suite.join("tiny.py"),
        "def bench():\n    return sum(range(20000))\n\nif __name__ == \"__main__\":\n    print(bench())\n",
    )
    .expect("writable");
    let again = format!("again={} run --backend switch", env!("CARGO_BIN_EXE_pvm"));
    for setting in [
        &["--quick"][..],
        &["--processes", "2"],
        &["--processes", "3"],
    ] {
        let out = dir.path().join("report");
        let mut args = vec![
            "compare",
            suite.to_str().expect("utf-8"),
            "--backends",
            "switch",
            "--interp",
            &again,
            "--baseline-backend",
            "switch",
            "--iterations",
            "3",
            "--out",
            out.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(setting);
        let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
            .args(&args)
            .output()
            .expect("pvm runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let results = std::fs::read_to_string(out.join("results.json")).expect("results");
        let json: serde_json::Value = serde_json::from_str(&results).expect("json");
        let verdicts: Vec<String> = json["summaries"]
            .as_array()
            .expect("summaries")
            .iter()
            .filter(|run| run["backend"] == "again")
            .map(|run| run["verdict"].as_str().unwrap_or("none").to_string())
            .collect();
        assert_eq!(verdicts.len(), 1, "{results}");
        let allowed: &[&str] = if setting.contains(&"3") {
            &["same", "inconclusive"]
        } else {
            &["inconclusive"]
        };
        assert!(
            allowed.contains(&verdicts[0].as_str()),
            "A/A with {setting:?} gave {verdicts:?}"
        );
    }
}

#[test]
fn a_run_without_out_writes_a_fresh_folder_and_points_latest_at_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let suite = dir.path().join("suite");
    std::fs::create_dir_all(&suite).expect("writable");
    std::fs::write(
        suite.join("tiny.py"),
        "def bench():\n    return 1\n\nif __name__ == \"__main__\":\n    print(bench())\n",
    )
    .expect("writable");
    let run = || {
        let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
            .args(["compare", "suite", "--backends", "switch", "--quick"])
            .current_dir(dir.path())
            .output()
            .expect("pvm runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run();
    run();
    let runs = dir.path().join("reports/runs");
    let folders: Vec<_> = std::fs::read_dir(&runs)
        .expect("reports/runs")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "latest")
        .collect();
    assert_eq!(folders.len(), 2, "two runs, two folders");
    let latest = runs.join("latest");
    assert!(std::fs::symlink_metadata(&latest)
        .expect("latest")
        .file_type()
        .is_symlink());
    assert!(latest.join("results.json").is_file());
}

/// A suite of one small program in `dir/suite`.
fn tiny_suite(dir: &Path) -> std::path::PathBuf {
    let suite = dir.join("suite");
    std::fs::create_dir_all(&suite).expect("writable");
    std::fs::write(
        suite.join("tiny.py"),
        "def bench():\n    return sum(range(2000))\n\nif __name__ == \"__main__\":\n    print(bench())\n",
    )
    .expect("writable");
    suite
}

/// `pvm compare` in `dir` with `args`, which must succeed.
fn compare_in(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .arg("compare")
        .args(args)
        .env_remove("COLUMNS")
        .current_dir(dir)
        .output()
        .expect("pvm runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "pvm compare {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn saved_runs_are_compared_without_running_anything() {
    let dir = tempfile::tempdir().expect("temp dir");
    tiny_suite(dir.path());
    let small = ["--processes", "3", "--iterations", "2"];
    for (out, backends) in [
        ("a", "switch,threaded"),
        ("b", "switch,threaded"),
        ("c", "threaded"),
    ] {
        let first = backends.split(',').next().expect("a backend");
        let mut args = vec!["suite", "--backends", backends, "--out", out];
        args.extend_from_slice(&["--baseline-backend", first]);
        args.extend_from_slice(&small);
        compare_in(dir.path(), &args);
    }
    // Two runs of two backends: a table per backend, the files side by
    // side, the first as the baseline; a run folder stands for its
    // results.json. Nothing runs: the suite may be gone.
    std::fs::remove_dir_all(dir.path().join("suite")).expect("removable");
    let table = compare_in(dir.path(), &["--compare-results", "a/results.json", "b"]);
    assert!(table.contains("switch: a vs b"), "{table}");
    assert!(table.contains("threaded: a vs b"), "{table}");
    assert!(table.contains("geometric mean"), "{table}");
    assert!(!dir.path().join("reports").exists(), "nothing is written");
    // One interpreter per file: compared with each other, and the verdict
    // is the live run's (the same process means give the same verdict).
    let json = compare_in(
        dir.path(),
        &[
            "--compare-results",
            "a/results.json",
            "c",
            "--format",
            "json",
        ],
    );
    let tables: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let tables = tables.as_array().expect("tables");
    // The switch is only in a: nothing to set it against.
    assert_eq!(tables.len(), 1, "{json}");
    assert_eq!(tables[0]["columns"], serde_json::json!(["a", "c"]));
    let threaded_ab = compare_in(
        dir.path(),
        &["--compare-results", "a", "c", "--format", "md"],
    );
    assert!(threaded_ab.contains("## threaded: a vs c"), "{threaded_ab}");
    let only = |file: &str, backend: &str| {
        let results: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join(file).join("results.json")).expect("read"),
        )
        .expect("JSON");
        let mut r = results.clone();
        r["runs"] = serde_json::Value::Array(
            results["runs"]
                .as_array()
                .expect("runs")
                .iter()
                .filter(|run| run["backend"] == backend)
                .cloned()
                .collect(),
        );
        let path = dir.path().join(format!("{file}-{backend}.json"));
        std::fs::write(&path, r.to_string()).expect("writable");
        path.display().to_string()
    };
    let (switch, threaded) = (only("a", "switch"), only("a", "threaded"));
    let pair = compare_in(
        dir.path(),
        &["--compare-results", &switch, &threaded, "--format", "json"],
    );
    let pair: serde_json::Value = serde_json::from_str(&pair).expect("JSON");
    assert_eq!(
        pair[0]["columns"],
        serde_json::json!(["switch", "threaded"])
    );
    let live: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("a/results.json")).expect("read"),
    )
    .expect("JSON");
    let verdict_of = |summaries: &serde_json::Value| {
        summaries
            .as_array()
            .expect("summaries")
            .iter()
            .find(|s| s["backend"] == "threaded")
            .map(|s| s["verdict"].clone())
            .expect("threaded's row")
    };
    // The live run's baseline was the switch: the same processes, the
    // same verdict.
    assert_eq!(
        verdict_of(&live["summaries"]),
        verdict_of(&pair[0]["summaries"])
    );
    // Missing and damaged files are errors that say which file.
    std::fs::write(
        dir.path().join("broken.json"),
        "{\"schema\": 1, \"runs\": [",
    )
    .expect("w");
    for (bad, says) in [
        ("missing.json", "cannot read missing.json"),
        ("broken.json", "broken.json is not a results file"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
            .args(["compare", "--compare-results", "a", bad])
            .current_dir(dir.path())
            .output()
            .expect("pvm runs");
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{stderr}");
    }
}

/// A Python that imports pyperf, and the PYTHONPATH it needs: pyperf as
/// pip installs it from PyPI into `target/tmp` (cached), or one already
/// installed. `None`, with the reason, when neither can be had.
fn pyperf_python() -> Result<(String, Option<std::path::PathBuf>), String> {
    const PYPERF: &str = "2.11.0";
    let python = std::env::var("PVM_PYTHON").ok().unwrap_or_else(|| {
        ["/usr/bin/python3.11", "python3.11", "python3"]
            .iter()
            .find(|p| {
                Command::new(p)
                    .arg("-c")
                    .arg("pass")
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
            .unwrap_or(&"python3")
            .to_string()
    });
    let imports = |path: Option<&Path>| {
        let mut command = Command::new(&python);
        command.args(["-c", "import pyperf"]);
        if let Some(path) = path {
            command.env("PYTHONPATH", path);
        }
        command.output().is_ok_and(|o| o.status.success())
    };
    let cached = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pyperf-{PYPERF}"));
    if imports(Some(&cached)) && cached.is_dir() {
        return Ok((python, Some(cached)));
    }
    let installing = cached.with_extension("installing");
    let _ = std::fs::remove_dir_all(&installing);
    let pip = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
        ])
        .arg(&installing)
        .arg(format!("pyperf=={PYPERF}"))
        .output();
    if pip.as_ref().is_ok_and(|o| o.status.success()) {
        let _ = std::fs::remove_dir_all(&cached);
        if std::fs::rename(&installing, &cached).is_ok() && imports(Some(&cached)) {
            return Ok((python, Some(cached)));
        }
    }
    if imports(None) {
        return Ok((python, None));
    }
    Err(match pip {
        Ok(o) => format!(
            "{python} -m pip install pyperf=={PYPERF} failed: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ),
        Err(e) => format!("{python} -m pip: {e}"),
    })
}

#[test]
fn pyperf_reads_the_files_pvm_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    tiny_suite(dir.path());
    compare_in(
        dir.path(),
        &[
            "suite",
            "--backends",
            "switch,threaded",
            "--processes",
            "2",
            "--iterations",
            "3",
            "--out",
            "out",
        ],
    );
    let folder = dir.path().join("out/pyperf");
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("switch.json")).expect("pyperf/switch.json"),
    )
    .expect("JSON");
    assert_eq!(file["version"], "1.0");
    assert_eq!(file["metadata"]["unit"], "second");
    let benchmark = &file["benchmarks"][0];
    assert_eq!(benchmark["metadata"]["name"], "tiny");
    let runs = benchmark["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 2, "one run per process");
    assert!(runs
        .iter()
        .all(|r| r["values"].as_array().is_some_and(|v| v.len() == 3)));
    let (python, path) = match pyperf_python() {
        Ok(found) => found,
        Err(why) => {
            eprintln!("skipped: pyperf is not available ({why})");
            return;
        }
    };
    for args in [
        vec!["stats", "switch.json"],
        vec!["compare_to", "switch.json", "threaded.json"],
    ] {
        let mut command = Command::new(&python);
        command
            .args(["-m", "pyperf"])
            .args(&args)
            .current_dir(&folder);
        if let Some(path) = &path {
            command.env("PYTHONPATH", path);
        }
        let output = command.output().expect("python runs");
        assert!(
            output.status.success(),
            "pyperf {args:?}:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        // pyperf hides differences it cannot call significant and names
        // the program in that note; a significant one it prints as a
        // result line naming the two files (without the program's name,
        // when there is only one program).
        let stdout = String::from_utf8_lossy(&output.stdout);
        let names_both = stdout.contains("[switch]") && stdout.contains("[threaded]");
        assert!(
            args[0] == "stats" || stdout.contains("tiny") || names_both,
            "{stdout}"
        );
    }
}

#[test]
fn pyperformance_programs_run_like_a_suite() {
    // The programs pyperformance's own test fetches (target/tmp), one of
    // them tiny, on the switch: prepared into a suite folder in the cache
    // (a scratch one here) and timed by the stand-in pyperf driver.
    let benchmarks = match fetch::benchmarks(Path::new(env!("CARGO_TARGET_TMPDIR"))) {
        Ok(folder) => folder,
        Err(why) => {
            eprintln!("skipped: the pyperformance programs are not available ({why})");
            return;
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args([
            "compare",
            "--pyperformance",
            "--filter",
            "deltablue",
            "--backends",
            "switch",
            "--processes",
            "1",
            "--iterations",
            "2",
            "--out",
            "out",
        ])
        .env("PVM_PYPERFORMANCE", &benchmarks)
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .current_dir(dir.path())
        .output()
        .expect("pvm runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let suite = dir.path().join("cache/pvm/pyperformance-1.11.0-suite");
    assert!(suite.join("pyperf.py").is_file() && suite.join("suite.toml").is_file());
    assert_eq!(
        std::fs::read(suite.join("deltablue.py")).expect("copied"),
        std::fs::read(benchmarks.join("bm_deltablue/run_benchmark.py")).expect("fetched"),
        "the program is pyperformance's, unchanged"
    );
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/results.json")).expect("results"),
    )
    .expect("JSON");
    let run = &json["runs"][0];
    assert_eq!(run["program"], "deltablue");
    assert_eq!(run["outcome"]["outcome"], "completed", "{run}");
    assert!(run["outcome"]["stdout"]
        .as_str()
        .is_some_and(|s| s.starts_with("deltablue returned")));
    let times = run["iteration_ns"][0].as_array().expect("one process");
    assert_eq!(times.len(), 2);
    assert!(times.iter().all(|t| t.as_f64().is_some_and(|t| t > 0.0)));
}

#[test]
fn a_missing_suite_folder_says_how_to_name_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(["compare", "bench-suite/"])
        .current_dir(dir.path())
        .output()
        .expect("pvm runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read the suite folder bench-suite/")
            && stderr.contains("pvm compare PATH/TO/pvm/bench-suite/")
            && stderr.contains("--pyperformance"),
        "{stderr}"
    );
}
