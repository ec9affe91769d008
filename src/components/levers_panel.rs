//! The levers: one row per lever (label, slider, number, unit, baseline value, reset), the
//! openings timeline, and a reset of everything.

use std::rc::Rc;

use parcours_core::i18n::{format_num, t, Lang, Localized, Msg};
use parcours_core::levers::{Lever, Opening, PlaceStage, Settings};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::number_field::{read, NumberField, NumberKind};

#[derive(Properties, PartialEq)]
pub struct LeversProps {
    pub lang: Lang,
    pub levers: Rc<Vec<Lever>>,
    /// The stages where places can open or close.
    pub stages: Rc<Vec<PlaceStage>>,
    pub settings: Settings,
    pub on_change: Callback<Settings>,
    /// Whether the openings timeline is shown (not in the embedded mini-simulator).
    #[prop_or(true)]
    pub openings: bool,
}

#[function_component(LeversPanel)]
pub fn levers_panel(props: &LeversProps) -> Html {
    let lang = props.lang;
    let rows = props.levers.iter().map(|lever| {
        let on_set = {
            let (settings, on_change, lever) = (
                props.settings.clone(),
                props.on_change.clone(),
                lever.clone(),
            );
            // `None`: back to the baseline.
            Callback::from(move |value: Option<f64>| {
                let value = value.unwrap_or(lever.baseline);
                on_change.emit(settings.with(&lever.id, value, lever.baseline))
            })
        };
        let value = props.settings.values.get(&lever.id).copied();
        html! { <LeverRow {lang} lever={lever.clone()} {value} {on_set} /> }
    });
    let reset_all = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(Settings::default()))
    };
    html! {
        <div class="levers">
            <div class="levers-head">
                <h2>{ t(lang, Msg::Levers) }</h2>
                <button type="button" id="reset-all" class="secondary" onclick={reset_all}
                    disabled={props.settings.is_empty()}>
                    { t(lang, Msg::ResetAll) }</button>
            </div>
            { for rows }
            if props.openings {
                <Openings {lang} stages={props.stages.clone()} settings={props.settings.clone()}
                    on_change={props.on_change.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LeverRowProps {
    lang: Lang,
    lever: Lever,
    /// Its setting, if moved from the baseline.
    value: Option<f64>,
    /// A new value (`None`: back to the baseline).
    on_set: Callback<Option<f64>>,
}

#[function_component(LeverRow)]
fn lever_row(props: &LeverRowProps) -> Html {
    let (lang, lever) = (props.lang, &props.lever);
    let value = props.value.unwrap_or(lever.baseline);
    let changed = props.value.is_some();
    let id = lever.id.to_string();
    let label = lever.label(lang);
    let unit = lever.unit(lang);
    let on_slider = {
        let on_set = props.on_set.clone();
        Callback::from(move |e: InputEvent| {
            // A range input's value is always a plain number.
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                on_set.emit(Some(v));
            }
        })
    };
    // The number field accepts beyond the slider: from its minimum to ten times its maximum.
    let on_number = {
        let (on_set, min, max) = (props.on_set.clone(), lever.min, lever.max * 10.0);
        Callback::from(move |v: f64| on_set.emit(Some(v.clamp(min, max))))
    };
    let reset = {
        let on_set = props.on_set.clone();
        Callback::from(move |_: MouseEvent| on_set.emit(None))
    };
    html! {
        <div class={classes!("lever", changed.then_some("changed"))}>
            <label for={id.clone()} class="lever-label">{ label.clone() }</label>
            <div class="lever-controls">
                <input type="range" id={id.clone()} min={lever.min.to_string()}
                    max={lever.max.to_string()} step={lever.step.to_string()}
                    value={value.to_string()} oninput={on_slider}
                    aria-valuetext={format!("{} {unit}", format_num(lang, value))} />
                <NumberField {lang} id={format!("{id}-number")} class="lever-number" {value}
                    aria_label={format!("{label} ({unit})")} on_commit={on_number} />
                <span class="lever-unit">{ unit.clone() }</span>
            </div>
            <div class="lever-foot">
                <span class="lever-base">{ t(lang, Msg::BaselineColon) }
                    { format_num(lang, lever.baseline) }</span>
                <button type="button" class="link-button" onclick={reset} disabled={!changed}
                    aria-label={t(lang, Msg::ResetLever { lever: &label })}>
                    { t(lang, Msg::Reset) }
                </button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OpeningsProps {
    lang: Lang,
    stages: Rc<Vec<PlaceStage>>,
    settings: Settings,
    on_change: Callback<Settings>,
}

/// Openings (or closures) of places: a stage, a month, a number of places.
#[function_component(Openings)]
fn openings(props: &OpeningsProps) -> Html {
    let lang = props.lang;
    let (new_stage, new_month, new_places) = (use_node_ref(), use_node_ref(), use_node_ref());
    let errors = use_state(|| (None::<String>, None::<String>));
    let add = {
        let (settings, on_change) = (props.settings.clone(), props.on_change.clone());
        let (new_stage, new_month, new_places, errors) = (
            new_stage.clone(),
            new_month.clone(),
            new_places.clone(),
            errors.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let stage = new_stage.cast::<HtmlSelectElement>().map(|s| s.value());
            let text = |field: &NodeRef| {
                field
                    .cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let m = read(lang, NumberKind::Whole, &text(&new_month));
            let p = read(lang, NumberKind::NonZeroInteger, &text(&new_places));
            errors.set((m.clone().err(), p.clone().err()));
            if let (Some(stage), Ok(month), Ok(places)) = (stage, m, p) {
                let mut s = settings.clone();
                s.openings.push(Opening {
                    stage,
                    month: month as u32,
                    places: places as i64,
                });
                on_change.emit(s);
            }
        })
    };
    let stage_name = |id: &str| {
        props
            .stages
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), |s| s.label.text(lang).to_string())
    };
    let items = props.settings.openings.iter().enumerate().map(|(i, o)| {
        let remove = {
            let (settings, on_change) = (props.settings.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                let mut s = settings.clone();
                s.openings.remove(i);
                on_change.emit(s);
            })
        };
        let stage = stage_name(&o.stage);
        let text = t(
            lang,
            Msg::OpeningItem {
                places: o.places,
                stage: &stage,
                month: o.month,
            },
        );
        html! {
            <li class="opening">{ text.clone() }
                <button type="button" class="link-button" onclick={remove}
                    aria-label={t(lang, Msg::RemoveItem { what: &text })}>
                    { t(lang, Msg::Remove) }</button>
            </li>
        }
    });
    let error = |id: &str, message: &Option<String>| match message {
        Some(m) => html! { <p class="field-error" id={format!("{id}-err")}>{ m.clone() }</p> },
        None => html! {},
    };
    let (month_error, places_error) = &*errors;
    html! {
        <fieldset class="openings">
            <legend>{ t(lang, Msg::OpeningsOverTime) }</legend>
            <ul>{ for items }</ul>
            <div class="opening-form">
                <label for="opening-stage">{ t(lang, Msg::StructureChoice) }</label>
                <select id="opening-stage" ref={new_stage}>
                    { for props.stages.iter().map(|s| html! {
                        <option value={s.id.clone()} selected={s.id == "chrs"}>{ s.label.text(lang) }</option>
                    }) }
                </select>
                <label for="opening-month">{ t(lang, Msg::OpeningMonth) }</label>
                <input type="text" inputmode="numeric" class="number" id="opening-month"
                    ref={new_month} value="12"
                    aria-invalid={month_error.is_some().to_string()}
                    aria-describedby={month_error.is_some().then_some("opening-month-err")} />
                { error("opening-month", month_error) }
                <label for="opening-places">{ t(lang, Msg::OpeningPlaces) }</label>
                <input type="text" inputmode="numeric" class="number" id="opening-places"
                    ref={new_places} value="50"
                    aria-invalid={places_error.is_some().to_string()}
                    aria-describedby={places_error.is_some().then_some("opening-places-err")} />
                { error("opening-places", places_error) }
                <button type="button" id="opening-add" class="secondary" onclick={add}>
                    { t(lang, Msg::AddOpening) }</button>
            </div>
        </fieldset>
    }
}
