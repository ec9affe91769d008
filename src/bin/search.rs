//! The search worker's entry point (a `data-type="worker"` link of index.html, `src/worker/search.rs`):
//! Trunk names its output `parcours-search.js` / `parcours-search_bg.wasm`, without a hash.

fn main() {
    parcours::worker::search::start();
}
