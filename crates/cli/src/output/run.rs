//! One run's report: its JSON document and its directory of CSV tables.

use super::{csv, int, ranges, ranges_text, write_text};
use crate::input::{ScenarioId, VERSION};
use crate::Failure;
use parcours_core::csv::Cell;
use parcours_engine::{
    constraints, Bands, Constraint, Ensemble, HeadlineId, SeriesId, StageKindTag, Summary,
};
use serde::Serialize;
use std::path::Path;

/// One replication's own numbers, named.
#[derive(Serialize)]
pub struct ReplicationOut<'a> {
    pub index: u64,
    pub series: Vec<NamedSeries<'a>>,
    pub headlines: Vec<NamedValue<'a>>,
}

#[derive(Serialize)]
pub struct NamedSeries<'a> {
    pub id: &'a SeriesId,
    pub values: &'a [f64],
}

/// `value` is `null` where the figure is undefined.
#[derive(Serialize)]
pub struct NamedValue<'a> {
    pub id: &'a HeadlineId,
    pub value: f64,
}

/// The JSON output of `run` and `merge`.
#[derive(Serialize)]
pub struct RunReport<'a> {
    pub parcours_version: &'static str,
    pub scenario: &'a ScenarioId,
    pub seed: u64,
    /// Half-open ranges of the replication indices summarised.
    pub replication_indices: Vec<[u64; 2]>,
    pub summary: &'a Summary,
    /// The destinations ready households wait for, the binding one first (MODEL.md, 15.6).
    pub binding_constraints: Vec<Constraint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_replication: Option<Vec<ReplicationOut<'a>>>,
}

impl<'a> RunReport<'a> {
    pub fn new(
        id: &'a ScenarioId,
        ens: &'a Ensemble,
        summary: &'a Summary,
        per_replication: bool,
    ) -> RunReport<'a> {
        let layout = &ens.layout;
        RunReport {
            parcours_version: VERSION,
            scenario: id,
            seed: ens.seed,
            replication_indices: ranges(ens.replications.keys().copied()),
            summary,
            binding_constraints: constraints(summary),
            per_replication: per_replication.then(|| {
                ens.replications
                    .values()
                    .map(|r| ReplicationOut {
                        index: r.index,
                        series: layout
                            .series
                            .iter()
                            .zip(&r.series)
                            .map(|(id, v)| NamedSeries { id, values: v })
                            .collect(),
                        headlines: layout
                            .headlines
                            .iter()
                            .zip(&r.headlines)
                            .map(|(id, &value)| NamedValue { id, value })
                            .collect(),
                    })
                    .collect()
            }),
        }
    }
}

fn csv_file(dir: &Path, name: &str, text: &str) -> Result<(), Failure> {
    write_text(Some(&dir.join(name)), text)
}

/// A table of bands, a row per (band, index): `id` and `index` name those columns; `start`, where
/// the index is a period, adds its first day as `start_day`; then the mean and the percentiles.
fn bands_table<Id: std::fmt::Display>(
    id: &str,
    index: &str,
    start: Option<&dyn Fn(usize) -> f64>,
    bands: &[Bands<Id>],
) -> String {
    let mut header = vec![id, index];
    header.extend(start.map(|_| "start_day"));
    header.extend(["mean", "p5", "p25", "p50", "p75", "p95"]);
    let mut t = csv(&header);
    for b in bands {
        for i in 0..b.mean.len() {
            let mut row = vec![Cell::text(b.id.to_string()), int(i)];
            row.extend(start.map(|start| Cell::Num(start(i))));
            row.extend([b.mean[i], b.p5[i], b.p25[i], b.p50[i], b.p75[i], b.p95[i]].map(Cell::Num));
            t.row(&row);
        }
    }
    t.finish()
}

/// Files written by `--format csv` in the `--out` directory.
pub const CSV_METADATA: &str = "metadata.csv";
pub const CSV_SERIES: &str = "series.csv";
pub const CSV_HEADLINES: &str = "headlines.csv";
pub const CSV_TIME_TO_HOUSING: &str = "time_to_housing.csv";
pub const CSV_COHORT: &str = "cohort.csv";
pub const CSV_WAITS: &str = "waits.csv";
pub const CSV_CONSTRAINTS: &str = "constraints.csv";
pub const CSV_REPLICATIONS: &str = "replications.csv";
pub const CSV_REPLICATION_HEADLINES: &str = "replication_headlines.csv";

/// Writes the summary (and with `per_replication` every replication's numbers) as CSV tables in
/// `dir`, created if needed.
pub fn write_csv_dir(
    dir: &Path,
    id: &ScenarioId,
    ens: &Ensemble,
    s: &Summary,
    per_replication: bool,
) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure(format!("{}: cannot create directory: {e}", dir.display())))?;
    let l = &ens.layout;
    let start = |p: usize| l.start_day + p as f64 * l.period_days;

    let mut t = csv(&["key", "value"]);
    let rows: [(&str, Cell); 12] = [
        ("parcours_version", Cell::text(VERSION)),
        ("scenario_name_fr", Cell::text(&id.name.fr)),
        ("scenario_name_en", Cell::text(&id.name.en)),
        ("scenario_fingerprint", Cell::text(&id.fingerprint)),
        ("seed", int(ens.seed)),
        ("replications", int(s.replications)),
        (
            "replication_indices",
            Cell::text(ranges_text(&ranges(ens.replications.keys().copied())).replace(", ", " ")),
        ),
        ("period_days", Cell::Num(l.period_days)),
        ("periods", int(l.periods)),
        ("start_day", Cell::Num(l.start_day)),
        ("calendar_start_year", int(l.start_year)),
        ("calendar_start_month", int(l.start_month)),
    ];
    for (k, v) in rows {
        t.row(&[Cell::text(k), v]);
    }
    csv_file(dir, CSV_METADATA, &t.finish())?;

    let series = bands_table("series", "period", Some(&start), &s.series);
    csv_file(dir, CSV_SERIES, &series)?;

    let mut t = csv(&["id", "mean", "ci_low", "ci_high", "n"]);
    for e in &s.headlines {
        t.row(&[
            Cell::text(e.id.to_string()),
            Cell::opt(e.mean),
            Cell::opt(e.ci_low),
            Cell::opt(e.ci_high),
            int(e.n),
        ]);
    }
    csv_file(dir, CSV_HEADLINES, &t.finish())?;

    let mut t = csv(&["week", "households"]);
    for (w, h) in s.time_to_housing_weeks.iter().enumerate() {
        t.row(&[int(w), int(h)]);
    }
    csv_file(dir, CSV_TIME_TO_HOUSING, &t.finish())?;

    let cohort = bands_table("state", "months_after_first_request", None, &s.cohort);
    csv_file(dir, CSV_COHORT, &cohort)?;

    let mut t = csv(&["holding", "destination", "mean", "ci_low", "ci_high", "n"]);
    for w in &s.waits {
        let e = &w.households;
        t.row(&[
            Cell::text(&w.holding),
            Cell::text(&w.destination),
            Cell::opt(e.mean),
            Cell::opt(e.ci_low),
            Cell::opt(e.ci_high),
            int(e.n),
        ]);
    }
    csv_file(dir, CSV_WAITS, &t.finish())?;

    let mut t = csv(&[
        "rank",
        "destination",
        "kind",
        "households_behind",
        "ready_households",
        "waiting_list_households",
        "units_per_month",
        "units_use",
        "places",
        "occupancy",
        "held_up",
    ]);
    for (i, c) in constraints(s).iter().enumerate() {
        let held: Vec<&str> = c.held_up.iter().map(|h| h.0.as_str()).collect();
        t.row(&[
            int(i + 1),
            Cell::text(&c.destination),
            Cell::text(kind_text(c.kind)),
            Cell::Num(c.households_behind),
            Cell::Num(c.ready_households),
            Cell::Num(c.waiting_list_households),
            Cell::opt(c.units_per_month),
            Cell::opt(c.units_use),
            Cell::opt(c.places),
            Cell::opt(c.occupancy),
            Cell::text(held.join(" ")),
        ]);
    }
    csv_file(dir, CSV_CONSTRAINTS, &t.finish())?;

    let per_rep = [CSV_REPLICATIONS, CSV_REPLICATION_HEADLINES];
    if per_replication {
        let mut t = csv(&["replication", "period", "series", "value"]);
        let names: Vec<String> = l.series.iter().map(ToString::to_string).collect();
        for r in ens.replications.values() {
            for (name, v) in names.iter().zip(&r.series) {
                for (p, x) in v.iter().enumerate() {
                    t.row(&[int(r.index), int(p), Cell::text(name), Cell::Num(*x)]);
                }
            }
        }
        csv_file(dir, CSV_REPLICATIONS, &t.finish())?;
        let mut t = csv(&["replication", "headline", "value"]);
        let names: Vec<String> = l.headlines.iter().map(ToString::to_string).collect();
        for r in ens.replications.values() {
            for (name, x) in names.iter().zip(&r.headlines) {
                t.row(&[int(r.index), Cell::text(name), Cell::Num(*x)]);
            }
        }
        csv_file(dir, CSV_REPLICATION_HEADLINES, &t.finish())?;
    } else {
        // A stale per-replication table from an earlier run would not match this summary.
        for name in per_rep {
            let p = dir.join(name);
            if p.is_file() {
                std::fs::remove_file(&p).map_err(|e| {
                    Failure(format!("{}: cannot remove stale file: {e}", p.display()))
                })?;
            }
        }
    }
    Ok(())
}

fn kind_text(k: StageKindTag) -> &'static str {
    match k {
        StageKindTag::Places => "places",
        StageKindTag::Allocation => "allocation",
    }
}
