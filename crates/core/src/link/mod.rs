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
//! lever moved is about 15,500 characters of address (test `link_size_of_haute_garonne_and_a_prepared_scenario`).
//!
//! Since issue 13 a format-2 link may also hold the decision-support question asked
//! (`analysis`: « Où agir ? », target seeking or the optimiser, [`crate::analysis::Analysis`]);
//! the field is optional, so links written before it open unchanged. An analysis this build
//! cannot read or run is left out, the rest opens, and [`Note::AnalysisDropped`] names the field.
//!
//! Format 1 (the first one) held the baseline and the compared scenario in full, levers already
//! applied; it is opened through [`migrate_v1`], which says what could not be carried over.
//! Pure logic, tested natively.

use std::rc::Rc;

use parcours_engine::json::MAX_SCENARIO_BYTES;
use parcours_engine::{Model, Scenario, ValidationError};

use crate::analysis::{Analysis, AnalysisError};
use crate::i18n::{t, Lang, Msg};
use crate::levers::{apply, Settings};

pub mod merge_patch;
mod payload;

pub use payload::migrate_v1;

/// Version of the link format this build writes.
pub const LINK_VERSION: u32 = 2;
/// Largest payload accepted once inflated: a baseline and a network of the largest scenario the
/// engine reads (`MAX_SCENARIO_BYTES` each), and the rest. Whatever the page writes it reads
/// back (`link_of_the_largest_scenario_reads_back`); more is « too large », found while
/// inflating (never allocated), so a small link that inflates hugely costs milliseconds.
pub const MAX_INFLATED_BYTES: usize = 2 * MAX_SCENARIO_BYTES + (64 << 10);
/// Longest payload read (base64url of the compressed JSON; deflate never grows data by more
/// than a few bytes per block): checked before decoding it.
pub const MAX_PAYLOAD_CHARS: usize = MAX_INFLATED_BYTES / 3 * 4 + 1024;
/// Most replications a link may ask for.
pub const MAX_REPLICATIONS: u64 = 5000;

/// What the page shows, as a link holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub territory: String,
    /// The prepared scenario chosen, if any (its network is in `network`).
    pub prepared: Option<String>,
    pub baseline: Rc<Scenario>,
    /// The network the levers act on when it is not the baseline (prepared or edited).
    pub network: Option<Rc<Scenario>>,
    pub settings: Settings,
    pub seed: u64,
    pub replications: u64,
    /// The decision-support question asked, which the page runs again on opening.
    pub analysis: Option<Analysis>,
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
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A format-1 link: its lever positions are inside the compared network, not on the levers.
    LeversInNetwork,
    /// A format-1 link with no compared scenario: converted, nothing lost.
    MigratedV1,
    /// The link's analysis could not be read or run (the field, and why): the rest opened.
    AnalysisDropped(AnalysisError),
}

impl Note {
    pub fn message(&self, lang: Lang) -> String {
        let msg = match self {
            Note::LeversInNetwork => Msg::LinkLeversInNetwork,
            Note::MigratedV1 => Msg::LinkMigratedV1,
            Note::AnalysisDropped(e) => Msg::LinkAnalysisDropped {
                field: &e.field,
                why: &e.why,
            },
        };
        t(lang, msg).into_owned()
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
    /// The payload is longer than [`MAX_PAYLOAD_CHARS`], or inflates beyond
    /// [`MAX_INFLATED_BYTES`] (a « zlib bomb »): not damaged, too large.
    TooLarge {
        max_bytes: usize,
    },
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
        let msg = match self {
            LinkError::NotALink => Msg::NotALink,
            LinkError::UnknownVersion(version) => Msg::UnknownLinkVersion {
                version,
                max: LINK_VERSION,
            },
            LinkError::MissingPayload => Msg::MissingPayload,
            LinkError::Base64(detail) => Msg::LinkBase64 { detail },
            LinkError::Compression(detail) => Msg::LinkCompression { detail },
            LinkError::TooLarge { max_bytes } => Msg::LinkTooLarge {
                max_bytes: *max_bytes,
            },
            LinkError::Json {
                line,
                column,
                message,
            } => Msg::LinkJson {
                line: *line,
                column: *column,
                message,
            },
            LinkError::Scenario(errors) => Msg::LinkScenario { errors },
            LinkError::Invalid(detail) => Msg::LinkInvalid { detail },
        };
        t(lang, msg).into_owned()
    }
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
    format!("v={LINK_VERSION}&s={}", payload::write_v2(state))
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
    let json = payload::decompress(payload)?;
    let opened = payload::read(version, &json)?;
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
mod tests;
