//! The state at the horizon, written as an initial state (one group per household): what a
//! run-in hands on to the run that starts where it ends (`crate::run_in`). Households present
//! are read from the slab; what lies beyond the horizon and has no event (tenancies still
//! within their failure window, comebacks due later) is noted as it is decided.

use super::households::{Loc, NONE};
use super::{Budget, Observer, Sim, SimError};
use crate::scenario::{
    InitialBetweenRequests, InitialHoused, InitialOccupants, InitialState, InitialWaiting, Ready,
};
use crate::validate::Model;

/// What the end state needs beyond the households present.
#[derive(Default)]
pub(super) struct EndRecord {
    /// Tenancies alive at the horizon: (allocation stage, type, day housed, pool still held).
    housed: Vec<(usize, usize, f64, Option<usize>)>,
    /// Comebacks due at or after the horizon: (exit, type, first-request day or NaN).
    between: Vec<(usize, usize, f64)>,
}

/// Runs replication `replication` of `model` to its horizon and returns the state it ends in, as
/// an initial state whose days count back from the horizon (one group per household).
pub fn simulate_to_end(
    model: &Model,
    seed: u64,
    replication: u64,
) -> Result<InitialState, SimError> {
    struct NoObserver;
    impl Observer for NoObserver {}
    let mut observer = NoObserver;
    let mut sim = Sim::new(&model.c, seed, replication, &mut observer);
    sim.end = Some(EndRecord::default());
    let budget = Budget::default();
    sim.start(&budget)?;
    sim.step(&budget, u64::MAX)?;
    Ok(sim.end_state(model))
}

impl Sim<'_> {
    /// A tenancy that started at `housed_at`: noted for the end state when it is still within
    /// its failure window and has not failed at the horizon.
    pub(super) fn note_tenancy(
        &mut self,
        stage: usize,
        ty: usize,
        housed_at: f64,
        window: f64,
        failure_at: Option<f64>,
        slot_until: Option<(usize, f64)>,
    ) {
        let horizon = self.c.horizon;
        if let Some(end) = &mut self.end {
            if failure_at.is_none_or(|t| t >= horizon) && housed_at + window > horizon {
                let pool = slot_until.filter(|s| s.1 >= horizon).map(|s| s.0);
                end.housed.push((stage, ty, housed_at, pool));
            }
        }
    }

    /// A comeback due at `due`: noted for the end state when it falls at or after the horizon.
    pub(super) fn note_comeback(&mut self, due: f64, exit: usize, ty: usize, first_request: f64) {
        if let (Some(end), true) = (&mut self.end, due >= self.c.horizon) {
            end.between.push((exit, ty, first_request));
        }
    }

    fn end_state(&self, model: &Model) -> InitialState {
        let s = model.scenario();
        let horizon = self.c.horizon;
        let ago = |t: f64| horizon - t;
        let type_id = |t: u16| s.household_types[t as usize].id.clone();
        let mut out = InitialState::default();
        let eligible = |x: &super::households::Hh| {
            (!x.housed && x.eligible_from <= horizon).then(|| ago(x.eligible_from))
        };
        for x in &self.hh {
            match x.loc {
                Loc::Free => {}
                Loc::Waiting => out.waiting.push(InitialWaiting {
                    household_type: type_id(x.ty),
                    count: 1,
                    days_waiting: ago(x.arrival),
                    days_since_first_request: Some(ago(x.first_request)),
                    days_eligible: eligible(x),
                    recourse: x.initial_recourse(ago),
                }),
                Loc::Stage(k) => out.stages.push(InitialOccupants {
                    stage: s.stages[k as usize].id.clone(),
                    household_type: type_id(x.ty),
                    count: 1,
                    days_in_stage: ago(x.stage_entry),
                    days_since_first_request: Some(ago(x.first_request)),
                    // The clock of its stage (the other one is stopped in it).
                    dalo_clock_days: [x.shelter_since, x.temp_since]
                        .into_iter()
                        .find(|t| !t.is_nan())
                        .map(ago),
                    days_eligible: eligible(x),
                    recourse: x.initial_recourse(ago),
                    ready: (x.dest != NONE).then(|| Ready {
                        to: s.stages[x.dest as usize].id.clone(),
                        days: ago(x.ready_at),
                    }),
                }),
            }
        }
        let end = self.end.as_ref().expect("recorded");
        for &(stage, ty, at, pool) in &end.housed {
            out.housed.push(InitialHoused {
                stage: s.stages[stage].id.clone(),
                household_type: type_id(ty as u16),
                count: 1,
                days_housed: ago(at),
                accompaniment: pool.map(|p| s.accompaniment[p].id.clone()),
            });
        }
        for &(exit, ty, first) in &end.between {
            out.between_requests.push(InitialBetweenRequests {
                exit: s.exits[exit].id.clone(),
                household_type: type_id(ty as u16),
                count: 1,
                days_since_first_request: (!first.is_nan()).then(|| ago(first)),
            });
        }
        out
    }
}
