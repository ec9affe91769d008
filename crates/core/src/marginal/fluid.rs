//! « Où agir ? »'s first ranking, from the fluid approximation (MODEL.md 16.5, 16.6): the
//! scenario and each lever's step evaluated by the engine's fluid model (about 3.5 ms each in
//! the browser), shown while the simulation's first round runs and replaced by its ranking. No
//! interval: the approximation is deterministic, and its error (up to a quarter of a level) is
//! largely the same in the scenario and its steps.

use parcours_engine::fluid::{fluid, Unreliable};
use parcours_engine::stats::estimate;
use parcours_engine::{Model, Scenario, SystemHeadline, ValidationError};
use serde::{Deserialize, Serialize};

use super::{gain_sign, plan, ranked_order, Bar, Chart, RankBy, Step, COST_UNIT, FREE_BELOW};
use crate::i18n::{t, Lang, Msg};
use crate::insight::{card_step, difference_text_at};
use crate::levers::Settings;
use crate::measures::Headline;
use crate::optimise::unit_cost;
use crate::preview::{objective_value, unreliable_text};

/// The fluid model's evaluation of a plan (the search worker's answer): for the scenario and
/// each step, the value of each objective of [`super::OBJECTIVES`] it computes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FluidPlan {
    pub steps: Vec<Step>,
    /// Euros a year of each step at the scenario's prices ([`unit_cost`] × the step).
    pub costs: Vec<Option<f64>>,
    /// The scenario's values, then each step's, in [`super::OBJECTIVES`]' order.
    pub values: Vec<Vec<Option<f64>>>,
    /// Why the approximation is poor for the scenario or one of its steps (the first found).
    pub unreliable: Option<Unreliable>,
}

/// Evaluates `marginal::plan(network, settings)` on the fluid model.
pub fn fluid_plan(
    network: &Scenario,
    settings: &Settings,
) -> Result<FluidPlan, Vec<ValidationError>> {
    let plan = plan(network, settings);
    let mut values = Vec::new();
    let mut unreliable = None;
    for s in plan.all() {
        let f = fluid(&Model::new(s)?);
        unreliable = unreliable.or_else(|| f.unreliable());
        values.push(
            super::OBJECTIVES
                .iter()
                .map(|h| objective_value(h.id, &f))
                .collect(),
        );
    }
    let costs = plan
        .steps
        .iter()
        .map(|s| unit_cost(network, &s.lever).map(|c| c * (s.to - s.from)))
        .collect();
    Ok(FluidPlan {
        steps: plan.steps,
        costs,
        values,
        unreliable,
    })
}

/// Why there is no fluid ranking: the page waits for the simulation.
#[derive(Debug, Clone, PartialEq)]
pub enum NoFluid {
    /// The fluid model does not compute this objective (its engine id).
    Objective(SystemHeadline),
    Unreliable(Unreliable),
}

impl NoFluid {
    /// The one short line the panel shows instead of the first ranking; `scenario` names its
    /// stages.
    pub fn text(&self, lang: Lang, scenario: &Scenario) -> String {
        match self {
            NoFluid::Objective(id) => {
                let name = super::OBJECTIVES
                    .iter()
                    .find(|h| h.id == *id)
                    .map_or(id.as_str().into(), |h| t(lang, h.name));
                t(lang, Msg::MarginalFluidNone { objective: &name }).into_owned()
            }
            NoFluid::Unreliable(reason) => unreliable_text(lang, reason, scenario),
        }
    }
}

/// One lever's step on the fluid model.
#[derive(Debug, Clone, PartialEq)]
pub struct FluidEffect {
    pub step: Step,
    /// The objective, step − scenario.
    pub effect: f64,
    /// Euros a year of the step; `None` when the lever has no price.
    pub cost: Option<f64>,
    /// The effect turned so that more is better for households.
    pub gain: f64,
    /// `gain` per 100 k€ a year of the step, as in [`super::LeverEffect::gain_per_100k`].
    pub gain_per_100k: Option<f64>,
}

/// The levers ranked on the fluid model, best first, by the simulation's rule
/// ([`super::rank`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FluidRanking {
    pub objective: Headline,
    pub rank_by: RankBy,
    pub levers: Vec<FluidEffect>,
}

/// Ranks `plan`'s steps on `objective`; why not when the fluid model does not compute it, else
/// when it is unreliable here.
pub fn fluid_rank(
    plan: &FluidPlan,
    objective: &Headline,
    rank_by: RankBy,
) -> Result<FluidRanking, NoFluid> {
    let k = super::OBJECTIVES.iter().position(|h| h.id == objective.id);
    let value = |scenario: usize| Some(*plan.values.get(scenario)?.get(k?)?);
    let none = || NoFluid::Objective(objective.id);
    let base = value(0).flatten().ok_or_else(none)?;
    if let Some(reason) = &plan.unreliable {
        return Err(NoFluid::Unreliable(reason.clone()));
    }
    let sign = gain_sign(objective);
    let mut levers = Vec::new();
    for (i, (step, cost)) in plan.steps.iter().zip(&plan.costs).enumerate() {
        let effect = value(i + 1).flatten().ok_or_else(none)? - base;
        let gain = sign * effect + 0.0;
        let gain_per_100k = cost
            .filter(|c| *c >= FREE_BELOW)
            .map(|c| gain * COST_UNIT / c);
        levers.push(FluidEffect {
            step: step.clone(),
            effect,
            cost: *cost,
            gain,
            gain_per_100k,
        });
    }
    let scores: Vec<Option<f64>> = levers
        .iter()
        .map(|l| match rank_by {
            RankBy::Step => Some(l.gain),
            RankBy::Cost => l.gain_per_100k,
        })
        .collect();
    let gains: Vec<Option<f64>> = levers.iter().map(|l| Some(l.gain)).collect();
    let mut slots: Vec<Option<FluidEffect>> = levers.into_iter().map(Some).collect();
    Ok(FluidRanking {
        objective: *objective,
        rank_by,
        levers: ranked_order(&scores, &gains)
            .into_iter()
            .map(|k| slots[k].take().expect("once"))
            .collect(),
    })
}

/// « −2 440 »: a step's fluid effect, at three significant digits of itself, without interval.
pub fn fluid_effect_text(lang: Lang, objective: &Headline, e: &FluidEffect) -> String {
    let step = card_step(objective, &[Some(e.effect.abs())]);
    difference_text_at(
        lang,
        objective,
        &estimate(objective.key(), &[e.effect]),
        step,
    )
    .unwrap_or_default()
}

/// Levers the fluid sentence names (the chart shows them all).
const FLUID_NAMED: usize = 3;

/// « Premier classement, par l'approximation fluide (sans intervalle) : 1. … » with the first
/// [`FLUID_NAMED`] levers and their effects.
pub fn fluid_sentence(lang: Lang, ranking: &FluidRanking) -> String {
    let order: Vec<String> = ranking
        .levers
        .iter()
        .take(FLUID_NAMED)
        .enumerate()
        .map(|(i, l)| {
            format!(
                "{}. {} ({})",
                i + 1,
                l.step.label(lang),
                fluid_effect_text(lang, &ranking.objective, l)
            )
        })
        .collect();
    t(
        lang,
        Msg::MarginalFluid {
            objective: &t(lang, ranking.objective.name),
            order: &order.join(", "),
        },
    )
    .into_owned()
}

/// The ranked chart of the fluid ranking: bars without whiskers.
pub fn fluid_chart(lang: Lang, ranking: &FluidRanking) -> Chart {
    let scale = ranking.objective.format.scale();
    let bars = ranking.levers.iter().filter_map(|l| {
        let mean = match ranking.rank_by {
            RankBy::Step => Some(l.gain),
            RankBy::Cost => l.gain_per_100k,
        }? * scale;
        Some(Bar {
            label: l.step.label(lang),
            mean,
            low: mean,
            high: mean,
        })
    });
    super::chart_of(lang, ranking.rank_by, bars.collect())
}
