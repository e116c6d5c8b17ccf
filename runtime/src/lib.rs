//! pvm's runtime: the object model and every semantic operation that the
//! backends share, the frame protocol (`frames`), the interpreter state and
//! the `Backend` trait.
//!
//! Backends decode bytecode and move values between the stack and locals;
//! everything an operation *means* (what `a + b` does, how arguments bind,
//! what `repr` prints, which exception is raised with which message) is
//! decided here, once, so that all backends agree by construction. This crate
//! contains no dispatch loop.

/// `builtin_table!(NAME { "name" => function, ... })`: a static table of
/// builtin methods or functions, as every object kind lists its methods.
macro_rules! builtin_table {
    ($vis:vis $table:ident { $($name:literal => $func:path,)* }) => {
        $vis static $table: &[crate::value::Builtin] =
            &[$(crate::value::Builtin { name: $name, func: $func }),*];
    };
}

pub mod alias;
pub mod attributes;
pub mod big_range;
pub mod build;
pub mod builtins;
pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod call;
pub mod classes;
pub mod code;
pub mod codecs;
pub mod compare;
pub mod complex;
pub mod construct;
pub mod exceptions;
pub mod exec;
pub mod feedback;
pub mod format;
pub mod frame_objects;
pub mod frames;
pub mod generators;
pub mod globals;
pub mod handlers;
pub mod hash;
pub mod instance_new;
pub mod interrupt;
pub mod introspect;
pub mod iter;
pub mod matching;
pub mod memory;
pub mod memoryview;
pub mod metaclass;
pub mod methods;
pub mod modules;
pub mod native;
pub mod native_stack;
pub mod number_methods;
pub mod numbers;
pub mod object;
pub mod ops;
pub mod printf;
pub mod pycache;
pub mod repr;
pub mod scope;
pub mod search;
pub mod set_methods;
pub mod sets;
pub mod slot_wrappers;
pub mod sorting;
pub mod special;
pub mod stackcheck;
pub mod strings;
pub mod subclass;
pub mod subscript;
pub mod superinstructions;
pub mod traceback;
pub mod type_namespaces;
pub mod types;
pub mod unicode_case;
pub mod union;
pub mod value;

pub use code::{intern, RtCode};
pub use exceptions::{PyErr, PyResult};
pub use frames::{Backend, Exit, Frame, FrameStack};
pub use value::{Function, PyDict, PyStr, Value};

use rustc_hash::FxHashMap;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

/// Interpreter-wide state shared by every frame of a run.
pub struct Interp {
    pub stdout: Box<dyn Write>,
    pub builtins: Rc<PyDict>,
    pub recursion_limit: usize,
    /// Python frames currently live (across nested backend runs).
    pub depth: usize,
    pub interrupt: Arc<AtomicU8>,
    pub time_limit_seconds: f64,
    /// The backend running this program: it runs every frame, including
    /// those that builtins call back into (`frames::call_function`) and
    /// resumed generators.
    pub backend: &'static dyn Backend,
    /// The exception being handled (`None` outside `except`/`finally`):
    /// what a bare `raise` re-raises and what new exceptions chain to.
    pub handled: Value,
    /// Modules imported so far, by name: the dict `sys.modules` is, so a
    /// program that changes it changes what `import` finds.
    pub modules: Rc<PyDict>,
    /// `sys.argv`: the script, then its arguments.
    pub argv: Vec<String>,
    /// Cache-file settings for imports (`-B`, `-v`, ...).
    pub cache: pycache::CacheOptions,
    /// `sys.path` once the `sys` module exists (a live list the program may
    /// change); before that, `search_path`.
    pub path_list: Option<Value>,
    /// The `random` module's generator, made on first use.
    pub random: Option<Box<modules::random::MersenneTwister>>,
    /// Where imports look (`sys.path`): the script's folder first.
    pub search_path: Vec<std::path::PathBuf>,
    /// CPython's pure-Python standard library, searched after everything
    /// else (`modules/stdlib.rs`); `None` when there is none.
    pub stdlib: Option<std::path::PathBuf>,
    sources: FxHashMap<Rc<str>, Rc<str>>,
    /// The frame stack of the innermost run (`frames::execute`), whose top
    /// frame is the Python code that called the running builtin; null
    /// outside any run. Read only by `frames::caller`.
    pub(crate) running: *const frames::FrameStack,
}

impl Interp {
    pub fn new(stdout: Box<dyn Write>) -> Interp {
        Interp {
            stdout,
            builtins: Rc::new(builtins::namespace()),
            recursion_limit: 1000,
            depth: 0,
            interrupt: Arc::new(AtomicU8::new(interrupt::NONE)),
            time_limit_seconds: 0.0,
            backend: &frames::NoBackend,
            handled: Value::None,
            modules: Rc::new(PyDict::new()),
            argv: Vec::new(),
            search_path: Vec::new(),
            stdlib: modules::stdlib::locate(None),
            random: None,
            cache: pycache::CacheOptions {
                write: true,
                ..Default::default()
            },
            path_list: None,
            sources: FxHashMap::default(),
            running: std::ptr::null(),
        }
    }

    /// `sys.modules[name]`, if present.
    pub fn module(&self, name: &str) -> Option<Value> {
        self.modules.get_str(&intern(name))
    }

    /// Sets `sys.modules[name]`.
    pub fn set_module(&self, name: &str, module: Value) {
        self.modules.set_str(&intern(name), module);
    }

    /// Registers the script's namespace as `sys.modules["__main__"]`.
    pub fn register_main(&self, globals: &Rc<PyDict>, file: &str) {
        let module = modules::PyModule {
            name: intern("__main__"),
            dict: globals.clone(),
            file: Some(file.into()),
        };
        self.set_module("__main__", Value::Module(Rc::new(module)));
    }

    /// Removes `sys.modules[name]` (a failed import), if present.
    pub fn forget_module(&self, name: &str) {
        let _ = handlers::delete_name(&self.modules, &intern(name));
    }

    /// Remembers a file's source so tracebacks can quote it.
    pub fn add_source(&mut self, filename: &str, source: &str) {
        self.sources.insert(filename.into(), source.into());
    }

    pub fn source_line(&self, filename: &str, line: u32) -> Option<&str> {
        let source = self.sources.get(filename)?;
        // (Sources are registered when compiled or loaded from a cache file.)
        source
            .split('\n')
            .nth(line.checked_sub(1)? as usize)
            .map(|l| l.trim_end_matches('\r'))
    }

    pub fn write_stdout(&mut self, bytes: &[u8]) -> PyResult<()> {
        self.stdout.write_all(bytes).map_err(|e| {
            PyErr::with_message(
                &types::OS_ERROR,
                format!("[Errno {}] {e}", e.raw_os_error().unwrap_or(0)),
            )
        })
    }

    /// Raises `KeyboardInterrupt` or the time-limit error if one was
    /// requested, or runs the Python handlers of the signals that arrived
    /// (and raises what they raise).
    #[inline(always)]
    pub fn check_interrupt(&mut self) -> PyResult<()> {
        if self.interrupt_pending() {
            self.interrupted()
        } else {
            Ok(())
        }
    }

    /// Whether Ctrl-C or the time limit is waiting to be raised (by
    /// `check_interrupt`).
    #[inline(always)]
    pub fn interrupt_pending(&self) -> bool {
        self.interrupt.load(Ordering::Relaxed) != interrupt::NONE
    }

    #[cold]
    fn interrupted(&mut self) -> PyResult<()> {
        let reason = self.interrupt.swap(interrupt::NONE, Ordering::Relaxed);
        if reason == interrupt::SIGNAL {
            return modules::signal::run_pending(self);
        }
        if modules::signal::pending() {
            // A signal arrived with the other interrupt: its handler runs
            // at the next check.
            self.interrupt.store(interrupt::SIGNAL, Ordering::Relaxed);
        }
        Err(interrupt::error(reason, self.time_limit_seconds))
    }

    /// Counts a new Python frame, refusing past the recursion limit.
    #[inline]
    pub fn enter_frame(&mut self) -> PyResult<()> {
        if self.depth >= self.recursion_limit {
            return Err(exceptions::recursion_error(
                "maximum recursion depth exceeded",
            ));
        }
        self.depth += 1;
        Ok(())
    }

    #[inline]
    pub fn leave_frame(&mut self) {
        self.depth -= 1;
    }
}

/// A module's global namespace, with `__name__` set.
pub fn module_globals(name: &str) -> Rc<PyDict> {
    let globals = PyDict::new();
    globals.set_str(&intern("__name__"), Value::str(name));
    globals.set_str(&intern("__doc__"), Value::None);
    Rc::new(globals)
}
