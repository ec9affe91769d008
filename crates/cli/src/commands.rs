//! The commands that run or read a scenario's replications: `validate`, `run`, `merge`,
//! `compare` and `run-in` (the analyses have a file each).

use crate::input::{self, ScenarioFile, Source};
use crate::{
    output, runner, CompareArgs, Failure, Format, MergeArgs, OutputArgs, RunArgs, RunInArgs,
    DEFAULT_REPLICATIONS,
};
use parcours_engine::{compare, Ensemble};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) fn validate(files: &[PathBuf]) -> Result<ExitCode, Failure> {
    let mut report = String::new();
    let mut bad = false;
    for f in files {
        let name = f.display();
        match input::read_scenario(f) {
            Ok(_) => report.push_str(&format!("{name}: ok\n")),
            Err(problems) => {
                bad = true;
                for p in problems.lines() {
                    report.push_str(&p);
                    report.push('\n');
                }
            }
        }
    }
    output::write_text(None, &report)?;
    Ok(if bad {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks the output options shared by `run` and `merge`.
fn check_output(o: &OutputArgs) -> Result<(), Failure> {
    if o.partial && o.format != Format::Json {
        return Err(Failure(
            "--partial writes a JSON partial result file: drop --format".into(),
        ));
    }
    if o.format == Format::Csv && o.out.is_none() {
        return Err(Failure(
            "--format csv writes several tables: give the directory to write them to with --out DIR"
                .into(),
        ));
    }
    if o.format == Format::Table && o.per_replication {
        return Err(Failure(
            "--per-replication needs --format json or csv".into(),
        ));
    }
    Ok(())
}

pub(crate) fn run(a: RunArgs, progress: runner::Progress) -> Result<ExitCode, Failure> {
    check_output(&a.output)?;
    let end = a.first.checked_add(a.replications).ok_or_else(|| {
        Failure(format!(
            "--first {} with --replications {} runs past the largest replication index",
            a.first, a.replications
        ))
    })?;
    let sc = input::read_scenario_to_run(&a.file)?;
    let indices: Vec<u64> = (a.first..end).collect();
    let ensemble = runner::run(&[(&sc, &indices)], a.seed, &progress)?
        .pop()
        .expect("one ensemble per scenario");
    write_result(&sc.id, ensemble, &a.output)?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn merge(a: MergeArgs) -> Result<ExitCode, Failure> {
    check_output(&a.output)?;
    let mut merged: Option<input::PartialFile> = None;
    let mut first_name = String::new();
    for path in &a.parts {
        let part = input::read_partial(path)?;
        let name = path.display().to_string();
        match &mut merged {
            None => {
                merged = Some(part);
                first_name = name;
            }
            Some(m) => {
                input::check_same_run(m, &first_name, &part, &name)?;
                m.ensemble
                    .merge(part.ensemble)
                    .map_err(|e| Failure(format!("{name}: cannot merge with {first_name}: {e}")))?;
            }
        }
    }
    let merged = merged.expect("clap requires at least one part");
    let ranges = output::ranges(merged.ensemble.replications.keys().copied());
    if ranges.len() > 1 {
        let _ = writeln!(
            std::io::stderr(),
            "note: the merged replication indices are not contiguous: {}",
            output::ranges_text(&ranges)
        );
    }
    write_result(&merged.scenario, merged.ensemble, &a.output)?;
    Ok(ExitCode::SUCCESS)
}

fn write_result(id: &input::ScenarioId, ensemble: Ensemble, o: &OutputArgs) -> Result<(), Failure> {
    let out = o.out.as_deref();
    if o.partial {
        let part = input::PartialFile::new(id.clone(), ensemble);
        return output::write_json(out, &part);
    }
    let summary = ensemble.summary();
    match o.format {
        Format::Json => output::write_json(
            out,
            &output::RunReport::new(id, &ensemble, &summary, o.per_replication),
        ),
        Format::Csv => output::write_csv_dir(
            out.expect("checked: csv needs --out"),
            id,
            &ensemble,
            &summary,
            o.per_replication,
        ),
        Format::Table => output::write_text(out, &output::headline_table(id, &ensemble, &summary)),
    }
}

pub(crate) fn compare_cmd(a: CompareArgs, progress: runner::Progress) -> Result<ExitCode, Failure> {
    let base = input::read_source(&a.baseline)?;
    let alt = input::read_source(&a.scenario)?;
    let (seed, indices) = match (&base, &alt) {
        (Source::Scenario(_), Source::Scenario(_)) => {
            a.replications.resolve(DEFAULT_REPLICATIONS)?
        }
        _ => {
            a.replications.refuse("partial result file")?;
            let (p, name) = if let Source::Partial(p) = &base {
                (p, a.baseline.display())
            } else if let Source::Partial(p) = &alt {
                (p, a.scenario.display())
            } else {
                unreachable!("one of them is a partial result file")
            };
            if let (Source::Partial(x), Source::Partial(y)) = (&base, &alt) {
                if x.parcours_version != y.parcours_version {
                    return Err(Failure(format!(
                        "{} was made by parcours {} and {} by parcours {}: compare results of the same version",
                        a.baseline.display(),
                        x.parcours_version,
                        a.scenario.display(),
                        y.parcours_version
                    )));
                }
            } else {
                input::check_current_version(p, &name.to_string())?;
            }
            (
                p.ensemble.seed,
                p.ensemble.replications.keys().copied().collect(),
            )
        }
    };
    // Run whatever is a scenario file, on the common seed and indices.
    let mut jobs: Vec<(&ScenarioFile, &[u64])> = Vec::new();
    for s in [&base, &alt] {
        if let Source::Scenario(sc) = s {
            jobs.push((sc.as_ref(), &indices));
        }
    }
    let mut ran = runner::run(&jobs, seed, &progress)?.into_iter();
    let mut take = |s: Source| -> (input::ScenarioId, Ensemble) {
        match s {
            Source::Scenario(sc) => (sc.id, ran.next().expect("one ensemble per job")),
            Source::Partial(p) => (p.scenario, p.ensemble),
        }
    };
    let (base_id, base_ens) = take(base);
    let (alt_id, alt_ens) = take(alt);
    let comparison = compare(&base_ens, &alt_ens).map_err(|e| {
        Failure(format!(
            "cannot compare {} with {}: {e}",
            a.baseline.display(),
            a.scenario.display()
        ))
    })?;
    let report = output::CompareReport::new(&base_id, &alt_id, &base_ens, &alt_ens, &comparison);
    let out = a.report.out.as_deref();
    match a.report.format {
        Format::Json => output::write_json(out, &report)?,
        Format::Csv => output::write_text(out, &output::comparison_csv(&comparison))?,
        Format::Table => output::write_text(out, &output::comparison_table(&report))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_in(a: RunInArgs) -> Result<ExitCode, Failure> {
    use parcours_engine::run_in::{run_in_scenario, typical_state};
    use parcours_engine::{simulate_to_end, Model};
    use rayon::prelude::*;
    let sc = input::read_scenario_to_run(&a.file)?;
    let before = run_in_scenario(sc.model.scenario(), a.years);
    let model = Model::new(&before).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        Failure(format!(
            "{}: the run-in scenario is not valid: {}",
            a.file.display(),
            list.join("; ")
        ))
    })?;
    let states = (0..a.replications)
        .into_par_iter()
        .map(|r| simulate_to_end(&model, a.seed, r))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure(format!("{}: the run-in failed: {e}", a.file.display())))?;
    let state = typical_state(&before, &states, a.cohorts as usize);
    let text = serde_json::to_string_pretty(&state).expect("an initial state serialises");
    output::write_text(a.out.as_deref(), &(text + "\n"))?;
    Ok(ExitCode::SUCCESS)
}
