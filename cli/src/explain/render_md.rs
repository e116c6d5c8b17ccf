//! The walkthrough as Markdown: the title and stages as headings, the
//! prose as paragraphs, every listing in a fenced block.
//!
//! It lays out what the stages built and adds nothing of its own.

use super::{Block, Lecture};
use std::fmt::Write;

pub fn render(lecture: &Lecture) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", lecture.title);
    let _ = writeln!(out, "```python\n{}\n```", lecture.source.trim_end());
    for stage in &lecture.stages {
        let _ = writeln!(out, "\n## {}", stage.title);
        for block in &stage.blocks {
            match block {
                Block::Text(text) => {
                    let _ = writeln!(out, "\n{}", super::render_term::wrap(text, 88).join("\n"));
                }
                Block::Subheading(text) => {
                    let _ = writeln!(out, "\n### {text}");
                }
                Block::Code(lines) => {
                    let _ = writeln!(out, "\n```text");
                    for line in lines {
                        let _ = writeln!(out, "{}", line.text);
                    }
                    let _ = writeln!(out, "```");
                }
            }
        }
    }
    out
}
