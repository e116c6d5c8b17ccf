//! The conformance corpus: every `tests/conformance/*.py` program runs on
//! every registered backend (the JIT at its default threshold and at 0), and
//! its stdout, exit status and last stderr line must equal what CPython 3.11
//! produced. JIT runs must also show that compiled code ran: at threshold 0
//! nearly every executed instruction, at the default most of the corpus's.
//!
//! Expected results are data, never edited by hand: `PVM_BLESS=1 cargo test
//! -p pvm --test conformance` re-runs CPython 3.11 (`/usr/bin/python3.11`, or
//! `$PVM_PYTHON`) on each program and rewrites `NAME.out` (stdout) and
//! `NAME.err` (exit status and last stderr line, only for failing programs).

mod common;
use common::{configurations, Executed};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance")
}

fn programs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .expect("tests/conformance exists")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".py"))
        .collect();
    names.sort();
    names
}

/// Exit status and last stderr line, as recorded in `NAME.err`.
fn error_summary(output: &Output) -> String {
    let status = output.status.code().unwrap_or(-1);
    if status == 0 {
        return String::new();
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    format!("exit: {status}\n{last}\n")
}

fn bless() {
    let python = std::env::var("PVM_PYTHON").unwrap_or_else(|_| "/usr/bin/python3.11".into());
    for program in programs() {
        let output = Command::new(&python)
            .arg(&program)
            .current_dir(corpus())
            .output()
            .expect("CPython runs");
        let stem = program.trim_end_matches(".py");
        std::fs::write(corpus().join(format!("{stem}.out")), &output.stdout)
            .expect("writable corpus");
        let err_path = corpus().join(format!("{stem}.err"));
        match error_summary(&output).as_str() {
            "" => {
                let _ = std::fs::remove_file(err_path);
            }
            summary => std::fs::write(err_path, summary).expect("writable corpus"),
        }
    }
}

#[test]
fn every_program_matches_cpython_on_every_backend() {
    if std::env::var_os("PVM_BLESS").is_some() {
        bless();
    }
    let configurations = configurations();
    assert!(
        configurations.iter().any(|c| c.backend == "switch"),
        "the reference backend is registered: {configurations:?}"
    );
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut executed = vec![Executed::default(); configurations.len()];
    for program in programs() {
        let stem = program.trim_end_matches(".py");
        let expected_out =
            std::fs::read(corpus().join(format!("{stem}.out"))).unwrap_or_else(|_| {
                panic!(
                    "{stem}.out is missing: run PVM_BLESS=1 cargo test -p pvm --test conformance"
                )
            });
        let expected_err =
            std::fs::read_to_string(corpus().join(format!("{stem}.err"))).unwrap_or_default();
        for (configuration, executed) in configurations.iter().zip(&mut executed) {
            let (output, ran) =
                configuration.run(&["--time-limit", "60", &program], Some(&corpus()));
            checked += 1;
            let actual_err = error_summary(&output);
            if output.stdout != expected_out || actual_err != expected_err {
                failures.push(format!(
                    "{program} on {}:\n--- expected stdout\n{}--- actual stdout\n{}--- expected error\n{expected_err}--- actual error\n{actual_err}--- full stderr\n{}",
                    configuration.label,
                    String::from_utf8_lossy(&expected_out),
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr),
                ));
            }
            if let Some(ran) = ran {
                // Everything is compiled at its first call at threshold 0.
                if configuration.threshold == Some(0) && ran.total > 0 && ran.share() < 0.95 {
                    failures.push(format!(
                        "{program} on {}: only {:.1}% of {} instructions ran compiled",
                        configuration.label,
                        100.0 * ran.share(),
                        ran.total
                    ));
                }
                *executed += ran;
            }
        }
    }
    for (configuration, executed) in configurations.iter().zip(&executed) {
        if configuration.is_jit() {
            assert!(
                executed.share() > 0.5,
                "on {}, only {:.1}% of the corpus's {} executed instructions ran compiled",
                configuration.label,
                100.0 * executed.share(),
                executed.total
            );
        }
    }
    assert!(checked > 0, "the corpus is empty");
    assert!(
        failures.is_empty(),
        "{} of {checked} runs differ from CPython 3.11:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
