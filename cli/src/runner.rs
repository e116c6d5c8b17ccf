//! Running and disassembling files: reading source, compiling with the front
//! end, executing on a registered backend, and reporting errors on stderr
//! with CPython's formats and exit statuses.
//!
//! Everything runs on a thread with a large stack, and a panic (a pvm bug,
//! never expected) is reported as an internal error with exit status 1
//! rather than a crash.

use pvm_runtime::{interrupt, Backend, Interp, RtCode};
use std::io::Write;
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

/// Every backend pvm can run on, the reference first: the one place a
/// backend is registered.
pub fn backends() -> &'static [&'static (dyn Backend + Sync)] {
    static BACKENDS: [&(dyn Backend + Sync); 3] =
        [&pvm_switch::SWITCH, &pvm_threaded::THREADED, &pvm_jit::JIT];
    &BACKENDS
}

/// Runs `job` on a thread with a 1 GiB stack (reserved, not committed), so
/// deeply nested source or data cannot overflow the Rust stack first.
pub fn on_big_stack(job: impl FnOnce() -> u8 + Send + 'static) -> u8 {
    const STACK: usize = 1 << 30;
    // Release builds abort on panic (no unwinding tables in the dispatch
    // loops), so the hook itself reports the bug and exits with status 1.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "pvm: internal error at {}: {}",
            info.location().map(|l| l.to_string()).unwrap_or_default(),
            panic_message(info.payload())
        );
        eprintln!("pvm: internal error (a bug in pvm, not in your program); please report it");
        std::process::exit(1);
    }));
    let handle = std::thread::Builder::new()
        .stack_size(STACK)
        .name("pvm".into())
        .spawn(move || std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)));
    match handle.map(|h| h.join()) {
        Ok(Ok(Ok(status))) => status,
        Ok(Ok(Err(_))) | Ok(Err(_)) => {
            eprintln!("pvm: internal error (a bug in pvm, not in your program); please report it");
            1
        }
        Err(error) => {
            eprintln!("pvm: cannot start the interpreter thread: {error}");
            1
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Reads a source file the way CPython does: UTF-8, or a SyntaxError.
fn read_source(path: &Path) -> Result<String, u8> {
    let bytes = std::fs::read(path).map_err(|e| {
        let errno = e.raw_os_error().unwrap_or(0);
        let reason = e.to_string();
        let reason = reason.split(" (os error").next().unwrap_or(&reason);
        eprintln!(
            "pvm: can't open file '{}': [Errno {errno}] {reason}",
            path.display()
        );
        2u8
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let position = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[position];
        eprintln!(
            "SyntaxError: Non-UTF-8 code starting with '\\x{byte:02x}' in file {} on line {}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
            path.display(),
            e.as_bytes()[..position].iter().filter(|b| **b == b'\n').count() + 1
        );
        1u8
    })
}

/// Why `compile` gave no code: the exit status (the error is printed), or
/// the interrupt flag stopped the compiler (the caller reports why).
pub enum NotCompiled {
    Status(u8),
    Interrupted,
}

/// A program's code: compiled from source (stopping early once `stop` is
/// set), or read from a cache file (`pvm run m.pvm-1.pyc`), whose source
/// (if still there) is read for tracebacks.
pub fn compile(
    path: &Path,
    stop: &AtomicU8,
) -> Result<(String, Rc<pvm_frontend::CodeObject>), NotCompiled> {
    if path.extension().is_some_and(|e| e == "pyc") {
        let bytes = std::fs::read(path).map_err(|e| {
            eprintln!("pvm: can't open file '{}': {e}", path.display());
            NotCompiled::Status(2)
        })?;
        let (_, code) = pvm_frontend::pyc::deserialize(&bytes).map_err(|e| {
            eprintln!("pvm: can't run '{}': {e}", path.display());
            NotCompiled::Status(1)
        })?;
        let source = std::fs::read_to_string(&*code.filename).unwrap_or_default();
        return Ok((source, code));
    }
    let source = read_source(path).map_err(NotCompiled::Status)?;
    let filename = path.display().to_string();
    match pvm_frontend::compile_until(&source, &filename, stop) {
        Ok(code) => Ok((source, code)),
        Err(error) if error.kind == pvm_frontend::ErrorKind::Interrupted => {
            Err(NotCompiled::Interrupted)
        }
        Err(error) => {
            eprint!("{}", error.render());
            Err(NotCompiled::Status(1))
        }
    }
}

pub fn dis(path: &Path) -> u8 {
    match compile(path, &AtomicU8::new(interrupt::NONE)) {
        Ok((_, code)) => {
            print!("{}", pvm_frontend::dis::disassemble(&code));
            0
        }
        Err(NotCompiled::Status(status)) => status,
        Err(NotCompiled::Interrupted) => 1,
    }
}

/// How `pvm run` runs a program.
pub struct RunOptions {
    pub backend: String,
    pub time_limit: Option<f64>,
    pub opcode_pairs: bool,
    pub type_feedback: bool,
    /// `--trace`: print each executed instruction, at most this many lines.
    pub trace: Option<u64>,
    pub cache: pvm_runtime::pycache::CacheOptions,
    /// `--stdlib`: CPython's standard library folder.
    pub stdlib: Option<std::path::PathBuf>,
    pub jit: JitOptions,
    /// `--memory-limit`: the most bytes one object may take.
    pub memory_limit: Option<usize>,
}

/// `pvm run --backend jit` options.
#[derive(Default)]
pub struct JitOptions {
    pub threshold: Option<u32>,
    /// `--jit-stats`: `Some(None)` prints to stderr, `Some(Some(file))`
    /// writes the file.
    pub stats: Option<Option<std::path::PathBuf>>,
    pub dump: Option<String>,
}

impl JitOptions {
    fn given(&self) -> bool {
        self.threshold.is_some() || self.stats.is_some() || self.dump.is_some()
    }
}

/// `pvm compile PATH...`: writes the cache file of every `.py` file named
/// or found under a named folder, like `python -m compileall`.
pub fn compile_paths(
    paths: &[std::path::PathBuf],
    cache: &pvm_runtime::pycache::CacheOptions,
) -> u8 {
    let mut status = 0;
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            println!("Listing '{}'...", path.display());
            collect_sources(path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    for file in files {
        println!("Compiling '{}'...", file.display());
        match pvm_runtime::pycache::compile_file(&file, cache) {
            Ok(_) => {}
            Err(pvm_runtime::pycache::LoadError::Syntax(error)) => {
                print!("{}", error.render());
                status = 1;
            }
            Err(pvm_runtime::pycache::LoadError::Encoding(message)) => {
                println!("SyntaxError: {message}");
                status = 1;
            }
            Err(pvm_runtime::pycache::LoadError::Io(error)) => {
                println!("*** {}: {error}", file.display());
                status = 1;
            }
        }
    }
    status
}

fn collect_sources(folder: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "__pycache__") {
                collect_sources(&path, files);
            }
        } else if path.extension().is_some_and(|e| e == "py") {
            files.push(path);
        }
    }
}

pub fn run(path: &Path, options: &RunOptions, args: &[String]) -> u8 {
    let backend_name = options.backend.as_str();
    let time_limit = options.time_limit;
    if options.opcode_pairs && backend_name != "switch" {
        eprintln!("pvm: --opcode-pairs counts on the switch backend (the reference); drop --backend {backend_name}");
        return 2;
    }
    if options.type_feedback && backend_name != "switch" {
        eprintln!("pvm: --type-feedback records on the switch backend (the reference); drop --backend {backend_name}");
        return 2;
    }
    if options.trace.is_some() && backend_name != "switch" {
        eprintln!(
            "pvm: --trace traces the switch backend (the reference); drop --backend {backend_name}"
        );
        return 2;
    }
    if options.jit.given() && backend_name != "jit" {
        eprintln!("pvm: the --jit-* options apply to --backend jit");
        return 2;
    }
    if backend_name == "jit" {
        pvm_jit::configure(pvm_jit::Config {
            threshold: options.jit.threshold.unwrap_or(pvm_jit::DEFAULT_THRESHOLD),
            count_instructions: options.jit.stats.is_some(),
            dump: options.jit.dump.clone(),
        });
    }
    let Some(&backend) = backends().iter().find(|b| b.name() == backend_name) else {
        let names: Vec<_> = backends().iter().map(|b| b.name()).collect();
        eprintln!(
            "pvm: unknown backend '{backend_name}' (available: {})",
            names.join(", ")
        );
        return 2;
    };
    if let Some(bytes) = options.memory_limit {
        pvm_runtime::memory::set_limit(bytes);
    }
    let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let mut interp = Interp::new(Box::new(stdout));
    interp.cache = options.cache.clone();
    if options.stdlib.is_some() {
        interp.stdlib = pvm_runtime::modules::stdlib::locate(options.stdlib.as_deref());
    }
    // Ctrl-C and the time limit apply from here on, compiling included.
    let flag = interp.interrupt.clone();
    let _ = ctrlc::set_handler(move || flag.store(interrupt::KEYBOARD, Ordering::Relaxed));
    if let Some(seconds) = time_limit.filter(|s| *s > 0.0 && s.is_finite()) {
        interp.time_limit_seconds = seconds;
        let flag = interp.interrupt.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(seconds));
            flag.store(interrupt::TIME_LIMIT, Ordering::Relaxed);
        });
    }
    // As in CPython since 3.9, the script's code names it by its absolute
    // path (tracebacks, `co_filename`), as its `__file__` does.
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (source, code) = match compile(&absolute, &interp.interrupt) {
        Ok(compiled) => compiled,
        Err(NotCompiled::Status(status)) => return status,
        Err(NotCompiled::Interrupted) => {
            let error = interp.check_interrupt().err();
            let error = error.unwrap_or_else(|| interrupt::error(interrupt::KEYBOARD, 0.0));
            return report_error(&mut interp, &error);
        }
    };
    let globals = prepare_main(&mut interp, path, &code, &source, args);
    let result = if options.opcode_pairs {
        let (result, pairs) =
            pvm_switch::run_counting_pairs(&mut interp, RtCode::new(&code), globals);
        let _ = interp.stdout.flush();
        eprintln!("opcode pairs executed, most frequent first:");
        for (count, first, second) in pairs.ranked().into_iter().take(30) {
            eprintln!("{count:>12}  {} {}", first.name(), second.name());
        }
        result
    } else if let Some(lines) = options.trace {
        pvm_switch::run_watched(
            &mut interp,
            RtCode::new(&code),
            globals,
            pvm_switch::Watch::tracing(lines),
        )
        .0
    } else if options.type_feedback {
        let result = pvm_switch::run_recording_feedback(&mut interp, RtCode::new(&code), globals);
        let _ = interp.stdout.flush();
        let recorded = pvm_runtime::feedback::take_recorded();
        eprint!("{}", pvm_runtime::feedback::report(&recorded));
        result
    } else {
        pvm_runtime::frames::run_module(&mut interp, backend, RtCode::new(&code), globals)
    };
    let flushed = interp.stdout.flush();
    if backend_name == "jit" {
        report_jit(&options.jit);
    }
    match result {
        Ok(_) if flushed.is_ok() => 0,
        Ok(_) => {
            eprintln!("Exception ignored on flushing sys.stdout: BrokenPipeError");
            1
        }
        Err(error) if error.is(&pvm_runtime::types::SYSTEM_EXIT) => {
            system_exit(&mut interp, &error)
        }
        Err(error) => report_error(&mut interp, &error),
    }
}

/// Sets `interp` up to run `code` as `__main__` (compiled from `source` at
/// `path`, with `args` as `sys.argv[1:]`): its source for tracebacks,
/// `sys.argv`, `sys.path`; answers the module's globals.
pub fn prepare_main(
    interp: &mut Interp,
    path: &Path,
    code: &pvm_frontend::CodeObject,
    source: &str,
    args: &[String],
) -> Rc<pvm_runtime::PyDict> {
    interp.add_source(&code.filename, source);
    interp.argv = std::iter::once(path.display().to_string())
        .chain(args.iter().cloned())
        .collect();
    // CPython puts the script's folder, made absolute, first on sys.path.
    // For a cache file that is the folder of the source it was compiled
    // from (so it finds that program's modules), when that still exists.
    let origin = Path::new(&*code.filename);
    let script = if path.extension().is_some_and(|e| e == "pyc") && origin.exists() {
        origin
    } else {
        path
    };
    let script_dir = script
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let script_dir = std::path::absolute(script_dir).unwrap_or_else(|_| script_dir.to_path_buf());
    interp.search_path = vec![script_dir];
    let globals = pvm_runtime::module_globals("__main__");
    interp.register_main(&globals, &path.display().to_string());
    // As in CPython since 3.9, the script's `__file__` is absolute.
    let file = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    globals.set_str(
        &pvm_runtime::code::intern("__file__"),
        pvm_runtime::Value::str(file.display().to_string()),
    );
    globals
}

/// Prints an uncaught exception's traceback; answers the exit status.
pub fn report_error(interp: &mut Interp, error: &pvm_runtime::PyErr) -> u8 {
    let text = pvm_runtime::traceback::render(interp, error);
    let _ = std::io::stderr().write_all(text.as_bytes());
    if error.is(&pvm_runtime::types::KEYBOARD_INTERRUPT) {
        130
    } else {
        1
    }
}

/// `--jit-dump` listings and the `--jit-stats` report, after the program.
fn report_jit(options: &JitOptions) {
    let stats = pvm_jit::stats::take();
    if options.dump.is_some() {
        if stats.dumps.is_empty() {
            eprintln!(
                "pvm: --jit-dump: no code object named {} was compiled",
                options.dump.as_deref().unwrap_or_default()
            );
        }
        for listing in &stats.dumps {
            eprint!("{listing}");
        }
    }
    match &options.stats {
        None => {}
        Some(None) => eprint!("{}", stats.report()),
        Some(Some(path)) => {
            if let Err(error) = std::fs::write(path, stats.report()) {
                eprintln!("pvm: cannot write {}: {error}", path.display());
            }
        }
    }
}

/// `sys.exit(code)`: no traceback; an int is the status, `None` is 0, and
/// anything else is printed to stderr with status 1, as CPython does.
fn system_exit(interp: &mut pvm_runtime::Interp, error: &pvm_runtime::PyErr) -> u8 {
    use pvm_runtime::Value;
    let first = error.0.exception.args.borrow().first().cloned();
    match &first {
        None | Some(Value::None) => 0,
        Some(Value::Int(code)) => (*code & 0xff) as u8,
        Some(Value::Bool(code)) => *code as u8,
        Some(other) => {
            eprintln!(
                "{}",
                pvm_runtime::repr::str(interp, other).unwrap_or_default()
            );
            1
        }
    }
}
