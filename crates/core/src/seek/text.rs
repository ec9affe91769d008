//! Target seeking's answer in words, French first then English (through `crate::i18n`).

use super::mix::{Mix, MixOutcome};
use super::{Outcome, Search, Seek, Why};
use crate::i18n::calendar::month_name;
use crate::i18n::numbers::{format_num, signed};
use crate::i18n::{t, Lang, Localized, Msg};
use crate::insight::{card_step, difference_text_at, figure_text};
use crate::levers::Lever;
use crate::measures::Better;
use crate::target::{Attainment, Goal, Target};

/// A share as « 80 % ».
fn percent(lang: Lang, x: f64) -> String {
    t(
        lang,
        Msg::PercentValue {
            value: &format_num(lang, x * 100.0),
        },
    )
    .into_owned()
}

/// The target in words: « Ménages sans solution −50 % par rapport au scénario de base, en
/// décembre 2029, dans au moins 80 % des réplications ».
pub fn target_text(lang: Lang, target: &Target) -> String {
    let h = &target.objective;
    let goal = match target.goal {
        Goal::Level(v) => t(
            lang,
            Msg::SeekLevel {
                at_most: h.better != Better::Higher,
                level: &figure_text(lang, h, Some(v), card_step(h, &[Some(v)])),
            },
        )
        .into_owned(),
        Goal::Change(c) => t(
            lang,
            Msg::SeekChange {
                change: &percent_signed(lang, c),
            },
        )
        .into_owned(),
    };
    let when = target
        .by
        .map(|m| format!("{} {}", month_name(lang, m.month), m.year));
    t(
        lang,
        Msg::SeekTarget {
            objective: &t(lang, h.name),
            goal: &goal,
            when: when.as_deref(),
            probability: &percent(lang, target.probability),
        },
    )
    .into_owned()
}

fn percent_signed(lang: Lang, x: f64) -> String {
    t(
        lang,
        Msg::PercentValue {
            value: &signed(lang, (x * 1000.0).round() / 10.0),
        },
    )
    .into_owned()
}

/// A probe's share in words: « 85 % des réplications (IC 95 % : 76 % à 91 %) ».
fn share_text(lang: Lang, a: &Attainment) -> String {
    t(
        lang,
        Msg::SeekShare {
            share: &percent(lang, a.met.share),
            low: &percent(lang, a.met.low),
            high: &percent(lang, a.met.high),
            of: a.met.of,
        },
    )
    .into_owned()
}

/// A lever's amount in its unit: « 120 places ».
fn amount_text(lang: Lang, lever: &Lever, x: f64) -> String {
    format!("{} {}", format_num(lang, x), lever.unit(lang))
}

/// The paired yearly cost in k€, as « Où agir ? » shows a step's.
fn cost_text(lang: Lang, a: &Attainment) -> String {
    a.cost.mean.map_or_else(
        || "…".into(),
        |c| format!("{} k€", signed(lang, (c / 100.0).round() / 10.0)),
    )
}

/// One lever's answer in a sentence.
pub fn outcome_text(lang: Lang, target: &Target, search: &Search) -> String {
    let lever = &search.allowed.lever;
    let name = lever.label(lang);
    let cost = |a: &Attainment| cost_text(lang, a);
    match search.outcome(target) {
        Outcome::Searching => t(lang, Msg::SeekSearching { lever: &name }).into_owned(),
        Outcome::Reached { at, below } => t(
            lang,
            Msg::SeekReached {
                lever: &name,
                amount: &amount_text(lang, lever, at.amount),
                at_lower_bound: below.is_none() && at.amount <= search.allowed.min,
                share: &share_text(lang, &at.attainment),
                cost: &cost(&at.attainment),
                below: below
                    .as_ref()
                    .map(|b| {
                        (
                            amount_text(lang, lever, b.amount),
                            share_text(lang, &b.attainment),
                        )
                    })
                    .as_ref()
                    .map(|(a, s)| (a.as_str(), s.as_str())),
            },
        )
        .into_owned(),
        Outcome::Unreachable {
            at_bound,
            why,
            binding,
        } => {
            let objective = &target.objective;
            let d = &at_bound.attainment.difference;
            let step = card_step(objective, &[d.mean.map(f64::abs)]);
            t(
                lang,
                Msg::SeekUnreachable {
                    lever: &name,
                    bound: &amount_text(lang, lever, at_bound.amount),
                    share: &share_text(lang, &at_bound.attainment),
                    probability: &percent(lang, target.probability),
                    no_effect: why == Why::NoEffect,
                    effect: &difference_text_at(lang, objective, d, step)
                        .unwrap_or_else(|| "…".into()),
                    binding: binding.as_ref().map(|l| l.text(lang)),
                },
            )
            .into_owned()
        }
    }
}

/// The mix found in a sentence: its amounts, its share and cost, and whether it is proven the
/// least costly on the grid or only the cheapest of those tried; or that it falls short.
pub fn mix_text(lang: Lang, m: &Mix) -> String {
    let Some((found, at)) = m.found() else {
        return String::new();
    };
    let amounts = m
        .levers
        .iter()
        .zip(&found)
        .map(|(a, x)| {
            format!(
                "{} {}",
                a.lever.label(lang),
                amount_text(lang, &a.lever, *x)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let share = share_text(lang, at);
    let cost = cost_text(lang, at);
    let msg = match m.outcome() {
        MixOutcome::Searching => return String::new(),
        MixOutcome::Least => Msg::SeekMix {
            amounts: &amounts,
            share: &share,
            cost: &cost,
            strides: m.strides,
            tried: None,
        },
        MixOutcome::Cheapest { tried } => Msg::SeekMix {
            amounts: &amounts,
            share: &share,
            cost: &cost,
            strides: m.strides,
            tried: Some(tried),
        },
        MixOutcome::Unreachable => Msg::SeekMixShort {
            amounts: &amounts,
            share: &share,
        },
    };
    t(lang, msg).into_owned()
}

/// The whole answer in one text ([`sentences`] joined).
pub fn sentence(lang: Lang, seek: &Seek) -> String {
    sentences(lang, seek).join(" ")
}

/// The whole answer: the target, each lever's outcome, the cheapest lever that reaches it (or
/// that none does), the least-cost mix with several levers, and what the share covers (last).
pub fn sentences(lang: Lang, seek: &Seek) -> Vec<String> {
    let mut parts = vec![target_text(lang, &seek.target)];
    for s in &seek.searches {
        parts.push(outcome_text(lang, &seek.target, s));
    }
    parts.push(match seek.best() {
        Some(i) if seek.searches.len() > 1 => t(
            lang,
            Msg::SeekBest {
                lever: &seek.searches[i].allowed.lever.label(lang),
            },
        )
        .into_owned(),
        Some(_) => String::new(),
        None if seek.mix.as_ref().is_some_and(|m| m.outcome().reached()) => String::new(),
        None => t(lang, Msg::SeekNone).into_owned(),
    });
    if let Some(m) = &seek.mix {
        parts.push(mix_text(lang, m));
    }
    parts.push(t(lang, Msg::SeekShareNote).into_owned());
    parts.retain(|p| !p.is_empty());
    parts
}
