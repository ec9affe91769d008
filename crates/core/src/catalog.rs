//! The shipped scenarios: the eight départements, the region and the prepared scenarios, listed in
//! `assets/scenarios/index.json`. They are compiled into the page (about 1 MB of JSON, well
//! compressed), so choosing one is instant and works offline.

use parcours_engine::{Label, Scenario};
use serde::Deserialize;

pub const INDEX_JSON: &str = include_str!("../../../assets/scenarios/index.json");

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

pub fn index() -> Index {
    serde_json::from_str(INDEX_JSON).expect("index.json is valid")
}

/// The text of a shipped scenario file, by its path in `assets/scenarios/`.
pub fn file(path: &str) -> Option<&'static str> {
    Some(match path {
        "ariege.json" => include_str!("../../../assets/scenarios/ariege.json"),
        "aveyron.json" => include_str!("../../../assets/scenarios/aveyron.json"),
        "gers.json" => include_str!("../../../assets/scenarios/gers.json"),
        "haute-garonne.json" => include_str!("../../../assets/scenarios/haute-garonne.json"),
        "hautes-pyrenees.json" => include_str!("../../../assets/scenarios/hautes-pyrenees.json"),
        "lot.json" => include_str!("../../../assets/scenarios/lot.json"),
        "midi-pyrenees.json" => include_str!("../../../assets/scenarios/midi-pyrenees.json"),
        "tarn-et-garonne.json" => include_str!("../../../assets/scenarios/tarn-et-garonne.json"),
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

/// A shipped scenario, parsed.
pub fn scenario(path: &str) -> Result<Scenario, String> {
    let text = file(path).ok_or_else(|| format!("unknown scenario file {path}"))?;
    Scenario::from_json(text)
}

/// The id of the territory a scenario file belongs to (`territories` then `region`).
pub fn territory_file(index: &Index, id: &str) -> Option<String> {
    index
        .territories
        .iter()
        .chain(std::iter::once(&index.region))
        .find(|t| t.id == id)
        .map(|t| t.file.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_file_is_compiled_in_and_parses() {
        let index = index();
        assert_eq!(index.territories.len(), 8);
        for t in index
            .territories
            .iter()
            .chain(std::iter::once(&index.region))
        {
            scenario(&t.file).unwrap_or_else(|e| panic!("{}: {e}", t.file));
        }
        for v in &index.prepared {
            scenario(&v.file).unwrap_or_else(|e| panic!("{}: {e}", v.file));
            assert!(territory_file(&index, &v.baseline).is_some());
        }
    }
}
