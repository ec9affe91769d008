//! Outcomes counted from the household's first request (MODEL.md, 15.4). The requests made in
//! the reporting window form a cohort, each followed from its first request until it is housed
//! or the horizon censors it: a household that leaves and never comes back stays in it, as not
//! housed. Two tallies, updated in O(1) at each change and without allocation:
//!
//! - for the Kaplan–Meier curve, members housed and members censored by time since the request,
//!   in steps of 1/32 month (0.95 day) so that every month mark is a step's end;
//! - for where the requests stand 0, 1, …, 36 months after they were made, a difference array
//!   per state over those months: a change of state at delay *d* counts from the first month
//!   mark at or after *d*, and a member leaves every state after the last mark the horizon lets
//!   it be observed at.

use super::households::Loc;
use super::Sim;
use crate::output::{CohortState, COHORT_MONTHS};
use crate::scenario::MONTH_DAYS;

const STATES: usize = CohortState::ALL.len();
const MARKS: usize = COHORT_MONTHS + 1;

pub(super) struct Cohorts {
    /// Requests made in the window.
    members: u64,
    /// `marks[state][k]`: change, at month mark k, of the members in that state (the last slot
    /// gathers the changes after the last mark).
    marks: [[i64; MARKS + 1]; STATES],
    /// Members housed, by step of time from the request to housing (`step`).
    housed_by_step: Vec<u32>,
    /// Members not housed by the horizon, by step of time from the request to the horizon.
    censored_by_step: Vec<u32>,
    /// Longest follow-up of a member (from the earliest request to the horizon), days; −∞
    /// without members.
    max_follow_up: f64,
}

/// Steps of the Kaplan–Meier tally per month.
const STEPS_PER_MONTH: usize = 32;
const STEP_DAYS: f64 = MONTH_DAYS / STEPS_PER_MONTH as f64;

/// The first month mark at or after `delay` days (the slot after the last mark beyond them).
#[inline]
fn mark_from(delay: f64) -> usize {
    ((delay / MONTH_DAYS).ceil().max(0.0) as usize).min(MARKS)
}

/// Bytes of a replication's Kaplan–Meier tallies over a window of `window_days` (for the run's
/// memory estimate).
pub(crate) fn tally_bytes(window_days: f64) -> f64 {
    2.0 * 4.0 * ((window_days / STEP_DAYS).ceil() + 1.0)
}

impl Cohorts {
    pub(super) fn new(window_days: f64) -> Cohorts {
        let steps = (window_days / STEP_DAYS).ceil() as usize + 1;
        Cohorts {
            members: 0,
            marks: [[0; MARKS + 1]; STATES],
            housed_by_step: vec![0; steps],
            censored_by_step: vec![0; steps],
            max_follow_up: f64::NEG_INFINITY,
        }
    }

    /// The step of a time since the request: step b holds the times in ((b − 1)·step, b·step],
    /// step 0 the time 0, so that "housed within m months" is every step up to 32·m.
    fn step(&self, days: f64) -> usize {
        ((days / STEP_DAYS).ceil().max(0.0) as usize).min(self.housed_by_step.len() - 1)
    }

    /// Bytes held (the two tallies by step; the rest is fixed).
    pub(super) fn memory_bytes(&self) -> usize {
        (self.housed_by_step.capacity() + self.censored_by_step.capacity()) * 4
    }

    /// Per replication, the shares of `CohortState::ALL` at each month mark (NaN where no member
    /// was followed that long), the median days to housing (NaN when the curve stays above 50 %).
    pub(super) fn shares(&self) -> (Vec<Vec<f64>>, f64) {
        let mut out = vec![vec![f64::NAN; MARKS]; STATES];
        // Kaplan–Meier: S(t) = Π over steps b up to t of (1 − housed_b / at_risk_b); members
        // censored within step b are still at risk in it (censoring after the step's events).
        let mut survival = [f64::NAN; MARKS];
        let mut median = f64::NAN;
        let (mut s, mut at_risk) = (1.0, self.members as f64);
        for b in 0..self.housed_by_step.len() {
            let d = self.housed_by_step[b] as f64;
            if d > 0.0 {
                s *= 1.0 - d / at_risk;
            }
            at_risk -= d + self.censored_by_step[b] as f64;
            let t = b as f64 * STEP_DAYS;
            if t > self.max_follow_up {
                break;
            }
            if median.is_nan() && s <= 0.5 {
                median = t;
            }
            if b % STEPS_PER_MONTH == 0 && b / STEPS_PER_MONTH < MARKS {
                survival[b / STEPS_PER_MONTH] = s;
            }
        }
        // States: the housed share is the Kaplan–Meier one; the others split what remains in
        // the proportions observed among the members followed that long and not housed.
        let mut count = [0i64; STATES];
        let housed = CohortState::Housed.index();
        for m in 0..MARKS {
            for (st, c) in count.iter_mut().enumerate() {
                *c += self.marks[st][m];
            }
            let observed: i64 = count.iter().sum();
            if observed <= 0 || survival[m].is_nan() {
                continue;
            }
            let not_housed = observed - count[housed];
            for st in 0..STATES {
                out[st][m] = if not_housed == 0 {
                    // Every member followed that long was housed: the plain shares.
                    count[st] as f64 / observed as f64
                } else if st == housed {
                    1.0 - survival[m]
                } else {
                    survival[m] * count[st] as f64 / not_housed as f64
                };
            }
        }
        (out, median)
    }
}

impl Sim<'_> {
    /// A new request made now by household `h`, in the window: it joins the cohort.
    pub(super) fn cohort_join(&mut self, h: u32) {
        let follow_up = self.c.horizon - self.now;
        let x = &mut self.hh[h as usize];
        x.member = true;
        x.cstate = CohortState::WaitingList;
        let co = &mut self.cohorts;
        co.members += 1;
        co.marks[CohortState::WaitingList.index()][0] += 1;
        let step = co.step(follow_up);
        co.censored_by_step[step] += 1;
        co.max_follow_up = co.max_follow_up.max(follow_up);
    }

    /// Member `h`'s request is now in state `to`.
    #[inline]
    pub(super) fn cohort_move(&mut self, h: u32, to: CohortState) {
        let x = &mut self.hh[h as usize];
        if !x.member || x.cstate == to {
            return;
        }
        let k = mark_from(self.now - x.first_request);
        let co = &mut self.cohorts;
        co.marks[x.cstate.index()][k] -= 1;
        co.marks[to.index()][k] += 1;
        x.cstate = to;
        if to == CohortState::Housed {
            let delay = self.now - x.first_request;
            let follow_up = self.c.horizon - x.first_request;
            let (d, c) = (co.step(delay), co.step(follow_up));
            co.housed_by_step[d] += 1;
            co.censored_by_step[c] -= 1;
        }
    }

    /// Member `h`'s request stays in its state until the horizon: it leaves the tallies after
    /// the last month mark it is observed at.
    pub(super) fn cohort_final(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if !x.member {
            return;
        }
        x.member = false;
        let follow_up = self.c.horizon - x.first_request;
        let k = ((follow_up / MONTH_DAYS).floor() as usize + 1).min(MARKS);
        self.cohorts.marks[x.cstate.index()][k] -= 1;
    }

    /// At the horizon, the members still present (waiting or in a place stage) are censored.
    pub(super) fn cohorts_at_horizon(&mut self) {
        for h in 0..self.hh.len() as u32 {
            let x = &self.hh[h as usize];
            if x.member && x.loc != Loc::Free {
                self.cohort_final(h);
            }
        }
    }
}
