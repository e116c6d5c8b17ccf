//! Type feedback: what each profiled instruction of a code object has seen,
//! the data a tiering JIT specialises on. Operand shapes at `BINARY_OP`,
//! `COMPARE_OP`, `BINARY_SUBSCR` and `STORE_SUBSCR`, the iterator at
//! `FOR_ITER`, the receiver's class and where the attribute was at
//! `LOAD_ATTR`, `STORE_ATTR` and `LOAD_METHOD`, the callee at calls; and per
//! site whether it has seen one shape, a few, or too many.
//!
//! A dispatcher that profiles expands the `profile!` interface of
//! `handlers/` into calls of `record::*`; the interpreters expand it to
//! nothing, so they never reach this module and never allocate its tables.
//! This module only records and reports. It decides nothing about what an
//! instruction does, and nothing here runs Python code.

use crate::attributes::cache::Cached;
use crate::types::PyType;
use crate::value::{Builtin, Function, PyStr, Value};
use crate::RtCode;
use pvm_frontend::{CodeObject, Opcode};
use std::cell::{OnceCell, Ref, RefCell};
use std::fmt::Write;
use std::rc::{Rc, Weak};

/// How many shapes a site may see before it counts as megamorphic (as many
/// as an attribute cache has ways).
pub const POLYMORPHIC_LIMIT: usize = 4;

/// What kind of value an operand was. Classes, builtin types and builtin
/// functions are never freed, so they are kept by identity; a function is
/// kept by a weak reference, which also keeps its address from being reused
/// while the record exists, and by its name, for the report.
#[derive(Clone)]
pub enum Shape {
    None,
    Bool,
    /// An `int` that fits in 64 bits (unboxed).
    Int,
    /// An `int` that does not.
    BigInt,
    Float,
    Str,
    Tuple,
    List,
    /// A plain `dict` (not `defaultdict`, `Counter` or `OrderedDict`).
    Dict,
    /// An instance of this user class.
    Instance(&'static PyType),
    /// This class itself (a constructor call).
    Class(&'static PyType),
    /// This Python function (one function object, not every function
    /// made from the same code).
    Function {
        function: Weak<Function>,
        qualname: Rc<PyStr>,
    },
    /// This builtin function.
    Builtin(&'static Builtin),
    /// Anything else, by its type (`range_iterator`, `generator`, ...).
    Other(&'static PyType),
}

impl Shape {
    /// The shape of `value`.
    pub fn of(value: &Value) -> Shape {
        match value {
            Value::None => Shape::None,
            Value::Bool(_) => Shape::Bool,
            Value::Int(_) => Shape::Int,
            Value::BigInt(_) => Shape::BigInt,
            Value::Float(_) => Shape::Float,
            Value::Str(_) => Shape::Str,
            Value::Tuple(_) => Shape::Tuple,
            Value::List(_) => Shape::List,
            Value::Dict(dict) if dict.flavor.is_none() => Shape::Dict,
            Value::Instance(instance) => Shape::Instance(instance.class),
            Value::Type(class) => Shape::Class(class),
            Value::Function(function) => Shape::Function {
                function: Rc::downgrade(function),
                qualname: function.code.qualname.clone(),
            },
            Value::Builtin(builtin) => Shape::Builtin(builtin),
            other => Shape::Other(other.type_of()),
        }
    }

    /// Whether `value` has this shape. Touches no reference count: this is
    /// what every run of a site that has seen `value`'s shape before costs.
    pub fn matches(&self, value: &Value) -> bool {
        match (self, value) {
            (Shape::None, Value::None)
            | (Shape::Bool, Value::Bool(_))
            | (Shape::Int, Value::Int(_))
            | (Shape::BigInt, Value::BigInt(_))
            | (Shape::Float, Value::Float(_))
            | (Shape::Str, Value::Str(_))
            | (Shape::Tuple, Value::Tuple(_))
            | (Shape::List, Value::List(_)) => true,
            (Shape::Dict, Value::Dict(dict)) => dict.flavor.is_none(),
            (Shape::Instance(class), Value::Instance(instance)) => {
                std::ptr::eq(*class, instance.class)
            }
            (Shape::Class(class), Value::Type(other)) => std::ptr::eq(*class, *other),
            (Shape::Function { function, .. }, Value::Function(other)) => {
                std::ptr::eq(function.as_ptr(), Rc::as_ptr(other))
            }
            (Shape::Builtin(builtin), Value::Builtin(other)) => std::ptr::eq(*builtin, *other),
            (Shape::Other(kind), other) => {
                !Shape::has_own_shape(other) && std::ptr::eq(*kind, other.type_of())
            }
            _ => false,
        }
    }

    /// Whether `value`'s shape is anything but `Other` (without building it).
    fn has_own_shape(value: &Value) -> bool {
        match value {
            Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::BigInt(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Tuple(_)
            | Value::List(_)
            | Value::Instance(_)
            | Value::Type(_)
            | Value::Function(_)
            | Value::Builtin(_) => true,
            Value::Dict(dict) => dict.flavor.is_none(),
            _ => false,
        }
    }

    /// How the report names this shape.
    pub fn describe(&self) -> String {
        match self {
            Shape::None => "None".into(),
            Shape::Bool => "bool".into(),
            Shape::Int => "int".into(),
            Shape::BigInt => "bigint".into(),
            Shape::Float => "float".into(),
            Shape::Str => "str".into(),
            Shape::Tuple => "tuple".into(),
            Shape::List => "list".into(),
            Shape::Dict => "dict".into(),
            Shape::Instance(class) => class.name.into(),
            Shape::Class(class) => format!("class {}", class.name),
            Shape::Function { qualname, .. } => format!("function {}", qualname.as_str()),
            Shape::Builtin(builtin) => format!("builtin {}", builtin.name),
            Shape::Other(kind) => kind.name.into(),
        }
    }
}

impl std::fmt::Debug for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// One kind of run a site has seen: its operands' shapes, and how often.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The operand (receiver, iterator, callee), or the left one of two.
    pub first: Shape,
    /// The right operand (or the subscript) of a two-operand site.
    pub second: Option<Shape>,
    /// At an attribute site on an instance: where the attribute cache last
    /// placed the attribute for this class, once it had an entry.
    pub found: Option<Cached>,
    pub runs: u64,
}

impl Seen {
    fn new(first: &Value, second: Option<&Value>) -> Seen {
        Seen {
            first: Shape::of(first),
            second: second.map(Shape::of),
            found: None,
            runs: 0,
        }
    }

    fn fits(&self, first: &Value, second: Option<&Value>) -> bool {
        self.first.matches(first)
            && match (&self.second, second) {
                (Some(shape), Some(value)) => shape.matches(value),
                (None, None) => true,
                _ => false,
            }
    }

    /// `int,int`, `Point (slot 0)`, `function fib`.
    pub fn describe(&self) -> String {
        let mut text = self.first.describe();
        if let Some(second) = &self.second {
            let _ = write!(text, ",{}", second.describe());
        }
        match self.found {
            Some(Cached::Slot(index)) => {
                let _ = write!(text, " (slot {index})");
            }
            Some(Cached::Method) => text.push_str(" (method)"),
            Some(Cached::ClassValue) => text.push_str(" (class attribute)"),
            None => {}
        }
        text
    }
}

/// What a site has seen: nothing yet, one shape, up to
/// `POLYMORPHIC_LIMIT` shapes (in the order first seen), or more than that
/// (then it stops telling them apart).
#[derive(Clone, Debug, Default)]
pub enum State {
    #[default]
    Unseen,
    Monomorphic(Seen),
    Polymorphic(Vec<Seen>),
    Megamorphic,
}

impl State {
    /// Counts one run with these operands, moving to the next state when
    /// they have a shape not seen before. Returns the entry that counted
    /// it, unless the site is megamorphic.
    pub fn observe(&mut self, first: &Value, second: Option<&Value>) -> Option<&mut Seen> {
        let index = match self {
            State::Unseen => {
                *self = State::Monomorphic(Seen::new(first, second));
                0
            }
            State::Monomorphic(seen) if seen.fits(first, second) => 0,
            State::Monomorphic(seen) => {
                let seen = vec![seen.clone(), Seen::new(first, second)];
                *self = State::Polymorphic(seen);
                1
            }
            State::Polymorphic(all) => match all.iter().position(|s| s.fits(first, second)) {
                Some(index) => index,
                None if all.len() < POLYMORPHIC_LIMIT => {
                    all.push(Seen::new(first, second));
                    all.len() - 1
                }
                None => {
                    *self = State::Megamorphic;
                    return None;
                }
            },
            State::Megamorphic => return None,
        };
        let seen = match self {
            State::Monomorphic(seen) => seen,
            State::Polymorphic(all) => &mut all[index],
            State::Unseen | State::Megamorphic => return None,
        };
        seen.runs += 1;
        Some(seen)
    }

    pub fn name(&self) -> &'static str {
        match self {
            State::Unseen => "unseen",
            State::Monomorphic(_) => "monomorphic",
            State::Polymorphic(_) => "polymorphic",
            State::Megamorphic => "megamorphic",
        }
    }

    /// The shapes seen, in the order first seen (none when megamorphic).
    pub fn seen(&self) -> &[Seen] {
        match self {
            State::Monomorphic(seen) => std::slice::from_ref(seen),
            State::Polymorphic(all) => all,
            State::Unseen | State::Megamorphic => &[],
        }
    }
}

/// The feedback of one instruction.
#[derive(Debug)]
pub struct Site {
    pub op: Opcode,
    pub arg: u32,
    /// The instruction's first code unit (its first `EXTENDED_ARG`, if
    /// any), which is how `pvm dis` numbers it.
    pub start: usize,
    /// How often the site ran (megamorphic runs included).
    pub runs: u64,
    pub state: State,
}

/// The feedback of one code object: a site per profiled instruction that
/// has run, indexed by the code unit that holds its opcode. Made the first
/// time such an instruction runs while profiling (`RtCode::feedback`).
pub struct Sites {
    pub code: Rc<CodeObject>,
    units: Box<[OnceCell<Box<RefCell<Site>>>]>,
}

impl Sites {
    fn new(code: &Rc<CodeObject>) -> Sites {
        Sites {
            code: code.clone(),
            units: code.instructions.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    fn site(&self, offset: usize) -> Option<&RefCell<Site>> {
        let cell = self.units.get(offset)?;
        Some(cell.get_or_init(|| {
            let mut start = offset;
            while start > 0 && self.code.instructions[start - 1].op == Opcode::EXTENDED_ARG {
                start -= 1;
            }
            let (op, arg) = match self.code.decode_at(start) {
                Some(instruction) => (instruction.op, instruction.arg),
                None => (self.code.instructions[offset].op, 0),
            };
            Box::new(RefCell::new(Site {
                op,
                arg,
                start,
                runs: 0,
                state: State::Unseen,
            }))
        }))
    }

    /// The site whose opcode is at code unit `offset`, if it has run.
    pub fn get(&self, offset: usize) -> Option<Ref<'_, Site>> {
        Some(self.units.get(offset)?.get()?.borrow())
    }

    /// The sites that have run, in code order.
    pub fn iter(&self) -> impl Iterator<Item = Ref<'_, Site>> {
        self.units
            .iter()
            .filter_map(|cell| cell.get().map(|site| site.borrow()))
    }
}

thread_local! {
    /// Every table made on this thread, in the order made (for the report).
    static RECORDED: RefCell<Vec<Rc<Sites>>> = const { RefCell::new(Vec::new()) };
}

/// The tables recorded on this thread so far, in the order their code
/// first ran; afterwards the list starts empty (the tables stay on their
/// code objects).
pub fn take_recorded() -> Vec<Rc<Sites>> {
    RECORDED.with(|recorded| std::mem::take(&mut *recorded.borrow_mut()))
}

fn sites(code: &RtCode) -> &Sites {
    code.feedback.get_or_init(|| {
        let sites = Rc::new(Sites::new(&code.code));
        RECORDED.with(|recorded| recorded.borrow_mut().push(sites.clone()));
        sites
    })
}

/// Counts a run of `site` with these operands.
fn observe(site: &RefCell<Site>, first: &Value, second: Option<&Value>) {
    let mut site = site.borrow_mut();
    site.runs += 1;
    site.state.observe(first, second);
}

/// What a profiling dispatcher's `profile!(kind, ...)` calls: one function
/// per kind, each given the running code and the code unit of the
/// instruction's opcode. Out of line, so a profiled body stays small.
pub mod record {
    use super::*;

    /// The two operands of a binary operation, comparison or subscript.
    #[inline(never)]
    pub fn operands(code: &RtCode, offset: usize, lhs: &Value, rhs: &Value) {
        if let Some(site) = sites(code).site(offset) {
            observe(site, lhs, Some(rhs));
        }
    }

    /// The iterator a `FOR_ITER` advances.
    #[inline(never)]
    pub fn iterator(code: &RtCode, offset: usize, iterator: &Value) {
        if let Some(site) = sites(code).site(offset) {
            observe(site, iterator, None);
        }
    }

    /// What a call calls.
    #[inline(never)]
    pub fn callee(code: &RtCode, offset: usize, callee: &Value) {
        if let Some(site) = sites(code).site(offset) {
            observe(site, callee, None);
        }
    }

    /// The object whose attribute `code.names[name]` is loaded, stored or
    /// called, and where the attribute cache has it for that object's class.
    #[inline(never)]
    pub fn attribute(code: &RtCode, offset: usize, owner: &Value, name: u32) {
        let Some(site) = sites(code).site(offset) else {
            return;
        };
        let mut site = site.borrow_mut();
        site.runs += 1;
        if let Some(seen) = site.state.observe(owner, None) {
            if let Value::Instance(instance) = owner {
                if let Some(found) = crate::attributes::cache::cached(code, name, instance.class) {
                    seen.found = Some(found);
                }
            }
        }
    }
}

/// The report `pvm run --type-feedback` prints: per code object (in the
/// order they first ran), one line per site that ran, in code order.
pub fn report(recorded: &[Rc<Sites>]) -> String {
    struct Row {
        start: usize,
        op: &'static str,
        arg: String,
        state: &'static str,
        runs: u64,
        seen: String,
    }
    let blocks: Vec<(&CodeObject, Vec<Row>)> = recorded
        .iter()
        .map(|sites| {
            let rows = sites
                .iter()
                .map(|site| Row {
                    start: site.start,
                    op: site.op.name(),
                    arg: pvm_frontend::dis::resolve(&sites.code, site.op, site.arg)
                        .unwrap_or_default(),
                    state: site.state.name(),
                    runs: site.runs,
                    seen: describe_seen(&site.state),
                })
                .collect();
            (&*sites.code, rows)
        })
        .filter(|(_, rows): &(_, Vec<Row>)| !rows.is_empty())
        .collect();
    let rows = || blocks.iter().flat_map(|(_, rows)| rows);
    let op_width = rows().map(|r| r.op.len()).max().unwrap_or(0);
    let arg_width = rows().map(|r| r.arg.chars().count()).max().unwrap_or(0);
    let runs_width = rows().map(|r| r.runs.to_string().len()).max().unwrap_or(0);
    let mut out = String::new();
    for (index, (code, rows)) in blocks.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "Type feedback for <code object {} at \"{}\", line {}>:",
            code.qualname, code.filename, code.first_line
        );
        for row in rows {
            let line = format!(
                "{:>6} {:<op_width$} {:<arg_width$} {:<11} {:>runs_width$}  {}",
                row.start, row.op, row.arg, row.state, row.runs, row.seen
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out
}

/// `int,int`, or `int,int: 3 | float,float: 1` for a polymorphic site.
fn describe_seen(state: &State) -> String {
    match state {
        State::Polymorphic(all) => all
            .iter()
            .map(|seen| format!("{}: {}", seen.describe(), seen.runs))
            .collect::<Vec<_>>()
            .join(" | "),
        other => other
            .seen()
            .iter()
            .map(Seen::describe)
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string() -> Value {
        Value::Str(crate::intern("s"))
    }

    #[test]
    fn one_shape_stays_monomorphic() {
        let mut state = State::default();
        assert_eq!(state.name(), "unseen");
        for i in 0..5 {
            state.observe(&Value::Int(i), Some(&Value::Int(1)));
        }
        assert_eq!(state.name(), "monomorphic");
        let seen = &state.seen()[0];
        assert_eq!(seen.describe(), "int,int");
        assert_eq!(seen.runs, 5);
    }

    #[test]
    fn a_new_shape_makes_it_polymorphic_in_order_first_seen() {
        let mut state = State::default();
        state.observe(&Value::Int(1), Some(&Value::Int(2)));
        state.observe(&Value::Float(1.0), Some(&Value::Float(2.0)));
        state.observe(&Value::Int(3), Some(&Value::Int(4)));
        state.observe(&string(), Some(&string()));
        assert_eq!(state.name(), "polymorphic");
        assert_eq!(
            describe_seen(&state),
            "int,int: 2 | float,float: 1 | str,str: 1"
        );
    }

    #[test]
    fn operand_order_matters() {
        let mut state = State::default();
        state.observe(&Value::Int(1), Some(&Value::Float(2.0)));
        state.observe(&Value::Float(2.0), Some(&Value::Int(1)));
        assert_eq!(state.name(), "polymorphic");
    }

    #[test]
    fn past_the_limit_it_is_megamorphic_for_good() {
        let mut state = State::default();
        let values = [
            Value::Int(1),
            Value::Float(1.0),
            Value::Bool(true),
            Value::None,
            string(),
        ];
        for value in &values[..POLYMORPHIC_LIMIT] {
            assert!(state.observe(value, None).is_some());
        }
        assert_eq!(state.seen().len(), POLYMORPHIC_LIMIT);
        assert!(state.observe(&values[POLYMORPHIC_LIMIT], None).is_none());
        assert_eq!(state.name(), "megamorphic");
        // A shape seen before does not bring it back.
        assert!(state.observe(&values[0], None).is_none());
        assert_eq!(state.name(), "megamorphic");
        assert!(state.seen().is_empty());
    }

    #[test]
    fn every_shape_matches_its_own_values_only() {
        let values = [
            Value::None,
            Value::Bool(false),
            Value::Int(7),
            Value::from_bigint(num_bigint::BigInt::from(1u8) << 100),
            Value::Float(0.5),
            string(),
            Value::tuple(vec![]),
            Value::list(vec![]),
            Value::Type(&crate::types::INT),
            Value::Builtin(&crate::builtins::BUILD_CLASS),
            Value::Ellipsis,
            Value::Slice(Rc::new(crate::value::PySlice {
                start: Value::None,
                stop: Value::None,
                step: Value::None,
            })),
        ];
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                assert_eq!(
                    Shape::of(a).matches(b),
                    i == j,
                    "{} vs {}",
                    Shape::of(a).describe(),
                    Shape::of(b).describe()
                );
            }
        }
        assert_eq!(Shape::of(&values[3]).describe(), "bigint");
        assert_eq!(Shape::of(&values[8]).describe(), "class int");
        assert_eq!(Shape::of(&values[10]).describe(), "ellipsis");
    }
}
