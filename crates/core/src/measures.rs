//! The measures registry: every figure the page shows, once — the engine's id, its name and
//! unit in both languages, and which direction is better for households (or that it depends on
//! the point of view). The headline cards, the charts, the map, the CSV files, the report, the
//! workshop and the messages to a host page all read it.

use std::collections::BTreeMap;

use parcours_engine::{
    HeadlineId, Scenario, SeriesId, StageSeries, Summary, SystemHeadline, SystemSeries,
};

use crate::i18n::{t, Lang, Localized, Msg};

/// Which direction of a figure is better for households — which says whether the page may
/// give it a verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Better {
    /// Fewer is better for households, whoever reads it (households without a solution).
    Lower,
    /// More is better for households (shares housed within a year).
    Higher,
    /// A cost: the verdict says which way it went (« Hausse nette »), not whether that is good
    /// (more spent can mean more done).
    Neither,
    /// It depends on the point of view: it can rise when households are better off (blocked
    /// places rise when more households are taken in and then wait for housing; the median time
    /// among the housed rises when those who used to give up are housed later). No verdict: the
    /// change and this one-line reading.
    ViewDependent(Msg<'static>),
}

impl Better {
    /// Whether the page may call a change of it an improvement or a deterioration.
    pub fn has_direction(self) -> bool {
        matches!(self, Better::Lower | Better::Higher)
    }
}

/// How a figure is written: rounded to [`crate::i18n::SIGNIFICANT_DIGITS`], in its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Households, days, decisions: « 696 », « 45,7 ».
    Count,
    /// A share from 0 to 1, written in percent: « 24,3 % »; differences in points.
    Percent,
    /// Euros, written in millions: « 30,1 M€ ».
    MillionEuros,
}

impl Format {
    /// What the engine's figure is multiplied by to be written.
    pub fn scale(self) -> f64 {
        match self {
            Format::Count => 1.0,
            Format::Percent => 100.0,
            Format::MillionEuros => 1e-6,
        }
    }
}

/// When a difference matters in practice: it must reach both `relative` of the baseline's
/// figure and `absolute` (in the engine's unit) before the page gives it a verdict; below,
/// « pas d'effet notable », whatever its interval says (with hundreds of paired replications a
/// change of 0.2 % is « significant » and means nothing to a household).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Practical {
    pub relative: f64,
    pub absolute: f64,
}

/// 2 % of the baseline and at least one household (or one decision, one euro…).
pub const PRACTICAL_DEFAULT: Practical = Practical {
    relative: 0.02,
    absolute: 1.0,
};
/// Shares: 2 % of the baseline's share and at least a tenth of a percentage point.
pub const PRACTICAL_SHARE: Practical = Practical {
    relative: 0.02,
    absolute: 0.001,
};

/// A headline figure: one number per run (a mean over the horizon, or a count per year), with
/// its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Headline {
    /// The engine's headline; its text is also the column id in CSV files and the key in the
    /// messages to a host page.
    pub id: SystemHeadline,
    pub name: Msg<'static>,
    /// The unit of the engine's figure (CSV files, messages to a host page).
    pub unit: Msg<'static>,
    /// What it counts, in a sentence or two (the card's help).
    pub help: Msg<'static>,
    pub better: Better,
    pub format: Format,
    pub practical: Practical,
}

/// Households without a solution: the SIAO waiting list and the street between two requests
/// (MODEL.md 15.2), named so that nobody reads it as the waiting list alone.
pub const WITHOUT_SOLUTION: Headline = Headline {
    id: SystemHeadline::WithoutSolution,
    name: Msg::MeasureWithoutSolution,
    unit: Msg::UnitWithoutSolution,
    help: Msg::HelpWithoutSolution,
    better: Better::Lower,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
/// The SIAO waiting list alone (the map's indicator, the first chart).
pub const UNSHELTERED: Headline = Headline {
    id: SystemHeadline::Unsheltered,
    name: Msg::MeasureUnsheltered,
    unit: Msg::UnitHouseholdsAverage,
    help: Msg::HelpUnsheltered,
    better: Better::Lower,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
/// On the street between two requests: shown inside the « sans solution » card.
pub const STREET_BETWEEN_REQUESTS: Headline = Headline {
    id: SystemHeadline::StreetBetweenRequests,
    name: Msg::MeasureStreetBetweenRequests,
    unit: Msg::UnitHouseholdsAverage,
    help: Msg::HelpStreetBetweenRequests,
    better: Better::Lower,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const HOUSEHOLD_DAYS: Headline = Headline {
    id: SystemHeadline::HouseholdDaysWithoutSolutionPerYear,
    name: Msg::MeasureHouseholdDays,
    unit: Msg::UnitHouseholdDaysPerYear,
    help: Msg::HelpHouseholdDays,
    better: Better::Lower,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const SHARE_HOUSED_12M: Headline = Headline {
    id: SystemHeadline::ShareHoused12mAfterFirstRequest,
    name: Msg::MeasureShareHoused12m,
    unit: Msg::UnitShareOfFirstRequests,
    help: Msg::HelpShareHoused12m,
    better: Better::Higher,
    format: Format::Percent,
    practical: PRACTICAL_SHARE,
};
pub const SHARE_HOUSED_24M: Headline = Headline {
    id: SystemHeadline::ShareHoused24mAfterFirstRequest,
    name: Msg::MeasureShareHoused24m,
    unit: Msg::UnitShareOfFirstRequests,
    help: Msg::HelpShareHoused24m,
    better: Better::Higher,
    format: Format::Percent,
    practical: PRACTICAL_SHARE,
};
pub const RETURNS_TO_STREET: Headline = Headline {
    id: SystemHeadline::ReturnsToStreetPerYear,
    name: Msg::MeasureReturnsToStreet,
    unit: Msg::UnitHouseholdsPerYear,
    help: Msg::HelpReturnsToStreet,
    better: Better::Lower,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const HOUSED: Headline = Headline {
    id: SystemHeadline::HousedPerYear,
    name: Msg::MeasureHoused,
    unit: Msg::UnitHouseholdsPerYear,
    help: Msg::HelpHoused,
    better: Better::Higher,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const DALO_RECOURSES: Headline = Headline {
    id: SystemHeadline::DaloRecoursesPerYear,
    name: Msg::MeasureDaloRecourses,
    unit: Msg::UnitRecoursesPerYear,
    help: Msg::HelpDaloRecourses,
    better: Better::Lower,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const DALO_PAST_DEADLINE: Headline = Headline {
    id: SystemHeadline::DaloDecisionsPastDeadlinePerYear,
    name: Msg::MeasureDaloPastDeadline,
    unit: Msg::UnitDecisionsPerYear,
    help: Msg::HelpDaloPastDeadline,
    better: Better::Lower,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const COST: Headline = Headline {
    id: SystemHeadline::CostPerYear,
    name: Msg::MeasureCost,
    unit: Msg::UnitEurosPerYear,
    help: Msg::HelpCost,
    better: Better::Neither,
    format: Format::MillionEuros,
    practical: PRACTICAL_DEFAULT,
};
pub const COST_PER_HOUSED: Headline = Headline {
    id: SystemHeadline::CostPerHouseholdHoused,
    name: Msg::MeasureCostPerHoused,
    unit: Msg::UnitEurosPerHoused,
    help: Msg::HelpCostPerHoused,
    better: Better::Neither,
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const TIME_TO_HOUSING: Headline = Headline {
    id: SystemHeadline::MedianTimeToHousingDays,
    name: Msg::MeasureTimeToHousing,
    unit: Msg::UnitDays,
    help: Msg::HelpTimeToHousing,
    better: Better::ViewDependent(Msg::ReadingTimeAmongHoused),
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const DALO_ELIGIBLE: Headline = Headline {
    id: SystemHeadline::DaloEligible,
    name: Msg::MeasureDaloEligible,
    unit: Msg::UnitHouseholds,
    help: Msg::HelpDaloEligible,
    better: Better::ViewDependent(Msg::ReadingDaloEligible),
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};
pub const BLOCKED_PLACES: Headline = Headline {
    id: SystemHeadline::BlockedPlaces,
    name: Msg::MeasureBlockedPlaces,
    unit: Msg::UnitHouseholdsReady,
    help: Msg::HelpBlockedPlaces,
    better: Better::ViewDependent(Msg::ReadingBlockedPlaces),
    format: Format::Count,
    practical: PRACTICAL_DEFAULT,
};

/// The headline cards, in their order (also the CSV table's rows, the report's and the embed
/// message's): outcomes for households from their first request, DALO, costs, then the figures
/// that depend on the point of view (a reading, no verdict).
pub const HEADLINES: [Headline; 12] = [
    WITHOUT_SOLUTION,
    HOUSEHOLD_DAYS,
    SHARE_HOUSED_12M,
    SHARE_HOUSED_24M,
    RETURNS_TO_STREET,
    DALO_RECOURSES,
    DALO_PAST_DEADLINE,
    COST,
    COST_PER_HOUSED,
    BLOCKED_PLACES,
    TIME_TO_HOUSING,
    DALO_ELIGIBLE,
];

/// The headline figures the workshop shows, big.
/// Three, so that they fit beside the diagram on a 1366 × 768 projector.
pub const WORKSHOP_HEADLINES: [Headline; 3] = [WITHOUT_SOLUTION, RETURNS_TO_STREET, COST];

impl Headline {
    /// Its id, to look it up in a summary or a comparison.
    pub fn key(&self) -> HeadlineId {
        self.id.into()
    }
    /// Its id's text: `unsheltered`.
    pub fn code(&self) -> &'static str {
        self.id.as_str()
    }
    pub fn name(&self, lang: Lang) -> String {
        t(lang, self.name).into_owned()
    }
    /// Its name in a compact card, where a dozen characters fit on a line (on a phone, three
    /// cards a row): the full name is read with the card and shown with its details.
    pub fn short_name(&self, lang: Lang) -> String {
        if HEADLINES.iter().any(|h| h.id == self.id) {
            t(lang, Msg::MeasureShort { id: self.id }).into_owned()
        } else {
            self.name(lang)
        }
    }
    pub fn unit(&self, lang: Lang) -> String {
        t(lang, self.unit).into_owned()
    }
    /// The mean of this figure in a run's summary (NaN when not yet defined).
    pub fn mean(&self, summary: &Summary) -> f64 {
        summary
            .headline(&self.key())
            .and_then(|e| e.mean)
            .unwrap_or(f64::NAN)
    }
}

/// A system-wide series over the reporting periods.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series {
    pub id: SystemSeries,
    pub label: Msg<'static>,
}

/// Every system-wide series, in the engine's order.
pub const SYSTEM_SERIES: [Series; 16] = [
    Series {
        id: SystemSeries::Unsheltered,
        label: Msg::SeriesUnsheltered,
    },
    Series {
        id: SystemSeries::DaloEligible,
        label: Msg::MeasureDaloEligible,
    },
    Series {
        id: SystemSeries::DaloEligibleReadyAndWaiting,
        label: Msg::SeriesDaloEligibleReadyAndWaiting,
    },
    Series {
        id: SystemSeries::DaloEligibleWithinPlannedStay,
        label: Msg::SeriesDaloEligibleWithinPlannedStay,
    },
    Series {
        id: SystemSeries::DaloRecourses,
        label: Msg::SeriesDaloRecourses,
    },
    Series {
        id: SystemSeries::DaloFavourableDecisions,
        label: Msg::SeriesDaloFavourableDecisions,
    },
    Series {
        id: SystemSeries::DaloDecisionsPastDeadline,
        label: Msg::SeriesDaloDecisionsPastDeadline,
    },
    Series {
        id: SystemSeries::DaloHouseholdsPastDeadline,
        label: Msg::SeriesDaloHouseholdsPastDeadline,
    },
    Series {
        id: SystemSeries::Arrivals,
        label: Msg::SeriesArrivals,
    },
    Series {
        id: SystemSeries::Housed,
        label: Msg::SeriesHoused,
    },
    Series {
        id: SystemSeries::ReturnsToStreet,
        label: Msg::SeriesReturns,
    },
    Series {
        id: SystemSeries::Blocked,
        label: Msg::SeriesBlocked,
    },
    Series {
        id: SystemSeries::Cost,
        label: Msg::SeriesCost,
    },
    Series {
        id: SystemSeries::StreetBetweenRequests,
        label: Msg::SeriesStreetBetweenRequests,
    },
    Series {
        id: SystemSeries::WithoutSolution,
        label: Msg::SeriesWithoutSolution,
    },
    Series {
        id: SystemSeries::BlockedHoused,
        label: Msg::SeriesBlockedHoused,
    },
];

/// The series of households without a solution: the first chart's, and the embedded chart's.
pub const UNSHELTERED_SERIES: Series = SYSTEM_SERIES[0];

impl Series {
    /// Its id, to look it up in a summary.
    pub fn key(&self) -> SeriesId {
        self.id.into()
    }
}

/// A stage's series in words, after the stage's name: « CHRS — ménages présents ».
pub fn stage_series_label(measure: StageSeries) -> Msg<'static> {
    match measure {
        StageSeries::Places => Msg::StagePlaces,
        StageSeries::Occupancy => Msg::StageOccupancy,
        StageSeries::Blocked => Msg::StageBlocked,
        StageSeries::Queue => Msg::StageQueue,
        StageSeries::ReadyQueue => Msg::StageReadyQueue,
        StageSeries::Entries => Msg::StageEntries,
        StageSeries::Exits => Msg::StageExits,
    }
}

/// A series in words: « Ménages éligibles DALO », « CHRS — ménages présents ».
pub fn series_label(lang: Lang, scenario: &Scenario, id: &SeriesId) -> String {
    match id {
        SeriesId::Stage { stage, measure } => {
            let name = scenario
                .stages
                .iter()
                .find(|s| &s.id == stage)
                .map_or(stage.as_str(), |s| s.label.text(lang));
            format!("{name} — {}", t(lang, stage_series_label(*measure)))
        }
        SeriesId::System(system) => SYSTEM_SERIES
            .iter()
            .find(|s| s.id == *system)
            .map_or_else(|| system.to_string(), |s| t(lang, s.label).into_owned()),
    }
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
    pub fn series_id(self, stage: &str) -> SeriesId {
        match self {
            ChartMeasure::Unsheltered => UNSHELTERED_SERIES.key(),
            ChartMeasure::DaloEligible => SystemSeries::DaloEligible.into(),
            ChartMeasure::Occupancy => SeriesId::stage(stage, StageSeries::Occupancy),
            ChartMeasure::Blocked => SeriesId::stage(stage, StageSeries::Blocked),
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
pub struct MapFigures(BTreeMap<SystemHeadline, f64>);

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
        self.0.get(&headline.id).copied().unwrap_or(f64::NAN)
    }
}

#[cfg(test)]
mod tests;
