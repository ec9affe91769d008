//! JSON merge patches (RFC 7386): a link carries the network the levers act on as the patch
//! that turns the baseline into it.

use serde_json::Value;

/// RFC 7386: applies a JSON merge patch to `target`.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let target = target.as_object_mut().expect("just made an object");
    for (key, value) in patch {
        if value.is_null() {
            target.remove(key);
        } else {
            merge_patch(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// The merge patch that turns `from` into `to` (arrays are replaced whole).
pub fn diff(from: &Value, to: &Value) -> Value {
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            let mut patch = serde_json::Map::new();
            for (key, new) in b {
                match a.get(key) {
                    Some(old) if old == new => {}
                    Some(old @ Value::Object(_)) if new.is_object() => {
                        patch.insert(key.clone(), diff(old, new));
                    }
                    _ => {
                        patch.insert(key.clone(), new.clone());
                    }
                }
            }
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                patch.insert(key.clone(), Value::Null);
            }
            Value::Object(patch)
        }
        _ => to.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::link::payload::{patched, to_value};
    use serde_json::json;

    fn json(s: &parcours_engine::Scenario) -> String {
        serde_json::to_string(s).unwrap()
    }

    #[test]
    fn merge_patch_follows_rfc_7386() {
        // Examples from RFC 7386, appendix A.
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": "b"}),
                json!({"b": "c"}),
                json!({"a": "b", "b": "c"}),
            ),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (
                json!({"a": [{"b": "c"}]}),
                json!({"a": [1]}),
                json!({"a": [1]}),
            ),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a": "foo"}), json!("bar"), json!("bar")),
            (
                json!({"e": null}),
                json!({"a": 1}),
                json!({"e": null, "a": 1}),
            ),
            (
                json!({}),
                json!({"a": {"bb": {"ccc": null}}}),
                json!({"a": {"bb": {}}}),
            ),
        ];
        for (target, patch, expected) in cases {
            let mut t = target.clone();
            merge_patch(&mut t, &patch);
            assert_eq!(t, expected, "{target} + {patch}");
        }
        let (a, b) = (
            json!({"x": {"y": 1, "z": 2}, "w": 3}),
            json!({"x": {"y": 1, "z": 5}}),
        );
        assert_eq!(diff(&a, &b), json!({"x": {"z": 5}, "w": null}));
    }

    #[test]
    fn every_prepared_scenario_travels_as_an_exact_patch() {
        let index = catalog::shipped::index();
        let mut sizes = Vec::new();
        for v in &index.prepared {
            let file = catalog::territory_file(&index, &v.baseline).unwrap();
            let baseline = catalog::shipped::scenario(&file);
            let network = catalog::shipped::scenario(&v.file);
            let patch = diff(&to_value(&baseline), &to_value(&network));
            assert_eq!(patched(&baseline, &patch).unwrap(), network, "{}", v.id);
            // A prepared scenario is an edit: its patch is smaller than the file, most of them far smaller
            // (the winter plan also changes the initial state, an array sent whole).
            let (p, n) = (patch.to_string().len(), json(&network).len());
            assert!(p < n, "{}: patch of {p} bytes for {n}", v.id);
            sizes.push((p, n));
        }
        let (p, n) = sizes.iter().fold((0, 0), |(p, n), (a, b)| (p + a, n + b));
        assert!(p * 4 < n, "patches: {p} bytes for {n}");
    }
}
