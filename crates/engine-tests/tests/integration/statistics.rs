//! The statistics' building blocks (`parcours_engine::stats`): type-7 quantiles, Student-t
//! quantiles against tables, and a confidence interval of a known sample.

use parcours_engine::stats::{estimate, quantile, t975, t_quantile};

#[test]
fn quantiles_match_type_7() {
    // numpy.percentile([1, 2, 3, 4], [5, 50, 95]) = [1.15, 2.5, 3.85]
    let xs = [1.0, 2.0, 3.0, 4.0];
    assert!((quantile(&xs, 0.05) - 1.15).abs() < 1e-12);
    assert!((quantile(&xs, 0.5) - 2.5).abs() < 1e-12);
    assert!((quantile(&xs, 0.95) - 3.85).abs() < 1e-12);
    assert!(quantile(&[], 0.5).is_nan());
}

#[test]
fn t_quantiles() {
    // Tables: t(0.975; 30) = 2.042, t(0.975; 60) = 2.000, t(0.975; 120) = 1.980.
    assert_eq!(t975(30), 2.042);
    assert!((t975(60) - 2.000).abs() < 1e-3);
    assert!((t975(120) - 1.980).abs() < 1e-3);
    // Other levels (a Bonferroni correction's): t(0.995; 10) = 3.169, t(0.995; 30) = 2.750,
    // t(0.995; 100) = 2.626, t(0.9975; 20) = 3.153, t(0.975; 30) = 2.042; within 1 % from
    // 10 degrees of freedom.
    for (p, df, table) in [
        (0.995, 10, 3.169),
        (0.995, 30, 2.750),
        (0.995, 100, 2.626),
        (0.9975, 20, 3.153),
        (0.975, 30, 2.042),
    ] {
        let t = t_quantile(p, df);
        assert!(
            (t - table).abs() < 0.01 * table,
            "t({p}; {df}) = {t}, table {table}"
        );
    }
    assert!((t_quantile(0.975, 1000) - t975(1000)).abs() < 1e-8);
}

#[test]
fn interval_of_known_sample() {
    // Mean 3, sd = sqrt(2.5), n = 5: half-width = 2.776 * sqrt(2.5/5).
    let e = estimate("x", &[1.0, 2.0, 3.0, 4.0, 5.0]);
    let half = 2.776 * (0.5f64).sqrt();
    assert!((e.mean.unwrap() - 3.0).abs() < 1e-12);
    assert!((e.ci_low.unwrap() - (3.0 - half)).abs() < 1e-9);
    assert!((e.ci_high.unwrap() - (3.0 + half)).abs() < 1e-9);
}
