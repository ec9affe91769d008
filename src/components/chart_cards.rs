//! The charts: a fan chart of a chosen measure (households without a solution, DALO-eligible,
//! occupancy or blocked households of a chosen stage), and the time-to-housing distribution;
//! baseline and scenario overlaid when comparing.

use std::rc::Rc;

use parcours_core::chart_data::{CohortData, FanData, HistData, SurvivalData};
use parcours_core::data_tables::{cohort_table, fan_table, hist_table, survival_table};
use parcours_core::i18n::{t, Lang, Localized, Msg};
use parcours_core::levers::PlaceStage;
use parcours_core::measures::ChartMeasure;
use parcours_core::preview::Preview;
use parcours_core::result_tables::file_name;
use parcours_engine::{SeriesId, Summary};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::export_bar::{PngButton, PngSource};
use crate::components::{DataTableView, FanChart, Plot, PlotCanvas, Table};
use crate::plot::FanText;

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub lang: Lang,
    /// The territory's name (in the titles and names of the exported images).
    pub territory: AttrValue,
    /// The stages a per-stage measure can show.
    pub stages: Rc<Vec<PlaceStage>>,
    pub base: Option<Rc<Summary>>,
    pub scen: Option<Rc<Summary>>,
    /// The fluid approximation, drawn dashed on the fan chart while the simulation runs.
    #[prop_or_default]
    pub preview: Rc<Preview>,
}

/// The fan of series `id` in `summary`, once it has one.
pub fn fan(summary: &Option<Rc<Summary>>, id: &SeriesId) -> Option<Rc<FanData>> {
    summary.as_ref().and_then(|s| {
        let bands = s.series(id)?;
        Some(Rc::new(FanData::from_bands(&s.layout, bands)))
    })
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let lang = props.lang;
    let measure = use_state(|| ChartMeasure::Unsheltered);
    let stage = use_state(|| "chrs".to_string());
    let stages = &props.stages;
    let stage_id = if stages.iter().any(|s| s.id == *stage) {
        (*stage).clone()
    } else {
        stages.first().map(|s| s.id.clone()).unwrap_or_default()
    };
    let series = measure.series_id(&stage_id);
    let base = fan(&props.base, &series);
    let scen = fan(&props.scen, &series);
    let label = t(lang, measure.label());
    let y_desc = if measure.per_stage() {
        let name = stages
            .iter()
            .find(|s| s.id == stage_id)
            .map_or("", |s| s.label.text(lang));
        format!("{label} — {name}")
    } else {
        label.into_owned()
    };
    let on_measure = {
        let measure = measure.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(m) = ChartMeasure::from_code(&v) {
                measure.set(m);
            }
        })
    };
    let on_stage = {
        let stage = stage.clone();
        Callback::from(move |e: Event| {
            stage.set(e.target_unchecked_into::<HtmlSelectElement>().value());
        })
    };
    let hist = |s: &Option<Rc<Summary>>| {
        s.as_ref()
            .and_then(|s| HistData::from_weeks(&s.time_to_housing_weeks))
            .map(Rc::new)
    };
    let (base_hist, scen_hist) = (hist(&props.base), hist(&props.scen));
    let hist_plot = base_hist
        .clone()
        .map(|b| Plot::Hist(b, scen_hist.clone(), lang));
    // Images exported: the territory and, when comparing, which colour is which.
    let territory = props.territory.as_str();
    let png_subtitle = if props.scen.is_some() {
        format!("{territory} — {}", t(lang, Msg::ColoursBaselineScenario))
    } else {
        territory.to_string()
    };
    let fan_title = if *measure == ChartMeasure::Unsheltered {
        t(lang, Msg::UnshelteredTitle).into_owned()
    } else {
        y_desc.clone()
    };
    let tth_title = t(lang, Msg::TimeToHousing);
    // Outcomes from the first request (MODEL.md 15.4): where the requests stand, and the time to
    // housing as a survival curve; baseline and scenario overlaid.
    let cohort = |s: &Option<Rc<Summary>>| s.as_deref().and_then(CohortData::of).map(Rc::new);
    let (base_cohort, scen_cohort) = (cohort(&props.base), cohort(&props.scen));
    let cohort_plot = base_cohort
        .clone()
        .map(|b| Plot::Cohort(b, scen_cohort.clone(), lang));
    let survival = |s: &Option<Rc<Summary>>| s.as_deref().and_then(SurvivalData::of).map(Rc::new);
    let (base_survival, scen_survival) = (survival(&props.base), survival(&props.scen));
    let survival_plot = base_survival
        .clone()
        .map(|b| Plot::Survival(b, scen_survival.clone(), lang));
    let (cohort_title, survival_title) = (t(lang, Msg::CohortTitle), t(lang, Msg::SurvivalTitle));
    // What each canvas shows, named; its data in a table after it (`data_tables`).
    let comparing = props.scen.is_some();
    let canvas_label =
        |title: &str| t(lang, Msg::ChartCanvasLabel { title, comparing }).into_owned();
    // The approximation's dashed level is said with the chart's name.
    let approximation = props.preview.chart_level(&series);
    let fan_label = match props.preview.chart_note(lang, &series) {
        Some(note) => format!("{} {note}", canvas_label(&fan_title)),
        None => canvas_label(&fan_title),
    };
    // Each table is written only when its « Voir les données » is open.
    let fan_data = base.clone().map(|b| {
        let (title, scen) = (fan_title.clone(), scen.clone());
        Table::on_open(b, move |b| fan_table(lang, &title, b, scen.as_deref()))
    });
    let hist_data = base_hist.clone().map(|b| {
        let (title, scen) = (tth_title.clone().into_owned(), scen_hist.clone());
        Table::on_open(b, move |b| hist_table(lang, &title, b, scen.as_deref()))
    });
    let cohort_data = base_cohort.clone().map(|b| {
        let (title, scen) = (cohort_title.clone().into_owned(), scen_cohort.clone());
        Table::on_open(b, move |b| cohort_table(lang, &title, b, scen.as_deref()))
    });
    let survival_data = base_survival.clone().map(|b| {
        let (title, scen) = (survival_title.clone().into_owned(), scen_survival.clone());
        Table::on_open(b, move |b| survival_table(lang, &title, b, scen.as_deref()))
    });
    html! {
        <>
        <section class="card" aria-labelledby="unsheltered-title">
            <div class="card-head">
                <div class="card-title">
                    <h2 id="unsheltered-title">{ fan_title.clone() }</h2>
                    <p class="help">{ t(lang, Msg::UnshelteredHelp) }</p>
                </div>
                <div class="chart-controls">
                    <label for="chart-measure">{ t(lang, Msg::Indicator) }</label>
                    <select id="chart-measure" onchange={on_measure}>
                        { for ChartMeasure::ALL.iter().map(|m| html! {
                            <option value={m.code()} selected={*m == *measure}>{ t(lang, m.label()) }</option>
                        }) }
                    </select>
                    if measure.per_stage() {
                        <label for="chart-stage">{ t(lang, Msg::StructureChoice) }</label>
                        <select id="chart-stage" onchange={on_stage}>
                            { for stages.iter().map(|s| html! {
                                <option value={s.id.clone()} selected={s.id == stage_id}>{ s.label.text(lang) }</option>
                            }) }
                        </select>
                    }
                    <PngButton {lang} id="export-png-fan" source={PngSource::Canvas("unsheltered-chart".into())}
                        title={fan_title.clone()} subtitle={png_subtitle.clone()}
                        file={file_name(territory, &series.to_string().replace('.', "-"), "png")} />
                </div>
            </div>
            <FanChart id="unsheltered-chart" data={base} overlay={scen} {approximation}
                text={FanText::new(lang, &y_desc)} label={fan_label} />
            <DataTableView {lang} table={fan_data} id="unsheltered-data" />
        </section>
        <section class="card" aria-labelledby="tth-title">
            <div class="card-head compact">
                <h2 id="tth-title">{ tth_title.clone() }</h2>
                <PngButton {lang} id="export-png-tth" source={PngSource::Canvas("tth-chart".into())}
                    title={tth_title.clone()} subtitle={png_subtitle.clone()}
                    file={file_name(territory, "time-to-housing", "png")} />
            </div>
            <p class="help">{ t(lang, Msg::TimeToHousingHelp) }</p>
            <PlotCanvas id="tth-chart" plot={hist_plot} label={canvas_label(&tth_title)} />
            <DataTableView {lang} table={hist_data} id="tth-data" />
        </section>
        <section class="card" aria-labelledby="cohort-title">
            <div class="card-head compact">
                <h2 id="cohort-title">{ cohort_title.clone() }</h2>
                <PngButton {lang} id="export-png-cohort" source={PngSource::Canvas("cohort-chart".into())}
                    title={cohort_title.clone()} subtitle={png_subtitle.clone()}
                    file={file_name(territory, "first-requests", "png")} />
            </div>
            <p class="help">{ t(lang, Msg::CohortHelp) }</p>
            <PlotCanvas id="cohort-chart" plot={cohort_plot} label={canvas_label(&cohort_title)} />
            <DataTableView {lang} table={cohort_data} id="cohort-data" />
        </section>
        <section class="card" aria-labelledby="survival-title">
            <div class="card-head compact">
                <h2 id="survival-title">{ survival_title.clone() }</h2>
                <PngButton {lang} id="export-png-survival" source={PngSource::Canvas("survival-chart".into())}
                    title={survival_title.clone()} subtitle={png_subtitle.clone()}
                    file={file_name(territory, "time-from-first-request", "png")} />
            </div>
            <p class="help">{ t(lang, Msg::SurvivalHelp) }</p>
            <PlotCanvas id="survival-chart" plot={survival_plot} label={canvas_label(&survival_title)} />
            <DataTableView {lang} table={survival_data} id="survival-data" />
        </section>
        </>
    }
}
