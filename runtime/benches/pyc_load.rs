//! What a cache file saves: compiling a large module from source against
//! loading (reading, checking and verifying) its `.pyc` bytes, measured side
//! by side in one run. The README reports the ratio.
//!
//! Run with `cargo bench -p pvm-runtime --bench pyc_load`.

use criterion::{criterion_group, criterion_main, Criterion};
use pvm_frontend::pyc::{self, Header, Validation};
use std::hint::black_box;

/// The allocator the `pvm` binary uses, so these figures are pvm's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A module of `functions` ordinary functions, classes and comprehensions
/// (about 40 lines each), like a large library module.
fn large_module(functions: usize) -> String {
    let mut source = String::from("import math\nfrom collections import deque\n\n");
    for i in 0..functions {
        source.push_str(&format!(
            r#"
class Shape{i}:
    """A shape with an area."""

    def __init__(self, width, height=2.0, *, name="shape{i}"):
        self.width = width
        self.height = height
        self.name = name

    def area(self):
        return self.width * self.height + {i}

    def __repr__(self):
        return f"{{self.name}}({{self.width:.2f}}, {{self.height!r}})"


def work{i}(items, limit=10):
    total = 0
    seen = {{}}
    for index, item in enumerate(items):
        if index > limit:
            break
        try:
            total += item.area() if hasattr(item, "area") else item
        except (TypeError, ValueError) as error:
            seen[index] = str(error)
        finally:
            total += 1
    squares = [x * x for x in range(limit) if x % 2]
    return total + sum(squares) + len(seen) + math.floor(total / 3)
"#
        ));
    }
    source
}

fn bench(c: &mut Criterion) {
    let source = large_module(200);
    let code = pvm_frontend::compile(&source, "large.py").expect("compiles");
    let header = Header {
        validation: Validation::Timestamp {
            mtime: 0,
            size: source.len() as u32,
        },
    };
    let bytes = pyc::serialize(&header, &code);
    let mut group = c.benchmark_group(format!(
        "large module ({} lines, {} KiB cache file)",
        source.lines().count(),
        bytes.len() / 1024
    ));
    group.bench_function("compile from source", |b| {
        b.iter_with_large_drop(|| {
            pvm_frontend::compile(black_box(&source), "large.py").expect("compiles")
        })
    });
    group.bench_function("load cache file", |b| {
        b.iter_with_large_drop(|| pyc::deserialize(black_box(&bytes)).expect("loads"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
