//! « Où agir ? » on networks built so that the answer is known, and its plumbing.

use super::*;
use parcours_engine::fluid::Unreliable;
use parcours_engine::{default_scenario, simulate, Model, MONTH_DAYS};
use serde_json::json;

/// Arrivals a day, the waiting list's abandonment a month, HU's mean stay in days.
const ARRIVALS_PER_DAY: f64 = 2.0;
const ABANDONMENT_PER_MONTH: f64 = 0.3;
const STAY_DAYS: f64 = 30.0;

/// Waiting list → emergency shelter (`hu`, exponential stays of 30 days, every leaver to social
/// housing) → social housing (`hlm`, `units` dwellings a month). Households leave the waiting
/// list by abandonment at 0.3 a month, and by entering HU.
///
/// Whichever of HU and HLM is the scarce one sets the pathway's throughput T, and in the steady
/// state the waiting list's inflow equals its outflows, λ = a·L + T, so L = (λ − T)/a: a
/// resource that does not bind changes nothing, and +ΔT at the binding one lowers L by ΔT/a.
pub(crate) fn chain(hu_places: u32, units: f64) -> Scenario {
    let v = json!({
        "format_version": 1,
        "name": {"fr": "chaîne"},
        "territory": {"code": "00", "name": "test"},
        "start": {"year": 2026, "month": 1},
        "horizon_months": 60.0,
        "warmup_months": 24.0,
        "household_types": [{"id": "h", "label": {"fr": "h"}}],
        "arrivals": [{"id": "in", "label": {"fr": "in"},
                      "rate_per_month": ARRIVALS_PER_DAY * MONTH_DAYS, "mix": {"h": 1.0}}],
        "waiting_list": {"abandonment_per_month": ABANDONMENT_PER_MONTH, "abandonment_exit": "out",
                         "orientation": {"default": ["hu"]}},
        "stages": [
            {"id": "hu", "label": {"fr": "HU"}, "kind": "places", "places": hu_places,
             "cost_per_place_day": 40.0,
             "stay": {"default": {"distribution": "exponential", "mean_days": STAY_DAYS}},
             "routes": {"default": [{"to": "hlm", "p": 1.0}]}},
            {"id": "hlm", "label": {"fr": "HLM"}, "kind": "allocation", "units_per_month": units,
             "cost_per_allocation": 5000.0}
        ],
        "exits": [
            {"id": "out", "label": {"fr": "out"}, "kind": "other"},
            {"id": "home", "label": {"fr": "home"}, "kind": "housed"}
        ],
        "dalo": {"shelter_months": 6, "temporary_housing_months": 18, "waiting_months": 36,
                 "recourse_propensity": 0.3}
    });
    Scenario::from_json(&v.to_string()).expect("the chain is a valid scenario")
}

/// Every scenario of the plan over replications `indices`, as the page's workers and the
/// command line run them.
fn run(plan: &Plan, seed: u64, indices: std::ops::Range<u64>) -> Vec<Ensemble> {
    plan.all()
        .map(|s| {
            let m = Model::new(s).expect("valid");
            let mut e = Ensemble::new(m.layout().clone(), seed);
            for i in indices.clone() {
                e.add(simulate(&m, seed, i).expect("runs"));
            }
            e
        })
        .collect()
}

fn half_width(e: &Estimate) -> f64 {
    (e.ci_high.unwrap() - e.ci_low.unwrap()) / 2.0
}

fn effect_of<'a>(r: &'a Ranking, lever: &LeverId) -> &'a LeverEffect {
    r.levers.iter().find(|l| &l.step.lever == lever).unwrap()
}

/// Social housing binds: 40 dwellings a month for 61 arrivals a month, HU's 80 places are more
/// than the 40 a month it can pass on need (40 × 30 days ≈ 40 places). +2 dwellings a month
/// lower the waiting list by 2/0.3 = 6.7 households, 2 435 household-days a year; 10 more HU
/// places only hold 10 more households blocked for housing, so the waiting list's level, set by
/// (λ − T)/a, does not move.
#[test]
fn when_allocations_bind_more_allocations_rank_first_and_upstream_places_do_nothing() {
    let p = plan(&chain(80, 40.0), &Settings::default());
    assert_eq!(p.steps.len(), 2, "places and allocations; no trend step");
    let ensembles = run(&p, 7, 0..40);
    let r = rank(&p.steps, &ensembles, &HOUSEHOLD_DAYS, RankBy::Step, true).unwrap();
    assert_eq!(r.pairs, 40);
    let alloc = LeverId::Allocations("hlm".into());
    let places = LeverId::Places("hu".into());
    assert_eq!(r.levers[0].step.lever, alloc, "{r:#?}");
    let theory = -2.0 / ABANDONMENT_PER_MONTH * 365.25;
    let a = &effect_of(&r, &alloc).effect.difference;
    let tol = 3.0 * half_width(a);
    assert!((a.mean.unwrap() - theory).abs() <= tol, "{a:?} vs {theory}");
    assert_eq!(effect_of(&r, &alloc).verdict, Verdict::Improvement);
    // ≈ 0: consistent with 0 within three half-widths, and small beside the allocations'.
    let h = &effect_of(&r, &places).effect.difference;
    assert!(h.mean.unwrap().abs() <= 3.0 * half_width(h), "{h:?}");
    assert!(h.mean.unwrap().abs() < 0.1 * theory.abs(), "{h:?}");
    let lead = r.lead.as_ref().unwrap();
    assert!(lead.clear, "{lead:?}");
    // The steps' yearly costs: 2 × 12 dwellings × 5 000 € (all used: the queue never
    // empties) and 10 places × 40 € × 365.25 days.
    let cost = |l: &LeverId| {
        effect_of(&r, l)
            .cost
            .as_ref()
            .unwrap()
            .difference
            .mean
            .unwrap()
    };
    let c = &effect_of(&r, &alloc).cost.as_ref().unwrap().difference;
    assert!(
        (cost(&alloc) - 120_000.0).abs() <= 3.0 * half_width(c),
        "{c:?}"
    );
    assert!((cost(&places) - 146_100.0).abs() < 1.0, "{}", cost(&places));
    let per = effect_of(&r, &alloc)
        .gain_per_100k
        .as_ref()
        .unwrap()
        .mean
        .unwrap();
    let gain = effect_of(&r, &alloc).gain.mean.unwrap();
    assert!((per - gain * 100_000.0 / cost(&alloc)).abs() < 1e-6 * gain.abs());
    // Per euro the order is the same, and the sentence says so in both languages.
    let by_cost = rank(&p.steps, &ensembles, &HOUSEHOLD_DAYS, RankBy::Cost, true).unwrap();
    assert_eq!(by_cost.levers[0].step.lever, alloc);
    let fr = sentence(Lang::Fr, &r);
    assert!(
        fr.starts_with("Le levier le plus utile est « Attributions"),
        "{fr}"
    );
    assert!(
        fr.contains("Il devance nettement le deuxième, « Places — HU +10 »"),
        "{fr}"
    );
    let en = sentence(Lang::En, &r);
    assert!(en.contains("clearly ahead of the second"), "{en}");
}

/// Emergency shelter binds: 40 places of 30 days pass on 40.6 households a month for 61
/// arriving, and 100 dwellings a month are plenty. +10 places raise the throughput by
/// 10 × 30.44 / 30 = 10.1 a month, so the waiting list falls by 10.1/0.3 = 33.8 households,
/// 12 350 household-days a year (a hair less: leavers wait a few hours for the next dwelling);
/// 2 more dwellings a month shorten that wait of a few hours only.
#[test]
fn when_emergency_places_bind_more_places_rank_first() {
    let p = plan(&chain(40, 100.0), &Settings::default());
    let ensembles = run(&p, 11, 0..40);
    let r = rank(&p.steps, &ensembles, &HOUSEHOLD_DAYS, RankBy::Step, true).unwrap();
    let places = LeverId::Places("hu".into());
    let alloc = LeverId::Allocations("hlm".into());
    assert_eq!(r.levers[0].step.lever, places, "{r:#?}");
    let theory = -10.0 * MONTH_DAYS / STAY_DAYS / ABANDONMENT_PER_MONTH * 365.25;
    let h = &effect_of(&r, &places).effect.difference;
    let tol = 3.0 * half_width(h) + 0.02 * theory.abs();
    assert!((h.mean.unwrap() - theory).abs() <= tol, "{h:?} vs {theory}");
    let a = &effect_of(&r, &alloc).effect.difference;
    assert!(a.mean.unwrap().abs() < 0.05 * theory.abs(), "{a:?}");
    assert!(r.lead.as_ref().unwrap().clear);
    // Households without a solution: the same order, the same theory in households.
    let w = rank(&p.steps, &ensembles, &WITHOUT_SOLUTION, RankBy::Step, true).unwrap();
    assert_eq!(w.levers[0].step.lever, places);
    let d = &effect_of(&w, &places).effect.difference;
    let theory = theory / 365.25;
    assert!(
        (d.mean.unwrap() - theory).abs() <= 3.0 * half_width(d) + 0.02 * theory.abs(),
        "{d:?}"
    );
}

/// A share housed is better when higher: its gain keeps the effect's sign, and the ranking
/// on a partial sweep reads only the replications every run has.
#[test]
fn gains_follow_the_objectives_direction_and_partial_runs_pair_what_they_share() {
    let p = plan(&chain(40, 100.0), &Settings::default());
    let mut ensembles = run(&p, 11, 0..12);
    // The last step's run is behind: 8 replications only.
    let last = ensembles.last_mut().unwrap();
    last.replications.retain(|i, _| *i < 8);
    let r = rank(&p.steps, &ensembles, &SHARE_HOUSED_12M, RankBy::Step, false).unwrap();
    assert_eq!(r.pairs, 8);
    let places = effect_of(&r, &LeverId::Places("hu".into()));
    assert_eq!(places.gain.mean, places.effect.difference.mean);
    assert!(places.gain.mean.unwrap() > 0.0);
    assert_eq!(places.verdict, Verdict::Provisional);
    assert!(places.effect.difference.n == 8);
    // Households-days: lower is better, the gain is minus the effect.
    let r = rank(&p.steps, &ensembles, &HOUSEHOLD_DAYS, RankBy::Step, false).unwrap();
    let places = effect_of(&r, &LeverId::Places("hu".into()));
    assert_eq!(places.gain.mean, places.effect.difference.mean.map(|x| -x));
    assert_eq!(
        places.gain.ci_low,
        places.effect.difference.ci_high.map(|x| -x)
    );
    assert!(rank(
        &p.steps,
        &ensembles[..2],
        &HOUSEHOLD_DAYS,
        RankBy::Step,
        true
    )
    .is_err());
}

/// The plan steps every lever but the trend from its current value, and its base is the
/// scenario shown.
#[test]
fn the_plan_steps_every_fundable_lever_from_its_current_value() {
    let s = default_scenario();
    let mut settings = Settings::default();
    settings
        .values
        .insert(LeverId::Places("chrs".into()), 600.0);
    let p = plan(&s, &settings);
    assert_eq!(p.base, apply(&s, &settings));
    assert_eq!(p.steps.len(), p.scenarios.len());
    assert!(p.steps.iter().all(|st| st.lever != LeverId::Trend));
    assert_eq!(p.steps.len(), levers_of(&s).len() - 1);
    let chrs = p
        .steps
        .iter()
        .position(|st| st.lever == LeverId::Places("chrs".into()))
        .unwrap();
    assert_eq!((p.steps[chrs].from, p.steps[chrs].to), (600.0, 610.0));
    let mut expected = settings.clone();
    expected
        .values
        .insert(LeverId::Places("chrs".into()), 610.0);
    assert_eq!(p.scenarios[chrs], apply(&s, &expected));
    for (st, sc) in p.steps.iter().zip(&p.scenarios) {
        assert_eq!(Some(st.to - st.from), step_size(&st.lever));
        assert!(Model::new(sc).is_ok(), "{st:?}");
    }
    assert_eq!(p.steps[chrs].label(Lang::Fr), "Places — CHRS insertion +10");
    let text = serde_json::to_string(&p.steps[chrs]).unwrap();
    assert!(text.contains("\"lever-places-chrs\""), "{text}");
    assert_eq!(serde_json::from_str::<Step>(&text).unwrap(), p.steps[chrs]);
    for h in OBJECTIVES {
        assert_eq!(objective(h.code()), Some(h));
    }
    assert_eq!(objective("cost_per_year"), None);
}

/// The sweep hands out every scenario round by round, ROUND indices at a time, up to `total`;
/// its ensembles rank as the same runs made at once.
#[test]
fn the_sweep_runs_every_scenario_round_by_round() {
    let p = plan(&chain(40, 100.0), &Settings::default());
    let layouts = p
        .all()
        .map(|s| Model::new(s).unwrap().layout().clone())
        .collect();
    let mut sweep = Sweep::new(layouts, 5, 25);
    let mut tasks = Vec::new();
    while let Some(task) = sweep.next_task() {
        tasks.push(task);
    }
    let n = p.steps.len() + 1;
    assert_eq!(tasks.len(), 3 * n);
    assert_eq!(
        tasks[0],
        Task {
            scenario: 0,
            first: 0,
            count: ROUND
        }
    );
    assert_eq!(
        tasks[n],
        Task {
            scenario: 0,
            first: ROUND,
            count: ROUND
        }
    );
    assert_eq!(
        tasks[2 * n + 1],
        Task {
            scenario: 1,
            first: 20,
            count: 5
        }
    );
    let models: Vec<Model> = p.all().map(|s| Model::new(s).unwrap()).collect();
    for (k, task) in tasks.iter().enumerate() {
        let reps = (task.first..task.first + task.count)
            .map(|i| simulate(&models[task.scenario], 5, i).unwrap())
            .collect();
        sweep.add(task.scenario, reps);
        // After the first round, every scenario has 10 pairs.
        if k == n - 1 {
            assert_eq!(sweep.done(), 10);
        }
    }
    assert!(sweep.is_complete());
    let at_once = run(&p, 5, 0..25);
    // Equal to the bit (compared as text: NaN, an undefined figure, is not equal to itself).
    let text = |e: &[Ensemble]| format!("{e:?}");
    assert!(text(&sweep.ensembles) == text(&at_once));
    let r = rank(
        &p.steps,
        &sweep.ensembles,
        &HOUSEHOLD_DAYS,
        RankBy::Step,
        true,
    )
    .unwrap();
    let c = chart(Lang::En, &r);
    assert_eq!(c.bars.len(), 2);
    assert!(c.bars[0].mean >= c.bars[1].mean);
    assert!(c.bars.iter().all(|b| b.low <= b.mean && b.mean <= b.high));
    assert_eq!(c.bars[0].label, "Places — HU +10");
    assert_eq!(c.axis, "Gain for households of one step");
}

/// Applying a step adds its size to the lever's value now, whatever it was when the analysis
/// ran; a lever the network no longer has applies nothing.
#[test]
fn applying_a_step_moves_the_lever_by_its_size() {
    let s = default_scenario();
    let p = plan(&s, &Settings::default());
    let step = p
        .steps
        .iter()
        .find(|st| st.lever == LeverId::Allocations("hlm".into()))
        .unwrap();
    let after = apply_step(&s, &Settings::default(), step).unwrap();
    assert_eq!(after.values[&step.lever], step.to);
    let mut moved = Settings::default();
    moved.values.insert(step.lever.clone(), step.from + 5.0);
    let after = apply_step(&s, &moved, step).unwrap();
    assert_eq!(after.values[&step.lever], step.from + 7.0);
    let gone = Step {
        lever: LeverId::Places("nope".into()),
        ..step.clone()
    };
    assert_eq!(apply_step(&s, &moved, &gone), None);
}

/// The fluid model's first ranking puts first the lever the simulation puts first on the
/// networks above (the theory there: the binding resource's step lowers the waiting list by
/// ΔT/a, the other's does nothing), on both objectives it computes; it has no ranking of an
/// objective it does not compute. Where allocations bind, HU has 45 places rather than 80:
/// with 80, over half of HU's occupants are blocked for housing, beyond the fluid model's
/// tolerances (MODEL.md 16.6), and the page waits for the simulation.
#[test]
fn the_fluid_ranking_puts_the_binding_lever_first() {
    let places = LeverId::Places("hu".into());
    let alloc = LeverId::Allocations("hlm".into());
    for (network, first) in [(chain(45, 40.0), &alloc), (chain(40, 100.0), &places)] {
        let p = fluid_plan(&network, &Settings::default()).unwrap();
        assert_eq!(p.steps, plan(&network, &Settings::default()).steps);
        for objective in [HOUSEHOLD_DAYS, WITHOUT_SOLUTION] {
            let r = fluid_rank(&p, &objective, RankBy::Step).unwrap();
            assert_eq!(&r.levers[0].step.lever, first, "{r:#?}");
            assert!(r.levers[0].gain > 0.0, "{r:#?}");
            // More is better for households: the waiting list falls.
            assert!(r.levers[0].effect < 0.0);
        }
        // The step's yearly cost at the scenario's prices: 2 allocations a month at 5 000 €,
        // 10 places at 40 € a day.
        let by_cost = fluid_rank(&p, &HOUSEHOLD_DAYS, RankBy::Cost).unwrap();
        let cost = |id: &LeverId| {
            by_cost
                .levers
                .iter()
                .find(|l| &l.step.lever == id)
                .unwrap()
                .cost
        };
        assert_eq!(cost(&alloc), Some(2.0 * 5000.0 * 12.0));
        assert!((cost(&places).unwrap() - 10.0 * 40.0 * 365.25).abs() < 1e-6);
        assert!(matches!(
            fluid_rank(&p, &SHARE_HOUSED_12M, RankBy::Step),
            Err(NoFluid::Objective(_))
        ));
    }
    let blocked = fluid_plan(&chain(80, 40.0), &Settings::default()).unwrap();
    let why = fluid_rank(&blocked, &HOUSEHOLD_DAYS, RankBy::Step).unwrap_err();
    assert!(matches!(
        why,
        NoFluid::Unreliable(Unreliable::StrongBlocking { .. })
    ));
    // The panel's one line, the preview's wording.
    assert!(why
        .text(Lang::Fr, &chain(80, 40.0))
        .starts_with("Approximation peu fiable ici"));
    let none = fluid_rank(&blocked, &SHARE_HOUSED_12M, RankBy::Step);
    let text = none.unwrap_err().text(Lang::En, &chain(80, 40.0));
    assert!(
        text.starts_with("The fluid approximation does not compute"),
        "{text}"
    );
}

/// On Haute-Garonne's shipped baseline the reserved allocations bind (the simulation ranks +2 a
/// month first, tests/e2e/marginal.test.mjs): the fluid model is reliable there and ranks them
/// first too, so the page's first ranking says the same.
#[test]
fn on_haute_garonne_the_fluid_ranking_puts_allocations_first() {
    let network = crate::catalog::shipped::scenario("haute-garonne.json");
    let p = fluid_plan(&network, &Settings::default()).unwrap();
    let r = fluid_rank(&p, &HOUSEHOLD_DAYS, RankBy::Step).unwrap();
    assert_eq!(
        r.levers[0].step.lever.to_string(),
        "lever-alloc-hlm",
        "{r:#?}"
    );
}
