//! Exports from the page: the CSV tables (series, headline figures) in a chosen dialect, each
//! chart as a PNG with a title on a white background, and the button that opens the printable
//! report. Files are downloaded through a Blob, an object URL and a temporary `<a download>`.

use std::rc::Rc;

use js_sys::Array;
use parcours_engine::{Comparison, Scenario, Summary};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, Element, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, HtmlSelectElement, Url,
};
use yew::prelude::*;

use parcours_core::csv::Dialect;
use parcours_core::i18n::Lang;
use parcours_core::result_tables::{self as csv, Run};

// ---- downloads -------------------------------------------------------------------------

/// Saves `blob` as a file named `name`.
pub fn download_blob(blob: &Blob, name: &str) -> Result<(), JsValue> {
    let document = gloo_utils::document();
    let url = Url::create_object_url_with_blob(blob)?;
    let a: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document.body().ok_or("no <body>")?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    // Revoked a little later: some browsers read the URL after `click` returns.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Saves `text` (UTF-8) as a file of type `mime`.
pub fn download_text(text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    download_blob(&blob, name)
}

fn report_error(what: &str, error: JsValue) {
    web_sys::console::error_2(&format!("{what}:").into(), &error);
}

// ---- images ----------------------------------------------------------------------------

/// A white canvas of `width` × (`height` + a title band), with the title (and a subtitle) drawn
/// in the band; returns it, its context and the band's height.
fn titled_canvas(
    width: u32,
    height: u32,
    scale: f64,
    title: &str,
    subtitle: &str,
) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d, f64), JsValue> {
    let band = ((if subtitle.is_empty() { 40.0 } else { 62.0 }) * scale).round();
    let canvas: HtmlCanvasElement = gloo_utils::document()
        .create_element("canvas")?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height + band as u32);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2D context")?
        .unchecked_into();
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height) + band);
    let room = f64::from(width) - 24.0 * scale;
    let line = |text: &str, size: f64, weight: &str, y: f64| -> Result<(), JsValue> {
        // Shrunk (down to 10 px) until it fits the width.
        let mut size = size;
        loop {
            ctx.set_font(&format!("{weight} {}px sans-serif", (size * scale).round()));
            if size <= 10.0 || ctx.measure_text(text)?.width() <= room {
                break;
            }
            size -= 1.0;
        }
        ctx.set_fill_style_str(if weight == "bold" {
            "#1c2128"
        } else {
            "#4a5260"
        });
        ctx.fill_text(text, 12.0 * scale, y * scale)
    };
    line(title, 19.0, "bold", 27.0)?;
    if !subtitle.is_empty() {
        line(subtitle, 15.0, "normal", 51.0)?;
    }
    Ok((canvas, ctx, band))
}

/// Encodes `canvas` as PNG and saves it.
fn save_png(canvas: &HtmlCanvasElement, name: &str) -> Result<(), JsValue> {
    let name = name.to_string();
    let done = Closure::once_into_js(move |blob: JsValue| match blob.dyn_into::<Blob>() {
        Ok(blob) => {
            if let Err(e) = download_blob(&blob, &name) {
                report_error("PNG export", e);
            }
        }
        Err(_) => report_error("PNG export", "the canvas gave no image".into()),
    });
    canvas.to_blob(done.unchecked_ref())
}

/// The chart drawn on canvas `id`, under a title, as a PNG file (same width and pixel density
/// as on screen).
pub fn export_canvas(id: &str, title: &str, subtitle: &str, name: &str) -> Result<(), JsValue> {
    let source: HtmlCanvasElement = gloo_utils::document()
        .get_element_by_id(id)
        .ok_or("no such chart")?
        .dyn_into()?;
    // The chart was drawn at the screen's pixel ratio: so is the title.
    let scale = gloo_utils::window().device_pixel_ratio().max(1.0);
    let (canvas, ctx, band) =
        titled_canvas(source.width(), source.height(), scale, title, subtitle)?;
    ctx.draw_image_with_html_canvas_element(&source, 0.0, band)?;
    save_png(&canvas, name)
}

/// Presentation properties copied from the page's style sheet into the SVG, so that it draws
/// the same as an image (an image cannot see the page's CSS).
const SVG_STYLE: [&str; 16] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "visibility",
];

/// The SVG element with its computed styles inlined, as a standalone `data:` URL, and its size
/// (from its `viewBox`).
pub fn svg_data_url(svg: &Element) -> Result<(String, f64, f64), JsValue> {
    let window = gloo_utils::window();
    let copy: Element = svg.clone_node_with_deep(true)?.unchecked_into();
    let originals = svg.query_selector_all("*")?;
    let copies = copy.query_selector_all("*")?;
    let inline = |from: &Element, to: &Element| -> Result<(), JsValue> {
        let Some(style) = window.get_computed_style(from)? else {
            return Ok(());
        };
        let mut css = String::new();
        for p in SVG_STYLE {
            let v = style.get_property_value(p)?;
            if !v.is_empty() {
                css.push_str(&format!("{p}:{v};"));
            }
        }
        to.set_attribute("style", &css)
    };
    inline(svg, &copy)?;
    for i in 0..originals.length().min(copies.length()) {
        if let (Some(a), Some(b)) = (originals.item(i), copies.item(i)) {
            if let (Ok(a), Ok(b)) = (a.dyn_into::<Element>(), b.dyn_into::<Element>()) {
                inline(&a, &b)?;
            }
        }
    }
    let (w, h) = svg
        .get_attribute("viewBox")
        .and_then(|v| {
            let n: Vec<f64> = v
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (n.len() == 4).then(|| (n[2], n[3]))
        })
        .unwrap_or((
            f64::from(svg.client_width()),
            f64::from(svg.client_height()),
        ));
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg")?;
    copy.set_attribute("width", &w.to_string())?;
    copy.set_attribute("height", &h.to_string())?;
    copy.remove_attribute("class")?;
    let text = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&text))
    );
    Ok((url, w, h))
}

/// The SVG element `id` as a PNG (twice its drawing size), under a title.
/// `legend`: (selector of an element of the drawing, label) pairs drawn under it, each with a
/// swatch of that element's fill.
pub fn export_svg(
    id: &str,
    title: &str,
    subtitle: &str,
    legend: &[(AttrValue, AttrValue)],
    name: &str,
) -> Result<(), JsValue> {
    const SCALE: f64 = 2.0;
    let svg = gloo_utils::document()
        .get_element_by_id(id)
        .ok_or("no such drawing")?;
    let (url, w, h) = svg_data_url(&svg)?;
    let (width, height) = ((w * SCALE).round() as u32, (h * SCALE).round() as u32);
    let legend_band = if legend.is_empty() { 0.0 } else { 36.0 * SCALE };
    let (canvas, ctx, band) =
        titled_canvas(width, height + legend_band as u32, SCALE, title, subtitle)?;
    let window = gloo_utils::window();
    let (mut x, y) = (12.0 * SCALE, band + f64::from(height) + 10.0 * SCALE);
    ctx.set_font(&format!("{}px sans-serif", 15.0 * SCALE));
    ctx.set_line_width(SCALE);
    for (selector, label) in legend {
        let fill = match svg.query_selector(selector)? {
            Some(e) => window
                .get_computed_style(&e)?
                .map(|s| s.get_property_value("fill"))
                .transpose()?
                .unwrap_or_default(),
            None => continue,
        };
        ctx.set_fill_style_str(&fill);
        ctx.fill_rect(x, y, 20.0 * SCALE, 14.0 * SCALE);
        ctx.set_stroke_style_str("#8a94a3");
        ctx.stroke_rect(x, y, 20.0 * SCALE, 14.0 * SCALE);
        ctx.set_fill_style_str("#1c2128");
        ctx.fill_text(label, x + 26.0 * SCALE, y + 12.5 * SCALE)?;
        x += 26.0 * SCALE + ctx.measure_text(label)?.width() + 22.0 * SCALE;
    }
    let image = HtmlImageElement::new()?;
    let name = name.to_string();
    let loaded = image.clone();
    let onload = Closure::once_into_js(move || {
        let drawn = ctx
            .draw_image_with_html_image_element_and_dw_and_dh(
                &loaded,
                0.0,
                band,
                f64::from(width),
                f64::from(height),
            )
            .and_then(|_| save_png(&canvas, &name));
        if let Err(e) = drawn {
            report_error("PNG export", e);
        }
    });
    let onerror = Closure::once_into_js(|| {
        report_error(
            "PNG export",
            "the drawing could not be read as an image".into(),
        )
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_onerror(Some(onerror.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

// ---- components ------------------------------------------------------------------------

/// What a PNG button exports.
#[derive(Debug, Clone, PartialEq)]
pub enum PngSource {
    /// A `<canvas>` by id.
    Canvas(AttrValue),
    /// An `<svg>` by id, with its legend: (selector of an element, label) pairs.
    Svg(AttrValue, Vec<(AttrValue, AttrValue)>),
}

#[derive(Properties, PartialEq)]
pub struct PngButtonProps {
    pub lang: Lang,
    pub source: PngSource,
    /// Title drawn above the image.
    pub title: AttrValue,
    #[prop_or_default]
    pub subtitle: AttrValue,
    /// File name, `….png`.
    pub file: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// A small « Exporter en PNG » button.
#[function_component(PngButton)]
pub fn png_button(props: &PngButtonProps) -> Html {
    let onclick = {
        let (source, title, subtitle, file) = (
            props.source.clone(),
            props.title.clone(),
            props.subtitle.clone(),
            props.file.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let result = match &source {
                PngSource::Canvas(id) => export_canvas(id, &title, &subtitle, &file),
                PngSource::Svg(id, legend) => export_svg(id, &title, &subtitle, legend, &file),
            };
            if let Err(e) = result {
                report_error("PNG export", e);
            }
        })
    };
    let lang = props.lang;
    html! {
        <button type="button" class="export-button" id={props.id.clone()} {onclick}
            title={lang.pick("Télécharger ce graphique en image PNG", "Download this chart as a PNG image")}>
            { lang.pick("Exporter en PNG", "Export as PNG") }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    pub lang: Lang,
    /// The baseline (its territory names the files).
    pub baseline: Rc<Scenario>,
    /// The scenario that runs, when comparing.
    pub scenario: Option<Rc<Scenario>>,
    pub base: Option<Rc<Summary>>,
    pub scen: Option<Rc<Summary>>,
    pub comparison: Option<Rc<Comparison>>,
    /// Opens the printable report.
    pub on_report: Callback<()>,
}

/// « Exporter » bar: dialect, series CSV, headline CSV, printable report.
#[function_component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let lang = props.lang;
    // `None` until the user chooses: the language's usual dialect.
    let chosen = use_state(|| None::<Dialect>);
    let dialect = chosen.unwrap_or_else(|| Dialect::default_for(lang));
    let on_dialect = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            chosen.set(Dialect::from_code(&v));
        })
    };
    let territory = props.baseline.territory.name.clone();
    let on_series = {
        let (baseline, scenario, base, scen) = (
            props.baseline.clone(),
            props.scenario.clone(),
            props.base.clone(),
            props.scen.clone(),
        );
        let territory = territory.clone();
        Callback::from(move |_: MouseEvent| {
            let mut runs = Vec::new();
            if let Some(s) = base.as_deref() {
                runs.push(Run {
                    id: "baseline",
                    scenario: &baseline,
                    summary: s,
                });
            }
            if let (Some(sc), Some(s)) = (scenario.as_deref(), scen.as_deref()) {
                runs.push(Run {
                    id: "scenario",
                    scenario: sc,
                    summary: s,
                });
            }
            let text = csv::series_csv(lang, dialect, &runs);
            let name = csv::file_name(&territory, "series", "csv");
            if let Err(e) = download_text(&text, "text/csv;charset=utf-8", &name) {
                report_error("CSV export", e);
            }
        })
    };
    let on_headlines = {
        let (base, scen, comparison) = (
            props.base.clone(),
            props.scen.clone(),
            props.comparison.clone(),
        );
        let territory = territory.clone();
        Callback::from(move |_: MouseEvent| {
            let rows = csv::headline_rows(
                lang,
                base.as_deref(),
                scen.as_deref(),
                comparison.as_deref(),
            );
            let text = csv::headlines_csv(lang, dialect, &rows);
            let name = csv::file_name(&territory, "headlines", "csv");
            if let Err(e) = download_text(&text, "text/csv;charset=utf-8", &name) {
                report_error("CSV export", e);
            }
        })
    };
    let on_report = {
        let on_report = props.on_report.clone();
        Callback::from(move |_: MouseEvent| on_report.emit(()))
    };
    let ready = props.base.is_some();
    html! {
        <section class="card export-bar" aria-labelledby="export-title">
            <h2 id="export-title">{ lang.pick("Exporter", "Export") }</h2>
            <label for="export-dialect" class="sr-only">{ lang.pick("Format des fichiers CSV", "Format of the CSV files") }</label>
            <select id="export-dialect" onchange={on_dialect}
                title={lang.pick("Séparateur et marque décimale des fichiers CSV", "Separator and decimal mark of the CSV files")}>
                { for Dialect::ALL.iter().map(|d| html! {
                    <option value={d.code()} selected={*d == dialect}>{ d.label(lang) }</option>
                }) }
            </select>
            <button type="button" class="export-button" id="export-series" onclick={on_series} disabled={!ready}
                title={lang.pick("Séries mensuelles avec leurs bandes, référence et scénario", "Monthly series with their bands, baseline and scenario")}>
                { lang.pick("Séries (CSV)", "Series (CSV)") }</button>
            <button type="button" class="export-button" id="export-headlines" onclick={on_headlines} disabled={!ready}
                title={lang.pick("Chiffres clés, différence et IC 95 %", "Key figures, difference and 95 % CI")}>
                { lang.pick("Chiffres clés (CSV)", "Key figures (CSV)") }</button>
            <button type="button" class="export-button report-button" id="open-report" onclick={on_report} disabled={!ready}>
                { lang.pick("Rapport imprimable", "Printable report") }</button>
        </section>
    }
}
