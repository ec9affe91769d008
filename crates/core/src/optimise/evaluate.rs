//! How a mix is scored: the fluid approximation ([`Surrogate`]) where it computes the objective
//! and is reliable, else the simulation with fewer replications ([`Simulated`]).

use super::*;

/// One evaluated mix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// The objective, in the engine's unit.
    pub value: f64,
    /// False where the evaluator's figure is not to be trusted (the fluid approximation near
    /// saturation or with strong blocking).
    pub reliable: bool,
}

/// What scores mixes: the fluid approximation or the simulation.
pub trait Evaluate {
    /// The objective of each scenario, in order; `None` where the evaluator cannot compute it.
    fn evaluate(&mut self, scenarios: &[Scenario]) -> Result<Vec<Option<Evaluation>>, String>;
    /// Replications a mix, for the simulation.
    fn replications(&self) -> Option<u64> {
        None
    }
}

/// The fluid approximation (MODEL.md 16.6) as the search's fast surrogate: the households
/// without a solution as the preview reads them (`preview::headline_value`), hence their
/// household-days.
pub struct Surrogate {
    pub objective: SystemHeadline,
}

impl Surrogate {
    /// Whether the approximation computes `objective`.
    pub fn computes(objective: SystemHeadline) -> bool {
        matches!(
            objective,
            SystemHeadline::WithoutSolution | SystemHeadline::HouseholdDaysWithoutSolutionPerYear
        )
    }
}

impl Evaluate for Surrogate {
    fn evaluate(&mut self, scenarios: &[Scenario]) -> Result<Vec<Option<Evaluation>>, String> {
        scenarios
            .iter()
            .map(|s| {
                let model = Model::new(s).map_err(|errors| {
                    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                    format!("a mix is not a valid scenario: {}", text.join("; "))
                })?;
                let f = fluid(&model);
                let without = headline_value(&SystemHeadline::WithoutSolution.into(), &f);
                let value = match self.objective {
                    SystemHeadline::WithoutSolution => without,
                    // Household-days as the engine counts them: the mean over a year of days
                    // (not a figure the page's preview shows).
                    SystemHeadline::HouseholdDaysWithoutSolutionPerYear => {
                        without.map(|x| x * DAYS_PER_YEAR)
                    }
                    _ => None,
                };
                Ok(value.map(|value| Evaluation {
                    value,
                    reliable: f.reliable,
                }))
            })
            .collect()
    }
}

/// The simulation as the search's evaluator: `run` runs the same replications (seed and
/// indices) of each scenario and the objective is their mean, so mixes are compared under
/// common random numbers.
pub struct Simulated<F> {
    pub objective: SystemHeadline,
    /// Replications `run` runs of each scenario (for the reader).
    pub replications: u64,
    pub run: F,
}

impl<F> Evaluate for Simulated<F>
where
    F: FnMut(&[Scenario]) -> Result<Vec<Ensemble>, String>,
{
    fn replications(&self) -> Option<u64> {
        Some(self.replications)
    }
    fn evaluate(&mut self, scenarios: &[Scenario]) -> Result<Vec<Option<Evaluation>>, String> {
        let id = HeadlineId::from(self.objective);
        Ok((self.run)(scenarios)?
            .iter()
            .map(|e| {
                let k = e.layout.headline_index(&id)?;
                let xs: Vec<f64> = e
                    .replications
                    .values()
                    .map(|r| r.headlines[k])
                    .filter(|v| !v.is_nan())
                    .collect();
                estimate((), &xs).mean.map(|value| Evaluation {
                    value,
                    reliable: true,
                })
            })
            .collect())
    }
}

/// Replications per mix when the search runs on the simulation: a tenth of the finals', at
/// least 10 (and at most the finals').
pub fn search_replications(finals: u64) -> u64 {
    (finals / 10).max(10).min(finals)
}
