//! « Avec ce budget ? »'s cost–outcome front: the best mix found for each budget as points
//! joined by a line, the recommended mix ringed (the objective's name is the panel's caption); in the charts' frame and palette (`plot.rs`).
//! Browser only (the app also compiles natively, for its tests).
#![cfg(target_arch = "wasm32")]

use parcours_core::analysis::view::FrontChart;
use parcours_core::i18n::{format_num, format_sig, Lang};

/// Draws `chart` on `canvas` (pixels already sized to its box × `scale`).
pub fn draw_front(
    canvas: &web_sys::HtmlCanvasElement,
    chart: &FrontChart,
    lang: Lang,
    scale: f64,
) -> Result<(), String> {
    use crate::plot::{canvas_root, chart_frame, palette, rgb, Frame};
    use plotters::prelude::*;

    let px = |v: f64| (v * scale).round() as i32;
    let root = canvas_root(canvas)?;
    let all = chart.points.iter().chain(chart.best.as_ref());
    let (mut x0, mut x1, mut y0, mut y1) = (0.0_f64, 0.0_f64, f64::INFINITY, f64::NEG_INFINITY);
    for &(x, y) in all {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if !y0.is_finite() {
        return root.present().map_err(|e| e.to_string());
    }
    let pad = |lo: f64, hi: f64| ((hi - lo) * 0.08).max(hi.abs().max(1.0) * 0.01);
    let (xp, yp) = (pad(x0, x1), pad(y0, y1));
    let x_label = |v: &f64| format_num(lang, *v);
    let y_label = |v: &f64| format_sig(lang, *v);
    let frame = Frame {
        scale,
        margins: (16.0, 24.0, 12.0),
        label_areas: (52.0, 64.0),
        x_label: &x_label,
        y_label: Some(&y_label),
        ticks: (6, 6),
        x_desc: &chart.x_axis,
        // Written above the chart by the panel: a vertical title would run over the ticks.
        y_desc: "",
        text_px: (14.0, 15.0),
        tick_px: None,
    };
    let mut c = chart_frame(&root, &frame, (x0 - xp)..(x1 + xp), (y0 - yp)..(y1 + yp))?;
    let line = ShapeStyle::from(&rgb(palette::MEDIAN)).stroke_width(px(2.0).max(1) as u32);
    c.draw_series(LineSeries::new(chart.points.iter().copied(), line))
        .map_err(|e| e.to_string())?;
    c.draw_series(
        chart
            .points
            .iter()
            .map(|&p| Circle::new(p, px(5.0), rgb(palette::BAND).filled())),
    )
    .map_err(|e| e.to_string())?;
    if let Some(b) = chart.best {
        let ring = ShapeStyle::from(&rgb(palette::SCEN_MEDIAN)).stroke_width(px(3.0).max(1) as u32);
        c.draw_series(std::iter::once(Circle::new(b, px(10.0), ring)))
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}
