//! Resuming a function in the middle: `frames::run_from` with slots made by
//! hand, at the loop head and in the middle of a loop body, must print and
//! return exactly what an uninterrupted run does from that point on, on
//! every backend. This is the entry point generators resume through and
//! compiled code will hand frames back to the interpreter through.

use pvm_frontend::Opcode;
use pvm_runtime::{frames, intern, Backend, Exit, Function, Interp, PyDict, RtCode, Value};
use std::io::Write;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

const PROGRAM: &str = "\
def walk(n):
    total = 0
    for i in range(n):
        total += i * i
        print(i, total)
    return total

print('result', walk(8))
rest_of_range = iter(range(4, 8))
after_four = iter(range(5, 8))
";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("not poisoned")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn take(&self) -> String {
        let bytes = std::mem::take(&mut *self.0.lock().expect("not poisoned"));
        String::from_utf8(bytes).expect("UTF-8 output")
    }
}

/// Runs the program on `backend`: the interpreter, its globals, and what it printed.
fn run_program(backend: &'static dyn Backend) -> (Interp, Rc<PyDict>, Captured) {
    let output = Captured::default();
    let code = pvm_frontend::compile(PROGRAM, "walk.py").expect("compiles");
    let mut interp = Interp::new(Box::new(output.clone()));
    let globals = pvm_runtime::module_globals("__main__");
    frames::run_module(&mut interp, backend, RtCode::new(&code), globals.clone())
        .unwrap_or_else(|_| panic!("the program runs"));
    (interp, globals, output)
}

fn global(globals: &PyDict, name: &str) -> Value {
    globals
        .get_str(&intern(name))
        .expect("defined by the program")
}

fn function(value: Value) -> Rc<Function> {
    match value {
        Value::Function(function) => function,
        _ => panic!("not a function"),
    }
}

/// The code unit where the first instruction matching `find` starts.
fn unit_of(function: &Function, find: impl Fn(Opcode, u32) -> bool) -> usize {
    function
        .code
        .code
        .decoded()
        .find(|i| find(i.op, i.arg))
        .map(|i| i.start)
        .expect("the instruction exists")
}

/// Resumes `walk(8)` at `pc` with locals `total` and `i` and the range
/// iterator as the loop's operand: what it prints and returns.
fn resume_walk(
    backend: &'static dyn Backend,
    pc_of: fn(&Function) -> usize,
    total: i64,
    i: i64,
    iterator: &str,
) -> String {
    let (mut interp, globals, output) = run_program(backend);
    output.take();
    let walk = function(global(&globals, "walk"));
    let slots = vec![
        Value::Function(walk.clone()),
        Value::Int(8),
        Value::Int(total),
        Value::Int(i),
        global(&globals, iterator),
    ];
    let (result, _stack) = frames::run_from(&mut interp, &walk, pc_of(&walk), slots);
    let Ok(Exit::Returned(Value::Int(value))) = result else {
        panic!("walk returns an int");
    };
    let _ = interp.stdout.flush();
    format!("{}returned {value}\n", output.take())
}

/// What the uninterrupted run prints for iterations from `first` on, and
/// what it returns.
fn uninterrupted_from(backend: &'static dyn Backend, first: i64) -> String {
    let (mut interp, _, output) = run_program(backend);
    let _ = interp.stdout.flush();
    let printed = output.take();
    let mut expected = String::new();
    for line in printed.lines() {
        match line.strip_prefix("result ") {
            Some(value) => expected.push_str(&format!("returned {value}\n")),
            None if line.split(' ').next().and_then(|i| i.parse::<i64>().ok()) >= Some(first) => {
                expected.push_str(line);
                expected.push('\n');
            }
            None => {}
        }
    }
    expected
}

fn loop_head(walk: &Function) -> usize {
    unit_of(walk, |op, _| op == Opcode::FOR_ITER)
}

/// Just after `total += i * i` stores `total` (local 1), before the print.
fn after_store(walk: &Function) -> usize {
    let store = walk
        .code
        .code
        .decoded()
        .find(|i| i.op == Opcode::STORE_FAST && i.arg == 1 && i.offset > loop_head(walk))
        .expect("the store of total in the loop");
    store.offset + 1
}

fn backends() -> [&'static dyn Backend; 2] {
    [&pvm_switch::SWITCH, &pvm_threaded::THREADED]
}

/// On every backend, resuming as `resume_walk` does prints and returns
/// what the uninterrupted run does from iteration 4 on.
fn resumes_like_the_uninterrupted_run(
    pc_of: fn(&Function) -> usize,
    total: i64,
    i: i64,
    iterator: &str,
) {
    for backend in backends() {
        let resumed = resume_walk(backend, pc_of, total, i, iterator);
        let expected = uninterrupted_from(backend, 4);
        assert_eq!(resumed, expected, "on {}", backend.name());
        assert!(
            resumed.starts_with("4 30\n"),
            "on {}: {resumed}",
            backend.name()
        );
        assert!(
            resumed.ends_with("returned 140\n"),
            "on {}: {resumed}",
            backend.name()
        );
    }
}

#[test]
fn resuming_at_the_loop_head_continues_the_loop() {
    // After iterations 0..=3: total = 0 + 1 + 4 + 9, i = 3.
    resumes_like_the_uninterrupted_run(loop_head, 14, 3, "rest_of_range");
}

#[test]
fn resuming_in_the_middle_of_the_body_finishes_the_iteration() {
    // In iteration 4, just after `total += 16`, before the print.
    resumes_like_the_uninterrupted_run(after_store, 30, 4, "after_four");
}

#[test]
fn slots_that_do_not_fit_the_function_are_refused() {
    let (mut interp, globals, _) = run_program(&pvm_switch::SWITCH);
    let walk = function(global(&globals, "walk"));
    // Too few locals for `walk`.
    let slots = vec![Value::Function(walk.clone()), Value::Int(8)];
    let (result, _) = frames::run_from(&mut interp, &walk, 0, slots);
    let Err(error) = result else {
        panic!("refused");
    };
    assert!(error.is(&pvm_runtime::types::RUNTIME_ERROR));
}
