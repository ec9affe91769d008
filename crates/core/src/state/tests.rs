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
