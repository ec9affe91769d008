//! What the page shows of a « Que faut-il pour… ? » or budget question while it runs and once
//! answered: plain data for its panel (as `marginal::View` is for « Où agir ? »).

use std::rc::Rc;

use parcours_engine::Scenario;

use super::ask::AskError;
use crate::optimise::{Found, Problem, SearchProgress, Selection};
use crate::runs::RunError;
use crate::seek::Seek;
use crate::state::Same;

/// Why a question shows no answer: the question itself, a run, or the search.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Ask(AskError),
    Run(RunError),
    /// The search or a record of a run could not go on (a message for the developer).
    Search(String),
}

/// « Que faut-il pour… ? »: the search as it stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeekView {
    /// The scenario asked about, the page's own (a lever moved since makes the answer out of
    /// date).
    pub of: Option<Same<Scenario>>,
    pub seek: Option<Rc<Seek>>,
    /// Simulations run so far (the scenario's, then each amount tried).
    pub runs: usize,
    pub running: bool,
    pub failure: Option<Failure>,
}

/// Where the budget optimiser stands.
#[derive(Debug, Clone, Default)]
pub struct OptimiseView {
    pub of: Option<Same<Scenario>>,
    pub problem: Option<Rc<Problem>>,
    /// How far the search has gone on the simulation (none on the fluid approximation, seconds).
    pub searching: Option<SearchProgress>,
    /// The search's front and finalists, once its worker answered.
    pub found: Option<Rc<Found>>,
    /// Finals run on the simulation (the scenario's, then each finalist's), of `finals`.
    pub finals_done: usize,
    pub finals: usize,
    pub selection: Option<Rc<Selection>>,
    pub running: bool,
    pub failure: Option<Failure>,
}

impl PartialEq for OptimiseView {
    fn eq(&self, o: &Self) -> bool {
        let same_problem = match (&self.problem, &o.problem) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_problem
            && self.of == o.of
            && self.searching == o.searching
            && self.found == o.found
            && (self.finals_done, self.finals) == (o.finals_done, o.finals)
            && self.selection == o.selection
            && self.running == o.running
            && self.failure == o.failure
    }
}

/// The cost–outcome front as the page draws it: each point's yearly cost added (M€) and the
/// search's objective (in the unit the page writes it), the recommended mix's point, and the
/// axes' titles.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontChart {
    pub points: Vec<(f64, f64)>,
    pub best: Option<(f64, f64)>,
    pub x_axis: String,
    pub y_axis: String,
}

/// The front of `found` for `problem`; the best finalist of `selection`, where known, marked.
pub fn front_chart(
    lang: crate::i18n::Lang,
    problem: &Problem,
    found: &Found,
    selection: Option<&Selection>,
) -> FrontChart {
    use crate::i18n::{t, Msg};
    let scale = problem.objective.format.scale();
    let at = |mix: &[usize], value: f64| (problem.cost(mix) / 1e6, value * scale);
    let mut points: Vec<(f64, f64)> = found.front.iter().map(|f| at(&f.mix, f.value)).collect();
    points.dedup();
    let best = selection
        .and_then(|s| s.finalists.first())
        .and_then(|b| found.values.get(&b.mix).map(|v| at(&b.mix, *v)));
    FrontChart {
        points,
        best,
        x_axis: t(lang, Msg::OptimiseAxisCost).into_owned(),
        y_axis: t(lang, problem.objective.name).into_owned(),
    }
}
