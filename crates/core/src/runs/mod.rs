//! What the page knows of its Monte Carlo runs, without the browser: the run parameters, what
//! the page accepts to run (`budget`), the messages to and from its workers (`protocol`), which
//! worker simulates which replication (`dispatch`), a run's progress (its merged [`Ensemble`]),
//! what the page shows of the baseline's and the scenario's runs ([`Results`]), and when a
//! change runs ([`Debounce`]). The workers and their pools are the app's (`src/runner.rs`,
//! `src/session.rs`).
//!
//! Results do not depend on the pool size: a replication is identified by its index and computed
//! from (scenario, seed, index) alone, and the ensemble is keyed by index.

pub mod budget;
pub mod dispatch;
pub mod progress;
pub mod protocol;

pub use progress::RunProgress;

use std::rc::Rc;

use parcours_engine::{Comparison, Cost, SimError, Summary, ValidationError};

use budget::Refusal;

/// Identifies one run in its pool, so results of a run that was replaced are ignored.
pub type RunId = u64;

/// Seed of every run unless a link says otherwise (fixed, so two people opening the page see the
/// same figures, and baseline and scenario share their random numbers).
pub const DEFAULT_SEED: u64 = 42;
/// Replications of a run.
pub const DEFAULT_REPLICATIONS: u64 = 200;
/// Replications of each territory's small run for the map.
pub const MAP_REPLICATIONS: u64 = 20;
/// Most workers a pool starts, whatever the machine.
pub const MAX_WORKERS: usize = 8;
/// Least time between two redraws while replications arrive, in ms.
pub const REDRAW_MS: f64 = 120.0;
/// Quiet time that ends a burst of changes (a slider being dragged), in ms.
pub const DEBOUNCE_MS: u32 = 120;

/// Seed and number of replications of the runs: the baseline and the scenario share them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunParams {
    pub seed: u64,
    pub replications: u64,
}

impl Default for RunParams {
    fn default() -> Self {
        RunParams {
            seed: DEFAULT_SEED,
            replications: DEFAULT_REPLICATIONS,
        }
    }
}

/// When a changed scenario runs: a change after a quiet spell runs at once (a click, a typed
/// value, a key press on a slider); a change within [`DEBOUNCE_MS`] of the previous one waits
/// until the changes stop for that long, so a drag does not restart the run at every pixel.
#[derive(Debug, Default)]
pub struct Debounce {
    last_change: Option<f64>,
}

impl Debounce {
    /// Records a change at `now` (ms); true if its run starts at once, false if it waits.
    pub fn change(&mut self, now: f64) -> bool {
        let quiet = self
            .last_change
            .is_none_or(|t| now - t >= f64::from(DEBOUNCE_MS));
        self.last_change = Some(now);
        quiet
    }
}

/// Workers to start for `navigator.hardwareConcurrency`: one per logical core but one (left to
/// the page), yet two on a dual-core machine (the page's share of the work is small), and one if
/// the browser does not say.
pub fn pool_size_for(cores: f64) -> usize {
    if !cores.is_finite() || cores < 2.0 {
        1
    } else {
        ((cores as usize) - 1).clamp(2, MAX_WORKERS)
    }
}

/// Splits `0..total` among `workers`: worker k gets k, k + n, k + 2n… so every worker contributes
/// early replications and the first bands come from a balanced sample.
pub fn share_replications(total: u64, workers: usize) -> Vec<Vec<u64>> {
    let workers = workers.max(1);
    let mut shares = vec![Vec::new(); workers];
    for index in 0..total {
        shares[(index % workers as u64) as usize].push(index);
    }
    shares
}

/// Why a run shows no figures: the one channel of a run's errors.
#[derive(Debug, Clone, PartialEq)]
pub enum RunError {
    /// The scenario is invalid: the engine's problems (said in the page's language).
    Invalid(Vec<ValidationError>),
    /// The page does not run it (from the engine's estimate, before running).
    Refused(Refusal),
    /// Replication `index` ran past its budget ([`budget::PAGE_BUDGET`]).
    Budget { index: u64, error: SimError },
    /// The workers failed.
    Workers(WorkerFailure),
}

/// Why a worker was replaced.
#[derive(Debug, Clone, PartialEq)]
pub enum LossReason {
    /// Its `error` event: « unreachable », out of memory, or a message it could not send.
    Crashed(String),
    /// It panicked: its panic hook's message.
    Panicked(String),
    /// It held work and said nothing for seconds.
    Stalled,
    /// It did not read a stop or a new run in time (not a failure: it is simply replaced).
    Unresponsive,
    /// It did not finish loading.
    NotStarted,
}

/// Why the workers could not finish a run.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerFailure {
    /// A worker could not be started: the browser's text.
    Start(String),
    /// Replication `index` made workers fail twice (the last time for `reason`): it is the
    /// scenario, and the run stops.
    Poisoned { index: u64, reason: LossReason },
    /// A worker read the scenario differently from the page (its text).
    Scenario(String),
    /// This many workers were lost within a minute: no more are started.
    Unstable(usize),
    /// The summary worker failed (why): the runs it was summarising stop.
    Summaries(String),
}

/// A run the page asks about before starting it: one replication's estimated cost, and the
/// minutes the whole run would take on this device (from the speed its workers showed so far).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LongRun {
    pub cost: Cost,
    pub minutes: f64,
}

/// What the page shows of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunView {
    /// Id of the run in its pool (0 before any): tells a new run from the one before.
    pub run: RunId,
    pub done: usize,
    pub total: usize,
    pub summary: Option<Rc<Summary>>,
    pub error: Option<RunError>,
    /// The run waits for the user: the engine estimates it long ([`budget::Admission::Ask`]).
    pub awaiting: Option<LongRun>,
    /// Workers lost and replaced during the run (it went on without loss).
    pub replaced: Vec<LossReason>,
}

impl RunView {
    pub fn starting(total: usize) -> Self {
        RunView {
            run: 0,
            done: 0,
            total,
            summary: None,
            error: None,
            awaiting: None,
            replaced: Vec::new(),
        }
    }
}

/// Everything the page shows of the runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub base: RunView,
    /// `None` when no scenario differs from the baseline.
    pub scen: Option<RunView>,
    pub comparison: Option<Rc<Comparison>>,
    pub cancelled: bool,
}

impl Default for Results {
    fn default() -> Self {
        Results {
            base: RunView::starting(DEFAULT_REPLICATIONS as usize),
            scen: None,
            comparison: None,
            cancelled: false,
        }
    }
}

impl Results {
    pub fn done(&self) -> usize {
        self.base.done + self.scen.as_ref().map_or(0, |s| s.done)
    }
    pub fn total(&self) -> usize {
        self.base.total + self.scen.as_ref().map_or(0, |s| s.total)
    }
    pub fn running(&self) -> bool {
        !self.cancelled && self.done() < self.total() && !self.awaiting()
    }
    /// A run waits for the user's go-ahead.
    pub fn awaiting(&self) -> bool {
        std::iter::once(&self.base)
            .chain(self.scen.as_ref())
            .any(|v| v.awaiting.is_some())
    }
    /// Every run is complete (and not cancelled half-way).
    pub fn complete(&self) -> bool {
        let (done, total) = (self.done(), self.total());
        total > 0 && done >= total
    }
    /// The errors of the runs, baseline first.
    pub fn errors(&self) -> impl Iterator<Item = &RunError> {
        std::iter::once(&self.base)
            .chain(self.scen.as_ref())
            .filter_map(|v| v.error.as_ref())
    }
    /// The scenario's summary, when one runs.
    pub fn scen_summary(&self) -> Option<Rc<Summary>> {
        self.scen.as_ref().and_then(|s| s.summary.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_after_a_quiet_spell_runs_at_once_a_burst_waits() {
        let mut d = Debounce::default();
        assert!(d.change(1000.0), "the first change runs at once");
        assert!(!d.change(1050.0), "a drag waits");
        assert!(
            !d.change(1160.0),
            "each move within the quiet time extends the wait"
        );
        assert!(
            d.change(1160.0 + f64::from(DEBOUNCE_MS)),
            "quiet long enough"
        );
        assert!(!d.change(1160.0 + f64::from(DEBOUNCE_MS) + 1.0));
    }

    #[test]
    fn pool_sizes() {
        assert_eq!(pool_size_for(f64::NAN), 1);
        assert_eq!(pool_size_for(0.0), 1);
        assert_eq!(pool_size_for(1.0), 1);
        assert_eq!(pool_size_for(2.0), 2);
        assert_eq!(pool_size_for(3.0), 2);
        assert_eq!(pool_size_for(4.0), 3);
        assert_eq!(pool_size_for(64.0), MAX_WORKERS);
    }

    #[test]
    fn shares_cover_every_index_once() {
        let shares = share_replications(10, 3);
        assert_eq!(shares[0], vec![0, 3, 6, 9]);
        assert_eq!(shares[1], vec![1, 4, 7]);
        assert_eq!(shares[2], vec![2, 5, 8]);
        let mut all: Vec<u64> = shares.concat();
        all.sort_unstable();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
        assert_eq!(share_replications(5, 0), vec![vec![0, 1, 2, 3, 4]]);
    }
}
