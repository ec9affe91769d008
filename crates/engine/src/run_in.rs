//! A run-in: the territory simulated for years before day 0, so that a scenario starts from the
//! state its own model says the territory is in — households ready to leave and blocked (by
//! destination), the queues for social housing, the housed stock still under the tenancy
//! hazard with its accompaniment in housing, and the households between two requests —
//! instead of an empty or merely full system that drifts for years (MODEL.md, section 14.5).
//!
//! It is computed once, offline (`parcours run-in`, used by `tools/scenarios/generate.py`), and
//! shipped as the scenario's `initial_state`: it costs nothing when the scenario runs, and the
//! state at day 0 does not depend on the policy tested (a lever moved in the page changes the
//! years after day 0, not the territory as it is today).

use crate::scenario::{
    InitialBetweenRequests, InitialHoused, InitialOccupants, InitialRecourse, InitialState,
    InitialWaiting, Ready, Scenario, StageKind, MONTH_DAYS,
};
use std::collections::BTreeMap;

/// The scenario simulated before day 0: the territory's parameters *at* day 0 held constant for
/// `years` (arrival rates of month 0 without trend or later schedule, places and allocation
/// flows without their changes — those are the policy after day 0), on the same calendar (it
/// starts `years` earlier in the same month, so it ends on day 0's month: winter places open in
/// a January start are occupied at its end). It starts from the scenario's own initial state.
pub fn run_in_scenario(s: &Scenario, years: u32) -> Scenario {
    let mut r = s.clone();
    r.start.year -= years as i32;
    r.horizon_months = 12.0 * years as f64;
    r.warmup_months = 0.0;
    // One reporting period: the run-in's outputs are not used, only its end state.
    r.reporting_period_days = Some(r.horizon_months * MONTH_DAYS);
    for a in &mut r.arrivals {
        if let Some(p) = a.schedule.iter().rev().find(|p| p.from_month <= 0.0) {
            a.rate_per_month = p.rate_per_month;
        }
        a.schedule.clear();
        a.trend_percent_per_year = 0.0;
    }
    for st in &mut r.stages {
        match &mut st.kind {
            StageKind::Places(p) => p.capacity_changes.clear(),
            StageKind::Allocation(a) => a.unit_changes.clear(),
        }
    }
    r
}

/// One household of an end state, in a group, with the durations that order it.
struct Item {
    /// The duration the group's cohorts are quantiles of.
    key: f64,
    row: Row,
}

#[derive(Clone)]
enum Row {
    Waiting(InitialWaiting),
    Occupant(InitialOccupants),
    Housed(InitialHoused),
    Between(InitialBetweenRequests),
}

/// Which total a group's count is apportioned from (a stage's occupants, a stage's housed, an
/// exit's households between requests, the waiting list).
type Family = (u8, usize);
/// A group of households alike but for their durations, in output order.
type Group = (Family, usize, usize, usize);

/// The typical state of several end states of the same scenario (replications of a run-in):
/// every group of alike households (waiting by type; occupants by stage, type and the stage they
/// are ready for, if any; both also by where their DALO recourse stands; housed by stage, type
/// and accompaniment; between requests by exit, type and whether their request goes on) gets the mean count over the states — apportioned so that
/// each stage's, exit's or list's total is the rounded mean total — split into at most `cohorts`
/// equal cohorts, each with the durations of the pooled household at the cohort's middle
/// quantile (ordered by days waiting, in the stage, ready, housed or since the first request).
/// Durations are rounded to whole days.
pub fn typical_state(s: &Scenario, states: &[InitialState], cohorts: usize) -> InitialState {
    let index = |ids: Vec<&str>| -> BTreeMap<String, usize> {
        ids.into_iter()
            .enumerate()
            .map(|(i, id)| (id.to_string(), i))
            .collect()
    };
    let types = index(s.household_types.iter().map(|t| t.id.as_str()).collect());
    let stages = index(s.stages.iter().map(|t| t.id.as_str()).collect());
    let exits = index(s.exits.iter().map(|t| t.id.as_str()).collect());
    let pools = index(s.accompaniment.iter().map(|t| t.id.as_str()).collect());
    let at = |m: &BTreeMap<String, usize>, id: &str| m.get(id).copied().unwrap_or(usize::MAX);
    let none = usize::MAX;
    let mut groups: BTreeMap<Group, Vec<Item>> = BTreeMap::new();
    for state in states {
        for w in &state.waiting {
            let g = ((0, 0), at(&types, &w.household_type), 0, status(w.recourse));
            let since = w.days_since_first_request.unwrap_or(w.days_waiting);
            let item = Row::Waiting(InitialWaiting {
                count: 1,
                days_since_first_request: Some(since),
                ..w.clone()
            });
            push(&mut groups, g, w.count, w.days_waiting, item);
        }
        for o in &state.stages {
            let k = at(&stages, &o.stage);
            let to = o.ready.as_ref().map_or(none, |r| at(&stages, &r.to));
            let g = (
                (1, k),
                at(&types, &o.household_type),
                to,
                status(o.recourse),
            );
            let key = o.ready.as_ref().map_or(o.days_in_stage, |r| r.days);
            let since = o.days_since_first_request.unwrap_or(o.days_in_stage);
            let item = Row::Occupant(InitialOccupants {
                count: 1,
                days_since_first_request: Some(since),
                ..o.clone()
            });
            push(&mut groups, g, o.count, key, item);
        }
        for h in &state.housed {
            let pool = h.accompaniment.as_deref().map_or(none, |p| at(&pools, p));
            let g = (
                (2, at(&stages, &h.stage)),
                at(&types, &h.household_type),
                pool,
                0,
            );
            let item = Row::Housed(InitialHoused {
                count: 1,
                ..h.clone()
            });
            push(&mut groups, g, h.count, h.days_housed, item);
        }
        for b in &state.between_requests {
            let new_request = b.days_since_first_request.is_none() as usize;
            let g = (
                (3, at(&exits, &b.exit)),
                at(&types, &b.household_type),
                new_request,
                0,
            );
            let key = b.days_since_first_request.unwrap_or(0.0);
            let item = Row::Between(InitialBetweenRequests {
                count: 1,
                ..b.clone()
            });
            push(&mut groups, g, b.count, key, item);
        }
    }
    let n = states.len().max(1) as f64;
    // Each family's total is its rounded mean; its groups share it by largest remainders.
    let mut families: BTreeMap<Family, Vec<(Group, f64)>> = BTreeMap::new();
    for (g, items) in &groups {
        families
            .entry(g.0)
            .or_default()
            .push((*g, items.len() as f64 / n));
    }
    let mut counts: BTreeMap<Group, u32> = BTreeMap::new();
    for members in families.values() {
        let means: Vec<f64> = members.iter().map(|m| m.1).collect();
        for (m, c) in members.iter().zip(apportion(&means)) {
            counts.insert(m.0, c);
        }
    }
    let mut out = InitialState::default();
    for (g, mut items) in groups {
        let count = counts[&g];
        if count == 0 {
            continue;
        }
        items.sort_by(|a, b| a.key.total_cmp(&b.key));
        let k = cohorts.max(1).min(count as usize);
        let mut before = 0u32;
        for i in 0..k {
            let size = count / k as u32 + u32::from((i as u32) < count % k as u32);
            let q = (before as f64 + size as f64 / 2.0) / count as f64;
            let pick = ((q * items.len() as f64) as usize).min(items.len() - 1);
            before += size;
            match items[pick].row.clone() {
                Row::Waiting(w) => out.waiting.push(InitialWaiting {
                    count: size,
                    days_waiting: day(w.days_waiting),
                    days_since_first_request: w
                        .days_since_first_request
                        .map(day)
                        .filter(|&d| d != day(w.days_waiting)),
                    days_eligible: w.days_eligible.map(day),
                    recourse: w.recourse.map(day_recourse),
                    ..w
                }),
                Row::Occupant(o) => out.stages.push(InitialOccupants {
                    count: size,
                    days_in_stage: day(o.days_in_stage),
                    // Left out when equal to their default, the days in the stage.
                    days_since_first_request: o
                        .days_since_first_request
                        .map(day)
                        .filter(|&d| d != day(o.days_in_stage)),
                    dalo_clock_days: o
                        .dalo_clock_days
                        .map(day)
                        .filter(|&d| d != day(o.days_in_stage)),
                    days_eligible: o.days_eligible.map(day),
                    recourse: o.recourse.map(day_recourse),
                    ready: o.ready.map(|r| Ready {
                        days: day(r.days),
                        ..r
                    }),
                    ..o
                }),
                Row::Housed(h) => out.housed.push(InitialHoused {
                    count: size,
                    days_housed: day(h.days_housed),
                    ..h
                }),
                Row::Between(b) => out.between_requests.push(InitialBetweenRequests {
                    count: size,
                    days_since_first_request: b.days_since_first_request.map(day),
                    ..b
                }),
            }
        }
    }
    out
}

/// A recourse's status, part of a group's key: the share of households with a favourable
/// decision is a count to keep, not a draw of each cohort's representative.
fn status(r: Option<InitialRecourse>) -> usize {
    match r {
        None => 0,
        Some(InitialRecourse::None) => 1,
        Some(InitialRecourse::Favourable { .. }) => 2,
    }
}

fn push(groups: &mut BTreeMap<Group, Vec<Item>>, g: Group, count: u32, key: f64, row: Row) {
    let items = groups.entry(g).or_default();
    for _ in 0..count {
        items.push(Item {
            key,
            row: row.clone(),
        });
    }
}

/// Rounded to a whole day: precise enough for stays of months, and it keeps the shipped files
/// (and the links that carry a baseline) small. Rounding is monotone, so a duration that is at
/// least another stays so.
fn day(x: f64) -> f64 {
    x.round()
}

fn day_recourse(r: InitialRecourse) -> InitialRecourse {
    match r {
        InitialRecourse::Favourable { decision_days } => InitialRecourse::Favourable {
            decision_days: day(decision_days),
        },
        other => other,
    }
}

/// Whole numbers summing to the rounded sum of `means`, each the floor of its mean or one more
/// (largest remainders first, ties to the earlier).
/// (Public, hidden from the documentation, for its test in `crates/engine-tests`.)
#[doc(hidden)]
pub fn apportion(means: &[f64]) -> Vec<u32> {
    let total = means.iter().sum::<f64>().round() as u32;
    let mut out: Vec<u32> = means.iter().map(|m| m.floor() as u32).collect();
    let mut rest = total.saturating_sub(out.iter().sum());
    let mut order: Vec<usize> = (0..means.len()).collect();
    order.sort_by(|&a, &b| (means[b] - means[b].floor()).total_cmp(&(means[a] - means[a].floor())));
    for i in order {
        if rest == 0 {
            break;
        }
        out[i] += 1;
        rest -= 1;
    }
    out
}
