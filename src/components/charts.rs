//! The charts: a fan chart of a chosen series (unsheltered, DALO-eligible, occupancy or blocked
//! households of a chosen stage), and the time-to-housing distribution; baseline and scenario
//! overlaid when comparing.

use std::rc::Rc;

use parcours_engine::{Scenario, StageKind, Summary};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::exports::{PngButton, PngSource};
use crate::components::{FanChart, Plot, PlotCanvas};
use crate::plot::FanText;
use parcours_core::chart_data::{FanData, HistData};
use parcours_core::i18n::{t, Key, Lang};
use parcours_core::result_tables as csv;

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub lang: Lang,
    pub scenario: Rc<Scenario>,
    pub base: Option<Rc<Summary>>,
    pub scen: Option<Rc<Summary>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Measure {
    Unsheltered,
    Dalo,
    Occupancy,
    Blocked,
}

impl Measure {
    const ALL: [Measure; 4] = [
        Measure::Unsheltered,
        Measure::Dalo,
        Measure::Occupancy,
        Measure::Blocked,
    ];
    fn code(self) -> &'static str {
        match self {
            Measure::Unsheltered => "unsheltered",
            Measure::Dalo => "dalo_eligible",
            Measure::Occupancy => "occupancy",
            Measure::Blocked => "blocked",
        }
    }
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Measure::Unsheltered => lang.pick(
                "Ménages sans solution (liste d'attente SIAO)",
                "Households without a solution (SIAO waiting list)",
            ),
            Measure::Dalo => lang.pick("Ménages éligibles DALO", "DALO-eligible households"),
            Measure::Occupancy => lang.pick("Occupation d'une structure", "Occupancy of a stage"),
            Measure::Blocked => lang.pick(
                "Ménages bloqués dans une structure (prêts à sortir)",
                "Households blocked in a stage (ready to leave)",
            ),
        }
    }
    fn per_stage(self) -> bool {
        matches!(self, Measure::Occupancy | Measure::Blocked)
    }
}

pub fn fan(summary: &Option<Rc<Summary>>, id: &str) -> Option<Rc<FanData>> {
    summary.as_ref().and_then(|s| {
        let bands = s.series(id)?;
        Some(Rc::new(FanData::from_bands(&s.layout, bands)))
    })
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let lang = props.lang;
    let measure = use_state(|| Measure::Unsheltered);
    let stage = use_state(|| "chrs".to_string());
    let stages: Vec<(String, String)> = props
        .scenario
        .stages
        .iter()
        .filter(|s| matches!(s.kind, StageKind::Places(_)))
        .map(|s| {
            (
                s.id.clone(),
                lang.pick(&s.label.fr, &s.label.en).to_string(),
            )
        })
        .collect();
    let stage_id = if stages.iter().any(|s| s.0 == *stage) {
        (*stage).clone()
    } else {
        stages.first().map(|s| s.0.clone()).unwrap_or_default()
    };
    let series = match *measure {
        Measure::Occupancy => format!("stage.{stage_id}.occupancy"),
        Measure::Blocked => format!("stage.{stage_id}.blocked"),
        m => m.code().to_string(),
    };
    let base = fan(&props.base, &series);
    let scen = fan(&props.scen, &series);
    let y_desc = match *measure {
        m if m.per_stage() => format!(
            "{} — {}",
            m.label(lang),
            stages
                .iter()
                .find(|s| s.0 == stage_id)
                .map(|s| s.1.as_str())
                .unwrap_or("")
        ),
        m => m.label(lang).to_string(),
    };
    let on_measure = {
        let measure = measure.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(m) = Measure::ALL.into_iter().find(|m| m.code() == v) {
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
    let hist_plot = hist(&props.base).map(|b| Plot::Hist(b, hist(&props.scen), lang));
    // Images exported: the territory and, when comparing, which colour is which.
    let territory = &props.scenario.territory.name;
    let png_subtitle = if props.scen.is_some() {
        format!(
            "{territory} — {}",
            lang.pick(
                "référence (bleu) et scénario (orange)",
                "baseline (blue) and scenario (orange)"
            )
        )
    } else {
        territory.clone()
    };
    let fan_title = if *measure == Measure::Unsheltered {
        t(lang, Key::UnshelteredTitle).to_string()
    } else {
        y_desc.clone()
    };
    let tth_title = lang.pick("Délai d'accès au logement", "Time to housing");
    html! {
        <>
        <section class="card" aria-labelledby="unsheltered-title">
            <div class="card-head">
                <div class="card-title">
                    <h2 id="unsheltered-title">{ fan_title.clone() }</h2>
                    <p class="help">{ t(lang, Key::UnshelteredHelp) }</p>
                </div>
                <div class="chart-controls">
                    <label for="chart-measure">{ lang.pick("Indicateur", "Indicator") }</label>
                    <select id="chart-measure" onchange={on_measure}>
                        { for Measure::ALL.iter().map(|m| html! {
                            <option value={m.code()} selected={*m == *measure}>{ m.label(lang) }</option>
                        }) }
                    </select>
                    if measure.per_stage() {
                        <label for="chart-stage">{ lang.pick("Structure", "Stage") }</label>
                        <select id="chart-stage" onchange={on_stage}>
                            { for stages.iter().map(|s| html! {
                                <option value={s.0.clone()} selected={s.0 == stage_id}>{ s.1.clone() }</option>
                            }) }
                        </select>
                    }
                    <PngButton {lang} id="export-png-fan" source={PngSource::Canvas("unsheltered-chart".into())}
                        title={fan_title} subtitle={png_subtitle.clone()}
                        file={csv::file_name(territory, &series.replace('.', "-"), "png")} />
                </div>
            </div>
            <FanChart id="unsheltered-chart" data={base} overlay={scen}
                text={FanText::new(lang, &y_desc)} label={t(lang, Key::ChartAlt)} />
        </section>
        <section class="card" aria-labelledby="tth-title">
            <div class="card-head compact">
                <h2 id="tth-title">{ tth_title }</h2>
                <PngButton {lang} id="export-png-tth" source={PngSource::Canvas("tth-chart".into())}
                    title={tth_title} subtitle={png_subtitle}
                    file={csv::file_name(territory, "time-to-housing", "png")} />
            </div>
            <p class="help">{ lang.pick(
                "Répartition des ménages relogés selon le temps écoulé depuis leur arrivée, toutes réplications confondues.",
                "Households housed by the time since their arrival, over all replications.") }</p>
            <PlotCanvas id="tth-chart" plot={hist_plot}
                label={lang.pick("Histogramme du délai d'accès au logement", "Histogram of time to housing")} />
        </section>
        </>
    }
}
