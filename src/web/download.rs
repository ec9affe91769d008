//! Downloads: a file offered through a Blob, an object URL and a temporary `<a download>`.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Saves `blob` as a file named `name`.
pub fn download_blob(blob: &Blob, name: &str) -> Result<(), JsValue> {
    let document = gloo_utils::document();
    let url = Url::create_object_url_with_blob(blob)?;
    let a: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document.body().ok_or("no <body>")?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    // Revoked a little later: some browsers read the URL after `click` returns.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Saves `text` (UTF-8) as a file named `name`, of type `mime`.
pub fn download_text(name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    download_blob(&blob, name)
}
