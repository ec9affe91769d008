//! End-to-end tests of the `parcours` binary on a tiny scenario (two years, 40 places), with
//! few replications to stay fast.
//!
//! One file, longer than most: every command's tests share the tiny scenario and its helpers,
//! and one test binary links once (each file here is a binary of its own).

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

#[test]
fn validate_accepts_valid_files() {
    let shipped = format!(
        "{}/../../assets/scenarios/haute-garonne.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = ok(&["validate", &tiny(), &shipped]);
    assert_eq!(out, format!("{}: ok\n{shipped}: ok\n", tiny()));
}

#[test]
fn validate_reports_every_problem_with_file_and_path() {
    let bad = fixture("invalid.json");
    let o = parcours(&["validate", &tiny(), &bad]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains(&format!("{}: ok", tiny())), "{out}");
    assert!(
        out.contains(&format!(
            "{bad}: stages[0].routes.default: probabilities sum to 0.9, expected 1"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{bad}: waiting_list.orientation.default[0]:")),
        "{out}"
    );
    // Each problem once.
    assert_eq!(out.lines().count(), 3, "{out}");
}

#[test]
fn validate_reports_malformed_and_missing_files() {
    let malformed = fixture("malformed.json");
    let o = parcours(&["validate", &malformed, "no-such-file.json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("{malformed}: malformed scenario JSON:")),
        "{out}"
    );
    assert!(out.contains("line 7 column"), "{out}");
    assert!(out.contains("no-such-file.json: cannot read:"), "{out}");
}

#[test]
fn run_json_has_summary_and_headlines() {
    let v = json(&ok(&["run", &tiny(), "-n", "6", "--seed", "3"]));
    assert_eq!(v["seed"], 3);
    assert_eq!(v["replication_indices"], json("[[0, 6]]"));
    assert_eq!(v["scenario"]["name"]["en"], "Tiny territory");
    let s = &v["summary"];
    assert_eq!(s["replications"], 6);
    let periods = s["layout"]["periods"].as_u64().unwrap() as usize;
    assert_eq!(periods, 24);
    let series = s["series"].as_array().unwrap();
    assert_eq!(
        series.len(),
        s["layout"]["series"].as_array().unwrap().len()
    );
    for b in series {
        for k in ["mean", "p5", "p25", "p50", "p75", "p95"] {
            assert_eq!(b[k].as_array().unwrap().len(), periods, "{k}");
        }
    }
    let unsheltered = s["headlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "unsheltered")
        .unwrap();
    assert_eq!(unsheltered["n"], 6);
    let (lo, m, hi) = (
        unsheltered["ci_low"].as_f64().unwrap(),
        unsheltered["mean"].as_f64().unwrap(),
        unsheltered["ci_high"].as_f64().unwrap(),
    );
    assert!(lo <= m && m <= hi);
    assert!(v.get("per_replication").is_none());

    // Outcomes from the first request, households between requests, the waits and the binding
    // constraint (MODEL.md, 15).
    let headline_ids: Vec<&str> = s["headlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    for id in [
        "household_days_without_solution_per_year",
        "share_housed_6m_after_first_request",
        "share_housed_12m_after_first_request",
        "share_housed_24m_after_first_request",
        "median_days_first_request_to_housing",
        "street_between_requests",
        "without_solution",
        "share_gone_12m_after_first_request",
        "blocked_places_housed",
        "stage.housing.units_use",
        "stage.housing.ready_queue",
    ] {
        assert!(headline_ids.contains(&id), "no headline {id}");
    }
    let series_ids: Vec<&str> = series.iter().map(|b| b["id"].as_str().unwrap()).collect();
    for id in [
        "street_between_requests",
        "without_solution",
        "blocked_housed",
    ] {
        assert!(series_ids.contains(&id), "no series {id}");
    }
    let cohort = s["cohort"].as_array().unwrap();
    let states: Vec<&str> = cohort.iter().map(|b| b["id"].as_str().unwrap()).collect();
    assert_eq!(
        states,
        [
            "housed",
            "in_place",
            "waiting_list",
            "street_between_requests",
            "gone"
        ]
    );
    assert!(cohort
        .iter()
        .all(|b| b["mean"].as_array().unwrap().len() == 37));
    assert_eq!(s["waits"][0]["holding"], "shelter");
    assert_eq!(s["waits"][0]["destination"], "housing");
    assert_eq!(v["binding_constraints"][0]["destination"], "housing");
    assert_eq!(v["binding_constraints"][0]["kind"], "allocation");
}

#[test]
fn run_json_per_replication() {
    let v = json(&ok(&[
        "run",
        &tiny(),
        "-n",
        "3",
        "--first",
        "5",
        "--per-replication",
    ]));
    let reps = v["per_replication"].as_array().unwrap();
    let indices: Vec<u64> = reps.iter().map(|r| r["index"].as_u64().unwrap()).collect();
    assert_eq!(indices, [5, 6, 7]);
    let series = reps[0]["series"].as_array().unwrap();
    assert_eq!(series[0]["id"], "unsheltered");
    assert_eq!(series[0]["values"].as_array().unwrap().len(), 24);
    assert_eq!(reps[0]["headlines"][0]["id"], "unsheltered");
}

#[test]
fn run_csv_writes_long_tables() {
    let dir = scratch("csv");
    let out = dir.join("results");
    let out_s = out.to_str().unwrap();
    ok(&[
        "run",
        &tiny(),
        "-n",
        "4",
        "--format",
        "csv",
        "--out",
        out_s,
        "--per-replication",
    ]);
    let v = json(&ok(&["run", &tiny(), "-n", "4"]));
    let n_series = v["summary"]["series"].as_array().unwrap().len();
    let n_headlines = v["summary"]["headlines"].as_array().unwrap().len();

    let series = read(&out.join("series.csv"));
    let mut lines = series.lines();
    assert_eq!(
        lines.next(),
        Some("series,period,start_day,mean,p5,p25,p50,p75,p95")
    );
    assert_eq!(lines.clone().count(), n_series * 24);
    assert!(lines.clone().all(|l| l.split(',').count() == 9));
    assert!(series.contains("\nunsheltered,1,30.4375,"), "{series}");

    let headlines = read(&out.join("headlines.csv"));
    assert!(headlines.starts_with("id,mean,ci_low,ci_high,n\nunsheltered,"));
    assert_eq!(headlines.lines().count(), 1 + n_headlines);
    // The DALO procedure and the allocations taken from other priority households (issue 10).
    for id in [
        "\ndalo_recourses_per_year,",
        "\ndalo_favourable_decisions_per_year,",
        "\ndalo_decisions_past_deadline_per_year,",
        "\nallocations_taken_from_other_priority_households_per_year,",
    ] {
        assert!(headlines.contains(id), "{id} missing from {headlines}");
    }
    assert!(
        series.contains("\ndalo_households_past_deadline,1,"),
        "{series}"
    );

    let meta = read(&out.join("metadata.csv"));
    assert!(
        meta.contains("\nseed,1\n") && meta.contains("\nreplications,4\n"),
        "{meta}"
    );
    assert!(read(&out.join("time_to_housing.csv")).starts_with("week,households\n0,"));

    let cohort = read(&out.join("cohort.csv"));
    assert!(
        cohort.starts_with("state,months_after_first_request,mean,p5,p25,p50,p75,p95\nhoused,0,")
    );
    assert_eq!(cohort.lines().count(), 1 + 5 * 37);
    let waits = read(&out.join("waits.csv"));
    assert!(waits.starts_with("holding,destination,mean,ci_low,ci_high,n\nshelter,housing,"));
    let constraints = read(&out.join("constraints.csv"));
    assert!(
        constraints.contains("\n1,housing,allocation,"),
        "{constraints}"
    );

    let reps = read(&out.join("replications.csv"));
    assert!(reps.starts_with("replication,period,series,value\n0,0,unsheltered,"));
    assert_eq!(reps.lines().count(), 1 + 4 * n_series * 24);
    let rh = read(&out.join("replication_headlines.csv"));
    assert_eq!(rh.lines().count(), 1 + 4 * n_headlines);

    // Without --per-replication, stale per-replication tables are removed.
    ok(&["run", &tiny(), "-n", "4", "--format", "csv", "--out", out_s]);
    assert!(!out.join("replications.csv").exists());
    assert_eq!(read(&out.join("series.csv")), series);
}

/// Text a user wrote (the scenario's name) is written so a spreadsheet does not run it as a
/// formula, and quoted when it holds a separator (the page's CSV writer, shared).
#[test]
fn csv_text_is_neutralised_and_quoted() {
    let dir = scratch("csv-formula");
    let mut scenario: Value = serde_json::from_str(&read(Path::new(&tiny()))).unwrap();
    scenario["name"]["fr"] = "=HYPERLINK(\"http://x\"; \"y\")".into();
    scenario["name"]["en"] = "Tiny, small".into();
    let file = dir.join("formula.json");
    std::fs::write(&file, scenario.to_string()).unwrap();
    let out = dir.join("results");
    ok(&[
        "run",
        file.to_str().unwrap(),
        "-n",
        "2",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    let meta = read(&out.join("metadata.csv"));
    assert!(
        meta.contains("\nscenario_name_fr,\"'=HYPERLINK(\"\"http://x\"\"; \"\"y\"\")\"\n"),
        "{meta}"
    );
    assert!(
        meta.contains("\nscenario_name_en,\"Tiny, small\"\n"),
        "{meta}"
    );
}

#[test]
fn run_table_is_readable() {
    let out = ok(&["run", &tiny(), "-n", "3", "--format", "table"]);
    assert!(out.starts_with("Petit territoire / Tiny territory\nseed 1, 3 replications (0..3)\n"));
    assert!(out.contains("95% CI"));
    for line in [
        "unsheltered ",
        "without_solution ",
        "household_days_without_solution_per_year ",
        "share_housed_12m_after_first_request ",
        "median_days_first_request_to_housing ",
        "requests, months after the first ",
        "gone ",
        "shelter → housing ",
        "binding constraint: housing (allocation, ",
        "dalo_eligible_ready_and_waiting ",
        "dalo_recourses_per_year ",
        "dalo_decisions_past_deadline_per_year ",
        "priority_allocations_left_for_other_households_per_year ",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(line)),
            "no line {line:?}:\n{out}"
        );
    }
}

/// `parcours run-in` prints the typical end state of the run-in as an `initial_state` that the
/// scenario accepts, the same whatever the number of threads.
#[test]
fn run_in_prints_an_initial_state_the_scenario_accepts() {
    let args = [
        "run-in",
        &tiny(),
        "--years",
        "3",
        "-n",
        "4",
        "--seed",
        "5",
        "--cohorts",
        "3",
    ];
    let text = ok(&args);
    let state = json(&text);
    let occupants: u64 = state["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["count"].as_u64().unwrap())
        .sum();
    assert!(
        occupants > 30 && occupants <= 40,
        "{occupants} in 40 places"
    );
    assert!(state["stages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["ready"]["to"] == "housing"));
    assert!(!state["housed"].as_array().unwrap().is_empty());
    let mut with_args = args.to_vec();
    with_args.extend(["--threads", "1"]);
    assert_eq!(ok(&with_args), text, "independent of the threads");

    let dir = scratch("run-in");
    let mut scenario = json(&read(Path::new(&tiny())));
    scenario["initial_state"] = state;
    let file = dir.join("tiny-run-in.json");
    std::fs::write(&file, scenario.to_string()).unwrap();
    assert!(ok(&["validate", file.to_str().unwrap()]).ends_with(": ok\n"));
    let err = fails(&["run-in", &fixture("invalid.json")]);
    assert!(err.contains("invalid.json"), "{err}");
}

#[test]
fn output_does_not_depend_on_threads_and_seed_matters() {
    let one = ok(&["--threads", "1", "run", &tiny(), "-n", "8"]);
    let two = ok(&["run", &tiny(), "-n", "8", "--threads", "2"]);
    assert_eq!(one, two);
    let other = ok(&["run", &tiny(), "-n", "8", "--seed", "2"]);
    assert_ne!(one, other);
}

#[test]
fn split_and_merge_equals_one_run_byte_for_byte() {
    let dir = scratch("merge");
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    ok(&["run", &tiny(), "-n", "5", "--partial", "-o", &p("a.json")]);
    ok(&[
        "run",
        &tiny(),
        "-n",
        "7",
        "--first",
        "5",
        "--partial",
        "-o",
        &p("b.json"),
    ]);
    // Overlapping part: the shared replications are identical, so it is accepted.
    ok(&[
        "run",
        &tiny(),
        "-n",
        "4",
        "--first",
        "3",
        "--partial",
        "-o",
        &p("c.json"),
    ]);
    let single = ok(&["run", &tiny(), "-n", "12", "--per-replication"]);
    let merged = ok(&["merge", &p("b.json"), &p("a.json"), "--per-replication"]);
    assert_eq!(merged, single);
    let merged3 = ok(&[
        "merge",
        &p("c.json"),
        &p("a.json"),
        &p("b.json"),
        "--per-replication",
    ]);
    assert_eq!(merged3, single);

    // CSV too.
    ok(&[
        "run",
        &tiny(),
        "-n",
        "12",
        "--format",
        "csv",
        "-o",
        &p("one"),
    ]);
    ok(&[
        "merge",
        &p("a.json"),
        &p("b.json"),
        "--format",
        "csv",
        "-o",
        &p("two"),
    ]);
    for f in [
        "series.csv",
        "headlines.csv",
        "metadata.csv",
        "time_to_housing.csv",
        "cohort.csv",
        "waits.csv",
        "constraints.csv",
    ] {
        assert_eq!(
            read(&dir.join("one").join(f)),
            read(&dir.join("two").join(f)),
            "{f}"
        );
    }

    // Merging merged partial files works the same.
    ok(&["merge", &p("a.json"), "--partial", "-o", &p("a2.json")]);
    assert_eq!(read(&dir.join("a2.json")), read(&dir.join("a.json")));
    let merged = ok(&["merge", &p("a2.json"), &p("b.json"), "--per-replication"]);
    assert_eq!(merged, single);
}

#[test]
fn merge_refuses_parts_of_different_runs() {
    let dir = scratch("merge-errors");
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    ok(&["run", &tiny(), "-n", "2", "--partial", "-o", &p("a.json")]);
    ok(&[
        "run",
        &tiny(),
        "-n",
        "2",
        "--first",
        "2",
        "--seed",
        "9",
        "--partial",
        "-o",
        &p("seed9.json"),
    ]);
    ok(&[
        "run",
        &more_places(),
        "-n",
        "2",
        "--first",
        "2",
        "--partial",
        "-o",
        &p("other.json"),
    ]);
    let err = fails(&["merge", &p("a.json"), &p("seed9.json")]);
    assert!(err.contains("seed9.json was run with seed 9"), "{err}");
    let err = fails(&["merge", &p("a.json"), &p("other.json")]);
    assert!(
        err.contains("other.json comes from another scenario"),
        "{err}"
    );
    let err = fails(&["merge", &p("a.json"), &tiny()]);
    assert!(
        err.contains("tiny.json: not a partial result file"),
        "{err}"
    );
    let err = fails(&["merge", &p("missing.json")]);
    assert!(err.contains("missing.json: cannot read"), "{err}");

    // A damaged part is an error, not a panic.
    let text = read(&dir.join("a.json"));
    let mut v = json(&text);
    v["ensemble"]["replications"]["1"]["series"][0]
        .as_array_mut()
        .unwrap()
        .pop();
    std::fs::write(dir.join("damaged.json"), v.to_string()).unwrap();
    let err = fails(&["merge", &p("damaged.json")]);
    assert!(
        err.contains("damaged.json: damaged partial result file"),
        "{err}"
    );
    std::fs::write(dir.join("cut.json"), &text[..text.len() / 2]).unwrap();
    let err = fails(&["merge", &p("cut.json")]);
    assert!(err.contains("cut.json: malformed JSON"), "{err}");
}

#[test]
fn compare_reports_paired_differences() {
    let v = json(&ok(&["compare", &tiny(), &more_places(), "-n", "10"]));
    assert_eq!(v["pairs"], 10);
    assert_eq!(v["seed"], 1);
    assert_eq!(v["replication_indices"], json("[[0, 10]]"));
    assert_eq!(v["baseline"]["name"]["en"], "Tiny territory");
    let d = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "stage.shelter.places")
        .unwrap();
    // 40 → 60 places, deterministic: the same difference in every pair.
    assert_eq!(d["difference"]["mean"].as_f64().unwrap(), 20.0);
    assert_eq!(d["significant"], true);
    for d in v["differences"].as_array().unwrap() {
        assert!(d["difference"]["n"].as_u64().unwrap() <= 10, "{d}");
    }
    assert_eq!(v["waits"][0]["holding"], "shelter");
    assert_eq!(v["waits"][0]["destination"], "housing");
    assert_eq!(v["waits"][0]["difference"]["difference"]["n"], 10);
    assert_eq!(
        v["binding_constraint"]["baseline"]["destination"],
        "housing"
    );
    assert_eq!(
        v["binding_constraint"]["scenario"]["destination"],
        "housing"
    );

    let csv = ok(&[
        "compare",
        &tiny(),
        &more_places(),
        "-n",
        "10",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,baseline,scenario,difference,ci_low,ci_high,n,significant")
    );
    assert!(lines
        .clone()
        .all(|l| l.ends_with(",true") || l.ends_with(",false")));
    assert!(
        lines.any(|l| l.starts_with("wait:shelter->housing,")),
        "{csv}"
    );

    let table = ok(&[
        "compare",
        &tiny(),
        &more_places(),
        "-n",
        "10",
        "--format",
        "table",
    ]);
    assert!(table.contains("significant"), "{table}");
    assert!(table.contains("\nshelter → housing "), "{table}");
    assert!(
        table.contains("\nbinding constraint, scenario: housing (allocation, "),
        "{table}"
    );
}

#[test]
fn compare_reuses_a_partial_baseline() {
    let dir = scratch("compare-partial");
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    ok(&[
        "run",
        &tiny(),
        "-n",
        "6",
        "--first",
        "4",
        "--seed",
        "7",
        "--partial",
        "-o",
        &p("base.json"),
    ]);
    let direct = ok(&[
        "compare",
        &tiny(),
        &more_places(),
        "-n",
        "6",
        "--first",
        "4",
        "--seed",
        "7",
    ]);
    let reused = ok(&["compare", &p("base.json"), &more_places()]);
    assert_eq!(direct, reused);
    let err = fails(&["compare", &p("base.json"), &more_places(), "--seed", "7"]);
    assert!(err.contains("drop them"), "{err}");
}

#[test]
fn bad_input_fails_cleanly_naming_the_file() {
    let err = fails(&["run", "no-such-file.json"]);
    assert!(err.contains("no-such-file.json: cannot read"), "{err}");

    let malformed = fixture("malformed.json");
    let err = fails(&["run", &malformed]);
    assert!(
        err.contains(&format!("{malformed}: malformed scenario JSON")) && err.contains("line 7"),
        "{err}"
    );

    let bad = fixture("invalid.json");
    let err = fails(&["run", &bad, "-n", "2"]);
    assert!(
        err.contains(&format!("{bad}: stages[0].routes.default")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {bad} is not a valid scenario (2 problems)"
        )),
        "{err}"
    );

    let err = fails(&["compare", &tiny(), &bad, "-n", "2"]);
    assert!(err.contains("is not a valid scenario"), "{err}");

    let dir = scratch("bad-input");
    let part = dir.join("part.json");
    let part_s = part.to_str().unwrap();
    ok(&["run", &tiny(), "-n", "1", "--partial", "-o", part_s]);
    let err = fails(&["run", part_s]);
    assert!(err.contains("this is a partial result file"), "{err}");

    std::fs::write(dir.join("empty.json"), "").unwrap();
    let o = parcours(&["validate", dir.join("empty.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("empty.json: malformed scenario JSON: EOF"),
        "{}",
        stdout(&o)
    );

    let err = fails(&["run", &tiny(), "--format", "csv"]);
    assert!(err.contains("--out DIR"), "{err}");
    let err = fails(&["run", &tiny(), "--first", "18446744073709551615", "-n", "2"]);
    assert!(err.contains("largest replication index"), "{err}");
    let err = fails(&["run", &tiny(), "-n", "1", "-o", "/no/such/dir/out.json"]);
    assert!(err.contains("/no/such/dir/out.json: cannot write"), "{err}");

    // Usage errors: clap's status 2.
    for args in [
        vec!["run", tiny().leak(), "-n", "0"],
        vec!["run", tiny().leak(), "--partial", "--per-replication"],
        vec!["run", tiny().leak(), "--format", "xml"],
        vec!["validate"],
    ] {
        let o = parcours(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}
