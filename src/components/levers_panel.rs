//! The levers: one row per lever (label, slider, number, unit, baseline value, reset), the
//! openings timeline, and a reset of everything.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use parcours_core::i18n::{format_num, Lang};
use parcours_core::levers::{Lever, LeverId, Opening, Settings};

#[derive(Properties, PartialEq)]
pub struct LeversProps {
    pub lang: Lang,
    pub levers: Rc<Vec<Lever>>,
    /// Place stages for the openings: (id, label fr, label en).
    pub stages: Rc<Vec<(String, String, String)>>,
    pub settings: Settings,
    pub on_change: Callback<Settings>,
    /// Whether the openings timeline is shown (not in the embedded mini-simulator).
    #[prop_or(true)]
    pub openings: bool,
}

fn parse(value: &str) -> Option<f64> {
    value
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

#[function_component(LeversPanel)]
pub fn levers_panel(props: &LeversProps) -> Html {
    let lang = props.lang;
    let set = |id: LeverId, baseline: f64| {
        let (settings, on_change) = (props.settings.clone(), props.on_change.clone());
        move |value: Option<f64>| {
            let mut s = settings.clone();
            match value {
                Some(v) if (v - baseline).abs() > 1e-9 => {
                    s.values.insert(id.clone(), v);
                }
                _ => {
                    s.values.remove(&id);
                }
            }
            on_change.emit(s);
        }
    };
    let rows = props.levers.iter().map(|lever| {
        let value = props.settings.values.get(&lever.id).copied().unwrap_or(lever.baseline);
        let changed = props.settings.values.contains_key(&lever.id);
        let dom = lever.id.dom_id();
        let label = lever.label(lang);
        let apply = set(lever.id.clone(), lever.baseline);
        let oninput = {
            let apply = apply.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                if let Some(v) = parse(&input.value()) {
                    apply(Some(v));
                }
            })
        };
        let onchange_number = {
            let apply = apply.clone();
            let (min, max) = (lever.min, lever.max * 10.0);
            Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                if let Some(v) = parse(&input.value()) {
                    apply(Some(v.clamp(min, max)));
                }
            })
        };
        let reset = {
            let apply = apply.clone();
            Callback::from(move |_: MouseEvent| apply(None))
        };
        html! {
            <div class={classes!("lever", changed.then_some("changed"))}>
                <label for={dom.clone()} class="lever-label">{ label.clone() }</label>
                <div class="lever-controls">
                    <input type="range" id={dom.clone()} min={lever.min.to_string()}
                        max={lever.max.to_string()} step={lever.step.to_string()}
                        value={value.to_string()} oninput={oninput}
                        aria-valuetext={format!("{} {}", format_num(lang, value), lever.unit(lang))} />
                    <input type="number" class="lever-number" id={format!("{dom}-number")}
                        min={lever.min.to_string()} step={lever.step.to_string()}
                        value={value.to_string()} onchange={onchange_number}
                        aria-label={format!("{label} ({})", lever.unit(lang))} />
                    <span class="lever-unit">{ lever.unit(lang) }</span>
                </div>
                <div class="lever-foot">
                    <span class="lever-base">{ lang.pick("référence : ", "baseline: ") }
                        { format_num(lang, lever.baseline) }</span>
                    <button type="button" class="link-button" onclick={reset} disabled={!changed}
                        aria-label={format!("{} — {label}", lang.pick("Rétablir la référence", "Reset to baseline"))}>
                        { lang.pick("Rétablir", "Reset") }
                    </button>
                </div>
            </div>
        }
    });

    // Openings: a stage, a month, a number of places.
    let new_stage = use_node_ref();
    let new_month = use_node_ref();
    let new_places = use_node_ref();
    let add = {
        let (settings, on_change) = (props.settings.clone(), props.on_change.clone());
        let (new_stage, new_month, new_places) =
            (new_stage.clone(), new_month.clone(), new_places.clone());
        Callback::from(move |_: MouseEvent| {
            let stage = new_stage.cast::<HtmlSelectElement>().map(|s| s.value());
            let month = new_month
                .cast::<HtmlInputElement>()
                .and_then(|i| parse(&i.value()));
            let places = new_places
                .cast::<HtmlInputElement>()
                .and_then(|i| parse(&i.value()));
            if let (Some(stage), Some(month), Some(places)) = (stage, month, places) {
                if places != 0.0 && month >= 0.0 {
                    let mut s = settings.clone();
                    s.openings.push(Opening {
                        stage,
                        month: month.round() as u32,
                        places: places.round() as i64,
                    });
                    on_change.emit(s);
                }
            }
        })
    };
    let stage_name = |id: &str| {
        props
            .stages
            .iter()
            .find(|s| s.0 == id)
            .map(|s| lang.pick(&s.1, &s.2).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let openings = props.settings.openings.iter().enumerate().map(|(i, o)| {
        let remove = {
            let (settings, on_change) = (props.settings.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                let mut s = settings.clone();
                s.openings.remove(i);
                on_change.emit(s);
            })
        };
        let text = format!(
            "{}{} {} — {} {} {}",
            if o.places > 0 { "+" } else { "" },
            format_num(lang, o.places as f64),
            lang.pick("places", "places"),
            stage_name(&o.stage),
            lang.pick("au mois", "at month"),
            o.month
        );
        html! {
            <li class="opening">{ text.clone() }
                <button type="button" class="link-button" onclick={remove}
                    aria-label={format!("{} : {text}", lang.pick("Supprimer", "Remove"))}>
                    { lang.pick("Supprimer", "Remove") }</button>
            </li>
        }
    });
    let reset_all = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(Settings::default()))
    };
    html! {
        <div class="levers">
            <div class="levers-head">
                <h2>{ lang.pick("Leviers", "Levers") }</h2>
                <button type="button" id="reset-all" class="secondary" onclick={reset_all}
                    disabled={props.settings.is_empty()}>
                    { lang.pick("Tout rétablir", "Reset all") }</button>
            </div>
            { for rows }
            if props.openings {
                <fieldset class="openings">
                    <legend>{ lang.pick("Ouvertures de places dans le temps", "Openings of places over time") }</legend>
                    <ul>{ for openings }</ul>
                    <div class="opening-form">
                        <label for="opening-stage">{ lang.pick("Structure", "Stage") }</label>
                        <select id="opening-stage" ref={new_stage}>
                            { for props.stages.iter().map(|s| html! {
                                <option value={s.0.clone()} selected={s.0 == "chrs"}>{ lang.pick(&s.1, &s.2) }</option>
                            }) }
                        </select>
                        <label for="opening-month">{ lang.pick("Mois (depuis le début)", "Month (from start)") }</label>
                        <input type="number" id="opening-month" ref={new_month} min="0" value="12" />
                        <label for="opening-places">{ lang.pick("Places (+ ouverture, − fermeture)", "Places (+ open, − close)") }</label>
                        <input type="number" id="opening-places" ref={new_places} value="50" />
                        <button type="button" id="opening-add" class="secondary" onclick={add}>
                            { lang.pick("Ajouter l'ouverture", "Add the opening") }</button>
                    </div>
                </fieldset>
            }
        </div>
    }
}
