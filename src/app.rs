//! The page: first the catalogue's list and the files the address shows are fetched ([`App`],
//! « chargement… » then the page, or an error naming the file); then its state is
//! `parcours_core::state::AppState`, changed only by dispatching an `Action`; its effects are the
//! hooks (`hooks/`: runs, address, map, catalogue); [`Main`] is the composition.
//! The territory's baseline runs at start-up; levers, a prepared scenario or the advanced editor
//! make a scenario that runs against it (same seed, same replication indices).

use std::rc::Rc;

use parcours_core::analysis::{Analysis, MarginalAsk, MARGINAL_REPLICATIONS};
use parcours_core::catalog::{Files, Index};
use parcours_core::i18n::{t, Localized, Msg};
use parcours_core::insight::answers::{answers, change_text, Runs};
use parcours_core::insight::bottleneck::summary_neck_brief;
use parcours_core::present::query::parse_query;
use parcours_core::preview::{self, Preview, Simulated};
use parcours_core::report_text::{marginal_section, optimise_section, seek_section};
use parcours_core::state::{Action, AppState, Same, Tab};
use yew::prelude::*;

use crate::components::{
    Cards, Charts, Diagram, Editor, Embed, ExportBar, Header, HelpDialogs, LeversPanel,
    MarginalPanel, Notices, OptimisePanel, PresentActions, Report, RunBar, RunErrors,
    ScenarioChoice, SeekPanel, SettingsTabs, SharePanel, SkipLink, TerritoryMap, Workshop,
    RESULTS_ID,
};
use crate::hooks::{
    use_address, use_catalog_files, use_decide, use_document_lang, use_map, use_marginal, use_runs,
    DecideState, MarginalState, DECIDE_REPLICATIONS,
};
use crate::web::address::{forget_mode, hash, initial_lang, query_pairs};
use crate::web::fullscreen::request_fullscreen;

/// The page's state as a Yew reducer.
#[derive(PartialEq)]
struct Page(AppState);

impl Reducible for Page {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        Rc::new(Page(next))
    }
}

/// A callback that dispatches `action(value)`, the same across renders (so the components it is
/// given to do not re-render for it).
#[hook]
fn use_action<T: 'static>(page: &UseReducerHandle<Page>, action: fn(T) -> Action) -> Callback<T> {
    let dispatcher = page.dispatcher();
    use_callback((), move |value: T, _| dispatcher.dispatch(action(value)))
}

/// Where the start-up fetch is.
#[derive(Clone, PartialEq)]
enum Start {
    /// Fetching these files (`index.json` first).
    Loading(String),
    /// A file the page cannot start without could not be fetched: which, and why.
    Failed {
        file: String,
        reason: String,
    },
    Ready(Rc<Index>, Rc<Files>),
}

/// The page at start-up: fetches `index.json` and the files the address shows (the default
/// territory, or what a link names), saying so, then shows [`Main`]; or says which file failed.
#[function_component(App)]
pub fn app() -> Html {
    let lang = use_memo((), |_| initial_lang());
    let start = use_state(|| Start::Loading(parcours_core::catalog::INDEX_FILE.to_string()));
    {
        let start = start.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let index = match crate::web::catalog::index().await {
                    Ok(index) => Rc::new(index),
                    Err(reason) => {
                        let file = parcours_core::catalog::INDEX_FILE.to_string();
                        return start.set(Start::Failed { file, reason });
                    }
                };
                let needs = AppState::start_files(&index, &hash());
                start.set(Start::Loading(needs.files.join(", ")));
                crate::web::catalog::files(needs.files, move |outcomes| {
                    let mut files = Files::new();
                    for (path, fetched) in outcomes {
                        match fetched {
                            Ok(scenario) => {
                                files.insert(path, scenario);
                            }
                            Err(reason) if needs.required => {
                                return start.set(Start::Failed { file: path, reason })
                            }
                            // A link opens without it (its baseline carried).
                            Err(_) => {}
                        }
                    }
                    start.set(Start::Ready(index, Rc::new(files)));
                });
            });
        });
    }
    let lang = *lang;
    use_document_lang(lang);
    match &*start {
        Start::Ready(index, files) => {
            html! { <Main index={index.clone()} files={files.clone()} /> }
        }
        Start::Loading(files) => html! {
            <main class="catalog-status" aria-busy="true">
                <h1>{ "Parcours" }</h1>
                <p id="catalog-loading" role="status">{ t(lang, Msg::CatalogLoading { files }) }</p>
            </main>
        },
        Start::Failed { file, reason } => html! {
            <main class="catalog-status">
                <h1>{ "Parcours" }</h1>
                <p id="catalog-error" class="error" role="alert">{ t(lang, Msg::CatalogUnavailable { file, reason }) }</p>
            </main>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct MainProps {
    pub index: Rc<Index>,
    /// The shipped files fetched at start-up.
    pub files: Rc<Files>,
}

/// The page once its start-up files are fetched.
#[function_component(Main)]
pub fn main_page(props: &MainProps) -> Html {
    // `?embed=…` (a view in a partner's page) or `?mode=atelier` (workshop).
    let query = use_memo((), |_| parse_query(&query_pairs()));
    let page = {
        let workshop = query.workshop;
        let (index, files) = (props.index.clone(), (*props.files).clone());
        use_reducer(move || {
            Page(AppState::new(
                index,
                files,
                initial_lang(),
                workshop,
                &hash(),
            ))
        })
    };
    use_catalog_files(&page.0.missing(), page.dispatcher());
    let state = &page.0;
    let (lang, resolved) = (state.lang, state.resolved.clone());

    let on_lang = use_action(&page, Action::SetLang);
    let on_territory = use_action(&page, Action::ChooseTerritory);
    let on_prepared = use_action(&page, Action::ChoosePrepared);
    let on_edit = use_action(&page, Action::Edit);
    let on_settings = use_action(&page, Action::SetSettings);
    let on_import = use_action(&page, Action::Import);
    let open_link = use_action(&page, Action::OpenLink);
    let on_dismiss = use_action(&page, Action::DismissNotice);
    let on_tab = use_action(&page, Action::SetTab);
    let on_report = use_action(&page, |()| Action::OpenReport);
    let on_report_close = use_action(&page, |()| Action::CloseReport);
    let enter_workshop = use_action(&page, Action::EnterWorkshop);
    let leave_workshop = use_action(&page, |()| Action::LeaveWorkshop);
    // Full screen is asked in the click itself (browsers grant it only during a user gesture).
    let on_workshop = Callback::from(move |pick| {
        request_fullscreen();
        enter_workshop.emit(pick)
    });
    let on_workshop_exit = Callback::from(move |()| {
        forget_mode();
        leave_workshop.emit(())
    });

    let runs = use_runs(&resolved, state.choice.run);
    let startup_error = state.notices.iter().any(|n| n.is_error());
    let address = use_address(resolved.link.clone(), startup_error, open_link);
    // The map's runs start when its section is about to be seen (an embedded view has none).
    let map_section = use_node_ref();
    let map = use_map(state.index.clone(), &resolved, &runs.results, &map_section);
    use_document_lang(lang);
    // « Où agir ? » asks the state's question (its panel's defaults when it holds another);
    // one a link brought runs once the page's own run is over.
    let marginal_ask = MarginalAsk::of(state.choice.analysis.as_ref());
    let set_analysis = use_action(&page, Action::SetAnalysis);
    let analysis_started = use_action(&page, |()| Action::AnalysisStarted);
    let marginal_now = state.analysis_to_run
        && matches!(state.choice.analysis, Some(Analysis::Marginal(_)))
        && runs.results.complete();
    // One worker pool for the decision questions (one runs at a time).
    let analysis_pool = (*use_memo((), |_| crate::analysis_pool::AnalysisPool::new())).clone();
    let marginal = use_marginal(
        resolved.network.clone(),
        state.choice.settings.clone(),
        resolved.scenario.clone(),
        state.choice.run.seed,
        MarginalState {
            ask: marginal_ask.clone(),
            set_ask: set_analysis.clone(),
            run_now: marginal_now,
            started: analysis_started.clone(),
        },
        analysis_pool.clone(),
    );
    // The counts offered, and the one a link asked for if it is not among them.
    let marginal_choices: Rc<Vec<u64>> = Rc::new(
        MARGINAL_REPLICATIONS
            .iter()
            .copied()
            .chain(
                (!MARGINAL_REPLICATIONS.contains(&marginal_ask.replications))
                    .then_some(marginal_ask.replications),
            )
            .collect(),
    );
    // A lever's step applied from its value now, through the reducer.
    let on_apply_step = {
        let (network, settings, on_settings) = (
            resolved.network.clone(),
            state.choice.settings.clone(),
            on_settings.clone(),
        );
        Callback::from(move |step: parcours_core::marginal::Step| {
            if let Some(s) = parcours_core::marginal::apply_step(&network, &settings, &step) {
                on_settings.emit(s);
            }
        })
    };
    let marginal_stale = marginal
        .view
        .of
        .as_ref()
        .is_some_and(|of| !Rc::ptr_eq(of, &resolved.scenario));
    // The analyses computed, for the report: « Où agir ? »'s ranking, then target seeking's and
    // the optimiser's answers (below, once their hook has run), each an `AnalysisSection`.
    let mut analyses = marginal
        .view
        .ranking
        .as_deref()
        .map(|ranking| {
            marginal_section(
                lang,
                &marginal_ask,
                ranking,
                marginal.view.total,
                marginal_stale,
            )
        })
        .into_iter()
        .collect::<Vec<_>>();
    let decide = use_decide(
        resolved.network.clone(),
        state.choice.settings.clone(),
        resolved.scenario.clone(),
        state.choice.run.seed,
        analysis_pool,
        DecideState {
            analysis: state.choice.analysis.clone(),
            set_analysis,
            // A link's target or budget question runs, as « Où agir ? »'s, once the page's
            // own run is over.
            run_now: state.analysis_to_run
                && matches!(
                    state.choice.analysis,
                    Some(Analysis::Seek(_) | Analysis::Optimise(_))
                )
                && runs.results.complete(),
            started: analysis_started,
            on_settings: on_settings.clone(),
        },
    );
    let stale = |of: &Option<parcours_core::state::Same<parcours_engine::Scenario>>| {
        of.as_ref()
            .is_some_and(|of| !Rc::ptr_eq(of, &resolved.scenario))
    };
    let (seek_stale, optimise_stale) = (stale(&decide.seek.of), stale(&decide.optimise.of));
    if let Some(seek) = &decide.seek.seek {
        analyses.push(seek_section(lang, seek, seek_stale));
    }
    if let (Some(p), Some(f), Some(sel)) = (
        &decide.optimise.problem,
        &decide.optimise.found,
        &decide.optimise.selection,
    ) {
        analyses.push(optimise_section(lang, p, f, sel, optimise_stale));
    }
    let analyses = Rc::new(analyses);
    // One question at a time: starting one stops the others (their answers so far stay).
    let (run_marginal, run_seek, run_optimise) = {
        let (m_cancel, d_cancel) = (marginal.cancel.clone(), decide.cancel.clone());
        let (m_run, s_run, o_run) = (
            marginal.run.clone(),
            decide.run_seek.clone(),
            decide.run_optimise.clone(),
        );
        let d = d_cancel.clone();
        let m = m_cancel.clone();
        (
            Callback::from(move |()| {
                d.emit(());
                m_run.emit(())
            }),
            Callback::from(move |()| {
                m.emit(());
                s_run.emit(())
            }),
            Callback::from(move |()| {
                m_cancel.emit(());
                o_run.emit(())
            }),
        )
    };
    let decide_choices = Rc::new(DECIDE_REPLICATIONS.to_vec());
    // « Oublier cette analyse » in the panel of the question the state carries.
    let carried = state.choice.analysis.as_ref();
    let forget_marginal =
        matches!(carried, Some(Analysis::Marginal(_))).then(|| marginal.forget.clone());
    let forget_seek = matches!(carried, Some(Analysis::Seek(_))).then(|| decide.forget.clone());
    let forget_optimise =
        matches!(carried, Some(Analysis::Optimise(_))).then(|| decide.forget.clone());

    let r = &runs.results;
    let (base, scen) = (r.base.summary.clone(), r.scen_summary());
    // The instant preview (MODEL.md 16.6): the fluid approximation of the scenario shown, on the
    // main thread (ARCHITECTURE.md: measured under a frame in WebAssembly), until its
    // simulation answers; a compared scenario's anchored on the baseline's simulated figures.
    // During a drag the scenario's run shown is an earlier scenario's.
    let estimate = use_memo(Same(resolved.scenario.clone()), |s| {
        preview::evaluate(s).map(Rc::new)
    });
    let base_estimate = use_memo(Same(resolved.baseline.clone()), |s| {
        preview::evaluate(s).map(Rc::new)
    });
    let (shown_estimate, shown_run, baseline) = if resolved.comparing {
        let current = runs
            .scenario_run
            .as_ref()
            .is_some_and(|s| Rc::ptr_eq(s, &resolved.scenario));
        let baseline = preview::Baseline {
            estimate: (*base_estimate).as_ref(),
            summary: base.as_ref(),
        };
        (
            &estimate,
            r.scen.as_ref().filter(|_| current),
            Some(baseline),
        )
    } else {
        (&base_estimate, Some(&r.base), None)
    };
    let preview = Rc::new(Preview::new(
        (**shown_estimate).as_ref(),
        baseline,
        Simulated::of(shown_run, r.cancelled),
    ));
    let approx_warning: AttrValue = preview
        .warning(lang, resolved.shown())
        .unwrap_or_default()
        .into();
    let shown = resolved.shown().clone();
    let shown_summary = if resolved.comparing {
        scen.clone()
    } else {
        base.clone()
    };
    let problems = Rc::new(query.problems.clone());
    // What the page says about the runs: the same in the cards, the workshop, the embed and the report.
    let answers = Rc::new(answers(
        lang,
        &resolved,
        &state.choice.settings,
        Runs {
            base: base.as_deref(),
            scen: scen.as_deref(),
            comparison: r.comparison.as_deref(),
            complete: r.complete(),
        },
    ));

    if let Some(params) = &query.embed {
        return html! {
            <Embed params={Rc::new(params.clone())} {problems} {lang} {on_lang}
                levers={resolved.levers.clone()} stages={resolved.place_stages.clone()}
                settings={state.choice.settings.clone()} {on_settings} results={r.clone()}
                scenario={Same(shown.clone())} name={shown.name.text(lang).to_string()} answers={answers.clone()}
                on_confirm={runs.confirm.clone()} on_cancel={runs.cancel.clone()} />
        };
    }
    let baseline_name = resolved.baseline.name.text(lang).to_string();
    let missing = state.missing();
    let loading = (!missing.is_empty()).then(|| {
        t(
            lang,
            Msg::CatalogLoading {
                files: &missing.join(", "),
            },
        )
        .into_owned()
    });
    // The header names what the results show: the compared scenario while there is one.
    let shown_name = if resolved.comparing {
        let change = change_text(
            lang,
            &resolved.levers,
            &state.choice.settings,
            resolved.prepared_entry.as_ref().map(|p| p.label.text(lang)),
        );
        t(lang, Msg::ComparedScenario { change: &change }).into_owned()
    } else {
        baseline_name.clone()
    };
    let bottleneck: AttrValue = shown_summary
        .as_ref()
        .map(|s| summary_neck_brief(lang, &shown, s))
        .unwrap_or_default()
        .into();
    let levers = html! {
        <LeversPanel {lang} levers={resolved.levers.clone()} stages={resolved.place_stages.clone()}
            settings={state.choice.settings.clone()} on_change={on_settings} />
    };
    let editor =
        html! { <Editor scenario={Same(resolved.network.clone())} {lang} on_change={on_edit} /> };
    // The layout (layout.css): a toolbar of file actions; the results' summary (progress, cards,
    // bottleneck) and the settings side by side, each scrolling on its own on a wide screen, so a
    // lever and its effect are in view together; on a phone the summary first, then the settings,
    // then the rest of the results.
    html! {
        <>
        <div class={classes!("app", state.report_open.then_some("reporting"))} inert={state.in_workshop}
            data-scenario-run={r.scen.as_ref().map(|s| s.run.to_string())}>
            <SkipLink {lang} />
            <Header {lang} scenario={shown_name} {on_lang}>
                <HelpDialogs {lang} scenario={Same(resolved.baseline.clone())} />
            </Header>
            <div class={classes!("layout", (state.tab == Tab::Editor).then_some("editing"))}>
                <section class="toolbar" aria-label={t(lang, Msg::FileActions)}>
                    <SharePanel {lang} link={address.current_link} scenario={Same(resolved.scenario.clone())}
                        baseline={Same(resolved.baseline.clone())} {on_import} on_open={address.open_entry} />
                    <ExportBar {lang} baseline={Same(resolved.baseline.clone())}
                        scenario={resolved.comparing.then(|| Same(resolved.scenario.clone()))}
                        base={base.clone()} scen={scen.clone()} comparison={r.comparison.clone()} complete={r.complete()} {on_report} />
                    <PresentActions {lang} levers={resolved.levers.clone()} workshop={state.in_workshop}
                        prepared={resolved.prepared_scenarios.clone()} {on_workshop} problems={problems.clone()} />
                </section>
                <div class="workbench">
                    <section class="summary" id={RESULTS_ID} tabindex="-1" aria-label={t(lang, Msg::ResultsSummary)}>
                        <RunBar {lang} results={r.clone()} comparing={resolved.comparing} seed={state.choice.run.seed}
                            on_cancel={runs.cancel.clone()} on_confirm={runs.confirm.clone()} />
                        if let Some(loading) = loading {
                            <p id="catalog-loading" class="catalog-loading" role="status">{ loading }</p>
                        }
                        <Notices {lang} notices={state.notices.clone()} {on_dismiss} />
                        <RunErrors {lang} results={r.clone()} />
                        <Cards {lang} base={base.clone()} scen={scen.clone()} comparison={r.comparison.clone()}
                            complete={r.complete()} answers={answers.clone()} {bottleneck}
                            preview={preview.clone()} {approx_warning} />
                    </section>
                    <aside class="sidebar" aria-label={t(lang, Msg::Settings)}>
                        <ScenarioChoice {lang} index={state.index.clone()} territory={state.choice.territory.clone()}
                            prepared={resolved.prepared_scenarios.clone()} chosen={state.choice.prepared.clone()}
                            on_territory={on_territory.clone()} on_prepared={on_prepared.clone()} />
                        <SettingsTabs {lang} tab={state.tab} {on_tab} {levers} {editor} />
                    </aside>
                </div>
                <main class="content">
                    <section class="card" aria-labelledby="diagram-title">
                        <h2 id="diagram-title">{ t(lang, Msg::ThePathway) }<span class="subtitle">{
                            t(lang, if resolved.comparing { Msg::SubtitleScenario } else { Msg::SubtitleBaseline }) }</span></h2>
                        <Diagram {lang} scenario={Same(shown.clone())} summary={shown_summary.clone()} />
                    </section>
                    <MarginalPanel {lang} view={marginal.view.clone()} stale={marginal_stale}
                        objective={marginal_ask.objective.0} rank_by={marginal_ask.rank_by}
                        replications={marginal_ask.replications} choices={marginal_choices}
                        on_run={run_marginal} on_cancel={marginal.cancel} on_objective={marginal.choose_objective}
                        on_rank_by={marginal.choose_rank_by} on_replications={marginal.choose_replications}
                        on_apply={on_apply_step} on_forget={forget_marginal} />
                    <SeekPanel {lang} ask={decide.seek_ask} levers={resolved.levers.clone()} settings={state.choice.settings.clone()} default_by={decide.default_by} view={decide.seek}
                        stale={seek_stale} choices={decide_choices.clone()} on_ask={decide.set_seek}
                        on_run={run_seek} on_cancel={decide.cancel.clone()} on_apply={decide.apply_seek}
                        on_forget={forget_seek} />
                    <OptimisePanel {lang} ask={decide.optimise_ask} levers={resolved.levers.clone()} settings={state.choice.settings.clone()} view={decide.optimise}
                        stale={optimise_stale} choices={decide_choices} on_ask={decide.set_optimise}
                        on_run={run_optimise} on_cancel={decide.cancel} on_apply={decide.apply_optimise}
                        on_forget={forget_optimise} />
                    <TerritoryMap {lang} index={state.index.clone()} figures={map.figures} started={map.started} section={map_section}
                        selected={state.choice.territory.clone()} on_select={on_territory}
                        confirm={resolved.comparing} />
                    <Charts {lang} territory={resolved.baseline.territory.name.clone()}
                        stages={resolved.place_stages.clone()} base={base.clone()} scen={scen.clone()}
                        preview={preview.clone()} />
                    <footer class="footer">
                        <p>{ t(lang, Msg::Footer) }</p>
                        <p class="credits">{ t(lang, Msg::Credits) }</p>
                    </footer>
                </main>
            </div>
            if state.report_open {
                <Report {lang} baseline={Same(resolved.baseline.clone())} prepared={Same(resolved.prepared.clone())}
                    network={Same(resolved.network.clone())} scenario={Same(resolved.scenario.clone())}
                    comparing={resolved.comparing} levers={resolved.levers.clone()}
                    settings={state.choice.settings.clone()} prepared_entry={resolved.prepared_entry.clone()}
                    results={r.clone()} seed={state.choice.run.seed} on_close={on_report_close}
                    answers={answers.clone()} {analyses} />
            }
        </div>
        if state.in_workshop {
            <Workshop {lang} prepared={Rc::new(state.workshop_scenarios())} active={state.choice.prepared.clone()}
                {on_prepared} on_exit={on_workshop_exit} results={r.clone()} territory={baseline_name}
                scenario={Same(shown)} summary={shown_summary} {answers}
                marginal={marginal.view} marginal_stale={marginal_stale} on_marginal_run={marginal.run} />
        }
        </>
    }
}
