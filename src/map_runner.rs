//! The map's small runs: each département's scenario with `MAP_REPLICATIONS` replications, one
//! after the other in a pool of its own (at most two workers), started after the first baseline
//! run and paused while the page's own runs go on. Each is summarised once, on the page's thread,
//! when complete (twenty replications: a few milliseconds).

use std::cell::RefCell;
use std::rc::Rc;

use parcours_core::measures::MapFigures;
use parcours_core::runs::budget::{admit, Admission, PAGE_BUDGET};
use parcours_core::runs::{RunId, RunProgress, DEFAULT_SEED, MAP_REPLICATIONS};
use parcours_engine::{Model, Scenario};

use crate::runner::{PoolEvent, WorkerPool};
use crate::session::pool_size;

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

    /// Runs every territory (code, scenario) in turn; called once (`use_map`'s `started`).
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
                        PoolEvent::Replications(arrived) => {
                            run.add(arrived.replications());
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
