//! Outcomes counted from the household's first request (MODEL.md, sections 3, 12, 14 and 15):
//! the first-request date kept through comebacks, restarted after housing, stated for the
//! initial state; the Kaplan–Meier curve from first request to housing and where the requests
//! stand months later; households on the street between two requests.

use crate::common::*;
use parcours_engine::{
    default_scenario, CohortState, HeadlineId, Model, Observer, Replication, StageHeadline,
    SystemHeadline, COHORT_MONTHS,
};
use serde_json::json;

/// Every first housing: (first request, latest arrival, housing day).
#[derive(Default)]
struct Housings(Vec<(f64, f64, f64)>);

impl Observer for Housings {
    fn housed(&mut self, first_request: f64, arrival: f64, now: f64) {
        self.0.push((first_request, arrival, now));
    }
}

/// Requests only in the first month (a schedule drops the stream to 0), one place stage whose
/// leavers go to the street (and come back, all of them) or are housed.
fn revolving_door() -> serde_json::Value {
    let mut s = base(36.0, 0.0);
    let mut arrivals = stream("in", 2.0);
    arrivals["schedule"] = json!([{"from_month": 1, "rate_per_month": 0.0}]);
    s["arrivals"] = json!([arrivals]);
    s["waiting_list"]["orientation"] = json!({"default": ["shelter"]});
    s["stages"] = json!([place_stage(
        "shelter",
        20,
        exponential(30.0),
        &[("street", 0.6), ("home", 0.4)]
    )]);
    s["exits"] = json!([
        {"id": "out", "label": {"fr": "out"}, "kind": "other"},
        {"id": "home", "label": {"fr": "home"}, "kind": "housed"},
        {"id": "street", "label": {"fr": "street"}, "kind": "street",
         "comeback": {"probability": 1.0, "mean_months": 2.0}}
    ]);
    s
}

#[test]
fn a_comeback_keeps_its_first_request() {
    let m = model(&revolving_door());
    let mut obs = Housings::default();
    parcours_engine::simulate_observed(&m, seed(11), 0, &mut obs).expect("runs");
    let housings = &obs.0;
    // About 60 requests, 40 % housed at each passage: nearly all are housed within 3 years.
    assert!(housings.len() > 30, "{} housings", housings.len());
    // Every request was made in the first month, whatever the number of comebacks since.
    for &(first, arrival, now) in housings {
        assert!(first < MONTH, "first request {first} after the first month");
        assert!(first <= arrival && arrival <= now);
    }
    // Some were housed after coming back (their latest arrival is after the first month).
    let after_comeback = housings.iter().filter(|h| h.1 > MONTH).count();
    assert!(
        after_comeback > 5,
        "{after_comeback} housed after a comeback"
    );
}

#[test]
fn a_tenancy_failure_is_a_new_request() {
    let mut s = revolving_door();
    s["stages"] = json!([
        place_stage("shelter", 20, exponential(30.0), &[("hlm", 1.0)]),
        {"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation", "units_per_month": 60.0,
         "tenancy_failure_per_year": 2.0}
    ]);
    let m = model(&s);
    let mut obs = Housings::default();
    parcours_engine::simulate_observed(&m, seed(12), 0, &mut obs).expect("runs");
    // A housing whose request came after the first month is a household back after a failed
    // tenancy: its request is the failure's day, the day it arrived on the waiting list.
    let again: Vec<_> = obs.0.iter().filter(|h| h.0 > MONTH).collect();
    assert!(again.len() > 10, "{} housed again", again.len());
    for &&(first, arrival, _) in &again {
        assert_eq!(
            first, arrival,
            "a new request starts when the household arrives"
        );
    }
}

#[test]
fn the_initial_state_states_its_first_requests() {
    let mut s = base(12.0, 0.0);
    s["waiting_list"]["orientation"] = json!({"default": ["hlm"]});
    s["stages"] = json!([
        place_stage("shelter", 10, exponential(5.0), &[("hlm", 1.0)]),
        {"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation", "units_per_month": 30.0}
    ]);
    s["initial_state"] = json!({
        "waiting": [{"type": "h", "count": 3, "days_waiting": 20.0,
                     "days_since_first_request": 400.0},
                    {"type": "h", "count": 2, "days_waiting": 30.0}],
        "stages": [{"stage": "shelter", "type": "h", "count": 4, "days_in_stage": 10.0,
                    "days_since_first_request": 200.0},
                   {"stage": "shelter", "type": "h", "count": 1, "days_in_stage": 15.0}]
    });
    let m = model(&s);
    let mut obs = Housings::default();
    parcours_engine::simulate_observed(&m, seed(13), 0, &mut obs).expect("runs");
    let mut firsts: Vec<f64> = obs.0.iter().map(|h| h.0).collect();
    firsts.sort_by(f64::total_cmp);
    // Stated dates, and by default the time already spent waiting or in the stage.
    assert_eq!(
        firsts,
        [-400.0, -400.0, -400.0, -200.0, -200.0, -200.0, -200.0, -30.0, -30.0, -15.0]
    );

    // A first request later than the time already spent there is refused, by its path.
    s["initial_state"]["stages"][0]["days_since_first_request"] = json!(5.0);
    let text = serde_json::to_string(&s).unwrap();
    let errors = parcours_engine::Model::from_json(&text).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].path,
        "initial_state.stages[0].days_since_first_request"
    );
}

/// Every request and every first housing of one replication, with exact times.
#[derive(Default)]
struct Requests {
    /// Days of the new requests (arrivals whose first request is now).
    made: Vec<f64>,
    /// (first request, housing day) of every first housing.
    housed: Vec<(f64, f64)>,
}

impl Observer for Requests {
    fn arrived(&mut self, _ty: usize, first_request: f64, now: f64) {
        if first_request == now {
            self.made.push(now);
        }
    }
    fn housed(&mut self, first_request: f64, _arrival: f64, now: f64) {
        self.housed.push((first_request, now));
    }
}

impl Requests {
    /// The cohort's (follow-up until the horizon, time to housing or ∞) of the requests made in
    /// the window [warm-up, horizon).
    fn cohort(&self, warmup: f64, horizon: f64) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = self
            .made
            .iter()
            .filter(|&&r| r >= warmup)
            .map(|&r| {
                let housed = self
                    .housed
                    .iter()
                    .find(|h| h.0 == r)
                    .map_or(f64::INFINITY, |h| h.1 - r);
                (horizon - r, housed)
            })
            .collect();
        out.sort_by(|a, b| a.1.total_cmp(&b.1));
        out
    }
}

/// The Kaplan–Meier cumulative share housed at `t` from exact times (an independent
/// computation): at each distinct housing time u ≤ t, S ×= 1 − d(u) / #{members followed at
/// least until u and not housed before u}, d(u) the members housed at u.
fn kaplan_meier_exact(cohort: &[(f64, f64)], t: f64) -> f64 {
    let mut times: Vec<f64> = cohort
        .iter()
        .filter(|c| c.1 <= t && c.1 <= c.0)
        .map(|c| c.1)
        .collect();
    times.dedup();
    let mut s = 1.0;
    for u in times {
        let at_risk = cohort.iter().filter(|c| c.0 >= u && c.1 >= u).count() as f64;
        let housed = cohort.iter().filter(|c| c.1 == u).count() as f64;
        s *= 1.0 - housed / at_risk;
    }
    1.0 - s
}

fn cohort_row(rep: &Replication, state: CohortState) -> &[f64] {
    &rep.cohort[state.index()]
}

/// Requests only in the first month, followed 40 months: nobody is censored before the last
/// month mark (36), so the Kaplan–Meier share equals the plain share of the cohort housed by
/// then, at every mark, to rounding; the median is the middle housing time, to one step of the
/// engine's tally (1/32 month).
#[test]
fn kaplan_meier_equals_the_plain_cohort_share_when_nothing_is_censored() {
    let mut s = revolving_door();
    s["horizon_months"] = json!(40.0);
    s["stages"] = json!([
        place_stage("shelter", 20, exponential(60.0), &[("street", 0.6), ("hlm", 0.4)]),
        {"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation", "units_per_month": 3.0}
    ]);
    let m = model(&s);
    let horizon = 40.0 * MONTH;
    let median = m
        .layout()
        .headline_index(&SystemHeadline::MedianDaysFirstRequestToHousing.into())
        .unwrap();
    for (rep, obs) in run_observed(&m, 21, 4, Requests::default) {
        let cohort = obs.cohort(0.0, horizon);
        let n = cohort.len() as f64;
        assert!(n > 40.0, "{n} requests");
        for mark in 0..=COHORT_MONTHS {
            let t = mark as f64 * MONTH;
            let plain = cohort.iter().filter(|c| c.1 <= t).count() as f64 / n;
            let km = cohort_row(&rep, CohortState::Housed)[mark];
            assert!(
                (km - plain).abs() < 1e-12,
                "month {mark}: KM {km}, plain {plain}"
            );
        }
        // The median: the ⌈n/2⌉-th housing time, read at the end of its step.
        let k = (n / 2.0).ceil() as usize;
        let middle = cohort[k - 1].1;
        let engine = rep.headlines[median];
        if middle.is_finite() {
            assert!(
                engine >= middle && engine < middle + MONTH / 32.0 + 1e-9,
                "median {engine}, middle housing time {middle}"
            );
        } else {
            assert!(
                engine.is_nan(),
                "median {engine} although fewer than half were housed"
            );
        }
    }
}

/// Requests all along a window after a warm-up, so that most are censored by the horizon: the
/// engine's curve equals an exact Kaplan–Meier estimate computed here from the households' own
/// times, within the error its tally in steps of 1/32 month allows. Within one step, the engine
/// keeps members censored in it at risk for the step's housings (censoring after events): for
/// a step with d housings among n at risk and c censored, the factor moves by at most
/// d·c / (n·(n − c)), and a product of factors in [0, 1] moves by at most the sum of these
/// moves. The test computes that bound from the data and asserts it, plus 10⁻⁹.
#[test]
fn kaplan_meier_with_censoring_matches_an_exact_estimate() {
    let mut s = revolving_door();
    s["horizon_months"] = json!(30.0);
    s["warmup_months"] = json!(6.0);
    s["arrivals"] = json!([stream("in", 1.0)]);
    s["stages"] = json!([
        place_stage("shelter", 40, exponential(40.0), &[("street", 0.5), ("hlm", 0.5)]),
        {"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation", "units_per_month": 14.0}
    ]);
    let m = model(&s);
    let (warmup, horizon) = (6.0 * MONTH, 30.0 * MONTH);
    let step = MONTH / 32.0;
    for (rep, obs) in run_observed(&m, 22, 3, Requests::default) {
        let cohort = obs.cohort(warmup, horizon);
        let censored = cohort.iter().filter(|c| c.1 > c.0).count();
        assert!(
            censored * 4 > cohort.len(),
            "{censored} of {} censored",
            cohort.len()
        );
        // The bound: steps b hold times in ((b − 1)·step, b·step].
        let step_of = |t: f64| (t / step).ceil() as i64;
        let mut bound = 0.0;
        let mut steps: Vec<i64> = cohort
            .iter()
            .filter(|c| c.1 <= c.0)
            .map(|c| step_of(c.1))
            .collect();
        steps.dedup();
        for b in steps {
            let d = cohort
                .iter()
                .filter(|c| c.1 <= c.0 && step_of(c.1) == b)
                .count() as f64;
            let c = cohort
                .iter()
                .filter(|x| step_of(x.0) == b && x.1 > x.0)
                .count() as f64;
            let n = cohort
                .iter()
                .filter(|x| step_of(x.0) >= b && step_of(x.1.min(x.0)) >= b)
                .count() as f64;
            if c > 0.0 {
                bound += d * c / (n * (n - c));
            }
        }
        for mark in [1, 3, 6, 12, 18, 23] {
            let t = mark as f64 * MONTH;
            let exact = kaplan_meier_exact(&cohort, t);
            let km = cohort_row(&rep, CohortState::Housed)[mark];
            assert!(
                (km - exact).abs() <= bound + 1e-9,
                "month {mark}: engine {km}, exact {exact}, bound {bound}"
            );
        }
        // No request is followed 24 months (the window is 24 months long): the curve stops.
        assert!(cohort_row(&rep, CohortState::Housed)[24].is_nan());
    }
}

/// The requests' states at every month mark are shares that sum to 1, and the housed share never
/// falls, on the default territory (every mechanism at work: comebacks, closures, pensions,
/// DALO priority, accompaniment, prevention).
#[test]
fn cohort_states_are_shares_that_sum_to_one() {
    let mut s = default_scenario();
    s.horizon_months = 30.0;
    let m = Model::new(&s).unwrap();
    for rep in run(&m, 23, 4) {
        let mut previous = 0.0;
        for mark in 0..=COHORT_MONTHS {
            let row: Vec<f64> = CohortState::ALL
                .iter()
                .map(|&st| cohort_row(&rep, st)[mark])
                .collect();
            if mark >= 30 {
                assert!(row.iter().all(|x| x.is_nan()), "month {mark}: {row:?}");
                continue;
            }
            assert!(row.iter().all(|&x| (0.0..=1.0).contains(&x)), "{row:?}");
            let sum: f64 = row.iter().sum();
            assert!(
                (sum - 1.0).abs() < 1e-9,
                "month {mark}: {row:?} sums to {sum}"
            );
            let housed = row[CohortState::Housed.index()];
            assert!(housed >= previous, "the housed share falls at month {mark}");
            previous = housed;
        }
        // The headlines are the curve's points at 6, 12 and 24 months.
        for (months, id) in [
            (6, SystemHeadline::ShareHoused6mAfterFirstRequest),
            (12, SystemHeadline::ShareHoused12mAfterFirstRequest),
            (24, SystemHeadline::ShareHoused24mAfterFirstRequest),
        ] {
            let i = m.layout().headline_index(&id.into()).unwrap();
            assert_eq!(
                rep.headlines[i],
                cohort_row(&rep, CohortState::Housed)[months]
            );
        }
        let gone12 = m
            .layout()
            .headline_index(&SystemHeadline::ShareGone12mAfterFirstRequest.into())
            .unwrap();
        assert_eq!(
            rep.headlines[gone12],
            cohort_row(&rep, CohortState::Gone)[12]
        );
    }
}

/// Requests queue for one social-housing flow, nothing else: an M/M/1 queue (Poisson requests
/// λ = 0.1 a day, Poisson dwellings μ = 0.15 a day served first come first served), whose time
/// from request to housing is exponential with rate μ − λ (e.g. Gross et al., *Fundamentals of
/// Queueing Theory*, 4th ed., §2.2.4). So the share housed within t is 1 − e^{−(μ−λ)t}, no
/// request is ever in a place or gone (the waiting list holds the rest), and a unit is used
/// with probability ρ = λ/μ (it is lost when nobody waits). Tolerances: `assert_near` (four
/// 95 % half-widths).
#[test]
fn time_to_housing_through_a_single_flow_is_the_m_m_1_sojourn_time() {
    let (lambda, mu) = (0.1, 0.15);
    let mut s = base(72.0, 12.0);
    s["arrivals"] = json!([stream("in", lambda)]);
    s["waiting_list"]["orientation"] = json!({"default": ["hlm"]});
    s["stages"] = json!([{"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation",
                          "units_per_month": mu * MONTH}]);
    let m = model(&s);
    let reps = run(&m, 24, 400);
    for months in [1usize, 2] {
        let xs: Vec<f64> = reps
            .iter()
            .map(|r| cohort_row(r, CohortState::Housed)[months])
            .collect();
        let theory = 1.0 - (-(mu - lambda) * months as f64 * MONTH).exp();
        assert_near(&format!("housed within {months} months"), &xs, theory, 0.0);
        for r in &reps {
            let waiting = cohort_row(r, CohortState::WaitingList)[months];
            assert!((waiting + cohort_row(r, CohortState::Housed)[months] - 1.0).abs() < 1e-12);
            for st in [
                CohortState::InPlace,
                CohortState::Gone,
                CohortState::StreetBetweenRequests,
            ] {
                assert_eq!(cohort_row(r, st)[months], 0.0);
            }
        }
    }
    let use_ = headline(&m, &reps, HeadlineId::stage("hlm", StageHeadline::UnitsUse));
    assert_near("share of units used", &use_, lambda / mu, 0.0);
}

/// The median from first request to housing, where times are independent: every request enters
/// a shelter at once (ample places), stays an exponential 20 days and is housed. Its median is
/// 20 ln 2 = 13.86 days. Tolerance: four 95 % half-widths, plus one step of the tally (0.95 day)
/// above, since the median is read at the end of its step. (Where times are correlated, as in
/// a queue, the mean of the replications' medians lies above the median of the pooled law: each
/// replication's congestion differs, and by Jensen's inequality the mean of ln 2 / θ exceeds
/// ln 2 / mean θ. That is why this test avoids a queue.)
#[test]
fn median_days_from_first_request_to_housing() {
    let mut s = base(36.0, 0.0);
    s["arrivals"] = json!([stream("in", 1.0)]);
    s["waiting_list"]["orientation"] = json!({"default": ["shelter"]});
    s["stages"] = json!([place_stage(
        "shelter",
        200,
        exponential(20.0),
        &[("home", 1.0)]
    )]);
    let m = model(&s);
    let reps = run(&m, 26, 100);
    let medians = headline(&m, &reps, SystemHeadline::MedianDaysFirstRequestToHousing);
    let (mean, half) = mean_ci(&medians);
    let theory = 20.0 * 2f64.ln();
    eprintln!("median: simulated {mean:.3} ± {half:.3}, theory {theory:.3}");
    assert!(
        mean > theory - 4.0 * half && mean < theory + 4.0 * half + MONTH / 32.0,
        "median {mean:.3} ± {half:.3}, theory {theory:.3}"
    );
}

/// Households on the street between two requests: every request goes through a shelter with
/// free places and leaves it to the street (p = 0.6, every one comes back after a mean 2 months)
/// or to housing. Arrivals on the list, new and comebacks, come at A = λ / (1 − 0.6) a day, so
/// comebacks are scheduled at 0.6·A a day and, by Little's law, 0.6·A × 2 months of them are
/// pending on average. (The system starts empty; three years of warm-up let the chains of
/// comebacks, about three months a passage, reach their steady state.) The requests' count without a solution is the waiting list plus them,
/// and its household-days per year are that level × 365.25.
#[test]
fn street_between_requests_follows_littles_law() {
    let lambda = 2.0;
    let mut s = revolving_door();
    s["arrivals"] = json!([stream("in", lambda)]);
    s["horizon_months"] = json!(72.0);
    s["warmup_months"] = json!(36.0);
    s["stages"] = json!([place_stage(
        "shelter",
        400,
        exponential(30.0),
        &[("street", 0.6), ("home", 0.4)]
    )]);
    let m = model(&s);
    let reps = run(&m, 25, 30);
    let theory = 0.6 * lambda / (1.0 - 0.6) * 2.0 * MONTH;
    let between = headline(&m, &reps, SystemHeadline::StreetBetweenRequests);
    assert_near("street between requests", &between, theory, 0.0);
    let waiting = headline(&m, &reps, SystemHeadline::Unsheltered);
    let without = headline(&m, &reps, SystemHeadline::WithoutSolution);
    let days = headline(
        &m,
        &reps,
        SystemHeadline::HouseholdDaysWithoutSolutionPerYear,
    );
    for i in 0..reps.len() {
        assert!((without[i] - waiting[i] - between[i]).abs() < 1e-9 * without[i].max(1.0));
        assert!((days[i] - 365.25 * without[i]).abs() < 1e-9 * days[i].max(1.0));
    }
}
