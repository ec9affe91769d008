//! Place stages: a number of places (shelter, temporary housing, pension de famille), changed
//! over time and in winter, stays by household type, routes at the end of a stay, and the
//! alternative route of households blocked too long.

use super::accompaniment::shifted;
use super::routes::{Dest, Table};
use super::stages::{StageContext, StageGraph};
use super::validator::{cumulative, key_for, Validator};
use super::{
    ErrorKind, MAX_CV, MAX_HORIZON_MONTHS, MAX_PLACES, MAX_STAY_DAYS, MIN_CYCLE_STAY_DAYS,
};
use crate::scenario::{DaloClock, PlaceStage, Stay, MONTH_DAYS};

#[derive(Debug, Clone)]
pub(crate) struct CPlaces {
    pub initial_places: i64,
    pub stay: Vec<CStay>,
    /// routes[type][pool + 1]: index 0 is unaccompanied, then one table per pool.
    pub routes: Vec<Vec<Table>>,
    pub max_blocked_days: Option<f64>,
    pub alternative: Table,
    pub dalo_clock: DaloClock,
    pub counts_as_housing: bool,
    pub cost_per_place_day: f64,
}

/// A stay law, by its own parameters.
#[derive(Debug, Clone)]
pub enum CStay {
    Exponential { mean: f64 },
    Lognormal { mu: f64, sigma: f64 },
    Gamma { shape: f64, scale: f64 },
    Fixed { days: f64 },
}

impl CStay {
    /// Mean length, days.
    pub(crate) fn mean(&self) -> f64 {
        match *self {
            CStay::Exponential { mean } => mean,
            CStay::Lognormal { mu, sigma } => libm::exp(mu + sigma * sigma / 2.0),
            CStay::Gamma { shape, scale } => shape * scale,
            CStay::Fixed { days } => days,
        }
    }
}

impl Validator {
    pub(super) fn place_stage(
        &mut self,
        cx: &StageContext,
        i: usize,
        pl: &PlaceStage,
        stage_pools: &[usize],
        graph: &mut StageGraph,
    ) -> CPlaces {
        let sp = format!("stages[{i}]");
        self.range(&format!("{sp}.places"), pl.places as f64, 0.0, MAX_PLACES);
        self.range(
            &format!("{sp}.winter_places"),
            pl.winter_places as f64,
            0.0,
            MAX_PLACES,
        );
        self.range(
            &format!("{sp}.cost_per_place_day"),
            pl.cost_per_place_day,
            0.0,
            1e6,
        );
        self.capacity(cx, i, pl, &mut graph.capacity_events);
        let stay = self.stays(cx, i, pl);
        let routes = self.routes(cx, i, pl, &stay, stage_pools, graph);
        let alternative = self.alternative(cx, i, pl);
        CPlaces {
            initial_places: pl.places as i64,
            stay,
            routes,
            max_blocked_days: pl.max_blocked_days,
            alternative,
            dalo_clock: pl.dalo_clock,
            counts_as_housing: pl.counts_as_housing,
            cost_per_place_day: pl.cost_per_place_day,
        }
    }

    /// Year-round changes of places and winter places, as capacity events.
    fn capacity(
        &mut self,
        cx: &StageContext,
        i: usize,
        pl: &PlaceStage,
        out: &mut Vec<(f64, usize, i64)>,
    ) {
        let sp = format!("stages[{i}]");
        let horizon = cx.time.horizon;
        let mut level = pl.places as i64;
        let mut changes: Vec<(f64, i64)> = Vec::new();
        for (j, c) in pl.capacity_changes.iter().enumerate() {
            let cp = format!("{sp}.capacity_changes[{j}]");
            let a = self.range(
                &format!("{cp}.day"),
                c.day,
                0.0,
                MAX_HORIZON_MONTHS * MONTH_DAYS,
            );
            let b = self.range(
                &format!("{cp}.places"),
                c.places as f64,
                -MAX_PLACES,
                MAX_PLACES,
            );
            if a && b {
                changes.push((c.day, c.places));
            }
        }
        changes.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (day, d) in &changes {
            level += d;
            if level < 0 {
                self.err(
                    format!("{sp}.capacity_changes"),
                    ErrorKind::PlacesBelowZero { level, day: *day },
                );
                break;
            }
            if *day < horizon {
                out.push((*day, i, *d));
            }
        }
        if pl.winter_places > 0 {
            winter_events(
                cx.time.start_month0,
                horizon,
                i,
                pl.winter_places as i64,
                out,
            );
        }
    }

    /// The stay law of each type (a type the stage refuses gets a zero stay it never uses).
    fn stays(&mut self, cx: &StageContext, i: usize, pl: &PlaceStage) -> Vec<CStay> {
        let sp = format!("stages[{i}]");
        let s = cx.s;
        let (types, accepts) = (&cx.ids.types, &cx.accepts[i]);
        let stays = self.per_type(&format!("{sp}.stay"), &pl.stay, types, accepts);
        let mut stay = Vec::new();
        for (t, st_opt) in stays.iter().enumerate() {
            let key = key_for(&pl.stay, &s.household_types[t].id);
            stay.push(match st_opt {
                Some(x) => self.stay(&format!("{sp}.stay.{key}"), x),
                None => CStay::Fixed { days: 0.0 },
            });
        }
        stay
    }

    /// routes[type][pool + 1]: the table of unaccompanied households, then one per pool (its
    /// street shift applied). Records the moves a zero-length stay could make (cycle check).
    fn routes(
        &mut self,
        cx: &StageContext,
        i: usize,
        pl: &PlaceStage,
        stay: &[CStay],
        stage_pools: &[usize],
        graph: &mut StageGraph,
    ) -> Vec<Vec<Table>> {
        let sp = format!("stages[{i}]");
        let (s, st) = (cx.s, &cx.s.stages[i]);
        let (types, dests, accepts, all_accepts) =
            (&cx.ids.types, &cx.ids.dests, &cx.accepts[i], cx.accepts);
        let (pools, pool_shift, street_exit) = (cx.pools, cx.shifts, &cx.street_exit);
        let zero_edges = &mut graph.zero_edges;
        let route_entries = self.per_type(&format!("{sp}.routes"), &pl.routes, types, accepts);
        let mut routes = Vec::new();
        for (t, r) in route_entries.iter().enumerate() {
            let key = key_for(&pl.routes, &s.household_types[t].id);
            let rp = format!("{sp}.routes.{key}");
            let tab = match r {
                Some(r) if accepts[t] => self.table(&rp, r, dests),
                _ => None,
            };
            let Some((ps, ds)) = tab else {
                routes.push(vec![Table::default(); pools.len() + 1]);
                continue;
            };
            let tname = &s.household_types[t].id;
            // A stay can last (next to) zero days if its law says so or a pool shortens
            // it to 0; so tiny a step could not move floating-point time forward.
            let zero_stay = stay[t].mean() < MIN_CYCLE_STAY_DAYS
                || stage_pools
                    .iter()
                    .any(|&p| pools[p].stay_multiplier * stay[t].mean() < MIN_CYCLE_STAY_DAYS);
            for (j, d) in ds.iter().enumerate() {
                if let Dest::Stage(k) = d {
                    if !all_accepts[*k][t] && ps[j] > 0.0 {
                        self.err(
                            format!("{rp}[{j}].to"),
                            ErrorKind::StageRefusesType {
                                stage: s.stages[*k].id.clone(),
                                type_id: tname.clone(),
                            },
                        );
                    }
                    if ps[j] > 0.0 && zero_stay {
                        zero_edges[i].insert(*k);
                    }
                }
            }
            // Accompanied households may be shifted from street exits to `shift_to`.
            let has_street = ds
                .iter()
                .zip(&ps)
                .any(|(d, &p)| p > 0.0 && matches!(d, Dest::Exit(e) if street_exit[*e]));
            for &p in stage_pools {
                let (shift, to) = pool_shift[p];
                let Some(Dest::Stage(k)) = to else { continue };
                if !has_street || shift <= 0.0 {
                    continue;
                }
                if !all_accepts[k][t] {
                    self.err(
                        format!("accompaniment[{p}].shift_to"),
                        ErrorKind::PoolStageRefusesType {
                            stage: s.stages[k].id.clone(),
                            type_id: tname.clone(),
                            followed_in: st.id.clone(),
                        },
                    );
                } else if zero_stay {
                    zero_edges[i].insert(k);
                }
            }
            let mut per_pool = vec![Table {
                cumulative: cumulative(&ps),
                dests: ds.clone(),
            }];
            for (shift, to) in pool_shift {
                per_pool.push(shifted(&ps, &ds, street_exit, *shift, *to));
            }
            routes.push(per_pool);
        }
        routes
    }

    /// The route taken after `max_blocked_days` blocked.
    fn alternative(&mut self, cx: &StageContext, i: usize, pl: &PlaceStage) -> Table {
        let sp = format!("stages[{i}]");
        let (s, dests, accepts, all_accepts) = (cx.s, &cx.ids.dests, &cx.accepts[i], cx.accepts);
        let nt = s.household_types.len();
        let mut alternative = Table::default();
        if let Some(m) = pl.max_blocked_days {
            self.range(
                &format!("{sp}.max_blocked_days"),
                m,
                1e-6,
                MAX_HORIZON_MONTHS * MONTH_DAYS,
            );
            if let Some((ps, ds)) = self.table(&format!("{sp}.alternative"), &pl.alternative, dests)
            {
                for (j, d) in ds.iter().enumerate() {
                    if let Dest::Stage(k) = d {
                        if *k == i && ps[j] > 0.0 {
                            self.err(
                                format!("{sp}.alternative[{j}].to"),
                                ErrorKind::AlternativeToSameStage,
                            );
                        }
                        for t in 0..nt {
                            if accepts[t] && !all_accepts[*k][t] && ps[j] > 0.0 {
                                self.err(
                                    format!("{sp}.alternative[{j}].to"),
                                    ErrorKind::StageRefusesType {
                                        stage: s.stages[*k].id.clone(),
                                        type_id: s.household_types[t].id.clone(),
                                    },
                                );
                            }
                        }
                    }
                }
                alternative = Table {
                    cumulative: cumulative(&ps),
                    dests: ds,
                };
            }
        } else if !pl.alternative.is_empty() {
            self.err(
                format!("{sp}.alternative"),
                ErrorKind::AlternativeWithoutMaxBlocked,
            );
        }
        alternative
    }

    pub(super) fn stay(&mut self, path: &str, s: &Stay) -> CStay {
        match *s {
            Stay::Exponential { mean_days } => {
                self.range(&format!("{path}.mean_days"), mean_days, 1e-9, MAX_STAY_DAYS);
                CStay::Exponential { mean: mean_days }
            }
            Stay::Lognormal { mean_days, cv } => {
                let a = self.range(&format!("{path}.mean_days"), mean_days, 1e-9, MAX_STAY_DAYS);
                let b = self.range(&format!("{path}.cv"), cv, 1e-9, MAX_CV);
                if !(a && b) {
                    return CStay::Fixed { days: 1.0 };
                }
                // E[X] = exp(mu + sigma²/2), CV² = exp(sigma²) - 1.
                let s2 = libm::log(1.0 + cv * cv);
                CStay::Lognormal {
                    mu: libm::log(mean_days) - s2 / 2.0,
                    sigma: libm::sqrt(s2),
                }
            }
            Stay::Gamma { mean_days, cv } => {
                let a = self.range(&format!("{path}.mean_days"), mean_days, 1e-9, MAX_STAY_DAYS);
                let b = self.range(&format!("{path}.cv"), cv, 0.01, MAX_CV);
                if !(a && b) {
                    return CStay::Fixed { days: 1.0 };
                }
                // shape k = 1/CV², scale = mean·CV².
                CStay::Gamma {
                    shape: 1.0 / (cv * cv),
                    scale: mean_days * cv * cv,
                }
            }
            Stay::Fixed { days } => {
                self.range(&format!("{path}.days"), days, 0.0, MAX_STAY_DAYS);
                CStay::Fixed { days }
            }
        }
    }
}

/// Winter places open on 1 November and close on 1 April, within the horizon.
fn winter_events(
    start_month0: usize,
    horizon: f64,
    stage: usize,
    places: i64,
    out: &mut Vec<(f64, usize, i64)>,
) {
    let mut open = matches!(start_month0, 10 | 11 | 0 | 1 | 2);
    if open {
        out.push((0.0, stage, places));
    }
    for k in 1usize.. {
        let day = k as f64 * MONTH_DAYS;
        if day >= horizon {
            break;
        }
        match (start_month0 + k) % 12 {
            10 if !open => {
                out.push((day, stage, places));
                open = true;
            }
            3 if open => {
                out.push((day, stage, -places));
                open = false;
            }
            _ => {}
        }
    }
}
