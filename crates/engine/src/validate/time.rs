//! Time and calendar: the horizon, the warm-up, the reporting periods and the month of day 0.

use super::validator::Validator;
use super::{ErrorKind, MAX_HORIZON_MONTHS, MAX_PERIODS, MAX_SERIES_CELLS};
use crate::output::{StageSeries, SystemSeries};
use crate::scenario::{Scenario, MONTH_DAYS};

/// The time frame of a run, in days.
pub(super) struct Time {
    pub horizon: f64,
    pub warmup: f64,
    /// Length of a reporting period, and their number (the last may be shorter).
    pub period: f64,
    pub periods: usize,
    /// Whole or partial months of the horizon (one arrival rate each).
    pub months: usize,
    /// Month of day 0, 0 for January.
    pub start_month0: usize,
}

impl Validator {
    /// `None` when the time frame is unusable: nothing else can be compiled without it.
    pub(super) fn time(&mut self, s: &Scenario) -> Option<Time> {
        let horizon_ok = self.range("horizon_months", s.horizon_months, 1.0, MAX_HORIZON_MONTHS);
        let warm_ok = self.range("warmup_months", s.warmup_months, 0.0, MAX_HORIZON_MONTHS);
        if horizon_ok && warm_ok && s.warmup_months >= s.horizon_months {
            self.err(
                "warmup_months",
                ErrorKind::WarmupTooLong {
                    warmup: s.warmup_months,
                    horizon: s.horizon_months,
                },
            );
        }
        let mut period = MONTH_DAYS;
        if let Some(p) = s.reporting_period_days {
            if self.range("reporting_period_days", p, 1.0, 36_525.0) {
                period = p;
            }
        }
        if !(1..=12).contains(&s.start.month) {
            self.err(
                "start.month",
                ErrorKind::NotAMonth {
                    month: s.start.month,
                },
            );
        }
        let month_ok = (1..=12).contains(&s.start.month);
        if !horizon_ok || !warm_ok || !month_ok {
            return None;
        }
        let horizon = s.horizon_months * MONTH_DAYS;
        let warmup = s.warmup_months * MONTH_DAYS;
        let window = horizon - warmup;
        // Each replication holds every series for every period: at most MAX_SERIES_CELLS values
        // (16 MB), so fewer periods are allowed with many stages.
        let series = (SystemSeries::ALL.len() + StageSeries::ALL.len() * s.stages.len()) as f64;
        let max_periods = MAX_PERIODS.min((MAX_SERIES_CELLS / series).floor());
        if window / period > max_periods {
            self.err(
                "reporting_period_days",
                ErrorKind::TooManyPeriods {
                    periods: (window / period).ceil(),
                    max: max_periods,
                },
            );
            return None;
        }
        Some(Time {
            horizon,
            warmup,
            period,
            periods: ((window / period) - 1e-9).ceil().max(1.0) as usize,
            months: s.horizon_months.ceil() as usize,
            start_month0: (s.start.month - 1) as usize,
        })
    }
}
