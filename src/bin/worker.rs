//! The simulation worker's entry point (the `data-type="worker"` link of index.html). Trunk names
//! its output `parcours-worker.js` / `parcours-worker_bg.wasm`, without a hash.

fn main() {
    parcours::worker::start();
}
