//! `parcours marginal`: « Où agir ? » — every lever of a scenario moved by one step and run
//! against it under common random numbers, ranked (`parcours_core::marginal`).
//!
//! The sweep (the scenario and each step, on the same seed and indices) splits into index
//! ranges (`crate::sweep`): `--partial` writes every run's raw replications, and
//! `parcours marginal PART...` merges the parts into the output of one invocation.

use crate::input::{self, PartialFile, ScenarioFile, ScenarioId};
use crate::output::{self, columns, csv, human, int, interval, title, EstimateOut};
use crate::sweep::{self, Partial, Plan, SplitArgs};
use crate::{
    runner, Failure, Format, ObjectiveArg, ReplicationArgs, ReportArgs, DEFAULT_REPLICATIONS,
};
use clap::{Args, ValueEnum};
use parcours_core::csv::Cell;
use parcours_core::i18n::Lang;
use parcours_core::levers::Settings;
use parcours_core::marginal::{self, rank, sentence, RankBy, Ranking, Step};
use parcours_engine::Ensemble;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RankArg {
    /// The gain of one step.
    Step,
    /// The gain per 100 k€ a year of the step's cost.
    Cost,
}

#[derive(Args)]
pub struct MarginalArgs {
    /// A scenario file (JSON) to run, or partial marginal files (from `--partial`) to merge.
    #[arg(required = true, value_name = "FILE|PART")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    replications: ReplicationArgs,
    #[command(flatten)]
    objective: ObjectiveArg,
    /// What the levers are ranked by.
    #[arg(long, value_enum, default_value_t = RankArg::Step)]
    rank_by: RankArg,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    split: SplitArgs,
}

/// The steps of a marginal sweep (the objective and the order are chosen when answering).
#[derive(Serialize, Deserialize)]
struct Steps {
    steps: Vec<Step>,
}

impl Plan for Steps {
    const COMMAND: &'static str = "marginal";
    fn runs(&self) -> usize {
        self.steps.len() + 1
    }
    fn differs(&self, other: &Self) -> Option<sweep::Difference> {
        sweep::differs("the steps", &self.steps, &other.steps)
    }
}

pub fn marginal(
    a: MarginalArgs,
    progress: runner::Progress,
) -> Result<std::process::ExitCode, Failure> {
    let objective = a.objective.headline()?;
    let parts = sweep::are_parts::<Steps>(&a.inputs, &a.split, &a.report, &a.replications, &[])?;
    let part = if parts {
        sweep::merge::<Steps>(&a.inputs)?
    } else {
        run(&a, &progress)?
    };
    if part.write_or_check(&a.split, &a.report)? {
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let (seed, indices) = part.replications();
    let ensembles: Vec<Ensemble> = part.runs.into_iter().map(|r| r.ensemble).collect();
    let rank_by = match a.rank_by {
        RankArg::Step => RankBy::Step,
        RankArg::Cost => RankBy::Cost,
    };
    let ranking = rank(&part.plan.steps, &ensembles, &objective, rank_by, true)
        .map_err(|e| Failure(format!("cannot rank the levers: {e}")))?;
    let out = a.report.out.as_deref();
    match a.report.format {
        Format::Json => {
            output::write_json(out, &Report::new(&part.scenario, seed, &indices, &ranking))?
        }
        Format::Csv => output::write_text(out, &ranking_csv(&ranking))?,
        Format::Table => output::write_text(
            out,
            &ranking_table(&part.scenario, seed, &indices, &ranking),
        )?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn run(a: &MarginalArgs, progress: &runner::Progress) -> Result<Partial<Steps>, Failure> {
    let (seed, indices) = a.replications.resolve(DEFAULT_REPLICATIONS)?;
    let sweep = a.split.sweep(&indices)?;
    let path = &a.inputs[0];
    let sc = input::read_scenario_to_run(path)?;
    let plan = marginal::plan(sc.model.scenario(), &Settings::default());
    let files: Vec<ScenarioFile> = plan
        .all()
        .zip(std::iter::once(None).chain(plan.steps.iter().map(Some)))
        .map(|(s, step)| {
            let what = step.map_or("the scenario".to_string(), |st| st.label(Lang::En));
            input::derived_scenario(path, s, &what)
        })
        .collect::<Result<_, Failure>>()?;
    let jobs: Vec<(&ScenarioFile, &[u64])> = files.iter().map(|f| (f, &indices[..])).collect();
    let ensembles = runner::run(&jobs, seed, progress)?;
    Ok(Partial::new(
        sc.id,
        sweep,
        Steps { steps: plan.steps },
        files
            .into_iter()
            .zip(ensembles)
            .map(|(f, e)| PartialFile::new(f.id, e))
            .collect(),
    ))
}

#[derive(Serialize)]
struct LeverOut {
    rank: usize,
    lever: String,
    label: String,
    from: f64,
    to: f64,
    /// The objective in the scenario and with the step (means over the pairs).
    scenario: Option<f64>,
    with_step: Option<f64>,
    /// With the step − the scenario, paired.
    effect: EstimateOut,
    /// The same turned so that more is better for households.
    gain: EstimateOut,
    cost_per_year: Option<EstimateOut>,
    gain_per_100k_euros_a_year: Option<EstimateOut>,
    verdict: &'static str,
}

#[derive(Serialize)]
struct LeadOut {
    difference: EstimateOut,
    clear: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    scenario: &'a ScenarioId,
    seed: u64,
    pairs: usize,
    replication_indices: &'a [[u64; 2]],
    objective: &'static str,
    rank_by: RankBy,
    sentence: String,
    levers: Vec<LeverOut>,
    /// The best's gain − the second's, paired (in the ranking's unit).
    lead: Option<LeadOut>,
}

impl<'a> Report<'a> {
    fn new(id: &'a ScenarioId, seed: u64, indices: &'a [[u64; 2]], r: &Ranking) -> Report<'a> {
        Report {
            scenario: id,
            seed,
            pairs: r.pairs,
            replication_indices: indices,
            objective: r.objective.as_str(),
            rank_by: r.rank_by,
            sentence: sentence(Lang::En, r),
            levers: r
                .levers
                .iter()
                .enumerate()
                .map(|(k, l)| LeverOut {
                    rank: k + 1,
                    lever: l.step.lever.to_string(),
                    label: l.step.label(Lang::En),
                    from: l.step.from,
                    to: l.step.to,
                    scenario: l.effect.baseline,
                    with_step: l.effect.scenario,
                    effect: (&l.effect.difference).into(),
                    gain: (&l.gain).into(),
                    cost_per_year: l.cost.as_ref().map(|c| (&c.difference).into()),
                    gain_per_100k_euros_a_year: l.gain_per_100k.as_ref().map(Into::into),
                    verdict: l.verdict.code(),
                })
                .collect(),
            lead: r.lead.as_ref().map(|l| LeadOut {
                difference: (&l.difference).into(),
                clear: l.clear,
            }),
        }
    }
}

/// One row per lever, best first.
fn ranking_csv(r: &Ranking) -> String {
    let mut t = csv(&[
        "rank",
        "lever",
        "from",
        "to",
        "objective",
        "effect",
        "effect_ci_low",
        "effect_ci_high",
        "gain",
        "cost_per_year",
        "gain_per_100k_euros_a_year",
        "n",
        "verdict",
    ]);
    for (k, l) in r.levers.iter().enumerate() {
        let d = &l.effect.difference;
        t.row(&[
            int(k + 1),
            Cell::text(l.step.lever.to_string()),
            Cell::opt(Some(l.step.from)),
            Cell::opt(Some(l.step.to)),
            Cell::text(r.objective.as_str()),
            Cell::opt(d.mean),
            Cell::opt(d.ci_low),
            Cell::opt(d.ci_high),
            Cell::opt(l.gain.mean),
            Cell::opt(l.cost.as_ref().and_then(|c| c.difference.mean)),
            Cell::opt(l.gain_per_100k.as_ref().and_then(|g| g.mean)),
            int(d.n),
            Cell::text(l.verdict.code()),
        ]);
    }
    t.finish()
}

/// The ranking for a terminal, then its sentence.
fn ranking_table(id: &ScenarioId, seed: u64, indices: &[[u64; 2]], r: &Ranking) -> String {
    let mut out = format!(
        "{}\nseed {seed}, {} paired replications ({}); objective {}, ranked by {}\n\n",
        title(id),
        r.pairs,
        output::ranges_text(indices),
        r.objective.as_str(),
        match r.rank_by {
            RankBy::Step => "the gain of one step",
            RankBy::Cost => "the gain per 100 k€ a year",
        }
    );
    let mut rows = vec![vec![
        "#".to_string(),
        "step".into(),
        "effect".into(),
        "95% CI".into(),
        "cost/yr".into(),
        "gain per 100 k€/yr".into(),
        "verdict".into(),
    ]];
    for (k, l) in r.levers.iter().enumerate() {
        rows.push(vec![
            (k + 1).to_string(),
            output::printable(&l.step.label(Lang::En)),
            human(l.effect.difference.mean),
            interval(&l.effect.difference),
            human(l.cost.as_ref().and_then(|c| c.difference.mean)),
            human(l.gain_per_100k.as_ref().and_then(|g| g.mean)),
            l.verdict.code().into(),
        ]);
    }
    out.push_str(&columns(&rows));
    out.push('\n');
    out.push_str(&output::printable(&sentence(Lang::En, r)));
    out.push('\n');
    out
}
