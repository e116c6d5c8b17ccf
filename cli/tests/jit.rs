//! The JIT's own cases: exceptions raised and caught inside compiled code
//! and inside a loop entered by on-stack replacement, generators and
//! closures next to compiled code, deep recursion, a compiled infinite loop
//! stopped by the time limit, and what `--jit-stats` and `--jit-dump` show.
//! Every program is also run on the switch, and the JIT must print and
//! report exactly what it does.

mod common;

use common::{Configuration, Executed};
use std::process::Output;

fn scratch(name: &str, source: &str) -> String {
    let path = common::scratch_dir("jit").join(name);
    std::fs::write(&path, source).expect("temp file is writable");
    path.to_str().expect("utf-8 temp path").to_string()
}

fn on(backend: &str, threshold: Option<u32>) -> Configuration {
    Configuration {
        label: format!("{backend} {threshold:?}"),
        backend: backend.into(),
        threshold,
    }
}

/// Runs `source` on the switch and on the JIT with `threshold`; asserts
/// that both print and report the same, and answers the JIT's run.
fn same_as_switch(name: &str, source: &str, threshold: Option<u32>) -> (Output, Executed) {
    let path = scratch(name, source);
    let (expected, _) = on("switch", None).run(&["--time-limit", "60", &path], None);
    let (output, executed) = on("jit", threshold).run(&["--time-limit", "60", &path], None);
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    assert_eq!(
        (
            output.status.code(),
            text(&output.stdout),
            text(&output.stderr)
        ),
        (
            expected.status.code(),
            text(&expected.stdout),
            text(&expected.stderr)
        ),
        "{name} at threshold {threshold:?}: the JIT differs from the switch"
    );
    (output, executed.expect("the JIT writes its statistics"))
}

#[test]
fn exceptions_raised_and_caught_in_compiled_code() {
    let source = "\
def risky(i):
    if i % 7 == 3:
        raise ValueError(f'bad {i}')
    return i * 2

def work(n):
    total = 0
    for i in range(n):
        try:
            total += risky(i)
        except ValueError as e:
            total -= 1
        finally:
            total += 1
    return total

print(work(20000))
print(work(50))
def outer():
    return inner()
def inner():
    return [1, 2][5]
try:
    outer()
except IndexError as e:
    print('caught', e)
outer()
";
    for threshold in [Some(0), None] {
        let (output, executed) = same_as_switch("exceptions.py", source, threshold);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1));
        assert!(
            stderr.contains("line 22, in inner\n")
                && stderr.ends_with("IndexError: list index out of range\n"),
            "{stderr}"
        );
        assert!(executed.share() > 0.9, "{executed:?}");
    }
}

#[test]
fn an_exception_in_a_loop_entered_by_on_stack_replacement() {
    // Module code runs once: only on-stack replacement at its loop head
    // moves it into compiled code, then the loop raises and catches, and
    // finally raises uncaught from compiled code.
    let source = "\
total = 0
for i in range(100000):
    try:
        if i % 1000 == 999:
            raise KeyError(i)
        total += i
    except KeyError as e:
        total -= e.args[0]
print(total)
i = 0
while True:
    i += 1
    if i == 50000:
        x = {}['missing']
";
    let (output, executed) = same_as_switch("osr.py", source, None);
    assert!(String::from_utf8_lossy(&output.stderr).ends_with("KeyError: 'missing'\n"));
    assert!(executed.share() > 0.95, "{executed:?}");
}

#[test]
fn generators_and_closures_next_to_compiled_code() {
    let source = "\
def counter():
    count = 0
    def bump(by):
        nonlocal count
        count += by
        return count
    return bump

def numbers(n):
    for i in range(n):
        yield i * i

def pipeline(n):
    bump = counter()
    for square in numbers(n):
        bump(square % 5)
    return bump(0)

print(pipeline(20000))
print(sum(x for x in numbers(1000) if x % 3))
gen = numbers(3)
print(next(gen), next(gen), next(gen))
try:
    next(gen)
except StopIteration:
    print('done')
";
    for threshold in [Some(0), None] {
        let (_, executed) = same_as_switch("generators.py", source, threshold);
        assert!(executed.share() > 0.9, "{executed:?}");
    }
}

#[test]
fn locals_unbound_on_some_paths_raise_in_compiled_code() {
    // Locals bound on one branch only, deleted and bound again, unbound by
    // `except ... as e`, and bound only inside a loop: compiled code skips
    // the unbound test only where every path binds the local.
    let source = "\
def pick(flag, n):
    if flag:
        y = n
    total = 0
    for i in range(n):
        z = i
        total += z
    try:
        return y + total + z
    except UnboundLocalError as e:
        return str(e)

def deleted(n):
    w = n
    for i in range(n):
        del w
        w = i
    del w
    try:
        return w
    except UnboundLocalError as e:
        return str(e)

def caught(n):
    try:
        raise ValueError(n)
    except ValueError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return str(err)

for k in range(1500):
    a = pick(k % 2, 3)
    b = pick(k % 2, 0)
    c = deleted(3)
    d = caught(k)
print(a, b, c, d)
print(pick(0, 0), pick(1, 0), pick(1, 4))
";
    for threshold in [Some(0), None] {
        let (_, executed) = same_as_switch("unbound.py", source, threshold);
        assert!(executed.share() > 0.5, "{executed:?}");
    }
}

#[test]
fn deep_recursion_in_compiled_code() {
    let source = "\
import sys
sys.setrecursionlimit(200000)
def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1
print(depth(100000))
def runaway(n):
    return runaway(n + 1)
sys.setrecursionlimit(1000)
runaway(0)
";
    for threshold in [Some(0), None] {
        let (output, _) = same_as_switch("recursion.py", source, threshold);
        assert_eq!(String::from_utf8_lossy(&output.stdout), "100000\n");
        assert!(String::from_utf8_lossy(&output.stderr)
            .ends_with("RecursionError: maximum recursion depth exceeded\n"));
    }
}

#[test]
fn a_compiled_infinite_loop_is_stopped_by_the_time_limit() {
    let path = scratch(
        "forever.py",
        "def spin():\n    i = 0\n    while True:\n        i += 1\nspin()\n",
    );
    for threshold in [Some(0), None] {
        let started = std::time::Instant::now();
        let (output, executed) = on("jit", threshold).run(&["--time-limit", "0.5", &path], None);
        assert!(started.elapsed().as_secs() < 20);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1));
        assert!(
            stderr.ends_with(
                "TimeoutError: pvm: the program ran past its time limit of 0.5 seconds\n"
            ) && stderr.contains("line 3, in spin\n"),
            "{stderr}"
        );
        let executed = executed.expect("statistics");
        assert!(executed.share() > 0.99, "{executed:?}");
    }
}

#[test]
fn stats_and_dump_show_what_was_compiled() {
    let path = scratch(
        "dump.py",
        "def add_up(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\nprint(add_up(10))\n",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args([
            "run",
            "--backend",
            "jit",
            "--jit-threshold",
            "0",
            "--jit-stats",
            "--jit-dump",
            "add_up",
            &path,
        ])
        .output()
        .expect("pvm runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "45\n");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "=== jit: add_up (line 1) ===",
        "--- Cranelift IR as built (srcloc = bytecode offset) ---",
        "br_table",
        "--- machine code ---",
        "; bytecode ",
        "FOR_ITER",
        "jit: 2 code objects compiled in ",
        "  add_up (line 1)",
        "  <module> (line 1)",
        "% in compiled code",
    ] {
        assert!(stderr.contains(expected), "no {expected:?} in:\n{stderr}");
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pvm"))
        .args(["run", "--jit-threshold", "0", &path])
        .output()
        .expect("pvm runs");
    assert_eq!(
        output.status.code(),
        Some(2),
        "JIT options need --backend jit"
    );
}

#[test]
fn every_bench_suite_program_prints_what_the_switch_prints() {
    let suite = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench-suite");
    let mut programs: Vec<_> = std::fs::read_dir(&suite)
        .expect("bench-suite exists")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 10, "{programs:?}");
    for program in &programs {
        let path = suite.join(program);
        let path = path.to_str().expect("utf-8 path");
        let (expected, _) = on("switch", None).run(&[path], None);
        assert!(expected.status.success(), "{program} fails on the switch");
        for threshold in [Some(0), None] {
            let (output, executed) = on("jit", threshold).run(&[path], None);
            assert_eq!(
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&expected.stdout),
                "{program} at threshold {threshold:?}:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(output.status.success());
            let executed = executed.expect("statistics");
            assert!(
                executed.share() > 0.9,
                "{program} at threshold {threshold:?}: {executed:?}"
            );
        }
    }
}

#[test]
fn inline_arithmetic_agrees_with_the_helpers_at_the_edges() {
    // Ints at and past 2**53 and the i64 limits, signed zeros, infinities,
    // NaN, bools and division by zero, through the inline int and float
    // paths (operands and results kept in registers between instructions)
    // and the guards that fall back to the helper.
    let source = r#"def f(a, b):
    out = []
    for op in range(12):
        try:
            if op == 0: r = a + b
            elif op == 1: r = a - b
            elif op == 2: r = a * b
            elif op == 3: r = a / b
            elif op == 4: r = a % b
            elif op == 5: r = a // b
            elif op == 6: r = a & b
            elif op == 7: r = a | b
            elif op == 8: r = a ^ b
            elif op == 9: r = (a < b, a <= b, a == b, a != b, a > b, a >= b)
            elif op == 10: r = (a * 3 + b) % 1000003 - a // 7
            else: r = a is None, b is not None, (a if a else b)
        except (ZeroDivisionError, TypeError, OverflowError) as e:
            r = type(e).__name__ + ': ' + str(e)
        out.append(repr(r))
    return out
vals = [0, 1, -1, 3, -7, 2**53, 2**53 + 1, -(2**53) - 1, 2**62, -2**63, 2**63 - 1, 0.0, -0.0, 1.5, -2.25, 1e308, float('inf'), float('nan'), 7, True, None]
for i in range(3):
    for a in vals:
        for b in vals:
            print(a, b, f(a, b))
"#;
    let (output, executed) = same_as_switch("arithmetic.py", source, Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).lines().count(),
        3 * 21 * 21
    );
    assert!(executed.share() > 0.9, "{executed:?}");
}

#[test]
fn container_fast_paths_agree_with_the_helpers() {
    // Subscripts, stores, unpacking and for-loops that compiled code runs
    // out of line with values in registers (`lean.rs`), next to every case
    // that must fall back to the helper: negative and out-of-range
    // indexes, non-int keys, tuples and dicts, wrong lengths, strings,
    // generators, a list growing while it is iterated.
    let source = r#"def probe(seq, keys):
    out = []
    for k in keys:
        try:
            out.append(seq[k])
        except (IndexError, TypeError, KeyError) as e:
            out.append(type(e).__name__ + ': ' + str(e))
    return out

def store(seq, keys):
    out = []
    for k in keys:
        try:
            seq[k] = k
            out.append(repr(seq))
        except (IndexError, TypeError, KeyError) as e:
            out.append(type(e).__name__ + ': ' + str(e))
    return out

def unpack(values):
    out = []
    for v in values:
        try:
            a, b, c = v
            out.append((a, b, c))
        except (ValueError, TypeError) as e:
            out.append(type(e).__name__ + ': ' + str(e))
    return out

def loops():
    out = []
    for i in range(10, -10, -3):
        out.append(i)
    for i in range(0):
        out.append('never')
    xs = [1, 2, 3]
    for x in xs:
        if len(xs) < 6:
            xs.append(x * 10)
        out.append(x)
    for x in (4, 5, 6):
        out.append(x)
    for k in {'a': 1, 'b': 2}:
        out.append(k)
    for ch in 'héllo':
        out.append(ch)
    for g in (n * n for n in range(4)):
        out.append(g)
    total = 0
    for i in range(2**62, 2**62 + 3):
        total += i
    out.append(total)
    for i, (p, q) in enumerate([(1, 2), (3, 4)]):
        out.append(i * p + q)
    return out

keys = [0, 1, -1, -3, 3, 100, -100, True, 2**70, slice(1, None), 'x', 1.0]
for i in range(3):
    print(probe([10, 20, 30], keys))
    print(probe((10, 20, 30), keys))
    print(probe({0: 'a', 'x': 'b'}, keys[:3]))
    print(probe('abc', keys[:8]))
    print(store([1, 2, 3], [0, -1, 3, -4, True, 'x']))
    print(store((1, 2), [0]))
    print(store({}, [0, 'k']))
    print(unpack([(1, 2, 3), [4, 5, 6], (1, 2), [1, 2, 3, 4], 'abc', range(3), 5, iter([7, 8, 9]), {1: 2, 3: 4, 5: 6}]))
    print(loops())
    grid = [[0] * 3 for _ in range(3)]
    for r in range(3):
        for c in range(3):
            grid[r][c] += r * 3 + c
            grid[r][c - 1] -= 1
    print(grid)
"#;
    let (output, executed) = same_as_switch("containers.py", source, Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 30);
    assert!(executed.share() > 0.9, "{executed:?}");
}
