//! The initial state: households on the waiting list and in stages at day 0, with the time
//! they have already spent there.

use super::ids::Ids;
use super::stages::{CKind, Stages};
use super::validator::Validator;
use super::{ErrorKind, MAX_INITIAL, MAX_STAY_DAYS};
use crate::scenario::Scenario;

/// Groups of households as the scenario lists them (not one entry per household: a count of a
/// million costs 24 bytes, not 24 MB).
#[derive(Debug, Clone, Default)]
pub(crate) struct CInitialState {
    /// (type, days waiting, days since the first request, count) of households on the waiting
    /// list at day 0.
    pub waiting: Vec<(usize, f64, f64, u32)>,
    /// (stage, type, days in stage, days since the first request, count) of households in
    /// stages at day 0.
    pub occupants: Vec<(usize, usize, f64, f64, u32)>,
}

impl Validator {
    /// `orientation[type]`: the waiting list's stages for that type.
    pub(super) fn initial_state(
        &mut self,
        s: &Scenario,
        ids: &Ids,
        compiled: &Stages,
        orientation: &[Vec<usize>],
    ) -> CInitialState {
        let (types, stage_ids) = (&ids.types, &ids.stages);
        let (stages, capacity_events, all_accepts) = (
            &compiled.stages,
            &compiled.capacity_events,
            &compiled.accepts,
        );
        let mut initial_waiting = Vec::new();
        let mut initial_occupants = Vec::new();
        let mut total: u64 = 0;
        let mut per_stage = vec![0u64; s.stages.len()];
        for (i, w) in s.initial_state.waiting.iter().enumerate() {
            let p = format!("initial_state.waiting[{i}]");
            let t = types.get(&w.household_type).copied();
            if t.is_none() {
                self.err(
                    format!("{p}.type"),
                    ErrorKind::UnknownType {
                        id: w.household_type.clone(),
                    },
                );
            }
            let ok = self.range(
                &format!("{p}.days_waiting"),
                w.days_waiting,
                0.0,
                MAX_STAY_DAYS,
            );
            let since = w.days_since_first_request.unwrap_or(w.days_waiting);
            let ok = ok
                && self.range(
                    &format!("{p}.days_since_first_request"),
                    since,
                    w.days_waiting,
                    MAX_STAY_DAYS,
                );
            total += w.count as u64;
            if let (Some(t), true) = (t, ok && total <= MAX_INITIAL) {
                if orientation.get(t).is_some_and(|o| o.is_empty()) {
                    self.err(
                        format!("{p}.type"),
                        ErrorKind::NoOrientation {
                            type_id: w.household_type.clone(),
                        },
                    );
                }
                initial_waiting.push((t, w.days_waiting, since, w.count));
            }
        }
        for (i, o) in s.initial_state.stages.iter().enumerate() {
            let p = format!("initial_state.stages[{i}]");
            let t = types.get(&o.household_type).copied();
            if t.is_none() {
                self.err(
                    format!("{p}.type"),
                    ErrorKind::UnknownType {
                        id: o.household_type.clone(),
                    },
                );
            }
            let k = stage_ids.get(&o.stage).copied();
            if k.is_none() {
                self.err(
                    format!("{p}.stage"),
                    ErrorKind::UnknownStage {
                        id: o.stage.clone(),
                    },
                );
            }
            let ok = self.range(
                &format!("{p}.days_in_stage"),
                o.days_in_stage,
                0.0,
                MAX_STAY_DAYS,
            );
            let since = o.days_since_first_request.unwrap_or(o.days_in_stage);
            let ok = ok
                && self.range(
                    &format!("{p}.days_since_first_request"),
                    since,
                    o.days_in_stage,
                    MAX_STAY_DAYS,
                );
            total += o.count as u64;
            if let (Some(t), Some(k)) = (t, k) {
                if !all_accepts[k][t] {
                    self.err(
                        format!("{p}.type"),
                        ErrorKind::StageRefusesType {
                            stage: o.stage.clone(),
                            type_id: o.household_type.clone(),
                        },
                    );
                } else if matches!(stages.get(k).map(|s| &s.kind), Some(CKind::Allocation(_))) {
                    self.err(
                        format!("{p}.stage"),
                        ErrorKind::AllocationStageOccupied {
                            stage: o.stage.clone(),
                        },
                    );
                } else if ok && total <= MAX_INITIAL {
                    per_stage[k] += o.count as u64;
                    initial_occupants.push((k, t, o.days_in_stage, since, o.count));
                }
            }
        }
        if total > MAX_INITIAL {
            self.err(
                "initial_state",
                ErrorKind::TooManyInitial {
                    total,
                    max: MAX_INITIAL,
                },
            );
        }
        for (k, &n) in per_stage.iter().enumerate() {
            if let Some(CKind::Places(pl)) = stages.get(k).map(|s| &s.kind) {
                let places = pl.initial_places
                    + capacity_events
                        .iter()
                        .filter(|e| e.0 == 0.0 && e.1 == k)
                        .map(|e| e.2)
                        .sum::<i64>();
                if n as i64 > places {
                    self.err(
                        "initial_state.stages",
                        ErrorKind::OverCapacity {
                            count: n,
                            stage: s.stages[k].id.clone(),
                            places,
                        },
                    );
                }
            }
        }
        CInitialState {
            waiting: initial_waiting,
            occupants: initial_occupants,
        }
    }
}
