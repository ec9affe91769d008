//! Reading scenario files and partial result files, with messages that name the file.

use crate::Failure;
use parcours_engine::{Ensemble, Label, Model, Scenario};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Marker of a partial result file (its `format` field).
pub const PARTIAL_FORMAT: &str = "parcours-partial-result";
/// The engine's results version as a literal, so that it can be part of [`VERSION`]; a test
/// checks it equals `parcours_engine::ENGINE_VERSION`.
macro_rules! engine_version {
    () => {
        "2"
    };
}

/// Version of the partial result file layout.
pub const PARTIAL_VERSION: u32 = 1;
/// Version of this program, recorded in partial files: parts of different versions may have been
/// simulated differently, so they are never mixed.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+engine", engine_version!());

#[cfg(test)]
mod tests {
    #[test]
    fn engine_version_literal_is_current() {
        assert_eq!(
            engine_version!(),
            parcours_engine::ENGINE_VERSION.to_string()
        );
    }
}

/// What identifies a scenario in outputs and partial files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioId {
    pub name: Label,
    /// FNV-1a (64 bits, hex) of the scenario re-serialised as compact JSON: the same for the
    /// same scenario whatever its file's layout, different as soon as any value differs.
    pub fingerprint: String,
}

impl ScenarioId {
    pub fn of(s: &Scenario) -> ScenarioId {
        let canonical = serde_json::to_string(s).expect("a scenario always serialises");
        ScenarioId {
            name: s.name.clone(),
            fingerprint: format!("{:016x}", fnv1a(canonical.as_bytes())),
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A valid scenario read from a file.
pub struct ScenarioFile {
    pub path: PathBuf,
    pub model: Model,
    pub id: ScenarioId,
}

/// Why a scenario file cannot be used.
pub enum LoadError {
    /// Unreadable or malformed: one message naming the file.
    Unusable(String),
    /// Valid JSON but not a valid scenario: every problem, as `file: path: message`.
    Invalid(Vec<String>),
}

impl LoadError {
    /// Every line to report, each naming the file.
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Unusable(m) => vec![m.clone()],
            LoadError::Invalid(v) => v.clone(),
        }
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

/// Just enough of a file to tell a partial result file from a scenario.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<serde_json::Value>,
}

fn is_partial_text(text: &str) -> bool {
    matches!(
        serde_json::from_str::<Probe>(text),
        Ok(Probe { format: Some(serde_json::Value::String(f)) }) if f == PARTIAL_FORMAT
    )
}

fn scenario_from_text(path: &Path, text: &str) -> Result<ScenarioFile, LoadError> {
    let name = path.display();
    let scenario = Scenario::from_json(text).map_err(|e| {
        if is_partial_text(text) {
            LoadError::Unusable(format!(
                "{name}: this is a partial result file, not a scenario (use `parcours merge`)"
            ))
        } else {
            // The engine's message reads "scenario JSON: <serde message> at line L column C".
            let e = e.strip_prefix("scenario JSON: ").unwrap_or(&e);
            LoadError::Unusable(format!("{name}: malformed scenario JSON: {e}"))
        }
    })?;
    match Model::new(&scenario) {
        Ok(model) => Ok(ScenarioFile {
            path: path.to_path_buf(),
            model,
            id: ScenarioId::of(&scenario),
        }),
        Err(errors) => {
            // The engine may report one problem once per household type it applies to.
            let mut seen = std::collections::HashSet::new();
            Err(LoadError::Invalid(
                errors
                    .iter()
                    .map(|e| format!("{name}: {e}"))
                    .filter(|line| seen.insert(line.clone()))
                    .collect(),
            ))
        }
    }
}

/// Reads and validates a scenario file.
pub fn read_scenario(path: &Path) -> Result<ScenarioFile, LoadError> {
    let text = read_text(path).map_err(LoadError::Unusable)?;
    scenario_from_text(path, &text)
}

/// Reads a scenario for a command that runs it: problems go to standard error, and the failure
/// says how many there were.
pub fn read_scenario_to_run(path: &Path) -> Result<ScenarioFile, Failure> {
    read_scenario(path).map_err(|e| unusable(path, e))
}

/// A scenario derived from the one in `path` (a lever moved, a mix of levers), ready to run;
/// `what` names it in the message when it is not valid.
pub fn derived_scenario(path: &Path, s: &Scenario, what: &str) -> Result<ScenarioFile, Failure> {
    let model = Model::new(s).map_err(|errors| {
        Failure(format!(
            "{}: {what} is not a valid scenario: {}",
            path.display(),
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    Ok(ScenarioFile {
        path: path.to_path_buf(),
        id: ScenarioId::of(s),
        model,
    })
}

fn unusable(path: &Path, e: LoadError) -> Failure {
    match e {
        LoadError::Unusable(m) => Failure(m),
        LoadError::Invalid(problems) => {
            use std::io::Write;
            let mut err = std::io::stderr().lock();
            for p in &problems {
                let _ = writeln!(err, "{p}");
            }
            let n = problems.len();
            Failure(format!(
                "{} is not a valid scenario ({n} problem{})",
                path.display(),
                if n == 1 { "" } else { "s" }
            ))
        }
    }
}

/// A partial result file: the raw numbers of some replications of one scenario and seed.
#[derive(Debug, Serialize, Deserialize)]
pub struct PartialFile {
    /// Always [`PARTIAL_FORMAT`].
    pub format: String,
    /// Always [`PARTIAL_VERSION`].
    pub version: u32,
    /// Version of the program that simulated the replications.
    pub parcours_version: String,
    pub scenario: ScenarioId,
    pub ensemble: Ensemble,
}

impl PartialFile {
    pub fn new(scenario: ScenarioId, ensemble: Ensemble) -> PartialFile {
        PartialFile {
            format: PARTIAL_FORMAT.into(),
            version: PARTIAL_VERSION,
            parcours_version: VERSION.into(),
            scenario,
            ensemble,
        }
    }
}

fn partial_from_text(path: &Path, text: &str) -> Result<PartialFile, Failure> {
    let name = path.display();
    if !is_partial_text(text) {
        let analysis = serde_json::from_str::<Probe>(text)
            .ok()
            .and_then(|p| p.format)
            .and_then(|f| {
                f.as_str()
                    .and_then(crate::sweep::merging_command)
                    .map(String::from)
            });
        return Err(Failure(
            if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
                format!("{name}: malformed JSON: {e}")
            } else if let Some(command) = analysis {
                format!(
                    "{name}: a partial {command} file, not a partial result file: merge it with `parcours {command} PART...`"
                )
            } else {
                format!(
                    "{name}: not a partial result file (write one with `parcours run --partial`)"
                )
            },
        ));
    }
    let part: PartialFile = serde_json::from_str(text)
        .map_err(|e| Failure(format!("{name}: damaged partial result file: {e}")))?;
    check_partial(&part).map_err(|e| Failure(format!("{name}: {e}")))?;
    Ok(part)
}

/// Checks a partial result's shape and version (also inside a partial marginal file).
pub fn check_partial(part: &PartialFile) -> Result<(), String> {
    check_shape(&part.ensemble).map_err(|e| format!("damaged partial result file: {e}"))?;
    if part.version != PARTIAL_VERSION {
        return Err(format!(
            "partial result file version {} (this program reads version {PARTIAL_VERSION})",
            part.version
        ));
    }
    Ok(())
}

/// Checks that every replication has the numbers its layout announces (the summary indexes them).
fn check_shape(e: &Ensemble) -> Result<(), String> {
    let l = &e.layout;
    for (&i, r) in &e.replications {
        if r.index != i {
            return Err(format!("replication {i} is labelled {}", r.index));
        }
        if r.series.len() != l.series.len() || r.series.iter().any(|s| s.len() != l.periods) {
            return Err(format!(
                "replication {i} does not have {} series of {} periods",
                l.series.len(),
                l.periods
            ));
        }
        if r.headlines.len() != l.headlines.len() {
            return Err(format!(
                "replication {i} does not have {} headline figures",
                l.headlines.len()
            ));
        }
    }
    Ok(())
}

/// Reads a partial result file.
pub fn read_partial(path: &Path) -> Result<PartialFile, Failure> {
    let text = read_text(path).map_err(Failure)?;
    partial_from_text(path, &text)
}

/// Refuses to put together parts that do not come from one run (same scenario, seed, version).
pub fn check_same_run(
    a: &PartialFile,
    a_name: &str,
    b: &PartialFile,
    b_name: &str,
) -> Result<(), Failure> {
    if a.parcours_version != b.parcours_version {
        return Err(Failure(format!(
            "{b_name} was made by parcours {} but {a_name} by parcours {}: rerun the parts with one version",
            b.parcours_version, a.parcours_version
        )));
    }
    if a.scenario.fingerprint != b.scenario.fingerprint {
        return Err(Failure(format!(
            "{b_name} comes from another scenario than {a_name} (\"{}\", fingerprint {} vs \"{}\", fingerprint {})",
            b.scenario.name.fr, b.scenario.fingerprint, a.scenario.name.fr, a.scenario.fingerprint
        )));
    }
    if a.ensemble.seed != b.ensemble.seed {
        return Err(Failure(format!(
            "{b_name} was run with seed {} but {a_name} with seed {}: parts of one run share the seed",
            b.ensemble.seed, a.ensemble.seed
        )));
    }
    Ok(())
}

/// Refuses a partial file made by another version when pairing it with a fresh run.
pub fn check_current_version(p: &PartialFile, name: &str) -> Result<(), Failure> {
    if p.parcours_version != VERSION {
        return Err(Failure(format!(
            "{name} was made by parcours {} and this is parcours {VERSION}: its replications cannot be paired with new ones",
            p.parcours_version
        )));
    }
    Ok(())
}

/// Either kind of input `compare` accepts.
pub enum Source {
    Scenario(Box<ScenarioFile>),
    Partial(Box<PartialFile>),
}

/// Reads a scenario file or a partial result file, whichever it is.
pub fn read_source(path: &Path) -> Result<Source, Failure> {
    let text = read_text(path).map_err(Failure)?;
    if is_partial_text(&text) {
        return partial_from_text(path, &text).map(|p| Source::Partial(Box::new(p)));
    }
    scenario_from_text(path, &text)
        .map(|s| Source::Scenario(Box::new(s)))
        .map_err(|e| unusable(path, e))
}
