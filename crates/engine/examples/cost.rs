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
        let t = std::time::Instant::now();
        let budget = Budget {
            max_events: 50_000_000,
            ..Budget::default()
        };
        let r = Run::new(&m, 1, 0, budget).and_then(|r| r.finish());
        let dt = t.elapsed().as_secs_f64();
        match r {
            Ok(r) => println!(
                "{path}: events {} peak {} in {dt:.3}s",
                r.events, r.peak_households
            ),
            Err(e) => println!("{path}: {e} after {dt:.3}s"),
        }
    }
}
