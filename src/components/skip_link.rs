//! « Aller aux résultats »: the page's first tab stop, shown when focused, moving the focus to
//! the results. A click handler, not a bare `#results` link: the fragment is the scenario's
//! link (`#v=2&s=…`) and must not change.

use parcours_core::i18n::{t, Lang, Msg};
use yew::prelude::*;

/// Id of the element the skip link focuses.
pub const RESULTS_ID: &str = "results-summary";

#[derive(Properties, PartialEq)]
pub struct SkipLinkProps {
    pub lang: Lang,
}

#[function_component(SkipLink)]
pub fn skip_link(props: &SkipLinkProps) -> Html {
    let onclick = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(target) = gloo_utils::document()
            .get_element_by_id(RESULTS_ID)
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            // Scrolled into view by the focus itself.
            let _ = target.focus();
        }
    });
    html! {
        <a class="skip-link" id="skip-link" href={format!("#{RESULTS_ID}")} {onclick}>
            { t(props.lang, Msg::SkipToResults) }</a>
    }
}
