//! A mix of levers for a target, found greedily (MODEL.md 16.5.1): from every lever at its
//! lower bound, each round moves every lever that can still move by one stride (an eighth of
//! its range, on its step's grid), runs each candidate on the baseline's seed and indices, and
//! keeps the one with the most gain on the objective per euro a year (a candidate costing less
//! than `marginal::FREE_BELOW` comes first, by its gain); it stops at the first candidate
//! that reaches the target (the cheapest such), or when no lever can improve the objective.
//! A heuristic: the mix it finds reaches the target but is not proven to be the least costly,
//! and its last stride may overshoot by up to an eighth of that lever's range.

use crate::levers::LeverId;
use crate::marginal::FREE_BELOW;
use crate::measures::Better;
use crate::target::{Allowed, Attainment, Target};

/// Strides per lever's range.
pub const STRIDES: f64 = 8.0;

/// Where the greedy mix stands; the mix itself is [`Mix::amounts`] with its run
/// [`Mix::current`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MixOutcome {
    Searching,
    /// The mix kept reaches the target.
    Reached,
    /// The mix kept falls short, and every lever is at its bound (`at_bounds`) or none
    /// improves the objective in the mean.
    Unreachable {
        at_bounds: bool,
    },
}

/// The greedy search over several levers.
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    pub levers: Vec<Allowed>,
    /// The mix kept so far (amounts in `levers`' order) and its run.
    pub amounts: Vec<f64>,
    pub current: Option<Attainment>,
    /// This round's candidates: the lever moved and its run, when run.
    candidates: Vec<(usize, Option<Attainment>)>,
    /// Every mix kept, in order (the first: every lever at its lower bound).
    pub kept: Vec<(Vec<f64>, Attainment)>,
    /// Runs made.
    pub runs: usize,
    outcome: Option<MixOutcome>,
}

impl Mix {
    pub fn new(levers: Vec<Allowed>) -> Mix {
        let amounts = levers.iter().map(|a| a.min).collect();
        Mix {
            levers,
            amounts,
            current: None,
            candidates: Vec::new(),
            kept: Vec::new(),
            runs: 0,
            outcome: None,
        }
    }

    fn stride(&self, i: usize) -> f64 {
        let a = &self.levers[i];
        let step = a.lever.step.max(1e-9);
        ((a.max - a.min) / STRIDES / step).ceil().max(1.0) * step
    }

    /// The mix with lever `moved` one stride up (or the current mix).
    fn with(&self, moved: Option<usize>) -> Vec<f64> {
        let mut m = self.amounts.clone();
        if let Some(i) = moved {
            m[i] = (m[i] + self.stride(i)).min(self.levers[i].max);
        }
        m
    }

    /// The next mix to run (lever ids with amounts), or `None` when the search is over.
    pub fn next(&self) -> Option<Vec<(LeverId, f64)>> {
        if self.outcome.is_some() {
            return None;
        }
        let amounts = if self.current.is_none() {
            self.with(None)
        } else {
            let (i, _) = self.candidates.iter().find(|(_, a)| a.is_none())?;
            self.with(Some(*i))
        };
        Some(
            self.levers
                .iter()
                .map(|a| a.lever.id.clone())
                .zip(amounts)
                .collect(),
        )
    }

    /// Records the run of the mix [`Mix::next`] gave, read against the target.
    pub fn record(&mut self, target: &Target, at: Attainment) {
        self.runs += 1;
        if self.current.is_none() {
            self.keep(self.with(None), at);
            return;
        }
        if let Some(slot) = self.candidates.iter_mut().find(|(_, a)| a.is_none()) {
            slot.1 = Some(at);
        }
        if self.candidates.iter().any(|(_, a)| a.is_none()) {
            return;
        }
        let current = self.current.clone().expect("run");
        let sign = match target.objective.better {
            Better::Higher => 1.0,
            _ => -1.0,
        };
        let delta = |a: &Attainment| {
            let gain = sign * (a.difference.mean? - current.difference.mean?);
            let cost = a.cost.mean? - current.cost.mean?;
            Some((gain, cost))
        };
        let done: Vec<(usize, Attainment)> = self
            .candidates
            .drain(..)
            .map(|(i, a)| (i, a.expect("every candidate run")))
            .collect();
        // The cheapest candidate that reaches the target ends the search.
        let reaching = done.iter().filter(|(_, a)| a.reached).min_by(|x, y| {
            x.1.cost
                .mean
                .unwrap_or(0.0)
                .total_cmp(&y.1.cost.mean.unwrap_or(0.0))
        });
        if let Some((i, a)) = reaching {
            let amounts = self.with(Some(*i));
            self.keep(amounts, a.clone());
            return;
        }
        // Else the most gain per euro: free candidates first by their gain.
        let score = |(gain, cost): (f64, f64)| {
            if cost < FREE_BELOW {
                (1, gain)
            } else {
                (0, gain / cost)
            }
        };
        let best = done
            .iter()
            .filter_map(|(i, a)| {
                delta(a)
                    .filter(|(g, _)| *g > 0.0)
                    .map(|d| (*i, a, score(d)))
            })
            .max_by(|x, y| x.2 .0.cmp(&y.2 .0).then(x.2 .1.total_cmp(&y.2 .1)));
        match best {
            Some((i, a, _)) => {
                let amounts = self.with(Some(i));
                self.keep(amounts, a.clone());
            }
            None => self.outcome = Some(MixOutcome::Unreachable { at_bounds: false }),
        }
    }

    /// Keeps `amounts` as the mix, and opens the next round (or ends the search).
    fn keep(&mut self, amounts: Vec<f64>, at: Attainment) {
        self.amounts = amounts;
        self.kept.push((self.amounts.clone(), at.clone()));
        if at.reached {
            self.outcome = Some(MixOutcome::Reached);
        } else {
            self.candidates = (0..self.levers.len())
                .filter(|&i| self.amounts[i] < self.levers[i].max - 1e-9)
                .map(|i| (i, None))
                .collect();
            if self.candidates.is_empty() {
                self.outcome = Some(MixOutcome::Unreachable { at_bounds: true });
            }
        }
        self.current = Some(at);
    }

    pub fn outcome(&self) -> MixOutcome {
        self.outcome.unwrap_or(MixOutcome::Searching)
    }
}
