//! The page's effects, each in a small named hook: the runs (`runs.rs`), the address kept equal
//! to the state's link (`address.rs`), the map's small runs (`map.rs`), « Où agir ? » (`marginal.rs`), and `<html lang>`.

mod address;
mod map;
mod marginal;
mod runs;

pub use address::{use_address, Address};
pub use map::use_map;
pub use marginal::{use_marginal, Marginal, MARGINAL_REPLICATIONS};
pub use runs::{use_runs, Runs};

use parcours_core::i18n::Lang;
use yew::prelude::*;

/// `<html lang>` follows the page's language (screen readers, hyphenation, the PWA's notice).
#[hook]
pub fn use_document_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(root) = gloo_utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
}
