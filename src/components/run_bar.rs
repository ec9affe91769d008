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
    html! {
        <section class="card run-bar" aria-label={t(lang, Msg::Simulation)}>
            <RunProgressBar {lang} done={r.done()} total={r.total()} />
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
