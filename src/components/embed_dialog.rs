//! The page's « Présenter » actions: « Mode atelier », and the « Intégrer » dialog that writes the
//! `<iframe>` snippet of an embedded view (view, language, levers, size, trusted origins), with
//! the current page's address (any sub-path) and scenario (the fragment).

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlDialogElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::embed::page_base;
use parcours_core::catalog::VariantEntry;
use parcours_core::i18n::Lang;
use parcours_core::levers::Lever;
use parcours_core::present::{
    capitalized, embed_url, parse_origin, parse_size, select_levers, snippet, EmbedChoice, Problem,
    View, FRAME_MAX, FRAME_MIN, WORKSHOP_MAX,
};

#[derive(Properties, PartialEq)]
pub struct PresentActionsProps {
    pub lang: Lang,
    pub levers: Rc<Vec<Lever>>,
    /// Whether the workshop is shown (when it closes, the focus comes back to its button).
    pub workshop: bool,
    /// The territory's prepared scenarios (more than four: a chooser before the workshop).
    pub variants: Rc<Vec<VariantEntry>>,
    /// Enters the workshop with the scenarios chosen (`None`: the first four); called in a click,
    /// so full screen may be granted.
    pub on_workshop: Callback<Option<Vec<String>>>,
    /// Bad parameters of the page's address.
    #[prop_or_default]
    pub problems: Rc<Vec<Problem>>,
}

/// A frame's usual size for a view (width, height).
fn default_size(view: View) -> (u32, u32) {
    match view {
        View::Diagram => (800, 560),
        View::Cards => (800, 460),
        View::Chart => (800, 480),
        View::Simulator => (960, 1100),
    }
}

/// Copies `text`: the Clipboard API, else the text stays selected for Ctrl+C. `done(true)` if
/// copied.
fn copy(text: &str, area: Option<HtmlTextAreaElement>, done: Callback<bool>) {
    if let Some(area) = area.as_ref() {
        area.select();
    }
    let clipboard = js_sys::Reflect::get(&gloo_utils::window().navigator(), &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    let write = clipboard.as_ref().and_then(|c| {
        let f = js_sys::Reflect::get(c, &"writeText".into()).ok()?;
        f.dyn_ref::<js_sys::Function>()?
            .call1(c, &JsValue::from_str(text))
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    });
    match write {
        Some(promise) => {
            let (ok, failed) = (done.clone(), done);
            let ok = Closure::<dyn FnMut(JsValue)>::once(move |_: JsValue| ok.emit(true));
            let failed = Closure::<dyn FnMut(JsValue)>::once(move |e: JsValue| {
                web_sys::console::debug_2(&"Parcours: clipboard refused:".into(), &e);
                failed.emit(false)
            });
            let _ = promise.then2(&ok, &failed);
            // One of them is called, once, by the promise.
            ok.forget();
            failed.forget();
        }
        None => done.emit(false),
    }
}

#[function_component(PresentActions)]
pub fn present_actions(props: &PresentActionsProps) -> Html {
    let lang = props.lang;
    let dialog = use_node_ref();
    let opener = use_node_ref();
    let workshop_button = use_node_ref();
    let area = use_node_ref();
    let view = use_state(|| View::Diagram);
    let frame_lang = use_state(|| None as Option<Lang>);
    let chosen = use_state(|| None as Option<Vec<String>>);
    let width = use_state(|| default_size(View::Diagram).0.to_string());
    let height = use_state(|| default_size(View::Diagram).1.to_string());
    let trust = use_state(String::new);
    let copied = use_state(|| None as Option<bool>);
    // Re-rendered at each opening, to read the address (the scenario's fragment) again.
    let opened = use_state(|| 0u32);

    // Back from the workshop: the focus returns to its button.
    {
        let button = workshop_button.clone();
        let was = use_mut_ref(|| props.workshop);
        use_effect_with(props.workshop, move |now| {
            if *was.borrow() && !*now {
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
            *was.borrow_mut() = *now;
        });
    }

    let available: Vec<String> = props.levers.iter().map(|l| l.id.dom_id()).collect();
    let levers = (*chosen)
        .clone()
        .unwrap_or_else(|| select_levers(None, &available).0);
    let frame_lang_value = frame_lang.unwrap_or(lang);
    let w = parse_size(&width);
    let h = parse_size(&height);
    let origins: Vec<(String, Option<String>)> = trust
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| (s.to_string(), parse_origin(s)))
        .collect();
    let mut errors = Vec::new();
    if w.is_none() {
        errors.push(match lang {
            Lang::Fr => format!(
                "Largeur : « {} » n'est pas un nombre de pixels de {FRAME_MIN} à {FRAME_MAX}.",
                *width
            ),
            Lang::En => format!(
                "Width: \"{}\" is not a number of pixels from {FRAME_MIN} to {FRAME_MAX}.",
                *width
            ),
        });
    }
    if h.is_none() {
        errors.push(match lang {
            Lang::Fr => format!(
                "Hauteur : « {} » n'est pas un nombre de pixels de {FRAME_MIN} à {FRAME_MAX}.",
                *height
            ),
            Lang::En => format!(
                "Height: \"{}\" is not a number of pixels from {FRAME_MIN} to {FRAME_MAX}.",
                *height
            ),
        });
    }
    for (raw, parsed) in &origins {
        if parsed.is_none() {
            errors.push(Problem::BadOrigin(raw.clone()).text(lang));
        }
    }
    if *view == View::Simulator && levers.is_empty() {
        errors.push(
            lang.pick(
                "Leviers : choisissez au moins un levier pour le mini-simulateur.",
                "Levers: choose at least one lever for the mini-simulator.",
            )
            .into(),
        );
    }
    let choice = EmbedChoice {
        view: *view,
        lang: frame_lang_value,
        levers: levers.clone(),
        trust: origins.iter().filter_map(|(_, o)| o.clone()).collect(),
        width: w.unwrap_or(0),
        height: h.unwrap_or(0),
    };
    let hash = gloo_utils::window().location().hash().unwrap_or_default();
    let url = embed_url(&page_base(), &choice, &hash);
    let title = format!(
        "Parcours — {}",
        choice.view.label(frame_lang_value).to_lowercase()
    );
    let code = if errors.is_empty() {
        snippet(&url, &choice, &title)
    } else {
        String::new()
    };

    let open = {
        let (dialog, opened, copied) = (dialog.clone(), opened.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            opened.set(*opened + 1);
            copied.set(None);
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                if let Err(e) = d.show_modal() {
                    web_sys::console::debug_2(&"Parcours: dialog not opened:".into(), &e);
                }
            }
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                d.close();
            }
        })
    };
    // Closed by its button or Escape: the focus goes back to the button that opened it.
    let on_close = {
        let opener = opener.clone();
        Callback::from(move |_: Event| {
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
    let on_lever = |id: String| {
        let (chosen, levers, copied) = (chosen.clone(), levers.clone(), copied.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next: Vec<String> = levers.iter().filter(|l| **l != id).cloned().collect();
            if on {
                next.push(id.clone());
            }
            chosen.set(Some(next));
            copied.set(None);
        })
    };
    let on_copy = {
        let (code, area, copied) = (code.clone(), area.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            copy(
                &code,
                area.cast::<HtmlTextAreaElement>(),
                Callback::from(move |ok| copied.set(Some(ok))),
            );
        })
    };
    // The workshop: straight in with four scenarios or fewer, else a chooser first.
    let chooser = use_node_ref();
    let picked = use_state(|| None as Option<Vec<String>>);
    // What was chosen and is still offered (the territory may have changed), else the first four.
    let picks: Vec<String> = (*picked)
        .clone()
        .unwrap_or_default()
        .into_iter()
        .filter(|id| props.variants.iter().any(|v| &v.id == id))
        .collect();
    let picks = if picked.is_some() && !picks.is_empty() {
        picks
    } else {
        props
            .variants
            .iter()
            .take(WORKSHOP_MAX)
            .map(|v| v.id.clone())
            .collect()
    };
    let enter_workshop = {
        let (on_workshop, chooser) = (props.on_workshop.clone(), chooser.clone());
        let direct = props.variants.len() <= WORKSHOP_MAX;
        Callback::from(move |_: MouseEvent| {
            if direct {
                on_workshop.emit(None);
            } else if let Some(d) = chooser.cast::<HtmlDialogElement>() {
                if let Err(e) = d.show_modal() {
                    web_sys::console::debug_2(&"Parcours: dialog not opened:".into(), &e);
                }
            }
        })
    };
    let start_workshop = {
        let (on_workshop, chooser, picks) =
            (props.on_workshop.clone(), chooser.clone(), picks.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = chooser.cast::<HtmlDialogElement>() {
                d.close();
            }
            on_workshop.emit(Some(picks.clone()));
        })
    };
    let close_chooser = {
        let chooser = chooser.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = chooser.cast::<HtmlDialogElement>() {
                d.close();
            }
        })
    };
    let on_pick = |id: String| {
        let (picked, picks) = (picked.clone(), picks.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next: Vec<String> = picks.iter().filter(|p| **p != id).cloned().collect();
            if on && next.len() < WORKSHOP_MAX {
                next.push(id.clone());
            }
            picked.set(Some(next));
        })
    };
    let full = picks.len() >= WORKSHOP_MAX;
    let chooser_dialog = html! {
        <dialog ref={chooser} id="workshop-dialog" class="embed-dialog" aria-labelledby="workshop-dialog-title">
            <h2 id="workshop-dialog-title">{ lang.pick("Mode atelier : scénarios à présenter", "Workshop mode: scenarios to present") }</h2>
            <fieldset class="embed-levers-choice">
                <legend>{ match lang {
                    Lang::Fr => format!("Jusqu'à {WORKSHOP_MAX}, touches 1 à {WORKSHOP_MAX} ({} choisis)", picks.len()),
                    Lang::En => format!("Up to {WORKSHOP_MAX}, keys 1 to {WORKSHOP_MAX} ({} chosen)", picks.len()),
                } }</legend>
                { for props.variants.iter().map(|v| {
                    let checked = picks.contains(&v.id);
                    html! {
                        <label class="embed-choice">
                            <input type="checkbox" id={format!("workshop-pick-{}", v.id)} {checked}
                                disabled={full && !checked} onchange={on_pick(v.id.clone())} />
                            { capitalized(lang.pick(&v.label.fr, &v.label.en)) }
                        </label>
                    }
                }) }
            </fieldset>
            <div class="embed-buttons">
                <button type="button" id="workshop-start" class="ws-start" onclick={start_workshop}
                    disabled={picks.is_empty()}>{ lang.pick("Commencer", "Start") }</button>
                <button type="button" class="secondary" id="workshop-cancel" onclick={close_chooser}>
                    { lang.pick("Annuler", "Cancel") }</button>
            </div>
        </dialog>
    };

    html! {
        <div class="present-actions">
            { for props.problems.iter().map(|p| html! { <p class="present-problem" role="status">{ p.text(lang) }</p> }) }
            <button type="button" id="workshop-enter" class="secondary" ref={workshop_button} onclick={enter_workshop}
                title={lang.pick("Plein écran, grands caractères, touches 1 à 4 pour les scénarios préparés",
                    "Full screen, large type, keys 1 to 4 for the prepared scenarios")}>
                { lang.pick("Mode atelier", "Workshop mode") }</button>
            { chooser_dialog }
            <button type="button" id="embed-open" class="secondary" ref={opener} onclick={open}
                aria-haspopup="dialog">{ lang.pick("Intégrer", "Embed") }</button>
            <dialog ref={dialog} id="embed-dialog" class="embed-dialog" aria-labelledby="embed-dialog-title" onclose={on_close}>
                <h2 id="embed-dialog-title">{ lang.pick("Intégrer dans un autre site", "Embed in another website") }</h2>
                <p class="help">{ lang.pick(
                    "Copiez ce code dans une page : elle montrera la vue choisie du scénario affiché ici, calculée dans le navigateur du visiteur.",
                    "Paste this code into a page: it will show the chosen view of the scenario shown here, computed in the visitor's browser.") }</p>
                <fieldset class="embed-views">
                    <legend>{ lang.pick("Vue", "View") }</legend>
                    { for View::ALL.iter().map(|v| html! {
                        <label class="embed-choice">
                            <input type="radio" name="embed-view" id={format!("embed-view-{}", v.code())}
                                value={v.code()} checked={*view == *v} onchange={on_view(*v)} />
                            { v.label(lang) }
                        </label>
                    }) }
                </fieldset>
                <div class="embed-row">
                    <label for="embed-lang">{ lang.pick("Langue", "Language") }</label>
                    <select id="embed-lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.code()} selected={*l == frame_lang_value}>
                                { match l { Lang::Fr => "Français", Lang::En => "English" } }</option>
                        }) }
                    </select>
                    <label for="embed-width">{ lang.pick("Largeur (px)", "Width (px)") }</label>
                    <input id="embed-width" type="number" min={FRAME_MIN.to_string()} max={FRAME_MAX.to_string()}
                        value={(*width).clone()} oninput={text_input(&width)} />
                    <label for="embed-height">{ lang.pick("Hauteur (px)", "Height (px)") }</label>
                    <input id="embed-height" type="number" min={FRAME_MIN.to_string()} max={FRAME_MAX.to_string()}
                        value={(*height).clone()} oninput={text_input(&height)} />
                </div>
                if *view == View::Simulator {
                    <fieldset class="embed-levers-choice">
                        <legend>{ lang.pick("Leviers affichés", "Levers shown") }</legend>
                        { for props.levers.iter().map(|l| {
                            let id = l.id.dom_id();
                            html! {
                                <label class="embed-choice">
                                    <input type="checkbox" id={format!("embed-{id}")} checked={levers.contains(&id)}
                                        onchange={on_lever(id.clone())} />
                                    { l.label(lang) }
                                </label>
                            }
                        }) }
                    </fieldset>
                }
                <div class="embed-row embed-trust">
                    <label for="embed-trust">{ lang.pick("Origines autorisées à piloter le cadre (facultatif)",
                        "Origins allowed to drive the frame (optional)") }</label>
                    <input id="embed-trust" type="text" placeholder="https://www.exemple.fr" value={(*trust).clone()}
                        oninput={text_input(&trust)} spellcheck="false" />
                </div>
                { for errors.iter().map(|e| html! { <p class="error" role="alert">{ e.clone() }</p> }) }
                <label for="embed-snippet">{ lang.pick("Code à coller", "Code to paste") }</label>
                <textarea id="embed-snippet" ref={area} readonly=true rows="4" value={code.clone()} />
                <div class="embed-buttons">
                    <button type="button" id="embed-copy" onclick={on_copy} disabled={code.is_empty()}>
                        { lang.pick("Copier le code", "Copy the code") }</button>
                    if errors.is_empty() {
                        <a id="embed-preview" href={url.clone()} target="_blank" rel="noopener">
                            { lang.pick("Aperçu dans un nouvel onglet", "Preview in a new tab") }</a>
                    }
                    <span class="embed-copied" role="status" id="embed-copied">{ match *copied {
                        Some(true) => lang.pick("Copié.", "Copied."),
                        Some(false) => lang.pick("Copie refusée par le navigateur : le code est sélectionné, faites Ctrl+C.",
                            "The browser refused to copy: the code is selected, press Ctrl+C."),
                        None => "",
                    } }</span>
                    <button type="button" class="secondary" id="embed-close" onclick={close}>
                        { lang.pick("Fermer", "Close") }</button>
                </div>
            </dialog>
        </div>
    }
}
