//! The engine against queueing theory, with fixed seeds and tolerances from confidence intervals
//! over independent replications (see `common::assert_near`: |mean − theory| must stay below
//! max(4 × 95% half-width, a model-bias allowance justified next to each use).
//!
//! 1. One place stage, Poisson arrivals, exponential stays, unlimited waiting list, no
//!    abandonment: an M/M/c queue, against Erlang C.
//! 2. An open two-node network with feedback and no blocking: Jackson's product form.
//! 3. A network *with* blocking: Little's law L = λW, for the whole system, each stage, and the
//!    population of blocked households.
//! 4. Also: abandonment from the waiting list against the M/M/c+M (Erlang A) birth–death chain; an
//!    allocation stage (Poisson flow of units) against M/M/1; the arrival process (schedule,
//!    trend, seasonality) and eviction prevention against their expected counts.
//!
//! One file, longer than most: every check shares the same tolerance rule and the same helpers,
//! and reads as one validation report against theory.

use crate::common::*;
use parcours_engine::{Census, HeadlineId, Observer, StageHeadline, SystemHeadline, SystemSeries};
use serde_json::json;

/// Relative model-bias allowance for steady-state comparisons. The runs start empty and drop a
/// warm-up of at least 10 relaxation times of the slowest queue (for an M/M/c queue at ρ the
/// relaxation time is about 1/(cμ(1 − √ρ)²), Morse 1955 / Kleinrock vol. 1 §2.10: 18 days for
/// the M/M/10 below, against a 6-month warm-up), so the initial transient contributes well under
/// 0.1%; households whose wait straddles the warm-up's end have it clipped at the window start,
/// another O(W/T) < 0.1%. 1% covers both with room and is far below any real modelling error.
const BIAS: f64 = 0.01;

// ------------------------------------------------------------------ M/M/c vs Erlang C

/// Records, for one stage, every admission after the warm-up: its wait and whether it waited.
struct Waits {
    stage: usize,
    from: f64,
    n: u64,
    delayed: u64,
    longer_than_1_day: u64,
    sum: f64,
}

impl Observer for Waits {
    fn admitted(&mut self, stage: usize, ready_at: f64, now: f64) {
        if stage == self.stage && ready_at >= self.from {
            let w = now - ready_at;
            self.n += 1;
            self.sum += w;
            if w > 0.0 {
                self.delayed += 1;
            }
            if w > 1.0 {
                self.longer_than_1_day += 1;
            }
        }
    }
}

/// Arrivals 4/day, exponential stays of mean 2 days, 10 places, unlimited waiting, no
/// abandonment, every household leaves by an exit: M/M/10 with λ = 4, μ = 0.5, a = 8 erlangs,
/// ρ = λ/(cμ) = 0.8.
///
/// Theory (Erlang C, Gross et al., *Fundamentals of Queueing Theory* 4th ed. §2.3):
/// C(10, 8) = 0.40918, Wq = C/(cμ − λ) = 0.40918 days, Lq = λWq = 1.6367 (Little),
/// L = Lq + a = 9.6367, mean occupancy = a = 8, P(Wq > 1 day) = C·e^(−(cμ−λ)) = 0.15053.
#[test]
fn mmc_matches_erlang_c() {
    let q = MMc {
        c: 10,
        lambda: 4.0,
        mu: 0.5,
    };
    assert!((q.rho() - 0.8).abs() < 1e-12);
    assert!(
        (q.p_wait() - 0.409_18).abs() < 1e-4,
        "Erlang C {}",
        q.p_wait()
    );

    let mut s = base(246.0, 6.0);
    s["arrivals"] = json!([stream("in", q.lambda)]);
    s["waiting_list"]["orientation"] = json!({"default": ["shelter"]});
    s["stages"] = json!([place_stage(
        "shelter",
        q.c,
        exponential(1.0 / q.mu),
        &[("out", 1.0)]
    )]);
    let m = model(&s);
    let warm = 6.0 * MONTH;
    let runs = run_observed(&m, 2024, 40, || Waits {
        stage: 0,
        from: warm,
        n: 0,
        delayed: 0,
        longer_than_1_day: 0,
        sum: 0.0,
    });
    let reps: Vec<_> = runs.iter().map(|r| r.0.clone()).collect();

    // Arrival rate and mean stay: the inputs are what they claim to be.
    let arrivals = headline(&m, &reps, SystemHeadline::ArrivalsPerYear);
    assert_near(
        "arrivals per day",
        &scale(&arrivals, 1.0 / 365.25),
        4.0,
        0.0,
    );
    let stay = headline(
        &m,
        &reps,
        HeadlineId::stage("shelter", StageHeadline::StayDays),
    );
    assert_near("mean stay (days)", &stay, 2.0, 0.0);

    // Mean wait in queue Wq, from the model's own figure and from the observer.
    let wq = headline(
        &m,
        &reps,
        HeadlineId::stage("shelter", StageHeadline::WaitDays),
    );
    assert_near("Wq (stage.shelter.wait_days)", &wq, q.wq(), BIAS * q.wq());
    let wq_obs: Vec<f64> = runs.iter().map(|r| r.1.sum / r.1.n as f64).collect();
    assert_near("Wq (observer)", &wq_obs, q.wq(), BIAS * q.wq());

    // Probability of waiting (PASTA: arrivals see time averages) and the wait's tail.
    let pw: Vec<f64> = runs
        .iter()
        .map(|r| r.1.delayed as f64 / r.1.n as f64)
        .collect();
    assert_near("P(wait > 0)", &pw, q.p_wait(), BIAS * q.p_wait());
    let p1: Vec<f64> = runs
        .iter()
        .map(|r| r.1.longer_than_1_day as f64 / r.1.n as f64)
        .collect();
    assert_near(
        "P(wait > 1 day)",
        &p1,
        q.p_wait_longer(1.0),
        BIAS * q.p_wait_longer(1.0),
    );

    // Lq (the waiting list), busy servers, L and utilisation.
    let lq = headline(&m, &reps, SystemHeadline::Unsheltered);
    assert_near("Lq (unsheltered)", &lq, q.lq(), BIAS * q.lq());
    let queue = headline(
        &m,
        &reps,
        HeadlineId::stage("shelter", StageHeadline::Queue),
    );
    assert_near("Lq (stage.shelter.queue)", &queue, q.lq(), BIAS * q.lq());
    let busy = headline(
        &m,
        &reps,
        HeadlineId::stage("shelter", StageHeadline::Occupancy),
    );
    assert_near("busy servers", &busy, q.offered(), BIAS * q.offered());
    let l = headline_sum(
        &m,
        &reps,
        &[
            SystemHeadline::Unsheltered.into(),
            HeadlineId::stage("shelter", StageHeadline::Occupancy),
        ],
    );
    assert_near("L (waiting + in service)", &l, q.l(), BIAS * q.l());
    let places = headline(
        &m,
        &reps,
        HeadlineId::stage("shelter", StageHeadline::Places),
    );
    assert!(
        places.iter().all(|&p| (p - 10.0).abs() < 1e-9),
        "{places:?}"
    );
    let util: Vec<f64> = busy.iter().map(|b| b / 10.0).collect();
    assert_near("utilisation ρ", &util, q.rho(), BIAS * q.rho());
    // Nobody is ever blocked in a one-stage system.
    assert!(headline(&m, &reps, SystemHeadline::BlockedPlaces)
        .iter()
        .all(|&b| b == 0.0));
}

fn scale(xs: &[f64], k: f64) -> Vec<f64> {
    xs.iter().map(|x| x * k).collect()
}

// ------------------------------------------------------------------ Jackson network

/// Daily snapshots of the numbers at the two nodes of the Jackson network.
#[derive(Default)]
struct Snapshots {
    from: f64,
    /// Node sizes (N_A, N_B) at each census after the warm-up.
    nodes: Vec<(f64, f64)>,
}

/// Stage order in the Jackson scenario below.
const A: usize = 0;
const TO_B: usize = 1;
const B: usize = 2;
const TO_A: usize = 3;

impl Observer for Snapshots {
    fn census(&mut self, c: &Census) {
        if c.time > self.from {
            let na = c.waiting as i64 + c.occupancy[A] + c.occupancy[TO_A];
            let nb = c.occupancy[B] + c.occupancy[TO_B];
            self.nodes.push((na as f64, nb as f64));
        }
    }
}

/// An open Jackson network (Jackson 1957, "Networks of waiting lines", Oper. Res. 5(4); Gross et
/// al. §5.2): external Poisson arrivals λ = 3/day to node A; A is M/M/5 with μ_A = 1/day
/// and sends a household to node B with probability 0.6 (else it leaves); B is M/M/4 with
/// μ_B = 1/1.5 per day and sends it back to A with probability 0.25 (else it leaves).
///
/// Blocking would break the product form (a household waiting for A or B must not hold a
/// server), so each move between nodes goes through a zero-stay waiting room with unlimited
/// places (`to_b`, `to_a`): a household ready to move waits there, queued at its destination,
/// exactly like an infinite buffer. The waiting list is A's external buffer. Node populations:
/// N_A = waiting list + A's occupants + households in `to_a`; N_B = B's occupants + `to_b`.
///
/// Traffic equations: Λ_A = λ + 0.25·Λ_B, Λ_B = 0.6·Λ_A ⇒ Λ_A = 3/0.85 = 3.5294,
/// Λ_B = 2.1176 per day; ρ_A = 0.706, ρ_B = 0.794. Jackson's theorem: in steady state
/// P(n_A, n_B) = π_A(n_A)·π_B(n_B), each π the M/M/c distribution with the node's Λ. Checked:
/// throughputs, mean node sizes (M/M/c L), P(all servers busy) at each node (Erlang C), the joint
/// probability that both nodes are saturated (product of the two Erlang C), and zero correlation
/// between N_A and N_B (independence, which feedback networks satisfy though their internal flows
/// are not Poisson).
#[test]
fn open_network_matches_jackson_product_form() {
    let lambda = 3.0;
    let (p_ab, p_ba) = (0.6, 0.25);
    let big = 1_000_000;
    let mut s = base(246.0, 6.0);
    s["reporting_period_days"] = json!(1.0);
    s["arrivals"] = json!([stream("in", lambda)]);
    s["waiting_list"]["orientation"] = json!({"default": ["a"]});
    let zero = json!({"default": {"distribution": "fixed", "days": 0.0}});
    s["stages"] = json!([
        place_stage(
            "a",
            5,
            exponential(1.0),
            &[("to_b", p_ab), ("out", 1.0 - p_ab)]
        ),
        place_stage("to_b", big, zero.clone(), &[("b", 1.0)]),
        place_stage(
            "b",
            4,
            exponential(1.5),
            &[("to_a", p_ba), ("out", 1.0 - p_ba)]
        ),
        place_stage("to_a", big, zero, &[("a", 1.0)]),
    ]);
    let m = model(&s);
    let la = lambda / (1.0 - p_ab * p_ba);
    let lb = p_ab * la;
    let qa = MMc {
        c: 5,
        lambda: la,
        mu: 1.0,
    };
    let qb = MMc {
        c: 4,
        lambda: lb,
        mu: 1.0 / 1.5,
    };
    let warm = 6.0 * MONTH;
    let runs = run_observed(&m, 1957, 40, || Snapshots {
        from: warm,
        ..Snapshots::default()
    });
    let reps: Vec<_> = runs.iter().map(|r| r.0.clone()).collect();

    // Throughputs from the traffic equations.
    let ea = scale(
        &headline(
            &m,
            &reps,
            HeadlineId::stage("a", StageHeadline::EntriesPerYear),
        ),
        1.0 / 365.25,
    );
    assert_near("Λ_A (entries per day)", &ea, la, 0.0);
    let eb = scale(
        &headline(
            &m,
            &reps,
            HeadlineId::stage("b", StageHeadline::EntriesPerYear),
        ),
        1.0 / 365.25,
    );
    assert_near("Λ_B (entries per day)", &eb, lb, 0.0);

    // Mean node sizes: M/M/c L with each node's own arrival rate.
    let na = headline_sum(
        &m,
        &reps,
        &[
            SystemHeadline::Unsheltered.into(),
            HeadlineId::stage("a", StageHeadline::Occupancy),
            HeadlineId::stage("to_a", StageHeadline::Occupancy),
        ],
    );
    assert_near("E[N_A]", &na, qa.l(), BIAS * qa.l());
    let nb = headline_sum(
        &m,
        &reps,
        &[
            HeadlineId::stage("b", StageHeadline::Occupancy),
            HeadlineId::stage("to_b", StageHeadline::Occupancy),
        ],
    );
    assert_near("E[N_B]", &nb, qb.l(), BIAS * qb.l());
    let busy_a = headline(&m, &reps, HeadlineId::stage("a", StageHeadline::Occupancy));
    assert_near(
        "busy servers at A",
        &busy_a,
        qa.offered(),
        BIAS * qa.offered(),
    );
    let busy_b = headline(&m, &reps, HeadlineId::stage("b", StageHeadline::Occupancy));
    assert_near(
        "busy servers at B",
        &busy_b,
        qb.offered(),
        BIAS * qb.offered(),
    );

    // Marginal and joint probabilities from daily snapshots (time averages; per replication a
    // proportion, so replications stay independent).
    let frac = |f: &dyn Fn(f64, f64) -> bool| -> Vec<f64> {
        runs.iter()
            .map(|r| {
                let v = &r.1.nodes;
                v.iter().filter(|(a, b)| f(*a, *b)).count() as f64 / v.len() as f64
            })
            .collect()
    };
    let sat_a = frac(&|a, _| a >= 5.0);
    assert_near("P(N_A ≥ 5)", &sat_a, qa.p_wait(), BIAS * qa.p_wait());
    let sat_b = frac(&|_, b| b >= 4.0);
    assert_near("P(N_B ≥ 4)", &sat_b, qb.p_wait(), BIAS * qb.p_wait());
    let both = frac(&|a, b| a >= 5.0 && b >= 4.0);
    assert_near(
        "P(N_A ≥ 5, N_B ≥ 4) = product of marginals",
        &both,
        qa.p_wait() * qb.p_wait(),
        BIAS * qa.p_wait() * qb.p_wait(),
    );
    let empty_a = frac(&|a, _| a == 0.0);
    assert_near("P(N_A = 0)", &empty_a, mmc_p0(&qa), BIAS * mmc_p0(&qa));
    let corr: Vec<f64> = runs.iter().map(|r| correlation(&r.1.nodes)).collect();
    // The within-replication correlation estimator is biased by O(τ/T) (τ ≈ a few days,
    // T ≈ 7300 days); 0.02 covers it.
    assert_near("corr(N_A, N_B)", &corr, 0.0, 0.02);
}

/// P(N = 0) of an M/M/c queue: [Σ_{k<c} a^k/k! + a^c/c! · 1/(1−ρ)]^(−1).
fn mmc_p0(q: &MMc) -> f64 {
    let a = q.offered();
    let mut term = 1.0;
    let mut sum = 0.0;
    for k in 0..q.c {
        sum += term;
        term *= a / (k + 1) as f64;
    }
    1.0 / (sum + term / (1.0 - q.rho()))
}

fn correlation(xy: &[(f64, f64)]) -> f64 {
    let n = xy.len() as f64;
    let (mx, my) = xy
        .iter()
        .fold((0.0, 0.0), |acc, (x, y)| (acc.0 + x / n, acc.1 + y / n));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xy {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    sxy / (sxx * syy).sqrt()
}

// ------------------------------------------------------------------ Little's law with blocking

/// Admissions to one stage after the warm-up, with the wait clipped at the window start.
struct Admissions {
    stage: usize,
    from: f64,
    n: u64,
    wait_sum: f64,
}

impl Observer for Admissions {
    fn admitted(&mut self, stage: usize, ready_at: f64, now: f64) {
        if stage == self.stage && now >= self.from {
            self.n += 1;
            self.wait_sum += now - ready_at.max(self.from);
        }
    }
}

/// Little's law L = λW (Little 1961, "A proof for the queuing formula L = λW", Oper. Res. 9(3))
/// holds for any stable system whatever the distributions and the discipline, so it must hold on
/// a network with blocking, where no product form exists. Arrivals 3/day to A (9 places, gamma
/// stays, mean 2 days, CV 0.5); from A half go to B (4 places, lognormal stays, mean 2.2 days,
/// CV 1), the others are housed; from B everybody is housed. B is busy (ρ_B ≈ 0.83 before
/// blocking), so households ready to leave A often find B full and stay in A, blocked.
///
/// Every exit is of kind "housed", so `mean_time_to_housing_days` is the mean time in the system
/// (arrival to exit) of the households leaving in the window, and `housed_per_year` the
/// throughput; L is the time-averaged waiting list plus the stages' occupancies. Edge effects
/// (time spent before the window by those leaving in it, time of those still present at its end)
/// are O(W/T) with W ≈ 5 days and T = 20 years: 1% covers them.
#[test]
fn littles_law_holds_with_blocking() {
    let mut s = base(246.0, 6.0);
    s["arrivals"] = json!([stream("in", 3.0)]);
    s["waiting_list"]["orientation"] = json!({"default": ["a"]});
    s["stages"] = json!([
        place_stage(
            "a",
            9,
            json!({"default": {"distribution": "gamma", "mean_days": 2.0, "cv": 0.5}}),
            &[("b", 0.5), ("home", 0.5)]
        ),
        place_stage(
            "b",
            4,
            json!({"default": {"distribution": "lognormal", "mean_days": 2.2, "cv": 1.0}}),
            &[("home", 1.0)]
        ),
    ]);
    let m = model(&s);
    let warm = 6.0 * MONTH;
    let runs = run_observed(&m, 1961, 40, || Admissions {
        stage: 1,
        from: warm,
        n: 0,
        wait_sum: 0.0,
    });
    let reps: Vec<_> = runs.iter().map(|r| r.0.clone()).collect();
    let h = |id: HeadlineId| headline(&m, &reps, id);
    let ratio =
        |a: &[f64], b: &[f64]| -> Vec<f64> { a.iter().zip(b).map(|(x, y)| x / y).collect() };
    let product = |a: &[f64], b: &[f64], k: f64| -> Vec<f64> {
        a.iter().zip(b).map(|(x, y)| x * y * k).collect()
    };

    // There is blocking, a lot of it.
    let blocked = h(HeadlineId::stage("a", StageHeadline::Blocked));
    assert!(
        mean_ci(&blocked).0 > 0.2,
        "the scenario should block: {blocked:?}"
    );

    // Whole system: L / (λ·W) = 1 replication by replication.
    let l = headline_sum(
        &m,
        &reps,
        &[
            SystemHeadline::Unsheltered.into(),
            HeadlineId::stage("a", StageHeadline::Occupancy),
            HeadlineId::stage("b", StageHeadline::Occupancy),
        ],
    );
    let lw = product(
        &h(SystemHeadline::HousedPerYear.into()),
        &h(SystemHeadline::MeanTimeToHousingDays.into()),
        1.0 / 365.25,
    );
    assert_near("system L / (λW)", &ratio(&l, &lw), 1.0, BIAS);

    // Each stage: occupancy = entries per day × mean time in the stage (blocked time included).
    for st in ["a", "b"] {
        let occ = h(HeadlineId::stage(st, StageHeadline::Occupancy));
        let lw = product(
            &h(HeadlineId::stage(st, StageHeadline::EntriesPerYear)),
            &h(HeadlineId::stage(st, StageHeadline::StayDays)),
            1.0 / 365.25,
        );
        assert_near(
            &format!("stage {st}: L / (λW)"),
            &ratio(&occ, &lw),
            1.0,
            BIAS,
        );
    }

    // The blocked households of A are B's queue: time-averaged number blocked (the model) against
    // admissions to B per day × their mean blocked time (the observer).
    let window = 240.0 * MONTH;
    let obs_lw: Vec<f64> = runs
        .iter()
        .map(|r| r.1.n as f64 / window * (r.1.wait_sum / r.1.n as f64))
        .collect();
    assert_near(
        "blocked in A: L / (λW)",
        &ratio(&blocked, &obs_lw),
        1.0,
        BIAS,
    );
    let queue_b = h(HeadlineId::stage("b", StageHeadline::Queue));
    for (q, b) in queue_b.iter().zip(&blocked) {
        assert!(
            (q - b).abs() <= 1e-9 * b.max(1.0),
            "B's queue {q} is A's blocked {b}"
        );
    }
    // And the waiting list: unsheltered = λ × mean wait for A (every admission to A comes from it).
    let lw = product(
        &h(SystemHeadline::ArrivalsPerYear.into()),
        &h(HeadlineId::stage("a", StageHeadline::WaitDays)),
        1.0 / 365.25,
    );
    assert_near(
        "waiting list: L / (λW)",
        &ratio(&h(SystemHeadline::Unsheltered.into()), &lw),
        1.0,
        BIAS,
    );
}

// ------------------------------------------------------------------ Erlang A (abandonment)

/// Stationary distribution of a birth–death chain with birth rate `lambda` and death rates
/// `death(n)`, truncated at `n_max` (the tail beyond it is negligible for the rates used here).
fn birth_death(lambda: f64, death: impl Fn(usize) -> f64, n_max: usize) -> Vec<f64> {
    let mut p = vec![1.0];
    for n in 1..=n_max {
        let next = p[n - 1] * lambda / death(n);
        p.push(next);
    }
    let total: f64 = p.iter().sum();
    p.iter().map(|x| x / total).collect()
}

/// Counts direct admissions (no wait) and arrivals after the warm-up.
struct Direct {
    from: f64,
    arrivals: u64,
    direct: u64,
}

impl Observer for Direct {
    fn arrived(&mut self, _t: usize, _first_request: f64, now: f64) {
        if now >= self.from {
            self.arrivals += 1;
        }
    }
    fn admitted(&mut self, _s: usize, ready_at: f64, now: f64) {
        if ready_at >= self.from && now == ready_at {
            self.direct += 1;
        }
    }
}

/// Waiting households give up at rate θ (exponential patience, `abandonment_per_month`): one
/// stage is then an M/M/c+M queue (Palm 1943; Erlang A, Garnett, Mandelbaum & Reiman 2002,
/// "Designing a call center with impatient customers", MSOM 4(3)). Its number in system is a
/// birth–death chain with birth λ and death min(n, c)·μ + (n − c)⁺·θ. With λ = 4/day, μ = 0.5/day,
/// c = 8 the offered load equals the number of places (ρ = 1: unstable without abandonment) and
/// θ = 0.5/day keeps it stable. Checked: mean waiting list E[(N − c)⁺], abandonments per day
/// θ·E[(N − c)⁺], busy places E[min(N, c)], and the share of arrivals placed at once P(N < c)
/// (PASTA).
#[test]
fn abandonment_matches_erlang_a() {
    let (lambda, mu, c, theta) = (4.0, 0.5, 8usize, 0.5);
    let p = birth_death(
        lambda,
        |n| n.min(c) as f64 * mu + n.saturating_sub(c) as f64 * theta,
        400,
    );
    let lq: f64 = p
        .iter()
        .enumerate()
        .map(|(n, x)| n.saturating_sub(c) as f64 * x)
        .sum();
    let busy: f64 = p.iter().enumerate().map(|(n, x)| n.min(c) as f64 * x).sum();
    let p_direct: f64 = p[..c].iter().sum();
    // Consistency of the chain: what is not abandoned is served (flow balance).
    assert!((lambda - theta * lq - mu * busy).abs() < 1e-9);

    let mut s = base(246.0, 6.0);
    s["arrivals"] = json!([stream("in", lambda)]);
    s["waiting_list"]["orientation"] = json!({"default": ["shelter"]});
    s["waiting_list"]["abandonment_per_month"] = json!(theta * MONTH);
    s["stages"] = json!([place_stage(
        "shelter",
        c as u32,
        exponential(1.0 / mu),
        &[("out", 1.0)]
    )]);
    let m = model(&s);
    let warm = 6.0 * MONTH;
    let runs = run_observed(&m, 1943, 40, || Direct {
        from: warm,
        arrivals: 0,
        direct: 0,
    });
    let reps: Vec<_> = runs.iter().map(|r| r.0.clone()).collect();
    assert_near(
        "E[waiting]",
        &headline(&m, &reps, SystemHeadline::Unsheltered),
        lq,
        BIAS * lq,
    );
    let ab = scale(
        &headline(&m, &reps, SystemHeadline::AbandonmentsPerYear),
        1.0 / 365.25,
    );
    assert_near("abandonments per day", &ab, theta * lq, BIAS * theta * lq);
    let occ = headline(
        &m,
        &reps,
        HeadlineId::stage("shelter", StageHeadline::Occupancy),
    );
    assert_near("busy places", &occ, busy, BIAS * busy);
    let direct: Vec<f64> = runs
        .iter()
        .map(|r| r.1.direct as f64 / r.1.arrivals as f64)
        .collect();
    assert_near("P(placed at once)", &direct, p_direct, BIAS * p_direct);
}

// ------------------------------------------------------------------ allocation stage as M/M/1

/// An allocation stage offers units as a Poisson flow of rate μ; each unit houses the first
/// household waiting for it, or is lost to the ordinary demand when nobody waits. Households
/// oriented straight to it (arrivals λ) therefore form an M/M/1 queue in which "service" is the
/// wait for the next unit (memoryless): E[N] = ρ/(1 − ρ), mean wait W = 1/(μ − λ) (Gross et al.
/// §2.2). λ = 2/day, μ = 2.5/day: ρ = 0.8, E[N] = 4, W = 2 days; everybody is housed.
#[test]
fn allocation_stage_is_an_mm1_queue() {
    let (lambda, mu) = (2.0, 2.5);
    let rho: f64 = lambda / mu;
    let mut s = base(246.0, 6.0);
    s["arrivals"] = json!([stream("in", lambda)]);
    s["waiting_list"]["orientation"] = json!({"default": ["hlm"]});
    s["stages"] = json!([{"id": "hlm", "label": {"fr": "hlm"}, "kind": "allocation",
        "units_per_month": mu * MONTH}]);
    let m = model(&s);
    let reps = run(&m, 1909, 40);
    let n = rho / (1.0 - rho);
    let w = 1.0 / (mu - lambda);
    assert_near(
        "E[N] (unsheltered)",
        &headline(&m, &reps, SystemHeadline::Unsheltered),
        n,
        BIAS * n,
    );
    assert_near(
        "W (stage.hlm.wait_days)",
        &headline(&m, &reps, HeadlineId::stage("hlm", StageHeadline::WaitDays)),
        w,
        BIAS * w,
    );
    let housed = scale(
        &headline(&m, &reps, SystemHeadline::HousedPerYear),
        1.0 / 365.25,
    );
    assert_near("housed per day", &housed, lambda, 0.0);
    // Time to housing is the wait for a unit.
    let t = headline(&m, &reps, SystemHeadline::MeanTimeToHousingDays);
    assert_near("mean time to housing", &t, w, BIAS * w);
}

// ------------------------------------------------------------------ arrival process

/// A stream's rate follows its schedule, trend and seasonality month by month: the expected
/// count in calendar month m is base(m)·(1 + trend)^((m + ½)/12)·season[(start + m) mod 12]
/// (the intensity is constant within a month, the trend taken at mid-month — the documented
/// rule), and counts are Poisson. Checked month by month over 24 months against the mean of 40
/// replications (each month's arrivals series).
#[test]
fn arrivals_follow_schedule_trend_and_seasonality() {
    let season = [1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2];
    let (rate0, rate1, from, trend) = (100.0, 150.0, 6.0, 10.0);
    let start_month = 4; // April: seasonality index 3 at month 0.
    let mut s = base(24.0, 0.0);
    s["start"]["month"] = json!(start_month);
    s["arrivals"] = json!([{"id": "in", "label": {"fr": "in"}, "rate_per_month": rate0,
        "schedule": [{"from_month": from, "rate_per_month": rate1}],
        "trend_percent_per_year": trend, "seasonality": season, "mix": {"h": 1.0}}]);
    s["waiting_list"]["orientation"] = json!({"default": ["s"]});
    s["stages"] = json!([place_stage("s", 1000, exponential(1.0), &[("out", 1.0)])]);
    let m = model(&s);
    let reps = run(&m, 12, 40);
    let i = m
        .layout()
        .series_index(&SystemSeries::Arrivals.into())
        .unwrap();
    for month in 0..24 {
        let base_rate = if month as f64 >= from { rate1 } else { rate0 };
        let expected = base_rate
            * (1.0 + trend / 100.0f64).powf((month as f64 + 0.5) / 12.0)
            * season[(start_month as usize - 1 + month) % 12];
        let xs: Vec<f64> = reps.iter().map(|r| r.series[i][month]).collect();
        assert_near(&format!("arrivals in month {month}"), &xs, expected, 0.0);
    }
}

// ------------------------------------------------------------------ eviction prevention

/// Eviction prevention: cases arrive as a Poisson flow (20 a month); at most 10 are handled per
/// calendar month, each resolved with probability 0.6; half of the unresolved ones arrive on the
/// waiting list. With N ~ Poisson(20) cases in a month: prevented = 0.6·E[min(N, 10)] a month,
/// arrivals = 0.5·(20 − prevented) a month.
#[test]
fn prevention_resolves_what_its_capacity_allows() {
    let (cases, cap, success, share): (f64, f64, f64, f64) = (20.0, 10.0, 0.6, 0.5);
    // E[min(N, cap)] for N ~ Poisson(cases).
    let mut pk = (-cases).exp();
    let mut e_min = 0.0;
    let mut tail = 1.0;
    for k in 0..(cap as usize) {
        e_min += k as f64 * pk;
        tail -= pk;
        pk *= cases / (k + 1) as f64;
    }
    e_min += cap * tail;
    let prevented = success * e_min;
    let arrivals = share * (cases - prevented);

    let mut s = base(60.0, 0.0);
    s["waiting_list"]["orientation"] = json!({"default": ["s"]});
    s["stages"] = json!([place_stage("s", 1000, exponential(1.0), &[("out", 1.0)])]);
    s["prevention"] = json!({"cases_per_month": cases, "mix": {"h": 1.0},
        "capacity_per_month": cap, "success_rate": success, "share_to_waiting_list": share});
    let m = model(&s);
    let reps = run(&m, 5, 40);
    let per_month = |id: HeadlineId| scale(&headline(&m, &reps, id), 1.0 / 12.0);
    assert_near(
        "cases a month",
        &per_month(SystemHeadline::PreventionCasesPerYear.into()),
        cases,
        0.0,
    );
    assert_near(
        "prevented a month",
        &per_month(SystemHeadline::EvictionsPreventedPerYear.into()),
        prevented,
        0.0,
    );
    assert_near(
        "arrivals a month",
        &per_month(SystemHeadline::ArrivalsPerYear.into()),
        arrivals,
        0.0,
    );
}
