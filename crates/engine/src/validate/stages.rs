//! Stages: what every stage has (the household types it accepts, its queue rule, the pools
//! attached to it), then the place stages (`places.rs`) and allocation stages (`allocation.rs`).

use super::accompaniment::{CPool, Shift};
use super::allocation::CAllocation;
use super::ids::Ids;
use super::places::CPlaces;
use super::routes::zero_stay_cycle;
use super::time::Time;
use super::validator::Validator;
use super::ErrorKind;
use crate::scenario::{ExitKind, QueueRule, Scenario, Stage, StageKind};
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
pub(crate) enum CKind {
    Places(CPlaces),
    Allocation(CAllocation),
}

#[derive(Debug, Clone)]
pub(crate) struct CStage {
    pub kind: CKind,
    pub queue: QueueRule,
    /// Pools whose slots are offered on entry, in declaration order.
    pub pools: Vec<usize>,
}

/// The compiled stages, and what other parts of the scenario check against them.
pub(super) struct Stages {
    pub stages: Vec<CStage>,
    /// Sorted (day, stage, change of places) events: year-round changes and winter places.
    pub capacity_events: Vec<(f64, usize, i64)>,
    /// accepts[stage][type]: whether the stage takes households of that type.
    pub accepts: Vec<Vec<bool>>,
}

/// What compiling a place stage reads from the rest of the scenario.
pub(super) struct StageContext<'a> {
    pub s: &'a Scenario,
    pub ids: &'a Ids,
    pub time: &'a Time,
    pub pools: &'a [CPool],
    pub shifts: &'a [Shift],
    /// accepts[stage][type].
    pub accepts: &'a [Vec<bool>],
    /// Whether each exit is a street exit (the probability pools shift).
    pub street_exit: Vec<bool>,
}

/// What compiling the stages gathers across them.
pub(super) struct StageGraph {
    pub capacity_events: Vec<(f64, usize, i64)>,
    /// zero_edges[stage] = stages reachable with a possibly zero stay (cycle check).
    pub zero_edges: Vec<BTreeSet<usize>>,
}

impl Validator {
    pub(super) fn stages(
        &mut self,
        s: &Scenario,
        ids: &Ids,
        time: &Time,
        pools: &[CPool],
        shifts: &[Shift],
    ) -> Stages {
        let types = &ids.types;
        let nt = s.household_types.len();
        let mut stages = Vec::new();
        let mut graph = StageGraph {
            capacity_events: Vec::new(),
            zero_edges: vec![BTreeSet::new(); s.stages.len()],
        };
        let accepts_of = |st: &Stage| -> Vec<bool> {
            match &st.accepts {
                None => vec![true; nt],
                Some(list) => {
                    let mut v = vec![false; nt];
                    for t in list {
                        if let Some(&i) = types.get(t) {
                            v[i] = true;
                        }
                    }
                    v
                }
            }
        };
        let all_accepts: Vec<Vec<bool>> = s.stages.iter().map(accepts_of).collect();
        let cx = StageContext {
            s,
            ids,
            time,
            pools,
            shifts,
            accepts: &all_accepts,
            street_exit: s.exits.iter().map(|e| e.kind == ExitKind::Street).collect(),
        };
        for (i, st) in s.stages.iter().enumerate() {
            let sp = format!("stages[{i}]");
            if let Some(list) = &st.accepts {
                for (j, t) in list.iter().enumerate() {
                    if !types.contains_key(t) {
                        self.err(
                            format!("{sp}.accepts[{j}]"),
                            ErrorKind::UnknownType { id: t.clone() },
                        );
                    }
                }
                if list.is_empty() {
                    self.err(format!("{sp}.accepts"), ErrorKind::AcceptsNobody);
                }
            }
            let stage_pools: Vec<usize> =
                (0..pools.len()).filter(|&p| pools[p].attached[i]).collect();
            let kind = match &st.kind {
                StageKind::Places(pl) => {
                    CKind::Places(self.place_stage(&cx, i, pl, &stage_pools, &mut graph))
                }
                StageKind::Allocation(al) => CKind::Allocation(self.allocation_stage(&sp, al)),
            };
            stages.push(CStage {
                kind,
                queue: st.queue,
                pools: stage_pools,
            });
        }
        let mut capacity_events = graph.capacity_events;
        capacity_events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        if let Some(cycle) = zero_stay_cycle(&graph.zero_edges) {
            let names: Vec<&str> = cycle.iter().map(|&k| s.stages[k].id.as_str()).collect();
            self.err(
                "stages",
                ErrorKind::ZeroStayCycle {
                    stages: names.iter().map(|n| n.to_string()).collect(),
                },
            );
        }
        Stages {
            stages,
            capacity_events,
            accepts: all_accepts,
        }
    }
}
