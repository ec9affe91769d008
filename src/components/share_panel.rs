//! The « Scénario » panel: copy the link, the library of named scenarios (localStorage), and the
//! scenario's JSON export / import. The logic lives in `share.rs` and `library.rs`; this is the
//! browser glue (clipboard, storage, files).

use std::rc::Rc;

use parcours_engine::{Scenario, ValidationError};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use parcours_core::editor::draft::import;
use parcours_core::i18n::Lang;
use parcours_core::library::{self, Listing, SaveError, Store, StoreError};
use parcours_core::link::{colon, quoted};

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub lang: Lang,
    /// The current state's link fragment (`v=2&s=…`, without `#`), computed when needed.
    pub link: Callback<(), String>,
    /// The scenario that runs (network with the levers applied), and the baseline.
    pub scenario: Rc<Scenario>,
    pub baseline: Rc<Scenario>,
    /// A valid imported scenario: it becomes the compared network.
    pub on_import: Callback<Scenario>,
    /// A library entry to open (its link fragment).
    pub on_open: Callback<String>,
}

/// The browser's localStorage as a [`Store`].
pub struct LocalStore(web_sys::Storage);

fn js_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| format!("{}: {}", e.name(), e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

impl LocalStore {
    pub fn open() -> Result<LocalStore, StoreError> {
        match gloo_utils::window().local_storage() {
            Ok(Some(storage)) => Ok(LocalStore(storage)),
            Ok(None) => Err(StoreError::Unavailable("localStorage".into())),
            Err(e) => Err(StoreError::Unavailable(js_error(e))),
        }
    }
}

impl Store for LocalStore {
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let n = self
            .0
            .length()
            .map_err(|e| StoreError::Unavailable(js_error(e)))?;
        Ok((0..n)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect())
    }
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0
            .get_item(key)
            .map_err(|e| StoreError::Unavailable(js_error(e)))
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(|e| {
            let text = js_error(e);
            if text.contains("Quota") {
                StoreError::Full(text)
            } else {
                StoreError::Unavailable(text)
            }
        })
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.0
            .remove_item(key)
            .map_err(|e| StoreError::Unavailable(js_error(e)))
    }
}

/// Offers `text` as a file to download.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let a: web_sys::HtmlElement = gloo_utils::document()
        .create_element("a")
        .map_err(js_error)?
        .unchecked_into();
    a.set_attribute("href", &url).map_err(js_error)?;
    a.set_attribute("download", filename).map_err(js_error)?;
    a.click();
    // Revoked later: the download reads the URL after this returns.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file name from a scenario's name: `parcours-haute-garonne-reference.json`.
pub fn file_name(name: &str) -> String {
    let mut out = String::from("parcours-");
    for c in name.to_lowercase().chars() {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !out.ends_with('-') {
            out.push(c);
        }
    }
    format!("{}.json", out.trim_end_matches('-'))
}

/// What the panel says after an action.
#[derive(Clone, PartialEq)]
enum Status {
    None,
    Copied,
    /// The clipboard refused: the link (whole address) is shown selected in a field instead.
    CopyFallback(String),
    Saved(String),
    Error(String),
    ImportErrors(String, Vec<ValidationError>),
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

#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let lang = props.lang;
    let status = use_state(|| Status::None);
    let listing = use_state(|| Err::<Listing, StoreError>(StoreError::Unavailable(String::new())));
    let name = use_state(String::new);
    let pending_replace = use_state(|| None::<String>);
    let renaming = use_state(|| None::<(String, String)>);
    let confirm_delete = use_state(|| None::<String>);
    let fallback_ref = use_node_ref();

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

    let copy = {
        let (link, status) = (props.link.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let link = link.emit(());
            let url = {
                let location = gloo_utils::window().location();
                format!(
                    "{}{}{}#{link}",
                    location.origin().unwrap_or_default(),
                    location.pathname().unwrap_or_default(),
                    location.search().unwrap_or_default()
                )
            };
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let clipboard =
                    js_sys::Reflect::get(&gloo_utils::window().navigator(), &"clipboard".into())
                        .ok()
                        .filter(|c| !c.is_undefined());
                let written = match clipboard {
                    Some(ref c) => {
                        let write = js_sys::Reflect::get(c, &"writeText".into())
                            .ok()
                            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                        match write.and_then(|f| f.call1(c, &url.clone().into()).ok()) {
                            Some(p) => {
                                wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(p))
                                    .await
                                    .is_ok()
                            }
                            None => false,
                        }
                    }
                    None => false,
                };
                status.set(if written {
                    Status::Copied
                } else {
                    Status::CopyFallback(url)
                });
            });
        })
    };
    // The fallback field is selected as soon as it shows.
    {
        let fallback_ref = fallback_ref.clone();
        use_effect_with((*status).clone(), move |s| {
            if matches!(s, Status::CopyFallback(_)) {
                if let Some(input) = fallback_ref.cast::<HtmlInputElement>() {
                    input.select();
                }
            }
        });
    }

    let save_as = {
        let (link, status, refresh, pending) = (
            props.link.clone(),
            status.clone(),
            refresh.clone(),
            pending_replace.clone(),
        );
        move |name: String, replace: bool| {
            let link = link.emit(());
            let result = LocalStore::open()
                .map_err(SaveError::Store)
                .and_then(|mut s| {
                    library::save(&mut s, &name, &link, &now_iso(), now_ms(), replace)
                });
            match result {
                Ok(_) => {
                    pending.set(None);
                    status.set(Status::Saved(name.trim().to_string()));
                }
                Err(SaveError::Taken(_)) => pending.set(Some(name)),
                Err(e) => status.set(Status::Error(e.message(lang))),
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

    let export = |scenario: Rc<Scenario>, suffix: &'static str| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let file = file_name(&format!("{} {suffix}", scenario.territory.name));
            if let Err(e) = download(&file, &scenario.to_json_pretty(), "application/json") {
                status.set(Status::Error(e));
            }
        })
    };
    let on_file = {
        let (status, on_import) = (status.clone(), props.on_import.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value(""); // the same file can be chosen again
            let (status, on_import) = (status.clone(), on_import.clone());
            let file_name = file.name();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                match text.map(|t| t.as_string().unwrap_or_default()) {
                    Ok(text) => match import(&text) {
                        Ok(scenario) => {
                            status.set(Status::None);
                            on_import.emit(scenario);
                        }
                        Err(errors) => status.set(Status::ImportErrors(file_name, errors)),
                    },
                    Err(e) => status.set(Status::Error(js_error(e))),
                }
            });
        })
    };

    let status_html = match &*status {
        Status::None => html! {},
        Status::Copied => html! { <p class="share-status ok" id="share-status" role="status">
        { lang.pick("Lien copié dans le presse-papiers.", "Link copied to the clipboard.") }</p> },
        Status::CopyFallback(url) => {
            html! { <div class="share-status" id="share-status" role="status">
                <label for="share-link-field">{ lang.pick(
                    "Copie automatique impossible : le lien est sélectionné ci-dessous, copiez-le (Ctrl+C).",
                    "Automatic copy not possible: the link is selected below, copy it (Ctrl+C).") }</label>
                <input id="share-link-field" type="text" readonly=true ref={fallback_ref.clone()}
                    value={url.clone()} />
            </div> }
        }
        Status::Saved(n) => html! { <p class="share-status ok" id="share-status" role="status">
        { format!("{} {}. {}", lang.pick("Enregistré dans la bibliothèque :", "Saved in the library:"), quoted(lang, n),
            lang.pick("Le scénario en cours n'a pas changé.", "The current scenario has not changed.")) }</p> },
        Status::Error(m) => {
            html! { <p class="share-status error" id="share-status" role="alert">{ m.clone() }</p> }
        }
        Status::ImportErrors(file, errors) => {
            html! { <div class="share-status error" id="share-status" role="alert">
                <p>{ format!("{} {}{} {}", lang.pick("Fichier non importé", "File not imported"), quoted(lang, file), colon(lang),
                    lang.pick("rien n'a été changé. Problèmes :", "nothing was changed. Problems:")) }</p>
                <ul>{ for errors.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ colon(lang) }{ " " }{ parcours_core::i18n::engine::validation_message(lang, e) }</li> }) }</ul>
            </div> }
        }
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
            <p>{ format!("{} {}. {}", lang.pick("Une entrée s'appelle déjà", "An entry is already called"), quoted(lang, &n),
                lang.pick("La remplacer ?", "Replace it?")) }</p>
            <button type="button" id="library-replace-yes" onclick={yes}>{ lang.pick("Remplacer", "Replace") }</button>
            <button type="button" class="secondary" onclick={no}>{ lang.pick("Annuler", "Cancel") }</button>
        </div> }
    });

    let act = {
        let (status, refresh) = (status.clone(), refresh.clone());
        move |result: Result<(), SaveError>| {
            if let Err(e) = result {
                status.set(Status::Error(e.message(lang)));
            }
            refresh.emit(lang);
        }
    };
    let library_html = match &*listing {
        Err(e) => html! { <p class="share-status error" role="alert">{ e.message(lang) }</p> },
        Ok(listing) => {
            let entries = listing.entries.iter().map(|e| {
                let key = e.key.clone();
                let open = {
                    let (on_open, link) = (props.on_open.clone(), e.link.clone());
                    Callback::from(move |_: MouseEvent| on_open.emit(link.clone()))
                };
                let duplicate = {
                    let (act, key) = (act.clone(), key.clone());
                    Callback::from(move |_: MouseEvent| {
                        act(LocalStore::open().map_err(SaveError::Store).and_then(|mut s| {
                            library::duplicate(&mut s, &key, &now_iso(), now_ms()).map(|_| ())
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
                let old = (e.version() != "2").then(|| html! {
                    <span class="library-old" title={lang.pick("Enregistré par une version précédente : converti à l'ouverture.",
                        "Saved by an earlier version: converted when opened.")}>{ format!("format {}", e.version()) }</span>
                });
                let body = match &*renaming {
                    Some((k, text)) if *k == key => {
                        let oninput = {
                            let (renaming, key) = (renaming.clone(), key.clone());
                            Callback::from(move |ev: InputEvent| renaming.set(Some((key.clone(),
                                ev.target_unchecked_into::<HtmlInputElement>().value()))))
                        };
                        let onsubmit = {
                            let (act, renaming, key, text) = (act.clone(), renaming.clone(), key.clone(), text.clone());
                            Callback::from(move |ev: SubmitEvent| {
                                ev.prevent_default();
                                act(LocalStore::open().map_err(SaveError::Store)
                                    .and_then(|mut s| library::rename(&mut s, &key, &text)));
                                renaming.set(None);
                            })
                        };
                        html! { <form class="library-rename" {onsubmit}>
                            <input type="text" aria-label={lang.pick("Nouveau nom", "New name")} value={text.clone()} {oninput} />
                            <button type="submit">{ "OK" }</button>
                        </form> }
                    }
                    _ => html! { <>
                        <button type="button" class="library-open link-button" onclick={open}
                            title={lang.pick("Ouvrir (le scénario affiché reste accessible par « Précédent » du navigateur)",
                                "Open (the scenario shown stays reachable with the browser's Back)")}>{ e.name.clone() }</button>
                        <span class="library-date">{ short_date(&e.saved) }</span>
                        { for old }
                    </> },
                };
                let confirm_html = (confirm_delete.as_deref() == Some(key.as_str())).then(|| {
                    let yes = {
                        let (act, confirm, key) = (act.clone(), confirm_delete.clone(), key.clone());
                        Callback::from(move |_: MouseEvent| {
                            act(LocalStore::open().and_then(|mut s| library::delete(&mut s, &key)).map_err(SaveError::Store));
                            confirm.set(None);
                        })
                    };
                    let no = {
                        let confirm = confirm_delete.clone();
                        Callback::from(move |_: MouseEvent| confirm.set(None))
                    };
                    html! { <span class="library-confirm">{ lang.pick("Supprimer ?", "Delete?") }
                        <button type="button" class="link-button" onclick={yes}>{ lang.pick("Oui", "Yes") }</button>
                        <button type="button" class="link-button" onclick={no}>{ lang.pick("Non", "No") }</button></span> }
                });
                html! {
                    <li class="library-entry" data-name={e.name.clone()}>
                        <div class="library-main">{ body }</div>
                        <div class="library-actions">
                            <button type="button" class="link-button" onclick={start_rename}>{ lang.pick("Renommer", "Rename") }</button>
                            <button type="button" class="link-button" onclick={duplicate}>{ lang.pick("Dupliquer", "Duplicate") }</button>
                            if let Some(c) = confirm_html { { c } } else {
                                <button type="button" class="link-button" onclick={ask_delete}>{ lang.pick("Supprimer", "Delete") }</button>
                            }
                        </div>
                    </li>
                }
            });
            let unreadable = listing.unreadable.iter().map(|u| {
                let export_raw = {
                    let (status, u) = (status.clone(), u.clone());
                    Callback::from(move |_: MouseEvent| {
                        let file = format!("{}.txt", u.key.replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "-"));
                        if let Err(e) = download(&file, &u.raw, "text/plain") {
                            status.set(Status::Error(e));
                        }
                    })
                };
                let remove = {
                    let (act, key) = (act.clone(), u.key.clone());
                    Callback::from(move |_: MouseEvent| {
                        act(LocalStore::open().and_then(|mut s| library::delete(&mut s, &key)).map_err(SaveError::Store))
                    })
                };
                html! {
                    <li class="library-entry unreadable" data-key={u.key.clone()}>
                        <p><strong>{ lang.pick("Entrée illisible : ", "Unreadable entry: ") }</strong>{ u.reason.clone() }
                            <code class="library-key">{ u.key.clone() }</code></p>
                        <div class="library-actions">
                            <button type="button" class="link-button library-export-raw" onclick={export_raw}>
                                { lang.pick("Exporter son texte", "Export its text") }</button>
                            <button type="button" class="link-button" onclick={remove}>{ lang.pick("Supprimer", "Delete") }</button>
                        </div>
                    </li>
                }
            });
            html! { <>
                if listing.entries.is_empty() && listing.unreadable.is_empty() {
                    <p class="help">{ lang.pick("Aucun scénario enregistré dans ce navigateur.", "No scenario saved in this browser.") }</p>
                }
                <ul class="library-list" id="library-list">{ for entries }{ for unreadable }</ul>
            </> }
        }
    };
    let count = (*listing)
        .as_ref()
        .map_or(0, |l| l.entries.len() + l.unreadable.len());

    html! {
        <section class="share-panel" aria-labelledby="share-title">
            <h2 id="share-title">{ lang.pick("Scénario", "Scenario") }</h2>
            <div class="share-buttons">
                <button type="button" id="copy-link" onclick={copy}>{ lang.pick("Copier le lien", "Copy link") }</button>
                <button type="button" id="export-scenario" class="secondary" onclick={export(props.scenario.clone(), "scenario")}
                    title={lang.pick("Le scénario qui tourne (réseau et leviers), au format du moteur : utilisable par « parcours run ».",
                        "The scenario that runs (network and levers), in the engine's format: usable by “parcours run”.")}>
                    { lang.pick("Exporter le scénario (JSON)", "Export the scenario (JSON)") }</button>
                <input type="file" id="import-scenario" class="visually-hidden" accept=".json,application/json" onchange={on_file} />
                <label class="button secondary" for="import-scenario">{ lang.pick("Importer un scénario (JSON)", "Import a scenario (JSON)") }</label>
                <button type="button" id="export-baseline" class="link-button" onclick={export(props.baseline.clone(), "reference")}>
                    { lang.pick("Exporter la référence (JSON)", "Export the baseline (JSON)") }</button>
            </div>
            { status_html }
            <details class="library" id="library">
                <summary>{ format!("{} ({count})", lang.pick("Bibliothèque", "Library")) }</summary>
                <form class="library-save" onsubmit={on_save}>
                    <label for="library-name">{ lang.pick("Nom", "Name") }</label>
                    <input type="text" id="library-name" value={(*name).clone()} oninput={on_name}
                        placeholder={lang.pick("ex. : +150 places de CHRS", "e.g. +150 CHRS places")} />
                    <button type="submit" id="library-save">{ lang.pick("Enregistrer", "Save") }</button>
                </form>
                { for replace_html }
                <p class="help">{ lang.pick(
                    "Enregistré dans ce navigateur seulement. Ouvrir une entrée remplace le scénario affiché, qui reste accessible par « Précédent ».",
                    "Saved in this browser only. Opening an entry replaces the scenario shown, which stays reachable with Back.") }</p>
                { library_html }
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            file_name("Haute-Garonne — référence"),
            "parcours-haute-garonne-reference.json"
        );
    }

    /// What « Exporter le scénario » writes is the scenario that runs, and the engine (hence
    /// `parcours validate` / `run`) reads it back as exactly that scenario.
    #[test]
    fn the_exported_scenario_validates_and_is_the_running_one() {
        use parcours_core::levers::{apply, LeverId, Settings};
        let baseline = parcours_engine::default_scenario();
        let mut settings = Settings::default();
        settings
            .values
            .insert(LeverId::Places("chrs".into()), 600.0);
        let running = apply(&baseline, &settings);
        let text = running.to_json_pretty();
        let back = Scenario::from_json(&text).unwrap();
        assert!(parcours_engine::Model::new(&back).is_ok());
        assert_eq!(back, running);
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            serde_json::to_string(&running).unwrap()
        );
        assert_eq!(import(&text), Ok(running));
        let errors = import("{\"format_version\": 1}").unwrap_err();
        assert_eq!(errors[0].path, "$");
        assert!(
            errors[0].message.contains("line 1"),
            "{}",
            errors[0].message
        );
    }
}
