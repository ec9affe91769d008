//! The binding constraint, named by what people wait for (MODEL.md, 15.6): from a [`Summary`],
//! the destinations ready households wait for, each with the waits it causes upstream, the one
//! with the most households behind it first. A pure function of the summary, so that the page,
//! the command line and the tests name the same constraint from the same figures.

use crate::output::{HeadlineId, StageHeadline, StageKindTag};
use crate::stats::Summary;
use serde::Serialize;

/// A destination counts when at least this many ready households wait for it (time-weighted
/// mean over the window).
pub const MIN_READY_HOUSEHOLDS: f64 = 1.0;
/// A place stage is held up by what its own ready households wait for when they hold at least
/// this share of its places (the page's threshold for naming a stage's blocked places).
pub const HELD_UP_SHARE: f64 = 0.05;

/// A destination that ready households wait for, with its figures (time-weighted means over the
/// window, averaged over replications).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constraint {
    /// The stage they wait for.
    pub destination: String,
    pub kind: StageKindTag,
    /// Ready households waiting for it: blocked in a place stage, their route drawn to it.
    pub ready_households: f64,
    /// The same, by the stage that holds them, most first.
    pub by_holding: Vec<(String, f64)>,
    /// Households of the SIAO waiting list queued for it too (oriented there).
    pub waiting_list_households: f64,
    /// Allocation stage: dwellings offered a month, and the share of them used.
    pub units_per_month: Option<f64>,
    pub units_use: Option<f64>,
    /// Place stage: places (mean, winter places included) and the share occupied.
    pub places: Option<f64>,
    pub occupancy: Option<f64>,
    /// Place stages held up by it: full partly of their own households waiting for it (directly
    /// or through another held-up stage), with the ready households waiting to enter them.
    pub held_up: Vec<(String, f64)>,
    /// `ready_households` plus those of `held_up`: every ready household whose wait ends here.
    pub households_behind: f64,
}

/// Every destination ready households wait for, the one with the most households behind it
/// first (MODEL.md, 15.6). Empty when no destination has `MIN_READY_HOUSEHOLDS` waiting.
pub fn constraints(s: &Summary) -> Vec<Constraint> {
    let l = &s.layout;
    let n = l.stages.len();
    let figure = |stage: usize, m: StageHeadline| {
        s.headline(&HeadlineId::stage(l.stages[stage].clone(), m))
            .and_then(|e| e.mean)
    };
    let kind = |k: usize| {
        l.stage_kinds
            .get(k)
            .copied()
            .unwrap_or(StageKindTag::Places)
    };
    let ready: Vec<f64> = (0..n)
        .map(|k| figure(k, StageHeadline::ReadyQueue).unwrap_or(0.0))
        .collect();
    let index = |id: &str| l.stages.iter().position(|x| x == id);
    // wait[a][k]: ready households held in a, waiting for k.
    let mut wait = vec![vec![0.0; n]; n];
    for w in &s.waits {
        if let (Some(a), Some(k), Some(x)) =
            (index(&w.holding), index(&w.destination), w.households.mean)
        {
            wait[a][k] = x;
        }
    }
    // A held-up place stage passes its waits on to what its own ready households mostly wait for.
    let next = |d: usize| -> Option<usize> {
        if kind(d) != StageKindTag::Places {
            return None;
        }
        let places = figure(d, StageHeadline::Places).unwrap_or(0.0);
        let blocked: f64 = wait[d].iter().sum();
        if places <= 0.0 || blocked < HELD_UP_SHARE * places {
            return None;
        }
        (0..n)
            .filter(|&k| wait[d][k] > 0.0)
            .max_by(|&a, &b| wait[d][a].total_cmp(&wait[d][b]).then(b.cmp(&a)))
    };
    let root = |d: usize| {
        let mut seen = vec![false; n];
        let mut r = d;
        seen[r] = true;
        while let Some(k) = next(r) {
            if seen[k] {
                break; // a cycle of held-up stages: the last one reached stands for it
            }
            seen[k] = true;
            r = k;
        }
        r
    };
    let candidates: Vec<usize> = (0..n)
        .filter(|&k| ready[k] >= MIN_READY_HOUSEHOLDS)
        .collect();
    let mut out: Vec<Constraint> = Vec::new();
    for &r in &candidates {
        if root(r) != r {
            continue;
        }
        let mut held_up: Vec<(String, f64)> = candidates
            .iter()
            .filter(|&&d| d != r && root(d) == r)
            .map(|&d| (l.stages[d].clone(), ready[d]))
            .collect();
        held_up.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut by_holding: Vec<(String, f64)> = (0..n)
            .filter(|&a| wait[a][r] > 0.0)
            .map(|a| (l.stages[a].clone(), wait[a][r]))
            .collect();
        by_holding.sort_by(|a, b| b.1.total_cmp(&a.1));
        let queue = figure(r, StageHeadline::Queue).unwrap_or(0.0);
        let allocation = kind(r) == StageKindTag::Allocation;
        let places = figure(r, StageHeadline::Places);
        out.push(Constraint {
            destination: l.stages[r].clone(),
            kind: kind(r),
            ready_households: ready[r],
            by_holding,
            waiting_list_households: (queue - ready[r]).max(0.0),
            units_per_month: figure(r, StageHeadline::UnitsOfferedPerYear).map(|x| x / 12.0),
            units_use: figure(r, StageHeadline::UnitsUse),
            places: places.filter(|_| !allocation),
            occupancy: match (places, figure(r, StageHeadline::Occupancy)) {
                (Some(p), Some(o)) if !allocation && p > 0.0 => Some(o / p),
                _ => None,
            },
            households_behind: ready[r] + held_up.iter().map(|x| x.1).sum::<f64>(),
            held_up,
        });
    }
    out.sort_by(|a, b| b.households_behind.total_cmp(&a.households_behind));
    out
}

/// The binding constraint: the destination with the most ready households behind it.
pub fn binding_constraint(s: &Summary) -> Option<Constraint> {
    constraints(s).into_iter().next()
}
