//! The initial state: households on the waiting list and in stages at day 0, with the time
//! they have already spent there; those ready to leave and blocked; those housed before day 0
//! whose tenancy may still fail; and those between two requests, due back.

use super::exits::CExit;
use super::ids::Ids;
use super::stages::{CKind, Stages};
use super::validator::Validator;
use super::{ErrorKind, MAX_INITIAL, MAX_STAY_DAYS};
use crate::scenario::{DaloClock, InitialRecourse, Scenario};
use std::collections::BTreeMap;

/// Households on the waiting list at day 0 (a group of `count`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CWaiting {
    pub count: u32,
    pub ty: usize,
    pub days_waiting: f64,
    pub days_since_first_request: f64,
    /// Days since it became eligible (NaN: not eligible at day 0, or not stated).
    pub days_eligible: f64,
    pub recourse: Option<InitialRecourse>,
}

/// Households in a place stage at day 0 (a group of `count`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct COccupant {
    pub count: u32,
    pub stage: usize,
    pub ty: usize,
    pub days_in_stage: f64,
    pub days_since_first_request: f64,
    /// Days its stage's DALO clock has run (NaN: the stage has none).
    pub dalo_clock_days: f64,
    /// Days since it became eligible (NaN: not eligible at day 0, or not stated).
    pub days_eligible: f64,
    pub recourse: Option<InitialRecourse>,
    /// Ready and blocked: (the stage it waits for, days since it became ready).
    pub ready: Option<(usize, f64)>,
}

/// Households housed by an allocation stage before day 0 (a group of `count`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CHoused {
    pub count: u32,
    pub stage: usize,
    pub ty: usize,
    pub days_housed: f64,
    /// The pool whose accompaniment followed it into housing.
    pub pool: Option<usize>,
}

/// Households between two requests at day 0 (a group of `count`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CBetween {
    pub count: u32,
    pub exit: usize,
    pub ty: usize,
    /// Days since its first request; NaN: it comes back with a new request.
    pub days_since_first_request: f64,
}

/// Groups of households as the scenario lists them (not one entry per household: a count of a
/// million costs 24 bytes, not 24 MB).
#[derive(Debug, Clone, Default)]
pub(crate) struct CInitialState {
    pub waiting: Vec<CWaiting>,
    pub occupants: Vec<COccupant>,
    pub housed: Vec<CHoused>,
    pub between: Vec<CBetween>,
}

impl Validator {
    /// `orientation[type]`: the waiting list's stages for that type.
    pub(super) fn initial_state(
        &mut self,
        s: &Scenario,
        ids: &Ids,
        compiled: &Stages,
        exits: &[CExit],
        orientation: &[Vec<usize>],
    ) -> CInitialState {
        let (types, stage_ids) = (&ids.types, &ids.stages);
        let (stages, all_accepts) = (&compiled.stages, &compiled.accepts);
        let mut out = CInitialState::default();
        let mut total: u64 = 0;
        // A type known, and with somewhere to go on the waiting list.
        let oriented_type = |v: &mut Validator, path: &str, id: &str| {
            let t = types.get(id).copied();
            match t {
                None => v.err(path, ErrorKind::UnknownType { id: id.to_string() }),
                Some(t) if orientation.get(t).is_some_and(|o| o.is_empty()) => v.err(
                    path,
                    ErrorKind::NoOrientation {
                        type_id: id.to_string(),
                    },
                ),
                _ => {}
            }
            t
        };
        for (i, w) in s.initial_state.waiting.iter().enumerate() {
            let p = format!("initial_state.waiting[{i}]");
            let t = oriented_type(self, &format!("{p}.type"), &w.household_type);
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
            let eligible = self.days_eligible(&p, w.days_eligible);
            let recourse_ok = self.recourse(&p, w.recourse);
            total += w.count as u64;
            if let (Some(t), Some(eligible), true) =
                (t, eligible, ok && recourse_ok && total <= MAX_INITIAL)
            {
                out.waiting.push(CWaiting {
                    count: w.count,
                    ty: t,
                    days_waiting: w.days_waiting,
                    days_since_first_request: since,
                    days_eligible: eligible,
                    recourse: w.recourse,
                });
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
            let k = self.known_stage(&format!("{p}.stage"), &o.stage, stage_ids);
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
            // Ready and blocked: for another stage that takes the type, since at most its entry.
            let mut ready_ok = true;
            let ready = o.ready.as_ref().and_then(|r| {
                let to = self.known_stage(&format!("{p}.ready.to"), &r.to, stage_ids);
                ready_ok &= self.range(
                    &format!("{p}.ready.days"),
                    r.days,
                    0.0,
                    o.days_in_stage.clamp(0.0, MAX_STAY_DAYS),
                );
                if to.is_some() && to == k {
                    self.err(
                        format!("{p}.ready.to"),
                        ErrorKind::ReadyForItsOwnStage {
                            stage: r.to.clone(),
                        },
                    );
                    ready_ok = false;
                }
                if let (Some(to), Some(t)) = (to, t) {
                    if !all_accepts[to][t] {
                        self.err(
                            format!("{p}.ready.to"),
                            ErrorKind::StageRefusesType {
                                stage: r.to.clone(),
                                type_id: o.household_type.clone(),
                            },
                        );
                        ready_ok = false;
                    }
                }
                ready_ok = ready_ok && to.is_some();
                to.map(|to| (to, r.days))
            });
            let eligible = self.days_eligible(&p, o.days_eligible);
            let recourse_ok = self.recourse(&p, o.recourse);
            // The stage's DALO clock, running for at least the days in the stage.
            let has_clock = k.is_some_and(|k| {
                matches!(stages.get(k).map(|s| &s.kind),
                    Some(CKind::Places(pl)) if pl.dalo_clock != DaloClock::None)
            });
            let clock = match (o.dalo_clock_days, has_clock) {
                (Some(d), true) => {
                    let p = format!("{p}.dalo_clock_days");
                    self.range(&p, d, o.days_in_stage, MAX_STAY_DAYS)
                        .then_some(d)
                }
                (None, true) => Some(o.days_in_stage),
                (Some(_), false) => {
                    if k.is_some() {
                        self.err(
                            format!("{p}.dalo_clock_days"),
                            ErrorKind::NoDaloClock {
                                stage: o.stage.clone(),
                            },
                        );
                    }
                    None
                }
                (None, false) => Some(f64::NAN),
            };
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
                } else if let (Some(clock), Some(eligible), true) = (
                    clock,
                    eligible,
                    ok && ready_ok && recourse_ok && total <= MAX_INITIAL,
                ) {
                    out.occupants.push(COccupant {
                        count: o.count,
                        stage: k,
                        ty: t,
                        days_in_stage: o.days_in_stage,
                        days_since_first_request: since,
                        dalo_clock_days: clock,
                        days_eligible: eligible,
                        recourse: o.recourse,
                        ready,
                    });
                }
            }
        }
        let pool_ids: BTreeMap<&str, usize> = s
            .accompaniment
            .iter()
            .enumerate()
            .rev()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        for (i, h) in s.initial_state.housed.iter().enumerate() {
            let p = format!("initial_state.housed[{i}]");
            let t = types.get(&h.household_type).copied();
            if t.is_none() {
                self.err(
                    format!("{p}.type"),
                    ErrorKind::UnknownType {
                        id: h.household_type.clone(),
                    },
                );
            }
            let k = self.known_stage(&format!("{p}.stage"), &h.stage, stage_ids);
            let mut ok = self.range(
                &format!("{p}.days_housed"),
                h.days_housed,
                0.0,
                MAX_STAY_DAYS,
            );
            if let Some(k) = k {
                if !matches!(stages.get(k).map(|s| &s.kind), Some(CKind::Allocation(_))) {
                    self.err(
                        format!("{p}.stage"),
                        ErrorKind::NotAnAllocationStage {
                            stage: h.stage.clone(),
                        },
                    );
                    ok = false;
                } else if let Some(t) = t {
                    if !all_accepts[k][t] {
                        self.err(
                            format!("{p}.type"),
                            ErrorKind::StageRefusesType {
                                stage: h.stage.clone(),
                                type_id: h.household_type.clone(),
                            },
                        );
                        ok = false;
                    }
                }
            }
            let pool = h.accompaniment.as_ref().map(|id| {
                let pool = pool_ids.get(id.as_str()).copied();
                if pool.is_none() {
                    self.err(
                        format!("{p}.accompaniment"),
                        ErrorKind::UnknownPool { id: id.clone() },
                    );
                    ok = false;
                }
                pool
            });
            total += h.count as u64;
            if let (Some(stage), Some(ty), true) = (k, t, ok && total <= MAX_INITIAL) {
                out.housed.push(CHoused {
                    count: h.count,
                    stage,
                    ty,
                    days_housed: h.days_housed,
                    pool: pool.flatten(),
                });
            }
        }
        let exit_ids = &ids.exits;
        for (i, b) in s.initial_state.between_requests.iter().enumerate() {
            let p = format!("initial_state.between_requests[{i}]");
            let t = oriented_type(self, &format!("{p}.type"), &b.household_type);
            let e = exit_ids.get(&b.exit).copied();
            let mut ok = true;
            match e {
                None => {
                    self.err(
                        format!("{p}.exit"),
                        ErrorKind::UnknownExit { id: b.exit.clone() },
                    );
                    ok = false;
                }
                Some(e) if exits.get(e).is_some_and(|x| x.comeback.is_none()) => {
                    self.err(
                        format!("{p}.exit"),
                        ErrorKind::NoComeback {
                            exit: b.exit.clone(),
                        },
                    );
                    ok = false;
                }
                _ => {}
            }
            let since = match b.days_since_first_request {
                Some(d) => {
                    ok &= self.range(
                        &format!("{p}.days_since_first_request"),
                        d,
                        0.0,
                        MAX_STAY_DAYS,
                    );
                    d
                }
                None => f64::NAN,
            };
            total += b.count as u64;
            if let (Some(exit), Some(ty), true) = (e, t, ok && total <= MAX_INITIAL) {
                out.between.push(CBetween {
                    count: b.count,
                    exit,
                    ty,
                    days_since_first_request: since,
                });
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
        out
    }

    /// Days since eligible at day 0 (NaN when not stated), or None after an error.
    fn days_eligible(&mut self, group: &str, days: Option<f64>) -> Option<f64> {
        match days {
            None => Some(f64::NAN),
            Some(d) => self
                .range(&format!("{group}.days_eligible"), d, 0.0, MAX_STAY_DAYS)
                .then_some(d),
        }
    }

    /// A favourable decision's days within range (before or after day 0).
    fn recourse(&mut self, group: &str, recourse: Option<InitialRecourse>) -> bool {
        match recourse {
            Some(InitialRecourse::Favourable { decision_days }) => self.range(
                &format!("{group}.recourse.decision_days"),
                decision_days,
                -MAX_STAY_DAYS,
                MAX_STAY_DAYS,
            ),
            _ => true,
        }
    }

    /// The index of a stage named at `path`, or an error.
    fn known_stage(
        &mut self,
        path: &str,
        id: &str,
        stage_ids: &BTreeMap<String, usize>,
    ) -> Option<usize> {
        let k = stage_ids.get(id).copied();
        if k.is_none() {
            self.err(path, ErrorKind::UnknownStage { id: id.to_string() });
        }
        k
    }
}
