//! `random.Random`: a class whose instances each own a Mersenne Twister,
//! with the module's functions as methods. A method runs the module-level
//! function with the instance's generator swapped in as the interpreter's
//! (`Interp::random`), so both draw exactly the same numbers for the same
//! seed. Subclasses may add methods and state.
//!
//! Not done: a subclass's own `random()` is not used by the other methods
//! (CPython's `uniform` would call it), and `getstate`/`setstate` and
//! `SystemRandom` are not offered.

use super::random::MersenneTwister;
use crate::exceptions::{type_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, MethodDescriptor, PyDict, PyStr, Value};
use crate::{intern, Interp};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

static GENERATOR: PyType = PyType {
    name: "generator_state",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

/// An instance's generator, kept in its `_pvm_generator` attribute.
struct Generator(RefCell<Option<Box<MersenneTwister>>>);

impl NativeObject for Generator {
    fn type_of(&self) -> &'static PyType {
        &GENERATOR
    }

    fn repr(&self, _: &mut Interp) -> PyResult<String> {
        Ok("<random generator state>".to_string())
    }

    fn method(&self, _: &str) -> Option<&'static Builtin> {
        None
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

const STATE: &str = "_pvm_generator";

/// Runs the module function `name` on the generator of `args[0]`.
fn with_generator(
    interp: &mut Interp,
    name: &str,
    args: &[Value],
    kw: &[Rc<PyStr>],
) -> PyResult<Value> {
    let Some(Value::Instance(instance)) = args.first() else {
        return Err(type_error(format!(
            "descriptor '{name}' requires a 'random.Random' object"
        )));
    };
    let function = super::random::function(name)
        .ok_or_else(|| type_error(format!("random has no function {name}")))?;
    let state = match instance.dict.get_str(&intern(STATE)) {
        Some(state) => state,
        None => {
            let state = native::new(Generator(RefCell::new(None)));
            instance.dict.set_str(&intern(STATE), state.clone());
            state
        }
    };
    let Some(generator) = native::downcast::<Generator>(&state) else {
        return Err(type_error("random.Random state was replaced"));
    };
    let mine = generator.0.borrow_mut().take();
    let global = std::mem::replace(&mut interp.random, mine);
    let result = (function.func)(interp, &args[1..], kw);
    let mine = std::mem::replace(&mut interp.random, global);
    *generator.0.borrow_mut() = mine;
    result
}

/// `Random(x=None)`: seeds the instance's own generator.
fn init(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let seed_args = match args.get(1) {
        Some(x) => vec![args[0].clone(), x.clone()],
        None => vec![args[0].clone()],
    };
    with_generator(interp, "seed", &seed_args, kw)?;
    Ok(Value::None)
}

macro_rules! methods {
    ($($fn:ident = $name:literal;)*) => {
        $(fn $fn(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
            with_generator(interp, $name, args, kw)
        })*
        static METHODS: &[Builtin] = &[
            Builtin { name: "__init__", func: init },
            $(Builtin { name: $name, func: $fn }),*
        ];
    };
}

methods! {
    m_seed = "seed";
    m_random = "random";
    m_getrandbits = "getrandbits";
    m_randrange = "randrange";
    m_randint = "randint";
    m_choice = "choice";
    m_choices = "choices";
    m_shuffle = "shuffle";
    m_sample = "sample";
    m_uniform = "uniform";
    m_gauss = "gauss";
}

/// The `random.Random` class.
pub fn class() -> Option<Value> {
    let namespace = PyDict::new();
    let class =
        crate::classes::make_class("Random", Vec::new(), &namespace, Value::str("random")).ok()?;
    if let Some(data) = &class.class {
        for method in METHODS {
            data.dict.set_str(
                &intern(method.name),
                Value::MethodDescriptor(Rc::new(MethodDescriptor {
                    owner: class,
                    method,
                })),
            );
        }
    }
    Some(Value::Type(class))
}
