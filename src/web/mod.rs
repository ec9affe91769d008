//! The browser's services the page uses, each in one place: the address, downloads, the
//! clipboard, the library's storage, full screen, images of the charts, work after the next
//! paint. Thin wrappers over web-sys; what to do with them is decided in `parcours-core`.

pub mod address;
pub mod catalog;
pub mod clipboard;
pub mod download;
pub mod fullscreen;
pub mod paint;
pub mod panic;
pub mod png;
pub mod storage;

/// A JavaScript error as text: « SecurityError: … ».
pub fn js_error(e: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<js_sys::Error>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Logs an error of the page's own doing (an export that failed) to the console.
pub fn log_error(what: &str, error: wasm_bindgen::JsValue) {
    web_sys::console::error_2(&format!("{what}:").into(), &error);
}
