//! What one replication produces: named monthly series and headline figures.
//!
//! The [`Layout`] names every series and headline once per model, so a [`Replication`] is just
//! numbers in that order (compact to send between Web Workers and to store in partial files).
//! Ids are types ([`SeriesId`], [`HeadlineId`]) whose only serialized form is their text
//! (`unsheltered`, `stage.chrs.occupancy`), so a misspelt id does not compile.

use crate::scenario::Scenario;
use crate::validate::{CKind, Compiled};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Bin width of the arrival-to-housing histogram, days.
pub const HOUSING_BIN_DAYS: f64 = 7.0;
/// Number of bins (the last one also holds longer times): ten years of weeks.
pub const HOUSING_BINS: usize = 522;

/// Declares an enum of output measures with one textual form each: `ALL` in layout order,
/// `as_str`, `index` (the position in `ALL`), `Display` and `FromStr`. Written as a small macro
/// rather than with `strum`'s derives because the layout needs the const, ordered `ALL` and the
/// engine keeps its dependencies to serde, rand and libm.
macro_rules! measures {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in layout order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The textual form, as in layouts and files.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Position in `ALL`.
            pub const fn index(self) -> usize {
                self as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownId;

            fn from_str(s: &str) -> Result<$name, UnknownId> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|m| m.as_str() == s)
                    .ok_or_else(|| UnknownId { what: $what, text: s.to_string() })
            }
        }

        textual_serde!($name);
    };
}

/// Serde through the type's one textual form (`Display` and `FromStr`).
macro_rules! textual_serde {
    ($name:ty) => {
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

measures! {
    /// The system-wide series, in layout order, before the per-stage ones.
    SystemSeries, "series" {
        /// Households on the SIAO waiting list (time-weighted mean over the period): « sans
        /// solution » in the SIAO's sense. Not those on the street between two requests.
        Unsheltered = "unsheltered",
        /// DALO-eligible households present, not housed, at the period's end.
        DaloEligible = "dalo_eligible",
        /// Of them, those ready and waiting: on the waiting list, or ready and blocked.
        DaloEligibleReadyAndWaiting = "dalo_eligible_ready_and_waiting",
        /// Of them, those within a planned stay (in a stage, not yet ready to leave).
        DaloEligibleWithinPlannedStay = "dalo_eligible_within_planned_stay",
        /// DALO recourses filed in the period.
        DaloRecourses = "dalo_recourses",
        /// Favourable decisions of the mediation commission in the period.
        DaloFavourableDecisions = "dalo_favourable_decisions",
        /// Favourable decisions whose rehousing deadline passed in the period, unfulfilled.
        DaloDecisionsPastDeadline = "dalo_decisions_past_deadline",
        /// Households present with a favourable decision past its deadline, at the period's end.
        DaloHouseholdsPastDeadline = "dalo_households_past_deadline",
        Arrivals = "arrivals",
        Housed = "housed",
        ReturnsToStreet = "returns_to_street",
        /// Households blocked in a stage (time-weighted mean), housed ones included.
        Blocked = "blocked",
        Cost = "cost",
        /// Households on the street between two requests: left by an exit of kind street, their
        /// comeback pending (time-weighted mean).
        StreetBetweenRequests = "street_between_requests",
        /// `unsheltered` + `street_between_requests`: every household without a solution.
        WithoutSolution = "without_solution",
        /// Of `blocked`, households already housed (pension-de-famille residents waiting for
        /// social housing): a held place, not a household without a solution.
        BlockedHoused = "blocked_housed",
    }
}

measures! {
    /// Per-stage series: `stage.<id>.<measure>`, in layout order.
    StageSeries, "stage series" {
        Places = "places",
        Occupancy = "occupancy",
        Blocked = "blocked",
        Queue = "queue",
        /// Of `queue`, households ready to leave another stage and blocked there for this one.
        ReadyQueue = "ready_queue",
        Entries = "entries",
        Exits = "exits",
    }
}

measures! {
    /// The system-wide headline figures, in layout order, before the per-stage ones.
    SystemHeadline, "headline" {
        /// Households on the SIAO waiting list (time-weighted mean).
        Unsheltered = "unsheltered",
        /// Households on the street between two requests (time-weighted mean).
        StreetBetweenRequests = "street_between_requests",
        /// `unsheltered` + `street_between_requests`.
        WithoutSolution = "without_solution",
        /// Days spent without a solution by all households, per year of the window.
        HouseholdDaysWithoutSolutionPerYear = "household_days_without_solution_per_year",
        DaloEligible = "dalo_eligible",
        DaloEligibleReadyAndWaiting = "dalo_eligible_ready_and_waiting",
        DaloEligibleWithinPlannedStay = "dalo_eligible_within_planned_stay",
        NewDaloEligiblePerYear = "new_dalo_eligible_per_year",
        ExpectedRecoursesPerYear = "expected_recourses_per_year",
        DaloRecoursesPerYear = "dalo_recourses_per_year",
        DaloFavourableDecisionsPerYear = "dalo_favourable_decisions_per_year",
        DaloDecisionsPastDeadlinePerYear = "dalo_decisions_past_deadline_per_year",
        DaloHouseholdsPastDeadline = "dalo_households_past_deadline",
        HousedPerYear = "housed_per_year",
        /// Of the requests made in the window, the share housed within 6 months (Kaplan–Meier,
        /// censored at the horizon; those who left and never came back count as not housed).
        ShareHoused6mAfterFirstRequest = "share_housed_6m_after_first_request",
        ShareHoused12mAfterFirstRequest = "share_housed_12m_after_first_request",
        ShareHoused24mAfterFirstRequest = "share_housed_24m_after_first_request",
        /// Median time from the first request to housing, same curve (undefined when it never
        /// reaches 50 %).
        MedianDaysFirstRequestToHousing = "median_days_first_request_to_housing",
        /// Where the requests stand 6, 12 and 24 months after they were made (the housed share
        /// is `share_housed_*_after_first_request`).
        ShareInPlace6mAfterFirstRequest = "share_in_place_6m_after_first_request",
        ShareWaitingList6mAfterFirstRequest = "share_waiting_list_6m_after_first_request",
        ShareStreetBetweenRequests6mAfterFirstRequest = "share_street_between_requests_6m_after_first_request",
        ShareGone6mAfterFirstRequest = "share_gone_6m_after_first_request",
        ShareInPlace12mAfterFirstRequest = "share_in_place_12m_after_first_request",
        ShareWaitingList12mAfterFirstRequest = "share_waiting_list_12m_after_first_request",
        ShareStreetBetweenRequests12mAfterFirstRequest = "share_street_between_requests_12m_after_first_request",
        ShareGone12mAfterFirstRequest = "share_gone_12m_after_first_request",
        ShareInPlace24mAfterFirstRequest = "share_in_place_24m_after_first_request",
        ShareWaitingList24mAfterFirstRequest = "share_waiting_list_24m_after_first_request",
        ShareStreetBetweenRequests24mAfterFirstRequest = "share_street_between_requests_24m_after_first_request",
        ShareGone24mAfterFirstRequest = "share_gone_24m_after_first_request",
        /// Among households housed in the window, from their latest arrival (a comeback restarts
        /// it): a housed-only figure, kept for comparison with earlier versions.
        MedianTimeToHousingDays = "median_time_to_housing_days",
        MeanTimeToHousingDays = "mean_time_to_housing_days",
        MeanDaysUnshelteredBeforePlace = "mean_days_unsheltered_before_place",
        /// Per arrival (a comeback is a new arrival), fully observed cohorts only.
        ShareHoused12m = "share_housed_12m",
        ShareHoused24m = "share_housed_24m",
        BlockedPlaces = "blocked_places",
        /// Of `blocked_places`, held by households already housed.
        BlockedPlacesHoused = "blocked_places_housed",
        ReturnsToStreetPerYear = "returns_to_street_per_year",
        ArrivalsPerYear = "arrivals_per_year",
        AbandonmentsPerYear = "abandonments_per_year",
        PreventionCasesPerYear = "prevention_cases_per_year",
        EvictionsPreventedPerYear = "evictions_prevented_per_year",
        TenancyFailuresPerYear = "tenancy_failures_per_year",
        CostPerYear = "cost_per_year",
        CostPerHouseholdHoused = "cost_per_household_housed",
        /// Allocations a year to the pathway's households by flows that are part of the
        /// territory's priority allocations: each is one fewer for the other priority households.
        AllocationsTakenFromOtherPriorityHouseholdsPerYear =
            "allocations_taken_from_other_priority_households_per_year",
        /// The territory's priority allocations a year minus those taken by the pathway.
        PriorityAllocationsLeftForOtherHouseholdsPerYear =
            "priority_allocations_left_for_other_households_per_year",
        /// Allocations × cost per allocation, a year (part of `cost_per_year`); undefined when
        /// no allocation stage gives a cost.
        CostOfAllocationsPerYear = "cost_of_allocations_per_year",
    }
}

measures! {
    /// Per-stage headline figures: `stage.<id>.<measure>`, in layout order.
    StageHeadline, "stage headline" {
        Places = "places",
        Occupancy = "occupancy",
        Blocked = "blocked",
        Queue = "queue",
        ReadyQueue = "ready_queue",
        EntriesPerYear = "entries_per_year",
        WaitDays = "wait_days",
        BlockedDays = "blocked_days",
        StayDays = "stay_days",
        /// Allocation stages: dwellings offered in the window, per year (undefined for place
        /// stages), those that went to a household (= `entries_per_year`), those lost for want
        /// of a household in the queue, and the share used (used / offered).
        UnitsOfferedPerYear = "units_offered_per_year",
        UnitsUsedPerYear = "units_used_per_year",
        UnitsLostPerYear = "units_lost_per_year",
        UnitsUse = "units_use",
    }
}

measures! {
    /// Where a request stands some months after it was made (MODEL.md, 15.4), in layout order:
    /// the index of `Replication::cohort` and `Summary::cohort`.
    CohortState, "cohort state" {
        /// Housed since the request (Kaplan–Meier cumulative share).
        Housed = "housed",
        /// In a place stage that does not count as housing.
        InPlace = "in_place",
        /// On the SIAO waiting list.
        WaitingList = "waiting_list",
        /// On the street between two requests (left by a street exit, comeback pending).
        StreetBetweenRequests = "street_between_requests",
        /// Gone: another exit, or a street exit with no comeback.
        Gone = "gone",
    }
}

/// Months after the first request at which the cohort's states are reported: 0, 1, …, 36.
pub const COHORT_MONTHS: usize = 36;

/// Text that names no output of the kind expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    /// What was expected: "series", "headline", "stage series", "stage headline", "wait", ….
    pub what: &'static str,
    pub text: String,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a {} id", self.text, self.what)
    }
}

impl std::error::Error for UnknownId {}

/// Declares an output id: a system-wide measure, or a stage's measure written
/// `stage.<stage id>.<measure>` (a stage id may hold dots: the measure is after the last one).
/// Its text is its only serialized form.
macro_rules! output_id {
    ($(#[$meta:meta])* $name:ident, $system:ident, $stage:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            System($system),
            Stage { stage: String, measure: $stage },
        }

        impl $name {
            pub fn stage(stage: impl Into<String>, measure: $stage) -> $name {
                $name::Stage {
                    stage: stage.into(),
                    measure,
                }
            }
        }

        impl From<$system> for $name {
            fn from(m: $system) -> $name {
                $name::System(m)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $name::System(m) => f.write_str(m.as_str()),
                    $name::Stage { stage, measure } => write!(f, "stage.{stage}.{measure}"),
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownId;

            fn from_str(s: &str) -> Result<$name, UnknownId> {
                let unknown = || UnknownId {
                    what: $what,
                    text: s.to_string(),
                };
                match s.strip_prefix("stage.") {
                    None => s.parse().map($name::System).map_err(|_| unknown()),
                    Some(rest) => match rest.rsplit_once('.') {
                        Some((stage, m)) if !stage.is_empty() => Ok($name::Stage {
                            stage: stage.to_string(),
                            measure: m.parse().map_err(|_| unknown())?,
                        }),
                        _ => Err(unknown()),
                    },
                }
            }
        }

        textual_serde!($name);
    };
}

output_id! {
    /// The id of a series: `unsheltered`, `stage.chrs.occupancy`, …
    SeriesId, SystemSeries, StageSeries, "series"
}

output_id! {
    /// The id of a headline figure: `housed_per_year`, `stage.chrs.wait_days`, …
    HeadlineId, SystemHeadline, StageHeadline, "headline"
}

/// A wait of ready households as an estimate's id: `holding → destination` (the arrow with a
/// space each side is its one textual form; a stage id has no spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WaitId {
    pub holding: String,
    pub destination: String,
}

impl fmt::Display for WaitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}", self.holding, self.destination)
    }
}

impl FromStr for WaitId {
    type Err = UnknownId;

    fn from_str(s: &str) -> Result<WaitId, UnknownId> {
        match s.split_once(" → ") {
            Some((holding, destination)) if !holding.is_empty() && !destination.is_empty() => {
                Ok(WaitId {
                    holding: holding.to_string(),
                    destination: destination.to_string(),
                })
            }
            _ => Err(UnknownId {
                what: "wait",
                text: s.to_string(),
            }),
        }
    }
}

textual_serde!(WaitId);

impl From<&WaitPair> for WaitId {
    fn from(w: &WaitPair) -> WaitId {
        WaitId {
            holding: w.holding.clone(),
            destination: w.destination.clone(),
        }
    }
}

/// Index in `Replication::series` of a stage's series (stage index in scenario order).
/// (Public, hidden from the documentation, for its test in `crates/engine-tests`.)
#[doc(hidden)]
pub fn stage_series_index(stage: usize, measure: StageSeries) -> usize {
    SystemSeries::ALL.len() + stage * StageSeries::ALL.len() + measure.index()
}

/// A stage's kind, as the outputs need it (allocation stages have flows, place stages places).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKindTag {
    Places,
    Allocation,
}

/// A wait of ready households: blocked in `holding` (a place stage) for `destination` (the stage
/// their route drew). One per pair a route or an alternative route makes possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitPair {
    pub holding: String,
    pub destination: String,
}

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
    pub series: Vec<SeriesId>,
    pub headlines: Vec<HeadlineId>,
    /// Stage ids, in scenario order, and their kinds.
    pub stages: Vec<String>,
    #[serde(default)]
    pub stage_kinds: Vec<StageKindTag>,
    /// The waits `Replication::waits` measures, in that order.
    #[serde(default)]
    pub waits: Vec<WaitPair>,
    /// Months after the first request of `Replication::cohort`'s points: 0 to `COHORT_MONTHS`.
    #[serde(default)]
    pub cohort_months: usize,
}

impl Layout {
    pub(crate) fn new(s: &Scenario, c: &Compiled) -> Layout {
        let mut series: Vec<SeriesId> = SystemSeries::ALL.iter().map(|&m| m.into()).collect();
        let mut headlines: Vec<HeadlineId> =
            SystemHeadline::ALL.iter().map(|&m| m.into()).collect();
        for st in &s.stages {
            series.extend(StageSeries::ALL.iter().map(|&m| SeriesId::stage(&st.id, m)));
            headlines.extend(
                StageHeadline::ALL
                    .iter()
                    .map(|&m| HeadlineId::stage(&st.id, m)),
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
            stage_kinds: c
                .stages
                .iter()
                .map(|st| match st.kind {
                    CKind::Places(_) => StageKindTag::Places,
                    CKind::Allocation(_) => StageKindTag::Allocation,
                })
                .collect(),
            waits: c
                .waits
                .pairs
                .iter()
                .map(|&(a, k)| WaitPair {
                    holding: s.stages[a].id.clone(),
                    destination: s.stages[k].id.clone(),
                })
                .collect(),
            cohort_months: COHORT_MONTHS,
        }
    }

    /// Index in `waits` of the wait in `holding` for `destination`.
    pub fn wait_index(&self, holding: &str, destination: &str) -> Option<usize> {
        self.waits
            .iter()
            .position(|w| w.holding == holding && w.destination == destination)
    }

    pub fn series_index(&self, id: &SeriesId) -> Option<usize> {
        self.series.iter().position(|s| s == id)
    }

    pub fn headline_index(&self, id: &HeadlineId) -> Option<usize> {
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
    /// `cohort[state][m]`: share of the requests made in the window in `CohortState::ALL[state]`
    /// `m` months after the request (m = 0 … `COHORT_MONTHS`); NaN where no request was followed
    /// that long. The `housed` row is the Kaplan–Meier cumulative share (MODEL.md, 15.4).
    #[serde(with = "nan_as_null_rows", default)]
    pub cohort: Vec<Vec<f64>>,
    /// `waits[i]`: ready households blocked for the wait `layout.waits[i]`, time-weighted mean
    /// over the window.
    #[serde(default)]
    pub waits: Vec<f64>,
    /// Events processed (for benchmarks; cancelled events not counted: `Run::events`).
    pub events: u64,
    /// Most household records held at once (households present, plus slots awaiting reuse
    /// within one event): memory follows this, not the number of households simulated.
    #[serde(default)]
    pub peak_households: u64,
}

/// Rows of figures that may be undefined (`null` in JSON).
mod nan_as_null_rows {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(rows: &[Vec<f64>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(rows.iter().map(|row| {
            row.iter()
                .map(|x| if x.is_nan() { None } else { Some(*x) })
                .collect::<Vec<_>>()
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<f64>>, D::Error> {
        let rows: Vec<Vec<Option<f64>>> = Vec::deserialize(d)?;
        Ok(rows
            .into_iter()
            .map(|row| row.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
            .collect())
    }
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
