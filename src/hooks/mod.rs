//! The page's effects, each in a small named hook: the runs (`runs.rs`), the address kept equal
//! to the state's link (`address.rs`), the map's small runs (`map.rs`), « Où agir ? » (`marginal.rs`), « Que faut-il pour… ? » and « Avec ce budget ? »
//! (`decide.rs`),
//! the shipped files a choice waits for, `<html lang>`, and whether an element has come into view.

mod address;
mod decide;
mod map;
mod marginal;
mod runs;

pub use address::{use_address, Address};
pub use decide::{use_decide, Decide, DecideState, DECIDE_REPLICATIONS};
pub use map::{use_map, Map};
pub use marginal::{use_marginal, Marginal, MarginalState};
pub use runs::{use_runs, Runs};

use parcours_core::i18n::Lang;
use parcours_core::state::Action;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// Fetches the shipped files a choice waits for (`AppState::missing`) and dispatches each as
/// `Action::Loaded`.
#[hook]
pub fn use_catalog_files<R>(missing: &[String], dispatcher: UseReducerDispatcher<R>)
where
    R: Reducible<Action = Action> + 'static,
{
    use_effect_with(missing.to_vec(), move |missing| {
        for path in missing {
            let (dispatcher, file) = (dispatcher.clone(), path.clone());
            crate::web::catalog::file(path, move |fetched| {
                dispatcher.dispatch(Action::Loaded(file, fetched))
            });
        }
    });
}

/// `<html lang>` follows the page's language (screen readers, hyphenation, the PWA's notice).
#[hook]
pub fn use_document_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(root) = gloo_utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
}

/// Whether the element of `node` has come within `margin` (a CSS length: « 300px ») of the
/// screen: false until then, true from then on. One `IntersectionObserver` watches it, the
/// margin applying to the window and to every scrolling box around the element (`rootMargin`,
/// `scrollMargin`; a browser without the latter sees it on a wide screen only when the results'
/// column scrolls it into view); disconnected once it has seen it, or when the component goes.
/// Never true while `node` is not rendered; true at once in a browser without the observer.
#[hook]
pub fn use_seen(node: &NodeRef, margin: &'static str) -> bool {
    let seen = use_state(|| false);
    let now = *seen;
    use_effect_with(node.clone(), move |node| {
        let element = node.cast::<web_sys::Element>();
        let on_entries = {
            let seen = seen.clone();
            Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
                move |entries: js_sys::Array, observer: IntersectionObserver| {
                    let inside = entries.iter().any(|e| {
                        e.unchecked_into::<IntersectionObserverEntry>()
                            .is_intersecting()
                    });
                    if inside {
                        observer.disconnect();
                        seen.set(true);
                    }
                },
            )
        };
        let observer = element.and_then(|element| {
            let options = IntersectionObserverInit::new();
            options.set_root_margin(margin);
            let _ = js_sys::Reflect::set(&options, &"scrollMargin".into(), &margin.into());
            match IntersectionObserver::new_with_options(
                on_entries.as_ref().unchecked_ref(),
                &options,
            ) {
                Ok(observer) => {
                    observer.observe(&element);
                    Some(observer)
                }
                Err(_) => {
                    seen.set(true);
                    None
                }
            }
        });
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(on_entries);
        }
    });
    now
}
