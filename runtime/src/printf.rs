//! String interpolation the old and the new way: `'%5.2f' % x` and
//! `'{name!r:>8}'.format(...)`, with CPython's error messages.
//!
//! Both parse their template here and leave the formatting of each value to
//! `format.rs` (the format-spec mini-language) and `repr.rs`, so every way
//! of formatting a number agrees with f-strings.

use crate::exceptions::{index_error, key_error, type_error, value_error, PyResult};
use crate::numbers::Num;
use crate::value::{PyStr, Value};
use crate::Interp;
use std::rc::Rc;

/// `template % args`.
pub fn percent(interp: &mut Interp, template: &str, args: &Value) -> PyResult<Value> {
    let (positional, mapping): (Vec<Value>, Option<&Value>) = match args {
        Value::Tuple(t) => (t.items.to_vec(), None),
        Value::Dict(_) => (vec![args.clone()], Some(args)),
        other => (vec![other.clone()], None),
    };
    let mut next = 0usize;
    let mut out = String::with_capacity(template.len() + 16);
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // %(key)
        let mut keyed: Option<Value> = None;
        if chars.peek() == Some(&'(') {
            chars.next();
            let mut depth = 1;
            let mut key = String::new();
            for k in chars.by_ref() {
                match k {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                key.push(k);
            }
            let Some(Value::Dict(d)) = mapping else {
                return Err(type_error("format requires a mapping"));
            };
            let found = d.get_str(&crate::intern(&key));
            keyed = Some(found.ok_or_else(|| key_error(Value::str(key)))?);
        }
        let mut flags = String::new();
        while let Some(&f) = chars.peek() {
            if "-+ #0".contains(f) {
                flags.push(f);
                chars.next();
            } else {
                break;
            }
        }
        let take_arg = |next: &mut usize| -> PyResult<Value> {
            let value = positional
                .get(*next)
                .cloned()
                .ok_or_else(|| type_error("not enough arguments for format string"))?;
            *next += 1;
            Ok(value)
        };
        let mut width = String::new();
        if chars.peek() == Some(&'*') {
            chars.next();
            width = star_number(&take_arg(&mut next)?)?;
        } else {
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                width.push(d);
                chars.next();
            }
        }
        let mut precision: Option<String> = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = String::new();
            if chars.peek() == Some(&'*') {
                chars.next();
                p = star_number(&take_arg(&mut next)?)?;
            } else {
                while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    p.push(d);
                    chars.next();
                }
            }
            precision = Some(if p.is_empty() { "0".into() } else { p });
        }
        // Length modifiers are accepted and ignored, as in CPython.
        while matches!(chars.peek(), Some('h' | 'l' | 'L')) {
            chars.next();
        }
        let Some(kind) = chars.next() else {
            return Err(value_error("incomplete format"));
        };
        if kind == '%' {
            out.push('%');
            continue;
        }
        let value = match keyed {
            Some(v) => v,
            None => take_arg(&mut next)?,
        };
        if !"sradiuxXofFeEgGc".contains(kind) {
            // the format character's index in the template, in characters
            let index = template.chars().count() - chars.clone().count() - 1;
            return Err(value_error(format!(
                "unsupported format character '{kind}' ({:#x}) at index {index}",
                kind as u32
            )));
        }
        out.push_str(&convert(
            interp,
            &value,
            kind,
            &flags,
            &width,
            precision.as_deref(),
        )?);
    }
    if mapping.is_none() && next < positional.len() {
        return Err(type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(Value::str(out))
}

fn star_number(value: &Value) -> PyResult<String> {
    match value {
        Value::Int(i) => Ok(i.to_string()),
        _ => Err(type_error("* wants int")),
    }
}

/// One `%` conversion, expressed as a format spec for `format.rs`.
fn convert(
    interp: &mut Interp,
    value: &Value,
    kind: char,
    flags: &str,
    width: &str,
    precision: Option<&str>,
) -> PyResult<String> {
    let left = flags.contains('-');
    let align = if left { "<" } else { "" };
    let sign = if flags.contains('+') {
        "+"
    } else if flags.contains(' ') {
        " "
    } else {
        ""
    };
    let alternate = if flags.contains('#') { "#" } else { "" };
    let zero = if flags.contains('0') && !left {
        "0"
    } else {
        ""
    };
    let precision_part = precision.map(|p| format!(".{p}")).unwrap_or_default();
    match kind {
        's' | 'r' | 'a' => {
            let text = match kind {
                's' => crate::repr::str(interp, value)?,
                'r' => crate::repr::repr(interp, value)?,
                _ => crate::repr::ascii(interp, value)?,
            };
            let text: String = match precision {
                Some(p) => text.chars().take(p.parse().unwrap_or(0)).collect(),
                None => text,
            };
            let spec = format!("{}{width}", if left { "<" } else { ">" });
            crate::format::format(interp, &Value::str(text), &spec)
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            let integer = match (value, Num::of(value)) {
                (Value::Float(f), _) => {
                    if !f.is_finite() {
                        return Err(crate::exceptions::overflow_error(
                            "cannot convert float infinity to integer",
                        ));
                    }
                    Value::from_bigint(num_bigint::BigInt::from(f.trunc() as i128))
                }
                (Value::Bool(b), _) => Value::Int(*b as i64),
                (_, Some(_)) => value.clone(),
                _ => {
                    let what = if matches!(kind, 'd' | 'i' | 'u') {
                        format!(
                            "%{kind} format: a real number is required, not {}",
                            value.type_name()
                        )
                    } else {
                        format!(
                            "%{kind} format: an integer is required, not {}",
                            value.type_name()
                        )
                    };
                    return Err(type_error(what));
                }
            };
            let code = match kind {
                'x' => "x",
                'X' => "X",
                'o' => "o",
                _ => "d",
            };
            let spec = format!("{align}{sign}{alternate}{zero}{width}{code}");
            crate::format::format(interp, &integer, &spec)
        }
        'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
            let number = match Num::of(value) {
                Some(n) => Value::Float(n.to_f64()?),
                None => {
                    return Err(type_error(format!(
                        "must be real number, not {}",
                        value.type_name()
                    )))
                }
            };
            let precision_part = if precision.is_none() {
                ".6".to_string()
            } else {
                precision_part
            };
            let spec = format!("{align}{sign}{alternate}{zero}{width}{precision_part}{kind}");
            crate::format::format(interp, &number, &spec)
        }
        'c' => {
            let text = match (value, Num::of(value)) {
                (Value::Str(s), _) if s.char_len() == 1 => s.as_str().to_string(),
                (_, Some(Num::Int(i))) => u32::try_from(i)
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
                    .ok_or_else(|| {
                        crate::exceptions::overflow_error("%c arg not in range(0x110000)")
                    })?,
                (_, Some(Num::Big(_))) => {
                    return Err(crate::exceptions::overflow_error(
                        "%c arg not in range(0x110000)",
                    ))
                }
                _ => return Err(type_error("%c requires int or char")),
            };
            let spec = format!("{}{width}", if left { "<" } else { ">" });
            crate::format::format(interp, &Value::str(text), &spec)
        }
        other => Err(value_error(format!(
            "unsupported format character '{other}' ({:#x})",
            other as u32
        ))),
    }
}

/// `template.format(*args, **kwargs)`.
pub fn format_method(
    interp: &mut Interp,
    template: &str,
    args: &[Value],
    keywords: &[(Rc<PyStr>, Value)],
) -> PyResult<String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut auto = 0usize;
    let mut manual = false;
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching close brace (specs may nest one level).
        let mut depth = 1;
        let mut j = i + 1;
        while j < chars.len() {
            match chars[j] {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(value_error("expected '}' before end of string"));
        }
        let field: String = chars[i + 1..j].iter().collect();
        i = j + 1;
        let (name_part, spec) = match field.find(':') {
            Some(colon) => (&field[..colon], Some(&field[colon + 1..])),
            None => (field.as_str(), None),
        };
        let (name, conversion) = match name_part.find('!') {
            Some(bang) => (&name_part[..bang], Some(&name_part[bang + 1..])),
            None => (name_part, None),
        };
        let value = field_value(interp, name, args, keywords, &mut auto, &mut manual)?;
        let value = match conversion {
            None => value,
            Some("r") => Value::str(crate::repr::repr(interp, &value)?),
            Some("a") => Value::str(crate::repr::ascii(interp, &value)?),
            Some("s") => Value::str(crate::repr::str(interp, &value)?),
            Some(_) => return Err(value_error("Unknown conversion specifier")),
        };
        let spec = match spec {
            Some(spec) if spec.contains('{') => {
                format_method_nested(interp, spec, args, keywords, &mut auto, &mut manual)?
            }
            Some(spec) => spec.to_string(),
            None => String::new(),
        };
        out.push_str(&crate::format::format(interp, &value, &spec)?);
    }
    Ok(out)
}

fn format_method_nested(
    interp: &mut Interp,
    spec: &str,
    args: &[Value],
    keywords: &[(Rc<PyStr>, Value)],
    auto: &mut usize,
    manual: &mut bool,
) -> PyResult<String> {
    let mut out = String::new();
    let mut rest = spec;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| value_error("unmatched '{' in format spec"))?;
        let name = &rest[open + 1..open + close];
        let value = field_value(interp, name, args, keywords, auto, manual)?;
        out.push_str(&crate::repr::str(interp, &value)?);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The value a replacement field names: `0`, `name`, `0.attr`, `name[key]`.
fn field_value(
    interp: &mut Interp,
    field: &str,
    args: &[Value],
    keywords: &[(Rc<PyStr>, Value)],
    auto: &mut usize,
    manual: &mut bool,
) -> PyResult<Value> {
    let end = field.find(['.', '[']).unwrap_or(field.len());
    let (first, mut rest) = field.split_at(end);
    let mut value = if first.is_empty() {
        if *manual {
            return Err(value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        let index = *auto;
        *auto += 1;
        args.get(index).cloned().ok_or_else(|| {
            index_error(format!(
                "Replacement index {index} out of range for positional args tuple"
            ))
        })?
    } else if let Ok(index) = first.parse::<usize>() {
        if *auto > 0 {
            return Err(value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        *manual = true;
        args.get(index).cloned().ok_or_else(|| {
            index_error(format!(
                "Replacement index {index} out of range for positional args tuple"
            ))
        })?
    } else {
        keywords
            .iter()
            .find(|(k, _)| k.as_str() == first)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| key_error(Value::str(first)))?
    };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let name = crate::intern(&after[..end]);
            value = crate::attributes::get_attr(interp, &value, &name)?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let close = after
                .find(']')
                .ok_or_else(|| value_error("Missing ']' in format string"))?;
            let key_text = &after[..close];
            let key = match key_text.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::str(key_text),
            };
            value = crate::subscript::get_item(interp, &value, &key)?;
            rest = &after[close + 1..];
        } else {
            return Err(value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(value)
}
