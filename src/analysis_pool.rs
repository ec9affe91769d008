//! The one worker pool of the decision questions: « Où agir ? » (`marginal_runner.rs`), target
//! seeking and the optimiser's finals (`decide_runner.rs`). One question runs at a time (starting
//! one cancels the others, `app.rs`), so the pool's events go to the runner that started its
//! current run; its workers start with the first question.

use std::cell::RefCell;
use std::rc::Rc;

use parcours_core::runs::RunId;
use parcours_engine::Budget;

use crate::runner::{PoolEvent, WorkerPool};
use crate::session::pool_size;

type OnEvent = Rc<dyn Fn(RunId, PoolEvent)>;

#[derive(Default)]
pub struct AnalysisPool {
    pool: Option<WorkerPool>,
    /// Who gets the pool's events: the runner that started the current run.
    owner: Rc<RefCell<Option<OnEvent>>>,
}

impl AnalysisPool {
    pub fn new() -> Rc<RefCell<AnalysisPool>> {
        Rc::default()
    }

    /// Starts replications `first..first + count` of a scenario for `owner` (replacing the
    /// current run, whoever's it was); `Err` when the workers cannot start.
    pub fn start_range(
        &mut self,
        owner: OnEvent,
        scenario_json: &str,
        seed: u64,
        budget: Budget,
        first: u64,
        count: u64,
    ) -> Result<RunId, String> {
        if self.pool.is_none() {
            let route = self.owner.clone();
            let handler: OnEvent = Rc::new(move |run, event| {
                // Taken out first: the owner may start its next run from its handler.
                let owner = route.borrow().clone();
                if let Some(owner) = owner {
                    owner(run, event)
                }
            });
            self.pool = Some(WorkerPool::new("analysis", pool_size(), handler)?);
        }
        *self.owner.borrow_mut() = Some(owner);
        let pool = self.pool.as_mut().expect("started");
        Ok(pool.start_range(scenario_json, seed, budget, first, count))
    }

    /// Stops the current run.
    pub fn stop(&mut self) {
        if let Some(pool) = self.pool.as_mut() {
            pool.stop();
        }
    }
}
