//! The event list: a binary heap of small events ordered by time, ties in scheduling order.

use super::Sim;
use std::cmp::Ordering;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Arrival,
    Ready,
    Abandon,
    Timeout,
    Unit,
    Capacity,
    Report,
    Month,
    SlotRelease,
    Comeback,
    Failure,
    Case,
}

/// 24 bytes: the heap's sift operations dominate the run time, so events stay small; the rare
/// 64-bit household ids (comebacks, tenancy failures) wait in `Sim::pending_ids`.
#[derive(Clone, Copy)]
pub(super) struct Event {
    pub(super) t: f64,
    pub(super) seq: u32,
    pub(super) a: u32,
    pub(super) b: u32,
    pub(super) kind: Kind,
}

impl PartialEq for Event {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Event {
    /// Reversed: the heap pops the earliest event, ties in scheduling order.
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.total_cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

impl Sim<'_> {
    #[inline]
    pub(super) fn schedule(&mut self, t: f64, kind: Kind, a: u32, b: u32) {
        if t < self.c.horizon {
            self.seq = self.seq.wrapping_add(1);
            self.events.push(Event {
                t,
                seq: self.seq,
                a,
                b,
                kind,
            });
        }
    }

    /// Schedules an event about a household not present yet, known by its 64-bit id.
    pub(super) fn schedule_for_id(&mut self, t: f64, kind: Kind, ty: u32, id: u64) {
        if t < self.c.horizon {
            let slot = match self.free_ids.pop() {
                Some(i) => {
                    self.pending_ids[i as usize] = id;
                    i
                }
                None => {
                    self.pending_ids.push(id);
                    (self.pending_ids.len() - 1) as u32
                }
            };
            self.schedule(t, kind, ty, slot);
        }
    }

    pub(super) fn take_id(&mut self, slot: u32) -> u64 {
        self.free_ids.push(slot);
        self.pending_ids[slot as usize]
    }
}
