//! « Où agir ? »: the analysis's runner (`marginal_runner.rs`, in the questions' pool) driven by
//! the question in the page's state (`Choice::analysis`: objective, order, replications per
//! lever), which its panel changes through the reducer; and what it shows.

use std::cell::RefCell;
use std::rc::Rc;

use parcours_core::analysis::{Analysis, MarginalAsk, Objective};
use parcours_core::levers::Settings;
use parcours_core::marginal::{objective, RankBy, View};
use parcours_engine::Scenario;
use yew::prelude::*;

use crate::analysis_pool::AnalysisPool;
use crate::marginal_runner::MarginalRunner;

pub struct Marginal {
    pub view: View,
    pub run: Callback<()>,
    pub cancel: Callback<()>,
    /// Stops the analysis, clears its ranking and takes its question out of the state.
    pub forget: Callback<()>,
    pub choose_objective: Callback<String>,
    pub choose_rank_by: Callback<RankBy>,
    pub choose_replications: Callback<u64>,
}

/// The question in the page's state, and how the hook answers back to it.
pub struct MarginalState {
    pub ask: MarginalAsk,
    /// Records a changed question in the state (`Action::SetAnalysis`).
    pub set_ask: Callback<Option<Analysis>>,
    /// A link brought the question and the page's own run is over: it runs once, then
    /// `started` is called (`Action::AnalysisStarted`).
    pub run_now: bool,
    pub started: Callback<()>,
}

/// The analysis of `network` with `settings` applied (the page's `scenario`), on the page's
/// `seed`, asking the state's question.
#[hook]
pub fn use_marginal(
    network: Rc<Scenario>,
    settings: Settings,
    scenario: Rc<Scenario>,
    seed: u64,
    state: MarginalState,
    pool: Rc<RefCell<AnalysisPool>>,
) -> Marginal {
    let MarginalState {
        ask,
        set_ask,
        run_now,
        started,
    } = state;
    let view = use_state(View::default);
    let runner = {
        let view = view.clone();
        use_memo((), move |_| {
            MarginalRunner::new(pool, Rc::new(move |v: View| view.set(v)))
        })
    };
    // The ranking follows the state's objective and order (no new run).
    {
        let runner = runner.clone();
        use_effect_with((ask.objective, ask.rank_by), move |(objective, rank_by)| {
            MarginalRunner::choose(&runner, objective.0, *rank_by);
        });
    }
    // What a click runs: the scenario shown now, with the question asked now.
    let latest = use_mut_ref(|| {
        (
            network.clone(),
            settings.clone(),
            scenario.clone(),
            seed,
            ask.clone(),
        )
    });
    *latest.borrow_mut() = (network, settings, scenario, seed, ask.clone());
    let start = {
        let (runner, latest) = (runner.clone(), latest.clone());
        Rc::new(move |clicked: bool| {
            let (network, settings, scenario, seed, ask) = latest.borrow().clone();
            MarginalRunner::start(
                &runner,
                &network,
                &settings,
                &scenario,
                seed,
                ask.replications,
                clicked,
            );
        })
    };
    {
        let start = start.clone();
        use_effect_with(run_now, move |run_now| {
            if *run_now {
                start(false);
                started.emit(());
            }
        });
    }
    // A run records its question: the link then carries it (the panel's defaults included).
    let run = {
        let (set_ask, latest) = (set_ask.clone(), latest.clone());
        Callback::from(move |()| {
            set_ask.emit(Some(Analysis::Marginal(latest.borrow().4.clone())));
            start(true);
        })
    };
    let cancel = {
        let runner = runner.clone();
        Callback::from(move |()| MarginalRunner::cancel(&runner))
    };
    let forget = {
        let (runner, set_ask) = (runner.clone(), set_ask.clone());
        Callback::from(move |()| {
            MarginalRunner::forget(&runner);
            set_ask.emit(None);
        })
    };
    let changed = move |change: &dyn Fn(&mut MarginalAsk)| {
        let mut ask = ask.clone();
        change(&mut ask);
        set_ask.emit(Some(Analysis::Marginal(ask)));
    };
    let choose_objective = {
        let changed = changed.clone();
        Callback::from(move |code: String| {
            if let Some(h) = objective(&code) {
                changed(&|a| a.objective = Objective(h));
            }
        })
    };
    let choose_rank_by = {
        let changed = changed.clone();
        Callback::from(move |rank_by: RankBy| changed(&|a| a.rank_by = rank_by))
    };
    let choose_replications = Callback::from(move |n: u64| changed(&|a| a.replications = n));
    Marginal {
        view: (*view).clone(),
        run,
        cancel,
        forget,
        choose_objective,
        choose_rank_by,
        choose_replications,
    }
}
