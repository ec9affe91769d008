//! Helpers shared by the command line's end-to-end tests: the fixtures, a scratch folder per
//! test, and the binary run expecting success or a clean failure.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_parcours");

pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn tiny() -> String {
    fixture("tiny.json")
}

pub fn more_places() -> String {
    fixture("tiny-more-places.json")
}

/// A fresh, empty directory for one test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn parcours(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Runs and expects success, returning standard output.
pub fn ok(args: &[&str]) -> String {
    let o = parcours(args);
    assert!(
        o.status.success(),
        "parcours {args:?} failed: {}",
        stderr(&o)
    );
    stdout(&o)
}

/// Runs and expects exit status 1 and no panic, returning standard error.
pub fn fails(args: &[&str]) -> String {
    let o = parcours(args);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "parcours {args:?} should fail with status 1; stderr: {err}"
    );
    assert!(!err.contains("panicked"), "panic: {err}");
    err
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("output is JSON")
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
