//! The engine's tests, unit and integration alike (`tests/integration/`, one test binary, a
//! module per subject), in a package of their own, for two reasons of build time:
//!
//! - they build at the dev profile's opt-level while the engine they call keeps the opt-level 3
//!   the workspace gives it (`[profile.dev.package.parcours-engine]`): inside the engine's package
//!   they were compiled at opt-level 3 too — proptest's strategies and every test's code — the
//!   slowest unit of the test suite's build. The simulations they run are the engine's own code,
//!   as fast as before;
//! - the engine is compiled once: its package builds no unit-test harness (`[lib] test = false`
//!   in `crates/engine/Cargo.toml`), which was the whole engine compiled a second time at
//!   opt-level 3, beside the library its dependents use, and bounded the test step on two cores.
//!   The few internals a test reaches (the event list, the stay laws' tails, a generator's raw
//!   output…) are public there but hidden from the documentation (`#[doc(hidden)]`).
//!
//! This library is empty: Cargo needs a target beside the tests.
