//! `_sre`, the regular-expression engine under CPython's own `re` package,
//! over the `rustpython-sre_engine` crate (a Rust port of CPython's
//! `sre.c`): `compile` takes the code list `re._compiler` makes, and the
//! Pattern object it answers matches, searches, finds, substitutes and
//! splits; Match objects are `matches.rs`. The constants and case helpers
//! `re._compiler` asks for are here too.
//!
//! It does not parse or compile patterns (that is `re`'s Python code) and
//! has no `scanner`, locale-dependent case folding (`re.LOCALE` folds
//! ASCII only) or pickling. Positions in `str` subjects are characters.

mod matches;
mod subject;

use super::module;
use crate::call::Args;
use crate::exceptions::{type_error, PyResult};
use crate::native::{self, NativeObject};
use crate::types::{self, PyType, TypeKind};
use crate::value::{Builtin, PyStr, Value};
use crate::Interp;
use matches::Match;
use rustpython_sre_engine::{Request, SearchIter, State, StrDrive};
use std::any::Any;
use std::rc::Rc;
use subject::Subject;

/// CPython 3.11's `_sre.MAGIC`, which `re._compiler` checks.
const MAGIC: i64 = 20220615;
const MAXGROUPS: i64 = 1073741823;

static PATTERN: PyType = PyType {
    name: "Pattern",
    base: Some(&types::OBJECT),
    kind: TypeKind::Opaque,
    class: None,
};

/// A compiled pattern.
pub struct Pattern {
    /// The source, as given (`str`, `bytes` or `None`).
    source: Value,
    flags: i64,
    code: Box<[u32]>,
    groups: usize,
    /// `{name: index}`.
    groupindex: Value,
    /// `(None, name-or-None, ...)` by group index.
    indexgroup: Value,
}

builtin_table!(PATTERN_METHODS {
    "match" => pattern_match,
    "fullmatch" => pattern_fullmatch,
    "search" => pattern_search,
    "findall" => pattern_findall,
    "finditer" => pattern_finditer,
    "sub" => pattern_sub,
    "subn" => pattern_subn,
    "split" => pattern_split,
});

impl NativeObject for Pattern {
    fn type_of(&self) -> &'static PyType {
        &PATTERN
    }

    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let source = crate::repr::repr(interp, &self.source)?;
        const NAMES: [(i64, &str); 9] = [
            (1, "re.TEMPLATE"),
            (2, "re.IGNORECASE"),
            (4, "re.LOCALE"),
            (8, "re.MULTILINE"),
            (16, "re.DOTALL"),
            (32, "re.UNICODE"),
            (64, "re.VERBOSE"),
            (128, "re.DEBUG"),
            (256, "re.ASCII"),
        ];
        let mut flags = self.flags;
        // A str pattern is Unicode unless it says otherwise.
        if matches!(self.source, Value::Str(_)) && flags & (4 | 32 | 256) == 32 {
            flags &= !32;
        }
        let names: Vec<&str> = NAMES
            .iter()
            .filter(|(bit, _)| flags & bit != 0)
            .map(|(_, name)| *name)
            .collect();
        let rest = flags & !0x1ff;
        let mut shown = names.join("|");
        if rest != 0 {
            if !shown.is_empty() {
                shown.push('|');
            }
            shown.push_str(&format!("{rest:#x}"));
        }
        Ok(if shown.is_empty() {
            format!("re.compile({source})")
        } else {
            format!("re.compile({source}, {shown})")
        })
    }

    fn method(&self, name: &str) -> Option<&'static Builtin> {
        PATTERN_METHODS.iter().find(|m| m.name == name)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn attribute(&self, name: &str) -> Option<Value> {
        Some(match name {
            "pattern" => self.source.clone(),
            "flags" => Value::Int(self.flags),
            "groups" => Value::Int(self.groups as i64),
            "groupindex" => match &self.groupindex {
                Value::Dict(d) => Value::dict(d.map().clone()),
                other => other.clone(),
            },
            _ => return None,
        })
    }
}

fn this(args: &[Value]) -> PyResult<&Pattern> {
    args.first()
        .and_then(native::downcast::<Pattern>)
        .ok_or_else(|| type_error("descriptor requires a 're.Pattern' object"))
}

/// How a match is tried.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// At `pos` only (`match`).
    Anchored,
    /// At `pos`, through `endpos` (`fullmatch`).
    Full,
    /// At every position from `pos` (`search`).
    Search,
}

/// One match attempt over a subject the engine can read.
fn attempt<S: StrDrive>(
    drive: S,
    code: &[u32],
    pos: usize,
    endpos: usize,
    mode: Mode,
) -> Option<State> {
    let request = Request::new(drive, pos, endpos, code, mode == Mode::Full);
    let mut state = State::default();
    let found = match mode {
        Mode::Search => state.search(request),
        _ => state.py_match(&request),
    };
    found.then_some(state)
}

/// `string`, `pos` and `endpos` of `match`/`search`/`fullmatch`, and the
/// subject, checked against the pattern's kind.
fn subject_and_range(
    pattern: &Pattern,
    function: &'static str,
    args: &[Value],
    kw: &[Rc<PyStr>],
) -> PyResult<(Subject, usize, usize)> {
    let mut call = Args::new(function, &args[1..], kw);
    let string = call.keyword("string").or(call.positional.first()).cloned();
    let pos = call.keyword("pos").or(call.positional.get(1)).cloned();
    let endpos = call.keyword("endpos").or(call.positional.get(2)).cloned();
    call.finish()?;
    call.arity(0, 3)?;
    let Some(string) = string else {
        return Err(type_error(format!(
            "{function}() missing required argument 'string' (pos 1)"
        )));
    };
    let subject = Subject::of(pattern, &string)?;
    let index = |v: Option<Value>, default: i64| -> PyResult<i64> {
        match v {
            None => Ok(default),
            Some(Value::Int(i)) => Ok(i),
            Some(Value::Bool(b)) => Ok(b as i64),
            Some(other) => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
        }
    };
    let length = subject.len() as i64;
    let pos = index(pos, 0)?.clamp(0, length) as usize;
    let endpos = index(endpos, length)?.clamp(0, length) as usize;
    Ok((subject, pos, endpos))
}

fn run(args: &[Value], kw: &[Rc<PyStr>], function: &'static str, mode: Mode) -> PyResult<Value> {
    let pattern = this(args)?;
    let (subject, pos, endpos) = subject_and_range(pattern, function, args, kw)?;
    let state = match &subject {
        Subject::Str(text, _) => attempt(text.as_str(), &pattern.code, pos, endpos, mode),
        Subject::Bytes(bytes) => attempt(&bytes.data[..], &pattern.code, pos, endpos, mode),
    };
    Ok(match state {
        Some(state) => Match::value(&args[0], pattern, subject, pos, endpos, &state),
        None => Value::None,
    })
}

fn pattern_match(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    run(args, kw, "match", Mode::Anchored)
}

fn pattern_fullmatch(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    run(args, kw, "fullmatch", Mode::Full)
}

fn pattern_search(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    run(args, kw, "search", Mode::Search)
}

/// Every non-overlapping match from `pos` to `endpos`, as Match objects.
fn all_matches(
    pattern_value: &Value,
    pattern: &Pattern,
    subject: &Subject,
    pos: usize,
    endpos: usize,
    limit: usize,
) -> Vec<Value> {
    fn collect<S: StrDrive>(
        drive: S,
        pattern_value: &Value,
        pattern: &Pattern,
        subject: &Subject,
        pos: usize,
        endpos: usize,
        limit: usize,
    ) -> Vec<Value> {
        let request = Request::new(drive, pos, endpos, &pattern.code, false);
        let mut iter = SearchIter {
            req: request,
            state: State::default(),
        };
        let mut found = Vec::new();
        while (limit == 0 || found.len() < limit) && iter.next().is_some() {
            found.push(Match::value(
                pattern_value,
                pattern,
                subject.clone(),
                pos,
                endpos,
                &iter.state,
            ));
        }
        found
    }
    match subject {
        Subject::Str(text, _) => collect(
            text.as_str(),
            pattern_value,
            pattern,
            subject,
            pos,
            endpos,
            limit,
        ),
        Subject::Bytes(bytes) => collect(
            &bytes.data[..],
            pattern_value,
            pattern,
            subject,
            pos,
            endpos,
            limit,
        ),
    }
}

fn pattern_finditer(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let pattern = this(args)?;
    let (subject, pos, endpos) = subject_and_range(pattern, "finditer", args, kw)?;
    let found = all_matches(&args[0], pattern, &subject, pos, endpos, 0);
    crate::iter::get_iter(interp, &Value::list(found))
}

fn pattern_findall(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let pattern = this(args)?;
    let (subject, pos, endpos) = subject_and_range(pattern, "findall", args, kw)?;
    let found = all_matches(&args[0], pattern, &subject, pos, endpos, 0);
    let items = found
        .iter()
        .filter_map(native::downcast::<Match>)
        .map(|m| match pattern.groups {
            0 => m.group_or(0, subject.empty()),
            1 => m.group_or(1, subject.empty()),
            n => Value::tuple((1..=n).map(|g| m.group_or(g, subject.empty())).collect()),
        })
        .collect();
    Ok(Value::list(items))
}

/// `count` or `maxsplit`: a non-negative limit (0: none).
fn limit_arg(value: Option<&Value>) -> PyResult<usize> {
    match value {
        None => Ok(0),
        Some(Value::Int(n)) => Ok((*n).max(0) as usize),
        Some(Value::Bool(b)) => Ok(*b as usize),
        Some(other) => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn pattern_split(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let pattern = this(args)?;
    let mut call = Args::new("split", &args[1..], kw);
    let string = call.keyword("string").or(call.positional.first()).cloned();
    let maxsplit = call.keyword("maxsplit").or(call.positional.get(1)).cloned();
    call.finish()?;
    let string =
        string.ok_or_else(|| type_error("split() missing required argument 'string' (pos 1)"))?;
    let subject = Subject::of(pattern, &string)?;
    let limit = limit_arg(maxsplit.as_ref())?;
    let end = subject.len();
    let found = all_matches(&args[0], pattern, &subject, 0, end, limit);
    let mut pieces = Vec::new();
    let mut last = 0;
    for m in found.iter().filter_map(native::downcast::<Match>) {
        let (start, stop) = m.span_of(0);
        pieces.push(subject.slice(last, start as usize));
        for g in 1..=pattern.groups {
            pieces.push(m.group_or(g, Value::None));
        }
        last = stop as usize;
    }
    pieces.push(subject.slice(last, end));
    Ok(Value::list(pieces))
}

/// What replaces each match in `sub`: the same text every time, or what a
/// function of the match answers.
enum Replacement {
    Literal(Value),
    Call(Value),
}

fn replacement(interp: &mut Interp, pattern_value: &Value, repl: &Value) -> PyResult<Replacement> {
    let has_escape = match repl {
        Value::Str(s) => s.as_str().contains('\\'),
        Value::Bytes(b) => b.data.contains(&b'\\'),
        _ => return Ok(Replacement::Call(repl.clone())),
    };
    if !has_escape {
        return Ok(Replacement::Literal(repl.clone()));
    }
    // As CPython's `_sre` does: `re._subx` parses the template.
    let re = super::importer::import_module(interp, "re")?;
    let subx = crate::attributes::get_attr(interp, &re, &crate::intern("_subx"))?;
    let parsed = crate::call::call(interp, &subx, &[pattern_value.clone(), repl.clone()], &[])?;
    Ok(match parsed {
        literal @ (Value::Str(_) | Value::Bytes(_)) => Replacement::Literal(literal),
        function => Replacement::Call(function),
    })
}

fn substitute(
    interp: &mut Interp,
    args: &[Value],
    kw: &[Rc<PyStr>],
    function: &'static str,
) -> PyResult<(Value, usize)> {
    let pattern = this(args)?;
    let mut call = Args::new(function, &args[1..], kw);
    let repl = call.keyword("repl").or(call.positional.first()).cloned();
    let string = call.keyword("string").or(call.positional.get(1)).cloned();
    let count = call.keyword("count").or(call.positional.get(2)).cloned();
    call.finish()?;
    let (Some(repl), Some(string)) = (repl, string) else {
        return Err(type_error(format!(
            "{function}() missing required argument 'string' (pos 2)"
        )));
    };
    let subject = Subject::of(pattern, &string)?;
    let limit = limit_arg(count.as_ref())?;
    let replacement = replacement(interp, &args[0], &repl)?;
    let end = subject.len();
    let found = all_matches(&args[0], pattern, &subject, 0, end, limit);
    let mut pieces = Vec::with_capacity(found.len() * 2 + 1);
    let mut last = 0;
    for value in &found {
        let Some(m) = native::downcast::<Match>(value) else {
            continue;
        };
        let (start, stop) = m.span_of(0);
        pieces.push(subject.slice(last, start as usize));
        let piece = match &replacement {
            Replacement::Literal(text) => text.clone(),
            Replacement::Call(f) => crate::call::call(interp, f, std::slice::from_ref(value), &[])?,
        };
        if !matches!(piece, Value::None) {
            pieces.push(piece);
        }
        last = stop as usize;
    }
    pieces.push(subject.slice(last, end));
    Ok((subject.join(&pieces)?, found.len()))
}

fn pattern_sub(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(substitute(interp, args, kw, "sub")?.0)
}

fn pattern_subn(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let (text, count) = substitute(interp, args, kw, "subn")?;
    Ok(Value::tuple(vec![text, Value::Int(count as i64)]))
}

// ----- the module -----------------------------------------------------------

fn compile(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let mut call = Args::new("compile", args, kw);
    let names = [
        "pattern",
        "flags",
        "code",
        "groups",
        "groupindex",
        "indexgroup",
    ];
    let mut given = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let value = call.keyword(name).or(call.positional.get(i)).cloned();
        given.push(value.ok_or_else(|| {
            type_error(format!(
                "compile() missing required argument '{name}' (pos {})",
                i + 1
            ))
        })?);
    }
    call.finish()?;
    // `flags` is a `re.RegexFlag` and the code holds `_NamedIntConstant`s:
    // `int` subclasses, read as their value.
    let int = |v: &Value, what: &str| match crate::subclass::value_of(v) {
        Value::Int(i) => Ok(*i),
        _ => Err(type_error(format!("compile(): {what} must be an integer"))),
    };
    let flags = int(&given[1], "flags")?;
    let groups = int(&given[3], "groups")?.max(0) as usize;
    let Value::List(code) = &given[2] else {
        return Err(type_error("compile(): code must be a list"));
    };
    let code = code
        .iter_items()
        .map(|c| match crate::subclass::value_of(&c) {
            Value::Int(i) if (0..=u32::MAX as i64).contains(i) => Ok(*i as u32),
            _ => Err(type_error("regular expression code size limit exceeded")),
        })
        .collect::<PyResult<Box<[u32]>>>()?;
    Ok(native::new(Pattern {
        source: given[0].clone(),
        flags,
        code,
        groups,
        groupindex: given[4].clone(),
        indexgroup: given[5].clone(),
    }))
}

fn char_arg(args: &[Value], kw: &[Rc<PyStr>], name: &'static str) -> PyResult<u32> {
    let call = Args::new(name, args, kw);
    call.finish()?;
    call.arity(1, 1)?;
    match *crate::subclass::value_of(&call.positional[0]) {
        Value::Int(c) if (0..=0x10ffff).contains(&c) => Ok(c as u32),
        Value::Int(c) => Ok(c as u32),
        _ => Err(type_error(format!("{name}(): an integer is required"))),
    }
}

fn getcodesize(_: &mut Interp, _: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::Int(rustpython_sre_engine::CODESIZE as i64))
}

fn ascii_iscased(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let c = char_arg(args, kw, "ascii_iscased")?;
    Ok(Value::Bool(c < 128 && (c as u8).is_ascii_alphabetic()))
}

fn unicode_iscased(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let c = char_arg(args, kw, "unicode_iscased")?;
    let lower = rustpython_sre_engine::string::lower_unicode(c);
    let upper = rustpython_sre_engine::string::upper_unicode(c);
    Ok(Value::Bool(c != lower || c != upper))
}

fn ascii_tolower(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let c = char_arg(args, kw, "ascii_tolower")?;
    Ok(Value::Int(
        rustpython_sre_engine::string::lower_ascii(c) as i64
    ))
}

fn unicode_tolower(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let c = char_arg(args, kw, "unicode_tolower")?;
    Ok(Value::Int(
        rustpython_sre_engine::string::lower_unicode(c) as i64
    ))
}

builtin_table!(FUNCTIONS {
    "compile" => compile,
    "getcodesize" => getcodesize,
    "ascii_iscased" => ascii_iscased,
    "unicode_iscased" => unicode_iscased,
    "ascii_tolower" => ascii_tolower,
    "unicode_tolower" => unicode_tolower,
});

pub fn create() -> Value {
    let functions: Vec<&'static Builtin> = FUNCTIONS.iter().collect();
    module(
        "_sre",
        &functions,
        vec![
            ("MAGIC", Value::Int(MAGIC)),
            (
                "CODESIZE",
                Value::Int(rustpython_sre_engine::CODESIZE as i64),
            ),
            (
                "MAXREPEAT",
                Value::Int(rustpython_sre_engine::MAXREPEAT as i64),
            ),
            ("MAXGROUPS", Value::Int(MAXGROUPS)),
            (
                "copyright",
                Value::str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "),
            ),
        ],
    )
}
