//! Monte Carlo summaries: mergeable ensembles of replications, bands, confidence intervals and
//! paired comparisons under common random numbers.
//!
//! An [`Ensemble`] keeps every replication's numbers keyed by replication index, so merging
//! partial ensembles (from Web Workers or from batch jobs on other machines) gives exactly the
//! same summary as one run, whatever the order the parts arrive in.

use crate::output::{CohortState, HeadlineId, Layout, Replication, SeriesId, WaitId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ensemble {
    pub layout: Layout,
    pub seed: u64,
    pub replications: BTreeMap<u64, Replication>,
}

/// Across replications, per period: mean and percentiles. The id is a series' (or, for the
/// cohort's curves, a `CohortState`), serialized as its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bands<Id = SeriesId> {
    pub id: Id,
    pub mean: Vec<f64>,
    pub p5: Vec<f64>,
    pub p25: Vec<f64>,
    pub p50: Vec<f64>,
    pub p75: Vec<f64>,
    pub p95: Vec<f64>,
}

/// A headline figure: mean over replications with its 95% confidence interval (Student t).
/// `None` where undefined (no replication had a value, or fewer than two for the interval).
/// The id is a headline's (or, for a wait, a `WaitId`), serialized as its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate<Id = HeadlineId> {
    pub id: Id,
    pub mean: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Replications where the figure was defined.
    pub n: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub layout: Layout,
    pub replications: usize,
    pub series: Vec<Bands>,
    pub headlines: Vec<Estimate>,
    /// Households housed in the window by weeks from arrival, summed over replications.
    pub time_to_housing_weeks: Vec<u64>,
    /// Where the requests made in the window stand 0 … `layout.cohort_months` months after they
    /// were made, one `Bands` per `CohortState` (its id), across replications: the `housed`
    /// row is the Kaplan–Meier curve of time from first request to housing.
    #[serde(default)]
    pub cohort: Vec<Bands<CohortState>>,
    /// Ready households waiting in each holding stage for each destination (`layout.waits`).
    #[serde(default)]
    pub waits: Vec<WaitEstimate>,
}

/// Ready households blocked in `holding` for `destination`: time-weighted mean over the window,
/// with its 95 % interval across replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitEstimate {
    pub holding: String,
    pub destination: String,
    pub households: Estimate<WaitId>,
}

impl Summary {
    pub fn series(&self, id: &SeriesId) -> Option<&Bands> {
        self.series.iter().find(|b| b.id == *id)
    }
    pub fn headline(&self, id: &HeadlineId) -> Option<&Estimate> {
        self.headlines.iter().find(|e| e.id == *id)
    }
    /// The curve of a cohort state (months after the first request).
    pub fn cohort(&self, state: CohortState) -> Option<&Bands<CohortState>> {
        self.cohort.iter().find(|b| b.id == state)
    }
    /// The wait in `holding` for `destination`.
    pub fn wait(&self, holding: &str, destination: &str) -> Option<&WaitEstimate> {
        self.waits
            .iter()
            .find(|w| w.holding == holding && w.destination == destination)
    }
}

impl Ensemble {
    pub fn new(layout: Layout, seed: u64) -> Ensemble {
        Ensemble {
            layout,
            seed,
            replications: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, r: Replication) {
        self.replications.insert(r.index, r);
    }

    pub fn len(&self) -> usize {
        self.replications.len()
    }

    pub fn is_empty(&self) -> bool {
        self.replications.is_empty()
    }

    /// Adds another part of the same run (same model layout and seed).
    pub fn merge(&mut self, other: Ensemble) -> Result<(), String> {
        if other.seed != self.seed {
            return Err(format!(
                "cannot merge results of seed {} into results of seed {}",
                other.seed, self.seed
            ));
        }
        if other.layout != self.layout {
            return Err(
                "cannot merge results of different scenarios (their outputs differ)".into(),
            );
        }
        for (i, r) in other.replications {
            if let Some(existing) = self.replications.get(&i) {
                if !same_replication(existing, &r) {
                    return Err(format!(
                        "replication {i} appears twice with different numbers: the parts come from different scenarios"
                    ));
                }
            } else {
                self.replications.insert(i, r);
            }
        }
        Ok(())
    }

    /// Each headline's estimate across the replications, in index order (undefined values
    /// left out). The page's incremental summary uses it too, so both are the same to the bit.
    pub fn headline_estimates(&self) -> Vec<Estimate> {
        self.layout
            .headlines
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let xs: Vec<f64> = self
                    .replications
                    .values()
                    .filter_map(|r| r.headlines.get(i).copied())
                    .filter(|v| !v.is_nan())
                    .collect();
                estimate(id.clone(), &xs)
            })
            .collect()
    }

    /// Each (holding stage, destination) wait's estimate across the replications.
    pub fn wait_estimates(&self) -> Vec<WaitEstimate> {
        self.layout
            .waits
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let xs: Vec<f64> = self
                    .replications
                    .values()
                    .filter_map(|r| r.waits.get(i).copied())
                    .collect();
                WaitEstimate {
                    holding: w.holding.clone(),
                    destination: w.destination.clone(),
                    households: estimate(WaitId::from(w), &xs),
                }
            })
            .collect()
    }

    pub fn summary(&self) -> Summary {
        let reps: Vec<&Replication> = self.replications.values().collect();
        let periods = self.layout.periods;
        let series = self
            .layout
            .series
            .iter()
            .enumerate()
            .map(|(i, id)| bands(id.clone(), periods, &reps, |r| &r.series[i]))
            .collect();
        let points = self.layout.cohort_months + 1;
        let cohort = if reps
            .iter()
            .all(|r| r.cohort.len() == CohortState::ALL.len())
        {
            CohortState::ALL
                .iter()
                .map(|&s| bands(s, points, &reps, |r| &r.cohort[s.index()]))
                .collect()
        } else {
            Vec::new()
        };
        let waits = self.wait_estimates();
        let headlines = self.headline_estimates();
        let bins = reps.first().map_or(0, |r| r.time_to_housing_weeks.len());
        let mut hist = vec![0u64; bins];
        for r in &reps {
            for (h, &x) in hist.iter_mut().zip(&r.time_to_housing_weeks) {
                *h += x as u64;
            }
        }
        Summary {
            layout: self.layout.clone(),
            replications: reps.len(),
            series,
            headlines,
            time_to_housing_weeks: hist,
            cohort,
            waits,
        }
    }
}

/// Mean and percentiles across replications, point by point, of the rows `row` picks (undefined
/// values left out).
fn bands<'a, Id>(
    id: Id,
    points: usize,
    reps: &[&'a Replication],
    row: impl Fn(&'a Replication) -> &'a Vec<f64>,
) -> Bands<Id> {
    let mut b = Bands {
        id,
        mean: Vec::with_capacity(points),
        p5: Vec::with_capacity(points),
        p25: Vec::with_capacity(points),
        p50: Vec::with_capacity(points),
        p75: Vec::with_capacity(points),
        p95: Vec::with_capacity(points),
    };
    let mut column = Vec::with_capacity(reps.len());
    for p in 0..points {
        column.clear();
        column.extend(reps.iter().map(|r| row(r)[p]).filter(|v| !v.is_nan()));
        column.sort_by(f64::total_cmp);
        b.mean.push(mean(&column).unwrap_or(f64::NAN));
        b.p5.push(quantile(&column, 0.05));
        b.p25.push(quantile(&column, 0.25));
        b.p50.push(quantile(&column, 0.5));
        b.p75.push(quantile(&column, 0.75));
        b.p95.push(quantile(&column, 0.95));
    }
    b
}

fn same_replication(a: &Replication, b: &Replication) -> bool {
    let same = |x: &[f64], y: &[f64]| {
        x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.to_bits() == b.to_bits())
    };
    a.series.len() == b.series.len()
        && a.series.iter().zip(&b.series).all(|(x, y)| same(x, y))
        && same(&a.headlines, &b.headlines)
        && a.cohort.len() == b.cohort.len()
        && a.cohort.iter().zip(&b.cohort).all(|(x, y)| same(x, y))
        && same(&a.waits, &b.waits)
}

fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        None
    } else {
        Some(xs.iter().sum::<f64>() / xs.len() as f64)
    }
}

/// Quantile of sorted values, linear interpolation between order statistics (Hyndman & Fan
/// type 7, the default of R and NumPy). NaN when empty.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * q;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Mean and 95% Student-t confidence interval of independent replications.
pub fn estimate<Id>(id: Id, xs: &[f64]) -> Estimate<Id> {
    let n = xs.len();
    let m = mean(xs);
    let (lo, hi) = match (m, n) {
        (Some(m), n) if n >= 2 => {
            let var = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
            let half = t975(n - 1) * (var / n as f64).sqrt();
            (Some(m - half), Some(m + half))
        }
        _ => (None, None),
    };
    Estimate {
        id,
        mean: m,
        ci_low: lo,
        ci_high: hi,
        n,
    }
}

/// 0.975 quantile of Student's t with `df` degrees of freedom: exact table to 30, then the
/// Cornish–Fisher expansion around the normal quantile (error below 1e-4 for df > 30).
pub fn t975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    if df == 0 {
        return f64::NAN;
    }
    if df <= 30 {
        return TABLE[df - 1];
    }
    cornish_fisher(1.959_963_985, df)
}

/// The `p` quantile of Student's t with `df` ≥ 1 degrees of freedom: the Cornish–Fisher expansion
/// around the normal quantile, as [`t975`] beyond its table (within 1 % from 10 degrees of
/// freedom at the levels of a Bonferroni correction, 0.99–0.999; larger below).
pub fn t_quantile(p: f64, df: usize) -> f64 {
    cornish_fisher(crate::dist::normal_quantile(p), df.max(1))
}

/// Student's t quantile from the normal quantile `z` (Cornish–Fisher, terms to 1/df³).
fn cornish_fisher(z: f64, df: usize) -> f64 {
    let v = df as f64;
    let z3 = z * z * z;
    let z5 = z3 * z * z;
    let z7 = z5 * z * z;
    z + (z3 + z) / (4.0 * v)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
        + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v * v * v)
}

/// One headline figure (or a wait: `Difference<WaitId>`) compared between a baseline and a
/// scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Difference<Id = HeadlineId> {
    pub id: Id,
    pub baseline: Option<f64>,
    pub scenario: Option<f64>,
    /// Mean of the paired differences (scenario − baseline) with its 95% interval.
    pub difference: Estimate<Id>,
    /// The interval excludes zero: the difference is not within noise.
    pub significant: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Replication indices present in both ensembles (the pairs).
    pub pairs: usize,
    pub differences: Vec<Difference>,
    /// The waits of ready households (holding stage → destination) present in both layouts,
    /// compared the same way.
    #[serde(default)]
    pub waits: Vec<WaitDifference>,
}

/// A wait compared between a baseline and a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitDifference {
    pub holding: String,
    pub destination: String,
    pub difference: Difference<WaitId>,
}

impl Comparison {
    pub fn difference(&self, id: &HeadlineId) -> Option<&Difference> {
        self.differences.iter().find(|d| d.id == *id)
    }
    /// The wait in `holding` for `destination`, compared.
    pub fn wait(&self, holding: &str, destination: &str) -> Option<&WaitDifference> {
        self.waits
            .iter()
            .find(|w| w.holding == holding && w.destination == destination)
    }
}

/// Paired comparison under common random numbers: replication i of both runs shares its random
/// streams, so the differences are far less noisy than two independent runs would give.
/// Headlines present in both layouts are compared.
pub fn compare(baseline: &Ensemble, scenario: &Ensemble) -> Result<Comparison, String> {
    if baseline.seed != scenario.seed {
        return Err(format!(
            "the runs use different seeds ({} and {}): common random numbers need the same seed",
            baseline.seed, scenario.seed
        ));
    }
    let pairs: Vec<(&Replication, &Replication)> = baseline
        .replications
        .iter()
        .filter_map(|(i, a)| scenario.replications.get(i).map(|b| (a, b)))
        .collect();
    if pairs.is_empty() {
        return Err("the runs share no replication index".into());
    }
    let mut differences = Vec::new();
    for (i, id) in baseline.layout.headlines.iter().enumerate() {
        let Some(j) = scenario.layout.headline_index(id) else {
            continue;
        };
        let values = |p: &(&Replication, &Replication)| (p.0.headlines[i], p.1.headlines[j]);
        differences.push(paired(id.clone(), &pairs, values));
    }
    let mut waits = Vec::new();
    for (i, w) in baseline.layout.waits.iter().enumerate() {
        let Some(j) = scenario.layout.wait_index(&w.holding, &w.destination) else {
            continue;
        };
        let values = |p: &(&Replication, &Replication)| {
            let at = |r: &Replication, k: usize| r.waits.get(k).copied().unwrap_or(f64::NAN);
            (at(p.0, i), at(p.1, j))
        };
        waits.push(WaitDifference {
            holding: w.holding.clone(),
            destination: w.destination.clone(),
            difference: paired(WaitId::from(w), &pairs, values),
        });
    }
    Ok(Comparison {
        pairs: pairs.len(),
        differences,
        waits,
    })
}

/// The paired difference of one figure, `values` giving (baseline, scenario) for each pair.
fn paired<Id: Clone>(
    id: Id,
    pairs: &[(&Replication, &Replication)],
    values: impl Fn(&(&Replication, &Replication)) -> (f64, f64),
) -> Difference<Id> {
    let v: Vec<(f64, f64)> = pairs.iter().map(values).collect();
    let a: Vec<f64> = v.iter().map(|x| x.0).filter(|x| !x.is_nan()).collect();
    let b: Vec<f64> = v.iter().map(|x| x.1).filter(|x| !x.is_nan()).collect();
    let d: Vec<f64> = v
        .iter()
        .map(|x| x.1 - x.0)
        .filter(|x| !x.is_nan())
        .collect();
    let difference = estimate(id.clone(), &d);
    let significant = match (difference.ci_low, difference.ci_high) {
        (Some(lo), Some(hi)) => lo > 0.0 || hi < 0.0,
        _ => false,
    };
    Difference {
        id,
        baseline: mean(&a),
        scenario: mean(&b),
        difference,
        significant,
    }
}
