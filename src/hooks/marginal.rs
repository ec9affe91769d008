//! « Où agir ? »: the analysis's runner (`marginal_runner.rs`, its own worker pool), the
//! panel's choices (objective, order, replications per lever) and what it shows.

use std::rc::Rc;

use parcours_core::levers::Settings;
use parcours_core::marginal::{objective, RankBy, View, OBJECTIVES};
use parcours_core::measures::Headline;
use parcours_engine::Scenario;
use yew::prelude::*;

use crate::marginal_runner::MarginalRunner;

/// Replications of each scenario the panel offers; the first is its default (the analysis
/// runs the scenario and each of a territory's ten levers: 440 replications).
pub const MARGINAL_REPLICATIONS: [u64; 4] = [40, 20, 100, 200];

pub struct Marginal {
    pub view: View,
    pub objective: Headline,
    pub rank_by: RankBy,
    pub replications: u64,
    pub run: Callback<()>,
    pub cancel: Callback<()>,
    pub choose_objective: Callback<String>,
    pub choose_rank_by: Callback<RankBy>,
    pub choose_replications: Callback<u64>,
}

/// The analysis of `network` with `settings` applied, on the page's `seed`, when asked.
#[hook]
pub fn use_marginal(
    network: Rc<Scenario>,
    settings: Settings,
    scenario: Rc<Scenario>,
    seed: u64,
) -> Marginal {
    let view = use_state(View::default);
    let choice = use_state(|| (OBJECTIVES[0], RankBy::Step));
    let replications = use_state(|| MARGINAL_REPLICATIONS[0]);
    let runner = {
        let view = view.clone();
        use_memo((), move |_| {
            MarginalRunner::new(Rc::new(move |v: View| view.set(v)))
        })
    };
    // What a click runs: the scenario shown now.
    let latest = use_mut_ref(|| (network.clone(), settings.clone(), scenario.clone(), seed));
    *latest.borrow_mut() = (network, settings, scenario, seed);
    let run = {
        let (runner, replications) = (runner.clone(), replications.clone());
        Callback::from(move |()| {
            let (network, settings, scenario, seed) = latest.borrow().clone();
            MarginalRunner::start(&runner, &network, &settings, &scenario, seed, *replications);
        })
    };
    let cancel = {
        let runner = runner.clone();
        Callback::from(move |()| MarginalRunner::cancel(&runner))
    };
    let choose_objective = {
        let (runner, choice) = (runner.clone(), choice.clone());
        Callback::from(move |code: String| {
            if let Some(h) = objective(&code) {
                MarginalRunner::choose(&runner, h, choice.1);
                choice.set((h, choice.1));
            }
        })
    };
    let choose_rank_by = {
        let choice = choice.clone();
        Callback::from(move |rank_by: RankBy| {
            MarginalRunner::choose(&runner, choice.0, rank_by);
            choice.set((choice.0, rank_by));
        })
    };
    let choose_replications = {
        let replications = replications.clone();
        Callback::from(move |n: u64| replications.set(n))
    };
    Marginal {
        view: (*view).clone(),
        objective: choice.0,
        rank_by: choice.1,
        replications: *replications,
        run,
        cancel,
        choose_objective,
        choose_rank_by,
        choose_replications,
    }
}
