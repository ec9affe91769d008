//! What « Que faut-il pour… ? » and « Avec ce budget ? » share: the objective and replications
//! selects, the levers allowed (a checkbox each, with its bounds), the run / cancel buttons and
//! a failure said in the page's language; with « Où agir ? », the button forgetting the
//! analysis the page's state carries.

use std::rc::Rc;

use parcours_core::analysis::view::Failure;
use parcours_core::analysis::{AllowedLever, Objective};
use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::levers::{Lever, LeverId, Settings};
use parcours_core::marginal::OBJECTIVES;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::number_field::{NumberField, NumberKind};

pub fn selected(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A field's callback: `set` puts the field's value `T` into a copy of the panel's question
/// `ask`, which goes to `on` (each field of a decision panel edits one part of its question).
pub fn edit<A: Clone + 'static, T: 'static>(
    ask: &A,
    on: &Callback<A>,
    set: impl Fn(&mut A, T) + 'static,
) -> Callback<T> {
    let (ask, on) = (ask.clone(), on.clone());
    Callback::from(move |x: T| {
        let mut a = ask.clone();
        set(&mut a, x);
        on.emit(a)
    })
}

/// The objective's select, `id` its DOM id.
pub fn objective_select(
    lang: Lang,
    id: &'static str,
    value: Objective,
    on: Callback<Objective>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Some(h) = parcours_core::marginal::objective(&selected(&e)) {
            on.emit(Objective(h))
        }
    });
    html! {
        <>
        <label for={id}>{ t(lang, Msg::MarginalObjective) }</label>
        <select {id} {onchange}>
            { for OBJECTIVES.iter().map(|h| html! {
                <option value={h.code()} selected={h.id == value.0.id}>{ t(lang, h.name) }</option>
            }) }
        </select>
        </>
    }
}

/// The replications' select.
pub fn replications_select(
    lang: Lang,
    id: &'static str,
    label: Msg<'static>,
    value: u64,
    choices: &[u64],
    on: Callback<u64>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Ok(n) = selected(&e).parse() {
            on.emit(n)
        }
    });
    html! {
        <>
        <label for={id}>{ t(lang, label) }</label>
        <select {id} {onchange}>
            { for choices.iter().map(|n| html! {
                <option value={n.to_string()} selected={*n == value}>{ n.to_string() }</option>
            }) }
        </select>
        </>
    }
}

/// Run, or Cancel while running.
pub fn run_button(
    lang: Lang,
    prefix: &'static str,
    label: Msg<'static>,
    running: bool,
    on_run: &Callback<()>,
    on_cancel: &Callback<()>,
) -> Html {
    if running {
        html! {
            <button type="button" id={format!("{prefix}-cancel")} class="secondary"
                onclick={on_cancel.reform(|_: MouseEvent| ())}>{ t(lang, Msg::CancelRun) }</button>
        }
    } else {
        html! {
            <button type="button" id={format!("{prefix}-run")} class="secondary decide-run"
                onclick={on_run.reform(|_: MouseEvent| ())}>{ t(lang, label) }</button>
        }
    }
}

/// « Oublier cette analyse », in the panel whose question the page's state holds (`on_forget`
/// is `None` in the others): the link, the library and the report no longer carry it.
pub fn forget_button(lang: Lang, prefix: &'static str, on_forget: &Option<Callback<()>>) -> Html {
    let Some(on_forget) = on_forget else {
        return Html::default();
    };
    html! {
        <button type="button" id={format!("{prefix}-forget")} class="secondary decide-forget"
            onclick={on_forget.reform(|_: MouseEvent| ())}>{ t(lang, Msg::ForgetAnalysis) }</button>
    }
}

/// A failure in the page's language.
pub fn failure_text(lang: Lang, f: &Failure) -> String {
    match f {
        Failure::Ask(e) => e.text(lang),
        Failure::Run(error) => t(lang, Msg::RunFailed { error }).into_owned(),
        Failure::Search(why) => t(lang, Msg::DecideFailed { why }).into_owned(),
    }
}

#[derive(Properties, PartialEq)]
pub struct AllowedLeversProps {
    pub lang: Lang,
    /// Prefix of the fields' ids (`seek` → `seek-lever-places-hu`).
    pub prefix: &'static str,
    pub levers: Rc<Vec<Lever>>,
    /// The levers' values now (the settings'; a lever absent is at its baseline): the bounds'
    /// defaults start there, as the core's do.
    pub settings: Settings,
    pub chosen: Vec<AllowedLever>,
    /// Whether a lower bound can be given too (the optimiser may lower a lever).
    #[prop_or_default]
    pub with_min: bool,
    pub on_change: Callback<Vec<AllowedLever>>,
}

/// The levers a search may move (the arrival trend is not one): a checkbox each and, once
/// checked, its bounds (shown at their defaults: its value now and the top of its slider).
#[function_component(AllowedLevers)]
pub fn allowed_levers(props: &AllowedLeversProps) -> Html {
    let lang = props.lang;
    let row = |lever: &Lever| {
        let id = lever.id.clone();
        let position = props.chosen.iter().position(|a| a.lever == id);
        let dom = format!("{}-{}", props.prefix, id);
        let toggle = {
            let (chosen, on, id) = (props.chosen.clone(), props.on_change.clone(), id.clone());
            Callback::from(move |e: Event| {
                let on_now = e.target_unchecked_into::<HtmlInputElement>().checked();
                let mut c: Vec<AllowedLever> =
                    chosen.iter().filter(|a| a.lever != id).cloned().collect();
                if on_now {
                    c.push(AllowedLever {
                        lever: id.clone(),
                        min: None,
                        max: None,
                    });
                }
                on.emit(c)
            })
        };
        let bound = |is_max: bool| {
            let k = position?;
            let a = &props.chosen[k];
            let current = props
                .settings
                .values
                .get(&lever.id)
                .copied()
                .unwrap_or(lever.baseline);
            let value = if is_max {
                a.max.unwrap_or(lever.max.max(current))
            } else {
                a.min.unwrap_or(current)
            };
            let (chosen, on) = (props.chosen.clone(), props.on_change.clone());
            let on_commit = Callback::from(move |x: f64| {
                let mut c = chosen.clone();
                if is_max {
                    c[k].max = Some(x);
                } else {
                    c[k].min = Some(x);
                }
                on.emit(c)
            });
            let label = lever.label(lang);
            let aria = if is_max {
                t(lang, Msg::DecideMax { lever: &label })
            } else {
                t(lang, Msg::DecideMin { lever: &label })
            };
            let field_id = format!("{dom}-{}", if is_max { "max" } else { "min" });
            Some(html! {
                <NumberField {lang} id={field_id} {value} kind={NumberKind::Real}
                    class={classes!("decide-bound")} aria_label={Some(AttrValue::from(aria.into_owned()))} {on_commit} />
            })
        };
        html! {
            <li class="decide-lever">
                <label>
                    <input type="checkbox" id={dom.clone()} checked={position.is_some()} onchange={toggle} />
                    { lever.label(lang) }
                </label>
                if position.is_some() {
                    <span class="decide-bounds">
                        if props.with_min { { bound(false).unwrap_or_default() } <span aria-hidden="true">{ "–" }</span> }
                        { bound(true).unwrap_or_default() }
                        <span class="decide-unit">{ lever.unit(lang) }</span>
                    </span>
                }
            </li>
        }
    };
    html! {
        <fieldset class="decide-levers">
            <legend>{ t(lang, Msg::DecideLevers) }</legend>
            <ul>{ for props.levers.iter().filter(|l| l.id != LeverId::Trend).map(row) }</ul>
        </fieldset>
    }
}
