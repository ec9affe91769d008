//! The event list: a 4-ary heap of small events ordered by time, ties in scheduling order.

use super::Sim;
use crate::output::CohortState;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
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
pub struct Event {
    /// The event's day as an order-preserving integer ([`day_key`]).
    key: u64,
    /// The scheduling order (high 32 bits: ties in time go to the event scheduled first), then
    /// `a` (low 32 bits): one word, so that the list's order is one 128-bit comparison. `a`
    /// never decides it: scheduling numbers are unique.
    tie: u64,
    pub b: u32,
    pub(super) kind: Kind,
}

impl Event {
    pub fn new(t: f64, seq: u32, kind: Kind, a: u32, b: u32) -> Event {
        Event {
            key: day_key(t),
            tie: (seq as u64) << 32 | a as u64,
            b,
            kind,
        }
    }

    /// Its day.
    #[inline]
    pub fn t(&self) -> f64 {
        day_of_key(self.key)
    }

    /// The household, stream, stage, pool… it is about (with `b`: see [`Kind`]'s users).
    #[inline]
    pub(super) fn a(&self) -> u32 {
        self.tie as u32
    }
}

/// An order-preserving key of a day (any sign): `day_key(x) < day_key(y)` exactly when
/// `x.total_cmp(&y)` is `Less`.
#[inline]
pub fn day_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// The day of a [`day_key`].
#[inline]
pub fn day_of_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// An event's place in the event list: the earlier day first, ties in scheduling order. One
/// integer, so that choosing among children compiles to conditional moves, not branches (a
/// heap's comparisons are coin flips to a branch predictor).
#[inline(always)]
fn order(e: &Event) -> u128 {
    ((e.key as u128) << 64) | e.tie as u128
}

/// Whether `a` comes before `b` in the event list.
#[inline(always)]
fn before(a: &Event, b: &Event) -> bool {
    order(a) < order(b)
}

/// Children of a node of the event list's heap.
const ARITY: usize = 4;

/// The event list: a 4-ary min-heap on the events' order — the earliest day first
/// (`f64::total_cmp`'s order), ties in the order they were scheduled. These are exactly the
/// semantics of the binary heap it replaced (`std`'s `BinaryHeap` of events ordered by
/// `(t.total_cmp, seq)`), and that order is total — no two events share a day and a scheduling
/// number while fewer than 2³² events are scheduled in a replication — so any correct priority
/// queue pops the same events in the same order: the numbers stay bit for bit what they were.
/// (Past 2³² schedules the numbers wrap, as they did; the low word `a` then breaks a tie the old
/// heap broke by its own layout.)
///
/// Why 4-ary, on one 128-bit key: half the levels of a binary heap, and each level's earliest
/// child chosen by conditional moves rather than unpredictable branches (a binary heap's sift
/// was a quarter of the run time, its loads and mispredicted comparisons). A pop moves the hole
/// left by the root down to a leaf along the earliest children, then sifts the last event up
/// from there (it usually belongs near the bottom). Stale events (of households that moved
/// since) stay in it and are popped, counted and skipped, as before: the event counts, the
/// budget's checks and `Run::advance`'s slices are unchanged.
#[derive(Default)]
pub struct EventList {
    heap: Vec<Event>,
}

impl EventList {
    #[inline]
    pub fn push(&mut self, e: Event) {
        let i = self.heap.len();
        self.heap.push(e);
        self.sift_up(i, e);
    }

    /// Puts `e` in the hole at `i`, or above it.
    #[inline(always)]
    fn sift_up(&mut self, mut i: usize, e: Event) {
        let h = &mut self.heap[..];
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if !before(&e, &h[parent]) {
                break;
            }
            h[i] = h[parent];
            i = parent;
        }
        h[i] = e;
    }

    /// The earliest event (ties: the one scheduled first).
    #[inline]
    pub fn pop(&mut self) -> Option<Event> {
        let last = self.heap.pop()?;
        let h = &mut self.heap[..];
        let n = h.len();
        if n == 0 {
            return Some(last);
        }
        let first = h[0];
        let mut i = 0;
        loop {
            let c = ARITY * i + 1;
            if c + ARITY <= n {
                let (o0, o1, o2, o3) = (
                    order(&h[c]),
                    order(&h[c + 1]),
                    order(&h[c + 2]),
                    order(&h[c + 3]),
                );
                let (a, oa) = if o1 < o0 { (c + 1, o1) } else { (c, o0) };
                let (b, ob) = if o3 < o2 { (c + 3, o3) } else { (c + 2, o2) };
                let m = if ob < oa { b } else { a };
                h[i] = h[m];
                i = m;
            } else {
                if c < n {
                    let mut m = c;
                    for k in c + 1..n {
                        if before(&h[k], &h[m]) {
                            m = k;
                        }
                    }
                    h[i] = h[m];
                    i = m;
                }
                break;
            }
        }
        self.sift_up(i, last);
        Some(first)
    }

    /// Events it has room for (what its memory holds).
    pub(super) fn capacity(&self) -> usize {
        self.heap.capacity()
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
            self.events.push(Event::new(t, self.seq, kind, a, b));
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
