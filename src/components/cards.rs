//! Headline cards: baseline, scenario, difference with its 95 % interval, and a verdict.

use std::rc::Rc;

use parcours_engine::{Comparison, Summary};
use yew::prelude::*;

use parcours_core::i18n::{format_num, t, Lang, Msg};
use parcours_core::insight::{difference_text, tone, verdict};
use parcours_core::measures::HEADLINES;

#[derive(Properties, PartialEq)]
pub struct CardsProps {
    pub lang: Lang,
    pub base: Option<Rc<Summary>>,
    pub scen: Option<Rc<Summary>>,
    pub comparison: Option<Rc<Comparison>>,
}

#[function_component(Cards)]
pub fn cards(props: &CardsProps) -> Html {
    let lang = props.lang;
    let comparing = props.scen.is_some();
    let cards = HEADLINES.iter().map(|h| {
        let key = h.key();
        let base = props.base.as_ref().and_then(|s| s.headline(&key)).cloned();
        let scen = props.scen.as_ref().and_then(|s| s.headline(&key)).cloned();
        let diff = props
            .comparison
            .as_ref()
            .and_then(|c| c.difference(&key))
            .cloned();
        let value = |e: &Option<parcours_engine::Estimate>| {
            e.as_ref()
                .and_then(|e| e.mean)
                .map(|m| format_num(lang, m))
                .unwrap_or_else(|| "…".into())
        };
        // Width of the baseline's 95 % interval, for the tests (it shrinks as replications arrive).
        let ci_width = base
            .as_ref()
            .and_then(|e| Some(e.ci_high? - e.ci_low?))
            .map(|w| w.to_string())
            .unwrap_or_default();
        let (tone_class, verdict_text, diff_text) = match &diff {
            Some(d) => (
                match tone(h.better, d) {
                    1 => "good",
                    -1 => "bad",
                    _ => "neutral",
                },
                verdict(lang, h.better, d),
                difference_text(lang, d).unwrap_or_default(),
            ),
            None => ("neutral", String::new(), String::new()),
        };
        let title_id = format!("card-{}-title", h.id);
        html! {
            <article class={classes!("kpi", comparing.then_some(tone_class))} id={format!("card-{}", h.id)}
                aria-labelledby={title_id.clone()} data-ci-width={ci_width}>
                <h3 id={title_id}>{ h.name(lang) }</h3>
                <p class="kpi-unit">{ h.unit(lang) }</p>
                if comparing {
                    <dl class="kpi-pair">
                        <div><dt>{ t(lang, Msg::Baseline) }</dt>
                            <dd class="kpi-base">{ value(&base) }</dd></div>
                        <div><dt>{ t(lang, Msg::Scenario) }</dt>
                            <dd class="kpi-scen">{ value(&scen) }</dd></div>
                    </dl>
                    <p class="kpi-diff">{ diff_text }</p>
                    <p class="kpi-verdict">{ verdict_text }</p>
                } else {
                    <p class="kpi-value kpi-base">{ value(&base) }</p>
                    <p class="kpi-ci">{
                        base.as_ref().and_then(|e| Some((e.ci_low?, e.ci_high?)))
                            .map(|(low, high)| t(lang, Msg::CiRange { low, high }))
                            .unwrap_or_default()
                    }</p>
                }
            </article>
        }
    });
    html! {
        <section class="kpis" aria-label={t(lang, Msg::KeyFigures)}>
            { for cards }
        </section>
    }
}
