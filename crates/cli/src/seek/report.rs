//! What `parcours seek` writes: its JSON report, its CSV of probes and its table, from a search
//! done (`super::seek`).

use crate::input::ScenarioId;
use crate::output::{self, columns, csv, human, interval, title, EstimateOut};
use crate::{Failure, Format, ReportArgs};
use parcours_core::csv::Cell;
use parcours_core::i18n::{Lang, Localized};
use parcours_core::seek::mix::MixOutcome;
use parcours_core::seek::{self, sentence, Outcome, Probe, Seek, Why};
use parcours_core::target::{Goal, Reading};
use parcours_engine::Ensemble;
use serde::Serialize;

/// How the amounts were chosen.
#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Form {
    Bisection,
    Grid,
}

pub(super) fn write(
    report: &ReportArgs,
    id: &ScenarioId,
    base: &Ensemble,
    search: &Seek,
    form: Form,
) -> Result<std::process::ExitCode, Failure> {
    let period = match search.target.reading(&base.layout) {
        Ok(Reading::Period(p)) => Some(p),
        _ => None,
    };
    let ranges = output::ranges(base.replications.keys().copied());
    let r = Report::new(id, base.seed, &ranges, period, form, search);
    let out = report.out.as_deref();
    match report.format {
        Format::Json => output::write_json(out, &r)?,
        Format::Csv => output::write_text(out, &probes_csv(search))?,
        Format::Table => output::write_text(out, &seek_table(&r, search))?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct TargetOut {
    objective: &'static str,
    goal: Goal,
    /// YYYY-MM, or `null`: over the reporting window.
    by: Option<String>,
    /// The reporting period it is read in (0 = the window's first).
    period: Option<usize>,
    probability: f64,
}

#[derive(Serialize)]
struct ProbeOut {
    amount: f64,
    /// Replications meeting the target, of those paired with the baseline.
    met: usize,
    of: usize,
    share: f64,
    /// Wilson 95 % interval of the share.
    share_ci_low: f64,
    share_ci_high: f64,
    reached: bool,
    /// The objective where read, baseline and with this amount (means over the pairs).
    baseline: Option<f64>,
    scenario: Option<f64>,
    /// Scenario − baseline, paired.
    difference: EstimateOut,
    cost_per_year: EstimateOut,
}

impl From<&Probe> for ProbeOut {
    fn from(p: &Probe) -> ProbeOut {
        let a = &p.attainment;
        ProbeOut {
            amount: p.amount,
            met: a.met.count,
            of: a.met.of,
            share: a.met.share,
            share_ci_low: a.met.low,
            share_ci_high: a.met.high,
            reached: a.reached,
            baseline: a.baseline,
            scenario: a.scenario,
            difference: (&a.difference).into(),
            cost_per_year: (&a.cost).into(),
        }
    }
}

#[derive(Serialize)]
struct LeverOut {
    lever: String,
    label: String,
    min: f64,
    max: f64,
    /// The fluid model's guess, where it is reliable (the first probe below the bound).
    fluid_guess: Option<f64>,
    /// `reached` or `unreachable`.
    outcome: &'static str,
    /// The least amount that meets the target.
    amount: Option<f64>,
    /// Out of reach: `bound` (too few replications at the bound) or `no_effect` (the lever
    /// does not move the objective there).
    why: Option<&'static str>,
    /// Out of reach: the stage ready households wait for most at the bound.
    binding: Option<String>,
    /// Every probe, by amount.
    probes: Vec<ProbeOut>,
}

/// The mix (with several levers).
#[derive(Serialize)]
struct MixOut {
    /// `reached` or `unreachable` (every lever at its upper bound falls short).
    outcome: &'static str,
    /// Reached: whether the mix is proven the least costly on the grid, or only the cheapest of
    /// the mixes tried (the search stopped at its bound of runs).
    least_cost_on_grid: bool,
    /// The mix found (or every lever at its bound), each lever's amount by lever id.
    amounts: std::collections::BTreeMap<String, f64>,
    /// Its yearly cost at the scenario's prices (the capacity added: the order searched).
    funded_cost_per_year: f64,
    /// The mix found, against the target.
    met: usize,
    of: usize,
    share: f64,
    share_ci_low: f64,
    share_ci_high: f64,
    difference: EstimateOut,
    cost_per_year: EstimateOut,
    /// Mixes the search ran (after each lever alone).
    runs: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    scenario: &'a ScenarioId,
    seed: u64,
    replication_indices: &'a [[u64; 2]],
    /// `bisection` (the search) or `grid` (the sweep form: every amount run).
    form: Form,
    target: TargetOut,
    levers: Vec<LeverOut>,
    /// The cheapest lever that meets the target, alone.
    best: Option<String>,
    /// With several levers: the least-cost mix that meets the target on the grid.
    mix: Option<MixOut>,
    sentence: String,
}

impl<'a> Report<'a> {
    fn new(
        id: &'a ScenarioId,
        seed: u64,
        indices: &'a [[u64; 2]],
        period: Option<usize>,
        form: Form,
        s: &Seek,
    ) -> Report<'a> {
        let t = &s.target;
        Report {
            scenario: id,
            seed,
            replication_indices: indices,
            form,
            target: TargetOut {
                objective: t.objective.code(),
                goal: t.goal,
                by: t.by.map(|m| format!("{}-{:02}", m.year, m.month)),
                period,
                probability: t.probability,
            },
            levers: s
                .searches
                .iter()
                .map(|search| {
                    let a = &search.allowed;
                    let (outcome, amount, why, binding) = match search.outcome(t) {
                        Outcome::Reached { at, .. } => ("reached", Some(at.amount), None, None),
                        Outcome::Unreachable { why, binding, .. } => (
                            "unreachable",
                            None,
                            Some(match why {
                                Why::Bound => "bound",
                                Why::NoEffect => "no_effect",
                            }),
                            binding.map(|l| l.text(Lang::En).to_string()),
                        ),
                        Outcome::Searching => ("searching", None, None, None),
                    };
                    LeverOut {
                        lever: a.lever.id.to_string(),
                        label: a.lever.label(Lang::En),
                        min: a.min,
                        max: a.max,
                        fluid_guess: search.guess,
                        outcome,
                        amount,
                        why,
                        binding,
                        probes: by_amount(search).into_iter().map(Into::into).collect(),
                    }
                })
                .collect(),
            best: s.best().map(|i| s.searches[i].allowed.lever.id.to_string()),
            mix: s.mix.as_ref().and_then(|m| {
                let (amounts, a) = m.found()?;
                Some(MixOut {
                    outcome: match m.outcome() {
                        MixOutcome::Least | MixOutcome::Cheapest { .. } => "reached",
                        MixOutcome::Unreachable => "unreachable",
                        MixOutcome::Searching => "searching",
                    },
                    least_cost_on_grid: m.outcome() == MixOutcome::Least,
                    funded_cost_per_year: m.funded_cost(&amounts),
                    amounts: m
                        .levers
                        .iter()
                        .zip(&amounts)
                        .map(|(l, x)| (l.lever.id.to_string(), *x))
                        .collect(),
                    met: a.met.count,
                    of: a.met.of,
                    share: a.met.share,
                    share_ci_low: a.met.low,
                    share_ci_high: a.met.high,
                    difference: (&a.difference).into(),
                    cost_per_year: (&a.cost).into(),
                    runs: m.tried.len(),
                })
            }),
            sentence: sentence(Lang::En, s),
        }
    }
}

/// A search's probes in increasing amounts.
fn by_amount(s: &seek::Search) -> Vec<&Probe> {
    let mut p: Vec<&Probe> = s.probes.iter().collect();
    p.sort_by(|a, b| a.amount.total_cmp(&b.amount));
    p
}

/// One row per probe, lever by lever, in increasing amounts.
fn probes_csv(s: &Seek) -> String {
    let mut t = csv(&[
        "lever",
        "amount",
        "met",
        "of",
        "share",
        "share_ci_low",
        "share_ci_high",
        "reached",
        "answer",
        "objective_baseline",
        "objective_scenario",
        "difference",
        "difference_ci_low",
        "difference_ci_high",
        "cost_per_year",
    ]);
    for search in &s.searches {
        let answer = match search.outcome(&s.target) {
            Outcome::Reached { at, .. } => Some(at.amount),
            _ => None,
        };
        for p in by_amount(search) {
            let a = &p.attainment;
            t.row(&[
                Cell::text(search.allowed.lever.id.to_string()),
                Cell::Num(p.amount),
                Cell::Num(a.met.count as f64),
                Cell::Num(a.met.of as f64),
                Cell::Num(a.met.share),
                Cell::Num(a.met.low),
                Cell::Num(a.met.high),
                Cell::text(a.reached.to_string()),
                Cell::text((answer == Some(p.amount)).to_string()),
                Cell::opt(a.baseline),
                Cell::opt(a.scenario),
                Cell::opt(a.difference.mean),
                Cell::opt(a.difference.ci_low),
                Cell::opt(a.difference.ci_high),
                Cell::opt(a.cost.mean),
            ]);
        }
    }
    t.finish()
}

/// The probes for a terminal, lever by lever, then the answer in a sentence.
fn seek_table(r: &Report, s: &Seek) -> String {
    let mut out = format!(
        "{}\nseed {}, {} paired replications ({})\n\n",
        title(r.scenario),
        r.seed,
        r.replication_indices
            .iter()
            .map(|[a, b]| b - a)
            .sum::<u64>(),
        output::ranges_text(r.replication_indices),
    );
    for search in &s.searches {
        out.push_str(&output::printable(&search.allowed.lever.label(Lang::En)));
        out.push('\n');
        let mut rows = vec![vec![
            "amount".to_string(),
            "share met".into(),
            "95% CI".into(),
            "reached".into(),
            "objective".into(),
            "difference".into(),
            "diff 95% CI".into(),
            "cost/yr".into(),
        ]];
        for p in by_amount(search) {
            let a = &p.attainment;
            rows.push(vec![
                human(Some(p.amount)),
                format!("{}/{}", a.met.count, a.met.of),
                format!("[{:.3}, {:.3}]", a.met.low, a.met.high),
                if a.reached { "yes" } else { "no" }.into(),
                human(a.scenario),
                human(a.difference.mean),
                interval(&a.difference),
                human(a.cost.mean),
            ]);
        }
        out.push_str(&columns(&rows));
        out.push('\n');
    }
    out.push_str(&output::printable(&r.sentence));
    out.push('\n');
    out
}
