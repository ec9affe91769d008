//! The readers' checks of the fuzzing campaign (RELIABILITY.md), shared by the stable harness
//! (`../fuzz_readers.rs`) and the libFuzzer targets (`crates/core/fuzz/`): one meaning for an
//! input's bytes everywhere, so the corpora are interchangeable. The including crate declares
//! the engine's shared mutator as its `mutate` module at its root.
//!
//! What each reader must do, whatever it is given: answer with a value or an error that says
//! what is wrong in both languages — never panic — and read back exactly what the page writes
//! (a valid state's link opens to the same state; an imported scenario's JSON imports to the same
//! scenario; a saved entry is listed with its link).

#![allow(dead_code)]

use crate::mutate;

use std::rc::Rc;
use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use parcours_core::analysis::{
    AllowedLever, Analysis, MarginalAsk, Objective, OptimiseAsk, SeekAsk,
};
use parcours_core::editor::draft::import;
use parcours_core::i18n::Lang;
use parcours_core::levers::{LeverId, Opening, Settings};
use parcours_core::library::{self, MemoryStore, Store, PREFIX};
use parcours_core::link::{self, LinkError, State, MAX_PAYLOAD_CHARS, MAX_REPLICATIONS};
use parcours_core::marginal::{RankBy, OBJECTIVES};
use parcours_core::target::{Goal, Month};
use parcours_engine::{Model, Scenario};

/// The choices a reader's damage is drawn from, seeded by the input's bytes (the scenario
/// itself comes from the shared mutator, so an engine corpus entry means the same here).
pub struct Choices(mutate::XorShift);
impl Choices {
    pub fn of(data: &[u8]) -> Choices {
        Choices(mutate::XorShift(mutate::fnv(data) | 1))
    }
    fn below(&mut self, n: usize) -> usize {
        (self.0.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.0.next() % one_in == 0
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn pick_string(&mut self, items: &[String]) -> String {
        items[self.below(items.len())].clone()
    }
}

/// What one input reached, for the campaign's tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reached {
    /// The scenario text was refused by the import; links were still damaged and read.
    Refused,
    /// A valid scenario: its link was written, read back, damaged and read.
    RoundTrip,
}

/// An error of a reader says something in both languages.
fn said(e: &LinkError) {
    for lang in [Lang::Fr, Lang::En] {
        assert!(!e.message(lang).trim().is_empty(), "{e:?}");
    }
}

/// The JSON import: a scenario or its problems; what it accepts, it accepts again as written.
pub fn check_import(text: &str) -> Option<Scenario> {
    match import(text) {
        Ok(s) => {
            let again = import(&serde_json::to_string(&s).expect("serialises"))
                .expect("an imported scenario's JSON imports back");
            assert_eq!(again, s, "an imported scenario imports back the same");
            Some(s)
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a refusal names a problem");
            for e in &errors {
                assert!(!e.path.is_empty() && !e.message.trim().is_empty(), "{e:?}");
            }
            None
        }
    }
}

/// The state a link should hold for `scenario`, with levers, openings, seed and count drawn.
fn state_for(scenario: Scenario, c: &mut Choices) -> State {
    let baseline = Rc::new(scenario);
    let mut settings = Settings::default();
    let stages: Vec<String> = baseline.stages.iter().map(|s| s.id.clone()).collect();
    for _ in 0..c.below(4) {
        let stage = if stages.is_empty() || c.chance(8) {
            "nowhere".to_string()
        } else {
            c.pick_string(&stages)
        };
        let id = match c.below(6) {
            0 => LeverId::Places(stage),
            1 => LeverId::Winter(stage),
            2 => LeverId::Slots(stage),
            3 => LeverId::Allocations(stage),
            4 => LeverId::Prevention,
            _ => LeverId::Trend,
        };
        let value = c.pick(&[
            0.0,
            1.0,
            12.5,
            -3.0,
            600.0,
            1e6,
            1e300,
            f64::NAN,
            f64::INFINITY,
        ]);
        settings.values.insert(id, value);
    }
    if c.chance(3) && !stages.is_empty() {
        settings.openings.push(Opening {
            stage: c.pick_string(&stages),
            month: c.pick(&[0, 1, 18, 59, 600, u32::MAX]),
            places: c.pick(&[1, 40, -10, 0, i64::MAX]),
        });
    }
    let network = match c.below(3) {
        0 => None,
        1 => Some(baseline.clone()),
        _ => Some(Rc::new(default_scenario())),
    };
    State {
        territory: c
            .pick(&["haute-garonne", "ariege", "", "«inconnu»"])
            .to_string(),
        prepared: c
            .pick(&[None, Some("chrs-plus"), Some("?")])
            .map(str::to_string),
        baseline,
        network,
        settings,
        seed: c.pick(&[0, 42, u64::MAX]),
        replications: c.pick(&[1, 200, MAX_REPLICATIONS, MAX_REPLICATIONS + 1, 0]),
        analysis: analysis_for(&stages, c),
    }
}

/// An analysis of any kind, or none; sometimes one a link must drop (its replications out of
/// range, a lever allowed twice, a probability above 1).
fn analysis_for(stages: &[String], c: &mut Choices) -> Option<Analysis> {
    let replications = c.pick(&[1, 20, MAX_REPLICATIONS, MAX_REPLICATIONS + 1, 0]);
    let objective = Objective(c.pick(&OBJECTIVES));
    let stage = stages.first().cloned().unwrap_or_else(|| "nowhere".into());
    let lever = AllowedLever {
        lever: LeverId::Places(stage),
        min: c.pick(&[None, Some(0.0), Some(f64::NAN)]),
        max: c.pick(&[None, Some(900.0)]),
    };
    let levers = vec![lever.clone(); 1 + c.below(2)];
    Some(match c.below(4) {
        0 => return None,
        1 => Analysis::Marginal(MarginalAsk {
            objective,
            rank_by: c.pick(&[RankBy::Step, RankBy::Cost]),
            replications,
        }),
        2 => Analysis::Seek(SeekAsk {
            objective,
            goal: c.pick(&[Goal::Change(-0.5), Goal::Level(100.0)]),
            by: c.pick(&[
                None,
                Some(Month {
                    year: 2029,
                    month: 12,
                }),
            ]),
            probability: c.pick(&[0.8, 1.5]),
            levers,
            replications,
        }),
        _ => Analysis::Optimise(OptimiseAsk {
            objective,
            budget: c.pick(&[2e6, -1.0]),
            open_per_year: c.pick(&[None, Some(100), Some(0)]),
            levers,
            replications,
        }),
    })
}

/// Whether the page could have written this state's link: every scenario in it valid, the
/// levers finite, the count one a link accepts.
fn writable(state: &State) -> bool {
    let valid = |s: &Scenario| Model::new(s).is_ok();
    valid(&state.baseline)
        && state.network.as_deref().is_none_or(valid)
        && ((state.network.is_none() && state.settings.is_empty()) || valid(&state.scenario()))
        && state.settings.values.values().all(|v| v.is_finite())
        && (1..=MAX_REPLICATIONS).contains(&state.replications)
        && state.analysis.as_ref().is_none_or(|a| a.check().is_ok())
}

/// The state as a link reads it back: a network equal to the baseline is not written.
fn normalised(mut state: State) -> State {
    if state.network.as_deref() == Some(&*state.baseline) {
        state.network = None;
    }
    state
}

/// Damage a fragment in one of the ways a pasted or truncated link is damaged.
fn damaged(fragment: &str, c: &mut Choices) -> String {
    let mut f = fragment.to_string();
    match c.below(9) {
        // Cut, and a character replaced by one an address bar keeps, at character boundaries:
        // the page writes ASCII links, but a pasted fragment may hold any text (libFuzzer's
        // `link_text` found that this damage once assumed ASCII; RELIABILITY.md).
        0 => f.truncate(char_start(&f, c.below(f.len() + 1))),
        1 => {
            if !f.is_empty() {
                let i = char_start(&f, c.below(f.len()));
                let end = i + f[i..].chars().next().map_or(0, char::len_utf8);
                let by = b"A_-z09=&%#"[c.below(10)] as char;
                f.replace_range(i..end, by.encode_utf8(&mut [0; 4]));
            }
        }
        2 => f = f.replacen("v=2", c.pick(&["v=1", "v=3", "v=", "v=02", "w=2"]), 1),
        3 => f.push_str(c.pick(&["&s=AAAA", "&v=1", "&", "&s=", "%00"])),
        4 => {
            // A payload of random base64url characters.
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let n = c.below(4096);
            let payload: String = (0..n).map(|_| alphabet[c.below(64)] as char).collect();
            f = format!("v=2&s={payload}");
        }
        5 => {
            // A small payload that inflates hugely (a « zlib bomb ») or to JSON of another shape.
            f = format!("v={}&s={}", c.pick(&["1", "2"]), c.pick_string(bombs()));
        }
        6 => f = "s=".to_string() + &f,
        7 => f = f.repeat(1 + c.below(3)),
        _ => {
            // Longer than any link the page writes.
            f.push_str(&"A".repeat(MAX_PAYLOAD_CHARS + 1 - f.len().min(MAX_PAYLOAD_CHARS)));
        }
    }
    f
}

/// The start of the character holding byte `i` of `text` (`text.len()` stays itself).
fn char_start(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The default scenario, parsed once per process (it is the same for every input).
fn default_scenario() -> Scenario {
    static DEFAULT: OnceLock<Scenario> = OnceLock::new();
    DEFAULT
        .get_or_init(parcours_engine::default_scenario)
        .clone()
}

/// Payloads that inflate hugely or to JSON of another shape, compressed once.
fn bombs() -> &'static [String] {
    static BOMBS: OnceLock<Vec<String>> = OnceLock::new();
    BOMBS.get_or_init(|| {
        let inner: [Vec<u8>; 4] = [
            vec![b' '; 40 << 20],
            b"[".repeat(100_000),
            br#"{"territory":"x","baseline":{},"seed":1,"replications":1}"#.to_vec(),
            format!("{{\"a\":\"{}\"}}", "é".repeat(1 << 20)).into_bytes(),
        ];
        inner
            .iter()
            .map(|json| URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(json, 9)))
            .collect()
    })
}

/// The link decoder on a fragment: an opened state or an error said in both languages; what it
/// opens, it writes and opens again to the same state. Returns whether it opened.
pub fn check_decode(fragment: &str) -> bool {
    check_decoded(fragment, link::decode(fragment))
}

fn check_decoded(fragment: &str, decoded: Result<Option<link::Opened>, LinkError>) -> bool {
    match decoded {
        Ok(Some(opened)) => {
            let written = link::encode(&opened.state);
            // Decoding is a function of the fragment: the one just decoded is not decoded twice.
            let again = if written == fragment {
                opened.state.clone()
            } else {
                link::decode(&written)
                    .expect("an opened state's link opens again")
                    .expect("a state")
                    .state
            };
            assert_eq!(normalised(again), normalised(opened.state));
            true
        }
        Ok(None) => {
            assert!(fragment.trim_start_matches('#').is_empty());
            false
        }
        Err(e) => {
            said(&e);
            false
        }
    }
}

/// The library loader on a store holding a valid entry, entries of every damaged shape and
/// foreign keys: every key under the prefix is listed, readable or apart, and a readable
/// entry's link opens. `opens`: whether `fragment` itself opens (the caller decoded it).
pub fn check_library(fragment: &str, opens: bool, text: &str, c: &mut Choices) {
    let mut store = MemoryStore::default();
    let saved = library::save(
        &mut store,
        "Plan « A » <b>",
        fragment,
        "2026-12-07T00:00:00Z",
        1,
        false,
    );
    let raw_entries = [
        text.to_string(),
        format!(
            r#"{{"kind":"parcours-library-entry","name":"x","saved":"y","link":{}}}"#,
            serde_json::to_string(&damaged(fragment, c)).expect("a string")
        ),
        r#"{"kind":"autre","name":"x","saved":"y","link":"v=2&s="}"#.to_string(),
        String::new(),
        "null".to_string(),
    ];
    for (i, raw) in raw_entries.iter().enumerate() {
        store.set(&format!("{PREFIX}z{i}"), raw).expect("in memory");
    }
    store.set("autre.cle", text).expect("in memory");
    let prefixed = store
        .keys()
        .unwrap()
        .iter()
        .filter(|k| k.starts_with(PREFIX))
        .count();
    // One language per input (the reasons are the same messages in either).
    {
        let lang = c.pick(&[Lang::Fr, Lang::En]);
        let listing = library::list(&store, lang).expect("a store in memory answers");
        assert_eq!(listing.entries.len() + listing.unreadable.len(), prefixed);
        for entry in &listing.entries {
            // The saved fragment was decoded already (`opens`); any other link is decoded here.
            let entry_opens = if entry.link == fragment {
                opens
            } else {
                matches!(link::decode(&entry.link), Ok(Some(_)))
            };
            assert!(entry_opens, "{}", entry.key);
        }
        for u in &listing.unreadable {
            assert!(!u.reason.trim().is_empty(), "{}", u.key);
        }
        // What was saved is listed readable exactly when its link opens.
        if let Ok(key) = &saved {
            let readable = listing.entries.iter().any(|e| &e.key == key);
            assert_eq!(readable, opens, "{key}");
        }
    }
}

/// Runs every reader on one input.
pub fn check(data: &[u8]) -> Reached {
    let input = mutate::input(data);
    let mut c = Choices::of(data);
    let imported = check_import(&input.text);
    // Links are written from the scenario as parsed (valid or not: the decoder must still
    // answer), or from the default one when the text is not a scenario at all.
    let (reached, scenario) = match imported.ok_or_else(|| Scenario::parse(&input.text)) {
        Ok(s) => (Reached::RoundTrip, s),
        Err(Ok(s)) => (Reached::Refused, s),
        Err(Err(_)) => (Reached::Refused, default_scenario()),
    };
    let state = state_for(scenario, &mut c);
    let fragment = link::encode(&state);
    let decoded = link::decode(&fragment);
    if writable(&state) && fragment.len() <= MAX_PAYLOAD_CHARS {
        let opened = decoded
            .as_ref()
            .expect("what the page writes, it reads back")
            .as_ref()
            .expect("a state");
        assert_eq!(normalised(opened.state.clone()), normalised(state.clone()));
    }
    let opens = check_decoded(&fragment, decoded);
    for _ in 0..2 {
        check_decode(&damaged(&fragment, &mut c));
    }
    check_library(&fragment, opens, &input.text, &mut c);
    reached
}

/// Runs one input; on a panic, saves its bytes and passes the panic on.
pub fn run_one(data: &[u8]) -> Reached {
    match std::panic::catch_unwind(|| check(data)) {
        Ok(reached) => reached,
        Err(panic) => {
            let name = mutate::save_finding("readers-", data, &[]);
            eprintln!("fuzz finding saved as target/fuzz-findings/{name}");
            std::panic::resume_unwind(panic);
        }
    }
}
