//! One replication: a continuous-time discrete-event simulation in days.
//!
//! Households live in a slab (slots reused after they leave), so memory follows the number of
//! households present, not the number simulated. Events and queue entries carry a generation
//! number and are skipped when stale (lazy deletion), queues are compacted when mostly stale.

use crate::dist;
use crate::output::{Replication, HOUSING_BINS, HOUSING_BIN_DAYS};
use crate::rng::{key, stream, Stream, StreamTag};
use crate::scenario::{DaloClock, ExitKind, QueueRule, MONTH_DAYS};
use crate::validate::{CKind, Compiled, Dest, Model};
use std::cmp::Ordering;
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
    /// A household arrived on the waiting list.
    fn arrived(&mut self, _household_type: usize, _now: f64) {}
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

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Loc {
    Free,
    Waiting,
    Stage(u32),
}

struct Hh {
    loc: Loc,
    ty: u16,
    /// Bumped on every change that invalidates scheduled events and queue entries.
    gen: u32,
    /// Bumped when the slot is reused (pool waiting-queue validity).
    life: u32,
    id: u64,
    rng: Stream,
    arrival: f64,
    stage_entry: f64,
    /// Day the household became ready to leave its stage (NaN before).
    ready_at: f64,
    /// Day the household joined the queue it is in (its ready date, or the day it was re-routed
    /// to an alternative destination): the start of its wait there.
    queued_since: f64,
    /// Scheduled end of stay (for rescheduling when an accompaniment slot arrives).
    ready_due: f64,
    /// Stage the household is blocked for, or NONE.
    dest: u32,
    pool: u32,
    waiting_pool: u32,
    shelter_since: f64,
    temp_since: f64,
    eligible_from: f64,
    was_eligible: bool,
    placed: bool,
    housed: bool,
    /// In stage queues (the waiting list's oriented stages, or the blocked-for stage).
    queued: bool,
    /// Arrived during the reporting window (counts in the 12/24-month cohorts).
    in_cohort: bool,
    /// Index in its stage's occupant list.
    occ_pos: u32,
}

#[derive(Clone, Copy)]
struct QEntry {
    hh: u32,
    gen: u32,
}

/// Time-weighted level: accumulates level × time between changes.
#[derive(Clone, Copy, Default)]
struct TimeAvg {
    level: f64,
    last: f64,
    area: f64,
}

impl TimeAvg {
    #[inline]
    fn set(&mut self, now: f64, level: f64) {
        self.area += self.level * (now - self.last);
        self.last = now;
        self.level = level;
    }
    /// Area since the last take, then restarts.
    fn take(&mut self, now: f64) -> f64 {
        self.area += self.level * (now - self.last);
        self.last = now;
        std::mem::take(&mut self.area)
    }
}

#[derive(Default)]
struct StageRt {
    cap: i64,
    occ: i64,
    blocked: i64,
    /// Valid entries in `queue`.
    qlen: i64,
    queue: VecDeque<QEntry>,
    occupants: Vec<u32>,
    avg_places: TimeAvg,
    avg_occ: TimeAvg,
    avg_blocked: TimeAvg,
    avg_queue: TimeAvg,
    // Per period.
    entries: u64,
    exits: u64,
    // Over the window.
    w_entries: u64,
    w_wait_sum: f64,
    w_wait_n: u64,
    w_blocked_sum: f64,
    w_stay_sum: f64,
    w_leavers: u64,
}

struct PoolRt {
    used: i64,
    waiting: VecDeque<(u32, u32)>,
    valid_waiting: i64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Arrival,
    Ready,
    Abandon,
    Timeout,
    Unit,
    Capacity,
    Report,
    Month,
    SlotRelease,
    Comeback,
    Failure,
    Case,
}

/// 24 bytes: the heap's sift operations dominate the run time, so events stay small; the rare
/// 64-bit household ids (comebacks, tenancy failures) wait in `Sim::pending_ids`.
#[derive(Clone, Copy)]
struct Event {
    t: f64,
    seq: u32,
    a: u32,
    b: u32,
    kind: Kind,
}

impl PartialEq for Event {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Event {
    /// Reversed: the heap pops the earliest event, ties in scheduling order.
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.total_cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

struct Sim<'a> {
    c: &'a Compiled,
    obs: &'a mut dyn Observer,
    seed: u64,
    rep: u64,
    now: f64,
    seq: u32,
    events: BinaryHeap<Event>,
    pending_ids: Vec<u64>,
    free_ids: Vec<u32>,
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
    // Reporting.
    in_window: bool,
    period: usize,
    period_start: f64,
    series: Vec<Vec<f64>>,
    p_arrivals: u64,
    p_housed: u64,
    p_street: u64,
    p_cost: f64,
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
    hist: Vec<u32>,
}

impl<'a> Sim<'a> {
    fn new(c: &'a Compiled, seed: u64, rep: u64, obs: &'a mut dyn Observer) -> Self {
        let n_series =
            crate::output::SYSTEM_SERIES.len() + c.stages.len() * crate::output::STAGE_SERIES.len();
        Sim {
            c,
            obs,
            seed,
            rep,
            now: 0.0,
            seq: 0,
            events: BinaryHeap::new(),
            pending_ids: Vec::new(),
            free_ids: Vec::new(),
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
            in_window: false,
            period: 0,
            period_start: 0.0,
            series: vec![vec![0.0; c.periods]; n_series],
            p_arrivals: 0,
            p_housed: 0,
            p_street: 0,
            p_cost: 0.0,
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
            hist: vec![0; HOUSING_BINS],
        }
    }

    #[inline]
    fn schedule(&mut self, t: f64, kind: Kind, a: u32, b: u32) {
        if t < self.c.horizon {
            self.seq = self.seq.wrapping_add(1);
            self.events.push(Event {
                t,
                seq: self.seq,
                a,
                b,
                kind,
            });
        }
    }

    /// Schedules an event about a household not present yet, known by its 64-bit id.
    fn schedule_for_id(&mut self, t: f64, kind: Kind, ty: u32, id: u64) {
        if t < self.c.horizon {
            let slot = match self.free_ids.pop() {
                Some(i) => {
                    self.pending_ids[i as usize] = id;
                    i
                }
                None => {
                    self.pending_ids.push(id);
                    (self.pending_ids.len() - 1) as u32
                }
            };
            self.schedule(t, kind, ty, slot);
        }
    }

    fn take_id(&mut self, slot: u32) -> u64 {
        self.free_ids.push(slot);
        self.pending_ids[slot as usize]
    }

    fn run(&mut self) -> Result<(), SimError> {
        let c = self.c;
        // Places at day 0, then the initial state, then the processes.
        for (s, st) in c.stages.iter().enumerate() {
            if let CKind::Places(p) = &st.kind {
                self.stages[s].cap = p.initial_places;
            }
        }
        let mut first_event = 0;
        while first_event < c.capacity_events.len() && c.capacity_events[first_event].0 == 0.0 {
            let (_, s, d) = c.capacity_events[first_event];
            self.stages[s].cap += d;
            first_event += 1;
        }
        for s in 0..self.stages.len() {
            let cap = self.stages[s].cap as f64;
            self.stages[s].avg_places.set(0.0, cap);
        }
        for i in first_event..c.capacity_events.len() {
            self.schedule(c.capacity_events[i].0, Kind::Capacity, i as u32, 0);
        }
        self.initial_state()?;
        for i in 0..c.streams.len() {
            self.next_arrival(i, 0.0);
        }
        for s in 0..c.stages.len() {
            if matches!(c.stages[s].kind, CKind::Allocation(_)) {
                self.next_unit(s, 0.0);
            }
        }
        if let Some(p) = &c.prevention {
            if p.cases_per_day > 0.0 {
                let t = self.prevention_rng.exp1() / p.cases_per_day;
                self.schedule(t, Kind::Case, 0, 0);
            }
            self.schedule(MONTH_DAYS, Kind::Month, 1, 0);
        }
        // Reports: the warm-up's end (a reset), then each period's end.
        if c.warmup > 0.0 {
            self.schedule(c.warmup, Kind::Report, 0, 0);
        } else {
            self.open_window();
        }
        for k in 1..c.periods {
            self.schedule(c.warmup + k as f64 * c.period, Kind::Report, k as u32, 0);
        }
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
                Kind::Month => {
                    self.handled_this_month = 0.0;
                    self.schedule((e.a + 1) as f64 * MONTH_DAYS, Kind::Month, e.a + 1, 0);
                }
                Kind::SlotRelease => self.release_slot(e.a as usize),
                Kind::Comeback => {
                    let id = self.take_id(e.b);
                    self.new_household(e.a as usize, id);
                }
                Kind::Failure => {
                    let id = self.take_id(e.b);
                    if self.in_window {
                        self.w_failures += 1;
                    }
                    self.eviction_case(e.a as usize, key(&[4, id]));
                }
                Kind::Case => {
                    let p = c.prevention.as_ref().expect("cases only with prevention");
                    let ty = self.prevention_rng.pick(&p.mix);
                    self.case_count += 1;
                    let id = key(&[5, self.case_count]);
                    let t = self.now + self.prevention_rng.exp1() / p.cases_per_day;
                    self.schedule(t, Kind::Case, 0, 0);
                    self.eviction_case(ty, id);
                }
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
        Ok(())
    }

    fn initial_state(&mut self) -> Result<(), SimError> {
        let c = self.c;
        // Occupants first, so that the waiting list sees the places they hold.
        for (k, &(s, ty, spent)) in c.initial.occupants.iter().enumerate() {
            let h = self.alloc(ty, key(&[2, k as u64]), -spent);
            self.arrivals += 1;
            self.enter(h, s, -spent);
        }
        // Longest waits first, so that first-come-first-served order holds.
        let mut order: Vec<usize> = (0..c.initial.waiting.len()).collect();
        order.sort_by(|&a, &b| {
            c.initial.waiting[b]
                .1
                .total_cmp(&c.initial.waiting[a].1)
                .then(a.cmp(&b))
        });
        for k in order {
            let (ty, waited) = c.initial.waiting[k];
            let h = self.alloc(ty, key(&[3, k as u64]), -waited);
            self.arrivals += 1;
            self.join_waiting_list(h, -waited);
        }
        Ok(())
    }

    fn alloc(&mut self, ty: usize, id: u64, arrival: f64) -> u32 {
        let rng = stream(self.seed, self.rep, StreamTag::Household, id);
        let hh = Hh {
            loc: Loc::Waiting,
            ty: ty as u16,
            gen: 0,
            life: 0,
            id,
            rng,
            arrival,
            stage_entry: f64::NAN,
            ready_at: f64::NAN,
            queued_since: f64::NAN,
            ready_due: f64::NAN,
            dest: NONE,
            pool: NONE,
            waiting_pool: NONE,
            shelter_since: f64::NAN,
            temp_since: f64::NAN,
            eligible_from: arrival + self.c.dalo.waiting,
            was_eligible: false,
            placed: false,
            housed: false,
            queued: false,
            in_cohort: false,
            occ_pos: NONE,
        };
        self.live += 1;
        match self.free.pop() {
            Some(i) => {
                let old = &self.hh[i as usize];
                let (gen, life) = (old.gen.wrapping_add(1), old.life.wrapping_add(1));
                self.hh[i as usize] = Hh { gen, life, ..hh };
                i
            }
            None => {
                self.hh.push(hh);
                (self.hh.len() - 1) as u32
            }
        }
    }

    fn release_hh(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        x.loc = Loc::Free;
        x.gen = x.gen.wrapping_add(1);
        self.free.push(h);
        self.live -= 1;
        self.exited += 1;
    }

    // ---------------------------------------------------------------- arrivals

    /// Schedules the next arrival of stream `i` after `t` (inversion of the piecewise-constant
    /// cumulative intensity, one constant rate per month).
    fn next_arrival(&mut self, i: usize, t: f64) {
        let rates = &self.c.streams[i].monthly_rate_per_day;
        let mut work = self.arrival_rng[i].exp1();
        let mut m = (t / MONTH_DAYS) as usize;
        let mut t = t;
        while m < rates.len() {
            let end = (m + 1) as f64 * MONTH_DAYS;
            let cap = rates[m] * (end - t);
            if cap >= work && rates[m] > 0.0 {
                let at = t + work / rates[m];
                self.schedule(at.min(end), Kind::Arrival, i as u32, 0);
                return;
            }
            work -= cap.max(0.0);
            t = end;
            m += 1;
        }
    }

    fn on_arrival(&mut self, i: usize) {
        let ty = self.arrival_rng[i].pick(&self.c.streams[i].mix);
        self.arrival_count[i] += 1;
        let id = key(&[1, i as u64, self.arrival_count[i]]);
        self.next_arrival(i, self.now);
        self.new_household(ty, id);
    }

    fn new_household(&mut self, ty: usize, id: u64) {
        let h = self.alloc(ty, id, self.now);
        self.arrivals += 1;
        if self.in_window {
            self.p_arrivals += 1;
            self.hh[h as usize].in_cohort = true;
            let a = self.now;
            let end = self.c.horizon;
            if a <= end - 12.0 * MONTH_DAYS {
                self.cohort12.1 += 1;
            }
            if a <= end - 24.0 * MONTH_DAYS {
                self.cohort24.1 += 1;
            }
        }
        self.obs.arrived(ty, self.now);
        self.join_waiting_list(h, self.now);
    }

    /// Puts a household on the SIAO waiting list: straight into the first oriented stage with a
    /// free place and nobody queued, else queued at every oriented stage.
    /// `ready` orders the household in the queues: its arrival, or now when it comes back.
    fn join_waiting_list(&mut self, h: u32, ready: f64) {
        let ty = self.hh[h as usize].ty as usize;
        let now = self.now;
        {
            let x = &mut self.hh[h as usize];
            x.loc = Loc::Waiting;
            x.ready_at = ready;
            x.queued_since = ready;
        }
        self.waiting += 1;
        self.avg_waiting.set(now, self.waiting as f64);
        for &s in &self.c.waiting_list.orientation[ty] {
            if self.has_free_place(s) {
                self.admit(h, s);
                return;
            }
        }
        let gen = self.hh[h as usize].gen;
        for &s in &self.c.waiting_list.orientation[ty] {
            self.enqueue(s, QEntry { hh: h, gen });
        }
        self.hh[h as usize].queued = true;
        if self.c.waiting_list.abandon_per_day > 0.0 {
            let patience = self.hh[h as usize].rng.exp1() / self.c.waiting_list.abandon_per_day;
            self.schedule(now + patience, Kind::Abandon, h, gen);
        }
    }

    fn on_abandon(&mut self, h: u32, gen: u32) {
        let x = &self.hh[h as usize];
        if x.gen != gen || x.loc != Loc::Waiting {
            return;
        }
        self.leave_waiting_list(h);
        if self.in_window {
            self.w_abandon += 1;
        }
        self.exit(h, self.c.waiting_list.abandon_exit);
    }

    fn leave_waiting_list(&mut self, h: u32) {
        self.unqueue(h);
        self.waiting -= 1;
        self.avg_waiting.set(self.now, self.waiting as f64);
        let x = &mut self.hh[h as usize];
        x.gen = x.gen.wrapping_add(1);
    }

    // ---------------------------------------------------------------- queues

    fn has_free_place(&self, s: usize) -> bool {
        let st = &self.stages[s];
        matches!(self.c.stages[s].kind, CKind::Places(_)) && st.occ < st.cap && st.qlen == 0
    }

    fn enqueue(&mut self, s: usize, e: QEntry) {
        let st = &mut self.stages[s];
        st.queue.push_back(e);
        st.qlen += 1;
        st.avg_queue.set(self.now, st.qlen as f64);
    }

    /// Marks a household's queue entries as gone (the caller bumps its generation).
    fn unqueue(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if !x.queued {
            return;
        }
        x.queued = false;
        let x = &self.hh[h as usize];
        let now = self.now;
        match x.loc {
            Loc::Waiting => {
                for &s in &self.c.waiting_list.orientation[x.ty as usize] {
                    let st = &mut self.stages[s];
                    st.qlen -= 1;
                    st.avg_queue.set(now, st.qlen as f64);
                    compact(st, &self.hh);
                }
            }
            Loc::Stage(_) if x.dest != NONE => {
                let st = &mut self.stages[x.dest as usize];
                st.qlen -= 1;
                st.avg_queue.set(now, st.qlen as f64);
                compact(st, &self.hh);
            }
            _ => {}
        }
    }

    fn valid(&self, e: &QEntry) -> bool {
        self.hh[e.hh as usize].gen == e.gen
    }

    /// Takes the next household from stage `s`'s queue, by its rule.
    fn pop_queue(&mut self, s: usize) -> Option<QEntry> {
        if self.stages[s].qlen == 0 {
            self.stages[s].queue.clear();
            return None;
        }
        if self.c.stages[s].queue == QueueRule::DaloPriority {
            let now = self.now;
            let pos = self.stages[s].queue.iter().position(|e| {
                let x = &self.hh[e.hh as usize];
                self.valid(e) && !x.housed && x.eligible_from <= now
            });
            if let Some(pos) = pos {
                return self.stages[s].queue.remove(pos);
            }
        }
        while let Some(e) = self.stages[s].queue.pop_front() {
            if self.valid(&e) {
                return Some(e);
            }
        }
        None
    }

    /// Fills free places of the stages on the worklist, cascading upstream.
    fn drain(&mut self) {
        while let Some(s) = self.worklist.pop() {
            self.fill(s);
        }
    }

    fn fill(&mut self, s: usize) {
        if !matches!(self.c.stages[s].kind, CKind::Places(_)) {
            return;
        }
        while self.stages[s].occ < self.stages[s].cap {
            match self.pop_queue(s) {
                Some(e) => self.admit(e.hh, s),
                None => break,
            }
        }
    }

    // ---------------------------------------------------------------- moves

    /// Moves household `h` (waiting, or blocked in a stage) into stage `s`.
    fn admit(&mut self, h: u32, s: usize) {
        let now = self.now;
        let ready = self.hh[h as usize].queued_since;
        match self.hh[h as usize].loc {
            Loc::Waiting => {
                self.leave_waiting_list(h);
                let x = &mut self.hh[h as usize];
                if !x.placed {
                    x.placed = true;
                    if self.in_window {
                        self.w_unsheltered_sum += now - x.arrival;
                        self.w_unsheltered_n += 1;
                    }
                }
            }
            Loc::Stage(a) => {
                self.unqueue(h);
                self.depart(h, a as usize, Some(Dest::Stage(s)));
            }
            Loc::Free => unreachable!("a queued household is present"),
        }
        let x = &mut self.hh[h as usize];
        x.gen = x.gen.wrapping_add(1);
        if self.in_window {
            let st = &mut self.stages[s];
            st.w_wait_sum += now - ready;
            st.w_wait_n += 1;
        }
        self.obs.admitted(s, ready, now);
        self.enter(h, s, now);
    }

    /// Leaves stage `a` for `next` (None: back to the waiting list).
    fn depart(&mut self, h: u32, a: usize, next: Option<Dest>) {
        let c = self.c;
        let now = self.now;
        let x = &self.hh[h as usize];
        let was_blocked = x.dest != NONE;
        let (entry, ready, pos) = (x.stage_entry, x.ready_at, x.occ_pos);
        let st = &mut self.stages[a];
        st.occ -= 1;
        st.avg_occ.set(now, st.occ as f64);
        if was_blocked {
            st.blocked -= 1;
            st.avg_blocked.set(now, st.blocked as f64);
            self.blocked_total -= 1;
            self.avg_blocked_total.set(now, self.blocked_total as f64);
        }
        // Occupant list: swap-remove.
        let last = *st.occupants.last().expect("occupant present");
        st.occupants.swap_remove(pos as usize);
        if last != h {
            self.hh[last as usize].occ_pos = pos;
        }
        if self.in_window {
            st.exits += 1;
            st.w_leavers += 1;
            // Whole durations, including any part before the window or day 0.
            st.w_stay_sum += now - entry;
            if was_blocked {
                st.w_blocked_sum += now - ready;
            }
        }
        self.worklist.push(a);
        // Accompaniment goes on in a stage attached to the same pool, and into housing.
        let (next_stage, into_housing) = match next {
            Some(Dest::Stage(k)) => (Some(k), matches!(c.stages[k].kind, CKind::Allocation(_))),
            Some(Dest::Exit(e)) => (None, c.exits[e].kind == ExitKind::Housed),
            None => (None, false),
        };
        let keeps = |p: u32| next_stage.is_some_and(|k| c.pools[p as usize].attached[k]);
        let x = &mut self.hh[h as usize];
        x.dest = NONE;
        x.occ_pos = NONE;
        if x.waiting_pool != NONE && !keeps(x.waiting_pool) {
            let p = x.waiting_pool as usize;
            x.waiting_pool = NONE;
            self.pools[p].valid_waiting -= 1;
        }
        let x = &mut self.hh[h as usize];
        if x.pool != NONE && !keeps(x.pool) && !into_housing {
            let p = x.pool as usize;
            x.pool = NONE;
            self.release_slot(p);
        }
    }

    /// Enters stage `s` at time `entry` (negative for the initial state).
    fn enter(&mut self, h: u32, s: usize, entry: f64) {
        let c = self.c;
        let now = self.now;
        if self.in_window {
            self.stages[s].entries += 1;
            self.stages[s].w_entries += 1;
        }
        match &c.stages[s].kind {
            CKind::Allocation(al) => {
                self.check_eligibility(h);
                self.record_housed(h);
                if self.in_window {
                    self.p_cost += al.cost_per_allocation;
                    self.stages[s].exits += 1;
                }
                // Tenancy failure: hazard λ·m while accompanied (D days), λ after.
                let x = &mut self.hh[h as usize];
                let lambda = al.failure_per_day;
                let (m, d) = if x.pool != NONE {
                    let p = &c.pools[x.pool as usize];
                    (p.tenancy_failure_multiplier, p.days_in_housing)
                } else {
                    (1.0, 0.0)
                };
                if lambda > 0.0 {
                    let e = x.rng.exp1();
                    let first = lambda * m * d;
                    let t = if e < first {
                        e / (lambda * m)
                    } else {
                        d + (e - first) / lambda
                    };
                    let (ty, id) = (x.ty as u32, x.id);
                    self.schedule_for_id(now + t, Kind::Failure, ty, id);
                }
                self.end_accompaniment_in_housing(h);
                self.release_hh(h);
            }
            CKind::Places(pl) => {
                let st = &mut self.stages[s];
                st.occ += 1;
                st.avg_occ.set(now, st.occ as f64);
                let pos = st.occupants.len() as u32;
                st.occupants.push(h);
                let x = &mut self.hh[h as usize];
                x.loc = Loc::Stage(s as u32);
                x.stage_entry = entry;
                x.ready_at = f64::NAN;
                x.occ_pos = pos;
                x.placed = true;
                // DALO clocks: continuous time in shelter, time in temporary housing.
                match pl.dalo_clock {
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
                self.update_eligibility(h);
                if pl.counts_as_housing {
                    self.check_eligibility(h);
                    self.record_housed(h);
                }
                // Accompaniment: a free slot of an attached pool, else wait or go without.
                if self.hh[h as usize].pool == NONE {
                    for &p in &c.stages[s].pools {
                        if self.pools[p].used < c.pools[p].slots {
                            self.pools[p].used += 1;
                            self.hh[h as usize].pool = p as u32;
                            break;
                        }
                    }
                    if self.hh[h as usize].pool == NONE && self.hh[h as usize].waiting_pool == NONE
                    {
                        if let Some(&p) = c.stages[s].pools.iter().find(|&&p| c.pools[p].wait) {
                            let life = self.hh[h as usize].life;
                            self.hh[h as usize].waiting_pool = p as u32;
                            self.pools[p].waiting.push_back((h, life));
                            self.pools[p].valid_waiting += 1;
                        }
                    }
                }
                let x = &mut self.hh[h as usize];
                let ty = x.ty as usize;
                let m = if x.pool != NONE {
                    c.pools[x.pool as usize].stay_multiplier
                } else {
                    1.0
                };
                // The initial state's households have already spent `now - entry` days: their
                // stay is drawn conditionally on exceeding it.
                let spent = now - entry;
                let stay = if spent > 0.0 && m > 0.0 {
                    dist::draw_beyond(&pl.stay[ty], spent / m, &mut x.rng) * m
                } else {
                    dist::draw(&pl.stay[ty], &mut x.rng) * m
                };
                let due = (entry + stay).max(now);
                x.ready_due = due;
                let gen = x.gen;
                self.schedule(due, Kind::Ready, h, gen);
            }
        }
    }

    /// End of stay: draw the next destination; go there, or stay blocked and queue there.
    fn on_ready(&mut self, h: u32, gen: u32) {
        let c = self.c;
        let x = &self.hh[h as usize];
        if x.gen != gen {
            return;
        }
        let Loc::Stage(a) = x.loc else { return };
        let a = a as usize;
        let CKind::Places(pl) = &c.stages[a].kind else {
            return;
        };
        let ty = x.ty as usize;
        let table = &pl.routes[ty][if x.pool == NONE {
            0
        } else {
            x.pool as usize + 1
        }];
        let x = &mut self.hh[h as usize];
        x.ready_at = self.now;
        x.queued_since = self.now;
        let d = table.dests[x.rng.pick(&table.cumulative)];
        self.go_or_block(h, a, d);
        if let (Some(m), true) = (pl.max_blocked_days, self.hh[h as usize].dest != NONE) {
            let gen = self.hh[h as usize].gen;
            self.schedule(self.now + m, Kind::Timeout, h, gen);
        }
    }

    fn go_or_block(&mut self, h: u32, a: usize, d: Dest) {
        match d {
            Dest::Exit(e) => {
                self.depart(h, a, Some(d));
                self.exit(h, e);
            }
            Dest::Stage(k) if self.has_free_place(k) => self.admit(h, k),
            Dest::Stage(k) => {
                let now = self.now;
                let st = &mut self.stages[a];
                st.blocked += 1;
                st.avg_blocked.set(now, st.blocked as f64);
                self.blocked_total += 1;
                self.avg_blocked_total.set(now, self.blocked_total as f64);
                let x = &mut self.hh[h as usize];
                x.dest = k as u32;
                x.queued = true;
                let e = QEntry { hh: h, gen: x.gen };
                self.enqueue(k, e);
            }
        }
    }

    /// Maximum blocked time reached: take the stage's alternative route.
    fn on_timeout(&mut self, h: u32, gen: u32) {
        let x = &self.hh[h as usize];
        if x.gen != gen || x.dest == NONE {
            return;
        }
        let Loc::Stage(a) = x.loc else { return };
        let a = a as usize;
        let CKind::Places(pl) = &self.c.stages[a].kind else {
            return;
        };
        self.unqueue(h);
        let x = &mut self.hh[h as usize];
        x.gen = x.gen.wrapping_add(1);
        x.queued_since = self.now;
        let d = pl.alternative.dests[x.rng.pick(&pl.alternative.cumulative)];
        match d {
            // Still blocked, now for the alternative stage: it joins that queue.
            Dest::Stage(k) if !self.has_free_place(k) => {
                let x = &mut self.hh[h as usize];
                x.dest = k as u32;
                x.queued = true;
                let e = QEntry { hh: h, gen: x.gen };
                self.enqueue(k, e);
            }
            // Leaving: `depart` still sees it blocked and counts its blocked days.
            _ => self.go_or_block(h, a, d),
        }
    }

    fn exit(&mut self, h: u32, e: usize) {
        let c = self.c;
        self.check_eligibility(h);
        let kind = c.exits[e].kind;
        if self.in_window && kind == ExitKind::Street {
            self.p_street += 1;
        }
        if kind == ExitKind::Housed {
            self.record_housed(h);
            self.end_accompaniment_in_housing(h);
        } else if self.hh[h as usize].pool != NONE {
            let p = self.hh[h as usize].pool as usize;
            self.hh[h as usize].pool = NONE;
            self.release_slot(p);
        }
        if let Some((p, mean)) = c.exits[e].comeback {
            let x = &mut self.hh[h as usize];
            if x.rng.uniform() < p {
                let delay = x.rng.exp1() * mean;
                let (ty, id) = (x.ty as u32, key(&[6, x.id]));
                self.schedule_for_id(self.now + delay, Kind::Comeback, ty, id);
            }
        }
        self.release_hh(h);
    }

    /// A housed household keeps its accompaniment slot for the pool's months in housing.
    fn end_accompaniment_in_housing(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if x.pool == NONE {
            return;
        }
        let p = x.pool as usize;
        x.pool = NONE;
        let d = self.c.pools[p].days_in_housing;
        if d <= 0.0 {
            self.release_slot(p);
        } else if self.now + d < self.c.horizon {
            self.schedule(self.now + d, Kind::SlotRelease, p as u32, 0);
        } // else the slot stays taken until the horizon
    }

    /// Frees a slot of pool `p` and gives it to the first household still waiting for one.
    fn release_slot(&mut self, p: usize) {
        self.pools[p].used -= 1;
        while let Some((h, life)) = self.pools[p].waiting.pop_front() {
            let x = &self.hh[h as usize];
            if x.life != life || x.waiting_pool != p as u32 || x.loc == Loc::Free {
                continue;
            }
            self.pools[p].valid_waiting -= 1;
            self.pools[p].used += 1;
            let m = self.c.pools[p].stay_multiplier;
            let now = self.now;
            let x = &mut self.hh[h as usize];
            x.waiting_pool = NONE;
            x.pool = p as u32;
            // Not yet ready: the rest of the stay is shortened (or lengthened) from now on.
            if x.ready_at.is_nan() && x.ready_due > now {
                x.ready_due = now + (x.ready_due - now) * m;
                x.gen = x.gen.wrapping_add(1);
                let (due, gen) = (x.ready_due, x.gen);
                self.schedule(due, Kind::Ready, h, gen);
            }
            break;
        }
        let pool = &mut self.pools[p];
        if pool.waiting.len() > 64 && pool.waiting.len() as i64 > 2 * pool.valid_waiting.max(0) {
            let hh = &self.hh;
            pool.waiting.retain(|&(h, life)| {
                hh[h as usize].life == life && hh[h as usize].waiting_pool == p as u32
            });
        }
    }

    fn record_housed(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if x.housed {
            return;
        }
        x.housed = true;
        if !self.in_window {
            return;
        }
        let delay = self.now - x.arrival;
        self.p_housed += 1;
        self.w_housed += 1;
        self.w_housing_time_sum += delay;
        let bin = ((delay / HOUSING_BIN_DAYS) as usize).min(HOUSING_BINS - 1);
        self.hist[bin] += 1;
        let end = self.c.horizon;
        if x.in_cohort {
            if x.arrival <= end - 12.0 * MONTH_DAYS && delay <= 12.0 * MONTH_DAYS {
                self.cohort12.0 += 1;
            }
            if x.arrival <= end - 24.0 * MONTH_DAYS && delay <= 24.0 * MONTH_DAYS {
                self.cohort24.0 += 1;
            }
        }
    }

    // ---------------------------------------------------------------- DALO

    fn update_eligibility(&mut self, h: u32) {
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
    fn check_eligibility(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if !x.was_eligible && !x.housed && x.eligible_from <= self.now {
            x.was_eligible = true;
            if self.in_window && x.eligible_from >= self.c.warmup {
                self.w_new_eligible += 1;
            }
        }
    }

    // ---------------------------------------------------------------- other processes

    fn next_unit(&mut self, s: usize, t: f64) {
        let CKind::Allocation(al) = &self.c.stages[s].kind else {
            return;
        };
        let mut work = self.unit_rng[s].exp1();
        let mut t = t;
        let mut i = al.rates.iter().rposition(|r| r.0 <= t).unwrap_or(0);
        loop {
            let rate = al.rates[i].1;
            let end = al.rates.get(i + 1).map_or(f64::INFINITY, |r| r.0);
            let cap = rate * (end - t);
            if rate > 0.0 && cap >= work {
                self.schedule(t + work / rate, Kind::Unit, s as u32, 0);
                return;
            }
            if end >= self.c.horizon {
                return;
            }
            work -= cap;
            t = end;
            i += 1;
        }
    }

    /// A dwelling becomes available: the next household in the queue takes it, else it goes to
    /// the ordinary demand (units are not stored).
    fn on_unit(&mut self, s: usize) {
        self.next_unit(s, self.now);
        if let Some(e) = self.pop_queue(s) {
            self.admit(e.hh, s);
        }
    }

    fn on_capacity(&mut self, i: usize) {
        let (_, s, d) = self.c.capacity_events[i];
        let now = self.now;
        let st = &mut self.stages[s];
        st.cap += d;
        st.avg_places.set(now, st.cap as f64);
        // Places below occupancy: the last households in go back to the waiting list.
        while self.stages[s].occ > self.stages[s].cap.max(0) {
            let st = &self.stages[s];
            let h = *st
                .occupants
                .iter()
                .max_by(|&&a, &&b| {
                    let (x, y) = (&self.hh[a as usize], &self.hh[b as usize]);
                    x.stage_entry
                        .total_cmp(&y.stage_entry)
                        .then(x.id.cmp(&y.id))
                })
                .expect("occupied");
            self.unqueue(h);
            self.check_eligibility(h);
            self.depart(h, s, None);
            let x = &mut self.hh[h as usize];
            x.gen = x.gen.wrapping_add(1);
            x.shelter_since = f64::NAN;
            x.temp_since = f64::NAN;
            self.update_eligibility(h);
            self.join_waiting_list(h, now);
        }
        self.worklist.push(s);
    }

    fn eviction_case(&mut self, ty: usize, id: u64) {
        let c = self.c;
        if self.in_window {
            self.w_cases += 1;
        }
        if let Some(p) = &c.prevention {
            let mut rng = stream(self.seed, self.rep, StreamTag::Household, id);
            if self.handled_this_month + 1.0 <= p.capacity_per_month {
                self.handled_this_month += 1.0;
                if self.in_window {
                    self.p_cost += p.cost_per_case;
                }
                if rng.uniform() < p.success_rate {
                    if self.in_window {
                        self.w_prevented += 1;
                    }
                    return;
                }
            }
            if rng.uniform() >= p.share_to_waiting_list {
                return;
            }
        }
        self.new_household(ty, key(&[7, id]));
    }

    // ---------------------------------------------------------------- reporting

    fn open_window(&mut self) {
        let now = self.now;
        self.in_window = true;
        self.period_start = now;
        self.avg_waiting.take(now);
        self.avg_blocked_total.take(now);
        for st in &mut self.stages {
            st.avg_places.take(now);
            st.avg_occ.take(now);
            st.avg_blocked.take(now);
            st.avg_queue.take(now);
            st.entries = 0;
            st.exits = 0;
        }
        self.census();
    }

    fn on_report(&mut self) {
        if !self.in_window {
            self.open_window();
        } else {
            self.close_period();
        }
    }

    fn census(&mut self) {
        let census = Census {
            time: self.now,
            arrivals: self.arrivals,
            exited: self.exited,
            waiting: self.waiting as u64,
            occupancy: self.stages.iter().map(|s| s.occ).collect(),
            places: self
                .c
                .stages
                .iter()
                .zip(&self.stages)
                .map(|(c, s)| {
                    if matches!(c.kind, CKind::Places(_)) {
                        s.cap
                    } else {
                        0
                    }
                })
                .collect(),
        };
        self.obs.census(&census);
    }

    fn close_period(&mut self) {
        let c = self.c;
        let now = self.now;
        let len = now - self.period_start;
        if self.period >= c.periods || len <= 0.0 {
            return;
        }
        let p = self.period;
        // DALO-eligible households present now (not housed).
        let mut eligible = 0u64;
        for i in 0..self.hh.len() {
            let x = &self.hh[i];
            if x.loc != Loc::Free && !x.housed && x.eligible_from <= now {
                eligible += 1;
                if !x.was_eligible {
                    self.check_eligibility(i as u32);
                }
            }
        }
        self.w_eligible_snapshots += eligible as f64;
        let mut cost = self.p_cost;
        for (s, st) in self.stages.iter_mut().enumerate() {
            let base = crate::output::SYSTEM_SERIES.len() + s * crate::output::STAGE_SERIES.len();
            let places = st.avg_places.take(now);
            if let CKind::Places(pl) = &c.stages[s].kind {
                cost += places * pl.cost_per_place_day;
            }
            self.series[base][p] = places / len;
            self.series[base + 1][p] = st.avg_occ.take(now) / len;
            self.series[base + 2][p] = st.avg_blocked.take(now) / len;
            self.series[base + 3][p] = st.avg_queue.take(now) / len;
            self.series[base + 4][p] = std::mem::take(&mut st.entries) as f64;
            self.series[base + 5][p] = std::mem::take(&mut st.exits) as f64;
        }
        for pool in &c.pools {
            cost += pool.slots as f64 * pool.cost_per_slot_day * len;
        }
        self.series[0][p] = self.avg_waiting.take(now) / len;
        self.series[1][p] = eligible as f64;
        self.series[2][p] = std::mem::take(&mut self.p_arrivals) as f64;
        self.series[3][p] = std::mem::take(&mut self.p_housed) as f64;
        self.series[4][p] = std::mem::take(&mut self.p_street) as f64;
        self.series[5][p] = self.avg_blocked_total.take(now) / len;
        self.series[6][p] = cost;
        self.p_cost = 0.0;
        self.period += 1;
        self.period_start = now;
        self.census();
    }

    fn finish(self, index: u64) -> Replication {
        let c = self.c;
        let window = c.horizon - c.warmup;
        let years = window / 365.25;
        let periods = c.periods as f64;
        // Time-weighted mean of a series over the window (last period may be shorter).
        let weights: Vec<f64> = (0..c.periods)
            .map(|p| {
                ((c.warmup + (p + 1) as f64 * c.period).min(c.horizon)
                    - (c.warmup + p as f64 * c.period))
                    / window
            })
            .collect();
        let avg = |i: usize| -> f64 {
            self.series[i]
                .iter()
                .zip(&weights)
                .map(|(v, w)| v * w)
                .sum()
        };
        let total = |i: usize| -> f64 { self.series[i].iter().sum() };
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
        let housed = self.w_housed as f64;
        let cost = total(6);
        let new_eligible = self.w_new_eligible as f64 / years;
        let mut h = vec![
            avg(0),
            self.w_eligible_snapshots / periods,
            new_eligible,
            new_eligible * c.dalo.recourse_propensity,
            housed / years,
            median_days(&self.hist),
            ratio(self.w_housing_time_sum, housed),
            ratio(self.w_unsheltered_sum, self.w_unsheltered_n as f64),
            ratio(self.cohort12.0 as f64, self.cohort12.1 as f64),
            ratio(self.cohort24.0 as f64, self.cohort24.1 as f64),
            avg(5),
            total(4) / years,
            total(2) / years,
            self.w_abandon as f64 / years,
            self.w_cases as f64 / years,
            self.w_prevented as f64 / years,
            self.w_failures as f64 / years,
            cost / years,
            ratio(cost, housed),
        ];
        for (s, st) in self.stages.iter().enumerate() {
            let base = crate::output::SYSTEM_SERIES.len() + s * crate::output::STAGE_SERIES.len();
            h.push(avg(base));
            h.push(avg(base + 1));
            h.push(avg(base + 2));
            h.push(avg(base + 3));
            h.push(st.w_entries as f64 / years);
            h.push(ratio(st.w_wait_sum, st.w_wait_n as f64));
            h.push(ratio(st.w_blocked_sum, st.w_leavers as f64));
            h.push(ratio(st.w_stay_sum, st.w_leavers as f64));
        }
        Replication {
            index,
            series: self.series,
            headlines: h,
            time_to_housing_weeks: self.hist,
            events: self.processed,
            peak_households: self.hh.len() as u64,
        }
    }
}

/// Drops stale entries when they make up most of a queue (bounded memory).
fn compact(st: &mut StageRt, hh: &[Hh]) {
    if st.queue.len() > 64 && st.queue.len() as i64 > 2 * st.qlen.max(0) {
        st.queue.retain(|e| hh[e.hh as usize].gen == e.gen);
    }
}

/// Median of a weekly histogram, in days, interpolated within the bin (NaN when empty).
fn median_days(hist: &[u32]) -> f64 {
    let n: u64 = hist.iter().map(|&x| x as u64).sum();
    if n == 0 {
        return f64::NAN;
    }
    let half = n as f64 / 2.0;
    let mut acc = 0.0;
    for (i, &x) in hist.iter().enumerate() {
        let next = acc + x as f64;
        if next >= half && x > 0 {
            return (i as f64 + (half - acc) / x as f64) * HOUSING_BIN_DAYS;
        }
        acc = next;
    }
    hist.len() as f64 * HOUSING_BIN_DAYS
}
