use parcours_engine::*;
fn ens(s: &Scenario, reps: u64) -> Ensemble {
    let m = Model::new(s).unwrap();
    let mut e = Ensemble::new(m.layout().clone(), 71);
    for r in 0..reps {
        e.add(simulate(&m, 71, r).unwrap());
    }
    e
}
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let fcfs = args.get(1).is_some_and(|a| a == "fcfs");
    let horizon: f64 = args.get(2).map_or(60.0, |x| x.parse().unwrap());
    let mut base = default_scenario();
    base.horizon_months = horizon;
    if fcfs {
        for s in &mut base.stages {
            s.queue = QueueRule::Fcfs;
        }
    }
    let mut more = base.clone();
    for s in &mut more.stages {
        if s.id == "chrs" {
            if let StageKind::Places(p) = &mut s.kind {
                p.places = 600;
            }
        }
    }
    let (b, v) = (ens(&base, 40), ens(&more, 40));
    let c = compare(&b, &v).unwrap();
    for id in [
        "without_solution",
        "share_housed_6m_after_first_request",
        "share_housed_12m_after_first_request",
        "share_housed_24m_after_first_request",
        "share_in_place_12m_after_first_request",
        "share_gone_12m_after_first_request",
        "share_waiting_list_12m_after_first_request",
        "housed_per_year",
        "median_time_to_housing_days",
        "blocked_places",
        "stage.hlm.wait_days",
        "new_dalo_eligible_per_year",
    ] {
        let d = c.difference(id).unwrap();
        println!(
            "{id:50} base {:10.4} diff {:+.4} ± {:.4} ({:+.2}%)",
            d.baseline.unwrap(),
            d.difference.mean.unwrap(),
            d.difference.ci_high.unwrap() - d.difference.mean.unwrap(),
            100.0 * d.difference.mean.unwrap() / d.baseline.unwrap()
        );
    }
    let sb = b.summary();
    let sv = v.summary();
    let kb = sb.cohort(CohortState::Housed).unwrap();
    let kv = sv.cohort(CohortState::Housed).unwrap();
    println!(
        "KM housed base {:?}",
        kb.mean
            .iter()
            .step_by(3)
            .map(|x| (x * 1000.0).round() / 1000.0)
            .collect::<Vec<_>>()
    );
    println!(
        "KM housed more {:?}",
        kv.mean
            .iter()
            .step_by(3)
            .map(|x| (x * 1000.0).round() / 1000.0)
            .collect::<Vec<_>>()
    );
}
