//! Share by link: the whole state in the page address's fragment (`#v=2&s=<payload>`).
//!
//! The fragment is never sent to a server and has no length limit. The version (`v=`) stays
//! readable without decoding; the payload (`s=`) is JSON, compressed with zlib (deflate with a
//! checksum, so a damaged link is caught) and written in base64url.
//!
//! Format 2 (current) holds what the user chose — territory, prepared scenario, lever settings
//! and openings, seed, number of replications — and the scenarios themselves: the baseline in
//! full (the engine's JSON format, with its `format_version`) and the network the levers act on
//! as a JSON merge patch (RFC 7386) against the baseline, so a link reopens the same numbers even
//! after a later version changes its shipped files. Haute-Garonne with a prepared scenario and a
//! lever moved is about 15,500 characters of address (test `link_size_of_haute_garonne_and_a_variant`).
//!
//! Format 1 (the first one) held the baseline and the compared scenario in full, levers already
//! applied; it is opened through [`migrate_v1`], which says what could not be carried over.
//! Pure logic, tested natively.

use std::collections::BTreeMap;
use std::rc::Rc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use parcours_engine::{Model, Scenario, ValidationError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::i18n::Lang;
use crate::levers::{apply, LeverId, Opening, Settings};
use crate::session::{DEFAULT_REPLICATIONS, DEFAULT_SEED};
/// Version of the link format this build writes.
pub const LINK_VERSION: u32 = 2;
/// Largest payload accepted once inflated (a link is never a way to fill the memory).
pub const MAX_INFLATED_BYTES: usize = 16 << 20;
/// Most replications a link may ask for.
pub const MAX_REPLICATIONS: u64 = 5000;

/// What the page shows, as a link holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub territory: String,
    /// The prepared scenario chosen, if any (its network is in `network`).
    pub variant: Option<String>,
    pub baseline: Rc<Scenario>,
    /// The network the levers act on when it is not the baseline (prepared or edited).
    pub network: Option<Rc<Scenario>>,
    pub settings: Settings,
    pub seed: u64,
    pub replications: u64,
}

impl State {
    /// The scenario that runs against the baseline: the network with the levers applied.
    pub fn scenario(&self) -> Scenario {
        apply(
            self.network.as_ref().unwrap_or(&self.baseline),
            &self.settings,
        )
    }
}

/// What was said while opening a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// A format-1 link: its lever positions are inside the compared network, not on the levers.
    LeversInNetwork,
    /// A format-1 link with no compared scenario: converted, nothing lost.
    MigratedV1,
}

impl Note {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Note::LeversInNetwork => lang.pick(
                "Lien d'une version précédente de Parcours (format 1), converti : les réglages des leviers de ce lien sont inclus dans le réseau comparé (visible dans l'éditeur avancé) au lieu d'être montrés sur les leviers, qui partent de ce réseau. Graine 42 et 200 réplications, comme à l'époque : les chiffres sont les mêmes.",
                "Link from an earlier version of Parcours (format 1), converted: the lever settings of this link are included in the compared network (shown in the advanced editor) rather than on the levers, which start from that network. Seed 42 and 200 replications, as then: the figures are the same.",
            ),
            Note::MigratedV1 => lang.pick(
                "Lien d'une version précédente de Parcours (format 1), converti sans perte.",
                "Link from an earlier version of Parcours (format 1), converted without loss.",
            ),
        }
    }
}

/// A link opened: the state, the version it was written in, and what the page must say.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub state: State,
    pub version: u32,
    pub notes: Vec<Note>,
}

/// Why a fragment could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkError {
    /// No `v=` parameter: not a Parcours link.
    NotALink,
    /// A version this build does not know.
    UnknownVersion(String),
    /// No `s=` parameter.
    MissingPayload,
    Base64(String),
    Compression(String),
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// A scenario of the link that the engine refuses (paths are prefixed by which one).
    Scenario(Vec<ValidationError>),
    /// Anything else the link holds that this version cannot use (named in the message).
    Invalid(String),
}

impl LinkError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LinkError::NotALink => lang
                .pick(
                    "l'adresse ne contient pas de lien Parcours (paramètre « v= » absent)",
                    "the address holds no Parcours link (no “v=” parameter)",
                )
                .into(),
            LinkError::UnknownVersion(v) => format!(
                "{} {} ({} {LINK_VERSION})",
                lang.pick("version de lien inconnue", "unknown link version"),
                quoted(lang, v),
                lang.pick(
                    "cette version de Parcours lit les versions 1 à",
                    "this version of Parcours reads versions 1 to"
                )
            ),
            LinkError::MissingPayload => lang
                .pick(
                    "le lien ne contient pas de scénario (paramètre « s= » absent)",
                    "the link holds no scenario (no “s=” parameter)",
                )
                .into(),
            LinkError::Base64(e) => format!(
                "{} ({e})",
                lang.pick(
                    "le lien est abîmé ou tronqué : caractères base64url invalides",
                    "the link is damaged or truncated: invalid base64url characters"
                )
            ),
            LinkError::Compression(e) => format!(
                "{} ({e})",
                lang.pick(
                    "le lien est abîmé ou tronqué : décompression impossible",
                    "the link is damaged or truncated: it cannot be decompressed"
                )
            ),
            LinkError::Json {
                line,
                column,
                message,
            } => format!(
                "{} {line}, {} {column}{} {message}",
                lang.pick(
                    "JSON invalide dans le lien, ligne",
                    "invalid JSON in the link, line"
                ),
                lang.pick("colonne", "column"),
                colon(lang)
            ),
            LinkError::Scenario(errors) => format!(
                "{} {}",
                lang.pick(
                    "un scénario du lien n'est pas valide :",
                    "a scenario of the link is not valid:"
                ),
                crate::engine_messages::validation_list(lang, errors)
            ),
            LinkError::Invalid(m) => format!(
                "{} {m}",
                lang.pick("le lien n'est pas utilisable :", "the link cannot be used:")
            ),
        }
    }
}

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
}

/// A lever's id in a link: `places:chrs`, `winter:hu`, `slots:asll`, `alloc:hlm`,
/// `prevention`, `trend`.
pub fn lever_key(id: &LeverId) -> String {
    match id {
        LeverId::Places(s) => format!("places:{s}"),
        LeverId::Winter(s) => format!("winter:{s}"),
        LeverId::Slots(s) => format!("slots:{s}"),
        LeverId::Allocations(s) => format!("alloc:{s}"),
        LeverId::Prevention => "prevention".into(),
        LeverId::Trend => "trend".into(),
    }
}

pub fn parse_lever_key(key: &str) -> Option<LeverId> {
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

/// RFC 7386: applies a JSON merge patch to `target`.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let target = target.as_object_mut().expect("just made an object");
    for (key, value) in patch {
        if value.is_null() {
            target.remove(key);
        } else {
            merge_patch(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// The merge patch that turns `from` into `to` (arrays are replaced whole).
pub fn diff(from: &Value, to: &Value) -> Value {
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            let mut patch = serde_json::Map::new();
            for (key, new) in b {
                match a.get(key) {
                    Some(old) if old == new => {}
                    Some(old @ Value::Object(_)) if new.is_object() => {
                        patch.insert(key.clone(), diff(old, new));
                    }
                    _ => {
                        patch.insert(key.clone(), new.clone());
                    }
                }
            }
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                patch.insert(key.clone(), Value::Null);
            }
            Value::Object(patch)
        }
        _ => to.clone(),
    }
}

fn to_value(s: &Scenario) -> Value {
    serde_json::to_value(s).expect("a scenario always serialises")
}

/// The network patched onto the baseline.
fn patched(baseline: &Scenario, patch: &Value) -> Result<Scenario, String> {
    let mut value = to_value(baseline);
    merge_patch(&mut value, patch);
    serde_json::from_value(value).map_err(|e| e.to_string())
}

fn compress(json: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(json, 9))
}

fn decompress(payload: &str) -> Result<Vec<u8>, LinkError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| LinkError::Base64(e.to_string()))?;
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_INFLATED_BYTES)
        .map_err(|e| LinkError::Compression(format!("{:?}", e.status)))
}

/// A quotation in the page's language: « text » or “text”.
pub fn quoted(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Fr => format!("« {text} »"),
        Lang::En => format!("“{text}”"),
    }
}

/// A colon in the page's language: « : » after a space in French.
pub fn colon(lang: Lang) -> &'static str {
    lang.pick(" :", ":")
}

/// serde_json's message without its « at line L column C », which the page says in its language.
pub fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn json_error(e: serde_json::Error) -> LinkError {
    LinkError::Json {
        line: e.line(),
        column: e.column(),
        message: json_message(&e),
    }
}

fn validate(which: &str, scenario: &Scenario) -> Result<(), LinkError> {
    Model::new(scenario).map(|_| ()).map_err(|errors| {
        LinkError::Scenario(
            errors
                .into_iter()
                .map(|e| ValidationError {
                    path: format!("{which}.{}", e.path),
                    ..e
                })
                .collect(),
        )
    })
}

/// The fragment (without `#`) of a state: `v=2&s=<payload>`.
pub fn encode(state: &State) -> String {
    let network = state.network.as_deref().filter(|n| **n != *state.baseline);
    let patch = network.map(|n| diff(&to_value(&state.baseline), &to_value(n)));
    // A patch cannot set an object member to null; such a network travels in full.
    let exact = match (network, &patch) {
        (Some(n), Some(p)) => patched(&state.baseline, p).as_ref() == Ok(n),
        _ => true,
    };
    let payload = PayloadV2Out {
        territory: &state.territory,
        variant: state.variant.as_deref(),
        baseline: &state.baseline,
        network_patch: patch.filter(|_| exact),
        network: network.filter(|_| !exact),
        levers: state
            .settings
            .values
            .iter()
            .map(|(id, v)| (lever_key(id), *v))
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
    };
    let json = serde_json::to_vec(&payload).expect("a state always serialises");
    format!("v={LINK_VERSION}&s={}", compress(&json))
}

/// The value of `key` in a fragment `a=1&b=2` (with or without the leading `#`).
fn param<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

/// The version a fragment says it is written in, without decoding it.
pub fn version_of(fragment: &str) -> Option<&str> {
    param(fragment, "v")
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
            variant: None,
            baseline: Rc::new(baseline),
            network: network.map(Rc::new),
            settings: Settings::default(),
            seed: DEFAULT_SEED,
            replications: DEFAULT_REPLICATIONS,
        },
        version: 1,
        notes,
    }
}

fn read_v2(p: PayloadV2) -> Result<State, LinkError> {
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
        let id = parse_lever_key(&key)
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
    Ok(State {
        territory: p.territory,
        variant: p.variant,
        baseline: Rc::new(p.baseline),
        network: network.map(Rc::new),
        settings,
        seed: p.seed,
        replications: p.replications,
    })
}

/// Opens a fragment, migrating older formats. `Ok(None)`: there is none (an address of before
/// links, like `?lang=en`, opens the default without a message).
pub fn decode(fragment: &str) -> Result<Option<Opened>, LinkError> {
    if fragment.trim_start_matches('#').is_empty() {
        return Ok(None);
    }
    let version = version_of(fragment).ok_or(LinkError::NotALink)?;
    let version: u32 = match version {
        "1" => 1,
        "2" => 2,
        other => return Err(LinkError::UnknownVersion(other.into())),
    };
    let payload = param(fragment, "s").ok_or(LinkError::MissingPayload)?;
    let json = decompress(payload)?;
    let opened = if version == 1 {
        let p: PayloadV1 = serde_json::from_slice(&json).map_err(json_error)?;
        migrate_v1(p.territory, p.baseline, p.scenario)
    } else {
        let p: PayloadV2 = serde_json::from_slice(&json).map_err(json_error)?;
        Opened {
            state: read_v2(p)?,
            version,
            notes: Vec::new(),
        }
    };
    let state = &opened.state;
    validate("baseline", &state.baseline)?;
    if let Some(n) = &state.network {
        validate("network", n)?;
    }
    if state.network.is_some() || !state.settings.is_empty() {
        validate("scenario", &state.scenario())?;
    }
    Ok(Some(opened))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use parcours_engine::{default_scenario, StageKind};
    use serde_json::json;

    const V1_FIXTURE: &str = include_str!("../tests/fixtures/links/v1-haute-garonne-chrs-600.txt");

    fn chrs_600() -> Settings {
        let mut settings = Settings::default();
        settings
            .values
            .insert(LeverId::Places("chrs".into()), 600.0);
        settings
    }

    /// Haute-Garonne, the prepared scenario « CHRS + », a lever moved, an opening, seed 7.
    fn variant_state() -> State {
        let mut settings = chrs_600();
        settings.values.insert(LeverId::Trend, -1.5);
        settings.openings.push(Opening {
            stage: "pension".into(),
            month: 18,
            places: 40,
        });
        State {
            territory: "haute-garonne".into(),
            variant: Some("chrs-plus".into()),
            baseline: Rc::new(default_scenario()),
            network: Some(Rc::new(
                catalog::scenario("variants/chrs-plus.json").unwrap(),
            )),
            settings,
            seed: 7,
            replications: 50,
        }
    }

    fn json(s: &Scenario) -> String {
        serde_json::to_string(s).unwrap()
    }

    #[test]
    fn a_link_round_trips_exactly() {
        let state = variant_state();
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
            variant: None,
            baseline: Rc::new(default_scenario()),
            network: None,
            settings: Settings::default(),
            seed: DEFAULT_SEED,
            replications: DEFAULT_REPLICATIONS,
        };
        let opened = decode(&encode(&state)).unwrap().unwrap();
        assert_eq!(opened.state, state);
    }

    #[test]
    fn every_prepared_scenario_travels_as_an_exact_patch() {
        let index = catalog::index();
        let mut sizes = Vec::new();
        for v in &index.variants {
            let file = catalog::territory_file(&index, &v.baseline).unwrap();
            let baseline = catalog::scenario(&file).unwrap();
            let network = catalog::scenario(&v.file).unwrap();
            let patch = diff(&to_value(&baseline), &to_value(&network));
            assert_eq!(patched(&baseline, &patch).unwrap(), network, "{}", v.id);
            // A variant is an edit: its patch is smaller than the file, most of them far smaller
            // (the winter plan also changes the initial state, an array sent whole).
            let (p, n) = (patch.to_string().len(), json(&network).len());
            assert!(p < n, "{}: patch of {p} bytes for {n}", v.id);
            sizes.push((p, n));
        }
        let (p, n) = sizes.iter().fold((0, 0), |(p, n), (a, b)| (p + a, n + b));
        assert!(p * 4 < n, "patches: {p} bytes for {n}");
    }

    #[test]
    fn a_network_a_patch_cannot_express_travels_in_full() {
        // `prevention: null` cannot be written in a merge patch… but it decodes to the same
        // scenario (the field defaults to none); anything else would be sent in full.
        let mut state = variant_state();
        let mut network = (*state.baseline).clone();
        network.prevention = None;
        state.network = Some(Rc::new(network));
        state.settings = Settings::default();
        let opened = decode(&encode(&state)).unwrap().unwrap();
        assert_eq!(opened.state, state);
    }

    /// The size of a link, said here and in README « Liens / Links ».
    #[test]
    fn link_size_of_haute_garonne_and_a_variant() {
        let state = variant_state();
        let link = encode(&state);
        let baseline_only = encode(&State {
            network: None,
            variant: None,
            settings: Settings::default(),
            ..state.clone()
        });
        println!(
            "link: baseline alone {} characters, with « CHRS + », levers and an opening {}",
            baseline_only.len(),
            link.len()
        );
        // The baseline travels in full, with the territory's state at day 0 (its run-in, issue
        // 10: about 8,000 of these characters); what the choice adds stays small.
        assert!(link.len() < 24_000, "{} characters", link.len());
        assert!(link.len() < baseline_only.len() + 2_000);
    }

    #[test]
    fn merge_patch_follows_rfc_7386() {
        // Examples from RFC 7386, appendix A.
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": "b"}),
                json!({"b": "c"}),
                json!({"a": "b", "b": "c"}),
            ),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (
                json!({"a": [{"b": "c"}]}),
                json!({"a": [1]}),
                json!({"a": [1]}),
            ),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a": "foo"}), json!("bar"), json!("bar")),
            (
                json!({"e": null}),
                json!({"a": 1}),
                json!({"e": null, "a": 1}),
            ),
            (
                json!({}),
                json!({"a": {"bb": {"ccc": null}}}),
                json!({"a": {"bb": {}}}),
            ),
        ];
        for (target, patch, expected) in cases {
            let mut t = target.clone();
            merge_patch(&mut t, &patch);
            assert_eq!(t, expected, "{target} + {patch}");
        }
        let (a, b) = (
            json!({"x": {"y": 1, "z": 2}, "w": 3}),
            json!({"x": {"y": 1, "z": 5}}),
        );
        assert_eq!(diff(&a, &b), json!({"x": {"z": 5}, "w": null}));
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
            variant: None,
            network: Some(Rc::new(apply(&baseline, &chrs_600()))),
            baseline: Rc::new(baseline),
            settings: Settings::default(),
            seed: 42,
            replications: 200,
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
        let good = encode(&variant_state());
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
        let mut bad = (*variant_state().baseline).clone();
        bad.horizon_months = -1.0;
        let state = State {
            baseline: Rc::new(bad),
            ..variant_state()
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
            ..variant_state()
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
}
