//! The reference run shared by the native golden test (`crates/engine-tests/tests/golden.rs`) and the browser test
//! (`tests/browser/engine_and_app.rs`).
//!
//! Why a committed golden file: the same engine must give the same numbers natively and in
//! WebAssembly, bit for bit. Both tests compute the summary of the same run and compare it with
//! one committed JSON file, so native == golden and wasm == golden imply native == wasm, without
//! either test needing the other's output at run time. The comparison is on the JSON *text*:
//! serde_json writes every f64 in its shortest form that reads back to the same bits, so equal
//! text means equal bits (no tolerance, no float parsing involved).
//!
//! When the engine's numbers change on purpose, refresh the file natively:
//! `UPDATE_GOLDEN=1 cargo test -p parcours-engine-tests --test golden`, and commit it.

#![allow(dead_code)] // each test binary uses part of it

use parcours_engine::{default_scenario, simulate, Ensemble, Model, Scenario};

pub const SEED: u64 = 42;
pub const REPLICATIONS: std::ops::Range<u64> = 0..5;
/// Relative to the package root.
pub const GOLDEN_PATH: &str = "tests/golden/default-seed42-replications0-4.summary.json";

/// Pretty JSON of the summary of replications [`REPLICATIONS`] of `scenario` with [`SEED`].
pub fn summary_json(scenario: &Scenario) -> String {
    let model = Model::new(scenario).expect("the scenario is valid");
    let mut ensemble = Ensemble::new(model.layout().clone(), SEED);
    for index in REPLICATIONS {
        ensemble.add(simulate(&model, SEED, index).expect("the replication runs"));
    }
    let mut json = serde_json::to_string_pretty(&ensemble.summary()).expect("summary to JSON");
    json.push('\n');
    json
}

/// The reference run: the default scenario.
pub fn reference_summary_json() -> String {
    summary_json(&default_scenario())
}

/// The reference run with the scenario sent as JSON text, as the page sends it to the worker.
pub fn reference_summary_json_via_text() -> String {
    let text = serde_json::to_string(&default_scenario()).expect("scenario to JSON");
    let scenario = Scenario::from_json(&text).expect("scenario from its own JSON");
    summary_json(&scenario)
}
