//! The finalists re-run on the full simulation under common random numbers, and the
//! ranking-and-selection verdict on whether the best is distinguishable ([`select`]).

use super::*;

/// A finalist re-run on the full simulation, against the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Finalist {
    pub mix: Mix,
    /// The objective with the mix, mean and 95 % interval.
    pub value: Estimate,
    /// Mix − scenario, paired, turned so that more is better for households.
    pub gain: Estimate,
    /// `cost_per_year`, mix − scenario, paired (the cost the simulation measured).
    pub cost: Option<Estimate>,
}

/// The ranking-and-selection verdict on the best finalist.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// The finalists, best (by simulated gain) first.
    pub finalists: Vec<Finalist>,
    /// Comparisons of the best with each other finalist (the Bonferroni divisor).
    pub comparisons: usize,
    /// Joint confidence of the intervals ([`CONFIDENCE`]).
    pub confidence: f64,
    /// The best's gain − the runner-up's, paired, with its Bonferroni-corrected interval.
    pub lead: Option<Estimate>,
    /// The lead's interval is above 0: the best is distinguishable from the runner-up.
    pub distinguishable: bool,
    /// ... and from every other finalist.
    pub best_of_all: bool,
    /// The practical threshold (MODEL.md 16.4: the objective's « notable » difference at the
    /// scenario's level), in the engine's unit.
    pub practical: f64,
    /// The lead's interval lies within ±`practical`: the two are equivalent in practice.
    pub equivalent: bool,
}

/// Ranks the finalists from their ensembles (the scenario's first, then each finalist's, on the
/// same seed; only the replication indices all of them hold count) and says whether the best is
/// distinguishable from the runner-up: paired differences of the gains, with intervals at
/// `CONFIDENCE` jointly over the best's comparisons (Bonferroni).
pub fn select(
    mixes: &[Mix],
    ensembles: &[Ensemble],
    objective: &Headline,
) -> Result<Selection, String> {
    let Some((base, alts)) = ensembles.split_first() else {
        return Err("no run to rank".into());
    };
    if alts.len() != mixes.len() {
        return Err(format!(
            "{} mixes but {} runs of them",
            mixes.len(),
            alts.len()
        ));
    }
    let common = common_indices(base, alts);
    let id = HeadlineId::from(objective.id);
    let sign = gain_sign(objective);
    let base_c = restricted(base, &common);
    let cost_id = HeadlineId::from(SystemHeadline::CostPerYear);
    let mut gains: Vec<Vec<f64>> = Vec::new();
    let mut finalists = Vec::new();
    for (mix, alt) in mixes.iter().zip(alts) {
        let alt_c = restricted(alt, &common);
        let cmp = compare(&base_c, &alt_c)?;
        let g = paired_gains(&id, base, alt, &common, sign);
        finalists.push(Finalist {
            mix: mix.clone(),
            value: alt_c
                .headline_estimates()
                .into_iter()
                .find(|e| e.id == id)
                .ok_or_else(|| format!("the runs have no {id}"))?,
            gain: estimate(id.clone(), &g),
            cost: cmp.difference(&cost_id).map(|d| d.difference.clone()),
        });
        gains.push(g);
    }
    // Best first by mean gain; ties keep the search's order.
    let mut order: Vec<usize> = (0..finalists.len()).collect();
    let mean = |k: usize| finalists[k].gain.mean.unwrap_or(f64::NEG_INFINITY);
    order.sort_by(|&a, &b| mean(b).total_cmp(&mean(a)));
    let comparisons = finalists.len().saturating_sub(1);
    let level = 1.0 - (1.0 - CONFIDENCE) / comparisons.max(1) as f64;
    let leads: Vec<Estimate> = order
        .iter()
        .skip(1)
        .map(|&k| {
            let d: Vec<f64> = gains[order[0]]
                .iter()
                .zip(&gains[k])
                .map(|(a, b)| a - b)
                .collect();
            interval_at(id.clone(), &d, level)
        })
        .collect();
    let above = |e: &Estimate| e.ci_low.is_some_and(|lo| lo > 0.0);
    let base_mean = base_c
        .headline_estimates()
        .into_iter()
        .find(|e| e.id == id)
        .and_then(|e| e.mean)
        .unwrap_or(0.0)
        .abs();
    let practical = (objective.practical.relative * base_mean).max(objective.practical.absolute);
    let lead = leads.first().cloned();
    let equivalent = lead.as_ref().is_some_and(|l| {
        l.ci_low.is_some_and(|lo| lo > -practical) && l.ci_high.is_some_and(|hi| hi < practical)
    });
    let mut slots: Vec<Option<Finalist>> = finalists.into_iter().map(Some).collect();
    Ok(Selection {
        finalists: order
            .iter()
            .map(|&k| slots[k].take().expect("once"))
            .collect(),
        comparisons,
        confidence: CONFIDENCE,
        distinguishable: lead.as_ref().is_some_and(above),
        best_of_all: !leads.is_empty() && leads.iter().all(above),
        lead,
        practical,
        equivalent,
    })
}

/// Mean and two-sided interval at `level` (Student's t) of independent values.
pub(super) fn interval_at(id: HeadlineId, xs: &[f64], level: f64) -> Estimate {
    let mut e = estimate(id, xs);
    let n = xs.len();
    if let (Some(m), true) = (e.mean, n >= 2) {
        let var = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
        let half = t_quantile(1.0 - (1.0 - level) / 2.0, n - 1) * (var / n as f64).sqrt();
        e.ci_low = Some(m - half);
        e.ci_high = Some(m + half);
    }
    e
}
