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
use crate::i18n::{t, Lang, Msg};
use crate::levers::{apply, levers_of, place_stages, Lever, PlaceStage, Settings};
use crate::link::{self, LinkError, Note, Opened};
use crate::present::workshop::workshop_selection;
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
mod tests {
    use super::*;
    use crate::levers::LeverId;

    /// The page once every shipped file is fetched.
    fn state() -> AppState {
        AppState::new(
            Rc::new(catalog::shipped::index()),
            catalog::shipped::all(),
            Lang::Fr,
            false,
            "",
        )
    }

    fn chrs(value: f64) -> Settings {
        let mut s = Settings::default();
        s.values.insert(LeverId::Places("chrs".into()), value);
        s
    }

    #[test]
    fn at_start_up_the_default_territory_alone() {
        let st = state();
        let r = &st.resolved;
        assert_eq!(st.choice.territory, st.index.default);
        assert!(!r.comparing);
        assert_eq!(*r.baseline, parcours_engine::default_scenario());
        assert!(Rc::ptr_eq(&r.network, &r.baseline) && Rc::ptr_eq(&r.scenario, &r.baseline));
        assert!(r.link.network.is_none());
        let prepared = st
            .index
            .prepared
            .iter()
            .filter(|v| v.baseline == st.index.default);
        assert_eq!(r.prepared_scenarios.len(), prepared.count());
        assert!(st.notices.is_empty());
        assert_eq!(st.workshop_scenarios().len(), 4);
    }

    #[test]
    fn levers_make_a_scenario_and_back_to_none() {
        let mut st = state();
        let baseline = st.resolved.baseline.clone();
        st.apply(Action::SetSettings(chrs(600.0)));
        let r = st.resolved.clone();
        assert!(r.comparing);
        assert!(Rc::ptr_eq(&r.baseline, &baseline), "the baseline is kept");
        assert_eq!(*r.scenario, apply(&baseline, &chrs(600.0)));
        // The link holds the settings, not a network (the levers apply to the baseline).
        assert!(r.link.network.is_none());
        assert_eq!(r.link.settings, chrs(600.0));
        st.apply(Action::SetSettings(Settings::default()));
        assert!(!st.resolved.comparing);
        assert!(Rc::ptr_eq(&st.resolved.scenario, &baseline));
    }

    #[test]
    fn a_prepared_scenario_then_an_edit_then_a_territory() {
        let mut st = state();
        let id = st.resolved.prepared_scenarios[0].id.clone();
        st.apply(Action::SetSettings(chrs(600.0)));
        st.apply(Action::ChoosePrepared(Some(id.clone())));
        let r = st.resolved.clone();
        assert!(r.comparing);
        assert_eq!(r.prepared_entry.as_ref().map(|e| &e.id), Some(&id));
        assert_ne!(*r.prepared, *r.baseline);
        assert!(Rc::ptr_eq(&r.network, &r.prepared));
        assert_eq!(st.choice.settings, chrs(600.0), "the levers stay");
        // An edit replaces the network; choosing a prepared scenario again forgets it.
        let mut edited = (*r.prepared).clone();
        edited.horizon_months = 24.0;
        st.apply(Action::Edit(edited.clone()));
        assert_eq!(*st.resolved.network, edited);
        assert_eq!(st.resolved.link.network.as_deref(), Some(&edited));
        st.apply(Action::ChoosePrepared(None));
        assert!(st.choice.edited.is_none());
        assert!(Rc::ptr_eq(&st.resolved.network, &st.resolved.baseline));
        // Another territory: everything else forgotten; the same one or none changes nothing.
        let other = st.index.territories[0].id.clone();
        st.apply(Action::ChooseTerritory(other.clone()));
        assert_eq!(st.choice, Choice::territory(other.clone()));
        let before = st.resolved.clone();
        st.apply(Action::ChooseTerritory(other));
        st.apply(Action::ChooseTerritory(String::new()));
        assert!(Rc::ptr_eq(&st.resolved, &before));
    }

    /// A state written as a link opens as the same choice (the two shapes of one state).
    #[test]
    fn a_choice_survives_its_link() {
        let mut st = state();
        let id = st.resolved.prepared_scenarios[1].id.clone();
        st.apply(Action::ChoosePrepared(Some(id)));
        st.apply(Action::SetSettings(chrs(700.0)));
        let fragment = link::encode(&st.resolved.link);
        let mut other = state();
        other.apply(Action::OpenLink(format!("#{fragment}")));
        assert_eq!(other.choice, st.choice);
        assert_eq!(other.resolved.scenario, st.resolved.scenario);
        assert!(other.notices.is_empty());
        // An edited network and a seed travel too.
        let mut edited = (*st.resolved.network).clone();
        edited.horizon_months = 30.0;
        st.apply(Action::Edit(edited));
        st.choice.run.seed = 7;
        let resolved = resolve(&st.index, &st.files, &st.choice, None);
        other.apply(Action::OpenLink(link::encode(&resolved.link)));
        assert_eq!(other.choice, st.choice);
    }

    fn marginal_ask() -> Analysis {
        use crate::analysis::{MarginalAsk, Objective};
        Analysis::Marginal(MarginalAsk {
            objective: Objective(crate::marginal::OBJECTIVES[1]),
            rank_by: crate::marginal::RankBy::Cost,
            replications: 20,
        })
    }

    /// The question asked is state: set and cleared by the reducer, kept across territories,
    /// carried by the link; a page opening it runs it once (`analysis_to_run`).
    #[test]
    fn an_analysis_is_set_carried_by_the_link_and_run_once_on_opening() {
        let mut st = state();
        st.apply(Action::SetAnalysis(Some(marginal_ask())));
        assert_eq!(st.choice.analysis, Some(marginal_ask()));
        assert_eq!(st.resolved.link.analysis, Some(marginal_ask()));
        assert!(
            !st.analysis_to_run,
            "asked here: the panel runs it on its click"
        );
        st.apply(Action::SetSettings(chrs(650.0)));
        let fragment = format!("#{}", link::encode(&st.resolved.link));
        // Opened in another page: the same choice, and the analysis to run once.
        let mut other = state();
        other.apply(Action::OpenLink(fragment.clone()));
        assert_eq!(other.choice, st.choice);
        assert!(other.analysis_to_run && other.notices.is_empty());
        other.apply(Action::AnalysisStarted);
        assert!(!other.analysis_to_run);
        // At start-up too (a fresh browser), even before the link's files are fetched.
        let fresh = started(&fragment);
        assert_eq!(fresh.choice, st.choice);
        assert!(fresh.analysis_to_run);
        // Another territory keeps the question; clearing it takes it out of the link.
        st.apply(Action::ChooseTerritory("lot".into()));
        assert_eq!(st.choice.territory, "lot");
        assert_eq!(st.resolved.link.analysis, Some(marginal_ask()));
        st.apply(Action::SetAnalysis(None));
        assert_eq!(st.resolved.link.analysis, None);
        // A link without one opens without one, and runs nothing.
        let mut other = state();
        other.apply(Action::OpenLink(link::encode(&st.resolved.link)));
        assert!(other.choice.analysis.is_none() && !other.analysis_to_run);
    }

    /// « Oublier cette analyse » on a page a link opened with one, even before its panel ran
    /// it: the link written afterwards, and so a library entry saved from it, carry none, and
    /// nothing runs later on its account.
    #[test]
    fn an_analysis_forgotten_leaves_the_link_and_is_not_run() {
        let mut st = state();
        st.apply(Action::SetSettings(chrs(650.0)));
        st.apply(Action::SetAnalysis(Some(marginal_ask())));
        let fragment = format!("#{}", link::encode(&st.resolved.link));
        let mut opened = started(&fragment);
        assert!(opened.analysis_to_run);
        opened.apply(Action::SetAnalysis(None));
        assert_eq!(opened.choice.analysis, None);
        assert_eq!(opened.resolved.link.analysis, None);
        assert!(!opened.analysis_to_run);
        assert_eq!(opened.choice.settings, st.choice.settings);
        let mut store = crate::library::MemoryStore::default();
        crate::library::save(
            &mut store,
            "Sans analyse",
            &link::encode(&opened.resolved.link),
            "2026-12-07T15:00:00.000Z",
            1,
            false,
        )
        .unwrap();
        let listing = crate::library::list(&store, Lang::Fr).unwrap();
        let entry = link::decode(&listing.entries[0].link).unwrap().unwrap();
        assert_eq!(entry.state.analysis, None);
        // A question asked afterwards runs on its click only.
        opened.apply(Action::SetAnalysis(Some(marginal_ask())));
        assert!(!opened.analysis_to_run);
    }

    #[test]
    fn a_link_with_a_malformed_analysis_opens_the_rest_and_names_the_field() {
        let mut st = state();
        st.apply(Action::SetSettings(chrs(650.0)));
        let mut bad = (*st.resolved.link).clone();
        let Analysis::Marginal(mut ask) = marginal_ask() else {
            unreachable!()
        };
        ask.replications = link::MAX_REPLICATIONS + 1;
        bad.analysis = Some(Analysis::Marginal(ask));
        let mut other = state();
        other.apply(Action::OpenLink(link::encode(&bad)));
        assert_eq!(other.choice, st.choice);
        assert!(!other.analysis_to_run);
        assert_eq!(other.notices.len(), 1);
        assert!(!other.notices[0].is_error(), "the link opened");
        let said = other.notices[0].message(Lang::Fr);
        assert!(said.contains("« marginal.replications »"), "{said}");
    }

    #[test]
    fn a_bad_link_is_said_and_changes_nothing() {
        let mut st = state();
        st.apply(Action::SetSettings(chrs(600.0)));
        let before = st.choice.clone();
        st.apply(Action::OpenLink("#v=9&s=abc".into()));
        assert_eq!(st.choice, before);
        assert_eq!(st.notices.len(), 1);
        assert!(st.notices[0].is_error());
        assert!(st.notices[0]
            .message(Lang::Fr)
            .starts_with("Lien illisible : version de lien inconnue"));
        st.apply(Action::DismissNotice(3));
        assert_eq!(st.notices.len(), 1);
        st.apply(Action::DismissNotice(0));
        assert!(st.notices.is_empty());
        // At start-up: the default territory, and the notice.
        let st = AppState::new(
            Rc::new(catalog::shipped::index()),
            catalog::shipped::all(),
            Lang::En,
            false,
            "#v=2",
        );
        assert_eq!(st.choice, Choice::territory(st.index.default.clone()));
        assert!(st.notices[0]
            .message(Lang::En)
            .starts_with("Unreadable link:"));
    }

    #[test]
    fn a_link_carrying_another_baseline_keeps_it() {
        let mut st = state();
        let mut baseline = (*st.resolved.baseline).clone();
        baseline.name.fr = "Autre référence".into();
        let state = link::State {
            baseline: Rc::new(baseline.clone()),
            ..(*st.resolved.link).clone()
        };
        st.apply(Action::OpenLink(link::encode(&state)));
        assert_eq!(st.notices, vec![Notice::BaselineCarried]);
        assert_eq!(*st.resolved.baseline, baseline);
        assert!(!st.resolved.comparing);
    }

    #[test]
    fn import_tabs_report_workshop() {
        let mut st = state();
        st.apply(Action::SetSettings(chrs(600.0)));
        let mut imported = (*st.resolved.baseline).clone();
        imported.horizon_months = 36.0;
        st.apply(Action::Import(imported.clone()));
        assert_eq!(*st.resolved.scenario, imported, "levers reset");
        assert_eq!(st.notices, vec![Notice::Imported]);
        st.apply(Action::SetTab(Tab::Editor));
        assert_eq!(st.tab.index(), 1);
        st.apply(Action::OpenReport);
        assert!(st.report_open);
        st.apply(Action::CloseReport);
        assert!(!st.report_open);
        let all: Vec<String> = st
            .resolved
            .prepared_scenarios
            .iter()
            .map(|v| v.id.clone())
            .collect();
        st.apply(Action::EnterWorkshop(Some(vec![
            all[5].clone(),
            all[1].clone(),
        ])));
        assert!(st.in_workshop);
        let shown: Vec<String> = st.workshop_scenarios().into_iter().map(|v| v.id).collect();
        assert_eq!(shown, vec![all[1].clone(), all[5].clone()]);
        st.apply(Action::LeaveWorkshop);
        assert!(!st.in_workshop);
    }

    /// A page that has fetched only what start-up needs (`start_files`).
    fn started(fragment: &str) -> AppState {
        let index = catalog::shipped::index();
        let files = AppState::start_files(&index, fragment)
            .files
            .into_iter()
            .map(|f| (f.clone(), Rc::new(catalog::shipped::scenario(&f))))
            .collect();
        AppState::new(Rc::new(index), files, Lang::Fr, false, fragment)
    }

    fn fetched(st: &mut AppState, file: &str) {
        let scenario = Rc::new(catalog::shipped::scenario(file));
        st.apply(Action::Loaded(file.into(), Ok(scenario)));
    }

    #[test]
    fn start_up_needs_the_default_territory_alone_or_what_a_link_names() {
        let index = catalog::shipped::index();
        let default = catalog::territory_file(&index, &index.default).unwrap();
        let plain = AppState::start_files(&index, "");
        assert_eq!(plain.files, vec![default.clone()]);
        assert!(plain.required);
        assert_eq!(
            AppState::start_files(&index, "#v=9&s=x").files,
            vec![default]
        );
        let mut st = state();
        let prepared = st.resolved.prepared_scenarios[0].clone();
        st.apply(Action::ChoosePrepared(Some(prepared.id.clone())));
        let fragment = format!("#{}", link::encode(&st.resolved.link));
        let needs = AppState::start_files(&index, &fragment);
        assert_eq!(needs.files[1], prepared.file);
        assert!(!needs.required, "a link opens without them");
        let opened = started(&fragment);
        assert_eq!(opened.choice, st.choice);
        assert!(opened.notices.is_empty());
        assert_eq!(opened.files.len(), 2);
        assert!(started("").missing().is_empty());
    }

    #[test]
    fn a_territory_waits_for_its_file_and_is_dropped_if_it_cannot_be_fetched() {
        let mut st = started("");
        let shown = st.resolved.clone();
        let tarn = st
            .index
            .territories
            .iter()
            .find(|t| t.id == "tarn")
            .unwrap()
            .clone();
        st.apply(Action::ChooseTerritory(tarn.id.clone()));
        assert!(
            Rc::ptr_eq(&st.resolved, &shown),
            "still the territory shown"
        );
        assert_eq!(st.missing(), vec![tarn.file.clone()]);
        // Another file arriving (the map's) changes nothing but the files.
        fetched(&mut st, "lot.json");
        assert_eq!(st.missing(), vec![tarn.file.clone()]);
        assert!(Rc::ptr_eq(&st.resolved, &shown));
        fetched(&mut st, &tarn.file);
        assert!(st.missing().is_empty() && st.pending.is_none());
        assert_eq!(st.choice, Choice::territory(tarn.id.clone()));
        assert_eq!(
            *st.resolved.baseline,
            catalog::shipped::scenario(&tarn.file)
        );
        // Back to a territory fetched before: at once.
        st.apply(Action::ChooseTerritory("lot".into()));
        assert!(st.pending.is_none());
        assert_eq!(st.choice.territory, "lot");
        // A file that cannot be fetched: the page stays, and says which file and why.
        let before = st.resolved.clone();
        st.apply(Action::ChooseTerritory("gers".into()));
        st.apply(Action::Loaded("gers.json".into(), Err("HTTP 404".into())));
        assert!(st.pending.is_none() && st.missing().is_empty());
        assert!(Rc::ptr_eq(&st.resolved, &before));
        let said = st.notices.last().unwrap().message(Lang::Fr);
        assert!(
            said.starts_with("Le fichier gers.json n'a pas pu être chargé (HTTP 404)"),
            "{said}"
        );
        // A failure of a file no longer waited for says nothing.
        st.apply(Action::Loaded("tarn.json".into(), Err("offline".into())));
        assert_eq!(st.notices.len(), 1);
    }

    #[test]
    fn a_prepared_scenario_waits_for_its_file() {
        let mut st = started("");
        let entry = st.resolved.prepared_scenarios[0].clone();
        st.apply(Action::SetSettings(chrs(600.0)));
        st.apply(Action::ChoosePrepared(Some(entry.id.clone())));
        assert_eq!(st.choice.prepared, None);
        assert_eq!(st.missing(), vec![entry.file.clone()]);
        fetched(&mut st, &entry.file);
        assert_eq!(st.choice.prepared, Some(entry.id));
        assert_eq!(st.choice.settings, chrs(600.0), "the levers stay");
        assert_eq!(
            *st.resolved.prepared,
            catalog::shipped::scenario(&entry.file)
        );
    }

    #[test]
    fn a_link_opens_with_its_own_baseline_when_the_file_cannot_be_fetched() {
        let full = state();
        let mut tarn = state();
        tarn.apply(Action::ChooseTerritory("tarn".into()));
        tarn.apply(Action::SetSettings(chrs(500.0)));
        let fragment = link::encode(&tarn.resolved.link);
        // Fetched: the same choice as the page that wrote it, nothing to say.
        let mut st = started("");
        st.apply(Action::OpenLink(fragment.clone()));
        assert_eq!(st.missing(), vec!["tarn.json".to_string()]);
        fetched(&mut st, "tarn.json");
        assert_eq!(st.choice, tarn.choice);
        assert!(st.notices.is_empty());
        // Not fetched: it opens all the same, its baseline carried, and the page says why.
        let mut st = started("");
        st.apply(Action::OpenLink(fragment));
        st.apply(Action::Loaded("tarn.json".into(), Err("offline".into())));
        assert_eq!(st.resolved.scenario, tarn.resolved.scenario);
        assert_eq!(st.choice.carried.as_deref(), Some(&*tarn.resolved.baseline));
        assert!(matches!(st.notices[0], Notice::Unavailable { .. }));
        assert_eq!(st.notices[1], Notice::BaselineCarried);
        assert!(full.pending.is_none());
    }
}
