//! Presenting the results to others: the workshop mode (a facilitator projects up to four prepared
//! scenarios to a room) and the embed mode (one view of Parcours in a partner's page, talking to
//! it with `postMessage`). The pure parts live here and are tested natively: the address's
//! parameters and their validation, the messages both ways, the `<iframe>` snippet, and the
//! workshop's keys. The components are `components/workshop.rs`, `embed.rs` and `embed_dialog.rs`.

use parcours_engine::{Difference, Estimate};
use serde_json::{json, Map, Value};

use crate::catalog::{Index, VariantEntry};
use crate::i18n::Lang;
use crate::insight::HEADLINES;
use crate::levers::{Lever, Settings};

/// Version of the messages exchanged with a host page (`version` field).
pub const MESSAGE_VERSION: u32 = 1;
/// Prefix of every message type, both ways.
pub const MESSAGE_PREFIX: &str = "parcours:";
/// Scenarios a workshop shows at most (keys 1 to 4).
pub const WORKSHOP_MAX: usize = 4;
/// The headline figures the workshop shows, big.
pub const WORKSHOP_HEADLINES: [&str; 4] = [
    "unsheltered",
    "median_time_to_housing_days",
    "blocked_places",
    "cost_per_year",
];
/// Levers of the embedded simulator when `levers=` is not given (those the territory has).
pub const DEFAULT_EMBED_LEVERS: [&str; 4] = [
    "lever-places-chrs",
    "lever-alloc-hlm",
    "lever-slots-asll_avdl",
    "lever-prevention",
];

/// What an embedded frame shows (`?embed=<view>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The pathway diagram.
    #[default]
    Diagram,
    /// The headline cards.
    Cards,
    /// The fan chart of households without a solution.
    Chart,
    /// A few levers, the cards and the diagram: a live mini-simulator.
    Simulator,
}

impl View {
    pub const ALL: [View; 4] = [View::Diagram, View::Cards, View::Chart, View::Simulator];

    pub fn code(self) -> &'static str {
        match self {
            View::Diagram => "diagram",
            View::Cards => "cards",
            View::Chart => "chart",
            View::Simulator => "simulator",
        }
    }

    pub fn from_code(code: &str) -> Option<View> {
        let code = code.trim().to_ascii_lowercase();
        View::ALL.into_iter().find(|v| v.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            View::Diagram => lang.pick("Diagramme du parcours", "Pathway diagram"),
            View::Cards => lang.pick("Chiffres clés", "Key figures"),
            View::Chart => lang.pick("Graphique en éventail", "Fan chart"),
            View::Simulator => lang.pick("Mini-simulateur", "Mini-simulator"),
        }
    }
}

/// A bad parameter of the address, said in the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `embed=` is not one of the views.
    UnknownView(String),
    /// `lang=` is not fr or en.
    UnknownLang(String),
    /// `mode=` is not « atelier ».
    UnknownMode(String),
    /// A `trust=` entry is not an origin (`https://host[:port]`).
    BadOrigin(String),
    /// `levers=` names levers this territory does not have.
    UnknownLevers(Vec<String>),
}

fn views_list() -> String {
    View::ALL.map(View::code).join(", ")
}

impl Problem {
    /// « vue inconnue : "foo" (diagram, cards, chart, simulator) ».
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::UnknownView(v), Lang::Fr) => format!(
                "embed : vue inconnue : « {v} » ({}) ; le diagramme est affiché.",
                views_list()
            ),
            (Problem::UnknownView(v), Lang::En) => format!(
                "embed: unknown view: \"{v}\" ({}); showing the diagram.",
                views_list()
            ),
            (Problem::UnknownLang(l), Lang::Fr) => {
                format!("lang : langue inconnue : « {l} » (fr, en) ; le français est affiché.")
            }
            (Problem::UnknownLang(l), Lang::En) => {
                format!("lang: unknown language: \"{l}\" (fr, en); showing French.")
            }
            (Problem::UnknownMode(m), Lang::Fr) => {
                format!("mode : mode inconnu : « {m} » (atelier) ; la page normale est affichée.")
            }
            (Problem::UnknownMode(m), Lang::En) => {
                format!("mode: unknown mode: \"{m}\" (atelier); showing the normal page.")
            }
            (Problem::BadOrigin(o), Lang::Fr) => {
                format!("trust : « {o} » n'est pas une origine (https://hote[:port]) ; ignorée.")
            }
            (Problem::BadOrigin(o), Lang::En) => {
                format!("trust: \"{o}\" is not an origin (https://host[:port]); ignored.")
            }
            (Problem::UnknownLevers(ids), Lang::Fr) => format!(
                "levers : levier{} inconnu{} : {} ; ignoré{}.",
                plural(ids.len()),
                plural(ids.len()),
                quoted(ids),
                plural(ids.len())
            ),
            (Problem::UnknownLevers(ids), Lang::En) => format!(
                "levers: unknown lever{}: {}; ignored.",
                plural(ids.len()),
                quoted(ids)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("\"{i}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The embed mode's parameters, once read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmbedParams {
    pub view: View,
    /// `levers=`, as given (checked against the territory's levers by [`select_levers`]).
    pub levers: Option<Vec<String>>,
    /// Origins whose messages are accepted, normalized (`scheme://host[:port]`).
    pub trust: Vec<String>,
}

/// What the address asks for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// `?mode=atelier`: open in workshop mode.
    pub workshop: bool,
    /// `?embed=…`: the embed mode (wins over the workshop).
    pub embed: Option<EmbedParams>,
    pub problems: Vec<Problem>,
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads the query string's (already decoded) pairs.
pub fn parse_query(pairs: &[(String, String)]) -> Query {
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    let mut problems = Vec::new();
    if let Some(l) = get("lang") {
        if Lang::from_code(l).is_none() {
            problems.push(Problem::UnknownLang(l.to_string()));
        }
    }
    let embed = get("embed").map(|code| {
        let view = View::from_code(code).unwrap_or_else(|| {
            problems.push(Problem::UnknownView(code.to_string()));
            View::default()
        });
        let levers = get("levers").map(list).filter(|l| !l.is_empty());
        let mut trust = Vec::new();
        for raw in get("trust").map(list).unwrap_or_default() {
            match parse_origin(&raw) {
                Some(o) if !trust.contains(&o) => trust.push(o),
                Some(_) => {}
                None => problems.push(Problem::BadOrigin(raw)),
            }
        }
        EmbedParams {
            view,
            levers,
            trust,
        }
    });
    let workshop = match get("mode") {
        None | Some("") => false,
        Some(m) if ["atelier", "workshop"].contains(&m.to_ascii_lowercase().as_str()) => true,
        Some(m) => {
            problems.push(Problem::UnknownMode(m.to_string()));
            false
        }
    };
    Query {
        workshop: workshop && embed.is_none(),
        embed,
        problems,
    }
}

/// An origin as browsers write `event.origin`: `scheme://host[:port]`, lower case, without the
/// scheme's default port. `None` if `raw` is not an http(s) origin (a path, a query, a user…).
pub fn parse_origin(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw.strip_suffix('/').unwrap_or(raw);
    let (scheme, rest) = raw.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return None,
    };
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ', '\\']) {
        return None;
    }
    // IPv6 hosts are bracketed; the port follows the last colon outside the brackets.
    let (host, port) = match rest.rfind(':') {
        Some(i) if !rest[i..].contains(']') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if host.is_empty() {
        return None;
    }
    let host = host.to_ascii_lowercase();
    match port {
        None => Some(format!("{scheme}://{host}")),
        Some(p) => {
            let n: u16 = p
                .parse()
                .ok()
                .filter(|_| p.chars().all(|c| c.is_ascii_digit()))?;
            if n.to_string() == default_port {
                Some(format!("{scheme}://{host}"))
            } else {
                Some(format!("{scheme}://{host}:{n}"))
            }
        }
    }
}

/// The levers the embedded simulator shows (dom ids, in the order asked) and the unknown ones.
/// Without `levers=` (or when none is known): the default few this territory has, else its
/// first three.
pub fn select_levers(
    requested: Option<&[String]>,
    available: &[String],
) -> (Vec<String>, Vec<String>) {
    let (mut shown, unknown): (Vec<String>, Vec<String>) = match requested {
        Some(ids) => ids.iter().cloned().partition(|id| available.contains(id)),
        None => (Vec::new(), Vec::new()),
    };
    shown.dedup();
    if shown.is_empty() {
        shown = DEFAULT_EMBED_LEVERS
            .iter()
            .map(|s| s.to_string())
            .filter(|id| available.contains(id))
            .collect();
    }
    if shown.is_empty() {
        shown = available.iter().take(3).cloned().collect();
    }
    (shown, unknown)
}

// ---- Messages to the host page ----

/// One headline figure of a run, for the `parcours:results` message.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineValues {
    pub id: &'static str,
    pub label: String,
    pub unit: String,
    pub baseline: Option<Estimate>,
    pub scenario: Option<Estimate>,
    pub difference: Option<Difference>,
}

/// Every headline figure of the runs, in the language asked.
pub fn headline_values(
    lang: Lang,
    base: Option<&parcours_engine::Summary>,
    scen: Option<&parcours_engine::Summary>,
    comparison: Option<&parcours_engine::Comparison>,
) -> Vec<HeadlineValues> {
    HEADLINES
        .iter()
        .map(|h| HeadlineValues {
            id: h.id,
            label: lang.pick(h.fr, h.en).to_string(),
            unit: lang.pick(h.unit_fr, h.unit_en).to_string(),
            baseline: base.and_then(|s| s.headline(h.id)).cloned(),
            scenario: scen.and_then(|s| s.headline(h.id)).cloned(),
            difference: comparison.and_then(|c| c.difference(h.id)).cloned(),
        })
        .collect()
}

fn number(x: Option<f64>) -> Value {
    x.filter(|x| x.is_finite())
        .map_or(Value::Null, |x| json!(x))
}

fn estimate(e: Option<&Estimate>) -> Value {
    json!({
        "mean": number(e.and_then(|e| e.mean)),
        "ci_low": number(e.and_then(|e| e.ci_low)),
        "ci_high": number(e.and_then(|e| e.ci_high)),
    })
}

/// `parcours:ready`: the app has mounted in the frame.
pub fn ready_message(lang: Lang, view: View) -> Value {
    json!({ "type": "parcours:ready", "version": MESSAGE_VERSION, "view": view.code(), "lang": lang.code() })
}

/// `parcours:results`: the figures of the run (baseline, and scenario with the paired
/// difference when one differs from the baseline). `scenario` and `difference` are null
/// without a scenario; an undefined figure is null.
pub fn results_message(
    complete: bool,
    done: usize,
    total: usize,
    name: &str,
    headlines: &[HeadlineValues],
) -> Value {
    let comparing = headlines.iter().any(|h| h.scenario.is_some());
    let figures: Map<String, Value> = headlines
        .iter()
        .map(|h| {
            let difference = h.difference.as_ref().map_or(Value::Null, |d| {
                json!({
                    "mean": number(d.difference.mean),
                    "ci_low": number(d.difference.ci_low),
                    "ci_high": number(d.difference.ci_high),
                    "significant": d.significant,
                })
            });
            let value = json!({
                "label": h.label,
                "unit": h.unit,
                "baseline": estimate(h.baseline.as_ref()),
                "scenario": if comparing { estimate(h.scenario.as_ref()) } else { Value::Null },
                "difference": difference,
            });
            (h.id.to_string(), value)
        })
        .collect();
    json!({
        "type": "parcours:results",
        "version": MESSAGE_VERSION,
        "complete": complete,
        "replications": { "done": done, "total": total },
        "scenario": { "name": name },
        "headlines": figures,
    })
}

/// A message from a trusted host that cannot be applied, said back to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// Machine-readable: `bad-lever`, `unknown-lever`, `bad-value`, `out-of-range`, `bad-lang`.
    pub code: &'static str,
    /// What was wrong, as sent (the lever's id, the value, the language).
    pub detail: String,
    /// The message's type, as sent.
    pub message_type: String,
}

impl Invalid {
    pub fn text(&self, lang: Lang) -> String {
        let d = &self.detail;
        match (self.code, lang) {
            ("bad-lever", Lang::Fr) => "« lever » manque ou n'est pas un texte".into(),
            ("bad-lever", Lang::En) => "\"lever\" is missing or not a string".into(),
            ("unknown-lever", Lang::Fr) => format!("levier inconnu : « {d} »"),
            ("unknown-lever", Lang::En) => format!("unknown lever: \"{d}\""),
            ("bad-value", Lang::Fr) => format!("« value » n'est pas un nombre : {d}"),
            ("bad-value", Lang::En) => format!("\"value\" is not a number: {d}"),
            ("out-of-range", Lang::Fr) => format!("valeur hors limites : {d}"),
            ("out-of-range", Lang::En) => format!("value out of range: {d}"),
            ("bad-lang", Lang::Fr) => format!("langue inconnue : « {d} » (fr, en)"),
            _ => format!("unknown language: \"{d}\" (fr, en)"),
        }
    }
}

/// `parcours:error`: a trusted host's message could not be applied.
pub fn error_message(lang: Lang, invalid: &Invalid) -> Value {
    json!({
        "type": "parcours:error",
        "version": MESSAGE_VERSION,
        "error": invalid.code,
        "detail": invalid.detail,
        "request": invalid.message_type,
        "message": invalid.text(lang),
    })
}

// ---- Messages from the host page ----

/// A host's request, once read.
#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    /// `{type: "parcours:set-lever", lever: "lever-places-chrs", value: 300}`.
    SetLever { lever: String, value: f64 },
    /// `{type: "parcours:set-lang", lang: "en"}`.
    SetLang(Lang),
}

/// Why a message is not applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejected {
    /// Not a request of ours (another script's message, an unknown type): ignored, logged at
    /// debug level.
    Ignored(String),
    /// A request of ours that cannot be applied: said back to the host.
    Invalid(Invalid),
}

/// Reads a message's data (as JSON; `None` if it is not JSON-like, a function, a transferable…).
pub fn parse_inbound(data: Option<&Value>) -> Result<Inbound, Rejected> {
    let Some(Value::Object(o)) = data else {
        return Err(Rejected::Ignored("not an object".into()));
    };
    let kind = match o.get("type") {
        Some(Value::String(t)) => t.as_str(),
        _ => return Err(Rejected::Ignored("no type".into())),
    };
    let invalid = |code, detail: String| {
        Err(Rejected::Invalid(Invalid {
            code,
            detail,
            message_type: kind.to_string(),
        }))
    };
    match kind {
        "parcours:set-lever" => {
            let Some(Value::String(lever)) = o.get("lever") else {
                return invalid(
                    "bad-lever",
                    o.get("lever").map(Value::to_string).unwrap_or_default(),
                );
            };
            match o
                .get("value")
                .and_then(Value::as_f64)
                .filter(|v| v.is_finite())
            {
                Some(value) => Ok(Inbound::SetLever {
                    lever: lever.clone(),
                    value,
                }),
                None => invalid(
                    "bad-value",
                    o.get("value").map_or("undefined".into(), Value::to_string),
                ),
            }
        }
        "parcours:set-lang" => match o
            .get("lang")
            .and_then(Value::as_str)
            .and_then(Lang::from_code)
        {
            Some(lang) => Ok(Inbound::SetLang(lang)),
            None => invalid(
                "bad-lang",
                o.get("lang").map_or("undefined".into(), |v| {
                    v.as_str().map_or_else(|| v.to_string(), str::to_string)
                }),
            ),
        },
        other => Err(Rejected::Ignored(format!("unknown type {other:?}"))),
    }
}

/// The settings with lever `dom` set to `value`, if the territory has that lever and the value is
/// within what its number field accepts (its minimum to ten times its slider's maximum). A value
/// equal to the baseline removes the setting, as the lever's row does.
pub fn set_lever(
    levers: &[Lever],
    settings: &Settings,
    dom: &str,
    value: f64,
) -> Result<Settings, Invalid> {
    let invalid = |code, detail: String| Invalid {
        code,
        detail,
        message_type: "parcours:set-lever".into(),
    };
    let lever = levers
        .iter()
        .find(|l| l.id.dom_id() == dom)
        .ok_or_else(|| invalid("unknown-lever", dom.to_string()))?;
    let max = lever.max * 10.0;
    if value < lever.min || value > max {
        return Err(invalid(
            "out-of-range",
            format!("{dom} = {value} ({} … {max})", lever.min),
        ));
    }
    let mut out = settings.clone();
    if (value - lever.baseline).abs() > 1e-9 {
        out.values.insert(lever.id.clone(), value);
    } else {
        out.values.remove(&lever.id);
    }
    Ok(out)
}

// ---- The « Intégrer » dialog's snippet ----

/// What the embed dialog writes.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedChoice {
    pub view: View,
    pub lang: Lang,
    /// Levers of the simulator view (dom ids); ignored by the other views.
    pub levers: Vec<String>,
    /// Origins allowed to send messages (already normalized).
    pub trust: Vec<String>,
    pub width: u32,
    pub height: u32,
}

/// Least and most width and height of the frame, in CSS pixels.
pub const FRAME_MIN: u32 = 200;
pub const FRAME_MAX: u32 = 4000;

/// Percent-encodes a query value (everything but unreserved characters and the list's commas).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The frame's query string, without `?`.
pub fn embed_query(choice: &EmbedChoice) -> String {
    let mut q = format!("embed={}&lang={}", choice.view.code(), choice.lang.code());
    if choice.view == View::Simulator && !choice.levers.is_empty() {
        q.push_str(&format!("&levers={}", encode(&choice.levers.join(","))));
    }
    if !choice.trust.is_empty() {
        q.push_str(&format!("&trust={}", encode(&choice.trust.join(","))));
    }
    q
}

/// The frame's address: the page's address without its query and fragment (so it works under
/// any sub-path), the embed query, and the scenario's fragment (`#…`, kept as it is).
pub fn embed_url(page: &str, choice: &EmbedChoice, hash: &str) -> String {
    let base = page.split(['?', '#']).next().unwrap_or(page);
    let hash = match hash.trim_start_matches('#') {
        "" => String::new(),
        h => format!("#{h}"),
    };
    format!("{base}?{}{hash}", embed_query(choice))
}

fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The `<iframe>` element to paste into a partner's page.
pub fn snippet(url: &str, choice: &EmbedChoice, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\" \
         style=\"border:0;max-width:100%\"></iframe>",
        attr(url),
        attr(title),
        choice.width,
        choice.height
    )
}

/// A frame size typed in the dialog: whole pixels from [`FRAME_MIN`] to [`FRAME_MAX`].
pub fn parse_size(text: &str) -> Option<u32> {
    text.trim()
        .trim_end_matches("px")
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (FRAME_MIN..=FRAME_MAX).contains(n))
}

// ---- Workshop ----

/// The prepared scenarios of a territory a workshop shows: the first four.
pub fn workshop_variants(index: &Index, territory: &str) -> Vec<VariantEntry> {
    index
        .variants
        .iter()
        .filter(|v| v.baseline == territory)
        .take(WORKSHOP_MAX)
        .cloned()
        .collect()
}

/// The scenarios a workshop shows: those chosen (at most four, in the territory's order), else
/// the territory's first four.
pub fn workshop_selection(all: &[VariantEntry], chosen: Option<&[String]>) -> Vec<VariantEntry> {
    let picked: Vec<VariantEntry> = all
        .iter()
        .filter(|v| chosen.is_some_and(|c| c.contains(&v.id)))
        .take(WORKSHOP_MAX)
        .cloned()
        .collect();
    if picked.is_empty() {
        all.iter().take(WORKSHOP_MAX).cloned().collect()
    } else {
        picked
    }
}

/// What a key does in the workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkshopAction {
    /// Show the scenario at this position (0-based).
    Select(usize),
    Exit,
}

/// The action of a key (`KeyboardEvent.key`) with `count` scenarios, `active` being shown.
/// ← / → stop at the ends (no surprise jump from the last to the first in front of a room).
pub fn workshop_action(key: &str, count: usize, active: Option<usize>) -> Option<WorkshopAction> {
    match key {
        "Escape" | "Esc" => Some(WorkshopAction::Exit),
        "1" | "2" | "3" | "4" => {
            let i = key.parse::<usize>().ok()? - 1;
            (i < count).then_some(WorkshopAction::Select(i))
        }
        "ArrowRight" | "PageDown" => {
            let next = active.map_or(0, |a| a + 1);
            (next < count).then_some(WorkshopAction::Select(next))
        }
        "ArrowLeft" | "PageUp" => match active {
            Some(0) => None,
            Some(a) => Some(WorkshopAction::Select(a - 1)),
            None => count.checked_sub(1).map(WorkshopAction::Select),
        },
        _ => None,
    }
}

/// Whether a key pressed in this element is typing (an input, a text area, a list, editable
/// text): the workshop's keys leave it alone.
pub fn is_typing_target(tag: &str, editable: bool) -> bool {
    editable
        || ["INPUT", "TEXTAREA", "SELECT"]
            .iter()
            .any(|t| tag.eq_ignore_ascii_case(t))
}

/// « Places de CHRS supplémentaires »: the catalog's labels are written to follow « Scénario : ».
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::{levers_of, LeverId};
    use parcours_engine::default_scenario;

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_query_picks_the_mode() {
        assert_eq!(parse_query(&[]), Query::default());
        let q = parse_query(&pairs(&[("mode", "atelier")]));
        assert!(q.workshop && q.embed.is_none() && q.problems.is_empty());
        let q = parse_query(&pairs(&[("mode", "Workshop"), ("lang", "en")]));
        assert!(q.workshop && q.problems.is_empty());
        let q = parse_query(&pairs(&[("mode", "kiosk")]));
        assert!(!q.workshop);
        assert_eq!(q.problems, vec![Problem::UnknownMode("kiosk".into())]);
        // The embed mode wins: a frame is never a workshop.
        let q = parse_query(&pairs(&[("mode", "atelier"), ("embed", "cards")]));
        assert!(!q.workshop);
        assert_eq!(q.embed.unwrap().view, View::Cards);
    }

    #[test]
    fn embed_parameters_are_read_and_checked() {
        let q = parse_query(&pairs(&[
            ("embed", "simulator"),
            ("lang", "en"),
            ("levers", " lever-places-chrs, ,lever-prevention "),
            (
                "trust",
                "https://Partner.example.org/,http://localhost:8080,ftp://x,https://a.org/page",
            ),
        ]));
        let e = q.embed.unwrap();
        assert_eq!(e.view, View::Simulator);
        assert_eq!(
            e.levers.unwrap(),
            vec![
                "lever-places-chrs".to_string(),
                "lever-prevention".to_string()
            ]
        );
        assert_eq!(
            e.trust,
            vec![
                "https://partner.example.org".to_string(),
                "http://localhost:8080".to_string()
            ]
        );
        assert_eq!(
            q.problems,
            vec![
                Problem::BadOrigin("ftp://x".into()),
                Problem::BadOrigin("https://a.org/page".into())
            ]
        );

        let q = parse_query(&pairs(&[("embed", "foo"), ("lang", "de"), ("levers", "")]));
        let e = q.embed.unwrap();
        assert_eq!(
            e.view,
            View::Diagram,
            "an unknown view falls back to the diagram"
        );
        assert_eq!(e.levers, None);
        assert_eq!(
            q.problems,
            vec![
                Problem::UnknownLang("de".into()),
                Problem::UnknownView("foo".into())
            ]
        );
        assert_eq!(
            q.problems[1].text(Lang::Fr),
            "embed : vue inconnue : « foo » (diagram, cards, chart, simulator) ; le diagramme est affiché."
        );
        assert_eq!(
            q.problems[0].text(Lang::En),
            "lang: unknown language: \"de\" (fr, en); showing French."
        );
        let q = parse_query(&pairs(&[("embed", "")]));
        assert_eq!(q.problems, vec![Problem::UnknownView(String::new())]);
    }

    #[test]
    fn origins_are_normalized_like_event_origin() {
        assert_eq!(
            parse_origin("https://example.org:443").unwrap(),
            "https://example.org"
        );
        assert_eq!(
            parse_origin("http://127.0.0.1:80/").unwrap(),
            "http://127.0.0.1"
        );
        assert_eq!(
            parse_origin("HTTP://LocalHost:5173").unwrap(),
            "http://localhost:5173"
        );
        assert_eq!(
            parse_origin("http://[::1]:8080").unwrap(),
            "http://[::1]:8080"
        );
        assert_eq!(parse_origin("http://[::1]").unwrap(), "http://[::1]");
        for bad in [
            "",
            "*",
            "example.org",
            "https://",
            "https://a.org/x",
            "https://a.org?x",
            "https://u@a.org",
            "https://a.org:99999",
            "https://a.org:8x",
            "https://a.org:",
            "javascript://a",
            "null",
        ] {
            assert_eq!(parse_origin(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn simulator_levers_default_and_unknown() {
        let available: Vec<String> = levers_of(&default_scenario())
            .iter()
            .map(|l| l.id.dom_id())
            .collect();
        let (shown, unknown) = select_levers(None, &available);
        assert_eq!(shown, DEFAULT_EMBED_LEVERS.map(String::from).to_vec());
        assert!(unknown.is_empty());
        let asked = vec!["lever-trend".to_string(), "lever-nope".to_string()];
        let (shown, unknown) = select_levers(Some(&asked), &available);
        assert_eq!(shown, vec!["lever-trend".to_string()]);
        assert_eq!(unknown, vec!["lever-nope".to_string()]);
        assert_eq!(
            Problem::UnknownLevers(unknown).text(Lang::Fr),
            "levers : levier inconnu : \"lever-nope\" ; ignoré."
        );
        // Nothing known asked: the default few, never an empty simulator.
        let (shown, _) = select_levers(Some(&["x".to_string()]), &available);
        assert_eq!(shown.len(), 4);
        let (shown, _) = select_levers(None, &["a".into(), "b".into(), "c".into(), "d".into()]);
        assert_eq!(shown, vec!["a".to_string(), "b".into(), "c".into()]);
    }

    fn estimate(mean: f64) -> Estimate {
        Estimate {
            id: "unsheltered".into(),
            mean: Some(mean),
            ci_low: Some(mean - 10.0),
            ci_high: Some(mean + 10.0),
            n: 200,
        }
    }

    #[test]
    fn results_message_has_every_headline() {
        let mut h = headline_values(Lang::Fr, None, None, None);
        assert_eq!(h.len(), HEADLINES.len());
        h[0].baseline = Some(estimate(900.0));
        let m = results_message(false, 24, 200, "Haute-Garonne", &h);
        assert_eq!(m["type"], "parcours:results");
        assert_eq!(m["version"], 1);
        assert_eq!(m["complete"], false);
        assert_eq!(m["replications"], json!({"done": 24, "total": 200}));
        assert_eq!(m["scenario"]["name"], "Haute-Garonne");
        let u = &m["headlines"]["unsheltered"];
        assert_eq!(u["label"], "Ménages sans solution");
        assert_eq!(
            u["baseline"],
            json!({"mean": 900.0, "ci_low": 890.0, "ci_high": 910.0})
        );
        assert_eq!(u["scenario"], Value::Null);
        assert_eq!(u["difference"], Value::Null);
        // Not yet computed figures are null, never NaN (which JSON cannot carry).
        assert_eq!(
            m["headlines"]["cost_per_year"]["baseline"],
            json!({"mean": null, "ci_low": null, "ci_high": null})
        );

        h[0].scenario = Some(estimate(850.0));
        h[0].difference = Some(Difference {
            id: "unsheltered".into(),
            baseline: Some(900.0),
            scenario: Some(850.0),
            difference: Estimate {
                mean: Some(-50.0),
                ci_low: Some(-60.0),
                ci_high: Some(f64::NAN),
                ..estimate(0.0)
            },
            significant: true,
        });
        let m = results_message(true, 400, 400, "CHRS +", &h);
        let u = &m["headlines"]["unsheltered"];
        assert_eq!(u["scenario"]["mean"], 850.0);
        assert_eq!(
            u["difference"],
            json!({"mean": -50.0, "ci_low": -60.0, "ci_high": null, "significant": true})
        );
        // With a scenario, every headline has a scenario object (its figures may be null).
        assert_eq!(
            m["headlines"]["cost_per_year"]["scenario"]["mean"],
            Value::Null
        );
        assert_eq!(ready_message(Lang::En, View::Chart)["view"], "chart");
    }

    #[test]
    fn inbound_messages_are_validated() {
        let ok = |v: Value| parse_inbound(Some(&v));
        assert_eq!(
            ok(json!({"type": "parcours:set-lever", "lever": "lever-places-chrs", "value": 300})),
            Ok(Inbound::SetLever {
                lever: "lever-places-chrs".into(),
                value: 300.0
            })
        );
        assert_eq!(
            ok(json!({"type": "parcours:set-lang", "lang": "EN"})),
            Ok(Inbound::SetLang(Lang::En))
        );
        assert!(matches!(parse_inbound(None), Err(Rejected::Ignored(_))));
        assert!(matches!(ok(json!("hello")), Err(Rejected::Ignored(_))));
        assert!(matches!(
            ok(json!({"lever": "x"})),
            Err(Rejected::Ignored(_))
        ));
        assert!(matches!(
            ok(json!({"type": "webpackOk"})),
            Err(Rejected::Ignored(_))
        ));
        let invalid = |v: Value| match ok(v) {
            Err(Rejected::Invalid(i)) => i,
            other => panic!("{other:?}"),
        };
        let i = invalid(
            json!({"type": "parcours:set-lever", "lever": "lever-places-chrs", "value": "300"}),
        );
        assert_eq!((i.code, i.detail.as_str()), ("bad-value", "\"300\""));
        let i = invalid(json!({"type": "parcours:set-lever", "value": 3}));
        assert_eq!(i.code, "bad-lever");
        let i = invalid(json!({"type": "parcours:set-lang", "lang": "de"}));
        assert_eq!(i.text(Lang::Fr), "langue inconnue : « de » (fr, en)");
        let e = error_message(Lang::En, &i);
        assert_eq!(e["type"], "parcours:error");
        assert_eq!(e["error"], "bad-lang");
        assert_eq!(e["request"], "parcours:set-lang");
        assert_eq!(e["message"], "unknown language: \"de\" (fr, en)");
    }

    #[test]
    fn set_lever_checks_the_lever_and_its_range() {
        let levers = levers_of(&default_scenario());
        let chrs = levers
            .iter()
            .find(|l| l.id == LeverId::Places("chrs".into()))
            .unwrap();
        let s = set_lever(
            &levers,
            &Settings::default(),
            "lever-places-chrs",
            chrs.baseline + 300.0,
        )
        .unwrap();
        assert_eq!(
            s.values.get(&LeverId::Places("chrs".into())),
            Some(&(chrs.baseline + 300.0))
        );
        // Back to the baseline value: no setting left.
        let back = set_lever(&levers, &s, "lever-places-chrs", chrs.baseline).unwrap();
        assert!(back.is_empty());
        let e = set_lever(&levers, &s, "lever-places-nope", 3.0).unwrap_err();
        assert_eq!(e.code, "unknown-lever");
        assert_eq!(e.text(Lang::En), "unknown lever: \"lever-places-nope\"");
        assert_eq!(
            set_lever(&levers, &s, "lever-places-chrs", -1.0)
                .unwrap_err()
                .code,
            "out-of-range"
        );
        assert!(set_lever(&levers, &s, "lever-places-chrs", chrs.max * 10.0 + 1.0).is_err());
    }

    #[test]
    fn the_snippet_keeps_the_sub_path_and_the_fragment() {
        let choice = EmbedChoice {
            view: View::Simulator,
            lang: Lang::En,
            levers: vec!["lever-places-chrs".into(), "lever-prevention".into()],
            trust: vec!["https://partner.example.org".into()],
            width: 800,
            height: 600,
        };
        let url = embed_url(
            "https://example.org/outils/parcours/?mode=atelier#old",
            &choice,
            "#v=1&s=abc",
        );
        assert_eq!(
            url,
            "https://example.org/outils/parcours/?embed=simulator&lang=en\
             &levers=lever-places-chrs,lever-prevention&trust=https%3A%2F%2Fpartner.example.org#v=1&s=abc"
        );
        let html = snippet(&url, &choice, "Parcours — \"mini\"");
        assert!(html.starts_with(
            "<iframe src=\"https://example.org/outils/parcours/?embed=simulator&amp;lang=en"
        ));
        assert!(html.contains("#v=1&amp;s=abc\""));
        assert!(html.contains(" title=\"Parcours — &quot;mini&quot;\""));
        assert!(html.contains(" width=\"800\" height=\"600\" loading=\"lazy\""));
        assert!(html.ends_with("></iframe>"));
        // Other views carry no levers; no fragment, no `#`.
        let cards = EmbedChoice {
            view: View::Cards,
            trust: vec![],
            lang: Lang::Fr,
            ..choice
        };
        assert_eq!(
            embed_url("http://127.0.0.1:8080/", &cards, ""),
            "http://127.0.0.1:8080/?embed=cards&lang=fr"
        );
        assert_eq!(parse_size(" 640px "), Some(640));
        assert_eq!(parse_size("99"), None);
        assert_eq!(parse_size("100000"), None);
        assert_eq!(parse_size("abc"), None);
    }

    #[test]
    fn workshop_keys() {
        use WorkshopAction::*;
        assert_eq!(workshop_action("2", 4, None), Some(Select(1)));
        assert_eq!(workshop_action("4", 3, Some(0)), None, "no fourth scenario");
        assert_eq!(workshop_action("5", 4, None), None);
        assert_eq!(workshop_action("ArrowRight", 4, Some(1)), Some(Select(2)));
        assert_eq!(workshop_action("ArrowRight", 4, Some(3)), None);
        assert_eq!(workshop_action("ArrowRight", 4, None), Some(Select(0)));
        assert_eq!(workshop_action("ArrowLeft", 4, Some(2)), Some(Select(1)));
        assert_eq!(workshop_action("ArrowLeft", 4, Some(0)), None);
        assert_eq!(workshop_action("ArrowLeft", 4, None), Some(Select(3)));
        assert_eq!(workshop_action("ArrowLeft", 0, None), None);
        assert_eq!(workshop_action("ArrowRight", 0, None), None);
        assert_eq!(workshop_action("Escape", 0, None), Some(Exit));
        assert_eq!(workshop_action("a", 4, None), None);
        assert!(is_typing_target("input", false));
        assert!(is_typing_target("TEXTAREA", false));
        assert!(is_typing_target("SELECT", false));
        assert!(is_typing_target("DIV", true));
        assert!(!is_typing_target("BUTTON", false));
        assert_eq!(capitalized("places de CHRS"), "Places de CHRS");
        assert_eq!(capitalized("édition"), "Édition");
        assert_eq!(capitalized(""), "");
    }

    #[test]
    fn workshop_shows_the_territorys_first_four_variants() {
        let index = crate::catalog::index();
        let v = workshop_variants(&index, &index.default);
        assert_eq!(
            v.len(),
            WORKSHOP_MAX.min(
                index
                    .variants
                    .iter()
                    .filter(|v| v.baseline == index.default)
                    .count()
            )
        );
        assert!(v.iter().all(|e| e.baseline == index.default));
        assert_eq!(v[0].id, index.variants[0].id);
        assert!(workshop_variants(&index, "nowhere").is_empty());

        let all: Vec<VariantEntry> = index
            .variants
            .iter()
            .filter(|v| v.baseline == index.default)
            .cloned()
            .collect();
        assert!(
            all.len() > WORKSHOP_MAX,
            "the chooser is tested with more than four"
        );
        let ids = |v: Vec<VariantEntry>| v.into_iter().map(|v| v.id).collect::<Vec<_>>();
        assert_eq!(ids(workshop_selection(&all, None)), ids(v.clone()));
        // Chosen: the territory's order, unknown ids dropped, four at most.
        let chosen = vec![all[5].id.clone(), "nope".into(), all[1].id.clone()];
        assert_eq!(
            ids(workshop_selection(&all, Some(&chosen))),
            vec![all[1].id.clone(), all[5].id.clone()]
        );
        let every: Vec<String> = all.iter().map(|v| v.id.clone()).collect();
        assert_eq!(workshop_selection(&all, Some(&every)).len(), WORKSHOP_MAX);
        // Nothing known chosen (another territory's ids): the first four.
        assert_eq!(
            ids(workshop_selection(&all, Some(&["nope".to_string()]))),
            ids(v)
        );
    }
}
