//! The one reader of scenario JSON (`parcours_engine::json`): values read exactly, errors at the
//! field's path — the path found from serde_json's position equal to the one a tracking reader
//! (`serde_path_to_error`) gives — and keys that are not plain names quoted.

use parcours_engine::json::{from_str, from_value, push_key};
use parcours_engine::{Scenario, DEFAULT_SCENARIO_JSON};
use serde::de::DeserializeOwned;

#[test]
fn a_value_reads_exactly_and_its_errors_name_the_field_without_a_position() {
    // Numbers whose shortest text is long: they must come back as the same f64.
    let xs = [
        0.1 + 0.2,
        1.0 / 3.0,
        2.0_f64.powi(-1074),
        f64::MAX,
        123_456.789e-300,
    ];
    let back: Vec<f64> = from_value(serde_json::json!(xs)).unwrap();
    assert_eq!(
        back.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
        xs.map(f64::to_bits)
    );

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Place {
        places: u32,
    }
    let e =
        from_value::<Vec<Place>>(serde_json::json!([{"places": 1}, {"places": "x"}])).unwrap_err();
    assert_eq!(e.path, "[1].places");
    assert_eq!(
        e.message,
        r#"scenario JSON: invalid type: string "x", expected u32"#
    );
    // The same text read as text says where.
    let e = from_str::<Vec<Place>>(r#"[{"places": 1}, {"places": "x"}]"#).unwrap_err();
    assert_eq!(e.path, "[1].places");
    assert!(e.message.ends_with("at line 1 column 30"), "{}", e.message);
}

/// The path serde_path_to_error's wrappers give (what this module used before issue 14's
/// size work), to compare the engine's `json::path_at` with.
fn tracked_path<T: DeserializeOwned>(text: &str) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut de = serde_json::Deserializer::from_str(text);
    let e = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => return de.end().err().map(|_| "$".to_string()),
        Err(e) => e,
    };
    let mut path = String::new();
    for segment in e.path().iter() {
        match segment {
            Segment::Seq { index } => path.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => push_key(&mut path, key),
            Segment::Unknown => break,
        }
    }
    Some(if path.is_empty() { "$".into() } else { path })
}

/// Every value of `v` with its pointer (`/stages/0/places`).
fn pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        serde_json::Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

#[test]
fn the_paths_found_from_the_position_are_those_of_a_tracking_reader() {
    // Every value of the default scenario replaced by values of other types, removed (a
    // missing field), and every object given an unknown field; read as pretty and compact
    // text. Each refused text must get the path serde_path_to_error gives, or one a level
    // apart inside an internally tagged enum (below).
    let base: serde_json::Value = serde_json::from_str(DEFAULT_SCENARIO_JSON).unwrap();
    let mut at = Vec::new();
    pointers(&base, String::new(), &mut at);
    let replacements = [
        serde_json::json!("x"),
        serde_json::json!(-1),
        serde_json::json!(0.5),
        serde_json::json!(null),
        serde_json::json!({}),
        serde_json::json!([]),
        serde_json::json!([1]),
        serde_json::json!({"unknown_field": 1}),
    ];
    let (mut compared, mut in_enums, mut different) = (0, 0, Vec::new());
    // One value in nine (every kind of field is still there many times over: a territory
    // repeats its stages' fields), to keep the test's time to seconds.
    for pointer in at.iter().filter(|p| !p.is_empty()).step_by(9) {
        let mut texts = Vec::new();
        for replacement in &replacements {
            let mut v = base.clone();
            *v.pointer_mut(pointer).unwrap() = replacement.clone();
            texts.push(v);
        }
        let mut v = base.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        match v.pointer_mut(parent).unwrap() {
            serde_json::Value::Object(o) => {
                o.remove(key);
            }
            serde_json::Value::Array(a) => {
                a.remove(key.parse::<usize>().unwrap());
            }
            _ => unreachable!(),
        }
        texts.push(v);
        if let Some(serde_json::Value::Object(o)) = base.pointer(pointer) {
            let mut v = base.clone();
            let mut o = o.clone();
            o.insert("not_a_field".into(), serde_json::json!(1));
            *v.pointer_mut(pointer).unwrap() = serde_json::Value::Object(o);
            texts.push(v);
        }
        for v in texts {
            // Compact and pretty text in turn (only the one read is written: this package's
            // serializer is not optimised).
            let text = if compared % 2 == 0 {
                v.to_string()
            } else {
                serde_json::to_string_pretty(&v).unwrap()
            };
            let Some(expected) = tracked_path::<Scenario>(&text) else {
                continue;
            };
            compared += 1;
            // `Scenario::parse` is `json::from_str::<Scenario>`, built in the engine at
            // opt-level 3 (an instance here would be built at this package's 0); its size
            // limit (2 MB) is far above these texts (the default territory: 116 kB).
            let found = Scenario::parse(&text).unwrap_err().path;
            let within = |a: &str, b: &str| {
                a.starts_with(&format!("{b}.")) || a.starts_with(&format!("{b}["))
            };
            if within(&found, &expected) || within(&expected, &found) {
                // Inside an internally tagged enum (a stay's distribution, a recourse's
                // status), which serde reads from a buffered copy without positions:
                // the tracking reader's path stops at the enum where the scan names
                // the field inside (an unknown field, the tag), or goes one level
                // deeper where the error reaches serde_json only at the enclosing
                // object's end (a missing field). Either names where the value is.
                in_enums += 1;
            } else if found != expected {
                different.push(format!("{pointer}: {found} != {expected}"));
            }
        }
    }
    assert!(compared > 3000, "{compared} refused texts compared");
    // 109 of 11,045 with one value in three, when this test was written.
    assert!(in_enums * 50 < compared, "{in_enums} of {compared}");
    assert!(
        different.is_empty(),
        "{} of {compared}: {:#?}",
        different.len(),
        &different[..different.len().min(30)]
    );
}

#[test]
fn a_key_that_is_not_a_plain_name_is_quoted_in_the_path() {
    let mut path = String::from("initial_state");
    push_key(&mut path, " ");
    assert_eq!(path, r#"initial_state[" "]"#);
    let mut path = String::new();
    push_key(&mut path, "");
    push_key(&mut path, "a.b");
    assert_eq!(path, r#"[""]["a.b"]"#);
    let mut path = String::new();
    push_key(&mut path, "stages");
    push_key(&mut path, "single_man");
    assert_eq!(path, "stages.single_man");
}
