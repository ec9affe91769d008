//! The page's readers in the fuzzing campaign (RELIABILITY.md): the link decoder, the JSON
//! import and the library loader, fed with the engine's structure-aware mutations of the shipped
//! scenarios (`crates/engine/tests/fuzz_scenarios/mutate.rs`, the same input bytes as the engine's
//! harness and its libFuzzer targets, so the corpora are shared) and with damage of their own:
//! links cut short, bytes flipped, payloads replaced by random or inflating data, versions and
//! parameters changed; library entries of every shape.
//!
//! What each reader must do, whatever it is given: answer with a value or an error that says
//! what is wrong in both languages — never panic — and read back exactly what the page writes
//! (a valid state's link opens to the same state; an imported scenario's JSON imports to the same
//! scenario; a saved entry is listed with its link). In the test suite it replays a part of the
//! persisted corpus and a few fresh inputs; offline, a long campaign:
//!
//! ```sh
//! PARCOURS_FUZZ_INPUTS=10000000 PARCOURS_FUZZ_SEED=1 nice cargo test --release -p parcours-core \
//!     --test fuzz_readers -- --nocapture fresh_inputs_give_answers
//! ```
//!
//! A failing input is written to `target/fuzz-findings/readers-<hash>` before the panic is passed
//! on; add its bytes to the engine's corpus (`xxd -p -c 0 FILE`) so every run replays it.

#[path = "../../engine/tests/fuzz_scenarios/mutate.rs"]
mod mutate;
#[path = "fuzz_readers/readers.rs"]
mod readers;

/// A part of the corpus in the test suite (every 40th input: each reader costs a link's
/// compression of a whole territory); all of it with `PARCOURS_FUZZ_CORPUS=all`.
#[test]
fn the_corpus_replays() {
    let inputs = mutate::corpus();
    let step = if std::env::var("PARCOURS_FUZZ_CORPUS").as_deref() == Ok("all") {
        1
    } else {
        40
    };
    let mut tally = std::collections::BTreeMap::new();
    for data in inputs.iter().step_by(step) {
        *tally.entry(readers::run_one(data)).or_insert(0u64) += 1;
    }
    eprintln!("corpus: {tally:?}");
    assert!(
        tally
            .get(&readers::Reached::RoundTrip)
            .copied()
            .unwrap_or(0)
            > 0,
        "{tally:?}"
    );
}

/// Fresh inputs: 30 in the test suite, `PARCOURS_FUZZ_INPUTS` offline.
#[test]
fn fresh_inputs_give_answers() {
    let count = mutate::fresh_count(30);
    let mut gen = mutate::XorShift::of_campaign();
    let mut data = Vec::new();
    let mut progress = mutate::Progress::start();
    let mut tally = std::collections::BTreeMap::new();
    for _ in 0..count {
        gen.fill(&mut data);
        *tally.entry(readers::run_one(&data)).or_insert(0u64) += 1;
        progress.tick();
    }
    eprintln!("{}: {tally:?}", progress.line());
}

/// A fragment that is not ASCII (a pasted link may hold any text) is damaged and read like any
/// other: the harness's damage cuts and replaces whole characters. Regression test of
/// libFuzzer's `link_text` finding (RELIABILITY.md), on the same readers as that target.
#[test]
fn a_fragment_of_any_text_is_damaged_and_read() {
    let fragment = format!("v=2&s=eJz{}é€𝄞", "AÀ".repeat(40));
    for seed in 0..=255u8 {
        let opens = readers::check_decode(&fragment);
        readers::check_library(
            &fragment,
            opens,
            &fragment,
            &mut readers::Choices::of(&[seed]),
        );
    }
}
