//! The SIAO waiting list: a household is placed in the first stage it is oriented to with a
//! free place and nobody queued, else it queues at all of them; it may abandon meanwhile.

use super::events::Kind;
use super::households::Loc;
use super::queues::QEntry;
use super::Sim;
use crate::output::CohortState;

impl Sim<'_> {
    /// Puts a household on the SIAO waiting list: straight into the first oriented stage with a
    /// free place and nobody queued, else queued at every oriented stage.
    /// `ready` orders the household in the queues: its arrival, or now when it comes back.
    pub(super) fn join_waiting_list(&mut self, h: u32, ready: f64) {
        let ty = self.hh[h as usize].ty as usize;
        let now = self.now;
        {
            let x = &mut self.hh[h as usize];
            x.loc = Loc::Waiting;
            x.ready_at = ready;
            x.queued_since = ready;
            // Still waiting when a closure sends a blocked household back: the same spell.
            if x.waiting_since.is_nan() {
                x.waiting_since = ready;
            }
        }
        if !self.hh[h as usize].housed {
            self.cohort_move(h, CohortState::WaitingList);
        }
        self.waiting += 1;
        self.avg_waiting.set(now, self.waiting as f64);
        for &s in &self.c.waiting_list.orientation[ty] {
            if self.has_free_place(s) {
                self.admit(h, s);
                return;
            }
        }
        let gen = self.hh[h as usize].gen;
        for &s in &self.c.waiting_list.orientation[ty] {
            self.enqueue(s, QEntry { hh: h, gen });
        }
        self.hh[h as usize].queued = true;
        if self.c.waiting_list.abandon_per_day > 0.0 {
            let patience = self.hh[h as usize].rng.exp1() / self.c.waiting_list.abandon_per_day;
            self.schedule(now + patience, Kind::Abandon, h, gen);
        }
    }

    pub(super) fn on_abandon(&mut self, h: u32, gen: u32) {
        let x = &self.hh[h as usize];
        if x.gen != gen || x.loc != Loc::Waiting {
            return;
        }
        self.leave_waiting_list(h);
        if self.in_window {
            self.w_abandon += 1;
        }
        self.exit(h, self.c.waiting_list.abandon_exit);
    }

    pub(super) fn leave_waiting_list(&mut self, h: u32) {
        self.unqueue(h);
        self.waiting -= 1;
        self.avg_waiting.set(self.now, self.waiting as f64);
        let x = &mut self.hh[h as usize];
        x.gen = x.gen.wrapping_add(1);
    }
}
