//! Baseline and scenario runs: two worker pools, the same seed and replication indices (common
//! random numbers), progressive summaries and the paired comparison as replications arrive.

use std::cell::RefCell;
use std::rc::Rc;

use parcours_engine::{compare, Comparison, Model, Scenario, Summary};

use parcours_core::measures::MapFigures;
use parcours_core::runs::{
    pool_size_for, Results, RunError, RunId, RunParams, RunProgress, RunView, DEFAULT_REPLICATIONS,
    DEFAULT_SEED, MAP_REPLICATIONS, REDRAW_MS,
};

use crate::runner::WorkerPool;
use crate::worker::Response;

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

#[derive(Default)]
struct Slot {
    progress: Option<RunProgress>,
    error: Option<RunError>,
    summary: Option<Rc<Summary>>,
}

impl Slot {
    fn view(&self) -> RunView {
        // A run that could not start (an invalid scenario) has nothing to wait for.
        let total = match (&self.progress, &self.error) {
            (Some(p), _) => p.total,
            (None, Some(_)) => 0,
            (None, None) => DEFAULT_REPLICATIONS as usize,
        };
        RunView {
            run: self.progress.as_ref().map_or(0, |p| p.run),
            done: self.progress.as_ref().map_or(0, |p| p.done()),
            total,
            summary: self.summary.clone(),
            error: self.error.clone(),
        }
    }
}

#[derive(Default)]
struct State {
    base: Slot,
    scen: Option<Slot>,
    comparison: Option<Rc<Comparison>>,
    cancelled: bool,
    last_emit: f64,
}

impl State {
    fn slot(&mut self, which: Which) -> Option<&mut Slot> {
        match which {
            Which::Base => Some(&mut self.base),
            Which::Scen => self.scen.as_mut(),
        }
    }

    fn refresh(&mut self) {
        for slot in std::iter::once(&mut self.base).chain(self.scen.as_mut()) {
            slot.summary = slot
                .progress
                .as_ref()
                .and_then(|p| p.summary())
                .map(Rc::new);
        }
        self.comparison = match (&self.base.progress, self.scen.as_ref()) {
            (
                Some(b),
                Some(Slot {
                    progress: Some(s), ..
                }),
            ) => compare(&b.ensemble, &s.ensemble).ok().map(Rc::new),
            _ => None,
        };
    }

    fn results(&self) -> Results {
        Results {
            base: self.base.view(),
            scen: self.scen.as_ref().map(Slot::view),
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

    fn handler(&self, which: Which) -> Rc<dyn Fn(Response)> {
        let state = self.state.clone();
        let on_results = self.on_results.clone();
        Rc::new(move |response: Response| {
            let results = {
                let mut st = state.borrow_mut();
                if st.cancelled {
                    return;
                }
                let Some(slot) = st.slot(which) else { return };
                // The first figures of a run are shown at once, whatever the throttle says.
                let first = slot.summary.is_none();
                let Some(run) = slot.progress.as_mut().filter(|p| p.run == response.run()) else {
                    return; // a replaced run
                };
                match response {
                    Response::Batch { replications, .. } => run.add(replications),
                    Response::Failed { message, .. } => {
                        web_sys::console::error_1(&format!("simulation: {message}").into());
                        slot.error = Some(RunError::Simulation(message));
                    }
                }
                let finished = run.is_finished();
                let now = now_ms();
                if !first && !finished && now - st.last_emit < REDRAW_MS {
                    return;
                }
                st.last_emit = now;
                st.refresh();
                st.results()
            };
            on_results(results);
        })
    }

    fn pool(&mut self, which: Which) -> Result<&mut WorkerPool, String> {
        let handler = self.handler(which);
        let pool = match which {
            Which::Base => &mut self.base_pool,
            Which::Scen => &mut self.scen_pool,
        };
        if pool.is_none() {
            *pool = Some(WorkerPool::new(pool_size(), handler)?);
        }
        Ok(pool.as_mut().expect("just made"))
    }

    fn start(&mut self, which: Which, scenario: &Scenario) {
        let RunParams { seed, replications } = self.params;
        let total = replications as usize;
        let started = Model::new(scenario)
            .map_err(RunError::Invalid)
            .and_then(|model| {
                let json = serde_json::to_string(scenario).expect("a scenario is always JSON");
                let pool = self.pool(which).map_err(RunError::Simulation)?;
                let run = pool.start(&json, seed, replications);
                Ok(RunProgress::new(run, model.layout().clone(), seed, total))
            });
        let results = {
            let mut st = self.state.borrow_mut();
            st.cancelled = false;
            let slot = match which {
                Which::Base => &mut st.base,
                Which::Scen => st.scen.get_or_insert_with(Slot::default),
            };
            *slot = Slot::default();
            match started {
                Ok(progress) => slot.progress = Some(progress),
                Err(error) => slot.error = Some(error),
            }
            st.refresh();
            st.results()
        };
        (self.on_results)(results);
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

    /// No scenario: only the baseline is shown.
    pub fn clear_scenario(&mut self) {
        if let Some(pool) = self.scen_pool.as_mut() {
            pool.cancel();
        }
        let results = {
            let mut st = self.state.borrow_mut();
            st.scen = None;
            st.refresh();
            st.results()
        };
        (self.on_results)(results);
    }

    /// Stops both runs where they are; what has arrived stays shown.
    pub fn cancel(&mut self) {
        for pool in self.base_pool.iter_mut().chain(self.scen_pool.iter_mut()) {
            pool.cancel();
        }
        let results = {
            let mut st = self.state.borrow_mut();
            st.cancelled = true;
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
        let handler: Rc<dyn Fn(Response)> = {
            let weak = Rc::downgrade(this);
            Rc::new(move |response: Response| {
                let Some(runner) = weak.upgrade() else { return };
                let (figures, on_figures) = {
                    let runner = runner.borrow();
                    let mut st = runner.state.borrow_mut();
                    let Some((code, _, run)) = st.current.as_mut() else {
                        return;
                    };
                    if run.run != response.run() {
                        return;
                    }
                    let code = code.clone();
                    let finished = match response {
                        Response::Batch { replications, .. } => {
                            run.add(replications);
                            run.is_finished().then(|| run.summary()).flatten()
                        }
                        Response::Failed { message, .. } => {
                            web_sys::console::error_1(&format!("map run: {message}").into());
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
        match WorkerPool::new(pool_size().min(2), handler) {
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
                pool.cancel();
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
            let Ok(model) = Model::new(&scenario) else {
                continue;
            };
            let Some(pool) = self.pool.as_mut() else {
                return;
            };
            let json = serde_json::to_string(&scenario).expect("a scenario is always JSON");
            let run = pool.start(&json, DEFAULT_SEED, MAP_REPLICATIONS);
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
