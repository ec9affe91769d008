//! The scenario's general sections: territory and horizon, household types, arrivals, the SIAO
//! waiting list.

use parcours_core::editor::draft::{get_f64, get_str, ids, items};
use parcours_core::editor::edits::fresh_id;
use parcours_core::editor::{Action, Empty, Num};
use parcours_core::i18n::{month_name, Msg};
use serde_json::{json, Value};
use yew::prelude::*;

use super::super::widgets::{Ctx, Options};

pub(in crate::components::editor) fn territory(cx: &Ctx) -> Html {
    let months: Options = (1..=12)
        .map(|m| (m.to_string(), month_name(cx.lang, m).to_string()))
        .collect();
    let month = get_f64(cx.d, "start.month").unwrap_or(1.0).to_string();
    let dispatch = cx.dispatch.clone();
    let on_month = Callback::from(move |v: String| {
        let m: u64 = v.parse().unwrap_or(1);
        dispatch.emit(Action::Set {
            path: "start.month".into(),
            value: json!(m),
        })
    });
    html! { <div class="ed-grid">
        { cx.text("name.fr", Msg::NameFr) }
        { cx.text("name.en", Msg::NameEn) }
        { cx.text("territory.code", Msg::TerritoryCode) }
        { cx.text("territory.name", Msg::TerritoryName) }
        { cx.num_with("territory.population", &cx.t(Msg::Population), &cx.t(Msg::Inhabitants), Num::Real, Empty::Null) }
        { cx.num_with("start.year", &cx.t(Msg::StartYear), "", Num::Signed, Empty::Required) }
        { cx.select_with("start.month", &cx.t(Msg::StartMonth), &month, &months, on_month) }
        { cx.num("horizon_months", Msg::Horizon, Some(Msg::UnitMonths)) }
        { cx.num_default("warmup_months", Msg::Warmup, Some(Msg::UnitMonths), 0.0) }
        { cx.num_with("reporting_period_days", &cx.t(Msg::ReportingPeriod), &cx.t(Msg::UnitDays), Num::Real, Empty::Null) }
    </div> }
}

pub(in crate::components::editor) fn household_types(cx: &Ctx) -> Html {
    let types = items(cx.d, "household_types");
    let taken = cx.type_ids();
    let new_id = fresh_id("type", &taken);
    html! { <>
        <p class="help">{ cx.t(Msg::IdHelp) }</p>
        { cx.group_err("household_types") }
        { for types.iter().enumerate().map(|(i, t)| {
            let p = format!("household_types[{i}]");
            let old = get_str(t, "id").to_string();
            let dispatch = cx.dispatch.clone();
            let rename = Callback::from(move |new: String| dispatch.emit(Action::RenameType { old: old.clone(), new }));
            html! { <div class="ed-item ed-grid">
                { cx.text_with(&format!("{p}.id"), &cx.t(Msg::Id), Some(rename)) }
                { cx.text(&format!("{p}.label.fr"), Msg::LabelFr) }
                { cx.text(&format!("{p}.label.en"), Msg::LabelEn) }
                { cx.remove_with(&cx.label_of(t), Action::RemoveType(i), Msg::Remove) }
            </div> }
        }) }
        { cx.add_button(Msg::AddType, "household_types",
            json!({"id": new_id, "label": {"fr": new_id, "en": new_id}})) }
    </> }
}

pub(in crate::components::editor) fn arrivals(cx: &Ctx) -> Html {
    let streams = items(cx.d, "arrivals");
    let new_id = fresh_id("stream", &ids(cx.d, "arrivals"));
    let first_type = cx.type_ids().first().cloned().unwrap_or_default();
    html! { <>
        { cx.group_err("arrivals") }
        { for streams.iter().enumerate().map(|(i, a)| {
            let p = format!("arrivals[{i}]");
            let seasonal = a.get("seasonality").is_some_and(|s| !s.is_null());
            let dispatch = cx.dispatch.clone();
            let sp = format!("{p}.seasonality");
            let toggle = Callback::from(move |on: bool| dispatch.emit(Action::Set {
                path: sp.clone(),
                value: if on { json!(vec![1.0; 12]) } else { Value::Null },
            }));
            html! { <fieldset class="ed-item">
                <legend>{ cx.label_of(a) }</legend>
                <div class="ed-grid">
                    { cx.text(&format!("{p}.id"), Msg::Id) }
                    { cx.text(&format!("{p}.label.fr"), Msg::LabelFr) }
                    { cx.text(&format!("{p}.label.en"), Msg::LabelEn) }
                    { cx.num(&format!("{p}.rate_per_month"), Msg::RatePerMonth, None) }
                    { cx.num_default(&format!("{p}.trend_percent_per_year"), Msg::Trend, Some(Msg::UnitPercentYear), 0.0) }
                </div>
                <div class="ed-sub">
                    <p class="ed-group-title">{ cx.t(Msg::Schedule) }</p>
                    { for items(cx.d, &format!("{p}.schedule")).iter().enumerate().map(|(j, _)| {
                        let rp = format!("{p}.schedule[{j}]");
                        html! { <div class="ed-row">
                            { cx.num(&format!("{rp}.from_month"), Msg::FromMonth, None) }
                            { cx.num(&format!("{rp}.rate_per_month"), Msg::RatePerMonth, None) }
                            { cx.remove_button(&format!("{} {}", &cx.t(Msg::Schedule), j + 1), &rp) }
                        </div> }
                    }) }
                    { cx.group_err(&format!("{p}.schedule")) }
                    { cx.add_button(Msg::AddPeriod, &format!("{p}.schedule"),
                        json!({"from_month": 12.0, "rate_per_month": get_f64(a, "rate_per_month").unwrap_or(0.0)})) }
                </div>
                <div class="ed-sub">
                    { cx.checkbox(&format!("{p}.seasonality"), &cx.t(Msg::SeasonalityOn), seasonal, toggle) }
                    if seasonal {
                        <div class="ed-grid ed-months" role="group" aria-label={cx.t(Msg::Seasonality)}>
                        { for (0..12).map(|m| cx.num_with(&format!("{p}.seasonality[{m}]"),
                            month_name(cx.lang, m + 1),
                            "", Num::Real, Empty::Required)) }
                        </div>
                    }
                </div>
                { cx.mix(&format!("{p}.mix")) }
                { cx.remove_button(&cx.label_of(a), &p) }
            </fieldset> }
        }) }
        { cx.add_button(Msg::AddStream, "arrivals", json!({"id": new_id,
            "label": {"fr": new_id, "en": new_id}, "rate_per_month": 0.0, "mix": {first_type: 1.0}})) }
    </> }
}

pub(in crate::components::editor) fn waiting_list(cx: &Ctx) -> Html {
    let exits: Options = items(cx.d, "exits")
        .iter()
        .map(|e| (get_str(e, "id").to_string(), cx.label_of(e)))
        .collect();
    let stages = cx.stage_options();
    let first_stage = stages.first().map(|s| s.0.clone()).unwrap_or_default();
    let op = "waiting_list.orientation";
    let (present, missing) = cx.per_type_keys(op);
    html! { <>
        <div class="ed-grid">
            { cx.num("waiting_list.abandonment_per_month", Msg::Abandonment, Some(Msg::UnitPerMonth)) }
            { cx.select("waiting_list.abandonment_exit", &cx.t(Msg::AbandonmentExit), &exits) }
        </div>
        <p class="ed-group-title">{ cx.t(Msg::Orientation) }</p>
        { cx.group_err(op) }
        { for present.iter().map(|k| {
            let kp = format!("{op}.{k}");
            let list = items(cx.d, &kp);
            let n = list.len();
            html! { <fieldset class="ed-item">
                <legend>{ cx.key_label(k) }</legend>
                <ol class="ed-list">
                { for (0..n).map(|j| html! { <li class="ed-row">
                    { cx.select(&format!("{kp}[{j}]"), &format!("{} {} — {}", &cx.t(Msg::Stage), j + 1, cx.key_label(k)), &stages) }
                    if j > 0 { { cx.button(format!("↑ {} {}", &cx.t(Msg::MoveUp), j + 1), Action::Move { path: kp.clone(), index: j, up: true }, "ed-move") } }
                    if j + 1 < n { { cx.button(format!("↓ {} {}", &cx.t(Msg::MoveDown), j + 1), Action::Move { path: kp.clone(), index: j, up: false }, "ed-move") } }
                    { cx.remove_button(&format!("{} {}", &cx.t(Msg::Stage), j + 1), &format!("{kp}[{j}]")) }
                </li> }) }
                </ol>
                { cx.group_err(&kp) }
                { cx.add_button(Msg::AddStageToList, &kp, json!(first_stage)) }
                { cx.remove_entry(&cx.key_label(k), &kp) }
            </fieldset> }
        }) }
        { cx.add_entries(op, &missing, json!([first_stage])) }
    </> }
}
