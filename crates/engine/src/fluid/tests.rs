use super::*;
use crate::default_scenario;

/// Halving and quartering the step moves the default territory's figures by under 1 %: the
/// daily Euler step is not a source of error (the accuracy against the simulation is in
/// `tests/integration/fluid.rs`).
#[test]
fn daily_step_has_converged() {
    let m = Model::new(&default_scenario()).expect("valid");
    let day = fluid(&m);
    let fine = fluid_with_step(&m, 0.25);
    for (what, a, b) in [
        (
            "without_solution",
            day.without_solution,
            fine.without_solution,
        ),
        ("housed_per_year", day.housed_per_year, fine.housed_per_year),
        ("blocked", day.blocked, fine.blocked),
    ] {
        assert!(
            (a - b).abs() <= 0.01 * b.abs().max(1.0),
            "{what}: {a} vs {b}"
        );
    }
}

/// Deterministic: the same model gives the same figures, bit for bit.
#[test]
fn same_model_same_figures() {
    let m = Model::new(&default_scenario()).expect("valid");
    assert_eq!(fluid(&m), fluid(&m));
}

/// The reason given agrees with the flag: none on the default territory (reliable, MODEL.md
/// 16.6), a saturated stage on Ariège (every shelter at 92–100 % with almost no queue).
#[test]
fn the_reason_matches_the_flag() {
    let m = Model::new(&default_scenario()).expect("valid");
    let f = fluid(&m);
    assert!(f.reliable);
    assert_eq!(f.unreliable(), None);
    let ariege: crate::Scenario =
        crate::json::from_str(include_str!("../../../../assets/scenarios/ariege.json"))
            .expect("parses");
    let f = fluid(&Model::new(&ariege).expect("valid"));
    assert!(!f.reliable);
    match f.unreliable() {
        Some(Unreliable::Saturated { stage, utilisation }) => {
            assert!(f.stages.iter().any(|s| s.id == stage));
            assert!(utilisation > SATURATED_UTILISATION);
        }
        other => panic!("{other:?}"),
    }
}
