//! « Avec ce budget ? »: the yearly budget, the places that can open a year, the objective, the
//! levers allowed with their bounds, the finalists' replications; run / cancel, progress (the
//! search in its worker, then the finalists on the simulation); the cost–outcome front, the
//! recommended mix with its schedule and the ranking-and-selection verdict
//! (`optimise::sentences`), and a button applying the mix to the levers.

use std::rc::Rc;

use parcours_core::analysis::view::{front_chart, OptimiseView};
use parcours_core::analysis::OptimiseAsk;
use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::levers::{Lever, Settings};
use parcours_core::optimise::sentences;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::decide_fields::{
    edit, failure_text, forget_button, objective_select, replications_select, run_button,
    AllowedLevers,
};
use crate::components::number_field::{read, NumberField, NumberKind};
use crate::components::{Counted, Plot, PlotCanvas, RunProgressBar};

#[derive(Properties, PartialEq)]
pub struct OptimisePanelProps {
    pub lang: Lang,
    pub ask: OptimiseAsk,
    pub levers: Rc<Vec<Lever>>,
    /// The levers' values now.
    pub settings: Settings,
    pub view: OptimiseView,
    pub stale: bool,
    pub choices: Rc<Vec<u64>>,
    pub on_ask: Callback<OptimiseAsk>,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<()>,
    pub on_apply: Callback<()>,
    /// « Oublier cette analyse », when the page's state holds this panel's question.
    #[prop_or_default]
    pub on_forget: Option<Callback<()>>,
}

/// The ranking-and-selection verdict as a code for tests and styles.
fn verdict(view: &OptimiseView) -> &'static str {
    match view.selection.as_deref() {
        None => "",
        Some(s) if s.finalists.len() < 2 => "single",
        Some(s) if s.distinguishable => "distinguishable",
        Some(s) if s.equivalent => "equivalent",
        Some(_) => "more_replications",
    }
}

#[function_component(OptimisePanel)]
pub fn optimise_panel(props: &OptimisePanelProps) -> Html {
    let lang = props.lang;
    let (ask, view) = (&props.ask, &props.view);
    let on = &props.on_ask;
    let on_objective = edit(ask, on, |a: &mut OptimiseAsk, objective| {
        a.objective = objective
    });
    let on_replications = edit(ask, on, |a: &mut OptimiseAsk, n| a.replications = n);
    let on_levers = edit(ask, on, |a: &mut OptimiseAsk, levers| a.levers = levers);
    // Places a year: empty for no limit, else a whole number read by the one parser.
    let open_error = use_state(|| None::<String>);
    let on_open = {
        let (ask, on, open_error) = (ask.clone(), props.on_ask.clone(), open_error.clone());
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            if text.trim().is_empty() {
                open_error.set(None);
                return on.emit(OptimiseAsk {
                    open_per_year: None,
                    ..ask.clone()
                });
            }
            match read(lang, NumberKind::Whole, &text) {
                Ok(n) => {
                    open_error.set(None);
                    on.emit(OptimiseAsk {
                        open_per_year: Some(n as u32),
                        ..ask.clone()
                    })
                }
                Err(why) => open_error.set(Some(why)),
            }
        })
    };
    let found = view.found.as_deref();
    let chart = match (view.problem.as_deref(), found) {
        (Some(p), Some(f)) if !f.front.is_empty() => {
            Some(Rc::new(front_chart(lang, p, f, view.selection.as_deref())))
        }
        _ => None,
    };
    let y_axis = chart.as_ref().map(|c| c.y_axis.clone()).unwrap_or_default();
    let plot = chart.map(|c| Plot::Front(c, lang));
    let answer = match (view.problem.as_deref(), found, view.selection.as_deref()) {
        (Some(p), Some(f), Some(s)) => sentences(lang, p, f, s),
        _ => Vec::new(),
    };
    let done = view.selection.is_some() && !view.running;
    html! {
        <section class="card marginal decide" id="optimise" aria-labelledby="optimise-title"
            data-running={view.running.to_string()} data-verdict={verdict(view)}>
            <h2 id="optimise-title">{ t(lang, Msg::OptimiseTitle) }</h2>
            <p class="help">{ t(lang, Msg::OptimiseIntro) }</p>
            <div class="marginal-controls">
                <label for="optimise-budget">{ t(lang, Msg::OptimiseBudget) }</label>
                <NumberField {lang} id="optimise-budget" value={ask.budget} on_commit={edit(ask, on, |a: &mut OptimiseAsk, x: f64| a.budget = x)} />
                <label for="optimise-open">{ t(lang, Msg::OptimiseOpenPerYear) }</label>
                <input type="text" inputmode="numeric" autocomplete="off" id="optimise-open" class="number" onchange={on_open}
                    aria-invalid={open_error.is_some().to_string()}
                    value={ask.open_per_year.map(|n| n.to_string()).unwrap_or_default()} />
                if let Some(why) = &*open_error {
                    <p class="field-error" role="alert">{ why.clone() }</p>
                }
                { objective_select(lang, "optimise-objective", ask.objective, on_objective) }
                { replications_select(lang, "optimise-replications", Msg::OptimiseReplications, ask.replications, &props.choices, on_replications) }
            </div>
            <AllowedLevers {lang} prefix="optimise" levers={props.levers.clone()} settings={props.settings.clone()} chosen={ask.levers.clone()}
                with_min=true on_change={on_levers} />
            <div class="marginal-actions">
                { run_button(lang, "optimise", Msg::OptimiseRun, view.running, &props.on_run, &props.on_cancel) }
                { forget_button(lang, "optimise", &props.on_forget) }
                if view.running && found.is_none() {
                    if let Some(p) = view.searching {
                        // On the simulation (minutes on a large territory): how far it has gone.
                        <progress id="optimise-search-progress" max={p.fraction().1.to_string()}
                            value={p.fraction().0.to_string()} aria-label={t(lang, Msg::ProgressLabel)}></progress>
                        <span class="decide-progress" role="status" id="optimise-searching">{ t(lang, Msg::OptimiseSearchProgress(p)) }</span>
                    } else {
                        <span class="decide-progress" role="status">{ t(lang, Msg::OptimiseSearching) }</span>
                    }
                }
                if view.finals > 0 && (view.running || view.finals_done < view.finals) {
                    <span class="decide-progress" role="status">{ t(lang, Msg::OptimiseFinals { done: view.finals_done, total: view.finals }) }</span>
                    <RunProgressBar {lang} id="optimise-progress" counted={Counted::Finalists}
                        done={view.finals_done} total={view.finals} />
                }
            </div>
            if let Some(f) = &view.failure {
                <p class="error" role="alert" id="optimise-error">{ failure_text(lang, f) }</p>
            }
            if props.stale && found.is_some() {
                <p class="note">{ t(lang, Msg::DecideStale) }</p>
            }
            if plot.is_some() {
                <p class="decide-axis" aria-hidden="true">{ y_axis }</p>
                <div class="marginal-chart decide-front">
                    <PlotCanvas id="optimise-front" {plot} label={t(lang, Msg::OptimiseFrontNote)} />
                </div>
                <p class="help">{ t(lang, Msg::OptimiseFrontNote) }</p>
            }
            if !view.running && found.is_some_and(|f| f.finalists.is_empty()) {
                <p class="marginal-sentence" id="optimise-answer">{ t(lang, Msg::OptimiseNoMix) }</p>
            }
            if !answer.is_empty() {
                <div id="optimise-answer" aria-live="polite">
                    { for answer.iter().enumerate().map(|(i, s)| html! {
                        <p class={classes!((i == 1).then_some("marginal-sentence"))}>{ s.clone() }</p>
                    }) }
                </div>
            }
            if done && view.selection.as_ref().is_some_and(|s| !s.finalists.is_empty()) {
                <button type="button" id="optimise-apply" class="secondary" disabled={props.stale}
                    onclick={props.on_apply.reform(|_: MouseEvent| ())}>{ t(lang, Msg::DecideApply) }</button>
            }
        </section>
    }
}
