#[test]
fn every_card_has_a_short_name_that_fits() {
    // A compact card on a phone: about a dozen characters a line, two lines.
    for h in super::HEADLINES {
        for lang in [super::Lang::Fr, super::Lang::En] {
            let short = h.short_name(lang);
            assert!(short != "—" && !short.is_empty(), "{}", h.code());
            assert!(short.chars().count() <= 26, "{short}");
        }
    }
}
use super::*;
use parcours_engine::{default_scenario, Ensemble, Model};

/// Every id of the registry is one the engine writes.
#[test]
fn every_measure_is_in_the_engines_layout() {
    let model = Model::new(&default_scenario()).unwrap();
    let layout = model.layout();
    for h in HEADLINES {
        assert!(layout.headline_index(&h.key()).is_some(), "{}", h.id);
    }
    for s in SYSTEM_SERIES {
        assert!(layout.series_index(&s.key()).is_some(), "{}", s.id);
    }
    // Every system series has its label, in the engine's order.
    let ids: Vec<SystemSeries> = SYSTEM_SERIES.iter().map(|s| s.id).collect();
    assert_eq!(ids, SystemSeries::ALL);
    let stage = &layout.stages[0];
    for m in ChartMeasure::ALL {
        assert!(layout.series_index(&m.series_id(stage)).is_some());
        assert_eq!(ChartMeasure::from_code(m.code()), Some(m));
    }
    for i in MapIndicator::ALL {
        assert_eq!(MapIndicator::from_code(i.code()), Some(i));
    }
}

#[test]
fn labels_in_both_languages() {
    let s = default_scenario();
    assert_eq!(
        series_label(Lang::Fr, &s, &UNSHELTERED_SERIES.key()),
        "Ménages sans solution (liste d'attente SIAO)"
    );
    assert_eq!(
        series_label(
            Lang::En,
            &s,
            &SeriesId::stage("chrs", StageSeries::Occupancy)
        ),
        "Insertion shelter (CHRS) — households present"
    );
    assert_eq!(
        series_label(Lang::Fr, &s, &SeriesId::stage("nope", StageSeries::Queue)),
        "nope — ménages en file d'attente"
    );
    // The map and the cards name a figure the same way.
    assert_eq!(
        t(Lang::Fr, MapIndicator::BlockedPlaces.label()),
        BLOCKED_PLACES.name(Lang::Fr)
    );
    assert_eq!(COST.unit(Lang::En), "€ / year");
}

#[test]
fn a_headlines_mean_and_the_maps_value() {
    let model = Model::new(&default_scenario()).unwrap();
    let mut e = Ensemble::new(model.layout().clone(), 42);
    e.add(parcours_engine::simulate(&model, 42, 0).unwrap());
    let summary = e.summary();
    let mean = UNSHELTERED.mean(&summary);
    assert!(mean.is_finite() && mean > 0.0);
    assert_eq!(
        MapIndicator::UnshelteredPer10k.value(mean, 20_000.0),
        mean / 2.0
    );
    assert_eq!(MapIndicator::DaloEligible.value(3.0, 20_000.0), 3.0);
    let figures = MapFigures::of(&summary);
    assert_eq!(figures.mean(&UNSHELTERED), mean);
    assert!(figures.mean(&COST).is_nan(), "not on the map");
}
