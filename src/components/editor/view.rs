//! The editor's page: its status, the problems without a field of their own, and one
//! `<details>` per section.

use std::cell::{Cell, RefCell};

use parcours_core::editor::{Action, EditorState};
use parcours_core::i18n::{t, Lang, Msg};
use yew::prelude::*;

use super::sections::*;
use super::widgets::Ctx;

pub fn render(st: &EditorState, lang: Lang, dispatch: Callback<Action>) -> Html {
    let cx = Ctx {
        lang,
        d: &st.draft,
        st,
        problems: st.problems(lang),
        shown: RefCell::default(),
        in_section: Cell::new(0),
        scope: Cell::new("top"),
        group_problem: RefCell::new(None),
        dispatch,
    };
    let sections = [
        cx.section("territory", Msg::SecTerritory, territory),
        cx.section("types", Msg::SecTypes, household_types),
        cx.section("arrivals", Msg::SecArrivals, arrivals),
        cx.section("waiting", Msg::SecWaiting, waiting_list),
        cx.section("stages", Msg::SecStages, stages),
        cx.section("exits", Msg::SecExits, exits),
        cx.section("pools", Msg::SecPools, pools),
        cx.section("prevention", Msg::SecPrevention, prevention),
        cx.section("dalo", Msg::SecDalo, dalo),
        cx.section("costs", Msg::SecCosts, costs),
        cx.section("initial", Msg::SecInitial, initial_state),
        cx.section("json", Msg::SecJson, json_box),
    ];
    let shown = cx.shown.borrow();
    let others: Vec<(&String, &Vec<String>)> = cx
        .problems
        .iter()
        .filter(|(p, _)| !shown.contains(*p))
        .collect();
    let count: usize = cx.problems.values().map(Vec::len).sum();
    let valid = st.is_valid();
    html! {
        <section class="editor" id="editor" aria-labelledby="editor-title">
            <h2 id="editor-title">{ t(lang, Msg::EditorTitle) }</h2>
            <p class="help">{ t(lang, Msg::EditorIntro) }</p>
            <p id="editor-status" class={classes!("ed-status", if valid { "ok" } else { "bad" })}
                role="status" aria-live="polite" data-valid={valid.to_string()}>
                { if valid { t(lang, Msg::ScenarioValid).to_string() }
                  else { format!("{} ({count} {})", t(lang, Msg::ScenarioInvalid), t(lang, Msg::ProblemCount)) } }
            </p>
            if !others.is_empty() {
                <div class="ed-summary" id="editor-other-problems">
                    <p class="ed-group-title">{ t(lang, Msg::OtherProblems) }</p>
                    <ul>
                    { for others.iter().map(|(p, ms)| html! {
                        <li><code>{ (*p).clone() }</code>{ " : " }{ ms.join(" ; ") }</li>
                    }) }
                    </ul>
                </div>
            }
            { for sections }
        </section>
    }
}
