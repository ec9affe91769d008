//! The initial state (MODEL.md, section 14): households housed before day 0 (their
//! accompaniment slots, their tenancy failures), households between two requests (their
//! return), households in stages (their stays drawn beyond the time already spent), then, in
//! the order they joined their queues, those ready and blocked and those on the waiting list;
//! then the closure rule where a stage has fewer places than occupants.

use super::allocation::failure_delay;
use super::events::{Kind, Pending, Request};
use super::{Budget, Sim, SimError};
use crate::rng::key;
use crate::scenario::{DaloClock, ExitKind};
use crate::validate::{CBetween, CHoused, CKind, COccupant, Dest};

/// Who joins a queue at day 0, ordered by the day it joined.
enum Joiner {
    /// A ready occupant (household slot), blocked for this stage.
    Ready { h: u32, to: usize },
    /// A household of initial waiting group `group`, numbered `k` among the waiting households.
    Waiting { group: usize, k: u64 },
}

impl Sim<'_> {
    pub(super) fn initial_state(&mut self, budget: &Budget) -> Result<(), SimError> {
        let c = self.c;
        // Households are numbered in the order the scenario lists them, within each list (a
        // group of n takes n numbers). Accompaniment slots held in housing were taken before
        // those of anyone present.
        let mut k: u64 = 0;
        for x in &c.initial.housed {
            for _ in 0..x.count {
                self.initial_housed(k, x);
                k += 1;
            }
        }
        let mut k: u64 = 0;
        for b in &c.initial.between {
            for _ in 0..b.count {
                self.initial_between(k, b);
                k += 1;
                self.check_households(budget)?;
            }
        }
        // Occupants first, so that the waiting list sees the places they hold.
        let mut joiners: Vec<(f64, Joiner)> = Vec::new();
        let mut k: u64 = 0;
        for o in &c.initial.occupants {
            for _ in 0..o.count {
                self.initial_occupant(k, o, &mut joiners);
                k += 1;
                self.check_households(budget)?;
            }
        }
        // Then every queue in the order households joined it (first come, first served):
        // longest waits first, ties in listed order.
        let mut k: u64 = 0;
        for (group, w) in c.initial.waiting.iter().enumerate() {
            for _ in 0..w.count {
                joiners.push((-w.days_waiting, Joiner::Waiting { group, k }));
                k += 1;
            }
        }
        joiners.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, j) in joiners {
            match j {
                Joiner::Ready { h, to } => self.initial_ready(h, to),
                Joiner::Waiting { group, k } => {
                    let w = c.initial.waiting[group];
                    let waited = w.days_waiting;
                    let h = self.alloc(w.ty, key(&[3, k]), -waited, -w.days_since_first_request);
                    let x = &mut self.hh[h as usize];
                    if !w.days_eligible.is_nan() {
                        x.eligible_from = -w.days_eligible;
                    }
                    x.set_recourse(w.recourse);
                    self.arrivals += 1;
                    self.join_waiting_list(h, -waited);
                    self.check_households(budget)?;
                }
            }
        }
        // Places below the initial occupants (a scenario that closes places at day 0): the
        // closure rule, after the waiting households, who joined the list before day 0.
        for s in 0..c.stages.len() {
            self.close_excess(s);
        }
        Ok(())
    }

    /// Initial occupant number `k`, of group `o`: in its stage, or ready and about to join the
    /// queue of its destination (in `joiners`).
    fn initial_occupant(&mut self, k: u64, o: &COccupant, joiners: &mut Vec<(f64, Joiner)>) {
        let c = self.c;
        let entry = -o.days_in_stage;
        let h = self.alloc(o.ty, key(&[2, k]), entry, -o.days_since_first_request);
        self.arrivals += 1;
        // Its DALO state so far: the clock of its stage, started earlier (kept on entry),
        // and its eligibility if it is eligible already (sticky).
        let x = &mut self.hh[h as usize];
        if let CKind::Places(pl) = &c.stages[o.stage].kind {
            match pl.dalo_clock {
                DaloClock::Shelter => x.shelter_since = -o.dalo_clock_days,
                DaloClock::TemporaryHousing => x.temp_since = -o.dalo_clock_days,
                DaloClock::None => {}
            }
        }
        if !o.days_eligible.is_nan() {
            x.eligible_from = -o.days_eligible;
        }
        x.set_recourse(o.recourse);
        match o.ready {
            None => self.enter(h, o.stage, entry),
            Some((to, days)) => {
                let CKind::Places(pl) = &c.stages[o.stage].kind else {
                    unreachable!("validated: occupants are in place stages")
                };
                self.settle(h, o.stage, pl, entry);
                // Blocked longer than the stage's maximum: already re-routed, on that day.
                let ready_at = -days;
                let queued_since = match pl.max_blocked_days {
                    Some(m) if days >= m => ready_at + m,
                    _ => ready_at,
                };
                let x = &mut self.hh[h as usize];
                x.ready_at = ready_at;
                x.queued_since = queued_since;
                x.waiting_since = ready_at;
                joiners.push((queued_since, Joiner::Ready { h, to }));
            }
        }
    }

    /// A ready occupant tries its destination: it moves in, or stays blocked and queues there
    /// (with the time-out of its stage, unless it has already been re-routed).
    fn initial_ready(&mut self, h: u32, to: usize) {
        let super::households::Loc::Stage(a) = self.hh[h as usize].loc else {
            unreachable!("an initial occupant is in its stage")
        };
        let a = a as usize;
        self.go_or_block(h, a, Dest::Stage(to));
        let x = &self.hh[h as usize];
        if let (CKind::Places(pl), true) =
            (&self.c.stages[a].kind, x.dest != super::households::NONE)
        {
            if let (Some(m), true) = (pl.max_blocked_days, x.queued_since == x.ready_at) {
                let (due, gen) = (x.ready_at + m, x.gen);
                self.schedule(due.max(0.0), Kind::Timeout, h, gen);
            }
        }
    }

    /// Housed `days_housed` before day 0: the accompaniment that followed it into housing holds
    /// its slot for the rest of the pool's months in housing, and the tenancy may still fail
    /// (the hazard from its age on, within the stage's window).
    fn initial_housed(&mut self, k: u64, x: &CHoused) {
        let c = self.c;
        let CKind::Allocation(al) = &c.stages[x.stage].kind else {
            unreachable!("validated: housed by an allocation stage")
        };
        let id = key(&[8, k]);
        let age = x.days_housed;
        let (m, d) = match x.pool {
            Some(p) => (
                c.pools[p].tenancy_failure_multiplier,
                c.pools[p].days_in_housing,
            ),
            None => (1.0, 0.0),
        };
        let slot_until = x.pool.filter(|_| d > age).map(|p| {
            self.pools[p].used += 1;
            self.schedule(d - age, Kind::SlotRelease, p as u32, 0);
            (p, d - age)
        });
        let failure = if al.failure_per_day > 0.0 {
            let e = self.household_streams.stream(id).exp1();
            failure_delay(e, al.failure_per_day, m, d, al.failure_window, age)
        } else {
            None
        };
        if let Some(t) = failure {
            let pending = Pending {
                id,
                request: Request::NEW,
                street: false,
            };
            self.schedule_pending(t, Kind::Failure, x.ty as u32, pending);
        }
        self.note_tenancy(x.stage, x.ty, -age, al.failure_window, failure, slot_until);
    }

    /// Gone by an exit with a comeback before day 0: back after the exit's delay (memoryless,
    /// so the time already gone does not matter), with its request or a new one.
    fn initial_between(&mut self, k: u64, b: &CBetween) {
        let (_, mean) = self.c.exits[b.exit]
            .comeback
            .expect("validated: the exit has a comeback");
        let id = key(&[9, k]);
        let due = self.household_streams.stream(id).exp1() * mean;
        // Not followed in the window's cohorts: the request precedes the window.
        let request = Request {
            first: -b.days_since_first_request,
            ..Request::NEW
        };
        let street = self.c.exits[b.exit].kind == ExitKind::Street;
        if street {
            self.between += 1;
            self.avg_between.set(self.now, self.between as f64);
        }
        let pending = Pending {
            id: key(&[6, id]),
            request,
            street,
        };
        self.schedule_pending(due, Kind::Comeback, b.ty as u32, pending);
        self.note_comeback(due, b.exit, b.ty, request.first);
    }
}
