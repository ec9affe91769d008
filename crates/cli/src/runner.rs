//! Replications in parallel on every core, with a progress bar on standard error.

use crate::input::ScenarioFile;
use crate::Failure;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parcours_engine::{simulate_within, Budget, Ensemble, OverBudget, Replication, SimError};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether to draw a progress bar: never when asked to be quiet or when standard error is not a
/// terminal (batch jobs, pipes, tests).
pub struct Progress {
    visible: bool,
    /// What each replication may use (`--max-events`, `--max-households`).
    budget: Budget,
}

impl Progress {
    pub fn new(quiet: bool, budget: Budget) -> Progress {
        Progress {
            visible: !quiet && std::io::stderr().is_terminal(),
            budget,
        }
    }

    fn bar(&self, len: u64) -> ProgressBar {
        if !self.visible {
            return ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {pos}/{len} replications, {eta} left",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    }
}

/// A replication of job `.0` that failed: (job, replication index, why).
type Failed = (usize, u64, SimError);
/// A replication's result, tagged with its job.
type Outcome = Result<(usize, Replication), Failed>;

/// Runs, for each job, the given replication indices of its scenario with `seed`, all jobs'
/// replications sharing the thread pool. Returns one ensemble per job, in order. Replications
/// are stored by index, so the result does not depend on the number of threads.
pub fn run(
    jobs: &[(&ScenarioFile, &[u64])],
    seed: u64,
    progress: &Progress,
) -> Result<Vec<Ensemble>, Failure> {
    // Refused before running when the estimate exceeds the budget: a clear message now rather
    // than minutes of work stopped half way.
    let budget = progress.budget;
    for (sc, _) in jobs {
        if let Some(over) = sc.model.estimate().exceeds(&budget) {
            let option = match over {
                OverBudget::Events { .. } => "--max-events",
                OverBudget::Households { .. } | OverBudget::Memory { .. } => "--max-households",
            };
            return Err(Failure(format!(
                "{}: {over} (raise {option} to run it anyway)",
                sc.path.display()
            )));
        }
    }
    // The first replication that fails stops the others within a few thousand events.
    let failed = AtomicBool::new(false);
    let tasks: Vec<(usize, u64)> = jobs
        .iter()
        .enumerate()
        .flat_map(|(j, (_, indices))| indices.iter().map(move |&i| (j, i)))
        .collect();
    let bar = progress.bar(tasks.len() as u64);
    let outcomes: Vec<Outcome> = tasks
        .par_iter()
        .map(|&(j, i)| {
            if failed.load(Ordering::Relaxed) {
                return Err((j, i, SimError::Stopped));
            }
            let r = simulate_within(&jobs[j].0.model, seed, i, budget, &mut || {
                failed.load(Ordering::Relaxed)
            })
            .map_err(|e| {
                failed.store(true, Ordering::Relaxed);
                (j, i, e)
            });
            bar.inc(1);
            r.map(|r| (j, r))
        })
        .collect();
    bar.finish_and_clear();
    // The failure to report is the one that stopped the others.
    let first_failure = outcomes
        .iter()
        .filter_map(|r| r.as_ref().err())
        .min_by_key(|(_, _, e)| matches!(e, SimError::Stopped))
        .cloned();
    let results: Result<Vec<(usize, Replication)>, Failed> = match first_failure {
        Some(e) => Err(e),
        None => Ok(outcomes
            .into_iter()
            .map(|r| r.expect("no failure"))
            .collect()),
    };
    let results = results.map_err(|(j, i, e)| {
        let hint = match e {
            SimError::TooManyEvents { .. } => " (raise --max-events to allow more)",
            SimError::TooManyHouseholds { .. } => " (raise --max-households to allow more)",
            SimError::TooMuchMemory { .. } | SimError::Stopped => "",
        };
        Failure(format!(
            "{}: replication {i} (seed {seed}) failed: {e}{hint}",
            jobs[j].0.path.display()
        ))
    })?;
    let mut ensembles: Vec<Ensemble> = jobs
        .iter()
        .map(|(sc, _)| Ensemble::new(sc.model.layout().clone(), seed))
        .collect();
    for (j, r) in results {
        ensembles[j].add(r);
    }
    Ok(ensembles)
}
