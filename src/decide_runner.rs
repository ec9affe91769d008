//! « Que faut-il pour… ? » and « Avec ce budget ? » in the Web Workers, in the decision
//! questions' pool (`analysis_pool.rs`; a new question, of either kind, or Cancel stops the one
//! running). A question is a sequence of
//! simulations of the scenario shown and of the amounts tried, each on the page's seed and the
//! same replication indices (common random numbers); the main thread only merges replications
//! and hands the ensembles to the core (`Seek::record`, `optimise::select`). The optimiser's
//! search runs in a worker of its own (`search_worker.rs`) before its finalists are simulated.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use parcours_core::analysis::view::{Failure, OptimiseView, SeekView};
use parcours_core::analysis::{OptimiseAsk, SeekAsk};
use parcours_core::levers::Settings;
use parcours_core::optimise::{select, Found, Problem, SearchProgress};
use parcours_core::runs::budget::PAGE_BUDGET;
use parcours_core::runs::protocol::ToWorker;
use parcours_core::runs::{RunError, RunId};
use parcours_core::seek::{Request, Seek};
use parcours_core::state::Same;
use parcours_core::target::with_amounts;
use parcours_engine::{Ensemble, Model, Scenario};

use crate::analysis_pool::AnalysisPool;
use crate::runner::PoolEvent;
use crate::search_worker::SearchWorker;

/// The run a seek is waiting for.
enum Pending {
    Base,
    Probe(Request),
    Mix,
}

struct SeekJob {
    network: Rc<Scenario>,
    settings: Settings,
    shown: Rc<Scenario>,
    seek: Seek,
    base: Option<Ensemble>,
    pending: Pending,
}

struct OptimiseJob {
    problem: Rc<Problem>,
    found: Option<Rc<Found>>,
    /// The scenario's, then each finalist's.
    finals: Vec<Scenario>,
    ensembles: Vec<Ensemble>,
}

enum Job {
    Seek(Box<SeekJob>),
    Optimise(OptimiseJob),
}

pub struct DecideRunner {
    pool: Rc<RefCell<AnalysisPool>>,
    search: Option<SearchWorker>,
    /// Tells a search worker's answer from a cancelled one's.
    generation: u64,
    job: Option<Job>,
    /// The run in progress, the ensemble it fills.
    current: Option<(RunId, Ensemble)>,
    seed: u64,
    total: u64,
    seek_view: SeekView,
    optimise_view: OptimiseView,
    on_seek: Rc<dyn Fn(SeekView)>,
    on_optimise: Rc<dyn Fn(OptimiseView)>,
    this: Weak<RefCell<DecideRunner>>,
}

/// What to tell the panels once the runner is no longer borrowed.
type Emit = (
    Rc<dyn Fn(SeekView)>,
    SeekView,
    Rc<dyn Fn(OptimiseView)>,
    OptimiseView,
);

fn emit(e: Emit) {
    (e.0)(e.1);
    (e.2)(e.3);
}

impl DecideRunner {
    pub fn new(
        pool: Rc<RefCell<AnalysisPool>>,
        on_seek: Rc<dyn Fn(SeekView)>,
        on_optimise: Rc<dyn Fn(OptimiseView)>,
    ) -> Rc<RefCell<DecideRunner>> {
        Rc::new_cyclic(|this| {
            RefCell::new(DecideRunner {
                pool,
                search: None,
                generation: 0,
                job: None,
                current: None,
                seed: 0,
                total: 0,
                seek_view: SeekView::default(),
                optimise_view: OptimiseView::default(),
                on_seek,
                on_optimise,
                this: this.clone(),
            })
        })
    }

    fn emit(&self) -> Emit {
        (
            self.on_seek.clone(),
            self.seek_view.clone(),
            self.on_optimise.clone(),
            self.optimise_view.clone(),
        )
    }

    /// Seeks what `ask` asks on `network` with `settings` applied (the page's `shown`),
    /// replacing any question running.
    pub fn seek(
        this: &Rc<RefCell<DecideRunner>>,
        network: Rc<Scenario>,
        settings: Settings,
        shown: Rc<Scenario>,
        seed: u64,
        ask: SeekAsk,
    ) {
        let e = {
            let mut r = this.borrow_mut();
            r.stop();
            r.seek_view = SeekView {
                of: Some(Same(shown.clone())),
                ..SeekView::default()
            };
            let started = Model::new(&shown)
                .map_err(|e| Failure::Run(RunError::Invalid(e)))
                .and_then(|model| {
                    let target = ask.target(model.layout()).map_err(Failure::Ask)?;
                    let allowed = ask.allowed(&network, &settings).map_err(Failure::Ask)?;
                    Ok(Seek::new(&network, &settings, target, allowed, true))
                });
            match started {
                Err(f) => r.seek_view.failure = Some(f),
                Ok(seek) => {
                    r.seek_view.seek = Some(Rc::new(seek.clone()));
                    r.job = Some(Job::Seek(Box::new(SeekJob {
                        network,
                        settings,
                        shown: shown.clone(),
                        seek,
                        base: None,
                        pending: Pending::Base,
                    })));
                    r.begin(seed, ask.replications);
                    r.seek_view.running = r.run(&shown);
                }
            }
            r.emit()
        };
        emit(e);
    }

    /// Optimises what `ask` asks on the page's scenario `shown`, replacing any question running.
    pub fn optimise(
        this: &Rc<RefCell<DecideRunner>>,
        shown: Rc<Scenario>,
        seed: u64,
        ask: OptimiseAsk,
    ) {
        let e = {
            let mut r = this.borrow_mut();
            r.stop();
            r.optimise_view = OptimiseView {
                of: Some(Same(shown.clone())),
                ..OptimiseView::default()
            };
            match ask.problem(&shown) {
                Err(e) => r.optimise_view.failure = Some(Failure::Ask(e)),
                Ok(problem) => {
                    let problem = Rc::new(problem);
                    r.optimise_view.problem = Some(problem.clone());
                    r.begin(seed, ask.replications);
                    let message = ToWorker::Optimise {
                        run: r.generation,
                        scenario_json: serde_json::to_string(&*shown)
                            .expect("a scenario is always JSON"),
                        ask_json: serde_json::to_string(&ask).expect("a question is always JSON"),
                        seed,
                    };
                    let (weak, generation) = (r.this.clone(), r.generation);
                    let on_progress = {
                        let weak = weak.clone();
                        move |progress| {
                            if let Some(this) = weak.upgrade() {
                                DecideRunner::searching(&this, generation, progress);
                            }
                        }
                    };
                    match SearchWorker::start(message, on_progress, move |found| {
                        if let Some(this) = weak.upgrade() {
                            DecideRunner::found(&this, generation, found);
                        }
                    }) {
                        Ok(worker) => {
                            r.search = Some(worker);
                            r.optimise_view.running = true;
                            r.job = Some(Job::Optimise(OptimiseJob {
                                problem,
                                found: None,
                                finals: Vec::new(),
                                ensembles: Vec::new(),
                            }));
                        }
                        Err(e) => r.optimise_view.failure = Some(Failure::Search(e)),
                    }
                }
            }
            r.emit()
        };
        emit(e);
    }

    /// Stops the question running; what it found so far stays shown.
    pub fn cancel(this: &Rc<RefCell<DecideRunner>>) {
        let e = {
            let mut r = this.borrow_mut();
            r.stop();
            r.emit()
        };
        emit(e);
    }

    fn begin(&mut self, seed: u64, total: u64) {
        self.generation += 1;
        self.seed = seed;
        self.total = total;
    }

    fn stop(&mut self) {
        if self.current.take().is_some() {
            self.pool.borrow_mut().stop();
        }
        self.search = None;
        self.job = None;
        self.seek_view.running = false;
        self.optimise_view.running = false;
    }

    /// Starts the simulation of `scenario` (replications `0..total` on the seed); false when it
    /// cannot (the failure is in the views).
    fn run(&mut self, scenario: &Scenario) -> bool {
        let model = match Model::new(scenario) {
            Ok(m) => m,
            Err(e) => return self.fail(Failure::Run(RunError::Invalid(e))),
        };
        let json = serde_json::to_string(scenario).expect("a scenario is always JSON");
        let handler = self.handler();
        let started = self.pool.borrow_mut().start_range(
            handler,
            &json,
            self.seed,
            PAGE_BUDGET,
            0,
            self.total,
        );
        match started {
            Ok(run) => {
                self.current = Some((run, Ensemble::new(model.layout().clone(), self.seed)));
                true
            }
            Err(message) => self.fail(Failure::Search(message)),
        }
    }

    /// The question stops with `failure` (in the view of its kind).
    fn fail(&mut self, failure: Failure) -> bool {
        match self.job {
            Some(Job::Optimise(_)) => self.optimise_view.failure = Some(failure),
            _ => self.seek_view.failure = Some(failure),
        }
        self.stop();
        false
    }

    /// How far the search of the question of `generation` has gone on the simulation.
    fn searching(this: &Rc<RefCell<DecideRunner>>, generation: u64, progress: SearchProgress) {
        let e = {
            let mut r = this.borrow_mut();
            if r.generation != generation || r.search.is_none() {
                return;
            }
            r.optimise_view.searching = Some(progress);
            r.emit()
        };
        emit(e);
    }

    /// The search worker's answer for the question of `generation`.
    fn found(this: &Rc<RefCell<DecideRunner>>, generation: u64, found: Result<Found, String>) {
        let e = {
            let mut r = this.borrow_mut();
            if r.generation != generation || r.search.is_none() {
                return;
            }
            // Terminated once this message's handler has returned.
            if let Some(worker) = r.search.take() {
                wasm_bindgen_futures::spawn_local(async move { drop(worker) });
            }
            match found {
                Err(e) => {
                    r.fail(Failure::Search(e));
                }
                Ok(found) => {
                    let found = Rc::new(found);
                    r.optimise_view.found = Some(found.clone());
                    let finals = match &mut r.job {
                        Some(Job::Optimise(job)) => job.take(found.clone()),
                        _ => Ok(Vec::new()),
                    };
                    let finals = match finals {
                        Ok(finals) => finals,
                        Err(e) => {
                            r.fail(Failure::Search(e));
                            Vec::new()
                        }
                    };
                    if let Some(Job::Optimise(job)) = &r.job {
                        r.optimise_view.problem = Some(job.problem.clone());
                    }
                    r.optimise_view.finals = finals.len();
                    if found.finalists.is_empty() {
                        r.stop();
                    } else if let Some(first) = finals.first() {
                        r.run(first);
                    }
                }
            }
            r.emit()
        };
        emit(e);
    }

    /// A run is complete: the question records it and starts the next, or ends.
    fn complete(&mut self, ensemble: Ensemble) {
        match self.job.take() {
            Some(Job::Seek(mut job)) => {
                self.seek_view.runs += 1;
                let next = job.advance(ensemble);
                self.seek_view.seek = Some(Rc::new(job.seek.clone()));
                match next {
                    Err(e) => {
                        self.fail(Failure::Search(e));
                    }
                    Ok(None) => self.stop(),
                    Ok(Some(scenario)) => {
                        self.job = Some(Job::Seek(job));
                        self.run(&scenario);
                    }
                }
            }
            Some(Job::Optimise(mut job)) => {
                job.ensembles.push(ensemble);
                self.optimise_view.finals_done = job.ensembles.len();
                if job.ensembles.len() < job.finals.len() {
                    let next = job.finals[job.ensembles.len()].clone();
                    self.job = Some(Job::Optimise(job));
                    self.run(&next);
                    return;
                }
                let finalists = job.found.as_ref().map_or(&[][..], |f| &f.finalists[..]);
                match select(finalists, &job.ensembles, &job.problem.objective) {
                    Ok(s) => self.optimise_view.selection = Some(Rc::new(s)),
                    Err(e) => self.optimise_view.failure = Some(Failure::Search(e)),
                }
                self.stop();
            }
            None => {}
        }
    }

    fn handler(&self) -> Rc<dyn Fn(RunId, PoolEvent)> {
        let weak = self.this.clone();
        Rc::new(move |run_id: RunId, event: PoolEvent| {
            let Some(this) = weak.upgrade() else { return };
            let e = {
                let mut r = this.borrow_mut();
                if r.current.as_ref().map(|c| c.0) != Some(run_id) {
                    return;
                }
                match event {
                    PoolEvent::Replications { replications, .. } => {
                        let (_, ensemble) = r.current.as_mut().expect("current");
                        for rep in replications {
                            ensemble.add(rep);
                        }
                        if (ensemble.len() as u64) < r.total {
                            return;
                        }
                        let (_, ensemble) = r.current.take().expect("current");
                        r.complete(ensemble);
                    }
                    PoolEvent::Replaced(_) => return,
                    PoolEvent::Failed(error) => {
                        r.current = None;
                        r.fail(Failure::Run(error));
                    }
                }
                r.emit()
            };
            emit(e);
        })
    }
}

impl OptimiseJob {
    /// Takes the search's outcome and gives the runs of the finals: the scenario's, then each
    /// finalist's, scheduled in the order the search ranked (and scored every mix with).
    fn take(&mut self, found: Rc<Found>) -> Result<Vec<Scenario>, String> {
        let problem = (*self.problem)
            .clone()
            .with_opening_order(&found.opening_order)?;
        self.problem = Rc::new(problem);
        self.finals = std::iter::once(self.problem.network.clone())
            .chain(found.finalists.iter().map(|m| self.problem.scenario(m)))
            .collect();
        self.found = Some(found);
        Ok(self.finals.clone())
    }
}

impl SeekJob {
    /// Records the run just complete and gives the next scenario to run, `None` when the search
    /// is over. An amount that is the scenario shown is not run again: its run is the base.
    fn advance(&mut self, ensemble: Ensemble) -> Result<Option<Scenario>, String> {
        let mut done = Some(ensemble);
        loop {
            if let Some(e) = done.take() {
                match (&self.pending, &self.base) {
                    (Pending::Base, _) => self.base = Some(e),
                    (Pending::Probe(r), Some(base)) => {
                        self.seek.record(*r, base, &e, &self.network)?
                    }
                    (Pending::Mix, Some(base)) => self.seek.record_mix(base, &e)?,
                    _ => return Err("a probe before the scenario's run".into()),
                }
            }
            let (pending, scenario) = if let Some(r) = self.seek.next() {
                (
                    Pending::Probe(r),
                    self.seek.scenario(&self.network, &self.settings, r),
                )
            } else if let Some(amounts) = self.seek.next_mix() {
                (
                    Pending::Mix,
                    with_amounts(&self.network, &self.settings, &amounts),
                )
            } else {
                return Ok(None);
            };
            self.pending = pending;
            if scenario == *self.shown {
                done = self.base.clone();
                continue;
            }
            return Ok(Some(scenario));
        }
    }
}
