//! The page's « Présenter » actions: « Mode atelier » (straight in with four prepared scenarios
//! or fewer, else a chooser of at most four first) and « Intégrer » (its dialog,
//! `embed_dialog.rs`), with the address's bad parameters.

use std::rc::Rc;

use parcours_core::catalog::PreparedEntry;
use parcours_core::i18n::{capitalized, t, Lang, Localized, Msg};
use parcours_core::levers::Lever;
use parcours_core::present::query::Problem;
use parcours_core::present::workshop::WORKSHOP_MAX;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::embed_dialog::EmbedDialog;
use crate::components::modal::{close, show_modal};

#[derive(Properties, PartialEq)]
pub struct PresentActionsProps {
    pub lang: Lang,
    pub levers: Rc<Vec<Lever>>,
    /// Whether the workshop is shown (when it closes, the focus comes back to its button).
    pub workshop: bool,
    /// The territory's prepared scenarios (more than four: a chooser before the workshop).
    pub prepared: Rc<Vec<PreparedEntry>>,
    /// Enters the workshop with the scenarios chosen (`None`: the first four); called in a click,
    /// so full screen may be granted.
    pub on_workshop: Callback<Option<Vec<String>>>,
    /// Bad parameters of the page's address.
    #[prop_or_default]
    pub problems: Rc<Vec<Problem>>,
}

#[function_component(PresentActions)]
pub fn present_actions(props: &PresentActionsProps) -> Html {
    let lang = props.lang;
    let workshop_button = use_node_ref();
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
    let chooser = use_node_ref();
    let picked = use_state(|| None as Option<Vec<String>>);
    // What was chosen and is still offered (the territory may have changed), else the first four.
    let picks: Vec<String> = (*picked)
        .clone()
        .unwrap_or_default()
        .into_iter()
        .filter(|id| props.prepared.iter().any(|v| &v.id == id))
        .collect();
    let picks = if picked.is_some() && !picks.is_empty() {
        picks
    } else {
        props
            .prepared
            .iter()
            .take(WORKSHOP_MAX)
            .map(|v| v.id.clone())
            .collect()
    };
    let enter_workshop = {
        let (on_workshop, chooser) = (props.on_workshop.clone(), chooser.clone());
        let direct = props.prepared.len() <= WORKSHOP_MAX;
        Callback::from(move |_: MouseEvent| {
            if direct {
                on_workshop.emit(None);
            } else {
                show_modal(&chooser);
            }
        })
    };
    let start_workshop = {
        let (on_workshop, chooser, picks) =
            (props.on_workshop.clone(), chooser.clone(), picks.clone());
        Callback::from(move |_: MouseEvent| {
            close(&chooser);
            on_workshop.emit(Some(picks.clone()));
        })
    };
    let close_chooser = {
        let chooser = chooser.clone();
        Callback::from(move |_: MouseEvent| close(&chooser))
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
    html! {
        <div class="present-actions">
            { for props.problems.iter().map(|p| html! { <p class="present-problem" role="status">{ p.text(lang) }</p> }) }
            <button type="button" id="workshop-enter" class="secondary" ref={workshop_button} onclick={enter_workshop}
                title={t(lang, Msg::WorkshopButtonTitle)}>
                { t(lang, Msg::WorkshopMode) }</button>
            <dialog ref={chooser} id="workshop-dialog" class="embed-dialog" aria-labelledby="workshop-dialog-title">
                <h2 id="workshop-dialog-title">{ t(lang, Msg::WorkshopChooserTitle) }</h2>
                <fieldset class="embed-levers-choice">
                    <legend>{ t(lang, Msg::WorkshopChooserLegend { max: WORKSHOP_MAX, chosen: picks.len() }) }</legend>
                    { for props.prepared.iter().map(|v| {
                        let checked = picks.contains(&v.id);
                        html! {
                            <label class="embed-choice">
                                <input type="checkbox" id={format!("workshop-pick-{}", v.id)} {checked}
                                    disabled={full && !checked} onchange={on_pick(v.id.clone())} />
                                { capitalized(v.label.text(lang)) }
                            </label>
                        }
                    }) }
                </fieldset>
                <div class="embed-buttons">
                    <button type="button" id="workshop-start" class="ws-start" onclick={start_workshop}
                        disabled={picks.is_empty()}>{ t(lang, Msg::Start) }</button>
                    <button type="button" class="secondary" id="workshop-cancel" onclick={close_chooser}>
                        { t(lang, Msg::Cancel) }</button>
                </div>
            </dialog>
            <EmbedDialog {lang} levers={props.levers.clone()} />
        </div>
    }
}
