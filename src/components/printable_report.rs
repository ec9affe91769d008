//! The printable report of a comparison: a page over the app (« Imprimer », « Fermer ») that
//! prints alone on A4 (`@media print` in the style sheet hides the rest of the app). It shows the
//! scenario, the levers changed, the headline table with its verdicts, the decision-support
//! analyses computed (question and answer), the charts (images of the canvases and of the
//! diagram), the bottleneck sentences, the seed and replications, and the sources. Opening it also opens the browser's print dialog once.

use std::rc::Rc;

use parcours_core::catalog::PreparedEntry;
use parcours_core::i18n::{
    add_months, capitalized, colon, long_date, month_year, t, Lang, Localized, Msg,
};
use parcours_core::insight::answers::Answers;
use parcours_core::insight::{card_text, card_unit};
use parcours_core::levers::{Lever, Settings};
use parcours_core::report_text::{
    lever_change_text, lever_changes, opening_lines, scenario_changes, AnalysisSection,
};
use parcours_core::result_tables::headline_rows;
use parcours_core::runs::{Results, DEFAULT_SEED};
use parcours_core::sources::{any_untranslated, by_section};
use parcours_core::state::Same;
use parcours_engine::Scenario;
use yew::prelude::*;

use crate::web::png::svg_data_url;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub lang: Lang,
    /// The territory's baseline.
    pub baseline: Same<Scenario>,
    /// The prepared scenario chosen, or the baseline: the network before the advanced editor.
    pub prepared: Same<Scenario>,
    /// The network the levers act on (changed in the advanced editor, or `prepared`).
    pub network: Same<Scenario>,
    /// What runs against the baseline: `network` with the levers applied.
    pub scenario: Same<Scenario>,
    /// The prepared scenario chosen, as the catalog lists it.
    pub prepared_entry: Option<PreparedEntry>,
    pub comparing: bool,
    pub levers: Rc<Vec<Lever>>,
    pub settings: Settings,
    pub results: Results,
    /// The runs' seed (the link's, if it set one).
    #[prop_or(DEFAULT_SEED)]
    pub seed: u64,
    pub on_close: Callback<()>,
    /// The note, bottlenecks and « why it moved », as the page says them.
    #[prop_or_default]
    pub answers: Rc<Answers>,
    /// The decision-support analyses computed (« Où agir ? »…), each a section.
    #[prop_or_default]
    pub analyses: Rc<Vec<AnalysisSection>>,
}

/// One analysis: the question asked (facts), the answer's sentence and, if it has one, its table
/// (whose first cell names its row).
fn analysis_section(lang: Lang, a: &AnalysisSection) -> Html {
    let id = format!("report-analysis-{}", a.kind);
    html! {
        <section class="report-section report-analysis" id={id.clone()} aria-labelledby={format!("{id}-title")}>
            <h2 id={format!("{id}-title")}>{ a.title.clone() }</h2>
            <h3>{ t(lang, Msg::ReportAnalysisQuestion) }</h3>
            <dl class="report-facts">
                { for a.question.iter().map(|(k, v)| html! { <><dt>{ k.clone() }</dt><dd>{ v.clone() }</dd></> }) }
            </dl>
            <h3>{ t(lang, Msg::ReportAnalysisAnswer) }</h3>
            <p class="report-analysis-sentence">{ a.sentence.clone() }</p>
            if !a.rows.is_empty() {
            <table class="report-table">
                <thead><tr>{ for a.headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
                <tbody>{ for a.rows.iter().map(|row| html! {
                    <tr>{ for row.iter().enumerate().map(|(i, cell)| if i == 0 {
                        html! { <th scope="row">{ cell.clone() }</th> }
                    } else {
                        html! { <td>{ cell.clone() }</td> }
                    }) }</tr>
                }) }</tbody>
            </table>
            }
            if let Some(note) = &a.note {
                <p class="help">{ note.clone() }</p>
            }
        </section>
    }
}

/// Charts captured from the page: (caption, image URL).
type Images = Vec<(String, String)>;

/// Images of the page's charts as they are drawn now.
fn capture(lang: Lang) -> Images {
    let document = gloo_utils::document();
    let text = |id: &str| {
        document
            .get_element_by_id(id)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let mut out = Vec::new();
    for (canvas, title) in [
        ("unsheltered-chart", "unsheltered-title"),
        ("tth-chart", "tth-title"),
    ] {
        let url = document
            .get_element_by_id(canvas)
            .and_then(|c| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlCanvasElement>(c).ok())
            .filter(|c| c.width() > 0 && !c.class_list().contains("empty"))
            .and_then(|c| c.to_data_url().ok());
        if let Some(url) = url {
            out.push((text(title), url));
        }
    }
    if let Some(svg) = document.get_element_by_id("diagram-svg") {
        if let Ok((url, _, _)) = svg_data_url(&svg) {
            let caption = text("diagram-title");
            let caption = if caption.is_empty() {
                t(lang, Msg::ThePathway).into_owned()
            } else {
                caption
            };
            out.push((caption, url));
        }
    }
    out
}

#[function_component(Report)]
pub fn report(props: &ReportProps) -> Html {
    let lang = props.lang;
    let r = &props.results;
    let images = use_state(Images::new);
    let printed = use_mut_ref(|| false);
    // The charts are captured once the page has drawn them, again when a run ends or the
    // language changes; the print dialog opens once, after the first capture.
    {
        let images = images.clone();
        let printed = printed.clone();
        use_effect_with((lang, r.running(), r.total()), move |_| {
            let timer = gloo_timers::callback::Timeout::new(150, move || {
                images.set(capture(lang));
                if !*printed.borrow() {
                    *printed.borrow_mut() = true;
                    gloo_timers::callback::Timeout::new(300, || {
                        let _ = gloo_utils::window().print();
                    })
                    .forget();
                }
            });
            move || drop(timer)
        });
    }
    // Focus moves into the report when it opens; Escape closes it.
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(button) = first.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    // Closing gives the focus back to the button that opened the report.
    let close = {
        let on_close = props.on_close.clone();
        move || {
            if let Some(button) = gloo_utils::document()
                .get_element_by_id("open-report")
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = button.focus();
            }
            on_close.emit(());
        }
    };
    let on_key = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close();
            }
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = gloo_utils::window().print();
    });
    let on_close = Callback::from(move |_: MouseEvent| close());

    let base = r.base.summary.as_deref();
    let scen = r.scen.as_ref().and_then(|s| s.summary.as_deref());
    let comparing = props.comparing && scen.is_some();
    let rows = headline_rows(lang, base, scen, r.comparison.as_deref(), r.complete());
    let today = js_sys::Date::new_0();
    let date = long_date(
        lang,
        today.get_full_year() as i32,
        today.get_month() + 1,
        today.get_date(),
    );
    let name = |s: &Scenario| s.name.text(lang).to_string();
    let territory = &props.baseline.territory;
    let start = &props.baseline.start;
    let horizon = {
        let months = props.baseline.horizon_months;
        let (y, m) = add_months(start.year, start.month, months.round() as i64 - 1);
        let (from, to) = (
            month_year(lang, start.year, start.month),
            month_year(lang, y, m),
        );
        t(
            lang,
            Msg::HorizonSpan {
                from: &from,
                to: &to,
                months,
            },
        )
    };
    let edits = if props.network.0 == props.prepared.0 {
        Vec::new()
    } else {
        scenario_changes(lang, &props.prepared, &props.network)
    };
    let levers = lever_changes(lang, &props.levers, &props.settings);
    let openings = opening_lines(lang, &props.network, &props.settings);
    let title = t(
        lang,
        Msg::ReportTitle {
            territory: &territory.name,
            comparing,
        },
    );
    // The scenario's own name, unless it only repeats the baseline's (levers do not rename it).
    let scenario_name = match &props.prepared_entry {
        Some(v) => v.label.text(lang).to_string(),
        None if name(&props.scenario) != name(&props.baseline) => name(&props.scenario),
        None => t(lang, Msg::ScenarioBaselineChanged).into_owned(),
    };
    let answers = &props.answers;
    let sentences: Vec<(String, String)> = match &answers.baseline_bottleneck {
        Some(b) if comparing => vec![
            (t(lang, Msg::Baseline).into_owned(), b.clone()),
            (
                t(lang, Msg::Scenario).into_owned(),
                answers.bottleneck.clone(),
            ),
        ],
        _ => vec![(
            t(lang, Msg::Baseline).into_owned(),
            answers.bottleneck.clone(),
        )],
    };
    let sources = by_section(lang, &props.scenario.sources);

    html! {
        <div class="report-overlay" id="report" role="dialog" aria-modal="true" aria-labelledby="report-title"
            onkeydown={on_key}>
            <div class="report-toolbar">
                <button type="button" class="secondary" id="report-print" onclick={on_print} ref={first}>
                    { t(lang, Msg::PrintOrPdf) }</button>
                <button type="button" class="secondary" id="report-close" onclick={on_close}>
                    { t(lang, Msg::CloseReport) }</button>
                <span class="help">{ t(lang, Msg::PrintHelp) }</span>
            </div>
            <article class="report" lang={lang.code()}>
                <header class="report-head">
                    <p class="report-kicker">{ t(lang, Msg::ReportKicker) }</p>
                    <h1 id="report-title">{ title }</h1>
                    <p class="report-date">{ date }</p>
                    if r.running() {
                        <p class="report-warning" role="status">{
                            t(lang, Msg::ReportRunning { done: r.done(), total: r.total() }) }</p>
                    }
                </header>

                <section class="report-section" aria-labelledby="report-scenario">
                    <h2 id="report-scenario">{ t(lang, Msg::Scenario) }</h2>
                    <dl class="report-facts">
                        <dt>{ t(lang, Msg::Territory) }</dt>
                        <dd>{ format!("{} ({})", territory.name, territory.code) }{
                            territory.population.map(|inhabitants| t(lang, Msg::PopulationCount { inhabitants }))
                                .unwrap_or_default() }</dd>
                        <dt>{ t(lang, Msg::Baseline) }</dt>
                        <dd>{ name(&props.baseline) }</dd>
                        if comparing {
                            <dt>{ t(lang, Msg::Scenario) }</dt>
                            <dd>{ scenario_name }</dd>
                        }
                        <dt>{ t(lang, Msg::PeriodSimulated) }</dt>
                        <dd>{ horizon }</dd>
                        <dt>{ t(lang, Msg::PreparedScenario) }</dt>
                        <dd>{ match &props.prepared_entry {
                            Some(v) => html! { <>
                                <strong>{ capitalized(v.label.text(lang)) }</strong>
                                { " — " }{ v.description.text(lang) }
                            </> },
                            None => html! { <>{ t(lang, Msg::NoneLower) }</> },
                        } }</dd>
                        <dt>{ t(lang, Msg::AdvancedEditor) }</dt>
                        <dd>{ if edits.is_empty() {
                            t(lang, Msg::NoChange)
                        } else {
                            t(lang, Msg::EditCount { count: edits.len() })
                        } }</dd>
                    </dl>
                    if !edits.is_empty() {
                        <table class="report-table report-edits">
                            <thead><tr>
                                <th scope="col">{ t(lang, Msg::Field) }</th>
                                <th scope="col">{ t(lang, Msg::Before) }</th>
                                <th scope="col">{ t(lang, Msg::After) }</th>
                            </tr></thead>
                            <tbody>{ for edits.iter().map(|c| html! {
                                <tr><td class="mono">{ c.path.clone() }</td><td>{ c.before.clone() }</td><td>{ c.after.clone() }</td></tr>
                            }) }</tbody>
                        </table>
                    }
                </section>

                <section class="report-section" aria-labelledby="report-levers">
                    <h2 id="report-levers">{ t(lang, Msg::LeversChanged) }</h2>
                    if levers.is_empty() && openings.is_empty() {
                        <p>{ t(lang, Msg::NoLeverChanged) }</p>
                    } else {
                        <ul class="report-list" id="report-lever-list">
                            { for levers.iter().map(|c| html! {
                                <li><strong>{ c.label.clone() }</strong>{ colon(lang) }{ " " }{ lever_change_text(lang, c) }</li>
                            }) }
                            { for openings.iter().map(|o| html! {
                                <li>{ t(lang, Msg::OpeningOrClosure) }{ o.clone() }</li>
                            }) }
                        </ul>
                    }
                </section>

                <section class="report-section" aria-labelledby="report-figures">
                    <h2 id="report-figures">{ t(lang, Msg::KeyFigures) }</h2>
                    <table class="report-table report-headlines" id="report-headlines">
                        <thead><tr>
                            <th scope="col">{ t(lang, Msg::Indicator) }</th>
                            <th scope="col">{ t(lang, Msg::BaselineCi) }</th>
                            if comparing {
                                <th scope="col">{ t(lang, Msg::ScenarioCi) }</th>
                                <th scope="col">{ t(lang, Msg::DifferenceCi) }</th>
                                <th scope="col">{ t(lang, Msg::Verdict) }</th>
                            }
                        </tr></thead>
                        <tbody>{ for rows.iter().map(|row| {
                            let card = card_text(lang, &row.headline, row.baseline.as_ref(), row.scenario.as_ref(),
                                row.difference.as_ref().filter(|_| comparing), row.complete);
                            html! {
                            <tr data-indicator={row.id} data-verdict={card.verdict.map(|v| v.code())}>
                                <th scope="row">{ row.label.clone() }<span class="unit">{ card_unit(lang, &row.headline) }</span></th>
                                <td class="num">{ card.baseline.clone() }
                                    <span class="ci">{ card.baseline_ci.clone() }</span></td>
                                if comparing {
                                    <td class="num">{ card.scenario.clone() }</td>
                                    <td class="num">{ format!("{} · {}", card.difference, card.relative) }</td>
                                    <td>{ card.verdict.map(|v| v.text(lang)).unwrap_or_default() }</td>
                                }
                            </tr>
                        }}) }</tbody>
                    </table>
                    <div class="report-bottlenecks" id="report-bottlenecks">
                        { for sentences.iter().map(|(who, s)| html! {
                            <p><strong>{ format!("{who}{} ", colon(lang)) }</strong>{ s.clone() }</p>
                        }) }
                    </div>
                    if let Some(moved) = answers.moved.as_ref().filter(|_| comparing) {
                        <p class="report-why" id="report-why-it-moved">{ moved.text.clone() }</p>
                    }
                    <p class="help" id="report-note">{ answers.note.clone() }</p>
                    if comparing {
                    <p class="help">{ t(lang, Msg::DifferenceHelp) }</p>
                    }
                </section>

                { for props.analyses.iter().map(|a| analysis_section(lang, a)) }

                <section class="report-section report-charts" aria-labelledby="report-charts">
                    <h2 id="report-charts">{ t(lang, Msg::Charts) }</h2>
                    { for images.iter().map(|(caption, url)| html! {
                        <figure class="report-figure">
                            <img src={url.clone()} alt={caption.clone()} />
                            <figcaption>{ caption.clone() }</figcaption>
                        </figure>
                    }) }
                </section>

                <section class="report-section page-break" aria-labelledby="report-method">
                    <h2 id="report-method">{ t(lang, Msg::MethodAndSources) }</h2>
                    <p id="report-replications">{ t(lang, Msg::SeedLine {
                        seed: props.seed,
                        base: (r.base.done, r.base.total),
                        scenario: r.scen.as_ref().filter(|_| comparing).map(|s| (s.done, s.total)),
                    }) }</p>
                    <p>{ t(lang, Msg::MethodText) }</p>
                    <h3>{ t(lang, Msg::ParameterSources) }</h3>
                    <p class="help">{ t(lang, Msg::SourcesIntro) }</p>
                    if any_untranslated(lang, &sources) {
                        <p class="help">{ t(lang, Msg::SourcesNotesLanguage) }</p>
                    }
                    if sources.is_empty() {
                        <p>{ t(lang, Msg::NoSource) }</p>
                    } else {
                        <table class="report-table report-sources">
                            <thead><tr>
                                <th scope="col">{ t(lang, Msg::SourceColumnParameter) }</th>
                                <th scope="col">{ t(lang, Msg::SourceColumnKind) }</th>
                                <th scope="col">{ t(lang, Msg::SourceColumnNote) }</th>
                            </tr></thead>
                            { for sources.into_iter().map(|(section, notes)| html! {
                                <tbody>
                                    <tr><th scope="rowgroup" colspan="3">{ t(lang, Msg::SourcesSection { section: &section }) }</th></tr>
                                    { for notes.into_iter().map(|n| html! {
                                        <tr><td class="mono">{ n.parameter.clone() }</td>
                                            <td>{ t(lang, Msg::SourceKind { kind: n.kind }) }
                                                if let Some(c) = n.confidence {
                                                    { format!(" ({})", t(lang, Msg::SourceConfidence { confidence: c })) }
                                                }</td>
                                            <td lang={n.lang.code()}>{ n.reference.map(|r| if n.text.is_empty() { r } else { format!("{r}: ") }).unwrap_or_default() }{ n.text }</td></tr>
                                    }) }
                                </tbody>
                            }) }
                        </table>
                    }
                </section>
            </article>
        </div>
    }
}
