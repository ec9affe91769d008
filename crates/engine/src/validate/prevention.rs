//! Eviction prevention (CCAPEX, FSL): cases per month, of which as many as the capacity allows
//! are handled; a handled case is prevented with the success rate, and a share of the others
//! come to the waiting list.

use super::ids::Ids;
use super::validator::{cumulative, Validator};
use super::{ErrorKind, MAX_EXPECTED_ARRIVALS, MAX_UNITS_PER_MONTH};
use crate::scenario::{Scenario, MONTH_DAYS};

#[derive(Debug, Clone)]
pub(crate) struct CPrevention {
    pub cases_per_day: f64,
    pub mix: Vec<f64>,
    pub capacity_per_month: f64,
    pub success_rate: f64,
    pub share_to_waiting_list: f64,
    pub cost_per_case: f64,
}

impl Validator {
    /// Adds the expected cases to `expected_arrivals` (one cap for arrivals and cases).
    pub(super) fn prevention(
        &mut self,
        s: &Scenario,
        ids: &Ids,
        expected_arrivals: &mut f64,
    ) -> Option<CPrevention> {
        let types = &ids.types;
        let prevention = s.prevention.as_ref().map(|p| {
            self.range(
                "prevention.cases_per_month",
                p.cases_per_month,
                0.0,
                MAX_EXPECTED_ARRIVALS,
            );
            self.range(
                "prevention.capacity_per_month",
                p.capacity_per_month,
                0.0,
                MAX_UNITS_PER_MONTH,
            );
            self.range("prevention.success_rate", p.success_rate, 0.0, 1.0);
            self.range(
                "prevention.share_to_waiting_list",
                p.share_to_waiting_list,
                0.0,
                1.0,
            );
            self.range("prevention.cost_per_case", p.cost_per_case, 0.0, 1e9);
            if p.cases_per_month.is_finite() {
                *expected_arrivals += p.cases_per_month * s.horizon_months;
            }
            let mix = self.mix("prevention.mix", &p.mix, types);
            CPrevention {
                cases_per_day: p.cases_per_month / MONTH_DAYS,
                mix: cumulative(&mix),
                capacity_per_month: p.capacity_per_month,
                success_rate: p.success_rate,
                share_to_waiting_list: p.share_to_waiting_list,
                cost_per_case: p.cost_per_case,
            }
        });
        if *expected_arrivals > MAX_EXPECTED_ARRIVALS && s.prevention.is_some() {
            self.err(
                "prevention.cases_per_month",
                ErrorKind::TooManyArrivalsAndCases {
                    expected: expected_arrivals.round(),
                    max: MAX_EXPECTED_ARRIVALS,
                },
            );
        }
        prevention
    }
}
