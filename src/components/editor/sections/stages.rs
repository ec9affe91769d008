//! The pathway's stages: a `<details>` per stage, its kind, accepted types, places or
//! allocations, stays and routes.

use parcours_core::editor::draft::{get, get_str, ids, items};
use parcours_core::editor::edits::{self, fresh_id};
use parcours_core::editor::{Action, Empty, Num};
use parcours_core::i18n::Msg;
use serde_json::{json, Value};
use yew::prelude::*;

use super::super::widgets::{Ctx, Options};

pub(in crate::components::editor) fn stages(cx: &Ctx) -> Html {
    let list = items(cx.d, "stages");
    let taken: Vec<String> = ids(cx.d, "stages")
        .into_iter()
        .chain(ids(cx.d, "exits"))
        .collect();
    let first_exit = ids(cx.d, "exits").first().cloned().unwrap_or_default();
    let new_id = fresh_id("stage", &taken);
    html! { <>
        { cx.group_err("stages") }
        { for list.iter().enumerate().map(|(i, s)| stage(cx, i, s, &first_exit)) }
        <div class="ed-row">
            { cx.add_button(Msg::AddPlacesStage, "stages", edits::new_stage(&new_id, "places", &first_exit)) }
            { cx.add_button(Msg::AddAllocationStage, "stages", edits::new_stage(&new_id, "allocation", &first_exit)) }
        </div>
    </> }
}

fn stage(cx: &Ctx, i: usize, s: &Value, first_exit: &str) -> Html {
    let p = format!("stages[{i}]");
    let before = cx.in_section.get();
    let kind = get_str(s, "kind").to_string();
    let old = get_str(s, "id").to_string();
    let dispatch = cx.dispatch.clone();
    let rename = Callback::from(move |new: String| {
        dispatch.emit(Action::RenameDest {
            old: old.clone(),
            new,
        })
    });
    let kinds: Options = vec![
        ("places".into(), cx.t(Msg::KindPlaces).into()),
        ("allocation".into(), cx.t(Msg::KindAllocation).into()),
    ];
    let on_kind = {
        let (dispatch, s, p, fe) = (
            cx.dispatch.clone(),
            s.clone(),
            p.clone(),
            first_exit.to_string(),
        );
        Callback::from(move |k: String| {
            let mut st = s.clone();
            edits::set_stage_kind(&mut st, &k, &fe);
            dispatch.emit(Action::Set {
                path: p.clone(),
                value: st,
            })
        })
    };
    let queues: Options = vec![
        ("fcfs".into(), cx.t(Msg::QueueFcfs).into()),
        ("dalo_priority".into(), cx.t(Msg::QueueDalo).into()),
    ];
    let body = html! { <>
        <div class="ed-grid">
            { cx.text_with(&format!("{p}.id"), &cx.t(Msg::Id), Some(rename)) }
            { cx.text(&format!("{p}.label.fr"), Msg::LabelFr) }
            { cx.text(&format!("{p}.label.en"), Msg::LabelEn) }
            { cx.select_with(&format!("{p}.kind"), &cx.t(Msg::Kind), &kind, &kinds, on_kind) }
            { cx.select(&format!("{p}.queue"), &cx.t(Msg::Queue), &queues) }
        </div>
        { accepts(cx, &p, s) }
        if kind == "places" { { place_fields(cx, &p, s) } } else { { allocation_fields(cx, &p) } }
        { cx.remove_button(&cx.label_of(s), &p) }
    </> };
    let n = cx.in_section.get() - before;
    html! {
        <details class="ed-item ed-stage" id={format!("ed-stage-{i}")}>
            <summary>{ cx.label_of(s) }
                if n > 0 { <span class="ed-badge">{ format!(" — {n} {}", &cx.t(Msg::ProblemCount)) }</span> }
            </summary>
            { body }
        </details>
    }
}

fn accepts(cx: &Ctx, p: &str, s: &Value) -> Html {
    let ap = format!("{p}.accepts");
    let list: Option<Vec<String>> = s.get("accepts").and_then(Value::as_array).map(|a| {
        a.iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    });
    let all = list.is_none();
    let types = cx.type_ids();
    let on_all = {
        let (dispatch, ap, types) = (cx.dispatch.clone(), ap.clone(), types.clone());
        Callback::from(move |on: bool| {
            dispatch.emit(if on {
                Action::Remove { path: ap.clone() }
            } else {
                Action::Set {
                    path: ap.clone(),
                    value: json!(types),
                }
            })
        })
    };
    html! {
        <fieldset class="ed-sub">
            <legend>{ cx.t(Msg::Accepts) }</legend>
            { cx.checkbox(&format!("{ap}.all"), &cx.t(Msg::AllTypes), all, on_all) }
            if let Some(list) = &list {
                <div class="ed-grid">
                { for types.iter().map(|t| {
                    let on = {
                        let (dispatch, ap, list, t) = (cx.dispatch.clone(), ap.clone(), list.clone(), t.clone());
                        Callback::from(move |checked: bool| {
                            let mut l = list.clone();
                            l.retain(|x| *x != t);
                            if checked { l.push(t.clone()); }
                            dispatch.emit(Action::Set { path: ap.clone(), value: json!(l) })
                        })
                    };
                    cx.checkbox(&format!("{ap}.{t}"), &cx.key_label(t), list.contains(t), on)
                }) }
                </div>
                { for list.iter().enumerate().map(|(j, _)| cx.group_err(&format!("{ap}[{j}]"))) }
            }
            { cx.group_err(&ap) }
        </fieldset>
    }
}

fn place_fields(cx: &Ctx, p: &str, s: &Value) -> Html {
    let clocks: Options = vec![
        ("none".into(), cx.t(Msg::ClockNone).into()),
        ("shelter".into(), cx.t(Msg::ClockShelter).into()),
        ("temporary_housing".into(), cx.t(Msg::ClockTemp).into()),
    ];
    let housing = s
        .get("counts_as_housing")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let on_housing = {
        let (dispatch, hp) = (cx.dispatch.clone(), format!("{p}.counts_as_housing"));
        Callback::from(move |on: bool| {
            dispatch.emit(if on {
                Action::Set {
                    path: hp.clone(),
                    value: json!(true),
                }
            } else {
                Action::Remove { path: hp.clone() }
            })
        })
    };
    let dists: Options = vec![
        ("exponential".into(), cx.t(Msg::DistExp).into()),
        ("lognormal".into(), cx.t(Msg::DistLognormal).into()),
        ("gamma".into(), cx.t(Msg::DistGamma).into()),
        ("fixed".into(), cx.t(Msg::DistFixed).into()),
    ];
    let cp = format!("{p}.capacity_changes");
    let stay_p = format!("{p}.stay");
    let routes_p = format!("{p}.routes");
    let (stay_keys, stay_missing) = cx.per_type_keys(&stay_p);
    let (route_keys, route_missing) = cx.per_type_keys(&routes_p);
    let blocked = s.get("max_blocked_days").is_some_and(|x| !x.is_null());
    html! { <>
        <div class="ed-grid">
            { cx.int(&format!("{p}.places"), Msg::Places, None) }
            { cx.num_with(&format!("{p}.winter_places"), &cx.t(Msg::WinterPlaces), "", Num::Unsigned, Empty::Remove(Some(0.0))) }
            { cx.select(&format!("{p}.dalo_clock"), &cx.t(Msg::DaloClock), &clocks) }
            { cx.num_default(&format!("{p}.cost_per_place_day"), Msg::CostPerPlaceDay, Some(Msg::UnitEuros), 0.0) }
            { cx.num_with(&format!("{p}.max_blocked_days"), &cx.t(Msg::MaxBlockedDays), &cx.t(Msg::UnitDays), Num::Real, Empty::Remove(None)) }
        </div>
        { cx.checkbox(&format!("{p}.counts_as_housing"), &cx.t(Msg::CountsAsHousing), housing, on_housing) }
        <div class="ed-sub">
            <p class="ed-group-title">{ cx.t(Msg::CapacityChanges) }</p>
            { for items(cx.d, &cp).iter().enumerate().map(|(j, _)| {
                let rp = format!("{cp}[{j}]");
                html! { <div class="ed-row">
                    { cx.num(&format!("{rp}.day"), Msg::Day, None) }
                    { cx.num_with(&format!("{rp}.places"), &cx.t(Msg::PlacesChange), "", Num::Signed, Empty::Required) }
                    { cx.remove_button(&format!("{} {}", &cx.t(Msg::CapacityChanges), j + 1), &rp) }
                </div> }
            }) }
            { cx.group_err(&cp) }
            { cx.add_button(Msg::AddChange, &cp, json!({"day": 0.0, "places": 0})) }
        </div>
        <div class="ed-sub">
            <p class="ed-group-title">{ cx.t(Msg::Stay) }</p>
            { cx.group_err(&stay_p) }
            { for stay_keys.iter().map(|k| {
                let kp = format!("{stay_p}.{k}");
                let law = get(cx.d, &kp).cloned().unwrap_or(Value::Null);
                let dist = get_str(&law, "distribution").to_string();
                let on_dist = {
                    let (dispatch, kp, law) = (cx.dispatch.clone(), kp.clone(), law.clone());
                    Callback::from(move |d: String| dispatch.emit(Action::Set {
                        path: kp.clone(), value: edits::convert_stay(&law, &d) }))
                };
                let who = cx.key_label(k);
                html! { <div class="ed-row ed-stay">
                    { cx.select_with(&format!("{kp}.distribution"), &format!("{} — {who}", &cx.t(Msg::Distribution)), &dist, &dists, on_dist) }
                    if dist == "fixed" {
                        { cx.num_with(&format!("{kp}.days"), &format!("{} — {who}", &cx.t(Msg::Days)), &cx.t(Msg::UnitDays), Num::Real, Empty::Required) }
                    } else {
                        { cx.num_with(&format!("{kp}.mean_days"), &format!("{} — {who}", &cx.t(Msg::MeanDays)), &cx.t(Msg::UnitDays), Num::Real, Empty::Required) }
                    }
                    if dist == "lognormal" || dist == "gamma" {
                        { cx.num_with(&format!("{kp}.cv"), &format!("{} — {who}", &cx.t(Msg::Cv)), "", Num::Real, Empty::Required) }
                    }
                    { cx.remove_entry(&who, &kp) }
                </div> }
            }) }
            { cx.add_entries(&stay_p, &stay_missing, json!({"distribution": "exponential", "mean_days": 30.0})) }
        </div>
        <div class="ed-sub">
            <p class="ed-group-title">{ cx.t(Msg::Routes) }</p>
            { cx.group_err(&routes_p) }
            { for route_keys.iter().map(|k| {
                let kp = format!("{routes_p}.{k}");
                html! { <div class="ed-keyed">
                    { cx.routes(&kp, &cx.key_label(k)) }
                    { cx.remove_entry(&cx.key_label(k), &kp) }
                </div> }
            }) }
            { cx.add_entries(&routes_p, &route_missing, json!([{"to": first_exit_of(cx), "p": 1.0}])) }
        </div>
        if blocked {
            <div class="ed-sub">{ cx.routes(&format!("{p}.alternative"), &cx.t(Msg::Alternative)) }</div>
        }
    </> }
}

fn first_exit_of(cx: &Ctx) -> String {
    ids(cx.d, "exits").first().cloned().unwrap_or_default()
}

fn allocation_fields(cx: &Ctx, p: &str) -> Html {
    let up = format!("{p}.unit_changes");
    html! { <>
        <div class="ed-grid">
            { cx.num(&format!("{p}.units_per_month"), Msg::UnitsPerMonth, None) }
            { cx.num_default(&format!("{p}.tenancy_failure_per_year"), Msg::TenancyFailure, Some(Msg::UnitPerYear), 0.0) }
            { cx.num_default(&format!("{p}.cost_per_allocation"), Msg::CostPerAllocation, Some(Msg::UnitEuros), 0.0) }
        </div>
        <div class="ed-sub">
            <p class="ed-group-title">{ cx.t(Msg::UnitChanges) }</p>
            { for items(cx.d, &up).iter().enumerate().map(|(j, _)| {
                let rp = format!("{up}[{j}]");
                html! { <div class="ed-row">
                    { cx.num(&format!("{rp}.day"), Msg::Day, None) }
                    { cx.num(&format!("{rp}.units_per_month"), Msg::UnitsPerMonth, None) }
                    { cx.remove_button(&format!("{} {}", &cx.t(Msg::UnitChanges), j + 1), &rp) }
                </div> }
            }) }
            { cx.group_err(&up) }
            { cx.add_button(Msg::AddChange, &up, json!({"day": 0.0, "units_per_month": 0.0})) }
        </div>
    </> }
}
