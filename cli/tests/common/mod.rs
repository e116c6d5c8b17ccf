//! Helpers the `pvm` command's integration tests share.

use std::process::Command;

/// The backends `pvm backends` lists, by name.
pub fn registered_backends() -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .arg("backends")
        .output()
        .expect("pvm runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}
