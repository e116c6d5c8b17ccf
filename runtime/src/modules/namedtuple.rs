//! `collections.namedtuple`: a class whose instances keep their fields as
//! attributes and act as the tuple of them (`len`, `[]`, iteration, `==`,
//! ordering, `hash`, `_asdict`, `_replace`, `_make`), and `struct_seq`,
//! the same records for `sys.flags` and friends. Split from
//! `collections.rs`, which binds `namedtuple` in the module.
//!
//! Not a real tuple subclass: `isinstance(p, tuple)` is false.

use crate::call::Args;
use crate::exceptions::{type_error, value_error, PyResult};
use crate::hash::DictKey;
use crate::types::PyType;
use crate::value::{Builtin, Descriptor, MethodDescriptor, PyDict, PyStr, Value};
use crate::{intern, Interp};
use std::rc::Rc;

builtin_table!(NAMEDTUPLE_METHODS {
    "__init__" => nt_init,
    "__repr__" => nt_repr,
    "__getitem__" => nt_getitem,
    "__iter__" => nt_iter,
    "__len__" => nt_len,
    "__eq__" => nt_eq,
    "__lt__" => nt_lt,
    "__le__" => nt_le,
    "__gt__" => nt_gt,
    "__ge__" => nt_ge,
    "__hash__" => nt_hash,
    "_asdict" => nt_asdict,
    "_replace" => nt_replace,
    "count" => nt_count,
    "index" => nt_index,
});

fn hash_method() -> &'static Builtin {
    NAMEDTUPLE_METHODS
        .iter()
        .find(|m| m.name == "__hash__")
        .unwrap_or(&NT_MAKE)
}

static NT_MAKE: Builtin = Builtin {
    name: "_make",
    func: nt_make,
};

/// Whether instances of `class` are namedtuple instances.
pub fn is_namedtuple(class: &'static PyType) -> bool {
    class.is_user_class()
        && matches!(
            crate::attributes::lookup(class, &intern("__hash__")),
            Some(Value::MethodDescriptor(d)) if std::ptr::eq(d.method, hash_method())
        )
}

fn fields_of(class: &'static PyType) -> Vec<Rc<PyStr>> {
    match crate::attributes::lookup(class, &intern("_fields")) {
        Some(Value::Tuple(t)) => t
            .items
            .iter()
            .filter_map(|v| match v {
                Value::Str(s) => Some(intern(s.as_str())),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The field values of a namedtuple instance, in field order.
pub fn values_of(value: &Value) -> Vec<Value> {
    let Value::Instance(instance) = value else {
        return Vec::new();
    };
    fields_of(instance.class)
        .iter()
        .map(|f| instance.dict.get_str(f).unwrap_or_default())
        .collect()
}

pub(super) fn namedtuple(
    interp: &mut Interp,
    args: &[Value],
    kwnames: &[Rc<PyStr>],
) -> PyResult<Value> {
    let mut a = Args::new("namedtuple", args, kwnames);
    let defaults = a.keyword("defaults").cloned();
    // `rename=` is accepted; invalid names are refused either way.
    let _ = a.keyword("rename");
    let module_name = a.keyword("module").cloned();
    a.finish()?;
    a.arity(2, 2)?;
    let Value::Str(name) = &a.positional[0] else {
        return Err(type_error("namedtuple() typename must be a string"));
    };
    let fields: Vec<String> = match &a.positional[1] {
        Value::Str(s) => s
            .as_str()
            .replace(',', " ")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        other => crate::iter::collect(interp, other)?
            .iter()
            .map(|v| crate::repr::str(interp, v))
            .collect::<PyResult<_>>()?,
    };
    for field in &fields {
        let valid = field.chars().next().is_some_and(|c| c.is_alphabetic())
            && field.chars().all(|c| c == '_' || c.is_alphanumeric());
        if !valid {
            return Err(value_error(format!(
                "Type names and field names must be valid identifiers: '{field}'"
            )));
        }
    }
    let namespace = PyDict::new();
    let field_names = Value::tuple(fields.iter().map(|f| Value::str(f.as_str())).collect());
    namespace.set_str(&intern("_fields"), field_names.clone());
    namespace.set_str(&intern("__match_args__"), field_names);
    let defaults = match defaults {
        None | Some(Value::None) => Vec::new(),
        Some(d) => crate::iter::collect(interp, &d)?,
    };
    let mut field_defaults = crate::value::Dict::default();
    for (field, default) in fields[fields.len().saturating_sub(defaults.len())..]
        .iter()
        .zip(&defaults)
    {
        field_defaults.insert(DictKey::from_str_key(intern(field)), default.clone());
    }
    namespace.set_str(&intern("_field_defaults"), Value::dict(field_defaults));
    namespace.set_str(
        &intern("_make"),
        Value::Descriptor(Rc::new(Descriptor::ClassMethod(Value::Builtin(&NT_MAKE)))),
    );
    for (index, field) in fields.iter().enumerate() {
        namespace.set_str(&intern(field), tuple_getter(index));
    }
    // The caller's module, as CPython finds it (`sys._getframe(1)`).
    let module = module_name
        .or_else(|| {
            crate::frames::caller(interp).and_then(|c| c.globals.get_str(&intern("__name__")))
        })
        .unwrap_or_else(|| Value::str("__main__"));
    // `__module__` is read from the class's namespace, as a class
    // statement's is (doctest and pickle look at it).
    namespace.set_str(&intern("__module__"), module.clone());
    let class = crate::classes::make_class(name.as_str(), Vec::new(), &namespace, module)?;
    if let Some(data) = &class.class {
        for method in NAMEDTUPLE_METHODS {
            data.dict.set_str(
                &intern(method.name),
                Value::MethodDescriptor(Rc::new(MethodDescriptor {
                    owner: class,
                    method,
                })),
            );
        }
    }
    Ok(Value::Type(class))
}

fn nt_self(args: &[Value]) -> PyResult<(&Value, &'static PyType)> {
    match args.first() {
        Some(v @ Value::Instance(i)) => Ok((v, i.class)),
        _ => Err(type_error("descriptor requires a namedtuple instance")),
    }
}

/// `args` with the namedtuple receiver replaced by a tuple of its values.
fn as_tuple_args(args: &[Value]) -> PyResult<Vec<Value>> {
    let (this, _) = nt_self(args)?;
    let mut args = args.to_vec();
    args[0] = Value::tuple(values_of(this));
    Ok(args)
}

fn nt_count(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::search::sequence_count(interp, &as_tuple_args(args)?, kwnames)
}

fn nt_index(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::search::sequence_index(interp, &as_tuple_args(args)?, kwnames)
}

fn nt_init(_: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let (this, class) = nt_self(args)?;
    let Value::Instance(instance) = this else {
        return Ok(Value::None);
    };
    let fields = fields_of(class);
    let positional = &args[1..args.len() - kwnames.len()];
    let keywords = &args[args.len() - kwnames.len()..];
    if positional.len() > fields.len() {
        return Err(type_error(format!(
            "{}.__new__() takes {} positional arguments but {} were given",
            class.name,
            fields.len() + 1,
            positional.len() + 1
        )));
    }
    let defaults = match crate::attributes::lookup(class, &intern("_field_defaults")) {
        Some(Value::Dict(d)) => Some(d),
        _ => None,
    };
    let mut missing = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let given = positional.get(i).cloned().or_else(|| {
            kwnames
                .iter()
                .position(|k| k.as_str() == field.as_str())
                .map(|k| keywords[k].clone())
        });
        let value = given.or_else(|| defaults.as_ref().and_then(|d| d.get_str(field)));
        match value {
            Some(value) => instance.dict.set_str(field, value),
            None => missing.push(format!("'{}'", field.as_str())),
        }
    }
    if !missing.is_empty() {
        let count = missing.len();
        let list = match missing.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        return Err(type_error(format!(
            "{}.__new__() missing {count} required positional argument{}: {list}",
            class.name,
            if count == 1 { "" } else { "s" }
        )));
    }
    for name in kwnames {
        if !fields.iter().any(|f| f.as_str() == name.as_str()) {
            return Err(type_error(format!(
                "{}.__new__() got an unexpected keyword argument '{}'",
                class.name,
                name.as_str()
            )));
        }
    }
    Ok(Value::None)
}

fn nt_repr(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (this, class) = nt_self(args)?;
    let fields = fields_of(class);
    let values = values_of(this);
    let mut out = format!("{}(", class.name);
    for (i, (field, value)) in fields.iter().zip(&values).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(field.as_str());
        out.push('=');
        out.push_str(&crate::repr::repr(interp, value)?);
    }
    out.push(')');
    Ok(Value::str(out))
}

fn nt_getitem(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (this, _) = nt_self(args)?;
    let key = args.get(1).cloned().unwrap_or_default();
    crate::subscript::get_item(interp, &Value::tuple(values_of(this)), &key)
}

fn nt_iter(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (this, _) = nt_self(args)?;
    crate::iter::get_iter(interp, &Value::tuple(values_of(this)))
}

fn nt_len(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (_, class) = nt_self(args)?;
    Ok(Value::Int(fields_of(class).len() as i64))
}

fn as_tuple(value: &Value) -> Option<Value> {
    match value {
        Value::Tuple(_) => Some(value.clone()),
        Value::Instance(i) if is_namedtuple(i.class) => Some(Value::tuple(values_of(value))),
        _ => None,
    }
}

fn nt_eq(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (this, _) = nt_self(args)?;
    let Some(other) = args.get(1).and_then(as_tuple) else {
        return Ok(Value::NotImplemented);
    };
    let mine = Value::tuple(values_of(this));
    Ok(Value::Bool(crate::compare::equal(interp, &mine, &other)?))
}

/// `self <op> other` as tuples (`NotImplemented` for anything else).
fn nt_order(
    interp: &mut Interp,
    args: &[Value],
    op: pvm_frontend::CompareOperator,
) -> PyResult<Value> {
    let (this, _) = nt_self(args)?;
    let Some(other) = args.get(1).and_then(as_tuple) else {
        return Ok(Value::NotImplemented);
    };
    let mine = Value::tuple(values_of(this));
    Ok(Value::Bool(crate::compare::compare(
        interp, op, &mine, &other,
    )?))
}

fn nt_lt(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    nt_order(interp, args, pvm_frontend::CompareOperator::Lt)
}

fn nt_le(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    nt_order(interp, args, pvm_frontend::CompareOperator::Le)
}

fn nt_gt(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    nt_order(interp, args, pvm_frontend::CompareOperator::Gt)
}

fn nt_ge(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    nt_order(interp, args, pvm_frontend::CompareOperator::Ge)
}

/// A read-only record with named fields that is also a tuple of its
/// values, standing in for CPython's struct sequences (`sys.flags`,
/// `sys.version_info`): a namedtuple class `name` in `module`, and its
/// instance holding `values`.
pub fn struct_seq(
    interp: &mut Interp,
    module: &str,
    name: &str,
    fields: &[(&str, Value)],
) -> PyResult<Value> {
    let names = Value::tuple(fields.iter().map(|(f, _)| Value::str(*f)).collect());
    let class = namedtuple(
        interp,
        &[Value::str(name), names, Value::str(module)],
        &[intern("module")],
    )?;
    let values: Vec<Value> = fields.iter().map(|(_, v)| v.clone()).collect();
    crate::call::call(interp, &class, &values, &[])
}

fn nt_hash(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (this, _) = nt_self(args)?;
    Ok(Value::Int(crate::hash::hash(&Value::tuple(values_of(
        this,
    )))?))
}

fn nt_asdict(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let (this, class) = nt_self(args)?;
    let mut map = crate::value::Dict::default();
    for (field, value) in fields_of(class).into_iter().zip(values_of(this)) {
        map.insert(DictKey::from_str_key(field), value);
    }
    Ok(Value::dict(map))
}

fn nt_replace(interp: &mut Interp, args: &[Value], kwnames: &[Rc<PyStr>]) -> PyResult<Value> {
    let (this, class) = nt_self(args)?;
    let fields = fields_of(class);
    let mut values = values_of(this);
    let keywords = &args[args.len() - kwnames.len()..];
    for (name, value) in kwnames.iter().zip(keywords) {
        match fields.iter().position(|f| f.as_str() == name.as_str()) {
            Some(i) => values[i] = value.clone(),
            None => {
                return Err(value_error(format!(
                    "Got unexpected field names: ['{}']",
                    name.as_str()
                )))
            }
        }
    }
    crate::classes::instantiate(interp, class, &values, &[])
}

fn nt_make(interp: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let [Value::Type(class), iterable] = args else {
        return Err(type_error("_make() takes exactly one argument"));
    };
    let values = crate::iter::collect(interp, iterable)?;
    crate::classes::instantiate(interp, class, &values, &[])
}

/// The class attribute of each field (`Point.x`): CPython's
/// `_collections._tuplegetter`, with the writable `__doc__` that `dis` and
/// others set. Instances keep their fields in their own dict, which comes
/// first, so it is never asked for a value.
struct TupleGetter {
    doc: std::cell::RefCell<Value>,
}

static TUPLE_GETTER: PyType = PyType {
    name: "_tuplegetter",
    base: Some(&crate::types::OBJECT),
    kind: crate::types::TypeKind::Opaque,
    class: None,
};

fn tuple_getter(index: usize) -> Value {
    crate::native::new(TupleGetter {
        doc: std::cell::RefCell::new(Value::str(format!("Alias for field number {index}"))),
    })
}

impl crate::native::NativeObject for TupleGetter {
    fn type_of(&self) -> &'static PyType {
        &TUPLE_GETTER
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<_collections._tuplegetter object at {:#x}>",
            self as *const TupleGetter as usize
        ))
    }

    fn method(&self, _: &str) -> Option<&'static Builtin> {
        None
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        match name {
            "__doc__" => Some(self.doc.borrow().clone()),
            _ => None,
        }
    }

    fn set_attribute(&self, name: &str, value: &Value) -> Option<PyResult<()>> {
        match name {
            "__doc__" => {
                *self.doc.borrow_mut() = value.clone();
                Some(Ok(()))
            }
            _ => None,
        }
    }
}
