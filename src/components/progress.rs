//! Progress of a Monte Carlo run: « 24 / 200 réplications ».

use yew::prelude::*;

use parcours_core::i18n::{t, Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct RunProgressProps {
    pub lang: Lang,
    pub done: usize,
    pub total: usize,
}

#[function_component(RunProgressBar)]
pub fn run_progress_bar(props: &RunProgressProps) -> Html {
    let lang = props.lang;
    let finished = props.total > 0 && props.done >= props.total;
    let status = match (props.done, finished) {
        (_, true) => Msg::Finished,
        (0, false) => Msg::Starting,
        _ => Msg::Running,
    };
    html! {
        <div class={classes!("run-progress", finished.then_some("finished"))}>
            <progress id="run-progress" max={props.total.to_string()} value={props.done.to_string()}
                aria-label={t(lang, Msg::ProgressLabel)}></progress>
            <p class="run-progress-text" role="status" aria-live="polite">
                <span id="run-progress-count" data-done={props.done.to_string()}
                    data-total={props.total.to_string()}>
                    { t(lang, Msg::Replications { done: props.done, total: props.total }) }
                </span>
                <span class="run-progress-status">{ t(lang, status) }</span>
            </p>
        </div>
    }
}
