//! Prints each code object's max_stack (a debugging aid).
fn main() {
    let path = std::env::args().nth(1).expect("usage: max_stack FILE.py");
    let source = std::fs::read_to_string(&path).expect("readable file");
    let code = pvm_frontend::compile(&source, &path).expect("compiles");
    println!("{} max_stack={}", code.name, code.max_stack);
    for c in code.nested_code() {
        println!("{} max_stack={}", c.name, c.max_stack);
    }
}
