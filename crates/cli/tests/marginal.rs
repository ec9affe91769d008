//! `parcours marginal` end to end on the tiny scenario (two years, 40 shelter places, 8
//! dwellings a month): its ranking, the same numbers for the same seed, and a sweep split into
//! index ranges merged into exactly the output of one invocation.

mod common;

use common::*;
use serde_json::Value;

/// The tiny territory's shelter is full and half its leavers wait for 8 dwellings a month:
/// both steps help (every arrival waits for the shelter), and the report carries each
/// lever's effect with its interval, its yearly cost and the sentence.
#[test]
fn marginal_ranks_every_lever_with_its_interval_and_cost() {
    let out = ok(&["marginal", &tiny(), "-n", "20", "--seed", "3"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["objective"], "household_days_without_solution_per_year");
    assert_eq!(v["pairs"], 20);
    let levers = v["levers"].as_array().unwrap();
    let ids: Vec<&str> = levers
        .iter()
        .map(|l| l["lever"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, ["lever-alloc-housing", "lever-places-shelter"]);
    for l in levers {
        let e = &l["effect"];
        assert!(e["ci_low"].as_f64().unwrap() <= e["mean"].as_f64().unwrap());
        assert!(e["mean"].as_f64().unwrap() <= e["ci_high"].as_f64().unwrap());
        assert_eq!(e["n"], 20);
        assert_eq!(l["gain"]["mean"].as_f64(), e["mean"].as_f64().map(|x| -x));
    }
    // The gains are ranked, best first.
    let gains: Vec<f64> = levers
        .iter()
        .map(|l| l["gain"]["mean"].as_f64().unwrap())
        .collect();
    assert!(gains[0] >= gains[1], "{gains:?}");
    // 10 shelter places cost 10 × 30 € × 365.25 days a year, every replication alike.
    let places = levers
        .iter()
        .find(|l| l["lever"] == "lever-places-shelter")
        .unwrap();
    assert!((places["cost_per_year"]["mean"].as_f64().unwrap() - 109_575.0).abs() < 1e-6);
    assert!(places["gain_per_100k_euros_a_year"]["mean"].is_number());
    assert_eq!(
        (places["from"].as_f64(), places["to"].as_f64()),
        (Some(40.0), Some(50.0))
    );
    let s = v["sentence"].as_str().unwrap();
    assert!(s.starts_with("The most useful lever is"), "{s}");
    assert!(v["lead"]["difference"]["mean"].as_f64().unwrap() >= 0.0);

    // Same seed, same numbers; another seed, other numbers.
    assert_eq!(ok(&["marginal", &tiny(), "-n", "20", "--seed", "3"]), out);
    assert_ne!(ok(&["marginal", &tiny(), "-n", "20", "--seed", "4"]), out);
    // Per 100 k€: the dwellings cost nothing in this file, so the places come first.
    let v: Value = serde_json::from_str(&ok(&[
        "marginal",
        &tiny(),
        "-n",
        "20",
        "--seed",
        "3",
        "--rank-by",
        "cost",
    ]))
    .unwrap();
    assert_eq!(v["levers"][0]["lever"], "lever-places-shelter");
    assert!(v["levers"][1]["gain_per_100k_euros_a_year"].is_null());
    // Another objective, and the table and CSV forms.
    let v: Value = serde_json::from_str(&ok(&[
        "marginal",
        &tiny(),
        "-n",
        "20",
        "--objective",
        "share_housed_12m_after_first_request",
    ]))
    .unwrap();
    assert_eq!(v["objective"], "share_housed_12m_after_first_request");
    let table = ok(&["marginal", &tiny(), "-n", "20", "--format", "table"]);
    assert!(table.contains("Places — Shelter +10"), "{table}");
    let csv = ok(&["marginal", &tiny(), "-n", "20", "--format", "csv"]);
    assert!(
        csv.starts_with("rank,lever,from,to,objective,effect,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3);
}

/// Three index ranges (one overlapping) of a sweep of 12, merged in any order, give byte for
/// byte the output of one invocation over the sweep; a range missing, or a part of another
/// sweep or seed, is refused by name.
#[test]
fn a_split_sweep_merges_into_one_run_exactly() {
    let dir = scratch("marginal-split");
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    // A part: replications first..first+n of the sweep, on the seed, written to `name`.
    let part = |first: &str, n: &str, seed: &str, sweep: &str, name: &str| {
        ok(&[
            "marginal",
            &tiny(),
            "--first",
            first,
            "-n",
            n,
            "--seed",
            seed,
            "--partial",
            "--sweep",
            sweep,
            "-o",
            &p(name),
        ]);
    };
    part("0", "5", "9", "0..12", "a.json");
    part("5", "7", "9", "0..12", "b.json");
    part("3", "4", "9", "0..12", "c.json");
    for format in ["json", "table", "csv"] {
        let one = ok(&[
            "marginal",
            &tiny(),
            "-n",
            "12",
            "--seed",
            "9",
            "--format",
            format,
        ]);
        let merged = ok(&[
            "marginal",
            &p("c.json"),
            &p("b.json"),
            &p("a.json"),
            "--format",
            format,
        ]);
        assert_eq!(merged, one, "{format}");
    }
    // The objective is chosen when merging: the runs do not depend on it.
    let one = ok(&[
        "marginal",
        &tiny(),
        "-n",
        "12",
        "--seed",
        "9",
        "--objective",
        "without_solution",
    ]);
    let merged = ok(&[
        "marginal",
        &p("a.json"),
        &p("b.json"),
        "--objective",
        "without_solution",
    ]);
    assert_eq!(merged, one);
    // A merged partial file merges again the same.
    ok(&["marginal", &p("a.json"), "--partial", "-o", &p("a2.json")]);
    assert_eq!(
        std::fs::read_to_string(dir.join("a2.json")).unwrap(),
        std::fs::read_to_string(dir.join("a.json")).unwrap()
    );

    // Parts of other runs are refused, naming the file.
    part("5", "5", "8", "0..12", "seed8.json");
    let err = fails(&["marginal", &p("a.json"), &p("seed8.json")]);
    assert!(err.contains("seed8.json") && err.contains("seed"), "{err}");
    // A range no part ran is named, and so is a part of another sweep.
    let err = fails(&["marginal", &p("a.json"), &p("c.json")]);
    assert!(
        err.contains("replications 7..12 of the sweep 0..12 are in none of the parts"),
        "{err}"
    );
    part("5", "7", "9", "0..20", "other-sweep.json");
    let err = fails(&["marginal", &p("a.json"), &p("other-sweep.json")]);
    assert!(
        err.contains("other-sweep.json is a part of the sweep 0..20")
            && err.contains("a.json of the sweep 0..12"),
        "{err}"
    );
    // `merge` says which command merges an analysis's parts.
    let err = fails(&["merge", &p("a.json")]);
    assert!(
        err.contains("a partial marginal file") && err.contains("parcours marginal PART"),
        "{err}"
    );
    let err = fails(&["marginal", &p("a.json"), &tiny()]);
    assert!(err.contains("not a partial marginal file"), "{err}");
    let err = fails(&["marginal", &tiny(), &p("a.json")]);
    assert!(err.contains("one scenario file"), "{err}");
    let err = fails(&["marginal", &p("a.json"), "-n", "3"]);
    assert!(err.contains("drop them"), "{err}");
}

#[test]
fn bad_options_fail_cleanly() {
    let err = fails(&[
        "marginal",
        &tiny(),
        "-n",
        "2",
        "--objective",
        "cost_per_year",
    ]);
    assert!(
        err.contains("not an objective") && err.contains("without_solution"),
        "{err}"
    );
    let err = fails(&[
        "marginal",
        &tiny(),
        "-n",
        "2",
        "--partial",
        "--format",
        "csv",
    ]);
    assert!(err.contains("--partial"), "{err}");
    let err = fails(&["marginal", "/nonexistent.json", "-n", "2"]);
    assert!(err.contains("/nonexistent.json"), "{err}");
}
