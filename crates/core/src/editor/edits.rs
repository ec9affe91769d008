//! Edits of the draft that keep it whole: renaming a household type or a destination everywhere
//! it is named, removing a type from every table, switching a stage's kind, converting a stay
//! law, and fresh ids for new items.

use serde_json::{json, Map, Value};

use crate::editor::draft::{get, get_f64, remove};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::draft::{check, get, get_f64, ids, items, push, set, to_draft};
    use parcours_engine::default_scenario;

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
