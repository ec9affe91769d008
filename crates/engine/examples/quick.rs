use parcours_engine::*;
fn main() {
    let m = Model::new(&default_scenario()).unwrap_or_else(|e| {
        for x in e {
            eprintln!("{x}");
        }
        std::process::exit(1)
    });
    let t = std::time::Instant::now();
    let mut ens = Ensemble::new(m.layout().clone(), 1);
    let mut ev = 0;
    for r in 0..20 {
        let rep = simulate(&m, 1, r).unwrap();
        ev += rep.events;
        ens.add(rep);
    }
    let dt = t.elapsed().as_secs_f64();
    let s = ens.summary();
    for e in &s.headlines {
        println!(
            "{:45} {:>12.1?} [{:?} .. {:?}]",
            e.id, e.mean, e.ci_low, e.ci_high
        );
    }
    println!("events {ev} in {dt:.3}s = {:.1} M/s", ev as f64 / dt / 1e6);
}
