//! Outcomes counted from the household's first request (MODEL.md, sections 3, 12, 14 and 15):
//! the first-request date kept through comebacks, restarted after housing, stated for the
//! initial state.

mod common;

use common::*;
use parcours_engine::Observer;
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
