//! Progress of a Monte Carlo run: « 24 / 200 réplications », shown; and, for screen readers, a
//! live region that speaks twice a run, when it starts and when it ends (not at each batch).

use yew::prelude::*;

use parcours_core::i18n::{t, Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct RunProgressProps {
    pub lang: Lang,
    pub done: usize,
    pub total: usize,
    /// Stopped before the end: no status word (the caller says it was interrupted).
    #[prop_or_default]
    pub stopped: bool,
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
            <RunAnnouncer {lang} done={props.done} total={props.total} />
            <p class="run-progress-text">
                <span id="run-progress-count" data-done={props.done.to_string()}
                    data-total={props.total.to_string()}>
                    { t(lang, Msg::Replications { done: props.done, total: props.total }) }
                </span>
                if !props.stopped {
                    <span class="run-progress-status">{ t(lang, status) }</span>
                }
            </p>
        </div>
    }
}

/// The live region of a run: its text changes only when a run starts or ends, so a screen
/// reader announces each once (a batch changes nothing in it).
#[function_component(RunAnnouncer)]
pub fn run_announcer(props: &RunProgressProps) -> Html {
    let text = if props.total == 0 {
        None
    } else if props.done >= props.total {
        Some(Msg::RunAnnounceEnd)
    } else {
        Some(Msg::RunAnnounceStart)
    };
    html! {
        <p class="visually-hidden run-announce" role="status" aria-live="polite" aria-atomic="true">
            { text.map(|m| t(props.lang, m)).unwrap_or_default() }</p>
    }
}
