//! `_pvm_types`, the Rust half of pvm's `types` module (`python/types.py`
//! re-exports it): the types of functions, methods, generators and
//! modules (frames and tracebacks too) under their standard names, `GenericAlias` (what `list[int]`
//! makes) and `UnionType` (what `int | None` makes). The helpers for
//! building types dynamically are the Python half.

use super::module;
use crate::call::no_keywords;
use crate::exceptions::{type_error, PyResult};
use crate::types;
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use std::rc::Rc;

fn generic_alias(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("GenericAlias", kw)?;
    match args {
        [origin, parameters] => Ok(crate::alias::new(origin.clone(), parameters)),
        _ => Err(type_error(format!(
            "GenericAlias expected 2 arguments, got {}",
            args.len()
        ))),
    }
}

/// `types.GenericAlias(origin, args)`, what calling the type does.
pub static GENERIC_ALIAS: Builtin = Builtin {
    name: "GenericAlias",
    func: generic_alias,
};

/// The types of `__slots__` members and of C-level getset attributes: pvm
/// makes no such objects, so nothing is an instance of these.
static MEMBER_DESCRIPTOR: types::PyType = types::PyType {
    name: "member_descriptor",
    base: Some(&types::OBJECT),
    kind: types::TypeKind::Opaque,
    class: None,
};

static GETSET_DESCRIPTOR: types::PyType = types::PyType {
    name: "getset_descriptor",
    base: Some(&types::OBJECT),
    kind: types::TypeKind::Opaque,
    class: None,
};

pub fn create() -> Value {
    let named = |name, t: &'static types::PyType| (name, Value::Type(t));
    module(
        "_pvm_types",
        &[],
        vec![
            named("FunctionType", &types::FUNCTION),
            named("LambdaType", &types::FUNCTION),
            named("MethodType", &types::METHOD),
            named("BuiltinFunctionType", &types::BUILTIN_FUNCTION),
            named("BuiltinMethodType", &types::BUILTIN_FUNCTION),
            named("GeneratorType", &types::GENERATOR),
            named("CoroutineType", &types::COROUTINE),
            named("ModuleType", &types::MODULE),
            // pvm has one type for the methods of builtin types, bound or not.
            named("MethodDescriptorType", &types::METHOD_DESCRIPTOR),
            named("WrapperDescriptorType", &types::METHOD_DESCRIPTOR),
            named("ClassMethodDescriptorType", &types::METHOD_DESCRIPTOR),
            named("MethodWrapperType", &types::BUILTIN_FUNCTION),
            named("CodeType", &types::CODE),
            named("FrameType", &crate::frame_objects::FRAME),
            named("MemberDescriptorType", &MEMBER_DESCRIPTOR),
            named("GetSetDescriptorType", &GETSET_DESCRIPTOR),
            named("TracebackType", &crate::frame_objects::TRACEBACK),
            named("CellType", &types::CELL),
            named("NoneType", &types::NONE_TYPE),
            named("EllipsisType", &types::ELLIPSIS),
            named("NotImplementedType", &types::NOT_IMPLEMENTED_TYPE),
            named("UnionType", &crate::union::UNION_TYPE),
            named("GenericAlias", &crate::alias::GENERIC_ALIAS),
            named("MappingProxyType", &super::mappingproxy::MAPPING_PROXY),
        ],
    )
}
