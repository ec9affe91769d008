//! Prints a digest of a few replications of each scenario file given (for before/after checks).
use parcours_engine::{simulate, Model};
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let m = Model::from_json(&text).unwrap();
        let mut h: u64 = 0xcbf29ce484222325;
        for r in 0..3 {
            let rep = simulate(&m, 42, r).unwrap();
            let s = serde_json::to_string(&(&rep.series, &rep.headlines, rep.events)).unwrap();
            for b in s.bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        }
        println!("{path}: {h:016x}");
    }
}
