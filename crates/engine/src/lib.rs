//! Parcours engine: a continuous-time discrete-event Monte Carlo model of residential pathways
//! (street and emergency shelter → insertion shelter → temporary housing → permanent housing).
//!
//! Plain Rust, no web dependency, deterministic for a given (scenario, seed, replication index).
//! Data flow: [`Scenario`] (serde JSON) → [`Model::new`] (validation, all problems at once) →
//! [`simulate`] (one replication) → [`Ensemble`] (mergeable set of replications) → [`Summary`]
//! (bands and confidence intervals) or [`compare`] (paired differences under common random numbers).

pub mod scenario;

pub use scenario::*;
