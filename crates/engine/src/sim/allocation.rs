//! Allocation stages: dwellings come one at a time (a Poisson process with piecewise-constant
//! rate), each to the next household in the queue, else to the ordinary demand.

use super::events::{Kind, Pending, Request};
use super::households::NONE;
use super::Sim;
use crate::validate::{CAllocation, CKind};

impl Sim<'_> {
    pub(super) fn start_allocations(&mut self) {
        let c = self.c;
        for s in 0..c.stages.len() {
            if matches!(c.stages[s].kind, CKind::Allocation(_)) {
                self.next_unit(s, 0.0);
            }
        }
    }

    pub(super) fn next_unit(&mut self, s: usize, t: f64) {
        let CKind::Allocation(al) = &self.c.stages[s].kind else {
            return;
        };
        let mut work = self.unit_rng[s].exp1();
        let mut t = t;
        let mut i = al.rates.iter().rposition(|r| r.0 <= t).unwrap_or(0);
        loop {
            let rate = al.rates[i].1;
            let end = al.rates.get(i + 1).map_or(f64::INFINITY, |r| r.0);
            let cap = rate * (end - t);
            if rate > 0.0 && cap >= work {
                self.schedule(t + work / rate, Kind::Unit, s as u32, 0);
                return;
            }
            if end >= self.c.horizon {
                return;
            }
            work -= cap;
            t = end;
            i += 1;
        }
    }

    /// A dwelling becomes available: the next household in the queue takes it, else it goes to
    /// the ordinary demand (units are not stored).
    pub(super) fn on_unit(&mut self, s: usize) {
        self.next_unit(s, self.now);
        let taken = self.pop_queue(s);
        if self.in_window {
            let st = &mut self.stages[s];
            st.w_units_offered += 1;
            st.w_units_lost += taken.is_none() as u64;
        }
        if let Some(e) = taken {
            self.admit(e.hh, s);
        }
    }

    /// A dwelling of allocation stage `s`: the household is housed and leaves the simulation; a
    /// tenancy failure may bring it back as an eviction case.
    pub(super) fn house(&mut self, h: u32, s: usize, al: &CAllocation) {
        let c = self.c;
        let now = self.now;
        self.check_eligibility(h);
        self.record_housed(h);
        if self.in_window {
            self.p_cost += al.cost_per_allocation;
            self.stages[s].exits += 1;
        }
        // Tenancy failure: hazard λ·m while accompanied (D days), λ after.
        let x = &mut self.hh[h as usize];
        let lambda = al.failure_per_day;
        let (m, d) = if x.pool != NONE {
            let p = &c.pools[x.pool as usize];
            (p.tenancy_failure_multiplier, p.days_in_housing)
        } else {
            (1.0, 0.0)
        };
        if lambda > 0.0 {
            let e = x.rng.exp1();
            let first = lambda * m * d;
            let t = if e < first {
                e / (lambda * m)
            } else {
                d + (e - first) / lambda
            };
            // A failed tenancy brings a new request (MODEL.md, section 3).
            let pending = Pending {
                id: x.id,
                request: Request::NEW,
                street: false,
            };
            let ty = x.ty as u32;
            self.schedule_pending(now + t, Kind::Failure, ty, pending);
        }
        self.end_accompaniment_in_housing(h);
        self.release_hh(h);
    }
}
