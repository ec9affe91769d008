//! The decision questions' long computations that are not simulations of a scenario, in a Web
//! Worker of their own: the budget optimiser's search (`optimise::search_in_thread`,
//! `ToWorker::Optimise`, which tells its progress on the simulation as it goes) and target
//! seeking's first fluid guesses (`ToWorker::Guess`) and « Où agir ? »'s first, fluid ranking
//! (`ToWorker::FluidRank`). It is a binary of its own (`worker/search.rs`, loaded only
//! when a question is asked; the one protocol of the simulation worker), started for one
//! computation and terminated when it answers, when a new analysis starts or on Cancel (the computation does not turn the
//! worker's event loop, so a stop could not be read: it is cut).

use parcours_core::runs::protocol::{FromWorker, ToWorker};

use crate::lone_worker::LoneWorker;
use crate::runner::SEARCH_SCRIPT;

/// One computation in its worker. Dropping it terminates the worker.
pub struct SearchWorker {
    _worker: LoneWorker,
}

impl SearchWorker {
    /// Starts the worker and, once it is ready, the computation `message`; `on_answer` gets what
    /// it says: the search's progress (`FromWorker::Searching`), then its answer
    /// (`FromWorker::Optimised`, `FromWorker::Guessed`, `FromWorker::FluidRanked`) or why the worker could not give one.
    pub fn start(
        message: ToWorker,
        on_answer: impl Fn(Result<FromWorker, String>) + 'static,
    ) -> Result<SearchWorker, String> {
        let worker = LoneWorker::start(SEARCH_SCRIPT, on_answer)?;
        worker.post(message);
        Ok(SearchWorker { _worker: worker })
    }
}
