//! Warm-up analysis, Krun style: find the changepoints in one process's
//! series of iteration times with PELT (changes in mean and variance,
//! penalty 15·ln n) and classify the process as flat, warm-up, slowdown or
//! no steady state. The steady state is the last segment.
//!
//! The segment cost is the normal negative log-likelihood with both mean and
//! variance fitted: `n · ln(σ²)`, with the variance floored so that runs of
//! equal times stay finite.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// No changepoint: the process ran at one speed.
    Flat,
    /// It ended faster than it started.
    Warmup,
    /// It ended slower than it started.
    Slowdown,
    /// The last segment is too short to call a steady state.
    NoSteadyState,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub class: Class,
    /// Indices where a new segment starts.
    pub changepoints: Vec<usize>,
    /// The iteration where the steady state (the last segment) starts.
    pub steady_from: usize,
    /// The steady state's mean iteration time.
    pub steady_mean: f64,
}

/// Shortest segment PELT may cut.
const MIN_SEGMENT: usize = 2;

/// Segment costs from prefix sums of `x` and `x²`.
struct Costs {
    sum: Vec<f64>,
    squares: Vec<f64>,
    floor: f64,
}

impl Costs {
    fn new(series: &[f64]) -> Costs {
        let mut sum = vec![0.0];
        let mut squares = vec![0.0];
        for x in series {
            sum.push(sum.last().copied().unwrap_or(0.0) + x);
            squares.push(squares.last().copied().unwrap_or(0.0) + x * x);
        }
        let mean = sum.last().copied().unwrap_or(0.0) / series.len().max(1) as f64;
        // A variance floor relative to the data's scale (0.1% of the mean,
        // squared): identical times do not give ln(0).
        let floor = (mean.abs() * 1e-3).powi(2).max(f64::MIN_POSITIVE);
        Costs {
            sum,
            squares,
            floor,
        }
    }

    /// The cost of `series[start..end]`.
    fn cost(&self, start: usize, end: usize) -> f64 {
        let n = (end - start) as f64;
        let s = self.sum[end] - self.sum[start];
        let q = self.squares[end] - self.squares[start];
        let variance = (q / n - (s / n) * (s / n)).max(self.floor);
        n * variance.ln()
    }
}

/// PELT (Killick, Fearnhead and Eckley 2012): the optimal segmentation
/// under `penalty` per changepoint, pruning candidates that cannot win.
pub fn changepoints(series: &[f64], penalty: f64) -> Vec<usize> {
    let n = series.len();
    if n < 2 * MIN_SEGMENT {
        return Vec::new();
    }
    let costs = Costs::new(series);
    let mut best = vec![0.0f64; n + 1];
    best[0] = -penalty;
    let mut last_change = vec![0usize; n + 1];
    let mut candidates: Vec<usize> = vec![0];
    for end in MIN_SEGMENT..=n {
        let mut chosen = (f64::INFINITY, 0usize);
        let mut totals = Vec::with_capacity(candidates.len());
        for &start in &candidates {
            let total = if end - start >= MIN_SEGMENT {
                best[start] + costs.cost(start, end) + penalty
            } else {
                f64::INFINITY
            };
            totals.push((start, total));
            if total < chosen.0 {
                chosen = (total, start);
            }
        }
        best[end] = chosen.0;
        last_change[end] = chosen.1;
        // Prune: a start that is already worse than the best by more than
        // the penalty can never become optimal.
        candidates = totals
            .into_iter()
            .filter(|(start, total)| end - start < MIN_SEGMENT || *total - penalty <= best[end])
            .map(|(start, _)| start)
            .collect();
        if end + MIN_SEGMENT <= n + 1 {
            candidates.push(end + 1 - MIN_SEGMENT);
        }
        candidates.sort_unstable();
        candidates.dedup();
    }
    let mut points = Vec::new();
    let mut at = n;
    while at > 0 {
        let start = last_change[at];
        if start > 0 {
            points.push(start);
        }
        at = start;
    }
    points.reverse();
    points
}

/// Classifies one process's iteration times.
pub fn analyse(series: &[f64]) -> Analysis {
    let n = series.len();
    let penalty = 15.0 * (n.max(2) as f64).ln();
    let points = changepoints(series, penalty);
    let mean = |a: usize, b: usize| series[a..b].iter().sum::<f64>() / (b - a).max(1) as f64;
    let steady_from = points.last().copied().unwrap_or(0);
    let steady_mean = mean(steady_from, n);
    let class = if points.is_empty() {
        Class::Flat
    } else if n - steady_from < (n / 10).max(MIN_SEGMENT) {
        Class::NoSteadyState
    } else {
        let first = mean(0, points[0]);
        if steady_mean < first {
            Class::Warmup
        } else {
            Class::Slowdown
        }
    };
    Analysis {
        class,
        changepoints: points,
        steady_from,
        steady_mean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wobble(level: f64, n: usize) -> Vec<f64> {
        (0..n)
            .map(|i| level + [0.0, 1.0, -1.0, 0.5][i % 4])
            .collect()
    }

    #[test]
    fn a_steady_series_is_flat() {
        let a = analyse(&wobble(100.0, 40));
        assert_eq!(a.class, Class::Flat);
        assert!(a.changepoints.is_empty());
        assert_eq!(a.steady_from, 0);
    }

    #[test]
    fn a_fast_finish_is_warmup_with_its_steady_state() {
        let mut series = wobble(300.0, 8);
        series.extend(wobble(100.0, 32));
        let a = analyse(&series);
        assert_eq!(a.class, Class::Warmup);
        assert_eq!(a.changepoints, vec![8]);
        assert_eq!(a.steady_from, 8);
        assert!((a.steady_mean - 100.125).abs() < 0.5, "{a:?}");
    }

    #[test]
    fn a_slow_finish_is_slowdown() {
        let mut series = wobble(100.0, 20);
        series.extend(wobble(180.0, 20));
        let a = analyse(&series);
        assert_eq!(a.class, Class::Slowdown);
        assert_eq!(a.changepoints, vec![20]);
    }

    #[test]
    fn a_change_at_the_very_end_leaves_no_steady_state() {
        let mut series = wobble(100.0, 38);
        series.extend([400.0, 410.0]);
        let a = analyse(&series);
        assert_eq!(a.class, Class::NoSteadyState, "{a:?}");
    }

    #[test]
    fn short_series_have_no_changepoints() {
        assert!(changepoints(&[1.0, 9.0, 1.0], 10.0).is_empty());
        assert_eq!(analyse(&[5.0]).class, Class::Flat);
    }
}
