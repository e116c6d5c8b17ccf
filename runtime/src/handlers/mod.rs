//! The body of every opcode, written once. Each backend expands these into
//! its own dispatcher: the switch PVM into `match` arms, the threaded VM into
//! tail-calling handler functions, as CPython generates both of its
//! interpreters from `Python/bytecodes.c`.
//!
//! A body moves values between the operand stack and the locals and calls
//! this crate for everything an operation means. It never touches dispatcher
//! state directly. Everything it needs comes from macros that the expanding
//! backend defines in scope:
//!
//! | macro | meaning |
//! |---|---|
//! | `arg!()` | the instruction's argument (`u32`; jump targets in the dispatcher's own units) |
//! | `push!(v)`, `pop!()`, `peek!(n)`, `pop_n!(n)` | operand stack (`peek!(1)` is the top, `&mut Value`; `pop_n!` returns oldest first) |
//! | `local!(i)` | fast local `i`, `&mut Value` |
//! | `constant!(i)`, `name!(i)` | `co_consts[i]`, `co_names[i]` |
//! | `code!()`, `function!()`, `interp!()` | the running `RtCode`, its `Function`, the `Interp` |
//! | `function_value!()` | the `Value::Function` that keeps the running frame's function alive |
//! | `fail!(err)`, `check!(result)` | raise; unwrap or raise |
//! | `jump!(target)` | continue at `target` instead of the next instruction |
//! | `branch_on!(b)` | a comparison's result: push it as a bool, or take a predicted conditional jump |
//! | `call!(argc, kwnames)` | call the callable below `argc` arguments |
//! | `return_value!()` | pop the top of the stack and return it from the running frame |
//! | `yield_value!()` | pop the top of the stack and suspend the running (generator) frame with it |
//! | `extended_arg!()` | `EXTENDED_ARG` (only dispatchers that keep prefixes see it) |
//! | `profile!(kind, ...)` | type feedback on operands not yet consumed: `operands` (two), `iterator`, `callee`, `attribute` (owner, name index); see below |
//!
//! One rule keeps the threaded VM's handlers tail-calling: a body never
//! passes a reference to a value it has popped into the runtime. Operands
//! stay in their stack slots (`peek!`) while the runtime works on them and
//! are popped afterwards. A pointer to a handler-local value that escapes
//! into an opaque call stops LLVM from turning the handler's final call into
//! a jump (`pvm-threaded`'s `tail_calls` test catches that).
//!
//! `profile!` is how a tiering JIT learns what each site sees
//! (`feedback.rs`). A dispatcher that profiles (the switch under `pvm run
//! --type-feedback`) calls `feedback::record::KIND` with the running code
//! and the site; the interpreters expand it to nothing and never evaluate
//! its arguments: they compile as if it were not there.
//!
//! Adding an opcode means declaring it in `pvm_frontend::opcode` and writing
//! its body here. Both dispatchers then fail to compile until it is handled.

/// `opcode_body!(NAME)` expands to the body of opcode `NAME`.
#[macro_export]
macro_rules! opcode_body {
    (NOP) => {{}};
    (EXTENDED_ARG) => {{
        extended_arg!()
    }};
    (POP_TOP) => {{
        pop!().discard();
    }};
    (COPY) => {{
        let value = peek!(arg!() as usize).clone();
        push!(value);
    }};
    (SWAP) => {{
        let n = arg!() as usize;
        let top: *mut $crate::Value = peek!(1);
        let other: *mut $crate::Value = peek!(n);
        // SAFETY: both point at live stack slots (possibly the same one).
        unsafe { ::std::ptr::swap(top, other) };
    }};
    (LOAD_CONST) => {{
        push!(constant!(arg!()).clone());
    }};
    (LOAD_FAST) => {{
        let value = local!(arg!());
        if let $crate::Value::Unbound = value {
            fail!($crate::handlers::unbound_local(code!(), arg!()));
        }
        let value = value.clone();
        push!(value);
    }};
    (STORE_FAST) => {{
        let value = pop!();
        ::std::mem::replace(local!(arg!()), value).discard();
    }};
    (DELETE_FAST) => {{
        let slot = local!(arg!());
        if let $crate::Value::Unbound = slot {
            fail!($crate::handlers::unbound_local(code!(), arg!()));
        }
        ::std::mem::replace(slot, $crate::Value::Unbound).discard();
    }};
    (LOAD_GLOBAL) => {{
        let function = function!();
        push!(check!($crate::globals::load_global(
            interp!(),
            &function.globals,
            code!(),
            arg!() as usize
        )));
    }};
    (STORE_GLOBAL) => {{
        let value = pop!();
        function!().globals.set_str(name!(arg!()), value);
    }};
    (DELETE_GLOBAL) => {{
        check!($crate::handlers::delete_name(
            &function!().globals,
            name!(arg!())
        ));
    }};
    (LOAD_NAME) => {{
        match &function!().namespace {
            None => $crate::opcode_body!(LOAD_GLOBAL),
            Some(_) => push!(check!($crate::classes::load_class_name(
                interp!(),
                function!(),
                name!(arg!())
            ))),
        }
    }};
    (STORE_NAME) => {{
        match &function!().namespace {
            None => $crate::opcode_body!(STORE_GLOBAL),
            Some(_) => {
                // The value moves out of its slot (no count taken); the
                // marker left behind owns nothing.
                let value = ::std::mem::replace(peek!(1), $crate::Value::Unbound);
                check!($crate::classes::store_class_name(
                    interp!(),
                    function!(),
                    name!(arg!()),
                    value
                ));
                pop!().discard();
            }
        }
    }};
    (DELETE_NAME) => {{
        check!($crate::classes::delete_class_name(
            interp!(),
            function!(),
            name!(arg!())
        ));
    }};
    (LOAD_ATTR) => {{
        profile!(attribute, peek!(1), arg!());
        check!($crate::attributes::cache::load_attr_in_place(
            interp!(),
            peek!(1),
            code!(),
            arg!()
        ));
    }};
    (STORE_ATTR) => {{
        profile!(attribute, peek!(1), arg!());
        // The value moves out of its slot (no count taken); the marker left
        // behind owns nothing.
        let value = ::std::mem::replace(peek!(2), $crate::Value::Unbound);
        check!($crate::attributes::cache::store_attr(
            interp!(),
            peek!(1),
            code!(),
            arg!(),
            value
        ));
        pop!().discard();
        pop!().discard();
    }};
    (DELETE_ATTR) => {{
        check!($crate::attributes::del_attr(
            interp!(),
            peek!(1),
            name!(arg!())
        ));
        pop!().discard();
    }};
    (LOAD_METHOD) => {{
        profile!(attribute, peek!(1), arg!());
        push!($crate::Value::Unbound);
        check!($crate::attributes::cache::load_method_in_place(
            interp!(),
            peek!(2),
            peek!(1),
            code!(),
            arg!()
        ));
    }};
    (CALL_METHOD) => {{
        let argc = arg!() as usize;
        // The method, or (above the marker) the callable.
        profile!(callee, peek!(argc + 2));
        if let $crate::Value::Unbound = peek!(argc + 1) {
            // Not a method: move the marker above the arguments and drop it.
            for depth in (1..=argc).rev() {
                let upper: *mut $crate::Value = peek!(depth);
                let lower: *mut $crate::Value = peek!(depth + 1);
                // SAFETY: two distinct live stack slots.
                unsafe { ::std::ptr::swap(upper, lower) };
            }
            pop!().discard();
            call!(argc, &[])
        } else {
            call!(argc + 1, &[])
        }
    }};
    (LOAD_BUILD_CLASS) => {{
        push!($crate::Value::Builtin(&$crate::builtins::BUILD_CLASS));
    }};
    (BINARY_OP) => {{
        let Some((op, inplace)) = $crate::handlers::binary_operator(arg!()) else {
            fail!($crate::handlers::corrupt(stringify!(BINARY_OP), arg!()));
        };
        profile!(operands, peek!(2), peek!(1));
        let lhs = peek!(2);
        if let Some(result) = $crate::ops::binary_op_fast(op, lhs, peek!(1)) {
            // Unboxed operands: overwrite in place, nothing to drop.
            ::std::mem::replace(lhs, result).discard();
            pop!().discard();
        } else {
            // The operands stay in their stack slots while the runtime works
            // on them: no pointer to a handler-local value escapes, which
            // would keep the threaded VM from tail-calling.
            let result = check!($crate::ops::binary_op(
                interp!(),
                op,
                inplace,
                peek!(2),
                peek!(1)
            ));
            pop!().discard();
            pop!().discard();
            push!(result);
        }
    }};
    (UNARY_NEGATIVE) => {{
        let result = check!($crate::ops::negative(interp!(), peek!(1)));
        ::std::mem::replace(peek!(1), result).discard();
    }};
    (UNARY_POSITIVE) => {{
        let result = check!($crate::ops::positive(interp!(), peek!(1)));
        ::std::mem::replace(peek!(1), result).discard();
    }};
    (UNARY_NOT) => {{
        let truth = check!($crate::special::truthy(interp!(), peek!(1)));
        ::std::mem::replace(peek!(1), $crate::Value::Bool(!truth)).discard();
    }};
    (UNARY_INVERT) => {{
        let result = check!($crate::ops::invert(interp!(), peek!(1)));
        ::std::mem::replace(peek!(1), result).discard();
    }};
    (COMPARE_OP) => {{
        let Some(op) = $crate::handlers::compare_operator(arg!()) else {
            fail!($crate::handlers::corrupt(stringify!(COMPARE_OP), arg!()));
        };
        profile!(operands, peek!(2), peek!(1));
        if let Some(result) = $crate::ops::compare_op_fast(op, peek!(2), peek!(1)) {
            // Unboxed operands: nothing to drop.
            pop!().discard();
            pop!().discard();
            branch_on!(result);
        } else {
            let result = check!($crate::ops::compare_op(interp!(), op, peek!(2), peek!(1)));
            pop!().discard();
            ::std::mem::replace(peek!(1), result).discard();
        }
    }};
    (IS_OP) => {{
        let rhs = pop!();
        let lhs = pop!();
        push!($crate::Value::Bool(lhs.is(&rhs) != (arg!() == 1)));
    }};
    (CONTAINS_OP) => {{
        let found = check!($crate::ops::contains(interp!(), peek!(1), peek!(2)));
        pop!().discard();
        ::std::mem::replace(peek!(1), $crate::Value::Bool(found != (arg!() == 1))).discard();
    }};
    (BINARY_SUBSCR) => {{
        profile!(operands, peek!(2), peek!(1));
        check!($crate::subscript::get_item_in_place(
            interp!(),
            peek!(2),
            peek!(1)
        ));
        pop!().discard();
    }};
    (STORE_SUBSCR) => {{
        profile!(operands, peek!(2), peek!(1));
        let value = ::std::mem::replace(peek!(3), $crate::Value::Unbound);
        check!($crate::subscript::set_item(
            interp!(),
            peek!(2),
            peek!(1),
            value
        ));
        pop!().discard();
        pop!().discard();
        pop!().discard();
    }};
    (DELETE_SUBSCR) => {{
        check!($crate::subscript::del_item(interp!(), peek!(2), peek!(1)));
        pop!().discard();
        pop!().discard();
    }};
    (BUILD_SLICE) => {{
        let step = if arg!() == 3 {
            pop!()
        } else {
            $crate::Value::None
        };
        let stop = pop!();
        let start = pop!();
        push!($crate::handlers::slice(start, stop, step));
    }};
    (BUILD_TUPLE) => {{
        let items = pop_n!(arg!());
        push!($crate::Value::tuple(items));
    }};
    (BUILD_LIST) => {{
        let items = pop_n!(arg!());
        push!($crate::Value::list(items));
    }};
    (BUILD_MAP) => {{
        let items = pop_n!(2 * arg!());
        let map = check!($crate::build::map(interp!(), items.as_slice()));
        drop(items);
        push!(map);
    }};
    (BUILD_STRING) => {{
        let parts = pop_n!(arg!());
        push!($crate::build::string(&parts));
    }};
    (UNPACK_SEQUENCE) => {{
        // Room for the items first (placeholders), then the runtime writes
        // them over the sequence and the placeholders: no vector in between.
        let count = arg!() as usize;
        for _ in 1..count {
            push!($crate::Value::None);
        }
        let sequence: *mut $crate::Value = peek!(count.max(1));
        check!($crate::build::unpack_in_place(interp!(), sequence, count));
        if count == 0 {
            pop!().discard();
        }
    }};
    (UNPACK_EX) => {{
        let items = check!($crate::build::unpack_starred(
            interp!(),
            peek!(1),
            (arg!() & 0xff) as usize,
            (arg!() >> 8) as usize
        ));
        pop!().discard();
        for item in items.into_iter().rev() {
            push!(item);
        }
    }};
    (JUMP) => {{
        jump!(arg!());
    }};
    (POP_JUMP_IF_FALSE) => {{
        let taken = !check!($crate::special::truthy(interp!(), peek!(1)));
        pop!().discard();
        if taken {
            jump!(arg!());
        }
    }};
    (POP_JUMP_IF_TRUE) => {{
        let taken = check!($crate::special::truthy(interp!(), peek!(1)));
        pop!().discard();
        if taken {
            jump!(arg!());
        }
    }};
    (JUMP_IF_FALSE_OR_POP) => {{
        if !check!($crate::special::truthy(interp!(), peek!(1))) {
            jump!(arg!());
        } else {
            pop!().discard();
        }
    }};
    (JUMP_IF_TRUE_OR_POP) => {{
        if check!($crate::special::truthy(interp!(), peek!(1))) {
            jump!(arg!());
        } else {
            pop!().discard();
        }
    }};
    (GET_ITER) => {{
        let iterator = check!($crate::iter::get_iter(interp!(), peek!(1)));
        ::std::mem::replace(peek!(1), iterator).discard();
    }};
    (FOR_ITER) => {{
        // The next item goes into a fresh slot above the iterator. All the
        // work is out of line: inlined iteration code passes addresses of
        // locals to calls, which keeps the threaded VM's handler from
        // ending in a tail call.
        profile!(iterator, peek!(1));
        push!($crate::Value::None);
        let more = check!($crate::iter::for_iter(interp!(), peek!(2), peek!(1)));
        if !more {
            pop!().discard();
            pop!().discard();
            jump!(arg!());
        }
    }};
    (CALL) => {{
        profile!(callee, peek!(arg!() as usize + 1));
        call!(arg!() as usize, &[])
    }};
    (CALL_KW) => {{
        profile!(callee, peek!(arg!() as usize + 2));
        let keywords = check!($crate::build::keyword_names(peek!(1)));
        pop!().discard();
        call!(arg!() as usize, &keywords)
    }};
    (MAKE_FUNCTION) => {{
        let count = 1 + (arg!() & 1) + ((arg!() >> 1) & 1) + ((arg!() >> 3) & 1);
        let parts = pop_n!(count);
        let made = check!($crate::handlers::make_function(
            &function!().globals,
            arg!(),
            parts.as_slice()
        ));
        drop(parts);
        push!(made);
    }};
    (MAKE_CELL) => {{
        let slot = local!(arg!());
        let value = ::std::mem::replace(slot, $crate::Value::Unbound);
        *slot = $crate::Value::cell(value);
    }};
    (COPY_FREE_VARS) => {{
        let count = arg!() as usize;
        let first = code!().local_count - count;
        for (i, cell) in function!().closure.iter().take(count).enumerate() {
            ::std::mem::replace(local!(first + i), cell.clone()).discard();
        }
    }};
    (LOAD_DEREF) => {{
        let value = check!($crate::handlers::load_cell(code!(), arg!(), local!(arg!())));
        push!(value);
    }};
    (STORE_DEREF) => {{
        let value = pop!();
        $crate::handlers::store_cell(local!(arg!()), value);
    }};
    (LOAD_CLOSURE) => {{
        let cell = local!(arg!()).clone();
        push!(cell);
    }};
    (LIST_APPEND) => {{
        let value = pop!();
        check!($crate::handlers::list_append(peek!(arg!() as usize), value));
    }};
    (LIST_EXTEND) => {{
        check!($crate::handlers::list_extend(
            interp!(),
            peek!(arg!() as usize + 1),
            peek!(1)
        ));
        pop!().discard();
    }};
    (LIST_TO_TUPLE) => {{
        let tuple = $crate::handlers::list_to_tuple(peek!(1));
        ::std::mem::replace(peek!(1), tuple).discard();
    }};
    (SET_UPDATE) => {{
        check!($crate::sets::update(
            interp!(),
            peek!(arg!() as usize + 1),
            peek!(1)
        ));
        pop!().discard();
    }};
    (DICT_UPDATE) => {{
        check!($crate::handlers::dict_update(
            peek!(arg!() as usize + 1),
            peek!(1)
        ));
        pop!().discard();
    }};
    (DICT_MERGE) => {{
        check!($crate::handlers::dict_merge(
            peek!(arg!() as usize + 1),
            peek!(1)
        ));
        pop!().discard();
    }};
    (CALL_FUNCTION_EX) => {{
        let depth = if arg!() & 1 != 0 { 3 } else { 2 };
        check!($crate::handlers::call_function_ex(
            interp!(),
            peek!(depth) as *mut $crate::Value,
            depth
        ));
        pop!().discard();
        if depth == 3 {
            pop!().discard();
        }
    }};
    (MAP_ADD) => {{
        check!($crate::handlers::map_add(
            interp!(),
            peek!(arg!() as usize + 2),
            peek!(2),
            peek!(1)
        ));
        pop!().discard();
        pop!().discard();
    }};
    (RETURN_GENERATOR) => {{
        // The stack the generator's frame will run on: its function, its
        // locals, and room for its deepest operand stack (and a sent value).
        let count = code!().local_count;
        let mut slots = Vec::with_capacity(2 + count + code!().code.max_stack as usize);
        slots.push(function_value!().clone());
        for i in 0..count {
            slots.push(::std::mem::replace(local!(i), $crate::Value::Unbound));
        }
        let generator = $crate::generators::create(function_value!(), slots);
        push!(generator);
        return_value!()
    }};
    (YIELD_VALUE) => {{
        yield_value!()
    }};
    (SEND) => {{
        match check!($crate::generators::send(interp!(), peek!(2), peek!(1))) {
            $crate::generators::Resumed::Yielded(value) => {
                ::std::mem::replace(peek!(1), value).discard();
            }
            $crate::generators::Resumed::Returned(value) => {
                pop!().discard();
                ::std::mem::replace(peek!(1), value).discard();
                jump!(arg!());
            }
        }
    }};
    (GET_YIELD_FROM_ITER) => {{
        let iterator = check!($crate::generators::yield_from_iter(interp!(), peek!(1)));
        ::std::mem::replace(peek!(1), iterator).discard();
    }};
    (GET_AWAITABLE) => {{
        let iterator = check!($crate::generators::awaitable(interp!(), peek!(1)));
        ::std::mem::replace(peek!(1), iterator).discard();
    }};
    (SET_ADD) => {{
        check!($crate::sets::add_from(
            interp!(),
            peek!(arg!() as usize + 1),
            peek!(1)
        ));
        pop!().discard();
    }};
    (BUILD_SET) => {{
        let items = pop_n!(arg!());
        push!(check!($crate::sets::build(interp!(), items)));
    }};
    (RETURN_VALUE) => {{
        return_value!()
    }};
    (FORMAT_VALUE) => {{
        let has_spec = arg!() & 4 != 0;
        let spec = if has_spec { peek!(1).as_str() } else { None };
        let value = peek!(if has_spec { 2 } else { 1 });
        let formatted = check!($crate::format::format_value(
            interp!(),
            value,
            arg!() & 3,
            spec
        ));
        if has_spec {
            pop!().discard();
        }
        pop!().discard();
        push!(formatted);
    }};
    (RAISE_VARARGS) => {{
        let error = match arg!() {
            0 => $crate::handlers::reraise_handled(interp!()),
            1 => $crate::handlers::raise_value(interp!(), peek!(1), None),
            _ => $crate::handlers::raise_value(interp!(), peek!(2), Some(peek!(1))),
        };
        fail!(error);
    }};
    (PUSH_EXC_INFO) => {{
        let exception = peek!(1).clone();
        let previous = ::std::mem::replace(&mut interp!().handled, exception);
        let exception = ::std::mem::replace(peek!(1), previous);
        push!(exception);
    }};
    (POP_EXCEPT) => {{
        let previous = pop!();
        ::std::mem::replace(&mut interp!().handled, previous).discard();
    }};
    (CHECK_EXC_MATCH) => {{
        let matched = check!($crate::handlers::exception_matches(peek!(2), peek!(1)));
        ::std::mem::replace(peek!(1), $crate::Value::Bool(matched)).discard();
    }};
    (RERAISE) => {{
        fail!($crate::handlers::reraise(peek!(1)));
    }};
    (BEFORE_WITH) => {{
        let (exit, entered) = check!($crate::special::enter_context(interp!(), peek!(1)));
        ::std::mem::replace(peek!(1), exit).discard();
        push!(entered);
    }};
    (WITH_EXCEPT_START) => {{
        push!($crate::Value::None);
        check!($crate::special::exit_context_in_place(
            interp!(),
            peek!(4),
            peek!(2),
            peek!(1)
        ));
    }};
    (IMPORT_NAME) => {{
        let module = check!($crate::modules::importer::import_name(
            interp!(),
            &function!().globals,
            name!(arg!()),
            peek!(2),
            peek!(1)
        ));
        pop!().discard();
        ::std::mem::replace(peek!(1), module).discard();
    }};
    (IMPORT_FROM) => {{
        let value = check!($crate::modules::import_from(peek!(1), name!(arg!())));
        push!(value);
    }};
    (IMPORT_STAR) => {{
        check!($crate::modules::import_star(peek!(1), &function!().globals));
        pop!().discard();
    }};
    (RAISE_UNSUPPORTED) => {{
        let what = constant!(arg!()).as_str().unwrap_or("this construct");
        fail!($crate::exceptions::unsupported(what));
    }};
    (PRINT_EXPR) => {{
        check!($crate::exec::display(interp!(), peek!(1)));
        pop!().discard();
    }};
    (GET_LEN) => {{
        push!($crate::Value::None);
        check!($crate::matching::length_into(interp!(), peek!(2), peek!(1)));
    }};
    (MATCH_MAPPING) => {{
        let answer = $crate::Value::Bool($crate::matching::is_mapping(peek!(1)));
        push!(answer);
    }};
    (MATCH_SEQUENCE) => {{
        let answer = $crate::Value::Bool($crate::matching::is_sequence(peek!(1)));
        push!(answer);
    }};
    (MATCH_KEYS) => {{
        push!($crate::Value::None);
        check!($crate::matching::keys_into(
            interp!(),
            peek!(3),
            peek!(2),
            peek!(1)
        ));
    }};
    (COPY_DICT_WITHOUT_KEYS) => {{
        check!($crate::matching::without_keys_in_place(
            interp!(),
            peek!(2),
            peek!(1)
        ));
    }};
    (MATCH_CLASS) => {{
        check!($crate::matching::class_in_place(
            interp!(),
            peek!(3),
            peek!(2),
            peek!(1),
            arg!()
        ));
        pop!().discard();
        pop!().discard();
    }};
}

mod support;
pub use support::*;
