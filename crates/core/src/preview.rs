//! The instant preview (issue 13, item 4; MODEL.md 16.6): what the page shows of the engine's
//! fluid approximation of the scenario shown while its simulation has not answered — « ≈ N » on
//! the cards until the first figures arrive, a dashed level over the reporting window on the
//! fan chart until the run is complete — or, where the approximation is known to be poor, the
//! sentence saying so instead of any figure.
//!
//! A compared scenario's figure is anchored on the baseline's simulated one: the baseline's
//! figure plus the fluid model's change from the baseline to the scenario. The fluid model is
//! off by up to a quarter on a level (MODEL.md 16.6) but much of that error is the same in both
//! scenarios, so its raw level beside the baseline's simulated figure could show a change of the
//! wrong sign (Haute-Garonne, CHRS 451 → 511: simulated 383, fluid 433 → 408).

use std::rc::Rc;

use parcours_engine::fluid::{fluid, FluidEstimate, Unreliable};
use parcours_engine::{
    Bands, HeadlineId, Model, Scenario, SeriesId, StageSeries, Summary, SystemHeadline,
    SystemSeries,
};

use crate::i18n::{format_count, format_sig, t, Lang, Localized, Msg};
use crate::insight::{card_step, figure_text};
use crate::measures::Headline;
use crate::runs::RunView;

/// The approximation of `scenario`: `None` when the scenario is invalid (the run says why).
/// About 3 ms natively on the default territory, validation included.
pub fn evaluate(scenario: &Scenario) -> Option<FluidEstimate> {
    Model::new(scenario).ok().map(|model| fluid(&model))
}

/// How far the simulation of the scenario shown has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simulated {
    /// No figure of this scenario yet (its run has not started, or nothing has arrived).
    Nothing,
    /// Figures, with replications still to come.
    Partial,
    /// Every replication is in (or the run stopped: what is shown is all there will be).
    Complete,
}

impl Simulated {
    /// The state of `view`, the run of the scenario shown; `None` when the run shown is of
    /// another scenario (the new one's waits for the end of a slider's drag).
    pub fn of(view: Option<&RunView>, cancelled: bool) -> Simulated {
        match view {
            Some(v) if v.summary.is_some() && (cancelled || v.done >= v.total) => {
                Simulated::Complete
            }
            Some(v) if v.summary.is_some() => Simulated::Partial,
            _ => Simulated::Nothing,
        }
    }
}

/// What the page shows of the approximation.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Preview {
    /// Nothing: no valid scenario, or its simulation is complete.
    #[default]
    Hidden,
    /// The approximation is poor here (MODEL.md 16.6): the page says why, with no figure.
    Unreliable(Rc<Unreliable>),
    /// The approximation's figures: on the fan chart, and on the cards while `on_cards`.
    Shown {
        estimate: Rc<FluidEstimate>,
        /// Of the compared scenario (the cards then show the baseline's figures beside it).
        comparing: bool,
        /// What the scenario's figures are anchored on, once the baseline's are simulated.
        anchor: Option<Anchor>,
        /// The simulation has no figure of this scenario yet.
        on_cards: bool,
    },
}

/// A card's approximation: « Scénario » when a scenario is compared, and « ≈ 1 230 ».
#[derive(Debug, Clone, PartialEq)]
pub struct CardApprox {
    pub label: Option<String>,
    pub figure: String,
}

/// The baseline a scenario is compared with: its approximation (`None`: invalid) and its
/// summary once simulated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Baseline<'a> {
    pub estimate: Option<&'a Rc<FluidEstimate>>,
    pub summary: Option<&'a Rc<Summary>>,
}

/// The baseline of a compared scenario: its approximation and its simulated summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub estimate: Rc<FluidEstimate>,
    pub summary: Rc<Summary>,
}

impl Anchor {
    /// `fluid` (the scenario's approximation of a measure) as the baseline's simulated figure
    /// `simulated` plus the fluid model's change, `fluid − baseline_fluid`; never below 0.
    fn anchored(simulated: f64, baseline_fluid: f64, fluid: f64) -> f64 {
        (simulated + fluid - baseline_fluid).max(0.0)
    }
}

impl Preview {
    /// What to show of `estimate` (of the scenario shown) given how far its simulation has
    /// come; `baseline`, when a scenario is compared: the baseline's approximation and, once
    /// simulated, its summary.
    pub fn new(
        estimate: Option<&Rc<FluidEstimate>>,
        baseline: Option<Baseline>,
        simulated: Simulated,
    ) -> Preview {
        let Some(estimate) = estimate.filter(|_| simulated != Simulated::Complete) else {
            return Preview::Hidden;
        };
        let anchor = match baseline {
            Some(Baseline {
                estimate: Some(estimate),
                summary: Some(summary),
            }) => Some(Anchor {
                estimate: estimate.clone(),
                summary: summary.clone(),
            }),
            _ => None,
        };
        // A change measured from an unreliable baseline is no more reliable than it.
        let reason = estimate
            .unreliable()
            .or_else(|| anchor.as_ref().and_then(|a| a.estimate.unreliable()));
        match reason {
            Some(reason) => Preview::Unreliable(Rc::new(reason)),
            None => Preview::Shown {
                estimate: estimate.clone(),
                comparing: baseline.is_some(),
                anchor,
                on_cards: simulated == Simulated::Nothing,
            },
        }
    }

    /// The card's approximation, « ≈ 1 230 » (« Scénario ≈ 1 230 » beside the baseline's
    /// figure), for a headline the fluid model gives, while the cards show it.
    pub fn card_text(&self, lang: Lang, h: &Headline) -> Option<String> {
        let CardApprox { label, figure } = self.card(lang, h)?;
        Some(match label {
            Some(label) => format!("{label} {figure}"),
            None => figure,
        })
    }

    /// [`Preview::card_text`] in its parts (a narrow card wraps between them).
    pub fn card(&self, lang: Lang, h: &Headline) -> Option<CardApprox> {
        let Preview::Shown {
            estimate,
            comparing,
            anchor,
            on_cards: true,
        } = self
        else {
            return None;
        };
        let key = h.key();
        let fluid = headline_value(&key, estimate)?;
        let x = match anchor {
            Some(a) => {
                let simulated = a.summary.headline(&key)?.mean?;
                Anchor::anchored(simulated, headline_value(&key, &a.estimate)?, fluid)
            }
            None => fluid,
        };
        let figure = figure_text(lang, h, Some(x), card_step(h, &[Some(x)]));
        Some(CardApprox {
            label: comparing.then(|| t(lang, Msg::Scenario).into_owned()),
            figure: t(lang, Msg::ApproxFigure { figure: &figure }).into_owned(),
        })
    }

    /// The level the fan chart of `series` draws dashed over the reporting window.
    pub fn chart_level(&self, series: &SeriesId) -> Option<f64> {
        let Preview::Shown {
            estimate, anchor, ..
        } = self
        else {
            return None;
        };
        let fluid = series_value(series, estimate)?;
        match anchor {
            Some(a) => {
                let simulated = window_mean(a.summary.series(series)?)?;
                Some(Anchor::anchored(
                    simulated,
                    series_value(series, &a.estimate)?,
                    fluid,
                ))
            }
            None => Some(fluid),
        }
    }

    /// What the fan chart's dashed level is, for the chart's accessible name.
    pub fn chart_note(&self, lang: Lang, series: &SeriesId) -> Option<String> {
        let figure = format_sig(lang, self.chart_level(series)?);
        Some(t(lang, Msg::ApproxChartNote { figure: &figure }).into_owned())
    }

    /// « Approximation peu fiable ici : … », where the approximation is poor; `scenario` names
    /// its stages.
    pub fn warning(&self, lang: Lang, scenario: &Scenario) -> Option<String> {
        let Preview::Unreliable(reason) = self else {
            return None;
        };
        Some(unreliable_text(lang, reason, scenario))
    }
}

/// « Approximation peu fiable ici : …, attendez la simulation » for `reason`; `scenario` names
/// its stages.
pub fn unreliable_text(lang: Lang, reason: &Unreliable, scenario: &Scenario) -> String {
    let percent = |share: f64| format_count(lang, (share * 100.0).round());
    let why = match reason {
        Unreliable::Saturated { stage, utilisation } => {
            let name = scenario
                .stages
                .iter()
                .find(|s| s.id == *stage)
                .map_or(stage.as_str(), |s| s.label.text(lang));
            t(
                lang,
                Msg::ApproxSaturated {
                    stage: name,
                    percent: &percent(*utilisation),
                },
            )
        }
        Unreliable::StrongBlocking { blocked_share } => t(
            lang,
            Msg::ApproxStrongBlocking {
                percent: &percent(*blocked_share),
            },
        ),
    };
    t(lang, Msg::ApproxUnreliable { why: &why }).into_owned()
}

/// The mean of a series over the reporting window: its periods' means, equally weighted (the
/// last period may be shorter; a level drawn over the window does not tell the difference).
fn window_mean(bands: &Bands) -> Option<f64> {
    let values: Vec<f64> = bands
        .mean
        .iter()
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The fluid model's value of a headline, for those it gives (MODEL.md 16.6): the preview's
/// reading of it, and the budget optimiser's.
pub fn headline_value(id: &HeadlineId, e: &FluidEstimate) -> Option<f64> {
    match id {
        HeadlineId::System(SystemHeadline::WithoutSolution) => Some(e.without_solution),
        HeadlineId::System(SystemHeadline::Unsheltered) => Some(e.unsheltered),
        HeadlineId::System(SystemHeadline::StreetBetweenRequests) => {
            Some(e.street_between_requests)
        }
        HeadlineId::System(SystemHeadline::HousedPerYear) => Some(e.housed_per_year),
        HeadlineId::System(SystemHeadline::BlockedPlaces) => Some(e.blocked),
        _ => None,
    }
}

/// The fluid model's value of a decision question's objective, for those it estimates
/// (households without a solution, on the waiting list, and household-days without a solution a
/// year, its mean level over a year): target seeking's first guess and « Où agir ? »'s first
/// ranking.
pub fn objective_value(id: SystemHeadline, e: &FluidEstimate) -> Option<f64> {
    match id {
        SystemHeadline::WithoutSolution => Some(e.without_solution),
        SystemHeadline::Unsheltered => Some(e.unsheltered),
        SystemHeadline::HouseholdDaysWithoutSolutionPerYear => {
            Some(e.without_solution * 12.0 * parcours_engine::MONTH_DAYS)
        }
        _ => None,
    }
}

/// The fluid model's mean level of a series over the reporting window, for those it gives.
pub fn series_value(id: &SeriesId, e: &FluidEstimate) -> Option<f64> {
    match id {
        SeriesId::System(SystemSeries::Unsheltered) => Some(e.unsheltered),
        SeriesId::System(SystemSeries::StreetBetweenRequests) => Some(e.street_between_requests),
        SeriesId::System(SystemSeries::WithoutSolution) => Some(e.without_solution),
        SeriesId::System(SystemSeries::Blocked) => Some(e.blocked),
        SeriesId::Stage { stage, measure } => {
            let s = e.stages.iter().find(|s| s.id == *stage)?;
            match measure {
                StageSeries::Occupancy => Some(s.occupancy),
                StageSeries::Blocked => Some(s.blocked),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::{COST, HOUSED, UNSHELTERED_SERIES, WITHOUT_SOLUTION};
    use parcours_engine::default_scenario;

    fn ariege() -> Scenario {
        crate::catalog::shipped::scenario("ariege.json")
    }

    /// The summary of one replication of `scenario`.
    fn summary_of(scenario: &Scenario) -> Rc<Summary> {
        let model = Model::new(scenario).unwrap();
        let mut ensemble = parcours_engine::Ensemble::new(model.layout().clone(), 42);
        ensemble.add(parcours_engine::simulate(&model, 42, 0).unwrap());
        Rc::new(ensemble.summary())
    }

    fn view(done: usize, total: usize, figures: bool) -> RunView {
        let mut v = RunView::starting(total);
        v.done = done;
        if figures {
            // A small territory: only the summary's presence counts here.
            v.summary = Some(summary_of(&ariege()));
        }
        v
    }

    #[test]
    fn how_far_the_simulation_has_come() {
        assert_eq!(Simulated::of(None, false), Simulated::Nothing);
        assert_eq!(
            Simulated::of(Some(&view(0, 20, false)), false),
            Simulated::Nothing
        );
        let partial = view(1, 20, true);
        assert_eq!(Simulated::of(Some(&partial), false), Simulated::Partial);
        assert_eq!(Simulated::of(Some(&partial), true), Simulated::Complete);
        let mut done = partial;
        done.done = 20;
        assert_eq!(Simulated::of(Some(&done), false), Simulated::Complete);
    }

    /// On the default territory (reliable, MODEL.md 16.6): « ≈ N » on the cards the fluid model
    /// gives, in French and English, until the first figures; the dashed level until the end.
    #[test]
    fn the_default_territory_is_previewed_until_its_figures_arrive() {
        let e = Rc::new(evaluate(&default_scenario()).expect("valid"));
        assert!(e.reliable);
        let waiting = Preview::new(Some(&e), Some(Baseline::default()), Simulated::Nothing);
        let fr = waiting
            .card_text(Lang::Fr, &WITHOUT_SOLUTION)
            .expect("shown");
        // The figure at the card's three significant digits, after « Scénario ≈ ».
        let figure = figure_text(
            Lang::Fr,
            &WITHOUT_SOLUTION,
            Some(e.without_solution),
            card_step(&WITHOUT_SOLUTION, &[Some(e.without_solution)]),
        );
        assert_eq!(fr, format!("Scénario ≈ {figure}"));
        assert!(waiting
            .card_text(Lang::En, &HOUSED)
            .unwrap()
            .starts_with("Scenario ≈ "));
        assert_eq!(
            waiting.card_text(Lang::Fr, &COST),
            None,
            "not a fluid figure"
        );
        let alone = Preview::new(Some(&e), None, Simulated::Nothing);
        assert!(alone
            .card_text(Lang::Fr, &WITHOUT_SOLUTION)
            .unwrap()
            .starts_with("≈ "));
        let level = waiting.chart_level(&UNSHELTERED_SERIES.key());
        assert_eq!(level, Some(e.unsheltered));
        assert_eq!(
            waiting.chart_level(&SeriesId::stage("chrs", StageSeries::Occupancy)),
            e.stages
                .iter()
                .find(|s| s.id == "chrs")
                .map(|s| s.occupancy)
        );
        assert!(waiting
            .chart_note(Lang::Fr, &UNSHELTERED_SERIES.key())
            .unwrap()
            .starts_with("En tirets : l'approximation (modèle de flux)"));
        assert_eq!(waiting.warning(Lang::Fr, &default_scenario()), None);

        // First figures: off the cards, still on the chart; complete: gone.
        let partial = Preview::new(Some(&e), Some(Baseline::default()), Simulated::Partial);
        assert_eq!(partial.card_text(Lang::Fr, &WITHOUT_SOLUTION), None);
        assert_eq!(partial.chart_level(&UNSHELTERED_SERIES.key()), level);
        assert_eq!(
            Preview::new(Some(&e), Some(Baseline::default()), Simulated::Complete),
            Preview::Hidden
        );
        // An invalid scenario has no approximation.
        assert_eq!(
            Preview::new(None, Some(Baseline::default()), Simulated::Nothing),
            Preview::Hidden
        );
    }

    /// Ariège is near saturation (MODEL.md 16.6): no figure, and the page says why, naming the
    /// saturated stage, in both languages.
    #[test]
    fn an_unreliable_approximation_is_said_not_shown() {
        let scenario = ariege();
        let e = Rc::new(evaluate(&scenario).expect("valid"));
        let p = Preview::new(Some(&e), None, Simulated::Nothing);
        assert_eq!(p.card_text(Lang::Fr, &WITHOUT_SOLUTION), None);
        assert_eq!(p.chart_level(&UNSHELTERED_SERIES.key()), None);
        let Some(Unreliable::Saturated { stage, .. }) = e.unreliable() else {
            panic!("{:?}", e.unreliable());
        };
        let label = &scenario
            .stages
            .iter()
            .find(|s| s.id == stage)
            .unwrap()
            .label;
        let fr = p.warning(Lang::Fr, &scenario).unwrap();
        assert!(fr.starts_with("Approximation peu fiable ici : "), "{fr}");
        assert!(fr.contains(label.text(Lang::Fr)), "{fr}");
        let en = p.warning(Lang::En, &scenario).unwrap();
        assert!(en.starts_with("Approximation unreliable here: "), "{en}");
        assert!(en.contains(label.text(Lang::En)), "{en}");
    }

    /// A compared scenario's figures are the baseline's simulated ones moved by the fluid
    /// model's change: Haute-Garonne with 60 more CHRS places, where the fluid level alone (433
    /// → 408 without a solution) sits above the simulated baseline (about 383) and would read as
    /// a rise.
    #[test]
    fn a_compared_scenario_is_anchored_on_the_simulated_baseline() {
        let baseline = default_scenario();
        let mut settings = crate::levers::Settings::default();
        let chrs = crate::levers::LeverId::Places("chrs".into());
        settings.values.insert(chrs, 511.0);
        let scenario = crate::levers::apply(&baseline, &settings);
        let (fb, fs) = (
            Rc::new(evaluate(&baseline).unwrap()),
            Rc::new(evaluate(&scenario).unwrap()),
        );
        assert!(
            fs.without_solution < fb.without_solution,
            "more places, shorter list"
        );
        let summary = summary_of(&baseline);
        let p = Preview::new(
            Some(&fs),
            Some(Baseline {
                estimate: Some(&fb),
                summary: Some(&summary),
            }),
            Simulated::Nothing,
        );
        let simulated = summary
            .headline(&WITHOUT_SOLUTION.key())
            .unwrap()
            .mean
            .unwrap();
        let expected = simulated + fs.without_solution - fb.without_solution;
        assert!(expected < simulated);
        let figure = |x: f64| {
            figure_text(
                Lang::Fr,
                &WITHOUT_SOLUTION,
                Some(x),
                card_step(&WITHOUT_SOLUTION, &[Some(x)]),
            )
        };
        assert_eq!(
            p.card_text(Lang::Fr, &WITHOUT_SOLUTION).unwrap(),
            format!("Scénario ≈ {}", figure(expected))
        );
        // The chart's level: the baseline series' window mean, moved the same way.
        let series = UNSHELTERED_SERIES.key();
        let bands = summary.series(&series).unwrap();
        let mean = bands.mean.iter().sum::<f64>() / bands.mean.len() as f64;
        let level = p.chart_level(&series).unwrap();
        assert!((level - (mean + fs.unsheltered - fb.unsheltered)).abs() < 1e-9);
        // Before the baseline is simulated, the scenario's own level.
        let raw = Preview::new(
            Some(&fs),
            Some(Baseline {
                estimate: Some(&fb),
                summary: None,
            }),
            Simulated::Nothing,
        );
        assert_eq!(raw.chart_level(&series), Some(fs.unsheltered));
    }
}
