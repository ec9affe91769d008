//! The scenario library: named scenarios saved in the browser (localStorage).
//!
//! One storage key per entry, `parcours.library.<id>`, so a damaged entry never hides the others.
//! An entry is JSON: `{"kind": "parcours-library-entry", "name", "saved", "link"}`, where `link` is
//! the state as a link fragment (`v=N&s=…`, see [`crate::link`]): entries of older versions are
//! opened through the same migration as links. Anything under the prefix that is not such an
//! entry is listed as unreadable, with its raw text, and never removed unless the user asks.
//! The storage is behind [`Store`], so all of this is tested natively.

use serde::{Deserialize, Serialize};

use crate::i18n::{t, Lang, Msg};
use crate::link;

/// Prefix of every key of the library.
pub const PREFIX: &str = "parcours.library.";
const KIND: &str = "parcours-library-entry";

/// Why the storage refused.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// No storage (private mode, disabled by the browser).
    Unavailable(String),
    /// The storage is full.
    Full(String),
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        let msg = match self {
            StoreError::Unavailable(detail) => Msg::StoreUnavailable { detail },
            StoreError::Full(detail) => Msg::StoreFull { detail },
        };
        t(lang, msg).into_owned()
    }
}

/// A key-value storage (the browser's localStorage, or memory in tests).
pub trait Store {
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
}

/// What is stored for one entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    kind: String,
    name: String,
    /// When it was saved (ISO 8601, UTC).
    saved: String,
    /// The state as a link fragment `v=N&s=…`.
    link: String,
}

/// A readable entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub name: String,
    pub saved: String,
    pub link: String,
}

impl Entry {
    /// The link format version the entry was saved with (`"2"`), shown next to old entries.
    pub fn version(&self) -> &str {
        link::version_of(&self.link).unwrap_or("?")
    }
}

/// An entry that cannot be read, kept aside with its raw text.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub key: String,
    pub raw: String,
    /// What is wrong, in the interface's language.
    pub reason: String,
}

/// The library as listed: readable entries by name, then unreadable ones.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub unreadable: Vec<Unreadable>,
}

/// Reads one stored value: the entry, or why it is unreadable. The link inside is decoded
/// (with its migration) so that a broken scenario is reported in the list, not at opening.
fn read(key: &str, raw: &str, lang: Lang) -> Result<Entry, String> {
    let stored: Stored = serde_json::from_str(raw).map_err(|e| {
        let message = link::json_message(&e);
        let msg = Msg::EntryJsonInvalid {
            line: e.line(),
            column: e.column(),
            message: &message,
        };
        t(lang, msg).into_owned()
    })?;
    if stored.kind != KIND {
        return Err(t(lang, Msg::NotAnEntry { kind: &stored.kind }).into_owned());
    }
    match link::decode(&stored.link) {
        Ok(Some(_)) => {}
        Ok(None) => return Err(t(lang, Msg::EntryWithoutLink).into_owned()),
        Err(e) => return Err(e.message(lang)),
    }
    Ok(Entry {
        key: key.into(),
        name: stored.name,
        saved: stored.saved,
        link: stored.link,
    })
}

/// Every entry of the library, readable or not.
pub fn list(store: &impl Store, lang: Lang) -> Result<Listing, StoreError> {
    let mut listing = Listing::default();
    let mut keys: Vec<String> = store
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    keys.sort();
    for key in keys {
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        match read(&key, &raw, lang) {
            Ok(entry) => listing.entries.push(entry),
            Err(reason) => listing.unreadable.push(Unreadable { key, raw, reason }),
        }
    }
    listing.entries.sort_by_key(|e| e.name.to_lowercase());
    Ok(listing)
}

/// Why a save, rename or duplicate did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The name is empty.
    NoName,
    /// Another entry has this name (its key): ask before replacing it.
    Taken(String),
    Store(StoreError),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SaveError::NoName => t(lang, Msg::NoName).into_owned(),
            SaveError::Taken(_) => t(lang, Msg::NameTaken).into_owned(),
            SaveError::Store(e) => e.message(lang),
        }
    }
}

fn find_by_name(store: &impl Store, name: &str) -> Result<Option<String>, StoreError> {
    for key in store.keys()? {
        if !key.starts_with(PREFIX) {
            continue;
        }
        if let Some(raw) = store.get(&key)? {
            if let Ok(stored) = serde_json::from_str::<Stored>(&raw) {
                if stored.kind == KIND && stored.name.trim() == name.trim() {
                    return Ok(Some(key));
                }
            }
        }
    }
    Ok(None)
}

/// A key not used yet, from the time of saving (`now_ms`).
fn new_key(store: &impl Store, now_ms: u64) -> Result<String, StoreError> {
    let keys = store.keys()?;
    let mut n = now_ms;
    loop {
        let key = format!("{PREFIX}{n}");
        if !keys.contains(&key) {
            return Ok(key);
        }
        n += 1;
    }
}

fn write(
    store: &mut impl Store,
    key: &str,
    name: &str,
    saved: &str,
    link: &str,
) -> Result<(), StoreError> {
    let stored = Stored {
        kind: KIND.into(),
        name: name.trim().into(),
        saved: saved.into(),
        link: link.into(),
    };
    store.set(
        key,
        &serde_json::to_string(&stored).expect("an entry always serialises"),
    )
}

/// Saves `link` under `name`. An existing entry of that name is replaced only with `replace`
/// (else [`SaveError::Taken`]: the page asks first). Returns the entry's key.
pub fn save(
    store: &mut impl Store,
    name: &str,
    link: &str,
    saved: &str,
    now_ms: u64,
    replace: bool,
) -> Result<String, SaveError> {
    if name.trim().is_empty() {
        return Err(SaveError::NoName);
    }
    let key = match find_by_name(store, name)? {
        Some(key) if replace => key,
        Some(key) => return Err(SaveError::Taken(key)),
        None => new_key(store, now_ms)?,
    };
    write(store, &key, name, saved, link)?;
    Ok(key)
}

fn stored(store: &impl Store, key: &str) -> Result<Stored, SaveError> {
    store
        .get(key)?
        .and_then(|raw| serde_json::from_str::<Stored>(&raw).ok())
        .ok_or_else(|| SaveError::Store(StoreError::Unavailable(format!("{key}: missing"))))
}

/// Gives an entry another name (refused if another entry has it).
pub fn rename(store: &mut impl Store, key: &str, name: &str) -> Result<(), SaveError> {
    if name.trim().is_empty() {
        return Err(SaveError::NoName);
    }
    if let Some(other) = find_by_name(store, name)?.filter(|k| k != key) {
        return Err(SaveError::Taken(other));
    }
    let s = stored(store, key)?;
    write(store, key, name, &s.saved, &s.link)?;
    Ok(())
}

/// A copy of an entry under a free name (« nom (2) »). Returns the new key.
pub fn duplicate(
    store: &mut impl Store,
    key: &str,
    saved: &str,
    now_ms: u64,
) -> Result<String, SaveError> {
    let s = stored(store, key)?;
    let mut n = 2;
    let name = loop {
        let candidate = format!("{} ({n})", s.name);
        if find_by_name(store, &candidate)?.is_none() {
            break candidate;
        }
        n += 1;
    };
    save(store, &name, &s.link, saved, now_ms, false)
}

/// Deletes an entry (readable or not).
pub fn delete(store: &mut impl Store, key: &str) -> Result<(), StoreError> {
    store.remove(key)
}

/// A store in memory, for tests; `capacity` bytes at most (keys and values), like a quota.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    pub map: std::collections::BTreeMap<String, String>,
    pub capacity: Option<usize>,
}

impl Store for MemoryStore {
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map.keys().cloned().collect())
    }
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(cap) = self.capacity {
            let used: usize = self
                .map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > cap {
                return Err(StoreError::Full("quota exceeded".into()));
            }
        }
        self.map.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.map.remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, MarginalAsk};
    use crate::levers::{LeverId, Settings};
    use crate::link::{self, Note, State};
    use crate::runs::{DEFAULT_REPLICATIONS, DEFAULT_SEED};
    use parcours_engine::default_scenario;
    use std::rc::Rc;

    const V1_FIXTURE: &str =
        include_str!("../../../tests/fixtures/links/v1-haute-garonne-chrs-600.txt");
    const NOW: &str = "2026-12-02T10:00:00.000Z";

    fn link(places: f64) -> String {
        link_asking(places, None)
    }

    fn link_asking(places: f64, analysis: Option<Analysis>) -> String {
        let mut settings = Settings::default();
        settings
            .values
            .insert(LeverId::Places("chrs".into()), places);
        link::encode(&State {
            territory: "haute-garonne".into(),
            prepared: None,
            baseline: Rc::new(default_scenario()),
            network: None,
            settings,
            seed: DEFAULT_SEED,
            replications: DEFAULT_REPLICATIONS,
            analysis,
        })
    }

    /// A store that refuses everything (private mode, storage disabled).
    struct Unavailable;
    impl Store for Unavailable {
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            Err(StoreError::Unavailable("SecurityError".into()))
        }
        fn get(&self, _: &str) -> Result<Option<String>, StoreError> {
            Err(StoreError::Unavailable("SecurityError".into()))
        }
        fn set(&mut self, _: &str, _: &str) -> Result<(), StoreError> {
            Err(StoreError::Unavailable("SecurityError".into()))
        }
        fn remove(&mut self, _: &str) -> Result<(), StoreError> {
            Err(StoreError::Unavailable("SecurityError".into()))
        }
    }

    #[test]
    fn save_list_open() {
        let mut store = MemoryStore::default();
        let key = save(&mut store, "  Plus de CHRS ", &link(600.0), NOW, 1, false).unwrap();
        save(&mut store, "autre", &link(500.0), NOW, 1, false).unwrap();
        let listing = list(&store, Lang::Fr).unwrap();
        assert!(listing.unreadable.is_empty());
        assert_eq!(listing.entries.len(), 2);
        // Sorted by name, trimmed.
        assert_eq!(listing.entries[0].name, "autre");
        let e = &listing.entries[1];
        assert_eq!(
            (e.key.as_str(), e.name.as_str(), e.saved.as_str()),
            (key.as_str(), "Plus de CHRS", NOW)
        );
        assert_eq!(e.version(), "2");
        let opened = link::decode(&e.link).unwrap().unwrap();
        assert_eq!(
            opened.state.settings.values[&LeverId::Places("chrs".into())],
            600.0
        );
    }

    /// The analysis asked travels in the entry's link (every kind alike: the link carries it).
    #[test]
    fn an_entry_keeps_its_analysis() {
        let ask = Analysis::Marginal(MarginalAsk {
            rank_by: crate::marginal::RankBy::Cost,
            replications: 20,
            ..MarginalAsk::default()
        });
        let mut store = MemoryStore::default();
        save(
            &mut store,
            "Où agir",
            &link_asking(600.0, Some(ask.clone())),
            NOW,
            1,
            false,
        )
        .unwrap();
        let listing = list(&store, Lang::Fr).unwrap();
        let opened = link::decode(&listing.entries[0].link).unwrap().unwrap();
        assert_eq!(opened.state.analysis, Some(ask));
    }

    #[test]
    fn saving_under_a_taken_name_asks_first() {
        let mut store = MemoryStore::default();
        let key = save(&mut store, "A", &link(600.0), NOW, 1, false).unwrap();
        assert_eq!(
            save(&mut store, "A", &link(700.0), NOW, 2, false),
            Err(SaveError::Taken(key.clone()))
        );
        // Nothing changed.
        assert_eq!(list(&store, Lang::Fr).unwrap().entries[0].link, link(600.0));
        assert_eq!(save(&mut store, "A", &link(700.0), NOW, 2, true), Ok(key));
        let entries = list(&store, Lang::Fr).unwrap().entries;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].link, link(700.0));
        assert_eq!(
            save(&mut store, " ", &link(700.0), NOW, 3, false),
            Err(SaveError::NoName)
        );
    }

    #[test]
    fn rename_duplicate_delete() {
        let mut store = MemoryStore::default();
        let a = save(&mut store, "A", &link(600.0), NOW, 1, false).unwrap();
        let b = save(&mut store, "B", &link(700.0), NOW, 1, false).unwrap();
        assert_ne!(a, b);
        assert_eq!(
            rename(&mut store, &a, "B"),
            Err(SaveError::Taken(b.clone()))
        );
        rename(&mut store, &a, "C").unwrap();
        let copy = duplicate(&mut store, &a, NOW, 5).unwrap();
        let copy2 = duplicate(&mut store, &a, NOW, 5).unwrap();
        let names: Vec<String> = list(&store, Lang::Fr)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["B", "C", "C (2)", "C (3)"]);
        assert!(store.get(&copy).unwrap().is_some() && store.get(&copy2).unwrap().is_some());
        delete(&mut store, &a).unwrap();
        assert_eq!(list(&store, Lang::Fr).unwrap().entries.len(), 3);
    }

    #[test]
    fn old_entries_open_through_the_link_migration() {
        let mut store = MemoryStore::default();
        save(&mut store, "ancien", V1_FIXTURE.trim(), NOW, 1, false).unwrap();
        let entries = list(&store, Lang::Fr).unwrap().entries;
        assert_eq!(entries[0].version(), "1");
        let opened = link::decode(&entries[0].link).unwrap().unwrap();
        assert_eq!(opened.notes, vec![Note::LeversInNetwork]);
    }

    #[test]
    fn unreadable_entries_are_kept_aside_and_the_others_still_open() {
        let mut store = MemoryStore::default();
        save(&mut store, "bon", &link(600.0), NOW, 1, false).unwrap();
        let corrupt = [
            ("parcours.library.json", "{not json".to_string()),
            (
                "parcours.library.other",
                r#"{"kind":"someone-else","name":"x","saved":"","link":""}"#.to_string(),
            ),
            (
                "parcours.library.future",
                format!(r#"{{"kind":"{KIND}","name":"f","saved":"","link":"v=99&s=abc"}}"#),
            ),
            (
                "parcours.library.cut",
                format!(
                    r#"{{"kind":"{KIND}","name":"c","saved":"","link":"{}"}}"#,
                    &link(600.0)[..200]
                ),
            ),
        ];
        for (k, v) in &corrupt {
            store.set(k, v).unwrap();
        }
        store.set("unrelated", "{").unwrap();
        let listing = list(&store, Lang::Fr).unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.entries[0].name, "bon");
        assert_eq!(listing.unreadable.len(), 4);
        let reason = |key: &str| {
            listing
                .unreadable
                .iter()
                .find(|u| u.key == key)
                .unwrap()
                .reason
                .clone()
        };
        assert!(reason("parcours.library.json").contains("JSON invalide, ligne 1"));
        assert!(reason("parcours.library.other").contains("someone-else"));
        assert!(reason("parcours.library.future").contains("version de lien inconnue"));
        assert!(reason("parcours.library.cut").contains("abîmé ou tronqué"));
        // The raw text is kept for export; nothing was removed.
        assert_eq!(
            listing
                .unreadable
                .iter()
                .find(|u| u.key == "parcours.library.json")
                .unwrap()
                .raw,
            "{not json"
        );
        assert_eq!(store.map.len(), 6);
        // Saving beside them still works, and a corrupt entry does not count as a name.
        save(&mut store, "x", &link(650.0), NOW, 9, false).unwrap();
        delete(&mut store, "parcours.library.json").unwrap();
        assert_eq!(list(&store, Lang::Fr).unwrap().unreadable.len(), 3);
    }

    #[test]
    fn full_or_missing_storage_is_said_and_nothing_is_lost() {
        // Room for one entry, not two.
        let mut store = MemoryStore {
            capacity: Some(link(600.0).len() * 3 / 2),
            ..Default::default()
        };
        save(&mut store, "A", &link(600.0), NOW, 1, false).unwrap();
        let before = store.map.clone();
        match save(&mut store, "B", &link(700.0), NOW, 2, false) {
            Err(SaveError::Store(e @ StoreError::Full(_))) => {
                assert!(e.message(Lang::Fr).contains("plein"));
                assert!(e.message(Lang::En).contains("full"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(store.map, before);
        let mut gone = Unavailable;
        assert!(matches!(
            list(&gone, Lang::Fr),
            Err(StoreError::Unavailable(_))
        ));
        assert!(matches!(
            save(&mut gone, "A", &link(600.0), NOW, 1, false),
            Err(SaveError::Store(StoreError::Unavailable(_)))
        ));
    }
}
