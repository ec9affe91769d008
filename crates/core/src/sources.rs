//! The sources of a scenario's parameters, as its `sources` notes record them
//! (`"stages.chrs.places": "derived: …"`), read into what the page's « Sources » dialog and the
//! printable report show: grouped by the first part of the parameter's path, with the note's
//! kind (a published source, a figure derived from sources, an assumption) and, for a published
//! source, its confidence (H, M, L) — said in the page's language; the notes themselves are
//! written in English (SOURCES.md is the annotated list).

use std::collections::BTreeMap;

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
    /// The rest of the note (English).
    pub text: String,
}

impl SourceNote {
    /// Reads one note. A note that follows none of the three forms is kept whole as a cited
    /// note without a confidence (nothing is dropped).
    pub fn read(parameter: &str, note: &str) -> SourceNote {
        let note = note.trim();
        let (head, rest) = match note.split_once(": ") {
            Some((head, rest)) => (head.trim(), rest.trim()),
            // A bare citation (« INSEE, populations légales 2021, confidence H »).
            None if note.contains(", confidence ") => (note, ""),
            None => ("", note),
        };
        let (kind, reference, confidence, text) = match head {
            "derived" => (NoteKind::Derived, None, None, rest),
            "assumption" => (NoteKind::Assumption, None, None, rest),
            "" => (NoteKind::Cited, None, None, rest),
            cited => {
                let (reference, confidence) = match cited.rsplit_once(", confidence ") {
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

/// A scenario's notes, grouped by section (in the order of their paths).
pub fn by_section(sources: &BTreeMap<String, String>) -> Vec<(String, Vec<SourceNote>)> {
    let mut out: Vec<(String, Vec<SourceNote>)> = Vec::new();
    for (parameter, note) in sources {
        let note = SourceNote::read(parameter, note);
        match out.last_mut() {
            Some((section, notes)) if section == note.section() => notes.push(note),
            _ => out.push((note.section().to_string(), vec![note])),
        }
    }
    out
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
            let sections = by_section(&scenario.sources);
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
}
