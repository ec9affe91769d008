//! The fluid model's first guess for a lever's search (MODEL.md 16.5.1, 16.6).

use parcours_engine::fluid::fluid;
use parcours_engine::{Model, Scenario};

use super::Search;
use crate::levers::Settings;
use crate::preview::objective_value;
use crate::target::{with_amounts, Allowed, Goal, Target};

/// The fluid model's least amount of `allowed`'s lever whose mean meets the target's level,
/// for objectives it estimates (households without a solution, on the waiting list, and
/// household-days without a solution), where it is reliable there and at the baseline. It
/// reads the window's means whatever the target's month: a first probe only.
pub fn fluid_guess(
    network: &Scenario,
    settings: &Settings,
    allowed: &Allowed,
    target: &Target,
) -> Option<f64> {
    let read = |s: &Scenario| -> Option<f64> {
        let f = fluid(&Model::new(s).ok()?);
        if !f.reliable {
            return None;
        }
        objective_value(target.objective.id, &f)
    };
    let level = match target.goal {
        Goal::Level(v) => v,
        Goal::Change(c) => read(&with_amounts(network, settings, &[]))? * (1.0 + c),
    };
    let search = Search::new(allowed.clone(), None);
    let at = |k: usize| {
        let s = with_amounts(
            network,
            settings,
            &[(allowed.lever.id.clone(), search.amount(k))],
        );
        read(&s).map(|v| v <= level)
    };
    // Bisection for the least index meeting the level in the fluid means.
    if at(search.top) != Some(true) {
        return None;
    }
    let (mut lo, mut hi) = (0usize, search.top);
    if at(0) == Some(true) {
        return Some(search.amount(0));
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match at(mid) {
            Some(true) => hi = mid,
            Some(false) => lo = mid,
            None => return None,
        }
    }
    Some(search.amount(hi))
}
