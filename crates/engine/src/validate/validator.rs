//! The validator's common checks: ranges, ids, type mixes and per-type tables. Each records what
//! is wrong and carries on, so that one pass reports every problem.

use super::error::{ErrorKind, ValidationError};
use crate::scenario::{PerType, DEFAULT_KEY};
use std::collections::BTreeMap;

/// Probabilities must sum to 1 within this tolerance.
pub(super) const SUM_TOLERANCE: f64 = 1e-6;

#[derive(Default)]
pub(super) struct Validator {
    pub(super) errors: Vec<ValidationError>,
}

impl Validator {
    pub(super) fn err(&mut self, path: impl Into<String>, kind: ErrorKind) {
        self.errors.push(ValidationError::new(path, kind));
    }

    /// A finite number within [lo, hi].
    pub(super) fn range(&mut self, path: &str, x: f64, lo: f64, hi: f64) -> bool {
        if !x.is_finite() {
            self.err(
                path,
                ErrorKind::NotFinite {
                    value: super::error::not_finite_text(x),
                },
            );
            false
        } else if x < lo || x > hi {
            self.err(
                path,
                ErrorKind::OutOfRange {
                    value: x,
                    min: lo,
                    max: hi,
                },
            );
            false
        } else {
            true
        }
    }

    pub(super) fn ids<'a>(
        &mut self,
        path: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> BTreeMap<String, usize> {
        let mut map = BTreeMap::new();
        for (i, id) in ids.enumerate() {
            if id.is_empty() || id == DEFAULT_KEY {
                self.err(
                    format!("{path}[{i}].id"),
                    ErrorKind::UnusableId { id: id.into() },
                );
            } else if map.insert(id.to_string(), i).is_some() {
                self.err(
                    format!("{path}[{i}].id"),
                    ErrorKind::DuplicateId { id: id.into() },
                );
            }
        }
        map
    }

    /// A type → share mix over known types summing to 1.
    pub(super) fn mix(
        &mut self,
        path: &str,
        mix: &BTreeMap<String, f64>,
        types: &BTreeMap<String, usize>,
    ) -> Vec<f64> {
        let mut shares = vec![0.0; types.len()];
        let mut sum = 0.0;
        let mut ok = true;
        for (t, &p) in mix {
            let p_path = format!("{path}.{t}");
            match types.get(t) {
                None => {
                    self.err(&p_path, ErrorKind::UnknownType { id: t.clone() });
                    ok = false;
                }
                Some(&i) => {
                    if self.range(&p_path, p, 0.0, 1.0) {
                        shares[i] = p;
                        sum += p;
                    } else {
                        ok = false;
                    }
                }
            }
        }
        if ok && (sum - 1.0).abs() > SUM_TOLERANCE {
            self.err(path, ErrorKind::SharesSum { sum });
        }
        shares
    }

    /// Resolves a per-type table: for each type, its own entry or the default one.
    pub(super) fn per_type<'a, T>(
        &mut self,
        path: &str,
        table: &'a PerType<T>,
        types: &BTreeMap<String, usize>,
        needed: &[bool],
    ) -> Vec<Option<&'a T>> {
        for k in table.keys() {
            if k != DEFAULT_KEY && !types.contains_key(k) {
                self.err(
                    format!("{path}.{k}"),
                    ErrorKind::UnknownTypeKey { key: k.clone() },
                );
            }
        }
        let mut out = vec![None; types.len()];
        for (name, &i) in types {
            let entry = table.get(name).or_else(|| table.get(DEFAULT_KEY));
            if entry.is_none() && needed[i] {
                self.err(
                    path,
                    ErrorKind::MissingTypeEntry {
                        type_id: name.clone(),
                    },
                );
            }
            out[i] = entry;
        }
        out
    }
}

/// The key under which a type's entry of a per-type table is found (its own, or `default`).
pub(super) fn key_for<T>(table: &PerType<T>, type_id: &str) -> String {
    if table.contains_key(type_id) {
        type_id.to_string()
    } else {
        DEFAULT_KEY.to_string()
    }
}

/// Probabilities (or shares) as a cumulative table ending exactly at 1.
pub(super) fn cumulative(ps: &[f64]) -> Vec<f64> {
    let total: f64 = ps.iter().sum();
    let mut acc = 0.0;
    let mut out: Vec<f64> = ps
        .iter()
        .map(|p| {
            acc += p / total.max(f64::MIN_POSITIVE);
            acc
        })
        .collect();
    if let Some(last) = out.last_mut() {
        *last = 1.0;
    }
    out
}
