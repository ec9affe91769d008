//! Writing results: JSON documents, CSV tables (`parcours_core::csv` in its data format: comma
//! separator, decimal point, LF, an empty field for an undefined value, text that a spreadsheet
//! would run as a formula neutralised) and aligned text tables.
//!
//! Everything written depends only on the scenario, the seed and the set of replications, never
//! on the files or the order they came from, so merged parts reproduce one run byte for byte.

use crate::input::{ScenarioId, VERSION};
use crate::Failure;
use parcours_core::csv::{Cell, Format, Writer};
use parcours_engine::{
    constraints, Bands, CohortState, Comparison, Constraint, Difference, Ensemble, Estimate,
    HeadlineId, SeriesId, StageKindTag, Summary, WaitDifference,
};
use serde::Serialize;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Half-open ranges `[start, end)` covering sorted, distinct indices.
pub fn ranges(indices: impl Iterator<Item = u64>) -> Vec<[u64; 2]> {
    let mut out: Vec<[u64; 2]> = Vec::new();
    for i in indices {
        match out.last_mut() {
            Some(r) if r[1] == i => r[1] = i + 1,
            _ => out.push([i, i + 1]),
        }
    }
    out
}

/// An estimate with its 95 % interval, as JSON.
#[derive(Serialize)]
pub struct EstimateOut {
    pub mean: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub n: usize,
}

impl From<&Estimate> for EstimateOut {
    fn from(e: &Estimate) -> EstimateOut {
        EstimateOut {
            mean: e.mean,
            ci_low: e.ci_low,
            ci_high: e.ci_high,
            n: e.n,
        }
    }
}

/// `0..50, 60..100`.
pub fn ranges_text(r: &[[u64; 2]]) -> String {
    r.iter()
        .map(|[a, b]| format!("{a}..{b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes to the file, or to standard output when there is none.
fn write_with(
    out: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    match out {
        Some(path) => {
            let file = File::create(path)
                .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?;
            let mut w = BufWriter::new(file);
            f(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            f(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| Failure(format!("cannot write to standard output: {e}")))
        }
    }
}

/// Compact JSON and a final newline.
pub fn write_json(out: Option<&Path>, value: &impl Serialize) -> Result<(), Failure> {
    write_with(out, |w| {
        serde_json::to_writer(&mut *w, value).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })
}

pub fn write_text(out: Option<&Path>, text: &str) -> Result<(), Failure> {
    write_with(out, |w| w.write_all(text.as_bytes()))
}

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

/// A table in the data format (R, pandas, scripts).
pub(crate) fn csv(header: &[&str]) -> Writer {
    Writer::new(header, Format::DATA)
}

/// An integer, exactly (a seed may exceed what an f64 holds).
pub(crate) fn int<'a>(n: impl ToString) -> Cell<'a> {
    Cell::text(n.to_string())
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

/// A number for reading: fewer decimals as it grows; `-` when undefined.
pub(crate) fn human(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(x) if x.is_nan() => "-".into(),
        Some(x) if x.abs() >= 1000.0 || (x == x.round() && x.abs() < 1e15) => format!("{x:.0}"),
        Some(x) if x.abs() >= 10.0 => format!("{x:.1}"),
        Some(x) if x.abs() >= 1.0 => format!("{x:.2}"),
        Some(x) => format!("{x:.3}"),
    }
}

pub(crate) fn interval<Id>(e: &Estimate<Id>) -> String {
    match (e.ci_low, e.ci_high) {
        (Some(a), Some(b)) => format!("[{}, {}]", human(Some(a)), human(Some(b))),
        _ => "-".into(),
    }
}

pub(crate) fn title(id: &ScenarioId) -> String {
    let name = if id.name.en.is_empty() || id.name.en == id.name.fr {
        id.name.fr.clone()
    } else {
        format!("{} / {}", id.name.fr, id.name.en)
    };
    printable(&name)
}

/// Text for a terminal: control characters (escape sequences that could move the cursor or
/// retitle the window, line breaks that would fake rows) shown as `\u{…}`.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Lays out rows in columns, the first left-aligned, the others right-aligned.
pub(crate) fn columns(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = width[c].saturating_sub(cell.chars().count());
            if c == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The headline figures of a summary, for a terminal.
pub fn headline_table(id: &ScenarioId, ens: &Ensemble, s: &Summary) -> String {
    let mut out = format!(
        "{}\nseed {}, {} replications ({})\n\n",
        title(id),
        ens.seed,
        s.replications,
        ranges_text(&ranges(ens.replications.keys().copied()))
    );
    let mut rows = vec![vec![
        "headline".to_string(),
        "mean".into(),
        "95% CI".into(),
        "n".into(),
    ]];
    for e in &s.headlines {
        rows.push(vec![
            e.id.to_string(),
            human(e.mean),
            interval(e),
            e.n.to_string(),
        ]);
    }
    out.push_str(&columns(&rows));
    out.push_str(&cohort_table(s));
    let mut rows = vec![vec![
        "ready households waiting in → for".to_string(),
        "mean".into(),
        "95% CI".into(),
        "n".into(),
    ]];
    for w in &s.waits {
        rows.push(vec![
            w.households.id.to_string(),
            human(w.households.mean),
            interval(&w.households),
            w.households.n.to_string(),
        ]);
    }
    out.push('\n');
    out.push_str(&columns(&rows));
    out.push('\n');
    out.push_str(&constraints_text("binding constraint", s));
    out
}

/// Where the requests made in the window stand 0, 6, 12, 24 and 36 months later (means).
fn cohort_table(s: &Summary) -> String {
    if s.cohort.is_empty() {
        return String::new();
    }
    let months: Vec<usize> = [0, 6, 12, 24, 36]
        .into_iter()
        .filter(|&m| m <= s.layout.cohort_months)
        .collect();
    let mut header = vec!["requests, months after the first".to_string()];
    header.extend(months.iter().map(|m| m.to_string()));
    let mut rows = vec![header];
    for state in CohortState::ALL {
        if let Some(b) = s.cohort(*state) {
            let mut row = vec![state.to_string()];
            row.extend(months.iter().map(|&m| human(Some(b.mean[m]))));
            rows.push(row);
        }
    }
    format!("\n{}", columns(&rows))
}

/// The binding constraint and the other destinations ready households wait for, one line each.
fn constraints_text(what: &str, s: &Summary) -> String {
    let all = constraints(s);
    if all.is_empty() {
        return format!("{what}: none (fewer than one ready household waits for any stage)\n");
    }
    let mut out = String::new();
    for (i, c) in all.iter().enumerate() {
        let label = if i == 0 { what } else { "also waited for" };
        let _ = writeln!(out, "{label}: {}", constraint_text(c));
    }
    out
}

/// `hlm (allocation, 44.0 units a month, 99.8% used): 163 ready households wait for it (lt 109,
/// hu 34.6, …), 0 from the waiting list; held up behind it: lt 34.3`.
fn constraint_text(c: &Constraint) -> String {
    let capacity = match c.kind {
        StageKindTag::Allocation => format!(
            "allocation, {} units a month, {}% used",
            human(c.units_per_month),
            human(c.units_use.map(|u| 100.0 * u))
        ),
        StageKindTag::Places => format!(
            "{} places, {}% occupied",
            human(c.places),
            human(c.occupancy.map(|o| 100.0 * o))
        ),
    };
    let by: Vec<String> = c
        .by_holding
        .iter()
        .map(|(stage, n)| format!("{stage} {}", human(Some(*n))))
        .collect();
    let mut t = format!(
        "{} ({capacity}): {} ready households wait for it ({}), {} from the waiting list",
        c.destination,
        human(Some(c.ready_households)),
        by.join(", "),
        human(Some(c.waiting_list_households))
    );
    if !c.held_up.is_empty() {
        let held: Vec<String> = c
            .held_up
            .iter()
            .map(|(stage, n)| format!("{stage} {}", human(Some(*n))))
            .collect();
        let _ = write!(t, "; held up behind it: {}", held.join(", "));
    }
    t
}

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
