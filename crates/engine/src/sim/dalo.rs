//! DALO: eligibility after a time waiting since the first request, in shelter without a break,
//! or in temporary housing (once eligible, eligible until housed or gone); the recourse filed
//! by an eligible household ready and waiting, the mediation commission's decision, and the
//! prefect's deadline to rehouse a household with a favourable decision.

use super::households::Hh;
use super::Sim;
use crate::rng::{key, Streams};
use crate::scenario::{DaloClock, DaloPriority, InitialRecourse};
use crate::validate::Compiled;

/// Where a household's DALO recourse stands. Each step is taken lazily, at the household's next
/// check (a period's end, or when it moves), and dated when it happened.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Recourse {
    /// Not yet both eligible and ready and waiting.
    NotYet,
    /// No recourse to follow: it did not file, its decision was unfavourable, or it was housed.
    Closed,
    /// Filed, to be decided favourably at `decision_at`.
    Filed,
    /// Favourable decision taken: priority until housed; the deadline not yet passed.
    Decided,
    /// The prefect's deadline passed before it was housed.
    Overdue,
}

impl Sim<'_> {
    /// DALO clocks: continuous time in shelter, time in temporary housing.
    pub(super) fn start_dalo_clock(&mut self, h: u32, clock: DaloClock, entry: f64) {
        let x = &mut self.hh[h as usize];
        match clock {
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
    }

    pub(super) fn update_eligibility(&mut self, h: u32) {
        let c = self.c;
        let x = &mut self.hh[h as usize];
        if x.eligible_from <= self.now {
            return; // once eligible, eligible until housed or gone
        }
        let mut e = x.first_request + c.dalo.waiting;
        if !x.shelter_since.is_nan() {
            e = e.min(x.shelter_since + c.dalo.shelter);
        }
        if !x.temp_since.is_nan() {
            e = e.min(x.temp_since + c.dalo.temporary);
        }
        x.eligible_from = e;
    }

    /// Counts a household's first eligibility (at period ends and when it leaves).
    pub(super) fn check_eligibility(&mut self, h: u32) {
        let x = &mut self.hh[h as usize];
        if !x.was_eligible && !x.housed && x.eligible_from <= self.now {
            x.was_eligible = true;
            if self.in_window && x.eligible_from >= self.c.warmup {
                self.w_new_eligible += 1;
            }
        }
    }

    /// The household's DALO recourse, brought up to now: a household eligible and ready and
    /// waiting (since the later of the two dates) files with the recourse propensity, and its
    /// recourse is decided favourably with the favourable share (both drawn once, from a stream
    /// of its own), after the commission's delay; the prefect's deadline runs from the decision.
    /// Each step counts in the period and window where its date falls.
    pub(super) fn dalo_check(&mut self, h: u32) {
        let ctx = RecourseCtx {
            c: self.c,
            streams: &self.household_streams,
            now: self.now,
            in_window: self.in_window,
        };
        let steps = ctx.advance(&mut self.hh[h as usize]);
        self.count_recourse_steps(steps);
    }

    /// Adds a household's recourse steps ([`RecourseCtx::advance`]) to the period's counts.
    pub(super) fn count_recourse_steps(&mut self, steps: RecourseSteps) {
        self.p_recourses += steps.recourses;
        self.p_decisions += steps.decisions;
        self.p_past_deadline += steps.past_deadline;
    }

    /// Whether household `id` files a recourse once eligible and waiting, and whether its
    /// decision is favourable: drawn once, from a stream of its own.
    fn recourse_draws(&self, id: u64) -> (bool, bool) {
        recourse_draws(self.c, &self.household_streams, id)
    }

    /// The day from which household `h` ranks first in a DALO-priority queue (MODEL.md, 5.2):
    /// with `favourable_decision` (the law), the date of its favourable decision — taken, or to
    /// come as `dalo_check` will date it, since it follows from dates and draws fixed until the
    /// household moves; with `eligibility`, its eligibility date alone, housed or not (a pension-
    /// de-famille resident past its date ranks with the other eligible households instead of
    /// starving behind a class that is never empty). Never: infinity.
    pub(super) fn priority_from(&self, h: u32) -> f64 {
        let x = &self.hh[h as usize];
        match self.c.dalo.priority {
            DaloPriority::Eligibility => x.eligible_from,
            DaloPriority::FavourableDecision => match x.recourse {
                Recourse::Filed | Recourse::Decided | Recourse::Overdue => x.decision_at,
                Recourse::Closed => f64::INFINITY,
                Recourse::NotYet if x.housed || x.waiting_since.is_nan() => f64::INFINITY,
                Recourse::NotYet => match self.recourse_draws(x.id) {
                    (true, true) => x.waiting_since.max(x.eligible_from) + self.c.dalo.decision,
                    _ => f64::INFINITY,
                },
            },
        }
    }

    /// Housed: the recourse is over — a decision not yet taken is moot, a favourable one is
    /// fulfilled (late if its deadline had passed, which was counted then) — and its priority
    /// ends.
    pub(super) fn close_recourse(&mut self, h: u32) {
        self.dalo_check(h);
        let x = &mut self.hh[h as usize];
        x.recourse = Recourse::Closed;
        x.decision_at = f64::INFINITY;
    }
}

/// Recourse steps to count in the period: recourses filed, favourable decisions taken,
/// deadlines passed (each counted only in the window, and only when its date is in it).
#[derive(Default, Clone, Copy)]
pub(super) struct RecourseSteps {
    pub(super) recourses: u64,
    pub(super) decisions: u64,
    pub(super) past_deadline: u64,
}

/// What bringing a recourse up to now reads besides the household: the period-end census
/// holds it while it walks the household records.
pub(super) struct RecourseCtx<'a> {
    pub(super) c: &'a Compiled,
    pub(super) streams: &'a Streams,
    pub(super) now: f64,
    pub(super) in_window: bool,
}

impl RecourseCtx<'_> {
    /// [`Sim::dalo_check`] of household record `x`; the steps it took, to count.
    #[inline]
    pub(super) fn advance(&self, x: &mut Hh) -> RecourseSteps {
        let c = self.c;
        let now = self.now;
        let counted = |date: f64| self.in_window && date >= c.warmup;
        let mut steps = RecourseSteps::default();
        if x.housed {
            return steps;
        }
        if x.recourse == Recourse::NotYet && !x.waiting_since.is_nan() {
            let since = x.waiting_since.max(x.eligible_from);
            if since <= now {
                let (filed, favourable) = recourse_draws(c, self.streams, x.id);
                x.recourse = Recourse::Closed;
                if filed {
                    if counted(since) {
                        steps.recourses += 1;
                    }
                    if favourable {
                        x.recourse = Recourse::Filed;
                        x.decision_at = since + c.dalo.decision;
                    }
                }
            }
        }
        if x.recourse == Recourse::Filed && x.decision_at <= now {
            x.recourse = Recourse::Decided;
            if counted(x.decision_at) {
                steps.decisions += 1;
            }
        }
        let deadline = x.decision_at + c.dalo.deadline;
        if x.recourse == Recourse::Decided && deadline <= now {
            x.recourse = Recourse::Overdue;
            if counted(deadline) {
                steps.past_deadline += 1;
            }
        }
        steps
    }
}

/// Whether household `id` files a recourse once eligible and waiting, and whether its decision
/// is favourable: drawn once, from a stream of its own.
fn recourse_draws(c: &Compiled, streams: &Streams, id: u64) -> (bool, bool) {
    let dalo = &c.dalo;
    let mut draws = streams.stream(key(&[10, id]));
    let filed = draws.uniform() < dalo.recourse_propensity;
    (filed, filed && draws.uniform() < dalo.favourable_share)
}

impl Hh {
    /// Whether [`Sim::dalo_check`] at `now` may change its recourse: false means it would
    /// change nothing (a cheap test for the period-end census, which checks every household;
    /// it may say true where the check then finds nothing to do).
    #[inline]
    pub(super) fn dalo_may_change(&self, now: f64) -> bool {
        !self.housed
            && match self.recourse {
                Recourse::NotYet => {
                    !self.waiting_since.is_nan()
                        && self.waiting_since.max(self.eligible_from) <= now
                }
                Recourse::Filed | Recourse::Decided => true,
                Recourse::Closed | Recourse::Overdue => false,
            }
    }

    /// An initial household's recourse, as the scenario states it.
    pub(super) fn set_recourse(&mut self, recourse: Option<InitialRecourse>) {
        match recourse {
            None => {}
            Some(InitialRecourse::None) => self.recourse = Recourse::Closed,
            Some(InitialRecourse::Favourable { decision_days }) => {
                self.recourse = Recourse::Filed;
                self.decision_at = -decision_days;
            }
        }
    }

    /// Its recourse as an initial state would state it (`simulate_to_end`).
    pub(super) fn initial_recourse(&self, ago: impl Fn(f64) -> f64) -> Option<InitialRecourse> {
        match self.recourse {
            Recourse::NotYet => None,
            Recourse::Closed => Some(InitialRecourse::None),
            Recourse::Filed | Recourse::Decided | Recourse::Overdue => {
                Some(InitialRecourse::Favourable {
                    decision_days: ago(self.decision_at),
                })
            }
        }
    }
}
