//! The fluid (mean-flow) approximation: a deterministic preview of a scenario's means, fast
//! enough to redraw while a slider moves (MODEL.md 16.6).
//!
//! It reads the very same compiled [`Model`] the simulation runs and integrates stocks of
//! households with a fixed daily Euler step over the horizon: the waiting list by type, each
//! place stage's households within their stay and those ready and blocked (by destination), the
//! comebacks pending by exit, the tenancies still within their failure window. Every flow is the
//! mean of the simulation's: arrivals and eviction cases at their monthly rates, stays ended at
//! 1 / mean stay, routes split by their probabilities, admissions up to the free places (or the
//! units of an allocation stage) shared between the queue's households in proportion to their
//! numbers, abandonment, comebacks, timeouts to the alternative route, closures back to the list.
//!
//! Like every fluid limit it has no queue below saturation and no randomness: it is good where
//! a resource is clearly free or clearly short, poor near saturation, where the simulation's
//! queues come from randomness alone ([`FluidEstimate::reliable`] says which).
//!
//! One file, longer than most: [`fluid_with_step`] is one day's integration, every flow beside
//! the others that feed the same stocks, and reads best whole (its tests are in `crates/engine-tests/tests/integration/fluid.rs`).

// Stocks are flat tables indexed by (stage, destination, type) together: index loops read clearer.
#![allow(clippy::needless_range_loop)]

use crate::scenario::{ExitKind, MONTH_DAYS};
use crate::validate::{CKind, Dest, Model, Table};

/// Integration step, days. Stays are weeks to years, so a day changes the means by well under
/// a percent (checked by `daily_step_has_converged`, `crates/engine-tests`).
pub const STEP_DAYS: f64 = 1.0;

/// A place stage whose time-averaged occupancy is above this share of its places is counted
/// as saturated (MODEL.md 16.6: where the approximation is poor).
pub const SATURATED_UTILISATION: f64 = 0.95;
/// The approximation is flagged unreliable when a saturated stage's queue is below this share of
/// its places (neither clearly free nor clearly short: the simulation's queue there is made by
/// randomness, which the fluid model has not).
pub const CRITICAL_QUEUE_SHARE: f64 = 0.1;
/// ... or when more than this share of all place-stage occupants are ready and blocked: not a
/// failure measured (the two-stage chain at 35 % is within 5 %) but a precaution, since every
/// measured case stays below it.
pub const STRONG_BLOCKING_SHARE: f64 = 0.5;

/// One place or allocation stage's means over the reporting window.
#[derive(Debug, Clone, PartialEq)]
pub struct FluidStage {
    pub id: String,
    /// Open places, time average (0 for an allocation stage).
    pub places: f64,
    /// Households in the stage, blocked ones included, time average.
    pub occupancy: f64,
    /// Households ready to leave and blocked in the stage, time average.
    pub blocked: f64,
    /// Entries (allocations for an allocation stage) per year.
    pub entries_per_year: f64,
    /// Occupancy over places; for an allocation stage, units used over units offered. NaN
    /// when the stage has no capacity.
    pub utilisation: f64,
    /// Households queued to enter (blocked elsewhere for it, or oriented waiting households,
    /// counted at each stage they are oriented to), time average.
    pub queue: f64,
}

/// The approximation's means over the reporting window (the simulation's headline ids).
#[derive(Debug, Clone, PartialEq)]
pub struct FluidEstimate {
    /// `unsheltered`: households on the waiting list.
    pub unsheltered: f64,
    /// `street_between_requests`.
    pub street_between_requests: f64,
    /// `without_solution` = the two above.
    pub without_solution: f64,
    /// `housed_per_year`: first housings per year.
    pub housed_per_year: f64,
    /// `blocked_places`: ready households blocked, all place stages.
    pub blocked: f64,
    pub stages: Vec<FluidStage>,
    /// Share of place-stage occupants who are ready and blocked.
    pub blocked_share: f64,
    /// False near saturation or with strong blocking, where the tolerances of MODEL.md 16.6 do
    /// not hold: the page must say so rather than show the figures.
    pub reliable: bool,
}

/// Where a ready household goes, with its probability.
#[derive(Clone, Copy)]
struct Branch {
    p: f64,
    to: Dest,
}

fn branches(t: &Table) -> Vec<Branch> {
    let mut prev = 0.0;
    t.dests
        .iter()
        .zip(&t.cumulative)
        .map(|(&to, &c)| {
            let b = Branch { p: c - prev, to };
            prev = c;
            b
        })
        .collect()
}

/// The stocks and their window integrals; allocated once per evaluation.
struct State {
    s: usize,
    t: usize,
    waiting: Vec<f64>,
    /// in_stay[s * T + t]: not yet ready.
    in_stay: Vec<f64>,
    /// ready[(s * S + d) * T + t]: ready in s, blocked for stage d (may still time out).
    ready: Vec<f64>,
    /// rerouted[(s * S + d) * T + t]: blocked after the alternative route (no further timeout).
    rerouted: Vec<f64>,
    /// comeback[e * T + t]: left by exit e, comeback pending.
    comeback: Vec<f64>,
    /// tenancy[s * T + t]: housed by allocation stage s, within the failure window.
    tenancy: Vec<f64>,
    places: Vec<f64>,
    housed: f64,
}

impl State {
    fn occupancy(&self, s: usize) -> f64 {
        let nt = self.t;
        let stay: f64 = self.in_stay[s * nt..(s + 1) * nt].iter().sum();
        stay + self.blocked(s)
    }
    fn blocked(&self, s: usize) -> f64 {
        let (ns, nt) = (self.s, self.t);
        let r = s * ns * nt..(s + 1) * ns * nt;
        self.ready[r.clone()].iter().sum::<f64>() + self.rerouted[r].iter().sum::<f64>()
    }
}

/// Evaluates the approximation over the model's horizon, one day a step.
pub fn fluid(model: &Model) -> FluidEstimate {
    fluid_with_step(model, STEP_DAYS)
}

/// [`fluid`] with another step, days (the tests check that the daily step has converged).
pub fn fluid_with_step(model: &Model, dt: f64) -> FluidEstimate {
    let c = &model.c;
    let sc = model.scenario();
    let (ns, nt, ne) = (c.stages.len(), sc.household_types.len(), c.exits.len());
    let mut st = State {
        s: ns,
        t: nt,
        waiting: vec![0.0; nt],
        in_stay: vec![0.0; ns * nt],
        ready: vec![0.0; ns * ns * nt],
        rerouted: vec![0.0; ns * ns * nt],
        comeback: vec![0.0; ne * nt],
        tenancy: vec![0.0; ns * nt],
        places: vec![0.0; ns],
        housed: 0.0,
    };
    let housing_stage: Vec<bool> = c
        .stages
        .iter()
        .map(|s| matches!(&s.kind, CKind::Places(p) if p.counts_as_housing))
        .collect();
    // Routes by stage and type: unaccompanied, and with the stage's first pool's shift.
    let routes: Vec<Vec<(Vec<Branch>, Vec<Branch>)>> = c
        .stages
        .iter()
        .map(|s| match &s.kind {
            CKind::Places(p) => p
                .routes
                .iter()
                .map(|r| {
                    let plain = branches(&r[0]);
                    let acc = s
                        .pools
                        .first()
                        .map_or(plain.clone(), |&k| branches(&r[k + 1]));
                    (plain, acc)
                })
                .collect(),
            CKind::Allocation(_) => Vec::new(),
        })
        .collect();
    let alternative: Vec<Vec<Branch>> = c
        .stages
        .iter()
        .map(|s| match &s.kind {
            CKind::Places(p) => branches(&p.alternative),
            CKind::Allocation(_) => Vec::new(),
        })
        .collect();
    let mean_stay: Vec<f64> = c
        .stages
        .iter()
        .flat_map(|s| match &s.kind {
            CKind::Places(p) => p.stay.iter().map(|l| l.mean()).collect::<Vec<_>>(),
            CKind::Allocation(_) => vec![0.0; nt],
        })
        .collect();
    let shares = |cum: &[f64]| -> Vec<f64> {
        let mut prev = 0.0;
        cum.iter()
            .map(|&x| {
                let d = x - prev;
                prev = x;
                d
            })
            .collect()
    };
    let stream_mix: Vec<Vec<f64>> = c.streams.iter().map(|s| shares(&s.mix)).collect();
    let prevention_mix = c.prevention.as_ref().map(|p| shares(&p.mix));
    let oriented: Vec<Vec<bool>> = (0..ns)
        .map(|d| {
            (0..nt)
                .map(|t| c.waiting_list.orientation[t].contains(&d))
                .collect()
        })
        .collect();

    for (s, stage) in c.stages.iter().enumerate() {
        if let CKind::Places(p) = &stage.kind {
            st.places[s] = p.initial_places as f64;
        }
    }
    // Initial state.
    for w in &c.initial.waiting {
        st.waiting[w.ty] += w.count as f64;
    }
    for o in &c.initial.occupants {
        match o.ready {
            Some((d, _)) => st.ready[(o.stage * ns + d) * nt + o.ty] += o.count as f64,
            None => st.in_stay[o.stage * nt + o.ty] += o.count as f64,
        }
    }
    for h in &c.initial.housed {
        if let CKind::Allocation(a) = &c.stages[h.stage].kind {
            if h.days_housed < a.failure_window {
                st.tenancy[h.stage * nt + h.ty] += h.count as f64;
            }
        }
    }
    for b in &c.initial.between {
        st.comeback[b.exit * nt + b.ty] += b.count as f64;
    }
    let mut next_event = 0;
    let steps = (c.horizon / dt).ceil() as usize;
    // Window integrals.
    let (mut int_wait, mut int_street) = (0.0, 0.0);
    let mut int_occ = vec![0.0; ns];
    let mut int_blocked = vec![0.0; ns];
    let mut int_places = vec![0.0; ns];
    let mut entries = vec![0.0; ns];
    // Units offered by allocation stages; households still queued after admissions.
    let mut capacity = vec![0.0; ns];
    let mut int_queue = vec![0.0; ns];
    let mut window_days = 0.0;
    // Per-step scratch.
    let mut accompanied = vec![0.0; c.pools.len()];
    let mut failures_by_type = vec![0.0; nt];
    let street: Vec<bool> = c.exits.iter().map(|e| e.kind == ExitKind::Street).collect();

    for k in 0..steps {
        let t0 = k as f64 * dt;
        let h = dt.min(c.horizon - t0);
        let in_window = t0 >= c.warmup;
        let w_share = if in_window { h } else { 0.0 };
        while next_event < c.capacity_events.len() && c.capacity_events[next_event].0 <= t0 {
            let (_, s, d) = c.capacity_events[next_event];
            st.places[s] += d as f64;
            next_event += 1;
        }
        let month = (t0 / MONTH_DAYS) as usize;
        // Arrivals.
        for (s, mix) in c.streams.iter().zip(&stream_mix) {
            let rate = s.monthly_rate_per_day[month.min(s.monthly_rate_per_day.len() - 1)];
            for (w, m) in st.waiting.iter_mut().zip(mix) {
                *w += rate * m * h;
            }
        }
        // Tenancy failures, and the eviction cases they join.
        failures_by_type.iter_mut().for_each(|x| *x = 0.0);
        let mut failures = 0.0;
        for (s, stage) in c.stages.iter().enumerate() {
            if let CKind::Allocation(a) = &stage.kind {
                let leave = if a.failure_window.is_finite() {
                    1.0 / a.failure_window.max(h)
                } else {
                    0.0
                };
                for t in 0..nt {
                    let x = &mut st.tenancy[s * nt + t];
                    let f = *x * a.failure_per_day * h;
                    *x -= f + *x * leave * h;
                    failures_by_type[t] += f;
                    failures += f;
                }
            }
        }
        match (&c.prevention, &prevention_mix) {
            (Some(p), Some(mix)) => {
                let cases = p.cases_per_day * h + failures;
                let handled = cases.min(p.capacity_per_month.floor() / MONTH_DAYS * h);
                let unresolved_share = if cases > 0.0 {
                    (1.0 - handled / cases * p.success_rate) * p.share_to_waiting_list
                } else {
                    0.0
                };
                for t in 0..nt {
                    st.waiting[t] +=
                        (p.cases_per_day * h * mix[t] + failures_by_type[t]) * unresolved_share;
                }
            }
            _ => {
                for t in 0..nt {
                    st.waiting[t] += failures_by_type[t];
                }
            }
        }
        // Comebacks.
        for (e, exit) in c.exits.iter().enumerate() {
            if let Some((_, mean_days)) = exit.comeback {
                let rate = (h / mean_days.max(h)).min(1.0);
                for t in 0..nt {
                    let x = st.comeback[e * nt + t] * rate;
                    st.comeback[e * nt + t] -= x;
                    st.waiting[t] += x;
                }
            }
        }
        // Accompanied share of each pool's attached occupants.
        for (k, pool) in c.pools.iter().enumerate() {
            let occ: f64 = (0..ns)
                .filter(|&s| pool.attached[s])
                .map(|s| st.occupancy(s))
                .sum();
            accompanied[k] = if occ > 0.0 {
                (pool.slots as f64 / occ).min(1.0)
            } else {
                1.0
            };
        }
        // Ends of stays, and timeouts of blocked households to the alternative route.
        let mut housed_now = 0.0;
        for (s, stage) in c.stages.iter().enumerate() {
            let CKind::Places(p) = &stage.kind else {
                continue;
            };
            let (a, mult) = stage.pools.first().map_or((0.0, 1.0), |&k| {
                (accompanied[k], c.pools[k].stay_multiplier)
            });
            for t in 0..nt {
                let mean = mean_stay[s * nt + t] * (1.0 - a + a * mult);
                let done = st.in_stay[s * nt + t] * (h / mean.max(h)).min(1.0);
                if done <= 0.0 {
                    continue;
                }
                st.in_stay[s * nt + t] -= done;
                let (plain, acc) = &routes[s][t];
                for (bs, w) in [(plain, 1.0 - a), (acc, a)] {
                    if w <= 0.0 {
                        continue;
                    }
                    for b in bs {
                        let x = done * w * b.p;
                        match b.to {
                            Dest::Stage(d) => st.ready[(s * ns + d) * nt + t] += x,
                            Dest::Exit(e) => {
                                housed_now += leave_by(&mut st, c, e, t, x, housing_stage[s]);
                            }
                        }
                    }
                }
            }
            if let Some(max) = p.max_blocked_days {
                let rate = (h / max.max(h)).min(1.0);
                for d in 0..ns {
                    for t in 0..nt {
                        let i = (s * ns + d) * nt + t;
                        let x = st.ready[i] * rate;
                        if x <= 0.0 {
                            continue;
                        }
                        st.ready[i] -= x;
                        for b in &alternative[s] {
                            match b.to {
                                Dest::Stage(d2) => st.rerouted[(s * ns + d2) * nt + t] += x * b.p,
                                Dest::Exit(e) => {
                                    housed_now +=
                                        leave_by(&mut st, c, e, t, x * b.p, housing_stage[s]);
                                }
                            }
                        }
                    }
                }
            }
        }
        // Admissions, stage by stage, shared in proportion to the queue's households.
        for d in 0..ns {
            let mut demand = 0.0;
            for s in 0..ns {
                for t in 0..nt {
                    let i = (s * ns + d) * nt + t;
                    demand += st.ready[i] + st.rerouted[i];
                }
            }
            for t in 0..nt {
                if oriented[d][t] {
                    demand += st.waiting[t];
                }
            }
            let supply = match &c.stages[d].kind {
                CKind::Places(_) => (st.places[d] - st.occupancy(d)).max(0.0),
                CKind::Allocation(a) => {
                    let rate = a
                        .rates
                        .iter()
                        .rev()
                        .find(|r| r.0 <= t0)
                        .map_or(0.0, |r| r.1);
                    rate * h
                }
            };
            let f = if demand > 0.0 {
                (supply / demand).min(1.0)
            } else {
                0.0
            };
            if in_window {
                if matches!(c.stages[d].kind, CKind::Allocation(_)) {
                    capacity[d] += supply;
                }
                int_queue[d] += demand * (1.0 - f) * h;
            }
            if f <= 0.0 {
                continue;
            }
            let to_housing = housing_stage[d] || matches!(c.stages[d].kind, CKind::Allocation(_));
            let mut admitted = 0.0;
            for s in 0..ns {
                for t in 0..nt {
                    let i = (s * ns + d) * nt + t;
                    let x = (st.ready[i] + st.rerouted[i]) * f;
                    if x <= 0.0 {
                        continue;
                    }
                    st.ready[i] *= 1.0 - f;
                    st.rerouted[i] *= 1.0 - f;
                    admitted += x;
                    if to_housing && !housing_stage[s] {
                        housed_now += x;
                    }
                    enter(&mut st, c, d, t, x);
                }
            }
            for t in 0..nt {
                if oriented[d][t] {
                    let x = st.waiting[t] * f;
                    st.waiting[t] -= x;
                    admitted += x;
                    if to_housing {
                        housed_now += x;
                    }
                    enter(&mut st, c, d, t, x);
                }
            }
            if in_window {
                entries[d] += admitted;
            }
        }
        // Abandonment of the waiting list.
        let ab = (c.waiting_list.abandon_per_day * h).min(1.0);
        if ab > 0.0 {
            for t in 0..nt {
                let x = st.waiting[t] * ab;
                st.waiting[t] -= x;
                housed_now += leave_by(&mut st, c, c.waiting_list.abandon_exit, t, x, false);
            }
        }
        // Closures: households beyond the places go back to the list (newest in stay first).
        for s in 0..ns {
            if !matches!(c.stages[s].kind, CKind::Places(_)) {
                continue;
            }
            let excess = st.occupancy(s) - st.places[s];
            if excess <= 1e-12 {
                continue;
            }
            let stay: f64 = st.in_stay[s * nt..(s + 1) * nt].iter().sum();
            let from_stay = excess.min(stay);
            for t in 0..nt {
                let x = if stay > 0.0 {
                    st.in_stay[s * nt + t] * from_stay / stay
                } else {
                    0.0
                };
                st.in_stay[s * nt + t] -= x;
                st.waiting[t] += x;
            }
            let rest = excess - from_stay;
            let blocked = st.blocked(s);
            if rest > 0.0 && blocked > 0.0 {
                let f = (rest / blocked).min(1.0);
                for d in 0..ns {
                    for t in 0..nt {
                        let i = (s * ns + d) * nt + t;
                        let x = (st.ready[i] + st.rerouted[i]) * f;
                        st.ready[i] *= 1.0 - f;
                        st.rerouted[i] *= 1.0 - f;
                        st.waiting[t] += x;
                    }
                }
            }
        }
        if in_window {
            window_days += h;
            st.housed += housed_now;
            int_wait += st.waiting.iter().sum::<f64>() * w_share;
            for e in 0..ne {
                if street[e] {
                    int_street += st.comeback[e * nt..(e + 1) * nt].iter().sum::<f64>() * w_share;
                }
            }
            for s in 0..ns {
                int_occ[s] += st.occupancy(s) * w_share;
                int_blocked[s] += st.blocked(s) * w_share;
                int_places[s] += st.places[s] * w_share;
            }
        }
    }
    let days = window_days.max(1e-9);
    let years = days / 365.25;
    let stages: Vec<FluidStage> = sc
        .stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let is_places = matches!(c.stages[s].kind, CKind::Places(_));
            let places = int_places[s] / days;
            let utilisation = if !is_places {
                if capacity[s] > 0.0 {
                    entries[s] / capacity[s]
                } else {
                    f64::NAN
                }
            } else if places > 0.0 {
                int_occ[s] / days / places
            } else {
                f64::NAN
            };
            FluidStage {
                id: stage.id.clone(),
                places: if is_places { places } else { 0.0 },
                occupancy: if is_places { int_occ[s] / days } else { 0.0 },
                blocked: if is_places {
                    int_blocked[s] / days
                } else {
                    0.0
                },
                entries_per_year: entries[s] / years,
                utilisation,
                queue: int_queue[s] / days,
            }
        })
        .collect();
    let unsheltered = int_wait / days;
    let street_between_requests = int_street / days;
    let blocked: f64 = stages.iter().map(|s| s.blocked).sum();
    let occupants: f64 = stages.iter().map(|s| s.occupancy).sum();
    let blocked_share = if occupants > 0.0 {
        blocked / occupants
    } else {
        0.0
    };
    let reliable = reliability(&stages, blocked_share);
    FluidEstimate {
        unsheltered,
        street_between_requests,
        without_solution: unsheltered + street_between_requests,
        housed_per_year: st.housed / years,
        blocked,
        stages,
        blocked_share,
        reliable,
    }
}

/// Whether the tolerances hold (MODEL.md 16.6).
fn reliability(stages: &[FluidStage], blocked_share: f64) -> bool {
    unreliable(stages, blocked_share).is_none()
}

/// Why the approximation is poor here (MODEL.md 16.6), the first reason found.
fn unreliable(stages: &[FluidStage], blocked_share: f64) -> Option<Unreliable> {
    let saturated = stages.iter().find(|s| {
        s.places > 0.0
            && s.utilisation > SATURATED_UTILISATION
            && s.queue < CRITICAL_QUEUE_SHARE * s.places
    });
    match saturated {
        Some(s) => Some(Unreliable::Saturated {
            stage: s.id.clone(),
            utilisation: s.utilisation,
        }),
        None => (blocked_share > STRONG_BLOCKING_SHARE)
            .then_some(Unreliable::StrongBlocking { blocked_share }),
    }
}

/// Why an approximation is flagged unreliable (MODEL.md 16.6), for the page to say.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Unreliable {
    /// A place stage is saturated (its utilisation over [`SATURATED_UTILISATION`]) while its
    /// queue is short: there the simulation's queue comes from randomness alone.
    Saturated { stage: String, utilisation: f64 },
    /// More than [`STRONG_BLOCKING_SHARE`] of the place stages' occupants are blocked.
    StrongBlocking { blocked_share: f64 },
}

impl FluidEstimate {
    /// Why the tolerances do not hold here; `None` exactly when [`FluidEstimate::reliable`].
    pub fn unreliable(&self) -> Option<Unreliable> {
        unreliable(&self.stages, self.blocked_share)
    }
}

/// A household entering stage `d` (a place stage: its stay starts; an allocation: housed).
fn enter(st: &mut State, c: &crate::validate::Compiled, d: usize, t: usize, x: f64) {
    match &c.stages[d].kind {
        CKind::Places(_) => st.in_stay[d * st.t + t] += x,
        CKind::Allocation(a) => {
            if a.failure_per_day > 0.0 && a.failure_window > 0.0 {
                st.tenancy[d * st.t + t] += x;
            }
        }
    }
}

/// `x` households of type `t` leaving by exit `e`; returns those newly housed.
fn leave_by(
    st: &mut State,
    c: &crate::validate::Compiled,
    e: usize,
    t: usize,
    x: f64,
    already_housed: bool,
) -> f64 {
    let exit = &c.exits[e];
    if let Some((p, _)) = exit.comeback {
        st.comeback[e * st.t + t] += x * p;
    }
    if exit.kind == ExitKind::Housed && !already_housed {
        x
    } else {
        0.0
    }
}
