//! Criterion benchmark: the threaded VM against the switch PVM on every
//! program in `bench-suite/`, each with and without superinstructions, in one
//! run.
//! Each program's `bench()` is timed in-process after one warm-up call
//! (compilation and translation excluded).
//!
//! Run with `cargo bench -p pvm-threaded`.

use criterion::{criterion_group, criterion_main, Criterion};
use pvm_runtime::{Backend, Interp, RtCode, Value};
use pvm_switch::SwitchBackend;
use pvm_threaded::ThreadedBackend;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The allocator the `pvm` binary uses, so these figures are pvm's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench-suite")
}

fn programs() -> Vec<PathBuf> {
    let mut programs: Vec<PathBuf> = std::fs::read_dir(suite())
        .expect("bench-suite exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    programs
}

/// A program loaded on one backend, ready to call `bench()`.
struct Loaded {
    interp: Interp,
    bench: Value,
}

fn load(backend: &'static dyn Backend, path: &Path) -> Loaded {
    let source = std::fs::read_to_string(path).expect("readable program");
    let code = pvm_frontend::compile(&source, &path.display().to_string()).expect("compiles");
    let mut interp = Interp::new(Box::new(std::io::sink()));
    let globals = pvm_runtime::module_globals("bench_program");
    pvm_runtime::frames::run_module(&mut interp, backend, RtCode::new(&code), globals.clone())
        .unwrap_or_else(|_| panic!("{} runs", path.display()));
    let bench = globals
        .get_str(&pvm_runtime::intern("bench"))
        .expect("defines bench()");
    Loaded { interp, bench }
}

fn compare(c: &mut Criterion) {
    static SWITCH_NO_SUPER: SwitchBackend = SwitchBackend {
        superinstructions: false,
    };
    static THREADED_NO_SUPER: ThreadedBackend = ThreadedBackend {
        superinstructions: false,
    };
    let backends: [(&str, &'static dyn Backend); 4] = [
        ("switch", &pvm_switch::SWITCH),
        ("switch-no-super", &SWITCH_NO_SUPER),
        ("threaded", &pvm_threaded::THREADED),
        ("threaded-no-super", &THREADED_NO_SUPER),
    ];
    for path in programs() {
        let name = path
            .file_stem()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        let mut group = c.benchmark_group(name);
        group
            .sample_size(15)
            .measurement_time(Duration::from_secs(4))
            .warm_up_time(Duration::from_millis(800));
        for (label, backend) in &backends {
            let mut loaded = load(*backend, &path);
            group.bench_function(*label, |b| {
                b.iter(|| {
                    pvm_runtime::call::call(&mut loaded.interp, &loaded.bench, &[], &[])
                        .unwrap_or_else(|_| panic!("bench() raised"))
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, compare);
criterion_main!(benches);
