//! The initial state: where the territory is at day 0 (MODEL.md, section 14).

use crate::common::*;
use parcours_engine::run_in::{apportion, run_in_scenario, typical_state};
use parcours_engine::{
    default_scenario, simulate, simulate_observed, simulate_to_end, InitialState, Model, Observer,
    SeriesId, StageKind, StageSeries, SystemHeadline,
};
use serde_json::json;

/// More initial occupants than places at day 0 (a scenario, or the places lever, that closes
/// places): not an error, the closure rule of MODEL.md 6.3 — the last households in (the
/// smallest `days_in_stage`) go back to the waiting list at day 0, where they queue behind the
/// households already waiting (who joined before day 0).
#[test]
fn occupants_above_the_places_at_day_0_go_through_the_closure_rule() {
    let mut s = base(2.0, 0.0);
    s["stages"] = json!([
        place_stage("shelter", 10, exponential(1e4), &[("out", 1.0)]),
        place_stage("other", 0, exponential(1e4), &[("out", 1.0)])
    ]);
    s["waiting_list"]["orientation"] = json!({"default": ["shelter", "other"]});
    s["initial_state"] = json!({
        "stages": [
            {"stage": "shelter", "type": "h", "count": 9, "days_in_stage": 300.0},
            {"stage": "shelter", "type": "h", "count": 3, "days_in_stage": 5.0}
        ],
        "waiting": [{"type": "h", "count": 1, "days_waiting": 40.0}]
    });
    let m = model(&s);
    let reps = run_observed(&m, 1, 5, Recorder::keeping_censuses);
    for (_, obs) in &reps {
        assert!(obs.violations.is_empty(), "{:?}", obs.violations);
        let day0 = &obs.censuses[0];
        assert_eq!(day0.time, 0.0);
        assert_eq!(day0.occupancy[0], 10, "the stage keeps its 10 places full");
        assert_eq!(day0.waiting, 3, "2 sent back + 1 already waiting");
    }
}

/// The app's places lever set below the occupancy (Haute-Garonne CHRS 451 → 400): the scenario
/// validates and the CHRS never holds more than its 400 places.
#[test]
fn the_places_lever_can_go_below_the_current_occupancy() {
    let mut s = default_scenario();
    let chrs = s.stages.iter_mut().find(|x| x.id == "chrs").unwrap();
    let StageKind::Places(p) = &mut chrs.kind else {
        panic!("chrs is a place stage")
    };
    p.places = 400;
    let m = Model::new(&s).unwrap_or_else(|e| panic!("CHRS 400 rejected: {e:?}"));
    let rep = simulate(&m, 1, 0).expect("runs");
    let l = m.layout();
    let occ = l
        .series_index(&SeriesId::stage("chrs", StageSeries::Occupancy))
        .unwrap();
    for (p, v) in rep.series[occ].iter().enumerate() {
        assert!(
            *v <= 400.0 + 1e-9,
            "period {p}: CHRS holds {v} for 400 places"
        );
    }
}

/// Records admissions and first housings (with the first-request date).
#[derive(Default)]
struct Log {
    admitted: Vec<(usize, f64, f64)>,
    housed: Vec<(f64, f64)>,
}

impl Observer for Log {
    fn admitted(&mut self, stage: usize, ready_at: f64, now: f64) {
        self.admitted.push((stage, ready_at, now));
    }
    fn housed(&mut self, first_request: f64, _arrival: f64, now: f64) {
        self.housed.push((first_request, now));
    }
}

fn fixed(days: f64) -> serde_json::Value {
    json!({"default": {"distribution": "fixed", "days": days}})
}

/// Two stages: `a` (holding, 3 places) and `b` (1 place, taken by an occupant leaving at day 5,
/// then a 1,000-day stay each). The ready households of `a` wait for `b`.
fn two_stages() -> serde_json::Value {
    let mut s = base(3.0, 0.0);
    s["stages"] = json!([
        place_stage("a", 3, fixed(1e4), &[("b", 1.0)]),
        place_stage("b", 1, fixed(1000.0), &[("out", 1.0)])
    ]);
    s["waiting_list"]["orientation"] = json!({"default": ["b"]});
    s
}

/// A ready occupant may wait for a stage its stage's routes never lead to (the initial state is
/// observed, the routes modelled): it waits there like any other, and the run does not index a
/// wait that the routes alone did not make possible (found by the stable fuzzer, RELIABILITY.md).
#[test]
fn a_ready_occupant_may_wait_for_a_stage_no_route_leads_to() {
    let mut s = two_stages();
    let mut stages = s["stages"].as_array().unwrap().clone();
    stages.push(place_stage("c", 1, fixed(1000.0), &[("out", 1.0)]));
    s["stages"] = json!(stages);
    s["initial_state"] = json!({"stages": [
        {"stage": "c", "type": "h", "count": 1, "days_in_stage": 995.0},
        {"stage": "a", "type": "h", "count": 1, "days_in_stage": 50.0,
         "ready": {"to": "c", "days": 10.0}}
    ]});
    let m = model(&s);
    let mut log = Log::default();
    simulate_observed(&m, 1, 0, &mut log).expect("runs");
    // Day 5: c's place frees, and the household ready for it since day -10 takes it.
    assert_eq!(log.admitted, vec![(2, -10.0, 5.0)]);
}

/// A ready occupant is blocked at day 0 for the stage it waits for, and enters it when a place
/// frees there, first come first served by the day it became ready (MODEL.md 14.1).
#[test]
fn ready_occupants_start_blocked_and_queue_by_their_ready_date() {
    let mut s = two_stages();
    s["initial_state"] = json!({
        "stages": [
            {"stage": "b", "type": "h", "count": 1, "days_in_stage": 995.0},
            {"stage": "a", "type": "h", "count": 1, "days_in_stage": 50.0,
             "ready": {"to": "b", "days": 10.0}},
            {"stage": "a", "type": "h", "count": 1, "days_in_stage": 60.0,
             "ready": {"to": "b", "days": 30.0}}
        ],
        // Waiting 20 days: between the two ready households in the queue for `b`.
        "waiting": [{"type": "h", "count": 1, "days_waiting": 20.0}]
    });
    let m = model(&s);
    let mut log = Log::default();
    let rep = simulate_observed(&m, 1, 0, &mut log).expect("runs");
    // Day 5: b's place frees; the household ready for 30 days (since day -30) takes it.
    assert_eq!(log.admitted, vec![(1, -30.0, 5.0)]);
    // Both ready households were blocked in `a` from day 0 to day 5, then one of them.
    let blocked = m
        .layout()
        .series_index(&SeriesId::stage("a", StageSeries::Blocked))
        .unwrap();
    let month = 365.25 / 12.0;
    let expected = (2.0 * 5.0 + 1.0 * (month - 5.0)) / month;
    assert!((rep.series[blocked][0] - expected).abs() < 1e-9);
    let queue = m
        .layout()
        .series_index(&SeriesId::stage("b", StageSeries::Queue))
        .unwrap();
    // b's queue: two blocked + one waiting until day 5, then two.
    assert!((rep.series[queue][0] - (3.0 * 5.0 + 2.0 * (month - 5.0)) / month).abs() < 1e-9);
}

/// A ready occupant blocked longer than its stage's `max_blocked_days` has already been
/// re-routed: it waits for its destination with no further time-out; one blocked for less
/// takes the alternative route when the maximum is reached.
#[test]
fn ready_occupants_keep_their_stage_s_maximum_blocked_time() {
    let mut s = two_stages();
    s["stages"][0]["max_blocked_days"] = json!(30.0);
    s["stages"][0]["alternative"] = json!([{"to": "out", "p": 1.0}]);
    s["initial_state"] = json!({
        "stages": [
            {"stage": "b", "type": "h", "count": 1, "days_in_stage": 0.0},
            {"stage": "a", "type": "h", "count": 1, "days_in_stage": 50.0,
             "ready": {"to": "b", "days": 10.0}},
            {"stage": "a", "type": "h", "count": 1, "days_in_stage": 60.0,
             "ready": {"to": "b", "days": 40.0}}
        ]
    });
    let m = model(&s);
    let rep = simulate(&m, 1, 0).expect("runs");
    let blocked = m
        .layout()
        .series_index(&SeriesId::stage("a", StageSeries::Blocked))
        .unwrap();
    // The one ready for 10 days leaves by the alternative at day 20; the other stays blocked
    // (b's place is taken for 1,000 days).
    let month = 365.25 / 12.0;
    assert!((rep.series[blocked][0] - (2.0 * 20.0 + (month - 20.0)) / month).abs() < 1e-9);
    assert!((rep.series[blocked][2] - 1.0).abs() < 1e-9);
}

/// Households housed before day 0 fail with the stage's hazard from their age on, only within
/// the failure window: with hazard λ and window W, a tenancy aged a fails before the window
/// closes with probability 1 − exp(−λ(W − a)), and one aged W or more never does.
#[test]
fn housed_before_day_0_fail_from_their_age_within_the_window() {
    let lambda = 0.5; // a year
    let window_months = 24.0;
    let mut s = base(36.0, 0.0);
    s["stages"] = json!([{"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation",
        "units_per_month": 0.0, "tenancy_failure_per_year": lambda,
        "tenancy_failure_months": window_months}]);
    s["waiting_list"]["orientation"] = json!({"default": ["hlm"]});
    s["initial_state"] = json!({"housed": [
        {"stage": "hlm", "type": "h", "count": 200, "days_housed": 365.25},
        {"stage": "hlm", "type": "h", "count": 200, "days_housed": 800.0}
    ]});
    let m = model(&s);
    let reps = run(&m, 1, 100);
    let failures = headline(&m, &reps, SystemHeadline::TenancyFailuresPerYear);
    // Per replication over 3 years: 200 × (1 − e^{−λ × 1 year}) from the first group (its
    // window closes a year after day 0), none from the second (800 days > 24 months).
    let expected = 200.0 * (1.0 - (-lambda * 1.0f64).exp()) / 3.0;
    assert_near("failures a year", &failures, expected, 0.0);
}

/// A housed household's accompaniment keeps its slot for the rest of the pool's months in
/// housing: the end state of a run still holds it before that, no longer after.
#[test]
fn housed_accompaniment_holds_its_slot_for_the_rest_of_its_months() {
    let with_horizon = |months: f64| {
        let mut s = base(months, 0.0);
        s["stages"] = json!([
            place_stage("a", 1, fixed(1e4), &[("out", 1.0)]),
            {"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation", "units_per_month": 0.0}
        ]);
        s["waiting_list"]["orientation"] = json!({"default": ["a"]});
        s["accompaniment"] = json!([{"id": "asll", "label": {"fr": "asll"}, "slots": 1,
            "stages": ["a"], "months_in_housing": 6.0}]);
        s["initial_state"] = json!({"housed": [
            {"stage": "hlm", "type": "h", "count": 1, "days_housed": 91.3, "accompaniment": "asll"}
        ]});
        simulate_to_end(&model(&s), 1, 0).expect("runs")
    };
    // 6 months in housing = 182.6 days, 91.3 already spent: released about 3 months after day 0.
    let before = with_horizon(2.0);
    assert_eq!(before.housed.len(), 1);
    assert_eq!(before.housed[0].accompaniment.as_deref(), Some("asll"));
    assert!((before.housed[0].days_housed - (91.3 + 2.0 * 365.25 / 12.0)).abs() < 1e-9);
    let after = with_horizon(4.0);
    assert_eq!(after.housed.len(), 1, "no failure hazard: still housed");
    assert_eq!(after.housed[0].accompaniment, None);
}

/// Households between two requests come back after the exit's comeback delay (memoryless):
/// N(1 − e^{−T/mean}) of them by day T, with the first-request date they carry.
#[test]
fn households_between_requests_come_back_with_their_request() {
    let mut s = base(2.0, 0.0);
    s["exits"][0]["comeback"] = json!({"probability": 1.0, "mean_months": 1.0});
    s["stages"] = json!([{"id": "flat", "label": {"fr": "flat"}, "kind": "places",
        "places": 1000, "stay": fixed(1e4), "routes": {"default": [{"to": "out", "p": 1.0}]},
        "counts_as_housing": true}]);
    s["waiting_list"]["orientation"] = json!({"default": ["flat"]});
    s["initial_state"] = json!({"between_requests": [
        {"exit": "out", "type": "h", "count": 100, "days_since_first_request": 400.0}
    ]});
    let m = model(&s);
    let mut back = Vec::new();
    for r in 0..50 {
        let mut log = Log::default();
        simulate_observed(&m, seed(1), r, &mut log).expect("runs");
        // Housed at once on their return, their request dating from day −400.
        assert!(log.housed.iter().all(|h| h.0 == -400.0));
        back.push(log.housed.len() as f64);
    }
    assert_near(
        "back within 2 months",
        &back,
        100.0 * (1.0 - (-2.0f64).exp()),
        0.0,
    );
}

/// The end state of a run is a valid initial state of the same scenario, and so is the typical
/// state of several; the typical state keeps each stage within its places and its counts are
/// the rounded means.
#[test]
fn end_states_and_their_typical_state_are_valid_initial_states() {
    let s = default_scenario();
    let before = run_in_scenario(&s, 3);
    assert_eq!(before.start.year, s.start.year - 3);
    assert!(before
        .arrivals
        .iter()
        .all(|a| a.trend_percent_per_year == 0.0));
    let m = Model::new(&before).expect("valid run-in");
    let states: Vec<InitialState> = (0..3)
        .map(|r| simulate_to_end(&m, 1, r).expect("runs"))
        .collect();
    let mut again = s.clone();
    again.initial_state = states[0].clone();
    Model::new(&again).unwrap_or_else(|e| panic!("end state rejected: {e:?}"));
    assert!(!states[0].housed.is_empty() && !states[0].between_requests.is_empty());
    assert!(states[0].stages.iter().any(|o| o.ready.is_some()));
    let typical = typical_state(&before, &states, 8);
    again.initial_state = typical.clone();
    Model::new(&again).unwrap_or_else(|e| panic!("typical state rejected: {e:?}"));
    let total = |st: &InitialState| -> f64 { st.stages.iter().map(|o| o.count as f64).sum() };
    let mean = states.iter().map(total).sum::<f64>() / 3.0;
    // Each stage's total is its rounded mean (so the sum is within half a household a stage).
    assert!((total(&typical) - mean).abs() <= 0.5 * s.stages.len() as f64);
    let waiting = |st: &InitialState| -> f64 { st.waiting.iter().map(|o| o.count as f64).sum() };
    let mean_waiting = states.iter().map(waiting).sum::<f64>() / 3.0;
    assert_eq!(waiting(&typical), mean_waiting.round());
    for st in &s.stages {
        if let StageKind::Places(p) = &st.kind {
            let n: u32 = typical
                .stages
                .iter()
                .filter(|o| o.stage == st.id)
                .map(|o| o.count)
                .sum();
            assert!(n <= p.places + p.winter_places, "{}: {n}", st.id);
        }
    }
}

/// Every new group of the initial state is checked, each problem at its field's path.
#[test]
fn the_initial_state_s_groups_are_validated_field_by_field() {
    let mut s = two_stages();
    s["stages"].as_array_mut().unwrap().push(
        json!({"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation", "units_per_month": 1.0}),
    );
    s["initial_state"] = json!({
        "stages": [
            {"stage": "a", "type": "h", "count": 1, "days_in_stage": 5.0,
             "ready": {"to": "nowhere", "days": 1.0}},
            {"stage": "a", "type": "h", "count": 1, "days_in_stage": 5.0,
             "ready": {"to": "a", "days": 1.0}},
            {"stage": "a", "type": "h", "count": 1, "days_in_stage": 5.0,
             "ready": {"to": "b", "days": 6.0}}
        ],
        "housed": [
            {"stage": "a", "type": "h", "count": 1, "days_housed": 1.0},
            {"stage": "hlm", "type": "h", "count": 1, "days_housed": 1.0, "accompaniment": "ghost"}
        ],
        "between_requests": [
            {"exit": "out", "type": "h", "count": 1},
            {"exit": "gone", "type": "h", "count": 1, "days_since_first_request": -1.0}
        ]
    });
    let errors = Model::from_json(&s.to_string()).expect_err("invalid");
    let got: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    for expected in [
        "initial_state.stages[0].ready.to: unknown stage 'nowhere'",
        "initial_state.stages[1].ready.to: 'a' is the stage the household is in, expected the stage it waits to enter",
        "initial_state.stages[2].ready.days: 6 is out of range, expected 0 to 5",
        "initial_state.housed[0].stage: 'a' is not an allocation stage, expected the stage that housed the households",
        "initial_state.housed[1].accompaniment: unknown accompaniment pool 'ghost'",
        "initial_state.between_requests[0].exit: nobody comes back from exit 'out' (it has no comeback), expected an exit with one",
        "initial_state.between_requests[1].exit: unknown exit 'gone'",
        "initial_state.between_requests[1].days_since_first_request: -1 is out of range, expected 0 to 36525",
    ] {
        assert!(got.iter().any(|g| g == expected), "missing «{expected}» in {got:#?}");
    }
    assert_eq!(got.len(), 8, "{got:#?}");
}

#[test]
fn apportion_keeps_the_rounded_total() {
    assert_eq!(apportion(&[1.5, 1.5, 1.0]), vec![2, 1, 1]);
    assert_eq!(apportion(&[0.4, 0.4, 0.4]), vec![1, 0, 0]);
    assert_eq!(apportion(&[2.0, 3.0]), vec![2, 3]);
    assert_eq!(apportion(&[]), Vec::<u32>::new());
}
