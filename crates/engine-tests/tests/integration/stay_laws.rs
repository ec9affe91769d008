//! Lengths of stay (`parcours_engine::dist`): the normal and incomplete-gamma tails and their
//! inverses, and the remaining stay of a household already present at day 0 drawn from the
//! conditional law.

use parcours_engine::dist::{
    draw_beyond, gamma_survival, gamma_survival_inverse, normal_quantile, normal_survival,
};
use parcours_engine::rng::{stream, StreamTag};
use parcours_engine::validate::CStay;

/// Survival function of a stay, P(X > x).
fn survival(s: &CStay, x: f64) -> f64 {
    match *s {
        CStay::Exponential { mean } => libm::exp(-x / mean),
        CStay::Fixed { days } => {
            if x < days {
                1.0
            } else {
                0.0
            }
        }
        CStay::Lognormal { mu, sigma } => {
            if x <= 0.0 {
                1.0
            } else {
                normal_survival((libm::log(x) - mu) / sigma)
            }
        }
        CStay::Gamma { shape, scale } => gamma_survival(shape, x / scale),
    }
}

#[test]
fn normal_quantile_inverts_survival() {
    for &p in &[1e-200, 1e-12, 1e-4, 0.02, 0.3, 0.5, 0.8, 0.99] {
        let z = normal_quantile(p);
        let back = 1.0 - normal_survival(z);
        assert!(
            (back - p).abs() <= 1e-12 * p.max(1e-12) + 1e-15,
            "p {p} z {z} back {back}"
        );
    }
    // Φ⁻¹(0.975) = 1.959963984540054 (tables).
    assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-12);
}

#[test]
fn gamma_inverse_inverts() {
    for &a in &[0.4, 1.0, 2.5, 9.0] {
        for &q in &[0.9, 0.3, 1e-3, 1e-9] {
            let y = gamma_survival_inverse(a, q, 0.0);
            let back = gamma_survival(a, y);
            assert!(
                (back - q).abs() < 1e-8 * q,
                "a {a} q {q}: y {y} gives {back}"
            );
        }
    }
}

#[test]
fn gamma_survival_known_values() {
    // Q(1, x) = e^{-x}; Q(2, x) = (1 + x) e^{-x}; Q(0.5, x) = erfc(√x).
    for &x in &[0.1, 1.0, 3.0, 10.0, 50.0] {
        assert!((gamma_survival(1.0, x) - (-x).exp()).abs() < 1e-13);
        assert!((gamma_survival(2.0, x) - (1.0 + x) * (-x).exp()).abs() < 1e-13);
        assert!((gamma_survival(0.5, x) - libm::erfc(x.sqrt())).abs() < 1e-13);
    }
}

/// The conditional law: P(X ≤ x | X > s) = 1 − S(x)/S(s), checked at its quartiles with a
/// binomial tolerance of 5 standard errors.
#[test]
fn residual_stays_follow_the_conditional_law() {
    let laws = [
        CStay::Exponential { mean: 100.0 },
        CStay::Lognormal {
            mu: libm::log(300.0) - 0.5 * libm::log(2.0),
            sigma: libm::sqrt(libm::log(2.0)),
        },
        CStay::Gamma {
            shape: 2.0,
            scale: 150.0,
        },
        CStay::Gamma {
            shape: 0.4,
            scale: 500.0,
        },
    ];
    let n = 20_000;
    let mut rng = stream(5, 0, StreamTag::Household, 1);
    for law in &laws {
        for &spent in &[50.0, 400.0, 2000.0] {
            let draws: Vec<f64> = (0..n).map(|_| draw_beyond(law, spent, &mut rng)).collect();
            assert!(draws.iter().all(|&x| x >= spent));
            let ss = survival(law, spent);
            let mut sorted = draws.clone();
            sorted.sort_by(f64::total_cmp);
            for &k in &[0.25, 0.5, 0.75] {
                let x = sorted[(k * n as f64) as usize];
                let expected = 1.0 - survival(law, x) / ss;
                let se = (k * (1.0 - k) / n as f64).sqrt();
                assert!(
                    (expected - k).abs() < 5.0 * se,
                    "{law:?} spent {spent}: quantile {k} at {x} has CDF {expected}"
                );
            }
        }
    }
}
