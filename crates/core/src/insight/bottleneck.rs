//! The bottleneck named by what people wait for: the engine's binding constraint (MODEL.md
//! 15.6: the destination with the most ready households behind it) with its stages named, and
//! its sentence. The figures come from the engine; this module only words them.

use crate::i18n::{format_int, t, Lang, Msg};

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

/// « Goulot : logement social, attributions réservées aux sortants d'hébergement — 44 par mois,
/// utilisées à 100 % ; 240 ménages prêts à sortir les attendent, dont 58 en CHRS insertion et
/// 31 en hébergement d'urgence », or that there is none.
pub fn neck_sentence(lang: Lang, neck: Option<&Neck>) -> String {
    let Some(n) = neck else {
        return t(lang, Msg::NoBindingConstraint).into_owned();
    };
    let percent = |x: f64| (x * 100.0).round() as i64;
    let what = match n.flow {
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
    };
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
    let behind = n
        .held_up
        .iter()
        .filter(|(_, x)| x.round() >= 1.0)
        .take(2)
        .map(|(stage, x)| {
            t(
                lang,
                Msg::NeckHeldUp {
                    stage: &in_sentence(stage),
                    waiting: &households(lang, *x),
                },
            )
            .into_owned()
        })
        .collect::<String>();
    format!("{what}{who}{behind}")
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
             mois, utilisées à 100 % ; 240 ménages prêts à sortir les attendent, dont 121 en \
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
             100 % used; 240 households ready to leave wait for them, 121 of them in temporary \
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
             à sortir les attendent, tous en hébergement d'urgence"
        );
        assert_eq!(
            neck_sentence(Lang::En, None),
            "No bottleneck: no household ready to leave is waiting for a place or a dwelling"
        );
        assert_eq!(in_sentence("CHRS insertion"), "CHRS insertion");
        assert_eq!(in_sentence("Logement social"), "logement social");
    }
}
