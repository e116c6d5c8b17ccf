//! `pvm explain`: the lecture. One program shown stage by stage, from its
//! tokens to the machine code the JIT made of it, each stage under a
//! plain-language heading and built from what pvm really did.
//!
//! This module holds the command's options, the walkthrough's document
//! (stages of paragraphs and listings) and the order of the stages. The
//! front-end stages are in `stages.rs`, the stages that run the program in
//! `execute.rs`, and each output format in its own `render_*.rs`. Nothing
//! here parses Python or decides what bytecode means: the front end, the
//! backends and the disassembler do, and this only arranges what they say.

mod execute;
mod jit_view;
mod render_html;
mod render_md;
mod render_term;
mod stages;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// `pvm explain`'s options.
#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The program to explain (a small one: it is run once per backend).
    pub file: PathBuf,
    /// Show only this function (by name or qualified name) where a stage
    /// can narrow down: tokens, AST, symbols, bytecode and JIT.
    #[arg(long, value_name = "NAME")]
    pub function: Option<String>,
    /// Which stages, comma-separated, in any order (shown in the lecture's
    /// order): tokens, ast, symbols, bytecode, pyc, run, jit, or all.
    #[arg(long, value_name = "STAGES", default_value = "all")]
    pub stage: String,
    /// term (colour on a terminal, plain when piped), md or html.
    #[arg(long, value_name = "FORMAT", default_value = "term",
          value_parser = ["term", "md", "html"])]
    pub format: String,
    /// Write the walkthrough to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Calls plus loop back-edges before the JIT compiles a code object
    /// (the JIT's default when not given; 0 compiles every function).
    #[arg(long, value_name = "N")]
    pub jit_threshold: Option<u32>,
    /// Stop each run of the program after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub time_limit: f64,
}

/// The stages, in the lecture's order.
pub const STAGES: [&str; 7] = ["tokens", "ast", "symbols", "bytecode", "pyc", "run", "jit"];

/// One stage of the walkthrough: a heading, what the stage is in a
/// sentence or two, then paragraphs and listings.
pub struct Stage {
    /// The `--stage` name, also the HTML anchor.
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

pub enum Block {
    /// A paragraph of prose.
    Text(String),
    /// A short heading inside a stage (one per function, say).
    Subheading(String),
    /// A listing in monospace.
    Code(Vec<Line>),
}

/// A line of a listing, and what kind of line it is (renderers colour or
/// emphasise source lines and notes).
pub struct Line {
    pub text: String,
    pub kind: LineKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Plain,
    /// A line of the program's source, quoted above what it produced.
    Source,
    /// A label or comment inside a listing.
    Note,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            kind: LineKind::Plain,
        }
    }

    pub fn source(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            kind: LineKind::Source,
        }
    }

    pub fn note(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            kind: LineKind::Note,
        }
    }
}

/// The whole walkthrough.
pub struct Lecture {
    pub title: String,
    /// The program's source, shown first.
    pub source: String,
    pub stages: Vec<Stage>,
}

/// What every stage builder gets: the program, compiled and parsed.
pub struct Program {
    pub path: PathBuf,
    pub source: String,
    pub code: std::rc::Rc<pvm_frontend::CodeObject>,
    pub parsed: pvm_frontend::explain::Parsed,
    pub args: ExplainArgs,
}

/// `pvm explain`: answers the exit status.
pub fn run(args: ExplainArgs) -> u8 {
    let wanted = match wanted_stages(&args.stage) {
        Ok(wanted) => wanted,
        Err(message) => {
            eprintln!("pvm: {message}");
            return 2;
        }
    };
    if args.file.extension().is_some_and(|e| e == "pyc") {
        eprintln!("pvm: explain starts from the source: give it the .py file");
        return 2;
    }
    let stop = std::sync::atomic::AtomicU8::new(pvm_runtime::interrupt::NONE);
    let (source, code) = match crate::runner::compile(&args.file, &stop) {
        Ok(compiled) => compiled,
        Err(crate::runner::NotCompiled::Status(status)) => return status,
        Err(crate::runner::NotCompiled::Interrupted) => return 1,
    };
    let filename = args.file.display().to_string();
    let parsed =
        match pvm_frontend::explain::Parsed::new(&source, &filename, args.function.as_deref()) {
            Ok(parsed) => parsed,
            Err(message) => {
                eprint!("{}", message.trim_end());
                eprintln!();
                return 1;
            }
        };
    let program = Program {
        path: args.file.clone(),
        source,
        code,
        parsed,
        args,
    };
    let stages: Vec<Stage> = wanted
        .iter()
        .map(|&id| match id {
            "tokens" => stages::tokens(&program),
            "ast" => stages::ast(&program),
            "symbols" => stages::symbols(&program),
            "bytecode" => stages::bytecode(&program),
            "pyc" => stages::pyc(&program),
            "run" => execute::run(&program),
            _ => execute::jit(&program),
        })
        .collect();
    let lecture = Lecture {
        title: format!("How Python runs {}, shown by pvm", program.path.display()),
        source: program.source.clone(),
        stages,
    };
    write_out(&lecture, &program.args)
}

/// The stages `--stage` names, in the lecture's order.
fn wanted_stages(text: &str) -> Result<Vec<&'static str>, String> {
    let mut wanted = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if name == "all" {
            return Ok(STAGES.to_vec());
        }
        if !STAGES.contains(&name) {
            return Err(format!(
                "unknown stage '{name}' (stages: {}, or all)",
                STAGES.join(", ")
            ));
        }
        wanted.push(name);
    }
    if wanted.is_empty() {
        return Err("--stage names no stage".into());
    }
    Ok(STAGES
        .iter()
        .copied()
        .filter(|s| wanted.contains(s))
        .collect())
}

fn write_out(lecture: &Lecture, args: &ExplainArgs) -> u8 {
    let colour = args.output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let text = match args.format.as_str() {
        "md" => render_md::render(lecture),
        "html" => render_html::render(lecture),
        _ => render_term::render(lecture, colour),
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display())),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("pvm: cannot write the walkthrough: {error}");
            1
        }
    }
}
