//! The threaded VM's handlers must chain by tail calls in optimised builds: a
//! handler that stops tail-calling grows the Rust stack by one frame every
//! time it runs. This test runs a long loop through every opcode the
//! compiler emits on a thread with a small stack. A handler that does not
//! tail-call overflows that stack (or trips the VM's own check, which raises
//! RuntimeError), so the failure shows up here and not in a user's
//! long-running program. The loop raises exceptions only once in 10,000
//! iterations: a caught exception returns to `Vm::run`, which resets the
//! stack and would hide a handler that grows it. In unoptimised
//! builds the same handlers run through the trampoline, and the test checks
//! that instead.

use pvm_frontend::{CodeObject, Opcode};
use pvm_runtime::{Backend, Interp, RtCode};
use std::collections::BTreeSet;
use std::io::Write;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

const ITERATIONS: usize = 50_000;

const PROGRAM: &str = r#"
from math import *
scratch = 0
total = 0


def helper(a, b=2, *rest, k=1, **options):
    return a + b + k + len(rest) + len(options)


class Box:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    def __enter__(self):
        return self

    def __exit__(self, kind, value, traceback):
        return False


def counter(n):
    for k in range(n):
        yield k


def relay(n):
    yield from counter(n)


async def ready():
    return 1


async def wait():
    return await ready()


def drop_global():
    global scratch
    scratch = 1
    del scratch


def step(i):
    global total
    pass
    a, b = [i, i + 1]
    items = [a, b, 3]
    items[0] = -a
    del items[2]
    mapping = {"k": b}
    head = items[0:1]
    signs = (+a, ~a, not a)
    ordered = 0 <= a < b
    either = a is None or b in items
    if a and b:
        total = total + 1
    if not ordered:
        total -= 1
    for letter in "ab":
        a += 1
    # Each operator the threaded VM specialises, alone and fused.
    x, y = a + 0.5, b
    m = (x + y) + y + 2
    m = x + y
    m = (x // y) // y // 2
    m = x // y
    m = (x * y) * y * 2
    m = x * y
    m = (x % y) % y % 2
    m = x % y
    m = (x - y) - y - 2
    m = x - y
    m = (x / y) / y / 2
    m = x / y
    m += y
    m -= y
    m += x * y
    m -= x * 2
    m = (a & b) & b & 2
    m = a & b
    m = (a | b) | b | 2
    m = a | b
    m = (a ^ b) ^ b ^ 2
    m = a ^ b
    s = b % 5
    m = (a << s) << s << 2
    m = a << s
    m = (a >> s) >> s >> 2
    m = a >> s
    m *= y
    m *= a * 2
    double = lambda z: z * 2
    result = double(a) + helper(1, k=3)
    text = f"{a}-{b:>3}"
    copy = items.copy()
    temporary = 1
    del temporary
    drop_global()
    squares = [n * n for n in range(3) if n != b]
    lengths = {n: n + a for n in items}
    shared = i

    def bump():
        nonlocal shared
        shared += 1
        return shared

    bump()
    box = Box(i)
    box.extra = 1
    del box.extra
    args = (1, 2)
    kw = {"k": 3}
    shared += helper(*args, **kw) - helper(1, 2, k=3) + box.get() - i
    with box as held:
        shared += held.v - i
    pair = {a, b}
    first, *others = [a, b, 3]
    merged = [*others, *pair]
    bag = {*pair}
    spread = {**mapping, "z": 0}
    shared += len(merged) - 4 + len(spread) - 2 + first - a + len(bag) - 2
    evens = {n for n in items if n}
    shared += len(pair) - 2 + len(evens) - len(evens) + sum(relay(2)) - 1
    if i % 10000 == 0:
        try:
            wait().send(None)
        except StopIteration as done:
            shared += done.value - 1
    match [a, mapping, box]:
        case [int(), {"k": kval, **rest}, Box(v=bv)] if kval == b:
            shared += len(rest) + bv - i
    import math
    from math import floor
    shared += floor(math.sqrt(4)) - 2
    try:
        if i % 10000 == 9999:
            raise KeyError(i)
        checked = items[5 if i % 10000 == 4999 else 0]
    except KeyError as missing:
        shared += len(missing.args)
    except IndexError:
        shared += 2
    finally:
        shared += 1
    return result + len(head) + len(text) + len(mapping) + len(copy) + len(signs) + either + len(squares) + len(lengths) + shared - i


for i in range(ITERATIONS):
    value = step(i)
    temporary = value
    del temporary
print(total, value)
"#;

/// Opcodes a loop cannot keep running through: they only raise, never
/// survive translation, or only appear in `'single'` code (`PRINT_EXPR`),
/// which a module cannot contain.
const EXEMPT: &[Opcode] = &[
    Opcode::EXTENDED_ARG,
    Opcode::RAISE_UNSUPPORTED,
    Opcode::PRINT_EXPR,
];

fn opcodes_in(code: &CodeObject, seen: &mut BTreeSet<&'static str>) {
    for instruction in code.decoded() {
        seen.insert(instruction.op.name());
    }
    for nested in code.nested_code() {
        opcodes_in(nested, seen);
    }
}

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

/// Runs the program on `backend` in a thread with a `stack`-byte stack.
fn run(backend: &'static (dyn Backend + Sync), stack: usize) -> String {
    let output = Captured::default();
    let sink = output.clone();
    let source = PROGRAM.replace("ITERATIONS", &ITERATIONS.to_string());
    std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let code = pvm_frontend::compile(&source, "every_opcode.py").expect("compiles");
            let mut interp = Interp::new(Box::new(sink));
            let globals = pvm_runtime::module_globals("__main__");
            let result =
                pvm_runtime::frames::run_module(&mut interp, backend, RtCode::new(&code), globals);
            assert!(result.is_ok(), "the program raised: {:?}", result.err());
        })
        .expect("thread starts")
        .join()
        .expect("the program ran to the end");
    let bytes = output.0.lock().expect("not poisoned").clone();
    String::from_utf8(bytes).expect("UTF-8 output")
}

#[test]
fn the_loop_exercises_every_opcode() {
    let code: Rc<CodeObject> = pvm_frontend::compile(PROGRAM, "every_opcode.py").expect("compiles");
    let mut seen = BTreeSet::new();
    opcodes_in(&code, &mut seen);
    let missing: Vec<&str> = Opcode::ALL
        .iter()
        .filter(|op| !EXEMPT.contains(op))
        .map(|op| op.name())
        .filter(|name| !seen.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "the tail-call test program does not exercise {missing:?}"
    );
}

#[test]
fn handlers_chain_without_growing_the_stack() {
    let threaded = run(&pvm_threaded::THREADED, 512 * 1024);
    let reference = run(&pvm_switch::SWITCH, 8 * 1024 * 1024);
    assert_eq!(threaded, reference);
    // What CPython 3.11 prints for the same program.
    assert_eq!(threaded, "49999 100035\n");
}
