//! Eviction prevention, DALO, and the costs gathered in one place.

use parcours_core::editor::draft::{get_str, items};
use parcours_core::editor::{Action, Empty, Num};
use parcours_core::i18n::Msg;
use serde_json::{json, Value};
use yew::prelude::*;

use super::super::widgets::Ctx;

pub(in crate::components::editor) fn prevention(cx: &Ctx) -> Html {
    let on = cx.d.get("prevention").is_some_and(|p| !p.is_null());
    let first_type = cx.type_ids().first().cloned().unwrap_or_default();
    let toggle = {
        let dispatch = cx.dispatch.clone();
        Callback::from(move |enable: bool| {
            dispatch.emit(Action::Set {
                path: "prevention".into(),
                value: if enable {
                    json!({"cases_per_month": 0.0, "mix": {first_type.clone(): 1.0},
                        "capacity_per_month": 0.0, "success_rate": 0.0,
                        "share_to_waiting_list": 1.0, "cost_per_case": 0.0})
                } else {
                    Value::Null
                },
            })
        })
    };
    html! { <>
        { cx.checkbox("prevention", &cx.t(Msg::PreventionOn), on, toggle) }
        if on {
            <div class="ed-grid">
                { cx.num("prevention.cases_per_month", Msg::Cases, None) }
                { cx.num("prevention.capacity_per_month", Msg::Capacity, None) }
                { cx.num("prevention.success_rate", Msg::SuccessRate, Some(Msg::UnitShare)) }
                { cx.num_default("prevention.share_to_waiting_list", Msg::ShareToWaiting, Some(Msg::UnitShare), 1.0) }
                { cx.num_default("prevention.cost_per_case", Msg::CostPerCase, Some(Msg::UnitEuros), 0.0) }
            </div>
            { cx.mix("prevention.mix") }
        }
    </> }
}

pub(in crate::components::editor) fn dalo(cx: &Ctx) -> Html {
    html! { <div class="ed-grid">
        { cx.num("dalo.shelter_months", Msg::ShelterMonths, Some(Msg::UnitMonths)) }
        { cx.num("dalo.temporary_housing_months", Msg::TempMonths, Some(Msg::UnitMonths)) }
        { cx.num("dalo.waiting_months", Msg::WaitingMonths, Some(Msg::UnitMonths)) }
        { cx.num("dalo.recourse_propensity", Msg::Propensity, Some(Msg::UnitShare)) }
    </div> }
}

pub(in crate::components::editor) fn costs(cx: &Ctx) -> Html {
    let euro = cx.t(Msg::UnitEuros);
    html! { <>
        <p class="help">{ cx.t(Msg::CostsHelp) }</p>
        <div class="ed-grid">
        { for items(cx.d, "stages").iter().enumerate().map(|(i, s)| {
            let (field, key) = if get_str(s, "kind") == "allocation" {
                ("cost_per_allocation", Msg::CostPerAllocation)
            } else {
                ("cost_per_place_day", Msg::CostPerPlaceDay)
            };
            cx.num_with(&format!("stages[{i}].{field}"), &format!("{} — {}", cx.label_of(s), cx.t(key)),
                &euro, Num::Real, Empty::Remove(Some(0.0)))
        }) }
        { for items(cx.d, "accompaniment").iter().enumerate().map(|(i, p)| {
            cx.num_with(&format!("accompaniment[{i}].cost_per_slot_year"),
                &format!("{} — {}", cx.label_of(p), &cx.t(Msg::CostPerSlotYear)), &euro, Num::Real, Empty::Remove(Some(0.0)))
        }) }
        if cx.d.get("prevention").is_some_and(|p| !p.is_null()) {
            { cx.num_with("prevention.cost_per_case", &format!("{} — {}", &cx.t(Msg::SecPrevention), &cx.t(Msg::CostPerCase)),
                &euro, Num::Real, Empty::Remove(Some(0.0))) }
        }
        </div>
    </> }
}
