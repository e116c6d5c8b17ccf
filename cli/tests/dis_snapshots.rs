//! Snapshot tests for `pvm dis`: the disassembly of each program in
//! `tests/dis/` is part of pvm's interface (lecturers put it on slides), so
//! any change to it must be reviewed. Update with `cargo insta review` or
//! `INSTA_UPDATE=always cargo test -p pvm --test dis_snapshots`.

use std::path::Path;
use std::process::Command;

fn dis(program: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/dis");
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(["dis", program])
        .current_dir(dir)
        .output()
        .expect("pvm runs");
    assert!(
        output.status.success(),
        "pvm dis {program} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("disassembly is UTF-8")
}

#[test]
fn dis_fib() {
    insta::assert_snapshot!(dis("fib.py"));
}

#[test]
fn dis_control_flow() {
    insta::assert_snapshot!(dis("control_flow.py"));
}

#[test]
fn dis_expressions() {
    insta::assert_snapshot!(dis("expressions.py"));
}
