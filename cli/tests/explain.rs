//! Tests of `pvm explain` (every stage of the lecture on
//! `tests/explain/lecture.py`, snapshotted with times, addresses, the
//! source's mtime and the processor-specific machine code normalised; the
//! HTML page is self-contained; bad input is a clear error) and of `pvm
//! run --trace` and its line limit. Update the snapshots with `cargo insta
//! review` or `INSTA_UPDATE=always cargo test -p pvm --test explain`.

use std::path::Path;
use std::process::{Command, Output};

const LECTURE: &str = "tests/explain/lecture.py";

/// Runs pvm in the workspace's root (so file names in the output are
/// `tests/explain/...` wherever the workspace is).
fn pvm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("pvm runs")
}

fn explain(args: &[&str]) -> String {
    let mut all = vec!["explain", LECTURE];
    all.extend_from_slice(args);
    let output = pvm(&all);
    assert!(
        output.status.success(),
        "pvm {all:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the walkthrough is UTF-8")
}

/// Replaces each number that ends right before `suffix` with `<n>` (and
/// the spaces before it with one).
fn blank_number_before(text: &str, suffix: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(suffix) {
        let (before, after) = rest.split_at(at);
        let digits = before
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
        if digits < before.len() {
            // Columns of times are padded to the width of the number.
            let head = before[..digits].trim_end_matches(' ');
            out.push_str(head);
            if head.len() < digits {
                out.push(' ');
            }
            out.push_str("<n>");
        } else {
            out.push_str(before);
        }
        out.push_str(suffix);
        rest = &after[suffix.len()..];
    }
    out.push_str(rest);
    out
}

/// Replaces each number that starts right after `prefix` with `<n>`.
fn blank_number_after(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let after = &rest[at + prefix.len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        out.push_str(&rest[..at + prefix.len()]);
        if digits > 0 {
            out.push_str("<n>");
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Replaces hexadecimal numbers of 8 digits or more (addresses of the
/// runtime's functions, which move from build to build) with `0x<addr>`.
fn blank_addresses(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("0x") {
        out.push_str(&rest[..at]);
        let digits = rest[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() || *c == '_')
            .count();
        if digits >= 8 {
            out.push_str("0x<addr>");
        } else {
            out.push_str(&rest[at..at + 2 + digits]);
        }
        rest = &rest[at + 2 + digits..];
    }
    out.push_str(rest);
    out
}

/// What changes between runs and machines: times, addresses, the source
/// file's mtime (bytes 8..12 of the header), and the machine code itself
/// (its instructions depend on the processor's features).
fn normalise(text: &str) -> String {
    let text = blank_number_before(text, " ms");
    let text = blank_number_before(&text, " µs");
    let text = blank_number_after(&text, "machine code: ");
    let text = blank_number_after(&text, "no single bytecode instruction: ");
    let text = blank_number_before(&text, " bytes of machine code");
    let text = blank_addresses(&text);
    let mtime = |line: &str| line.contains("source mtime") || line.contains("mtime is still");
    text.lines()
        .filter(|line| !line.trim_start().starts_with("asm "))
        .map(|line| {
            if line.trim_start().starts_with("8..12 ") {
                "    8..12   <mtime>".to_string()
            } else if mtime(line) {
                let start = line
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(line.len());
                let digits = line[start..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                let after = &line[start + digits..];
                let after = after
                    .strip_prefix(" (")
                    .and_then(|a| a.split_once(')'))
                    .map_or(after, |(_, a)| a);
                format!("{}<mtime>{after}", &line[..start])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn stage_tokens() {
    insta::assert_snapshot!(normalise(&explain(&["--stage", "tokens"])));
}

#[test]
fn stage_ast() {
    insta::assert_snapshot!(normalise(&explain(&["--stage", "ast"])));
}

#[test]
fn stage_symbols() {
    insta::assert_snapshot!(normalise(&explain(&["--stage", "symbols"])));
}

#[test]
fn stage_bytecode() {
    insta::assert_snapshot!(normalise(&explain(&["--stage", "bytecode"])));
}

#[test]
fn stage_pyc() {
    insta::assert_snapshot!(normalise(&explain(&["--stage", "pyc"])));
}

#[test]
fn stage_run() {
    insta::assert_snapshot!(normalise(&explain(&["--stage", "run"])));
}

#[test]
fn stage_jit() {
    insta::assert_snapshot!(normalise(&explain(&["--stage", "jit"])));
}

#[test]
fn one_function() {
    let text = explain(&["--function", "sum_of_squares", "--stage", "ast,bytecode"]);
    assert!(text.contains("code object sum_of_squares"), "{text}");
    assert!(!text.contains("code object <module>"), "{text}");
    assert!(!text.contains("Name result"), "{text}");
}

#[test]
fn piped_output_has_no_colour() {
    assert!(!explain(&["--stage", "symbols"]).contains('\x1b'));
}

#[test]
fn markdown() {
    let text = explain(&["--format", "md", "--stage", "tokens,bytecode"]);
    assert!(text.starts_with("# How Python runs tests/explain/lecture.py"));
    assert!(text.contains("\n## 1. Tokens"));
    assert!(text.contains("\n## 4. Bytecode"));
    assert_eq!(text.matches("```").count() % 2, 0, "fences pair up");
}

#[test]
fn html_is_one_self_contained_page() {
    let folder = tempfile::tempdir().unwrap();
    let page = folder.path().join("lecture.html");
    let output = pvm(&[
        "explain",
        LECTURE,
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty(), "-o writes the file, not stdout");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "href='http",
        "<link",
        "@import",
        "url(",
        "<script src",
        "<iframe",
        "<img",
    ] {
        assert!(!html.contains(external), "the page loads {external}...");
    }
    // A table of contents that links each stage's section.
    for stage in ["tokens", "ast", "symbols", "bytecode", "pyc", "run", "jit"] {
        assert!(html.contains(&format!("<a href=\"#{stage}\">")), "{stage}");
        assert!(
            html.contains(&format!("<section id=\"{stage}\">")),
            "{stage}"
        );
    }
    assert!(html.contains("<pre>"), "code is monospace");
}

#[test]
fn bad_input_is_a_clear_error() {
    let folder = tempfile::tempdir().unwrap();
    let broken = folder.path().join("broken.py");
    std::fs::write(&broken, "def f(:\n    pass\n").unwrap();
    let broken = broken.to_str().unwrap();
    let cases: [(&[&str], u8, &str); 5] = [
        (&["explain", broken], 1, "SyntaxError"),
        (&["explain", "no/such/file.py"], 2, "can't open file"),
        (
            &["explain", LECTURE, "--stage", "bogus"],
            2,
            "unknown stage 'bogus'",
        ),
        (
            &["explain", LECTURE, "--function", "nope"],
            1,
            "no function named 'nope'",
        ),
        (
            &["run", "--trace", "--backend", "jit", LECTURE],
            2,
            "--trace",
        ),
    ];
    for (args, status, message) in cases {
        let output = pvm(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(status as i32),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
    }
}

fn trace(limit: Option<&str>) -> String {
    let folder = tempfile::tempdir().unwrap();
    let program = folder.path().join("tiny.py");
    std::fs::write(
        &program,
        "def double(x):\n    return x * 2\n\nprint(double(21))\n",
    )
    .unwrap();
    let flag = limit.map_or("--trace".to_string(), |n| format!("--trace={n}"));
    let output = pvm(&["run", &flag, program.to_str().unwrap()]);
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn trace_prints_each_instruction_with_its_stack() {
    insta::assert_snapshot!(trace(None));
}

#[test]
fn trace_stops_at_its_limit() {
    let text = trace(Some("4"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(lines[2].contains("STORE_NAME"), "{text}");
    assert!(lines[3].contains("LOAD_NAME"), "{text}");
    assert_eq!(
        lines[4],
        "(--trace stopped after 4 lines; the program runs on untraced)"
    );
    assert_eq!(lines[5], "42", "the program still runs to the end");
}
