//! Run-time code objects: a front-end `CodeObject` with its constants turned
//! into values and its names interned, once per code object.
//!
//! Interned names make global and attribute lookups compare by pointer first.
//! Nothing here executes code.

use crate::globals::GlobalCache;
use crate::value::{PyStr, Value};
use pvm_frontend::{CodeObject, Constant};
use rustc_hash::FxHashMap;
use std::any::Any;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

pub struct RtCode {
    pub code: Rc<CodeObject>,
    pub constants: Box<[Value]>,
    pub names: Box<[Rc<PyStr>]>,
    /// The name of every local slot (fast locals, cells, free variables).
    pub varnames: Box<[Rc<PyStr>]>,
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    /// Fast-local slots (parameters first).
    pub local_count: usize,
    /// One inline cache per name, for `LOAD_GLOBAL` and `LOAD_NAME`.
    pub global_cache: Box<[GlobalCache]>,
    /// One inline cache per name, for attribute access on instances.
    pub attr_cache: Box<[crate::attrcache::AttrCache]>,
    /// A backend's own translation of this code (the threaded VM's
    /// pre-decoded instructions), made on first use.
    pub translation: OnceCell<Box<dyn Any>>,
    /// The address of that translation's first instruction (0 until made),
    /// so a call finds it with one load.
    pub translation_entry: Cell<usize>,
    /// What each profiled instruction has seen, made when one first runs
    /// in a dispatcher that profiles (`pvm run --type-feedback`).
    pub feedback: OnceCell<Rc<crate::feedback::Sites>>,
}

thread_local! {
    static INTERNED: RefCell<FxHashMap<Box<str>, Rc<PyStr>>> = RefCell::new(FxHashMap::default());
}

/// The one shared string object for `text`.
pub fn intern(text: &str) -> Rc<PyStr> {
    INTERNED.with(|table| {
        let mut table = table.borrow_mut();
        if let Some(existing) = table.get(text) {
            return existing.clone();
        }
        let interned = Rc::new(PyStr::new(text));
        table.insert(text.into(), interned.clone());
        interned
    })
}

impl RtCode {
    pub fn new(code: &Rc<CodeObject>) -> Rc<RtCode> {
        Rc::new(RtCode {
            code: code.clone(),
            constants: code.constants.iter().map(constant_value).collect(),
            names: code.names.iter().map(|n| intern(n)).collect(),
            varnames: code.slot_names().map(|n| intern(n)).collect(),
            name: intern(&code.name),
            qualname: intern(&code.qualname),
            local_count: code.slot_count(),
            global_cache: code.names.iter().map(|_| GlobalCache::default()).collect(),
            attr_cache: code.names.iter().map(|_| Default::default()).collect(),
            translation: OnceCell::new(),
            translation_entry: Cell::new(0),
            feedback: OnceCell::new(),
        })
    }
}

fn constant_value(constant: &Constant) -> Value {
    match constant {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(b) => Value::from_bigint((**b).clone()),
        Constant::Float(f) => Value::Float(*f),
        Constant::Str(s) => Value::Str(intern(s)),
        Constant::Tuple(items) => Value::tuple(items.iter().map(constant_value).collect()),
        Constant::Code(code) => Value::Code(RtCode::new(code)),
        Constant::Ellipsis => Value::Ellipsis,
        Constant::Bytes(b) => crate::bytes::new(&b[..]),
    }
}
