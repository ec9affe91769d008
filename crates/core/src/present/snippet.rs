//! The « Intégrer » dialog's `<iframe>` snippet: the frame's address (the page's own, any
//! sub-path, with the embed query and the scenario's fragment) and the element to paste.

use crate::i18n::{parse_number, Lang};
use crate::levers::LeverId;
use crate::present::query::View;

/// What the embed dialog writes.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedChoice {
    pub view: View,
    pub lang: Lang,
    /// Levers of the simulator view; ignored by the other views.
    pub levers: Vec<LeverId>,
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
        q.push_str(&format!(
            "&levers={}",
            encode(
                &choice
                    .levers
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            )
        ));
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

/// A frame size typed in the dialog: whole pixels from [`FRAME_MIN`] to [`FRAME_MAX`], read as
/// any number of the page (« 1 200 », "1,200", with or without « px »).
pub fn parse_size(lang: Lang, text: &str) -> Option<u32> {
    let number = text.trim().trim_end_matches("px");
    parse_number(lang, number)
        .ok()
        .filter(|n| n.fract() == 0.0 && (f64::from(FRAME_MIN)..=f64::from(FRAME_MAX)).contains(n))
        .map(|n| n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn the_snippet_keeps_the_sub_path_and_the_fragment() {
        let choice = EmbedChoice {
            view: View::Simulator,
            lang: Lang::En,
            levers: vec![LeverId::Places("chrs".into()), LeverId::Prevention],
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
        assert_eq!(parse_size(Lang::Fr, " 640px "), Some(640));
        assert_eq!(parse_size(Lang::Fr, "1 200"), Some(1200));
        assert_eq!(parse_size(Lang::En, "1,200"), Some(1200));
        assert_eq!(parse_size(Lang::Fr, "99"), None);
        assert_eq!(parse_size(Lang::Fr, "100000"), None);
        assert_eq!(parse_size(Lang::Fr, "640,5"), None);
        assert_eq!(parse_size(Lang::Fr, "abc"), None);
    }
}
