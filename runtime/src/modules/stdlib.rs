//! Where CPython's own pure-Python standard library is (`Lib/`, installed
//! by Debian's `libpython3.11-stdlib` as `/usr/lib/python3.11`, or named by
//! `PVM_STDLIB` / `pvm run --stdlib DIR`), and where the cache files of
//! modules imported from it live: that tree's `__pycache__` with pvm's tag
//! when it is writable, else the same path mirrored under a per-user cache
//! folder (`$XDG_CACHE_HOME/pvm`, or `~/.cache/pvm`).
//!
//! It does not import anything (`importer.rs` searches this folder last)
//! and never reads or writes CPython's own `.cpython-311.pyc` files: pvm's
//! tag keeps the two apart.

use std::path::{Path, PathBuf};

/// Where Debian installs CPython 3.11's standard library.
pub const DEFAULT_DIR: &str = "/usr/lib/python3.11";

/// The Debian package that provides `DEFAULT_DIR`.
pub const PACKAGE: &str = "libpython3.11-stdlib";

/// The standard library to use: `chosen` (`--stdlib`), else `PVM_STDLIB`,
/// else `DEFAULT_DIR`, each only if it looks like a CPython `Lib/` folder
/// (it holds `os.py`).
pub fn locate(chosen: Option<&Path>) -> Option<PathBuf> {
    let from_env = std::env::var_os("PVM_STDLIB")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let candidate = chosen
        .map(Path::to_path_buf)
        .or(from_env)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    let candidate = std::path::absolute(&candidate).unwrap_or(candidate);
    candidate.join("os.py").is_file().then_some(candidate)
}

/// What a `ModuleNotFoundError` adds when no standard library was found.
pub fn missing_hint() -> String {
    format!(
        " (pvm found no CPython 3.11 standard library: install Debian's {PACKAGE} \
         or set PVM_STDLIB to a CPython 3.11 Lib folder)"
    )
}

/// The per-user folder that mirrors read-only standard-library trees.
pub fn user_cache_root() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let home = || {
        std::env::var_os("HOME")
            .filter(|v| !v.is_empty())
            .map(|h| PathBuf::from(h).join(".cache"))
    };
    Some(xdg.or_else(home)?.join("pvm"))
}

/// The cache file of `source` under the per-user cache folder, mirroring
/// its absolute path (as `--pycache-prefix` does).
pub fn user_cache_path(source: &Path) -> Option<PathBuf> {
    Some(crate::pycache::cache_path(
        source,
        Some(&user_cache_root()?),
    ))
}
