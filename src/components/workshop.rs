//! Workshop mode: full screen, high contrast, large type; the pathway diagram and three headline
//! figures of up to four prepared scenarios, chosen with the keys 1–4 and ← / →; and the
//! « Où agir ? » screen (key 0): the page's ranking of the levers, its sentence and its chart.
//! It is drawn over the normal page (made inert, not unmounted), so leaving it gives the page
//! back as it was.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use parcours_core::catalog::PreparedEntry;
use parcours_core::i18n::{capitalized, colon, t, Lang, Localized, Msg};
use parcours_core::insight::answers::Answers;
use parcours_core::insight::{card_text, card_unit, Tone};
use parcours_core::marginal::{chart, sentence, RankBy, View};
use parcours_core::measures::WORKSHOP_HEADLINES;
use parcours_core::present::workshop::{
    is_typing_target, workshop_action, WorkshopAction, ANALYSIS_KEY,
};
use parcours_core::runs::Results;
use parcours_core::state::Same;
use parcours_engine::{Scenario, Summary};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{Diagram, Plot, PlotCanvas, RunAnnouncer};
use crate::web::fullscreen::{exit_fullscreen, is_fullscreen, request_fullscreen};

#[derive(Properties, PartialEq)]
pub struct WorkshopProps {
    pub lang: Lang,
    /// The prepared scenarios shown (at most four).
    pub prepared: Rc<Vec<PreparedEntry>>,
    /// The prepared scenario chosen (in the page's choice).
    pub active: Option<String>,
    /// Chooses a prepared scenario, exactly as the sidebar does.
    pub on_prepared: Callback<Option<String>>,
    pub on_exit: Callback<()>,
    pub results: Results,
    /// The territory's name.
    pub territory: AttrValue,
    /// What the diagram draws (as the page's diagram).
    pub scenario: Same<Scenario>,
    pub summary: Option<Rc<Summary>>,
    /// The note and « why it moved », as the page says them.
    #[prop_or_default]
    pub answers: Rc<Answers>,
    /// « Où agir ? » as the page's panel has it (the analysis screen shows its ranking).
    #[prop_or_default]
    pub marginal: View,
    /// The levers moved since that ranking was made.
    #[prop_or_default]
    pub marginal_stale: bool,
    /// Runs « Où agir ? » on the scenario shown, as the panel's button does.
    #[prop_or_default]
    pub on_marginal_run: Callback<()>,
}

/// Levers the projected chart shows: the best five, each name readable from the back of a room.
const WORKSHOP_BARS: usize = 5;

/// How much larger than the page's the projected chart's text is: the workshop's own base size
/// (which follows the screen, 24 px at 1366 × 768: workshop.css) over the chart's 15 px.
fn chart_zoom() -> f64 {
    const CHART_TEXT_PX: f64 = 15.0;
    let base = gloo_utils::document()
        .get_element_by_id("workshop")
        .and_then(|e| gloo_utils::window().get_computed_style(&e).ok().flatten())
        .and_then(|style| style.get_property_value("font-size").ok())
        .and_then(|size| size.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(24.0);
    base / CHART_TEXT_PX
}

/// The « Où agir ? » screen: the sentence and the ranked chart of the best levers, or the button
/// that runs the analysis, and its progress.
fn analysis_screen(lang: Lang, view: &View, stale: bool, on_run: &Callback<()>) -> Html {
    let ranking = view.ranking.as_deref();
    let run = on_run.reform(|_: MouseEvent| ());
    let plot = ranking.map(|r| {
        let mut c = chart(lang, r);
        c.bars.truncate(WORKSHOP_BARS);
        Plot::Marginal(Rc::new(c), lang, chart_zoom())
    });
    html! {
        <section class="ws-analysis" id="workshop-analysis" aria-label={t(lang, Msg::MarginalTitle)}
            data-running={view.running.to_string()} data-done={view.done.to_string()}>
            if let Some(r) = ranking {
                <p class="ws-analysis-sentence" id="workshop-analysis-sentence">{ sentence(lang, r) }</p>
                <div class="ws-analysis-chart">
                    <PlotCanvas id="workshop-marginal-chart" {plot} label={t(lang, Msg::MarginalChartNote)} />
                </div>
            } else if !view.running {
                <p class="ws-analysis-sentence">{ t(lang, Msg::WorkshopNoAnalysis) }</p>
            }
            if view.running {
                <p class="ws-analysis-progress" id="workshop-analysis-progress">{
                    t(lang, Msg::MarginalProgress { done: view.done, total: view.total }) }</p>
            } else if ranking.is_none() || stale {
                if stale {
                    <p class="ws-analysis-stale">{ t(lang, Msg::MarginalStale) }</p>
                }
                <p><button type="button" class="ws-button" id="workshop-analysis-run" onclick={run}>
                    { t(lang, Msg::MarginalRun) }</button></p>
            }
        </section>
    }
}

#[function_component(Workshop)]
pub fn workshop(props: &WorkshopProps) -> Html {
    let lang = props.lang;
    let root = use_node_ref();
    let fullscreen = use_state(is_fullscreen);
    // The « Où agir ? » screen instead of a scenario's (a scenario chosen comes back to them).
    let on_analysis = use_state(|| false);
    let active = props
        .active
        .as_ref()
        .and_then(|id| props.prepared.iter().position(|v| &v.id == id));

    // The root takes the focus, so the keys reach the page and screen readers hear the mode.
    {
        let root = root.clone();
        use_effect_with((), move |_| {
            if let Some(el) = root.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    // Keys: 1–4, ← / →, Escape. Not while typing, not with a modifier (browser shortcuts).
    {
        let (prepared, on_prepared, on_exit, show_analysis) = (
            props.prepared.clone(),
            props.on_prepared.clone(),
            props.on_exit.clone(),
            on_analysis.setter(),
        );
        use_effect_with((prepared, active, on_prepared, on_exit), |deps| {
            let (prepared, active, on_prepared, on_exit) = deps.clone();
            // Not passive: the keys used are taken from the page (no scroll on the arrows).
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo_utils::document(),
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.default_prevented() || e.ctrl_key() || e.alt_key() || e.meta_key() {
                        return;
                    }
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                        .is_some_and(|el| {
                            is_typing_target(&el.tag_name(), el.is_content_editable())
                        });
                    if typing {
                        return;
                    }
                    match workshop_action(&e.key(), prepared.len(), active) {
                        Some(WorkshopAction::Select(i)) => {
                            e.prevent_default();
                            show_analysis.set(false);
                            on_prepared.emit(Some(prepared[i].id.clone()));
                        }
                        Some(WorkshopAction::Analysis) => {
                            e.prevent_default();
                            show_analysis.set(true);
                        }
                        Some(WorkshopAction::Exit) => {
                            e.prevent_default();
                            exit_fullscreen();
                            on_exit.emit(());
                        }
                        None => {}
                    }
                },
            );
            move || drop(listener)
        });
    }
    // The browser leaves full screen on Escape itself (the key may never reach the page): leaving
    // full screen leaves the mode.
    {
        let (fullscreen, on_exit) = (fullscreen.clone(), props.on_exit.clone());
        use_effect_with(on_exit, move |on_exit| {
            let on_exit = on_exit.clone();
            let listener =
                EventListener::new(&gloo_utils::document(), "fullscreenchange", move |_| {
                    let now = is_fullscreen();
                    fullscreen.set(now);
                    if !now {
                        on_exit.emit(());
                    }
                });
            move || drop(listener)
        });
    }

    let r = &props.results;
    let scen_summary = r.scen.as_ref().and_then(|s| s.summary.clone());
    let comparing = r.scen.is_some();
    let (done, total) = (r.done(), r.total());
    let finished = total > 0 && done >= total;
    let count = props.prepared.len();
    let current = active.map(|i| &props.prepared[i]);
    let (title, description) = match current {
        // The scenario's own description (what it changes): the index's adds the effect a run
        // gave when it was written, which the cards below show live — and the room reads it once.
        Some(v) => (
            capitalized(v.label.text(lang)),
            Some(props.scenario.description.text(lang))
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| v.description.text(lang))
                .to_string(),
        ),
        None if count == 0 => (
            t(lang, Msg::WorkshopBaseline).into_owned(),
            t(lang, Msg::WorkshopNoPrepared).into_owned(),
        ),
        None => (
            t(lang, Msg::WorkshopBaseline).into_owned(),
            t(lang, Msg::WorkshopPress { count }).into_owned(),
        ),
    };
    let position = active.map(|i| format!("{} / {count}", i + 1));
    let analysis = *on_analysis;
    // On the analysis screen: its title, and the question its ranking answers.
    let (title, description, position) = if analysis {
        let question = match props.marginal.ranking.as_deref() {
            Some(r) => {
                let objective = r.headline().map(|h| t(lang, h.name)).unwrap_or_default();
                let order = t(
                    lang,
                    match r.rank_by {
                        RankBy::Step => Msg::MarginalRankByStep,
                        RankBy::Cost => Msg::MarginalRankByCost,
                    },
                );
                format!(
                    "{}{} {objective} · {}{} {order}",
                    t(lang, Msg::MarginalObjective),
                    colon(lang),
                    t(lang, Msg::MarginalRankBy),
                    colon(lang)
                )
            }
            None => t(lang, Msg::MarginalIntro).into_owned(),
        };
        (t(lang, Msg::MarginalTitle).into_owned(), question, None)
    } else {
        (title, description, position)
    };

    // The same cards as the page's (`insight::card_text`), rounded to what they can claim: costs
    // in millions, « 30,1 » reads from the back of a room.
    let complete = r.complete();
    let cards = WORKSHOP_HEADLINES.iter().map(|h| {
        let key = h.key();
        let base = r.base.summary.as_ref().and_then(|s| s.headline(&key));
        let scen = scen_summary.as_ref().and_then(|s| s.headline(&key));
        let diff = r.comparison.as_ref().and_then(|c| c.difference(&key)).filter(|_| comparing);
        let card = card_text(lang, h, base, scen, diff, complete);
        let tone = card.verdict.map_or(Tone::Neutral, |v| v.tone());
        let unit = card_unit(lang, h);
        html! {
            <article class={classes!("ws-card", comparing.then_some(tone.class()),
                    (comparing && card.provisional).then_some("provisional"))}
                id={format!("ws-card-{}", h.id)} data-verdict={card.verdict.map(|v| v.code())}>
                // The unit after a dot: it may carry its own brackets (« ménages (moyenne) »).
                <h3>{ h.name(lang) }<span class="ws-unit">{ format!(" · {unit}") }</span></h3>
                <dl class="ws-values">
                    <div><dt>{ t(lang, Msg::Baseline) }</dt>
                        <dd class="ws-base">{ card.baseline.clone() }</dd></div>
                    if comparing {
                        <div><dt>{ t(lang, Msg::Scenario) }</dt>
                            <dd class="ws-scen">{ card.scenario.clone() }</dd></div>
                    }
                </dl>
                if comparing {
                    <p class="ws-diff">{ if card.difference.is_empty() { "…".to_string() } else {
                        card.difference.clone() } }</p>
                    <p class="ws-verdict">{ card.verdict.map(|v| v.text(lang)).unwrap_or_default() }</p>
                }
            </article>
        }
    });
    let list = props.prepared.iter().enumerate().map(|(i, v)| {
        let pressed = !analysis && active == Some(i);
        let onclick = {
            let (on_prepared, id, on_analysis) =
                (props.on_prepared.clone(), v.id.clone(), on_analysis.clone());
            Callback::from(move |_: MouseEvent| {
                on_analysis.set(false);
                on_prepared.emit(Some(id.clone()))
            })
        };
        html! {
            <li><button type="button" class={classes!("ws-pick", pressed.then_some("active"))}
                aria-pressed={pressed.to_string()} id={format!("ws-pick-{}", i + 1)} {onclick}>
                <kbd>{ i + 1 }</kbd>{ " " }{ capitalized(v.label.text(lang)) }
            </button></li>
        }
    });
    let exit = {
        let on_exit = props.on_exit.clone();
        Callback::from(move |_: MouseEvent| {
            exit_fullscreen();
            on_exit.emit(())
        })
    };
    let go_fullscreen = Callback::from(|_: MouseEvent| request_fullscreen());
    let show_analysis = {
        let on_analysis = on_analysis.clone();
        Callback::from(move |_: MouseEvent| on_analysis.set(true))
    };

    html! {
        <div class="workshop" id="workshop" ref={root} tabindex="-1" role="region"
            aria-label={t(lang, Msg::WorkshopMode)} aria-describedby="workshop-keys" data-active={active.map(|i| (i + 1).to_string())}
            data-screen={if analysis { "analysis" } else { "scenario" }}>
            <div class="ws-head">
                <div class="ws-title">
                    <h2><span class="ws-position" id="workshop-position" hidden={position.is_none()}>
                        { position.unwrap_or_default() }</span><span id="workshop-active">{ title }</span></h2>
                    <p class="ws-desc" id="workshop-description">{ description }</p>
                    if let Some(moved) = props.answers.moved.as_ref().filter(|_| comparing && !analysis) {
                        <p class="ws-why" id="workshop-why-it-moved" data-quotes={moved.quotes_attribute()}>
                            { moved.text.clone() }</p>
                    }
                </div>
                <div class="ws-actions">
                    <div class="ws-buttons">
                        // Beside the screen's own buttons: the scenarios' row below keeps its room.
                        <button type="button" class={classes!("ws-button", analysis.then_some("active"))}
                            aria-pressed={analysis.to_string()} id="ws-pick-analysis" onclick={show_analysis}>
                            <kbd>{ ANALYSIS_KEY }</kbd>{ t(lang, Msg::MarginalTitle) }</button>
                        if !*fullscreen {
                            <button type="button" class="ws-button" id="workshop-fullscreen" onclick={go_fullscreen}>
                                { t(lang, Msg::FullScreen) }</button>
                        }
                        <button type="button" class="ws-button" id="workshop-exit" onclick={exit}>
                            { t(lang, Msg::LeaveWorkshop) }</button>
                    </div>
                    // Said to screen readers (the region's description); the buttons below show
                    // the keys 1–4, and the room needs the space.
                    <p class="ws-keys" id="workshop-keys" hidden=true>{ t(lang, Msg::WorkshopKeys) }</p>
                </div>
            </div>
            <div class="ws-status">
            <p class="ws-territory">{ props.territory.clone() }</p>
            <div class={classes!("ws-progress", finished.then_some("finished"))}>
                <RunAnnouncer {lang} {done} {total} />
                <progress id="workshop-progress" max={total.to_string()} value={done.to_string()}
                    aria-label={t(lang, Msg::ReplicationsComputed)}></progress>
                <span id="workshop-progress-text" data-done={done.to_string()} data-total={total.to_string()}>
                    { t(lang, Msg::Replications { done, total }) }
                    { t(lang, if finished { Msg::RunDone } else { Msg::RunComputing }) }
                </span>
            </div>
            </div>
            if analysis {
                { analysis_screen(lang, &props.marginal, props.marginal_stale, &props.on_marginal_run) }
            } else {
                <section class="ws-cards" aria-label={t(lang, Msg::KeyFigures)}>{ for cards }</section>

                <section class="ws-diagram" aria-label={t(lang, Msg::ThePathway)}>
                    <Diagram {lang} scenario={props.scenario.clone()} summary={props.summary.clone()} workshop=true />
                </section>
            }
            <div class="ws-foot">
                <ol class="ws-list" aria-label={t(lang, Msg::PreparedScenarios)}>{ for list }</ol>
            </div>
        </div>
    }
}
