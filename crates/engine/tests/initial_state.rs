//! The initial state: where the territory is at day 0 (MODEL.md, section 14).

mod common;

use common::*;
use parcours_engine::{default_scenario, simulate, Model, SeriesId, StageKind, StageSeries};
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
