//! Aligned text for a terminal: numbers for reading, columns, a run's headline figures and
//! binding constraints.

use super::{ranges, ranges_text};
use crate::input::ScenarioId;
use parcours_engine::{
    constraints, CohortState, Constraint, Ensemble, Estimate, StageKindTag, Summary,
};
use std::fmt::Write as _;

/// A number for reading: fewer decimals as it grows; `-` when undefined.
pub(crate) fn human(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(x) if x.is_nan() => "-".into(),
        Some(x) if x.abs() >= 1000.0 || (x == x.round() && x.abs() < 1e15) => format!("{x:.0}"),
        Some(x) if x.abs() >= 10.0 => format!("{x:.1}"),
        Some(x) if x.abs() >= 1.0 => format!("{x:.2}"),
        Some(x) => format!("{x:.3}"),
    }
}

pub(crate) fn interval<Id>(e: &Estimate<Id>) -> String {
    match (e.ci_low, e.ci_high) {
        (Some(a), Some(b)) => format!("[{}, {}]", human(Some(a)), human(Some(b))),
        _ => "-".into(),
    }
}

pub(crate) fn title(id: &ScenarioId) -> String {
    let name = if id.name.en.is_empty() || id.name.en == id.name.fr {
        id.name.fr.clone()
    } else {
        format!("{} / {}", id.name.fr, id.name.en)
    };
    printable(&name)
}

/// Text for a terminal: control characters (escape sequences that could move the cursor or
/// retitle the window, line breaks that would fake rows) shown as `\u{…}`.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Lays out rows in columns, the first left-aligned, the others right-aligned.
pub(crate) fn columns(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = width[c].saturating_sub(cell.chars().count());
            if c == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The headline figures of a summary, for a terminal.
pub fn headline_table(id: &ScenarioId, ens: &Ensemble, s: &Summary) -> String {
    let mut out = format!(
        "{}\nseed {}, {} replications ({})\n\n",
        title(id),
        ens.seed,
        s.replications,
        ranges_text(&ranges(ens.replications.keys().copied()))
    );
    let mut rows = vec![vec![
        "headline".to_string(),
        "mean".into(),
        "95% CI".into(),
        "n".into(),
    ]];
    for e in &s.headlines {
        rows.push(vec![
            e.id.to_string(),
            human(e.mean),
            interval(e),
            e.n.to_string(),
        ]);
    }
    out.push_str(&columns(&rows));
    out.push_str(&cohort_table(s));
    let mut rows = vec![vec![
        "ready households waiting in → for".to_string(),
        "mean".into(),
        "95% CI".into(),
        "n".into(),
    ]];
    for w in &s.waits {
        rows.push(vec![
            w.households.id.to_string(),
            human(w.households.mean),
            interval(&w.households),
            w.households.n.to_string(),
        ]);
    }
    out.push('\n');
    out.push_str(&columns(&rows));
    out.push('\n');
    out.push_str(&constraints_text("binding constraint", s));
    out
}

/// Where the requests made in the window stand 0, 6, 12, 24 and 36 months later (means).
fn cohort_table(s: &Summary) -> String {
    if s.cohort.is_empty() {
        return String::new();
    }
    let months: Vec<usize> = [0, 6, 12, 24, 36]
        .into_iter()
        .filter(|&m| m <= s.layout.cohort_months)
        .collect();
    let mut header = vec!["requests, months after the first".to_string()];
    header.extend(months.iter().map(|m| m.to_string()));
    let mut rows = vec![header];
    for state in CohortState::ALL {
        if let Some(b) = s.cohort(*state) {
            let mut row = vec![state.to_string()];
            row.extend(months.iter().map(|&m| human(Some(b.mean[m]))));
            rows.push(row);
        }
    }
    format!("\n{}", columns(&rows))
}

/// The binding constraint and the other destinations ready households wait for, one line each.
fn constraints_text(what: &str, s: &Summary) -> String {
    let all = constraints(s);
    if all.is_empty() {
        return format!("{what}: none (fewer than one ready household waits for any stage)\n");
    }
    let mut out = String::new();
    for (i, c) in all.iter().enumerate() {
        let label = if i == 0 { what } else { "also waited for" };
        let _ = writeln!(out, "{label}: {}", constraint_text(c));
    }
    out
}

/// `hlm (allocation, 44.0 units a month, 99.8% used): 163 ready households wait for it (lt 109,
/// hu 34.6, …), 0 from the waiting list; held up behind it: lt 34.3`.
pub(super) fn constraint_text(c: &Constraint) -> String {
    let capacity = match c.kind {
        StageKindTag::Allocation => format!(
            "allocation, {} units a month, {}% used",
            human(c.units_per_month),
            human(c.units_use.map(|u| 100.0 * u))
        ),
        StageKindTag::Places => format!(
            "{} places, {}% occupied",
            human(c.places),
            human(c.occupancy.map(|o| 100.0 * o))
        ),
    };
    let by: Vec<String> = c
        .by_holding
        .iter()
        .map(|(stage, n)| format!("{stage} {}", human(Some(*n))))
        .collect();
    let mut t = format!(
        "{} ({capacity}): {} ready households wait for it ({}), {} from the waiting list",
        c.destination,
        human(Some(c.ready_households)),
        by.join(", "),
        human(Some(c.waiting_list_households))
    );
    if !c.held_up.is_empty() {
        let held: Vec<String> = c
            .held_up
            .iter()
            .map(|(stage, n)| format!("{stage} {}", human(Some(*n))))
            .collect();
        let _ = write!(t, "; held up behind it: {}", held.join(", "));
    }
    t
}
