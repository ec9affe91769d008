//! A question of the page's decision panels turned into what the core runs: a [`SeekAsk`] into
//! a [`Target`] and the levers allowed with their bounds (`seek::allowed`), an [`OptimiseAsk`]
//! into an optimiser's [`Problem`]. Whatever stops it names the field ([`AskError::field`]) and
//! says why in the page's language ([`AskError::text`]).

use parcours_engine::{Layout, Scenario};

use crate::i18n::{t, Lang, Msg};
use crate::levers::{levers_of, LeverId, Settings};
use crate::link::MAX_REPLICATIONS;
use crate::optimise::{Grid, Problem};
use crate::seek::{allowed, fluid_guess, SeekError};
use crate::target::{Allowed, Month, Target, TargetError};

use super::{AllowedLever, Analysis, AnalysisError, OptimiseAsk, SeekAsk};

/// The month a new target is read in by default: December 2029 (the agreement's horizon) when
/// the reporting window holds it, else the window's last month.
pub const DEFAULT_BY: Month = Month {
    year: 2029,
    month: 12,
};

/// Why a question cannot be run on this scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum AskError {
    /// A field out of its range ([`Analysis::check`]).
    Check(AnalysisError),
    /// The target cannot be read in this scenario's runs (its month, its objective).
    Target(TargetError),
    /// A lever not allowed here (`seek::allowed`), at `field`.
    Lever { field: String, error: SeekError },
}

impl AskError {
    /// The field's path, as [`Analysis::check`] writes it (`seek.probability`).
    pub fn field(&self) -> String {
        match self {
            AskError::Check(e) => e.field.clone(),
            AskError::Target(TargetError::NoMonthlySeries { .. }) => "seek.objective".into(),
            AskError::Target(TargetError::OutsideWindow { .. }) => "seek.by".into(),
            AskError::Target(TargetError::Probability(_)) => "seek.probability".into(),
            AskError::Lever { field, .. } => field.clone(),
        }
    }

    /// What is wrong, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AskError::Target(e) => e.text(lang),
            AskError::Lever { error, .. } => error.text(lang),
            AskError::Check(e) => {
                let msg = match e.field.rsplit('.').next().unwrap_or("") {
                    "replications" => Msg::AskReplications {
                        max: MAX_REPLICATIONS,
                    },
                    "goal" => Msg::AskGoal,
                    "probability" => Msg::AskProbability,
                    "month" => Msg::AskMonth,
                    "budget" => Msg::AskBudget,
                    "open_per_year" => Msg::AskOpenPerYear,
                    // The levers are checked by `seek::allowed`, which names them.
                    _ => return format!("{}: {}", e.field, e.why),
                };
                t(lang, msg).into_owned()
            }
        }
    }
}

/// [`Analysis::check`] but for the levers, which [`bounded`] checks naming them.
fn check_fields(a: Analysis) -> Result<(), AskError> {
    match a.check() {
        Err(e) if !e.field.contains(".levers") => Err(AskError::Check(e)),
        _ => Ok(()),
    }
}

/// The levers asked for with their bounds: those given, the missing one from the lever's
/// current value (the settings', else the network's) or up to the top of its slider.
fn bounded(
    kind: &str,
    network: &Scenario,
    settings: &Settings,
    levers: &[AllowedLever],
) -> Result<Vec<Allowed>, AskError> {
    let known = levers_of(network);
    let asked: Vec<(LeverId, Option<(f64, f64)>)> = levers
        .iter()
        .map(|l| {
            let bounds = (l.min.is_some() || l.max.is_some()).then(|| {
                let lever = known.iter().find(|k| k.id == l.lever);
                let current = settings
                    .values
                    .get(&l.lever)
                    .copied()
                    .or(lever.map(|k| k.baseline))
                    .unwrap_or(0.0);
                let top = lever.map_or(current, |k| k.max.max(current));
                (l.min.unwrap_or(current), l.max.unwrap_or(top))
            });
            (l.lever.clone(), bounds)
        })
        .collect();
    allowed(network, settings, &asked).map_err(|error| {
        let k = match &error {
            SeekError::UnknownLever { id, .. }
            | SeekError::Twice(id)
            | SeekError::Bounds { id, .. } => {
                levers.iter().rposition(|l| l.lever.to_string() == *id)
            }
            SeekError::Trend => levers.iter().position(|l| l.lever == LeverId::Trend),
            SeekError::NoLever => None,
        };
        AskError::Lever {
            field: k.map_or(format!("{kind}.levers"), |k| format!("{kind}.levers[{k}]")),
            error,
        }
    })
}

impl SeekAsk {
    /// The target, read in runs of `layout`.
    pub fn target(&self, layout: &Layout) -> Result<Target, AskError> {
        check_fields(Analysis::Seek(self.clone()))?;
        let target = Target {
            objective: self.objective.0,
            goal: self.goal,
            by: self.by,
            probability: self.probability,
        };
        target.reading(layout).map_err(AskError::Target)?;
        Ok(target)
    }

    /// The levers allowed on `network` with `settings` applied, with their bounds.
    pub fn allowed(
        &self,
        network: &Scenario,
        settings: &Settings,
    ) -> Result<Vec<Allowed>, AskError> {
        let levers = bounded("seek", network, settings, &self.levers)?;
        check_fields(Analysis::Seek(self.clone()))?;
        Ok(levers)
    }

    /// Each allowed lever's first guess from the fluid model (`seek::fluid_guess`), in the order
    /// of [`SeekAsk::allowed`], for `Seek::with_guesses`: about ten fluid evaluations a lever,
    /// too long for the page's main thread, so its search worker computes them
    /// (`ToWorker::Guess`).
    pub fn guesses(
        &self,
        network: &Scenario,
        settings: &Settings,
        layout: &Layout,
    ) -> Result<Vec<Option<f64>>, AskError> {
        let target = self.target(layout)?;
        Ok(self
            .allowed(network, settings)?
            .iter()
            .map(|a| fluid_guess(network, settings, a, &target))
            .collect())
    }
}

/// The levers a new « Que faut-il pour… ? » allows: the allocations (what binds most often)
/// and the first place stage's places (the emergency places, where a territory starts).
pub fn seek_levers(network: &Scenario) -> Vec<LeverId> {
    let levers = levers_of(network);
    let first_places = levers.iter().find(|l| matches!(l.id, LeverId::Places(_)));
    levers
        .iter()
        .filter(|l| matches!(l.id, LeverId::Allocations(_)))
        .chain(first_places)
        .map(|l| l.id.clone())
        .collect()
}

/// The levers a new budget question allows: those of [`seek_levers`] and prevention. With
/// every lever, some mixes the search retains on the default territory saturate a stage, where
/// the fluid approximation is not reliable, and the search would fall back on the simulation
/// (minutes in the page): the planner adds levers knowing it.
pub fn optimise_levers(network: &Scenario) -> Vec<LeverId> {
    let mut ids = seek_levers(network);
    if levers_of(network)
        .iter()
        .any(|l| l.id == LeverId::Prevention)
    {
        ids.push(LeverId::Prevention);
    }
    ids
}

/// [`DEFAULT_BY`] when runs of `layout` reach it, else their last month.
pub fn default_by(layout: &Layout) -> Month {
    let probe = Target {
        objective: crate::marginal::OBJECTIVES[1],
        goal: crate::target::Goal::Change(-0.5),
        by: Some(DEFAULT_BY),
        probability: 0.8,
    };
    match probe.reading(layout) {
        Err(TargetError::OutsideWindow { first, .. }) if DEFAULT_BY < first => first,
        Err(TargetError::OutsideWindow { last, .. }) => last,
        _ => DEFAULT_BY,
    }
}

impl OptimiseAsk {
    /// The optimiser's problem on `scenario` (the scenario shown: the budget is what a mix adds
    /// to its cost, and the levers' default bounds start from its values).
    pub fn problem(&self, scenario: &Scenario) -> Result<Problem, AskError> {
        check_fields(Analysis::Optimise(self.clone()))?;
        let levers = bounded("optimise", scenario, &Settings::default(), &self.levers)?;
        let grids = levers
            .iter()
            .map(|a| {
                Grid::new(scenario, &a.lever.id, Some((a.min, a.max)))
                    .expect("seek::allowed checked the lever and its bounds")
            })
            .collect();
        Ok(Problem::new(
            scenario.clone(),
            grids,
            self.budget,
            self.open_per_year,
            self.objective.0,
        )
        .expect("Analysis::check checked the budget and the levers"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Objective;
    use crate::catalog;
    use crate::marginal::OBJECTIVES;
    use crate::seek::Seek;
    use crate::target::Goal;
    use parcours_engine::Model;

    fn territory() -> Scenario {
        Scenario::from_json(catalog::shipped::file("haute-garonne.json").unwrap()).unwrap()
    }

    fn lever(id: &str) -> AllowedLever {
        AllowedLever {
            lever: id.parse().unwrap(),
            min: None,
            max: None,
        }
    }

    fn seek() -> SeekAsk {
        SeekAsk {
            objective: Objective(OBJECTIVES[1]),
            goal: Goal::Change(-0.5),
            by: Some(DEFAULT_BY),
            probability: 0.8,
            levers: vec![lever("lever-alloc-hlm"), lever("lever-places-hu")],
            replications: 20,
        }
    }

    /// The page's seek starts from guesses its worker computed ([`SeekAsk::guesses`]): the very
    /// seek the command line's `Seek::new(…, true)` starts with.
    #[test]
    fn a_seek_from_the_workers_guesses_is_the_seek_from_the_fluid_model() {
        let network = territory();
        let mut settings = Settings::default();
        settings
            .values
            .insert("lever-places-chrs".parse().unwrap(), 480.0);
        let layout = Model::new(&network).unwrap().layout().clone();
        // −20 %: within the allocations' reach in the fluid means (−50 % is not).
        let ask = SeekAsk {
            goal: Goal::Change(-0.2),
            ..seek()
        };
        let target = ask.target(&layout).unwrap();
        let allowed = ask.allowed(&network, &settings).unwrap();
        let guesses = ask.guesses(&network, &settings, &layout).unwrap();
        assert_eq!(guesses.len(), 2);
        assert!(
            guesses.iter().any(Option::is_some),
            "a guess to carry: {guesses:?}"
        );
        let from_fluid = Seek::new(&network, &settings, target.clone(), allowed.clone(), true);
        let given = Seek::with_guesses(&network, &settings, target, allowed, &guesses);
        assert_eq!(given, from_fluid);
    }

    #[test]
    fn a_seek_question_becomes_its_target_and_levers() {
        let network = territory();
        let layout = Model::new(&network).unwrap().layout().clone();
        let target = seek().target(&layout).unwrap();
        assert_eq!(target.by, Some(DEFAULT_BY));
        assert_eq!(target.objective.id, OBJECTIVES[1].id);
        let mut ask = seek();
        ask.levers[1].max = Some(900.0);
        let allowed = ask.allowed(&network, &Settings::default()).unwrap();
        let hu = &allowed[1];
        // The missing lower bound is the lever's value in the scenario.
        assert_eq!((hu.min, hu.max), (hu.lever.baseline, 900.0));
        // The allocation lever's bounds default to its value and the top of its slider.
        assert_eq!(allowed[0].min, allowed[0].lever.baseline);
        assert_eq!(allowed[0].max, allowed[0].lever.max);
    }

    #[test]
    fn every_error_names_its_field_and_says_why_in_both_languages() {
        let network = territory();
        let layout = Model::new(&network).unwrap().layout().clone();
        let settings = Settings::default();
        let seek_err = |f: &dyn Fn(&mut SeekAsk)| {
            let mut a = seek();
            f(&mut a);
            a.target(&layout)
                .err()
                .or_else(|| a.allowed(&network, &settings).err())
                .expect("an error")
        };
        let cases: Vec<(AskError, &str)> = vec![
            (seek_err(&|a| a.probability = 1.5), "seek.probability"),
            (seek_err(&|a| a.goal = Goal::Change(-1.0)), "seek.goal"),
            (seek_err(&|a| a.replications = 0), "seek.replications"),
            (
                seek_err(&|a| {
                    a.by = Some(Month {
                        year: 1990,
                        month: 1,
                    })
                }),
                "seek.by",
            ),
            (
                seek_err(&|a| a.objective = Objective(OBJECTIVES[2])),
                "seek.objective",
            ),
            (seek_err(&|a| a.levers.clear()), "seek.levers"),
            (
                seek_err(&|a| a.levers.push(lever("lever-trend"))),
                "seek.levers[2]",
            ),
            (
                seek_err(&|a| a.levers.push(lever("lever-places-nowhere"))),
                "seek.levers[2]",
            ),
            (seek_err(&|a| a.levers[1].max = Some(1.0)), "seek.levers[1]"),
        ];
        for (e, field) in cases {
            assert_eq!(e.field(), field, "{e:?}");
            let (fr, en) = (e.text(Lang::Fr), e.text(Lang::En));
            assert!(!fr.is_empty() && fr != en, "{e:?}: {fr} / {en}");
        }
        let opt = |f: &dyn Fn(&mut OptimiseAsk)| {
            let mut a = optimise();
            f(&mut a);
            a.problem(&network).unwrap_err()
        };
        assert_eq!(opt(&|a| a.budget = -1.0).field(), "optimise.budget");
        assert_eq!(
            opt(&|a| a.open_per_year = Some(0)).field(),
            "optimise.open_per_year"
        );
        let e = opt(&|a| a.levers[0].min = Some(5000.0));
        assert_eq!(e.field(), "optimise.levers[0]");
        assert!(e.text(Lang::Fr).contains("lever-places-chrs"), "{e:?}");
    }

    fn optimise() -> OptimiseAsk {
        OptimiseAsk {
            objective: Objective::default(),
            budget: 2e6,
            open_per_year: None,
            levers: vec![lever("lever-places-chrs"), lever("lever-alloc-hlm")],
            replications: 20,
        }
    }

    #[test]
    fn an_optimise_question_becomes_its_problem() {
        let network = territory();
        let p = optimise().problem(&network).unwrap();
        assert_eq!(p.budget, 2e6);
        assert_eq!(p.levers.len(), 2);
        // The grid starts at the scenario's value, by « Où agir ? »'s steps.
        let chrs = &p.levers[0];
        assert_eq!(chrs.values[0], chrs.baseline());
        assert_eq!(chrs.step, 10.0);
        assert_eq!(p.cost(&p.start()), 0.0);
    }

    /// The page's default budget question on the default territory searches on the fluid
    /// approximation (reliable there, MODEL.md 16.6), so the page's search worker answers in
    /// seconds, and gives a front from 0 to the budget and finalists within it.
    #[test]
    fn the_default_budget_question_searches_on_the_surrogate() {
        let network = territory();
        let ask = OptimiseAsk {
            levers: optimise_levers(&network)
                .into_iter()
                .map(|id| AllowedLever {
                    lever: id,
                    min: None,
                    max: None,
                })
                .collect(),
            ..optimise()
        };
        assert_eq!(ask.levers.len(), 3, "{:?}", ask.levers);
        let p = ask.problem(&network).unwrap();
        let started = std::time::Instant::now();
        let found =
            crate::optimise::search_in_thread(&p, 42, ask.replications, &mut |_| {}).unwrap();
        eprintln!(
            "search: {:?}, {} evaluations",
            started.elapsed(),
            found.evaluations
        );
        assert_eq!(found.method, crate::optimise::Method::Surrogate);
        assert_eq!(found.front.len(), crate::optimise::FRONT_POINTS);
        assert!(!found.finalists.is_empty());
        assert!(found.finalists.iter().all(|m| p.cost(m) <= p.budget + 1e-6));
        // Applied to the page's levers, the best mix makes the scenario it was scored on.
        let p = p.with_opening_order(&found.opening_order).unwrap();
        let best = &found.finalists[0];
        let settings = p.applied(best, &network, &Settings::default());
        assert_eq!(crate::levers::apply(&network, &settings), p.scenario(best));
    }

    #[test]
    fn the_default_seek_levers_are_the_allocations_and_the_first_places() {
        let ids: Vec<String> = seek_levers(&territory())
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(ids, ["lever-alloc-hlm", "lever-places-hu"]);
    }

    #[test]
    fn the_default_month_is_december_2029_or_the_window_s_last() {
        let network = territory();
        let layout = Model::new(&network).unwrap().layout().clone();
        assert_eq!(default_by(&layout), DEFAULT_BY);
        let mut short = layout.clone();
        short.periods = 12;
        let last = default_by(&short);
        assert!(last < DEFAULT_BY, "{last:?}");
        let target = Target {
            objective: OBJECTIVES[1],
            goal: Goal::Change(-0.5),
            by: Some(last),
            probability: 0.8,
        };
        assert!(target.reading(&short).is_ok());
    }
}
