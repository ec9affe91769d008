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
    let mut progress = mutate::Progress::start();
    let mut outcomes = std::collections::BTreeMap::new();
    for _ in 0..count {
        gen.fill(&mut data);
        *outcomes.entry(run_one(&data)).or_insert(0u64) += 1;
        progress.tick();
    }
    eprintln!("{}: {outcomes:?}", progress.line());
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

/// The same seed gives the same inputs: a campaign's count and findings stay reproducible across
/// changes of the harness (the digest of the first 2,000 inputs of the default seed, computed
/// before the bases were parsed once and cached).
#[test]
fn the_same_seed_gives_the_same_inputs() {
    let mut gen = mutate::XorShift(0x5eed_u64.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut data = Vec::new();
    let mut digest = Vec::new();
    for _ in 0..2_000 {
        gen.fill(&mut data);
        let input = mutate::input(&data);
        digest.extend_from_slice(&mutate::fnv(input.text.as_bytes()).to_le_bytes());
        digest.extend_from_slice(&format!("{:?}", input.non_finite).into_bytes());
    }
    assert_eq!(format!("{:016x}", mutate::fnv(&digest)), "81534363c0c34f5a");
}
