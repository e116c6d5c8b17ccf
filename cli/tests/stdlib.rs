//! CPython's standard library as pvm finds it: a folder named by
//! `PVM_STDLIB` or `--stdlib` is searched after the program's own modules;
//! a module's cache file goes into that tree's `__pycache__` with pvm's tag
//! when it can be written (CPython's own `.cpython-311.pyc` beside it is
//! never touched), else under the per-user cache (`$XDG_CACHE_HOME/pvm`,
//! mirroring the path); without a standard library, a missing module's
//! error names the Debian package and `PVM_STDLIB`.

use std::path::Path;
use std::process::{Command, Output};

fn pvm(dir: &Path, args: &[&str], stdlib: &Path, cache_home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(args)
        .current_dir(dir)
        .env("PVM_STDLIB", stdlib)
        .env("XDG_CACHE_HOME", cache_home)
        .env_remove("PVM_DONT_WRITE_BYTECODE")
        .env_remove("PVM_PYCACHE_PREFIX")
        .output()
        .expect("pvm runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A program folder and a fake standard library holding `libmod`.
fn setup() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let root = tempfile::tempdir().expect("temp dir");
    let program = root.path().join("program");
    let stdlib = root.path().join("lib");
    std::fs::create_dir_all(&program).expect("writable");
    std::fs::create_dir_all(&stdlib).expect("writable");
    // `os.py` is what marks a folder as a standard library.
    std::fs::write(stdlib.join("os.py"), "").expect("writable");
    std::fs::write(stdlib.join("libmod.py"), "NAME = 'from the library'\n").expect("writable");
    std::fs::write(
        program.join("main.py"),
        "import libmod\nprint(libmod.NAME)\n",
    )
    .expect("writable");
    (root, program, stdlib)
}

#[test]
fn a_writable_library_gets_pvm_cache_files_beside_cpythons() {
    let (root, program, stdlib) = setup();
    let pycache = stdlib.join("__pycache__");
    std::fs::create_dir_all(&pycache).expect("writable");
    let cpython = pycache.join("libmod.cpython-311.pyc");
    std::fs::write(&cpython, b"CPython's own").expect("writable");
    let output = pvm(
        &program,
        &["run", "main.py"],
        &stdlib,
        &root.path().join("cache"),
    );
    assert_eq!(
        text(&output.stdout),
        "from the library\n",
        "{}",
        text(&output.stderr)
    );
    assert!(pycache.join("libmod.pvm-1.pyc").is_file());
    assert_eq!(
        std::fs::read(&cpython).expect("still there"),
        b"CPython's own"
    );
    assert!(!root.path().join("cache/pvm").exists());
}

#[test]
fn a_library_that_cannot_be_written_caches_under_the_user_cache() {
    let (root, program, stdlib) = setup();
    // A file where `__pycache__` would go: no cache file can be made there
    // (as for a read-only tree, which root could still write).
    std::fs::write(stdlib.join("__pycache__"), "in the way").expect("writable");
    let cache_home = root.path().join("cache");
    let first = pvm(&program, &["run", "-v", "main.py"], &stdlib, &cache_home);
    assert_eq!(
        text(&first.stdout),
        "from the library\n",
        "{}",
        text(&first.stderr)
    );
    let relative: std::path::PathBuf = stdlib
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    let mirrored = cache_home
        .join("pvm")
        .join(relative)
        .join("libmod.pvm-1.pyc");
    assert!(mirrored.is_file(), "{}", text(&first.stderr));
    let second = pvm(&program, &["run", "-v", "main.py"], &stdlib, &cache_home);
    assert_eq!(text(&second.stdout), "from the library\n");
    assert!(
        text(&second.stderr).contains(&format!("# code object from {}", mirrored.display())),
        "{}",
        text(&second.stderr)
    );
}

#[test]
fn the_program_folder_comes_before_the_library() {
    let (root, program, stdlib) = setup();
    std::fs::write(program.join("libmod.py"), "NAME = 'the program\\'s own'\n").expect("writable");
    let output = pvm(
        &program,
        &["run", "main.py"],
        &stdlib,
        &root.path().join("cache"),
    );
    assert_eq!(text(&output.stdout), "the program's own\n");
}

#[test]
fn the_stdlib_flag_names_the_library() {
    let (root, program, stdlib) = setup();
    let nowhere = root.path().join("nowhere");
    let stdlib_text = stdlib.display().to_string();
    let output = pvm(
        &program,
        &["run", "--stdlib", &stdlib_text, "main.py"],
        &nowhere,
        &root.path().join("cache"),
    );
    assert_eq!(
        text(&output.stdout),
        "from the library\n",
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn without_a_library_the_error_says_how_to_get_one() {
    let (root, program, _) = setup();
    let nowhere = root.path().join("nowhere");
    let output = pvm(
        &program,
        &["run", "main.py"],
        &nowhere,
        &root.path().join("cache"),
    );
    assert_eq!(output.status.code(), Some(1));
    let last = text(&output.stderr)
        .lines()
        .last()
        .unwrap_or("")
        .to_string();
    assert!(
        last.starts_with("ModuleNotFoundError: No module named 'libmod'")
            && last.contains("libpython3.11-stdlib")
            && last.contains("PVM_STDLIB"),
        "{last}"
    );
}
