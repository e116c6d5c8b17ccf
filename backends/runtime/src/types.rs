//! The builtin types and the builtin exception hierarchy, as static type
//! objects with single-inheritance `base` links.
//!
//! A type here is a name, a base and a `TypeKind` telling `call_type` how to
//! construct instances. User-defined classes are not represented here (they
//! arrive with the object-model issue); this module only answers "what type is
//! this and what does it inherit from".

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Range,
    Slice,
    Type,
    Enumerate,
    Zip,
    Reversed,
    Exception,
    /// Not callable from Python (functions, iterators, code, ...).
    Opaque,
}

#[derive(Debug)]
pub struct PyType {
    pub name: &'static str,
    pub base: Option<&'static PyType>,
    pub kind: TypeKind,
}

impl PyType {
    /// Whether `self` is `other` or inherits from it.
    pub fn is_subtype(&'static self, other: &'static PyType) -> bool {
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
    pub fn mro(&'static self) -> impl Iterator<Item = &'static PyType> {
        std::iter::successors(Some(self), |t| t.base)
    }
}

macro_rules! types {
    ($($ident:ident = $name:literal : $base:expr, $kind:ident;)*) => {
        $(pub static $ident: PyType = PyType { name: $name, base: $base, kind: TypeKind::$kind };)*
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
    BASE_EXCEPTION = "BaseException": Some(&OBJECT), Exception;
    SYSTEM_EXIT = "SystemExit": Some(&BASE_EXCEPTION), Exception;
    KEYBOARD_INTERRUPT = "KeyboardInterrupt": Some(&BASE_EXCEPTION), Exception;
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
    OS_ERROR = "OSError": Some(&EXCEPTION), Exception;
    TIMEOUT_ERROR = "TimeoutError": Some(&OS_ERROR), Exception;
    MEMORY_ERROR = "MemoryError": Some(&EXCEPTION), Exception;
}

// Types that exist but have no builtin name.
pub static FUNCTION: PyType = PyType {
    name: "function",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static BUILTIN_FUNCTION: PyType = PyType {
    name: "builtin_function_or_method",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static METHOD_DESCRIPTOR: PyType = PyType {
    name: "method_descriptor",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static DICT_KEYS: PyType = PyType {
    name: "dict_keys",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static DICT_VALUES: PyType = PyType {
    name: "dict_values",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static DICT_ITEMS: PyType = PyType {
    name: "dict_items",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static MODULE: PyType = PyType {
    name: "module",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static CELL: PyType = PyType {
    name: "cell",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static CODE: PyType = PyType {
    name: "code",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static ELLIPSIS: PyType = PyType {
    name: "ellipsis",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static LIST_ITERATOR: PyType = PyType {
    name: "list_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static TUPLE_ITERATOR: PyType = PyType {
    name: "tuple_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static RANGE_ITERATOR: PyType = PyType {
    name: "range_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static STR_ITERATOR: PyType = PyType {
    name: "str_ascii_iterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static DICT_KEY_ITERATOR: PyType = PyType {
    name: "dict_keyiterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static DICT_VALUE_ITERATOR: PyType = PyType {
    name: "dict_valueiterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
pub static DICT_ITEM_ITERATOR: PyType = PyType {
    name: "dict_itemiterator",
    base: Some(&OBJECT),
    kind: TypeKind::Opaque,
};
