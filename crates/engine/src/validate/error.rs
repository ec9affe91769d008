//! What is wrong with a scenario: the path of the field and the kind of problem, whose Display
//! is the English message (the app renders other languages from the kind).

use crate::scenario::DEFAULT_KEY;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationError {
    /// Path of the offending field, for example `stages[2].routes.family`.
    pub path: String,
    /// What is wrong, in English (the Display of `kind`).
    pub message: String,
    /// What is wrong, with its parameters, for messages in other languages.
    pub kind: ErrorKind,
}

impl ValidationError {
    pub fn new(path: impl Into<String>, kind: ErrorKind) -> ValidationError {
        ValidationError {
            path: path.into(),
            message: kind.to_string(),
            kind,
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every kind of validation problem, with what its message needs. Its Display is the English
/// message; the app renders the other languages from the variant. Numbers are finite (a value
/// that is not is carried as text), which is why `Eq` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The scenario's text is not a scenario (serde_json's message in `detail`).
    Json {
        detail: String,
    },
    /// The scenario's text is longer than [`crate::json::MAX_SCENARIO_BYTES`].
    TooLarge {
        bytes: u64,
        max: u64,
    },
    NotFinite {
        value: String,
    },
    OutOfRange {
        value: f64,
        min: f64,
        max: f64,
    },
    UnusableId {
        id: String,
    },
    DuplicateId {
        id: String,
    },
    UnknownType {
        id: String,
    },
    UnknownTypeKey {
        key: String,
    },
    SharesSum {
        sum: f64,
    },
    MissingTypeEntry {
        type_id: String,
    },
    NoRoute,
    UnknownRouteDestination {
        id: String,
    },
    ProbabilitiesSum {
        sum: f64,
    },
    UnsupportedVersion {
        version: u32,
        expected: u32,
    },
    WarmupTooLong {
        warmup: f64,
        horizon: f64,
    },
    NotAMonth {
        month: u32,
    },
    TooManyPeriods {
        periods: f64,
        max: f64,
    },
    TooManyEntries {
        count: usize,
        max: usize,
    },
    NoHouseholdType,
    IdAlsoExit {
        id: String,
    },
    NoExit,
    NotWholeMonth {
        value: f64,
    },
    ScheduleOrder,
    SeasonalityLength {
        count: usize,
    },
    TooManyArrivals {
        expected: f64,
        max: f64,
    },
    MissingShiftTo,
    UnknownDestination {
        id: String,
    },
    AcceptsNobody,
    PlacesBelowZero {
        level: i64,
        day: f64,
    },
    StageRefusesType {
        stage: String,
        type_id: String,
    },
    PoolStageRefusesType {
        stage: String,
        type_id: String,
        followed_in: String,
    },
    AlternativeToSameStage,
    AlternativeWithoutMaxBlocked,
    DayOrder,
    ZeroStayCycle {
        stages: Vec<String>,
    },
    UnknownExit {
        id: String,
    },
    UnknownStage {
        id: String,
    },
    StageListedTwice {
        stage: String,
    },
    NoOrientationStage,
    TooManyArrivalsAndCases {
        expected: f64,
        max: f64,
    },
    NoOrientation {
        type_id: String,
    },
    AllocationStageOccupied {
        stage: String,
    },
    TooManyInitial {
        total: u64,
        max: u64,
    },
    /// An initial occupant ready to leave its stage for the same stage.
    ReadyForItsOwnStage {
        stage: String,
    },
    /// Households housed before day 0 by a stage that allocates no dwellings.
    NotAnAllocationStage {
        stage: String,
    },
    UnknownPool {
        id: String,
    },
    /// Households between two requests by an exit nobody comes back from.
    NoComeback {
        exit: String,
    },
    /// A DALO clock's days for a stage that runs none.
    NoDaloClock {
        stage: String,
    },
    /// A reserved allocation flow above the priority allocations it is part of.
    ReservedAbovePriorityTotal {
        per_year: f64,
        total: f64,
    },
    EmptySourceKey,
}

impl Eq for ErrorKind {}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            Json { detail } => write!(f, "scenario JSON: {detail}"),
            TooLarge { bytes, max } => write!(
                f,
                "the scenario's text is {} MB, more than the {} MB accepted",
                fmt_num((*bytes as f64 / 1e5).ceil() / 10.0),
                fmt_num(*max as f64 / 1e6)
            ),
            NotFinite { value } => write!(f, "{value} is not a finite number"),
            OutOfRange { value, min, max } => write!(
                f,
                "{} is out of range, expected {min} to {max}",
                fmt_num(*value)
            ),
            UnusableId { id } => write!(f, "'{id}' is not a usable id (empty or reserved)"),
            DuplicateId { id } => write!(f, "duplicate id '{id}'"),
            UnknownType { id } => write!(f, "unknown household type '{id}'"),
            UnknownTypeKey { key } => write!(
                f,
                "unknown household type '{key}' (expected a type id or '{DEFAULT_KEY}')"
            ),
            SharesSum { sum } => write!(f, "shares sum to {}, expected 1", fmt_num(*sum)),
            MissingTypeEntry { type_id } => write!(
                f,
                "no entry for type '{type_id}' and no '{DEFAULT_KEY}' entry"
            ),
            NoRoute => write!(f, "no destination, expected at least one route"),
            UnknownRouteDestination { id } => write!(
                f,
                "unknown destination '{id}' (expected a stage or exit id)"
            ),
            ProbabilitiesSum { sum } => {
                write!(f, "probabilities sum to {}, expected 1", fmt_num(*sum))
            }
            UnsupportedVersion { version, expected } => write!(
                f,
                "version {version} is not supported by this build, expected {expected}"
            ),
            WarmupTooLong { warmup, horizon } => write!(
                f,
                "{} leaves nothing to report, expected less than horizon_months ({})",
                fmt_num(*warmup),
                fmt_num(*horizon)
            ),
            NotAMonth { month } => write!(f, "{month} is not a month, expected 1 to 12"),
            TooManyPeriods { periods, max } => {
                write!(
                f,
                "gives {} periods, expected at most {}",
                fmt_num(*periods),
                fmt_num(*max)
            )
            }
            TooManyEntries { count, max } => {
                write!(f, "{count} entries, expected at most {max}")
            }
            NoHouseholdType => write!(f, "empty, expected at least one household type"),
            IdAlsoExit { id } => write!(
                f,
                "'{id}' is also an exit id, expected ids unique across stages and exits"
            ),
            NoExit => write!(f, "empty, expected at least one exit"),
            NotWholeMonth { value } => write!(f, "{value} is not a whole month"),
            ScheduleOrder => write!(f, "periods must be in increasing from_month order"),
            SeasonalityLength { count } => {
                write!(f, "{count} values, expected 12 (January to December)")
            }
            TooManyArrivals { expected, max } => write!(
                f,
                "about {} arrivals expected per replication, expected at most {}",
                fmt_num(*expected),
                fmt_num(*max)
            ),
            MissingShiftTo => write!(
                f,
                "missing, expected the destination of the shifted probability"
            ),
            UnknownDestination { id } => write!(f, "unknown destination '{id}'"),
            AcceptsNobody => write!(f, "empty: the stage would accept nobody"),
            PlacesBelowZero { level, day } => write!(
                f,
                "year-round places fall to {level} on day {}, expected at least 0",
                fmt_num(*day)
            ),
            StageRefusesType { stage, type_id } => {
                write!(f, "stage '{stage}' does not accept type '{type_id}'")
            }
            PoolStageRefusesType {
                stage,
                type_id,
                followed_in,
            } => write!(
                f,
                "stage '{stage}' does not accept type '{type_id}', which the pool follows in stage '{followed_in}'"
            ),
            AlternativeToSameStage => write!(
                f,
                "the alternative route cannot lead back to the same stage"
            ),
            AlternativeWithoutMaxBlocked => write!(
                f,
                "given without max_blocked_days, expected both or neither"
            ),
            DayOrder => write!(f, "changes must be in increasing day order"),
            ZeroStayCycle { stages } => write!(
                f,
                "routing cycle with zero-length stays ({}): a household could move forever without time passing",
                stages.join(" → ")
            ),
            UnknownExit { id } => write!(f, "unknown exit '{id}'"),
            UnknownStage { id } => write!(f, "unknown stage '{id}'"),
            StageListedTwice { stage } => write!(f, "stage '{stage}' listed twice"),
            NoOrientationStage => write!(f, "empty, expected at least one stage"),
            TooManyArrivalsAndCases { expected, max } => write!(
                f,
                "about {} arrivals and cases expected per replication, expected at most {}",
                fmt_num(*expected),
                fmt_num(*max)
            ),
            NoOrientation { type_id } => write!(f, "type '{type_id}' has no orientation"),
            AllocationStageOccupied { stage } => write!(
                f,
                "'{stage}' is an allocation stage: housed households are not simulated"
            ),
            TooManyInitial { total, max } => {
                write!(f, "{total} households, expected at most {max}")
            }
            ReadyForItsOwnStage { stage } => write!(
                f,
                "'{stage}' is the stage the household is in, expected the stage it waits to enter"
            ),
            NotAnAllocationStage { stage } => write!(
                f,
                "'{stage}' is not an allocation stage, expected the stage that housed the households"
            ),
            UnknownPool { id } => write!(f, "unknown accompaniment pool '{id}'"),
            NoComeback { exit } => write!(
                f,
                "nobody comes back from exit '{exit}' (it has no comeback), expected an exit with one"
            ),
            NoDaloClock { stage } => write!(
                f,
                "stage '{stage}' runs no DALO clock, expected no dalo_clock_days"
            ),
            ReservedAbovePriorityTotal { per_year, total } => write!(
                f,
                "{} a year, less than the flow reserved from it ({} a year at its highest), expected at least the reserved flow",
                fmt_num(*total),
                fmt_num(*per_year)
            ),
            EmptySourceKey => write!(f, "an empty key, expected a parameter path"),
        }
    }
}

/// A number as written in messages: rounded to six decimals, without trailing zeros; very large
/// ones in scientific notation (`1e308`, never `inf` nor 309 digits); a value that is not a
/// finite number as `∞`, `-∞` or `NaN`.
pub(crate) fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return not_finite_text(x);
    }
    if x.abs() >= 1e15 {
        // Four significant digits: `4.384e38`, `1e308`.
        let text = format!("{x:.3e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        return format!("{mantissa}e{exponent}");
    }
    let r = (x * 1e6).round() / 1e6;
    format!("{r}")
}

/// How a value that is not a finite number is written in messages (never Rust's `inf`).
pub(crate) fn not_finite_text(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x > 0.0 {
        "∞".into()
    } else {
        "-∞".into()
    }
}
