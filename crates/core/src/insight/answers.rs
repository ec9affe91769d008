//! What the page says about a run, in one place, so that the page, the workshop, the embed's
//! `parcours:results` and the printable report say the same: the note on the figures, the
//! bottleneck sentence and, after a change, « why it moved ».

use parcours_engine::{
    binding_constraint, Comparison, HeadlineId, Scenario, StageKind, StageKindTag, Summary,
    SystemHeadline,
};

use crate::i18n::{t, Lang, Localized, Msg};
use crate::insight::bottleneck::{in_sentence, summary_neck_sentence};
use crate::insight::moved::{why_it_moved, Binding, ChangeKind, MoveFigures, Sentence};
use crate::insight::{interval_note, notable, short_label};
use crate::levers::{Lever, Settings};
use crate::measures::{
    Headline, Practical, BLOCKED_PLACES, PRACTICAL_SHARE, RETURNS_TO_STREET, SHARE_HOUSED_12M,
    SHARE_HOUSED_24M, TIME_TO_HOUSING, WITHOUT_SOLUTION,
};
use crate::report_text::{lever_change_text, lever_changes};
use crate::state::Resolved;

/// The page's words about a run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answers {
    /// Over which years, how many replications, what an interval covers.
    pub note: String,
    /// The bottleneck of the run shown (the scenario's when comparing).
    pub bottleneck: String,
    /// The baseline's, when comparing (the report shows both).
    pub baseline_bottleneck: Option<String>,
    /// After a change, once both runs are complete.
    pub moved: Option<Sentence>,
}

/// The change made, in words: one lever « Places — CHRS insertion (451 → 600 places) », else
/// the prepared scenario's name, else « 3 leviers modifiés », else « réseau modifié ».
pub fn change_text(
    lang: Lang,
    levers: &[Lever],
    settings: &Settings,
    prepared: Option<&str>,
) -> String {
    let changes = lever_changes(lang, levers, settings);
    match (changes.as_slice(), prepared) {
        ([one], None) => t(
            lang,
            Msg::ChangeOneLever {
                lever: short_label(&one.label),
                change: &lever_change_text(lang, one),
            },
        )
        .into_owned(),
        ([], Some(p)) => p.to_string(),
        ([], None) => t(lang, Msg::ChangeNetwork).into_owned(),
        (many, p) => t(
            lang,
            Msg::ChangeLevers {
                count: many.len(),
                prepared: p,
            },
        )
        .into_owned(),
    }
}

/// More or fewer allocations and nothing upstream changed → `Allocations`.
pub fn change_kind(baseline: &Scenario, scenario: &Scenario) -> ChangeKind {
    let (mut allocations, mut upstream) = (false, false);
    for (a, b) in baseline.stages.iter().zip(&scenario.stages) {
        match (&a.kind, &b.kind) {
            (StageKind::Allocation(x), StageKind::Allocation(y)) => allocations |= x != y,
            _ => upstream |= a != b,
        }
    }
    upstream |= baseline.stages.len() != scenario.stages.len()
        || baseline.accompaniment != scenario.accompaniment
        || baseline.prevention != scenario.prevention
        || baseline.arrivals != scenario.arrivals;
    if allocations && !upstream {
        ChangeKind::Allocations
    } else {
        ChangeKind::Upstream
    }
}

/// The paired difference of `h` when it is outside the noise and notable, else `None`.
fn moved(h: &Headline, c: &Comparison) -> Option<f64> {
    moved_by(&h.key(), h.practical, c)
}

/// The same for any of the engine's headlines, with its practical threshold.
fn moved_by(id: &HeadlineId, practical: Practical, c: &Comparison) -> Option<f64> {
    let d = c.difference(id)?;
    (d.significant && notable(practical, d))
        .then_some(d.difference.mean)
        .flatten()
}

/// A share's difference in percentage points.
fn points(share: f64) -> f64 {
    share * 100.0
}

/// The binding constraint of the scenario's run, as « why it moved » needs it: is it the
/// baseline's too, and in which holding stage did the ready households waiting for it grow most
/// (the paired waits of the comparison).
pub fn binding_move(
    lang: Lang,
    scenario: &Scenario,
    base: &Summary,
    scen: &Summary,
    c: &Comparison,
) -> Option<Binding> {
    let b = binding_constraint(scen)?;
    let base_binding = binding_constraint(base);
    let short = |id: &str| {
        let label = scenario
            .stages
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.label.text(lang));
        short_label(label).to_string()
    };
    let now_waiting_in = c
        .waits
        .iter()
        .filter(|w| w.destination == b.destination && w.difference.significant)
        .filter_map(|w| Some((w.holding.as_str(), w.difference.difference.mean?)))
        .filter(|(_, x)| *x >= 1.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(h, x)| (short(h), x));
    Some(Binding {
        name: in_sentence(&short(&b.destination)),
        allocation: b.kind == StageKindTag::Allocation,
        also_in_baseline: base_binding
            .as_ref()
            .is_some_and(|a| a.destination == b.destination),
        shifted_from: base_binding
            .filter(|a| a.destination != b.destination)
            .map(|a| in_sentence(&short(&a.destination))),
        now_waiting_in,
    })
}

/// The figures « why it moved » is built from.
pub fn move_figures(
    change: String,
    kind: ChangeKind,
    c: &Comparison,
    binding: Option<Binding>,
) -> MoveFigures {
    MoveFigures {
        change,
        kind,
        without_solution: moved(&WITHOUT_SOLUTION, c),
        returns_to_street: moved(&RETURNS_TO_STREET, c),
        median_days_among_housed: moved(&TIME_TO_HOUSING, c),
        blocked_places: moved(&BLOCKED_PLACES, c),
        housed_12m_points: moved(&SHARE_HOUSED_12M, c).map(points),
        housed_24m_points: moved(&SHARE_HOUSED_24M, c).map(points),
        in_place_12m_points: moved_by(
            &SystemHeadline::ShareInPlace12mAfterFirstRequest.into(),
            PRACTICAL_SHARE,
            c,
        )
        .map(points),
        binding,
    }
}

/// The runs' summaries and comparison as the page has them.
#[derive(Debug, Clone, Copy)]
pub struct Runs<'a> {
    pub base: Option<&'a Summary>,
    pub scen: Option<&'a Summary>,
    pub comparison: Option<&'a Comparison>,
    /// Both runs are complete.
    pub complete: bool,
}

/// What the page says about `runs` of `resolved`.
pub fn answers(lang: Lang, resolved: &Resolved, settings: &Settings, runs: Runs) -> Answers {
    let shown = if resolved.comparing {
        runs.scen
    } else {
        runs.base
    };
    let note = shown
        .or(runs.base)
        .map(|s| interval_note(lang, &s.layout, s.replications))
        .unwrap_or_default();
    let bottleneck = shown
        .map(|s| summary_neck_sentence(lang, resolved.shown(), s))
        .unwrap_or_default();
    let baseline_bottleneck = resolved
        .comparing
        .then(|| {
            runs.base
                .map(|s| summary_neck_sentence(lang, &resolved.baseline, s))
        })
        .flatten();
    let moved = match (
        resolved.comparing && runs.complete,
        runs.comparison,
        runs.base,
        runs.scen,
    ) {
        (true, Some(c), Some(base), Some(scen)) => {
            let change = change_text(
                lang,
                &resolved.levers,
                settings,
                resolved.prepared_entry.as_ref().map(|p| p.label.text(lang)),
            );
            let kind = change_kind(&resolved.baseline, &resolved.scenario);
            let binding = binding_move(lang, &resolved.scenario, base, scen, c);
            Some(why_it_moved(lang, &move_figures(change, kind, c, binding)))
        }
        _ => None,
    };
    Answers {
        note,
        bottleneck,
        baseline_bottleneck,
        moved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::{levers_of, LeverId};
    use parcours_engine::default_scenario;

    #[test]
    fn the_change_in_words_and_its_kind() {
        let base = default_scenario();
        let levers = levers_of(&base);
        let chrs = LeverId::Places("chrs".into());
        let lever = levers.iter().find(|l| l.id == chrs).unwrap();
        let settings = Settings::default().with(&chrs, 600.0, lever.baseline);
        let text = change_text(Lang::Fr, &levers, &settings, None);
        assert!(text.starts_with("Places — CHRS insertion ("), "{text}");
        assert!(text.ends_with("→ 600 places)"), "{text}");
        let hu = LeverId::Places("hu".into());
        let hu_places = levers.iter().find(|l| l.id == hu).unwrap().baseline;
        let more = Settings::default().with(&hu, hu_places + 100.0, hu_places);
        let text = change_text(Lang::Fr, &levers, &more, None);
        assert!(
            text.starts_with("Places — Hébergement d'urgence ("),
            "{text}"
        );
        assert!(!text.contains("CHU"), "the short name only: {text}");
        assert_eq!(
            change_text(Lang::En, &levers, &Settings::default(), Some("Plan A")),
            "Plan A"
        );
        let scen = crate::levers::apply(&base, &settings);
        assert_eq!(change_kind(&base, &scen), ChangeKind::Upstream);
        let alloc = levers
            .iter()
            .find(|l| matches!(l.id, LeverId::Allocations(_)))
            .unwrap();
        let more = Settings::default().with(&alloc.id, alloc.baseline + 10.0, alloc.baseline);
        let scen = crate::levers::apply(&base, &more);
        assert_eq!(change_kind(&base, &scen), ChangeKind::Allocations);
    }
}
