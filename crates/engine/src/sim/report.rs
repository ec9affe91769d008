//! Outputs: time-weighted levels, the reporting window (after the warm-up) and its periods, the
//! series of each period, and the headline figures at the end. The order of both follows
//! `output::Layout`.

use super::events::Kind;
use super::households::Loc;
use super::{Census, Sim};
use crate::output::{Replication, HOUSING_BIN_DAYS};
use crate::validate::CKind;

/// Time-weighted level: accumulates level × time between changes.
#[derive(Clone, Copy, Default)]
pub(super) struct TimeAvg {
    level: f64,
    last: f64,
    area: f64,
}

impl TimeAvg {
    #[inline]
    pub(super) fn set(&mut self, now: f64, level: f64) {
        self.area += self.level * (now - self.last);
        self.last = now;
        self.level = level;
    }
    /// Area since the last take, then restarts.
    pub(super) fn take(&mut self, now: f64) -> f64 {
        self.area += self.level * (now - self.last);
        self.last = now;
        std::mem::take(&mut self.area)
    }
}

impl Sim<'_> {
    /// The warm-up's end (a reset), then each period's end.
    pub(super) fn schedule_reports(&mut self) {
        let c = self.c;
        if c.warmup > 0.0 {
            self.schedule(c.warmup, Kind::Report, 0, 0);
        } else {
            self.open_window();
        }
        for k in 1..c.periods {
            self.schedule(c.warmup + k as f64 * c.period, Kind::Report, k as u32, 0);
        }
    }

    pub(super) fn open_window(&mut self) {
        let now = self.now;
        self.in_window = true;
        self.period_start = now;
        self.avg_waiting.take(now);
        self.avg_blocked_total.take(now);
        for st in &mut self.stages {
            st.avg_places.take(now);
            st.avg_occ.take(now);
            st.avg_blocked.take(now);
            st.avg_queue.take(now);
            st.entries = 0;
            st.exits = 0;
        }
        self.census();
    }

    pub(super) fn on_report(&mut self) {
        if !self.in_window {
            self.open_window();
        } else {
            self.close_period();
        }
    }

    pub(super) fn census(&mut self) {
        let census = Census {
            time: self.now,
            arrivals: self.arrivals,
            exited: self.exited,
            waiting: self.waiting as u64,
            occupancy: self.stages.iter().map(|s| s.occ).collect(),
            places: self
                .c
                .stages
                .iter()
                .zip(&self.stages)
                .map(|(c, s)| {
                    if matches!(c.kind, CKind::Places(_)) {
                        s.cap
                    } else {
                        0
                    }
                })
                .collect(),
        };
        self.obs.census(&census);
    }

    pub(super) fn close_period(&mut self) {
        let c = self.c;
        let now = self.now;
        let len = now - self.period_start;
        if self.period >= c.periods || len <= 0.0 {
            return;
        }
        let p = self.period;
        // DALO-eligible households present now (not housed).
        let mut eligible = 0u64;
        for i in 0..self.hh.len() {
            let x = &self.hh[i];
            if x.loc != Loc::Free && !x.housed && x.eligible_from <= now {
                eligible += 1;
                if !x.was_eligible {
                    self.check_eligibility(i as u32);
                }
            }
        }
        self.w_eligible_snapshots += eligible as f64;
        let mut cost = self.p_cost;
        for (s, st) in self.stages.iter_mut().enumerate() {
            let base = crate::output::SYSTEM_SERIES.len() + s * crate::output::STAGE_SERIES.len();
            let places = st.avg_places.take(now);
            if let CKind::Places(pl) = &c.stages[s].kind {
                cost += places * pl.cost_per_place_day;
            }
            self.series[base][p] = places / len;
            self.series[base + 1][p] = st.avg_occ.take(now) / len;
            self.series[base + 2][p] = st.avg_blocked.take(now) / len;
            self.series[base + 3][p] = st.avg_queue.take(now) / len;
            self.series[base + 4][p] = std::mem::take(&mut st.entries) as f64;
            self.series[base + 5][p] = std::mem::take(&mut st.exits) as f64;
        }
        for pool in &c.pools {
            cost += pool.slots as f64 * pool.cost_per_slot_day * len;
        }
        self.series[0][p] = self.avg_waiting.take(now) / len;
        self.series[1][p] = eligible as f64;
        self.series[2][p] = std::mem::take(&mut self.p_arrivals) as f64;
        self.series[3][p] = std::mem::take(&mut self.p_housed) as f64;
        self.series[4][p] = std::mem::take(&mut self.p_street) as f64;
        self.series[5][p] = self.avg_blocked_total.take(now) / len;
        self.series[6][p] = cost;
        self.p_cost = 0.0;
        self.period += 1;
        self.period_start = now;
        self.census();
    }

    pub(super) fn finish(self, index: u64) -> Replication {
        let c = self.c;
        let window = c.horizon - c.warmup;
        let years = window / 365.25;
        let periods = c.periods as f64;
        // Time-weighted mean of a series over the window (last period may be shorter).
        let weights: Vec<f64> = (0..c.periods)
            .map(|p| {
                ((c.warmup + (p + 1) as f64 * c.period).min(c.horizon)
                    - (c.warmup + p as f64 * c.period))
                    / window
            })
            .collect();
        let avg = |i: usize| -> f64 {
            self.series[i]
                .iter()
                .zip(&weights)
                .map(|(v, w)| v * w)
                .sum()
        };
        let total = |i: usize| -> f64 { self.series[i].iter().sum() };
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
        let housed = self.w_housed as f64;
        let cost = total(6);
        let new_eligible = self.w_new_eligible as f64 / years;
        let mut h = vec![
            avg(0),
            self.w_eligible_snapshots / periods,
            new_eligible,
            new_eligible * c.dalo.recourse_propensity,
            housed / years,
            median_days(&self.hist),
            ratio(self.w_housing_time_sum, housed),
            ratio(self.w_unsheltered_sum, self.w_unsheltered_n as f64),
            ratio(self.cohort12.0 as f64, self.cohort12.1 as f64),
            ratio(self.cohort24.0 as f64, self.cohort24.1 as f64),
            avg(5),
            total(4) / years,
            total(2) / years,
            self.w_abandon as f64 / years,
            self.w_cases as f64 / years,
            self.w_prevented as f64 / years,
            self.w_failures as f64 / years,
            cost / years,
            ratio(cost, housed),
        ];
        for (s, st) in self.stages.iter().enumerate() {
            let base = crate::output::SYSTEM_SERIES.len() + s * crate::output::STAGE_SERIES.len();
            h.push(avg(base));
            h.push(avg(base + 1));
            h.push(avg(base + 2));
            h.push(avg(base + 3));
            h.push(st.w_entries as f64 / years);
            h.push(ratio(st.w_wait_sum, st.w_wait_n as f64));
            h.push(ratio(st.w_blocked_sum, st.w_leavers as f64));
            h.push(ratio(st.w_stay_sum, st.w_leavers as f64));
        }
        Replication {
            index,
            series: self.series,
            headlines: h,
            time_to_housing_weeks: self.hist,
            events: self.processed,
            peak_households: self.hh.len() as u64,
        }
    }
}

/// Median of a weekly histogram, in days, interpolated within the bin (NaN when empty).
fn median_days(hist: &[u32]) -> f64 {
    let n: u64 = hist.iter().map(|&x| x as u64).sum();
    if n == 0 {
        return f64::NAN;
    }
    let half = n as f64 / 2.0;
    let mut acc = 0.0;
    for (i, &x) in hist.iter().enumerate() {
        let next = acc + x as f64;
        if next >= half && x > 0 {
            return (i as f64 + (half - acc) / x as f64) * HOUSING_BIN_DAYS;
        }
        acc = next;
    }
    hist.len() as f64 * HOUSING_BIN_DAYS
}
