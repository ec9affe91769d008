//! One replication: a continuous-time discrete-event simulation in days.
//!
//! Households live in a slab (slots reused after they leave), so memory follows the number of
//! households present, not the number simulated. Events and queue entries carry a generation
//! number and are skipped when stale (lazy deletion), queues are compacted when mostly stale.
//!
//! [`Sim`] holds the state of a run; its methods live beside the concept they simulate, one
//! module each (`impl Sim` blocks): the event list, households, arrivals, the waiting list,
//! stage queues, place stages, allocation stages, accompaniment, exits, DALO, prevention, the
//! initial state, and the outputs (`report`). This file holds the state and the event loop.

mod accompaniment;
mod allocation;
mod arrivals;
mod cohorts;
mod dalo;
mod end_state;
mod events;
mod exits;
mod households;
mod initial_state;
mod prevention;
mod queues;
mod report;
mod stages;
mod waiting_list;

use crate::output::{Replication, StageSeries, SystemSeries, HOUSING_BINS};
use crate::rng::{stream, Stream, StreamTag};
use crate::validate::{Compiled, Model};
use accompaniment::PoolRt;
use cohorts::Cohorts;
pub use end_state::simulate_to_end;
use end_state::EndRecord;
use events::{Event, Kind};
use households::Hh;
use report::TimeAvg;
use stages::StageRt;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt;

/// Most events processed in one replication before it stops with an error.
pub const MAX_EVENTS: u64 = 1_000_000_000;
/// Most households present at once before a replication stops with an error.
pub const MAX_PRESENT: usize = 20_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimError {
    EventCap { limit: u64 },
    TooManyHouseholds { limit: usize },
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::EventCap { limit } => write!(
                f,
                "the replication needed more than {limit} events; shorten the horizon or reduce arrivals"
            ),
            SimError::TooManyHouseholds { limit } => write!(
                f,
                "more than {limit} households present at once; the scenario's arrivals far exceed its exits"
            ),
        }
    }
}

impl std::error::Error for SimError {}

/// State of the whole system at the end of a reporting period (for invariant checks).
#[derive(Debug, Clone)]
pub struct Census {
    pub time: f64,
    /// Households that entered the system so far (initial state included).
    pub arrivals: u64,
    /// Households that left it (exits, and housing through allocation stages).
    pub exited: u64,
    pub waiting: u64,
    /// Per stage: households present, and places open (0 for allocation stages).
    pub occupancy: Vec<i64>,
    pub places: Vec<i64>,
}

/// Hooks into a replication, for tests and trackers. Every method has an empty default.
pub trait Observer {
    /// A household entered `stage` at `now`, having been ready to enter since `ready_at`.
    fn admitted(&mut self, _stage: usize, _ready_at: f64, _now: f64) {}
    /// A household arrived on the waiting list, with the request it first made on
    /// `first_request` (`now` for a new request).
    fn arrived(&mut self, _household_type: usize, _first_request: f64, _now: f64) {}
    /// A household was housed for the first time since its request: `first_request` is the day
    /// of that request, `arrival` the day of its latest arrival on the waiting list.
    fn housed(&mut self, _first_request: f64, _arrival: f64, _now: f64) {}
    /// The end of a reporting period (also called at the end of the warm-up).
    fn census(&mut self, _census: &Census) {}
}

struct NoObserver;
impl Observer for NoObserver {}

/// Runs replication `replication` of `model` with `seed`.
pub fn simulate(model: &Model, seed: u64, replication: u64) -> Result<Replication, SimError> {
    simulate_observed(model, seed, replication, &mut NoObserver)
}

pub fn simulate_observed(
    model: &Model,
    seed: u64,
    replication: u64,
    observer: &mut dyn Observer,
) -> Result<Replication, SimError> {
    let mut sim = Sim::new(&model.c, seed, replication, observer);
    sim.run()?;
    Ok(sim.finish(replication))
}

/// The state of one replication.
struct Sim<'a> {
    c: &'a Compiled,
    obs: &'a mut dyn Observer,
    seed: u64,
    rep: u64,
    now: f64,
    seq: u32,
    events: BinaryHeap<Event>,
    pending: Vec<events::Pending>,
    free_pending: Vec<u32>,
    processed: u64,
    hh: Vec<Hh>,
    free: Vec<u32>,
    live: usize,
    stages: Vec<StageRt>,
    pools: Vec<PoolRt>,
    worklist: Vec<usize>,
    arrival_rng: Vec<Stream>,
    arrival_count: Vec<u64>,
    unit_rng: Vec<Stream>,
    prevention_rng: Stream,
    case_count: u64,
    handled_this_month: f64,
    // Conservation.
    arrivals: u64,
    exited: u64,
    waiting: i64,
    avg_waiting: TimeAvg,
    avg_blocked_total: TimeAvg,
    blocked_total: i64,
    /// Of the blocked, households already housed.
    blocked_housed: i64,
    avg_blocked_housed: TimeAvg,
    /// Per wait (`validate::CWaits`): ready households blocked, and its time average.
    waits: Vec<(i64, TimeAvg)>,
    /// Households on the street between two requests (street exit, comeback pending).
    between: i64,
    avg_between: TimeAvg,
    /// The requests made in the window, followed from their first request.
    cohorts: Cohorts,
    // Reporting.
    in_window: bool,
    period: usize,
    period_start: f64,
    series: Vec<Vec<f64>>,
    p_arrivals: u64,
    p_housed: u64,
    p_street: u64,
    p_cost: f64,
    p_recourses: u64,
    p_decisions: u64,
    p_past_deadline: u64,
    // Window totals.
    w_new_eligible: u64,
    w_housed: u64,
    w_housing_time_sum: f64,
    w_unsheltered_sum: f64,
    w_unsheltered_n: u64,
    cohort12: (u64, u64),
    cohort24: (u64, u64),
    w_abandon: u64,
    w_cases: u64,
    w_prevented: u64,
    w_failures: u64,
    w_eligible_snapshots: f64,
    /// Sums of the period-end snapshots: eligible ready and waiting, eligible within a planned
    /// stay, favourable decisions past the prefect's deadline.
    w_eligible_waiting_snapshots: f64,
    w_eligible_in_stay_snapshots: f64,
    w_past_deadline_snapshots: f64,
    hist: Vec<u32>,
    /// Set by `simulate_to_end`: what the end state needs beyond the households present.
    end: Option<EndRecord>,
}

impl<'a> Sim<'a> {
    fn new(c: &'a Compiled, seed: u64, rep: u64, obs: &'a mut dyn Observer) -> Self {
        let n_series = SystemSeries::ALL.len() + c.stages.len() * StageSeries::ALL.len();
        Sim {
            c,
            obs,
            seed,
            rep,
            now: 0.0,
            seq: 0,
            events: BinaryHeap::new(),
            pending: Vec::new(),
            free_pending: Vec::new(),
            processed: 0,
            hh: Vec::new(),
            free: Vec::new(),
            live: 0,
            stages: c.stages.iter().map(|_| StageRt::default()).collect(),
            pools: c
                .pools
                .iter()
                .map(|_| PoolRt {
                    used: 0,
                    waiting: VecDeque::new(),
                    valid_waiting: 0,
                })
                .collect(),
            worklist: Vec::new(),
            arrival_rng: (0..c.streams.len())
                .map(|i| stream(seed, rep, StreamTag::Arrivals, i as u64))
                .collect(),
            arrival_count: vec![0; c.streams.len()],
            unit_rng: (0..c.stages.len())
                .map(|i| stream(seed, rep, StreamTag::Units, i as u64))
                .collect(),
            prevention_rng: stream(seed, rep, StreamTag::Prevention, 0),
            case_count: 0,
            handled_this_month: 0.0,
            arrivals: 0,
            exited: 0,
            waiting: 0,
            avg_waiting: TimeAvg::default(),
            avg_blocked_total: TimeAvg::default(),
            blocked_total: 0,
            blocked_housed: 0,
            avg_blocked_housed: TimeAvg::default(),
            waits: vec![(0, TimeAvg::default()); c.waits.pairs.len()],
            between: 0,
            avg_between: TimeAvg::default(),
            cohorts: Cohorts::new(c.horizon - c.warmup),
            in_window: false,
            period: 0,
            period_start: 0.0,
            series: vec![vec![0.0; c.periods]; n_series],
            p_arrivals: 0,
            p_housed: 0,
            p_street: 0,
            p_cost: 0.0,
            p_recourses: 0,
            p_decisions: 0,
            p_past_deadline: 0,
            w_new_eligible: 0,
            w_housed: 0,
            w_housing_time_sum: 0.0,
            w_unsheltered_sum: 0.0,
            w_unsheltered_n: 0,
            cohort12: (0, 0),
            cohort24: (0, 0),
            w_abandon: 0,
            w_cases: 0,
            w_prevented: 0,
            w_failures: 0,
            w_eligible_snapshots: 0.0,
            w_eligible_waiting_snapshots: 0.0,
            w_eligible_in_stay_snapshots: 0.0,
            w_past_deadline_snapshots: 0.0,
            hist: vec![0; HOUSING_BINS],
            end: None,
        }
    }

    fn run(&mut self) -> Result<(), SimError> {
        let c = self.c;
        // Places at day 0, then the initial state, then the processes.
        self.open_places();
        self.initial_state()?;
        for i in 0..c.streams.len() {
            self.next_arrival(i, 0.0);
        }
        self.start_allocations();
        self.start_prevention();
        self.schedule_reports();
        self.drain();

        while let Some(e) = self.events.pop() {
            self.processed += 1;
            if self.processed > MAX_EVENTS {
                return Err(SimError::EventCap { limit: MAX_EVENTS });
            }
            self.now = e.t;
            match e.kind {
                Kind::Arrival => self.on_arrival(e.a as usize),
                Kind::Ready => self.on_ready(e.a, e.b),
                Kind::Abandon => self.on_abandon(e.a, e.b),
                Kind::Timeout => self.on_timeout(e.a, e.b),
                Kind::Unit => self.on_unit(e.a as usize),
                Kind::Capacity => self.on_capacity(e.a as usize),
                Kind::Report => self.on_report(),
                Kind::Month => self.on_month(e.a),
                Kind::SlotRelease => self.release_slot(e.a as usize),
                Kind::Comeback => self.on_comeback(e.a as usize, e.b),
                Kind::Failure => self.on_tenancy_failure(e.a as usize, e.b),
                Kind::Case => self.on_case(),
            }
            self.drain();
            if self.live > MAX_PRESENT {
                return Err(SimError::TooManyHouseholds { limit: MAX_PRESENT });
            }
        }
        self.now = c.horizon;
        if !self.in_window {
            self.open_window();
        }
        self.close_period();
        self.cohorts_at_horizon();
        Ok(())
    }
}
