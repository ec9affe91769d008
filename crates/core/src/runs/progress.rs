//! A run's progress in the page: its replications merged as they arrive, and its summary at any
//! moment at a cost that does not grow with the batches already shown.
//!
//! The engine's `Ensemble::summary` gathers every replication's value of each (series, period)
//! and sorts it, every time: at 1,000 replications of the default territory that is a quarter of
//! a second natively, and the page asked for it at every redraw, so a run slowed down as it went
//! (quadratic). Here each (series, period) keeps its values sorted; a batch is sorted on its own
//! and merged in (one pass), and a summary reads the quantiles off the sorted values. Its means
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
        self.series.settle();
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
#[derive(Debug, Clone)]
struct Columns {
    /// Each column's values so far, sorted by `f64::total_cmp` (NaN left out).
    sorted: Vec<Vec<f64>>,
    /// Values added since the last [`Columns::settle`].
    pending: Vec<Vec<f64>>,
    /// Each column's sum in the order values arrived: the mean while a run goes on, at a cost
    /// that does not grow with the run (the engine's mean, the sum in sorted order, is read once
    /// the run is over).
    sums: Vec<f64>,
}

impl Columns {
    fn new(columns: usize) -> Columns {
        Columns {
            sorted: vec![Vec::new(); columns],
            pending: vec![Vec::new(); columns],
            sums: vec![0.0; columns],
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

    /// Merges the pending values into the sorted ones: each column's batch is sorted, then its
    /// values are placed from the largest down, each shifting the values above it in one block
    /// move (every value moves once; no allocation once the column has grown).
    fn settle(&mut self) {
        for (sorted, pending) in self.sorted.iter_mut().zip(self.pending.iter_mut()) {
            if pending.is_empty() {
                continue;
            }
            pending.sort_unstable_by(f64::total_cmp);
            let (n, k) = (sorted.len(), pending.len());
            sorted.resize(n + k, 0.0);
            // sorted[..end] holds the values not yet moved to their final place.
            let mut end = n;
            for (j, &v) in pending.iter().enumerate().rev() {
                let at = sorted[..end].partition_point(|x| x.total_cmp(&v) != Ordering::Greater);
                sorted.copy_within(at..end, at + j + 1);
                sorted[at + j] = v;
                end = at;
            }
            pending.clear();
        }
    }

    /// Mean and percentiles of columns `first .. first + points`. `exact`: the mean as the
    /// engine computes it (the sorted values summed in order), else from the running sum.
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
        let columns = self.sorted[first..first + points].iter();
        for (column, &sum) in columns.zip(&self.sums[first..first + points]) {
            let mean = match (column.len(), exact) {
                (0, _) => f64::NAN,
                (n, true) => column.iter().sum::<f64>() / n as f64,
                (n, false) => sum / n as f64,
            };
            b.mean.push(mean);
            b.p5.push(quantile(column, 0.05));
            b.p25.push(quantile(column, 0.25));
            b.p50.push(quantile(column, 0.5));
            b.p75.push(quantile(column, 0.75));
            b.p95.push(quantile(column, 0.95));
        }
        b
    }
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
            c.settle();
        }
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
}
