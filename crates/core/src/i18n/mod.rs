//! One way to say things: every text of the page is a [`Msg`] (French and English side by side
//! in `messages.rs`), said with [`t`]; texts carried by data (a scenario's labels, the catalog's
//! entries) are [`Localized`]; numbers, months and dates are formatted and read here
//! (`numbers.rs`, `calendar.rs`), and the engine's validation messages are put in the page's
//! language (`engine.rs`). Adding a language means adding one column in each of these.

use std::borrow::Cow;
use std::fmt;

pub mod calendar;
pub mod engine;
pub mod messages;
pub mod numbers;

pub use calendar::{add_months, long_date, month_name, month_year};
pub use messages::Msg;
pub use numbers::{
    format_count, format_field, format_grouped, format_int, format_num, format_sig, format_step,
    parse_number, signed, signed_step, step_for, NumberError, SIGNIFICANT_DIGITS,
};

/// Interface language. French first: it is the language of the people who use Parcours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// BCP 47 code, for `<html lang>` and the `?lang=` query parameter.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language's own name, for a language chooser: « Français », "English".
    pub fn name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text of `msg` in `lang`.
pub fn t(lang: Lang, msg: Msg) -> Cow<'static, str> {
    msg.text(lang)
}

/// A text carried by data in both languages (a scenario's name and labels, a prepared
/// scenario's label and description); English falls back to French when it is missing.
pub trait Localized {
    fn text(&self, lang: Lang) -> &str;
}

impl Localized for parcours_engine::Label {
    fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.fr,
        }
    }
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
    match lang {
        Lang::Fr => " :",
        Lang::En => ":",
    }
}

/// Between the items of a list in a sentence: « ; » after a space in French.
pub fn semicolon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " ; ",
        Lang::En => "; ",
    }
}

/// « Places de CHRS supplémentaires »: the catalog's labels are written to follow
/// « Scénario : », and start in lower case.
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
    use parcours_engine::Label;

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::default(), Lang::Fr);
    }

    #[test]
    fn labels_fall_back_to_french() {
        let label = |fr: &str, en: &str| Label {
            fr: fr.into(),
            en: en.into(),
        };
        assert_eq!(label("Rue", "").text(Lang::En), "Rue");
        assert_eq!(label("Rue", "Street").text(Lang::En), "Street");
        assert_eq!(label("Rue", "Street").text(Lang::Fr), "Rue");
    }

    #[test]
    fn typography() {
        assert_eq!(quoted(Lang::Fr, "x"), "« x »");
        assert_eq!(quoted(Lang::En, "x"), "“x”");
        assert_eq!(colon(Lang::Fr), " :");
        assert_eq!(capitalized("places de CHRS"), "Places de CHRS");
        assert_eq!(capitalized("édition"), "Édition");
        assert_eq!(capitalized(""), "");
    }

    #[test]
    fn every_text_in_both_languages() {
        // The compiler checks that every message has both languages; here, that neither is
        // empty, for a sample of each kind.
        for msg in [
            Msg::AppTitle,
            Msg::Footer,
            Msg::EditorTitle,
            Msg::MapWaiting,
            Msg::Replications { done: 1, total: 2 },
            Msg::Bottleneck {
                stage: "CHRS",
                percent: 32,
            },
        ] {
            for lang in Lang::ALL {
                assert!(!t(lang, msg).trim().is_empty(), "{msg:?} in {lang}");
            }
        }
    }

    #[test]
    fn progress_text() {
        assert_eq!(
            t(
                Lang::Fr,
                Msg::Replications {
                    done: 24,
                    total: 200
                }
            ),
            "24 / 200 réplications"
        );
        assert_eq!(
            t(
                Lang::Fr,
                Msg::Replications {
                    done: 1000,
                    total: 2000
                }
            ),
            "1\u{202f}000 / 2\u{202f}000 réplications"
        );
        assert_eq!(
            t(Lang::En, Msg::Replications { done: 1, total: 1 }),
            "1 / 1 replication"
        );
        // The optimiser's bar counts finalists (whole runs), not replications.
        assert_eq!(
            t(Lang::Fr, Msg::Finalists { done: 2, total: 5 }),
            "2 / 5 finalistes"
        );
        assert_eq!(
            t(Lang::En, Msg::Finalists { done: 1, total: 1 }),
            "1 / 1 finalist"
        );
    }
}
