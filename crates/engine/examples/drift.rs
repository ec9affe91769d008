//! Exploration: yearly means of headline series, trends at 0, long horizon.
use parcours_engine::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let file = args
        .get(1)
        .cloned()
        .unwrap_or("assets/scenarios/haute-garonne.json".into());
    let years: f64 = args.get(2).map(|x| x.parse().unwrap()).unwrap_or(20.0);
    let reps: u64 = args.get(3).map(|x| x.parse().unwrap()).unwrap_or(10);
    let mut s = Scenario::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for a in &mut s.arrivals {
        a.trend_percent_per_year = 0.0;
    }
    for st in &mut s.stages {
        match &mut st.kind {
            StageKind::Places(p) => p.capacity_changes.clear(),
            StageKind::Allocation(a) => a.unit_changes.clear(),
        }
    }
    s.horizon_months = years * 12.0;
    let m = Model::new(&s).unwrap_or_else(|e| {
        for x in e {
            eprintln!("{x}");
        }
        std::process::exit(1)
    });
    let mut ens = Ensemble::new(m.layout().clone(), 1);
    for r in 0..reps {
        ens.add(simulate(&m, 1, r).unwrap());
    }
    let sm = ens.summary();
    let l = m.layout();
    let ids: Vec<String> = std::env::var("IDS").unwrap_or("unsheltered,blocked,dalo_eligible,housed,stage.hu.occupancy,stage.chrs.occupancy,stage.lt.occupancy,stage.pension.occupancy,stage.hu.blocked,stage.chrs.blocked,stage.lt.blocked,stage.pension.blocked,stage.hlm.queue,stage.hlm.entries".into()).split(',').map(|x| x.to_string()).collect();
    let show: Vec<usize> = [1usize, 2, 3, 5, 10, 15, 20]
        .into_iter()
        .filter(|&y| (y as f64) <= years)
        .collect();
    print!("{:28}", "series");
    for y in &show {
        print!("{:>9}", format!("y{y}"));
    }
    println!();
    for id in ids {
        let Some(b) = sm.series(id.as_str()) else {
            continue;
        };
        print!("{:28}", id);
        for &y in &show {
            let per = (l.periods as f64 / years) as usize;
            let sl = &b.mean[(y - 1) * per..y * per];
            let v: f64 = sl.iter().sum::<f64>() / sl.len() as f64;
            let v = if id == "housed" || id.ends_with("entries") {
                v * 12.0
            } else {
                v
            };
            print!("{:>9.1}", v);
        }
        println!();
    }
}
