//! The instant preview (issue 13, item 4; MODEL.md 16.6): what the page shows of the engine's
//! fluid approximation of the scenario shown while its simulation has not answered — « ≈ N » on
//! the cards until the first figures arrive, a dashed level over the reporting window on the
//! fan chart until the run is complete — or, where the approximation is known to be poor, the
//! sentence saying so instead of any figure.

use std::rc::Rc;

use parcours_engine::fluid::{fluid, FluidEstimate, Unreliable};
use parcours_engine::{
    HeadlineId, Model, Scenario, SeriesId, StageSeries, SystemHeadline, SystemSeries,
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
        /// The simulation has no figure of this scenario yet.
        on_cards: bool,
    },
}

impl Preview {
    /// What to show of `estimate` (of the scenario shown; compared with the baseline when
    /// `comparing`) given how far its simulation has come.
    pub fn new(
        estimate: Option<&Rc<FluidEstimate>>,
        comparing: bool,
        simulated: Simulated,
    ) -> Preview {
        let Some(estimate) = estimate.filter(|_| simulated != Simulated::Complete) else {
            return Preview::Hidden;
        };
        match estimate.unreliable() {
            Some(reason) => Preview::Unreliable(Rc::new(reason)),
            None => Preview::Shown {
                estimate: estimate.clone(),
                comparing,
                on_cards: simulated == Simulated::Nothing,
            },
        }
    }

    /// The card's approximation, « ≈ 1 230 » (« Scénario ≈ 1 230 » beside the baseline's
    /// figure), for a headline the fluid model gives, while the cards show it.
    pub fn card_text(&self, lang: Lang, h: &Headline) -> Option<String> {
        let Preview::Shown {
            estimate,
            comparing,
            on_cards: true,
        } = self
        else {
            return None;
        };
        let x = headline_value(&h.key(), estimate)?;
        let figure = figure_text(lang, h, Some(x), card_step(h, &[Some(x)]));
        let msg = if *comparing {
            Msg::ApproxScenarioFigure { figure: &figure }
        } else {
            Msg::ApproxFigure { figure: &figure }
        };
        Some(t(lang, msg).into_owned())
    }

    /// The level the fan chart of `series` draws dashed over the reporting window.
    pub fn chart_level(&self, series: &SeriesId) -> Option<f64> {
        match self {
            Preview::Shown { estimate, .. } => series_value(series, estimate),
            _ => None,
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
        let percent = |share: f64| format_count(lang, (share * 100.0).round());
        let why = match &**reason {
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
        Some(t(lang, Msg::ApproxUnreliable { why: &why }).into_owned())
    }
}

/// The fluid model's value of a headline, for those it gives (MODEL.md 16.6).
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
        crate::catalog::scenario("ariege.json").expect("shipped")
    }

    fn view(done: usize, total: usize, figures: bool) -> RunView {
        let mut v = RunView::starting(total);
        v.done = done;
        if figures {
            // One replication of a small territory: only its presence counts here.
            let model = Model::new(&ariege()).unwrap();
            let mut ensemble = parcours_engine::Ensemble::new(model.layout().clone(), 42);
            ensemble.add(parcours_engine::simulate(&model, 42, 0).unwrap());
            v.summary = Some(Rc::new(ensemble.summary()));
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
        let waiting = Preview::new(Some(&e), true, Simulated::Nothing);
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
        let alone = Preview::new(Some(&e), false, Simulated::Nothing);
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
        let partial = Preview::new(Some(&e), true, Simulated::Partial);
        assert_eq!(partial.card_text(Lang::Fr, &WITHOUT_SOLUTION), None);
        assert_eq!(partial.chart_level(&UNSHELTERED_SERIES.key()), level);
        assert_eq!(
            Preview::new(Some(&e), true, Simulated::Complete),
            Preview::Hidden
        );
        // An invalid scenario has no approximation.
        assert_eq!(
            Preview::new(None, true, Simulated::Nothing),
            Preview::Hidden
        );
    }

    /// Ariège is near saturation (MODEL.md 16.6): no figure, and the page says why, naming the
    /// saturated stage, in both languages.
    #[test]
    fn an_unreliable_approximation_is_said_not_shown() {
        let scenario = ariege();
        let e = Rc::new(evaluate(&scenario).expect("valid"));
        let p = Preview::new(Some(&e), false, Simulated::Nothing);
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
}
