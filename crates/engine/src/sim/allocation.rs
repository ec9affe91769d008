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
        // Tenancy failure: hazard λ·m while accompanied (D days), λ after, within the window.
        let x = &mut self.hh[h as usize];
        let lambda = al.failure_per_day;
        let (m, d) = if x.pool != NONE {
            let p = &c.pools[x.pool as usize];
            (p.tenancy_failure_multiplier, p.days_in_housing)
        } else {
            (1.0, 0.0)
        };
        let (ty, id) = (x.ty as usize, x.id);
        let failure = if lambda > 0.0 {
            let e = x.rng.exp1();
            failure_delay(e, lambda, m, d, al.failure_window, 0.0).map(|t| now + t)
        } else {
            None
        };
        if let Some(at) = failure {
            // A failed tenancy brings a new request (MODEL.md, section 3).
            let pending = Pending {
                id,
                request: Request::NEW,
                street: false,
            };
            self.schedule_pending(at, Kind::Failure, ty as u32, pending);
        }
        let pool = self.hh[h as usize].pool;
        let slot_until = (pool != NONE && d > 0.0).then_some((pool as usize, now + d));
        self.note_tenancy(s, ty, now, al.failure_window, failure, slot_until);
        self.end_accompaniment_in_housing(h);
        self.release_hh(h);
    }
}

/// Days from now until a tenancy that started `age` days ago fails, or `None` if it does not
/// fail within its window: the exact inversion of the cumulative hazard at `e` ~ Exponential(1).
/// The hazard is λ·m for the first `d` days after the allocation (accompanied), λ after, and 0
/// from `w` days on (the household is then an ordinary tenant).
pub fn failure_delay(e: f64, lambda: f64, m: f64, d: f64, w: f64, age: f64) -> Option<f64> {
    let mut rest = e;
    let accompanied_end = d.min(w);
    for (from, to, rate) in [
        (0.0, accompanied_end, lambda * m),
        (accompanied_end, w, lambda),
    ] {
        let start = f64::max(from, age);
        if to <= start || rate <= 0.0 {
            continue;
        }
        let cap = rate * (to - start);
        if cap >= rest {
            return Some(start + rest / rate - age);
        }
        rest -= cap;
    }
    None
}
