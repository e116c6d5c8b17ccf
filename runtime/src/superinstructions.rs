//! The superinstructions: pairs of adjacent opcodes that a dispatcher may run
//! with one dispatch instead of two, like CPython 3.11's `LOAD_FAST__LOAD_FAST`.
//!
//! This module only lists the pairs, once, for every backend. It does not say
//! how a pair runs (each backend runs the two `opcode_body!`s in sequence with
//! its own registers) or where pairs are fused (each backend fuses greedily,
//! left to right, when it translates a code object). The bytecode itself never
//! contains a superinstruction: compiled code, `.pyc` files and `pvm dis`
//! show the two instructions, and the second keeps its own opcode, so a jump
//! into the middle of a pair still works.
//!
//! The pairs are the most frequent dynamic ones over `bench-suite/`, counted
//! with `pvm run --opcode-pairs` on each program and summed (2026-11-24).
//! Pairs whose first instruction always transfers control (`JUMP LOAD_FAST`,
//! `CALL LOAD_FAST`) are left out, because nothing runs after it. The
//! attribute pairs are what `self.x` compiles to, and they dominate
//! object-oriented programs (richards):
//!
//! | pair | executions |
//! |---|---|
//! | `LOAD_FAST LOAD_FAST` | 38,441,855 |
//! | `LOAD_FAST LOAD_CONST` | 33,082,370 |
//! | `LOAD_FAST BINARY_OP` | 19,722,460 |
//! | `LOAD_CONST BINARY_OP` | 19,285,554 |
//! | `COMPARE_OP POP_JUMP_IF_FALSE` | 15,404,974 |
//! | `STORE_FAST LOAD_FAST` | 14,837,483 |
//! | `POP_JUMP_IF_FALSE LOAD_FAST` | 13,726,791 |
//! | `BINARY_OP STORE_FAST` | 12,973,099 |
//! | `STORE_SUBSCR LOAD_FAST` | 8,828,439 |
//! | `STORE_FAST JUMP` | 8,728,106 |
//! | `LOAD_FAST COMPARE_OP` | 6,943,057 |
//! | `STORE_FAST STORE_FAST` | 5,175,756 |
//! | `LOAD_FAST LOAD_ATTR` | 5,092,422 |
//! | `LOAD_FAST LOAD_METHOD` | 2,493,018 |
//! | `LOAD_FAST STORE_ATTR` | 1,618,337 |

/// Calls `$callback! { NAME: FIRST SECOND; ... }` with every superinstruction;
/// `for_each_superinstruction!(callback, [tokens])` passes `[tokens]` first.
#[macro_export]
macro_rules! for_each_superinstruction {
    ($callback:ident $(, [$($extra:tt)*])?) => {
        $callback! {
            $([$($extra)*])?
            LOAD_FAST__LOAD_FAST: LOAD_FAST LOAD_FAST;
            LOAD_FAST__LOAD_CONST: LOAD_FAST LOAD_CONST;
            LOAD_FAST__BINARY_OP: LOAD_FAST BINARY_OP;
            LOAD_CONST__BINARY_OP: LOAD_CONST BINARY_OP;
            COMPARE_OP__POP_JUMP_IF_FALSE: COMPARE_OP POP_JUMP_IF_FALSE;
            STORE_FAST__LOAD_FAST: STORE_FAST LOAD_FAST;
            POP_JUMP_IF_FALSE__LOAD_FAST: POP_JUMP_IF_FALSE LOAD_FAST;
            BINARY_OP__STORE_FAST: BINARY_OP STORE_FAST;
            STORE_SUBSCR__LOAD_FAST: STORE_SUBSCR LOAD_FAST;
            STORE_FAST__JUMP: STORE_FAST JUMP;
            LOAD_FAST__COMPARE_OP: LOAD_FAST COMPARE_OP;
            STORE_FAST__STORE_FAST: STORE_FAST STORE_FAST;
            LOAD_FAST__LOAD_ATTR: LOAD_FAST LOAD_ATTR;
            LOAD_FAST__LOAD_METHOD: LOAD_FAST LOAD_METHOD;
            LOAD_FAST__STORE_ATTR: LOAD_FAST STORE_ATTR;
        }
    };
}
