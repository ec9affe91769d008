//! The pool's watch over its workers: a worker that fails (its `error` event) or stops
//! answering (loading, stuck in a replication, deaf to a stop) is lost, terminated and replaced,
//! and what it held goes to the others; too many losses and the pool gives up.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use parcours_core::runs::{LossReason, RunError, WorkerFailure};
use wasm_bindgen::JsCast;
use web_sys::ErrorEvent;

use super::{deliver, live, now_ms, spawn, Health, Inner, Outbox, PoolEvent};

/// How often the pool looks at its workers, in ms.
pub(super) const WATCH_MS: u32 = 250;
/// A worker holding work that has said nothing for this long is stuck (it says it is alive
/// twice a second during a long replication; a machine whose cores are shared by much else can
/// starve a worker for seconds), in ms.
const STALL_MS: f64 = 10_000.0;
/// A worker that has not read a stop or a new run after this long is terminated, in ms (it
/// reads them within about 10 ms when it runs normally: this is the net for a worker stuck in
/// one slice, not the way runs stop).
const STOP_MS: f64 = 500.0;
/// A worker still loading its WebAssembly after this long could not start, in ms.
const LOAD_MS: f64 = 60_000.0;
/// Losing this many workers within [`LOSS_WINDOW_MS`] stops replacing them: something is wrong
/// with the browser, not with one worker.
const MAX_LOSSES: usize = 6;
const LOSS_WINDOW_MS: f64 = 60_000.0;

pub(super) fn on_error(
    inner: &Rc<RefCell<Inner>>,
    index: usize,
    generation: u64,
    e: web_sys::Event,
) -> Outbox {
    e.prevent_default();
    let i = inner.borrow();
    if !live(&i, index, generation) {
        return Outbox::new();
    }
    let text = e
        .dyn_ref::<ErrorEvent>()
        .map(|e| e.message())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| e.type_());
    drop(i);
    lose(inner, index, LossReason::Crashed(text))
}

/// Worker `index` is gone: terminated and replaced, what it held goes to the others.
pub(super) fn lose(inner: &Rc<RefCell<Inner>>, index: usize, reason: LossReason) -> Outbox {
    let mut outbox = Outbox::new();
    // A worker that failed is a warning; one found slow (which a starved machine can cause)
    // is only information: the page says it anyway when the run was affected.
    let text = format!("simulation worker replaced: {reason:?}").into();
    match reason {
        LossReason::Crashed(_) | LossReason::Panicked(_) => web_sys::console::warn_1(&text),
        LossReason::Unresponsive => web_sys::console::debug_1(&text),
        LossReason::Stalled | LossReason::NotStarted => web_sys::console::info_1(&text),
    }
    let now = now_ms();
    let give_up = {
        let mut i = inner.borrow_mut();
        i.slots[index].stop_worker();
        let current = i.slots[index].current.take();
        if let Some(c) = i.current.as_mut() {
            let run = c.run;
            let held = !c.dispatch.held(index).is_empty();
            match c.dispatch.worker_lost(index, current) {
                Ok(()) if held => {
                    outbox.push((run, PoolEvent::Replaced(reason.clone())));
                    i.share_returned(index);
                }
                Ok(()) => {}
                Err(poisoned) => {
                    let failure = WorkerFailure::Poisoned {
                        index: poisoned.index,
                        reason: reason.clone(),
                    };
                    i.fail_current(RunError::Workers(failure), &mut outbox);
                }
            }
        }
        // A worker slow to read a stop is housekeeping, not a failure.
        if reason != LossReason::Unresponsive {
            i.losses.push_back(now);
        }
        while i.losses.front().is_some_and(|&t| now - t > LOSS_WINDOW_MS) {
            i.losses.pop_front();
        }
        i.given_up = i.losses.len() >= MAX_LOSSES;
        i.given_up
    };
    if give_up {
        let mut i = inner.borrow_mut();
        let failure = WorkerFailure::Unstable(i.losses.len());
        i.fail_current(RunError::Workers(failure), &mut outbox);
        i.slots[index].health = Health::Loading {
            since: f64::INFINITY,
        };
        return outbox;
    }
    match spawn(inner, index) {
        Ok(slot) => inner.borrow_mut().slots[index] = slot,
        Err(text) => {
            let mut i = inner.borrow_mut();
            i.fail_current(RunError::Workers(WorkerFailure::Start(text)), &mut outbox);
        }
    }
    inner.borrow().show_busy();
    outbox
}

/// Looks at every worker: stuck ones are replaced.
pub(super) fn watch(weak: &Weak<RefCell<Inner>>) {
    let Some(inner) = weak.upgrade() else { return };
    let now = now_ms();
    let mut stuck = Vec::new();
    let mut outbox = Outbox::new();
    {
        let mut i = inner.borrow_mut();
        let late = now - i.last_watch > 4.0 * f64::from(WATCH_MS);
        i.last_watch = now;
        if late {
            // The page itself was busy: what its workers said may still be waiting in its
            // queue. Judge them from now on.
            for slot in i.slots.iter_mut() {
                slot.last_heard = now;
                if let Some(t) = slot.unacknowledged.as_mut() {
                    *t = now;
                }
            }
            return;
        }
        for (index, slot) in i.slots.iter().enumerate() {
            match slot.health {
                Health::Loading { since } if now - since > LOAD_MS => {
                    stuck.push((index, LossReason::NotStarted))
                }
                Health::Loading { .. } => {}
                Health::Ready => {
                    let holds = i
                        .current
                        .as_ref()
                        .is_some_and(|c| !c.dispatch.held(index).is_empty());
                    if slot.unacknowledged.is_some_and(|t| now - t > STOP_MS) {
                        stuck.push((index, LossReason::Unresponsive));
                    } else if holds && now - slot.last_heard > STALL_MS {
                        stuck.push((index, LossReason::Stalled));
                    }
                }
            }
        }
        if i.given_up && i.current.is_some() {
            let failure = WorkerFailure::Unstable(i.losses.len());
            i.fail_current(RunError::Workers(failure), &mut outbox);
        }
    }
    deliver(&inner, outbox);
    for (index, reason) in stuck {
        let outbox = lose(&inner, index, reason);
        deliver(&inner, outbox);
    }
}
