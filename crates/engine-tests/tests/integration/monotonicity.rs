//! Monotonicity: adding places (HU, CHRS, temporary housing, pension de famille), social-housing
//! units or accompaniment slots never makes the expected number of unsheltered households worse
//! beyond noise, nor the queue to enter the enlarged stage, nor (when housing units are added)
//! the number of blocked places.
//!
//! Method: the baseline and the variant run the same replication indices with the same seed, so
//! they share their random numbers (arrivals, and each household's own stays and routes);
//! `compare` gives the mean paired difference (variant − baseline) with its 95% Student-t
//! interval. A figure is "not worse beyond noise" when the interval's upper bound stays below
//! a small tolerance: `TOL_REL` (1%) of the baseline value plus `TOL_ABS` households.
//!
//! Why a tolerance, and why 1%: adding places at a stage that is not the bottleneck has a true
//! effect close to zero (for example +15 places in the tandem's shelter, whose households are
//! blocked waiting for CHRS: −0.64 ± 0.46 on 227 unsheltered, 600 pairs), and proving that
//! such an effect is below a tolerance needs a paired interval narrower than it. The numbers of
//! pairs below give half-widths of about 0.4–0.5% of the baseline, so with a 1% tolerance a nil
//! effect fails with probability ~1e-4 or less whatever the seed (checked with
//! `PARCOURS_TEST_SEED_OFFSET`), while a sign error or any effect a planner would notice (several
//! percent) fails for sure.
//!
//! Monotonicity is not a theorem for networks with blocking and probabilistic routing, so this is
//! a check on the model's behaviour in realistic configurations. One counter-example is known and
//! documented in `accompaniment_slots` below.
//!
//! The households' outcomes (without a solution, household-days, shares housed from the first
//! request) are checked across every shipped territory in `territories.rs`.

use crate::common::*;
use parcours_engine::{
    compare, simulate, Ensemble, HeadlineId, Model, Scenario, StageHeadline, StageKind,
    SystemHeadline,
};
use serde_json::json;

/// Relative tolerance: 1% of the baseline figure.
const TOL_REL: f64 = 0.01;
/// Absolute tolerance, households (for figures near zero).
const TOL_ABS: f64 = 0.25;

fn ensemble(s: &Scenario, seed_: u64, reps: u64) -> Ensemble {
    let sd = seed(seed_);
    let m = Model::new(s).unwrap_or_else(|e| panic!("invalid: {e:?}"));
    let mut e = Ensemble::new(m.layout().clone(), sd);
    for r in 0..reps {
        e.add(simulate(&m, sd, r).expect("runs"));
    }
    e
}

/// Asserts that each of `ids` is not worse (not larger) in `variant` than in `base` beyond noise.
fn assert_not_worse(what: &str, base: &Ensemble, variant: &Ensemble, ids: &[HeadlineId]) {
    let c = compare(base, variant).expect("comparable");
    for id in ids {
        let d = c
            .difference(id)
            .unwrap_or_else(|| panic!("no headline {id}"));
        let b = d.baseline.expect("baseline value");
        let mean = d.difference.mean.expect("difference");
        let hi = d.difference.ci_high.expect("interval");
        let tol = TOL_REL * b.abs() + TOL_ABS;
        eprintln!(
            "{what}: {id} baseline {b:.2}, difference {mean:+.3} (95% CI {:+.3} .. {hi:+.3}), \
             tolerance {tol:.3}",
            d.difference.ci_low.unwrap()
        );
        assert!(
            hi < tol,
            "{what} makes {id} worse: baseline {b:.3}, paired difference {mean:+.4}, 95% CI upper \
             bound {hi:+.4} ≥ tolerance {tol:.4} ({} pairs)",
            c.pairs
        );
    }
}

fn places_of<'a>(s: &'a mut Scenario, stage: &str) -> &'a mut u32 {
    let st = s.stages.iter_mut().find(|x| x.id == stage).expect("stage");
    match &mut st.kind {
        StageKind::Places(p) => &mut p.places,
        _ => panic!("{stage} is not a place stage"),
    }
}

fn units_of<'a>(s: &'a mut Scenario, stage: &str) -> &'a mut f64 {
    let st = s.stages.iter_mut().find(|x| x.id == stage).expect("stage");
    match &mut st.kind {
        StageKind::Allocation(a) => &mut a.units_per_month,
        _ => panic!("{stage} is not an allocation stage"),
    }
}

/// The default scenario (Haute-Garonne), shortened to 3 years to keep the test quick in debug
/// builds (monotonicity must hold over any horizon).
fn default_short() -> Scenario {
    let mut s = parcours_engine::default_scenario();
    s.horizon_months = 36.0;
    s
}

/// Pairs per comparison on the default scenario: paired half-widths of about ±0.8 households on
/// ~150 unsheltered, well inside the tolerance when the effect is nil.
const REPS: u64 = 40;
/// Pairs per comparison on the tandem (cheaper, noisier per replication): half-widths of about
/// ±0.9 households on ~227.
const TANDEM_REPS: u64 = 96;

fn ids(list: &[HeadlineId]) -> Vec<HeadlineId> {
    list.to_vec()
}

#[test]
fn default_scenario_more_places_or_units() {
    let base = default_short();
    let b = ensemble(&base, 31, REPS);
    // (stage, extra places): emergency shelter, insertion shelter, temporary housing, pension.
    for (stage, extra) in [("hu", 120), ("chrs", 100), ("lt", 120), ("pension", 40)] {
        let mut s = base.clone();
        *places_of(&mut s, stage) += extra;
        let v = ensemble(&s, 31, REPS);
        // (The mean wait of admitted households is also checked where entries are many; the
        // pension de famille admits a few households a month, too few for a tight interval.)
        let mut figures = ids(&[
            SystemHeadline::Unsheltered.into(),
            HeadlineId::stage(stage, StageHeadline::Queue),
        ]);
        if stage != "pension" {
            figures.push(HeadlineId::stage(stage, StageHeadline::WaitDays));
        }
        assert_not_worse(
            &format!("default + {extra} {stage} places"),
            &b,
            &v,
            &figures,
        );
    }
    // More social-housing units: fewer unsheltered, fewer blocked places, shorter queue.
    let mut s = base.clone();
    *units_of(&mut s, "hlm") += 15.0;
    let v = ensemble(&s, 31, REPS);
    assert_not_worse(
        "default + 15 HLM units/month",
        &b,
        &v,
        &ids(&[
            SystemHeadline::Unsheltered.into(),
            SystemHeadline::BlockedPlaces.into(),
            HeadlineId::stage("hlm", StageHeadline::Queue),
        ]),
    );
}

/// More accompaniment slots on the default scenario.
///
/// Finding (not an engine bug): the default pool (ASLL/AVDL) shortens stays (×0.9) but also moves
/// 30% of the "street" exits of CHRS and temporary housing towards social housing, which is
/// saturated (44 units a month). A household that would have left to the street now waits for a
/// unit while holding its place. So +300 slots raise blocked places by 5–8% (3 years: +14.2,
/// 95% CI +13.0 .. +15.5 on 215; 5 years: +20.6 on 265; 100 pairs each), and their benefit on the
/// unsheltered count fades with time (3 years: −1.23, CI −1.74 .. −0.72 on 151; 5 years: −0.24,
/// CI −0.83 .. +0.35, i.e. nil). On the earlier provisional default (75 units, a 50% shift) the
/// same +300 slots *raised* the unsheltered count by 0.27% over 5 years (CI +0.17% .. +0.37%).
/// Planners should read "more accompaniment" together with housing supply; the test checks the
/// configurations where more accompaniment must help: over this horizon, without the street shift,
/// and with enough housing units for the shifted households.
#[test]
fn accompaniment_slots() {
    let base = default_short();
    let b = ensemble(&base, 32, REPS);
    let mut s = base.clone();
    s.accompaniment[0].slots += 300;
    let v = ensemble(&s, 32, REPS);
    assert_not_worse(
        "default + 300 ASLL slots",
        &b,
        &v,
        &ids(&[SystemHeadline::Unsheltered.into()]),
    );

    // Accompaniment that only shortens stays (no routing shift) helps. (Blocked places are not
    // a relevant figure here: shorter stays make households ready sooner, so more of them wait
    // for the saturated next stages while holding their place.)
    let mut base2 = base.clone();
    base2.accompaniment[0].street_shift = 0.0;
    let b2 = ensemble(&base2, 32, REPS);
    let mut s2 = base2.clone();
    s2.accompaniment[0].slots += 300;
    let v2 = ensemble(&s2, 32, REPS);
    assert_not_worse(
        "default without street shift + 300 slots",
        &b2,
        &v2,
        &ids(&[SystemHeadline::Unsheltered.into()]),
    );

    // With enough housing units for the shifted households, the shift helps too.
    let mut base3 = base.clone();
    *units_of(&mut base3, "hlm") += 60.0;
    let b3 = ensemble(&base3, 32, REPS);
    let mut s3 = base3.clone();
    s3.accompaniment[0].slots += 300;
    let v3 = ensemble(&s3, 32, REPS);
    assert_not_worse(
        "default with 135 HLM units + 300 slots",
        &b3,
        &v3,
        &ids(&[SystemHeadline::Unsheltered.into()]),
    );
}

/// A tandem shelter → CHRS → social housing with temporary housing on the side, an accompaniment
/// pool on CHRS and LT, comebacks from the street, abandonment; 5 years.
fn tandem() -> Scenario {
    let mut s = base(60.0, 6.0);
    s["arrivals"] = json!([stream("in", 3.0)]);
    s["waiting_list"] = json!({"abandonment_per_month": 0.3, "abandonment_exit": "street",
        "orientation": {"default": ["shelter", "hotel"]}});
    s["stages"] = json!([
        {"id": "shelter", "label": {"fr": "hu"}, "kind": "places", "places": 60,
         "stay": {"default": {"distribution": "lognormal", "mean_days": 20.0, "cv": 1.0}},
         "routes": {"default": [{"to": "chrs", "p": 0.4}, {"to": "lt", "p": 0.2},
                                {"to": "street", "p": 0.25}, {"to": "out", "p": 0.15}]}},
        {"id": "hotel", "label": {"fr": "hotel"}, "kind": "places", "places": 20,
         "stay": {"default": {"distribution": "exponential", "mean_days": 10.0}},
         "routes": {"default": [{"to": "chrs", "p": 0.3}, {"to": "street", "p": 0.7}]}},
        {"id": "chrs", "label": {"fr": "chrs"}, "kind": "places", "places": 50,
         "stay": {"default": {"distribution": "gamma", "mean_days": 90.0, "cv": 0.7}},
         "routes": {"default": [{"to": "hlm", "p": 0.5}, {"to": "street", "p": 0.2},
                                {"to": "out", "p": 0.3}]}},
        {"id": "lt", "label": {"fr": "lt"}, "kind": "places", "places": 40,
         "stay": {"default": {"distribution": "exponential", "mean_days": 150.0}},
         "routes": {"default": [{"to": "hlm", "p": 0.6}, {"to": "out", "p": 0.4}]}},
        {"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation", "units_per_month": 20.0,
         "tenancy_failure_per_year": 0.05}
    ]);
    s["exits"] = json!([
        {"id": "out", "label": {"fr": "out"}, "kind": "private_or_family"},
        {"id": "street", "label": {"fr": "street"}, "kind": "street",
         "comeback": {"probability": 0.3, "mean_months": 4.0}}
    ]);
    s["accompaniment"] = json!([{"id": "pool", "label": {"fr": "pool"}, "slots": 15,
        "stages": ["chrs", "lt"], "stay_multiplier": 0.8, "street_shift": 0.5,
        "shift_to": "hlm", "tenancy_failure_multiplier": 0.5, "months_in_housing": 3.0}]);
    serde_json::from_value(s).unwrap()
}

#[test]
fn tandem_more_places_units_or_slots() {
    let base = tandem();
    let b = ensemble(&base, 33, TANDEM_REPS);
    for (stage, extra) in [("shelter", 15), ("hotel", 10), ("chrs", 15), ("lt", 15)] {
        let mut s = base.clone();
        *places_of(&mut s, stage) += extra;
        let v = ensemble(&s, 33, TANDEM_REPS);
        assert_not_worse(
            &format!("tandem + {extra} {stage} places"),
            &b,
            &v,
            &ids(&[
                SystemHeadline::Unsheltered.into(),
                HeadlineId::stage(stage, StageHeadline::Queue),
            ]),
        );
    }
    let mut s = base.clone();
    *units_of(&mut s, "hlm") += 5.0;
    let v = ensemble(&s, 33, TANDEM_REPS);
    assert_not_worse(
        "tandem + 5 HLM units/month",
        &b,
        &v,
        &ids(&[
            SystemHeadline::Unsheltered.into(),
            SystemHeadline::BlockedPlaces.into(),
            HeadlineId::stage("hlm", StageHeadline::Queue),
        ]),
    );
    let mut s = base.clone();
    s.accompaniment[0].slots += 20;
    let v = ensemble(&s, 33, TANDEM_REPS);
    assert_not_worse(
        "tandem + 20 slots",
        &b,
        &v,
        &ids(&[SystemHeadline::Unsheltered.into()]),
    );
}

/// The rich synthetic scenario of the invariant tests (winter places, closures, DALO priority,
/// waiting for accompaniment, maximum blocked time, prevention, comebacks): every capacity scaled
/// up by a quarter.
#[test]
fn rich_scenario_all_capacities_up() {
    let base: Scenario = serde_json::from_value(rich(1.0, true, 1)).unwrap();
    let more: Scenario = serde_json::from_value(rich(1.25, true, 1)).unwrap();
    let b = ensemble(&base, 34, 24);
    let v = ensemble(&more, 34, 24);
    assert_not_worse(
        "rich scenario, capacities × 1.25",
        &b,
        &v,
        &ids(&[SystemHeadline::Unsheltered.into()]),
    );
}
