//! The printable report's texts: the levers changed, the openings, what the advanced editor
//! changed in the network, the date, and the decision-support analysis computed (its question
//! and its answer). Pure functions, tested natively; the view is
//! `src/components/printable_report.rs`.

use parcours_engine::Scenario;
use serde_json::Value;

use crate::analysis::MarginalAsk;
use crate::i18n::{
    add_months, format_field, format_grouped, format_num, month_year, quoted, t, Lang, Localized,
    Msg,
};
use crate::levers::{Lever, Settings};
use crate::marginal::{self, RankBy, Ranking};
use crate::optimise::{Found, Problem, Selection};
use crate::seek::Seek;

/// A lever moved away from its baseline value.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverChange {
    pub label: String,
    pub baseline: f64,
    pub value: f64,
    pub unit: String,
}

/// The levers the settings move, in the levers' order.
pub fn lever_changes(lang: Lang, levers: &[Lever], settings: &Settings) -> Vec<LeverChange> {
    levers
        .iter()
        .filter_map(|l| {
            let value = *settings.values.get(&l.id)?;
            Some(LeverChange {
                label: l.label(lang),
                baseline: l.baseline,
                value,
                unit: l.unit(lang),
            })
        })
        .collect()
}

/// « CHRS : +40 places en janv. 2027 (mois 12) », one per opening or closure.
pub fn opening_lines(lang: Lang, scenario: &Scenario, settings: &Settings) -> Vec<String> {
    settings
        .openings
        .iter()
        .map(|o| {
            let stage = scenario
                .stages
                .iter()
                .find(|s| s.id == o.stage)
                .map_or(o.stage.as_str(), |s| s.label.text(lang));
            let (year, month) = add_months(
                scenario.start.year,
                scenario.start.month,
                i64::from(o.month),
            );
            let when = month_year(lang, year, month);
            let line = Msg::OpeningLine {
                stage,
                places: o.places,
                when: &when,
                month: o.month,
            };
            t(lang, line).into_owned()
        })
        .collect()
}

/// One value changed in the scenario's data: its path and both values, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: String,
    pub before: String,
    pub after: String,
}

/// Every value that differs between two scenarios (the network before and after the advanced
/// editor). Lists whose items have an `id` are matched by id (`stages[chrs].places`), others by
/// position (`routes.default[0].p`); an item added or removed is one change.
pub fn scenario_changes(lang: Lang, before: &Scenario, after: &Scenario) -> Vec<Change> {
    let (Ok(a), Ok(b)) = (serde_json::to_value(before), serde_json::to_value(after)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    diff(lang, "", Some(&a), Some(&b), &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn id_of(v: &Value) -> Option<&str> {
    v.get("id")?.as_str()
}

fn diff(lang: Lang, path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Change>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                diff(lang, &join(path, k), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            let by_id = x.iter().chain(y).all(|v| id_of(v).is_some());
            if by_id {
                let mut ids: Vec<&str> = x.iter().filter_map(id_of).collect();
                ids.extend(
                    y.iter()
                        .filter_map(id_of)
                        .filter(|id| !x.iter().any(|v| id_of(v) == Some(*id))),
                );
                for id in ids {
                    let find =
                        |list: &'_ [Value]| list.iter().find(|v| id_of(v) == Some(id)).cloned();
                    let (p, q) = (find(x), find(y));
                    diff(lang, &format!("{path}[{id}]"), p.as_ref(), q.as_ref(), out);
                }
            } else {
                for i in 0..x.len().max(y.len()) {
                    diff(lang, &format!("{path}[{i}]"), x.get(i), y.get(i), out);
                }
            }
        }
        (a, b) if a != b => out.push(Change {
            path: path.to_string(),
            before: show(lang, a),
            after: show(lang, b),
        }),
        _ => {}
    }
}

/// A value for people: numbers with the language's decimal mark, long values cut.
fn show(lang: Lang, v: Option<&Value>) -> String {
    let text = match v {
        None | Some(Value::Null) => "—".to_string(),
        Some(Value::Number(n)) => n
            .as_f64()
            .map_or_else(|| n.to_string(), |x| format_field(lang, x)),
        Some(Value::String(s)) => quoted(lang, s),
        Some(Value::Bool(b)) => t(lang, if *b { Msg::Yes } else { Msg::No }).into_owned(),
        Some(other) => other.to_string(),
    };
    const MAX: usize = 90;
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    } else {
        text
    }
}

/// « 200 → 500 places ».
pub fn lever_change_text(lang: Lang, c: &LeverChange) -> String {
    format!(
        "{} → {} {}",
        format_num(lang, c.baseline),
        format_num(lang, c.value),
        c.unit
    )
}

/// The report's section on an analysis computed: the question asked, the answer as a table
/// (the first cell of a row names it) and its sentence. One shape for every kind of
/// [`crate::analysis::Analysis`]: « Où agir ? » makes it with [`marginal_section`]; target
/// seeking and the optimiser make theirs beside it, and the report draws them all alike.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisSection {
    /// Its kind's code (`marginal`…), for its element's id.
    pub kind: &'static str,
    pub title: String,
    pub question: Vec<(String, String)>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub sentence: String,
    /// Said under the table (the answer is of a scenario the levers have moved from since).
    pub note: Option<String>,
}

/// « Où agir ? » in the report: the objective, the order and the replications asked; every
/// lever's step with its effect and interval, its yearly cost and its gain per 100 k€; the
/// sentence naming the best lever and whether it is clearly ahead. `total`: the replications
/// asked per scenario; `stale`: the levers moved since it ran.
pub fn marginal_section(
    lang: Lang,
    ask: &MarginalAsk,
    ranking: &Ranking,
    total: usize,
    stale: bool,
) -> AnalysisSection {
    let objective = ranking.headline().unwrap_or(ask.objective.0);
    let name = t(lang, objective.name);
    let order = match ranking.rank_by {
        RankBy::Step => Msg::MarginalRankByStep,
        RankBy::Cost => Msg::MarginalRankByCost,
    };
    let question = vec![
        (
            t(lang, Msg::MarginalObjective).into_owned(),
            name.to_string(),
        ),
        (
            t(lang, Msg::MarginalRankBy).into_owned(),
            t(lang, order).into_owned(),
        ),
        (
            t(lang, Msg::MarginalReplications).into_owned(),
            t(
                lang,
                Msg::ReportReplicationsDone {
                    done: ranking.pairs,
                    total,
                },
            )
            .into_owned(),
        ),
    ];
    let headers = vec![
        t(lang, Msg::ReportRank).into_owned(),
        t(lang, Msg::ReportLeverStep).into_owned(),
        t(lang, Msg::ReportEffectOn { objective: &name }).into_owned(),
        t(lang, Msg::ReportStepCost).into_owned(),
        t(lang, Msg::MarginalAxis { per_cost: true }).into_owned(),
    ];
    let rows = ranking
        .levers
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                format!("{}", i + 1),
                l.step.label(lang),
                marginal::effect_text(lang, &objective, l),
                marginal::step_cost_text(lang, l)
                    .unwrap_or_else(|| t(lang, Msg::MarginalNoCost).into_owned()),
                marginal::per_100k_text(lang, &objective, l).unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    AnalysisSection {
        kind: "marginal",
        title: t(lang, Msg::MarginalTitle).into_owned(),
        question,
        headers,
        rows,
        sentence: marginal::sentence(lang, ranking),
        note: stale.then(|| t(lang, Msg::MarginalStale).into_owned()),
    }
}

/// « Que faut-il pour… ? » in the report: the objective asked, then the answer as the panel says
/// it (the target in full, lever by lever, then the mix: `seek::sentences`). `stale`: the
/// levers moved since it ran.
pub fn seek_section(lang: Lang, seek: &Seek, stale: bool) -> AnalysisSection {
    AnalysisSection {
        kind: "seek",
        title: t(lang, Msg::SeekTitle).into_owned(),
        question: vec![(
            t(lang, Msg::MarginalObjective).into_owned(),
            t(lang, seek.target.objective.name).into_owned(),
        )],
        headers: Vec::new(),
        rows: Vec::new(),
        sentence: crate::seek::sentences(lang, seek).join(" "),
        note: stale.then(|| t(lang, Msg::DecideStale).into_owned()),
    }
}

/// The budget optimiser in the report: the objective and the budget asked, then the answer as
/// the panel says it (method, recommended mix, verdict: `optimise::sentences`).
pub fn optimise_section(
    lang: Lang,
    problem: &Problem,
    found: &Found,
    selection: &Selection,
    stale: bool,
) -> AnalysisSection {
    AnalysisSection {
        kind: "optimise",
        title: t(lang, Msg::OptimiseTitle).into_owned(),
        question: vec![
            (
                t(lang, Msg::MarginalObjective).into_owned(),
                t(lang, problem.objective.name).into_owned(),
            ),
            (
                t(lang, Msg::OptimiseBudget).into_owned(),
                format_grouped(lang, problem.budget, 0),
            ),
        ],
        headers: Vec::new(),
        rows: Vec::new(),
        sentence: crate::optimise::sentences(lang, problem, found, selection).join(" "),
        note: stale.then(|| t(lang, Msg::DecideStale).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::{levers_of, LeverId, Opening};
    use parcours_engine::{default_scenario, StageKind};

    #[test]
    fn levers_and_openings_in_words() {
        let s = default_scenario();
        let levers = levers_of(&s);
        let mut settings = Settings::default();
        settings
            .values
            .insert(LeverId::Places("chrs".into()), 900.0);
        settings.openings.push(Opening {
            stage: "chrs".into(),
            month: 12,
            places: 40,
        });
        let changes = lever_changes(Lang::Fr, &levers, &settings);
        assert_eq!(changes.len(), 1);
        let chrs = levers
            .iter()
            .find(|l| l.id == LeverId::Places("chrs".into()))
            .unwrap();
        assert_eq!(changes[0].baseline, chrs.baseline);
        assert_eq!(changes[0].value, 900.0);
        assert!(changes[0].label.starts_with("Places — "));
        assert_eq!(
            lever_change_text(Lang::Fr, &changes[0]),
            format!("{} → 900 places", format_num(Lang::Fr, chrs.baseline))
        );
        let lines = opening_lines(Lang::Fr, &s, &settings);
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].ends_with(": +40 places en janv. 2027 (mois 12)"),
            "{}",
            lines[0]
        );
        assert!(opening_lines(Lang::En, &s, &settings)[0].contains("+40 places in Jan 2027"));
    }

    /// The chain whose social-housing allocations bind (marginal/tests.rs): +2 allocations a
    /// month rank first, and the section says the question, every step and the sentence.
    #[test]
    fn the_marginal_section_says_the_question_and_the_answer() {
        use crate::analysis::Objective;
        use crate::marginal::{plan, rank, tests::chain, OBJECTIVES};
        use parcours_engine::{simulate, Ensemble, Model};
        let p = plan(&chain(80, 40.0), &Settings::default());
        let ensembles: Vec<Ensemble> = p
            .all()
            .map(|s| {
                let m = Model::new(s).unwrap();
                let mut e = Ensemble::new(m.layout().clone(), 7);
                for i in 0..20 {
                    e.add(simulate(&m, 7, i).unwrap());
                }
                e
            })
            .collect();
        let ask = MarginalAsk {
            objective: Objective(OBJECTIVES[0]),
            rank_by: RankBy::Cost,
            replications: 40,
        };
        let r = rank(&p.steps, &ensembles, &ask.objective.0, ask.rank_by, false).unwrap();
        let fr = marginal_section(Lang::Fr, &ask, &r, 40, false);
        assert_eq!(fr.title, "Où agir ?");
        assert_eq!(fr.question[1].1, "effet pour 100 k€ par an");
        assert_eq!(fr.question[2].1, "20 sur 40 (analyse interrompue)");
        assert_eq!(fr.rows.len(), 2);
        assert!(fr.rows.iter().all(|row| row.len() == fr.headers.len()));
        assert!(fr.rows[0][1].starts_with("Attributions"), "{:?}", fr.rows);
        // The effect with its interval, the cost (about 2 × 12 dwellings × 5 000 € = 120 k€, as
        // the paired difference of `cost_per_year` measures it) and the gain per 100 k€ with
        // its own interval.
        assert!(fr.rows[0][2].contains("IC 95 %"), "{}", fr.rows[0][2]);
        let cost: f64 = fr.rows[0][3].trim_end_matches(" k€").parse().unwrap();
        assert!((100.0..140.0).contains(&cost), "{}", fr.rows[0][3]);
        assert!(fr.rows[0][4].contains("IC 95 %"), "{}", fr.rows[0][4]);
        assert_eq!(fr.sentence, marginal::sentence(Lang::Fr, &r));
        assert!(
            fr.sentence.starts_with("Le levier le plus utile"),
            "{}",
            fr.sentence
        );
        assert!(fr.note.is_none());
        let en = marginal_section(Lang::En, &ask, &r, 20, true);
        assert_eq!(en.question[2].1, "20");
        assert!(en.headers[2].starts_with("Effect on “"), "{:?}", en.headers);
        assert!(en.note.is_some());
    }

    #[test]
    fn edits_are_listed_by_path() {
        let before = default_scenario();
        let mut after = before.clone();
        after.name.fr = "Variante".into();
        if let Some(StageKind::Places(p)) = after
            .stages
            .iter_mut()
            .find(|s| s.id == "chrs")
            .map(|s| &mut s.kind)
        {
            p.places = 1234;
        }
        after.horizon_months = 36.5;
        let changes = scenario_changes(Lang::Fr, &before, &after);
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["horizon_months", "name.fr", "stages[chrs].places"],
            "{changes:?}"
        );
        assert_eq!(changes[0].after, "36,5");
        assert_eq!(changes[1].after, "« Variante »");
        assert_eq!(changes[2].after, "1234");
        assert!(scenario_changes(Lang::En, &before, &before).is_empty());

        // A stage removed is one change.
        let mut fewer = before.clone();
        let gone = fewer.stages.pop().unwrap();
        let changes = scenario_changes(Lang::En, &before, &fewer);
        assert!(changes
            .iter()
            .any(|c| c.path == format!("stages[{}]", gone.id) && c.after == "—"));
    }
}
