//! The command line facing hostile or runaway input (issue 15): named problems instead of
//! panics, a clear internal-error report, the run budget, and CSV cells a spreadsheet cannot
//! run as formulas.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_parcours");

fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("safety-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tiny() -> Value {
    let path = format!("{}/tests/fixtures/tiny.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p.display().to_string()
}

fn parcours(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(BIN);
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Issue 15: `parcours validate` exited 101 with a backtrace on a repeated type id.
#[test]
fn repeated_empty_or_reserved_type_ids_are_named() {
    let dir = scratch("ids");
    for (name, id) in [("dup", "single"), ("empty", ""), ("reserved", "default")] {
        let mut v = tiny();
        v["household_types"][1]["id"] = json!(id);
        let f = write(&dir, &format!("{name}.json"), &v);
        let o = parcours(&["validate", &f], &[]);
        let out = text(&o.stdout);
        assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
        assert!(
            out.contains(&format!("{f}: household_types[1].id: ")),
            "{out}"
        );
        assert!(!text(&o.stderr).contains("panicked"));
    }
}

/// JSON errors name the field, not only the line and column.
#[test]
fn json_errors_name_the_field() {
    let dir = scratch("json");
    let mut v = tiny();
    v["horizon_months"] = json!("60");
    let f = write(&dir, "string.json", &v);
    let o = parcours(&["validate", &f], &[]);
    let out = text(&o.stdout);
    assert!(
        out.contains(&format!(
            "{f}: malformed scenario JSON: horizon_months: invalid type: string \"60\", expected f64 at line"
        )),
        "{out}"
    );
    let mut v = tiny();
    v["stages"][0]["places"] = json!(-5);
    let f = write(&dir, "negative.json", &v);
    let out = text(&parcours(&["validate", &f], &[]).stdout);
    assert!(
        out.contains("stages[0].places: invalid value: integer `-5`"),
        "{out}"
    );
}

/// Any panic left is reported in one line naming the command and its inputs, exit status 70.
#[test]
fn an_internal_error_is_reported_plainly() {
    let dir = scratch("internal");
    let f = write(&dir, "any.json", &tiny());
    let o = parcours(
        &["validate", &f],
        &[
            ("PARCOURS_TEST_INTERNAL_ERROR", "1"),
            ("RUST_BACKTRACE", "1"),
        ],
    );
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(70), "{err}");
    assert!(
        err.starts_with("error: internal error of parcours "),
        "{err}"
    );
    assert!(err.contains(&format!("`parcours validate {f}`")), "{err}");
    assert!(err.contains("please report it"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("stack backtrace"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// A scenario whose estimate exceeds the budget is refused before running, with its size and
/// the option to raise; a replication over the budget stops and says so.
#[test]
fn the_run_budget_is_said_and_can_be_raised() {
    let runaway = format!(
        "{}/../engine/tests/fixtures/runaway/social-housing-at-cap.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = parcours(&["run", &runaway, "-n", "1", "-q"], &[]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("social-housing-at-cap.json: this scenario would need about 120 million events per replication, more than the 50 million allowed (raise --max-events to run it anyway)"),
        "{err}"
    );
    let dir = scratch("budget");
    let f = write(&dir, "tiny.json", &tiny());
    let o = parcours(&["run", &f, "-n", "4", "--max-events", "1000", "-q"], &[]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("tiny.json: this scenario would need about ")
            && err.contains(
                " events per replication, more than the 1,000 allowed (raise --max-events"
            ),
        "{err}"
    );
    let o = parcours(&["run", &f, "-n", "4", "--max-events", "100000", "-q"], &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

/// Issue 15: the command line's CSV wrote scenario names unneutralised.
#[test]
fn csv_text_cells_are_neutralised_and_quoted() {
    let dir = scratch("csv");
    let mut v = tiny();
    v["name"] = json!({"fr": "=HYPERLINK(\"http://x\")", "en": "+cmd|' /C calc'!A0; x"});
    let f = write(&dir, "formula.json", &v);
    let out = dir.join("out");
    let o = parcours(
        &[
            "run",
            &f,
            "-n",
            "2",
            "-q",
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let meta = std::fs::read_to_string(out.join("metadata.csv")).unwrap();
    assert!(
        meta.contains("\nscenario_name_fr,'=HYPERLINK(\"\"http://x\"\")\n")
            || meta.contains("\nscenario_name_fr,\"'=HYPERLINK(\"\"http://x\"\")\"\n"),
        "{meta}"
    );
    assert!(
        meta.contains("\nscenario_name_en,\"'+cmd|' /C calc'!A0; x\"\n"),
        "{meta}"
    );
    // Numbers are never changed, even negative ones.
    assert!(meta.contains("\nseed,1\n"), "{meta}");
    // The terminal table shows control characters escaped.
    let mut v = tiny();
    v["name"] = json!({"fr": "a\u{1b}]0;owned\u{7}b"});
    let f = write(&dir, "escape.json", &v);
    let o = parcours(&["run", &f, "-n", "2", "-q", "--format", "table"], &[]);
    let table = text(&o.stdout);
    assert!(table.contains("a\\u{1b}]0;owned\\u{7}b"), "{table}");
    assert!(!table.contains('\u{1b}'));
}
