//! The table `pvm compare` prints: the widest of three layouts that fits
//! the terminal (`COLUMNS`, else the width of the terminal on stdout), with
//! a key wrapped to that width. *Full*: time ± half its interval, speed-up
//! and verdict. *Compact*: the baseline's time, the others' speed-up and
//! verdict. *Narrow*: the same with a one-character verdict. Details stay
//! in the report files; this module computes no statistics.

use super::report::{self, Analysis, Summary};
use super::stats::{self, Verdict};
use super::suite::Program;

/// The terminal's width in columns, if there is one to fit.
pub fn width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
    {
        return Some(columns);
    }
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct given.
    unsafe {
        let mut size: libc::winsize = std::mem::zeroed();
        (libc::isatty(1) == 1
            && libc::ioctl(1, libc::TIOCGWINSZ, &mut size) == 0
            && size.ws_col > 0)
            .then_some(size.ws_col as usize)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Layout {
    Full,
    Compact,
    Narrow,
}

fn narrow_verdict(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Faster) => "+",
        Some(Verdict::Slower) => "-",
        Some(Verdict::Inconclusive) => "?",
        _ => "=",
    }
}

/// A cell without the time: the baseline's own time, the others' speed-up.
fn short_cell(summary: Option<&Summary>, baseline: &str, layout: Layout) -> String {
    let Some(s) = summary else {
        return "-".into();
    };
    let Some(time) = s.time_ns else {
        return s.status.to_string();
    };
    let mut text = match s.speedup {
        Some(speedup) if s.backend != baseline => match layout {
            Layout::Narrow => format!(
                "{}×{}",
                report::ratio(speedup.value),
                narrow_verdict(s.verdict)
            ),
            _ => format!(
                "{}× {}",
                report::ratio(speedup.value),
                report::verdict_word(s.verdict)
            ),
        },
        _ => report::time_text(time.value),
    };
    if !s.warnings.is_empty() {
        text.push_str(if layout == Layout::Narrow { "!" } else { " !" });
    }
    text
}

fn draw(
    programs: &[Program],
    backends: &[String],
    analysis: &Analysis,
    baseline: &str,
    layout: Layout,
) -> String {
    let rows = match layout {
        Layout::Full => report::grid(
            programs,
            backends,
            analysis,
            "geometric mean",
            &|s| report::full_cell(s, baseline),
            &|g| {
                format!(
                    "{}× [{}–{}]",
                    report::ratio(g.value),
                    report::ratio(g.low),
                    report::ratio(g.high)
                )
            },
        ),
        _ => report::grid(
            programs,
            backends,
            analysis,
            "geo. mean",
            &|s| short_cell(s, baseline, layout),
            &|g| format!("{}×", report::ratio(g.value)),
        ),
    };
    let mut builder = tabled::builder::Builder::default();
    for row in rows {
        builder.push_record(row);
    }
    let mut table = builder.build();
    table.with(tabled::settings::Style::rounded());
    table.to_string()
}

fn key(baseline: &str, layout: Layout) -> String {
    let few = stats::MIN_PROCESSES;
    let cells = match layout {
        Layout::Full => format!(
            "Mean in-process iteration time ± half its 95% interval, then the speed-up against {baseline} \
             (above 1 is faster) and its verdict (?: none, from fewer than {few} processes or too noisy a run)."
        ),
        Layout::Compact => format!(
            "{baseline}: mean in-process iteration time; others: speed-up against it (above 1 is faster) \
             and its verdict (?: none, from fewer than {few} processes or too noisy a run)."
        ),
        Layout::Narrow => format!(
            "{baseline}: mean in-process iteration time; others: speed-up against it (above 1 is faster) \
             and its verdict: + faster, - slower, = same, ? none (fewer than {few} processes, or too noisy)."
        ),
    };
    format!(
        "{cells} Faster or slower needs a 99% interval from the process means wholly outside ±2%, \
         same one wholly within ±10%. \
         ! marks a warning (noise, iterations under 1 ms): see the report."
    )
}

/// Breaks `text` into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

fn widest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The table and its key, in the widest layout that fits `width` (the
/// narrow one when none does; the full one with no width to fit).
pub fn table(
    programs: &[Program],
    backends: &[String],
    analysis: &Analysis,
    baseline: &str,
    width: Option<usize>,
) -> String {
    let mut chosen = (Layout::Narrow, String::new());
    for layout in [Layout::Full, Layout::Compact, Layout::Narrow] {
        let drawn = draw(programs, backends, analysis, baseline, layout);
        let fits = width.is_none_or(|w| widest_line(&drawn) <= w);
        chosen = (layout, drawn);
        if fits {
            break;
        }
    }
    let (layout, drawn) = chosen;
    let key = key(baseline, layout);
    let key = match width {
        Some(w) => wrap(&key, w.max(40)),
        None => key,
    };
    format!("{drawn}\n{key}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::stats::Estimate;

    fn summary(program: &str, backend: &str, ns: f64, speedup: f64, verdict: Verdict) -> Summary {
        let e = |v: f64| Estimate {
            value: v,
            low: v * 0.9,
            high: v * 1.1,
        };
        Summary {
            program: program.into(),
            backend: backend.into(),
            status: "ok",
            time_ns: Some(e(ns)),
            median_ns: Some(ns),
            speedup: Some(e(speedup)),
            verdict: Some(verdict),
            coefficient_of_variation: Some(0.01),
            median_process_ms: None,
            warmup: Vec::new(),
            steady_state_ns: None,
            warnings: vec!["noisy".into()],
        }
    }

    #[test]
    fn the_table_narrows_to_fit_and_the_key_wraps() {
        let backends: Vec<String> = ["cpython", "switch", "threaded", "jit", "pypy", "graalpy"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let programs: Vec<Program> = ["fannkuch", "spectral_norm"]
            .iter()
            .map(|name| Program {
                name: name.to_string(),
                path: Default::default(),
                description: String::new(),
                tags: Vec::new(),
                iterations: 5,
                driver: Default::default(),
                arguments: Vec::new(),
            })
            .collect();
        let mut summaries = Vec::new();
        for p in &programs {
            for (i, b) in backends.iter().enumerate() {
                summaries.push(summary(
                    &p.name,
                    b,
                    123.4e6,
                    1.0 + i as f64,
                    Verdict::Faster,
                ));
            }
        }
        let analysis = Analysis {
            summaries,
            geometric_means: Vec::new(),
        };
        let wide = table(&programs, &backends, &analysis, "cpython", None);
        assert!(wide.contains("123.4 ms ±"), "{wide}");
        for columns in [120, 90] {
            let fitted = table(&programs, &backends, &analysis, "cpython", Some(columns));
            assert!(widest_line(&fitted) <= columns, "{columns}:\n{fitted}");
            assert!(fitted.contains("2.00×"), "{fitted}");
            assert!(fitted.contains("123.4 ms"), "{fitted}");
        }
        let compact = table(&programs, &backends, &analysis, "cpython", Some(120));
        assert!(compact.contains("2.00× faster"), "{compact}");
        let narrow = table(&programs, &backends, &analysis, "cpython", Some(90));
        assert!(narrow.contains("2.00×+"), "{narrow}");
    }
}
