//! The mix search on oracles: monotone rules saying which mixes reach the target, where the
//! least-cost reaching mix of the grid is known by trying every mix.

use super::*;
use crate::i18n::{Lang, Msg};
use crate::levers::Lever;
use crate::seek::text::mix_text;
use crate::target::wilson;
use parcours_engine::stats::estimate;
use parcours_engine::SystemHeadline;

/// A run that reaches the target or not (all 10 replications, or none).
pub(crate) fn run(reached: bool) -> Attainment {
    Attainment {
        met: wilson(if reached { 10 } else { 0 }, 10),
        reached,
        baseline: None,
        scenario: None,
        difference: estimate(SystemHeadline::WithoutSolution.into(), &[]),
        cost: estimate(SystemHeadline::CostPerYear.into(), &[]),
    }
}

/// Lever `i`: places of stage `s{i}`, from 0 to `max` by 1.
fn lever(i: usize, max: f64) -> Allowed {
    Allowed {
        lever: Lever {
            id: LeverId::Places(format!("s{i}")),
            on: None,
            baseline: 0.0,
            min: 0.0,
            max,
            step: 1.0,
            unit: Msg::UnitPlaces,
        },
        min: 0.0,
        max,
    }
}

/// Every mix of the grid, as indices.
fn every_mix(m: &Mix) -> Vec<Vec<usize>> {
    let mut all = vec![vec![]];
    for v in &m.values {
        all = all
            .into_iter()
            .flat_map(|k: Vec<usize>| {
                (0..v.len()).map(move |i| {
                    let mut k = k.clone();
                    k.push(i);
                    k
                })
            })
            .collect();
    }
    all
}

/// Seeks with `reach` as the oracle, as `Seek` drives it: each lever alone first (its least
/// reaching amount by its step, the amount one step below falling short, or its bound falling
/// short), then the mixes. Returns the search and the exhaustive answer on its grid.
fn seek(
    ranges: &[f64],
    unit_costs: &[f64],
    reach: &dyn Fn(&[f64]) -> bool,
) -> (Mix, Option<Vec<usize>>) {
    let levers: Vec<Allowed> = (0..ranges.len()).map(|i| lever(i, ranges[i])).collect();
    let mut m = Mix::new(levers, vec![0.0; ranges.len()], unit_costs.to_vec());
    let probe = |amount: f64, reached: bool| Probe {
        amount,
        attainment: run(reached),
    };
    for (i, &top) in ranges.iter().enumerate() {
        let alone = |a: f64| {
            let mut x = vec![0.0; ranges.len()];
            x[i] = a;
            reach(&x)
        };
        match (0..=top as usize).map(|a| a as f64).find(|&a| alone(a)) {
            Some(a) => {
                if a > 0.0 {
                    m.learn(i, &probe(a - 1.0, false));
                }
                m.learn_answer(i, &probe(a, true));
            }
            None => m.learn(i, &probe(top, false)),
        }
    }
    while let Some(mix) = m.next() {
        let amounts: Vec<f64> = mix.iter().map(|(_, a)| *a).collect();
        m.record(run(reach(&amounts)));
    }
    let exhaustive = every_mix(&m)
        .into_iter()
        .filter(|k| reach(&m.amounts(k)))
        .min_by_key(|k| m.key(k));
    (m, exhaustive)
}

/// A small deterministic generator (Knuth's MMIX LCG) for the oracles' parameters.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// On 300 random monotone oracles of two and three levers (additive effects, linear or
/// diminishing; effects capped by the scarcest lever, as in a chain where each stage stops the
/// other; unit costs from free to 37 times another's), the search ends on the least-cost
/// reaching mix of the grid that trying every mix finds, or says that none reaches exactly when
/// none does; within the run bound, and with the runs the module's docs state.
#[test]
fn the_mix_found_is_the_exhaustive_least_cost_on_monotone_oracles() {
    let mut rng = Lcg(13);
    let mut most = [0usize; 4];
    for case in 0..300 {
        let d = 2 + case % 2;
        let ranges: Vec<f64> = (0..d).map(|_| (8.0 + 40.0 * rng.next()).round()).collect();
        let costs = [0.0, 1.0, 2.0, 5.0, 10.0, 37.0];
        let unit_costs: Vec<f64> = (0..d)
            .map(|_| costs[(rng.next() * costs.len() as f64) as usize])
            .collect();
        let weights: Vec<f64> = (0..d).map(|_| 0.3 + 3.0 * rng.next()).collect();
        let kind = (rng.next() * 3.0) as usize;
        let f = |x: &[f64]| -> f64 {
            let share = |i: usize| x[i] / ranges[i];
            match kind {
                0 => (0..d).map(|i| weights[i] * share(i)).sum(),
                1 => (0..d).map(|i| weights[i] * share(i).sqrt()).sum(),
                _ => (0..d)
                    .map(|i| weights[i] * (share(i) + 0.1))
                    .fold(f64::INFINITY, f64::min),
            }
        };
        let full = f(&ranges);
        let level = full * (0.1 + 1.0 * rng.next());
        let reach = |x: &[f64]| f(x) >= level;
        let (m, exhaustive) = seek(&ranges, &unit_costs, &reach);
        let found = m.best.as_ref().map(|(k, _)| k.clone());
        assert_eq!(
            found.as_ref().map(|k| m.key(k)),
            exhaustive.as_ref().map(|k| m.key(k)),
            "case {case}: {d} levers {ranges:?} at {unit_costs:?}, kind {kind}"
        );
        match exhaustive {
            Some(_) => assert_eq!(m.outcome(), MixOutcome::Least, "case {case}"),
            None => assert_eq!(m.outcome(), MixOutcome::Unreachable, "case {case}"),
        }
        most[d] = most[d].max(m.tried.len());
    }
    // Measured on these oracles: 15 runs at most for two levers, 31 for three.
    assert!(most[2] <= 15 && most[3] <= 31, "{most:?}");
}

/// Where the shares are not monotone (noise can make them so), the search still ends, within
/// the bound, on a mix that reached when run; out of reach only if every lever at its bound fell
/// short.
#[test]
fn the_search_ends_on_a_reaching_mix_whatever_the_shares() {
    let mut rng = Lcg(29);
    for _ in 0..50 {
        let table: Vec<bool> = (0..6 * 6 * 6).map(|_| rng.next() < 0.4).collect();
        let reach = |x: &[f64]| {
            let i = |a: f64| ((a / 5.0).round() as usize).min(5);
            table[i(x[0]) + 6 * i(x[1]) + 36 * i(x[2])]
        };
        let (m, _) = seek(&[25.0, 25.0, 25.0], &[1.0, 3.0, 2.0], &reach);
        assert!(m.tried.len() <= MAX_RUNS);
        match m.outcome() {
            MixOutcome::Unreachable => assert!(!reach(&[25.0; 3])),
            o => {
                assert!(o.reached(), "{o:?}");
                assert!(reach(&m.found().unwrap().0));
            }
        }
    }
}

/// Four levers whose effects only add up to the target with much of each, the cheapest far
/// from the first mixes tried: the search stops at `MAX_RUNS` runs, and its answer, the
/// cheapest reaching mix of those tried, says so in both languages and claims no least cost.
#[test]
fn the_run_bound_is_kept_and_said() {
    let reach = |x: &[f64]| x.iter().map(|a| a.sqrt()).sum::<f64>() >= 4.0 * 40f64.sqrt() * 0.8;
    let (m, exhaustive) = seek(&[80.0; 4], &[1.0, 1.1, 1.2, 1.3], &reach);
    assert_eq!(m.tried.len(), MAX_RUNS);
    assert_eq!(m.outcome(), MixOutcome::Cheapest { tried: MAX_RUNS });
    assert!(m.next().is_none());
    let (found, at) = m.found().unwrap();
    assert!(at.reached && reach(&found));
    assert!(m.key(&m.best.as_ref().unwrap().0) >= m.key(&exhaustive.unwrap()));
    let fr = mix_text(Lang::Fr, &m);
    assert!(
        fr.starts_with("Le mélange le moins coûteux parmi les 64 mélanges essayés"),
        "{fr}"
    );
    let en = mix_text(Lang::En, &m);
    assert!(
        en.starts_with("The least costly mix among the 64 mixes tried")
            && en.contains("a cheaper mix of the grid is not ruled out"),
        "{en}"
    );
    assert!(!en.contains("on the grid"), "{en}");
}
