//! The « Scénario » panel: copy the link, the scenario's JSON export / import, and the library
//! of named scenarios (`library.rs`). The logic is `parcours_core::link` and `library`; this is
//! the browser glue (clipboard, storage, files).

mod library;

use std::rc::Rc;

use parcours_core::editor::draft::import;
use parcours_core::i18n::engine::validation_message;
use parcours_core::i18n::{colon, t, Lang, Msg};
use parcours_core::result_tables::file_name;
use parcours_core::state::Same;
use parcours_engine::{Scenario, ValidationError};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::address::page_url_with;
use crate::web::download::download_text;
use crate::web::{clipboard, js_error};
use library::Library;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub lang: Lang,
    /// The current state's link fragment (`v=2&s=…`, without `#`), computed when needed.
    pub link: Callback<(), String>,
    /// The scenario that runs (network with the levers applied), and the baseline.
    pub scenario: Same<Scenario>,
    pub baseline: Same<Scenario>,
    /// A valid imported scenario: it becomes the compared network.
    pub on_import: Callback<Scenario>,
    /// A library entry to open (its link fragment).
    pub on_open: Callback<String>,
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

#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let lang = props.lang;
    let status = use_state(|| Status::None);
    let fallback_ref = use_node_ref();
    let set_status = {
        let status = status.clone();
        Callback::from(move |s: Status| status.set(s))
    };

    let copy = {
        let (link, status) = (props.link.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let url = page_url_with(&link.emit(()));
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let written = clipboard::write_text(&url).await;
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
    let export = |scenario: Rc<Scenario>, what: &'static str| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let file = file_name(&scenario.territory.name, what, "json");
            let text = scenario.to_json_pretty();
            if let Err(e) = download_text(&file, &text, "application/json") {
                status.set(Status::Error(js_error(e)));
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
        Status::Copied => html! {
            <p class="share-status ok" id="share-status" role="status">{ t(lang, Msg::LinkCopied) }</p>
        },
        Status::CopyFallback(url) => html! {
            <div class="share-status" id="share-status" role="status">
                <label for="share-link-field">{ t(lang, Msg::CopyFallback) }</label>
                <input id="share-link-field" type="text" readonly=true ref={fallback_ref.clone()}
                    value={url.clone()} />
            </div>
        },
        Status::Saved(name) => html! {
            <p class="share-status ok" id="share-status" role="status">
                { t(lang, Msg::SavedInLibrary { name }) }</p>
        },
        Status::Error(m) => {
            html! { <p class="share-status error" id="share-status" role="alert">{ m.clone() }</p> }
        }
        Status::ImportErrors(file, errors) => html! {
            <div class="share-status error" id="share-status" role="alert">
                <p>{ t(lang, Msg::FileNotImported { file }) }</p>
                <ul>{ for errors.iter().map(|e| html! {
                    <li><code>{ e.path.clone() }</code>{ colon(lang) }{ " " }{ validation_message(lang, e) }</li>
                }) }</ul>
            </div>
        },
    };

    html! {
        <section class="share-panel" aria-labelledby="share-title">
            <h2 id="share-title">{ t(lang, Msg::Scenario) }</h2>
            <div class="share-buttons">
                <button type="button" id="copy-link" onclick={copy}>{ t(lang, Msg::CopyLink) }</button>
                <button type="button" id="export-scenario" class="secondary" onclick={export(props.scenario.0.clone(), "scenario")}
                    title={t(lang, Msg::ExportScenarioTitle)}>
                    { t(lang, Msg::ExportScenario) }</button>
                <input type="file" id="import-scenario" class="visually-hidden" accept=".json,application/json" onchange={on_file} />
                <label class="button secondary" for="import-scenario">{ t(lang, Msg::ImportScenario) }</label>
                <button type="button" id="export-baseline" class="link-button" onclick={export(props.baseline.0.clone(), "reference")}>
                    { t(lang, Msg::ExportBaseline) }</button>
            </div>
            { status_html }
            <Library {lang} link={props.link.clone()} on_open={props.on_open.clone()} on_status={set_status} />
        </section>
    }
}
