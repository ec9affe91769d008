//! Exits and housing: a household leaving the system is counted (housed, street), keeps its
//! accompaniment into housing, and may come back later as a new request.

use super::events::{Kind, Pending, Request};
use super::households::NONE;
use super::Sim;
use crate::output::{CohortState, HOUSING_BINS, HOUSING_BIN_DAYS};
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
        let street = kind == ExitKind::Street;
        let mut back = None;
        if let Some((p, mean)) = c.exits[e].comeback {
            let x = &mut self.hh[h as usize];
            if x.rng.uniform() < p {
                back = Some(self.now + x.rng.exp1() * mean);
                if street {
                    self.between += 1;
                    self.avg_between.set(self.now, self.between as f64);
                }
            }
        }
        if kind != ExitKind::Housed && !self.hh[h as usize].housed {
            let state = if street && back.is_some() {
                CohortState::StreetBetweenRequests
            } else {
                CohortState::Gone
            };
            self.cohort_move(h, state);
            if back.is_none_or(|t| t >= c.horizon) {
                self.cohort_final(h);
            }
        }
        if let Some(t) = back {
            let x = &self.hh[h as usize];
            // The same request goes on, unless it was answered (housed): then a new one.
            let request = if x.housed {
                Request::NEW
            } else {
                Request {
                    first: x.first_request,
                    member: x.member,
                    state: x.cstate,
                }
            };
            let pending = Pending {
                id: key(&[6, x.id]),
                request,
                street,
            };
            let ty = x.ty as u32;
            self.schedule_pending(t, Kind::Comeback, ty, pending);
            self.note_comeback(t, e, ty as usize, request.first);
        }
        self.release_hh(h);
    }

    /// A household that left by an exit with comebacks asks again.
    pub(super) fn on_comeback(&mut self, ty: usize, slot: u32) {
        let p = self.take_pending(slot);
        if p.street {
            self.between -= 1;
            self.avg_between.set(self.now, self.between as f64);
        }
        self.new_household(ty, p.id, p.request);
    }

    pub(super) fn record_housed(&mut self, h: u32) {
        if self.hh[h as usize].housed {
            return;
        }
        self.close_recourse(h);
        let x = &mut self.hh[h as usize];
        x.housed = true;
        self.obs.housed(x.first_request, x.arrival, self.now);
        self.cohort_move(h, CohortState::Housed);
        self.cohort_final(h);
        let x = &mut self.hh[h as usize];
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
