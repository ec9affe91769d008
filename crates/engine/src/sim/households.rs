//! Households: records in a slab whose slots are reused once a household leaves, so memory
//! follows the households present. A generation number, bumped on every move, makes scheduled
//! events and queue entries of an earlier state stale (lazy deletion).

use super::dalo::Recourse;
use super::Sim;
use crate::output::CohortState;
use crate::rng::Stream;

/// No stage, pool or position.
pub(super) const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Loc {
    Free,
    Waiting,
    Stage(u32),
}

pub(super) struct Hh {
    pub(super) loc: Loc,
    pub(super) ty: u16,
    /// Bumped on every change that invalidates scheduled events and queue entries.
    pub(super) gen: u32,
    /// Bumped when the slot is reused (pool waiting-queue validity).
    pub(super) life: u32,
    pub(super) id: u64,
    pub(super) rng: Stream,
    /// Day of its latest arrival on the waiting list (a comeback's return, an eviction case).
    pub(super) arrival: f64,
    /// Day of its first request: kept through comebacks, restarted only by a new request after
    /// housing (a tenancy failure, a comeback after a housed household left); MODEL.md, 3.
    pub(super) first_request: f64,
    pub(super) stage_entry: f64,
    /// Day the household became ready to leave its stage (NaN before).
    pub(super) ready_at: f64,
    /// Day the household joined the queue it is in (its ready date, or the day it was re-routed
    /// to an alternative destination): the start of its wait there.
    pub(super) queued_since: f64,
    /// Scheduled end of stay (for rescheduling when an accompaniment slot arrives).
    pub(super) ready_due: f64,
    /// Stage the household is blocked for, or NONE.
    pub(super) dest: u32,
    pub(super) pool: u32,
    pub(super) waiting_pool: u32,
    pub(super) shelter_since: f64,
    pub(super) temp_since: f64,
    pub(super) eligible_from: f64,
    pub(super) was_eligible: bool,
    /// Start of its current spell ready and waiting — on the waiting list, or ready to leave
    /// its stage and blocked — or NaN (within a planned stay, or gone).
    pub(super) waiting_since: f64,
    /// Where its DALO recourse stands (MODEL.md, section 11).
    pub(super) recourse: Recourse,
    /// Day of its favourable decision (priority from then until housed); infinite otherwise.
    pub(super) decision_at: f64,
    pub(super) placed: bool,
    pub(super) housed: bool,
    /// In stage queues (the waiting list's oriented stages, or the blocked-for stage).
    pub(super) queued: bool,
    /// Arrived during the reporting window (counts in the 12/24-month cohorts).
    pub(super) in_cohort: bool,
    /// Its request was made in the reporting window and is followed (`cohorts`) until housed
    /// or censored.
    pub(super) member: bool,
    /// Where its request stands, for a member.
    pub(super) cstate: CohortState,
    /// Index in its stage's occupant list.
    pub(super) occ_pos: u32,
}

impl Sim<'_> {
    pub(super) fn alloc(&mut self, ty: usize, id: u64, arrival: f64, first_request: f64) -> u32 {
        let rng = self.household_streams.stream(id);
        let hh = Hh {
            loc: Loc::Waiting,
            ty: ty as u16,
            gen: 0,
            life: 0,
            id,
            rng,
            arrival,
            first_request,
            stage_entry: f64::NAN,
            ready_at: f64::NAN,
            queued_since: f64::NAN,
            ready_due: f64::NAN,
            dest: NONE,
            pool: NONE,
            waiting_pool: NONE,
            shelter_since: f64::NAN,
            temp_since: f64::NAN,
            eligible_from: first_request + self.c.dalo.waiting,
            was_eligible: false,
            waiting_since: f64::NAN,
            recourse: Recourse::NotYet,
            decision_at: f64::INFINITY,
            placed: false,
            housed: false,
            queued: false,
            in_cohort: false,
            member: false,
            cstate: CohortState::WaitingList,
            occ_pos: NONE,
        };
        self.live += 1;
        match self.free.pop() {
            Some(i) => {
                let old = &self.hh[i as usize];
                let (gen, life) = (old.gen.wrapping_add(1), old.life.wrapping_add(1));
                self.hh[i as usize] = Hh { gen, life, ..hh };
                i
            }
            None => {
                self.hh.push(hh);
                (self.hh.len() - 1) as u32
            }
        }
    }

    pub(super) fn release_hh(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        x.loc = Loc::Free;
        x.gen = x.gen.wrapping_add(1);
        self.free.push(h);
        self.live -= 1;
        self.exited += 1;
    }
}
