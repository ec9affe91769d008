//! Embed mode (`?embed=<view>`): one view of Parcours in a partner's page, with minimal chrome,
//! sized by its frame, and the messages to and from the host page (see README, « Intégrer /
//! Embedding»). What the messages hold and how they are checked is
//! `parcours_core::present::messages`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::insight::answers::Answers;
use parcours_core::levers::{Lever, LeverId, PlaceStage, Settings};
use parcours_core::measures::UNSHELTERED_SERIES;
use parcours_core::present::messages::{
    error_message, headline_values, parse_inbound, ready_message, results_message, set_lever,
    Inbound, Rejected,
};
use parcours_core::present::query::{select_levers, EmbedParams, Problem, View};
use parcours_core::runs::Results;
use parcours_core::state::Same;
use parcours_engine::Scenario;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::components::chart_cards::fan;
use crate::components::{
    Cards, DataTableView, Diagram, FanChart, LeversPanel, RunAsk, RunProgressBar, Table,
};
use crate::plot::FanText;
use crate::web::address::page_base;
use parcours_core::data_tables::fan_table;

/// Ignored messages logged to the console (the count goes on in `data-ignored-messages`).
const IGNORED_LOGGED: u32 = 10;
/// How often the count of ignored messages is shown, at most, in ms.
const IGNORED_SHOWN_MS: u32 = 100;
/// Largest message read from the host (as JSON text): a lever and its value take 100 bytes.
const MAX_MESSAGE_BYTES: usize = 4096;

/// The frame's parent window, if the page is in a frame.
fn parent() -> Option<web_sys::Window> {
    let window = gloo_utils::window();
    window
        .parent()
        .ok()
        .flatten()
        .filter(|p| !js_sys::Object::is(p, &window))
}

fn to_js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

/// Posts a message to the host page: to each trusted origin, or to any (`*`) without `trust=`.
fn post(message: &Value, trust: &[String]) {
    let Some(parent) = parent() else { return };
    let data = to_js(message);
    // The parent's origin where the browser tells it (`location.ancestorOrigins`, Chromium and
    // Safari): only the trusted origin that is the parent's is posted to, since a message to
    // another one is dropped with a console error.
    let parent_origin =
        js_sys::Reflect::get(&gloo_utils::window().location(), &"ancestorOrigins".into())
            .ok()
            .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
            .and_then(|o| o.as_string());
    let targets: Vec<&str> = if trust.is_empty() {
        vec!["*"]
    } else {
        trust
            .iter()
            .map(String::as_str)
            .filter(|o| parent_origin.as_deref().is_none_or(|p| p == *o))
            .collect()
    };
    for origin in targets {
        let _ = parent.post_message(&data, origin);
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub params: Rc<EmbedParams>,
    /// The address's bad parameters.
    pub problems: Rc<Vec<Problem>>,
    pub lang: Lang,
    pub on_lang: Callback<Lang>,
    pub levers: Rc<Vec<Lever>>,
    /// Place stages (for the levers' panel).
    pub stages: Rc<Vec<PlaceStage>>,
    pub settings: Settings,
    pub on_settings: Callback<Settings>,
    pub results: Results,
    /// What the diagram draws: the scenario when comparing, else the baseline.
    pub scenario: Same<Scenario>,
    /// Name of what runs, in the current language.
    pub name: AttrValue,
    /// The note, the bottleneck and « why it moved », as the page says them.
    #[prop_or_default]
    pub answers: Rc<Answers>,
    /// Runs a run waiting for a go-ahead (above the page's limit), or drops it.
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// The latest props, for the message listener registered once.
#[derive(Clone)]
struct Latest {
    lang: Lang,
    levers: Rc<Vec<Lever>>,
    settings: Settings,
    on_lang: Callback<Lang>,
    on_settings: Callback<Settings>,
}

#[function_component(Embed)]
pub fn embed(props: &EmbedProps) -> Html {
    let lang = props.lang;
    let params = props.params.clone();
    let ignored = use_state(|| 0u32);
    let ignored_count = use_mut_ref(|| 0u32);
    let latest = use_mut_ref(|| None as Option<Latest>);
    *latest.borrow_mut() = Some(Latest {
        lang,
        levers: props.levers.clone(),
        settings: props.settings.clone(),
        on_lang: props.on_lang.clone(),
        on_settings: props.on_settings.clone(),
    });

    // Messages from the host: only from a trusted origin, and only from the parent window.
    // Thousands of messages cost no more than a few renders: an ignored one only counts (the
    // count is shown at most every IGNORED_SHOWN_MS, the first few logged), and the lever
    // settings of a burst of trusted ones are applied once, after the burst's task.
    {
        let (params, latest, ignored, ignored_count) = (
            params.clone(),
            latest.clone(),
            ignored.clone(),
            ignored_count.clone(),
        );
        use_effect_with((), move |_| {
            let showing: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let queued: Rc<RefCell<Option<Settings>>> = Rc::default();
            let applying: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let listener = EventListener::new(&gloo_utils::window(), "message", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                let origin = e.origin();
                let from_parent = match (e.source(), parent()) {
                    (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
                    _ => false,
                };
                let ignore = |why: &str| {
                    let count = {
                        let mut count = ignored_count.borrow_mut();
                        *count += 1;
                        *count
                    };
                    if count <= IGNORED_LOGGED {
                        web_sys::console::debug_1(
                            &format!("Parcours: message from {origin} ignored: {why}").into(),
                        );
                    }
                    if showing.borrow().is_none() {
                        let (ignored, count, showing_) =
                            (ignored.clone(), ignored_count.clone(), showing.clone());
                        *showing.borrow_mut() = Some(Timeout::new(IGNORED_SHOWN_MS, move || {
                            showing_.borrow_mut().take();
                            ignored.set(*count.borrow());
                        }));
                    }
                };
                if !params.trust.contains(&origin) {
                    return ignore("origin not in trust=");
                }
                if !from_parent {
                    return ignore("not sent by the parent window");
                }
                let text = js_sys::JSON::stringify(&e.data())
                    .ok()
                    .and_then(|s| s.as_string());
                if text.as_ref().is_some_and(|t| t.len() > MAX_MESSAGE_BYTES) {
                    return ignore("too large");
                }
                let data: Option<Value> = text.and_then(|s| serde_json::from_str(&s).ok());
                // A copy: applying a message re-renders this component, which writes `latest`.
                let Some(latest) = latest.borrow().clone() else {
                    return;
                };
                let reply_invalid = |invalid| {
                    let message = error_message(latest.lang, &invalid);
                    if let Some(parent) = parent() {
                        let _ = parent.post_message(&to_js(&message), &origin);
                    }
                };
                match parse_inbound(data.as_ref()) {
                    Ok(Inbound::SetLang(l)) => latest.on_lang.emit(l),
                    Ok(Inbound::SetLever { lever, value }) => {
                        let base = queued.borrow().clone().unwrap_or(latest.settings.clone());
                        match set_lever(&latest.levers, &base, &lever, value) {
                            Ok(settings) => {
                                *queued.borrow_mut() = Some(settings);
                                if applying.borrow().is_none() {
                                    let (queued, applying_) = (queued.clone(), applying.clone());
                                    let on_settings = latest.on_settings.clone();
                                    *applying.borrow_mut() = Some(Timeout::new(0, move || {
                                        applying_.borrow_mut().take();
                                        if let Some(settings) = queued.borrow_mut().take() {
                                            on_settings.emit(settings);
                                        }
                                    }));
                                }
                            }
                            Err(invalid) => reply_invalid(invalid),
                        }
                    }
                    Err(Rejected::Invalid(invalid)) => reply_invalid(invalid),
                    Err(Rejected::Ignored(why)) => ignore(&why),
                }
            });
            move || drop(listener)
        });
    }
    // Ready once mounted.
    {
        let (params, trust) = (params.clone(), params.trust.clone());
        use_effect_with((), move |_| post(&ready_message(lang, params.view), &trust));
    }
    // Results once a run is complete (baseline alone, or baseline and scenario).
    {
        let trust = params.trust.clone();
        let r = props.results.clone();
        use_effect_with(
            (r, lang, props.name.clone(), props.answers.clone()),
            move |(r, lang, name, answers)| {
                let (done, total) = (r.done(), r.total());
                if r.complete() && r.base.summary.is_some() {
                    let scen = r.scen_summary();
                    let headlines = headline_values(
                        *lang,
                        r.base.summary.as_deref(),
                        scen.as_deref(),
                        r.comparison.as_deref(),
                    );
                    post(
                        &results_message(*lang, true, done, total, name, &headlines, answers),
                        &trust,
                    );
                }
            },
        );
    }

    let available: Vec<LeverId> = props.levers.iter().map(|l| l.id.clone()).collect();
    let (shown, unknown) = select_levers(params.levers.as_deref(), &available);
    let problems = props
        .problems
        .iter()
        .cloned()
        .chain(
            (!unknown.is_empty() && params.view == View::Simulator)
                .then_some(Problem::UnknownLevers(unknown)),
        )
        .map(|p| p.text(lang))
        .collect::<Vec<_>>();
    let r = &props.results;
    let base = r.base.summary.clone();
    let scen = r.scen_summary();
    let errors: Vec<String> = r
        .errors()
        .map(|error| t(lang, Msg::RunFailed { error }).into_owned())
        .collect();
    let diagram = html! {
        <Diagram {lang} brief=true scenario={props.scenario.clone()}
            summary={if scen.is_some() { scen.clone() } else { base.clone() }} />
    };
    // The cards' titles are h3: an h2 names them in a frame of their own.
    let cards = html! { <><h2 class="visually-hidden">{ t(lang, Msg::KeyFigures) }</h2><Cards {lang} base={base.clone()} scen={scen.clone()} comparison={r.comparison.clone()}
    complete={r.complete()} answers={props.answers.clone()} /></> };
    let body = match params.view {
        View::Diagram => diagram,
        View::Cards => cards,
        View::Chart => {
            let (data, overlay) = (
                fan(&base, &UNSHELTERED_SERIES.key()),
                fan(&scen, &UNSHELTERED_SERIES.key()),
            );
            let title = t(lang, Msg::UnshelteredTitle);
            let table = data.clone().map(|b| {
                let (title, overlay) = (title.clone().into_owned(), overlay.clone());
                Table::on_open(b, move |b| fan_table(lang, &title, b, overlay.as_deref()))
            });
            let label = t(
                lang,
                Msg::ChartCanvasLabel {
                    title: &title,
                    comparing: overlay.is_some(),
                },
            );
            html! { <>
                <h2 class="embed-chart-title" id="embed-chart-title">{ title.clone() }</h2>
                <FanChart id="unsheltered-chart" {data} {overlay}
                    text={FanText::unsheltered(lang)} label={label.into_owned()} />
                <DataTableView {lang} {table} id="unsheltered-data" />
            </> }
        }
        View::Simulator => {
            let levers: Vec<Lever> = shown
                .iter()
                .filter_map(|id| props.levers.iter().find(|l| &l.id == id).cloned())
                .collect();
            html! {
                // The levers beside the cards, the diagram under both, the frame's whole width.
                // Not `embed-simulator`: that is the frame's own class (the view's name).
                <div class="simulator-grid">
                    <div class="embed-levers">
                        <LeversPanel {lang} levers={Rc::new(levers)} stages={props.stages.clone()}
                            settings={props.settings.clone()} on_change={props.on_settings.clone()} openings={false} />
                    </div>
                    <div class="embed-results">{ cards }</div>
                    <div class="embed-figure">{ diagram }</div>
                </div>
            }
        }
    };
    let open_full = Callback::from(move |e: MouseEvent| {
        // The address at the click: the scenario's fragment follows every change.
        if let Some(a) = e
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            let hash = gloo_utils::window().location().hash().unwrap_or_default();
            a.set_href(&format!("{}?lang={}{hash}", page_base(), lang.code()));
        }
    });
    html! {
        <div class={classes!("embed", format!("embed-{}", params.view.code()))} id="embed"
            data-view={params.view.code()} data-ignored-messages={ignored.to_string()}>
            if !problems.is_empty() {
                <ul class="embed-problems" id="embed-problems" role="status">
                    { for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }
                </ul>
            }
            { for errors.iter().map(|e| html! { <p class="error" role="alert">{ e.clone() }</p> }) }
            // A frame is a page of its own: a title, and every part in a landmark.
            <section class="embed-progress" aria-label={t(lang, Msg::Simulation)}>
                <RunAsk {lang} results={r.clone()} on_confirm={props.on_confirm.clone()}
                    on_cancel={props.on_cancel.clone()} />
                <RunProgressBar {lang} done={r.done()} total={r.total()} />
            </section>
            <main class="embed-body">
                <h1 class="visually-hidden">{ format!("Parcours · {}", props.name) }</h1>
                { body }
            </main>
            <footer class="embed-credit">
                <a href={format!("{}?lang={}", page_base(), lang.code())} target="_blank" rel="noopener"
                    id="embed-credit" onclick={open_full}>{ "Parcours ↗" }</a>
                <span class="embed-name">{ " · " }{ props.name.clone() }</span>
            </footer>
        </div>
    }
}
