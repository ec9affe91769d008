//! The bottleneck named by what people wait for: the engine's binding constraint (MODEL.md
//! 15.6: the destination with the most ready households behind it) with its stages named, and
//! its sentence. The figures come from the engine; this module only words them.

use parcours_engine::{binding_constraint, Constraint, Scenario, StageKindTag, Summary};

use crate::i18n::{format_int, t, Lang, Localized, Msg};
use crate::insight::short_label;

/// What ready households wait for.
#[derive(Debug, Clone, PartialEq)]
pub enum Flow {
    /// An allocation flow: dwellings offered a month and the share of them used (0–1).
    Allocation { per_month: f64, used: f64 },
    /// A place stage: its places and the share occupied (0–1).
    Places { places: f64, occupied: f64 },
}

/// The binding constraint, named: every figure is one of the engine's (`binding::Constraint`).
#[derive(Debug, Clone, PartialEq)]
pub struct Neck {
    /// The destination's stage id.
    pub destination: String,
    /// Its short name in the page's language, as in a sentence (« logement social »).
    pub name: String,
    pub flow: Flow,
    /// Ready households waiting for it (blocked in a place stage, their route drawn to it).
    pub ready: f64,
    /// The same by the stage holding them (short names), most first.
    pub by_holding: Vec<(String, f64)>,
    /// Place stages held up behind it, with the ready households waiting to enter them.
    pub held_up: Vec<(String, f64)>,
}

/// A stage's name inside a sentence: « hébergement d'urgence » from « Hébergement d'urgence »,
/// but « CHRS insertion » stays (an acronym keeps its capitals).
pub fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

fn households(lang: Lang, x: f64) -> String {
    format_int(lang, x.round() as i64)
}

/// The bottleneck in one clause, without who waits for it (the workshop's projection):
/// « Goulot : logement social, attributions réservées… — 44 par mois, utilisées à 100 % ».
pub fn neck_what(lang: Lang, n: &Neck) -> String {
    let percent = |x: f64| (x * 100.0).round() as i64;
    match n.flow {
        Flow::Allocation { per_month, used } => t(
            lang,
            Msg::NeckAllocation {
                name: &n.name,
                per_month: &households(lang, per_month),
                used: percent(used),
            },
        ),
        Flow::Places { places, occupied } => t(
            lang,
            Msg::NeckPlaces {
                name: &n.name,
                places: &households(lang, places),
                occupied: percent(occupied),
            },
        ),
    }
    .into_owned()
}

/// « Goulot : logement social, attributions réservées aux sortants d'hébergement — 44 par mois,
/// utilisées à 100 % ; 240 ménages prêts à sortir l'attendent, dont 58 en CHRS insertion et
/// 31 en hébergement d'urgence », or that there is none.
pub fn neck_sentence(lang: Lang, neck: Option<&Neck>) -> String {
    match neck {
        Some(n) => format!("{}{}", neck_what(lang, n), neck_who(lang, n)),
        None => t(lang, Msg::NoBindingConstraint).into_owned(),
    }
}

/// The diagram's caption on the page, whose summary names the bottleneck (`neck_what`): the
/// highlight pointed at and who waits for it, « Encadré dans le schéma : le goulot ; 240 ménages
/// prêts à sortir l'attendent, dont… »; nothing when there is none (the summary says so).
pub fn neck_marked(lang: Lang, neck: Option<&Neck>) -> String {
    neck.map(|n| {
        t(
            lang,
            Msg::NeckMarked {
                who: &neck_who(lang, n),
            },
        )
        .into_owned()
    })
    .unwrap_or_default()
}

/// « ; 240 ménages prêts à sortir l'attendent, dont… ; derrière lui, 96 ménages attendent… ».
fn neck_who(lang: Lang, n: &Neck) -> String {
    let shown: Vec<(String, String)> = n
        .by_holding
        .iter()
        .filter(|(_, x)| x.round() >= 1.0)
        .take(2)
        .map(|(stage, x)| (households(lang, *x), in_sentence(stage)))
        .collect();
    let who = t(
        lang,
        Msg::NeckWaiting {
            ready: &households(lang, n.ready),
            all_in: if n.by_holding.len() == 1 {
                shown.first().map(|(_, s)| s.as_str())
            } else {
                None
            },
            among: &shown,
        },
    );
    let held: Vec<(String, String)> = n
        .held_up
        .iter()
        .filter(|(_, x)| x.round() >= 1.0)
        .take(2)
        .map(|(stage, x)| (households(lang, *x), in_sentence(stage)))
        .collect();
    let behind = if held.is_empty() {
        String::new()
    } else {
        t(lang, Msg::NeckHeldUp { held_up: &held }).into_owned()
    };
    format!("{who}{behind}")
}

/// The binding constraint of `summary` (`parcours_engine::binding_constraint`), its stages named
/// in `scenario`'s labels.
pub fn neck_of(lang: Lang, scenario: &Scenario, c: &Constraint) -> Neck {
    let short = |id: &str| {
        let label = scenario
            .stages
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.label.text(lang));
        short_label(label).to_string()
    };
    let flow = match c.kind {
        StageKindTag::Allocation => Flow::Allocation {
            per_month: c.units_per_month.unwrap_or(0.0),
            used: c.units_use.unwrap_or(0.0),
        },
        StageKindTag::Places => Flow::Places {
            places: c.places.unwrap_or(0.0),
            occupied: c.occupancy.unwrap_or(0.0),
        },
    };
    Neck {
        destination: c.destination.clone(),
        name: in_sentence(&short(&c.destination)),
        flow,
        ready: c.ready_households,
        by_holding: c.by_holding.iter().map(|(s, x)| (short(s), *x)).collect(),
        held_up: c.held_up.iter().map(|(s, x)| (short(s), *x)).collect(),
    }
}

/// The binding constraint of a run, named; `None` when no ready household waits.
pub fn summary_neck(lang: Lang, scenario: &Scenario, summary: &Summary) -> Option<Neck> {
    binding_constraint(summary).map(|c| neck_of(lang, scenario, &c))
}

/// The bottleneck sentence of a run.
pub fn summary_neck_sentence(lang: Lang, scenario: &Scenario, summary: &Summary) -> String {
    neck_sentence(lang, summary_neck(lang, scenario, summary).as_ref())
}

/// The diagram's caption of a run on the page (`neck_marked`).
pub fn summary_neck_marked(lang: Lang, scenario: &Scenario, summary: &Summary) -> String {
    neck_marked(lang, summary_neck(lang, scenario, summary).as_ref())
}

/// The bottleneck of a run in one clause (`neck_what`): the page's summary, the workshop, a
/// partner's frame.
pub fn summary_neck_brief(lang: Lang, scenario: &Scenario, summary: &Summary) -> String {
    match summary_neck(lang, scenario, summary) {
        Some(n) => neck_what(lang, &n),
        None => t(lang, Msg::NoBindingConstraint).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 12's example: the default territory's binding constraint.
    pub(crate) fn social_housing() -> Neck {
        Neck {
            destination: "hlm".into(),
            name: "logement social".into(),
            flow: Flow::Allocation {
                per_month: 44.2,
                used: 0.998,
            },
            ready: 240.4,
            by_holding: vec![
                ("Logement temporaire".into(), 121.0),
                ("CHRS insertion".into(), 58.2),
                ("Hébergement d'urgence".into(), 31.0),
                ("Pension de famille".into(), 30.2),
            ],
            held_up: vec![("Logement temporaire".into(), 95.6)],
        }
    }

    #[test]
    fn the_neck_is_named_by_what_households_wait_for() {
        let n = social_housing();
        assert_eq!(
            neck_sentence(Lang::Fr, Some(&n)),
            "Goulot : logement social, attributions réservées aux sortants d'hébergement — 44 par \
             mois, utilisées à 100 % ; 240 ménages prêts à sortir l'attendent, dont 121 en \
             logement temporaire et 58 en CHRS insertion ; derrière lui, 96 ménages attendent \
             une place en logement temporaire"
        );
        let en = Neck {
            name: "social housing".into(),
            by_holding: vec![
                ("Temporary housing".into(), 121.0),
                ("Insertion shelter (CHRS)".into(), 58.2),
            ],
            held_up: vec![("Temporary housing".into(), 95.6)],
            ..n
        };
        assert_eq!(
            neck_sentence(Lang::En, Some(&en)),
            "Bottleneck: social housing, allocations reserved for shelter leavers — 44 a month, \
             100 % used; 240 households ready to leave wait for it, 121 of them in temporary \
             housing and 58 in insertion shelter (CHRS); behind it, 96 households wait for a \
             place in temporary housing"
        );
    }

    #[test]
    fn a_place_stage_as_the_neck_and_no_neck() {
        let n = Neck {
            destination: "chrs".into(),
            name: "CHRS insertion".into(),
            flow: Flow::Places {
                places: 451.0,
                occupied: 0.992,
            },
            ready: 80.0,
            by_holding: vec![("Hébergement d'urgence".into(), 79.6)],
            held_up: vec![],
        };
        assert_eq!(
            neck_sentence(Lang::Fr, Some(&n)),
            "Goulot : places de CHRS insertion — 451 places, occupées à 99 % ; 80 ménages prêts \
             à sortir l'attendent, tous en hébergement d'urgence"
        );
        assert_eq!(
            neck_sentence(Lang::En, None),
            "No bottleneck: no household ready to leave is waiting for a place or a dwelling"
        );
        // The diagram's caption says who waits, the summary having named it; nothing without one.
        assert_eq!(
            neck_marked(Lang::Fr, Some(&n)),
            "Encadré dans le schéma : le goulot ; 80 ménages prêts à sortir l'attendent, tous en \
             hébergement d'urgence"
        );
        assert_eq!(neck_marked(Lang::Fr, None), "");
        assert_eq!(in_sentence("CHRS insertion"), "CHRS insertion");
        assert_eq!(in_sentence("Logement social"), "logement social");
    }

    /// The default territory's run names the reserved social-housing allocations, by the
    /// engine's binding constraint (MODEL.md 15.6), with its figures.
    #[test]
    fn the_default_runs_neck_from_the_engine() {
        let scenario = parcours_engine::default_scenario();
        let model = parcours_engine::Model::new(&scenario).unwrap();
        let mut e = parcours_engine::Ensemble::new(model.layout().clone(), 42);
        for i in 0..3 {
            e.add(parcours_engine::simulate(&model, 42, i).unwrap());
        }
        let summary = e.summary();
        let c = binding_constraint(&summary).expect("ready households wait in the default");
        let neck = summary_neck(Lang::Fr, &scenario, &summary).unwrap();
        assert_eq!(neck.destination, c.destination);
        assert_eq!(neck.ready, c.ready_households);
        let sentence = neck_sentence(Lang::Fr, Some(&neck));
        assert!(
            sentence.starts_with("Goulot : logement social, attributions réservées"),
            "{sentence}"
        );
        let per_month = format_int(Lang::Fr, c.units_per_month.unwrap().round() as i64);
        assert!(
            sentence.contains(&format!("{per_month} par mois")),
            "{sentence}"
        );
        let ready = format_int(Lang::Fr, c.ready_households.round() as i64);
        assert!(
            sentence.contains(&format!("{ready} ménages prêts")),
            "{sentence}"
        );
        assert!(summary_neck_sentence(Lang::En, &scenario, &summary)
            .starts_with("Bottleneck: social housing, allocations reserved"));
    }
}
