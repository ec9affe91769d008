//! The exits of the pathway.

use parcours_core::editor::draft::{get_str, ids, items};
use parcours_core::editor::edits::fresh_id;
use parcours_core::editor::Action;
use parcours_core::i18n::Msg;
use serde_json::json;
use yew::prelude::*;

use super::super::widgets::{Ctx, Options};

pub(in crate::components::editor) fn exits(cx: &Ctx) -> Html {
    let kinds: Options = vec![
        ("housed".into(), cx.t(Msg::ExitHoused).into()),
        ("private_or_family".into(), cx.t(Msg::ExitPrivate).into()),
        ("street".into(), cx.t(Msg::ExitStreet).into()),
        ("other".into(), cx.t(Msg::ExitOther).into()),
    ];
    let taken: Vec<String> = ids(cx.d, "stages")
        .into_iter()
        .chain(ids(cx.d, "exits"))
        .collect();
    let new_id = fresh_id("exit", &taken);
    html! { <>
        { cx.group_err("exits") }
        { for items(cx.d, "exits").iter().enumerate().map(|(i, e)| {
            let p = format!("exits[{i}]");
            let old = get_str(e, "id").to_string();
            let dispatch = cx.dispatch.clone();
            let rename = Callback::from(move |new: String| dispatch.emit(Action::RenameDest { old: old.clone(), new }));
            let comeback = e.get("comeback").is_some_and(|c| !c.is_null());
            let on_comeback = {
                let (dispatch, cp) = (cx.dispatch.clone(), format!("{p}.comeback"));
                Callback::from(move |on: bool| dispatch.emit(if on {
                    Action::Set { path: cp.clone(), value: json!({"probability": 0.0, "mean_months": 3.0}) }
                } else {
                    Action::Remove { path: cp.clone() }
                }))
            };
            html! { <fieldset class="ed-item">
                <legend>{ cx.label_of(e) }</legend>
                <div class="ed-grid">
                    { cx.text_with(&format!("{p}.id"), &cx.t(Msg::Id), Some(rename)) }
                    { cx.text(&format!("{p}.label.fr"), Msg::LabelFr) }
                    { cx.text(&format!("{p}.label.en"), Msg::LabelEn) }
                    { cx.select(&format!("{p}.kind"), &cx.t(Msg::ExitKind), &kinds) }
                </div>
                { cx.checkbox(&format!("{p}.comeback"), &cx.t(Msg::Comeback), comeback, on_comeback) }
                if comeback {
                    <div class="ed-grid">
                        { cx.num(&format!("{p}.comeback.probability"), Msg::ComebackProbability, Some(Msg::UnitShare)) }
                        { cx.num(&format!("{p}.comeback.mean_months"), Msg::ComebackMonths, Some(Msg::UnitMonths)) }
                    </div>
                }
                { cx.remove_button(&cx.label_of(e), &p) }
            </fieldset> }
        }) }
        { cx.add_button(Msg::AddExit, "exits", json!({"id": new_id, "label": {"fr": new_id, "en": new_id}, "kind": "other"})) }
    </> }
}
