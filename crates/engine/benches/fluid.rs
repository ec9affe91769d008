//! The fluid approximation's speed (MODEL.md 16.6): one evaluation on the default territory
//! (Haute-Garonne, five years a day a step), the figure the page's instant preview redraws
//! while a slider moves (target: under 16 ms, one frame). Run with
//! `cargo bench -p parcours-engine --bench fluid` (see BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, Criterion};
use parcours_engine::fluid::fluid;
use parcours_engine::{default_scenario, Model};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let m = Model::new(&default_scenario()).expect("valid");
    c.bench_function("fluid_default_territory", |b| {
        b.iter(|| fluid(black_box(&m)).without_solution)
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
