//! « Intégrer »: its button and the dialog that writes the `<iframe>` snippet of an embedded
//! view (view, language, levers, size, trusted origins), with the current page's address (any
//! sub-path) and scenario (the fragment). The snippet itself is
//! `parcours_core::present::snippet`.

use std::rc::Rc;

use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::levers::{Lever, LeverId};
use parcours_core::present::query::{parse_origin, select_levers, Problem, View};
use parcours_core::present::snippet::{embed_url, parse_size, snippet, EmbedChoice};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::modal::use_modal;
use crate::web::address::{hash, page_base};
use crate::web::clipboard;

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub lang: Lang,
    pub levers: Rc<Vec<Lever>>,
}

/// A frame's usual size for a view (width, height).
fn default_size(view: View) -> (u32, u32) {
    match view {
        // What each view needs at that width (screens.test.mjs opens each at its size).
        View::Diagram => (800, 720),
        View::Cards => (800, 660),
        View::Chart => (800, 540),
        View::Simulator => (960, 1500),
    }
}

#[function_component(EmbedDialog)]
pub fn embed_dialog(props: &EmbedDialogProps) -> Html {
    let lang = props.lang;
    // Its body is built while it is open, from the address at that time (the scenario's fragment).
    let modal = use_modal();
    let opener = use_node_ref();
    let area = use_node_ref();
    let view = use_state(|| View::Diagram);
    let frame_lang = use_state(|| None as Option<Lang>);
    let chosen = use_state(|| None as Option<Vec<LeverId>>);
    let width = use_state(|| default_size(View::Diagram).0.to_string());
    let height = use_state(|| default_size(View::Diagram).1.to_string());
    let trust = use_state(String::new);
    let copied = use_state(|| None as Option<bool>);

    let available: Vec<LeverId> = props.levers.iter().map(|l| l.id.clone()).collect();
    let levers = (*chosen)
        .clone()
        .unwrap_or_else(|| select_levers(None, &available).0);
    let frame_lang_value = frame_lang.unwrap_or(lang);
    let w = parse_size(lang, &width);
    let h = parse_size(lang, &height);
    let origins: Vec<(String, Option<String>)> = trust
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| (s.to_string(), parse_origin(s)))
        .collect();
    let mut errors = Vec::new();
    if w.is_none() {
        errors.push(t(lang, Msg::FrameWidthInvalid { text: &width }).into_owned());
    }
    if h.is_none() {
        errors.push(t(lang, Msg::FrameHeightInvalid { text: &height }).into_owned());
    }
    for (raw, parsed) in &origins {
        if parsed.is_none() {
            errors.push(Problem::BadOrigin(raw.clone()).text(lang));
        }
    }
    if *view == View::Simulator && levers.is_empty() {
        errors.push(t(lang, Msg::SimulatorNeedsLever).into_owned());
    }
    let choice = EmbedChoice {
        view: *view,
        lang: frame_lang_value,
        levers: levers.clone(),
        trust: origins.iter().filter_map(|(_, o)| o.clone()).collect(),
        width: w.unwrap_or(0),
        height: h.unwrap_or(0),
    };
    let url = embed_url(&page_base(), &choice, &hash());
    let title = format!(
        "Parcours — {}",
        t(frame_lang_value, choice.view.label()).to_lowercase()
    );
    let code = if errors.is_empty() {
        snippet(&url, &choice, &title)
    } else {
        String::new()
    };

    let open = {
        let (show, copied) = (modal.show.clone(), copied.clone());
        Callback::from(move |e: MouseEvent| {
            copied.set(None);
            show.emit(e);
        })
    };
    // Closed by its button or Escape: the focus goes back to the button that opened it.
    let on_close = {
        let (opener, closed) = (opener.clone(), modal.on_close.clone());
        Callback::from(move |e: Event| {
            closed.emit(e);
            if let Some(b) = opener.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    let on_view = {
        let (view, width, height, copied) =
            (view.clone(), width.clone(), height.clone(), copied.clone());
        move |v: View| {
            let (view, width, height, copied) =
                (view.clone(), width.clone(), height.clone(), copied.clone());
            Callback::from(move |_: Event| {
                view.set(v);
                let (w, h) = default_size(v);
                width.set(w.to_string());
                height.set(h.to_string());
                copied.set(None);
            })
        }
    };
    let on_lang = {
        let frame_lang = frame_lang.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            frame_lang.set(Lang::from_code(&v));
        })
    };
    let text_input = |state: &UseStateHandle<String>| {
        let (state, copied) = (state.clone(), copied.clone());
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value());
            copied.set(None);
        })
    };
    let on_lever = |id: LeverId| {
        let (chosen, levers, copied) = (chosen.clone(), levers.clone(), copied.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next: Vec<LeverId> = levers.iter().filter(|l| **l != id).cloned().collect();
            if on {
                next.push(id.clone());
            }
            chosen.set(Some(next));
            copied.set(None);
        })
    };
    // The Clipboard API, else the code stays selected for Ctrl+C.
    let on_copy = {
        let (code, area, copied) = (code.clone(), area.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                area.select();
            }
            let (code, copied) = (code.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(clipboard::write_text(&code).await));
            });
        })
    };

    html! {
        <>
        <button type="button" id="embed-open" class="secondary" ref={opener} onclick={open}
            aria-haspopup="dialog">{ t(lang, Msg::Embed) }</button>
        <dialog ref={modal.node.clone()} id="embed-dialog" class="embed-dialog" aria-labelledby="embed-dialog-title" onclose={on_close}>
            <h2 id="embed-dialog-title">{ t(lang, Msg::EmbedTitle) }</h2>
            if modal.open {
            <p class="help">{ t(lang, Msg::EmbedHelp) }</p>
            <fieldset class="embed-views">
                <legend>{ t(lang, Msg::View) }</legend>
                { for View::ALL.iter().map(|v| html! {
                    <label class="embed-choice">
                        <input type="radio" name="embed-view" id={format!("embed-view-{}", v.code())}
                            value={v.code()} checked={*view == *v} onchange={on_view(*v)} />
                        { t(lang, v.label()) }
                    </label>
                }) }
            </fieldset>
            <div class="embed-row">
                <label for="embed-lang">{ t(lang, Msg::LanguageSwitch) }</label>
                <select id="embed-lang" onchange={on_lang}>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={l.code()} selected={*l == frame_lang_value}>{ l.name() }</option>
                    }) }
                </select>
                <label for="embed-width">{ t(lang, Msg::FrameWidth) }</label>
                <input id="embed-width" type="text" inputmode="numeric" class="number"
                    value={(*width).clone()} oninput={text_input(&width)} />
                <label for="embed-height">{ t(lang, Msg::FrameHeight) }</label>
                <input id="embed-height" type="text" inputmode="numeric" class="number"
                    value={(*height).clone()} oninput={text_input(&height)} />
            </div>
            if *view == View::Simulator {
                <fieldset class="embed-levers-choice">
                    <legend>{ t(lang, Msg::LeversShown) }</legend>
                    { for props.levers.iter().map(|l| html! {
                        <label class="embed-choice">
                            <input type="checkbox" id={format!("embed-{}", l.id)} checked={levers.contains(&l.id)}
                                onchange={on_lever(l.id.clone())} />
                            { l.label(lang) }
                        </label>
                    }) }
                </fieldset>
            }
            <div class="embed-row embed-trust">
                <label for="embed-trust">{ t(lang, Msg::TrustedOrigins) }</label>
                <input id="embed-trust" type="text" placeholder="https://www.exemple.fr" value={(*trust).clone()}
                    oninput={text_input(&trust)} spellcheck="false" />
            </div>
            { for errors.iter().map(|e| html! { <p class="error" role="alert">{ e.clone() }</p> }) }
            <label for="embed-snippet">{ t(lang, Msg::CodeToPaste) }</label>
            <textarea id="embed-snippet" ref={area} readonly=true rows="4" value={code.clone()} />
            <div class="embed-buttons">
                <button type="button" id="embed-copy" onclick={on_copy} disabled={code.is_empty()}>
                    { t(lang, Msg::CopyCode) }</button>
                if errors.is_empty() {
                    <a id="embed-preview" href={url.clone()} target="_blank" rel="noopener">
                        { t(lang, Msg::Preview) }</a>
                }
                <span class="embed-copied" role="status" id="embed-copied">{ match *copied {
                    Some(true) => t(lang, Msg::Copied),
                    Some(false) => t(lang, Msg::CopyRefused),
                    None => "".into(),
                } }</span>
                <button type="button" class="secondary" id="embed-close" onclick={modal.shut.clone()}>
                    { t(lang, Msg::Close) }</button>
            </div>
            }
        </dialog>
        </>
    }
}
