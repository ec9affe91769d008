//! The initial state: two compact tables, a row per group of households.

use parcours_core::editor::draft::{get_f64, get_str, items};
use parcours_core::editor::{Empty, Num};
use parcours_core::i18n::{format_grouped, Msg};
use serde_json::json;
use yew::prelude::*;

use super::super::widgets::{Ctx, Options};

pub(in crate::components::editor) fn initial_state(cx: &Ctx) -> Html {
    let types = cx.type_options();
    let places: Options = items(cx.d, "stages")
        .iter()
        .filter(|s| get_str(s, "kind") == "places")
        .map(|s| (get_str(s, "id").to_string(), cx.label_of(s)))
        .collect();
    let first_type = types.first().map(|t| t.0.clone()).unwrap_or_default();
    let first_stage = places.first().map(|t| t.0.clone()).unwrap_or_default();
    // One compact table per list: a row per group of households, the column headers name the
    // fields (each field keeps its own label for screen readers), problems under the field.
    let table = |path: &str, title: Msg, stage: bool, days: Msg| {
        let rows = items(cx.d, path);
        let total: f64 = rows.iter().filter_map(|r| get_f64(r, "count")).sum();
        let id = cx.id(path);
        let group = cx.t(title);
        let body = rows.iter().enumerate().map(|(i, _)| {
            let p = format!("{path}[{i}]");
            let n = i + 1;
            let named = |k: Msg| format!("{} — {group} {n}", cx.t(k));
            html! { <tr>
                <th scope="row" class="ed-rownum">{ n }</th>
                if stage {
                    <td>{ cx.select(&format!("{p}.stage"), &named(Msg::Stage), &places) }</td>
                }
                <td>{ cx.select(&format!("{p}.type"), &named(Msg::Type), &types) }</td>
                <td>{ cx.num_with(&format!("{p}.count"), &named(Msg::Count), "", Num::Unsigned, Empty::Required) }</td>
                <td>{ cx.num_with(&format!("{p}.{}", if stage { "days_in_stage" } else { "days_waiting" }),
                    &named(days), &cx.t(Msg::UnitDays), Num::Real, Empty::Remove(Some(0.0))) }</td>
                <td>{ cx.remove_button(&format!("{group} {n}"), &p) }</td>
            </tr> }
        });
        html! {
            <fieldset class="ed-sub ed-initial">
                <legend id={format!("{id}-title")}>{ group.clone() }</legend>
                if !rows.is_empty() {
                    <table class="ed-table" aria-labelledby={format!("{id}-title")} id={id.clone()}>
                        <thead><tr>
                            <th scope="col"><span class="sr-only">{ "#" }</span></th>
                            if stage { <th scope="col">{ cx.t(Msg::Stage) }</th> }
                            <th scope="col">{ cx.t(Msg::Type) }</th>
                            <th scope="col">{ cx.t(Msg::Count) }</th>
                            <th scope="col">{ cx.t(days) }</th>
                            <th scope="col"><span class="sr-only">{ cx.t(Msg::Remove) }</span></th>
                        </tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                    <p class="ed-sum" id={format!("{id}-total")}>
                        { format!("{} : {}", &cx.t(Msg::Count), format_grouped(cx.lang, total, 0)) }</p>
                }
                { cx.group_err(path) }
                { cx.add_button(Msg::AddGroup, path, if stage {
                    json!({"stage": first_stage, "type": first_type, "count": 0, "days_in_stage": 0.0})
                } else {
                    json!({"type": first_type, "count": 0, "days_waiting": 0.0})
                }) }
            </fieldset>
        }
    };
    html! { <>
        { cx.group_err("initial_state") }
        { table("initial_state.waiting", Msg::InitialWaiting, false, Msg::DaysWaiting) }
        { table("initial_state.stages", Msg::InitialStages, true, Msg::DaysInStage) }
    </> }
}
