//! Structure-aware: the input's bytes are choices of the shared mutator (the same meaning as in
//! the stable harness, `tests/fuzz_scenarios.rs`), guided by coverage.
#![no_main]

#[path = "../../tests/fuzz_scenarios/mutate.rs"]
mod mutate;

use std::sync::Mutex;

/// Inputs run, printed with the elapsed time once a minute (libFuzzer's own lines thin out
/// to powers of two): how a long run's count is read from its log.
static PROGRESS: Mutex<Option<mutate::Progress>> = Mutex::new(None);

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mutate::check(&mutate::input(data));
    let mut progress = PROGRESS.lock().unwrap_or_else(|e| e.into_inner());
    progress
        .get_or_insert_with(mutate::Progress::start)
        .tick();
});
