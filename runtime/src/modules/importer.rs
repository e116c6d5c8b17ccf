//! The import system: `IMPORT_NAME` as CPython's `__import__` does it.
//! Absolute and relative names, packages (`pkg/__init__.py`, `__path__`),
//! `sys.path` searched in order (the script's folder first), one module
//! object per name for the whole run (`sys.modules`), a module registered
//! before its body runs (so circular imports see it partly initialised), and
//! CPython's `ImportError`/`ModuleNotFoundError` messages.
//!
//! Compiling and caching is `pycache`'s job; running the module body is the
//! backend's, through `frames::call_function`.

use super::PyModule;
use crate::exceptions::{PyErr, PyResult};
use crate::pycache::{self, LoadError};
use crate::types;
use crate::value::{PyDict, PyStr, Value};
use crate::{intern, Interp};
use std::path::{Path, PathBuf};
use std::rc::Rc;

fn import_error(message: String) -> PyErr {
    PyErr::with_message(&types::IMPORT_ERROR, message)
}

/// `ModuleNotFoundError` for `name`; without a standard library the
/// message says how to get one.
fn not_found(interp: &Interp, name: &str) -> PyErr {
    let hint = match interp.stdlib {
        Some(_) => String::new(),
        None => super::stdlib::missing_hint(),
    };
    let error = PyErr::with_message(
        &types::MODULE_NOT_FOUND_ERROR,
        format!("No module named '{name}'{hint}"),
    );
    error
        .0
        .exception
        .attrs
        .set_str(&intern("name"), Value::str(name));
    error
}

/// `IMPORT_NAME`: imports `name` (relative to the importing module's
/// package when `level > 0`) and returns the module, or its top-level
/// package when there is no from-list.
pub fn import_name(
    interp: &mut Interp,
    globals: &PyDict,
    name: &Rc<PyStr>,
    level: &Value,
    fromlist: &Value,
) -> PyResult<Value> {
    let level = match level {
        Value::Int(l) if *l >= 0 => *l as usize,
        _ => 0,
    };
    let absolute = if level > 0 {
        resolve_relative(globals, name.as_str(), level)?
    } else {
        name.as_str().to_string()
    };
    if absolute.is_empty() {
        return Err(crate::exceptions::value_error("Empty module name"));
    }
    let module = import_module(interp, &absolute)?;
    let names: Vec<Value> = match fromlist {
        Value::Tuple(t) => t.items.to_vec(),
        _ => Vec::new(),
    };
    if names.is_empty() {
        if level == 0 {
            let top = absolute.split('.').next().unwrap_or(&absolute);
            return Ok(interp.module(top).unwrap_or(module));
        }
        return Ok(module);
    }
    // `from package import submodule` imports the submodule.
    if let Value::Module(m) = &module {
        if m.dict.get_str(&intern("__path__")).is_some() {
            for item in names {
                let Value::Str(item) = item else { continue };
                if item.as_str() == "*" || m.dict.get_str(&item).is_some() {
                    continue;
                }
                let sub = format!("{absolute}.{}", item.as_str());
                match import_module(interp, &sub) {
                    Ok(_) => {}
                    Err(e) if e.is(&types::MODULE_NOT_FOUND_ERROR) && missing_is(&e, &sub) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(module)
}

fn missing_is(error: &PyErr, name: &str) -> bool {
    matches!(error.0.exception.attrs.get_str(&intern("name")), Some(Value::Str(n)) if n.as_str() == name)
}

/// The absolute name of a relative import from a module with `globals`.
fn resolve_relative(globals: &PyDict, name: &str, level: usize) -> PyResult<String> {
    let package = match globals.get_str(&intern("__package__")) {
        Some(Value::Str(p)) => p.as_str().to_string(),
        _ => {
            let module_name = match globals.get_str(&intern("__name__")) {
                Some(Value::Str(n)) => n.as_str().to_string(),
                _ => String::new(),
            };
            if globals.get_str(&intern("__path__")).is_some() {
                module_name
            } else {
                module_name
                    .rsplit_once('.')
                    .map_or(String::new(), |(p, _)| p.to_string())
            }
        }
    };
    if package.is_empty() {
        return Err(import_error(
            "attempted relative import with no known parent package".into(),
        ));
    }
    let parts: Vec<&str> = package.rsplitn(level, '.').collect();
    if parts.len() < level {
        return Err(import_error(
            "attempted relative import beyond top-level package".into(),
        ));
    }
    let base = parts[level - 1];
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}

/// The folders `sys.path` lists now.
fn search_path(interp: &Interp) -> Vec<PathBuf> {
    match &interp.path_list {
        Some(Value::List(list)) => list
            .iter_items()
            .filter_map(|v| v.as_str().map(PathBuf::from))
            .collect(),
        _ => interp.search_path.clone(),
    }
}

/// Imports the module with absolute name `name` (and its parents).
pub fn import_module(interp: &mut Interp, name: &str) -> PyResult<Value> {
    if let Some(module) = interp.module(name) {
        return Ok(module);
    }
    if let Some(target) = super::python::alias(name) {
        let module = import_module(interp, target)?;
        interp.set_module(name, module.clone());
        return Ok(module);
    }
    let (parent, leaf) = match name.rsplit_once('.') {
        Some((parent, leaf)) => (Some(parent), leaf),
        None => (None, name),
    };
    let folders = match parent {
        Some(parent) => {
            let parent_module = import_module(interp, parent)?;
            if let Some(module) = interp.module(name) {
                return Ok(module);
            }
            match &parent_module {
                Value::Module(m) => match m.dict.get_str(&intern("__path__")) {
                    Some(Value::List(paths)) => paths
                        .iter_items()
                        .filter_map(|v| v.as_str().map(PathBuf::from))
                        .collect(),
                    _ => {
                        if let Some(source) = super::python::source(name) {
                            return load_frozen(interp, name, source);
                        }
                        return Err(PyErr::with_message(
                            &types::MODULE_NOT_FOUND_ERROR,
                            format!("No module named '{name}'; '{parent}' is not a package"),
                        ));
                    }
                },
                _ => Vec::new(),
            }
        }
        None => {
            if let Some(module) = super::builtin_module(interp, name) {
                interp.set_module(name, module.clone());
                return Ok(module);
            }
            search_path(interp)
        }
    };
    let mut found = find_in(&folders, leaf);
    if found.is_none() {
        if parent.is_none() {
            if let Some(module) = super::stdlib_module(interp, name) {
                interp.set_module(name, module.clone());
                return Ok(module);
            }
        }
        if let Some(source) = super::python::source(name) {
            return load_frozen(interp, name, source);
        }
        if parent.is_none() {
            found = interp
                .stdlib
                .as_ref()
                .and_then(|dir| find_in(std::slice::from_ref(dir), leaf));
        }
    }
    let Some((path, is_package)) = found else {
        return Err(not_found(interp, name));
    };
    let module = load_source(interp, name, &path, is_package)?;
    if let (Some(parent), Value::Module(_)) = (parent, &module) {
        if let Some(Value::Module(p)) = interp.module(parent) {
            p.dict.set_str(&intern(leaf), module.clone());
        }
    }
    Ok(module)
}

/// The first of `folders` that holds the package or module `leaf`: its
/// file, and whether it is a package.
fn find_in(folders: &[PathBuf], leaf: &str) -> Option<(PathBuf, bool)> {
    folders.iter().find_map(|folder| {
        let package = folder.join(leaf).join("__init__.py");
        if package.is_file() {
            return Some((package, true));
        }
        let module = folder.join(format!("{leaf}.py"));
        module.is_file().then_some((module, false))
    })
}

/// Runs a standard-library module that pvm writes in Python (see
/// `python.rs`) under `name`, and binds it in its parent package or module.
/// Like CPython's frozen modules it has no file, so tracebacks through it
/// show no source lines.
fn load_frozen(interp: &mut Interp, name: &str, source: &str) -> PyResult<Value> {
    let filename = format!("<frozen {name}>");
    let code = pvm_frontend::compile(source, &filename)
        .map_err(|e| load_error(LoadError::Syntax(e), Path::new(&filename)))?;
    let globals = crate::module_globals(name);
    let package = name.rsplit_once('.').map_or("", |(p, _)| p);
    globals.set_str(&intern("__package__"), Value::str(package));
    let module = execute(interp, name, &code, globals, None)?;
    if let Some((parent, leaf)) = name.rsplit_once('.') {
        if let Some(Value::Module(p)) = interp.module(parent) {
            p.dict.set_str(&intern(leaf), module.clone());
        }
    }
    Ok(module)
}

/// Runs the module in `path` under `name`.
fn load_source(interp: &mut Interp, name: &str, path: &Path, is_package: bool) -> PyResult<Value> {
    if interp.cache.verbose {
        eprintln!("# {} matches {}", name, path.display());
    }
    // A standard-library tree that is not writable keeps pvm's cache files
    // in the per-user cache instead.
    let fallback = interp
        .stdlib
        .as_ref()
        .filter(|dir| path.starts_with(dir))
        .and_then(|_| super::stdlib::user_cache_path(path));
    let loaded = pycache::load_with_fallback(name, path, &interp.cache, fallback)
        .map_err(|e| load_error(e, path))?;
    let filename = loaded.code.filename.clone();
    interp.add_source(&filename, &loaded.source);
    let globals = crate::module_globals(name);
    globals.set_str(&intern("__file__"), Value::str(path.display().to_string()));
    let package = if is_package {
        let folder = path.parent().unwrap_or(Path::new("."));
        globals.set_str(
            &intern("__path__"),
            Value::list(vec![Value::str(folder.display().to_string())]),
        );
        name.to_string()
    } else {
        name.rsplit_once('.')
            .map_or(String::new(), |(p, _)| p.to_string())
    };
    globals.set_str(&intern("__package__"), Value::str(package));
    execute(interp, name, &loaded.code, globals, Some(path))
}

/// Registers the module `name` with namespace `globals` and runs `code` in
/// it; a module whose body fails is forgotten again, as in CPython.
fn execute(
    interp: &mut Interp,
    name: &str,
    code: &Rc<pvm_frontend::CodeObject>,
    globals: Rc<PyDict>,
    path: Option<&Path>,
) -> PyResult<Value> {
    let module = Value::Module(Rc::new(PyModule {
        name: intern(name),
        dict: globals.clone(),
        file: path.map(|p| p.display().to_string().into()),
    }));
    interp.set_module(name, module.clone());
    let initializing = intern("__pvm_initializing__");
    globals.set_str(&initializing, Value::Bool(true));
    let function = crate::call::module_function(crate::RtCode::new(code), globals.clone());
    let result = crate::frames::call_function(interp, &function, &[], &[]);
    let _ = crate::handlers::delete_name(&globals, &initializing);
    if let Err(error) = result {
        interp.forget_module(name);
        return Err(error);
    }
    Ok(interp.module(name).unwrap_or(module))
}

/// A failed load as the Python exception CPython raises.
fn load_error(error: LoadError, path: &Path) -> PyErr {
    match error {
        LoadError::Io(e) => PyErr::with_message(
            &types::OS_ERROR,
            format!(
                "[Errno {}] {e}: '{}'",
                e.raw_os_error().unwrap_or(0),
                path.display()
            ),
        ),
        LoadError::Encoding(message) => PyErr::with_message(&types::SYNTAX_ERROR, message),
        LoadError::Syntax(located) => {
            crate::exceptions::syntax_error(&located, &path.display().to_string(), None)
        }
    }
}
