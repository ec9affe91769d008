//! Results said in words: the verdict of a paired comparison, and the bottleneck of the
//! pathway. Pure functions of the engine's outputs, tested natively.

use parcours_engine::{Difference, Scenario, SeriesId, StageSeries, Summary};

use crate::i18n::{signed, t, Lang, Localized, Msg};
use crate::measures::Better;

/// « −45 (IC 95 % : −60 à −30) ».
pub fn difference_text(lang: Lang, d: &Difference) -> Option<String> {
    let mean = d.difference.mean?;
    let ci = match (d.difference.ci_low, d.difference.ci_high) {
        (Some(low), Some(high)) => t(lang, Msg::CiSuffix { low, high }).into_owned(),
        _ => String::new(),
    };
    Some(format!("{}{ci}", signed(lang, mean)))
}

/// The verdict of a paired difference.
pub fn verdict_msg(better: Better, d: &Difference) -> Msg<'static> {
    let Some(mean) = d.difference.mean else {
        return Msg::NotEnoughReplications;
    };
    if !d.significant || mean == 0.0 {
        return Msg::WithinNoise;
    }
    match (better, mean > 0.0) {
        (Better::DependsOnViewpoint, true) => Msg::ClearIncrease,
        (Better::DependsOnViewpoint, false) => Msg::ClearDecrease,
        (Better::Lower, false) | (Better::Higher, true) => Msg::ClearImprovement,
        _ => Msg::ClearDeterioration,
    }
}

/// Plain-language verdict of a paired difference.
pub fn verdict(lang: Lang, better: Better, d: &Difference) -> String {
    t(lang, verdict_msg(better, d)).into_owned()
}

/// Is the verdict good (1), bad (-1) or neutral (0)? For the card's colour.
pub fn tone(better: Better, d: &Difference) -> i8 {
    match (d.significant, d.difference.mean, better) {
        (true, Some(m), Better::Lower) if m < 0.0 => 1,
        (true, Some(m), Better::Lower) if m > 0.0 => -1,
        (true, Some(m), Better::Higher) if m > 0.0 => 1,
        (true, Some(m), Better::Higher) if m < 0.0 => -1,
        _ => 0,
    }
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

/// Below this share of blocked places no stage is called a bottleneck.
pub const BOTTLENECK_MIN_SHARE: f64 = 0.05;

/// The stage whose places are most held by households ready to leave, if any share is notable.
pub fn bottleneck(stages: &[StageFigures]) -> Option<&StageFigures> {
    stages
        .iter()
        .filter(|s| s.places > 0.0)
        .max_by(|a, b| a.blocked_share().total_cmp(&b.blocked_share()))
        .filter(|s| s.blocked_share() >= BOTTLENECK_MIN_SHARE)
}

/// « Goulot d'étranglement : CHRS — 32 % des places occupées par des ménages prêts à sortir ».
pub fn bottleneck_sentence(lang: Lang, stage: Option<(&str, f64)>) -> String {
    let msg = match stage {
        Some((stage, share)) => Msg::Bottleneck {
            stage,
            percent: (share * 100.0).round() as i64,
        },
        None => Msg::NoBottleneck,
    };
    t(lang, msg).into_owned()
}

/// A stage's short name, for sentences: « CHRS » from « CHRS (insertion) ».
pub fn short_label(label: &str) -> &str {
    label.split(['(', '/']).next().unwrap_or(label).trim()
}

/// The bottleneck sentence of a run: its most blocked stage, by its short name in `scenario`.
pub fn summary_bottleneck_sentence(lang: Lang, scenario: &Scenario, summary: &Summary) -> String {
    let figures = stage_figures(summary);
    let neck = bottleneck(&figures).map(|s| {
        let name = scenario
            .stages
            .iter()
            .find(|st| st.id == s.id)
            .map_or(s.id.as_str(), |st| st.label.text(lang));
        (short_label(name).to_string(), s.blocked_share())
    });
    bottleneck_sentence(lang, neck.as_ref().map(|(n, s)| (n.as_str(), *s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::Estimate;

    fn diff(mean: f64, lo: f64, hi: f64) -> Difference {
        Difference {
            id: "unsheltered".into(),
            baseline: Some(100.0),
            scenario: Some(100.0 + mean),
            difference: Estimate {
                id: "unsheltered".into(),
                mean: Some(mean),
                ci_low: Some(lo),
                ci_high: Some(hi),
                n: 20,
            },
            significant: lo > 0.0 || hi < 0.0,
        }
    }

    #[test]
    fn verdicts() {
        let noise = diff(-2.0, -5.0, 1.0);
        assert_eq!(
            verdict(Lang::Fr, Better::Lower, &noise),
            "Différence dans le bruit statistique"
        );
        assert_eq!(
            verdict(Lang::En, Better::Lower, &noise),
            "Difference within statistical noise"
        );
        let down = diff(-40.0, -50.0, -30.0);
        assert_eq!(
            verdict(Lang::Fr, Better::Lower, &down),
            "Amélioration nette"
        );
        assert_eq!(
            verdict(Lang::Fr, Better::Higher, &down),
            "Dégradation nette"
        );
        assert_eq!(
            verdict(Lang::En, Better::DependsOnViewpoint, &down),
            "Clear decrease"
        );
        assert_eq!(tone(Better::Lower, &down), 1);
        assert_eq!(tone(Better::Lower, &noise), 0);
        assert_eq!(
            difference_text(Lang::Fr, &down).unwrap(),
            "−40 (IC 95 % : −50 à −30)"
        );
        assert_eq!(
            difference_text(Lang::En, &diff(1234.5, 1000.0, 1500.0)).unwrap(),
            "+1,235 (95 % CI: +1,000 to +1,500)"
        );
    }

    fn stage(id: &str, places: f64, blocked: f64) -> StageFigures {
        StageFigures {
            id: id.into(),
            places,
            occupancy: places,
            blocked,
            entries_per_month: 1.0,
            exits_per_month: 1.0,
        }
    }

    #[test]
    fn the_bottleneck_is_the_most_blocked_stage() {
        let stages = vec![
            stage("hu", 700.0, 70.0),
            stage("chrs", 450.0, 144.0),
            stage("hlm", 0.0, 0.0),
        ];
        let b = bottleneck(&stages).unwrap();
        assert_eq!(b.id, "chrs");
        assert_eq!(
            bottleneck_sentence(Lang::Fr, Some(("CHRS", b.blocked_share()))),
            "Goulot d'étranglement : CHRS — 32 % des places occupées par des ménages prêts à sortir"
        );
        assert!(bottleneck(&[stage("hu", 100.0, 1.0)]).is_none());
        assert!(bottleneck_sentence(Lang::En, None).starts_with("No marked bottleneck"));
        assert_eq!(short_label("CHRS (insertion)"), "CHRS");
        assert_eq!(
            short_label("Hébergement d'urgence / HU"),
            "Hébergement d'urgence"
        );
    }
}
