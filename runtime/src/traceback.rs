//! Rendering an uncaught exception the way CPython 3.11 prints it:
//! `Traceback (most recent call last):`, one entry per frame with file, line,
//! function and source line, PEP 657 carets under the failing expression,
//! `[Previous line repeated N more times]` for recursion, then
//! `Type: message`.

use crate::exceptions::{PyErr, PyException, TracebackEntry};
use crate::value::Value;
use crate::Interp;
use std::fmt::Write;
use std::rc::Rc;

/// The full text CPython writes to stderr for `error`, chained exceptions
/// (`__cause__`, `__context__`) first.
pub fn render(interp: &mut Interp, error: &PyErr) -> String {
    let mut out = String::new();
    render_exception(&mut out, interp, &error.0.exception, 0);
    out
}

fn render_exception(
    out: &mut String,
    interp: &mut Interp,
    exception: &Rc<PyException>,
    depth: usize,
) {
    if depth < 64 {
        if let Value::Exception(cause) = &*exception.cause.borrow() {
            render_exception(out, interp, cause, depth + 1);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if !exception.suppress_context.get() {
            if let Value::Exception(context) = &*exception.context.borrow() {
                render_exception(out, interp, context, depth + 1);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
    }
    let entries = exception.traceback.borrow();
    if !entries.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
    }
    // Entries were recorded innermost first; print outermost first.
    let mut last: Option<(String, u32, String)> = None;
    let mut repeats = 0usize;
    for entry in entries.iter().rev() {
        let code = &entry.code().code;
        let line = code.line_at(entry.offset);
        let key = (code.filename.to_string(), line, code.name.to_string());
        if last.as_ref() == Some(&key) {
            repeats += 1;
            if repeats >= 3 {
                continue;
            }
        } else {
            flush_repeats(out, repeats);
            repeats = 0;
            last = Some(key);
        }
        write_entry(out, interp, entry);
    }
    flush_repeats(out, repeats);
    if let Some(Value::Str(rendered)) = exception.attrs.get_str(&crate::intern("__pvm_rendered__"))
    {
        // A SyntaxError from compiling an imported module: file, line,
        // caret and message, as CPython prints it.
        out.push_str(rendered.as_str());
        return;
    }
    let message = exception
        .message(interp)
        .unwrap_or_else(|_| "<exception str() failed>".into());
    let kind = type_label(exception.kind);
    if message.is_empty() {
        let _ = writeln!(out, "{kind}");
    } else {
        let _ = writeln!(out, "{kind}: {message}");
    }
}

/// How a traceback names an exception's class: the qualified name, with
/// the module in front unless it is `__main__` (CPython's rule).
fn type_label(kind: &'static crate::types::PyType) -> String {
    match &kind.class {
        Some(class) => match &class.module {
            Value::Str(module)
                if module.as_str() != "__main__" && module.as_str() != "builtins" =>
            {
                format!("{}.{}", module.as_str(), class.qualname.borrow())
            }
            _ => class.qualname.borrow().clone(),
        },
        None => kind.name.to_string(),
    }
}

fn flush_repeats(out: &mut String, repeats: usize) {
    if repeats >= 3 {
        let n = repeats - 2;
        let _ = writeln!(
            out,
            "  [Previous line repeated {n} more time{}]",
            if n == 1 { "" } else { "s" }
        );
    }
}

fn write_entry(out: &mut String, interp: &Interp, entry: &TracebackEntry) {
    let code = &entry.code().code;
    let position = code.positions.get(entry.offset).unwrap_or_default();
    let line = if position.line == 0 {
        code.first_line
    } else {
        position.line
    };
    let _ = writeln!(
        out,
        "  File \"{}\", line {}, in {}",
        code.filename, line, code.name
    );
    let Some(text) = interp.source_line(&code.filename, line) else {
        return;
    };
    let stripped = text.trim();
    if stripped.is_empty() {
        return;
    }
    let _ = writeln!(out, "    {stripped}");
    let indent = text.chars().count() - text.trim_start().chars().count();
    let to_chars = |byte: u32| text.get(..byte as usize).map(|s| s.chars().count());
    let (Some(start), Some(mut end)) = (to_chars(position.col), to_chars(position.end_col)) else {
        return;
    };
    let anchors = if position.line == position.end_line {
        text.chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect::<String>()
            .pipe(|s| pvm_frontend::caret_anchors(&s))
    } else {
        end = indent + stripped.chars().count();
        None
    };
    if end <= start || start < indent {
        return;
    }
    if end - start >= stripped.chars().count() && anchors.is_none() {
        return;
    }
    let mut carets = " ".repeat(start - indent);
    match anchors {
        Some((left, right)) => {
            carets.push_str(&"~".repeat(left));
            carets.push_str(&"^".repeat(right - left));
            carets.push_str(&"~".repeat((end - start).saturating_sub(right)));
        }
        None => carets.push_str(&"^".repeat(end - start)),
    }
    let _ = writeln!(out, "    {carets}");
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}

impl<T> Pipe for T {}
