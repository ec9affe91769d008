//! The pathway diagram's data, without the browser: every stage with what it holds and what its
//! ready households wait for, every allocation flow with its use, and the binding constraint
//! (MODEL.md 15.5–15.6). The SVG (`src/components/diagram.rs`), its list form on narrow screens
//! and a data table render this one model.

use parcours_engine::{
    binding_constraint, HeadlineId, Scenario, StageHeadline, StageKindTag, Summary,
};

use crate::i18n::{Lang, Localized};
use crate::insight::bottleneck::in_sentence;
use crate::insight::{short_label, stage_figures};
use crate::measures::{STREET_BETWEEN_REQUESTS, UNSHELTERED};

/// What a stage is, as drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum StageDraw {
    /// A place stage: its places, households present, and those ready to leave (blocked).
    Places {
        places: f64,
        occupancy: f64,
        blocked: f64,
    },
    /// An allocation flow: dwellings offered and used a month, and the share used (undefined
    /// when nothing was offered).
    Allocation {
        offered_per_month: f64,
        used_per_month: f64,
        use_share: Option<f64>,
    },
}

/// One stage of the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramStage {
    pub id: String,
    /// Its label in the page's language, and its short name.
    pub label: String,
    pub short: String,
    pub draw: StageDraw,
    /// Entries and exits a month (arrows).
    pub entries_per_month: f64,
    pub exits_per_month: f64,
    /// Ready households held here, by the destination they wait for (short name), most first.
    pub waiting_for: Vec<(String, f64)>,
    /// Ready households held elsewhere that wait for this stage.
    pub awaited_by: f64,
    /// The binding constraint: what most ready households wait for, directly or behind a
    /// stage it holds up.
    pub binding: bool,
    /// Held up by the binding constraint (its own ready households wait for it).
    pub held_up: bool,
}

/// The diagram of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramData {
    /// Households on the SIAO waiting list, and on the street between two requests.
    pub waiting_list: f64,
    pub street_between_requests: f64,
    pub stages: Vec<DiagramStage>,
}

impl DiagramData {
    pub fn of(lang: Lang, scenario: &Scenario, summary: &Summary) -> DiagramData {
        let label = |id: &str| {
            scenario
                .stages
                .iter()
                .find(|s| s.id == id)
                .map_or(id.to_string(), |s| s.label.text(lang).to_string())
        };
        let short = |id: &str| short_label(&label(id)).to_string();
        let head = |id: &str, m: StageHeadline| {
            summary
                .headline(&HeadlineId::stage(id.to_string(), m))
                .and_then(|e| e.mean)
        };
        let binding = binding_constraint(summary);
        let figures = stage_figures(summary);
        let stages = figures
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let allocation =
                    summary.layout.stage_kinds.get(k) == Some(&StageKindTag::Allocation);
                let draw = if allocation {
                    StageDraw::Allocation {
                        offered_per_month: head(&f.id, StageHeadline::UnitsOfferedPerYear)
                            .unwrap_or(0.0)
                            / 12.0,
                        used_per_month: head(&f.id, StageHeadline::UnitsUsedPerYear)
                            .unwrap_or(f.entries_per_month * 12.0)
                            / 12.0,
                        use_share: head(&f.id, StageHeadline::UnitsUse),
                    }
                } else {
                    StageDraw::Places {
                        places: f.places,
                        occupancy: f.occupancy,
                        blocked: f.blocked,
                    }
                };
                let mut waiting_for: Vec<(String, f64)> = summary
                    .waits
                    .iter()
                    .filter(|w| w.holding == f.id)
                    .filter_map(|w| Some((in_sentence(&short(&w.destination)), w.households.mean?)))
                    .filter(|(_, x)| *x >= 0.5)
                    .collect();
                waiting_for.sort_by(|a, b| b.1.total_cmp(&a.1));
                DiagramStage {
                    id: f.id.clone(),
                    label: label(&f.id),
                    short: short(&f.id),
                    draw,
                    entries_per_month: f.entries_per_month,
                    exits_per_month: f.exits_per_month,
                    waiting_for,
                    awaited_by: head(&f.id, StageHeadline::ReadyQueue).unwrap_or(0.0),
                    binding: binding.as_ref().is_some_and(|b| b.destination == f.id),
                    held_up: binding
                        .as_ref()
                        .is_some_and(|b| b.held_up.iter().any(|(s, _)| *s == f.id)),
                }
            })
            .collect();
        DiagramData {
            waiting_list: UNSHELTERED.mean(summary),
            street_between_requests: STREET_BETWEEN_REQUESTS.mean(summary),
            stages,
        }
    }
}
