//! DALO eligibility: after a time waiting since the first request, in shelter without a break,
//! or in temporary housing; once eligible, eligible until housed or gone.

use super::Sim;
use crate::scenario::DaloClock;

impl Sim<'_> {
    /// DALO clocks: continuous time in shelter, time in temporary housing.
    pub(super) fn start_dalo_clock(&mut self, h: u32, clock: DaloClock, entry: f64) {
        let x = &mut self.hh[h as usize];
        match clock {
            DaloClock::Shelter => {
                if x.shelter_since.is_nan() {
                    x.shelter_since = entry;
                }
                x.temp_since = f64::NAN;
            }
            DaloClock::TemporaryHousing => {
                if x.temp_since.is_nan() {
                    x.temp_since = entry;
                }
                x.shelter_since = f64::NAN;
            }
            DaloClock::None => {
                x.shelter_since = f64::NAN;
                x.temp_since = f64::NAN;
            }
        }
    }

    pub(super) fn update_eligibility(&mut self, h: u32) {
        let c = self.c;
        let x = &mut self.hh[h as usize];
        if x.eligible_from <= self.now {
            return; // once eligible, eligible until housed or gone
        }
        let mut e = x.arrival + c.dalo.waiting;
        if !x.shelter_since.is_nan() {
            e = e.min(x.shelter_since + c.dalo.shelter);
        }
        if !x.temp_since.is_nan() {
            e = e.min(x.temp_since + c.dalo.temporary);
        }
        x.eligible_from = e;
    }

    /// Counts a household's first eligibility (at period ends and when it leaves).
    pub(super) fn check_eligibility(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if !x.was_eligible && !x.housed && x.eligible_from <= self.now {
            x.was_eligible = true;
            if self.in_window && x.eligible_from >= self.c.warmup {
                self.w_new_eligible += 1;
            }
        }
    }
}
