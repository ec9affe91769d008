//! The sources of a scenario's parameters, as its `sources` notes record them
//! (`"stages.chrs.places": "derived: …"`), read into what the page's « Sources » dialog and the
//! printable report show: grouped by the first part of the parameter's path, with the note's
//! kind (a published source, a figure derived from sources, an assumption) and, for a published
//! source, its confidence (H, M, L) — said in the page's language. The notes are written in
//! English (SOURCES.md is the annotated list); the shipped notes' French text is in
//! `assets/i18n/sources-fr.json`, keyed by the English note with each number as `#`, so
//! that the notes which differ only by their figures (one per département) share one entry. A
//! note the table does not know (a user's own scenario) is shown as written.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::i18n::numbers::{decimal_mark, group_separator};
use crate::i18n::Lang;

/// English note with its numbers as `#` → French note, whose `#` take the note's numbers in
/// order, in French typography (`#=` takes one as written: a section number such as 14.5).
pub const FRENCH_NOTES_JSON: &str = include_str!("../../../assets/i18n/sources-fr.json");

/// What a note rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// « derived: … »: computed from published figures.
    Derived,
    /// « assumption: … ».
    Assumption,
    /// « <reference>, confidence H: … »: a published source.
    Cited,
}

/// A published source's confidence, as SOURCES.md grades it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// One parameter's note, read.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceNote {
    /// The parameter's path in the scenario (`stages.chrs.places`).
    pub parameter: String,
    pub kind: NoteKind,
    /// The published source (`Law of 5 March 2007 (DALO), France`), for a cited note.
    pub reference: Option<String>,
    pub confidence: Option<Confidence>,
    /// The rest of the note.
    pub text: String,
    /// The language the reference and text are in: the page's, or English when the note has
    /// no translation.
    pub lang: Lang,
}

/// How a note's parts are written in a language.
struct Forms {
    derived: &'static str,
    assumption: &'static str,
    confidence: &'static str,
    colon: &'static str,
}

const ENGLISH: Forms = Forms {
    derived: "derived",
    assumption: "assumption",
    confidence: ", confidence ",
    colon: ": ",
};

const FRENCH: Forms = Forms {
    derived: "dérivé",
    assumption: "hypothèse",
    confidence: ", fiabilité ",
    colon: "\u{a0}: ",
};

impl SourceNote {
    /// Reads one note. A note that follows none of the three forms is kept whole as a cited
    /// note without a confidence (nothing is dropped).
    pub fn read(parameter: &str, note: &str) -> SourceNote {
        SourceNote::read_as(parameter, note, &ENGLISH, Lang::En)
    }

    /// Reads one note in the page's language: its French text when `lang` is French and the
    /// table has one (kind and confidence are the English note's), else the note as written.
    pub fn read_in(lang: Lang, parameter: &str, note: &str) -> SourceNote {
        let english = SourceNote::read(parameter, note);
        match french_note(note).filter(|_| lang == Lang::Fr) {
            Some(french) => SourceNote {
                kind: english.kind,
                confidence: english.confidence,
                ..SourceNote::read_as(parameter, &french, &FRENCH, Lang::Fr)
            },
            None => english,
        }
    }

    fn read_as(parameter: &str, note: &str, forms: &Forms, lang: Lang) -> SourceNote {
        let note = note.trim();
        let (head, rest) = match note.split_once(forms.colon) {
            Some((head, rest)) => (head.trim(), rest.trim()),
            // A bare citation (« INSEE, populations légales 2021, confidence H »).
            None if note.contains(forms.confidence) => (note, ""),
            None => ("", note),
        };
        let (kind, reference, confidence, text) = match head {
            head if head == forms.derived => (NoteKind::Derived, None, None, rest),
            head if head == forms.assumption => (NoteKind::Assumption, None, None, rest),
            "" => (NoteKind::Cited, None, None, rest),
            cited => {
                let (reference, confidence) = match cited.rsplit_once(forms.confidence) {
                    Some((reference, grade)) => (reference, confidence_of(grade)),
                    None => (cited, None),
                };
                (
                    NoteKind::Cited,
                    Some(reference.to_string()),
                    confidence,
                    rest,
                )
            }
        };
        SourceNote {
            parameter: parameter.to_string(),
            kind,
            reference,
            confidence,
            text: text.to_string(),
            lang,
        }
    }

    /// The first part of its path (`stages`), which groups the notes.
    pub fn section(&self) -> &str {
        self.parameter.split('.').next().unwrap_or(&self.parameter)
    }
}

/// « H », « M », « L », possibly followed by a comment (« M (recalled from …) »).
fn confidence_of(grade: &str) -> Option<Confidence> {
    match grade.trim().chars().next()? {
        'H' => Some(Confidence::High),
        'M' => Some(Confidence::Medium),
        'L' => Some(Confidence::Low),
        _ => None,
    }
}

/// The French notes table (see [`FRENCH_NOTES_JSON`]).
fn french_notes() -> &'static BTreeMap<String, String> {
    static TABLE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_json::from_str(FRENCH_NOTES_JSON).expect("sources-fr.json maps notes to notes")
    })
}

/// The note with each number as `#`, and its numbers as written: a number is a run of digits,
/// commas and points that starts and ends with a digit (`1,434,367`, `0.1860`).
fn masked(note: &str) -> (String, Vec<&str>) {
    let mut mask = String::with_capacity(note.len());
    let mut numbers = Vec::new();
    let mut rest = note;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        mask.push_str(&rest[..start]);
        let run = rest[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .map_or(rest.len(), |end| start + end);
        let end = rest[..run].trim_end_matches([',', '.']).len();
        numbers.push(&rest[start..end]);
        mask.push('#');
        rest = &rest[end..];
    }
    mask.push_str(rest);
    (mask, numbers)
}

/// An English number in French typography: `1,434,367` → `1 434 367` (narrow no-break
/// spaces), `0.5` → `0,5`; a number whose commas are not thousands (`1,2`) is kept.
fn french_number(number: &str) -> String {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let grouped_by_thousands =
        !whole.contains(',') || ((1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3));
    if !grouped_by_thousands || fraction.contains(',') {
        return number.to_string();
    }
    let mut out = whole.replace(',', &group_separator(Lang::Fr).to_string());
    if number.contains('.') {
        out.push(decimal_mark(Lang::Fr));
        out.push_str(fraction);
    }
    out
}

/// The French text of a shipped note, its numbers put back, if the table has the note.
fn french_note(note: &str) -> Option<String> {
    let (mask, numbers) = masked(note.trim());
    let template = french_notes().get(&mask)?;
    let mut numbers = numbers.into_iter();
    let mut out = String::with_capacity(template.len() + 16);
    let mut parts = template.split('#');
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        let number = numbers.next()?;
        match part.strip_prefix('=') {
            Some(part) => {
                out.push_str(number);
                out.push_str(part);
            }
            None => {
                out.push_str(&french_number(number));
                out.push_str(part);
            }
        }
    }
    numbers.next().is_none().then_some(out)
}

/// A scenario's notes in the page's language, grouped by section (in the order of their paths).
pub fn by_section(
    lang: Lang,
    sources: &BTreeMap<String, String>,
) -> Vec<(String, Vec<SourceNote>)> {
    let mut out: Vec<(String, Vec<SourceNote>)> = Vec::new();
    for (parameter, note) in sources {
        let note = SourceNote::read_in(lang, parameter, note);
        match out.last_mut() {
            Some((section, notes)) if section == note.section() => notes.push(note),
            _ => out.push((note.section().to_string(), vec![note])),
        }
    }
    out
}

/// Whether some note is not in the page's language (no translation): the page then says so.
pub fn any_untranslated(lang: Lang, sections: &[(String, Vec<SourceNote>)]) -> bool {
    sections
        .iter()
        .flat_map(|(_, notes)| notes)
        .any(|note| note.lang != lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::i18n::{t, Lang, Msg};

    #[test]
    fn the_three_forms_of_a_note() {
        let d = SourceNote::read("x.y", "derived: 3313 x 16% / 12 = 44.2");
        assert_eq!(
            (d.kind, d.text.as_str()),
            (NoteKind::Derived, "3313 x 16% / 12 = 44.2")
        );
        assert_eq!(d.section(), "x");
        let a = SourceNote::read("x", "assumption: 30% file a recourse");
        assert_eq!(a.kind, NoteKind::Assumption);
        let c = SourceNote::read(
            "dalo.waiting_months",
            "Law of 5 March 2007 (DALO), France, confidence H: 6 months",
        );
        assert_eq!(c.kind, NoteKind::Cited);
        assert_eq!(
            c.reference.as_deref(),
            Some("Law of 5 March 2007 (DALO), France")
        );
        assert_eq!(c.confidence, Some(Confidence::High));
        assert_eq!(c.text, "6 months");
        // A confidence with a comment after its grade.
        let m = SourceNote::read("x", "DIHAL, 2016, France, confidence M (recalled): 85%");
        assert_eq!(m.confidence, Some(Confidence::Medium));
        // A note of no known form is kept whole.
        let odd = SourceNote::read("x", "no colon here");
        assert_eq!(
            (odd.kind, odd.text.as_str()),
            (NoteKind::Cited, "no colon here")
        );
        let bare = SourceNote::read("x", "INSEE, populations légales 2019, confidence H");
        assert_eq!(
            bare.reference.as_deref(),
            Some("INSEE, populations légales 2019")
        );
        assert_eq!(
            (bare.confidence, bare.text.as_str()),
            (Some(Confidence::High), "")
        );
    }

    #[test]
    fn every_shipped_note_reads_and_every_section_has_a_french_name() {
        let index = catalog::shipped::index();
        for entry in index
            .territories
            .iter()
            .chain(std::iter::once(&index.region))
        {
            let scenario = catalog::shipped::scenario(&entry.file);
            let sections = by_section(Lang::En, &scenario.sources);
            let count: usize = sections.iter().map(|(_, n)| n.len()).sum();
            assert_eq!(
                count,
                scenario.sources.len(),
                "{}: nothing dropped",
                entry.file
            );
            for (section, notes) in &sections {
                let fr = t(Lang::Fr, Msg::SourcesSection { section });
                assert!(
                    fr != section.as_str() || section == "dalo",
                    "{section} has no French name"
                );
                for note in notes {
                    assert!(
                        !note.text.is_empty() || note.reference.is_some(),
                        "{}: empty note",
                        note.parameter
                    );
                    if note.kind == NoteKind::Cited {
                        assert!(
                            note.confidence.is_some(),
                            "{}: no confidence",
                            note.parameter
                        );
                    }
                }
            }
        }
    }

    /// Every shipped scenario, by its file (the territories, the region, the prepared ones).
    fn shipped() -> Vec<(String, parcours_engine::Scenario)> {
        let index = catalog::shipped::index();
        let files = index
            .territories
            .iter()
            .chain(std::iter::once(&index.region))
            .map(|entry| entry.file.clone())
            .chain(index.prepared.iter().map(|entry| entry.file.clone()));
        files
            .map(|file| {
                let scenario = catalog::shipped::scenario(&file);
                (file, scenario)
            })
            .collect()
    }

    /// The numbers of a text, as values written the English way: French group separators
    /// (narrow or plain no-break spaces before three digits) and English thousands commas
    /// dropped, a French decimal comma read as a point. Sorted: a translation may reorder.
    fn numbers_of(text: &str, lang: Lang) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let mut number = String::new();
            while i < chars.len() {
                let c = chars[i];
                let digits_after = |from: usize| {
                    chars[from..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count()
                };
                let separator = match lang {
                    Lang::Fr => c == '\u{202f}' || c == '\u{a0}',
                    Lang::En => c == ',',
                } && digits_after(i + 1) == 3;
                // A French text keeps a section number's point (« MODEL.md 14.5 »).
                let decimal =
                    (c == '.' || (lang == Lang::Fr && c == ',')) && digits_after(i + 1) > 0;
                if c.is_ascii_digit() {
                    number.push(c);
                } else if decimal {
                    number.push('.');
                } else if !separator {
                    break;
                }
                i += 1;
            }
            out.push(number);
        }
        out.sort();
        out
    }

    #[test]
    fn every_shipped_note_has_a_french_text_with_the_same_numbers() {
        for (file, scenario) in shipped() {
            for (parameter, note) in &scenario.sources {
                let english = SourceNote::read(parameter, note);
                let french = SourceNote::read_in(Lang::Fr, parameter, note);
                assert_eq!(
                    french.lang,
                    Lang::Fr,
                    "{file} {parameter}: no French text for {:?}",
                    masked(note).0
                );
                assert_eq!(
                    (french.kind, french.confidence, french.reference.is_some()),
                    (
                        english.kind,
                        english.confidence,
                        english.reference.is_some()
                    ),
                    "{file} {parameter}: the French note is not of the same form"
                );
                let french_note = french_note(note).unwrap();
                assert_eq!(
                    numbers_of(&french_note, Lang::Fr),
                    numbers_of(note, Lang::En),
                    "{file} {parameter}: the numbers differ in {french_note:?}"
                );
            }
        }
    }

    #[test]
    fn the_default_territory_shows_every_note_in_french() {
        let index = catalog::shipped::index();
        let entry = index
            .territories
            .iter()
            .find(|t| t.id == index.default)
            .expect("the default territory is listed");
        let scenario = catalog::shipped::scenario(&entry.file);
        let sections = by_section(Lang::Fr, &scenario.sources);
        assert!(!sections.is_empty());
        assert!(!any_untranslated(Lang::Fr, &sections));
        // The English page shows the notes as written.
        assert!(!any_untranslated(
            Lang::En,
            &by_section(Lang::En, &scenario.sources)
        ));
    }

    #[test]
    fn a_note_without_translation_is_shown_as_written() {
        let sources = BTreeMap::from([(
            "stages.chrs.places".to_string(),
            "assumption: our own count of 1,234 places".to_string(),
        )]);
        let sections = by_section(Lang::Fr, &sources);
        let note = &sections[0].1[0];
        assert_eq!(
            (note.lang, note.text.as_str()),
            (Lang::En, "our own count of 1,234 places")
        );
        assert!(any_untranslated(Lang::Fr, &sections));
    }

    #[test]
    fn numbers_take_the_french_typography() {
        assert_eq!(
            masked("x 1,434,367 and 0.5%."),
            ("x # and #%.".to_string(), vec!["1,434,367", "0.5"])
        );
        assert_eq!(french_number("1,434,367"), "1\u{202f}434\u{202f}367");
        assert_eq!(french_number("0.1860"), "0,1860");
        assert_eq!(french_number("2168"), "2168");
        assert_eq!(french_number("1,2"), "1,2");
    }
}
