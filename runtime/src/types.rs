//! The builtin types and the builtin exception hierarchy, as static type
//! objects with single-inheritance `base` links.
//!
//! A type here is a name, a base and a `TypeKind` telling `call_type` how to
//! construct instances. A class made by a `class` statement is a `PyType` too,
//! with `ClassData` (its namespace and C3 method resolution order); it is
//! leaked on creation, like the reference cycles that keep CPython's classes
//! alive until the end of most programs. This module answers "what type is
//! this and what does it inherit from"; attribute lookup is `attributes/`.

use crate::value::{PyDict, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    NoneType,
    Bool,
    Int,
    Float,
    Complex,
    Str,
    List,
    Tuple,
    Dict,
    Range,
    Slice,
    Type,
    Enumerate,
    Zip,
    Set,
    FrozenSet,
    Map,
    Filter,
    Bytes,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    Reversed,
    Exception,
    /// A class made by a `class` statement whose instances are `Value::Instance`.
    Instance,
    /// Not callable from Python (functions, iterators, code, ...).
    Opaque,
}

pub struct PyType {
    pub name: &'static str,
    /// The first base (builtin types have at most one).
    pub base: Option<&'static PyType>,
    pub kind: TypeKind,
    /// What a `class` statement adds; `None` for every builtin type.
    pub class: Option<Box<ClassData>>,
}

impl std::fmt::Debug for PyType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<class '{}'>", self.name)
    }
}

// SAFETY: the builtin types in statics never hold `ClassData` (the only
// part with interior mutability), so threads share nothing mutable through
// them. Classes with `ClassData` are created by one interpreter thread and
// only reachable through its `Value`s, which are not `Send`.
unsafe impl Sync for PyType {}

/// A user-defined class: its namespace, bases and method resolution order.
pub struct ClassData {
    /// `__qualname__` (assignable).
    pub qualname: std::cell::RefCell<String>,
    /// `__name__` once assigned (`PyType::name` stays what the class
    /// statement said, for error messages).
    pub renamed: std::cell::RefCell<Option<String>>,
    pub module: Value,
    pub bases: Vec<&'static PyType>,
    /// C3 linearisation, starting with the class itself.
    pub mro: Vec<&'static PyType>,
    /// The class namespace (`C.__dict__`).
    pub dict: PyDict,
    /// Set once an instance gets an attribute named like a method of the
    /// class (method caches must then look in instance dicts too).
    pub shadowed: std::cell::Cell<bool>,
    /// How many attributes instances have had: new instance dicts are
    /// made this big.
    pub attribute_hint: std::cell::Cell<usize>,
    /// `__init__` as last looked up, with the attribute caches' epoch then
    /// (so making an instance does not search the MRO each time).
    pub init: std::cell::RefCell<Option<(u64, Option<Value>)>>,
    /// The builtin type (`list` or `dict`) whose object every instance
    /// carries, when the class derives from one.
    pub extends: Option<&'static PyType>,
    /// The class's metaclass (`type(C)`): `type` unless a `metaclass=`
    /// keyword or a base's metaclass said otherwise (see `metaclass.rs`).
    pub metaclass: std::cell::Cell<&'static PyType>,
}

impl PyType {
    /// Whether `self` is `other` or inherits from it.
    pub fn is_subtype(&'static self, other: &'static PyType) -> bool {
        if let Some(class) = &self.class {
            return class.mro.iter().any(|t| std::ptr::eq(*t, other));
        }
        let mut current = Some(self);
        while let Some(t) = current {
            if std::ptr::eq(t, other) {
                return true;
            }
            current = t.base;
        }
        false
    }

    /// The method resolution order, most derived first.
    pub fn mro(&'static self) -> Vec<&'static PyType> {
        match &self.class {
            Some(class) => class.mro.clone(),
            None => std::iter::successors(Some(self), |t| t.base).collect(),
        }
    }

    /// Calls `f` on each type of the method resolution order until it
    /// returns `Some`.
    pub fn find_in_mro<T>(
        &'static self,
        mut f: impl FnMut(&'static PyType) -> Option<T>,
    ) -> Option<T> {
        match &self.class {
            Some(class) => class.mro.iter().find_map(|t| f(t)),
            None => std::iter::successors(Some(self), |t| t.base).find_map(f),
        }
    }

    /// Whether this is a class made by a `class` statement.
    pub fn is_user_class(&self) -> bool {
        self.class.is_some()
    }

    /// `type(C)` for this class: its metaclass (`type` for builtin types).
    #[inline]
    pub fn metaclass(&self) -> &'static PyType {
        match &self.class {
            Some(class) => class.metaclass.get(),
            None => &TYPE,
        }
    }

    /// Whether this class's metaclass is a user class (so operators on the
    /// class object consult the metaclass's special methods).
    #[inline]
    pub fn has_user_metaclass(&self) -> bool {
        self.class
            .as_ref()
            .is_some_and(|c| c.metaclass.get().is_user_class())
    }
}

/// The C3 linearisation of a class with `bases` (the class itself excluded),
/// or the error CPython reports when there is none.
pub fn c3_linearise(bases: &[&'static PyType]) -> Result<Vec<&'static PyType>, String> {
    let mut sequences: Vec<Vec<&'static PyType>> = bases.iter().map(|b| b.mro()).collect();
    sequences.push(bases.to_vec());
    let mut result = Vec::new();
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return Ok(result);
        }
        let candidate = sequences.iter().map(|s| s[0]).find(|head| {
            !sequences
                .iter()
                .any(|s| s[1..].iter().any(|t| std::ptr::eq(*t, *head)))
        });
        let Some(next) = candidate else {
            let mut names: Vec<&str> = Vec::new();
            for s in &sequences {
                if !names.contains(&s[0].name) {
                    names.push(s[0].name);
                }
            }
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        result.push(next);
        for s in sequences.iter_mut() {
            if std::ptr::eq(s[0], next) {
                s.remove(0);
            }
        }
    }
}

macro_rules! types {
    ($($ident:ident = $name:literal : $base:expr, $kind:ident;)*) => {
        $(pub static $ident: PyType = PyType { name: $name, base: $base, kind: TypeKind::$kind, class: None };)*
        /// Every builtin type that is bound to a builtin name.
        pub static NAMED: &[&PyType] = &[$(&$ident),*];
    };
}

types! {
    OBJECT = "object": None, Object;
    NONE_TYPE = "NoneType": Some(&OBJECT), NoneType;
    INT = "int": Some(&OBJECT), Int;
    BOOL = "bool": Some(&INT), Bool;
    FLOAT = "float": Some(&OBJECT), Float;
    COMPLEX = "complex": Some(&OBJECT), Complex;
    STR = "str": Some(&OBJECT), Str;
    LIST = "list": Some(&OBJECT), List;
    TUPLE = "tuple": Some(&OBJECT), Tuple;
    DICT = "dict": Some(&OBJECT), Dict;
    RANGE = "range": Some(&OBJECT), Range;
    SLICE = "slice": Some(&OBJECT), Slice;
    TYPE = "type": Some(&OBJECT), Type;
    ENUMERATE = "enumerate": Some(&OBJECT), Enumerate;
    ZIP = "zip": Some(&OBJECT), Zip;
    REVERSED = "reversed": Some(&OBJECT), Reversed;
    BYTES = "bytes": Some(&OBJECT), Bytes;
    BYTEARRAY = "bytearray": Some(&OBJECT), Opaque;
    MEMORYVIEW = "memoryview": Some(&OBJECT), Opaque;
    MAP = "map": Some(&OBJECT), Map;
    FILTER = "filter": Some(&OBJECT), Filter;
    SET = "set": Some(&OBJECT), Set;
    FROZENSET = "frozenset": Some(&OBJECT), FrozenSet;
    PROPERTY = "property": Some(&OBJECT), Property;
    STATICMETHOD = "staticmethod": Some(&OBJECT), StaticMethod;
    CLASSMETHOD = "classmethod": Some(&OBJECT), ClassMethod;
    SUPER = "super": Some(&OBJECT), Super;
    BASE_EXCEPTION = "BaseException": Some(&OBJECT), Exception;
    SYSTEM_EXIT = "SystemExit": Some(&BASE_EXCEPTION), Exception;
    KEYBOARD_INTERRUPT = "KeyboardInterrupt": Some(&BASE_EXCEPTION), Exception;
    GENERATOR_EXIT = "GeneratorExit": Some(&BASE_EXCEPTION), Exception;
    BASE_EXCEPTION_GROUP = "BaseExceptionGroup": Some(&BASE_EXCEPTION), Exception;
    EXCEPTION = "Exception": Some(&BASE_EXCEPTION), Exception;
    ARITHMETIC_ERROR = "ArithmeticError": Some(&EXCEPTION), Exception;
    ZERO_DIVISION_ERROR = "ZeroDivisionError": Some(&ARITHMETIC_ERROR), Exception;
    OVERFLOW_ERROR = "OverflowError": Some(&ARITHMETIC_ERROR), Exception;
    LOOKUP_ERROR = "LookupError": Some(&EXCEPTION), Exception;
    INDEX_ERROR = "IndexError": Some(&LOOKUP_ERROR), Exception;
    KEY_ERROR = "KeyError": Some(&LOOKUP_ERROR), Exception;
    VALUE_ERROR = "ValueError": Some(&EXCEPTION), Exception;
    TYPE_ERROR = "TypeError": Some(&EXCEPTION), Exception;
    NAME_ERROR = "NameError": Some(&EXCEPTION), Exception;
    UNBOUND_LOCAL_ERROR = "UnboundLocalError": Some(&NAME_ERROR), Exception;
    ATTRIBUTE_ERROR = "AttributeError": Some(&EXCEPTION), Exception;
    RUNTIME_ERROR = "RuntimeError": Some(&EXCEPTION), Exception;
    RECURSION_ERROR = "RecursionError": Some(&RUNTIME_ERROR), Exception;
    NOT_IMPLEMENTED_ERROR = "NotImplementedError": Some(&RUNTIME_ERROR), Exception;
    STOP_ITERATION = "StopIteration": Some(&EXCEPTION), Exception;
    ASSERTION_ERROR = "AssertionError": Some(&EXCEPTION), Exception;
    IMPORT_ERROR = "ImportError": Some(&EXCEPTION), Exception;
    MODULE_NOT_FOUND_ERROR = "ModuleNotFoundError": Some(&IMPORT_ERROR), Exception;
    SYNTAX_ERROR = "SyntaxError": Some(&EXCEPTION), Exception;
    INDENTATION_ERROR = "IndentationError": Some(&SYNTAX_ERROR), Exception;
    TAB_ERROR = "TabError": Some(&INDENTATION_ERROR), Exception;
    OS_ERROR = "OSError": Some(&EXCEPTION), Exception;
    TIMEOUT_ERROR = "TimeoutError": Some(&OS_ERROR), Exception;
    FILE_NOT_FOUND_ERROR = "FileNotFoundError": Some(&OS_ERROR), Exception;
    FILE_EXISTS_ERROR = "FileExistsError": Some(&OS_ERROR), Exception;
    PERMISSION_ERROR = "PermissionError": Some(&OS_ERROR), Exception;
    IS_A_DIRECTORY_ERROR = "IsADirectoryError": Some(&OS_ERROR), Exception;
    MEMORY_ERROR = "MemoryError": Some(&EXCEPTION), Exception;
    REFERENCE_ERROR = "ReferenceError": Some(&EXCEPTION), Exception;
    SYSTEM_ERROR = "SystemError": Some(&EXCEPTION), Exception;
    BUFFER_ERROR = "BufferError": Some(&EXCEPTION), Exception;
    EOF_ERROR = "EOFError": Some(&EXCEPTION), Exception;
    STOP_ASYNC_ITERATION = "StopAsyncIteration": Some(&EXCEPTION), Exception;
    FLOATING_POINT_ERROR = "FloatingPointError": Some(&ARITHMETIC_ERROR), Exception;
    UNICODE_ERROR = "UnicodeError": Some(&VALUE_ERROR), Exception;
    UNICODE_DECODE_ERROR = "UnicodeDecodeError": Some(&UNICODE_ERROR), Exception;
    UNICODE_ENCODE_ERROR = "UnicodeEncodeError": Some(&UNICODE_ERROR), Exception;
    UNICODE_TRANSLATE_ERROR = "UnicodeTranslateError": Some(&UNICODE_ERROR), Exception;
    CONNECTION_ERROR = "ConnectionError": Some(&OS_ERROR), Exception;
    BROKEN_PIPE_ERROR = "BrokenPipeError": Some(&CONNECTION_ERROR), Exception;
    CONNECTION_ABORTED_ERROR = "ConnectionAbortedError": Some(&CONNECTION_ERROR), Exception;
    CONNECTION_REFUSED_ERROR = "ConnectionRefusedError": Some(&CONNECTION_ERROR), Exception;
    CONNECTION_RESET_ERROR = "ConnectionResetError": Some(&CONNECTION_ERROR), Exception;
    BLOCKING_IO_ERROR = "BlockingIOError": Some(&OS_ERROR), Exception;
    CHILD_PROCESS_ERROR = "ChildProcessError": Some(&OS_ERROR), Exception;
    INTERRUPTED_ERROR = "InterruptedError": Some(&OS_ERROR), Exception;
    NOT_A_DIRECTORY_ERROR = "NotADirectoryError": Some(&OS_ERROR), Exception;
    PROCESS_LOOKUP_ERROR = "ProcessLookupError": Some(&OS_ERROR), Exception;
    WARNING = "Warning": Some(&EXCEPTION), Exception;
    USER_WARNING = "UserWarning": Some(&WARNING), Exception;
    DEPRECATION_WARNING = "DeprecationWarning": Some(&WARNING), Exception;
    PENDING_DEPRECATION_WARNING = "PendingDeprecationWarning": Some(&WARNING), Exception;
    SYNTAX_WARNING = "SyntaxWarning": Some(&WARNING), Exception;
    RUNTIME_WARNING = "RuntimeWarning": Some(&WARNING), Exception;
    FUTURE_WARNING = "FutureWarning": Some(&WARNING), Exception;
    IMPORT_WARNING = "ImportWarning": Some(&WARNING), Exception;
    UNICODE_WARNING = "UnicodeWarning": Some(&WARNING), Exception;
    BYTES_WARNING = "BytesWarning": Some(&WARNING), Exception;
    RESOURCE_WARNING = "ResourceWarning": Some(&WARNING), Exception;
    ENCODING_WARNING = "EncodingWarning": Some(&WARNING), Exception;
}

/// Builtin names that are another name of a type above.
pub static ALIASES: &[(&str, &PyType)] = &[("EnvironmentError", &OS_ERROR), ("IOError", &OS_ERROR)];

// Types that exist but have no builtin name.
pub static METHOD: PyType = PyType {
    name: "method",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static DEFAULTDICT: PyType = PyType {
    name: "defaultdict",
    base: Some(&DICT),
    kind: TypeKind::Dict,
    class: None,
};
pub static COUNTER: PyType = PyType {
    name: "Counter",
    base: Some(&DICT),
    kind: TypeKind::Dict,
    class: None,
};
pub static ORDERED_DICT: PyType = PyType {
    name: "OrderedDict",
    base: Some(&DICT),
    kind: TypeKind::Dict,
    class: None,
};
pub static GENERATOR: PyType = PyType {
    name: "generator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static COROUTINE: PyType = PyType {
    name: "coroutine",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static NOT_IMPLEMENTED_TYPE: PyType = PyType {
    name: "NotImplementedType",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static FUNCTION: PyType = PyType {
    name: "function",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static BUILTIN_FUNCTION: PyType = PyType {
    name: "builtin_function_or_method",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static METHOD_DESCRIPTOR: PyType = PyType {
    name: "method_descriptor",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static DICT_KEYS: PyType = PyType {
    name: "dict_keys",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static DICT_VALUES: PyType = PyType {
    name: "dict_values",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static DICT_ITEMS: PyType = PyType {
    name: "dict_items",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static MODULE: PyType = PyType {
    name: "module",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static CELL: PyType = PyType {
    name: "cell",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static CODE: PyType = PyType {
    name: "code",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static ELLIPSIS: PyType = PyType {
    name: "ellipsis",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
/// The iterator `iter()` makes for an object with `__getitem__` and no
/// `__iter__` (the old sequence protocol).
pub static SEQUENCE_ITERATOR: PyType = PyType {
    name: "iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static LIST_ITERATOR: PyType = PyType {
    name: "list_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static BYTES_ITERATOR: PyType = PyType {
    name: "bytes_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static SET_ITERATOR: PyType = PyType {
    name: "set_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static TUPLE_ITERATOR: PyType = PyType {
    name: "tuple_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static RANGE_ITERATOR: PyType = PyType {
    name: "range_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static STR_ITERATOR: PyType = PyType {
    name: "str_ascii_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static DICT_KEY_ITERATOR: PyType = PyType {
    name: "dict_keyiterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static DICT_VALUE_ITERATOR: PyType = PyType {
    name: "dict_valueiterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
pub static DICT_ITEM_ITERATOR: PyType = PyType {
    name: "dict_itemiterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};
