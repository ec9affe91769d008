//! The page's side of a Monte Carlo run: a pool of simulation workers (`worker.rs`), each handed
//! replication indices a few at a time (`parcours_core::runs::dispatch`), and watched: a worker
//! that fails (its `error` event: « unreachable », out of memory, a panic) or stops answering is
//! terminated and replaced, what it held is simulated by the others, and the page is told
//! ([`PoolEvent`]). A stop is read by a worker within milliseconds (it turns its event loop
//! between slices of a replication); one that does not read it is terminated.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use js_sys::Uint8Array;
use parcours_core::runs::dispatch::Dispatch;
use parcours_core::runs::protocol::{decode, encode, Encoded, FromWorker, ToWorker, WorkerError};
use parcours_core::runs::{LossReason, RunError, RunId, WorkerFailure};
use parcours_engine::{Budget, Replication};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

mod watch;
use watch::{lose, on_error, watch, WATCH_MS};

/// File name of the simulation worker's script, as Trunk writes it: the binary's name, never hashed.
pub const WORKER_SCRIPT: &str = "parcours-worker.js";
/// File name of the search worker's script (`search_worker.rs`), likewise.
pub const SEARCH_SCRIPT: &str = "parcours-search.js";

/// Absolute URL of a worker script ([`WORKER_SCRIPT`], [`SEARCH_SCRIPT`]), resolved against the
/// page's base URL so the site works from any sub-path (`https://host/some/dir/`), not only
/// from the server root.
pub fn worker_url(script: &str) -> String {
    let document = gloo_utils::document();
    let base = document
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| gloo_utils::window().location().href().unwrap_or_default());
    web_sys::Url::new_with_base(script, &base)
        .map(|url| url.href())
        .unwrap_or_else(|_| script.to_string())
}

/// A `blob:` URL of a tiny script that loads the worker: the worker's wasm-bindgen script
/// (`--target no-modules`, as Trunk builds workers), then its WebAssembly next to it. A failure
/// to load is posted to the page (a rejected promise in a worker is no `error` event).
pub fn worker_loader_url(script_url: &str) -> Result<String, String> {
    let base = script_url.strip_suffix(".js").unwrap_or(script_url);
    let wasm_url = format!("{base}_bg.wasm");
    let js = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    let source = format!(
        "importScripts({});wasm_bindgen({{module_or_path:{}}}).catch(function(e){{postMessage({{parcoursLoadError:String(e)}});}});",
        js(script_url),
        js(&wasm_url)
    );
    let parts = js_sys::Array::of1(&source.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("worker loader: {e:?}"))?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("worker loader: {e:?}"))
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A batch of the current run, as its worker encoded it: the page's runs pass it on to the
/// summary worker undecoded (`session.rs`); the others decode it ([`Arrived::replications`]).
#[derive(Debug)]
pub struct Arrived {
    /// The indices of the replications not received before (each counts once, whichever
    /// worker simulated it).
    pub fresh: Vec<u64>,
    /// Events the batch's replications took, and the milliseconds its worker spent on them.
    pub events: u64,
    pub busy_ms: f64,
    pub encoded: Encoded<Vec<Replication>>,
}

impl Arrived {
    /// The fresh replications, decoded on this thread.
    pub fn replications(&self) -> Vec<Replication> {
        match self.encoded.decode() {
            Ok(mut replications) => {
                replications.retain(|r| self.fresh.contains(&r.index));
                replications
            }
            // The worker's own bytes: a bug, said on the console.
            Err(e) => {
                web_sys::console::error_1(&e.to_string().into());
                Vec::new()
            }
        }
    }
}

/// What the pool tells the page about its current run.
#[derive(Debug)]
pub enum PoolEvent {
    /// Replications of the run, each once.
    Replications(Arrived),
    /// A worker was lost and replaced; the run goes on without loss.
    Replaced(LossReason),
    /// The run stopped: why.
    Failed(RunError),
}

type OnEvent = Rc<dyn Fn(RunId, PoolEvent)>;

enum Health {
    Loading { since: f64 },
    Ready,
}

struct Slot {
    worker: Worker,
    /// The closures the worker calls; dropped with it.
    _listeners: [Closure<dyn FnMut(web_sys::Event)>; 3],
    /// Tells this worker's messages from those of the worker it replaced.
    generation: u64,
    health: Health,
    last_heard: f64,
    /// The replication it is simulating, as its last progress message said.
    current: Option<u64>,
    /// When it was sent a stop or a new run it has not acknowledged yet.
    unacknowledged: Option<f64>,
}

struct Current {
    run: RunId,
    scenario_json: Rc<str>,
    seed: u64,
    budget: Budget,
    dispatch: Dispatch,
}

struct Inner {
    /// Names the pool in the page's `data-busy-workers-<name>` attribute (tests read it).
    name: &'static str,
    loader: String,
    slots: Vec<Slot>,
    next_generation: u64,
    next_run: RunId,
    current: Option<Current>,
    on_event: OnEvent,
    last_watch: f64,
    losses: VecDeque<f64>,
    /// No more workers are started (too many lost).
    given_up: bool,
}

/// A pool of simulation workers. Dropping it terminates them (each `Slot` does).
pub struct WorkerPool {
    inner: Rc<RefCell<Inner>>,
    _watchdog: Interval,
}

/// Events to give the page once the pool is no longer borrowed.
type Outbox = Vec<(RunId, PoolEvent)>;

impl WorkerPool {
    /// Starts `size` workers; every event of the current run goes to `on_event`.
    pub fn new(name: &'static str, size: usize, on_event: OnEvent) -> Result<Self, String> {
        let loader = worker_loader_url(&worker_url(WORKER_SCRIPT))?;
        let inner = Rc::new(RefCell::new(Inner {
            name,
            loader,
            slots: Vec::new(),
            next_generation: 0,
            next_run: 1,
            current: None,
            on_event,
            last_watch: now_ms(),
            losses: VecDeque::new(),
            given_up: false,
        }));
        for i in 0..size.max(1) {
            let slot = spawn(&inner, i)?;
            inner.borrow_mut().slots.push(slot);
        }
        let watchdog = {
            let weak = Rc::downgrade(&inner);
            Interval::new(WATCH_MS, move || watch(&weak))
        };
        Ok(WorkerPool {
            inner,
            _watchdog: watchdog,
        })
    }

    /// Starts a run of replications `0..total` (replacing the current one) and returns its id.
    pub fn start(&mut self, scenario_json: &str, seed: u64, budget: Budget, total: u64) -> RunId {
        self.start_range(scenario_json, seed, budget, 0, total)
    }

    /// Starts a run of replications `first..first + count` (a part of a sweep).
    pub fn start_range(
        &mut self,
        scenario_json: &str,
        seed: u64,
        budget: Budget,
        first: u64,
        count: u64,
    ) -> RunId {
        let mut inner = self.inner.borrow_mut();
        let run = inner.next_run;
        inner.next_run += 1;
        inner.current = Some(Current {
            run,
            scenario_json: scenario_json.into(),
            seed,
            budget,
            dispatch: Dispatch::range(first, count),
        });
        for i in 0..inner.slots.len() {
            if matches!(inner.slots[i].health, Health::Ready) {
                inner.send_run(i);
            }
        }
        inner.show_busy();
        run
    }

    /// Stops the current run in every worker.
    pub fn stop(&mut self) {
        self.inner.borrow_mut().stop();
    }

    /// What stops this pool's current run from where the pool is not at hand.
    pub fn stopper(&self) -> Stopper {
        Stopper(Rc::downgrade(&self.inner))
    }
}

/// Stops a pool's current run (as [`WorkerPool::stop`]) from a callback that does not hold the
/// pool (the summary worker's failure, `session.rs`); nothing once the pool is dropped.
#[derive(Clone)]
pub struct Stopper(std::rc::Weak<RefCell<Inner>>);

impl Stopper {
    pub fn stop(&self) {
        if let Some(inner) = self.0.upgrade() {
            inner.borrow_mut().stop();
        }
    }
}

/// A slot dropped (its worker replaced, or the pool dropped) terminates its worker and unhooks
/// it: an event the worker sent before it was terminated (the `error` event of a panic's abort,
/// which follows the hook's message) may still be queued, and must not call the dropped
/// listeners (« closure invoked recursively or after being dropped »).
impl Drop for Slot {
    fn drop(&mut self) {
        self.stop_worker();
    }
}

impl Slot {
    /// Terminates the worker and unhooks its listeners: nothing it sent before is read.
    fn stop_worker(&self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
    }
}

pub fn post(worker: &Worker, message: &ToWorker) {
    let array = Uint8Array::from(&encode(message)[..]);
    let _ = worker.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer()));
}

/// Starts a worker for slot `index`, its messages and failures routed to the pool.
fn spawn(inner: &Rc<RefCell<Inner>>, index: usize) -> Result<Slot, String> {
    let (loader, generation) = {
        let mut i = inner.borrow_mut();
        i.next_generation += 1;
        (i.loader.clone(), i.next_generation)
    };
    let worker = Worker::new(&loader).map_err(|e| format!("{e:?}"))?;
    let listener = |handle: fn(&Rc<RefCell<Inner>>, usize, u64, web_sys::Event) -> Outbox| {
        let weak = Rc::downgrade(inner);
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let Some(inner) = weak.upgrade() else { return };
            let outbox = handle(&inner, index, generation, e);
            deliver(&inner, outbox);
        })
    };
    let message_listener = listener(on_message);
    let error_listener = listener(on_error);
    let message_error_listener = listener(on_error);
    worker.set_onmessage(Some(message_listener.as_ref().unchecked_ref()));
    worker.set_onerror(Some(error_listener.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(message_error_listener.as_ref().unchecked_ref()));
    let now = now_ms();
    Ok(Slot {
        worker,
        _listeners: [message_listener, error_listener, message_error_listener],
        generation,
        health: Health::Loading { since: now },
        last_heard: now,
        current: None,
        unacknowledged: None,
    })
}

fn deliver(inner: &Rc<RefCell<Inner>>, outbox: Outbox) {
    if outbox.is_empty() {
        return;
    }
    let on_event = inner.borrow().on_event.clone();
    for (run, event) in outbox {
        on_event(run, event);
    }
}

/// The slot's index if `generation` is still the worker in it.
fn live(inner: &Inner, index: usize, generation: u64) -> bool {
    inner
        .slots
        .get(index)
        .is_some_and(|s| s.generation == generation)
}

fn on_message(
    inner: &Rc<RefCell<Inner>>,
    index: usize,
    generation: u64,
    e: web_sys::Event,
) -> Outbox {
    let mut outbox = Outbox::new();
    let mut i = inner.borrow_mut();
    if !live(&i, index, generation) {
        return outbox;
    }
    let data = e.unchecked_into::<MessageEvent>().data();
    let message = match data.dyn_into::<Uint8Array>() {
        Ok(array) => decode::<FromWorker>(&array.to_vec()).map_err(|e| e.to_string()),
        Err(other) => Err(js_sys::Reflect::get(&other, &"parcoursLoadError".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| "unreadable message".into())),
    };
    let message = match message {
        Ok(m) => m,
        Err(text) => {
            drop(i);
            return lose(inner, index, LossReason::Crashed(text));
        }
    };
    let now = now_ms();
    let slot = &mut i.slots[index];
    slot.last_heard = now;
    let current_run = i.current.as_ref().map(|c| c.run);
    match message {
        FromWorker::Ready => {
            i.slots[index].health = Health::Ready;
            if current_run.is_some() {
                i.send_run(index);
            }
        }
        FromWorker::Ack { .. } => i.slots[index].unacknowledged = None,
        FromWorker::Progress { run, index: r, .. } => {
            if Some(run) == current_run {
                i.slots[index].current = Some(r);
            }
        }
        FromWorker::Batch {
            run,
            indices,
            events,
            replications,
            busy_ms,
            ..
        } => {
            i.slots[index].current = None;
            if let Some(current) = i.current.as_mut().filter(|c| c.run == run) {
                let fresh = current.dispatch.finished(index, &indices, busy_ms);
                let more = current.dispatch.top_up(index);
                if !more.is_empty() {
                    post(
                        &i.slots[index].worker,
                        &ToWorker::More { run, indices: more },
                    );
                }
                if !fresh.is_empty() {
                    let event = PoolEvent::Replications(Arrived {
                        fresh,
                        events,
                        busy_ms,
                        encoded: replications,
                    });
                    outbox.push((run, event));
                }
            }
        }
        FromWorker::Failed {
            run,
            index: r,
            error,
        } => {
            if Some(run) == current_run {
                let error = match error {
                    WorkerError::Budget(error) => RunError::Budget {
                        index: r.unwrap_or(0),
                        error,
                    },
                    WorkerError::Scenario(text) => RunError::Workers(WorkerFailure::Scenario(text)),
                };
                i.fail_current(error, &mut outbox);
            }
        }
        // The pool's workers are never asked for a search, guesses or a fluid ranking
        // (`search_worker.rs` is), nor for summaries (`summary_worker.rs` is).
        FromWorker::Optimised { .. }
        | FromWorker::Searching { .. }
        | FromWorker::Guessed { .. }
        | FromWorker::FluidRanked { .. }
        | FromWorker::Summaries { .. } => {}
        FromWorker::Panicked { message } => {
            // Its last words: WebAssembly aborts after the hook (the error event that follows
            // is then the replaced worker's, and ignored).
            web_sys::console::error_1(&format!("simulation worker: {message}").into());
            drop(i);
            return lose(inner, index, LossReason::Panicked(message));
        }
    }
    i.show_busy();
    outbox
}

impl Inner {
    /// Stops the current run in every worker.
    fn stop(&mut self) {
        self.drop_current();
        self.show_busy();
    }

    /// Takes the current run away and tells every ready worker to drop it; returns it.
    fn drop_current(&mut self) -> Option<Current> {
        let current = self.current.take()?;
        let now = now_ms();
        for slot in self.slots.iter_mut() {
            if matches!(slot.health, Health::Ready) {
                post(&slot.worker, &ToWorker::Stop { run: current.run });
                slot.unacknowledged.get_or_insert(now);
            }
        }
        Some(current)
    }

    /// Sends the current run to worker `index` with its first indices.
    fn send_run(&mut self, index: usize) {
        let Some(current) = self.current.as_mut() else {
            return;
        };
        let indices = current.dispatch.top_up(index);
        let message = ToWorker::Run {
            run: current.run,
            scenario_json: current.scenario_json.to_string(),
            seed: current.seed,
            budget: current.budget,
            indices,
        };
        let slot = &mut self.slots[index];
        post(&slot.worker, &message);
        slot.unacknowledged.get_or_insert(now_ms());
        slot.current = None;
    }

    /// What worker `lost` held goes at once to the other workers that wait for work.
    fn share_returned(&mut self, lost: usize) {
        let Some(current) = self.current.as_mut() else {
            return;
        };
        for (index, slot) in self.slots.iter_mut().enumerate() {
            if index == lost
                || !matches!(slot.health, Health::Ready)
                || !current.dispatch.held(index).is_empty()
            {
                continue;
            }
            let indices = current.dispatch.top_up(index);
            if !indices.is_empty() {
                let run = current.run;
                post(&slot.worker, &ToWorker::More { run, indices });
            }
        }
    }

    /// The current run stops with `error`: every worker is told to drop it.
    fn fail_current(&mut self, error: RunError, outbox: &mut Outbox) {
        if let Some(current) = self.drop_current() {
            outbox.push((current.run, PoolEvent::Failed(error)));
        }
    }

    /// Workers busy with a run or with a stop they have not read (`data-busy-workers-<name>`).
    fn show_busy(&self) {
        let busy = self
            .slots
            .iter()
            .enumerate()
            .filter(|(index, slot)| {
                slot.unacknowledged.is_some()
                    || self
                        .current
                        .as_ref()
                        .is_some_and(|c| !c.dispatch.held(*index).is_empty())
            })
            .count();
        if let Some(root) = gloo_utils::document().document_element() {
            let _ = root.set_attribute(
                &format!("data-busy-workers-{}", self.name),
                &busy.to_string(),
            );
        }
    }
}
