//! The statistics of `pvm compare`: medians, means, bootstrap confidence
//! intervals over the two levels of measurement (processes, then iterations
//! within a process), ratios against a baseline, geometric means, and the
//! "faster / slower / same" verdict with a noise band.
//!
//! Everything is deterministic for a given seed, so a report can be
//! recomputed from its raw times. Nothing here measures or prints.

/// A small deterministic generator (SplitMix64) for resampling and for the
/// interleaved run order.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

pub fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    xs.iter().sum::<f64>() / xs.len() as f64
}

pub fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The `q`-quantile (0..=1) by linear interpolation.
pub fn quantile(xs: &[f64], q: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let position = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let low = position.floor() as usize;
    let high = position.ceil() as usize;
    sorted[low] + (sorted[high] - sorted[low]) * (position - low as f64)
}

/// Coefficient of variation (standard deviation over mean).
pub fn coefficient_of_variation(xs: &[f64]) -> f64 {
    let m = mean(xs);
    if xs.len() < 2 || m == 0.0 {
        return 0.0;
    }
    let variance = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64;
    variance.sqrt() / m
}

/// A value with its 95% confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// One two-level bootstrap resample of `processes` (each a list of
/// iteration times): resample the processes, then the iterations of each.
fn resample_mean(processes: &[Vec<f64>], rng: &mut Rng) -> f64 {
    let mut total = 0.0;
    let mut count = 0usize;
    for _ in 0..processes.len() {
        let process = &processes[rng.below(processes.len())];
        for _ in 0..process.len() {
            total += process[rng.below(process.len())];
            count += 1;
        }
    }
    if count == 0 {
        f64::NAN
    } else {
        total / count as f64
    }
}

/// The mean iteration time with a 95% two-level bootstrap interval.
pub fn bootstrap_mean(processes: &[Vec<f64>], resamples: usize, rng: &mut Rng) -> Estimate {
    let all: Vec<f64> = processes.iter().flatten().copied().collect();
    let means: Vec<f64> = (0..resamples)
        .map(|_| resample_mean(processes, rng))
        .filter(|m| m.is_finite())
        .collect();
    Estimate {
        value: mean(&all),
        low: quantile(&means, 0.025),
        high: quantile(&means, 0.975),
    }
}

/// The ratio `baseline / candidate` of mean times (above 1: the candidate
/// is faster), with a 95% bootstrap interval resampling both sides.
pub fn bootstrap_speedup(
    baseline: &[Vec<f64>],
    candidate: &[Vec<f64>],
    resamples: usize,
    rng: &mut Rng,
) -> Estimate {
    let all_base: Vec<f64> = baseline.iter().flatten().copied().collect();
    let all_cand: Vec<f64> = candidate.iter().flatten().copied().collect();
    let ratios: Vec<f64> = (0..resamples)
        .map(|_| resample_mean(baseline, rng) / resample_mean(candidate, rng))
        .filter(|r| r.is_finite())
        .collect();
    Estimate {
        value: mean(&all_base) / mean(&all_cand),
        low: quantile(&ratios, 0.025),
        high: quantile(&ratios, 0.975),
    }
}

/// The geometric mean of ratios, with an interval from the geometric means
/// of the intervals' ends (each program weighs the same).
pub fn geometric_mean(estimates: &[Estimate]) -> Option<Estimate> {
    if estimates.is_empty() {
        return None;
    }
    let geo = |f: fn(&Estimate) -> f64| -> f64 {
        (estimates.iter().map(|e| f(e).ln()).sum::<f64>() / estimates.len() as f64).exp()
    };
    Some(Estimate {
        value: geo(|e| e.value),
        low: geo(|e| e.low),
        high: geo(|e| e.high),
    })
}

/// The verdict on a speedup: only when the whole interval lies outside the
/// ±`band` noise band around 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Faster,
    Slower,
    Same,
}

pub fn verdict(speedup: &Estimate, band: f64) -> Verdict {
    if speedup.low > 1.0 + band {
        Verdict::Faster
    } else if speedup.high < 1.0 - band {
        Verdict::Slower
    } else {
        Verdict::Same
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_quantiles_and_variation_of_known_data() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.25), 2.0);
        assert_eq!(mean(&[1.0, 2.0, 3.0]), 2.0);
        let cv = coefficient_of_variation(&[10.0, 12.0, 8.0]);
        assert!((cv - 0.2).abs() < 1e-12, "{cv}");
    }

    #[test]
    fn constant_data_has_a_zero_width_interval() {
        let processes = vec![vec![5.0; 10]; 4];
        let estimate = bootstrap_mean(&processes, 200, &mut Rng::new(1));
        assert_eq!(
            estimate,
            Estimate {
                value: 5.0,
                low: 5.0,
                high: 5.0
            }
        );
    }

    #[test]
    fn the_interval_brackets_the_mean_and_tightens_with_more_data() {
        let mut rng = Rng::new(7);
        let noisy = |n: usize, rng: &mut Rng| -> Vec<Vec<f64>> {
            (0..n)
                .map(|_| {
                    (0..n)
                        .map(|_| 100.0 + (rng.below(21) as f64 - 10.0))
                        .collect()
                })
                .collect()
        };
        let small = bootstrap_mean(&noisy(4, &mut rng), 500, &mut Rng::new(3));
        let large = bootstrap_mean(&noisy(20, &mut rng), 500, &mut Rng::new(3));
        assert!(small.low <= small.value && small.value <= small.high);
        assert!(large.low <= large.value && large.value <= large.high);
        assert!(large.high - large.low < small.high - small.low);
        assert!((large.value - 100.0).abs() < 2.0);
    }

    #[test]
    fn speedups_and_verdicts() {
        let base = vec![vec![200.0, 202.0, 198.0]; 3];
        let fast = vec![vec![100.0, 101.0, 99.0]; 3];
        let same = vec![vec![201.0, 199.0, 200.0]; 3];
        let s = bootstrap_speedup(&base, &fast, 500, &mut Rng::new(5));
        assert!((s.value - 2.0).abs() < 1e-9, "{s:?}");
        assert_eq!(verdict(&s, 0.02), Verdict::Faster);
        let slow = bootstrap_speedup(&fast, &base, 500, &mut Rng::new(5));
        assert_eq!(verdict(&slow, 0.02), Verdict::Slower);
        let even = bootstrap_speedup(&base, &same, 500, &mut Rng::new(5));
        assert_eq!(verdict(&even, 0.02), Verdict::Same);
        let geo = geometric_mean(&[s, slow]).expect("two ratios");
        assert!((geo.value - 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_shuffle_is_a_seeded_permutation() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        Rng::new(9).shuffle(&mut a);
        Rng::new(9).shuffle(&mut b);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
        assert_ne!(a, (0..20).collect::<Vec<_>>());
    }
}
