//! What one replication of a scenario will cost, estimated before running it from the
//! scenario's own rates and horizon: events (the run time follows them) and households present
//! at once (the memory follows them). MODEL.md, section 17.9.
//!
//! A fluid model of the horizon's totals: the households arriving (streams, eviction cases,
//! comebacks, initial state) flow through the stages by the routing tables, averaged over the
//! household types by their share of arrivals; a place stage takes at most what its places can
//! turn over (places × horizon / mean stay), an allocation stage its dwellings. Each entry into
//! a place stage is one event (the end of the stay), each arrival, comeback, dwelling, case,
//! capacity change and report one more; a waiting spell may end in abandonment. Households
//! present: in stages, by Little's law (entries per day × mean stay, at most the places), plus
//! those left waiting, plus those away and due back.
//!
//! It is an estimate, not a bound: tests compare it with measured runs (within a factor of 3 on
//! the shipped territories, and runaways flagged, `tests/budget.rs`). Its use is to say
//! « about 600 million events » before a run that would take minutes, and to ask.

use crate::scenario::MONTH_DAYS;
use crate::sim::{Budget, HOUSEHOLD_BYTES};
use crate::validate::{CKind, CStay, Compiled, Dest, Model};

/// The expected cost of one replication.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// Events processed in one replication, with period-end censuses counted as one event per
    /// 16 household records read (what [`Budget::max_events`] limits: [`crate::Run::work`]).
    pub events: f64,
    /// Households present at once at the peak (in stages, waiting, or due back).
    pub peak_households: f64,
    /// Memory of the replication's state at the peak, bytes.
    pub memory_bytes: f64,
}

/// What of a [`Budget`] an estimated [`Cost`] exceeds, first the events.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OverBudget {
    Events { estimate: f64, limit: u64 },
    Households { estimate: f64, limit: u64 },
    Memory { estimate: f64, limit: u64 },
}

impl Cost {
    /// The part of `budget` this cost would exceed, if any.
    pub fn exceeds(&self, budget: &Budget) -> Option<OverBudget> {
        if self.events > budget.max_events as f64 {
            Some(OverBudget::Events {
                estimate: self.events,
                limit: budget.max_events,
            })
        } else if self.peak_households > budget.max_households as f64 {
            Some(OverBudget::Households {
                estimate: self.peak_households,
                limit: budget.max_households,
            })
        } else if self.memory_bytes > budget.max_memory_bytes as f64 {
            Some(OverBudget::Memory {
                estimate: self.memory_bytes,
                limit: budget.max_memory_bytes,
            })
        } else {
            None
        }
    }
}

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            OverBudget::Events { estimate, limit } => write!(
                f,
                "this scenario would need about {} events per replication, more than the {} allowed",
                about(estimate),
                about(limit as f64)
            ),
            OverBudget::Households { estimate, limit } => write!(
                f,
                "this scenario would hold about {} households at once, more than the {} allowed",
                about(estimate),
                about(limit as f64)
            ),
            OverBudget::Memory { estimate, limit } => write!(
                f,
                "this scenario would need about {} MB of memory per replication, more than the {} MB allowed",
                about(estimate / 1e6),
                about(limit as f64 / 1e6)
            ),
        }
    }
}

/// A large count in words: « 1.2 million », « 3.4 billion », « 12,000 ».
pub fn about(x: f64) -> String {
    if !x.is_finite() {
        return "more than a trillion".into();
    }
    let round = |v: f64| {
        if v >= 100.0 {
            format!("{}", v.round())
        } else if v >= 10.0 {
            format!("{}", (v * 10.0).round() / 10.0)
        } else {
            format!("{}", (v * 100.0).round() / 100.0)
        }
    };
    if x >= 1e12 {
        "more than a trillion".into()
    } else if x >= 1e9 {
        format!("{} billion", round(x / 1e9))
    } else if x >= 1e6 {
        format!("{} million", round(x / 1e6))
    } else {
        let n = x.round() as u64;
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }
}

impl Model {
    /// The expected cost of one replication (see the module's documentation).
    pub fn estimate(&self) -> Cost {
        estimate(&self.c)
    }
}

/// Share of a horizon-long window, for something happening at a uniform time in it, of the
/// delays (exponential, mean `mean` days) that end before the horizon `t`.
fn within(mean: f64, t: f64) -> f64 {
    if mean <= 0.0 {
        return 1.0;
    }
    let r = t / mean;
    if r < 1e-9 {
        return r / 2.0;
    }
    (1.0 - (1.0 - (-r).exp()) / r).clamp(0.0, 1.0)
}

fn mean_stay(s: &CStay) -> f64 {
    s.mean().max(0.0)
}

fn estimate(c: &Compiled) -> Cost {
    let t = c.horizon;
    let ns = c.stages.len();
    let nt = c.waiting_list.orientation.len();
    let shares = |cumulative: &[f64]| -> Vec<f64> {
        let mut prev = 0.0;
        cumulative
            .iter()
            .map(|&x| {
                let p = x - prev;
                prev = x;
                p.max(0.0)
            })
            .collect()
    };

    // Arrivals by type: streams, eviction cases reaching the waiting list, initial state.
    let mut by_type = vec![0.0; nt];
    let mut stream_arrivals = 0.0;
    for s in &c.streams {
        let mut total = 0.0;
        for (m, &rate) in s.monthly_rate_per_day.iter().enumerate() {
            let start = m as f64 * MONTH_DAYS;
            let end = ((m + 1) as f64 * MONTH_DAYS).min(t);
            total += rate * (end - start).max(0.0);
        }
        for (ty, p) in shares(&s.mix).into_iter().enumerate().take(nt) {
            by_type[ty] += total * p;
        }
        stream_arrivals += total;
    }
    let (mut cases, mut months) = (0.0, 0.0);
    if let Some(p) = &c.prevention {
        cases = p.cases_per_day * t;
        months = t / MONTH_DAYS;
        let per_month = p.cases_per_day * MONTH_DAYS;
        let handled = if per_month > 0.0 {
            (p.capacity_per_month / per_month).min(1.0)
        } else {
            0.0
        };
        let cases_to_list =
            cases * (1.0 - handled * p.success_rate) * p.share_to_waiting_list.clamp(0.0, 1.0);
        for (ty, share) in shares(&p.mix).into_iter().enumerate().take(nt) {
            by_type[ty] += cases_to_list * share;
        }
    }
    let initial_waiting: f64 = c.initial.waiting.iter().map(|w| w.count as f64).sum();
    let mut initial_in_stage = vec![0.0; ns];
    for o in &c.initial.occupants {
        initial_in_stage[o.stage] += o.count as f64;
        by_type[o.ty] += o.count as f64;
    }
    for w in &c.initial.waiting {
        by_type[w.ty] += w.count as f64;
    }
    // Households between two requests come back and ask again.
    for b in &c.initial.between {
        by_type[b.ty] += b.count as f64;
    }
    let total_by_type: f64 = by_type.iter().sum();
    let weight: Vec<f64> = if total_by_type > 0.0 {
        by_type.iter().map(|x| x / total_by_type).collect()
    } else {
        vec![1.0 / nt.max(1) as f64; nt]
    };

    // Places over time (their average, and their most), dwellings per stage.
    let mut places_avg = vec![0.0; ns];
    let mut places_max = vec![0.0f64; ns];
    let mut units = vec![0.0; ns];
    {
        let mut level: Vec<f64> = c
            .stages
            .iter()
            .map(|s| match &s.kind {
                CKind::Places(p) => p.initial_places as f64,
                CKind::Allocation(_) => 0.0,
            })
            .collect();
        let mut last = vec![0.0; ns];
        places_max.copy_from_slice(&level);
        for &(day, s, d) in &c.capacity_events {
            let day = day.min(t);
            places_avg[s] += level[s].max(0.0) * (day - last[s]);
            last[s] = day;
            level[s] += d as f64;
            places_max[s] = places_max[s].max(level[s]);
        }
        for k in 0..ns {
            places_avg[k] += level[k].max(0.0) * (t - last[k]);
            places_avg[k] /= t.max(f64::MIN_POSITIVE);
        }
    }
    for (k, st) in c.stages.iter().enumerate() {
        if let CKind::Allocation(al) = &st.kind {
            for (i, &(from, rate)) in al.rates.iter().enumerate() {
                let to = al.rates.get(i + 1).map_or(t, |r| r.0).min(t);
                units[k] += rate * (to - from.min(t)).max(0.0);
            }
        }
    }

    // Per place stage: the mean stay and the routing, averaged over the types it takes.
    let mut stay = vec![0.0; ns];
    let mut to_stage = vec![vec![0.0; ns]; ns];
    let mut to_exit = vec![vec![0.0; c.exits.len()]; ns];
    let mut timeouts = vec![false; ns];
    for (k, st) in c.stages.iter().enumerate() {
        let CKind::Places(p) = &st.kind else { continue };
        timeouts[k] = p.max_blocked_days.is_some();
        let mut w_sum = 0.0;
        for (ty, &w) in weight.iter().enumerate() {
            let Some(table) = p.routes.get(ty).and_then(|r| r.first()) else {
                continue;
            };
            if table.dests.is_empty() {
                continue;
            }
            // Types without arrivals still count a little, so a stage only they use has a stay.
            let w = w.max(1e-9);
            w_sum += w;
            stay[k] += w * p.stay.get(ty).map_or(0.0, mean_stay);
            for (d, q) in table.dests.iter().zip(shares(&table.cumulative)) {
                match *d {
                    Dest::Stage(j) => to_stage[k][j] += w * q,
                    Dest::Exit(e) => to_exit[k][e] += w * q,
                }
            }
        }
        if w_sum > 0.0 {
            stay[k] /= w_sum;
            to_stage[k].iter_mut().for_each(|x| *x /= w_sum);
            to_exit[k].iter_mut().for_each(|x| *x /= w_sum);
        }
    }
    // What each stage can take over the horizon.
    let capacity: Vec<f64> = (0..ns)
        .map(|k| match &c.stages[k].kind {
            CKind::Places(_) => places_avg[k] * t / stay[k].max(1e-9),
            CKind::Allocation(_) => units[k],
        })
        .collect();

    // The waiting list's households go to their oriented stages, in proportion to what each
    // can take (a household takes the first place that frees up among them).
    let list_split = |arrivals: &[f64]| -> Vec<f64> {
        let mut b = vec![0.0; ns];
        for (ty, list) in c.waiting_list.orientation.iter().enumerate() {
            let total: f64 = list.iter().map(|&s| capacity[s].min(1e300)).sum();
            for &s in list {
                let share = if total > 0.0 {
                    capacity[s].min(1e300) / total
                } else {
                    1.0 / list.len() as f64
                };
                b[s] += arrivals[ty] * share;
            }
        }
        b
    };

    // Flow through the stages, then comebacks (which arrive again), twice: the second pass with
    // the comebacks of the first (a loop that returns everyone is cut at what the horizon
    // allows, see below).
    let abandon = c.waiting_list.abandon_per_day;
    let mut arrivals_by_type = by_type.clone();
    let mut comebacks = 0.0;
    let mut flow = Flow::default();
    for pass in 0..2 {
        let b = list_split(&arrivals_by_type);
        let departures_initial: Vec<f64> = (0..ns)
            .map(|k| initial_in_stage[k] * within(stay[k], t).max(0.5))
            .collect();
        flow = solve(&b, &departures_initial, &to_stage, &capacity);
        if pass == 1 {
            break;
        }
        // Leavers by exit: from stages, and abandonments (those the stages could not take).
        let list_total: f64 = arrivals_by_type.iter().sum();
        let admitted_from_list: f64 = (0..ns).map(|k| b[k] * flow.admitted_share[k]).sum::<f64>();
        let not_admitted = (list_total - admitted_from_list).max(0.0);
        let abandons = not_admitted * within(1.0 / abandon.max(1e-300), t);
        let mut leavers = vec![0.0; c.exits.len()];
        for k in 0..ns {
            let out = flow.entries[k] + departures_initial[k];
            for (e, q) in to_exit[k].iter().enumerate() {
                leavers[e] += out * q;
            }
        }
        if abandon > 0.0 && c.waiting_list.abandon_exit < leavers.len() {
            leavers[c.waiting_list.abandon_exit] += abandons;
        }
        let total_leavers: f64 = leavers.iter().sum();
        let mut back = 0.0;
        let mut loop_days = 0.0;
        for (e, &n) in leavers.iter().enumerate() {
            if let Some((p, mean)) = c.exits[e].comeback {
                back += n * p * within(mean, t);
                loop_days += n * p * mean;
            }
        }
        if total_leavers <= 0.0 || back <= 0.0 {
            break;
        }
        // Comebacks per household leaving, repeated: g + g² + … = g / (1 − g), at most as many
        // loops as the horizon holds (a loop lasts the delay plus the time back in the system).
        let g = back / total_leavers;
        let time_in = (stay.iter().cloned().fold(0.0, f64::max))
            .min(1.0 / abandon.max(1e-300))
            .max(0.0);
        let loop_len = loop_days / back.max(1e-300) + time_in;
        let most_loops = if loop_len > 0.0 {
            t / (2.0 * loop_len)
        } else {
            f64::INFINITY
        };
        let per_leaver = if g < 1.0 {
            (g / (1.0 - g)).min(most_loops)
        } else {
            most_loops
        };
        comebacks = total_leavers.min(list_total) * per_leaver;
        let scale = 1.0 + comebacks / list_total.max(1e-300);
        arrivals_by_type.iter_mut().for_each(|x| *x *= scale);
    }

    // Events.
    let list_total: f64 = arrivals_by_type.iter().sum();
    let ready: f64 = (0..ns)
        .filter(|&k| matches!(c.stages[k].kind, CKind::Places(_)))
        .map(|k| flow.entries[k] + initial_in_stage[k])
        .sum();
    let timeout_events: f64 = (0..ns)
        .filter(|&k| timeouts[k])
        .map(|k| flow.entries[k])
        .sum();
    // Households the stages do not take from the waiting list; those whose patience runs out
    // within the horizon abandon (an abandonment timer cancelled because its household got a
    // place first is not an event: `Run::events`). A maximum-blocked-time timer is counted for
    // every entry into its stage, at most one a blocked household.
    let admitted_from_list: f64 = {
        let b = list_split(&arrivals_by_type);
        (0..ns).map(|k| b[k] * flow.admitted_share[k]).sum()
    };
    let left_waiting = (list_total - admitted_from_list).max(0.0);
    let abandon_events = if abandon > 0.0 {
        left_waiting * within(1.0 / abandon, t)
    } else {
        0.0
    };
    let failures: f64 = c
        .stages
        .iter()
        .enumerate()
        .map(|(k, s)| match &s.kind {
            CKind::Allocation(al) => flow.entries[k] * (al.failure_per_day * t / 2.0).min(1.0),
            CKind::Places(_) => 0.0,
        })
        .sum();
    // Period-end censuses read every household record (estimated below): see `Run::work`.
    let events = stream_arrivals
        + comebacks
        + cases
        + months
        + failures
        + units.iter().sum::<f64>()
        + c.capacity_events.len() as f64
        + c.periods as f64
        + ready
        + timeout_events
        + abandon_events;

    // Households present at once: in each place stage by Little's law (at most its places), on
    // the waiting list those the stages do not take (their patience, or the whole horizon),
    // and those due back.
    let mut present = initial_waiting;
    for k in 0..ns {
        if let CKind::Places(_) = c.stages[k].kind {
            let little = (flow.entries[k] / t) * stay[k] + initial_in_stage[k];
            present += little.min(places_max[k].max(initial_in_stage[k]));
        }
    }
    present += if abandon > 0.0 {
        left_waiting.min(left_waiting / t / abandon)
    } else {
        left_waiting
    };
    let due_back = comebacks.min(
        c.exits
            .iter()
            .filter_map(|e| e.comeback.map(|(_, mean)| comebacks / t * mean))
            .fold(0.0, f64::max),
    );
    present += due_back;
    let events = events + c.periods as f64 * present / crate::sim::SCAN_PER_EVENT as f64;
    // Per household: its record, a few scheduled events, its queue entries; plus the series,
    // and abandonment events left in the event list after their household moved on.
    let queue_entries = c
        .waiting_list
        .orientation
        .iter()
        .map(|o| o.len())
        .max()
        .unwrap_or(1) as f64;
    let per_household = HOUSEHOLD_BYTES as f64 + 3.0 * 24.0 + queue_entries * 8.0 + 8.0;
    let series = (crate::output::SystemSeries::ALL.len()
        + ns * crate::output::StageSeries::ALL.len()) as f64
        * c.periods as f64
        * 8.0;
    let stale = if abandon > 0.0 {
        list_total / t * (1.0 / abandon).min(t) * 24.0
    } else {
        0.0
    };
    // The outcomes' tallies: Kaplan–Meier steps over the window, one time average per wait.
    let outcomes =
        crate::sim::cohorts::tally_bytes(c.horizon - c.warmup) + c.waits.pairs.len() as f64 * 32.0;
    Cost {
        events,
        peak_households: present,
        memory_bytes: present * per_household + series + stale + outcomes,
    }
}

#[derive(Default)]
struct Flow {
    /// Entries into each stage over the horizon.
    entries: Vec<f64>,
    /// Share of each stage's demand it takes (1 when below its capacity).
    admitted_share: Vec<f64>,
}

/// Entries x with x_k = min(capacity_k, b_k + Σ_j (x_j + d_j) · P[j][k]): the flow through the
/// stages when each takes at most its capacity. Solved with the capped stages' entries fixed
/// at their capacity and the others by Gaussian elimination, adding stages to the capped set
/// while some exceed their capacity; a closed loop nobody leaves is capped at once.
fn solve(b: &[f64], d: &[f64], p: &[Vec<f64>], capacity: &[f64]) -> Flow {
    let n = b.len();
    let mut capped = vec![false; n];
    let mut x = vec![0.0; n];
    for _ in 0..=n {
        // Unknowns: the stages not capped.
        let free: Vec<usize> = (0..n).filter(|&k| !capped[k]).collect();
        let m = free.len();
        let mut a = vec![vec![0.0; m + 1]; m];
        for (r, &k) in free.iter().enumerate() {
            a[r][r] = 1.0;
            let mut rhs = b[k];
            for j in 0..n {
                let q = p[j][k];
                if q == 0.0 {
                    continue;
                }
                rhs += d[j] * q;
                if capped[j] {
                    rhs += capacity[j].min(1e300) * q;
                } else if let Some(col) = free.iter().position(|&f| f == j) {
                    a[r][col] -= q;
                }
            }
            a[r][m] = rhs;
        }
        let solution = gauss(a);
        let mut changed = false;
        for (r, &k) in free.iter().enumerate() {
            let v = solution.as_ref().map_or(f64::INFINITY, |s| s[r]);
            // A singular system or a negative solution: a loop nobody leaves.
            if !v.is_finite() || v < -1e-6 || v > capacity[k] {
                capped[k] = true;
                changed = true;
            } else {
                x[k] = v.max(0.0);
            }
        }
        if !changed {
            break;
        }
    }
    let mut entries = vec![0.0; n];
    let mut admitted_share = vec![1.0; n];
    for k in 0..n {
        if capped[k] {
            entries[k] = capacity[k].min(1e300);
            // What the stage was asked for, with everyone upstream as found.
            let demand: f64 = b[k]
                + (0..n)
                    .map(|j| (x_or_cap(j, &x, &capped, capacity) + d[j]) * p[j][k])
                    .sum::<f64>();
            admitted_share[k] = if demand > 0.0 {
                (entries[k] / demand).min(1.0)
            } else {
                1.0
            };
        } else {
            entries[k] = x[k];
        }
    }
    Flow {
        entries,
        admitted_share,
    }
}

fn x_or_cap(j: usize, x: &[f64], capped: &[bool], capacity: &[f64]) -> f64 {
    if capped[j] {
        capacity[j].min(1e300)
    } else {
        x[j]
    }
}

/// Solves the augmented system `a` (m rows, m + 1 columns); `None` when it is singular.
fn gauss(mut a: Vec<Vec<f64>>) -> Option<Vec<f64>> {
    let m = a.len();
    for col in 0..m {
        let pivot = (col..m).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-9 {
            return None;
        }
        a.swap(col, pivot);
        for r in 0..m {
            if r != col {
                let f = a[r][col] / a[col][col];
                if f != 0.0 {
                    let pivot_row = a[col].clone();
                    for (x, p) in a[r][col..].iter_mut().zip(&pivot_row[col..]) {
                        *x -= f * p;
                    }
                }
            }
        }
    }
    Some((0..m).map(|r| a[r][m] / a[r][r]).collect())
}
