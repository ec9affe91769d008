//! Arrivals: each stream is a Poisson process with one rate per month, drawn from its own
//! random stream; a new household joins the waiting list.

use super::events::{Kind, Request};
use super::Sim;
use crate::output::CohortState;
use crate::rng::key;
use crate::scenario::MONTH_DAYS;

impl Sim<'_> {
    /// Schedules the next arrival of stream `i` after `t` (inversion of the piecewise-constant
    /// cumulative intensity, one constant rate per month).
    pub(super) fn next_arrival(&mut self, i: usize, t: f64) {
        let rates = &self.c.streams[i].monthly_rate_per_day;
        let mut work = self.arrival_rng[i].exp1();
        let mut m = (t / MONTH_DAYS) as usize;
        let mut t = t;
        while m < rates.len() {
            let end = (m + 1) as f64 * MONTH_DAYS;
            let cap = rates[m] * (end - t);
            if cap >= work && rates[m] > 0.0 {
                let at = t + work / rates[m];
                self.schedule(at.min(end), Kind::Arrival, i as u32, 0);
                return;
            }
            work -= cap.max(0.0);
            t = end;
            m += 1;
        }
    }

    pub(super) fn on_arrival(&mut self, i: usize) {
        let ty = self.arrival_rng[i].pick(&self.c.streams[i].mix);
        self.arrival_count[i] += 1;
        let id = key(&[1, i as u64, self.arrival_count[i]]);
        self.next_arrival(i, self.now);
        self.new_household(ty, id, Request::NEW);
    }

    /// A household arrives on the waiting list now, with a new request or (a comeback) with the
    /// request it made earlier.
    pub(super) fn new_household(&mut self, ty: usize, id: u64, request: Request) {
        let new = request.first.is_nan();
        let first = if new { self.now } else { request.first };
        let h = self.alloc(ty, id, self.now, first);
        if new && self.in_window {
            self.cohort_join(h);
        } else if request.member {
            let x = &mut self.hh[h as usize];
            x.member = true;
            x.cstate = request.state;
            self.cohort_move(h, CohortState::WaitingList);
        }
        self.arrivals += 1;
        if self.in_window {
            self.p_arrivals += 1;
            self.hh[h as usize].in_cohort = true;
            let a = self.now;
            let end = self.c.horizon;
            if a <= end - 12.0 * MONTH_DAYS {
                self.cohort12.1 += 1;
            }
            if a <= end - 24.0 * MONTH_DAYS {
                self.cohort24.1 += 1;
            }
        }
        self.obs.arrived(ty, first, self.now);
        self.join_waiting_list(h, self.now);
    }
}
