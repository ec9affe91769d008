//! « Où agir ? »: the marginal value of every lever (issue 13, MODEL.md 16.5).
//!
//! Each lever of the scenario shown is moved by one step of its kind (+10 places, +20 winter
//! places, +20 accompaniment slots, +2 allocations a month, +10 prevention cases a month) and run
//! against the scenario itself under common random numbers (same seed, same replication
//! indices). The effect of each step on an objective is the engine's paired difference
//! (`compare`), its yearly cost the paired difference of `cost_per_year`; the levers are ranked
//! by their gain for households, per step or per 100 k€ a year, and the best is said to be
//! clearly ahead of the second only when the paired difference of their gains excludes 0.
//!
//! Plain data and arithmetic on ensembles: the page's workers, the command line and the tests
//! run the replications and hand the ensembles in; the analysis reads whatever pairs they hold
//! so far (a progressive ranking while runs go on).
//!
//! One file of about 600 lines: the plan of steps, the sweep of their runs, the ranking and its
//! sentence and chart are one question's parts, read in that order (its tests are in `tests.rs`).

use parcours_engine::stats::estimate;
use parcours_engine::{
    compare, Difference, Ensemble, Estimate, HeadlineId, Label, Replication, Scenario,
    SystemHeadline,
};
use serde::{Deserialize, Serialize};

use crate::i18n::numbers::{format_sig, signed};
use crate::i18n::{t, Lang, Msg};
use crate::insight::{card_step, difference_text_at, judge, Verdict};
use crate::levers::{apply, levers_of, LeverId, Settings};
use crate::measures::{
    Better, Headline, DALO_PAST_DEADLINE, HOUSEHOLD_DAYS, RETURNS_TO_STREET, SHARE_HOUSED_12M,
    WITHOUT_SOLUTION,
};

/// The objectives a ranking can be made on, the default first: each has a direction that is
/// better for households.
pub const OBJECTIVES: [Headline; 5] = [
    HOUSEHOLD_DAYS,
    WITHOUT_SOLUTION,
    SHARE_HOUSED_12M,
    DALO_PAST_DEADLINE,
    RETURNS_TO_STREET,
];

/// The objective whose engine id is `code` (`household_days_without_solution_per_year`…).
pub fn objective(code: &str) -> Option<Headline> {
    OBJECTIVES.iter().copied().find(|h| h.code() == code)
}

/// Euros a year the gain per cost is counted for.
pub const COST_UNIT: f64 = 100_000.0;

/// A step whose yearly cost is below this is counted as free: the scenario gives the lever no
/// cost of its own (allocations without a cost per allocation), and the few euros it moves
/// elsewhere (prevention cases, accompaniment) are not its price — a ratio to them would rank
/// it by noise.
pub const FREE_BELOW: f64 = 1_000.0;

/// The step a lever is moved by, in its unit; `None` for the arrival trend, which is an
/// assumption about demand, not something a planner funds.
pub fn step_size(id: &LeverId) -> Option<f64> {
    match id {
        LeverId::Places(_) => Some(10.0),
        LeverId::Winter(_) => Some(20.0),
        LeverId::Slots(_) => Some(20.0),
        LeverId::Allocations(_) => Some(2.0),
        LeverId::Prevention => Some(10.0),
        LeverId::Trend => None,
    }
}

/// One lever moved by its step, from its current value (the settings', else the network's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub lever: LeverId,
    /// The label of the stage or pool it acts on (for its name in either language).
    pub on: Option<Label>,
    pub from: f64,
    pub to: f64,
}

impl Step {
    /// « Places — CHRS insertion +10 ».
    pub fn label(&self, lang: Lang) -> String {
        t(
            lang,
            Msg::MarginalStep {
                lever: &self.lever.label(self.on.as_ref(), lang),
                by: &signed(lang, self.to - self.from),
            },
        )
        .into_owned()
    }
}

/// What to run: the scenario shown, then one scenario per step, all on the same seed and
/// replication indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub base: Scenario,
    pub steps: Vec<Step>,
    /// `steps[k]` applied: the scenario to run against `base`.
    pub scenarios: Vec<Scenario>,
}

impl Plan {
    /// Every scenario to run, the base first: the order of the ensembles [`rank`] expects.
    pub fn all(&self) -> impl Iterator<Item = &Scenario> {
        std::iter::once(&self.base).chain(&self.scenarios)
    }
}

/// The steps of every lever of `network` with `settings` applied. A step goes beyond the
/// slider's upper bound when the lever is already there: the bound is the panel's, not the
/// model's.
pub fn plan(network: &Scenario, settings: &Settings) -> Plan {
    let mut steps = Vec::new();
    let mut scenarios = Vec::new();
    for lever in levers_of(network) {
        let Some(by) = step_size(&lever.id) else {
            continue;
        };
        let from = settings
            .values
            .get(&lever.id)
            .copied()
            .unwrap_or(lever.baseline);
        let to = from + by;
        scenarios.push(apply(
            network,
            &settings.with(&lever.id, to, lever.baseline),
        ));
        steps.push(Step {
            lever: lever.id,
            on: lever.on,
            from,
            to,
        });
    }
    Plan {
        base: apply(network, settings),
        steps,
        scenarios,
    }
}

/// What the levers are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    /// The gain of one step.
    Step,
    /// The gain per 100 k€ a year of the step's cost; steps that cost nothing or save money
    /// come after, by their gain.
    Cost,
}

/// One lever's step, measured against the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverEffect {
    pub step: Step,
    /// The objective, step − scenario, paired (the engine's `compare`).
    pub effect: Difference,
    /// `cost_per_year`, step − scenario, paired.
    pub cost: Option<Difference>,
    /// The effect turned so that more is better for households, with its 95 % interval.
    pub gain: Estimate,
    /// `gain` per 100 k€ a year of the step's mean cost; `None` when the step costs less than
    /// [`FREE_BELOW`] or saves money (a ratio to a cost ≤ 0 ranks nothing).
    pub gain_per_100k: Option<Estimate>,
    /// The page's verdict on the effect (complete, notable and outside the noise).
    pub verdict: Verdict,
}

/// The best lever against the second: the paired difference of their gains (in the ranking's
/// unit) over the replications both have.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    pub difference: Estimate,
    /// Its interval is above 0: the best is clearly ahead.
    pub clear: bool,
}

/// The levers ranked, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// The objective's engine id.
    pub objective: SystemHeadline,
    pub rank_by: RankBy,
    /// Replications the scenario and every step have in common.
    pub pairs: usize,
    pub levers: Vec<LeverEffect>,
    pub lead: Option<Lead>,
}

impl Ranking {
    /// The objective it ranks on.
    pub fn headline(&self) -> Option<Headline> {
        OBJECTIVES.iter().find(|h| h.id == self.objective).copied()
    }
}

/// A lever's effect on `objective`, at three significant digits of the effect itself (the
/// baseline's would round a step's effect away), with its 95 % interval.
pub fn effect_text(lang: Lang, objective: &Headline, e: &LeverEffect) -> String {
    let step = card_step(objective, &[e.effect.difference.mean.map(f64::abs)]);
    difference_text_at(lang, objective, &e.effect.difference, step).unwrap_or_default()
}

/// The gain for households per 100 k€ a year of the step, with its 95 % interval; `None` for a
/// step that costs nothing (or saves money).
pub fn per_100k_text(lang: Lang, objective: &Headline, e: &LeverEffect) -> Option<String> {
    let g = e.gain_per_100k.as_ref()?;
    let step = card_step(objective, &[g.mean.map(f64::abs)]);
    difference_text_at(lang, objective, g, step)
}

/// The step's yearly cost (« 512 k€ »), `None` when it is counted as free ([`FREE_BELOW`]).
pub fn step_cost_text(lang: Lang, e: &LeverEffect) -> Option<String> {
    let cost = e.cost.as_ref()?.difference.mean?;
    e.gain_per_100k
        .as_ref()
        .map(|_| format!("{} k€", format_sig(lang, cost / 1000.0)))
}

/// Ranks the steps of `plan` from the ensembles of its scenarios, in [`Plan::all`]'s order.
/// Every ensemble must share the seed; only replication indices present in all of them count.
/// `complete`: the runs are over (before, verdicts are provisional).
pub fn rank(
    steps: &[Step],
    ensembles: &[Ensemble],
    objective: &Headline,
    rank_by: RankBy,
    complete: bool,
) -> Result<Ranking, String> {
    let Some((base, alts)) = ensembles.split_first() else {
        return Err("no run to rank".into());
    };
    if alts.len() != steps.len() {
        return Err(format!(
            "{} steps but {} runs of them",
            steps.len(),
            alts.len()
        ));
    }
    let common = common_indices(base, alts);
    let only_common = |e: &Ensemble| restricted(e, &common);
    let base_c = only_common(base);
    let id = HeadlineId::from(objective.id);
    let sign = gain_sign(objective);
    let mut levers = Vec::new();
    // Each lever's gain per replication, in the ranking's unit (None: not rankable by it).
    let mut scores: Vec<Option<Vec<f64>>> = Vec::new();
    for (step, alt) in steps.iter().zip(alts) {
        let alt_c = only_common(alt);
        let cmp = compare(&base_c, &alt_c)?;
        let effect = cmp
            .difference(&id)
            .cloned()
            .ok_or_else(|| format!("the runs have no {}", objective.code()))?;
        let cost = cmp
            .difference(&HeadlineId::from(SystemHeadline::CostPerYear))
            .cloned();
        let gain = scaled(&effect.difference, sign);
        let per_euro = cost
            .as_ref()
            .and_then(|c| c.difference.mean)
            .filter(|c| *c >= FREE_BELOW)
            .map(|c| COST_UNIT / c);
        let gain_per_100k = per_euro.map(|k| scaled(&gain, k));
        let per_pair = paired_gains(&id, base, alt, &common, sign);
        scores.push(match rank_by {
            RankBy::Step => Some(per_pair),
            RankBy::Cost => per_euro.map(|k| per_pair.iter().map(|g| g * k).collect()),
        });
        levers.push(LeverEffect {
            step: step.clone(),
            verdict: judge(objective, &effect, complete),
            effect,
            cost,
            gain,
            gain_per_100k,
        });
    }
    let means: Vec<Option<f64>> = scores
        .iter()
        .map(|xs| estimate((), xs.as_deref()?).mean)
        .collect();
    let gains: Vec<Option<f64>> = levers.iter().map(|l| l.gain.mean).collect();
    let order = ranked_order(&means, &gains);
    let lead = match order.as_slice() {
        [a, b, ..] => match (&scores[*a], &scores[*b]) {
            (Some(x), Some(y)) => {
                let d: Vec<f64> = x
                    .iter()
                    .zip(y)
                    .map(|(x, y)| x - y)
                    .filter(|d| !d.is_nan())
                    .collect();
                let difference = estimate(objective.key(), &d);
                let clear = difference.ci_low.is_some_and(|lo| lo > 0.0);
                Some(Lead { difference, clear })
            }
            _ => None,
        },
        _ => None,
    };
    let mut slots: Vec<Option<LeverEffect>> = levers.into_iter().map(Some).collect();
    Ok(Ranking {
        objective: objective.id,
        rank_by,
        pairs: common.len(),
        levers: order
            .iter()
            .map(|&k| slots[k].take().expect("once"))
            .collect(),
        lead,
    })
}

/// The order of levers of mean scores `scores` (`None`: not rankable in the ranking's unit) and
/// gains `gains`: rankable levers by their score, then the others by their gain; ties keep the
/// levers' order (pathway order), so the ranking is the same on every machine.
pub(crate) fn ranked_order(scores: &[Option<f64>], gains: &[Option<f64>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| {
        scores[b]
            .is_some()
            .cmp(&scores[a].is_some())
            .then_with(|| desc(scores[a], scores[b]))
            .then_with(|| desc(gains[a], gains[b]))
    });
    order
}

/// The replication indices `base` and every one of `alts` hold: the pairs of a paired analysis.
pub(crate) fn common_indices(base: &Ensemble, alts: &[Ensemble]) -> Vec<u64> {
    base.replications
        .keys()
        .copied()
        .filter(|i| alts.iter().all(|e| e.replications.contains_key(i)))
        .collect()
}

/// `e` with the replications of `indices` only.
pub(crate) fn restricted(e: &Ensemble, indices: &[u64]) -> Ensemble {
    Ensemble {
        layout: e.layout.clone(),
        seed: e.seed,
        replications: indices
            .iter()
            .map(|i| (*i, e.replications[i].clone()))
            .collect(),
    }
}

/// What turns an objective's change into a gain for households (more is better).
pub(crate) fn gain_sign(objective: &Headline) -> f64 {
    match objective.better {
        Better::Higher => 1.0,
        _ => -1.0,
    }
}

/// Descending order of optional figures, unknown last.
fn desc(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// `e` multiplied by `k` (its interval reordered when `k` < 0).
fn scaled(e: &Estimate, k: f64) -> Estimate {
    // `+ 0.0` turns a −0 (no effect, turned) into 0.
    let (lo, hi) = (
        e.ci_low.map(|x| x * k + 0.0),
        e.ci_high.map(|x| x * k + 0.0),
    );
    let (lo, hi) = if k < 0.0 { (hi, lo) } else { (lo, hi) };
    Estimate {
        id: e.id.clone(),
        mean: e.mean.map(|x| x * k + 0.0),
        ci_low: lo,
        ci_high: hi,
        n: e.n,
    }
}

/// The gain of each common replication: sign × (step − scenario); NaN where the objective is
/// undefined in either.
pub(crate) fn paired_gains(
    id: &HeadlineId,
    base: &Ensemble,
    alt: &Ensemble,
    common: &[u64],
    sign: f64,
) -> Vec<f64> {
    let value = |e: &Ensemble, r: &Replication| {
        e.layout
            .headline_index(id)
            .map_or(f64::NAN, |k| r.headlines[k])
    };
    common
        .iter()
        .map(|i| {
            let (a, b) = (&base.replications[i], &alt.replications[i]);
            sign * (value(alt, b) - value(base, a))
        })
        .collect()
}

/// The ranking's sentence: the best lever, its effect and its interval, and whether it is
/// clearly ahead of the second (or that no step has an effect outside the noise).
pub fn sentence(lang: Lang, ranking: &Ranking) -> String {
    let Some(objective) = ranking.headline() else {
        return String::new();
    };
    let Some(best) = ranking.levers.first() else {
        return t(lang, Msg::MarginalNoLever).into_owned();
    };
    if !best.gain.ci_low.is_some_and(|lo| lo > 0.0) {
        return t(
            lang,
            Msg::MarginalNoEffect {
                objective: &t(lang, objective.name),
            },
        )
        .into_owned();
    }
    let mut out = t(
        lang,
        Msg::MarginalBest {
            step: &best.step.label(lang),
            objective: &t(lang, objective.name),
            effect: &effect_text(lang, &objective, best),
        },
    )
    .into_owned();
    if let (Some(second), Some(lead)) = (ranking.levers.get(1), &ranking.lead) {
        let gap = |x: Option<f64>| {
            x.map_or("–".into(), |x| {
                format_sig(lang, x * objective.format.scale())
            })
        };
        let msg = Msg::MarginalLead {
            clear: lead.clear,
            second: &second.step.label(lang),
            gap: &gap(lead.difference.mean),
            low: &gap(lead.difference.ci_low),
            high: &gap(lead.difference.ci_high),
            per_cost: ranking.rank_by == RankBy::Cost,
        };
        out.push(' ');
        out.push_str(&t(lang, msg));
    }
    out
}

/// The settings with `step` taken from the lever's current value (the step's size, not its
/// recorded end: the settings may have moved since the analysis ran). `None` when the network
/// has no such lever any more.
pub fn apply_step(network: &Scenario, settings: &Settings, step: &Step) -> Option<Settings> {
    let lever = levers_of(network)
        .into_iter()
        .find(|l| l.id == step.lever)?;
    let current = settings
        .values
        .get(&lever.id)
        .copied()
        .unwrap_or(lever.baseline);
    Some(settings.with(&lever.id, current + (step.to - step.from), lever.baseline))
}

/// Replications the page runs per scenario at a time: after each round every step has as many
/// pairs as the scenario, and the ranking is redrawn.
pub const ROUND: u64 = 10;

/// A run of the sweep: scenario `scenario` of the plan (0: the base) over `first..first+count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Task {
    pub scenario: usize,
    pub first: u64,
    pub count: u64,
}

/// The page's sweep: every scenario of a plan over replications `0..total`, round by round
/// ([`ROUND`] indices of each scenario, the base first), so that a ranking of every lever is
/// there after the first round and sharpens with each.
#[derive(Debug, Clone)]
pub struct Sweep {
    pub ensembles: Vec<Ensemble>,
    pub total: u64,
    next: usize,
}

impl Sweep {
    /// `layouts`: one per scenario of the plan, in [`Plan::all`]'s order.
    pub fn new(layouts: Vec<parcours_engine::Layout>, seed: u64, total: u64) -> Sweep {
        Sweep {
            ensembles: layouts
                .into_iter()
                .map(|l| Ensemble::new(l, seed))
                .collect(),
            total,
            next: 0,
        }
    }

    /// The next run to start, or `None` when every one has been handed out.
    pub fn next_task(&mut self) -> Option<Task> {
        let n = self.ensembles.len().max(1);
        let (round, scenario) = (self.next / n, self.next % n);
        let first = round as u64 * ROUND;
        if first >= self.total || self.ensembles.is_empty() {
            return None;
        }
        self.next += 1;
        Some(Task {
            scenario,
            first,
            count: ROUND.min(self.total - first),
        })
    }

    pub fn add(&mut self, scenario: usize, replications: Vec<Replication>) {
        if let Some(e) = self.ensembles.get_mut(scenario) {
            for r in replications {
                e.add(r);
            }
        }
    }

    /// Replications every scenario has (the pairs of the ranking so far).
    pub fn done(&self) -> usize {
        self.ensembles.iter().map(Ensemble::len).min().unwrap_or(0)
    }

    pub fn is_complete(&self) -> bool {
        self.done() as u64 >= self.total
    }
}

/// One bar of the ranked chart: the gain (more is better for households) with its whiskers.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

/// The ranked chart's data, best first, in the unit the levers are ranked by (shares in
/// points); levers without a figure in that unit (free steps, ranked by cost) are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub bars: Vec<Bar>,
    pub axis: String,
}

pub fn chart(lang: Lang, ranking: &Ranking) -> Chart {
    let scale = ranking.headline().map_or(1.0, |h| h.format.scale());
    let bars = ranking
        .levers
        .iter()
        .filter_map(|l| {
            let e = match ranking.rank_by {
                RankBy::Step => Some(&l.gain),
                RankBy::Cost => l.gain_per_100k.as_ref(),
            }?;
            let mean = e.mean? * scale;
            Some(Bar {
                label: l.step.label(lang),
                mean,
                low: e.ci_low.map_or(mean, |x| x * scale),
                high: e.ci_high.map_or(mean, |x| x * scale),
            })
        })
        .collect();
    chart_of(lang, ranking.rank_by, bars)
}

/// The chart of `bars`, with the axis of `rank_by`.
fn chart_of(lang: Lang, rank_by: RankBy, bars: Vec<Bar>) -> Chart {
    Chart {
        bars,
        axis: t(
            lang,
            Msg::MarginalAxis {
                per_cost: rank_by == RankBy::Cost,
            },
        )
        .into_owned(),
    }
}

/// What the page shows of an analysis: plain data for its panel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    /// The scenario analysed, the page's own (a lever moved since makes the ranking out of
    /// date).
    pub of: Option<crate::state::Same<Scenario>>,
    pub ranking: Option<std::rc::Rc<Ranking>>,
    /// The first ranking, from the fluid model, shown until `ranking` arrives, or why there is
    /// none; `None` while the search worker computes it.
    pub fluid: Option<Result<std::rc::Rc<FluidRanking>, NoFluid>>,
    /// Replications every scenario has, of `total` each.
    pub done: usize,
    pub total: usize,
    pub running: bool,
    /// Stopped by the planner before the end: the ranking so far is partial.
    pub cancelled: bool,
    pub error: Option<crate::runs::RunError>,
}

mod fluid;
pub use fluid::{
    fluid_chart, fluid_effect_text, fluid_plan, fluid_rank, fluid_sentence, FluidEffect, FluidPlan,
    FluidRanking, NoFluid,
};

#[cfg(test)]
pub(crate) mod tests;
