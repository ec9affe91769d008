//! Engine throughput: events per second and replications per second, single-threaded, on
//!
//! - a one-stage M/M/c case (arrivals 4/day, exponential stays of mean 2 days, 10 places:
//!   ρ = 0.8, ten years simulated), the simplest possible event mix;
//! - the realistic multi-stage default scenario (`parcours_engine::default_scenario()`:
//!   Haute-Garonne, five stages, winter places, accompaniment, prevention, DALO, comebacks,
//!   initial state; five years);
//! - a four-stage chain with blocking (`four_stage_chain.json` beside this file: 50 requests a
//!   month through four busy stages in series, each of the first three blocked by the next; five
//!   years, about 15,600 events a replication).
//!
//! Each benchmark re-runs the same replication (deterministic, so the same number of events every
//! iteration); `Throughput::Elements(events)` makes criterion report events per second, and the
//! `replications` group reports replications per second. Run with `cargo bench -p parcours-engine`;
//! `cargo run --release -p parcours-engine --example bench_report` prints the same figures plainly
//! (see BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use parcours_engine::{default_scenario, simulate, Model, Scenario};
use std::hint::black_box;
use std::time::Duration;

/// The one-stage M/M/10 case, ten years.
pub fn mmc_scenario() -> Scenario {
    let month = 365.25 / 12.0;
    let json = format!(
        r#"{{"format_version": 1, "name": {{"fr": "M/M/10"}},
        "territory": {{"code": "00", "name": "bench"}}, "start": {{"year": 2026, "month": 1}},
        "horizon_months": 120, "household_types": [{{"id": "h", "label": {{"fr": "h"}}}}],
        "arrivals": [{{"id": "in", "label": {{"fr": "in"}}, "rate_per_month": {rate},
                       "mix": {{"h": 1}}}}],
        "waiting_list": {{"abandonment_per_month": 0, "abandonment_exit": "out",
                          "orientation": {{"default": ["s"]}}}},
        "stages": [{{"id": "s", "label": {{"fr": "s"}}, "kind": "places", "places": 10,
                     "stay": {{"default": {{"distribution": "exponential", "mean_days": 2}}}},
                     "routes": {{"default": [{{"to": "out", "p": 1}}]}}}}],
        "exits": [{{"id": "out", "label": {{"fr": "out"}}, "kind": "other"}}],
        "dalo": {{"shelter_months": 6, "temporary_housing_months": 18, "waiting_months": 36,
                  "recourse_propensity": 0.3}}}}"#,
        rate = 4.0 * month
    );
    Scenario::from_json(&json).expect("bench scenario parses")
}

/// The four-stage chain with blocking, five years (also run by `scripts/bench.sh`).
pub fn chain_scenario() -> Scenario {
    Scenario::from_json(include_str!("four_stage_chain.json")).expect("bench scenario parses")
}

fn bench(c: &mut Criterion) {
    let cases = [
        ("mmc_one_stage", Model::new(&mmc_scenario()).expect("valid")),
        (
            "default_multi_stage",
            Model::new(&default_scenario()).expect("valid"),
        ),
        (
            "four_stage_chain",
            Model::new(&chain_scenario()).expect("valid"),
        ),
    ];
    let mut events = c.benchmark_group("events");
    events
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for (name, m) in &cases {
        let n = simulate(m, 1, 0).expect("runs").events;
        events.throughput(Throughput::Elements(n));
        events.bench_function(*name, |b| {
            b.iter(|| simulate(black_box(m), 1, 0).expect("runs").events)
        });
    }
    events.finish();
    let mut reps = c.benchmark_group("replications");
    reps.sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for (name, m) in &cases {
        reps.throughput(Throughput::Elements(1));
        reps.bench_function(*name, |b| {
            b.iter(|| simulate(black_box(m), 1, 0).expect("runs").events)
        });
    }
    reps.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
