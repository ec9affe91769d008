//! Native side of the native/WebAssembly identity check: the reference summary equals the
//! committed golden file (see the root's `tests/common/mod.rs` for the why and how to refresh
//! it; the browser side is the app's `tests/browser/`). Here, beside the engine's other tests,
//! so that the native test step need not build the app, which holds no native test.

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::path::Path;

#[test]
fn native_summary_matches_the_golden_file() {
    // GOLDEN_PATH is relative to the workspace's root, where the browser test reads it too.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(common::GOLDEN_PATH);
    let actual = common::reference_summary_json();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).expect("write the golden file");
        eprintln!("updated {}", path.display());
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "the summary of the reference run differs from {} — if the engine changed on purpose, \
         run `UPDATE_GOLDEN=1 cargo test -p parcours-engine-tests --test golden` and commit the file",
        common::GOLDEN_PATH
    );
}

#[test]
fn scenario_survives_its_json_text() {
    // The worker receives the scenario as JSON text: it must simulate exactly the same thing.
    assert_eq!(
        common::reference_summary_json_via_text(),
        common::reference_summary_json()
    );
}
