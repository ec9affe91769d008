//! The decision questions' long computations that are not simulations of a scenario, in a Web
//! Worker of their own: the budget optimiser's search (`optimise::search_in_thread`,
//! `ToWorker::Optimise`, which tells its progress on the simulation as it goes) and target
//! seeking's first fluid guesses (`ToWorker::Guess`) and « Où agir ? »'s first, fluid ranking
//! (`ToWorker::FluidRank`). It is a binary of its own (`worker/search.rs`, loaded only
//! when a question is asked; the one protocol of the simulation worker), started for one
//! computation and terminated when it answers, when a new analysis starts or on Cancel (the computation does not turn the
//! worker's event loop, so a stop could not be read: it is cut).

use js_sys::Uint8Array;
use parcours_core::runs::protocol::{decode, FromWorker, ToWorker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::runner::{post, worker_loader_url, worker_url, SEARCH_SCRIPT};

/// One computation in its worker. Dropping it terminates the worker.
pub struct SearchWorker {
    worker: Worker,
    _listeners: [Closure<dyn FnMut(web_sys::Event)>; 2],
}

impl SearchWorker {
    /// Starts the worker and, once it is ready, the computation `message`; `on_answer` gets what
    /// it says: the search's progress (`FromWorker::Searching`), then its answer
    /// (`FromWorker::Optimised`, `FromWorker::Guessed`, `FromWorker::FluidRanked`) or why the worker could not give one.
    pub fn start(
        message: ToWorker,
        on_answer: impl Fn(Result<FromWorker, String>) + 'static,
    ) -> Result<SearchWorker, String> {
        let worker = Worker::new(&worker_loader_url(&worker_url(SEARCH_SCRIPT))?)
            .map_err(|e| format!("{e:?}"))?;
        let on_answer = std::rc::Rc::new(on_answer);
        let on_message = {
            let (worker, on_answer) = (worker.clone(), on_answer.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let data = e.unchecked_into::<MessageEvent>().data();
                let Ok(array) = data.clone().dyn_into::<Uint8Array>() else {
                    let text = js_sys::Reflect::get(&data, &"parcoursLoadError".into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_else(|| "unreadable message".into());
                    return on_answer(Err(text));
                };
                match decode::<FromWorker>(&array.to_vec()) {
                    Ok(FromWorker::Ready) => post(&worker, &message),
                    Ok(FromWorker::Ack { .. }) => {}
                    Ok(FromWorker::Panicked { message }) => on_answer(Err(message)),
                    Ok(answer) => on_answer(Ok(answer)),
                    Err(e) => on_answer(Err(e.to_string())),
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
            on_answer(Err(text));
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
