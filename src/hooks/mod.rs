//! The page's effects, each in a small named hook: the runs (`runs.rs`), the address kept equal
//! to the state's link (`address.rs`), the map's small runs (`map.rs`), « Où agir ? » (`marginal.rs`), « Que faut-il pour… ? » and « Avec ce budget ? »
//! (`decide.rs`),
//! the shipped files a choice waits for, and `<html lang>`.

mod address;
mod decide;
mod map;
mod marginal;
mod runs;

pub use address::{use_address, Address};
pub use decide::{use_decide, Decide, DECIDE_REPLICATIONS};
pub use map::use_map;
pub use marginal::{use_marginal, Marginal, MarginalState};
pub use runs::{use_runs, Runs};

use parcours_core::i18n::Lang;
use parcours_core::state::Action;
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
