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
    /// The levers' indices in the order their added places open when openings are capped: by
    /// value once the search has ranked them ([`opening_order`], carried in
    /// [`Found::opening_order`]), the levers' order until then.
    pub opening_order: Vec<usize>,
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
            opening_order: (0..levers.len()).collect(),
            levers,
            budget,
            open_per_year,
            objective,
        })
    }

    /// This problem with its added places opening in `order` (the search's
    /// [`Found::opening_order`]): the page and the command line take the order the search
    /// ranked rather than rank again (ranking runs the fluid model, which the page's main
    /// thread must not).
    pub fn with_opening_order(mut self, order: &[usize]) -> Result<Problem, String> {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        if !sorted.iter().copied().eq(0..self.levers.len()) {
            return Err(format!(
                "opening order {order:?}: not an order of the {} levers",
                self.levers.len()
            ));
        }
        self.opening_order = order.to_vec();
        Ok(self)
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
    /// stage in [`Self::opening_order`] (the most useful a euro first once the search has
    /// ranked them); openings past the horizon are kept (the reader is told they never happen
    /// in the run). Empty without a cap.
    pub fn schedule(&self, mix: &[usize]) -> Vec<Scheduled> {
        let Some(cap) = self.open_per_year else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let first = self.network.warmup_months.max(0.0).round() as u32;
        let (mut year, mut left) = (0u32, cap as i64);
        for (l, k) in self
            .opening_order
            .iter()
            .map(|&i| (&self.levers[i], mix[i]))
        {
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

mod evaluate;
mod opening;
mod search;
mod select;
mod text;
pub use evaluate::*;
pub use opening::*;
pub use search::*;
pub use select::*;
pub use text::*;

#[cfg(test)]
mod tests;
