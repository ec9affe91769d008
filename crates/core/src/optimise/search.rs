//! The search over the grid: exhaustive on small spaces, else greedy by gain per euro with
//! pair moves after; the cost–outcome front and the finalists ([`Search`], [`search`]).

use super::*;

/// How the search went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Every mix of the grid was evaluated.
    Exhaustive,
    /// Greedy by gain per euro from the scenario, then pair moves until none improves.
    Greedy,
}

/// The mixes evaluated so far (each once), and the search's results.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub evaluated: BTreeMap<Mix, Evaluation>,
}

/// A point of the cost–outcome front.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontPoint {
    /// The budget of this point, euros a year.
    pub budget: f64,
    pub mix: Mix,
    /// The mix's cost, euros a year (≤ `budget`).
    pub cost: f64,
    /// The evaluator's objective for the mix.
    pub value: f64,
}

impl Search {
    /// The evaluations of `mixes` not evaluated yet, in one batch.
    fn fill(&mut self, p: &Problem, mixes: &[Mix], eval: &mut dyn Evaluate) -> Result<(), String> {
        let todo: std::collections::BTreeSet<Mix> = mixes
            .iter()
            .filter(|m| !self.evaluated.contains_key(*m))
            .cloned()
            .collect();
        if todo.is_empty() {
            return Ok(());
        }
        let scenarios: Vec<Scenario> = todo.iter().map(|m| p.scenario(m)).collect();
        let values = eval.evaluate(&scenarios)?;
        for (m, v) in todo.into_iter().zip(values) {
            let v =
                v.ok_or_else(|| format!("the evaluator does not compute {}", p.objective.code()))?;
            self.evaluated.insert(m, v);
        }
        Ok(())
    }

    fn score(&self, p: &Problem, m: &Mix) -> f64 {
        self.evaluated
            .get(m)
            .map_or(f64::NEG_INFINITY, |e| p.score(e.value))
    }

    /// The best evaluated mix costing at most `budget`: the highest score, then the cheapest,
    /// then the first in grid order (the same on every machine).
    pub fn best_within(&self, p: &Problem, budget: f64) -> Option<Mix> {
        let mut best: Option<(&Mix, f64, f64)> = None;
        for (m, e) in &self.evaluated {
            let cost = p.cost(m);
            if cost > budget + 1e-6 {
                continue;
            }
            let s = p.score(e.value);
            if s.is_nan() {
                continue;
            }
            let better = match best {
                None => true,
                Some((_, bs, bc)) => s > bs || (s == bs && cost < bc),
            };
            if better {
                best = Some((m, s, cost));
            }
        }
        best.map(|(m, _, _)| m.clone())
    }

    /// Searches the mixes within `budget` by `strategy`; the best is then [`Self::best_within`].
    pub fn run(
        &mut self,
        p: &Problem,
        budget: f64,
        strategy: Strategy,
        eval: &mut dyn Evaluate,
    ) -> Result<(), String> {
        match strategy {
            Strategy::Exhaustive => {
                let all: Vec<Mix> = every_mix(p)
                    .into_iter()
                    .filter(|m| p.cost(m) <= budget + 1e-6)
                    .collect();
                self.fill(p, &all, eval)
            }
            Strategy::Greedy => self.greedy(p, budget, eval),
        }
    }

    fn greedy(&mut self, p: &Problem, budget: f64, eval: &mut dyn Evaluate) -> Result<(), String> {
        let fits = |m: &Mix| p.cost(m) <= budget + 1e-6;
        let mut at = p.start();
        // From the cheapest mix when the scenario's own values are over the budget (bounds
        // above them, or a budget below 0 of savings).
        if !fits(&at) {
            at = p
                .levers
                .iter()
                .map(|l| if l.unit_cost > 0.0 { 0 } else { l.start() })
                .collect();
            if !fits(&at) {
                return Ok(());
            }
        }
        self.fill(p, std::slice::from_ref(&at), eval)?;
        // Greedy: the single step up with the best gain per euro (free steps by their gain).
        loop {
            let moves: Vec<Mix> = (0..at.len())
                .filter_map(|i| shifted(p, &at, &[(i, 1)]))
                .filter(|m| fits(m))
                .collect();
            self.fill(p, &moves, eval)?;
            let here = self.score(p, &at);
            let c0 = p.cost(&at);
            let key = |m: &Mix| {
                let gain = self.score(p, m) - here;
                let dc = p.cost(m) - c0;
                // Free (or saving) steps first, then by gain per euro.
                if dc <= 0.0 {
                    (1, gain)
                } else {
                    (0, gain / dc)
                }
            };
            let best = moves
                .iter()
                .filter(|m| self.score(p, m) > here)
                .max_by(|a, b| {
                    let (ka, kb) = (key(a), key(b));
                    ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
                });
            match best {
                Some(m) => at = m.clone(),
                None => break,
            }
        }
        // Pair moves: one lever up and another up or down, or one down, until none improves
        // (frees budget spent where it did little, passes bottlenecks one step cannot).
        loop {
            let n = at.len();
            let mut moves = Vec::new();
            for i in 0..n {
                moves.extend(shifted(p, &at, &[(i, -1)]));
                for j in 0..n {
                    if i != j {
                        moves.extend(shifted(p, &at, &[(i, 1), (j, -1)]));
                        if i < j {
                            moves.extend(shifted(p, &at, &[(i, 1), (j, 1)]));
                        }
                    }
                }
            }
            moves.retain(|m| fits(m));
            self.fill(p, &moves, eval)?;
            let here = self.score(p, &at);
            let best = moves
                .iter()
                .filter(|m| self.score(p, m) > here)
                .max_by(|a, b| self.score(p, a).total_cmp(&self.score(p, b)));
            match best {
                Some(m) => at = m.clone(),
                None => break,
            }
        }
        Ok(())
    }

    /// The cost–outcome front: the best mix found for [`FRONT_POINTS`] budgets from 0 to the
    /// problem's, each searched in turn. A mix within a smaller budget is within a larger one,
    /// so each point is at least as good as the one before.
    pub fn front(
        &mut self,
        p: &Problem,
        strategy: Strategy,
        eval: &mut dyn Evaluate,
    ) -> Result<Vec<FrontPoint>, String> {
        let mut out: Vec<FrontPoint> = Vec::new();
        for k in 0..FRONT_POINTS {
            let budget = p.budget * k as f64 / (FRONT_POINTS - 1) as f64;
            eval.begin_budget(k);
            self.run(p, budget, strategy, eval)?;
            let Some(mix) = self.best_within(p, budget) else {
                continue;
            };
            let value = self.evaluated[&mix].value;
            let point = FrontPoint {
                budget,
                cost: p.cost(&mix),
                mix,
                value,
            };
            match out.last() {
                Some(prev) if p.score(prev.value) >= p.score(point.value) => out.push(FrontPoint {
                    budget,
                    ..prev.clone()
                }),
                _ => out.push(point),
            }
        }
        Ok(out)
    }

    /// The `count` best distinct mixes evaluated within the budget, best first.
    pub fn finalists(&self, p: &Problem, count: usize) -> Vec<Mix> {
        let mut within: Vec<(&Mix, f64, f64)> = self
            .evaluated
            .iter()
            .filter(|(m, _)| p.cost(m) <= p.budget + 1e-6)
            .map(|(m, e)| (m, p.score(e.value), p.cost(m)))
            .filter(|(_, score, _)| !score.is_nan())
            .collect();
        within.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.total_cmp(&b.2)));
        within
            .into_iter()
            .take(count)
            .map(|(m, _, _)| m.clone())
            .collect()
    }
}

/// Every mix of the grid, in grid order.
pub(super) fn every_mix(p: &Problem) -> Vec<Mix> {
    let mut out = vec![Vec::new()];
    for l in &p.levers {
        out = out
            .into_iter()
            .flat_map(|m: Mix| {
                (0..l.values.len()).map(move |k| {
                    let mut m = m.clone();
                    m.push(k);
                    m
                })
            })
            .collect();
    }
    out
}

/// Mixes in the grid: the product of the levers' numbers of values (saturating).
pub fn space_size(p: &Problem) -> usize {
    p.levers
        .iter()
        .fold(1usize, |n, l| n.saturating_mul(l.values.len()))
}

/// The strategy for a problem: exhaustive up to [`EXHAUSTIVE_LIMIT`] mixes on the fluid
/// approximation, [`EXHAUSTIVE_LIMIT_SIMULATION`] on the simulation.
pub fn strategy_for(p: &Problem, on_simulation: bool) -> Strategy {
    let limit = if on_simulation {
        EXHAUSTIVE_LIMIT_SIMULATION
    } else {
        EXHAUSTIVE_LIMIT
    };
    if space_size(p) <= limit {
        Strategy::Exhaustive
    } else {
        Strategy::Greedy
    }
}

/// `at` with lever `i` moved by `d` grid points for each `(i, d)`; `None` off the grid.
pub(super) fn shifted(p: &Problem, at: &[usize], moves: &[(usize, i64)]) -> Option<Mix> {
    let mut m = at.to_vec();
    for &(i, d) in moves {
        let k = m[i] as i64 + d;
        if k < 0 || k as usize >= p.levers[i].values.len() {
            return None;
        }
        m[i] = k as usize;
    }
    Some(m)
}

/// Which evaluator the search used, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The fluid approximation, reliable at the scenario and at every mix retained.
    Surrogate,
    /// The simulation with fewer replications: the approximation does not compute the
    /// objective.
    SimulationObjective,
    /// The simulation with fewer replications: the approximation is not reliable there (near
    /// saturation or with strong blocking).
    SimulationUnreliable,
}

/// The search's outcome: the front and the finalists, found by `method`. Plain data that
/// reads back to itself, so that the parts of a sweep split over machines carry the search and
/// their merge ranks its finalists without searching again, and the page's search worker sends
/// it in bincode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    pub method: Method,
    pub strategy: Strategy,
    pub front: Vec<FrontPoint>,
    pub finalists: Vec<Mix>,
    /// The evaluator's objective at the scenario's own values (the start mix).
    pub start_value: Option<f64>,
    pub evaluations: usize,
    /// Replications a mix when the search ran on the simulation.
    pub replications: Option<u64>,
    /// The evaluator's objective for the scenario's own values, the front's and the
    /// finalists' mixes.
    #[serde(with = "mix_values")]
    pub values: BTreeMap<Mix, f64>,
    /// The order the added places open in ([`opening_order`]), which every mix was scored
    /// with: give it to the problem ([`Problem::with_opening_order`]) to schedule a mix.
    pub opening_order: Vec<usize>,
}

/// [`Found::values`] as a list of `[mix, value]` pairs: JSON keys are strings, a mix is not.
mod mix_values {
    use super::Mix;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(m: &BTreeMap<Mix, f64>, s: S) -> Result<S::Ok, S::Error> {
        m.iter().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<Mix, f64>, D::Error> {
        Ok(Vec::<(Mix, f64)>::deserialize(d)?.into_iter().collect())
    }
}

/// Searches on the fluid approximation where it computes the objective and is reliable at the
/// scenario and at every mix retained (front and finalists); otherwise on `simulation` (fewer
/// replications), saying why.
pub fn search(p: &Problem, simulation: &mut dyn Evaluate) -> Result<Found, String> {
    let opening_order = opening_order(p)?;
    let p = &p.clone().with_opening_order(&opening_order)?;
    let found = |method: Method, eval: &mut dyn Evaluate| -> Result<(Found, bool), String> {
        let strategy = strategy_for(p, method != Method::Surrogate);
        let mut s = Search::default();
        let start = p.start();
        s.fill(p, std::slice::from_ref(&start), eval)?;
        let front = s.front(p, strategy, eval)?;
        let finalists = s.finalists(p, FINALISTS);
        let retained: BTreeMap<Mix, Evaluation> = std::iter::once(&start)
            .chain(front.iter().map(|f| &f.mix))
            .chain(&finalists)
            .map(|m| (m.clone(), s.evaluated[m]))
            .collect();
        let reliable = retained.values().all(|e| e.reliable);
        Ok((
            Found {
                method,
                strategy,
                front,
                finalists,
                start_value: Some(s.evaluated[&start].value),
                evaluations: s.evaluated.len(),
                replications: eval.replications(),
                values: retained.into_iter().map(|(m, e)| (m, e.value)).collect(),
                opening_order: p.opening_order.clone(),
            },
            reliable,
        ))
    };
    if !Surrogate::computes(p.objective.id) {
        return Ok(found(Method::SimulationObjective, simulation)?.0);
    }
    let mut surrogate = Surrogate {
        objective: p.objective.id,
    };
    let (f, reliable) = found(Method::Surrogate, &mut surrogate)?;
    if reliable {
        return Ok(f);
    }
    Ok(found(Method::SimulationUnreliable, simulation)?.0)
}

/// Mixes an exhaustive search on the simulation will simulate: every mix within the budget
/// and the scenario's own values; `None` for a greedy search.
pub fn simulations_planned(p: &Problem) -> Option<usize> {
    if strategy_for(p, true) != Strategy::Exhaustive {
        return None;
    }
    let start = p.start();
    let within = every_mix(p)
        .into_iter()
        .filter(|m| p.cost(m) <= p.budget + 1e-6 || *m == start)
        .count();
    Some(within)
}

/// The search of `p` in this thread, the simulation where the surrogate does not serve run here
/// too: [`search_replications`]`(finals)` replications of each mix from index 0 on `seed`, as
/// the finals will run them, `on_progress` told after each mix simulated. The page's search
/// worker runs it (a separate thread of its own).
pub fn search_in_thread(
    p: &Problem,
    seed: u64,
    finals: u64,
    on_progress: &mut dyn FnMut(&SearchProgress),
) -> Result<Found, String> {
    let n = search_replications(finals);
    let simulation = Simulated {
        objective: p.objective.id,
        replications: n,
        run: |scenarios: &[Scenario]| {
            scenarios
                .iter()
                .map(|s| {
                    let model = model_of(s)?;
                    let mut e = Ensemble::new(model.layout().clone(), seed);
                    for i in 0..n {
                        e.add(simulate(&model, seed, i).map_err(|e| e.to_string())?);
                    }
                    Ok(e)
                })
                .collect()
        },
    };
    let mut reporting = Reporting {
        inner: simulation,
        progress: SearchProgress {
            planned: simulations_planned(p),
            replications: n,
            ..SearchProgress::default()
        },
        on_progress,
    };
    search(p, &mut reporting)
}
