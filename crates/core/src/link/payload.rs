//! The link's payload in each format written so far: format 2 (current) and format 1 (read
//! through [`migrate_v1`]); the JSON compressed with zlib (deflate with a checksum, so a damaged
//! link is caught) and written in base64url.

use std::collections::BTreeMap;
use std::rc::Rc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use parcours_engine::Scenario;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::merge_patch::{diff, merge_patch};
use super::{
    json_error, LinkError, Note, Opened, State, MAX_INFLATED_BYTES, MAX_PAYLOAD_CHARS,
    MAX_REPLICATIONS,
};
use crate::analysis::Analysis;
use crate::levers::{LeverId, Opening, Settings};
use crate::runs::{DEFAULT_REPLICATIONS, DEFAULT_SEED};

/// Format 1: the baseline and the compared scenario (levers already applied), in full.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayloadV1 {
    territory: String,
    baseline: Scenario,
    scenario: Option<Scenario>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OpeningV2 {
    stage: String,
    month: u32,
    places: i64,
}

/// Format 2, as written (borrowing the state).
#[derive(Serialize)]
struct PayloadV2Out<'a> {
    territory: &'a str,
    /// The prepared scenario chosen (named `variant` in the format).
    variant: Option<&'a str>,
    baseline: &'a Scenario,
    #[serde(skip_serializing_if = "Option::is_none")]
    network_patch: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network: Option<&'a Scenario>,
    levers: BTreeMap<String, f64>,
    openings: Vec<OpeningV2>,
    seed: u64,
    replications: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<&'a Analysis>,
}

/// Format 2, as read. The network is either a merge patch against the baseline or, when a
/// patch cannot express it exactly, in full.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PayloadV2 {
    territory: String,
    #[serde(default)]
    variant: Option<String>,
    baseline: Scenario,
    #[serde(default)]
    network_patch: Option<Value>,
    #[serde(default)]
    network: Option<Scenario>,
    #[serde(default)]
    levers: BTreeMap<String, f64>,
    #[serde(default)]
    openings: Vec<OpeningV2>,
    seed: u64,
    replications: u64,
    /// Read apart ([`Analysis::read`]): one that is wrong is dropped with a note, not the link.
    #[serde(default)]
    analysis: Option<Value>,
}

/// A lever's key in a format-2 link: `places:chrs`, `winter:hu`, `slots:asll`, `alloc:hlm`,
/// `prevention`, `trend`. The format's own spelling (links people have use it), read and written
/// only here; everywhere else a lever is its [`LeverId`] (`lever-places-chrs`).
fn v2_lever_key(id: &LeverId) -> String {
    match id {
        LeverId::Places(s) => format!("places:{s}"),
        LeverId::Winter(s) => format!("winter:{s}"),
        LeverId::Slots(s) => format!("slots:{s}"),
        LeverId::Allocations(s) => format!("alloc:{s}"),
        LeverId::Prevention => "prevention".into(),
        LeverId::Trend => "trend".into(),
    }
}

fn parse_v2_lever_key(key: &str) -> Option<LeverId> {
    Some(match key.split_once(':') {
        Some(("places", s)) => LeverId::Places(s.into()),
        Some(("winter", s)) => LeverId::Winter(s.into()),
        Some(("slots", s)) => LeverId::Slots(s.into()),
        Some(("alloc", s)) => LeverId::Allocations(s.into()),
        None if key == "prevention" => LeverId::Prevention,
        None if key == "trend" => LeverId::Trend,
        _ => return None,
    })
}

pub(super) fn to_value(s: &Scenario) -> Value {
    serde_json::to_value(s).expect("a scenario always serialises")
}

/// The network patched onto the baseline.
pub(super) fn patched(baseline: &Scenario, patch: &Value) -> Result<Scenario, String> {
    let mut value = to_value(baseline);
    merge_patch(&mut value, patch);
    parcours_engine::json::from_value(value).map_err(|e| e.to_string())
}

pub(super) fn compress(json: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(json, 9))
}

pub(super) fn decompress(payload: &str) -> Result<Vec<u8>, LinkError> {
    let too_large = LinkError::TooLarge {
        max_bytes: MAX_INFLATED_BYTES,
    };
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(too_large);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| LinkError::Base64(e.to_string()))?;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_INFLATED_BYTES).map_err(
        |e| match e.status {
            // The limit was reached with more to come.
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => too_large,
            status => LinkError::Compression(format!("{status:?}")),
        },
    )
}

/// The payload of a state: format 2's JSON, compressed and in base64url.
pub(super) fn write_v2(state: &State) -> String {
    let network = state.network.as_deref().filter(|n| **n != *state.baseline);
    let patch = network.map(|n| diff(&to_value(&state.baseline), &to_value(n)));
    // A patch cannot set an object member to null; such a network travels in full.
    let exact = match (network, &patch) {
        (Some(n), Some(p)) => patched(&state.baseline, p).as_ref() == Ok(n),
        _ => true,
    };
    let payload = PayloadV2Out {
        territory: &state.territory,
        variant: state.prepared.as_deref(),
        baseline: &state.baseline,
        network_patch: patch.filter(|_| exact),
        network: network.filter(|_| !exact),
        levers: state
            .settings
            .values
            .iter()
            .map(|(id, v)| (v2_lever_key(id), *v))
            .collect(),
        openings: state
            .settings
            .openings
            .iter()
            .map(|o| OpeningV2 {
                stage: o.stage.clone(),
                month: o.month,
                places: o.places,
            })
            .collect(),
        seed: state.seed,
        replications: state.replications,
        analysis: state.analysis.as_ref(),
    };
    let json = serde_json::to_vec(&payload).expect("a state always serialises");
    compress(&json)
}

/// Format 1 → format 2. A format-1 link had no lever state, seed nor replication count: its
/// compared scenario (levers applied) becomes the network, and the seed and count are the ones
/// every run used then (42, 200).
pub fn migrate_v1(territory: String, baseline: Scenario, scenario: Option<Scenario>) -> Opened {
    let network = scenario.filter(|s| *s != baseline);
    let notes = vec![if network.is_some() {
        Note::LeversInNetwork
    } else {
        Note::MigratedV1
    }];
    Opened {
        state: State {
            territory,
            prepared: None,
            baseline: Rc::new(baseline),
            network: network.map(Rc::new),
            settings: Settings::default(),
            seed: DEFAULT_SEED,
            replications: DEFAULT_REPLICATIONS,
            analysis: None,
        },
        version: 1,
        notes,
    }
}

/// The state of a format-2 payload, and what to say about it.
fn read_v2(p: PayloadV2) -> Result<(State, Vec<Note>), LinkError> {
    let network =
        match (p.network, p.network_patch) {
            (Some(_), Some(_)) => return Err(LinkError::Invalid(
                "« network » et « network_patch » à la fois / both “network” and “network_patch”"
                    .into(),
            )),
            (Some(n), None) => Some(n),
            (None, Some(patch)) => Some(
                patched(&p.baseline, &patch)
                    .map_err(|e| LinkError::Invalid(format!("network_patch: {e}")))?,
            ),
            (None, None) => None,
        };
    let mut settings = Settings::default();
    for (key, value) in p.levers {
        let id = parse_v2_lever_key(&key)
            .ok_or_else(|| LinkError::Invalid(format!("levers.{key}: ? (lever)")))?;
        if !value.is_finite() {
            return Err(LinkError::Invalid(format!("levers.{key}: {value}")));
        }
        settings.values.insert(id, value);
    }
    settings.openings = p
        .openings
        .into_iter()
        .map(|o| Opening {
            stage: o.stage,
            month: o.month,
            places: o.places,
        })
        .collect();
    if !(1..=MAX_REPLICATIONS).contains(&p.replications) {
        return Err(LinkError::Invalid(format!(
            "replications: {} (1 – {MAX_REPLICATIONS})",
            p.replications
        )));
    }
    let (analysis, notes) = match p.analysis.map(Analysis::read) {
        None => (None, Vec::new()),
        Some(Ok(a)) => (Some(a), Vec::new()),
        Some(Err(e)) => (None, vec![Note::AnalysisDropped(e)]),
    };
    let state = State {
        territory: p.territory,
        prepared: p.variant,
        baseline: Rc::new(p.baseline),
        network: network.map(Rc::new),
        settings,
        seed: p.seed,
        replications: p.replications,
        analysis,
    };
    Ok((state, notes))
}

/// Reads a decompressed payload of `version` (1 or 2), migrating format 1.
pub(super) fn read(version: u32, json: &[u8]) -> Result<Opened, LinkError> {
    if version == 1 {
        let p: PayloadV1 = serde_json::from_slice(json).map_err(json_error)?;
        Ok(migrate_v1(p.territory, p.baseline, p.scenario))
    } else {
        let p: PayloadV2 = serde_json::from_slice(json).map_err(json_error)?;
        let (state, notes) = read_v2(p)?;
        Ok(Opened {
            state,
            version,
            notes,
        })
    }
}
