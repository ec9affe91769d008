//! The engine's typed output ids (`parcours_engine::output`): every id reads back from its text,
//! serializes as it, stage ids may hold dots, unknown ids are refused naming their text, and
//! lookups take the typed id.

use parcours_engine::output::stage_series_index;
use parcours_engine::{
    default_scenario, simulate, CohortState, Ensemble, HeadlineId, Layout, Model, SeriesId,
    StageSeries, SystemHeadline, SystemSeries, WaitId, COHORT_MONTHS,
};

#[test]
fn every_layout_id_reads_back_from_its_text() {
    let m = Model::new(&default_scenario()).unwrap();
    let l = m.layout();
    for id in &l.series {
        assert_eq!(id.to_string().parse::<SeriesId>().as_ref(), Ok(id));
    }
    for id in &l.headlines {
        assert_eq!(id.to_string().parse::<HeadlineId>().as_ref(), Ok(id));
    }
}

#[test]
fn layout_serializes_ids_as_their_text_in_layout_order() {
    let m = Model::new(&default_scenario()).unwrap();
    let v = serde_json::to_value(m.layout()).unwrap();
    let first_stage = &m.layout().stages[0];
    let (n_series, n_headlines) = (SystemSeries::ALL.len(), SystemHeadline::ALL.len());
    assert_eq!(v["series"][0], "unsheltered");
    assert_eq!(v["series"][SystemSeries::Cost.index()], "cost");
    assert_eq!(v["series"][n_series - 1], "blocked_housed");
    assert_eq!(v["series"][n_series], format!("stage.{first_stage}.places"));
    assert_eq!(
        v["series"][n_series + StageSeries::ALL.len() - 1],
        format!("stage.{first_stage}.exits")
    );
    assert_eq!(
        v["headlines"][SystemHeadline::CostPerHouseholdHoused.index()],
        "cost_per_household_housed"
    );
    assert_eq!(
        v["headlines"][n_headlines],
        format!("stage.{first_stage}.places")
    );
    assert_eq!(v["stage_kinds"][0], "places");
    assert_eq!(v["waits"][0]["holding"], first_stage.as_str());
    assert_eq!(v["cohort_months"], COHORT_MONTHS);
    let back: Layout = serde_json::from_value(v).unwrap();
    assert_eq!(&back, m.layout());
}

#[test]
fn stage_ids_may_hold_dots() {
    let id = SeriesId::stage("a.b", StageSeries::Queue);
    assert_eq!(id.to_string(), "stage.a.b.queue");
    assert_eq!("stage.a.b.queue".parse::<SeriesId>(), Ok(id));
}

#[test]
fn unknown_ids_are_refused_with_their_text() {
    for text in [
        "unshelterd",
        "stage.hu.wait_days",
        "stage..queue",
        "stage.hu",
        "",
    ] {
        let e = text.parse::<SeriesId>().unwrap_err();
        assert_eq!(e.to_string(), format!("'{text}' is not a series id"));
    }
    assert!("stage.hu.wait_days".parse::<HeadlineId>().is_ok());
    assert!("cost".parse::<HeadlineId>().is_err());
    assert!(serde_json::from_str::<SeriesId>("\"stage.hu.nope\"").is_err());
}

#[test]
fn wait_and_cohort_ids_travel_as_their_text() {
    let w = WaitId {
        holding: "chrs".into(),
        destination: "logement_social".into(),
    };
    let json = serde_json::to_string(&w).unwrap();
    assert_eq!(json, "\"chrs → logement_social\"");
    assert_eq!(serde_json::from_str::<WaitId>(&json).unwrap(), w);
    assert!("chrs".parse::<WaitId>().is_err());
    let json = serde_json::to_string(&CohortState::WaitingList).unwrap();
    assert_eq!(json, "\"waiting_list\"");
    assert_eq!(
        serde_json::from_str::<CohortState>(&json).unwrap(),
        CohortState::WaitingList
    );
}

#[test]
fn lookups_take_the_typed_id() {
    let m = Model::new(&default_scenario()).unwrap();
    let l = m.layout();
    let stage = &l.stages[1];
    let id = SeriesId::stage(stage.clone(), StageSeries::Occupancy);
    assert_eq!(
        l.series_index(&id),
        Some(stage_series_index(1, StageSeries::Occupancy))
    );
    assert_eq!(
        l.headline_index(&SystemHeadline::HousedPerYear.into()),
        Some(SystemHeadline::HousedPerYear.index())
    );
    let mut e = Ensemble::new(l.clone(), 1);
    e.add(simulate(&m, 1, 0).unwrap());
    let s = e.summary();
    let typed = s.series(&id).expect("typed lookup");
    assert_eq!(typed.id.to_string(), format!("stage.{stage}.occupancy"));
    assert!(s
        .series(&SeriesId::stage("nowhere", StageSeries::Occupancy))
        .is_none());
    assert!(s
        .headline(&HeadlineId::from(SystemHeadline::Unsheltered))
        .is_some());
}
