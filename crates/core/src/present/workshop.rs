//! The workshop mode's logic: which prepared scenarios a facilitator projects (four at most)
//! and what each key does (1–4 and ← / → the scenarios, 0 the « Où agir ? » screen).

use crate::catalog::{Index, PreparedEntry};

/// Scenarios a workshop shows at most (keys 1 to 4).
pub const WORKSHOP_MAX: usize = 4;

/// The prepared scenarios of a territory a workshop shows: the first four.
pub fn workshop_prepared(index: &Index, territory: &str) -> Vec<PreparedEntry> {
    index
        .prepared
        .iter()
        .filter(|v| v.baseline == territory)
        .take(WORKSHOP_MAX)
        .cloned()
        .collect()
}

/// The scenarios a workshop shows: those chosen (at most four, in the territory's order), else
/// the territory's first four.
pub fn workshop_selection(all: &[PreparedEntry], chosen: Option<&[String]>) -> Vec<PreparedEntry> {
    let picked: Vec<PreparedEntry> = all
        .iter()
        .filter(|v| chosen.is_some_and(|c| c.contains(&v.id)))
        .take(WORKSHOP_MAX)
        .cloned()
        .collect();
    if picked.is_empty() {
        all.iter().take(WORKSHOP_MAX).cloned().collect()
    } else {
        picked
    }
}

/// What a key does in the workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkshopAction {
    /// Show the scenario at this position (0-based).
    Select(usize),
    /// Show the analysis screen (« Où agir ? »).
    Analysis,
    Exit,
}

/// The key of the analysis screen, shown on its button as the scenarios' digits are on theirs.
pub const ANALYSIS_KEY: &str = "0";

/// The action of a key (`KeyboardEvent.key`) with `count` scenarios, `active` being shown.
/// ← / → stop at the ends (no surprise jump from the last to the first in front of a room).
pub fn workshop_action(key: &str, count: usize, active: Option<usize>) -> Option<WorkshopAction> {
    match key {
        "Escape" | "Esc" => Some(WorkshopAction::Exit),
        ANALYSIS_KEY => Some(WorkshopAction::Analysis),
        "1" | "2" | "3" | "4" => {
            let i = key.parse::<usize>().ok()? - 1;
            (i < count).then_some(WorkshopAction::Select(i))
        }
        "ArrowRight" | "PageDown" => {
            let next = active.map_or(0, |a| a + 1);
            (next < count).then_some(WorkshopAction::Select(next))
        }
        "ArrowLeft" | "PageUp" => match active {
            Some(0) => None,
            Some(a) => Some(WorkshopAction::Select(a - 1)),
            None => count.checked_sub(1).map(WorkshopAction::Select),
        },
        _ => None,
    }
}

/// Whether a key pressed in this element is typing (an input, a text area, a list, editable
/// text): the workshop's keys leave it alone.
pub fn is_typing_target(tag: &str, editable: bool) -> bool {
    editable
        || ["INPUT", "TEXTAREA", "SELECT"]
            .iter()
            .any(|t| tag.eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn workshop_keys() {
        use WorkshopAction::*;
        assert_eq!(workshop_action("2", 4, None), Some(Select(1)));
        assert_eq!(workshop_action("4", 3, Some(0)), None, "no fourth scenario");
        assert_eq!(workshop_action("5", 4, None), None);
        assert_eq!(workshop_action("ArrowRight", 4, Some(1)), Some(Select(2)));
        assert_eq!(workshop_action("ArrowRight", 4, Some(3)), None);
        assert_eq!(workshop_action("ArrowRight", 4, None), Some(Select(0)));
        assert_eq!(workshop_action("ArrowLeft", 4, Some(2)), Some(Select(1)));
        assert_eq!(workshop_action("ArrowLeft", 4, Some(0)), None);
        assert_eq!(workshop_action("ArrowLeft", 4, None), Some(Select(3)));
        assert_eq!(workshop_action("ArrowLeft", 0, None), None);
        assert_eq!(workshop_action("ArrowRight", 0, None), None);
        assert_eq!(workshop_action("Escape", 0, None), Some(Exit));
        assert_eq!(workshop_action("a", 4, None), None);
        assert_eq!(workshop_action("0", 0, None), Some(Analysis));
        assert!(is_typing_target("input", false));
        assert!(is_typing_target("TEXTAREA", false));
        assert!(is_typing_target("SELECT", false));
        assert!(is_typing_target("DIV", true));
        assert!(!is_typing_target("BUTTON", false));
    }
    #[test]
    fn workshop_shows_the_territorys_first_four_prepared_scenarios() {
        let index = crate::catalog::shipped::index();
        let v = workshop_prepared(&index, &index.default);
        assert_eq!(
            v.len(),
            WORKSHOP_MAX.min(
                index
                    .prepared
                    .iter()
                    .filter(|v| v.baseline == index.default)
                    .count()
            )
        );
        assert!(v.iter().all(|e| e.baseline == index.default));
        assert_eq!(v[0].id, index.prepared[0].id);
        assert!(workshop_prepared(&index, "nowhere").is_empty());

        let all: Vec<PreparedEntry> = index
            .prepared
            .iter()
            .filter(|v| v.baseline == index.default)
            .cloned()
            .collect();
        assert!(
            all.len() > WORKSHOP_MAX,
            "the chooser is tested with more than four"
        );
        let ids = |v: Vec<PreparedEntry>| v.into_iter().map(|v| v.id).collect::<Vec<_>>();
        assert_eq!(ids(workshop_selection(&all, None)), ids(v.clone()));
        // Chosen: the territory's order, unknown ids dropped, four at most.
        let chosen = vec![all[5].id.clone(), "nope".into(), all[1].id.clone()];
        assert_eq!(
            ids(workshop_selection(&all, Some(&chosen))),
            vec![all[1].id.clone(), all[5].id.clone()]
        );
        let every: Vec<String> = all.iter().map(|v| v.id.clone()).collect();
        assert_eq!(workshop_selection(&all, Some(&every)).len(), WORKSHOP_MAX);
        // Nothing known chosen (another territory's ids): the first four.
        assert_eq!(
            ids(workshop_selection(&all, Some(&["nope".to_string()]))),
            ids(v)
        );
    }
}
