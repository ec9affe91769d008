//! The least-cost mix of several levers that reaches a target, on a grid (MODEL.md 16.5.1).
//!
//! **The grid.** Each lever moves from its lower bound by strides of 1/[`STRIDES`] of its range
//! (on its step's grid; fewer strides when the levers are so many that the grid would pass
//! [`GRID_LIMIT`] mixes), to its upper bound; the amount it needs alone (its search's answer)
//! is added to its values. A mix is one value of each lever.
//!
//! **The cost** a mix is ordered by is what its capacity adds at the scenario's prices:
//! Σ (amount − the scenario's value) × the lever's yearly unit cost (`optimise::unit_cost`, the
//! budget optimiser's). It is exact and additive for places, winter places and slots (paid open,
//! used or not: MODEL.md 13); allocations and prevention cases are paid only when used, so for
//! them it is the cost of the capacity funded, which the simulation's `cost_per_year` may
//! undercut. Ties go to the mix with fewer grid steps, then to less of the lever asked first.
//!
//! **The search** assumes what the single-lever searches assume: more of a lever never lowers the
//! share of replications meeting the target. Then every mix below (≤ on every lever) a mix that
//! falls short falls short, and the mixes that reach form an upper set. The search keeps the
//! cheapest reaching mix known (at first the cheapest lever alone, when its answer is on the
//! grid) and the mixes known to fall short (every probe of the levers sought alone, each a mix
//! with the other levers at the scenario's values, and every mix run here). A mix is still a
//! candidate when it costs less than the best known and is below no mix known to fall short.
//! Each run is the cheapest of the candidates no other candidate lies above (a maximal
//! candidate: one stride more of any lever costs at least the best): if it falls short, every
//! candidate below it goes; if it reaches, it is the new best and the costlier candidates go.
//! With no candidate left, the best is the least-cost reaching mix of the grid (proof: any
//! cheaper mix was below one that fell short); with no reaching mix, every lever at its bound
//! (the first run then) falls short: out of reach even combined. Every run is paired with the
//! baseline (same seed and indices). On random monotone oracles (tests) the search needs at most
//! 15 runs for two levers and 31 for three, where running every mix of a 9 × 9 × 9 grid takes
//! 729; in the design's trials a greedy path by gain per euro, then refined in ascending cost,
//! needed two to seven times more runs on average.
//!
//! **The bound.** At most [`MAX_RUNS`] mixes are run. If the search stops there, the answer is the
//! cheapest reaching mix of those tried, and says so: it is not claimed least-cost.

use super::Probe;
use crate::levers::LeverId;
use crate::target::{Allowed, Attainment};

/// Strides per lever's range.
pub const STRIDES: usize = 8;

/// Largest number of mixes of the grid: each step of the search reads them all (20 000 mixes
/// against a hundred known mixes take a few milliseconds), and fewer strides per lever keep it
/// there with many levers (four levers keep eight strides; five get five).
pub const GRID_LIMIT: usize = 20_000;

/// Mixes run at most. On the tests' random monotone oracles two levers never needed more than 15
/// runs and three more than 31 (four or more can need a few hundred); 64 runs of the chosen
/// replications take about as long as nine levers sought alone (about seven runs each).
pub const MAX_RUNS: usize = 64;

/// Where the search stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MixOutcome {
    Searching,
    /// The least-cost mix of the grid that reaches the target ([`Mix::found`]).
    Least,
    /// The cheapest reaching mix of the `tried` run: the search stopped at [`MAX_RUNS`] with
    /// cheaper mixes of the grid untried.
    Cheapest {
        tried: usize,
    },
    /// Every lever at its upper bound falls short ([`Mix::found`]: that mix).
    Unreachable,
}

impl MixOutcome {
    /// Whether a mix that reaches the target was found.
    pub fn reached(self) -> bool {
        matches!(self, MixOutcome::Least | MixOutcome::Cheapest { .. })
    }
}

/// The search over mixes of several levers.
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    pub levers: Vec<Allowed>,
    /// Strides of each lever's range on the grid ([`STRIDES`], fewer with many levers).
    pub strides: usize,
    /// Each lever's amounts on the grid, ascending.
    pub values: Vec<Vec<f64>>,
    /// Euros a year of one unit of each lever at the scenario's prices.
    pub unit_costs: Vec<f64>,
    /// Each lever's value in the scenario (where a lever sought alone leaves the others).
    current: Vec<f64>,
    /// Mixes (amounts) known to fall short.
    short: Vec<Vec<f64>>,
    /// The cheapest reaching mix known: grid indices and its run.
    best: Option<(Vec<usize>, Attainment)>,
    /// Every mix run here, in order: its amounts and its run.
    pub tried: Vec<(Vec<f64>, Attainment)>,
    /// The next mix to run (grid indices), and whether the bound stopped the search.
    pending: Option<Vec<usize>>,
    bounded: bool,
}

/// A mix's place in the order searched: its cost in cents, its grid steps, then its indices.
type Key = (i64, usize, Vec<usize>);

impl Mix {
    /// `current`: each lever's value in the scenario; `unit_costs`: euros a year of one unit.
    pub fn new(levers: Vec<Allowed>, current: Vec<f64>, unit_costs: Vec<f64>) -> Mix {
        let mut strides = STRIDES;
        // The grid's size, with each lever's answer alone added to its values.
        while strides > 1 && (strides + 2).saturating_pow(levers.len() as u32) > GRID_LIMIT {
            strides -= 1;
        }
        let values = levers.iter().map(|a| grid_values(a, strides)).collect();
        let mut m = Mix {
            levers,
            strides,
            values,
            unit_costs,
            current,
            short: Vec::new(),
            best: None,
            tried: Vec::new(),
            pending: None,
            bounded: false,
        };
        m.settle();
        m
    }

    /// What a probe of lever `lever` alone says (the others at the scenario's values): falling
    /// short, so does every mix below it.
    pub fn learn(&mut self, lever: usize, probe: &Probe) {
        if !probe.attainment.reached {
            let mut amounts = self.current.clone();
            amounts[lever] = probe.amount;
            self.short.push(amounts);
            self.settle();
        }
    }

    /// Lever `lever`'s search is over at `probe`, its least reaching amount alone: a value of its
    /// grid, and a reaching mix when the others' values in the scenario are on theirs.
    pub fn learn_answer(&mut self, lever: usize, probe: &Probe) {
        let values = &mut self.values[lever];
        let i = values
            .iter()
            .position(|v| *v >= probe.amount - 1e-9)
            .unwrap_or(values.len());
        if values
            .get(i)
            .is_none_or(|v| (v - probe.amount).abs() >= 1e-9)
        {
            values.insert(i, probe.amount);
            self.shift(lever, i);
        }
        let on_grid: Option<Vec<usize>> = (0..self.levers.len())
            .map(|j| match j == lever {
                true => Some(i),
                false => self.values[j]
                    .iter()
                    .position(|v| (v - self.current[j]).abs() < 1e-9),
            })
            .collect();
        if let Some(k) = on_grid {
            self.offer(k, probe.attainment.clone());
        }
        self.settle();
    }

    /// A value was inserted at index `i` of lever `lever`: the best's index moves up.
    fn shift(&mut self, lever: usize, i: usize) {
        if let Some((k, _)) = self.best.as_mut() {
            if k[lever] >= i {
                k[lever] += 1;
            }
        }
    }

    /// `k` reaches the target: the best if cheaper.
    fn offer(&mut self, k: Vec<usize>, at: Attainment) {
        if self
            .best
            .as_ref()
            .is_none_or(|(b, _)| self.key(&k) < self.key(b))
        {
            self.best = Some((k, at));
        }
    }

    /// The amounts of grid indices `k`.
    pub fn amounts(&self, k: &[usize]) -> Vec<f64> {
        k.iter().zip(&self.values).map(|(&i, v)| v[i]).collect()
    }

    /// Euros a year the capacity of `amounts` adds to the scenario at its prices (the cost the
    /// search orders mixes by).
    pub fn funded_cost(&self, amounts: &[f64]) -> f64 {
        amounts
            .iter()
            .zip(&self.current)
            .zip(&self.unit_costs)
            .map(|((a, c), u)| (a - c) * u)
            .sum()
    }

    fn key(&self, k: &[usize]) -> Key {
        let cents = (self.funded_cost(&self.amounts(k)) * 100.0).round() as i64;
        (cents, k.iter().sum(), k.to_vec())
    }

    /// Whether `k` is below a mix known to fall short.
    fn known_short(&self, k: &[usize]) -> bool {
        let a = self.amounts(k);
        self.short
            .iter()
            .any(|s| a.iter().zip(s).all(|(x, y)| *x <= y + 1e-9))
    }

    /// The cheapest maximal candidate (module docs), or `None`: nothing cheaper can reach.
    fn candidate(&self) -> Option<Vec<usize>> {
        let bound = self.best.as_ref().map(|(b, _)| self.key(b));
        let below = |k: &[usize]| bound.as_ref().is_none_or(|b| self.key(k) < *b);
        let sizes: Vec<usize> = self.values.iter().map(Vec::len).collect();
        let mut k = vec![0; sizes.len()];
        let mut pick: Option<Key> = None;
        loop {
            let maximal = || {
                (0..k.len()).all(|i| {
                    k[i] + 1 == sizes[i] || {
                        let mut up = k.clone();
                        up[i] += 1;
                        !below(&up)
                    }
                })
            };
            if below(&k) && maximal() && !self.known_short(&k) {
                let key = self.key(&k);
                if pick.as_ref().is_none_or(|p| key < *p) {
                    pick = Some(key);
                }
            }
            // The next mix of the grid, the first lever fastest.
            let mut i = 0;
            while i < k.len() && k[i] + 1 == sizes[i] {
                k[i] = 0;
                i += 1;
            }
            if i == k.len() {
                return pick.map(|p| p.2);
            }
            k[i] += 1;
        }
    }

    /// The next mix, or the end of the search (at [`MAX_RUNS`] runs or with no candidate).
    fn settle(&mut self) {
        self.pending = self.candidate();
        self.bounded = self.pending.is_some() && self.tried.len() >= MAX_RUNS;
        if self.bounded {
            self.pending = None;
        }
    }

    /// The next mix to run (lever ids with amounts), or `None` when the search is over.
    pub fn next(&self) -> Option<Vec<(LeverId, f64)>> {
        let k = self.pending.as_ref()?;
        Some(
            self.levers
                .iter()
                .map(|a| a.lever.id.clone())
                .zip(self.amounts(k))
                .collect(),
        )
    }

    /// Records the run of the mix [`Mix::next`] gave, read against the target.
    pub fn record(&mut self, at: Attainment) {
        let Some(k) = self.pending.take() else {
            return;
        };
        let amounts = self.amounts(&k);
        self.tried.push((amounts.clone(), at.clone()));
        if at.reached {
            self.offer(k, at);
        } else {
            self.short.push(amounts);
        }
        self.settle();
    }

    pub fn outcome(&self) -> MixOutcome {
        match (&self.pending, &self.best) {
            (Some(_), _) => MixOutcome::Searching,
            (None, Some(_)) if self.bounded => MixOutcome::Cheapest {
                tried: self.tried.len(),
            },
            (None, Some(_)) => MixOutcome::Least,
            // The first run is every lever at its bound: short, it leaves no candidate.
            (None, None) => MixOutcome::Unreachable,
        }
    }

    /// The mix the answer names and its run: the cheapest that reaches the target, else (out of
    /// reach) every lever at its bound; `None` while nothing is known.
    pub fn found(&self) -> Option<(Vec<f64>, &Attainment)> {
        match &self.best {
            Some((k, at)) => Some((self.amounts(k), at)),
            None => self.tried.last().map(|(a, at)| (a.clone(), at)),
        }
    }
}

/// Lever `a`'s values on the grid: its lower bound by strides of 1/`strides` of its range (whole
/// steps of its own), then its upper bound.
fn grid_values(a: &Allowed, strides: usize) -> Vec<f64> {
    let step = a.lever.step.max(1e-9);
    let stride = ((a.max - a.min) / strides as f64 / step).ceil().max(1.0) * step;
    let mut values = vec![a.min];
    let mut j = 1.0;
    while a.min + j * stride < a.max - 1e-9 {
        values.push(a.min + j * stride);
        j += 1.0;
    }
    if a.max > a.min + 1e-9 {
        values.push(a.max);
    }
    values
}

#[cfg(test)]
mod tests;
