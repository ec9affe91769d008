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
    /// The search starts on budget `k` of the front (0 for the first), for the reader.
    fn begin_budget(&mut self, _k: usize) {}
}

/// The engine's model of a mix's scenario, or why the mix is not a valid scenario.
pub fn model_of(scenario: &Scenario) -> Result<Model, String> {
    Model::new(scenario).map_err(|errors| {
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        format!("a mix is not a valid scenario: {}", text.join("; "))
    })
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
                let f = fluid(&model_of(s)?);
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

/// How far a search on the simulation has gone: minutes on a large territory, so the page says
/// it as it goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchProgress {
    /// Mixes simulated so far.
    pub mixes: usize,
    /// Mixes the search will simulate: known for an exhaustive search ([`simulations_planned`]),
    /// `None` for a greedy one (its path decides).
    pub planned: Option<usize>,
    /// Replications a mix.
    pub replications: u64,
    /// The front's budget being searched, 1 to [`FRONT_POINTS`] (0 before the first).
    pub budget: usize,
}

impl SearchProgress {
    /// Done of total, for a progress bar: the mixes simulated of those planned, else (a greedy
    /// search, whose path decides how many) the front's budgets searched.
    pub fn fraction(&self) -> (usize, usize) {
        match self.planned {
            Some(planned) => (self.mixes.min(planned), planned),
            None => (self.budget.saturating_sub(1), FRONT_POINTS),
        }
    }
}

/// `inner` asked one scenario at a time, `on_progress` told after each and at each budget of
/// the front: for a search in one thread, where batching gains nothing.
pub struct Reporting<'a, E> {
    pub inner: E,
    pub progress: SearchProgress,
    pub on_progress: &'a mut dyn FnMut(&SearchProgress),
}

impl<E: Evaluate> Evaluate for Reporting<'_, E> {
    fn evaluate(&mut self, scenarios: &[Scenario]) -> Result<Vec<Option<Evaluation>>, String> {
        let mut out = Vec::with_capacity(scenarios.len());
        for s in scenarios {
            out.extend(self.inner.evaluate(std::slice::from_ref(s))?);
            self.progress.mixes += 1;
            (self.on_progress)(&self.progress);
        }
        Ok(out)
    }
    fn replications(&self) -> Option<u64> {
        self.inner.replications()
    }
    fn begin_budget(&mut self, k: usize) {
        self.progress.budget = k + 1;
        (self.on_progress)(&self.progress);
    }
}
