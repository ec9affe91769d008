//! The address always holds the state's link: written `LINK_WRITE_MS` after the last change with
//! `history.replaceState` (no history entry per lever move, and no re-render: one would put back
//! the shown value of a field being typed in). A link pasted into the address of an open page, or
//! Back / Forward after opening a library entry, is opened.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use parcours_core::link;
use parcours_core::state::Same;
use yew::prelude::*;

use crate::web::address::{hash, set_hash};

/// Wait after the last change before the address is rewritten with the state's link, in ms
/// (longer than the run's debounce: encoding deflates the whole scenario).
const LINK_WRITE_MS: u32 = 300;

pub struct Address {
    /// The link of what is on screen now (for copying and saving: no wait for the debounce).
    pub current_link: Callback<(), String>,
    /// Opens a library entry in a new history entry: Back returns to the scenario shown before.
    pub open_entry: Callback<String>,
}

/// `keep_bad_link`: the address at start-up held a link that could not be opened; it stays there
/// until the first change, so it is not lost. `open`: opens a link fragment.
#[hook]
pub fn use_address(state: Rc<link::State>, keep_bad_link: bool, open: Callback<String>) -> Address {
    let keep_bad_link = use_mut_ref(|| keep_bad_link);
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    {
        let (keep_bad_link, timer) = (keep_bad_link.clone(), timer.clone());
        use_effect_with(Same(state.clone()), move |state| {
            let state = state.0.clone();
            // The entry this state is shown in. If the address moved meanwhile (Back or Forward,
            // whose `hashchange` may come after this timer; a library entry pushed), the write
            // would land in another entry: it is dropped, the page follows the address instead.
            let shown_at = hash();
            *timer.borrow_mut() = Some(Timeout::new(LINK_WRITE_MS, move || {
                if hash() != shown_at {
                    return;
                }
                let fragment = link::encode(&state);
                if !std::mem::take(&mut *keep_bad_link.borrow_mut()) {
                    set_hash(&fragment, false);
                }
            }));
        });
    }
    // replaceState and pushState fire no `hashchange`: this is always the user. A pending write
    // of the state shown until now must not land in the entry navigated to.
    {
        let (timer, open) = (timer.clone(), open.clone());
        use_effect_with((), move |_| {
            let listener =
                gloo_events::EventListener::new(&gloo_utils::window(), "hashchange", move |_| {
                    timer.borrow_mut().take();
                    open.emit(hash());
                });
            move || drop(listener)
        });
    }
    let current_link = {
        let state = state.clone();
        Callback::from(move |_: ()| link::encode(&state))
    };
    // Written into the current entry first: the debounced write may not have happened yet.
    let open_entry = Callback::from(move |fragment: String| {
        set_hash(&link::encode(&state), false);
        set_hash(&fragment, true);
        open.emit(fragment);
    });
    Address {
        current_link,
        open_entry,
    }
}
