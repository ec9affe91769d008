//! Plain benchmark report: events per second and replications per second on a one-stage M/M/10
//! case, on the default multi-stage scenario and on the four-stage chain with blocking, on one
//! thread and on all cores. (`scripts/bench.sh` compares two commits; this looks at one.)
//!
//! `cargo run --release -p parcours-engine --example bench_report [seconds per case]`

use parcours_engine::{default_scenario, simulate, Model, Scenario};
use std::time::{Duration, Instant};

#[path = "../benches/engine.rs"]
#[allow(dead_code)]
mod bench;

/// CPU time used by this process so far, seconds (Linux: /proc/self/stat utime + stime, in clock
/// ticks of 1/100 s); None elsewhere. On a shared machine it tells how much of the wall time the
/// process actually ran.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Runs replications 0, 1, 2, … of `m` on `threads` threads for about `budget`; returns
/// (replications, events, wall seconds, CPU seconds).
fn measure(m: &Model, threads: usize, budget: Duration) -> (u64, u64, f64, Option<f64>) {
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    let next = std::sync::atomic::AtomicU64::new(0);
    let totals: Vec<(u64, u64)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let (mut reps, mut events) = (0u64, 0u64);
                    while start.elapsed() < budget {
                        let r = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        events += simulate(m, 1, r).expect("runs").events;
                        reps += 1;
                    }
                    (reps, events)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let reps = totals.iter().map(|t| t.0).sum();
    let events = totals.iter().map(|t| t.1).sum();
    (reps, events, secs, cpu)
}

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .map(|x| x.parse().expect("seconds"))
        .unwrap_or(10.0);
    let budget = Duration::from_secs_f64(seconds);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cases: [(&str, Scenario); 3] = [
        ("one-stage M/M/10, 10 years", bench::mmc_scenario()),
        (
            "default scenario (Haute-Garonne), 5 years",
            default_scenario(),
        ),
        (
            "four-stage chain with blocking, 5 years",
            bench::chain_scenario(),
        ),
    ];
    println!(
        "| case | threads | replications/s | events/replication | events/s | events/s per thread \
         | events per CPU-second |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, s) in &cases {
        let m = Model::new(s).expect("valid");
        simulate(&m, 1, 0).expect("warm-up run");
        for threads in [1, cores] {
            if threads == cores && cores == 1 {
                continue;
            }
            let (reps, events, secs, cpu) = measure(&m, threads, budget);
            println!(
                "| {name} | {threads} | {:.1} | {:.0} | {:.2} M | {:.2} M | {} |",
                reps as f64 / secs,
                events as f64 / reps as f64,
                events as f64 / secs / 1e6,
                events as f64 / secs / 1e6 / threads as f64,
                cpu.map_or("n/a".into(), |c| format!(
                    "{:.2} M",
                    events as f64 / c / 1e6
                ))
            );
        }
    }
}
