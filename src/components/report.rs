//! The printable report of a comparison: a page over the app (« Imprimer », « Fermer ») that
//! prints alone on A4 (`@media print` in style.css hides the rest of the app). It shows the
//! scenario, the levers changed, the headline table with its verdicts, the charts (images of the
//! canvases and of the diagram), the bottleneck sentences, the seed and replications, and the
//! sources. Opening it also opens the browser's print dialog once.

use std::rc::Rc;

use parcours_engine::Scenario;
use yew::prelude::*;

use parcours_core::catalog::VariantEntry;
use parcours_core::i18n::{format_int, format_num, month_year, Lang};
use parcours_core::insight::{difference_text, summary_bottleneck_sentence, verdict};
use parcours_core::levers::{Lever, Settings};
use parcours_core::report_text::{
    lever_change_text, lever_changes, long_date, opening_lines, scenario_changes,
};
use parcours_core::result_tables::headline_rows;
use parcours_core::runs::{Results, DEFAULT_SEED};

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub lang: Lang,
    /// The territory's baseline.
    pub baseline: Rc<Scenario>,
    /// The prepared scenario chosen, or the baseline: the network before the advanced editor.
    pub prepared: Rc<Scenario>,
    /// The network the levers act on (changed in the advanced editor, or `prepared`).
    pub network: Rc<Scenario>,
    /// What runs against the baseline: `network` with the levers applied.
    pub scenario: Rc<Scenario>,
    pub variant: Option<VariantEntry>,
    pub comparing: bool,
    pub levers: Rc<Vec<Lever>>,
    pub settings: Settings,
    pub results: Results,
    pub on_close: Callback<()>,
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
        if let Ok((url, _, _)) = crate::components::exports::svg_data_url(&svg) {
            let caption = text("diagram-title");
            let caption = if caption.is_empty() {
                lang.pick("Le parcours", "The pathway").to_string()
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
    let rows = headline_rows(lang, base, scen, r.comparison.as_deref());
    let today = js_sys::Date::new_0();
    let date = long_date(
        lang,
        today.get_full_year() as i32,
        today.get_month() + 1,
        today.get_date(),
    );
    let name = |s: &Scenario| lang.pick(&s.name.fr, &s.name.en).to_string();
    let t = &props.baseline.territory;
    let start = &props.baseline.start;
    let horizon = format!(
        "{} → {} ({} {})",
        month_year(lang, start.year, start.month),
        {
            let (y, m) = parcours_core::i18n::add_months(
                start.year,
                start.month,
                props.baseline.horizon_months.round() as i64 - 1,
            );
            month_year(lang, y, m)
        },
        format_num(lang, props.baseline.horizon_months),
        lang.pick("mois", "months")
    );
    let edits = if props.network == props.prepared {
        Vec::new()
    } else {
        scenario_changes(lang, &props.prepared, &props.network)
    };
    let levers = lever_changes(lang, &props.levers, &props.settings);
    let openings = opening_lines(lang, &props.network, &props.settings);
    let title = if comparing {
        format!(
            "{}{}",
            t.name,
            lang.pick(
                " : scénario comparé à la référence",
                ": scenario against the baseline"
            )
        )
    } else {
        format!(
            "{}{}",
            t.name,
            lang.pick(" : situation de référence", ": baseline")
        )
    };
    // The scenario's own name, unless it only repeats the baseline's (levers do not rename it).
    let scenario_name = match &props.variant {
        Some(v) => lang.pick(&v.label.fr, &v.label.en).to_string(),
        None if name(&props.scenario) != name(&props.baseline) => name(&props.scenario),
        None => lang
            .pick(
                "la référence, modifiée comme indiqué ci-dessous",
                "the baseline, changed as listed below",
            )
            .to_string(),
    };
    let fmt = |x: Option<f64>| x.map(|x| format_num(lang, x)).unwrap_or_else(|| "–".into());
    let ci = |e: &Option<parcours_engine::Estimate>| {
        e.as_ref()
            .and_then(|e| Some((e.ci_low?, e.ci_high?)))
            .map(|(lo, hi)| format!("{} – {}", format_num(lang, lo), format_num(lang, hi)))
            .unwrap_or_default()
    };
    let replications = |done: usize, total: usize| {
        format!(
            "{} / {} {}",
            format_int(lang, done as i64),
            format_int(lang, total as i64),
            lang.pick("réplications", "replications")
        )
    };
    let sentences: Vec<(String, String)> = [
        Some((lang.pick("Référence", "Baseline"), &props.baseline, base)),
        comparing.then_some((lang.pick("Scénario", "Scenario"), &props.scenario, scen)),
    ]
    .into_iter()
    .flatten()
    .filter_map(|(who, s, sum)| Some((who.to_string(), summary_bottleneck_sentence(lang, s, sum?))))
    .collect();
    let sources = &props.scenario.sources;

    html! {
        <div class="report-overlay" id="report" role="dialog" aria-modal="true" aria-labelledby="report-title"
            onkeydown={on_key}>
            <div class="report-toolbar">
                <button type="button" class="secondary" id="report-print" onclick={on_print} ref={first}>
                    { lang.pick("Imprimer ou enregistrer en PDF", "Print or save as PDF") }</button>
                <button type="button" class="secondary" id="report-close" onclick={on_close}>
                    { lang.pick("Fermer le rapport", "Close the report") }</button>
                <span class="help">{ lang.pick(
                    "Dans la fenêtre d'impression, choisissez « Enregistrer au format PDF » pour un fichier.",
                    "In the print dialog, choose “Save as PDF” for a file.") }</span>
            </div>
            <article class="report" lang={lang.code()}>
                <header class="report-head">
                    <p class="report-kicker">{ lang.pick("Parcours — rapport de simulation", "Parcours — simulation report") }</p>
                    <h1 id="report-title">{ title }</h1>
                    <p class="report-date">{ date }</p>
                    if r.running() {
                        <p class="report-warning" role="status">{ format!("{} ({}) : {}",
                            lang.pick("Simulation en cours", "Simulation running"),
                            replications(r.done(), r.total()),
                            lang.pick("chiffres provisoires.", "provisional figures.")) }</p>
                    }
                </header>

                <section class="report-section" aria-labelledby="report-scenario">
                    <h2 id="report-scenario">{ lang.pick("Scénario", "Scenario") }</h2>
                    <dl class="report-facts">
                        <dt>{ lang.pick("Territoire", "Territory") }</dt>
                        <dd>{ format!("{} ({})", t.name, t.code) }{
                            t.population.map(|p| format!(" — {} {}", format_int(lang, p.round() as i64),
                                lang.pick("habitants", "inhabitants"))).unwrap_or_default() }</dd>
                        <dt>{ lang.pick("Référence", "Baseline") }</dt>
                        <dd>{ name(&props.baseline) }</dd>
                        if comparing {
                            <dt>{ lang.pick("Scénario", "Scenario") }</dt>
                            <dd>{ scenario_name }</dd>
                        }
                        <dt>{ lang.pick("Période simulée", "Period simulated") }</dt>
                        <dd>{ horizon }</dd>
                        <dt>{ lang.pick("Scénario préparé", "Prepared scenario") }</dt>
                        <dd>{ match &props.variant {
                            Some(v) => html! { <>
                                <strong>{ lang.pick(&v.label.fr, &v.label.en) }</strong>
                                { " — " }{ lang.pick(&v.description.fr, &v.description.en) }
                            </> },
                            None => html! { <>{ lang.pick("aucun", "none") }</> },
                        } }</dd>
                        <dt>{ lang.pick("Éditeur avancé", "Advanced editor") }</dt>
                        <dd>{ if edits.is_empty() {
                            lang.pick("aucune modification", "no change").to_string()
                        } else {
                            format!("{} {}", edits.len(), lang.pick("valeur(s) modifiée(s) :", "value(s) changed:"))
                        } }</dd>
                    </dl>
                    if !edits.is_empty() {
                        <table class="report-table report-edits">
                            <thead><tr>
                                <th scope="col">{ lang.pick("Donnée", "Field") }</th>
                                <th scope="col">{ lang.pick("Avant", "Before") }</th>
                                <th scope="col">{ lang.pick("Après", "After") }</th>
                            </tr></thead>
                            <tbody>{ for edits.iter().map(|c| html! {
                                <tr><td class="mono">{ c.path.clone() }</td><td>{ c.before.clone() }</td><td>{ c.after.clone() }</td></tr>
                            }) }</tbody>
                        </table>
                    }
                </section>

                <section class="report-section" aria-labelledby="report-levers">
                    <h2 id="report-levers">{ lang.pick("Leviers modifiés", "Levers changed") }</h2>
                    if levers.is_empty() && openings.is_empty() {
                        <p>{ lang.pick("Aucun levier modifié.", "No lever changed.") }</p>
                    } else {
                        <ul class="report-list" id="report-lever-list">
                            { for levers.iter().map(|c| html! {
                                <li><strong>{ c.label.clone() }</strong>{ lang.pick(" : ", ": ") }{ lever_change_text(lang, c) }</li>
                            }) }
                            { for openings.iter().map(|o| html! {
                                <li>{ lang.pick("Ouverture ou fermeture — ", "Opening or closure — ") }{ o.clone() }</li>
                            }) }
                        </ul>
                    }
                </section>

                <section class="report-section" aria-labelledby="report-figures">
                    <h2 id="report-figures">{ lang.pick("Chiffres clés", "Key figures") }</h2>
                    <table class="report-table report-headlines" id="report-headlines">
                        <thead><tr>
                            <th scope="col">{ lang.pick("Indicateur", "Indicator") }</th>
                            <th scope="col">{ lang.pick("Référence (IC 95 %)", "Baseline (95 % CI)") }</th>
                            if comparing {
                                <th scope="col">{ lang.pick("Scénario (IC 95 %)", "Scenario (95 % CI)") }</th>
                                <th scope="col">{ lang.pick("Différence (IC 95 %)", "Difference (95 % CI)") }</th>
                                <th scope="col">{ lang.pick("Verdict", "Verdict") }</th>
                            }
                        </tr></thead>
                        <tbody>{ for rows.iter().map(|row| html! {
                            <tr data-indicator={row.id}>
                                <th scope="row">{ row.label }<span class="unit">{ row.unit }</span></th>
                                <td class="num">{ fmt(row.baseline.as_ref().and_then(|e| e.mean)) }
                                    <span class="ci">{ ci(&row.baseline) }</span></td>
                                if comparing {
                                    <td class="num">{ fmt(row.scenario.as_ref().and_then(|e| e.mean)) }
                                        <span class="ci">{ ci(&row.scenario) }</span></td>
                                    <td class="num">{ row.difference.as_ref().and_then(|d| difference_text(lang, d)).unwrap_or_default() }</td>
                                    <td>{ row.difference.as_ref().map(|d| verdict(lang, row.better, d)).unwrap_or_default() }</td>
                                }
                            </tr>
                        }) }</tbody>
                    </table>
                    <div class="report-bottlenecks" id="report-bottlenecks">
                        { for sentences.iter().map(|(who, s)| html! {
                            <p><strong>{ format!("{who}{}", lang.pick(" : ", ": ")) }</strong>{ s.clone() }</p>
                        }) }
                    </div>
                    if comparing {
                    <p class="help">{ lang.pick(
                        "Différence : moyenne des écarts appariés (scénario − référence) sur les mêmes réplications (nombres aléatoires communs). « Dans le bruit statistique » : l'intervalle de confiance à 95 % contient zéro.",
                        "Difference: mean of the paired differences (scenario − baseline) over the same replications (common random numbers). “Within statistical noise”: the 95 % confidence interval contains zero.") }</p>
                    }
                </section>

                <section class="report-section report-charts" aria-labelledby="report-charts">
                    <h2 id="report-charts">{ lang.pick("Graphiques", "Charts") }</h2>
                    { for images.iter().map(|(caption, url)| html! {
                        <figure class="report-figure">
                            <img src={url.clone()} alt={caption.clone()} />
                            <figcaption>{ caption.clone() }</figcaption>
                        </figure>
                    }) }
                </section>

                <section class="report-section page-break" aria-labelledby="report-method">
                    <h2 id="report-method">{ lang.pick("Méthode et sources", "Method and sources") }</h2>
                    <p id="report-replications">{ format!("{} {} · {} : {}{}",
                        lang.pick("Graine", "Seed"), DEFAULT_SEED,
                        lang.pick("référence", "baseline"), replications(r.base.done, r.base.total),
                        r.scen.as_ref().filter(|_| comparing).map(|s| format!(" · {} : {}",
                            lang.pick("scénario", "scenario"), replications(s.done, s.total))).unwrap_or_default()) }</p>
                    <p>{ lang.pick(
                        "Le scénario et la référence sont simulés avec la même graine et les mêmes indices de réplication. Les bandes des graphiques contiennent 50 % et 90 % des réplications ; les intervalles de confiance sont à 95 % (loi de Student). Le modèle est décrit dans MODEL.md.",
                        "The scenario and the baseline are simulated with the same seed and replication indices. The charts' bands hold 50 % and 90 % of the replications; confidence intervals are 95 % (Student's t). The model is described in MODEL.md.") }</p>
                    <h3>{ lang.pick("Sources des paramètres", "Parameter sources") }</h3>
                    <p class="help">{ lang.pick(
                        "Telles qu'inscrites dans le scénario ; la liste commentée est dans SOURCES.md.",
                        "As recorded in the scenario; the annotated list is in SOURCES.md.") }</p>
                    if sources.is_empty() {
                        <p>{ lang.pick("Aucune source inscrite dans ce scénario.", "No source recorded in this scenario.") }</p>
                    } else {
                        <table class="report-table report-sources">
                            <tbody>{ for sources.iter().map(|(k, v)| html! {
                                <tr><td class="mono">{ k.clone() }</td><td>{ v.clone() }</td></tr>
                            }) }</tbody>
                        </table>
                    }
                </section>
            </article>
        </div>
    }
}
