//! Modal `<dialog>`s: open and close one by its `NodeRef`, and [`use_modal`], a dialog whose body
//! is built only while it is open (a closed dialog's body is nodes nobody sees, built at start-up
//! and diffed at every render of its component otherwise).

use web_sys::HtmlDialogElement;
use yew::prelude::*;

/// Opens a modal `<dialog>` (a refusal is logged at debug level: the page goes on).
pub fn show_modal(dialog: &NodeRef) {
    if let Some(d) = dialog.cast::<HtmlDialogElement>() {
        if let Err(e) = d.show_modal() {
            web_sys::console::debug_2(&"Parcours: dialog not opened:".into(), &e);
        }
    }
}

pub fn close(dialog: &NodeRef) {
    if let Some(d) = dialog.cast::<HtmlDialogElement>() {
        d.close();
    }
}

/// A modal dialog built when shown: `ref={node}`, `onclose={on_close}` on the `<dialog>`, its body
/// rendered `if open`.
#[derive(Clone, PartialEq)]
pub struct Modal {
    pub node: NodeRef,
    /// Open (or opening): the body is rendered.
    pub open: bool,
    /// Renders the body, then opens the dialog (after that render, so the focus goes to the
    /// body's first control as it would have).
    pub show: Callback<MouseEvent>,
    /// Closes the dialog (its « Fermer » button).
    pub shut: Callback<MouseEvent>,
    /// The dialog's `close` event (its button, Escape, the form): the body goes.
    pub on_close: Callback<Event>,
}

#[hook]
pub fn use_modal() -> Modal {
    let node = use_node_ref();
    let open = use_state(|| false);
    {
        let node = node.clone();
        use_effect_with(*open, move |open| {
            if *open {
                show_modal(&node);
            }
        });
    }
    let show = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    let shut = {
        let node = node.clone();
        Callback::from(move |_: MouseEvent| close(&node))
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |_: Event| open.set(false))
    };
    Modal {
        node,
        open: *open,
        show,
        shut,
        on_close,
    }
}
