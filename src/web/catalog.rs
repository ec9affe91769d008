//! The catalogue fetched (`dist/scenarios/`, copied there by Trunk from `assets/scenarios/`):
//! `index.json`, then each shipped file when something shows it. A file is fetched once per page
//! (kept here, parsed), and cached by the browser and the offline service worker (`assets/sw.js`).
//! Parsing and what a choice needs are `parcours_core::catalog` and `parcours_core::state`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use parcours_core::catalog::{self, Index};
use parcours_engine::Scenario;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What becomes of a fetched file: the scenario, or why not (an HTTP status, the network's
/// error, or why it does not read).
pub type Fetched = Result<Rc<Scenario>, String>;
type Waiter = Box<dyn FnOnce(Fetched)>;

enum Entry {
    /// Being fetched: who waits for it.
    Loading(Vec<Waiter>),
    Done(Rc<Scenario>),
}

thread_local! {
    static FILES: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
}

/// The text at `url` (relative to the page), or why not: the HTTP status, or the network error
/// (offline and not cached).
async fn fetch_text(url: &str) -> Result<String, String> {
    let reason = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| format!("{e:?}"))
    };
    let response: web_sys::Response = JsFuture::from(gloo_utils::window().fetch_with_str(url))
        .await
        .map_err(reason)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(reason)?)
        .await
        .map_err(reason)?;
    Ok(text.as_string().unwrap_or_default())
}

/// The catalogue's list (`scenarios/index.json`), or why not.
pub async fn index() -> Result<Index, String> {
    let text = fetch_text(&format!("{}/{}", catalog::DIR, catalog::INDEX_FILE)).await?;
    Index::from_json(&text)
}

/// Calls `done` with the shipped file `path` (in `assets/scenarios/`): at once if it was fetched
/// before, else once fetched (one request however many ask meanwhile). A failure is not kept, so
/// asking again tries again.
pub fn file(path: &str, done: impl FnOnce(Fetched) + 'static) {
    let fetch = FILES.with(|files| {
        let mut files = files.borrow_mut();
        match files.get_mut(path) {
            Some(Entry::Done(scenario)) => {
                let scenario = scenario.clone();
                drop(files);
                done(Ok(scenario));
                false
            }
            Some(Entry::Loading(waiters)) => {
                waiters.push(Box::new(done));
                false
            }
            None => {
                files.insert(path.to_string(), Entry::Loading(vec![Box::new(done)]));
                true
            }
        }
    });
    if !fetch {
        return;
    }
    let path = path.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        let fetched = fetch_text(&format!("{}/{path}", catalog::DIR))
            .await
            .and_then(|text| Scenario::from_json(&text))
            .map(Rc::new);
        let waiters = FILES.with(|files| {
            let mut files = files.borrow_mut();
            let entry = match &fetched {
                Ok(scenario) => files.insert(path.clone(), Entry::Done(scenario.clone())),
                Err(_) => files.remove(&path),
            };
            match entry {
                Some(Entry::Loading(waiters)) => waiters,
                _ => Vec::new(),
            }
        });
        for done in waiters {
            done(fetched.clone());
        }
    });
}

/// Calls `done` once every file of `paths` is fetched or failed, with each one's outcome.
pub fn files(paths: Vec<String>, done: impl FnOnce(Vec<(String, Fetched)>) + 'static) {
    let outcomes = Rc::new(RefCell::new(Vec::with_capacity(paths.len())));
    let done = Rc::new(RefCell::new(Some(done)));
    let total = paths.len();
    if total == 0 {
        if let Some(done) = done.borrow_mut().take() {
            done(Vec::new());
        }
        return;
    }
    for path in paths {
        let (outcomes, done) = (outcomes.clone(), done.clone());
        let name = path.clone();
        file(&path, move |fetched| {
            outcomes.borrow_mut().push((name, fetched));
            if outcomes.borrow().len() == total {
                if let Some(done) = done.borrow_mut().take() {
                    done(outcomes.take());
                }
            }
        });
    }
}
