//! The facts declared for each opcode (`Opcode::can_raise`, `escapes`,
//! `flow`) against the text of its body in `src/handlers/mod.rs`: a body that
//! can raise, call, jump, return or yield must be declared so. The test
//! reads what the body says, not what the runtime functions it calls do;
//! that part of a declaration is a reading of the runtime, so an opcode
//! declared not to escape may hand the interpreter only to the few uses
//! listed here, each with the reason it runs no Python code.

use pvm_frontend::{Flow, Opcode};
use std::collections::HashMap;

/// Non-escaping opcodes whose bodies use `interp!()`, and why that runs no
/// Python code.
const INTERP_WITHOUT_PYTHON: &[(Opcode, &str)] = &[
    (
        Opcode::LOAD_GLOBAL,
        "looks the builtins up through `&Interp`",
    ),
    (Opcode::LOAD_NAME, "looks the builtins up through `&Interp`"),
    (Opcode::PUSH_EXC_INFO, "swaps `interp.handled`"),
    (Opcode::POP_EXCEPT, "swaps `interp.handled`"),
];

/// Each opcode's body, with the bodies it expands (`opcode_body!(X)`) appended.
fn bodies() -> HashMap<String, String> {
    let source = include_str!("../src/handlers/mod.rs");
    let start = source
        .find("macro_rules! opcode_body {")
        .expect("the macro");
    let end = start + source[start..].find("\n}\n").expect("its end");
    let mut bodies: HashMap<String, String> = HashMap::new();
    let mut current = None;
    for line in source[start..end].lines() {
        if let Some(name) = arm_name(line) {
            bodies.insert(name.to_string(), String::new());
            current = Some(name.to_string());
        } else if let Some(name) = &current {
            let body = bodies.entry(name.clone()).or_default();
            body.push_str(line);
            body.push('\n');
        }
    }
    let raw = bodies.clone();
    for body in bodies.values_mut() {
        for (name, nested) in &raw {
            if body.contains(&format!("opcode_body!({name})")) {
                body.push_str(nested);
            }
        }
    }
    bodies
}

/// `NAME` from a line `    (NAME) => {{`.
fn arm_name(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("    (")?;
    let (name, after) = rest.split_once(')')?;
    after.starts_with(" => {{").then_some(name)
}

#[test]
fn every_opcode_has_one_body() {
    let bodies = bodies();
    assert_eq!(bodies.len(), Opcode::ALL.len());
    for op in Opcode::ALL {
        assert!(bodies.contains_key(op.name()), "no body for {}", op.name());
    }
}

#[test]
fn what_a_body_does_is_declared() {
    let bodies = bodies();
    for &op in Opcode::ALL {
        let body = &bodies[op.name()];
        let says = |word: &str| body.contains(word);
        let name = op.name();
        if ["check!(", "fail!(", "call!(", "jump!("]
            .iter()
            .any(|w| says(w))
        {
            assert!(
                op.can_raise(),
                "{name} can raise (check!, fail!, call!, or jump!, which checks for Ctrl-C)"
            );
        }
        if says("call!(") || says("yield_value!()") {
            assert!(op.escapes(), "{name} runs Python code");
        }
        assert_eq!(says("jump!("), op.flow().jumps(), "{name} jumps");
        if says("yield_value!()") || (says("return_value!()") && says("push!(")) {
            assert_eq!(op.flow(), Flow::Yield, "{name} suspends its frame");
        } else if says("return_value!()") {
            assert_eq!(op.flow(), Flow::Return, "{name} returns");
        }
        if op.flow() == Flow::Raise {
            assert!(says("fail!("), "{name} is declared to always raise");
        }
    }
}

#[test]
fn a_body_that_does_not_escape_keeps_the_interpreter_to_itself() {
    let bodies = bodies();
    for &op in Opcode::ALL {
        let allowed = INTERP_WITHOUT_PYTHON.iter().any(|(o, _)| *o == op);
        if !op.escapes() && !allowed {
            assert!(
                !bodies[op.name()].contains("interp!()"),
                "{} is declared not to escape but hands the interpreter to the runtime",
                op.name()
            );
        }
    }
}
