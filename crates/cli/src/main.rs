//! `parcours`: the analysts' and batch command line of the Parcours engine.
//!
//! ```text
//! parcours validate FILE...
//! parcours run FILE [-n N] [--first K] [--seed S] [--format json|csv|table] [--per-replication] [--partial] [-o PATH]
//! parcours merge PART... [--format json|csv|table] [--per-replication] [--partial] [-o PATH]
//! parcours compare BASELINE SCENARIO [-n N] [--first K] [--seed S] [--format json|csv|table] [-o PATH]
//! parcours marginal FILE|PART... [-n N] [--first K] [--seed S] [--objective ID] [--rank-by step|cost] [--format json|csv|table] [--partial --sweep A..B] [-o PATH]
//! parcours optimise FILE|PART... --budget EUROS --lever ID[=MIN..MAX]... [--open-per-year N] [--objective ID] [-n N] [--first K] [--seed S] [--format json|csv|table] [--partial --sweep A..B] [-o PATH]
//! parcours seek FILE|PART... --lever ID[=MIN..MAX]... (--target -50% | --level X) [--by YYYY-MM] [--probability P] [--objective ID] [--grid] [-n N] [--first K] [--seed S] [--format json|csv|table] [--partial --sweep A..B] [-o PATH]
//! parcours run-in FILE [--years Y] [-n N] [--seed S] [--cohorts C] [-o PATH]
//! ```
//!
//! Replications run in parallel on every core; results are keyed by replication index, so the
//! output is the same whatever the number of threads, and a sweep split into index ranges
//! (`--first`, `--replications`, `--partial`; `--sweep` for the analyses) and merged afterwards
//! gives byte for byte the output of one run. Every error names the file it comes from; nothing the user types or
//! feeds in makes the program panic.

mod commands;
mod input;
mod marginal;
mod optimise;
mod output;
mod runner;
mod seek;
mod sweep;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use parcours_engine::Budget;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Most replications in one invocation: beyond it, split the sweep into ranges and merge them.
pub const MAX_REPLICATIONS: u64 = 1_000_000;

/// Replications of each scenario of an analysis when `-n` is not given.
pub const DEFAULT_REPLICATIONS: u64 = 200;

#[derive(Parser)]
#[command(
    name = "parcours",
    version,
    about = "Monte Carlo simulator of residential pathways: validate, run, merge and compare scenarios",
    after_help = "Exit status: 0 on success, 1 on bad input or a failed run (the message names the file), 2 on a usage error."
)]
struct Cli {
    /// Hide the progress bar (it is also hidden when standard error is not a terminal).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Worker threads (default: every core, or RAYON_NUM_THREADS). The output does not depend on it.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=4096))]
    threads: Option<u64>,
    /// Most events one replication may process (its run time follows them). A scenario whose
    /// estimate exceeds it is refused before running; a replication that exceeds it stops.
    #[arg(long, global = true, value_name = "N", default_value_t = Budget::default().max_events,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_events: u64,
    /// Most households one replication may hold at once (its memory follows them).
    #[arg(long, global = true, value_name = "N", default_value_t = Budget::default().max_households,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_households: u64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check scenario files: print every problem (`file: path: message`) or `file: ok`.
    Validate {
        /// Scenario files (JSON).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run replications of a scenario and write their summary (or a partial result file).
    Run(RunArgs),
    /// Merge partial result files (from `run --partial`) and write the summary.
    Merge(MergeArgs),
    /// Paired comparison of two scenarios under common random numbers.
    Compare(CompareArgs),
    /// « Où agir ? »: every lever moved by one step (+10 places, +20 winter places, +20 slots,
    /// +2 allocations a month, +10 prevention cases a month), run against the scenario under
    /// common random numbers, ranked by its effect on an objective (or per 100 k€ a year).
    /// Splits into index ranges (--partial --sweep A..B; `marginal PART...` merges them).
    Marginal(marginal::MarginalArgs),
    /// The budget optimiser: the mix of lever amounts that best serves an objective within a
    /// yearly budget (and its opening schedule with --open-per-year), the cost–outcome front,
    /// and the best mixes re-run on the simulation with a ranking-and-selection verdict. The
    /// finals split into index ranges (--partial --sweep A..B; `optimise PART...` merges them).
    Optimise(optimise::OptimiseArgs),
    /// « Que faut-il pour… ? »: the least amount of each lever allowed (within its bounds) that
    /// meets a target — an objective's level or change against the scenario, in a month, in a
    /// share of the replications — run under common random numbers, or why it is out of reach.
    /// The bisection does not split; on a cluster use the sweep form, --grid, which splits into
    /// index ranges (--partial --sweep A..B; `seek PART...` merges them).
    Seek(seek::SeekArgs),
    /// Simulate the territory for years before day 0 (its parameters at day 0, no trend, no
    /// change) and print the typical state it ends in, as the scenario's `initial_state` (JSON).
    RunIn(RunInArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON document.
    Json,
    /// CSV tables, comma-separated with a decimal point (run/merge: a directory of files).
    Csv,
    /// Aligned text for reading in a terminal (headline figures only).
    Table,
}

#[derive(Args)]
struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Where to write: a file for JSON and table (default: standard output), a directory for CSV.
    #[arg(short, long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Also write every replication's own series and headline figures.
    #[arg(long, conflicts_with = "partial")]
    per_replication: bool,
    /// Write a partial result file (every replication's raw numbers, JSON) to merge later
    /// with `parcours merge`, instead of a summary.
    #[arg(long)]
    partial: bool,
}

/// The objective of an analysis (`marginal`, `seek`, `optimise`): one of « Où agir ? »'s.
#[derive(Args)]
pub struct ObjectiveArg {
    /// The objective (a headline id): household_days_without_solution_per_year,
    /// without_solution, share_housed_12m_after_first_request,
    /// dalo_decisions_past_deadline_per_year or returns_to_street_per_year
    /// [default: household_days_without_solution_per_year].
    #[arg(long, value_name = "ID")]
    objective: Option<String>,
}

impl ObjectiveArg {
    pub fn headline(&self) -> Result<parcours_core::measures::Headline, Failure> {
        let Some(code) = &self.objective else {
            return Ok(parcours_core::marginal::OBJECTIVES[0]);
        };
        parcours_core::marginal::objective(code).ok_or_else(|| {
            let known: Vec<&str> = parcours_core::marginal::OBJECTIVES
                .iter()
                .map(|h| h.code())
                .collect();
            Failure(format!(
                "--objective {code}: not an objective; choose one of {}",
                known.join(", ")
            ))
        })
    }

    pub fn given(&self) -> bool {
        self.objective.is_some()
    }
}

/// `ID[=MIN..MAX]` of `--lever` (`seek`, `optimise`): a lever's id, with optional bounds in its
/// unit. Whether the scenario has it, and whether the bounds suit it, is said by the analysis.
pub fn lever_arg(text: &str) -> Result<parcours_core::analysis::AllowedLever, Failure> {
    let (id, bounds) = match text.split_once('=') {
        Some((id, b)) => (id.trim(), Some(b)),
        None => (text.trim(), None),
    };
    let bad = |why: String| Failure(format!("--lever {text}: {why}"));
    let lever = id.parse().map_err(|_| {
        bad(format!(
            "'{id}' is not a lever's id (lever-places-STAGE, lever-winter-STAGE, lever-slots-POOL, lever-alloc-STAGE or lever-prevention)"
        ))
    })?;
    let Some(range) = bounds else {
        return Ok(parcours_core::analysis::AllowedLever {
            lever,
            min: None,
            max: None,
        });
    };
    let example = format!("for example {id}=100..300");
    let (lo, hi) = range
        .split_once("..")
        .ok_or_else(|| bad(format!("write the bounds as MIN..MAX, {example}")))?;
    let num = |s: &str| {
        s.trim().parse::<f64>().map_err(|_| {
            bad(format!(
                "'{}' is not a number; write the bounds as MIN..MAX, {example}",
                s.trim()
            ))
        })
    };
    Ok(parcours_core::analysis::AllowedLever {
        lever,
        min: Some(num(lo)?),
        max: Some(num(hi)?),
    })
}

/// A usage error of `parcours COMMAND` found after parsing (an option the command needs when
/// it runs a scenario but not when it merges parts): said as clap says its own, exit status 2.
pub fn usage_error(command: &str, message: &str) -> ! {
    let mut cli = Cli::command();
    cli.build();
    let sub = cli
        .find_subcommand_mut(command)
        .expect("a subcommand of parcours");
    sub.error(clap::error::ErrorKind::MissingRequiredArgument, message)
        .exit()
}

#[derive(Args)]
struct RunArgs {
    /// Scenario file (JSON).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Number of replications.
    #[arg(short = 'n', long, default_value_t = 200, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=MAX_REPLICATIONS))]
    replications: u64,
    /// First replication index: the run covers indices K..K+N.
    #[arg(long, default_value_t = 0, value_name = "K")]
    first: u64,
    /// Random seed (with the replication index, it determines a replication entirely).
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
struct MergeArgs {
    /// Partial result files written by `parcours run --partial` (or `merge --partial`).
    #[arg(required = true, value_name = "PART")]
    parts: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
struct CompareArgs {
    /// Baseline: a scenario file, or a partial result file of it.
    #[arg(value_name = "BASELINE")]
    baseline: PathBuf,
    /// Alternative scenario: a scenario file, or a partial result file of it.
    #[arg(value_name = "SCENARIO")]
    scenario: PathBuf,
    #[command(flatten)]
    replications: ReplicationArgs,
    #[command(flatten)]
    report: ReportArgs,
}

/// Where and how `compare`, `marginal`, `seek` and `optimise` write their one report.
#[derive(Args)]
pub struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// File to write (default: standard output).
    #[arg(short, long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// The replications of an analysis, shared by `compare`, `marginal`, `seek` and `optimise`:
/// every scenario of one invocation runs the same indices on the same seed (common random
/// numbers).
#[derive(Args)]
pub struct ReplicationArgs {
    /// Number of replications of each scenario run [default: 200; optimise: 100]. Not with
    /// partial files, whose replications are used.
    #[arg(short = 'n', long, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=MAX_REPLICATIONS))]
    replications: Option<u64>,
    /// First replication index [default: 0]: the runs cover indices K..K+N.
    #[arg(long, value_name = "K")]
    first: Option<u64>,
    /// Random seed, the same for every scenario run [default: 1].
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
}

impl ReplicationArgs {
    /// The seed and the replication indices to run (`default_n` of them unless `-n` is given).
    pub fn resolve(&self, default_n: u64) -> Result<(u64, Vec<u64>), Failure> {
        let (n, first) = (
            self.replications.unwrap_or(default_n),
            self.first.unwrap_or(0),
        );
        let end = first.checked_add(n).ok_or_else(|| {
            Failure(format!(
                "--first {first} with --replications {n} runs past the largest replication index"
            ))
        })?;
        Ok((self.seed.unwrap_or(1), (first..end).collect()))
    }

    /// Refuses `-n`, `--first` and `--seed` when they come from `what` (partial files).
    pub fn refuse(&self, what: &str) -> Result<(), Failure> {
        if self.replications.is_some() || self.first.is_some() || self.seed.is_some() {
            return Err(Failure(format!(
                "--replications, --first and --seed come from the {what}: drop them"
            )));
        }
        Ok(())
    }
}

#[derive(Args)]
struct RunInArgs {
    /// Scenario file (JSON): its parameters at day 0, and its initial state as the starting point.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Years simulated before day 0.
    #[arg(long, default_value_t = 30, value_name = "Y",
          value_parser = clap::value_parser!(u32).range(1..=100))]
    years: u32,
    /// Replications whose end states are pooled into the typical state.
    #[arg(short = 'n', long, default_value_t = 8, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=10_000))]
    replications: u64,
    /// Random seed.
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
    /// Most cohorts per group of alike households (their durations are the cohorts' quantiles).
    #[arg(long, default_value_t = 8, value_name = "C",
          value_parser = clap::value_parser!(u64).range(1..=1000))]
    cohorts: u64,
    /// File to write (default: standard output).
    #[arg(short, long, value_name = "PATH")]
    out: Option<PathBuf>,
}

/// A failure to report: the message already names the file concerned.
pub struct Failure(pub String);

/// Exit status when the program itself fails (a panic: a bug, never the input's fault):
/// EX_SOFTWARE of sysexits.h, apart from 1 (bad input) and 2 (usage).
const EXIT_INTERNAL: u8 = 70;

/// The last panic's message and place, recorded by the panic hook for the one-line report.
static PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn main() -> ExitCode {
    // Any panic left (in any thread) is reported once, plainly, with the command and its inputs,
    // and exit status 70 — not exit 101 and a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut p) = PANIC.lock() {
            p.get_or_insert(format!("{what}{at}"));
        }
    }));
    match std::panic::catch_unwind(run_cli) {
        Ok(code) => code,
        Err(_) => {
            let args: Vec<String> = std::env::args().skip(1).collect();
            let detail = PANIC
                .lock()
                .ok()
                .and_then(|p| p.clone())
                .unwrap_or_default();
            let _ = writeln!(
                std::io::stderr(),
                "error: internal error of parcours {} while running `parcours {}`; please report it with these input files ({detail})",
                env!("CARGO_PKG_VERSION"),
                output::printable(&args.join(" "))
            );
            ExitCode::from(EXIT_INTERNAL)
        }
    }
}

fn run_cli() -> ExitCode {
    let cli = Cli::parse();
    let budget = Budget {
        max_events: cli.max_events,
        max_households: cli.max_households,
        ..Budget::default()
    };
    if let Some(n) = cli.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global()
        {
            eprintln!("error: cannot start {n} threads: {e}");
            return ExitCode::FAILURE;
        }
    }
    let progress = runner::Progress::new(cli.quiet, budget);
    let result = match cli.command {
        Command::Validate { files } => {
            // Lets the test suite check the net above (a real panic is a bug: none is known).
            if std::env::var_os("PARCOURS_TEST_INTERNAL_ERROR").is_some() {
                panic!("internal error requested by PARCOURS_TEST_INTERNAL_ERROR");
            }
            commands::validate(&files)
        }
        Command::Run(a) => commands::run(a, progress),
        Command::Merge(a) => commands::merge(a),
        Command::Compare(a) => commands::compare_cmd(a, progress),
        Command::Marginal(a) => marginal::marginal(a, progress),
        Command::Optimise(a) => optimise::optimise(a, progress),
        Command::Seek(a) => seek::seek(a, progress),
        Command::RunIn(a) => commands::run_in(a),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::FAILURE
        }
    }
}
