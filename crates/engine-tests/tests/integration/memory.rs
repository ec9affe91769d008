//! Memory follows the households present, not the households simulated: household records are
//! reused once a household leaves, so a run twenty times longer (twenty times more households)
//! holds about as many records at its peak.

use parcours_engine::{simulate, Model};

fn one_stage(horizon_months: u32) -> Model {
    // 8 arrivals a day, mean stay 5 days, 50 places (ρ = 0.8), everyone leaves: a stationary
    // system of about 40–60 households present.
    let json = format!(
        r#"{{
        "format_version": 1,
        "name": {{"fr": "Mémoire", "en": "Memory"}},
        "territory": {{"code": "T", "name": "Test"}},
        "start": {{"year": 2026, "month": 1}},
        "horizon_months": {horizon_months},
        "household_types": [{{"id": "h", "label": {{"fr": "Ménage"}}}}],
        "arrivals": [{{"id": "a", "label": {{"fr": "115"}}, "rate_per_month": 243.5, "mix": {{"h": 1}}}}],
        "waiting_list": {{"abandonment_per_month": 0, "abandonment_exit": "out", "orientation": {{"default": ["s"]}}}},
        "stages": [{{"id": "s", "label": {{"fr": "Centre"}}, "kind": "places", "places": 50,
            "stay": {{"default": {{"distribution": "exponential", "mean_days": 5}}}},
            "routes": {{"default": [{{"to": "out", "p": 1}}]}}}}],
        "exits": [{{"id": "out", "label": {{"fr": "Sortie"}}, "kind": "other"}}],
        "dalo": {{"shelter_months": 6, "temporary_housing_months": 18, "waiting_months": 36, "recourse_propensity": 0.3}}
    }}"#
    );
    Model::from_json(&json).expect("valid")
}

#[test]
fn household_records_do_not_grow_with_households_simulated() {
    let short = simulate(&one_stage(24), 1, 0).unwrap();
    let long = simulate(&one_stage(480), 1, 0).unwrap();
    // About 5,800 households in 24 months and 117,000 in 480 months.
    assert!(long.events > 15 * short.events);
    // The peak of a stationary queue grows only logarithmically with the run length: allow 2×,
    // far below the 20× a record per household simulated would give.
    assert!(
        long.peak_households <= 2 * short.peak_households,
        "peak records: {} over 24 months, {} over 480 months",
        short.peak_households,
        long.peak_households
    );
    assert!(
        long.peak_households < 300,
        "{} records for ~60 households present",
        long.peak_households
    );
}
