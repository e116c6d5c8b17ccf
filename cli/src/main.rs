//! The `pvm` command: `run` a program on a chosen backend, `dis`assemble it.
//!
//! This file parses the command line and maps outcomes to exit statuses like
//! `python` does. Compiling is the front end's job and executing the
//! backends'; the CLI only wires them together (see `runner.rs`).

mod runner;

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
        /// Count which opcode runs after which (on the switch PVM) and print
        /// the most frequent pairs to stderr: the data behind superinstructions.
        #[arg(long)]
        opcode_pairs: bool,
        /// Arguments passed to the program as sys.argv[1:].
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print the bytecode of a program and of every function in it.
    Dis {
        /// The program to disassemble.
        file: PathBuf,
    },
    /// List the registered backends.
    Backends,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Run {
            file,
            backend,
            time_limit,
            opcode_pairs,
            args,
        } => {
            let options = runner::RunOptions {
                backend,
                time_limit,
                opcode_pairs,
            };
            runner::on_big_stack(move || runner::run(&file, &options, &args))
        }
        Command::Dis { file } => runner::on_big_stack(move || runner::dis(&file)),
        Command::Backends => {
            for backend in runner::backends() {
                println!("{:<10} {}", backend.name(), backend.description());
            }
            0
        }
    };
    ExitCode::from(status)
}
