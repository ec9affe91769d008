//! Beside the stages: the pools of social accompaniment, eviction prevention and the DALO
//! recourse.

use serde::{Deserialize, Serialize};

use super::{Label, WhenFull};
use std::collections::BTreeMap;

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
