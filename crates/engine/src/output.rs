//! What one replication produces: named monthly series and headline figures.
//!
//! The [`Layout`] names every series and headline once per model, so a [`Replication`] is just
//! numbers in that order (compact to send between Web Workers and to store in partial files).

use crate::scenario::Scenario;
use crate::validate::Compiled;
use serde::{Deserialize, Serialize};

/// Bin width of the arrival-to-housing histogram, days.
pub const HOUSING_BIN_DAYS: f64 = 7.0;
/// Number of bins (the last one also holds longer times): ten years of weeks.
pub const HOUSING_BINS: usize = 522;

/// The system-wide series, in order, before the per-stage ones.
pub const SYSTEM_SERIES: [&str; 7] = [
    "unsheltered",
    "dalo_eligible",
    "arrivals",
    "housed",
    "returns_to_street",
    "blocked",
    "cost",
];
/// Per-stage series: `stage.<id>.<measure>`.
pub const STAGE_SERIES: [&str; 6] = [
    "places",
    "occupancy",
    "blocked",
    "queue",
    "entries",
    "exits",
];

/// The system-wide headline figures, in order, before the per-stage ones.
pub const SYSTEM_HEADLINES: [&str; 19] = [
    "unsheltered",
    "dalo_eligible",
    "new_dalo_eligible_per_year",
    "expected_recourses_per_year",
    "housed_per_year",
    "median_time_to_housing_days",
    "mean_time_to_housing_days",
    "mean_days_unsheltered_before_place",
    "share_housed_12m",
    "share_housed_24m",
    "blocked_places",
    "returns_to_street_per_year",
    "arrivals_per_year",
    "abandonments_per_year",
    "prevention_cases_per_year",
    "evictions_prevented_per_year",
    "tenancy_failures_per_year",
    "cost_per_year",
    "cost_per_household_housed",
];
/// Per-stage headline figures: `stage.<id>.<measure>`.
pub const STAGE_HEADLINES: [&str; 8] = [
    "places",
    "occupancy",
    "blocked",
    "queue",
    "entries_per_year",
    "wait_days",
    "blocked_days",
    "stay_days",
];

/// Names and time grid of a model's outputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Length of a reporting period, days.
    pub period_days: f64,
    /// Number of reporting periods (the last may be shorter).
    pub periods: usize,
    /// Day at which the first period starts (the warm-up's end).
    pub start_day: f64,
    /// Calendar year and month (1–12) of day 0.
    pub start_year: i32,
    pub start_month: u32,
    pub series: Vec<String>,
    pub headlines: Vec<String>,
    /// Stage ids, in scenario order, and whether each is a place stage.
    pub stages: Vec<String>,
}

impl Layout {
    pub(crate) fn new(s: &Scenario, c: &Compiled) -> Layout {
        let mut series: Vec<String> = SYSTEM_SERIES.iter().map(|x| x.to_string()).collect();
        let mut headlines: Vec<String> = SYSTEM_HEADLINES.iter().map(|x| x.to_string()).collect();
        for st in &s.stages {
            series.extend(STAGE_SERIES.iter().map(|m| format!("stage.{}.{m}", st.id)));
            headlines.extend(
                STAGE_HEADLINES
                    .iter()
                    .map(|m| format!("stage.{}.{m}", st.id)),
            );
        }
        Layout {
            period_days: c.period,
            periods: c.periods,
            start_day: c.warmup,
            start_year: s.start.year,
            start_month: s.start.month,
            series,
            headlines,
            stages: s.stages.iter().map(|x| x.id.clone()).collect(),
        }
    }

    pub fn series_index(&self, id: &str) -> Option<usize> {
        self.series.iter().position(|s| s == id)
    }

    pub fn headline_index(&self, id: &str) -> Option<usize> {
        self.headlines.iter().position(|s| s == id)
    }
}

/// The outputs of one replication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replication {
    pub index: u64,
    /// `series[i][p]`: series `layout.series[i]` in period `p`.
    pub series: Vec<Vec<f64>>,
    /// `headlines[i]`: figure `layout.headlines[i]` over the reporting window (NaN when undefined,
    /// for example a median time to housing when nobody was housed; `null` in JSON).
    #[serde(with = "nan_as_null")]
    pub headlines: Vec<f64>,
    /// Households housed in the window by weeks from arrival to housing (last bin: 10 years or more).
    pub time_to_housing_weeks: Vec<u32>,
    /// Events processed (for benchmarks).
    pub events: u64,
    /// Most household records held at once (households present, plus slots awaiting reuse
    /// within one event): memory follows this, not the number of households simulated.
    #[serde(default)]
    pub peak_households: u64,
}

/// JSON has no NaN: undefined figures travel as `null`.
mod nan_as_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| if x.is_nan() { None } else { Some(*x) }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let v: Vec<Option<f64>> = Vec::deserialize(d)?;
        Ok(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }
}
