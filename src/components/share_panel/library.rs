//! The library of named scenarios, in the browser's storage: save (asking before replacing an
//! entry of the same name), open, rename, duplicate, delete; unreadable entries listed apart
//! with their text exportable. The logic is `parcours_core::library`.

use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::library::{self, Entry, Listing, SaveError, StoreError, Unreadable};
use parcours_core::link::LINK_VERSION;
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Status;
use crate::web::download::download_text;
use crate::web::js_error;
use crate::web::storage::LocalStore;

#[derive(Properties, PartialEq)]
pub(super) struct LibraryProps {
    pub lang: Lang,
    /// The current state's link fragment, computed when needed.
    pub link: Callback<(), String>,
    /// An entry to open (its link fragment).
    pub on_open: Callback<String>,
    /// What the panel says after an action.
    pub on_status: Callback<Status>,
}

fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// « 2026-12-02 11:41 » in local time, from the ISO date (UTC) an entry keeps.
fn short_date(iso: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(iso));
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Runs `change` on the browser's storage.
fn in_store<T>(
    change: impl FnOnce(&mut LocalStore) -> Result<T, SaveError>,
) -> Result<T, SaveError> {
    LocalStore::open()
        .map_err(SaveError::Store)
        .and_then(|mut s| change(&mut s))
}

#[function_component(Library)]
pub(super) fn library_view(props: &LibraryProps) -> Html {
    let lang = props.lang;
    let listing = use_state(|| Err::<Listing, StoreError>(StoreError::Unavailable(String::new())));
    let name = use_state(String::new);
    let pending_replace = use_state(|| None::<String>);
    let renaming = use_state(|| None::<(String, String)>);
    let confirm_delete = use_state(|| None::<String>);

    let refresh = {
        let listing = listing.clone();
        Callback::from(move |lang: Lang| {
            listing.set(LocalStore::open().and_then(|s| library::list(&s, lang)))
        })
    };
    {
        let refresh = refresh.clone();
        use_effect_with(lang, move |lang| refresh.emit(*lang));
    }
    // Another tab changed the library (the `storage` event fires in every other tab of the
    // site): the list follows. `key` is null when that tab cleared the whole storage.
    {
        let refresh = refresh.clone();
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            let listener =
                gloo_events::EventListener::new(&gloo_utils::window(), "storage", move |e| {
                    let key = js_sys::Reflect::get(e, &"key".into())
                        .ok()
                        .and_then(|k| k.as_string());
                    if key.is_none_or(|k| k.starts_with(library::PREFIX)) {
                        refresh.emit(lang);
                    }
                });
            move || drop(listener)
        });
    }
    // Reports an action's error, and lists the library again.
    let act = {
        let (on_status, refresh) = (props.on_status.clone(), refresh.clone());
        move |result: Result<(), SaveError>| {
            if let Err(e) = result {
                on_status.emit(Status::Error(e.message(lang)));
            }
            refresh.emit(lang);
        }
    };
    let save_as = {
        let (link, on_status, refresh, pending) = (
            props.link.clone(),
            props.on_status.clone(),
            refresh.clone(),
            pending_replace.clone(),
        );
        move |name: String, replace: bool| {
            let link = link.emit(());
            let saved = in_store(|s| library::save(s, &name, &link, &now_iso(), now_ms(), replace));
            match saved {
                Ok(_) => {
                    pending.set(None);
                    on_status.emit(Status::Saved(name.trim().to_string()));
                }
                Err(SaveError::Taken(_)) => pending.set(Some(name)),
                Err(e) => on_status.emit(Status::Error(e.message(lang))),
            }
            refresh.emit(lang);
        }
    };
    let on_save = {
        let (save_as, name) = (save_as.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save_as((*name).clone(), false);
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let replace_html = (*pending_replace).clone().map(|n| {
        let yes = {
            let (save_as, n) = (save_as.clone(), n.clone());
            Callback::from(move |_: MouseEvent| save_as(n.clone(), true))
        };
        let no = {
            let pending = pending_replace.clone();
            Callback::from(move |_: MouseEvent| pending.set(None))
        };
        html! { <div class="share-confirm" role="alert" id="library-replace">
            <p>{ t(lang, Msg::EntryExists { name: &n }) }</p>
            <button type="button" id="library-replace-yes" onclick={yes}>{ t(lang, Msg::Replace) }</button>
            <button type="button" class="secondary" onclick={no}>{ t(lang, Msg::Cancel) }</button>
        </div> }
    });

    let entry = |e: &Entry| {
        let key = e.key.clone();
        let open = {
            let (on_open, link) = (props.on_open.clone(), e.link.clone());
            Callback::from(move |_: MouseEvent| on_open.emit(link.clone()))
        };
        let duplicate = {
            let (act, key) = (act.clone(), key.clone());
            Callback::from(move |_: MouseEvent| {
                act(in_store(|s| {
                    library::duplicate(s, &key, &now_iso(), now_ms()).map(|_| ())
                }))
            })
        };
        let start_rename = {
            let (renaming, key, n) = (renaming.clone(), key.clone(), e.name.clone());
            Callback::from(move |_: MouseEvent| renaming.set(Some((key.clone(), n.clone()))))
        };
        let ask_delete = {
            let (confirm, key) = (confirm_delete.clone(), key.clone());
            Callback::from(move |_: MouseEvent| confirm.set(Some(key.clone())))
        };
        let old = (e.version() != LINK_VERSION.to_string()).then(|| {
            html! {
                <span class="library-old" title={t(lang, Msg::SavedByEarlierVersion)}>
                    { format!("format {}", e.version()) }</span>
            }
        });
        let body = match &*renaming {
            Some((k, text)) if *k == key => {
                let oninput = {
                    let (renaming, key) = (renaming.clone(), key.clone());
                    Callback::from(move |ev: InputEvent| {
                        let text = ev.target_unchecked_into::<HtmlInputElement>().value();
                        renaming.set(Some((key.clone(), text)))
                    })
                };
                let onsubmit = {
                    let (act, renaming, key, text) =
                        (act.clone(), renaming.clone(), key.clone(), text.clone());
                    Callback::from(move |ev: SubmitEvent| {
                        ev.prevent_default();
                        act(in_store(|s| library::rename(s, &key, &text)));
                        renaming.set(None);
                    })
                };
                html! { <form class="library-rename" {onsubmit}>
                    <input type="text" aria-label={t(lang, Msg::NewName)} value={text.clone()} {oninput} />
                    <button type="submit">{ "OK" }</button>
                </form> }
            }
            _ => html! { <>
                <button type="button" class="library-open link-button" onclick={open}
                    title={t(lang, Msg::OpenEntryTitle)}>{ e.name.clone() }</button>
                <span class="library-date">{ short_date(&e.saved) }</span>
                { for old }
            </> },
        };
        let confirm_html = (confirm_delete.as_deref() == Some(key.as_str())).then(|| {
            let yes = {
                let (act, confirm, key) = (act.clone(), confirm_delete.clone(), key.clone());
                Callback::from(move |_: MouseEvent| {
                    act(in_store(|s| library::delete(s, &key).map_err(SaveError::Store)));
                    confirm.set(None);
                })
            };
            let no = {
                let confirm = confirm_delete.clone();
                Callback::from(move |_: MouseEvent| confirm.set(None))
            };
            html! { <span class="library-confirm">{ t(lang, Msg::DeleteQuestion) }
                <button type="button" class="link-button" onclick={yes}>{ t(lang, Msg::YesButton) }</button>
                <button type="button" class="link-button" onclick={no}>{ t(lang, Msg::NoButton) }</button></span> }
        });
        html! {
            <li class="library-entry" data-name={e.name.clone()}>
                <div class="library-main">{ body }</div>
                <div class="library-actions">
                    <button type="button" class="link-button" onclick={start_rename}>{ t(lang, Msg::Rename) }</button>
                    <button type="button" class="link-button" onclick={duplicate}>{ t(lang, Msg::Duplicate) }</button>
                    if let Some(c) = confirm_html { { c } } else {
                        <button type="button" class="link-button" onclick={ask_delete}>{ t(lang, Msg::Delete) }</button>
                    }
                </div>
            </li>
        }
    };
    let unreadable = |u: &Unreadable| {
        let export_raw = {
            let (on_status, u) = (props.on_status.clone(), u.clone());
            Callback::from(move |_: MouseEvent| {
                let safe = |c: char| c.is_ascii_alphanumeric() || c == '.';
                let file = format!("{}.txt", u.key.replace(|c: char| !safe(c), "-"));
                if let Err(e) = download_text(&file, &u.raw, "text/plain") {
                    on_status.emit(Status::Error(js_error(e)));
                }
            })
        };
        let remove = {
            let (act, key) = (act.clone(), u.key.clone());
            Callback::from(move |_: MouseEvent| {
                act(in_store(|s| {
                    library::delete(s, &key).map_err(SaveError::Store)
                }))
            })
        };
        html! {
            <li class="library-entry unreadable" data-key={u.key.clone()}>
                <p><strong>{ t(lang, Msg::UnreadableEntry) }</strong>{ u.reason.clone() }
                    <code class="library-key">{ u.key.clone() }</code></p>
                <div class="library-actions">
                    <button type="button" class="link-button library-export-raw" onclick={export_raw}>
                        { t(lang, Msg::ExportItsText) }</button>
                    <button type="button" class="link-button" onclick={remove}>{ t(lang, Msg::Delete) }</button>
                </div>
            </li>
        }
    };
    let list_html = match &*listing {
        Err(e) => html! { <p class="share-status error" role="alert">{ e.message(lang) }</p> },
        Ok(listing) => html! { <>
            if listing.entries.is_empty() && listing.unreadable.is_empty() {
                <p class="help">{ t(lang, Msg::LibraryEmpty) }</p>
            }
            <ul class="library-list" id="library-list">
                { for listing.entries.iter().map(entry) }
                { for listing.unreadable.iter().map(unreadable) }
            </ul>
        </> },
    };
    let count = (*listing)
        .as_ref()
        .map_or(0, |l| l.entries.len() + l.unreadable.len());
    html! {
        <details class="library" id="library">
            <summary>{ t(lang, Msg::LibraryCount { count }) }</summary>
            // A panel under its summary (over the page in the toolbar: share.css).
            <div class="library-body">
            <form class="library-save" onsubmit={on_save}>
                <label for="library-name">{ t(lang, Msg::Name) }</label>
                <input type="text" id="library-name" value={(*name).clone()} oninput={on_name}
                    placeholder={t(lang, Msg::NamePlaceholder)} />
                <button type="submit" id="library-save">{ t(lang, Msg::Save) }</button>
            </form>
            { for replace_html }
            <p class="help">{ t(lang, Msg::LibraryHelp) }</p>
            { list_html }
            </div>
        </details>
    }
}
