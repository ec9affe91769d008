//! Validation: turns a [`Scenario`] into a runnable [`Model`], or returns every problem at once,
//! each naming the field by its path and saying what was expected.
//!
//! The compiled model replaces ids by indices and per-type tables by dense vectors, so the
//! simulation never looks anything up by name.

use crate::output::Layout;
use crate::scenario::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Longest horizon accepted (100 years).
pub const MAX_HORIZON_MONTHS: f64 = 1200.0;
/// Most expected arrivals per replication (all streams, comebacks excluded).
pub const MAX_EXPECTED_ARRIVALS: f64 = 20_000_000.0;
/// Most places, units or slots in one stage or pool.
pub const MAX_PLACES: f64 = 10_000_000.0;
/// Longest mean stay accepted (100 years), and largest coefficient of variation.
pub const MAX_STAY_DAYS: f64 = 36_525.0;
pub const MAX_CV: f64 = 20.0;
/// Most reporting periods in one run.
pub const MAX_PERIODS: f64 = 100_000.0;
/// Most stages, household types, exits, pools and arrival streams (keeps compiled tables small).
pub const MAX_STAGES: usize = 100;
pub const MAX_TYPES: usize = 30;
pub const MAX_EXITS: usize = 50;
pub const MAX_POOLS: usize = 20;
pub const MAX_STREAMS: usize = 50;
/// Most households in the initial state.
pub const MAX_INITIAL: u64 = 5_000_000;
/// Stays shorter than this on average (about 1.4 minutes) count as zero-length for the routing
/// cycle check: a cycle of them would barely move time forward.
pub const MIN_CYCLE_STAY_DAYS: f64 = 1e-3;
/// Probabilities must sum to 1 within this tolerance.
const SUM_TOLERANCE: f64 = 1e-6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationError {
    /// Path of the offending field, for example `stages[2].routes.family`.
    pub path: String,
    /// What is wrong, in English (the Display of `kind`).
    pub message: String,
    /// What is wrong, with its parameters, for messages in other languages.
    pub kind: ErrorKind,
}

impl ValidationError {
    pub fn new(path: impl Into<String>, kind: ErrorKind) -> ValidationError {
        ValidationError {
            path: path.into(),
            message: kind.to_string(),
            kind,
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every kind of validation problem, with what its message needs. Its Display is the English
/// message; the app renders the other languages from the variant. Numbers are finite (a value
/// that is not is carried as text), which is why `Eq` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The scenario's text is not a scenario (serde_json's message in `detail`).
    Json {
        detail: String,
    },
    NotFinite {
        value: String,
    },
    OutOfRange {
        value: f64,
        min: f64,
        max: f64,
    },
    UnusableId {
        id: String,
    },
    DuplicateId {
        id: String,
    },
    UnknownType {
        id: String,
    },
    UnknownTypeKey {
        key: String,
    },
    SharesSum {
        sum: f64,
    },
    MissingTypeEntry {
        type_id: String,
    },
    NoRoute,
    UnknownRouteDestination {
        id: String,
    },
    ProbabilitiesSum {
        sum: f64,
    },
    UnsupportedVersion {
        version: u32,
        expected: u32,
    },
    WarmupTooLong {
        warmup: f64,
        horizon: f64,
    },
    NotAMonth {
        month: u32,
    },
    TooManyPeriods {
        periods: f64,
        max: f64,
    },
    TooManyEntries {
        count: usize,
        max: usize,
    },
    NoHouseholdType,
    IdAlsoExit {
        id: String,
    },
    NoExit,
    NotWholeMonth {
        value: f64,
    },
    ScheduleOrder,
    SeasonalityLength {
        count: usize,
    },
    TooManyArrivals {
        expected: f64,
        max: f64,
    },
    MissingShiftTo,
    UnknownDestination {
        id: String,
    },
    AcceptsNobody,
    PlacesBelowZero {
        level: i64,
        day: f64,
    },
    StageRefusesType {
        stage: String,
        type_id: String,
    },
    PoolStageRefusesType {
        stage: String,
        type_id: String,
        followed_in: String,
    },
    AlternativeToSameStage,
    AlternativeWithoutMaxBlocked,
    DayOrder,
    ZeroStayCycle {
        stages: Vec<String>,
    },
    UnknownExit {
        id: String,
    },
    UnknownStage {
        id: String,
    },
    StageListedTwice {
        stage: String,
    },
    NoOrientationStage,
    TooManyArrivalsAndCases {
        expected: f64,
        max: f64,
    },
    NoOrientation {
        type_id: String,
    },
    AllocationStageOccupied {
        stage: String,
    },
    TooManyInitial {
        total: u64,
        max: u64,
    },
    OverCapacity {
        count: u64,
        stage: String,
        places: i64,
    },
    EmptySourceKey,
}

impl Eq for ErrorKind {}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            Json { detail } => write!(f, "scenario JSON: {detail}"),
            NotFinite { value } => write!(f, "{value} is not a finite number"),
            OutOfRange { value, min, max } => write!(
                f,
                "{} is out of range, expected {min} to {max}",
                fmt_num(*value)
            ),
            UnusableId { id } => write!(f, "'{id}' is not a usable id (empty or reserved)"),
            DuplicateId { id } => write!(f, "duplicate id '{id}'"),
            UnknownType { id } => write!(f, "unknown household type '{id}'"),
            UnknownTypeKey { key } => write!(
                f,
                "unknown household type '{key}' (expected a type id or '{DEFAULT_KEY}')"
            ),
            SharesSum { sum } => write!(f, "shares sum to {}, expected 1", fmt_num(*sum)),
            MissingTypeEntry { type_id } => write!(
                f,
                "no entry for type '{type_id}' and no '{DEFAULT_KEY}' entry"
            ),
            NoRoute => write!(f, "no destination, expected at least one route"),
            UnknownRouteDestination { id } => write!(
                f,
                "unknown destination '{id}' (expected a stage or exit id)"
            ),
            ProbabilitiesSum { sum } => {
                write!(f, "probabilities sum to {}, expected 1", fmt_num(*sum))
            }
            UnsupportedVersion { version, expected } => write!(
                f,
                "version {version} is not supported by this build, expected {expected}"
            ),
            WarmupTooLong { warmup, horizon } => write!(
                f,
                "{} leaves nothing to report, expected less than horizon_months ({})",
                fmt_num(*warmup),
                fmt_num(*horizon)
            ),
            NotAMonth { month } => write!(f, "{month} is not a month, expected 1 to 12"),
            TooManyPeriods { periods, max } => {
                write!(f, "gives {periods} periods, expected at most {max}")
            }
            TooManyEntries { count, max } => {
                write!(f, "{count} entries, expected at most {max}")
            }
            NoHouseholdType => write!(f, "empty, expected at least one household type"),
            IdAlsoExit { id } => write!(
                f,
                "'{id}' is also an exit id, expected ids unique across stages and exits"
            ),
            NoExit => write!(f, "empty, expected at least one exit"),
            NotWholeMonth { value } => write!(f, "{value} is not a whole month"),
            ScheduleOrder => write!(f, "periods must be in increasing from_month order"),
            SeasonalityLength { count } => {
                write!(f, "{count} values, expected 12 (January to December)")
            }
            TooManyArrivals { expected, max } => write!(
                f,
                "about {expected} arrivals expected per replication, expected at most {max}"
            ),
            MissingShiftTo => write!(
                f,
                "missing, expected the destination of the shifted probability"
            ),
            UnknownDestination { id } => write!(f, "unknown destination '{id}'"),
            AcceptsNobody => write!(f, "empty: the stage would accept nobody"),
            PlacesBelowZero { level, day } => write!(
                f,
                "year-round places fall to {level} on day {}, expected at least 0",
                fmt_num(*day)
            ),
            StageRefusesType { stage, type_id } => {
                write!(f, "stage '{stage}' does not accept type '{type_id}'")
            }
            PoolStageRefusesType {
                stage,
                type_id,
                followed_in,
            } => write!(
                f,
                "stage '{stage}' does not accept type '{type_id}', which the pool follows in stage '{followed_in}'"
            ),
            AlternativeToSameStage => write!(
                f,
                "the alternative route cannot lead back to the same stage"
            ),
            AlternativeWithoutMaxBlocked => write!(
                f,
                "given without max_blocked_days, expected both or neither"
            ),
            DayOrder => write!(f, "changes must be in increasing day order"),
            ZeroStayCycle { stages } => write!(
                f,
                "routing cycle with zero-length stays ({}): a household could move forever without time passing",
                stages.join(" → ")
            ),
            UnknownExit { id } => write!(f, "unknown exit '{id}'"),
            UnknownStage { id } => write!(f, "unknown stage '{id}'"),
            StageListedTwice { stage } => write!(f, "stage '{stage}' listed twice"),
            NoOrientationStage => write!(f, "empty, expected at least one stage"),
            TooManyArrivalsAndCases { expected, max } => write!(
                f,
                "about {expected} arrivals and cases expected per replication, expected at most {max}"
            ),
            NoOrientation { type_id } => write!(f, "type '{type_id}' has no orientation"),
            AllocationStageOccupied { stage } => write!(
                f,
                "'{stage}' is an allocation stage: housed households are not simulated"
            ),
            TooManyInitial { total, max } => {
                write!(f, "{total} households, expected at most {max}")
            }
            OverCapacity {
                count,
                stage,
                places,
            } => write!(
                f,
                "{count} households in stage '{stage}', more than its {places} places at day 0"
            ),
            EmptySourceKey => write!(f, "an empty key, expected a parameter path"),
        }
    }
}

/// Where a household goes: a stage or an exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dest {
    Stage(usize),
    Exit(usize),
}

/// A routing table as cumulative probabilities.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub cumulative: Vec<f64>,
    pub dests: Vec<Dest>,
}

#[derive(Debug, Clone)]
pub(crate) enum CStay {
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

#[derive(Debug, Clone)]
pub(crate) struct CAllocation {
    /// (from day, units per day), increasing days, first at day 0.
    pub rates: Vec<(f64, f64)>,
    pub failure_per_day: f64,
    pub cost_per_allocation: f64,
}

#[derive(Debug, Clone)]
pub(crate) enum CKind {
    Places(CPlaces),
    Allocation(CAllocation),
}

#[derive(Debug, Clone)]
pub(crate) struct CStage {
    pub kind: CKind,
    pub queue: QueueRule,
    /// Pools whose slots are offered on entry, in declaration order.
    pub pools: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct CStream {
    /// Arrivals per day for each whole month of the horizon (trend, schedule and season applied).
    pub monthly_rate_per_day: Vec<f64>,
    pub mix: Vec<f64>,
}

#[derive(Debug, Clone)]
pub(crate) struct CPool {
    pub slots: i64,
    pub attached: Vec<bool>,
    pub wait: bool,
    pub stay_multiplier: f64,
    pub tenancy_failure_multiplier: f64,
    pub days_in_housing: f64,
    pub cost_per_slot_day: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct CPrevention {
    pub cases_per_day: f64,
    pub mix: Vec<f64>,
    pub capacity_per_month: f64,
    pub success_rate: f64,
    pub share_to_waiting_list: f64,
    pub cost_per_case: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct CExit {
    pub kind: ExitKind,
    pub comeback: Option<(f64, f64)>,
}

/// The compiled, index-based form of a valid scenario.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub horizon: f64,
    pub warmup: f64,
    pub period: f64,
    pub periods: usize,
    pub streams: Vec<CStream>,
    pub abandon_per_day: f64,
    pub abandon_exit: usize,
    pub orientation: Vec<Vec<usize>>,
    pub stages: Vec<CStage>,
    pub exits: Vec<CExit>,
    pub pools: Vec<CPool>,
    pub prevention: Option<CPrevention>,
    pub dalo_shelter: f64,
    pub dalo_temporary: f64,
    pub dalo_waiting: f64,
    pub recourse_propensity: f64,
    /// Sorted (day, stage, change of places) events: year-round changes and winter places.
    pub capacity_events: Vec<(f64, usize, i64)>,
    /// (type, days waiting) of households on the waiting list at day 0.
    pub initial_waiting: Vec<(usize, f64)>,
    /// (stage, type, days in stage) of households in stages at day 0.
    pub initial_occupants: Vec<(usize, usize, f64)>,
}

/// A validated scenario, ready to simulate.
#[derive(Debug, Clone)]
pub struct Model {
    scenario: Scenario,
    layout: Layout,
    pub(crate) c: Compiled,
}

impl Model {
    pub fn new(scenario: &Scenario) -> Result<Model, Vec<ValidationError>> {
        let mut v = Validator::default();
        let compiled = v.compile(scenario);
        // A `default` entry shared by several types reports its problem once.
        let mut seen = BTreeSet::new();
        v.errors.retain(|e| seen.insert(e.to_string()));
        match compiled {
            Some(c) if v.errors.is_empty() => {
                let layout = Layout::new(scenario, &c);
                Ok(Model {
                    scenario: scenario.clone(),
                    layout,
                    c,
                })
            }
            _ => Err(v.errors),
        }
    }

    /// Parses and validates; a JSON error is reported as one error at the path `$`.
    pub fn from_json(text: &str) -> Result<Model, Vec<ValidationError>> {
        let scenario: Scenario = serde_json::from_str(text).map_err(|e| {
            vec![ValidationError::new(
                "$",
                ErrorKind::Json {
                    detail: e.to_string(),
                },
            )]
        })?;
        Model::new(&scenario)
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }
}

#[derive(Default)]
struct Validator {
    errors: Vec<ValidationError>,
}

fn fmt_num(x: f64) -> String {
    let r = (x * 1e6).round() / 1e6;
    format!("{r}")
}

impl Validator {
    fn err(&mut self, path: impl Into<String>, kind: ErrorKind) {
        self.errors.push(ValidationError::new(path, kind));
    }

    /// A finite number within [lo, hi].
    fn range(&mut self, path: &str, x: f64, lo: f64, hi: f64) -> bool {
        if !x.is_finite() {
            self.err(
                path,
                ErrorKind::NotFinite {
                    value: x.to_string(),
                },
            );
            false
        } else if x < lo || x > hi {
            self.err(
                path,
                ErrorKind::OutOfRange {
                    value: x,
                    min: lo,
                    max: hi,
                },
            );
            false
        } else {
            true
        }
    }

    fn ids<'a>(
        &mut self,
        path: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> BTreeMap<String, usize> {
        let mut map = BTreeMap::new();
        for (i, id) in ids.enumerate() {
            if id.is_empty() || id == DEFAULT_KEY {
                self.err(
                    format!("{path}[{i}].id"),
                    ErrorKind::UnusableId { id: id.into() },
                );
            } else if map.insert(id.to_string(), i).is_some() {
                self.err(
                    format!("{path}[{i}].id"),
                    ErrorKind::DuplicateId { id: id.into() },
                );
            }
        }
        map
    }

    /// A type → share mix over known types summing to 1.
    fn mix(
        &mut self,
        path: &str,
        mix: &BTreeMap<String, f64>,
        types: &BTreeMap<String, usize>,
    ) -> Vec<f64> {
        let mut shares = vec![0.0; types.len()];
        let mut sum = 0.0;
        let mut ok = true;
        for (t, &p) in mix {
            let p_path = format!("{path}.{t}");
            match types.get(t) {
                None => {
                    self.err(&p_path, ErrorKind::UnknownType { id: t.clone() });
                    ok = false;
                }
                Some(&i) => {
                    if self.range(&p_path, p, 0.0, 1.0) {
                        shares[i] = p;
                        sum += p;
                    } else {
                        ok = false;
                    }
                }
            }
        }
        if ok && (sum - 1.0).abs() > SUM_TOLERANCE {
            self.err(path, ErrorKind::SharesSum { sum });
        }
        shares
    }

    /// Resolves a per-type table: for each type, its own entry or the default one.
    fn per_type<'a, T>(
        &mut self,
        path: &str,
        table: &'a PerType<T>,
        types: &BTreeMap<String, usize>,
        needed: &[bool],
    ) -> Vec<Option<&'a T>> {
        for k in table.keys() {
            if k != DEFAULT_KEY && !types.contains_key(k) {
                self.err(
                    format!("{path}.{k}"),
                    ErrorKind::UnknownTypeKey { key: k.clone() },
                );
            }
        }
        let mut out = vec![None; types.len()];
        for (name, &i) in types {
            let entry = table.get(name).or_else(|| table.get(DEFAULT_KEY));
            if entry.is_none() && needed[i] {
                self.err(
                    path,
                    ErrorKind::MissingTypeEntry {
                        type_id: name.clone(),
                    },
                );
            }
            out[i] = entry;
        }
        out
    }

    fn stay(&mut self, path: &str, s: &Stay) -> CStay {
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

    fn table(
        &mut self,
        path: &str,
        routes: &[Route],
        dests: &BTreeMap<String, Dest>,
    ) -> Option<(Vec<f64>, Vec<Dest>)> {
        if routes.is_empty() {
            self.err(path, ErrorKind::NoRoute);
            return None;
        }
        let mut ok = true;
        let mut ps = Vec::new();
        let mut ds = Vec::new();
        for (i, r) in routes.iter().enumerate() {
            match dests.get(&r.to) {
                None => {
                    self.err(
                        format!("{path}[{i}].to"),
                        ErrorKind::UnknownRouteDestination { id: r.to.clone() },
                    );
                    ok = false;
                }
                Some(&d) => ds.push(d),
            }
            ok &= self.range(&format!("{path}[{i}].p"), r.p, 0.0, 1.0);
            ps.push(r.p);
        }
        if !ok {
            return None;
        }
        let sum: f64 = ps.iter().sum();
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            self.err(path, ErrorKind::ProbabilitiesSum { sum });
            return None;
        }
        Some((ps, ds))
    }

    fn compile(&mut self, s: &Scenario) -> Option<Compiled> {
        if s.format_version != FORMAT_VERSION {
            self.err(
                "format_version",
                ErrorKind::UnsupportedVersion {
                    version: s.format_version,
                    expected: FORMAT_VERSION,
                },
            );
            return None;
        }
        // Time.
        let horizon_ok = self.range("horizon_months", s.horizon_months, 1.0, MAX_HORIZON_MONTHS);
        let warm_ok = self.range("warmup_months", s.warmup_months, 0.0, MAX_HORIZON_MONTHS);
        if horizon_ok && warm_ok && s.warmup_months >= s.horizon_months {
            self.err(
                "warmup_months",
                ErrorKind::WarmupTooLong {
                    warmup: s.warmup_months,
                    horizon: s.horizon_months,
                },
            );
        }
        let mut period = MONTH_DAYS;
        if let Some(p) = s.reporting_period_days {
            if self.range("reporting_period_days", p, 1.0, 36_525.0) {
                period = p;
            }
        }
        if !(1..=12).contains(&s.start.month) {
            self.err(
                "start.month",
                ErrorKind::NotAMonth {
                    month: s.start.month,
                },
            );
        }
        let month_ok = (1..=12).contains(&s.start.month);
        if !horizon_ok || !warm_ok || !month_ok {
            return None;
        }
        let horizon = s.horizon_months * MONTH_DAYS;
        let warmup = s.warmup_months * MONTH_DAYS;
        let window = horizon - warmup;
        if window / period > MAX_PERIODS {
            self.err(
                "reporting_period_days",
                ErrorKind::TooManyPeriods {
                    periods: (window / period).ceil(),
                    max: MAX_PERIODS,
                },
            );
            return None;
        }
        let periods = ((window / period) - 1e-9).ceil().max(1.0) as usize;
        let months = s.horizon_months.ceil() as usize;
        let start_month0 = (s.start.month - 1) as usize;

        for (path, n, max) in [
            ("stages", s.stages.len(), MAX_STAGES),
            ("household_types", s.household_types.len(), MAX_TYPES),
            ("exits", s.exits.len(), MAX_EXITS),
            ("accompaniment", s.accompaniment.len(), MAX_POOLS),
            ("arrivals", s.arrivals.len(), MAX_STREAMS),
        ] {
            if n > max {
                self.err(path, ErrorKind::TooManyEntries { count: n, max });
            }
        }
        if !self.errors.is_empty() {
            return None;
        }
        // Household types.
        let types = self.ids(
            "household_types",
            s.household_types.iter().map(|t| t.id.as_str()),
        );
        if s.household_types.is_empty() {
            self.err("household_types", ErrorKind::NoHouseholdType);
        }
        let nt = s.household_types.len();
        let all = vec![true; nt];

        // Stages and exits share one id space (routes name either).
        let stage_ids = self.ids("stages", s.stages.iter().map(|x| x.id.as_str()));
        let exit_ids = self.ids("exits", s.exits.iter().map(|x| x.id.as_str()));
        let mut dests: BTreeMap<String, Dest> = BTreeMap::new();
        for (id, &i) in &exit_ids {
            dests.insert(id.clone(), Dest::Exit(i));
        }
        for (id, &i) in &stage_ids {
            if exit_ids.contains_key(id) {
                self.err(
                    format!("stages[{i}].id"),
                    ErrorKind::IdAlsoExit { id: id.clone() },
                );
            }
            dests.insert(id.clone(), Dest::Stage(i));
        }
        if s.exits.is_empty() {
            self.err("exits", ErrorKind::NoExit);
        }

        // Arrivals.
        let mut streams = Vec::new();
        let mut expected_arrivals = 0.0;
        let _ = self.ids("arrivals", s.arrivals.iter().map(|a| a.id.as_str()));
        for (i, a) in s.arrivals.iter().enumerate() {
            let p = format!("arrivals[{i}]");
            let mut ok = self.range(
                &format!("{p}.rate_per_month"),
                a.rate_per_month,
                0.0,
                MAX_EXPECTED_ARRIVALS,
            );
            ok &= self.range(
                &format!("{p}.trend_percent_per_year"),
                a.trend_percent_per_year,
                -100.0,
                100.0,
            );
            let mut last = -1.0;
            for (j, r) in a.schedule.iter().enumerate() {
                let rp = format!("{p}.schedule[{j}]");
                ok &= self.range(
                    &format!("{rp}.rate_per_month"),
                    r.rate_per_month,
                    0.0,
                    MAX_EXPECTED_ARRIVALS,
                );
                if self.range(
                    &format!("{rp}.from_month"),
                    r.from_month,
                    0.0,
                    MAX_HORIZON_MONTHS,
                ) {
                    if r.from_month.fract() != 0.0 {
                        self.err(
                            format!("{rp}.from_month"),
                            ErrorKind::NotWholeMonth {
                                value: r.from_month,
                            },
                        );
                        ok = false;
                    } else if r.from_month <= last {
                        self.err(format!("{rp}.from_month"), ErrorKind::ScheduleOrder);
                        ok = false;
                    }
                    last = r.from_month;
                } else {
                    ok = false;
                }
            }
            let season = match &a.seasonality {
                None => vec![1.0; 12],
                Some(v) if v.len() != 12 => {
                    self.err(
                        format!("{p}.seasonality"),
                        ErrorKind::SeasonalityLength { count: v.len() },
                    );
                    ok = false;
                    vec![1.0; 12]
                }
                Some(v) => {
                    for (j, &x) in v.iter().enumerate() {
                        ok &= self.range(&format!("{p}.seasonality[{j}]"), x, 0.0, 100.0);
                    }
                    v.clone()
                }
            };
            let mix = self.mix(&format!("{p}.mix"), &a.mix, &types);
            if !ok {
                continue;
            }
            let growth = 1.0 + a.trend_percent_per_year / 100.0;
            let mut monthly = Vec::with_capacity(months);
            for m in 0..months {
                let base = a
                    .schedule
                    .iter()
                    .rev()
                    .find(|r| r.from_month <= m as f64)
                    .map_or(a.rate_per_month, |r| r.rate_per_month);
                // The trend is evaluated at the middle of the month (piecewise-constant intensity).
                let years = (m as f64 + 0.5) / 12.0;
                let rate = base * libm::pow(growth, years) * season[(start_month0 + m) % 12];
                expected_arrivals += rate * (s.horizon_months - m as f64).clamp(0.0, 1.0);
                monthly.push(rate / MONTH_DAYS);
            }
            streams.push(CStream {
                monthly_rate_per_day: monthly,
                mix: cumulative(&mix),
            });
        }
        if expected_arrivals > MAX_EXPECTED_ARRIVALS {
            self.err(
                "arrivals",
                ErrorKind::TooManyArrivals {
                    expected: expected_arrivals.round(),
                    max: MAX_EXPECTED_ARRIVALS,
                },
            );
        }

        // Accompaniment pools (stage attachment is needed to compile routes).
        let pool_ids = self.ids(
            "accompaniment",
            s.accompaniment.iter().map(|p| p.id.as_str()),
        );
        let _ = pool_ids;
        let mut pools = Vec::new();
        let mut pool_shift: Vec<(f64, Option<Dest>)> = Vec::new();
        for (i, p) in s.accompaniment.iter().enumerate() {
            let pp = format!("accompaniment[{i}]");
            self.range(&format!("{pp}.slots"), p.slots as f64, 0.0, MAX_PLACES);
            self.range(
                &format!("{pp}.stay_multiplier"),
                p.stay_multiplier,
                0.0,
                100.0,
            );
            self.range(&format!("{pp}.street_shift"), p.street_shift, 0.0, 1.0);
            self.range(
                &format!("{pp}.tenancy_failure_multiplier"),
                p.tenancy_failure_multiplier,
                0.0,
                100.0,
            );
            self.range(
                &format!("{pp}.months_in_housing"),
                p.months_in_housing,
                0.0,
                MAX_HORIZON_MONTHS,
            );
            self.range(
                &format!("{pp}.cost_per_slot_year"),
                p.cost_per_slot_year,
                0.0,
                1e9,
            );
            let mut attached = vec![false; s.stages.len()];
            for (j, st) in p.stages.iter().enumerate() {
                match stage_ids.get(st) {
                    Some(&k) => attached[k] = true,
                    None => self.err(
                        format!("{pp}.stages[{j}]"),
                        ErrorKind::UnknownStage { id: st.clone() },
                    ),
                }
            }
            let shift_to = match &p.shift_to {
                None => {
                    if p.street_shift > 0.0 {
                        self.err(format!("{pp}.shift_to"), ErrorKind::MissingShiftTo);
                    }
                    None
                }
                Some(d) => match dests.get(d) {
                    Some(&d) => Some(d),
                    None => {
                        self.err(
                            format!("{pp}.shift_to"),
                            ErrorKind::UnknownDestination { id: d.clone() },
                        );
                        None
                    }
                },
            };
            pool_shift.push((p.street_shift, shift_to));
            pools.push(CPool {
                slots: p.slots as i64,
                attached,
                wait: p.when_full == WhenFull::Wait,
                stay_multiplier: p.stay_multiplier,
                tenancy_failure_multiplier: p.tenancy_failure_multiplier,
                days_in_housing: p.months_in_housing * MONTH_DAYS,
                cost_per_slot_day: p.cost_per_slot_year / 365.25,
            });
        }

        // Stages.
        let mut stages = Vec::new();
        let mut capacity_events = Vec::new();
        let street_exit: Vec<bool> = s.exits.iter().map(|e| e.kind == ExitKind::Street).collect();
        // zero_stay_edges[stage] = stages reachable with a possibly zero stay (cycle check).
        let mut zero_edges: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); s.stages.len()];
        let accepts_of = |st: &Stage| -> Vec<bool> {
            match &st.accepts {
                None => vec![true; nt],
                Some(list) => {
                    let mut v = vec![false; nt];
                    for t in list {
                        if let Some(&i) = types.get(t) {
                            v[i] = true;
                        }
                    }
                    v
                }
            }
        };
        let all_accepts: Vec<Vec<bool>> = s.stages.iter().map(accepts_of).collect();
        for (i, st) in s.stages.iter().enumerate() {
            let sp = format!("stages[{i}]");
            if let Some(list) = &st.accepts {
                for (j, t) in list.iter().enumerate() {
                    if !types.contains_key(t) {
                        self.err(
                            format!("{sp}.accepts[{j}]"),
                            ErrorKind::UnknownType { id: t.clone() },
                        );
                    }
                }
                if list.is_empty() {
                    self.err(format!("{sp}.accepts"), ErrorKind::AcceptsNobody);
                }
            }
            let accepts = all_accepts[i].clone();
            let stage_pools: Vec<usize> =
                (0..pools.len()).filter(|&p| pools[p].attached[i]).collect();
            let kind = match &st.kind {
                StageKind::Places(pl) => {
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
                            capacity_events.push((*day, i, *d));
                        }
                    }
                    if pl.winter_places > 0 {
                        winter_events(
                            start_month0,
                            horizon,
                            i,
                            pl.winter_places as i64,
                            &mut capacity_events,
                        );
                    }
                    let stays = self.per_type(&format!("{sp}.stay"), &pl.stay, &types, &accepts);
                    let mut stay = Vec::new();
                    for (t, st_opt) in stays.iter().enumerate() {
                        let key = key_for(&pl.stay, &s.household_types[t].id);
                        stay.push(match st_opt {
                            Some(x) => self.stay(&format!("{sp}.stay.{key}"), x),
                            None => CStay::Fixed { days: 0.0 },
                        });
                    }
                    let route_entries =
                        self.per_type(&format!("{sp}.routes"), &pl.routes, &types, &accepts);
                    let mut routes = Vec::new();
                    for (t, r) in route_entries.iter().enumerate() {
                        let key = key_for(&pl.routes, &s.household_types[t].id);
                        let rp = format!("{sp}.routes.{key}");
                        let tab = match r {
                            Some(r) if accepts[t] => self.table(&rp, r, &dests),
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
                            || stage_pools.iter().any(|&p| {
                                pools[p].stay_multiplier * stay[t].mean() < MIN_CYCLE_STAY_DAYS
                            });
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
                        let has_street = ds.iter().zip(&ps).any(|(d, &p)| {
                            p > 0.0 && matches!(d, Dest::Exit(e) if street_exit[*e])
                        });
                        for &p in &stage_pools {
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
                        for (shift, to) in &pool_shift {
                            per_pool.push(shifted(&ps, &ds, &street_exit, *shift, *to));
                        }
                        routes.push(per_pool);
                    }
                    let mut alternative = Table::default();
                    if let Some(m) = pl.max_blocked_days {
                        self.range(
                            &format!("{sp}.max_blocked_days"),
                            m,
                            1e-6,
                            MAX_HORIZON_MONTHS * MONTH_DAYS,
                        );
                        if let Some((ps, ds)) =
                            self.table(&format!("{sp}.alternative"), &pl.alternative, &dests)
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
                    CKind::Places(CPlaces {
                        initial_places: pl.places as i64,
                        stay,
                        routes,
                        max_blocked_days: pl.max_blocked_days,
                        alternative,
                        dalo_clock: pl.dalo_clock,
                        counts_as_housing: pl.counts_as_housing,
                        cost_per_place_day: pl.cost_per_place_day,
                    })
                }
                StageKind::Allocation(al) => {
                    self.range(
                        &format!("{sp}.units_per_month"),
                        al.units_per_month,
                        0.0,
                        MAX_PLACES,
                    );
                    self.range(
                        &format!("{sp}.tenancy_failure_per_year"),
                        al.tenancy_failure_per_year,
                        0.0,
                        10.0,
                    );
                    self.range(
                        &format!("{sp}.cost_per_allocation"),
                        al.cost_per_allocation,
                        0.0,
                        1e9,
                    );
                    let mut rates = vec![(0.0, al.units_per_month / MONTH_DAYS)];
                    let mut last = 0.0;
                    for (j, c) in al.unit_changes.iter().enumerate() {
                        let cp = format!("{sp}.unit_changes[{j}]");
                        let a = self.range(
                            &format!("{cp}.day"),
                            c.day,
                            0.0,
                            MAX_HORIZON_MONTHS * MONTH_DAYS,
                        );
                        let b = self.range(
                            &format!("{cp}.units_per_month"),
                            c.units_per_month,
                            0.0,
                            MAX_PLACES,
                        );
                        if a && c.day < last {
                            self.err(format!("{cp}.day"), ErrorKind::DayOrder);
                        }
                        if a && b {
                            last = c.day;
                            rates.push((c.day, c.units_per_month / MONTH_DAYS));
                        }
                    }
                    CKind::Allocation(CAllocation {
                        rates,
                        failure_per_day: al.tenancy_failure_per_year / 365.25,
                        cost_per_allocation: al.cost_per_allocation,
                    })
                }
            };
            stages.push(CStage {
                kind,
                queue: st.queue,
                pools: stage_pools,
            });
        }
        capacity_events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        if let Some(cycle) = zero_stay_cycle(&zero_edges) {
            let names: Vec<&str> = cycle.iter().map(|&k| s.stages[k].id.as_str()).collect();
            self.err(
                "stages",
                ErrorKind::ZeroStayCycle {
                    stages: names.iter().map(|n| n.to_string()).collect(),
                },
            );
        }

        // Exits.
        let mut exits = Vec::new();
        for (i, e) in s.exits.iter().enumerate() {
            let comeback = e.comeback.map(|c| {
                self.range(
                    &format!("exits[{i}].comeback.probability"),
                    c.probability,
                    0.0,
                    1.0,
                );
                self.range(
                    &format!("exits[{i}].comeback.mean_months"),
                    c.mean_months,
                    1e-6,
                    MAX_HORIZON_MONTHS,
                );
                (c.probability, c.mean_months * MONTH_DAYS)
            });
            exits.push(CExit {
                kind: e.kind,
                comeback,
            });
        }

        // Waiting list.
        let wl = &s.waiting_list;
        self.range(
            "waiting_list.abandonment_per_month",
            wl.abandonment_per_month,
            0.0,
            1000.0,
        );
        let abandon_exit = match exit_ids.get(&wl.abandonment_exit) {
            Some(&i) => i,
            None => {
                self.err(
                    "waiting_list.abandonment_exit",
                    ErrorKind::UnknownExit {
                        id: wl.abandonment_exit.clone(),
                    },
                );
                0
            }
        };
        let ors = self.per_type("waiting_list.orientation", &wl.orientation, &types, &all);
        let mut orientation = Vec::new();
        for (t, o) in ors.iter().enumerate() {
            let tname = &s.household_types[t].id;
            let key = key_for(&wl.orientation, tname);
            let mut list = Vec::new();
            for (j, st) in o.map(|v| v.as_slice()).unwrap_or(&[]).iter().enumerate() {
                let p = format!("waiting_list.orientation.{key}[{j}]");
                match stage_ids.get(st) {
                    None => self.err(p, ErrorKind::UnknownStage { id: st.clone() }),
                    Some(&k) if !all_accepts[k][t] => self.err(
                        p,
                        ErrorKind::StageRefusesType {
                            stage: st.clone(),
                            type_id: tname.clone(),
                        },
                    ),
                    Some(&k) if list.contains(&k) => {
                        self.err(p, ErrorKind::StageListedTwice { stage: st.clone() })
                    }
                    Some(&k) => list.push(k),
                }
            }
            if o.is_some() && list.is_empty() && o.map_or(0, |v| v.len()) == 0 {
                self.err(
                    format!("waiting_list.orientation.{key}"),
                    ErrorKind::NoOrientationStage,
                );
            }
            orientation.push(list);
        }

        // Prevention.
        let prevention = s.prevention.as_ref().map(|p| {
            self.range(
                "prevention.cases_per_month",
                p.cases_per_month,
                0.0,
                MAX_EXPECTED_ARRIVALS,
            );
            self.range(
                "prevention.capacity_per_month",
                p.capacity_per_month,
                0.0,
                MAX_PLACES,
            );
            self.range("prevention.success_rate", p.success_rate, 0.0, 1.0);
            self.range(
                "prevention.share_to_waiting_list",
                p.share_to_waiting_list,
                0.0,
                1.0,
            );
            self.range("prevention.cost_per_case", p.cost_per_case, 0.0, 1e9);
            if p.cases_per_month.is_finite() {
                expected_arrivals += p.cases_per_month * s.horizon_months;
            }
            let mix = self.mix("prevention.mix", &p.mix, &types);
            CPrevention {
                cases_per_day: p.cases_per_month / MONTH_DAYS,
                mix: cumulative(&mix),
                capacity_per_month: p.capacity_per_month,
                success_rate: p.success_rate,
                share_to_waiting_list: p.share_to_waiting_list,
                cost_per_case: p.cost_per_case,
            }
        });
        if expected_arrivals > MAX_EXPECTED_ARRIVALS && s.prevention.is_some() {
            self.err(
                "prevention.cases_per_month",
                ErrorKind::TooManyArrivalsAndCases {
                    expected: expected_arrivals.round(),
                    max: MAX_EXPECTED_ARRIVALS,
                },
            );
        }

        // DALO.
        let d = &s.dalo;
        self.range(
            "dalo.shelter_months",
            d.shelter_months,
            0.0,
            MAX_HORIZON_MONTHS,
        );
        self.range(
            "dalo.temporary_housing_months",
            d.temporary_housing_months,
            0.0,
            MAX_HORIZON_MONTHS,
        );
        self.range(
            "dalo.waiting_months",
            d.waiting_months,
            0.0,
            MAX_HORIZON_MONTHS,
        );
        self.range("dalo.recourse_propensity", d.recourse_propensity, 0.0, 1.0);

        // Initial state.
        let mut initial_waiting = Vec::new();
        let mut initial_occupants = Vec::new();
        let mut total: u64 = 0;
        let mut per_stage = vec![0u64; s.stages.len()];
        for (i, w) in s.initial_state.waiting.iter().enumerate() {
            let p = format!("initial_state.waiting[{i}]");
            let t = types.get(&w.household_type).copied();
            if t.is_none() {
                self.err(
                    format!("{p}.type"),
                    ErrorKind::UnknownType {
                        id: w.household_type.clone(),
                    },
                );
            }
            let ok = self.range(
                &format!("{p}.days_waiting"),
                w.days_waiting,
                0.0,
                MAX_STAY_DAYS,
            );
            total += w.count as u64;
            if let (Some(t), true) = (t, ok && total <= MAX_INITIAL) {
                if orientation.get(t).is_some_and(|o| o.is_empty()) {
                    self.err(
                        format!("{p}.type"),
                        ErrorKind::NoOrientation {
                            type_id: w.household_type.clone(),
                        },
                    );
                }
                initial_waiting.extend(std::iter::repeat_n((t, w.days_waiting), w.count as usize));
            }
        }
        for (i, o) in s.initial_state.stages.iter().enumerate() {
            let p = format!("initial_state.stages[{i}]");
            let t = types.get(&o.household_type).copied();
            if t.is_none() {
                self.err(
                    format!("{p}.type"),
                    ErrorKind::UnknownType {
                        id: o.household_type.clone(),
                    },
                );
            }
            let k = stage_ids.get(&o.stage).copied();
            if k.is_none() {
                self.err(
                    format!("{p}.stage"),
                    ErrorKind::UnknownStage {
                        id: o.stage.clone(),
                    },
                );
            }
            let ok = self.range(
                &format!("{p}.days_in_stage"),
                o.days_in_stage,
                0.0,
                MAX_STAY_DAYS,
            );
            total += o.count as u64;
            if let (Some(t), Some(k)) = (t, k) {
                if !all_accepts[k][t] {
                    self.err(
                        format!("{p}.type"),
                        ErrorKind::StageRefusesType {
                            stage: o.stage.clone(),
                            type_id: o.household_type.clone(),
                        },
                    );
                } else if matches!(stages.get(k).map(|s| &s.kind), Some(CKind::Allocation(_))) {
                    self.err(
                        format!("{p}.stage"),
                        ErrorKind::AllocationStageOccupied {
                            stage: o.stage.clone(),
                        },
                    );
                } else if ok && total <= MAX_INITIAL {
                    per_stage[k] += o.count as u64;
                    initial_occupants.extend(std::iter::repeat_n(
                        (k, t, o.days_in_stage),
                        o.count as usize,
                    ));
                }
            }
        }
        if total > MAX_INITIAL {
            self.err(
                "initial_state",
                ErrorKind::TooManyInitial {
                    total,
                    max: MAX_INITIAL,
                },
            );
        }
        for (k, &n) in per_stage.iter().enumerate() {
            if let Some(CKind::Places(pl)) = stages.get(k).map(|s| &s.kind) {
                let places = pl.initial_places
                    + capacity_events
                        .iter()
                        .filter(|e| e.0 == 0.0 && e.1 == k)
                        .map(|e| e.2)
                        .sum::<i64>();
                if n as i64 > places {
                    self.err(
                        "initial_state.stages",
                        ErrorKind::OverCapacity {
                            count: n,
                            stage: s.stages[k].id.clone(),
                            places,
                        },
                    );
                }
            }
        }

        // Source keys are free text naming parameters; only empty ones are rejected here.
        for k in s.sources.keys() {
            if k.trim().is_empty() {
                self.err("sources", ErrorKind::EmptySourceKey);
            }
        }

        Some(Compiled {
            horizon,
            warmup,
            period,
            periods,
            streams,
            abandon_per_day: wl.abandonment_per_month / MONTH_DAYS,
            abandon_exit,
            orientation,
            stages,
            exits,
            pools,
            prevention,
            dalo_shelter: d.shelter_months * MONTH_DAYS,
            dalo_temporary: d.temporary_housing_months * MONTH_DAYS,
            dalo_waiting: d.waiting_months * MONTH_DAYS,
            recourse_propensity: d.recourse_propensity,
            capacity_events,
            initial_waiting,
            initial_occupants,
        })
    }
}

fn key_for<T>(table: &PerType<T>, type_id: &str) -> String {
    if table.contains_key(type_id) {
        type_id.to_string()
    } else {
        DEFAULT_KEY.to_string()
    }
}

fn cumulative(ps: &[f64]) -> Vec<f64> {
    let total: f64 = ps.iter().sum();
    let mut acc = 0.0;
    let mut out: Vec<f64> = ps
        .iter()
        .map(|p| {
            acc += p / total.max(f64::MIN_POSITIVE);
            acc
        })
        .collect();
    if let Some(last) = out.last_mut() {
        *last = 1.0;
    }
    out
}

/// The routing table of an accompanied household: a share of the "street" probability moves to
/// the pool's `shift_to` destination.
fn shifted(ps: &[f64], ds: &[Dest], street: &[bool], shift: f64, to: Option<Dest>) -> Table {
    let mut ps = ps.to_vec();
    let mut ds = ds.to_vec();
    if let Some(to) = to {
        let mut moved = 0.0;
        for (p, d) in ps.iter_mut().zip(&ds) {
            if matches!(d, Dest::Exit(e) if street[*e]) {
                moved += *p * shift;
                *p *= 1.0 - shift;
            }
        }
        match ds.iter().position(|d| *d == to) {
            Some(j) => ps[j] += moved,
            None => {
                ps.push(moved);
                ds.push(to);
            }
        }
    }
    Table {
        cumulative: cumulative(&ps),
        dests: ds,
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

/// Finds a cycle in the graph of zero-stay moves (depth-first search).
fn zero_stay_cycle(edges: &[BTreeSet<usize>]) -> Option<Vec<usize>> {
    let n = edges.len();
    let mut state = vec![0u8; n];
    let mut stack: Vec<usize> = Vec::new();
    fn dfs(
        v: usize,
        edges: &[BTreeSet<usize>],
        state: &mut [u8],
        stack: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        state[v] = 1;
        stack.push(v);
        for &w in &edges[v] {
            if state[w] == 1 {
                let pos = stack.iter().position(|&x| x == w).unwrap_or(0);
                let mut c = stack[pos..].to_vec();
                c.push(w);
                return Some(c);
            }
            if state[w] == 0 {
                if let Some(c) = dfs(w, edges, state, stack) {
                    return Some(c);
                }
            }
        }
        stack.pop();
        state[v] = 2;
        None
    }
    for v in 0..n {
        if state[v] == 0 {
            if let Some(c) = dfs(v, edges, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}
