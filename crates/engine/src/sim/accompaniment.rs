//! Accompaniment pools: a slot is offered on entering an attached stage (else the household
//! waits for one, or goes without), follows the household through attached stages and into
//! housing for a while, then goes to the next household waiting.

use super::events::Kind;
use super::households::{Loc, NONE};
use super::Sim;
use crate::scenario::ExitKind;
use crate::validate::{CKind, Dest};
use std::collections::VecDeque;

/// A pool's state during a run: slots in use, and households waiting for one (slot, life).
pub(super) struct PoolRt {
    pub(super) used: i64,
    pub(super) waiting: VecDeque<(u32, u32)>,
    pub(super) valid_waiting: i64,
}

impl Sim<'_> {
    /// On entering stage `s`: a free slot of an attached pool, else wait for one or go without.
    pub(super) fn offer_slot(&mut self, h: u32, s: usize) {
        let c = self.c;
        if self.hh[h as usize].pool == NONE {
            for &p in &c.stages[s].pools {
                if self.pools[p].used < c.pools[p].slots {
                    self.pools[p].used += 1;
                    self.hh[h as usize].pool = p as u32;
                    break;
                }
            }
            if self.hh[h as usize].pool == NONE && self.hh[h as usize].waiting_pool == NONE {
                if let Some(&p) = c.stages[s].pools.iter().find(|&&p| c.pools[p].wait) {
                    let life = self.hh[h as usize].life;
                    self.hh[h as usize].waiting_pool = p as u32;
                    self.pools[p].waiting.push_back((h, life));
                    self.pools[p].valid_waiting += 1;
                }
            }
        }
    }

    /// Accompaniment goes on in a stage attached to the same pool, and into housing; otherwise the
    /// household gives up its slot, or its turn in the pool's waiting line.
    pub(super) fn carry_accompaniment(&mut self, h: u32, next: Option<Dest>) {
        let c = self.c;
        let (next_stage, into_housing) = match next {
            Some(Dest::Stage(k)) => (Some(k), matches!(c.stages[k].kind, CKind::Allocation(_))),
            Some(Dest::Exit(e)) => (None, c.exits[e].kind == ExitKind::Housed),
            None => (None, false),
        };
        let keeps = |p: u32| next_stage.is_some_and(|k| c.pools[p as usize].attached[k]);
        let x = &mut self.hh[h as usize];
        if x.waiting_pool != NONE && !keeps(x.waiting_pool) {
            let p = x.waiting_pool as usize;
            x.waiting_pool = NONE;
            self.pools[p].valid_waiting -= 1;
        }
        let x = &mut self.hh[h as usize];
        if x.pool != NONE && !keeps(x.pool) && !into_housing {
            let p = x.pool as usize;
            x.pool = NONE;
            self.release_slot(p);
        }
    }

    /// A housed household keeps its accompaniment slot for the pool's months in housing.
    pub(super) fn end_accompaniment_in_housing(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if x.pool == NONE {
            return;
        }
        let p = x.pool as usize;
        x.pool = NONE;
        let d = self.c.pools[p].days_in_housing;
        if d <= 0.0 {
            self.release_slot(p);
        } else if self.now + d < self.c.horizon {
            self.schedule(self.now + d, Kind::SlotRelease, p as u32, 0);
        } // else the slot stays taken until the horizon
    }

    /// Frees a slot of pool `p` and gives it to the first household still waiting for one.
    pub(super) fn release_slot(&mut self, p: usize) {
        self.pools[p].used -= 1;
        // Slots held beyond the pool's size (an initial state with more accompanied households
        // than slots) are not handed on until the pool is back within its size.
        while self.pools[p].used < self.c.pools[p].slots {
            let Some((h, life)) = self.pools[p].waiting.pop_front() else {
                break;
            };
            let x = &self.hh[h as usize];
            if x.life != life || x.waiting_pool != p as u32 || x.loc == Loc::Free {
                continue;
            }
            self.pools[p].valid_waiting -= 1;
            self.pools[p].used += 1;
            let m = self.c.pools[p].stay_multiplier;
            let now = self.now;
            let x = &mut self.hh[h as usize];
            x.waiting_pool = NONE;
            x.pool = p as u32;
            // Not yet ready: the rest of the stay is shortened (or lengthened) from now on.
            if x.ready_at.is_nan() && x.ready_due > now {
                x.ready_due = now + (x.ready_due - now) * m;
                x.gen = x.gen.wrapping_add(1);
                let (due, gen) = (x.ready_due, x.gen);
                self.schedule(due, Kind::Ready, h, gen);
            }
            break;
        }
        let pool = &mut self.pools[p];
        if pool.waiting.len() > 64 && pool.waiting.len() as i64 > 2 * pool.valid_waiting.max(0) {
            let hh = &self.hh;
            pool.waiting.retain(|&(h, life)| {
                hh[h as usize].life == life && hh[h as usize].waiting_pool == p as u32
            });
        }
    }
}
