//! `parcours optimise` end to end on the tiny scenario (two years, 40 shelter places at 30 € a
//! day, 8 dwellings a month at no cost of their own): a mix within the budget, its front, the
//! finalists' verdict, the same numbers for the same seed, and arguments refused by name.

mod common;

use common::*;
use serde_json::Value;

const LEVERS: [&str; 4] = [
    "--lever",
    "lever-places-shelter=40..80",
    "--lever",
    "lever-alloc-housing=8..12",
];

fn optimise(extra: &[&str]) -> Vec<String> {
    let tiny = tiny();
    let mut args: Vec<String> = ["optimise", &tiny, "--budget", "300000"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(LEVERS.iter().map(|s| s.to_string()));
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn run(extra: &[&str]) -> String {
    let args = optimise(extra);
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// 300 000 € a year buys up to 27 shelter places (10 960 € each); the dwellings are free and
/// the shelter is full, so the recommended mix takes them all and spends on places.
#[test]
fn optimise_recommends_a_mix_within_budget_with_its_front_and_verdict() {
    let out = run(&["-n", "20", "--seed", "3"]);
    let v: Value = json(&out);
    assert_eq!(v["objective"], "household_days_without_solution_per_year");
    assert_eq!(v["budget_per_year"], 300_000.0);
    let levers = v["levers"].as_array().unwrap();
    assert_eq!(levers[0]["cost_per_unit_per_year"], 30.0 * 365.25);
    assert_eq!(levers[0]["values_searched"], 5, "40, 50, 60, 70, 80");
    assert_eq!(levers[1]["cost_per_unit_per_year"], 0.0);
    // The front: six budgets from 0 to the budget, never worse with more.
    let front = v["front"].as_array().unwrap();
    assert_eq!(front.len(), 6);
    for w in front.windows(2) {
        assert!(
            w[1]["objective"].as_f64() <= w[0]["objective"].as_f64(),
            "{w:?}"
        );
        assert!(w[0]["budget"].as_f64() < w[1]["budget"].as_f64());
    }
    for f in front {
        assert!(f["cost_per_year"].as_f64() <= f["budget"].as_f64(), "{f}");
    }
    assert_eq!(
        front[0]["mix"]["lever-alloc-housing"], 12.0,
        "free dwellings first"
    );
    // Finalists: best first by the simulation, within the budget, with their intervals.
    let fin = v["finalists"].as_array().unwrap();
    assert!(fin.len() >= 2 && fin.len() <= 4, "{fin:?}");
    for (k, f) in fin.iter().enumerate() {
        assert_eq!(f["rank"], k + 1);
        assert!(f["cost_per_year"].as_f64().unwrap() <= 300_000.0);
        assert_eq!(f["gain"]["n"], 20);
        let g = &f["gain"];
        assert!(
            g["ci_low"].as_f64() <= g["mean"].as_f64()
                && g["mean"].as_f64() <= g["ci_high"].as_f64()
        );
        assert!(f["search_objective"].is_number(), "{f}");
    }
    for w in fin.windows(2) {
        assert!(w[0]["gain"]["mean"].as_f64() >= w[1]["gain"]["mean"].as_f64());
    }
    assert_eq!(fin[0]["mix"]["lever-places-shelter"], 60.0, "{fin:?}");
    let sel = &v["selection"];
    assert_eq!(sel["confidence"], 0.95);
    assert_eq!(sel["comparisons"], fin.len() - 1);
    assert!(sel["distinguishable"].is_boolean() && sel["lead"]["mean"].as_f64().unwrap() >= 0.0);
    assert_eq!(v["search"]["method"], "surrogate");
    let s: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        s[0].starts_with("Searched on the fluid approximation"),
        "{s:?}"
    );
    assert!(s[1].starts_with("Recommended mix: "), "{s:?}");
    assert!(s[2].contains("the runner-up"), "{s:?}");

    // Same seed, same numbers; another seed, other numbers.
    assert_eq!(run(&["-n", "20", "--seed", "3"]), out);
    assert_ne!(run(&["-n", "20", "--seed", "4"]), out);
    assert_eq!(run(&["-n", "20", "--seed", "3", "--threads", "1"]), out);
    // The table and CSV forms.
    let table = run(&["-n", "20", "--seed", "3", "--format", "table"]);
    assert!(table.contains("Cost–outcome front"), "{table}");
    assert!(table.contains("Recommended mix"), "{table}");
    let csv = run(&["-n", "20", "--seed", "3", "--format", "csv"]);
    assert!(
        csv.starts_with("row,rank,budget,cost_per_year,search_objective,objective,"),
        "{csv}"
    );
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .ends_with("lever-places-shelter,lever-alloc-housing"));
    assert_eq!(csv.lines().count(), 1 + 6 + fin.len());
}

/// With 10 places a year, the places a mix adds open as dated openings (month 0, then 12), and
/// those due after the two-year horizon are counted.
#[test]
fn optimise_schedules_openings_with_a_yearly_cap() {
    let v = json(&run(&["-n", "10", "--open-per-year", "10"]));
    assert_eq!(v["open_per_year"], 10);
    for f in v["finalists"].as_array().unwrap() {
        let added = f["mix"]["lever-places-shelter"].as_f64().unwrap() - 40.0;
        let sched = f["schedule"].as_array().unwrap();
        let total: f64 = sched.iter().map(|o| o["places"].as_f64().unwrap()).sum();
        assert_eq!(total, added, "{f}");
        for (k, o) in sched.iter().enumerate() {
            assert_eq!(o["month"], 12 * k, "{o}");
            assert!(o["places"].as_f64().unwrap() <= 10.0);
        }
        let late: f64 = sched
            .iter()
            .filter(|o| o["month"].as_f64().unwrap() >= 24.0)
            .map(|o| o["places"].as_f64().unwrap())
            .sum();
        assert_eq!(f["places_beyond_horizon"].as_f64().unwrap(), late);
    }
}

/// The share housed within 12 months is not computed by the fluid approximation: the search
/// runs on the simulation with a tenth of the replications (at least 10) and says so.
#[test]
fn optimise_falls_back_on_the_simulation_for_other_objectives() {
    let v = json(&run(&[
        "-n",
        "20",
        "--objective",
        "share_housed_12m_after_first_request",
    ]));
    assert_eq!(v["search"]["method"], "simulation_objective");
    assert_eq!(v["search"]["replications_per_mix"], 10);
    let s = v["sentences"][0].as_str().unwrap();
    assert!(
        s.contains("does not compute this objective") && s.contains("10 replications a mix"),
        "{s}"
    );
}

#[test]
fn optimise_refuses_bad_arguments_naming_them() {
    let tiny = tiny();
    let cases: [(&[&str], &str); 9] = [
        (
            &["--lever", "lever-nope"],
            "--lever lever-nope: 'lever-nope' is not a lever's id",
        ),
        (
            &["--lever", "lever-places-chrs"],
            "lever-places-chrs: not a lever of this scenario",
        ),
        (&["--lever", "lever-places-shelter=80..40"], "0 ≤ MIN ≤ MAX"),
        (
            &["--lever", "lever-places-shelter=40-80"],
            "write the bounds as MIN..MAX",
        ),
        (
            &["--lever", "lever-places-shelter=a..80"],
            "'a' is not a number",
        ),
        (&["--lever", "lever-trend"], "not something a budget funds"),
        (
            &[
                "--lever",
                "lever-places-shelter",
                "--lever",
                "lever-places-shelter",
            ],
            "lever-places-shelter: allowed twice",
        ),
        (
            &["--lever", "lever-places-shelter", "--objective", "nope"],
            "--objective nope: not an objective",
        ),
        (
            &[
                "--lever",
                "lever-places-shelter",
                "--first",
                "18446744073709551615",
                "-n",
                "2",
            ],
            "runs past the largest replication index",
        ),
    ];
    for (extra, want) in cases {
        let mut args = vec!["optimise", tiny.as_str(), "--budget", "1000"];
        args.extend(extra);
        let err = fails(&args);
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let err = fails(&[
        "optimise",
        &tiny,
        "--budget",
        "-5",
        "--lever",
        "lever-places-shelter",
    ]);
    assert!(err.contains("--budget -5"), "{err}");
    let err = fails(&[
        "optimise",
        &fixture("missing.json"),
        "--budget",
        "5",
        "--lever",
        "lever-places-shelter",
    ]);
    assert!(err.contains("missing.json"), "{err}");
    // Bounds the budget cannot reach: an answer that says so, not a failure.
    let v = json(&ok(&[
        "optimise",
        &tiny,
        "--budget",
        "1000",
        "--lever",
        "lever-places-shelter=60..80",
        "-n",
        "5",
    ]));
    assert_eq!(v["finalists"].as_array().unwrap().len(), 0);
    assert_eq!(
        v["sentences"][1],
        "No mix fits this budget within these bounds."
    );
    assert!(
        v["sentences"][0]
            .as_str()
            .unwrap()
            .contains("(1 mix evaluated,"),
        "{v}"
    );
    // No lever, or no budget, is a usage error (status 2), naming the option.
    let o = parcours(&["optimise", &tiny, "--budget", "5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--lever"), "{}", stderr(&o));
    let o = parcours(&["optimise", &tiny, "--lever", "lever-places-shelter"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--budget"), "{}", stderr(&o));
}

/// The finals split into index ranges: every part searches alike (on the simulation here, on
/// the sweep's first 10 indices whatever its own range) and runs its range of the finalists;
/// merged in any order they give byte for byte the whole command's output, on the fluid
/// search and on the simulation's, in every format. Parts of another question, a range no
/// part ran and options the parts already fix are refused, by name.
#[test]
fn the_finals_split_into_ranges_merged_exactly() {
    let dir = scratch("optimise-split");
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    for objective in [
        "household_days_without_solution_per_year",
        "share_housed_12m_after_first_request",
    ] {
        let part = |first: &str, n: &str, name: &str| {
            run(&[
                "--objective",
                objective,
                "--seed",
                "3",
                "--first",
                first,
                "-n",
                n,
                "--partial",
                "--sweep",
                "0..20",
                "-o",
                &p(name),
            ]);
        };
        part("0", "8", "a.json");
        part("8", "12", "b.json");
        for format in ["json", "table", "csv"] {
            let whole = run(&[
                "--objective",
                objective,
                "--seed",
                "3",
                "-n",
                "20",
                "--format",
                format,
            ]);
            let merged = ok(&["optimise", &p("b.json"), &p("a.json"), "--format", format]);
            assert_eq!(merged, whole, "{objective} {format}");
        }
    }
    let err = fails(&["optimise", &p("a.json")]);
    assert!(
        err.contains("replications 8..20 of the sweep 0..20 are in none of the parts"),
        "{err}"
    );
    // a.json is now of the objective share_housed_12m_after_first_request.
    run(&[
        "--seed",
        "3",
        "--first",
        "8",
        "-n",
        "12",
        "--partial",
        "--sweep",
        "0..20",
        "-o",
        &p("days.json"),
    ]);
    let err = fails(&["optimise", &p("a.json"), &p("days.json")]);
    assert!(
        err.contains("days.json is a part of another analysis than")
            && err.contains("the objective is \"household_days_without_solution_per_year\" in"),
        "{err}"
    );
    let args = [
        "optimise",
        &tiny(),
        "--budget",
        "200000",
        "--lever",
        LEVERS[1],
        "--lever",
        LEVERS[3],
        "--objective",
        "share_housed_12m_after_first_request",
        "--seed",
        "3",
        "--first",
        "8",
        "-n",
        "12",
        "--partial",
        "--sweep",
        "0..20",
        "-o",
        &p("budget.json"),
    ];
    ok(&args);
    let err = fails(&["optimise", &p("a.json"), &p("budget.json")]);
    assert!(err.contains("the budget is 200000.0 in"), "{err}");
    let err = fails(&["optimise", &p("a.json"), "--budget", "5"]);
    assert!(
        err.contains("--budget comes from the partial optimise files: drop it"),
        "{err}"
    );
    let err = fails(&[
        "optimise",
        &p("a.json"),
        "--lever",
        "lever-places-shelter",
        "--objective",
        "without_solution",
        "--partial",
        "--sweep",
        "0..20",
    ]);
    assert!(
        err.contains(
            "--sweep, --lever, --objective come from the partial optimise files: drop them"
        ),
        "{err}"
    );
    let err = fails(&["optimise", &p("a.json"), &tiny()]);
    assert!(err.contains("not a partial optimise file"), "{err}");
    let err = fails(&["merge", &p("a.json")]);
    assert!(err.contains("parcours optimise PART"), "{err}");
}
