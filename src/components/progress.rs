//! Progress of a Monte Carlo run: « 24 / 200 réplications », shown; and, for screen readers, a
//! live region that speaks twice a run, when it starts and when it ends (not at each batch).

use yew::prelude::*;

use parcours_core::i18n::{t, Lang, Msg};

/// What a progress bar counts, for its text.
#[derive(Clone, Copy, PartialEq, Default)]
pub enum Counted {
    /// « 24 / 200 réplications »: the page's run, or each scenario of « Où agir ? ».
    #[default]
    Replications,
    /// « 2 / 5 finalistes »: the optimiser's finalists, each a whole run.
    Finalists,
}

#[derive(Properties, PartialEq)]
pub struct RunProgressProps {
    pub lang: Lang,
    pub done: usize,
    pub total: usize,
    /// Stopped before the end: no status word (the caller says it was interrupted).
    #[prop_or_default]
    pub stopped: bool,
    /// The id of the `<progress>`; its count is `{id}-count`. The page's run keeps
    /// `run-progress`: a panel's bar shown beside it needs its own, ids being unique.
    #[prop_or(AttrValue::Static("run-progress"))]
    pub id: AttrValue,
    #[prop_or_default]
    pub counted: Counted,
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
    let (done, total) = (props.done, props.total);
    let (count, label) = match props.counted {
        Counted::Replications => (Msg::Replications { done, total }, Msg::ProgressLabel),
        Counted::Finalists => (Msg::Finalists { done, total }, Msg::FinalistsLabel),
    };
    html! {
        <div class={classes!("run-progress", finished.then_some("finished"))}>
            <progress id={props.id.clone()} max={total.to_string()} value={done.to_string()}
                aria-label={t(lang, label)}></progress>
            <RunAnnouncer {lang} {done} {total} />
            <p class="run-progress-text">
                <span id={format!("{}-count", props.id)} class="run-progress-count"
                    data-done={done.to_string()} data-total={total.to_string()}>
                    { t(lang, count) }
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
