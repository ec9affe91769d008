//! The optimiser's answer in words: a mix's label, the method, the recommended mix and the
//! verdict ([`sentences`]).

use super::*;

/// « Places — CHRS insertion 451 → 511, Attributions 44,2 → 50 » (levers left at the
/// scenario's value are not named); « le scénario tel quel » when none moves.
pub fn mix_label(lang: Lang, p: &Problem, mix: &[usize]) -> String {
    let parts: Vec<String> = p
        .levers
        .iter()
        .zip(mix)
        .filter(|(l, &k)| (l.values[k] - l.baseline()).abs() > 1e-9)
        .map(|(l, &k)| {
            t(
                lang,
                Msg::OptimiseLeverMove {
                    lever: &l.label(lang),
                    from: &format_num(lang, l.baseline()),
                    to: &format_num(lang, l.values[k]),
                },
            )
            .into_owned()
        })
        .collect();
    if parts.is_empty() {
        t(lang, Msg::OptimiseNoChange).into_owned()
    } else {
        parts.join(", ")
    }
}

/// Euros, rounded to the euro: « 1 950 000 € ».
pub(super) fn euros(lang: Lang, x: f64) -> String {
    format!("{} €", format_grouped(lang, x.round(), 0))
}

/// The optimiser's sentences: what the search ran on, the recommended mix with its cost and
/// simulated effect, and whether it is distinguishable from the runner-up.
pub fn sentences(lang: Lang, p: &Problem, found: &Found, sel: &Selection) -> Vec<String> {
    let mut out = Vec::new();
    out.push(
        t(
            lang,
            Msg::OptimiseMethod {
                method: found.method,
                replications: found.replications.unwrap_or(0),
                exhaustive: found.strategy == Strategy::Exhaustive,
                evaluations: found.evaluations,
            },
        )
        .into_owned(),
    );
    let scale = p.objective.format.scale();
    let num = |x: Option<f64>| x.map_or("–".into(), |x| format_sig(lang, x * scale));
    let Some(best) = sel.finalists.first() else {
        out.push(t(lang, Msg::OptimiseNoMix).into_owned());
        return out;
    };
    out.push(
        t(
            lang,
            Msg::OptimiseBest {
                mix: &mix_label(lang, p, &best.mix),
                cost: &euros(lang, p.cost(&best.mix)),
                budget: &euros(lang, p.budget),
                objective: &t(lang, p.objective.name),
                gain: &num(best.gain.mean),
                low: &num(best.gain.ci_low),
                high: &num(best.gain.ci_high),
            },
        )
        .into_owned(),
    );
    if let (Some(second), Some(lead)) = (sel.finalists.get(1), &sel.lead) {
        out.push(
            t(
                lang,
                Msg::OptimiseLead {
                    distinguishable: sel.distinguishable,
                    equivalent: sel.equivalent,
                    second: &mix_label(lang, p, &second.mix),
                    gap: &num(lead.mean),
                    low: &num(lead.ci_low),
                    high: &num(lead.ci_high),
                    confidence: &format_int(lang, (sel.confidence * 100.0).round() as i64),
                    comparisons: sel.comparisons,
                    practical: &num(Some(sel.practical)),
                },
            )
            .into_owned(),
        );
    }
    if p.open_per_year.is_some() {
        let openings: Vec<String> = p
            .schedule(&best.mix)
            .iter()
            .map(|o| {
                let stage = p
                    .network
                    .stages
                    .iter()
                    .find(|s| s.id == o.stage)
                    .map_or(o.stage.as_str(), |s| s.label.text(lang));
                t(
                    lang,
                    Msg::OptimiseOpening {
                        year: o.year,
                        places: o.places,
                        stage,
                    },
                )
                .into_owned()
            })
            .collect();
        if !openings.is_empty() {
            out.push(
                t(
                    lang,
                    Msg::OptimiseSchedule {
                        openings: &openings.join(semicolon(lang)),
                    },
                )
                .into_owned(),
            );
        }
        let late = p.beyond_horizon(&best.mix);
        if late > 0 {
            out.push(t(lang, Msg::OptimiseBeyondHorizon { places: late }).into_owned());
        }
    }
    out
}
