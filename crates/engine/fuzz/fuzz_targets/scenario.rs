//! Structure-aware: the input's bytes are choices of the shared mutator (the same meaning as in
//! the stable harness, `tests/fuzz_scenarios.rs`), guided by coverage.
#![no_main]

#[path = "../../tests/fuzz_scenarios/mutate.rs"]
mod mutate;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mutate::check(&mutate::input(data));
});
