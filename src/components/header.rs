//! Top bar: the app's name, what it does, and the language switch.

use yew::prelude::*;

use parcours_core::i18n::{t, Lang, Msg};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    /// Name of the scenario shown, in the current language.
    pub scenario: AttrValue,
    pub on_lang: Callback<Lang>,
    /// More buttons of the bar (the glossary and the sources).
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let buttons = Lang::ALL.into_iter().map(|l| {
        let on_lang = props.on_lang.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_lang.emit(l));
        let pressed = if l == lang { "true" } else { "false" };
        html! {
            <button type="button" class="lang-button" id={format!("lang-{}", l.code())}
                aria-pressed={pressed} lang={l.code()} {onclick}>
                { l.code().to_uppercase() }
            </button>
        }
    });
    html! {
        <header class="topbar">
            <div class="brand">
                <h1>{ t(lang, Msg::AppTitle) }</h1>
                <p class="tagline">{ t(lang, Msg::AppTagline) }</p>
            </div>
            <div class="topbar-right">
                <p class="scenario-name">{ props.scenario.clone() }</p>
                { props.children.clone() }
                <div class="lang-switch" role="group" aria-label={t(lang, Msg::LanguageSwitch)}>
                    { for buttons }
                </div>
            </div>
        </header>
    }
}
