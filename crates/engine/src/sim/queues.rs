//! Stage queues: entries of households waiting for a place (from the waiting list, or blocked
//! in a stage), taken first come first served or DALO-eligible first; stale entries are skipped
//! and compacted away when they make up most of a queue.

use super::households::{Hh, Loc, NONE};
use super::stages::StageRt;
use super::Sim;
use crate::scenario::{DaloPriority, QueueRule};
use crate::validate::CKind;

#[derive(Clone, Copy)]
pub(super) struct QEntry {
    pub(super) hh: u32,
    pub(super) gen: u32,
}

impl Sim<'_> {
    pub(super) fn has_free_place(&self, s: usize) -> bool {
        let st = &self.stages[s];
        matches!(self.c.stages[s].kind, CKind::Places(_)) && st.occ < st.cap && st.qlen == 0
    }

    pub(super) fn enqueue(&mut self, s: usize, e: QEntry) {
        let st = &mut self.stages[s];
        st.queue.push_back(e);
        st.qlen += 1;
        st.avg_queue.set(self.now, st.qlen as f64);
    }

    /// Marks a household's queue entries as gone (the caller bumps its generation).
    pub(super) fn unqueue(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if !x.queued {
            return;
        }
        x.queued = false;
        let x = &self.hh[h as usize];
        let now = self.now;
        match x.loc {
            Loc::Waiting => {
                for &s in &self.c.waiting_list.orientation[x.ty as usize] {
                    let st = &mut self.stages[s];
                    st.qlen -= 1;
                    st.avg_queue.set(now, st.qlen as f64);
                    compact(st, &self.hh);
                }
            }
            Loc::Stage(_) if x.dest != NONE => {
                let st = &mut self.stages[x.dest as usize];
                st.qlen -= 1;
                st.avg_queue.set(now, st.qlen as f64);
                compact(st, &self.hh);
            }
            _ => {}
        }
    }

    pub(super) fn valid(&self, e: &QEntry) -> bool {
        self.hh[e.hh as usize].gen == e.gen
    }

    /// Takes the next household from stage `s`'s queue, by its rule.
    pub(super) fn pop_queue(&mut self, s: usize) -> Option<QEntry> {
        if self.stages[s].qlen == 0 {
            self.stages[s].queue.clear();
            return None;
        }
        if self.c.stages[s].queue == QueueRule::DaloPriority {
            // The scenario's DALO priority (MODEL.md, 5.2): a favourable decision of the
            // commission (the law), or the eligibility date alone, housed or not — a pension-de-
            // famille resident past its date ranks with the other eligible households instead of
            // starving behind a class that is never empty.
            let now = self.now;
            let first = |x: &Hh| match self.c.dalo.priority {
                DaloPriority::FavourableDecision => x.decision_at <= now,
                DaloPriority::Eligibility => x.eligible_from <= now,
            };
            let pos = self.stages[s]
                .queue
                .iter()
                .position(|e| self.valid(e) && first(&self.hh[e.hh as usize]));
            if let Some(pos) = pos {
                return self.stages[s].queue.remove(pos);
            }
        }
        while let Some(e) = self.stages[s].queue.pop_front() {
            if self.valid(&e) {
                return Some(e);
            }
        }
        None
    }

    /// Fills free places of the stages on the worklist, cascading upstream.
    pub(super) fn drain(&mut self) {
        while let Some(s) = self.worklist.pop() {
            self.fill(s);
        }
    }

    pub(super) fn fill(&mut self, s: usize) {
        if !matches!(self.c.stages[s].kind, CKind::Places(_)) {
            return;
        }
        while self.stages[s].occ < self.stages[s].cap {
            match self.pop_queue(s) {
                Some(e) => self.admit(e.hh, s),
                None => break,
            }
        }
    }
}

/// Drops stale entries when they make up most of a queue (bounded memory).
pub(super) fn compact(st: &mut StageRt, hh: &[Hh]) {
    if st.queue.len() > 64 && st.queue.len() as i64 > 2 * st.qlen.max(0) {
        st.queue.retain(|e| hh[e.hh as usize].gen == e.gen);
    }
}
