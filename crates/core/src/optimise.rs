//! The budget optimiser (issue 13 item 3, MODEL.md 16.7): with a yearly budget, the levers
//! allowed and their bounds (and optionally how many places can open a year), the mix of lever
//! amounts that best serves an objective; the cost–outcome front; and the best few mixes re-run
//! on the simulation under common random numbers, with a ranking-and-selection verdict on
//! whether the best is distinguishable from the runner-up.
//!
//! The search moves each lever on a grid of its « Où agir ? » steps ([`step_size`]), costed from
//! the scenario's own prices ([`unit_cost`]). Mixes are scored by an [`Evaluate`]: the fluid
//! approximation ([`Surrogate`], a few milliseconds a mix) where it computes the objective and
//! is reliable, else the simulation with fewer replications ([`Simulated`]). Small spaces are
//! searched exhaustively, larger ones greedily by gain per euro with pair moves after.
//!
//! Plain data and arithmetic: the command line runs the replications through the closure
//! [`Simulated`] is given; the page's search worker runs the whole search in its own thread
//! ([`search_in_thread`]) and its pool the finals, whose ensembles [`select`] ranks.

use std::collections::BTreeMap;

use parcours_engine::fluid::fluid;
use parcours_engine::stats::{estimate, t_quantile};
use parcours_engine::{
    compare, simulate, Ensemble, Estimate, HeadlineId, Model, Scenario, StageKind, SystemHeadline,
    MONTH_DAYS,
};
use serde::{Deserialize, Serialize};

use crate::i18n::numbers::{format_grouped, format_int, format_num, format_sig};
use crate::i18n::{semicolon, t, Lang, Localized, Msg};
use crate::levers::{levers_of, LeverId, Opening, Settings};
use crate::marginal::{common_indices, gain_sign, paired_gains, restricted, step_size};
use crate::measures::{Better, Headline};
use crate::preview::headline_value;
use crate::target::{settings_with, with_amounts, Allowed, DAYS_PER_YEAR};

/// Months a year winter places are open (1 November to 1 April, MODEL.md 6).
pub const WINTER_MONTHS: f64 = 5.0;

/// Points of the cost–outcome front: budgets 0, 1/(n−1), …, 1 of the budget.
pub const FRONT_POINTS: usize = 6;

/// Mixes re-run on the full simulation.
pub const FINALISTS: usize = 4;

/// Spaces of at most this many mixes are searched exhaustively (every mix is evaluated once and
/// serves every budget of the front): 1 000 fluid evaluations take about 3 s on the default
/// territory.
pub const EXHAUSTIVE_LIMIT: usize = 1_000;
/// The same on the simulation: 100 mixes of 10 replications take about 30 s of one core on the
/// default territory.
pub const EXHAUSTIVE_LIMIT_SIMULATION: usize = 100;

/// Joint confidence of the selection's intervals (Bonferroni over the comparisons of the best
/// with each other finalist).
pub const CONFIDENCE: f64 = 0.95;

/// Euros a year of one unit of a lever (a place, a winter place, a slot, an allocation a month,
/// a prevention case a month) at the scenario's prices: what funding it costs when it is used
/// fully. `None` for the arrival trend (not funded) or a lever the scenario does not have.
pub fn unit_cost(s: &Scenario, id: &LeverId) -> Option<f64> {
    let stage = |sid: &str| s.stages.iter().find(|st| st.id == sid).map(|st| &st.kind);
    match id {
        LeverId::Places(sid) => match stage(sid)? {
            StageKind::Places(p) => Some(p.cost_per_place_day * DAYS_PER_YEAR),
            _ => None,
        },
        LeverId::Winter(sid) => match stage(sid)? {
            StageKind::Places(p) => Some(p.cost_per_place_day * WINTER_MONTHS * MONTH_DAYS),
            _ => None,
        },
        LeverId::Slots(pool) => s
            .accompaniment
            .iter()
            .find(|p| &p.id == pool)
            .map(|p| p.cost_per_slot_year),
        LeverId::Allocations(sid) => match stage(sid)? {
            StageKind::Allocation(a) => Some(a.cost_per_allocation * 12.0),
            _ => None,
        },
        LeverId::Prevention => s.prevention.as_ref().map(|p| p.cost_per_case * 12.0),
        LeverId::Trend => None,
    }
}

/// A lever the search may move, on the grid of its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The lever (its value in the scenario: `lever.baseline`) and its bounds.
    pub allowed: Allowed,
    /// The step of « Où agir ? » ([`step_size`]).
    pub step: f64,
    /// Euros a year of one unit ([`unit_cost`]).
    pub unit_cost: f64,
    /// The values searched: the scenario's value moved by whole steps within the bounds, and
    /// the bounds themselves, ascending.
    pub values: Vec<f64>,
}

impl Grid {
    /// Lever `id` of `network` between `bounds` (its values, as on the levers' panel), by
    /// default from its value in the scenario to the panel's upper bound.
    pub fn new(
        network: &Scenario,
        id: &LeverId,
        bounds: Option<(f64, f64)>,
    ) -> Result<Grid, String> {
        let lever = levers_of(network)
            .into_iter()
            .find(|l| &l.id == id)
            .ok_or_else(|| format!("{id}: not a lever of this scenario"))?;
        let (Some(step), Some(unit_cost)) = (step_size(id), unit_cost(network, id)) else {
            return Err(format!(
                "{id}: an assumption about demand, not something a budget funds"
            ));
        };
        let (min, max) = bounds.unwrap_or((lever.baseline, lever.max.max(lever.baseline)));
        if !(min.is_finite() && max.is_finite()) || min < 0.0 || min > max {
            return Err(format!(
                "{id}={min}..{max}: the bounds must be numbers with 0 ≤ MIN ≤ MAX"
            ));
        }
        let mut values = vec![min];
        let k0 = ((min - lever.baseline) / step).floor() as i64;
        for k in k0.. {
            let v = lever.baseline + k as f64 * step;
            if v >= max - 1e-9 {
                break;
            }
            if v > min + 1e-9 {
                values.push(v);
            }
        }
        if max > min + 1e-9 {
            values.push(max);
        }
        Ok(Grid {
            allowed: Allowed { lever, min, max },
            step,
            unit_cost,
            values,
        })
    }

    pub fn id(&self) -> &LeverId {
        &self.allowed.lever.id
    }

    /// Its value in the scenario.
    pub fn baseline(&self) -> f64 {
        self.allowed.lever.baseline
    }

    pub fn label(&self, lang: Lang) -> String {
        self.allowed.lever.label(lang)
    }

    /// The grid index nearest the scenario's value.
    fn start(&self) -> usize {
        let mut best = 0;
        for (k, v) in self.values.iter().enumerate() {
            if (v - self.baseline()).abs() < (self.values[best] - self.baseline()).abs() {
                best = k;
            }
        }
        best
    }
}

/// A mix: one grid index per allowed lever, in the problem's order.
pub type Mix = Vec<usize>;

/// What to optimise.
#[derive(Debug, Clone)]
pub struct Problem {
    pub network: Scenario,
    pub levers: Vec<Grid>,
    /// Euros a year the mix may add to the scenario's cost (a lever lowered frees its cost).
    pub budget: f64,
    /// Places that can open a year, all place levers together: the places a mix adds open as
    /// dated openings, year after year, instead of on day 0.
    pub open_per_year: Option<u32>,
    pub objective: Headline,
}

/// An opening of the schedule, with its year (1 for the first) for the reader.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scheduled {
    pub year: u32,
    pub stage: String,
    /// Months after the scenario's start.
    pub month: u32,
    pub places: i64,
}

impl Problem {
    pub fn new(
        network: Scenario,
        levers: Vec<Grid>,
        budget: f64,
        open_per_year: Option<u32>,
        objective: Headline,
    ) -> Result<Problem, String> {
        if !budget.is_finite() || budget < 0.0 {
            return Err(format!("budget {budget}: must be a number of euros ≥ 0"));
        }
        if levers.is_empty() {
            return Err("no lever allowed: name at least one".into());
        }
        for (k, l) in levers.iter().enumerate() {
            if levers[..k].iter().any(|o| o.id() == l.id()) {
                return Err(format!("{}: allowed twice", l.id()));
            }
        }
        Ok(Problem {
            network,
            levers,
            budget,
            open_per_year,
            objective,
        })
    }

    /// The mix's values, lever by lever.
    pub fn values(&self, mix: &[usize]) -> Vec<f64> {
        self.levers
            .iter()
            .zip(mix)
            .map(|(l, &k)| l.values[k])
            .collect()
    }

    /// Euros a year the mix adds to the scenario, once every place has opened.
    pub fn cost(&self, mix: &[usize]) -> f64 {
        self.levers
            .iter()
            .zip(mix)
            .map(|(l, &k)| (l.values[k] - l.baseline()) * l.unit_cost)
            .sum()
    }

    /// The scenario's own values (the grid point nearest each).
    pub fn start(&self) -> Mix {
        self.levers.iter().map(Grid::start).collect()
    }

    /// The places the mix adds, opened at most `open_per_year` a year (the first year's when
    /// the reporting window starts, after the warm-up, then on each anniversary), stage by
    /// stage in the levers' order; openings past the horizon are kept (the reader is told they
    /// never happen in the run). Empty without a cap.
    pub fn schedule(&self, mix: &[usize]) -> Vec<Scheduled> {
        let Some(cap) = self.open_per_year else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let first = self.network.warmup_months.max(0.0).round() as u32;
        let (mut year, mut left) = (0u32, cap as i64);
        for (l, &k) in self.levers.iter().zip(mix) {
            let LeverId::Places(stage) = l.id() else {
                continue;
            };
            let mut to_open = (l.values[k] - l.baseline()).round() as i64;
            while to_open > 0 {
                if left == 0 {
                    year += 1;
                    left = cap as i64;
                    if cap == 0 {
                        break;
                    }
                }
                let n = to_open.min(left);
                out.push(Scheduled {
                    year: year + 1,
                    stage: stage.clone(),
                    month: first + year * 12,
                    places: n,
                });
                to_open -= n;
                left -= n;
            }
        }
        out
    }

    /// Places of the schedule that open after the horizon (never in the run).
    pub fn beyond_horizon(&self, mix: &[usize]) -> i64 {
        let months = self.network.horizon_months;
        self.schedule(mix)
            .iter()
            .filter(|o| o.month as f64 >= months)
            .map(|o| o.places)
            .sum()
    }

    /// The levers' settings of the mix: values, and the schedule's openings for the places it
    /// adds when openings are capped.
    pub fn settings(&self, mix: &[usize]) -> Settings {
        let (openings, amounts) = self.openings_and_amounts(mix);
        settings_with(&self.network, &openings, &amounts)
    }

    /// `settings` of `network` (whose levers applied make this problem's scenario) with the mix
    /// applied: each lever at the mix's value, and the schedule's openings added. What the
    /// page's « Appliquer » gives the levers.
    pub fn applied(&self, mix: &[usize], network: &Scenario, settings: &Settings) -> Settings {
        let (openings, amounts) = self.openings_and_amounts(mix);
        let mut s = settings_with(network, settings, &amounts);
        s.openings.extend(openings.openings);
        s
    }

    pub fn scenario(&self, mix: &[usize]) -> Scenario {
        let (openings, amounts) = self.openings_and_amounts(mix);
        with_amounts(&self.network, &openings, &amounts)
    }

    /// The schedule's openings (as settings), and the amounts of the levers set directly: all
    /// but the places the schedule opens.
    fn openings_and_amounts(&self, mix: &[usize]) -> (Settings, Vec<(LeverId, f64)>) {
        let amounts = self
            .levers
            .iter()
            .zip(mix)
            .map(|(l, &k)| (l, l.values[k]))
            .filter(|(l, v)| {
                let scheduled =
                    self.open_per_year.is_some() && matches!(l.id(), LeverId::Places(_));
                !(scheduled && *v > l.baseline())
            })
            .map(|(l, v)| (l.id().clone(), v))
            .collect();
        let openings = Settings {
            openings: self
                .schedule(mix)
                .into_iter()
                .map(|o| Opening {
                    stage: o.stage,
                    month: o.month,
                    places: o.places,
                })
                .collect(),
            ..Settings::default()
        };
        (openings, amounts)
    }

    /// The objective turned so that more is better for households.
    fn score(&self, value: f64) -> f64 {
        match self.objective.better {
            Better::Higher => value,
            _ => -value,
        }
    }
}

/// One evaluated mix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// The objective, in the engine's unit.
    pub value: f64,
    /// False where the evaluator's figure is not to be trusted (the fluid approximation near
    /// saturation or with strong blocking).
    pub reliable: bool,
}

/// What scores mixes: the fluid approximation or the simulation.
pub trait Evaluate {
    /// The objective of each scenario, in order; `None` where the evaluator cannot compute it.
    fn evaluate(&mut self, scenarios: &[Scenario]) -> Result<Vec<Option<Evaluation>>, String>;
    /// Replications a mix, for the simulation.
    fn replications(&self) -> Option<u64> {
        None
    }
}

/// The fluid approximation (MODEL.md 16.6) as the search's fast surrogate: the households
/// without a solution as the preview reads them (`preview::headline_value`), hence their
/// household-days.
pub struct Surrogate {
    pub objective: SystemHeadline,
}

impl Surrogate {
    /// Whether the approximation computes `objective`.
    pub fn computes(objective: SystemHeadline) -> bool {
        matches!(
            objective,
            SystemHeadline::WithoutSolution | SystemHeadline::HouseholdDaysWithoutSolutionPerYear
        )
    }
}

impl Evaluate for Surrogate {
    fn evaluate(&mut self, scenarios: &[Scenario]) -> Result<Vec<Option<Evaluation>>, String> {
        scenarios
            .iter()
            .map(|s| {
                let model = Model::new(s).map_err(|errors| {
                    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                    format!("a mix is not a valid scenario: {}", text.join("; "))
                })?;
                let f = fluid(&model);
                let without = headline_value(&SystemHeadline::WithoutSolution.into(), &f);
                let value = match self.objective {
                    SystemHeadline::WithoutSolution => without,
                    // Household-days as the engine counts them: the mean over a year of days
                    // (not a figure the page's preview shows).
                    SystemHeadline::HouseholdDaysWithoutSolutionPerYear => {
                        without.map(|x| x * DAYS_PER_YEAR)
                    }
                    _ => None,
                };
                Ok(value.map(|value| Evaluation {
                    value,
                    reliable: f.reliable,
                }))
            })
            .collect()
    }
}

/// The simulation as the search's evaluator: `run` runs the same replications (seed and
/// indices) of each scenario and the objective is their mean, so mixes are compared under
/// common random numbers.
pub struct Simulated<F> {
    pub objective: SystemHeadline,
    /// Replications `run` runs of each scenario (for the reader).
    pub replications: u64,
    pub run: F,
}

impl<F> Evaluate for Simulated<F>
where
    F: FnMut(&[Scenario]) -> Result<Vec<Ensemble>, String>,
{
    fn replications(&self) -> Option<u64> {
        Some(self.replications)
    }
    fn evaluate(&mut self, scenarios: &[Scenario]) -> Result<Vec<Option<Evaluation>>, String> {
        let id = HeadlineId::from(self.objective);
        Ok((self.run)(scenarios)?
            .iter()
            .map(|e| {
                let k = e.layout.headline_index(&id)?;
                let xs: Vec<f64> = e
                    .replications
                    .values()
                    .map(|r| r.headlines[k])
                    .filter(|v| !v.is_nan())
                    .collect();
                estimate((), &xs).mean.map(|value| Evaluation {
                    value,
                    reliable: true,
                })
            })
            .collect())
    }
}

/// Replications per mix when the search runs on the simulation: a tenth of the finals', at
/// least 10 (and at most the finals').
pub fn search_replications(finals: u64) -> u64 {
    (finals / 10).max(10).min(finals)
}

/// How the search went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Every mix of the grid was evaluated.
    Exhaustive,
    /// Greedy by gain per euro from the scenario, then pair moves until none improves.
    Greedy,
}

/// The mixes evaluated so far (each once), and the search's results.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub evaluated: BTreeMap<Mix, Evaluation>,
}

/// A point of the cost–outcome front.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontPoint {
    /// The budget of this point, euros a year.
    pub budget: f64,
    pub mix: Mix,
    /// The mix's cost, euros a year (≤ `budget`).
    pub cost: f64,
    /// The evaluator's objective for the mix.
    pub value: f64,
}

impl Search {
    /// The evaluations of `mixes` not evaluated yet, in one batch.
    fn fill(&mut self, p: &Problem, mixes: &[Mix], eval: &mut dyn Evaluate) -> Result<(), String> {
        let todo: std::collections::BTreeSet<Mix> = mixes
            .iter()
            .filter(|m| !self.evaluated.contains_key(*m))
            .cloned()
            .collect();
        if todo.is_empty() {
            return Ok(());
        }
        let scenarios: Vec<Scenario> = todo.iter().map(|m| p.scenario(m)).collect();
        let values = eval.evaluate(&scenarios)?;
        for (m, v) in todo.into_iter().zip(values) {
            let v =
                v.ok_or_else(|| format!("the evaluator does not compute {}", p.objective.code()))?;
            self.evaluated.insert(m, v);
        }
        Ok(())
    }

    fn score(&self, p: &Problem, m: &Mix) -> f64 {
        self.evaluated
            .get(m)
            .map_or(f64::NEG_INFINITY, |e| p.score(e.value))
    }

    /// The best evaluated mix costing at most `budget`: the highest score, then the cheapest,
    /// then the first in grid order (the same on every machine).
    pub fn best_within(&self, p: &Problem, budget: f64) -> Option<Mix> {
        let mut best: Option<(&Mix, f64, f64)> = None;
        for (m, e) in &self.evaluated {
            let cost = p.cost(m);
            if cost > budget + 1e-6 {
                continue;
            }
            let s = p.score(e.value);
            if s.is_nan() {
                continue;
            }
            let better = match best {
                None => true,
                Some((_, bs, bc)) => s > bs || (s == bs && cost < bc),
            };
            if better {
                best = Some((m, s, cost));
            }
        }
        best.map(|(m, _, _)| m.clone())
    }

    /// Searches the mixes within `budget` by `strategy`; the best is then [`Self::best_within`].
    pub fn run(
        &mut self,
        p: &Problem,
        budget: f64,
        strategy: Strategy,
        eval: &mut dyn Evaluate,
    ) -> Result<(), String> {
        match strategy {
            Strategy::Exhaustive => {
                let all: Vec<Mix> = every_mix(p)
                    .into_iter()
                    .filter(|m| p.cost(m) <= budget + 1e-6)
                    .collect();
                self.fill(p, &all, eval)
            }
            Strategy::Greedy => self.greedy(p, budget, eval),
        }
    }

    fn greedy(&mut self, p: &Problem, budget: f64, eval: &mut dyn Evaluate) -> Result<(), String> {
        let fits = |m: &Mix| p.cost(m) <= budget + 1e-6;
        let mut at = p.start();
        // From the cheapest mix when the scenario's own values are over the budget (bounds
        // above them, or a budget below 0 of savings).
        if !fits(&at) {
            at = p
                .levers
                .iter()
                .map(|l| if l.unit_cost > 0.0 { 0 } else { l.start() })
                .collect();
            if !fits(&at) {
                return Ok(());
            }
        }
        self.fill(p, std::slice::from_ref(&at), eval)?;
        // Greedy: the single step up with the best gain per euro (free steps by their gain).
        loop {
            let moves: Vec<Mix> = (0..at.len())
                .filter_map(|i| shifted(p, &at, &[(i, 1)]))
                .filter(|m| fits(m))
                .collect();
            self.fill(p, &moves, eval)?;
            let here = self.score(p, &at);
            let c0 = p.cost(&at);
            let key = |m: &Mix| {
                let gain = self.score(p, m) - here;
                let dc = p.cost(m) - c0;
                // Free (or saving) steps first, then by gain per euro.
                if dc <= 0.0 {
                    (1, gain)
                } else {
                    (0, gain / dc)
                }
            };
            let best = moves
                .iter()
                .filter(|m| self.score(p, m) > here)
                .max_by(|a, b| {
                    let (ka, kb) = (key(a), key(b));
                    ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
                });
            match best {
                Some(m) => at = m.clone(),
                None => break,
            }
        }
        // Pair moves: one lever up and another up or down, or one down, until none improves
        // (frees budget spent where it did little, passes bottlenecks one step cannot).
        loop {
            let n = at.len();
            let mut moves = Vec::new();
            for i in 0..n {
                moves.extend(shifted(p, &at, &[(i, -1)]));
                for j in 0..n {
                    if i != j {
                        moves.extend(shifted(p, &at, &[(i, 1), (j, -1)]));
                        if i < j {
                            moves.extend(shifted(p, &at, &[(i, 1), (j, 1)]));
                        }
                    }
                }
            }
            moves.retain(|m| fits(m));
            self.fill(p, &moves, eval)?;
            let here = self.score(p, &at);
            let best = moves
                .iter()
                .filter(|m| self.score(p, m) > here)
                .max_by(|a, b| self.score(p, a).total_cmp(&self.score(p, b)));
            match best {
                Some(m) => at = m.clone(),
                None => break,
            }
        }
        Ok(())
    }

    /// The cost–outcome front: the best mix found for [`FRONT_POINTS`] budgets from 0 to the
    /// problem's, each searched in turn. A mix within a smaller budget is within a larger one,
    /// so each point is at least as good as the one before.
    pub fn front(
        &mut self,
        p: &Problem,
        strategy: Strategy,
        eval: &mut dyn Evaluate,
    ) -> Result<Vec<FrontPoint>, String> {
        let mut out: Vec<FrontPoint> = Vec::new();
        for k in 0..FRONT_POINTS {
            let budget = p.budget * k as f64 / (FRONT_POINTS - 1) as f64;
            self.run(p, budget, strategy, eval)?;
            let Some(mix) = self.best_within(p, budget) else {
                continue;
            };
            let value = self.evaluated[&mix].value;
            let point = FrontPoint {
                budget,
                cost: p.cost(&mix),
                mix,
                value,
            };
            match out.last() {
                Some(prev) if p.score(prev.value) >= p.score(point.value) => out.push(FrontPoint {
                    budget,
                    ..prev.clone()
                }),
                _ => out.push(point),
            }
        }
        Ok(out)
    }

    /// The `count` best distinct mixes evaluated within the budget, best first.
    pub fn finalists(&self, p: &Problem, count: usize) -> Vec<Mix> {
        let mut within: Vec<(&Mix, f64, f64)> = self
            .evaluated
            .iter()
            .filter(|(m, _)| p.cost(m) <= p.budget + 1e-6)
            .map(|(m, e)| (m, p.score(e.value), p.cost(m)))
            .filter(|(_, score, _)| !score.is_nan())
            .collect();
        within.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.total_cmp(&b.2)));
        within
            .into_iter()
            .take(count)
            .map(|(m, _, _)| m.clone())
            .collect()
    }
}

/// Every mix of the grid, in grid order.
fn every_mix(p: &Problem) -> Vec<Mix> {
    let mut out = vec![Vec::new()];
    for l in &p.levers {
        out = out
            .into_iter()
            .flat_map(|m: Mix| {
                (0..l.values.len()).map(move |k| {
                    let mut m = m.clone();
                    m.push(k);
                    m
                })
            })
            .collect();
    }
    out
}

/// Mixes in the grid: the product of the levers' numbers of values (saturating).
pub fn space_size(p: &Problem) -> usize {
    p.levers
        .iter()
        .fold(1usize, |n, l| n.saturating_mul(l.values.len()))
}

/// The strategy for a problem: exhaustive up to [`EXHAUSTIVE_LIMIT`] mixes on the fluid
/// approximation, [`EXHAUSTIVE_LIMIT_SIMULATION`] on the simulation.
pub fn strategy_for(p: &Problem, on_simulation: bool) -> Strategy {
    let limit = if on_simulation {
        EXHAUSTIVE_LIMIT_SIMULATION
    } else {
        EXHAUSTIVE_LIMIT
    };
    if space_size(p) <= limit {
        Strategy::Exhaustive
    } else {
        Strategy::Greedy
    }
}

/// `at` with lever `i` moved by `d` grid points for each `(i, d)`; `None` off the grid.
fn shifted(p: &Problem, at: &[usize], moves: &[(usize, i64)]) -> Option<Mix> {
    let mut m = at.to_vec();
    for &(i, d) in moves {
        let k = m[i] as i64 + d;
        if k < 0 || k as usize >= p.levers[i].values.len() {
            return None;
        }
        m[i] = k as usize;
    }
    Some(m)
}

/// Which evaluator the search used, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The fluid approximation, reliable at the scenario and at every mix retained.
    Surrogate,
    /// The simulation with fewer replications: the approximation does not compute the
    /// objective.
    SimulationObjective,
    /// The simulation with fewer replications: the approximation is not reliable there (near
    /// saturation or with strong blocking).
    SimulationUnreliable,
}

/// The search's outcome: the front and the finalists, found by `method`. Plain data that
/// reads back to itself, so that the parts of a sweep split over machines carry the search and
/// their merge ranks its finalists without searching again, and the page's search worker sends
/// it in bincode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    pub method: Method,
    pub strategy: Strategy,
    pub front: Vec<FrontPoint>,
    pub finalists: Vec<Mix>,
    /// The evaluator's objective at the scenario's own values (the start mix).
    pub start_value: Option<f64>,
    pub evaluations: usize,
    /// Replications a mix when the search ran on the simulation.
    pub replications: Option<u64>,
    /// The evaluator's objective for the scenario's own values, the front's and the
    /// finalists' mixes.
    #[serde(with = "mix_values")]
    pub values: BTreeMap<Mix, f64>,
}

/// [`Found::values`] as a list of `[mix, value]` pairs: JSON keys are strings, a mix is not.
mod mix_values {
    use super::Mix;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(m: &BTreeMap<Mix, f64>, s: S) -> Result<S::Ok, S::Error> {
        m.iter().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<Mix, f64>, D::Error> {
        Ok(Vec::<(Mix, f64)>::deserialize(d)?.into_iter().collect())
    }
}

/// Searches on the fluid approximation where it computes the objective and is reliable at the
/// scenario and at every mix retained (front and finalists); otherwise on `simulation` (fewer
/// replications), saying why.
pub fn search(p: &Problem, simulation: &mut dyn Evaluate) -> Result<Found, String> {
    let found = |method: Method, eval: &mut dyn Evaluate| -> Result<(Found, bool), String> {
        let strategy = strategy_for(p, method != Method::Surrogate);
        let mut s = Search::default();
        let start = p.start();
        s.fill(p, std::slice::from_ref(&start), eval)?;
        let front = s.front(p, strategy, eval)?;
        let finalists = s.finalists(p, FINALISTS);
        let retained: BTreeMap<Mix, Evaluation> = std::iter::once(&start)
            .chain(front.iter().map(|f| &f.mix))
            .chain(&finalists)
            .map(|m| (m.clone(), s.evaluated[m]))
            .collect();
        let reliable = retained.values().all(|e| e.reliable);
        Ok((
            Found {
                method,
                strategy,
                front,
                finalists,
                start_value: Some(s.evaluated[&start].value),
                evaluations: s.evaluated.len(),
                replications: eval.replications(),
                values: retained.into_iter().map(|(m, e)| (m, e.value)).collect(),
            },
            reliable,
        ))
    };
    if !Surrogate::computes(p.objective.id) {
        return Ok(found(Method::SimulationObjective, simulation)?.0);
    }
    let mut surrogate = Surrogate {
        objective: p.objective.id,
    };
    let (f, reliable) = found(Method::Surrogate, &mut surrogate)?;
    if reliable {
        return Ok(f);
    }
    Ok(found(Method::SimulationUnreliable, simulation)?.0)
}

/// The search of `p` in this thread, the simulation where the surrogate does not serve run here
/// too: [`search_replications`]`(finals)` replications of each mix from index 0 on `seed`, as
/// the finals will run them. The page's search worker runs it (a separate thread of its own).
pub fn search_in_thread(p: &Problem, seed: u64, finals: u64) -> Result<Found, String> {
    let n = search_replications(finals);
    let mut simulation = Simulated {
        objective: p.objective.id,
        replications: n,
        run: |scenarios: &[Scenario]| {
            scenarios
                .iter()
                .map(|s| {
                    let model = Model::new(s).map_err(|errors| {
                        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                        format!("a mix is not a valid scenario: {}", text.join("; "))
                    })?;
                    let mut e = Ensemble::new(model.layout().clone(), seed);
                    for i in 0..n {
                        e.add(simulate(&model, seed, i).map_err(|e| e.to_string())?);
                    }
                    Ok(e)
                })
                .collect()
        },
    };
    search(p, &mut simulation)
}

/// A finalist re-run on the full simulation, against the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Finalist {
    pub mix: Mix,
    /// The objective with the mix, mean and 95 % interval.
    pub value: Estimate,
    /// Mix − scenario, paired, turned so that more is better for households.
    pub gain: Estimate,
    /// `cost_per_year`, mix − scenario, paired (the cost the simulation measured).
    pub cost: Option<Estimate>,
}

/// The ranking-and-selection verdict on the best finalist.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// The finalists, best (by simulated gain) first.
    pub finalists: Vec<Finalist>,
    /// Comparisons of the best with each other finalist (the Bonferroni divisor).
    pub comparisons: usize,
    /// Joint confidence of the intervals ([`CONFIDENCE`]).
    pub confidence: f64,
    /// The best's gain − the runner-up's, paired, with its Bonferroni-corrected interval.
    pub lead: Option<Estimate>,
    /// The lead's interval is above 0: the best is distinguishable from the runner-up.
    pub distinguishable: bool,
    /// ... and from every other finalist.
    pub best_of_all: bool,
    /// The practical threshold (MODEL.md 16.4: the objective's « notable » difference at the
    /// scenario's level), in the engine's unit.
    pub practical: f64,
    /// The lead's interval lies within ±`practical`: the two are equivalent in practice.
    pub equivalent: bool,
}

/// Ranks the finalists from their ensembles (the scenario's first, then each finalist's, on the
/// same seed; only the replication indices all of them hold count) and says whether the best is
/// distinguishable from the runner-up: paired differences of the gains, with intervals at
/// `CONFIDENCE` jointly over the best's comparisons (Bonferroni).
pub fn select(
    mixes: &[Mix],
    ensembles: &[Ensemble],
    objective: &Headline,
) -> Result<Selection, String> {
    let Some((base, alts)) = ensembles.split_first() else {
        return Err("no run to rank".into());
    };
    if alts.len() != mixes.len() {
        return Err(format!(
            "{} mixes but {} runs of them",
            mixes.len(),
            alts.len()
        ));
    }
    let common = common_indices(base, alts);
    let id = HeadlineId::from(objective.id);
    let sign = gain_sign(objective);
    let base_c = restricted(base, &common);
    let cost_id = HeadlineId::from(SystemHeadline::CostPerYear);
    let mut gains: Vec<Vec<f64>> = Vec::new();
    let mut finalists = Vec::new();
    for (mix, alt) in mixes.iter().zip(alts) {
        let alt_c = restricted(alt, &common);
        let cmp = compare(&base_c, &alt_c)?;
        let g = paired_gains(&id, base, alt, &common, sign);
        finalists.push(Finalist {
            mix: mix.clone(),
            value: alt_c
                .headline_estimates()
                .into_iter()
                .find(|e| e.id == id)
                .ok_or_else(|| format!("the runs have no {id}"))?,
            gain: estimate(id.clone(), &g),
            cost: cmp.difference(&cost_id).map(|d| d.difference.clone()),
        });
        gains.push(g);
    }
    // Best first by mean gain; ties keep the search's order.
    let mut order: Vec<usize> = (0..finalists.len()).collect();
    let mean = |k: usize| finalists[k].gain.mean.unwrap_or(f64::NEG_INFINITY);
    order.sort_by(|&a, &b| mean(b).total_cmp(&mean(a)));
    let comparisons = finalists.len().saturating_sub(1);
    let level = 1.0 - (1.0 - CONFIDENCE) / comparisons.max(1) as f64;
    let leads: Vec<Estimate> = order
        .iter()
        .skip(1)
        .map(|&k| {
            let d: Vec<f64> = gains[order[0]]
                .iter()
                .zip(&gains[k])
                .map(|(a, b)| a - b)
                .collect();
            interval_at(id.clone(), &d, level)
        })
        .collect();
    let above = |e: &Estimate| e.ci_low.is_some_and(|lo| lo > 0.0);
    let base_mean = base_c
        .headline_estimates()
        .into_iter()
        .find(|e| e.id == id)
        .and_then(|e| e.mean)
        .unwrap_or(0.0)
        .abs();
    let practical = (objective.practical.relative * base_mean).max(objective.practical.absolute);
    let lead = leads.first().cloned();
    let equivalent = lead.as_ref().is_some_and(|l| {
        l.ci_low.is_some_and(|lo| lo > -practical) && l.ci_high.is_some_and(|hi| hi < practical)
    });
    let mut slots: Vec<Option<Finalist>> = finalists.into_iter().map(Some).collect();
    Ok(Selection {
        finalists: order
            .iter()
            .map(|&k| slots[k].take().expect("once"))
            .collect(),
        comparisons,
        confidence: CONFIDENCE,
        distinguishable: lead.as_ref().is_some_and(above),
        best_of_all: !leads.is_empty() && leads.iter().all(above),
        lead,
        practical,
        equivalent,
    })
}

/// Mean and two-sided interval at `level` (Student's t) of independent values.
fn interval_at(id: HeadlineId, xs: &[f64], level: f64) -> Estimate {
    let mut e = estimate(id, xs);
    let n = xs.len();
    if let (Some(m), true) = (e.mean, n >= 2) {
        let var = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
        let half = t_quantile(1.0 - (1.0 - level) / 2.0, n - 1) * (var / n as f64).sqrt();
        e.ci_low = Some(m - half);
        e.ci_high = Some(m + half);
    }
    e
}

/// « Places — CHRS insertion 451 → 511, Attributions 44,2 → 50 » (levers left at the
/// scenario's value are not named); « le scénario tel quel » when none moves.
pub fn mix_label(lang: Lang, p: &Problem, mix: &[usize]) -> String {
    let parts: Vec<String> = p
        .levers
        .iter()
        .zip(mix)
        .filter(|(l, &k)| (l.values[k] - l.baseline()).abs() > 1e-9)
        .map(|(l, &k)| {
            t(
                lang,
                Msg::OptimiseLeverMove {
                    lever: &l.label(lang),
                    from: &format_num(lang, l.baseline()),
                    to: &format_num(lang, l.values[k]),
                },
            )
            .into_owned()
        })
        .collect();
    if parts.is_empty() {
        t(lang, Msg::OptimiseNoChange).into_owned()
    } else {
        parts.join(", ")
    }
}

/// Euros, rounded to the euro: « 1 950 000 € ».
fn euros(lang: Lang, x: f64) -> String {
    format!("{} €", format_grouped(lang, x.round(), 0))
}

/// The optimiser's sentences: what the search ran on, the recommended mix with its cost and
/// simulated effect, and whether it is distinguishable from the runner-up.
pub fn sentences(lang: Lang, p: &Problem, found: &Found, sel: &Selection) -> Vec<String> {
    let mut out = Vec::new();
    out.push(
        t(
            lang,
            Msg::OptimiseMethod {
                method: found.method,
                replications: found.replications.unwrap_or(0),
                exhaustive: found.strategy == Strategy::Exhaustive,
                evaluations: found.evaluations,
            },
        )
        .into_owned(),
    );
    let scale = p.objective.format.scale();
    let num = |x: Option<f64>| x.map_or("–".into(), |x| format_sig(lang, x * scale));
    let Some(best) = sel.finalists.first() else {
        out.push(t(lang, Msg::OptimiseNoMix).into_owned());
        return out;
    };
    out.push(
        t(
            lang,
            Msg::OptimiseBest {
                mix: &mix_label(lang, p, &best.mix),
                cost: &euros(lang, p.cost(&best.mix)),
                budget: &euros(lang, p.budget),
                objective: &t(lang, p.objective.name),
                gain: &num(best.gain.mean),
                low: &num(best.gain.ci_low),
                high: &num(best.gain.ci_high),
            },
        )
        .into_owned(),
    );
    if let (Some(second), Some(lead)) = (sel.finalists.get(1), &sel.lead) {
        out.push(
            t(
                lang,
                Msg::OptimiseLead {
                    distinguishable: sel.distinguishable,
                    equivalent: sel.equivalent,
                    second: &mix_label(lang, p, &second.mix),
                    gap: &num(lead.mean),
                    low: &num(lead.ci_low),
                    high: &num(lead.ci_high),
                    confidence: &format_int(lang, (sel.confidence * 100.0).round() as i64),
                    comparisons: sel.comparisons,
                    practical: &num(Some(sel.practical)),
                },
            )
            .into_owned(),
        );
    }
    if p.open_per_year.is_some() {
        let openings: Vec<String> = p
            .schedule(&best.mix)
            .iter()
            .map(|o| {
                let stage = p
                    .network
                    .stages
                    .iter()
                    .find(|s| s.id == o.stage)
                    .map_or(o.stage.as_str(), |s| s.label.text(lang));
                t(
                    lang,
                    Msg::OptimiseOpening {
                        year: o.year,
                        places: o.places,
                        stage,
                    },
                )
                .into_owned()
            })
            .collect();
        if !openings.is_empty() {
            out.push(
                t(
                    lang,
                    Msg::OptimiseSchedule {
                        openings: &openings.join(semicolon(lang)),
                    },
                )
                .into_owned(),
            );
        }
        let late = p.beyond_horizon(&best.mix);
        if late > 0 {
            out.push(t(lang, Msg::OptimiseBeyondHorizon { places: late }).into_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests;
