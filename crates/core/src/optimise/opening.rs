//! The order the added places open in when openings are capped (MODEL.md 16.7): the stage
//! whose places serve the objective most a euro first.

use super::*;

/// The levers' indices in the order their added places should open: the place levers that can
/// add places first, by the fluid approximation's gain per euro of one step up (the lever's
/// next grid value) from the scenario's own values, the rest after in the levers' order; ties
/// keep the levers' order. The levers' order without a cap or with fewer than two such levers
/// (nothing to rank: no fluid evaluation).
///
/// Why this rule: the first year's places open on the scenario as it is, where the marginal
/// gain per euro says which stage's places do most; a stage downstream of a bottleneck gains
/// nothing until it is relieved (MODEL.md 16.5's chain). One order for every mix, computed once
/// before the search, so that every mix is scored with the schedule it will be given and the
/// page and the command line read the same order from [`Found`]. A year-by-year re-ranking at
/// each mix would follow a bottleneck that moves once relieved, but would cost fluid
/// evaluations for every mix the search scores.
///
/// The gain is on households without a solution, which the fluid model computes whatever the
/// objective (its other objective, their household-days, is a multiple of it: the same order;
/// for the objectives it does not compute it stands for them). The order is a heuristic:
/// the approximation's reliability flag is not asked for it.
pub fn opening_order(p: &Problem) -> Result<Vec<usize>, String> {
    let levers_order: Vec<usize> = (0..p.levers.len()).collect();
    // The place levers that can add places, with their value one step up.
    let steps: Vec<(usize, f64)> = p
        .levers
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.id(), LeverId::Places(_)))
        .filter_map(|(i, l)| {
            let up = l.values.iter().find(|&&v| v > l.baseline() + 1e-9)?;
            Some((i, *up))
        })
        .collect();
    if p.open_per_year.is_none() || steps.len() < 2 {
        return Ok(levers_order);
    }
    let scenarios: Vec<Scenario> = std::iter::once(p.network.clone())
        .chain(steps.iter().map(|(i, up)| {
            with_amounts(
                &p.network,
                &Settings::default(),
                &[(p.levers[*i].id().clone(), *up)],
            )
        }))
        .collect();
    let mut surrogate = Surrogate {
        objective: SystemHeadline::WithoutSolution,
    };
    let without: Vec<f64> = surrogate
        .evaluate(&scenarios)?
        .into_iter()
        .map(|e| e.map_or(f64::NAN, |e| e.value))
        .collect();
    // Free (or saving) steps first, then by gain per euro; a step the model cannot value last.
    let mut ranked: Vec<(usize, (u8, f64))> = steps
        .iter()
        .zip(&without[1..])
        .map(|(&(i, up), after)| {
            let l = &p.levers[i];
            let gain = without[0] - after;
            let cost = (up - l.baseline()) * l.unit_cost;
            let key = if gain.is_nan() {
                (0, 0.0)
            } else if cost <= 0.0 {
                (2, gain)
            } else {
                (1, gain / cost)
            };
            (i, key)
        })
        .collect();
    // Stable: equal keys keep the levers' order.
    ranked.sort_by(|(_, a), (_, b)| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
    let first: Vec<usize> = ranked.iter().map(|(i, _)| *i).collect();
    let rest = levers_order.into_iter().filter(|i| !first.contains(i));
    Ok(first.iter().copied().chain(rest).collect())
}
