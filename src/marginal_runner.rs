//! « Où agir ? » in the Web Workers: the plan's scenarios (the scenario shown, then each lever
//! moved by its step) run round by round (`marginal::Sweep`) in the decision questions' pool
//! (`analysis_pool.rs`), on the page's seed; after each round the levers are ranked again and the panel redrawn. The main
//! thread only merges replications and ranks them. Meanwhile the search worker
//! (`search_worker.rs`) evaluates the plan on the fluid model (`ToWorker::FluidRank`, about
//! 40 ms): its ranking is shown until the first round's.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use parcours_core::levers::Settings;
use parcours_core::marginal::{self, fluid_rank, rank, FluidPlan, RankBy, Step, Sweep, Task, View};
use parcours_core::measures::Headline;
use parcours_core::runs::budget::{admit, Admission, PAGE_BUDGET};
use parcours_core::runs::protocol::{FromWorker, ToWorker};
use parcours_core::runs::{RunError, RunId};
use parcours_core::state::Same;
use parcours_engine::{Model, Scenario};

use crate::analysis_pool::AnalysisPool;
use crate::runner::PoolEvent;
use crate::search_worker::SearchWorker;

pub struct MarginalRunner {
    pool: Rc<RefCell<AnalysisPool>>,
    sweep: Option<Sweep>,
    /// Each scenario of the plan as JSON, in `Plan::all`'s order.
    jsons: Vec<String>,
    steps: Vec<Step>,
    seed: u64,
    current: Option<(RunId, Task, u64)>,
    /// The fluid evaluation of the plan, while it is computed.
    search: Option<SearchWorker>,
    /// Tells the search worker's answer from a replaced analysis's.
    generation: u64,
    fluid: Option<Rc<FluidPlan>>,
    objective: Headline,
    rank_by: RankBy,
    view: View,
    on_view: Rc<dyn Fn(View)>,
    this: Weak<RefCell<MarginalRunner>>,
}

impl MarginalRunner {
    pub fn new(
        pool: Rc<RefCell<AnalysisPool>>,
        on_view: Rc<dyn Fn(View)>,
    ) -> Rc<RefCell<MarginalRunner>> {
        Rc::new_cyclic(|this| {
            RefCell::new(MarginalRunner {
                pool,
                sweep: None,
                jsons: Vec::new(),
                steps: Vec::new(),
                seed: 0,
                current: None,
                search: None,
                generation: 0,
                fluid: None,
                objective: marginal::OBJECTIVES[0],
                rank_by: RankBy::Step,
                view: View::default(),
                on_view,
                this: this.clone(),
            })
        })
    }

    /// Runs the analysis of `network` with `settings` applied (the page's `scenario`),
    /// `total` replications of each scenario, replacing any analysis in progress. `clicked`: the
    /// user's button asked for it; an analysis a link brought that the budget would ask about is
    /// left ready to run instead.
    pub fn start(
        this: &Rc<RefCell<MarginalRunner>>,
        network: &Scenario,
        settings: &Settings,
        scenario: &Rc<Scenario>,
        seed: u64,
        total: u64,
        clicked: bool,
    ) {
        let view = {
            let mut r = this.borrow_mut();
            r.stop();
            r.fluid = None;
            let plan = marginal::plan(network, settings);
            let models: Result<Vec<Model>, RunError> = plan
                .all()
                .map(|s| Model::new(s).map_err(RunError::Invalid))
                .collect();
            r.view = View {
                of: Some(Same(scenario.clone())),
                total: total as usize,
                ..View::default()
            };
            match models.and_then(|m| match admit(&m[0], total * m.len() as u64) {
                Admission::Refuse(refusal) => Err(RunError::Refused(refusal)),
                // The button was the go-ahead: a long analysis is not asked about again.
                Admission::Run => Ok(Some(m)),
                Admission::Ask(_) => Ok(clicked.then_some(m)),
            }) {
                Err(error) => r.view.error = Some(error),
                // Not started: the panel shows its choices and its button.
                Ok(None) => r.view = View::default(),
                Ok(Some(models)) => {
                    r.jsons = plan
                        .all()
                        .map(|s| serde_json::to_string(s).expect("a scenario is always JSON"))
                        .collect();
                    r.sweep = Some(Sweep::new(
                        models.iter().map(|m| m.layout().clone()).collect(),
                        seed,
                        total,
                    ));
                    r.steps = plan.steps;
                    r.seed = seed;
                    r.view.running = true;
                    r.evaluate_fluid(network, settings);
                    r.next();
                }
            }
            (r.view.clone(), r.on_view.clone())
        };
        (view.1)(view.0);
    }

    /// Stops the analysis where it is: the ranking so far stays shown.
    pub fn cancel(this: &Rc<RefCell<MarginalRunner>>) {
        let (view, on_view) = {
            let mut r = this.borrow_mut();
            r.stop();
            r.view.cancelled = r.view.running;
            r.view.running = false;
            (r.view.clone(), r.on_view.clone())
        };
        on_view(view);
    }

    /// Stops the analysis and clears what it found (« Oublier cette analyse »).
    pub fn forget(this: &Rc<RefCell<MarginalRunner>>) {
        let (view, on_view) = {
            let mut r = this.borrow_mut();
            r.stop();
            r.fluid = None;
            r.view = View::default();
            (r.view.clone(), r.on_view.clone())
        };
        on_view(view);
    }

    /// Ranks again on another objective or order (no new run).
    pub fn choose(this: &Rc<RefCell<MarginalRunner>>, objective: Headline, rank_by: RankBy) {
        let (view, on_view) = {
            let mut r = this.borrow_mut();
            r.objective = objective;
            r.rank_by = rank_by;
            r.rerank();
            r.rank_fluid();
            (r.view.clone(), r.on_view.clone())
        };
        on_view(view);
    }

    fn stop(&mut self) {
        if self.current.take().is_some() {
            self.pool.borrow_mut().stop();
        }
        self.sweep = None;
        self.search = None;
    }

    /// Starts the fluid evaluation of the plan in the search worker; without it (the worker
    /// could not start) the panel waits for the simulation's ranking.
    fn evaluate_fluid(&mut self, network: &Scenario, settings: &Settings) {
        self.generation += 1;
        self.fluid = None;
        let message = ToWorker::FluidRank {
            run: self.generation,
            network_json: serde_json::to_string(network).expect("a scenario is always JSON"),
            settings: settings.clone(),
        };
        let (weak, generation) = (self.this.clone(), self.generation);
        let started = SearchWorker::start(message, move |answer| {
            if let Some(this) = weak.upgrade() {
                MarginalRunner::fluid_answered(&this, generation, answer);
            }
        });
        match started {
            Ok(worker) => self.search = Some(worker),
            Err(e) => web_sys::console::error_1(&format!("marginal (fluid): {e}").into()),
        }
    }

    fn fluid_answered(
        this: &Rc<RefCell<MarginalRunner>>,
        generation: u64,
        answer: Result<FromWorker, String>,
    ) {
        let (view, on_view) = {
            let mut r = this.borrow_mut();
            if r.generation != generation {
                return;
            }
            // Terminated once this message's handler has returned.
            let Some(worker) = r.search.take() else {
                return;
            };
            wasm_bindgen_futures::spawn_local(async move { drop(worker) });
            match answer {
                Ok(FromWorker::FluidRanked { plan: Ok(plan), .. }) => {
                    r.fluid = Some(Rc::new(plan));
                    r.rank_fluid();
                }
                Ok(FromWorker::FluidRanked { plan: Err(e), .. }) | Err(e) => {
                    web_sys::console::error_1(&format!("marginal (fluid): {e}").into())
                }
                Ok(other) => web_sys::console::error_1(
                    &format!("marginal (fluid): unexpected answer: {other:?}").into(),
                ),
            }
            (r.view.clone(), r.on_view.clone())
        };
        on_view(view);
    }

    /// The fluid ranking on the objective and order chosen.
    fn rank_fluid(&mut self) {
        self.view.fluid = self
            .fluid
            .as_ref()
            .map(|plan| fluid_rank(plan, &self.objective, self.rank_by).map(Rc::new));
    }

    fn rerank(&mut self) {
        let Some(sweep) = &self.sweep else { return };
        self.view.done = sweep.done();
        if self.view.done >= 2 {
            let complete = sweep.is_complete();
            self.view.ranking = rank(
                &self.steps,
                &sweep.ensembles,
                &self.objective,
                self.rank_by,
                complete,
            )
            .ok()
            .map(Rc::new);
        }
    }

    /// Starts the sweep's next run, or ends the analysis.
    fn next(&mut self) {
        let task = self.sweep.as_mut().and_then(Sweep::next_task);
        let started = task.map(|task| {
            let handler = self.handler();
            let run = self.pool.borrow_mut().start_range(
                handler,
                &self.jsons[task.scenario],
                self.seed,
                PAGE_BUDGET,
                task.first,
                task.count,
            );
            (run, task)
        });
        match started {
            Some((Ok(run), task)) => self.current = Some((run, task, 0)),
            Some((Err(message), _)) => {
                web_sys::console::error_1(&format!("marginal: {message}").into());
                self.current = None;
                self.view.running = false;
            }
            None => {
                self.current = None;
                self.view.running = false;
            }
        }
    }

    fn handler(&self) -> Rc<dyn Fn(RunId, PoolEvent)> {
        let weak = self.this.clone();
        Rc::new(move |run_id: RunId, event: PoolEvent| {
            let Some(this) = weak.upgrade() else { return };
            let emit = {
                let mut r = this.borrow_mut();
                let Some((run, task, received)) = r.current else {
                    return;
                };
                if run != run_id {
                    return;
                }
                match event {
                    PoolEvent::Replications(arrived) => {
                        let replications = arrived.replications();
                        let n = replications.len() as u64;
                        if let Some(sweep) = r.sweep.as_mut() {
                            sweep.add(task.scenario, replications);
                        }
                        if received + n < task.count {
                            r.current = Some((run, task, received + n));
                            false
                        } else {
                            // A round ends with the last scenario's part: rank again.
                            let end_of_round = task.scenario + 1 == r.jsons.len();
                            r.next();
                            if end_of_round || !r.view.running {
                                r.rerank();
                            }
                            end_of_round || !r.view.running
                        }
                    }
                    PoolEvent::Replaced(_) => false,
                    PoolEvent::Failed(error) => {
                        r.stop();
                        r.view.running = false;
                        r.view.error = Some(error);
                        true
                    }
                }
                .then(|| (r.view.clone(), r.on_view.clone()))
            };
            if let Some((view, on_view)) = emit {
                on_view(view);
            }
        })
    }
}
