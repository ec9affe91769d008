//! The editor's pure logic (native-testable): French-style number parsing and locale display,
//! engine paths (`stages[2].routes.family[0].p`) into the draft's JSON, draft editing helpers
//! (renaming a household type or a stage everywhere it is referred to, switching a stage's kind),
//! and validation of a draft with the engine.
//!
//! The draft is the scenario's JSON (`serde_json::Value`): the engine's error paths are, by
//! design, paths into that JSON, so one path names a field for both editing and errors.

use parcours_engine::{ErrorKind, Model, Scenario, ValidationError};
use serde_json::{json, Map, Value};

use crate::i18n::Lang;

/// Parses a number typed in French or English style: `12,5`, `12.5`, `1 234,5`, `1,234.5`,
/// `−3`. Spaces (also no-break ones) group digits. A lone comma is the decimal separator; with
/// both a comma and a dot, the last one is. `None` when empty or not a finite number.
pub fn parse_number(text: &str) -> Option<f64> {
    let mut s: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if s.is_empty() {
        return None;
    }
    match (s.rfind(','), s.rfind('.')) {
        (Some(c), Some(d)) if c > d => s = s.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => s = s.replace(',', ""),
        (Some(_), None) if s.matches(',').count() == 1 => s = s.replace(',', "."),
        (Some(_), None) => {
            // "1,234,567": English grouping.
            let groups: Vec<&str> = s.trim_start_matches('-').split(',').collect();
            if groups[1..].iter().all(|g| g.len() == 3) && !groups[0].is_empty() {
                s = s.replace(',', "");
            } else {
                return None;
            }
        }
        _ => {}
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A number as typed back into a field: shortest form, decimal comma in French, no grouping.
pub fn format_number(lang: Lang, x: f64) -> String {
    let s = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    };
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A number for reading (sums, totals): digit grouping and at most `decimals` decimals, trailing
/// zeros dropped: « 1 234,5 », "1,234.5".
pub fn display_number(lang: Lang, x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let fixed = format!("{:.*}", decimals, x.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let int: i64 = int.parse().unwrap_or(0);
    let mut out = crate::i18n::format_int(lang, int);
    if x < 0.0 && (int != 0 || !frac.is_empty()) {
        out.insert(0, '-');
    }
    if !frac.is_empty() {
        out.push(if lang == Lang::Fr { ',' } else { '.' });
        out.push_str(frac);
    }
    out
}

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// `stages[2].routes.family[0].p` → `stages`, 2, `routes`, `family`, 0, `p`.
pub fn parse_path(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Seg::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(end) = stripped.find(']') else { break };
                if let Ok(n) = stripped[..end].parse() {
                    out.push(Seg::Index(n));
                }
                rest = &stripped[end + 1..];
            }
        } else if !rest.is_empty() {
            out.push(Seg::Key(rest.to_string()));
        }
    }
    out
}

/// The value at `path`, if any.
pub fn get<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    parse_path(path).iter().try_fold(v, |v, s| match s {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    })
}

pub fn get_f64(v: &Value, path: &str) -> Option<f64> {
    get(v, path).and_then(Value::as_f64)
}

pub fn get_str<'a>(v: &'a Value, path: &str) -> &'a str {
    get(v, path).and_then(Value::as_str).unwrap_or_default()
}

/// Items of the array at `path` (empty when missing).
pub fn items<'a>(v: &'a Value, path: &str) -> &'a [Value] {
    get(v, path)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// Keys of the object at `path` (empty when missing).
pub fn keys(v: &Value, path: &str) -> Vec<String> {
    get(v, path)
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// Sets the value at `path`, creating missing object keys (and objects in place of `null`).
/// `false` if the path goes through something else (an index past the end, a number…).
pub fn set(v: &mut Value, path: &str, value: Value) -> bool {
    let segs = parse_path(path);
    let Some((last, parents)) = segs.split_last() else {
        *v = value;
        return true;
    };
    let mut cur = v;
    for s in parents {
        cur = match s {
            Seg::Key(k) => {
                if cur.is_null() {
                    *cur = Value::Object(Map::new());
                }
                match cur.as_object_mut() {
                    Some(m) => m.entry(k.clone()).or_insert(Value::Null),
                    None => return false,
                }
            }
            Seg::Index(i) => match cur.get_mut(*i) {
                Some(x) => x,
                None => return false,
            },
        };
    }
    match last {
        Seg::Key(k) => {
            if cur.is_null() {
                *cur = Value::Object(Map::new());
            }
            match cur.as_object_mut() {
                Some(m) => {
                    m.insert(k.clone(), value);
                    true
                }
                None => false,
            }
        }
        Seg::Index(i) => match cur.get_mut(*i) {
            Some(x) => {
                *x = value;
                true
            }
            None => false,
        },
    }
}

/// Removes the object key or array element at `path`; `true` if something was removed.
pub fn remove(v: &mut Value, path: &str) -> bool {
    let segs = parse_path(path);
    let Some((last, parents)) = segs.split_last() else {
        return false;
    };
    let mut cur = v;
    for s in parents {
        let next = match s {
            Seg::Key(k) => cur.get_mut(k),
            Seg::Index(i) => cur.get_mut(*i),
        };
        match next {
            Some(x) => cur = x,
            None => return false,
        }
    }
    match (last, cur) {
        (Seg::Key(k), Value::Object(m)) => m.remove(k).is_some(),
        (Seg::Index(i), Value::Array(a)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        _ => false,
    }
}

/// Appends to the array at `path` (created if missing or `null`).
pub fn push(v: &mut Value, path: &str, value: Value) -> bool {
    if get(v, path).is_none_or(Value::is_null) && !set(v, path, json!([])) {
        return false;
    }
    let segs = parse_path(path);
    let target = segs.iter().try_fold(&mut *v, |v, s| match s {
        Seg::Key(k) => v.get_mut(k),
        Seg::Index(i) => v.get_mut(*i),
    });
    match target.and_then(Value::as_array_mut) {
        Some(a) => {
            a.push(value);
            true
        }
        None => false,
    }
}

/// Swaps the element `index` of the array at `path` with the one before (`up`) or after.
pub fn move_item(v: &mut Value, path: &str, index: usize, up: bool) -> bool {
    let segs = parse_path(path);
    let target = segs.iter().try_fold(&mut *v, |v, s| match s {
        Seg::Key(k) => v.get_mut(k),
        Seg::Index(i) => v.get_mut(*i),
    });
    let Some(a) = target.and_then(Value::as_array_mut) else {
        return false;
    };
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    match other {
        Some(o) if o < a.len() && index < a.len() => {
            a.swap(index, o);
            true
        }
        _ => false,
    }
}

fn rename_key(m: &mut Map<String, Value>, old: &str, new: &str) {
    if let Some(x) = m.remove(old) {
        m.insert(new.to_string(), x);
    }
}

fn rename_str(v: &mut Value, old: &str, new: &str) {
    if v.as_str() == Some(old) {
        *v = Value::String(new.to_string());
    }
}

fn each_mut<'a>(v: &'a mut Value, key: &str) -> impl Iterator<Item = &'a mut Value> {
    v.get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

/// Renames household type `old` to `new` everywhere a type is named: its entry, arrival and
/// prevention mixes, orientation, stays, routes, accepted types, initial state.
pub fn rename_type(v: &mut Value, old: &str, new: &str) {
    if old == new {
        return;
    }
    for t in each_mut(v, "household_types") {
        if let Some(id) = t.get_mut("id") {
            rename_str(id, old, new);
        }
    }
    for a in each_mut(v, "arrivals") {
        if let Some(m) = a.get_mut("mix").and_then(Value::as_object_mut) {
            rename_key(m, old, new);
        }
    }
    if let Some(m) = v
        .pointer_mut("/prevention/mix")
        .and_then(Value::as_object_mut)
    {
        rename_key(m, old, new);
    }
    if let Some(m) = v
        .pointer_mut("/waiting_list/orientation")
        .and_then(Value::as_object_mut)
    {
        rename_key(m, old, new);
    }
    for s in each_mut(v, "stages") {
        for table in ["stay", "routes"] {
            if let Some(m) = s.get_mut(table).and_then(Value::as_object_mut) {
                rename_key(m, old, new);
            }
        }
        for t in each_mut(s, "accepts") {
            rename_str(t, old, new);
        }
    }
    if let Some(init) = v.get_mut("initial_state") {
        for list in INITIAL_GROUPS {
            for o in each_mut(init, list) {
                if let Some(t) = o.get_mut("type") {
                    rename_str(t, old, new);
                }
            }
        }
    }
}

/// The initial state's lists of groups, each naming a household type.
const INITIAL_GROUPS: [&str; 4] = ["waiting", "stages", "housed", "between_requests"];

/// Removes household type `index` and its entries in every per-type table and accepted list.
/// (Mixes then no longer sum to 1: the engine says so next to them.)
pub fn remove_type(v: &mut Value, index: usize) {
    let Some(id) = get(v, &format!("household_types[{index}].id"))
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    remove(v, &format!("household_types[{index}]"));
    for a in each_mut(v, "arrivals") {
        if let Some(m) = a.get_mut("mix").and_then(Value::as_object_mut) {
            m.remove(&id);
        }
    }
    for p in ["/prevention/mix", "/waiting_list/orientation"] {
        if let Some(m) = v.pointer_mut(p).and_then(Value::as_object_mut) {
            m.remove(&id);
        }
    }
    for s in each_mut(v, "stages") {
        for table in ["stay", "routes"] {
            if let Some(m) = s.get_mut(table).and_then(Value::as_object_mut) {
                m.remove(&id);
            }
        }
        if let Some(a) = s.get_mut("accepts").and_then(Value::as_array_mut) {
            a.retain(|t| t.as_str() != Some(&id));
        }
    }
    if let Some(init) = v.get_mut("initial_state") {
        for list in INITIAL_GROUPS {
            if let Some(a) = init.get_mut(list).and_then(Value::as_array_mut) {
                a.retain(|o| o.get("type").and_then(Value::as_str) != Some(&id));
            }
        }
    }
}

/// Renames a destination (stage or exit id) everywhere it is named: routes, alternatives,
/// orientation, abandonment exit, pools, initial occupants.
pub fn rename_dest(v: &mut Value, old: &str, new: &str) {
    if old == new {
        return;
    }
    for list in ["stages", "exits"] {
        for x in each_mut(v, list) {
            if let Some(id) = x.get_mut("id") {
                rename_str(id, old, new);
            }
        }
    }
    for s in each_mut(v, "stages") {
        if let Some(m) = s.get_mut("routes").and_then(Value::as_object_mut) {
            for routes in m.values_mut() {
                for r in routes.as_array_mut().into_iter().flatten() {
                    if let Some(to) = r.get_mut("to") {
                        rename_str(to, old, new);
                    }
                }
            }
        }
        for r in each_mut(s, "alternative") {
            if let Some(to) = r.get_mut("to") {
                rename_str(to, old, new);
            }
        }
    }
    if let Some(wl) = v.get_mut("waiting_list") {
        if let Some(e) = wl.get_mut("abandonment_exit") {
            rename_str(e, old, new);
        }
        if let Some(m) = wl.get_mut("orientation").and_then(Value::as_object_mut) {
            for list in m.values_mut() {
                for s in list.as_array_mut().into_iter().flatten() {
                    rename_str(s, old, new);
                }
            }
        }
    }
    for p in each_mut(v, "accompaniment") {
        for s in each_mut(p, "stages") {
            rename_str(s, old, new);
        }
        if let Some(to) = p.get_mut("shift_to") {
            rename_str(to, old, new);
        }
    }
    if let Some(init) = v.get_mut("initial_state") {
        for o in each_mut(init, "stages") {
            if let Some(s) = o.get_mut("stage") {
                rename_str(s, old, new);
            }
            if let Some(to) = o.pointer_mut("/ready/to") {
                rename_str(to, old, new);
            }
        }
        for o in each_mut(init, "housed") {
            if let Some(s) = o.get_mut("stage") {
                rename_str(s, old, new);
            }
        }
        for o in each_mut(init, "between_requests") {
            if let Some(e) = o.get_mut("exit") {
                rename_str(e, old, new);
            }
        }
    }
}

/// The fields of a stage of each kind, in their JSON names.
const PLACE_FIELDS: [&str; 10] = [
    "places",
    "capacity_changes",
    "winter_places",
    "stay",
    "routes",
    "max_blocked_days",
    "alternative",
    "dalo_clock",
    "counts_as_housing",
    "cost_per_place_day",
];
const ALLOCATION_FIELDS: [&str; 6] = [
    "units_per_month",
    "unit_changes",
    "tenancy_failure_per_year",
    "tenancy_failure_months",
    "cost_per_allocation",
    "priority_allocations_per_year",
];

/// Turns the stage JSON `stage` into a stage of `kind` (`places` or `allocation`): drops the
/// other kind's fields and adds this kind's required ones; `first_exit` is where the new routes go.
pub fn set_stage_kind(stage: &mut Value, kind: &str, first_exit: &str) {
    let Some(m) = stage.as_object_mut() else {
        return;
    };
    if m.get("kind").and_then(Value::as_str) == Some(kind) {
        return;
    }
    m.insert("kind".into(), json!(kind));
    if kind == "allocation" {
        for f in PLACE_FIELDS {
            m.remove(f);
        }
        m.insert("units_per_month".into(), json!(0.0));
    } else {
        for f in ALLOCATION_FIELDS {
            m.remove(f);
        }
        m.insert("places".into(), json!(0));
        m.insert(
            "stay".into(),
            json!({"default": {"distribution": "exponential", "mean_days": 30.0}}),
        );
        m.insert(
            "routes".into(),
            json!({"default": [{"to": first_exit, "p": 1.0}]}),
        );
    }
}

/// A new stage of `kind` with id `id`.
pub fn new_stage(id: &str, kind: &str, first_exit: &str) -> Value {
    let mut s = json!({"id": id, "label": {"fr": id, "en": id}, "kind": "allocation",
        "units_per_month": 0.0});
    set_stage_kind(&mut s, kind, first_exit);
    s
}

/// The stay law `distribution` keeping the mean (and CV when both have one) of `old`.
pub fn convert_stay(old: &Value, distribution: &str) -> Value {
    let mean = get_f64(old, "mean_days")
        .or_else(|| get_f64(old, "days"))
        .unwrap_or(30.0);
    let cv = get_f64(old, "cv").unwrap_or(1.0);
    match distribution {
        "fixed" => json!({"distribution": "fixed", "days": mean}),
        "exponential" => json!({"distribution": "exponential", "mean_days": mean}),
        d => json!({"distribution": d, "mean_days": mean, "cv": cv}),
    }
}

/// An id not yet used in `taken`: `base`, `base_2`, `base_3`…
pub fn fresh_id(base: &str, taken: &[String]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}_{n}")
            }
        })
        .find(|id| !taken.iter().any(|t| t == id))
        .expect("an unused id exists")
}

/// Ids of the items of the array at `path`.
pub fn ids(v: &Value, path: &str) -> Vec<String> {
    items(v, path)
        .iter()
        .map(|x| get_str(x, "id").to_string())
        .collect()
}

/// The draft as a scenario the engine accepts, or every problem (a JSON shape problem, which
/// the field checks should prevent, comes as one error at the path `$`).
pub fn check(draft: &Value) -> Result<Scenario, Vec<ValidationError>> {
    let scenario: Scenario = serde_json::from_value(draft.clone()).map_err(|e| {
        vec![ValidationError::new(
            "$",
            ErrorKind::Json {
                detail: e.to_string(),
            },
        )]
    })?;
    Model::new(&scenario)?;
    Ok(scenario)
}

/// Parses and validates pasted JSON (for the import box).
pub fn import(text: &str) -> Result<Scenario, Vec<ValidationError>> {
    Ok(Model::from_json(text)?.scenario().clone())
}

/// The draft JSON of a scenario.
pub fn to_draft(s: &Scenario) -> Value {
    serde_json::to_value(s).expect("a scenario always serialises")
}

/// A DOM id for the field at `path` in section `scope`: `ed-stages-stages-2-routes-family-0-p`.
pub fn field_id(scope: &str, path: &str) -> String {
    let mut id = format!("ed-{scope}-");
    let mut dash = false;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
            dash = false;
        } else if !dash {
            id.push('-');
            dash = true;
        }
    }
    id.trim_end_matches('-').to_string()
}

/// The sum of the `p` of a route list (for the live sum under a routes table).
pub fn route_sum(routes: &[Value]) -> f64 {
    routes.iter().filter_map(|r| get_f64(r, "p")).sum()
}

/// The sum of a type → share mix.
pub fn mix_sum(mix: Option<&Value>) -> f64 {
    mix.and_then(Value::as_object)
        .map(|m| m.values().filter_map(Value::as_f64).sum())
        .unwrap_or(0.0)
}

/// Whether `x` sums to 1 within the engine's tolerance.
pub fn sums_to_one(x: f64) -> bool {
    (x - 1.0).abs() <= 1e-6
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_engine::default_scenario;

    #[test]
    fn french_and_english_numbers() {
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number(" 1 234,5 "), Some(1234.5));
        assert_eq!(parse_number("1\u{202f}234,5"), Some(1234.5));
        assert_eq!(parse_number("1\u{a0}234"), Some(1234.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("1,234,567"), Some(1_234_567.0));
        assert_eq!(parse_number("0,9"), Some(0.9));
        assert_eq!(parse_number("12,"), Some(12.0));
        assert_eq!(parse_number(",5"), Some(0.5));
        assert_eq!(parse_number("\u{2212}3"), Some(-3.0));
        assert_eq!(parse_number("-0,25"), Some(-0.25));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("  "), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("12 %"), None);
    }

    #[test]
    fn numbers_shown_in_the_locale() {
        assert_eq!(format_number(Lang::Fr, 0.9), "0,9");
        assert_eq!(format_number(Lang::En, 0.9), "0.9");
        assert_eq!(format_number(Lang::Fr, 699.0), "699");
        assert_eq!(format_number(Lang::Fr, -2.5), "-2,5");
        for x in [0.1, 44.2, 1434367.0, 1e-7, 0.30000000000000004] {
            assert_eq!(parse_number(&format_number(Lang::Fr, x)), Some(x));
            assert_eq!(parse_number(&format_number(Lang::En, x)), Some(x));
        }
        assert_eq!(display_number(Lang::Fr, 1234.5, 2), "1\u{202f}234,5");
        assert_eq!(display_number(Lang::En, 1234.5, 2), "1,234.5");
        assert_eq!(display_number(Lang::Fr, 0.9, 3), "0,9");
        assert_eq!(display_number(Lang::Fr, 1.0, 3), "1");
        assert_eq!(display_number(Lang::En, -0.25, 3), "-0.25");
        assert_eq!(display_number(Lang::En, f64::NAN, 3), "–");
    }

    #[test]
    fn paths() {
        use Seg::*;
        assert_eq!(
            parse_path("stages[2].routes.family[0].p"),
            vec![
                Key("stages".into()),
                Index(2),
                Key("routes".into()),
                Key("family".into()),
                Index(0),
                Key("p".into())
            ]
        );
        assert_eq!(parse_path("waiting_list.orientation.default[1]").len(), 4);
        assert_eq!(parse_path("$"), vec![Key("$".into())]);
        let mut v = to_draft(&default_scenario());
        assert_eq!(get_str(&v, "stages[0].id"), "hu");
        assert_eq!(get_f64(&v, "stages[0].places"), Some(699.0));
        assert_eq!(get_str(&v, "waiting_list.orientation.default[0]"), "hu");
        let first = default_scenario().initial_state.stages[0].count as f64;
        assert_eq!(get_f64(&v, "initial_state.stages[0].count"), Some(first));
        assert!(set(&mut v, "arrivals[1].mix.single_man", json!(0.0)));
        assert_eq!(get_f64(&v, "arrivals[1].mix.single_man"), Some(0.0));
        assert!(!set(&mut v, "arrivals[99].rate_per_month", json!(1.0)));
        assert!(remove(&mut v, "arrivals[1].mix.single_man"));
        assert!(!remove(&mut v, "arrivals[1].mix.single_man"));
        let n = items(&v, "exits").len();
        assert!(push(&mut v, "exits", json!({"id": "x"})));
        assert_eq!(items(&v, "exits").len(), n + 1);
        assert!(push(
            &mut v,
            "stages[0].capacity_changes",
            json!({"day": 0, "places": 1})
        ));
        assert!(move_item(&mut v, "household_types", 0, false));
        assert_eq!(get_str(&v, "household_types[1].id"), "single_man");
        assert!(!move_item(&mut v, "household_types", 0, true));
    }

    #[test]
    fn field_ids_are_stable_and_valid() {
        assert_eq!(
            field_id("stages", "stages[2].routes.family[0].p"),
            "ed-stages-stages-2-routes-family-0-p"
        );
        assert_eq!(
            field_id("dalo", "dalo.waiting_months"),
            "ed-dalo-dalo-waiting_months"
        );
    }

    #[test]
    fn the_default_draft_is_valid_and_round_trips() {
        let s = default_scenario();
        assert_eq!(check(&to_draft(&s)).expect("valid"), s);
        assert!(import(&s.to_json_pretty()).is_ok());
        let err = import("{").unwrap_err();
        assert_eq!(err[0].path, "$");
    }

    #[test]
    fn an_invalid_route_sum_names_the_routes_table() {
        let mut v = to_draft(&default_scenario());
        let p = get_f64(&v, "stages[2].routes.default[0].p").unwrap();
        set(&mut v, "stages[2].routes.default[0].p", json!(p - 0.1));
        let errors = check(&v).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.path == "stages[2].routes.default" && e.message.contains("0.9")),
            "{errors:?}"
        );
        let sum = route_sum(items(&v, "stages[2].routes.default"));
        assert!(!sums_to_one(sum));
    }

    #[test]
    fn renaming_a_type_keeps_the_scenario_valid() {
        let mut v = to_draft(&default_scenario());
        rename_type(&mut v, "family", "famille");
        let s = check(&v).expect("still valid");
        assert!(s.household_types.iter().any(|t| t.id == "famille"));
        assert!(s.arrivals[0].mix.contains_key("famille"));
        assert!(!s.arrivals[0].mix.contains_key("family"));
        assert!(s.waiting_list.orientation.contains_key("famille"));
        assert!(s
            .initial_state
            .waiting
            .iter()
            .any(|w| w.household_type == "famille"));
    }

    #[test]
    fn removing_a_type_leaves_only_mix_problems() {
        let mut v = to_draft(&default_scenario());
        let n = items(&v, "household_types").len();
        remove_type(&mut v, 4); // mental_health
        assert_eq!(items(&v, "household_types").len(), n - 1);
        let errors = check(&v).unwrap_err();
        assert!(!errors.is_empty());
        for e in &errors {
            assert!(
                e.path.ends_with(".mix") || e.path.contains("accepts"),
                "unexpected {e}"
            );
        }
    }

    #[test]
    fn renaming_a_stage_or_exit_keeps_the_scenario_valid() {
        let mut v = to_draft(&default_scenario());
        rename_dest(&mut v, "hu", "chu");
        rename_dest(&mut v, "street", "rue");
        rename_dest(&mut v, "hlm", "logement_social");
        let s = check(&v).expect("still valid");
        assert_eq!(s.stages[0].id, "chu");
        assert_eq!(s.waiting_list.abandonment_exit, "rue");
        assert_eq!(
            s.accompaniment[0].shift_to.as_deref(),
            Some("logement_social")
        );
    }

    #[test]
    fn switching_kind_and_adding_stages() {
        let mut v = to_draft(&default_scenario());
        let hlm = items(&v, "stages").len() - 1;
        let mut st = get(&v, &format!("stages[{hlm}]")).unwrap().clone();
        set_stage_kind(&mut st, "places", "housed");
        assert!(st.get("units_per_month").is_none());
        assert!(st.get("priority_allocations_per_year").is_none());
        assert_eq!(get_f64(&st, "places"), Some(0.0));
        set(&mut v, &format!("stages[{hlm}]"), st);
        // The households the initial state says hlm housed before day 0 are not dropped
        // silently: the engine names each group, and they go once the user removes them.
        let errors = check(&v).unwrap_err();
        assert!(errors.iter().all(|e| e.path.starts_with("initial_state.housed[")
            && e.path.ends_with("].stage")), "{errors:?}");
        assert!(remove(&mut v, "initial_state.housed"));
        // hlm is a pool's shift_to and now has 0 places: still a valid scenario.
        check(&v).expect("valid with hlm as a places stage");
        let taken = ids(&v, "stages");
        let id = fresh_id("hu", &taken);
        assert_eq!(id, "hu_2");
        push(&mut v, "stages", new_stage(&id, "places", "housed"));
        push(&mut v, "stages", new_stage("alloc", "allocation", "housed"));
        check(&v).expect("new stages are valid");
    }

    #[test]
    fn stay_conversion_keeps_the_mean() {
        let old = json!({"distribution": "lognormal", "mean_days": 75.0, "cv": 1.5});
        assert_eq!(
            convert_stay(&old, "fixed"),
            json!({"distribution": "fixed", "days": 75.0})
        );
        assert_eq!(
            convert_stay(&json!({"distribution": "fixed", "days": 10.0}), "gamma"),
            json!({"distribution": "gamma", "mean_days": 10.0, "cv": 1.0})
        );
    }
}
