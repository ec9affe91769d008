//! What becomes of the households, in shares: the time-to-housing histogram, the cohort's
//! states month by month and the survival curve after the first request.

#[cfg(target_arch = "wasm32")]
use super::{canvas_root, chart_frame, palette, rgb, Frame, Legend, FONT, LEGEND};
#[cfg(target_arch = "wasm32")]
use parcours_core::chart_data::{
    nice_ceiling, CohortData, HistData, SurvivalData, COHORT_CHART_MONTHS, HIST_MONTHS,
};
#[cfg(target_arch = "wasm32")]
use parcours_core::i18n::{format_count, t, Lang, Msg};
#[cfg(target_arch = "wasm32")]
use parcours_engine::CohortState;

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
        .map_err(|e| e.to_string())?;
    let mut legend = Legend::default();
    legend.add(t(lang, Msg::Baseline), move |(x, y)| {
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
            .map_err(|e| e.to_string())?;
        legend.add(t(lang, Msg::Scenario), move |(x, y)| {
            PathElement::new(vec![(x, y), (x + px(22.0), y)], scen_style)
        });
    }
    legend.draw(&chart, SeriesLabelPosition::UpperRight, scale, LEGEND)?;
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
    let mut legend = Legend::default();
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
            .map_err(|e| e.to_string())?;
        legend.add(t(lang, name), move |(x, y)| {
            PathElement::new(vec![(x, y), (x + px(22.0), y)], style)
        });
    }
    legend.draw(&chart, SeriesLabelPosition::UpperRight, scale, LEGEND)?;
    root.present().map_err(|e| e.to_string())
}
