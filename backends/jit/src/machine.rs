//! The Cranelift side of the JIT: one `JITModule` per thread that runs
//! Python, the compilation context reused from one function to the next,
//! and the machine-code listing `--jit-dump` prints (disassembled with
//! capstone, each range labelled with the bytecode offset it came from).
//!
//! Compiled code is never freed: it lives as long as the thread, like the
//! code objects it belongs to. This module translates nothing itself.

use crate::jitcode::Decline;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Module};
use std::cell::RefCell;

pub(crate) struct Machine {
    pub module: JITModule,
    pub context: Context,
    pub builder: FunctionBuilderContext,
}

thread_local! {
    static MACHINE: RefCell<Option<Result<Machine, String>>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's machine, made on first use.
pub(crate) fn with<R>(f: impl FnOnce(&mut Machine) -> Result<R, Decline>) -> Result<R, Decline> {
    MACHINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let machine = slot.get_or_insert_with(Machine::new);
        match machine {
            Ok(machine) => f(machine),
            Err(why) => Err(Decline::NoTarget(why.clone())),
        }
    })
}

impl Machine {
    fn new() -> Result<Machine, String> {
        let mut flags = settings::builder();
        let set = |flags: &mut settings::Builder, name: &str, value: &str| {
            flags
                .set(name, value)
                .map_err(|error| format!("setting {name}: {error}"))
        };
        // Measured with callgrind on the bench suite: Cranelift's e-graph
        // optimiser only rematerialises the frame address into every
        // block here (int_loop runs 12% more instructions with it), and
        // the single-pass register allocator compiles a third faster but
        // spills the frame address around every instruction (1.8× the
        // instructions of the backtracking allocator's code).
        set(&mut flags, "opt_level", "none")?;
        set(&mut flags, "regalloc_algorithm", "backtracking")?;
        set(&mut flags, "is_pic", "false")?;
        set(&mut flags, "use_colocated_libcalls", "false")?;
        set(&mut flags, "preserve_frame_pointers", "true")?;
        // Test builds check every function Cranelift is given.
        let verify = if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        };
        set(&mut flags, "enable_verifier", verify)?;
        let isa = cranelift_native::builder()
            .map_err(|error| error.to_string())?
            .finish(settings::Flags::new(flags))
            .map_err(|error| error.to_string())?;
        let module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
        let context = module.make_context();
        Ok(Machine {
            module,
            context,
            builder: FunctionBuilderContext::new(),
        })
    }
}

/// The machine code just compiled in `context` (with `set_disasm`), one
/// instruction per line, each run of instructions headed by the bytecode
/// offset it came from. The entry's jump table (`table_entries` 4-byte
/// offsets after its indirect jump) is data and is skipped.
pub(crate) fn listing(
    machine: &Machine,
    table_entries: usize,
    offsets: &dyn Fn(u32) -> String,
) -> String {
    use std::fmt::Write;
    let Some(compiled) = machine.context.compiled_code() else {
        return "  (no machine code)\n".into();
    };
    let capstone = match machine.module.isa().to_capstone() {
        Ok(capstone) => capstone,
        Err(error) => return format!("  (no disassembler for this machine: {error})\n"),
    };
    let bytes = compiled.code_buffer();
    let ranges = compiled.buffer.get_srclocs_sorted();
    let origin_at = |address: u32| {
        ranges
            .iter()
            .find(|r| r.start <= address && address < r.end && !r.loc.is_default())
            .map(|r| r.loc.bits())
    };
    let mut out = String::new();
    let mut last: Option<Option<u32>> = None;
    let mut address = 0usize;
    while address < bytes.len() {
        let Ok(decoded) = capstone.disasm_count(&bytes[address..], address as u64, 1) else {
            break;
        };
        let Some(instruction) = decoded.iter().next() else {
            let _ = writeln!(out, "  {address:#07x}  (undecodable byte)");
            address += 1;
            continue;
        };
        let origin = origin_at(address as u32);
        if last != Some(origin) {
            match origin {
                Some(offset) => {
                    let _ = writeln!(out, "  ; bytecode {}", offsets(offset));
                }
                None => {
                    let _ = writeln!(out, "  ; entry and exits");
                }
            }
            last = Some(origin);
        }
        let (mnemonic, operands) = (
            instruction.mnemonic().unwrap_or(""),
            instruction.op_str().unwrap_or(""),
        );
        let _ = writeln!(out, "  {address:#07x}  {mnemonic:<8} {operands}");
        address += instruction.bytes().len().max(1);
        if origin.is_none() && mnemonic.starts_with("jmp") && operands.starts_with('*') {
            let table = (table_entries * 4).min(bytes.len() - address);
            let _ = writeln!(
                out,
                "  {address:#07x}  (jump table: {table_entries} entries, {table} bytes)"
            );
            address += table;
        }
    }
    out
}
