//! A fan chart on a canvas, redrawn when its data, its texts or the window size change.

use std::rc::Rc;

use yew::prelude::*;

use crate::chart::{FanData, FanText};

#[derive(Properties, PartialEq)]
pub struct FanChartProps {
    /// `None` until the first replications arrive.
    pub data: Option<Rc<FanData>>,
    pub text: FanText,
    /// Accessible description of the chart.
    pub label: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

type Drawn = Option<(Rc<FanData>, FanText)>;

#[function_component(FanChart)]
pub fn fan_chart(props: &FanChartProps) -> Html {
    let canvas = use_node_ref();
    let latest = use_mut_ref(|| None as Drawn);
    {
        let (canvas, latest) = (canvas.clone(), latest.clone());
        use_effect_with(
            (props.data.clone(), props.text.clone()),
            move |(data, text)| {
                *latest.borrow_mut() = data.clone().map(|d| (d, text.clone()));
                draw(&canvas, &latest.borrow());
            },
        );
    }
    {
        let (canvas, latest) = (canvas.clone(), latest.clone());
        use_effect_with((), move |_| {
            let listener =
                gloo_events::EventListener::new(&gloo_utils::window(), "resize", move |_| {
                    draw(&canvas, &latest.borrow())
                });
            move || drop(listener)
        });
    }
    html! {
        <div class="chart-frame">
            <canvas id={props.id.clone()} ref={canvas} role="img" aria-label={props.label.clone()}
                class={classes!("chart", props.data.is_none().then_some("empty"))}></canvas>
        </div>
    }
}

/// Sizes the canvas to its box at the screen's pixel ratio, then draws.
#[cfg(target_arch = "wasm32")]
fn draw(canvas: &NodeRef, what: &Drawn) {
    let (Some(canvas), Some((data, text))) = (canvas.cast::<web_sys::HtmlCanvasElement>(), what)
    else {
        return;
    };
    let scale = gloo_utils::window().device_pixel_ratio().max(1.0);
    let width = (f64::from(canvas.client_width()) * scale).round() as u32;
    let height = (f64::from(canvas.client_height()) * scale).round() as u32;
    if width == 0 || height == 0 {
        return;
    }
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    if let Err(error) = crate::chart::draw_fan(&canvas, data, text, scale) {
        web_sys::console::error_1(&format!("chart: {error}").into());
    }
}

/// Nothing to draw on outside the browser (the app also compiles natively, for tests and lints).
#[cfg(not(target_arch = "wasm32"))]
fn draw(_canvas: &NodeRef, _what: &Drawn) {}
