//! The initial state: households in stages at day 0 (their stays drawn beyond the time already
//! spent), then those on the waiting list, longest waits first; then the closure rule where a
//! stage has fewer places than occupants.

use super::{Sim, SimError};
use crate::rng::key;

impl Sim<'_> {
    pub(super) fn initial_state(&mut self) -> Result<(), SimError> {
        let c = self.c;
        // Occupants first, so that the waiting list sees the places they hold.
        for (k, &(s, ty, spent, since)) in c.initial.occupants.iter().enumerate() {
            let h = self.alloc(ty, key(&[2, k as u64]), -spent, -since);
            self.arrivals += 1;
            self.enter(h, s, -spent);
        }
        // Longest waits first, so that first-come-first-served order holds.
        let mut order: Vec<usize> = (0..c.initial.waiting.len()).collect();
        order.sort_by(|&a, &b| {
            c.initial.waiting[b]
                .1
                .total_cmp(&c.initial.waiting[a].1)
                .then(a.cmp(&b))
        });
        for k in order {
            let (ty, waited, since) = c.initial.waiting[k];
            let h = self.alloc(ty, key(&[3, k as u64]), -waited, -since);
            self.arrivals += 1;
            self.join_waiting_list(h, -waited);
        }
        // Places below the initial occupants (a scenario that closes places at day 0): the
        // closure rule, after the waiting households, who joined the list before day 0.
        for s in 0..c.stages.len() {
            self.close_excess(s);
        }
        Ok(())
    }
}
