//! `parcours optimise`: the budget optimiser (`parcours_core::optimise`, MODEL.md 16.7) — the
//! mix of lever amounts that best serves an objective within a yearly budget, the cost–outcome
//! front, and the best mixes re-run on the simulation under common random numbers with a
//! ranking-and-selection verdict.
//!
//! The search runs on the fluid approximation where it is reliable, else on the first
//! `search_replications(N)` of the sweep's N replications; the finals run the scenario and each
//! finalist over the replication indices, on the same seed. The finals split into index ranges
//! (`crate::sweep`): every part searches alike (deterministic; on the sweep's first indices,
//! whatever its own range), runs its range of the finals and writes them with the search's
//! outcome; `parcours optimise PART...` merges the parts and ranks the finalists.

use crate::input::{self, PartialFile, ScenarioId};
use crate::output::{self, columns, csv, human, interval, title, EstimateOut};
use crate::sweep::{self, Partial, Plan, SplitArgs};
use crate::{
    lever_arg, runner, usage_error, Failure, Format, ObjectiveArg, ReplicationArgs, ReportArgs,
};
use clap::Args;
use parcours_core::analysis::{Objective, OptimiseAsk};
use parcours_core::csv::Cell;
use parcours_core::i18n::Lang;
use parcours_core::optimise::{
    mix_label, search, search_replications, select, sentences, Found, Grid, Method, Problem,
    Scheduled, Selection, Simulated, Strategy,
};
use parcours_engine::{Ensemble, Estimate, Scenario};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Replications of the finals when `-n` is not given.
const DEFAULT_REPLICATIONS: u64 = 100;

#[derive(Args)]
pub struct OptimiseArgs {
    /// A scenario file (JSON), or partial optimise files (from `--partial`) to merge.
    #[arg(required = true, value_name = "FILE|PART")]
    inputs: Vec<PathBuf>,
    /// Euros a year the mix may add to the scenario's cost (levers lowered free their cost).
    #[arg(long, value_name = "EUROS", allow_negative_numbers = true)]
    budget: Option<f64>,
    /// A lever the search may move, with the values it may take (as on the levers' panel:
    /// places, slots, dwellings or cases a month), by default from the scenario's value to the
    /// panel's upper bound: `lever-places-chrs=451..651`. Repeat for each lever.
    #[arg(long = "lever", value_name = "ID[=MIN..MAX]")]
    levers: Vec<String>,
    /// Places that can open a year, all place levers together: the places a mix adds open year
    /// after year as dated openings, the stage whose places do most a euro first.
    #[arg(long, value_name = "N")]
    open_per_year: Option<u32>,
    #[command(flatten)]
    objective: ObjectiveArg,
    #[command(flatten)]
    replications: ReplicationArgs,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    split: SplitArgs,
}

/// What the parts of an optimiser share: the scenario, the question and the search's outcome.
#[derive(Serialize, Deserialize)]
struct Finals {
    network: Scenario,
    question: OptimiseAsk,
    found: Found,
}

impl Plan for Finals {
    const COMMAND: &'static str = "optimise";
    fn runs(&self) -> usize {
        self.found.finalists.len() + 1
    }
    fn differs(&self, other: &Self) -> Option<sweep::Difference> {
        let (a, b) = (&self.question, &other.question);
        sweep::differs("the objective", &a.objective, &b.objective)
            .or_else(|| sweep::differs("the budget", &a.budget, &b.budget))
            .or_else(|| sweep::differs("--open-per-year", &a.open_per_year, &b.open_per_year))
            .or_else(|| sweep::differs("the levers", &a.levers, &b.levers))
            .or_else(|| sweep::differs("the search's outcome", &self.found, &other.found))
    }
}

/// The optimiser's problem for `ask` on `network`.
fn problem(network: &Scenario, ask: &OptimiseAsk, name: &str) -> Result<Problem, Failure> {
    let levers = ask
        .levers
        .iter()
        .map(|l| {
            Grid::new(network, &l.lever, l.min.zip(l.max))
                .map_err(|e| Failure(format!("--lever {}: {e}", l.lever)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Problem::new(
        network.clone(),
        levers,
        ask.budget,
        ask.open_per_year,
        ask.objective.0,
    )
    .map_err(|e| Failure(format!("{name}: {e}")))
}

pub fn optimise(
    a: OptimiseArgs,
    progress: runner::Progress,
) -> Result<std::process::ExitCode, Failure> {
    let fixed = [
        ("--budget", a.budget.is_some()),
        ("--lever", !a.levers.is_empty()),
        ("--open-per-year", a.open_per_year.is_some()),
        ("--objective", a.objective.given()),
    ];
    let parts =
        sweep::are_parts::<Finals>(&a.inputs, &a.split, &a.report, &a.replications, &fixed)?;
    let part = if parts {
        sweep::merge::<Finals>(&a.inputs)?
    } else {
        run(&a, &progress)?
    };
    if part.write_or_check(&a.split, &a.report)? {
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let name = a.inputs[0].display().to_string();
    let Finals {
        network,
        question,
        found,
    } = &part.plan;
    // Scheduled in the order the search ranked (and scored every mix with).
    let problem = problem(network, question, &name)?
        .with_opening_order(&found.opening_order)
        .map_err(|e| Failure(format!("{name}: {e}")))?;
    let (seed, indices) = part.replications();
    let ensembles: Vec<Ensemble> = part.runs.iter().map(|r| r.ensemble.clone()).collect();
    let selection = select(&found.finalists, &ensembles, &question.objective.0)
        .map_err(|e| Failure(format!("cannot rank the finalists: {e}")))?;
    let report = Report::new(&part.scenario, seed, indices, &problem, found, &selection);
    let out = a.report.out.as_deref();
    match a.report.format {
        Format::Json => output::write_json(out, &report)?,
        Format::Csv => output::write_text(out, &report_csv(&problem, &report))?,
        Format::Table => output::write_text(out, &report_table(&part.scenario, &report))?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The search (on the sweep's first indices when it runs on the simulation), then the finals
/// over this run's indices.
fn run(a: &OptimiseArgs, progress: &runner::Progress) -> Result<Partial<Finals>, Failure> {
    let goal = a.objective.headline()?;
    let Some(budget) = a.budget else {
        usage_error("optimise", "no budget: give --budget <EUROS>");
    };
    if !budget.is_finite() || budget < 0.0 {
        return Err(Failure(format!(
            "--budget {budget}: give the euros a year the mix may add, a number ≥ 0"
        )));
    }
    if a.levers.is_empty() {
        usage_error(
            "optimise",
            "no lever: give at least one --lever <ID[=MIN..MAX]>",
        );
    }
    let (seed, indices) = a.replications.resolve(DEFAULT_REPLICATIONS)?;
    let sweep = a.split.sweep(&indices)?;
    let question = OptimiseAsk {
        objective: Objective(goal),
        budget,
        open_per_year: a.open_per_year,
        levers: a
            .levers
            .iter()
            .map(|l| lever_arg(l))
            .collect::<Result<_, _>>()?,
        replications: sweep[1] - sweep[0],
    };
    let path = a.inputs[0].as_path();
    let sc = input::read_scenario_to_run(path)?;
    let network = sc.model.scenario().clone();
    let problem = problem(&network, &question, &path.display().to_string())?;
    let run = |scenarios: &[Scenario], indices: &[u64]| -> Result<Vec<Ensemble>, Failure> {
        let files = scenarios
            .iter()
            .map(|s| input::derived_scenario(path, s, "a mix of the levers"))
            .collect::<Result<Vec<_>, _>>()?;
        let jobs: Vec<_> = files.iter().map(|f| (f, indices)).collect();
        runner::run(&jobs, seed, progress)
    };
    let search_n = search_replications(question.replications);
    let search_indices: Vec<u64> = (sweep[0]..sweep[0] + search_n).collect();
    let mut simulation = Simulated {
        objective: goal.id,
        replications: search_n,
        run: |s: &[Scenario]| run(s, &search_indices).map_err(|Failure(m)| m),
    };
    let found = search(&problem, &mut simulation)
        .map_err(|e| Failure(format!("{}: cannot optimise: {e}", path.display())))?;
    let problem = problem
        .with_opening_order(&found.opening_order)
        .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    let finals: Vec<Scenario> = std::iter::once(problem.network.clone())
        .chain(found.finalists.iter().map(|m| problem.scenario(m)))
        .collect();
    let ensembles = run(&finals, &indices)?;
    let runs = finals
        .iter()
        .zip(ensembles)
        .map(|(s, e)| PartialFile::new(ScenarioId::of(s), e))
        .collect();
    Ok(Partial::new(
        sc.id,
        sweep,
        Finals {
            network,
            question,
            found,
        },
        runs,
    ))
}

#[derive(Serialize)]
struct LeverOut {
    lever: String,
    label: String,
    baseline: f64,
    min: f64,
    max: f64,
    step: f64,
    cost_per_unit_per_year: f64,
    values_searched: usize,
}

#[derive(Serialize)]
struct SearchOut {
    method: Method,
    strategy: Strategy,
    evaluations: usize,
    /// Replications a mix when the search ran on the simulation.
    replications_per_mix: Option<u64>,
    /// The search's objective at the scenario's own values.
    scenario_value: Option<f64>,
}

#[derive(Serialize)]
struct FrontOut {
    budget: f64,
    cost_per_year: f64,
    /// The search's objective (the fluid approximation's, or the simulation's short run).
    objective: f64,
    mix: BTreeMap<String, f64>,
}

#[derive(Serialize)]
struct FinalistOut {
    rank: usize,
    label: String,
    mix: BTreeMap<String, f64>,
    /// Euros a year the mix adds at the scenario's prices (what the budget counts).
    cost_per_year: f64,
    /// The search's objective for the mix.
    search_objective: Option<f64>,
    /// The simulation's: the objective with the mix, its gain over the scenario (more is better
    /// for households, paired) and the cost it measured (paired, `cost_per_year`).
    objective: EstimateOut,
    gain: EstimateOut,
    #[serde(skip)]
    gain_estimate: Estimate,
    simulated_extra_cost_per_year: Option<EstimateOut>,
    /// Openings of the places it adds, with --open-per-year.
    schedule: Vec<Scheduled>,
    places_beyond_horizon: i64,
}

#[derive(Serialize)]
struct SelectionOut {
    /// The best's gain − the runner-up's, paired, at the joint confidence.
    lead: Option<EstimateOut>,
    distinguishable: bool,
    best_of_all: bool,
    confidence: f64,
    /// The Bonferroni divisor: the best against each other finalist.
    comparisons: usize,
    practical_threshold: f64,
    equivalent: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    scenario: &'a ScenarioId,
    seed: u64,
    replication_indices: Vec<[u64; 2]>,
    objective: &'static str,
    budget_per_year: f64,
    open_per_year: Option<u32>,
    levers: Vec<LeverOut>,
    search: SearchOut,
    front: Vec<FrontOut>,
    /// Best first by the simulation; the first is the recommended mix.
    finalists: Vec<FinalistOut>,
    selection: SelectionOut,
    sentences: Vec<String>,
}

fn mix_out(p: &Problem, mix: &[usize]) -> BTreeMap<String, f64> {
    p.levers
        .iter()
        .zip(p.values(mix))
        .map(|(l, v)| (l.id().to_string(), v))
        .collect()
}

impl<'a> Report<'a> {
    fn new(
        id: &'a ScenarioId,
        seed: u64,
        indices: Vec<[u64; 2]>,
        p: &Problem,
        found: &Found,
        sel: &Selection,
    ) -> Report<'a> {
        Report {
            scenario: id,
            seed,
            replication_indices: indices,
            objective: p.objective.code(),
            budget_per_year: p.budget,
            open_per_year: p.open_per_year,
            levers: p
                .levers
                .iter()
                .map(|l| LeverOut {
                    lever: l.id().to_string(),
                    label: l.label(Lang::En),
                    baseline: l.baseline(),
                    min: l.allowed.min,
                    max: l.allowed.max,
                    step: l.step,
                    cost_per_unit_per_year: l.unit_cost,
                    values_searched: l.values.len(),
                })
                .collect(),
            search: SearchOut {
                method: found.method,
                strategy: found.strategy,
                evaluations: found.evaluations,
                replications_per_mix: found.replications,
                scenario_value: found.start_value,
            },
            front: found
                .front
                .iter()
                .map(|f| FrontOut {
                    budget: f.budget,
                    cost_per_year: f.cost,
                    objective: f.value,
                    mix: mix_out(p, &f.mix),
                })
                .collect(),
            finalists: sel
                .finalists
                .iter()
                .enumerate()
                .map(|(k, f)| FinalistOut {
                    rank: k + 1,
                    label: mix_label(Lang::En, p, &f.mix),
                    mix: mix_out(p, &f.mix),
                    cost_per_year: p.cost(&f.mix),
                    search_objective: found.values.get(&f.mix).copied(),
                    objective: (&f.value).into(),
                    gain: (&f.gain).into(),
                    gain_estimate: f.gain.clone(),
                    simulated_extra_cost_per_year: f.cost.as_ref().map(Into::into),
                    schedule: p.schedule(&f.mix),
                    places_beyond_horizon: p.beyond_horizon(&f.mix),
                })
                .collect(),
            selection: SelectionOut {
                lead: sel.lead.as_ref().map(Into::into),
                distinguishable: sel.distinguishable,
                best_of_all: sel.best_of_all,
                confidence: sel.confidence,
                comparisons: sel.comparisons,
                practical_threshold: sel.practical,
                equivalent: sel.equivalent,
            },
            sentences: sentences(Lang::En, p, found, sel),
        }
    }
}

/// The front then the finalists, one row each, with one column per lever's value.
fn report_csv(p: &Problem, r: &Report) -> String {
    let lever_ids: Vec<String> = p.levers.iter().map(|l| l.id().to_string()).collect();
    let mut header = vec![
        "row",
        "rank",
        "budget",
        "cost_per_year",
        "search_objective",
        "objective",
        "objective_ci_low",
        "objective_ci_high",
        "gain",
        "gain_ci_low",
        "gain_ci_high",
    ];
    header.extend(lever_ids.iter().map(String::as_str));
    let mut t = csv(&header);
    let levers = |mix: &BTreeMap<String, f64>| -> Vec<Cell> {
        lever_ids
            .iter()
            .map(|id| Cell::opt(mix.get(id).copied()))
            .collect()
    };
    for f in &r.front {
        let mut row = vec![
            Cell::text("front"),
            Cell::text(""),
            Cell::opt(Some(f.budget)),
            Cell::opt(Some(f.cost_per_year)),
            Cell::opt(Some(f.objective)),
        ];
        row.extend(std::iter::repeat_with(|| Cell::opt(None)).take(6));
        row.extend(levers(&f.mix));
        t.row(&row);
    }
    for f in &r.finalists {
        let mut row = vec![
            Cell::text("finalist"),
            output::int(f.rank),
            Cell::opt(Some(p.budget)),
            Cell::opt(Some(f.cost_per_year)),
            Cell::opt(f.search_objective),
        ];
        for e in [&f.objective, &f.gain] {
            row.extend([Cell::opt(e.mean), Cell::opt(e.ci_low), Cell::opt(e.ci_high)]);
        }
        row.extend(levers(&f.mix));
        t.row(&row);
    }
    t.finish()
}

/// The front, the finalists and the verdict, for a terminal.
fn report_table(id: &ScenarioId, r: &Report) -> String {
    let mut out = format!(
        "{}\nseed {}, replications {}; objective {}, budget {} € a year{}\n\n",
        title(id),
        r.seed,
        output::ranges_text(&r.replication_indices),
        r.objective,
        human(Some(r.budget_per_year)),
        r.open_per_year.map_or(String::new(), |n| format!(
            ", at most {n} places opening a year"
        )),
    );
    let mix_text = |m: &BTreeMap<String, f64>| {
        m.iter()
            .map(|(k, v)| format!("{k}={}", human(Some(*v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut rows = vec![vec![
        "budget".to_string(),
        "cost/yr".into(),
        "objective (search)".into(),
        "mix".into(),
    ]];
    for f in &r.front {
        rows.push(vec![
            human(Some(f.budget)),
            human(Some(f.cost_per_year)),
            human(Some(f.objective)),
            mix_text(&f.mix),
        ]);
    }
    out.push_str("Cost–outcome front\n");
    out.push_str(&columns(&rows));
    let mut rows = vec![vec![
        "#".to_string(),
        "mix".into(),
        "cost/yr".into(),
        "objective".into(),
        "gain".into(),
        "95% CI".into(),
    ]];
    for f in &r.finalists {
        rows.push(vec![
            f.rank.to_string(),
            mix_text(&f.mix),
            human(Some(f.cost_per_year)),
            human(f.objective.mean),
            human(f.gain.mean),
            interval(&f.gain_estimate),
        ]);
    }
    out.push_str("\nFinalists on the simulation\n");
    out.push_str(&columns(&rows));
    out.push('\n');
    for s in &r.sentences {
        out.push_str(&output::printable(s));
        out.push('\n');
    }
    out
}
