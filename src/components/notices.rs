//! What the page says about the state it opened (a link migrated, a link unreadable, a file
//! imported), each closable.

use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::state::Notice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub lang: Lang,
    pub notices: Vec<Notice>,
    /// Closes the notice at this position.
    pub on_dismiss: Callback<usize>,
}

#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    let lang = props.lang;
    if props.notices.is_empty() {
        return html! {};
    }
    html! {
        <div id="notices">
        { for props.notices.iter().enumerate().map(|(i, n)| {
            let dismiss = props.on_dismiss.clone();
            html! {
                <div class={classes!("notice", n.is_error().then_some("notice-error"))}
                    role={if n.is_error() { "alert" } else { "status" }}>
                    <p>{ n.message(lang) }</p>
                    <button type="button" class="link-button"
                        onclick={Callback::from(move |_: MouseEvent| dismiss.emit(i))}>
                        { t(lang, Msg::Close) }</button>
                </div>
            }
        }) }
        </div>
    }
}
