//! Byte-level: the input is the scenario's text itself (seed it with the shipped files), through
//! the same checks as the structure-aware target.
#![no_main]

#[path = "../../tests/fuzz_scenarios/mutate.rs"]
mod mutate;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let input = mutate::Input {
        text: String::from_utf8_lossy(data).into_owned(),
        non_finite: None,
    };
    mutate::check(&input);
});
