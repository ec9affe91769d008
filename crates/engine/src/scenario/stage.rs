//! A stage of the pathway (places or allocation), its routes and exits, in the flat JSON form
//! of the format.

use serde::{Deserialize, Serialize};

use super::{DaloClock, Label, PerType, QueueRule};

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
