//! Baseline and scenario runs: two worker pools, the same seed and replication indices (common
//! random numbers), progressive summaries and the paired comparison as replications arrive.
//! Before a run, the engine's estimate of its cost decides whether it starts, waits for the
//! user's go-ahead, or is refused (`parcours_core::runs::budget`).

use std::cell::RefCell;
use std::rc::Rc;

use parcours_engine::{Comparison, Model, Scenario, Summary};

use parcours_core::measures::MapFigures;
use parcours_core::runs::budget::{admit, Admission, PAGE_BUDGET};
use parcours_core::runs::{
    pool_size_for, LongRun, LossReason, Results, RunError, RunId, RunParams, RunProgress, RunView,
    DEFAULT_REPLICATIONS, DEFAULT_SEED, MAP_REPLICATIONS, REDRAW_MS,
};

use crate::runner::{PoolEvent, WorkerPool};

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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Which {
    Base,
    Scen,
}

/// A run that waits for the user's go-ahead (the engine estimates it long).
struct Pending {
    json: String,
    model: Model,
    long: LongRun,
}

#[derive(Default)]
struct Slot {
    progress: Option<RunProgress>,
    error: Option<RunError>,
    summary: Option<Rc<Summary>>,
    /// Replications arrived since the summary was made.
    stale: bool,
    pending: Option<Pending>,
    replaced: Vec<LossReason>,
}

impl Slot {
    fn view(&self, replications: usize) -> RunView {
        // A run that could not start (an invalid scenario) has nothing to wait for.
        let total = match (&self.progress, &self.error, &self.pending) {
            (Some(p), _, _) => p.total,
            (None, Some(_), _) => 0,
            (None, None, _) => replications,
        };
        RunView {
            run: self.progress.as_ref().map_or(0, |p| p.run),
            done: self.progress.as_ref().map_or(0, |p| p.done()),
            total,
            summary: self.summary.clone(),
            error: self.error.clone(),
            awaiting: self.pending.as_ref().map(|p| p.long),
            replaced: self.replaced.clone(),
        }
    }

    /// The summary again, if replications arrived since; `stopped`: the run will get no more
    /// (its summary is then the engine's exactly).
    fn refresh(&mut self, stopped: bool) -> bool {
        if !self.stale {
            return false;
        }
        self.stale = false;
        self.summary = self
            .progress
            .as_mut()
            .and_then(|p| {
                let exact = stopped || p.is_finished();
                p.summary(exact)
            })
            .map(Rc::new);
        true
    }
}

struct State {
    base: Slot,
    scen: Option<Slot>,
    comparison: Option<Rc<Comparison>>,
    cancelled: bool,
    last_emit: f64,
    /// Least time until the next redraw, in ms: [`REDRAW_MS`], or four times what the last
    /// redraw took (its summaries, the page's render, until its paint), so redrawing never takes
    /// more than about a fifth of the page's time (the workers share its cores).
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
            last_emit: 0.0,
            redraw_ms: REDRAW_MS,
            replications: DEFAULT_REPLICATIONS as usize,
            // 1 million events a second: a cautious figure for WebAssembly on a phone.
            events_per_ms: 1_000.0,
        }
    }
}

impl State {
    fn slot(&mut self, which: Which) -> Option<&mut Slot> {
        match which {
            Which::Base => Some(&mut self.base),
            Which::Scen => self.scen.as_mut(),
        }
    }

    /// Summaries of the runs that changed, and the comparison if either did.
    fn refresh(&mut self) {
        let stopped = self.cancelled;
        let mut changed = self.base.refresh(stopped);
        if let Some(scen) = self.scen.as_mut() {
            changed |= scen.refresh(stopped);
        }
        if !changed {
            return;
        }
        self.comparison = match (&self.base.progress, self.scen.as_ref()) {
            (
                Some(b),
                Some(Slot {
                    progress: Some(s), ..
                }),
            ) => b.compare(s).ok().map(Rc::new),
            _ => None,
        };
    }

    fn results(&self) -> Results {
        Results {
            base: self.base.view(self.replications),
            scen: self.scen.as_ref().map(|s| s.view(self.replications)),
            comparison: self.comparison.clone(),
            cancelled: self.cancelled,
        }
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

    fn handler(&self, which: Which) -> Rc<dyn Fn(RunId, PoolEvent)> {
        let state = self.state.clone();
        let on_results = self.on_results.clone();
        Rc::new(move |run_id: RunId, event: PoolEvent| {
            let results = {
                let mut st = state.borrow_mut();
                if st.cancelled {
                    return;
                }
                let Some(slot) = st.slot(which) else { return };
                // The first figures of a run are shown at once, whatever the throttle says.
                let first = slot.summary.is_none();
                let Some(run) = slot.progress.as_mut().filter(|p| p.run == run_id) else {
                    return; // a replaced run
                };
                let mut measured = None;
                match event {
                    PoolEvent::Replications {
                        replications,
                        busy_ms,
                    } => {
                        let events: u64 = replications.iter().map(|r| r.events).sum();
                        if busy_ms > 0.0 && events > 0 {
                            measured = Some(events as f64 / busy_ms);
                        }
                        run.add(replications);
                        slot.stale = true;
                    }
                    PoolEvent::Replaced(reason) => {
                        if reason != LossReason::Unresponsive {
                            slot.replaced.push(reason);
                        }
                    }
                    PoolEvent::Failed(error) => {
                        web_sys::console::error_1(&format!("simulation: {error:?}").into());
                        slot.error = Some(error);
                    }
                }
                let finished = slot.progress.as_ref().is_some_and(RunProgress::is_finished);
                if let Some(rate) = measured {
                    st.events_per_ms = 0.8 * st.events_per_ms + 0.2 * rate;
                }
                let now = now_ms();
                if !first && !finished && now - st.last_emit < st.redraw_ms {
                    return;
                }
                st.last_emit = now;
                st.refresh();
                st.results()
            };
            on_results(results);
            // The page renders these results in this task; what that cost (the summaries
            // included, measured at the next paint) spaces the next redraw.
            let state = state.clone();
            crate::web::paint::after_paint(move || {
                let mut st = state.borrow_mut();
                st.redraw_ms = REDRAW_MS.max(4.0 * (now_ms() - st.last_emit));
            });
        })
    }

    fn pool(&mut self, which: Which) -> Result<&mut WorkerPool, String> {
        let handler = self.handler(which);
        let (pool, name) = match which {
            Which::Base => (&mut self.base_pool, "base"),
            Which::Scen => (&mut self.scen_pool, "scen"),
        };
        if pool.is_none() {
            *pool = Some(WorkerPool::new(name, pool_size(), handler)?);
        }
        Ok(pool.as_mut().expect("just made"))
    }

    /// Starts a run that the page accepts (or that the user confirmed).
    fn launch(&mut self, which: Which, json: &str, model: &Model) -> Result<RunProgress, RunError> {
        let RunParams { seed, replications } = self.params;
        let pool = self
            .pool(which)
            .map_err(|e| RunError::Workers(parcours_core::runs::WorkerFailure::Start(e)))?;
        let run = pool.start(json, seed, PAGE_BUDGET, replications);
        Ok(RunProgress::new(
            run,
            model.layout().clone(),
            seed,
            replications as usize,
        ))
    }

    fn start(&mut self, which: Which, scenario: &Scenario) {
        let replications = self.params.replications;
        // The previous run of this pool stops now, whatever happens next.
        if let Some(pool) = self.pool_of(which) {
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
                    Admission::Run => self.launch(which, &json, &model).map(Some),
                }
            });
        self.set_slot(which, |slot| {
            *slot = Slot::default();
            match started {
                Ok(progress) => slot.progress = progress,
                Err(error) => slot.error = Some(error),
            }
            slot.pending = pending;
        });
    }

    /// Replaces what `which` shows, then pushes the results.
    fn set_slot(&mut self, which: Which, change: impl FnOnce(&mut Slot)) {
        let results = {
            let mut st = self.state.borrow_mut();
            st.cancelled = false;
            st.replications = self.params.replications as usize;
            let slot = match which {
                Which::Base => &mut st.base,
                Which::Scen => st.scen.get_or_insert_with(Slot::default),
            };
            change(slot);
            slot.stale = true;
            st.refresh();
            st.results()
        };
        (self.on_results)(results);
    }

    fn pool_of(&mut self, which: Which) -> Option<&mut WorkerPool> {
        match which {
            Which::Base => self.base_pool.as_mut(),
            Which::Scen => self.scen_pool.as_mut(),
        }
    }

    /// Runs a new baseline (and forgets the scenario) with this seed and number of
    /// replications, which the scenario's runs then share.
    pub fn run_baseline(&mut self, baseline: &Scenario, params: RunParams) {
        self.params = params;
        self.clear_scenario();
        self.start(Which::Base, baseline);
        // The scenario's workers start now (they load their WebAssembly while the baseline
        // runs), so the first lever move shows figures at once.
        if let Err(message) = self.pool(Which::Scen) {
            web_sys::console::error_1(&format!("scenario workers: {message}").into());
        }
    }

    /// Runs a scenario against the current baseline.
    pub fn run_scenario(&mut self, scenario: &Scenario) {
        self.start(Which::Scen, scenario);
    }

    /// The runs waiting for the user's go-ahead start.
    pub fn confirm(&mut self) {
        for which in [Which::Base, Which::Scen] {
            let pending = self
                .state
                .borrow_mut()
                .slot(which)
                .and_then(|s| s.pending.take());
            if let Some(Pending { json, model, .. }) = pending {
                let started = self.launch(which, &json, &model);
                self.set_slot(which, |slot| match started {
                    Ok(progress) => slot.progress = Some(progress),
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
            st.results()
        };
        (self.on_results)(results);
    }

    /// Stops both runs where they are (and forgets runs waiting for a go-ahead); what has
    /// arrived stays shown.
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
            st.refresh();
            st.results()
        };
        (self.on_results)(results);
    }
}

struct MapState {
    queue: Vec<(String, Scenario)>,
    current: Option<(String, Scenario, RunProgress)>,
    figures: std::collections::BTreeMap<String, MapFigures>,
    /// While the baseline or the scenario runs, the map waits (its runs would slow them down).
    paused: bool,
}

/// Small runs of every territory, one after the other, for the map; started after the first
/// baseline run so they never slow it down.
pub struct MapRunner {
    state: Rc<RefCell<MapState>>,
    pool: Option<WorkerPool>,
    on_figures: Rc<dyn Fn(std::collections::BTreeMap<String, MapFigures>)>,
}

impl MapRunner {
    pub fn new(on_figures: Rc<dyn Fn(std::collections::BTreeMap<String, MapFigures>)>) -> Self {
        MapRunner {
            state: Rc::new(RefCell::new(MapState {
                queue: Vec::new(),
                current: None,
                figures: Default::default(),
                paused: false,
            })),
            pool: None,
            on_figures,
        }
    }

    pub fn started(&self) -> bool {
        self.pool.is_some()
    }

    /// Runs every territory (code, scenario) in turn.
    pub fn start(this: &Rc<RefCell<MapRunner>>, territories: Vec<(String, Scenario)>) {
        let handler: Rc<dyn Fn(RunId, PoolEvent)> = {
            let weak = Rc::downgrade(this);
            Rc::new(move |run_id: RunId, event: PoolEvent| {
                let Some(runner) = weak.upgrade() else { return };
                let (figures, on_figures) = {
                    let runner = runner.borrow();
                    let mut st = runner.state.borrow_mut();
                    let Some((code, _, run)) = st.current.as_mut() else {
                        return;
                    };
                    if run.run != run_id {
                        return;
                    }
                    let code = code.clone();
                    let finished = match event {
                        PoolEvent::Replications { replications, .. } => {
                            run.add(replications);
                            run.is_finished().then(|| run.summary(true)).flatten()
                        }
                        PoolEvent::Replaced(_) => return,
                        PoolEvent::Failed(error) => {
                            web_sys::console::error_1(&format!("map run: {error:?}").into());
                            st.current = None;
                            None
                        }
                    };
                    let failed = st.current.is_none();
                    if let Some(summary) = finished {
                        st.figures.insert(code, MapFigures::of(&summary));
                        st.current = None;
                        (Some(st.figures.clone()), runner.on_figures.clone())
                    } else if failed {
                        (None, runner.on_figures.clone())
                    } else {
                        return;
                    }
                };
                runner.borrow_mut().next();
                if let Some(figures) = figures {
                    on_figures(figures);
                }
            })
        };
        let mut runner = this.borrow_mut();
        match WorkerPool::new("map", pool_size().min(2), handler) {
            Ok(pool) => runner.pool = Some(pool),
            Err(message) => {
                web_sys::console::error_1(&format!("map run: {message}").into());
                return;
            }
        }
        runner.state.borrow_mut().queue = territories.into_iter().rev().collect();
        runner.next();
    }

    /// Stops the territory being run (it will run again from the start) and waits for
    /// [`MapRunner::resume`].
    pub fn pause(&mut self) {
        let mut st = self.state.borrow_mut();
        st.paused = true;
        if let Some((code, scenario, _)) = st.current.take() {
            if let Some(pool) = self.pool.as_mut() {
                pool.stop();
            }
            st.queue.push((code, scenario));
        }
    }

    /// Goes on with the territories left.
    pub fn resume(&mut self) {
        self.state.borrow_mut().paused = false;
        self.next();
    }

    fn next(&mut self) {
        let mut st = self.state.borrow_mut();
        if st.current.is_some() || st.paused {
            return;
        }
        while let Some((code, scenario)) = st.queue.pop() {
            // The map's small runs never ask: a territory too heavy is left uncoloured.
            let Ok(model) = Model::new(&scenario) else {
                continue;
            };
            if admit(&model, MAP_REPLICATIONS) != Admission::Run {
                continue;
            }
            let Some(pool) = self.pool.as_mut() else {
                return;
            };
            let json = serde_json::to_string(&scenario).expect("a scenario is always JSON");
            let run = pool.start(&json, DEFAULT_SEED, PAGE_BUDGET, MAP_REPLICATIONS);
            st.current = Some((
                code,
                scenario,
                RunProgress::new(
                    run,
                    model.layout().clone(),
                    DEFAULT_SEED,
                    MAP_REPLICATIONS as usize,
                ),
            ));
            return;
        }
    }
}
