//! « Où agir ? »'s ranked chart: one horizontal bar per lever, best at the top, its 95 %
//! interval as whiskers (none for an interval of no width: the fluid ranking's), the lever's name
//! above its bar; zero marked beside each bar. plotters on a canvas,
//! the palette of `plot.rs`. Browser only (the app also compiles natively, for its tests).
#![cfg(target_arch = "wasm32")]

use parcours_core::i18n::{format_sig, Lang};
use parcours_core::marginal::Chart;

/// Draws `chart` on `canvas` (pixels already sized to its box × `scale`), its text and the room
/// kept for it × `zoom` (the workshop's projector: 24 px labels).
pub fn draw_marginal(
    canvas: &web_sys::HtmlCanvasElement,
    chart: &Chart,
    lang: Lang,
    scale: f64,
    zoom: f64,
) -> Result<(), String> {
    use crate::plot::{canvas_root, chart_frame, palette, rgb, Frame, FONT};
    use plotters::prelude::*;

    let px = |v: f64| (v * scale).round() as i32;
    let root = canvas_root(canvas)?;
    let n = chart.bars.len().max(1) as f64;
    // Zero always shows, and a margin each side for the whiskers.
    let lo = chart.bars.iter().map(|b| b.low).fold(0.0_f64, f64::min);
    let hi = chart.bars.iter().map(|b| b.high).fold(0.0_f64, f64::max);
    let pad = ((hi - lo) * 0.06).max(1e-9);
    let (x0, x1) = (lo - pad, hi + pad);
    let x_label = |x: &f64| format_sig(lang, *x);
    let frame = Frame {
        scale,
        margins: (10.0, 24.0 * zoom, 16.0),
        label_areas: (56.0 * zoom, 0.0),
        x_label: &x_label,
        y_label: None,
        ticks: (6, 11),
        x_desc: &chart.axis,
        y_desc: "",
        text_px: (15.0 * zoom, 16.0 * zoom),
        tick_px: None,
    };
    let mut c = chart_frame(&root, &frame, x0..x1, 0.0..n)?;
    // Row i (0 = best) spans [n−i−1, n−i]: its name in the upper half, its bar below.
    let bar_style = rgb(palette::BAND).mix(0.8).filled();
    let whisker = ShapeStyle::from(&rgb(palette::MEDIAN)).stroke_width(px(2.0).max(1) as u32);
    let text = (FONT, px(15.0 * zoom))
        .into_font()
        .color(&rgb(palette::TEXT));
    for (i, b) in chart.bars.iter().enumerate() {
        let top = n - i as f64;
        let (y0, y1) = (top - 0.92, top - 0.55);
        let ym = (y0 + y1) / 2.0;
        c.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y0), (b.mean, y1)],
            bar_style,
        )))
        .map_err(|e| e.to_string())?;
        // An interval of no width (the fluid ranking's) has no whiskers.
        if b.high > b.low {
            c.draw_series([
                PathElement::new(vec![(b.low, ym), (b.high, ym)], whisker),
                PathElement::new(vec![(b.low, y0 + 0.06), (b.low, y1 - 0.06)], whisker),
                PathElement::new(vec![(b.high, y0 + 0.06), (b.high, y1 - 0.06)], whisker),
            ])
            .map_err(|e| e.to_string())?;
        }
        // Zero, beside the bar only (not through the lever's name).
        c.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, y0 - 0.04), (0.0, y1 + 0.04)],
            ShapeStyle::from(&rgb(palette::AXIS)).stroke_width(px(1.5).max(1) as u32),
        )))
        .map_err(|e| e.to_string())?;
        c.draw_series(std::iter::once(Text::new(
            format!("{}. {}", i + 1, b.label),
            (x0, top - 0.1),
            text.clone(),
        )))
        .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}
