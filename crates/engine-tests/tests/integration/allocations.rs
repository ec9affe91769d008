//! Allocation flows are not free (MODEL.md, sections 7 and 15.3): a flow reserved for the
//! pathway is part of the territory's priority allocations, so every unit it uses is taken from
//! the other priority households; and an allocation may have a cost.

use crate::common::*;
use parcours_engine::sim::allocation::failure_delay;
use parcours_engine::{
    compare, Ensemble, ErrorKind, HeadlineId, Model, StageHeadline, SystemHeadline,
};
use serde_json::{json, Value};

/// Households arrive 10 a day on a list oriented straight to `hlm`, `units` dwellings a month:
/// the queue never empties, so every unit is used.
fn saturated(units: f64, total: Option<f64>, cost: f64) -> Value {
    let mut s = base(24.0, 0.0);
    s["arrivals"] = json!([stream("street", 10.0)]);
    let mut hlm = json!({"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation",
                         "units_per_month": units, "cost_per_allocation": cost});
    if let Some(t) = total {
        hlm["priority_allocations_per_year"] = json!(t);
    }
    s["stages"] = json!([hlm]);
    s["waiting_list"]["orientation"] = json!({"default": ["hlm"]});
    s
}

fn ensemble(m: &Model, n: u64) -> Ensemble {
    let mut e = Ensemble::new(m.layout().clone(), seed(3));
    for r in run(m, 3, n) {
        e.add(r);
    }
    e
}

#[test]
fn units_used_are_taken_from_the_other_priority_households() {
    let m = model(&saturated(30.0, Some(3000.0), 0.0));
    let reps = run(&m, 3, 40);
    let taken = headline(
        &m,
        &reps,
        SystemHeadline::AllocationsTakenFromOtherPriorityHouseholdsPerYear,
    );
    let left = headline(
        &m,
        &reps,
        SystemHeadline::PriorityAllocationsLeftForOtherHouseholdsPerYear,
    );
    let entries = headline(
        &m,
        &reps,
        HeadlineId::stage("hlm", StageHeadline::EntriesPerYear),
    );
    for ((t, l), e) in taken.iter().zip(&left).zip(&entries) {
        // Identities: the units taken are the flow's allocations, the rest is left.
        assert_eq!(t, e);
        assert!((t + l - 3000.0).abs() < 1e-9);
    }
    // The queue never empties, so the flow is used in full: 30 × 12 = 360 a year (Poisson units;
    // tolerance from the replications' 95% interval).
    assert_near("allocations taken", &taken, 360.0, 0.0);
    // No cost per allocation given: the cost of allocations is undefined, not 0.
    assert!(
        headline(&m, &reps, SystemHeadline::CostOfAllocationsPerYear)
            .iter()
            .all(|x| x.is_nan())
    );
}

#[test]
fn raising_the_reserved_flow_takes_as_many_more_from_the_others() {
    // Paired: same units stream draws scaled by the rate; +10 a month = +120 a year.
    let a = model(&saturated(30.0, Some(3000.0), 0.0));
    let b = model(&saturated(40.0, Some(3000.0), 0.0));
    let c = compare(&ensemble(&a, 40), &ensemble(&b, 40)).expect("comparable");
    let id: HeadlineId = SystemHeadline::AllocationsTakenFromOtherPriorityHouseholdsPerYear.into();
    let d = c.difference(&id).unwrap().difference.clone();
    let (lo, hi) = (d.ci_low.unwrap(), d.ci_high.unwrap());
    eprintln!("taken: {:?}", d);
    assert!(
        lo < 120.0 && 120.0 < hi,
        "difference {lo}..{hi} should cover +120"
    );
    let left: HeadlineId = SystemHeadline::PriorityAllocationsLeftForOtherHouseholdsPerYear.into();
    let dl = c.difference(&left).unwrap().difference.mean.unwrap();
    assert!(
        (dl + d.mean.unwrap()).abs() < 1e-9,
        "what is taken is no longer left"
    );
}

#[test]
fn a_cost_per_allocation_gives_the_cost_of_allocations() {
    let m = model(&saturated(30.0, None, 2500.0));
    let reps = run(&m, 3, 5);
    let cost = headline(&m, &reps, SystemHeadline::CostOfAllocationsPerYear);
    let entries = headline(
        &m,
        &reps,
        HeadlineId::stage("hlm", StageHeadline::EntriesPerYear),
    );
    let total = headline(&m, &reps, SystemHeadline::CostPerYear);
    for ((c, e), t) in cost.iter().zip(&entries).zip(&total) {
        assert!((c - 2500.0 * e).abs() < 1e-6 * c);
        assert!((c - t).abs() < 1e-6 * c, "the only cost of this scenario");
    }
    // Not part of a priority total: nothing is counted as taken from other households.
    assert!(headline(
        &m,
        &reps,
        SystemHeadline::AllocationsTakenFromOtherPriorityHouseholdsPerYear
    )
    .iter()
    .all(|x| x.is_nan()));
}

#[test]
fn a_reserved_flow_above_the_priority_total_is_refused() {
    let mut s = saturated(30.0, Some(300.0), 0.0);
    let e = Model::from_json(&s.to_string()).expect_err("360 a year out of 300");
    assert_eq!(e[0].path, "stages[0].priority_allocations_per_year");
    assert!(matches!(
        e[0].kind,
        ErrorKind::ReservedAbovePriorityTotal { .. }
    ));
    // A later increase counts too.
    s["stages"][0]["units_per_month"] = json!(20.0);
    s["stages"][0]["unit_changes"] = json!([{"day": 100.0, "units_per_month": 26.0}]);
    let e = Model::from_json(&s.to_string()).expect_err("312 a year out of 300");
    assert_eq!(e[0].to_string(), "stages[0].priority_allocations_per_year: 300 a year, less than the flow reserved from it (312 a year at its highest), expected at least the reserved flow");
    s["stages"][0]["unit_changes"] = json!([{"day": 100.0, "units_per_month": 25.0}]);
    assert!(Model::from_json(&s.to_string()).is_ok());
}

/// A tenancy's failure delay after an allocation (`sim::allocation::failure_delay`).
#[test]
fn failure_delay_inverts_the_piecewise_hazard() {
    let (l, m, d) = (0.1, 0.5, 10.0);
    // Within the accompanied part: e / (λm).
    assert_eq!(failure_delay(0.2, l, m, d, f64::INFINITY, 0.0), Some(4.0));
    // Beyond it: d + (e − λmd) / λ.
    assert_eq!(failure_delay(1.5, l, m, d, f64::INFINITY, 0.0), Some(20.0));
    // A window closes the hazard: 1.5 needs 20 days, the window is 15.
    assert_eq!(failure_delay(1.5, l, m, d, 15.0, 0.0), None);
    // From an age: the hazard already spent does not count again.
    assert_eq!(failure_delay(0.2, l, m, d, f64::INFINITY, 6.0), Some(4.0));
    assert_eq!(
        failure_delay(0.2, l, m, d, f64::INFINITY, 8.0),
        Some(2.0 + 1.0)
    );
    // Past the window: never.
    assert_eq!(failure_delay(0.0, l, m, d, 15.0, 15.0), None);
    // No accompaniment (d = 0) and a multiplier of 0 leave the plain hazard.
    assert_eq!(
        failure_delay(1.0, l, 1.0, 0.0, f64::INFINITY, 0.0),
        Some(10.0)
    );
    assert_eq!(
        failure_delay(1.0, l, 0.0, d, f64::INFINITY, 0.0),
        Some(20.0)
    );
}
