//! What the page accepts to run, decided before a run from the engine's estimate of its cost
//! (`Model::estimate`, MODEL.md 17.9), and the budget every replication runs within in a worker
//! (MODEL.md 17.8): a scenario that would take minutes is asked about first, one that would
//! exceed the budget or the page's memory is refused with the reason, and a replication that
//! runs away anyway is stopped by its budget with a message, never by a frozen or dead worker.

use parcours_engine::{Budget, Cost, Model, OverBudget};

/// The budget of one replication in a page's worker: 20 million events (about 10 to 40 s in
/// WebAssembly, 400 times the default territory), 2 million households, 512 MiB of state (a
/// worker's WebAssembly memory cannot exceed 4 GiB, and several workers share the device).
pub const PAGE_BUDGET: Budget = Budget {
    max_events: 20_000_000,
    max_households: 2_000_000,
    max_memory_bytes: 512 << 20,
};

/// Above this many events per replication (estimated), the page asks before running: about a
/// second or more per replication in WebAssembly (the default territory needs 86,000).
pub const ASK_EVENTS_PER_REPLICATION: f64 = 2e6;
/// Above this many events for the whole run (estimated), the page asks too: a few minutes on
/// two workers.
pub const ASK_EVENTS_PER_RUN: f64 = 5e8;
/// Most bytes of results the page keeps for one run (its series, every replication): the
/// baseline's and the scenario's runs are both kept, in the page's own memory.
pub const MAX_RESULT_BYTES: f64 = 256e6;

/// Bytes the page keeps per number of a replication's results.
const BYTES_PER_FIGURE: f64 = 8.0;

/// Why the page refuses to run a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Refusal {
    /// One replication would exceed [`PAGE_BUDGET`].
    OverBudget(OverBudget),
    /// The results of the run would not fit in the page's memory ([`MAX_RESULT_BYTES`]).
    Results {
        bytes: f64,
        max: f64,
        replications: u64,
    },
}

/// What the page does with a run, before starting it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Admission {
    Run,
    /// Long: the page says how long and asks.
    Ask(Cost),
    Refuse(Refusal),
}

/// The numbers one replication of `model` gives the page (its series over every period, its
/// headline figures), so the memory of a run's results.
pub fn figures_per_replication(model: &Model) -> f64 {
    let layout = model.layout();
    (layout.series.len() * layout.periods + layout.headlines.len()) as f64
}

/// Whether the page runs `replications` replications of `model` at once, asks, or refuses.
pub fn admit(model: &Model, replications: u64) -> Admission {
    let cost = model.estimate();
    if let Some(over) = cost.exceeds(&PAGE_BUDGET) {
        return Admission::Refuse(Refusal::OverBudget(over));
    }
    let bytes = figures_per_replication(model) * BYTES_PER_FIGURE * replications as f64;
    if bytes > MAX_RESULT_BYTES {
        return Admission::Refuse(Refusal::Results {
            bytes,
            max: MAX_RESULT_BYTES,
            replications,
        });
    }
    if cost.events > ASK_EVENTS_PER_REPLICATION
        || cost.events * replications as f64 > ASK_EVENTS_PER_RUN
    {
        return Admission::Ask(cost);
    }
    Admission::Run
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::default_scenario;

    fn fixture(name: &str) -> Model {
        let path = format!(
            "{}/../engine/tests/fixtures/runaway/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        Model::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_default_territory_runs_at_once_even_with_many_replications() {
        let model = Model::new(&default_scenario()).unwrap();
        assert_eq!(admit(&model, 200), Admission::Run);
        // The most a link may ask for (link::MAX_REPLICATIONS): still served.
        assert_eq!(admit(&model, crate::link::MAX_REPLICATIONS), Admission::Run);
    }

    #[test]
    fn a_long_scenario_is_asked_about_and_a_runaway_refused() {
        // 69,000 arrivals a month on a small territory: about 9 million events a replication.
        match admit(&fixture("arrival-flood"), 200) {
            Admission::Ask(cost) => assert!(cost.events > 5e6, "{cost:?}"),
            other => panic!("{other:?}"),
        }
        // A cycle of near-zero stays: about a billion events, beyond the page's budget.
        assert!(matches!(
            admit(&fixture("near-zero-stay-cycle"), 200),
            Admission::Refuse(Refusal::OverBudget(OverBudget::Events { .. }))
        ));
        // Nobody leaves: millions of households at once.
        assert!(matches!(
            admit(&fixture("nobody-leaves"), 200),
            Admission::Refuse(Refusal::OverBudget(OverBudget::Households { .. }))
        ));
    }

    #[test]
    fn results_too_large_for_the_page_are_refused() {
        let model = Model::new(&default_scenario()).unwrap();
        let per = figures_per_replication(&model) * BYTES_PER_FIGURE;
        let too_many = (MAX_RESULT_BYTES / per) as u64 + 1;
        assert!(matches!(
            admit(&model, too_many),
            Admission::Refuse(Refusal::Results { replications, .. }) if replications == too_many
        ));
    }
}
