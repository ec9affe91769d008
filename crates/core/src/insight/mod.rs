//! Results said in words: the verdict of a paired comparison, and the bottleneck of the
//! pathway. Pure functions of the engine's outputs, tested natively.

use parcours_engine::{Difference, Estimate, Layout, SeriesId, StageSeries, Summary};

use crate::i18n::{
    add_months, format_step, signed_step, step_for, t, Lang, Msg, SIGNIFICANT_DIGITS,
};
use crate::measures::{Better, Format, Headline, Practical};

pub mod answers;
pub mod bottleneck;
pub mod moved;

/// What the page says of a paired difference: a verdict only when the runs are complete, the
/// difference is outside the noise (its 95 % interval excludes 0) *and* large enough to matter
/// (the measure's [`Practical`] threshold), and the measure has a direction for households.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// The runs are not complete: figures provisional, no verdict yet.
    Provisional,
    /// Fewer than two pairs: no interval.
    TooFewPairs,
    /// Below the measure's practical threshold, significant or not.
    NoNotableEffect(Practical),
    /// Large enough, but its interval includes 0.
    WithinNoise,
    Improvement,
    Deterioration,
    /// A cost went up or down (no judgement).
    Increase,
    Decrease,
    /// A measure that depends on the point of view: its one-line reading instead of a verdict.
    Reading(Msg<'static>),
}

/// The colour of a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Neutral,
}

impl Tone {
    /// Its CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Bad => "bad",
            Tone::Neutral => "neutral",
        }
    }
}

/// A verdict in a word or two (a phone's compact card, one line); the whole one is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortVerdict {
    Better,
    Worse,
    NoEffect,
    Uncertain,
    Up,
    Down,
    Reading,
    Provisional,
}

impl Verdict {
    /// Its short form: « Mieux », « Pas d'effet »…
    pub fn short(self) -> ShortVerdict {
        match self {
            Verdict::Provisional => ShortVerdict::Provisional,
            Verdict::TooFewPairs | Verdict::WithinNoise => ShortVerdict::Uncertain,
            Verdict::NoNotableEffect(_) => ShortVerdict::NoEffect,
            Verdict::Improvement => ShortVerdict::Better,
            Verdict::Deterioration => ShortVerdict::Worse,
            Verdict::Increase => ShortVerdict::Up,
            Verdict::Decrease => ShortVerdict::Down,
            Verdict::Reading(_) => ShortVerdict::Reading,
        }
    }

    pub fn short_text(self, lang: Lang) -> String {
        t(
            lang,
            Msg::VerdictShort {
                verdict: self.short(),
            },
        )
        .into_owned()
    }

    pub fn msg(self) -> Msg<'static> {
        match self {
            Verdict::Provisional => Msg::VerdictProvisional,
            Verdict::TooFewPairs => Msg::NotEnoughReplications,
            Verdict::NoNotableEffect(p) => Msg::NoNotableEffect {
                percent: p.relative * 100.0,
            },
            Verdict::WithinNoise => Msg::WithinNoise,
            Verdict::Improvement => Msg::ClearImprovement,
            Verdict::Deterioration => Msg::ClearDeterioration,
            Verdict::Increase => Msg::ClearIncrease,
            Verdict::Decrease => Msg::ClearDecrease,
            Verdict::Reading(m) => m,
        }
    }

    pub fn text(self, lang: Lang) -> String {
        t(lang, self.msg()).into_owned()
    }

    pub fn tone(self) -> Tone {
        match self {
            Verdict::Improvement => Tone::Good,
            Verdict::Deterioration => Tone::Bad,
            _ => Tone::Neutral,
        }
    }

    /// Its one textual form: the card's `data-verdict`, the embed message's `verdict`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Provisional => "provisional",
            Verdict::TooFewPairs => "too_few_pairs",
            Verdict::NoNotableEffect(_) => "no_notable_effect",
            Verdict::WithinNoise => "within_noise",
            Verdict::Improvement => "improvement",
            Verdict::Deterioration => "deterioration",
            Verdict::Increase => "increase",
            Verdict::Decrease => "decrease",
            Verdict::Reading(_) => "reading",
        }
    }
}

/// Whether `d` reaches the practical threshold: `practical.absolute` and `practical.relative`
/// of the baseline's figure (the relative part is skipped when the baseline is 0 or unknown).
pub fn notable(practical: Practical, d: &Difference) -> bool {
    let Some(mean) = d.difference.mean else {
        return false;
    };
    let relative_ok = match d.baseline {
        Some(b) if b.is_finite() && b != 0.0 => mean.abs() >= practical.relative * b.abs(),
        _ => true,
    };
    mean.abs() >= practical.absolute && relative_ok
}

/// The verdict of a paired difference of `h` (MODEL.md 16.4 for the pairing).
pub fn judge(h: &Headline, d: &Difference, complete: bool) -> Verdict {
    if let Better::ViewDependent(reading) = h.better {
        return Verdict::Reading(reading);
    }
    if !complete {
        return Verdict::Provisional;
    }
    let Some(mean) = d.difference.mean.filter(|_| d.difference.n >= 2) else {
        return Verdict::TooFewPairs;
    };
    if !notable(h.practical, d) {
        return Verdict::NoNotableEffect(h.practical);
    }
    if !d.significant {
        return Verdict::WithinNoise;
    }
    match (h.better, mean > 0.0) {
        (Better::Lower, false) | (Better::Higher, true) => Verdict::Improvement,
        (Better::Lower, true) | (Better::Higher, false) => Verdict::Deterioration,
        (_, true) => Verdict::Increase,
        (_, false) => Verdict::Decrease,
    }
}

/// A headline figure as a card, the workshop, the report and a host page show it: every
/// number rounded to what it can claim, the difference with its interval and relative change,
/// and the verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct CardText {
    pub baseline: String,
    /// « IC 95 % : 890 – 910 » under the baseline alone.
    pub baseline_ci: String,
    pub scenario: String,
    /// « −27 (IC 95 % : −31 à −23) »; empty without a comparison.
    pub difference: String,
    /// « −12 % » of the baseline; empty when it has none.
    pub relative: String,
    pub verdict: Option<Verdict>,
    /// The figures are not final (the runs are still going, or were stopped).
    pub provisional: bool,
}

/// The rounding step of a card: three significant digits of its baseline (in the unit it is
/// written in), else of the scenario, else of the difference.
pub fn card_step(h: &Headline, figures: &[Option<f64>]) -> f64 {
    figures
        .iter()
        .flatten()
        .find_map(|x| step_for(x * h.format.scale(), SIGNIFICANT_DIGITS))
        .unwrap_or(1.0)
        // Never finer than what a count of households can say in a week's mean.
        .max(0.001)
}

/// A figure of `h` written at `step`, with « % » for shares.
pub fn figure_text(lang: Lang, h: &Headline, x: Option<f64>, step: f64) -> String {
    match x.filter(|x| x.is_finite()) {
        None => "…".into(),
        Some(x) => {
            let body = format_step(lang, x * h.format.scale(), step);
            match h.format {
                Format::Percent => t(lang, Msg::PercentValue { value: &body }).into_owned(),
                _ => body,
            }
        }
    }
}

/// The unit shown under a card's name (costs in millions).
pub fn card_unit(lang: Lang, h: &Headline) -> String {
    match h.format {
        Format::MillionEuros => t(lang, Msg::MillionEurosPerYear).into_owned(),
        Format::Percent => t(lang, h.unit).into_owned(),
        Format::Count => t(lang, h.unit).into_owned(),
    }
}

/// « −27 (IC 95 % : −31 à −23) » at `step` (shares in points).
pub fn difference_text_at(lang: Lang, h: &Headline, d: &Estimate, step: f64) -> Option<String> {
    let k = h.format.scale();
    let mean = d.mean?;
    let points = matches!(h.format, Format::Percent);
    let body = signed_step(lang, mean * k, step);
    let body = if points {
        t(lang, Msg::Points { value: &body }).into_owned()
    } else {
        body
    };
    let ci = match (d.ci_low, d.ci_high) {
        (Some(lo), Some(hi)) => t(
            lang,
            Msg::CiSuffixText {
                low: &signed_step(lang, lo * k, step),
                high: &signed_step(lang, hi * k, step),
            },
        )
        .into_owned(),
        _ => String::new(),
    };
    Some(format!("{body}{ci}"))
}

/// « −12 % », « +0,4 % »: the difference relative to the baseline, two significant digits.
pub fn relative_text(lang: Lang, d: &Difference) -> String {
    match (d.difference.mean, d.baseline) {
        (Some(m), Some(b)) if b.is_finite() && b != 0.0 => {
            let r = m / b.abs() * 100.0;
            let step = if r.abs() >= 9.95 { 1.0 } else { 0.1 };
            t(
                lang,
                Msg::PercentValue {
                    value: &signed_step(lang, r, step),
                },
            )
            .into_owned()
        }
        _ => String::new(),
    }
}

/// A card's texts from the runs' estimates of `h` and their paired difference.
pub fn card_text(
    lang: Lang,
    h: &Headline,
    base: Option<&Estimate>,
    scen: Option<&Estimate>,
    d: Option<&Difference>,
    complete: bool,
) -> CardText {
    let mean = |e: Option<&Estimate>| e.and_then(|e| e.mean);
    let step = card_step(
        h,
        &[
            mean(base),
            mean(scen),
            d.and_then(|d| d.difference.mean).map(f64::abs),
        ],
    );
    let baseline_ci = base
        .and_then(|e| Some((e.ci_low?, e.ci_high?)))
        .map(|(lo, hi)| {
            t(
                lang,
                Msg::CiRangeText {
                    low: &figure_text(lang, h, Some(lo), step),
                    high: &figure_text(lang, h, Some(hi), step),
                },
            )
            .into_owned()
        })
        .unwrap_or_default();
    CardText {
        baseline: figure_text(lang, h, mean(base), step),
        baseline_ci,
        scenario: figure_text(lang, h, mean(scen), step),
        difference: d
            .and_then(|d| difference_text_at(lang, h, &d.difference, step))
            .unwrap_or_default(),
        relative: d.map(|d| relative_text(lang, d)).unwrap_or_default(),
        verdict: d.map(|d| judge(h, d, complete)),
        provisional: !complete,
    }
}

/// The reporting window's calendar years: (first, last).
pub fn window_years(layout: &Layout) -> (i32, i32) {
    let year_at = |day: f64| {
        let months = (day / parcours_engine::MONTH_DAYS).floor() as i64;
        add_months(layout.start_year, layout.start_month, months).0
    };
    let end = layout.start_day + layout.periods as f64 * layout.period_days;
    (
        year_at(layout.start_day),
        year_at((end - 1.0).max(layout.start_day)),
    )
}

/// Said once under the cards: over which years the figures are averaged, how many
/// replications, what a 95 % interval covers (the simulation's randomness, not the parameters'
/// uncertainty) and when a difference gets a verdict.
pub fn interval_note(lang: Lang, layout: &Layout, replications: usize) -> String {
    let (from, to) = window_years(layout);
    t(
        lang,
        Msg::IntervalNote {
            from,
            to,
            replications,
        },
    )
    .into_owned()
}

/// A place stage's figures averaged over the horizon (median series, time-averaged).
#[derive(Debug, Clone, PartialEq)]
pub struct StageFigures {
    pub id: String,
    pub places: f64,
    pub occupancy: f64,
    pub blocked: f64,
    /// Entries per month.
    pub entries_per_month: f64,
    /// Exits per month.
    pub exits_per_month: f64,
}

impl StageFigures {
    /// Share of the places held by blocked households.
    pub fn blocked_share(&self) -> f64 {
        if self.places > 0.0 {
            (self.blocked / self.places).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

fn series_mean(summary: &Summary, id: &SeriesId) -> f64 {
    summary
        .series(id)
        .map(|b| {
            let v: Vec<f64> = b.mean.iter().copied().filter(|x| x.is_finite()).collect();
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        })
        .unwrap_or(0.0)
}

/// Figures of every stage of the summary's layout, in pathway order. Counts per reporting period
/// are turned into counts per month.
pub fn stage_figures(summary: &Summary) -> Vec<StageFigures> {
    let per_month = parcours_engine::MONTH_DAYS / summary.layout.period_days.max(1e-9);
    summary
        .layout
        .stages
        .iter()
        .map(|id| StageFigures {
            id: id.clone(),
            places: series_mean(summary, &SeriesId::stage(id, StageSeries::Places)),
            occupancy: series_mean(summary, &SeriesId::stage(id, StageSeries::Occupancy)),
            blocked: series_mean(summary, &SeriesId::stage(id, StageSeries::Blocked)),
            entries_per_month: series_mean(summary, &SeriesId::stage(id, StageSeries::Entries))
                * per_month,
            exits_per_month: series_mean(summary, &SeriesId::stage(id, StageSeries::Exits))
                * per_month,
        })
        .collect()
}

/// A stage's short name, for sentences: « CHRS » from « CHRS (insertion) ».
pub fn short_label(label: &str) -> &str {
    label.split(['(', '/']).next().unwrap_or(label).trim()
}

#[cfg(test)]
mod tests;
