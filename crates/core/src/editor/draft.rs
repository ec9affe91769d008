//! The draft: the scenario's JSON, reached by the engine's paths (`stages[2].routes.family[0].p`),
//! read and changed in place, and validated with the engine.
//!
//! The draft is the scenario's JSON (`serde_json::Value`): the engine's error paths are, by
//! design, paths into that JSON, so one path names a field for both editing and errors.

use parcours_engine::{Model, Scenario, ValidationError};
use serde_json::{json, Map, Value};

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

/// Ids of the items of the array at `path`.
pub fn ids(v: &Value, path: &str) -> Vec<String> {
    items(v, path)
        .iter()
        .map(|x| get_str(x, "id").to_string())
        .collect()
}

/// The draft as a scenario the engine accepts, or every problem (a JSON shape problem, which
/// the field checks should prevent, comes as one error at the field's path: the engine's reader).
pub fn check(draft: &Value) -> Result<Scenario, Vec<ValidationError>> {
    let scenario: Scenario =
        parcours_engine::json::from_value(draft.clone()).map_err(|e| vec![e])?;
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

    /// What « Exporter le scénario » writes is the scenario that runs, and the engine (hence
    /// `parcours validate` / `run`) reads it back as exactly that scenario.
    #[test]
    fn the_exported_scenario_validates_and_is_the_running_one() {
        use crate::levers::{apply, LeverId, Settings};
        let baseline = default_scenario();
        let mut settings = Settings::default();
        settings
            .values
            .insert(LeverId::Places("chrs".into()), 600.0);
        let running = apply(&baseline, &settings);
        let text = running.to_json_pretty();
        let back = Scenario::from_json(&text).unwrap();
        assert!(Model::new(&back).is_ok());
        assert_eq!(back, running);
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            serde_json::to_string(&running).unwrap()
        );
        assert_eq!(import(&text), Ok(running));
        let errors = import("{\"format_version\": 1}").unwrap_err();
        assert_eq!(errors[0].path, "$");
        assert!(
            errors[0].message.contains("line 1"),
            "{}",
            errors[0].message
        );
    }
}
