//! The simulation's event list (`parcours_engine::sim::events`, issue 14): the same events in
//! the same order as the binary heap it replaced — its heap and its timer calendar together —
//! and day keys that keep `f64::total_cmp`'s order.

use parcours_engine::rng::{stream, StreamTag};
use parcours_engine::sim::events::{day_key, day_of_key, Event, EventList, Kind};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The event order of the binary heap the list replaced: `(t.total_cmp, seq)`, reversed.
struct Old(f64, u32, u32);
impl PartialEq for Old {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Old {}
impl PartialOrd for Old {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Old {
    fn cmp(&self, o: &Self) -> Ordering {
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}

/// Pushes and pops interleaved at random — many ties in time (days drawn from a few values,
/// ±0 among them, one past the horizon), times before the last popped one too, events of the
/// heap and timers of the calendar mixed — come out in the old heap's order, event for event.
#[test]
fn pops_in_the_order_of_the_binary_heap_it_replaced() {
    let mut rng = stream(1, 0, StreamTag::Household, 77);
    let days = [
        -0.0,
        0.0,
        1.5,
        2.0,
        2.0 + 1e-12,
        30.4375,
        365.25,
        999.999,
        1e6,
    ];
    let kinds = [Kind::Ready, Kind::Abandon, Kind::Timeout, Kind::Arrival];
    let (mut list, mut old) = (EventList::new(1000.0), BinaryHeap::new());
    let mut seq = 0u32;
    for round in 0..20_000 {
        if rng.uniform() < 0.55 || old.is_empty() {
            let t = if rng.uniform() < 0.5 {
                days[(rng.uniform() * days.len() as f64) as usize]
            } else {
                rng.uniform() * 1000.0
            };
            seq = seq.wrapping_add(1);
            let a = (rng.uniform() * 1e9) as u32;
            let kind = kinds[(rng.uniform() * kinds.len() as f64) as usize];
            list.push(Event::new(t, seq, kind, a, round));
            old.push(Old(t, seq, round));
        } else {
            let (e, o) = (
                list.pop(|_| true).expect("not empty"),
                old.pop().expect("not empty"),
            );
            assert_eq!(
                (e.t().to_bits(), e.b),
                (o.0.to_bits(), o.2),
                "round {round}"
            );
        }
    }
    while let Some(o) = old.pop() {
        let e = list.pop(|_| true).expect("as many events");
        assert_eq!((e.t().to_bits(), e.b), (o.0.to_bits(), o.2));
    }
    assert!(list.pop(|_| true).is_none());
}

#[test]
fn day_keys_keep_the_total_order() {
    let xs = [
        f64::NEG_INFINITY,
        -3.5,
        -0.0,
        0.0,
        1e-300,
        2.0,
        30.4375,
        f64::INFINITY,
    ];
    for x in xs {
        assert_eq!(day_of_key(day_key(x)).to_bits(), x.to_bits());
        for y in xs {
            assert_eq!(day_key(x).cmp(&day_key(y)), x.total_cmp(&y), "{x} {y}");
        }
    }
}

/// Events for which `live` says no may be dropped (the calendar drops those of a bucket as it
/// comes up; the simulation skips the others): the events returned are those of the old heap,
/// in its order, every one for which `live` holds among them.
#[test]
fn drops_only_cancelled_events() {
    let mut rng = stream(1, 0, StreamTag::Household, 78);
    let kinds = [Kind::Ready, Kind::Abandon, Kind::Timeout, Kind::Unit];
    let mut list = EventList::new(500.0);
    // Odd `b`: cancelled.
    let live = |b: u32| b % 2 == 0;
    let mut pending = 0;
    let mut got = Vec::new();
    for seq in 1..=20_000u32 {
        if rng.uniform() < 0.6 || pending == 0 {
            // Days before the last popped one too.
            let t = rng.uniform() * 600.0;
            let kind = kinds[(rng.uniform() * kinds.len() as f64) as usize];
            let b = (rng.uniform() * 1e6) as u32;
            list.push(Event::new(t, seq, kind, 0, b));
            pending += 1;
        } else {
            pending -= 1;
            if let Some(e) = list.pop(|e| live(e.b)) {
                got.push((e.t().to_bits(), e.b));
            }
        }
    }
    while let Some(e) = list.pop(|e| live(e.b)) {
        got.push((e.t().to_bits(), e.b));
    }
    // The same pushes and pops on the old heap.
    let mut rng = stream(1, 0, StreamTag::Household, 78);
    let mut old = BinaryHeap::new();
    let mut want = Vec::new();
    let mut dropped = 0;
    let (mut popped, mut pending) = (0, 0);
    for seq in 1..=20_000u32 {
        if rng.uniform() < 0.6 || pending == 0 {
            let t = rng.uniform() * 600.0;
            let _kind = (rng.uniform() * kinds.len() as f64) as usize;
            let b = (rng.uniform() * 1e6) as u32;
            old.push(Old(t, seq, b));
            pending += 1;
        } else {
            pending -= 1;
            // The list's pop returned the earliest live event, having perhaps dropped earlier
            // cancelled ones: the old heap drops every cancelled event before it.
            while let Some(o) = old.pop() {
                if live(o.2) || got.get(popped) == Some(&(o.0.to_bits(), o.2)) {
                    want.push((o.0.to_bits(), o.2));
                    popped += 1;
                    break;
                }
                dropped += 1;
            }
        }
    }
    while let Some(o) = old.pop() {
        if live(o.2) || got.get(popped) == Some(&(o.0.to_bits(), o.2)) {
            want.push((o.0.to_bits(), o.2));
            popped += 1;
        } else {
            dropped += 1;
        }
    }
    assert_eq!(got, want);
    // The calendar did drop some (161 with this seed; the rest were pushed into the heap).
    assert!(
        dropped > 100,
        "the calendar dropped cancelled events: {dropped}"
    );
}
