//! The pathway diagram (SVG), drawn from `parcours_core::diagram_data::DiagramData`: the
//! waiting list, every place stage with its occupancy against its places and its ready
//! households by what they wait for, every allocation flow as a flow with its use, arrows sized by
//! monthly entries and exits, and the binding constraint (what most ready households wait for)
//! highlighted and named. Two geometries: the page's, and the workshop's (fewer drawing units for
//! the same box, so every label reads at 24 px or more on a 1366 × 768 projector). Under 500 px
//! of width the same data is a list (`.diagram-list`, a container query in diagram.css).

use std::rc::Rc;

use parcours_engine::{Scenario, Summary};
use yew::prelude::*;

use crate::components::export_bar::{PngButton, PngSource};
use crate::components::{DataTableView, Table};
use parcours_core::data_tables::diagram_table;
use parcours_core::diagram_data::{DiagramData, DiagramStage, StageDraw};
use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::insight::bottleneck::{
    summary_neck_brief, summary_neck_marked, summary_neck_sentence,
};
use parcours_core::result_tables::file_name;
use parcours_core::state::Same;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub lang: Lang,
    /// The scenario whose stage labels are shown.
    pub scenario: Same<Scenario>,
    /// The summary drawn (the scenario's when comparing, else the baseline's).
    pub summary: Option<Rc<Summary>>,
    /// The workshop's geometry (larger type for a room).
    #[prop_or_default]
    pub workshop: bool,
    /// The bottleneck in one clause (the workshop and a partner's frame have little room).
    #[prop_or_default]
    pub brief: bool,
}

/// Where things are, in the drawing's units.
struct Geometry {
    w: f64,
    row: f64,
    top: f64,
    hub_w: f64,
    box_x: f64,
    box_w: f64,
    exit_x: f64,
    bar_h: f64,
    label: f64,
    small: f64,
}

const PAGE: Geometry = Geometry {
    w: 920.0,
    row: 70.0,
    top: 10.0,
    hub_w: 150.0,
    box_x: 250.0,
    box_w: 470.0,
    exit_x: 810.0,
    bar_h: 20.0,
    label: 16.0,
    // 12 px or more once scaled into an 800 px frame (the embed's proposed size).
    small: 15.0,
};

/// The workshop's: one line per stage and a thin bar, no arrows, so that the drawing, scaled to
/// fit its box (59 % of the screen's width: 785 px at 1366 × 768, workshop.css), draws every
/// label (its brief form, up to 55 characters) at 24 px or more (screens.test.mjs measures it). What households wait for is in each stage's
/// tooltip.
const WORKSHOP: Geometry = Geometry {
    w: 720.0,
    row: 31.0,
    top: 4.0,
    hub_w: 0.0,
    box_x: 0.0,
    box_w: 720.0,
    exit_x: 720.0,
    bar_h: 5.0,
    label: 22.0,
    small: 0.0,
};

/// A stage's label; `brief` for the workshop's projection (its type is large).
fn places_text(lang: Lang, s: &DiagramStage, brief: bool) -> String {
    match s.draw {
        StageDraw::Places {
            places,
            occupancy,
            blocked,
        } if brief => t(
            lang,
            Msg::DiagramPlacesBrief {
                stage: &s.short,
                occupancy,
                places,
                ready: blocked,
            },
        )
        .into_owned(),
        StageDraw::Places {
            places,
            occupancy,
            blocked,
        } => t(
            lang,
            Msg::DiagramPlaces {
                stage: &s.short,
                occupancy,
                places,
                ready: blocked,
            },
        )
        .into_owned(),
        StageDraw::Allocation {
            offered_per_month,
            use_share,
            ..
        } => t(
            lang,
            Msg::DiagramFlow {
                stage: &s.short,
                per_month: offered_per_month,
                used_percent: use_share.map(|u| (u * 100.0).round() as i64),
            },
        )
        .into_owned(),
    }
}

fn waits_text(lang: Lang, s: &DiagramStage) -> String {
    let waiting: Vec<(String, f64)> = s.waiting_for.iter().take(2).cloned().collect();
    t(
        lang,
        Msg::DiagramWaits {
            waiting_for: &waiting,
            awaited_by: s.awaited_by,
        },
    )
    .into_owned()
}

#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    let lang = props.lang;
    let Some(summary) = props.summary.as_ref() else {
        return html! { <p class="help">{ t(lang, Msg::Computing) }</p> };
    };
    let data = DiagramData::of(lang, &props.scenario, summary);
    // The workshop draws a second diagram over the page: its ids are its own.
    let id = |name: &str| {
        if props.workshop {
            format!("ws-{name}")
        } else {
            name.to_string()
        }
    };
    let table = std::rc::Rc::new(diagram_table(lang, &props.scenario.territory.name, &data));
    let g = if props.workshop { &WORKSHOP } else { &PAGE };
    // The workshop and a partner's frame name the bottleneck in one clause (who waits for it is
    // in each stage's label); on the page the summary names it, so the diagram points at its
    // highlight and says who waits for it. The exported image stands alone: the whole sentence.
    let sentence = if props.workshop || props.brief {
        summary_neck_brief(lang, &props.scenario, summary)
    } else {
        summary_neck_marked(lang, &props.scenario, summary)
    };
    let binding = data.stages.iter().any(|s| s.binding);
    let legend_occ = t(lang, Msg::LegendOccupied);
    let legend_blk = t(lang, Msg::LegendBlocked);
    let legend_flow = t(lang, Msg::LegendFlowUsed);
    let max_flow = data
        .stages
        .iter()
        .map(|f| f.entries_per_month.max(f.exits_per_month))
        .fold(1.0, f64::max);
    let stroke = |flow: f64| 2.0 + 14.0 * (flow / max_flow).sqrt();
    let n = data.stages.len();
    let height = g.top * 2.0 + g.row * n as f64;
    let hub_y = height / 2.0;
    let font = |size: f64| format!("font-size: {size}px");
    let rows = data.stages.iter().enumerate().map(|(i, s)| {
        let y = g.top + g.row * i as f64;
        let bar_y = y + g.label + if g.small > 0.0 { 8.0 } else { 3.0 };
        let cy = bar_y + g.bar_h / 2.0;
        let text = places_text(lang, s, props.workshop);
        let waits = waits_text(lang, s);
        let shape = match s.draw {
            StageDraw::Places { places, occupancy, blocked } => {
                let cap = places.max(occupancy).max(1.0);
                let occ_w = g.box_w * (occupancy / cap).clamp(0.0, 1.0);
                let blk_w = g.box_w * (blocked / cap).clamp(0.0, 1.0);
                html! { <>
                    <rect x={g.box_x.to_string()} y={bar_y.to_string()} width={g.box_w.to_string()}
                        height={g.bar_h.to_string()} class="cap" rx="3" />
                    <rect x={g.box_x.to_string()} y={bar_y.to_string()} width={occ_w.to_string()}
                        height={g.bar_h.to_string()} class="occ" rx="3" />
                    <rect x={(g.box_x + occ_w - blk_w).to_string()} y={bar_y.to_string()}
                        width={blk_w.to_string()} height={g.bar_h.to_string()} class="blk" />
                </> }
            }
            StageDraw::Allocation { use_share, .. } => {
                // A flow, not a box: an arrow whose solid part is the dwellings used and whose
                // dashed rest the dwellings lost for want of a household in the queue.
                let used = use_share.unwrap_or(0.0).clamp(0.0, 1.0);
                let end = g.box_x + g.box_w - 12.0;
                let split = g.box_x + (end - g.box_x) * used;
                let head = format!(
                    "M {} {} L {} {} L {} {} Z",
                    end, cy - g.bar_h * 0.7, end + 12.0, cy, end, cy + g.bar_h * 0.7
                );
                html! { <>
                    <line x1={g.box_x.to_string()} y1={cy.to_string()} x2={split.to_string()} y2={cy.to_string()}
                        class="alloc-used" stroke-width={(g.bar_h * 0.8).to_string()} />
                    if used < 1.0 {
                        <line x1={split.to_string()} y1={cy.to_string()} x2={end.to_string()} y2={cy.to_string()}
                            class="alloc-lost" stroke-width={(g.bar_h * 0.8).to_string()} />
                    }
                    <path d={head} class="alloc-head" />
                </> }
            }
        };
        let arrows = (g.hub_w > 0.0).then(|| {
            let path_in = format!(
                "M {} {} C {} {}, {} {}, {} {}",
                g.hub_w, hub_y, g.box_x - 70.0, hub_y, g.box_x - 70.0, cy, g.box_x - 6.0, cy
            );
            let path_out = format!(
                "M {} {} C {} {}, {} {}, {} {}",
                g.box_x + g.box_w, cy, g.exit_x - 60.0, cy, g.exit_x - 60.0, hub_y, g.exit_x, hub_y
            );
            html! { <>
                <path d={path_in} class="flow" stroke-width={stroke(s.entries_per_month).to_string()} />
                <path d={path_out} class="flow out" stroke-width={stroke(s.exits_per_month).to_string()} />
            </> }
        });
        let (occupancy, blocked_share, use_share) = match s.draw {
            StageDraw::Places { places, occupancy, blocked } => (
                occupancy,
                if places > 0.0 { (blocked / places).clamp(0.0, 1.0) } else { 0.0 },
                None,
            ),
            StageDraw::Allocation { use_share, .. } => (0.0, 0.0, use_share),
        };
        html! {
            <g class={classes!("stage", s.binding.then_some("binding"), s.binding.then_some("bottleneck"),
                    s.held_up.then_some("held-up"), matches!(s.draw, StageDraw::Allocation { .. }).then_some("allocation"))}
                data-stage={s.id.clone()} data-occupancy={occupancy.to_string()}
                data-blocked-share={blocked_share.to_string()}
                data-use={use_share.map(|u| u.to_string())}>
                <title>{ format!("{} — {waits}", s.label) }</title>
                { for arrows }
                if s.binding {
                    <rect x={(g.box_x - 4.0).to_string()} y={(y + 2.0).to_string()}
                        width={(g.box_w + 8.0).to_string()} height={(g.row - 4.0).to_string()} class="neck" rx="5" />
                }
                { shape }
                <text x={g.box_x.to_string()} y={(y + g.label + 2.0).to_string()} class="stage-label"
                    style={font(g.label)}>{ text }</text>
                if g.small > 0.0 {
                    <text x={g.box_x.to_string()} y={(bar_y + g.bar_h + g.small + 2.0).to_string()} class="stage-waits"
                        style={font(g.small)}>{ waits.clone() }</text>
                }
            </g>
        }
    });
    let list = data.stages.iter().map(|s| {
        html! {
            <li class={classes!(s.binding.then_some("binding"), s.held_up.then_some("held-up"))} data-stage={s.id.clone()}>
                <strong>{ places_text(lang, s, false) }</strong>{ " " }{ waits_text(lang, s) }
            </li>
        }
    });
    let hubs = (g.hub_w > 0.0).then(|| html! { <>
        <rect x="0" y={(hub_y - 34.0).to_string()} width={g.hub_w.to_string()} height="68" rx="8" class="hub" />
        <text x={(g.hub_w / 2.0).to_string()} y={(hub_y - 8.0).to_string()} class="hub-label"
            text-anchor="middle">{ t(lang, Msg::WaitingList) }</text>
        <text x={(g.hub_w / 2.0).to_string()} y={(hub_y + 18.0).to_string()} class="hub-value"
            text-anchor="middle">{ t(lang, Msg::HouseholdCount { count: data.waiting_list }) }</text>
        <rect x={g.exit_x.to_string()} y={(hub_y - 34.0).to_string()} width={(g.w - g.exit_x).to_string()}
            height="68" rx="8" class="hub" />
        <text x={(g.exit_x + (g.w - g.exit_x) / 2.0).to_string()} y={(hub_y + 6.0).to_string()}
            class="hub-label" text-anchor="middle">{ t(lang, Msg::Exits) }</text>
    </> });
    html! {
        <figure class={classes!("diagram", props.workshop.then_some("diagram-workshop"))}>
            <div class="figure-head">
                <p class={classes!("bottleneck-sentence", binding.then_some("alert"))}
                    id={id("bottleneck-sentence")} hidden={sentence.is_empty()}>{ sentence.clone() }</p>
                // No tool on a projection: the export is the page's.
                if !props.workshop {
                <PngButton {lang} id="export-png-diagram" source={PngSource::Svg("diagram-svg".into(), vec![
                        ("rect.occ".into(), legend_occ.clone().into()),
                        ("rect.blk".into(), legend_blk.clone().into()),
                        ("line.alloc-used".into(), legend_flow.clone().into()),
                    ])}
                    title={t(lang, Msg::PathwayOf { territory: &props.scenario.territory.name })}
                    subtitle={summary_neck_sentence(lang, &props.scenario, summary)}
                    file={file_name(&props.scenario.territory.name, "pathway", "png")} />
                }
            </div>
            <svg id={id("diagram-svg")} viewBox={format!("0 0 {} {height}", g.w)} role="img"
                aria-labelledby={format!("{} {}", id("diagram-title-text"), id("bottleneck-sentence"))}
                class="diagram-svg" preserveAspectRatio="xMidYMid meet">
                <title id={id("diagram-title-text")}>{ t(lang, Msg::PathwayOf { territory: &props.scenario.territory.name }) }</title>
                { for hubs }
                { for rows }
            </svg>
            <ol class="diagram-list" id={id("diagram-list")} aria-label={t(lang, Msg::ThePathway)}>{ for list }</ol>
            <figcaption class="legend">
                <span class="sw occ"></span>{ legend_occ.clone() }
                <span class="sw blk"></span>{ legend_blk.clone() }
                <span class="sw flow-used"></span>{ legend_flow.clone() }
                <span class="note">{ t(lang, Msg::ArrowNote) }</span>
            </figcaption>
            if !props.workshop {
                <DataTableView {lang} table={Some(Table::Made(table))} id="diagram-data" />
            }
        </figure>
    }
}
