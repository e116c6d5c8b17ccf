//! Disassembles a file with the front end alone (a debugging aid).
fn main() {
    let path = std::env::args().nth(1).expect("usage: dis_file FILE.py");
    let source = std::fs::read_to_string(&path).expect("readable file");
    match pvm_frontend::compile(&source, &path) {
        Ok(code) => print!("{}", pvm_frontend::dis::disassemble(&code)),
        Err(error) => eprint!("{}", error.render()),
    }
}
