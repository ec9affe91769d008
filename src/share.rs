//! Share by link: the whole state in the page address's fragment (`#v=1&s=<payload>`).
//!
//! The payload is JSON, compressed with zlib (deflate with a checksum, so a damaged link is
//! caught) and written in base64url. The version stays readable without decoding. Pure logic,
//! tested natively.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use parcours_engine::{Model, Scenario, ValidationError};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Version of the link format this build writes.
pub const LINK_VERSION: u32 = 1;
/// Largest payload accepted once inflated (a link is never a way to fill the memory).
pub const MAX_INFLATED_BYTES: usize = 16 << 20;

/// Format 1: the baseline and the compared scenario (levers already applied), in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayloadV1 {
    territory: String,
    baseline: Scenario,
    scenario: Option<Scenario>,
}

/// What a link holds.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub territory: String,
    pub baseline: Scenario,
    /// The scenario compared with the baseline, if any.
    pub scenario: Option<Scenario>,
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
                "{} « {v} » ({} {LINK_VERSION})",
                lang.pick("version de lien inconnue", "unknown link version"),
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
                    "le lien est abîmé : caractères base64url invalides",
                    "the link is damaged: invalid base64url characters"
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
                "{} {line}, {} {column} : {message}",
                lang.pick("JSON invalide dans le lien, ligne", "invalid JSON in the link, line"),
                lang.pick("colonne", "column")
            ),
            LinkError::Scenario(errors) => format!(
                "{} {}",
                lang.pick(
                    "le scénario du lien n'est pas valide :",
                    "the link's scenario is not valid:"
                ),
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ; ")
            ),
        }
    }
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

fn json_error(e: serde_json::Error) -> LinkError {
    LinkError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    }
}

fn validate(which: &str, scenario: &Scenario) -> Result<(), LinkError> {
    Model::new(scenario).map(|_| ()).map_err(|errors| {
        LinkError::Scenario(
            errors
                .into_iter()
                .map(|e| ValidationError {
                    path: format!("{which}.{}", e.path),
                    message: e.message,
                })
                .collect(),
        )
    })
}

/// The fragment (without `#`) of a state: `v=1&s=<payload>`.
pub fn encode(state: &State) -> String {
    let payload = PayloadV1 {
        territory: state.territory.clone(),
        baseline: state.baseline.clone(),
        scenario: state.scenario.clone(),
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

/// Opens a fragment. `Ok(None)`: there is none (the default opens without a message).
pub fn decode(fragment: &str) -> Result<Option<State>, LinkError> {
    if fragment.trim_start_matches('#').is_empty() {
        return Ok(None);
    }
    let version = param(fragment, "v").ok_or(LinkError::NotALink)?;
    if version != "1" {
        return Err(LinkError::UnknownVersion(version.into()));
    }
    let payload = param(fragment, "s").ok_or(LinkError::MissingPayload)?;
    let json = decompress(payload)?;
    let p: PayloadV1 = serde_json::from_slice(&json).map_err(json_error)?;
    validate("baseline", &p.baseline)?;
    if let Some(s) = &p.scenario {
        validate("scenario", s)?;
    }
    Ok(Some(State {
        territory: p.territory,
        baseline: p.baseline,
        scenario: p.scenario,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::{apply, LeverId, Settings};
    use parcours_engine::default_scenario;

    fn chrs_600() -> State {
        let baseline = default_scenario();
        let mut settings = Settings::default();
        settings
            .values
            .insert(LeverId::Places("chrs".into()), 600.0);
        let scenario = apply(&baseline, &settings);
        State {
            territory: "haute-garonne".into(),
            baseline,
            scenario: Some(scenario),
        }
    }

    #[test]
    fn a_link_round_trips() {
        let state = chrs_600();
        let link = encode(&state);
        assert!(link.starts_with("v=1&s="));
        assert_eq!(decode(&format!("#{link}")).unwrap(), Some(state));
    }

    /// Writes the fixture of a format-1 link (run once, by hand, with format 1 current):
    /// `cargo test -p parcours --lib share::tests::write_v1_fixture -- --ignored`.
    #[test]
    #[ignore]
    fn write_v1_fixture() {
        let link = encode(&chrs_600());
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/links/v1-haute-garonne-chrs-600.txt"
            ),
            format!("#{link}\n"),
        )
        .unwrap();
    }
}
