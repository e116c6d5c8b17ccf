//! `re.Match`: the spans of a match and its groups, read by index or name.

use super::{subject::Subject, Pattern};
use crate::call::Args;
use crate::exceptions::{index_error, type_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use rustpython_sre_engine::State;
use std::any::Any;
use std::rc::Rc;

static MATCH: PyType = PyType {
    name: "Match",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

pub struct Match {
    /// The Pattern object (`m.re`).
    pattern: Value,
    subject: Subject,
    pos: usize,
    endpos: usize,
    /// Group 0 (the whole match), then each group: (-1, -1) when unmatched.
    spans: Box<[(isize, isize)]>,
    lastindex: isize,
}

builtin_table!(MATCH_METHODS {
    "group" => match_group,
    "groups" => match_groups,
    "groupdict" => match_groupdict,
    "start" => match_start,
    "end" => match_end,
    "span" => match_span,
    "expand" => match_expand,
    "__getitem__" => match_getitem,
});

impl Match {
    /// The Match object for the engine's `state` after a match.
    pub fn value(
        pattern_value: &Value,
        pattern: &Pattern,
        subject: Subject,
        pos: usize,
        endpos: usize,
        state: &State,
    ) -> Value {
        let mut spans = Vec::with_capacity(pattern.groups + 1);
        spans.push((state.start as isize, state.cursor.position as isize));
        for group in 0..pattern.groups {
            let (start, end) = state.marks.get(group);
            spans.push(match (start.is_some(), end.is_some()) {
                (true, true) => (start.unpack() as isize, end.unpack() as isize),
                _ => (-1, -1),
            });
        }
        native::new(Match {
            pattern: pattern_value.clone(),
            subject,
            pos,
            endpos,
            spans: spans.into_boxed_slice(),
            lastindex: state.marks.last_index(),
        })
    }

    pub fn span_of(&self, group: usize) -> (isize, isize) {
        self.spans[group]
    }

    /// Group `group`'s text, or `default` when it did not take part.
    pub fn group_or(&self, group: usize, default: Value) -> Value {
        match self.spans[group] {
            (start, end) if start >= 0 && end >= 0 => {
                self.subject.slice(start as usize, end as usize)
            }
            _ => default,
        }
    }

    fn pattern(&self) -> Option<&Pattern> {
        native::downcast::<Pattern>(&self.pattern)
    }

    /// The group number `key` names (an index or a group's name).
    fn index(&self, key: &Value) -> PyResult<usize> {
        let index = match key {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            Value::Str(name) => match self.pattern().map(|p| &p.groupindex) {
                Some(Value::Dict(d)) => match d.get_str(name) {
                    Some(Value::Int(i)) => Some(i),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        };
        match index {
            Some(i) if i >= 0 && (i as usize) < self.spans.len() => Ok(i as usize),
            _ => Err(index_error("no such group")),
        }
    }
}

impl NativeObject for Match {
    fn type_of(&self) -> &'static PyType {
        &MATCH
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let (start, end) = self.spans[0];
        let text = crate::repr::repr(interp, &self.group_or(0, Value::None))?;
        Ok(format!(
            "<re.Match object; span=({start}, {end}), match={text}>"
        ))
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        MATCH_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn get_item(&self, _: &mut Interp, key: &Value) -> Option<PyResult<Value>> {
        Some(self.index(key).map(|g| self.group_or(g, Value::None)))
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        let span =
            |(a, b): (isize, isize)| Value::tuple(vec![Value::Int(a as i64), Value::Int(b as i64)]);
        Some(match name {
            "string" => self.subject.value(),
            "re" => self.pattern.clone(),
            "pos" => Value::Int(self.pos as i64),
            "endpos" => Value::Int(self.endpos as i64),
            "lastindex" if self.lastindex >= 0 => Value::Int(self.lastindex as i64),
            "lastindex" => Value::None,
            "lastgroup" => match (self.lastindex, self.pattern().map(|p| &p.indexgroup)) {
                (i, Some(Value::Tuple(names))) if i >= 0 => {
                    names.items.get(i as usize).cloned().unwrap_or_default()
                }
                _ => Value::None,
            },
            "regs" => Value::tuple(self.spans.iter().map(|s| span(*s)).collect()),
            _ => return None,
        })
    }
}

fn this(args: &[Value]) -> PyResult<&Match> {
    args.first()
        .and_then(native::downcast::<Match>)
        .ok_or_else(|| type_error("descriptor requires a 're.Match' object"))
}

fn match_group(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let m = this(args)?;
    crate::call::no_keywords("group", kw)?;
    match &args[1..] {
        [] => Ok(m.group_or(0, Value::None)),
        [key] => Ok(m.group_or(m.index(key)?, Value::None)),
        keys => {
            let mut items = Vec::with_capacity(keys.len());
            for key in keys {
                items.push(m.group_or(m.index(key)?, Value::None));
            }
            Ok(Value::tuple(items))
        }
    }
}

fn match_getitem(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let m = this(args)?;
    let call = Args::new("__getitem__", &args[1..], kw);
    call.arity(1, 1)?;
    m.get_item(interp, &call.positional[0])
        .unwrap_or(Ok(Value::None))
}

/// The `default` argument of `groups`/`groupdict`.
fn default_arg(args: &[Value], kw: &[Rc<PyStr>], name: &'static str) -> PyResult<Value> {
    let mut call = Args::new(name, &args[1..], kw);
    let default = call.keyword("default").or(call.positional.first()).cloned();
    call.finish()?;
    call.arity(0, 1)?;
    Ok(default.unwrap_or_default())
}

fn match_groups(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let m = this(args)?;
    let default = default_arg(args, kw, "groups")?;
    Ok(Value::tuple(
        (1..m.spans.len())
            .map(|g| m.group_or(g, default.clone()))
            .collect(),
    ))
}

fn match_groupdict(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let m = this(args)?;
    let default = default_arg(args, kw, "groupdict")?;
    let result = Value::dict(Default::default());
    if let Some(Value::Dict(names)) = m.pattern().map(|p| &p.groupindex) {
        for (name, index) in names.items() {
            let group = m.index(&index)?;
            crate::subscript::set_item(interp, &result, &name, m.group_or(group, default.clone()))?;
        }
    }
    Ok(result)
}

/// The group argument of `start`/`end`/`span` (0 when absent).
fn group_arg(m: &Match, args: &[Value], kw: &[Rc<PyStr>], name: &'static str) -> PyResult<usize> {
    let call = Args::new(name, &args[1..], kw);
    call.finish()?;
    call.arity(0, 1)?;
    match call.positional.first() {
        Some(key) => m.index(key),
        None => Ok(0),
    }
}

fn match_start(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let m = this(args)?;
    let g = group_arg(m, args, kw, "start")?;
    Ok(Value::Int(m.spans[g].0 as i64))
}

fn match_end(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let m = this(args)?;
    let g = group_arg(m, args, kw, "end")?;
    Ok(Value::Int(m.spans[g].1 as i64))
}

fn match_span(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let m = this(args)?;
    let g = group_arg(m, args, kw, "span")?;
    let (start, end) = m.spans[g];
    Ok(Value::tuple(vec![
        Value::Int(start as i64),
        Value::Int(end as i64),
    ]))
}

/// `m.expand(template)`: as CPython's `_sre`, through `re._expand`.
fn match_expand(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let m = this(args)?;
    let call = Args::new("expand", &args[1..], kw);
    call.finish()?;
    call.arity(1, 1)?;
    let re = crate::modules::importer::import_module(interp, "re")?;
    let expand = crate::attributes::get_attr(interp, &re, &crate::intern("_expand"))?;
    crate::call::call(
        interp,
        &expand,
        &[
            m.pattern.clone(),
            args[0].clone(),
            call.positional[0].clone(),
        ],
        &[],
    )
}
