//! The less central `str` methods: padding (`center`, `ljust`, `zfill`),
//! case (`title`, `capitalize`, `swapcase`), searching from the right,
//! `partition`, `splitlines` and the `is...` predicates beyond the basic
//! three. The core ones (`split`, `join`, `strip`, `replace`, ...) are in
//! `methods.rs`, which lists these in the same table.

use crate::exceptions::{type_error, value_error, PyResult};
use crate::unicode_case::{is_lowercase, is_titlecase_letter, is_uppercase};
use crate::value::{PyStr, Value};
use crate::Interp;
use std::rc::Rc;

// The methods defined in this file.
builtin_table!(pub METHODS {
    "center" => center,
    "ljust" => ljust,
    "rjust" => rjust,
    "zfill" => zfill,
    "title" => title,
    "capitalize" => capitalize,
    "swapcase" => swapcase,
    "index" => crate::search::index,
    "rfind" => crate::search::rfind,
    "rindex" => crate::search::rindex,
    "partition" => partition,
    "rpartition" => rpartition,
    "splitlines" => splitlines,
    "isupper" => isupper,
    "islower" => islower,
    "isalnum" => isalnum,
    "isnumeric" => isnumeric,
    "isdecimal" => isnumeric,
    "isidentifier" => isidentifier,
    "istitle" => istitle,
    "rsplit" => rsplit,
    "removeprefix" => removeprefix,
    "removesuffix" => removesuffix,
    "expandtabs" => expandtabs,
    "casefold" => casefold,
    "translate" => translate,
    "maketrans" => maketrans_bound,
    "isprintable" => isprintable,
    "isascii" => isascii,
});

fn this(args: &[Value]) -> PyResult<&str> {
    args.first()
        .and_then(Value::as_str)
        .ok_or_else(|| type_error("descriptor requires a 'str' object"))
}

fn no_keywords(name: &str, kwnames: &[Rc<PyStr>]) -> PyResult<()> {
    crate::call::no_keywords(name, kwnames)
}

fn arg_str<'a>(args: &'a [Value], i: usize, name: &str) -> PyResult<&'a str> {
    match args.get(i) {
        Some(Value::Str(s)) => Ok(s.as_str()),
        Some(other) => Err(type_error(format!(
            "must be str, not {}",
            other.type_name()
        ))),
        None => Err(type_error(format!(
            "{name}() takes at least 1 argument (0 given)"
        ))),
    }
}

fn arg_int(args: &[Value], i: usize, name: &str) -> PyResult<i64> {
    match args.get(i) {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Bool(b)) => Ok(*b as i64),
        Some(Value::BigInt(_)) => Err(crate::exceptions::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        Some(other) => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
        None => Err(type_error(format!(
            "{name}() takes at least 1 argument (0 given)"
        ))),
    }
}

fn fill_char(args: &[Value], name: &str) -> PyResult<char> {
    match args.get(2) {
        None => Ok(' '),
        Some(Value::Str(s)) if s.char_len() == 1 => Ok(s.as_str().chars().next().unwrap_or(' ')),
        Some(_) => Err(type_error(format!(
            "The fill character must be exactly one character long{}",
            if name.is_empty() { "" } else { "" }
        ))),
    }
}

fn pad(args: &[Value], kwnames: &[Rc<PyStr>], name: &str, side: char) -> PyResult<Value> {
    no_keywords(name, kwnames)?;
    let text = this(args)?;
    let width = arg_int(args, 1, name)?;
    let fill = fill_char(args, name)?;
    let len = text.chars().count() as i64;
    if width <= len {
        return Ok(args[0].clone());
    }
    let total = (width - len) as usize;
    let (left, right) = match side {
        '<' => (0, total),
        '>' => (total, 0),
        // CPython's centring puts the extra space on the left when the
        // width is odd and the text's length even, and vice versa.
        _ => {
            let left = total / 2 + (total & width as usize & 1);
            (left, total - left)
        }
    };
    let fill: String = std::iter::repeat_n(fill, 1).collect();
    Ok(Value::str(format!(
        "{}{text}{}",
        fill.repeat(left),
        fill.repeat(right)
    )))
}

fn center(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    pad(args, kw, "center", '^')
}

fn ljust(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    pad(args, kw, "ljust", '<')
}

fn rjust(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    pad(args, kw, "rjust", '>')
}

fn zfill(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("zfill", kw)?;
    let text = this(args)?;
    let width = arg_int(args, 1, "zfill")?;
    let len = text.chars().count() as i64;
    if width <= len {
        return Ok(args[0].clone());
    }
    let zeros = "0".repeat((width - len) as usize);
    let out = match text.chars().next() {
        Some(sign @ ('+' | '-')) => format!("{sign}{zeros}{}", &text[1..]),
        _ => format!("{zeros}{text}"),
    };
    Ok(Value::str(out))
}

fn title(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(crate::unicode_case::title(this(args)?)))
}

fn capitalize(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(crate::unicode_case::capitalize(this(args)?)))
}

fn swapcase(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(crate::unicode_case::swapcase(this(args)?)))
}

fn partition_at(args: &[Value], name: &str, from_right: bool) -> PyResult<Value> {
    let text = this(args)?;
    let separator = arg_str(args, 1, name)?;
    if separator.is_empty() {
        return Err(value_error("empty separator"));
    }
    let found = if from_right {
        text.rfind(separator)
    } else {
        text.find(separator)
    };
    let parts = match found {
        Some(i) => [&text[..i], separator, &text[i + separator.len()..]],
        None if from_right => ["", "", text],
        None => [text, "", ""],
    };
    Ok(Value::tuple(parts.iter().map(|p| Value::str(*p)).collect()))
}

fn partition(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("partition", kw)?;
    partition_at(args, "partition", false)
}

fn rpartition(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("rpartition", kw)?;
    partition_at(args, "rpartition", true)
}

fn splitlines(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    let keep = args.get(1).is_some_and(Value::truthy);
    let text = this(args)?;
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let end_len = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\n' | b'\r' | 0x0b | 0x0c | 0x1c | 0x1d | 0x1e => 1,
            _ => 0,
        };
        if end_len > 0 {
            let end = if keep { i + end_len } else { i };
            lines.push(Value::str(&text[start..end]));
            i += end_len;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        lines.push(Value::str(&text[start..]));
    }
    Ok(Value::list(lines))
}

fn predicate(args: &[Value], test: impl Fn(&str) -> bool) -> PyResult<Value> {
    Ok(Value::Bool(test(this(args)?)))
}

fn isupper(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, |t| {
        t.chars().any(is_uppercase) && !t.chars().any(|c| is_lowercase(c) || is_titlecase_letter(c))
    })
}

fn islower(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, |t| {
        t.chars().any(is_lowercase) && !t.chars().any(|c| is_uppercase(c) || is_titlecase_letter(c))
    })
}

fn isalnum(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, |t| {
        !t.is_empty() && t.chars().all(char::is_alphanumeric)
    })
}

fn isnumeric(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, |t| !t.is_empty() && t.chars().all(char::is_numeric))
}

fn isidentifier(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, |t| {
        let mut chars = t.chars();
        matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic())
            && chars.all(|c| c == '_' || c.is_alphanumeric())
    })
}

fn istitle(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, |t| {
        let mut previous_cased = false;
        let mut any = false;
        for c in t.chars() {
            if is_uppercase(c) || is_titlecase_letter(c) {
                if previous_cased {
                    return false;
                }
                previous_cased = true;
                any = true;
            } else if is_lowercase(c) {
                if !previous_cased {
                    return false;
                }
                previous_cased = true;
                any = true;
            } else {
                previous_cased = false;
            }
        }
        any
    })
}

fn rsplit(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("rsplit", kw)?;
    let text = this(args)?;
    let limit = match args.get(2) {
        Some(Value::Int(n)) if *n >= 0 => *n as usize,
        _ => usize::MAX,
    };
    let mut parts: Vec<Value> = match args.get(1) {
        None | Some(Value::None) => {
            let mut words: Vec<&str> = text.split_whitespace().collect();
            if words.len() > limit + 1 && limit != usize::MAX {
                let keep = words.split_off(words.len() - limit);
                let head_end = text
                    .trim_end()
                    .len()
                    .saturating_sub(keep.iter().map(|w| w.len()).sum::<usize>() + keep.len());
                let mut out = vec![Value::str(text[..head_end].trim_end())];
                out.extend(keep.into_iter().map(Value::str));
                return Ok(Value::list(out));
            }
            words.into_iter().map(Value::str).collect()
        }
        Some(_) => {
            let separator = arg_str(args, 1, "rsplit")?;
            if separator.is_empty() {
                return Err(value_error("empty separator"));
            }
            let mut pieces: Vec<Value> = text
                .rsplitn(limit.saturating_add(1), separator)
                .map(Value::str)
                .collect();
            pieces.reverse();
            pieces
        }
    };
    parts.shrink_to_fit();
    Ok(Value::list(parts))
}

fn removeprefix(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("removeprefix", kw)?;
    let text = this(args)?;
    let prefix = arg_str(args, 1, "removeprefix")?;
    Ok(Value::str(text.strip_prefix(prefix).unwrap_or(text)))
}

fn removesuffix(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    no_keywords("removesuffix", kw)?;
    let text = this(args)?;
    let suffix = arg_str(args, 1, "removesuffix")?;
    Ok(Value::str(text.strip_suffix(suffix).unwrap_or(text)))
}

fn expandtabs(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    let size = match (args.len(), kw) {
        (1, []) => 8,
        (2, [] | [_]) if kw.iter().all(|k| k.as_str() == "tabsize") => {
            let size = match args[1] {
                Value::BigInt(_) => i64::MAX,
                _ => arg_int(args, 1, "expandtabs")?,
            };
            if i32::try_from(size).is_err() {
                return Err(crate::exceptions::overflow_error(
                    "Python int too large to convert to C int",
                ));
            }
            size.max(0) as usize
        }
        _ => {
            return Err(type_error(format!(
                "expandtabs() takes at most 1 argument ({} given)",
                args.len().saturating_sub(1)
            )))
        }
    };
    let mut out = String::new();
    let mut column = 0;
    for c in this(args)?.chars() {
        match c {
            '\t' if size > 0 => {
                let spaces = size - column % size;
                out.push_str(&" ".repeat(spaces));
                column += spaces;
            }
            '\t' => {}
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(Value::str(out))
}

fn casefold(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    Ok(Value::str(crate::unicode_case::casefold(this(args)?)))
}

fn isprintable(_: &mut Interp, args: &[Value], _: &[Rc<PyStr>]) -> PyResult<Value> {
    predicate(args, |t| {
        t.chars().all(pvm_frontend::float_repr::is_printable)
    })
}

/// `s.translate(table)`: each character looked up in `table` by its code
/// point; absent ones stay, `None` deletes, an int or a string replaces.
fn translate(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("translate", kw)?;
    let [Value::Str(text), table] = args else {
        return Err(type_error(format!(
            "translate() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    };
    let mut out = String::with_capacity(text.as_str().len());
    for c in text.as_str().chars() {
        match crate::subscript::get_item(interp, table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(Value::Str(s)) => out.push_str(s.as_str()),
            Ok(replacement) => match crate::subclass::value_of(&replacement) {
                Value::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(value_error("character mapping must be in range(0x110000)"))
                    }
                },
                _ => {
                    return Err(type_error(
                        "character mapping must return integer, None or str",
                    ))
                }
            },
            Err(e) if e.is(&crate::types::LOOKUP_ERROR) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(Value::str(out))
}

/// `str.maketrans(x[, y[, z]])`: the table `translate` takes.
pub fn maketrans(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("maketrans", kw)?;
    let mut map = crate::value::Dict::default();
    let code = |c: char| crate::hash::DictKey(Value::Int(c as i64));
    match args {
        [Value::Dict(d)] => {
            for (key, value) in d.map().iter() {
                let key = match &key.0 {
                    Value::Str(s) if s.char_len() == 1 => {
                        code(s.as_str().chars().next().unwrap_or_default())
                    }
                    Value::Int(_) => key.clone(),
                    _ => {
                        return Err(value_error(
                            "string keys in translate table must be of length 1",
                        ))
                    }
                };
                map.insert(key, value.clone());
            }
        }
        [_] => {
            return Err(type_error(
                "if you give only one argument to maketrans it must be a dict",
            ))
        }
        [Value::Str(x), Value::Str(y), rest @ ..] if rest.len() <= 1 => {
            if x.char_len() != y.char_len() {
                return Err(value_error(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (a, b) in x.as_str().chars().zip(y.as_str().chars()) {
                map.insert(code(a), Value::Int(b as i64));
            }
            if let [Value::Str(z)] = rest {
                for c in z.as_str().chars() {
                    map.insert(code(c), Value::None);
                }
            }
        }
        _ => return Err(type_error("maketrans() arguments must be strings")),
    }
    let _ = interp;
    Ok(Value::dict(map))
}

fn isascii(_: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    crate::call::no_keywords("isascii", kw)?;
    match args {
        [Value::Str(s)] => Ok(Value::Bool(s.is_ascii())),
        _ => Err(type_error("isascii() takes no arguments")),
    }
}

/// `s.maketrans(...)` through an instance: the receiver plays no part.
fn maketrans_bound(interp: &mut Interp, args: &[Value], kw: &[Rc<PyStr>]) -> PyResult<Value> {
    maketrans(interp, args.get(1..).unwrap_or_default(), kw)
}
