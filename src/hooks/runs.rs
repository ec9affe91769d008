//! The runs of the page: a new baseline (or seed) runs at once; a scenario that differs from the
//! baseline runs after a change, debounced during a burst (a slider being dragged), with the
//! same seed and replication indices (common random numbers). The workers and the merge of
//! their batches are `session.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use parcours_core::runs::{Debounce, Results, RunParams, DEBOUNCE_MS};
use parcours_core::state::{Resolved, Same};
use parcours_engine::Scenario;
use yew::prelude::*;

use crate::session::{mark_scenario_figures, Session};

/// What the page shows of its runs, and how to stop them.
pub struct Runs {
    pub results: Results,
    /// Stops both runs where they are; what has arrived stays shown.
    pub cancel: Callback<()>,
    /// Starts the runs that wait for the user's go-ahead (estimated long).
    pub confirm: Callback<()>,
    /// The scenario whose run `results.scen` shows (during a drag, an earlier one's).
    pub scenario_run: Option<Rc<Scenario>>,
}

#[hook]
pub fn use_runs(resolved: &Rc<Resolved>, run: RunParams) -> Runs {
    let results = use_state(Results::default);
    let session = {
        let results = results.clone();
        use_mut_ref(move || Session::new(Rc::new(move |r: Results| results.set(r))))
    };
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let bursts = use_mut_ref(Debounce::default);
    let scenario_run: Rc<RefCell<Option<Rc<Scenario>>>> = use_mut_ref(|| None);

    // A new baseline (or seed): it runs at once (and at start-up).
    {
        let session = session.clone();
        use_effect_with(
            (Same(resolved.baseline.clone()), run),
            move |(baseline, run)| {
                session.borrow_mut().run_baseline(baseline, *run);
            },
        );
    }
    // Leaving the page terminates the workers.
    {
        let session = session.clone();
        use_effect_with((), move |_| move || session.borrow_mut().cancel());
    }
    // The scenario: when it differs from the baseline, it runs at once after a quiet spell, or
    // DEBOUNCE_MS after the last change of a burst. A new baseline run forgets the scenario's,
    // so the baseline and the run parameters are dependencies too.
    {
        let (session, timer, bursts) = (session.clone(), timer.clone(), bursts.clone());
        let scenario_run = scenario_run.clone();
        let deps = (
            Same(resolved.scenario.clone()),
            resolved.comparing,
            Same(resolved.baseline.clone()),
            run,
        );
        use_effect_with(deps, move |(scenario, comparing, _, _)| {
            timer.borrow_mut().take();
            if !*comparing {
                session.borrow_mut().clear_scenario();
                return;
            }
            let run_now = move |scenario: &Rc<Scenario>| {
                *scenario_run.borrow_mut() = Some(scenario.clone());
                session.borrow_mut().run_scenario(scenario);
            };
            if bursts.borrow_mut().change(js_sys::Date::now()) {
                run_now(scenario);
            } else {
                let scenario = scenario.clone();
                *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || run_now(&scenario)));
            }
        });
    }
    // Once per scenario run, when its first figures have been drawn (for the latency test):
    // after the charts, which draw after the next paint (asked before this, by the children's
    // effects, so done before).
    use_effect_with(
        results.scen.as_ref().map(|s| (s.run, s.summary.is_some())),
        |scen| {
            if let Some((run, true)) = *scen {
                crate::web::paint::after_paint(move || mark_scenario_figures(run));
            }
        },
    );
    let cancel = {
        let session = session.clone();
        Callback::from(move |_: ()| session.borrow_mut().cancel())
    };
    let confirm = {
        let session = session.clone();
        Callback::from(move |_: ()| session.borrow_mut().confirm())
    };
    let scenario_run = scenario_run.borrow().clone();
    Runs {
        results: (*results).clone(),
        cancel,
        confirm,
        scenario_run,
    }
}
