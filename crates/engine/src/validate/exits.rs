//! Exits: where households leave the system (housed, street, elsewhere), and the share that
//! comes back to the waiting list after a while.

use super::validator::Validator;
use super::MAX_HORIZON_MONTHS;
use crate::scenario::{ExitKind, Scenario, MONTH_DAYS};

#[derive(Debug, Clone)]
pub(crate) struct CExit {
    pub kind: ExitKind,
    /// (probability of coming back, mean delay in days).
    pub comeback: Option<(f64, f64)>,
}

impl Validator {
    pub(super) fn exits(&mut self, s: &Scenario) -> Vec<CExit> {
        let mut exits = Vec::new();
        for (i, e) in s.exits.iter().enumerate() {
            let comeback = e.comeback.map(|c| {
                self.range(
                    &format!("exits[{i}].comeback.probability"),
                    c.probability,
                    0.0,
                    1.0,
                );
                self.range(
                    &format!("exits[{i}].comeback.mean_months"),
                    c.mean_months,
                    1e-6,
                    MAX_HORIZON_MONTHS,
                );
                (c.probability, c.mean_months * MONTH_DAYS)
            });
            exits.push(CExit {
                kind: e.kind,
                comeback,
            });
        }
        exits
    }
}
