//! The glossary: the abbreviations and trade words of the page (IC 95 %, DALO, CHRS, SIAO…),
//! each with a short definition (`Msg::GlossaryTerm` / `Msg::GlossaryDefinition`), shown in a
//! dialog reachable from the header. A test checks that every abbreviation of the shipped
//! scenarios' labels is explained here.

/// One entry of the glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Ci95,
    Dalo,
    AsllAvdl,
    Chrs,
    Siao,
    Hu,
    Fsl,
    Ccapex,
    PensionDeFamille,
    TemporaryHousing,
    Hlm,
    HousingFirst,
    Ase,
    Ehpad,
    Baseline,
    Replication,
    BlockedPlace,
    WithoutSolution,
    Lever,
    UshFnars,
}

impl Term {
    /// In alphabetical order of their French term.
    pub const ALL: [Term; 20] = [
        Term::Ase,
        Term::AsllAvdl,
        Term::Ccapex,
        Term::Chrs,
        Term::Dalo,
        Term::Ehpad,
        Term::Fsl,
        Term::Hlm,
        Term::Hu,
        Term::Ci95,
        Term::Lever,
        Term::HousingFirst,
        Term::TemporaryHousing,
        Term::WithoutSolution,
        Term::PensionDeFamille,
        Term::BlockedPlace,
        Term::Baseline,
        Term::Replication,
        Term::Siao,
        Term::UshFnars,
    ];

    /// Its id (the anchor of its entry: `glossary-dalo`).
    pub fn code(self) -> &'static str {
        match self {
            Term::Ci95 => "ci95",
            Term::Dalo => "dalo",
            Term::AsllAvdl => "asll-avdl",
            Term::Chrs => "chrs",
            Term::Siao => "siao",
            Term::Hu => "hu",
            Term::Fsl => "fsl",
            Term::Ccapex => "ccapex",
            Term::PensionDeFamille => "pension-de-famille",
            Term::TemporaryHousing => "logement-temporaire",
            Term::Hlm => "hlm",
            Term::HousingFirst => "logement-d-abord",
            Term::Ase => "ase",
            Term::Ehpad => "ehpad",
            Term::Baseline => "reference",
            Term::Replication => "replication",
            Term::BlockedPlace => "place-bloquee",
            Term::WithoutSolution => "sans-solution",
            Term::Lever => "levier",
            Term::UshFnars => "ush-fnars",
        }
    }

    /// The abbreviations it explains, as written in the page's texts.
    pub fn abbreviations(self) -> &'static [&'static str] {
        match self {
            Term::Ci95 => &["IC", "CI"],
            Term::Dalo => &["DALO"],
            Term::AsllAvdl => &["ASLL", "AVDL"],
            Term::Chrs => &["CHRS"],
            Term::Siao => &["SIAO"],
            Term::Hu => &["HU", "CHU"],
            Term::Fsl => &["FSL"],
            Term::Ccapex => &["CCAPEX"],
            Term::TemporaryHousing => &["ALT", "IML"],
            Term::Hlm => &["HLM"],
            Term::Ase => &["ASE"],
            Term::Ehpad => &["EHPAD"],
            Term::UshFnars => &["USH", "FNARS"],
            _ => &[],
        }
    }
}

/// The term explaining abbreviation `abbr`, if any.
pub fn explaining(abbr: &str) -> Option<Term> {
    Term::ALL
        .into_iter()
        .find(|t| t.abbreviations().contains(&abbr))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::i18n::{t, Lang, Localized, Msg};

    /// Upper-case words of two letters or more (« CHRS », « CCAPEX/FSL » gives two).
    fn abbreviations_in(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
            .map(str::to_string)
            .collect()
    }

    /// Words that are not the trade's: file formats, documents.
    const NOT_TRADE_WORDS: [&str; 6] = ["JSON", "CSV", "PNG", "PDF", "SOURCES", "MD"];

    #[test]
    fn every_abbreviation_of_the_shipped_scenarios_is_explained() {
        let index = catalog::shipped::index();
        let files = index
            .territories
            .iter()
            .chain(std::iter::once(&index.region))
            .map(|t| t.file.clone())
            .chain(index.prepared.iter().map(|p| p.file.clone()));
        let mut missing = Vec::new();
        for file in files {
            let scenario = catalog::shipped::scenario(&file);
            let mut texts = vec![
                scenario.name.text(Lang::Fr).to_string(),
                scenario.name.text(Lang::En).to_string(),
            ];
            for s in &scenario.stages {
                texts.push(s.label.text(Lang::Fr).to_string());
                texts.push(s.label.text(Lang::En).to_string());
            }
            for text in texts {
                for abbr in abbreviations_in(&text) {
                    if explaining(&abbr).is_none() && !NOT_TRADE_WORDS.contains(&abbr.as_str()) {
                        missing.push(format!("{abbr} ({file}: {text})"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "not in the glossary: {missing:?}");
    }

    #[test]
    fn the_words_the_issue_names_are_explained_in_both_languages() {
        for abbr in [
            "IC", "DALO", "ASLL", "AVDL", "CHRS", "SIAO", "HU", "FSL", "CCAPEX", "HLM",
        ] {
            assert!(explaining(abbr).is_some(), "{abbr}");
        }
        let mut codes = std::collections::BTreeSet::new();
        for term in Term::ALL {
            assert!(codes.insert(term.code()), "{} twice", term.code());
            for lang in Lang::ALL {
                let name = t(lang, Msg::GlossaryTerm { term });
                let definition = t(lang, Msg::GlossaryDefinition { term });
                assert!(
                    !name.is_empty() && definition.len() > 40,
                    "{term:?} {lang:?}"
                );
                let shown = |abbr: &&str| name.contains(abbr) || definition.contains(abbr);
                assert!(
                    term.abbreviations().is_empty() || term.abbreviations().iter().any(shown),
                    "{term:?} {lang:?} shows none of its abbreviations"
                );
            }
        }
        // Pension de famille and temporary housing are trade words without an abbreviation.
        let fr = t(
            Lang::Fr,
            Msg::GlossaryTerm {
                term: Term::PensionDeFamille,
            },
        );
        assert_eq!(fr, "Pension de famille");
    }

    #[test]
    fn french_terms_are_in_alphabetical_order() {
        let names: Vec<String> = Term::ALL
            .iter()
            .map(|&term| {
                t(Lang::Fr, Msg::GlossaryTerm { term })
                    .to_lowercase()
                    .replace(['é', 'è'], "e")
            })
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
}
