//! The summary worker: the page's baseline and scenario runs merged and summarised off the main
//! thread. The page starts one simulation worker binary more for it (`summary_worker.rs`), tells
//! it which runs to follow ([`ToWorker::Follow`], [`ToWorker::Forget`]), passes it every batch
//! the simulation workers send, still encoded ([`ToWorker::Gather`]), and asks for summaries
//! when it is ready to draw ([`ToWorker::Summarise`]): the summaries of the sides that changed
//! (`RunProgress::summary`, the engine's to the bit once a run is over or stopped) and the paired
//! comparison (`RunProgress::compare`), the very computations the page made before.

use std::cell::RefCell;

use parcours_core::runs::protocol::{Compared, FromWorker, Side, Summarised, ToWorker};
use parcours_core::runs::RunProgress;

use super::post;

/// A side's run and whether replications arrived since its last summary.
struct Followed {
    progress: RunProgress,
    stale: bool,
}

#[derive(Default)]
struct Sides {
    base: Option<Followed>,
    scen: Option<Followed>,
}

impl Sides {
    fn side(&mut self, side: Side) -> &mut Option<Followed> {
        match side {
            Side::Base => &mut self.base,
            Side::Scen => &mut self.scen,
        }
    }
}

thread_local! {
    static SIDES: RefCell<Sides> = RefCell::default();
}

/// The summary of `followed` if replications arrived since the last one.
fn summarise(followed: Option<&mut Followed>, stopped: bool) -> Option<Summarised> {
    let followed = followed.filter(|f| f.stale)?;
    followed.stale = false;
    let progress = &mut followed.progress;
    let exact = stopped || progress.is_finished();
    Some(Summarised {
        run: progress.run,
        done: progress.done(),
        summary: progress.summary(exact).map(Box::new),
    })
}

/// Handles one of the summary worker's messages (the others are the simulation's).
pub fn received(message: ToWorker) {
    SIDES.with_borrow_mut(|sides| match message {
        ToWorker::Follow {
            side,
            run,
            layout,
            seed,
            total,
        } => {
            *sides.side(side) = Some(Followed {
                progress: RunProgress::new(run, layout, seed, total),
                stale: false,
            });
        }
        ToWorker::Forget { side } => *sides.side(side) = None,
        ToWorker::Gather {
            side,
            run,
            fresh,
            replications,
        } => {
            let Some(followed) = sides.side(side).as_mut().filter(|f| f.progress.run == run) else {
                return; // a run replaced since
            };
            match replications.decode() {
                Ok(mut replications) => {
                    replications.retain(|r| fresh.contains(&r.index));
                    followed.progress.add(replications);
                    followed.stale = true;
                }
                // Bytes a simulation worker wrote: a bug of the page, said once.
                Err(e) => web_sys::console::error_1(&e.to_string().into()),
            }
        }
        ToWorker::Summarise { request, stopped } => {
            let base = summarise(sides.base.as_mut(), stopped);
            let scen = summarise(sides.scen.as_mut(), stopped);
            let compared = match (&sides.base, &sides.scen) {
                _ if base.is_none() && scen.is_none() => None,
                (Some(b), Some(s)) => Some(Compared {
                    base_run: b.progress.run,
                    scen_run: s.progress.run,
                    comparison: b.progress.compare(&s.progress).ok(),
                }),
                _ => None,
            };
            post(&FromWorker::Summaries {
                request,
                base,
                scen,
                compared,
            });
        }
        _ => super::not_mine("summary"),
    });
}
