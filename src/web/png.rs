//! Images of the page's charts: a canvas or the diagram's SVG (its computed styles inlined),
//! drawn on a white canvas under a title, saved as PNG.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Blob, CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlImageElement};
use yew::AttrValue;

use super::download::download_blob;
use super::log_error;

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
                log_error("PNG export", e);
            }
        }
        Err(_) => log_error("PNG export", "the canvas gave no image".into()),
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
        // Through the CSSOM, which the page's Content-Security-Policy allows (a `style`
        // attribute written as text would be an inline style, which it refuses).
        if let Some(to) = to.dyn_ref::<web_sys::SvgElement>() {
            to.style().set_css_text(&css);
        }
        Ok(())
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
            log_error("PNG export", e);
        }
    });
    let onerror = Closure::once_into_js(|| {
        log_error(
            "PNG export",
            "the drawing could not be read as an image".into(),
        )
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_onerror(Some(onerror.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}
