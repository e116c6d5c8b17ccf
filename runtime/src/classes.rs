//! Making classes and instances: `__build_class__` (running a class body in
//! its own namespace and making the `PyType`) and `type(name, bases, dict)`,
//! the C3 linearisation check, `__set_name__` for properties, instantiation with `__init__`, `object()`,
//! `super()` and the descriptor constructors.
//!
//! Attribute lookup on the classes made here is `attributes/`.

use crate::attributes::{bind, user_lookup};
use crate::call;
use crate::code::intern;
use crate::exceptions::{type_error, unsupported, PyException, PyResult};
use crate::hash::DictKey;
use crate::metaclass;
use crate::types::{self, ClassData, PyType, TypeKind};
use crate::value::{Descriptor, Function, PyDict, PyInstance, PyStr, PySuper, Value};
use crate::Interp;
use std::cell::Cell;
use std::rc::Rc;

// ----- building classes -------------------------------------------------

/// `__build_class__(body, name, *bases, **keywords)`: chooses the
/// metaclass, runs the class body in the namespace its `__prepare__` makes
/// and calls the metaclass with the class's name, bases and namespace.
pub fn build_class(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let positional = &args[..args.len() - kwnames.len()];
    let [Value::Function(body), Value::Str(name), bases @ ..] = positional else {
        return Err(type_error("__build_class__: func must be a function"));
    };
    let mut meta = None;
    let mut keywords = Vec::new();
    for (keyword, value) in kwnames.iter().zip(&args[positional.len()..]) {
        if keyword.as_str() == "metaclass" {
            meta = Some(value.clone());
        } else {
            keywords.push((keyword.clone(), value.clone()));
        }
    }
    let resolved = metaclass::resolve_bases(interp, bases)?;
    let class_bases = resolved.as_deref().unwrap_or(bases);
    let base_types = base_types(class_bases)?;
    let meta = match meta {
        Some(Value::Type(t)) => Value::Type(metaclass::calculate_meta(t, &base_types)?),
        Some(other) => other,
        None => {
            let first = base_types.first().map_or(&types::TYPE, |t| t.metaclass());
            Value::Type(metaclass::calculate_meta(first, &base_types)?)
        }
    };
    let namespace_value = metaclass::prepare(interp, &meta, name, class_bases, &keywords)?;
    let (namespace, mapping) = match &namespace_value {
        Value::Dict(d) => (d.clone(), None),
        other => match crate::subclass::part(other) {
            Some(Value::Dict(d)) => (d.clone(), Some(other.clone())),
            _ => return Err(type_error("__prepare__() must return a mapping")),
        },
    };
    let module = body
        .globals
        .get_str(&intern("__name__"))
        .unwrap_or_else(|| Value::str("__main__"));
    namespace.set_str(&intern("__module__"), module.clone());
    namespace.set_str(
        &intern("__qualname__"),
        Value::Str(body.code.qualname.clone()),
    );
    if resolved.is_some() {
        namespace.set_str(&intern("__orig_bases__"), Value::tuple(bases.to_vec()));
    }
    let runner = Rc::new(Function {
        code: body.code.clone(),
        globals: body.globals.clone(),
        defaults: Box::default(),
        kwdefaults: None,
        closure: body.closure.clone(),
        simple: true,
        namespace: Some(namespace.clone()),
        mapping,
        attrs: Default::default(),
    });
    crate::frames::call_function(interp, &runner, &[], &[])?;
    drop(runner);
    // The body may name another module (`__module__ = "ast"`).
    let module = namespace.get_str(&intern("__module__")).unwrap_or(module);
    match &meta {
        Value::Type(t) if std::ptr::eq(*t, &types::TYPE) => finish_class(
            interp,
            name.as_str(),
            base_types,
            &namespace,
            module,
            t,
            &keywords,
        ),
        _ => {
            let mut args = vec![
                Value::Str(name.clone()),
                Value::tuple(class_bases.to_vec()),
                namespace_value,
            ];
            let names: Vec<Rc<PyStr>> = keywords.iter().map(|(k, _)| k.clone()).collect();
            args.extend(keywords.into_iter().map(|(_, v)| v));
            call::call(interp, &meta, &args, &names)
        }
    }
}

fn base_types(bases: &[Value]) -> PyResult<Vec<&'static PyType>> {
    let mut base_types = Vec::with_capacity(bases.len());
    for base in bases {
        match base {
            Value::Type(t) => base_types.push(*t),
            other => {
                return Err(type_error(format!(
                    "bases must be types, not '{}'",
                    other.type_name()
                )))
            }
        }
    }
    Ok(base_types)
}

/// What `__build_class__` and `type(name, bases, dict)` share once the
/// namespace is filled: the class itself, its `__class__` cell, and
/// `__set_name__` for the objects in it.
fn finish_class(
    interp: &mut Interp,
    name: &str,
    bases: Vec<&'static PyType>,
    namespace: &PyDict,
    module: Value,
    meta: &'static PyType,
    keywords: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let cell = namespace
        .map_mut()
        .shift_remove(&DictKey::from_str_key(intern("__classcell__")));
    let class = make_class(name, bases, namespace, module)?;
    if let Some(data) = &class.class {
        data.metaclass.set(meta);
    }
    if let Some(Value::Cell(cell)) = cell {
        let previous = cell.value.replace(Value::Type(class));
        drop(previous);
    }
    // `__set_name__` of the objects the body bound (descriptors learn
    // their owner and name).
    let entries = class
        .class
        .as_ref()
        .map(|c| c.dict.items())
        .unwrap_or_default();
    for (key, value) in entries {
        if let Value::Instance(object) = &value {
            if let Some(hook) = user_lookup(object.class, "__set_name__") {
                let hook = bind(hook, &value, object.class);
                call::call(interp, &hook, &[Value::Type(class), key], &[])?;
            }
        }
    }
    metaclass::init_subclass(interp, class, keywords)?;
    Ok(Value::Type(class))
}

/// `type(name, bases, dict)`: a class made from a namespace already filled,
/// whose `__module__` is the caller's module unless the dict names one.
pub fn type_new(interp: &mut Interp, name: &Value, bases: &Value, dict: &Value) -> PyResult<Value> {
    type_new_with(interp, &types::TYPE, name, bases, dict, &[])
}

/// `type.__new__(meta, name, bases, dict, **keywords)`: the class's
/// metaclass is the most derived of `meta` and its bases' metaclasses.
pub fn type_new_with(
    interp: &mut Interp,
    meta: &'static PyType,
    name: &Value,
    bases: &Value,
    dict: &Value,
    keywords: &[(Rc<PyStr>, Value)],
) -> PyResult<Value> {
    let argument = |n: usize, what: &str, given: &Value| {
        type_error(format!(
            "type.__new__() argument {n} must be {what}, not {}",
            given.type_name()
        ))
    };
    let Value::Str(name) = name else {
        return Err(argument(1, "str", name));
    };
    let Value::Tuple(bases) = bases else {
        return Err(argument(2, "tuple", bases));
    };
    let dict = match (dict, crate::subclass::part(dict)) {
        (Value::Dict(dict), _) | (_, Some(Value::Dict(dict))) => dict,
        _ => return Err(argument(3, "dict", dict)),
    };
    let bases = base_types(&bases.items)?;
    let meta = metaclass::calculate_meta(meta, &bases)?;
    let namespace = PyDict::from_map(dict.map().clone());
    let module = match namespace.get_str(&intern("__module__")) {
        Some(module) => module,
        None => {
            let module = crate::frames::caller(interp)
                .and_then(|frame| frame.globals.get_str(&intern("__name__")))
                .unwrap_or_else(|| Value::str("builtins"));
            namespace.set_str(&intern("__module__"), module.clone());
            module
        }
    };
    if let Some(qualname) = namespace.get_str(&intern("__qualname__")) {
        if !matches!(qualname, Value::Str(_)) {
            return Err(type_error(format!(
                "type __qualname__ must be a str, not {}",
                qualname.type_name()
            )));
        }
    }
    finish_class(
        interp,
        name.as_str(),
        bases,
        &namespace,
        module,
        meta,
        keywords,
    )
}

pub fn make_class(
    name: &str,
    mut bases: Vec<&'static PyType>,
    namespace: &PyDict,
    module: Value,
) -> PyResult<&'static PyType> {
    if bases.is_empty() {
        bases.push(&types::OBJECT);
    }
    for base in &bases {
        let allowed = base.is_user_class()
            || std::ptr::eq(*base, &types::OBJECT)
            || std::ptr::eq(*base, &types::TYPE)
            || base.kind == TypeKind::Exception
            || crate::subclass::extendable(base);
        if !allowed {
            return Err(unsupported(&format!(
                "subclasses of the builtin type '{}'",
                base.name
            )));
        }
    }
    // (`__setattr__` and `__delattr__` are `attributes/mod.rs`, and so is
    // a metaclass's `__getattribute__`.)
    let metaclass = bases.iter().any(|b| b.is_subtype(&types::TYPE));
    for special in ["__getattribute__"] {
        if !metaclass && namespace.get_str(&intern(special)).is_some() {
            return Err(unsupported(&format!("classes that define {special}")));
        }
    }
    let tail = types::c3_linearise(&bases).map_err(type_error)?;
    let kind = if tail
        .iter()
        .any(|t| std::ptr::eq(*t, &types::BASE_EXCEPTION))
    {
        TypeKind::Exception
    } else {
        TypeKind::Instance
    };
    let qualname = match namespace.get_str(&intern("__qualname__")) {
        Some(Value::Str(q)) => q.as_str().to_string(),
        _ => name.to_string(),
    };
    let mut dict = namespace.map().clone();
    dict.shift_remove(&DictKey::from_str_key(intern("__qualname__")));
    if let Some(new) = dict.get_mut(&DictKey::from_str_key(intern("__new__"))) {
        *new = crate::instance_new::wrap_in_class_body(std::mem::take(new));
    }
    // Implicit class methods, as in CPython.
    for implicit in ["__init_subclass__", "__class_getitem__"] {
        if let Some(method) = dict.get_mut(&DictKey::from_str_key(intern(implicit))) {
            if matches!(method, Value::Function(_)) {
                let function = std::mem::take(method);
                *method = Value::Descriptor(Rc::new(Descriptor::ClassMethod(function)));
            }
        }
    }
    // `__set_name__` for properties: they learn the name they are bound to.
    for (key, value) in dict.iter_mut() {
        if let (Value::Str(attribute), Value::Descriptor(d)) = (&key.0, &*value) {
            if let Descriptor::Property {
                getter,
                setter,
                deleter,
                name: None,
            } = &**d
            {
                *value = Value::Descriptor(Rc::new(Descriptor::Property {
                    getter: getter.clone(),
                    setter: setter.clone(),
                    deleter: deleter.clone(),
                    name: Some(attribute.clone()),
                }));
            }
        }
    }
    let class: &'static mut PyType = Box::leak(Box::new(PyType {
        name: Box::leak(name.to_string().into_boxed_str()),
        base: bases.first().copied(),
        kind,
        class: Some(Box::new(ClassData {
            qualname: std::cell::RefCell::new(qualname),
            renamed: Default::default(),
            module,
            bases,
            mro: Vec::new(),
            dict: PyDict::from_map(dict),
            shadowed: Cell::new(false),
            attribute_hint: Cell::new(0),
            init: std::cell::RefCell::new(None),
            extends: crate::subclass::extended(&tail),
            metaclass: Cell::new(&types::TYPE),
        })),
    }));
    let this: *const PyType = class;
    if let Some(data) = class.class.as_mut() {
        // SAFETY: `this` points at the leaked class, which lives forever.
        data.mro.push(unsafe { &*this });
        data.mro.extend(tail);
    }
    let class: &'static PyType = class;
    if let Some(data) = class.class.as_ref() {
        crate::metaclass::record_subclass(class, &data.bases);
    }
    Ok(class)
}

/// `LOAD_NAME` in a class body: the class namespace (through the
/// mapping `__prepare__` returned, if it is not a plain dict), then the
/// globals, then the builtins.
pub fn load_class_name(
    interp: &mut Interp,
    function: &Function,
    name: &Rc<PyStr>,
) -> PyResult<Value> {
    if let Some(mapping) = &function.mapping {
        match crate::special::get_item(interp, mapping, &Value::Str(name.clone())) {
            Ok(found) => return Ok(found),
            Err(e) if e.is(&types::KEY_ERROR) => {}
            Err(e) => return Err(e),
        }
    } else if let Some(found) = function.namespace.as_ref().and_then(|n| n.get_str(name)) {
        return Ok(found);
    }
    function
        .globals
        .get_str(name)
        .or_else(|| interp.builtins.get_str(name))
        .ok_or_else(|| {
            crate::exceptions::name_error(format!("name '{}' is not defined", name.as_str()))
        })
}

/// `STORE_NAME` in a class body.
pub fn store_class_name(
    interp: &mut Interp,
    function: &Function,
    name: &Rc<PyStr>,
    value: Value,
) -> PyResult<()> {
    match (&function.mapping, &function.namespace) {
        (Some(mapping), _) => {
            crate::special::set_item(interp, mapping, &Value::Str(name.clone()), value)
        }
        (None, Some(namespace)) => {
            namespace.set_str(name, value);
            Ok(())
        }
        (None, None) => {
            function.globals.set_str(name, value);
            Ok(())
        }
    }
}

/// `DELETE_NAME`: in the class namespace, else in the globals.
pub fn delete_class_name(
    interp: &mut Interp,
    function: &Function,
    name: &Rc<PyStr>,
) -> PyResult<()> {
    if let Some(mapping) = &function.mapping {
        return match crate::special::del_item(interp, mapping, &Value::Str(name.clone())) {
            Err(e) if e.is(&types::KEY_ERROR) => Err(crate::exceptions::name_error(format!(
                "name '{}' is not defined",
                name.as_str()
            ))),
            other => other,
        };
    }
    let namespace = function.namespace.as_deref().unwrap_or(&function.globals);
    crate::handlers::delete_name(namespace, name)
}

// ----- instantiation ------------------------------------------------------

/// Calls a user-defined class: makes the instance and runs `__init__`.
pub fn instantiate(
    interp: &mut Interp,
    class: &'static PyType,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    if class.is_subtype(&types::TYPE) {
        return metaclass::call_metaclass(interp, class, args, kwnames);
    }
    let custom_new = crate::instance_new::user_new(class);
    let instance = match &custom_new {
        None => bare_instance(class, &args[..args.len() - kwnames.len()]),
        Some(new) => {
            let made = crate::instance_new::call_new(interp, new, class, args, kwnames)?;
            if !made.type_of().is_subtype(class) {
                return Ok(made);
            }
            made
        }
    };
    let class = instance.type_of();
    match class_init(class) {
        Some(init) => {
            let init = match init {
                Value::Descriptor(_) => bind(init, &instance, class),
                other => other,
            };
            let result = match &init {
                Value::Function(_) | Value::MethodDescriptor(_) => {
                    call::with_first(&instance, args, |full| {
                        call::call(interp, &init, full, kwnames)
                    })?
                }
                other => call::call(interp, other, args, kwnames)?,
            };
            if !matches!(result, Value::None) {
                return Err(type_error(format!(
                    "__init__() should return None, not '{}'",
                    result.type_name()
                )));
            }
        }
        None if class.kind == TypeKind::Exception => {
            if !kwnames.is_empty() {
                return Err(type_error(format!(
                    "{}() takes no keyword arguments",
                    class.name
                )));
            }
        }
        None if crate::subclass::part(&instance).is_some() => {
            if let Some(base) = crate::subclass::part(&instance) {
                crate::subclass::init(interp, base, args, kwnames)?;
            }
        }
        None if !args.is_empty() && custom_new.is_none() => {
            return Err(type_error(format!("{}() takes no arguments", class.name)));
        }
        None => {}
    }
    Ok(instance)
}

/// The `__init__` of a class, looked up once per attribute-cache epoch.
/// A new instance of the user class `class` with no attributes yet (an
/// exception's holds `positional` as its `args`).
pub fn bare_instance(class: &'static PyType, positional: &[Value]) -> Value {
    if class.kind == TypeKind::Exception {
        return Value::Exception(Rc::new(PyException::new(class, positional.to_vec())));
    }
    let (hint, extends) = class
        .class
        .as_ref()
        .map_or((0, None), |c| (c.attribute_hint.get(), c.extends));
    Value::Instance(Rc::new(PyInstance {
        class,
        dict: PyDict::with_capacity(hint),
        base: crate::subclass::new_base(extends),
        hash: Cell::new(-1),
    }))
}

/// A new instance of the user class `class` that carries `base`, the
/// builtin value it extends (`int.__new__(cls, 5)`).
pub fn instance_with_base(class: &'static PyType, base: Value) -> Value {
    let hint = class.class.as_ref().map_or(0, |c| c.attribute_hint.get());
    Value::Instance(Rc::new(PyInstance {
        class,
        dict: PyDict::with_capacity(hint),
        base,
        hash: Cell::new(-1),
    }))
}

fn class_init(class: &'static PyType) -> Option<Value> {
    let Some(data) = &class.class else {
        return user_lookup(class, "__init__");
    };
    let epoch = crate::attributes::mro::epoch();
    if let Some((seen, init)) = &*data.init.borrow() {
        if *seen == epoch {
            return init.clone();
        }
    }
    let init = user_lookup(class, "__init__");
    *data.init.borrow_mut() = Some((epoch, init.clone()));
    init
}

/// `object()`: a featureless instance.
pub fn new_object() -> Value {
    Value::Instance(Rc::new(PyInstance {
        class: &types::OBJECT,
        dict: PyDict::new(),
        base: Value::None,
        hash: Cell::new(-1),
    }))
}

/// `super(class, object)`.
pub fn make_super(args: &[Value]) -> PyResult<Value> {
    match args {
        [Value::Type(after), object] => {
            let ok = match object {
                Value::Type(t) => t.is_subtype(after) || object.type_of().is_subtype(after),
                other => other.type_of().is_subtype(after),
            };
            if !ok {
                return Err(type_error(
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            Ok(Value::Super(Rc::new(PySuper {
                after,
                object: object.clone(),
            })))
        }
        [] => Err(crate::exceptions::runtime_error("super(): no arguments")),
        [other, ..] if !matches!(other, Value::Type(_)) => Err(type_error(format!(
            "super() argument 1 must be a type, not {}",
            other.type_name()
        ))),
        _ => Err(unsupported("super() with one argument")),
    }
}

/// `property(fget, fset, fdel)`, `staticmethod(f)`, `classmethod(f)`.
pub fn make_descriptor(kind: TypeKind, args: &[Value]) -> PyResult<Value> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    Ok(Value::Descriptor(Rc::new(match kind {
        TypeKind::Property => Descriptor::Property {
            getter: arg(0),
            setter: arg(1),
            deleter: arg(2),
            name: None,
        },
        TypeKind::StaticMethod => Descriptor::StaticMethod(arg(0)),
        _ => Descriptor::ClassMethod(arg(0)),
    })))
}
