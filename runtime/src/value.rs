//! The value representation shared by every backend.
//!
//! `Value` is a 16-byte tagged union: `None`, `bool`, small `int` and `float`
//! are stored inline (no allocation); everything else is a reference-counted
//! object. Containers use `RefCell` for Python's mutation semantics, but the
//! arithmetic and local-variable hot paths never touch one. This module
//! defines the objects; what operations mean lives in `ops`, `int`, `float`,
//! `subscript` and friends.

use crate::code::RtCode;
use crate::exceptions::PyException;
use crate::hash::DictKey;
use crate::iter::PyIterator;
use crate::types::PyType;
use indexmap::IndexMap;
use num_bigint::BigInt;
use rustc_hash::FxBuildHasher;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Drops the last owner of an object (out of line: it frees memory).
#[inline(never)]
fn release_last(value: Value) {
    drop(value)
}

/// The tag is a full word so that every payload sits at offset 8: values
/// then move as two machine words (a one-byte `bool` payload at offset 1 made
/// copies go byte by byte and stall store forwarding on every stack push).
#[derive(Default)]
#[repr(u64)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// An `int` outside the `i64` range (always normalised: never fits in `Int`).
    BigInt(Rc<BigInt>),
    Str(Rc<PyStr>),
    List(Rc<PyList>),
    Tuple(Rc<PyTuple>),
    Dict(Rc<PyDict>),
    Range(Rc<PyRange>),
    Slice(Rc<PySlice>),
    Function(Rc<Function>),
    Builtin(&'static Builtin),
    /// A builtin method bound to its receiver (`xs.append`).
    Method(Rc<BoundMethod>),
    /// A builtin method looked up on its type (`str.lower`).
    MethodDescriptor(Rc<MethodDescriptor>),
    /// `dict.keys()`, `dict.values()` or `dict.items()`: a live view.
    DictView(Rc<DictView>),
    /// A variable shared between a function and the closures inside it.
    Cell(Rc<PyCell>),
    Module(Rc<crate::modules::PyModule>),
    Type(&'static PyType),
    Exception(Rc<PyException>),
    Iterator(Rc<PyIterator>),
    Code(Rc<RtCode>),
    Ellipsis,
    NotImplemented,
    /// An instance of a class made by a `class` statement.
    Instance(Rc<PyInstance>),
    /// A Python function bound to its first argument (`obj.method`).
    BoundFunction(Rc<BoundFunction>),
    /// `property`, `staticmethod` or `classmethod` objects.
    Descriptor(Rc<Descriptor>),
    /// `super(cls, obj)`.
    Super(Rc<PySuper>),
    /// A generator or coroutine object.
    Generator(Rc<crate::generators::PyGenerator>),
    /// A `set` or `frozenset`.
    Set(Rc<crate::sets::PySet>),
    Bytes(Rc<crate::bytes::PyBytes>),
    /// An object implemented by a runtime module (`deque`, `StringIO`, ...).
    Native(Rc<crate::native::NativeBox>),
    /// An unassigned fast local. Never visible to Python code.
    Unbound,
}

/// An object of a user-defined class: its class and its attributes.
pub struct PyInstance {
    pub class: &'static PyType,
    pub dict: PyDict,
    /// The `list` or `dict` this object extends when its class derives
    /// from one (see `subclass.rs`); `None` otherwise.
    pub base: Value,
    /// What the class's `__hash__` last returned for this object when it
    /// was used as a key (-1, which no hash is, before that); see
    /// `hash::prepare`.
    pub hash: std::cell::Cell<i64>,
}

/// A callable bound to the value that becomes its first argument.
pub struct BoundFunction {
    pub receiver: Value,
    pub function: Value,
}

/// The descriptors a class body makes with decorators.
pub enum Descriptor {
    Property {
        getter: Value,
        setter: Value,
        deleter: Value,
        /// The attribute name, when the property was made in a class body
        /// (CPython's `__set_name__`); error messages quote it.
        name: Option<Rc<PyStr>>,
    },
    StaticMethod(Value),
    ClassMethod(Value),
}

/// `super()`: attribute lookup on `object` starting after `after` in the MRO.
pub struct PySuper {
    pub after: &'static PyType,
    pub object: Value,
}

pub type Dict = IndexMap<DictKey, Value, FxBuildHasher>;

/// An immutable string with a lazily computed hash and a cached "all ASCII" flag
/// (which makes indexing O(1) for ASCII text).
pub struct PyStr {
    text: Box<str>,
    ascii: bool,
    hash: Cell<Option<u64>>,
}

/// A cell: one variable captured by a closure (`Unbound` until assigned).
pub struct PyCell {
    pub value: RefCell<Value>,
}

pub struct PyList {
    pub items: RefCell<Vec<Value>>,
}

pub struct PyTuple {
    pub items: Box<[Value]>,
}

/// A dict. Every change takes a fresh version number, which is what the
/// global-lookup caches check.
pub struct PyDict {
    entries: RefCell<Dict>,
    version: Cell<u64>,
    /// What a `collections` subclass adds (`None` for a plain dict).
    pub flavor: Option<Box<DictFlavor>>,
}

/// The `dict` subclasses of `collections`.
#[derive(Clone)]
pub enum DictFlavor {
    /// `defaultdict(factory)`: a missing key is created by calling the factory.
    Default(Value),
    /// `Counter`: a missing key counts 0.
    Counter,
    /// `OrderedDict`.
    Ordered,
}

thread_local! {
    static NEXT_VERSION: Cell<u64> = const { Cell::new(1) };
}

fn next_version() -> u64 {
    NEXT_VERSION.with(|v| {
        let version = v.get();
        v.set(version + 1);
        version
    })
}

#[derive(Clone, Copy)]
pub struct PyRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

pub struct PySlice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// A Python function: code plus the globals and defaults captured at `def` time.
pub struct Function {
    pub code: Rc<RtCode>,
    pub globals: Rc<PyDict>,
    pub defaults: Box<[Value]>,
    pub kwdefaults: Option<Rc<PyDict>>,
    /// The cells of the enclosing functions' variables this function uses.
    pub closure: Box<[Value]>,
    /// Whether a call with exactly `arg_count` positional arguments can bind
    /// them in place (no defaults used, no `*args`, keywords or closures).
    pub simple: bool,
    /// The namespace `LOAD_NAME`/`STORE_NAME` use when this runs a class
    /// body; `None` means the globals.
    pub namespace: Option<Rc<PyDict>>,
    /// The mapping a metaclass's `__prepare__` returned, when it is not a
    /// plain dict (a dict subclass): the class body's names go through its
    /// `__getitem__`/`__setitem__`/`__delitem__`, and `namespace` is the
    /// dict it extends.
    pub mapping: Option<Value>,
    /// Attributes set on the function (`f.__wrapped__ = g`, `f.calls = 0`),
    /// made when the first is set; also what `f.__dict__` is.
    pub attrs: RefCell<Option<Rc<PyDict>>>,
}

pub type BuiltinFn = fn(&mut crate::Interp, &[Value], &[Rc<PyStr>]) -> crate::PyResult<Value>;

/// A function implemented in Rust. `kwnames` names the trailing arguments
/// passed by keyword.
pub struct Builtin {
    pub name: &'static str,
    pub func: BuiltinFn,
}

pub struct DictView {
    pub dict: Rc<PyDict>,
    pub part: crate::iter::DictPart,
}

/// A builtin method found on its type, not yet bound to a receiver.
pub struct MethodDescriptor {
    pub owner: &'static PyType,
    pub method: &'static Builtin,
}

pub struct BoundMethod {
    pub receiver: Value,
    pub method: &'static Builtin,
}

impl PyStr {
    pub fn new(text: impl Into<Box<str>>) -> PyStr {
        let text = text.into();
        let ascii = text.is_ascii();
        PyStr {
            text,
            ascii,
            hash: Cell::new(None),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Length in characters, as `len()` reports it.
    pub fn char_len(&self) -> usize {
        if self.ascii {
            self.text.len()
        } else {
            self.text.chars().count()
        }
    }

    /// The character at character index `index` (already bounds-checked by the caller).
    pub fn char_at(&self, index: usize) -> Option<char> {
        if self.ascii {
            self.text.as_bytes().get(index).map(|b| *b as char)
        } else {
            self.text.chars().nth(index)
        }
    }

    pub fn hash(&self) -> u64 {
        if let Some(h) = self.hash.get() {
            return h;
        }
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = FxBuildHasher.build_hasher();
        hasher.write(self.text.as_bytes());
        let h = hasher.finish();
        self.hash.set(Some(h));
        h
    }
}

impl Clone for Value {
    /// A clone is "count one more owner, then copy the two words": every heap
    /// variant is an `Rc`, whose count is incremented in place, and every
    /// other variant owns nothing. Which of the two a value is takes one bit
    /// test, not a jump on the tag, which mispredicts whenever consecutive
    /// values have different types. Copying the 16 bytes at once, rather than
    /// rebuilding the variant field by field, also keeps later 16-byte moves
    /// from stalling on store forwarding.
    #[inline(always)]
    fn clone(&self) -> Value {
        if !self.is_unboxed() {
            // SAFETY: a heap variant (checked just above).
            let count = unsafe { self.heap_count() };
            let owners = count.get().wrapping_add(1);
            count.set(owners);
            if owners == 0 {
                // What `Rc::clone` does when the count overflows.
                std::process::abort();
            }
        }
        // SAFETY: ownership of whatever the value points to was accounted for
        // above, so the bitwise copy is a new, independent owner.
        unsafe { std::ptr::read(self) }
    }
}

impl Value {
    /// The tag word at offset 0 (the variant's discriminant): what compiled
    /// code tests before touching a payload.
    #[inline(always)]
    pub fn tag(&self) -> u64 {
        // SAFETY: `Value` is `repr(u64)`, so its first word is the tag.
        unsafe { *(self as *const Value).cast::<u64>() }
    }

    /// Bit `t` is set for every tag `t` whose variant owns nothing on the
    /// heap (`is_unboxed`): how compiled code decides, with one bit test,
    /// whether a copy or a drop must touch a count.
    pub fn unboxed_tags() -> u64 {
        let samples = [
            Value::None,
            Value::Bool(false),
            Value::Int(0),
            Value::Float(0.0),
            Value::Builtin(&crate::builtins::BUILD_CLASS),
            Value::Type(&crate::types::METHOD),
            Value::Ellipsis,
            Value::NotImplemented,
            Value::Unbound,
        ];
        let mut mask = 0u64;
        for sample in &samples {
            debug_assert!(sample.is_unboxed() && sample.tag() < 64);
            mask |= 1 << sample.tag();
        }
        mask
    }

    /// Whether the value owns nothing on the heap (copying it counts nothing).
    /// Every variant is named, so a new one must be classified here, which
    /// `clone` and `discard` rely on.
    #[inline(always)]
    pub fn is_unboxed(&self) -> bool {
        match self {
            Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Builtin(_)
            | Value::Type(_)
            | Value::Ellipsis
            | Value::NotImplemented
            | Value::Unbound => true,
            Value::BigInt(_)
            | Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Range(_)
            | Value::Slice(_)
            | Value::Function(_)
            | Value::Method(_)
            | Value::MethodDescriptor(_)
            | Value::DictView(_)
            | Value::Cell(_)
            | Value::Module(_)
            | Value::Exception(_)
            | Value::Iterator(_)
            | Value::Code(_)
            | Value::Instance(_)
            | Value::BoundFunction(_)
            | Value::Descriptor(_)
            | Value::Super(_)
            | Value::Generator(_)
            | Value::Set(_)
            | Value::Bytes(_)
            | Value::Native(_) => false,
        }
    }

    /// The strong count of the `Rc` a heap variant holds, found without
    /// dispatching on which `Rc<T>` it is.
    ///
    /// # Safety
    /// `self` must be a heap variant (`!self.is_unboxed()`). Every heap
    /// variant holds exactly one `Rc` of a sized type. `Value` is
    /// `repr(u64)`, so that `Rc` is the word at offset 8. An `Rc<T>` is one
    /// pointer to std's `RcInner<T>`, which is `repr(C)` and begins with the
    /// strong count. std does not document those two facts, so the test
    /// `clone_and_discard_count_owners_like_rc` checks them, through
    /// `Rc::strong_count`, for every heap variant.
    #[inline(always)]
    unsafe fn heap_count(&self) -> &Cell<usize> {
        let payload = (self as *const Value).cast::<*const Cell<usize>>().add(1);
        &**payload
    }

    pub fn str(text: impl Into<Box<str>>) -> Value {
        Value::Str(Rc::new(PyStr::new(text)))
    }

    pub fn cell(value: Value) -> Value {
        Value::Cell(Rc::new(PyCell {
            value: RefCell::new(value),
        }))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(PyList {
            items: RefCell::new(items),
        }))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(PyTuple {
            items: items.into(),
        }))
    }

    pub fn dict(map: Dict) -> Value {
        Value::Dict(Rc::new(PyDict::from_map(map)))
    }

    /// An `int` from a big integer, stored inline when it fits.
    pub fn from_bigint(value: BigInt) -> Value {
        match i64::try_from(&value) {
            Ok(small) => Value::Int(small),
            Err(_) => Value::BigInt(Rc::new(value)),
        }
    }

    /// Drops a value: nothing for unboxed scalars, an inline decrement for an
    /// object still referenced elsewhere (the common cases on the hot path),
    /// the out-of-line drop glue only for the last owner.
    #[inline(always)]
    pub fn discard(self) {
        if self.is_unboxed() {
            std::mem::forget(self);
            return;
        }
        // SAFETY: a heap variant (checked just above).
        let count = unsafe { self.heap_count() };
        let owners = count.get();
        if owners > 1 {
            // Still referenced elsewhere: what `Rc::drop` does, inline.
            count.set(owners - 1);
            std::mem::forget(self);
        } else {
            release_last(self);
        }
    }

    /// The type of this value.
    pub fn type_of(&self) -> &'static PyType {
        use crate::types as t;
        match self {
            Value::None => &t::NONE_TYPE,
            Value::Bool(_) => &t::BOOL,
            Value::Int(_) | Value::BigInt(_) => &t::INT,
            Value::Float(_) => &t::FLOAT,
            Value::Str(_) => &t::STR,
            Value::List(_) => &t::LIST,
            Value::Tuple(_) => &t::TUPLE,
            Value::Dict(d) => match d.flavor.as_deref() {
                None => &t::DICT,
                Some(DictFlavor::Default(_)) => &t::DEFAULTDICT,
                Some(DictFlavor::Counter) => &t::COUNTER,
                Some(DictFlavor::Ordered) => &t::ORDERED_DICT,
            },
            Value::Range(_) => &t::RANGE,
            Value::Slice(_) => &t::SLICE,
            Value::Function(_) => &t::FUNCTION,
            Value::Builtin(_) | Value::Method(_) => &t::BUILTIN_FUNCTION,
            Value::MethodDescriptor(..) => &t::METHOD_DESCRIPTOR,
            Value::Cell(_) => &t::CELL,
            Value::Module(_) => &t::MODULE,
            Value::DictView(v) => match v.part {
                crate::iter::DictPart::Keys => &t::DICT_KEYS,
                crate::iter::DictPart::Values => &t::DICT_VALUES,
                crate::iter::DictPart::Items => &t::DICT_ITEMS,
            },
            Value::Type(c) => c.metaclass(),
            Value::Exception(e) => e.kind,
            Value::Iterator(i) => i.type_of(),
            Value::Code(_) => &t::CODE,
            Value::Ellipsis => &t::ELLIPSIS,
            Value::NotImplemented => &t::NOT_IMPLEMENTED_TYPE,
            Value::Instance(i) => i.class,
            Value::BoundFunction(_) => &t::METHOD,
            Value::Descriptor(d) => match **d {
                Descriptor::Property { .. } => &t::PROPERTY,
                Descriptor::StaticMethod(_) => &t::STATICMETHOD,
                Descriptor::ClassMethod(_) => &t::CLASSMETHOD,
            },
            Value::Super(_) => &t::SUPER,
            Value::Generator(g) if g.coroutine => &t::COROUTINE,
            Value::Generator(_) => &t::GENERATOR,
            Value::Set(s) if s.frozen => &t::FROZENSET,
            Value::Set(_) => &t::SET,
            Value::Bytes(_) => &t::BYTES,
            Value::Native(n) => n.0.type_of(),
            Value::Unbound => &t::NONE_TYPE,
        }
    }

    /// The type's name, as error messages show it.
    pub fn type_name(&self) -> &'static str {
        self.type_of().name
    }

    /// `x is y`; comparisons with `None`, the common case, inline.
    #[inline(always)]
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::None, _) | (_, Value::None) => false,
            _ => self.is_same_object(other),
        }
    }

    fn is_same_object(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None)
            | (Value::Ellipsis, Value::Ellipsis)
            | (Value::NotImplemented, Value::NotImplemented) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached by CPython; equal i64s behave as identical.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Type(a), Value::Type(b)) => std::ptr::eq(*a, *b),
            (Value::Builtin(a), Value::Builtin(b)) => std::ptr::eq(*a, *b),
            _ => match (self.object_ptr(), other.object_ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The address of the heap object behind this value, if it has one.
    pub fn object_ptr(&self) -> Option<usize> {
        Some(match self {
            Value::BigInt(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Str(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::List(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Tuple(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Dict(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Range(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Slice(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Function(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Method(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::DictView(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Cell(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Module(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::MethodDescriptor(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Exception(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Iterator(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Code(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Instance(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::BoundFunction(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Descriptor(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Super(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Generator(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Set(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Bytes(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Native(x) => Rc::as_ptr(x) as *const u8 as usize,
            Value::Builtin(x) => *x as *const Builtin as usize,
            Value::Type(x) => *x as *const PyType as usize,
            _ => return None,
        })
    }

    /// Python truthiness (`bool(x)`).
    #[inline(always)]
    pub fn truthy(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            _ => self.truthy_slow(),
        }
    }

    #[inline(never)]
    fn truthy_slow(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::None | Value::Unbound => false,
            Value::Float(f) => *f != 0.0,
            Value::BigInt(_) => true,
            Value::Str(s) => !s.as_str().is_empty(),
            Value::List(l) => !l.items.borrow().is_empty(),
            Value::Tuple(t) => !t.items.is_empty(),
            Value::Dict(d) => !d.map().is_empty(),
            Value::Range(r) => r.len() > 0,
            Value::DictView(v) => !v.dict.map().is_empty(),
            Value::Set(s) => !s.table.borrow().is_empty(),
            Value::Bytes(b) => !b.data.is_empty(),
            Value::Native(n) => match crate::complex::of(self) {
                Some(z) => z.real != 0.0 || z.imag != 0.0,
                None => n.0.len() != Some(0),
            },
            _ => true,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }
}

impl PyList {
    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    /// The items, each read under its own short borrow: nothing is copied
    /// up front, and a list that changes during the walk is seen as it is
    /// (CPython's behaviour), never borrowed across a comparison.
    pub fn iter_items(&self) -> impl Iterator<Item = Value> + '_ {
        (0..).map_while(move |i| self.items.borrow().get(i).cloned())
    }
}

impl PyRange {
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n.min(i64::MAX as i128) as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, index: i64) -> i64 {
        self.start + index * self.step
    }
}

impl PyDict {
    pub fn new() -> PyDict {
        PyDict::from_map(Dict::default())
    }

    /// An empty dict with room for `n` entries.
    pub fn with_capacity(n: usize) -> PyDict {
        PyDict::from_map(Dict::with_capacity_and_hasher(n, Default::default()))
    }

    /// A snapshot of the keys and values, to walk while the dict may change
    /// (or while Python code runs).
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.entries
            .borrow()
            .iter()
            .map(|(k, v)| (k.0.clone(), v.clone()))
            .collect()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn from_map(map: Dict) -> PyDict {
        PyDict {
            entries: RefCell::new(map),
            version: Cell::new(next_version()),
            flavor: None,
        }
    }

    #[inline]
    pub fn map(&self) -> std::cell::Ref<'_, Dict> {
        self.entries.borrow()
    }

    /// Mutable access; counts as a change (new version).
    pub fn map_mut(&self) -> std::cell::RefMut<'_, Dict> {
        self.version.set(next_version());
        self.entries.borrow_mut()
    }

    /// Byte offset of the version (a `u64`) in a dict, for compiled code
    /// that compares it inline.
    pub const VERSION_OFFSET: usize = std::mem::offset_of!(PyDict, version);

    /// The version: unchanged while the dict is not written.
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// The value at `index` if the key there is the interned `name` (an
    /// inline cache's check: no hashing).
    #[inline(always)]
    pub fn value_at(&self, index: usize, name: &Rc<PyStr>) -> Option<Value> {
        // SAFETY: the reference lives only for this clone, which does not
        // touch the dict, so no mutable borrow can start while it exists.
        let entries = unsafe { self.entries.try_borrow_unguarded() }.ok()?;
        match entries.get_index(index) {
            Some((DictKey(Value::Str(key)), value)) if Rc::ptr_eq(key, name) => Some(value.clone()),
            _ => None,
        }
    }

    /// Replaces the value at `index` if the key there is the interned
    /// `name`; gives the value back otherwise. Does not take a new version:
    /// only for instance dicts, whose versions nothing reads.
    #[inline]
    pub fn replace_at(&self, index: usize, name: &Rc<PyStr>, value: Value) -> Result<(), Value> {
        let mut entries = self.entries.borrow_mut();
        match entries.get_index_mut(index) {
            Some((DictKey(Value::Str(key)), slot)) if Rc::ptr_eq(key, name) => {
                let previous = std::mem::replace(slot, value);
                drop(entries);
                previous.discard();
                Ok(())
            }
            _ => Err(value),
        }
    }

    /// The index of a string key.
    pub fn index_of(&self, name: &Rc<PyStr>) -> Option<usize> {
        self.entries
            .borrow()
            .get_index_of(&DictKey::from_str_key(name.clone()))
    }

    /// Looks up a string key (names of globals and builtins).
    #[inline]
    pub fn get_str(&self, key: &Rc<PyStr>) -> Option<Value> {
        self.map().get(&DictKey::from_str_key(key.clone())).cloned()
    }

    /// Stores under a string key.
    pub fn set_str(&self, key: &Rc<PyStr>, value: Value) {
        let previous = self
            .map_mut()
            .insert(DictKey::from_str_key(key.clone()), value);
        // Dropped after the borrow ends: a destructor must not find the dict borrowed.
        drop(previous);
    }
}

impl Default for PyDict {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_two_words() {
        // Every heap variant is one pointer; a second pointer would make every
        // stack slot 50% larger and slow every instruction.
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<crate::PyResult<Value>>(), 16);
    }

    /// The owner count `Rc` itself reports for a heap variant.
    fn strong_count(value: &Value) -> Option<usize> {
        Some(match value {
            Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Builtin(_)
            | Value::Type(_)
            | Value::Ellipsis
            | Value::NotImplemented
            | Value::Unbound => return None,
            Value::Instance(x) => Rc::strong_count(x),
            Value::BoundFunction(x) => Rc::strong_count(x),
            Value::Descriptor(x) => Rc::strong_count(x),
            Value::Super(x) => Rc::strong_count(x),
            Value::Generator(x) => Rc::strong_count(x),
            Value::Set(x) => Rc::strong_count(x),
            Value::Bytes(x) => Rc::strong_count(x),
            Value::Native(x) => Rc::strong_count(x),
            Value::BigInt(x) => Rc::strong_count(x),
            Value::Str(x) => Rc::strong_count(x),
            Value::List(x) => Rc::strong_count(x),
            Value::Tuple(x) => Rc::strong_count(x),
            Value::Dict(x) => Rc::strong_count(x),
            Value::Range(x) => Rc::strong_count(x),
            Value::Slice(x) => Rc::strong_count(x),
            Value::Function(x) => Rc::strong_count(x),
            Value::Method(x) => Rc::strong_count(x),
            Value::MethodDescriptor(x) => Rc::strong_count(x),
            Value::DictView(x) => Rc::strong_count(x),
            Value::Cell(x) => Rc::strong_count(x),
            Value::Module(x) => Rc::strong_count(x),
            Value::Exception(x) => Rc::strong_count(x),
            Value::Iterator(x) => Rc::strong_count(x),
            Value::Code(x) => Rc::strong_count(x),
        })
    }

    #[test]
    fn clone_and_discard_count_owners_like_rc() {
        // `clone` and `discard` find the count without knowing the type
        // (`Value::heap_count`); `Rc::strong_count` must agree for objects
        // of every size, from a 24-byte range to an instance with its dict.
        let code = pvm_frontend::compile("x = 1\n", "<test>").expect("compiles");
        let values = [
            Value::str("text"),
            Value::list(vec![Value::Int(1), Value::str("a")]),
            Value::tuple(vec![Value::Float(2.0)]),
            Value::dict(Dict::default()),
            Value::from_bigint(BigInt::from(u64::MAX) * 4),
            Value::Range(Rc::new(PyRange {
                start: 0,
                stop: 3,
                step: 1,
            })),
            Value::Slice(Rc::new(PySlice {
                start: Value::None,
                stop: Value::Int(2),
                step: Value::None,
            })),
            Value::cell(Value::Int(7)),
            crate::bytes::new(&b"abc"[..]),
            crate::classes::new_object(),
            crate::sets::new_set(false, Default::default()),
            Value::Exception(Rc::new(crate::exceptions::PyException::new(
                &crate::types::VALUE_ERROR,
                vec![],
            ))),
            Value::Code(RtCode::new(&code)),
        ];
        for value in values {
            let owners = strong_count(&value).expect("a heap variant");
            assert_eq!(owners, 1);
            let copy = value.clone();
            assert_eq!(strong_count(&value), Some(2));
            let another = copy.clone();
            assert_eq!(strong_count(&value), Some(3));
            another.discard();
            copy.discard();
            assert_eq!(strong_count(&value), Some(1));
            // The last owner frees the object.
            let watcher = match &value {
                Value::Str(x) => Some(Rc::downgrade(x)),
                _ => None,
            };
            value.discard();
            if let Some(watcher) = watcher {
                assert!(watcher.upgrade().is_none());
            }
        }
        // Unboxed values count nothing.
        for value in [
            Value::None,
            Value::Int(3),
            Value::Float(1.5),
            Value::Bool(true),
        ] {
            assert!(value.is_unboxed());
            value.clone().discard();
        }
    }
}
