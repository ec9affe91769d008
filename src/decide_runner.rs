//! « Que faut-il pour… ? » and « Avec ce budget ? » in the Web Workers, in the decision
//! questions' pool (`analysis_pool.rs`; a new question, of either kind, or Cancel stops the one
//! running). A question is a sequence of
//! simulations of the scenario shown and of the amounts tried, each on the page's seed and the
//! same replication indices (common random numbers); the main thread only merges replications
//! and hands the ensembles to the core (`Seek::record`, `optimise::select`). What is not a
//! simulation runs in a worker of its own (`search_worker.rs`): the optimiser's search, before
//! its finalists are simulated, and target seeking's first fluid guesses, while the scenario
//! shown is simulated (its probes wait for them).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use parcours_core::analysis::view::{Failure, OptimiseView, SeekView};
use parcours_core::analysis::{Analysis, OptimiseAsk, SeekAsk};
use parcours_core::levers::Settings;
use parcours_core::optimise::{select, Found, Problem};
use parcours_core::runs::budget::PAGE_BUDGET;
use parcours_core::runs::protocol::{FromWorker, ToWorker};
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
    /// Without the fluid guesses until the search worker gives them (`guessed`).
    seek: Seek,
    guessed: bool,
    base: Option<Ensemble>,
    pending: Pending,
}

/// What a seek does after a run.
enum Step {
    Run(Box<Scenario>),
    /// The probes wait for the fluid guesses.
    Wait,
    Over,
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
                    // The fluid guesses come from the search worker (`with_guesses`).
                    Ok(Seek::new(&network, &settings, target, allowed, false))
                });
            match started {
                Err(f) => r.seek_view.failure = Some(f),
                Ok(seek) => {
                    r.seek_view.seek = Some(Rc::new(seek.clone()));
                    r.begin(seed, ask.replications);
                    let message = ToWorker::Guess {
                        run: r.generation,
                        network_json: serde_json::to_string(&*network)
                            .expect("a scenario is always JSON"),
                        settings: settings.clone(),
                        ask_json: serde_json::to_string(&ask).expect("a question is always JSON"),
                    };
                    r.job = Some(Job::Seek(Box::new(SeekJob {
                        network,
                        settings,
                        shown: shown.clone(),
                        seek,
                        guessed: false,
                        base: None,
                        pending: Pending::Base,
                    })));
                    r.seek_view.running = r.compute(message) && r.run(&shown);
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
                    r.job = Some(Job::Optimise(OptimiseJob {
                        problem,
                        found: None,
                        finals: Vec::new(),
                        ensembles: Vec::new(),
                    }));
                    r.optimise_view.running = r.compute(message);
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

    /// Stops the question running and clears the answer of `analysis`'s kind (« Oublier cette
    /// analyse »).
    pub fn forget(this: &Rc<RefCell<DecideRunner>>, analysis: &Analysis) {
        let e = {
            let mut r = this.borrow_mut();
            r.stop();
            match analysis {
                Analysis::Seek(_) => r.seek_view = SeekView::default(),
                Analysis::Optimise(_) => r.optimise_view = OptimiseView::default(),
                Analysis::Marginal(_) => {}
            }
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

    /// Starts `message`'s computation in a search worker (its answer goes to
    /// [`DecideRunner::answered`]); false when it cannot (the failure is in the views).
    fn compute(&mut self, message: ToWorker) -> bool {
        let (weak, generation) = (self.this.clone(), self.generation);
        match SearchWorker::start(message, move |answer| {
            if let Some(this) = weak.upgrade() {
                DecideRunner::answered(&this, generation, answer);
            }
        }) {
            Ok(worker) => {
                self.search = Some(worker);
                true
            }
            Err(e) => self.fail(Failure::Search(e)),
        }
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

    /// What the search worker says for the question of `generation`: how far the optimiser's
    /// search has gone on the simulation, then its answer.
    fn answered(
        this: &Rc<RefCell<DecideRunner>>,
        generation: u64,
        answer: Result<FromWorker, String>,
    ) {
        let e = {
            let mut r = this.borrow_mut();
            if r.generation != generation || r.search.is_none() {
                return;
            }
            match answer {
                Ok(FromWorker::Searching { progress, .. }) => {
                    r.optimise_view.searching = Some(progress);
                }
                answer => {
                    // Terminated once this message's handler has returned.
                    if let Some(worker) = r.search.take() {
                        wasm_bindgen_futures::spawn_local(async move { drop(worker) });
                    }
                    match answer {
                        Ok(FromWorker::Optimised { found, .. }) => r.found(found),
                        Ok(FromWorker::Guessed { guesses, .. }) => r.guessed(guesses),
                        Ok(other) => {
                            r.fail(Failure::Search(format!("unexpected answer: {other:?}")))
                        }
                        Err(e) => r.fail(Failure::Search(e)),
                    };
                }
            }
            r.emit()
        };
        emit(e);
    }

    /// Target seeking's fluid guesses: its probes start once the scenario shown has run.
    fn guessed(&mut self, guesses: Result<Vec<Option<f64>>, String>) -> bool {
        let guesses = match guesses {
            Ok(g) => g,
            Err(e) => return self.fail(Failure::Search(e)),
        };
        let Some(Job::Seek(job)) = self.job.as_mut() else {
            return false;
        };
        job.seek = Seek::with_guesses(
            &job.network,
            &job.settings,
            job.seek.target.clone(),
            job.seek
                .searches
                .iter()
                .map(|s| s.allowed.clone())
                .collect(),
            &guesses,
        );
        job.guessed = true;
        self.seek_view.seek = Some(Rc::new(job.seek.clone()));
        if job.base.is_some() {
            self.step(None);
        }
        true
    }

    /// The optimiser's search: its finalists are simulated next.
    fn found(&mut self, found: Result<Found, String>) -> bool {
        let found = match found {
            Ok(f) => Rc::new(f),
            Err(e) => return self.fail(Failure::Search(e)),
        };
        self.optimise_view.found = Some(found.clone());
        let finals = match &mut self.job {
            Some(Job::Optimise(job)) => job.take(found.clone()),
            _ => Ok(Vec::new()),
        };
        let finals = match finals {
            Ok(finals) => finals,
            Err(e) => return self.fail(Failure::Search(e)),
        };
        if let Some(Job::Optimise(job)) = &self.job {
            self.optimise_view.problem = Some(job.problem.clone());
        }
        self.optimise_view.finals = finals.len();
        if found.finalists.is_empty() {
            self.stop();
            false
        } else {
            finals.first().is_some_and(|first| self.run(first))
        }
    }

    /// The seek records `done` (a run complete) and starts its next run, waits for its
    /// guesses, or ends.
    fn step(&mut self, done: Option<Ensemble>) {
        let Some(Job::Seek(mut job)) = self.job.take() else {
            return;
        };
        let next = job.advance(done);
        self.seek_view.seek = Some(Rc::new(job.seek.clone()));
        self.job = Some(Job::Seek(job));
        match next {
            Err(e) => {
                self.fail(Failure::Search(e));
            }
            Ok(Step::Over) => self.stop(),
            Ok(Step::Wait) => {}
            Ok(Step::Run(scenario)) => {
                self.run(&scenario);
            }
        }
    }

    /// A run is complete: the question records it and starts the next, or ends.
    fn complete(&mut self, ensemble: Ensemble) {
        match self.job.take() {
            Some(job @ Job::Seek(_)) => {
                self.job = Some(job);
                self.seek_view.runs += 1;
                self.step(Some(ensemble));
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
                    PoolEvent::Replications(arrived) => {
                        let (_, ensemble) = r.current.as_mut().expect("current");
                        for rep in arrived.replications() {
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
    /// Records the run just complete, if any, and says what comes next. An amount that is the
    /// scenario shown is not run again: its run is the base.
    fn advance(&mut self, mut done: Option<Ensemble>) -> Result<Step, String> {
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
            if !self.guessed {
                return Ok(Step::Wait);
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
                return Ok(Step::Over);
            };
            self.pending = pending;
            if scenario == *self.shown {
                done = self.base.clone();
                continue;
            }
            return Ok(Step::Run(Box::new(scenario)));
        }
    }
}
