//! Input that once crashed or misled: every one is refused with a [`ValidationError`] naming the
//! field, never a panic. Each test is a reproducer from issue 15 or a finding of the fuzzing
//! campaign (RELIABILITY.md), kept as a regression test.

use parcours_engine::json::MAX_SCENARIO_BYTES;
use parcours_engine::{
    default_scenario, ErrorKind, Model, Scenario, StageSeries, SystemSeries, ValidationError,
    DEFAULT_SCENARIO_JSON,
};
use serde_json::{json, Value};

fn default_json() -> Value {
    serde_json::from_str(DEFAULT_SCENARIO_JSON).unwrap()
}

/// Validates `v` (through its JSON text, as every reader does) and returns the problems.
fn problems(v: &Value) -> Vec<ValidationError> {
    let text = serde_json::to_string(v).unwrap();
    match Model::from_json(&text) {
        Ok(_) => panic!("accepted"),
        Err(e) => e,
    }
}

fn has(errors: &[ValidationError], path: &str, kind: impl Fn(&ErrorKind) -> bool) {
    assert!(
        errors.iter().any(|e| e.path == path && kind(&e.kind)),
        "no error at {path}: {errors:?}"
    );
}

/// Issue 15: a household type id repeated, empty or `default` made `Model::new` index the
/// per-type tables past their end (a panic in the page, exit 101 on the command line).
#[test]
fn a_repeated_empty_or_reserved_type_id_is_named_not_a_panic() {
    for id in ["single_man", "", "default"] {
        let mut v = default_json();
        v["household_types"][1]["id"] = json!(id);
        let errors = problems(&v);
        has(&errors, "household_types[1].id", |k| {
            matches!(
                k,
                ErrorKind::DuplicateId { .. } | ErrorKind::UnusableId { .. }
            )
        });
    }
    // The last type, and a list of nothing but copies of one id.
    let mut v = default_json();
    let n = v["household_types"].as_array().unwrap().len();
    v["household_types"][n - 1]["id"] = json!("family");
    has(
        &problems(&v),
        &format!("household_types[{}].id", n - 1),
        |k| matches!(k, ErrorKind::DuplicateId { .. }),
    );
    let mut v = default_json();
    for t in v["household_types"].as_array_mut().unwrap() {
        t["id"] = json!("single_man");
    }
    has(&problems(&v), "household_types[4].id", |k| {
        matches!(k, ErrorKind::DuplicateId { .. })
    });
}

#[test]
fn repeated_or_unusable_stage_and_exit_ids_are_named() {
    let mut v = default_json();
    v["stages"][3]["id"] = v["stages"][0]["id"].clone();
    has(&problems(&v), "stages[3].id", |k| {
        matches!(k, ErrorKind::DuplicateId { .. })
    });
    let mut v = default_json();
    v["stages"][0]["id"] = json!("");
    has(&problems(&v), "stages[0].id", |k| {
        matches!(k, ErrorKind::UnusableId { .. })
    });
    let mut v = default_json();
    v["exits"][1]["id"] = v["exits"][0]["id"].clone();
    has(&problems(&v), "exits[1].id", |k| {
        matches!(k, ErrorKind::DuplicateId { .. })
    });
    let mut v = default_json();
    v["stages"][2]["id"] = v["exits"][0]["id"].clone();
    has(&problems(&v), "stages[2].id", |k| {
        matches!(k, ErrorKind::IdAlsoExit { .. })
    });
}

/// Issue 15: JSON type errors gave a line and column but no field.
#[test]
fn json_errors_name_the_field_path() {
    let text = DEFAULT_SCENARIO_JSON;
    let cases = [
        (
            "\"horizon_months\": 60.0",
            "\"horizon_months\": 1e999",
            "horizon_months",
            "number out of range",
        ),
        (
            "\"horizon_months\": 60.0",
            "\"horizon_months\": \"60\"",
            "horizon_months",
            "invalid type: string \"60\"",
        ),
        (
            "\"month\": 1",
            "\"month\": 18446744073709551616",
            "start.month",
            "expected u32",
        ),
    ];
    for (from, to, path, what) in cases {
        assert!(text.contains(from), "{from}");
        let e = Scenario::parse(&text.replacen(from, to, 1)).unwrap_err();
        assert_eq!(e.path, path, "{to}: {e}");
        assert!(
            e.message.contains(what) && e.message.contains(" line "),
            "{to}: {e}"
        );
        let e = &Model::from_json(&text.replacen(from, to, 1)).unwrap_err()[0];
        assert_eq!(e.path, path);
        // The one-line form used by the app's worker says the path too.
        let line = Scenario::from_json(&text.replacen(from, to, 1)).unwrap_err();
        assert!(
            line.starts_with(&format!("scenario JSON: {path}: ")),
            "{line}"
        );
    }
    let mut v = default_json();
    v["stages"][2]["places"] = json!(-5);
    let e = &problems(&v)[0];
    assert_eq!(e.path, "stages[2].places");
    assert!(e.message.contains("-5"), "{e}");
    // Deep in a per-type table, and a stage's kind-specific fields.
    let mut v = default_json();
    v["stages"][0]["routes"]["family"][0]["p"] = json!("half");
    assert_eq!(problems(&v)[0].path, "stages[0].routes.family[0].p");
    let mut v = default_json();
    v["stages"][0]["units_per_month"] = json!(3.0);
    assert_eq!(problems(&v)[0].path, "stages[0]");
    // The document itself: a syntax error, trailing text, a missing field of the root.
    for bad in ["{", "{\"format_version\": 1}", "[]", ""] {
        assert_eq!(Scenario::parse(bad).unwrap_err().path, "$", "{bad}");
    }
    let e = Scenario::parse(&format!("{text} x")).unwrap_err();
    assert_eq!(e.path, "$");
    assert!(e.message.contains("trailing characters"), "{e}");
}

#[test]
fn a_text_over_the_size_limit_is_refused_before_parsing() {
    let big = format!(
        "{}{}",
        DEFAULT_SCENARIO_JSON,
        " ".repeat(MAX_SCENARIO_BYTES)
    );
    let e = Scenario::parse(&big).unwrap_err();
    assert_eq!(e.path, "$");
    assert!(matches!(e.kind, ErrorKind::TooLarge { .. }));
    assert_eq!(
        e.message,
        "the scenario's text is 2.3 MB, more than the 2.097152 MB accepted"
    );
    // Just under the limit still parses.
    let ok = format!(
        "{}{}",
        DEFAULT_SCENARIO_JSON,
        " ".repeat(MAX_SCENARIO_BYTES - DEFAULT_SCENARIO_JSON.len())
    );
    assert!(Scenario::parse(&ok).is_ok());
}

/// Issue 15: 1e308 showed as « inf » in the message; values never read « inf ».
#[test]
fn huge_and_non_finite_values_are_written_readably() {
    let mut v = default_json();
    v["stages"][2]["cost_per_place_day"] = json!(1e308);
    let e = &problems(&v)[0];
    assert_eq!(e.path, "stages[2].cost_per_place_day");
    assert_eq!(e.message, "1e308 is out of range, expected 0 to 1000000");
    let mut s = default_scenario();
    s.horizon_months = f64::INFINITY;
    s.warmup_months = f64::NAN;
    s.dalo.shelter_months = f64::NEG_INFINITY;
    let errors = Model::new(&s).unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        text.contains(&"horizon_months: ∞ is not a finite number".to_string()),
        "{text:?}"
    );
    assert!(
        text.contains(&"warmup_months: NaN is not a finite number".to_string()),
        "{text:?}"
    );
    for t in &text {
        assert!(!t.contains("inf"), "{t}");
    }
    // The largest arrivals: the expected count is written in scientific notation, not 38 digits.
    let mut v = default_json();
    v["arrivals"][0]["rate_per_month"] = json!(5e6);
    v["arrivals"][0]["trend_percent_per_year"] = json!(100);
    v["horizon_months"] = json!(1200);
    let e = problems(&v)
        .into_iter()
        .find(|e| e.path == "arrivals")
        .unwrap();
    assert_eq!(
        e.message,
        "about 1.096e38 arrivals expected per replication, expected at most 5000000"
    );
}

/// Daily periods over a century with many stages would hold millions of values per replication
/// (times the replications of a run): periods are capped by the series they make, at most
/// `MAX_SERIES_CELLS` (2 million) values.
#[test]
fn the_series_of_one_replication_stay_small() {
    let series = |stages: usize| SystemSeries::ALL.len() + StageSeries::ALL.len() * stages;
    let mut v = default_json();
    v["horizon_months"] = json!(1200);
    // 7 stages: 16 + 7 × 7 = 65 series; every 2 days, 65 × 18,263 = 1.2 million values, accepted.
    assert_eq!(series(7), 65);
    v["reporting_period_days"] = json!(2);
    assert!(Model::from_json(&serde_json::to_string(&v).unwrap()).is_ok());
    // Daily: 65 × 36,525 = 2.4 million, refused (at most 2,000,000 / 65 = 30,769 periods).
    v["reporting_period_days"] = json!(1);
    let e = problems(&v)
        .into_iter()
        .find(|e| e.path == "reporting_period_days")
        .unwrap();
    assert_eq!(e.message, "gives 36525 periods, expected at most 30769");
    // 57 stages: 16 + 7 × 57 = 415 series, at most 2,000,000 / 415 = 4,819 periods.
    let stage = v["stages"][0].clone();
    for i in 0..50 {
        let mut x = stage.clone();
        x["id"] = json!(format!("copy{i}"));
        v["stages"].as_array_mut().unwrap().push(x);
    }
    assert_eq!(series(57), 415);
    let e = problems(&v)
        .into_iter()
        .find(|e| e.path == "reporting_period_days")
        .unwrap();
    assert_eq!(e.message, "gives 36525 periods, expected at most 4819");
}
