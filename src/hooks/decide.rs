//! « Que faut-il pour… ? » and « Avec ce budget ? »: their runner (`decide_runner.rs`, in the
//! questions' pool), the questions as the panels edit them (an `analysis::SeekAsk` and an
//! `OptimiseAsk`: the page's state's when it holds one, else their defaults on the network), what
//! the panels show, and the answers applied to the levers. A question run is recorded in the
//! state (`Action::SetAnalysis`), so links, the library and the report carry it; one a link
//! brought runs once the page's own run is over.

use std::cell::RefCell;
use std::rc::Rc;

use parcours_core::analysis::ask::{default_by, optimise_levers, seek_levers, DEFAULT_BY};
use parcours_core::analysis::view::{OptimiseView, SeekView};
use parcours_core::analysis::{AllowedLever, Analysis, Objective, OptimiseAsk, SeekAsk};
use parcours_core::levers::{LeverId, Settings};
use parcours_core::marginal::OBJECTIVES;
use parcours_core::state::Same;
use parcours_core::target::{settings_with, Goal, Month};
use parcours_engine::{Model, Scenario};
use yew::prelude::*;

use crate::analysis_pool::AnalysisPool;
use crate::decide_runner::DecideRunner;

/// Replications of each amount tried (seek) or of each finalist (optimise) the panels offer;
/// the first is the default.
pub const DECIDE_REPLICATIONS: [u64; 4] = [20, 40, 100, 200];

/// The default yearly budget of a new question: 2 M€.
pub const DEFAULT_BUDGET: f64 = 2e6;

pub struct Decide {
    /// The month a target is read in by default on this network.
    pub default_by: Month,
    pub seek_ask: SeekAsk,
    pub optimise_ask: OptimiseAsk,
    pub seek: SeekView,
    pub optimise: OptimiseView,
    pub set_seek: Callback<SeekAsk>,
    pub set_optimise: Callback<OptimiseAsk>,
    pub run_seek: Callback<()>,
    pub run_optimise: Callback<()>,
    pub cancel: Callback<()>,
    /// Stops the question running, clears the answer of the state's question and takes it out
    /// of the state.
    pub forget: Callback<()>,
    pub apply_seek: Callback<()>,
    pub apply_optimise: Callback<()>,
}

/// The question in the page's state, and how the hook answers back to it (as `MarginalState`).
pub struct DecideState {
    pub analysis: Option<Analysis>,
    /// Records the question run in the state (`Action::SetAnalysis`).
    pub set_analysis: Callback<Option<Analysis>>,
    /// A link brought a target or budget question and the page's own run is over: it runs
    /// once, then `started` is called (`Action::AnalysisStarted`).
    pub run_now: bool,
    pub started: Callback<()>,
    /// An answer applied: the levers' new settings.
    pub on_settings: Callback<Settings>,
}

/// The questions shown: the state's where it holds one of their kind, else the defaults.
fn asks_of(network: &Scenario, analysis: Option<&Analysis>) -> (SeekAsk, OptimiseAsk) {
    let (mut seek, mut optimise) = defaults(network);
    match analysis {
        Some(Analysis::Seek(a)) => seek = a.clone(),
        Some(Analysis::Optimise(a)) => optimise = a.clone(),
        _ => {}
    }
    (seek, optimise)
}

fn allowed(ids: Vec<LeverId>) -> Vec<AllowedLever> {
    ids.into_iter()
        .map(|lever| AllowedLever {
            lever,
            min: None,
            max: None,
        })
        .collect()
}

/// [`default_by`] in runs of `network` (December 2029 when it cannot run: the run says why).
fn by_default(network: &Scenario) -> Month {
    Model::new(network).map_or(DEFAULT_BY, |m| default_by(m.layout()))
}

/// The questions a new network starts with: −50 % of households without a solution by
/// December 2029 (or the window's last month) in 80 % of the replications; 2 M€ a year on
/// household-days without a solution.
fn defaults(network: &Scenario) -> (SeekAsk, OptimiseAsk) {
    let by = by_default(network);
    (
        SeekAsk {
            objective: Objective(OBJECTIVES[1]),
            goal: Goal::Change(-0.5),
            by: Some(by),
            probability: 0.8,
            levers: allowed(seek_levers(network)),
            replications: DECIDE_REPLICATIONS[0],
        },
        OptimiseAsk {
            objective: Objective::default(),
            budget: DEFAULT_BUDGET,
            open_per_year: None,
            levers: allowed(optimise_levers(network)),
            replications: DECIDE_REPLICATIONS[0],
        },
    )
}

/// The questions on `network` with `settings` applied (the page's `scenario`), on its `seed`,
/// answering back through `state` (the question run, an answer applied).
#[hook]
pub fn use_decide(
    network: Rc<Scenario>,
    settings: Settings,
    scenario: Rc<Scenario>,
    seed: u64,
    pool: Rc<RefCell<AnalysisPool>>,
    state: DecideState,
) -> Decide {
    let DecideState {
        analysis,
        set_analysis,
        run_now,
        started,
        on_settings,
    } = state;
    let seek = use_state(SeekView::default);
    let optimise = use_state(OptimiseView::default);
    // By identity (`Same`): a render compares no scenario.
    let by = *use_memo(Same(network.clone()), |n| by_default(n));
    let asks = {
        let (network, analysis) = (network.clone(), analysis.clone());
        use_state(move || asks_of(&network, analysis.as_ref()))
    };
    // Another network: its defaults (or the state's question); a question recorded or opened:
    // its panel's copy (the other panel keeps what is being edited).
    {
        let (asks, analysis) = (asks.clone(), analysis.clone());
        use_effect_with(Same(network.clone()), move |network| {
            asks.set(asks_of(network, analysis.as_ref()));
        });
    }
    {
        let asks = asks.clone();
        use_effect_with(analysis.clone(), move |analysis| match analysis {
            Some(Analysis::Seek(a)) => asks.set((a.clone(), asks.1.clone())),
            Some(Analysis::Optimise(a)) => asks.set((asks.0.clone(), a.clone())),
            _ => {}
        });
    }
    let runner = {
        let (seek, optimise) = (seek.clone(), optimise.clone());
        use_memo((), move |_| {
            DecideRunner::new(
                pool,
                Rc::new(move |v: SeekView| seek.set(v)),
                Rc::new(move |v: OptimiseView| optimise.set(v)),
            )
        })
    };
    // « Oublier cette analyse »: the state's question, its answer cleared, out of the state.
    let forget = {
        let (runner, analysis, set_analysis) =
            (runner.clone(), analysis.clone(), set_analysis.clone());
        Callback::from(move |()| {
            if let Some(a) = &analysis {
                DecideRunner::forget(&runner, a);
            }
            set_analysis.emit(None);
        })
    };
    // What a click runs or applies to: the scenario shown now.
    let latest = use_mut_ref(|| (network.clone(), settings.clone(), scenario.clone(), seed));
    *latest.borrow_mut() = (network, settings, scenario, seed);
    // Runs a question on the scenario shown now, recording it in the state.
    let ask = {
        let (runner, latest) = (runner.clone(), latest.clone());
        Callback::from(move |question: Analysis| {
            let (network, settings, scenario, seed) = latest.borrow().clone();
            match &question {
                Analysis::Seek(a) => {
                    DecideRunner::seek(&runner, network, settings, scenario, seed, a.clone())
                }
                Analysis::Optimise(a) => DecideRunner::optimise(&runner, scenario, seed, a.clone()),
                Analysis::Marginal(_) => return,
            }
            set_analysis.emit(Some(question));
        })
    };
    let run_seek = {
        let (ask, asks) = (ask.clone(), asks.clone());
        Callback::from(move |()| ask.emit(Analysis::Seek(asks.0.clone())))
    };
    let run_optimise = {
        let (ask, asks) = (ask.clone(), asks.clone());
        Callback::from(move |()| ask.emit(Analysis::Optimise(asks.1.clone())))
    };
    // A link's question, from the state itself (the panels' copy may not have caught up yet).
    use_effect_with(run_now, move |&now| {
        if now {
            if let Some(question) = analysis {
                ask.emit(question);
            }
            started.emit(());
        }
    });
    let cancel = {
        let runner = runner.clone();
        Callback::from(move |()| DecideRunner::cancel(&runner))
    };
    let apply_seek = {
        let (latest, seek, on_settings) = (latest.clone(), seek.clone(), on_settings.clone());
        Callback::from(move |()| {
            let (network, settings, _, _) = latest.borrow().clone();
            if let Some(amounts) = seek.seek.as_ref().and_then(|s| s.answer()) {
                on_settings.emit(settings_with(&network, &settings, &amounts));
            }
        })
    };
    let apply_optimise = {
        let optimise = optimise.clone();
        Callback::from(move |()| {
            let (network, settings, _, _) = latest.borrow().clone();
            let (Some(problem), Some(selection)) = (&optimise.problem, &optimise.selection) else {
                return;
            };
            if let Some(best) = selection.finalists.first() {
                on_settings.emit(problem.applied(&best.mix, &network, &settings));
            }
        })
    };
    let set_seek = {
        let asks = asks.clone();
        Callback::from(move |ask: SeekAsk| asks.set((ask, asks.1.clone())))
    };
    let set_optimise = {
        let asks = asks.clone();
        Callback::from(move |ask: OptimiseAsk| asks.set((asks.0.clone(), ask)))
    };
    Decide {
        default_by: by,
        seek_ask: asks.0.clone(),
        optimise_ask: asks.1.clone(),
        seek: (*seek).clone(),
        optimise: (*optimise).clone(),
        set_seek,
        set_optimise,
        run_seek,
        run_optimise,
        cancel,
        forget,
        apply_seek,
        apply_optimise,
    }
}
