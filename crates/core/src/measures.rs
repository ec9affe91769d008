//! The measures registry: every figure the page shows, once — the engine's id, its name and
//! unit in both languages, and which direction is better for households (or that it depends on
//! the point of view). The headline cards, the charts, the map, the CSV files, the report, the
//! workshop and the messages to a host page all read it.

use std::collections::BTreeMap;

use parcours_engine::{Scenario, Summary};

use crate::i18n::{t, Lang, Localized, Msg};

/// Which direction of a figure is better for households.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Fewer is better (households without a solution, time to housing).
    Lower,
    /// More is better (households housed).
    Higher,
    /// It depends on who reads it (a cost: more spent can mean more done).
    DependsOnViewpoint,
}

/// A headline figure: one number per run (a mean over the horizon, or a count per year), with
/// its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Headline {
    /// The engine's headline id; also the column id in CSV files and the key in the messages to
    /// a host page.
    pub id: &'static str,
    pub name: Msg<'static>,
    pub unit: Msg<'static>,
    pub better: Better,
}

pub const UNSHELTERED: Headline = Headline {
    id: "unsheltered",
    name: Msg::MeasureUnsheltered,
    unit: Msg::UnitHouseholdsAverage,
    better: Better::Lower,
};
pub const TIME_TO_HOUSING: Headline = Headline {
    id: "median_time_to_housing_days",
    name: Msg::MeasureTimeToHousing,
    unit: Msg::UnitDays,
    better: Better::Lower,
};
pub const DALO_ELIGIBLE: Headline = Headline {
    id: "dalo_eligible",
    name: Msg::MeasureDaloEligible,
    unit: Msg::UnitHouseholds,
    better: Better::Lower,
};
pub const RECOURSES: Headline = Headline {
    id: "expected_recourses_per_year",
    name: Msg::MeasureRecourses,
    unit: Msg::UnitRecoursesPerYear,
    better: Better::Lower,
};
pub const HOUSED: Headline = Headline {
    id: "housed_per_year",
    name: Msg::MeasureHoused,
    unit: Msg::UnitHouseholdsPerYear,
    better: Better::Higher,
};
pub const BLOCKED_PLACES: Headline = Headline {
    id: "blocked_places",
    name: Msg::MeasureBlockedPlaces,
    unit: Msg::UnitHouseholdsReady,
    better: Better::Lower,
};
pub const COST: Headline = Headline {
    id: "cost_per_year",
    name: Msg::MeasureCost,
    unit: Msg::UnitEurosPerYear,
    better: Better::DependsOnViewpoint,
};

/// The headline cards, in their order (also the CSV table's rows and the report's).
pub const HEADLINES: [Headline; 7] = [
    UNSHELTERED,
    TIME_TO_HOUSING,
    DALO_ELIGIBLE,
    RECOURSES,
    HOUSED,
    BLOCKED_PLACES,
    COST,
];

/// The headline figures the workshop shows, big.
pub const WORKSHOP_HEADLINES: [Headline; 4] = [UNSHELTERED, TIME_TO_HOUSING, BLOCKED_PLACES, COST];

impl Headline {
    pub fn name(&self, lang: Lang) -> String {
        t(lang, self.name).into_owned()
    }
    pub fn unit(&self, lang: Lang) -> String {
        t(lang, self.unit).into_owned()
    }
    /// The mean of this figure in a run's summary (NaN when not yet defined).
    pub fn mean(&self, summary: &Summary) -> f64 {
        summary
            .headline(self.id)
            .and_then(|e| e.mean)
            .unwrap_or(f64::NAN)
    }
}

/// A system-wide series over the reporting periods.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series {
    /// The engine's series id.
    pub id: &'static str,
    pub label: Msg<'static>,
}

/// Every system-wide series, in the engine's order.
pub const SYSTEM_SERIES: [Series; 7] = [
    Series {
        id: "unsheltered",
        label: Msg::SeriesUnsheltered,
    },
    Series {
        id: "dalo_eligible",
        label: Msg::MeasureDaloEligible,
    },
    Series {
        id: "arrivals",
        label: Msg::SeriesArrivals,
    },
    Series {
        id: "housed",
        label: Msg::SeriesHoused,
    },
    Series {
        id: "returns_to_street",
        label: Msg::SeriesReturns,
    },
    Series {
        id: "blocked",
        label: Msg::SeriesBlocked,
    },
    Series {
        id: "cost",
        label: Msg::SeriesCost,
    },
];

/// The series of households without a solution: the first chart's, and the embedded chart's.
pub const UNSHELTERED_SERIES: Series = SYSTEM_SERIES[0];

/// A series every place stage has: `stage.<id>.<measure>`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageSeries {
    pub measure: &'static str,
    /// Its label after the stage's name: « CHRS — ménages présents ».
    pub label: Msg<'static>,
}

pub const STAGE_SERIES: [StageSeries; 6] = [
    StageSeries {
        measure: "places",
        label: Msg::StagePlaces,
    },
    StageSeries {
        measure: "occupancy",
        label: Msg::StageOccupancy,
    },
    StageSeries {
        measure: "blocked",
        label: Msg::StageBlocked,
    },
    StageSeries {
        measure: "queue",
        label: Msg::StageQueue,
    },
    StageSeries {
        measure: "entries",
        label: Msg::StageEntries,
    },
    StageSeries {
        measure: "exits",
        label: Msg::StageExits,
    },
];

/// The id of a stage's series: `stage.chrs.occupancy`.
pub fn stage_series_id(stage: &str, measure: &str) -> String {
    format!("stage.{stage}.{measure}")
}

/// A series in words: « Ménages éligibles DALO », « CHRS — ménages présents »; an id the
/// registry does not know is shown as it is.
pub fn series_label(lang: Lang, scenario: &Scenario, id: &str) -> String {
    if let Some((stage, measure)) = id
        .strip_prefix("stage.")
        .and_then(|rest| rest.rsplit_once('.'))
    {
        let name = scenario
            .stages
            .iter()
            .find(|s| s.id == stage)
            .map_or(stage, |s| s.label.text(lang));
        let what = STAGE_SERIES
            .iter()
            .find(|s| s.measure == measure)
            .map_or_else(|| measure.into(), |s| t(lang, s.label));
        return format!("{name} — {what}");
    }
    SYSTEM_SERIES
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| id.to_string(), |s| t(lang, s.label).into_owned())
}

/// What the fan chart shows: a system series, or a series of the stage chosen beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartMeasure {
    Unsheltered,
    DaloEligible,
    Occupancy,
    Blocked,
}

impl ChartMeasure {
    pub const ALL: [ChartMeasure; 4] = [
        ChartMeasure::Unsheltered,
        ChartMeasure::DaloEligible,
        ChartMeasure::Occupancy,
        ChartMeasure::Blocked,
    ];

    /// The value of its `<option>`.
    pub fn code(self) -> &'static str {
        match self {
            ChartMeasure::Unsheltered => "unsheltered",
            ChartMeasure::DaloEligible => "dalo_eligible",
            ChartMeasure::Occupancy => "occupancy",
            ChartMeasure::Blocked => "blocked",
        }
    }

    pub fn from_code(code: &str) -> Option<ChartMeasure> {
        ChartMeasure::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self) -> Msg<'static> {
        match self {
            ChartMeasure::Unsheltered => UNSHELTERED_SERIES.label,
            ChartMeasure::DaloEligible => DALO_ELIGIBLE.name,
            ChartMeasure::Occupancy => Msg::ChartOccupancy,
            ChartMeasure::Blocked => Msg::ChartBlocked,
        }
    }

    /// Whether a stage is chosen beside it.
    pub fn per_stage(self) -> bool {
        matches!(self, ChartMeasure::Occupancy | ChartMeasure::Blocked)
    }

    /// The engine's series drawn, for `stage` when it is per stage.
    pub fn series_id(self, stage: &str) -> String {
        match self {
            ChartMeasure::Unsheltered => UNSHELTERED_SERIES.id.into(),
            ChartMeasure::DaloEligible => DALO_ELIGIBLE.id.into(),
            ChartMeasure::Occupancy => stage_series_id(stage, "occupancy"),
            ChartMeasure::Blocked => stage_series_id(stage, "blocked"),
        }
    }
}

/// What the map colours the départements by: a headline figure of each one's small run,
/// per 10,000 inhabitants where territories of different sizes would otherwise not compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapIndicator {
    UnshelteredPer10k,
    DaloEligible,
    BlockedPlaces,
}

impl MapIndicator {
    pub const ALL: [MapIndicator; 3] = [
        MapIndicator::UnshelteredPer10k,
        MapIndicator::DaloEligible,
        MapIndicator::BlockedPlaces,
    ];

    /// The value of its `<option>`.
    pub fn code(self) -> &'static str {
        match self {
            MapIndicator::UnshelteredPer10k => "unsheltered",
            MapIndicator::DaloEligible => "dalo",
            MapIndicator::BlockedPlaces => "blocked",
        }
    }

    pub fn from_code(code: &str) -> Option<MapIndicator> {
        MapIndicator::ALL.into_iter().find(|i| i.code() == code)
    }

    /// The headline figure it reads.
    pub fn headline(self) -> Headline {
        match self {
            MapIndicator::UnshelteredPer10k => UNSHELTERED,
            MapIndicator::DaloEligible => DALO_ELIGIBLE,
            MapIndicator::BlockedPlaces => BLOCKED_PLACES,
        }
    }

    pub fn label(self) -> Msg<'static> {
        match self {
            MapIndicator::UnshelteredPer10k => Msg::MapUnshelteredPer10k,
            other => other.headline().name,
        }
    }

    /// Its value for a territory of `population` whose headline figure's mean is `mean`.
    pub fn value(self, mean: f64, population: f64) -> f64 {
        match self {
            MapIndicator::UnshelteredPer10k => mean / population * 10_000.0,
            _ => mean,
        }
    }
}

/// The map's figures for one territory: the means, over its small run, of the headline figures
/// the map can show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapFigures(BTreeMap<&'static str, f64>);

impl MapFigures {
    pub fn of(summary: &Summary) -> MapFigures {
        MapFigures(
            MapIndicator::ALL
                .iter()
                .map(|i| (i.headline().id, i.headline().mean(summary)))
                .collect(),
        )
    }

    /// The mean of `headline` (NaN when the map does not show it).
    pub fn mean(&self, headline: &Headline) -> f64 {
        self.0.get(headline.id).copied().unwrap_or(f64::NAN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::{default_scenario, Ensemble, Model};

    /// Every id of the registry is one the engine writes.
    #[test]
    fn every_measure_is_in_the_engines_layout() {
        let model = Model::new(&default_scenario()).unwrap();
        let layout = model.layout();
        for h in HEADLINES {
            assert!(layout.headline_index(h.id).is_some(), "{}", h.id);
        }
        for s in SYSTEM_SERIES {
            assert!(layout.series_index(s.id).is_some(), "{}", s.id);
        }
        let stage = &layout.stages[0];
        for s in STAGE_SERIES {
            let id = stage_series_id(stage, s.measure);
            assert!(layout.series_index(&id).is_some(), "{id}");
        }
        for m in ChartMeasure::ALL {
            assert!(layout.series_index(&m.series_id(stage)).is_some());
            assert_eq!(ChartMeasure::from_code(m.code()), Some(m));
        }
        for i in MapIndicator::ALL {
            assert_eq!(MapIndicator::from_code(i.code()), Some(i));
        }
    }

    #[test]
    fn labels_in_both_languages() {
        let s = default_scenario();
        assert_eq!(
            series_label(Lang::Fr, &s, "unsheltered"),
            "Ménages sans solution (liste d'attente SIAO)"
        );
        assert_eq!(
            series_label(Lang::En, &s, "stage.chrs.occupancy"),
            "Insertion shelter (CHRS) — households present"
        );
        assert_eq!(series_label(Lang::Fr, &s, "nope"), "nope");
        // The map and the cards name a figure the same way.
        assert_eq!(
            t(Lang::Fr, MapIndicator::BlockedPlaces.label()),
            BLOCKED_PLACES.name(Lang::Fr)
        );
        assert_eq!(COST.unit(Lang::En), "€ / year");
    }

    #[test]
    fn a_headlines_mean_and_the_maps_value() {
        let model = Model::new(&default_scenario()).unwrap();
        let mut e = Ensemble::new(model.layout().clone(), 42);
        e.add(parcours_engine::simulate(&model, 42, 0).unwrap());
        let summary = e.summary();
        let mean = UNSHELTERED.mean(&summary);
        assert!(mean.is_finite() && mean > 0.0);
        assert_eq!(
            MapIndicator::UnshelteredPer10k.value(mean, 20_000.0),
            mean / 2.0
        );
        assert_eq!(MapIndicator::DaloEligible.value(3.0, 20_000.0), 3.0);
        let figures = MapFigures::of(&summary);
        assert_eq!(figures.mean(&UNSHELTERED), mean);
        assert!(figures.mean(&COST).is_nan(), "not on the map");
    }
}
