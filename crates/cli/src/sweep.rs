//! The sweeps of `marginal`, `seek --grid` and `optimise` split into replication index ranges:
//! each part runs every scenario of the analysis over its range (`--first`, `-n`) and writes a
//! partial analysis file (`--partial`) naming the whole sweep it belongs to (`--sweep A..B`);
//! giving the parts to the same command merges them, run by run as `parcours merge` does, and
//! answers from the merged runs. The command run whole builds the same data in memory and
//! answers from it, so the merged answer is byte for byte the whole command's.

use crate::input::{self, PartialFile, ScenarioId};
use crate::{output, Failure, Format, ReplicationArgs, ReportArgs};
use clap::Args;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Options of the analyses that split: `--partial` and `--sweep`.
#[derive(Args)]
pub struct SplitArgs {
    /// Write a partial file of this part's replications (every scenario of the analysis over
    /// --first..--first+N), to merge later by giving the parts to the same command, instead of
    /// the answer. Needs --sweep.
    #[arg(long)]
    pub partial: bool,
    /// With --partial: the replication indices of the whole sweep, A..B, the same for every
    /// part (for example 0..1000); the merge checks that the parts cover it.
    #[arg(long, value_name = "A..B", requires = "partial")]
    pub sweep: Option<String>,
}

impl SplitArgs {
    /// The whole sweep's indices for a run over `indices`: `--sweep`, which must hold them,
    /// else the run's own range. `--partial` needs `--sweep`.
    pub fn sweep(&self, indices: &[u64]) -> Result<[u64; 2], Failure> {
        let own = [
            indices.first().copied().unwrap_or(0),
            indices.last().map_or(0, |l| l + 1),
        ];
        let Some(text) = &self.sweep else {
            if self.partial {
                return Err(Failure(
                    "--partial needs --sweep A..B: the replication indices of the whole sweep, the same for every part (for example --sweep 0..1000)".into(),
                ));
            }
            return Ok(own);
        };
        let bad = || {
            Failure(format!(
                "--sweep {text}: give the whole sweep's replication indices as A..B, for example 0..1000"
            ))
        };
        let (a, b) = text.split_once("..").ok_or_else(bad)?;
        let sweep = [
            a.trim().parse::<u64>().map_err(|_| bad())?,
            b.trim().parse::<u64>().map_err(|_| bad())?,
        ];
        if sweep[0] >= sweep[1] {
            return Err(bad());
        }
        if own[0] < sweep[0] || own[1] > sweep[1] {
            return Err(Failure(format!(
                "--first {} with --replications {} runs indices {}..{}, not all within --sweep {text}",
                own[0],
                own[1] - own[0],
                own[0],
                own[1]
            )));
        }
        Ok(sweep)
    }

    /// `--partial` writes JSON.
    fn check(&self, report: &ReportArgs) -> Result<(), Failure> {
        if self.partial && report.format != Format::Json {
            return Err(Failure(
                "--partial writes a JSON partial analysis file: drop --format".into(),
            ));
        }
        Ok(())
    }
}

/// What an analysis's parts must share beyond the scenario, the seed and the sweep (the steps,
/// the target, the budget…), and the runs it makes.
pub trait Plan: Serialize + DeserializeOwned {
    /// The command that runs and merges it (`marginal`, `seek`, `optimise`); its partial
    /// files' `format` is `parcours-partial-<command>`.
    const COMMAND: &'static str;
    /// The runs of the analysis: the scenario's, then one per alternative.
    fn runs(&self) -> usize;
    /// What makes `other` another analysis than this one, if anything.
    fn differs(&self, other: &Self) -> Option<Difference>;
}

/// What differs between two parts' plans: its name, then its value in this plan and the other's.
pub struct Difference {
    what: String,
    this: String,
    other: String,
}

/// `what` (« the budget ») when it differs between this plan and `other`'s, as JSON values.
pub fn differs<T: PartialEq + Serialize>(what: &str, this: &T, other: &T) -> Option<Difference> {
    let text = |v: &T| serde_json::to_string(v).unwrap_or_default();
    (this != other).then(|| Difference {
        what: what.to_string(),
        this: text(this),
        other: text(other),
    })
}

/// A partial analysis file: the plan, and every run of the analysis over the part's range.
#[derive(Serialize, Deserialize)]
pub struct Partial<P> {
    /// Always `parcours-partial-<command>`.
    pub format: String,
    pub scenario: ScenarioId,
    /// The whole sweep's replication indices, `[A, B)`.
    pub sweep: [u64; 2],
    pub plan: P,
    /// The scenario's run, then each alternative's, as `run --partial` writes them.
    pub runs: Vec<PartialFile>,
}

fn format_of(command: &str) -> String {
    format!("parcours-partial-{command}")
}

impl<P: Plan> Partial<P> {
    pub fn new(scenario: ScenarioId, sweep: [u64; 2], plan: P, runs: Vec<PartialFile>) -> Self {
        Partial {
            format: format_of(P::COMMAND),
            scenario,
            sweep,
            plan,
            runs,
        }
    }

    /// The seed and the replication indices the merged runs hold.
    pub fn replications(&self) -> (u64, Vec<[u64; 2]>) {
        let e = &self.runs[0].ensemble;
        (e.seed, output::ranges(e.replications.keys().copied()))
    }

    /// Writes the partial file, or checks that the runs cover the whole sweep before an answer.
    pub fn write_or_check(&self, split: &SplitArgs, report: &ReportArgs) -> Result<bool, Failure> {
        if split.partial {
            output::write_json(report.out.as_deref(), self)?;
            return Ok(true);
        }
        let held = output::ranges(self.runs[0].ensemble.replications.keys().copied());
        if held != [self.sweep] {
            let missing = output::ranges(
                (self.sweep[0]..self.sweep[1])
                    .filter(|i| !self.runs[0].ensemble.replications.contains_key(i)),
            );
            return Err(Failure(format!(
                "replications {} of the sweep {}..{} are in none of the parts: run them (`parcours {} ... --sweep {}..{} --first K -n N --partial`) and merge again",
                output::ranges_text(&missing),
                self.sweep[0],
                self.sweep[1],
                P::COMMAND,
                self.sweep[0],
                self.sweep[1],
            )));
        }
        Ok(false)
    }
}

/// Whether `inputs` are partial files of `P`'s analysis, to merge (`true`), or one scenario
/// file, to run; `fixed` lists the command's options the parts fix, each with whether it was
/// given: given with parts, they are refused by name.
pub fn are_parts<P: Plan>(
    inputs: &[PathBuf],
    split: &SplitArgs,
    report: &ReportArgs,
    replications: &ReplicationArgs,
    fixed: &[(&str, bool)],
) -> Result<bool, Failure> {
    split.check(report)?;
    if !is_partial::<P>(&inputs[0]) {
        if inputs.len() > 1 {
            return Err(Failure(format!(
                "{}: give one scenario file, or partial {} files only",
                inputs[1].display(),
                P::COMMAND
            )));
        }
        return Ok(false);
    }
    let files = format!("partial {} files", P::COMMAND);
    replications.refuse(&files)?;
    let given: Vec<&str> = std::iter::once(("--sweep", split.sweep.is_some()))
        .chain(fixed.iter().copied())
        .filter_map(|(option, given)| given.then_some(option))
        .collect();
    match given.as_slice() {
        [] => Ok(true),
        [one] => Err(Failure(format!("{one} comes from the {files}: drop it"))),
        many => Err(Failure(format!(
            "{} come from the {files}: drop them",
            many.join(", ")
        ))),
    }
}

/// What kind of partial file this is, by its `format` (`None`: not one, or unreadable).
pub fn kind(path: &Path) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        format: Option<serde_json::Value>,
    }
    let text = std::fs::read_to_string(path).ok()?;
    match serde_json::from_str::<Probe>(&text).ok()?.format? {
        serde_json::Value::String(f) => Some(f),
        _ => None,
    }
}

/// Whether the file is a partial file of `P`'s analysis.
pub fn is_partial<P: Plan>(path: &Path) -> bool {
    kind(path).is_some_and(|f| f == format_of(P::COMMAND))
}

/// The command that merges a partial analysis file of this `format`, if it is one.
pub fn merging_command(format: &str) -> Option<&str> {
    format
        .strip_prefix("parcours-partial-")
        .filter(|c| ["marginal", "seek", "optimise"].contains(c))
}

fn read<P: Plan>(path: &Path) -> Result<Partial<P>, Failure> {
    let name = path.display();
    let what = format!("partial {} file", P::COMMAND);
    let text =
        std::fs::read_to_string(path).map_err(|e| Failure(format!("{name}: cannot read: {e}")))?;
    if !is_partial::<P>(path) {
        return Err(Failure(format!(
            "{name}: not a {what} (write one with `parcours {} FILE ... --partial`)",
            P::COMMAND
        )));
    }
    let part: Partial<P> =
        serde_json::from_str(&text).map_err(|e| Failure(format!("{name}: damaged {what}: {e}")))?;
    if part.runs.len() != part.plan.runs() {
        return Err(Failure(format!(
            "{name}: damaged {what}: {} runs where its plan has {}",
            part.runs.len(),
            part.plan.runs()
        )));
    }
    for r in &part.runs {
        input::check_partial(r).map_err(|e| Failure(format!("{name}: {e}")))?;
    }
    Ok(part)
}

/// The parts merged run by run, with the checks of `parcours merge` (same version, scenario,
/// seed; a replication in two parts has the same numbers in both), the same sweep and the same
/// plan; each refusal names the two files and what differs.
pub fn merge<P: Plan>(paths: &[PathBuf]) -> Result<Partial<P>, Failure> {
    let first_name = paths[0].display().to_string();
    let mut merged = read::<P>(&paths[0])?;
    for path in &paths[1..] {
        let name = path.display().to_string();
        let part = read::<P>(path)?;
        input::check_same_run(&merged.runs[0], &first_name, &part.runs[0], &name)?;
        if part.sweep != merged.sweep {
            return Err(Failure(format!(
                "{name} is a part of the sweep {}..{} but {first_name} of the sweep {}..{}: every part of one analysis gives the same --sweep",
                part.sweep[0], part.sweep[1], merged.sweep[0], merged.sweep[1]
            )));
        }
        if let Some(d) = merged.plan.differs(&part.plan) {
            return Err(Failure(format!(
                "{name} is a part of another analysis than {first_name}: {} is {} in {name} but {} in {first_name}",
                d.what, d.other, d.this
            )));
        }
        for (m, p) in merged.runs.iter_mut().zip(part.runs) {
            input::check_same_run(m, &first_name, &p, &name)?;
            m.ensemble
                .merge(p.ensemble)
                .map_err(|e| Failure(format!("{name}: cannot merge with {first_name}: {e}")))?;
        }
    }
    Ok(merged)
}
