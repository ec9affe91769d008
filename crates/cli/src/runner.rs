//! Replications in parallel on every core, with a progress bar on standard error.

use crate::input::ScenarioFile;
use crate::Failure;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parcours_engine::{simulate, Ensemble, Replication, SimError};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Whether to draw a progress bar: never when asked to be quiet or when standard error is not a
/// terminal (batch jobs, pipes, tests).
pub struct Progress {
    visible: bool,
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        Progress {
            visible: !quiet && std::io::stderr().is_terminal(),
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

/// Runs, for each job, the given replication indices of its scenario with `seed`, all jobs'
/// replications sharing the thread pool. Returns one ensemble per job, in order. Replications
/// are stored by index, so the result does not depend on the number of threads.
pub fn run(
    jobs: &[(&ScenarioFile, &[u64])],
    seed: u64,
    progress: &Progress,
) -> Result<Vec<Ensemble>, Failure> {
    let tasks: Vec<(usize, u64)> = jobs
        .iter()
        .enumerate()
        .flat_map(|(j, (_, indices))| indices.iter().map(move |&i| (j, i)))
        .collect();
    let bar = progress.bar(tasks.len() as u64);
    let results: Result<Vec<(usize, Replication)>, (usize, u64, SimError)> = tasks
        .par_iter()
        .map(|&(j, i)| {
            let r = simulate(&jobs[j].0.model, seed, i).map_err(|e| (j, i, e));
            bar.inc(1);
            r.map(|r| (j, r))
        })
        .collect();
    bar.finish_and_clear();
    let results = results.map_err(|(j, i, e)| {
        Failure(format!(
            "{}: replication {i} (seed {seed}) failed: {e}",
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
