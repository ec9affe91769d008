//! Outputs: time-weighted levels, the reporting window (after the warm-up) and its periods, the
//! series of each period, and the headline figures at the end. The order of both follows
//! `output::Layout`.

use super::dalo::{Recourse, RecourseCtx, RecourseSteps};
use super::events::Kind;
use super::households::Loc;
use super::{Census, Sim};
use crate::output::{
    stage_series_index, CohortState, Replication, StageHeadline, StageSeries, SystemHeadline,
    SystemSeries, HOUSING_BIN_DAYS,
};
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
        self.avg_blocked_housed.take(now);
        self.avg_between.take(now);
        for w in &mut self.waits {
            w.1.take(now);
        }
        for st in &mut self.stages {
            st.avg_places.take(now);
            st.avg_occ.take(now);
            st.avg_blocked.take(now);
            st.avg_queue.take(now);
            st.avg_ready_queue.take(now);
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
        // DALO: recourses, decisions and deadlines brought up to now; eligible households
        // present (not housed), ready and waiting or within a planned stay; decisions overdue.
        let (mut eligible_waiting, mut in_stay, mut overdue) = (0u64, 0u64, 0u64);
        self.scanned += self.hh.len() as u64;
        // One pass over the records: each household's check touches only its own record and
        // sums (integers), so the order of the households does not matter.
        let ctx = RecourseCtx {
            c,
            streams: &self.household_streams,
            now,
            in_window: self.in_window,
        };
        let (mut steps, mut new_eligible) = (RecourseSteps::default(), 0u64);
        for x in self.hh.iter_mut() {
            if x.loc == Loc::Free {
                continue;
            }
            if x.dalo_may_change(now) {
                let s = ctx.advance(x);
                steps.recourses += s.recourses;
                steps.decisions += s.decisions;
                steps.past_deadline += s.past_deadline;
            }
            if !x.housed && x.eligible_from <= now {
                if x.waiting_since.is_nan() {
                    in_stay += 1;
                } else {
                    eligible_waiting += 1;
                }
                // `check_eligibility`: its first eligibility, counted.
                if !x.was_eligible {
                    x.was_eligible = true;
                    if ctx.in_window && x.eligible_from >= c.warmup {
                        new_eligible += 1;
                    }
                }
            }
            if x.recourse == Recourse::Overdue {
                overdue += 1;
            }
        }
        self.count_recourse_steps(steps);
        self.w_new_eligible += new_eligible;
        let eligible = eligible_waiting + in_stay;
        self.w_eligible_snapshots += eligible as f64;
        self.w_eligible_waiting_snapshots += eligible_waiting as f64;
        self.w_eligible_in_stay_snapshots += in_stay as f64;
        self.w_past_deadline_snapshots += overdue as f64;
        let mut cost = self.p_cost;
        for (s, st) in self.stages.iter_mut().enumerate() {
            let at = |m: StageSeries| stage_series_index(s, m);
            let places = st.avg_places.take(now);
            if let CKind::Places(pl) = &c.stages[s].kind {
                cost += places * pl.cost_per_place_day;
            }
            self.series[at(StageSeries::Places)][p] = places / len;
            self.series[at(StageSeries::Occupancy)][p] = st.avg_occ.take(now) / len;
            self.series[at(StageSeries::Blocked)][p] = st.avg_blocked.take(now) / len;
            self.series[at(StageSeries::Queue)][p] = st.avg_queue.take(now) / len;
            self.series[at(StageSeries::ReadyQueue)][p] = st.avg_ready_queue.take(now) / len;
            self.series[at(StageSeries::Entries)][p] = std::mem::take(&mut st.entries) as f64;
            self.series[at(StageSeries::Exits)][p] = std::mem::take(&mut st.exits) as f64;
        }
        for pool in &c.pools {
            cost += pool.slots as f64 * pool.cost_per_slot_day * len;
        }
        let at = |m: SystemSeries| m.index();
        let waiting = self.avg_waiting.take(now) / len;
        let between = self.avg_between.take(now) / len;
        self.series[at(SystemSeries::Unsheltered)][p] = waiting;
        self.series[at(SystemSeries::StreetBetweenRequests)][p] = between;
        self.series[at(SystemSeries::WithoutSolution)][p] = waiting + between;
        self.series[at(SystemSeries::BlockedHoused)][p] = self.avg_blocked_housed.take(now) / len;
        self.series[at(SystemSeries::DaloEligible)][p] = eligible as f64;
        self.series[at(SystemSeries::DaloEligibleReadyAndWaiting)][p] = eligible_waiting as f64;
        self.series[at(SystemSeries::DaloEligibleWithinPlannedStay)][p] = in_stay as f64;
        self.series[at(SystemSeries::DaloRecourses)][p] =
            std::mem::take(&mut self.p_recourses) as f64;
        self.series[at(SystemSeries::DaloFavourableDecisions)][p] =
            std::mem::take(&mut self.p_decisions) as f64;
        self.series[at(SystemSeries::DaloDecisionsPastDeadline)][p] =
            std::mem::take(&mut self.p_past_deadline) as f64;
        self.series[at(SystemSeries::DaloHouseholdsPastDeadline)][p] = overdue as f64;
        self.series[at(SystemSeries::Arrivals)][p] = std::mem::take(&mut self.p_arrivals) as f64;
        self.series[at(SystemSeries::Housed)][p] = std::mem::take(&mut self.p_housed) as f64;
        self.series[at(SystemSeries::ReturnsToStreet)][p] =
            std::mem::take(&mut self.p_street) as f64;
        self.series[at(SystemSeries::Blocked)][p] = self.avg_blocked_total.take(now) / len;
        self.series[at(SystemSeries::Cost)][p] = cost;
        self.p_cost = 0.0;
        self.period += 1;
        self.period_start = now;
        self.census();
    }

    pub(super) fn finish(mut self, index: u64) -> Replication {
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
        let cost = total(SystemSeries::Cost.index());
        let new_eligible = self.w_new_eligible as f64 / years;
        // Allocation flows that are part of the territory's priority allocations, and costs.
        let (mut taken, mut priority_total, mut alloc_cost, mut costed) = (0.0, 0.0, 0.0, false);
        let mut counted = false;
        for (s, st) in self.stages.iter().enumerate() {
            if let CKind::Allocation(al) = &c.stages[s].kind {
                let per_year = st.w_entries as f64 / years;
                if let Some(total) = al.priority_allocations_per_year {
                    counted = true;
                    taken += per_year;
                    priority_total += total;
                }
                if al.cost_per_allocation > 0.0 {
                    costed = true;
                    alloc_cost += per_year * al.cost_per_allocation;
                }
            }
        }
        let nan_unless = |ok: bool, x: f64| if ok { x } else { f64::NAN };
        let (cohort, median_from_request) = self.cohorts.shares();
        let at_month = |state: CohortState, months: usize| cohort[state.index()][months];
        let without_solution = avg(SystemSeries::WithoutSolution.index());
        let mut h: Vec<f64> = SystemHeadline::ALL
            .iter()
            .map(|&m| match m {
                SystemHeadline::Unsheltered => avg(SystemSeries::Unsheltered.index()),
                SystemHeadline::StreetBetweenRequests => {
                    avg(SystemSeries::StreetBetweenRequests.index())
                }
                SystemHeadline::WithoutSolution => without_solution,
                SystemHeadline::HouseholdDaysWithoutSolutionPerYear => without_solution * 365.25,
                SystemHeadline::ShareHoused6mAfterFirstRequest => at_month(CohortState::Housed, 6),
                SystemHeadline::ShareHoused12mAfterFirstRequest => {
                    at_month(CohortState::Housed, 12)
                }
                SystemHeadline::ShareHoused24mAfterFirstRequest => {
                    at_month(CohortState::Housed, 24)
                }
                SystemHeadline::MedianDaysFirstRequestToHousing => median_from_request,
                SystemHeadline::ShareInPlace6mAfterFirstRequest => {
                    at_month(CohortState::InPlace, 6)
                }
                SystemHeadline::ShareWaitingList6mAfterFirstRequest => {
                    at_month(CohortState::WaitingList, 6)
                }
                SystemHeadline::ShareStreetBetweenRequests6mAfterFirstRequest => {
                    at_month(CohortState::StreetBetweenRequests, 6)
                }
                SystemHeadline::ShareGone6mAfterFirstRequest => at_month(CohortState::Gone, 6),
                SystemHeadline::ShareInPlace12mAfterFirstRequest => {
                    at_month(CohortState::InPlace, 12)
                }
                SystemHeadline::ShareWaitingList12mAfterFirstRequest => {
                    at_month(CohortState::WaitingList, 12)
                }
                SystemHeadline::ShareStreetBetweenRequests12mAfterFirstRequest => {
                    at_month(CohortState::StreetBetweenRequests, 12)
                }
                SystemHeadline::ShareGone12mAfterFirstRequest => at_month(CohortState::Gone, 12),
                SystemHeadline::ShareInPlace24mAfterFirstRequest => {
                    at_month(CohortState::InPlace, 24)
                }
                SystemHeadline::ShareWaitingList24mAfterFirstRequest => {
                    at_month(CohortState::WaitingList, 24)
                }
                SystemHeadline::ShareStreetBetweenRequests24mAfterFirstRequest => {
                    at_month(CohortState::StreetBetweenRequests, 24)
                }
                SystemHeadline::ShareGone24mAfterFirstRequest => at_month(CohortState::Gone, 24),
                SystemHeadline::BlockedPlacesHoused => avg(SystemSeries::BlockedHoused.index()),
                SystemHeadline::DaloEligible => self.w_eligible_snapshots / periods,
                SystemHeadline::DaloEligibleReadyAndWaiting => {
                    self.w_eligible_waiting_snapshots / periods
                }
                SystemHeadline::DaloEligibleWithinPlannedStay => {
                    self.w_eligible_in_stay_snapshots / periods
                }
                SystemHeadline::DaloRecoursesPerYear => {
                    total(SystemSeries::DaloRecourses.index()) / years
                }
                SystemHeadline::DaloFavourableDecisionsPerYear => {
                    total(SystemSeries::DaloFavourableDecisions.index()) / years
                }
                SystemHeadline::DaloDecisionsPastDeadlinePerYear => {
                    total(SystemSeries::DaloDecisionsPastDeadline.index()) / years
                }
                SystemHeadline::DaloHouseholdsPastDeadline => {
                    self.w_past_deadline_snapshots / periods
                }
                SystemHeadline::NewDaloEligiblePerYear => new_eligible,
                SystemHeadline::ExpectedRecoursesPerYear => {
                    new_eligible * c.dalo.recourse_propensity
                }
                SystemHeadline::HousedPerYear => housed / years,
                SystemHeadline::MedianTimeToHousingDays => median_days(&self.hist),
                SystemHeadline::MeanTimeToHousingDays => ratio(self.w_housing_time_sum, housed),
                SystemHeadline::MeanDaysUnshelteredBeforePlace => {
                    ratio(self.w_unsheltered_sum, self.w_unsheltered_n as f64)
                }
                SystemHeadline::ShareHoused12m => {
                    ratio(self.cohort12.0 as f64, self.cohort12.1 as f64)
                }
                SystemHeadline::ShareHoused24m => {
                    ratio(self.cohort24.0 as f64, self.cohort24.1 as f64)
                }
                SystemHeadline::BlockedPlaces => avg(SystemSeries::Blocked.index()),
                SystemHeadline::ReturnsToStreetPerYear => {
                    total(SystemSeries::ReturnsToStreet.index()) / years
                }
                SystemHeadline::ArrivalsPerYear => total(SystemSeries::Arrivals.index()) / years,
                SystemHeadline::AbandonmentsPerYear => self.w_abandon as f64 / years,
                SystemHeadline::PreventionCasesPerYear => self.w_cases as f64 / years,
                SystemHeadline::EvictionsPreventedPerYear => self.w_prevented as f64 / years,
                SystemHeadline::TenancyFailuresPerYear => self.w_failures as f64 / years,
                SystemHeadline::CostPerYear => cost / years,
                SystemHeadline::CostPerHouseholdHoused => ratio(cost, housed),
                SystemHeadline::AllocationsTakenFromOtherPriorityHouseholdsPerYear => {
                    nan_unless(counted, taken)
                }
                SystemHeadline::PriorityAllocationsLeftForOtherHouseholdsPerYear => {
                    nan_unless(counted, priority_total - taken)
                }
                SystemHeadline::CostOfAllocationsPerYear => nan_unless(costed, alloc_cost),
            })
            .collect();
        for (s, st) in self.stages.iter().enumerate() {
            let series = |m: StageSeries| avg(stage_series_index(s, m));
            let allocation = matches!(c.stages[s].kind, CKind::Allocation(_));
            let offered = st.w_units_offered as f64;
            let lost = st.w_units_lost as f64;
            let used = offered - lost;
            h.extend(StageHeadline::ALL.iter().map(|&m| match m {
                StageHeadline::Places => series(StageSeries::Places),
                StageHeadline::Occupancy => series(StageSeries::Occupancy),
                StageHeadline::Blocked => series(StageSeries::Blocked),
                StageHeadline::Queue => series(StageSeries::Queue),
                StageHeadline::ReadyQueue => series(StageSeries::ReadyQueue),
                StageHeadline::EntriesPerYear => st.w_entries as f64 / years,
                StageHeadline::WaitDays => ratio(st.w_wait_sum, st.w_wait_n as f64),
                StageHeadline::BlockedDays => ratio(st.w_blocked_sum, st.w_leavers as f64),
                StageHeadline::StayDays => ratio(st.w_stay_sum, st.w_leavers as f64),
                StageHeadline::UnitsOfferedPerYear if allocation => offered / years,
                StageHeadline::UnitsUsedPerYear if allocation => used / years,
                StageHeadline::UnitsLostPerYear if allocation => lost / years,
                StageHeadline::UnitsUse if allocation => ratio(used, offered),
                StageHeadline::UnitsOfferedPerYear
                | StageHeadline::UnitsUsedPerYear
                | StageHeadline::UnitsLostPerYear
                | StageHeadline::UnitsUse => f64::NAN,
            }));
        }
        let waits = self
            .waits
            .iter_mut()
            .map(|w| w.1.take(c.horizon) / window)
            .collect();
        Replication {
            index,
            series: self.series,
            headlines: h,
            time_to_housing_weeks: self.hist,
            cohort,
            waits,
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
