//! The `pvm` command: `run` a program on a chosen backend, `dis`assemble it,
//! `explain` it stage by stage.
//!
//! This file parses the command line and maps outcomes to exit statuses like
//! `python` does. Compiling is the front end's job and executing the
//! backends'; the CLI only wires them together (see `runner.rs`).

mod compare;
mod explain;
mod runner;

/// mimalloc serves pvm's many small, short-lived objects (frames' values,
/// instances, floats) the way pymalloc serves CPython's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pvm",
    version,
    about = "See and measure how Python runs: one bytecode compiler, interchangeable backends"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a Python program, like `python FILE.py`.
    Run {
        /// The program to run.
        file: PathBuf,
        /// Which backend executes the bytecode (see `pvm backends`).
        #[arg(long, default_value = "switch")]
        backend: String,
        /// Stop the program with an error (exit status 1) after this many seconds.
        #[arg(long, value_name = "SECONDS")]
        time_limit: Option<f64>,
        /// The most memory one object (a list, a string, ...) may take:
        /// bytes, or with a K, M or G suffix. Past it the program gets
        /// MemoryError. Default: half the machine's memory.
        #[arg(long, value_name = "SIZE", value_parser = parse_size)]
        memory_limit: Option<usize>,
        /// Count which opcode runs after which (on the switch PVM) and print
        /// the most frequent pairs to stderr: the data behind superinstructions.
        #[arg(long)]
        opcode_pairs: bool,
        /// Record what each instruction sees (operand types, receiver classes
        /// and attribute slots, callees) on the switch PVM and print it per
        /// code object and site to stderr: the data a tiering JIT warms up on.
        #[arg(long, conflicts_with = "opcode_pairs")]
        type_feedback: bool,
        /// Print each executed instruction with the operand stack it finds
        /// (on the switch PVM), at most N lines (default 10000), to stdout
        /// among what the program prints.
        #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true,
              default_missing_value = "10000", conflicts_with_all = ["opcode_pairs", "type_feedback"])]
        trace: Option<u64>,
        /// With --backend jit: how many calls plus loop back-edges a code
        /// object runs in the warm-up interpreter before it is compiled
        /// (0 compiles everything at its first call).
        #[arg(long, value_name = "N")]
        jit_threshold: Option<u32>,
        /// With --backend jit: after the program, print what was compiled
        /// (compile time, machine-code size, inline and helper
        /// instructions) and the share of executed instructions that ran
        /// compiled, to stderr or (--jit-stats=FILE) to a file.
        #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true)]
        jit_stats: Option<Option<PathBuf>>,
        /// With --backend jit: print the bytecode, Cranelift IR and machine
        /// code of the code objects with this name (or qualified name),
        /// each machine-code range labelled with its bytecode offset.
        #[arg(long, value_name = "NAME")]
        jit_dump: Option<String>,
        #[command(flatten)]
        cache: CacheFlags,
        /// CPython 3.11's pure-Python standard library (its Lib folder) to
        /// import from (also PVM_STDLIB; default /usr/lib/python3.11).
        #[arg(long, value_name = "DIR")]
        stdlib: Option<PathBuf>,
        /// Arguments passed to the program as sys.argv[1:].
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print the bytecode of a program (or of a .pyc cache file) and of
    /// every function in it.
    Dis {
        /// The program or cache file to disassemble.
        file: PathBuf,
    },
    /// The lecture: show how a program runs, stage by stage, from its
    /// tokens to bytecode, the .pyc file, the run on every backend and
    /// the JIT's machine code, with real data.
    Explain(explain::ExplainArgs),
    /// Compile Python files (or every .py file under folders) and write
    /// their __pycache__ files, like `python -m compileall`.
    Compile {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        cache: CacheFlags,
    },
    /// Run the benchmark suite on every backend (pvm's, CPython, PyPy),
    /// check that all print the same, time them and write a report.
    Compare(compare::CompareArgs),
    /// List the registered backends.
    Backends,
}

/// Cache-file options shared by `run` and `compile`.
#[derive(clap::Args)]
struct CacheFlags {
    /// Print every import decision on stderr (which cache file is used,
    /// why one is stale, what is written), like `python -v`.
    #[arg(short, long)]
    verbose: bool,
    /// Do not write __pycache__ files (also PVM_DONT_WRITE_BYTECODE=1).
    #[arg(short = 'B')]
    dont_write_bytecode: bool,
    /// Keep all cache files under DIR instead of beside the sources (also
    /// PVM_PYCACHE_PREFIX), like PYTHONPYCACHEPREFIX.
    #[arg(long, value_name = "DIR")]
    pycache_prefix: Option<PathBuf>,
    /// How new cache files are validated: by source timestamp and size, or
    /// by a hash of the source that is checked (or not) on load.
    #[arg(long, value_name = "MODE", default_value = "timestamp",
          value_parser = ["timestamp", "checked-hash", "unchecked-hash"])]
    invalidation_mode: String,
}

impl CacheFlags {
    fn options(&self) -> pvm_runtime::pycache::CacheOptions {
        let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        pvm_runtime::pycache::CacheOptions {
            write: !self.dont_write_bytecode && !env_set("PVM_DONT_WRITE_BYTECODE"),
            prefix: self.pycache_prefix.clone().or_else(|| {
                std::env::var_os("PVM_PYCACHE_PREFIX")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }),
            mode: pvm_runtime::pycache::InvalidationMode::parse(&self.invalidation_mode)
                .unwrap_or_default(),
            verbose: self.verbose,
        }
    }
}

/// `--memory-limit`'s value: bytes, or a number with K, M or G (binary).
fn parse_size(text: &str) -> Result<usize, String> {
    let upper = text.trim().to_ascii_uppercase();
    let (digits, shift) = match upper.strip_suffix(['K', 'M', 'G']) {
        Some(digits) => (
            digits,
            10 * (1 + "KMG".find(upper.chars().last().unwrap_or('K')).unwrap_or(0)),
        ),
        None => (upper.as_str(), 0),
    };
    let number: usize = digits
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a size (bytes, or a number with K, M or G)"))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("'{text}' is too large"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Run {
            file,
            backend,
            time_limit,
            memory_limit,
            opcode_pairs,
            type_feedback,
            trace,
            jit_threshold,
            jit_stats,
            jit_dump,
            cache,
            stdlib,
            args,
        } => {
            let options = runner::RunOptions {
                backend,
                time_limit,
                opcode_pairs,
                type_feedback,
                trace,
                cache: cache.options(),
                stdlib,
                memory_limit,
                jit: runner::JitOptions {
                    threshold: jit_threshold,
                    stats: jit_stats,
                    dump: jit_dump,
                },
            };
            runner::on_big_stack(move || runner::run(&file, &options, &args))
        }
        Command::Dis { file } => runner::on_big_stack(move || runner::dis(&file)),
        Command::Compile { paths, cache } => {
            let options = cache.options();
            runner::on_big_stack(move || runner::compile_paths(&paths, &options))
        }
        Command::Explain(args) => runner::on_big_stack(move || explain::run(args)),
        Command::Compare(args) => compare::run(args),
        Command::Backends => {
            for backend in runner::backends() {
                println!("{:<10} {}", backend.name(), backend.description());
            }
            0
        }
    };
    ExitCode::from(status)
}
