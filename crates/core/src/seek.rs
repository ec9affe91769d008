//! « Que faut-il pour… ? »: target seeking (issue 13, MODEL.md 16.5.1).
//!
//! A target ([`crate::target::Target`]: an objective, a level or a relative change, a month,
//! a probability) and the levers allowed, each with bounds: for each lever alone, the least
//! amount within its bounds whose runs meet the target in at least the probability asked of
//! the replications, all runs paired with the baseline's (same seed, same replication
//! indices). The search assumes that the share meeting the target does not fall as the lever
//! grows (more places, slots or allocations never make the objective worse in the model's
//! means; under common random numbers the shares follow closely): it probes the upper bound
//! first (out of reach there: out of reach at all), then the fluid model's guess where that
//! approximation is reliable, gallops from it and bisects down to the lever's step. Of the
//! levers that reach the target, the cheapest (the paired difference of `cost_per_year` at
//! its amount) is named. With several levers, the least-cost mix that reaches the target is then
//! sought on a grid of each lever's range ([`mix`]): exact on that grid under the same assumption,
//! within a bound on the runs (said when it stops there).
//!
//! Plain data and arithmetic, like `marginal.rs`: the caller runs the scenario of each probe
//! ([`Seek::next`], [`Seek::scenario`]) and hands the ensemble back ([`Seek::record`]).

use parcours_engine::{binding_constraint, Ensemble, Label, Scenario};

use crate::i18n::numbers::format_num;
use crate::i18n::{t, Lang, Msg};
use crate::levers::{levers_of, LeverId, Settings};
use crate::measures::Better;
use crate::optimise::unit_cost;
use crate::target::{attainment, with_amounts, Allowed, Attainment, Target};
pub use guess::fluid_guess;
use mix::Mix;
pub use text::{mix_text, outcome_text, sentence, sentences, target_text};

/// What is wrong with the levers asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum SeekError {
    NoLever,
    /// Not a lever of this network: the id, and those it has.
    UnknownLever {
        id: String,
        known: Vec<String>,
    },
    /// The arrival trend is an assumption about demand, not something to fund.
    Trend,
    /// The same lever twice.
    Twice(String),
    /// Bounds below 0 or the wrong way round.
    Bounds {
        id: String,
        min: f64,
        max: f64,
    },
}

impl SeekError {
    pub fn text(&self, lang: Lang) -> String {
        let msg = match self {
            SeekError::NoLever => Msg::SeekNoLever,
            SeekError::UnknownLever { id, known } => {
                return t(
                    lang,
                    Msg::SeekUnknownLever {
                        id,
                        known: &known.join(", "),
                    },
                )
                .into_owned()
            }
            SeekError::Trend => Msg::SeekTrend,
            SeekError::Twice(id) => Msg::SeekTwice { id },
            SeekError::Bounds { id, min, max } => {
                return t(
                    lang,
                    Msg::SeekBounds {
                        id,
                        min: &format_num(lang, *min),
                        max: &format_num(lang, *max),
                    },
                )
                .into_owned()
            }
        };
        t(lang, msg).into_owned()
    }
}

/// The levers asked for, each with its bounds: those given, else from its current value (the
/// settings', else the network's) to the top of its slider.
pub fn allowed(
    network: &Scenario,
    settings: &Settings,
    asked: &[(LeverId, Option<(f64, f64)>)],
) -> Result<Vec<Allowed>, SeekError> {
    if asked.is_empty() {
        return Err(SeekError::NoLever);
    }
    let levers = levers_of(network);
    let mut out: Vec<Allowed> = Vec::new();
    for (id, bounds) in asked {
        if *id == LeverId::Trend {
            return Err(SeekError::Trend);
        }
        let Some(lever) = levers.iter().find(|l| &l.id == id) else {
            return Err(SeekError::UnknownLever {
                id: id.to_string(),
                known: levers
                    .iter()
                    .filter(|l| l.id != LeverId::Trend)
                    .map(|l| l.id.to_string())
                    .collect(),
            });
        };
        if out.iter().any(|a| &a.lever.id == id) {
            return Err(SeekError::Twice(id.to_string()));
        }
        let current = settings.values.get(id).copied().unwrap_or(lever.baseline);
        let (min, max) = bounds.unwrap_or((current, lever.max.max(current)));
        if !(min >= 0.0 && min <= max && max.is_finite()) {
            return Err(SeekError::Bounds {
                id: id.to_string(),
                min,
                max,
            });
        }
        out.push(Allowed {
            lever: lever.clone(),
            min,
            max,
        });
    }
    Ok(out)
}

/// One amount of a lever, run and read against the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    pub amount: f64,
    pub attainment: Attainment,
}

/// Why a lever cannot reach the target within its bounds.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// It moves the objective, but at its upper bound too few replications meet the target.
    Bound,
    /// At its upper bound it does not move the objective (the paired difference with the
    /// baseline is within the noise, or the wrong way): something else binds.
    NoEffect,
}

/// Where a lever's search stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Searching,
    /// The least amount that reaches the target, and the probe one step below it (`None`
    /// when the lower bound already reaches it; boxed: two probes side by side would make
    /// every outcome twice as large as the others need).
    Reached {
        at: Probe,
        below: Option<Box<Probe>>,
    },
    Unreachable {
        at_bound: Probe,
        why: Why,
        /// What ready households wait for most at the bound (the engine's binding constraint,
        /// MODEL.md 15.6), by the label of its stage; `None` when nothing binds.
        binding: Option<Label>,
    },
}

/// The search over one lever's amounts: indices `0..=top` of the grid `min + k × step`.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub allowed: Allowed,
    /// The fluid model's least amount meeting the target's level in its means, where it is
    /// reliable (a first probe, not an answer).
    pub guess: Option<f64>,
    /// Every probe run, in the order run.
    pub probes: Vec<Probe>,
    top: usize,
    guess_k: Option<usize>,
    probed: Vec<usize>,
    /// Largest index known to fall short, smallest known to reach.
    short: Option<usize>,
    reach: Option<usize>,
    binding: Option<Label>,
}

/// Grid points the gallop from the guess starts with, as a share of the range (1/32).
const GALLOP_DIVISOR: usize = 32;

/// `width` × 2^`times`, saturating (usize is 32 bits in the page's WebAssembly).
fn doubled(width: usize, times: usize) -> usize {
    width.saturating_mul(2usize.saturating_pow(times.min(64) as u32))
}

impl Search {
    pub fn new(allowed: Allowed, guess: Option<f64>) -> Search {
        let step = allowed.lever.step.max(1e-9);
        let top = ((allowed.max - allowed.min) / step - 1e-9).ceil().max(0.0) as usize;
        let mut s = Search {
            allowed,
            guess: None,
            probes: Vec::new(),
            top,
            guess_k: None,
            probed: Vec::new(),
            short: None,
            reach: None,
            binding: None,
        };
        s.guess_k = guess.map(|g| s.index_of(g));
        s.guess = s.guess_k.map(|k| s.amount(k));
        s
    }

    /// The amount of grid index `k` (the upper bound for the last).
    pub fn amount(&self, k: usize) -> f64 {
        let a = &self.allowed;
        (a.min + k as f64 * a.lever.step).min(a.max)
    }

    /// The first grid index whose amount is at least `x`.
    fn index_of(&self, x: f64) -> usize {
        let a = &self.allowed;
        let k = ((x - a.min) / a.lever.step.max(1e-9) - 1e-9).ceil();
        (k.max(0.0) as usize).min(self.top)
    }

    /// The next grid index to run, or `None` when the search is over.
    pub fn next(&self) -> Option<usize> {
        if !self.probed.contains(&self.top) {
            return Some(self.top);
        }
        let hi = self.reach?;
        if hi == 0 {
            return None;
        }
        let width = (self.top / GALLOP_DIVISOR).max(1);
        let count = |f: &dyn Fn(usize) -> bool| self.probed.iter().filter(|&&k| f(k)).count();
        match (self.short, self.guess_k) {
            // From the guess, when it is below what is known to reach.
            (None, Some(g)) if g < hi && !self.probed.contains(&g) => Some(g),
            // The guess reached: gallop down from it, doubling the stride.
            (None, Some(g)) => {
                let strides = count(&|k| k < g);
                Some(hi.saturating_sub(doubled(width, strides)))
            }
            (None, None) => Some(0),
            (Some(lo), _) if hi - lo <= 1 => None,
            // The guess fell short and nothing but the bound reached yet: gallop up.
            (Some(lo), Some(g)) if hi == self.top && lo >= g => {
                let strides = count(&|k| k > g && k < self.top);
                let k = lo.saturating_add(doubled(width, strides));
                Some(if k < hi { k } else { lo + (hi - lo) / 2 })
            }
            (Some(lo), _) => Some(lo + (hi - lo) / 2),
        }
    }

    /// Records the run of grid index `k`: `alt` against the baseline's `base`.
    pub fn record(
        &mut self,
        k: usize,
        target: &Target,
        base: &Ensemble,
        alt: &Ensemble,
        network: &Scenario,
    ) -> Result<(), String> {
        let at = attainment(target, base, alt)?;
        self.note(k, at.reached);
        if !at.reached && k == self.top {
            self.binding = binding_constraint(&alt.summary()).and_then(|c| {
                network
                    .stages
                    .iter()
                    .find(|s| s.id == c.destination)
                    .map(|s| s.label.clone())
            });
        }
        self.probes.push(Probe {
            amount: self.amount(k),
            attainment: at,
        });
        Ok(())
    }

    /// Grid index `k` was run and reached the target or not.
    fn note(&mut self, k: usize, reached: bool) {
        if reached {
            self.reach = Some(self.reach.map_or(k, |r| r.min(k)));
        } else {
            self.short = Some(self.short.map_or(k, |s| s.max(k)));
        }
        self.probed.push(k);
    }

    /// Every grid index run ([`Seek::grid`]): the answer is the least index that reaches.
    fn settle_grid(&mut self) {
        self.short = match self.reach {
            Some(0) => None,
            Some(r) => Some(r - 1),
            None => Some(self.top),
        };
    }

    fn probe_at(&self, k: usize) -> Option<&Probe> {
        let i = self.probed.iter().position(|&p| p == k)?;
        self.probes.get(i)
    }

    pub fn outcome(&self, target: &Target) -> Outcome {
        if self.next().is_some() {
            return Outcome::Searching;
        }
        match self.reach {
            Some(hi) => Outcome::Reached {
                at: self.probe_at(hi).expect("probed").clone(),
                below: hi
                    .checked_sub(1)
                    .and_then(|k| self.probe_at(k))
                    .map(|p| Box::new(p.clone())),
            },
            None => {
                let at_bound = self.probe_at(self.top).expect("probed").clone();
                let d = &at_bound.attainment.difference;
                // The gain's interval (more is better for households) must be above 0.
                let helps = match target.objective.better {
                    Better::Higher => d.ci_low.is_some_and(|lo| lo > 0.0),
                    _ => d.ci_high.is_some_and(|hi| hi < 0.0),
                };
                Outcome::Unreachable {
                    at_bound,
                    why: if helps { Why::Bound } else { Why::NoEffect },
                    binding: self.binding.clone(),
                }
            }
        }
    }
}

/// A probe to run: lever `lever` (index in [`Seek::searches`]) at grid index `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub lever: usize,
    pub k: usize,
}

/// Target seeking over the levers allowed, one after the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Seek {
    pub target: Target,
    pub searches: Vec<Search>,
    /// With several levers, the least-cost mix, sought after each lever alone (which it
    /// learns from: [`Seek::record`]).
    pub mix: Option<Mix>,
}

impl Seek {
    /// `use_fluid`: probe the fluid model's guess first where it is reliable.
    pub fn new(
        network: &Scenario,
        settings: &Settings,
        target: Target,
        allowed: Vec<Allowed>,
        use_fluid: bool,
    ) -> Seek {
        let searches = allowed
            .into_iter()
            .map(|a| {
                let guess = if use_fluid {
                    fluid_guess(network, settings, &a, &target)
                } else {
                    None
                };
                Search::new(a, guess)
            })
            .collect::<Vec<_>>();
        let mix = (searches.len() > 1).then(|| {
            let levers: Vec<Allowed> = searches.iter().map(|s| s.allowed.clone()).collect();
            let current = levers
                .iter()
                .map(|a| {
                    settings
                        .values
                        .get(&a.lever.id)
                        .copied()
                        .unwrap_or(a.lever.baseline)
                })
                .collect();
            let unit_costs = levers
                .iter()
                .map(|a| unit_cost(network, &a.lever.id).unwrap_or(0.0))
                .collect();
            Mix::new(levers, current, unit_costs)
        });
        Seek {
            target,
            searches,
            mix,
        }
    }

    /// [`Seek::new`] with each lever's fluid guess given (`guesses[i]` for `allowed[i]`, as
    /// [`fluid_guess`] gives them): the page computes them in a worker, off the main thread.
    pub fn with_guesses(
        network: &Scenario,
        settings: &Settings,
        target: Target,
        allowed: Vec<Allowed>,
        guesses: &[Option<f64>],
    ) -> Seek {
        let mut seek = Seek::new(network, settings, target, allowed, false);
        for (search, guess) in seek.searches.iter_mut().zip(guesses) {
            *search = Search::new(search.allowed.clone(), *guess);
        }
        seek
    }

    /// The next mix to run, once every lever alone is done: each lever with its amount.
    pub fn next_mix(&self) -> Option<Vec<(LeverId, f64)>> {
        if self.next().is_some() {
            return None;
        }
        self.mix.as_ref()?.next()
    }

    /// Records the run of the mix [`Seek::next_mix`] gave.
    pub fn record_mix(&mut self, base: &Ensemble, alt: &Ensemble) -> Result<(), String> {
        let at = attainment(&self.target, base, alt)?;
        if let Some(m) = self.mix.as_mut() {
            m.record(at);
        }
        Ok(())
    }

    pub fn next(&self) -> Option<Request> {
        self.searches
            .iter()
            .enumerate()
            .find_map(|(lever, s)| s.next().map(|k| Request { lever, k }))
    }

    pub fn amount(&self, r: Request) -> f64 {
        self.searches[r.lever].amount(r.k)
    }

    /// The sweep form: every grid amount of every lever, lever by lever, to run in any order or
    /// split into replication ranges over machines (no probe depends on another's result).
    /// Record each, then [`Seek::settle_grid`]. Without the fluid guess, and without the greedy
    /// mix, which is sequential.
    pub fn grid(&self) -> Vec<Request> {
        self.searches
            .iter()
            .enumerate()
            .flat_map(|(lever, s)| (0..=s.top).map(move |k| Request { lever, k }))
            .collect()
    }

    /// Every request of [`Seek::grid`] recorded: each lever's answer is the least amount that
    /// reaches the target, whatever the amounts above it (their shares need not rise with the
    /// amount), and the amount one step below it is the one shown falling short.
    pub fn settle_grid(&mut self) {
        for s in &mut self.searches {
            s.settle_grid();
        }
    }

    /// The scenario to run for `r`: the network with `settings` and the lever at its amount.
    pub fn scenario(&self, network: &Scenario, settings: &Settings, r: Request) -> Scenario {
        let s = &self.searches[r.lever];
        with_amounts(
            network,
            settings,
            &[(s.allowed.lever.id.clone(), s.amount(r.k))],
        )
    }

    pub fn record(
        &mut self,
        r: Request,
        base: &Ensemble,
        alt: &Ensemble,
        network: &Scenario,
    ) -> Result<(), String> {
        let target = self.target.clone();
        let search = &mut self.searches[r.lever];
        search.record(r.k, &target, base, alt, network)?;
        if let (Some(m), Some(probe)) = (self.mix.as_mut(), search.probes.last()) {
            m.learn(r.lever, probe);
            if let Outcome::Reached { at, .. } = search.outcome(&target) {
                m.learn_answer(r.lever, &at);
            }
        }
        Ok(())
    }

    pub fn outcomes(&self) -> Vec<Outcome> {
        self.searches
            .iter()
            .map(|s| s.outcome(&self.target))
            .collect()
    }

    /// The answer to apply: the cheaper (simulated paired yearly cost) of the best lever alone and
    /// the mix found that reach the target, as levers with their amounts; `None` while searching
    /// or out of reach.
    pub fn answer(&self) -> Option<Vec<(LeverId, f64)>> {
        let cost = |a: &Attainment| a.cost.mean.unwrap_or(f64::INFINITY);
        let alone = self
            .best()
            .and_then(|i| match self.searches[i].outcome(&self.target) {
                Outcome::Reached { at, .. } => Some((
                    vec![(self.searches[i].allowed.lever.id.clone(), at.amount)],
                    cost(&at.attainment),
                )),
                _ => None,
            });
        let mix = self
            .mix
            .as_ref()
            .filter(|m| m.outcome().reached())
            .and_then(|m| {
                let (amounts, at) = m.found()?;
                let ids = m.levers.iter().map(|a| a.lever.id.clone());
                Some((ids.zip(amounts).collect(), cost(at)))
            });
        match (alone, mix) {
            (Some(a), Some(m)) => Some(if m.1 < a.1 { m.0 } else { a.0 }),
            (a, m) => a.or(m).map(|x| x.0),
        }
    }

    /// The index of the cheapest lever that reaches the target (the mean paired yearly cost
    /// at its amount; ties keep the order asked).
    pub fn best(&self) -> Option<usize> {
        self.outcomes()
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o {
                Outcome::Reached { at, .. } => {
                    Some((i, at.attainment.cost.mean.unwrap_or(f64::INFINITY)))
                }
                _ => None,
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}

mod guess;
pub mod mix;
#[cfg(test)]
mod tests;
mod text;
