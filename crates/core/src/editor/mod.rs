//! The advanced editor's logic: a draft of the whole scenario (its JSON, plus the raw text of
//! number fields being typed, so that « 12, » or an empty field is not lost), edited by
//! [`Action`]s and validated with the engine (`Model::new`) after every edit. A valid draft
//! becomes `last_valid`; an invalid one never does: each problem is kept by the path of the field
//! it names (paths are paths into the draft's JSON). Pure, tested natively; the view is the app's
//! (`src/components/editor/`).

pub mod draft;
pub mod edits;

use std::collections::{BTreeMap, HashMap};

use parcours_engine::{Scenario, ValidationError};
use serde_json::Value;

use crate::i18n::engine::validation_message;
use crate::i18n::{parse_number, t, Lang, Msg, NumberError};
use draft::{get, set};

/// How a number field stores what is typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// Any finite number.
    Real,
    /// A whole number, zero or more.
    Unsigned,
    /// A whole number, of any sign.
    Signed,
}

/// What an empty number field means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Empty {
    /// Nothing: the field is required.
    Required,
    /// `null` (an optional value).
    Null,
    /// The key is removed (optional entry, or a field with a default, shown when missing).
    Remove(Option<f64>),
}

/// One edit of the draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Number {
        path: String,
        text: String,
        num: Num,
        empty: Empty,
        /// Language of the page when typed (raw text is shown again only in that language).
        lang: Lang,
    },
    Set {
        path: String,
        value: Value,
    },
    Remove {
        path: String,
    },
    Push {
        path: String,
        value: Value,
    },
    Move {
        path: String,
        index: usize,
        up: bool,
    },
    RenameType {
        old: String,
        new: String,
    },
    RemoveType(usize),
    RenameDest {
        old: String,
        new: String,
    },
    Reset(Box<Scenario>),
    JsonText(String),
    Export,
    Import,
}

/// A problem found by the editor itself, before the engine: text that is not a number, or not
/// the whole number the field needs.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalError {
    pub text: String,
    pub problem: FieldProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    /// Not a number, read in the language it was typed in.
    Number(NumberError),
    /// A whole number, zero or more, is needed.
    NotWhole,
    /// A whole number is needed.
    NotInteger,
}

/// The editor's state: the draft and what the engine said of it.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorState {
    pub draft: Value,
    /// Raw text of number fields, by path, as typed (and the language it was typed in).
    pub raw: HashMap<String, (Lang, String)>,
    pub local: BTreeMap<String, LocalError>,
    pub errors: Vec<ValidationError>,
    pub last_valid: Scenario,
    /// Bumped each time `last_valid` changes by an edit (the component then emits it).
    pub emitted: u64,
    pub json_text: String,
    pub json_errors: Vec<ValidationError>,
    pub json_applied: bool,
}

impl EditorState {
    pub fn new(scenario: &Scenario) -> Self {
        EditorState {
            draft: draft::to_draft(scenario),
            raw: HashMap::new(),
            local: BTreeMap::new(),
            errors: Vec::new(),
            last_valid: scenario.clone(),
            emitted: 0,
            json_text: String::new(),
            json_errors: Vec::new(),
            json_applied: false,
        }
    }

    /// Whether the draft, as typed, is a valid scenario.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.local.is_empty()
    }

    fn revalidate(&mut self) {
        match draft::check(&self.draft) {
            Ok(scenario) => {
                self.errors.clear();
                if self.local.is_empty() && scenario != self.last_valid {
                    self.last_valid = scenario;
                    self.emitted += 1;
                }
            }
            Err(errors) => self.errors = errors,
        }
    }

    fn number(&mut self, path: &str, text: &str, num: Num, empty: Empty, lang: Lang) {
        self.raw.insert(path.to_string(), (lang, text.to_string()));
        self.local.remove(path);
        let local = |problem| LocalError {
            text: text.trim().to_string(),
            problem,
        };
        if text.trim().is_empty() {
            match empty {
                Empty::Required => {
                    let problem = FieldProblem::Number(NumberError::Empty);
                    self.local.insert(path.into(), local(problem));
                }
                Empty::Null => {
                    set(&mut self.draft, path, Value::Null);
                }
                Empty::Remove(_) => {
                    draft::remove(&mut self.draft, path);
                }
            }
            return;
        }
        let x = match parse_number(lang, text) {
            Ok(x) => x,
            Err(e) => {
                self.local
                    .insert(path.into(), local(FieldProblem::Number(e)));
                return;
            }
        };
        let value = match num {
            Num::Real => serde_json::json!(x),
            Num::Unsigned if x.fract() == 0.0 && x >= 0.0 && x <= u32::MAX as f64 => {
                serde_json::json!(x as u64)
            }
            Num::Signed if x.fract() == 0.0 && x.abs() < 1e15 => serde_json::json!(x as i64),
            Num::Unsigned => {
                self.local
                    .insert(path.into(), local(FieldProblem::NotWhole));
                return;
            }
            Num::Signed => {
                self.local
                    .insert(path.into(), local(FieldProblem::NotInteger));
                return;
            }
        };
        set(&mut self.draft, path, value);
    }

    /// Applies one edit and validates the result (pure: the component emits afterwards).
    pub fn apply(&mut self, action: Action) {
        let structural = !matches!(
            action,
            Action::Number { .. } | Action::Set { .. } | Action::JsonText(_) | Action::Export
        );
        match action {
            Action::Number {
                path,
                text,
                num,
                empty,
                lang,
            } => self.number(&path, &text, num, empty, lang),
            Action::Set { path, value } => {
                set(&mut self.draft, &path, value);
            }
            Action::Remove { path } => {
                draft::remove(&mut self.draft, &path);
            }
            Action::Push { path, value } => {
                draft::push(&mut self.draft, &path, value);
            }
            Action::Move { path, index, up } => {
                draft::move_item(&mut self.draft, &path, index, up);
            }
            Action::RenameType { old, new } => edits::rename_type(&mut self.draft, &old, &new),
            Action::RemoveType(i) => edits::remove_type(&mut self.draft, i),
            Action::RenameDest { old, new } => edits::rename_dest(&mut self.draft, &old, &new),
            Action::Reset(scenario) => {
                *self = EditorState {
                    json_text: std::mem::take(&mut self.json_text),
                    ..EditorState::new(&scenario)
                };
                return;
            }
            Action::JsonText(text) => {
                self.json_text = text;
                self.json_applied = false;
                return;
            }
            Action::Export => {
                self.json_text =
                    serde_json::to_string_pretty(&self.draft).unwrap_or_else(|e| e.to_string());
                self.json_errors.clear();
                self.json_applied = false;
                return;
            }
            Action::Import => match draft::import(&self.json_text) {
                Ok(scenario) => {
                    self.draft = draft::to_draft(&scenario);
                    self.json_errors.clear();
                    self.json_applied = true;
                }
                Err(errors) => {
                    self.json_errors = errors;
                    self.json_applied = false;
                    return;
                }
            },
        }
        if structural {
            // Indices may have moved: raw texts would land on other fields.
            self.raw.clear();
            self.local.clear();
        }
        self.revalidate();
    }

    /// Every problem by path: the editor's own (text that is not a number) and the engine's.
    pub fn problems(&self, lang: Lang) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (path, e) in &self.local {
            let msg = match e.problem {
                FieldProblem::Number(error) => Msg::BadNumber {
                    text: &e.text,
                    error,
                },
                FieldProblem::NotWhole => Msg::NotWhole,
                FieldProblem::NotInteger => Msg::NotInteger,
            };
            out.entry(path.clone())
                .or_default()
                .push(t(lang, msg).into_owned());
        }
        for e in &self.errors {
            out.entry(e.path.clone())
                .or_default()
                .push(validation_message(lang, e));
        }
        out
    }

    /// The value at `path` of the draft.
    pub fn at(&self, path: &str) -> Option<&Value> {
        get(&self.draft, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::default_scenario;

    fn num(path: &str, text: &str) -> Action {
        Action::Number {
            path: path.into(),
            text: text.into(),
            num: Num::Real,
            empty: Empty::Required,
            lang: Lang::Fr,
        }
    }

    #[test]
    fn an_invalid_edit_keeps_the_last_valid_scenario() {
        let base = default_scenario();
        let mut st = EditorState::new(&base);
        let p = "stages[2].routes.default[0].p";
        let old = draft::get_f64(&st.draft, p).unwrap();
        st.apply(num(p, &crate::i18n::format_field(Lang::Fr, old - 0.1)));
        assert!(!st.is_valid());
        assert_eq!(st.emitted, 0);
        assert_eq!(st.last_valid, base);
        // The engine's message, in the page's language.
        let problems = st.problems(Lang::Fr);
        assert!(problems["stages[2].routes.default"][0].contains("font 0,9 au total, attendu 1"));
        let problems = st.problems(Lang::En);
        assert!(problems["stages[2].routes.default"][0].contains("sum to 0.9"));
        // Fixed with a French decimal comma: valid again, and equal to the baseline, so nothing
        // new to emit.
        st.apply(num(p, &crate::i18n::format_field(Lang::Fr, old)));
        assert!(st.is_valid(), "{:?}", st.errors);
        assert_eq!(st.emitted, 0);
        // A real change is emitted once.
        st.apply(num("stages[0].places", "700"));
        assert_eq!(
            st.emitted, 0,
            "places is an integer field, typed as Real it is a float"
        );
    }

    #[test]
    fn whole_numbers_and_raw_text() {
        let base = default_scenario();
        let mut st = EditorState::new(&base);
        let places = |text: &str| Action::Number {
            path: "stages[0].places".into(),
            text: text.into(),
            num: Num::Unsigned,
            empty: Empty::Required,
            lang: Lang::Fr,
        };
        st.apply(places("750"));
        assert!(st.is_valid());
        assert_eq!(st.emitted, 1);
        assert_eq!(st.last_valid.stages[0].kind, {
            let mut k = base.stages[0].kind.clone();
            if let parcours_engine::StageKind::Places(p) = &mut k {
                p.places = 750;
            }
            k
        });
        st.apply(places("12,5"));
        assert_eq!(st.local["stages[0].places"].problem, FieldProblem::NotWhole);
        assert_eq!(st.raw["stages[0].places"].1, "12,5");
        assert_eq!(st.emitted, 1);
        st.apply(places(""));
        assert_eq!(
            st.local["stages[0].places"].problem,
            FieldProblem::Number(NumberError::Empty)
        );
        st.apply(places("1 000"));
        assert!(st.is_valid());
        assert_eq!(st.emitted, 2);
        // A comma typed half-way keeps its text and the scenario stays the same.
        st.apply(num("dalo.recourse_propensity", "0,"));
        assert_eq!(st.raw["dalo.recourse_propensity"].1, "0,");
        assert_eq!(st.last_valid.dalo.recourse_propensity, 0.0);
        st.apply(num("dalo.recourse_propensity", "0,35"));
        assert_eq!(st.last_valid.dalo.recourse_propensity, 0.35);
    }

    #[test]
    fn import_applies_only_valid_json() {
        let base = default_scenario();
        let mut st = EditorState::new(&base);
        st.apply(Action::JsonText("{ not json".into()));
        st.apply(Action::Import);
        assert_eq!(st.json_errors[0].path, "$");
        assert_eq!(st.emitted, 0);
        let mut other = base.clone();
        other.dalo.waiting_months = -1.0;
        st.apply(Action::JsonText(other.to_json_pretty()));
        st.apply(Action::Import);
        assert_eq!(st.json_errors[0].path, "dalo.waiting_months");
        assert_eq!(st.last_valid, base);
        other.dalo.waiting_months = 24.0;
        st.apply(Action::JsonText(other.to_json_pretty()));
        st.apply(Action::Import);
        assert!(st.json_errors.is_empty());
        assert_eq!(st.last_valid, other);
        assert_eq!(st.emitted, 1);
        st.apply(Action::Export);
        assert_eq!(Scenario::from_json(&st.json_text).unwrap(), other);
    }

    #[test]
    fn reset_replaces_the_draft() {
        let base = default_scenario();
        let mut st = EditorState::new(&base);
        st.apply(num("dalo.waiting_months", "abc"));
        assert!(!st.is_valid());
        st.apply(Action::Reset(Box::new(base.clone())));
        assert!(st.is_valid());
        assert!(st.raw.is_empty());
    }
}
