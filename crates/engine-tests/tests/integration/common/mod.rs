//! Helpers shared by the engine's integration tests: scenario builders, replication runners,
//! confidence intervals, queueing formulas and an invariant-checking observer.
#![allow(dead_code)]

use parcours_engine::stats::estimate;
use parcours_engine::{
    simulate, simulate_observed, Census, HeadlineId, Model, Observer, QueueRule, Replication,
};
use serde_json::{json, Value};

/// Days in a month, as the engine counts them.
pub const MONTH: f64 = 365.25 / 12.0;

/// A minimal valid scenario: one household type `h`, no arrivals, no stages, two exits
/// (`out` of kind "other", `home` of kind "housed"), no abandonment. Tests fill in the rest.
pub fn base(horizon_months: f64, warmup_months: f64) -> Value {
    json!({
        "format_version": 1,
        "name": {"fr": "test"},
        "territory": {"code": "00", "name": "test"},
        "start": {"year": 2026, "month": 1},
        "horizon_months": horizon_months,
        "warmup_months": warmup_months,
        "household_types": [{"id": "h", "label": {"fr": "h"}}],
        "arrivals": [],
        "waiting_list": {"abandonment_per_month": 0.0, "abandonment_exit": "out",
                         "orientation": {"default": []}},
        "stages": [],
        "exits": [
            {"id": "out", "label": {"fr": "out"}, "kind": "other"},
            {"id": "home", "label": {"fr": "home"}, "kind": "housed"}
        ],
        "dalo": {"shelter_months": 6, "temporary_housing_months": 18, "waiting_months": 36,
                 "recourse_propensity": 0.3}
    })
}

/// A Poisson arrival stream of `per_day` households per day (all of type `h`).
pub fn stream(id: &str, per_day: f64) -> Value {
    json!({"id": id, "label": {"fr": id}, "rate_per_month": per_day * MONTH, "mix": {"h": 1.0}})
}

pub fn exponential(mean_days: f64) -> Value {
    json!({"default": {"distribution": "exponential", "mean_days": mean_days}})
}

/// A place stage with `places` places, a stay distribution (per-type table) and routes
/// `[(destination, p)]` for every type.
pub fn place_stage(id: &str, places: u32, stay: Value, routes: &[(&str, f64)]) -> Value {
    let r: Vec<Value> = routes
        .iter()
        .map(|(to, p)| json!({"to": to, "p": p}))
        .collect();
    json!({"id": id, "label": {"fr": id}, "kind": "places", "places": places,
           "stay": stay, "routes": {"default": r}})
}

pub fn model(v: &Value) -> Model {
    let text = serde_json::to_string(v).expect("serialises");
    match Model::from_json(&text) {
        Ok(m) => m,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("test scenario is invalid:\n{}", lines.join("\n"))
        }
    }
}

/// The tests' fixed seeds, shifted by the environment variable `PARCOURS_TEST_SEED_OFFSET`
/// (default 0). The statistical tests must pass for any offset (their tolerances are several
/// confidence half-widths): running them with a few offsets checks that they are not tuned to
/// one lucky seed, for example after an engine change that alters the random draws.
pub fn seed(s: u64) -> u64 {
    let offset = std::env::var("PARCOURS_TEST_SEED_OFFSET")
        .ok()
        .and_then(|x| x.parse::<u64>().ok())
        .unwrap_or(0);
    s.wrapping_add(offset)
}

/// Runs replications `0..n` of `m` with `seed` (shifted by [`seed`]).
pub fn run(m: &Model, seed_: u64, n: u64) -> Vec<Replication> {
    let sd = seed(seed_);
    (0..n)
        .map(|r| simulate(m, sd, r).expect("replication runs"))
        .collect()
}

/// Runs replications with a fresh observer each, returning the observers too.
pub fn run_observed<O: Observer>(
    m: &Model,
    seed_: u64,
    n: u64,
    mut make: impl FnMut() -> O,
) -> Vec<(Replication, O)> {
    let sd = seed(seed_);
    (0..n)
        .map(|r| {
            let mut o = make();
            let rep = simulate_observed(m, sd, r, &mut o).expect("replication runs");
            (rep, o)
        })
        .collect()
}

/// One headline figure of every replication.
pub fn headline(m: &Model, reps: &[Replication], id: impl Into<HeadlineId>) -> Vec<f64> {
    let id = id.into();
    let i = m
        .layout()
        .headline_index(&id)
        .unwrap_or_else(|| panic!("no headline {id}"));
    reps.iter().map(|r| r.headlines[i]).collect()
}

/// Sum of several headlines, replication by replication.
pub fn headline_sum(m: &Model, reps: &[Replication], ids: &[HeadlineId]) -> Vec<f64> {
    let mut acc = vec![0.0; reps.len()];
    for id in ids {
        for (a, x) in acc.iter_mut().zip(headline(m, reps, id.clone())) {
            *a += x;
        }
    }
    acc
}

/// Mean and 95% Student-t half-width of independent replications' values.
pub fn mean_ci(xs: &[f64]) -> (f64, f64) {
    let e = estimate("x", xs);
    let m = e.mean.expect("values");
    (m, e.ci_high.expect("at least two values") - m)
}

/// Asserts that the replications' mean of `xs` is within
/// `max(4 × CI half-width, allowance)` of `theory`.
///
/// Four 95% half-widths are about eight standard errors: a correct model fails this by chance
/// with probability far below 1e-9 (and with fixed seeds, never once it has passed). `allowance`
/// covers a model bias the test justifies (warm-up transient, window edges), never noise.
pub fn assert_near(what: &str, xs: &[f64], theory: f64, allowance: f64) -> (f64, f64) {
    let (m, half) = mean_ci(xs);
    let tol = (4.0 * half).max(allowance);
    eprintln!("{what}: simulated {m:.5} ± {half:.5}, theory {theory:.5}, tolerance {tol:.5}");
    assert!(
        (m - theory).abs() < tol,
        "{what}: simulated {m:.5} ± {half:.5} (95% CI, {} replications), theory {theory:.5}, \
         |difference| {:.5} exceeds tolerance {tol:.5}",
        xs.len(),
        (m - theory).abs()
    );
    (m, half)
}

// ------------------------------------------------------------------ queueing formulas

/// Erlang C: probability that an arrival to an M/M/c queue with offered load `a = λ/μ`
/// (erlangs) has to wait, `C(c, a) = [a^c/c! · c/(c−a)] / [Σ_{k<c} a^k/k! + a^c/c! · c/(c−a)]`
/// (Erlang 1917; e.g. Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory*,
/// 4th ed., §2.3, eq. 2.30). Computed with the stable Erlang B recursion
/// `B(0)=1, B(k) = a·B(k−1)/(k + a·B(k−1))`, then `C = B / (1 − ρ(1 − B))`, `ρ = a/c`.
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (k as f64 + a * b);
    }
    let rho = a / c as f64;
    assert!(rho < 1.0, "unstable queue");
    b / (1.0 - rho * (1.0 - b))
}

/// Steady-state figures of an M/M/c queue with arrival rate `lambda` and service rate `mu`
/// per server (Gross et al. §2.3): `Wq = C/(cμ − λ)`, `Lq = λ·Wq` (Little), `L = Lq + λ/μ`.
#[derive(Debug, Clone, Copy)]
pub struct MMc {
    pub c: u32,
    pub lambda: f64,
    pub mu: f64,
}

impl MMc {
    pub fn offered(&self) -> f64 {
        self.lambda / self.mu
    }
    pub fn rho(&self) -> f64 {
        self.offered() / self.c as f64
    }
    pub fn p_wait(&self) -> f64 {
        erlang_c(self.c, self.offered())
    }
    pub fn wq(&self) -> f64 {
        self.p_wait() / (self.c as f64 * self.mu - self.lambda)
    }
    pub fn lq(&self) -> f64 {
        self.lambda * self.wq()
    }
    pub fn l(&self) -> f64 {
        self.lq() + self.offered()
    }
    /// P(Wq > t) = C·exp(−(cμ − λ)t).
    pub fn p_wait_longer(&self, t: f64) -> f64 {
        self.p_wait() * (-(self.c as f64 * self.mu - self.lambda) * t).exp()
    }
}

// ------------------------------------------------------------------ invariant observer

/// Checks, at every census, conservation and that no place stage holds more than its places;
/// records every admission (stage, ready_at, now) and arrival (type, now).
#[derive(Default, Clone)]
pub struct Recorder {
    pub admissions: Vec<(usize, f64, f64)>,
    pub arrivals: Vec<(usize, f64)>,
    pub censuses: Vec<Census>,
    /// First broken invariant, with the census time.
    pub violations: Vec<String>,
    /// Keep every census (memory grows with the periods; fine for short runs).
    pub keep_censuses: bool,
}

impl Recorder {
    pub fn keeping_censuses() -> Recorder {
        Recorder {
            keep_censuses: true,
            ..Recorder::default()
        }
    }
}

impl Observer for Recorder {
    fn admitted(&mut self, stage: usize, ready_at: f64, now: f64) {
        self.admissions.push((stage, ready_at, now));
    }
    fn arrived(&mut self, household_type: usize, _first_request: f64, now: f64) {
        self.arrivals.push((household_type, now));
    }
    fn census(&mut self, c: &Census) {
        let present: i64 = c.occupancy.iter().sum();
        if c.arrivals as i64 != c.waiting as i64 + present + c.exited as i64
            && self.violations.len() < 10
        {
            self.violations.push(format!(
                "day {}: arrivals {} != waiting {} + present {} + exited {}",
                c.time, c.arrivals, c.waiting, present, c.exited
            ));
        }
        for (s, (&o, &p)) in c.occupancy.iter().zip(&c.places).enumerate() {
            // Allocation stages report 0 places and never hold anybody.
            if (o > p || o < 0) && self.violations.len() < 10 {
                self.violations.push(format!(
                    "day {}: stage {s} holds {o} households for {p} places",
                    c.time
                ));
            }
        }
        if self.keep_censuses {
            self.censuses.push(c.clone());
        }
    }
}

// ------------------------------------------------------------------ a rich scenario

/// A scenario using every mechanism: two household types with `accepts`, two arrival streams
/// (seasonality, trend, a schedule), abandonment, winter places, openings and a closure below
/// occupancy, a DALO-priority stage, a zero-stay waiting room, maximum blocked time with an
/// alternative, an accompaniment pool that makes households wait for a slot, a pension de
/// famille, social housing with tenancy failures, comebacks, eviction prevention and an initial
/// state. `k` scales every capacity (places, winter places, openings, units, slots).
pub fn rich(k: f64, comebacks: bool, start_month: u32) -> Value {
    let cap = |x: f64| (x * k).round() as i64;
    // Initial occupants fit in the places at day 0 whatever the scale.
    let few = |x: f64| (x * k.min(1.0)).floor() as i64;
    let mut s = base(36.0, 0.0);
    s["start"]["month"] = json!(start_month);
    s["reporting_period_days"] = json!(1.0);
    s["household_types"] = json!([
        {"id": "single", "label": {"fr": "s"}},
        {"id": "family", "label": {"fr": "f"}}
    ]);
    s["arrivals"] = json!([
        {"id": "street", "label": {"fr": "street"}, "rate_per_month": 60.0,
         "schedule": [{"from_month": 12.0, "rate_per_month": 75.0}],
         "trend_percent_per_year": 5.0,
         "seasonality": [1.2, 1.1, 1.0, 0.9, 0.9, 0.8, 0.8, 0.9, 1.0, 1.1, 1.1, 1.2],
         "mix": {"single": 0.7, "family": 0.3}},
        {"id": "institution", "label": {"fr": "inst"}, "rate_per_month": 10.0,
         "mix": {"single": 1.0}}
    ]);
    s["waiting_list"] = json!({"abandonment_per_month": 0.2, "abandonment_exit": "street",
        "orientation": {"single": ["hu", "hotel"], "family": ["hotel", "hu"]}});
    s["stages"] = json!([
        {"id": "hu", "label": {"fr": "hu"}, "kind": "places", "places": cap(40.0),
         "winter_places": cap(15.0), "dalo_clock": "shelter", "cost_per_place_day": 30.0,
         "capacity_changes": [{"day": 100.0, "places": cap(10.0)},
                              {"day": 200.0, "places": -cap(25.0)},
                              {"day": 400.0, "places": cap(20.0)},
                              {"day": 600.0, "places": -cap(30.0)}],
         "stay": {"default": {"distribution": "lognormal", "mean_days": 30.0, "cv": 1.0}},
         "routes": {"default": [{"to": "chrs", "p": 0.4}, {"to": "lt", "p": 0.2},
                                {"to": "street", "p": 0.2}, {"to": "private", "p": 0.2}]},
         "max_blocked_days": 60.0,
         "alternative": [{"to": "pension", "p": 0.3}, {"to": "street", "p": 0.7}]},
        {"id": "hotel", "label": {"fr": "hotel"}, "kind": "places", "places": cap(20.0),
         "accepts": ["single", "family"], "dalo_clock": "shelter",
         "stay": {"family": {"distribution": "gamma", "mean_days": 40.0, "cv": 0.8},
                  "default": {"distribution": "exponential", "mean_days": 15.0}},
         "routes": {"default": [{"to": "chrs", "p": 0.5}, {"to": "street", "p": 0.3},
                                {"to": "private", "p": 0.2}]}},
        {"id": "chrs", "label": {"fr": "chrs"}, "kind": "places", "places": cap(30.0),
         "dalo_clock": "shelter",
         "stay": {"default": {"distribution": "gamma", "mean_days": 120.0, "cv": 0.7}},
         "routes": {"default": [{"to": "sas", "p": 0.3}, {"to": "lt", "p": 0.2},
                                {"to": "street", "p": 0.25}, {"to": "private", "p": 0.25}]}},
        {"id": "lt", "label": {"fr": "lt"}, "kind": "places", "places": cap(25.0),
         "queue": "dalo_priority", "dalo_clock": "temporary_housing",
         "stay": {"default": {"distribution": "exponential", "mean_days": 180.0}},
         "routes": {"default": [{"to": "hlm", "p": 0.6}, {"to": "private", "p": 0.3},
                                {"to": "street", "p": 0.1}]}},
        {"id": "sas", "label": {"fr": "sas"}, "kind": "places", "places": cap(6.0),
         "stay": {"default": {"distribution": "fixed", "days": 0.0}},
         "routes": {"default": [{"to": "hlm", "p": 1.0}]}},
        {"id": "pension", "label": {"fr": "pension"}, "kind": "places", "places": cap(10.0),
         "counts_as_housing": true,
         "stay": {"default": {"distribution": "fixed", "days": 200.0}},
         "routes": {"default": [{"to": "home", "p": 1.0}]}},
        {"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation",
         "units_per_month": cap(12.0) ,
         "unit_changes": [{"day": 300.0, "units_per_month": cap(8.0)}],
         "tenancy_failure_per_year": 0.05}
    ]);
    let comeback = if comebacks {
        json!({"probability": 0.3, "mean_months": 3.0})
    } else {
        Value::Null
    };
    let mut street = json!({"id": "street", "label": {"fr": "street"}, "kind": "street"});
    if comebacks {
        street["comeback"] = comeback;
    }
    s["exits"] = json!([
        street,
        {"id": "private", "label": {"fr": "private"}, "kind": "private_or_family"},
        {"id": "home", "label": {"fr": "home"}, "kind": "housed"}
    ]);
    s["accompaniment"] = json!([
        {"id": "asll", "label": {"fr": "asll"}, "slots": cap(8.0), "stages": ["chrs", "lt"],
         "when_full": "wait", "stay_multiplier": 0.8, "street_shift": 0.5, "shift_to": "hlm",
         "tenancy_failure_multiplier": 0.5, "months_in_housing": 3.0}
    ]);
    s["prevention"] = json!({"cases_per_month": 20.0, "mix": {"single": 0.5, "family": 0.5},
        "capacity_per_month": 10.0, "success_rate": 0.6, "share_to_waiting_list": 0.5});
    if !comebacks {
        // No tenancy failures either: both make arrivals depend on what happened in the stages.
        s["stages"][6]["tenancy_failure_per_year"] = json!(0.0);
    }
    s["initial_state"] = json!({
        "waiting": [{"type": "single", "count": 15, "days_waiting": 30.0},
                    {"type": "family", "count": 5, "days_waiting": 10.0}],
        "stages": [{"stage": "hu", "type": "single", "count": few(30.0), "days_in_stage": 10.0},
                   {"stage": "chrs", "type": "family", "count": few(20.0), "days_in_stage": 60.0},
                   {"stage": "lt", "type": "single", "count": few(10.0), "days_in_stage": 300.0}]
    });
    s
}

// ------------------------------------------------------------------ whole-run checks

/// Engine bug shown by `invariants.rs::fifo_holds_after_a_timeout_to_the_alternative`: a household
/// that times out (`max_blocked_days`) keeps the ready date of its first destination, so the
/// admissions to the alternative destination are reported with a ready date that is not the one
/// their queue is ordered by. While this is `true`, FIFO is not checked at stages reached by an
/// alternative route (every shipped scenario has one); set it to `false` once the bug is fixed.
pub const ALTERNATIVE_READY_DATE_BUG: bool = false;

/// Stages whose FIFO order is not checked (see [`ALTERNATIVE_READY_DATE_BUG`]).
pub fn fifo_exemptions(m: &Model) -> Vec<usize> {
    if !ALTERNATIVE_READY_DATE_BUG {
        return Vec::new();
    }
    let s = m.scenario();
    let mut out = Vec::new();
    for st in &s.stages {
        if let parcours_engine::StageKind::Places(p) = &st.kind {
            for r in &p.alternative {
                if let Some(k) = s.stages.iter().position(|x| x.id == r.to) {
                    out.push(k);
                }
            }
        }
    }
    out
}

/// Checks conservation and capacity at every census, FIFO on first-come-first-served stages, and
/// that no place stays idle while households wait for it.
pub fn check_run(name: &str, m: &Model, seed: u64, rep: u64) -> Recorder {
    let mut r = Recorder::keeping_censuses();
    let out = simulate_observed(m, seed, rep, &mut r)
        .unwrap_or_else(|e| panic!("{name}: replication {rep} failed: {e}"));
    assert!(
        r.violations.is_empty(),
        "{name} (seed {seed}, replication {rep}):\n{}",
        r.violations.join("\n")
    );
    assert_fifo(name, m, &r, &fifo_exemptions(m));
    assert_no_idle_place(name, m, &r);
    assert!(out.events > 0);
    r
}

/// FIFO: on first-come-first-served stages (other than those in `skip`), admissions come in
/// non-decreasing order of the date the household became ready to enter.
pub fn assert_fifo(name: &str, m: &Model, r: &Recorder, skip: &[usize]) {
    let stages = &m.scenario().stages;
    let mut last = vec![f64::NEG_INFINITY; stages.len()];
    for &(s, ready, now) in &r.admissions {
        assert!(
            now >= ready,
            "{name}: admitted to {} at {now} before being ready at {ready}",
            stages[s].id
        );
        if stages[s].queue == QueueRule::Fcfs && !skip.contains(&s) {
            assert!(
                ready >= last[s],
                "{name}: FIFO broken at stage '{}': on day {now} admitted a household ready since \
                 {ready}, after one ready since {}",
                stages[s].id,
                last[s]
            );
            last[s] = ready;
        }
    }
}

/// No place stays free while households wait for it: whenever somebody is on the waiting list,
/// every stage that every household type is oriented to is full (a waiting household is queued at
/// all its oriented stages and takes the first free place; the engine fills free places after
/// every event, so this holds exactly at every census).
pub fn assert_no_idle_place(name: &str, m: &Model, r: &Recorder) {
    let s = m.scenario();
    let ids: Vec<&str> = s.stages.iter().map(|x| x.id.as_str()).collect();
    let oriented = |t: &str| -> Vec<usize> {
        let o = &s.waiting_list.orientation;
        let list = o
            .get(t)
            .or_else(|| o.get("default"))
            .cloned()
            .unwrap_or_default();
        list.iter()
            .filter_map(|id| ids.iter().position(|x| x == id))
            .collect()
    };
    let common: Vec<usize> = (0..ids.len())
        .filter(|k| {
            s.household_types
                .iter()
                .all(|t| oriented(&t.id).contains(k))
        })
        .collect();
    for c in &r.censuses {
        if c.waiting == 0 {
            continue;
        }
        for &k in &common {
            assert!(
                c.occupancy[k] >= c.places[k],
                "{name}: on day {}, {} households wait while stage '{}' has {} of {} places taken",
                c.time,
                c.waiting,
                ids[k],
                c.occupancy[k],
                c.places[k]
            );
        }
    }
}
