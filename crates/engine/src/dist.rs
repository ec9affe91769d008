//! Lengths of stay: sampling, and sampling the rest of a stay already under way.
//!
//! The initial state says how long each household has already been in its stage. Its remaining
//! stay must be drawn from the stay distribution conditioned on exceeding that time. Rejection
//! would need on average 1/S(t) draws (unbounded for long stayers), so the conditional law is
//! inverted instead: for a survival function S, draw q uniform on (0, S(t)) and return S⁻¹(q).
//! Written by hand (normal and incomplete-gamma tails) on top of `libm`, for the same reason as
//! `rng.rs`: identical bits natively and in WebAssembly.

use crate::rng::Stream;
use crate::validate::CStay;

const SQRT_2: f64 = std::f64::consts::SQRT_2;

/// A full stay, days.
pub(crate) fn draw(s: &CStay, rng: &mut Stream) -> f64 {
    match *s {
        CStay::Exponential { mean } => rng.exp1() * mean,
        CStay::Lognormal { mu, sigma } => libm::exp(mu + sigma * rng.normal()),
        CStay::Gamma { shape, scale } => rng.gamma(shape) * scale,
        CStay::Fixed { days } => days,
    }
}

/// A full stay conditioned on exceeding `spent` days (the result is > `spent`, or equal to it
/// when the tail beyond `spent` is numerically empty: the household is then ready at once).
pub fn draw_beyond(s: &CStay, spent: f64, rng: &mut Stream) -> f64 {
    if spent <= 0.0 {
        return draw(s, rng);
    }
    match *s {
        // Memoryless.
        CStay::Exponential { mean } => spent + rng.exp1() * mean,
        CStay::Fixed { days } => days.max(spent),
        CStay::Lognormal { mu, sigma } => {
            let zs = (libm::log(spent) - mu) / sigma;
            let tail = normal_survival(zs);
            if tail < 1e-300 {
                return spent;
            }
            let q = tail * rng.open_uniform();
            let z = -normal_quantile(q);
            libm::exp(mu + sigma * z.max(zs)).max(spent)
        }
        CStay::Gamma { shape, scale } => {
            let ys = spent / scale;
            let tail = gamma_survival(shape, ys);
            if tail < 1e-300 {
                return spent;
            }
            let q = tail * rng.open_uniform();
            gamma_survival_inverse(shape, q, ys) * scale
        }
    }
}

/// P(Z > z) for a standard normal Z.
pub fn normal_survival(z: f64) -> f64 {
    0.5 * libm::erfc(z / SQRT_2)
}

/// Φ⁻¹(p) for p in (0, 1): Acklam's rational approximation (relative error 1.15e-9) refined by
/// one Halley step on erfc, which brings it to full double precision.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let x = if p < 0.02425 {
        tail(libm::sqrt(-2.0 * libm::log(p)))
    } else if p > 1.0 - 0.02425 {
        -tail(libm::sqrt(-2.0 * libm::log(1.0 - p)))
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    // Halley refinement: e = Φ(x) − p.
    let e = 0.5 * libm::erfc(-x / SQRT_2) - p;
    let u = e * libm::sqrt(2.0 * std::f64::consts::PI) * libm::exp(x * x / 2.0);
    if u.is_finite() {
        x - u / (1.0 + x * u / 2.0)
    } else {
        x
    }
}

/// Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a): series for x < a + 1, Lentz's
/// continued fraction otherwise (Numerical Recipes, 3rd ed., §6.2).
pub fn gamma_survival(a: f64, x: f64) -> f64 {
    gamma_survival_lg(a, libm::lgamma(a), x)
}

/// [`gamma_survival`] with ln Γ(a) given.
fn gamma_survival_lg(a: f64, lga: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    gamma_survival_ln(a, lga, x, libm::log(x))
}

/// [`gamma_survival_lg`] of x > 0 with ln x given (its caller needs it too).
fn gamma_survival_ln(a: f64, lga: f64, x: f64, ln_x: f64) -> f64 {
    let log_prefactor = a * ln_x - x - lga;
    if x < a + 1.0 {
        let mut sum = 1.0 / a;
        let mut term = sum;
        let mut n = a;
        for _ in 0..1000 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        (1.0 - sum * libm::exp(log_prefactor)).max(0.0)
    } else {
        const TINY: f64 = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / TINY;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < TINY {
                d = TINY;
            }
            c = b + an / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < 1e-16 {
                break;
            }
        }
        (libm::exp(log_prefactor) * h).clamp(0.0, 1.0)
    }
}

/// The y ≥ `lo` with Q(a, y) = q (Q decreasing): Newton steps on ln Q kept inside a bracket
/// that bisection shrinks whenever Newton would leave it ("rtsafe", Numerical Recipes §9.4);
/// at most 100 steps, so it always ends.
pub fn gamma_survival_inverse(a: f64, q: f64, lo: f64) -> f64 {
    let lga = libm::lgamma(a);
    let ln_q = libm::log(q);
    // f(y) = ln Q(a, y) − ln q, decreasing; f'(y) = −density(y) / Q(a, y).
    let f = |y: f64| -> (f64, f64) {
        // ln y once for both (the same bits as computing it in each).
        let ln_y = libm::log(y.max(1e-300));
        let sy = if y >= 1e-300 {
            gamma_survival_ln(a, lga, y, ln_y)
        } else {
            gamma_survival_lg(a, lga, y)
        }
        .max(1e-300);
        let ln_density = (a - 1.0) * ln_y - y - lga;
        (libm::log(sy) - ln_q, -libm::exp(ln_density) / sy)
    };
    let mut lo = lo;
    let mut hi = lo.max(a) + 1.0;
    let mut steps = 0;
    while f(hi).0 > 0.0 && steps < 200 {
        lo = hi;
        hi *= 2.0;
        steps += 1;
    }
    let mut y = 0.5 * (lo + hi);
    for _ in 0..100 {
        let (fy, dfy) = f(y);
        if fy > 0.0 {
            lo = y;
        } else {
            hi = y;
        }
        let newton = y - fy / dfy;
        let next = if dfy < 0.0 && newton > lo && newton < hi {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - y).abs() <= 1e-12 * y.max(1e-12) || hi - lo <= 1e-12 * hi {
            return next;
        }
        y = next;
    }
    y
}
