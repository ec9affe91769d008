//! The search worker (`src/bin/search.rs`, `parcours-search.js`): the decision questions' long
//! computations that are not simulations of a scenario — the budget optimiser's search, target
//! seeking's first guesses, « Où agir ? »'s fluid ranking — one per worker, which the page
//! (`search_worker.rs`) starts for it and terminates when it answers or is cancelled. A binary of
//! its own, loaded only when a question is asked: the simulation worker that a first visit
//! downloads does not carry the optimiser, the fluid model and the messages they may answer with
//! (issue 14, BENCHMARKS.md).

use parcours_core::analysis::{OptimiseAsk, SeekAsk};
use parcours_core::i18n::Lang;
use parcours_core::levers::Settings;
use parcours_core::marginal::fluid_plan;
use parcours_core::optimise::{search_in_thread, Found, SearchProgress};
use parcours_core::runs::protocol::{FromWorker, ToWorker};
use parcours_engine::Scenario;

use super::{errors_text, model_of, not_mine, post, serve};

/// Starts the search worker.
pub fn start() {
    serve(received);
}

fn received(message: ToWorker) {
    match message {
        ToWorker::Optimise {
            run,
            scenario_json,
            ask_json,
            seed,
        } => {
            post(&FromWorker::Ack { run });
            let mut on_progress = |progress: &SearchProgress| {
                post(&FromWorker::Searching {
                    run,
                    progress: *progress,
                })
            };
            post(&FromWorker::Optimised {
                run,
                found: optimise(&scenario_json, &ask_json, seed, &mut on_progress),
            });
        }
        ToWorker::Guess {
            run,
            network_json,
            settings,
            ask_json,
        } => {
            post(&FromWorker::Ack { run });
            post(&FromWorker::Guessed {
                run,
                guesses: guesses(&network_json, &settings, &ask_json),
            });
        }
        ToWorker::FluidRank {
            run,
            network_json,
            settings,
        } => {
            post(&FromWorker::Ack { run });
            let plan = Scenario::from_json(&network_json).and_then(|network| {
                fluid_plan(&network, &settings).map_err(|errors| errors_text(&errors))
            });
            post(&FromWorker::FluidRanked { run, plan });
        }
        ToWorker::Run { .. }
        | ToWorker::More { .. }
        | ToWorker::Stop { .. }
        | ToWorker::Follow { .. }
        | ToWorker::Forget { .. }
        | ToWorker::Gather { .. }
        | ToWorker::Summarise { .. } => not_mine("search"),
    }
}

/// The budget optimiser's search, in one go: this worker does nothing else, and
/// the page terminates it to cancel (the search does not turn the event loop; its progress is
/// posted as it goes, which needs no turn).
fn optimise(
    scenario_json: &str,
    ask_json: &str,
    seed: u64,
    on_progress: &mut dyn FnMut(&SearchProgress),
) -> Result<Found, String> {
    let scenario = Scenario::from_json(scenario_json)?;
    let ask: OptimiseAsk = serde_json::from_str(ask_json).map_err(|e| e.to_string())?;
    let problem = ask.problem(&scenario).map_err(|e| e.text(Lang::En))?;
    search_in_thread(&problem, seed, ask.replications, on_progress)
}

/// Target seeking's first guesses, in one go like [`optimise`] (a tenth of a second or so).
fn guesses(
    network_json: &str,
    settings: &Settings,
    ask_json: &str,
) -> Result<Vec<Option<f64>>, String> {
    let network = Scenario::from_json(network_json)?;
    let ask: SeekAsk = serde_json::from_str(ask_json).map_err(|e| e.to_string())?;
    let model = model_of(&network)?;
    ask.guesses(&network, settings, model.layout())
        .map_err(|e| e.text(Lang::En))
}
