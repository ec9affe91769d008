//! Names: household types, and the one id space of stages and exits (routes name either).

use super::routes::Dest;
use super::validator::Validator;
use super::ErrorKind;
use crate::scenario::Scenario;
use std::collections::BTreeMap;

/// Ids resolved to indices.
pub(super) struct Ids {
    pub types: BTreeMap<String, usize>,
    pub stages: BTreeMap<String, usize>,
    pub exits: BTreeMap<String, usize>,
    /// Every stage and exit id, as a destination.
    pub dests: BTreeMap<String, Dest>,
}

impl Validator {
    /// The ids, or `None` when some of them are unusable (empty, `default`), repeated, or shared
    /// by a stage and an exit. Nothing else is checked then: every per-type table, route and
    /// reference is read through these ids, and a table indexed by types that lost their id
    /// would not line up with the scenario's lists (the other problems would mostly be echoes
    /// of the broken ids anyway).
    pub(super) fn names(&mut self, s: &Scenario) -> Option<Ids> {
        let before = self.errors.len();
        let types = self.ids(
            "household_types",
            s.household_types.iter().map(|t| t.id.as_str()),
        );
        let stage_ids = self.ids("stages", s.stages.iter().map(|x| x.id.as_str()));
        let exit_ids = self.ids("exits", s.exits.iter().map(|x| x.id.as_str()));
        let mut dests: BTreeMap<String, Dest> = BTreeMap::new();
        for (id, &i) in &exit_ids {
            dests.insert(id.clone(), Dest::Exit(i));
        }
        for (id, &i) in &stage_ids {
            if exit_ids.contains_key(id) {
                self.err(
                    format!("stages[{i}].id"),
                    ErrorKind::IdAlsoExit { id: id.clone() },
                );
            }
            dests.insert(id.clone(), Dest::Stage(i));
        }
        let ids_ok = self.errors.len() == before;
        if s.household_types.is_empty() {
            self.err("household_types", ErrorKind::NoHouseholdType);
        }
        if s.exits.is_empty() {
            self.err("exits", ErrorKind::NoExit);
        }
        // Each list's ids map one to one onto its positions: tables sized by the map line up
        // with the scenario's lists.
        ids_ok.then_some(Ids {
            types,
            stages: stage_ids,
            exits: exit_ids,
            dests,
        })
    }
}
