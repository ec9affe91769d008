use super::*;
use parcours_engine::{default_scenario, Model};

/// One value of every variant: the `match` below does not compile when a variant is added,
/// so a new engine message cannot be left without its French text.
fn every_kind() -> Vec<ErrorKind> {
    use ErrorKind::*;
    let s = |x: &str| x.to_string();
    let all = vec![
        Json {
            detail: s("missing field `stages` at line 1 column 2"),
        },
        TooLarge {
            bytes: 60_000_000,
            max: 2_097_152,
        },
        NotFinite { value: s("NaN") },
        OutOfRange {
            value: 1.5,
            min: 0.0,
            max: 1.0,
        },
        UnusableId { id: s("") },
        DuplicateId { id: s("chrs") },
        UnknownType { id: s("x") },
        UnknownTypeKey { key: s("x") },
        SharesSum { sum: 0.9 },
        MissingTypeEntry {
            type_id: s("family"),
        },
        NoRoute,
        UnknownRouteDestination { id: s("x") },
        ProbabilitiesSum { sum: 1.2 },
        UnsupportedVersion {
            version: 2,
            expected: 1,
        },
        WarmupTooLong {
            warmup: 12.0,
            horizon: 12.0,
        },
        NotAMonth { month: 13 },
        TooManyPeriods {
            periods: 200000.0,
            max: 100000.0,
        },
        TooManyEntries {
            count: 101,
            max: 100,
        },
        NoHouseholdType,
        IdAlsoExit { id: s("street") },
        NoExit,
        NotWholeMonth { value: 1.5 },
        ScheduleOrder,
        SeasonalityLength { count: 11 },
        TooManyArrivals {
            expected: 3e7,
            max: 2e7,
        },
        MissingShiftTo,
        UnknownDestination { id: s("x") },
        AcceptsNobody,
        PlacesBelowZero {
            level: -3,
            day: 30.4375,
        },
        StageRefusesType {
            stage: s("chrs"),
            type_id: s("single"),
        },
        PoolStageRefusesType {
            stage: s("a"),
            type_id: s("b"),
            followed_in: s("c"),
        },
        AlternativeToSameStage,
        AlternativeWithoutMaxBlocked,
        DayOrder,
        ZeroStayCycle {
            stages: vec![s("a"), s("b"), s("a")],
        },
        UnknownExit { id: s("x") },
        UnknownStage { id: s("x") },
        StageListedTwice { stage: s("chrs") },
        NoOrientationStage,
        TooManyArrivalsAndCases {
            expected: 3e7,
            max: 2e7,
        },
        NoOrientation {
            type_id: s("family"),
        },
        AllocationStageOccupied { stage: s("social") },
        TooManyInitial {
            total: 6_000_000,
            max: 5_000_000,
        },
        ReadyForItsOwnStage { stage: s("chrs") },
        NotAnAllocationStage { stage: s("chrs") },
        UnknownPool { id: s("x") },
        NoComeback { exit: s("other") },
        NoDaloClock {
            stage: s("pension"),
        },
        ReservedAbovePriorityTotal {
            per_year: 600.0,
            total: 500.0,
        },
        EmptySourceKey,
    ];
    for k in &all {
        match k {
            Json { .. }
            | TooLarge { .. }
            | NotFinite { .. }
            | OutOfRange { .. }
            | UnusableId { .. }
            | DuplicateId { .. }
            | UnknownType { .. }
            | UnknownTypeKey { .. }
            | SharesSum { .. }
            | MissingTypeEntry { .. }
            | NoRoute
            | UnknownRouteDestination { .. }
            | ProbabilitiesSum { .. }
            | UnsupportedVersion { .. }
            | WarmupTooLong { .. }
            | NotAMonth { .. }
            | TooManyPeriods { .. }
            | TooManyEntries { .. }
            | NoHouseholdType
            | IdAlsoExit { .. }
            | NoExit
            | NotWholeMonth { .. }
            | ScheduleOrder
            | SeasonalityLength { .. }
            | TooManyArrivals { .. }
            | MissingShiftTo
            | UnknownDestination { .. }
            | AcceptsNobody
            | PlacesBelowZero { .. }
            | StageRefusesType { .. }
            | PoolStageRefusesType { .. }
            | AlternativeToSameStage
            | AlternativeWithoutMaxBlocked
            | DayOrder
            | ZeroStayCycle { .. }
            | UnknownExit { .. }
            | UnknownStage { .. }
            | StageListedTwice { .. }
            | NoOrientationStage
            | TooManyArrivalsAndCases { .. }
            | NoOrientation { .. }
            | AllocationStageOccupied { .. }
            | TooManyInitial { .. }
            | ReadyForItsOwnStage { .. }
            | NotAnAllocationStage { .. }
            | UnknownPool { .. }
            | NoComeback { .. }
            | NoDaloClock { .. }
            | ReservedAbovePriorityTotal { .. }
            | EmptySourceKey => {}
        }
    }
    all
}

#[test]
fn every_variant_has_a_french_text_that_differs_from_the_english() {
    let kinds = every_kind();
    let mut seen = std::collections::BTreeSet::new();
    for kind in kinds {
        let e = ValidationError::new("x", kind.clone());
        let fr = validation_message(Lang::Fr, &e);
        let en = validation_message(Lang::En, &e);
        assert_eq!(en, kind.to_string());
        assert!(!fr.trim().is_empty(), "{kind:?}");
        assert_ne!(fr, en, "{kind:?} is not translated");
        // Two variants with the same French text would hide a difference the English makes.
        assert!(seen.insert(fr.clone()), "{fr} given twice");
    }
}

#[test]
fn french_carries_the_parameters_with_french_numbers() {
    let e = ValidationError::new(
        "stages[1].places",
        ErrorKind::OutOfRange {
            value: -2.5,
            min: 0.0,
            max: 10_000_000.0,
        },
    );
    assert_eq!(e.message, "-2.5 is out of range, expected 0 to 10000000");
    assert_eq!(
        validation_message(Lang::Fr, &e),
        "-2,5 est hors des limites, attendu de 0 à 10\u{202f}000\u{202f}000"
    );
    let e = ValidationError::new(
        "initial_state",
        ErrorKind::TooManyInitial {
            total: 6_001_234,
            max: 5_000_000,
        },
    );
    assert_eq!(
        validation_message(Lang::Fr, &e),
        "6\u{202f}001\u{202f}234 ménages, attendu au plus 5\u{202f}000\u{202f}000"
    );
}

#[test]
fn a_real_validation_is_rendered_in_french() {
    let mut s = default_scenario();
    s.horizon_months = 0.0;
    let errors = Model::new(&s).expect_err("a horizon of 0 months is invalid");
    let e = errors.iter().find(|e| e.path == "horizon_months").unwrap();
    assert_eq!(e.message, "0 is out of range, expected 1 to 1200");
    assert_eq!(
        validation_message(Lang::Fr, e),
        "0 est hors des limites, attendu de 1 à 1\u{202f}200"
    );
}

#[test]
fn a_list_of_problems_names_each_path() {
    let errors = [
        ValidationError::new("exits", ErrorKind::NoExit),
        ValidationError::new("stages[0].id", ErrorKind::DuplicateId { id: "hu".into() }),
    ];
    assert_eq!(
        validation_list(Lang::Fr, &errors),
        "exits : vide, attendu au moins une sortie ; stages[0].id : identifiant « hu » en double"
    );
    assert_eq!(
        validation_list(Lang::En, &errors),
        "exits: empty, expected at least one exit; stages[0].id: duplicate id 'hu'"
    );
}

#[test]
fn json_errors_name_line_and_column_in_french() {
    let errors = Model::from_json("{\"format_version\": 1").unwrap_err();
    assert_eq!(errors[0].path, "$");
    assert!(errors[0].message.starts_with("scenario JSON: "));
    let fr = validation_message(Lang::Fr, &errors[0]);
    assert!(fr.starts_with("JSON du scénario illisible : "), "{fr}");
    assert!(fr.contains("(ligne 1, colonne "), "{fr}");
    let e = ValidationError::new(
        "$",
        ErrorKind::Json {
            detail: "missing field `exits` at line 3 column 1".into(),
        },
    );
    assert_eq!(
        validation_message(Lang::Fr, &e),
        "JSON du scénario illisible : champ manquant : `exits` (ligne 3, colonne 1)"
    );
}
