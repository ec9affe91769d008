//! DALO (enforceable right to housing): the durations after which a household becomes
//! eligible, and the share of eligible households expected to file a recourse.

use super::validator::Validator;
use super::MAX_HORIZON_MONTHS;
use crate::scenario::{Scenario, MONTH_DAYS};

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
        CDalo {
            shelter: d.shelter_months * MONTH_DAYS,
            temporary: d.temporary_housing_months * MONTH_DAYS,
            waiting: d.waiting_months * MONTH_DAYS,
            recourse_propensity: d.recourse_propensity,
        }
    }
}
