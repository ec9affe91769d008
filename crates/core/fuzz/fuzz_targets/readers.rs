//! Structure-aware: the input's bytes are choices of the engine's shared mutator and of the
//! readers' damage (the same meaning as in the stable harness, `tests/fuzz_readers.rs`, and the
//! engine's targets: one corpus for all), guided by coverage.
#![no_main]

#[path = "../../../engine/tests/fuzz_scenarios/mutate.rs"]
mod mutate;
#[path = "../../tests/fuzz_readers/readers.rs"]
mod readers;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    readers::check(data);
});
