//! Work done after the next paint, in a task of its own: what is already rendered (the cards
//! after a lever move) reaches the screen first, and a slow drawing is not one long task with
//! the render before it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Runs `work` in a task after the next frame is painted (an animation frame, then a timer of
/// no delay). Work asked in this order runs in this order.
pub fn after_paint(work: impl FnOnce() + 'static) {
    let frame = Closure::once_into_js(move || {
        gloo_timers::callback::Timeout::new(0, work).forget();
    });
    if gloo_utils::window()
        .request_animation_frame(frame.unchecked_ref())
        .is_err()
    {
        web_sys::console::error_1(&"requestAnimationFrame refused".into());
    }
}
