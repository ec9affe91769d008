//! Parcours engine: a continuous-time discrete-event Monte Carlo model of residential pathways
//! (street and emergency shelter → insertion shelter → temporary housing → permanent housing).
//!
//! Plain Rust, no web dependency, deterministic for a given (scenario, seed, replication index).
//! Data flow: [`Scenario`] (serde JSON) → [`Model::new`] (validation, all problems at once) →
//! [`simulate`] (one replication) → [`Ensemble`] (mergeable set of replications) → [`Summary`]
//! (bands and confidence intervals) or [`compare`] (paired differences under common random numbers).

pub mod scenario;

pub mod binding;

pub use scenario::*;
// Public, hidden from the documentation, for the tests of its tails and inverses in
// `crates/engine-tests` (where the engine's tests live: its Cargo.toml says why).
#[doc(hidden)]
pub mod dist;
pub mod estimate;
pub mod fluid;
pub mod json;
pub mod output;
pub mod rng;
pub mod run_in;
pub mod sim;
pub mod stats;
pub mod validate;

pub use binding::{binding_constraint, constraints, Constraint};
pub use estimate::{Cost, OverBudget};
pub use output::{
    CohortState, HeadlineId, Layout, Replication, SeriesId, StageHeadline, StageKindTag,
    StageSeries, SystemHeadline, SystemSeries, UnknownId, WaitId, WaitPair, COHORT_MONTHS,
};
pub use sim::{
    simulate, simulate_observed, simulate_to_end, simulate_within, Budget, Census, Observer, Run,
    SimError,
};
pub use stats::{
    compare, Bands, Comparison, Difference, Ensemble, Estimate, Summary, WaitDifference,
    WaitEstimate,
};
pub use validate::{ErrorKind, Model, ValidationError};

/// Version of the engine's numbers: bump it whenever the same scenario and seed would give
/// different results (partial result files from different versions must not be merged).
pub const ENGINE_VERSION: u32 = 2;

/// The default scenario the app opens on: Haute-Garonne's baseline.
pub fn default_scenario() -> Scenario {
    Scenario::from_json(DEFAULT_SCENARIO_JSON).expect("the shipped default scenario parses")
}

/// The default scenario's file, as shipped in `assets/scenarios/`.
pub const DEFAULT_SCENARIO_JSON: &str =
    include_str!("../../../assets/scenarios/haute-garonne.json");
