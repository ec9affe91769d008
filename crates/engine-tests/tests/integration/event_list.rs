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

/// Timers for which `live` says no are dropped (never returned); the heap's events are returned
/// whatever it says (the simulation skips them); the rest keep the old order.
#[test]
fn drops_cancelled_timers() {
    let mut rng = stream(1, 0, StreamTag::Household, 78);
    let kinds = [Kind::Ready, Kind::Abandon, Kind::Timeout, Kind::Unit];
    let (mut list, mut old) = (EventList::new(500.0), BinaryHeap::new());
    // Odd `b`: cancelled.
    let live = |e: &Event| e.b % 2 == 0;
    for seq in 1..=5_000u32 {
        let t = rng.uniform() * 600.0;
        let kind = kinds[(rng.uniform() * kinds.len() as f64) as usize];
        let b = (rng.uniform() * 1e6) as u32;
        list.push(Event::new(t, seq, kind, 0, b));
        if !(b % 2 == 1 && matches!(kind, Kind::Abandon | Kind::Timeout)) {
            old.push(Old(t, seq, b));
        }
    }
    while let Some(o) = old.pop() {
        let e = list.pop(live).expect("as many events");
        assert_eq!((e.t().to_bits(), e.b), (o.0.to_bits(), o.2));
    }
    assert!(list.pop(live).is_none());
}
