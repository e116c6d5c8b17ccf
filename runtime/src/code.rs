//! Run-time code objects: a front-end `CodeObject` with its constants turned
//! into values and its names interned, once per code object.
//!
//! Interned names make global and attribute lookups compare by pointer first.
//! Nothing here executes code.

use crate::exceptions::{runtime_error, PyResult};
use crate::globals::GlobalCache;
use crate::value::{PyStr, Value};
use pvm_frontend::{CodeObject, Constant};
use rustc_hash::FxHashMap;
use std::any::{Any, TypeId};
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
    pub attr_cache: Box<[crate::attributes::cache::AttrCache]>,
    /// What each tier made of this code (fused units, threaded code,
    /// machine code) and the warm-up counter.
    pub tiers: Tiers,
    /// What each profiled instruction has seen, made when one first runs
    /// in a dispatcher that profiles (`pvm run --type-feedback`).
    pub feedback: OnceCell<Rc<crate::feedback::Sites>>,
}

/// The tiers that can hold their own form of a code object. Each belongs to
/// one backend, so one code object can hold the interpreters' translations
/// and compiled code at the same time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// The switch's copy of the code with superinstructions fused in.
    SwitchFused,
    /// The threaded VM's pre-decoded instructions, with superinstructions.
    Threaded,
    /// The same without superinstructions.
    ThreadedUnfused,
    /// Machine code from the JIT.
    Compiled,
}

impl Tier {
    const COUNT: usize = 4;
}

/// One tier's state on a code object: made once, on first use, by the
/// backend that owns the tier.
#[derive(Default)]
pub struct TierSlot {
    /// The state, with its type's id kept beside it so reading it back
    /// compares two words instead of asking the box through its vtable.
    state: OnceCell<(TypeId, Box<dyn Any>)>,
    /// Where the owner's dispatch starts (its first instruction's address),
    /// 0 until made: a call finds it with one load.
    pub entry: Cell<usize>,
}

impl TierSlot {
    /// The tier's state, made by `make` on first use. Only the type it was
    /// made with reads it back: any other is refused with an error, so a
    /// slot can never be misread, whichever backends run the code.
    pub fn get_or_make<T: Any>(&self, make: impl FnOnce() -> PyResult<T>) -> PyResult<&T> {
        if self.state.get().is_none() {
            let made = make()?;
            let _ = self.state.set((TypeId::of::<T>(), Box::new(made)));
        }
        self.get()
            .ok_or_else(|| runtime_error("pvm internal error: a tier's state read as another type"))
    }

    /// The tier's state, if made (and of type `T`).
    #[inline]
    pub fn get<T: Any>(&self) -> Option<&T> {
        match self.state.get() {
            // SAFETY: the id says the box holds a `T` (set with it above).
            Some((id, state)) if *id == TypeId::of::<T>() => {
                Some(unsafe { &*(&**state as *const dyn Any as *const T) })
            }
            _ => None,
        }
    }
}

/// Every tier's slot on one code object, and how warm the code is.
#[derive(Default)]
pub struct Tiers {
    slots: [TierSlot; Tier::COUNT],
    /// Calls and loop back-edges counted so far (by a tiering backend):
    /// what decides when code is worth compiling.
    pub warmth: Cell<u32>,
}

impl Tiers {
    /// The slot that belongs to `tier`.
    #[inline(always)]
    pub fn slot(&self, tier: Tier) -> &TierSlot {
        &self.slots[tier as usize]
    }

    /// Adds `by` to the warm-up counter (saturating) and answers the new
    /// count.
    #[inline(always)]
    pub fn warm_up(&self, by: u32) -> u32 {
        let warmth = self.warmth.get().saturating_add(by);
        self.warmth.set(warmth);
        warmth
    }
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
            tiers: Tiers::default(),
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
        Constant::Complex(real, imag) => crate::complex::new(*real, *imag),
        Constant::Str(s) => Value::Str(intern(s)),
        Constant::Tuple(items) => Value::tuple(items.iter().map(constant_value).collect()),
        Constant::FrozenSet(items) => {
            crate::sets::frozen_constant(items.iter().map(constant_value).collect())
        }
        Constant::Code(code) => Value::Code(RtCode::new(code)),
        Constant::Ellipsis => Value::Ellipsis,
        Constant::Bytes(b) => crate::bytes::new(&b[..]),
    }
}
