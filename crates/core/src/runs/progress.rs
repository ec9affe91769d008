//! A run's progress in the page: its replications merged as they arrive, and its summary at any
//! moment at a cost that does not grow with the batches already shown.
//!
//! The engine's `Ensemble::summary` gathers every replication's value of each (series, period)
//! and sorts it, every time: at 1,000 replications of the default territory that is a quarter of
//! a second natively, and the page asked for it at every redraw, so a run slowed down as it went
//! (quadratic). Here each (series, period) keeps its values sorted (in two runs, a large one and
//! a small one of the latest values: [`Columns`]); a batch is sorted on its own and merged into
//! the small run, and a summary reads the quantiles off the two runs. Its means
//! sum the sorted values in order, as the engine does, and the headline figures and the
//! comparison use the engine's own functions over the replications in index order: the summary is
//! the engine's to the bit (`tests::equals_the_engines_summary`), whatever the order batches
//! arrived in. Replications are kept without their series (the sorted columns hold them), so a
//! run's memory is about one copy of its numbers.

use std::cmp::Ordering;

use parcours_engine::stats::quantile;
use parcours_engine::{
    compare, Bands, CohortState, Comparison, Ensemble, Layout, Replication, Summary,
};

use super::RunId;

/// Progress of a run, merged from every worker's batches.
#[derive(Debug, Clone)]
pub struct RunProgress {
    pub run: RunId,
    pub total: usize,
    /// The replications without their series (headline figures, for the comparison).
    ensemble: Ensemble,
    /// Every series' values, period by period, across replications; then every cohort state's,
    /// month by month (`CohortState::ALL` × `layout.cohort_months + 1`).
    series: Columns,
    /// Every replication so far had its cohort rows (else no cohort bands, as the engine does).
    cohort_complete: bool,
    /// Households housed by weeks from arrival, summed over replications.
    time_to_housing_weeks: Vec<u64>,
}

impl RunProgress {
    pub fn new(run: RunId, layout: Layout, seed: u64, total: usize) -> Self {
        let columns = layout.series.len() * layout.periods
            + CohortState::ALL.len() * (layout.cohort_months + 1);
        RunProgress {
            run,
            total,
            series: Columns::new(columns),
            cohort_complete: true,
            ensemble: Ensemble::new(layout, seed),
            time_to_housing_weeks: Vec::new(),
        }
    }

    pub fn done(&self) -> usize {
        self.ensemble.len()
    }

    pub fn is_finished(&self) -> bool {
        self.done() >= self.total
    }

    /// Adds replications (one already there, from a worker thought lost, is ignored).
    pub fn add(&mut self, replications: Vec<Replication>) {
        let layout = &self.ensemble.layout;
        let periods = layout.periods;
        let cohort_first = layout.series.len() * periods;
        let points = layout.cohort_months + 1;
        for mut r in replications {
            if self.ensemble.replications.contains_key(&r.index) {
                continue;
            }
            for (i, row) in r.series.iter().enumerate() {
                for (p, &v) in row.iter().take(periods).enumerate() {
                    self.series.push(i * periods + p, v);
                }
            }
            if r.cohort.len() == CohortState::ALL.len()
                && r.cohort.iter().all(|c| c.len() >= points)
            {
                for (s, row) in r.cohort.iter().enumerate() {
                    for (p, &v) in row.iter().take(points).enumerate() {
                        self.series.push(cohort_first + s * points + p, v);
                    }
                }
            } else {
                self.cohort_complete = false;
            }
            if self.time_to_housing_weeks.is_empty() {
                self.time_to_housing_weeks = vec![0; r.time_to_housing_weeks.len()];
            }
            for (sum, &x) in self
                .time_to_housing_weeks
                .iter_mut()
                .zip(&r.time_to_housing_weeks)
            {
                *sum += u64::from(x);
            }
            r.series = Vec::new();
            r.cohort = Vec::new();
            r.time_to_housing_weeks = Vec::new();
            self.ensemble.add(r);
        }
    }

    /// The summary of the replications so far (none before the first). `exact` (a run over,
    /// or stopped): equal to the engine's `Ensemble::summary` of the same replications, to the
    /// bit; otherwise the series' means are summed in the order replications arrived (the
    /// last bits may differ), so that a summary during a run costs the same at every batch.
    pub fn summary(&mut self, exact: bool) -> Option<Summary> {
        if self.done() == 0 {
            return None;
        }
        self.series.settle(exact);
        let layout = &self.ensemble.layout;
        let periods = layout.periods;
        let series = layout
            .series
            .iter()
            .enumerate()
            .map(|(i, id)| self.series.bands(id.clone(), i * periods, periods, exact))
            .collect();
        let headlines = self.ensemble.headline_estimates();
        let points = layout.cohort_months + 1;
        let cohort_first = layout.series.len() * periods;
        let cohort = if self.cohort_complete {
            CohortState::ALL
                .iter()
                .map(|s| {
                    let first = cohort_first + s.index() * points;
                    self.series.bands(*s, first, points, exact)
                })
                .collect()
        } else {
            Vec::new()
        };
        let waits = self.ensemble.wait_estimates();
        Some(Summary {
            layout: layout.clone(),
            replications: self.done(),
            series,
            headlines,
            time_to_housing_weeks: self.time_to_housing_weeks.clone(),
            cohort,
            waits,
        })
    }

    /// The paired comparison of this run (the baseline) with `scenario`'s, over the
    /// replications both have so far (the engine's `compare`).
    pub fn compare(&self, scenario: &RunProgress) -> Result<Comparison, String> {
        compare(&self.ensemble, &scenario.ensemble)
    }
}

/// Sorted values of many columns, to which values are added in batches.
///
/// Each column is two sorted runs: a large one (`sorted`) and a small one of the latest values
/// (`recent`). A batch is merged into the small run only (its block moves stay small), and the
/// small run into the large one, in one linear pass, once it holds an eighth as many values:
/// every value is moved a few times over a whole run instead of once per redraw (at 1,000
/// replications of the default territory, placing each batch in the large run moved every
/// column's values at every redraw: 80 % of a summary's time). A quantile is read off the two
/// runs as if they were one ([`kth_pair`]): the same order statistics, so the same bits.
#[derive(Debug, Clone)]
struct Columns {
    /// Each column's older values, sorted by `f64::total_cmp` (NaN left out).
    sorted: Vec<Vec<f64>>,
    /// Each column's latest values, sorted the same way; at most about an eighth of `sorted`.
    recent: Vec<Vec<f64>>,
    /// Values added since the last [`Columns::settle`].
    pending: Vec<Vec<f64>>,
    /// Each column's sum in the order values arrived: the mean while a run goes on, at a cost
    /// that does not grow with the run (the engine's mean, the sum in sorted order, is read once
    /// the run is over).
    sums: Vec<f64>,
    /// Scratch space of the linear merge, kept between merges.
    scratch: Vec<f64>,
}

/// `recent` is merged into `sorted` once it holds more than `1 / RECENT_SHARE` of its values.
const RECENT_SHARE: usize = 8;

impl Columns {
    fn new(columns: usize) -> Columns {
        Columns {
            sorted: vec![Vec::new(); columns],
            recent: vec![Vec::new(); columns],
            pending: vec![Vec::new(); columns],
            sums: vec![0.0; columns],
            scratch: Vec::new(),
        }
    }

    fn push(&mut self, column: usize, value: f64) {
        if !value.is_nan() {
            if let Some(pending) = self.pending.get_mut(column) {
                pending.push(value);
                self.sums[column] += value;
            }
        }
    }

    /// Merges the pending values into the sorted runs; `whole`: into one run (`recent` empty),
    /// as the engine's mean needs.
    fn settle(&mut self, whole: bool) {
        let columns = self
            .sorted
            .iter_mut()
            .zip(&mut self.recent)
            .zip(&mut self.pending);
        for ((sorted, recent), pending) in columns {
            if !pending.is_empty() {
                pending.sort_unstable_by(f64::total_cmp);
                insert_sorted(recent, pending);
                pending.clear();
            }
            if !recent.is_empty() && (whole || recent.len() * RECENT_SHARE > sorted.len()) {
                merge_into(sorted, recent, &mut self.scratch);
                recent.clear();
            }
        }
    }

    /// Mean and percentiles of columns `first .. first + points`. `exact`: the mean as the
    /// engine computes it (the sorted values summed in order: `settle(true)` first), else from
    /// the running sum.
    fn bands<Id>(&self, id: Id, first: usize, points: usize, exact: bool) -> Bands<Id> {
        let mut b = Bands {
            id,
            mean: Vec::with_capacity(points),
            p5: Vec::with_capacity(points),
            p25: Vec::with_capacity(points),
            p50: Vec::with_capacity(points),
            p75: Vec::with_capacity(points),
            p95: Vec::with_capacity(points),
        };
        let range = first..first + points;
        let columns = self.sorted[range.clone()]
            .iter()
            .zip(&self.recent[range.clone()]);
        for ((older, recent), &sum) in columns.zip(&self.sums[range]) {
            let quantile = |q| quantile_of_two(older, recent, q);
            let mean = match (older.len() + recent.len(), exact) {
                (0, _) => f64::NAN,
                (n, true) => older.iter().chain(recent).sum::<f64>() / n as f64,
                (n, false) => sum / n as f64,
            };
            b.mean.push(mean);
            b.p5.push(quantile(0.05));
            b.p25.push(quantile(0.25));
            b.p50.push(quantile(0.5));
            b.p75.push(quantile(0.75));
            b.p95.push(quantile(0.95));
        }
        b
    }
}

/// Inserts `batch` (sorted) into `sorted`: its values placed from the largest down, each
/// shifting the values above it in one block move (every value moves once; no allocation once
/// the column has grown).
fn insert_sorted(sorted: &mut Vec<f64>, batch: &[f64]) {
    let (n, k) = (sorted.len(), batch.len());
    sorted.resize(n + k, 0.0);
    // sorted[..end] holds the values not yet moved to their final place.
    let mut end = n;
    for (j, &v) in batch.iter().enumerate().rev() {
        let at = sorted[..end].partition_point(|x| x.total_cmp(&v) != Ordering::Greater);
        sorted.copy_within(at..end, at + j + 1);
        sorted[at + j] = v;
        end = at;
    }
}

/// Merges sorted `recent` into sorted `sorted` in one linear pass (through `scratch`).
fn merge_into(sorted: &mut Vec<f64>, recent: &[f64], scratch: &mut Vec<f64>) {
    scratch.clear();
    scratch.reserve(sorted.len() + recent.len());
    let (mut i, mut j) = (0, 0);
    while i < sorted.len() && j < recent.len() {
        if recent[j].total_cmp(&sorted[i]) == Ordering::Less {
            scratch.push(recent[j]);
            j += 1;
        } else {
            scratch.push(sorted[i]);
            i += 1;
        }
    }
    scratch.extend_from_slice(&sorted[i..]);
    scratch.extend_from_slice(&recent[j..]);
    std::mem::swap(sorted, scratch);
}

/// The `k`-th and `k + 1`-th smallest (from 0; the last value twice at the end) of the values of
/// two sorted runs, as if they were merged: a binary search on how many of the `k + 1` smallest
/// come from `a`, within the `b.len() + 1` counts possible (`b` is the small run: few steps,
/// near each other in memory).
fn kth_pair(a: &[f64], b: &[f64], k: usize) -> (f64, f64) {
    let less = |x: f64, y: f64| x.total_cmp(&y) == Ordering::Less;
    let (mut lo, mut hi) = ((k + 1).saturating_sub(b.len()), (k + 1).min(a.len()));
    loop {
        // i values from `a` and j from `b` are the k + 1 smallest.
        let i = lo + (hi - lo) / 2;
        let j = k + 1 - i;
        if i < a.len() && j > 0 && less(a[i], b[j - 1]) {
            lo = i + 1; // a[i] belongs among the smallest: take more from `a`
        } else if i > 0 && j < b.len() && less(b[j], a[i - 1]) {
            hi = i - 1; // b[j] belongs among the smallest: take fewer from `a`
        } else {
            let kth = match (i, j) {
                (0, _) => b[j - 1],
                (_, 0) => a[i - 1],
                _ if less(a[i - 1], b[j - 1]) => b[j - 1],
                _ => a[i - 1],
            };
            let next = match (a.get(i), b.get(j)) {
                (Some(&x), Some(&y)) if less(y, x) => y,
                (Some(&x), _) => x,
                (None, Some(&y)) => y,
                (None, None) => kth,
            };
            return (kth, next);
        }
    }
}

/// The engine's `quantile` (type 7) of the values of two sorted runs taken together: the same
/// order statistics in the same formula, so the same bits as on the merged values.
fn quantile_of_two(a: &[f64], b: &[f64], q: f64) -> f64 {
    if b.is_empty() {
        return quantile(a, q);
    }
    if a.is_empty() {
        return quantile(b, q);
    }
    let n = a.len() + b.len();
    let h = (n - 1) as f64 * q;
    let lo = h.floor() as usize;
    // The engine's `hi` is `lo + 1`, or `lo` itself at the last value.
    let (x_lo, x_hi) = kth_pair(a, b, lo);
    x_lo + (h - lo as f64) * (x_hi - x_lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::{default_scenario, simulate, Model};

    /// Debug text, not `==`: undefined figures are NaN, and NaN != NaN.
    fn same<T: std::fmt::Debug>(a: &T, b: &T) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn equals_the_engines_summary_whatever_the_batches_and_their_order() {
        let model = Model::new(&default_scenario()).unwrap();
        let replications: Vec<Replication> =
            (0..12).map(|i| simulate(&model, 42, i).unwrap()).collect();
        let mut ensemble = Ensemble::new(model.layout().clone(), 42);
        for r in &replications {
            ensemble.add(r.clone());
        }
        let expected = ensemble.summary();

        // Batches of uneven sizes, in a shuffled order, a summary asked between them, and one
        // replication delivered twice.
        let order = [7, 3, 11, 0, 5, 9, 1, 2, 10, 4, 8, 6, 3];
        let mut progress = RunProgress::new(1, model.layout().clone(), 42, 12);
        for batch in order.chunks(4) {
            progress.add(batch.iter().map(|&i| replications[i].clone()).collect());
            assert!(progress.summary(false).is_some());
        }
        assert!(progress.is_finished());
        let summary = progress.summary(true).unwrap();
        assert!(
            same(&summary, &expected),
            "the summary differs from the engine's"
        );
        // While running, only the means' last bits may differ.
        let running = progress.summary(false).unwrap();
        assert!(!expected.cohort.is_empty() && !expected.waits.is_empty());
        fn close<Id: std::fmt::Display>(a: &Bands<Id>, b: &Bands<Id>) {
            assert!(same(&(&a.p5, &a.p50, &a.p95), &(&b.p5, &b.p50, &b.p95)));
            for (x, y) in a.mean.iter().zip(&b.mean) {
                assert!((x - y).abs() <= 1e-9 * y.abs().max(1.0), "{} {x} {y}", a.id);
            }
        }
        assert_eq!(running.series.len(), expected.series.len());
        assert_eq!(running.cohort.len(), expected.cohort.len());
        for (a, b) in running.series.iter().zip(&expected.series) {
            close(a, b);
        }
        for (a, b) in running.cohort.iter().zip(&expected.cohort) {
            close(a, b);
        }

        // The comparison too, with a run that has replications 0–5 only.
        let mut scen = RunProgress::new(2, model.layout().clone(), 42, 12);
        scen.add(replications[..6].to_vec());
        let mut scen_ensemble = Ensemble::new(model.layout().clone(), 42);
        for r in &replications[..6] {
            scen_ensemble.add(r.clone());
        }
        let got = progress.compare(&scen).unwrap();
        assert_eq!(got.pairs, 6);
        assert!(same(&got, &compare(&ensemble, &scen_ensemble).unwrap()));
    }

    #[test]
    fn no_summary_before_the_first_replication() {
        let model = Model::new(&default_scenario()).unwrap();
        let mut progress = RunProgress::new(1, model.layout().clone(), 42, 3);
        assert!(progress.summary(true).is_none());
        assert!(!progress.is_finished());
    }

    #[test]
    fn columns_merge_batches_into_one_sorted_order() {
        let mut c = Columns::new(1);
        for batch in [
            vec![3.0, -0.0, f64::NAN],
            vec![0.0, 1.0],
            vec![],
            vec![-5.0, 3.0, 9.0],
        ] {
            for v in batch {
                c.push(0, v);
            }
            c.settle(false);
        }
        c.settle(true);
        assert!(c.recent[0].is_empty());
        let bits: Vec<u64> = c.sorted[0].iter().map(|v| v.to_bits()).collect();
        let mut expected = [3.0, -0.0, 0.0, 1.0, -5.0, 3.0, 9.0];
        expected.sort_by(f64::total_cmp);
        assert_eq!(
            bits,
            expected.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
        // A column out of range is ignored, not a panic.
        c.push(5, 1.0);
    }

    #[test]
    fn quantiles_read_off_two_runs_are_those_of_the_merged_values() {
        // Values with ties, signed zeros and a wide range, in batches of uneven sizes: after
        // every batch, each percentile equals the engine's quantile of all the values sorted,
        // to the bit, while part of them wait in the small run.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut c = Columns::new(1);
        let mut all = Vec::new();
        let mut split = false;
        for round in 0..300 {
            for _ in 0..(next() % 9) {
                let v = match next() % 5 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => (next() % 7) as f64,
                    _ => (next() % 1_000_000) as f64 / 7.0 - 5e4,
                };
                c.push(0, v);
                all.push(v);
            }
            c.settle(false);
            split |= !c.recent[0].is_empty() && !c.sorted[0].is_empty();
            let mut merged = all.clone();
            merged.sort_by(f64::total_cmp);
            let b = c.bands(0, 0, 1, false);
            for (got, q) in [
                (b.p5[0], 0.05),
                (b.p25[0], 0.25),
                (b.p50[0], 0.5),
                (b.p75[0], 0.75),
                (b.p95[0], 0.95),
            ] {
                let want = quantile(&merged, q);
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "round {round}, q {q}: {got} vs {want}"
                );
            }
        }
        assert!(split, "the small run was used");
    }
}
