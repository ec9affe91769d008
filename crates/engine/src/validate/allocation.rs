//! Allocation stages: a flow of dwellings per month (social housing, a private-rental scheme)
//! that takes households from its queue; the housed are not simulated further, except for
//! tenancy failures.

use super::validator::Validator;
use super::{ErrorKind, MAX_HORIZON_MONTHS, MAX_PLACES, MAX_UNITS_PER_MONTH};
use crate::scenario::{AllocationStage, MONTH_DAYS};

#[derive(Debug, Clone)]
pub(crate) struct CAllocation {
    /// (from day, units per day), increasing days, first at day 0.
    pub rates: Vec<(f64, f64)>,
    pub failure_per_day: f64,
    /// Days after the allocation during which a tenancy may fail (infinite: always).
    pub failure_window: f64,
    pub cost_per_allocation: f64,
    /// The territory's priority allocations a year of which the flow is a part.
    pub priority_allocations_per_year: Option<f64>,
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
        let failure_window = match al.tenancy_failure_months {
            Some(m) => {
                self.range(
                    &format!("{sp}.tenancy_failure_months"),
                    m,
                    0.0,
                    MAX_HORIZON_MONTHS,
                );
                m * MONTH_DAYS
            }
            None => f64::INFINITY,
        };
        let priority_total = al.priority_allocations_per_year.filter(|&total| {
            self.range(
                &format!("{sp}.priority_allocations_per_year"),
                total,
                0.0,
                12.0 * MAX_PLACES,
            )
        });
        if let Some(total) = priority_total {
            // The reserved flow is a part of the total: it cannot exceed it at any time.
            let highest = rates.iter().map(|r| r.1 * 365.25).fold(0.0, f64::max);
            if highest > total * (1.0 + 1e-9) {
                self.err(
                    format!("{sp}.priority_allocations_per_year"),
                    ErrorKind::ReservedAbovePriorityTotal {
                        per_year: (highest * 10.0).round() / 10.0,
                        total,
                    },
                );
            }
        }
        CAllocation {
            rates,
            failure_per_day: al.tenancy_failure_per_year / 365.25,
            failure_window,
            cost_per_allocation: al.cost_per_allocation,
            priority_allocations_per_year: priority_total,
        }
    }
}
