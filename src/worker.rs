//! The simulation Web Worker: runs replications of a scenario off the main thread and sends them
//! back in small batches, so the page can merge them and redraw while the run goes on.
//!
//! It is its own binary (`src/bin/worker.rs`, a `data-type="worker"` link in `index.html`). The
//! messages are encoded with gloo-worker's default codec (bincode); the scenario travels as its
//! JSON text, the engine's documented format, because bincode cannot carry serde's internally
//! tagged and flattened enums that the scenario uses.

use std::collections::VecDeque;

use gloo_worker::{HandlerId, Worker, WorkerScope};
use parcours_engine::{simulate, Model, Replication, Scenario};
use serde::{Deserialize, Serialize};

pub use parcours_core::runs::RunId;

/// How long the worker computes before sending a batch and yielding to its event loop (where a
/// cancel or a new run may be waiting).
pub const BATCH_BUDGET_MS: f64 = 80.0;

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Runs these replications of a scenario and replaces any run in progress.
    Run {
        run: RunId,
        /// The scenario in its JSON format (see `Scenario::from_json`).
        scenario_json: String,
        seed: u64,
        /// Replication indices this worker is responsible for.
        replications: Vec<u64>,
    },
    /// Stops the run if it is still going.
    Cancel { run: RunId },
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// Some finished replications; `remaining` are still to come from this worker.
    Batch {
        run: RunId,
        replications: Vec<Replication>,
        remaining: usize,
    },
    /// The run could not start or a replication failed; the run stops in this worker.
    Failed { run: RunId, message: String },
}

impl Response {
    pub fn run(&self) -> RunId {
        match self {
            Response::Batch { run, .. } | Response::Failed { run, .. } => *run,
        }
    }
}

/// Builds a runnable model from the scenario text, with every validation problem in the message.
pub fn model_from_json(scenario_json: &str) -> Result<Model, String> {
    let scenario = Scenario::from_json(scenario_json)?;
    Model::new(&scenario).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

struct Job {
    run: RunId,
    model: Model,
    seed: u64,
    pending: VecDeque<u64>,
    client: HandlerId,
    batches_sent: usize,
}

pub enum Msg {
    /// Computes the next batch of this run (ignored if the run was replaced or cancelled).
    Step(RunId),
}

#[derive(Default)]
pub struct SimWorker {
    job: Option<Job>,
}

impl SimWorker {
    /// Lets the event loop run (messages from the page) before the next batch: a macrotask, not
    /// a microtask, or a cancel could never get in between two batches.
    fn schedule(scope: &WorkerScope<Self>, run: RunId) {
        let scope = scope.clone();
        gloo_timers::callback::Timeout::new(0, move || scope.send_message(Msg::Step(run))).forget();
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Worker for SimWorker {
    type Message = Msg;
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        SimWorker::default()
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Self::Message) {
        let Msg::Step(run) = msg;
        let Some(job) = self.job.as_mut().filter(|job| job.run == run) else {
            return;
        };
        // The first batch is a single replication so the page shows bands as soon as possible.
        let started = now_ms();
        let mut done = Vec::new();
        while let Some(index) = job.pending.pop_front() {
            match simulate(&job.model, job.seed, index) {
                Ok(replication) => done.push(replication),
                Err(error) => {
                    let message = format!("replication {index}: {error}");
                    scope.respond(job.client, Response::Failed { run, message });
                    self.job = None;
                    return;
                }
            }
            if job.batches_sent == 0 || now_ms() - started >= BATCH_BUDGET_MS {
                break;
            }
        }
        job.batches_sent += 1;
        let remaining = job.pending.len();
        scope.respond(
            job.client,
            Response::Batch {
                run,
                replications: done,
                remaining,
            },
        );
        if remaining == 0 {
            self.job = None;
        } else {
            Self::schedule(scope, run);
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        match msg {
            Request::Run {
                run,
                scenario_json,
                seed,
                replications,
            } => match model_from_json(&scenario_json) {
                Ok(model) => {
                    self.job = Some(Job {
                        run,
                        model,
                        seed,
                        pending: replications.into(),
                        client: id,
                        batches_sent: 0,
                    });
                    Self::schedule(scope, run);
                }
                Err(message) => {
                    self.job = None;
                    scope.respond(id, Response::Failed { run, message });
                }
            },
            Request::Cancel { run } => {
                if self.job.as_ref().is_some_and(|job| job.run == run) {
                    self.job = None;
                }
            }
        }
    }
}
