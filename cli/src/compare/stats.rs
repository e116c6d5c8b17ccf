//! The statistics of `pvm compare`: medians, means, bootstrap confidence
//! intervals over the two levels of measurement (processes, then iterations
//! within a process), ratios against a baseline, geometric means, and the
//! "faster / slower / same" verdict with a noise band (none at all from
//! too few processes).
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

/// The verdict on a speedup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Faster,
    Slower,
    Same,
    /// Too few processes on one side to tell a difference between
    /// interpreters from a difference between processes, or an interval
    /// too wide to rule out a large difference either way.
    Inconclusive,
}

/// The largest difference a "same" verdict allows: the whole interval must
/// lie within a ratio of 1 ± this. Wider than the ±band that "faster" and
/// "slower" must clear, so that a noisy run (a busy machine, three
/// processes, Student's t of 9.9 for two degrees of freedom) whose
/// interval spans 0.1× to 10× is no verdict rather than "same".
pub const SAME_WITHIN: f64 = 0.10;

/// The fewest fresh processes on each side before a speedup gets a
/// verdict. Iterations inside one process share its memory layout, CPU
/// frequency and neighbours' load, so one process (or two) says nothing
/// about the next: an A/A run of one interpreter against itself with one
/// process each came out "2.79×, faster".
pub const MIN_PROCESSES: usize = 3;

/// The mean of each process that ran (the independent samples).
fn process_means(processes: &[Vec<f64>]) -> Vec<f64> {
    processes
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| mean(p))
        .filter(|m| m.is_finite() && *m > 0.0)
        .collect()
}

/// Student's t at 99.5% (a two-sided 99% interval) for `df` degrees of
/// freedom, rounded down to a whole number (which only widens it).
fn t_995(df: f64) -> f64 {
    const TABLE: [f64; 30] = [
        63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169, 3.106, 3.055, 3.012,
        2.977, 2.947, 2.921, 2.898, 2.878, 2.861, 2.845, 2.831, 2.819, 2.807, 2.797, 2.787, 2.779,
        2.771, 2.763, 2.756, 2.750,
    ];
    let whole = df.floor().max(1.0) as usize;
    TABLE.get(whole - 1).copied().unwrap_or(2.576)
}

/// The verdict on `baseline` time ÷ `candidate` time. Processes, not
/// iterations, are the independent samples: iterations inside one process
/// share its memory layout, CPU frequency and neighbours' load. So the
/// verdict comes from the process means alone, as a 99% Welch t-interval
/// on the difference of their logarithms: "faster" or "slower" only when
/// that whole interval lies outside ±`band` around a ratio of 1, "same"
/// only when it lies within ±`SAME_WITHIN` (`verdict`), and no verdict at
/// all with fewer than `MIN_PROCESSES` processes on a side.
pub fn judge(baseline: &[Vec<f64>], candidate: &[Vec<f64>], band: f64) -> Verdict {
    let logs = |processes: &[Vec<f64>]| -> Vec<f64> {
        process_means(processes).iter().map(|m| m.ln()).collect()
    };
    let (a, b) = (logs(baseline), logs(candidate));
    if a.len() < MIN_PROCESSES || b.len() < MIN_PROCESSES {
        return Verdict::Inconclusive;
    }
    let variance = |xs: &[f64]| {
        let m = mean(xs);
        xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64
    };
    let (va, vb) = (variance(&a) / a.len() as f64, variance(&b) / b.len() as f64);
    let se = (va + vb).sqrt();
    let df = if se > 0.0 {
        (va + vb).powi(2) / (va * va / (a.len() - 1) as f64 + vb * vb / (b.len() - 1) as f64)
    } else {
        (a.len() + b.len() - 2) as f64
    };
    let difference = mean(&a) - mean(&b);
    let margin = t_995(df) * se;
    let interval = Estimate {
        value: difference.exp(),
        low: (difference - margin).exp(),
        high: (difference + margin).exp(),
    };
    verdict(&interval, band)
}

/// The verdict on a speedup interval against a fixed ±`band` around 1:
/// "faster" or "slower" when the whole interval clears the band, "same"
/// when it lies within ±`SAME_WITHIN`, and no verdict when it is too wide
/// for either.
pub fn verdict(speedup: &Estimate, band: f64) -> Verdict {
    let same_within = SAME_WITHIN.max(band);
    if speedup.low > 1.0 + band {
        Verdict::Faster
    } else if speedup.high < 1.0 - band {
        Verdict::Slower
    } else if speedup.low >= 1.0 / (1.0 + same_within) && speedup.high <= 1.0 + same_within {
        Verdict::Same
    } else {
        Verdict::Inconclusive
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
        // An interval that clears neither the band nor ±10%: no verdict,
        // however far its middle is from 1.
        let wide = |value: f64, low: f64, high: f64| Estimate { value, low, high };
        assert_eq!(verdict(&wide(1.0, 0.5, 2.0), 0.02), Verdict::Inconclusive);
        assert_eq!(
            verdict(&wide(0.03, 0.001, 1.5), 0.02),
            Verdict::Inconclusive
        );
        assert_eq!(verdict(&wide(1.01, 0.95, 1.08), 0.02), Verdict::Same);
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

    fn uniform(rng: &mut Rng) -> f64 {
        (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Process means of one interpreter: each process gets its own
    /// systematic offset (layout, frequency, load) of up to ±`offset`, and
    /// each iteration noise of up to ±2% around it.
    fn simulated(rng: &mut Rng, processes: usize, iterations: usize, offset: f64) -> Vec<Vec<f64>> {
        (0..processes)
            .map(|_| {
                let shift = 1.0 + offset * (2.0 * uniform(rng) - 1.0);
                (0..iterations)
                    .map(|_| 1e6 * shift * (1.0 + 0.02 * (2.0 * uniform(rng) - 1.0)))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn an_a_a_run_is_almost_never_faster_or_slower() {
        // One interpreter against itself, at every setting people use:
        // 1 to 10 processes, 2 to 20 iterations, processes that differ by
        // up to 10%. Too few processes: never a verdict. Enough: a verdict
        // either way in well under 1% of runs (a 99% interval that must
        // also clear the ±2% band; 0 here, seeded).
        let mut rng = Rng::new(7);
        let (mut trials, mut wrong) = (0u32, 0u32);
        for _ in 0..300 {
            for processes in [1, 2, 3, 5, 10] {
                for iterations in [2, 5, 20] {
                    for offset in [0.0, 0.03, 0.10] {
                        let a = simulated(&mut rng, processes, iterations, offset);
                        let b = simulated(&mut rng, processes, iterations, offset);
                        let v = judge(&a, &b, 0.02);
                        trials += 1;
                        if !matches!(v, Verdict::Same | Verdict::Inconclusive) {
                            wrong += 1;
                        }
                        if processes < MIN_PROCESSES {
                            assert_eq!(v, Verdict::Inconclusive);
                        }
                    }
                }
            }
        }
        assert!(
            (wrong as f64) < 0.002 * trials as f64,
            "{wrong} of {trials} A/A runs got a verdict"
        );
    }

    #[test]
    fn a_large_difference_measured_noisily_is_never_same() {
        // Three steady baseline processes; the candidate's three are 1x, 30x
        // and 900x slower (a busy machine): 30x slower on the geometric
        // mean, but with Student's t near 10 the interval spans well past 1
        // both ways. That is no verdict, not "same".
        let baseline = vec![vec![1.0e6, 1.01e6, 0.99e6]; 3];
        let candidate: Vec<Vec<f64>> = [1.0, 30.0, 900.0]
            .iter()
            .map(|k| vec![1.0e6 * k; 3])
            .collect();
        assert_eq!(judge(&baseline, &candidate, 0.02), Verdict::Inconclusive);
    }

    #[test]
    fn a_real_difference_still_gets_its_verdict() {
        let mut rng = Rng::new(3);
        let a = simulated(&mut rng, 3, 5, 0.02);
        let b: Vec<Vec<f64>> = simulated(&mut rng, 3, 5, 0.02)
            .into_iter()
            .map(|p| p.into_iter().map(|t| t / 1.5).collect())
            .collect();
        assert_eq!(judge(&a, &b, 0.02), Verdict::Faster);
        assert_eq!(judge(&b, &a, 0.02), Verdict::Slower);
        // The same data from two processes: no verdict.
        assert_eq!(judge(&a[..2], &b[..2], 0.02), Verdict::Inconclusive);
    }
}
