//! `parcours seek` end to end on the tiny scenario (two years, 40 shelter places at 30 € a
//! day, 8 dwellings a month): the least amount bracketed by its probes, the same numbers for
//! the same seed, a target out of reach said so, and bad arguments named.

mod common;

use common::*;
use serde_json::Value;

fn seek(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "seek",
        &tiny(),
        "--objective",
        "without_solution",
        "-n",
        "20",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn run(args: &[String]) -> String {
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

fn fail(args: &[String]) -> String {
    fails(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Halving the households without a solution with shelter places: the answer is the least
/// amount whose share reaches 80 %, the amount one place below falls short (both were run),
/// and its yearly cost is its places × 30 € × 365.25 days.
#[test]
fn seek_finds_the_least_amount_bracketed_by_its_probes() {
    let args = seek(&[
        "--target",
        "-50%",
        "--lever",
        "lever-places-shelter=40..160",
        "--seed",
        "3",
    ]);
    let out = run(&args);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["target"]["objective"], "without_solution");
    assert_eq!(v["target"]["goal"]["change"], -0.5);
    assert_eq!(v["target"]["probability"], 0.8);
    let lever = &v["levers"][0];
    assert_eq!(lever["outcome"], "reached");
    let amount = lever["amount"].as_f64().unwrap();
    let probes = lever["probes"].as_array().unwrap();
    let at = |x: f64| probes.iter().find(|p| p["amount"].as_f64() == Some(x));
    let answer = at(amount).expect("the answer was run");
    assert_eq!(answer["reached"], true);
    assert!(answer["share"].as_f64().unwrap() >= 0.8);
    assert!(answer["share_ci_low"].as_f64().unwrap() <= answer["share"].as_f64().unwrap());
    let below = at(amount - 1.0).expect("one place below was run");
    assert_eq!(below["reached"], false);
    // Every probe above the answer reaches the target, every one below falls short.
    for p in probes {
        let x = p["amount"].as_f64().unwrap();
        assert_eq!(p["reached"].as_bool().unwrap(), x >= amount, "{p}");
        assert_eq!(p["of"], 20);
    }
    let cost = answer["cost_per_year"]["mean"].as_f64().unwrap();
    assert!(
        (cost - (amount - 40.0) * 30.0 * 365.25).abs() < 1e-6,
        "{cost}"
    );
    assert_eq!(v["best"], "lever-places-shelter");
    let s = v["sentence"].as_str().unwrap();
    assert!(
        s.contains(&format!("it takes at least {amount} places")),
        "{s}"
    );

    // Same seed, same numbers; another seed, other numbers.
    assert_eq!(run(&args), out);
    let mut other = args.clone();
    *other.last_mut().unwrap() = "4".into();
    assert_ne!(run(&other), out);
    // The table and CSV forms.
    let mut table = args.clone();
    table.extend(["--format".into(), "table".into()]);
    assert!(run(&table).contains("it takes at least"));
    let mut csv = args.clone();
    csv.extend(["--format".into(), "csv".into()]);
    let csv = run(&csv);
    assert!(csv.starts_with("lever,amount,met,of,share"), "{csv}");
    assert_eq!(
        csv.lines().filter(|l| l.contains(",true,true,")).count(),
        1,
        "{csv}"
    );
}

/// Eight more dwellings a month cannot halve the households without a solution in December
/// 2027: the answer says so, with the share at the bound, and names the bound as the reason.
#[test]
fn seek_says_when_the_target_is_out_of_reach() {
    let args = seek(&[
        "--target",
        "-50%",
        "--by",
        "2027-12",
        "--lever",
        "lever-alloc-housing=8..16",
    ]);
    let v: Value = serde_json::from_str(&run(&args)).unwrap();
    assert_eq!(v["target"]["by"], "2027-12");
    let lever = &v["levers"][0];
    assert_eq!(lever["outcome"], "unreachable");
    assert_eq!(lever["why"], "bound");
    assert_eq!(lever["probes"].as_array().unwrap().len(), 1);
    assert!(v["best"].is_null());
    let s = v["sentence"].as_str().unwrap();
    assert!(
        s.contains("Not reachable with these levers within their bounds"),
        "{s}"
    );
}

#[test]
fn seek_names_what_is_wrong_in_its_arguments() {
    let lever = ["--lever", "lever-places-shelter"];
    let cases: &[(&[&str], &str)] = &[
        (
            &["--target", "-50%", "--lever", "places-shelter"],
            "--lever places-shelter: 'places-shelter' is not a lever's id",
        ),
        (
            &["--target", "-50%", "--lever", "lever-places-nowhere"],
            "lever-places-nowhere is not a lever of this network; its levers: lever-places-shelter",
        ),
        (
            &["--target", "-50%", "--lever", "lever-places-shelter=60"],
            "--lever lever-places-shelter=60: write the bounds as MIN..MAX",
        ),
        (
            &["--target", "-50%", "--lever", "lever-places-shelter=a..60"],
            "--lever lever-places-shelter=a..60: 'a' is not a number",
        ),
        (
            &["--target", "-50%", "--lever", "lever-places-shelter=90..60"],
            "lever-places-shelter: bounds 90 to 60 are not valid",
        ),
        (
            &["--target", "half", "--lever", "lever-places-shelter"],
            "--target half: not a number",
        ),
        (
            &["--target", "-100%", "--lever", "lever-places-shelter"],
            "--target -100%: a change of −100 % or less cannot be reached",
        ),
        (
            &["--level", "x", "--lever", "lever-places-shelter"],
            "--level x: not a number",
        ),
        (
            &[
                "--target",
                "-50%",
                "--by",
                "2027-13",
                "--lever",
                "lever-places-shelter",
            ],
            "--by 2027-13: give a month as YYYY-MM",
        ),
        (
            &[
                "--target",
                "-50%",
                "--by",
                "2031-01",
                "--lever",
                "lever-places-shelter",
            ],
            "2031-01 is outside the reporting window (2026-01 to 2027-12)",
        ),
        (
            &[
                "--target",
                "-50%",
                "--probability",
                "1.5",
                "--lever",
                "lever-places-shelter",
            ],
            "--probability 1.5: give a share above 0 and at most 1",
        ),
        (
            &["--target", "-50%", "--lever", "lever-trend"],
            "The arrival trend is an assumption about demand",
        ),
    ];
    for (extra, message) in cases {
        let err = fail(&seek(extra));
        assert!(err.contains(message), "{extra:?}: {err}");
    }
    let err = fails(&[
        "seek",
        &tiny(),
        "--objective",
        "share_housed_12m_after_first_request",
        "--target",
        "+10%",
        "--by",
        "2027-06",
        lever[0],
        lever[1],
    ]);
    assert!(err.contains("has no monthly series"), "{err}");
    let err = fails(&[
        "seek",
        &tiny(),
        "--objective",
        "waiting",
        "--target",
        "-50%",
        lever[0],
        lever[1],
    ]);
    assert!(
        err.contains("--objective waiting: not an objective"),
        "{err}"
    );
    // Usage errors (exit 2): no target, both kinds of target, no lever.
    for extra in [
        &lever[..],
        &["--target", "-50%", "--level", "3", lever[0], lever[1]],
        &["--target", "-50%"],
    ] {
        let mut args = vec!["seek".to_string(), tiny()];
        args.extend(extra.iter().map(|s| s.to_string()));
        let o = parcours(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
    }
}

/// With two levers, each is sought alone, then the least-cost mix: the dwellings cost nothing
/// in this file, so the mix takes them and reaches the target for far less than shelter places
/// alone.
#[test]
fn seek_with_two_levers_adds_the_least_cost_mix() {
    let args = seek(&[
        "--target",
        "-50%",
        "--lever",
        "lever-places-shelter",
        "--lever",
        "lever-alloc-housing",
    ]);
    let v: Value = serde_json::from_str(&run(&args)).unwrap();
    let mix = &v["mix"];
    assert_eq!(mix["outcome"], "reached", "{mix}");
    assert_eq!(mix["least_cost_on_grid"], true, "{mix}");
    assert!(mix["share"].as_f64().unwrap() >= 0.8);
    let amounts = mix["amounts"].as_object().unwrap();
    assert!(
        amounts["lever-alloc-housing"].as_f64().unwrap() > 8.0,
        "{mix}"
    );
    let single = v["levers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["outcome"] == "reached")
        .expect("shelter places alone reach it");
    let single_cost = single["probes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["amount"] == single["amount"])
        .unwrap()["cost_per_year"]["mean"]
        .as_f64()
        .unwrap();
    assert!(
        mix["cost_per_year"]["mean"].as_f64().unwrap() < single_cost,
        "{v}"
    );
    let s = v["sentence"].as_str().unwrap();
    assert!(
        s.contains("The least costly mix on the grid") && !s.contains("mixes tried"),
        "{s}"
    );
}

/// The seek's arguments for the sweep form over `-n N --first K` (a part with `--sweep`): a
/// target of −50 % and seed 3 unless `extra` gives them.
fn grid(first: u64, n: u64, extra: &[&str]) -> Vec<String> {
    let (first, n) = (first.to_string(), n.to_string());
    let mut args: Vec<&str> = vec![
        "seek",
        "--objective",
        "without_solution",
        "--lever",
        "lever-places-shelter=100..120",
        "--grid",
        "--first",
        &first,
        "-n",
        &n,
    ];
    for (option, value) in [("--target", "-50%"), ("--seed", "3")] {
        if !extra.contains(&option) {
            args.extend([option, value]);
        }
    }
    args.extend(extra);
    let tiny = tiny();
    std::iter::once("seek")
        .chain([tiny.as_str()])
        .chain(args.into_iter().skip(1))
        .map(String::from)
        .collect()
}

/// The sweep form runs every amount of the lever's grid and answers with the least that meets
/// the target: on this case, where the share rises with the places, the bisection's answer.
#[test]
fn the_sweep_form_finds_the_bisections_answer() {
    let answer = |extra: &[&str]| {
        let mut args = seek(&[
            "--target",
            "-50%",
            "--lever",
            "lever-places-shelter=100..130",
            "--seed",
            "3",
        ]);
        args.extend(extra.iter().map(|s| s.to_string()));
        json(&run(&args))
    };
    let (bisection, sweep) = (answer(&[]), answer(&["--grid"]));
    assert_eq!(bisection["form"], "bisection");
    assert_eq!(sweep["form"], "grid");
    assert_eq!(
        sweep["levers"][0]["amount"],
        bisection["levers"][0]["amount"]
    );
    let probes = sweep["levers"][0]["probes"].as_array().unwrap();
    assert_eq!(probes.len(), 31, "every place from 100 to 130");
    // The least amount that reaches it, the amount below falling short.
    let answer = sweep["levers"][0]["amount"].as_f64().unwrap();
    for p in probes {
        let x = p["amount"].as_f64().unwrap();
        if x == answer || x == answer - 1.0 {
            assert_eq!(p["reached"].as_bool().unwrap(), x == answer, "{p}");
        }
        assert!(x >= answer || p["reached"] == false, "{p}");
    }
    assert!(sweep["mix"].is_null());
}

/// The sweep form split into three index ranges (one overlapping), merged in any order, gives
/// byte for byte the output of the whole command in every format; parts that do not belong
/// together, a range no part ran and options the parts already fix are refused, by name.
#[test]
fn the_sweep_form_splits_into_ranges_merged_exactly() {
    let dir = scratch("seek-split");
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    let part = |first: u64, n: u64, name: &str, extra: &[&str]| {
        let mut extra: Vec<&str> = extra.to_vec();
        let out = p(name);
        extra.extend(["--partial", "--sweep", "0..12", "-o", &out]);
        run(&grid(first, n, &extra));
    };
    part(0, 5, "a.json", &[]);
    part(5, 7, "b.json", &[]);
    part(3, 4, "c.json", &[]);
    for format in ["json", "table", "csv"] {
        let whole = run(&grid(0, 12, &["--format", format]));
        let merged = ok(&[
            "seek",
            &p("c.json"),
            &p("b.json"),
            &p("a.json"),
            "--format",
            format,
        ]);
        assert_eq!(merged, whole, "{format}");
    }
    let v = json(&ok(&["seek", &p("a.json"), &p("b.json")]));
    assert_eq!(v["levers"][0]["probes"][0]["of"], 12);

    let err = fails(&["seek", &p("a.json"), &p("c.json")]);
    assert!(
        err.contains("replications 7..12 of the sweep 0..12 are in none of the parts"),
        "{err}"
    );
    part(5, 7, "seed4.json", &["--seed", "4"]);
    let err = fails(&["seek", &p("a.json"), &p("seed4.json")]);
    assert!(err.contains("seed4.json was run with seed 4"), "{err}");
    // Another target, month or probability: the same runs, another question.
    part(5, 7, "target.json", &["--target", "-40%"]);
    let err = fails(&["seek", &p("a.json"), &p("target.json")]);
    assert!(
        err.contains("target.json is a part of another analysis than")
            && err.contains("the target is {\"change\":-0.4} in")
            && err.contains("but {\"change\":-0.5} in"),
        "{err}"
    );
    part(5, 7, "probability.json", &["--probability", "0.9"]);
    let err = fails(&["seek", &p("a.json"), &p("probability.json")]);
    assert!(err.contains("the probability is 0.9"), "{err}");

    let err = fails(&["seek", &p("a.json"), "--lever", "lever-places-shelter"]);
    assert!(
        err.contains("--lever comes from the partial seek files: drop it"),
        "{err}"
    );
    let err = fails(&["seek", &p("a.json"), "--seed", "3"]);
    assert!(err.contains("drop them"), "{err}");
    // The bisection does not split; a part names its sweep, which holds its range.
    let err = fail(&seek(&[
        "--target",
        "-50%",
        "--lever",
        "lever-places-shelter",
        "--partial",
        "--sweep",
        "0..20",
    ]));
    assert!(
        err.contains("--partial splits the sweep form only: add --grid"),
        "{err}"
    );
    let err = fail(&grid(0, 5, &["--partial"]));
    assert!(err.contains("--partial needs --sweep A..B"), "{err}");
    let err = fail(&grid(10, 5, &["--partial", "--sweep", "0..12"]));
    assert!(
        err.contains("runs indices 10..15, not all within --sweep 0..12"),
        "{err}"
    );
    let err = fail(&grid(0, 5, &["--partial", "--sweep", "12"]));
    assert!(
        err.contains("--sweep 12: give the whole sweep's replication indices as A..B"),
        "{err}"
    );
}
