//! The page's panic net (issue 15). A panic in the page's WebAssembly aborts it: Yew's state may
//! be half-updated (a borrow held, a render cut short), so nothing in Rust can safely run after
//! it. The hook therefore only writes, with plain DOM calls, a notice at the top of the page
//! (styled as its other errors) that says what happened in the page's language, and a button
//! that reloads it: the address holds the state's link at every change (`address.rs`), so the
//! reloaded page opens the same scenario. The button calls `location.reload` itself (a bound
//! function: no Rust after the abort, no inline script for the Content-Security-Policy to
//! refuse).

use parcours_core::i18n::{t, Lang, Msg};
use wasm_bindgen::{JsCast, JsValue};

/// Installs the hook: a panic is logged and shown, then the page's WebAssembly aborts. Through
/// Yew, which otherwise replaces any hook with its own (a console line only) when it renders.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Parcours: {message}").into());
        // Best effort: a page without a document (or whose DOM refuses) keeps the console line.
        let _ = show(&message);
    }));
}

fn show(message: &str) -> Result<(), JsValue> {
    let document = gloo_utils::document();
    let lang = document
        .document_element()
        .and_then(|root| Lang::from_code(&root.get_attribute("lang")?))
        .unwrap_or_default();
    let notice = document.create_element("div")?;
    notice.set_id("page-panic");
    notice.set_class_name("error page-panic");
    notice.set_attribute("role", "alert")?;
    let text = document.create_element("p")?;
    text.set_text_content(Some(&t(lang, Msg::PagePanicked { message })));
    let button = document.create_element("button")?;
    button.set_id("page-panic-reload");
    button.set_attribute("type", "button")?;
    button.set_text_content(Some(&t(lang, Msg::ReloadPage)));
    let location = gloo_utils::window().location();
    let reload: js_sys::Function = js_sys::Reflect::get(&location, &"reload".into())?.dyn_into()?;
    button.add_event_listener_with_callback("click", &reload.bind0(&location))?;
    notice.append_child(&text)?;
    notice.append_child(&button)?;
    let body = document.body().ok_or("no body")?;
    body.insert_before(&notice, body.first_child().as_ref())?;
    Ok(())
}

/// Panics: the end-to-end tests of the panic nets (`tests/e2e/runtime.test.mjs`) call it, in the
/// page and in a simulation worker, since no known input panics any more. Nothing a user gives
/// the page can reach it: it is an export of the WebAssembly (the page's `window.wasmBindings`
/// set by Trunk's loader, the worker's `wasm_bindgen`), callable only by a script running in
/// that page or worker, and the Content-Security-Policy runs only the app's own scripts, which
/// never call it; links, imports, library entries and embed messages are data read into a state.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn panic_for_test() {
    panic!("a test of the panic net (panic_for_test)");
}
