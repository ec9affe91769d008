//! Eviction prevention: cases arrive (a Poisson process, plus tenancy failures of housed
//! households); as many as the monthly capacity allows are handled, and those not prevented may
//! come to the waiting list.

use super::events::{Kind, Request};
use super::Sim;
use crate::rng::key;
use crate::scenario::MONTH_DAYS;

impl Sim<'_> {
    pub(super) fn start_prevention(&mut self) {
        if let Some(p) = &self.c.prevention {
            if p.cases_per_day > 0.0 {
                let t = self.prevention_rng.exp1() / p.cases_per_day;
                self.schedule(t, Kind::Case, 0, 0);
            }
            self.schedule(MONTH_DAYS, Kind::Month, 1, 0);
        }
    }

    /// A new month `m`: the capacity to handle cases is renewed.
    pub(super) fn on_month(&mut self, m: u32) {
        self.handled_this_month = 0.0;
        self.schedule((m + 1) as f64 * MONTH_DAYS, Kind::Month, m + 1, 0);
    }

    pub(super) fn on_case(&mut self) {
        let p = self
            .c
            .prevention
            .as_ref()
            .expect("cases only with prevention");
        let ty = self.prevention_rng.pick(&p.mix);
        self.case_count += 1;
        let id = key(&[5, self.case_count]);
        let t = self.now + self.prevention_rng.exp1() / p.cases_per_day;
        self.schedule(t, Kind::Case, 0, 0);
        self.eviction_case(ty, id);
    }

    /// A housed household's tenancy fails: it becomes an eviction case.
    pub(super) fn on_tenancy_failure(&mut self, ty: usize, slot: u32) {
        let id = self.take_pending(slot).id;
        if self.in_window {
            self.w_failures += 1;
        }
        self.eviction_case(ty, key(&[4, id]));
    }

    pub(super) fn eviction_case(&mut self, ty: usize, id: u64) {
        let c = self.c;
        if self.in_window {
            self.w_cases += 1;
        }
        if let Some(p) = &c.prevention {
            let mut rng = self.household_streams.stream(id);
            if self.handled_this_month + 1.0 <= p.capacity_per_month {
                self.handled_this_month += 1.0;
                if self.in_window {
                    self.p_cost += p.cost_per_case;
                }
                if rng.uniform() < p.success_rate {
                    if self.in_window {
                        self.w_prevented += 1;
                    }
                    return;
                }
            }
            if rng.uniform() >= p.share_to_waiting_list {
                return;
            }
        }
        self.new_household(ty, key(&[7, id]), Request::NEW);
    }
}
