//! Which worker simulates which replication: indices are handed out a few at a time, lowest
//! first, so every worker stays busy to the end of a run (a worker slowed down by the page's own
//! work on a shared core simply takes fewer), the replications that finish first are the early
//! indices of both runs (pairs for the comparison), and a worker that fails gives back only what
//! it held. What a replication computes depends on its index alone, so the results do not depend
//! on who simulated what.

use std::collections::{BTreeMap, BTreeSet};

/// Work a worker holds ahead, in milliseconds of simulation: enough that it never waits for the
/// page's next message, little enough that the last replications are shared evenly.
pub const AHEAD_MS: f64 = 250.0;
/// Indices a worker holds ahead before its replications' duration is known.
pub const FIRST_AHEAD: usize = 2;
/// Most indices a worker holds ahead (very short replications).
pub const MAX_AHEAD: usize = 256;
/// A replication that was being simulated by this many workers that failed (crashed, or stuck)
/// stops the run: it is the scenario, not the worker.
pub const MAX_ATTEMPTS: u32 = 2;

/// Worker slots are numbered by the pool.
pub type WorkerSlot = usize;

/// A replication that failed too often: the run stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Poisoned {
    pub index: u64,
    pub attempts: u32,
}

/// The replication indices of one run, `first..end`: to hand out, held by a worker, done.
#[derive(Debug, Clone, Default)]
pub struct Dispatch {
    first: u64,
    end: u64,
    /// The next index never handed out.
    next: u64,
    /// Indices given back by failed workers: handed out first.
    returned: BTreeSet<u64>,
    held: BTreeMap<WorkerSlot, BTreeSet<u64>>,
    /// Failures while an index was being simulated.
    attempts: BTreeMap<u64, u32>,
    done: BTreeSet<u64>,
    /// Mean milliseconds of one replication so far (sizes what a worker holds ahead).
    mean_ms: Option<f64>,
    timed: u64,
}

impl Dispatch {
    /// Indices `0..total`.
    pub fn new(total: u64) -> Dispatch {
        Dispatch::range(0, total)
    }

    /// Indices `first..first + count` (a part of a larger sweep).
    pub fn range(first: u64, count: u64) -> Dispatch {
        Dispatch {
            first,
            end: first.saturating_add(count),
            next: first,
            ..Dispatch::default()
        }
    }

    /// How many indices the run has.
    pub fn total(&self) -> u64 {
        self.end - self.first
    }

    pub fn done(&self) -> usize {
        self.done.len()
    }

    pub fn is_complete(&self) -> bool {
        self.done.len() as u64 >= self.total()
    }

    /// Indices held by `worker`, lowest first (the one it simulates now is the first).
    pub fn held(&self, worker: WorkerSlot) -> Vec<u64> {
        self.held
            .get(&worker)
            .map(|h| h.iter().copied().collect())
            .unwrap_or_default()
    }

    /// How many indices a worker should hold: about [`AHEAD_MS`] of work.
    pub fn ahead(&self) -> usize {
        match self.mean_ms {
            None => FIRST_AHEAD,
            Some(ms) => ((AHEAD_MS / ms.max(0.01)).ceil() as usize).clamp(FIRST_AHEAD, MAX_AHEAD),
        }
    }

    /// Tops `worker` up to [`Dispatch::ahead`] indices; returns those newly given (maybe none).
    pub fn top_up(&mut self, worker: WorkerSlot) -> Vec<u64> {
        let want = self
            .ahead()
            .saturating_sub(self.held.get(&worker).map_or(0, BTreeSet::len));
        let mut given = Vec::new();
        while given.len() < want {
            let index = if let Some(i) = self.returned.pop_first() {
                i
            } else if self.next < self.end {
                self.next += 1;
                self.next - 1
            } else {
                break;
            };
            given.push(index);
        }
        if !given.is_empty() {
            self.held.entry(worker).or_default().extend(&given);
        }
        given
    }

    /// `worker` finished these replications in `busy_ms`. Returns the indices that were new
    /// (a replication already done, from a worker thought lost, is not counted twice).
    pub fn finished(&mut self, worker: WorkerSlot, indices: &[u64], busy_ms: f64) -> Vec<u64> {
        let held = self.held.entry(worker).or_default();
        let mut new = Vec::new();
        for &i in indices {
            held.remove(&i);
            self.returned.remove(&i);
            if (self.first..self.end).contains(&i) && self.done.insert(i) {
                new.push(i);
            }
        }
        if !indices.is_empty() && busy_ms.is_finite() && busy_ms >= 0.0 {
            let n = indices.len() as u64;
            let total_ms = self.mean_ms.unwrap_or(0.0) * self.timed as f64 + busy_ms;
            self.timed += n;
            self.mean_ms = Some(total_ms / self.timed as f64);
        }
        new
    }

    /// `worker` is gone (it crashed, or stopped answering) while simulating `current` (if
    /// known): what it held goes back to be handed out again. An index that was being simulated
    /// by [`MAX_ATTEMPTS`] failed workers stops the run.
    pub fn worker_lost(
        &mut self,
        worker: WorkerSlot,
        current: Option<u64>,
    ) -> Result<(), Poisoned> {
        let held = self.held.remove(&worker).unwrap_or_default();
        let current = current.or_else(|| held.first().copied());
        if let Some(index) = current {
            let attempts = self.attempts.entry(index).or_insert(0);
            *attempts += 1;
            if *attempts >= MAX_ATTEMPTS {
                return Err(Poisoned {
                    index,
                    attempts: *attempts,
                });
            }
        }
        self.returned
            .extend(held.into_iter().filter(|i| !self.done.contains(i)));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every worker gets its first indices (as the pool sends a run to all), then each in turn
    /// finishes one and is topped up, until nothing is left.
    fn drain(d: &mut Dispatch, workers: usize) -> Vec<Vec<u64>> {
        let mut by_worker = vec![Vec::new(); workers];
        for w in 0..workers {
            d.top_up(w);
        }
        loop {
            let mut any = false;
            for (w, mine) in by_worker.iter_mut().enumerate() {
                let given = d.top_up(w);
                if let Some(&first) = d.held(w).first() {
                    d.finished(w, &[first], 10.0);
                    mine.push(first);
                    any = true;
                }
                any |= !given.is_empty();
            }
            if !any {
                return by_worker;
            }
        }
    }

    #[test]
    fn every_index_is_done_once_lowest_first() {
        let mut d = Dispatch::new(50);
        let by_worker = drain(&mut d, 3);
        assert!(d.is_complete());
        let mut all: Vec<u64> = by_worker.concat();
        all.sort_unstable();
        assert_eq!(all, (0..50).collect::<Vec<_>>());
        // The first indices go out first: each worker starts with one of 0, 2 and 4.
        assert_eq!(
            by_worker.iter().map(|w| w[0]).collect::<Vec<_>>(),
            vec![0, 2, 4]
        );
    }

    /// A part of a sweep hands out its own indices only, and is complete when they are done.
    #[test]
    fn a_range_hands_out_its_indices_only() {
        let mut d = Dispatch::range(20, 10);
        assert_eq!(d.total(), 10);
        let mut all: Vec<u64> = drain(&mut d, 2).concat();
        all.sort_unstable();
        assert_eq!(all, (20..30).collect::<Vec<_>>());
        assert!(d.is_complete());
        // An index outside the range (a stale message) is not counted.
        let mut d = Dispatch::range(20, 10);
        d.top_up(0);
        assert!(d.finished(0, &[3, 20], 1.0) == vec![20]);
    }

    #[test]
    fn what_a_worker_holds_follows_the_replications_duration() {
        let mut d = Dispatch::new(10_000);
        assert_eq!(d.top_up(0), vec![0, 1]);
        assert!(d.top_up(0).is_empty(), "it holds enough");
        // 2 replications in 10 ms: 5 ms each, so 250 ms is 50 of them.
        d.finished(0, &[0, 1], 10.0);
        assert_eq!(d.ahead(), 50);
        assert_eq!(d.top_up(0).len(), 50);
        // Very slow replications: never fewer than two ahead.
        let mut slow = Dispatch::new(10);
        slow.top_up(0);
        slow.finished(0, &[0], 5_000.0);
        assert_eq!(slow.ahead(), FIRST_AHEAD);
    }

    #[test]
    fn a_lost_worker_gives_its_indices_back_and_a_replication_that_kills_two_stops_the_run() {
        let mut d = Dispatch::new(6);
        assert_eq!(d.top_up(0), vec![0, 1]);
        assert_eq!(d.top_up(1), vec![2, 3]);
        // Worker 0 dies while on replication 1 (it had finished nothing).
        assert_eq!(d.worker_lost(0, Some(1)), Ok(()));
        // Its indices come back first, to whoever asks.
        assert_eq!(d.top_up(2), vec![0, 1]);
        d.finished(2, &[0], 1.0);
        // Replication 1 kills a second worker: it is the scenario.
        assert_eq!(
            d.worker_lost(2, Some(1)),
            Err(Poisoned {
                index: 1,
                attempts: 2
            })
        );
        // A late batch of a worker thought lost counts once.
        assert_eq!(d.finished(1, &[2, 3], 1.0), vec![2, 3]);
        assert_eq!(d.finished(0, &[2], 1.0), Vec::<u64>::new());
        assert_eq!(d.done(), 3);
    }
}
