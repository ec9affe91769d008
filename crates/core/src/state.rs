//! The page's state as one reducer (as Yew's todomvc example does it): [`AppState`] changes only
//! through [`AppState::apply`] with an [`Action`], and [`resolve`] turns what the user chose into
//! what runs and what the address holds. Pure, tested natively; the app dispatches the actions
//! and runs the effects (`src/hooks/`).
//!
//! What the user chose ([`Choice`]) and what a link holds ([`link::State`]) are one state in two
//! shapes: the choice names the shipped files (territory, prepared scenario), the link carries
//! the scenarios themselves. [`resolve`] goes one way, [`Choice::of_link`] the other.

use std::rc::Rc;

use parcours_engine::Scenario;

use crate::analysis::Analysis;
use crate::catalog::{self, Files, Index, PreparedEntry};
use crate::i18n::Lang;
use crate::levers::{apply, levers_of, place_stages, Lever, PlaceStage, Settings};
use crate::link::{self, LinkError, Opened};
use crate::present::workshop::workshop_selection;

mod choice;
pub use choice::{Choice, Notice, Tab};

/// What the choice makes: the scenarios that run, the levers, and the link of it all.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The territory's baseline (or the one a link carried).
    pub baseline: Rc<Scenario>,
    /// The prepared scenario's network, else the baseline: the network before the advanced editor.
    pub prepared: Rc<Scenario>,
    /// The network the levers act on: edited in the advanced editor, else `prepared`.
    pub network: Rc<Scenario>,
    /// What runs against the baseline: `network` with the levers applied.
    pub scenario: Rc<Scenario>,
    /// Whether a scenario differs from the baseline (a prepared one, an edit or a lever).
    pub comparing: bool,
    /// The levers read from the baseline.
    pub levers: Rc<Vec<Lever>>,
    /// The baseline's stages with places (for openings).
    pub place_stages: Rc<Vec<PlaceStage>>,
    /// The territory's prepared scenarios.
    pub prepared_scenarios: Rc<Vec<PreparedEntry>>,
    /// The prepared scenario chosen, as the catalog lists it.
    pub prepared_entry: Option<PreparedEntry>,
    /// The state as a link holds it (what the address is kept equal to).
    pub link: Rc<link::State>,
}

impl Resolved {
    /// What the page shows: the scenario when comparing, else the baseline.
    pub fn shown(&self) -> &Rc<Scenario> {
        if self.comparing {
            &self.scenario
        } else {
            &self.baseline
        }
    }
}

/// The territory's shipped baseline, or the default scenario if the territory is unknown or its
/// file not fetched (the page resolves a choice only once [`needed_files`] are all fetched).
fn territory_scenario(index: &Index, files: &Files, id: &str) -> Rc<Scenario> {
    catalog::territory_file(index, id)
        .and_then(|file| files.get(&file).cloned())
        .unwrap_or_else(|| Rc::new(parcours_engine::default_scenario()))
}

/// An `Rc` compared by identity, not content: [`resolve`] keeps a part whose inputs did not
/// change the same `Rc` (and [`AppState::apply`] resolves only a changed choice), so what
/// depends on a scenario or a link (a memo, an effect) asks « the same one? » in one pointer
/// comparison instead of comparing whole scenarios on every render.
#[derive(Debug)]
pub struct Same<T>(pub Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Same<T> {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Same<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Same<T> {
    type Target = Rc<T>;
    fn deref(&self) -> &Rc<T> {
        &self.0
    }
}

/// What `choice` makes. `previous` (the choice before and what it made) lets the parts whose
/// inputs did not change be kept as they are: parsing a shipped file or applying the levers is
/// done only when it changes something, and an unchanged part stays the same `Rc`.
pub fn resolve(
    index: &Index,
    files: &Files,
    choice: &Choice,
    previous: Option<(&Choice, &Resolved)>,
) -> Resolved {
    let same_baseline = previous
        .filter(|(c, _)| c.territory == choice.territory && c.carried == choice.carried)
        .map(|(_, r)| r);
    let baseline = match (same_baseline, &choice.carried) {
        (Some(r), _) => r.baseline.clone(),
        (None, Some(carried)) => carried.clone(),
        (None, None) => territory_scenario(index, files, &choice.territory),
    };
    let prepared_entry = choice
        .prepared
        .as_ref()
        .and_then(|id| index.prepared.iter().find(|e| &e.id == id))
        .cloned();
    let prepared = match previous {
        Some((c, r)) if same_baseline.is_some() && c.prepared == choice.prepared => {
            r.prepared.clone()
        }
        _ => prepared_entry
            .as_ref()
            .and_then(|e| files.get(&e.file).cloned())
            .unwrap_or_else(|| baseline.clone()),
    };
    let network = choice.edited.clone().unwrap_or_else(|| prepared.clone());
    let scenario = match previous {
        Some((c, r)) if Rc::ptr_eq(&r.network, &network) && c.settings == choice.settings => {
            r.scenario.clone()
        }
        _ if choice.settings.is_empty() => network.clone(),
        _ => Rc::new(apply(&network, &choice.settings)),
    };
    let (levers, place_stages) = match same_baseline {
        Some(r) => (r.levers.clone(), r.place_stages.clone()),
        None => (
            Rc::new(levers_of(&baseline)),
            Rc::new(place_stages(&baseline)),
        ),
    };
    let prepared_scenarios = match previous {
        Some((c, r)) if c.territory == choice.territory => r.prepared_scenarios.clone(),
        _ => Rc::new(
            index
                .prepared
                .iter()
                .filter(|v| v.baseline == choice.territory)
                .cloned()
                .collect(),
        ),
    };
    let comparing =
        choice.prepared.is_some() || choice.edited.is_some() || !choice.settings.is_empty();
    let link = Rc::new(link::State {
        territory: choice.territory.clone(),
        prepared: choice.prepared.clone(),
        baseline: baseline.clone(),
        network: (*network != *baseline).then(|| network.clone()),
        settings: choice.settings.clone(),
        seed: choice.run.seed,
        replications: choice.run.replications,
        analysis: choice.analysis.clone(),
    });
    Resolved {
        baseline,
        prepared,
        network,
        scenario,
        comparing,
        levers,
        place_stages,
        prepared_scenarios,
        prepared_entry,
        link,
    }
}

/// One change of the page's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetLang(Lang),
    /// A territory chosen (selector or map): its baseline, levers and prepared scenario
    /// forgotten (the analysis asked stays: it is asked of whatever is shown). The territory
    /// shown, or none, changes nothing.
    ChooseTerritory(String),
    /// A prepared scenario chosen (or none): it replaces the edited network.
    ChoosePrepared(Option<String>),
    /// A valid scenario from the advanced editor: it replaces the network the levers act on.
    Edit(Scenario),
    SetSettings(Settings),
    /// A scenario file imported: it becomes the network, levers reset (it has them applied).
    Import(Scenario),
    /// A link fragment to open (the address changed, a library entry).
    OpenLink(String),
    DismissNotice(usize),
    SetTab(Tab),
    OpenReport,
    CloseReport,
    /// Into the workshop, with the prepared scenarios chosen (`None`: the territory's first four).
    EnterWorkshop(Option<Vec<String>>),
    LeaveWorkshop,
    /// A shipped file fetched (its path in `assets/scenarios/`), or why it could not be.
    Loaded(String, Result<Rc<Scenario>, String>),
    /// The decision-support question asked (a panel's choices), or none (« Oublier cette
    /// analyse »): the link carries it.
    SetAnalysis(Option<Analysis>),
    /// The analysis a link brought has been started by its panel ([`AppState::analysis_to_run`]).
    AnalysisStarted,
}

/// What waits for shipped files the page has not fetched yet ([`needed_files`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// A territory or prepared scenario chosen: the page keeps what it shows until its files are
    /// there, and forgets the choice if one cannot be fetched.
    Choice(Choice),
    /// A link opened: it carries its own baseline and network, so it opens even if a file cannot
    /// be fetched (its baseline then counts as carried).
    Link(Opened),
}

/// The shipped files `pending` needs: the territory's (unless a carried baseline replaces it) and
/// the prepared scenario's. A link needs them to tell whether it carries the shipped ones.
pub fn needed_files(index: &Index, pending: &Pending) -> Vec<String> {
    let (territory, prepared) = match pending {
        Pending::Choice(c) => (
            c.carried.is_none().then_some(&c.territory),
            c.prepared.as_ref(),
        ),
        Pending::Link(o) => (Some(&o.state.territory), o.state.prepared.as_ref()),
    };
    let territory = territory.and_then(|id| catalog::territory_file(index, id));
    let prepared = prepared.and_then(|id| catalog::prepared_file(index, id));
    territory.into_iter().chain(prepared).collect()
}

/// The shipped files the page fetches before it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct StartFiles {
    pub files: Vec<String>,
    /// Whether the page cannot start without them: a link can (it carries its baseline).
    pub required: bool,
}

/// What the address asks at start-up: its link, else the default territory; and the link's
/// error if it cannot be read.
fn start(index: &Index, fragment: &str) -> (Pending, Option<LinkError>) {
    let default = || Pending::Choice(Choice::territory(index.default.clone()));
    match link::decode(fragment) {
        Ok(Some(opened)) => (Pending::Link(opened), None),
        Ok(None) => (default(), None),
        Err(e) => (default(), Some(e)),
    }
}

/// The page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub index: Rc<Index>,
    pub lang: Lang,
    pub choice: Choice,
    /// What the choice makes (see [`resolve`]).
    pub resolved: Rc<Resolved>,
    pub notices: Vec<Notice>,
    pub tab: Tab,
    pub report_open: bool,
    pub in_workshop: bool,
    /// The prepared scenarios chosen for the workshop (`None`: the territory's first four).
    pub workshop_pick: Option<Vec<String>>,
    /// The shipped files fetched so far.
    pub files: Rc<Files>,
    /// A choice or link waiting for shipped files ([`AppState::missing`]).
    pub pending: Option<Pending>,
    /// A link (or library entry) opened with an analysis: its panel runs it once the page's own
    /// run is over, then dispatches [`Action::AnalysisStarted`]. A shared link shows the same
    /// answer without a click.
    pub analysis_to_run: bool,
}

impl AppState {
    /// The shipped files the page needs before it starts with the address `fragment` (the page
    /// fetches them, then calls [`AppState::new`]).
    pub fn start_files(index: &Index, fragment: &str) -> StartFiles {
        let (pending, _) = start(index, fragment);
        StartFiles {
            files: needed_files(index, &pending),
            required: matches!(pending, Pending::Choice(_)),
        }
    }

    /// The page at start-up: the address's link if any (decoded before the first run), else the
    /// default territory; in `lang`, in the workshop if the address asks. `files`: the shipped
    /// files fetched, [`AppState::start_files`] at least (a link opens without them).
    pub fn new(
        index: Rc<Index>,
        files: Files,
        lang: Lang,
        workshop: bool,
        fragment: &str,
    ) -> AppState {
        let (choice, notices) = match start(&index, fragment) {
            (Pending::Link(opened), _) => Choice::of_link(&index, &files, opened),
            (Pending::Choice(choice), error) => {
                (choice, error.map(Notice::LinkError).into_iter().collect())
            }
        };
        let resolved = Rc::new(resolve(&index, &files, &choice, None));
        // Only a link holds an analysis at start-up.
        let analysis_to_run = choice.analysis.is_some();
        AppState {
            index,
            lang,
            choice,
            resolved,
            notices,
            tab: Tab::default(),
            report_open: false,
            in_workshop: workshop,
            workshop_pick: None,
            files: Rc::new(files),
            pending: None,
            analysis_to_run,
        }
    }

    /// The shipped files the pending choice still needs: the page fetches them and dispatches
    /// [`Action::Loaded`].
    pub fn missing(&self) -> Vec<String> {
        let Some(pending) = &self.pending else {
            return Vec::new();
        };
        needed_files(&self.index, pending)
            .into_iter()
            .filter(|f| !self.files.contains_key(f))
            .collect()
    }

    /// The choice `pending` makes once its files are all fetched: a link's with what the page
    /// must say about it (it opens without them when one `unavailable`), a choice's alone (it
    /// is dropped when one is unavailable). `None`: kept pending, or dropped.
    fn wait_or_open(
        &mut self,
        pending: Pending,
        unavailable: Option<Notice>,
    ) -> Option<(Choice, Option<Vec<Notice>>)> {
        let ready = needed_files(&self.index, &pending)
            .iter()
            .all(|f| self.files.contains_key(f));
        match pending {
            Pending::Link(opened) if ready || unavailable.is_some() => {
                let (choice, notices) = Choice::of_link(&self.index, &self.files, opened);
                self.analysis_to_run = choice.analysis.is_some();
                Some((
                    choice,
                    Some(unavailable.into_iter().chain(notices).collect()),
                ))
            }
            Pending::Choice(choice) if ready => Some((choice, None)),
            Pending::Choice(_) if unavailable.is_some() => {
                self.notices.extend(unavailable);
                None
            }
            pending => {
                self.pending = Some(pending);
                None
            }
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        let mut choice = self.choice.clone();
        // What waits for shipped files: a new choice replaces the one waiting.
        let mut waiting: Option<(Pending, Option<Notice>)> = None;
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::ChooseTerritory(territory) => {
                if territory.is_empty() || territory == choice.territory {
                    self.pending = None;
                    return;
                }
                let next = Choice {
                    analysis: choice.analysis.clone(),
                    ..Choice::territory(territory)
                };
                waiting = Some((Pending::Choice(next), None));
            }
            Action::ChoosePrepared(prepared) => {
                let mut next = choice.clone();
                next.prepared = prepared;
                next.edited = None;
                waiting = Some((Pending::Choice(next), None));
            }
            Action::Edit(scenario) => choice.edited = Some(Rc::new(scenario)),
            Action::SetSettings(settings) => choice.settings = settings,
            Action::Import(scenario) => {
                choice.edited = Some(Rc::new(scenario));
                choice.settings = Settings::default();
                self.notices = vec![Notice::Imported];
            }
            Action::OpenLink(fragment) => match link::decode(&fragment) {
                Ok(Some(opened)) => waiting = Some((Pending::Link(opened), None)),
                Ok(None) => {}
                Err(e) => self.notices = vec![Notice::LinkError(e)],
            },
            Action::DismissNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
            Action::SetTab(tab) => self.tab = tab,
            Action::OpenReport => self.report_open = true,
            Action::CloseReport => self.report_open = false,
            Action::EnterWorkshop(pick) => {
                self.workshop_pick = pick;
                self.in_workshop = true;
            }
            Action::LeaveWorkshop => self.in_workshop = false,
            Action::Loaded(file, fetched) => {
                let unavailable = match fetched {
                    Ok(scenario) => {
                        Rc::make_mut(&mut self.files).insert(file, scenario);
                        None
                    }
                    // A file no longer needed (a choice replaced it) says nothing.
                    Err(reason) => self
                        .missing()
                        .contains(&file)
                        .then_some(Notice::Unavailable { file, reason }),
                };
                waiting = self.pending.take().map(|p| (p, unavailable));
            }
            Action::SetAnalysis(analysis) => {
                // Forgotten before its panel started it: nothing is left to run.
                self.analysis_to_run &= analysis.is_some();
                choice.analysis = analysis;
            }
            Action::AnalysisStarted => self.analysis_to_run = false,
        }
        if let Some((pending, unavailable)) = waiting {
            self.pending = None;
            if let Some((c, notices)) = self.wait_or_open(pending, unavailable) {
                choice = c;
                if let Some(notices) = notices {
                    self.notices = notices;
                }
            }
        }
        if choice != self.choice {
            let resolved = resolve(
                &self.index,
                &self.files,
                &choice,
                Some((&self.choice, &self.resolved)),
            );
            self.resolved = Rc::new(resolved);
            self.choice = choice;
        }
    }

    /// The prepared scenarios the workshop shows (four at most).
    pub fn workshop_scenarios(&self) -> Vec<PreparedEntry> {
        workshop_selection(
            &self.resolved.prepared_scenarios,
            self.workshop_pick.as_deref(),
        )
    }
}

#[cfg(test)]
mod tests;
