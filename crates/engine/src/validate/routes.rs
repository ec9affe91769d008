//! Routing: where a household goes at the end of a stay, as cumulative probability tables over
//! stages and exits, and the check that no cycle of zero-length stays exists.

use super::validator::{Validator, SUM_TOLERANCE};
use super::ErrorKind;
use crate::scenario::Route;
use std::collections::{BTreeMap, BTreeSet};

/// Where a household goes: a stage or an exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dest {
    Stage(usize),
    Exit(usize),
}

/// A routing table as cumulative probabilities.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub cumulative: Vec<f64>,
    pub dests: Vec<Dest>,
}

impl Validator {
    /// A list of routes as (probabilities, destinations), or `None` when it is not usable.
    pub(super) fn table(
        &mut self,
        path: &str,
        routes: &[Route],
        dests: &BTreeMap<String, Dest>,
    ) -> Option<(Vec<f64>, Vec<Dest>)> {
        if routes.is_empty() {
            self.err(path, ErrorKind::NoRoute);
            return None;
        }
        let mut ok = true;
        let mut ps = Vec::new();
        let mut ds = Vec::new();
        for (i, r) in routes.iter().enumerate() {
            match dests.get(&r.to) {
                None => {
                    self.err(
                        format!("{path}[{i}].to"),
                        ErrorKind::UnknownRouteDestination { id: r.to.clone() },
                    );
                    ok = false;
                }
                Some(&d) => ds.push(d),
            }
            ok &= self.range(&format!("{path}[{i}].p"), r.p, 0.0, 1.0);
            ps.push(r.p);
        }
        if !ok {
            return None;
        }
        let sum: f64 = ps.iter().sum();
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            self.err(path, ErrorKind::ProbabilitiesSum { sum });
            return None;
        }
        Some((ps, ds))
    }
}

/// Finds a cycle in the graph of zero-stay moves (depth-first search).
pub(super) fn zero_stay_cycle(edges: &[BTreeSet<usize>]) -> Option<Vec<usize>> {
    let n = edges.len();
    let mut state = vec![0u8; n];
    let mut stack: Vec<usize> = Vec::new();
    fn dfs(
        v: usize,
        edges: &[BTreeSet<usize>],
        state: &mut [u8],
        stack: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        state[v] = 1;
        stack.push(v);
        for &w in &edges[v] {
            if state[w] == 1 {
                let pos = stack.iter().position(|&x| x == w).unwrap_or(0);
                let mut c = stack[pos..].to_vec();
                c.push(w);
                return Some(c);
            }
            if state[w] == 0 {
                if let Some(c) = dfs(w, edges, state, stack) {
                    return Some(c);
                }
            }
        }
        stack.pop();
        state[v] = 2;
        None
    }
    for v in 0..n {
        if state[v] == 0 {
            if let Some(c) = dfs(v, edges, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}
