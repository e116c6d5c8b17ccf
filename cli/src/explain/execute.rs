//! The stages of `pvm explain` that run the program: `run` (once per
//! backend, timed, with the switch counting instructions and
//! superinstructions and the JIT counting what ran compiled) and `jit`
//! (each compiled function's bytecode, Cranelift IR and machine code).
//!
//! Every run compiles the source afresh, so no run inherits another's
//! translations or machine code, captures what the program prints, writes
//! no cache files and stops at `--time-limit`. The counts come from the
//! backends' own instruments (`pvm_switch::Watch`, `pvm_jit::stats`);
//! nothing here counts or times more than one whole run.

use super::{Block, Line, Program, Stage};
use pvm_runtime::{Interp, PyDict, PyResult, RtCode, Value};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// What one run of the program did.
struct Outcome {
    output: String,
    /// The traceback (or a note) if it ended with an exception.
    error: Option<String>,
    elapsed: Duration,
}

/// The program's standard output, kept in memory.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Compiles the program afresh and runs it through `go`, timed.
fn run_with(
    program: &Program,
    go: impl FnOnce(&mut Interp, Rc<RtCode>, Rc<PyDict>) -> PyResult<Value>,
) -> Outcome {
    let filename = program.path.display().to_string();
    let code = match pvm_frontend::compile(&program.source, &filename) {
        Ok(code) => code,
        Err(error) => {
            return Outcome {
                output: String::new(),
                error: Some(error.render()),
                elapsed: Duration::ZERO,
            }
        }
    };
    let captured = Captured::default();
    let mut interp = Interp::new(Box::new(captured.clone()));
    interp.cache.write = false;
    let seconds = program.args.time_limit;
    if seconds > 0.0 && seconds.is_finite() {
        interp.time_limit_seconds = seconds;
        let flag = interp.interrupt.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(seconds));
            flag.store(pvm_runtime::interrupt::TIME_LIMIT, Ordering::Relaxed);
        });
    }
    let globals =
        crate::runner::prepare_main(&mut interp, &program.path, &code, &program.source, &[]);
    let started = Instant::now();
    let result = go(&mut interp, RtCode::new(&code), globals);
    let elapsed = started.elapsed();
    let _ = interp.stdout.flush();
    let error = match result {
        Ok(_) => None,
        Err(error) => Some(pvm_runtime::traceback::render(&mut interp, &error)),
    };
    let output = String::from_utf8_lossy(&captured.0.borrow()).into_owned();
    Outcome {
        output,
        error,
        elapsed,
    }
}

fn backend(name: &str) -> &'static (dyn pvm_runtime::Backend + Sync) {
    let all = crate::runner::backends();
    all.iter()
        .find(|b| b.name() == name)
        .copied()
        .unwrap_or(all[0])
}

/// Sets the JIT up for the next run and forgets the last run's records.
fn configure_jit(program: &Program, count_instructions: bool, dump: Option<String>) {
    pvm_jit::configure(pvm_jit::Config {
        threshold: program
            .args
            .jit_threshold
            .unwrap_or(pvm_jit::DEFAULT_THRESHOLD),
        count_instructions,
        dump,
    });
    pvm_jit::stats::reset();
}

fn run_on(program: &Program, name: &str) -> Outcome {
    let backend = backend(name);
    run_with(program, |interp, code, globals| {
        pvm_runtime::frames::run_module(interp, backend, code, globals)
    })
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1e3)
}

const RUN_TITLE: &str = "6. Running: the virtual machine executes the bytecode";

pub fn run(program: &Program) -> Stage {
    let mut blocks = vec![Block::Text(
        "The program runs on each of pvm's backends. All of them execute the same bytecode \
         and call the same runtime for what each instruction means (what `+` does to two \
         ints, how a call binds its arguments); they differ only in how they get from one \
         instruction to the next. The switch is a loop around one `match` on the opcode, \
         like CPython's ceval; the threaded VM translates each code object once into \
         handler addresses that jump straight to the next one; the JIT starts in a warm-up \
         interpreter and compiles a code object to machine code once it has run past a \
         threshold of calls and loop iterations."
            .into(),
    )];
    let mut timed = Vec::new();
    for backend in crate::runner::backends() {
        if backend.name() == "jit" {
            configure_jit(program, false, None);
        }
        let outcome = run_on(program, backend.name());
        timed.push((backend.name(), backend.description(), outcome));
    }
    let reference = &timed[0].2;
    blocks.push(Block::Subheading("What the program printed".into()));
    blocks.push(output_block(reference));
    let differing: Vec<&str> = timed
        .iter()
        .filter(|(_, _, o)| o.output != reference.output || o.error != reference.error)
        .map(|(name, _, _)| *name)
        .collect();
    blocks.push(Block::Text(if differing.is_empty() {
        format!(
            "Every backend ({}) printed exactly this.",
            timed.iter().map(|t| t.0).collect::<Vec<_>>().join(", ")
        )
    } else {
        format!(
            "These backends printed something else, which is a bug in pvm: {}. Times below \
             compare different work.",
            differing.join(", ")
        )
    }));
    if timed
        .iter()
        .any(|(_, _, o)| o.elapsed.as_secs_f64() >= program.args.time_limit)
    {
        blocks.push(Block::Text(format!(
            "A run reached the time limit of {} s (`--time-limit`), so nothing was \
             counted: explain a program that finishes quickly.",
            program.args.time_limit
        )));
        return Stage {
            id: "run",
            title: RUN_TITLE.into(),
            blocks,
        };
    }
    blocks.push(Block::Subheading("Time per backend".into()));
    blocks.push(Block::Code(
        timed
            .iter()
            .map(|(name, description, outcome)| {
                Line::plain(format!(
                    "{name:<10}{:>12}   {description}",
                    ms(outcome.elapsed)
                ))
            })
            .collect(),
    ));
    blocks.push(Block::Text(
        "One run each, in this process, from the first instruction to the last (the JIT's \
         time includes compiling). A figure for a lecture, not a benchmark: `pvm compare` \
         repeats runs and reports their spread."
            .into(),
    ));
    blocks.extend(switch_counts(program));
    blocks.extend(jit_counts(program));
    Stage {
        id: "run",
        title: RUN_TITLE.into(),
        blocks,
    }
}

fn output_block(outcome: &Outcome) -> Block {
    let mut lines: Vec<Line> = outcome.output.lines().take(40).map(Line::plain).collect();
    let total = outcome.output.lines().count();
    if total > 40 {
        lines.push(Line::note(format!("... ({} more lines)", total - 40)));
    }
    if let Some(error) = &outcome.error {
        lines.extend(error.lines().map(Line::note));
    }
    if lines.is_empty() {
        lines.push(Line::note("(nothing)"));
    }
    Block::Code(lines)
}

/// The switch's counts: instructions, the ten most frequent opcodes, and
/// the superinstructions that fired.
fn switch_counts(program: &Program) -> Vec<Block> {
    let mut counts = pvm_switch::Counts::default();
    run_with(program, |interp, code, globals| {
        let (result, counted) =
            pvm_switch::run_watched(interp, code, globals, pvm_switch::Watch::counting());
        counts = counted;
        result
    });
    let total = counts.total();
    let lines_of_source = program
        .source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    let mut blocks = vec![
        Block::Subheading("Instructions executed".into()),
        Block::Text(format!(
            "Counted on the switch: {total} instructions executed, for a program of \
             {lines_of_source} non-blank lines. The virtual machine runs one instruction at \
             a time, not one line at a time: a loop's lines run again on every iteration, \
             and each line is several instructions. The ten most frequent:"
        )),
    ];
    let mut top: Vec<Line> = vec![Line::note(format!(
        "{:>10} {:>6}  {:<22} what it does",
        "executed", "share", "instruction"
    ))];
    for (op, count) in counts.instructions.iter().take(10) {
        top.push(Line::plain(format!(
            "{count:>10} {:>5.1}%  {:<22} {}",
            100.0 * *count as f64 / total.max(1) as f64,
            op.name(),
            op.doc()
        )));
    }
    blocks.push(Block::Code(top));
    blocks.push(Block::Subheading("Superinstructions that fired".into()));
    if counts.superinstructions.is_empty() {
        blocks.push(Block::Text(
            "None: no pair of instructions that pvm fuses ran here.".into(),
        ));
    } else {
        blocks.push(Block::Text(format!(
            "The switch fuses frequent pairs of adjacent instructions into one operation, \
             as CPython 3.11 does with LOAD_FAST__LOAD_FAST, so one dispatch runs both \
             (the threaded VM fuses the same pairs). It dispatched {} times for {total} \
             instructions:",
            counts.dispatches
        )));
        blocks.push(Block::Code(
            counts
                .superinstructions
                .iter()
                .map(|(name, count)| Line::plain(format!("{count:>10}  {name}")))
                .collect(),
        ));
    }
    blocks
}

/// How much of the run the JIT ran in compiled code.
fn jit_counts(program: &Program) -> Vec<Block> {
    configure_jit(program, true, None);
    run_on(program, "jit");
    let stats = pvm_jit::stats::take();
    let executed = stats.warm_instructions + stats.compiled_instructions;
    vec![
        Block::Subheading("Instructions that ran as machine code".into()),
        Block::Text(format!(
            "On the jit, {} of {executed} executed instructions ({:.1}%) ran in compiled \
             machine code and {} in its warm-up interpreter; code objects compiled: {}, \
             declined: {} (threshold: {} calls plus loop back-edges).",
            stats.compiled_instructions,
            100.0 * stats.compiled_share(),
            stats.warm_instructions,
            stats.compiled.len(),
            stats.declined.len(),
            program
                .args
                .jit_threshold
                .unwrap_or(pvm_jit::DEFAULT_THRESHOLD)
        )),
    ]
}

pub fn jit(program: &Program) -> Stage {
    let threshold = program
        .args
        .jit_threshold
        .unwrap_or(pvm_jit::DEFAULT_THRESHOLD);
    let mut blocks = vec![Block::Text(format!(
        "The JIT turns a hot code object into machine code for this processor: Cranelift \
         compiles it from its own intermediate representation (CLIF), which pvm builds \
         from the bytecode, one run of straight-line instructions at a time. Each ordinary \
         instruction becomes a few machine instructions inline (a local load, an int add); \
         these are guarded by checks of the values' types, and a failed guard calls the \
         same helper the interpreters use. Everything else always calls its helper. What is \
         gone is the dispatch: no fetching, decoding and jumping on the next opcode. A code \
         object is compiled after {threshold} calls plus loop back-edges \
         (`--jit-threshold`)."
    ))];
    configure_jit(program, false, None);
    run_on(program, "jit");
    let stats = pvm_jit::stats::take();
    let wanted = |qualname: &str| {
        program.args.function.as_deref().is_none_or(|f| {
            let name = qualname.rsplit('.').next().unwrap_or(qualname);
            super::stages::is_named(f, name, qualname)
        })
    };
    for declined in stats.declined.iter().filter(|d| wanted(&d.name)) {
        blocks.push(Block::Text(format!(
            "Declined {} (line {}): {}. It runs in the warm-up interpreter.",
            declined.name, declined.first_line, declined.reason
        )));
    }
    let compiled: Vec<_> = stats.compiled.iter().filter(|c| wanted(&c.name)).collect();
    if compiled.is_empty() {
        blocks.push(Block::Text(format!(
            "Nothing{} was compiled: no code object ran past the threshold of {threshold}. \
             `--jit-threshold 0` compiles every function at its first call.",
            program
                .args
                .function
                .as_deref()
                .map(|f| format!(" named {f}"))
                .unwrap_or_default()
        )));
    }
    for record in compiled {
        blocks.push(Block::Subheading(format!(
            "{} (line {}): compiled in {:.0} µs to {} bytes of machine code",
            record.name,
            record.first_line,
            record.compile_time.as_secs_f64() * 1e6,
            record.code_bytes
        )));
        blocks.push(Block::Text(format!(
            "{} instructions compiled: {} inline with their type guards, {} always through \
             their helper. The whole listing, with the IR after Cranelift's passes, is \
             `pvm run --backend jit --jit-dump {} {}`.",
            record.instructions,
            record.inline,
            record.helpers,
            record.name,
            program.path.display()
        )));
        configure_jit(program, false, Some(record.name.clone()));
        run_on(program, "jit");
        let dumps = pvm_jit::stats::take().dumps;
        match dumps.first() {
            Some(listing) => blocks.extend(super::jit_view::interleaved(listing)),
            None => blocks.push(Block::Text(
                "Its listing could not be captured: a second run did not compile it again.".into(),
            )),
        }
    }
    Stage {
        id: "jit",
        title: "7. The JIT: from bytecode to machine code".into(),
        blocks,
    }
}
