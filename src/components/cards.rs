//! Headline cards: baseline, scenario, the difference with its 95 % interval and relative
//! change, and the verdict (`insight::judge`: only once the runs are complete, notable and
//! outside the noise, on measures with a direction for households; a one-line reading on the
//! others). Under them, « why it moved » after a change, and once what the figures are.

use std::rc::Rc;

use parcours_engine::{Comparison, Summary};
use yew::prelude::*;

use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::insight::answers::Answers;
use parcours_core::insight::{card_step, card_text, card_unit, figure_text, Tone};
use parcours_core::measures::{
    Better, Format, HEADLINES, STREET_BETWEEN_REQUESTS, WITHOUT_SOLUTION,
};
use parcours_core::preview::Preview;

#[derive(Properties, PartialEq)]
pub struct CardsProps {
    pub lang: Lang,
    pub base: Option<Rc<Summary>>,
    pub scen: Option<Rc<Summary>>,
    pub comparison: Option<Rc<Comparison>>,
    /// Every run is complete: verdicts may be given.
    #[prop_or(true)]
    pub complete: bool,
    /// The note, the bottleneck and « why it moved » (`insight::answers`).
    #[prop_or_default]
    pub answers: Rc<Answers>,
    /// The bottleneck in one clause, said above the cards (the page's summary: its diagram, with
    /// the whole sentence, is further down); empty: not said.
    #[prop_or_default]
    pub bottleneck: AttrValue,
    /// The fluid approximation (« ≈ N » until the simulation's first figures).
    #[prop_or_default]
    pub preview: Rc<Preview>,
    /// Where the approximation is poor, the sentence saying so; empty: not said.
    #[prop_or_default]
    pub approx_warning: AttrValue,
}

#[function_component(Cards)]
pub fn cards(props: &CardsProps) -> Html {
    let lang = props.lang;
    // Compact cards (figure and verdict) fit beside the levers; their details on demand.
    let detailed = use_state(|| false);
    let toggle = {
        let detailed = detailed.clone();
        Callback::from(move |_: MouseEvent| detailed.set(!*detailed))
    };
    let comparing = props.scen.is_some();
    let cards = HEADLINES.iter().map(|h| {
        let key = h.key();
        let base = props.base.as_ref().and_then(|s| s.headline(&key));
        let scen = props.scen.as_ref().and_then(|s| s.headline(&key));
        let diff = props.comparison.as_ref().and_then(|c| c.difference(&key));
        let card = card_text(lang, h, base, scen, diff.filter(|_| comparing), props.complete);
        // Width of the baseline's 95 % interval, for the tests (it shrinks as replications arrive).
        let ci_width = base
            .and_then(|e| Some(e.ci_high? - e.ci_low?))
            .map(|w| w.to_string())
            .unwrap_or_default();
        let tone = card.verdict.map_or(Tone::Neutral, |v| v.tone());
        let verdict_code = card.verdict.map(|v| v.code());
        let reading = matches!(h.better, Better::ViewDependent(_));
        // « Sans solution » counts those on the street between two requests: said on the card.
        let detail = (h.id == WITHOUT_SOLUTION.id).then(|| {
            let street = |s: &Option<Rc<Summary>>| {
                s.as_ref().and_then(|s| s.headline(&STREET_BETWEEN_REQUESTS.key())).and_then(|e| e.mean)
            };
            let shown = if comparing { street(&props.scen) } else { street(&props.base) };
            let step = card_step(h, &[base.and_then(|e| e.mean)]);
            shown.map(|x| t(lang, Msg::StreetBetweenDetail { count: &figure_text(lang, h, Some(x), step) }).into_owned())
        }).flatten();
        // A compact card hides its unit line: a cost keeps « M€ » after its figure.
        let short_unit = (h.format == Format::MillionEuros).then(|| html! {
            <span class="kpi-short-unit">{ t(lang, Msg::MillionEurosShort) }</span>
        });
        let approx = props.preview.card(lang, h).map(|a| html! {
            <p class="kpi-approx" title={t(lang, Msg::ApproxHelp)}>
                if let Some(label) = a.label {
                    <span class="kpi-approx-label">{ format!("{label} ") }</span>
                }
                <span class="kpi-approx-figure">{ a.figure }</span></p>
        });
        let title_id = format!("card-{}-title", h.id);
        html! {
            <article class={classes!("kpi", comparing.then_some(tone.class()), reading.then_some("view-dependent"),
                    (comparing && card.provisional).then_some("provisional"))}
                id={format!("card-{}", h.id)} aria-labelledby={title_id.clone()} data-ci-width={ci_width}
                data-verdict={verdict_code}>
                // Compact: the short name shown, the full one read (and shown with the details).
                <h3 id={title_id}><span class="kpi-name">{ h.name(lang) }</span>
                    <span class="kpi-short-name" aria-hidden="true">{ h.short_name(lang) }</span></h3>
                <details class="kpi-help" id={format!("card-{}-help", h.id)}>
                    <summary><span aria-hidden="true">{ "?" }</span>
                        <span class="visually-hidden">{ t(lang, Msg::CardHelp { name: &h.name(lang) }) }</span></summary>
                    <p>{ t(lang, h.help) }</p>
                </details>
                <p class="kpi-unit">{ card_unit(lang, h) }</p>
                if let Some(detail) = detail {
                    <p class="kpi-detail">{ detail }</p>
                }
                if comparing {
                    <dl class="kpi-pair">
                        <div><dt>{ t(lang, Msg::Baseline) }</dt>
                            <dd class="kpi-base">{ card.baseline.clone() }{ short_unit.clone() }</dd></div>
                        <div><dt>{ t(lang, Msg::Scenario) }</dt>
                            <dd class="kpi-scen">{ card.scenario.clone() }{ short_unit.clone() }</dd></div>
                    </dl>
                    <p class="kpi-diff">{ card.difference.clone() }
                        if !card.relative.is_empty() {
                            <span class="kpi-relative">{ format!(" · {}", card.relative) }</span>
                        }
                    </p>
                    <p class={classes!("kpi-verdict", reading.then_some("kpi-reading"))}>
                        { card.verdict.map(|v| v.text(lang)).unwrap_or_default() }</p>
                    { approx }
                } else {
                    <p class="kpi-value kpi-base">{ card.baseline.clone() }{ short_unit }</p>
                    { approx }
                    <p class="kpi-ci">{ card.baseline_ci.clone() }</p>
                }
            </article>
        }
    });
    let answers = &props.answers;
    html! {
        <>
        <div class="kpis-head">
            if !props.bottleneck.is_empty() {
                <p class="summary-bottleneck" id="summary-bottleneck">{ props.bottleneck.clone() }</p>
            }
            <button type="button" class="details-toggle" id="cards-details" aria-pressed={detailed.to_string()}
                aria-controls="kpis" onclick={toggle}>{ t(lang, Msg::CardDetails) }</button>
        </div>
        if !props.approx_warning.is_empty() {
            <p class="approx-warning" id="approx-warning">{ props.approx_warning.clone() }</p>
        }
        <section class={classes!("kpis", (*detailed).then_some("detailed"))} id="kpis" aria-label={t(lang, Msg::KeyFigures)}>
            { for cards }
        </section>
        if let Some(moved) = answers.moved.as_ref().filter(|_| comparing) {
            <p class="why-it-moved" id="why-it-moved" data-quotes={moved.quotes_attribute()}>
                { moved.text.clone() }</p>
        }
        if !answers.note.is_empty() {
            <p class="figures-note" id="figures-note" hidden={!*detailed}>{ answers.note.clone() }</p>
        }
        </>
    }
}
