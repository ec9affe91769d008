//! The scenario format: a whole territory's pathway network as plain serde data (JSON).
//!
//! This is the documented, versioned input of the engine (see `MODEL.md` for the meaning of every
//! field). It is deliberately dumb data: all checking happens in [`crate::validate`], which turns a
//! `Scenario` into a runnable [`crate::Model`] or returns every problem at once.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// A stage of the pathway. In JSON its fields are flat, with `"kind": "places"` or
/// `"kind": "allocation"` saying which of [`PlaceStage`] or [`AllocationStage`] applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawStage", into = "RawStage")]
pub struct Stage {
    pub id: String,
    pub label: Label,
    pub kind: StageKind,
    /// Types accepted; `None` means every type.
    pub accepts: Option<Vec<String>>,
    pub queue: QueueRule,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StageKind {
    /// A structure with a number of places (shelter, temporary housing, pension de famille).
    Places(PlaceStage),
    /// A flow of dwellings per month (social housing, private rental through a scheme).
    Allocation(AllocationStage),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindTag {
    Places,
    Allocation,
}

/// The flat JSON form of a stage. serde cannot combine `flatten` with `deny_unknown_fields`,
/// so the kind-specific fields are checked here, naming any that do not belong to the kind.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawStage {
    id: String,
    label: Label,
    kind: Option<KindTag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    accepts: Option<Vec<String>>,
    #[serde(default)]
    queue: QueueRule,
    // Places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    places: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    capacity_changes: Option<Vec<CapacityChange>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    winter_places: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stay: Option<PerType<Stay>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    routes: Option<PerType<Vec<Route>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_blocked_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alternative: Option<Vec<Route>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dalo_clock: Option<DaloClock>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    counts_as_housing: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cost_per_place_day: Option<f64>,
    // Allocation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    units_per_month: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit_changes: Option<Vec<UnitChange>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tenancy_failure_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cost_per_allocation: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    priority_allocations_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tenancy_failure_months: Option<f64>,
}

impl TryFrom<RawStage> for Stage {
    type Error = String;
    fn try_from(r: RawStage) -> Result<Stage, String> {
        let id = r.id.clone();
        let kind_name = |k: KindTag| match k {
            KindTag::Places => "places",
            KindTag::Allocation => "allocation",
        };
        let Some(tag) = r.kind else {
            return Err(format!(
                "stage '{id}': missing field `kind` (\"places\" or \"allocation\")"
            ));
        };
        let wrong: Vec<&str> = match tag {
            KindTag::Places => [
                ("units_per_month", r.units_per_month.is_some()),
                ("unit_changes", r.unit_changes.is_some()),
                (
                    "tenancy_failure_per_year",
                    r.tenancy_failure_per_year.is_some(),
                ),
                ("cost_per_allocation", r.cost_per_allocation.is_some()),
                (
                    "priority_allocations_per_year",
                    r.priority_allocations_per_year.is_some(),
                ),
                ("tenancy_failure_months", r.tenancy_failure_months.is_some()),
            ]
            .iter()
            .filter(|x| x.1)
            .map(|x| x.0)
            .collect(),
            KindTag::Allocation => [
                ("places", r.places.is_some()),
                ("capacity_changes", r.capacity_changes.is_some()),
                ("winter_places", r.winter_places.is_some()),
                ("stay", r.stay.is_some()),
                ("routes", r.routes.is_some()),
                ("max_blocked_days", r.max_blocked_days.is_some()),
                ("alternative", r.alternative.is_some()),
                ("dalo_clock", r.dalo_clock.is_some()),
                ("counts_as_housing", r.counts_as_housing.is_some()),
                ("cost_per_place_day", r.cost_per_place_day.is_some()),
            ]
            .iter()
            .filter(|x| x.1)
            .map(|x| x.0)
            .collect(),
        };
        if !wrong.is_empty() {
            return Err(format!(
                "stage '{id}': field(s) {} do not apply to a stage of kind \"{}\"",
                wrong.join(", "),
                kind_name(tag)
            ));
        }
        let missing = |f: &str| {
            format!(
                "stage '{id}': missing field `{f}` for a stage of kind \"{}\"",
                kind_name(tag)
            )
        };
        let kind = match tag {
            KindTag::Places => StageKind::Places(PlaceStage {
                places: r.places.ok_or_else(|| missing("places"))?,
                capacity_changes: r.capacity_changes.unwrap_or_default(),
                winter_places: r.winter_places.unwrap_or(0),
                stay: r.stay.ok_or_else(|| missing("stay"))?,
                routes: r.routes.ok_or_else(|| missing("routes"))?,
                max_blocked_days: r.max_blocked_days,
                alternative: r.alternative.unwrap_or_default(),
                dalo_clock: r.dalo_clock.unwrap_or_default(),
                counts_as_housing: r.counts_as_housing.unwrap_or(false),
                cost_per_place_day: r.cost_per_place_day.unwrap_or(0.0),
            }),
            KindTag::Allocation => StageKind::Allocation(AllocationStage {
                units_per_month: r
                    .units_per_month
                    .ok_or_else(|| missing("units_per_month"))?,
                unit_changes: r.unit_changes.unwrap_or_default(),
                tenancy_failure_per_year: r.tenancy_failure_per_year.unwrap_or(0.0),
                cost_per_allocation: r.cost_per_allocation.unwrap_or(0.0),
                priority_allocations_per_year: r.priority_allocations_per_year,
                tenancy_failure_months: r.tenancy_failure_months,
            }),
        };
        Ok(Stage {
            id: r.id,
            label: r.label,
            kind,
            accepts: r.accepts,
            queue: r.queue,
        })
    }
}

impl From<Stage> for RawStage {
    fn from(s: Stage) -> RawStage {
        let base = RawStage {
            id: s.id,
            label: s.label,
            accepts: s.accepts,
            queue: s.queue,
            ..RawStage::default()
        };
        match s.kind {
            StageKind::Places(p) => RawStage {
                kind: Some(KindTag::Places),
                places: Some(p.places),
                capacity_changes: (!p.capacity_changes.is_empty()).then_some(p.capacity_changes),
                winter_places: (p.winter_places > 0).then_some(p.winter_places),
                stay: Some(p.stay),
                routes: Some(p.routes),
                max_blocked_days: p.max_blocked_days,
                alternative: (!p.alternative.is_empty()).then_some(p.alternative),
                dalo_clock: Some(p.dalo_clock),
                counts_as_housing: p.counts_as_housing.then_some(true),
                cost_per_place_day: Some(p.cost_per_place_day),
                ..base
            },
            StageKind::Allocation(a) => RawStage {
                kind: Some(KindTag::Allocation),
                units_per_month: Some(a.units_per_month),
                unit_changes: (!a.unit_changes.is_empty()).then_some(a.unit_changes),
                tenancy_failure_per_year: Some(a.tenancy_failure_per_year),
                cost_per_allocation: Some(a.cost_per_allocation),
                priority_allocations_per_year: a.priority_allocations_per_year,
                tenancy_failure_months: a.tenancy_failure_months,
                ..base
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceStage {
    /// Year-round places at day 0.
    pub places: u32,
    /// Openings (positive) and closures (negative) of year-round places.
    #[serde(default)]
    pub capacity_changes: Vec<CapacityChange>,
    /// Extra places open from 1 November to 31 March.
    #[serde(default)]
    pub winter_places: u32,
    /// Length of stay until the household is ready to move on, per type.
    pub stay: PerType<Stay>,
    /// Next destination (stage or exit id) at the end of the stay, per type.
    pub routes: PerType<Vec<Route>>,
    /// After this many days blocked, the household takes `alternative` instead.
    #[serde(default)]
    pub max_blocked_days: Option<f64>,
    #[serde(default)]
    pub alternative: Vec<Route>,
    #[serde(default)]
    pub dalo_clock: DaloClock,
    /// Entering this stage counts as access to permanent housing (pension de famille).
    #[serde(default)]
    pub counts_as_housing: bool,
    /// Cost of one open place for one day, euros.
    #[serde(default)]
    pub cost_per_place_day: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationStage {
    /// Dwellings per month offered to this population (a Poisson flow).
    pub units_per_month: f64,
    /// Later changes of the flow.
    #[serde(default)]
    pub unit_changes: Vec<UnitChange>,
    /// Yearly hazard that a tenancy fails, sending the household to eviction prevention.
    #[serde(default)]
    pub tenancy_failure_per_year: f64,
    /// Months after the allocation during which that hazard applies; after it the household is
    /// an ordinary tenant (its eviction risk is in the prevention stream's cases). `None`: as
    /// long as the run lasts.
    #[serde(default)]
    pub tenancy_failure_months: Option<f64>,
    /// Cost of one allocation (for example a rehousing bonus), euros.
    #[serde(default)]
    pub cost_per_allocation: f64,
    /// The territory's priority allocations a year of which this flow is a part (for social
    /// housing: the accord collectif's rehousings of priority households). Every unit the flow
    /// uses is one fewer for the other priority households. `None`: not counted against a total.
    #[serde(default)]
    pub priority_allocations_per_year: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityChange {
    /// Day the change takes effect.
    pub day: f64,
    /// Places added (positive) or removed (negative).
    pub places: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitChange {
    pub day: f64,
    pub units_per_month: f64,
}

/// Length-of-stay distribution, in days.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "distribution", rename_all = "snake_case", deny_unknown_fields)]
pub enum Stay {
    Exponential {
        mean_days: f64,
    },
    Lognormal {
        mean_days: f64,
        cv: f64,
    },
    Gamma {
        mean_days: f64,
        cv: f64,
    },
    /// Always the same; 0 makes the stage a waiting room held until the next stage takes over.
    Fixed {
        days: f64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Stage or exit id.
    pub to: String,
    pub p: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitKind {
    /// Housed for good (ordinary housing outside the modelled stages).
    Housed,
    PrivateOrFamily,
    /// Unknown destination or back to the street.
    Street,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exit {
    pub id: String,
    pub label: Label,
    pub kind: ExitKind,
    /// Households leaving by this exit may come back later as new arrivals.
    #[serde(default)]
    pub comeback: Option<Comeback>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comeback {
    pub probability: f64,
    /// Mean delay before coming back (exponential), months.
    pub mean_months: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum WhenFull {
    /// The household goes on without accompaniment.
    #[default]
    Unaccompanied,
    /// The household waits for a slot while in the stage; effects start when it gets one.
    Wait,
}

/// A pool of social accompaniment (CHRS caseworkers, ASLL/AVDL measures, housing-first teams).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    pub id: String,
    pub label: Label,
    /// Households followed at the same time.
    pub slots: u32,
    /// Stages whose entrants are offered a slot.
    pub stages: Vec<String>,
    #[serde(default)]
    pub when_full: WhenFull,
    /// Multiplier on the length of stay in attached stages (below 1 shortens it).
    #[serde(default = "one")]
    pub stay_multiplier: f64,
    /// Share of the probability of "street" exits moved to `shift_to`.
    #[serde(default)]
    pub street_shift: f64,
    /// Destination receiving the shifted probability (a stage or an exit).
    #[serde(default)]
    pub shift_to: Option<String>,
    /// Multiplier on the tenancy-failure hazard while accompanied in housing.
    #[serde(default = "one")]
    pub tenancy_failure_multiplier: f64,
    /// Months the accompaniment continues once housed (the slot stays taken meanwhile).
    #[serde(default)]
    pub months_in_housing: f64,
    #[serde(default)]
    pub cost_per_slot_year: f64,
}

fn one() -> f64 {
    1.0
}

/// Eviction prevention (CCAPEX, FSL): cases under procedure, some resolved, the rest arrive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prevention {
    /// Tenants under eviction procedure reaching the prevention stage, per month (Poisson).
    pub cases_per_month: f64,
    /// Type mix of those tenants.
    pub mix: BTreeMap<String, f64>,
    /// Cases handled per calendar month; cases beyond it are not handled.
    pub capacity_per_month: f64,
    /// Share of handled cases resolved (the household keeps its home).
    pub success_rate: f64,
    /// Share of unresolved cases that end on the SIAO waiting list (the others find a solution).
    #[serde(default = "one")]
    pub share_to_waiting_list: f64,
    #[serde(default)]
    pub cost_per_case: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dalo {
    /// Continuous months in shelter after which a household is eligible.
    pub shelter_months: f64,
    /// Months in temporary housing after which a household is eligible.
    pub temporary_housing_months: f64,
    /// The territory's "délai anormalement long" for a social-housing request, months, counted
    /// from the household's first request (its social-housing demand is assumed filed then).
    pub waiting_months: f64,
    /// Share of eligible households that file a recourse once they are ready and waiting (on
    /// the waiting list, or ready to leave their stage and blocked).
    pub recourse_propensity: f64,
    /// Share of recourses the mediation commission decides favourably (priority and urgent).
    #[serde(default = "favourable_share")]
    pub favourable_share: f64,
    /// Months from the recourse to the commission's decision.
    #[serde(default = "decision_months")]
    pub decision_months: f64,
    /// Months the prefect has, from a favourable decision, to rehouse the household.
    #[serde(default = "rehousing_deadline_months")]
    pub rehousing_deadline_months: f64,
    /// Who goes first in `dalo_priority` queues.
    #[serde(default)]
    pub priority: DaloPriority,
}

/// Defaults of the DALO procedure (MODEL.md, section 11): the national share of favourable
/// decisions (34–38 %, HCLPD / Association DALO 2016–19), the commission's three months and the
/// prefect's six months.
fn favourable_share() -> f64 {
    0.36
}
fn decision_months() -> f64 {
    3.0
}
fn rehousing_deadline_months() -> f64 {
    6.0
}

/// Who goes first in a `dalo_priority` queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DaloPriority {
    /// Households with a favourable decision of the mediation commission, from its date until
    /// they are housed (the law: the prefect designates them on his quota).
    #[default]
    FavourableDecision,
    /// Every household past its eligibility date, recourse or not (engine version 1's rule).
    Eligibility,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct InitialState {
    #[serde(default)]
    pub waiting: Vec<InitialWaiting>,
    #[serde(default)]
    pub stages: Vec<InitialOccupants>,
    /// Households housed before day 0 by an allocation stage, whose tenancy may still fail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub housed: Vec<InitialHoused>,
    /// Households between two requests at day 0: gone by an exit with a comeback, coming back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub between_requests: Vec<InitialBetweenRequests>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitialWaiting {
    #[serde(rename = "type")]
    pub household_type: String,
    pub count: u32,
    /// Days already spent waiting at day 0.
    #[serde(default)]
    pub days_waiting: f64,
    /// Days since the household's first request at day 0 (its first call to the SIAO, before
    /// any comeback), at least `days_waiting`. Absent: `days_waiting` (MODEL.md, section 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_first_request: Option<f64>,
    /// Days since it became DALO-eligible, if it is at day 0 (eligibility is sticky); absent:
    /// from its clocks (MODEL.md, section 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_eligible: Option<f64>,
    /// Where its DALO recourse stands at day 0; absent: it has not had the occasion to file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recourse: Option<InitialRecourse>,
}

/// An initial household's DALO recourse (MODEL.md, section 11.2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum InitialRecourse {
    /// It did not file when it could, or its recourse was rejected: it will not file again.
    None,
    /// Its recourse is decided favourably `decision_days` days before day 0 (negative: the
    /// decision comes that many days after day 0).
    Favourable { decision_days: f64 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitialOccupants {
    pub stage: String,
    #[serde(rename = "type")]
    pub household_type: String,
    pub count: u32,
    /// Days already spent in the stage at day 0.
    #[serde(default)]
    pub days_in_stage: f64,
    /// Days since the household's first request at day 0, at least `days_in_stage`. Absent:
    /// `days_in_stage` (MODEL.md, section 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_first_request: Option<f64>,
    /// Days its stage's DALO clock has been running (continuous shelter, or temporary housing,
    /// possibly begun in an earlier stage), at least `days_in_stage`; only for a stage with a
    /// clock. Absent: `days_in_stage`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dalo_clock_days: Option<f64>,
    /// Days since it became DALO-eligible, if it is at day 0 (eligibility is sticky); absent:
    /// from its clocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_eligible: Option<f64>,
    /// Where its DALO recourse stands at day 0; absent: it has not had the occasion to file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recourse: Option<InitialRecourse>,
    /// Ready to leave and blocked at day 0, waiting for a place in another stage; absent: not
    /// ready yet (the rest of the stay is drawn).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<Ready>,
}

/// An initial occupant ready to leave its stage: where it waits to go, since when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ready {
    /// The stage it is blocked for (a place or allocation stage).
    pub to: String,
    /// Days since it became ready, at most `days_in_stage`.
    #[serde(default)]
    pub days: f64,
}

/// Households housed by an allocation stage before day 0: not simulated, but their tenancy may
/// fail (the stage's hazard, within its `tenancy_failure_months`), and an accompaniment that
/// follows them into housing still holds its slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitialHoused {
    /// The allocation stage that housed them.
    pub stage: String,
    #[serde(rename = "type")]
    pub household_type: String,
    pub count: u32,
    /// Days since they were housed.
    #[serde(default)]
    pub days_housed: f64,
    /// The pool whose accompaniment followed them into housing, if any: it holds a slot until
    /// the pool's `months_in_housing` after the housing date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accompaniment: Option<String>,
}

/// Households gone by an exit with a comeback before day 0 and due back: the street between two
/// calls to the 115. The delay to their return is drawn from the exit's comeback law (memoryless).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitialBetweenRequests {
    /// The exit they left by (it must have a `comeback`).
    pub exit: String,
    #[serde(rename = "type")]
    pub household_type: String,
    pub count: u32,
    /// Days since their first request at day 0: their request goes on when they come back.
    /// Absent: they come back with a new request (they had been housed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_first_request: Option<f64>,
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
