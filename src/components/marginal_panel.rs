//! « Où agir ? »: the objective, the order and the replications per lever, the button that
//! runs the analysis (or cancels it), its progress, the sentence, the ranked chart with its
//! whiskers and, per lever, its effect, its yearly cost and a button applying its step. Until
//! the simulation's first ranking, the fluid model's (`data-ranking="fluid"`): its order and
//! effects, bars without whiskers, or the one line saying why there is none.

use std::rc::Rc;

use parcours_core::i18n::{format_sig, t, Lang, Msg};
use parcours_core::marginal::{
    chart, effect_text, fluid_chart, fluid_sentence, sentence, step_cost_text, LeverEffect, RankBy,
    Step, View, OBJECTIVES,
};
use parcours_core::measures::Headline;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::decide_fields::forget_button;
use crate::components::{Plot, PlotCanvas, RunProgressBar};

#[derive(Properties, PartialEq)]
pub struct MarginalPanelProps {
    pub lang: Lang,
    pub view: View,
    /// The scenario shown is no longer the one analysed.
    pub stale: bool,
    pub objective: Headline,
    pub rank_by: RankBy,
    pub replications: u64,
    /// The replication counts offered.
    pub choices: Rc<Vec<u64>>,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<()>,
    pub on_objective: Callback<String>,
    pub on_rank_by: Callback<RankBy>,
    pub on_replications: Callback<u64>,
    pub on_apply: Callback<Step>,
    /// « Oublier cette analyse », when the page's state holds this panel's question.
    #[prop_or_default]
    pub on_forget: Option<Callback<()>>,
}

fn selected(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

#[function_component(MarginalPanel)]
pub fn marginal_panel(props: &MarginalPanelProps) -> Html {
    let lang = props.lang;
    let view = &props.view;
    let on_objective = {
        let cb = props.on_objective.clone();
        Callback::from(move |e: Event| cb.emit(selected(&e)))
    };
    let on_rank_by = {
        let cb = props.on_rank_by.clone();
        Callback::from(move |e: Event| {
            cb.emit(if selected(&e) == "cost" {
                RankBy::Cost
            } else {
                RankBy::Step
            })
        })
    };
    let on_replications = {
        let cb = props.on_replications.clone();
        Callback::from(move |e: Event| {
            if let Ok(n) = selected(&e).parse() {
                cb.emit(n)
            }
        })
    };
    let run = props.on_run.reform(|_: MouseEvent| ());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let ranking = view.ranking.as_deref();
    // The fluid model's ranking until the simulation's first.
    let fluid = view.fluid.as_ref().filter(|_| ranking.is_none());
    let fluid_ranking = fluid.and_then(|f| f.as_deref().ok());
    let shown = match (ranking, fluid_ranking) {
        (Some(r), _) => Some((chart(lang, r), r.levers.len(), "simulation")),
        (None, Some(f)) => Some((fluid_chart(lang, f), f.levers.len(), "fluid")),
        (None, None) => None,
    };
    let data_ranking = shown.as_ref().map_or("none", |s| s.2);
    let chart_label = match fluid_ranking {
        Some(f) => fluid_sentence(lang, f),
        None => t(lang, Msg::MarginalChartNote).into_owned(),
    };
    let rows = shown.as_ref().map_or(0, |s| s.1);
    let plot = shown.map(|(c, ..)| Plot::Marginal(Rc::new(c), lang, 1.0));
    // One row of the chart per lever, tall enough for its name and its bar.
    let height = format!("height: {}px", 70 + 46 * rows.max(3));
    let lever_row = |(i, l): (usize, &LeverEffect)| {
        let h = &props.objective;
        let effect = effect_text(lang, h, l);
        let cost = match step_cost_text(lang, l) {
            Some(cost) => t(lang, Msg::MarginalCost { cost: &cost }).into_owned(),
            None => t(lang, Msg::MarginalNoCost).into_owned(),
        };
        let per = l.gain_per_100k.as_ref().and_then(|g| g.mean).map(|g| {
            t(
                lang,
                Msg::MarginalPer100k {
                    value: &format_sig(lang, g * h.format.scale()),
                },
            )
            .into_owned()
        });
        let label = l.step.label(lang);
        let apply = {
            let (cb, step) = (props.on_apply.clone(), l.step.clone());
            Callback::from(move |_: MouseEvent| cb.emit(step.clone()))
        };
        html! {
            <li data-lever={l.step.lever.to_string()} data-verdict={l.verdict.code()}>
                <span class="marginal-rank">{ format!("{}.", i + 1) }</span>
                <span class="marginal-name">{ label.clone() }</span>
                <span class="marginal-effect">{ format!("{} {effect}", t(lang, h.name)) }</span>
                <span class="marginal-cost">{ cost }{ per.map(|p| format!(" · {p}")).unwrap_or_default() }</span>
                <button type="button" class="secondary marginal-apply" onclick={apply}
                    aria-label={t(lang, Msg::MarginalApply { step: &label })}
                    disabled={props.stale || view.running}>
                    { t(lang, Msg::MarginalApplyShort) }</button>
            </li>
        }
    };
    html! {
        <section class="card marginal" id="marginal" aria-labelledby="marginal-title"
            data-running={view.running.to_string()} data-done={view.done.to_string()}
            data-ranking={data_ranking}>
            <h2 id="marginal-title">{ t(lang, Msg::MarginalTitle) }</h2>
            <p class="help">{ t(lang, Msg::MarginalIntro) }</p>
            <div class="marginal-controls">
                <label for="marginal-objective">{ t(lang, Msg::MarginalObjective) }</label>
                <select id="marginal-objective" onchange={on_objective}>
                    { for OBJECTIVES.iter().map(|h| html! {
                        <option value={h.code()} selected={h.id == props.objective.id}>{ t(lang, h.name) }</option>
                    }) }
                </select>
                <label for="marginal-rank-by">{ t(lang, Msg::MarginalRankBy) }</label>
                <select id="marginal-rank-by" onchange={on_rank_by}>
                    <option value="step" selected={props.rank_by == RankBy::Step}>{ t(lang, Msg::MarginalRankByStep) }</option>
                    <option value="cost" selected={props.rank_by == RankBy::Cost}>{ t(lang, Msg::MarginalRankByCost) }</option>
                </select>
                <label for="marginal-replications">{ t(lang, Msg::MarginalReplications) }</label>
                <select id="marginal-replications" onchange={on_replications} disabled={view.running}>
                    { for props.choices.iter().map(|n| html! {
                        <option value={n.to_string()} selected={*n == props.replications}>{ n.to_string() }</option>
                    }) }
                </select>
            </div>
            <div class="marginal-actions">
                if view.running {
                    <button type="button" id="marginal-cancel" class="secondary" onclick={cancel}>
                        { t(lang, Msg::CancelRun) }</button>
                } else {
                    <button type="button" id="marginal-run" class="secondary" onclick={run}>
                        { t(lang, Msg::MarginalRun) }</button>
                }
                { forget_button(lang, "marginal", &props.on_forget) }
                if view.running || (view.done > 0 && view.done < view.total) {
                    <RunProgressBar {lang} id="marginal-progress" done={view.done} total={view.total}
                        stopped={view.cancelled} />
                }
            </div>
            if view.cancelled && view.done < view.total {
                <p class="note" id="marginal-cancelled" role="status">{ t(lang, Msg::RunStopped) }</p>
            }
            if let Some(error) = &view.error {
                <p class="error" role="alert">{ t(lang, Msg::RunFailed { error }) }</p>
            }
            if props.stale && ranking.is_some() {
                <p class="note" id="marginal-stale">{ t(lang, Msg::MarginalStale) }</p>
            }
            if let Some(r) = ranking {
                <p class="marginal-sentence" id="marginal-sentence" aria-live="polite">{ sentence(lang, r) }</p>
            } else if let Some(f) = fluid_ranking {
                <p class="marginal-sentence" id="marginal-fluid" aria-live="polite">{ fluid_sentence(lang, f) }</p>
            } else if let (Some(Err(why)), Some(of)) = (fluid, &view.of) {
                <p class="note" id="marginal-fluid-none">{ why.text(lang, &of.0) }</p>
            }
            if plot.is_some() {
                <div class="marginal-chart" style={height}>
                    <PlotCanvas id="marginal-chart" {plot} label={chart_label} />
                </div>
            }
            if let Some(r) = ranking {
                <p class="help">{ t(lang, Msg::MarginalChartNote) }</p>
                <ol class="marginal-list">{ for r.levers.iter().enumerate().map(lever_row) }</ol>
            }
        </section>
    }
}
