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

use std::path::Path;
use std::time::Instant;

/// The persisted corpus: one input per line in hexadecimal, `#` comments.
fn corpus() -> Vec<Vec<u8>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_scenarios/corpus.hex");
    let text = std::fs::read_to_string(path).expect("the corpus file");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            (0..l.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&l[i..i + 2], 16).expect("hexadecimal"))
                .collect()
        })
        .collect()
}

/// Runs one input; on a panic, saves its bytes and passes the panic on.
fn run_one(data: &[u8]) -> mutate::Outcome {
    let input = mutate::input(data);
    let result = std::panic::catch_unwind(|| mutate::check(&input));
    match result {
        Ok(outcome) => outcome,
        Err(panic) => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-findings");
            let _ = std::fs::create_dir_all(&dir);
            let name = format!("{:016x}", fnv(data));
            let _ = std::fs::write(dir.join(&name), data);
            let _ = std::fs::write(dir.join(format!("{name}.json")), &input.text);
            eprintln!(
                "fuzz finding saved as target/fuzz-findings/{name} (non-finite: {:?})",
                input.non_finite
            );
            std::panic::resume_unwind(panic);
        }
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Every input of the persisted corpus still gives an answer.
#[test]
fn the_corpus_replays() {
    let inputs = corpus();
    assert!(inputs.len() > 1000, "the corpus holds inputs");
    for data in &inputs {
        run_one(data);
    }
}

/// xorshift64*: the harness's own input generator (no dependency, the same bytes everywhere).
struct Bytes(u64);
impl Bytes {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn fill(&mut self, out: &mut Vec<u8>) {
        out.clear();
        let n = 8 + (self.next() % 248) as usize;
        while out.len() < n {
            out.extend_from_slice(&self.next().to_le_bytes());
        }
        out.truncate(n);
    }
}

/// Fresh inputs: 300 in the test suite, `PARCOURS_FUZZ_INPUTS` offline.
#[test]
fn fresh_inputs_give_answers() {
    let count: u64 = std::env::var("PARCOURS_FUZZ_INPUTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("PARCOURS_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed);
    let mut gen = Bytes(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
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
