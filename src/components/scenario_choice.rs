//! What runs: the territory (its baseline) and a prepared scenario, or none.

use std::rc::Rc;

use parcours_core::catalog::{Index, PreparedEntry};
use parcours_core::i18n::{capitalized, t, Lang, Localized, Msg};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScenarioChoiceProps {
    pub lang: Lang,
    pub index: Rc<Index>,
    /// Id of the territory shown.
    pub territory: AttrValue,
    /// The territory's prepared scenarios, and the one chosen.
    pub prepared: Rc<Vec<PreparedEntry>>,
    pub chosen: Option<String>,
    pub on_territory: Callback<String>,
    pub on_prepared: Callback<Option<String>>,
}

#[function_component(ScenarioChoice)]
pub fn scenario_choice(props: &ScenarioChoiceProps) -> Html {
    let lang = props.lang;
    let territories = props
        .index
        .territories
        .iter()
        .chain(std::iter::once(&props.index.region));
    let on_territory = {
        let on_territory = props.on_territory.clone();
        Callback::from(move |e: Event| {
            on_territory.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let options = std::iter::once(None)
        .chain(props.prepared.iter().map(Some))
        .map(|v| {
            let id = v.map(|v| v.id.clone());
            let checked = props.chosen == id;
            let dom = format!("variant-{}", id.as_deref().unwrap_or("none"));
            let onchange = {
                let (on_prepared, id) = (props.on_prepared.clone(), id.clone());
                Callback::from(move |_: Event| on_prepared.emit(id.clone()))
            };
            let (label, description) = match v {
                // Labels are written to sit inside a sentence (« … with more CHRS places »).
                Some(v) => (
                    capitalized(v.label.text(lang)),
                    v.description.text(lang).to_string(),
                ),
                None => (
                    t(lang, Msg::NoPreparedScenario).into_owned(),
                    t(lang, Msg::NoPreparedScenarioHelp).into_owned(),
                ),
            };
            html! {
                <li class={classes!("variant", checked.then_some("checked"))}>
                    <input type="radio" name="variant" id={dom.clone()} {checked} {onchange} />
                    <label for={dom}><strong>{ label }</strong><span class="variant-desc">{ description }</span></label>
                </li>
            }
        });
    html! {
        <>
        <div class="field">
            <label for="territory">{ t(lang, Msg::Territory) }</label>
            <select id="territory" onchange={on_territory}>
                { for territories.map(|t| html! {
                    <option value={t.id.clone()} selected={t.id == props.territory.as_str()}>
                        { format!("{} ({})", t.name, t.code) }</option>
                }) }
            </select>
        </div>
        <fieldset class="variants">
            <legend>{ t(lang, Msg::PreparedScenarios) }</legend>
            <ul>{ for options }</ul>
        </fieldset>
        </>
    }
}
