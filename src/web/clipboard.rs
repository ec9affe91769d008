//! The clipboard: `navigator.clipboard.writeText`, which a browser may refuse (no permission, an
//! insecure page, no user gesture); the caller then shows the text selected for Ctrl+C.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard; `true` if the browser did.
pub async fn write_text(text: &str) -> bool {
    let clipboard = js_sys::Reflect::get(&gloo_utils::window().navigator(), &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let promise = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&clipboard, &JsValue::from_str(text)).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    match promise {
        Some(p) => match JsFuture::from(p).await {
            Ok(_) => true,
            Err(e) => {
                web_sys::console::debug_2(&"Parcours: clipboard refused:".into(), &e);
                false
            }
        },
        None => false,
    }
}
