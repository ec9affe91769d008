//! Interface strings in French (the default) and English, and locale-aware number formatting.
//!
//! Every visible string goes through [`t`] with a [`Key`], so adding a language means adding one
//! column here. Labels that come from the scenario (stage names…) carry their own `fr`/`en`.

use std::fmt;

pub mod engine;

/// Interface language. French first: it is the language of the people who use Parcours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// BCP 47 code, for `<html lang>` and the `?lang=` query parameter.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks this language's text out of a scenario label (English falls back to French).
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::En if !en.is_empty() => en,
            _ => fr,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One interface string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    AppTitle,
    AppTagline,
    LanguageSwitch,
    UnshelteredTitle,
    UnshelteredHelp,
    AxisUnsheltered,
    AxisMonths,
    Median,
    Band50,
    Band90,
    ChartAlt,
    ProgressLabel,
    Running,
    Finished,
    Starting,
    ScenarioError,
    WorkerError,
    Seed,
    Footer,
}

impl Key {
    /// Every key, so tests can check that no translation is missing.
    pub const ALL: [Key; 19] = [
        Key::AppTitle,
        Key::AppTagline,
        Key::LanguageSwitch,
        Key::UnshelteredTitle,
        Key::UnshelteredHelp,
        Key::AxisUnsheltered,
        Key::AxisMonths,
        Key::Median,
        Key::Band50,
        Key::Band90,
        Key::ChartAlt,
        Key::ProgressLabel,
        Key::Running,
        Key::Finished,
        Key::Starting,
        Key::ScenarioError,
        Key::WorkerError,
        Key::Seed,
        Key::Footer,
    ];
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let (fr, en) = match key {
        Key::AppTitle => ("Parcours", "Parcours"),
        Key::AppTagline => (
            "Simulateur des parcours de la rue et de l'hébergement vers le logement",
            "Simulator of pathways from the street and shelters to housing",
        ),
        Key::LanguageSwitch => ("Langue", "Language"),
        Key::UnshelteredTitle => (
            "Ménages sans solution d'hébergement",
            "Households without a shelter solution",
        ),
        Key::UnshelteredHelp => (
            "Ménages en attente sur la liste du SIAO, en moyenne sur chaque mois : médiane et \
             intervalles contenant 50 % et 90 % des réplications Monte Carlo.",
            "Households waiting on the SIAO list, averaged over each month: median and intervals \
             holding 50 % and 90 % of the Monte Carlo replications.",
        ),
        Key::AxisUnsheltered => (
            "Ménages sans solution (liste d'attente SIAO)",
            "Households on the SIAO waiting list",
        ),
        Key::AxisMonths => ("Mois", "Month"),
        Key::Median => ("Médiane", "Median"),
        Key::Band50 => ("50 % des réplications", "50 % of replications"),
        Key::Band90 => ("90 % des réplications", "90 % of replications"),
        Key::ChartAlt => (
            "Graphique en éventail du nombre de ménages sans solution au fil des mois",
            "Fan chart of the number of households without a solution over the months",
        ),
        Key::ProgressLabel => ("Réplications terminées", "Replications done"),
        Key::Running => ("Simulation en cours…", "Simulation running…"),
        Key::Finished => ("Simulation terminée", "Simulation finished"),
        Key::Starting => ("Démarrage de la simulation…", "Starting the simulation…"),
        Key::ScenarioError => ("Scénario invalide", "Invalid scenario"),
        Key::WorkerError => ("Erreur de simulation", "Simulation error"),
        Key::Seed => ("graine", "seed"),
        Key::Footer => (
            "Parcours sert la convention USH / FNARS Midi-Pyrénées de 2010 : donner aux acteurs \
             du territoire une vision partagée des parcours, de l'hébergement au logement.",
            "Parcours serves the 2010 USH / FNARS Midi-Pyrénées agreement: giving the territory's \
             partners a shared view of pathways, from shelter to housing.",
        ),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// « 24 / 200 réplications », "24 / 200 replications".
pub fn replications_progress(lang: Lang, done: usize, total: usize) -> String {
    let word = match (lang, total) {
        (Lang::Fr, 1) => "réplication",
        (Lang::Fr, _) => "réplications",
        (Lang::En, 1) => "replication",
        (Lang::En, _) => "replications",
    };
    format!(
        "{} / {} {word}",
        format_int(lang, done as i64),
        format_int(lang, total as i64)
    )
}

/// An integer with the language's digit grouping: "1 234" (narrow no-break space) in French,
/// "1,234" in English.
pub fn format_int(lang: Lang, n: i64) -> String {
    let sep = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number rounded to the nearest integer, for axis ticks.
pub fn format_count(lang: Lang, x: f64) -> String {
    if x.is_finite() {
        format_int(lang, x.round() as i64)
    } else {
        "–".to_string()
    }
}

/// A figure for people: integers from 100 up, one decimal below (« 1 234 », « 12,5 »), with the
/// language's grouping and decimal mark.
pub fn format_num(lang: Lang, x: f64) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    if x.abs() >= 100.0 {
        return format_int(lang, x.round() as i64);
    }
    let tenths = (x * 10.0).round() as i64;
    let (whole, frac) = (tenths / 10, (tenths % 10).abs());
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{}", format_int(lang, whole));
    }
    let mark = match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    };
    format!("{sign}{}{mark}{frac}", format_int(lang, whole))
}

/// Short month and year: « janv. 2027 », "Jan 2027". `month` is 1..=12.
pub fn month_year(lang: Lang, year: i32, month: u32) -> String {
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    let name = match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    };
    format!("{name} {year}")
}

/// The calendar (year, month 1..=12) `offset` whole months after (`year`, `month`).
pub fn add_months(year: i32, month: u32, offset: i64) -> (i32, u32) {
    let index = i64::from(year) * 12 + i64::from(month.clamp(1, 12)) - 1 + offset;
    (
        index.div_euclid(12) as i32,
        (index.rem_euclid(12) + 1) as u32,
    )
}

// ---- editor (src/components/editor) -------------------------------------------------------
// One contiguous block: the advanced editor's strings, as their own enum so that they merge
// independently of `Key`.

macro_rules! editor_keys {
    ($($k:ident => $fr:expr, $en:expr;)*) => {
        /// One string of the advanced editor.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Ek { $($k),* }
        impl Ek {
            /// Every editor key, so tests can check that no translation is missing.
            pub const ALL: &'static [Ek] = &[$(Ek::$k),*];
        }
        /// The editor's text of `key` in `lang`.
        pub fn te(lang: Lang, key: Ek) -> &'static str {
            match key { $(Ek::$k => match lang { Lang::Fr => $fr, Lang::En => $en }),* }
        }
    };
}

editor_keys! {
    OpenEditor => "Éditeur avancé", "Advanced editor";
    Title => "Éditeur du scénario", "Scenario editor";
    Intro => "Chaque modification est vérifiée par le moteur. Un scénario valide relance la simulation ; un scénario invalide est signalé à côté du champ concerné et les derniers résultats valides restent affichés.",
        "Every change is checked by the engine. A valid scenario restarts the simulation; an invalid one is flagged next to the field concerned and the last valid results stay on screen.";
    Valid => "Scénario valide : la simulation utilise ces valeurs.", "Valid scenario: the simulation uses these values.";
    Invalid => "Scénario invalide : il n'est pas simulé, les derniers résultats valides restent affichés.", "Invalid scenario: it is not simulated, the last valid results stay on screen.";
    Problems => "problème(s)", "problem(s)";
    OtherProblems => "Problèmes sans champ dédié", "Problems without a field of their own";
    NotANumber => "n'est pas un nombre", "is not a number";
    NotWhole => "nombre entier positif ou nul attendu", "expected a whole number, zero or more";
    NotInteger => "nombre entier attendu", "expected a whole number";
    SecTerritory => "Territoire et horizon", "Territory and horizon";
    SecTypes => "Types de ménages", "Household types";
    SecArrivals => "Arrivées", "Arrivals";
    SecWaiting => "Liste d'attente SIAO", "SIAO waiting list";
    SecStages => "Étapes du parcours", "Pathway stages";
    SecExits => "Sorties", "Exits";
    SecPools => "Accompagnement", "Accompaniment";
    SecPrevention => "Prévention des expulsions", "Eviction prevention";
    SecDalo => "DALO", "DALO";
    SecCosts => "Coûts", "Costs";
    SecInitial => "Situation initiale", "Initial state";
    SecJson => "Importer / exporter JSON", "Import / export JSON";
    NameFr => "Nom du scénario (français)", "Scenario name (French)";
    NameEn => "Nom du scénario (anglais)", "Scenario name (English)";
    TerritoryCode => "Code du territoire", "Territory code";
    TerritoryName => "Nom du territoire", "Territory name";
    Population => "Population", "Population";
    StartYear => "Année de départ", "Start year";
    StartMonth => "Mois de départ", "Start month";
    Horizon => "Horizon", "Horizon";
    Warmup => "Préchauffage (exclu des résultats)", "Warm-up (excluded from results)";
    ReportingPeriod => "Période de restitution (vide : un mois)", "Reporting period (empty: one month)";
    Id => "Identifiant", "Id";
    LabelFr => "Libellé (français)", "Label (French)";
    LabelEn => "Libellé (anglais)", "Label (English)";
    Remove => "Supprimer", "Remove";
    RemoveEntry => "Supprimer cette entrée", "Remove this entry";
    MoveUp => "Monter", "Move up";
    MoveDown => "Descendre", "Move down";
    AddType => "Ajouter un type de ménage", "Add a household type";
    IdHelp => "Renommer un identifiant le renomme partout où il est cité.", "Renaming an id renames it everywhere it is used.";
    RatePerMonth => "Arrivées par mois", "Arrivals per month";
    Trend => "Tendance", "Trend";
    Schedule => "Changements de rythme", "Rate changes";
    FromMonth => "À partir du mois", "From month";
    AddPeriod => "Ajouter un changement", "Add a change";
    Seasonality => "Saisonnalité (coefficients mensuels)", "Seasonality (monthly multipliers)";
    SeasonalityOn => "Appliquer une saisonnalité", "Apply seasonality";
    Mix => "Répartition par type (parts, somme 1)", "Mix by type (shares, sum 1)";
    Sum => "Somme", "Sum";
    AddStream => "Ajouter un flux d'arrivées", "Add an arrival stream";
    Abandonment => "Taux d'abandon", "Abandonment rate";
    AbandonmentExit => "Sortie des ménages qui abandonnent", "Exit of households giving up";
    Orientation => "Orientation par type (étapes essayées dans l'ordre)", "Orientation per type (stages tried in order)";
    AddStageToList => "Ajouter une étape", "Add a stage";
    AddEntryFor => "Ajouter une entrée pour", "Add an entry for";
    DefaultKey => "Par défaut (types sans entrée)", "Default (types without an entry)";
    Kind => "Nature", "Kind";
    KindPlaces => "Places (hébergement, logement temporaire)", "Places (shelter, temporary housing)";
    KindAllocation => "Attributions (logement social)", "Allocations (social housing)";
    Accepts => "Types accueillis", "Types accepted";
    AllTypes => "Tous les types", "Every type";
    Queue => "Règle de file", "Queue rule";
    QueueFcfs => "Premier arrivé, premier servi", "First come, first served";
    QueueDalo => "Priorité DALO", "DALO priority";
    Places => "Places à l'année", "Year-round places";
    WinterPlaces => "Places hivernales (1er nov. – 31 mars)", "Winter places (1 Nov – 31 Mar)";
    CapacityChanges => "Ouvertures et fermetures de places", "Place openings and closures";
    Day => "Jour", "Day";
    PlacesChange => "Places (+ ouverture, − fermeture)", "Places (+ opening, − closure)";
    AddChange => "Ajouter un changement", "Add a change";
    DaloClock => "Horloge DALO", "DALO clock";
    ClockNone => "Aucune", "None";
    ClockShelter => "Hébergement", "Shelter";
    ClockTemp => "Logement temporaire", "Temporary housing";
    CountsAsHousing => "Compte comme accès au logement", "Counts as access to housing";
    CostPerPlaceDay => "Coût d'une place par jour", "Cost of a place per day";
    MaxBlockedDays => "Blocage maximal avant alternative (vide : aucun)", "Longest block before the alternative (empty: none)";
    Alternative => "Alternative après blocage", "Alternative after a block";
    Stay => "Durée de séjour par type", "Length of stay per type";
    Distribution => "Loi", "Distribution";
    DistExp => "Exponentielle", "Exponential";
    DistLognormal => "Log-normale", "Lognormal";
    DistGamma => "Gamma", "Gamma";
    DistFixed => "Fixe", "Fixed";
    MeanDays => "Durée moyenne", "Mean length";
    Days => "Durée", "Length";
    Cv => "Coefficient de variation", "Coefficient of variation";
    Routes => "Orientations à la sortie, par type", "Next destinations, per type";
    Destination => "Destination", "Destination";
    Probability => "Probabilité", "Probability";
    AddRoute => "Ajouter une destination", "Add a destination";
    UnitsPerMonth => "Attributions par mois", "Allocations per month";
    UnitChanges => "Changements du nombre d'attributions", "Changes in allocations";
    TenancyFailure => "Risque annuel d'échec du bail", "Yearly tenancy-failure hazard";
    CostPerAllocation => "Coût d'une attribution", "Cost of an allocation";
    AddPlacesStage => "Ajouter une étape à places", "Add a places stage";
    AddAllocationStage => "Ajouter une étape d'attribution", "Add an allocation stage";
    ExitKind => "Nature de la sortie", "Kind of exit";
    ExitHoused => "Logé durablement", "Housed for good";
    ExitPrivate => "Parc privé / famille", "Private market / family";
    ExitStreet => "Rue / inconnue", "Street / unknown";
    ExitOther => "Autre", "Other";
    Comeback => "Retours possibles", "Households may come back";
    ComebackProbability => "Probabilité de retour", "Probability of coming back";
    ComebackMonths => "Délai moyen de retour", "Mean delay before coming back";
    AddExit => "Ajouter une sortie", "Add an exit";
    Slots => "Ménages suivis en même temps", "Households followed at once";
    PoolStages => "Étapes rattachées", "Attached stages";
    WhenFull => "Si complet", "When full";
    WhenFullUnacc => "Le ménage poursuit sans accompagnement", "The household goes on unaccompanied";
    WhenFullWait => "Le ménage attend une place", "The household waits for a slot";
    StayMultiplier => "Multiplicateur de durée de séjour", "Length-of-stay multiplier";
    StreetShift => "Part des sorties « rue » réorientées", "Share of street exits redirected";
    ShiftTo => "Réorientées vers", "Redirected to";
    NoneOption => "— aucune —", "— none —";
    TenancyMult => "Multiplicateur du risque d'échec du bail", "Tenancy-failure multiplier";
    MonthsInHousing => "Suivi après le relogement", "Follow-up once housed";
    CostPerSlotYear => "Coût d'une mesure par an", "Cost of a slot per year";
    AddPool => "Ajouter un dispositif d'accompagnement", "Add an accompaniment pool";
    PreventionOn => "Modéliser la prévention des expulsions", "Model eviction prevention";
    Cases => "Procédures arrivant par mois", "Cases arriving per month";
    Capacity => "Dossiers traités par mois", "Cases handled per month";
    SuccessRate => "Part des dossiers traités résolus", "Share of handled cases resolved";
    ShareToWaiting => "Part des échecs inscrits au SIAO", "Share of failures joining the SIAO list";
    CostPerCase => "Coût d'un dossier traité", "Cost of a handled case";
    ShelterMonths => "Mois continus en hébergement ouvrant le DALO", "Continuous months in shelter for DALO";
    TempMonths => "Mois en logement temporaire ouvrant le DALO", "Months in temporary housing for DALO";
    WaitingMonths => "Délai anormalement long (mois)", "Abnormally long delay (months)";
    Propensity => "Part des éligibles qui font un recours", "Share of eligible households filing a recourse";
    CostsHelp => "Les coûts des étapes, des dispositifs et de la prévention, réunis ici (les mêmes champs que dans leurs sections).",
        "The costs of stages, pools and prevention, gathered here (the same fields as in their sections).";
    InitialWaiting => "Ménages en attente au départ", "Households waiting at the start";
    InitialStages => "Ménages présents dans les étapes au départ", "Households in stages at the start";
    Type => "Type", "Type";
    Stage => "Étape", "Stage";
    Count => "Nombre de ménages", "Households";
    DaysWaiting => "Jours déjà passés en attente", "Days already waiting";
    DaysInStage => "Jours déjà passés dans l'étape", "Days already in the stage";
    AddGroup => "Ajouter un groupe", "Add a group";
    JsonLabel => "Scénario au format JSON", "Scenario as JSON";
    JsonHelp => "« Exporter » copie ici le scénario édité ; collez un scénario puis « Appliquer » : il n'est appliqué que s'il est valide.",
        "“Export” puts the edited scenario here; paste a scenario then “Apply”: it is applied only if valid.";
    JsonExport => "Exporter", "Export";
    JsonApply => "Appliquer", "Apply";
    JsonApplied => "Scénario importé.", "Scenario imported.";
    UnitPerMonth => "par mois", "per month";
    UnitMonths => "mois", "months";
    UnitDays => "jours", "days";
    UnitEuros => "€", "€";
    UnitPercentYear => "% par an", "% per year";
    UnitShare => "de 0 à 1", "0 to 1";
    UnitPerYear => "par an", "per year";
    Inhabitants => "habitants", "inhabitants";
}

#[cfg(test)]
mod editor_text_tests {
    use super::*;

    #[test]
    fn every_editor_key_is_translated() {
        for &key in Ek::ALL {
            for lang in Lang::ALL {
                assert!(
                    !te(lang, key).trim().is_empty(),
                    "{key:?} is empty in {lang}"
                );
            }
        }
    }
}
// ---- end of editor ------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_translated() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                assert!(
                    !t(lang, key).trim().is_empty(),
                    "{key:?} is empty in {lang}"
                );
            }
        }
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::default(), Lang::Fr);
        assert_eq!(Lang::En.pick("Rue", ""), "Rue");
        assert_eq!(Lang::En.pick("Rue", "Street"), "Street");
    }

    #[test]
    fn progress_text() {
        assert_eq!(
            replications_progress(Lang::Fr, 24, 200),
            "24 / 200 réplications"
        );
        assert_eq!(
            replications_progress(Lang::Fr, 1000, 2000),
            "1\u{202f}000 / 2\u{202f}000 réplications"
        );
        assert_eq!(replications_progress(Lang::En, 1, 1), "1 / 1 replication");
    }

    #[test]
    fn numbers() {
        assert_eq!(format_int(Lang::Fr, 0), "0");
        assert_eq!(format_int(Lang::Fr, 999), "999");
        assert_eq!(format_int(Lang::Fr, 1234567), "1\u{202f}234\u{202f}567");
        assert_eq!(format_int(Lang::En, -1234), "-1,234");
        assert_eq!(format_count(Lang::En, 1499.6), "1,500");
        assert_eq!(format_count(Lang::Fr, f64::NAN), "–");
    }

    #[test]
    fn months() {
        assert_eq!(add_months(2026, 1, 0), (2026, 1));
        assert_eq!(add_months(2026, 11, 2), (2027, 1));
        assert_eq!(add_months(2026, 1, -1), (2025, 12));
        assert_eq!(add_months(2026, 6, 30), (2028, 12));
        assert_eq!(month_year(Lang::Fr, 2027, 1), "janv. 2027");
        assert_eq!(month_year(Lang::En, 2027, 8), "Aug 2027");
    }
}
