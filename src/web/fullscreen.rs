//! Full screen, for the workshop. Browsers grant it only during a user gesture and may refuse:
//! the mode works without it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Calls a method of a DOM object by name and swallows a rejected promise (the Fullscreen API
/// refuses without a user gesture; the mode works without it).
fn call_quietly(target: &JsValue, method: &str) {
    let Ok(f) = js_sys::Reflect::get(target, &method.into()) else {
        return;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return;
    };
    match f.call0(target) {
        Ok(result) => {
            if let Some(promise) = result.dyn_ref::<js_sys::Promise>() {
                let quiet = Closure::<dyn FnMut(JsValue)>::once(|e: JsValue| {
                    web_sys::console::debug_2(&"Parcours: full screen refused:".into(), &e);
                });
                let _ = promise.catch(&quiet);
                quiet.forget(); // called at most once, by the promise
            }
        }
        Err(e) => web_sys::console::debug_2(&"Parcours: full screen refused:".into(), &e),
    }
}

/// Whether the document is shown full screen.
pub fn is_fullscreen() -> bool {
    js_sys::Reflect::get(&gloo_utils::document(), &"fullscreenElement".into())
        .map(|e| !e.is_null() && !e.is_undefined())
        .unwrap_or(false)
}

/// Asks for full screen (only works during a user gesture).
pub fn request_fullscreen() {
    if let Some(root) = gloo_utils::document().document_element() {
        if !is_fullscreen() {
            call_quietly(&root, "requestFullscreen");
        }
    }
}

/// Leaves full screen, if the page is.
pub fn exit_fullscreen() {
    if is_fullscreen() {
        call_quietly(&gloo_utils::document(), "exitFullscreen");
    }
}
