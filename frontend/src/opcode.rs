//! The instruction table: every opcode is declared exactly once, here.
//!
//! From the single `opcodes!` declaration below come the `Opcode` enum, its
//! byte encoding and decoding, the disassembler names, the operand kinds the
//! disassembler uses to resolve arguments, and the stack effects that the
//! assembler uses to compute `max_stack`, and the facts a compiler of the
//! bytecode needs without reading the bodies: whether an opcode can raise,
//! whether it can run Python code, where control goes after it. Backends
//! read this table; they never declare opcodes of their own. This module
//! does not say what an opcode *means* at run time: that lives in
//! `pvm-runtime`.

/// How an instruction's argument is interpreted (for the disassembler and the
/// `.pyc` verifier).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    /// The argument is unused (always 0).
    None,
    /// Index into `co_consts`.
    Const,
    /// Index into the fast locals (`co_varnames`).
    Local,
    /// Index into `co_names`.
    Name,
    /// Absolute instruction index of a jump target.
    Jump,
    /// A count of stack items.
    Count,
    /// A `BinaryOperator` discriminant.
    BinaryOp,
    /// A `CompareOperator` discriminant.
    CompareOp,
    /// 0 or 1: whether the test is inverted (`is not`, `not in`).
    Invert,
    /// A small integer whose meaning the opcode documents.
    Raw,
}

/// An instruction's use of the operand stack, as declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackInfo {
    /// Net change when execution falls through.
    pub effect: i32,
    /// Net change when it jumps (jumps only).
    pub jump: i32,
    /// How many values must be there for it to run.
    pub inputs: i32,
}

/// Where control can go after an instruction, besides an exception (which
/// `Opcode::can_raise` covers): what splits code into basic blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Only to the next instruction.
    Next,
    /// To its jump target or to the next instruction.
    Branch,
    /// Only to its jump target.
    Jump,
    /// Out of the frame, with a value for the caller.
    Return,
    /// Nowhere: it always raises.
    Raise,
    /// Out of the frame, which stays suspended and resumes at the next
    /// instruction (a generator's `YIELD_VALUE` and `RETURN_GENERATOR`).
    Yield,
}

impl Flow {
    /// Whether the instruction has a jump target (exactly the opcodes whose
    /// operand is `Operand::Jump`).
    pub const fn jumps(self) -> bool {
        matches!(self, Flow::Branch | Flow::Jump)
    }

    /// Whether the next instruction can run after this one in the same
    /// frame (for `Yield`, once the frame is resumed).
    pub const fn falls_through(self) -> bool {
        matches!(self, Flow::Next | Flow::Branch | Flow::Yield)
    }

    /// Whether the instruction ends a basic block: every kind but `Next`.
    pub const fn ends_block(self) -> bool {
        !matches!(self, Flow::Next)
    }
}

/// What an opcode may do besides moving the stack, as declared in brackets:
/// `raises`, `escapes` and at most one flow kind (`branch`, `jump`,
/// `return`, `raise`, `yield`; none means `Flow::Next`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Facts {
    raises: bool,
    escapes: bool,
    flow: Flow,
}

/// `facts!(raises escapes branch)`: the `Facts` a bracket declares. An
/// unknown word fails to compile.
macro_rules! facts {
    ($($fact:tt)*) => {{
        #[allow(unused_mut)]
        let mut facts = Facts { raises: false, escapes: false, flow: Flow::Next };
        $( fact!(facts, $fact); )*
        facts
    }};
}

macro_rules! fact {
    ($facts:ident, raises) => {
        $facts.raises = true
    };
    ($facts:ident, escapes) => {
        $facts.escapes = true
    };
    ($facts:ident, branch) => {
        $facts.flow = Flow::Branch
    };
    ($facts:ident, jump) => {
        $facts.flow = Flow::Jump
    };
    ($facts:ident, return) => {
        $facts.flow = Flow::Return
    };
    ($facts:ident, raise) => {
        $facts.flow = Flow::Raise
    };
    ($facts:ident, yield) => {
        $facts.flow = Flow::Yield
    };
}

/// Calls a declared stack-effect closure (directly, so that unoptimised
/// builds, which check every instruction against it, do not go through a
/// function pointer).
#[inline(always)]
fn apply(closure: impl Fn(i32) -> i32, arg: i32) -> i32 {
    closure(arg)
}

macro_rules! opcodes {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ($operand:ident) [$($fact:tt)*] stack $effect:expr, jump $jump_effect:expr $(, needs $needs:expr)?;
    )*) => {
        /// The declared facts of every opcode, indexed by its byte value.
        const FACTS: &[Facts] = &[$(facts!($($fact)*)),*];

        // A jump target is declared exactly where control can jump.
        $(const _: () = assert!(
            matches!(Operand::$operand, Operand::Jump) == facts!($($fact)*).flow.jumps(),
            concat!(stringify!($name), ": an Operand::Jump opcode declares `branch` or `jump`, and only it")
        );)*

        /// A bytecode operation. Discriminants are the encoded byte values.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name, )*
        }

        /// Calls `$callback! { NAME NAME ... }` with every opcode name, in
        /// declaration order: how backends generate one handler per opcode
        /// from this single table.
        #[macro_export]
        macro_rules! for_each_opcode {
            ($callback:ident) => {
                $callback! { $($name)* }
            };
        }

        impl Opcode {
            /// Every opcode, indexed by its byte value.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// Decodes a byte; `None` for bytes that name no opcode.
            #[inline]
            pub fn from_u8(byte: u8) -> Option<Opcode> {
                Self::ALL.get(byte as usize).copied()
            }

            /// The name the disassembler prints.
            pub fn name(self) -> &'static str {
                match self { $(Opcode::$name => stringify!($name),)* }
            }

            /// How the argument is interpreted (`const`: the threaded VM
            /// tabulates it for translation).
            #[inline]
            pub const fn operand(self) -> Operand {
                match self { $(Opcode::$name => Operand::$operand,)* }
            }

            /// The one-line description from the declaration.
            pub fn doc(self) -> &'static str {
                match self { $(Opcode::$name => concat!($($doc),*).trim_ascii(),)* }
            }

            /// Everything the declaration says about the stack, from one
            /// dispatch on the opcode (the verifier's inner loop uses it).
            #[inline(always)]
            pub fn stack_info(self, arg: u32) -> StackInfo {
                let arg = arg as i32;
                let _ = arg;
                match self {
                    $(Opcode::$name => {
                        let effect = apply($effect, arg);
                        let jump = apply($jump_effect, arg);
                        #[allow(unused_variables)]
                        let inputs = if effect < 0 { -effect } else { 0 };
                        $( let inputs = apply($needs, arg); )?
                        StackInfo { effect, jump, inputs }
                    })*
                }
            }

            /// Whether running it can raise a Python exception. Counted:
            /// errors of corrupt bytecode that the verifier cannot rule out
            /// (a value of the wrong type), the Ctrl-C and time-limit check
            /// at backward jumps, and an exception thrown into a suspended
            /// generator, which appears at its `YIELD_VALUE` or
            /// `RETURN_GENERATOR`.
            pub const fn can_raise(self) -> bool {
                FACTS[self as usize].raises
            }

            /// Whether it can run Python code or call out before the next
            /// instruction of this frame runs: calls, dunder methods,
            /// descriptors and properties, `__hash__`/`__eq__` of keys,
            /// iterators, imports, and the caller running while a generator
            /// is suspended. After such an instruction nothing cached about
            /// globals, attributes or mutable objects still holds. Dropping
            /// a value never escapes (pvm runs no `__del__`).
            pub const fn escapes(self) -> bool {
                FACTS[self as usize].escapes
            }

            /// Where control can go after it.
            pub const fn flow(self) -> Flow {
                FACTS[self as usize].flow
            }

            /// Net stack effect when execution falls through to the next
            /// instruction.
            pub fn stack_effect(self, arg: u32) -> i32 {
                self.stack_info(arg).effect
            }

            /// How many values must be on the stack for the instruction to
            /// run (what it pops or looks at), for the `.pyc` verifier.
            pub fn stack_inputs(self, arg: u32) -> i32 {
                self.stack_info(arg).inputs
            }

            /// Net stack effect when the instruction jumps (only meaningful
            /// for `Operand::Jump` opcodes).
            pub fn jump_stack_effect(self, arg: u32) -> i32 {
                self.stack_info(arg).jump
            }
        }
    };
}

// The declaration: name, operand kind, facts in brackets (see `Facts`),
// then stack effects as closures of the (full, extended) argument.
opcodes! {
    /// Does nothing.
    NOP (None) [] stack |_| 0, jump |_| 0;
    /// Prefixes the next instruction's argument with 8 more high bits.
    EXTENDED_ARG (Raw) [] stack |_| 0, jump |_| 0;
    /// Discards the top of the stack.
    POP_TOP (None) [] stack |_| -1, jump |_| 0;
    /// Pushes a copy of the item `arg` places down (1 = top).
    COPY (Count) [] stack |_| 1, jump |_| 0, needs |n| n;
    /// Swaps the top of the stack with the item `arg` places down.
    SWAP (Count) [] stack |_| 0, jump |_| 0, needs |n| n;
    /// Pushes `co_consts[arg]`.
    LOAD_CONST (Const) [] stack |_| 1, jump |_| 0;
    /// Pushes fast local `arg`; raises UnboundLocalError if it is unset.
    LOAD_FAST (Local) [raises] stack |_| 1, jump |_| 0;
    /// Pops into fast local `arg`.
    STORE_FAST (Local) [] stack |_| -1, jump |_| 0;
    /// Unsets fast local `arg`.
    DELETE_FAST (Local) [raises] stack |_| 0, jump |_| 0;
    /// Pushes global `co_names[arg]`, falling back to the builtins.
    LOAD_GLOBAL (Name) [raises] stack |_| 1, jump |_| 0;
    /// Pops into global `co_names[arg]`.
    STORE_GLOBAL (Name) [] stack |_| -1, jump |_| 0;
    /// Deletes global `co_names[arg]`.
    DELETE_GLOBAL (Name) [raises] stack |_| 0, jump |_| 0;
    /// Pushes name `co_names[arg]` looked up in locals, globals, builtins (module and class bodies).
    LOAD_NAME (Name) [raises escapes] stack |_| 1, jump |_| 0;
    /// Pops into name `co_names[arg]` of the current namespace.
    STORE_NAME (Name) [raises escapes] stack |_| -1, jump |_| 0;
    /// Deletes name `co_names[arg]` from the current namespace.
    DELETE_NAME (Name) [raises escapes] stack |_| 0, jump |_| 0;
    /// Pops attribute owner, pushes `owner.co_names[arg]`.
    LOAD_ATTR (Name) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Pops owner and value, sets `owner.co_names[arg] = value`.
    STORE_ATTR (Name) [raises escapes] stack |_| -2, jump |_| 0;
    /// Pops owner, performs `del owner.co_names[arg]`.
    DELETE_ATTR (Name) [raises escapes] stack |_| -1, jump |_| 0;
    /// Replaces owner with the method `co_names[arg]` and owner itself when that is a plain method, else with the attribute and an empty marker.
    LOAD_METHOD (Name) [raises escapes] stack |_| 1, jump |_| 0, needs |_| 1;
    /// Calls what `LOAD_METHOD` left below `arg` arguments (passing the owner first when it found a method).
    CALL_METHOD (Count) [raises escapes] stack |n| -n - 1, jump |_| 0, needs |n| n + 2;
    /// Pushes the builtin `__build_class__`.
    LOAD_BUILD_CLASS (None) [] stack |_| 1, jump |_| 0;
    /// Pops rhs and lhs, pushes `lhs <op> rhs` for the operator `arg` (in-place variants included).
    BINARY_OP (BinaryOp) [raises escapes] stack |_| -1, jump |_| 0, needs |_| 2;
    /// Replaces the top of the stack with its negation.
    UNARY_NEGATIVE (None) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Replaces the top of the stack with `+x`.
    UNARY_POSITIVE (None) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Replaces the top of the stack with `not x`.
    UNARY_NOT (None) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Replaces the top of the stack with `~x`.
    UNARY_INVERT (None) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Pops rhs and lhs, pushes the rich comparison `arg` of them.
    COMPARE_OP (CompareOp) [raises escapes] stack |_| -1, jump |_| 0, needs |_| 2;
    /// Pops rhs and lhs, pushes `lhs is rhs` (inverted when arg is 1).
    IS_OP (Invert) [] stack |_| -1, jump |_| 0, needs |_| 2;
    /// Pops container and item, pushes `item in container` (inverted when arg is 1).
    CONTAINS_OP (Invert) [raises escapes] stack |_| -1, jump |_| 0, needs |_| 2;
    /// Pops key and container, pushes `container[key]`.
    BINARY_SUBSCR (None) [raises escapes] stack |_| -1, jump |_| 0, needs |_| 2;
    /// Pops key, container and value, performs `container[key] = value`.
    STORE_SUBSCR (None) [raises escapes] stack |_| -3, jump |_| 0;
    /// Pops key and container, performs `del container[key]`.
    DELETE_SUBSCR (None) [raises escapes] stack |_| -2, jump |_| 0;
    /// Pops `arg` (2 or 3) bounds, pushes a slice object.
    BUILD_SLICE (Count) [] stack |n| 1 - n, jump |_| 0, needs |n| n;
    /// Pops `arg` items, pushes a tuple of them.
    BUILD_TUPLE (Count) [] stack |n| 1 - n, jump |_| 0, needs |n| n;
    /// Pops `arg` items, pushes a list of them.
    BUILD_LIST (Count) [] stack |n| 1 - n, jump |_| 0, needs |n| n;
    /// Pops `arg` key/value pairs, pushes a dict of them.
    BUILD_MAP (Count) [raises escapes] stack |n| 1 - 2 * n, jump |_| 0, needs |n| 2 * n;
    /// Pops a sequence, pushes its `arg` items so the first ends on top.
    UNPACK_SEQUENCE (Count) [raises escapes] stack |n| n - 1, jump |_| 0, needs |_| 1;
    /// Pops a sequence, pushes `arg & 0xff` leading items, a list of the middle ones and `arg >> 8` trailing items, the first on top.
    UNPACK_EX (Raw) [raises escapes] stack |arg| (arg & 0xff) + (arg >> 8), jump |_| 0, needs |_| 1;
    /// Jumps to instruction `arg`.
    JUMP (Jump) [raises jump] stack |_| 0, jump |_| 0;
    /// Pops the top of the stack; jumps to `arg` if it is false.
    POP_JUMP_IF_FALSE (Jump) [raises escapes branch] stack |_| -1, jump |_| -1;
    /// Pops the top of the stack; jumps to `arg` if it is true.
    POP_JUMP_IF_TRUE (Jump) [raises escapes branch] stack |_| -1, jump |_| -1;
    /// If the top of the stack is false, jumps to `arg` keeping it; else pops it.
    JUMP_IF_FALSE_OR_POP (Jump) [raises escapes branch] stack |_| -1, jump |_| 0, needs |_| 1;
    /// If the top of the stack is true, jumps to `arg` keeping it; else pops it.
    JUMP_IF_TRUE_OR_POP (Jump) [raises escapes branch] stack |_| -1, jump |_| 0, needs |_| 1;
    /// Replaces the top of the stack with an iterator over it.
    GET_ITER (None) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Pushes the iterator's next item; when exhausted pops the iterator and jumps to `arg`.
    FOR_ITER (Jump) [raises escapes branch] stack |_| 1, jump |_| -1, needs |_| 1;
    /// Calls the callable below `arg` positional arguments; pushes the result.
    CALL (Count) [raises escapes] stack |n| -n, jump |_| 0, needs |n| n + 1;
    /// Like CALL, but the top of the stack is a tuple naming the last keyword arguments; `arg` counts all arguments.
    CALL_KW (Count) [raises escapes] stack |n| -n - 1, jump |_| 0, needs |n| n + 2;
    /// Pops a code object (below it: a closure tuple when arg & 8, a kw-defaults dict when arg & 2, a defaults tuple when arg & 1), pushes a new function.
    MAKE_FUNCTION (Raw) [raises] stack |flags| -(flags & 1) - ((flags >> 1) & 1) - ((flags >> 3) & 1), jump |_| 0, needs |flags| 1 + (flags & 1) + ((flags >> 1) & 1) + ((flags >> 3) & 1);
    /// Replaces local slot `arg` with a new cell holding its current value (unbound if none).
    MAKE_CELL (Local) [] stack |_| 0, jump |_| 0;
    /// Copies the running function's `arg` closure cells into the last `arg` local slots.
    COPY_FREE_VARS (Count) [] stack |_| 0, jump |_| 0;
    /// Pushes the value held by the cell in local slot `arg`.
    LOAD_DEREF (Local) [raises] stack |_| 1, jump |_| 0;
    /// Pops a value into the cell in local slot `arg`.
    STORE_DEREF (Local) [] stack |_| -1, jump |_| 0;
    /// Pushes the cell in local slot `arg` itself, to build a closure.
    LOAD_CLOSURE (Local) [] stack |_| 1, jump |_| 0;
    /// Pops a value and appends it to the list `arg` places down (comprehensions).
    LIST_APPEND (Count) [raises] stack |_| -1, jump |_| 0, needs |n| n + 1;
    /// Pops an iterable and extends the list `arg` places down with its items.
    LIST_EXTEND (Count) [raises escapes] stack |_| -1, jump |_| 0, needs |n| n + 1;
    /// Replaces the list on top of the stack with a tuple of its items.
    LIST_TO_TUPLE (None) [] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Pops an iterable and adds its items to the set `arg` places down.
    SET_UPDATE (Count) [raises escapes] stack |_| -1, jump |_| 0, needs |n| n + 1;
    /// Pops a mapping and updates the dict `arg` places down with it (`{**m}`).
    DICT_UPDATE (Count) [raises] stack |_| -1, jump |_| 0, needs |n| n + 1;
    /// Pops a mapping and merges it into the dict `arg` places down, refusing repeated keys (call keywords).
    DICT_MERGE (Count) [raises] stack |_| -1, jump |_| 0, needs |n| n + 1;
    /// Pops the callable, a tuple of positional arguments and (when arg & 1) a dict of keyword arguments below it; pushes the call's result.
    CALL_FUNCTION_EX (Raw) [raises escapes] stack |flags| -1 - (flags & 1), jump |_| 0, needs |flags| 2 + (flags & 1);
    /// Pops a value and a key and stores them in the dict `arg` places down (comprehensions).
    MAP_ADD (Count) [raises escapes] stack |_| -2, jump |_| 0, needs |n| n + 2;
    /// Starts a generator or coroutine: moves the frame's locals into a new generator object and returns it (the frame, when resumed, continues with the sent value pushed).
    RETURN_GENERATOR (None) [raises escapes yield] stack |_| 1, jump |_| 0, needs |_| 0;
    /// Pops a value and suspends the generator with it; resuming pushes the value sent in.
    YIELD_VALUE (None) [raises escapes yield] stack |_| 0, jump |_| 0, needs |_| 1;
    /// With an iterator below a value: sends the value in and pushes what it yields; when it returns, replaces both with the return value and jumps to `arg`.
    SEND (Jump) [raises escapes branch] stack |_| 0, jump |_| -1, needs |_| 2;
    /// Replaces the top of the stack with an iterator for `yield from` (a generator or coroutine stays as it is).
    GET_YIELD_FROM_ITER (None) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Replaces the top of the stack with the iterator `await` drives (a coroutine, or what `__await__` returns).
    GET_AWAITABLE (None) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 1;
    /// Pops a value and adds it to the set `arg` places down (set displays and comprehensions).
    SET_ADD (Count) [raises escapes] stack |_| -1, jump |_| 0, needs |n| n + 1;
    /// Pops `arg` items, pushes a set of them.
    BUILD_SET (Count) [raises escapes] stack |n| 1 - n, jump |_| 0, needs |n| n;
    /// Returns the top of the stack to the caller.
    RETURN_VALUE (None) [return] stack |_| -1, jump |_| 0, needs |_| 1;
    /// Pops `arg` strings, pushes their concatenation (f-strings).
    BUILD_STRING (Count) [] stack |n| 1 - n, jump |_| 0, needs |n| n;
    /// Pops a value (and a format spec when arg & 4), pushes it formatted; arg & 3 is the conversion (1 str, 2 repr, 3 ascii).
    FORMAT_VALUE (Raw) [raises escapes] stack |flags| -((flags & 4) >> 2), jump |_| 0, needs |flags| 1 + ((flags & 4) >> 2);
    /// Raises: arg 0 re-raises the exception being handled, 1 raises the top of the stack, 2 raises the second from the top with the top as its cause.
    RAISE_VARARGS (Count) [raises escapes raise] stack |n| -n, jump |_| 0;
    /// Entering a handler: pops the exception, pushes the previously handled one and then it, and makes it the one being handled.
    PUSH_EXC_INFO (None) [] stack |_| 1, jump |_| 0, needs |_| 1;
    /// Leaving a handler: pops the previously handled exception and makes it current again.
    POP_EXCEPT (None) [] stack |_| -1, jump |_| 0, needs |_| 1;
    /// Pops a type (or tuple of types), pushes whether the exception below it is an instance.
    CHECK_EXC_MATCH (None) [raises] stack |_| 0, jump |_| 0, needs |_| 2;
    /// Pops an exception and raises it again, keeping its traceback.
    RERAISE (None) [raises raise] stack |_| -1, jump |_| 0, needs |_| 1;
    /// Replaces a context manager with its bound `__exit__` and the result of calling its `__enter__`.
    BEFORE_WITH (None) [raises escapes] stack |_| 1, jump |_| 0, needs |_| 1;
    /// With `__exit__` 3 places down and an exception on top, pushes `__exit__(type, exception, None)`.
    WITH_EXCEPT_START (None) [raises escapes] stack |_| 1, jump |_| 0, needs |_| 3;
    /// Pops the from-list (None or a tuple of names) and the relative level, imports module `co_names[arg]` and pushes it (its top-level package when the from-list is None), like `__import__`.
    IMPORT_NAME (Name) [raises escapes] stack |_| -1, jump |_| 0, needs |_| 2;
    /// Pushes attribute `co_names[arg]` of the module on top of the stack (which stays).
    IMPORT_FROM (Name) [raises] stack |_| 1, jump |_| 0, needs |_| 1;
    /// Pops a module and binds all its public names in the module namespace.
    IMPORT_STAR (None) [raises] stack |_| -1, jump |_| 0;
    /// Raises NotImplementedError for the construct named by `co_consts[arg]` (language not supported yet).
    RAISE_UNSUPPORTED (Const) [raises raise] stack |_| 0, jump |_| 0;
    /// Pops a value and shows it as the interactive prompt does (`sys.displayhook`): `'single'` code's expression statements.
    PRINT_EXPR (None) [raises escapes] stack |_| -1, jump |_| 0;
    /// Pushes `len()` of the top of the stack, which stays (sequence and mapping patterns).
    GET_LEN (None) [raises escapes] stack |_| 1, jump |_| 0, needs |_| 1;
    /// Pushes whether the top of the stack is a mapping that mapping patterns match.
    MATCH_MAPPING (None) [] stack |_| 1, jump |_| 0, needs |_| 1;
    /// Pushes whether the top of the stack is a sequence that sequence patterns match (not str, bytes or bytearray).
    MATCH_SEQUENCE (None) [] stack |_| 1, jump |_| 0, needs |_| 1;
    /// With a tuple of keys on top of a mapping, pushes the tuple of their values, or None when one is missing.
    MATCH_KEYS (None) [raises escapes] stack |_| 1, jump |_| 0, needs |_| 2;
    /// Replaces the tuple of keys on top of a mapping with a dict of the mapping's other items (`**rest`).
    COPY_DICT_WITHOUT_KEYS (None) [raises escapes] stack |_| 0, jump |_| 0, needs |_| 2;
    /// Pops keyword names, class and subject; pushes the tuple of the `arg` positional then keyword attributes of a matching subject, or None.
    MATCH_CLASS (Count) [raises escapes] stack |_| -2, jump |_| 0, needs |_| 3;
}

/// The operators of `BINARY_OP`, numbered like CPython 3.11's `NB_*` constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinaryOperator {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    LShift = 3,
    MatMul = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    RShift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
}

impl BinaryOperator {
    const ALL: [BinaryOperator; 13] = [
        Self::Add,
        Self::And,
        Self::FloorDivide,
        Self::LShift,
        Self::MatMul,
        Self::Multiply,
        Self::Remainder,
        Self::Or,
        Self::Power,
        Self::RShift,
        Self::Subtract,
        Self::TrueDivide,
        Self::Xor,
    ];
    /// Offset added to the argument for the augmented-assignment form (`+=`).
    pub const INPLACE: u32 = 13;

    /// Splits a `BINARY_OP` argument into the operator and whether it is in-place.
    pub fn decode(arg: u32) -> Option<(BinaryOperator, bool)> {
        let inplace = arg >= Self::INPLACE;
        let index = if inplace { arg - Self::INPLACE } else { arg };
        Self::ALL.get(index as usize).map(|op| (*op, inplace))
    }

    /// The operator as written in source (`+`, `//`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Add => "+",
            Self::And => "&",
            Self::FloorDivide => "//",
            Self::LShift => "<<",
            Self::MatMul => "@",
            Self::Multiply => "*",
            Self::Remainder => "%",
            Self::Or => "|",
            Self::Power => "**",
            Self::RShift => ">>",
            Self::Subtract => "-",
            Self::TrueDivide => "/",
            Self::Xor => "^",
        }
    }
}

/// The rich comparisons of `COMPARE_OP`, numbered like CPython's `Py_LT`...
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CompareOperator {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOperator {
    const ALL: [CompareOperator; 6] = [Self::Lt, Self::Le, Self::Eq, Self::Ne, Self::Gt, Self::Ge];

    pub fn decode(arg: u32) -> Option<CompareOperator> {
        Self::ALL.get(arg as usize).copied()
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::Gt => ">",
            Self::Ge => ">=",
        }
    }

    /// The comparison with operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CompareOperator {
        match self {
            Self::Lt => Self::Gt,
            Self::Le => Self::Ge,
            Self::Eq => Self::Eq,
            Self::Ne => Self::Ne,
            Self::Gt => Self::Lt,
            Self::Ge => Self::Le,
        }
    }
}

/// One code unit of wordcode: an opcode and an 8-bit argument. Arguments
/// wider than 8 bits are prefixed with `EXTENDED_ARG` units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct CodeUnit {
    pub op: Opcode,
    pub arg: u8,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_round_trips() {
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(*op as u8 as usize, i);
            assert_eq!(Opcode::from_u8(i as u8), Some(*op));
            assert!(!op.doc().is_empty(), "{} has no doc line", op.name());
        }
        assert_eq!(Opcode::from_u8(Opcode::ALL.len() as u8), None);
    }

    #[test]
    fn code_units_are_two_bytes() {
        assert_eq!(std::mem::size_of::<CodeUnit>(), 2);
    }

    #[test]
    fn facts_are_consistent() {
        for &op in Opcode::ALL {
            let flow = op.flow();
            assert_eq!(flow.jumps(), op.operand() == Operand::Jump, "{}", op.name());
            // Running Python code can always raise.
            assert!(!op.escapes() || op.can_raise(), "{} escapes", op.name());
            assert!(
                flow != Flow::Raise || op.can_raise(),
                "{} raises",
                op.name()
            );
        }
    }

    #[test]
    fn facts_of_representative_opcodes() {
        use Opcode::*;
        let facts = |op: Opcode| (op.can_raise(), op.escapes(), op.flow());
        assert_eq!(facts(NOP), (false, false, Flow::Next));
        assert_eq!(facts(LOAD_CONST), (false, false, Flow::Next));
        assert_eq!(facts(LOAD_FAST), (true, false, Flow::Next));
        assert_eq!(facts(STORE_FAST), (false, false, Flow::Next));
        assert_eq!(facts(LOAD_ATTR), (true, true, Flow::Next));
        assert_eq!(facts(BINARY_OP), (true, true, Flow::Next));
        assert_eq!(facts(CALL), (true, true, Flow::Next));
        assert_eq!(facts(IMPORT_NAME), (true, true, Flow::Next));
        assert_eq!(facts(JUMP), (true, false, Flow::Jump));
        assert_eq!(facts(POP_JUMP_IF_FALSE), (true, true, Flow::Branch));
        assert_eq!(facts(FOR_ITER), (true, true, Flow::Branch));
        assert_eq!(facts(RETURN_VALUE), (false, false, Flow::Return));
        assert_eq!(facts(YIELD_VALUE), (true, true, Flow::Yield));
        assert_eq!(facts(RERAISE), (true, false, Flow::Raise));
    }

    #[test]
    fn the_block_enders_are_jumps_exits_and_raises() {
        let enders: Vec<&str> = Opcode::ALL
            .iter()
            .filter(|op| op.flow().ends_block() && !op.flow().jumps())
            .map(|op| op.name())
            .collect();
        assert_eq!(
            enders,
            [
                "RETURN_GENERATOR",
                "YIELD_VALUE",
                "RETURN_VALUE",
                "RAISE_VARARGS",
                "RERAISE",
                "RAISE_UNSUPPORTED"
            ]
        );
        let no_fall_through: Vec<&str> = Opcode::ALL
            .iter()
            .filter(|op| !op.flow().falls_through())
            .map(|op| op.name())
            .collect();
        assert_eq!(
            no_fall_through,
            [
                "JUMP",
                "RETURN_VALUE",
                "RAISE_VARARGS",
                "RERAISE",
                "RAISE_UNSUPPORTED"
            ]
        );
    }

    #[test]
    fn stack_effects_follow_the_declaration() {
        assert_eq!(Opcode::BUILD_TUPLE.stack_effect(3), -2);
        assert_eq!(Opcode::CALL.stack_effect(2), -2);
        assert_eq!(Opcode::FOR_ITER.stack_effect(0), 1);
        assert_eq!(Opcode::FOR_ITER.jump_stack_effect(0), -1);
        assert_eq!(
            BinaryOperator::decode(13 + 10),
            Some((BinaryOperator::Subtract, true))
        );
    }
}
