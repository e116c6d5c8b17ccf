//! Criterion benchmark: the switch PVM against CPython 3.11 on the same
//! programs, in one run, on the same machine.
//!
//! Each program in `bench-suite/` exposes `bench()`. pvm compiles the module
//! once and times calls of `bench()` in-process; CPython runs a small driver
//! (one persistent `/usr/bin/python3.11` process, or `$PVM_CPYTHON`) that
//! imports the same file and reports, for each batch criterion asks for, the
//! `time.perf_counter_ns()` spent in `bench()` calls. Start-up and compilation
//! are excluded on both sides. Without CPython the comparison is skipped.
//!
//! Run with `cargo bench -p pvm-switch`.

use criterion::{criterion_group, criterion_main, Criterion};
use pvm_runtime::{Interp, RtCode, Value};
use pvm_switch::SWITCH;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

/// The allocator the `pvm` binary uses, so these figures are pvm's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PROGRAMS: &[(&str, &str)] = &[("fib(30)", "fib.py"), ("int loop 1M", "int_loop.py")];

const DRIVER: &str = r#"
import importlib.util, sys, time
spec = importlib.util.spec_from_file_location("bench_program", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
bench = module.bench
for line in sys.stdin:
    n = int(line)
    start = time.perf_counter_ns()
    for _ in range(n):
        bench()
    print(time.perf_counter_ns() - start, flush=True)
"#;

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench-suite")
}

/// A module compiled and run once on the switch PVM, with its `bench`.
struct PvmProgram {
    interp: Interp,
    bench: Value,
}

impl PvmProgram {
    fn load(path: &Path) -> PvmProgram {
        let source = std::fs::read_to_string(path).expect("bench program is readable");
        let code = pvm_frontend::compile(&source, &path.display().to_string())
            .expect("bench program compiles");
        let mut interp = Interp::new(Box::new(std::io::sink()));
        let globals = pvm_runtime::module_globals("bench_program");
        pvm_runtime::frames::run_module(&mut interp, &SWITCH, RtCode::new(&code), globals.clone())
            .unwrap_or_else(|_| panic!("{} runs", path.display()));
        let bench = globals
            .get_str(&pvm_runtime::intern("bench"))
            .expect("the program defines bench()");
        PvmProgram { interp, bench }
    }

    fn run(&mut self) -> Value {
        pvm_runtime::call::call(&mut self.interp, &self.bench, &[], &[])
            .unwrap_or_else(|_| panic!("bench() raised"))
    }
}

/// A persistent CPython process running the driver for one program.
struct CPython {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl CPython {
    fn start(path: &Path) -> Option<CPython> {
        let python = std::env::var("PVM_CPYTHON").unwrap_or_else(|_| "/usr/bin/python3.11".into());
        let mut child = Command::new(python)
            .args(["-c", DRIVER])
            .arg(path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let input = child.stdin.take()?;
        let output = BufReader::new(child.stdout.take()?);
        Some(CPython {
            child,
            input,
            output,
        })
    }

    fn time(&mut self, iterations: u64) -> Duration {
        writeln!(self.input, "{iterations}").expect("driver accepts input");
        let mut line = String::new();
        self.output.read_line(&mut line).expect("driver answers");
        Duration::from_nanos(line.trim().parse().expect("driver prints nanoseconds"))
    }
}

impl Drop for CPython {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn compare(c: &mut Criterion) {
    for (label, file) in PROGRAMS {
        let path = suite().join(file);
        let mut group = c.benchmark_group(*label);
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(6))
            .warm_up_time(Duration::from_secs(1));
        let mut program = PvmProgram::load(&path);
        group.bench_function("pvm-switch", |b| b.iter(|| program.run()));
        match CPython::start(&path) {
            Some(mut cpython) => {
                group.bench_function("cpython-3.11", |b| {
                    b.iter_custom(|iterations| cpython.time(iterations))
                });
            }
            None => eprintln!("CPython not found: skipping the cpython-3.11 side of {label}"),
        }
        group.finish();
    }
}

criterion_group!(benches, compare);
criterion_main!(benches);
