//! The fuzzing campaign's mutator and checks, shared by the stable harness
//! (`tests/fuzz_scenarios.rs`, in the normal test suite) and the libFuzzer targets
//! (`crates/engine/fuzz/`, nightly): the same input bytes mean the same scenario in both, so
//! their corpora are interchangeable.
//!
//! An input's bytes are read as choices (`arbitrary::Unstructured`): which shipped or small
//! scenario to start from, then structure-aware mutations of its JSON tree — numbers to extremes,
//! arrays emptied, duplicated or shortened, ids repeated, emptied or `default`, fields removed or
//! added, values of another type — then text mutations (NaN, infinities, 1e999 and 2⁶⁴ in place
//! of a number, byte flips, truncation), and perhaps a non-finite number set on the parsed
//! scenario (JSON cannot carry one, the app's levers can). [`check`] then runs what a reader of
//! the scenario runs: parsing, validation, the cost estimate and one short replication under a
//! small budget, and asserts that each answers with a described error or a result — never a
//! panic, a hang or an undescribed failure.

#![allow(dead_code)]

use arbitrary::{Result, Unstructured};
use parcours_engine::{Budget, ErrorKind, Model, Run, Scenario, SimError, ValidationError};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// The scenarios mutations start from: two small ones using every mechanism (first, as they
/// are the cheapest to run), then every shipped file.
pub const BASES: &[&str] = &[
    include_str!("rich.json"),
    include_str!("../../../cli/tests/fixtures/tiny.json"),
    include_str!("../../../../assets/scenarios/ariege.json"),
    include_str!("../../../../assets/scenarios/aveyron.json"),
    include_str!("../../../../assets/scenarios/gers.json"),
    include_str!("../../../../assets/scenarios/haute-garonne.json"),
    include_str!("../../../../assets/scenarios/hautes-pyrenees.json"),
    include_str!("../../../../assets/scenarios/lot.json"),
    include_str!("../../../../assets/scenarios/midi-pyrenees.json"),
    include_str!("../../../../assets/scenarios/tarn-et-garonne.json"),
    include_str!("../../../../assets/scenarios/tarn.json"),
    include_str!("../../../../assets/scenarios/variants/accompaniment-plus.json"),
    include_str!("../../../../assets/scenarios/variants/allocations-plus.json"),
    include_str!("../../../../assets/scenarios/variants/chrs-plus.json"),
    include_str!("../../../../assets/scenarios/variants/housing-first.json"),
    include_str!("../../../../assets/scenarios/variants/pensions-plus.json"),
    include_str!("../../../../assets/scenarios/variants/prevention-plus.json"),
    include_str!("../../../../assets/scenarios/variants/winter-plan.json"),
];

/// The budget of the one replication run per valid input: small, so that an input costs
/// about a millisecond, and a runaway is stopped rather than followed.
pub const BUDGET: Budget = Budget {
    max_events: 10_000,
    max_households: 5_000,
    max_memory_bytes: 32 << 20,
};

/// A scenario to check: its text, and perhaps a non-finite number to set once parsed.
#[derive(Debug, Clone)]
pub struct Input {
    pub text: String,
    /// (field setter index, value) applied to the parsed scenario.
    pub non_finite: Option<(usize, f64)>,
}

/// The input these bytes stand for (never fails: missing bytes read as zeros).
pub fn input(data: &[u8]) -> Input {
    let mut u = Unstructured::new(data);
    build(&mut u).unwrap_or_else(|_| Input {
        text: BASES[0].to_string(),
        non_finite: None,
    })
}

fn build(u: &mut Unstructured) -> Result<Input> {
    // Small bases most of the time: they run fastest, and hold every mechanism.
    let base = if u.ratio(3, 4)? {
        u.choose_index(2)?
    } else {
        u.choose_index(BASES.len())?
    };
    let (tree, ids) = parsed_base(base);
    let mut v = tree.clone();
    for _ in 0..u.int_in_range(0..=6)? {
        mutate_tree(&mut v, u, ids)?;
    }
    let mut text = if u.ratio(1, 8)? {
        serde_json::to_string_pretty(&v).expect("serialises")
    } else {
        serde_json::to_string(&v).expect("serialises")
    };
    if u.ratio(1, 6)? {
        for _ in 0..u.int_in_range(1..=3)? {
            mutate_text(&mut text, u)?;
        }
    }
    let non_finite = if u.ratio(1, 10)? {
        let value = *u.choose(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX])?;
        Some((u.choose_index(SETTERS.len())?, value))
    } else {
        None
    };
    Ok(Input { text, non_finite })
}

/// Base `i` as a JSON tree, with its ids: parsed once per process, as every input starting
/// from it would parse the same text again (a sixth of an input's time before).
fn parsed_base(i: usize) -> &'static (Value, Vec<String>) {
    static PARSED: [OnceLock<(Value, Vec<String>)>; BASES.len()] =
        [const { OnceLock::new() }; BASES.len()];
    PARSED[i].get_or_init(|| {
        let v: Value = serde_json::from_str(BASES[i]).expect("bases parse");
        let ids = strings_named(&v, "id");
        (v, ids)
    })
}

/// Every string value of fields called `name` (ids to repeat elsewhere).
fn strings_named(v: &Value, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Value, name: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == name {
                        if let Value::String(s) = x {
                            out.push(s.clone());
                        }
                    }
                    walk(x, name, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, name, out)),
            _ => {}
        }
    }
    walk(v, name, &mut out);
    out
}

/// Walks down from the root by choices to some node, and changes it.
fn mutate_tree(v: &mut Value, u: &mut Unstructured, ids: &[String]) -> Result<()> {
    let mut node = v;
    loop {
        let n = match &*node {
            Value::Object(m) => m.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        if n == 0 || u.ratio(1, 5)? {
            break;
        }
        let i = u.choose_index(n)?;
        node = match node {
            Value::Object(m) => m.values_mut().nth(i).expect("in range"),
            Value::Array(a) => &mut a[i],
            _ => unreachable!(),
        };
    }
    mutate_node(node, u, ids)
}

const EXTREMES: &[f64] = &[
    0.0,
    -0.0,
    -1.0,
    -5.0,
    0.5,
    1.0,
    2.0,
    11.0,
    12.0,
    13.0,
    1e-12,
    1e-300,
    5e-324,
    1e6,
    1e7,
    2e7,
    1e9,
    1e15,
    4294967295.0,
    4294967296.0,
    9007199254740993.0,
    18446744073709551615.0,
    1e300,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    1200.0,
    1200.5,
    36525.0,
    36526.0,
];

fn mutate_node(node: &mut Value, u: &mut Unstructured, ids: &[String]) -> Result<()> {
    match u.int_in_range(0..=11)? {
        // A number to an extreme, scaled, or any finite double.
        0..=4 if node.is_number() => {
            let x = node.as_f64().unwrap_or(0.0);
            let y = match u.int_in_range(0..=3)? {
                0 | 1 => *u.choose(EXTREMES)?,
                2 => x * 10f64.powi(u.int_in_range(-12..=12)?),
                _ => f64::from_bits(u.arbitrary()?),
            };
            // Whole numbers as integers (as `u32` and `i64` fields need), others as doubles.
            *node = if y.fract() == 0.0 && y.abs() < 1.8e19 {
                if y < 0.0 {
                    json!(y as i64)
                } else {
                    json!(y as u64)
                }
            } else {
                serde_json::Number::from_f64(y).map_or(Value::Null, Value::Number)
            };
        }
        // A string to an id used elsewhere (repeated ids), empty, reserved, or odd text.
        0..=4 if node.is_string() => {
            *node = match u.int_in_range(0..=4)? {
                0 | 1 if !ids.is_empty() => json!(u.choose(ids)?),
                2 => json!(""),
                3 => json!("default"),
                _ => json!(*u.choose(&[
                    "=HYPERLINK(\"http://x\")",
                    "<img src=x onerror=alert(1)>",
                    "é\u{0}\u{202e}",
                    " ",
                    "places",
                    "allocation",
                    "fixed",
                ])?),
            };
        }
        // An array emptied, an element duplicated or removed, the list repeated.
        5..=7 if node.is_array() => {
            let a = node.as_array_mut().expect("array");
            match u.int_in_range(0..=3)? {
                0 => a.clear(),
                1 if !a.is_empty() => {
                    let i = u.choose_index(a.len())?;
                    let x = a[i].clone();
                    a.insert(i, x);
                }
                2 if !a.is_empty() => {
                    let i = u.choose_index(a.len())?;
                    a.remove(i);
                }
                _ => {
                    let copy = a.clone();
                    for _ in 0..u.int_in_range(1..=40)? {
                        a.extend(copy.iter().cloned());
                        if a.len() > 2_000 {
                            break;
                        }
                    }
                }
            }
        }
        // A field removed, renamed to another id (per-type tables) or added.
        5..=7 if node.is_object() => {
            let m = node.as_object_mut().expect("object");
            let keys: Vec<String> = m.keys().cloned().collect();
            match u.int_in_range(0..=2)? {
                0 if !keys.is_empty() => {
                    m.remove(u.choose(&keys)?);
                }
                1 if !keys.is_empty() && !ids.is_empty() => {
                    let k = u.choose(&keys)?.clone();
                    let x = m.remove(&k).expect("key");
                    m.insert(u.choose(ids)?.clone(), x);
                }
                _ => {
                    let k = u.choose(&["unknown", "default", "kind", "places", "id"])?;
                    m.insert(k.to_string(), json!(1));
                }
            }
        }
        // A value of another type.
        8 => {
            *node = u
                .choose(&[
                    Value::Null,
                    json!(true),
                    json!("60"),
                    json!(60),
                    json!(-1),
                    json!([]),
                    json!({}),
                    json!([1, 2]),
                    Value::Object(Map::new()),
                ])?
                .clone();
        }
        _ => {}
    }
    Ok(())
}

/// Text mutations JSON values cannot express.
fn mutate_text(text: &mut String, u: &mut Unstructured) -> Result<()> {
    let mut b = text.as_bytes().to_vec();
    if b.is_empty() {
        return Ok(());
    }
    match u.int_in_range(0..=4)? {
        // A number replaced by a token serde must refuse or clamp.
        0 | 1 => {
            let starts: Vec<usize> = (1..b.len())
                .filter(|&i| b[i].is_ascii_digit() && (b[i - 1] == b' ' || b[i - 1] == b':'))
                .collect();
            if let Some(&at) = starts.get(u.choose_index(starts.len().max(1))?) {
                let end = (at..b.len())
                    .find(|&i| !(b[i].is_ascii_digit() || b".eE+-".contains(&b[i])))
                    .unwrap_or(b.len());
                let token = *u.choose(&[
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "1e999",
                    "-1e999",
                    "18446744073709551616",
                    "-5",
                    "1e-400",
                    "0x10",
                    "01",
                ])?;
                b.splice(at..end, token.bytes());
            }
        }
        // A bit flipped.
        2 => {
            let i = u.choose_index(b.len())?;
            b[i] ^= 1 << u.int_in_range(0..=7)?;
        }
        // Cut short.
        3 => {
            let i = u.choose_index(b.len())?;
            b.truncate(i);
        }
        // A slice repeated (duplicate keys, deeper nesting).
        _ => {
            let i = u.choose_index(b.len())?;
            let j = (i + u.int_in_range(1..=64)?).min(b.len());
            let slice = b[i..j].to_vec();
            b.splice(i..i, slice);
        }
    }
    *text = String::from_utf8_lossy(&b).into_owned();
    Ok(())
}

type Setter = fn(&mut Scenario, f64);

/// Numeric fields a non-finite value can be set on once parsed (JSON cannot carry one).
const SETTERS: &[Setter] = &[
    |s, x| s.horizon_months = x,
    |s, x| s.warmup_months = x,
    |s, x| s.reporting_period_days = Some(x),
    |s, x| {
        if let Some(a) = s.arrivals.first_mut() {
            a.rate_per_month = x
        }
    },
    |s, x| {
        if let Some(a) = s.arrivals.first_mut() {
            a.trend_percent_per_year = x
        }
    },
    |s, x| {
        if let Some(a) = s.arrivals.first_mut() {
            a.seasonality = Some(vec![x; 12])
        }
    },
    |s, x| {
        if let Some(a) = s.arrivals.first_mut() {
            if let Some(v) = a.mix.values_mut().next() {
                *v = x
            }
        }
    },
    |s, x| s.waiting_list.abandonment_per_month = x,
    |s, x| s.dalo.shelter_months = x,
    |s, x| s.dalo.recourse_propensity = x,
    |s, x| {
        if let Some(p) = s.prevention.as_mut() {
            p.cases_per_month = x
        }
    },
    |s, x| {
        if let Some(p) = s.prevention.as_mut() {
            p.capacity_per_month = x
        }
    },
    |s, x| {
        if let Some(p) = s.accompaniment.first_mut() {
            p.stay_multiplier = x
        }
    },
    |s, x| {
        if let Some(p) = s.accompaniment.first_mut() {
            p.months_in_housing = x
        }
    },
    |s, x| {
        for e in &mut s.exits {
            if let Some(c) = e.comeback.as_mut() {
                c.mean_months = x
            }
        }
    },
    |s, x| {
        for st in &mut s.stages {
            match &mut st.kind {
                parcours_engine::StageKind::Places(p) => {
                    p.cost_per_place_day = x;
                    p.max_blocked_days = Some(x);
                    for r in p.routes.values_mut().flatten() {
                        r.p = x;
                    }
                }
                parcours_engine::StageKind::Allocation(a) => a.units_per_month = x,
            }
        }
    },
    |s, x| {
        for st in &mut s.stages {
            if let parcours_engine::StageKind::Places(p) = &mut st.kind {
                for stay in p.stay.values_mut() {
                    *stay = parcours_engine::Stay::Lognormal {
                        mean_days: x,
                        cv: 1.0,
                    };
                }
            }
        }
    },
    |s, x| {
        for w in &mut s.initial_state.waiting {
            w.days_waiting = x
        }
    },
];

/// The persisted corpus (`corpus.hex` beside this file: one input per line in hexadecimal, `#`
/// comments), which both harnesses replay.
pub fn corpus() -> Vec<Vec<u8>> {
    include_str!("corpus.hex")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            (0..l.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&l[i..i + 2], 16).expect("hexadecimal"))
                .collect()
        })
        .collect()
}

/// FNV-1a: names a finding by its bytes.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Saves a failing input's bytes as `target/fuzz-findings/<prefix><hash>` (and `extra` files
/// beside it, `(suffix, contents)`), and returns that name.
pub fn save_finding(prefix: &str, data: &[u8], extra: &[(&str, &str)]) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-findings");
    let _ = std::fs::create_dir_all(&dir);
    let name = format!("{prefix}{:016x}", fnv(data));
    let _ = std::fs::write(dir.join(&name), data);
    for (suffix, contents) in extra {
        let _ = std::fs::write(dir.join(format!("{name}{suffix}")), contents);
    }
    name
}

/// xorshift64*: the harnesses' own generator (no dependency, the same bytes everywhere).
pub struct XorShift(pub u64);

impl XorShift {
    /// The generator of a campaign's fresh inputs: `PARCOURS_FUZZ_SEED` (else a fixed seed).
    pub fn of_campaign() -> XorShift {
        let seed: u64 = std::env::var("PARCOURS_FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed);
        XorShift(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A fresh input: 8 to 255 bytes.
    pub fn fill(&mut self, out: &mut Vec<u8>) {
        out.clear();
        let n = 8 + (self.next() % 248) as usize;
        while out.len() < n {
            out.extend_from_slice(&self.next().to_le_bytes());
        }
        out.truncate(n);
    }
}

/// How many fresh inputs a campaign runs: `PARCOURS_FUZZ_INPUTS`, else `default` (the test suite's).
pub fn fresh_count(default: u64) -> u64 {
    std::env::var("PARCOURS_FUZZ_INPUTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A campaign's progress on standard error: the count, the elapsed time and the rate, once a
/// minute (a long run's log says how far it went whenever it is stopped, at any rate).
pub struct Progress {
    start: std::time::Instant,
    last: std::time::Instant,
    count: u64,
}

impl Progress {
    pub fn start() -> Progress {
        let now = std::time::Instant::now();
        Progress {
            start: now,
            last: now,
            count: 0,
        }
    }

    /// One more input done.
    pub fn tick(&mut self) {
        self.count += 1;
        if self.last.elapsed().as_secs() >= 60 {
            self.last = std::time::Instant::now();
            eprintln!("{}", self.line());
        }
    }

    /// `N inputs in S s (R/s)`.
    pub fn line(&self) -> String {
        let s = self.start.elapsed().as_secs_f64();
        format!(
            "{} inputs in {s:.1} s ({:.0}/s)",
            self.count,
            self.count as f64 / s
        )
    }
}

/// How far an input went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    NotJson,
    Invalid,
    Ran,
    OverBudget,
}

/// What a caller of the engine can rely on, checked for one input; panics when it fails.
pub fn check(input: &Input) -> Outcome {
    let mut scenario = match Scenario::parse(&input.text) {
        Ok(s) => s,
        Err(e) => {
            described(&e);
            assert!(
                matches!(e.kind, ErrorKind::Json { .. } | ErrorKind::TooLarge { .. }),
                "{e}"
            );
            return Outcome::NotJson;
        }
    };
    if let Some((i, x)) = input.non_finite {
        SETTERS[i](&mut scenario, x);
    }
    let model = match Model::new(&scenario) {
        Ok(m) => m,
        Err(errors) => {
            assert!(!errors.is_empty(), "an invalid scenario names a problem");
            errors.iter().for_each(described);
            return Outcome::Invalid;
        }
    };
    // What the page writes, it reads back: a valid scenario's JSON parses and validates.
    let text = serde_json::to_string(&scenario).expect("a valid scenario serialises");
    let back = Scenario::parse(&text).expect("a valid scenario's JSON parses back");
    Model::new(&back).expect("a valid scenario's JSON validates back");
    // The cost estimate: numbers a message can say (never NaN, never negative).
    let cost = model.estimate();
    for x in [cost.events, cost.peak_households, cost.memory_bytes] {
        assert!(x >= 0.0, "estimate {cost:?}");
    }
    // One short replication: a result of the announced shape, or a budget error.
    let layout = model.layout().clone();
    match Run::new(&model, 7, 0, BUDGET).and_then(|r| r.finish()) {
        Ok(r) => {
            assert_eq!(r.series.len(), layout.series.len());
            assert!(r.series.iter().all(|s| s.len() == layout.periods));
            assert_eq!(r.headlines.len(), layout.headlines.len());
            assert!(r.events <= BUDGET.max_events);
            for x in r.series.iter().flatten() {
                assert!(x.is_finite(), "series values are finite: {x}");
            }
            for x in &r.headlines {
                assert!(!x.is_infinite(), "headlines are finite or undefined: {x}");
            }
            Outcome::Ran
        }
        Err(SimError::Stopped) => panic!("nobody asked to stop"),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            Outcome::OverBudget
        }
    }
}

/// An error names a field and says what is wrong, with numbers never written `inf`.
fn described(e: &ValidationError) {
    assert!(!e.path.is_empty(), "a path: {e:?}");
    assert!(!e.message.trim().is_empty(), "a message: {e:?}");
    assert_eq!(e.message, e.kind.to_string());
    if matches!(
        e.kind,
        ErrorKind::OutOfRange { .. }
            | ErrorKind::NotFinite { .. }
            | ErrorKind::TooManyArrivals { .. }
    ) {
        assert!(!e.message.contains("inf"), "{e}");
    }
}
