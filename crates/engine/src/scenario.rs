//! The scenario format: a whole territory's pathway network as plain serde data (JSON).
//!
//! This is the documented, versioned input of the engine (see `MODEL.md` for the meaning of every
//! field). It is deliberately dumb data: all checking happens in [`crate::validate`], which turns a
//! `Scenario` into a runnable [`crate::Model`] or returns every problem at once.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod stage;
pub use stage::{
    AllocationStage, CapacityChange, Comeback, Exit, ExitKind, PlaceStage, Route, Stage, StageKind,
    Stay, UnitChange, WhenFull,
};
mod programmes;
pub use programmes::{Dalo, DaloPriority, Pool, Prevention};
mod initial;
pub use initial::{
    InitialBetweenRequests, InitialHoused, InitialOccupants, InitialRecourse, InitialState,
    InitialWaiting, Ready,
};

/// Version of the scenario format written by this build. Bump it on any incompatible change and
/// add a migration (links and saved files carry it).
pub const FORMAT_VERSION: u32 = 1;

/// Average month length in days (365.25 / 12): months are converted to days with it everywhere.
pub const MONTH_DAYS: f64 = 365.25 / 12.0;

/// Key of a per-type table entry that applies to every type without an entry of its own.
pub const DEFAULT_KEY: &str = "default";

/// A table keyed by household type id, or by [`DEFAULT_KEY`] for the types not listed.
pub type PerType<T> = BTreeMap<String, T>;

/// A label in the interface's two languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub fr: String,
    #[serde(default)]
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Must equal [`FORMAT_VERSION`].
    pub format_version: u32,
    pub name: Label,
    #[serde(default)]
    pub description: Label,
    pub territory: Territory,
    /// Calendar month of day 0 (drives seasonality and winter places).
    pub start: CalendarStart,
    /// Simulated length, in months (a month is [`MONTH_DAYS`] days).
    pub horizon_months: f64,
    /// Months simulated before statistics start (excluded from every output).
    #[serde(default)]
    pub warmup_months: f64,
    /// Length of one reporting period in days; `None` means one month.
    #[serde(default)]
    pub reporting_period_days: Option<f64>,
    pub household_types: Vec<HouseholdType>,
    pub arrivals: Vec<ArrivalStream>,
    pub waiting_list: WaitingList,
    pub stages: Vec<Stage>,
    pub exits: Vec<Exit>,
    #[serde(default)]
    pub accompaniment: Vec<Pool>,
    #[serde(default)]
    pub prevention: Option<Prevention>,
    pub dalo: Dalo,
    #[serde(default)]
    pub initial_state: InitialState,
    /// Where each parameter comes from: key = parameter path (for example `stages.hu.places`),
    /// value = source (document, year, area) or `"assumption: <reasoning>"`.
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Territory {
    /// Département code ("31") or region code.
    pub code: String,
    pub name: String,
    /// Inhabitants, for per-10,000 indicators.
    #[serde(default)]
    pub population: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarStart {
    pub year: i32,
    /// 1 = January … 12 = December.
    pub month: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseholdType {
    pub id: String,
    pub label: Label,
}

/// A Poisson stream of households arriving on the SIAO waiting list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArrivalStream {
    pub id: String,
    pub label: Label,
    /// Households per month from day 0 (before trend and seasonality).
    pub rate_per_month: f64,
    /// Later periods with another base rate, in increasing `from_month` order.
    #[serde(default)]
    pub schedule: Vec<RatePeriod>,
    /// Growth of the rate, percent per year, compounded from day 0.
    #[serde(default)]
    pub trend_percent_per_year: f64,
    /// Twelve multipliers, January to December; `None` means no seasonality.
    #[serde(default)]
    pub seasonality: Option<Vec<f64>>,
    /// Type mix: type id → share (shares sum to 1).
    pub mix: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatePeriod {
    pub from_month: f64,
    pub rate_per_month: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitingList {
    /// Rate at which a waiting household gives up, per month (exponential patience).
    pub abandonment_per_month: f64,
    /// Exit taken by households that give up.
    pub abandonment_exit: String,
    /// Per type: stages tried in order; the household waits for the first of them with a place.
    pub orientation: PerType<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum QueueRule {
    /// First come, first served by the date the household became ready to enter.
    #[default]
    Fcfs,
    /// DALO-eligible households first, each class first come first served.
    DaloPriority,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DaloClock {
    /// No DALO clock runs while in this stage.
    #[default]
    None,
    /// Counts towards "more than N months continuously in shelter".
    Shelter,
    /// Counts towards "more than N months in temporary housing".
    TemporaryHousing,
}

impl Scenario {
    /// Parses JSON; an error names the field's path (`$` for the document itself), and serde's
    /// message ends with the line and column. The one parser of scenario text (see [`crate::json`]).
    pub fn parse(text: &str) -> Result<Scenario, crate::ValidationError> {
        crate::json::from_str(text)
    }

    /// [`Scenario::parse`] with the error as one line of text: `scenario JSON: <path>: <what>`.
    pub fn from_json(text: &str) -> Result<Scenario, String> {
        Scenario::parse(text).map_err(|e| match e.kind {
            crate::ErrorKind::Json { detail } if e.path != "$" => {
                format!("scenario JSON: {}: {detail}", e.path)
            }
            _ => e.message,
        })
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }
}
