//! Stage queues: entries of households waiting for a place (from the waiting list, or blocked
//! in a stage), taken first come first served or DALO-eligible first; stale entries are skipped
//! and compacted away when they make up most of a queue.

use super::events::day_key;
use super::households::{Hh, Loc, NONE};
use super::stages::StageRt;
use super::Sim;
use crate::scenario::QueueRule;
use crate::validate::CKind;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

#[derive(Clone, Copy)]
pub(super) struct QEntry {
    pub(super) hh: u32,
    pub(super) gen: u32,
}

/// A DALO-priority stage's index of its queue: entries not yet first by the day they become so
/// (their priority date, [`Sim::priority_from`]), and those first by their order in the queue.
/// Finding the first such household then costs a logarithm, not a walk along the queue (which
/// made a long queue quadratic: 51 s for one replication of issue 15's arrival flood). While an
/// entry is valid its household's priority date does not change (it follows from dates and
/// draws fixed until the household moves, and every move comes with a new generation), so it is
/// read once, when it joins the queue.
#[derive(Default)]
pub(super) struct DaloIndex {
    /// Queue order of the next entry.
    next: u64,
    /// (priority date as an ordered key, queue order, entry), earliest date on top.
    pending: BinaryHeap<Reverse<(u64, u64, u32, u32)>>,
    /// Entries past their priority date, by queue order.
    eligible: BTreeMap<u64, QEntry>,
}

impl Sim<'_> {
    pub(super) fn has_free_place(&self, s: usize) -> bool {
        let st = &self.stages[s];
        matches!(self.c.stages[s].kind, CKind::Places(_)) && st.occ < st.cap && st.qlen == 0
    }

    pub(super) fn enqueue(&mut self, s: usize, e: QEntry) {
        if self.c.stages[s].queue == QueueRule::DaloPriority {
            let first_from = self.priority_from(e.hh);
            let d = &mut self.stages[s].dalo;
            let order = d.next;
            d.next += 1;
            d.pending
                .push(Reverse((day_key(first_from), order, e.hh, e.gen)));
        }
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
            // The first valid entry, in queue order, of a household past its priority date; it
            // stays in the queue, stale once its household is admitted (as every popped entry
            // is).
            let now_key = day_key(self.now);
            let d = &mut self.stages[s].dalo;
            while let Some(&Reverse((key, order, hh, gen))) = d.pending.peek() {
                if key > now_key {
                    break;
                }
                d.pending.pop();
                d.eligible.insert(order, QEntry { hh, gen });
            }
            while let Some((_, e)) = self.stages[s].dalo.eligible.pop_first() {
                if self.valid(&e) {
                    return Some(e);
                }
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
    let d = &mut st.dalo;
    if d.pending.len() + d.eligible.len() > 64
        && (d.pending.len() + d.eligible.len()) as i64 > 2 * st.qlen.max(0)
    {
        d.pending
            .retain(|&Reverse((_, _, h, gen))| hh[h as usize].gen == gen);
        d.eligible.retain(|_, e| hh[e.hh as usize].gen == e.gen);
    }
}
