//! The event list: a binary heap of small events ordered by time, ties in scheduling order.

use super::Sim;
use crate::output::CohortState;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

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

/// 24 bytes: the event list moves events around, so they stay small; what the rarer events
/// about absent households need (comebacks, tenancy failures) waits in `Sim::pending`
/// ([`Pending`]).
#[derive(Clone, Copy)]
pub(super) struct Event {
    /// The event's day as an order-preserving integer ([`day_key`]).
    key: u64,
    /// Scheduling order: ties in time go to the event scheduled first.
    seq: u32,
    pub(super) a: u32,
    pub(super) b: u32,
    pub(super) kind: Kind,
}

impl Event {
    /// Its day.
    #[inline]
    pub(super) fn t(&self) -> f64 {
        day_of_key(self.key)
    }
}

/// An order-preserving key of a day (any sign): `day_key(x) < day_key(y)` exactly when
/// `x.total_cmp(&y)` is `Less`.
#[inline]
pub(super) fn day_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// The day of a [`day_key`].
#[inline]
fn day_of_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// The event list: a binary heap on the events' order (day, then scheduling order).
#[derive(Default)]
pub(super) struct EventList {
    heap: BinaryHeap<Queued>,
}

impl EventList {
    #[inline]
    pub(super) fn push(&mut self, e: Event) {
        self.heap.push(Queued(e));
    }

    /// The earliest event (ties: the one scheduled first).
    #[inline]
    pub(super) fn pop(&mut self) -> Option<Event> {
        self.heap.pop().map(|q| q.0)
    }

    /// Events it has room for (what its memory holds).
    pub(super) fn capacity(&self) -> usize {
        self.heap.capacity()
    }
}

/// An event in a binary heap that pops the earliest first.
struct Queued(Event);

impl PartialEq for Queued {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Queued {}
impl PartialOrd for Queued {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Queued {
    /// Reversed: the heap pops the earliest event.
    #[inline]
    fn cmp(&self, o: &Self) -> Ordering {
        o.0.key
            .cmp(&self.0.key)
            .then_with(|| o.0.seq.cmp(&self.0.seq))
    }
}

/// A household not present now, due back by a scheduled event.
#[derive(Clone, Copy)]
pub(super) struct Pending {
    pub(super) id: u64,
    /// The request it comes back with: the day it was first made (a comeback before housing),
    /// or NaN for a new request (a tenancy failure, a comeback after housing).
    pub(super) request: Request,
    /// It left by an exit of kind street: on the street between two requests until it comes
    /// back.
    pub(super) street: bool,
}

/// The request a household arrives with: its first-request day (NaN: a new request made now),
/// whether it is followed in the window's cohort, and where it stood before coming back.
#[derive(Clone, Copy)]
pub(super) struct Request {
    pub(super) first: f64,
    pub(super) member: bool,
    pub(super) state: CohortState,
}

impl Request {
    /// A new request, made on arrival.
    pub(super) const NEW: Request = Request {
        first: f64::NAN,
        member: false,
        state: CohortState::WaitingList,
    };
}

impl Sim<'_> {
    #[inline]
    pub(super) fn schedule(&mut self, t: f64, kind: Kind, a: u32, b: u32) {
        if t < self.c.horizon {
            self.seq = self.seq.wrapping_add(1);
            self.events.push(Event {
                key: day_key(t),
                seq: self.seq,
                a,
                b,
                kind,
            });
        }
    }

    /// Schedules an event about a household not present now (slots of `pending` are reused, so
    /// memory follows the events pending).
    pub(super) fn schedule_pending(&mut self, t: f64, kind: Kind, ty: u32, p: Pending) {
        if t < self.c.horizon {
            let slot = match self.free_pending.pop() {
                Some(i) => {
                    self.pending[i as usize] = p;
                    i
                }
                None => {
                    self.pending.push(p);
                    (self.pending.len() - 1) as u32
                }
            };
            self.schedule(t, kind, ty, slot);
        }
    }

    pub(super) fn take_pending(&mut self, slot: u32) -> Pending {
        self.free_pending.push(slot);
        self.pending[slot as usize]
    }
}
