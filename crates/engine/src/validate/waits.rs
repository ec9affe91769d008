//! The waits of ready households: the (holding stage, destination stage) pairs that routes,
//! alternative routes and the initial state's ready occupants make possible, each measured apart
//! (who waits where, for what). Nothing to check: it is read from the compiled routing tables
//! and initial state.

use super::accompaniment::CPool;
use super::initial_state::COccupant;
use super::routes::{Dest, Table};
use super::stages::{CKind, CStage};

/// No wait for this pair.
pub(crate) const NO_WAIT: u32 = u32::MAX;

#[derive(Debug, Clone, Default)]
pub(crate) struct CWaits {
    /// (holding, destination) stage indices, holding stages in scenario order, then destinations.
    pub pairs: Vec<(usize, usize)>,
    /// `index[holding * stages + destination]`: position in `pairs`, or `NO_WAIT`.
    pub index: Vec<u32>,
}

impl CWaits {
    pub(crate) fn new(stages: &[CStage], pools: &[CPool], occupants: &[COccupant]) -> CWaits {
        let n = stages.len();
        let mut possible = vec![false; n * n];
        let mut mark = |a: usize, t: &Table| {
            let mut previous = 0.0;
            for (&c, d) in t.cumulative.iter().zip(&t.dests) {
                if let (Dest::Stage(k), true) = (*d, c > previous) {
                    possible[a * n + k] = true;
                }
                previous = c;
            }
        };
        for (a, st) in stages.iter().enumerate() {
            if let CKind::Places(pl) = &st.kind {
                // routes[type][0]: unaccompanied; [p + 1]: with a slot of pool p, held only in
                // stages the pool is attached to.
                for by_pool in &pl.routes {
                    for (p, t) in by_pool.iter().enumerate() {
                        if p == 0 || pools[p - 1].attached[a] {
                            mark(a, t);
                        }
                    }
                }
                mark(a, &pl.alternative);
            }
        }
        // Occupants ready at day 0 wait for the stage the initial state names, which the routes
        // need not lead to (observed data; the stable fuzzer found this wait missing).
        for o in occupants {
            if let Some((to, _)) = o.ready {
                possible[o.stage * n + to] = true;
            }
        }
        let mut pairs = Vec::new();
        let mut index = vec![NO_WAIT; n * n];
        for (i, _) in possible.iter().enumerate().filter(|x| *x.1) {
            index[i] = pairs.len() as u32;
            pairs.push((i / n, i % n));
        }
        CWaits { pairs, index }
    }

    /// Position of the wait in `holding` for `destination`.
    #[inline]
    pub(crate) fn of(&self, holding: usize, destination: usize, stages: usize) -> u32 {
        self.index[holding * stages + destination]
    }
}
