//! DALO as the law works (MODEL.md, section 11): eligible households ready and waiting file a
//! recourse; the mediation commission decides after its delay, favourably for a share; a
//! favourable decision gives priority in `dalo_priority` queues and starts the prefect's
//! deadline to rehouse; the « délai anormalement long » runs from the first request.

use crate::common::*;
use parcours_engine::{Model, Replication, SeriesId, SystemHeadline, SystemSeries};
use serde_json::{json, Value};

const MONTH_DAYS: f64 = 365.25 / 12.0;

/// A stay longer than any run here (30,000 days).
fn forever() -> Value {
    json!({"default": {"distribution": "fixed", "days": 30000.0}})
}

fn series(m: &Model, rep: &Replication, id: SystemSeries) -> Vec<f64> {
    let i = m.layout().series_index(&SeriesId::from(id)).unwrap();
    rep.series[i].clone()
}

/// `n` households in a shelter (DALO shelter clock of 1.5 months), ready at day 0 and blocked
/// for social housing that has no dwelling: eligible at 1.5 months, recourse then, favourable
/// decision 3 months later (4.5), deadline 6 months after it (10.5). Every step's date falls
/// inside a month, so each is counted in its month.
fn blocked_shelter(n: u32, propensity: f64, favourable: f64) -> Value {
    let mut s = base(12.0, 0.0);
    let mut shelter = place_stage("shelter", n, forever(), &[("hlm", 1.0)]);
    shelter["dalo_clock"] = json!("shelter");
    s["stages"] = json!([shelter, {"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation",
        "units_per_month": 0.0, "queue": "dalo_priority"}]);
    s["waiting_list"]["orientation"] = json!({"default": ["shelter"]});
    s["dalo"] = json!({"shelter_months": 1.5, "temporary_housing_months": 18,
        "waiting_months": 100, "recourse_propensity": propensity,
        "favourable_share": favourable, "decision_months": 3, "rehousing_deadline_months": 6});
    s["initial_state"] = json!({"stages": [{"stage": "shelter", "type": "h", "count": n,
        "days_in_stage": 0.0, "ready": {"to": "hlm", "days": 0.0}}]});
    s
}

#[test]
fn recourse_decision_and_deadline_each_in_their_month() {
    let m = model(&blocked_shelter(10, 1.0, 1.0));
    let rep = run(&m, 1, 1).pop().unwrap();
    let at = |k: usize| {
        let mut v = vec![0.0; 12];
        v[k] = 10.0;
        v
    };
    assert_eq!(series(&m, &rep, SystemSeries::DaloRecourses), at(1));
    assert_eq!(
        series(&m, &rep, SystemSeries::DaloFavourableDecisions),
        at(4)
    );
    assert_eq!(
        series(&m, &rep, SystemSeries::DaloDecisionsPastDeadline),
        at(10)
    );
    let overdue = series(&m, &rep, SystemSeries::DaloHouseholdsPastDeadline);
    assert_eq!(overdue, [vec![0.0; 10], vec![10.0; 2]].concat());
    // Eligible from 1.5 months, all blocked (ready and waiting), none within a planned stay.
    let waiting = series(&m, &rep, SystemSeries::DaloEligibleReadyAndWaiting);
    assert_eq!(waiting, [vec![0.0; 1], vec![10.0; 11]].concat());
    let in_stay = series(&m, &rep, SystemSeries::DaloEligibleWithinPlannedStay);
    assert!(in_stay.iter().all(|&x| x == 0.0));
    let per_year = headline(&m, &[rep], SystemHeadline::DaloRecoursesPerYear);
    assert_eq!(per_year, vec![10.0]);
}

/// Households eligible within a planned stay (not ready) file nothing; they are counted apart.
#[test]
fn eligible_within_a_planned_stay_do_not_file() {
    let mut s = blocked_shelter(10, 1.0, 1.0);
    s["initial_state"]["stages"][0]
        .as_object_mut()
        .unwrap()
        .remove("ready");
    let m = model(&s);
    let rep = run(&m, 1, 1).pop().unwrap();
    assert!(series(&m, &rep, SystemSeries::DaloRecourses)
        .iter()
        .all(|&x| x == 0.0));
    let in_stay = series(&m, &rep, SystemSeries::DaloEligibleWithinPlannedStay);
    assert_eq!(in_stay[11], 10.0);
}

/// Recourses are filed with the propensity, and decided favourably with the favourable share
/// (binomial counts over 2,000 households; tolerance from the replications' interval).
#[test]
fn propensity_and_favourable_share_are_the_shares_drawn() {
    let m = model(&blocked_shelter(2000, 0.3, 0.36));
    let reps = run(&m, 5, 10);
    let filed = headline(&m, &reps, SystemHeadline::DaloRecoursesPerYear);
    let favourable = headline(&m, &reps, SystemHeadline::DaloFavourableDecisionsPerYear);
    assert_near("recourses", &filed, 2000.0 * 0.3, 0.0);
    assert_near(
        "favourable decisions",
        &favourable,
        2000.0 * 0.3 * 0.36,
        0.0,
    );
}

/// Two groups blocked for social housing: `early` (in a stage with no DALO clock, never
/// eligible) ready 100 days before `late` (in a shelter, eligible after a month). Dwellings
/// come from month 6, after the decisions. Who gets them first depends on the rule.
fn two_groups(priority: &str, propensity: f64) -> Value {
    let mut s = base(9.0, 0.0);
    let mut shelter = place_stage("shelter", 20, forever(), &[("hlm", 1.0)]);
    shelter["dalo_clock"] = json!("shelter");
    let other = place_stage("other", 20, forever(), &[("hlm", 1.0)]);
    s["stages"] = json!([shelter, other, {"id": "hlm", "label": {"fr": "hlm"},
        "kind": "allocation", "units_per_month": 0.0, "queue": "dalo_priority",
        "unit_changes": [{"day": 6.0 * MONTH_DAYS, "units_per_month": 10.0}]}]);
    s["waiting_list"]["orientation"] = json!({"default": ["shelter"]});
    s["dalo"] = json!({"shelter_months": 1, "temporary_housing_months": 18,
        "waiting_months": 100, "recourse_propensity": propensity, "favourable_share": 1.0,
        "decision_months": 3, "rehousing_deadline_months": 6, "priority": priority});
    s["initial_state"] = json!({"stages": [
        {"stage": "other", "type": "h", "count": 20, "days_in_stage": 200.0,
         "ready": {"to": "hlm", "days": 200.0}},
        {"stage": "shelter", "type": "h", "count": 20, "days_in_stage": 100.0,
         "ready": {"to": "hlm", "days": 100.0}}
    ]});
    s
}

/// Per replication: (dwellings allocated, of which to the shelter group). The first dwellings
/// come from month 6, about 30 in the 3 months.
fn served(s: &Value) -> Vec<(f64, f64)> {
    let m = model(s);
    let total = |r: &Replication, stage: &str| {
        let i = m
            .layout()
            .series_index(&SeriesId::stage(stage, parcours_engine::StageSeries::Exits))
            .unwrap();
        r.series[i].iter().sum::<f64>()
    };
    run(&m, 2, 20)
        .iter()
        .map(|r| (total(r, "hlm"), total(r, "shelter")))
        .collect()
}

#[test]
fn priority_goes_to_favourable_decisions_by_law_or_to_eligibility_if_chosen() {
    // Whoever has priority is served first: the shelter group gets min(20, units) when it has
    // priority, and what is left after the 20 ready earlier, max(0, units − 20), when not.
    let first = |units: f64| units.min(20.0);
    let after = |units: f64| (units - 20.0).max(0.0);
    // The law: the shelter group's favourable decisions (month 1 + 3) put it first.
    for (units, shelter) in served(&two_groups("favourable_decision", 1.0)) {
        assert_eq!(shelter, first(units));
    }
    // No recourse filed: eligibility alone gives no priority by law — first come, first served.
    for (units, shelter) in served(&two_groups("favourable_decision", 0.0)) {
        assert_eq!(shelter, after(units));
    }
    // Engine version 1's rule: eligibility alone is priority.
    for (units, shelter) in served(&two_groups("eligibility", 0.0)) {
        assert_eq!(shelter, first(units));
    }
}

/// A household housed before its decision has no decision counted, and none is past deadline.
#[test]
fn housing_before_the_decision_makes_it_moot() {
    let mut s = blocked_shelter(10, 1.0, 1.0);
    // Dwellings for all from month 3, before the decisions of month 4.5.
    s["stages"][1]["unit_changes"] = json!([{"day": 3.0 * MONTH_DAYS, "units_per_month": 1000.0}]);
    let m = model(&s);
    let rep = run(&m, 1, 1).pop().unwrap();
    assert_eq!(
        series(&m, &rep, SystemSeries::DaloRecourses)
            .iter()
            .sum::<f64>(),
        10.0
    );
    assert!(series(&m, &rep, SystemSeries::DaloFavourableDecisions)
        .iter()
        .all(|&x| x == 0.0));
    assert!(series(&m, &rep, SystemSeries::DaloHouseholdsPastDeadline)
        .iter()
        .all(|&x| x == 0.0));
}

/// The « délai anormalement long » runs from the first request, through comebacks: households
/// who give up and call again (never admitted: the only stage has no place) become eligible
/// 6 months after their first call. Counted from their latest return, as in engine version 1,
/// none would (a 6-month wait without giving up at 1 a month has probability e⁻⁶).
#[test]
fn the_delai_anormalement_long_is_reachable_through_comebacks() {
    let mut s = base(9.0, 0.0);
    s["arrivals"] = json!([stream("calls", 1.0)]);
    s["waiting_list"] = json!({"abandonment_per_month": 1.0, "abandonment_exit": "street",
        "orientation": {"default": ["shelter"]}});
    s["exits"] = json!([
        {"id": "out", "label": {"fr": "out"}, "kind": "other"},
        {"id": "street", "label": {"fr": "rue"}, "kind": "street",
         "comeback": {"probability": 1.0, "mean_months": 0.5}}
    ]);
    s["stages"] = json!([place_stage(
        "shelter",
        0,
        exponential(10.0),
        &[("out", 1.0)]
    )]);
    s["dalo"] = json!({"shelter_months": 6, "temporary_housing_months": 18,
        "waiting_months": 6, "recourse_propensity": 1.0});
    let m = model(&s);
    let reps = run(&m, 3, 5);
    for rep in &reps {
        let eligible = series(&m, rep, SystemSeries::DaloEligibleReadyAndWaiting);
        // Month 9: ~90 first calls before month 3, two thirds of them on the list at a time.
        assert!(eligible[8] > 20.0, "{eligible:?}");
        assert!(eligible[..5].iter().all(|&x| x == 0.0), "{eligible:?}");
        let filed: f64 = series(&m, rep, SystemSeries::DaloRecourses).iter().sum();
        assert!(filed > 40.0, "{filed}");
    }
}
