//! Standard-library modules that pvm writes in Python rather than Rust
//! (`bisect`, `abc`, `collections.abc`, ...): their source is built into the
//! binary and compiled by the shared front end when a program first imports
//! one, so every backend runs them like the program's own code.
//!
//! It holds only the sources; finding and running them is `importer.rs`.
//! A program's own module of the same name shadows these, as under CPython.

/// The Python source of the standard-library module `name`, if pvm has one.
pub fn source(name: &str) -> Option<&'static str> {
    Some(match name {
        "abc" => include_str!("python/abc.py"),
        "_ast" => include_str!("python/_ast.py"),
        "_codecs" => include_str!("python/_codecs.py"),
        "_weakref" => include_str!("python/_weakref.py"),
        "collections" => include_str!("python/collections.py"),
        "_hashlib" => include_str!("python/_hashlib.py"),
        "_pvm_terminal" => include_str!("python/_pvm_terminal.py"),
        "_contextvars" => include_str!("python/_contextvars.py"),
        "collections.abc" => include_str!("python/collections_abc.py"),
        "dataclasses" => include_str!("python/dataclasses.py"),
        "functools" => include_str!("python/functools.py"),
        "importlib" => include_str!("python/importlib.py"),
        "importlib.machinery" => include_str!("python/importlib_machinery.py"),
        "io" => include_str!("python/io.py"),
        "types" => include_str!("python/types.py"),
        _ => return None,
    })
}

/// Another name for one of these modules: the same module object under
/// both (CPython's `collections.abc` re-exports `_collections_abc`, which
/// its library imports directly).
pub fn alias(name: &str) -> Option<&'static str> {
    match name {
        "_collections_abc" => Some("collections.abc"),
        _ => None,
    }
}
