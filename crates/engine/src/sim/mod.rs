//! One replication: a continuous-time discrete-event simulation in days.
//!
//! Households live in a slab (slots reused after they leave), so memory follows the number of
//! households present, not the number simulated. Events and queue entries carry a generation
//! number and are skipped when stale (lazy deletion), queues are compacted when mostly stale. A
//! stale event about a household is cancelled: dropped without being counted ([`Run::events`]).
//!
//! [`Sim`] holds the state of a run; its methods live beside the concept they simulate, one
//! module each (`impl Sim` blocks): the event list, households, arrivals, the waiting list,
//! stage queues, place stages, allocation stages, accompaniment, exits, DALO, prevention, the
//! initial state, and the outputs (`report`). This file holds the state and the event loop.

mod accompaniment;
// Public, hidden from the documentation, for the tests in `crates/engine-tests` (where the
// engine's tests live) of `failure_delay` and of the event list.
#[doc(hidden)]
pub mod allocation;
mod arrivals;
pub(crate) mod cohorts;
mod dalo;
mod end_state;
// As `allocation` above.
#[doc(hidden)]
pub mod events;
mod exits;
mod households;
mod initial_state;
mod prevention;
mod queues;
mod report;
mod stages;
mod waiting_list;

use crate::output::{Replication, StageSeries, SystemSeries, HOUSING_BINS};
use crate::rng::{stream, Stream, StreamTag, Streams};
use crate::validate::{Compiled, Model};
use accompaniment::PoolRt;
use cohorts::Cohorts;
pub use end_state::simulate_to_end;
use end_state::EndRecord;
use events::{Event, EventList, Kind};
use households::Hh;
use report::TimeAvg;
use serde::{Deserialize, Serialize};
use stages::StageRt;
use std::collections::VecDeque;
use std::fmt;

/// Default budget: most events processed in one replication (see [`Budget`]): 1,100 times what
/// the default scenario needs, and what the largest arrivals accepted need (about 9 million)
/// five times over.
pub const MAX_EVENTS: u64 = 50_000_000;
/// Default budget: most households present at once (see [`Budget`]).
pub const MAX_PRESENT: u64 = 2_000_000;
/// Default budget: most memory a replication's own state may take (see [`Budget`]).
pub const MAX_MEMORY_BYTES: u64 = 1 << 30;
/// Household records a period-end census reads in the time of about one event.
pub(crate) const SCAN_PER_EVENT: u64 = 16;
/// Bytes of one household's record.
pub(crate) const HOUSEHOLD_BYTES: usize = std::mem::size_of::<Hh>();
/// How often (in events) [`simulate_within`] asks whether to stop, and the memory is measured.
pub const CHECK_EVERY_EVENTS: u64 = 4096;

/// What one replication may use before it stops with a [`SimError`] naming what ran away.
/// [`Model::estimate`] says beforehand what a scenario is expected to need. Serializable: the
/// page sends its budget to its Web Workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    /// Events processed (arrivals, ends of stays, dwellings, …; a period-end census counts one
    /// per 16 households; an event cancelled before it is due — about a household that has
    /// moved since it was scheduled — is not counted): the run time follows it, 2 to 6 million a second on one core natively
    /// (BENCHMARKS.md), fewer in WebAssembly.
    pub max_events: u64,
    /// Households present at once (in stages or waiting), and households away that are due to
    /// come back (comebacks, tenancy failures): each holds a record.
    pub max_households: u64,
    /// The replication's state: household records, scheduled events, queues and series.
    pub max_memory_bytes: u64,
}

impl Default for Budget {
    /// 50 million events (10 to 25 s natively), 2 million households, 1 GiB.
    fn default() -> Budget {
        Budget {
            max_events: MAX_EVENTS,
            max_households: MAX_PRESENT,
            max_memory_bytes: MAX_MEMORY_BYTES,
        }
    }
}

/// Why a replication stopped before its horizon. Each says how far it got (`day` of
/// `horizon_days`), so that a caller can tell how much more it would have needed. Serializable:
/// a Web Worker sends it to the page, which says it in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SimError {
    /// More events than [`Budget::max_events`].
    TooManyEvents {
        limit: u64,
        day: u64,
        horizon_days: u64,
    },
    /// More households present (or due back) at once than [`Budget::max_households`].
    TooManyHouseholds {
        limit: u64,
        day: u64,
        horizon_days: u64,
    },
    /// The replication's state outgrew [`Budget::max_memory_bytes`].
    TooMuchMemory {
        limit: u64,
        day: u64,
        horizon_days: u64,
    },
    /// The caller's stop hook asked to stop ([`simulate_within`]).
    Stopped,
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::TooManyEvents { limit, day, horizon_days } => write!(
                f,
                "the replication needed more than {} events (stopped at day {day} of {horizon_days}); shorten the horizon or reduce the flows",
                group(*limit)
            ),
            SimError::TooManyHouseholds { limit, day, horizon_days } => write!(
                f,
                "more than {} households present at once (stopped at day {day} of {horizon_days}); the scenario's arrivals far exceed its exits",
                group(*limit)
            ),
            SimError::TooMuchMemory { limit, day, horizon_days } => write!(
                f,
                "the replication needed more than {} MB of memory (stopped at day {day} of {horizon_days}); the scenario's arrivals far exceed its exits",
                group(*limit / 1_000_000)
            ),
            SimError::Stopped => write!(f, "stopped before the end"),
        }
    }
}

/// 1234567 → "1,234,567".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
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

/// Runs replication `replication` of `model` with `seed`, within the default [`Budget`].
pub fn simulate(model: &Model, seed: u64, replication: u64) -> Result<Replication, SimError> {
    Run::new(model, seed, replication, Budget::default())?.finish()
}

/// [`simulate`] with hooks into the run (tests, trackers).
pub fn simulate_observed(
    model: &Model,
    seed: u64,
    replication: u64,
    observer: &mut dyn Observer,
) -> Result<Replication, SimError> {
    Run::with_observer(model, seed, replication, Budget::default(), observer)?.finish()
}

/// [`simulate`] within `budget`, asking `should_stop` every [`CHECK_EVERY_EVENTS`] events (a few
/// hundred microseconds) whether to give up ([`SimError::Stopped`]). For a caller on another
/// thread (the command line: a flag set on Ctrl-C or when another replication failed). A
/// single-threaded caller, the app's Web Worker, cannot learn of a cancel while the replication
/// runs on its only thread: it uses [`Run::advance`] instead and turns its event loop between
/// slices.
pub fn simulate_within(
    model: &Model,
    seed: u64,
    replication: u64,
    budget: Budget,
    should_stop: &mut dyn FnMut() -> bool,
) -> Result<Replication, SimError> {
    let mut run = Run::new(model, seed, replication, budget)?;
    while !run.advance(CHECK_EVERY_EVENTS)? {
        if should_stop() {
            return Err(SimError::Stopped);
        }
    }
    run.finish()
}

/// One replication that runs in slices: [`Run::advance`] processes a given number of events and
/// returns, so that a caller with a single thread (a Web Worker) can turn its event loop between
/// slices — read a cancel message, report progress — and go on, or drop the run. Slices change
/// nothing in the result: the events are the same, in the same order.
pub struct Run<'m> {
    sim: Sim<'m>,
    budget: Budget,
    replication: u64,
    done: bool,
}

impl<'m> Run<'m> {
    /// Sets the replication up (places, initial state, first events) within `budget`.
    pub fn new(
        model: &'m Model,
        seed: u64,
        replication: u64,
        budget: Budget,
    ) -> Result<Run<'m>, SimError> {
        // A zero-sized observer: leaking its box allocates nothing.
        let no_observer: &'m mut NoObserver = Box::leak(Box::new(NoObserver));
        Run::with_observer(model, seed, replication, budget, no_observer)
    }

    pub fn with_observer(
        model: &'m Model,
        seed: u64,
        replication: u64,
        budget: Budget,
        observer: &'m mut dyn Observer,
    ) -> Result<Run<'m>, SimError> {
        let mut sim = Sim::new(&model.c, seed, replication, observer);
        sim.start(&budget)?;
        Ok(Run {
            sim,
            budget,
            replication,
            done: false,
        })
    }

    /// Processes at most `events` more events; `Ok(true)` once the horizon is reached.
    pub fn advance(&mut self, events: u64) -> Result<bool, SimError> {
        if !self.done {
            self.done = self.sim.step(&self.budget, events)?;
        }
        Ok(self.done)
    }

    /// Simulated time reached, days.
    pub fn day(&self) -> f64 {
        self.sim.now.max(0.0)
    }

    /// Events processed so far (not those cancelled: about a household that has moved since they
    /// were scheduled).
    pub fn events(&self) -> u64 {
        self.sim.processed
    }

    /// What the event budget counts so far: events, and period-end censuses (one event per 16
    /// household records read). [`crate::Cost::events`] estimates it.
    pub fn work(&self) -> u64 {
        self.sim.work()
    }

    /// The replication's state so far, bytes (what [`Budget::max_memory_bytes`] limits).
    pub fn memory_bytes(&self) -> u64 {
        self.sim.memory_bytes()
    }

    /// Runs to the horizon (within the budget) and returns the replication's results.
    pub fn finish(mut self) -> Result<Replication, SimError> {
        self.advance(u64::MAX)?;
        Ok(self.sim.finish(self.replication))
    }
}

/// The state of one replication.
struct Sim<'a> {
    c: &'a Compiled,
    obs: &'a mut dyn Observer,
    /// The households' random streams, by household id.
    household_streams: Streams,
    now: f64,
    seq: u32,
    events: EventList,
    pending: Vec<events::Pending>,
    free_pending: Vec<u32>,
    processed: u64,
    /// Household records read by period-end censuses (work the event count does not see).
    scanned: u64,
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
            household_streams: Streams::new(seed, rep, StreamTag::Household),
            now: 0.0,
            seq: 0,
            events: EventList::new(c.horizon),
            pending: Vec::new(),
            free_pending: Vec::new(),
            processed: 0,
            scanned: 0,
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

    /// Places at day 0, then the initial state, then the processes' first events, then the
    /// reports.
    fn start(&mut self, budget: &Budget) -> Result<(), SimError> {
        let c = self.c;
        self.open_places();
        self.initial_state(budget)?;
        for i in 0..c.streams.len() {
            self.next_arrival(i, 0.0);
        }
        self.start_allocations();
        self.start_prevention();
        // The initial state settles first (a ready occupant that leaves at day 0 frees a place
        // for a waiting household), then the window may open at day 0 with its census: no place
        // is free while households wait, at that census as at every other.
        self.drain();
        self.schedule_reports();
        self.check_memory(budget)
    }

    /// Processes at most `max` events; `Ok(true)` when none is left before the horizon (the
    /// last period is then closed).
    fn step(&mut self, budget: &Budget, max: u64) -> Result<bool, SimError> {
        let stop_at = self.processed.saturating_add(max);
        while self.processed < stop_at {
            let hh = &self.hh;
            let live = |e: &Event| !e.kind.of_household() || hh[e.a() as usize].gen == e.b;
            let Some(e) = self.events.pop(live) else {
                self.now = self.c.horizon;
                if !self.in_window {
                    self.open_window();
                }
                self.close_period();
                self.cohorts_at_horizon();
                return Ok(true);
            };
            // Cancelled (its household has moved since): dropped, not counted.
            if !live(&e) {
                continue;
            }
            self.processed += 1;
            if self.work() > budget.max_events {
                return Err(SimError::TooManyEvents {
                    limit: budget.max_events,
                    day: e.t() as u64,
                    horizon_days: self.c.horizon as u64,
                });
            }
            self.now = e.t();
            match e.kind {
                Kind::Arrival => self.on_arrival(e.a() as usize),
                Kind::Ready => self.on_ready(e.a(), e.b),
                Kind::Abandon => self.on_abandon(e.a(), e.b),
                Kind::Timeout => self.on_timeout(e.a(), e.b),
                Kind::Unit => self.on_unit(e.a() as usize),
                Kind::Capacity => self.on_capacity(e.a() as usize),
                Kind::Report => self.on_report(),
                Kind::Month => self.on_month(e.a()),
                Kind::SlotRelease => self.release_slot(e.a() as usize),
                Kind::Comeback => self.on_comeback(e.a() as usize, e.b),
                Kind::Failure => self.on_tenancy_failure(e.a() as usize, e.b),
                Kind::Case => self.on_case(),
            }
            self.drain();
            self.check_households(budget)?;
            if self.processed % CHECK_EVERY_EVENTS == 0 {
                self.check_memory(budget)?;
            }
        }
        Ok(false)
    }

    /// Events, plus period-end censuses counted as one event per [`SCAN_PER_EVENT`] household
    /// records read: what the event budget limits (a census of a million households waiting,
    /// every day of a long horizon, would otherwise run for hours within a small event count).
    fn work(&self) -> u64 {
        self.processed + self.scanned / SCAN_PER_EVENT
    }

    /// Households holding a record: present, or away and due back (comebacks, failures).
    fn households(&self) -> u64 {
        (self.live + self.pending.len() - self.free_pending.len()) as u64
    }

    /// The replication's own state, bytes: household records, scheduled events, queue entries,
    /// occupant lists and series (allocated capacity, which is what the memory holds).
    pub(crate) fn memory_bytes(&self) -> u64 {
        use std::mem::size_of;
        let mut b = self.hh.capacity() * size_of::<Hh>()
            + self.free.capacity() * 4
            + self.events.capacity() * size_of::<Event>()
            + self.pending.capacity() * size_of::<events::Pending>()
            + self.free_pending.capacity() * 4
            + self.series.len() * self.c.periods * 8
            + self.waits.capacity() * size_of::<(i64, TimeAvg)>()
            + self.cohorts.memory_bytes();
        for st in &self.stages {
            b += st.queue.capacity() * size_of::<queues::QEntry>() + st.occupants.capacity() * 4;
        }
        for p in &self.pools {
            b += p.waiting.capacity() * 8;
        }
        b as u64
    }

    #[inline]
    fn check_households(&self, budget: &Budget) -> Result<(), SimError> {
        if self.households() > budget.max_households {
            return Err(self.stopped(SimError::TooManyHouseholds {
                limit: budget.max_households,
                day: 0,
                horizon_days: 0,
            }));
        }
        Ok(())
    }

    fn check_memory(&self, budget: &Budget) -> Result<(), SimError> {
        self.check_households(budget)?;
        if self.memory_bytes() > budget.max_memory_bytes {
            return Err(self.stopped(SimError::TooMuchMemory {
                limit: budget.max_memory_bytes,
                day: 0,
                horizon_days: 0,
            }));
        }
        Ok(())
    }

    /// `e` with the day reached and the horizon filled in.
    fn stopped(&self, e: SimError) -> SimError {
        let (day, horizon_days) = (self.now.max(0.0) as u64, self.c.horizon as u64);
        match e {
            SimError::TooManyEvents { limit, .. } => SimError::TooManyEvents {
                limit,
                day,
                horizon_days,
            },
            SimError::TooManyHouseholds { limit, .. } => SimError::TooManyHouseholds {
                limit,
                day,
                horizon_days,
            },
            SimError::TooMuchMemory { limit, .. } => SimError::TooMuchMemory {
                limit,
                day,
                horizon_days,
            },
            SimError::Stopped => SimError::Stopped,
        }
    }
}
