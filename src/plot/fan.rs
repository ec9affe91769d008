//! The fan chart: the baseline's bands and median over the months, the scenario's overlaid,
//! the fluid approximation's level dashed.

#[cfg(target_arch = "wasm32")]
use super::{canvas_root, chart_frame, palette, rgb, Frame, Legend, FONT, LEGEND};
#[cfg(target_arch = "wasm32")]
use parcours_core::chart_data::{month_label, month_ticks, FanData};
#[cfg(target_arch = "wasm32")]
use parcours_core::i18n::format_count;
use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::measures::UNSHELTERED_SERIES;

/// A time axis in months whose ticks are given (calendar boundaries, see [`month_ticks`]).
/// plotters' own `with_key_points` cannot take a label formatter, hence this small type.
#[cfg(target_arch = "wasm32")]
struct MonthAxis {
    range: plotters::coord::types::RangedCoordf64,
    ticks: Vec<f64>,
}

#[cfg(target_arch = "wasm32")]
impl plotters::coord::ranged1d::Ranged for MonthAxis {
    type FormatOption = plotters::coord::ranged1d::DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.range.map(value, limit)
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        use plotters::coord::ranged1d::KeyPointWeight;
        if matches!(hint.weight(), KeyPointWeight::Any) {
            return Vec::new(); // no light grid lines
        }
        let max = hint.max_num_points().max(1);
        let step = self.ticks.len().div_ceil(max).max(1);
        self.ticks.iter().copied().step_by(step).collect()
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.range.range()
    }
}

/// Texts of a fan chart.
#[derive(Debug, Clone, PartialEq)]
pub struct FanText {
    pub lang: Lang,
    pub y_desc: String,
    pub x_desc: String,
}

impl FanText {
    /// A fan chart of `y_desc` over the months.
    pub fn new(lang: Lang, y_desc: &str) -> Self {
        FanText {
            lang,
            y_desc: y_desc.to_string(),
            x_desc: t(lang, Msg::AxisMonths).into_owned(),
        }
    }

    /// The fan chart of households without a solution.
    pub fn unsheltered(lang: Lang) -> Self {
        FanText::new(lang, &t(lang, UNSHELTERED_SERIES.label))
    }
}

/// Draws a fan chart (90 % band, 50 % band, median) on `canvas`, at the canvas's pixel size.
/// `scale` multiplies every size (use `window.devicePixelRatio` for a crisp chart).
#[cfg(target_arch = "wasm32")]
pub fn draw_fan(
    canvas: &web_sys::HtmlCanvasElement,
    data: &FanData,
    text: &FanText,
    scale: f64,
) -> Result<(), String> {
    draw_fans(canvas, data, None, None, text, scale)
}

/// Draws the baseline's fan (blue) and, when comparing, the scenario's (orange) over it; and the
/// fluid approximation's level over the window, dashed, while the simulation has not answered.
#[cfg(target_arch = "wasm32")]
pub fn draw_fans(
    canvas: &web_sys::HtmlCanvasElement,
    data: &FanData,
    overlay: Option<&FanData>,
    approximation: Option<f64>,
    text: &FanText,
    scale: f64,
) -> Result<(), String> {
    use plotters::prelude::*;
    use std::borrow::Cow;

    let px = |v: f64| (v * scale).round() as i32;
    let lang = text.lang;
    let root = canvas_root(canvas)?;

    let (x0, x1) = data.x_range;
    // As many month labels as fit side by side (« janv. 2027 » is about 90 px at 16 px): a
    // narrow frame keeps every second or third one, so that the years never collide.
    let plot_width = f64::from(root.dim_in_pixel().0) - (12.0 + 52.0 + 96.0) * scale;
    let room = ((plot_width / (110.0 * scale)).floor() as usize).max(2);
    let ticks = month_ticks(data.start, x0, x1);
    let every = ticks.len().div_ceil(room).max(1);
    let ticks: Vec<f64> = ticks.into_iter().step_by(every).collect();
    let y_max = overlay.map_or(data.y_max(), |o| data.y_max().max(o.y_max()));
    let y_max = approximation.map_or(y_max, |level| y_max.max(level * 1.1));
    // The value axis title runs along the plot's height: shrink it (down to 12 px) if it is
    // longer than the plot is tall.
    let plot_height = f64::from(root.dim_in_pixel().1) - (18.0 + 8.0 + 64.0) * scale;
    let desc_size = (12..=17)
        .rev()
        .map(f64::from)
        .find(|size| {
            root.estimate_text_size(&text.y_desc, &(FONT, px(*size)).into_text_style(&root))
                .is_ok_and(|(width, _)| f64::from(width) <= plot_height * 0.96)
        })
        .unwrap_or(12.0);
    let tick_label = |x: &f64| month_label(lang, data.start, *x);
    let value_label = |y: &f64| format_count(lang, *y);
    let frame = Frame {
        scale,
        margins: (18.0, 52.0, 12.0),
        label_areas: (64.0, 96.0),
        x_label: &tick_label,
        y_label: Some(&value_label),
        ticks: (11, 8),
        x_desc: &text.x_desc,
        y_desc: &text.y_desc,
        text_px: (16.0, desc_size),
        tick_px: Some(5.0),
    };
    let x_axis = MonthAxis {
        range: (x0..x1).into(),
        ticks,
    };
    let mut chart = chart_frame(&root, &frame, x_axis, 0.0..y_max)?;

    let swatch = move |style: ShapeStyle| {
        move |(x, y): (i32, i32)| {
            Rectangle::new([(x, y - px(7.0)), (x + px(22.0), y + px(7.0))], style)
        }
    };
    type Rgb = (u8, u8, u8);
    let fans: Vec<(&FanData, Rgb, Rgb, Cow<str>)> = match overlay {
        None => vec![(data, palette::BAND, palette::MEDIAN, "".into())],
        Some(o) => vec![
            (
                data,
                palette::BAND,
                palette::MEDIAN,
                t(lang, Msg::BaselineLegendPrefix),
            ),
            (
                o,
                palette::SCEN_BAND,
                palette::SCEN_MEDIAN,
                t(lang, Msg::ScenarioLegendPrefix),
            ),
        ],
    };
    let mut legend = Legend::default();
    for (fan, band_rgb, median_rgb, prefix) in fans {
        let band = |low: &[f64], high: &[f64]| -> Vec<(f64, f64)> {
            let forward = fan.x.iter().zip(high).map(|(x, y)| (*x, *y));
            let back = fan.x.iter().zip(low).rev().map(|(x, y)| (*x, *y));
            forward.chain(back).filter(|(_, y)| y.is_finite()).collect()
        };
        let colour = rgb(band_rgb);
        let alpha = if overlay.is_some() { 0.7 } else { 1.0 };
        let band90 = colour.mix(palette::BAND90_ALPHA * alpha).filled();
        let band50 = colour.mix(palette::BAND50_ALPHA * alpha).filled();
        let median_style = ShapeStyle::from(&rgb(median_rgb)).stroke_width(px(3.0) as u32);
        chart
            .draw_series(std::iter::once(Polygon::new(
                band(&fan.p5, &fan.p95),
                band90,
            )))
            .map_err(|e| e.to_string())?;
        legend.add(format!("{prefix}{}", t(lang, Msg::Band90)), swatch(band90));
        chart
            .draw_series(std::iter::once(Polygon::new(
                band(&fan.p25, &fan.p75),
                band50,
            )))
            .map_err(|e| e.to_string())?;
        // When comparing, the legend names the 90 % bands and the medians only (it would
        // otherwise hide the curves); the 50 % band reads as the darker part.
        if overlay.is_none() {
            legend.add(format!("{prefix}{}", t(lang, Msg::Band50)), swatch(band50));
        }
        chart
            .draw_series(LineSeries::new(
                fan.x
                    .iter()
                    .zip(&fan.p50)
                    .filter(|(_, y)| y.is_finite())
                    .map(|(x, y)| (*x, *y)),
                median_style,
            ))
            .map_err(|e| e.to_string())?;
        legend.add(
            format!("{prefix}{}", t(lang, Msg::Median)),
            move |(x, y)| PathElement::new(vec![(x, y), (x + px(22.0), y)], median_style),
        );
    }
    if let Some(level) = approximation {
        // Dark grey and dashed: neither fan's colour, so it never reads as a simulated figure.
        let style = ShapeStyle::from(&rgb(palette::TEXT)).stroke_width(px(2.5) as u32);
        let (dash, gap) = (px(10.0) as u32, px(6.0) as u32);
        chart
            .draw_series(DashedLineSeries::new(
                [(x0, level), (x1, level)],
                dash,
                gap,
                style,
            ))
            .map_err(|e| e.to_string())?;
        legend.add(t(lang, Msg::ApproxLegend), move |(x, y)| {
            // Two dashes, in coordinates relative to (x, y).
            EmptyElement::at((x, y))
                + PathElement::new(vec![(0, 0), (px(9.0), 0)], style)
                + PathElement::new(vec![(px(13.0), 0), (px(22.0), 0)], style)
        });
    }

    // A narrow frame (a phone, a 400 px embed): a smaller legend, so that it stays inside the plot.
    let narrow = plot_width < 360.0 * scale;
    let legend_size = if narrow { (12.0, 4.0, 24.0) } else { LEGEND };
    legend.draw(&chart, SeriesLabelPosition::UpperLeft, scale, legend_size)?;

    root.present().map_err(|e| e.to_string())
}
