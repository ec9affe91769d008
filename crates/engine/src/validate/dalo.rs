//! DALO (enforceable right to housing): the durations after which a household becomes
//! eligible, the recourse (who files, the share decided favourably, when), the prefect's
//! deadline, and who has priority in `dalo_priority` queues.

use super::validator::Validator;
use super::MAX_HORIZON_MONTHS;
use crate::scenario::{DaloPriority, Scenario, MONTH_DAYS};

/// Eligibility delays, in days.
#[derive(Debug, Clone)]
pub(crate) struct CDalo {
    /// Continuous time in shelter.
    pub shelter: f64,
    /// Time in temporary housing.
    pub temporary: f64,
    /// Time since the first request.
    pub waiting: f64,
    pub recourse_propensity: f64,
    pub favourable_share: f64,
    /// From the recourse to the decision.
    pub decision: f64,
    /// From a favourable decision to the prefect's deadline.
    pub deadline: f64,
    pub priority: DaloPriority,
}

impl Validator {
    pub(super) fn dalo(&mut self, s: &Scenario) -> CDalo {
        let d = &s.dalo;
        self.range(
            "dalo.shelter_months",
            d.shelter_months,
            0.0,
            MAX_HORIZON_MONTHS,
        );
        self.range(
            "dalo.temporary_housing_months",
            d.temporary_housing_months,
            0.0,
            MAX_HORIZON_MONTHS,
        );
        self.range(
            "dalo.waiting_months",
            d.waiting_months,
            0.0,
            MAX_HORIZON_MONTHS,
        );
        self.range("dalo.recourse_propensity", d.recourse_propensity, 0.0, 1.0);
        self.range("dalo.favourable_share", d.favourable_share, 0.0, 1.0);
        self.range(
            "dalo.decision_months",
            d.decision_months,
            0.0,
            MAX_HORIZON_MONTHS,
        );
        self.range(
            "dalo.rehousing_deadline_months",
            d.rehousing_deadline_months,
            0.0,
            MAX_HORIZON_MONTHS,
        );
        CDalo {
            shelter: d.shelter_months * MONTH_DAYS,
            temporary: d.temporary_housing_months * MONTH_DAYS,
            waiting: d.waiting_months * MONTH_DAYS,
            recourse_propensity: d.recourse_propensity,
            favourable_share: d.favourable_share,
            decision: d.decision_months * MONTH_DAYS,
            deadline: d.rehousing_deadline_months * MONTH_DAYS,
            priority: d.priority,
        }
    }
}
