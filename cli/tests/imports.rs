//! Imports and `__pycache__`, tried as a new user would: a script imports a
//! helper; the helper's cache file appears and the script gets none; a
//! second run uses the cache (`-v` says so); editing the helper is noticed;
//! corrupt, truncated and foreign cache files are ignored and repaired;
//! `-B`, `--pycache-prefix` and hash-based validation behave like CPython's;
//! processes racing on the same import never leave a broken file; cache
//! files can be run and disassembled directly; `pvm compile` writes them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pvm_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(args)
        .current_dir(dir)
        .env_remove("PVM_DONT_WRITE_BYTECODE")
        .env_remove("PVM_PYCACHE_PREFIX")
        .output()
        .expect("pvm runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("main.py"),
        "import helper\nprint(helper.greet('world'), helper.VALUE)\n",
    )
    .expect("writable");
    std::fs::write(
        dir.path().join("helper.py"),
        "VALUE = 42\n\ndef greet(who):\n    return 'hello ' + who\n",
    )
    .expect("writable");
    dir
}

fn helper_cache(dir: &Path) -> PathBuf {
    dir.join("__pycache__").join("helper.pvm-1.pyc")
}

fn assert_runs(dir: &Path, args: &[&str], expected: &str) -> Output {
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    all.push("main.py");
    let output = pvm_in(dir, &all);
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr:\n{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), expected);
    output
}

fn cache_is_valid(path: &Path) -> bool {
    std::fs::read(path)
        .ok()
        .is_some_and(|bytes| pvm_frontend::pyc::deserialize(&bytes).is_ok())
}

#[test]
fn the_helper_is_cached_and_the_script_is_not() {
    let dir = project();
    assert_runs(dir.path(), &[], "hello world 42\n");
    assert!(cache_is_valid(&helper_cache(dir.path())));
    assert!(!dir.path().join("__pycache__/main.pvm-1.pyc").exists());
    // CPython's own cache files are never written by pvm.
    assert!(!dir
        .path()
        .join("__pycache__/helper.cpython-311.pyc")
        .exists());
}

#[test]
fn a_second_run_uses_the_cache_and_an_edit_is_noticed() {
    let dir = project();
    let first = assert_runs(dir.path(), &["-v"], "hello world 42\n");
    assert!(stderr(&first).contains("# wrote "), "{}", stderr(&first));
    let second = assert_runs(dir.path(), &["-v"], "hello world 42\n");
    assert!(
        stderr(&second).contains("# code object from ") && !stderr(&second).contains("# wrote"),
        "{}",
        stderr(&second)
    );
    std::fs::write(
        dir.path().join("helper.py"),
        "VALUE = 43\n\ndef greet(who):\n    return 'hi ' + who\n",
    )
    .expect("writable");
    let third = assert_runs(dir.path(), &["-v"], "hi world 43\n");
    assert!(
        stderr(&third).contains("# bytecode is stale for helper (source"),
        "{}",
        stderr(&third)
    );
    assert!(cache_is_valid(&helper_cache(dir.path())));
}

#[test]
fn corrupt_truncated_and_foreign_cache_files_are_repaired() {
    let dir = project();
    assert_runs(dir.path(), &[], "hello world 42\n");
    let cache = helper_cache(dir.path());
    let good = std::fs::read(&cache).expect("cache written");
    let mut foreign = good.clone();
    foreign[2] ^= 0xff;
    let mut flipped = good.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x41;
    for damaged in [
        b"not a cache file".to_vec(),
        good[..good.len() / 2].to_vec(),
        good[..10].to_vec(),
        foreign,
        flipped,
        Vec::new(),
    ] {
        std::fs::write(&cache, &damaged).expect("writable");
        let output = assert_runs(dir.path(), &[], "hello world 42\n");
        assert!(!stderr(&output).contains("internal error"));
        assert!(cache_is_valid(&cache), "the cache file was not repaired");
    }
}

#[test]
fn dont_write_bytecode_and_prefix() {
    let dir = project();
    assert_runs(dir.path(), &["-B"], "hello world 42\n");
    assert!(!dir.path().join("__pycache__").exists());
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(["run", "main.py"])
        .current_dir(dir.path())
        .env("PVM_DONT_WRITE_BYTECODE", "1")
        .output()
        .expect("pvm runs");
    assert_eq!(stdout(&output), "hello world 42\n");
    assert!(!dir.path().join("__pycache__").exists());
    let prefix = tempfile::tempdir().expect("temp dir");
    let prefix_arg = prefix.path().to_str().expect("utf-8 path").to_string();
    assert_runs(
        dir.path(),
        &["--pycache-prefix", &prefix_arg],
        "hello world 42\n",
    );
    assert!(!dir.path().join("__pycache__").exists());
    let found = walk(prefix.path())
        .into_iter()
        .any(|p| p.file_name().is_some_and(|n| n == "helper.pvm-1.pyc"));
    assert!(found, "no cache file under the prefix");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn checked_hash_caches_notice_same_size_edits() {
    let dir = project();
    assert_runs(
        dir.path(),
        &["--invalidation-mode", "checked-hash"],
        "hello world 42\n",
    );
    let bytes = std::fs::read(helper_cache(dir.path())).expect("cache written");
    assert_eq!(
        &bytes[4..8],
        &3u32.to_le_bytes(),
        "flags of a checked-hash file"
    );
    // Same length, so only the hash can tell.
    std::fs::write(
        dir.path().join("helper.py"),
        "VALUE = 24\n\ndef greet(who):\n    return 'jello ' + who\n",
    )
    .expect("writable");
    let output = assert_runs(dir.path(), &["-v"], "jello world 24\n");
    assert!(
        stderr(&output).contains("source hash changed"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn racing_processes_never_leave_a_broken_cache_file() {
    let dir = project();
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_pvm"))
                .args(["run", "main.py"])
                .current_dir(dir.path())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("pvm starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("pvm finishes");
        assert_eq!(stdout(&output), "hello world 42\n");
    }
    assert!(cache_is_valid(&helper_cache(dir.path())));
    let leftovers: Vec<_> = walk(&dir.path().join("__pycache__"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn cache_files_run_and_disassemble_and_compile_writes_them() {
    let dir = project();
    let output = pvm_in(dir.path(), &["compile", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let main_cache = dir.path().join("__pycache__/main.pvm-1.pyc");
    assert!(cache_is_valid(&main_cache) && cache_is_valid(&helper_cache(dir.path())));
    let run = pvm_in(dir.path(), &["run", "__pycache__/main.pvm-1.pyc"]);
    assert_eq!(stdout(&run), "hello world 42\n", "{}", stderr(&run));
    let dis = pvm_in(dir.path(), &["dis", "__pycache__/helper.pvm-1.pyc"]);
    assert!(stdout(&dis).contains("RETURN_VALUE"), "{}", stdout(&dis));
    std::fs::write(&main_cache, b"pv\x00\x00broken").expect("writable");
    let bad = pvm_in(dir.path(), &["run", "__pycache__/main.pvm-1.pyc"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("can't run"), "{}", stderr(&bad));
}

#[test]
fn packages_relative_and_circular_imports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("pkg/sub")).expect("writable");
    let files = [
        ("main.py", "import pkg.sub.deep\nfrom pkg import tool\nimport circ_a\nprint(pkg.sub.deep.where(), tool.name, circ_a.b_value())\ntry:\n    import nosuch\nexcept ModuleNotFoundError as e:\n    print(e)\n"),
        ("pkg/__init__.py", "print('pkg init', __name__, __package__)\n"),
        ("pkg/tool.py", "from .sub.deep import where\nname = 'tool:' + where()\n"),
        ("pkg/sub/__init__.py", ""),
        ("pkg/sub/deep.py", "def where():\n    return __name__\n"),
        ("circ_a.py", "A = 'a'\nimport circ_b\ndef b_value():\n    return circ_b.B\n"),
        ("circ_b.py", "import circ_a\nB = 'b sees ' + circ_a.A\n"),
    ];
    for (name, text) in files {
        std::fs::write(d.join(name), text).expect("writable");
    }
    // The output CPython 3.11 prints for the same files.
    let output = pvm_in(d, &["run", "main.py"]);
    assert_eq!(
        stdout(&output),
        "pkg init pkg pkg\npkg.sub.deep tool:pkg.sub.deep b sees a\nNo module named 'nosuch'\n",
        "{}",
        stderr(&output)
    );
}

#[test]
fn sys_modules_is_the_dict_import_consults() {
    let dir = project();
    let d = dir.path();
    std::fs::write(
        d.join("main.py"),
        "import sys\n\
         print(type(sys.modules).__name__, sys.modules['__main__'].__name__)\n\
         import helper\n\
         print(sys.modules['helper'] is helper, 'helper' in sys.modules)\n\
         del sys.modules['helper']\n\
         import helper as again\n\
         print(again is helper, again.VALUE)\n\
         sys.modules['fake'] = 42\n\
         import fake\n\
         print(fake, sys.modules.get('nope'))\n",
    )
    .expect("writable");
    std::fs::write(d.join("helper.py"), "print('helper runs')\nVALUE = 42\n").expect("writable");
    // What CPython 3.11 prints: deleting the entry makes the next import
    // run the module again; a value put in sys.modules is what import finds.
    assert_runs(
        d,
        &[],
        "dict __main__\nhelper runs\nTrue True\nhelper runs\nFalse 42\n42 None\n",
    );
}

#[test]
fn a_syntax_error_in_an_imported_module_is_reported_like_cpython() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("main.py"), "import broken\n").expect("writable");
    std::fs::write(dir.path().join("broken.py"), "x = (1,\n").expect("writable");
    let output = pvm_in(dir.path(), &["run", "main.py"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("line 1, in <module>\n    import broken\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "broken.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n"
        ),
        "{text}"
    );
    assert!(!dir.path().join("__pycache__/broken.pvm-1.pyc").exists());
}

/// `except SyntaxError as e` sees what CPython's has: the message, file,
/// line, offsets and text, and a TabError is an IndentationError.
#[test]
fn a_caught_syntax_error_carries_its_location() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("main.py"),
        "try:\n    import broken\nexcept SyntaxError as e:\n    print(e.msg, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset, e.filename.endswith('broken.py'))\n    print(e)\ntry:\n    import tabs\nexcept IndentationError as e:\n    print(type(e).__name__, e.lineno)\nprint(SyntaxError('plain'))\n",
    )
    .expect("writable");
    std::fs::write(
        dir.path().join("broken.py"),
        "x = 1\ndef f(a, a):\n    pass\n",
    )
    .expect("writable");
    std::fs::write(
        dir.path().join("tabs.py"),
        "if True:\n        x = 1\n\ty = 2\n",
    )
    .expect("writable");
    let output = pvm_in(dir.path(), &["run", "main.py"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // As python3.11 prints it.
    assert_eq!(
        stdout(&output),
        "duplicate argument 'a' in function definition 2 10 'def f(a, a):\\n' 2 11 True\n\
         duplicate argument 'a' in function definition (broken.py, line 2)\nTabError 3\nplain\n"
    );
}
