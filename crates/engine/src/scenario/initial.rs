//! The initial state: the households already in the system on day 0.

use serde::{Deserialize, Serialize};

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
