//! Validation: turns a [`Scenario`] into a runnable [`Model`], or returns every problem at once,
//! each naming the field by its path and saying what was expected.
//!
//! The compiled model replaces ids by indices and per-type tables by dense vectors, so the
//! simulation never looks anything up by name. One module per concept of the scenario holds
//! both its compiled form and the [`Validator`] method that checks and compiles it; [`compile`]
//! calls them in the scenario's order, which is also the order the problems are reported in.
//!
//! [`compile`]: Validator::compile

mod accompaniment;
mod allocation;
mod arrivals;
mod dalo;
mod error;
mod exits;
mod ids;
mod initial_state;
mod places;
mod prevention;
mod routes;
mod stages;
mod time;
mod validator;
mod waiting_list;
mod waits;

pub(crate) use accompaniment::CPool;
pub(crate) use allocation::CAllocation;
pub(crate) use arrivals::CStream;
pub(crate) use dalo::CDalo;
pub use error::{ErrorKind, ValidationError};
pub(crate) use exits::CExit;
pub(crate) use initial_state::{CBetween, CHoused, CInitialState, COccupant};
pub(crate) use places::CPlaces;
// Public, hidden from the documentation, for the stay laws' tests in `crates/engine-tests`.
#[doc(hidden)]
pub use places::CStay;
pub(crate) use prevention::CPrevention;
pub(crate) use routes::{Dest, Table};
pub(crate) use stages::{CKind, CStage};
pub(crate) use waiting_list::CWaitingList;
pub(crate) use waits::{CWaits, NO_WAIT};

use crate::output::Layout;
use crate::scenario::{Scenario, FORMAT_VERSION};
use std::collections::BTreeSet;
use validator::Validator;

/// Longest horizon accepted (100 years).
pub const MAX_HORIZON_MONTHS: f64 = 1200.0;
/// Most expected arrivals per replication (all streams and eviction cases, comebacks excluded):
/// with the events each brings, a replication at this cap takes a few seconds (MODEL.md 17.8).
pub const MAX_EXPECTED_ARRIVALS: f64 = 5_000_000.0;
/// Most places or accompaniment slots in one stage or pool (five times France's emergency and
/// insertion shelter places together).
pub const MAX_PLACES: f64 = 1_000_000.0;
/// Most dwellings per month of one allocation stage, and eviction cases handled per month
/// (twice France's yearly social-housing allocations, every month).
pub const MAX_UNITS_PER_MONTH: f64 = 100_000.0;
/// Longest mean stay accepted (100 years), and largest coefficient of variation.
pub const MAX_STAY_DAYS: f64 = 36_525.0;
pub const MAX_CV: f64 = 20.0;
/// Most reporting periods in one run.
pub const MAX_PERIODS: f64 = 100_000.0;
/// Most values of series one replication holds (periods × series: 16 MB): daily periods over ten
/// years with 7 stages take 180,000.
pub const MAX_SERIES_CELLS: f64 = 2_000_000.0;
/// Most stages, household types, exits, pools and arrival streams (keeps compiled tables small).
pub const MAX_STAGES: usize = 100;
pub const MAX_TYPES: usize = 30;
pub const MAX_EXITS: usize = 50;
pub const MAX_POOLS: usize = 20;
pub const MAX_STREAMS: usize = 50;
/// Most households in the initial state (half the default budget's households present).
pub const MAX_INITIAL: u64 = 1_000_000;
/// Stays shorter than this on average (about 1.4 minutes) count as zero-length for the routing
/// cycle check: a cycle of them would barely move time forward.
pub const MIN_CYCLE_STAY_DAYS: f64 = 1e-3;

/// The compiled, index-based form of a valid scenario.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    /// Horizon, end of the warm-up and reporting period, in days; number of periods.
    pub horizon: f64,
    pub warmup: f64,
    pub period: f64,
    pub periods: usize,
    pub streams: Vec<CStream>,
    pub waiting_list: CWaitingList,
    pub stages: Vec<CStage>,
    pub exits: Vec<CExit>,
    pub pools: Vec<CPool>,
    pub prevention: Option<CPrevention>,
    pub dalo: CDalo,
    /// Sorted (day, stage, change of places) events: year-round changes and winter places.
    pub capacity_events: Vec<(f64, usize, i64)>,
    pub initial: CInitialState,
    /// The waits of ready households, by holding stage and destination.
    pub waits: CWaits,
}

/// A validated scenario, ready to simulate.
#[derive(Debug, Clone)]
pub struct Model {
    scenario: Scenario,
    layout: Layout,
    pub(crate) c: Compiled,
}

impl Model {
    pub fn new(scenario: &Scenario) -> Result<Model, Vec<ValidationError>> {
        let mut v = Validator::default();
        let compiled = v.compile(scenario);
        // A `default` entry shared by several types reports its problem once.
        let mut seen = BTreeSet::new();
        v.errors.retain(|e| seen.insert(e.to_string()));
        match compiled {
            Some(c) if v.errors.is_empty() => {
                let layout = Layout::new(scenario, &c);
                Ok(Model {
                    scenario: scenario.clone(),
                    layout,
                    c,
                })
            }
            _ => Err(v.errors),
        }
    }

    /// Parses and validates; a JSON error is reported as one error at the path of the field
    /// (`$` for the document itself), with serde's message, line and column.
    pub fn from_json(text: &str) -> Result<Model, Vec<ValidationError>> {
        let scenario = Scenario::parse(text).map_err(|e| vec![e])?;
        Model::new(&scenario)
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }
}

impl Validator {
    /// The compiled scenario; `None` when a problem makes going on pointless (the problems are
    /// in `self.errors` either way).
    fn compile(&mut self, s: &Scenario) -> Option<Compiled> {
        if s.format_version != FORMAT_VERSION {
            self.err(
                "format_version",
                ErrorKind::UnsupportedVersion {
                    version: s.format_version,
                    expected: FORMAT_VERSION,
                },
            );
            return None;
        }
        let time = self.time(s)?;
        for (path, n, max) in [
            ("stages", s.stages.len(), MAX_STAGES),
            ("household_types", s.household_types.len(), MAX_TYPES),
            ("exits", s.exits.len(), MAX_EXITS),
            ("accompaniment", s.accompaniment.len(), MAX_POOLS),
            ("arrivals", s.arrivals.len(), MAX_STREAMS),
        ] {
            if n > max {
                self.err(path, ErrorKind::TooManyEntries { count: n, max });
            }
        }
        if !self.errors.is_empty() {
            return None;
        }
        let ids = self.names(s)?;
        let (streams, mut expected_arrivals) = self.arrivals(s, &ids, &time);
        // Stages need the pools (attachment, street shift) to compile their routes.
        let (pools, shifts) = self.accompaniment(s, &ids);
        let stages = self.stages(s, &ids, &time, &pools, &shifts);
        let exits = self.exits(s);
        let waiting_list = self.waiting_list(s, &ids, &stages.accepts);
        let prevention = self.prevention(s, &ids, &mut expected_arrivals);
        let dalo = self.dalo(s);
        let initial = self.initial_state(s, &ids, &stages, &exits, &waiting_list.orientation);
        // Source keys are free text naming parameters; only empty ones are rejected here.
        for k in s.sources.keys() {
            if k.trim().is_empty() {
                self.err("sources", ErrorKind::EmptySourceKey);
            }
        }
        Some(Compiled {
            horizon: time.horizon,
            warmup: time.warmup,
            period: time.period,
            periods: time.periods,
            streams,
            waiting_list,
            waits: CWaits::new(&stages.stages, &pools, &initial.occupants),
            stages: stages.stages,
            exits,
            pools,
            prevention,
            dalo,
            capacity_events: stages.capacity_events,
            initial,
        })
    }
}
