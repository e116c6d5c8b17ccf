//! The stages of `pvm explain` that need no running program: tokens, the
//! syntax tree, the symbol table, the bytecode and the cache file.
//!
//! Each builds a `Stage` from what the front end and the cache-file writer
//! produce (`pvm_frontend::explain`, the disassembler, `pyc`, `pycache`);
//! none of them parses, compiles or serialises anything itself.

use super::{Block, Line, Program, Stage};
use pvm_frontend::pyc::{self, Header, Validation};
use pvm_frontend::CodeObject;
use pvm_runtime::pycache;

pub fn tokens(program: &Program) -> Stage {
    let tokens = program.parsed.tokens();
    let lines = tokens
        .iter()
        .map(|token| {
            let place = format!(
                "{},{}-{},{}:",
                token.start.0, token.start.1, token.end.0, token.end.1
            );
            Line::plain(format!(
                "{place:<20}{:<15}{}",
                token.kind,
                pvm_frontend::float_repr::str_repr(&token.text)
            ))
        })
        .collect();
    Stage {
        id: "tokens",
        title: "1. Tokens: the text cut into words".into(),
        blocks: vec![
            Block::Text(format!(
                "The tokenizer reads the source as characters and cuts it into {} tokens: \
                 names (keywords are names too), numbers, strings, operators, and the NEWLINE, \
                 INDENT and DEDENT tokens that carry Python's layout. The parser reads these, \
                 never the characters. Listed as `python -m tokenize` lists them: \
                 start line,column - end line,column, type, text.",
                tokens.len()
            )),
            Block::Code(lines),
        ],
    }
}

pub fn ast(program: &Program) -> Stage {
    let mut last_line = 0;
    let lines = program
        .parsed
        .tree()
        .into_iter()
        .map(|node| {
            let line = if node.line != last_line {
                last_line = node.line;
                format!("{:>4}", node.line)
            } else {
                "    ".into()
            };
            let indent = "  ".repeat(node.depth);
            Line::plain(
                format!("{line}  {indent}{} {}", node.kind, node.detail)
                    .trim_end()
                    .to_string(),
            )
        })
        .collect();
    Stage {
        id: "ast",
        title: "2. Abstract syntax tree: the tokens as a structure".into(),
        blocks: vec![
            Block::Text(
                "The parser arranges the tokens into a tree of statements and expressions, \
                 with the node names of Python's `ast` module. Brackets, colons and \
                 indentation are gone: the shape of the tree says what they said. The left \
                 column is the source line where a node starts."
                    .into(),
            ),
            Block::Code(lines),
        ],
    }
}

pub fn symbols(program: &Program) -> Stage {
    let scopes = match program.parsed.symbols() {
        Ok(scopes) => scopes,
        Err(message) => {
            return Stage {
                id: "symbols",
                title: "3. Symbols: where each name lives".into(),
                blocks: vec![Block::Text(format!(
                    "The symbol table could not be built: {message}"
                ))],
            }
        }
    };
    let mut blocks = vec![Block::Text(
        "Before any code is generated, the compiler decides for every name in every scope \
         where its value will live at run time. A local is a numbered slot in the frame \
         (LOAD_FAST); a global is looked up by name in the module's dictionary, then in the \
         builtins (LOAD_GLOBAL, LOAD_NAME); a cell holds a local that an inner function \
         captures, and the inner function sees it as a free variable (LOAD_DEREF)."
            .into(),
    )];
    for scope in scopes {
        blocks.push(Block::Subheading(format!(
            "{} {} (line {})",
            scope.kind, scope.name, scope.line
        )));
        if scope.symbols.is_empty() {
            blocks.push(Block::Text("No names.".into()));
            continue;
        }
        let width = scope
            .symbols
            .iter()
            .map(|s| s.name.len())
            .max()
            .unwrap_or(0);
        blocks.push(Block::Code(
            scope
                .symbols
                .iter()
                .map(|symbol| {
                    Line::plain(format!(
                        "{:<width$}  {:<18} {}",
                        symbol.name, symbol.scope, symbol.why
                    ))
                })
                .collect(),
        ));
    }
    Stage {
        id: "symbols",
        title: "3. Symbols: where each name lives".into(),
        blocks,
    }
}

/// The code objects the bytecode and JIT stages show: all of them, or the
/// function `--function` names.
pub fn chosen_code(program: &Program) -> Vec<&CodeObject> {
    let mut all = Vec::new();
    collect(&program.code, &mut all);
    match program.args.function.as_deref() {
        Some(name) => all
            .into_iter()
            .filter(|code| is_named(name, &code.name, &code.qualname))
            .take(1)
            .collect(),
        None => all,
    }
}

/// Whether `--function wanted` names the code object called `name` with
/// qualified name `qualname` (`outer.inner` names `outer.<locals>.inner`).
pub fn is_named(wanted: &str, name: &str, qualname: &str) -> bool {
    wanted == name
        || wanted == qualname
        || wanted == qualname.replace(".<locals>", "")
        || wanted.rsplit('.').next() == Some(name) && qualname.ends_with(wanted)
}

fn collect<'c>(code: &'c CodeObject, into: &mut Vec<&'c CodeObject>) {
    into.push(code);
    for nested in code.nested_code() {
        collect(nested, into);
    }
}

pub fn bytecode(program: &Program) -> Stage {
    let source_lines: Vec<&str> = program.source.lines().collect();
    let mut blocks = vec![Block::Text(
        "The compiler turns each function (and the module's own top-level code) into a code \
         object: a list of instructions for the Python virtual machine, with tables of the \
         constants and names they refer to. Each source line is quoted above the \
         instructions made from it; one line usually becomes several instructions. Columns: \
         source line, `>>` for a jump target, offset (the instruction's index in the code), \
         operation, argument, and what the argument means. This is the listing `pvm dis` \
         prints."
            .into(),
    )];
    let chosen = chosen_code(program);
    if chosen.is_empty() {
        blocks.push(Block::Text(format!(
            "No code object is named {}.",
            program.args.function.as_deref().unwrap_or_default()
        )));
    }
    for code in chosen {
        blocks.push(Block::Subheading(format!(
            "code object {} (line {}): {} instructions, up to {} values on its stack",
            code.qualname,
            code.first_line,
            code.decoded().count(),
            code.max_stack
        )));
        let quote = |line: u32| {
            let text = source_lines.get((line as usize).checked_sub(1)?)?;
            Some(format!("# {line}: {}", text.trim()))
        };
        let listing = pvm_frontend::dis::disassemble_with_source(code, &quote);
        blocks.push(Block::Code(
            listing
                .lines()
                .map(|line| {
                    if line.starts_with("# ") {
                        Line::source(line)
                    } else if line.starts_with("ExceptionTable:") || line.starts_with("Disassembly")
                    {
                        Line::note(line)
                    } else {
                        Line::plain(line)
                    }
                })
                .collect(),
        ));
        blocks.push(Block::Text(if code.exception_table.is_empty() {
            "Exception table: empty. No instruction here is inside a `try` (or a `with`), so \
             an exception raised here leaves the function at once."
                .into()
        } else {
            "Exception table: each row is a range of offsets `start to end -> handler \
             [stack depth]`. Nothing runs on entering a `try`; only when an instruction in a \
             range raises does the PVM look the offset up here, cut the stack to that depth \
             and jump to the handler."
                .into()
        }));
    }
    Stage {
        id: "bytecode",
        title: "4. Bytecode: instructions for the Python virtual machine".into(),
        blocks,
    }
}

pub fn pyc(program: &Program) -> Stage {
    let path = &program.path;
    let mtime = pycache::mtime_of(path);
    let header = Header {
        validation: pycache::validation_for(
            pycache::InvalidationMode::Timestamp,
            &program.source,
            mtime,
        ),
    };
    let bytes = pyc::serialize(&header, &program.code);
    let cache = pycache::cache_path(path, None);
    let module = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut blocks = vec![
        Block::Text(format!(
            "`import {module}` would compile this file and save the code objects in \
             `{}`, so the next import can skip the tokenizer, parser and compiler. Running \
             the file as the main program (`pvm run {}`, like `python {}`) compiles it every \
             time and writes no cache file: only imported modules are cached. Here is that \
             file, {} bytes, made in memory (nothing was written).",
            cache.display(),
            path.display(),
            path.display(),
            bytes.len()
        )),
        Block::Subheading("The 16-byte header".into()),
        Block::Code(header_lines(&bytes, mtime, &program.source)),
        Block::Subheading("The start of the body: the module's code object".into()),
        Block::Code(body_lines(&bytes, &program.code)),
    ];
    let readback = match pyc::deserialize(&bytes) {
        Ok(_) => "Read back, the file passes every check pvm makes before running a cache \
                  file: magic number, checksum, and the verifier (operands, jump targets, \
                  stack depths)."
            .to_string(),
        Err(error) => format!("Read back, pvm rejects this file: {error}."),
    };
    blocks.push(Block::Text(readback));
    blocks.push(Block::Subheading("What makes it stale".into()));
    blocks.push(Block::Text(stale_text(
        &header,
        &program.source,
        mtime,
        &module,
    )));
    Stage {
        id: "pyc",
        title: "5. The .pyc file: compiled code saved in __pycache__".into(),
        blocks,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn header_lines(bytes: &[u8], mtime: u32, source: &str) -> Vec<Line> {
    let word =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let magic = pyc::magic();
    let row = |range: &str, at: usize, what: String| {
        Line::plain(format!("{range:<8}{:<14}{what}", hex(&bytes[at..at + 4])))
    };
    vec![
        Line::note(format!("{:<8}{:<14}{}", "bytes", "hex", "field")),
        row(
            "0..4",
            0,
            format!(
                "magic: \"pv\" and 0x{:04x}, a hash of the file format's version and of \
                 the instruction table ({} opcodes); a pvm with other opcodes refuses it",
                u16::from_le_bytes([magic[2], magic[3]]),
                pvm_frontend::Opcode::ALL.len()
            ),
        ),
        row(
            "4..8",
            4,
            format!(
                "flags: {} = checked by the source's mtime and size",
                word(4)
            ),
        ),
        row(
            "8..12",
            8,
            format!("source mtime: {} ({})", word(8), utc(mtime as u64)),
        ),
        row(
            "12..16",
            12,
            format!(
                "source size: {} bytes (the file is {} bytes)",
                word(12),
                source.len()
            ),
        ),
    ]
}

fn body_lines(bytes: &[u8], code: &CodeObject) -> Vec<Line> {
    let mut lines = vec![Line::note(format!(
        "{:<10}{:<28}{}",
        "bytes", "hex (first 8)", "what: value"
    ))];
    for part in pyc::layout(code) {
        let (start, end) = (part.start.min(bytes.len()), part.end.min(bytes.len()));
        let shown = &bytes[start..end.min(start + 8)];
        let more = if end - start > 8 { " .." } else { "" };
        let value: String = if part.value.chars().count() > 60 {
            part.value.chars().take(57).chain("...".chars()).collect()
        } else {
            part.value
        };
        lines.push(Line::plain(format!(
            "{:<10}{:<28}{}: {value}",
            format!("{start}..{end}"),
            format!("{}{more}", hex(shown)),
            part.what
        )));
    }
    lines.push(Line::note(
        "(numbers are LEB128 varints; a string is its length times 2, then its bytes, \
         or an odd number: a reference to a string already written)",
    ));
    lines
}

fn stale_text(header: &Header, source: &str, mtime: u32, module: &str) -> String {
    let Validation::Timestamp { size, .. } = header.validation else {
        return String::new();
    };
    let edited = format!("{source}\n");
    let after_edit =
        pycache::stale_reason(header, &edited, mtime.wrapping_add(1)).unwrap_or("still fresh");
    let touched =
        pycache::stale_reason(header, source, mtime.wrapping_add(1)).unwrap_or("still fresh");
    let hash = pyc::fnv1a(source.as_bytes());
    format!(
        "On the next `import {module}`, pvm compares the header with the source file's \
         metadata and never with its text: the cache is used while the source's mtime is \
         still {mtime} and its size still {size} bytes. Save an edit and it is stale \
         (pvm_runtime::pycache says \"{after_edit}\"); even `touch`ing the file unchanged \
         makes it stale (\"{touched}\"). A stale or unreadable file is simply recompiled and \
         rewritten; `pvm run -v` prints each of these decisions. With \
         `--invalidation-mode checked-hash` the header would hold flags 3 and a 64-bit hash \
         of the source, 0x{hash:016x}, which is checked against the source's text on every \
         import; with `unchecked-hash` (flags 1) the file is trusted as long as it exists."
    )
}

/// A Unix time as `YYYY-MM-DD HH:MM:SS UTC`.
fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}
