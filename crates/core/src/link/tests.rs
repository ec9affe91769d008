use super::payload::compress;
use super::*;
use crate::catalog;
use crate::levers::{LeverId, Opening};
use crate::runs::{DEFAULT_REPLICATIONS, DEFAULT_SEED};
use parcours_engine::{default_scenario, StageKind};

const V1_FIXTURE: &str =
    include_str!("../../../../tests/fixtures/links/v1-haute-garonne-chrs-600.txt");

fn chrs_600() -> Settings {
    let mut settings = Settings::default();
    settings
        .values
        .insert(LeverId::Places("chrs".into()), 600.0);
    settings
}

/// Haute-Garonne, the prepared scenario « CHRS + », a lever moved, an opening, seed 7.
fn prepared_state() -> State {
    let mut settings = chrs_600();
    settings.values.insert(LeverId::Trend, -1.5);
    settings.openings.push(Opening {
        stage: "pension".into(),
        month: 18,
        places: 40,
    });
    State {
        territory: "haute-garonne".into(),
        prepared: Some("chrs-plus".into()),
        baseline: Rc::new(default_scenario()),
        network: Some(Rc::new(catalog::shipped::scenario(
            "variants/chrs-plus.json",
        ))),
        settings,
        seed: 7,
        replications: 50,
        analysis: None,
    }
}

fn json(s: &Scenario) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn a_link_round_trips_exactly() {
    let state = prepared_state();
    let link = encode(&state);
    assert!(link.starts_with("v=2&s="), "{}", &link[..10]);
    let opened = decode(&format!("#{link}")).unwrap().unwrap();
    assert_eq!(opened.version, 2);
    assert!(opened.notes.is_empty());
    assert_eq!(opened.state, state);
    // Byte-equal JSON: the same scenarios, hence the same numbers.
    assert_eq!(json(&opened.state.baseline), json(&state.baseline));
    assert_eq!(
        json(opened.state.network.as_ref().unwrap()),
        json(state.network.as_ref().unwrap())
    );
    assert_eq!(json(&opened.state.scenario()), json(&state.scenario()));
    // The same link again: encoding is deterministic.
    assert_eq!(encode(&opened.state), link);
}

#[test]
fn the_baseline_alone_round_trips() {
    let state = State {
        territory: "haute-garonne".into(),
        prepared: None,
        baseline: Rc::new(default_scenario()),
        network: None,
        settings: Settings::default(),
        seed: DEFAULT_SEED,
        replications: DEFAULT_REPLICATIONS,
        analysis: None,
    };
    let opened = decode(&encode(&state)).unwrap().unwrap();
    assert_eq!(opened.state, state);
}

/// Links written before the `analysis` field have none: they are exactly what this version
/// writes without an analysis (no key, not even `null`), and open with none, saying nothing.
#[test]
fn a_link_without_an_analysis_is_written_and_read_as_before() {
    let state = prepared_state();
    let json = payload::decompress(&payload::write_v2(&state)).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert!(value.get("analysis").is_none(), "no key at all");
    let mut keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "baseline",
            "levers",
            "network_patch",
            "openings",
            "replications",
            "seed",
            "territory",
            "variant"
        ]
    );
    let opened = decode(&link_of_json(2, &String::from_utf8(json).unwrap()))
        .unwrap()
        .unwrap();
    assert!(opened.notes.is_empty());
    assert_eq!(opened.state, state);
}

#[test]
fn each_kind_of_analysis_round_trips() {
    // Every kind of analysis a page can ask travels in its link and comes back the same.
    for analysis in Analysis::examples() {
        let state = State {
            analysis: Some(analysis),
            ..prepared_state()
        };
        let link = encode(&state);
        let opened = decode(&link).unwrap().unwrap();
        assert!(opened.notes.is_empty());
        assert_eq!(opened.state, state);
        assert_eq!(encode(&opened.state), link);
    }
}

/// The payload's JSON with `analysis` set to `value` (written as the page would, then
/// changed by hand).
fn with_analysis(value: serde_json::Value) -> String {
    let state = prepared_state();
    let mut json: serde_json::Value =
        serde_json::from_slice(&payload::decompress(&payload::write_v2(&state)).unwrap()).unwrap();
    json["analysis"] = value;
    link_of_json(2, &json.to_string())
}

#[test]
fn a_malformed_analysis_is_named_and_the_rest_opens() {
    let marginal = serde_json::to_value(&Analysis::examples()[0]).unwrap();
    let mut zero = marginal.clone();
    zero["replications"] = 0.into();
    let mut unknown = marginal.clone();
    unknown["objective"] = "nope".into();
    let mut seek = serde_json::to_value(&Analysis::examples()[1]).unwrap();
    seek["probability"] = 1.5.into();
    for (value, field) in [
        (zero, "marginal.replications"),
        (unknown, "marginal.objective"),
        (seek, "seek.probability"),
        (serde_json::json!({"kind": "oracle"}), "kind"),
        (serde_json::json!(12), "kind"),
    ] {
        let opened = decode(&with_analysis(value)).unwrap().unwrap();
        assert_eq!(opened.state, prepared_state(), "everything else opens");
        match opened.notes.as_slice() {
            [note @ Note::AnalysisDropped(e)] => {
                assert_eq!(e.field, field);
                let fr = note.message(Lang::Fr);
                let en = note.message(Lang::En);
                assert!(fr.contains(&format!("« {field} »")), "{fr}");
                assert!(en.contains(&format!("“{field}”")), "{en}");
            }
            other => panic!("{other:?}"),
        }
    }
    // `null` is no analysis, said nowhere.
    let opened = decode(&with_analysis(serde_json::Value::Null))
        .unwrap()
        .unwrap();
    assert!(opened.notes.is_empty() && opened.state.analysis.is_none());
}

#[test]
fn a_network_a_patch_cannot_express_travels_in_full() {
    // `prevention: null` cannot be written in a merge patch… but it decodes to the same
    // scenario (the field defaults to none); anything else would be sent in full.
    let mut state = prepared_state();
    let mut network = (*state.baseline).clone();
    network.prevention = None;
    state.network = Some(Rc::new(network));
    state.settings = Settings::default();
    let opened = decode(&encode(&state)).unwrap().unwrap();
    assert_eq!(opened.state, state);
}

/// The size of a link, said here and in README « Liens / Links ».
#[test]
fn link_size_of_haute_garonne_and_a_prepared_scenario() {
    let state = prepared_state();
    let link = encode(&state);
    let baseline_only = encode(&State {
        network: None,
        prepared: None,
        settings: Settings::default(),
        ..state.clone()
    });
    println!(
        "link: baseline alone {} characters, with « CHRS + », levers and an opening {}",
        baseline_only.len(),
        link.len()
    );
    // The baseline travels in full, with the territory's state at day 0 (its run-in, issue
    // 10: about 8,500 of these characters); what the choice adds stays small.
    assert!(link.len() < 24_000, "{} characters", link.len());
    assert!(link.len() < baseline_only.len() + 2_000);
}

/// A real link written by format 1 (commit 5f08b28, see the fixture's README).
#[test]
fn a_format_1_link_opens_through_the_migration() {
    assert_eq!(version_of(V1_FIXTURE.trim()), Some("1"));
    let opened = decode(V1_FIXTURE.trim()).unwrap().unwrap();
    assert_eq!(opened.version, 1);
    assert_eq!(opened.notes, vec![Note::LeversInNetwork]);
    // The link keeps the baseline shipped when it was made (every place full and unblocked
    // at day 0), not today's (the territory's run-in state, issue 10): same numbers as then.
    let baseline = (*opened.state.baseline).clone();
    assert_ne!(baseline, default_scenario());
    assert_eq!(baseline.name, default_scenario().name);
    assert!(baseline.initial_state.housed.is_empty());
    assert!(baseline
        .initial_state
        .stages
        .iter()
        .all(|o| o.ready.is_none()));
    let expected = State {
        territory: "haute-garonne".into(),
        prepared: None,
        network: Some(Rc::new(apply(&baseline, &chrs_600()))),
        baseline: Rc::new(baseline),
        settings: Settings::default(),
        seed: 42,
        replications: 200,
        analysis: None,
    };
    assert_eq!(opened.state, expected);
    // The scenario that runs is the one the old link ran.
    let chrs = opened
        .state
        .scenario()
        .stages
        .into_iter()
        .find(|s| s.id == "chrs")
        .unwrap();
    assert!(matches!(chrs.kind, StageKind::Places(p) if p.places == 600));
    // Once opened, it is written again in the current format.
    assert!(encode(&opened.state).starts_with("v=2&"));
}

#[test]
fn no_fragment_is_the_default_without_a_message() {
    assert_eq!(decode(""), Ok(None));
    assert_eq!(decode("#"), Ok(None));
}

fn link_of_json(version: u32, text: &str) -> String {
    format!("#v={version}&s={}", compress(text.as_bytes()))
}

#[test]
fn each_bad_link_says_what_is_wrong() {
    let good = encode(&prepared_state());
    assert_eq!(decode("#section-2"), Err(LinkError::NotALink));
    assert_eq!(
        decode("#v=9&s=abc"),
        Err(LinkError::UnknownVersion("9".into()))
    );
    assert_eq!(decode("#v=2"), Err(LinkError::MissingPayload));
    assert!(matches!(decode("#v=2&s=ab$cd"), Err(LinkError::Base64(_))));
    // Truncated (at a length base64 accepts): the compressed stream is incomplete.
    let cut = &good[..(good.len() / 2) / 4 * 4 + 2];
    assert!(
        matches!(decode(cut), Err(LinkError::Compression(_))),
        "{:?}",
        decode(cut)
    );
    // One character changed in the middle: the checksum or the stream catches it.
    let mut damaged = good.clone().into_bytes();
    let i = damaged.len() / 2;
    damaged[i] = if damaged[i] == b'A' { b'B' } else { b'A' };
    assert!(decode(std::str::from_utf8(&damaged).unwrap()).is_err());
    match decode(&link_of_json(2, "{\n  \"territory\": nope")) {
        Err(LinkError::Json {
            line: 2, column, ..
        }) => assert!(column > 10),
        other => panic!("{other:?}"),
    }
    // A scenario the engine refuses: its paths are named.
    let mut bad = (*prepared_state().baseline).clone();
    bad.horizon_months = -1.0;
    let state = State {
        baseline: Rc::new(bad),
        ..prepared_state()
    };
    match decode(&encode(&state)) {
        Err(LinkError::Scenario(errors)) => {
            assert!(
                errors.iter().any(|e| e.path == "baseline.horizon_months"),
                "{errors:?}"
            );
            let message = LinkError::Scenario(errors).message(Lang::Fr);
            assert!(message.contains("baseline.horizon_months"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let state = State {
        replications: 0,
        ..prepared_state()
    };
    assert!(
        matches!(decode(&encode(&state)), Err(LinkError::Invalid(m)) if m.contains("replications"))
    );
    // A format-1 payload under « v=2 » is not silently read: its fields are named.
    let v1 = V1_FIXTURE.trim().replacen("v=1", "v=2", 1);
    match decode(&v1) {
        Err(LinkError::Json { message, .. }) => {
            assert!(message.contains("scenario"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // Every error has a message in both languages.
    for e in [LinkError::NotALink, LinkError::MissingPayload] {
        assert_ne!(e.message(Lang::Fr), e.message(Lang::En));
    }
}

/// A « zlib bomb » (a few kilobytes that inflate to gigabytes) is too large, not damaged,
/// and found without inflating it all; so is a payload longer than any link the page writes.
#[test]
fn a_zlib_bomb_and_an_overlong_link_are_too_large() {
    let zeros = vec![b' '; 64 << 20];
    let bomb = format!("v=2&s={}", payload::compress(&zeros));
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let started = std::time::Instant::now();
    assert_eq!(
        decode(&bomb),
        Err(LinkError::TooLarge {
            max_bytes: MAX_INFLATED_BYTES
        })
    );
    assert!(
        started.elapsed().as_secs() < 5,
        "inflating stops at the limit"
    );
    let message = decode(&bomb).unwrap_err().message(Lang::Fr);
    assert!(message.contains("trop grand"), "{message}");
    let overlong = format!("v=2&s={}", "A".repeat(MAX_PAYLOAD_CHARS + 1));
    assert!(matches!(decode(&overlong), Err(LinkError::TooLarge { .. })));
}

/// Whatever the page writes, it reads back: a link holding a baseline and a network of the
/// largest size the engine reads, both of incompressible text (names), opens.
#[test]
fn link_of_the_largest_scenario_reads_back() {
    let mut baseline = (*prepared_state().baseline).clone();
    // Fill the name with text that does not compress, up to the engine's size limit.
    let room = MAX_SCENARIO_BYTES - serde_json::to_string(&baseline).unwrap().len() - 64;
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: String = (0..room)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'a' + (x % 26) as u8)
        })
        .collect();
    baseline.name.fr = noise.clone();
    let mut network = baseline.clone();
    network.name.fr = noise.chars().rev().collect();
    let state = State {
        baseline: Rc::new(baseline),
        network: Some(Rc::new(network)),
        ..prepared_state()
    };
    let link = encode(&state);
    let opened = decode(&link).unwrap().unwrap();
    assert_eq!(opened.state, state);
}
