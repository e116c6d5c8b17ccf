//! Fetches pyperformance's benchmark programs: the pinned wheel, downloaded
//! from PyPI with pip and unpacked into a cache folder once. Shared by
//! `pvm compare --pyperformance` and `cli/tests/pyperformance.rs` (which
//! includes this file by its path, so it uses nothing but `std`). It
//! knows nothing of running the programs.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pyperformance release whose programs pvm runs.
pub const VERSION: &str = "1.11.0";

/// The programs pvm runs: pyperformance's pure-Python ones that need only
/// the parts of the standard library pvm provides.
pub const PROGRAMS: &[&str] = &[
    "chaos",
    "coroutines",
    "deltablue",
    "fannkuch",
    "float",
    "generators",
    "go",
    "hexiom",
    "meteor_contest",
    "nbody",
    "nqueens",
    "pidigits",
    "raytrace",
    "richards",
    "scimark",
    "spectral_norm",
    "unpack_sequence",
];

/// pyperformance's benchmarks folder (`bm_NAME/run_benchmark.py`): the
/// folder `PVM_PYPERFORMANCE` names when set, else `cache/pyperformance-
/// VERSION/...`, downloaded and unpacked there first when missing (with
/// `PVM_PIP_PYTHON`'s pip, default `python3`).
pub fn benchmarks(cache: &Path) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("PVM_PYPERFORMANCE") {
        return Ok(PathBuf::from(dir));
    }
    let root = cache.join(format!("pyperformance-{VERSION}"));
    let benchmarks = root.join("pyperformance/data-files/benchmarks");
    if benchmarks.is_dir() {
        return Ok(benchmarks);
    }
    std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let download = root.with_extension("download");
    let _ = std::fs::remove_dir_all(&download);
    let python = std::env::var("PVM_PIP_PYTHON").unwrap_or_else(|_| "python3".into());
    let status = Command::new(&python)
        .args(["-m", "pip", "download", "--quiet", "--no-deps"])
        .args(["--only-binary", ":all:", "-d"])
        .arg(&download)
        .arg(format!("pyperformance=={VERSION}"))
        .status()
        .map_err(|e| format!("{python} -m pip: {e}"))?;
    if !status.success() {
        return Err(format!(
            "pip could not download pyperformance {VERSION} from PyPI ({status}); \
             set PVM_PYPERFORMANCE to an unpacked copy's benchmarks folder"
        ));
    }
    let wheel = download.join(format!("pyperformance-{VERSION}-py3-none-any.whl"));
    let unpacked = root.with_extension("unpacking");
    let _ = std::fs::remove_dir_all(&unpacked);
    let status = Command::new(&python)
        .args(["-m", "zipfile", "-e"])
        .arg(&wheel)
        .arg(&unpacked)
        .status()
        .map_err(|e| format!("{python} -m zipfile: {e}"))?;
    if !status.success() {
        return Err(format!("could not unpack {}", wheel.display()));
    }
    let _ = std::fs::remove_dir_all(&root);
    std::fs::rename(&unpacked, &root).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&download);
    Ok(benchmarks)
}
