//! The event list: small events ordered by time, ties in scheduling order — a calendar of day
//! buckets for the households' later events, 4-ary heaps for the rest.

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

/// Buckets of the calendar ([`Calendar`]): their width is the horizon divided by it (1.8 days
/// for five years; chosen by instruction counts, BENCHMARKS.md).
const BUCKETS: f64 = 1024.0;
/// A new bucket's room, in events: about what the default territory puts in one (fewer
/// reallocations as it fills).
const BUCKET_CAPACITY: usize = 32;

impl Kind {
    /// The next event of a process that has one pending at a time (or a few scheduled at the
    /// start: reports, capacity changes).
    #[inline(always)]
    fn is_process(self) -> bool {
        matches!(
            self,
            Kind::Arrival | Kind::Unit | Kind::Case | Kind::Month | Kind::Report | Kind::Capacity
        )
    }

    /// An event about a household in a given state: `a` is the household, `b` its generation
    /// when the event was scheduled. It is cancelled once the generation has moved on.
    #[inline(always)]
    pub(super) fn of_household(self) -> bool {
        matches!(self, Kind::Ready | Kind::Abandon | Kind::Timeout)
    }
}

/// The event list: the earliest event first (its day in `f64::total_cmp`'s order), ties in the
/// order they were scheduled. These are exactly the semantics of the binary heap it replaced
/// (`std`'s `BinaryHeap` of events ordered by `(t.total_cmp, seq)`), and that order is total —
/// no two events share a day and a scheduling number while fewer than 2³² events are scheduled
/// in a replication — so it pops the same events in the same order: the numbers stay bit for
/// bit what they were. (Past 2³² schedules the numbers wrap, as they did; the low word `a` then
/// breaks a tie the old heap broke by its own layout.)
///
/// Three structures behind one order, a pop taking the earliest of their heads: the processes'
/// next events in a small heap of their own; the households' events due in a bucket not yet
/// loaded in a calendar of day buckets ([`Calendar`]: a push onto the bucket, a sort when the
/// bucket comes up); those due within the loaded buckets in a 4-ary heap ([`Heap`]), which
/// so holds the next day or two, not the thousands of events scheduled. Many of the
/// households' events are cancelled before they are due (abandonment and maximum-blocked-time
/// timers: a quarter of the default territory's events were such stale timers): the calendar
/// drops them when their bucket comes up, [`EventList::pop`]'s caller skips the others.
pub struct EventList {
    heap: Heap,
    /// The processes' next events (a stream's next arrival, an allocation stage's next
    /// dwelling, the next prevention case, month, report, capacity change): few at a time,
    /// so a small heap of their own, out of the way of the households' events.
    processes: Heap,
    calendar: Calendar,
}

impl EventList {
    /// An empty list for events before `horizon` (days; only the calendar's bucket width
    /// depends on it, never the order).
    pub fn new(horizon: f64) -> EventList {
        EventList {
            heap: Heap::default(),
            processes: Heap::default(),
            calendar: Calendar::new(horizon),
        }
    }

    #[inline]
    pub fn push(&mut self, e: Event) {
        if e.kind.is_process() {
            self.processes.push(e);
        } else if self.calendar.bucket(&e) < self.calendar.next {
            self.heap.push(e);
        } else {
            self.calendar.push(e);
        }
    }

    /// The earliest event (ties: the one scheduled first), except that events for which `live`
    /// is false may be dropped on the way (those of a bucket as it comes up; others are
    /// returned, and the caller skips them). `live` must not change its answer for an event
    /// from false back to true.
    #[inline]
    pub fn pop(&mut self, live: impl Fn(&Event) -> bool) -> Option<Event> {
        // The earlier of the two heaps' heads.
        let from_processes = match (self.heap.v.first(), self.processes.v.first()) {
            (Some(h), Some(p)) => before(p, h),
            (None, p) => p.is_some(),
            (Some(_), None) => false,
        };
        let head = if from_processes {
            self.processes.v.first()
        } else {
            self.heap.v.first()
        };
        let calendar_first = match self.calendar.cur.last() {
            Some(t) => head.is_none_or(|e| before(t, e)),
            None => match head {
                // Before every event not loaded: no need to look at them.
                Some(e) if e.key < self.calendar.unloaded_from => false,
                // Load the next bucket that is not past the heads.
                _ => {
                    let limit = head.map_or(usize::MAX, |e| self.calendar.bucket(e));
                    match self.calendar.load(limit, &live) {
                        Some(t) => head.is_none_or(|e| before(t, e)),
                        None => false,
                    }
                }
            },
        };
        if calendar_first {
            self.calendar.cur.pop()
        } else if from_processes {
            self.processes.pop()
        } else {
            self.heap.pop()
        }
    }

    /// Events it has room for (what its memory holds).
    pub(super) fn capacity(&self) -> usize {
        self.heap.v.capacity() + self.processes.v.capacity() + self.calendar.capacity()
    }
}

/// A 4-ary min-heap on the events' order. Why 4-ary, on one 128-bit key: half the levels of a
/// binary heap, and each level's earliest child chosen by conditional moves rather than
/// unpredictable branches (a binary heap's sift was a quarter of the run time, its loads and
/// mispredicted comparisons). A pop moves the hole left by the root down to a leaf along the
/// earliest children, then sifts the last event up from there (it usually belongs near the
/// bottom).
#[derive(Default)]
struct Heap {
    v: Vec<Event>,
}

impl Heap {
    #[inline]
    fn push(&mut self, e: Event) {
        let i = self.v.len();
        self.v.push(e);
        self.sift_up(i, e);
    }

    /// Puts `e` in the hole at `i`, or above it.
    #[inline(always)]
    fn sift_up(&mut self, mut i: usize, e: Event) {
        let h = &mut self.v[..];
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
    #[inline(always)]
    fn pop(&mut self) -> Option<Event> {
        let last = self.v.pop()?;
        let h = &mut self.v[..];
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
}

/// A calendar of buckets of equal width in days, the bucket loaded last sorted (`cur`, the
/// earliest last). An event goes onto its day's bucket, unsorted, if that bucket is not loaded
/// yet (else [`EventList`] puts it in its heap); a bucket comes up when the heaps' heads reach
/// its first day: its cancelled events are dropped and the rest sorted into `cur`. The bucket
/// of a day never decreases with the day, so every event in `cur` comes before every event in
/// a bucket not loaded yet.
struct Calendar {
    /// Buckets per day.
    per_day: f64,
    buckets: Vec<Vec<Event>>,
    /// The first bucket not loaded yet.
    next: usize,
    /// A day key no later than the first day of bucket `next`: every event not loaded is due
    /// on or after it.
    unloaded_from: u64,
    /// The loaded bucket's events, latest first.
    cur: Vec<Event>,
    /// Emptied buckets, reused (no allocation once a replication has warmed up).
    spare: Vec<Vec<Event>>,
}

impl Calendar {
    fn new(horizon: f64) -> Calendar {
        let per_day = if horizon.is_finite() && horizon > 0.0 {
            BUCKETS / horizon
        } else {
            0.0
        };
        Calendar {
            per_day,
            // Events are due before the horizon: bucket 1,024 at most (rounding).
            buckets: (0..=BUCKETS as usize).map(|_| Vec::new()).collect(),
            next: 0,
            unloaded_from: 0,
            cur: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// The bucket of an event's day (non-decreasing with the day; days before 0 share bucket 0).
    #[inline(always)]
    fn bucket(&self, e: &Event) -> usize {
        // A float-to-integer `as` saturates: negative days (and -0) give 0.
        (e.t() * self.per_day) as usize
    }

    #[inline]
    fn push(&mut self, e: Event) {
        let b = self.bucket(&e);
        debug_assert!(b >= self.next);
        if b >= self.buckets.len() {
            self.buckets.resize_with(b + 1, Vec::new);
        }
        let bucket = &mut self.buckets[b];
        if bucket.capacity() == 0 {
            *bucket = self
                .spare
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(BUCKET_CAPACITY));
        }
        bucket.push(e);
    }

    /// With nothing loaded: loads the first bucket, up to bucket `limit`, that has an event
    /// for which `live` holds; returns the earliest loaded event.
    #[cold]
    fn load(&mut self, limit: usize, live: &impl Fn(&Event) -> bool) -> Option<&Event> {
        debug_assert!(self.cur.is_empty());
        let last = limit.min(self.buckets.len().saturating_sub(1));
        while self.next <= last && self.next < self.buckets.len() {
            let mut bucket = std::mem::take(&mut self.buckets[self.next]);
            self.next += 1;
            bucket.retain(|e| live(e));
            if bucket.is_empty() {
                if bucket.capacity() > 0 {
                    self.spare.push(bucket);
                }
                continue;
            }
            bucket.sort_unstable_by_key(|e| std::cmp::Reverse(order(e)));
            let emptied = std::mem::replace(&mut self.cur, bucket);
            if emptied.capacity() > 0 {
                self.spare.push(emptied);
            }
            break;
        }
        self.unloaded_from = self.first_day_key(self.next);
        self.cur.last()
    }

    /// A day key no later than the first day of bucket `b` (a margin for the rounding of
    /// [`Calendar::bucket`]'s product).
    fn first_day_key(&self, b: usize) -> u64 {
        if b == 0 {
            0
        } else if self.per_day > 0.0 {
            day_key(b as f64 / self.per_day * (1.0 - 1e-9))
        } else {
            // Every event is in bucket 0, loaded.
            u64::MAX
        }
    }

    fn capacity(&self) -> usize {
        self.buckets.iter().map(Vec::capacity).sum::<usize>()
            + self.cur.capacity()
            + self.spare.iter().map(Vec::capacity).sum::<usize>()
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
