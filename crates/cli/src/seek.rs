//! `parcours seek`: « Que faut-il pour… ? » — the least amount of each lever allowed that
//! meets a target, under common random numbers (`parcours_core::seek`).
//!
//! Two forms. The search (the default): the scenario is run once as the baseline, then each
//! probe of a bisection on the same seed and replication indices; each probe depends on the
//! shares of the previous ones, so it does not split, and with several levers the least-cost
//! mix on a grid of their ranges is sought after each lever alone. The sweep form (`--grid`): every amount of each lever's grid
//! runs, in any order, so it splits into index ranges as `marginal` does (`crate::sweep`), and
//! each lever's answer is the least amount that meets the target; no mix. On a cluster, use
//! the sweep form.

use crate::input::{self, PartialFile, ScenarioFile};
use crate::sweep::{self, Partial, Plan, SplitArgs};
use crate::{
    lever_arg, runner, usage_error, Failure, ObjectiveArg, ReplicationArgs, ReportArgs,
    DEFAULT_REPLICATIONS,
};
use clap::Args;
use parcours_core::analysis::{Objective, SeekAsk};
use parcours_core::i18n::Lang;
use parcours_core::levers::{LeverId, Settings};
use parcours_core::seek::{self, Seek};
use parcours_core::target::{with_amounts, Goal, Month, Target};
use parcours_engine::{Ensemble, Scenario};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

mod report;
use report::{write, Form};

#[derive(Args)]
pub struct SeekArgs {
    /// Scenario file (JSON): the baseline a relative target is measured against; or partial
    /// seek files (from `--grid --partial`) to merge.
    #[arg(required = true, value_name = "FILE|PART")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    objective: ObjectiveArg,
    /// The target as a change against the scenario: -50% (or -0.5).
    #[arg(
        long,
        value_name = "CHANGE",
        allow_hyphen_values = true,
        conflicts_with = "level"
    )]
    target: Option<String>,
    /// The target as a level, in the objective's unit (households, household-days a year,
    /// decisions a year; a share as 0.6 or 60%).
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    level: Option<String>,
    /// The month the objective is read in, YYYY-MM [default: over the whole reporting window].
    #[arg(long, value_name = "YYYY-MM")]
    by: Option<String>,
    /// Share of the replications that must meet the target: 0.8 or 80% [default: 0.8].
    #[arg(long, value_name = "P")]
    probability: Option<String>,
    /// A lever the search may move, with optional bounds in its unit:
    /// lever-places-STAGE, lever-winter-STAGE, lever-slots-POOL, lever-alloc-STAGE or
    /// lever-prevention, as lever-places-chrs=450..900 [default bounds: from its value to the
    /// top of its slider]. Repeat for several: each is sought alone, then the least-cost mix.
    #[arg(long = "lever", value_name = "ID[=MIN..MAX]")]
    levers: Vec<String>,
    /// The sweep form: run every amount of each lever (its bounds, by its step) instead of the
    /// bisection, and answer with the least amount that meets the target (no mix). It
    /// runs more but splits into index ranges (--partial): the form to use on a cluster.
    #[arg(long)]
    grid: bool,
    #[command(flatten)]
    replications: ReplicationArgs,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    split: SplitArgs,
}

/// A number, or a percentage with `%` (`-50%` is −0.5).
fn fraction(option: &str, text: &str, example: &str) -> Result<f64, Failure> {
    let bad = || {
        Failure(format!(
            "{option} {text}: not a number; give for example {example}"
        ))
    };
    let t = text.trim();
    let x = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map_err(|_| bad())? / 100.0,
        None => t.parse::<f64>().map_err(|_| bad())?,
    };
    if x.is_finite() {
        Ok(x)
    } else {
        Err(bad())
    }
}

fn month_arg(text: &str) -> Result<Month, Failure> {
    let bad = || {
        Failure(format!(
            "--by {text}: give a month as YYYY-MM, for example 2029-12"
        ))
    };
    let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
    let (year, month) = (
        y.parse::<i32>().map_err(|_| bad())?,
        m.parse::<u32>().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok(Month { year, month })
}

/// The question asked on the command line (its replications: `replications`).
fn question(a: &SeekArgs, replications: u64) -> Result<SeekAsk, Failure> {
    let objective = a.objective.headline()?;
    let goal = match (&a.target, &a.level) {
        (Some(t), _) => {
            let c = fraction("--target", t, "-50%")?;
            if c <= -1.0 {
                return Err(Failure(format!(
                    "--target {t}: a change of −100 % or less cannot be reached; give for example -50%"
                )));
            }
            Goal::Change(c)
        }
        (None, Some(l)) => Goal::Level(fraction("--level", l, "120 or 60%")?),
        (None, None) => usage_error(
            "seek",
            "the target is missing: give --target CHANGE (-50%) or --level X",
        ),
    };
    let probability = a.probability.as_deref().unwrap_or("0.8");
    let p = fraction("--probability", probability, "0.8 or 80%")?;
    if !(p > 0.0 && p <= 1.0) {
        return Err(Failure(format!(
            "--probability {probability}: give a share above 0 and at most 1, for example 0.8 or 80%"
        )));
    }
    if a.levers.is_empty() {
        usage_error(
            "seek",
            "no lever: give at least one --lever <ID[=MIN..MAX]>",
        );
    }
    Ok(SeekAsk {
        objective: Objective(objective),
        goal,
        by: a.by.as_deref().map(month_arg).transpose()?,
        probability: p,
        levers: a
            .levers
            .iter()
            .map(|l| lever_arg(l))
            .collect::<Result<_, _>>()?,
        replications,
    })
}

/// The target seeking `ask` asks on `network` (`name` names it in messages), with the fluid
/// model's first guesses for the bisection (`use_fluid`).
fn seek_of(
    network: &Scenario,
    ask: &SeekAsk,
    name: &str,
    use_fluid: bool,
) -> Result<Seek, Failure> {
    let target = Target {
        objective: ask.objective.0,
        goal: ask.goal,
        by: ask.by,
        probability: ask.probability,
    };
    let asked: Vec<(LeverId, Option<(f64, f64)>)> = ask
        .levers
        .iter()
        .map(|l| (l.lever.clone(), l.min.zip(l.max)))
        .collect();
    let settings = Settings::default();
    let allowed = seek::allowed(network, &settings, &asked)
        .map_err(|e| Failure(format!("{name}: --lever: {}", e.text(Lang::En))))?;
    Ok(Seek::new(network, &settings, target, allowed, use_fluid))
}

/// The sweep form's plan: the scenario, the question and every amount it runs.
#[derive(Serialize, Deserialize)]
struct Sweep {
    network: Scenario,
    question: SeekAsk,
    /// Each run after the scenario's: a lever and its amount.
    amounts: Vec<(LeverId, f64)>,
}

impl Plan for Sweep {
    const COMMAND: &'static str = "seek";
    fn runs(&self) -> usize {
        self.amounts.len() + 1
    }
    fn differs(&self, other: &Self) -> Option<sweep::Difference> {
        let (a, b) = (&self.question, &other.question);
        sweep::differs("the objective", &a.objective, &b.objective)
            .or_else(|| sweep::differs("the target", &a.goal, &b.goal))
            .or_else(|| sweep::differs("the month (--by)", &a.by, &b.by))
            .or_else(|| sweep::differs("the probability", &a.probability, &b.probability))
            .or_else(|| sweep::differs("the levers", &a.levers, &b.levers))
            .or_else(|| sweep::differs("the amounts run", &self.amounts, &other.amounts))
    }
}

pub fn seek(a: SeekArgs, progress: runner::Progress) -> Result<std::process::ExitCode, Failure> {
    let fixed = [
        ("--lever", !a.levers.is_empty()),
        ("--objective", a.objective.given()),
        ("--target", a.target.is_some()),
        ("--level", a.level.is_some()),
        ("--by", a.by.is_some()),
        ("--probability", a.probability.is_some()),
        ("--grid", a.grid),
    ];
    if sweep::are_parts::<Sweep>(&a.inputs, &a.split, &a.report, &a.replications, &fixed)? {
        return answer_grid(sweep::merge::<Sweep>(&a.inputs)?, &a);
    }
    if a.split.partial && !a.grid {
        return Err(Failure(
            "--partial splits the sweep form only: add --grid (each probe of the bisection depends on the previous ones' results, so it cannot be split)".into(),
        ));
    }
    let (seed, indices) = a.replications.resolve(DEFAULT_REPLICATIONS)?;
    let sweep = a.split.sweep(&indices)?;
    let ask = question(&a, sweep[1] - sweep[0])?;
    let path = &a.inputs[0];
    let sc = input::read_scenario_to_run(path)?;
    let name = path.display().to_string();
    let network = sc.model.scenario().clone();
    let search = seek_of(&network, &ask, &name, !a.grid)?;
    search
        .target
        .reading(sc.model.layout())
        .map_err(|e| Failure(format!("{name}: {}", e.text(Lang::En))))?;
    if a.grid {
        let part = run_grid(
            path, &sc, network, ask, search, seed, &indices, sweep, &progress,
        )?;
        return answer_grid(part, &a);
    }
    let base = runner::run(&[(&sc, &indices)], seed, &progress)?
        .pop()
        .expect("one ensemble per scenario");
    let search = bisect(path, network, search, &base, seed, &indices, &progress)?;
    write(&a.report, &sc.id, &base, &search, Form::Bisection)
}

/// The bisection of each lever, then the mix search, on the baseline's seed and indices.
fn bisect(
    path: &Path,
    network: Scenario,
    mut search: Seek,
    base: &Ensemble,
    seed: u64,
    indices: &[u64],
    progress: &runner::Progress,
) -> Result<Seek, Failure> {
    let name = path.display();
    let settings = Settings::default();
    // A probe's run; the lever at its current value is the baseline, already run.
    let run_probe = |scenario: &Scenario, what: &str| {
        if *scenario == network {
            return Ok(base.clone());
        }
        let file = input::derived_scenario(path, scenario, what)?;
        Ok::<_, Failure>(
            runner::run(&[(&file, indices)], seed, progress)?
                .pop()
                .expect("one ensemble per scenario"),
        )
    };
    while let Some(r) = search.next() {
        let lever = &search.searches[r.lever].allowed.lever;
        let what = format!("{} at {}", lever.label(Lang::En), search.amount(r));
        let alt = run_probe(&search.scenario(&network, &settings, r), &what)?;
        search
            .record(r, base, &alt, &network)
            .map_err(|e| Failure(format!("{name}: {e}")))?;
    }
    while let Some(amounts) = search.next_mix() {
        let what = format!("the mix {amounts:?}");
        let alt = run_probe(&with_amounts(&network, &settings, &amounts), &what)?;
        search
            .record_mix(base, &alt)
            .map_err(|e| Failure(format!("{name}: {e}")))?;
    }
    Ok(search)
}

/// The sweep form's runs over `indices`: the scenario, then every amount of each lever.
#[allow(clippy::too_many_arguments)]
fn run_grid(
    path: &Path,
    sc: &ScenarioFile,
    network: Scenario,
    question: SeekAsk,
    search: Seek,
    seed: u64,
    indices: &[u64],
    sweep: [u64; 2],
    progress: &runner::Progress,
) -> Result<Partial<Sweep>, Failure> {
    let settings = Settings::default();
    let requests = search.grid();
    let mut files = vec![input::derived_scenario(path, &network, "the scenario")?];
    let mut amounts = Vec::new();
    for r in requests {
        let lever = &search.searches[r.lever].allowed.lever;
        let amount = search.amount(r);
        let what = format!("{} at {amount}", lever.label(Lang::En));
        files.push(input::derived_scenario(
            path,
            &search.scenario(&network, &settings, r),
            &what,
        )?);
        amounts.push((lever.id.clone(), amount));
    }
    let jobs: Vec<(&ScenarioFile, &[u64])> = files.iter().map(|f| (f, indices)).collect();
    let ensembles = runner::run(&jobs, seed, progress)?;
    Ok(Partial::new(
        sc.id.clone(),
        sweep,
        Sweep {
            network,
            question,
            amounts,
        },
        files
            .into_iter()
            .zip(ensembles)
            .map(|(f, e)| PartialFile::new(f.id, e))
            .collect(),
    ))
}

/// The sweep form's answer from its runs (or its partial file, with `--partial`).
fn answer_grid(part: Partial<Sweep>, a: &SeekArgs) -> Result<std::process::ExitCode, Failure> {
    if part.write_or_check(&a.split, &a.report)? {
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let name = a.inputs[0].display().to_string();
    let network = &part.plan.network;
    let mut search = seek_of(network, &part.plan.question, &name, false)?;
    search.mix = None;
    let base = &part.runs[0].ensemble;
    for (r, run) in search.grid().into_iter().zip(&part.runs[1..]) {
        search
            .record(r, base, &run.ensemble, network)
            .map_err(|e| Failure(format!("{name}: {e}")))?;
    }
    search.settle_grid();
    write(&a.report, &part.scenario, base, &search, Form::Grid)
}
