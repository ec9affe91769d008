//! The scenario as JSON: export it, paste one and apply it (only if valid).

use parcours_core::editor::Action;
use parcours_core::i18n::engine::validation_message;
use parcours_core::i18n::Msg;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::super::widgets::Ctx;

pub(in crate::components::editor) fn json_box(cx: &Ctx) -> Html {
    let dispatch = cx.dispatch.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        dispatch.emit(Action::JsonText(
            e.target_unchecked_into::<HtmlTextAreaElement>().value(),
        ))
    });
    let errors = &cx.st.json_errors;
    let invalid = !errors.is_empty();
    html! { <>
        <p class="help" id="ed-json-help">{ cx.t(Msg::JsonHelp) }</p>
        <label for="ed-json">{ cx.t(Msg::JsonLabel) }</label>
        <textarea id="ed-json" rows="12" spellcheck="false" value={cx.st.json_text.clone()} {oninput}
            aria-invalid={invalid.to_string()}
            aria-describedby={if invalid { "ed-json-help ed-json-err" } else { "ed-json-help" }} />
        if invalid {
            <ul class="ed-error" id="ed-json-err">
            { for errors.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " : " }{ validation_message(cx.lang, e) }</li> }) }
            </ul>
        }
        if cx.st.json_applied { <p class="ed-ok" role="status">{ cx.t(Msg::JsonApplied) }</p> }
        <div class="ed-row">
            { cx.button(cx.t(Msg::JsonExport).to_string(), Action::Export, "ed-export") }
            { cx.button(cx.t(Msg::JsonApply).to_string(), Action::Import, "ed-import") }
        </div>
    </> }
}
