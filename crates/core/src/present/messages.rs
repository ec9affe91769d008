//! The messages exchanged with a host page that embeds Parcours (`postMessage`, README
//! « Intégrer / Embedding »): `parcours:ready`, `parcours:results` and `parcours:error` out;
//! `parcours:set-lever` and `parcours:set-lang` in, each checked before it is applied.

use parcours_engine::{Difference, Estimate};
use serde_json::{json, Map, Value};

use crate::i18n::{t, Lang, Msg};
use crate::insight::answers::Answers;
use crate::insight::{judge, relative_text};
use crate::levers::{Lever, LeverId, Settings};
use crate::measures::{Headline, HEADLINES};
use crate::present::query::View;

/// Version of the messages exchanged with a host page (`version` field). 2: `parcours:results`
/// carries each headline's verdict and relative change, the bottleneck, « why it moved » and the
/// note on the figures; the headlines are the page's cards (README, « Intégrer / Embedding »).
pub const MESSAGE_VERSION: u32 = 2;

/// One headline figure of a run, for the `parcours:results` message.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineValues {
    pub id: &'static str,
    pub headline: Headline,
    pub label: String,
    pub unit: String,
    pub baseline: Option<Estimate>,
    pub scenario: Option<Estimate>,
    pub difference: Option<Difference>,
}

/// Every headline figure of the runs, in the language asked.
pub fn headline_values(
    lang: Lang,
    base: Option<&parcours_engine::Summary>,
    scen: Option<&parcours_engine::Summary>,
    comparison: Option<&parcours_engine::Comparison>,
) -> Vec<HeadlineValues> {
    HEADLINES
        .iter()
        .map(|h| HeadlineValues {
            id: h.code(),
            headline: *h,
            label: h.name(lang),
            unit: h.unit(lang),
            baseline: base.and_then(|s| s.headline(&h.key())).cloned(),
            scenario: scen.and_then(|s| s.headline(&h.key())).cloned(),
            difference: comparison.and_then(|c| c.difference(&h.key())).cloned(),
        })
        .collect()
}

fn number(x: Option<f64>) -> Value {
    x.filter(|x| x.is_finite())
        .map_or(Value::Null, |x| json!(x))
}

fn estimate(e: Option<&Estimate>) -> Value {
    json!({
        "mean": number(e.and_then(|e| e.mean)),
        "ci_low": number(e.and_then(|e| e.ci_low)),
        "ci_high": number(e.and_then(|e| e.ci_high)),
    })
}

/// `parcours:ready`: the app has mounted in the frame.
pub fn ready_message(lang: Lang, view: View) -> Value {
    json!({ "type": "parcours:ready", "version": MESSAGE_VERSION, "view": view.code(), "lang": lang.code() })
}

/// `parcours:results`: the figures of the run (baseline, and scenario with the paired
/// difference when one differs from the baseline). `scenario` and `difference` are null
/// without a scenario; an undefined figure is null.
pub fn results_message(
    lang: Lang,
    complete: bool,
    done: usize,
    total: usize,
    name: &str,
    headlines: &[HeadlineValues],
    answers: &Answers,
) -> Value {
    let comparing = headlines.iter().any(|h| h.scenario.is_some());
    let figures: Map<String, Value> = headlines
        .iter()
        .map(|h| {
            let difference = h.difference.as_ref().map_or(Value::Null, |d| {
                let verdict = judge(&h.headline, d, complete);
                let relative = match (d.difference.mean, d.baseline) {
                    (Some(m), Some(b)) if b != 0.0 => m / b.abs(),
                    _ => f64::NAN,
                };
                json!({
                    "mean": number(d.difference.mean),
                    "ci_low": number(d.difference.ci_low),
                    "ci_high": number(d.difference.ci_high),
                    "significant": d.significant,
                    "relative": number(Some(relative)),
                    "relative_text": relative_text(lang, d),
                    "verdict": verdict.code(),
                    "verdict_text": verdict.text(lang),
                })
            });
            let value = json!({
                "label": h.label,
                "unit": h.unit,
                "baseline": estimate(h.baseline.as_ref()),
                "scenario": if comparing { estimate(h.scenario.as_ref()) } else { Value::Null },
                "difference": difference,
            });
            (h.id.to_string(), value)
        })
        .collect();
    json!({
        "type": "parcours:results",
        "version": MESSAGE_VERSION,
        "complete": complete,
        "replications": { "done": done, "total": total },
        "scenario": { "name": name },
        "headlines": figures,
        "note": answers.note,
        "bottleneck": answers.bottleneck,
        "why_it_moved": answers.moved.as_ref().map_or(Value::Null, |m| json!({
            "text": m.text,
            "quotes": m.quotes.iter().map(|q| json!({ "measure": q.measure.as_str(), "value": as_written(q.value) })).collect::<Vec<_>>(),
        })),
    })
}

/// A quoted figure as the sentence writes it: a count as an integer (`-27`, not `-27.0`).
fn as_written(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// Why a trusted host's message is not applied: the `error` field of `parcours:error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// `lever` is missing or not a string.
    BadLever,
    /// No such lever in this territory.
    UnknownLever,
    /// `value` is not a finite number.
    BadValue,
    /// `value` is beyond what the lever's field accepts.
    OutOfRange,
    /// `lang` is not fr or en.
    BadLang,
}

impl ErrorCode {
    /// As written in the message (README, « Intégrer / Embedding »).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadLever => "bad-lever",
            ErrorCode::UnknownLever => "unknown-lever",
            ErrorCode::BadValue => "bad-value",
            ErrorCode::OutOfRange => "out-of-range",
            ErrorCode::BadLang => "bad-lang",
        }
    }
}

/// A message from a trusted host that cannot be applied, said back to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub code: ErrorCode,
    /// What was wrong, as sent (the lever's id, the value, the language).
    pub detail: String,
    /// The message's type, as sent.
    pub message_type: String,
}

impl Invalid {
    pub fn text(&self, lang: Lang) -> String {
        t(
            lang,
            Msg::HostError {
                code: self.code,
                detail: &self.detail,
            },
        )
        .into_owned()
    }
}

/// `parcours:error`: a trusted host's message could not be applied.
pub fn error_message(lang: Lang, invalid: &Invalid) -> Value {
    json!({
        "type": "parcours:error",
        "version": MESSAGE_VERSION,
        "error": invalid.code.as_str(),
        "detail": invalid.detail,
        "request": invalid.message_type,
        "message": invalid.text(lang),
    })
}

/// A host's request, once read.
#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    /// `{type: "parcours:set-lever", lever: "lever-places-chrs", value: 300}`.
    SetLever { lever: String, value: f64 },
    /// `{type: "parcours:set-lang", lang: "en"}`.
    SetLang(Lang),
}

/// Why a message is not applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejected {
    /// Not a request of ours (another script's message, an unknown type): ignored, logged at
    /// debug level.
    Ignored(String),
    /// A request of ours that cannot be applied: said back to the host.
    Invalid(Invalid),
}

/// Reads a message's data (as JSON; `None` if it is not JSON-like, a function, a transferable…).
pub fn parse_inbound(data: Option<&Value>) -> Result<Inbound, Rejected> {
    let Some(Value::Object(o)) = data else {
        return Err(Rejected::Ignored("not an object".into()));
    };
    let kind = match o.get("type") {
        Some(Value::String(t)) => t.as_str(),
        _ => return Err(Rejected::Ignored("no type".into())),
    };
    let invalid = |code, detail: String| {
        Err(Rejected::Invalid(Invalid {
            code,
            detail,
            message_type: kind.to_string(),
        }))
    };
    match kind {
        "parcours:set-lever" => {
            let Some(Value::String(lever)) = o.get("lever") else {
                return invalid(
                    ErrorCode::BadLever,
                    o.get("lever").map(Value::to_string).unwrap_or_default(),
                );
            };
            match o
                .get("value")
                .and_then(Value::as_f64)
                .filter(|v| v.is_finite())
            {
                Some(value) => Ok(Inbound::SetLever {
                    lever: lever.clone(),
                    value,
                }),
                None => invalid(
                    ErrorCode::BadValue,
                    o.get("value").map_or("undefined".into(), Value::to_string),
                ),
            }
        }
        "parcours:set-lang" => match o
            .get("lang")
            .and_then(Value::as_str)
            .and_then(Lang::from_code)
        {
            Some(lang) => Ok(Inbound::SetLang(lang)),
            None => invalid(
                ErrorCode::BadLang,
                o.get("lang").map_or("undefined".into(), |v| {
                    v.as_str().map_or_else(|| v.to_string(), str::to_string)
                }),
            ),
        },
        other => Err(Rejected::Ignored(format!("unknown type {other:?}"))),
    }
}

/// The settings with lever `id` (its textual form) set to `value`, if the territory has that
/// lever and the value is within what its number field accepts (its minimum to ten times its
/// slider's maximum). A value equal to the baseline removes the setting, as the lever's row does.
pub fn set_lever(
    levers: &[Lever],
    settings: &Settings,
    id: &str,
    value: f64,
) -> Result<Settings, Invalid> {
    let invalid = |code, detail: String| Invalid {
        code,
        detail,
        message_type: "parcours:set-lever".into(),
    };
    let lever = id
        .parse::<LeverId>()
        .ok()
        .and_then(|parsed| levers.iter().find(|l| l.id == parsed))
        .ok_or_else(|| invalid(ErrorCode::UnknownLever, id.to_string()))?;
    let max = lever.max * 10.0;
    if value < lever.min || value > max {
        return Err(invalid(
            ErrorCode::OutOfRange,
            format!("{id} = {value} ({} … {max})", lever.min),
        ));
    }
    Ok(settings.with(&lever.id, value, lever.baseline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::levers_of;
    use parcours_engine::default_scenario;

    fn estimate(mean: f64) -> Estimate {
        Estimate {
            id: parcours_engine::SystemHeadline::WithoutSolution.into(),
            mean: Some(mean),
            ci_low: Some(mean - 10.0),
            ci_high: Some(mean + 10.0),
            n: 200,
        }
    }

    #[test]
    fn results_message_has_every_headline() {
        let mut h = headline_values(Lang::Fr, None, None, None);
        assert_eq!(h.len(), HEADLINES.len());
        h[0].baseline = Some(estimate(900.0));
        let answers = Answers {
            note: "Chiffres : moyenne 2026–2030".into(),
            bottleneck: "Goulot : logement social".into(),
            ..Answers::default()
        };
        let m = results_message(Lang::Fr, false, 24, 200, "Haute-Garonne", &h, &answers);
        assert_eq!(m["type"], "parcours:results");
        assert_eq!(m["version"], 2);
        assert_eq!(m["bottleneck"], "Goulot : logement social");
        assert_eq!(m["note"], "Chiffres : moyenne 2026–2030");
        assert_eq!(m["why_it_moved"], Value::Null);
        assert_eq!(m["complete"], false);
        assert_eq!(m["replications"], json!({"done": 24, "total": 200}));
        assert_eq!(m["scenario"]["name"], "Haute-Garonne");
        let u = &m["headlines"]["without_solution"];
        assert_eq!(u["label"], "Ménages sans solution");
        assert_eq!(
            u["baseline"],
            json!({"mean": 900.0, "ci_low": 890.0, "ci_high": 910.0})
        );
        assert_eq!(u["scenario"], Value::Null);
        assert_eq!(u["difference"], Value::Null);
        // Not yet computed figures are null, never NaN (which JSON cannot carry).
        assert_eq!(
            m["headlines"]["cost_per_year"]["baseline"],
            json!({"mean": null, "ci_low": null, "ci_high": null})
        );

        h[0].scenario = Some(estimate(850.0));
        h[0].difference = Some(Difference {
            id: parcours_engine::SystemHeadline::WithoutSolution.into(),
            baseline: Some(900.0),
            scenario: Some(850.0),
            difference: Estimate {
                mean: Some(-50.0),
                ci_low: Some(-60.0),
                ci_high: Some(f64::NAN),
                ..estimate(0.0)
            },
            significant: true,
        });
        let answers = Answers {
            moved: Some(crate::insight::moved::Sentence {
                text: "CHRS : 50 ménages de moins sans solution.".into(),
                quotes: vec![crate::insight::moved::Quote {
                    measure: parcours_engine::SystemHeadline::WithoutSolution,
                    value: -50.0,
                }],
            }),
            ..answers
        };
        let m = results_message(Lang::Fr, true, 400, 400, "CHRS +", &h, &answers);
        let u = &m["headlines"]["without_solution"];
        assert_eq!(u["scenario"]["mean"], 850.0);
        assert_eq!(
            u["difference"],
            json!({"mean": -50.0, "ci_low": -60.0, "ci_high": null, "significant": true,
                "relative": -50.0 / 900.0, "relative_text": "−5,6\u{202f}%",
                "verdict": "improvement", "verdict_text": "Amélioration nette"})
        );
        assert_eq!(
            m["why_it_moved"],
            json!({"text": "CHRS : 50 ménages de moins sans solution.",
                "quotes": [{"measure": "without_solution", "value": -50}]})
        );
        // With a scenario, every headline has a scenario object (its figures may be null).
        assert_eq!(
            m["headlines"]["cost_per_year"]["scenario"]["mean"],
            Value::Null
        );
        assert_eq!(ready_message(Lang::En, View::Chart)["view"], "chart");
    }
    #[test]
    fn inbound_messages_are_validated() {
        let ok = |v: Value| parse_inbound(Some(&v));
        assert_eq!(
            ok(json!({"type": "parcours:set-lever", "lever": "lever-places-chrs", "value": 300})),
            Ok(Inbound::SetLever {
                lever: "lever-places-chrs".into(),
                value: 300.0
            })
        );
        assert_eq!(
            ok(json!({"type": "parcours:set-lang", "lang": "EN"})),
            Ok(Inbound::SetLang(Lang::En))
        );
        assert!(matches!(parse_inbound(None), Err(Rejected::Ignored(_))));
        assert!(matches!(ok(json!("hello")), Err(Rejected::Ignored(_))));
        assert!(matches!(
            ok(json!({"lever": "x"})),
            Err(Rejected::Ignored(_))
        ));
        assert!(matches!(
            ok(json!({"type": "webpackOk"})),
            Err(Rejected::Ignored(_))
        ));
        let invalid = |v: Value| match ok(v) {
            Err(Rejected::Invalid(i)) => i,
            other => panic!("{other:?}"),
        };
        let i = invalid(
            json!({"type": "parcours:set-lever", "lever": "lever-places-chrs", "value": "300"}),
        );
        assert_eq!(
            (i.code, i.detail.as_str()),
            (ErrorCode::BadValue, "\"300\"")
        );
        let i = invalid(json!({"type": "parcours:set-lever", "value": 3}));
        assert_eq!(i.code, ErrorCode::BadLever);
        let i = invalid(json!({"type": "parcours:set-lang", "lang": "de"}));
        assert_eq!(i.text(Lang::Fr), "langue inconnue : « de » (fr, en)");
        let e = error_message(Lang::En, &i);
        assert_eq!(e["type"], "parcours:error");
        assert_eq!(e["error"], "bad-lang");
        assert_eq!(e["request"], "parcours:set-lang");
        assert_eq!(e["message"], "unknown language: \"de\" (fr, en)");
    }
    #[test]
    fn set_lever_checks_the_lever_and_its_range() {
        let levers = levers_of(&default_scenario());
        let chrs = levers
            .iter()
            .find(|l| l.id == LeverId::Places("chrs".into()))
            .unwrap();
        let s = set_lever(
            &levers,
            &Settings::default(),
            "lever-places-chrs",
            chrs.baseline + 300.0,
        )
        .unwrap();
        assert_eq!(
            s.values.get(&LeverId::Places("chrs".into())),
            Some(&(chrs.baseline + 300.0))
        );
        // Back to the baseline value: no setting left.
        let back = set_lever(&levers, &s, "lever-places-chrs", chrs.baseline).unwrap();
        assert!(back.is_empty());
        let e = set_lever(&levers, &s, "lever-places-nope", 3.0).unwrap_err();
        assert_eq!(e.code, ErrorCode::UnknownLever);
        assert_eq!(e.text(Lang::En), "unknown lever: \"lever-places-nope\"");
        assert_eq!(
            set_lever(&levers, &s, "lever-places-chrs", -1.0)
                .unwrap_err()
                .code,
            ErrorCode::OutOfRange
        );
        assert!(set_lever(&levers, &s, "lever-places-chrs", chrs.max * 10.0 + 1.0).is_err());
    }
}
