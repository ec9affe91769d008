//! A worker of its own, outside the simulation pools: the search worker (`search_worker.rs`) and
//! the summary worker (`session.rs`). Messages posted before it is ready wait for its `Ready`;
//! what it answers (or why it cannot: a load error, a panic, an `error` event) goes to one
//! callback. Dropping it terminates the worker.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Uint8Array;
use parcours_core::runs::protocol::{decode, FromWorker, ToWorker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::runner::{post, worker_loader_url, worker_url};

/// One worker and its listeners.
pub struct LoneWorker {
    worker: Worker,
    /// Messages waiting for the worker's `Ready` (none once it is ready).
    waiting: Rc<RefCell<Option<Vec<ToWorker>>>>,
    _listeners: [Closure<dyn FnMut(web_sys::Event)>; 2],
}

impl LoneWorker {
    /// Starts the worker of `script` (`runner::WORKER_SCRIPT`, `runner::SEARCH_SCRIPT`);
    /// `on_answer` gets every message but `Ready` and `Ack`, or why the worker failed.
    pub fn start(
        script: &str,
        on_answer: impl Fn(Result<FromWorker, String>) + 'static,
    ) -> Result<LoneWorker, String> {
        let worker =
            Worker::new(&worker_loader_url(&worker_url(script))?).map_err(|e| format!("{e:?}"))?;
        let on_answer = Rc::new(on_answer);
        let waiting: Rc<RefCell<Option<Vec<ToWorker>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let on_message = {
            let (worker, waiting, on_answer) = (worker.clone(), waiting.clone(), on_answer.clone());
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
                    Ok(FromWorker::Ready) => {
                        for message in waiting.borrow_mut().take().unwrap_or_default() {
                            post(&worker, &message);
                        }
                    }
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
        Ok(LoneWorker {
            worker,
            waiting,
            _listeners: [on_message, on_error],
        })
    }

    /// Sends `message` now, or once the worker is ready.
    pub fn post(&self, message: ToWorker) {
        match self.waiting.borrow_mut().as_mut() {
            Some(waiting) => waiting.push(message),
            None => post(&self.worker, &message),
        }
    }
}

impl Drop for LoneWorker {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
    }
}
