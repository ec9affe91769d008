//! Random streams and the few distributions the model needs.
//!
//! Why by hand: results must be bit-identical natively and in WebAssembly and must not change when a
//! dependency is upgraded. `rand_pcg`'s PCG generators are documented as value-stable and portable,
//! but `rand_distr` samplers may change their algorithms between versions and `f64::ln`/`exp` may
//! call the platform's libm. So the generator comes from `rand_pcg`, and the transformations below
//! use the pure-Rust `libm` crate, which computes the same bits on every target.

use rand_core::Rng;
use rand_pcg::Pcg64Mcg;

/// Labels of independent random streams (common random numbers: one stream per process).
#[derive(Clone, Copy, Debug)]
#[repr(u64)]
pub enum StreamTag {
    Arrivals = 1,
    Household = 2,
    Units = 3,
    Prevention = 4,
}

/// SplitMix64 finaliser: a bijective avalanche mix, used to derive independent stream seeds.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// [`key`]'s starting value.
const KEY_START: u64 = 0x9e37_79b9_7f4a_7c15;

/// One word of a [`key`], mixed on its own.
#[inline]
fn word(p: u64) -> u64 {
    mix64(p.wrapping_add(0x632b_e59b_d9b4_e019))
}

/// Combines a sequence of words into one well-mixed 64-bit key.
#[inline]
pub fn key(parts: &[u64]) -> u64 {
    let mut h = KEY_START;
    for &p in parts {
        h = mix64(h ^ word(p));
    }
    h
}

/// A random stream for (seed, replication, tag, id).
pub fn stream(seed: u64, replication: u64, tag: StreamTag, id: u64) -> Stream {
    Streams::new(seed, replication, tag).stream(id)
}

/// The streams of one (seed, replication, tag), by id: [`stream`] with the words that do not
/// depend on the id mixed once (a replication seeds a stream for every household: 7 mixes
/// instead of 18, the same bits).
#[derive(Clone, Copy, Debug)]
pub struct Streams {
    /// `key(&[seed, replication, tag])`'s running value, before the id.
    hi: u64,
    /// The mixed words that follow the id in the low key: tag, replication, seed, 0x5eed.
    lo: [u64; 4],
}

impl Streams {
    pub fn new(seed: u64, replication: u64, tag: StreamTag) -> Streams {
        let tag = tag as u64;
        Streams {
            hi: key(&[seed, replication, tag]),
            lo: [word(tag), word(replication), word(seed), word(0x5eed)],
        }
    }

    /// `stream(seed, replication, tag, id)`: the high key `key(&[seed, replication, tag, id])`
    /// and the low key `key(&[id, tag, replication, seed, 0x5eed])`.
    #[inline]
    pub fn stream(&self, id: u64) -> Stream {
        let id = word(id);
        let hi = mix64(self.hi ^ id);
        let mut lo = mix64(KEY_START ^ id);
        for w in self.lo {
            lo = mix64(lo ^ w);
        }
        Stream(Pcg64Mcg::new(((hi as u128) << 64) | lo as u128))
    }
}

#[derive(Clone, Debug)]
pub struct Stream(Pcg64Mcg);

impl Stream {
    /// The generator's next raw output, for the tests pinning it (crates/engine-tests, where
    /// the engine's tests live); the model draws through the samplers below.
    #[doc(hidden)]
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform on [0, 1) with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform on (0, 1]: safe to take the logarithm of.
    #[inline]
    pub fn open_uniform(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// Exponential with rate 1.
    #[inline]
    pub fn exp1(&mut self) -> f64 {
        -libm::log(self.open_uniform())
    }

    /// Standard normal (Box–Muller, one value per call so the stream stays simple to reason about).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.open_uniform();
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// Gamma with the given shape and scale 1 (Marsaglia & Tsang 2000; boost for shape < 1).
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let u = self.open_uniform();
            return self.gamma(shape + 1.0) * libm::pow(u, 1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / libm::sqrt(9.0 * d);
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.open_uniform();
            if libm::log(u) < 0.5 * x * x + d - d * v + d * libm::log(v) {
                return d * v;
            }
        }
    }

    /// Index drawn from a cumulative probability table (last entry is 1).
    #[inline]
    pub fn pick(&mut self, cumulative: &[f64]) -> usize {
        let u = self.uniform();
        cumulative
            .iter()
            .position(|&c| u < c)
            .unwrap_or(cumulative.len() - 1)
    }
}
