//! Browser tests (wasm-bindgen-test in headless Chromium), one test binary for the whole app:
//! one link, one wasm-bindgen pass and one browser session instead of one per file.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p parcours`
//! (scripts/test.sh does it); one module: add `-- components::` (a test-name filter).
//! Natively this binary is empty.
#![cfg(target_arch = "wasm32")]

#[path = "../common/mod.rs"]
mod common;

mod components;
mod engine_and_app;
mod exports;
mod library;
mod workshop;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The golden summary of the reference run (tests/common/mod.rs says why it is committed).
const GOLDEN_SUMMARY: &str = include_str!("../golden/default-seed42-replications0-4.summary.json");

/// The golden summary, parsed: realistic figures for the components.
fn reference_summary() -> parcours_engine::Summary {
    serde_json::from_str(GOLDEN_SUMMARY).expect("golden summary parses")
}

/// Waits until `done()` holds, for at most 5 s of the page's clock. The tests of a module share
/// one page: timers there are coarse (a 10 ms sleep can last 200 ms) and their order against
/// Yew's effects is not fixed, so a change is awaited, not assumed after a fixed sleep.
async fn until(what: &str, done: impl Fn() -> bool) {
    let clock = gloo_utils::window().performance().expect("performance");
    let start = clock.now();
    while !done() {
        assert!(
            clock.now() - start < 5000.0,
            "still waiting after 5 s: {what}"
        );
        yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}
