//! The page's CSV downloads, for spreadsheets, slides and meeting minutes: the monthly series
//! with their bands, and the headline table of a comparison, written by [`crate::csv`] in the
//! dialect the user chose; and the names of the downloaded files. Pure, tested natively; the
//! download itself is the app's (`src/web/download.rs`).

use parcours_engine::{Comparison, Difference, Estimate, Layout, Scenario, Summary, MONTH_DAYS};

use crate::csv::{table, Cell, Dialect};
use crate::i18n::{add_months, t, Lang, Msg};
use crate::insight::{judge, Verdict};
use crate::measures::{series_label, Headline, HEADLINES};

/// Columns of the series table.
pub const SERIES_COLUMNS: [&str; 11] = [
    "run", "series", "label", "period", "month", "mean", "p5", "p25", "p50", "p75", "p95",
];

/// Columns of the headline table.
pub const HEADLINE_COLUMNS: [&str; 15] = [
    "indicator",
    "label",
    "unit",
    "baseline",
    "baseline_ci_low",
    "baseline_ci_high",
    "scenario",
    "scenario_ci_low",
    "scenario_ci_high",
    "difference",
    "difference_ci_low",
    "difference_ci_high",
    "pairs",
    "significant",
    "verdict",
];

/// One run whose series are exported: `baseline` or `scenario`, with the scenario that ran (for
/// its stage labels and calendar).
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    pub id: &'static str,
    pub scenario: &'a Scenario,
    pub summary: &'a Summary,
}

/// Columns of the cohort table (where the first requests stand, months after them).
pub const COHORT_COLUMNS: [&str; 10] = [
    "run",
    "state",
    "label",
    "months_after_first_request",
    "mean",
    "p5",
    "p25",
    "p50",
    "p75",
    "p95",
];

/// The cohort table: one row per run, state (housed, in_place, waiting_list,
/// street_between_requests, gone) and month 0–36 after the first request; the `housed` rows are
/// the Kaplan–Meier share housed, whose complement is the survival curve (MODEL.md 15.4).
pub fn cohort_csv(lang: Lang, d: Dialect, runs: &[Run]) -> String {
    let rows = runs.iter().flat_map(|run| {
        run.summary.cohort.iter().flat_map(move |b| {
            let label = t(lang, cohort_label(b.id));
            (0..b.mean.len()).map(move |m| {
                let at = |v: &Vec<f64>| Cell::Num(v.get(m).copied().unwrap_or(f64::NAN));
                vec![
                    Cell::text(run.id),
                    Cell::text(b.id.as_str()),
                    Cell::text(label.clone()),
                    Cell::Num(m as f64),
                    at(&b.mean),
                    at(&b.p5),
                    at(&b.p25),
                    at(&b.p50),
                    at(&b.p75),
                    at(&b.p95),
                ]
            })
        })
    });
    table(&COHORT_COLUMNS, rows, d)
}

/// A cohort state's name.
pub fn cohort_label(state: parcours_engine::CohortState) -> Msg<'static> {
    use parcours_engine::CohortState;
    match state {
        CohortState::Housed => Msg::CohortHoused,
        CohortState::InPlace => Msg::CohortInPlace,
        CohortState::WaitingList => Msg::CohortWaitingList,
        CohortState::StreetBetweenRequests => Msg::CohortStreet,
        CohortState::Gone => Msg::CohortGone,
    }
}

/// Calendar month (year, 1–12) in which reporting period `p` starts.
pub fn period_month(layout: &Layout, p: usize) -> (i32, u32) {
    let day = layout.start_day + p as f64 * layout.period_days;
    // A tiny margin: day 12 × MONTH_DAYS must not fall into month 11 by rounding.
    let months = (day / MONTH_DAYS + 1e-9).floor() as i64;
    add_months(layout.start_year, layout.start_month, months)
}

/// The series table: one row per run, series and period.
pub fn series_csv(lang: Lang, d: Dialect, runs: &[Run]) -> String {
    let rows = runs.iter().flat_map(|run| {
        let layout = &run.summary.layout;
        run.summary.series.iter().flat_map(move |b| {
            let label = series_label(lang, run.scenario, &b.id);
            (0..b.mean.len()).map(move |p| {
                let (year, month) = period_month(layout, p);
                let at = |v: &Vec<f64>| Cell::Num(v.get(p).copied().unwrap_or(f64::NAN));
                vec![
                    Cell::text(run.id),
                    Cell::text(b.id.to_string()),
                    Cell::text(label.clone()),
                    Cell::Num(p as f64),
                    Cell::text(format!("{year:04}-{month:02}-01")),
                    at(&b.mean),
                    at(&b.p5),
                    at(&b.p25),
                    at(&b.p50),
                    at(&b.p75),
                    at(&b.p95),
                ]
            })
        })
    });
    table(&SERIES_COLUMNS, rows, d)
}

/// One headline figure of the baseline, the scenario and their paired difference.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineRow {
    pub id: &'static str,
    pub label: String,
    pub unit: String,
    pub headline: Headline,
    pub baseline: Option<Estimate>,
    pub scenario: Option<Estimate>,
    pub difference: Option<Difference>,
    /// Replications paired in the comparison.
    pub pairs: Option<usize>,
    /// Both runs are complete (else the verdict is « provisoire »).
    pub complete: bool,
}

impl HeadlineRow {
    /// The verdict the card shows (`insight::judge`), when comparing.
    pub fn verdict(&self) -> Option<Verdict> {
        self.difference
            .as_ref()
            .map(|d| judge(&self.headline, d, self.complete))
    }
}

/// The headline cards' figures (`measures::HEADLINES`), as the cards show them: baseline and
/// scenario from their summaries, the difference from the paired comparison.
pub fn headline_rows(
    lang: Lang,
    base: Option<&Summary>,
    scen: Option<&Summary>,
    comparison: Option<&Comparison>,
    complete: bool,
) -> Vec<HeadlineRow> {
    HEADLINES
        .iter()
        .map(|h| HeadlineRow {
            id: h.code(),
            label: h.name(lang),
            unit: h.unit(lang),
            headline: *h,
            baseline: base.and_then(|s| s.headline(&h.key())).cloned(),
            scenario: scen.and_then(|s| s.headline(&h.key())).cloned(),
            difference: comparison.and_then(|c| c.difference(&h.key())).cloned(),
            pairs: comparison.map(|c| c.pairs),
            complete,
        })
        .collect()
}

/// The headline table; the scenario's and difference's cells are empty when not comparing.
pub fn headlines_csv(lang: Lang, d: Dialect, rows: &[HeadlineRow]) -> String {
    let est = |e: &Option<Estimate>| {
        let e = e.as_ref();
        [
            Cell::opt(e.and_then(|e| e.mean)),
            Cell::opt(e.and_then(|e| e.ci_low)),
            Cell::opt(e.and_then(|e| e.ci_high)),
        ]
    };
    let body = rows.iter().map(|r| {
        let diff = r.difference.as_ref().map(|d| d.difference.clone());
        let mut cells = vec![
            Cell::text(r.id),
            Cell::text(r.label.as_str()),
            Cell::text(r.unit.as_str()),
        ];
        cells.extend(est(&r.baseline));
        cells.extend(est(&r.scenario));
        cells.extend(est(&diff));
        cells.push(Cell::opt(r.pairs.map(|p| p as f64)));
        match (&r.difference, r.verdict()) {
            (Some(d), Some(v)) => {
                let yes_no = if d.significant { Msg::Yes } else { Msg::No };
                cells.push(Cell::text(t(lang, yes_no)));
                cells.push(Cell::text(v.text(lang)));
            }
            _ => cells.extend([Cell::Empty, Cell::Empty]),
        }
        cells
    });
    table(&HEADLINE_COLUMNS, body, d)
}

/// `haute-garonne` from « Haute-Garonne », `midi-pyrenees` from « Midi-Pyrénées ».
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "scenario".into()
    } else {
        out
    }
}

/// `parcours-haute-garonne-series.csv`.
pub fn file_name(territory: &str, what: &str, extension: &str) -> String {
    format!("parcours-{}-{what}.{extension}", slug(territory))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::{BOM, EOL};
    use crate::measures::WITHOUT_SOLUTION;
    use parcours_engine::{default_scenario, Ensemble, Model};

    /// A record's fields, splitting on the separator outside quotes (enough for these tests).
    fn split(line: &str, sep: char) -> Vec<String> {
        let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                c if c == sep && !quoted => out.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        out.push(cur);
        out
    }

    fn summary(s: &Scenario, reps: u64) -> Summary {
        let model = Model::new(s).unwrap();
        let mut e = Ensemble::new(model.layout().clone(), 42);
        for i in 0..reps {
            e.add(parcours_engine::simulate(&model, 42, i).unwrap());
        }
        e.summary()
    }

    #[test]
    fn series_table_of_a_real_run() {
        let mut s = default_scenario();
        s.horizon_months = 14.0;
        s.stages[0].label.fr = "=HYPERLINK(\"x\")".into();
        let sum = summary(&s, 3);
        let t = series_csv(
            Lang::Fr,
            Dialect::French,
            &[Run {
                id: "baseline",
                scenario: &s,
                summary: &sum,
            }],
        );
        let lines: Vec<&str> = t.trim_start_matches(BOM).split(EOL).collect();
        assert_eq!(lines[0], SERIES_COLUMNS.join(";"));
        assert_eq!(lines.last(), Some(&""), "ends with a line break");
        let records: Vec<Vec<String>> = lines[1..lines.len() - 1]
            .iter()
            .map(|l| split(l, ';'))
            .collect();
        let periods = sum.layout.periods;
        assert_eq!(records.len(), sum.series.len() * periods);
        assert!(records.iter().all(|r| r.len() == SERIES_COLUMNS.len()));
        // The first row: unsheltered, period 0, the calendar's first month, the summary's mean.
        let first = &records[0];
        assert_eq!(
            first[..5],
            [
                "baseline",
                "unsheltered",
                "Ménages sans solution (liste d'attente SIAO)",
                "0",
                "2026-01-01"
            ]
        );
        let mean: f64 = first[5].replace(',', ".").parse().unwrap();
        assert_eq!(mean, sum.series[0].mean[0]);
        assert_eq!(records[12][4], "2027-01-01");
        // A stage label that looks like a formula is neutralised.
        let stage = &s.stages[0].id;
        let r = records
            .iter()
            .find(|r| r[1] == format!("stage.{stage}.occupancy"))
            .unwrap();
        assert_eq!(r[2], "'=HYPERLINK(\"x\") — ménages présents");
        // Decimal commas, no decimal points anywhere in the numbers.
        assert!(records.iter().any(|r| r[5].contains(',')));
        assert!(records
            .iter()
            .all(|r| r[5..].iter().all(|v| !v.contains('.'))));
    }

    #[test]
    fn headline_table_equals_the_summaries_and_the_comparison() {
        let base = default_scenario();
        let mut more = base.clone();
        if let parcours_engine::StageKind::Places(p) = &mut more
            .stages
            .iter_mut()
            .find(|s| s.id == "chrs")
            .unwrap()
            .kind
        {
            p.places += 300;
        }
        let run = |s: &Scenario| {
            let model = Model::new(s).unwrap();
            let mut e = Ensemble::new(model.layout().clone(), 42);
            for i in 0..4 {
                e.add(parcours_engine::simulate(&model, 42, i).unwrap());
            }
            e
        };
        let (eb, es) = (run(&base), run(&more));
        let (sb, ss) = (eb.summary(), es.summary());
        let cmp = parcours_engine::compare(&eb, &es).unwrap();
        let rows = headline_rows(Lang::En, Some(&sb), Some(&ss), Some(&cmp), true);
        assert_eq!(rows.len(), HEADLINES.len());
        let t = headlines_csv(Lang::En, Dialect::International, &rows);
        let lines: Vec<&str> = t.trim_start_matches(BOM).split(EOL).collect();
        assert_eq!(lines[0], HEADLINE_COLUMNS.join(","));
        let rec = split(lines[1], ',');
        assert_eq!(rec[0], "without_solution");
        assert_eq!(rec[1], "Households without a solution");
        let f = |i: usize| rec[i].parse::<f64>().unwrap();
        let id = WITHOUT_SOLUTION.key();
        let b = sb.headline(&id).unwrap();
        let s = ss.headline(&id).unwrap();
        let d = cmp.difference(&id).unwrap();
        assert_eq!(f(3), b.mean.unwrap());
        assert_eq!(f(4), b.ci_low.unwrap());
        assert_eq!(f(5), b.ci_high.unwrap());
        assert_eq!(f(6), s.mean.unwrap());
        assert_eq!(f(9), d.difference.mean.unwrap());
        assert_eq!(f(10), d.difference.ci_low.unwrap());
        assert_eq!(f(11), d.difference.ci_high.unwrap());
        assert_eq!(f(12), 4.0);
        assert!(
            f(9) < 0.0,
            "more CHRS places, fewer households without a solution"
        );
        assert_eq!(rec[13], if d.significant { "yes" } else { "no" });
        assert_eq!(rec[14], judge(&WITHOUT_SOLUTION, d, true).text(Lang::En));

        // Without a scenario: its cells and the difference's are empty.
        let rows = headline_rows(Lang::Fr, Some(&sb), None, None, true);
        let t = headlines_csv(Lang::Fr, Dialect::French, &rows);
        let rec = split(t.split(EOL).nth(1).unwrap(), ';');
        assert_eq!(rec[1], "Ménages sans solution");
        assert!(rec[3].contains(','), "decimal comma: {}", rec[3]);
        assert!(rec[6..].iter().all(String::is_empty), "{rec:?}");
    }

    #[test]
    fn file_names() {
        assert_eq!(slug("Haute-Garonne"), "haute-garonne");
        assert_eq!(slug("Midi-Pyrénées"), "midi-pyrenees");
        assert_eq!(slug("Ariège"), "ariege");
        assert_eq!(slug("  =/../ "), "scenario");
        assert_eq!(
            file_name("Haute-Garonne", "series", "csv"),
            "parcours-haute-garonne-series.csv"
        );
        // The scenario panel's JSON files too.
        assert_eq!(
            file_name("Haute-Garonne", "reference", "json"),
            "parcours-haute-garonne-reference.json"
        );
    }
}
