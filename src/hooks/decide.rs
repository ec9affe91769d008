//! « Que faut-il pour… ? » and « Avec ce budget ? »: their runner (`decide_runner.rs`, in the
//! questions' pool), the questions as the panels edit them (an `analysis::SeekAsk` and an
//! `OptimiseAsk`, set back to their defaults when the network changes), what the panels show,
//! and the answers applied to the levers.

use std::cell::RefCell;
use std::rc::Rc;

use parcours_core::analysis::ask::{default_by, optimise_levers, seek_levers, DEFAULT_BY};
use parcours_core::analysis::view::{OptimiseView, SeekView};
use parcours_core::analysis::{AllowedLever, Objective, OptimiseAsk, SeekAsk};
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
    pub apply_seek: Callback<()>,
    pub apply_optimise: Callback<()>,
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

/// The questions on `network` with `settings` applied (the page's `scenario`), on its `seed`; an answer applied
/// goes to `on_settings`.
#[hook]
pub fn use_decide(
    network: Rc<Scenario>,
    settings: Settings,
    scenario: Rc<Scenario>,
    seed: u64,
    on_settings: Callback<Settings>,
    pool: Rc<RefCell<AnalysisPool>>,
) -> Decide {
    let seek = use_state(SeekView::default);
    let optimise = use_state(OptimiseView::default);
    // By identity (`Same`): a render compares no scenario.
    let by = *use_memo(Same(network.clone()), |n| by_default(n));
    let asks = {
        let network = network.clone();
        use_state(move || defaults(&network))
    };
    {
        let asks = asks.clone();
        use_effect_with(Same(network.clone()), move |network| {
            asks.set(defaults(network));
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
    // What a click runs or applies to: the scenario shown now.
    let latest = use_mut_ref(|| (network.clone(), settings.clone(), scenario.clone(), seed));
    *latest.borrow_mut() = (network, settings, scenario, seed);
    let run_seek = {
        let (runner, latest, asks) = (runner.clone(), latest.clone(), asks.clone());
        Callback::from(move |()| {
            let (network, settings, scenario, seed) = latest.borrow().clone();
            DecideRunner::seek(&runner, network, settings, scenario, seed, asks.0.clone());
        })
    };
    let run_optimise = {
        let (runner, latest, asks) = (runner.clone(), latest.clone(), asks.clone());
        Callback::from(move |()| {
            let (_, _, scenario, seed) = latest.borrow().clone();
            DecideRunner::optimise(&runner, scenario, seed, asks.1.clone());
        })
    };
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
        apply_seek,
        apply_optimise,
    }
}
