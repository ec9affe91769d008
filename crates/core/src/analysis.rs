//! The decision-support analysis the page shows beside its results (issue 13): « Où agir ? »
//! (the marginal value of every lever), « Que faut-il pour… ? » (target seeking) and the budget
//! optimiser. An [`Analysis`] is what the planner asked, not what was found: the answers are
//! deterministic for a seed, so a link, a library entry, the printable report and the workshop
//! carry the question and the page runs it again to show the same answer.
//!
//! One serde shape for every carrier (links, library, report, workshop, the page's panels);
//! [`Analysis::check`] names the first field that is wrong.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::levers::LeverId;
use crate::link::MAX_REPLICATIONS;
use crate::marginal::{objective, RankBy, OBJECTIVES};
use crate::measures::Headline;
use crate::target::{Goal, Month};

/// An objective of « Où agir ? » ([`OBJECTIVES`]), written as its code (`"unsheltered_days"`…).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Objective(pub Headline);

impl Default for Objective {
    fn default() -> Self {
        Objective(OBJECTIVES[0])
    }
}

impl Serialize for Objective {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.code())
    }
}

impl<'de> Deserialize<'de> for Objective {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        objective(&code).map(Objective).ok_or_else(|| {
            let known: Vec<&str> = OBJECTIVES.iter().map(|h| h.code()).collect();
            serde::de::Error::custom(format!(
                "unknown objective « {code} » (known: {})",
                known.join(", ")
            ))
        })
    }
}

/// A lever the search may move, with optional bounds (absent: from its current value to the top
/// of its slider, as `seek::allowed` does).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllowedLever {
    pub lever: LeverId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// « Où agir ? »: every lever moved by its step, ranked on the objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarginalAsk {
    pub objective: Objective,
    pub rank_by: RankBy,
    /// Replications of each scenario (the scenario shown and each lever's step).
    pub replications: u64,
}

/// « Que faut-il pour… ? »: the least-cost amount of a lever (or mix) that meets a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeekAsk {
    pub objective: Objective,
    pub goal: Goal,
    /// The month the target is read in; absent: over the reporting window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Month>,
    /// Share of the replications that must meet it (0 < p ≤ 1).
    pub probability: f64,
    pub levers: Vec<AllowedLever>,
    /// Replications of each amount tried.
    pub replications: u64,
}

/// The budget optimiser: the mix that best serves the objective within a yearly budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptimiseAsk {
    pub objective: Objective,
    /// Euros a year the mix may add to the scenario's cost.
    pub budget: f64,
    /// Places that can open a year, all place levers together; absent: all on day 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_per_year: Option<u32>,
    pub levers: Vec<AllowedLever>,
    /// Replications of each finalist re-run on the full simulation.
    pub replications: u64,
}

/// The analysis asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Analysis {
    Marginal(MarginalAsk),
    Seek(SeekAsk),
    Optimise(OptimiseAsk),
}

/// The replication counts « Où agir ? » offers per scenario; the first is its default (the
/// scenario and each of a territory's ten levers: 440 replications).
pub const MARGINAL_REPLICATIONS: [u64; 4] = [40, 20, 100, 200];

impl Default for MarginalAsk {
    fn default() -> Self {
        MarginalAsk {
            objective: Objective::default(),
            rank_by: RankBy::Step,
            replications: MARGINAL_REPLICATIONS[0],
        }
    }
}

impl MarginalAsk {
    /// The question `analysis` asks of « Où agir ? », else the panel's defaults.
    pub fn of(analysis: Option<&Analysis>) -> MarginalAsk {
        match analysis {
            Some(Analysis::Marginal(m)) => m.clone(),
            _ => MarginalAsk::default(),
        }
    }
}

/// What is wrong with an analysis: the field's path (`seek.probability`) and why, in English for
/// the developer; the page says it through its own messages.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisError {
    pub field: String,
    pub why: String,
}

impl Analysis {
    /// The kind's code, as `kind` writes it and [`AnalysisError::field`] starts with it.
    pub fn kind(&self) -> &'static str {
        match self {
            Analysis::Marginal(_) => "marginal",
            Analysis::Seek(_) => "seek",
            Analysis::Optimise(_) => "optimise",
        }
    }

    /// An analysis read from JSON (a link's `analysis`) and checked: the field that is wrong is
    /// named as [`Analysis::check`] names it (`seek.probability`, `marginal.objective`; `kind`
    /// when the kind itself is not known).
    pub fn read(value: serde_json::Value) -> Result<Analysis, AnalysisError> {
        fn ask<T: serde::de::DeserializeOwned>(
            kind: &str,
            value: serde_json::Value,
        ) -> Result<T, AnalysisError> {
            // The engine's reader of JSON values: the one way the app names a JSON field (its
            // path found from the error's position, `json::from_value`).
            parcours_engine::json::from_value(value).map_err(|e| AnalysisError {
                field: if e.path == "$" {
                    kind.to_string()
                } else {
                    format!("{kind}.{}", e.path)
                },
                why: match e.kind {
                    parcours_engine::ErrorKind::Json { detail } => detail,
                    _ => e.message,
                },
            })
        }
        let mut value = value;
        let kind = match value.as_object_mut().map(|o| o.remove("kind")) {
            Some(Some(serde_json::Value::String(kind))) => kind,
            _ => {
                return Err(AnalysisError {
                    field: "kind".into(),
                    why: "missing (marginal, seek or optimise)".into(),
                })
            }
        };
        let analysis = match kind.as_str() {
            "marginal" => Analysis::Marginal(ask("marginal", value)?),
            "seek" => Analysis::Seek(ask("seek", value)?),
            "optimise" => Analysis::Optimise(ask("optimise", value)?),
            other => {
                return Err(AnalysisError {
                    field: "kind".into(),
                    why: format!("« {other} »: not marginal, seek or optimise"),
                })
            }
        };
        analysis.check()?;
        Ok(analysis)
    }

    /// The field that makes this analysis impossible to run, if any. Lever ids are checked
    /// against the network where the analysis runs (`seek::allowed`), not here.
    pub fn check(&self) -> Result<(), AnalysisError> {
        let err = |field: &str, why: String| {
            Err(AnalysisError {
                field: field.to_string(),
                why,
            })
        };
        let replications = |kind: &str, n: u64| {
            if (1..=MAX_REPLICATIONS).contains(&n) {
                Ok(())
            } else {
                err(
                    &format!("{kind}.replications"),
                    format!("{n}: must be between 1 and {MAX_REPLICATIONS}"),
                )
            }
        };
        let levers = |kind: &str, levers: &[AllowedLever]| {
            if levers.is_empty() {
                return err(&format!("{kind}.levers"), "no lever allowed".into());
            }
            for (k, l) in levers.iter().enumerate() {
                let field = format!("{kind}.levers[{k}]");
                if levers[..k].iter().any(|o| o.lever == l.lever) {
                    return err(&field, format!("{}: allowed twice", l.lever));
                }
                for (name, v) in [("min", l.min), ("max", l.max)] {
                    if let Some(v) = v {
                        if !(v.is_finite() && v >= 0.0) {
                            return err(&format!("{field}.{name}"), format!("{v}: must be ≥ 0"));
                        }
                    }
                }
                if let (Some(min), Some(max)) = (l.min, l.max) {
                    if min > max {
                        return err(&field, format!("min {min} above max {max}"));
                    }
                }
            }
            Ok(())
        };
        match self {
            Analysis::Marginal(m) => replications("marginal", m.replications),
            Analysis::Seek(s) => {
                let goal_ok = match s.goal {
                    Goal::Level(v) => v.is_finite(),
                    Goal::Change(c) => c.is_finite() && c > -1.0,
                };
                if !goal_ok {
                    return err("seek.goal", format!("{:?}: not a reachable goal", s.goal));
                }
                if !(s.probability > 0.0 && s.probability <= 1.0) {
                    return err(
                        "seek.probability",
                        format!("{}: must be in (0, 1]", s.probability),
                    );
                }
                if let Some(by) = s.by {
                    if !(1..=12).contains(&by.month) {
                        return err("seek.by.month", format!("{}: not a month", by.month));
                    }
                }
                levers("seek", &s.levers)?;
                replications("seek", s.replications)
            }
            Analysis::Optimise(o) => {
                if !(o.budget.is_finite() && o.budget >= 0.0) {
                    return err(
                        "optimise.budget",
                        format!("{}: must be euros ≥ 0", o.budget),
                    );
                }
                if o.open_per_year == Some(0) {
                    return err("optimise.open_per_year", "0: nothing could open".into());
                }
                levers("optimise", &o.levers)?;
                replications("optimise", o.replications)
            }
        }
    }
}

/// Valid questions for the tests that carry them (serde here, links in `link/tests.rs`).
#[cfg(test)]
impl Analysis {
    /// One valid question of each kind, in the order of the enum.
    pub(crate) fn examples() -> [Analysis; 3] {
        [
            Analysis::Marginal(MarginalAsk {
                objective: Objective::default(),
                rank_by: RankBy::Cost,
                replications: 20,
            }),
            Analysis::Seek(SeekAsk::example()),
            Analysis::Optimise(OptimiseAsk {
                objective: Objective(OBJECTIVES[0]),
                budget: 2e6,
                open_per_year: Some(100),
                levers: vec![AllowedLever {
                    lever: "lever-places-hu".parse().unwrap(),
                    min: Some(0.0),
                    max: None,
                }],
                replications: 100,
            }),
        ]
    }
}

#[cfg(test)]
impl SeekAsk {
    /// Half the second objective by December 2029 with a probability of 0.8, CHRS places alone.
    pub(crate) fn example() -> SeekAsk {
        SeekAsk {
            objective: Objective(OBJECTIVES[1]),
            goal: Goal::Change(-0.5),
            by: Some(Month {
                year: 2029,
                month: 12,
            }),
            probability: 0.8,
            levers: vec![AllowedLever {
                lever: "lever-places-chrs".parse().unwrap(),
                min: None,
                max: Some(2000.0),
            }],
            replications: 40,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seek() -> Analysis {
        Analysis::Seek(SeekAsk::example())
    }

    #[test]
    fn every_kind_writes_and_reads_back_to_itself() {
        for a in Analysis::examples() {
            a.check().unwrap();
            let text = serde_json::to_string(&a).unwrap();
            assert_eq!(
                serde_json::from_str::<Analysis>(&text).unwrap(),
                a,
                "{text}"
            );
        }
    }

    #[test]
    fn an_unknown_objective_names_the_known_ones() {
        let text = serde_json::to_string(&seek())
            .unwrap()
            .replace(OBJECTIVES[1].code(), "nope");
        let e = serde_json::from_str::<Analysis>(&text)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("nope") && e.contains(OBJECTIVES[0].code()),
            "{e}"
        );
    }

    #[test]
    fn read_names_the_field_of_a_malformed_analysis() {
        let field = |text: &str| {
            Analysis::read(serde_json::from_str(text).unwrap())
                .unwrap_err()
                .field
        };
        assert_eq!(field(r#"{"objective":"x"}"#), "kind");
        assert_eq!(field(r#"{"kind":"guess"}"#), "kind");
        assert_eq!(field("[1]"), "kind");
        let marginal = |objective: &str, rest: &str| {
            format!(r#"{{"kind":"marginal","objective":"{objective}"{rest}}}"#)
        };
        let code = OBJECTIVES[0].code();
        let good = marginal(code, r#","rank_by":"cost","replications":20"#);
        assert!(Analysis::read(serde_json::from_str(&good).unwrap()).is_ok());
        assert_eq!(
            field(&marginal("nope", r#","rank_by":"step","replications":20"#)),
            "marginal.objective"
        );
        assert_eq!(
            field(&marginal(code, r#","rank_by":"step","replications":"20""#)),
            "marginal.replications"
        );
        assert_eq!(
            field(&marginal(code, r#","rank_by":"step","replications":0"#)),
            "marginal.replications"
        );
        assert_eq!(field(&marginal(code, r#","replications":20"#)), "marginal");
        let text = serde_json::to_string(&seek()).unwrap();
        assert_eq!(
            Analysis::read(serde_json::from_str(&text).unwrap()),
            Ok(seek())
        );
        let bad = text.replace("lever-places-chrs", "lever-nowhere");
        assert_eq!(field(&bad), "seek.levers[0].lever");
    }

    #[test]
    fn check_names_the_field_that_is_wrong() {
        let with = |f: &dyn Fn(&mut SeekAsk)| {
            let Analysis::Seek(mut s) = seek() else {
                unreachable!()
            };
            f(&mut s);
            Analysis::Seek(s).check().unwrap_err().field
        };
        assert_eq!(with(&|s| s.probability = 0.0), "seek.probability");
        assert_eq!(with(&|s| s.goal = Goal::Change(-1.0)), "seek.goal");
        assert_eq!(with(&|s| s.goal = Goal::Level(f64::NAN)), "seek.goal");
        assert_eq!(with(&|s| s.levers.clear()), "seek.levers");
        assert_eq!(with(&|s| s.replications = 0), "seek.replications");
        assert_eq!(
            with(&|s| s.replications = MAX_REPLICATIONS + 1),
            "seek.replications"
        );
        assert_eq!(
            with(&|s| s.levers[0].max = Some(-1.0)),
            "seek.levers[0].max"
        );
        assert_eq!(
            with(&|s| s.levers.push(s.levers[0].clone())),
            "seek.levers[1]"
        );
        assert_eq!(
            with(&|s| s.by = Some(Month {
                year: 2029,
                month: 13
            })),
            "seek.by.month"
        );
    }
}

pub mod ask;
pub mod view;
