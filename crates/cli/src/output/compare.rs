//! The output of `compare`: JSON, CSV and a text table of the paired differences.

use super::table::constraint_text;
use super::{columns, csv, human, int, interval, ranges, ranges_text, title};
use crate::input::{ScenarioId, VERSION};
use parcours_core::csv::{Cell, Writer};
use parcours_engine::{Comparison, Constraint, Difference, Ensemble, WaitDifference};
use serde::Serialize;
use std::fmt::Write as _;

/// The JSON output of `compare`.
#[derive(Serialize)]
pub struct CompareReport<'a> {
    pub parcours_version: &'static str,
    pub baseline: &'a ScenarioId,
    pub scenario: &'a ScenarioId,
    pub seed: u64,
    /// Half-open ranges of the replication indices paired.
    pub replication_indices: Vec<[u64; 2]>,
    pub pairs: usize,
    /// Per headline: baseline and scenario means, and the mean paired difference
    /// (scenario − baseline) with its 95% confidence interval.
    pub differences: &'a [Difference],
    /// The same for the ready households waiting in each stage for each destination.
    pub waits: &'a [WaitDifference],
    /// The binding constraint of each side (MODEL.md, 15.6).
    pub binding_constraint: BindingPair,
}

/// The binding constraint of the baseline and of the scenario.
#[derive(Serialize)]
pub struct BindingPair {
    pub baseline: Option<Constraint>,
    pub scenario: Option<Constraint>,
}

impl<'a> CompareReport<'a> {
    pub fn new(
        baseline: &'a ScenarioId,
        scenario: &'a ScenarioId,
        a: &Ensemble,
        b: &Ensemble,
        c: &'a Comparison,
    ) -> CompareReport<'a> {
        CompareReport {
            parcours_version: VERSION,
            baseline,
            scenario,
            seed: a.seed,
            replication_indices: ranges(
                a.replications
                    .keys()
                    .copied()
                    .filter(|i| b.replications.contains_key(i)),
            ),
            pairs: c.pairs,
            differences: &c.differences,
            waits: &c.waits,
            binding_constraint: BindingPair {
                baseline: parcours_engine::binding_constraint(&a.summary()),
                scenario: parcours_engine::binding_constraint(&b.summary()),
            },
        }
    }
}

/// `id,baseline,scenario,difference,ci_low,ci_high,n,significant`: the headlines, then the
/// waits of ready households as `wait:<holding>-><destination>`.
pub fn comparison_csv(c: &Comparison) -> String {
    let mut t = csv(&[
        "id",
        "baseline",
        "scenario",
        "difference",
        "ci_low",
        "ci_high",
        "n",
        "significant",
    ]);
    fn row<Id>(t: &mut Writer, id: String, d: &Difference<Id>) {
        t.row(&[
            Cell::text(id),
            Cell::opt(d.baseline),
            Cell::opt(d.scenario),
            Cell::opt(d.difference.mean),
            Cell::opt(d.difference.ci_low),
            Cell::opt(d.difference.ci_high),
            int(d.difference.n),
            int(d.significant),
        ]);
    }
    for d in &c.differences {
        row(&mut t, d.id.to_string(), d);
    }
    for w in &c.waits {
        row(
            &mut t,
            format!("wait:{}->{}", w.holding, w.destination),
            &w.difference,
        );
    }
    t.finish()
}

/// The paired differences, for a terminal.
pub fn comparison_table(r: &CompareReport) -> String {
    let mut out = format!(
        "baseline: {}\nscenario: {}\nseed {}, {} paired replications ({})\n\n",
        title(r.baseline),
        title(r.scenario),
        r.seed,
        r.pairs,
        ranges_text(&r.replication_indices)
    );
    let mut rows = vec![vec![
        "headline".to_string(),
        "baseline".into(),
        "scenario".into(),
        "difference".into(),
        "95% CI".into(),
        "significant".into(),
    ]];
    fn row<Id: std::fmt::Display>(d: &Difference<Id>) -> Vec<String> {
        vec![
            d.id.to_string(),
            human(d.baseline),
            human(d.scenario),
            human(d.difference.mean),
            interval(&d.difference),
            if d.significant { "yes" } else { "no" }.into(),
        ]
    }
    for d in r.differences {
        rows.push(row(d));
    }
    out.push_str(&columns(&rows));
    let mut rows = vec![vec![
        "ready households waiting in → for".to_string(),
        "baseline".into(),
        "scenario".into(),
        "difference".into(),
        "95% CI".into(),
        "significant".into(),
    ]];
    for w in r.waits {
        rows.push(row(&w.difference));
    }
    out.push('\n');
    out.push_str(&columns(&rows));
    out.push('\n');
    for (side, c) in [
        ("baseline", &r.binding_constraint.baseline),
        ("scenario", &r.binding_constraint.scenario),
    ] {
        match c {
            Some(c) => {
                let _ = writeln!(out, "binding constraint, {side}: {}", constraint_text(c));
            }
            None => {
                let _ = writeln!(out, "binding constraint, {side}: none");
            }
        }
    }
    out
}
