//! `pvm run --type-feedback`: what the switch PVM records per site for a
//! tiering JIT. The program in `tests/feedback/` has one site of each kind
//! seeing one shape, a few, or too many; the tests check what each site
//! recorded, and the whole report is a snapshot (its format is read by
//! people and, later, lecture mode). Update with `cargo insta review` or
//! `INSTA_UPDATE=always cargo test -p pvm --test type_feedback`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn program_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/feedback")
        .canonicalize()
        .expect("tests/feedback exists")
}

fn pvm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(args)
        .current_dir(program_dir())
        .output()
        .expect("pvm runs")
}

/// The program's output and the report, with the program's folder taken
/// out of the report (the script's code is named by its absolute path, as
/// CPython names it, and the snapshot must not depend on the checkout).
fn feedback(program: &str) -> (String, String) {
    let output = pvm(&["run", "--type-feedback", program]);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 report");
    assert!(output.status.success(), "pvm run failed: {stderr}");
    let folder = format!("{}/", program_dir().display());
    (stdout, stderr.replace(&folder, ""))
}

/// The rows of the report for code object `code` that mention `needle`,
/// each with its offset dropped and its spaces collapsed
/// (`BINARY_OP + monomorphic 50 int,int`).
fn rows(report: &str, code: &str, needle: &str) -> Vec<String> {
    let header = format!("Type feedback for <code object {code} at ");
    let block = report
        .split("\n\n")
        .find(|block| block.starts_with(&header))
        .unwrap_or_else(|| panic!("no feedback for {code} in:\n{report}"));
    block
        .lines()
        .skip(1)
        .filter(|row| row.contains(needle))
        .map(|row| row.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn records_what_each_site_saw() {
    let (stdout, report) = feedback("shapes.py");
    // The run itself is unchanged (what CPython 3.11 prints).
    assert_eq!(stdout, "1225\n3 4.0 pyvm\n45 90 10\n2 0\n5\n");

    // An int add that only ever saw ints; and the call that reached it.
    assert_eq!(
        rows(&report, "add", "BINARY_OP"),
        ["BINARY_OP + monomorphic 50 int,int"]
    );
    assert_eq!(
        rows(&report, "main", "function add"),
        ["CALL monomorphic 50 function add"]
    );
    // One add, three kinds of operands, in the order first seen.
    assert_eq!(
        rows(&report, "combine", "BINARY_OP"),
        ["BINARY_OP + polymorphic 3 int,int: 1 | float,float: 1 | str,str: 1"]
    );
    // Instances of one class: the attribute's slot in the instance dict,
    // the method, and the function the method call reaches.
    assert_eq!(
        rows(&report, "Point.norm1", "LOAD_ATTR"),
        [
            "LOAD_ATTR x monomorphic 10 Point (slot 0)",
            "LOAD_ATTR y monomorphic 10 Point (slot 1)",
        ]
    );
    assert_eq!(
        rows(&report, "Point.__init__", "STORE_ATTR"),
        [
            "STORE_ATTR x monomorphic 10 Point (slot 0)",
            "STORE_ATTR y monomorphic 10 Point (slot 1)",
        ]
    );
    assert_eq!(
        rows(&report, "main", "LOAD_METHOD"),
        [
            "LOAD_METHOD norm1 monomorphic 10 Point (method)",
            "LOAD_METHOD get monomorphic 3 dict",
        ]
    );
    assert_eq!(
        rows(&report, "main", "CALL_METHOD"),
        [
            "CALL_METHOD monomorphic 10 function Point.norm1",
            "CALL_METHOD monomorphic 3 builtin get",
        ]
    );
    // Callees of other kinds: a class and builtins.
    assert_eq!(
        rows(&report, "main.<locals>.<listcomp>", "CALL"),
        ["CALL monomorphic 10 class Point"]
    );
    assert_eq!(
        rows(&report, "Point.norm1", "CALL"),
        [
            "CALL monomorphic 10 builtin abs",
            "CALL monomorphic 10 builtin abs"
        ]
    );
    // Loops over a range and over lists (the last run is the exhausted one).
    assert_eq!(
        rows(&report, "main", "FOR_ITER"),
        [
            "FOR_ITER to 14 monomorphic 51 range_iterator",
            "FOR_ITER to 61 monomorphic 11 list_iterator",
            "FOR_ITER to 89 monomorphic 4 list_iterator",
            "FOR_ITER to 119 monomorphic 6 list_iterator",
        ]
    );
    // Subscripts, and a comparison that saw more shapes than it tells apart.
    assert_eq!(
        rows(&report, "main", "SUBSCR"),
        [
            "STORE_SUBSCR monomorphic 3 dict,str",
            "BINARY_SUBSCR monomorphic 1 dict,str",
            "BINARY_SUBSCR monomorphic 1 list,int",
        ]
    );
    assert_eq!(
        rows(&report, "main", "COMPARE_OP"),
        ["COMPARE_OP == megamorphic 5"]
    );

    insta::assert_snapshot!(report);
}

#[test]
fn records_on_the_switch_only() {
    let output = pvm(&[
        "run",
        "--type-feedback",
        "--backend",
        "threaded",
        "shapes.py",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--type-feedback records on the switch")
    );
}

#[test]
fn without_the_flag_nothing_is_reported() {
    for backend in ["switch", "threaded"] {
        let output = pvm(&["run", "--backend", backend, "shapes.py"]);
        assert!(output.status.success());
        assert!(output.stderr.is_empty(), "{backend} printed to stderr");
    }
}
