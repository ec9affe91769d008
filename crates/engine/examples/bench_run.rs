//! One timed block of replications, for `scripts/bench.sh` (see BENCHMARKS.md).
//!
//! ```text
//! cargo run --release -p parcours-engine --example bench_run -- (default | FILE) [N] [FIRST]
//! cargo run --release -p parcours-engine --example bench_run -- --print-default
//! ```
//!
//! Runs replications FIRST..FIRST+N (seed 1) of the default scenario or of a scenario file, one
//! thread, after one untimed warm-up replication, and prints one JSON line: replications, the
//! engine's event count (cancelled events not counted since branch `engine-heap`, counted
//! before), wall seconds and the thread's CPU seconds
//! (Linux; `null` elsewhere) of the timed loop alone: parsing and validation are not counted.
//! `--print-default` prints the default scenario as JSON (for the command line's runs of it).
//!
//! `scripts/bench.sh` copies this file into the tree of the commit it compares against, so it
//! uses only the engine's oldest public API (`Scenario::from_json`, `Model::new`, `simulate`,
//! `Replication::events`, `default_scenario`): keep it that way, or older commits stop building it.

use parcours_engine::{default_scenario, simulate, Model, Scenario};
use std::time::Instant;

/// CPU time of the calling thread so far, seconds, from the scheduler's own nanosecond account
/// (`/proc/thread-self/schedstat`, first field); `None` where there is none. On a shared machine
/// it says how much of the wall time the thread really ran.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_run (default | FILE) [N] [FIRST] | bench_run --print-default";
    let which = args.next().unwrap_or_else(|| panic!("{usage}"));
    if which == "--print-default" {
        let json = serde_json::to_string_pretty(&default_scenario()).expect("serialises");
        println!("{json}");
        return;
    }
    let number = |x: Option<String>, default: u64| {
        x.map_or(default, |x| x.parse().unwrap_or_else(|_| panic!("{usage}")))
    };
    let n = number(args.next(), 20);
    let first = number(args.next(), 0);
    let scenario = if which == "default" {
        default_scenario()
    } else {
        let json = std::fs::read_to_string(&which)
            .unwrap_or_else(|e| panic!("{which}: cannot be read: {e}"));
        Scenario::from_json(&json)
            .unwrap_or_else(|_| panic!("{which}: not a scenario this engine reads"))
    };
    let model = Model::new(&scenario).unwrap_or_else(|_| panic!("{which}: the engine rejects it"));
    let seed = 1;
    simulate(&model, seed, first).unwrap_or_else(|_| panic!("{which}: the warm-up run failed"));

    let cpu0 = thread_cpu_seconds();
    let start = Instant::now();
    let mut events = 0u64;
    for r in first..first + n {
        let replication =
            simulate(&model, seed, r).unwrap_or_else(|_| panic!("{which}: replication {r} failed"));
        events += replication.events;
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_seconds()
        .zip(cpu0)
        .map_or("null".to_string(), |(b, a)| format!("{:.6}", b - a));
    println!(
        "{{\"replications\": {n}, \"events\": {events}, \"wall_s\": {wall:.6}, \"cpu_s\": {cpu}}}"
    );
}
