//! The accompaniment pools.

use parcours_core::editor::draft::{get_str, ids, items};
use parcours_core::editor::edits::fresh_id;
use parcours_core::editor::Action;
use parcours_core::i18n::Msg;
use serde_json::{json, Value};
use yew::prelude::*;

use super::super::widgets::{Ctx, Options};

pub(in crate::components::editor) fn pools(cx: &Ctx) -> Html {
    let when: Options = vec![
        ("unaccompanied".into(), cx.t(Msg::WhenFullUnacc).into()),
        ("wait".into(), cx.t(Msg::WhenFullWait).into()),
    ];
    let stages = cx.stage_options();
    let mut dests = vec![(String::new(), cx.t(Msg::NoneOption).to_string())];
    dests.extend(cx.dest_options());
    let new_id = fresh_id("pool", &ids(cx.d, "accompaniment"));
    html! { <>
        { cx.group_err("accompaniment") }
        { for items(cx.d, "accompaniment").iter().enumerate().map(|(i, pool)| {
            let p = format!("accompaniment[{i}]");
            let attached: Vec<String> = items(cx.d, &format!("{p}.stages")).iter()
                .filter_map(Value::as_str).map(str::to_string).collect();
            let shift = get_str(pool, "shift_to").to_string();
            let on_shift = {
                let (dispatch, sp) = (cx.dispatch.clone(), format!("{p}.shift_to"));
                Callback::from(move |v: String| dispatch.emit(if v.is_empty() {
                    Action::Remove { path: sp.clone() }
                } else {
                    Action::Set { path: sp.clone(), value: json!(v) }
                }))
            };
            html! { <fieldset class="ed-item">
                <legend>{ cx.label_of(pool) }</legend>
                <div class="ed-grid">
                    { cx.text(&format!("{p}.id"), Msg::Id) }
                    { cx.text(&format!("{p}.label.fr"), Msg::LabelFr) }
                    { cx.text(&format!("{p}.label.en"), Msg::LabelEn) }
                    { cx.int(&format!("{p}.slots"), Msg::Slots, None) }
                    { cx.select(&format!("{p}.when_full"), &cx.t(Msg::WhenFull), &when) }
                    { cx.num_default(&format!("{p}.stay_multiplier"), Msg::StayMultiplier, None, 1.0) }
                    { cx.num_default(&format!("{p}.street_shift"), Msg::StreetShift, Some(Msg::UnitShare), 0.0) }
                    { cx.select_with(&format!("{p}.shift_to"), &cx.t(Msg::ShiftTo), &shift, &dests, on_shift) }
                    { cx.num_default(&format!("{p}.tenancy_failure_multiplier"), Msg::TenancyMult, None, 1.0) }
                    { cx.num_default(&format!("{p}.months_in_housing"), Msg::MonthsInHousing, Some(Msg::UnitMonths), 0.0) }
                    { cx.num_default(&format!("{p}.cost_per_slot_year"), Msg::CostPerSlotYear, Some(Msg::UnitEuros), 0.0) }
                </div>
                <fieldset class="ed-sub">
                    <legend>{ cx.t(Msg::PoolStages) }</legend>
                    <div class="ed-grid">
                    { for stages.iter().map(|(id, label)| {
                        let on = {
                            let (dispatch, sp, list, id) = (cx.dispatch.clone(), format!("{p}.stages"), attached.clone(), id.clone());
                            Callback::from(move |checked: bool| {
                                let mut l = list.clone();
                                l.retain(|x| *x != id);
                                if checked { l.push(id.clone()); }
                                dispatch.emit(Action::Set { path: sp.clone(), value: json!(l) })
                            })
                        };
                        cx.checkbox(&format!("{p}.stages.{id}"), label, attached.contains(id), on)
                    }) }
                    </div>
                    { for (0..attached.len()).map(|j| cx.group_err(&format!("{p}.stages[{j}]"))) }
                </fieldset>
                { cx.remove_button(&cx.label_of(pool), &p) }
            </fieldset> }
        }) }
        { cx.add_button(Msg::AddPool, "accompaniment", json!({"id": new_id, "label": {"fr": new_id, "en": new_id}, "slots": 0, "stages": []})) }
    </> }
}
