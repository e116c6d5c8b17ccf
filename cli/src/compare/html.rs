//! `report.html`: one self-contained page with SVG charts drawn by
//! `plotters`: speedup bars with their confidence whiskers on a log axis,
//! and, for every program and backend, the run-sequence plot of each
//! process with the steady state the warm-up analysis found.

use super::report::{Analysis, Summary};
use super::suite::Program;
use super::Measurement;
use plotters::prelude::*;

const COLORS: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Speedup of each backend against the baseline, per program, log scale
/// (also written alone as `speedups.svg`, for the README).
pub fn speedup_chart(
    programs: &[Program],
    backends: &[String],
    analysis: &Analysis,
    baseline: &str,
) -> Result<String, String> {
    let shown: Vec<&String> = backends.iter().filter(|b| *b != baseline).collect();
    let mut low: f64 = 0.5;
    let mut high: f64 = 2.0;
    for s in &analysis.summaries {
        if let Some(e) = s.speedup {
            low = low.min(e.low * 0.9);
            high = high.max(e.high * 1.1);
        }
    }
    let width = 160 + 70 * programs.len() as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width.max(640), 420)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Speedup against {baseline} (log scale, 95% intervals)"),
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(70)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..programs.len() as f64, (low..high).log_scale())
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_desc("speedup (×)")
            .draw()
            .map_err(|e| e.to_string())?;
        // One label under each program's group of bars (plotters would pick
        // "round" positions on a continuous axis instead).
        for (i, program) in programs.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(i as f64 + 0.5, low));
            root.draw(&Text::new(
                program.name.clone(),
                (x, y + 8),
                ("sans-serif", 12).into_font().into_text_style(&root).pos(
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Top,
                    ),
                ),
            ))
            .map_err(|e| e.to_string())?;
        }
        chart
            .draw_series(LineSeries::new(
                vec![(0.0, 1.0), (programs.len() as f64, 1.0)],
                BLACK.stroke_width(1),
            ))
            .map_err(|e| e.to_string())?;
        let slot = 0.8 / shown.len().max(1) as f64;
        for (b, backend) in shown.iter().enumerate() {
            let color = COLORS[b % COLORS.len()];
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
                let x0 = i as f64 + 0.1 + slot * b as f64;
                let x1 = x0 + slot * 0.9;
                bars.push(Rectangle::new([(x0, 1.0), (x1, e.value)], color.filled()));
                let mid = (x0 + x1) / 2.0;
                whiskers.push(PathElement::new(vec![(mid, e.low), (mid, e.high)], BLACK));
            }
            chart
                .draw_series(bars)
                .map_err(|e| e.to_string())?
                .label(backend.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled())
                });
            chart.draw_series(whiskers).map_err(|e| e.to_string())?;
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// Iteration times of each process in order, with the steady state.
fn sequence_chart(measurement: &Measurement, summary: &Summary) -> Result<String, String> {
    let series = &measurement.processes;
    let iterations = series.iter().map(Vec::len).max().unwrap_or(0).max(2);
    let top = series.iter().flatten().fold(0.0f64, |a, &b| a.max(b)) / 1e6 * 1.1;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (360, 200)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("{} on {}", measurement.program, measurement.backend),
                ("sans-serif", 14),
            )
            .margin(6)
            .x_label_area_size(24)
            .y_label_area_size(44)
            .build_cartesian_2d(0f64..(iterations - 1) as f64, 0f64..top.max(1e-3))
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .y_desc("ms")
            .x_labels(6)
            .y_labels(4)
            .draw()
            .map_err(|e| e.to_string())?;
        for (p, times) in series.iter().enumerate() {
            let color = COLORS[p % COLORS.len()];
            chart
                .draw_series(LineSeries::new(
                    times.iter().enumerate().map(|(i, ns)| (i as f64, ns / 1e6)),
                    color.stroke_width(1),
                ))
                .map_err(|e| e.to_string())?;
            if let Some(w) = summary.warmup.get(p) {
                let y = w.steady_mean / 1e6;
                chart
                    .draw_series(LineSeries::new(
                        vec![
                            (w.steady_from as f64, y),
                            ((times.len().max(1) - 1) as f64, y),
                        ],
                        color.stroke_width(3),
                    ))
                    .map_err(|e| e.to_string())?;
            }
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// The whole page.
pub fn page(
    programs: &[Program],
    backends: &[String],
    measurements: &[Measurement],
    analysis: &Analysis,
    baseline: &str,
    table_markdown: &str,
) -> String {
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>pvm compare</title>\
         <style>body{font-family:sans-serif;margin:2em} table{border-collapse:collapse} \
         td,th{border:1px solid #ccc;padding:4px 8px} .runs{display:flex;flex-wrap:wrap;gap:8px}</style>\
         </head><body>\n<h1>pvm compare</h1>\n",
    );
    html.push_str("<table>\n");
    for (i, line) in table_markdown.lines().enumerate() {
        if i == 1 {
            continue;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|c| escape(c.trim()))
            .collect();
        let tag = if i == 0 { "th" } else { "td" };
        html.push_str("<tr>");
        for cell in cells {
            html.push_str(&format!("<{tag}>{cell}</{tag}>"));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</table>\n<h2>Speedups</h2>\n");
    match speedup_chart(programs, backends, analysis, baseline) {
        Ok(svg) => html.push_str(&svg),
        Err(error) => html.push_str(&format!("<p>chart failed: {}</p>", escape(&error))),
    }
    html.push_str(
        "\n<h2>Run sequences</h2>\n<p>Iteration times of each process in order; the thick line is the steady state found by the warm-up analysis.</p>\n<div class=\"runs\">\n",
    );
    for m in measurements.iter().filter(|m| !m.processes.is_empty()) {
        let Some(summary) = analysis
            .summaries
            .iter()
            .find(|s| s.program == m.program && s.backend == m.backend)
        else {
            continue;
        };
        match sequence_chart(m, summary) {
            Ok(svg) => html.push_str(&format!("<div>{svg}</div>\n")),
            Err(error) => html.push_str(&format!("<p>chart failed: {}</p>", escape(&error))),
        }
    }
    html.push_str("</div>\n</body></html>\n");
    html
}
