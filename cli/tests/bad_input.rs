//! Bad input is a test case too: malformed or hostile programs must end with
//! a clear Python-style error on stderr and exit status 1 — never a panic, a
//! Rust stack overflow or a hang. Inputs are generated here rather than
//! stored, because several are megabytes long. Each program runs on every
//! backend (the JIT at its default threshold and at 0), and every one must
//! answer byte for byte what the switch answers, tracebacks included.

mod common;

use pvm_frontend::pyc::{self, Header, Validation};
use pvm_frontend::{CodeObject, Constant};
use std::path::PathBuf;
use std::process::{Command, Output};

fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pvm-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir is writable");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temp file is writable");
    path
}

fn pvm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(args)
        .output()
        .expect("pvm runs")
}

/// Runs `source` on every configuration; all must print, exit and report
/// exactly what the switch (the reference) does, whose output is returned.
fn run_source(name: &str, source: &str) -> Output {
    run_source_with(name, source, &["--time-limit", "30"])
}

/// `run_source` with these `pvm run` options instead of a 30 s time limit.
fn run_source_with(name: &str, source: &str, options: &[&str]) -> Output {
    let path = scratch(name, source.as_bytes());
    let path = path.to_str().expect("utf-8 temp path");
    let mut reference: Option<Output> = None;
    for configuration in common::configurations() {
        let args: Vec<&str> = options.iter().copied().chain([path]).collect();
        let (output, _) = configuration.run(&args, None);
        match &reference {
            None => reference = Some(output),
            Some(expected) => {
                assert!(
                    output.status.code() == expected.status.code()
                        && output.stdout == expected.stdout
                        && output.stderr == expected.stderr,
                    "{name} on {} differs from the switch:\n--- switch stderr\n{}--- its stderr\n{}--- switch stdout\n{}--- its stdout\n{}",
                    configuration.label,
                    String::from_utf8_lossy(&expected.stderr),
                    String::from_utf8_lossy(&output.stderr),
                    String::from_utf8_lossy(&expected.stdout),
                    String::from_utf8_lossy(&output.stdout),
                );
            }
        }
    }
    reference.expect("the switch is registered")
}

/// Asserts exit status 1, no panic text, and the given last stderr line.
fn assert_error(output: &Output, last_line: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("internal error"),
        "pvm crashed:\n{stderr}"
    );
    assert_eq!(
        stderr.lines().last().unwrap_or(""),
        last_line,
        "stderr:\n{stderr}"
    );
}

#[test]
fn syntax_error_shows_file_line_and_caret() {
    let output = run_source("syntax.py", "x = 1\ny = (2 +\n");
    assert_error(&output, "SyntaxError: '(' was never closed");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("syntax.py\", line 2\n    y = (2 +\n        ^\n"),
        "{stderr}"
    );
}

#[test]
fn division_by_zero_prints_a_cpython_traceback() {
    let output = run_source("zero.py", "def f(a):\n    return a // 0\n\nprint(f(1))\n");
    assert_error(
        &output,
        "ZeroDivisionError: integer division or modulo by zero",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected_tail = "\", line 4, in <module>\n    print(f(1))\n          ^^^^\n  File \"";
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n"),
        "{stderr}"
    );
    assert!(stderr.contains(expected_tail), "{stderr}");
    assert!(
        stderr.contains("\", line 2, in f\n    return a // 0\n           ~~^^~~\n"),
        "{stderr}"
    );
}

#[test]
fn too_many_nested_parentheses() {
    let source = format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000));
    assert_error(
        &run_source("parens.py", &source),
        "SyntaxError: too many nested parentheses",
    );
}

#[test]
fn deeply_nested_expressions_are_a_compile_error() {
    let unary = format!("x = {}1\n", "-".repeat(100_000));
    assert_error(
        &run_source("unary.py", &unary),
        "RecursionError: maximum recursion depth exceeded during compilation",
    );
    let chain = format!("x = {}\n", vec!["1"; 100_000].join(" + "));
    assert_error(
        &run_source("chain.py", &chain),
        "RecursionError: maximum recursion depth exceeded during compilation",
    );
    let not_chain = format!("x = {}1\n", "not ".repeat(100_000));
    assert_error(
        &run_source("not.py", &not_chain),
        "RecursionError: maximum recursion depth exceeded during compilation",
    );
}

#[test]
fn too_many_levels_of_indentation() {
    let mut source = String::new();
    for level in 0..120 {
        source.push_str(&format!("{}if 1:\n", " ".repeat(level)));
    }
    source.push_str(&format!("{}pass\n", " ".repeat(120)));
    assert_error(
        &run_source("indent.py", &source),
        "IndentationError: too many levels of indentation",
    );
}

#[test]
fn runaway_recursion_is_a_recursion_error() {
    let output = run_source("recurse.py", "def f(n):\n    return f(n + 1)\n\nf(0)\n");
    assert_error(&output, "RecursionError: maximum recursion depth exceeded");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("  [Previous line repeated 996 more times]\n"),
        "{stderr}"
    );
}

#[test]
fn deeply_nested_data_cannot_overflow_the_stack() {
    let source = "x = []\nfor i in range(200000):\n    x = [x]\nprint(len(repr(x)))\n";
    assert_error(
        &run_source("nested_repr.py", source),
        "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
    );
    let source =
        "a = []\nb = []\nfor i in range(200000):\n    a = [a]\n    b = [b]\nprint(a == b)\n";
    assert_error(
        &run_source("nested_eq.py", source),
        "RecursionError: maximum recursion depth exceeded in comparison",
    );
}

#[test]
fn a_program_that_never_ends_is_stopped_by_the_time_limit() {
    let path = scratch("forever.py", b"while True:\n    pass\n");
    for configuration in common::configurations() {
        let started = std::time::Instant::now();
        let (output, _) = configuration.run(
            &[
                "--time-limit",
                "0.5",
                path.to_str().expect("utf-8 temp path"),
            ],
            None,
        );
        assert!(
            started.elapsed().as_secs() < 20,
            "the time limit did not stop the program on {}",
            configuration.label
        );
        assert_error(
            &output,
            "TimeoutError: pvm: the program ran past its time limit of 0.5 seconds",
        );
    }
}

/// Recursion through builtins, with the recursion limit raised far past
/// what the native stack holds (CPython crashes here): each case ends in
/// `RecursionError`, caught by the program, on every backend.
const NATIVE_RECURSION: &str = r#"
import sys
sys.setrecursionlimit(10**6)

def attempt(label, run):
    try:
        run()
    except RecursionError as error:
        print(label, error)

class Repr:
    def __repr__(self):
        return repr(self)

def through_map(x):
    return list(map(through_map, [x]))

def through_sorted(x):
    return sorted([x, x], key=through_sorted)

class Init:
    def __init__(self):
        Init()

def chain():
    yield from chain()

class Equal:
    def __eq__(self, other):
        return Equal() == other

class Hashed:
    def __hash__(self):
        return hash(Hashed())

attempt("repr", lambda: repr(Repr()))
attempt("map", lambda: through_map(1))
attempt("sorted", lambda: through_sorted(1))
attempt("__init__", Init)
attempt("yield from", lambda: next(chain()))
attempt("__eq__", lambda: Equal() == 1)
attempt("__hash__", lambda: hash(Hashed()))
"#;

#[test]
fn native_recursion_past_the_stack_is_a_recursion_error() {
    let output = run_source("native_recursion.py", NATIVE_RECURSION);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let calling = "maximum recursion depth exceeded while calling a Python object";
    let expected = [
        format!("repr {calling}"),
        format!("map {calling}"),
        format!("sorted {calling}"),
        format!("__init__ {calling}"),
        "yield from maximum recursion depth exceeded".into(),
        format!("__eq__ {calling}"),
        format!("__hash__ {calling}"),
    ];
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected, "{output:?}");
    // Uncaught, it is the program's error: exit status 1 and the message.
    let uncaught =
        "import sys\nsys.setrecursionlimit(10**6)\ndef f(x):\n    return list(map(f, [x]))\nf(1)\n";
    assert_error(
        &run_each("native_uncaught.py", uncaught),
        &format!("RecursionError: {calling}"),
    );
}

/// Runs `source` on every configuration, which must all exit alike and
/// end stderr with the same line (tracebacks of native recursion differ
/// in depth between backends); returns the switch's output.
fn run_each(name: &str, source: &str) -> Output {
    let path = scratch(name, source.as_bytes());
    let path = path.to_str().expect("utf-8 temp path");
    let last = |o: &Output| {
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .last()
            .map(String::from)
    };
    let mut reference: Option<Output> = None;
    for configuration in common::configurations() {
        let (output, _) = configuration.run(&["--time-limit", "60", path], None);
        match &reference {
            None => reference = Some(output),
            Some(expected) => assert!(
                output.status.code() == expected.status.code() && last(&output) == last(expected),
                "{name} on {} differs from the switch:\n{}",
                configuration.label,
                String::from_utf8_lossy(&output.stderr),
            ),
        }
    }
    reference.expect("the switch is registered")
}

/// Growth without bound ends in `MemoryError` at `--memory-limit`, never an
/// abort: lists grown by `list()`, `append`, a comprehension, `extend`,
/// `+=`, and strings doubled.
#[test]
fn unbounded_growth_is_a_memory_error() {
    let source = r#"
import itertools

def attempt(label, run):
    try:
        run()
    except MemoryError as error:
        print(label, repr(error))

def append():
    x = []
    while True:
        x.append(0)

def extend_in_place():
    x = [0]
    while True:
        x += x

def double():
    s = "ab"
    while True:
        s = s + s

attempt("list", lambda: list(itertools.count()))
attempt("append", append)
attempt("comprehension", lambda: [i for i in itertools.count()])
attempt("extend", lambda: [].extend(itertools.count()))
attempt("+=", extend_in_place)
attempt("doubling", double)
print("still running")
"#;
    let output = run_source_with("growth.py", source, &["--memory-limit", "16M"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let expected = [
        "list MemoryError()",
        "append MemoryError()",
        "comprehension MemoryError()",
        "extend MemoryError()",
        "+= MemoryError()",
        "doubling MemoryError()",
        "still running",
    ];
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected, "{output:?}");
    let uncaught = "import itertools\nx = list(itertools.count())\n";
    assert_error(
        &run_source_with("growth_uncaught.py", uncaught, &["--memory-limit", "16M"]),
        "MemoryError",
    );
    // Sizes no machine has fail at once at the default limit.
    assert_error(
        &run_source("huge_list.py", "x = [0] * 10**12\n"),
        "MemoryError",
    );
}

/// The time limit stops one long builtin call (a huge power, a sort of a
/// range it first collects) and the compiler, with the error it raises
/// everywhere else.
#[test]
fn the_time_limit_stops_long_builtins_and_compiling() {
    let timeout = "TimeoutError: pvm: the program ran past its time limit of 1 seconds";
    for (name, source) in [
        ("power.py", "x = 10**(10**8)\nprint('done')\n"),
        ("sort.py", "print(sorted(range(10**8))[-1])\n"),
    ] {
        let started = std::time::Instant::now();
        let output = run_source_with(name, source, &["--time-limit", "1"]);
        assert!(
            started.elapsed().as_secs() < 60,
            "{name} overran the time limit"
        );
        assert_error(&output, timeout);
        assert!(output.stdout.is_empty());
    }
    // Stopped while compiling: nothing ran, so there is no traceback.
    let elements: Vec<String> = (0..400_000).map(|i| i.to_string()).collect();
    let source = format!("print('started')\nx = [{}]\n", elements.join(","));
    let output = run_source_with("compile.py", &source, &["--time-limit", "0.01"]);
    assert_error(
        &output,
        "TimeoutError: pvm: the program ran past its time limit of 0.01 seconds",
    );
    assert!(
        output.stdout.is_empty() && !String::from_utf8_lossy(&output.stderr).contains("Traceback")
    );
}

/// Compiling interns constants through a hash map: a 100 000-element list
/// literal compiles well inside a time limit (it used to take half a
/// minute, quadratic in the number of constants).
#[test]
fn a_large_literal_compiles_in_linear_time() {
    let elements: Vec<String> = (0..100_000).map(|i| format!("{i}")).collect();
    let floats: Vec<String> = (0..1000)
        .map(|i| format!("{i}.0, -{i}.0, {}", if i == 0 { "True" } else { "False" }))
        .collect();
    let source = format!(
        "x = [{}]\ny = [{}]\nprint(len(x), sum(x), len(y), [type(v).__name__ for v in y[:6]])\n",
        elements.join(", "),
        floats.join(", ")
    );
    let output = run_source_with("literal.py", &source, &["--time-limit", "20"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "100000 4999950000 3000 ['float', 'float', 'bool', 'float', 'float', 'bool']\n"
    );
}

#[test]
fn source_that_is_not_utf8() {
    let path = scratch("latin1.py", b"x = '\xff'\n");
    let output = pvm(&["run", path.to_str().expect("utf-8 temp path")]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.starts_with("SyntaxError: Non-UTF-8 code starting with '\\xff' in file "),
        "{stderr}"
    );
}

#[test]
fn missing_file_and_unknown_backend() {
    let output = pvm(&["run", "/nonexistent/pvm/program.py"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim_end(),
        "pvm: can't open file '/nonexistent/pvm/program.py': [Errno 2] No such file or directory"
    );
    let path = scratch("ok.py", b"print(1)\n");
    let output = pvm(&[
        "run",
        "--backend",
        "nope",
        path.to_str().expect("utf-8 temp path"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown backend 'nope'"));
}

#[test]
fn unsupported_language_is_a_clear_python_exception_when_reached() {
    // Code that is never reached does not fail, as in CPython.
    let output = run_source(
        "unreached.py",
        "def f():\n    x = 1\n    def g():\n        return x\n    del x\nprint('fine')\n",
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "fine\n");
    let output = run_source(
        "reached.py",
        "print('before')\ndef f():\n    x = 1\n    def g():\n        return x\n    del x\nf()\n",
    );
    assert_error(
        &output,
        "NotImplementedError: deleting variables captured by a closure are not supported by pvm yet",
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("reached.py\", line 6, in f\n"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "before\n");
}

#[test]
fn output_printed_before_an_error_is_kept() {
    let output = run_source(
        "partial.py",
        "for i in range(3):\n    print(i)\nprint(undefined)\n",
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "0\n1\n2\n");
    assert_error(&output, "NameError: name 'undefined' is not defined");
}

/// A cache file of `source` whose functions have been changed by `forge`,
/// with a checksum that matches, as a hostile or buggy writer could make.
/// Its header says "unchecked hash": nothing but the verifier stands
/// between it and the interpreters.
fn forged_cache(path: &std::path::Path, source: &str, forge: fn(&mut CodeObject)) {
    forged_module_cache(path, source, |_| {}, forge);
}

/// As `forged_cache`, changing the module's own code too.
fn forged_module_cache(
    path: &std::path::Path,
    source: &str,
    forge_module: fn(&mut CodeObject),
    forge: fn(&mut CodeObject),
) {
    let module = pvm_frontend::compile(source, "forged.py").expect("compiles");
    let mut module = (*module).clone();
    forge_module(&mut module);
    for constant in module.constants.iter_mut() {
        if let Constant::Code(code) = constant {
            let mut code = (**code).clone();
            forge(&mut code);
            *constant = Constant::Code(std::rc::Rc::new(code));
        }
    }
    let header = Header {
        validation: Validation::Hash {
            hash: 0,
            check: false,
        },
    };
    std::fs::write(path, pyc::serialize(&header, &module)).expect("temp file is writable");
}

/// Each field the interpreters index or allocate by, forged: `pvm run` of
/// the file says why it cannot run it and exits 1.
#[test]
fn forged_cache_files_are_refused_before_they_run() {
    let source = "def f(a, /, b=2, *args, **kwargs):\n    return a + b\n\nprint(f(1))\n";
    let cases: [(&str, fn(&mut CodeObject), &str); 6] = [
        (
            "huge_max_stack",
            |c| c.max_stack = 1 << 31,
            "deeper than any path",
        ),
        ("max_stack", |c| c.max_stack += 1, "deeper than any path"),
        (
            "posonly",
            |c| c.posonly_arg_count = c.arg_count + 1,
            "more positional-only arguments than arguments",
        ),
        (
            "argcount",
            |c| c.arg_count += 1,
            "more parameters than local names",
        ),
        (
            "kwonly_overflow",
            |c| c.kwonly_arg_count = u32::MAX,
            "more parameters than local names",
        ),
        (
            "varargs_flags",
            |c| c.varnames = c.varnames[..2].into(),
            "more parameters than local names",
        ),
    ];
    for (name, forge, why) in cases {
        let path = scratch(&format!("forged_{name}.pyc"), b"");
        forged_cache(&path, source, forge);
        let output = pvm(&["run", path.to_str().expect("utf-8 temp path")]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.starts_with("pvm: can't run '") && stderr.contains(why),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("internal error"), "{name}: {stderr}");
    }
}

/// What the verifier leaves to the runtime must not crash it either: a
/// defaults tuple longer than the parameters (CPython uses its last items).
#[test]
fn forged_defaults_longer_than_the_parameters_bind_like_cpython() {
    let source = "def f(a=1, b=2):\n    return a\n\nprint(f())\n";
    let path = scratch("forged_defaults.pyc", b"");
    forged_cache(&path, source, |c| c.arg_count = 1);
    for configuration in common::configurations() {
        let (output, _) = configuration.run(&[path.to_str().expect("utf-8 temp path")], None);
        assert_eq!(
            (
                output.status.code(),
                String::from_utf8_lossy(&output.stdout)
            ),
            (Some(0), "2\n".into()),
            "{}: {}",
            configuration.label,
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// An import finds a forged cache file: it is ignored and the module is
/// compiled again from source, as for any other bad cache file.
#[test]
fn a_forged_cache_file_of_an_import_is_recompiled() {
    let dir = common::scratch_dir("forged-import");
    let helper = dir.join("helper.py");
    let helper_source = "def add(a, b=2):\n    return a + b\n";
    std::fs::write(&helper, helper_source).expect("writable");
    std::fs::write(dir.join("main.py"), "import helper\nprint(helper.add(1))\n").expect("writable");
    let cache = pvm_runtime::pycache::cache_path(&helper, None);
    std::fs::create_dir_all(cache.parent().expect("a folder")).expect("writable");
    forged_cache(&cache, helper_source, |c| c.max_stack = 1 << 31);
    let output = Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(["run", "-v", "main.py"])
        .current_dir(&dir)
        .env_remove("PVM_DONT_WRITE_BYTECODE")
        .env_remove("PVM_PYCACHE_PREFIX")
        .output()
        .expect("pvm runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "3\n");
    assert!(
        stderr.contains("is unusable (") && stderr.contains("deeper than any path"),
        "{stderr}"
    );
    let repaired = std::fs::read(&cache).expect("the cache file is still there");
    assert!(pyc::deserialize(&repaired).is_ok(), "not rewritten");
}

/// A handler range stretched over the code after `POP_EXCEPT` (where the
/// stack is below the handler's depth, and `del e` can raise): refused by
/// the verifier, which is what keeps the unwinder from running a handler
/// on a short stack.
#[test]
fn a_handler_range_over_a_shallower_stack_is_refused() {
    let source = "try:\n    {}[1]\nexcept KeyError as e:\n    print('caught')\nprint('after')\n";
    let path = scratch("forged_handler_depth.pyc", b"");
    forged_module_cache(
        &path,
        source,
        |code| {
            let units = code.instructions.len() as u32;
            let mut table = code.exception_table.to_vec();
            for entry in table.iter_mut().filter(|e| e.depth == 1) {
                entry.end = units;
            }
            code.exception_table = table.into();
        },
        |_| {},
    );
    let output = pvm(&["run", path.to_str().expect("utf-8 temp path")]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("pvm: can't run '")
            && stderr.contains("can raise below its handler's stack depth"),
        "{stderr}"
    );
}
