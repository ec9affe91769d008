//! The page's side of a Monte Carlo run: a pool of simulation workers, each given a share of the
//! replication indices (`parcours_core::runs::share_replications`); what they send back is
//! merged by `session.rs` into one `Ensemble` per run.

use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use parcours_core::runs::{share_replications, RunId};

use crate::worker::{Request, Response, SimWorker};

/// File name of the worker's script, as Trunk writes it: the binary's name, never hashed.
pub const WORKER_SCRIPT: &str = "parcours-worker.js";

/// Absolute URL of the worker script, resolved against the page's base URL so the site works
/// from any sub-path (`https://host/some/dir/`), not only from the server root.
pub fn worker_url() -> String {
    let document = gloo_utils::document();
    let base = document
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| gloo_utils::window().location().href().unwrap_or_default());
    web_sys::Url::new_with_base(WORKER_SCRIPT, &base)
        .map(|url| url.href())
        .unwrap_or_else(|_| WORKER_SCRIPT.to_string())
}

/// A `blob:` URL of a tiny script that loads the worker: the worker's wasm-bindgen script
/// (`--target no-modules`, as Trunk builds workers), then its WebAssembly next to it.
///
/// gloo-worker's own `spawn` does the same but calls `wasm_bindgen(url)` the deprecated way (a
/// console warning per worker) and finds the wasm by replacing every ".js" in the whole URL.
pub fn worker_loader_url(script_url: &str) -> Result<String, String> {
    let base = script_url.strip_suffix(".js").unwrap_or(script_url);
    let wasm_url = format!("{base}_bg.wasm");
    let js = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    let source = format!(
        "importScripts({});wasm_bindgen({{module_or_path:{}}});",
        js(script_url),
        js(&wasm_url)
    );
    let parts = js_sys::Array::of1(&source.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("worker loader: {e:?}"))?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("worker loader: {e:?}"))
}

/// A pool of simulation workers. Dropping it terminates them.
pub struct WorkerPool {
    bridges: Vec<WorkerBridge<SimWorker>>,
    next_run: RunId,
    current: Option<RunId>,
}

impl WorkerPool {
    /// Starts `size` workers; every response of every worker goes to `on_response`.
    pub fn new(size: usize, on_response: Rc<dyn Fn(Response)>) -> Result<Self, String> {
        let loader = worker_loader_url(&worker_url())?;
        let bridges = (0..size.max(1))
            .map(|_| {
                let on_response = on_response.clone();
                SimWorker::spawner()
                    .callback(move |response| on_response(response))
                    .spawn_with_loader(&loader)
            })
            .collect();
        Ok(WorkerPool {
            bridges,
            next_run: 1,
            current: None,
        })
    }

    /// Starts a run of replications `0..total` (replacing the current one) and returns its id.
    pub fn start(&mut self, scenario_json: &str, seed: u64, total: u64) -> RunId {
        let run = self.next_run;
        self.next_run += 1;
        self.current = Some(run);
        let shares = share_replications(total, self.bridges.len());
        for (bridge, replications) in self.bridges.iter().zip(shares) {
            bridge.send(Request::Run {
                run,
                scenario_json: scenario_json.to_string(),
                seed,
                replications,
            });
        }
        run
    }

    /// Stops the current run in every worker.
    pub fn cancel(&mut self) {
        if let Some(run) = self.current.take() {
            for bridge in &self.bridges {
                bridge.send(Request::Cancel { run });
            }
        }
    }
}
