//! The engine's integration tests, one test binary (one link, and the tests of every module run
//! in parallel): `cargo test -p parcours-engine --test integration`, one module with a name filter
//! (`-- queueing::`).

mod common;

mod budget;
mod hostile_input;
mod invariants;
mod memory;
mod monotonicity;
mod properties;
mod queueing;
mod scenarios;
