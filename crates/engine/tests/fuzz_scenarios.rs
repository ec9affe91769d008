//! The stable half of the fuzzing campaign (RELIABILITY.md): structure-aware mutations of the
//! shipped scenarios (`fuzz_scenarios/mutate.rs`, shared with the libFuzzer targets of
//! `crates/engine/fuzz/`) through parsing, validation, the cost estimate and one short
//! replication under a budget.
//!
//! In the test suite it replays the persisted corpus (`fuzz_scenarios/corpus.hex`: seeds, the
//! inputs libFuzzer kept for coverage, every finding) and a small number of fresh inputs.
//! Offline, a long campaign:
//!
//! ```sh
//! PARCOURS_FUZZ_INPUTS=10000000 PARCOURS_FUZZ_SEED=1 nice cargo test --release -p parcours-engine \
//!     --test fuzz_scenarios -- --nocapture
//! ```
//!
//! A failing input is written to `target/fuzz-findings/<hash>` (its bytes; add them to the
//! corpus as a line of hexadecimal, `xxd -p -c 0 FILE`, so every test run replays it) before the
//! panic is passed on.

#[path = "fuzz_scenarios/mutate.rs"]
mod mutate;

use std::time::Instant;

/// Runs one input; on a panic, saves its bytes and passes the panic on.
fn run_one(data: &[u8]) -> mutate::Outcome {
    let input = mutate::input(data);
    let result = std::panic::catch_unwind(|| mutate::check(&input));
    match result {
        Ok(outcome) => outcome,
        Err(panic) => {
            let name = mutate::save_finding("", data, &[(".json", &input.text)]);
            eprintln!(
                "fuzz finding saved as target/fuzz-findings/{name} (non-finite: {:?})",
                input.non_finite
            );
            std::panic::resume_unwind(panic);
        }
    }
}

/// Every input of the persisted corpus still gives an answer.
#[test]
fn the_corpus_replays() {
    let inputs = mutate::corpus();
    assert!(inputs.len() > 1000, "the corpus holds inputs");
    for data in &inputs {
        run_one(data);
    }
}

/// Fresh inputs: 300 in the test suite, `PARCOURS_FUZZ_INPUTS` offline.
#[test]
fn fresh_inputs_give_answers() {
    let count = mutate::fresh_count(300);
    let mut gen = mutate::XorShift::of_campaign();
    let mut data = Vec::new();
    let start = Instant::now();
    let mut outcomes = std::collections::BTreeMap::new();
    for i in 1..=count {
        gen.fill(&mut data);
        *outcomes.entry(run_one(&data)).or_insert(0u64) += 1;
        if i % 100_000 == 0 {
            let s = start.elapsed().as_secs_f64();
            eprintln!("{i} inputs in {s:.0} s ({:.0}/s)", i as f64 / s);
        }
    }
    let s = start.elapsed().as_secs_f64();
    eprintln!(
        "{count} inputs in {s:.1} s ({:.0}/s): {outcomes:?}",
        count as f64 / s
    );
    // The mutations keep most inputs deep enough to reach validation and a replication.
    if count >= 300 {
        let deep = outcomes.get(&mutate::Outcome::Ran).copied().unwrap_or(0)
            + outcomes
                .get(&mutate::Outcome::OverBudget)
                .copied()
                .unwrap_or(0);
        assert!(deep * 10 >= count, "{outcomes:?}");
    }
}
