//! The page's side of a Monte Carlo run: a pool of simulation workers, each given a share of the
//! replication indices, and the merge of what they send back into one [`Ensemble`].
//!
//! Results do not depend on the pool size: a replication is identified by its index and computed
//! from (scenario, seed, index) alone, and the ensemble is keyed by index.

use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use parcours_engine::{Ensemble, Layout, Replication, Summary};

use crate::worker::{Request, Response, RunId, SimWorker};

/// File name of the worker's script, as Trunk writes it: the binary's name, never hashed.
pub const WORKER_SCRIPT: &str = "parcours-worker.js";

/// Most workers a pool starts, whatever the machine.
pub const MAX_WORKERS: usize = 8;

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

/// Workers to start: one per logical core but one (left to the page), yet two on a dual-core
/// machine (the page's share of the work is small), and one if the browser does not say.
pub fn pool_size() -> usize {
    let cores = gloo_utils::window().navigator().hardware_concurrency();
    pool_size_for(cores)
}

/// [`pool_size`] for a given `navigator.hardwareConcurrency`.
pub fn pool_size_for(cores: f64) -> usize {
    if !cores.is_finite() || cores < 2.0 {
        1
    } else {
        ((cores as usize) - 1).clamp(2, MAX_WORKERS)
    }
}

/// Splits `0..total` among `workers`: worker k gets k, k + n, k + 2n… so every worker contributes
/// early replications and the first bands come from a balanced sample.
pub fn share_replications(total: u64, workers: usize) -> Vec<Vec<u64>> {
    let workers = workers.max(1);
    let mut shares = vec![Vec::new(); workers];
    for index in 0..total {
        shares[(index % workers as u64) as usize].push(index);
    }
    shares
}

/// Progress of a run, merged from every worker's batches.
#[derive(Debug, Clone)]
pub struct RunProgress {
    pub run: RunId,
    pub total: usize,
    pub ensemble: Ensemble,
}

impl RunProgress {
    pub fn new(run: RunId, layout: Layout, seed: u64, total: usize) -> Self {
        RunProgress {
            run,
            total,
            ensemble: Ensemble::new(layout, seed),
        }
    }

    pub fn done(&self) -> usize {
        self.ensemble.len()
    }

    pub fn is_finished(&self) -> bool {
        self.done() >= self.total
    }

    pub fn add(&mut self, replications: Vec<Replication>) {
        for replication in replications {
            self.ensemble.add(replication);
        }
    }

    pub fn summary(&self) -> Option<Summary> {
        (self.done() > 0).then(|| self.ensemble.summary())
    }
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

    pub fn size(&self) -> usize {
        self.bridges.len()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_sizes() {
        assert_eq!(pool_size_for(f64::NAN), 1);
        assert_eq!(pool_size_for(0.0), 1);
        assert_eq!(pool_size_for(1.0), 1);
        assert_eq!(pool_size_for(2.0), 2);
        assert_eq!(pool_size_for(3.0), 2);
        assert_eq!(pool_size_for(4.0), 3);
        assert_eq!(pool_size_for(64.0), MAX_WORKERS);
    }

    #[test]
    fn shares_cover_every_index_once() {
        let shares = share_replications(10, 3);
        assert_eq!(shares[0], vec![0, 3, 6, 9]);
        assert_eq!(shares[1], vec![1, 4, 7]);
        assert_eq!(shares[2], vec![2, 5, 8]);
        let mut all: Vec<u64> = shares.concat();
        all.sort_unstable();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
        assert_eq!(share_replications(5, 0), vec![vec![0, 1, 2, 3, 4]]);
    }
}
