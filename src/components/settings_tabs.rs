//! The settings' tabs: the levers, or the advanced editor. The WAI-ARIA tabs pattern: one tab
//! stop (the selected tab; roving tabindex), ← → (wrapping), Home and End move to a tab and
//! select it.

use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::state::Tab;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsTabsProps {
    pub lang: Lang,
    pub tab: Tab,
    pub on_tab: Callback<Tab>,
    /// The levers' panel and the editor's; only the selected one is mounted.
    pub levers: Html,
    pub editor: Html,
}

#[function_component(SettingsTabs)]
pub fn settings_tabs(props: &SettingsTabsProps) -> Html {
    let lang = props.lang;
    let button = |tab: Tab| {
        let i = tab.index();
        let selected = props.tab == tab;
        let on_tab = props.on_tab.clone();
        let onkeydown = {
            let on_tab = on_tab.clone();
            Callback::from(move |e: KeyboardEvent| {
                if let Some(next) = tab.after_key(&e.key()) {
                    e.prevent_default();
                    on_tab.emit(next);
                    focus_tab(next);
                }
            })
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{i}")} aria-selected={selected.to_string()}
                tabindex={if selected { "0" } else { "-1" }}
                aria-controls={format!("tabpanel-{i}")} class={classes!("tab", selected.then_some("selected"))}
                onclick={Callback::from(move |_: MouseEvent| on_tab.emit(tab))} {onkeydown}>{ t(lang, tab.label()) }</button>
        }
    };
    html! {
        <>
        <div class="tabs" role="tablist" aria-label={t(lang, Msg::SettingsMode)}>
            { for Tab::ALL.into_iter().map(button) }
        </div>
        if props.tab == Tab::Levers {
            <div role="tabpanel" id="tabpanel-0" aria-labelledby="tab-0">{ props.levers.clone() }</div>
        } else {
            <div role="tabpanel" id="tabpanel-1" aria-labelledby="tab-1" class="editor-slot">
                <p class="help">{ t(lang, Msg::EditorSlotHelp) }</p>
                { props.editor.clone() }
            </div>
        }
        </>
    }
}

/// Moves the keyboard focus to `tab`'s button (both buttons are always in the page).
fn focus_tab(tab: Tab) {
    use wasm_bindgen::JsCast;
    if let Some(button) = gloo_utils::document()
        .get_element_by_id(&format!("tab-{}", tab.index()))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}
