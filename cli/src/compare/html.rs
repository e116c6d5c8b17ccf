//! `report.html`: one self-contained page, read top down. First the
//! summary (each backend's geometric-mean speed-up with its interval and
//! verdict counts, and the speed-up chart), then the run (date, machine,
//! commit, the interpreters and their versions), then per program: the
//! table, the run-sequence charts grouped per program in collapsible
//! sections, and start-up. Each backend has one colour on every chart and
//! legend. The charts are SVG drawn by `plotters`; nothing here computes a
//! statistic.

use super::report::{self, Analysis, Metadata, Summary};
use super::stats::Verdict;
use super::suite::Program;
use super::Measurement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One colour per backend, in the order the run lists them (Tableau 10).
const COLORS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The backends every run may have, each with its colour in every report.
const KNOWN: [&str; 5] = ["switch", "threaded", "jit", "cpython", "pypy"];

/// The colour of `backend`: its own for the known ones, the next free one
/// in `backends`' order for the others (`--interp`).
fn color(backends: &[String], backend: &str) -> RGBColor {
    if let Some(index) = KNOWN.iter().position(|k| *k == backend) {
        return COLORS[index];
    }
    let others = backends
        .iter()
        .filter(|b| !KNOWN.contains(&b.as_str()))
        .position(|b| b == backend)
        .unwrap_or(0);
    COLORS[(KNOWN.len() + others) % COLORS.len()]
}

fn css(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A number for an axis label: at most three significant digits, no
/// trailing zeros (`0.5`, `1`, `2.5`, `0.05`).
fn short_number(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return "0".into();
    }
    let digits = (2.0 - value.abs().log10().floor()).clamp(0.0, 6.0) as usize;
    let text = format!("{value:.digits$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Tick values for a log axis from `low` to `high`: 1, 2 and 5 times the
/// powers of ten, finer when that leaves fewer than three.
fn log_ticks(low: f64, high: f64) -> Vec<f64> {
    let pick = |steps: &[f64]| -> Vec<f64> {
        let mut ticks = Vec::new();
        for exponent in -4..=4 {
            for step in steps {
                let value = step * 10f64.powi(exponent);
                if value >= low && value <= high {
                    ticks.push(value);
                }
            }
        }
        ticks
    };
    let coarse = pick(&[1.0, 2.0, 5.0]);
    if coarse.len() >= 3 {
        coarse
    } else {
        pick(&[1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0])
    }
}

fn failed(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// A row of colour swatches with the backends' names, drawn in SVG at
/// (`x`, `y`), for the chart written alone as `speedups.svg`.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    entries: &[(String, RGBColor)],
    (mut x, y): (i32, i32),
) -> Result<(), String> {
    for (name, c) in entries {
        area.draw(&Rectangle::new([(x, y - 6), (x + 12, y + 6)], c.filled()))
            .map_err(failed)?;
        let style = ("sans-serif", 14)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(name.clone(), (x + 18, y), style))
            .map_err(failed)?;
        x += 30 + 8 * name.chars().count() as i32;
    }
    Ok(())
}

/// Speed-up of each backend against the baseline: a row of bars per
/// program (so many programs stay readable at any width), on a log axis
/// with labelled ticks, bars in the backends' colours, 95% interval
/// whiskers, and the legend above the plot where it covers nothing (also
/// written alone as `speedups.svg`, for the README).
pub fn speedup_chart(
    programs: &[Program],
    backends: &[String],
    analysis: &Analysis,
    baseline: &str,
) -> Result<String, String> {
    let shown: Vec<&String> = backends.iter().filter(|b| *b != baseline).collect();
    let (mut low, mut high): (f64, f64) = (0.8, 1.25);
    for s in &analysis.summaries {
        if let Some(e) = s.speedup.filter(|_| s.backend != baseline) {
            low = low.min(e.low * 0.9);
            high = high.max(e.high * 1.1);
        }
    }
    let longest = programs
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(4) as u32;
    let row = (11 * shown.len() as u32 + 12).max(26);
    let height = 58 + 50 + row * programs.len() as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (860, height)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let (top, body) = root.split_vertically(58);
        top.draw(&Text::new(
            format!("Speed-up against {baseline} (log scale; whiskers: 95% intervals; right of 1 is faster)"),
            (10, 16),
            ("sans-serif", 16)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(failed)?;
        let entries: Vec<(String, RGBColor)> = shown
            .iter()
            .map(|b| (b.to_string(), color(backends, b)))
            .collect();
        draw_legend(&top, &entries, (12, 42))?;
        let mut chart = ChartBuilder::on(&body)
            .margin(10)
            .margin_top(4)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(8 * longest + 16)
            .build_cartesian_2d((low..high).log_scale(), 0f64..programs.len() as f64)
            .map_err(failed)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .disable_y_mesh()
            .x_labels(0)
            .y_labels(0)
            .x_label_formatter(&|_| String::new())
            .x_desc("speed-up (×)")
            .draw()
            .map_err(failed)?;
        draw_axis_labels(&root, &chart, programs, (low, high))?;
        draw_bars(&mut chart, programs, backends, &shown, analysis)?;
        root.present().map_err(failed)?;
    }
    Ok(svg)
}

/// The speed-up chart's plot: speed-up across on a log axis, programs
/// down, the first at the top.
type SpeedupPlot<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<
        plotters::coord::combinators::LogCoord<f64>,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// Where program `i`'s row of bars starts (the first program at the top).
fn row_of(programs: &[Program], i: usize) -> f64 {
    (programs.len() - 1 - i) as f64
}

/// The speed-up axis's labelled ticks (plotters would label only the
/// powers of ten on a log axis), with a line at each and a black one at 1,
/// and each program's name beside its row of bars. Drawn on `root`:
/// `backend_coord` answers in the whole picture's pixels.
fn draw_axis_labels(
    root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    chart: &SpeedupPlot<'_, '_>,
    programs: &[Program],
    (low, high): (f64, f64),
) -> Result<(), String> {
    let (top, bottom) = (
        chart.backend_coord(&(1.0, programs.len() as f64)).1,
        chart.backend_coord(&(1.0, 0.0)).1,
    );
    for tick in log_ticks(low, high) {
        let (x, _) = chart.backend_coord(&(tick, 0.0));
        let line = if (tick - 1.0).abs() < 1e-9 {
            BLACK
        } else {
            RGBColor(220, 220, 220)
        };
        root.draw(&PathElement::new(vec![(x, top), (x, bottom)], line))
            .map_err(failed)?;
        root.draw(&Text::new(
            format!("{}×", short_number(tick)),
            (x, bottom + 6),
            ("sans-serif", 13)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(failed)?;
    }
    for (i, program) in programs.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(low, row_of(programs, i) + 0.5));
        root.draw(&Text::new(
            program.name.clone(),
            (x - 8, y),
            ("sans-serif", 13)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(failed)?;
    }
    Ok(())
}

/// A bar from 1 to each speed-up, in its backend's colour, one under the
/// other per program, with the 95% interval as a whisker.
fn draw_bars(
    chart: &mut SpeedupPlot<'_, '_>,
    programs: &[Program],
    backends: &[String],
    shown: &[&String],
    analysis: &Analysis,
) -> Result<(), String> {
    let bar = 0.8 / shown.len().max(1) as f64;
    for (b, backend) in shown.iter().enumerate() {
        let c = color(backends, backend);
        let mut bars = Vec::new();
        let mut whiskers = Vec::new();
        for (i, program) in programs.iter().enumerate() {
            let Some(e) = analysis
                .summaries
                .iter()
                .find(|s| s.program == program.name && &s.backend == *backend)
                .and_then(|s| s.speedup)
            else {
                continue;
            };
            let y1 = row_of(programs, i) + 0.9 - bar * b as f64;
            let y0 = y1 - bar * 0.85;
            bars.push(Rectangle::new([(1.0, y0), (e.value, y1)], c.filled()));
            let mid = (y0 + y1) / 2.0;
            whiskers.push(PathElement::new(vec![(e.low, mid), (e.high, mid)], BLACK));
        }
        chart.draw_series(bars).map_err(failed)?;
        chart.draw_series(whiskers).map_err(failed)?;
    }
    Ok(())
}

/// One backend's iteration times on one program, each process a line in
/// the backend's colour (later processes lighter), iterations numbered
/// from 1, and the steady state the warm-up analysis found, thick.
fn sequence_chart(
    measurement: &Measurement,
    summary: &Summary,
    c: RGBColor,
) -> Result<String, String> {
    let series = &measurement.processes;
    let iterations = series.iter().map(Vec::len).max().unwrap_or(1).max(2);
    let top = series.iter().flatten().fold(0.0f64, |a, &b| a.max(b)) / 1e6 * 1.1;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (320, 190)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                &measurement.backend,
                ("sans-serif", 15).into_font().color(&c),
            )
            .margin(6)
            .x_label_area_size(30)
            .y_label_area_size(48)
            .build_cartesian_2d(1f64..iterations as f64, 0f64..top.max(1e-3))
            .map_err(failed)?;
        chart
            .configure_mesh()
            .x_desc("iteration")
            .y_desc("ms")
            .x_labels(iterations.min(8))
            .x_label_formatter(&|x| format!("{}", x.round() as i64))
            .y_labels(4)
            .y_label_formatter(&|y| short_number(*y))
            .light_line_style(WHITE)
            .draw()
            .map_err(failed)?;
        let count = series.len().max(1) as f64;
        for (p, times) in series.iter().enumerate() {
            let shade = c.mix(1.0 - 0.6 * p as f64 / count);
            chart
                .draw_series(LineSeries::new(
                    times
                        .iter()
                        .enumerate()
                        .map(|(i, ns)| ((i + 1) as f64, ns / 1e6)),
                    shade.stroke_width(1),
                ))
                .map_err(failed)?;
            if let Some(w) = summary.warmup.get(p) {
                let y = w.steady_mean / 1e6;
                let end = times.len().max(1) as f64;
                chart
                    .draw_series(LineSeries::new(
                        vec![((w.steady_from + 1) as f64, y), (end, y)],
                        shade.stroke_width(3),
                    ))
                    .map_err(failed)?;
            }
        }
        root.present().map_err(failed)?;
    }
    Ok(svg)
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}\
table{border-collapse:collapse;margin:0.5em 0} td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}\
td.num{text-align:right;font-variant-numeric:tabular-nums} th,td.num,td:first-child{white-space:nowrap}\
.swatch{display:inline-block;width:0.9em;height:0.9em;border-radius:2px;margin-right:0.4em;vertical-align:-0.1em}\
.faster{color:#1a7f37;font-weight:600} .slower{color:#cf222e;font-weight:600} .same{color:#555} .unsure{color:#9a6700}\
.warn{color:#9a6700;cursor:help} .note{color:#555;font-size:0.92em;max-width:60em}\
.runs{display:flex;flex-wrap:wrap;gap:8px} details{margin:0.3em 0} summary{cursor:pointer;font-weight:600}\
svg{max-width:100%;height:auto} .warning{background:#fff8c5;border:1px solid #d4a72c;padding:0.5em 1em}";

fn swatch(c: RGBColor) -> String {
    format!(
        "<span class=\"swatch\" style=\"background:{}\"></span>",
        css(c)
    )
}

fn verdict_html(verdict: Option<Verdict>) -> String {
    let (class, word) = match verdict {
        Some(Verdict::Faster) => ("faster", "faster"),
        Some(Verdict::Slower) => ("slower", "slower"),
        Some(Verdict::Inconclusive) => ("unsure", "no verdict"),
        _ => ("same", "same"),
    };
    format!("<span class=\"{class}\">{word}</span>")
}

/// The summary: per backend its geometric-mean speed-up and how many
/// programs it was faster, the same or slower on.
fn summary_table(backends: &[String], analysis: &Analysis, baseline: &str) -> String {
    let mut html = format!(
        "<table><tr><th>backend</th><th>geometric-mean speed-up vs {}</th><th>95% interval</th>\
         <th>faster</th><th>same</th><th>slower</th><th>no verdict</th><th>failed</th></tr>\n",
        escape(baseline)
    );
    for backend in backends {
        let rows: Vec<&Summary> = analysis
            .summaries
            .iter()
            .filter(|s| &s.backend == backend)
            .collect();
        let count = |v: Verdict| rows.iter().filter(|s| s.verdict == Some(v)).count();
        let failed = rows.iter().filter(|s| s.status != "ok").count();
        let mean = analysis.geometric_means.iter().find(|(b, _)| b == backend);
        let (value, interval) = match mean {
            _ if backend == baseline => ("1 (baseline)".to_string(), String::new()),
            Some((_, g)) => (
                format!("<b>{}×</b>", report::ratio(g.value)),
                format!("{}–{}×", report::ratio(g.low), report::ratio(g.high)),
            ),
            None => ("—".to_string(), String::new()),
        };
        let counts = if backend == baseline {
            "<td></td><td></td><td></td><td></td>".to_string()
        } else {
            format!(
                "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                count(Verdict::Faster),
                count(Verdict::Same),
                count(Verdict::Slower),
                count(Verdict::Inconclusive)
            )
        };
        html.push_str(&format!(
            "<tr><td>{}{}</td><td class=\"num\">{value}</td><td class=\"num\">{interval}</td>{counts}<td class=\"num\">{failed}</td></tr>\n",
            swatch(color(backends, backend)),
            escape(backend)
        ));
    }
    html.push_str("</table>\n");
    html
}

/// The run: when, where, which commit, and each interpreter's version.
fn run_section(metadata: &Metadata, backends: &[String]) -> String {
    let mut html = String::from("<h2>The run</h2>\n<table>\n");
    let rows = [
        ("date (UTC)", metadata.created_utc.clone()),
        (
            "machine",
            format!(
                "{} ({} cores), Linux {}",
                metadata.cpu, metadata.cores, metadata.kernel
            ),
        ),
        (
            "pvm commit",
            if metadata.pvm_commit.is_empty() {
                "unknown (not run in a git checkout)".into()
            } else {
                metadata.pvm_commit.clone()
            },
        ),
        (
            "processes",
            format!(
                "{} per program and backend; seed {}",
                metadata.processes, metadata.seed
            ),
        ),
        (
            "load at start",
            metadata
                .load_at_start
                .map(|l| format!("{l:.2}"))
                .unwrap_or_else(|| "unknown".into()),
        ),
    ];
    for (name, value) in rows {
        html.push_str(&format!(
            "<tr><th>{name}</th><td>{}</td></tr>\n",
            escape(&value)
        ));
    }
    html.push_str("</table>\n<h3>Interpreters</h3>\n<table><tr><th>backend</th><th>version</th><th>command</th></tr>\n");
    for i in &metadata.interpreters {
        html.push_str(&format!(
            "<tr><td>{}{}</td><td>{}</td><td><code>{}</code></td></tr>\n",
            swatch(color(backends, &i.name)),
            escape(&i.name),
            escape(&i.version),
            escape(&i.command.join(" "))
        ));
    }
    html.push_str("</table>\n");
    html
}

/// The per-program table: time ± half its interval; against the
/// baseline, speed-up and verdict; a `!` whose tooltip gives the warnings.
fn program_table(
    programs: &[Program],
    backends: &[String],
    analysis: &Analysis,
    baseline: &str,
) -> String {
    let mut html = String::from("<table><tr><th>program</th>");
    for b in backends {
        html.push_str(&format!(
            "<th>{}{}</th>",
            swatch(color(backends, b)),
            escape(b)
        ));
    }
    html.push_str("</tr>\n");
    for program in programs {
        html.push_str(&format!(
            "<tr><td title=\"{}\">{}</td>",
            escape(&program.description),
            escape(&program.name)
        ));
        for backend in backends {
            let summary = analysis
                .summaries
                .iter()
                .find(|s| s.program == program.name && &s.backend == backend);
            html.push_str(&format!(
                "<td class=\"num\">{}</td>",
                cell(summary, baseline)
            ));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n");
    html
}

fn cell(summary: Option<&Summary>, baseline: &str) -> String {
    let Some(s) = summary else {
        return "—".into();
    };
    let Some(time) = s.time_ns else {
        return format!("<span class=\"slower\">{}</span>", escape(s.status));
    };
    let mut text = format!(
        "{} ±{}",
        report::time_text(time.value),
        report::time_text((time.high - time.low) / 2.0)
    );
    if let (Some(speedup), true) = (s.speedup, s.backend != baseline) {
        text.push_str(&format!(
            "<br>{}× {}",
            report::ratio(speedup.value),
            verdict_html(s.verdict)
        ));
    }
    if !s.warnings.is_empty() {
        text.push_str(&format!(
            " <span class=\"warn\" title=\"{}\">!</span>",
            escape(&s.warnings.join("; "))
        ));
    }
    text
}

/// A Markdown section (`startup::markdown`) as HTML: its table, and its
/// paragraphs as notes.
fn markdown_section(md: &str) -> String {
    let mut html = String::new();
    let mut in_table = false;
    for line in md.lines().map(str::trim) {
        if let Some(row) = line.strip_prefix('|') {
            if row.starts_with("---") {
                continue;
            }
            if !in_table {
                html.push_str("<table>\n");
                in_table = true;
            }
            html.push_str("<tr>");
            for c in row.trim_end_matches('|').split('|') {
                html.push_str(&format!("<td class=\"num\">{}</td>", escape(c.trim())));
            }
            html.push_str("</tr>\n");
            continue;
        }
        if in_table {
            html.push_str("</table>\n");
            in_table = false;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            html.push_str(&format!("<h3>{}</h3>\n", escape(heading)));
        } else if !line.is_empty() {
            html.push_str(&format!(
                "<p class=\"note\">{}</p>\n",
                escape(&line.replace('*', ""))
            ));
        }
    }
    if in_table {
        html.push_str("</table>\n");
    }
    html
}

/// One collapsible section per program, holding a run-sequence chart per
/// backend that timed it, in the backends' order.
fn run_sequences(
    programs: &[Program],
    backends: &[String],
    measurements: &[Measurement],
    analysis: &Analysis,
) -> String {
    let mut html = String::new();
    for program in programs {
        let charts: Vec<String> = backends
            .iter()
            .filter_map(|b| {
                measurements
                    .iter()
                    .find(|m| m.program == program.name && &m.backend == b)
            })
            .filter(|m| !m.processes.is_empty())
            .filter_map(|m| {
                let summary = analysis
                    .summaries
                    .iter()
                    .find(|s| s.program == m.program && s.backend == m.backend)?;
                Some(
                    sequence_chart(m, summary, color(backends, &m.backend))
                        .unwrap_or_else(|e| format!("<p>chart failed: {}</p>", escape(&e))),
                )
            })
            .collect();
        if charts.is_empty() {
            continue;
        }
        html.push_str(&format!(
            "<details><summary>{}</summary><p class=\"note\">{}</p><div class=\"runs\">\n",
            escape(&program.name),
            escape(&program.description)
        ));
        for chart in charts {
            html.push_str(&format!("<div>{chart}</div>\n"));
        }
        html.push_str("</div></details>\n");
    }
    html
}

/// The whole page.
pub fn page(
    programs: &[Program],
    backends: &[String],
    measurements: &[Measurement],
    analysis: &Analysis,
    baseline: &str,
    metadata: &Metadata,
    startup_markdown: &str,
) -> String {
    let mut html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>pvm compare, {}</title><style>{STYLE}</style></head><body>\n\
         <h1>pvm compare</h1>\n<p>{} programs on {} backends, {} processes each, {} (UTC). Baseline: <b>{}</b>.</p>\n",
        escape(&metadata.created_utc),
        programs.len(),
        backends.len(),
        metadata.processes,
        escape(&metadata.created_utc),
        escape(baseline)
    );
    if let Some(warning) = &metadata.busy_warning {
        html.push_str(&format!(
            "<p class=\"warning\"><b>Warning:</b> {}.</p>\n",
            escape(warning)
        ));
    }
    html.push_str("<h2>Summary</h2>\n");
    html.push_str(&summary_table(backends, analysis, baseline));
    html.push_str(&format!(
        "<p class=\"note\">Speed-up is {0}'s mean iteration time ÷ the backend's (above 1: faster than {0}); the geometric mean weighs each program the same, over the programs every backend completed. \
         A verdict of faster or slower needs a 99% interval on the ratio of process means wholly outside ±2%, and same one wholly within ±10%; otherwise, or from fewer than 3 processes, there is no verdict.</p>\n",
        escape(baseline)
    ));
    match speedup_chart(programs, backends, analysis, baseline) {
        Ok(svg) => html.push_str(&svg),
        Err(error) => html.push_str(&format!("<p>chart failed: {}</p>", escape(&error))),
    }
    html.push_str(&run_section(metadata, backends));
    html.push_str("<h2>Programs</h2>\n");
    html.push_str(&program_table(programs, backends, analysis, baseline));
    html.push_str(
        "<p class=\"note\">Each cell: mean in-process iteration time ± half its 95% bootstrap interval, then the speed-up against the baseline and its verdict. \
         <span class=\"warn\">!</span> marks a warning; hover over it for the reason (a coefficient of variation of 10% or more, or iterations shorter than 1 ms, which time the timer as much as the program).</p>\n\
         <h3>Run sequences</h3>\n<p class=\"note\">Each program's iteration times in order, one chart per backend in its colour: each process is a line (later processes lighter), and the thick line is the steady state the warm-up analysis found.</p>\n",
    );
    html.push_str(&run_sequences(programs, backends, measurements, analysis));
    html.push_str(&markdown_section(startup_markdown));
    html.push_str("</body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_axis_ticks_are_labelled_between_the_powers_of_ten() {
        assert_eq!(log_ticks(0.3, 3.0), vec![0.5, 1.0, 2.0]);
        let fine = log_ticks(0.8, 1.25);
        assert!(fine.contains(&1.0) && fine.len() >= 2, "{fine:?}");
        assert_eq!(short_number(0.5), "0.5");
        assert_eq!(short_number(1.0), "1");
        assert_eq!(short_number(20.0), "20");
        assert_eq!(short_number(0.05), "0.05");
        assert_eq!(short_number(1.25), "1.25");
        assert_eq!(short_number(0.0), "0");
        assert_eq!(short_number(12.5), "12.5");
    }

    #[test]
    fn a_known_backend_has_its_colour_in_every_report() {
        let backends: Vec<String> = ["graalpy", "cpython"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(color(&backends, "cpython"), COLORS[3]);
        assert_eq!(color(&backends, "graalpy"), COLORS[5]);
    }
}
