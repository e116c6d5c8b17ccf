//! The walkthrough as terminal text: headings in bold, source lines and
//! notes in colour when writing to a terminal, plain text when not.
//!
//! It lays out what the stages built and adds nothing of its own.

use super::{Block, Lecture, LineKind};
use std::fmt::Write;

/// Paragraphs are wrapped to this many columns.
const WIDTH: usize = 88;

struct Style {
    colour: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

pub fn render(lecture: &Lecture, colour: bool) -> String {
    let style = Style { colour };
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.paint("1", &lecture.title));
    let _ = writeln!(out, "{}", "=".repeat(lecture.title.chars().count()));
    out.push('\n');
    for (number, line) in lecture.source.lines().enumerate() {
        let _ = writeln!(
            out,
            "{}",
            style.paint("33", &format!("{:>4}  {line}", number + 1))
        );
    }
    for stage in &lecture.stages {
        out.push('\n');
        let _ = writeln!(out, "{}", style.paint("1;36", &stage.title));
        let _ = writeln!(
            out,
            "{}",
            style.paint("36", &"-".repeat(stage.title.chars().count()))
        );
        for block in &stage.blocks {
            match block {
                Block::Text(text) => {
                    out.push('\n');
                    for line in wrap(text, WIDTH) {
                        let _ = writeln!(out, "{line}");
                    }
                }
                Block::Subheading(text) => {
                    out.push('\n');
                    let _ = writeln!(out, "{}", style.paint("1", text));
                }
                Block::Code(lines) => {
                    out.push('\n');
                    for line in lines {
                        let text = format!("    {}", line.text);
                        let _ = writeln!(
                            out,
                            "{}",
                            match line.kind {
                                LineKind::Plain => text,
                                LineKind::Source => style.paint("33", &text),
                                LineKind::Note => style.paint("2", &text),
                            }
                        );
                    }
                }
            }
        }
    }
    out
}

/// Splits a paragraph into lines of at most `width` characters at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
