//! The runs: their progress (baseline and scenario together), cancel, partial results, what is
//! compared and with which seed; and the runs' errors.

use parcours_core::i18n::engine::run_error;
use parcours_core::i18n::{colon, format_int, t, Lang, Msg};
use parcours_core::runs::Results;
use yew::prelude::*;

use crate::components::RunProgressBar;

#[derive(Properties, PartialEq)]
pub struct RunBarProps {
    pub lang: Lang,
    pub results: Results,
    pub comparing: bool,
    pub seed: u64,
    pub on_cancel: Callback<()>,
    /// Runs the runs waiting for a go-ahead.
    pub on_confirm: Callback<()>,
}

#[derive(Properties, PartialEq)]
pub struct RunAskProps {
    pub lang: Lang,
    pub results: Results,
    /// Runs the runs waiting for a go-ahead.
    pub on_confirm: Callback<()>,
    /// Drops them.
    pub on_cancel: Callback<()>,
}

/// The question a run above the page's limit waits on (the baseline's first, then the
/// scenario's): its estimated cost, « run it anyway » or not. The page's run bar and the embed
/// both ask it, so a partner's frame never waits in silence.
#[function_component(RunAsk)]
pub fn run_ask(props: &RunAskProps) -> Html {
    let (lang, r) = (props.lang, &props.results);
    let asking = std::iter::once((&r.base, true))
        .chain(r.scen.as_ref().map(|s| (s, false)))
        .find_map(|(view, baseline)| view.awaiting.map(|long| (long, view.total, baseline)));
    let Some((long, total, baseline)) = asking else {
        return Html::default();
    };
    let on_confirm = {
        let on_confirm = props.on_confirm.clone();
        Callback::from(move |_: MouseEvent| on_confirm.emit(()))
    };
    let on_dont = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };
    html! {
        <div class="run-ask" role="alertdialog" id="run-ask" aria-labelledby="run-ask-text">
            <p id="run-ask-text">{ t(lang, Msg::AskLongRun {
                events: long.cost.events,
                replications: total as u64,
                minutes: long.minutes,
                baseline,
            }) }</p>
            <button type="button" id="run-anyway" onclick={on_confirm}>{ t(lang, Msg::RunAnyway) }</button>
            <button type="button" id="dont-run" class="secondary" onclick={on_dont}>{ t(lang, Msg::DontRun) }</button>
        </div>
    }
}

#[function_component(RunBar)]
pub fn run_bar(props: &RunBarProps) -> Html {
    let lang = props.lang;
    let r = &props.results;
    let on_cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };
    let compared = if props.comparing {
        Msg::ComparingMeta
    } else {
        Msg::BaselineOnlyMeta
    };
    let replaced = std::iter::once(&r.base)
        .chain(r.scen.as_ref())
        .flat_map(|view| view.replaced.iter());
    html! {
        <section class="card run-bar" aria-label={t(lang, Msg::Simulation)}>
            <RunAsk {lang} results={r.clone()} on_confirm={props.on_confirm.clone()}
                on_cancel={props.on_cancel.clone()} />
            <RunProgressBar {lang} done={r.done()} total={r.total()}
                stopped={r.cancelled && r.done() < r.total()} />
            { for replaced.map(|reason| html! {
                <p class="worker-replaced" role="status">{ t(lang, Msg::WorkerReplaced { reason }) }</p>
            }) }
            if r.cancelled && r.done() < r.total() {
                <p class="cancelled" id="run-cancelled" role="status">{ t(lang, Msg::RunStopped) }</p>
            }
            <button type="button" id="cancel-run" class="secondary" onclick={on_cancel}
                disabled={!r.running()}>{ t(lang, Msg::CancelRun) }</button>
            <p class="meta">
                { t(lang, compared) }{ t(lang, Msg::Seed) }{ " " }{ format_int(lang, props.seed as i64) }
            </p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RunErrorsProps {
    pub lang: Lang,
    pub results: Results,
}

/// Why a run shows no figures: an invalid scenario (the engine's problems) or a simulation error.
#[function_component(RunErrors)]
pub fn run_errors(props: &RunErrorsProps) -> Html {
    let lang = props.lang;
    html! {
        { for props.results.errors().map(|error| {
            let (heading, message) = run_error(lang, error);
            html! { <p class="error" role="alert"><strong>{ heading }{ colon(lang) }{ " " }</strong>{ message }</p> }
        }) }
    }
}
