//! The initial state: households on the waiting list and in stages at day 0, with the time
//! they have already spent there.

use super::ids::Ids;
use super::stages::{CKind, Stages};
use super::validator::Validator;
use super::{ErrorKind, MAX_INITIAL, MAX_STAY_DAYS};
use crate::scenario::Scenario;

#[derive(Debug, Clone, Default)]
pub(crate) struct CInitialState {
    /// (type, days waiting, days since the first request) of households on the waiting list
    /// at day 0.
    pub waiting: Vec<(usize, f64, f64)>,
    /// (stage, type, days in stage, days since the first request) of households in stages at
    /// day 0.
    pub occupants: Vec<(usize, usize, f64, f64)>,
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
        let (stages, all_accepts) = (&compiled.stages, &compiled.accepts);
        let mut initial_waiting = Vec::new();
        let mut initial_occupants = Vec::new();
        let mut total: u64 = 0;
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
                initial_waiting.extend(std::iter::repeat_n(
                    (t, w.days_waiting, since),
                    w.count as usize,
                ));
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
                    initial_occupants.extend(std::iter::repeat_n(
                        (k, t, o.days_in_stage, since),
                        o.count as usize,
                    ));
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
        CInitialState {
            waiting: initial_waiting,
            occupants: initial_occupants,
        }
    }
}
