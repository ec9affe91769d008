//! The simulation Web Worker: runs replications of a scenario off the main thread and sends them
//! back in batches (`parcours_core::runs::protocol`). It is its own binary (`src/bin/worker.rs`,
//! a `data-type="worker"` link in `index.html`), started by the page's pool (`runner.rs`). The
//! search worker (`search.rs`, a binary of its own) shares its start-up and messages ([`serve`]).
//!
//! Each replication runs in slices of a few thousand events (`Run::advance`); every
//! [`YIELD_MS`] the worker turns its event loop, so a stop or a new run from the page is read
//! within milliseconds, even in the middle of a replication that takes minutes. During a long
//! replication it says it is alive ([`PROGRESS_MS`]): the page tells a slow worker from a stuck
//! one. A panic is said to the page by the panic hook before the worker dies; the page replaces
//! the worker (the end-to-end test makes one with `web::panic::panic_for_test`, which this
//! binary exports too).
//!
//! Hand-written rather than gloo-worker: the page must see a worker's failures (its `error`
//! event), terminate and replace it, and transfer batches without copying them, none of which
//! gloo-worker's bridge offers.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Promise, Uint8Array};
use parcours_core::runs::protocol::{decode, encode, Encoded, FromWorker, ToWorker, WorkerError};
use parcours_core::runs::RunId;
use parcours_engine::{Budget, Model, Run, Scenario, ValidationError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

pub mod search;
pub mod summary;

/// Longest the worker computes without reading its messages, in ms.
pub const YIELD_MS: f64 = 10.0;
/// Events of one slice of a replication (well under a millisecond).
pub const SLICE_EVENTS: u64 = 4096;
/// Finished replications are sent at least this often, in ms (the first one at once).
pub const BATCH_MS: f64 = 60.0;
/// During a long replication, the worker says it is alive this often, in ms.
pub const PROGRESS_MS: f64 = 500.0;

/// Builds a runnable model from the scenario text the page wrote, with every validation problem
/// in the message.
pub fn model_from_json(scenario_json: &str) -> Result<Model, String> {
    model_of(&Scenario::from_json(scenario_json)?)
}

/// A runnable model of `scenario`, with every validation problem in the message.
fn model_of(scenario: &Scenario) -> Result<Model, String> {
    Model::new(scenario).map_err(|errors| errors_text(&errors))
}

/// Every validation problem, one a line.
fn errors_text(errors: &[ValidationError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The run this worker holds.
struct Current {
    run: RunId,
    model: Rc<Model>,
    seed: u64,
    budget: Budget,
    queue: VecDeque<u64>,
    /// A task is simulating this run's queue.
    busy: bool,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
    static YIELDS: Yields = Yields::new();
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Sends a message to the page, its buffer transferred.
fn post(message: &FromWorker) {
    let array = Uint8Array::from(&encode(message)[..]);
    let _ = scope().post_message_with_transfer(&array, &Array::of1(&array.buffer()));
}

/// Starts the simulation worker (`src/bin/worker.rs`): replications of a scenario.
pub fn start() {
    serve(received);
}

/// Starts a worker: the panic hook, `received` for every message from the page, and « ready ».
/// The two worker binaries (simulation, search) differ only by what they do with a message.
pub fn serve(received: fn(ToWorker)) {
    std::panic::set_hook(Box::new(|info| {
        // The worker cannot go on after a panic (WebAssembly aborts): say why before dying.
        post(&FromWorker::Panicked {
            message: info.to_string(),
        });
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let bytes = Uint8Array::new(&e.data()).to_vec();
        // Only the page can post to this worker; a message it cannot read is a bug, said once.
        match decode::<ToWorker>(&bytes) {
            Ok(message) => received(message),
            Err(e) => web_sys::console::error_1(&e.to_string().into()),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&FromWorker::Ready);
}

/// A message meant for the other worker binary: a bug of the page, said on the console.
pub fn not_mine(worker: &str) {
    let text = format!("the {worker} worker was sent a message it does not handle");
    web_sys::console::error_1(&text.into());
}

fn received(message: ToWorker) {
    match message {
        ToWorker::Run {
            run,
            scenario_json,
            seed,
            budget,
            indices,
        } => {
            post(&FromWorker::Ack { run });
            match model_from_json(&scenario_json) {
                Ok(model) => {
                    CURRENT.with_borrow_mut(|c| {
                        *c = Some(Current {
                            run,
                            model: Rc::new(model),
                            seed,
                            budget,
                            queue: indices.into(),
                            busy: false,
                        })
                    });
                    ensure_task();
                }
                Err(message) => {
                    CURRENT.with_borrow_mut(|c| *c = None);
                    post(&FromWorker::Failed {
                        run,
                        index: None,
                        error: WorkerError::Scenario(message),
                    });
                }
            }
        }
        ToWorker::More { run, indices } => {
            post(&FromWorker::Ack { run });
            let current = CURRENT.with_borrow_mut(|c| match c {
                Some(c) if c.run == run => {
                    c.queue.extend(indices);
                    true
                }
                _ => false,
            });
            if current {
                ensure_task();
            }
        }
        ToWorker::Optimise { .. } | ToWorker::Guess { .. } | ToWorker::FluidRank { .. } => {
            not_mine("simulation")
        }
        // The same binary is the page's summary worker (`summary.rs`).
        ToWorker::Follow { .. }
        | ToWorker::Forget { .. }
        | ToWorker::Gather { .. }
        | ToWorker::Summarise { .. } => summary::received(message),
        ToWorker::Stop { run } => {
            post(&FromWorker::Ack { run });
            CURRENT.with_borrow_mut(|c| {
                if c.as_ref().is_some_and(|c| c.run == run) {
                    *c = None;
                }
            });
        }
    }
}

/// Starts the task that simulates the current run's queue, unless it runs already.
fn ensure_task() {
    let start = CURRENT.with_borrow_mut(|c| match c {
        Some(c) if !c.busy && !c.queue.is_empty() => {
            c.busy = true;
            Some((c.run, c.model.clone(), c.seed, c.budget))
        }
        _ => None,
    });
    if let Some((run, model, seed, budget)) = start {
        wasm_bindgen_futures::spawn_local(simulate(run, model, seed, budget));
    }
}

fn is_current(run: RunId) -> bool {
    CURRENT.with_borrow(|c| c.as_ref().is_some_and(|c| c.run == run))
}

/// The next index of run `run`, or none (the run is over or replaced: the task ends).
fn next_index(run: RunId) -> Option<u64> {
    CURRENT.with_borrow_mut(|c| match c {
        Some(c) if c.run == run => {
            let next = c.queue.pop_front();
            if next.is_none() {
                c.busy = false;
            }
            next
        }
        _ => None,
    })
}

fn fail(run: RunId, index: u64, error: parcours_engine::SimError) {
    CURRENT.with_borrow_mut(|c| {
        if c.as_ref().is_some_and(|c| c.run == run) {
            *c = None;
        }
    });
    post(&FromWorker::Failed {
        run,
        index: Some(index),
        error: WorkerError::Budget(error),
    });
}

/// Simulates run `run`'s queue, sending batches, until the queue is empty or the run is no
/// longer the current one.
async fn simulate(run: RunId, model: Rc<Model>, seed: u64, budget: Budget) {
    let mut batch = Vec::new();
    let mut busy_ms = 0.0;
    let mut first = true;
    let mut last_sent = now_ms();
    let mut last_yield = now_ms();
    while let Some(index) = next_index(run) {
        let started = now_ms();
        let mut replication = match Run::new(&model, seed, index, budget) {
            Ok(r) => r,
            Err(error) => return fail(run, index, error),
        };
        let mut last_progress = started;
        loop {
            match replication.advance(SLICE_EVENTS) {
                Ok(true) => break,
                Ok(false) => {}
                Err(error) => return fail(run, index, error),
            }
            let now = now_ms();
            if now - last_yield >= YIELD_MS {
                if now - last_progress >= PROGRESS_MS {
                    last_progress = now;
                    post(&FromWorker::Progress {
                        run,
                        index,
                        day: replication.day(),
                        events: replication.events(),
                    });
                }
                yield_now().await;
                last_yield = now_ms();
                if !is_current(run) {
                    return; // stopped or replaced: the replication is dropped
                }
            }
        }
        match replication.finish() {
            Ok(r) => batch.push(r),
            Err(error) => return fail(run, index, error),
        }
        let now = now_ms();
        busy_ms += now - started;
        let idle = CURRENT.with_borrow(|c| c.as_ref().is_none_or(|c| c.queue.is_empty()));
        if first || idle || now - last_sent >= BATCH_MS {
            let replications = std::mem::take(&mut batch);
            post(&FromWorker::Batch {
                run,
                indices: replications.iter().map(|r| r.index).collect(),
                events: replications.iter().map(|r| r.events).sum(),
                replications: Encoded::new(&replications),
                busy_ms,
                idle,
            });
            first = false;
            busy_ms = 0.0;
            last_sent = now;
        }
        if now - last_yield >= YIELD_MS {
            yield_now().await;
            last_yield = now_ms();
        }
    }
}

/// Yields to the worker's event loop (its messages) and resumes at once: a message to itself on
/// a `MessageChannel`, a task without the 4 ms clamp of nested `setTimeout`s.
struct Yields {
    channel: MessageChannel,
    waiting: Rc<RefCell<VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Yields {
    fn new() -> Yields {
        let channel = MessageChannel::new().expect("workers have MessageChannel");
        let waiting: Rc<RefCell<VecDeque<js_sys::Function>>> = Rc::default();
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |_| {
                if let Some(resolve) = waiting.borrow_mut().pop_front() {
                    let _ = resolve.call0(&JsValue::UNDEFINED);
                }
            })
        };
        channel
            .port1()
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Yields {
            channel,
            waiting,
            _on_message: on_message,
        }
    }
}

async fn yield_now() {
    let promise = Promise::new(&mut |resolve, _| {
        YIELDS.with(|y| {
            y.waiting.borrow_mut().push_back(resolve);
            let _ = y.channel.port2().post_message(&JsValue::NULL);
        })
    });
    let _ = JsFuture::from(promise).await;
}
