//! Charts drawn with plotters on a `<canvas>`, all in one look: the palette, a chart's frame
//! (axes, ticks, titles) and its legend are here; the charts are in `plot/`: `fan.rs` (the fan
//! chart, baseline and scenario overlaid) and `cohort.rs` (the time-to-housing histogram, the
//! cohort's states, the survival curve); `canvas.rs` is plotters' canvas backend with text
//! measured by the canvas, never through the page's layout. Their data (`parcours_core::chart_data`) is prepared and
//! tested natively; only the drawing is here.

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

/// The canvas cleared to white, as plotters' drawing area.
#[cfg(target_arch = "wasm32")]
pub(crate) fn canvas_root(canvas: &web_sys::HtmlCanvasElement) -> Result<Root, String> {
    use plotters::prelude::*;
    let backend = canvas::Canvas::new(canvas).ok_or("canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    Ok(root)
}

/// The drawing area of a canvas.
#[cfg(target_arch = "wasm32")]
pub(crate) type Root = plotters::drawing::DrawingArea<canvas::Canvas, plotters::coord::Shift>;

/// A chart of `x` × `y` on a canvas.
#[cfg(target_arch = "wasm32")]
pub(crate) type Chart<'c, X, Y> = plotters::chart::ChartContext<
    'c,
    canvas::Canvas,
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

/// A chart's legend: the series' names and swatches in a box of the charts' look, at `position`
/// in the plot. plotters draws one (`configure_series_labels`), but measures its text through a
/// `<span>` in the page, a forced layout per entry at every redraw (see `canvas.rs`); this one is
/// laid out as plotters lays out its own (rows 1.25 text sizes apart, the swatch in a column
/// left of the text) with the text measured by the backend.
#[cfg(target_arch = "wasm32")]
#[derive(Default)]
pub(crate) struct Legend<'a> {
    entries: Vec<(String, Swatch<'a>)>,
}

/// Draws an entry's swatch centred vertically on a point (the left end of its column).
#[cfg(target_arch = "wasm32")]
type Swatch<'a> = Box<
    dyn Fn(
            plotters_backend::BackendCoord,
        )
            -> plotters::element::DynElement<'static, canvas::Canvas, plotters_backend::BackendCoord>
        + 'a,
>;

#[cfg(target_arch = "wasm32")]
impl<'a> Legend<'a> {
    /// An entry: its name and how to draw its swatch at a point.
    pub(crate) fn add<E>(
        &mut self,
        label: impl Into<String>,
        swatch: impl Fn(plotters_backend::BackendCoord) -> E + 'a,
    ) where
        E: plotters::element::IntoDynElement<
            'static,
            canvas::Canvas,
            plotters_backend::BackendCoord,
        >,
    {
        self.entries
            .push((label.into(), Box::new(move |at| swatch(at).into_dyn())));
    }

    /// Draws the legend in `chart`'s plot at `position`: its text size, margin around the
    /// entries and swatch column's width in CSS pixels (× `scale`).
    pub(crate) fn draw<X, Y>(
        &self,
        chart: &Chart<'_, X, Y>,
        position: plotters::chart::SeriesLabelPosition,
        scale: f64,
        (text_px, margin, column): (f64, f64, f64),
    ) -> Result<(), String>
    where
        X: plotters::coord::ranged1d::Ranged,
        Y: plotters::coord::ranged1d::Ranged,
    {
        use plotters::chart::SeriesLabelPosition::*;
        use plotters::prelude::*;
        if self.entries.is_empty() {
            return Ok(());
        }
        let px = |v: f64| (v * scale).round() as i32;
        let (margin, column) = (px(margin), px(column));
        let area = chart.plotting_area().strip_coord_spec();
        let style = (FONT, px(text_px)).into_font().color(&rgb(palette::TEXT));
        let line_height = f64::from(px(text_px)) * 1.25;
        // Each entry's top (from the first's) and its text's size.
        let mut rows = Vec::with_capacity(self.entries.len());
        for (i, (label, _)) in self.entries.iter().enumerate() {
            let (w, h) = area
                .estimate_text_size(label, &style)
                .map_err(|e| e.to_string())?;
            rows.push(((i as f64 * line_height).round() as i32, w as i32, h as i32));
        }
        let text_width = rows.iter().map(|r| r.1).max().unwrap_or(0);
        let text_height = rows.iter().map(|r| r.0 + r.2).max().unwrap_or(0);
        let (w, h) = (text_width + column + 2 * margin, text_height + 2 * margin);
        let (area_w, area_h) = area.dim_in_pixel();
        let (area_w, area_h) = (area_w as i32, area_h as i32);
        // Where plotters puts its own legend box.
        let x = match position {
            UpperLeft | MiddleLeft | LowerLeft => 5,
            UpperMiddle | MiddleMiddle | LowerMiddle => (area_w - w) / 2,
            UpperRight | MiddleRight | LowerRight => area_w - w - 5,
            Coordinate(x, _) => x,
        };
        let y = match position {
            UpperLeft | UpperMiddle | UpperRight => 5,
            MiddleLeft | MiddleMiddle | MiddleRight => (area_h - h) / 2,
            LowerLeft | LowerMiddle | LowerRight => area_h - h - 5,
            Coordinate(_, y) => y,
        };
        let frame = [(x, y), (x + w, y + h)];
        area.draw(&Rectangle::new(frame, WHITE.mix(0.92).filled()))
            .and_then(|_| area.draw(&Rectangle::new(frame, rgb(palette::GRID))))
            .map_err(|e| e.to_string())?;
        for ((label, swatch), (top, _, height)) in self.entries.iter().zip(rows) {
            let top = y + margin + top;
            area.draw(&Text::new(
                label.as_str(),
                (x + column + margin, top),
                &style,
            ))
            .and_then(|_| area.draw(&swatch((x + margin, top + height / 2))))
            .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

#[cfg(target_arch = "wasm32")]
mod canvas;
mod cohort;
mod fan;
pub use cohort::COHORT_COLOURS;
#[cfg(target_arch = "wasm32")]
pub use cohort::{draw_cohort, draw_histogram, draw_survival};
pub use fan::FanText;
#[cfg(target_arch = "wasm32")]
pub use fan::{draw_fan, draw_fans};
