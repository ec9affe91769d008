//! Measured cost of one replication of each scenario file given (events, households at the
//! peak, time) beside the engine's estimate: `cargo run --release --example cost -- FILE...`.
use parcours_engine::{Budget, Model, Run};
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable");
        let m = match Model::from_json(&text) {
            Ok(m) => m,
            Err(e) => {
                println!("{path}: invalid: {}", e[0]);
                continue;
            }
        };
        let e = m.estimate();
        let t = std::time::Instant::now();
        let budget = Budget {
            max_events: 50_000_000,
            ..Budget::default()
        };
        let mut work = 0;
        let r = Run::new(&m, 1, 0, budget).and_then(|mut r| {
            r.advance(u64::MAX)?;
            work = r.work();
            r.finish()
        });
        let dt = t.elapsed().as_secs_f64();
        match r {
            Ok(r) => println!(
                "{path}: work {work} (events {}; estimate {:.0}, ×{:.2}) peak {} (estimate {:.0}, ×{:.2}) in {dt:.3}s",
                r.events,
                e.events,
                e.events / work as f64,
                r.peak_households,
                e.peak_households,
                e.peak_households / r.peak_households as f64
            ),
            Err(err) => println!(
                "{path}: {err} after {dt:.3}s (estimate {:.3e} events, {:.3e} households, {:.3e} bytes)",
                e.events, e.peak_households, e.memory_bytes
            ),
        }
    }
}
