//! The initial state: households in stages at day 0 (their stays drawn beyond the time already
//! spent), then those on the waiting list, longest waits first.

use super::{Budget, Sim, SimError};
use crate::rng::key;

impl Sim<'_> {
    pub(super) fn initial_state(&mut self, budget: &Budget) -> Result<(), SimError> {
        let c = self.c;
        // Occupants first, so that the waiting list sees the places they hold. Households are
        // numbered in the order the scenario lists them (a group of n takes n numbers).
        let mut k: u64 = 0;
        for &(s, ty, spent, since, count) in &c.initial.occupants {
            for _ in 0..count {
                let h = self.alloc(ty, key(&[2, k]), -spent, -since);
                self.arrivals += 1;
                self.enter(h, s, -spent);
                k += 1;
                self.check_households(budget)?;
            }
        }
        // Longest waits first, so that first-come-first-served order holds; equal waits in the
        // scenario's order (a group's households are consecutive numbers).
        let mut first = Vec::with_capacity(c.initial.waiting.len());
        let mut k: u64 = 0;
        for &(_, _, _, count) in &c.initial.waiting {
            first.push(k);
            k += count as u64;
        }
        let mut order: Vec<usize> = (0..c.initial.waiting.len()).collect();
        order.sort_by(|&a, &b| {
            c.initial.waiting[b]
                .1
                .total_cmp(&c.initial.waiting[a].1)
                .then(a.cmp(&b))
        });
        for g in order {
            let (ty, waited, since, count) = c.initial.waiting[g];
            for j in 0..count as u64 {
                let h = self.alloc(ty, key(&[3, first[g] + j]), -waited, -since);
                self.arrivals += 1;
                self.join_waiting_list(h, -waited);
                self.check_households(budget)?;
            }
        }
        Ok(())
    }
}
