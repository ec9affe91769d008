//! The page's address: its query (`?lang=`, `?mode=`, `?embed=`), kept as it is, and its
//! fragment, which holds the state's link (`#v=2&s=…`).

use wasm_bindgen::{JsCast, JsValue};

use parcours_core::i18n::Lang;

/// The query string's pairs, decoded.
pub fn query_pairs() -> Vec<(String, String)> {
    let search = gloo_utils::window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| js_sys::try_iter(&p).ok().flatten())
        .map(|it| {
            it.filter_map(|entry| {
                let entry: js_sys::Array = entry.ok()?.dyn_into().ok()?;
                Some((entry.get(0).as_string()?, entry.get(1).as_string()?))
            })
            .collect()
        })
        .unwrap_or_default()
}

/// Language from `?lang=en` in the address, else French.
pub fn initial_lang() -> Lang {
    query_pairs()
        .into_iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, code)| Lang::from_code(&code))
        .unwrap_or_default()
}

/// The address's fragment (`#…`), or "".
pub fn hash() -> String {
    gloo_utils::window().location().hash().unwrap_or_default()
}

/// Writes `#fragment` into the address, keeping its path and query: in place, or as a new
/// history entry. Neither fires a `hashchange`.
pub fn set_hash(fragment: &str, new_entry: bool) {
    let location = gloo_utils::window().location();
    let url = format!(
        "{}{}#{fragment}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    set_url(&url, new_entry);
}

fn set_url(url: &str, new_entry: bool) {
    if let Ok(history) = gloo_utils::window().history() {
        let null = JsValue::NULL;
        let _ = if new_entry {
            history.push_state_with_url(&null, "", Some(url))
        } else {
            history.replace_state_with_url(&null, "", Some(url))
        };
    }
}

/// The page's address without query and fragment: `https://host/sub/path/`.
pub fn page_base() -> String {
    let location = gloo_utils::window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// The page's whole address with `fragment` as its fragment: the link to copy.
pub fn page_url_with(fragment: &str) -> String {
    let search = gloo_utils::window().location().search().unwrap_or_default();
    format!("{}{search}#{fragment}", page_base())
}

/// Removes `mode=atelier` from the address (keeping the rest and the fragment), so a reload after
/// leaving the workshop shows the normal page.
pub fn forget_mode() {
    let location = gloo_utils::window().location();
    let search = location.search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    if params.get("mode").is_none() {
        return;
    }
    params.delete("mode");
    let query = String::from(params.to_string());
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        },
        location.hash().unwrap_or_default()
    );
    set_url(&url, false);
}
