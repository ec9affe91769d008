//! The shipped scenarios: the eight départements, the region and the prepared scenarios, listed in
//! `assets/scenarios/index.json`. They are not compiled into the page: the build copies the
//! directory into `dist/scenarios/` and the page fetches `index.json`, then only the files it
//! shows (`src/web/catalog.rs`); the offline service worker precaches them all. This module
//! parses what was fetched and says which files a choice needs ([`Files`], `state::needed_files`).

use std::collections::BTreeMap;
use std::rc::Rc;

use parcours_engine::{Label, Scenario};
use serde::Deserialize;

/// Where the catalogue is, relative to the page (`dist/scenarios/`, copied by Trunk).
pub const DIR: &str = "scenarios";
/// The catalogue's list, in [`DIR`].
pub const INDEX_FILE: &str = "index.json";

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TerritoryEntry {
    pub code: String,
    pub id: String,
    pub name: String,
    pub file: String,
    pub population: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PreparedEntry {
    pub id: String,
    pub file: String,
    pub baseline: String,
    pub label: Label,
    pub description: Label,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Index {
    pub default: String,
    pub territories: Vec<TerritoryEntry>,
    /// The prepared scenarios (`variants` in the file).
    #[serde(rename = "variants")]
    pub prepared: Vec<PreparedEntry>,
    pub region: TerritoryEntry,
}

impl Index {
    /// The catalogue's list from the text of `index.json`, or why it does not read.
    pub fn from_json(text: &str) -> Result<Index, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// The shipped files the page has (fetched), parsed, by their path in `assets/scenarios/`.
pub type Files = BTreeMap<String, Rc<Scenario>>;

/// The file of a territory (`territories` then `region`), by its id.
pub fn territory_file(index: &Index, id: &str) -> Option<String> {
    index
        .territories
        .iter()
        .chain(std::iter::once(&index.region))
        .find(|t| t.id == id)
        .map(|t| t.file.clone())
}

/// The file of a prepared scenario, by its id.
pub fn prepared_file(index: &Index, id: &str) -> Option<String> {
    index
        .prepared
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.file.clone())
}

/// The shipped files, compiled in for the native tests only (the page fetches them).
#[cfg(test)]
pub mod shipped {
    use super::*;

    pub fn index() -> Index {
        Index::from_json(include_str!("../../../assets/scenarios/index.json")).unwrap()
    }

    /// The text of a shipped file, by its path in `assets/scenarios/`.
    pub fn file(path: &str) -> Option<&'static str> {
        Some(match path {
            "ariege.json" => include_str!("../../../assets/scenarios/ariege.json"),
            "aveyron.json" => include_str!("../../../assets/scenarios/aveyron.json"),
            "gers.json" => include_str!("../../../assets/scenarios/gers.json"),
            "haute-garonne.json" => include_str!("../../../assets/scenarios/haute-garonne.json"),
            "hautes-pyrenees.json" => {
                include_str!("../../../assets/scenarios/hautes-pyrenees.json")
            }
            "lot.json" => include_str!("../../../assets/scenarios/lot.json"),
            "midi-pyrenees.json" => include_str!("../../../assets/scenarios/midi-pyrenees.json"),
            "tarn-et-garonne.json" => {
                include_str!("../../../assets/scenarios/tarn-et-garonne.json")
            }
            "tarn.json" => include_str!("../../../assets/scenarios/tarn.json"),
            "variants/accompaniment-plus.json" => {
                include_str!("../../../assets/scenarios/variants/accompaniment-plus.json")
            }
            "variants/allocations-plus.json" => {
                include_str!("../../../assets/scenarios/variants/allocations-plus.json")
            }
            "variants/chrs-plus.json" => {
                include_str!("../../../assets/scenarios/variants/chrs-plus.json")
            }
            "variants/housing-first.json" => {
                include_str!("../../../assets/scenarios/variants/housing-first.json")
            }
            "variants/pensions-plus.json" => {
                include_str!("../../../assets/scenarios/variants/pensions-plus.json")
            }
            "variants/prevention-plus.json" => {
                include_str!("../../../assets/scenarios/variants/prevention-plus.json")
            }
            "variants/winter-plan.json" => {
                include_str!("../../../assets/scenarios/variants/winter-plan.json")
            }
            _ => return None,
        })
    }

    /// A shipped file, parsed.
    pub fn scenario(path: &str) -> Scenario {
        let text = file(path).unwrap_or_else(|| panic!("unknown scenario file {path}"));
        Scenario::from_json(text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Every shipped file, parsed, as the page has them once all are fetched.
    pub fn all() -> Files {
        let index = index();
        index
            .territories
            .iter()
            .chain(std::iter::once(&index.region))
            .map(|t| t.file.clone())
            .chain(index.prepared.iter().map(|p| p.file.clone()))
            .map(|f| (f.clone(), Rc::new(scenario(&f))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_file_is_shipped_and_parses() {
        let index = shipped::index();
        assert_eq!(index.territories.len(), 8);
        for t in index
            .territories
            .iter()
            .chain(std::iter::once(&index.region))
        {
            shipped::scenario(&t.file);
        }
        for v in &index.prepared {
            shipped::scenario(&v.file);
            assert!(territory_file(&index, &v.baseline).is_some());
            assert_eq!(prepared_file(&index, &v.id), Some(v.file.clone()));
        }
        assert_eq!(shipped::all().len(), 9 + index.prepared.len());
    }

    #[test]
    fn an_unreadable_index_says_why() {
        assert!(Index::from_json("{").unwrap_err().contains("EOF"));
    }
}
