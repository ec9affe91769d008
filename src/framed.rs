//! The full app refuses to run inside another site's frame (clickjacking: a page could overlay
//! it and steer a planner's clicks). A `<meta>` Content-Security-Policy cannot carry
//! `frame-ancestors`, so hosts are asked to send it as a header (README, « Sécurité /
//! Security »), and the app checks for itself: framed without `?embed=`, it shows only a link
//! that opens it in its own tab, and starts nothing. The embed mode is made to be framed.

use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::present::query::parse_query;
use yew::prelude::*;

use crate::web::address::{initial_lang, query_pairs};

/// The page is in a frame and not in its embed mode.
pub fn refused() -> bool {
    let window = gloo_utils::window();
    let framed = match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        // The top window cannot even be read: framed.
        _ => true,
    };
    framed && parse_query(&query_pairs()).embed.is_none()
}

/// What a framed full app shows instead of itself.
#[function_component(Framed)]
pub fn framed() -> Html {
    let lang: Lang = initial_lang();
    let href = gloo_utils::window().location().href().unwrap_or_default();
    html! {
        <main class="framed" id="framed-refused">
            <p>{ t(lang, Msg::FramedRefused) }</p>
            <p><a href={href} target="_blank" rel="noopener noreferrer">{ t(lang, Msg::OpenInOwnTab) }</a></p>
        </main>
    }
}
