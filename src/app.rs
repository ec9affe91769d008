//! The page: runs the default scenario in the worker pool at start-up and shows the results as
//! they arrive.

use std::cell::RefCell;
use std::rc::Rc;

use parcours_engine::{default_scenario, Model, Scenario, Summary};
use yew::prelude::*;

use crate::chart::{FanData, FanText};
use crate::components::Editor; // advanced editor (temporary mount)
use crate::components::{FanChart, Header, RunProgressBar};
use crate::i18n::{self, t, Key, Lang};
use crate::runner::{pool_size, RunProgress, WorkerPool};
use crate::worker::Response;

/// Seed of the start-up run (fixed, so two people opening the page see the same figures).
pub const DEFAULT_SEED: u64 = 42;
/// Replications of the start-up run.
pub const DEFAULT_REPLICATIONS: u64 = 200;
/// Series of the engine shown on the fan chart.
pub const UNSHELTERED: &str = "unsheltered";

/// What the page shows of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunView {
    pub done: usize,
    pub total: usize,
    pub summary: Option<Rc<Summary>>,
    pub error: Option<(Key, String)>,
}

impl RunView {
    fn starting(total: usize) -> Self {
        RunView {
            done: 0,
            total,
            summary: None,
            error: None,
        }
    }
}

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

/// Starts a run of `scenario` in a new worker pool (stored in `pool`); `view` follows it.
fn start_run(
    scenario: &Scenario,
    pool: &RefCell<Option<WorkerPool>>,
    view: UseStateHandle<RunView>,
) {
    let total = DEFAULT_REPLICATIONS as usize;
    let model = match Model::new(scenario) {
        Ok(model) => model,
        Err(errors) => {
            let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>();
            view.set(RunView {
                error: Some((Key::ScenarioError, message.join("\n"))),
                ..RunView::starting(total)
            });
            return;
        }
    };
    let progress: Rc<RefCell<Option<RunProgress>>> = Rc::default();
    let on_response: Rc<dyn Fn(Response)> = {
        let (progress, view) = (progress.clone(), view.clone());
        Rc::new(move |response: Response| {
            let mut slot = progress.borrow_mut();
            let Some(run) = slot.as_mut().filter(|p| p.run == response.run()) else {
                return; // a replaced run
            };
            match response {
                Response::Batch { replications, .. } => {
                    run.add(replications);
                    view.set(RunView {
                        done: run.done(),
                        total: run.total,
                        summary: run.summary().map(Rc::new),
                        error: None,
                    });
                }
                Response::Failed { message, .. } => {
                    web_sys::console::error_1(&format!("simulation: {message}").into());
                    view.set(RunView {
                        done: run.done(),
                        total: run.total,
                        summary: run.summary().map(Rc::new),
                        error: Some((Key::WorkerError, message)),
                    });
                }
            }
        })
    };
    let scenario_json = serde_json::to_string(scenario).expect("a scenario is always JSON");
    let mut workers = match WorkerPool::new(pool_size(), on_response) {
        Ok(workers) => workers,
        Err(message) => {
            view.set(RunView {
                error: Some((Key::WorkerError, message)),
                ..RunView::starting(total)
            });
            return;
        }
    };
    let run = workers.start(&scenario_json, DEFAULT_SEED, DEFAULT_REPLICATIONS);
    *progress.borrow_mut() = Some(RunProgress::new(
        run,
        model.layout().clone(),
        DEFAULT_SEED,
        total,
    ));
    *pool.borrow_mut() = Some(workers);
}

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(initial_lang);
    let scenario = use_memo((), |_| default_scenario());
    let view = use_state(|| RunView::starting(DEFAULT_REPLICATIONS as usize));
    let pool = use_mut_ref(|| None::<WorkerPool>);

    {
        let (scenario, pool, view) = (scenario.clone(), pool.clone(), view.clone());
        use_effect_with((), move |_| {
            start_run(&scenario, &pool, view);
            // Leaving the page component terminates the workers.
            move || drop(pool.borrow_mut().take())
        });
    }
    use_effect_with(*lang, |lang| {
        if let Some(root) = gloo_utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    // ---- advanced editor: temporary mount (src/components/editor), for the workspace rewrite
    // to take over. Valid edited scenarios restart the run; invalid ones never reach here.
    let show_editor = use_state(|| false);
    let edited = use_state(|| (*scenario).clone());
    let on_edit = {
        let (edited, pool, view) = (edited.clone(), pool.clone(), view.clone());
        Callback::from(move |s: Scenario| {
            start_run(&s, &pool, view.clone());
            edited.set(s);
        })
    };
    let toggle_editor = {
        let show = show_editor.clone();
        Callback::from(move |_: MouseEvent| show.set(!*show))
    };
    // ---- end of advanced editor

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| lang.set(l))
    };
    let lang = *lang;
    let fan = use_memo(view.summary.clone(), |summary| {
        summary.as_ref().and_then(|summary| {
            let bands = summary.series(UNSHELTERED)?;
            Some(Rc::new(FanData::from_bands(&summary.layout, bands)))
        })
    });
    let missing_series = view.summary.is_some() && fan.is_none();
    let name = lang.pick(&scenario.name.fr, &scenario.name.en).to_string();

    html! {
        <div class="app">
            <Header {lang} scenario={name.clone()} {on_lang} />
            <main class="content">
                <section class="card" aria-labelledby="unsheltered-title">
                    <div class="card-head">
                        <div class="card-title">
                            <h2 id="unsheltered-title">{ t(lang, Key::UnshelteredTitle) }</h2>
                            <p class="help">{ t(lang, Key::UnshelteredHelp) }</p>
                        </div>
                        <RunProgressBar {lang} done={view.done} total={view.total} />
                    </div>
                    if let Some((key, message)) = &view.error {
                        <p class="error" role="alert">
                            <strong>{ t(lang, *key) }{ " : " }</strong>{ message.clone() }
                        </p>
                    }
                    if missing_series {
                        <p class="error" role="alert">{ format!("series `{UNSHELTERED}` missing") }</p>
                    }
                    <FanChart id="unsheltered-chart" data={(*fan).clone()}
                        text={FanText::unsheltered(lang)} label={t(lang, Key::ChartAlt)} />
                    <p class="meta">
                        { name }{ " · " }{ t(lang, Key::Seed) }{ " " }
                        { i18n::format_int(lang, DEFAULT_SEED as i64) }
                    </p>
                </section>
                // ---- advanced editor (temporary mount)
                <div class="editor-toggle-row">
                    <button type="button" id="editor-toggle" class="editor-toggle"
                        aria-expanded={show_editor.to_string()} aria-controls="editor"
                        onclick={toggle_editor}>
                        { i18n::te(lang, i18n::Ek::OpenEditor) }
                    </button>
                </div>
                if *show_editor {
                    <Editor scenario={(*edited).clone()} {lang} on_change={on_edit} />
                }
                // ---- end of advanced editor
            </main>
            <footer class="footer"><p>{ t(lang, Key::Footer) }</p></footer>
        </div>
    }
}
