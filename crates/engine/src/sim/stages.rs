//! Place stages: households take places, stay, then move on or stay blocked until the place
//! they are routed to frees up (or, after `max_blocked_days`, take the alternative route);
//! places open and close over time.

use super::events::Kind;
use super::households::{Loc, NONE};
use super::queues::{DaloIndex, QEntry};
use super::report::TimeAvg;
use super::Sim;
use crate::dist;
use crate::output::CohortState;
use crate::validate::{CKind, CPlaces, Dest, NO_WAIT};
use std::collections::VecDeque;

/// A stage's state during a run, and what it counts.
#[derive(Default)]
pub(super) struct StageRt {
    pub(super) cap: i64,
    pub(super) occ: i64,
    pub(super) blocked: i64,
    /// Valid entries in `queue`.
    pub(super) qlen: i64,
    pub(super) queue: VecDeque<QEntry>,
    /// The queue's index by DALO eligibility (DALO-priority stages only).
    pub(super) dalo: DaloIndex,
    pub(super) occupants: Vec<u32>,
    pub(super) avg_places: TimeAvg,
    pub(super) avg_occ: TimeAvg,
    pub(super) avg_blocked: TimeAvg,
    pub(super) avg_queue: TimeAvg,
    /// Ready households blocked elsewhere for this stage (part of `qlen`).
    pub(super) ready_queue: i64,
    pub(super) avg_ready_queue: TimeAvg,
    // Per period.
    pub(super) entries: u64,
    pub(super) exits: u64,
    // Over the window.
    pub(super) w_entries: u64,
    pub(super) w_wait_sum: f64,
    pub(super) w_wait_n: u64,
    pub(super) w_blocked_sum: f64,
    pub(super) w_stay_sum: f64,
    pub(super) w_leavers: u64,
    /// Allocation stages: units offered in the window, and those lost for want of a household.
    pub(super) w_units_offered: u64,
    pub(super) w_units_lost: u64,
}

impl Sim<'_> {
    /// Places at day 0 (year-round, plus winter places open then); later changes scheduled.
    pub(super) fn open_places(&mut self) {
        let c = self.c;
        for (s, st) in c.stages.iter().enumerate() {
            if let CKind::Places(p) = &st.kind {
                self.stages[s].cap = p.initial_places;
            }
        }
        let mut first_event = 0;
        while first_event < c.capacity_events.len() && c.capacity_events[first_event].0 == 0.0 {
            let (_, s, d) = c.capacity_events[first_event];
            self.stages[s].cap += d;
            first_event += 1;
        }
        for s in 0..self.stages.len() {
            let cap = self.stages[s].cap as f64;
            self.stages[s].avg_places.set(0.0, cap);
        }
        for i in first_event..c.capacity_events.len() {
            self.schedule(c.capacity_events[i].0, Kind::Capacity, i as u32, 0);
        }
    }

    /// Moves household `h` (waiting, or blocked in a stage) into stage `s`.
    pub(super) fn admit(&mut self, h: u32, s: usize) {
        let now = self.now;
        // Its spell ready and waiting ends: a recourse it filed meanwhile is dated in it.
        self.dalo_check(h);
        let ready = self.hh[h as usize].queued_since;
        match self.hh[h as usize].loc {
            Loc::Waiting => {
                self.leave_waiting_list(h);
                let x = &mut self.hh[h as usize];
                if !x.placed {
                    x.placed = true;
                    if self.in_window {
                        self.w_unsheltered_sum += now - x.arrival;
                        self.w_unsheltered_n += 1;
                    }
                }
            }
            Loc::Stage(a) => {
                self.unqueue(h);
                self.depart(h, a as usize, Some(Dest::Stage(s)));
            }
            Loc::Free => unreachable!("a queued household is present"),
        }
        let x = &mut self.hh[h as usize];
        x.gen = x.gen.wrapping_add(1);
        if self.in_window {
            let st = &mut self.stages[s];
            st.w_wait_sum += now - ready;
            st.w_wait_n += 1;
        }
        self.obs.admitted(s, ready, now);
        self.enter(h, s, now);
    }

    /// Leaves stage `a` for `next` (None: back to the waiting list).
    pub(super) fn depart(&mut self, h: u32, a: usize, next: Option<Dest>) {
        let now = self.now;
        let x = &self.hh[h as usize];
        let was_blocked = x.dest != NONE;
        let (entry, ready, pos) = (x.stage_entry, x.ready_at, x.occ_pos);
        let st = &mut self.stages[a];
        st.occ -= 1;
        st.avg_occ.set(now, st.occ as f64);
        if was_blocked {
            st.blocked -= 1;
            st.avg_blocked.set(now, st.blocked as f64);
            self.blocked_total -= 1;
            self.avg_blocked_total.set(now, self.blocked_total as f64);
            let (dest, housed) = (x.dest as usize, x.housed);
            self.wait_change(a, dest, housed, -1);
        }
        let st = &mut self.stages[a];
        // Occupant list: swap-remove.
        let last = *st.occupants.last().expect("occupant present");
        st.occupants.swap_remove(pos as usize);
        if last != h {
            self.hh[last as usize].occ_pos = pos;
        }
        if self.in_window {
            st.exits += 1;
            st.w_leavers += 1;
            // Whole durations, including any part before the window or day 0.
            st.w_stay_sum += now - entry;
            if was_blocked {
                st.w_blocked_sum += now - ready;
            }
        }
        self.worklist.push(a);
        let x = &mut self.hh[h as usize];
        x.dest = NONE;
        x.occ_pos = NONE;
        self.carry_accompaniment(h, next);
    }

    /// Enters stage `s` at time `entry` (negative for the initial state).
    pub(super) fn enter(&mut self, h: u32, s: usize, entry: f64) {
        let c = self.c;
        if self.in_window {
            self.stages[s].entries += 1;
            self.stages[s].w_entries += 1;
        }
        match &c.stages[s].kind {
            CKind::Allocation(al) => self.house(h, s, al),
            CKind::Places(pl) => self.take_place(h, s, pl, entry),
        }
    }

    /// Takes a place in place stage `s` (entered at `entry`): DALO clocks, accompaniment, and the
    /// end of the stay scheduled.
    pub(super) fn take_place(&mut self, h: u32, s: usize, pl: &CPlaces, entry: f64) {
        let c = self.c;
        let now = self.now;
        self.settle(h, s, pl, entry);
        let x = &mut self.hh[h as usize];
        let ty = x.ty as usize;
        let m = if x.pool != NONE {
            c.pools[x.pool as usize].stay_multiplier
        } else {
            1.0
        };
        // The initial state's households have already spent `now - entry` days: their
        // stay is drawn conditionally on exceeding it.
        let spent = now - entry;
        let stay = if spent > 0.0 && m > 0.0 {
            dist::draw_beyond(&pl.stay[ty], spent / m, &mut x.rng) * m
        } else {
            dist::draw(&pl.stay[ty], &mut x.rng) * m
        };
        let due = (entry + stay).max(now);
        x.ready_due = due;
        let gen = x.gen;
        self.schedule(due, Kind::Ready, h, gen);
    }

    /// In place stage `s` since `entry`: the place, DALO clocks, housing, accompaniment (the
    /// stay is the caller's).
    pub(super) fn settle(&mut self, h: u32, s: usize, pl: &CPlaces, entry: f64) {
        let now = self.now;
        let st = &mut self.stages[s];
        st.occ += 1;
        st.avg_occ.set(now, st.occ as f64);
        let pos = st.occupants.len() as u32;
        st.occupants.push(h);
        let x = &mut self.hh[h as usize];
        x.loc = Loc::Stage(s as u32);
        x.stage_entry = entry;
        x.ready_at = f64::NAN;
        x.waiting_since = f64::NAN;
        x.occ_pos = pos;
        x.placed = true;
        if !x.housed {
            self.cohort_move(h, CohortState::InPlace);
        }
        self.start_dalo_clock(h, pl.dalo_clock, entry);
        self.update_eligibility(h);
        if pl.counts_as_housing {
            self.check_eligibility(h);
            self.record_housed(h);
        }
        self.offer_slot(h, s);
    }

    /// End of stay: draw the next destination; go there, or stay blocked and queue there.
    pub(super) fn on_ready(&mut self, h: u32, gen: u32) {
        let c = self.c;
        let x = &self.hh[h as usize];
        if x.gen != gen {
            return;
        }
        let Loc::Stage(a) = x.loc else { return };
        let a = a as usize;
        let CKind::Places(pl) = &c.stages[a].kind else {
            return;
        };
        let ty = x.ty as usize;
        let table = &pl.routes[ty][if x.pool == NONE {
            0
        } else {
            x.pool as usize + 1
        }];
        let x = &mut self.hh[h as usize];
        x.ready_at = self.now;
        x.queued_since = self.now;
        let d = table.dests[x.rng.pick(&table.cumulative)];
        self.go_or_block(h, a, d);
        if let (Some(m), true) = (pl.max_blocked_days, self.hh[h as usize].dest != NONE) {
            let gen = self.hh[h as usize].gen;
            self.schedule(self.now + m, Kind::Timeout, h, gen);
        }
    }

    pub(super) fn go_or_block(&mut self, h: u32, a: usize, d: Dest) {
        match d {
            Dest::Exit(e) => {
                self.depart(h, a, Some(d));
                self.exit(h, e);
            }
            Dest::Stage(k) if self.has_free_place(k) => self.admit(h, k),
            Dest::Stage(k) => {
                let now = self.now;
                let st = &mut self.stages[a];
                st.blocked += 1;
                st.avg_blocked.set(now, st.blocked as f64);
                self.blocked_total += 1;
                self.avg_blocked_total.set(now, self.blocked_total as f64);
                let housed = self.hh[h as usize].housed;
                self.wait_change(a, k, housed, 1);
                let x = &mut self.hh[h as usize];
                x.dest = k as u32;
                x.queued = true;
                if x.waiting_since.is_nan() {
                    x.waiting_since = now;
                }
                let e = QEntry { hh: h, gen: x.gen };
                self.enqueue(k, e);
            }
        }
    }

    /// A ready household in place stage `a` starts (`delta` = 1) or stops (−1) waiting for
    /// stage `k`: the wait's level, the destination's ready queue, the housed blocked.
    fn wait_change(&mut self, a: usize, k: usize, housed: bool, delta: i64) {
        let now = self.now;
        let i = self.c.waits.of(a, k, self.c.stages.len());
        debug_assert!(i != NO_WAIT, "a route makes every wait possible");
        let w = &mut self.waits[i as usize];
        w.0 += delta;
        w.1.set(now, w.0 as f64);
        let st = &mut self.stages[k];
        st.ready_queue += delta;
        st.avg_ready_queue.set(now, st.ready_queue as f64);
        if housed {
            self.blocked_housed += delta;
            self.avg_blocked_housed.set(now, self.blocked_housed as f64);
        }
    }

    /// Maximum blocked time reached: take the stage's alternative route.
    pub(super) fn on_timeout(&mut self, h: u32, gen: u32) {
        let x = &self.hh[h as usize];
        if x.gen != gen || x.dest == NONE {
            return;
        }
        let Loc::Stage(a) = x.loc else { return };
        let a = a as usize;
        let CKind::Places(pl) = &self.c.stages[a].kind else {
            return;
        };
        self.unqueue(h);
        let x = &mut self.hh[h as usize];
        x.gen = x.gen.wrapping_add(1);
        x.queued_since = self.now;
        let d = pl.alternative.dests[x.rng.pick(&pl.alternative.cumulative)];
        match d {
            // Still blocked, now for the alternative stage: it joins that queue.
            Dest::Stage(k) if !self.has_free_place(k) => {
                let (old, housed) = (
                    self.hh[h as usize].dest as usize,
                    self.hh[h as usize].housed,
                );
                self.wait_change(a, old, housed, -1);
                self.wait_change(a, k, housed, 1);
                let x = &mut self.hh[h as usize];
                x.dest = k as u32;
                x.queued = true;
                let e = QEntry { hh: h, gen: x.gen };
                self.enqueue(k, e);
            }
            // Leaving: `depart` still sees it blocked and counts its blocked days.
            _ => self.go_or_block(h, a, d),
        }
    }

    pub(super) fn on_capacity(&mut self, i: usize) {
        let (_, s, d) = self.c.capacity_events[i];
        let now = self.now;
        let st = &mut self.stages[s];
        st.cap += d;
        st.avg_places.set(now, st.cap as f64);
        self.close_excess(s);
        self.worklist.push(s);
    }

    /// The closure rule (MODEL.md 6.3): while stage `s` holds more households than its places,
    /// the last households in go back to the waiting list, latest first. Only they leave the
    /// stage meanwhile, so they are chosen at once (a partial sort, not a search of the
    /// occupants for each: a large closure was quadratic).
    pub(super) fn close_excess(&mut self, s: usize) {
        let now = self.now;
        let excess = (self.stages[s].occ - self.stages[s].cap.max(0)).max(0) as usize;
        if excess == 0 {
            return;
        }
        let mut last_in = self.stages[s].occupants.clone();
        let latest_first = |a: &u32, b: &u32| {
            let (x, y) = (&self.hh[*a as usize], &self.hh[*b as usize]);
            y.stage_entry
                .total_cmp(&x.stage_entry)
                .then(y.id.cmp(&x.id))
        };
        if excess < last_in.len() {
            last_in.select_nth_unstable_by(excess - 1, latest_first);
            last_in.truncate(excess);
        }
        last_in.sort_by(latest_first);
        for h in last_in {
            self.unqueue(h);
            self.check_eligibility(h);
            self.dalo_check(h);
            self.depart(h, s, None);
            let x = &mut self.hh[h as usize];
            x.gen = x.gen.wrapping_add(1);
            x.shelter_since = f64::NAN;
            x.temp_since = f64::NAN;
            self.update_eligibility(h);
            self.join_waiting_list(h, now);
        }
    }
}
