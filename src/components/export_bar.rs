//! The export bar: the CSV tables (series, headline figures) in a chosen dialect, and the button
//! that opens the printable report; and the « Exporter en PNG » button of each chart. The tables
//! are `parcours_core::result_tables`; downloads and images are `web/`.

use std::rc::Rc;

use parcours_core::csv::Dialect;
use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::result_tables::{
    cohort_csv, file_name, headline_rows, headlines_csv, series_csv, Run,
};
use parcours_core::state::Same;
use parcours_engine::{Comparison, Scenario, Summary};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::web::download::download_text;
use crate::web::log_error;
use crate::web::png::{export_canvas, export_svg};

/// What a PNG button exports.
#[derive(Debug, Clone, PartialEq)]
pub enum PngSource {
    /// A `<canvas>` by id.
    Canvas(AttrValue),
    /// An `<svg>` by id, with its legend: (selector of an element, label) pairs.
    Svg(AttrValue, Vec<(AttrValue, AttrValue)>),
}

#[derive(Properties, PartialEq)]
pub struct PngButtonProps {
    pub lang: Lang,
    pub source: PngSource,
    /// Title drawn above the image.
    pub title: AttrValue,
    #[prop_or_default]
    pub subtitle: AttrValue,
    /// File name, `….png`.
    pub file: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// A small « Exporter en PNG » button.
#[function_component(PngButton)]
pub fn png_button(props: &PngButtonProps) -> Html {
    let onclick = {
        let (source, title, subtitle, file) = (
            props.source.clone(),
            props.title.clone(),
            props.subtitle.clone(),
            props.file.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let result = match &source {
                PngSource::Canvas(id) => export_canvas(id, &title, &subtitle, &file),
                PngSource::Svg(id, legend) => export_svg(id, &title, &subtitle, legend, &file),
            };
            if let Err(e) = result {
                log_error("PNG export", e);
            }
        })
    };
    let lang = props.lang;
    html! {
        <button type="button" class="export-button" id={props.id.clone()} {onclick}
            title={t(lang, Msg::ExportPngTitle)}>
            { t(lang, Msg::ExportPng) }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    pub lang: Lang,
    /// The baseline (its territory names the files).
    pub baseline: Same<Scenario>,
    /// The scenario that runs, when comparing.
    pub scenario: Option<Same<Scenario>>,
    pub base: Option<Rc<Summary>>,
    pub scen: Option<Rc<Summary>>,
    pub comparison: Option<Rc<Comparison>>,
    /// Every run is complete (else the verdicts are « provisoire »).
    #[prop_or(true)]
    pub complete: bool,
    /// Opens the printable report.
    pub on_report: Callback<()>,
}

/// « Exporter » bar: dialect, series CSV, headline CSV, printable report.
#[function_component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let lang = props.lang;
    // `None` until the user chooses: the language's usual dialect.
    let chosen = use_state(|| None::<Dialect>);
    let dialect = chosen.unwrap_or_else(|| Dialect::default_for(lang));
    let on_dialect = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            chosen.set(Dialect::from_code(&v));
        })
    };
    let tables = Rc::new(Tables {
        lang,
        dialect,
        baseline: props.baseline.0.clone(),
        scenario: props.scenario.as_ref().map(|s| s.0.clone()),
        base: props.base.clone(),
        scen: props.scen.clone(),
        comparison: props.comparison.clone(),
        complete: props.complete,
    });
    let on_series = csv_button(&tables, "series", Tables::series);
    let on_headlines = csv_button(&tables, "headlines", Tables::headlines);
    let on_cohort = csv_button(&tables, "first-requests", Tables::cohort);
    let on_report = {
        let on_report = props.on_report.clone();
        Callback::from(move |_: MouseEvent| on_report.emit(()))
    };
    let ready = props.base.is_some();
    html! {
        <section class="card export-bar" aria-labelledby="export-title">
            <h2 id="export-title">{ t(lang, Msg::Export) }</h2>
            <label for="export-dialect" class="sr-only">{ t(lang, Msg::CsvFormat) }</label>
            <select id="export-dialect" onchange={on_dialect} title={t(lang, Msg::CsvFormatTitle)}>
                { for Dialect::ALL.iter().map(|d| html! {
                    <option value={d.code()} selected={*d == dialect}>{ t(lang, d.label()) }</option>
                }) }
            </select>
            <button type="button" class="export-button" id="export-series" onclick={on_series} disabled={!ready}
                title={t(lang, Msg::SeriesCsvTitle)}>
                { t(lang, Msg::SeriesCsv) }</button>
            <button type="button" class="export-button" id="export-headlines" onclick={on_headlines} disabled={!ready}
                title={t(lang, Msg::HeadlinesCsvTitle)}>
                { t(lang, Msg::HeadlinesCsv) }</button>
            <button type="button" class="export-button" id="export-cohort" onclick={on_cohort} disabled={!ready}
                title={t(lang, Msg::CohortCsvTitle)}>
                { t(lang, Msg::CohortCsv) }</button>
            <button type="button" class="export-button report-button" id="open-report" onclick={on_report} disabled={!ready}>
                { t(lang, Msg::PrintableReport) }</button>
        </section>
    }
}

/// What the CSV tables are made of, as the buttons' callbacks hold it.
struct Tables {
    lang: Lang,
    dialect: Dialect,
    baseline: Rc<Scenario>,
    scenario: Option<Rc<Scenario>>,
    base: Option<Rc<Summary>>,
    scen: Option<Rc<Summary>>,
    comparison: Option<Rc<Comparison>>,
    complete: bool,
}

impl Tables {
    /// The runs that have figures: the baseline, then the scenario when comparing.
    fn runs(&self) -> Vec<Run<'_>> {
        let base = self.base.as_deref().map(|summary| Run {
            id: "baseline",
            scenario: &self.baseline,
            summary,
        });
        let scen = match (self.scenario.as_deref(), self.scen.as_deref()) {
            (Some(scenario), Some(summary)) => Some(Run {
                id: "scenario",
                scenario,
                summary,
            }),
            _ => None,
        };
        base.into_iter().chain(scen).collect()
    }

    fn series(&self) -> String {
        series_csv(self.lang, self.dialect, &self.runs())
    }

    fn headlines(&self) -> String {
        let rows = headline_rows(
            self.lang,
            self.base.as_deref(),
            self.scen.as_deref(),
            self.comparison.as_deref(),
            self.complete,
        );
        headlines_csv(self.lang, self.dialect, &rows)
    }

    fn cohort(&self) -> String {
        cohort_csv(self.lang, self.dialect, &self.runs())
    }
}

/// A CSV button's click: the table `write` makes, saved as `<territory>-<stem>.csv`.
fn csv_button(
    tables: &Rc<Tables>,
    stem: &'static str,
    write: fn(&Tables) -> String,
) -> Callback<MouseEvent> {
    let tables = tables.clone();
    Callback::from(move |_: MouseEvent| {
        let name = file_name(&tables.baseline.territory.name, stem, "csv");
        if let Err(e) = download_text(&name, &write(&tables), "text/csv;charset=utf-8") {
            log_error("CSV export", e);
        }
    })
}
