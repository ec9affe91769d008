//! Allocation stages: a flow of dwellings per month (social housing, a private-rental scheme)
//! that takes households from its queue; the housed are not simulated further, except for
//! tenancy failures.

use super::validator::Validator;
use super::{ErrorKind, MAX_HORIZON_MONTHS, MAX_UNITS_PER_MONTH};
use crate::scenario::{AllocationStage, MONTH_DAYS};

#[derive(Debug, Clone)]
pub(crate) struct CAllocation {
    /// (from day, units per day), increasing days, first at day 0.
    pub rates: Vec<(f64, f64)>,
    pub failure_per_day: f64,
    pub cost_per_allocation: f64,
}

impl Validator {
    /// `sp` is the stage's path, `stages[i]`.
    pub(super) fn allocation_stage(&mut self, sp: &str, al: &AllocationStage) -> CAllocation {
        self.range(
            &format!("{sp}.units_per_month"),
            al.units_per_month,
            0.0,
            MAX_UNITS_PER_MONTH,
        );
        self.range(
            &format!("{sp}.tenancy_failure_per_year"),
            al.tenancy_failure_per_year,
            0.0,
            10.0,
        );
        self.range(
            &format!("{sp}.cost_per_allocation"),
            al.cost_per_allocation,
            0.0,
            1e9,
        );
        let mut rates = vec![(0.0, al.units_per_month / MONTH_DAYS)];
        let mut last = 0.0;
        for (j, c) in al.unit_changes.iter().enumerate() {
            let cp = format!("{sp}.unit_changes[{j}]");
            let a = self.range(
                &format!("{cp}.day"),
                c.day,
                0.0,
                MAX_HORIZON_MONTHS * MONTH_DAYS,
            );
            let b = self.range(
                &format!("{cp}.units_per_month"),
                c.units_per_month,
                0.0,
                MAX_UNITS_PER_MONTH,
            );
            if a && c.day < last {
                self.err(format!("{cp}.day"), ErrorKind::DayOrder);
            }
            if a && b {
                last = c.day;
                rates.push((c.day, c.units_per_month / MONTH_DAYS));
            }
        }
        CAllocation {
            rates,
            failure_per_day: al.tenancy_failure_per_year / 365.25,
            cost_per_allocation: al.cost_per_allocation,
        }
    }
}
