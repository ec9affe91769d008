//! « Why it moved »: after a lever move, one sentence from the engine's figures that says what
//! changed for households and, when an outcome and a measure counted among the housed disagree,
//! why (MODEL.md 15.6, "Reading a measure that worsens when places are added"). Every figure it
//! quotes is listed with the measure it comes from ([`Sentence::quotes`]).

use crate::i18n::{capitalized, format_int, t, Lang, Msg};
use crate::insight::bottleneck::in_sentence;
use parcours_engine::SystemHeadline;

/// What kind of change was made: the advice depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// More (or fewer) places, slots, prevention: upstream of the allocation flows.
    Upstream,
    /// More (or fewer) allocations.
    Allocations,
}

/// The binding constraint in the scenario's run, as the sentence needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Its name inside a sentence (« logement social »).
    pub name: String,
    /// An allocation flow (else a place stage).
    pub allocation: bool,
    /// The same destination binds in the baseline's run.
    pub also_in_baseline: bool,
    /// The baseline's binding constraint when it was another (its name in a sentence): the
    /// change moved the bottleneck.
    pub shifted_from: Option<String>,
    /// The holding stage whose ready households waiting for it grew most (the scenario's run
    /// against the baseline's), with that growth; `None` when none grew by one household.
    pub now_waiting_in: Option<(String, f64)>,
}

/// The figures the sentence is built from: each a paired difference (scenario − baseline) that
/// is outside the noise and reaches its measure's practical threshold, else `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveFigures {
    /// The change in words: « CHRS insertion : 451 → 600 places ».
    pub change: String,
    pub kind: ChangeKind,
    /// Households without a solution (mean).
    pub without_solution: Option<f64>,
    /// Returns to the street per year.
    pub returns_to_street: Option<f64>,
    /// Median time to housing among the housed, days.
    pub median_days_among_housed: Option<f64>,
    /// Blocked places (mean).
    pub blocked_places: Option<f64>,
    /// Share of first requests housed within 12 months, in percentage points.
    pub housed_12m_points: Option<f64>,
    /// The same within 24 months.
    pub housed_24m_points: Option<f64>,
    /// Share of first requests in a place stage 12 months on, in percentage points.
    pub in_place_12m_points: Option<f64>,
    pub binding: Option<Binding>,
}

/// A figure the sentence quotes: the engine's measure id and the value as written (rounded:
/// counts to units, shares in percentage points to tenths).
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub measure: SystemHeadline,
    pub value: f64,
}

/// The sentence and the figures it quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub text: String,
    pub quotes: Vec<Quote>,
}

impl Sentence {
    /// `without_solution=-27;returns_to_street_per_year=-132`: the page's `data-quotes`.
    pub fn quotes_attribute(&self) -> String {
        self.quotes
            .iter()
            .map(|q| format!("{}={}", q.measure, q.value))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// « +149 places de CHRS : 27 ménages de moins sans solution et 132 retours à la rue de moins
/// par an ; le logement social restant le goulot, ces ménages attendent désormais en CHRS
/// insertion (délai médian parmi les relogés +16 j). Pour que ces places se libèrent,
/// augmentez aussi les attributions. »
pub fn why_it_moved(lang: Lang, f: &MoveFigures) -> Sentence {
    let mut quotes = Vec::new();
    let mut quote = |measure: SystemHeadline, x: f64| {
        let v = x.round() as i64;
        quotes.push(Quote {
            measure,
            value: v as f64,
        });
        v
    };
    let mut point_quotes = Vec::new();
    let mut quote_points = |measure: SystemHeadline, x: f64| {
        let v = (x * 10.0).round() / 10.0;
        point_quotes.push(Quote { measure, value: v });
        v
    };
    let mut outcomes: Vec<String> = Vec::new();
    if let Some(x) = f.without_solution.filter(|x| x.round() != 0.0) {
        let v = quote(SystemHeadline::WithoutSolution, x);
        outcomes.push(
            t(
                lang,
                Msg::MovedWithoutSolution {
                    count: &format_int(lang, v.abs()),
                    fewer: v < 0,
                },
            )
            .into_owned(),
        );
    }
    if let Some(x) = f.returns_to_street.filter(|x| x.round() != 0.0) {
        let v = quote(SystemHeadline::ReturnsToStreetPerYear, x);
        outcomes.push(
            t(
                lang,
                Msg::MovedReturns {
                    count: &format_int(lang, v.abs()),
                    fewer: v < 0,
                },
            )
            .into_owned(),
        );
    }
    let households_better =
        f.without_solution.is_some_and(|x| x < 0.0) || f.returns_to_street.is_some_and(|x| x < 0.0);
    let median_up = f.median_days_among_housed.filter(|x| x.round() > 0.0);
    let blocked_up = f.blocked_places.filter(|x| x.round() > 0.0);
    let blocked_down = f.blocked_places.filter(|x| x.round() < 0.0);
    let mut text = if outcomes.is_empty() {
        t(lang, Msg::MovedNoOutcome { change: &f.change }).into_owned()
    } else {
        t(
            lang,
            Msg::MovedOutcomes {
                change: &f.change,
                outcomes: &outcomes,
            },
        )
        .into_owned()
    };
    // An outcome improved while a measure among the housed rose: the households kept in the
    // pathway now wait for the binding constraint.
    if households_better && (median_up.is_some() || blocked_up.is_some()) {
        let mut figures = Vec::new();
        if let Some(x) = median_up {
            let v = quote(SystemHeadline::MedianTimeToHousingDays, x);
            figures.push(t(lang, Msg::MovedMedian { days: v }).into_owned());
        }
        if let Some(x) = blocked_up {
            let v = quote(SystemHeadline::BlockedPlaces, x);
            figures.push(t(lang, Msg::MovedBlocked { count: v }).into_owned());
        }
        let binding = f.binding.as_ref();
        text.push_str(&t(
            lang,
            Msg::MovedWaitNow {
                binding: binding
                    .filter(|b| b.also_in_baseline)
                    .map(|b| b.name.as_str()),
                holding: binding
                    .and_then(|b| b.now_waiting_in.as_ref())
                    .map(|(s, _)| in_sentence(s))
                    .as_deref(),
                figures: &figures,
            },
        ));
        text.push_str(&slower_housing(lang, f, &mut quote_points));
        text.push('.');
        if f.kind == ChangeKind::Upstream {
            if let Some(b) = binding {
                text.push(' ');
                text.push_str(&t(
                    lang,
                    Msg::MovedAdvice {
                        allocation: b.allocation,
                        binding: &b.name,
                    },
                ));
            }
        }
    } else {
        if let Some(x) = blocked_down {
            let v = quote(SystemHeadline::BlockedPlaces, x);
            text.push_str(&t(lang, Msg::MovedRelieved { count: v.abs() }));
        }
        if let Some(b) = f.binding.as_ref() {
            if let Some(from) = &b.shifted_from {
                text.push_str(&t(lang, Msg::MovedNeckShift { from, to: &b.name }));
            }
        }
        if households_better {
            text.push_str(&slower_housing(lang, f, &mut quote_points));
        }
        text.push('.');
    }
    quotes.extend(point_quotes);
    // A prepared scenario's label starts in lower case (it follows « Scénario : »).
    Sentence {
        text: capitalized(&text),
        quotes,
    }
}

/// When households are better off but fewer of them are housed within 12 months of their first
/// request: those kept in the pathway (in a place rather than gone) wait their turn for the same
/// housing (MODEL.md 15.6). Empty otherwise.
fn slower_housing(
    lang: Lang,
    f: &MoveFigures,
    quote: &mut impl FnMut(SystemHeadline, f64) -> f64,
) -> String {
    let Some(fewer) = f.housed_12m_points.filter(|x| *x <= -0.05) else {
        return String::new();
    };
    let points = quote(SystemHeadline::ShareHoused12mAfterFirstRequest, fewer);
    let in_place = f
        .in_place_12m_points
        .filter(|x| *x >= 0.05)
        .map(|x| quote(SystemHeadline::ShareInPlace12mAfterFirstRequest, x));
    t(
        lang,
        Msg::MovedSlowerHousing {
            points: points.abs(),
            in_place,
            same_at_24m: f.housed_24m_points.is_none(),
        },
    )
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrs_600() -> MoveFigures {
        // Issue 12's example: Haute-Garonne, CHRS 451 → 600.
        MoveFigures {
            change: "CHRS insertion 451 → 600 places".into(),
            kind: ChangeKind::Upstream,
            without_solution: Some(-27.3),
            returns_to_street: Some(-131.8),
            median_days_among_housed: Some(16.2),
            blocked_places: None,
            housed_12m_points: None,
            housed_24m_points: None,
            in_place_12m_points: None,
            binding: Some(Binding {
                name: "logement social".into(),
                allocation: true,
                also_in_baseline: true,
                shifted_from: None,
                now_waiting_in: Some(("CHRS insertion".into(), 41.0)),
            }),
        }
    }

    #[test]
    fn an_outcome_and_a_measure_among_the_housed_disagree() {
        let s = why_it_moved(Lang::Fr, &chrs_600());
        assert_eq!(
            s.text,
            "CHRS insertion 451 → 600 places : 27 ménages de moins sans solution et 132 \
             retours à la rue de moins par an ; comme le goulot (logement social) n'a pas bougé, \
             ces ménages attendent désormais en CHRS insertion (délai médian parmi les relogés +16 j). \
             Pour que ces places se libèrent, augmentez aussi les attributions."
        );
        // Every figure quoted is traceable to its measure.
        assert_eq!(
            s.quotes_attribute(),
            "without_solution=-27;returns_to_street_per_year=-132;median_time_to_housing_days=16"
        );
        let en = why_it_moved(Lang::En, &chrs_600());
        assert!(
            en.text.starts_with(
                "CHRS insertion 451 → 600 places: 27 fewer households without a solution and 132 \
             fewer returns to the street a year; with logement social still the bottleneck"
            ),
            "{}",
            en.text
        );
        assert!(
            en.text.ends_with("raise the allocations too."),
            "{}",
            en.text
        );
    }

    #[test]
    fn fewer_housed_within_a_year_while_households_are_better_off() {
        // `parcours compare` of Haute-Garonne and CHRS 451 → 600 (seed 42, 200 replications):
        // share housed within 12 months of the first request 6.9 % → 6.5 %, in a place 12 months
        // on +2.1 points, within 24 months unchanged (16.3 %), housed a year +0.8 % (not notable):
        // the allocations bind, so the households kept in the pathway wait their turn.
        let f = MoveFigures {
            housed_12m_points: Some(-0.43),
            in_place_12m_points: Some(2.14),
            ..chrs_600()
        };
        let s = why_it_moved(Lang::Fr, &f);
        assert!(
            s.text.contains(
                "(délai médian parmi les relogés +16 j) ; la part relogée dans les 12 mois baisse \
                 de 0,4 point : les ménages gardés dans le parcours (+2,1 points en place à 12 mois) \
                 attendent leur tour pour le même nombre de logements ; à 24 mois, elle ne change \
                 pas de façon notable. Pour que"
            ),
            "{}",
            s.text
        );
        assert_eq!(
            s.quotes_attribute(),
            "without_solution=-27;returns_to_street_per_year=-132;median_time_to_housing_days=16;\
             share_housed_12m_after_first_request=-0.4;share_in_place_12m_after_first_request=2.1"
        );
        let en = why_it_moved(Lang::En, &f);
        assert!(
            en.text
                .contains("the share housed within 12 months falls by 0.4 percentage point"),
            "{}",
            en.text
        );
        // Fewer housed within a year and fewer within two: no « unchanged at 24 months ».
        let both = MoveFigures {
            housed_24m_points: Some(-0.5),
            ..f
        };
        assert!(!why_it_moved(Lang::Fr, &both).text.contains("24 mois"));
        // Households worse off: the clause is not an excuse for it.
        let worse = MoveFigures {
            without_solution: Some(12.0),
            returns_to_street: None,
            housed_12m_points: Some(-0.43),
            ..chrs_600()
        };
        assert!(!why_it_moved(Lang::Fr, &worse).text.contains("12 mois"));
    }

    #[test]
    fn blocked_places_rising_with_emergency_places() {
        // +100 emergency places: fewer without a solution, blocked places up.
        let f = MoveFigures {
            change: "HU 699 → 799 places".into(),
            median_days_among_housed: None,
            blocked_places: Some(79.6),
            returns_to_street: None,
            ..chrs_600()
        };
        let s = why_it_moved(Lang::Fr, &f);
        assert!(
            s.text.contains("27 ménages de moins sans solution ;"),
            "{}",
            s.text
        );
        assert!(s.text.contains("(places bloquées +80)"), "{}", s.text);
        assert_eq!(
            s.quotes_attribute(),
            "without_solution=-27;blocked_places=80"
        );
    }

    #[test]
    fn more_allocations_relieve_the_blocked_places() {
        let f = MoveFigures {
            change: "Logement social 44,2 → 54,2 logements / mois".into(),
            kind: ChangeKind::Allocations,
            without_solution: Some(-12.4),
            returns_to_street: Some(-40.2),
            median_days_among_housed: None,
            blocked_places: Some(-61.0),
            housed_12m_points: None,
            housed_24m_points: None,
            in_place_12m_points: None,
            binding: Some(Binding {
                name: "CHRS insertion".into(),
                allocation: false,
                also_in_baseline: false,
                shifted_from: Some("logement social".into()),
                now_waiting_in: None,
            }),
        };
        let s = why_it_moved(Lang::Fr, &f);
        assert_eq!(
            s.text,
            "Logement social 44,2 → 54,2 logements / mois : 12 ménages de moins sans solution et \
             40 retours à la rue de moins par an ; les places bloquées baissent de 61 : le goulot \
             se desserre ; le goulot se déplace : logement social → CHRS insertion."
        );
        assert_eq!(
            s.quotes_attribute(),
            "without_solution=-12;returns_to_street_per_year=-40;blocked_places=-61"
        );
    }

    #[test]
    fn a_sentence_starts_with_a_capital() {
        let f = MoveFigures {
            change: "accompagnement ASLL/AVDL renforcé".into(),
            without_solution: None,
            returns_to_street: None,
            ..chrs_600()
        };
        assert!(why_it_moved(Lang::Fr, &f)
            .text
            .starts_with("Accompagnement ASLL/AVDL renforcé : pas d'effet notable"));
    }

    #[test]
    fn nothing_notable() {
        let f = MoveFigures {
            change: "Trend 0 → 1 % / year".into(),
            kind: ChangeKind::Upstream,
            without_solution: None,
            returns_to_street: None,
            median_days_among_housed: Some(3.0),
            blocked_places: None,
            housed_12m_points: None,
            housed_24m_points: None,
            in_place_12m_points: None,
            binding: None,
        };
        let s = why_it_moved(Lang::En, &f);
        assert_eq!(
            s.text,
            "Trend 0 → 1 % / year: no notable effect on households without a solution or on \
             returns to the street."
        );
        assert!(s.quotes.is_empty(), "a figure not written is not quoted");
        // More households without a solution is said too.
        let worse = MoveFigures {
            without_solution: Some(8.0),
            ..f
        };
        assert!(why_it_moved(Lang::Fr, &worse)
            .text
            .contains("8 ménages de plus sans solution"));
    }
}
