//! Accompaniment pools (ASLL/AVDL-like): slots attached to stages, which shorten stays, shift
//! part of the street exits to another destination and follow households into housing.

use super::ids::Ids;
use super::routes::{Dest, Table};
use super::validator::{cumulative, Validator};
use super::{ErrorKind, MAX_HORIZON_MONTHS, MAX_PLACES};
use crate::scenario::{Scenario, WhenFull, MONTH_DAYS};

#[derive(Debug, Clone)]
pub(crate) struct CPool {
    pub slots: i64,
    pub attached: Vec<bool>,
    pub wait: bool,
    pub stay_multiplier: f64,
    pub tenancy_failure_multiplier: f64,
    pub days_in_housing: f64,
    pub cost_per_slot_day: f64,
}

/// A pool's street shift: the share of the street probability moved, and where to.
pub(super) type Shift = (f64, Option<Dest>);

impl Validator {
    /// The compiled pools and their shifts (stages need both to compile their routes).
    pub(super) fn accompaniment(&mut self, s: &Scenario, ids: &Ids) -> (Vec<CPool>, Vec<Shift>) {
        let (stage_ids, dests) = (&ids.stages, &ids.dests);
        let _ = self.ids(
            "accompaniment",
            s.accompaniment.iter().map(|p| p.id.as_str()),
        );
        let mut pools = Vec::new();
        let mut pool_shift: Vec<Shift> = Vec::new();
        for (i, p) in s.accompaniment.iter().enumerate() {
            let pp = format!("accompaniment[{i}]");
            self.range(&format!("{pp}.slots"), p.slots as f64, 0.0, MAX_PLACES);
            self.range(
                &format!("{pp}.stay_multiplier"),
                p.stay_multiplier,
                0.0,
                100.0,
            );
            self.range(&format!("{pp}.street_shift"), p.street_shift, 0.0, 1.0);
            self.range(
                &format!("{pp}.tenancy_failure_multiplier"),
                p.tenancy_failure_multiplier,
                0.0,
                100.0,
            );
            self.range(
                &format!("{pp}.months_in_housing"),
                p.months_in_housing,
                0.0,
                MAX_HORIZON_MONTHS,
            );
            self.range(
                &format!("{pp}.cost_per_slot_year"),
                p.cost_per_slot_year,
                0.0,
                1e9,
            );
            let mut attached = vec![false; s.stages.len()];
            for (j, st) in p.stages.iter().enumerate() {
                match stage_ids.get(st) {
                    Some(&k) => attached[k] = true,
                    None => self.err(
                        format!("{pp}.stages[{j}]"),
                        ErrorKind::UnknownStage { id: st.clone() },
                    ),
                }
            }
            let shift_to = match &p.shift_to {
                None => {
                    if p.street_shift > 0.0 {
                        self.err(format!("{pp}.shift_to"), ErrorKind::MissingShiftTo);
                    }
                    None
                }
                Some(d) => match dests.get(d) {
                    Some(&d) => Some(d),
                    None => {
                        self.err(
                            format!("{pp}.shift_to"),
                            ErrorKind::UnknownDestination { id: d.clone() },
                        );
                        None
                    }
                },
            };
            pool_shift.push((p.street_shift, shift_to));
            pools.push(CPool {
                slots: p.slots as i64,
                attached,
                wait: p.when_full == WhenFull::Wait,
                stay_multiplier: p.stay_multiplier,
                tenancy_failure_multiplier: p.tenancy_failure_multiplier,
                days_in_housing: p.months_in_housing * MONTH_DAYS,
                cost_per_slot_day: p.cost_per_slot_year / 365.25,
            });
        }
        (pools, pool_shift)
    }
}

/// The routing table of an accompanied household: a share of the "street" probability moves to
/// the pool's `shift_to` destination.
pub(super) fn shifted(
    ps: &[f64],
    ds: &[Dest],
    street: &[bool],
    shift: f64,
    to: Option<Dest>,
) -> Table {
    let mut ps = ps.to_vec();
    let mut ds = ds.to_vec();
    if let Some(to) = to {
        let mut moved = 0.0;
        for (p, d) in ps.iter_mut().zip(&ds) {
            if matches!(d, Dest::Exit(e) if street[*e]) {
                moved += *p * shift;
                *p *= 1.0 - shift;
            }
        }
        match ds.iter().position(|d| *d == to) {
            Some(j) => ps[j] += moved,
            None => {
                ps.push(moved);
                ds.push(to);
            }
        }
    }
    Table {
        cumulative: cumulative(&ps),
        dests: ds,
    }
}
