//! « Que faut-il pour… ? »: the target (objective, a change or a level, the month, the
//! probability), the levers allowed, the replications per amount; run / cancel, progress; the
//! answer in sentences (`seek::sentence`) and a button applying it to the levers.

use std::rc::Rc;

use parcours_core::analysis::view::SeekView;
use parcours_core::analysis::SeekAsk;
use parcours_core::i18n::calendar::month_name;
use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::levers::{Lever, Settings};
use parcours_core::seek::sentences;
use parcours_core::target::{Goal, Month};
use yew::prelude::*;

use crate::components::decide_fields::{
    edit, failure_text, forget_button, objective_select, replications_select, run_button, selected,
    AllowedLevers,
};
use crate::components::number_field::{NumberField, NumberKind};

#[derive(Properties, PartialEq)]
pub struct SeekPanelProps {
    pub lang: Lang,
    pub ask: SeekAsk,
    pub levers: Rc<Vec<Lever>>,
    /// The levers' values now.
    pub settings: Settings,
    /// The month a target chosen anew is read in (its year, when the month is picked again).
    pub default_by: Month,
    pub view: SeekView,
    /// The scenario shown is no longer the one asked about.
    pub stale: bool,
    pub choices: Rc<Vec<u64>>,
    pub on_ask: Callback<SeekAsk>,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<()>,
    pub on_apply: Callback<()>,
    /// « Oublier cette analyse », when the page's state holds this panel's question.
    #[prop_or_default]
    pub on_forget: Option<Callback<()>>,
}

#[function_component(SeekPanel)]
pub fn seek_panel(props: &SeekPanelProps) -> Html {
    let lang = props.lang;
    let (ask, view) = (&props.ask, &props.view);
    let on = &props.on_ask;
    let on_objective = edit(ask, on, |a: &mut SeekAsk, objective| {
        a.objective = objective
    });
    let on_replications = edit(ask, on, |a: &mut SeekAsk, n| a.replications = n);
    let on_levers = edit(ask, on, |a: &mut SeekAsk, levers| a.levers = levers);
    let scale = ask.objective.0.format.scale();
    let is_level = matches!(ask.goal, Goal::Level(_));
    let on_kind = edit(ask, on, |a: &mut SeekAsk, e: Event| {
        a.goal = if selected(&e) == "level" {
            Goal::Level(0.0)
        } else {
            Goal::Change(-0.5)
        }
    });
    let (goal_value, on_goal) = match ask.goal {
        Goal::Change(c) => (
            c * 100.0,
            edit(ask, on, |a: &mut SeekAsk, x: f64| {
                a.goal = Goal::Change(x / 100.0)
            }),
        ),
        Goal::Level(v) => (
            v * scale,
            edit(ask, on, move |a: &mut SeekAsk, x: f64| {
                a.goal = Goal::Level(x / scale)
            }),
        ),
    };
    // The month (or « over the whole window »: no month) and its year.
    let default_year = props.default_by.year;
    let on_month = edit(ask, on, move |a: &mut SeekAsk, e: Event| {
        let year = a.by.map_or(default_year, |m| m.year);
        a.by = selected(&e).parse().ok().map(|month| Month { year, month });
    });
    let on_year = edit(ask, on, |a: &mut SeekAsk, year: f64| {
        a.by = a.by.map(|m| Month {
            year: year as i32,
            ..m
        });
    });
    let goal_label = if is_level {
        t(
            lang,
            Msg::SeekGoalLevel {
                unit: &t(lang, ask.objective.0.name),
            },
        )
    } else {
        t(lang, Msg::SeekGoalChange)
    };
    let answer = view.seek.as_ref().and_then(|s| s.answer());
    let sentences = view
        .seek
        .as_ref()
        .map(|s| sentences(lang, s))
        .unwrap_or_default();
    let done = view.seek.is_some() && !view.running && view.failure.is_none();
    html! {
        <section class="card marginal decide" id="seek" aria-labelledby="seek-title"
            data-running={view.running.to_string()} data-runs={view.runs.to_string()}
            data-answered={(done && answer.is_some()).to_string()}>
            <h2 id="seek-title">{ t(lang, Msg::SeekTitle) }</h2>
            <p class="help">{ t(lang, Msg::SeekIntro) }</p>
            <div class="marginal-controls">
                { objective_select(lang, "seek-objective", ask.objective, on_objective) }
                <label for="seek-goal-kind">{ t(lang, Msg::SeekGoalKind) }</label>
                <select id="seek-goal-kind" onchange={on_kind}>
                    <option value="change" selected={!is_level}>{ t(lang, Msg::SeekGoalKindChange) }</option>
                    <option value="level" selected={is_level}>{ t(lang, Msg::SeekGoalKindLevel) }</option>
                </select>
                <label for="seek-goal">{ goal_label }</label>
                <NumberField {lang} id="seek-goal" value={goal_value} on_commit={on_goal} />
                <label for="seek-by">{ t(lang, Msg::SeekBy) }</label>
                <span class="decide-month">
                    <select id="seek-by" onchange={on_month}>
                        <option value="" selected={ask.by.is_none()}>{ t(lang, Msg::SeekWholeWindow) }</option>
                        { for (1..=12u32).map(|m| html! {
                            <option value={m.to_string()} selected={ask.by.is_some_and(|b| b.month == m)}>{ month_name(lang, m) }</option>
                        }) }
                    </select>
                    if let Some(by) = ask.by {
                        <NumberField {lang} id="seek-by-year" value={by.year as f64} kind={NumberKind::Whole}
                            aria_label={Some(AttrValue::from(t(lang, Msg::SeekYear).into_owned()))} on_commit={on_year} />
                    }
                </span>
                <label for="seek-probability">{ t(lang, Msg::SeekProbabilityField) }</label>
                <NumberField {lang} id="seek-probability" value={ask.probability * 100.0}
                    on_commit={edit(ask, on, |a: &mut SeekAsk, x: f64| a.probability = x / 100.0)} />
                { replications_select(lang, "seek-replications", Msg::SeekReplications, ask.replications, &props.choices, on_replications) }
            </div>
            <AllowedLevers {lang} prefix="seek" levers={props.levers.clone()} settings={props.settings.clone()} chosen={ask.levers.clone()} on_change={on_levers} />
            <div class="marginal-actions">
                { run_button(lang, "seek", Msg::SeekRun, view.running, &props.on_run, &props.on_cancel) }
                { forget_button(lang, "seek", &props.on_forget) }
                if view.running || view.runs > 0 {
                    <span class="decide-progress" role="status">{ t(lang, Msg::DecideRuns { runs: view.runs }) }</span>
                }
            </div>
            if let Some(f) = &view.failure {
                <p class="error" role="alert" id="seek-error">{ failure_text(lang, f) }</p>
            }
            if props.stale && view.seek.is_some() {
                <p class="note">{ t(lang, Msg::DecideStale) }</p>
            }
            if view.seek.is_some() {
                <div id="seek-sentence" aria-live="polite">
                    { for sentences.iter().enumerate().map(|(i, s)| {
                        // The last says what the share covers: a note.
                        let note = i + 1 == sentences.len();
                        html! { <p class={classes!("decide-line", note.then_some("help"))}>{ s.clone() }</p> }
                    }) }
                </div>
                if done && answer.is_some() {
                    <button type="button" id="seek-apply" class="secondary" disabled={props.stale}
                        onclick={props.on_apply.reform(|_: MouseEvent| ())}>{ t(lang, Msg::DecideApply) }</button>
                }
            }
        </section>
    }
}
