//! What the user chose ([`Choice`]), what the page says about it ([`Notice`]) and the settings'
//! tabs ([`Tab`]).

use std::rc::Rc;

use parcours_engine::Scenario;

use crate::analysis::Analysis;
use crate::catalog::{self, Files, Index};
use crate::i18n::{t, Lang, Msg};
use crate::levers::Settings;
use crate::link::{LinkError, Note, Opened};
use crate::runs::RunParams;

/// What the user chose: a territory, a prepared scenario, the network edited in the advanced
/// editor, lever settings, the decision-support question asked, and (from a link) a baseline and
/// run parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Id of the territory (`index.json`).
    pub territory: String,
    /// Id of the prepared scenario chosen, if any.
    pub prepared: Option<String>,
    /// The network as changed in the advanced editor (replaces the prepared one).
    pub edited: Option<Rc<Scenario>>,
    pub settings: Settings,
    /// A baseline brought by a link that differs from this version's shipped file.
    pub carried: Option<Rc<Scenario>>,
    pub run: RunParams,
    /// The decision-support question asked (« Où agir ? », target seeking, the optimiser): its
    /// panel's choices, carried by the link so that the page that opens it runs it again.
    pub analysis: Option<Analysis>,
}

impl Choice {
    /// A territory's shipped baseline, nothing changed.
    pub fn territory(territory: String) -> Choice {
        Choice {
            territory,
            prepared: None,
            edited: None,
            settings: Settings::default(),
            carried: None,
            run: RunParams::default(),
            analysis: None,
        }
    }

    /// The choice a link (or a library entry) holds, and what the page must say about it.
    /// `files`: the shipped files fetched; a link whose territory file is not among them keeps
    /// its own baseline (so it opens offline, or when the file cannot be fetched).
    pub fn of_link(index: &Index, files: &Files, opened: Opened) -> (Choice, Vec<Notice>) {
        let Opened { state, notes, .. } = opened;
        let mut notices: Vec<Notice> = notes.into_iter().map(Notice::Link).collect();
        let shipped =
            catalog::territory_file(index, &state.territory).and_then(|file| files.get(&file));
        let carried = match shipped {
            Some(s) if **s == *state.baseline => None,
            _ => {
                notices.push(Notice::BaselineCarried);
                Some(state.baseline.clone())
            }
        };
        let shipped_prepared = state
            .prepared
            .as_ref()
            .and_then(|id| catalog::prepared_file(index, id))
            .and_then(|file| files.get(&file));
        let (prepared, edited) = match (&state.network, shipped_prepared) {
            (None, _) => (None, None),
            (Some(n), Some(p)) if **n == **p => (state.prepared.clone(), None),
            (Some(n), p) => (
                state.prepared.clone().filter(|_| p.is_some()),
                Some(n.clone()),
            ),
        };
        let choice = Choice {
            territory: state.territory,
            prepared,
            edited,
            settings: state.settings,
            carried,
            run: RunParams {
                seed: state.seed,
                replications: state.replications,
            },
            analysis: state.analysis,
        };
        (choice, notices)
    }
}

/// What the page says about the state it opened.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Link(Note),
    BaselineCarried,
    LinkError(LinkError),
    Imported,
    /// A shipped file that could not be fetched: its path and why.
    Unavailable {
        file: String,
        reason: String,
    },
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Notice::Link(note) => note.message(lang),
            Notice::BaselineCarried => t(lang, Msg::BaselineCarried).into_owned(),
            Notice::LinkError(e) => t(
                lang,
                Msg::LinkUnreadable {
                    reason: &e.message(lang),
                },
            )
            .into_owned(),
            Notice::Imported => t(lang, Msg::Imported).into_owned(),
            Notice::Unavailable { file, reason } => {
                t(lang, Msg::CatalogUnavailable { file, reason }).into_owned()
            }
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Notice::LinkError(_) | Notice::Unavailable { .. })
    }
}

/// The tabs of the settings: the levers, or the advanced editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Levers,
    Editor,
}

impl Tab {
    pub const ALL: [Tab; 2] = [Tab::Levers, Tab::Editor];

    /// Its position, in the ids of its tab and panel (`tab-0`, `tabpanel-1`).
    pub fn index(self) -> usize {
        match self {
            Tab::Levers => 0,
            Tab::Editor => 1,
        }
    }

    pub fn label(self) -> Msg<'static> {
        match self {
            Tab::Levers => Msg::Levers,
            Tab::Editor => Msg::AdvancedEditor,
        }
    }

    /// The tab a key moves to from this one (WAI-ARIA tabs: ← → wrap around, Home, End), or
    /// `None` for a key the tabs do not take.
    pub fn after_key(self, key: &str) -> Option<Tab> {
        let n = Tab::ALL.len();
        let i = self.index();
        let to = match key {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return None,
        };
        Some(Tab::ALL[to])
    }
}

#[cfg(test)]
mod tab_tests {
    use super::Tab;

    #[test]
    fn arrows_wrap_and_home_end_reach_the_ends() {
        assert_eq!(Tab::Levers.after_key("ArrowRight"), Some(Tab::Editor));
        assert_eq!(Tab::Editor.after_key("ArrowRight"), Some(Tab::Levers));
        assert_eq!(Tab::Levers.after_key("ArrowLeft"), Some(Tab::Editor));
        assert_eq!(Tab::Editor.after_key("Home"), Some(Tab::Levers));
        assert_eq!(Tab::Levers.after_key("End"), Some(Tab::Editor));
        assert_eq!(Tab::Levers.after_key("Enter"), None);
        for tab in Tab::ALL {
            assert_eq!(Tab::ALL[tab.index()], tab);
        }
    }
}
