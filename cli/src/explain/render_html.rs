//! The walkthrough as one self-contained HTML page: its style and its
//! small keyboard script are inline, nothing is loaded from anywhere, and
//! it reads as slides (one stage per screen, a table of contents first,
//! arrow keys or Page Up/Down to move).
//!
//! It lays out what the stages built and adds nothing of its own.

use super::{Block, Lecture, LineKind};
use std::fmt::Write;

const STYLE: &str = r#"
body { margin: 0; font: 18px/1.5 system-ui, sans-serif; color: #1d2330; background: #f6f5f1; }
section { min-height: 100vh; box-sizing: border-box; padding: 2.5em 6vw; border-bottom: 1px solid #d8d4c8; }
h1 { font-size: 2em; margin: 0 0 .5em; }
h2 { font-size: 1.6em; margin: 0 0 .6em; color: #0b5563; }
h3 { font-size: 1.1em; margin: 1.4em 0 .4em; }
p { max-width: 52em; }
pre { font: 15px/1.35 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #fffdf8;
      border: 1px solid #e2ddd0; border-radius: 6px; padding: .8em 1em; overflow-x: auto; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #ece8dc; padding: 0 .2em; border-radius: 3px; }
.src { color: #9a5b00; font-weight: bold; }
.note { color: #7a7a7a; }
nav ol { font-size: 1.2em; line-height: 1.9; list-style: none; padding-left: 0; }
nav a { color: #0b5563; }
"#;

const SCRIPT: &str = r#"
document.addEventListener('keydown', function (event) {
  var step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[event.key];
  if (!step) return;
  var sections = Array.prototype.slice.call(document.querySelectorAll('section'));
  var here = sections.findIndex(function (s) { return s.getBoundingClientRect().top > -10; });
  if (here < 0) here = sections.length - 1;
  var next = sections[Math.max(0, Math.min(sections.length - 1, here + step))];
  next.scrollIntoView();
  event.preventDefault();
});
"#;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A paragraph with its `backticked` parts in monospace.
fn paragraph(text: &str) -> String {
    escape(text)
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{part}</code>")
            } else {
                part.to_string()
            }
        })
        .collect()
}

pub fn render(lecture: &Lecture) -> String {
    let mut out = String::new();
    let title = escape(&lecture.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(out, "<section id=\"contents\">\n<h1>{title}</h1>");
    let _ = writeln!(out, "<pre>{}</pre>", escape(lecture.source.trim_end()));
    let _ = writeln!(out, "<nav><ol>");
    for stage in &lecture.stages {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            stage.id,
            escape(&stage.title)
        );
    }
    let _ = writeln!(out, "</ol></nav>\n</section>");
    for stage in &lecture.stages {
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>",
            stage.id,
            escape(&stage.title)
        );
        for block in &stage.blocks {
            match block {
                Block::Text(text) => {
                    let _ = writeln!(out, "<p>{}</p>", paragraph(text));
                }
                Block::Subheading(text) => {
                    let _ = writeln!(out, "<h3>{}</h3>", paragraph(text));
                }
                Block::Code(lines) => {
                    out.push_str("<pre>");
                    for line in lines {
                        let text = escape(&line.text);
                        match line.kind {
                            LineKind::Plain => out.push_str(&text),
                            LineKind::Source => {
                                let _ = write!(out, "<span class=\"src\">{text}</span>");
                            }
                            LineKind::Note => {
                                let _ = write!(out, "<span class=\"note\">{text}</span>");
                            }
                        }
                        out.push('\n');
                    }
                    out.push_str("</pre>\n");
                }
            }
        }
        out.push_str("</section>\n");
    }
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}
