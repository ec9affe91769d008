//! The budget optimiser against brute force, its front, its opening schedule and its selection (one
//! file: the cases share their small networks and the brute-force helper).

use super::*;
use crate::marginal::tests::chain;
use crate::measures::{HOUSEHOLD_DAYS, SHARE_HOUSED_12M};
use parcours_engine::{default_scenario, simulate};

fn hu() -> LeverId {
    LeverId::Places("hu".into())
}
fn hlm() -> LeverId {
    LeverId::Allocations("hlm".into())
}

/// The chain of « Où agir ? »'s tests (waiting list → HU → social housing) where HU's 40 places
/// and 40 dwellings a month both nearly bind for 61 arrivals a month: a step of either alone
/// helps little until the other follows, so a search one lever at a time can go wrong.
/// HU places 40..100 (+10 each: 146 100 € a year), dwellings 40..52 (+2 each: 120 000 € a
/// year): 7 × 7 mixes.
fn small(budget: f64) -> Problem {
    let net = chain(40, 40.0);
    let levers = vec![
        Grid::new(&net, &hu(), Some((40.0, 100.0))).unwrap(),
        Grid::new(&net, &hlm(), Some((40.0, 52.0))).unwrap(),
    ];
    Problem::new(net, levers, budget, None, HOUSEHOLD_DAYS).unwrap()
}

fn surrogate() -> Surrogate {
    Surrogate {
        objective: SystemHeadline::HouseholdDaysWithoutSolutionPerYear,
    }
}

/// Brute force: every mix within `budget`, each evaluated on its own by `eval` (the fluid
/// approximation by default); the least household-days (then the cheapest).
fn brute_force(p: &Problem, budget: f64) -> (f64, f64) {
    brute_force_with(p, budget, &mut surrogate())
}

fn brute_force_with(p: &Problem, budget: f64, eval: &mut dyn Evaluate) -> (f64, f64) {
    let mut best: Option<(f64, f64)> = None;
    for i in 0..p.levers[0].values.len() {
        for j in 0..p.levers[1].values.len() {
            let mix = vec![i, j];
            let cost = p.cost(&mix);
            if cost > budget + 1e-6 {
                continue;
            }
            let v = eval.evaluate(&[p.scenario(&mix)]).unwrap()[0]
                .unwrap()
                .value;
            if best.is_none_or(|(bv, bc)| v < bv || (v == bv && cost < bc)) {
                best = Some((v, cost));
            }
        }
    }
    best.unwrap()
}

#[test]
fn the_grid_steps_from_the_scenario_within_the_bounds_and_costs_at_its_prices() {
    let p = small(0.0);
    assert_eq!(
        p.levers[0].values,
        [40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    );
    assert_eq!(
        p.levers[1].values,
        [40.0, 42.0, 44.0, 46.0, 48.0, 50.0, 52.0]
    );
    // Bounds off the step keep the bounds and the scenario's own steps between them.
    let net = chain(40, 40.0);
    let odd = Grid::new(&net, &hu(), Some((35.0, 62.0))).unwrap();
    assert_eq!(odd.values, [35.0, 40.0, 50.0, 60.0, 62.0]);
    // 40 € a place-day, 5 000 € an allocation (MODEL.md 16.7).
    assert!((p.levers[0].unit_cost - 40.0 * 365.25).abs() < 1e-9);
    assert!((p.levers[1].unit_cost - 60_000.0).abs() < 1e-9);
    assert!((p.cost(&[1, 1]) - (146_100.0 + 120_000.0)).abs() < 1e-6);
    assert_eq!(p.start(), [0, 0]);
    assert_eq!(space_size(&p), 49);
    assert_eq!(strategy_for(&p, false), Strategy::Exhaustive);
    assert_eq!(strategy_for(&p, true), Strategy::Exhaustive);
}

#[test]
fn bad_levers_and_budgets_are_refused_with_what_is_wrong() {
    let net = chain(40, 40.0);
    let e = Grid::new(&net, &LeverId::Places("chrs".into()), None).unwrap_err();
    assert!(e.contains("lever-places-chrs: not a lever"), "{e}");
    let e = Grid::new(&default_scenario(), &LeverId::Trend, None).unwrap_err();
    assert!(e.contains("not something a budget funds"), "{e}");
    let e = Grid::new(&net, &hu(), Some((60.0, 50.0))).unwrap_err();
    assert!(e.contains("0 ≤ MIN ≤ MAX"), "{e}");
    let e = Grid::new(&net, &hu(), Some((-1.0, 50.0))).unwrap_err();
    assert!(e.contains("0 ≤ MIN ≤ MAX"), "{e}");
    let l = Grid::new(&net, &hu(), None).unwrap();
    let e = Problem::new(
        net.clone(),
        vec![l.clone(), l.clone()],
        1.0,
        None,
        HOUSEHOLD_DAYS,
    )
    .unwrap_err();
    assert!(e.contains("allowed twice"), "{e}");
    let e = Problem::new(net.clone(), vec![l], -5.0, None, HOUSEHOLD_DAYS).unwrap_err();
    assert!(e.contains("budget -5"), "{e}");
    let e = Problem::new(net, vec![], 1.0, None, HOUSEHOLD_DAYS).unwrap_err();
    assert!(e.contains("no lever"), "{e}");
}

/// The greedy search (gain per euro, then pair moves), forced on the small case, finds at
/// every budget the mix brute force finds on the same fluid numbers; so does the search the
/// problem picks (exhaustive here).
#[test]
fn the_optimiser_matches_exhaustive_search_on_a_small_case() {
    for budget in [
        0.0,
        150_000.0,
        300_000.0,
        500_000.0,
        700_000.0,
        1_000_000.0,
        2_000_000.0,
    ] {
        let p = small(budget);
        let (want, want_cost) = brute_force(&p, budget);
        for strategy in [Strategy::Greedy, Strategy::Exhaustive] {
            let mut s = Search::default();
            s.run(&p, budget, strategy, &mut surrogate()).unwrap();
            let got = s.best_within(&p, budget).unwrap();
            let v = s.evaluated[&got].value;
            assert!(
                (v - want).abs() <= 1e-9 * want.abs() && (p.cost(&got) - want_cost).abs() < 1e-6,
                "{strategy:?} at {budget} €: {:?} = {v} at {} € vs brute force {want} at {want_cost} €",
                p.values(&got),
                p.cost(&got)
            );
        }
    }
    // Exhaustive search: 49 evaluations serve every budget of the front.
    let p = small(2_000_000.0);
    let found = search(&p, &mut surrogate()).unwrap();
    assert_eq!(found.strategy, Strategy::Exhaustive);
    assert!(found.evaluations <= 49);
}

/// Levers that only help together: the objective counts the pairs (10 places, 2 dwellings a
/// month) added, the smaller of the two — the shape of a chain whose two resources bind at
/// once. No single step improves anything, so a search one step at a time stops at the
/// scenario; the pair moves find what brute force finds.
struct Together;

impl Evaluate for Together {
    fn evaluate(&mut self, scenarios: &[Scenario]) -> Result<Vec<Option<Evaluation>>, String> {
        Ok(scenarios
            .iter()
            .map(|s| {
                let lever = |id: &LeverId| {
                    levers_of(s)
                        .into_iter()
                        .find(|l| &l.id == id)
                        .unwrap()
                        .baseline
                };
                let pairs = ((lever(&hu()) - 40.0) / 10.0).min((lever(&hlm()) - 40.0) / 2.0);
                Some(Evaluation {
                    value: 1_000.0 - pairs,
                    reliable: true,
                })
            })
            .collect())
    }
}

#[test]
fn the_greedy_search_passes_levers_that_only_help_together() {
    for budget in [266_100.0, 600_000.0, 2_000_000.0] {
        let p = small(budget);
        let (want, _) = brute_force_with(&p, budget, &mut Together);
        assert!(want < 1_000.0, "the budget buys at least a pair");
        let mut s = Search::default();
        s.run(&p, budget, Strategy::Greedy, &mut Together).unwrap();
        let got = s.best_within(&p, budget).unwrap();
        assert_eq!(
            s.evaluated[&got].value,
            want,
            "{budget}: {:?}",
            p.values(&got)
        );
    }
}

/// More budget is never worse on the surrogate: the front's points are in budget order, each
/// within its budget and at least as good as the one before (checked on the greedy search, on
/// a grid too large for the exhaustive one, and on the default territory).
#[test]
fn the_front_is_monotone() {
    let net = chain(40, 40.0);
    let levers = vec![
        Grid::new(&net, &hu(), Some((0.0, 400.0))).unwrap(),
        Grid::new(&net, &hlm(), Some((20.0, 120.0))).unwrap(),
    ];
    let p = Problem::new(net, levers, 3_000_000.0, None, HOUSEHOLD_DAYS).unwrap();
    assert_eq!(
        strategy_for(&p, false),
        Strategy::Greedy,
        "{}",
        space_size(&p)
    );
    let front = Search::default()
        .front(&p, Strategy::Greedy, &mut surrogate())
        .unwrap();
    check_front(&p, &front);
    // Below the scenario's values (places closed, dwellings fewer) the budget is freed: the
    // front starts from the cheapest mix that helps most, which may cost less than nothing.
    let net = default_scenario();
    let levers = [
        LeverId::Places("chrs".into()),
        LeverId::Places("hu".into()),
        LeverId::Slots("asll_avdl".into()),
    ]
    .iter()
    .map(|id| Grid::new(&net, id, None).unwrap())
    .collect();
    let p = Problem::new(net, levers, 2_000_000.0, None, HOUSEHOLD_DAYS).unwrap();
    let front = Search::default()
        .front(&p, strategy_for(&p, false), &mut surrogate())
        .unwrap();
    check_front(&p, &front);
}

fn check_front(p: &Problem, front: &[FrontPoint]) {
    assert_eq!(front.len(), FRONT_POINTS);
    for w in front.windows(2) {
        assert!(w[0].budget < w[1].budget);
        assert!(w[1].value <= w[0].value, "{front:#?}");
    }
    for f in front {
        assert!(f.cost <= f.budget + 1e-6, "{f:?}");
        assert!((p.cost(&f.mix) - f.cost).abs() < 1e-6);
    }
    assert_eq!(front[0].budget, 0.0);
    assert_eq!(front.last().unwrap().budget, p.budget);
    assert!(
        front.last().unwrap().value < front[0].value,
        "a budget buys something: {front:#?}"
    );
}

/// With 15 places a year, 30 HU places more open 15 when the reporting window starts (after the
/// chain's 24 months of warm-up) and 15 a year later, as dated openings of the engine, not as a
/// level; the dwellings are a level at once.
#[test]
fn a_yearly_opening_cap_dates_the_places_year_by_year() {
    let net = chain(40, 40.0);
    let levers = vec![
        Grid::new(&net, &hu(), Some((40.0, 100.0))).unwrap(),
        Grid::new(&net, &hlm(), Some((40.0, 52.0))).unwrap(),
    ];
    let p = Problem::new(net, levers, 1e7, Some(15), HOUSEHOLD_DAYS).unwrap();
    let mix = vec![3, 2]; // 70 places, 44 dwellings a month
    let sched = p.schedule(&mix);
    assert_eq!(
        sched,
        [
            Scheduled {
                year: 1,
                stage: "hu".into(),
                month: 24,
                places: 15
            },
            Scheduled {
                year: 2,
                stage: "hu".into(),
                month: 36,
                places: 15
            },
        ]
    );
    let settings = p.settings(&mix);
    assert_eq!(
        settings.values.get(&hu()),
        None,
        "the level stays the scenario's"
    );
    assert_eq!(settings.values.get(&hlm()), Some(&44.0));
    assert_eq!(settings.openings.len(), 2);
    // The cost is the yearly cost once every place is open.
    assert!((p.cost(&mix) - (30.0 * 40.0 * 365.25 + 4.0 * 60_000.0)).abs() < 1e-6);
    // Where the places bind (100 dwellings a month, 50 places pass on 50.7 households a month
    // for 61 arriving), 10 places opened 5 a year help less than at once, on the same surrogate.
    let net = chain(40, 100.0);
    let levers = vec![Grid::new(&net, &hu(), Some((40.0, 100.0))).unwrap()];
    let mut ramp = Problem::new(net, levers, 1e7, Some(5), HOUSEHOLD_DAYS).unwrap();
    let without = |p: &Problem| fluid(&Model::new(&p.scenario(&[1])).unwrap()).without_solution;
    let slow = without(&ramp);
    ramp.open_per_year = None;
    let level = without(&ramp);
    assert!(slow > level + 1.0, "{slow} vs {level}");
    // 60 places at 10 a year from month 24: the fourth to sixth years' open at or after the
    // 60-month horizon.
    let mut slow = p.clone();
    slow.open_per_year = Some(10);
    assert_eq!(slow.schedule(&[6, 0]).len(), 6);
    assert_eq!(slow.beyond_horizon(&[6, 0]), 30);
    // The sentences name the recommended mix's openings, and those after the horizon.
    let sel = Selection {
        finalists: vec![Finalist {
            mix: vec![6, 0],
            value: estimate(SystemHeadline::Unsheltered.into(), &[1.0, 2.0]),
            gain: estimate(SystemHeadline::Unsheltered.into(), &[1.0, 2.0]),
            cost: None,
        }],
        comparisons: 0,
        confidence: CONFIDENCE,
        lead: None,
        distinguishable: false,
        best_of_all: false,
        practical: 1.0,
        equivalent: false,
    };
    let found = found(Method::Surrogate, vec![vec![6, 0]], None);
    let fr = sentences(Lang::Fr, &slow, &found, &sel).join(" ");
    assert!(
        fr.contains("Ouvertures de places, au plus au rythme permis : année 1 : 10 places (HU) ; année 2 : 10 places (HU)"),
        "{fr}"
    );
    assert!(fr.contains("30 places n'ouvriraient qu'après"), "{fr}");
    assert!(fr.contains("Places — HU : 40 → 100"), "{fr}");
}

/// A search's outcome with only what the sentences read: its method and its finalists.
fn found(method: Method, finalists: Vec<Mix>, replications: Option<u64>) -> Found {
    Found {
        method,
        strategy: Strategy::Exhaustive,
        front: Vec::new(),
        evaluations: finalists.len(),
        finalists,
        start_value: None,
        replications,
        values: BTreeMap::new(),
        opening_order: vec![0, 1],
    }
}

/// The scenario of each mix, replications `indices`, seed `seed` (as the command line runs
/// them, one after the other here).
fn run(scenarios: &[Scenario], seed: u64, indices: std::ops::Range<u64>) -> Vec<Ensemble> {
    scenarios
        .iter()
        .map(|s| {
            let m = Model::new(s).unwrap();
            let mut e = Ensemble::new(m.layout().clone(), seed);
            for i in indices.clone() {
                e.add(simulate(&m, seed, i).unwrap());
            }
            e
        })
        .collect()
}

/// Two finalists that are the same mix cannot be told apart: their paired differences are all
/// 0, an interval that does not exclude 0.
#[test]
fn identical_candidates_are_not_distinguishable() {
    let p = small(1e6);
    let mixes = vec![vec![2, 3], vec![2, 3]];
    let scenarios: Vec<Scenario> = std::iter::once(p.network.clone())
        .chain(mixes.iter().map(|m| p.scenario(m)))
        .collect();
    let ensembles = run(&scenarios, 3, 0..20);
    let sel = select(&mixes, &ensembles, &HOUSEHOLD_DAYS).unwrap();
    assert!(!sel.distinguishable);
    assert!(!sel.best_of_all);
    assert_eq!(sel.comparisons, 1);
    let lead = sel.lead.as_ref().unwrap();
    assert_eq!(lead.mean, Some(0.0));
    assert!(
        sel.equivalent,
        "a zero gap is under any practical threshold"
    );
    let found = found(Method::Surrogate, mixes.clone(), None);
    let fr = sentences(Lang::Fr, &p, &found, &sel).join(" ");
    assert!(
        fr.contains("On ne peut pas la départager de la deuxième"),
        "{fr}"
    );
    let en = sentences(Lang::En, &p, &found, &sel).join(" ");
    assert!(
        en.contains("not distinguishable from the runner-up"),
        "{en}"
    );
}

/// +12 dwellings a month where dwellings bind (chain(80, 40): MODEL.md 16.5's first reference
/// case) lower the household-days by about 12/0.3 × 365.25 ≈ 14 600 a year, far beyond the
/// noise of 30 pairs; the scenario as it is gains nothing: the best is distinguishable.
#[test]
fn a_clearly_better_candidate_is_distinguishable() {
    let net = chain(80, 40.0);
    let levers = vec![Grid::new(&net, &hlm(), Some((40.0, 52.0))).unwrap()];
    let p = Problem::new(net, levers, 1e6, None, HOUSEHOLD_DAYS).unwrap();
    let mixes = vec![vec![0], vec![6]];
    let scenarios: Vec<Scenario> = std::iter::once(p.network.clone())
        .chain(mixes.iter().map(|m| p.scenario(m)))
        .collect();
    let sel = select(&mixes, &run(&scenarios, 5, 0..30), &HOUSEHOLD_DAYS).unwrap();
    assert_eq!(
        sel.finalists[0].mix,
        [6],
        "the better first whatever the input order"
    );
    assert!(
        sel.distinguishable && sel.best_of_all && !sel.equivalent,
        "{sel:#?}"
    );
    let g = sel.finalists[0].gain.mean.unwrap();
    assert!((g - 12.0 / 0.3 * 365.25).abs() < 0.25 * g, "{g}");
    // The simulation's cost of 12 dwellings a month more, all used, at 5 000 € each.
    let c = sel.finalists[0].cost.as_ref().unwrap().mean.unwrap();
    assert!((c - 720_000.0).abs() < 0.05 * 720_000.0, "{c}");
    let en = sentences(
        Lang::En,
        &p,
        &found(Method::SimulationObjective, mixes, Some(10)),
        &sel,
    )
    .join(" ");
    assert!(
        en.contains("It is distinguishable from the runner-up"),
        "{en}"
    );
    assert!(en.contains("10 replications a mix"), "{en}");
    assert!(en.contains("Recommended mix: Allocations"), "{en}");
}

/// An objective the fluid approximation does not compute is searched on the simulation, with
/// the replications it is given, and says so.
#[test]
fn without_the_surrogate_the_search_runs_on_the_simulation() {
    let net = chain(80, 40.0);
    let levers = vec![Grid::new(&net, &hlm(), Some((40.0, 44.0))).unwrap()];
    let p = Problem::new(net, levers, 1e6, None, SHARE_HOUSED_12M).unwrap();
    let mut calls = 0;
    let mut sim = Simulated {
        objective: SHARE_HOUSED_12M.id,
        replications: 4,
        run: |s: &[Scenario]| {
            calls += s.len();
            Ok(run(s, 1, 0..4))
        },
    };
    let found = search(&p, &mut sim).unwrap();
    assert_eq!(found.method, Method::SimulationObjective);
    assert_eq!(found.replications, Some(4));
    assert_eq!(calls, 3, "each of the 3 mixes run once");
    assert_eq!(found.front.len(), FRONT_POINTS);
}

/// The search's outcome reads back to itself, to the bit, from JSON: the parts of an optimiser
/// split over machines carry it to their merge.
#[test]
fn the_search_outcome_reads_back_to_itself() {
    let mut f = found(
        Method::SimulationUnreliable,
        vec![vec![1, 2], vec![0, 3]],
        Some(10),
    );
    f.front.push(FrontPoint {
        budget: 1e5,
        mix: vec![1, 2],
        cost: 99_999.5,
        value: 0.1 + 0.2,
    });
    f.values.insert(vec![1, 2], 1.0 / 3.0);
    f.values.insert(vec![0, 3], 12_345.678_9);
    f.start_value = Some(2f64.sqrt());
    let text = serde_json::to_string(&f).unwrap();
    assert_eq!(serde_json::from_str::<Found>(&text).unwrap(), f, "{text}");
}

/// `chain`'s waiting list (2 arrivals a day, leaving at 0.3 a month) → emergency shelter (`hu`,
/// 80 places, exponential stays of 30 days: room for 2.7 households a day) → insertion housing
/// (`chrs`, 150 places, stays of 120 days: 1.25 a day) → housed. `chrs` binds: it sets the
/// pathway's throughput T, and the waiting list is (λ − T)/a (the chain of `marginal::tests`);
/// HU's extra places only hold more households blocked for `chrs`.
fn two_stages() -> Scenario {
    let mut v = serde_json::to_value(chain(80, 40.0)).expect("a scenario is JSON");
    v["stages"] = serde_json::json!([
        {"id": "hu", "label": {"fr": "HU"}, "kind": "places", "places": 80,
         "cost_per_place_day": 40.0,
         "stay": {"default": {"distribution": "exponential", "mean_days": 30.0}},
         "routes": {"default": [{"to": "chrs", "p": 1.0}]}},
        {"id": "chrs", "label": {"fr": "CHRS"}, "kind": "places", "places": 150,
         "cost_per_place_day": 60.0,
         "stay": {"default": {"distribution": "exponential", "mean_days": 120.0}},
         "routes": {"default": [{"to": "home", "p": 1.0}]}}
    ]);
    Scenario::from_json(&v.to_string()).expect("two stages make a valid scenario")
}

/// The downstream stage binds (`two_stages`), and its lever is listed last: its places, dearer
/// a place, open first, because HU's do nothing for the waiting list while `chrs` is full
/// (+10 `chrs` places raise T by 10/120 a day, the waiting list falls by ΔT/a ≈ 8 households;
/// +10 HU places leave it where it is). Ranked on the fluid approximation before the search,
/// carried in its outcome, and the order scores better than the levers' order on the same
/// surrogate. This changes on purpose what the schedule did before: it opened the levers'
/// places in the order the levers were given (HU first here).
#[test]
fn the_schedule_opens_first_the_places_that_do_most_a_euro() {
    let net = two_stages();
    let chrs = LeverId::Places("chrs".into());
    let levers = vec![
        Grid::new(&net, &hu(), Some((80.0, 100.0))).unwrap(),
        Grid::new(&net, &chrs, Some((150.0, 170.0))).unwrap(),
    ];
    let p = Problem::new(net, levers, 1e7, Some(15), HOUSEHOLD_DAYS).unwrap();
    assert_eq!(p.opening_order, [0, 1], "the levers' order until ranked");
    let order = opening_order(&p).unwrap();
    assert_eq!(order, [1, 0], "chrs first");
    let mix = vec![2, 2]; // +20 places each
    let by_value = p.clone().with_opening_order(&order).unwrap();
    let opening = |o: &Scheduled| (o.year, o.stage.clone(), o.places);
    assert_eq!(
        by_value
            .schedule(&mix)
            .iter()
            .map(opening)
            .collect::<Vec<_>>(),
        [
            (1, "chrs".to_string(), 15),
            (2, "chrs".to_string(), 5),
            (2, "hu".to_string(), 10),
            (3, "hu".to_string(), 10),
        ]
    );
    let without = |p: &Problem| fluid(&Model::new(&p.scenario(&mix)).unwrap()).without_solution;
    assert!(
        without(&by_value) < without(&p) - 1.0,
        "{} vs {}",
        without(&by_value),
        without(&p)
    );
    // The search ranks the same order and scores every mix with it (on the simulation where
    // the approximation is unreliable: HU full of households blocked for `chrs`).
    let mut simulation = Simulated {
        objective: SystemHeadline::HouseholdDaysWithoutSolutionPerYear,
        replications: 10,
        run: |s: &[Scenario]| Ok(run(s, 1, 0..10)),
    };
    let found = search(&p, &mut simulation).unwrap();
    assert_eq!(found.opening_order, [1, 0]);
    // The page's search worker finds the same (same seed, same replications 0..10).
    assert_eq!(search_in_thread(&p, 1, 10, &mut |_| {}).unwrap(), found);
    // Without a cap, or with one place lever, nothing is ranked.
    let mut uncapped = p.clone();
    uncapped.open_per_year = None;
    assert_eq!(opening_order(&uncapped).unwrap(), [0, 1]);
    assert!(p.clone().with_opening_order(&[0, 0]).is_err());
    assert!(p.with_opening_order(&[1]).is_err());
}

/// A search on the simulation (the surrogate does not compute the share housed within 12
/// months) tells its progress after each mix and at each of the front's budgets; an exhaustive
/// one says how many mixes it will simulate, and simulates that many.
#[test]
fn a_search_on_the_simulation_tells_its_progress() {
    let net = chain(40, 40.0);
    let levers = vec![Grid::new(&net, &hlm(), Some((40.0, 44.0))).unwrap()];
    // +2 dwellings a month cost 120 000 € a year.
    let p = Problem::new(net, levers, 240_000.0, None, SHARE_HOUSED_12M).unwrap();
    assert_eq!(
        simulations_planned(&p),
        Some(3),
        "40, 42, 44 within the budget"
    );
    let mut seen = Vec::new();
    let found = search_in_thread(&p, 3, 10, &mut |s| seen.push(*s)).unwrap();
    assert_eq!(found.method, Method::SimulationObjective);
    let last = seen.last().unwrap();
    assert_eq!((last.mixes, last.planned), (3, Some(3)));
    assert_eq!(last.mixes, found.evaluations);
    assert_eq!(last.replications, 10);
    assert_eq!(last.budget, FRONT_POINTS);
    assert!(seen
        .windows(2)
        .all(|w| w[0].mixes <= w[1].mixes && w[0].budget <= w[1].budget));
    assert_eq!(last.fraction(), (3, 3));
    assert_eq!(
        seen[0].fraction(),
        (1, 3),
        "the scenario's own values first"
    );
    let fr = t(Lang::Fr, Msg::OptimiseSearchProgress(seen[0])).into_owned();
    assert!(
        fr.contains("10 réplications par combinaison) : 1 / 3 combinaisons simulées"),
        "{fr}"
    );
    // A greedy search does not know how many.
    let mut big = p.clone();
    big.levers = vec![Grid::new(&big.network, &hlm(), Some((40.0, 400.0))).unwrap()];
    assert_eq!(space_size(&big), 181);
    assert_eq!(simulations_planned(&big), None);
    let greedy = SearchProgress {
        mixes: 42,
        planned: None,
        replications: 10,
        budget: 3,
    };
    assert_eq!(
        greedy.fraction(),
        (2, FRONT_POINTS),
        "two budgets of six searched"
    );
    let en = t(Lang::En, Msg::OptimiseSearchProgress(greedy)).into_owned();
    assert!(
        en.ends_with("42 mixes simulated, budget 3 of the front's 6"),
        "{en}"
    );
}
