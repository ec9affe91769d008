//! A target on an objective and the probability that a scenario meets it, under common random
//! numbers (issue 13, MODEL.md 16.5.1). Shared by target seeking (`seek.rs`, « Que faut-il pour… ? ») and the
//! budget optimiser: both set levers to amounts ([`with_amounts`]), run the scenario on the
//! baseline's seed and replication indices, and read what share of the paired replications
//! meet the target ([`attainment`]).
//!
//! A target is an objective of « Où agir ? » ([`crate::marginal::OBJECTIVES`]), a level or a
//! relative change against the baseline, read in one month (the reporting period holding it)
//! or over the reporting window, and a probability: « −50 % of households without a solution
//! in December 2029, in 80 % of the replications ». A replication meets it when its own figure
//! is on the objective's better side of the level, or of its own baseline replication's figure
//! changed by the relative change: the pairing is the point of common random numbers.

use parcours_engine::stats::estimate;
use parcours_engine::{
    Ensemble, Estimate, HeadlineId, Layout, Replication, Scenario, SeriesId, SystemHeadline,
    SystemSeries, MONTH_DAYS,
};
use serde::{Deserialize, Serialize};

use crate::i18n::calendar::add_months;
use crate::i18n::{t, Lang, Msg};
use crate::levers::{apply, levers_of, Lever, LeverId, Settings};
use crate::measures::{Better, Headline};
use crate::result_tables::period_month;

/// Days in a year: monthly figures are turned into yearly rates with it, as the engine does.
pub(crate) const DAYS_PER_YEAR: f64 = 12.0 * MONTH_DAYS;

/// What the objective must reach.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// A level, in the engine's unit (households, household-days a year, a share 0–1…).
    Level(f64),
    /// A relative change against the baseline: −0.5 is −50 %.
    Change(f64),
}

/// A calendar month (1–12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

/// A target: the objective, what it must reach, when, and in what share of replications.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub objective: Headline,
    pub goal: Goal,
    /// The month it is read in; `None`: over the reporting window (the headline figure).
    pub by: Option<Month>,
    /// Share of the replications that must meet it (0 < p ≤ 1).
    pub probability: f64,
}

/// Where a figure is read in a run: one reporting period's series, or the window's headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Window,
    Period(usize),
}

/// Why a target cannot be read in runs of this layout.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetError {
    /// The objective has no monthly series (a share of first requests is a cohort figure).
    NoMonthlySeries { objective: SystemHeadline },
    /// The month is outside the reporting window (first, last).
    OutsideWindow {
        by: Month,
        first: Month,
        last: Month,
    },
    /// The probability is not in (0, 1].
    Probability(f64),
}

impl TargetError {
    pub fn text(&self, lang: Lang) -> String {
        let msg = match self {
            TargetError::NoMonthlySeries { objective } => Msg::TargetNoMonthlySeries {
                objective: objective.as_str(),
            },
            TargetError::OutsideWindow { by, first, last } => Msg::TargetOutsideWindow {
                by: (by.year, by.month),
                first: (first.year, first.month),
                last: (last.year, last.month),
            },
            TargetError::Probability(p) => Msg::TargetProbability { value: *p },
        };
        t(lang, msg).into_owned()
    }
}

impl Target {
    /// Where the target is read in runs of `layout`: the last reporting period that starts in
    /// or before its month (« d'ici décembre 2029 »: the period holding December 2029).
    pub fn reading(&self, layout: &Layout) -> Result<Reading, TargetError> {
        if !(self.probability > 0.0 && self.probability <= 1.0) {
            return Err(TargetError::Probability(self.probability));
        }
        let Some(by) = self.by else {
            return Ok(Reading::Window);
        };
        if monthly_series(self.objective.id).is_none() {
            return Err(TargetError::NoMonthlySeries {
                objective: self.objective.id,
            });
        }
        let month_of = |p: usize| {
            let (year, month) = period_month(layout, p);
            Month { year, month }
        };
        let periods = layout.periods.max(1);
        let first = month_of(0);
        // The month of the window's last day: a period longer than a month holds several.
        let end_day = layout.start_day + periods as f64 * layout.period_days - 1.0;
        let (year, month) = add_months(
            layout.start_year,
            layout.start_month,
            (end_day / MONTH_DAYS).floor() as i64,
        );
        let last = Month { year, month };
        if by < first || by > last {
            return Err(TargetError::OutsideWindow { by, first, last });
        }
        let p = (0..periods).rev().find(|&p| month_of(p) <= by).unwrap_or(0);
        Ok(Reading::Period(p))
    }
}

/// The series an objective is read from in one period, and the factor turning the period's
/// figure into the objective's unit (a rate a year for per-year objectives).
fn monthly_series(objective: SystemHeadline) -> Option<(SystemSeries, PerYear)> {
    use SystemHeadline as H;
    match objective {
        H::WithoutSolution => Some((SystemSeries::WithoutSolution, PerYear::Level)),
        // Households without a solution (time-weighted mean) × days in a year.
        H::HouseholdDaysWithoutSolutionPerYear => {
            Some((SystemSeries::WithoutSolution, PerYear::Days))
        }
        H::Unsheltered => Some((SystemSeries::Unsheltered, PerYear::Level)),
        H::DaloDecisionsPastDeadlinePerYear => {
            Some((SystemSeries::DaloDecisionsPastDeadline, PerYear::Count))
        }
        H::ReturnsToStreetPerYear => Some((SystemSeries::ReturnsToStreet, PerYear::Count)),
        H::HousedPerYear => Some((SystemSeries::Housed, PerYear::Count)),
        _ => None,
    }
}

/// How a period's figure becomes the objective's.
#[derive(Clone, Copy)]
enum PerYear {
    /// A level (a time-weighted mean): as it is.
    Level,
    /// A level turned into days a year.
    Days,
    /// A count in the period turned into a rate a year.
    Count,
}

/// The objective's figure in one replication, where `reading` says; NaN where undefined.
pub fn value(objective: SystemHeadline, reading: Reading, layout: &Layout, r: &Replication) -> f64 {
    match reading {
        Reading::Window => layout
            .headline_index(&HeadlineId::from(objective))
            .map_or(f64::NAN, |k| r.headlines[k]),
        Reading::Period(p) => {
            let Some((series, per_year)) = monthly_series(objective) else {
                return f64::NAN;
            };
            let Some(x) = layout
                .series_index(&SeriesId::from(series))
                .and_then(|k| r.series.get(k))
                .and_then(|s| s.get(p))
            else {
                return f64::NAN;
            };
            match per_year {
                PerYear::Level => *x,
                PerYear::Days => x * DAYS_PER_YEAR,
                PerYear::Count => x * DAYS_PER_YEAR / layout.period_days,
            }
        }
    }
}

/// A share of replications with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    pub count: usize,
    pub of: usize,
    pub share: f64,
    pub low: f64,
    pub high: f64,
}

/// 1.96: the normal quantile of a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// `count` of `of` with Wilson's score interval at 95 % (Wilson 1927; Agresti & Coull 1998):
/// unlike the normal interval it stays within 0–1 and is not empty when every replication, or
/// none, meets the target.
pub fn wilson(count: usize, of: usize) -> Share {
    if of == 0 {
        return Share {
            count,
            of,
            share: f64::NAN,
            low: 0.0,
            high: 1.0,
        };
    }
    let n = of as f64;
    let p = count as f64 / n;
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Share {
        count,
        of,
        share: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    }
}

/// How a scenario fares against a target, over the replications it shares with the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Attainment {
    /// Replications that meet the target, of the pairs where the objective is defined.
    pub met: Share,
    /// Whether the share reaches the target's probability (the point estimate; `met.low` says
    /// whether it clearly does).
    pub reached: bool,
    /// The objective, where read, in the baseline and the scenario (means over the pairs).
    pub baseline: Option<f64>,
    pub scenario: Option<f64>,
    /// Scenario − baseline, paired, with its 95 % interval.
    pub difference: Estimate,
    /// `cost_per_year`, scenario − baseline, paired.
    pub cost: Estimate,
}

/// Reads `target` in the replications `base` and `alt` share (same seed: common random
/// numbers). `Err` when they do not share the seed or the target cannot be read in them.
pub fn attainment(target: &Target, base: &Ensemble, alt: &Ensemble) -> Result<Attainment, String> {
    if base.seed != alt.seed {
        return Err(format!(
            "the runs have different seeds ({} and {}): common random numbers need one",
            base.seed, alt.seed
        ));
    }
    let reading = target.reading(&base.layout).map_err(|e| e.text(Lang::En))?;
    let (mut met, mut defined) = (0, 0);
    let (mut xs, mut ys, mut diffs, mut costs) = (vec![], vec![], vec![], vec![]);
    let cost = |e: &Ensemble, r: &Replication| {
        value(SystemHeadline::CostPerYear, Reading::Window, &e.layout, r)
    };
    for (i, b) in &base.replications {
        let Some(a) = alt.replications.get(i) else {
            continue;
        };
        let x = value(target.objective.id, reading, &base.layout, b);
        let y = value(target.objective.id, reading, &alt.layout, a);
        costs.push(cost(alt, a) - cost(base, b));
        if !(x.is_finite() && y.is_finite()) {
            continue;
        }
        defined += 1;
        xs.push(x);
        ys.push(y);
        diffs.push(y - x);
        let level = match target.goal {
            Goal::Level(v) => v,
            Goal::Change(c) => x * (1.0 + c),
        };
        // A hair of tolerance: a level met exactly (0 households) must count as met.
        let eps = 1e-9 * level.abs().max(1.0);
        let ok = match target.objective.better {
            Better::Higher => y >= level - eps,
            _ => y <= level + eps,
        };
        if ok {
            met += 1;
        }
    }
    let share = wilson(met, defined);
    let mean = |v: &[f64]| estimate((), v).mean;
    Ok(Attainment {
        reached: defined > 0 && share.share >= target.probability - 1e-12,
        met: share,
        baseline: mean(&xs),
        scenario: mean(&ys),
        difference: estimate(target.objective.key(), &diffs),
        cost: estimate(SystemHeadline::CostPerYear.into(), &costs),
    })
}

/// A lever a search may move (target seeking, the budget optimiser), with its bounds in its
/// unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Allowed {
    pub lever: Lever,
    pub min: f64,
    pub max: f64,
}

/// `settings` with each lever of `amounts` set to its amount (the others as `settings` has
/// them). Levers the network does not have are left alone.
pub fn settings_with(
    network: &Scenario,
    settings: &Settings,
    amounts: &[(LeverId, f64)],
) -> Settings {
    let levers = levers_of(network);
    let mut s = settings.clone();
    for (id, amount) in amounts {
        if let Some(l) = levers.iter().find(|l| &l.id == id) {
            s = s.with(id, *amount, l.baseline);
        }
    }
    s
}

/// The scenario with each lever of `amounts` set to its amount on top of `settings`
/// ([`settings_with`]).
pub fn with_amounts(
    network: &Scenario,
    settings: &Settings,
    amounts: &[(LeverId, f64)],
) -> Scenario {
    apply(network, &settings_with(network, settings, amounts))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wilson's interval against values computed by hand from its formula (z = 1.96).
    #[test]
    fn wilson_interval_matches_the_formula() {
        // 8 of 10: centre (0.8 + 0.19207) / 1.38415 = 0.71674, half 0.22658 → 0.49016–0.94331.
        let s = wilson(8, 10);
        assert!(
            (s.low - 0.4902).abs() < 1e-3 && (s.high - 0.9433).abs() < 1e-3,
            "{s:?}"
        );
        // None of 20: from 0 to z²/(n + z²) = 3.8415 / 23.8415 = 0.16113.
        let s = wilson(0, 20);
        assert!(s.low == 0.0 && (s.high - 0.16113).abs() < 1e-4, "{s:?}");
        let s = wilson(20, 20);
        assert!(s.high == 1.0 && (s.low - 0.83887).abs() < 1e-4, "{s:?}");
    }
}
