//! The pathway diagram (SVG): the waiting list, every stage with its occupancy against its places
//! and the share held by blocked households, arrows sized by monthly entries and exits, and the
//! bottleneck highlighted and named.

use std::rc::Rc;

use parcours_engine::{Scenario, Summary};
use yew::prelude::*;

use crate::components::export_bar::{PngButton, PngSource};
use parcours_core::i18n::{t, Lang, Localized, Msg};
use parcours_core::insight::{bottleneck, short_label, stage_figures, summary_bottleneck_sentence};
use parcours_core::measures::UNSHELTERED;
use parcours_core::result_tables::file_name;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub lang: Lang,
    /// The scenario whose stage labels are shown.
    pub scenario: Rc<Scenario>,
    /// The summary drawn (the scenario's when comparing, else the baseline's).
    pub summary: Option<Rc<Summary>>,
}

const W: f64 = 920.0;
const ROW: f64 = 56.0;
const TOP: f64 = 10.0;
const HUB_W: f64 = 150.0;
const BOX_X: f64 = 270.0;
const BOX_W: f64 = 440.0;
const EXIT_X: f64 = 810.0;

#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    let lang = props.lang;
    let Some(summary) = props.summary.as_ref() else {
        return html! { <p class="help">{ t(lang, Msg::Computing) }</p> };
    };
    let figures = stage_figures(summary);
    let label_of = |id: &str| {
        props
            .scenario
            .stages
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.label.text(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let short_of = |id: &str| short_label(&label_of(id)).to_string();
    let neck = bottleneck(&figures);
    let sentence = summary_bottleneck_sentence(lang, &props.scenario, summary);
    let neck_id = neck.map(|s| s.id.clone());
    // The legend, also drawn under the exported image.
    let legend_occ = t(lang, Msg::LegendOccupied);
    let legend_blk = t(lang, Msg::LegendBlocked);
    let legend_cap = t(lang, Msg::LegendFree);
    let max_flow = figures
        .iter()
        .map(|f| f.entries_per_month.max(f.exits_per_month))
        .fold(1.0, f64::max);
    let stroke = |flow: f64| 2.0 + 16.0 * (flow / max_flow).sqrt();
    let n = figures.len();
    let height = TOP * 2.0 + ROW * n as f64;
    let hub_y = height / 2.0;
    let unsheltered = UNSHELTERED.mean(summary);
    let rows = figures.iter().enumerate().map(|(i, f)| {
        let y = TOP + ROW * i as f64;
        let cy = y + ROW / 2.0 - 4.0;
        let is_neck = neck_id.as_deref() == Some(f.id.as_str());
        let cap = f.places.max(f.occupancy).max(1.0);
        let occ_w = BOX_W * (f.occupancy / cap).clamp(0.0, 1.0);
        let blk_w = BOX_W * (f.blocked / cap).clamp(0.0, 1.0);
        let is_alloc = f.places <= 0.0 && f.occupancy <= 0.0;
        let stage = short_of(&f.id);
        let text = if is_alloc {
            t(lang, Msg::AllocationLine { stage: &stage, per_month: f.entries_per_month })
        } else {
            t(lang, Msg::StageLine {
                stage: &stage,
                occupancy: f.occupancy,
                places: f.places,
                blocked_percent: f.blocked_share() * 100.0,
            })
        };
        let path_in = format!(
            "M {} {} C {} {}, {} {}, {} {}",
            HUB_W, hub_y, BOX_X - 90.0, hub_y, BOX_X - 90.0, cy, BOX_X - 6.0, cy
        );
        let path_out = format!(
            "M {} {} C {} {}, {} {}, {} {}",
            BOX_X + BOX_W, cy, EXIT_X - 70.0, cy, EXIT_X - 70.0, hub_y, EXIT_X, hub_y
        );
        html! {
            <g class={classes!("stage", is_neck.then_some("bottleneck"))} data-stage={f.id.clone()}
                data-occupancy={f.occupancy.to_string()} data-blocked-share={f.blocked_share().to_string()}>
                <title>{ label_of(&f.id) }</title>
                <path d={path_in} class="flow" stroke-width={stroke(f.entries_per_month).to_string()} />
                <path d={path_out} class="flow out" stroke-width={stroke(f.exits_per_month).to_string()} />
                <rect x={BOX_X.to_string()} y={(y + 20.0).to_string()} width={BOX_W.to_string()}
                    height="22" class="cap" rx="3" />
                <rect x={BOX_X.to_string()} y={(y + 20.0).to_string()} width={occ_w.to_string()}
                    height="22" class="occ" rx="3" />
                <rect x={(BOX_X + occ_w - blk_w).to_string()} y={(y + 20.0).to_string()}
                    width={blk_w.to_string()} height="22" class="blk" />
                if is_neck {
                    <rect x={(BOX_X - 4.0).to_string()} y={(y + 16.0).to_string()}
                        width={(BOX_W + 8.0).to_string()} height="30" class="neck" rx="5" />
                }
                <text x={BOX_X.to_string()} y={(y + 14.0).to_string()} class="stage-label">{ text }</text>
            </g>
        }
    });
    html! {
        <figure class="diagram">
            <div class="figure-head">
                <p class={classes!("bottleneck-sentence", neck_id.is_some().then_some("alert"))}
                    id="bottleneck-sentence">{ sentence.clone() }</p>
                <PngButton {lang} id="export-png-diagram" source={PngSource::Svg("diagram-svg".into(), vec![
                        ("rect.occ".into(), legend_occ.clone().into()),
                        ("rect.blk".into(), legend_blk.clone().into()),
                        ("rect.cap".into(), legend_cap.clone().into()),
                    ])}
                    title={t(lang, Msg::PathwayOf { territory: &props.scenario.territory.name })}
                    subtitle={sentence.clone()}
                    file={file_name(&props.scenario.territory.name, "pathway", "png")} />
            </div>
            <svg id="diagram-svg" viewBox={format!("0 0 {W} {height}")} role="img" aria-labelledby="bottleneck-sentence"
                class="diagram-svg" preserveAspectRatio="xMidYMid meet">
                <rect x="0" y={(hub_y - 34.0).to_string()} width={HUB_W.to_string()} height="68" rx="8" class="hub" />
                <text x={(HUB_W / 2.0).to_string()} y={(hub_y - 8.0).to_string()} class="hub-label"
                    text-anchor="middle">{ t(lang, Msg::WaitingList) }</text>
                <text x={(HUB_W / 2.0).to_string()} y={(hub_y + 18.0).to_string()} class="hub-value"
                    text-anchor="middle">{ t(lang, Msg::HouseholdCount { count: unsheltered }) }</text>
                { for rows }
                <rect x={EXIT_X.to_string()} y={(hub_y - 34.0).to_string()} width={(W - EXIT_X).to_string()}
                    height="68" rx="8" class="hub" />
                <text x={(EXIT_X + (W - EXIT_X) / 2.0).to_string()} y={(hub_y + 6.0).to_string()}
                    class="hub-label" text-anchor="middle">{ t(lang, Msg::Exits) }</text>
            </svg>
            <figcaption class="legend">
                <span class="sw occ"></span>{ legend_occ.clone() }
                <span class="sw blk"></span>{ legend_blk.clone() }
                <span class="sw cap"></span>{ legend_cap.clone() }
                <span class="note">{ t(lang, Msg::ArrowNote) }</span>
            </figcaption>
        </figure>
    }
}
