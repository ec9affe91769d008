//! A chart on a canvas (a fan chart, or the time-to-housing histogram; drawn by `plot.rs`),
//! sized to its box × devicePixelRatio and redrawn when its data, its texts or its box change
//! (after the next paint: `web::paint`). The box's size is the one its `ResizeObserver` last
//! said: a redraw during a run reads no layout (reading it after the page's render was a forced
//! layout of the whole page, tens of milliseconds).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::plot::FanText;
use parcours_core::chart_data::{CohortData, FanData, HistData, SurvivalData};

/// What a canvas shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Plot {
    /// Baseline fan and, when comparing, the scenario's over it; the fluid approximation's
    /// level, dashed, while the simulation has not answered.
    Fan(Rc<FanData>, Option<Rc<FanData>>, Option<f64>, FanText),
    /// Time-to-housing distribution, baseline and scenario.
    Hist(
        Rc<HistData>,
        Option<Rc<HistData>>,
        parcours_core::i18n::Lang,
    ),
    /// Where the requests stand 0–24 months after they were made, baseline and scenario.
    Cohort(
        Rc<CohortData>,
        Option<Rc<CohortData>>,
        parcours_core::i18n::Lang,
    ),
    /// Time from first request to housing as a survival curve, baseline and scenario.
    Survival(
        Rc<SurvivalData>,
        Option<Rc<SurvivalData>>,
        parcours_core::i18n::Lang,
    ),
    /// « Où agir ? »: the levers ranked, with their intervals; its text and margins × the last
    /// figure (1 in the page, larger on the workshop's projector).
    Marginal(
        Rc<parcours_core::marginal::Chart>,
        parcours_core::i18n::Lang,
        f64,
    ),
    /// « Avec ce budget ? »: the cost–outcome front.
    Front(
        Rc<parcours_core::analysis::view::FrontChart>,
        parcours_core::i18n::Lang,
    ),
}

#[derive(Properties, PartialEq)]
pub struct FanChartProps {
    /// `None` until the first replications arrive.
    pub data: Option<Rc<FanData>>,
    #[prop_or_default]
    pub overlay: Option<Rc<FanData>>,
    /// The fluid approximation's level over the window (`parcours_core::preview`).
    #[prop_or_default]
    pub approximation: Option<f64>,
    pub text: FanText,
    /// Accessible description of the chart.
    pub label: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[function_component(FanChart)]
pub fn fan_chart(props: &FanChartProps) -> Html {
    let plot = props.data.clone().map(|d| {
        let overlay = props.overlay.clone();
        Plot::Fan(d, overlay, props.approximation, props.text.clone())
    });
    html! { <PlotCanvas {plot} label={props.label.clone()} id={props.id.clone()} /> }
}

#[derive(Properties, PartialEq)]
pub struct PlotCanvasProps {
    pub plot: Option<Plot>,
    pub label: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[function_component(PlotCanvas)]
pub fn plot_canvas(props: &PlotCanvasProps) -> Html {
    let canvas = use_node_ref();
    let latest = use_mut_ref(|| None as Option<Plot>);
    let scheduled = use_mut_ref(|| false);
    // The canvas's box in CSS pixels, as its ResizeObserver last said (none before).
    let size = use_mut_ref(|| None as Option<(f64, f64)>);
    {
        let (canvas, latest, size) = (canvas.clone(), latest.clone(), size.clone());
        use_effect_with(props.plot.clone(), move |plot| {
            let blank = latest.replace(plot.clone()).is_none();
            // A blank canvas is drawn at once. One with a drawing is drawn again after the next
            // paint, with the latest data only: the page's update (the cards) is on screen
            // first, and each chart's drawing (plotters measures every text in the DOM, a
            // forced layout each) is a task of its own, not part of the render's.
            if blank {
                draw(&canvas, &latest.borrow(), *size.borrow());
            } else if !std::mem::replace(&mut *scheduled.borrow_mut(), true) {
                mark_redraw_pending(&canvas, true);
                crate::web::paint::after_paint(move || {
                    *scheduled.borrow_mut() = false;
                    draw(&canvas, &latest.borrow(), *size.borrow());
                    mark_redraw_pending(&canvas, false);
                });
            }
        });
    }
    {
        let (canvas, latest) = (canvas.clone(), latest.clone());
        use_effect_with((), move |_| redraw_on_resize(canvas, latest, size));
    }
    html! {
        <div class="chart-frame">
            <canvas id={props.id.clone()} ref={canvas} role="img" aria-label={props.label.clone()}
                class={classes!("chart", props.plot.is_none().then_some("empty"))}></canvas>
        </div>
    }
}

/// Redraws whenever the canvas's box changes size: a window resize, but also a layout change
/// with no window resize (a tab shown again, the sidebar's editor widening, an iframe resized).
/// The canvas is sized by CSS in both directions, so drawing never changes its box (no loop).
/// The size it says is kept for the redraws.
#[cfg(target_arch = "wasm32")]
fn redraw_on_resize(
    canvas: NodeRef,
    latest: Rc<RefCell<Option<Plot>>>,
    size: Rc<RefCell<Option<(f64, f64)>>>,
) -> impl FnOnce() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let target = canvas.cast::<web_sys::Element>();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The last entry's content box (`ResizeObserverEntry.contentRect`), read without a
        // web-sys feature of its own.
        let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).ok();
        let rect = field(
            &entries.get(entries.length().saturating_sub(1)),
            "contentRect",
        );
        let read = |k| {
            rect.as_ref()
                .and_then(|r| field(r, k))
                .and_then(|v| v.as_f64())
        };
        if let (Some(width), Some(height)) = (read("width"), read("height")) {
            *size.borrow_mut() = Some((width, height));
        }
        draw(&canvas, &latest.borrow(), *size.borrow());
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(target)) = (&observer, &target) {
        observer.observe(target);
    }
    move || {
        if let Some(observer) = observer {
            observer.disconnect();
        }
        drop(callback);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn redraw_on_resize(
    _canvas: NodeRef,
    _latest: Rc<RefCell<Option<Plot>>>,
    _size: Rc<RefCell<Option<(f64, f64)>>>,
) -> impl FnOnce() {
    || ()
}

/// `data-redraw-pending` on the canvas while a redraw waits for the next paint: what is on it
/// is not yet the latest data (the end-to-end tests wait for no canvas to have it).
#[cfg(target_arch = "wasm32")]
fn mark_redraw_pending(canvas: &NodeRef, pending: bool) {
    if let Some(canvas) = canvas.cast::<web_sys::Element>() {
        let _ = if pending {
            canvas.set_attribute("data-redraw-pending", "")
        } else {
            canvas.remove_attribute("data-redraw-pending")
        };
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn mark_redraw_pending(_canvas: &NodeRef, _pending: bool) {}

/// Sizes the canvas to its box (`size`, in CSS pixels, else read from the layout) at the
/// screen's pixel ratio, then draws.
#[cfg(target_arch = "wasm32")]
fn draw(canvas: &NodeRef, what: &Option<Plot>, size: Option<(f64, f64)>) {
    let (Some(canvas), Some(plot)) = (canvas.cast::<web_sys::HtmlCanvasElement>(), what) else {
        return;
    };
    let scale = gloo_utils::window().device_pixel_ratio().max(1.0);
    let (width, height) = size.unwrap_or_else(|| {
        (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        )
    });
    let width = (width * scale).round() as u32;
    let height = (height * scale).round() as u32;
    if width == 0 || height == 0 {
        return;
    }
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    let result = match plot {
        Plot::Fan(data, overlay, approximation, text) => crate::plot::draw_fans(
            &canvas,
            data,
            overlay.as_deref(),
            *approximation,
            text,
            scale,
        ),
        Plot::Hist(data, overlay, lang) => {
            crate::plot::draw_histogram(&canvas, data, overlay.as_deref(), *lang, scale)
        }
        Plot::Cohort(data, overlay, lang) => {
            crate::plot::draw_cohort(&canvas, data, overlay.as_deref(), *lang, scale)
        }
        Plot::Survival(data, overlay, lang) => {
            crate::plot::draw_survival(&canvas, data, overlay.as_deref(), *lang, scale)
        }
        Plot::Marginal(chart, lang, zoom) => {
            crate::plot_marginal::draw_marginal(&canvas, chart, *lang, scale, *zoom)
        }
        Plot::Front(chart, lang) => crate::plot_decide::draw_front(&canvas, chart, *lang, scale),
    };
    if let Err(error) = result {
        web_sys::console::error_1(&format!("chart: {error}").into());
    }
}

/// Nothing to draw on outside the browser (the app also compiles natively, for tests and lints).
#[cfg(not(target_arch = "wasm32"))]
fn draw(_canvas: &NodeRef, _what: &Option<Plot>, _size: Option<(f64, f64)>) {}
