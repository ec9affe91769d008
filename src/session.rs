//! Baseline and scenario runs: two worker pools, the same seed and replication indices (common
//! random numbers), progressive summaries and the paired comparison as replications arrive,
//! made by the summary worker (`worker/summary.rs`): the page passes it the pools' batches
//! undecoded and draws what it answers.
//! Before a run, the engine's estimate of its cost decides whether it starts, waits for the
//! user's go-ahead, or is refused (`parcours_core::runs::budget`).

use std::cell::RefCell;
use std::rc::Rc;

use parcours_engine::{Comparison, Model, Scenario, Summary};

use parcours_core::runs::budget::{admit, Admission, PAGE_BUDGET};
use parcours_core::runs::protocol::{FromWorker, Side, Summarised, ToWorker};
use parcours_core::runs::{
    pool_size_for, LongRun, LossReason, Results, RunError, RunId, RunParams, RunView,
    WorkerFailure, DEFAULT_REPLICATIONS, REDRAW_MS,
};

use crate::lone_worker::LoneWorker;
use crate::runner::{PoolEvent, Stopper, WorkerPool, WORKER_SCRIPT};

/// Workers to start on this machine ([`pool_size_for`] its `navigator.hardwareConcurrency`).
pub fn pool_size() -> usize {
    pool_size_for(gloo_utils::window().navigator().hardware_concurrency())
}

/// Marks when the first figures of scenario run `run` have been drawn (`performance.now()` in
/// the `data-scenario-figures-at` attribute of `<html>`, the run in `data-scenario-figures-run`,
/// and a `performance.mark`): the latency test reads them.
pub fn mark_scenario_figures(run: RunId) {
    let Some(performance) = gloo_utils::window().performance() else {
        return;
    };
    let _ = performance.mark("parcours-scenario-figures");
    if let Some(root) = gloo_utils::document().document_element() {
        let _ = root.set_attribute("data-scenario-figures-at", &performance.now().to_string());
        let _ = root.set_attribute("data-scenario-figures-run", &run.to_string());
    }
}

/// A run that waits for the user's go-ahead (the engine estimates it long).
struct Pending {
    json: String,
    model: Model,
    long: LongRun,
}

/// A side's run as the page knows it: the summary worker holds its replications.
struct Started {
    run: RunId,
    total: usize,
    /// Replications received (and passed on to the summary worker).
    arrived: usize,
}

#[derive(Default)]
struct Slot {
    started: Option<Started>,
    error: Option<RunError>,
    summary: Option<Rc<Summary>>,
    /// Replications the summary covers.
    done: usize,
    /// Replications arrived since the summary was asked for.
    stale: bool,
    /// A summary of this run has been asked for (its first figures are asked at once).
    asked: bool,
    pending: Option<Pending>,
    replaced: Vec<LossReason>,
}

impl Slot {
    fn view(&self, replications: usize) -> RunView {
        // A run that could not start (an invalid scenario) has nothing to wait for.
        let total = match (&self.started, &self.error, &self.pending) {
            (Some(s), _, _) => s.total,
            (None, Some(_), _) => 0,
            (None, None, _) => replications,
        };
        RunView {
            run: self.started.as_ref().map_or(0, |s| s.run),
            done: self.done,
            total,
            summary: self.summary.clone(),
            error: self.error.clone(),
            awaiting: self.pending.as_ref().map(|p| p.long),
            replaced: self.replaced.clone(),
        }
    }

    fn run(&self) -> Option<RunId> {
        self.started.as_ref().map(|s| s.run)
    }

    fn finished(&self) -> bool {
        self.started.as_ref().is_some_and(|s| s.arrived >= s.total)
    }

    /// Takes `summarised` if it is this side's run.
    fn take(&mut self, summarised: Option<Summarised>) {
        if let Some(s) = summarised.filter(|s| Some(s.run) == self.run()) {
            self.summary = s.summary.map(Rc::from);
            self.done = s.done;
        }
    }
}

/// The summary worker (`worker/summary.rs`): the runs' replications merged and summarised, and
/// their comparison, off the page's thread.
struct Summaries {
    worker: LoneWorker,
    /// The request it is answering, and when it was sent.
    asked: Option<(u64, f64)>,
    /// Asked again as soon as it answers (a run's first or last figures, a stop, a failure).
    again: bool,
    next_request: u64,
    /// It failed: a new one starts with the next run.
    failed: bool,
}

struct State {
    base: Slot,
    scen: Option<Slot>,
    comparison: Option<Rc<Comparison>>,
    cancelled: bool,
    summaries: Option<Summaries>,
    /// Each side's pool, to stop a run when the summary worker fails.
    stoppers: Vec<(Side, Stopper)>,
    last_emit: f64,
    /// Least time until the next redraw, in ms: [`REDRAW_MS`], or four times what the last
    /// redraw took (from asking the summaries to the page's paint of them), so redrawing never
    /// takes more than about a fifth of the time (the workers share the page's cores).
    redraw_ms: f64,
    replications: usize,
    /// Events a worker simulates per millisecond on this device (from the runs so far), for
    /// the time a long run is said to take.
    events_per_ms: f64,
}

impl Default for State {
    fn default() -> Self {
        State {
            base: Slot::default(),
            scen: None,
            comparison: None,
            cancelled: false,
            summaries: None,
            stoppers: Vec::new(),
            last_emit: 0.0,
            redraw_ms: REDRAW_MS,
            replications: DEFAULT_REPLICATIONS as usize,
            // 1 million events a second: a cautious figure for WebAssembly on a phone.
            events_per_ms: 1_000.0,
        }
    }
}

impl State {
    fn slot(&mut self, side: Side) -> Option<&mut Slot> {
        match side {
            Side::Base => Some(&mut self.base),
            Side::Scen => self.scen.as_mut(),
        }
    }

    fn results(&self) -> Results {
        Results {
            base: self.base.view(self.replications),
            scen: self.scen.as_ref().map(|s| s.view(self.replications)),
            comparison: self.comparison.clone(),
            cancelled: self.cancelled,
        }
    }

    /// Tells the summary worker (if it works).
    fn tell(&self, message: ToWorker) {
        if let Some(summaries) = self.summaries.as_ref().filter(|s| !s.failed) {
            summaries.worker.post(message);
        }
    }

    /// Asks the summary worker for the summaries of the sides that changed: now, or when it
    /// answers the request it is on. Without a working summary worker, nothing is asked and
    /// the results are given as they are (returned).
    fn ask(&mut self) -> Option<Results> {
        let Some(summaries) = self.summaries.as_mut().filter(|s| !s.failed) else {
            return Some(self.results());
        };
        if summaries.asked.is_some() {
            summaries.again = true;
            return None;
        }
        let request = summaries.next_request;
        summaries.next_request += 1;
        let now = now_ms();
        summaries.asked = Some((request, now));
        summaries.worker.post(ToWorker::Summarise {
            request,
            stopped: self.cancelled,
        });
        self.last_emit = now;
        for slot in std::iter::once(&mut self.base).chain(self.scen.as_mut()) {
            if slot.stale {
                slot.stale = false;
                slot.asked = true;
            }
        }
        None
    }
}

/// The two pools and their runs; every change is pushed to `on_results`.
pub struct Session {
    state: Rc<RefCell<State>>,
    base_pool: Option<WorkerPool>,
    scen_pool: Option<WorkerPool>,
    on_results: Rc<dyn Fn(Results)>,
    params: RunParams,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Session {
    pub fn new(on_results: Rc<dyn Fn(Results)>) -> Session {
        Session {
            state: Rc::default(),
            base_pool: None,
            scen_pool: None,
            on_results,
            params: RunParams::default(),
        }
    }

    /// What a pool of `side` says: its replications go on to the summary worker, which is
    /// asked for summaries at once for a run's first and last figures, else at most every
    /// `redraw_ms`.
    fn handler(&self, side: Side) -> Rc<dyn Fn(RunId, PoolEvent)> {
        let state = self.state.clone();
        let on_results = self.on_results.clone();
        Rc::new(move |run_id: RunId, event: PoolEvent| {
            let results = {
                let mut guard = state.borrow_mut();
                let st = &mut *guard;
                if st.cancelled {
                    return;
                }
                let Some(slot) = st.slot(side) else { return };
                if slot.run() != Some(run_id) || slot.error.is_some() {
                    return; // a replaced run, or one that stopped
                }
                let must = match event {
                    PoolEvent::Replications(arrived) => {
                        if arrived.busy_ms > 0.0 && arrived.events > 0 {
                            let rate = arrived.events as f64 / arrived.busy_ms;
                            st.events_per_ms = 0.8 * st.events_per_ms + 0.2 * rate;
                        }
                        let slot = st.slot(side).expect("just seen");
                        if let Some(started) = slot.started.as_mut() {
                            started.arrived += arrived.fresh.len();
                        }
                        slot.stale = true;
                        let must = !slot.asked || slot.finished();
                        st.tell(ToWorker::Gather {
                            side,
                            run: run_id,
                            fresh: arrived.fresh,
                            replications: arrived.encoded,
                        });
                        must
                    }
                    PoolEvent::Replaced(reason) => {
                        if reason != LossReason::Unresponsive {
                            slot.replaced.push(reason);
                        }
                        true
                    }
                    PoolEvent::Failed(error) => {
                        web_sys::console::error_1(&format!("simulation: {error:?}").into());
                        slot.error = Some(error);
                        true
                    }
                };
                if !must && now_ms() - st.last_emit < st.redraw_ms {
                    return;
                }
                st.ask()
            };
            if let Some(results) = results {
                on_results(results);
            }
        })
    }

    /// What the summary worker says: the summaries are shown (those of runs replaced since are
    /// not); the time from asking to their paint spaces the next redraw.
    fn on_summaries(
        state: &Rc<RefCell<State>>,
        on_results: &Rc<dyn Fn(Results)>,
        answer: Result<FromWorker, String>,
    ) {
        let (results, sent) = {
            let mut guard = state.borrow_mut();
            let st = &mut *guard;
            let Some(summaries) = st.summaries.as_mut() else {
                return;
            };
            match answer {
                Ok(FromWorker::Summaries {
                    request,
                    base,
                    scen,
                    compared,
                }) => {
                    let Some((_, sent)) = summaries.asked.filter(|(r, _)| *r == request) else {
                        return;
                    };
                    summaries.asked = None;
                    let again = std::mem::take(&mut summaries.again);
                    st.base.take(base);
                    if let Some(slot) = st.scen.as_mut() {
                        slot.take(scen);
                    }
                    let runs = (st.base.run(), st.scen.as_ref().and_then(Slot::run));
                    if let Some(c) =
                        compared.filter(|c| runs == (Some(c.base_run), Some(c.scen_run)))
                    {
                        st.comparison = c.comparison.map(Rc::new);
                    }
                    let results = st.results();
                    if again {
                        st.ask();
                    }
                    (results, Some(sent))
                }
                Ok(_) => return,
                // A panic is said twice (the hook's message, then the abort's `error` event):
                // the first reason stays.
                Err(_) if summaries.failed => return,
                Err(reason) => {
                    // A bug (the worker only merges the workers' numbers): the runs it was
                    // summarising stop, with the reason; a new one starts with the next run.
                    web_sys::console::error_1(&format!("summary worker: {reason}").into());
                    summaries.failed = true;
                    summaries.asked = None;
                    let sides = [
                        (Side::Base, Some(&mut st.base)),
                        (Side::Scen, st.scen.as_mut()),
                    ];
                    for (side, slot) in sides {
                        let Some(slot) = slot else { continue };
                        if slot.started.as_ref().is_some_and(|s| slot.done < s.total) {
                            let failure = WorkerFailure::Summaries(reason.clone());
                            slot.error = Some(RunError::Workers(failure));
                            let pools = st.stoppers.iter().filter(|(s, _)| *s == side);
                            pools.for_each(|(_, pool)| pool.stop());
                        }
                    }
                    (st.results(), None)
                }
            }
        };
        on_results(results);
        if let Some(sent) = sent {
            // The page renders these results in this task; what the summaries and the render
            // took, until the paint, spaces the next redraw.
            let state = state.clone();
            crate::web::paint::after_paint(move || {
                let mut st = state.borrow_mut();
                st.redraw_ms = REDRAW_MS.max(4.0 * (now_ms() - sent));
            });
        }
    }

    /// The summary worker, started (again, if it failed) for a new run.
    fn summaries(&self) -> Result<(), String> {
        let mut st = self.state.borrow_mut();
        if st.summaries.as_ref().is_some_and(|s| !s.failed) {
            return Ok(());
        }
        st.summaries = None; // a failed one is terminated
        let (state, on_results) = (Rc::downgrade(&self.state), self.on_results.clone());
        let worker = LoneWorker::start(WORKER_SCRIPT, move |answer| {
            if let Some(state) = state.upgrade() {
                Session::on_summaries(&state, &on_results, answer);
            }
        })?;
        st.summaries = Some(Summaries {
            worker,
            asked: None,
            again: false,
            next_request: 0,
            failed: false,
        });
        Ok(())
    }

    fn pool(&mut self, side: Side) -> Result<&mut WorkerPool, String> {
        let handler = self.handler(side);
        let (pool, name) = match side {
            Side::Base => (&mut self.base_pool, "base"),
            Side::Scen => (&mut self.scen_pool, "scen"),
        };
        if pool.is_none() {
            let made = WorkerPool::new(name, pool_size(), handler)?;
            self.state
                .borrow_mut()
                .stoppers
                .push((side, made.stopper()));
            *pool = Some(made);
        }
        Ok(pool.as_mut().expect("just made"))
    }

    /// Starts a run that the page accepts (or that the user confirmed).
    fn launch(&mut self, side: Side, json: &str, model: &Model) -> Result<Started, RunError> {
        let RunParams { seed, replications } = self.params;
        let start_failed = |e| RunError::Workers(WorkerFailure::Start(e));
        self.summaries().map_err(start_failed)?;
        let run =
            self.pool(side)
                .map_err(start_failed)?
                .start(json, seed, PAGE_BUDGET, replications);
        let total = replications as usize;
        self.state.borrow().tell(ToWorker::Follow {
            side,
            run,
            layout: model.layout().clone(),
            seed,
            total,
        });
        Ok(Started {
            run,
            total,
            arrived: 0,
        })
    }

    fn start(&mut self, side: Side, scenario: &Scenario) {
        let replications = self.params.replications;
        // The previous run of this pool stops now, whatever happens next.
        if let Some(pool) = self.pool_of(side) {
            pool.stop();
        }
        let mut pending = None;
        let started = Model::new(scenario)
            .map_err(RunError::Invalid)
            .and_then(|model| {
                let json = serde_json::to_string(scenario).expect("a scenario is always JSON");
                match admit(&model, replications) {
                    Admission::Refuse(refusal) => Err(RunError::Refused(refusal)),
                    Admission::Ask(cost) => {
                        let work = cost.events * replications as f64;
                        let per_ms = self.events_per_ms() * pool_size() as f64;
                        let minutes = work / per_ms / 60_000.0;
                        let long = LongRun { cost, minutes };
                        pending = Some(Pending { json, model, long });
                        Ok(None)
                    }
                    Admission::Run => self.launch(side, &json, &model).map(Some),
                }
            });
        self.set_slot(side, |slot| {
            match started {
                Ok(started) => slot.started = started,
                Err(error) => slot.error = Some(error),
            }
            slot.pending = pending;
        });
    }

    /// Replaces what `side` shows (a new run: no summary, no comparison yet), then pushes the
    /// results.
    fn set_slot(&mut self, side: Side, change: impl FnOnce(&mut Slot)) {
        let results = {
            let mut st = self.state.borrow_mut();
            st.cancelled = false;
            st.replications = self.params.replications as usize;
            let slot = match side {
                Side::Base => &mut st.base,
                Side::Scen => st.scen.get_or_insert_with(Slot::default),
            };
            *slot = Slot::default();
            change(slot);
            if slot.started.is_none() {
                st.tell(ToWorker::Forget { side });
            }
            st.comparison = None;
            st.results()
        };
        (self.on_results)(results);
    }

    fn pool_of(&mut self, side: Side) -> Option<&mut WorkerPool> {
        match side {
            Side::Base => self.base_pool.as_mut(),
            Side::Scen => self.scen_pool.as_mut(),
        }
    }

    /// Runs a new baseline (and forgets the scenario) with this seed and number of
    /// replications, which the scenario's runs then share.
    pub fn run_baseline(&mut self, baseline: &Scenario, params: RunParams) {
        self.params = params;
        self.clear_scenario();
        self.start(Side::Base, baseline);
        // The scenario's workers start now (they load their WebAssembly while the baseline
        // runs), so the first lever move shows figures at once.
        if let Err(message) = self.pool(Side::Scen) {
            web_sys::console::error_1(&format!("scenario workers: {message}").into());
        }
    }

    /// Runs a scenario against the current baseline.
    pub fn run_scenario(&mut self, scenario: &Scenario) {
        self.start(Side::Scen, scenario);
    }

    /// The runs waiting for the user's go-ahead start.
    pub fn confirm(&mut self) {
        for side in [Side::Base, Side::Scen] {
            let pending = self
                .state
                .borrow_mut()
                .slot(side)
                .and_then(|s| s.pending.take());
            if let Some(Pending { json, model, .. }) = pending {
                let started = self.launch(side, &json, &model);
                self.set_slot(side, |slot| match started {
                    Ok(started) => slot.started = Some(started),
                    Err(error) => slot.error = Some(error),
                });
            }
        }
    }

    /// The events a worker simulates per millisecond here, as measured so far.
    pub fn events_per_ms(&self) -> f64 {
        self.state.borrow().events_per_ms
    }

    /// No scenario: only the baseline is shown.
    pub fn clear_scenario(&mut self) {
        if let Some(pool) = self.scen_pool.as_mut() {
            pool.stop();
        }
        let results = {
            let mut st = self.state.borrow_mut();
            st.scen = None;
            st.comparison = None;
            st.tell(ToWorker::Forget { side: Side::Scen });
            st.results()
        };
        (self.on_results)(results);
    }

    /// Stops both runs where they are (and forgets runs waiting for a go-ahead); what has
    /// arrived stays shown, summarised exactly.
    pub fn cancel(&mut self) {
        for pool in self.base_pool.iter_mut().chain(self.scen_pool.iter_mut()) {
            pool.stop();
        }
        let results = {
            let mut st = self.state.borrow_mut();
            st.cancelled = true;
            st.base.pending = None;
            if let Some(scen) = st.scen.as_mut() {
                scen.pending = None;
            }
            let now = st.results();
            st.ask().unwrap_or(now)
        };
        (self.on_results)(results);
    }
}
