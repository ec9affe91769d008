//! The fluid approximation (`parcours_engine::fluid`, MODEL.md 16.6) against the simulation's
//! mean: on textbook cases and on every shipped territory.
//!
//! `cargo test -p parcours-engine-tests --release --test integration -- fluid:: --ignored --nocapture`
//! prints the full table (200 replications, seed 42) that MODEL.md quotes.

use super::common::*;
use parcours_engine::fluid::{
    fluid, fluid_with_step, FluidEstimate, Unreliable, SATURATED_UTILISATION,
};
use parcours_engine::{
    default_scenario, HeadlineId, Model, Replication, Scenario, StageHeadline, SystemHeadline,
};
use serde_json::{json, Value};

/// One stage of `places` places, exponential stays of `stay` days, `per_day` arrivals, waiting
/// households giving up at `abandon` a month; ten years after a two-year warm-up.
fn single_stage(places: u32, stay: f64, per_day: f64, abandon: f64) -> Value {
    let mut v = base(144.0, 24.0);
    v["arrivals"] = json!([stream("in", per_day)]);
    v["waiting_list"]["abandonment_per_month"] = json!(abandon);
    v["waiting_list"]["orientation"] = json!({"default": ["s"]});
    v["stages"] = json!([place_stage("s", places, exponential(stay), &[("out", 1.0)])]);
    v
}

/// Two stages in series: `s1` (20 places, 20 days) then `s2` (15 places, 40 days: at most
/// 0.375 a day) then housing; households ready in `s1` wait there for `s2` (blocking).
fn two_stage_chain(per_day: f64) -> Value {
    let mut v = base(144.0, 24.0);
    v["arrivals"] = json!([stream("in", per_day)]);
    v["waiting_list"]["abandonment_per_month"] = json!(1.0);
    v["waiting_list"]["orientation"] = json!({"default": ["s1"]});
    v["stages"] = json!([
        place_stage("s1", 20, exponential(20.0), &[("s2", 1.0)]),
        place_stage("s2", 15, exponential(40.0), &[("home", 1.0)]),
    ]);
    v
}

fn textbook() -> Vec<(&'static str, Model)> {
    vec![
        // ρ = λ × stay / places.
        ("mmc_far_rho_0.6", model(&single_stage(20, 30.0, 0.4, 1.0))),
        (
            "mmc_near_rho_0.97",
            model(&single_stage(20, 30.0, 0.65, 1.0)),
        ),
        ("mmc_over_rho_1.5", model(&single_stage(20, 30.0, 1.0, 1.0))),
        ("chain_light", model(&two_stage_chain(0.2))),
        ("chain_blocking", model(&two_stage_chain(0.5))),
    ]
}

fn territories() -> Vec<(String, Model)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/scenarios");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("reads");
        let m = Model::from_json(&text).expect("shipped scenario is valid");
        out.push((p.file_stem().unwrap().to_string_lossy().into_owned(), m));
    }
    out
}

/// A compared measure: its name, the simulation's mean and 95 % half-width, the fluid value.
struct Row {
    measure: String,
    sim: f64,
    half: f64,
    fluid: f64,
}

impl Row {
    /// Relative error, with the simulation's own half-width and one household as the floor of
    /// the denominator (a measure near 0 has no meaningful relative error).
    fn rel(&self) -> f64 {
        (self.fluid - self.sim).abs() / self.sim.abs().max(1.0)
    }
}

fn rows(m: &Model, reps: &[Replication], f: &FluidEstimate) -> Vec<Row> {
    let mut out = Vec::new();
    let mut push = |measure: String, id: HeadlineId, fluid: f64| {
        let (sim, half) = mean_ci(&headline(m, reps, id));
        out.push(Row {
            measure,
            sim,
            half,
            fluid,
        });
    };
    let system = [
        (SystemHeadline::WithoutSolution, f.without_solution),
        (SystemHeadline::Unsheltered, f.unsheltered),
        (SystemHeadline::HousedPerYear, f.housed_per_year),
        (SystemHeadline::BlockedPlaces, f.blocked),
    ];
    for (id, fluid) in system {
        push(id.to_string(), id.into(), fluid);
    }
    for s in &f.stages {
        if s.places > 0.0 {
            for (measure, fluid) in [
                (StageHeadline::Occupancy, s.occupancy),
                (StageHeadline::Blocked, s.blocked),
            ] {
                push(
                    format!("{}.{measure}", s.id),
                    HeadlineId::stage(&s.id, measure),
                    fluid,
                );
            }
        }
    }
    out
}

fn report(name: &str, m: &Model, n: u64) -> (FluidEstimate, Vec<Row>) {
    let f = fluid(m);
    let reps = run(m, 42, n);
    let r = rows(m, &reps, &f);
    println!(
        "== {name}: reliable {} (blocked share {:.3}; utilisation {})",
        f.reliable,
        f.blocked_share,
        f.stages
            .iter()
            .map(|s| format!("{}={:.3}/q{:.1}", s.id, s.utilisation, s.queue))
            .collect::<Vec<_>>()
            .join(" ")
    );
    for row in &r {
        println!(
            "   {:32} sim {:10.1} ± {:7.1}  fluid {:10.1}  rel {:6.3}",
            row.measure,
            row.sim,
            row.half,
            row.fluid,
            row.rel()
        );
    }
    (f, r)
}

#[test]
#[ignore = "measurement: prints the accuracy table (200 replications, seed 42)"]
fn fluid_accuracy_table() {
    for (name, m) in textbook() {
        report(name, &m, 200);
    }
    for (name, m) in territories() {
        report(&name, &m, 200);
    }
}

/// Whether the fluid model should call itself reliable on each case: false where it is near
/// saturation (the single stage at ρ = 0.975, the seven smaller territories' shelters at 92–100 %
/// with almost no queue), true where every resource is clearly free or clearly short.
fn expected_reliable(name: &str) -> bool {
    matches!(
        name,
        "mmc_far_rho_0.6"
            | "mmc_over_rho_1.5"
            | "chain_light"
            | "chain_blocking"
            | "haute-garonne"
            | "midi-pyrenees"
    )
}

/// The tolerances MODEL.md 16.6 claims, on 200 replications with seed 42 (the measured worst
/// case of the table in brackets; relative errors with one household as the denominator's
/// floor):
/// - on every case: `housed_per_year` within 8 % [5.4 %, Ariège], each place stage's occupancy
///   within 10 % [8.6 %, the single stage at ρ = 0.975];
/// - where `reliable`: `without_solution` and `unsheltered` within 25 % [17.5 %,
///   Midi-Pyrénées' unsheltered], `blocked_places` within 20 % [14.4 %, Haute-Garonne]. The
///   blocked households of one stage are not claimed (up to 54 % off, Haute-Garonne's shelter:
///   the fluid model moves blocked households along the chain in the wrong proportions);
/// - where not `reliable`: some of those three measures is more than 25 % off, so the flag is
///   not merely cautious.
#[test]
fn fluid_within_its_stated_tolerances() {
    let mut cases: Vec<(String, Model)> = textbook()
        .into_iter()
        .map(|(n, m)| (n.to_string(), m))
        .collect();
    cases.extend(territories());
    let mut failures = Vec::new();
    for (name, m) in &cases {
        let (f, rows) = report(name, m, 200);
        let rel = |measure: &str| {
            rows.iter()
                .find(|r| r.measure == measure)
                .map(Row::rel)
                .expect("measure compared")
        };
        if f.reliable != expected_reliable(name) {
            failures.push(format!("{name}: reliable is {}", f.reliable));
        }
        if f.unreliable().is_none() != f.reliable {
            failures.push(format!("{name}: reason {:?}", f.unreliable()));
        }
        if rel("housed_per_year") > 0.08 {
            failures.push(format!(
                "{name}: housed_per_year {:.3}",
                rel("housed_per_year")
            ));
        }
        for r in rows.iter().filter(|r| r.measure.ends_with(".occupancy")) {
            if r.rel() > 0.10 {
                failures.push(format!("{name}: {} {:.3}", r.measure, r.rel()));
            }
        }
        let headline = [
            ("without_solution", 0.25),
            ("unsheltered", 0.25),
            ("blocked_places", 0.20),
        ];
        if f.reliable {
            for (measure, tol) in headline {
                if rel(measure) > tol {
                    failures.push(format!("{name}: {measure} {:.3} > {tol}", rel(measure)));
                }
            }
        } else if headline.iter().all(|(measure, _)| rel(measure) <= 0.25) {
            failures.push(format!("{name}: flagged unreliable but within 25 %"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Halving and quartering the step moves the default territory's figures by under 1 %: the
/// daily Euler step is not a source of error (the accuracy against the simulation is in
/// the tests above).
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
    let ariege: Scenario =
        parcours_engine::json::from_str(include_str!("../../../../assets/scenarios/ariege.json"))
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
