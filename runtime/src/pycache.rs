//! `__pycache__`: where cache files live, when they are trusted, and how
//! they are written, following CPython's `importlib` rules with pvm's own
//! tag (`m.pvm-1.pyc`, so CPython's `m.cpython-311.pyc` is never touched).
//!
//! A cache file is used only if its magic number is this pvm's, it parses
//! and verifies, and it matches the source (mtime and size, or a hash of
//! the source, by the file's own flags). Anything else means recompile and
//! rewrite. Writes go to a temporary file renamed into place, so readers
//! never see half a file; failing to write (a read-only folder) is silent.
//! The byte format is `pvm_frontend::pyc`.

use pvm_frontend::pyc::{self, Header, PycError, Validation};
use pvm_frontend::{CodeObject, LocatedError};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::UNIX_EPOCH;

/// pvm's cache tag: `__pycache__/NAME.pvm-1.pyc`.
pub const TAG: &str = "pvm-1";

/// How cache files prove they match their source (`--invalidation-mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InvalidationMode {
    #[default]
    Timestamp,
    CheckedHash,
    UncheckedHash,
}

impl InvalidationMode {
    pub fn parse(text: &str) -> Option<InvalidationMode> {
        match text {
            "timestamp" => Some(InvalidationMode::Timestamp),
            "checked-hash" => Some(InvalidationMode::CheckedHash),
            "unchecked-hash" => Some(InvalidationMode::UncheckedHash),
            _ => None,
        }
    }
}

/// The run's cache settings (`-B`, `--pycache-prefix`, `-v`, ...).
#[derive(Clone, Debug, Default)]
pub struct CacheOptions {
    /// `false` with `-B` or `PVM_DONT_WRITE_BYTECODE`.
    pub write: bool,
    /// `--pycache-prefix` / `PVM_PYCACHE_PREFIX`: one tree for all caches.
    pub prefix: Option<PathBuf>,
    pub mode: InvalidationMode,
    /// `-v`: say every import decision on stderr.
    pub verbose: bool,
}

/// Where the cache file of `source` lives.
pub fn cache_path(source: &Path, prefix: Option<&Path>) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = format!("{stem}.{TAG}.pyc");
    let folder = source.parent().unwrap_or(Path::new(""));
    match prefix {
        Some(prefix) => {
            let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
            let relative: PathBuf = absolute
                .components()
                .filter(|c| matches!(c, std::path::Component::Normal(_)))
                .collect();
            prefix.join(relative).join(file)
        }
        None => folder.join("__pycache__").join(file),
    }
}

/// A compiled module and what it was compiled from.
pub struct Loaded {
    pub code: Rc<CodeObject>,
    pub source: String,
}

/// Why a module could not be compiled or read.
pub enum LoadError {
    Io(std::io::Error),
    Syntax(LocatedError),
    /// The source is not UTF-8: CPython's message.
    Encoding(String),
}

fn say(options: &CacheOptions, message: impl FnOnce() -> String) {
    if options.verbose {
        eprintln!("{}", message());
    }
}

/// Reads a source file as CPython does (UTF-8, or the PEP 263 error).
pub fn read_source(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(LoadError::Io)?;
    String::from_utf8(bytes).map_err(|e| {
        let position = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[position];
        LoadError::Encoding(format!(
            "Non-UTF-8 code starting with '\\x{byte:02x}' in file {} on line {}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
            path.display(),
            e.as_bytes()[..position].iter().filter(|b| **b == b'\n').count() + 1
        ))
    })
}

/// The header fields a cache file written now in `mode` would hold.
pub fn validation_for(mode: InvalidationMode, source: &str, mtime: u32) -> Validation {
    match mode {
        InvalidationMode::Timestamp => Validation::Timestamp {
            mtime,
            size: source.len() as u32,
        },
        InvalidationMode::CheckedHash | InvalidationMode::UncheckedHash => Validation::Hash {
            hash: pyc::fnv1a(source.as_bytes()),
            check: mode == InvalidationMode::CheckedHash,
        },
    }
}

/// The source's modification time in whole seconds (0 if unknown).
pub fn mtime_of(path: &Path) -> u32 {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as u32)
}

/// Why a cache file is not used, for `-v` (and `pvm explain`); `None`
/// when it matches the source.
pub fn stale_reason(header: &Header, source: &str, mtime: u32) -> Option<&'static str> {
    match header.validation {
        Validation::Timestamp {
            mtime: cached,
            size,
        } => {
            if cached != mtime {
                Some("source mtime changed")
            } else if size != source.len() as u32 {
                Some("source size changed")
            } else {
                None
            }
        }
        Validation::Hash { hash, check: true } => {
            (hash != pyc::fnv1a(source.as_bytes())).then_some("source hash changed")
        }
        Validation::Hash { check: false, .. } => None,
    }
}

/// The code of the module in `source_path` (named `name` in messages):
/// from its cache file when that is valid, else compiled and cached.
pub fn load(name: &str, source_path: &Path, options: &CacheOptions) -> Result<Loaded, LoadError> {
    load_with_fallback(name, source_path, options, None)
}

/// `load`, with a second place for the cache file (a standard-library
/// module's per-user cache): read when the first holds no usable file,
/// written when the first cannot be written.
pub fn load_with_fallback(
    name: &str,
    source_path: &Path,
    options: &CacheOptions,
    fallback: Option<PathBuf>,
) -> Result<Loaded, LoadError> {
    let source = read_source(source_path)?;
    let mtime = mtime_of(source_path);
    let primary = cache_path(source_path, options.prefix.as_deref());
    let fallback = fallback.filter(|_| options.prefix.is_none());
    for cache in std::iter::once(&primary).chain(fallback.as_ref()) {
        if let Some(code) = read_cache(name, cache, &source, mtime, options) {
            return Ok(Loaded { code, source });
        }
    }
    let filename = source_path.display().to_string();
    let code = pvm_frontend::compile(&source, &filename).map_err(LoadError::Syntax)?;
    if options.write {
        let header = Header {
            validation: validation_for(options.mode, &source, mtime),
        };
        let bytes = pyc::serialize(&header, &code);
        for cache in std::iter::once(&primary).chain(fallback.as_ref()) {
            let shown = cache.display();
            match write_atomically(cache, &bytes) {
                Ok(()) => {
                    say(options, || format!("# wrote {shown}"));
                    break;
                }
                Err(error) => say(options, || format!("# could not write {shown}: {error}")),
            }
        }
    }
    Ok(Loaded { code, source })
}

/// The code in the cache file `cache` if it is this pvm's and matches the
/// source; says why not under `-v`.
fn read_cache(
    name: &str,
    cache: &Path,
    source: &str,
    mtime: u32,
    options: &CacheOptions,
) -> Option<Rc<CodeObject>> {
    let shown = cache.display();
    match std::fs::read(cache) {
        Ok(bytes) => match pyc::deserialize(&bytes) {
            Ok((header, code)) => match stale_reason(&header, source, mtime) {
                None => {
                    say(options, || format!("# code object from {shown}"));
                    return Some(code);
                }
                Some(reason) => say(options, || {
                    format!("# bytecode is stale for {name} ({reason}); recompiling")
                }),
            },
            Err(PycError::BadMagic) => say(options, || {
                format!("# {shown} is not from this pvm (bad magic number); recompiling")
            }),
            Err(error) => say(options, || {
                format!("# {shown} is unusable ({error}); recompiling")
            }),
        },
        Err(_) => say(options, || format!("# no cache file for {name} at {shown}")),
    }
    None
}

/// Compiles `source_path` and writes its cache file unconditionally
/// (`pvm compile`). Returns the cache file's path.
pub fn compile_file(source_path: &Path, options: &CacheOptions) -> Result<PathBuf, LoadError> {
    let source = read_source(source_path)?;
    let mtime = mtime_of(source_path);
    let filename = source_path.display().to_string();
    let code = pvm_frontend::compile(&source, &filename).map_err(LoadError::Syntax)?;
    let cache = cache_path(source_path, options.prefix.as_deref());
    let header = Header {
        validation: validation_for(options.mode, &source, mtime),
    };
    write_atomically(&cache, &pyc::serialize(&header, &code)).map_err(LoadError::Io)?;
    Ok(cache)
}

/// Writes `bytes` to a temporary file beside `path` and renames it into
/// place, so a reader sees the old file or the whole new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let unique = format!(
        "{}.{}.{}.tmp",
        path.display(),
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    let temporary = PathBuf::from(unique);
    let written = std::fs::write(&temporary, bytes).and_then(|_| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}
