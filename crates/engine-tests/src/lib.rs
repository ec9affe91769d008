//! The engine's integration tests (`tests/integration/`, one test binary), in a package of their
//! own so that they build at the dev profile's opt-level while the engine they call keeps the
//! opt-level 3 the workspace gives it (`[profile.dev.package.parcours-engine]`): inside the
//! engine's package they were compiled at opt-level 3 too — proptest's strategies and every
//! test's code — the slowest unit of the test suite's build and on its critical path. The
//! simulations they run are the engine's own code, as fast as before.
//!
//! This library is empty: Cargo needs a target beside the tests.
