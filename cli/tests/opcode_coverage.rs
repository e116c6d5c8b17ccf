//! Every opcode runs under the stack-effect check, on both dispatchers.
//!
//! Debug builds compare each opcode body's movement of the stack with its
//! declared effect (`pvm_runtime::stackcheck`). This test runs
//! `tests/conformance/every_opcode.py` (whose output the conformance test
//! compares with CPython) and a snippet that reaches `RAISE_UNSUPPORTED`,
//! on the switch and the threaded VM, with and without superinstructions,
//! and asserts from the recorded coverage that every opcode ran, that every
//! opcode that can go on to its next instruction was checked doing so, and
//! that every jumping opcode was checked jumping. Release builds do not
//! check, so there it passes without running anything.

use pvm_frontend::{Flow, Opcode};
use pvm_runtime::stackcheck::{take_coverage, Coverage};
use pvm_runtime::{Backend, Interp, RtCode};
use std::path::Path;

/// Reaches `RAISE_UNSUPPORTED` (pvm does not delete a variable a closure
/// captured), which CPython would run, so it cannot be in the conformance
/// corpus.
const UNSUPPORTED: &str = "
def f():
    x = 1
    def g():
        return x
    del x
try:
    f()
except NotImplementedError:
    pass
";

/// Runs `source` as `__main__` on `backend`, to its end.
fn run(backend: &'static dyn Backend, source: &str, name: &str) {
    let code = pvm_frontend::compile(source, name).expect("compiles");
    let mut interp = Interp::new(Box::new(std::io::sink()));
    let globals = pvm_runtime::module_globals("__main__");
    let result = pvm_runtime::frames::run_module(&mut interp, backend, RtCode::new(&code), globals);
    assert!(
        result.is_ok(),
        "{name} raised on {}: {:?}",
        backend.name(),
        result.err()
    );
}

/// The coverage of the programs on `backend`.
fn coverage(backend: &'static dyn Backend) -> Coverage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/every_opcode.py");
    let program = std::fs::read_to_string(path).expect("the program exists");
    let _ = take_coverage();
    run(backend, &program, "every_opcode.py");
    run(backend, UNSUPPORTED, "unsupported.py");
    take_coverage()
}

/// What `coverage` must hold on a dispatcher that never runs `not_run`:
/// every other opcode ran; those that always leave the frame (return,
/// raise, yield) ran unchecked, the others were checked going on to the
/// next instruction, and those with a jump target also jumping.
fn expected(not_run: &[Opcode]) -> Coverage {
    let with = |keep: fn(Flow) -> bool| -> Vec<Opcode> {
        let runs = |op: &&Opcode| !not_run.contains(op);
        let all = Opcode::ALL.iter().filter(runs);
        all.filter(|op| keep(op.flow())).copied().collect()
    };
    Coverage {
        left: with(|flow| matches!(flow, Flow::Return | Flow::Raise | Flow::Yield)),
        went_on: with(|flow| matches!(flow, Flow::Next | Flow::Branch)),
        jumped: with(Flow::jumps),
    }
}

fn assert_covers(backend: &'static dyn Backend, superinstructions: bool, not_run: &[Opcode]) {
    let actual = coverage(backend);
    let expected = expected(not_run);
    let context = format!(
        "{} (superinstructions: {superinstructions})",
        backend.name()
    );
    let parts = [
        ("run", &actual.left, &expected.left),
        ("checked going on", &actual.went_on, &expected.went_on),
        ("checked jumping", &actual.jumped, &expected.jumped),
    ];
    for (what, actual, expected) in parts {
        let missing: Vec<&str> = expected
            .iter()
            .filter(|op| !actual.contains(op))
            .map(|op| op.name())
            .collect();
        assert!(missing.is_empty(), "never {what} on {context}: {missing:?}");
    }
    assert_eq!(actual, expected, "{context}");
}

/// One test, not one per backend: the coverage is counted for the whole
/// process, so two tests running at once would mix theirs.
#[test]
fn every_opcode_runs_under_the_check_on_both_dispatchers() {
    if !cfg!(debug_assertions) {
        return;
    }
    for superinstructions in [true, false] {
        // A program's backend lives as long as the program: one per setting.
        let switch = Box::leak(Box::new(pvm_switch::SwitchBackend { superinstructions }));
        assert_covers(switch, superinstructions, &[]);
        let threaded = Box::leak(Box::new(pvm_threaded::ThreadedBackend {
            superinstructions,
        }));
        // Translation folds EXTENDED_ARG into the next instruction's argument.
        assert_covers(threaded, superinstructions, &[Opcode::EXTENDED_ARG]);
    }
}
