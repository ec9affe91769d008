//! The address's parameters of the modes that present results (`?mode=atelier`,
//! `?embed=<view>&lang=…&levers=…&trust=…`) and their checks: every bad parameter is named.

use crate::i18n::{t, Lang, Msg};
use crate::levers::LeverId;

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

    pub fn label(self) -> Msg<'static> {
        match self {
            View::Diagram => Msg::ViewDiagram,
            View::Cards => Msg::ViewCards,
            View::Chart => Msg::ViewChart,
            View::Simulator => Msg::ViewSimulator,
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

impl Problem {
    /// « embed : vue inconnue : « foo » (diagram, cards, chart, simulator) ; … ».
    pub fn text(&self, lang: Lang) -> String {
        let msg = match self {
            Problem::UnknownView(view) => Msg::UnknownView { view },
            Problem::UnknownLang(lang) => Msg::UnknownLang { lang },
            Problem::UnknownMode(mode) => Msg::UnknownMode { mode },
            Problem::BadOrigin(origin) => Msg::BadOrigin { origin },
            Problem::UnknownLevers(ids) => Msg::UnknownLevers { ids },
        };
        t(lang, msg).into_owned()
    }
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

/// Levers of the embedded simulator when `levers=` is not given (those the territory has).
pub const DEFAULT_EMBED_LEVERS: [&str; 4] = [
    "lever-places-chrs",
    "lever-alloc-hlm",
    "lever-slots-asll_avdl",
    "lever-prevention",
];

/// The levers the embedded simulator shows (in the order asked) and the ids asked that are
/// not this territory's levers. Without `levers=` (or when none is known): the default few this
/// territory has, else its first three.
pub fn select_levers(
    requested: Option<&[String]>,
    available: &[LeverId],
) -> (Vec<LeverId>, Vec<String>) {
    let known = |text: &String| {
        text.parse::<LeverId>()
            .ok()
            .filter(|id| available.contains(id))
    };
    let mut shown: Vec<LeverId> = Vec::new();
    let mut unknown = Vec::new();
    for text in requested.unwrap_or_default() {
        match known(text) {
            Some(id) if !shown.contains(&id) => shown.push(id),
            Some(_) => {}
            None => unknown.push(text.clone()),
        }
    }
    if shown.is_empty() {
        shown = DEFAULT_EMBED_LEVERS
            .iter()
            .filter_map(|text| known(&text.to_string()))
            .collect();
    }
    if shown.is_empty() {
        shown = available.iter().take(3).cloned().collect();
    }
    (shown, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::levers_of;
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
        let available: Vec<LeverId> = levers_of(&default_scenario())
            .iter()
            .map(|l| l.id.clone())
            .collect();
        let (shown, unknown) = select_levers(None, &available);
        let texts = |ids: Vec<LeverId>| ids.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(
            texts(shown),
            DEFAULT_EMBED_LEVERS.map(String::from).to_vec()
        );
        assert!(unknown.is_empty());
        let asked = vec!["lever-trend".to_string(), "lever-nope".to_string()];
        let (shown, unknown) = select_levers(Some(&asked), &available);
        assert_eq!(shown, vec![LeverId::Trend]);
        assert_eq!(unknown, vec!["lever-nope".to_string()]);
        assert_eq!(
            Problem::UnknownLevers(unknown).text(Lang::Fr),
            "levers : levier inconnu : \"lever-nope\" ; ignoré."
        );
        // Nothing known asked: the default few, never an empty simulator.
        let (shown, _) = select_levers(Some(&["x".to_string()]), &available);
        assert_eq!(shown.len(), 4);
        // None of the default few: the first three.
        let few = [
            LeverId::Trend,
            LeverId::Slots("a".into()),
            LeverId::Slots("b".into()),
            LeverId::Winter("c".into()),
        ];
        let (shown, _) = select_levers(None, &few);
        assert_eq!(shown, few[..3].to_vec());
    }
}
