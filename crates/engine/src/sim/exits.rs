//! Exits and housing: a household leaving the system is counted (housed, street), keeps its
//! accompaniment into housing, and may come back later as a new request.

use super::events::{Kind, Pending};
use super::households::NONE;
use super::Sim;
use crate::output::{HOUSING_BINS, HOUSING_BIN_DAYS};
use crate::rng::key;
use crate::scenario::{ExitKind, MONTH_DAYS};

impl Sim<'_> {
    pub(super) fn exit(&mut self, h: u32, e: usize) {
        let c = self.c;
        self.check_eligibility(h);
        self.dalo_check(h);
        let kind = c.exits[e].kind;
        if self.in_window && kind == ExitKind::Street {
            self.p_street += 1;
        }
        if kind == ExitKind::Housed {
            self.record_housed(h);
            self.end_accompaniment_in_housing(h);
        } else if self.hh[h as usize].pool != NONE {
            let p = self.hh[h as usize].pool as usize;
            self.hh[h as usize].pool = NONE;
            self.release_slot(p);
        }
        if let Some((p, mean)) = c.exits[e].comeback {
            let x = &mut self.hh[h as usize];
            if x.rng.uniform() < p {
                let delay = x.rng.exp1() * mean;
                // The same request goes on, unless it was answered (housed): then a new one.
                let pending = Pending {
                    id: key(&[6, x.id]),
                    first_request: if x.housed { f64::NAN } else { x.first_request },
                };
                let ty = x.ty as u32;
                let due = self.now + delay;
                self.schedule_pending(due, Kind::Comeback, ty, pending);
                self.note_comeback(due, e, ty as usize, pending.first_request);
            }
        }
        self.release_hh(h);
    }

    /// A household that left by an exit with comebacks asks again.
    pub(super) fn on_comeback(&mut self, ty: usize, slot: u32) {
        let p = self.take_pending(slot);
        self.new_household(ty, p.id, p.first_request);
    }

    pub(super) fn record_housed(&mut self, h: u32) {
        if self.hh[h as usize].housed {
            return;
        }
        self.close_recourse(h);
        let x = &mut self.hh[h as usize];
        x.housed = true;
        self.obs.housed(x.first_request, x.arrival, self.now);
        if !self.in_window {
            return;
        }
        let delay = self.now - x.arrival;
        self.p_housed += 1;
        self.w_housed += 1;
        self.w_housing_time_sum += delay;
        let bin = ((delay / HOUSING_BIN_DAYS) as usize).min(HOUSING_BINS - 1);
        self.hist[bin] += 1;
        let end = self.c.horizon;
        if x.in_cohort {
            if x.arrival <= end - 12.0 * MONTH_DAYS && delay <= 12.0 * MONTH_DAYS {
                self.cohort12.0 += 1;
            }
            if x.arrival <= end - 24.0 * MONTH_DAYS && delay <= 24.0 * MONTH_DAYS {
                self.cohort24.0 += 1;
            }
        }
    }
}
