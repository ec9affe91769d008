//! The engine's tests, unit and integration, one test binary (one link, and the tests of every module run
//! in parallel): `cargo test -p parcours-engine-tests --test integration`, one module with a name filter
//! (`-- queueing::`).

mod common;

mod allocations;
mod binding;
mod budget;
mod dalo;
mod dalo_priority;
mod event_list;
mod fluid;
mod hostile_input;
mod initial_state;
mod invariants;
mod json_paths;
mod memory;
mod monotonicity;
mod outcomes;
mod output_ids;
mod properties;
mod queueing;
mod scenarios;
mod stationarity;
mod statistics;
mod stay_laws;
mod streams;
mod territories;
