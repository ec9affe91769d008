//! Levers in the users' words, and how they turn the baseline scenario into a scenario.
//!
//! A lever is read from the baseline (its baseline value, unit, bounds) and its value, when moved,
//! overrides one field of the scenario. Openings add dated capacity changes. Pure data: tested
//! natively.

use std::collections::BTreeMap;

use parcours_engine::{CapacityChange, Scenario, StageKind, MONTH_DAYS};

use crate::i18n::Lang;

/// What a lever changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeverId {
    /// Places of a place stage (`places`).
    Places(String),
    /// Winter places of a place stage (`winter_places`).
    Winter(String),
    /// Slots of an accompaniment pool.
    Slots(String),
    /// Allocations per month of an allocation stage (`units_per_month`).
    Allocations(String),
    /// Eviction-prevention capacity, cases per month.
    Prevention,
    /// Arrival trend, % per year, every stream.
    Trend,
}

impl LeverId {
    /// A stable id for the DOM (`lever-places-chrs`).
    pub fn dom_id(&self) -> String {
        match self {
            LeverId::Places(s) => format!("lever-places-{s}"),
            LeverId::Winter(s) => format!("lever-winter-{s}"),
            LeverId::Slots(s) => format!("lever-slots-{s}"),
            LeverId::Allocations(s) => format!("lever-alloc-{s}"),
            LeverId::Prevention => "lever-prevention".into(),
            LeverId::Trend => "lever-trend".into(),
        }
    }
}

/// One lever as shown: label, unit, baseline value and bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub id: LeverId,
    pub label_fr: String,
    pub label_en: String,
    pub baseline: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Unit as (French, English).
    pub unit: (&'static str, &'static str),
}

impl Lever {
    pub fn label(&self, lang: Lang) -> String {
        lang.pick(&self.label_fr, &self.label_en).to_string()
    }
    pub fn unit(&self, lang: Lang) -> &'static str {
        lang.pick(self.unit.0, self.unit.1)
    }
}

/// An opening (or closing, if negative) of places at a month of the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    pub stage: String,
    /// Months after the scenario's start.
    pub month: u32,
    pub places: i64,
}

/// The user's settings: overridden lever values and openings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub values: BTreeMap<LeverId, f64>,
    pub openings: Vec<Opening>,
}

impl Settings {
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.openings.is_empty()
    }
}

fn upper(baseline: f64, floor: f64) -> f64 {
    (baseline * 3.0).max(floor).ceil()
}

/// The levers of a scenario, in pathway order.
pub fn levers_of(s: &Scenario) -> Vec<Lever> {
    let mut out = Vec::new();
    for stage in &s.stages {
        if let StageKind::Places(p) = &stage.kind {
            out.push(Lever {
                id: LeverId::Places(stage.id.clone()),
                label_fr: format!("Places — {}", stage.label.fr),
                label_en: format!("Places — {}", stage.label.en),
                baseline: p.places as f64,
                min: 0.0,
                max: upper(p.places as f64, 50.0),
                step: 1.0,
                unit: ("places", "places"),
            });
        }
    }
    for stage in &s.stages {
        if let StageKind::Places(p) = &stage.kind {
            if p.winter_places > 0 {
                out.push(Lever {
                    id: LeverId::Winter(stage.id.clone()),
                    label_fr: format!("Places d'hiver — {}", stage.label.fr),
                    label_en: format!("Winter places — {}", stage.label.en),
                    baseline: p.winter_places as f64,
                    min: 0.0,
                    max: upper(p.winter_places as f64, 50.0),
                    step: 1.0,
                    unit: ("places (nov.–mars)", "places (Nov–Mar)"),
                });
            }
        }
    }
    for pool in &s.accompaniment {
        out.push(Lever {
            id: LeverId::Slots(pool.id.clone()),
            label_fr: format!("Mesures d'accompagnement — {}", pool.label.fr),
            label_en: format!("Accompaniment slots — {}", pool.label.en),
            baseline: pool.slots as f64,
            min: 0.0,
            max: upper(pool.slots as f64, 50.0),
            step: 1.0,
            unit: ("ménages suivis", "households followed"),
        });
    }
    for stage in &s.stages {
        if let StageKind::Allocation(a) = &stage.kind {
            out.push(Lever {
                id: LeverId::Allocations(stage.id.clone()),
                label_fr: format!(
                    "Attributions réservées aux sortants d'hébergement — {}",
                    stage.label.fr
                ),
                label_en: format!(
                    "Allocations reserved for shelter leavers — {}",
                    stage.label.en
                ),
                baseline: a.units_per_month,
                min: 0.0,
                max: upper(a.units_per_month, 20.0),
                step: 1.0,
                unit: ("logements / mois", "dwellings / month"),
            });
        }
    }
    if let Some(p) = &s.prevention {
        out.push(Lever {
            id: LeverId::Prevention,
            label_fr: "Prévention des expulsions (CCAPEX / FSL)".into(),
            label_en: "Eviction prevention (CCAPEX / FSL)".into(),
            baseline: p.capacity_per_month,
            min: 0.0,
            max: upper(p.capacity_per_month, 20.0),
            step: 1.0,
            // A case is a tenancy that would end in an eviction with the police's assistance
            // granted, without prevention (the link of the eviction chain the shipped
            // scenarios count, SOURCES.md).
            unit: (
                "dossiers au stade du concours de la force publique / mois",
                "cases at the police-assistance stage / month",
            ),
        });
    }
    if let Some(a) = s.arrivals.first() {
        out.push(Lever {
            id: LeverId::Trend,
            label_fr: "Évolution des arrivées".into(),
            label_en: "Arrival trend".into(),
            baseline: a.trend_percent_per_year,
            min: -10.0,
            max: 10.0,
            step: 0.1,
            unit: ("% / an", "% / year"),
        });
    }
    out
}

/// The baseline with the settings applied. Values are clamped to be non-negative where the
/// engine requires it; openings of unknown stages are ignored.
pub fn apply(baseline: &Scenario, settings: &Settings) -> Scenario {
    let mut s = baseline.clone();
    for (id, &value) in &settings.values {
        match id {
            LeverId::Places(stage) | LeverId::Winter(stage) => {
                if let Some(StageKind::Places(p)) = s
                    .stages
                    .iter_mut()
                    .find(|st| &st.id == stage)
                    .map(|st| &mut st.kind)
                {
                    let v = value.max(0.0).round() as u32;
                    if matches!(id, LeverId::Places(_)) {
                        p.places = v;
                    } else {
                        p.winter_places = v;
                    }
                }
            }
            LeverId::Slots(pool) => {
                if let Some(p) = s.accompaniment.iter_mut().find(|p| &p.id == pool) {
                    p.slots = value.max(0.0).round() as u32;
                }
            }
            LeverId::Allocations(stage) => {
                if let Some(StageKind::Allocation(a)) = s
                    .stages
                    .iter_mut()
                    .find(|st| &st.id == stage)
                    .map(|st| &mut st.kind)
                {
                    a.units_per_month = value.max(0.0);
                }
            }
            LeverId::Prevention => {
                if let Some(p) = s.prevention.as_mut() {
                    p.capacity_per_month = value.max(0.0);
                }
            }
            LeverId::Trend => {
                for a in &mut s.arrivals {
                    a.trend_percent_per_year = value;
                }
            }
        }
    }
    for o in &settings.openings {
        if let Some(StageKind::Places(p)) = s
            .stages
            .iter_mut()
            .find(|st| st.id == o.stage)
            .map(|st| &mut st.kind)
        {
            p.capacity_changes.push(CapacityChange {
                day: o.month as f64 * MONTH_DAYS,
                places: o.places,
            });
            p.capacity_changes.sort_by(|a, b| a.day.total_cmp(&b.day));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::{default_scenario, Model};

    fn places(s: &Scenario, id: &str) -> u32 {
        match &s.stages.iter().find(|st| st.id == id).unwrap().kind {
            StageKind::Places(p) => p.places,
            _ => panic!(),
        }
    }

    #[test]
    fn levers_read_the_baseline() {
        let s = default_scenario();
        let levers = levers_of(&s);
        let chrs = levers
            .iter()
            .find(|l| l.id == LeverId::Places("chrs".into()))
            .unwrap();
        assert_eq!(chrs.baseline, places(&s, "chrs") as f64);
        assert!(levers.iter().any(|l| l.id == LeverId::Prevention));
        assert!(levers.iter().any(|l| l.id == LeverId::Trend));
        assert!(levers
            .iter()
            .any(|l| matches!(&l.id, LeverId::Allocations(_))));
        assert!(levers.iter().any(|l| matches!(&l.id, LeverId::Slots(_))));
        assert!(levers.iter().any(|l| matches!(&l.id, LeverId::Winter(_))));
        for l in &levers {
            assert!(l.min <= l.baseline && l.baseline <= l.max, "{l:?}");
        }
    }

    #[test]
    fn empty_settings_change_nothing() {
        let s = default_scenario();
        assert_eq!(apply(&s, &Settings::default()), s);
    }

    #[test]
    fn every_lever_maps_to_its_field_and_stays_valid() {
        let s = default_scenario();
        let mut settings = Settings::default();
        settings
            .values
            .insert(LeverId::Places("chrs".into()), 600.0);
        settings.values.insert(LeverId::Winter("hu".into()), 300.0);
        settings
            .values
            .insert(LeverId::Slots("asll_avdl".into()), 500.0);
        settings
            .values
            .insert(LeverId::Allocations("hlm".into()), 80.0);
        settings.values.insert(LeverId::Prevention, 90.0);
        settings.values.insert(LeverId::Trend, -2.0);
        settings.openings.push(Opening {
            stage: "chrs".into(),
            month: 12,
            places: 40,
        });
        let out = apply(&s, &settings);
        assert_eq!(places(&out, "chrs"), 600);
        match &out.stages.iter().find(|st| st.id == "chrs").unwrap().kind {
            StageKind::Places(p) => {
                assert_eq!(p.capacity_changes.last().unwrap().places, 40);
                assert!((p.capacity_changes.last().unwrap().day - 12.0 * MONTH_DAYS).abs() < 1e-9);
            }
            _ => panic!(),
        }
        match &out.stages.iter().find(|st| st.id == "hu").unwrap().kind {
            StageKind::Places(p) => assert_eq!(p.winter_places, 300),
            _ => panic!(),
        }
        assert_eq!(out.accompaniment[0].slots, 500);
        assert_eq!(out.prevention.as_ref().unwrap().capacity_per_month, 90.0);
        assert!(out
            .arrivals
            .iter()
            .all(|a| a.trend_percent_per_year == -2.0));
        match &out.stages.iter().find(|st| st.id == "hlm").unwrap().kind {
            StageKind::Allocation(a) => assert_eq!(a.units_per_month, 80.0),
            _ => panic!(),
        }
        assert!(Model::new(&out).is_ok());
    }
}
