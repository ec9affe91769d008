//! Charts drawn with plotters on a `<canvas>`: the fan chart (baseline, scenario overlaid) and
//! the time-to-housing histogram. Their data (`parcours_core::chart_data`) is prepared and tested
//! natively; only the drawing is here.

#[cfg(target_arch = "wasm32")]
use parcours_core::chart_data::{
    month_label, month_ticks, nice_ceiling, CohortData, FanData, HistData, SurvivalData,
    COHORT_CHART_MONTHS, HIST_MONTHS,
};
#[cfg(target_arch = "wasm32")]
use parcours_core::i18n::format_count;
use parcours_core::i18n::{t, Lang, Msg};
use parcours_core::measures::UNSHELTERED_SERIES;
#[cfg(target_arch = "wasm32")]
use parcours_engine::CohortState;

/// Colour-blind-safe palette: one hue (Okabe–Ito blue) at three strengths, so the bands read by
/// lightness alone (also in grey scale and on a washed-out projector).
pub mod palette {
    /// Okabe–Ito blue.
    pub const BAND: (u8, u8, u8) = (0, 114, 178);
    /// Opacity of the 90 % band.
    pub const BAND90_ALPHA: f64 = 0.22;
    /// Opacity of the 50 % band.
    pub const BAND50_ALPHA: f64 = 0.50;
    /// The median, a darker blue.
    pub const MEDIAN: (u8, u8, u8) = (0, 62, 107);
    /// The scenario, overlaid: Okabe–Ito orange bands and a vermillion median.
    pub const SCEN_BAND: (u8, u8, u8) = (230, 159, 0);
    pub const SCEN_MEDIAN: (u8, u8, u8) = (213, 94, 0);
    pub const TEXT: (u8, u8, u8) = (28, 33, 40);
    pub const AXIS: (u8, u8, u8) = (90, 98, 110);
    pub const GRID: (u8, u8, u8) = (226, 230, 236);
}

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

/// The canvas cleared to white, as plotters' drawing area.
#[cfg(target_arch = "wasm32")]
pub(crate) fn canvas_root(canvas: &web_sys::HtmlCanvasElement) -> Result<Root, String> {
    use plotters::prelude::*;
    let backend = plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    Ok(root)
}

/// The drawing area of a canvas.
#[cfg(target_arch = "wasm32")]
pub(crate) type Root =
    plotters::drawing::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>;

/// A chart of `x` × `y` on a canvas.
#[cfg(target_arch = "wasm32")]
pub(crate) type Chart<'c, X, Y> = plotters::chart::ChartContext<
    'c,
    plotters_canvas::CanvasBackend,
    plotters::coord::cartesian::Cartesian2d<X, Y>,
>;

/// A palette colour as plotters'.
#[cfg(target_arch = "wasm32")]
pub(crate) fn rgb((r, g, b): (u8, u8, u8)) -> plotters::style::RGBColor {
    plotters::style::RGBColor(r, g, b)
}

/// The font of every chart's text.
#[cfg(target_arch = "wasm32")]
pub(crate) const FONT: &str = "sans-serif";

/// A chart's frame: its margins and label areas, and its axes (ticks, their labels, titles).
/// Sizes are CSS pixels, multiplied by `scale`.
#[cfg(target_arch = "wasm32")]
pub(crate) struct Frame<'f, X, Y> {
    pub scale: f64,
    /// Margins: top, right, left (the bottom one is 8 px on every chart).
    pub margins: (f64, f64, f64),
    /// Height of the labels' area under the plot, and width of the one left of it (0: none).
    pub label_areas: (f64, f64),
    pub x_label: &'f dyn Fn(&X) -> String,
    /// The value axis's labels; `None`: no value axis (nor horizontal grid lines).
    pub y_label: Option<&'f dyn Fn(&Y) -> String>,
    /// How many ticks at most on each axis.
    pub ticks: (usize, usize),
    pub x_desc: &'f str,
    pub y_desc: &'f str,
    /// Text sizes: tick labels, axis titles.
    pub text_px: (f64, f64),
    /// Tick marks' length (`None`: plotters' own).
    pub tick_px: Option<f64>,
}

/// Builds the chart of `x` × `y` on `root` and draws its frame in the charts' one look: text,
/// axes and grid in the palette, no light grid lines.
#[cfg(target_arch = "wasm32")]
pub(crate) fn chart_frame<'c, X, Y>(
    root: &Root,
    frame: &Frame<X::Value, Y::Value>,
    x: X,
    y: Y,
) -> Result<Chart<'c, X::CoordDescType, Y::CoordDescType>, String>
where
    X: plotters::coord::ranged1d::AsRangedCoord,
    Y: plotters::coord::ranged1d::AsRangedCoord,
    X::CoordDescType: plotters::coord::ranged1d::ValueFormatter<X::Value>,
    Y::CoordDescType: plotters::coord::ranged1d::ValueFormatter<Y::Value>,
{
    use plotters::prelude::*;
    let px = |v: f64| (v * frame.scale).round() as i32;
    let (top, right, left) = frame.margins;
    let mut chart = ChartBuilder::on(root)
        .margin_top(px(top))
        .margin_right(px(right))
        .margin_left(px(left))
        .margin_bottom(px(8.0))
        .x_label_area_size(px(frame.label_areas.0))
        .y_label_area_size(px(frame.label_areas.1))
        .build_cartesian_2d(x, y)
        .map_err(|e| e.to_string())?;
    let (label_px, desc_px) = frame.text_px;
    let mut mesh = chart.configure_mesh();
    mesh.x_label_formatter(frame.x_label)
        .x_labels(frame.ticks.0)
        .y_labels(frame.ticks.1)
        .x_desc(frame.x_desc)
        .label_style((FONT, px(label_px)).into_font().color(&rgb(palette::TEXT)))
        .axis_desc_style((FONT, px(desc_px)).into_font().color(&rgb(palette::TEXT)))
        .axis_style(ShapeStyle::from(&rgb(palette::AXIS)).stroke_width(px(1.0).max(1) as u32))
        .bold_line_style(rgb(palette::GRID))
        .light_line_style(TRANSPARENT);
    match frame.y_label {
        Some(y_label) => mesh.y_label_formatter(y_label).y_desc(frame.y_desc),
        None => mesh.disable_y_mesh().disable_y_axis(),
    };
    if let Some(tick) = frame.tick_px {
        mesh.set_all_tick_mark_size(px(tick));
    }
    mesh.draw().map_err(|e| e.to_string())?;
    Ok(chart)
}

/// The legend's usual text size, margin and row height.
#[cfg(target_arch = "wasm32")]
const LEGEND: (f64, f64, f64) = (16.0, 14.0, 30.0);

/// Draws the series' legend in a box of the charts' look at `position`: its text size, margin
/// from the plot's edge and row height in CSS pixels (× `scale`).
#[cfg(target_arch = "wasm32")]
pub(crate) fn draw_legend<X, Y>(
    chart: &mut Chart<'_, X, Y>,
    position: plotters::chart::SeriesLabelPosition,
    scale: f64,
    (text_px, margin, row): (f64, f64, f64),
) -> Result<(), String>
where
    X: plotters::coord::ranged1d::Ranged,
    Y: plotters::coord::ranged1d::Ranged,
{
    use plotters::prelude::*;
    let px = |v: f64| (v * scale).round() as i32;
    chart
        .configure_series_labels()
        .position(position)
        .margin(px(margin))
        .legend_area_size(px(row))
        .label_font((FONT, px(text_px)).into_font().color(&rgb(palette::TEXT)))
        .background_style(WHITE.mix(0.92))
        .border_style(rgb(palette::GRID))
        .draw()
        .map_err(|e| e.to_string())
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
            .map_err(|e| e.to_string())?
            .label(format!("{prefix}{}", t(lang, Msg::Band90)))
            .legend(swatch(band90));
        let anno = chart
            .draw_series(std::iter::once(Polygon::new(
                band(&fan.p25, &fan.p75),
                band50,
            )))
            .map_err(|e| e.to_string())?;
        // When comparing, the legend names the 90 % bands and the medians only (it would
        // otherwise hide the curves); the 50 % band reads as the darker part.
        if overlay.is_none() {
            anno.label(format!("{prefix}{}", t(lang, Msg::Band50)))
                .legend(swatch(band50));
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
            .map_err(|e| e.to_string())?
            .label(format!("{prefix}{}", t(lang, Msg::Median)))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + px(22.0), y)], median_style));
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
            .map_err(|e| e.to_string())?
            .label(t(lang, Msg::ApproxLegend))
            .legend(move |(x, y)| {
                // Two dashes, in coordinates relative to (x, y).
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (px(9.0), 0)], style)
                    + PathElement::new(vec![(px(13.0), 0), (px(22.0), 0)], style)
            });
    }

    // A narrow frame (a phone, a 400 px embed): a smaller legend, so that it stays inside the plot.
    let narrow = plot_width < 360.0 * scale;
    let legend = if narrow { (12.0, 4.0, 24.0) } else { LEGEND };
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft, scale, legend)?;

    root.present().map_err(|e| e.to_string())
}

/// Labels of a count (months) axis and of a percent axis, in the page's language.
#[cfg(target_arch = "wasm32")]
fn count_and_percent(lang: Lang) -> (impl Fn(&f64) -> String, impl Fn(&f64) -> String) {
    (
        move |x: &f64| format_count(lang, *x),
        move |y: &f64| format!("{} %", format_count(lang, *y)),
    )
}

/// The frame of a chart of shares (%) over months (the histogram, the cohort, the survival
/// curve), `top` CSS pixels from the canvas's top.
#[cfg(target_arch = "wasm32")]
fn shares_frame<'f>(
    scale: f64,
    top: f64,
    (x_label, y_label): &'f (impl Fn(&f64) -> String, impl Fn(&f64) -> String),
    x_desc: &'f str,
    y_desc: &'f str,
) -> Frame<'f, f64, f64> {
    Frame {
        scale,
        margins: (top, 30.0, 12.0),
        label_areas: (64.0, 80.0),
        x_label,
        y_label: Some(y_label),
        ticks: (9, 6),
        x_desc,
        y_desc,
        text_px: (16.0, 17.0),
        tick_px: None,
    }
}

/// Draws the time-to-housing histogram: the baseline's bars, and the scenario's as an outline.
#[cfg(target_arch = "wasm32")]
pub fn draw_histogram(
    canvas: &web_sys::HtmlCanvasElement,
    data: &HistData,
    overlay: Option<&HistData>,
    lang: Lang,
    scale: f64,
) -> Result<(), String> {
    use plotters::prelude::*;

    let px = |v: f64| (v * scale).round() as i32;
    let root = canvas_root(canvas)?;
    let top = data
        .shares
        .iter()
        .chain(overlay.map(|o| o.shares.as_slice()).unwrap_or(&[]))
        .fold(0.0_f64, |a, b| a.max(*b));
    let y_max = nice_ceiling(top * 100.0 * 1.1).max(1.0);
    let labels = count_and_percent(lang);
    let (x_desc, y_desc) = (t(lang, Msg::TimeToHousingAxis), t(lang, Msg::ShareHoused));
    let frame = shares_frame(scale, 18.0, &labels, &x_desc, &y_desc);
    let mut chart = chart_frame(&root, &frame, 0.0..HIST_MONTHS as f64, 0.0..y_max)?;
    let base_style = rgb(palette::BAND).mix(0.75).filled();
    chart
        .draw_series(data.shares.iter().enumerate().map(|(i, v)| {
            Rectangle::new(
                [(i as f64 + 0.08, 0.0), (i as f64 + 0.92, v * 100.0)],
                base_style,
            )
        }))
        .map_err(|e| e.to_string())?
        .label(t(lang, Msg::Baseline))
        .legend(move |(x, y)| {
            Rectangle::new([(x, y - px(7.0)), (x + px(22.0), y + px(7.0))], base_style)
        });
    if let Some(o) = overlay {
        let scen_style = ShapeStyle::from(&rgb(palette::SCEN_MEDIAN)).stroke_width(px(2.5) as u32);
        chart
            .draw_series(LineSeries::new(
                o.shares
                    .iter()
                    .enumerate()
                    .flat_map(|(i, v)| [(i as f64, v * 100.0), (i as f64 + 1.0, v * 100.0)]),
                scen_style,
            ))
            .map_err(|e| e.to_string())?
            .label(t(lang, Msg::Scenario))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + px(22.0), y)], scen_style));
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight, scale, LEGEND)?;
    root.present().map_err(|e| e.to_string())
}

/// The cohort's states' colours (Okabe–Ito), in `CohortState::ALL` order: housed, in a place,
/// waiting list, street between requests, gone.
pub const COHORT_COLOURS: [(u8, u8, u8); 5] = [
    (0, 158, 115),
    (86, 180, 233),
    (230, 159, 0),
    (213, 94, 0),
    (160, 160, 160),
];

/// Draws where the requests stand 0–24 months after they were made: the baseline's shares
/// stacked (areas), the scenario's stacked boundaries as dashed lines over them.
#[cfg(target_arch = "wasm32")]
pub fn draw_cohort(
    canvas: &web_sys::HtmlCanvasElement,
    data: &CohortData,
    overlay: Option<&CohortData>,
    lang: Lang,
    scale: f64,
) -> Result<(), String> {
    use plotters::prelude::*;

    let px = |v: f64| (v * scale).round() as i32;
    let root = canvas_root(canvas)?;
    // The legend above the plot, in rows: the stacked shares fill the plot to 100 %, so a legend
    // inside it would hide a state (it hid « partis »).
    let overlay_style = ShapeStyle::from(&rgb(palette::TEXT)).stroke_width(px(2.0) as u32);
    let mut entries: Vec<(String, Option<RGBColor>)> = CohortState::ALL
        .iter()
        .map(|&state| {
            let label = t(lang, parcours_core::result_tables::cohort_label(state)).into_owned();
            (label, Some(rgb(COHORT_COLOURS[state.index()])))
        })
        .collect();
    if overlay.is_some() {
        entries.push((t(lang, Msg::ScenarioDashed).into_owned(), None));
    }
    let legend_font = (FONT, px(15.0)).into_font().color(&rgb(palette::TEXT));
    let (width, _) = root.dim_in_pixel();
    let (swatch, gap, spacing, row_height, left) =
        (px(22.0), px(8.0), px(20.0), px(24.0), px(12.0));
    let mut placed = Vec::new();
    let (mut x, mut y) = (left, px(8.0));
    for (label, colour) in &entries {
        let text_width = root
            .estimate_text_size(label, &legend_font)
            .map_err(|e| e.to_string())?
            .0 as i32;
        let item = swatch + gap + text_width;
        if x > left && x + item > width as i32 - px(12.0) {
            x = left;
            y += row_height;
        }
        placed.push((x, y, label.clone(), *colour));
        x += item + spacing;
    }
    let legend_height = y + row_height;
    for (x, y, label, colour) in placed {
        let middle = y + row_height / 2;
        match colour {
            Some(c) => root
                .draw(&Rectangle::new(
                    [(x, middle - px(7.0)), (x + swatch, middle + px(7.0))],
                    c.filled(),
                ))
                .map_err(|e| e.to_string())?,
            None => root
                .draw(&PathElement::new(
                    vec![(x, middle), (x + swatch, middle)],
                    overlay_style,
                ))
                .map_err(|e| e.to_string())?,
        }
        root.draw(&Text::new(
            label,
            (x + swatch + gap, middle - px(8.0)),
            legend_font.clone(),
        ))
        .map_err(|e| e.to_string())?;
    }
    let months = COHORT_CHART_MONTHS as f64;
    let labels = count_and_percent(lang);
    let (x_desc, y_desc) = (
        t(lang, Msg::MonthsAfterFirstRequest),
        t(lang, Msg::ShareOfRequests),
    );
    let frame = shares_frame(
        scale,
        f64::from(legend_height) / scale + 10.0,
        &labels,
        &x_desc,
        &y_desc,
    );
    let mut chart = chart_frame(&root, &frame, 0.0..months, 0.0..100.0)?;
    let tops = data.tops();
    // Each state's band, between the states below it and itself.
    let zero = vec![0.0; COHORT_CHART_MONTHS + 1];
    for (state, top) in tops.iter().enumerate() {
        let bottom = if state == 0 { &zero } else { &tops[state - 1] };
        let colour = rgb(COHORT_COLOURS[state]);
        let mut polygon: Vec<(f64, f64)> = top
            .iter()
            .enumerate()
            .map(|(m, y)| (m as f64, y * 100.0))
            .collect();
        polygon.extend(
            bottom
                .iter()
                .enumerate()
                .rev()
                .map(|(m, y)| (m as f64, y * 100.0)),
        );
        chart
            .draw_series(std::iter::once(Polygon::new(
                polygon,
                colour.mix(0.85).filled(),
            )))
            .map_err(|e| e.to_string())?;
    }
    if let Some(o) = overlay {
        let style = overlay_style;
        for top in o.tops().iter().take(CohortState::ALL.len() - 1) {
            let points: Vec<(f64, f64)> = top
                .iter()
                .enumerate()
                .map(|(m, y)| (m as f64, y * 100.0))
                .collect();
            chart
                .draw_series(DashedLineSeries::new(
                    points,
                    px(7.0) as u32,
                    px(5.0) as u32,
                    style,
                ))
                .map_err(|e| e.to_string())?;
        }
    }
    root.present().map_err(|e| e.to_string())
}

/// Draws the survival curve of the time from first request to housing: the share not yet
/// housed, the baseline's with its 5–95 % band, the scenario's over it.
#[cfg(target_arch = "wasm32")]
pub fn draw_survival(
    canvas: &web_sys::HtmlCanvasElement,
    data: &SurvivalData,
    overlay: Option<&SurvivalData>,
    lang: Lang,
    scale: f64,
) -> Result<(), String> {
    use plotters::prelude::*;

    let px = |v: f64| (v * scale).round() as i32;
    let root = canvas_root(canvas)?;
    // The value axis from a round figure under the lowest curve: most requests are not housed
    // within two years, and a 0–100 % axis would flatten the difference.
    let lowest = std::iter::once(data)
        .chain(overlay)
        .flat_map(|d| d.low.iter())
        .copied()
        .filter(|x| x.is_finite())
        .fold(1.0_f64, f64::min);
    let y_min = ((lowest * 100.0 - 5.0) / 10.0).floor().max(0.0) * 10.0;
    let labels = count_and_percent(lang);
    let (x_desc, y_desc) = (
        t(lang, Msg::MonthsAfterFirstRequest),
        t(lang, Msg::ShareNotYetHoused),
    );
    let frame = shares_frame(scale, 18.0, &labels, &x_desc, &y_desc);
    let months = COHORT_CHART_MONTHS as f64;
    let mut chart = chart_frame(&root, &frame, 0.0..months, y_min..100.0)?;
    let curves = std::iter::once((data, palette::BAND, palette::MEDIAN, Msg::Baseline))
        .chain(overlay.map(|o| (o, palette::SCEN_BAND, palette::SCEN_MEDIAN, Msg::Scenario)));
    for (d, band, line, name) in curves {
        let points = |v: &[f64]| {
            v.iter()
                .enumerate()
                .filter(|(_, y)| y.is_finite())
                .map(|(m, y)| (m as f64, y * 100.0))
                .collect::<Vec<_>>()
        };
        let mut polygon = points(&d.high);
        polygon.extend(points(&d.low).into_iter().rev());
        chart
            .draw_series(std::iter::once(Polygon::new(
                polygon,
                rgb(band).mix(palette::BAND90_ALPHA).filled(),
            )))
            .map_err(|e| e.to_string())?;
        let style = ShapeStyle::from(&rgb(line)).stroke_width(px(2.5) as u32);
        chart
            .draw_series(LineSeries::new(points(&d.mean), style))
            .map_err(|e| e.to_string())?
            .label(t(lang, name))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + px(22.0), y)], style));
    }
    draw_legend(&mut chart, SeriesLabelPosition::UpperRight, scale, LEGEND)?;
    root.present().map_err(|e| e.to_string())
}
