//! Levers in the users' words, and how they turn the baseline scenario into a scenario.
//!
//! A lever is read from the baseline (its baseline value, unit, bounds) and its value, when moved,
//! overrides one field of the scenario. Openings add dated capacity changes. Pure data: tested
//! natively.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use parcours_engine::{CapacityChange, Label, Scenario, StageKind, MONTH_DAYS};

use crate::i18n::{t, Lang, Localized, Msg};

/// What a lever changes. Its one textual form, `lever-places-chrs` (see [`fmt::Display`] and
/// [`FromStr`]), is the id of its field in the page and the id a host page names it by in the
/// embed API (README, « Intégrer / Embedding »).
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

impl fmt::Display for LeverId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LeverId::Places(s) => write!(f, "lever-places-{s}"),
            LeverId::Winter(s) => write!(f, "lever-winter-{s}"),
            LeverId::Slots(s) => write!(f, "lever-slots-{s}"),
            LeverId::Allocations(s) => write!(f, "lever-alloc-{s}"),
            LeverId::Prevention => f.write_str("lever-prevention"),
            LeverId::Trend => f.write_str("lever-trend"),
        }
    }
}

/// A text that is not a lever's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotALever(pub String);

impl FromStr for LeverId {
    type Err = NotALever;
    fn from_str(text: &str) -> Result<LeverId, NotALever> {
        let bad = || NotALever(text.to_string());
        let rest = text.strip_prefix("lever-").ok_or_else(bad)?;
        let id = match rest.split_once('-') {
            _ if rest == "prevention" => LeverId::Prevention,
            _ if rest == "trend" => LeverId::Trend,
            Some((_, "")) | None => return Err(bad()),
            Some(("places", s)) => LeverId::Places(s.into()),
            Some(("winter", s)) => LeverId::Winter(s.into()),
            Some(("slots", s)) => LeverId::Slots(s.into()),
            Some(("alloc", s)) => LeverId::Allocations(s.into()),
            Some(_) => return Err(bad()),
        };
        Ok(id)
    }
}

/// One lever as shown: what it acts on, baseline value, bounds and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub id: LeverId,
    /// The label of the stage or pool it acts on, if any.
    pub on: Option<Label>,
    pub baseline: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub unit: Msg<'static>,
}

impl LeverId {
    /// The lever's name: « Places — CHRS insertion », `on` being the label of the stage or
    /// pool it acts on.
    pub fn label(&self, on: Option<&Label>, lang: Lang) -> String {
        let on = on.map_or("", |l| l.text(lang));
        let msg = match self {
            LeverId::Places(_) => Msg::LeverPlaces { stage: on },
            LeverId::Winter(_) => Msg::LeverWinter { stage: on },
            LeverId::Slots(_) => Msg::LeverSlots { pool: on },
            LeverId::Allocations(_) => Msg::LeverAllocations { stage: on },
            LeverId::Prevention => Msg::LeverPrevention,
            LeverId::Trend => Msg::LeverTrend,
        };
        t(lang, msg).into_owned()
    }
}

impl serde::Serialize for LeverId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for LeverId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LeverId, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom(format!("'{text}' is not a lever's id")))
    }
}

impl Lever {
    pub fn label(&self, lang: Lang) -> String {
        self.id.label(self.on.as_ref(), lang)
    }
    pub fn unit(&self, lang: Lang) -> String {
        t(lang, self.unit).into_owned()
    }
}

/// A stage with places (where places open or close), as the levers' panel offers it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceStage {
    pub id: String,
    pub label: Label,
}

/// The place stages of a scenario, in pathway order.
pub fn place_stages(s: &Scenario) -> Vec<PlaceStage> {
    s.stages
        .iter()
        .filter(|st| matches!(st.kind, StageKind::Places(_)))
        .map(|st| PlaceStage {
            id: st.id.clone(),
            label: st.label.clone(),
        })
        .collect()
}

/// An opening (or closing, if negative) of places at a month of the horizon.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Opening {
    pub stage: String,
    /// Months after the scenario's start.
    pub month: u32,
    pub places: i64,
}

/// The user's settings: overridden lever values and openings. Serialized only in the page's
/// messages to its workers (`runs::protocol`); links carry them in their own form (`link`).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub values: BTreeMap<LeverId, f64>,
    pub openings: Vec<Opening>,
}

impl Settings {
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.openings.is_empty()
    }

    /// These settings with lever `id` at `value`; back at its `baseline` value, the lever is no
    /// longer overridden.
    pub fn with(&self, id: &LeverId, value: f64, baseline: f64) -> Settings {
        let mut out = self.clone();
        if (value - baseline).abs() > 1e-9 {
            out.values.insert(id.clone(), value);
        } else {
            out.values.remove(id);
        }
        out
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
                on: Some(stage.label.clone()),
                baseline: p.places as f64,
                min: 0.0,
                max: upper(p.places as f64, 50.0),
                step: 1.0,
                unit: Msg::UnitPlaces,
            });
        }
    }
    for stage in &s.stages {
        if let StageKind::Places(p) = &stage.kind {
            if p.winter_places > 0 {
                out.push(Lever {
                    id: LeverId::Winter(stage.id.clone()),
                    on: Some(stage.label.clone()),
                    baseline: p.winter_places as f64,
                    min: 0.0,
                    max: upper(p.winter_places as f64, 50.0),
                    step: 1.0,
                    unit: Msg::UnitWinterPlaces,
                });
            }
        }
    }
    for pool in &s.accompaniment {
        out.push(Lever {
            id: LeverId::Slots(pool.id.clone()),
            on: Some(pool.label.clone()),
            baseline: pool.slots as f64,
            min: 0.0,
            max: upper(pool.slots as f64, 50.0),
            step: 1.0,
            unit: Msg::UnitHouseholdsFollowed,
        });
    }
    for stage in &s.stages {
        if let StageKind::Allocation(a) = &stage.kind {
            out.push(Lever {
                id: LeverId::Allocations(stage.id.clone()),
                on: Some(stage.label.clone()),
                baseline: a.units_per_month,
                min: 0.0,
                max: upper(a.units_per_month, 20.0),
                step: 1.0,
                unit: Msg::UnitDwellingsPerMonth,
            });
        }
    }
    if let Some(p) = &s.prevention {
        out.push(Lever {
            id: LeverId::Prevention,
            on: None,
            baseline: p.capacity_per_month,
            min: 0.0,
            max: upper(p.capacity_per_month, 20.0),
            step: 1.0,
            // A case is a tenancy that would end in an eviction with the police's assistance
            // granted, without prevention (the link of the eviction chain the shipped
            // scenarios count, SOURCES.md).
            unit: Msg::UnitPoliceStageCasesPerMonth,
        });
    }
    if let Some(a) = s.arrivals.first() {
        out.push(Lever {
            id: LeverId::Trend,
            on: None,
            baseline: a.trend_percent_per_year,
            min: -10.0,
            max: 10.0,
            step: 0.1,
            unit: Msg::UnitPercentPerYear,
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

    /// The embed API's ids (README) read back as the same levers, and nothing else reads.
    #[test]
    fn a_lever_id_has_one_textual_form() {
        for id in [
            LeverId::Places("chrs".into()),
            LeverId::Winter("hu".into()),
            LeverId::Slots("asll_avdl".into()),
            LeverId::Allocations("hlm".into()),
            LeverId::Prevention,
            LeverId::Trend,
            LeverId::Places("a-b".into()),
        ] {
            assert_eq!(id.to_string().parse::<LeverId>(), Ok(id));
        }
        assert_eq!(
            LeverId::Places("chrs".into()).to_string(),
            "lever-places-chrs"
        );
        assert_eq!(
            LeverId::Allocations("hlm".into()).to_string(),
            "lever-alloc-hlm"
        );
        assert_eq!(
            "lever-slots-asll_avdl".parse(),
            Ok(LeverId::Slots("asll_avdl".into()))
        );
        for bad in [
            "",
            "places-chrs",
            "lever-places-",
            "lever-nope-x",
            "lever-",
            "lever-trend-x",
        ] {
            assert!(bad.parse::<LeverId>().is_err(), "{bad:?}");
        }
        let labels: Vec<String> = levers_of(&default_scenario())
            .iter()
            .map(|l| l.label(Lang::Fr))
            .collect();
        assert!(
            labels.contains(&"Places — CHRS insertion".to_string()),
            "{labels:?}"
        );
    }

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
