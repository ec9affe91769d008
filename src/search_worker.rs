//! The budget optimiser's search (`optimise::search_in_thread`) in a Web Worker of its own: the
//! simulation worker's binary asked with `ToWorker::Optimise` (the one protocol), started for
//! one search and terminated when it answers, when a new analysis starts or on Cancel (the
//! search does not turn the worker's event loop, so a stop could not be read: it is cut).

use js_sys::Uint8Array;
use parcours_core::optimise::{Found, SearchProgress};
use parcours_core::runs::protocol::{decode, FromWorker, ToWorker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::runner::{post, worker_loader_url, worker_url};

/// One search in its worker. Dropping it terminates the worker.
pub struct SearchWorker {
    worker: Worker,
    _listeners: [Closure<dyn FnMut(web_sys::Event)>; 2],
}

impl SearchWorker {
    /// Starts the worker and, once it is ready, the search `message`; `on_progress` gets how far
    /// a search on the simulation has gone, `on_found` its answer (or why the worker could not
    /// give one) once.
    pub fn start(
        message: ToWorker,
        on_progress: impl Fn(SearchProgress) + 'static,
        on_found: impl Fn(Result<Found, String>) + 'static,
    ) -> Result<SearchWorker, String> {
        let worker =
            Worker::new(&worker_loader_url(&worker_url())?).map_err(|e| format!("{e:?}"))?;
        let on_found = std::rc::Rc::new(on_found);
        let on_message = {
            let (worker, on_found) = (worker.clone(), on_found.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let data = e.unchecked_into::<MessageEvent>().data();
                let Ok(array) = data.clone().dyn_into::<Uint8Array>() else {
                    let text = js_sys::Reflect::get(&data, &"parcoursLoadError".into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_else(|| "unreadable message".into());
                    return on_found(Err(text));
                };
                match decode::<FromWorker>(&array.to_vec()) {
                    Ok(FromWorker::Ready) => post(&worker, &message),
                    Ok(FromWorker::Optimised { found, .. }) => on_found(found),
                    Ok(FromWorker::Searching { progress, .. }) => on_progress(progress),
                    Ok(FromWorker::Panicked { message }) => on_found(Err(message)),
                    Ok(_) => {}
                    Err(e) => on_found(Err(e.to_string())),
                }
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let text = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| e.type_());
            on_found(Err(text));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(SearchWorker {
            worker,
            _listeners: [on_message, on_error],
        })
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
